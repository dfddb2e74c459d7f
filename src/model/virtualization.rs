//! Virtualization: cluster types, groups, clusters and virtual machines.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dcim::{DeviceStatus, Interface};
use super::organisation::{keyed, CustomFieldValues};
use super::scope::ScopeRefs;
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of a cluster (`ClusterStatusChoices`).
    pub ClusterStatus = ["planned", "staging", "active", "decommissioning", "offline"];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClusterType {
    pub name: Text,
    pub slug: Option<Text>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClusterGroup {
    pub name: Text,
    pub slug: Option<Text>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cluster {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Text,
    pub group: Option<Text>,
    /// The scope: one of `region`, `site_group`, `site` or `location` (`model/scope.rs`).
    pub region: Option<Text>,
    pub site_group: Option<Text>,
    pub site: Option<Text>,
    pub location: Option<Text>,
    pub tenant: Option<Text>,
    pub status: Option<Spanned<ClusterStatus>>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VirtualMachine {
    pub name: Text,
    pub cluster: Option<Text>,
    pub site: Option<Text>,
    pub device: Option<Text>,
    pub role: Option<Text>,
    pub platform: Option<Text>,
    pub tenant: Option<Text>,
    pub status: Option<Spanned<DeviceStatus>>,
    pub vcpus: Option<Spanned<f64>>,
    pub memory: Option<u64>,
    pub disk: Option<u64>,
    pub primary_ip4: Option<Text>,
    pub primary_ip6: Option<Text>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
    pub config_context: Option<Spanned<serde_json::Value>>,
    #[serde(default)]
    pub interfaces: Vec<Spanned<Interface>>,
}

impl Cluster {
    /// The scope keys written, for `model::scope`.
    pub fn scope_refs(&self) -> ScopeRefs<'_> {
        let d = self;
        [
            d.region.as_ref(),
            d.site_group.as_ref(),
            d.site.as_ref(),
            d.location.as_ref(),
            None,
            None,
            None,
        ]
    }
}

keyed! { ClusterType => Some("name"), ClusterGroup => Some("name"), Cluster => Some("name"), VirtualMachine => Some("name") }
