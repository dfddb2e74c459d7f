//! Extras: config contexts and custom field definitions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::keyed;
use super::{Keyed, Spanned, Text};
use crate::string_enum;

/// Data merged into the context of the devices and virtual machines it is scoped to, by
/// weight then name, with the object's own `config_context` last (NetBox's semantics).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConfigContext {
    pub name: Text,
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

string_enum! {
    /// The type of a custom field.
    pub CustomFieldType = ["text", "longtext", "integer", "decimal", "boolean", "date", "datetime", "url", "json", "select", "multiselect", "object", "multiobject"];
}

/// The definition of a custom field: which collections carry it and what its values are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CustomField {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Spanned<CustomFieldType>,
    /// The collections whose objects may carry the field, e.g. `[devices, sites]`.
    pub object_types: Vec<Text>,
    pub label: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub default: Option<serde_json::Value>,
    #[serde(default)]
    pub choices: Vec<String>,
    pub validation_minimum: Option<i64>,
    pub validation_maximum: Option<i64>,
    pub validation_regex: Option<String>,
}

fn default_true() -> bool {
    true
}

keyed! { ConfigContext => Some("name"), CustomField => Some("name") }
