//! Family 7: the team's own rules, declared under `policy.rules` of `netsot.yaml`.
//!
//! A rule names a collection, an optional `when` filter, and what every matching object must
//! satisfy: `require` (fields present and not empty), `forbid` (fields absent or empty) and
//! `allowed_values`. Fields are the collection's own, by the names they have in data files;
//! an unknown collection or field is reported at the rule, with the closest names.

use rayon::prelude::*;
use serde_json::Value;

use crate::diag::codes;
use crate::diag::{did_you_mean, suggestion_help, Diagnostic, Location, Span};
use crate::graph::Graph;
use crate::model::config::{Config, PolicyRule};
use crate::model::{Model, Spanned, COLLECTIONS};

pub(super) fn check(
    graph: &Graph,
    config: &Config,
    config_file: crate::diag::FileId,
    out: &mut Vec<Diagnostic>,
) {
    for rule in &config.policy.rules {
        let at = |span: Span| Location::new(config_file, span);
        let collection = rule.value.collection.value.as_str();
        let Some(fields) = Model::collection_fields(collection) else {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "policy rule `{}`: there is no collection `{collection}`",
                        rule.value.name.value
                    ),
                )
                .at(at(rule.value.collection.span))
                .with_help(
                    suggestion_help(&did_you_mean(collection, COLLECTIONS.iter().copied()))
                        .unwrap_or_else(|| format!("collections are: {}", COLLECTIONS.join(", "))),
                ),
            );
            continue;
        };
        if !fields_known(rule, &fields, config_file, out) {
            continue;
        }
        let data = &rule.value;
        let mut wanted: Vec<&str> = NAME_FIELDS.to_vec();
        wanted.push("status");
        wanted.extend(data.when.keys().map(String::as_str));
        wanted.extend(data.allowed_values.keys().map(String::as_str));
        wanted.extend(
            data.require
                .iter()
                .chain(&data.forbid)
                .map(|f| f.value.as_str()),
        );
        let Some(objects) = graph.model.collection_json(collection, &wanted) else {
            continue;
        };
        // Objects are judged on all threads; the diagnostics keep the objects' order.
        let found: Vec<Diagnostic> = objects
            .par_iter()
            .filter_map(|(location, object)| {
                let problem = violation(&rule.value, collection, object)?;
                let data = &rule.value;
                let message = match &data.message {
                    Some(message) => format!("{message} (`{}`: {problem})", object_name(object)),
                    None => format!("`{}` {problem}", object_name(object)),
                };
                Some(
                    Diagnostic::new(
                        &codes::POLICY_VIOLATION,
                        format!("[{}] {message}", data.name.value),
                    )
                    .with_severity(data.severity.severity())
                    .at(Location::new(
                        location.file,
                        Span::new(
                            location.span.start,
                            location.span.start.saturating_add(1).min(location.span.end),
                        ),
                    ))
                    .with_secondary(at(data.name.span), "the rule, in netsot.yaml"),
                )
            })
            .collect();
        out.extend(found);
    }
}

/// Reports fields of the rule that the collection does not have; true if all are known.
fn fields_known(
    rule: &Spanned<PolicyRule>,
    fields: &[String],
    config_file: crate::diag::FileId,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let data = &rule.value;
    let mut known = true;
    let mut check = |field: &str, span: Span| {
        if !fields.iter().any(|f| f == field) {
            known = false;
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "policy rule `{}`: {} have no field `{field}`",
                        data.name.value, data.collection.value
                    ),
                )
                .at(Location::new(config_file, span))
                .with_help(
                    suggestion_help(&did_you_mean(field, fields.iter().map(String::as_str)))
                        .unwrap_or_else(|| format!("fields are: {}", fields.join(", "))),
                ),
            );
        }
    };
    for field in data.require.iter().chain(&data.forbid) {
        check(&field.value, field.span);
    }
    for field in data.when.keys().chain(data.allowed_values.keys()) {
        check(field, data.name.span);
    }
    known
}

/// What is wrong with `object` under `rule`, if it matches the rule's `when`.
fn violation(rule: &PolicyRule, collection: &str, object: &Value) -> Option<String> {
    let field = |name: &str| -> Value {
        match object.get(name) {
            Some(Value::Null) | None if name == "status" => {
                Value::String(default_status(collection).into())
            }
            Some(value) => value.clone(),
            None => Value::Null,
        }
    };
    if !rule
        .when
        .iter()
        .all(|(name, expected)| matches(&field(name), expected))
    {
        return None;
    }
    let missing: Vec<&str> = rule
        .require
        .iter()
        .map(|f| f.value.as_str())
        .filter(|f| is_empty(&field(f)))
        .collect();
    if !missing.is_empty() {
        return Some(format!("has no `{}`", missing.join("`, `")));
    }
    let present: Vec<&str> = rule
        .forbid
        .iter()
        .map(|f| f.value.as_str())
        .filter(|f| !is_empty(&field(f)))
        .collect();
    if !present.is_empty() {
        return Some(format!("must not have `{}`", present.join("`, `")));
    }
    for (name, allowed) in &rule.allowed_values {
        let value = field(name);
        if is_empty(&value) {
            continue;
        }
        let values: Vec<&Value> = match &value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for value in values {
            if !allowed.iter().any(|a| same(value, a)) {
                let list = allowed.iter().map(text).collect::<Vec<_>>().join(", ");
                return Some(format!("has `{name}: {}`, allowed: {list}", text(value)));
            }
        }
    }
    None
}

/// NetBox's default status of a collection's objects.
fn default_status(collection: &str) -> &'static str {
    match collection {
        "cables" => "connected",
        _ => "active",
    }
}

/// Whether a field's value matches a `when` value: equal, or, for a list, containing it.
fn matches(value: &Value, expected: &Value) -> bool {
    match (value, expected) {
        (Value::Array(items), Value::Array(wanted)) => {
            wanted.iter().all(|w| items.iter().any(|i| same(i, w)))
        }
        (Value::Array(items), wanted) => items.iter().any(|i| same(i, wanted)),
        (value, Value::Array(choices)) => choices.iter().any(|c| same(value, c)),
        (value, expected) => same(value, expected),
    }
}

/// Equality that reads `leaf` and `"leaf"`, `42` and `"42"` alike.
fn same(a: &Value, b: &Value) -> bool {
    a == b || text(a) == text(b)
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// The fields that may hold an object's natural key, in order of preference.
const NAME_FIELDS: &[&str] = &[
    "name",
    "prefix",
    "address",
    "start_address",
    "cid",
    "asn",
    "a",
];

/// The object's natural key, for messages.
fn object_name(object: &Value) -> String {
    NAME_FIELDS
        .iter()
        .find_map(|key| object.get(*key).filter(|v| !v.is_null()).map(text))
        .unwrap_or_else(|| "object".to_string())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{matches, same};

    #[test]
    fn when_values_match_scalars_and_lists() {
        assert!(matches(&json!("leaf"), &json!("leaf")));
        assert!(matches(&json!(["monitored", "pci"]), &json!("pci")));
        assert!(matches(&json!("spine"), &json!(["leaf", "spine"])));
        assert!(!matches(&json!("spine"), &json!("leaf")));
        assert!(same(&json!(42), &json!("42")));
    }
}
