//! Typed indexes: an [`Id<T>`] is the place of an object in the table of `T`, so a device's
//! index cannot be passed where an interface's is meant. It is a `u32` at run time (4
//! bytes, `Copy`, ordered and hashed as the number), so the packed tables keep their size.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use crate::model::circuits::{
    Circuit, CircuitGroup, CircuitType, Provider, ProviderAccount, ProviderNetwork,
    VirtualCircuitType,
};
use crate::model::contacts::{Contact, ContactGroup, ContactRole};
use crate::model::dcim::{Cable, Device, DeviceRole, Manufacturer, Platform, Rack, VirtualChassis};
use crate::model::device_type::{DeviceType, ModuleType, ModuleTypeProfile};
use crate::model::extras::{ConfigContext, ConfigContextProfile, CustomField};
use crate::model::fhrp::FhrpGroup;
use crate::model::inventory::InventoryItemRole;
use crate::model::ipam::{
    Aggregate, AsnRange, IpAddress, IpRange, Prefix, Rir, Role, RouteTarget, Service, Vlan,
    VlanGroup, VlanTranslationPolicy, Vrf,
};
use crate::model::organisation::{LocationObj, Region, Site, SiteGroup, Tenant, TenantGroup};
use crate::model::power::{PowerFeed, PowerPanel};
use crate::model::racks::{RackReservation, RackRole, RackType};
use crate::model::tags::Tag;
use crate::model::virtualization::{Cluster, ClusterGroup, ClusterType, VirtualMachine};
use crate::model::wireless::{WirelessLan, WirelessLanGroup, WirelessLink};

use super::{InterfaceNode, IpNode};

/// The index of an object in the table of `T`.
///
/// `PhantomData<fn() -> T>` makes the id `Send`, `Sync` and `Copy` whatever `T` is, and the
/// traits below are written by hand so that they ask nothing of `T` either.
///
/// The point of the type: an id of one collection is refused where another's is meant.
///
/// ```compile_fail
/// use netsot::graph::{RegionId, SiteId};
/// fn region(_: RegionId) {}
/// region(SiteId::new(0));
/// ```
///
/// ```
/// use netsot::graph::RegionId;
/// fn region(id: RegionId) -> usize {
///     id.index()
/// }
/// assert_eq!(region(RegionId::new(2)), 2);
/// ```
pub struct Id<T> {
    raw: u32,
    kind: PhantomData<fn() -> T>,
}

