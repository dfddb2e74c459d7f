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
    pub disk: Option<Spanned<u64>>,
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
    /// The machine's disks (NetBox 4's `VirtualDisk`); `disk`, when written, must be their
    /// total, and is their total when not.
    #[serde(default)]
    pub virtual_disks: Vec<Spanned<VirtualDisk>>,
}

impl VirtualMachine {
    /// The disk size NetBox holds: `disk` as written, else the total of the virtual disks
    /// (`VirtualMachine.clean` sets it), else none.
    pub fn disk_size(&self) -> Option<u64> {
        self.disk
            .as_ref()
            .map(|d| d.value)
            .or_else(|| (!self.virtual_disks.is_empty()).then(|| total_size(&self.virtual_disks)))
    }
}

/// The total size of disks, saturating rather than overflowing on sizes NetBox refuses.
pub fn total_size(disks: &[Spanned<VirtualDisk>]) -> u64 {
    disks
        .iter()
        .fold(0u64, |total, d| total.saturating_add(d.value.size.value))
}

/// A disk of a virtual machine, named uniquely within it (`ComponentModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VirtualDisk {
    pub name: Text,
    /// In MB, as NetBox's `size (MB)`.
    pub size: Spanned<u64>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
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
