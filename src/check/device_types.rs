//! Family 6, device types: NetBox's `DeviceType.clean` (`dcim/models/devices.py`: height in
//! half units, child types 0U, device bays only on parent types), `WeightMixin.clean`
//! (`netbox/models/mixins.py`), and the component templates'
//! (`dcim/models/device_component_templates.py`: names unique per type and kind, front
//! ports mapped onto positions of a rear port of the type, each position once, rear ports of
//! 1 to 1024 positions, power draws, an interface's bridge among the type's interfaces).
//! The power draw rules are shared with devices' own power ports (`ports.rs`).
//!
//! A type is checked on its own, through hashes of its names that are emptied and reused
//! from one type to the next.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diag::codes;
use crate::diag::{Diagnostic, Location, Span};
use crate::graph::index::duplicate;
use crate::graph::Graph;
use crate::model::device_type::{DeviceType, PowerPortTemplate};
use crate::model::{Obj, Spanned, Text};

use super::values::{too_long, COMPONENT_NAME_MAX};

/// NetBox's `REARPORT_POSITIONS_MAX` (`dcim/constants.py`).
const POSITIONS_MAX: u16 = 1024;

/// `DeviceType.u_height` is a `DecimalField(max_digits=4, decimal_places=1)` with
/// `MinValueValidator(0)`: 0 to 999.9 (the half units of `DeviceType.clean` make the
/// highest 999.5).
const U_HEIGHT_BELOW: f64 = 1000.0;

/// `model max_length` and `slug max_length` of `DeviceType`.
const MODEL_MAX: usize = 100;

pub(super) fn check<'g>(graph: &'g Graph, out: &mut Vec<Diagnostic>) {
    let mut names: HashMap<&'g str, Span> = HashMap::default();
    let mut rear_ports: HashMap<&str, u16> = HashMap::default();
    let mut taken: HashMap<(&str, u16), Span> = HashMap::default();
    let mut interfaces: HashSet<&str> = HashSet::default();
    for object in &graph.model.device_types {
        let t = &object.data;
        shape(object, out);
        let mut unique = |kind: &str, list: &mut dyn Iterator<Item = &'g Text>| {
            unique_names(object, kind, list, &mut names, out)
        };
        unique(
            "console port",
            &mut t.console_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "console server port",
            &mut t.console_server_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "power port",
            &mut t.power_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "power outlet",
            &mut t.power_outlets.iter().map(|p| &p.value.name),
        );
        unique("interface", &mut t.interfaces.iter().map(|p| &p.value.name));
        unique(
            "front port",
            &mut t.front_ports.iter().map(|p| &p.value.name),
        );
        unique("rear port", &mut t.rear_ports.iter().map(|p| &p.value.name));
        unique(
            "module bay",
            &mut t.module_bays.iter().map(|p| &p.value.name),
        );
        unique(
            "device bay",
            &mut t.device_bays.iter().map(|p| &p.value.name),
        );
        unique(
            "inventory item",
            &mut t.inventory_items.iter().map(|p| &p.value.name),
        );
        for port in &t.power_ports {
            power_draws(&port.value, object.file, out);
        }
        outlet_power_ports(object, out);
        interfaces.clear();
        interfaces.extend(t.interfaces.iter().map(|i| i.value.name.value.as_str()));
        for template in &t.interfaces {
            let Some(bridge) = &template.value.bridge else {
                continue;
            };
            if bridge.value == template.value.name.value {
                out.push(
                    Diagnostic::new(
                        &codes::WRONG_KIND_REFERENCE,
                        format!(
                            "interface template `{}` cannot be its own bridge",
                            bridge.value
                        ),
                    )
                    .at(object.at(bridge))
                    .with_help("name another interface of the type as `bridge`, or remove it"),
                );
            } else if !interfaces.contains(bridge.value.as_str()) {
                out.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!(
                            "device type `{}` has no interface template `{}`",
                            type_name(t),
                            bridge.value
                        ),
                    )
                    .at(object.at(bridge))
                    .with_help("a bridge is an interface of the same device type"),
                );
            }
        }
        rear_ports.clear();
        for port in &t.rear_ports {
            let positions = port.value.positions.as_ref();
            if let Some(p) = positions.filter(|p| p.value == 0 || p.value > POSITIONS_MAX) {
                out.push(
                    Diagnostic::new(
                        &codes::REAR_PORT_POSITIONS_OUT_OF_RANGE,
                        format!(
                            "rear port template `{}` has {} positions; NetBox allows 1 to {POSITIONS_MAX}",
                            port.value.name.value, p.value
                        ),
                    )
                    .at(object.at(p))
                    .with_help(format!("set `positions` between 1 and {POSITIONS_MAX}")),
                );
            }
            rear_ports
                .entry(&port.value.name.value)
                .or_insert(positions.map_or(1, |p| p.value));
        }
        taken.clear();
        for port in &t.front_ports {
            let port = &port.value;
            let Some(rear) = &port.rear_port else {
                out.push(
                    Diagnostic::new(
                        &codes::MISSING_FIELD,
                        format!(
                            "front port template `{}` has no `rear_port`",
                            port.name.value
                        ),
                    )
                    .at(object.at(&port.name))
                    .with_help("name the rear port template it passes through"),
                );
                continue;
            };
            let Some(&positions) = rear_ports.get(rear.value.as_str()) else {
                out.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!(
                            "device type `{}` has no rear port template `{}`",
                            type_name(t),
                            rear.value
                        ),
                    )
                    .at(object.at(rear))
                    .with_help("a front port maps onto a rear port of the same device type"),
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
                            "front port template `{}` maps onto position {position} of rear port `{}`, which has {positions}",
                            port.name.value, rear.value
                        ),
                    )
                    .at(at)
                    .with_help(format!(
                        "use a `rear_port_position` from 1 to {positions}, or raise the rear port's `positions`"
                    )),
                );
                continue;
            }
            if let Some(first) = taken.insert((&rear.value, position), at.span) {
                out.push(
                    Diagnostic::new(
                        &codes::REAR_PORT_POSITION_TAKEN,
                        format!(
                            "front port template `{}` maps onto position {position} of rear port `{}`, already taken",
                            port.name.value, rear.value
                        ),
                    )
                    .at_labelled(at, "taken again here")
                    .with_secondary(Location::new(object.file, first), "first taken here")
                    .with_help("map each front port onto its own position of the rear port"),
                );
                taken.insert((&rear.value, position), first);
            }
        }
    }
}

