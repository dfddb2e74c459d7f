//! Extras: config contexts and their profiles; custom field definitions live in
//! `custom_fields.rs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::custom_fields::{CustomField, CustomFieldType};
use super::organisation::keyed;
use super::{Keyed, Spanned, Text};

/// Data merged into the context of the devices and virtual machines it is scoped to, by
/// weight then name, with the object's own `config_context` last (NetBox's semantics).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConfigContext {
    pub name: Text,
    /// A `config_context_profiles` entry whose `schema` the `data` must conform to.
    pub profile: Option<Text>,
    /// Higher weights merge later and win; 1000 when not given.
    pub weight: Option<i64>,
    pub description: Option<String>,
    #[serde(default = "default_true")]
    pub is_active: bool,
    #[serde(default)]
    pub regions: Vec<Text>,
    #[serde(default)]
    pub site_groups: Vec<Text>,
    #[serde(default)]
    pub sites: Vec<Text>,
    #[serde(default)]
    pub locations: Vec<Text>,
    #[serde(default)]
    pub device_types: Vec<Text>,
    #[serde(default)]
    pub roles: Vec<Text>,
    #[serde(default)]
    pub platforms: Vec<Text>,
    #[serde(default)]
    pub cluster_types: Vec<Text>,
    #[serde(default)]
    pub clusters: Vec<Text>,
    #[serde(default)]
    pub tenant_groups: Vec<Text>,
    #[serde(default)]
    pub tenants: Vec<Text>,
    #[serde(default)]
    pub tags: Vec<Text>,
    pub data: Spanned<serde_json::Value>,
}

/// A JSON Schema config contexts name as their `profile`: their `data` must conform to it
/// (NetBox's `ConfigContextProfile`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConfigContextProfile {
    pub name: Text,
    pub description: Option<String>,
    /// A JSON Schema (draft 2020-12 unless its `$schema` names another) that defines
    /// `properties`; `$ref`s resolve within the schema only.
    pub schema: Option<Spanned<serde_json::Value>>,
    #[serde(default)]
    pub tags: Vec<Text>,
    pub comments: Option<String>,
}

fn default_true() -> bool {
    true
}

keyed! { ConfigContext => Some("name"), ConfigContextProfile => Some("name") }
