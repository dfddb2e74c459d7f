//! Circuits: providers, circuit types and circuits with their A and Z terminations.

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CircuitType {
    pub name: Text,
    pub slug: Option<Text>,
    pub description: Option<String>,
}

/// One end of a circuit: at a site, optionally cabled to a device interface.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CircuitTermination {
    pub site: Option<Text>,
    pub port_speed: Option<u64>,
    pub upstream_speed: Option<u64>,
    pub xconnect_id: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Circuit {
    pub cid: Text,
    pub provider: Text,
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

keyed! { Provider => Some("name"), CircuitType => Some("name"), Circuit => Some("cid") }
