//! How a netsot file names a NetBox object it refers to.
//!
//! Most collections are referred to by name. Locations, racks, devices, VLANs and power
//! panels are named
//! within their site: a reference is the bare name when netsot finds it unambiguously (the
//! referrer's own site, or a name no other carried object holds) and `SITE/NAME` otherwise,
//! as netsot's lookup resolves them (graph/index.rs: own site, unique name, qualified). A
//! location whose name its site holds under several parents is `PARENT/NAME`.

use std::collections::HashMap;

use serde_json::Value;

use super::record::{nested_id, Record};
use super::scope::Scope;

/// The site-scoped endpoints, with the field holding their site.
const SITE_SCOPED: &[&str] = &[
    "dcim/locations",
    "dcim/racks",
    "dcim/devices",
    "ipam/vlans",
    "dcim/power-panels",
];

/// The carried names of site-scoped collections, counted, to tell when a bare name is
/// ambiguous.
pub struct Names<'s> {
    scope_counts: HashMap<&'static str, HashMap<&'s str, usize>>,
    /// How many locations of each site hold a name (NetBox holds it once per parent).
    locations_in_site: HashMap<(u64, &'s str), usize>,
}

impl<'s> Names<'s> {
    pub fn new(scope: &Scope<'s>) -> Names<'s> {
        let mut scope_counts = HashMap::new();
        for &endpoint in SITE_SCOPED {
            let mut counts: HashMap<&'s str, usize> = HashMap::new();
            for object in scope.objects(endpoint) {
                if let Some(name) = object.get("name").and_then(Value::as_str) {
                    *counts.entry(name).or_default() += 1;
                }
            }
            scope_counts.insert(endpoint, counts);
        }
        let mut locations_in_site = HashMap::new();
        for object in scope.objects("dcim/locations") {
            let site = object.get("site").and_then(nested_id);
            if let (Some(site), Some(name)) = (site, object.get("name").and_then(Value::as_str)) {
                *locations_in_site.entry((site, name)).or_default() += 1;
            }
        }
        Names {
            scope_counts,
            locations_in_site,
        }
    }

    /// The reference to a site-scoped object (`endpoint`, `id`) from an object of
    /// `from_site`.
    pub fn scoped(
        &self,
        scope: &Scope<'s>,
        endpoint: &'static str,
        id: u64,
        from_site: Option<u64>,
    ) -> Option<String> {
        let object = scope.find(endpoint, id)?;
        let name = object.get("name").and_then(Value::as_str)?;
        let site = object.get("site").and_then(nested_id);
        let parent = object
            .get("parent")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str);
        let under_parents = endpoint == "dcim/locations"
            && site.is_some_and(|s| self.locations_in_site.get(&(s, name)) > Some(&1));
        if let (true, Some(parent)) = (under_parents, parent) {
            return Some(format!("{parent}/{name}"));
        }
        let unique = self
            .scope_counts
            .get(endpoint)
            .and_then(|counts| counts.get(name))
            .is_none_or(|count| *count <= 1);
        if site.is_none() || site == from_site || unique {
            return Some(name.to_string());
        }
        let site_name = scope
            .find("dcim/sites", site?)
            .and_then(|s| s.get("name"))
            .and_then(Value::as_str)?;
        Some(format!("{site_name}/{name}"))
    }
}

/// The name of a nested object (`{"id": 1, "name": "x", ...}`).
pub fn name(value: &Value) -> Option<String> {
    value
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

/// The name of the nested object in `field`.
pub fn named(record: &mut Record, field: &'static str) -> Option<String> {
    record.get(field).and_then(name)
}

/// The names of a list of nested objects (tags, route targets).
pub fn names(record: &mut Record, field: &'static str) -> Vec<Value> {
    match record.get(field) {
        Some(Value::Array(items)) => items.iter().filter_map(name).map(Value::String).collect(),
        _ => Vec::new(),
    }
}

/// `Manufacturer/Model`, netsot's reference to a device or module type.
pub fn device_type(value: &Value) -> Option<String> {
    let manufacturer = value.get("manufacturer").and_then(name)?;
    let model = value.get("model").and_then(Value::as_str)?;
    Some(format!("{manufacturer}/{model}"))
}

/// An address's text (`10.0.0.1/24`) from a nested address.
pub fn address(value: &Value) -> Option<String> {
    value
        .get("address")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Custom field values that are set, as netsot writes them; values naming NetBox objects
/// (object and multi-object fields) have no netsot form and are reported.
pub fn custom_fields(record: &mut Record, _report: &mut super::NotCarried) -> Option<Value> {
    let Some(Value::Object(values)) = record.get("custom_fields") else {
        return None;
    };
    let mut out = serde_json::Map::new();
    for (key, value) in values {
        let value = match value {
            Value::Null => continue,
            // An `object` field: NetBox answers the object nested; netsot names it.
            Value::Object(object) if is_nested(object) => object_name(object),
            Value::Array(items)
                if !items.is_empty()
                    && items.iter().all(|i| i.as_object().is_some_and(is_nested)) =>
            {
                Value::Array(
                    items
                        .iter()
                        .filter_map(Value::as_object)
                        .map(object_name)
                        .collect(),
                )
            }
            other => other.clone(),
        };
        out.insert(key.clone(), value);
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// Whether a custom field's value is an object NetBox nests (`{"id", "url", ...}`)
/// rather than a `json` field's value.
fn is_nested(object: &serde_json::Map<String, Value>) -> bool {
    object.contains_key("id") && object.contains_key("url")
}

/// The name netsot gives a nested object in a custom field value: a device type by
/// `MANUFACTURER/MODEL`, a circuit by its id, anything else by its name (or what NetBox
/// displays).
fn object_name(object: &serde_json::Map<String, Value>) -> Value {
    let text = |field: &str| object.get(field).and_then(Value::as_str);
    if let (Some(model), Some(manufacturer)) = (
        text("model"),
        object
            .get("manufacturer")
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str),
    ) {
        return Value::from(format!("{manufacturer}/{model}"));
    }
    Value::from(
        text("name")
            .or(text("cid"))
            .or(text("display"))
            .unwrap_or_default(),
    )
}
