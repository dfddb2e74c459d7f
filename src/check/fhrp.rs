//! FHRP values: an assignment's priority (NS0421, `FHRPGroupAssignment.priority`'s
//! validators), a group's `group_id` as NetBox stores it (NS0423) and as its protocol
//! carries it (NS0424, netsot's). One pass over the groups and one over the interfaces
//! that joined any; nothing is compared with anything else.

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::Graph;

/// NetBox's `FHRPGROUPASSIGNMENT_PRIORITY_MAX`.
const PRIORITY_MAX: u32 = 255;

/// The largest value of NetBox's `PositiveSmallIntegerField`.
const GROUP_ID_MAX: u32 = 32767;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    group_ids(graph, out);
    priorities(graph, out);
}

/// The group numbers a protocol can carry, inclusive, for the protocols that fix them.
fn protocol_range(protocol: &str) -> Option<(u32, u32, &'static str)> {
    match protocol {
        "vrrp2" | "vrrp3" => Some((1, 255, "VRRP's virtual router ID")),
        "carp" => Some((1, 255, "CARP's VHID")),
        "hsrp" => Some((0, 4095, "an HSRP (version 2) group")),
        "glbp" => Some((0, 1023, "a GLBP group")),
        _ => None,
    }
}

fn group_ids(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for object in &graph.model.fhrp_groups {
        let data = &object.data;
        let id = &data.group_id;
        if id.value > GROUP_ID_MAX {
            out.push(
                Diagnostic::new(
                    &codes::FHRP_GROUP_ID_OUT_OF_RANGE,
                    format!(
                        "FHRP group `{}` has `group_id` `{}`, above {GROUP_ID_MAX}",
                        data.name.value, id.value
                    ),
                )
                .at(object.at(id))
                .with_help("NetBox stores the group ID as a small integer: write 0 to 32767"),
            );
            continue;
        }
        let protocol = data.protocol.value.as_str();
        if let Some((low, high, what)) = protocol_range(protocol) {
            if id.value < low || id.value > high {
                out.push(
                    Diagnostic::new(
                        &codes::FHRP_GROUP_ID_FOR_PROTOCOL,
                        format!(
                            "FHRP group `{}` has `group_id` `{}`, which {protocol} cannot carry",
                            data.name.value, id.value
                        ),
                    )
                    .at(object.at(id))
                    .with_help(format!("{what} is {low} to {high}")),
                );
            }
        }
    }
}

fn priorities(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for links in graph
        .interface_links
        .iter()
        .filter(|l| !l.fhrp_groups.is_empty())
    {
        let Some(entry) = graph.interface_entry(links.interface) else {
            continue;
        };
        let file = graph.interface_location(links.interface).file;
        for &(group, index) in &links.fhrp_groups {
            let priority = &entry.fhrp_groups[index as usize].value.priority;
            if priority.value > PRIORITY_MAX {
                out.push(
                    Diagnostic::new(
                        &codes::FHRP_PRIORITY_OUT_OF_RANGE,
                        format!(
                            "`{}` has priority `{}` in FHRP group `{}`, above {PRIORITY_MAX}",
                            graph.interface_label(links.interface),
                            priority.value,
                            graph.model.fhrp_groups[group.index()].data.name.value
                        ),
                    )
                    .at(Location::new(file, priority.span))
                    .with_help("a priority is one octet: write 0 to 255, the highest wins"),
                );
            }
        }
    }
}
