//! Family 6, power: feeds' electrical values (NetBox's `PowerFeed.clean` and validators),
//! outlets' feed legs and feeds' load (power ports' draws are checked with the other ports,
//! `ports.rs` and `device_types.rs`, NS0625). Each feed, port and
//! outlet is looked at once; feed legs follow one hash of power ports cabled to feeds.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use crate::diag::codes;
use crate::diag::Diagnostic;
use crate::graph::module_ports::PortKind;
use crate::graph::{CableTarget, DeviceId, Graph, PowerFeedId};

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    feeds(graph, out);
    feed_legs(graph, out);
    overloaded_feeds(graph, out);
}

/// A power port's maximum and allocated draw: the device's entry, else its type's template,
/// else the template of the module that gives it.
fn port_draw(graph: &Graph, device: DeviceId, name: &str) -> (Option<u32>, Option<u32>) {
    let data = graph.device(device);
    let entry = data.power_ports.iter().find(|p| p.value.name.value == name);
    let template = graph.devices[device.index()].device_type.and_then(|t| {
        graph.model.device_types[t.index()]
            .data
            .power_ports
            .iter()
            .find(|p| p.value.name.value == name)
    });
    if entry.is_none() && template.is_none() {
        // A power supply module's port (a PSU in a chassis) draws what its template says.
        return graph
            .module_port(device, PortKind::PowerPort, name)
            .map_or((None, None), |p| graph.module_power_draw(&p));
    }
    let maximum = entry
        .and_then(|e| e.value.maximum_draw.as_ref().map(|d| d.value))
        .or_else(|| template.and_then(|t| t.value.maximum_draw.as_ref().map(|d| d.value)));
    let allocated = entry
        .and_then(|e| e.value.allocated_draw.as_ref().map(|d| d.value))
        .or_else(|| template.and_then(|t| t.value.allocated_draw.as_ref().map(|d| d.value)));
    (maximum, allocated)
}

/// The outlets of a device fed by one of its power ports: its entries, and its type's
/// templates no entry refines, and its modules' outlets fed by the port.
fn outlets_of<'g>(graph: &'g Graph, device: DeviceId, port: &str) -> Vec<Cow<'g, str>> {
    let data = graph.device(device);
    let mut names: Vec<Cow<str>> = data
        .power_outlets
        .iter()
        .filter(|o| o.value.power_port.as_ref().is_some_and(|p| p.value == port))
        .map(|o| Cow::Borrowed(o.value.name.value.as_str()))
        .collect();
    if let Some(t) = graph.devices[device.index()].device_type {
        for template in &graph.model.device_types[t.index()].data.power_outlets {
            let name = template.value.name.value.as_str();
            let refined = data
                .power_outlets
                .iter()
                .any(|o| o.value.name.value == name);
            if !refined
                && template.value.power_port.as_ref().map(|p| p.value.as_str()) == Some(port)
            {
                names.push(Cow::Borrowed(name));
            }
        }
    }
    for module_port in graph.module_ports(device, PortKind::PowerOutlet) {
        if graph.module_outlet_power_port(&module_port).as_deref() == Some(port) {
            names.push(module_port.name);
        }
    }
    names
}

/// NetBox shows a feed's allocated draw against its available power (the power port it
/// feeds, by `PowerPort.get_power_draw`: its own draws when set, else the allocated draws
/// of the power ports cabled to its outlets) but refuses nothing; netsot warns when the
/// allocation exceeds the available power. Only runs when there are feeds.
fn overloaded_feeds(graph: &Graph, out: &mut Vec<Diagnostic>) {
    if graph.model.power_feeds.is_empty() {
        return;
    }
    let mut peers: HashMap<&CableTarget, &CableTarget> = HashMap::default();
    for cable in &graph.cables {
        if let (Some(a), Some(b)) = (&cable.a, &cable.b) {
            peers.entry(a).or_insert(b);
            peers.entry(b).or_insert(a);
        }
    }
    for (f, o) in graph.model.power_feeds.iter().enumerate() {
        let feed = CableTarget::PowerFeed(PowerFeedId::from_index(f));
        let Some(CableTarget::Port { device, kind, name }) = peers.get(&feed).copied() else {
            continue;
        };
        if !kind.is("power_port") {
            continue;
        }
        let allocated: u64 = match port_draw(graph, *device, name) {
            (None, None) => outlets_of(graph, *device, name)
                .into_iter()
                .filter_map(|outlet| {
                    let end = CableTarget::Port {
                        device: *device,
                        kind: crate::model::dcim::TerminationType::named("power_outlet"),
                        name: outlet.into_owned(),
                    };
                    match peers.get(&end)? {
                        CableTarget::Port { device, kind, name } if kind.is("power_port") => {
                            port_draw(graph, *device, name).1
                        }
                        _ => None,
                    }
                })
                .map(u64::from)
                .sum(),
            (_, allocated) => u64::from(allocated.unwrap_or(0)),
        };
        let available = o.data.available_power();
        if allocated > available {
            out.push(
                Diagnostic::new(
                    &codes::POWER_FEED_OVERLOADED,
                    format!(
                        "power feed `{}` is allocated `{allocated}` W, above the `{available}` W it makes available",
                        o.data.name.value
                    ),
                )
                .at(o.at(&o.data.name))
                .with_help("move supplies to another feed, or check voltage, amperage and max_utilization"),
            );
        }
    }
}

