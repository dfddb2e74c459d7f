//! Providers' accounts and networks into `data/circuits.yaml`, by provider, then account
//! or name. Circuits name an account by its number and a termination's provider network by
//! its name ([`network_reference`]).

use serde_json::Value;

use super::layout::Repo;
use super::organisation::tie;
use super::record::{Out, Record};
use super::refs::{custom_fields, name, named, names};
use super::{Context, NotCarried};

const FILE: &str = "data/circuits.yaml";

/// The two collections, each with the field that names an object within its provider.
const KINDS: &[(&str, &str, &str, &str, &[&str])] = &[
    (
        "circuits/provider-accounts",
        "circuits.provideraccount",
        "provider_accounts",
        "account",
        &["name", "description"],
    ),
    (
        "circuits/provider-networks",
        "circuits.providernetwork",
        "provider_networks",
        "name",
        &["service_id", "description"],
    ),
];

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    for (endpoint, kind, collection, key, texts) in KINDS {
        for object in context.scope.objects(endpoint) {
            let mut r = Record::new(kind, object);
            let mut out = Out::new();
            let provider = named(&mut r, "provider").unwrap_or_default();
            let own = r.text(key).unwrap_or_default();
            out.set("provider", provider.as_str());
            out.set(key, own);
            for field in *texts {
                out.opt(field, r.text(field));
            }
            out.list("tags", names(&mut r, "tags"));
            out.opt("custom_fields", custom_fields(&mut r, report));
            repo.add(
                FILE,
                collection,
                tie(format!("{provider}\u{0}{own}"), object),
                out.into_value(),
            );
            r.finish(report);
        }
    }
}

/// How a termination names a provider network: its name, or `PROVIDER/NAME` when another
/// provider has a network of that name.
pub fn network_reference(context: &Context, network: &Value) -> Option<String> {
    let id = network.get("id").and_then(Value::as_u64)?;
    let full = context.scope.find("circuits/provider-networks", id)?;
    let network_name = name(full)?;
    let shared = context
        .scope
        .objects("circuits/provider-networks")
        .filter(|n| name(n).as_deref() == Some(network_name.as_str()))
        .count()
        > 1;
    match full.get("provider").and_then(name) {
        Some(provider) if shared => Some(format!("{provider}/{network_name}")),
        _ => Some(network_name),
    }
}
