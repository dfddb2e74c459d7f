//! Resolution: from a model to a graph, reporting identity and reference problems.
//!
//! One file per family, run in this order (each may use what the ones before filled):
//! `names` (the name indexes), `organisation`, `dcim`, `ipam`, `interfaces`,
//! `primary_ips`, `cables`, `services`, `config_contexts`. This file owns what they share:
//! the [`Builder`] that holds the graph being filled and the diagnostics, and the lookups
//! by name (`resolve`, `resolve_opt`, `resolve_in_site`, `resolve_tags`) that report
//! NS0301 (unresolved-reference, with "did you mean") and NS0302 (ambiguous-reference).

mod cables;
mod config_contexts;
mod dcim;
mod interfaces;
mod ipam;
mod names;
mod organisation;
mod primary_ips;
mod services;

use std::collections::HashMap;

pub use interfaces::validate_dns_name;

use crate::diag::{codes, suggestion_help, Diagnostic, Location};
use crate::graph::index::{NameIndex, SiteLookup};
use crate::graph::Graph;
use crate::model::config::Config;
use crate::model::{Model, Text};
use crate::timing::Timings;

/// Resolves every reference of `model`. Never fails; problems are diagnostics.
pub fn build(model: Model, config: &Config, timings: &Timings) -> (Graph, Vec<Diagnostic>) {
    let mut types_by_model: HashMap<String, Option<u32>> = HashMap::new();
    for (i, t) in model.device_types.iter().enumerate() {
        types_by_model
            .entry(t.data.model.value.clone())
            .and_modify(|e| *e = None)
            .or_insert(Some(i as u32));
    }
    let mut builder = Builder {
        graph: Graph {
            model: std::sync::Arc::new(model),
            ..Graph::default()
        },
        diagnostics: std::sync::Mutex::new(Vec::new()),
        config,
        types_by_model,
        timings,
        suggestions: crate::diag::SuggestionBudget::default(),
    };
    // Each family is one step of `NETSOT_TIMINGS=2`, named after its method.
    macro_rules! steps {
        ($($step:ident),*) => {$(
            timings.time(|| format!("resolve/{}", stringify!($step)), || builder.$step());
        )*};
    }
    steps!(
        index,
        resolve_organisation,
        resolve_dcim,
        resolve_ipam,
        resolve_interfaces,
        resolve_primary_ips,
        resolve_cables,
        resolve_services,
        resolve_config_contexts
    );
    let mut diagnostics = builder
        .diagnostics
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    builder.suggestions.finish(&mut diagnostics);
    (builder.graph, diagnostics)
}

struct Builder<'a> {
    graph: Graph,
    /// Lookups take `&self` and report through the lock, so that independent lookups can
    /// run on all threads; the order of reports does not matter, as diagnostics are sorted
    /// by their whole content at the end (`diag::sort_and_dedup`).
    diagnostics: std::sync::Mutex<Vec<Diagnostic>>,
    #[allow(
        dead_code,
        reason = "policy switches are read by the checks; kept for resolution options"
    )]
    config: &'a Config,
    /// Device types by bare model name; `None` when several types share the model.
    types_by_model: HashMap<String, Option<u32>>,
    /// Where the families with steps of their own (DCIM, interfaces) report them.
    timings: &'a Timings,
    /// "Did you mean" work is bounded per compilation: unresolved references are each
    /// compared with every name of their collection.
    suggestions: crate::diag::SuggestionBudget,
}

