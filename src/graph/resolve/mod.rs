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
mod power;
mod primary_ips;
mod services;
mod which;

use std::collections::HashMap;

pub use interfaces::validate_dns_name;

use crate::diag::{codes, suggestion_help, Diagnostic, Location};
use crate::graph::id::{DeviceTypeId, SiteId, TagId};
use crate::graph::index::SiteLookup;
use crate::graph::Graph;
use crate::model::config::Config;
use crate::model::{Model, Text};
use crate::timing::Timings;
use which::{SiteWhich, Which};

/// Resolves every reference of `model`. Never fails; problems are diagnostics.
pub fn build(model: Model, config: &Config, timings: &Timings) -> (Graph, Vec<Diagnostic>) {
    let mut types_by_model: HashMap<String, Option<DeviceTypeId>> = HashMap::new();
    for (i, t) in model.device_types.iter().enumerate() {
        types_by_model
            .entry(t.data.model.value.clone())
            .and_modify(|e| *e = None)
            .or_insert(Some(DeviceTypeId::from_index(i)));
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
        resolve_power,
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
    types_by_model: HashMap<String, Option<DeviceTypeId>>,
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
    fn resolve<K: Copy + Eq>(
        &self,
        which: Which<K>,
        reference: &Text,
        file: crate::diag::FileId,
    ) -> Option<K> {
        let (kind, collection) = (which.kind, which.collection);
        let idx = (which.index)(&self.graph.indexes);
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

    fn resolve_opt<K: Copy + Eq>(
        &self,
        which: Which<K>,
        reference: Option<&Text>,
        file: crate::diag::FileId,
    ) -> Option<K> {
        reference.and_then(|r| self.resolve(which, r, file))
    }

    /// Resolves a site-scoped reference from `site`.
    fn resolve_in_site<K: Copy>(
        &self,
        which: SiteWhich<K>,
        site: Option<SiteId>,
        reference: &Text,
        file: crate::diag::FileId,
    ) -> Option<K> {
        let (kind, collection) = (which.kind, which.collection);
        let ix = &self.graph.indexes;
        let index = (which.index)(ix);
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
    fn qualified<K>(&self, which: SiteWhich<K>, index: K) -> String {
        let (site, name) = (which.site_and_name)(&self.graph.model, index);
        match site {
            Some(site) => format!("{}/{}", site.value, name.value),
            None => name.value.clone(),
        }
    }

    /// Resolves a list of references, leaving out (and reporting) the dangling ones.
    fn resolve_all<K: Copy + Eq>(
        &self,
        which: Which<K>,
        references: &[Text],
        file: crate::diag::FileId,
    ) -> Vec<K> {
        references
            .iter()
            .filter_map(|r| self.resolve(which, r, file))
            .collect()
    }

    fn resolve_tags(&self, tags: &[Text], file: crate::diag::FileId) -> Vec<TagId> {
        self.resolve_all(which::TAGS, tags, file)
    }
}