/// Reports the second and later templates of one kind with a name already used; `seen` is
/// emptied first.
fn unique_names<'g>(
    object: &Obj<DeviceType>,
    kind: &str,
    list: &mut dyn Iterator<Item = &'g Text>,
    seen: &mut HashMap<&'g str, Span>,
    out: &mut Vec<Diagnostic>,
) {
    seen.clear();
    for name in list {
        too_long(out, object.file, name, COMPONENT_NAME_MAX, || {
            format!("{kind} template name on `{}`", type_name(&object.data))
        });
        match seen.get(name.value.as_str()) {
            Some(&first) => out.push(
                duplicate(
                    &format!("{kind} template"),
                    &name.value,
                    object.at(name),
                    Location::new(object.file, first),
                )
                .with_help(format!(
                    "a {kind} name is unique within device type `{}`; rename or remove one",
                    type_name(&object.data)
                )),
            ),
            None => {
                seen.insert(&name.value, name.span);
            }
        }
    }
}

fn type_name(t: &DeviceType) -> String {
    format!("{}/{}", t.manufacturer.value, t.model.value)
}

/// `PowerOutletTemplate.clean`: an outlet template's power port is a power port template
/// of the same device type. Types hold a handful of power ports: a scan is cheaper than a
/// hash.
fn outlet_power_ports(object: &Obj<DeviceType>, out: &mut Vec<Diagnostic>) {
    let t = &object.data;
    for outlet in &t.power_outlets {
        let Some(port) = &outlet.value.power_port else {
            continue;
        };
        if !t
            .power_ports
            .iter()
            .any(|p| p.value.name.value == port.value)
        {
            out.push(
                Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!(
                        "device type `{}` has no power port template `{}` for power outlet `{}`",
                        type_name(t),
                        port.value,
                        outlet.value.name.value
                    ),
                )
                .at(object.at(port))
                .with_help(
                    "an outlet's power port is a power port template of the same device type",
                ),
            );
        }
    }
}

