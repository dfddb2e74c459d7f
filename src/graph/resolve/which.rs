//! The collections a reference can name: for each, what it is called in messages, its
//! collection in data files and its name index. Each is a constant typed by the
//! collection's id, so that `resolve(which::SITES, ..)` returns a [`SiteId`] and nothing
//! else.

use crate::graph::id::*;
use crate::graph::index::{NameIndex, SiteIndex};
use crate::graph::Indexes;
use crate::model::{Model, Text};

/// A globally named collection whose references resolve to a `K`.
pub(super) struct Which<K: 'static> {
    /// What a reference to the collection is called in messages.
    pub kind: &'static str,
    /// The collection's name in data files.
    pub collection: &'static str,
    pub index: fn(&Indexes) -> &NameIndex<K>,
}

// Written by hand: a derive would ask `K: Clone`.
impl<K> Clone for Which<K> {
    fn clone(&self) -> Which<K> {
        *self
    }
}

impl<K> Copy for Which<K> {}

/// A collection unique within a site, as [`Which`].
pub(super) struct SiteWhich<K: 'static> {
    pub kind: &'static str,
    pub collection: &'static str,
    pub index: fn(&Indexes) -> &SiteIndex<K>,
    /// The site (if any) and name of an object, to qualify it in messages.
    pub site_and_name: fn(&Model, K) -> (Option<&Text>, &Text),
}

impl<K> Clone for SiteWhich<K> {
    fn clone(&self) -> SiteWhich<K> {
        *self
    }
}

impl<K> Copy for SiteWhich<K> {}

macro_rules! which {
    ($($name:ident: $id:ty = $kind:literal, $field:ident;)*) => {$(
        pub(super) const $name: Which<$id> = Which {
            kind: $kind,
            collection: stringify!($field),
            index: |ix| &ix.$field,
        };
    )*};
}

which! {
    TAGS: TagId = "tag", tags;
    TENANT_GROUPS: TenantGroupId = "tenant group", tenant_groups;
    TENANTS: TenantId = "tenant", tenants;
    REGIONS: RegionId = "region", regions;
    SITE_GROUPS: SiteGroupId = "site group", site_groups;
    SITES: SiteId = "site", sites;
    MANUFACTURERS: ManufacturerId = "manufacturer", manufacturers;
    DEVICE_ROLES: DeviceRoleId = "device role", device_roles;
    PLATFORMS: PlatformId = "platform", platforms;
    VIRTUAL_CHASSIS: VirtualChassisId = "virtual chassis", virtual_chassis;
    VRFS: VrfId = "VRF", vrfs;
    ROUTE_TARGETS: RouteTargetId = "route target", route_targets;
    RIRS: RirId = "RIR", rirs;
    VLAN_GROUPS: VlanGroupId = "VLAN group", vlan_groups;
    CLUSTER_TYPES: ClusterTypeId = "cluster type", cluster_types;
    CLUSTER_GROUPS: ClusterGroupId = "cluster group", cluster_groups;
    CLUSTERS: ClusterId = "cluster", clusters;
    VIRTUAL_MACHINES: VirtualMachineId = "virtual machine", virtual_machines;
    PROVIDERS: ProviderId = "provider", providers;
    CIRCUIT_TYPES: CircuitTypeId = "circuit type", circuit_types;
    CIRCUITS: CircuitId = "circuit", circuits;
}

pub(super) const LOCATIONS: SiteWhich<LocationId> = SiteWhich {
    kind: "location",
    collection: "locations",
    index: |ix| &ix.locations,
    site_and_name: |m, i| {
        let data = &m.locations[i.index()].data;
        (Some(&data.site), &data.name)
    },
};

pub(super) const RACKS: SiteWhich<RackId> = SiteWhich {
    kind: "rack",
    collection: "racks",
    index: |ix| &ix.racks,
    site_and_name: |m, i| {
        let data = &m.racks[i.index()].data;
        (Some(&data.site), &data.name)
    },
};

pub(super) const DEVICES: SiteWhich<DeviceId> = SiteWhich {
    kind: "device",
    collection: "devices",
    index: |ix| &ix.devices,
    site_and_name: |m, i| {
        let data = &m.devices[i.index()].data;
        (Some(&data.site), &data.name)
    },
};

pub(super) const VLANS: SiteWhich<VlanId> = SiteWhich {
    kind: "VLAN",
    collection: "vlans",
    index: |ix| &ix.vlans,
    site_and_name: |m, i| {
        let data = &m.vlans[i.index()].data;
        (data.site.as_ref(), &data.name)
    },
};

pub(super) const POWER_PANELS: SiteWhich<PowerPanelId> = SiteWhich {
    kind: "power panel",
    collection: "power_panels",
    index: |ix| &ix.power_panels,
    site_and_name: |m, i| {
        let data = &m.power_panels[i.index()].data;
        (Some(&data.site), &data.name)
    },
};
