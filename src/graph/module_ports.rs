//! The components other than interfaces that installed modules give a device (console and
//! console server ports, power ports and outlets, front and rear ports), named as NetBox's
//! `ModularComponentTemplateModel.resolve_name` names them: each `{module}` replaced by the
//! position of one bay on the way down, outermost first. Front ports keep their mapping
//! onto the module's rear port, whose name is resolved the same way
//! (`FrontPortTemplate.instantiate`), and outlets their module's power port.
//!
//! Devices without modules pay one empty range check: nothing here allocates for them.

use std::borrow::Cow;

use super::{DeviceId, Graph};
use crate::model::device_type::ModuleType;

/// The kinds of components a module type brings besides interfaces, in the order NetBox's
/// `Module.save` instantiates them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortKind {
    ConsolePort,
    ConsoleServerPort,
    PowerPort,
    PowerOutlet,
    RearPort,
    FrontPort,
}

impl PortKind {
    pub const ALL: [PortKind; 6] = [
        PortKind::ConsolePort,
        PortKind::ConsoleServerPort,
        PortKind::PowerPort,
        PortKind::PowerOutlet,
        PortKind::RearPort,
        PortKind::FrontPort,
    ];

    /// The kind a cable end names (`a_type`), as NetBox's termination types spell it.
    pub fn from_termination(kind: &str) -> Option<PortKind> {
        Some(match kind {
            "console_port" => PortKind::ConsolePort,
            "console_server_port" => PortKind::ConsoleServerPort,
            "power_port" => PortKind::PowerPort,
            "power_outlet" => PortKind::PowerOutlet,
            "rear_port" => PortKind::RearPort,
            "front_port" => PortKind::FrontPort,
            _ => return None,
        })
    }

    /// The termination type of cable ends, and the key of the views.
    pub fn termination(self) -> &'static str {
        match self {
            PortKind::ConsolePort => "console_port",
            PortKind::ConsoleServerPort => "console_server_port",
            PortKind::PowerPort => "power_port",
            PortKind::PowerOutlet => "power_outlet",
            PortKind::RearPort => "rear_port",
            PortKind::FrontPort => "front_port",
        }
    }

    /// How messages call it.
    pub fn noun(self) -> &'static str {
        match self {
            PortKind::ConsolePort => "console port",
            PortKind::ConsoleServerPort => "console server port",
            PortKind::PowerPort => "power port",
            PortKind::PowerOutlet => "power outlet",
            PortKind::RearPort => "rear port",
            PortKind::FrontPort => "front port",
        }
    }

    /// The template names of this kind in a module type.
    pub fn template_names(self, t: &ModuleType) -> Vec<&str> {
        fn names<T>(list: &[crate::model::Spanned<T>], name: fn(&T) -> &str) -> Vec<&str> {
            list.iter().map(|p| name(&p.value)).collect()
        }
        match self {
            PortKind::ConsolePort => names(&t.console_ports, |p| &p.name.value),
            PortKind::ConsoleServerPort => names(&t.console_server_ports, |p| &p.name.value),
            PortKind::PowerPort => names(&t.power_ports, |p| &p.name.value),
            PortKind::PowerOutlet => names(&t.power_outlets, |p| &p.name.value),
            PortKind::RearPort => names(&t.rear_ports, |p| &p.name.value),
            PortKind::FrontPort => names(&t.front_ports, |p| &p.name.value),
        }
    }
}

/// One component an installed module gives its device.
#[derive(Clone, Debug, PartialEq)]
pub struct ModulePort<'g> {
    /// The module, an index of [`Graph::modules`].
    pub module: u32,
    /// The template's index in its module type's list of this kind.
    pub template: usize,
    /// The name on the device, `{module}` resolved.
    pub name: Cow<'g, str>,
}

/// `name` with each `{module}` replaced by the next position, outermost first, as NetBox's
/// `resolve_name`; placeholders beyond the positions stay. Borrowed when there is none.
pub fn resolve_module_name<'a>(name: &'a str, positions: &[&str]) -> Cow<'a, str> {
    const MODULE_TOKEN: &str = "{module}";
    if !name.contains(MODULE_TOKEN) {
        return Cow::Borrowed(name);
    }
    let mut name = name.to_string();
    for position in positions {
        if let Some(at) = name.find(MODULE_TOKEN) {
            name.replace_range(at..at + MODULE_TOKEN.len(), position);
        }
    }
    Cow::Owned(name)
}

