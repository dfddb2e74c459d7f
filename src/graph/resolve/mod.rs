//! Resolution: from a model to a graph, reporting identity and reference problems.
//!
//! One file per family, run in this order (each may use what the ones before filled):
//! `names` (the name indexes), `organisation`, `dcim`, `modules`, `ipam`, `interfaces`
//! (with `refine` for devices whose names are not their type's as written),
//! `nat`, `primary_ips`, `cables`, `services`, `config_contexts`. This file owns what they share:
//! the [`Builder`] that holds the graph being filled and the diagnostics, and the lookups
//! by name (`resolve`, `resolve_opt`, `resolve_in_site`, `resolve_tags`) that report
//! NS0301 (unresolved-reference, with "did you mean") and NS0302 (ambiguous-reference).

/// The tagged object type named `$name` (`dcim.device`), looked up when netsot is built.
macro_rules! tagged {
    ($name:literal) => {
        const { crate::model::tags::TaggedObjectType::named($name) }
    };
}

mod cables;
mod circuits;
mod config_contexts;
mod contacts;
mod dcim;
mod device_names;
pub use device_names::UnnamedPlace;
mod fhrp;
mod interfaces;
mod inventory;
mod ipam;
mod module_type_profiles;
mod modules;
mod names;
mod nat;
mod organisation;
mod power;
mod primary_ips;
mod racks;
mod refine;
mod scope;
mod scoped;
mod services;
mod vdcs;
mod virtual_circuits;
mod which;
mod wireless;

use std::collections::HashMap;

pub use interfaces::validate_dns_name;
pub use refine::renumber;

use crate::diag::{codes, suggestion_help, Diagnostic, Location};
use crate::graph::id::{DeviceTypeId, SiteId, TagId};
use crate::graph::index::SiteLookup;
use crate::graph::Graph;
use crate::model::config::Config;
use crate::model::tags::TaggedObjectType;
use crate::model::{Model, Spanned, Text};
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
        has_nat: std::sync::atomic::AtomicBool::new(false),
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
        resolve_contacts,
        resolve_dcim,
        resolve_racks,
        resolve_circuits,
        resolve_modules,
        resolve_module_type_profiles,
        resolve_power,
        resolve_ipam,
        resolve_interfaces,
        resolve_nat,
        resolve_primary_ips,
        resolve_vdcs,
        resolve_cables,
        resolve_wireless,
        resolve_virtual_circuits,
        resolve_inventory,
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

/// The outcome of looking a reference up in a scoped collection.
enum Scoped<K> {
    Found(K),
    Ambiguous,
    Missing,
}

