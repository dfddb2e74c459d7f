//! Modules and bays (NetBox 4.4's `dcim/models/modules.py` and the bays of
//! `device_components.py`): module types with their templates, the module bays of devices,
//! the modules installed in them, and device bays with the child devices they hold
//! (keyed `SITE/DEVICE:NAME`).
//!
//! Keys: a module type's `MANUFACTURER/MODEL`; a module bay's `SITE/DEVICE:PATH`, its path
//! the names of the bays down to it (`Slot 1/PIC 0` for bay `PIC 0` of the module in bay
//! `Slot 1`), as NetBox keeps a bay's name unique per device and module; a module's the key
//! of the bay it is installed in.
//!
//! NetBox makes a device's bays from its type's templates when the device is created, and
//! a module's components and bays from its type's templates when the module is installed
//! (`Module.save`, names with `{module}` replaced by the bays' positions, outermost first,
//! as `graph/module_ports.rs` resolves them). So the push creates only a device's bays
//! beyond its type; a module's bays are marked made by NetBox and only compared, and
//! nested modules wait for the bays their outer module brings (`apply.rs`).

use std::collections::HashMap;

use serde_json::Value;

use super::kinds::Kind;
use super::state::{Remote, State};
use super::templates::{bay_position, Lists, Owner};
use super::Desired;
use crate::graph::module_ports::resolve_module_name;
use crate::graph::{DeviceId, Graph, ModuleTypeId};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for object in &model.module_type_profiles {
        let p = &object.data;
        let mut d = Desired::new(
            Kind::ModuleTypeProfiles,
            p.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", p.name.value.as_str())
            .text("description", p.description.as_deref())
            .value("schema", p.schema.as_ref().map(|s| s.value.clone()))
            .text("comments", p.comments.as_deref())
            .tags(&p.tags);
        out.push(d);
    }
    for (index, object) in model.module_types.iter().enumerate() {
        let t = &object.data;
        let key = module_type_key(graph, ModuleTypeId::from_index(index));
        let manufacturer = super::dcim::manufacturer_name(graph, &t.manufacturer);
        let mut d = Desired::new(Kind::ModuleTypes, key.clone(), None, object.location());
        d.reference(
            "manufacturer",
            Kind::Manufacturers,
            manufacturer,
            Some(object.at(&t.manufacturer)),
        )
        .value("model", t.model.value.as_str())
        .text("part_number", t.part_number.as_deref())
        .value("airflow", t.airflow.as_ref().map(|a| a.value.as_str()))
        .text("description", t.description.as_deref())
        .text("comments", t.comments.as_deref());
        // NetBox keeps the attributes only under a profile with a schema
        // (`ModuleType.clean`); NS0639 warns of the others.
        let profile = graph.module_type_profiles.get(index).copied().flatten();
        let schema = profile.and_then(|p| {
            model.module_type_profiles[p.index()]
                .data
                .schema
                .as_ref()
                .filter(|s| !s.value.is_null())
        });
        d.reference(
            "profile",
            Kind::ModuleTypeProfiles,
            profile.map(|p| {
                model.module_type_profiles[p.index()]
                    .data
                    .name
                    .value
                    .clone()
            }),
            super::at(object, t.profile.as_ref()),
        )
        // NetBox's API calls `attribute_data` `attributes`.
        .value(
            "attributes",
            t.attribute_data
                .as_ref()
                .filter(|_| schema.is_some())
                .map(|a| a.value.clone()),
        );
        if let Some(weight) = t.weight {
            d.value("weight", weight);
            if let Some(unit) = &t.weight_unit {
                d.value("weight_unit", unit.value.as_str());
            }
        }
        out.push(d);
        super::templates::desired(
            &Owner::ModuleType(key),
            &Lists::of_module_type(t),
            object,
            out,
        );
    }
    // The child device each bay holds, by its parent and the bay's name.
    let mut children: HashMap<(DeviceId, &str), DeviceId> = HashMap::new();
    for (index, object) in model.devices.iter().enumerate() {
        let (Some(parent), Some(bay)) = (
            graph.devices[index].parent,
            object.data.parent_device.as_ref(),
        ) else {
            continue;
        };
        children.insert((parent, &bay.value.bay.value), DeviceId::from_index(index));
    }
    for index in 0..model.devices.len() {
        let device = DeviceId::from_index(index);
        device_modules(graph, device, out);
        device_bays(graph, device, &children, out);
    }
}

