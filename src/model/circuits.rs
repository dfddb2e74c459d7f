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

string_enum! {
    /// The priority of a circuit in a circuit group (NetBox's `CircuitPriorityChoices`).
    pub CircuitPriority = ["primary", "secondary", "tertiary", "inactive"];
}

/// An administrative group of circuits and virtual circuits (NetBox 4.2's `CircuitGroup`):
/// a customer's, a region's, a redundant pair's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CircuitGroup {
    pub name: Text,
    pub slug: Option<Text>,
    pub tenant: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// A circuit's or virtual circuit's membership of a group (NetBox's
/// `CircuitGroupAssignment`), written under the circuit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CircuitGroupAssignment {
    /// The group's name.
    pub group: Text,
    pub priority: Option<Spanned<CircuitPriority>>,
    #[serde(default)]
    pub tags: Vec<Text>,
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
    /// The circuit groups the circuit belongs to, each with its priority.
    #[serde(default)]
    pub groups: Vec<Spanned<CircuitGroupAssignment>>,
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

string_enum! {
    /// The role of a virtual circuit's termination (NetBox's
    /// `VirtualCircuitTerminationRoleChoices`): peers reach each other, a hub its spokes.
    pub VirtualCircuitRole = ["peer", "hub", "spoke"];
}

/// A type of virtual circuit (NetBox 4.2's `VirtualCircuitType`): what the circuit is
/// (an L2VPN service, an MPLS VPN product...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VirtualCircuitType {
    pub name: Text,
    pub slug: Option<Text>,
    pub color: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// A virtual circuit (NetBox 4.2's `VirtualCircuit`): a connection between two or more
/// device interfaces delivered across a provider network, each end a termination.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VirtualCircuit {
    /// Unique per provider network, and per provider account.
    pub cid: Text,
    /// The network delivering it: `NAME`, or `PROVIDER/NAME` when several providers have a
    /// network of that name.
    pub provider_network: Text,
    /// An account of the network's provider, by its `account`.
    pub provider_account: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Text,
    pub status: Option<Spanned<CircuitStatus>>,
    pub tenant: Option<Text>,
    pub description: Option<String>,
    pub comments: Option<String>,
    /// The circuit's ends, each a virtual interface of a device.
    #[serde(default)]
    pub terminations: Vec<Spanned<VirtualCircuitTermination>>,
    /// The circuit groups the circuit belongs to, each with its priority.
    #[serde(default)]
    pub groups: Vec<Spanned<CircuitGroupAssignment>>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// One end of a virtual circuit (NetBox's `VirtualCircuitTermination`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VirtualCircuitTermination {
    /// `DEVICE:INTERFACE`, a virtual interface (`virtual`, `lag` or `bridge`); an interface
    /// terminates one virtual circuit at most.
    pub interface: Spanned<super::dcim::EndpointRef>,
    /// `peer` when not given.
    pub role: Option<Spanned<VirtualCircuitRole>>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

keyed! {
    VirtualCircuitType => Some("name"), VirtualCircuit => Some("cid"), CircuitGroup => Some("name"),
}