struct Builder<'a> {
    graph: Graph,
    /// Lookups take `&self` and report through the lock, so that independent lookups can
    /// run on all threads; the order of reports does not matter, as diagnostics are sorted
    /// by their whole content at the end (`diag::sort_and_dedup`).
    diagnostics: std::sync::Mutex<Vec<Diagnostic>>,
    /// The policy switches resolution applies (`policy.netbox_departures`).
    config: &'a Config,
    /// Device types by bare model name; `None` when several types share the model.
    types_by_model: HashMap<String, Option<DeviceTypeId>>,
    /// Where the families with steps of their own (DCIM, interfaces) report them.
    timings: &'a Timings,
    /// "Did you mean" work is bounded per compilation: unresolved references are each
    /// compared with every name of their collection.
    suggestions: crate::diag::SuggestionBudget,
    /// Whether some address names a `nat_inside`: set while addresses are resolved, so
    /// only repositories with NAT pay for the lookup of inside addresses (`nat.rs`).
    has_nat: std::sync::atomic::AtomicBool,
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
        if let Some(scope) = which.scope {
            match self.resolve_scoped(which, scope, reference, file) {
                Scoped::Found(found) => return Some(found),
                Scoped::Ambiguous => return None,
                Scoped::Missing => {}
            }
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

    /// Resolves a reference to a scoped collection from an object in scope `near` (a
    /// VLAN's site for its group): of several holders of the name, the one in that scope.
    fn resolve_near<K: Copy + Eq>(
        &self,
        which: Which<K>,
        reference: &Text,
        near: Option<&Text>,
        file: crate::diag::FileId,
    ) -> Option<K> {
        if let (Some(near), Some(scope)) = (near, which.scope) {
            let holders = (which.index)(&self.graph.indexes).holders(&reference.value);
            if holders.len() > 1 {
                let model = &self.graph.model;
                let mut here = holders
                    .iter()
                    .filter(|&&h| (scope.of)(model, h).is_some_and(|s| s.value == near.value));
                if let (Some(&found), None) = (here.next(), here.next()) {
                    return Some(found);
                }
            }
        }
        self.resolve(which, reference, file)
    }

    /// A name held in several scopes is ambiguous (NS0302) unless qualified `SCOPE/NAME`.
    fn resolve_scoped<K: Copy + Eq>(
        &self,
        which: Which<K>,
        scope: which::Scope<K>,
        reference: &Text,
        file: crate::diag::FileId,
    ) -> Scoped<K> {
        let idx = (which.index)(&self.graph.indexes);
        let model = &self.graph.model;
        let name = reference.value.as_str();
        let qualified = |holder: K| match (scope.of)(model, holder) {
            Some(scope) => format!("{}/{name}", scope.value),
            None => format!("{name} (no {})", scope.kind),
        };
        let holders = idx.holders(name);
        let same_scope = |a: K, b: K| {
            let text = |f: fn(&Model, K) -> Option<&Text>, k| f(model, k).map(|t| &t.value);
            text(scope.of, a) == text(scope.of, b) && text(scope.also, a) == text(scope.also, b)
        };
        // Holders all in one scope are a duplicate, reported as NS0201 by the family: the
        // reference means the first, as with any duplicate name.
        if let [first, rest @ ..] = holders {
            if !rest.is_empty() && rest.iter().all(|&h| same_scope(*first, h)) {
                return Scoped::Found(*first);
            }
        }
        if holders.len() > 1 {
            let mut list: Vec<String> = holders.iter().map(|&h| qualified(h)).collect();
            // Holders of one scope (a duplicate, reported apart) are listed once.
            list.sort_unstable();
            list.dedup();
            let example = holders
                .iter()
                .find_map(|&h| (scope.of)(model, h))
                .map_or_else(String::new, |s| format!(", e.g. `{}/{name}`", s.value));
            self.push(
                Diagnostic::new(
                    &codes::AMBIGUOUS_REFERENCE,
                    format!(
                        "{} `{name}` exists in several scopes: {}",
                        which.kind,
                        list.join(", ")
                    ),
                )
                .at(Location::new(file, reference.span))
                .with_help(format!("qualify it with its {}{example}", scope.kind)),
            );
            return Scoped::Ambiguous;
        }
        // `SCOPE/NAME`: a name may itself hold a `/`, so every split is tried, shortest
        // scope first; a literal name was looked up before.
        for (at, _) in name.match_indices('/') {
            let (scope_text, rest) = (&name[..at], &name[at + 1..]);
            let mut matching = idx
                .holders(rest)
                .iter()
                .copied()
                .filter(|&h| (scope.of)(model, h).is_some_and(|s| s.value == scope_text));
            if let Some(found) = matching.next() {
                if matching.next().is_none() {
                    return Scoped::Found(found);
                }
                self.push(
                    Diagnostic::new(
                        &codes::AMBIGUOUS_REFERENCE,
                        format!(
                            "{} `{rest}` exists several times in {} `{scope_text}`",
                            which.kind, scope.kind
                        ),
                    )
                    .at(Location::new(file, reference.span))
                    .with_help("give them different names"),
                );
                return Scoped::Ambiguous;
            }
        }
        Scoped::Missing
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
            SiteLookup::Ambiguous(candidates) if which.parent.is_some() => {
                // Holders of one site and parent are a duplicate, reported as NS0201 by
                // the family: the reference means the first, as with any duplicate name.
                let model = &self.graph.model;
                let scope = |c: K| {
                    let parent = which.parent.and_then(|p| p(model, c)).map(|p| &p.value);
                    ((which.site_and_name)(model, c).0.map(|s| &s.value), parent)
                };
                if candidates.iter().all(|&c| scope(c) == scope(candidates[0])) {
                    return Some(candidates[0]);
                }
                self.ambiguous_under_parents(which, candidates, reference, location);
                None
            }
            SiteLookup::Missing if which.parent.is_some() && reference.value.contains('/') => {
                match self.under_parent(which, site, &reference.value) {
                    Some(found) => Some(found),
                    None => self.resolve_in_site(
                        SiteWhich {
                            parent: None,
                            ..which
                        },
                        site,
                        reference,
                        file,
                    ),
                }
            }
            SiteLookup::Ambiguous(candidates) => {
                let qualified: Vec<String> = candidates
                    .iter()
                    .map(|&c| self.qualified(which, c))
                    .collect();
                // Devices of one name in one site for different tenants, as NetBox allows:
                // qualifying with the site cannot tell them apart.
                let mut distinct = qualified.clone();
                distinct.sort_unstable();
                distinct.dedup();
                if distinct.len() < qualified.len() {
                    let diagnostic = Diagnostic::new(
                        &codes::AMBIGUOUS_REFERENCE,
                        format!(
                            "{kind} `{}` names {} objects of one site ({}), which differ by tenant only",
                            reference.value,
                            qualified.len(),
                            distinct.join(", ")
                        ),
                    )
                    .at(location)
                    .with_help(format!(
                        "a reference cannot name a tenant: rename one of the {kind}s (NetBox allows one name per tenant in a site)"
                    ));
                    self.push(diagnostic);
                    return None;
                }
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

    /// A name of several objects of a collection named per parent (locations): they are
    /// told apart by `PARENT/NAME`, or by `SITE/NAME` when they are in different sites.
    fn ambiguous_under_parents<K: Copy>(
        &self,
        which: SiteWhich<K>,
        candidates: &[K],
        reference: &Text,
        location: Location,
    ) {
        let model = &self.graph.model;
        let parent = which.parent;
        let named: Vec<String> = candidates
            .iter()
            .map(|&c| {
                let site = self.qualified(which, c);
                match parent.and_then(|p| p(model, c)) {
                    Some(parent) => format!("{site} (in `{}`)", parent.value),
                    None => format!("{site} (top level)"),
                }
            })
            .collect();
        let example = candidates
            .iter()
            .find_map(|&c| parent.and_then(|p| p(model, c)))
            .map_or_else(
                || format!("`{}`", self.qualified(which, candidates[0])),
                |p| format!("`{}/{}`", p.value, reference.value),
            );
        self.push(
            Diagnostic::new(
                &codes::AMBIGUOUS_REFERENCE,
                format!(
                    "{} `{}` names several objects: {}",
                    which.kind,
                    reference.value,
                    named.join(", ")
                ),
            )
            .at(location)
            .with_help(format!(
                "qualify it with its parent or its site, e.g. {example}"
            )),
        );
    }

    /// The object `PARENT/NAME` names from `site`: of name `NAME`, under the parent written
    /// `PARENT`. Every split at a `/` is tried, as names may hold one.
    fn under_parent<K: Copy>(
        &self,
        which: SiteWhich<K>,
        site: Option<SiteId>,
        text: &str,
    ) -> Option<K> {
        let parent = which.parent?;
        let model = &self.graph.model;
        let index = (which.index)(&self.graph.indexes);
        text.match_indices('/').find_map(|(at, _)| {
            let (parent_text, name) = (&text[..at], &text[at + 1..]);
            let candidates: Vec<K> = match index.lookup(site, name, &self.graph.indexes.sites) {
                SiteLookup::Found(found) => vec![found],
                SiteLookup::Ambiguous(many) => many.to_vec(),
                SiteLookup::Missing => Vec::new(),
            };
            let mut under = candidates
                .into_iter()
                .filter(|&c| parent(model, c).is_some_and(|p| p.value == parent_text));
            match (under.next(), under.next()) {
                (Some(found), None) => Some(found),
                _ => None,
            }
        })
    }

    /// `SITE/NAME` of a site-scoped object.
    fn qualified<K>(&self, which: SiteWhich<K>, index: K) -> String {
        let (site, name) = (which.site_and_name)(&self.graph.model, index);
        match site {
            Some(site) => format!("{}/{name}", site.value),
            None => name.to_string(),
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

    /// Resolves the tags applied to an object of type `on`, reporting a tag limited to
    /// other object types (NetBox's `validate_assigned_tags`, `extras/signals.py`).
    fn resolve_tags(
        &self,
        tags: &[Text],
        file: crate::diag::FileId,
        on: TaggedObjectType,
    ) -> Vec<TagId> {
        let model = &self.graph.model;
        tags.iter()
            .filter_map(|reference| {
                let tag = self.resolve(which::TAGS, reference, file)?;
                let limited = &model.tags[tag.index()].data.object_types;
                if !limited.is_empty() && !limited.iter().any(|t| t.value == on) {
                    self.push(tag_not_for(reference, limited, on, file));
                }
                Some(tag)
            })
            .collect()
    }
}

/// NS0309: a tag applied to an object type it is not limited to.
fn tag_not_for(
    reference: &Text,
    limited: &[Spanned<TaggedObjectType>],
    on: TaggedObjectType,
    file: crate::diag::FileId,
) -> Diagnostic {
    let types: Vec<String> = limited.iter().map(|t| format!("`{}`", t.value)).collect();
    Diagnostic::new(
        &codes::TAG_NOT_FOR_OBJECT_TYPE,
        format!(
            "tag `{}` is limited to {} and cannot be applied to `{on}` objects",
            reference.value,
            types.join(", ")
        ),
    )
    .at(Location::new(file, reference.span))
    .with_help(format!(
        "add `{on}` to the tag's `object_types`, or apply another tag"
    ))
}
