//! Cable paths: from one cable end to the far end, through patch panels (front port to rear
//! port and back, by position), circuits (termination A to Z) and power, as NetBox 4.4's
//! `CablePath.from_origin` (`dcim/models/cables.py`) traces them. A pure function over the
//! graph; `netsot trace`, `show device` and the export print what it returns.
//!
//! netsot's cable ends hold one termination each, so every hop of a path is one object and
//! the position stack holds one position per patch panel crossed. Where NetBox would split
//! (a rear port of several positions reached without a position, or a front port with no
//! rear port), the path stops with `is_split`.

use std::collections::HashMap;

use super::module_ports::PortKind;
use super::{CableId, CableTarget, DeviceId, Graph, SiteId, WirelessLinkId};
use crate::model::dcim::TerminationType;

/// Every cable end, to find the cable a port holds. A port holding several cables (an
/// error reported by the DCIM checks) keeps the first.
pub struct CableEnds {
    ends: HashMap<CableTarget, CableId>,
}

impl CableEnds {
    pub fn new(graph: &Graph) -> CableEnds {
        let mut ends = HashMap::with_capacity(graph.cables.len() * 2);
        for (c, cable) in graph.cables.iter().enumerate() {
            for end in [&cable.a, &cable.b].into_iter().flatten() {
                ends.entry(end.clone()).or_insert(CableId::from_index(c));
            }
        }
        CableEnds { ends }
    }

    /// The cable attached to an end, if any.
    pub fn cable(&self, end: &CableTarget) -> Option<CableId> {
        self.ends.get(end).copied()
    }
}

/// What a segment of a path reaches: a cable end, or the site a circuit termination without
/// a cable stands at (NetBox ends such a path at the site).
#[derive(Debug, Clone, PartialEq)]
pub enum PathEnd {
    Termination(CableTarget),
    Site(SiteId),
}

/// One segment: the near end, the cable leaving it (none at the last hop of an unfinished
/// path or before a site) and what that cable reaches (none when nothing does), as one
/// three-tuple of NetBox's `/trace/` answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub near: CableTarget,
    pub cable: Option<CableId>,
    /// The wireless link leaving the near end instead of a cable (NetBox's path crosses
    /// an interface's `wireless_link` as it crosses a cable).
    pub wireless_link: Option<WirelessLinkId>,
    pub far: Option<PathEnd>,
}

/// A traced path with NetBox's three flags: complete (it ends at an endpoint: an
/// interface, console, power port or outlet, or power feed), active (every cable is
/// `connected`), split (it forks or stops at a port of several positions).
#[derive(Debug, Clone, PartialEq)]
pub struct CablePath {
    pub segments: Vec<Segment>,
    pub is_complete: bool,
    pub is_active: bool,
    pub is_split: bool,
}

impl CablePath {
    /// The far end of the path: its last termination, when the path is complete.
    pub fn destination(&self) -> Option<&CableTarget> {
        if !self.is_complete {
            return None;
        }
        match self.segments.last()?.far.as_ref()? {
            PathEnd::Termination(end) => Some(end),
            PathEnd::Site(_) => None,
        }
    }
}

