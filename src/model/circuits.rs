//! Circuits: providers with their accounts and networks, circuit types and circuits with
//! their A and Z terminations.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::{keyed, CustomFieldValues};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of a circuit.
    pub CircuitStatus = ["planned", "provisioning", "active", "offline", "deprovisioning", "decommissioned"];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Provider {
    pub name: Text,
    pub slug: Option<Text>,
    #[serde(default)]
    pub asns: Vec<Spanned<u32>>,
    pub description: Option<String>,
}

/// An account with a provider (NetBox's `ProviderAccount`); a circuit may name the one it
/// is billed to in `provider_account`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProviderAccount {
    pub provider: Text,
    /// The account number or ID, unique per provider; circuits name the account by it.
    pub account: Text,
    /// An optional label, unique per provider when given.
    pub name: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// A provider's network whose inside is not modelled (NetBox's `ProviderNetwork`): the
/// far end of a transit or MPLS circuit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProviderNetwork {
    pub provider: Text,
    /// Unique per provider.
    pub name: Text,
    pub service_id: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CircuitType {
    pub name: Text,
    pub slug: Option<Text>,
    pub description: Option<String>,
}

/// One end of a circuit: at a site, optionally cabled to a device interface, or at a
/// provider network (never cabled).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CircuitTermination {
    pub site: Option<Text>,
    /// The provider network the circuit ends at, instead of a site: `NAME`, or
    /// `PROVIDER/NAME` when several providers have a network of that name.
    pub provider_network: Option<Text>,
    pub port_speed: Option<u64>,
    pub upstream_speed: Option<u64>,
    pub xconnect_id: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Circuit {
    pub cid: Text,
    pub provider: Text,
    /// The provider's account the circuit belongs to, by its `account`.
    pub provider_account: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Text,
    pub status: Option<Spanned<CircuitStatus>>,
    pub tenant: Option<Text>,
    pub commit_rate: Option<u64>,
    pub termination_a: Option<Spanned<CircuitTermination>>,
    pub termination_z: Option<Spanned<CircuitTermination>>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
    /// The object's contacts, each in a role.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::contacts::ContactAssignment>>")]
    pub contacts: super::contacts::Contacts,
}

keyed! {
    Provider => Some("name"), CircuitType => Some("name"), Circuit => Some("cid"),
    ProviderAccount => Some("account"), ProviderNetwork => Some("name"),
}