/// A device's bays from its type's templates, each with the child device it holds.
fn device_bays(
    graph: &Graph,
    device: DeviceId,
    children: &HashMap<(DeviceId, &str), DeviceId>,
    out: &mut Vec<Desired>,
) {
    let model = &graph.model;
    let node = &graph.devices[device.index()];
    let Some(t) = node.device_type else {
        return;
    };
    let object = &model.devices[device.index()];
    let site = super::dcim::site_name(graph, node.site);
    let device_key = super::dcim::device_key(graph, device);
    for item in &model.device_types[t.index()].data.device_bays {
        let b = &item.value;
        let child = children.get(&(device, b.name.value.as_str()));
        let at = child.and_then(|c| {
            let child = &model.devices[c.index()];
            child
                .data
                .parent_device
                .as_ref()
                .map(|p| child.at(&p.value.bay))
        });
        let mut d = Desired::new(
            Kind::DeviceBays,
            format!("{device_key}:{}", b.name.value),
            site.clone(),
            at.unwrap_or_else(|| object.location()),
        );
        d.reference("device", Kind::Devices, Some(device_key.clone()), None)
            .value("name", b.name.value.as_str())
            .text("label", b.label.as_deref())
            .text("description", b.description.as_deref())
            .reference(
                "installed_device",
                Kind::Devices,
                child.map(|&c| super::dcim::device_key(graph, c)),
                at,
            );
        out.push(d);
    }
}

