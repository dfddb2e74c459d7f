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
    /// For collections NetBox names per scope: what qualifies a shared name.
    pub scope: Option<Scope<K>>,
}

/// The scope of a collection whose names repeat across scopes: a reference `SCOPE/NAME`
/// picks the holder of `NAME` whose scope is written `SCOPE`.
pub(super) struct Scope<K: 'static> {
    /// What the scope is called in messages ("cluster", "parent region").
    pub kind: &'static str,
    /// The scope reference as the object writes it, if any.
    pub of: fn(&Model, K) -> Option<&Text>,
    /// What else scopes a name but does not qualify it: a virtual machine's tenant.
    pub also: fn(&Model, K) -> Option<&Text>,
}

impl<K> Clone for Scope<K> {
    fn clone(&self) -> Scope<K> {
        *self
    }
}

impl<K> Copy for Scope<K> {}

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
    pub site_and_name: fn(&Model, K) -> (Option<&Text>, &str),
    /// The parent an object's name is unique under within its site, for collections
    /// that have one (locations: NetBox holds a name once per site and parent); a
    /// reference `PARENT/NAME` names the object of `NAME` under that parent.
    pub parent: Option<fn(&Model, K) -> Option<&Text>>,
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
            scope: None,
        };
    )*};
}

/// The second scope field of a collection, if it has one.
macro_rules! also {
    ($field:ident) => {
        |_, _| None
    };
    ($field:ident $also:ident) => {
        |m, i| m.$field[i.index()].data.$also.as_ref()
    };
}

/// Collections NetBox names per scope, with the field that names the scope.
macro_rules! scoped {
    ($($name:ident: $id:ty = $kind:literal, $field:ident, $scope:literal, |$d:ident| $of:expr $(, also $also:ident)?;)*) => {$(
        pub(super) const $name: Which<$id> = Which {
            kind: $kind,
            collection: stringify!($field),
            index: |ix| &ix.$field,
            scope: Some(Scope {
                kind: $scope,
                of: |m, i| {
                    let $d = &m.$field[i.index()].data;
                    $of
                },
                also: also!($field $($also)?),
            }),
        };
    )*};
}

which! {
    TAGS: TagId = "tag", tags;
    TENANT_GROUPS: TenantGroupId = "tenant group", tenant_groups;
    SITES: SiteId = "site", sites;
    MANUFACTURERS: ManufacturerId = "manufacturer", manufacturers;
    DEVICE_ROLES: DeviceRoleId = "device role", device_roles;
    RACK_ROLES: RackRoleId = "rack role", rack_roles;
    RACK_TYPES: RackTypeId = "rack type", rack_types;
    VIRTUAL_CHASSIS: VirtualChassisId = "virtual chassis", virtual_chassis;
    VRFS: VrfId = "VRF", vrfs;
    ROUTE_TARGETS: RouteTargetId = "route target", route_targets;
    VLAN_TRANSLATION_POLICIES: VlanTranslationPolicyId = "VLAN translation policy", vlan_translation_policies;
    RIRS: RirId = "RIR", rirs;
    ROLES: RoleId = "role", roles;
    CLUSTER_TYPES: ClusterTypeId = "cluster type", cluster_types;
    CLUSTER_GROUPS: ClusterGroupId = "cluster group", cluster_groups;
    PROVIDERS: ProviderId = "provider", providers;
    CIRCUIT_TYPES: CircuitTypeId = "circuit type", circuit_types;
    VIRTUAL_CIRCUIT_TYPES: VirtualCircuitTypeId = "virtual circuit type", virtual_circuit_types;
    CIRCUITS: CircuitId = "circuit", circuits;
    CIRCUIT_GROUPS: CircuitGroupId = "circuit group", circuit_groups;
    MODULE_TYPES: ModuleTypeId = "module type", module_types;
    MODULE_TYPE_PROFILES: ModuleTypeProfileId = "module type profile", module_type_profiles;
    FHRP_GROUPS: FhrpGroupId = "FHRP group", fhrp_groups;
    CONTACT_GROUPS: ContactGroupId = "contact group", contact_groups;
    CONTACT_ROLES: ContactRoleId = "contact role", contact_roles;
    CONTACTS: ContactId = "contact", contacts;
    INVENTORY_ITEM_ROLES: InventoryItemRoleId = "inventory item role", inventory_item_roles;
    WIRELESS_LAN_GROUPS: WirelessLanGroupId = "wireless LAN group", wireless_lan_groups;
    CONFIG_CONTEXT_PROFILES: ConfigContextProfileId = "config context profile", config_context_profiles;
}

