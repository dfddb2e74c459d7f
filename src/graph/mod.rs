//! The resolved graph: the model plus, for every reference, the index of the object it
//! names. Relations are indexes into the model's collections (or into the graph's own
//! tables for interfaces and addresses), found through hash indexes: no pass compares all
//! pairs. Devices, virtual machines, interfaces, addresses, the organisation family (tags,
//! tenants, regions, site groups, sites, locations), DCIM (racks, manufacturers, device and
//! module types, roles, platforms, virtual chassis, cables), IPAM (VRFs, route targets,
//! RIRs, aggregates, prefixes, ranges, VLAN groups, VLANs), virtualization, circuits,
//! services and config contexts are typed ids ([`id`]), so one cannot be passed where
//! another is meant. Only positions inside an object (an interface entry, a template) and
//! in the graph's sorted tables stay bare `u32`.
//!
//! This module does no IO. [`build`] never fails: unresolved references become diagnostics
//! and `None` relations.

mod addresses;
mod cable_ends;
pub mod id;
pub mod index;
pub mod module_ports;
mod racks;
mod resolve;
pub mod scope;
pub mod trace;
mod wireless;

use std::ops::Range;

use ipnet::IpNet;

pub use addresses::FhrpGroupNode;
pub use cable_ends::{CableNode, CableTarget, CircuitSide};
pub use id::*;
use index::{NameIndex, SiteIndex};
pub use racks::RackGeometry;
pub use resolve::{build, renumber, validate_dns_name, UnnamedPlace};
pub use scope::ScopeId;
pub use wireless::{WirelessLanNode, WirelessLinkNode};

use crate::diag::{FileId, Location};
use crate::model::choices::InterfaceType;
use crate::model::dcim::{Device, Interface};
use crate::model::device_type::InterfaceTemplate;
use crate::model::Model;

/// What an interface belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    Device(DeviceId),
    VirtualMachine(VirtualMachineId),
}

#[derive(Debug, Default)]
pub struct Indexes {
    pub tags: NameIndex<TagId>,
    pub tenant_groups: NameIndex<TenantGroupId>,
    pub tenants: NameIndex<TenantId>,
    pub regions: NameIndex<RegionId>,
    pub site_groups: NameIndex<SiteGroupId>,
    pub sites: NameIndex<SiteId>,
    pub manufacturers: NameIndex<ManufacturerId>,
    pub device_types: NameIndex<DeviceTypeId>,
    pub module_types: NameIndex<ModuleTypeId>,
    pub device_roles: NameIndex<DeviceRoleId>,
    pub rack_roles: NameIndex<RackRoleId>,
    /// Rack types by slug (unique in NetBox).
    pub rack_types: NameIndex<RackTypeId>,
    pub platforms: NameIndex<PlatformId>,
    pub virtual_chassis: NameIndex<VirtualChassisId>,
    pub vrfs: NameIndex<VrfId>,
    pub route_targets: NameIndex<RouteTargetId>,
    pub vlan_translation_policies: NameIndex<VlanTranslationPolicyId>,
    pub rirs: NameIndex<RirId>,
    pub roles: NameIndex<RoleId>,
    pub asn_ranges: NameIndex<AsnRangeId>,
    pub vlan_groups: NameIndex<VlanGroupId>,
    pub cluster_types: NameIndex<ClusterTypeId>,
    pub cluster_groups: NameIndex<ClusterGroupId>,
    pub clusters: NameIndex<ClusterId>,
    pub virtual_machines: NameIndex<VirtualMachineId>,
    pub providers: NameIndex<ProviderId>,
    /// Provider accounts by `account`, every holder kept (unique per provider only).
    pub provider_accounts: NameIndex<ProviderAccountId>,
    /// Provider networks by name, every holder kept (unique per provider only).
    pub provider_networks: NameIndex<ProviderNetworkId>,
    pub circuit_types: NameIndex<CircuitTypeId>,
    pub virtual_circuit_types: NameIndex<VirtualCircuitTypeId>,
    pub circuit_groups: NameIndex<CircuitGroupId>,
    pub module_type_profiles: NameIndex<ModuleTypeProfileId>,
    pub circuits: NameIndex<CircuitId>,
    pub custom_fields: NameIndex<CustomFieldId>,
    pub config_contexts: NameIndex<ConfigContextId>,
    pub config_context_profiles: NameIndex<ConfigContextProfileId>,
    pub fhrp_groups: NameIndex<FhrpGroupId>,
    pub contact_groups: NameIndex<ContactGroupId>,
    pub contact_roles: NameIndex<ContactRoleId>,
    pub contacts: NameIndex<ContactId>,
    pub inventory_item_roles: NameIndex<InventoryItemRoleId>,
    pub wireless_lan_groups: NameIndex<WirelessLanGroupId>,
    /// Wireless LANs by SSID, every holder kept (SSIDs may repeat).
    pub wireless_lans: NameIndex<WirelessLanId>,
    pub locations: SiteIndex<LocationId>,
    pub racks: SiteIndex<RackId>,
    pub devices: SiteIndex<DeviceId>,
    pub vlans: SiteIndex<VlanId>,
    pub power_panels: SiteIndex<PowerPanelId>,
    /// Feeds by panel and name (unique within a panel).
    pub power_feeds: std::collections::HashMap<(PowerPanelId, String), PowerFeedId>,
}

