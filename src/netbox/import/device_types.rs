//! Device and module types in the netbox-community devicetype-library's format, one file
//! each: `device-types/<Manufacturer>/<Model>.yaml` and
//! `device-types/module-types/<Manufacturer>/<Model>.yaml` (netsot reads a file below a
//! `module-types` folder as a module type). Component templates are listed under the
//! library's hyphenated keys, in NetBox's order.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::dcim::{integral, skip_unit_without_value};
use super::layout::{file_part, Repo};
use super::record::{nested_id, number, Out, Record};
use super::refs::name;
use super::{Context, NotCarried};
use crate::model::device_type::slugify;

/// A template list: its endpoint, its key in the library's format, its kind, and the
/// fields the format holds besides `name`, `type`, `label` and `description`.
const TEMPLATES: &[(&str, &str, &str, &[&str])] = &[
    (
        "dcim/interface-templates",
        "interfaces",
        "dcim.interfacetemplate",
        &[
            "enabled",
            "mgmt_only",
            "bridge",
            "poe_mode",
            "poe_type",
            "rf_role",
        ],
    ),
    (
        "dcim/console-port-templates",
        "console-ports",
        "dcim.consoleporttemplate",
        &[],
    ),
    (
        "dcim/console-server-port-templates",
        "console-server-ports",
        "dcim.consoleserverporttemplate",
        &[],
    ),
    (
        "dcim/power-port-templates",
        "power-ports",
        "dcim.powerporttemplate",
        &["maximum_draw", "allocated_draw"],
    ),
    (
        "dcim/power-outlet-templates",
        "power-outlets",
        "dcim.poweroutlettemplate",
        &["power_port", "feed_leg"],
    ),
    (
        "dcim/front-port-templates",
        "front-ports",
        "dcim.frontporttemplate",
        &["color", "rear_port", "rear_port_position"],
    ),
    (
        "dcim/rear-port-templates",
        "rear-ports",
        "dcim.rearporttemplate",
        &["color", "positions"],
    ),
    (
        "dcim/module-bay-templates",
        "module-bays",
        "dcim.modulebaytemplate",
        &["position"],
    ),
    (
        "dcim/device-bay-templates",
        "device-bays",
        "dcim.devicebaytemplate",
        &[],
    ),
    (
        "dcim/inventory-item-templates",
        "inventory-items",
        "dcim.inventoryitemtemplate",
        &["manufacturer", "part_id"],
    ),
];

/// Template fields with NetBox defaults that the library leaves out.
fn is_default(field: &str, value: &Value) -> bool {
    match field {
        "enabled" => value == &Value::Bool(true),
        "mgmt_only" => value == &Value::Bool(false),
        "positions" | "rear_port_position" => value == &Value::from(1),
        _ => false,
    }
}

