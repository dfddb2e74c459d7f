//! FHRP: groups (key: the name, which netsot requires unique), their virtual addresses
//! (IP addresses assigned to the group, pushed with the other addresses by `ipam.rs`), and
//! interfaces' assignments to them with their priority (key: `GROUP on INTERFACE`, the
//! interface's key). Groups belong to no site; an assignment belongs to its interface's.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{string, Desired};
use crate::diag::Location;
use crate::graph::{Graph, InterfaceId, Owner};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for object in &model.fhrp_groups {
        let g = &object.data;
        let mut d = Desired::new(
            Kind::FhrpGroups,
            g.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", g.name.value.as_str())
            .value_at(
                "protocol",
                g.protocol.value.as_str(),
                object.at(&g.protocol),
            )
            .value_at("group_id", g.group_id.value, object.at(&g.group_id))
            // NetBox stores no authentication as null.
            .value("auth_type", g.auth_type.as_ref().map(|a| a.value.as_str()))
            .text("auth_key", g.auth_key.as_ref().map(|k| k.value.as_str()))
            .text("description", g.description.as_deref())
            .text("comments", g.comments.as_deref())
            .tags(&g.tags);
        out.push(d);
    }
    for links in &graph.interface_links {
        if links.fhrp_groups.is_empty() {
            continue;
        }
        let interface = links.interface;
        let Some(entry) = graph.interface_entry(interface) else {
            continue;
        };
        let file = graph.interface_location(interface).file;
        let interface_key = super::dcim::interface_key(graph, interface);
        let (kind, site) = owner(graph, interface);
        for &(group, assignment) in &links.fhrp_groups {
            let Some(assignment) = entry.fhrp_groups.get(assignment as usize) else {
                continue;
            };
            let group_name = &model.fhrp_groups[group.index()].data.name.value;
            let at = Location::new(file, assignment.span);
            let mut d = Desired::new(
                Kind::FhrpGroupAssignments,
                format!("{group_name} on {interface_key}"),
                site.clone(),
                at,
            );
            let priority = &assignment.value.priority;
            d.reference(
                "group",
                Kind::FhrpGroups,
                Some(group_name.clone()),
                Some(Location::new(file, assignment.value.group.span)),
            )
            .value_at(
                "priority",
                priority.value,
                Location::new(file, priority.span),
            );
            d.generic(
                "interface",
                ("interface_type", "interface_id"),
                Some((kind, interface_key.clone())),
                Some(at),
            );
            out.push(d);
        }
    }
}

/// The kind of an interface and the site of its owner.
fn owner(graph: &Graph, interface: InterfaceId) -> (Kind, Option<String>) {
    let owner = graph.interfaces[interface.index()].owner;
    let kind = match owner {
        Owner::Device(_) => Kind::Interfaces,
        Owner::VirtualMachine(_) => Kind::VmInterfaces,
    };
    (kind, super::dcim::site_name(graph, graph.owner_site(owner)))
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    match kind {
        Kind::FhrpGroups => Some((string(json, "name").map(str::to_string), None)),
        Kind::FhrpGroupAssignments => {
            let group = state.ref_key(Kind::FhrpGroups, json.get("group"));
            let interface = state.generic_target(json, "interface_type", "interface_id");
            let key = group
                .zip(interface.and_then(|i| i.key.as_deref()))
                .map(|(g, i)| format!("{g} on {i}"));
            Some((key, interface.and_then(|i| i.site.clone())))
        }
        _ => None,
    }
}