/// A device: an index of `model.devices` and `graph.devices`.
pub type DeviceId = Id<Device>;
/// A virtual machine: an index of `model.virtual_machines` and `graph.virtual_machines`.
pub type VirtualMachineId = Id<VirtualMachine>;
/// An interface: an index of `graph.interfaces`.
pub type InterfaceId = Id<InterfaceNode>;
/// An IP address: an index of `graph.ip_addresses`.
pub type IpId = Id<IpNode>;
/// An address of the top-level `ip_addresses` collection: an index of `model.ip_addresses`
/// (the graph's table, [`IpId`], also holds the addresses nested under interfaces).
pub type StandaloneIpId = Id<IpAddress>;
/// A tag: an index of `model.tags`.
pub type TagId = Id<Tag>;
/// A tenant group: an index of `model.tenant_groups` and `graph.tenant_group_parents`.
pub type TenantGroupId = Id<TenantGroup>;
/// A tenant: an index of `model.tenants` and `graph.tenant_groups`.
pub type TenantId = Id<Tenant>;
/// A region: an index of `model.regions` and `graph.region_parents`.
pub type RegionId = Id<Region>;
/// A site group: an index of `model.site_groups` and `graph.site_group_parents`.
pub type SiteGroupId = Id<SiteGroup>;
/// A site: an index of `model.sites` and `graph.sites`.
pub type SiteId = Id<Site>;
/// A location: an index of `model.locations` and `graph.locations`.
pub type LocationId = Id<LocationObj>;
/// A rack: an index of `model.racks` and `graph.racks`.
pub type RackId = Id<Rack>;
/// A rack role: an index of `model.rack_roles`.
pub type RackRoleId = Id<RackRole>;
/// A rack type: an index of `model.rack_types`.
pub type RackTypeId = Id<RackType>;
/// A rack reservation: an index of `model.rack_reservations` and `graph.rack_reservations`.
pub type RackReservationId = Id<RackReservation>;
/// A manufacturer: an index of `model.manufacturers`.
pub type ManufacturerId = Id<Manufacturer>;
/// A device type: an index of `model.device_types`.
pub type DeviceTypeId = Id<DeviceType>;
/// A module type: an index of `model.module_types`.
pub type ModuleTypeId = Id<ModuleType>;
/// A device role: an index of `model.device_roles`.
pub type DeviceRoleId = Id<DeviceRole>;
/// A platform: an index of `model.platforms`.
pub type PlatformId = Id<Platform>;
/// A virtual chassis: an index of `model.virtual_chassis`.
pub type VirtualChassisId = Id<VirtualChassis>;
/// A cable: an index of `model.cables` and `graph.cables`.
pub type CableId = Id<Cable>;
/// A VRF: an index of `model.vrfs`.
pub type VrfId = Id<Vrf>;
/// A route target: an index of `model.route_targets`.
pub type RouteTargetId = Id<RouteTarget>;
/// A RIR: an index of `model.rirs`.
pub type RirId = Id<Rir>;
/// A prefix, range and VLAN role: an index of `model.roles`.
pub type RoleId = Id<Role>;
/// An ASN range: an index of `model.asn_ranges`.
pub type AsnRangeId = Id<AsnRange>;
/// An aggregate: an index of `model.aggregates` (not of `graph.aggregates`, kept sorted).
pub type AggregateId = Id<Aggregate>;
/// A prefix: an index of `model.prefixes` (not of `graph.prefixes`, kept sorted).
pub type PrefixId = Id<Prefix>;
/// An IP range: an index of `model.ip_ranges` (not of `graph.ip_ranges`, kept sorted).
pub type IpRangeId = Id<IpRange>;
/// A VLAN group: an index of `model.vlan_groups` and `graph.vlan_groups`.
pub type VlanGroupId = Id<VlanGroup>;
/// A VLAN translation policy: an index of `model.vlan_translation_policies`.
pub type VlanTranslationPolicyId = Id<VlanTranslationPolicy>;
/// A VLAN: an index of `model.vlans` and `graph.vlans`.
pub type VlanId = Id<Vlan>;
/// A service: an index of `model.services` and `graph.services`.
pub type ServiceId = Id<Service>;
/// A cluster type: an index of `model.cluster_types`.
pub type ClusterTypeId = Id<ClusterType>;
/// A cluster group: an index of `model.cluster_groups`.
pub type ClusterGroupId = Id<ClusterGroup>;
/// A cluster: an index of `model.clusters` and `graph.clusters`.
pub type ClusterId = Id<Cluster>;
/// A provider: an index of `model.providers`.
pub type ProviderId = Id<Provider>;
/// A provider account: an index of `model.provider_accounts`.
pub type ProviderAccountId = Id<ProviderAccount>;
/// A provider network: an index of `model.provider_networks`.
pub type ProviderNetworkId = Id<ProviderNetwork>;
/// A circuit type: an index of `model.circuit_types`.
pub type CircuitTypeId = Id<CircuitType>;
/// A circuit group: an index of `model.circuit_groups`.
pub type CircuitGroupId = Id<CircuitGroup>;
/// A module type profile: an index of `model.module_type_profiles`.
pub type ModuleTypeProfileId = Id<ModuleTypeProfile>;
/// A virtual circuit type: an index of `model.virtual_circuit_types`.
pub type VirtualCircuitTypeId = Id<VirtualCircuitType>;
/// A circuit: an index of `model.circuits`.
pub type CircuitId = Id<Circuit>;
/// A power panel: an index of `model.power_panels` and `graph.power_panels`.
pub type PowerPanelId = Id<PowerPanel>;
/// A power feed: an index of `model.power_feeds` and `graph.power_feeds`.
pub type PowerFeedId = Id<PowerFeed>;
/// A contact group: an index of `model.contact_groups`.
pub type ContactGroupId = Id<ContactGroup>;
/// A contact role: an index of `model.contact_roles`.
pub type ContactRoleId = Id<ContactRole>;
/// A contact: an index of `model.contacts`.
pub type ContactId = Id<Contact>;
/// An inventory item role: an index of `model.inventory_item_roles`.
pub type InventoryItemRoleId = Id<InventoryItemRole>;
/// A wireless LAN group: an index of `model.wireless_lan_groups`.
pub type WirelessLanGroupId = Id<WirelessLanGroup>;
/// A wireless LAN: an index of `model.wireless_lans`.
pub type WirelessLanId = Id<WirelessLan>;
/// A wireless link: an index of `model.wireless_links` and `graph.wireless_links`.
pub type WirelessLinkId = Id<WirelessLink>;
/// An FHRP group: an index of `model.fhrp_groups`.
pub type FhrpGroupId = Id<FhrpGroup>;
/// A custom field: an index of `model.custom_fields`.
pub type CustomFieldId = Id<CustomField>;
/// A config context: an index of `model.config_contexts` and `graph.config_contexts`.
pub type ConfigContextId = Id<ConfigContext>;
/// A config context profile: an index of `model.config_context_profiles`.
pub type ConfigContextProfileId = Id<ConfigContextProfile>;

