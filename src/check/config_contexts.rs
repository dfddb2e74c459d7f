//! Config context profiles: a profile's `schema` is a JSON Schema that defines `properties`
//! (`validate_schema`, NetBox's `utilities/jsonschema.py`), and the `data` of every config
//! context naming the profile conforms to it (`ConfigContext.clean`,
//! `extras/models/configs.py`).
//!
//! Schemas are compiled once each, offline (a `$ref` outside the schema does not resolve:
//! nothing outside the repository is read), with formats as annotations only and patterns
//! on a bounded backtracking engine, as Python's `jsonschema` runs them for NetBox.

use jsonschema::{PatternOptions, Validator};
use serde_json::Value;

use crate::diag::{codes, Diagnostic};
use crate::graph::Graph;
use crate::model::extras::ConfigContextProfile;
use crate::model::Obj;

/// A pattern may compile to this much memory, and a match may backtrack this many times.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;
const PATTERN_BACKTRACK_LIMIT: usize = 1_000_000;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let model = &graph.model;
    if model.config_context_profiles.is_empty() {
        return;
    }
    let validators: Vec<Option<Validator>> = model
        .config_context_profiles
        .iter()
        .map(|profile| compile(profile, out))
        .collect();
    for (context, node) in model.config_contexts.iter().zip(&graph.config_contexts) {
        let Some(profile) = node.profile else {
            continue;
        };
        let Some(validator) = &validators[profile.index()] else {
            continue;
        };
        let data = &context.data.data;
        if !data.value.is_object() {
            continue; // NS0111, from `check/values.rs`.
        }
        // NetBox reports the first error it meets.
        if let Err(error) = validator.validate(&data.value) {
            let name = &model.config_context_profiles[profile.index()].data.name;
            let path = error.instance_path().to_string();
            let place = if path.is_empty() {
                String::new()
            } else {
                format!(" at `{path}`")
            };
            out.push(
                Diagnostic::new(
                    &codes::CONTEXT_DATA_NOT_CONFORMING,
                    format!(
                        "`data` of config context `{}` does not conform to profile `{}`{place}: {}",
                        context.data.name.value,
                        name.value,
                        shorten(&error.to_string()),
                    ),
                )
                .at(context.at(data))
                .with_help("change the data, or the profile's `schema`"),
            );
        }
    }
}

/// The profile's schema compiled, or `None` when it has none or it is not a valid one
/// (reported).
fn compile(profile: &Obj<ConfigContextProfile>, out: &mut Vec<Diagnostic>) -> Option<Validator> {
    let schema = profile.data.schema.as_ref()?;
    let what = format!("config context profile `{}`", profile.data.name.value);
    compile_schema(
        &what,
        &schema.value,
        profile.at(schema),
        &codes::INVALID_CONTEXT_SCHEMA,
        out,
    )
}

/// A profile's schema compiled (NetBox's `validate_schema`, `utilities/jsonschema.py`: a
/// mapping that defines `properties`), or `None` when it is empty or not a valid one,
/// reported with `code` at `at`; `what` names the profile in messages.
pub(super) fn compile_schema(
    what: &str,
    schema: &Value,
    at: crate::diag::Location,
    code: &'static crate::diag::Rule,
    out: &mut Vec<Diagnostic>,
) -> Option<Validator> {
    let invalid = |reason: String, help: &str| {
        Diagnostic::new(code, format!("the schema of {what} {reason}"))
            .at(at)
            .with_help(help.to_string())
    };
    match schema {
        Value::Null => return None,
        Value::String(s) if s.is_empty() => return None,
        Value::Object(map) => {
            let defines = map.get("properties").is_some_and(|p| match p {
                Value::Object(p) => !p.is_empty(),
                Value::Array(p) => !p.is_empty(),
                Value::String(p) => !p.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::Bool(b) => *b,
                Value::Null => false,
            });
            if !defines {
                out.push(invalid(
                    "defines no `properties`".into(),
                    "describe the data's keys under `properties`, as NetBox requires",
                ));
                return None;
            }
        }
        _ => {
            out.push(invalid(
                "is not a mapping".into(),
                "write the schema as a mapping, e.g. `{properties: {ntp: {type: array}}}`",
            ));
            return None;
        }
    }
    let patterns = PatternOptions::fancy_regex()
        .size_limit(PATTERN_SIZE_LIMIT)
        .backtrack_limit(PATTERN_BACKTRACK_LIMIT);
    let built = jsonschema::options()
        .offline()
        .should_validate_formats(false)
        .with_pattern_options(patterns)
        .build(schema);
    match built {
        Ok(validator) => Some(validator),
        Err(error) => {
            let path = error.instance_path().to_string();
            let place = if path.is_empty() {
                String::new()
            } else {
                format!(" (at `{path}`)")
            };
            out.push(invalid(
                format!(
                    "is not a valid JSON Schema{place}: {}",
                    shorten(&error.to_string())
                ),
                "fix the schema; `$ref`s may point only within it",
            ));
            None
        }
    }
}

/// A validator's message, cut at its first line and at 200 characters: messages quote the
/// offending value, which may be large.
pub(super) fn shorten(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    match line.char_indices().nth(200) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_string(),
    }
}
