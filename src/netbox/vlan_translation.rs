//! VLAN translation (NetBox 4.3's `ipam.VLANTranslationPolicy` and `ipam.VLANTranslationRule`,
//! `ipam/models/vlans.py`). Keys: a policy's name (NetBox's `name unique=True`); a rule's
//! `POLICY:LOCAL_VID` (NetBox keeps a local VID once per policy). Interfaces name their
//! policy in `dcim.rs`.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{string, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    for object in &graph.model.vlan_translation_policies {
        let p = &object.data;
        let mut d = Desired::new(
            Kind::VlanTranslationPolicies,
            p.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", p.name.value.as_str())
            .text("description", p.description.as_deref())
            .tags(&p.tags);
        out.push(d);
        for rule in &p.rules {
            let r = &rule.value;
            let mut d = Desired::new(
                Kind::VlanTranslationRules,
                rule_key(&p.name.value, r.local_vid.value),
                None,
                object.at(&r.local_vid),
            );
            d.reference(
                "policy",
                Kind::VlanTranslationPolicies,
                Some(p.name.value.clone()),
                None,
            )
            .value_at("local_vid", r.local_vid.value, object.at(&r.local_vid))
            .value_at("remote_vid", r.remote_vid.value, object.at(&r.remote_vid))
            .text("description", r.description.as_deref());
            out.push(d);
        }
    }
}

fn rule_key(policy: &str, local_vid: impl std::fmt::Display) -> String {
    format!("{policy}:{local_vid}")
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    Some(match kind {
        Kind::VlanTranslationPolicies => (string(json, "name").map(str::to_string), None),
        Kind::VlanTranslationRules => {
            let policy = state.ref_key(Kind::VlanTranslationPolicies, json.get("policy"));
            let vid = json.get("local_vid").and_then(Value::as_u64);
            (policy.zip(vid).map(|(p, v)| rule_key(&p, v)), None)
        }
        _ => return None,
    })
}
