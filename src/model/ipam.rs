//! IPAM: VRFs, route targets, RIRs, aggregates, roles, prefixes, ranges, addresses, VLANs,
//! ASNs, ASN ranges and services.
//!
//! Addresses and prefixes are kept as the text the user wrote; the graph parses them, so an
//! invalid one is reported at its position while the rest of the object still loads.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::{keyed, CustomFieldValues};
use super::scope::ScopeRefs;
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The type of a DNS record declared on an IP address.
    pub DnsRecordType = ["CNAME", "MX", "SRV", "TXT"];
}

/// A DNS record declared on an IP address, with the field names of the netbox-dns plugin's
/// `Record` (`name`, `type`, `value`) where it has them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DnsRecord {
    #[serde(rename = "type")]
    pub kind: Spanned<DnsRecordType>,
    /// The owner name, absolute (`www.example.net`, `_ldap._tcp.example.net`); for TXT
    /// the address's `dns_name` when not given.
    pub name: Option<Text>,
    /// CNAME, MX, SRV: the target, the address's `dns_name` when not given; TXT: the text
    /// (split into strings of 255 bytes).
    pub value: Option<Text>,
    /// MX: the preference (0-65535).
    pub preference: Option<Spanned<u16>>,
    /// SRV: the priority, weight and port (0-65535 each).
    pub priority: Option<Spanned<u16>>,
    pub weight: Option<Spanned<u16>>,
    pub port: Option<Spanned<u16>>,
}

string_enum! {
    /// The status of a prefix.
    pub PrefixStatus = ["container", "active", "reserved", "deprecated"];
}

string_enum! {
    /// The status of an IP address.
    pub IpStatus = ["active", "reserved", "deprecated", "dhcp", "slaac"];
}

string_enum! {
    /// The role of an IP address. Shared roles may repeat an address.
    pub IpRole = ["loopback", "secondary", "anycast", "vip", "vrrp", "hsrp", "glbp", "carp"];
}

impl IpRole {
    /// Roles whose addresses several interfaces may hold at once.
    pub fn is_shared(self) -> bool {
        matches!(
            self.as_str(),
            "anycast" | "vip" | "vrrp" | "hsrp" | "glbp" | "carp"
        )
    }
}

string_enum! {
    /// The status of a VLAN or IP range.
    pub VlanStatus = ["active", "reserved", "deprecated"];
}

string_enum! {
    /// A VLAN's part in Q-in-Q (IEEE 802.1ad): a service VLAN carries customer VLANs.
    pub VlanQinqRole = ["svlan", "cvlan"];
}

