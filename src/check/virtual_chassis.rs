//! Family 6, virtual chassis: NetBox's `Device.clean` (a member needs a `vc_position`),
//! the constraint `dcim_device_unique_virtual_chassis_vc_position` (one member per
//! position) and `VirtualChassis.clean` (the master is a member), all in
//! `dcim/models/devices.py`. One pass over devices with one hash of the positions taken,
//! then one over the chassis.

use rustc_hash::FxHashMap as HashMap;

use crate::diag::codes;
use crate::diag::Diagnostic;
use crate::graph::{DeviceId, Graph, VirtualChassisId};

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut taken: HashMap<(VirtualChassisId, u16), DeviceId> = HashMap::default();
    for (d, (node, object)) in graph.devices.iter().zip(&graph.model.devices).enumerate() {
        let (Some(chassis), Some(reference)) = (node.virtual_chassis, &object.data.virtual_chassis)
        else {
            continue;
        };
        let data = &object.data;
        let Some(position) = &data.vc_position else {
            out.push(
                Diagnostic::new(
                    &codes::VC_MEMBER_WITHOUT_POSITION,
                    format!(
                        "`{}` is a member of virtual chassis `{}` but has no `vc_position`",
                        data.label(),
                        reference.value
                    ),
                )
                .at(object.at(reference))
                .with_help("add `vc_position`, the member's number in the chassis"),
            );
            continue;
        };
        match taken.get(&(chassis, position.value)) {
            Some(first) => {
                let first = &graph.model.devices[first.index()];
                let first_at = first
                    .data
                    .vc_position
                    .as_ref()
                    .map_or(first.location(), |p| first.at(p));
                out.push(
                    Diagnostic::new(
                        &codes::VC_POSITION_TAKEN,
                        format!(
                            "`{}` and `{}` both take position {} of virtual chassis `{}`",
                            data.label(),
                            first.data.label(),
                            position.value,
                            reference.value
                        ),
                    )
                    .at_labelled(object.at(position), "taken again here")
                    .with_secondary(first_at, "first taken here")
                    .with_help("give each member of the chassis its own `vc_position`"),
                );
            }
            None => {
                taken.insert((chassis, position.value), DeviceId::from_index(d));
            }
        }
    }
    for (c, (node, object)) in graph
        .virtual_chassis
        .iter()
        .zip(&graph.model.virtual_chassis)
        .enumerate()
    {
        let (Some(master), Some(reference)) = (node.master, &object.data.master) else {
            continue;
        };
        let member = &graph.model.devices[master.index()];
        let master_node = &graph.devices[master.index()];
        // A master whose own `virtual_chassis` did not resolve was reported already.
        if member.data.virtual_chassis.is_some() && master_node.virtual_chassis.is_none() {
            continue;
        }
        if master_node.virtual_chassis != Some(VirtualChassisId::from_index(c)) {
            let theirs = match &member.data.virtual_chassis {
                Some(other) => format!("is a member of `{}`", other.value),
                None => "is in no virtual chassis".to_string(),
            };
            out.push(
                Diagnostic::new(
                    &codes::VC_MASTER_NOT_MEMBER,
                    format!(
                        "the master `{}` of virtual chassis `{}` is not one of its members",
                        reference.value, object.data.name.value
                    ),
                )
                .at(object.at(reference))
                .with_secondary(
                    member.data.name.as_ref().map_or(member.location(), |n| member.at(n)),
                    format!("`{}` {theirs}", reference.value),
                )
                .with_help(format!(
                    "set `virtual_chassis: {}` and a `vc_position` on `{}`, or choose a member as master",
                    object.data.name.value, reference.value
                )),
            );
        }
    }
}
