//! Resolution: from a model to a graph, reporting identity and reference problems.

use std::collections::HashMap;

use ipnet::IpNet;

use super::index::{duplicate, NameIndex, SiteIndex, SiteLookup};
use super::*;
use crate::diag::{codes, suggestion_help, Diagnostic, Location};
use crate::model::config::Config;
use crate::model::dcim::{EndpointRef, TerminationType};
use crate::model::{Obj, Spanned, Text};
use rayon::prelude::*;

/// Resolves every reference of `model`. Never fails; problems are diagnostics.
pub fn build(model: Model, config: &Config) -> (Graph, Vec<Diagnostic>) {
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
        suggestions: crate::diag::SuggestionBudget::default(),
    };
    let verbose = std::env::var("NETSOT_TIMINGS").as_deref() == Ok("2");
    macro_rules! steps {
        ($($step:ident),*) => {$(
            let start = std::time::Instant::now();
            builder.$step();
            if verbose {
                eprintln!("timing: resolve/{:<28} {:>9.3} s", stringify!($step), start.elapsed().as_secs_f64());
            }
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
    /// "Did you mean" work is bounded per compilation: unresolved references are each
    /// compared with every name of their collection.
    suggestions: crate::diag::SuggestionBudget,
}

/// Indexes a collection by name (and slug), reporting duplicates.
fn index_named<T>(
    objects: &[Obj<T>],
    kind: &str,
    key: impl Fn(&T) -> (&Text, Option<&Text>),
    diagnostics: &mut Vec<Diagnostic>,
) -> NameIndex {
    let mut index = NameIndex::default();
    for (i, object) in objects.iter().enumerate() {
        let (name, slug) = key(&object.data);
        if let Some(first) = index.insert(&name.value, i as u32) {
            let (first_name, _) = key(&objects[first as usize].data);
            diagnostics.push(duplicate(
                kind,
                &name.value,
                object.at(name),
                objects[first as usize].at(first_name),
            ));
        }
        if let Some(slug) = slug {
            if slug.value != name.value {
                let _ = index.insert(&slug.value, i as u32);
            }
        }
    }
    index
}

impl Builder<'_> {
    fn push(&self, diagnostic: Diagnostic) {
        self.diagnostics
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(diagnostic);
    }

    fn index(&mut self) {
        let m = &self.graph.model;
        let d = self
            .diagnostics
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let ix = &mut self.graph.indexes;
        ix.tags = index_named(&m.tags, "tag", |o| (&o.name, o.slug.as_ref()), d);
        ix.tenant_groups = index_named(
            &m.tenant_groups,
            "tenant group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.tenants = index_named(&m.tenants, "tenant", |o| (&o.name, o.slug.as_ref()), d);
        ix.regions = index_named(&m.regions, "region", |o| (&o.name, o.slug.as_ref()), d);
        ix.site_groups = index_named(
            &m.site_groups,
            "site group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.sites = index_named(&m.sites, "site", |o| (&o.name, o.slug.as_ref()), d);
        ix.manufacturers = index_named(
            &m.manufacturers,
            "manufacturer",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.device_roles = index_named(
            &m.device_roles,
            "device role",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.platforms = index_named(&m.platforms, "platform", |o| (&o.name, o.slug.as_ref()), d);
        ix.virtual_chassis = index_named(
            &m.virtual_chassis,
            "virtual chassis",
            |o| (&o.name, None),
            d,
        );
        ix.vrfs = index_named(&m.vrfs, "VRF", |o| (&o.name, None), d);
        ix.route_targets = index_named(&m.route_targets, "route target", |o| (&o.name, None), d);
        ix.rirs = index_named(&m.rirs, "RIR", |o| (&o.name, o.slug.as_ref()), d);
        ix.vlan_groups = index_named(
            &m.vlan_groups,
            "VLAN group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.cluster_types = index_named(
            &m.cluster_types,
            "cluster type",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.cluster_groups = index_named(
            &m.cluster_groups,
            "cluster group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.clusters = index_named(&m.clusters, "cluster", |o| (&o.name, None), d);
        ix.virtual_machines = index_named(
            &m.virtual_machines,
            "virtual machine",
            |o| (&o.name, None),
            d,
        );
        ix.providers = index_named(&m.providers, "provider", |o| (&o.name, o.slug.as_ref()), d);
        ix.circuit_types = index_named(
            &m.circuit_types,
            "circuit type",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.circuits = index_named(&m.circuits, "circuit", |o| (&o.cid, None), d);
        ix.custom_fields = index_named(&m.custom_fields, "custom field", |o| (&o.name, None), d);
        ix.config_contexts =
            index_named(&m.config_contexts, "config context", |o| (&o.name, None), d);

        // Device types: by `Manufacturer/Model` (unique, as NetBox's constraint) and by slug.
        let mut types = NameIndex::default();
        for (i, object) in m.device_types.iter().enumerate() {
            let t = &object.data;
            let key = format!("{}/{}", t.manufacturer.value, t.model.value);
            if let Some(first) = types.insert(&key, i as u32) {
                let first = &m.device_types[first as usize];
                d.push(duplicate(
                    "device type",
                    &key,
                    object.at(&t.model),
                    first.at(&first.data.model),
                ));
                continue;
            }
            let slug = t.effective_slug();
            if let Some(first) = types.insert(&slug, i as u32) {
                let first = &m.device_types[first as usize];
                let slug_span = t.slug.as_ref().map_or(t.model.span, |s| s.span);
                d.push(duplicate(
                    "device type slug",
                    &slug,
                    Location::new(object.file, slug_span),
                    first.at(&first.data.model),
                ));
            }
        }
        ix.device_types = types;
        let mut module_types = NameIndex::default();
        for (i, object) in m.module_types.iter().enumerate() {
            let key = format!(
                "{}/{}",
                object.data.manufacturer.value, object.data.model.value
            );
            if let Some(first) = module_types.insert(&key, i as u32) {
                let first = &m.module_types[first as usize];
                d.push(duplicate(
                    "module type",
                    &key,
                    object.at(&object.data.model),
                    first.at(&first.data.model),
                ));
            }
        }
        ix.module_types = module_types;
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

    fn resolve_organisation(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.tenants {
            self.resolve_opt(Which::TenantGroups, o.data.group.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file);
        }
        let tenant_groups: Vec<Option<u32>> = model
            .tenants
            .iter()
            .map(|o| {
                o.data
                    .group
                    .as_ref()
                    .and_then(|g| self.graph.indexes.tenant_groups.get(&g.value))
            })
            .collect();
        self.graph.tenant_groups = tenant_groups;
        let tenant_group_parents: Vec<Option<u32>> = model
            .tenant_groups
            .iter()
            .map(|o| self.resolve_opt(Which::TenantGroups, o.data.parent.as_ref(), o.file))
            .collect();
        self.report_cycles("tenant group", &tenant_group_parents, |i| {
            model.tenant_groups[i].at(&model.tenant_groups[i].data.name)
        });
        let region_parents: Vec<Option<u32>> = model
            .regions
            .iter()
            .map(|o| self.resolve_opt(Which::Regions, o.data.parent.as_ref(), o.file))
            .collect();
        self.report_cycles("region", &region_parents, |i| {
            model.regions[i].at(&model.regions[i].data.name)
        });
        let group_parents: Vec<Option<u32>> = model
            .site_groups
            .iter()
            .map(|o| self.resolve_opt(Which::SiteGroups, o.data.parent.as_ref(), o.file))
            .collect();
        self.report_cycles("site group", &group_parents, |i| {
            model.site_groups[i].at(&model.site_groups[i].data.name)
        });
        self.graph.tenant_group_parents = tenant_group_parents;
        self.graph.region_parents = region_parents;
        self.graph.site_group_parents = group_parents;

        self.graph.sites = model
            .sites
            .iter()
            .map(|o| {
                self.resolve_tags(&o.data.tags, o.file);
                SiteNode {
                    region: self.resolve_opt(Which::Regions, o.data.region.as_ref(), o.file),
                    group: self.resolve_opt(Which::SiteGroups, o.data.group.as_ref(), o.file),
                    tenant: self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file),
                }
            })
            .collect();

        // Locations are unique within their site.
        let mut locations = SiteIndex::default();
        let mut nodes = Vec::with_capacity(model.locations.len());
        for (i, o) in model.locations.iter().enumerate() {
            let site = self.resolve(Which::Sites, &o.data.site, o.file);
            if let Some(first) =
                locations.insert(site.unwrap_or(u32::MAX), &o.data.name.value, i as u32)
            {
                let first = &model.locations[first as usize];
                self.push(duplicate(
                    "location",
                    &o.data.name.value,
                    o.at(&o.data.name),
                    first.at(&first.data.name),
                ));
            }
            self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file);
            nodes.push(LocationNode { site, parent: None });
        }
        self.graph.indexes.locations = locations;
        drop(model);
        let model = std::sync::Arc::clone(&self.graph.model);
        for (i, o) in model.locations.iter().enumerate() {
            let site = nodes[i].site;
            let parent = o.data.parent.as_ref().and_then(|p| {
                let found = self.resolve_in_site(SiteWhich::Locations, site, p, o.file)?;
                if nodes[found as usize].site != site {
                    self.push(
                        Diagnostic::new(
                            &codes::CROSS_SITE_REFERENCE,
                            format!("parent location `{}` is in another site", p.value),
                        )
                        .at(o.at(p)),
                    );
                }
                Some(found)
            });
            nodes[i].parent = parent;
        }
        let parents: Vec<Option<u32>> = nodes.iter().map(|n| n.parent).collect();
        self.report_cycles("location", &parents, |i| {
            model.locations[i].at(&model.locations[i].data.name)
        });
        self.graph.locations = nodes;
        drop(model);
    }

    /// Reports every object whose parent chain returns to itself, once per cycle.
    fn report_cycles(
        &self,
        kind: &str,
        parents: &[Option<u32>],
        location: impl Fn(usize) -> Location,
    ) {
        // 0 unvisited, 1 on the current path, 2 done.
        let mut state = vec![0u8; parents.len()];
        for start in 0..parents.len() {
            let mut path = Vec::new();
            let mut current = Some(start as u32);
            while let Some(node) = current {
                match state[node as usize] {
                    2 => break,
                    1 => {
                        let cycle_start = path.iter().position(|&p| p == node).unwrap_or(0);
                        let members = &path[cycle_start..];
                        let first = *members.iter().min().unwrap_or(&node) as usize;
                        let mut diagnostic = Diagnostic::new(
                            &codes::PARENT_CYCLE,
                            format!("the {kind} parents form a cycle"),
                        )
                        .at(location(first));
                        for &member in members.iter().filter(|&&m| m as usize != first) {
                            diagnostic = diagnostic
                                .with_secondary(location(member as usize), "part of the cycle");
                        }
                        self.push(diagnostic);
                        break;
                    }
                    _ => {
                        state[node as usize] = 1;
                        path.push(node);
                        current = parents[node as usize];
                    }
                }
            }
            for node in path {
                state[node as usize] = 2;
            }
        }
    }

    fn resolve_dcim(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut step = crate::compile::Steps::new("resolve/dcim");
        for o in &model.platforms {
            if let Some(manufacturer) = &o.data.manufacturer {
                if self
                    .graph
                    .indexes
                    .manufacturers
                    .get(&manufacturer.value)
                    .is_none()
                    && !model
                        .device_types
                        .iter()
                        .any(|t| t.data.manufacturer.value == manufacturer.value)
                {
                    self.resolve(Which::Manufacturers, manufacturer, o.file);
                }
            }
        }
        // Racks are unique within their site.
        let mut racks = SiteIndex::with_capacity(model.racks.len());
        let mut rack_nodes = Vec::with_capacity(model.racks.len());
        for (i, o) in model.racks.iter().enumerate() {
            let site = self.resolve(Which::Sites, &o.data.site, o.file);
            if let Some(first) =
                racks.insert(site.unwrap_or(u32::MAX), &o.data.name.value, i as u32)
            {
                let first = &model.racks[first as usize];
                self.push(duplicate(
                    "rack",
                    &o.data.name.value,
                    o.at(&o.data.name),
                    first.at(&first.data.name),
                ));
            }
            let location = o.data.location.as_ref().and_then(|l| {
                let found = self.resolve_in_site(SiteWhich::Locations, site, l, o.file)?;
                if site.is_some() && self.graph.locations[found as usize].site != site {
                    self.push(
                        Diagnostic::new(
                            &codes::CROSS_SITE_REFERENCE,
                            format!(
                                "location `{}` is not in the rack's site `{}`",
                                l.value, o.data.site.value
                            ),
                        )
                        .at(o.at(l)),
                    );
                }
                Some(found)
            });
            self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file);
            rack_nodes.push(RackNode { site, location });
        }
        self.graph.racks = rack_nodes;
        self.graph.indexes.racks = racks;

        step.done("racks");
        // A device's references are independent lookups, on all threads.
        let device_nodes: Vec<DeviceNode> = model
            .devices
            .par_iter()
            .map(|o| {
                let data = &o.data;
                let site = self.resolve(Which::Sites, &data.site, o.file);
                let rack = data.rack.as_ref().and_then(|r| {
                    let found = self.resolve_in_site(SiteWhich::Racks, site, r, o.file)?;
                    let rack_site = self.graph.racks[found as usize].site;
                    if site.is_some() && rack_site.is_some() && rack_site != site {
                        self.push(
                            Diagnostic::new(
                                &codes::CROSS_SITE_REFERENCE,
                                format!(
                                    "rack `{}` is in site `{}`, not in the device's site `{}`",
                                    r.value,
                                    model.racks[found as usize].data.site.value,
                                    data.site.value
                                ),
                            )
                            .at(o.at(r)),
                        );
                    }
                    Some(found)
                });
                let location = data.location.as_ref().and_then(|l| {
                    let found = self.resolve_in_site(SiteWhich::Locations, site, l, o.file)?;
                    if site.is_some() && self.graph.locations[found as usize].site != site {
                        self.push(
                            Diagnostic::new(
                                &codes::CROSS_SITE_REFERENCE,
                                format!("location `{}` is not in the device's site", l.value),
                            )
                            .at(o.at(l)),
                        );
                    }
                    Some(found)
                });
                let device_type = self.resolve_device_type(&data.device_type, o.file, &model);
                let node = DeviceNode {
                    site,
                    location,
                    rack,
                    device_type,
                    role: self.resolve(Which::DeviceRoles, &data.role, o.file),
                    platform: self.resolve_opt(Which::Platforms, data.platform.as_ref(), o.file),
                    tenant: self.resolve_opt(Which::Tenants, data.tenant.as_ref(), o.file),
                    cluster: self.resolve_opt(Which::Clusters, data.cluster.as_ref(), o.file),
                    virtual_chassis: self.resolve_opt(
                        Which::VirtualChassis,
                        data.virtual_chassis.as_ref(),
                        o.file,
                    ),
                    tags: self.resolve_tags(&data.tags, o.file),
                    ..DeviceNode::default()
                };
                node
            })
            .collect();
        step.done("devices");
        // Devices are unique within their site, the first one kept.
        let mut devices = SiteIndex::with_capacity(model.devices.len());
        for (i, (o, node)) in model.devices.iter().zip(&device_nodes).enumerate() {
            let data = &o.data;
            if let Some(first) =
                devices.insert(node.site.unwrap_or(u32::MAX), &data.name.value, i as u32)
            {
                let first = &model.devices[first as usize];
                self.push(duplicate(
                    "device",
                    &data.name.value,
                    o.at(&data.name),
                    first.at(&first.data.name),
                ));
            }
        }
        self.graph.devices = device_nodes;
        self.graph.indexes.devices = devices;

        step.done("device index");
        for o in &model.cluster_groups {
            let _ = o;
        }
        drop(model);
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.clusters {
            let kind = self.resolve(Which::ClusterTypes, &o.data.kind, o.file);
            let group = self.resolve_opt(Which::ClusterGroups, o.data.group.as_ref(), o.file);
            let site = self.resolve_opt(Which::Sites, o.data.site.as_ref(), o.file);
            let tenant = self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file);
            self.graph.clusters.push(ClusterNode {
                kind,
                group,
                site,
                tenant,
            });
        }
        step.done("clusters");
        let mut vm_nodes = Vec::with_capacity(model.virtual_machines.len());
        for o in &model.virtual_machines {
            let data = &o.data;
            let cluster = self.resolve_opt(Which::Clusters, data.cluster.as_ref(), o.file);
            let site = self
                .resolve_opt(Which::Sites, data.site.as_ref(), o.file)
                .or_else(|| {
                    cluster
                        .and_then(|c| model.clusters[c as usize].data.site.as_ref())
                        .and_then(|s| self.graph.indexes.sites.get(&s.value))
                });
            vm_nodes.push(VirtualMachineNode {
                site,
                cluster,
                role: self.resolve_opt(Which::DeviceRoles, data.role.as_ref(), o.file),
                platform: self.resolve_opt(Which::Platforms, data.platform.as_ref(), o.file),
                tenant: self.resolve_opt(Which::Tenants, data.tenant.as_ref(), o.file),
                tags: self.resolve_tags(&data.tags, o.file),
                ..VirtualMachineNode::default()
            });
        }
        self.graph.virtual_machines = vm_nodes;
        step.done("virtual machines");
        for o in &model.virtual_chassis {
            self.resolve_tags(&o.data.tags, o.file);
        }
        for o in &model.circuits {
            self.resolve(Which::Providers, &o.data.provider, o.file);
            self.resolve(Which::CircuitTypes, &o.data.kind, o.file);
            self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
            for termination in [&o.data.termination_a, &o.data.termination_z]
                .into_iter()
                .flatten()
            {
                self.resolve_opt(Which::Sites, termination.value.site.as_ref(), o.file);
            }
            self.resolve_tags(&o.data.tags, o.file);
        }
        drop(model);
    }

    fn resolve_device_type(
        &self,
        reference: &Text,
        file: crate::diag::FileId,
        model: &Model,
    ) -> Option<u32> {
        if let Some(found) = self.graph.indexes.device_types.get(&reference.value) {
            return Some(found);
        }
        // A bare model name is accepted when exactly one type has it.
        if let Some(Some(index)) = self.types_by_model.get(&reference.value) {
            return Some(*index);
        }
        if self
            .graph
            .model
            .failed
            .contains(&("device_types", reference.value.clone()))
        {
            return None;
        }
        let keys: Vec<String> = model
            .device_types
            .iter()
            .map(|t| format!("{}/{}", t.data.manufacturer.value, t.data.model.value))
            .collect();
        let suggestions = self
            .suggestions
            .did_you_mean(&reference.value, keys.iter().map(String::as_str));
        let mut diagnostic = Diagnostic::new(
            &codes::UNRESOLVED_REFERENCE,
            format!("no device type `{}`", reference.value),
        )
        .at(Location::new(file, reference.span));
        diagnostic.help = suggestion_help(&suggestions).or_else(|| {
            Some("name a type as `Manufacturer/Model` or by its slug; types come from `device_types` in data files or the device-type folders of netsot.yaml".into())
        });
        self.push(diagnostic);
        None
    }

    fn resolve_ipam(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.vrfs {
            self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
            for target in o.data.import_targets.iter().chain(&o.data.export_targets) {
                self.resolve(Which::RouteTargets, target, o.file);
            }
            self.resolve_tags(&o.data.tags, o.file);
        }
        self.graph.aggregates = model
            .aggregates
            .par_iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let rir = self.resolve(Which::Rirs, &o.data.rir, o.file);
                self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
                let prefix = self.parse_prefix(&o.data.prefix, o.file)?;
                Some(AggregateNode {
                    prefix,
                    rir,
                    object: i as u32,
                })
            })
            .collect();
        for o in &model.asns {
            self.resolve(Which::Rirs, &o.data.rir, o.file);
        }

        // VLAN groups, then VLANs, unique by name within their site or group.
        self.graph.vlan_groups = model
            .vlan_groups
            .iter()
            .map(|o| VlanGroupNode {
                site: self.resolve_opt(Which::Sites, o.data.site.as_ref(), o.file),
            })
            .collect();
        let mut vlans = SiteIndex::with_capacity(model.vlans.len());
        let mut vlan_nodes = Vec::with_capacity(model.vlans.len());
        for (i, o) in model.vlans.iter().enumerate() {
            let site = self.resolve_opt(Which::Sites, o.data.site.as_ref(), o.file);
            let group = self.resolve_opt(Which::VlanGroups, o.data.group.as_ref(), o.file);
            if let (Some(site), Some(group)) = (site, group) {
                if let Some(group_site) = self.graph.vlan_groups[group as usize].site {
                    if group_site != site {
                        self.push(
                            Diagnostic::new(
                                &codes::CROSS_SITE_REFERENCE,
                                "the VLAN's group is scoped to another site".to_string(),
                            )
                            .at(o.at(o
                                .data
                                .group
                                .as_ref()
                                .expect("group resolved"))),
                        );
                    }
                }
            }
            // Name uniqueness within group or site is the VLAN family's check; the index keeps the first.
            let scope = site
                .or_else(|| group.and_then(|g| self.graph.vlan_groups[g as usize].site))
                .unwrap_or(u32::MAX);
            let _ = vlans.insert(scope, &o.data.name.value, i as u32);
            vlan_nodes.push(VlanNode {
                site: site.or_else(|| group.and_then(|g| self.graph.vlan_groups[g as usize].site)),
                group,
                tenant: self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file),
            });
            self.resolve_tags(&o.data.tags, o.file);
        }
        self.graph.vlans = vlan_nodes;
        self.graph.indexes.vlans = vlans;
        drop(model);
        let model = std::sync::Arc::clone(&self.graph.model);

        self.graph.prefixes = model
            .prefixes
            .par_iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let vrf = self.resolve_opt(Which::Vrfs, o.data.vrf.as_ref(), o.file);
                let site = self.resolve_opt(Which::Sites, o.data.site.as_ref(), o.file);
                let vlan = o
                    .data
                    .vlan
                    .as_ref()
                    .and_then(|v| self.resolve_in_site(SiteWhich::Vlans, site, v, o.file));
                let tenant = self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
                self.resolve_tags(&o.data.tags, o.file);
                let prefix = self.parse_prefix(&o.data.prefix, o.file)?;
                Some(PrefixNode {
                    prefix,
                    vrf,
                    site,
                    vlan,
                    tenant,
                    object: i as u32,
                })
            })
            .collect();
        self.graph.ip_ranges = model
            .ip_ranges
            .par_iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let vrf = self.resolve_opt(Which::Vrfs, o.data.vrf.as_ref(), o.file);
                let start = self.parse_address(&o.data.start_address, o.file)?;
                let end = self.parse_address(&o.data.end_address, o.file)?;
                Some(IpRangeNode {
                    start,
                    end,
                    vrf,
                    object: i as u32,
                })
            })
            .collect();
        drop(model);
    }

    /// Parses a prefix; host bits set are an error with the network suggested.
    fn parse_prefix(&self, text: &Text, file: crate::diag::FileId) -> Option<IpNet> {
        match text.value.trim().parse::<IpNet>() {
            Ok(net) if net.trunc() == net => Some(net),
            Ok(net) => {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_IP,
                        format!("`{}` has host bits set", text.value),
                    )
                    .at(Location::new(file, text.span))
                    .with_help(format!("did you mean `{}`?", net.trunc())),
                );
                None
            }
            Err(_) => {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_IP,
                        format!("`{}` is not a prefix", text.value),
                    )
                    .at(Location::new(file, text.span))
                    .with_help(
                        "write a network with its length, e.g. `10.1.0.0/24` or `2001:db8::/48`",
                    ),
                );
                None
            }
        }
    }

    /// Parses an address with its mask (`10.0.0.1/24`).
    fn parse_address(&self, text: &Text, file: crate::diag::FileId) -> Option<IpNet> {
        match text.value.trim().parse::<IpNet>() {
            Ok(net) => Some(net),
            Err(_) => {
                let help = if text.value.parse::<std::net::IpAddr>().is_ok() {
                    format!("add the prefix length, e.g. `{}/32`", text.value)
                } else {
                    "write an address with its prefix length, e.g. `10.0.0.1/24` or `2001:db8::1/64`".to_string()
                };
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_IP,
                        format!("`{}` is not an IP address with a prefix length", text.value),
                    )
                    .at(Location::new(file, text.span))
                    .with_help(help),
                );
                None
            }
        }
    }

    /// Instantiates interfaces from device types, applies the device's own entries, and
    /// resolves their relations and addresses.
    fn resolve_interfaces(&mut self) {
        let mut step = crate::compile::Steps::new("resolve/interfaces");
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut interfaces: Vec<InterfaceNode> = Vec::new();
        let mut by_name: Vec<u32> = Vec::new();
        let owners = model
            .devices
            .iter()
            .enumerate()
            .map(|(i, o)| {
                (
                    Owner::Device(i as u32),
                    o.file,
                    &o.data.interfaces,
                    self.graph.devices[i].device_type,
                )
            })
            .chain(model.virtual_machines.iter().enumerate().map(|(i, o)| {
                (
                    Owner::VirtualMachine(i as u32),
                    o.file,
                    &o.data.interfaces,
                    None,
                )
            }));
        // Per device type, once: the templates kept (the first of a repeated name) in
        // order, and their names sorted with their slot in that order.
        let type_tables: Vec<TypeTable> = model
            .device_types
            .iter()
            .map(|t| {
                let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
                let kept: Vec<u32> = t
                    .data
                    .interfaces
                    .iter()
                    .enumerate()
                    .filter(|(_, template)| seen.insert(template.value.name.value.as_str()))
                    .map(|(ti, _)| ti as u32)
                    .collect();
                let mut sorted: Vec<(&str, u32)> = kept
                    .iter()
                    .enumerate()
                    .map(|(slot, &ti)| {
                        (
                            t.data.interfaces[ti as usize].value.name.value.as_str(),
                            slot as u32,
                        )
                    })
                    .collect();
                sorted.sort_unstable();
                (kept, sorted)
            })
            .collect();
        let empty: TypeTable = (Vec::new(), Vec::new());
        // Reserve once: growing a table of a million interfaces by doubling costs more in
        // copies and page faults than filling it.
        let capacity: usize = owners
            .clone()
            .map(|(_, _, entries, t)| {
                entries.len() + t.map_or(0, |t| type_tables[t as usize].0.len())
            })
            .sum();
        interfaces.reserve_exact(capacity);
        by_name.reserve_exact(capacity);
        let mut ranges: Vec<(Owner, std::ops::Range<u32>)> =
            Vec::with_capacity(model.devices.len() + model.virtual_machines.len());
        let mut extras: Vec<(&str, u32)> = Vec::new();
        let mut extra_index: rustc_hash::FxHashMap<&str, u32> = Default::default();
        for (owner, file, entries, device_type) in owners {
            let start = interfaces.len() as u32;
            let (kept, sorted) = device_type.map_or(&empty, |t| &type_tables[t as usize]);
            if device_type.is_some() {
                interfaces.extend(
                    kept.iter()
                        .map(|&ti| InterfaceNode::new(owner, Some(ti), None)),
                );
            }
            extras.clear();
            extra_index.clear();
            for (ei, entry) in entries.iter().enumerate() {
                let name = entry.value.name.value.as_str();
                let existing = sorted
                    .binary_search_by(|(n, _)| (*n).cmp(name))
                    .ok()
                    .map(|pos| start + sorted[pos].1)
                    .or_else(|| extra_index.get(name).copied());
                match existing {
                    Some(existing) => {
                        let node = &mut interfaces[existing as usize];
                        if let Some(previous) = node.entry() {
                            let first = &entries[previous as usize].value.name;
                            self.push(duplicate(
                                "interface",
                                name,
                                Location::new(file, entry.value.name.span),
                                Location::new(file, first.span),
                            ));
                        } else {
                            node.entry = ei as u32;
                        }
                    }
                    None => {
                        if entry.value.kind.is_none() && device_type.is_some() {
                            self.push(
                                Diagnostic::new(&codes::MISSING_FIELD, format!("interface `{name}` is not in the device type, so it needs a `type`"))
                                    .at(Location::new(file, entry.value.name.span))
                                    .with_help("add `type` (e.g. `virtual`, `lag`), or check the name against the device type's interfaces"),
                            );
                        }
                        let id = interfaces.len() as u32;
                        extra_index.insert(name, id);
                        extras.push((name, id));
                        interfaces.push(InterfaceNode::new(owner, None, Some(ei as u32)));
                    }
                }
            }
            let end = interfaces.len() as u32;
            // Merge the type's sorted names with the sorted extra names.
            extras.sort_unstable();
            let (mut i, mut j) = (0, 0);
            while i < sorted.len() || j < extras.len() {
                let take_template =
                    j == extras.len() || (i < sorted.len() && sorted[i].0 <= extras[j].0);
                if take_template {
                    by_name.push(start + sorted[i].1);
                    i += 1;
                } else {
                    by_name.push(extras[j].1);
                    j += 1;
                }
            }
            ranges.push((owner, start..end));
        }
        for (owner, range) in ranges {
            match owner {
                Owner::Device(d) => self.graph.devices[d as usize].interfaces = range,
                Owner::VirtualMachine(v) => {
                    self.graph.virtual_machines[v as usize].interfaces = range
                }
            }
        }
        self.graph.interfaces = interfaces;
        self.graph.interfaces_by_name = by_name;
        drop(model);

        step.done("fill");
        // Relations and addresses of interfaces with entries: independent lookups, worked
        // out on all threads, then numbered and stored in interface order.
        // Each thread's share comes back as one list of relations and one of addresses
        // (numbered within the share), not as a vector per interface.
        let parts: Vec<(Vec<InterfaceLinks>, Vec<IpNode>)> = (0..self.graph.interfaces.len()
            as u32)
            .into_par_iter()
            .fold(
                || (Vec::new(), Vec::new()),
                |(mut links, mut addresses), id| {
                    if let Some(entry) = self.graph.interface_entry(id) {
                        links.push(self.interface_links(id, entry, &mut addresses));
                    }
                    (links, addresses)
                },
            )
            .collect();
        let mut links = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut ip_nodes = Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum());
        for (part_links, addresses) in parts {
            let first = ip_nodes.len() as u32;
            for mut link in part_links {
                for ip in link.ip_addresses.iter_mut() {
                    *ip += first;
                }
                self.graph.interfaces[link.interface as usize].links = links.len() as u32;
                links.push(link);
            }
            ip_nodes.extend(addresses);
        }
        self.graph.interface_links = links;
        step.done("relations");
        let model = std::sync::Arc::clone(&self.graph.model);
        // Standalone addresses, assigned by `interface` or not at all.
        for (i, o) in model.ip_addresses.iter().enumerate() {
            let ip = &o.data;
            let vrf = self.resolve_opt(Which::Vrfs, ip.vrf.as_ref(), o.file);
            let tenant = self.resolve_opt(Which::Tenants, ip.tenant.as_ref(), o.file);
            self.resolve_tags(&ip.tags, o.file);
            let interface = ip
                .interface
                .as_ref()
                .and_then(|r| self.resolve_endpoint(r, o.file, None));
            if let Some(name) = &ip.dns_name {
                self.check_dns_name(name, o.file);
            }
            if let Some(address) = self.parse_address(&ip.address, o.file) {
                let id = ip_nodes.len() as u32;
                ip_nodes.push(IpNode {
                    address,
                    vrf,
                    interface,
                    tenant,
                    source: IpSource::Standalone(i as u32),
                    file: o.file,
                });
                if let Some(interface) = interface {
                    self.links_mut(interface).ip_addresses.push(id);
                }
            }
        }
        self.graph.ip_addresses = ip_nodes;
        drop(model);
        step.done("addresses");
    }

    /// The relations of an interface with its `entry`; the addresses nested under it are
    /// appended to `addresses`, and the relations number them by their place there.
    fn interface_links(
        &self,
        id: u32,
        entry: &Interface,
        addresses: &mut Vec<IpNode>,
    ) -> InterfaceLinks {
        let node = &self.graph.interfaces[id as usize];
        let (owner, entry_index) = (node.owner, node.entry);
        let file = self.graph.owner_location(owner).file;
        let site = self.graph.owner_site(owner);
        let mut links = InterfaceLinks::new(id);
        links.lag = entry
            .lag
            .as_ref()
            .and_then(|r| self.resolve_sibling(owner, id, r, file, "LAG", "lag"));
        links.parent = entry
            .parent
            .as_ref()
            .and_then(|r| self.resolve_sibling(owner, id, r, file, "parent", ""));
        links.bridge = entry
            .bridge
            .as_ref()
            .and_then(|r| self.resolve_sibling(owner, id, r, file, "bridge", "bridge"));
        links.untagged_vlan = entry
            .untagged_vlan
            .as_ref()
            .and_then(|v| self.resolve_vlan(site, v, file));
        links.tagged_vlans = entry
            .tagged_vlans
            .iter()
            .filter_map(|v| self.resolve_vlan(site, v, file))
            .collect();
        links.vrf = self.resolve_opt(Which::Vrfs, entry.vrf.as_ref(), file);
        self.resolve_tags(&entry.tags, file);
        for (index, ip) in entry.ip_addresses.iter().enumerate() {
            let ip = &ip.value;
            let ip_vrf = self
                .resolve_opt(Which::Vrfs, ip.vrf.as_ref(), file)
                .or(links.vrf);
            let tenant = self.resolve_opt(Which::Tenants, ip.tenant.as_ref(), file);
            self.resolve_tags(&ip.tags, file);
            if let Some(other) = &ip.interface {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_VALUE,
                        "an address nested under an interface cannot name another `interface`",
                    )
                    .at(Location::new(file, other.span)),
                );
            }
            if let Some(name) = &ip.dns_name {
                self.check_dns_name(name, file);
            }
            if let Some(address) = self.parse_address(&ip.address, file) {
                links.ip_addresses.push(addresses.len() as u32);
                addresses.push(IpNode {
                    address,
                    vrf: ip_vrf,
                    interface: Some(id),
                    tenant,
                    source: IpSource::Nested {
                        owner,
                        entry: entry_index,
                        index: index as u32,
                    },
                    file,
                });
            }
        }
        links
    }

    /// The relations of an interface, made on first use (for an address assigned to an
    /// interface without an entry).
    fn links_mut(&mut self, interface: u32) -> &mut InterfaceLinks {
        let graph = &mut self.graph;
        let node = &mut graph.interfaces[interface as usize];
        if node.links == NONE {
            node.links = graph.interface_links.len() as u32;
            graph.interface_links.push(InterfaceLinks::new(interface));
        }
        &mut graph.interface_links[node.links as usize]
    }

    /// Reports a `dns_name` that BIND would refuse as an owner name.
    fn check_dns_name(&self, name: &Text, file: crate::diag::FileId) {
        if let Err(reason) = validate_dns_name(&name.value) {
            self.push(
                Diagnostic::new(&codes::INVALID_DNS_NAME, format!("`{}` is not a valid DNS name: {reason}", name.value))
                    .at(Location::new(file, name.span))
                    .with_help("use labels of letters, digits and hyphens, 1 to 63 characters each, separated by dots"),
            );
        }
    }

    /// Resolves a VLAN for an interface of `site`, reporting one out of the site's scope.
    fn resolve_vlan(
        &self,
        site: Option<u32>,
        reference: &Text,
        file: crate::diag::FileId,
    ) -> Option<u32> {
        let found = self.resolve_in_site(SiteWhich::Vlans, site, reference, file)?;
        let vlan = &self.graph.vlans[found as usize];
        let vlan_site = vlan.site;
        if let (Some(site), Some(vlan_site)) = (site, vlan_site) {
            if site != vlan_site {
                let site_name = &self.graph.model.sites[vlan_site as usize].data.name.value;
                let own = &self.graph.model.sites[site as usize].data.name.value;
                self.push(
                    Diagnostic::new(
                        &codes::VLAN_OUT_OF_SCOPE,
                        format!(
                            "VLAN `{}` belongs to site `{site_name}`, not to `{own}`",
                            reference.value
                        ),
                    )
                    .at(Location::new(file, reference.span))
                    .with_help("use a VLAN of the device's own site, or a global one"),
                );
            }
        }
        Some(found)
    }

    /// Resolves `lag`, `parent` or `bridge`: an interface of the same owner. A
    /// `DEVICE:INTERFACE` naming another device is a foreign interface.
    fn resolve_sibling(
        &self,
        owner: Owner,
        this: u32,
        reference: &Text,
        file: crate::diag::FileId,
        role: &str,
        required_kind: &str,
    ) -> Option<u32> {
        let location = Location::new(file, reference.span);
        let found = match self.graph.find_interface(owner, &reference.value) {
            Some(found) => found,
            None => {
                if let Some((device, _)) = reference.value.split_once(':') {
                    if device != self.graph.owner_name(owner) {
                        self.push(
                            Diagnostic::new(
                                &codes::FOREIGN_INTERFACE,
                                format!("the {role} `{}` is on another device", reference.value),
                            )
                            .at(location)
                            .with_help(format!(
                                "a {role} must be an interface of `{}` itself",
                                self.graph.owner_name(owner)
                            )),
                        );
                        return None;
                    }
                    let name = &reference.value[device.len() + 1..];
                    if let Some(found) = self.graph.find_interface(owner, name) {
                        return self.check_sibling_kind(this, found, role, required_kind, location);
                    }
                }
                let range = self.graph.owner_interfaces(owner);
                let names: Vec<&str> = range.map(|i| self.graph.interface_name(i)).collect();
                let suggestions = self
                    .suggestions
                    .did_you_mean(&reference.value, names.iter().copied());
                let mut diagnostic = Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!(
                        "`{}` has no interface `{}`",
                        self.graph.owner_name(owner),
                        reference.value
                    ),
                )
                .at(location);
                diagnostic.help = suggestion_help(&suggestions);
                self.push(diagnostic);
                return None;
            }
        };
        self.check_sibling_kind(this, found, role, required_kind, location)
    }

    fn check_sibling_kind(
        &self,
        this: u32,
        found: u32,
        role: &str,
        required_kind: &str,
        location: Location,
    ) -> Option<u32> {
        if found == this {
            self.push(
                Diagnostic::new(
                    &codes::WRONG_KIND_REFERENCE,
                    format!("an interface cannot be its own {role}"),
                )
                .at(location),
            );
            return None;
        }
        if !required_kind.is_empty() {
            let kind = self.graph.interface_kind(found);
            if kind.is_some_and(|k| !k.is(required_kind)) {
                self.push(
                    Diagnostic::new(
                        &codes::WRONG_KIND_REFERENCE,
                        format!(
                            "`{}` is of type `{}`, not `{required_kind}`",
                            self.graph.interface_name(found),
                            kind.map_or("?", |k| k.as_str())
                        ),
                    )
                    .at(location),
                );
                return None;
            }
        }
        Some(found)
    }

    /// Resolves a `DEVICE:PORT` reference to an interface; `from_site` is the site of the
    /// referring object, for bare device names.
    fn resolve_endpoint(
        &self,
        reference: &Spanned<EndpointRef>,
        file: crate::diag::FileId,
        from_site: Option<u32>,
    ) -> Option<u32> {
        let (device, port) = self.endpoint_device(reference, file, from_site)?;
        match self
            .graph
            .find_interface(Owner::Device(device), port.as_str())
        {
            Some(found) => Some(found),
            None => {
                self.unknown_port(device, &port, "interface", reference.span, file);
                None
            }
        }
    }

    fn endpoint_device(
        &self,
        reference: &Spanned<EndpointRef>,
        file: crate::diag::FileId,
        from_site: Option<u32>,
    ) -> Option<(u32, String)> {
        let Some((device, port)) = reference.value.parts() else {
            self.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!("`{}` is not an interface reference", reference.value),
                )
                .at(Location::new(file, reference.span))
                .with_help("write `DEVICE:INTERFACE`, e.g. `leaf1:Ethernet1`"),
            );
            return None;
        };
        let port = port.to_string();
        let device_text = Spanned::new(device, reference.span);
        let found = self.resolve_in_site(SiteWhich::Devices, from_site, &device_text, file)?;
        Some((found, port))
    }

    fn unknown_port(
        &self,
        device: u32,
        port: &str,
        what: &str,
        span: crate::diag::Span,
        file: crate::diag::FileId,
    ) {
        let range = self.graph.devices[device as usize].interfaces.clone();
        let names: Vec<&str> = range.map(|i| self.graph.interface_name(i)).collect();
        let suggestions = self.suggestions.did_you_mean(port, names.iter().copied());
        let mut diagnostic = Diagnostic::new(
            &codes::UNRESOLVED_REFERENCE,
            format!(
                "device `{}` has no {what} `{port}`",
                self.graph.model.devices[device as usize].data.name.value
            ),
        )
        .at(Location::new(file, span));
        diagnostic.help = suggestion_help(&suggestions);
        self.push(diagnostic);
    }

    fn resolve_primary_ips(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        // Independent lookups, on all threads; stored in device order.
        let found: Vec<_> =
            model
                .devices
                .par_iter()
                .enumerate()
                .map(|(d, o)| {
                    let owner = Owner::Device(d as u32);
                    let data = &o.data;
                    let v4 = data.primary_ip4.as_ref().and_then(|t| {
                        self.resolve_primary(owner, t, o.file, Some(4), "primary_ip4")
                    });
                    let v6 = data.primary_ip6.as_ref().and_then(|t| {
                        self.resolve_primary(owner, t, o.file, Some(6), "primary_ip6")
                    });
                    let oob = data
                        .oob_ip
                        .as_ref()
                        .and_then(|t| self.resolve_primary(owner, t, o.file, None, "oob_ip"));
                    (v4, v6, oob)
                })
                .collect();
        for (node, ips) in self.graph.devices.iter_mut().zip(found) {
            (node.primary_ip4, node.primary_ip6, node.oob_ip) = ips;
        }
        for (v, o) in model.virtual_machines.iter().enumerate() {
            let owner = Owner::VirtualMachine(v as u32);
            let v4 = o
                .data
                .primary_ip4
                .as_ref()
                .and_then(|t| self.resolve_primary(owner, t, o.file, Some(4), "primary_ip4"));
            let v6 = o
                .data
                .primary_ip6
                .as_ref()
                .and_then(|t| self.resolve_primary(owner, t, o.file, Some(6), "primary_ip6"));
            let node = &mut self.graph.virtual_machines[v];
            (node.primary_ip4, node.primary_ip6) = (v4, v6);
        }
        drop(model);
    }

    /// Finds the address `text` among the owner's interfaces.
    fn resolve_primary(
        &self,
        owner: Owner,
        text: &Text,
        file: crate::diag::FileId,
        family: Option<u8>,
        field: &str,
    ) -> Option<u32> {
        let location = Location::new(file, text.span);
        let wanted: std::net::IpAddr = match text.value.trim().parse::<IpNet>() {
            Ok(net) => net.addr(),
            Err(_) => match text.value.trim().parse() {
                Ok(addr) => addr,
                Err(_) => {
                    self.push(
                        Diagnostic::new(
                            &codes::INVALID_IP,
                            format!("`{}` is not an IP address", text.value),
                        )
                        .at(location),
                    );
                    return None;
                }
            },
        };
        let wrong_family = match family {
            Some(4) => !wanted.is_ipv4(),
            Some(6) => !wanted.is_ipv6(),
            _ => false,
        };
        if wrong_family {
            self.push(
                Diagnostic::new(
                    &codes::PRIMARY_IP_NOT_ON_DEVICE,
                    format!("`{field}` must be an IPv{} address", family.unwrap_or(4)),
                )
                .at(location),
            );
            return None;
        }
        for interface in self.graph.owner_interfaces(owner) {
            for &ip in &self.graph.links(interface).ip_addresses {
                if self.graph.ip_addresses[ip as usize].address.addr() == wanted {
                    return Some(ip);
                }
            }
        }
        let elsewhere = self
            .graph
            .ip_addresses
            .iter()
            .position(|ip| ip.address.addr() == wanted && ip.interface.is_some())
            .map(|ip| {
                self.graph
                    .interface_label(self.graph.ip_addresses[ip].interface.expect("filtered"))
            });
        let owner_name = self.graph.owner_name(owner).to_string();
        let message = match &elsewhere {
            Some(on) => format!(
                "`{field}` {wanted} is assigned to `{on}`, not to an interface of `{owner_name}`"
            ),
            None => {
                format!("`{field}` {wanted} is not assigned to any interface of `{owner_name}`")
            }
        };
        self.push(
            Diagnostic::new(&codes::PRIMARY_IP_NOT_ON_DEVICE, message)
                .at(location)
                .with_help("assign the address to one of the device's interfaces (under `interfaces:` → `ip_addresses:`)"),
        );
        None
    }

    fn resolve_cables(&mut self) {
        // The ends are independent lookups, on all threads; attaching each interface to
        // its first cable happens after, in cable order.
        let cables: Vec<CableNode> = self
            .graph
            .model
            .cables
            .par_iter()
            .map(|o| {
                self.resolve_opt(Which::Tenants, o.data.tenant.as_ref(), o.file);
                self.resolve_tags(&o.data.tags, o.file);
                let a = self.resolve_cable_end(
                    &o.data.a,
                    o.data.a_type.as_ref().map(|t| t.value),
                    o.file,
                );
                let b = self.resolve_cable_end(
                    &o.data.b,
                    o.data.b_type.as_ref().map(|t| t.value),
                    o.file,
                );
                CableNode { a, b }
            })
            .collect();
        for (c, cable) in cables.iter().enumerate() {
            for end in [&cable.a, &cable.b] {
                if let Some(CableTarget::Interface(interface)) = end {
                    let node = &mut self.graph.interfaces[*interface as usize];
                    if node.cable == NONE {
                        node.cable = c as u32;
                    }
                }
            }
        }
        self.graph.cables = cables;
    }

    fn resolve_cable_end(
        &self,
        reference: &Spanned<EndpointRef>,
        kind: Option<TerminationType>,
        file: crate::diag::FileId,
    ) -> Option<CableTarget> {
        let kind = kind.unwrap_or(TerminationType::named("interface"));
        if kind.is("circuit_termination") || kind.is("power_feed") {
            // Circuit terminations and power feeds are named `CID:A` / `PANEL:FEED`; checked by the DCIM family.
            return None;
        }
        let (device, port) = self.endpoint_device(reference, file, None)?;
        if kind.is("interface") {
            return match self.graph.find_interface(Owner::Device(device), &port) {
                Some(found) => Some(CableTarget::Interface(found)),
                None => {
                    self.unknown_port(device, &port, "interface", reference.span, file);
                    None
                }
            };
        }
        if self.device_has_port(device, kind, &port) {
            Some(CableTarget::Port {
                device,
                kind,
                name: port,
            })
        } else {
            let what = kind.as_str().replace('_', " ");
            let name = self.graph.model.devices[device as usize]
                .data
                .name
                .value
                .clone();
            self.push(
                Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!("device `{name}` has no {what} `{port}`"),
                )
                .at(Location::new(file, reference.span)),
            );
            None
        }
    }

    /// Whether a device has a non-interface port, from its type or its own entries.
    fn device_has_port(&self, device: u32, kind: TerminationType, name: &str) -> bool {
        let data = &self.graph.model.devices[device as usize].data;
        let device_type = self.graph.devices[device as usize]
            .device_type
            .map(|t| &self.graph.model.device_types[t as usize].data);
        match kind.as_str() {
            "console_port" => {
                data.console_ports
                    .iter()
                    .any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.console_ports.iter().any(|p| p.value.name.value == name))
            }
            "console_server_port" => {
                data.console_server_ports
                    .iter()
                    .any(|p| p.value.name.value == name)
                    || device_type.is_some_and(|t| {
                        t.console_server_ports
                            .iter()
                            .any(|p| p.value.name.value == name)
                    })
            }
            "power_port" => {
                data.power_ports.iter().any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.power_ports.iter().any(|p| p.value.name.value == name))
            }
            "power_outlet" => device_type
                .is_some_and(|t| t.power_outlets.iter().any(|p| p.value.name.value == name)),
            "front_port" => {
                data.front_ports.iter().any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.front_ports.iter().any(|p| p.value.name.value == name))
            }
            "rear_port" => {
                data.rear_ports.iter().any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.rear_ports.iter().any(|p| p.value.name.value == name))
            }
            _ => false,
        }
    }

    /// Resolves the scopes of every config context. Locations are named `SITE/NAME` or by
    /// a bare name that must be unique.
    fn resolve_config_contexts(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut nodes = Vec::with_capacity(model.config_contexts.len());
        for o in &model.config_contexts {
            let d = &o.data;
            let f = o.file;
            let list = |this: &mut Self, refs: &[Text], which: Which| {
                refs.iter()
                    .filter_map(|r| this.resolve(which, r, f))
                    .collect::<Vec<u32>>()
            };
            let regions = list(self, &d.regions, Which::Regions);
            let site_groups = list(self, &d.site_groups, Which::SiteGroups);
            let sites = list(self, &d.sites, Which::Sites);
            let roles = list(self, &d.roles, Which::DeviceRoles);
            let platforms = list(self, &d.platforms, Which::Platforms);
            let cluster_types = list(self, &d.cluster_types, Which::ClusterTypes);
            let clusters = list(self, &d.clusters, Which::Clusters);
            let tenant_groups = list(self, &d.tenant_groups, Which::TenantGroups);
            let tenants = list(self, &d.tenants, Which::Tenants);
            let tags = self.resolve_tags(&d.tags, f);
            let locations = d
                .locations
                .iter()
                .filter_map(|r| self.resolve_in_site(SiteWhich::Locations, None, r, f))
                .collect();
            let device_types = d
                .device_types
                .iter()
                .filter_map(|r| self.resolve_device_type(r, f, &model))
                .collect();
            nodes.push(ConfigContextNode {
                regions,
                site_groups,
                sites,
                locations,
                device_types,
                roles,
                platforms,
                cluster_types,
                clusters,
                tenant_groups,
                tenants,
                tags,
            });
        }
        self.graph.config_contexts = nodes;
    }

    fn resolve_services(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut services = Vec::with_capacity(model.services.len());
        for o in &model.services {
            let data = &o.data;
            let owner = match (&data.device, &data.virtual_machine) {
                (Some(device), _) => self
                    .resolve_in_site(SiteWhich::Devices, None, device, o.file)
                    .map(Owner::Device),
                (None, Some(vm)) => self
                    .resolve(Which::VirtualMachines, vm, o.file)
                    .map(Owner::VirtualMachine),
                (None, None) => {
                    self.push(
                        Diagnostic::new(
                            &codes::MISSING_FIELD,
                            format!(
                                "service `{}` needs a `device` or a `virtual_machine`",
                                data.name.value
                            ),
                        )
                        .at(o.at(&data.name)),
                    );
                    None
                }
            };
            let mut addresses = Vec::new();
            for text in &data.ipaddresses {
                let Some(wanted) = text
                    .value
                    .parse::<IpNet>()
                    .map(|n| n.addr())
                    .ok()
                    .or_else(|| text.value.parse().ok())
                else {
                    self.push(
                        Diagnostic::new(
                            &codes::INVALID_IP,
                            format!("`{}` is not an IP address", text.value),
                        )
                        .at(o.at(text)),
                    );
                    continue;
                };
                let found = owner.and_then(|owner| {
                    self.graph
                        .owner_interfaces(owner)
                        .flat_map(|i| self.graph.links(i).ip_addresses.iter().copied())
                        .find(|&ip| self.graph.ip_addresses[ip as usize].address.addr() == wanted)
                });
                match found {
                    Some(ip) => addresses.push(ip),
                    None if owner.is_some() => self.push(
                        Diagnostic::new(
                            &codes::UNRESOLVED_REFERENCE,
                            format!(
                                "address {wanted} is not assigned to `{}`",
                                self.graph.owner_name(owner.expect("checked"))
                            ),
                        )
                        .at(o.at(text)),
                    ),
                    None => {}
                }
            }
            self.resolve_tags(&data.tags, o.file);
            services.push(ServiceNode {
                owner,
                ip_addresses: addresses,
            });
        }
        self.graph.services = services;
        drop(model);
    }
}

/// Checks a host name against RFC 1035/1123 as DNS servers apply it: labels of 1 to 63
/// letters, digits and hyphens, not starting or ending with a hyphen; 253 characters in all.
/// A trailing dot (fully qualified) is accepted; `*` is accepted as a whole first label.
pub fn validate_dns_name(name: &str) -> Result<(), String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return Err("it is empty".into());
    }
    if name.len() > 253 {
        return Err(format!(
            "it is {} characters long; the limit is 253",
            name.len()
        ));
    }
    for (i, label) in name.split('.').enumerate() {
        if label.is_empty() {
            return Err("it has an empty label (two dots in a row)".into());
        }
        if i == 0 && label == "*" {
            continue;
        }
        if label.len() > 63 {
            return Err(format!("the label `{label}` is longer than 63 characters"));
        }
        if let Some(at) = label
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'-'))
        {
            let bad = label[at..].chars().next().unwrap_or_default();
            return Err(format!("the label `{label}` holds `{bad}`"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!("the label `{label}` starts or ends with a hyphen"));
        }
    }
    Ok(())
}

/// A device type's kept interface templates in order, and their names sorted with their
/// slot in that order.
type TypeTable<'m> = (Vec<u32>, Vec<(&'m str, u32)>);

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