// Names unique per scope (NetBox's `Meta.constraints`): tenants per group, regions and
// site groups per parent, platforms per manufacturer, VLAN groups per scope,
// clusters per group and per site, virtual machines per cluster (and tenant), provider
// accounts and networks per provider.
scoped! {
    TENANTS: TenantId = "tenant", tenants, "group", |d| d.group.as_ref();
    REGIONS: RegionId = "region", regions, "parent region", |d| d.parent.as_ref();
    SITE_GROUPS: SiteGroupId = "site group", site_groups, "parent group", |d| d.parent.as_ref();
    PLATFORMS: PlatformId = "platform", platforms, "manufacturer", |d| d.manufacturer.as_ref();
    VLAN_GROUPS: VlanGroupId = "VLAN group", vlan_groups, "scope", |d| crate::model::scope::first(&d.scope_refs()).map(|(_, t)| t);
    CLUSTERS: ClusterId = "cluster", clusters, "group or scope", |d| d.group.as_ref().or(crate::model::scope::first(&d.scope_refs()).map(|(_, t)| t));
    PROVIDER_ACCOUNTS: ProviderAccountId = "provider account", provider_accounts, "provider", |d| Some(&d.provider);
    PROVIDER_NETWORKS: ProviderNetworkId = "provider network", provider_networks, "provider", |d| Some(&d.provider);
    WIRELESS_LANS: WirelessLanId = "wireless LAN", wireless_lans, "group", |d| d.group.as_ref();
    VIRTUAL_MACHINES: VirtualMachineId = "virtual machine", virtual_machines, "cluster", |d| d.cluster.as_ref(), also tenant;
}

pub(super) const LOCATIONS: SiteWhich<LocationId> = SiteWhich {
    kind: "location",
    collection: "locations",
    index: |ix| &ix.locations,
    site_and_name: |m, i| {
        let data = &m.locations[i.index()].data;
        (Some(&data.site), &data.name.value)
    },
    parent: Some(|m, i| m.locations[i.index()].data.parent.as_ref()),
};

pub(super) const RACKS: SiteWhich<RackId> = SiteWhich {
    kind: "rack",
    collection: "racks",
    index: |ix| &ix.racks,
    site_and_name: |m, i| {
        let data = &m.racks[i.index()].data;
        (Some(&data.site), &data.name.value)
    },
    parent: None,
};

pub(super) const DEVICES: SiteWhich<DeviceId> = SiteWhich {
    kind: "device",
    collection: "devices",
    index: |ix| &ix.devices,
    site_and_name: |m, i| {
        // Only named devices are indexed, so only they are ever qualified.
        let data = &m.devices[i.index()].data;
        (
            Some(&data.site),
            data.name.as_ref().map_or("", |n| &n.value),
        )
    },
    parent: None,
};

pub(super) const VLANS: SiteWhich<VlanId> = SiteWhich {
    kind: "VLAN",
    collection: "vlans",
    index: |ix| &ix.vlans,
    site_and_name: |m, i| {
        let data = &m.vlans[i.index()].data;
        (data.site.as_ref(), &data.name.value)
    },
    parent: None,
};

pub(super) const POWER_PANELS: SiteWhich<PowerPanelId> = SiteWhich {
    kind: "power panel",
    collection: "power_panels",
    index: |ix| &ix.power_panels,
    site_and_name: |m, i| {
        let data = &m.power_panels[i.index()].data;
        (Some(&data.site), &data.name)
    },
    parent: None,
};
