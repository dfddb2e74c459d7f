//! Services on devices and virtual machines (NetBox 4.4's generic `parent_object`), with
//! the addresses they listen on. Key: `OWNER/NAME`, the owner's key (`SITE/DEVICE` or the
//! VM's name); a service belongs to its owner's site.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{string, Desired};
use crate::graph::{Graph, Owner};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    for (index, object) in model.services.iter().enumerate() {
        let s = &object.data;
        let node = &graph.services[index];
        // A service whose owner did not resolve is an error netsot reports.
        let Some(owner) = node.owner else {
            continue;
        };
        let (kind, owner_key) = match owner {
            Owner::Device(d) => (Kind::Devices, super::dcim::device_key(graph, d)),
            Owner::VirtualMachine(v) => (
                Kind::VirtualMachines,
                model.virtual_machines[v.index()].data.name.value.clone(),
            ),
        };
        let site = super::dcim::site_name(graph, graph.owner_site(owner));
        let mut d = Desired::new(
            Kind::Services,
            format!("{owner_key}/{}", s.name.value),
            site,
            object.location(),
        );
        d.value("name", s.name.value.as_str())
            .value_at(
                "protocol",
                s.protocol.value.as_str(),
                object.at(&s.protocol),
            )
            .value(
                "ports",
                Value::Array(s.ports.iter().map(|p| Value::from(p.value)).collect()),
            )
            .references(
                "ipaddresses",
                Kind::IpAddresses,
                node.ip_addresses
                    .iter()
                    .map(|&ip| super::ipam::ip_key(graph, ip))
                    .collect(),
            )
            .text("description", s.description.as_deref())
            .tags(&s.tags)
            .custom_fields(&defs, "ipam.service", &s.custom_fields);
        let at = s.device.as_ref().or(s.virtual_machine.as_ref());
        d.generic(
            "parent",
            ("parent_object_type", "parent_object_id"),
            Some((kind, owner_key)),
            at.map(|a| object.at(a)),
        );
        out.push(d);
    }
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    if kind != Kind::Services {
        return None;
    }
    let owner = state.generic_target(json, "parent_object_type", "parent_object_id");
    let key = owner
        .and_then(|o| o.key.as_deref())
        .zip(string(json, "name"))
        .map(|(o, n)| format!("{o}/{n}"));
    Some((key, owner.and_then(|o| o.site.clone())))
}
