//! The component templates of device types and module types (NetBox 4.4's
//! `dcim/models/device_component_templates.py`): one kind per component, each template
//! belonging to a device type or to a module type. Keys: `TYPE:NAME` for a device type's,
//! `module type TYPE:NAME` for a module type's (both kinds of type are keyed
//! `MANUFACTURER/MODEL`, and NetBox keeps a name unique per type).
//!
//! Power outlet templates are in `power.rs`, inventory item templates (device types only)
//! in `inventory.rs`; they key their templates the same way.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{string, Desired};
use crate::model::device_type::{
    BayTemplate, ConsolePortTemplate, DeviceType, FrontPortTemplate, InterfaceTemplate, ModuleType,
    PowerOutletTemplate, PowerPortTemplate, RearPortTemplate,
};
use crate::model::{Obj, Spanned, Text};

/// The type a template belongs to, by its key (`MANUFACTURER/MODEL`).
pub enum Owner {
    DeviceType(String),
    ModuleType(String),
}

impl Owner {
    /// The prefix of its templates' keys, before `:NAME`.
    pub fn prefix(&self) -> String {
        match self {
            Owner::DeviceType(key) => key.clone(),
            Owner::ModuleType(key) => format!("module type {key}"),
        }
    }

    fn field(&self) -> (&'static str, Kind, &str) {
        match self {
            Owner::DeviceType(key) => ("device_type", Kind::DeviceTypes, key),
            Owner::ModuleType(key) => ("module_type", Kind::ModuleTypes, key),
        }
    }

    /// A new template of this type: its owner and name set.
    pub fn template<T>(&self, kind: Kind, name: &Text, object: &Obj<T>) -> Desired {
        let (field, owner_kind, key) = self.field();
        let mut d = Desired::new(
            kind,
            format!("{}:{}", self.prefix(), name.value),
            None,
            object.at(name),
        );
        d.reference(field, owner_kind, Some(key.to_string()), None)
            .value("name", name.value.as_str());
        d
    }

    /// The key of a sibling template of the same type (a front port's rear port).
    pub fn sibling(&self, name: &Text) -> String {
        format!("{}:{}", self.prefix(), name.value)
    }
}

/// The template lists a device type or a module type has (they share the library's
/// format).
pub struct Lists<'a> {
    pub interfaces: &'a [Spanned<InterfaceTemplate>],
    pub console_ports: &'a [Spanned<ConsolePortTemplate>],
    pub console_server_ports: &'a [Spanned<ConsolePortTemplate>],
    pub power_ports: &'a [Spanned<PowerPortTemplate>],
    pub power_outlets: &'a [Spanned<PowerOutletTemplate>],
    pub rear_ports: &'a [Spanned<RearPortTemplate>],
    pub front_ports: &'a [Spanned<FrontPortTemplate>],
    pub module_bays: &'a [Spanned<BayTemplate>],
    /// Empty for module types, which have none.
    pub device_bays: &'a [Spanned<BayTemplate>],
}