/// A template of a type: its key in the library's format, its kind and its object.
type Template<'s> = (&'static str, &'static str, &'s Value);

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    // Templates by (type endpoint, type id), in NetBox's order.
    let mut templates: HashMap<(&str, u64), Vec<Template>> = HashMap::new();
    for (endpoint, key, kind, _) in TEMPLATES {
        for template in scope.objects(endpoint) {
            let owner = [
                ("device_type", "dcim/device-types"),
                ("module_type", "dcim/module-types"),
            ]
            .into_iter()
            .find_map(|(field, owner)| Some((owner, template.get(field).and_then(nested_id)?)));
            if let Some(owner) = owner {
                templates
                    .entry(owner)
                    .or_default()
                    .push((key, kind, template));
            }
        }
    }
    for (endpoint, folder, kind) in [
        ("dcim/device-types", "device-types", "dcim.devicetype"),
        (
            "dcim/module-types",
            "device-types/module-types",
            "dcim.moduletype",
        ),
    ] {
        for object in scope.objects(endpoint) {
            let mut r = Record::new(kind, object);
            let mut out = Out::new();
            let manufacturer = r.get("manufacturer").and_then(name).unwrap_or_default();
            let model = r.text("model").unwrap_or_default();
            out.set("manufacturer", manufacturer.clone());
            out.set("model", model);
            if kind == "dcim.moduletype" {
                out.opt("profile", super::refs::named(&mut r, "profile"));
                // NetBox's API calls `attribute_data` `attributes`.
                if let Some(data) = r.get("attributes").filter(|d| !d.is_null()) {
                    out.set("attribute_data", data.clone());
                }
            }
            if kind == "dcim.devicetype" {
                if let Some(slug) = r.text("slug") {
                    if slug != slugify(&format!("{manufacturer}-{model}")) {
                        out.set("slug", slug);
                    }
                }
            }
            out.opt("part_number", r.text("part_number"));
            if kind == "dcim.devicetype" {
                out.opt("u_height", number(r.get("u_height")).map(integral));
                out.opt(
                    "is_full_depth",
                    r.get("is_full_depth").and_then(Value::as_bool),
                );
                out.opt("subdevice_role", r.choice("subdevice_role"));
                if r.get("exclude_from_utilization").and_then(Value::as_bool) == Some(true) {
                    out.set("exclude_from_utilization", true);
                }
            }
            out.opt("airflow", r.choice("airflow"));
            out.opt("weight", number(r.get("weight")).map(integral));
            if out.0.contains_key("weight") {
                out.opt("weight_unit", r.choice("weight_unit"));
            }
            skip_unit_without_value(&mut r, "weight_unit", &["weight"]);
            out.opt("description", r.text("description"));
            out.opt("comments", r.text("comments"));
            // Images are files NetBox stores; the library marks them with booleans.
            for image in ["front_image", "rear_image"] {
                if r.get(image)
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty())
                {
                    report.add(kind, format!("`{image}` (an image file)"));
                }
            }
            r.skip(&["device_count", "module_count"]);
            let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
            let mut lists: Vec<(&str, Vec<Value>)> = Vec::new();
            for (template_key, template_kind, template) in templates
                .get(&(endpoint, id))
                .map_or(&[][..], Vec::as_slice)
            {
                let entry = template_entry(template_kind, template, report);
                match lists.iter_mut().find(|(k, _)| k == template_key) {
                    Some((_, list)) => list.push(entry),
                    None => lists.push((template_key, vec![entry])),
                }
            }
            // The library's key order, whatever order NetBox listed them in.
            lists.sort_by_key(|(k, _)| TEMPLATES.iter().position(|t| t.1 == *k));
            for (template_key, list) in lists {
                if kind == "dcim.moduletype"
                    && matches!(template_key, "device-bays" | "inventory-items")
                {
                    report.add_many(
                        kind,
                        format!("`{template_key}` of a module type"),
                        list.len(),
                    );
                    continue;
                }
                out.set(template_key, Value::Array(list));
            }
            let path = format!(
                "{folder}/{}/{}.yaml",
                file_part(&manufacturer),
                file_part(model)
            );
            repo.document(path, out.0);
            r.finish(report);
        }
    }
}

fn template_entry(kind: &'static str, template: &Value, report: &mut NotCarried) -> Value {
    let mut r = Record::new(kind, template);
    let mut out = Map::new();
    out.insert(
        "name".into(),
        Value::from(r.text("name").unwrap_or_default()),
    );
    if let Some(kind) = r.choice("type") {
        out.insert("type".into(), Value::from(kind));
    }
    if let Some(label) = r.text("label") {
        out.insert("label".into(), Value::from(label));
    }
    let fields = TEMPLATES
        .iter()
        .find(|t| t.2 == kind)
        .map_or(&[][..], |t| t.3);
    for field in fields {
        let value = match r.get(field) {
            // Nested objects (a bridge, a rear port, a power port) by name; choices by value.
            Some(Value::Object(nested)) => nested
                .get("value")
                .cloned()
                .or_else(|| nested.get("name").cloned()),
            Some(Value::String(s)) if s.is_empty() => None,
            Some(value) => Some(value.clone()),
            None => None,
        };
        if let Some(value) = value.filter(|v| !is_default(field, v)) {
            out.insert(field.to_string(), value);
        }
    }
    if let Some(description) = r.text("description") {
        out.insert("description".into(), Value::from(description));
    }
    r.skip(&["device_type", "module_type"]);
    r.finish(report);
    Value::Object(out)
}