fn feeds(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for o in &graph.model.power_feeds {
        let data = &o.data;
        let name = &data.name.value;
        if let Some(voltage) = &data.voltage {
            let ac = data.supply.as_ref().is_none_or(|s| s.value.is("ac"));
            let problem = if voltage.value == 0 {
                Some("a voltage of `0`".to_string())
            } else if !(-32768..=32767).contains(&voltage.value) {
                Some(format!("voltage `{}` out of range", voltage.value))
            } else if voltage.value < 0 && ac {
                Some(format!(
                    "a negative voltage `{}` on an AC supply",
                    voltage.value
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                out.push(
                    Diagnostic::new(
                        &codes::INVALID_POWER_FEED_VOLTAGE,
                        format!("power feed `{name}` has {problem}"),
                    )
                    .at(o.at(voltage))
                    .with_help(
                        "write the nominal voltage; negative only with `supply: dc` (e.g. -48)",
                    ),
                );
            }
        }
        if let Some(amperage) = &data.amperage {
            if !(1..=32767).contains(&amperage.value) {
                out.push(
                    Diagnostic::new(
                        &codes::INVALID_POWER_FEED_AMPERAGE,
                        format!("power feed `{name}` has amperage `{}`", amperage.value),
                    )
                    .at(o.at(amperage))
                    .with_help("write the breaker's rating in amperes, from 1 to 32767"),
                );
            }
        }
        if let Some(max) = &data.max_utilization {
            if !(1..=100).contains(&max.value) {
                out.push(
                    Diagnostic::new(
                        &codes::INVALID_MAX_UTILIZATION,
                        format!("power feed `{name}` has max_utilization `{}`", max.value),
                    )
                    .at(o.at(max))
                    .with_help("a percentage from 1 to 100 (80 when not given)"),
                );
            }
        }
    }
}

fn feed_legs(graph: &Graph, out: &mut Vec<Diagnostic>) {
    if graph.model.power_feeds.is_empty() {
        return;
    }
    // The power ports cabled straight to a feed, by device and port name.
    let mut fed: HashMap<(DeviceId, &str), PowerFeedId> = HashMap::default();
    for cable in &graph.cables {
        if let (Some(a), Some(b)) = (&cable.a, &cable.b) {
            for (port, feed) in [(a, b), (b, a)] {
                if let (CableTarget::Port { device, kind, name }, CableTarget::PowerFeed(feed)) =
                    (port, feed)
                {
                    if kind.is("power_port") {
                        fed.insert((*device, name.as_str()), *feed);
                    }
                }
            }
        }
    }
    for (d, o) in graph.model.devices.iter().enumerate() {
        for outlet in &o.data.power_outlets {
            let (Some(leg), Some(port)) = (&outlet.value.feed_leg, &outlet.value.power_port) else {
                continue;
            };
            // A single phase is leg A (the library's single-phase PDUs say so); B and C
            // exist only on three phases.
            if leg.value.is("A") {
                continue;
            }
            let Some(feed) = fed.get(&(DeviceId::from_index(d), port.value.as_str())) else {
                continue;
            };
            let feed_data = &graph.model.power_feeds[feed.index()].data;
            if feed_data.three_phase() {
                continue;
            }
            let feed_object = &graph.model.power_feeds[feed.index()];
            out.push(
                Diagnostic::new(
                    &codes::FEED_LEG_ON_SINGLE_PHASE,
                    format!(
                        "outlet `{}` of `{}` is on leg `{}`, but power port `{}` is fed by single-phase feed `{}`",
                        outlet.value.name.value,
                        o.data.label(),
                        leg.value.as_str(),
                        port.value,
                        feed_data.name.value
                    ),
                )
                .at(o.at(leg))
                .with_secondary(feed_object.at(&feed_data.name), "the single-phase feed")
                .with_help("remove `feed_leg`, or set `phase: three-phase` on the feed"),
            );
        }
    }
}