/// The path from `origin`, or `None` when no cable leaves it (NetBox has no path then).
pub fn trace(graph: &Graph, ends: &CableEnds, origin: CableTarget) -> Option<CablePath> {
    let mut path = CablePath {
        segments: Vec::new(),
        is_complete: false,
        is_active: true,
        is_split: false,
    };
    // A wireless interface's path is its link to the peer radio, complete at once: the
    // peer is an interface, an endpoint (`CablePath.from_origin` follows `Interface.link`,
    // the cable or the wireless link).
    if let CableTarget::Interface(interface) = origin {
        if let Some((link, peer)) = graph.wireless_peer(interface) {
            let data = &graph.model.wireless_links[link.index()].data;
            path.is_active = data.status.as_ref().is_none_or(|s| s.value.is("connected"));
            path.is_complete = true;
            path.segments.push(Segment {
                near: origin,
                cable: None,
                wireless_link: Some(link),
                far: Some(PathEnd::Termination(CableTarget::Interface(peer))),
            });
            return Some(path);
        }
    }
    let mut positions: Vec<u16> = Vec::new();
    let mut near = origin;
    // Each hop crosses one cable; a path cannot cross more cables than exist, which stops a
    // loop of patch panels cabled into themselves.
    for _ in 0..=graph.cables.len() {
        let Some(cable) = ends.cable(&near) else {
            if path.segments.is_empty() {
                return None;
            }
            path.segments.push(Segment {
                near,
                cable: None,
                wireless_link: None,
                far: None,
            });
            return Some(path);
        };
        let data = &graph.model.cables[cable.index()].data;
        if data
            .status
            .as_ref()
            .is_some_and(|s| s.value.as_str() != "connected")
        {
            path.is_active = false;
        }
        let node = &graph.cables[cable.index()];
        let far = if node.a.as_ref() == Some(&near) {
            node.b.clone()
        } else {
            node.a.clone()
        };
        path.segments.push(Segment {
            near,
            cable: Some(cable),
            wireless_link: None,
            far: far.clone().map(PathEnd::Termination),
        });
        let Some(far) = far else {
            return Some(path);
        };
        near = match &far {
            CableTarget::Port { device, kind, name } if kind.is("front_port") => {
                let Some((rear, position)) = front_port_rear(graph, *device, name) else {
                    path.is_split = true;
                    return Some(path);
                };
                if rear_positions(graph, *device, &rear) > 1 {
                    positions.push(position);
                }
                port(*device, "rear_port", rear)
            }
            CableTarget::Port { device, kind, name } if kind.is("rear_port") => {
                let position = if rear_positions(graph, *device, name) == 1 {
                    1
                } else if let Some(position) = positions.pop() {
                    position
                } else {
                    // No position to follow: the path fans out, NetBox stops here.
                    path.is_split = true;
                    return Some(path);
                };
                match front_port_at(graph, *device, name, position) {
                    Some(front) => port(*device, "front_port", front),
                    // No front port maps the position: nothing further to follow.
                    None => return Some(path),
                }
            }
            CableTarget::CircuitTermination { circuit, side } => {
                let other = side.other();
                let Some(termination) = graph.circuit_termination(*circuit, other) else {
                    return Some(path);
                };
                let next = CableTarget::CircuitTermination {
                    circuit: *circuit,
                    side: other,
                };
                if ends.cable(&next).is_none() {
                    // The circuit ends at a site without a cable: NetBox shows the site.
                    if let Some(site) = termination
                        .site
                        .as_ref()
                        .and_then(|s| graph.indexes.sites.get(&s.value))
                    {
                        path.segments.push(Segment {
                            near: next,
                            cable: None,
                            wireless_link: None,
                            far: Some(PathEnd::Site(site)),
                        });
                        return Some(path);
                    }
                }
                next
            }
            _ => {
                path.is_complete = true;
                return Some(path);
            }
        };
    }
    path.is_split = true;
    Some(path)
}

/// The power feeds a device draws from: each of its power ports traced to a feed, or to an
/// outlet whose own power port is traced on (a PDU, or PDUs in a chain, at most 8 deep).
pub fn power_feeds(graph: &Graph, ends: &CableEnds, device: DeviceId) -> Vec<super::PowerFeedId> {
    let mut feeds = Vec::new();
    let data = graph.device(device);
    let device_type = graph.devices[device.index()]
        .device_type
        .map(|t| &graph.model.device_types[t.index()].data);
    let names = data.power_ports.iter().map(|p| &p.value.name.value).chain(
        device_type
            .into_iter()
            .flat_map(|t| t.power_ports.iter().map(|p| &p.value.name.value)),
    );
    let module_ports = graph.module_ports(device, PortKind::PowerPort);
    let names = names
        .cloned()
        .chain(module_ports.into_iter().map(|p| p.name.into_owned()));
    for name in names {
        let mut from = port(device, "power_port", name);
        for _ in 0..8 {
            let Some(end) = trace(graph, ends, from).and_then(|p| p.destination().cloned()) else {
                break;
            };
            match end {
                CableTarget::PowerFeed(feed) => {
                    feeds.push(feed);
                    break;
                }
                CableTarget::Port { device, kind, name } if kind.is("power_outlet") => {
                    match outlet_power_port(graph, device, &name) {
                        Some(upstream) => from = port(device, "power_port", upstream),
                        None => break,
                    }
                }
                _ => break,
            }
        }
    }
    feeds.sort_unstable_by_key(|f| f.index());
    feeds.dedup();
    feeds
}

/// The power port feeding an outlet: the device's own entry, else its type's template,
/// else the template of the module that gives it.
fn outlet_power_port(graph: &Graph, device: DeviceId, outlet: &str) -> Option<String> {
    let data = graph.device(device);
    if let Some(entry) = data
        .power_outlets
        .iter()
        .find(|o| o.value.name.value == outlet)
    {
        if let Some(port) = &entry.value.power_port {
            return Some(port.value.clone());
        }
    }
    let template = graph.devices[device.index()].device_type.and_then(|t| {
        graph.model.device_types[t.index()]
            .data
            .power_outlets
            .iter()
            .find(|o| o.value.name.value == outlet)
    });
    match template {
        Some(template) => template.value.power_port.as_ref().map(|p| p.value.clone()),
        None => graph
            .module_port(device, PortKind::PowerOutlet, outlet)
            .and_then(|p| graph.module_outlet_power_port(&p)),
    }
}

fn port(device: DeviceId, kind: &str, name: String) -> CableTarget {
    CableTarget::Port {
        device,
        kind: TerminationType::named(kind),
        name,
    }
}