impl<T> Id<T> {
    pub const fn new(raw: u32) -> Id<T> {
        Id {
            raw,
            kind: PhantomData,
        }
    }

    /// The id of the object at `index` of its table; tables are far below `u32::MAX`
    /// objects (files are capped well below that many bytes).
    pub fn from_index(index: usize) -> Id<T> {
        Id::new(u32::try_from(index).expect("a table of fewer than 2^32 objects"))
    }

    /// The place in the table, for indexing a slice.
    pub const fn index(self) -> usize {
        self.raw as usize
    }

    /// The number itself, for packed storage.
    pub const fn raw(self) -> u32 {
        self.raw
    }

    /// Every id of a table of `len` objects, in order.
    pub fn all(len: usize) -> impl DoubleEndedIterator<Item = Id<T>> + ExactSizeIterator {
        (0..len).map(Id::from_index)
    }

    /// The ids of a contiguous range of a table.
    pub fn range(range: std::ops::Range<u32>) -> IdRange<T> {
        range.map(Id::new)
    }
}

/// The ids of a contiguous range of a table, as [`Id::range`] gives them.
pub type IdRange<T> = std::iter::Map<std::ops::Range<u32>, fn(u32) -> Id<T>>;

impl<T> Clone for Id<T> {
    fn clone(&self) -> Id<T> {
        *self
    }
}

impl<T> Copy for Id<T> {}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Id<T>) -> bool {
        self.raw == other.raw
    }
}

impl<T> Eq for Id<T> {}

impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Id<T>) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Id<T>) -> std::cmp::Ordering {
        self.raw.cmp(&other.raw)
    }
}

impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.raw.hash(state);
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.raw)
    }
}

const _: () = assert!(std::mem::size_of::<InterfaceId>() == 4);
const _: () = assert!(std::mem::size_of::<Option<InterfaceId>>() == 8);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_index_and_orders_as_it() {
        let a = DeviceId::from_index(3);
        let b = DeviceId::new(7);
        assert_eq!((a.index(), b.raw()), (3, 7));
        assert!(a < b);
        assert_eq!(a, DeviceId::new(3));
        assert_eq!(format!("{a:?}"), "#3");
        let ids: Vec<InterfaceId> = InterfaceId::range(2..4).collect();
        assert_eq!(ids, [InterfaceId::new(2), InterfaceId::new(3)]);
        assert_eq!(IpId::all(2).count(), 2);
    }
}
