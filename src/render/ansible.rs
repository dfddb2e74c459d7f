//! The `ansible` renderer: one YAML inventory.
//!
//! The hosts `ansible_hosts.rs` selects (active ones with an address, by default) are under
//! `all.hosts` with `ansible_host`, the platform's connection variables, NetBox's variable
//! names (`primary_ip4`, `oob_ip`, `serial`, `custom_fields`), `netsot_*` facts (kind,
//! status, site, region, role, platform, tenant, tags, device type) and the merged config
//! context as `config_context` (or key by key). Groups under `all.children` collect hosts
//! by each `group_by` (site, role, platform and tag by default), names reduced to the
//! characters Ansible accepts in a group name.
//!
//! Ansible reads a host name as a pattern (`name:port`, `name[1:5]`), so only plain host
//! names are rendered; others, and names that two objects would share once in the
//! inventory, are refused (NS0806, NS0807).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use super::{ansible_hosts, Context, Host, Rendered, RenderedFile};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::index::NameIndex;
use crate::graph::{Graph, Id, Owner};
use crate::model::config::{AnsibleGroupBy, Output};

pub fn render<'g>(cx: &Context<'g>, output: &Output, base: &str, out: &mut Rendered) {
    let graph = &cx.compilation.graph;
    let selected = ansible_hosts::select(graph, output, cx.hosts());
    check_host_names(graph, selected.iter().map(|s| s.host), out);
    // Each group's hosts, and the kind and name of the first object that named it, to
    // find two objects whose names reduce to one group name.
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut sources: std::collections::HashMap<String, (&str, Cow<'g, str>)> =
        std::collections::HashMap::new();
    let mut collisions: std::collections::BTreeSet<(&str, Cow<'g, str>, Cow<'g, str>)> =
        Default::default();
    let vars: Vec<Map<String, Value>> = selected
        .par_iter()
        .map(|selected| {
            let host = selected.host;
            let mut vars = ansible_hosts::netbox_vars(graph, output, selected);
            let kind = match host.owner {
                Owner::Device(_) => "device",
                Owner::VirtualMachine(_) => "virtual_machine",
            };
            vars.insert("netsot_kind".into(), json!(kind));
            vars.insert("netsot_status".into(), json!(host.status));
            for (key, value) in host.labels() {
                vars.insert(format!("netsot_{key}"), json!(value));
            }
            if let Owner::Device(d) = host.owner {
                if let Some(t) = graph.devices[d.index()].device_type {
                    let t = &graph.model.device_types[t.index()].data;
                    vars.insert(
                        "netsot_device_type".into(),
                        json!(format!("{}/{}", t.manufacturer.value, t.model.value)),
                    );
                }
            }
            vars.insert("netsot_tags".into(), json!(host.tags));
            let context = cx.views.contexts.merged(host.owner).data;
            match context {
                Value::Object(context) if output.flatten_config_context => {
                    for (key, value) in context {
                        vars.entry(key).or_insert(value);
                    }
                }
                Value::Object(context) if !context.is_empty() => {
                    vars.insert("config_context".into(), Value::Object(context));
                }
                _ => {}
            }
            vars
        })
        .collect();
    let group_by: Vec<AnsibleGroupBy> = match &output.group_by {
        Some(by) => by.iter().map(|b| b.value).collect(),
        None => ["site", "role", "platform", "tag"]
            .into_iter()
            .map(AnsibleGroupBy::named)
            .collect(),
    };
    for selected in &selected {
        let host = selected.host;
        for &by in &group_by {
            for (prefix, name) in ansible_hosts::groups(graph, by, host) {
                let group = format!("{prefix}_{}", group_name(&name));
                match sources.get(&group) {
                    Some((_, first)) if *first != name => {
                        collisions.insert((prefix, first.clone(), name));
                    }
                    Some(_) => {}
                    None => {
                        sources.insert(group.clone(), (prefix, name));
                    }
                }
                groups.entry(group).or_default().push(host.name);
            }
        }
    }

    for (kind, first, second) in collisions {
        report_group_collision(graph, kind, &first, &second, out);
    }
    // Ansible's own groups count too: a host named `all` makes the inventory a loop.
    for group in groups
        .keys()
        .map(String::as_str)
        .chain(["all", "ungrouped"])
    {
        if let Ok(h) = selected.binary_search_by(|s| s.host.name.cmp(group)) {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::OUTPUT_NAME_COLLISION,
                    format!("the host `{group}` has the name of a group of the inventory"),
                )
                .at(super::host_name_location(graph, selected[h].host.owner))
                .with_help("Ansible merges a host and a group of the same name; rename the host"),
            );
        }
    }

    let mut text =
        String::from("# Ansible inventory generated by netsot, do not edit by hand.\nall:\n");
    // Hosts come sorted by name.
    if !selected.is_empty() {
        text.push_str("  hosts:\n");
        for (selected, vars) in selected.iter().zip(&vars) {
            let _ = write!(text, "    {}:", key(selected.host.name));
            emit_host_vars(vars, &mut text);
        }
    }
    if !groups.is_empty() {
        text.push_str("  children:\n");
        for (group, members) in &mut groups {
            members.sort_unstable();
            members.dedup();
            let _ = writeln!(text, "    {}:\n      hosts:", key(group));
            for member in members.iter() {
                let _ = writeln!(text, "        {}: {{}}", key(member));
            }
        }
    }
    out.files.push(RenderedFile {
        path: base.to_string(),
        bytes: text.into_bytes(),
    });
}

