//! Virtual device contexts: the partitions of one device that run as separate logical
//! devices (Cisco Nexus VDCs, Juniper logical systems), each with its own interfaces and
//! primary addresses (NetBox 4.4's `dcim.VirtualDeviceContext`, `dcim/models/devices.py`).
//! They are written under their device; an interface joins them by name (`vdcs`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::CustomFieldValues;
use super::{Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of a virtual device context (NetBox's `VirtualDeviceContextStatusChoices`).
    pub VdcStatus = ["active", "planned", "offline"];
}

/// One virtual device context of a device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VirtualDeviceContext {
    /// Unique per device; what the device's interfaces name it by in `vdcs`.
    pub name: Text,
    /// Required, as in NetBox (its `status` has no default).
    pub status: Spanned<VdcStatus>,
    /// The numeric identifier the platform gives the context, unique per device; 0 to
    /// 32767.
    pub identifier: Option<Spanned<u32>>,
    pub tenant: Option<Text>,
    /// An IPv4 address on one of the device's interfaces (or, for a virtual chassis, on
    /// another member's interface that is not `mgmt_only`), as for the device's own.
    pub primary_ip4: Option<Text>,
    pub primary_ip6: Option<Text>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}
