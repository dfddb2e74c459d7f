//! A small YAML writer for the files the import writes, in the style of the example
//! repository: block mappings and lists, and an object on one line (`{name: x, vid: 10}`)
//! when it holds only scalars and fits.
//!
//! Strings are written plain only when every YAML reader takes them back as the same string
//! (no YAML 1.1 booleans, numbers, nulls or indicators); otherwise double-quoted with JSON's
//! escapes, which are valid YAML escapes.

use serde_json::{Map, Value};

/// The widest a one-line object may be, indentation included.
const WIDTH: usize = 100;

/// Writes `collections` (name, items) as a data file, a blank line between collections.
pub fn data_file(header: &str, collections: &[(&str, Vec<Value>)]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    for (name, items) in collections {
        if items.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(name);
        out.push_str(":\n");
        list(&mut out, items, 1);
    }
    out
}

/// Writes one object as a whole document (device-type files).
pub fn document(object: &Map<String, Value>) -> String {
    let mut out = String::new();
    mapping(&mut out, object, 0, false);
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// A block list at `level` (its `-` indented by `level` steps).
fn list(out: &mut String, items: &[Value], level: usize) {
    for item in items {
        indent(out, level);
        out.push_str("- ");
        match item {
            Value::Object(object) if !object.is_empty() => {
                match flow(item, WIDTH.saturating_sub(level * 2 + 2)) {
                    Some(text) => {
                        out.push_str(&text);
                        out.push('\n');
                    }
                    None => mapping(out, object, level + 1, true),
                }
            }
            Value::Array(inner) if !inner.is_empty() => match flow(item, usize::MAX) {
                Some(text) => {
                    out.push_str(&text);
                    out.push('\n');
                }
                None => {
                    out.push('\n');
                    list(out, inner, level + 1);
                }
            },
            other => {
                out.push_str(&scalar_or_empty(other));
                out.push('\n');
            }
        }
    }
}

/// A block mapping at `level`; `continued` when its first key follows a `- ` already written.
fn mapping(out: &mut String, object: &Map<String, Value>, level: usize, continued: bool) {
    for (i, (key, value)) in object.iter().enumerate() {
        if i > 0 || !continued {
            indent(out, level);
        }
        out.push_str(&string(key));
        out.push(':');
        match value {
            Value::Object(inner) if !inner.is_empty() => {
                match flow(value, WIDTH.saturating_sub(level * 2 + key.len() + 2)) {
                    Some(text) if !is_nested(inner) => {
                        out.push(' ');
                        out.push_str(&text);
                        out.push('\n');
                    }
                    _ => {
                        out.push('\n');
                        mapping(out, inner, level + 1, false);
                    }
                }
            }
            Value::Array(items) if !items.is_empty() => {
                match flow(value, WIDTH.saturating_sub(level * 2 + key.len() + 2)) {
                    Some(text) => {
                        out.push(' ');
                        out.push_str(&text);
                        out.push('\n');
                    }
                    None => {
                        out.push('\n');
                        list(out, items, level + 1);
                    }
                }
            }
            other => {
                out.push(' ');
                out.push_str(&scalar_or_empty(other));
                out.push('\n');
            }
        }
    }
}

/// Whether a mapping holds mappings (config context data): those read better in blocks.
fn is_nested(object: &Map<String, Value>) -> bool {
    object
        .values()
        .any(|v| matches!(v, Value::Object(o) if !o.is_empty()))
}

/// The one-line form of a value, if it holds no mapping or list of mappings inside a
/// list and fits in `width`.
fn flow(value: &Value, width: usize) -> Option<String> {
    let mut text = String::new();
    if !flow_into(&mut text, value, 0) || text.len() > width {
        return None;
    }
    Some(text)
}

fn flow_into(out: &mut String, value: &Value, depth: usize) -> bool {
    match value {
        Value::Object(object) => {
            if depth > 0 {
                return false;
            }
            out.push('{');
            for (i, (key, value)) in object.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&flow_string(key));
                out.push_str(": ");
                if !flow_into(out, value, depth + 1) {
                    return false;
                }
            }
            out.push('}');
            true
        }
        Value::Array(items) => {
            // Lists of scalars, and lists of such lists (VID ranges), stay on one line.
            if depth > 2 {
                return false;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if item.is_object() || !flow_into(out, item, depth + 1) {
                    return false;
                }
            }
            out.push(']');
            true
        }
        Value::String(text) => {
            out.push_str(&flow_string(text));
            true
        }
        other => {
            out.push_str(&scalar_or_empty(other));
            true
        }
    }
}

fn scalar_or_empty(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
    }
}

/// A string in block context: plain when safe, else double-quoted.
pub fn string(text: &str) -> String {
    if is_plain_safe(text, false) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A string inside `{...}` or `[...]`, where `,` and brackets end a plain scalar.
fn flow_string(text: &str) -> String {
    if is_plain_safe(text, true) {
        text.to_string()
    } else {
        quoted(text)
    }
}

fn quoted(text: &str) -> String {
    // JSON's string escapes (\", \\, \n, \t, \uXXXX) are all valid in YAML's double quotes.
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// Whether `text` reads back as itself, a string, when written plain.
fn is_plain_safe(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !(first.is_ascii_alphanumeric() || first == '_' || first == '/' || first == '.') {
        return false;
    }
    if text.ends_with(' ') || text.contains("  ") {
        return false;
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                ' ' | '_' | '-' | '.' | '/' | '@' | '+' | '(' | ')' | '=' | '<' | '>'
            )
            || (!in_flow && c == ',')
    };
    if !text.chars().all(allowed) {
        return false;
    }
    !looks_typed(text)
}

/// Plain scalars that a YAML 1.1 or 1.2 reader types as something else than a string.
fn looks_typed(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "nan" | ".nan"
    ) || lower.ends_with(".inf")
    {
        return true;
    }
    // Anything that starts like a number (`1e3`, `0x1f`, `1_000`, `12:30`, `1.5`, `2026-01-01`)
    // is quoted: YAML 1.1's number and date forms are many, and a quoted string is always right.
    text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && text
            .chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | '_' | 'x' | 'o' | '-' | '+'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_that_would_be_retyped_are_quoted() {
        for text in [
            "yes",
            "No",
            "null",
            "1",
            "1.5",
            "0x1f",
            "1e3",
            "2026-01-01",
            "",
            " a",
            "a: b",
            "#x",
            "-x",
            "65000:10",
            "795548",
        ] {
            assert!(string(text).starts_with('"'), "{text} must be quoted");
        }
        for text in [
            "ams1",
            "Ethernet1/1",
            "leaf 1",
            "10.0.0.1/24",
            "ams1-r01",
            "Arista",
        ] {
            assert_eq!(string(text), text);
        }
    }

    #[test]
    fn short_flat_objects_fit_on_one_line_and_others_are_blocks() {
        let text = data_file(
            "header",
            &[(
                "vlans",
                vec![
                    json!({"vid": 10, "name": "servers", "tags": ["a", "b"]}),
                    json!({"name": "x", "data": {"a": {"b": 1}}}),
                ],
            )],
        );
        assert_eq!(
            text,
            "# header\n\nvlans:\n  - {vid: 10, name: servers, tags: [a, b]}\n  - name: x\n    data:\n      a: {b: 1}\n"
        );
    }
}
