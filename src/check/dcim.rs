//! Family 6: DCIM. Rack elevations, cables and LAGs; power in `power.rs`.
//!
//! Rack units are counted in half units so that 0.5U positions and heights are exact
//! integers. Each rack's devices are sorted and swept once per face.

use rustc_hash::FxHashMap as HashMap;

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::{CableTarget, DeviceId, Graph, InterfaceId, RackId};
use crate::model::choices::InterfaceType;
use crate::model::dcim::TerminationType;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    // The parts are independent: on all threads, their findings appended in this order.
    let (mut racks, (mut cabled, mut lags)) = rayon::join(
        || {
            let mut out = Vec::new();
            rack_elevations(graph, &mut out);
            out
        },
        || {
            rayon::join(
                || {
                    let mut out = Vec::new();
                    cables(graph, &mut out);
                    out
                },
                || {
                    let mut out = Vec::new();
                    nested_lags(graph, &mut out);
                    out
                },
            )
        },
    );
    out.append(&mut racks);
    out.append(&mut cabled);
    out.append(&mut lags);
    super::power::check(graph, out);
}

/// A device mounted in a rack, in half units: it occupies `[start, end)`.
#[derive(Clone, Copy)]
struct Mounted {
    device: DeviceId,
    start: u32,
    end: u32,
    rear: bool,
    full_depth: bool,
}