impl<'a> Lists<'a> {
    pub fn of_device_type(t: &'a DeviceType) -> Lists<'a> {
        Lists {
            interfaces: &t.interfaces,
            console_ports: &t.console_ports,
            console_server_ports: &t.console_server_ports,
            power_ports: &t.power_ports,
            power_outlets: &t.power_outlets,
            rear_ports: &t.rear_ports,
            front_ports: &t.front_ports,
            module_bays: &t.module_bays,
            device_bays: &t.device_bays,
        }
    }

    pub fn of_module_type(t: &'a ModuleType) -> Lists<'a> {
        Lists {
            interfaces: &t.interfaces,
            console_ports: &t.console_ports,
            console_server_ports: &t.console_server_ports,
            power_ports: &t.power_ports,
            power_outlets: &t.power_outlets,
            rear_ports: &t.rear_ports,
            front_ports: &t.front_ports,
            module_bays: &t.module_bays,
            device_bays: &[],
        }
    }
}

/// A bay template's position as NetBox stores it: text, `""` when none (the library
/// writes some as numbers).
pub fn bay_position(bay: &BayTemplate) -> String {
    match &bay.position {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        _ => String::new(),
    }
}

/// The templates of one type, kind by kind (power outlets: `power.rs`).
pub fn desired<T>(owner: &Owner, t: &Lists, object: &Obj<T>, out: &mut Vec<Desired>) {
    for item in t.interfaces {
        let i = &item.value;
        let mut d = owner.template(Kind::InterfaceTemplates, &i.name, object);
        d.value("type", i.kind.value.as_str())
            .value("enabled", i.enabled.unwrap_or(true))
            .value("mgmt_only", i.mgmt_only.unwrap_or(false))
            .value("poe_mode", i.poe_mode.as_ref().map(|m| m.value.as_str()))
            .value("poe_type", i.poe_type.as_ref().map(|t| t.value.as_str()))
            .value("rf_role", i.rf_role.as_ref().map(|r| r.value.as_str()))
            .text("label", i.label.as_deref())
            .text("description", i.description.as_deref());
        out.push(d);
    }
    for (kind, list) in [
        (Kind::ConsolePortTemplates, t.console_ports),
        (Kind::ConsoleServerPortTemplates, t.console_server_ports),
    ] {
        for item in list {
            let p = &item.value;
            let mut d = owner.template(kind, &p.name, object);
            d.value("type", p.kind.as_ref().map_or("", |k| k.value.as_str()))
                .text("label", p.label.as_deref())
                .text("description", p.description.as_deref());
            out.push(d);
        }
    }
    for item in t.power_ports {
        let p = &item.value;
        let mut d = owner.template(Kind::PowerPortTemplates, &p.name, object);
        d.value("type", p.kind.as_ref().map_or("", |k| k.value.as_str()))
            .value("maximum_draw", p.maximum_draw.as_ref().map(|d| d.value))
            .value("allocated_draw", p.allocated_draw.as_ref().map(|d| d.value))
            .text("label", p.label.as_deref())
            .text("description", p.description.as_deref());
        out.push(d);
    }
    for item in t.rear_ports {
        let p = &item.value;
        let mut d = owner.template(Kind::RearPortTemplates, &p.name, object);
        if let Some(kind) = &p.kind {
            d.value("type", kind.value.as_str());
        }
        d.value("positions", p.positions.as_ref().map_or(1, |p| p.value))
            .text("label", p.label.as_deref())
            .text("color", p.color.as_deref())
            .text("description", p.description.as_deref());
        out.push(d);
    }
    for item in t.front_ports {
        let p = &item.value;
        let mut d = owner.template(Kind::FrontPortTemplates, &p.name, object);
        if let Some(kind) = &p.kind {
            d.value("type", kind.value.as_str());
        }
        d.reference(
            "rear_port",
            Kind::RearPortTemplates,
            p.rear_port.as_ref().map(|r| owner.sibling(r)),
            p.rear_port.as_ref().map(|r| object.at(r)),
        )
        .value(
            "rear_port_position",
            p.rear_port_position.as_ref().map_or(1, |p| p.value),
        )
        .text("label", p.label.as_deref())
        .text("color", p.color.as_deref())
        .text("description", p.description.as_deref());
        out.push(d);
    }
    for item in t.module_bays {
        let b = &item.value;
        let mut d = owner.template(Kind::ModuleBayTemplates, &b.name, object);
        d.text("label", b.label.as_deref())
            .value("position", bay_position(b))
            .text("description", b.description.as_deref());
        out.push(d);
    }
    for item in t.device_bays {
        let b = &item.value;
        let mut d = owner.template(Kind::DeviceBayTemplates, &b.name, object);
        d.text("label", b.label.as_deref())
            .text("description", b.description.as_deref());
        out.push(d);
    }
}

/// The key of a NetBox template: its device type's or module type's, and its name.
pub fn template_key(json: &Value, state: &State) -> Option<String> {
    let name = string(json, "name")?;
    let owner = match state.ref_key(Kind::DeviceTypes, json.get("device_type")) {
        Some(device_type) => Owner::DeviceType(device_type),
        None => Owner::ModuleType(state.ref_key(Kind::ModuleTypes, json.get("module_type"))?),
    };
    Some(format!("{}:{name}", owner.prefix()))
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    match kind {
        Kind::InterfaceTemplates
        | Kind::ConsolePortTemplates
        | Kind::ConsoleServerPortTemplates
        | Kind::PowerPortTemplates
        | Kind::RearPortTemplates
        | Kind::FrontPortTemplates
        | Kind::ModuleBayTemplates
        | Kind::DeviceBayTemplates
        | Kind::PowerOutletTemplates => Some((template_key(json, state), None)),
        _ => None,
    }
}
