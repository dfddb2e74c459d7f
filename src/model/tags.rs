//! Tags (NetBox's `extras.Tag`) and the object types a tag may be limited to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::keyed;
use super::{Keyed, Spanned, Text};
use crate::string_enum;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Tag {
    pub name: Text,
    pub slug: Option<Text>,
    pub color: Option<Text>,
    pub description: Option<String>,
    /// The object types the tag may be applied to, e.g. `[dcim.device, dcim.interface]`;
    /// any taggable type when empty (NetBox's `Tag.object_types`).
    #[serde(default)]
    pub object_types: Vec<Spanned<TaggedObjectType>>,
}

keyed! { Tag => Some("name") }

string_enum! {
    /// The object types NetBox 4.4 can tag (`ObjectType`s with the `tags` feature), in its
    /// `app_label.model` names. A tag may be limited to any of them, including types netsot
    /// does not carry: such a tag is kept for NetBox and applies to nothing here.
    pub TaggedObjectType = [
        "circuits.circuit", "circuits.circuitgroup", "circuits.circuitgroupassignment",
        "circuits.circuittermination", "circuits.circuittype", "circuits.provider",
        "circuits.provideraccount", "circuits.providernetwork", "circuits.virtualcircuit",
        "circuits.virtualcircuittermination", "circuits.virtualcircuittype", "core.datasource",
        "dcim.cable", "dcim.consoleport", "dcim.consoleserverport", "dcim.device",
        "dcim.devicebay", "dcim.devicerole", "dcim.devicetype", "dcim.frontport",
        "dcim.interface", "dcim.inventoryitem", "dcim.inventoryitemrole", "dcim.location",
        "dcim.macaddress", "dcim.manufacturer", "dcim.module", "dcim.modulebay",
        "dcim.moduletype", "dcim.moduletypeprofile", "dcim.platform", "dcim.powerfeed",
        "dcim.poweroutlet", "dcim.powerpanel", "dcim.powerport", "dcim.rack",
        "dcim.rackreservation", "dcim.rackrole", "dcim.racktype", "dcim.rearport",
        "dcim.region", "dcim.site", "dcim.sitegroup", "dcim.virtualchassis",
        "dcim.virtualdevicecontext", "extras.configcontextprofile", "extras.configtemplate",
        "extras.eventrule", "extras.journalentry", "extras.webhook", "ipam.aggregate",
        "ipam.asn", "ipam.asnrange", "ipam.fhrpgroup", "ipam.ipaddress", "ipam.iprange",
        "ipam.prefix", "ipam.rir", "ipam.role", "ipam.routetarget", "ipam.service",
        "ipam.servicetemplate", "ipam.vlan", "ipam.vlangroup", "ipam.vlantranslationpolicy",
        "ipam.vlantranslationrule", "ipam.vrf", "tenancy.contact", "tenancy.contactassignment",
        "tenancy.contactgroup", "tenancy.contactrole", "tenancy.tenant", "tenancy.tenantgroup",
        "virtualization.cluster", "virtualization.clustergroup", "virtualization.clustertype",
        "virtualization.virtualdisk", "virtualization.virtualmachine",
        "virtualization.vminterface", "vpn.ikepolicy", "vpn.ikeproposal", "vpn.ipsecpolicy",
        "vpn.ipsecprofile", "vpn.ipsecproposal", "vpn.l2vpn", "vpn.l2vpntermination",
        "vpn.tunnel", "vpn.tunnelgroup", "vpn.tunneltermination", "wireless.wirelesslan",
        "wireless.wirelesslangroup", "wireless.wirelesslink",
    ];
}