#[derive(Debug, Default, Clone)]
pub struct SiteNode {
    pub region: Option<RegionId>,
    pub group: Option<SiteGroupId>,
    pub tenant: Option<TenantId>,
}

#[derive(Debug, Default, Clone)]
pub struct ClusterNode {
    pub kind: Option<ClusterTypeId>,
    pub group: Option<ClusterGroupId>,
    /// What the cluster is scoped to (region, site group, site or location).
    pub scope: Option<ScopeId>,
    /// The scope's site (NetBox's cached `_site`): a site's, or a location's site.
    pub site: Option<SiteId>,
    pub tenant: Option<TenantId>,
}

/// A config context with its scopes resolved; an empty scope list matches everything.
#[derive(Debug, Default, Clone)]
pub struct ConfigContextNode {
    pub profile: Option<ConfigContextProfileId>,
    pub regions: Vec<RegionId>,
    pub site_groups: Vec<SiteGroupId>,
    pub sites: Vec<SiteId>,
    pub locations: Vec<LocationId>,
    pub device_types: Vec<DeviceTypeId>,
    pub roles: Vec<DeviceRoleId>,
    pub platforms: Vec<PlatformId>,
    pub cluster_types: Vec<ClusterTypeId>,
    pub clusters: Vec<ClusterId>,
    pub tenant_groups: Vec<TenantGroupId>,
    pub tenants: Vec<TenantId>,
    pub tags: Vec<TagId>,
}

#[derive(Debug, Default, Clone)]
pub struct LocationNode {
    pub site: Option<SiteId>,
    pub parent: Option<LocationId>,
}

#[derive(Debug, Default, Clone)]
pub struct RackNode {
    pub site: Option<SiteId>,
    pub location: Option<LocationId>,
    pub role: Option<RackRoleId>,
    pub rack_type: Option<RackTypeId>,
}

#[derive(Debug, Default, Clone)]
pub struct RackReservationNode {
    pub rack: Option<RackId>,
    pub tenant: Option<TenantId>,
}

#[derive(Debug, Default, Clone)]
pub struct PowerPanelNode {
    pub site: Option<SiteId>,
    pub location: Option<LocationId>,
}

#[derive(Debug, Default, Clone)]
pub struct PowerFeedNode {
    pub panel: Option<PowerPanelId>,
    pub rack: Option<RackId>,
}

