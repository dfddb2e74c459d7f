//! Virtual circuits (NetBox 4.2's `circuits.VirtualCircuitType`, `VirtualCircuit` and
//! `VirtualCircuitTermination`). Keys: a type's name; a circuit's `NETWORK:CID` (NetBox
//! keeps a circuit ID unique per provider network, keyed `PROVIDER/NAME`); a termination's
//! interface key (an interface terminates one virtual circuit at most). Pushed after the
//! interfaces and provider networks they name.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, slug, string, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    if model.virtual_circuit_types.is_empty() && model.virtual_circuits.is_empty() {
        return;
    }
    let defs = super::custom_fields::Definitions::new(graph);
    for object in &model.virtual_circuit_types {
        let t = &object.data;
        let mut d = Desired::new(
            Kind::VirtualCircuitTypes,
            t.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", t.name.value.as_str())
            .value("slug", slug(t.slug.as_ref(), &t.name))
            .text("color", t.color.as_ref().map(|c| c.value.as_str()))
            .text("description", t.description.as_deref())
            .tags(&t.tags)
            .custom_fields(&defs, "circuits.virtualcircuittype", &t.custom_fields);
        out.push(d);
    }
    for (object, node) in model.virtual_circuits.iter().zip(&graph.virtual_circuits) {
        let c = &object.data;
        // A circuit whose network did not resolve is an error netsot reports.
        let Some(network) = node.network else {
            continue;
        };
        let key = circuit_key(
            &super::providers::network_key_of(graph, network),
            &c.cid.value,
        );
        let mut d = Desired::new(Kind::VirtualCircuits, key.clone(), None, object.location());
        d.value("cid", c.cid.value.as_str())
            .reference(
                "provider_network",
                Kind::ProviderNetworks,
                Some(super::providers::network_key_of(graph, network)),
                Some(object.at(&c.provider_network)),
            )
            .reference(
                "provider_account",
                Kind::ProviderAccounts,
                node.account
                    .map(|a| super::providers::account_key_of(graph, a)),
                at(object, c.provider_account.as_ref()),
            )
            .reference(
                "type",
                Kind::VirtualCircuitTypes,
                node.kind.map(|t| {
                    model.virtual_circuit_types[t.index()]
                        .data
                        .name
                        .value
                        .clone()
                }),
                Some(object.at(&c.kind)),
            )
            .value(
                "status",
                c.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                node.tenant
                    .map(|t| model.tenants[t.index()].data.name.value.clone()),
                at(object, c.tenant.as_ref()),
            )
            .text("description", c.description.as_deref())
            .text("comments", c.comments.as_deref())
            .tags(&c.tags)
            .custom_fields(&defs, "circuits.virtualcircuit", &c.custom_fields);
        out.push(d);
        for (termination, interface) in c.terminations.iter().zip(&node.terminations) {
            let Some(interface) = interface else {
                continue;
            };
            let t = &termination.value;
            let interface_key = super::dcim::interface_key(graph, *interface);
            let mut d = Desired::new(
                Kind::VirtualCircuitTerminations,
                interface_key.clone(),
                None,
                object.at(&t.interface),
            );
            d.reference(
                "virtual_circuit",
                Kind::VirtualCircuits,
                Some(key.clone()),
                None,
            )
            .reference(
                "interface",
                Kind::Interfaces,
                Some(interface_key),
                Some(object.at(&t.interface)),
            )
            .value("role", t.role.as_ref().map_or("peer", |r| r.value.as_str()))
            .text("description", t.description.as_deref())
            .tags(&t.tags);
            out.push(d);
        }
    }
}

pub fn circuit_key(network: &str, cid: &str) -> String {
    format!("{network}:{cid}")
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    Some(match kind {
        Kind::VirtualCircuitTypes => (string(json, "name").map(str::to_string), None),
        Kind::VirtualCircuits => {
            let network = state.ref_key(Kind::ProviderNetworks, json.get("provider_network"));
            (
                network
                    .zip(string(json, "cid"))
                    .map(|(n, cid)| circuit_key(&n, cid)),
                None,
            )
        }
        Kind::VirtualCircuitTerminations => {
            let interface = state.ref_object(Kind::Interfaces, json.get("interface"));
            (
                interface.and_then(|i| i.key.clone()),
                interface.and_then(|i| i.site.clone()),
            )
        }
        _ => return None,
    })
}