/// A device's module bays and its installed modules with the bays their types bring.
fn device_modules(graph: &Graph, device: DeviceId, out: &mut Vec<Desired>) {
    let model = &graph.model;
    let object = &model.devices[device.index()];
    let node = &graph.devices[device.index()];
    let site = super::dcim::site_name(graph, node.site);
    let device_key = super::dcim::device_key(graph, device);
    let bay = |path: &str, name: &str, location| {
        let mut d = Desired::new(
            Kind::ModuleBays,
            format!("{device_key}:{path}"),
            site.clone(),
            location,
        );
        d.reference("device", Kind::Devices, Some(device_key.clone()), None)
            .value("name", name);
        d
    };
    if let Some(t) = node.device_type {
        let t = &model.device_types[t.index()];
        for item in &t.data.module_bays {
            let b = &item.value;
            let mut d = bay(&b.name.value, &b.name.value, object.location());
            d.reference("module", Kind::Modules, None, None)
                .text("label", b.label.as_deref())
                .value("position", bay_position(b))
                .text("description", b.description.as_deref());
            out.push(d);
        }
    }
    for item in &object.data.module_bays {
        let b = &item.value;
        let mut d = bay(&b.name.value, &b.name.value, object.at(&b.name));
        d.reference("module", Kind::Modules, None, None)
            .text("label", b.label.as_deref())
            .value(
                "position",
                b.position.as_ref().map_or("", |p| p.value.as_str()),
            )
            .text("description", b.description.as_deref());
        out.push(d);
    }
    for m in node.modules.clone() {
        let Some(module_type) = graph.installed_module_type(m) else {
            continue;
        };
        let data = graph.module_data(m);
        let key = module_key(graph, m);
        let type_key = graph.modules[m as usize]
            .module_type
            .map(|t| module_type_key(graph, t));
        let mut d = Desired::new(
            Kind::Modules,
            key.clone(),
            site.clone(),
            object.at(&data.bay),
        );
        d.reference("device", Kind::Devices, Some(device_key.clone()), None)
            .reference(
                "module_bay",
                Kind::ModuleBays,
                Some(key.clone()),
                Some(object.at(&data.bay)),
            )
            .reference(
                "module_type",
                Kind::ModuleTypes,
                type_key,
                Some(object.at(&data.module_type)),
            )
            .value(
                "status",
                data.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .text("serial", data.serial.as_deref())
            .value(
                "asset_tag",
                data.asset_tag.as_ref().map(|a| a.value.as_str()),
            )
            .text("description", data.description.as_deref());
        out.push(d);
        // The bays the module's type brings, as NetBox instantiates them
        // (`ModuleBayTemplate.instantiate`: the name and label resolved, the position not).
        let positions = graph.module_positions(m);
        for item in &module_type.module_bays {
            let b = &item.value;
            let name = resolve_module_name(&b.name.value, &positions);
            let path = format!("{}/{name}", module_path(graph, m));
            let mut d = bay(&path, &name, object.at(&data.bay));
            d.made_by_netbox = true;
            d.reference("module", Kind::Modules, Some(key.clone()), None)
                .value(
                    "label",
                    resolve_module_name(b.label.as_deref().unwrap_or(""), &positions).as_ref(),
                )
                .value("position", bay_position(b))
                .text("description", b.description.as_deref());
            out.push(d);
        }
    }
}

/// The names of the bays from the device down to the one `module` is installed in.
fn module_path(graph: &Graph, module: u32) -> String {
    let mut names = Vec::new();
    let mut current = Some(module);
    while let Some(m) = current {
        names.push(graph.module_data(m).bay.value.as_str());
        current = graph.modules[m as usize].parent;
    }
    names.reverse();
    names.join("/")
}

/// `SITE/DEVICE:PATH`: the key of a module, and of the bay it is installed in.
pub fn module_key(graph: &Graph, module: u32) -> String {
    let device = graph.modules[module as usize].device;
    format!(
        "{}:{}",
        super::dcim::device_key(graph, device),
        module_path(graph, module)
    )
}

pub fn module_type_key(graph: &Graph, id: ModuleTypeId) -> String {
    let t = &graph.model.module_types[id.index()].data;
    super::dcim::type_key(graph, &t.manufacturer, &t.model)
}

/// The key and site of a NetBox object of one of this module's kinds. A bay's key is its
/// device's here; [`bay_paths`] completes it once every bay of the kind is read.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    Some(match kind {
        Kind::ModuleTypeProfiles => (super::string(json, "name").map(str::to_string), None),
        Kind::DeviceBays => {
            let device = state.ref_object(Kind::Devices, json.get("device"));
            (
                device
                    .and_then(|d| d.key.clone())
                    .zip(super::string(json, "name"))
                    .map(|(d, n)| format!("{d}:{n}")),
                device.and_then(|d| d.site.clone()),
            )
        }
        Kind::ModuleBays => {
            let device = state.ref_object(Kind::Devices, json.get("device"));
            (
                device.and_then(|d| d.key.clone()),
                device.and_then(|d| d.site.clone()),
            )
        }
        Kind::Modules => {
            let bay = state.ref_object(Kind::ModuleBays, json.get("module_bay"));
            (
                bay.and_then(|b| b.key.clone()),
                bay.and_then(|b| b.site.clone()),
            )
        }
        _ => return None,
    })
}

/// Completes the keys of NetBox's module bays: `DEVICE:PATH`, a bay of a module below the
/// bay that module is installed in (NetBox names a bay's module by id only, and the bay
/// holding a module by its `installed_module`).
pub fn bay_paths(remotes: &mut [Remote]) {
    let holding: std::collections::HashMap<u64, u64> = remotes
        .iter()
        .filter_map(|bay| {
            let module = bay
                .json
                .get("installed_module")
                .and_then(super::state::ref_id)?;
            Some((module, bay.id))
        })
        .collect();
    super::organisation::tree_paths_by(
        remotes,
        |json| {
            let module = json.get("module").and_then(super::state::ref_id)?;
            holding.get(&module).copied()
        },
        |remote, path| remote.key.as_ref().map(|device| format!("{device}:{path}")),
    );
}
