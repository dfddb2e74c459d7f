//! FHRP: first-hop redundancy groups (VRRP, HSRP, ...) with their virtual addresses, and
//! the assignment of an interface to a group with its priority (NetBox 4.4's
//! `ipam/models/fhrp.py`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ipam::{IpAddress, IpRole};
use super::organisation::{keyed, CustomFieldValues};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The protocol of an FHRP group (NetBox's `FHRPGroupProtocolChoices`).
    pub FhrpProtocol = ["vrrp2", "vrrp3", "carp", "clusterxl", "hsrp", "glbp", "other"];
}

string_enum! {
    /// How the members of an FHRP group authenticate each other.
    pub FhrpAuthType = ["plaintext", "md5"];
}

impl FhrpProtocol {
    /// The role NetBox gives a group's virtual address when it creates one with the group
    /// (`FHRP_PROTOCOL_ROLE_MAPPINGS`, `vip` for the others): the role of a virtual address
    /// that does not say its own.
    pub fn address_role(self) -> IpRole {
        IpRole::named(match self.as_str() {
            "vrrp2" | "vrrp3" => "vrrp",
            "hsrp" => "hsrp",
            "glbp" => "glbp",
            "carp" => "carp",
            _ => "vip",
        })
    }
}

/// A group of routers sharing virtual addresses through a first-hop redundancy protocol.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FhrpGroup {
    /// What interfaces name the group by. NetBox allows a blank name; netsot needs one to
    /// reference the group, and so requires it unique.
    pub name: Text,
    pub protocol: Spanned<FhrpProtocol>,
    /// The group number the protocol carries (VRRP's VRID, HSRP's group); 0 to 32767.
    pub group_id: Spanned<u32>,
    pub auth_type: Option<Spanned<FhrpAuthType>>,
    pub auth_key: Option<Text>,
    pub description: Option<String>,
    pub comments: Option<String>,
    /// The group's virtual addresses (NetBox's IP addresses assigned to the group); their
    /// `role` is the protocol's (`vrrp` for VRRP, ...) when not given.
    #[serde(default)]
    pub ip_addresses: Vec<Spanned<IpAddress>>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// An interface's membership of an FHRP group (NetBox's `FHRPGroupAssignment`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FhrpGroupAssignment {
    /// The group's name.
    pub group: Text,
    /// 0 to 255; the highest priority is the active router.
    pub priority: Spanned<u32>,
}

keyed! {
    FhrpGroup => Some("name"),
}
