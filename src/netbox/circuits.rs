//! Circuits: providers, circuit types, circuits and their A and Z terminations at sites or
//! provider networks.
//! Keys: names; a circuit's `PROVIDER/CID`, a termination's `PROVIDER/CID/SIDE`.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, named, slug, string, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    let ix = &graph.indexes;
    for object in &model.providers {
        let p = &object.data;
        let mut d = Desired::new(
            Kind::Providers,
            p.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", p.name.value.as_str())
            .value("slug", slug(p.slug.as_ref(), &p.name))
            .references("asns", Kind::Asns, super::asns::numbers(&p.asns))
            .text("description", p.description.as_deref());
        out.push(d);
    }
    for object in &model.circuit_types {
        let t = &object.data;
        let mut d = Desired::new(
            Kind::CircuitTypes,
            t.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", t.name.value.as_str())
            .value("slug", slug(t.slug.as_ref(), &t.name))
            .text("description", t.description.as_deref());
        out.push(d);
    }
    for object in &model.circuits {
        let c = &object.data;
        let provider = named(
            &ix.providers,
            &model.providers,
            |p| &p.name,
            Some(&c.provider),
        );
        let key = circuit_key(graph, c);
        let mut d = Desired::new(Kind::Circuits, key.clone(), None, object.location());
        d.value("cid", c.cid.value.as_str())
            .reference(
                "provider",
                Kind::Providers,
                provider,
                Some(object.at(&c.provider)),
            )
            .reference(
                "type",
                Kind::CircuitTypes,
                named(
                    &ix.circuit_types,
                    &model.circuit_types,
                    |t| &t.name,
                    Some(&c.kind),
                ),
                Some(object.at(&c.kind)),
            )
            .value(
                "status",
                c.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                named(&ix.tenants, &model.tenants, |t| &t.name, c.tenant.as_ref()),
                at(object, c.tenant.as_ref()),
            )
            .reference(
                "provider_account",
                Kind::ProviderAccounts,
                c.provider_account
                    .as_ref()
                    .map(|a| super::providers::account_key(graph, &c.provider, a)),
                at(object, c.provider_account.as_ref()),
            )
            .value("commit_rate", c.commit_rate)
            .text("description", c.description.as_deref())
            .tags(&c.tags)
            .custom_fields(&defs, "circuits.circuit", &c.custom_fields);
        out.push(d);
        for (side, termination) in [("A", &c.termination_a), ("Z", &c.termination_z)] {
            let Some(termination) = termination else {
                continue;
            };
            let t = &termination.value;
            let site = named(&ix.sites, &model.sites, |s| &s.name, t.site.as_ref());
            let mut d = Desired::new(
                Kind::CircuitTerminations,
                format!("{key}/{side}"),
                site.clone(),
                object.at(termination),
            );
            d.reference("circuit", Kind::Circuits, Some(key.clone()), None)
                .value("term_side", side)
                .value("port_speed", t.port_speed)
                .value("upstream_speed", t.upstream_speed)
                .text("xconnect_id", t.xconnect_id.as_deref())
                .text("description", t.description.as_deref());
            // At a site, or at a provider network.
            let target = site.map(|s| (Kind::Sites, s)).or_else(|| {
                t.provider_network.as_ref().map(|n| {
                    (
                        Kind::ProviderNetworks,
                        super::providers::network_key(graph, n),
                    )
                })
            });
            d.generic(
                "termination",
                ("termination_type", "termination_id"),
                target,
                at(object, t.site.as_ref().or(t.provider_network.as_ref())),
            );
            out.push(d);
        }
    }
}

/// A circuit's key: `PROVIDER/CID`, the provider by the name its reference resolves to.
pub fn circuit_key(graph: &Graph, circuit: &crate::model::circuits::Circuit) -> String {
    let model = &graph.model;
    let provider = named(
        &graph.indexes.providers,
        &model.providers,
        |p| &p.name,
        Some(&circuit.provider),
    );
    format!(
        "{}/{}",
        provider.as_deref().unwrap_or_default(),
        circuit.cid.value
    )
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    Some(match kind {
        Kind::Providers | Kind::CircuitTypes => (string(json, "name").map(str::to_string), None),
        Kind::Circuits => {
            let provider = state.ref_key(Kind::Providers, json.get("provider"));
            (
                provider
                    .zip(string(json, "cid"))
                    .map(|(p, cid)| format!("{p}/{cid}")),
                None,
            )
        }
        Kind::CircuitTerminations => {
            let circuit = state.ref_key(Kind::Circuits, json.get("circuit"));
            let site = match string(json, "termination_type") {
                Some("dcim.site") => json
                    .get("termination_id")
                    .and_then(Value::as_u64)
                    .and_then(|id| state.kind(Kind::Sites).by_id(id))
                    .and_then(|s| s.key.clone()),
                _ => None,
            };
            (
                circuit
                    .zip(string(json, "term_side"))
                    .map(|(c, side)| format!("{c}/{side}")),
                site,
            )
        }
        _ => return None,
    })
}