#[derive(Debug, Default, Clone)]
pub struct DeviceNode {
    pub site: Option<SiteId>,
    pub location: Option<LocationId>,
    pub rack: Option<RackId>,
    pub device_type: Option<DeviceTypeId>,
    pub role: Option<DeviceRoleId>,
    pub platform: Option<PlatformId>,
    pub tenant: Option<TenantId>,
    pub cluster: Option<ClusterId>,
    pub virtual_chassis: Option<VirtualChassisId>,
    /// The device's installed modules, outer ones before those nested in them: a
    /// contiguous range of [`Graph::modules`].
    pub modules: Range<u32>,
    /// The device this one is installed in, for a child device in a device bay.
    pub parent: Option<DeviceId>,
    /// The device's interfaces: a contiguous range of [`Graph::interfaces`].
    pub interfaces: Range<u32>,
    pub primary_ip4: Option<IpId>,
    pub primary_ip6: Option<IpId>,
    pub oob_ip: Option<IpId>,
    pub tags: Vec<TagId>,
}

#[derive(Debug, Default, Clone)]
pub struct VirtualMachineNode {
    pub site: Option<SiteId>,
    pub cluster: Option<ClusterId>,
    /// The host device.
    pub device: Option<DeviceId>,
    pub role: Option<DeviceRoleId>,
    pub platform: Option<PlatformId>,
    pub tenant: Option<TenantId>,
    pub interfaces: Range<u32>,
    pub primary_ip4: Option<IpId>,
    pub primary_ip6: Option<IpId>,
    pub tags: Vec<TagId>,
}

/// A module installed in a device: the entry in the device's `modules` tree, its type and
/// the bay it sits in.
#[derive(Debug, Clone)]
pub struct ModuleNode {
    pub device: DeviceId,
    /// The module this one is installed in (its type brings the bay), an index of
    /// [`Graph::modules`].
    pub parent: Option<u32>,
    /// The entry's index in the device's `modules`, then in each nested `modules` list.
    pub path: Vec<u32>,
    pub module_type: Option<ModuleTypeId>,
    /// The bay's `position`, which replaces `{module}` in component names.
    pub position: Option<String>,
    /// Whether it sits in a bay of its own (not an unknown or occupied one): only then do
    /// its components join the device's.
    pub installed: bool,
}

/// An interface whose name is not its template's as written: from a module type (its
/// `{module}` replaced by bay positions), or renumbered for a virtual chassis member.
#[derive(Debug, Clone)]
pub struct GeneratedInterface {
    /// The module it comes from, an index of [`Graph::modules`]; `None` for the device
    /// type's own template.
    pub module: Option<u32>,
    /// The index of the template in the module type's (or device type's) interfaces.
    pub template: u32,
    pub name: Box<str>,
}

/// Marks an absent index in the packed [`InterfaceNode`].
const NONE: u32 = u32::MAX;

/// Marks a packed template index as an index of [`Graph::generated_interfaces`].
const GENERATED: u32 = 1 << 31;

/// An interface: instantiated from a device-type template, refined or added by an entry
/// of the device's own `interfaces`.
///
/// Packed into 24 bytes: a large network has millions of interfaces, most of them
/// instantiated from a device type and never mentioned again, and on the machines this runs
/// on fresh memory costs time (BENCHMARKS.md). What only interfaces with an entry (or an
/// address) have lives in [`InterfaceLinks`], reached through [`Graph::links`].
#[derive(Debug, Clone)]
pub struct InterfaceNode {
    pub owner: Owner,
    /// The index of the interface template in the owner's device type, that index of
    /// [`Graph::generated_interfaces`] with [`GENERATED`] set, or [`NONE`].
    template: u32,
    /// The index of the entry in the owner's `interfaces` list, or [`NONE`].
    entry: u32,
    /// The cable attached, or [`NONE`].
    cable: u32,
    /// The index in [`Graph::interface_links`], or [`NONE`].
    links: u32,
}

// A large network has millions of interfaces: the packed node must not grow.
const _: () = assert!(std::mem::size_of::<InterfaceNode>() == 24);

fn packed(index: Option<u32>) -> u32 {
    index.unwrap_or(NONE)
}

fn unpacked(index: u32) -> Option<u32> {
    (index != NONE).then_some(index)
}