impl Graph {
    /// The positions of the bays a module sits in, outermost first.
    pub fn module_positions(&self, module: u32) -> Vec<&str> {
        let mut positions = Vec::new();
        let mut current = Some(module);
        while let Some(m) = current {
            let node = &self.modules[m as usize];
            positions.push(node.position.as_deref().unwrap_or(""));
            current = node.parent;
        }
        positions.reverse();
        positions
    }

    /// The type of a module that sits in a bay of its own; a module in an unknown or
    /// occupied bay gives its device nothing.
    pub fn installed_module_type(&self, module: u32) -> Option<&ModuleType> {
        let node = &self.modules[module as usize];
        let t = node.module_type.filter(|_| node.installed)?;
        Some(&self.model.module_types[t.index()].data)
    }

    /// The components of one kind the installed modules of a device give it, module by
    /// module, in their types' order.
    pub fn module_ports(&self, device: DeviceId, kind: PortKind) -> Vec<ModulePort<'_>> {
        let mut ports = Vec::new();
        for m in self.devices[device.index()].modules.clone() {
            let Some(t) = self.installed_module_type(m) else {
                continue;
            };
            let names = kind.template_names(t);
            if names.is_empty() {
                continue;
            }
            let positions = self.module_positions(m);
            for (template, name) in names.into_iter().enumerate() {
                ports.push(ModulePort {
                    module: m,
                    template,
                    name: resolve_module_name(name, &positions),
                });
            }
        }
        ports
    }

    /// The module component of one kind and name on a device, if a module gives it.
    pub fn module_port(
        &self,
        device: DeviceId,
        kind: PortKind,
        name: &str,
    ) -> Option<ModulePort<'_>> {
        if self.devices[device.index()].modules.is_empty() {
            return None;
        }
        self.module_ports(device, kind)
            .into_iter()
            .find(|p| p.name == name)
    }

    /// The module type a module component comes from.
    pub fn module_port_type(&self, port: &ModulePort<'_>) -> &ModuleType {
        let t = self.modules[port.module as usize]
            .module_type
            .expect("a module port comes from an installed module with a type");
        &self.model.module_types[t.index()].data
    }

    /// The rear port and position a module's front port maps onto, the rear port's name
    /// resolved with the module's positions; position 1 when not given.
    pub fn module_front_port_rear(&self, port: &ModulePort<'_>) -> Option<(String, u16)> {
        let template = &self.module_port_type(port).front_ports[port.template].value;
        let rear = template.rear_port.as_ref()?;
        let positions = self.module_positions(port.module);
        Some((
            resolve_module_name(&rear.value, &positions).into_owned(),
            template.rear_port_position.as_ref().map_or(1, |p| p.value),
        ))
    }

    /// The positions of a module's rear port; 1 when not given.
    pub fn module_rear_positions(&self, port: &ModulePort<'_>) -> u16 {
        self.module_port_type(port).rear_ports[port.template]
            .value
            .positions
            .as_ref()
            .map_or(1, |p| p.value)
    }

    /// The power port of the same module feeding a module's outlet, its name resolved.
    pub fn module_outlet_power_port(&self, port: &ModulePort<'_>) -> Option<String> {
        let template = &self.module_port_type(port).power_outlets[port.template].value;
        let power_port = template.power_port.as_ref()?;
        let positions = self.module_positions(port.module);
        Some(resolve_module_name(&power_port.value, &positions).into_owned())
    }

    /// A module's power port's maximum and allocated draw, in watts.
    pub fn module_power_draw(&self, port: &ModulePort<'_>) -> (Option<u32>, Option<u32>) {
        let template = &self.module_port_type(port).power_ports[port.template].value;
        (
            template.maximum_draw.as_ref().map(|d| d.value),
            template.allocated_draw.as_ref().map(|d| d.value),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_resolved_outermost_first_and_borrowed_without_placeholder() {
        assert_eq!(resolve_module_name("PSU{module}", &["2"]), "PSU2");
        assert_eq!(
            resolve_module_name("Gi0/{module}/{module}/0", &["1", "3"]),
            "Gi0/1/3/0"
        );
        assert!(matches!(
            resolve_module_name("Console", &["1"]),
            Cow::Borrowed("Console")
        ));
    }
}
