//! Circuit groups (NetBox 4.2's `circuits.CircuitGroup`) and the memberships of circuits and
//! virtual circuits (`CircuitGroupAssignment`, a generic `member`). Keys: a group's name;
//! an assignment's `GROUP = circuit KEY` or `GROUP = virtual circuit KEY` (NetBox keeps a
//! member in a group once). Assignments are pushed after every circuit exists.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, named, slug, string, Desired};
use crate::graph::Graph;
use crate::model::circuits::CircuitGroupAssignment;
use crate::model::{Obj, Spanned};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    if model.circuit_groups.is_empty() {
        return;
    }
    let ix = &graph.indexes;
    let defs = super::custom_fields::Definitions::new(graph);
    for object in &model.circuit_groups {
        let g = &object.data;
        let mut d = Desired::new(
            Kind::CircuitGroups,
            g.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", g.name.value.as_str())
            .value("slug", slug(g.slug.as_ref(), &g.name))
            .reference(
                "tenant",
                Kind::Tenants,
                named(&ix.tenants, &model.tenants, |t| &t.name, g.tenant.as_ref()),
                at(object, g.tenant.as_ref()),
            )
            .text("description", g.description.as_deref())
            .tags(&g.tags)
            .custom_fields(&defs, "circuits.circuitgroup", &g.custom_fields);
        out.push(d);
    }
    for object in &model.circuits {
        let key = super::circuits::circuit_key(graph, &object.data);
        assignments(
            graph,
            object,
            &object.data.groups,
            (Kind::Circuits, key),
            out,
        );
    }
    for (object, node) in model.virtual_circuits.iter().zip(&graph.virtual_circuits) {
        let Some(network) = node.network else {
            continue;
        };
        let key = super::virtual_circuits::circuit_key(
            &super::providers::network_key_of(graph, network),
            &object.data.cid.value,
        );
        assignments(
            graph,
            object,
            &object.data.groups,
            (Kind::VirtualCircuits, key),
            out,
        );
    }
}

/// The assignments of one circuit or virtual circuit (`member`: its kind and key).
fn assignments<T>(
    graph: &Graph,
    object: &Obj<T>,
    groups: &[Spanned<CircuitGroupAssignment>],
    member: (Kind, String),
    out: &mut Vec<Desired>,
) {
    let model = &graph.model;
    for assignment in groups {
        let a = &assignment.value;
        let Some(group) = named(
            &graph.indexes.circuit_groups,
            &model.circuit_groups,
            |g| &g.name,
            Some(&a.group),
        ) else {
            continue;
        };
        let mut d = Desired::new(
            Kind::CircuitGroupAssignments,
            assignment_key(&group, member.0, &member.1),
            None,
            object.at(&a.group),
        );
        d.reference(
            "group",
            Kind::CircuitGroups,
            Some(group),
            Some(object.at(&a.group)),
        )
        .generic(
            "member",
            ("member_type", "member_id"),
            Some(member.clone()),
            None,
        )
        .value("priority", a.priority.as_ref().map(|p| p.value.as_str()))
        .tags(&a.tags);
        out.push(d);
    }
}

fn assignment_key(group: &str, kind: Kind, member: &str) -> String {
    format!("{group} = {} {member}", kind.spec().singular)
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    Some(match kind {
        Kind::CircuitGroups => (string(json, "name").map(str::to_string), None),
        Kind::CircuitGroupAssignments => {
            let group = state.ref_key(Kind::CircuitGroups, json.get("group"));
            let member_kind = json
                .get("member_type")
                .and_then(Value::as_str)
                .and_then(Kind::of_object_type);
            let member = state.generic_target(json, "member_type", "member_id");
            (
                group
                    .zip(member_kind)
                    .zip(member.and_then(|m| m.key.clone()))
                    .map(|((g, k), m)| assignment_key(&g, k, &m)),
                None,
            )
        }
        _ => return None,
    })
}