impl InterfaceNode {
    fn new(owner: Owner, template: Option<u32>, entry: Option<u32>) -> InterfaceNode {
        InterfaceNode {
            owner,
            template: packed(template),
            entry: packed(entry),
            cable: NONE,
            links: NONE,
        }
    }

    /// The index of the entry in the owner's `interfaces` list.
    pub fn entry(&self) -> Option<u32> {
        unpacked(self.entry)
    }

    /// The index of the cable attached.
    pub fn cable(&self) -> Option<CableId> {
        unpacked(self.cable).map(CableId::new)
    }
}

/// The relations of an interface with an entry (or an address): its LAG, parent and bridge
/// interfaces, VLANs, VRF and addresses, resolved.
#[derive(Debug, Clone)]
pub struct InterfaceLinks {
    /// The interface these belong to.
    pub interface: InterfaceId,
    pub lag: Option<InterfaceId>,
    pub parent: Option<InterfaceId>,
    pub bridge: Option<InterfaceId>,
    pub untagged_vlan: Option<VlanId>,
    /// Thin vectors (one word, no allocation when empty).
    pub tagged_vlans: thin_vec::ThinVec<VlanId>,
    pub vrf: Option<VrfId>,
    /// The addresses assigned to the interface, indexes of [`Graph::ip_addresses`].
    pub ip_addresses: thin_vec::ThinVec<IpId>,
    /// The FHRP groups the interface's entry names that resolved, each with the index of
    /// its assignment in the entry's `fhrp_groups`.
    pub fhrp_groups: thin_vec::ThinVec<(FhrpGroupId, u32)>,
}

impl InterfaceLinks {
    const fn new(interface: InterfaceId) -> InterfaceLinks {
        InterfaceLinks {
            interface,
            lag: None,
            parent: None,
            bridge: None,
            untagged_vlan: None,
            tagged_vlans: thin_vec::ThinVec::new(),
            vrf: None,
            ip_addresses: thin_vec::ThinVec::new(),
            fhrp_groups: thin_vec::ThinVec::new(),
        }
    }
}

/// The links of every interface that has none.
static NO_LINKS: InterfaceLinks = InterfaceLinks::new(InterfaceId::new(NONE));

/// Where an address was written.
#[derive(Debug, Clone, Copy)]
pub enum IpSource {
    /// Nested under an interface entry: the owner, the entry and the position in its list.
    Nested {
        owner: Owner,
        entry: u32,
        index: u32,
    },
    /// In the top-level `ip_addresses` collection.
    Standalone(StandaloneIpId),
    /// A virtual address of an FHRP group, at this position of its `ip_addresses`.
    Fhrp { group: FhrpGroupId, index: u32 },
}

#[derive(Debug, Clone)]
pub struct IpNode {
    pub address: IpNet,
    pub vrf: Option<VrfId>,
    pub interface: Option<InterfaceId>,
    pub tenant: Option<TenantId>,
    pub source: IpSource,
    pub file: FileId,
}

#[derive(Debug, Clone)]
pub struct PrefixNode {
    pub prefix: IpNet,
    pub vrf: Option<VrfId>,
    /// What the prefix is scoped to (region, site group, site or location).
    pub scope: Option<ScopeId>,
    /// The scope's site (NetBox's cached `_site`): a site's, or a location's site.
    pub site: Option<SiteId>,
    pub vlan: Option<VlanId>,
    pub tenant: Option<TenantId>,
    /// The index in `model.prefixes`.
    pub object: PrefixId,
}

#[derive(Debug, Clone)]
pub struct AggregateNode {
    pub prefix: IpNet,
    pub rir: Option<RirId>,
    pub object: AggregateId,
}

#[derive(Debug, Clone)]
pub struct IpRangeNode {
    pub start: IpNet,
    pub end: IpNet,
    pub vrf: Option<VrfId>,
    pub object: IpRangeId,
}

#[derive(Debug, Default, Clone)]
pub struct VlanNode {
    pub site: Option<SiteId>,
    pub group: Option<VlanGroupId>,
    pub tenant: Option<TenantId>,
    /// A Q-in-Q customer VLAN's service VLAN.
    pub qinq_svlan: Option<VlanId>,
}