/// Reports host names Ansible would read as a pattern (NS0806), and two hosts with one
/// name (NS0807), at both.
fn check_host_names<'h, 'g: 'h>(
    graph: &Graph,
    hosts: impl Iterator<Item = &'h Host<'g>> + Clone,
    out: &mut Rendered,
) {
    for host in hosts.clone() {
        if let Err(reason) = plain_host_name(host.name) {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::UNSAFE_OUTPUT_NAME,
                    format!(
                        "the host name `{}` {reason} in the Ansible inventory",
                        host.name
                    ),
                )
                .at(super::host_name_location(graph, host.owner))
                .with_help("an inventory host name holds letters, digits, `-`, `_` and `.` only"),
            );
        }
    }
    super::report_host_collisions(graph, hosts, "the Ansible inventory", out);
}

/// Whether Ansible reads `name` as one host of that name: letters, digits, `-`, `_` and
/// `.`, not starting with `-` or `.`. Ansible takes `:` as a port, `[a:b]` as a range,
/// `,` as a list, and `*`, `?`, `~`, `!`, `&` as pattern syntax in `hosts:` and `--limit`.
fn plain_host_name(name: &str) -> Result<(), String> {
    if name.starts_with(['-', '.']) {
        return Err("starts with `-` or `.`".into());
    }
    match name
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        Some(c) if c.is_whitespace() || c.is_control() => Err(format!("holds {c:?}")),
        Some(c) => Err(format!("holds `{c}`, which Ansible reads as a pattern")),
        None => Ok(()),
    }
}

/// Reports two objects whose group names are the same (NS0807), at both.
fn report_group_collision(
    graph: &Graph,
    kind: &str,
    first: &str,
    second: &str,
    out: &mut Rendered,
) {
    let m = &graph.model;
    let locate = |name: &str| -> Option<Location> {
        fn i<T>(index: &NameIndex<Id<T>>, name: &str) -> Option<usize> {
            index.get(name).map(Id::index)
        }
        match kind {
            "site" => i(&graph.indexes.sites, name).map(|i| m.sites[i].at(&m.sites[i].data.name)),
            "role" => i(&graph.indexes.device_roles, name)
                .map(|i| m.device_roles[i].at(&m.device_roles[i].data.name)),
            "platform" => i(&graph.indexes.platforms, name)
                .map(|i| m.platforms[i].at(&m.platforms[i].data.name)),
            _ => i(&graph.indexes.tags, name).map(|i| m.tags[i].at(&m.tags[i].data.name)),
        }
    };
    let (Some(first_at), Some(second_at)) = (locate(first), locate(second)) else {
        return;
    };
    let group = format!("{kind}_{}", group_name(first));
    for (at, other, name) in [(second_at, first_at, first), (first_at, second_at, second)] {
        out.diagnostics.push(
            Diagnostic::new(
                &codes::OUTPUT_NAME_COLLISION,
                format!(
                    "the {kind}s `{first}` and `{second}` are both the Ansible group `{group}`"
                ),
            )
            .at(at)
            .with_secondary(other, format!("`{name}` is here"))
            .with_help("Ansible group names hold letters, digits and `_` only; rename one of them"),
        );
    }
}

/// A group name Ansible accepts: letters, digits and `_`, not starting with a digit.
fn group_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// A mapping key: plain when it is obviously safe, else double-quoted.
fn key(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        && text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null"
        );
    if plain {
        text.to_string()
    } else {
        scalar(&Value::String(text.to_string()))
    }
}

