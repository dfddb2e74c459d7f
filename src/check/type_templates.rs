//! Family 6, the component templates of device types and module types, checked alike
//! (`dcim/models/device_component_templates.py`): names unique per type and kind
//! (`dcim_%(class)s_unique_device_type_name`, `..._unique_module_type_name`) and at most 64
//! characters, power draws, an outlet's power port and an interface's bridge among the
//! type's own templates, front ports mapped onto positions of a rear port of the type, each
//! position once, rear ports of 1 to 1024 positions.
//!
//! A type is checked on its own, through hashes of its names that are emptied and reused
//! from one type to the next (`Scratch`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diag::codes;
use crate::diag::{Diagnostic, FileId, Location, Span};
use crate::graph::index::duplicate;
use crate::model::device_type::{
    BayTemplate, ConsolePortTemplate, FrontPortTemplate, InterfaceTemplate, InventoryItemTemplate,
    PowerOutletTemplate, PowerPortTemplate, RearPortTemplate,
};
use crate::model::{Spanned, Text};

use super::device_types::PowerDraws;
use super::values::{too_long, COMPONENT_NAME_MAX};

/// NetBox's `REARPORT_POSITIONS_MAX` (`dcim/constants.py`).
const POSITIONS_MAX: u16 = 1024;

/// The templates of one device type or module type.
pub(super) struct Templates<'g> {
    pub file: FileId,
    /// `device type` or `module type`.
    pub owner: &'static str,
    /// `Manufacturer/Model`.
    pub name: String,
    pub console_ports: &'g [Spanned<ConsolePortTemplate>],
    pub console_server_ports: &'g [Spanned<ConsolePortTemplate>],
    pub power_ports: &'g [Spanned<PowerPortTemplate>],
    pub power_outlets: &'g [Spanned<PowerOutletTemplate>],
    pub interfaces: &'g [Spanned<InterfaceTemplate>],
    pub front_ports: &'g [Spanned<FrontPortTemplate>],
    pub rear_ports: &'g [Spanned<RearPortTemplate>],
    pub module_bays: &'g [Spanned<BayTemplate>],
    pub device_bays: &'g [Spanned<BayTemplate>],
    pub inventory_items: &'g [Spanned<InventoryItemTemplate>],
}

/// Hashes reused from one type to the next.
#[derive(Default)]
pub(super) struct Scratch<'g> {
    names: HashMap<&'g str, Span>,
    rear_ports: HashMap<&'g str, u16>,
    taken: HashMap<(&'g str, u16), Span>,
    interfaces: HashSet<&'g str>,
}