/// The rear port and position a front port maps to: the device's own entry, else its
/// type's template, else its module's; position 1 when not given.
fn front_port_rear(graph: &Graph, device: DeviceId, name: &str) -> Option<(String, u16)> {
    let data = graph.device(device);
    if let Some(entry) = data.front_ports.iter().find(|p| p.value.name.value == name) {
        if let Some(rear) = &entry.value.rear_port {
            return Some((
                rear.value.clone(),
                entry
                    .value
                    .rear_port_position
                    .as_ref()
                    .map_or(1, |p| p.value),
            ));
        }
    }
    let template = graph.devices[device.index()].device_type.and_then(|t| {
        graph.model.device_types[t.index()]
            .data
            .front_ports
            .iter()
            .find(|p| p.value.name.value == name)
    });
    let Some(template) = template else {
        let module_port = graph.module_port(device, PortKind::FrontPort, name)?;
        return graph.module_front_port_rear(&module_port);
    };
    let rear = template.value.rear_port.as_ref()?;
    Some((
        rear.value.clone(),
        template
            .value
            .rear_port_position
            .as_ref()
            .map_or(1, |p| p.value),
    ))
}

/// The positions of a rear port: the device's entry, else its type's template, else its
/// module's; 1 when not given.
fn rear_positions(graph: &Graph, device: DeviceId, name: &str) -> u16 {
    let data = graph.device(device);
    if let Some(entry) = data.rear_ports.iter().find(|p| p.value.name.value == name) {
        if let Some(positions) = &entry.value.positions {
            return positions.value;
        }
    }
    let template = graph.devices[device.index()].device_type.and_then(|t| {
        graph.model.device_types[t.index()]
            .data
            .rear_ports
            .iter()
            .find(|p| p.value.name.value == name)
    });
    match template {
        Some(template) => template.value.positions.as_ref().map_or(1, |p| p.value),
        None => graph
            .module_port(device, PortKind::RearPort, name)
            .map_or(1, |p| graph.module_rear_positions(&p)),
    }
}

/// The front port mapped to a rear port's position, among the device's entries, then its
/// type's templates, then its modules'.
fn front_port_at(graph: &Graph, device: DeviceId, rear: &str, position: u16) -> Option<String> {
    let data = graph.device(device);
    let own = data.front_ports.iter().find(|p| {
        p.value.rear_port.as_ref().is_some_and(|r| r.value == rear)
            && p.value.rear_port_position.as_ref().map_or(1, |p| p.value) == position
    });
    if let Some(entry) = own {
        return Some(entry.value.name.value.clone());
    }
    let from_type = graph.devices[device.index()].device_type.and_then(|t| {
        graph.model.device_types[t.index()]
            .data
            .front_ports
            .iter()
            .find(|p| {
                p.value.rear_port.as_ref().is_some_and(|r| r.value == rear)
                    && p.value.rear_port_position.as_ref().map_or(1, |p| p.value) == position
            })
            .map(|p| p.value.name.value.clone())
    });
    from_type.or_else(|| {
        graph
            .module_ports(device, PortKind::FrontPort)
            .into_iter()
            .find(|p| {
                graph
                    .module_front_port_rear(p)
                    .is_some_and(|(r, at)| r == rear && at == position)
            })
            .map(|p| p.name.into_owned())
    })
}

impl Graph {
    /// Whether a device has a non-interface port, from its type, its own entries or an
    /// installed module.
    pub fn device_has_port(&self, device: DeviceId, kind: TerminationType, name: &str) -> bool {
        self.device_has_own_port(device, kind, name)
            || PortKind::from_termination(kind.as_str())
                .is_some_and(|k| self.module_port(device, k, name).is_some())
    }

    /// Whether a device has a non-interface port from its type or its own entries.
    pub fn device_has_own_port(&self, device: DeviceId, kind: TerminationType, name: &str) -> bool {
        let data = &self.model.devices[device.index()].data;
        let device_type = self.devices[device.index()]
            .device_type
            .map(|t| &self.model.device_types[t.index()].data);
        match kind.as_str() {
            "console_port" => {
                data.console_ports
                    .iter()
                    .any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.console_ports.iter().any(|p| p.value.name.value == name))
            }
            "console_server_port" => {
                data.console_server_ports
                    .iter()
                    .any(|p| p.value.name.value == name)
                    || device_type.is_some_and(|t| {
                        t.console_server_ports
                            .iter()
                            .any(|p| p.value.name.value == name)
                    })
            }
            "power_port" => {
                data.power_ports.iter().any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.power_ports.iter().any(|p| p.value.name.value == name))
            }
            "power_outlet" => {
                data.power_outlets
                    .iter()
                    .any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.power_outlets.iter().any(|p| p.value.name.value == name))
            }
            "front_port" => {
                data.front_ports.iter().any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.front_ports.iter().any(|p| p.value.name.value == name))
            }
            "rear_port" => {
                data.rear_ports.iter().any(|p| p.value.name.value == name)
                    || device_type
                        .is_some_and(|t| t.rear_ports.iter().any(|p| p.value.name.value == name))
            }
            _ => false,
        }
    }
}