#[derive(Debug, Default, Clone)]
pub struct VlanGroupNode {
    /// What the group is scoped to; `None` for a global group.
    pub scope: Option<ScopeId>,
    /// The scope's site (a site's, a location's or a rack's), which the group's VLANs
    /// without a site of their own are indexed under.
    pub site: Option<SiteId>,
}

/// A virtual chassis with its master resolved.
#[derive(Debug, Default, Clone)]
pub struct VirtualChassisNode {
    pub master: Option<DeviceId>,
}

#[derive(Debug, Default, Clone)]
pub struct ServiceNode {
    pub owner: Option<Owner>,
    pub ip_addresses: Vec<IpId>,
}

/// The model with every reference resolved.
#[derive(Debug, Default)]
pub struct Graph {
    /// Shared, so resolution can read it while it fills the graph's tables.
    pub model: std::sync::Arc<Model>,
    pub indexes: Indexes,
    /// The parent of each region, site group and tenant group (cycles are cut).
    pub region_parents: Vec<Option<RegionId>>,
    pub site_group_parents: Vec<Option<SiteGroupId>>,
    pub tenant_group_parents: Vec<Option<TenantGroupId>>,
    /// The parent of each device role (cycles are cut).
    pub device_role_parents: Vec<Option<DeviceRoleId>>,
    /// The group of each tenant.
    pub tenant_groups: Vec<Option<TenantGroupId>>,
    pub sites: Vec<SiteNode>,
    pub locations: Vec<LocationNode>,
    pub racks: Vec<RackNode>,
    pub rack_reservations: Vec<RackReservationNode>,
    /// Every resolved reservation by its rack, sorted, so a rack finds its own with a
    /// binary search (`Graph::reservations_of`).
    pub reservations_by_rack: Vec<(RackId, RackReservationId)>,
    pub devices: Vec<DeviceNode>,
    pub virtual_machines: Vec<VirtualMachineNode>,
    pub interfaces: Vec<InterfaceNode>,
    /// The relations of the interfaces that have any: those with an entry in interface
    /// order, then those given only a standalone address.
    pub interface_links: Vec<InterfaceLinks>,
    pub ip_addresses: Vec<IpNode>,
    /// `(outside, inside)` for each address with a `nat_inside`, sorted.
    pub nat_inside: Vec<(IpId, IpId)>,
    pub prefixes: Vec<PrefixNode>,
    pub aggregates: Vec<AggregateNode>,
    pub ip_ranges: Vec<IpRangeNode>,
    pub vlans: Vec<VlanNode>,
    pub vlan_groups: Vec<VlanGroupNode>,
    pub cables: Vec<CableNode>,
    pub power_panels: Vec<PowerPanelNode>,
    pub power_feeds: Vec<PowerFeedNode>,
    pub services: Vec<ServiceNode>,
    pub clusters: Vec<ClusterNode>,
    pub virtual_chassis: Vec<VirtualChassisNode>,
    pub config_contexts: Vec<ConfigContextNode>,
    /// For each FHRP group, its virtual addresses (indexes of [`Graph::ip_addresses`]) and
    /// the interfaces assigned to it, in interface order.
    pub fhrp_groups: Vec<FhrpGroupNode>,
    /// Modules installed in devices, a contiguous range per device.
    pub modules: Vec<ModuleNode>,
    /// Wireless LANs with their VLAN and scope resolved.
    pub wireless_lans: Vec<WirelessLanNode>,
    /// Wireless links with their interfaces resolved, and each linked interface's peer
    /// (its first link's other end).
    pub wireless_links: Vec<WirelessLinkNode>,
    pub wireless_peers: rustc_hash::FxHashMap<InterfaceId, (WirelessLinkId, InterfaceId)>,
    /// Each module type's profile, in `model.module_types` order; empty when no module type
    /// names one.
    pub module_type_profiles: Vec<Option<ModuleTypeProfileId>>,
    /// Virtual circuits with their references resolved, in `model.virtual_circuits` order.
    pub virtual_circuits: Vec<VirtualCircuitNode>,
    /// The virtual device contexts, device by device in file order.
    pub vdcs: Vec<VdcNode>,
    /// `(interface, index in vdcs)` for each context an interface joins, sorted.
    pub interface_vdcs: Vec<(InterfaceId, u32)>,
    /// Interfaces from modules and renumbered ones, with their names.
    pub generated_interfaces: Vec<GeneratedInterface>,
    /// For each device, its interfaces sorted by name, to find one by binary search.
    interfaces_by_name: Vec<InterfaceId>,
    /// What messages, `diff` and the NetBox bridge call the devices without a `name` (NetBox
    /// allows them): [`UnnamedPlace`]'s label (asset tag, device bay, rack unit, or type and
    /// rank). Only unnamed devices have an entry, so named ones cost nothing.
    unnamed_devices: rustc_hash::FxHashMap<DeviceId, Box<str>>,
}

