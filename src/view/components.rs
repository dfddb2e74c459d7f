//! The views of a device's components other than interfaces: power ports and outlets
//! (its type's, its modules' with the bay of their `module`, and its own), device bays, and
//! installed modules with the components each gives the device.

use serde_json::{json, Value};

use super::Views;
use crate::graph::module_ports::{resolve_module_name, PortKind};
use crate::graph::{CableTarget, DeviceId};

impl Views<'_> {
    /// A device's power ports and outlets: its type's, refined by name by its own entries,
    /// then its entries the type lacks; each with the peer of its cable (`connected_to`)
    /// and, for ports, the far end of the path.
    pub(super) fn power(&self, device: DeviceId) -> (Value, Value) {
        let g = self.graph;
        let data = g.device(device);
        let device_type = g.devices[device.index()]
            .device_type
            .map(|t| &g.model.device_types[t.index()].data);
        let peer = |kind: &str, name: &str| {
            let end = CableTarget::Port {
                device,
                kind: crate::model::dcim::TerminationType::named(kind),
                name: name.to_string(),
            };
            let cable = self.cable_ends().cable(&end)?;
            let node = &g.cables[cable.index()];
            let other = if node.a.as_ref() == Some(&end) {
                node.b.as_ref()
            } else {
                node.a.as_ref()
            };
            Some((end.clone(), other?.label(g)))
        };
        let module_bay = |m: u32| g.module_data(m).bay.value.as_str();
        let mut ports = Vec::new();
        let templates = device_type.map_or(&[][..], |t| &t.power_ports[..]);
        let module_ports = g.module_ports(device, PortKind::PowerPort);
        let in_types = |n: &str| {
            templates.iter().any(|t| t.value.name.value == n)
                || module_ports.iter().any(|p| p.name == n)
        };
        let names = templates
            .iter()
            .map(|t| t.value.name.value.as_str())
            .chain(module_ports.iter().map(|p| p.name.as_ref()))
            .chain(
                data.power_ports
                    .iter()
                    .map(|p| p.value.name.value.as_str())
                    .filter(|n| !in_types(n)),
            );
        for name in names {
            let entry = data.power_ports.iter().find(|p| p.value.name.value == name);
            let template = templates.iter().find(|t| t.value.name.value == name);
            let module_port = module_ports.iter().find(|p| p.name == name);
            let module_template =
                module_port.map(|p| &g.module_port_type(p).power_ports[p.template].value);
            let template = template.map(|t| &t.value).or(module_template);
            let kind = entry
                .and_then(|e| e.value.kind.as_ref())
                .or_else(|| template.and_then(|t| t.kind.as_ref()));
            let draw = |pick: fn(&crate::model::dcim::PowerPort) -> Option<u32>,
                        from_template: fn(
                &crate::model::device_type::PowerPortTemplate,
            ) -> Option<u32>| {
                entry
                    .and_then(|e| pick(&e.value))
                    .or_else(|| template.and_then(from_template))
            };
            let connected = peer("power_port", name);
            let (endpoints, reachable) = match &connected {
                Some((end, _)) => self.connected_endpoints(end.clone()),
                None => (Vec::new(), None),
            };
            ports.push(json!({
                "name": name,
                "module": module_port.map(|p| module_bay(p.module)),
                "type": kind.map(|k| k.value.as_str()),
                "maximum_draw": draw(|p| p.maximum_draw.as_ref().map(|d| d.value), |t| t.maximum_draw.as_ref().map(|d| d.value)),
                "allocated_draw": draw(|p| p.allocated_draw.as_ref().map(|d| d.value), |t| t.allocated_draw.as_ref().map(|d| d.value)),
                "connected_to": connected.map(|(_, label)| label),
                "connected_endpoints": endpoints,
                "connected_endpoints_reachable": reachable,
            }));
        }
        let mut outlets = Vec::new();
        let templates = device_type.map_or(&[][..], |t| &t.power_outlets[..]);
        let refined = |name: &str| {
            data.power_outlets
                .iter()
                .any(|o| o.value.name.value == name)
        };
        for template in templates {
            let name = &template.value.name.value;
            if refined(name) {
                continue;
            }
            outlets.push(json!({
                "name": name,
                "module": null,
                "type": template.value.kind.as_ref().map(|k| k.value.as_str()),
                "power_port": template.value.power_port,
                "feed_leg": template.value.feed_leg,
                "status": "enabled",
                "connected_to": peer("power_outlet", name).map(|(_, label)| label),
            }));
        }
        for port in g.module_ports(device, PortKind::PowerOutlet) {
            if refined(&port.name) {
                continue;
            }
            let template = &g.module_port_type(&port).power_outlets[port.template].value;
            outlets.push(json!({
                "name": port.name,
                "module": module_bay(port.module),
                "type": template.kind.as_ref().map(|k| k.value.as_str()),
                "power_port": g.module_outlet_power_port(&port),
                "feed_leg": template.feed_leg,
                "status": "enabled",
                "connected_to": peer("power_outlet", &port.name).map(|(_, label)| label),
            }));
        }
        for entry in &data.power_outlets {
            let entry = &entry.value;
            outlets.push(json!({
                "name": entry.name.value,
                "module": null,
                "type": entry.kind.as_ref().map(|k| k.value.as_str()),
                "power_port": entry.power_port.as_ref().map(|p| p.value.clone()),
                "feed_leg": entry.feed_leg.as_ref().map(|l| l.value.as_str()),
                "status": entry.status.as_ref().map_or("enabled", |s| s.value.as_str()),
                "connected_to": peer("power_outlet", &entry.name.value).map(|(_, label)| label),
            }));
        }
        (Value::Array(ports), Value::Array(outlets))
    }

    /// The device bays of a device's type, with the device installed in each.
    pub(super) fn device_bays(&self, device: DeviceId) -> Value {
        let g = self.graph;
        let Some(t) = g.devices[device.index()].device_type else {
            return json!([]);
        };
        let children = self.children.get(&device).map_or(&[][..], Vec::as_slice);
        let installed = |bay: &str| {
            children.iter().find_map(|&c| {
                let child = g.device(c);
                child
                    .parent_device
                    .as_ref()
                    .filter(|p| p.value.bay.value == bay)
                    .map(|_| g.device_name(c).to_string())
            })
        };
        Value::Array(
            g.model.device_types[t.index()]
                .data
                .device_bays
                .iter()
                .map(|b| {
                    json!({
                        "name": b.value.name.value,
                        "installed_device": installed(&b.value.name.value),
                    })
                })
                .collect(),
        )
    }

    /// A device's installed modules, outer ones before those nested in them; `parent_bay`
    /// is the bay of the module a nested one sits in.
    pub(super) fn modules(&self, device: DeviceId) -> Value {
        let g = self.graph;
        Value::Array(
            g.devices[device.index()]
                .modules
                .clone()
                .map(|m| {
                    let node = &g.modules[m as usize];
                    let data = g.module_data(m);
                    let module_type = node.module_type.map(|t| {
                        let t = &g.model.module_types[t.index()].data;
                        format!("{}/{}", t.manufacturer.value, t.model.value)
                    });
                    json!({
                        "bay": data.bay.value,
                        "parent_bay": node.parent.map(|p| g.module_data(p).bay.value.clone()),
                        "position": node.position,
                        "module_type": module_type,
                        "status": data.status.as_ref().map_or("active", |s| s.value.as_str()),
                        "serial": data.serial,
                        "asset_tag": data.asset_tag.as_ref().map(|a| a.value.clone()),
                        "description": data.description,
                        "components": self.module_components(m),
                    })
                })
                .collect(),
        )
    }

    /// The components an installed module gives its device, by kind, with their names on
    /// the device (`{module}` resolved); empty for a module in an unknown or occupied bay.
    fn module_components(&self, module: u32) -> Value {
        let g = self.graph;
        let mut components = serde_json::Map::new();
        let Some(t) = g.installed_module_type(module) else {
            return Value::Object(components);
        };
        let positions = g.module_positions(module);
        let resolved = |names: Vec<&str>| -> Value {
            names
                .into_iter()
                .map(|n| Value::String(resolve_module_name(n, &positions).into_owned()))
                .collect()
        };
        let interfaces: Vec<&str> = t
            .interfaces
            .iter()
            .map(|i| i.value.name.value.as_str())
            .collect();
        components.insert("interfaces".into(), resolved(interfaces));
        for kind in PortKind::ALL {
            components.insert(
                format!("{}s", kind.termination()),
                resolved(kind.template_names(t)),
            );
        }
        let bays: Vec<&str> = t
            .module_bays
            .iter()
            .map(|b| b.value.name.value.as_str())
            .collect();
        components.insert("module_bays".into(), resolved(bays));
        Value::Object(components)
    }
}