fn rack_elevations(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut by_rack: HashMap<RackId, Vec<Mounted>> = HashMap::default();
    for (d, (node, object)) in graph.devices.iter().zip(&graph.model.devices).enumerate() {
        let data = &object.data;
        let Some(position) = &data.position else {
            continue;
        };
        let at = object.at(position);
        let Some(rack) = node.rack else {
            if data.rack.is_none() {
                out.push(
                    Diagnostic::new(
                        &codes::POSITION_OUT_OF_RACK,
                        format!("`{}` has a position but no rack", data.name.value),
                    )
                    .at(at)
                    .with_help("add the `rack`, or remove `position`"),
                );
            }
            continue;
        };
        let Some(face) = &data.face else {
            out.push(
                Diagnostic::new(
                    &codes::POSITION_OUT_OF_RACK,
                    format!("`{}` has a rack position but no face", data.name.value),
                )
                .at(at)
                .with_help("add `face: front` or `face: rear`"),
            );
            continue;
        };
        let height = graph.device_height(DeviceId::from_index(d));
        let rack_data = &graph.model.racks[rack.index()].data;
        let u_height = rack_data
            .u_height
            .as_ref()
            .map_or(42, |h| u32::from(h.value));
        let first = rack_data
            .starting_unit
            .as_ref()
            .map_or(1, |u| u32::from(u.value));
        let last = first + u_height.saturating_sub(1);
        let problem = if height == 0.0 {
            Some("a 0U device cannot take a rack position".to_string())
        } else if position.value.fract() != 0.0 && position.value.fract() != 0.5 {
            Some(format!(
                "position {} is not a whole or half unit",
                position.value
            ))
        } else if position.value < f64::from(first) {
            Some(format!(
                "position {} is below the rack's first unit U{first}",
                position.value
            ))
        } else if position.value + height - 1.0 > f64::from(last) {
            Some(format!(
                "a {height}U device at U{} reaches above the rack's top unit U{last}",
                position.value
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            out.push(
                Diagnostic::new(
                    &codes::POSITION_OUT_OF_RACK,
                    format!("`{}`: {problem}", data.name.value),
                )
                .at(at)
                .with_help(format!(
                    "rack `{}` has units U{first} to U{last}",
                    rack_data.name.value
                )),
            );
            continue;
        }
        let start = (position.value * 2.0) as u32;
        let end = start + (height * 2.0).ceil() as u32;
        let full_depth = node
            .device_type
            .is_none_or(|t| graph.model.device_types[t.index()].data.full_depth());
        by_rack.entry(rack).or_default().push(Mounted {
            device: DeviceId::from_index(d),
            start,
            end,
            rear: face.value.is("rear"),
            full_depth,
        });
    }
    let mut racks: Vec<_> = by_rack.into_iter().collect();
    racks.sort_unstable_by_key(|(rack, _)| *rack);
    for (_, devices) in racks {
        for rear in [false, true] {
            sweep_face(graph, &devices, rear, out);
        }
    }
}

/// Reports overlaps on one face: among the devices mounted on it, and with full-depth
/// devices mounted on the other face.
fn sweep_face(graph: &Graph, devices: &[Mounted], rear: bool, out: &mut Vec<Diagnostic>) {
    let mut on_face: Vec<Mounted> = devices
        .iter()
        .filter(|m| m.rear == rear || m.full_depth)
        .copied()
        .collect();
    on_face.sort_unstable_by_key(|m| (m.start, m.device));
    let face = if rear { "rear" } else { "front" };
    // The device reaching highest so far, one of this face and one of the other face.
    let mut own: Option<Mounted> = None;
    let mut other: Option<Mounted> = None;
    for m in on_face {
        let position = |m: &Mounted| {
            let object = &graph.model.devices[m.device.index()];
            object
                .data
                .position
                .as_ref()
                .map_or(object.location(), |p| object.at(p))
        };
        let name = |m: &Mounted| {
            graph.model.devices[m.device.index()]
                .data
                .name
                .value
                .as_str()
        };
        let units = |m: &Mounted| format!("U{}", f64::from(m.start) / 2.0);
        let is_own = m.rear == rear;
        if is_own {
            if let Some(o) = own.filter(|o| o.end > m.start) {
                out.push(
                    Diagnostic::new(
                        &codes::RACK_UNIT_OVERLAP,
                        format!(
                            "`{}` at {} overlaps `{}` on the {face} of the rack",
                            name(&m),
                            units(&m),
                            name(&o)
                        ),
                    )
                    .at(position(&m))
                    .with_secondary(position(&o), "the device already in those units")
                    .with_help("move one of them to free units"),
                );
            }
            if let Some(o) = other.filter(|o| o.end > m.start) {
                out.push(full_depth_conflict(
                    graph,
                    &m,
                    &o,
                    face,
                    position(&m),
                    position(&o),
                ));
            }
            if own.is_none_or(|o| m.end > o.end) {
                own = Some(m);
            }
        } else {
            // A full-depth device of the other face: conflicts with devices mounted here.
            // Pairs of other-face devices are reported on their own face.
            if let Some(o) = own.filter(|o| o.end > m.start) {
                out.push(full_depth_conflict(
                    graph,
                    &o,
                    &m,
                    face,
                    position(&o),
                    position(&m),
                ));
            }
            if other.is_none_or(|o| m.end > o.end) {
                other = Some(m);
            }
        }
    }
}

fn full_depth_conflict(
    graph: &Graph,
    here: &Mounted,
    behind: &Mounted,
    face: &str,
    here_at: Location,
    behind_at: Location,
) -> Diagnostic {
    let name = |m: &Mounted| {
        graph.model.devices[m.device.index()]
            .data
            .name
            .value
            .as_str()
    };
    Diagnostic::new(
        &codes::FULL_DEPTH_CONFLICT,
        format!(
            "`{}` on the {face} collides with full-depth `{}` mounted on the other face",
            name(here),
            name(behind)
        ),
    )
    .at(here_at)
    .with_secondary(behind_at, "full depth: occupies both faces")
    .with_help("move one of them, or set `is_full_depth: false` on a half-depth device type")
}

/// What a cable end is, to tell the same end used twice.
#[derive(Clone, PartialEq, Eq, Hash)]
enum EndKey {
    Interface(InterfaceId),
    Port(DeviceId, TerminationType, String),
    Circuit(crate::graph::CircuitId, crate::graph::CircuitSide),
    PowerFeed(crate::graph::PowerFeedId),
}

/// Whether NetBox allows a cable between these kinds of ends
/// (`COMPATIBLE_TERMINATION_TYPES` of `dcim/constants.py`).
fn compatible(a: TerminationType, b: TerminationType) -> bool {
    let allowed: &[&str] = match a.as_str() {
        "interface" => &[
            "interface",
            "circuit_termination",
            "front_port",
            "rear_port",
        ],
        "console_port" => &["console_server_port", "front_port", "rear_port"],
        "console_server_port" => &["console_port", "front_port", "rear_port"],
        "power_port" => &["power_outlet", "power_feed"],
        "power_outlet" => &["power_port"],
        "power_feed" => &["power_port"],
        "circuit_termination" => &[
            "interface",
            "front_port",
            "rear_port",
            "circuit_termination",
        ],
        "front_port" | "rear_port" => &[
            "console_port",
            "console_server_port",
            "interface",
            "front_port",
            "rear_port",
            "circuit_termination",
        ],
        _ => &[],
    };
    allowed.contains(&b.as_str())
}

/// Interface types that cannot take a cable: virtual and wireless ones, as in NetBox.
fn is_uncableable(kind: InterfaceType) -> bool {
    let name = kind.as_str();
    matches!(name, "virtual" | "bridge" | "lag" | "other-wireless")
        || name.starts_with("ieee802.11")
        || name == "ieee802.15.1"
}

fn cables(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut ends: HashMap<EndKey, Location> =
        HashMap::with_capacity_and_hasher(graph.cables.len() * 2, Default::default());
    for (node, object) in graph.cables.iter().zip(&graph.model.cables) {
        let data = &object.data;
        let kind_a = data
            .a_type
            .as_ref()
            .map_or(TerminationType::named("interface"), |t| t.value);
        let kind_b = data
            .b_type
            .as_ref()
            .map_or(TerminationType::named("interface"), |t| t.value);
        if !compatible(kind_a, kind_b) {
            out.push(
                Diagnostic::new(
                    &codes::INCOMPATIBLE_CABLE_ENDS,
                    format!(
                        "a cable cannot join a {} to a {}",
                        kind_a.as_str().replace('_', " "),
                        kind_b.as_str().replace('_', " ")
                    ),
                )
                .at(object.at(&data.b))
                .with_secondary(object.at(&data.a), "the A end")
                .with_help("check `a_type` and `b_type`: console to console server, power port to outlet or feed, interfaces to interfaces, ports or circuits"),
            );
        }
        for (target, reference) in [(&node.a, &data.a), (&node.b, &data.b)] {
            let at = object.at(reference);
            let key = match target {
                Some(CableTarget::Interface(i)) => {
                    if let Some(interface_kind) = graph.interface_kind(*i) {
                        if is_uncableable(interface_kind) {
                            out.push(
                                Diagnostic::new(
                                    &codes::VIRTUAL_INTERFACE_CABLED,
                                    format!(
                                        "{} is a {} interface and cannot take a cable",
                                        graph.interface_label(*i),
                                        interface_kind.as_str()
                                    ),
                                )
                                .at(at)
                                .with_secondary(graph.interface_location(*i), "the interface")
                                .with_help(
                                    if interface_kind.as_str() == "lag" {
                                        "cable the LAG's physical member interfaces instead"
                                    } else if matches!(
                                        interface_kind.as_str(),
                                        "virtual" | "bridge"
                                    ) {
                                        "cable the physical interface it rides on instead"
                                    } else {
                                        "wireless interfaces connect by wireless links, not cables"
                                    },
                                ),
                            );
                        }
                    }
                    EndKey::Interface(*i)
                }
                Some(CableTarget::Port { device, kind, name }) => {
                    EndKey::Port(*device, *kind, name.clone())
                }
                Some(CableTarget::CircuitTermination { circuit, side }) => {
                    EndKey::Circuit(*circuit, *side)
                }
                Some(CableTarget::PowerFeed(feed)) => EndKey::PowerFeed(*feed),
                // Unresolved: reported already.
                None => continue,
            };
            match ends.get(&key) {
                Some(first) => out.push(
                    Diagnostic::new(
                        &codes::CABLE_END_REUSED,
                        format!("`{}` is the end of two cables", reference.value),
                    )
                    .at_labelled(at, "cabled again here")
                    .with_secondary(*first, "first cabled here")
                    .with_help("a port holds one cable; remove one of the cables"),
                ),
                None => {
                    ends.insert(key, at);
                }
            }
        }
    }
}

fn nested_lags(graph: &Graph, out: &mut Vec<Diagnostic>) {
    // Only interfaces with an entry can carry these mistakes.
    for node in &graph.interface_links {
        let i = node.interface;
        let Some(lag) = node.lag else {
            continue;
        };
        if graph.interface_kind(i).is_none_or(|k| k.as_str() != "lag") {
            continue;
        }
        let Some(entry) = graph.interface_entry(i) else {
            continue;
        };
        let file = graph.interface_location(i).file;
        let at = entry
            .lag
            .as_ref()
            .map_or(graph.interface_location(i), |l| Location::new(file, l.span));
        out.push(
            Diagnostic::new(
                &codes::NESTED_LAG,
                format!(
                    "LAG {} cannot be a member of LAG {}",
                    graph.interface_label(i),
                    graph.interface_name(lag)
                ),
            )
            .at(at)
            .with_help("make the physical members of both LAGs members of one LAG"),
        );
    }
}
