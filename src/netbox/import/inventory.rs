//! Inventory items: the roles into `data/dcim.yaml`, a device's items into its
//! `inventory_items`, in the order they were created (NetBox lists them by name).
//!
//! netsot gives a device its type's `inventory-items` and refines a top-level one by an
//! entry of the same name, as it does interfaces (`view/inventory.rs`). So an item the type
//! instantiated is written only with the fields that differ from its template, and left
//! out when it has none; a template item deleted on the device cannot be said and is
//! reported, as is an item on a module (modules are not carried).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::layout::Repo;
use super::organisation::{named_object, sort_key};
use super::record::{nested_id, Out, Record};
use super::refs::{custom_fields, named, names};
use super::{Context, NotCarried};

/// Inventory item roles, before the devices whose items name them.
pub(super) fn import_roles(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    for object in context.scope.objects("dcim/inventory-item-roles") {
        let mut r = Record::new("dcim.inventoryitemrole", object);
        let mut out = named_object(&mut r);
        out.opt("color", r.text("color"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        repo.add(
            "data/dcim.yaml",
            "inventory_item_roles",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}

/// The fields a template gives its items, which an entry refines.
const INHERITED: &[&str] = &["label", "manufacturer", "part_id", "description"];

/// The entries of a device's items, given its items and its type's item templates.
pub(super) fn entries(
    items: &[&Value],
    templates: &[&Value],
    report: &mut NotCarried,
) -> Vec<Value> {
    let item_names: HashMap<u64, &str> = items
        .iter()
        .filter_map(|i| Some((i.get("id")?.as_u64()?, i.get("name")?.as_str()?)))
        .collect();
    // Templates at the top level by name, as the device's items refine them.
    let templates: HashMap<&str, Map<String, Value>> = templates
        .iter()
        .filter(|t| t.get("parent").is_none_or(Value::is_null))
        .filter_map(|t| {
            let name = t.get("name")?.as_str()?;
            Some((name, template_fields(t)))
        })
        .collect();
    let mut sorted: Vec<&&Value> = items.iter().collect();
    sorted.sort_by_key(|i| i.get("id").and_then(Value::as_u64));
    let mut out = Vec::new();
    let mut instantiated = 0;
    for item in sorted {
        let mut r = Record::new("dcim.inventoryitem", item);
        if r.get("module").and_then(nested_id).is_some() {
            report.add("dcim.inventoryitem", "item of an installed module");
            continue;
        }
        let parent = r.get("parent").and_then(super::super::state::ref_id);
        let mut entry = Out::new();
        entry.set("name", r.text("name").unwrap_or_default());
        entry.opt("label", r.text("label"));
        entry.opt(
            "parent",
            parent.map(|p| {
                item_names
                    .get(&p)
                    .map_or_else(|| format!("#{p}"), |n| n.to_string())
            }),
        );
        entry.opt("status", r.choice("status").filter(|s| *s != "active"));
        entry.opt("role", named(&mut r, "role"));
        entry.opt("manufacturer", named(&mut r, "manufacturer"));
        entry.opt("part_id", r.text("part_id"));
        entry.opt("serial", r.text("serial"));
        entry.opt("asset_tag", r.text("asset_tag"));
        entry.flag(
            "discovered",
            r.get("discovered").and_then(Value::as_bool),
            false,
        );
        let component_type = r.get("component_type").and_then(Value::as_str);
        let component = r
            .get("component")
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str);
        r.skip(&["component_id", "_depth", "device"]);
        if let (Some(kind), Some(component)) = (component_type, component) {
            match component_kind(kind) {
                Some(kind) => {
                    if kind != "interface" {
                        entry.set("component_type", kind);
                    }
                    entry.set("component", component);
                }
                None => report.add("dcim.inventoryitem", format!("component `{kind}`")),
            }
        }
        entry.opt("description", r.text("description"));
        entry.list("tags", names(&mut r, "tags"));
        entry.opt("custom_fields", custom_fields(&mut r, report));
        r.finish(report);
        let template = parent
            .is_none()
            .then(|| item.get("name").and_then(Value::as_str))
            .flatten()
            .and_then(|n| templates.get(n));
        match template {
            Some(template) => {
                instantiated += 1;
                if let Some(entry) = refinement(entry.0, template, report) {
                    out.push(Value::Object(entry));
                }
            }
            None => out.push(entry.into_value()),
        }
    }
    report.add_many(
        "dcim.inventoryitem",
        "item of the device type deleted on the device",
        templates.len().saturating_sub(instantiated),
    );
    out
}

/// netsot's name of a component's content type; `None` for one it has no name for.
fn component_kind(content_type: &str) -> Option<&'static str> {
    Some(match content_type {
        "dcim.interface" => "interface",
        "dcim.consoleport" => "console_port",
        "dcim.consoleserverport" => "console_server_port",
        "dcim.powerport" => "power_port",
        "dcim.poweroutlet" => "power_outlet",
        "dcim.frontport" => "front_port",
        "dcim.rearport" => "rear_port",
        "dcim.modulebay" => "module_bay",
        "dcim.devicebay" => "device_bay",
        _ => return None,
    })
}

/// What a template gives its items, in an entry's words.
fn template_fields(template: &Value) -> Map<String, Value> {
    let mut r = Record::new("dcim.inventoryitemtemplate", template);
    let mut out = Out::new();
    out.opt("label", r.text("label"));
    out.opt("manufacturer", named(&mut r, "manufacturer"));
    out.opt("part_id", r.text("part_id"));
    out.opt("description", r.text("description"));
    // The device type's import reads the template itself and reports what it cannot carry.
    out.0
}

/// An instantiated item's entry: its name and what differs from its template; `None` when
/// nothing does. A template's value cleared on the item cannot be said (the item would
/// inherit it back) and is reported.
fn refinement(
    entry: Map<String, Value>,
    template: &Map<String, Value>,
    report: &mut NotCarried,
) -> Option<Map<String, Value>> {
    for field in INHERITED {
        if template.contains_key(*field) && !entry.contains_key(*field) {
            report.add(
                "dcim.inventoryitem",
                format!("`{field}` of the device type cleared on the device"),
            );
        }
    }
    let mut out = Map::new();
    for (key, value) in entry {
        if key == "name" || template.get(&key) != Some(&value) {
            out.insert(key, value);
        }
    }
    (out.len() > 1).then_some(out)
}