impl Builder<'_> {
    fn push(&self, diagnostic: Diagnostic) {
        self.diagnostics
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(diagnostic);
    }

    /// Resolves a reference against a name index, reporting a dangling one.
    fn resolve(&self, which: Which, reference: &Text, file: crate::diag::FileId) -> Option<u32> {
        let (kind, collection) = which.names();
        let idx = self.index_of(which);
        if let Some(found) = idx.get(&reference.value) {
            return Some(found);
        }
        if self
            .graph
            .model
            .failed
            .contains(&(collection, reference.value.clone()))
        {
            return None;
        }
        let suggestions = self.suggestions.did_you_mean(&reference.value, idx.keys());
        let mut diagnostic = Diagnostic::new(
            &codes::UNRESOLVED_REFERENCE,
            format!("no {kind} named `{}`", reference.value),
        )
        .at(Location::new(file, reference.span));
        diagnostic.help = suggestion_help(&suggestions).or_else(|| {
            idx.is_empty()
                .then(|| format!("no {kind} is defined; add it under `{collection}`"))
        });
        self.push(diagnostic);
        None
    }

    fn resolve_opt(
        &self,
        which: Which,
        reference: Option<&Text>,
        file: crate::diag::FileId,
    ) -> Option<u32> {
        reference.and_then(|r| self.resolve(which, r, file))
    }

    fn index_of(&self, which: Which) -> &NameIndex {
        let ix = &self.graph.indexes;
        match which {
            Which::Tags => &ix.tags,
            Which::TenantGroups => &ix.tenant_groups,
            Which::Tenants => &ix.tenants,
            Which::Regions => &ix.regions,
            Which::SiteGroups => &ix.site_groups,
            Which::Sites => &ix.sites,
            Which::Manufacturers => &ix.manufacturers,
            Which::DeviceTypes => &ix.device_types,
            Which::DeviceRoles => &ix.device_roles,
            Which::Platforms => &ix.platforms,
            Which::VirtualChassis => &ix.virtual_chassis,
            Which::Vrfs => &ix.vrfs,
            Which::RouteTargets => &ix.route_targets,
            Which::Rirs => &ix.rirs,
            Which::VlanGroups => &ix.vlan_groups,
            Which::ClusterTypes => &ix.cluster_types,
            Which::ClusterGroups => &ix.cluster_groups,
            Which::Clusters => &ix.clusters,
            Which::VirtualMachines => &ix.virtual_machines,
            Which::Providers => &ix.providers,
            Which::CircuitTypes => &ix.circuit_types,
        }
    }

    /// Resolves a site-scoped reference from `site`.
    fn resolve_in_site(
        &self,
        which: SiteWhich,
        site: Option<u32>,
        reference: &Text,
        file: crate::diag::FileId,
    ) -> Option<u32> {
        let (kind, collection) = which.names();
        let ix = &self.graph.indexes;
        let index = match which {
            SiteWhich::Locations => &ix.locations,
            SiteWhich::Racks => &ix.racks,
            SiteWhich::Devices => &ix.devices,
            SiteWhich::Vlans => &ix.vlans,
        };
        let location = Location::new(file, reference.span);
        match index.lookup(site, &reference.value, &ix.sites) {
            SiteLookup::Found(found) => Some(found),
            SiteLookup::Ambiguous(candidates) => {
                let qualified: Vec<String> = candidates
                    .iter()
                    .map(|&c| self.qualified(which, c))
                    .collect();
                let diagnostic = Diagnostic::new(
                    &codes::AMBIGUOUS_REFERENCE,
                    format!(
                        "{kind} `{}` exists in several sites: {}",
                        reference.value,
                        qualified.join(", ")
                    ),
                )
                .at(location)
                .with_help(format!("qualify it with its site, e.g. `{}`", qualified[0]));
                self.push(diagnostic);
                None
            }
            SiteLookup::Missing => {
                if self
                    .graph
                    .model
                    .failed
                    .contains(&(collection, reference.value.clone()))
                {
                    return None;
                }
                let suggestions = self
                    .suggestions
                    .did_you_mean(&reference.value, index.names());
                let mut diagnostic = Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!("no {kind} named `{}`", reference.value),
                )
                .at(location);
                diagnostic.help = suggestion_help(&suggestions);
                self.push(diagnostic);
                None
            }
        }
    }

    /// `SITE/NAME` of a site-scoped object.
    fn qualified(&self, which: SiteWhich, index: u32) -> String {
        let m = &self.graph.model;
        let (site, name) = match which {
            SiteWhich::Locations => (
                Some(&m.locations[index as usize].data.site),
                &m.locations[index as usize].data.name,
            ),
            SiteWhich::Racks => (
                Some(&m.racks[index as usize].data.site),
                &m.racks[index as usize].data.name,
            ),
            SiteWhich::Devices => (
                Some(&m.devices[index as usize].data.site),
                &m.devices[index as usize].data.name,
            ),
            SiteWhich::Vlans => (
                m.vlans[index as usize].data.site.as_ref(),
                &m.vlans[index as usize].data.name,
            ),
        };
        match site {
            Some(site) => format!("{}/{}", site.value, name.value),
            None => name.value.clone(),
        }
    }

    fn resolve_tags(&self, tags: &[Text], file: crate::diag::FileId) -> Vec<u32> {
        tags.iter()
            .filter_map(|tag| self.resolve(Which::Tags, tag, file))
            .collect()
    }
}

#[derive(Clone, Copy)]
enum Which {
    Tags,
    TenantGroups,
    Tenants,
    Regions,
    SiteGroups,
    Sites,
    Manufacturers,
    #[allow(
        dead_code,
        reason = "device types resolve through resolve_device_type, which also accepts bare models"
    )]
    DeviceTypes,
    DeviceRoles,
    Platforms,
    VirtualChassis,
    Vrfs,
    RouteTargets,
    Rirs,
    VlanGroups,
    ClusterTypes,
    ClusterGroups,
    Clusters,
    VirtualMachines,
    Providers,
    CircuitTypes,
}

#[derive(Clone, Copy)]
enum SiteWhich {
    Locations,
    Racks,
    Devices,
    Vlans,
}

impl Which {
    /// What a reference to the collection is called in messages, and the collection's name
    /// in data files.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Which::Tags => ("tag", "tags"),
            Which::TenantGroups => ("tenant group", "tenant_groups"),
            Which::Tenants => ("tenant", "tenants"),
            Which::Regions => ("region", "regions"),
            Which::SiteGroups => ("site group", "site_groups"),
            Which::Sites => ("site", "sites"),
            Which::Manufacturers => ("manufacturer", "manufacturers"),
            Which::DeviceTypes => ("device type", "device_types"),
            Which::DeviceRoles => ("device role", "device_roles"),
            Which::Platforms => ("platform", "platforms"),
            Which::VirtualChassis => ("virtual chassis", "virtual_chassis"),
            Which::Vrfs => ("VRF", "vrfs"),
            Which::RouteTargets => ("route target", "route_targets"),
            Which::Rirs => ("RIR", "rirs"),
            Which::VlanGroups => ("VLAN group", "vlan_groups"),
            Which::ClusterTypes => ("cluster type", "cluster_types"),
            Which::ClusterGroups => ("cluster group", "cluster_groups"),
            Which::Clusters => ("cluster", "clusters"),
            Which::VirtualMachines => ("virtual machine", "virtual_machines"),
            Which::Providers => ("provider", "providers"),
            Which::CircuitTypes => ("circuit type", "circuit_types"),
        }
    }
}

impl SiteWhich {
    /// As [`Which::names`].
    fn names(self) -> (&'static str, &'static str) {
        match self {
            SiteWhich::Locations => ("location", "locations"),
            SiteWhich::Racks => ("rack", "racks"),
            SiteWhich::Devices => ("device", "devices"),
            SiteWhich::Vlans => ("VLAN", "vlans"),
        }
    }
}