/// A virtual circuit: its network, account, type and tenant, and each termination's
/// interface in the order written (`None` where it did not resolve).
#[derive(Clone, Debug, Default)]
pub struct VirtualCircuitNode {
    pub network: Option<ProviderNetworkId>,
    pub account: Option<ProviderAccountId>,
    pub kind: Option<VirtualCircuitTypeId>,
    pub tenant: Option<TenantId>,
    pub terminations: Vec<Option<InterfaceId>>,
}

/// A virtual device context: `index` in its device's `virtual_device_contexts`, with what
/// its references resolved to.
#[derive(Clone, Copy, Debug)]
pub struct VdcNode {
    pub device: DeviceId,
    pub index: u32,
    pub tenant: Option<TenantId>,
    pub primary_ip4: Option<IpId>,
    pub primary_ip6: Option<IpId>,
}

impl Graph {
    /// A virtual device context's entry.
    pub fn vdc(
        &self,
        vdc: &VdcNode,
    ) -> &crate::model::Spanned<crate::model::vdc::VirtualDeviceContext> {
        &self.model.devices[vdc.device.index()]
            .data
            .virtual_device_contexts[vdc.index as usize]
    }

    /// A device's virtual device contexts, in the order written.
    pub fn device_vdcs(&self, device: DeviceId) -> &[VdcNode] {
        let start = self.vdcs.partition_point(|v| v.device < device);
        let end = start + self.vdcs[start..].partition_point(|v| v.device == device);
        &self.vdcs[start..end]
    }