/// A scalar: strings double-quoted with JSON's escapes, which YAML reads the same way.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Emits a host's variables. The `netsot_*` facts are names from the data, never
/// templates: Ansible would evaluate Jinja in them (a tag `{{ lookup('pipe', 'id') }}`
/// runs a command on the controller), so a fact holding Jinja delimiters is tagged
/// `!unsafe`, which Ansible's YAML loader keeps from templating. Config-context values are
/// left to Ansible's templating, as the user wrote them.
fn emit_host_vars(vars: &Map<String, Value>, out: &mut String) {
    if vars.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push('\n');
    for (k, v) in vars {
        let _ = write!(out, "      {}:", key(k));
        let fact = k.starts_with("netsot_");
        match v {
            Value::String(s) if fact => {
                let _ = writeln!(out, " {}", fact_scalar(s));
            }
            Value::Array(items) if fact && !items.is_empty() => {
                out.push('\n');
                for item in items {
                    match item {
                        Value::String(s) => {
                            let _ = writeln!(out, "        - {}", fact_scalar(s));
                        }
                        other => {
                            out.push_str("        -");
                            emit_value(other, 4, out);
                        }
                    }
                }
            }
            other => emit_value(other, 3, out),
        }
    }
}

/// A fact's string, tagged `!unsafe` when Ansible would read Jinja in it.
fn fact_scalar(text: &str) -> String {
    let quoted = scalar(&Value::String(text.to_string()));
    if ["{{", "{%", "{#"].iter().any(|d| text.contains(d)) {
        format!("!unsafe {quoted}")
    } else {
        quoted
    }
}

/// Emits a mapping in block style after its key (already written, without a newline).
fn emit_map(map: &Map<String, Value>, depth: usize, out: &mut String) {
    if map.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push('\n');
    for (k, v) in map {
        let _ = write!(out, "{}{}:", "  ".repeat(depth), key(k));
        emit_value(v, depth, out);
    }
}

fn emit_value(value: &Value, depth: usize, out: &mut String) {
    match value {
        Value::Object(map) => emit_map(map, depth + 1, out),
        Value::Array(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Array(items) => {
            out.push('\n');
            for item in items {
                let _ = write!(out, "{}-", "  ".repeat(depth + 1));
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        // `- key: value` continues on the dash's line.
                        let mut first = true;
                        for (k, v) in map {
                            if first {
                                let _ = write!(out, " {}:", key(k));
                                first = false;
                            } else {
                                let _ = write!(out, "{}{}:", "  ".repeat(depth + 2), key(k));
                            }
                            emit_value(v, depth + 2, out);
                        }
                    }
                    other => emit_value(other, depth + 1, out),
                }
            }
        }
        scalar_value => {
            let _ = writeln!(out, " {}", scalar(scalar_value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_are_sanitised() {
        assert_eq!(group_name("eu-west 1"), "eu_west_1");
        assert_eq!(group_name("1st"), "_1st");
    }

    #[test]
    fn only_plain_host_names_pass() {
        for name in [
            "ams1-mon1",
            "web01.example.net",
            "a_b",
            "zürich1",
            "10.0.0.1",
        ] {
            assert_eq!(plain_host_name(name), Ok(()), "{name}");
        }
        for name in [
            "ams1-mon1:22",
            "web[01:05]",
            "sw[1]",
            "a,b",
            "a b",
            "~a",
            "!a",
            "&a",
            "a*",
            "a?",
            "-a",
            "[::1]:22",
        ] {
            assert!(plain_host_name(name).is_err(), "{name}");
        }
    }

    #[test]
    fn facts_holding_jinja_are_unsafe() {
        let vars = json!({"netsot_site": "{{ 6 * 7 }}", "netsot_tags": ["a", "{% x %}"],
            "netsot_role": "leaf", "ntp": "{{ x }}"});
        let mut out = String::new();
        emit_host_vars(vars.as_object().unwrap(), &mut out);
        assert_eq!(
            out,
            "\n      netsot_site: !unsafe \"{{ 6 * 7 }}\"\n      netsot_tags:\n        - \"a\"\n        - !unsafe \"{% x %}\"\n      netsot_role: \"leaf\"\n      ntp: \"{{ x }}\"\n"
        );
    }

    #[test]
    fn yaml_is_block_style_and_quotes_strings() {
        let value = json!({"a": {"b": [1, {"c": "x", "d": []}], "e": {}}, "yes": "no"});
        let mut out = String::from("root:");
        emit_map(value.as_object().unwrap(), 1, &mut out);
        assert_eq!(
            out,
            "root:\n  a:\n    b:\n      - 1\n      - c: \"x\"\n        d: []\n    e: {}\n  \"yes\": \"no\"\n"
        );
    }
}
