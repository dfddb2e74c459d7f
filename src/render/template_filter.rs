//! The `where` of a per-object template: which devices or virtual machines it renders for.
//!
//! A configuration template is written for some devices (switches of a platform, say), so
//! rendering it for every device writes nonsense for the others (a patch panel's `router
//! bgp`). `where: {role: [leaf, spine], status: [active], platform: [eos]}` keeps the
//! objects whose role, status and platform are each in the lists given. Roles and
//! platforms are named by name or slug; a name that matches none is NS0836 at its value,
//! with the closest names, since a misspelt role would silently render nothing.

use super::Context;
use crate::diag::{codes, did_you_mean, suggestion_help, Diagnostic};
use crate::graph::Owner;
use crate::model::config::ForEachFilter;
use crate::model::{Obj, Spanned, Text};

/// The objects a filter keeps: a flag per role and per platform (`None`: any), statuses.
pub struct Selection {
    roles: Option<Vec<bool>>,
    platforms: Option<Vec<bool>>,
    statuses: Vec<&'static str>,
}

impl Selection {
    /// Resolves a filter's names; diagnostics for the names that match nothing.
    pub fn new(
        cx: &Context,
        filter: Option<&Spanned<ForEachFilter>>,
    ) -> Result<Selection, Vec<Diagnostic>> {
        let Some(filter) = filter else {
            return Ok(Selection {
                roles: None,
                platforms: None,
                statuses: Vec::new(),
            });
        };
        let model = &cx.compilation.graph.model;
        let mut diagnostics = Vec::new();
        let roles = flags(
            cx,
            &filter.value.role,
            &model.device_roles,
            |r| (&r.name.value, r.slug.as_ref()),
            "device role",
            &mut diagnostics,
        );
        let platforms = flags(
            cx,
            &filter.value.platform,
            &model.platforms,
            |p| (&p.name.value, p.slug.as_ref()),
            "platform",
            &mut diagnostics,
        );
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        Ok(Selection {
            roles,
            platforms,
            statuses: filter
                .value
                .status
                .iter()
                .map(|s| s.value.as_str())
                .collect(),
        })
    }

    /// Whether the output renders for this device or virtual machine.
    pub fn keeps(&self, cx: &Context, owner: Owner) -> bool {
        let g = &cx.compilation.graph;
        let (role, platform, status) = match owner {
            Owner::Device(d) => {
                let node = &g.devices[d.index()];
                let status = g.device(d).status.as_ref().map(|s| s.value.as_str());
                (
                    node.role.map(|r| r.index()),
                    node.platform.map(|p| p.index()),
                    status,
                )
            }
            Owner::VirtualMachine(v) => {
                let node = &g.virtual_machines[v.index()];
                let data = &g.model.virtual_machines[v.index()].data;
                let status = data.status.as_ref().map(|s| s.value.as_str());
                (
                    node.role.map(|r| r.index()),
                    node.platform.map(|p| p.index()),
                    status,
                )
            }
        };
        let allowed = |flags: &Option<Vec<bool>>, index: Option<usize>| match flags {
            None => true,
            Some(flags) => index.is_some_and(|i| flags[i]),
        };
        // NetBox's default status is `active`.
        let status = status.unwrap_or("active");
        allowed(&self.roles, role)
            && allowed(&self.platforms, platform)
            && (self.statuses.is_empty() || self.statuses.contains(&status))
    }
}

/// One flag per object of `table`, set for those a name of `names` matches by name or slug;
/// `None` when `names` is empty.
fn flags<T>(
    cx: &Context,
    names: &[Text],
    table: &[Obj<T>],
    name_and_slug: fn(&T) -> (&String, Option<&Text>),
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<bool>> {
    if names.is_empty() {
        return None;
    }
    let mut flags = vec![false; table.len()];
    for name in names {
        let mut found = false;
        for (i, object) in table.iter().enumerate() {
            let (object_name, slug) = name_and_slug(&object.data);
            if *object_name == name.value || slug.is_some_and(|s| s.value == name.value) {
                flags[i] = true;
                found = true;
            }
        }
        if !found {
            let known = table.iter().map(|o| name_and_slug(&o.data).0.as_str());
            let suggestions = did_you_mean(&name.value, known);
            let mut diagnostic = Diagnostic::new(
                &codes::TEMPLATE_FILTER_UNKNOWN_NAME,
                format!(
                    "there is no {what} `{}` to render this template for",
                    name.value
                ),
            )
            .at(cx.at(name));
            diagnostic.help = suggestion_help(&suggestions).or_else(|| {
                Some(format!(
                    "`where` names each {what} by its name or slug, as the data does"
                ))
            });
            diagnostics.push(diagnostic);
        }
    }
    Some(flags)
}
