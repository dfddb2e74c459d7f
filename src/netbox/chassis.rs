//! Virtual chassis: the chassis themselves (before their members, which refer to them),
//! their members' `virtual_chassis`, `vc_position` and `vc_priority` (pushed with the
//! devices, `dcim.rs` calls [`member_fields`]), and their master, set once the members
//! exist ([`Kind::VcMasters`]). Key: the chassis' name. A chassis has no site in NetBox, so
//! it belongs to none here either: `--prune` never deletes one.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, string, Desired};
use crate::graph::{DeviceId, Graph};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for (index, object) in model.virtual_chassis.iter().enumerate() {
        let c = &object.data;
        let mut d = Desired::new(
            Kind::VirtualChassis,
            c.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", c.name.value.as_str())
            .text("domain", c.domain.as_deref())
            .text("description", c.description.as_deref())
            .tags(&c.tags);
        out.push(d);
        let master = graph.virtual_chassis[index]
            .master
            .map(|m| super::dcim::device_key(graph, m));
        let mut d = Desired::new(
            Kind::VcMasters,
            c.name.value.clone(),
            None,
            object.location(),
        );
        d.reference(
            "master",
            Kind::Devices,
            master,
            at(object, c.master.as_ref()),
        );
        out.push(d);
    }
}

/// A device's place in its virtual chassis: the chassis, its position and its priority
/// (all blank for a device in none).
pub fn member_fields(graph: &Graph, device: DeviceId, d: &mut Desired) {
    let model = &graph.model;
    let object = &model.devices[device.index()];
    let x = &object.data;
    let chassis = graph.devices[device.index()]
        .virtual_chassis
        .map(|c| model.virtual_chassis[c.index()].data.name.value.clone());
    d.reference(
        "virtual_chassis",
        Kind::VirtualChassis,
        chassis,
        at(object, x.virtual_chassis.as_ref()),
    )
    .value_maybe_at(
        "vc_position",
        x.vc_position.as_ref().map(|p| p.value),
        at(object, x.vc_position.as_ref()),
    )
    .value_maybe_at(
        "vc_priority",
        x.vc_priority.as_ref().map(|p| p.value),
        at(object, x.vc_priority.as_ref()),
    );
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    _state: &State,
) -> Option<(Option<String>, Option<String>)> {
    match kind {
        Kind::VirtualChassis | Kind::VcMasters => {
            Some((string(json, "name").map(str::to_string), None))
        }
        _ => None,
    }
}
