//! Virtual circuits (NetBox 4.2): their types, and the circuits with their terminations
//! nested, into `data/circuits.yaml`. A termination whose interface is not carried (its
//! device outside the import, or unnamed) is reported.

use std::collections::HashMap;

use serde_json::Value;

use super::layout::Repo;
use super::organisation::{named_object, tie};
use super::record::{nested_id, Out, Record};
use super::refs::{custom_fields, name, named, names};
use super::{Context, NotCarried};

const FILE: &str = "data/circuits.yaml";

/// `groups`: the memberships of circuit groups, read with the circuits.
pub(super) fn import(
    context: &Context,
    groups: &super::circuits::Groups,
    repo: &mut Repo,
    report: &mut NotCarried,
) {
    let scope = context.scope;
    for object in scope.objects("circuits/virtual-circuit-types") {
        let mut r = Record::new("circuits.virtualcircuittype", object);
        let mut out = named_object(&mut r);
        out.opt("color", r.text("color"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["virtual_circuit_count"]);
        repo.add(
            FILE,
            "virtual_circuit_types",
            super::organisation::sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    let mut terminations: HashMap<u64, Vec<&Value>> = HashMap::new();
    for object in scope.objects("circuits/virtual-circuit-terminations") {
        if let Some(circuit) = object.get("virtual_circuit").and_then(nested_id) {
            terminations.entry(circuit).or_default().push(object);
        }
    }
    for object in scope.objects("circuits/virtual-circuits") {
        let mut r = Record::new("circuits.virtualcircuit", object);
        let mut out = Out::new();
        out.set("cid", r.text("cid").unwrap_or_default());
        let network = r
            .get("provider_network")
            .and_then(|n| super::providers::network_reference(context, n));
        out.opt("provider_network", network.clone());
        out.opt(
            "provider_account",
            r.get("provider_account")
                .and_then(|a| a.get("account"))
                .and_then(Value::as_str)
                .filter(|a| !a.is_empty()),
        );
        out.opt("type", named(&mut r, "type"));
        out.opt("status", r.choice("status").filter(|s| *s != "active"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("description", r.text("description"));
        out.opt("comments", r.text("comments"));
        let id = object.get("id").and_then(Value::as_u64).unwrap_or_default();
        let mut ends: Vec<&Value> = terminations.get(&id).cloned().unwrap_or_default();
        ends.sort_by_key(|t| t.get("id").and_then(Value::as_u64));
        let entries: Vec<Value> = ends
            .into_iter()
            .filter_map(|t| termination(context, t, report))
            .collect();
        out.list("terminations", entries);
        out.list("groups", groups.of("circuits.virtualcircuit", object));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["provider"]);
        let key = tie(
            format!(
                "{}\u{0}{}",
                network.unwrap_or_default(),
                object
                    .get("cid")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            ),
            object,
        );
        repo.add(FILE, "virtual_circuits", key, out.into_value());
        r.finish(report);
    }
}

/// One termination as an entry of its circuit's `terminations`.
fn termination(context: &Context, object: &Value, report: &mut NotCarried) -> Option<Value> {
    let mut r = Record::new("circuits.virtualcircuittermination", object);
    let interface = r.get("interface").and_then(|interface| {
        let device = interface.get("device").and_then(nested_id)?;
        let device = context
            .names
            .scoped(context.scope, "dcim/devices", device, None)?;
        Some(format!("{device}:{}", name(interface)?))
    });
    let Some(interface) = interface else {
        report.add(
            "circuits.virtualcircuittermination",
            "termination on an interface not carried",
        );
        return None;
    };
    let mut out = Out::new();
    out.set("interface", interface);
    out.opt("role", r.choice("role").filter(|role| *role != "peer"));
    out.opt("description", r.text("description"));
    out.list("tags", names(&mut r, "tags"));
    if custom_fields(&mut r, report).is_some() {
        report.add(
            "circuits.virtualcircuittermination",
            "custom field values (terminations have none in netsot)",
        );
    }
    r.skip(&["virtual_circuit"]);
    r.finish(report);
    Some(out.into_value())
}