string_enum! {
    /// The protocol of a service.
    pub ServiceProtocol = ["tcp", "udp", "sctp"];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Vrf {
    pub name: Text,
    pub rd: Option<Text>,
    pub tenant: Option<Text>,
    /// Whether addresses and prefixes must be unique in this VRF; true when not given.
    pub enforce_unique: Option<bool>,
    #[serde(default)]
    pub import_targets: Vec<Text>,
    #[serde(default)]
    pub export_targets: Vec<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RouteTarget {
    pub name: Text,
    pub tenant: Option<Text>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rir {
    pub name: Text,
    pub slug: Option<Text>,
    #[serde(default)]
    pub is_private: bool,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Aggregate {
    pub prefix: Text,
    pub rir: Text,
    pub tenant: Option<Text>,
    pub date_added: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Prefix {
    pub prefix: Text,
    pub vrf: Option<Text>,
    /// The scope: one of `region`, `site_group`, `site` or `location` (`model/scope.rs`).
    pub region: Option<Text>,
    pub site_group: Option<Text>,
    pub site: Option<Text>,
    /// A location, `SITE/LOCATION` where several sites have one of that name.
    pub location: Option<Text>,
    pub vlan: Option<Text>,
    pub tenant: Option<Text>,
    pub status: Option<Spanned<PrefixStatus>>,
    pub role: Option<Text>,
    #[serde(default)]
    pub is_pool: bool,
    #[serde(default)]
    pub mark_utilized: bool,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IpRange {
    pub start_address: Text,
    pub end_address: Text,
    pub vrf: Option<Text>,
    pub tenant: Option<Text>,
    pub status: Option<Spanned<VlanStatus>>,
    pub role: Option<Text>,
    /// No address may be created inside the range, and none is offered as free.
    #[serde(default)]
    pub mark_populated: bool,
    /// The whole range counts as used in its prefix's utilisation.
    #[serde(default)]
    pub mark_utilized: bool,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// An IP address with its mask. Nested under an interface it is assigned to it; standalone
/// it may name its interface with `interface`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IpAddress {
    /// The address with its prefix length, e.g. `10.0.0.1/24`.
    pub address: Text,
    pub vrf: Option<Text>,
    pub tenant: Option<Text>,
    pub status: Option<Spanned<IpStatus>>,
    pub role: Option<Spanned<IpRole>>,
    /// The forward name, rendered into DNS zones with its PTR record.
    pub dns_name: Option<Text>,
    /// Standalone addresses only: the interface, `DEVICE:INTERFACE`.
    // Boxed: most addresses are nested under their interface and leave it out.
    pub interface: Option<Box<Spanned<super::dcim::EndpointRef>>>,
    /// The inside address of the NAT this address is the outside of (NetBox's
    /// `nat_inside`).
    // Boxed: few addresses have one.
    pub nat_inside: Option<Box<Spanned<NatInside>>>,
    /// DNS records that point at this address's `dns_name` (a CNAME, MX or SRV naming it)
    /// or sit at it (TXT), rendered by the `dns` output into the zones their names lie in.
    // Boxed: most addresses have none.
    pub dns_records: Option<Box<Vec<Spanned<DnsRecord>>>>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// The inside address of a NAT, one of the repository's addresses: by itself
/// (`10.1.0.5/24`: the global table's address of that host, else the one VRF's that holds
/// it), or as a mapping with its VRF (`{address: 10.1.0.5/24, vrf: private}`; without
/// `vrf`, in the global table). The prefix length is not compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum NatInside {
    Address(String),
    InVrf {
        address: String,
        vrf: Option<String>,
    },
}

/// A VLAN translation policy (NetBox 4.3's `ipam.VLANTranslationPolicy`): rules mapping a
/// VID on the wire of an interface to another inside, applied to interfaces (of devices and
/// virtual machines) with their `vlan_translation_policy`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VlanTranslationPolicy {
    pub name: Text,
    pub description: Option<String>,
    /// Its rules (NetBox's `ipam.VLANTranslationRule`): each VID at most once on each side.
    #[serde(default)]
    pub rules: Vec<Spanned<VlanTranslationRule>>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VlanTranslationRule {
    /// 1 to 4094.
    pub local_vid: Spanned<u16>,
    /// 1 to 4094.
    pub remote_vid: Spanned<u16>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VlanGroup {
    pub name: Text,
    pub slug: Option<Text>,
    /// The scope: one of `region`, `site_group`, `site`, `location`, `rack`,
    /// `cluster_group` or `cluster` (`model/scope.rs`); a group without one is global.
    pub region: Option<Text>,
    pub site_group: Option<Text>,
    pub site: Option<Text>,
    pub location: Option<Text>,
    pub rack: Option<Text>,
    pub cluster_group: Option<Text>,
    pub cluster: Option<Text>,
    /// Allowed VID ranges, inclusive; `[[1, 4094]]` when not given.
    #[serde(default)]
    pub vid_ranges: Vec<Spanned<(u16, u16)>>,
    pub min_vid: Option<Spanned<u16>>,
    pub max_vid: Option<Spanned<u16>>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Vlan {
    pub vid: Spanned<u32>,
    pub name: Text,
    pub site: Option<Text>,
    pub group: Option<Text>,
    pub tenant: Option<Text>,
    pub status: Option<Spanned<VlanStatus>>,
    pub role: Option<Text>,
    /// `svlan` for a Q-in-Q service VLAN, `cvlan` for a customer VLAN carried inside one.
    pub qinq_role: Option<Spanned<VlanQinqRole>>,
    /// A customer VLAN's service VLAN, named as an interface names a VLAN.
    pub qinq_svlan: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// The functional role of a prefix, IP range or VLAN (NetBox's `ipam.Role`): "servers",
/// "management", "p2p". Prefixes, ranges and VLANs name it in `role`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Role {
    pub name: Text,
    pub slug: Option<Text>,
    /// Orders roles in NetBox's lists; 1000 when not given.
    pub weight: Option<u16>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// A block of AS numbers a RIR hands out (NetBox's `ASNRange`), first and last included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AsnRange {
    pub name: Text,
    pub slug: Option<Text>,
    pub rir: Text,
    pub start: Spanned<u32>,
    pub end: Spanned<u32>,
    pub tenant: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Asn {
    pub asn: Spanned<u32>,
    pub rir: Text,
    pub tenant: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// A service listening on a device or virtual machine: monitored by the renderers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Service {
    pub name: Text,
    pub device: Option<Text>,
    pub virtual_machine: Option<Text>,
    pub protocol: Spanned<ServiceProtocol>,
    pub ports: Vec<Spanned<u16>>,
    /// Addresses the service listens on; the primary IP when empty.
    #[serde(default)]
    pub ipaddresses: Vec<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

impl Prefix {
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

impl VlanGroup {
    /// The scope keys written, for `model::scope`.
    pub fn scope_refs(&self) -> ScopeRefs<'_> {
        let d = self;
        [
            d.region.as_ref(),
            d.site_group.as_ref(),
            d.site.as_ref(),
            d.location.as_ref(),
            d.rack.as_ref(),
            d.cluster_group.as_ref(),
            d.cluster.as_ref(),
        ]
    }
}

keyed! {
    Vrf => Some("name"), RouteTarget => Some("name"), Rir => Some("name"), Aggregate => Some("prefix"),
    Prefix => Some("prefix"), IpRange => Some("start_address"), IpAddress => Some("address"),
    VlanGroup => Some("name"), Vlan => Some("name"), Asn => Some("asn"), Service => Some("name"),
    Role => Some("name"), AsnRange => Some("name"), VlanTranslationPolicy => Some("name"),
}