impl<'g> Templates<'g> {
    pub(super) fn check(&self, scratch: &mut Scratch<'g>, out: &mut Vec<Diagnostic>) {
        let mut unique = |kind: &str, list: &mut dyn Iterator<Item = &'g Text>| {
            self.unique_names(kind, list, &mut scratch.names, out)
        };
        unique(
            "console port",
            &mut self.console_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "console server port",
            &mut self.console_server_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "power port",
            &mut self.power_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "power outlet",
            &mut self.power_outlets.iter().map(|p| &p.value.name),
        );
        unique(
            "interface",
            &mut self.interfaces.iter().map(|p| &p.value.name),
        );
        unique(
            "front port",
            &mut self.front_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "rear port",
            &mut self.rear_ports.iter().map(|p| &p.value.name),
        );
        unique(
            "module bay",
            &mut self.module_bays.iter().map(|p| &p.value.name),
        );
        unique(
            "device bay",
            &mut self.device_bays.iter().map(|p| &p.value.name),
        );
        unique(
            "inventory item",
            &mut self.inventory_items.iter().map(|p| &p.value.name),
        );
        for port in self.power_ports {
            let port = &port.value;
            PowerDraws {
                name: &port.name,
                maximum: port.maximum_draw.as_ref(),
                allocated: port.allocated_draw.as_ref(),
            }
            .check("power port template", self.file, out);
        }
        self.outlet_power_ports(out);
        self.bridges(&mut scratch.interfaces, out);
        self.interface_settings(out);
        self.front_and_rear_ports(scratch, out);
    }

    fn at<T>(&self, value: &Spanned<T>) -> Location {
        Location::new(self.file, value.span)
    }

    /// Reports the second and later templates of one kind with a name already used; `seen`
    /// is emptied first.
    fn unique_names(
        &self,
        kind: &str,
        list: &mut dyn Iterator<Item = &'g Text>,
        seen: &mut HashMap<&'g str, Span>,
        out: &mut Vec<Diagnostic>,
    ) {
        seen.clear();
        for name in list {
            too_long(out, self.file, name, COMPONENT_NAME_MAX, || {
                format!("{kind} template name on `{}`", self.name)
            });
            match seen.get(name.value.as_str()) {
                Some(&first) => out.push(
                    duplicate(
                        &format!("{kind} template"),
                        &name.value,
                        self.at(name),
                        Location::new(self.file, first),
                    )
                    .with_help(format!(
                        "a {kind} name is unique within {} `{}`; rename or remove one",
                        self.owner, self.name
                    )),
                ),
                None => {
                    seen.insert(&name.value, name.span);
                }
            }
        }
    }

    /// `PowerOutletTemplate.clean`: an outlet template's power port is a power port
    /// template of the same type. Types hold a handful of power ports: a scan is cheaper
    /// than a hash.
    fn outlet_power_ports(&self, out: &mut Vec<Diagnostic>) {
        for outlet in self.power_outlets {
            let Some(port) = &outlet.value.power_port else {
                continue;
            };
            if !self
                .power_ports
                .iter()
                .any(|p| p.value.name.value == port.value)
            {
                out.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!(
                            "{} `{}` has no power port template `{}` for power outlet `{}`",
                            self.owner, self.name, port.value, outlet.value.name.value
                        ),
                    )
                    .at(self.at(port))
                    .with_help(format!(
                        "an outlet's power port is a power port template of the same {}",
                        self.owner
                    )),
                );
            }
        }
    }

    /// `InterfaceValidationMixin.clean` on PoE (physical types only, a type needs a mode)
    /// and on the wireless role (wireless types only).
    fn interface_settings(&self, out: &mut Vec<Diagnostic>) {
        for template in self.interfaces {
            let t = &template.value;
            let kind = t.kind.value;
            let label = || format!("interface template `{}` of `{}`", t.name.value, self.name);
            let mode = t.poe_mode.as_ref().map(|m| m.span);
            let poe_type = t.poe_type.as_ref().map(|p| p.span);
            if let Some(found) = super::interfaces::poe(kind, mode, poe_type, label, self.file) {
                out.push(found);
            }
            if let Some(role) = t.rf_role.as_ref().filter(|_| !kind.is_wireless()) {
                out.push(
                    Diagnostic::new(
                        &codes::RADIO_SETTINGS_ON_WIRED_INTERFACE,
                        format!(
                            "{} is a {} interface and cannot have `rf_role`",
                            label(),
                            kind.as_str()
                        ),
                    )
                    .at(self.at(role))
                    .with_help("give the template a wireless `type` (e.g. ieee802.11ax), or remove `rf_role`"),
                );
            }
        }
    }

    /// `InterfaceTemplate.clean`: a bridge is another interface template of the type.
    fn bridges(&self, interfaces: &mut HashSet<&'g str>, out: &mut Vec<Diagnostic>) {
        interfaces.clear();
        interfaces.extend(self.interfaces.iter().map(|i| i.value.name.value.as_str()));
        for template in self.interfaces {
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
                    .at(self.at(bridge))
                    .with_help(format!(
                        "name another interface of the {} as `bridge`, or remove it",
                        self.owner
                    )),
                );
            } else if !interfaces.contains(bridge.value.as_str()) {
                out.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!(
                            "{} `{}` has no interface template `{}`",
                            self.owner, self.name, bridge.value
                        ),
                    )
                    .at(self.at(bridge))
                    .with_help(format!(
                        "a bridge is an interface of the same {}",
                        self.owner
                    )),
                );
            }
        }
    }

    /// `FrontPortTemplate.clean`, `dcim_frontporttemplate_unique_rear_port_position` and the
    /// rear ports' `positions` validators.
    fn front_and_rear_ports(&self, scratch: &mut Scratch<'g>, out: &mut Vec<Diagnostic>) {
        let rear_ports = &mut scratch.rear_ports;
        rear_ports.clear();
        for port in self.rear_ports {
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
                    .at(self.at(p))
                    .with_help(format!("set `positions` between 1 and {POSITIONS_MAX}")),
                );
            }
            rear_ports
                .entry(&port.value.name.value)
                .or_insert(positions.map_or(1, |p| p.value));
        }
        let taken = &mut scratch.taken;
        taken.clear();
        for port in self.front_ports {
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
                    .at(self.at(&port.name))
                    .with_help("name the rear port template it passes through"),
                );
                continue;
            };
            let Some(&positions) = rear_ports.get(rear.value.as_str()) else {
                out.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!(
                            "{} `{}` has no rear port template `{}`",
                            self.owner, self.name, rear.value
                        ),
                    )
                    .at(self.at(rear))
                    .with_help(format!(
                        "a front port maps onto a rear port of the same {}",
                        self.owner
                    )),
                );
                continue;
            };
            let position = port.rear_port_position.as_ref().map_or(1, |p| p.value);
            let at = port
                .rear_port_position
                .as_ref()
                .map_or(self.at(rear), |p| self.at(p));
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
                    .with_secondary(Location::new(self.file, first), "first taken here")
                    .with_help("map each front port onto its own position of the rear port"),
                );
                taken.insert((&rear.value, position), first);
            }
        }
    }
}
