//! Family 6, a device's own ports (`dcim/models/device_components.py`): power draws
//! (`PowerPort.clean` and the fields' validators), rear ports of 1 to 1024 positions
//! (`positions` validators) and front ports mapped onto a rear port of
//! the same device, within its positions, each position once (`FrontPort.clean`,
//! `dcim_frontport_unique_rear_port_position`). A device's ports are its type's templates,
//! refined by name or added to by its own entries; its own module bays have distinct names
//! (`dcim_modulebay_unique_device_module_name`); only devices with front port entries
//! that name a rear port cost more than a glance.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::index::duplicate;
use crate::graph::Graph;
use crate::model::dcim::Device;
use crate::model::{Obj, Text};

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut rear_ports: HashMap<&str, u16> = HashMap::default();
    let mut taken: HashMap<(&str, u16), Option<Location>> = HashMap::default();
    let mut remapped: HashSet<&str> = HashSet::default();
    let mut bays: HashMap<&str, Location> = HashMap::default();
    for (node, object) in graph.devices.iter().zip(&graph.model.devices) {
        let data = &object.data;
        let lists: [(&str, usize, &mut dyn Iterator<Item = &Text>); 7] = [
            (
                "module bay",
                data.module_bays.len(),
                &mut data.module_bays.iter().map(|b| &b.value.name),
            ),
            (
                "console port",
                data.console_ports.len(),
                &mut data.console_ports.iter().map(|p| &p.value.name),
            ),
            (
                "console server port",
                data.console_server_ports.len(),
                &mut data.console_server_ports.iter().map(|p| &p.value.name),
            ),
            (
                "power port",
                data.power_ports.len(),
                &mut data.power_ports.iter().map(|p| &p.value.name),
            ),
            (
                "power outlet",
                data.power_outlets.len(),
                &mut data.power_outlets.iter().map(|p| &p.value.name),
            ),
            (
                "front port",
                data.front_ports.len(),
                &mut data.front_ports.iter().map(|p| &p.value.name),
            ),
            (
                "rear port",
                data.rear_ports.len(),
                &mut data.rear_ports.iter().map(|p| &p.value.name),
            ),
        ];
        for (kind, count, names) in lists {
            if count > 1 {
                unique_names(object, kind, names, &mut bays, out);
            }
        }
        for port in &data.power_ports {
            let port = &port.value;
            super::device_types::PowerDraws {
                name: &port.name,
                maximum: port.maximum_draw.as_ref(),
                allocated: port.allocated_draw.as_ref(),
            }
            .check("power port", object.file, out);
        }
        for port in &data.rear_ports {
            let port = &port.value;
            if let Some(p) = port
                .positions
                .as_ref()
                .filter(|p| p.value == 0 || p.value > 1024)
            {
                out.push(
                    Diagnostic::new(
                        &codes::REAR_PORT_POSITIONS_OUT_OF_RANGE,
                        format!(
                            "rear port `{}` of `{}` has {} positions; NetBox allows 1 to 1024",
                            port.name.value,
                            data.label(),
                            p.value
                        ),
                    )
                    .at(object.at(p))
                    .with_help("set `positions` between 1 and 1024"),
                );
            }
        }
        if !data.front_ports.iter().any(|p| p.value.rear_port.is_some()) {
            continue;
        }
        let device_type = node
            .device_type
            .map(|t| &graph.model.device_types[t.index()].data);
        rear_ports.clear();
        taken.clear();
        remapped.clear();
        remapped.extend(
            data.front_ports
                .iter()
                .filter(|p| p.value.rear_port.is_some())
                .map(|p| p.value.name.value.as_str()),
        );
        if let Some(t) = device_type {
            for port in &t.rear_ports {
                let positions = port.value.positions.as_ref().map_or(1, |p| p.value);
                rear_ports
                    .entry(&port.value.name.value)
                    .or_insert(positions);
            }
            // The type's own mappings, except those an entry of the device maps anew.
            for port in &t.front_ports {
                let port = &port.value;
                let remapped = remapped.contains(port.name.value.as_str());
                if let (false, Some(rear)) = (remapped, &port.rear_port) {
                    let position = port.rear_port_position.as_ref().map_or(1, |p| p.value);
                    taken.entry((&rear.value, position)).or_insert(None);
                }
            }
        }
        for port in &data.rear_ports {
            let port = &port.value;
            if let Some(positions) = &port.positions {
                rear_ports.insert(&port.name.value, positions.value);
            } else {
                rear_ports.entry(&port.name.value).or_insert(1);
            }
        }
        for port in &data.front_ports {
            let port = &port.value;
            let Some(rear) = &port.rear_port else {
                continue;
            };
            let Some(&positions) = rear_ports.get(rear.value.as_str()) else {
                out.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!(
                            "device `{}` has no rear port `{}`",
                            data.label(),
                            rear.value
                        ),
                    )
                    .at(object.at(rear))
                    .with_help("a front port maps onto a rear port of the same device"),
                );
                continue;
            };
            let position = port.rear_port_position.as_ref().map_or(1, |p| p.value);
            let at = port
                .rear_port_position
                .as_ref()
                .map_or(object.at(rear), |p| object.at(p));
            if position == 0 || position > positions {
                out.push(
                    Diagnostic::new(
                        &codes::REAR_PORT_POSITION_OUT_OF_RANGE,
                        format!(
                            "front port `{}` of `{}` maps onto position {position} of rear port `{}`, which has {positions}",
                            port.name.value, data.label(), rear.value
                        ),
                    )
                    .at(at)
                    .with_help(format!(
                        "use a `rear_port_position` from 1 to {positions}, or raise the rear port's `positions`"
                    )),
                );
                continue;
            }
            match taken.get(&(rear.value.as_str(), position)) {
                Some(first) => {
                    let mut diagnostic = Diagnostic::new(
                        &codes::REAR_PORT_POSITION_TAKEN,
                        format!(
                            "front port `{}` of `{}` maps onto position {position} of rear port `{}`, already taken",
                            port.name.value, data.label(), rear.value
                        ),
                    )
                    .at_labelled(at, "taken again here")
                    .with_help("map each front port onto its own position of the rear port");
                    diagnostic = match first {
                        Some(first) => diagnostic.with_secondary(*first, "first taken here"),
                        None => diagnostic.with_secondary(
                            object.at(&data.device_type),
                            "taken by a front port of the device type",
                        ),
                    };
                    out.push(diagnostic);
                }
                None => {
                    taken.insert((&rear.value, position), Some(at));
                }
            }
        }
    }
}

/// `Meta.constraints: dcim_%(class)s_unique_device_name` (and
/// `dcim_modulebay_unique_device_module_name`): the components of one kind a device
/// holds itself (outside modules) have distinct names. An entry named as a template of the
/// device's type stands for that template, as interface entries do, so only the device's
/// own entries can collide; `seen` is emptied first.
fn unique_names<'g>(
    object: &Obj<Device>,
    kind: &str,
    names: &mut dyn Iterator<Item = &'g Text>,
    seen: &mut HashMap<&'g str, Location>,
    out: &mut Vec<Diagnostic>,
) {
    seen.clear();
    for name in names {
        let here = object.at(name);
        if let Some(&first) = seen.get(name.value.as_str()) {
            out.push(duplicate(kind, &name.value, here, first).with_help(format!(
                "a {kind} name is unique on device `{}`; rename or remove one",
                object.data.label()
            )));
        } else {
            seen.insert(&name.value, here);
        }
    }
}
