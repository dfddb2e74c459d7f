//! Family 6, cables: NetBox's `Cable.clean` and `CableTermination.clean`
//! (`dcim/models/cables.py`) and `CabledObjectModel.clean`
//! (`dcim/models/device_components.py`). Each cable is seen once; an end used twice is found
//! through one hash of the ends.

use rustc_hash::FxHashMap as HashMap;

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::{
    CableTarget, CircuitId, CircuitSide, DeviceId, Graph, InterfaceId, PowerFeedId,
};
use crate::model::choices::InterfaceType;
use crate::model::dcim::TerminationType;

/// What a cable end is, to tell the same end used twice.
#[derive(Clone, PartialEq, Eq, Hash)]
enum EndKey {
    Interface(InterfaceId),
    Port(DeviceId, TerminationType, String),
    Circuit(CircuitId, CircuitSide),
    PowerFeed(PowerFeedId),
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

/// Interface types that cannot take a cable: NetBox's `NONCONNECTABLE_IFACE_TYPES`
/// (`dcim/constants.py`), the virtual ones and the wireless ones, cellular included.
fn is_uncableable(kind: InterfaceType) -> bool {
    is_virtual(kind) || kind.is_wireless()
}

/// NetBox's `VIRTUAL_IFACE_TYPES` (`dcim/constants.py`).
pub(super) fn is_virtual(kind: InterfaceType) -> bool {
    kind.is_virtual()
}

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut ends: HashMap<EndKey, Location> =
        HashMap::with_capacity_and_hasher(graph.cables.len() * 2, Default::default());
    for (node, object) in graph.cables.iter().zip(&graph.model.cables) {
        let data = &object.data;
        if let (Some(length), None) = (&data.length, &data.length_unit) {
            out.push(
                Diagnostic::new(
                    &codes::CABLE_LENGTH_WITHOUT_UNIT,
                    format!(
                        "the cable `{}` to `{}` has a length of {} but no unit",
                        data.a.value, data.b.value, length.value
                    ),
                )
                .at(object.at(length))
                .with_help("add `length_unit` (km, m, cm, mi, ft or in)"),
            );
        }
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
        let mut a_key = None;
        for (target, reference) in [(&node.a, &data.a), (&node.b, &data.b)] {
            let at = object.at(reference);
            let key = match target {
                Some(CableTarget::Interface(i)) => {
                    uncableable_interface(graph, *i, at, out);
                    if graph.interface_entry(*i).is_some_and(|e| e.mark_connected) {
                        out.push(marked_connected(
                            &graph.interface_label(*i),
                            at,
                            graph.interface_location(*i),
                        ));
                    }
                    EndKey::Interface(*i)
                }
                Some(CableTarget::Port { device, kind, name }) => {
                    if let Some(entry) = port_marked_connected(graph, *device, *kind, name) {
                        let label = format!("{}:{name}", graph.device(*device).label());
                        out.push(marked_connected(&label, at, entry));
                    }
                    EndKey::Port(*device, *kind, name.clone())
                }
                Some(CableTarget::CircuitTermination { circuit, side }) => {
                    if let Some(network) = provider_network(graph, *circuit, *side) {
                        out.push(cable_to_provider_network(
                            &reference.value.to_string(),
                            network,
                            at,
                        ));
                    }
                    EndKey::Circuit(*circuit, *side)
                }
                Some(CableTarget::PowerFeed(feed)) => EndKey::PowerFeed(*feed),
                // Unresolved: reported already.
                None => continue,
            };
            if a_key.as_ref() == Some(&key) {
                out.push(
                    Diagnostic::new(
                        &codes::CABLE_TO_ITSELF,
                        format!("the cable joins `{}` to itself", reference.value),
                    )
                    .at_labelled(at, "the B end")
                    .with_secondary(object.at(&data.a), "the A end")
                    .with_help("a cable joins two different ports; fix one of its ends"),
                );
                continue;
            }
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
                    ends.insert(key.clone(), at);
                }
            }
            a_key = Some(key);
        }
    }
}

fn uncableable_interface(graph: &Graph, i: InterfaceId, at: Location, out: &mut Vec<Diagnostic>) {
    let Some(kind) = graph.interface_kind(i) else {
        return;
    };
    if !is_uncableable(kind) {
        return;
    }
    out.push(
        Diagnostic::new(
            &codes::VIRTUAL_INTERFACE_CABLED,
            format!(
                "{} is a {} interface and cannot take a cable",
                graph.interface_label(i),
                kind.as_str()
            ),
        )
        .at(at)
        .with_secondary(graph.interface_location(i), "the interface")
        .with_help(if kind.as_str() == "lag" {
            "cable the LAG's physical member interfaces instead"
        } else if is_virtual(kind) {
            "cable the physical interface it rides on instead"
        } else {
            "wireless interfaces connect by wireless links, not cables"
        }),
    );
}

fn marked_connected(label: &str, at: Location, port: Location) -> Diagnostic {
    Diagnostic::new(
        &codes::MARK_CONNECTED_CONFLICT,
        format!("`{label}` is marked connected and cannot take a cable"),
    )
    .at(at)
    .with_secondary(port, "marked connected here")
    .with_help("remove `mark_connected: true` from the port, or remove the cable")
}

/// Where the device's own entry for the port is written, when it is marked connected.
/// Looked up in the device's entries of that kind only, as cable resolution does.
fn port_marked_connected(
    graph: &Graph,
    device: DeviceId,
    kind: TerminationType,
    name: &str,
) -> Option<Location> {
    let object = &graph.model.devices[device.index()];
    let data = &object.data;
    let span = match kind.as_str() {
        "console_port" => data
            .console_ports
            .iter()
            .find(|p| p.value.name.value == name && p.value.mark_connected)
            .map(|p| p.value.name.span),
        "console_server_port" => data
            .console_server_ports
            .iter()
            .find(|p| p.value.name.value == name && p.value.mark_connected)
            .map(|p| p.value.name.span),
        "power_port" => data
            .power_ports
            .iter()
            .find(|p| p.value.name.value == name && p.value.mark_connected)
            .map(|p| p.value.name.span),
        "front_port" => data
            .front_ports
            .iter()
            .find(|p| p.value.name.value == name && p.value.mark_connected)
            .map(|p| p.value.name.span),
        "rear_port" => data
            .rear_ports
            .iter()
            .find(|p| p.value.name.value == name && p.value.mark_connected)
            .map(|p| p.value.name.span),
        _ => None,
    }?;
    Some(Location::new(object.file, span))
}

/// The provider network a circuit's termination on `side` ends at, if it does.
fn provider_network(graph: &Graph, circuit: CircuitId, side: CircuitSide) -> Option<&str> {
    let data = &graph.model.circuits[circuit.index()].data;
    let termination = match side {
        CircuitSide::A => data.termination_a.as_ref(),
        CircuitSide::Z => data.termination_z.as_ref(),
    }?;
    termination
        .value
        .provider_network
        .as_ref()
        .map(|n| n.value.as_str())
}

/// `CableTermination.clean`: a termination on a provider network takes no cable.
fn cable_to_provider_network(end: &str, network: &str, at: Location) -> Diagnostic {
    Diagnostic::new(
        &codes::CABLE_TO_PROVIDER_NETWORK,
        format!("`{end}` ends at provider network `{network}` and cannot be cabled"),
    )
    .at(at)
    .with_help(
        "cable the circuit's termination at a site; the provider network is the provider's side",
    )
}
