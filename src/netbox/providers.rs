//! Providers' accounts (key: `PROVIDER/ACCOUNT`) and networks (key: `PROVIDER/NAME`),
//! between providers and the circuits that name them (`circuits.rs` sets a circuit's
//! `provider_account` and a termination's provider network through [`account_key`] and
//! [`network_key`]). Neither belongs to a site: `--prune` never deletes one.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{named, string, Desired};
use crate::graph::Graph;
use crate::model::Text;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for object in &model.provider_accounts {
        let a = &object.data;
        let provider = provider_name(graph, &a.provider);
        let mut d = Desired::new(
            Kind::ProviderAccounts,
            format!("{provider}/{}", a.account.value),
            None,
            object.location(),
        );
        d.reference(
            "provider",
            Kind::Providers,
            Some(provider),
            Some(object.at(&a.provider)),
        )
        .value_at("account", a.account.value.as_str(), object.at(&a.account))
        .text("name", a.name.as_ref().map(|n| n.value.as_str()))
        .text("description", a.description.as_deref())
        .tags(&a.tags);
        out.push(d);
    }
    for object in &model.provider_networks {
        let n = &object.data;
        let provider = provider_name(graph, &n.provider);
        let mut d = Desired::new(
            Kind::ProviderNetworks,
            format!("{provider}/{}", n.name.value),
            None,
            object.location(),
        );
        d.reference(
            "provider",
            Kind::Providers,
            Some(provider),
            Some(object.at(&n.provider)),
        )
        .value_at("name", n.name.value.as_str(), object.at(&n.name))
        .text("service_id", n.service_id.as_deref())
        .text("description", n.description.as_deref())
        .tags(&n.tags);
        out.push(d);
    }
}

/// A provider's name, from a reference by name or slug.
fn provider_name(graph: &Graph, text: &Text) -> String {
    let ix = &graph.indexes;
    named(
        &ix.providers,
        &graph.model.providers,
        |p| &p.name,
        Some(text),
    )
    .unwrap_or_default()
}

/// The key of the account a circuit of `provider` names by its number.
pub fn account_key(graph: &Graph, provider: &Text, account: &Text) -> String {
    format!("{}/{}", provider_name(graph, provider), account.value)
}

/// The key of the provider network a termination names: `NAME`, or `PROVIDER/NAME` when
/// several providers have a network of that name.
pub fn network_key(graph: &Graph, text: &Text) -> String {
    let networks = &graph.model.provider_networks;
    let found = networks
        .iter()
        .find(|n| n.data.name.value == text.value)
        .or_else(|| {
            let (provider, name) = text.value.split_once('/')?;
            networks.iter().find(|n| {
                n.data.name.value == name
                    && provider_name(graph, &n.data.provider) == provider_name_of(graph, provider)
            })
        });
    match found {
        Some(n) => format!(
            "{}/{}",
            provider_name(graph, &n.data.provider),
            n.data.name.value
        ),
        None => text.value.clone(),
    }
}

/// The key of a resolved provider network: `PROVIDER/NAME`.
pub fn network_key_of(graph: &Graph, network: crate::graph::ProviderNetworkId) -> String {
    let n = &graph.model.provider_networks[network.index()].data;
    format!("{}/{}", provider_name(graph, &n.provider), n.name.value)
}

/// The key of a resolved provider account: `PROVIDER/ACCOUNT`.
pub fn account_key_of(graph: &Graph, account: crate::graph::ProviderAccountId) -> String {
    let a = &graph.model.provider_accounts[account.index()].data;
    account_key(graph, &a.provider, &a.account)
}

/// A provider's name from its name or slug as text.
fn provider_name_of(graph: &Graph, text: &str) -> String {
    match graph.indexes.providers.get(text) {
        Some(id) => graph.model.providers[id.index()].data.name.value.clone(),
        None => text.to_string(),
    }
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    let field = match kind {
        Kind::ProviderAccounts => "account",
        Kind::ProviderNetworks => "name",
        _ => return None,
    };
    let provider = state.ref_key(Kind::Providers, json.get("provider"));
    Some((
        provider
            .zip(string(json, field))
            .map(|(p, v)| format!("{p}/{v}")),
        None,
    ))
}