/// The rules on the type itself: height, child types, weight, device bays, lengths.
fn shape(object: &Obj<DeviceType>, out: &mut Vec<Diagnostic>) {
    let t = &object.data;
    too_long(out, object.file, &t.model, MODEL_MAX, || {
        format!("model of a device type of `{}`", t.manufacturer.value)
    });
    if let Some(slug) = &t.slug {
        too_long(out, object.file, slug, MODEL_MAX, || {
            format!("slug of device type `{}`", type_name(t))
        });
    }
    if let Some(height) = t
        .u_height
        .as_ref()
        .filter(|h| !(0.0..U_HEIGHT_BELOW).contains(&h.value))
    {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!(
                    "device type `{}` is {}U high, outside 0 to 999.5",
                    type_name(t),
                    height.value
                ),
            )
            .at(object.at(height))
            .with_help("give `u_height` from 0 to 999.5, in steps of 0.5"),
        );
    } else if let Some(height) = &t.u_height {
        if (height.value * 2.0).fract() != 0.0 {
            out.push(
                Diagnostic::new(
                    &codes::U_HEIGHT_NOT_HALF_UNIT,
                    format!(
                        "device type `{}` is {}U high; heights go in steps of 0.5U",
                        type_name(t),
                        height.value
                    ),
                )
                .at(object.at(height))
                .with_help("round `u_height` to a whole or half unit"),
            );
        }
    }
    let child = t.subdevice_role.as_ref().filter(|r| r.value.is("child"));
    if let Some(role) = child {
        if t.height() != 0.0 {
            let at = t
                .u_height
                .as_ref()
                .map_or(object.at(role), |h| object.at(h));
            out.push(
                Diagnostic::new(
                    &codes::CHILD_TYPE_NOT_0U,
                    format!(
                        "child device type `{}` is {}U high; child types are 0U",
                        type_name(t),
                        t.height()
                    ),
                )
                .at(at)
                .with_help("set `u_height: 0`: a child device sits in its parent's device bay"),
            );
        }
    }
    if let (Some(weight), None) = (&t.weight, &t.weight_unit) {
        if weight.value != 0.0 {
            out.push(
                Diagnostic::new(
                    &codes::WEIGHT_WITHOUT_UNIT,
                    format!(
                        "device type `{}` has a weight of {} but no unit",
                        type_name(t),
                        weight.value
                    ),
                )
                .at(object.at(weight))
                .with_help("add `weight_unit` (kg, g, lb or oz)"),
            );
        }
    }
    let parent = t
        .subdevice_role
        .as_ref()
        .is_some_and(|r| r.value.is("parent"));
    if let (false, Some(bay)) = (parent, t.device_bays.first()) {
        out.push(
            Diagnostic::new(
                &codes::DEVICE_BAYS_WITHOUT_PARENT_ROLE,
                format!(
                    "device type `{}` has device bays but is not a parent type",
                    type_name(t)
                ),
            )
            .at(object.at(&bay.value.name))
            .with_help("set `subdevice_role: parent`, or remove `device-bays`"),
        );
    }
}

/// A power port's or power port template's draws, in watts.
pub(super) struct PowerDraws<'a> {
    pub(super) name: &'a Text,
    pub(super) maximum: Option<&'a Spanned<u32>>,
    pub(super) allocated: Option<&'a Spanned<u32>>,
}

fn power_draws(port: &PowerPortTemplate, file: crate::diag::FileId, out: &mut Vec<Diagnostic>) {
    PowerDraws {
        name: &port.name,
        maximum: port.maximum_draw.as_ref(),
        allocated: port.allocated_draw.as_ref(),
    }
    .check("power port template", file, out);
}

impl PowerDraws<'_> {
    /// `PowerPort.clean` and `PowerPortTemplate.clean` (allocated at most maximum) and the
    /// fields' `MinValueValidator(1)`.
    pub(super) fn check(&self, what: &str, file: crate::diag::FileId, out: &mut Vec<Diagnostic>) {
        for (field, draw) in [
            ("maximum_draw", self.maximum),
            ("allocated_draw", self.allocated),
        ] {
            if let Some(draw) = draw.filter(|d| d.value == 0) {
                out.push(
                    Diagnostic::new(
                        &codes::POWER_DRAW_BELOW_ONE,
                        format!("{what} `{}` has `{field}: 0`", self.name.value),
                    )
                    .at(Location::new(file, draw.span))
                    .with_help(format!(
                        "a draw is at least 1 watt; remove `{field}` if it is unknown"
                    )),
                );
            }
        }
        if let (Some(maximum), Some(allocated)) = (self.maximum, self.allocated) {
            if allocated.value > maximum.value {
                out.push(
                    Diagnostic::new(
                        &codes::ALLOCATED_DRAW_ABOVE_MAXIMUM,
                        format!(
                            "{what} `{}` allocates {} W, more than its maximum draw of {} W",
                            self.name.value, allocated.value, maximum.value
                        ),
                    )
                    .at(Location::new(file, allocated.span))
                    .with_secondary(Location::new(file, maximum.span), "the maximum draw")
                    .with_help("lower `allocated_draw` to at most `maximum_draw`"),
                );
            }
        }
    }
}
