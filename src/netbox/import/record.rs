//! Reading one NetBox object into one netsot object, field by field, and the report of
//! what the format could not carry.
//!
//! A [`Record`] wraps a NetBox object and remembers which of its fields a mapper read;
//! when the mapper is done, every field left over that holds a value (not null, empty,
//! `false` or zero) is counted in the [`NotCarried`] report, so a field netsot has no home
//! for is never dropped in silence.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// What the import could not carry into the repository: objects and fields with no home in
/// the format, each counted by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NotCarried {
    /// `(kind, what)` to the number of times: `("dcim.module", "object")`,
    /// `("dcim.device", "field `vc_priority`")`.
    pub counts: BTreeMap<(String, String), usize>,
}

impl NotCarried {
    pub fn add(&mut self, kind: &str, what: impl Into<String>) {
        *self
            .counts
            .entry((kind.to_string(), what.into()))
            .or_default() += 1;
    }

    pub fn add_many(&mut self, kind: &str, what: impl Into<String>, count: usize) {
        if count > 0 {
            *self
                .counts
                .entry((kind.to_string(), what.into()))
                .or_default() += count;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// One line per kind and what, sorted: `dcim.module: 3 objects`.
    pub fn lines(&self) -> Vec<String> {
        self.counts
            .iter()
            .map(|((kind, what), count)| format!("{kind}: {what} ×{count}"))
            .collect()
    }
}

/// Fields of every NetBox object that are bookkeeping, not intent.
const META: &[&str] = &[
    "id",
    "url",
    "display",
    "display_url",
    "created",
    "last_updated",
    "natural_slug",
];

/// A NetBox object being read, with the fields read so far.
pub struct Record<'a> {
    pub kind: &'static str,
    source: &'a Map<String, Value>,
    read: Vec<&'a str>,
}

impl<'a> Record<'a> {
    pub fn new(kind: &'static str, source: &'a Value) -> Record<'a> {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        let source = source
            .as_object()
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new));
        Record {
            kind,
            source,
            read: Vec::new(),
        }
    }

    /// The raw value of a field, marking it read.
    pub fn get(&mut self, field: &'a str) -> Option<&'a Value> {
        self.read.push(field);
        self.source.get(field).filter(|v| !v.is_null())
    }

    /// The raw value of a field, without marking it read.
    pub fn peek(&self, field: &str) -> Option<&'a Value> {
        self.source.get(field)
    }

    /// Marks fields as read without using them: values derived from others (counts,
    /// cached scopes) or written elsewhere.
    pub fn skip(&mut self, fields: &[&'a str]) {
        self.read.extend_from_slice(fields);
    }

    /// A string field, if not empty.
    pub fn text(&mut self, field: &'a str) -> Option<&'a str> {
        self.get(field)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// A choice field (`{"value": ..., "label": ...}`): its value.
    pub fn choice(&mut self, field: &'a str) -> Option<&'a str> {
        match self.get(field)? {
            Value::Object(choice) => choice
                .get("value")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty()),
            Value::String(text) if !text.is_empty() => Some(text),
            _ => None,
        }
    }

    /// The id of a nested object.
    pub fn id(&mut self, field: &'a str) -> Option<u64> {
        self.get(field).and_then(nested_id)
    }

    /// The ids of a list of nested objects.
    pub fn ids(&mut self, field: &'a str) -> Vec<u64> {
        match self.get(field) {
            Some(Value::Array(items)) => items.iter().filter_map(nested_id).collect(),
            _ => Vec::new(),
        }
    }

    /// Reports every field not read that holds a value.
    pub fn finish(self, report: &mut NotCarried) {
        for (field, value) in self.source {
            // Counts (`device_count`) and cached values (`_depth`, `_occupied`) are derived.
            if META.contains(&field.as_str())
                || self.read.contains(&field.as_str())
                || field.ends_with("_count")
                || field.starts_with('_')
            {
                continue;
            }
            if holds_value(value) {
                report.add(self.kind, format!("field `{field}`"));
            }
        }
    }
}

/// The id of a nested object (`{"id": 3, ...}`) or a bare id.
pub fn nested_id(value: &Value) -> Option<u64> {
    match value {
        Value::Object(object) => object.get("id").and_then(Value::as_u64),
        Value::Number(number) => number.as_u64(),
        _ => None,
    }
}

/// Whether a field left over says something: defaults (null, empty, false, zero) do not.
fn holds_value(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(object) => {
            // A choice whose value is empty, or a map of nulls (unset custom fields).
            match object.get("value") {
                Some(value) if object.contains_key("label") => holds_value(value),
                _ => object.values().any(holds_value),
            }
        }
    }
}

/// The netsot object being written: keys in the order a person would write them.
#[derive(Default)]
pub struct Out(pub Map<String, Value>);

impl Out {
    pub fn new() -> Out {
        Out(Map::new())
    }

    pub fn set(&mut self, key: &str, value: impl Into<Value>) {
        self.0.insert(key.to_string(), value.into());
    }

    pub fn opt<V: Into<Value>>(&mut self, key: &str, value: Option<V>) {
        if let Some(value) = value {
            self.set(key, value);
        }
    }

    /// A list, unless empty.
    pub fn list(&mut self, key: &str, values: Vec<Value>) {
        if !values.is_empty() {
            self.set(key, Value::Array(values));
        }
    }

    /// A flag, only when it differs from its default.
    pub fn flag(&mut self, key: &str, value: Option<bool>, default: bool) {
        if let Some(value) = value {
            if value != default {
                self.set(key, value);
            }
        }
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// A number field copied as JSON, so integers stay integers and decimals decimals.
pub fn number(value: Option<&Value>) -> Option<Value> {
    value.filter(|v| v.is_number()).cloned()
}