    /// The contexts an interface joins, as indexes of [`Graph::vdcs`].
    pub fn interface_vdcs(&self, interface: InterfaceId) -> impl Iterator<Item = u32> + '_ {
        let start = self.interface_vdcs.partition_point(|(i, _)| *i < interface);
        self.interface_vdcs[start..]
            .iter()
            .take_while(move |(i, _)| *i == interface)
            .map(|&(_, v)| v)
    }

    /// The relations of an interface (empty for one without an entry or address).
    pub fn links(&self, interface: InterfaceId) -> &InterfaceLinks {
        match unpacked(self.interfaces[interface.index()].links) {
            Some(links) => &self.interface_links[links as usize],
            None => &NO_LINKS,
        }
    }

    /// The interface entry written by the user, if any.
    pub fn interface_entry(&self, interface: InterfaceId) -> Option<&Interface> {
        let node = &self.interfaces[interface.index()];
        let entry = node.entry()? as usize;
        Some(match node.owner {
            Owner::Device(d) => &self.model.devices[d.index()].data.interfaces[entry].value,
            Owner::VirtualMachine(v) => {
                &self.model.virtual_machines[v.index()].data.interfaces[entry].value
            }
        })
    }

    /// The device-type or module-type template the interface was instantiated from, if any.
    pub fn interface_template(&self, interface: InterfaceId) -> Option<&InterfaceTemplate> {
        let node = &self.interfaces[interface.index()];
        let mut template = unpacked(node.template)?;
        let Owner::Device(device) = node.owner else {
            return None;
        };
        if template & GENERATED != 0 {
            let generated = &self.generated_interfaces[(template & !GENERATED) as usize];
            template = generated.template;
            if let Some(module) = generated.module {
                let module_type = self.modules[module as usize].module_type?;
                return Some(
                    &self.model.module_types[module_type.index()].data.interfaces
                        [template as usize]
                        .value,
                );
            }
        }
        let device_type = self.devices[device.index()].device_type?;
        Some(&self.model.device_types[device_type.index()].data.interfaces[template as usize].value)
    }

    /// The generated name (module or virtual chassis numbering) of an interface, if any.
    fn generated(&self, interface: InterfaceId) -> Option<&GeneratedInterface> {
        let template = unpacked(self.interfaces[interface.index()].template)?;
        (template & GENERATED != 0)
            .then(|| &self.generated_interfaces[(template & !GENERATED) as usize])
    }

    /// The module an interface comes from, an index of [`Graph::modules`].
    pub fn interface_module(&self, interface: InterfaceId) -> Option<u32> {
        self.generated(interface).and_then(|g| g.module)
    }

    /// The name the type or module gives the interface (after `{module}` substitution and
    /// virtual chassis numbering), before any rename by its entry.
    pub fn interface_template_name(&self, interface: InterfaceId) -> Option<&str> {
        match self.generated(interface) {
            Some(generated) => Some(&generated.name),
            None => self
                .interface_template(interface)
                .map(|t| t.name.value.as_str()),
        }
    }

    pub fn interface_name(&self, interface: InterfaceId) -> &str {
        if let Some(entry) = self.interface_entry(interface) {
            return &entry.name.value;
        }
        self.interface_template_name(interface).unwrap_or("")
    }

    /// The data of an installed module, as written.
    pub fn module_data(&self, module: u32) -> &crate::model::modules::Module {
        let node = &self.modules[module as usize];
        let mut list = &self.model.devices[node.device.index()].data.modules;
        let mut found = &list[node.path[0] as usize].value;
        for &step in &node.path[1..] {
            list = &found.modules;
            found = &list[step as usize].value;
        }
        found
    }

    /// The interface's type: the entry's, else the template's.
    pub fn interface_kind(&self, interface: InterfaceId) -> Option<InterfaceType> {
        self.interface_entry(interface)
            .and_then(|e| e.kind.as_ref().map(|k| k.value))
            .or_else(|| self.interface_template(interface).map(|t| t.kind.value))
    }

    pub fn interface_enabled(&self, interface: InterfaceId) -> bool {
        self.interface_entry(interface)
            .and_then(|e| e.enabled)
            .unwrap_or(true)
    }

    pub fn interface_mgmt_only(&self, interface: InterfaceId) -> bool {
        self.interface_entry(interface)
            .and_then(|e| e.mgmt_only)
            .or_else(|| self.interface_template(interface).and_then(|t| t.mgmt_only))
            .unwrap_or(false)
    }

    pub fn interface_description(&self, interface: InterfaceId) -> Option<&str> {
        self.interface_entry(interface)
            .and_then(|e| e.description.as_deref())
            .or_else(|| {
                self.interface_template(interface)
                    .and_then(|t| t.description.as_deref())
            })
    }

    /// Where the interface is defined: its entry's name, else its owner.
    pub fn interface_location(&self, interface: InterfaceId) -> Location {
        let node = &self.interfaces[interface.index()];
        let file = self.owner_location(node.owner).file;
        match self.interface_entry(interface) {
            Some(entry) => Location::new(file, entry.name.span),
            None => self.owner_location(node.owner),
        }
    }

    pub fn owner_name(&self, owner: Owner) -> &str {
        match owner {
            Owner::Device(d) => self.device_name(d),
            Owner::VirtualMachine(v) => &self.model.virtual_machines[v.index()].data.name.value,
        }
    }

    pub fn owner_location(&self, owner: Owner) -> Location {
        match owner {
            Owner::Device(d) => self.model.devices[d.index()].location(),
            Owner::VirtualMachine(v) => self.model.virtual_machines[v.index()].location(),
        }
    }

    /// The site of an interface's owner.
    pub fn owner_site(&self, owner: Owner) -> Option<SiteId> {
        match owner {
            Owner::Device(d) => self.devices[d.index()].site,
            Owner::VirtualMachine(v) => self.virtual_machines[v.index()].site,
        }
    }

    /// `device:interface`, for messages.
    pub fn interface_label(&self, interface: InterfaceId) -> String {
        format!(
            "{}:{}",
            self.owner_name(self.interfaces[interface.index()].owner),
            self.interface_name(interface)
        )
    }

    /// An owner's interfaces: a contiguous range of [`Graph::interfaces`].
    pub fn owner_interfaces(&self, owner: Owner) -> id::IdRange<InterfaceNode> {
        InterfaceId::range(self.owner_interface_range(owner))
    }

    /// The raw range of an owner's interfaces in [`Graph::interfaces`].
    fn owner_interface_range(&self, owner: Owner) -> Range<u32> {
        match owner {
            Owner::Device(d) => self.devices[d.index()].interfaces.clone(),
            Owner::VirtualMachine(v) => self.virtual_machines[v.index()].interfaces.clone(),
        }
    }

    /// Finds an interface of an owner by name.
    pub fn find_interface(&self, owner: Owner, name: &str) -> Option<InterfaceId> {
        let range = self.owner_interface_range(owner);
        let sorted = &self.interfaces_by_name[range.start as usize..range.end as usize];
        sorted
            .binary_search_by(|&i| self.interface_name(i).cmp(name))
            .ok()
            .map(|pos| sorted[pos])
    }

    /// A circuit's termination on one side, if the circuit defines it.
    pub fn circuit_termination(
        &self,
        circuit: CircuitId,
        side: CircuitSide,
    ) -> Option<&crate::model::circuits::CircuitTermination> {
        let data = &self.model.circuits[circuit.index()].data;
        let termination = match side {
            CircuitSide::A => &data.termination_a,
            CircuitSide::Z => &data.termination_z,
        };
        termination.as_ref().map(|t| &t.value)
    }

    pub fn device(&self, device: DeviceId) -> &Device {
        &self.model.devices[device.index()].data
    }

    /// A device's name, or for an unnamed device its stable label (`<unnamed device ...>`,
    /// see [`Graph::unnamed_devices`]), for messages.
    pub fn device_name(&self, device: DeviceId) -> &str {
        match &self.model.devices[device.index()].data.name {
            Some(name) => &name.value,
            None => self
                .unnamed_devices
                .get(&device)
                .map_or("<unnamed device>", |label| label),
        }
    }

    /// The height in units of a device, from its type (1 when unknown).
    pub fn device_height(&self, device: DeviceId) -> f64 {
        self.devices[device.index()]
            .device_type
            .map_or(1.0, |t| self.model.device_types[t.index()].data.height())
    }

    /// Whether the device's type is a child type (`subdevice_role: child`), which sits in
    /// a parent's device bay rather than in rack units.
    pub fn is_child_device(&self, device: DeviceId) -> bool {
        self.devices[device.index()].device_type.is_some_and(|t| {
            self.model.device_types[t.index()]
                .data
                .subdevice_role
                .as_ref()
                .is_some_and(|r| r.value.is("child"))
        })
    }

    /// `start` and its ancestors in a parent table, nearest first; stops at a cycle.
    pub fn ancestors<T>(parents: &[Option<Id<T>>], start: Option<Id<T>>) -> Vec<Id<T>> {
        let mut chain = Vec::new();
        let mut current = start;
        while let Some(node) = current {
            if chain.contains(&node) || chain.len() > parents.len() {
                break;
            }
            chain.push(node);
            current = parents.get(node.index()).copied().flatten();
        }
        chain
    }

    pub fn vrf_name(&self, vrf: Option<VrfId>) -> &str {
        vrf.map_or("global", |v| {
            self.model.vrfs[v.index()].data.name.value.as_str()
        })
    }
}
