//! Circuits: providers, circuit types and circuits, their A and Z terminations nested, into
//! `data/circuits.yaml` (providers' accounts and networks: `providers.rs`). A termination
//! on something else than a site or a provider network (a region, a location) has no
//! netsot form and is reported.

use std::collections::HashMap;

use serde_json::Value;

use super::layout::Repo;
use super::organisation::{named_object, sort_key};
use super::record::{number, Out, Record};
use super::refs::{custom_fields, name, named, names};
use super::{Context, NotCarried};

const FILE: &str = "data/circuits.yaml";

/// Writes the circuits; gives back the circuit group memberships, which virtual circuits
/// list too (`virtual_circuits.rs`).
pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) -> Groups {
    let scope = context.scope;
    for object in scope.objects("circuits/providers") {
        let mut r = Record::new("circuits.provider", object);
        let mut out = named_object(&mut r);
        let asns: Vec<Value> = match r.get("asns") {
            Some(Value::Array(asns)) => asns.iter().filter_map(|a| a.get("asn").cloned()).collect(),
            _ => Vec::new(),
        };
        out.list("asns", asns);
        out.opt("description", r.text("description"));
        r.skip(&["accounts"]);
        repo.add(
            FILE,
            "providers",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("circuits/circuit-types") {
        let mut r = Record::new("circuits.circuittype", object);
        let mut out = named_object(&mut r);
        out.opt("description", r.text("description"));
        repo.add(
            FILE,
            "circuit_types",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("circuits/circuit-groups") {
        let mut r = Record::new("circuits.circuitgroup", object);
        let mut out = named_object(&mut r);
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["circuit_count"]);
        repo.add(
            FILE,
            "circuit_groups",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    let groups = group_entries(context, report);
    for object in scope.objects("circuits/circuits") {
        let mut r = Record::new("circuits.circuit", object);
        let mut out = Out::new();
        out.set("cid", r.text("cid").unwrap_or_default());
        out.opt("provider", named(&mut r, "provider"));
        out.opt("type", named(&mut r, "type"));
        out.opt("status", r.choice("status"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt(
            "provider_account",
            r.get("provider_account")
                .and_then(|a| a.get("account"))
                .and_then(Value::as_str)
                .filter(|a| !a.is_empty()),
        );
        out.opt("commit_rate", number(r.get("commit_rate")));
        for side in ["termination_a", "termination_z"] {
            if let Some(termination) = r.get(side) {
                out.opt(side, termination_entry(context, termination, report));
            }
        }
        out.list("groups", groups.of("circuits.circuit", object));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        out.list("contacts", context.contacts.of("circuits.circuit", object));
        r.skip(&["assignments"]);
        let provider = object.get("provider").and_then(name).unwrap_or_default();
        let cid = object
            .get("cid")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let key = super::organisation::tie(format!("{provider}\u{0}{cid}"), object);
        repo.add(FILE, "circuits", key, out.into_value());
        r.finish(report);
    }
    // The full terminations hold what the circuit's summary of them leaves out.
    for object in scope.objects("circuits/circuit-terminations") {
        let mut r = Record::new("circuits.circuittermination", object);
        r.skip(&[
            "circuit",
            "term_side",
            "termination_type",
            "termination_id",
            "termination",
            "port_speed",
            "upstream_speed",
            "xconnect_id",
            "description",
            "cable",
            "cable_end",
            "link_peers",
            "link_peers_type",
        ]);
        r.finish(report);
    }
    groups
}

/// The memberships of circuit groups, as entries of their member's `groups`, by member.
pub(super) struct Groups(HashMap<(String, u64), Vec<Value>>);

impl Groups {
    /// The entries of the member `object` of content type `member_type`.
    pub(super) fn of(&self, member_type: &str, object: &Value) -> Vec<Value> {
        let id = object.get("id").and_then(Value::as_u64).unwrap_or_default();
        self.0
            .get(&(member_type.to_string(), id))
            .cloned()
            .unwrap_or_default()
    }
}

/// Every membership, in the order of its id.
fn group_entries(context: &Context, report: &mut NotCarried) -> Groups {
    let mut by_member: HashMap<(String, u64), Vec<Value>> = HashMap::new();
    let mut assignments: Vec<&Value> = context
        .scope
        .objects("circuits/circuit-group-assignments")
        .collect();
    assignments.sort_by_key(|a| a.get("id").and_then(Value::as_u64));
    for object in assignments {
        let mut r = Record::new("circuits.circuitgroupassignment", object);
        let member_type = r.text("member_type").unwrap_or_default().to_string();
        let Some(member) = r.get("member_id").and_then(Value::as_u64) else {
            continue;
        };
        let mut out = Out::new();
        out.opt("group", named(&mut r, "group"));
        out.opt("priority", r.choice("priority"));
        out.list("tags", names(&mut r, "tags"));
        if custom_fields(&mut r, report).is_some() {
            report.add(
                "circuits.circuitgroupassignment",
                "custom field values (memberships have none in netsot)",
            );
        }
        r.skip(&["member"]);
        r.finish(report);
        by_member
            .entry((member_type, member))
            .or_default()
            .push(out.into_value());
    }
    Groups(by_member)
}

fn termination_entry(
    context: &Context,
    termination: &Value,
    report: &mut NotCarried,
) -> Option<Value> {
    let mut r = Record::new("circuits.circuittermination", termination);
    let mut out = Out::new();
    let site = match r.text("termination_type") {
        Some("dcim.site") => {
            r.skip(&["termination"]);
            r.get("termination_id").and_then(Value::as_u64)
        }
        _ => None,
    };
    out.opt(
        "site",
        site.and_then(|s| context.scope.find("dcim/sites", s))
            .and_then(name),
    );
    if r.text("termination_type") == Some("circuits.providernetwork") {
        let network = r.get("termination");
        out.opt(
            "provider_network",
            network.and_then(|n| super::providers::network_reference(context, n)),
        );
        r.skip(&["termination_id"]);
    }
    out.opt("port_speed", number(r.get("port_speed")));
    out.opt("upstream_speed", number(r.get("upstream_speed")));
    out.opt("xconnect_id", r.text("xconnect_id"));
    out.opt("description", r.text("description"));
    r.finish(report);
    Some(out.into_value())
}
