//! The kinds of NetBox objects netsot pushes, in the order they are applied: every kind
//! comes after the kinds its references point to, so one pass in this order creates each
//! object after what it needs.

/// A kind of NetBox object. The order of the variants is the order of application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Tags,
    TenantGroups,
    Tenants,
    Regions,
    SiteGroups,
    Sites,
    Locations,
    RouteTargets,
    Vrfs,
    Rirs,
    /// IPAM roles (of prefixes, VLANs and IP ranges), named by the objects that use them.
    IpamRoles,
    Aggregates,
    VlanGroups,
    Vlans,
    Prefixes,
    IpRanges,
    Manufacturers,
    DeviceRoles,
    Platforms,
    DeviceTypes,
    InterfaceTemplates,
    ConsolePortTemplates,
    ConsoleServerPortTemplates,
    PowerPortTemplates,
    RearPortTemplates,
    FrontPortTemplates,
    Racks,
    ClusterTypes,
    ClusterGroups,
    Clusters,
    Devices,
    Interfaces,
    VirtualMachines,
    VmInterfaces,
    IpAddresses,
    /// Power outlet templates, power panels and feeds (`power.rs`), then the components of
    /// devices other than interfaces (`components.rs`): after the devices and addresses,
    /// so the kinds before keep their places in the tables below.
    PowerOutletTemplates,
    PowerPanels,
    PowerFeeds,
    ConsolePorts,
    ConsoleServerPorts,
    PowerPorts,
    PowerOutlets,
    RearPorts,
    FrontPorts,
    /// Config contexts (`extras.rs`), after every kind their criteria name.
    ConfigContexts,
    /// The primary addresses of devices: the device objects again, updated only, once the
    /// addresses exist (NetBox refuses a primary address that is not assigned to one of
    /// the device's interfaces).
    DevicePrimaryIps,
    VmPrimaryIps,
    Providers,
    CircuitTypes,
    Circuits,
    CircuitTerminations,
    /// Last: a cable's ends may be any port, a power feed or a circuit termination.
    Cables,
}

/// What a kind is in NetBox and in netsot's words.
pub struct Spec {
    /// The list endpoint.
    pub path: &'static str,
    /// The collection's name in netsot (and `netsot diff`).
    pub collection: &'static str,
    /// One object, for messages.
    pub singular: &'static str,
    /// The content type, for generic relations (`dcim.interface`).
    pub object_type: &'static str,
    /// Objects of this kind are only updated: another kind creates and deletes them.
    pub update_only: bool,
}

pub(super) const fn spec(
    path: &'static str,
    collection: &'static str,
    singular: &'static str,
    object_type: &'static str,
) -> Spec {
    Spec {
        path,
        collection,
        singular,
        object_type,
        update_only: false,
    }
}

impl Kind {
    pub const ALL: &'static [Kind] = &[
        Kind::Tags,
        Kind::TenantGroups,
        Kind::Tenants,
        Kind::Regions,
        Kind::SiteGroups,
        Kind::Sites,
        Kind::Locations,
        Kind::RouteTargets,
        Kind::Vrfs,
        Kind::Rirs,
        Kind::IpamRoles,
        Kind::Aggregates,
        Kind::VlanGroups,
        Kind::Vlans,
        Kind::Prefixes,
        Kind::IpRanges,
        Kind::Manufacturers,
        Kind::DeviceRoles,
        Kind::Platforms,
        Kind::DeviceTypes,
        Kind::InterfaceTemplates,
        Kind::ConsolePortTemplates,
        Kind::ConsoleServerPortTemplates,
        Kind::PowerPortTemplates,
        Kind::RearPortTemplates,
        Kind::FrontPortTemplates,
        Kind::Racks,
        Kind::ClusterTypes,
        Kind::ClusterGroups,
        Kind::Clusters,
        Kind::Devices,
        Kind::Interfaces,
        Kind::VirtualMachines,
        Kind::VmInterfaces,
        Kind::IpAddresses,
        Kind::PowerOutletTemplates,
        Kind::PowerPanels,
        Kind::PowerFeeds,
        Kind::ConsolePorts,
        Kind::ConsoleServerPorts,
        Kind::PowerPorts,
        Kind::PowerOutlets,
        Kind::RearPorts,
        Kind::FrontPorts,
        Kind::ConfigContexts,
        Kind::DevicePrimaryIps,
        Kind::VmPrimaryIps,
        Kind::Providers,
        Kind::CircuitTypes,
        Kind::Circuits,
        Kind::CircuitTerminations,
        Kind::Cables,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn spec(self) -> &'static Spec {
        use Kind::*;
        static PRIMARY_DEVICE: Spec = Spec {
            update_only: true,
            ..spec("/api/dcim/devices/", "devices", "device", "dcim.device")
        };
        static PRIMARY_VM: Spec = Spec {
            update_only: true,
            ..spec(
                "/api/virtualization/virtual-machines/",
                "virtual_machines",
                "virtual machine",
                "virtualization.virtualmachine",
            )
        };
        static SPECS: &[Spec] = &[
            spec("/api/extras/tags/", "tags", "tag", "extras.tag"),
            spec(
                "/api/tenancy/tenant-groups/",
                "tenant_groups",
                "tenant group",
                "tenancy.tenantgroup",
            ),
            spec(
                "/api/tenancy/tenants/",
                "tenants",
                "tenant",
                "tenancy.tenant",
            ),
            spec("/api/dcim/regions/", "regions", "region", "dcim.region"),
            spec(
                "/api/dcim/site-groups/",
                "site_groups",
                "site group",
                "dcim.sitegroup",
            ),
            spec("/api/dcim/sites/", "sites", "site", "dcim.site"),
            spec(
                "/api/dcim/locations/",
                "locations",
                "location",
                "dcim.location",
            ),
            spec(
                "/api/ipam/route-targets/",
                "route_targets",
                "route target",
                "ipam.routetarget",
            ),
            spec("/api/ipam/vrfs/", "vrfs", "VRF", "ipam.vrf"),
            spec("/api/ipam/rirs/", "rirs", "RIR", "ipam.rir"),
            spec("/api/ipam/roles/", "roles", "IPAM role", "ipam.role"),
            spec(
                "/api/ipam/aggregates/",
                "aggregates",
                "aggregate",
                "ipam.aggregate",
            ),
            spec(
                "/api/ipam/vlan-groups/",
                "vlan_groups",
                "VLAN group",
                "ipam.vlangroup",
            ),
            spec("/api/ipam/vlans/", "vlans", "VLAN", "ipam.vlan"),
            spec("/api/ipam/prefixes/", "prefixes", "prefix", "ipam.prefix"),
            spec(
                "/api/ipam/ip-ranges/",
                "ip_ranges",
                "IP range",
                "ipam.iprange",
            ),
            spec(
                "/api/dcim/manufacturers/",
                "manufacturers",
                "manufacturer",
                "dcim.manufacturer",
            ),
            spec(
                "/api/dcim/device-roles/",
                "device_roles",
                "device role",
                "dcim.devicerole",
            ),
            spec(
                "/api/dcim/platforms/",
                "platforms",
                "platform",
                "dcim.platform",
            ),
            spec(
                "/api/dcim/device-types/",
                "device_types",
                "device type",
                "dcim.devicetype",
            ),
            spec(
                "/api/dcim/interface-templates/",
                "interface_templates",
                "interface template",
                "dcim.interfacetemplate",
            ),
            spec(
                "/api/dcim/console-port-templates/",
                "console_port_templates",
                "console port template",
                "dcim.consoleporttemplate",
            ),
            spec(
                "/api/dcim/console-server-port-templates/",
                "console_server_port_templates",
                "console server port template",
                "dcim.consoleserverporttemplate",
            ),
            spec(
                "/api/dcim/power-port-templates/",
                "power_port_templates",
                "power port template",
                "dcim.powerporttemplate",
            ),
            spec(
                "/api/dcim/rear-port-templates/",
                "rear_port_templates",
                "rear port template",
                "dcim.rearporttemplate",
            ),
            spec(
                "/api/dcim/front-port-templates/",
                "front_port_templates",
                "front port template",
                "dcim.frontporttemplate",
            ),
            spec("/api/dcim/racks/", "racks", "rack", "dcim.rack"),
            spec(
                "/api/virtualization/cluster-types/",
                "cluster_types",
                "cluster type",
                "virtualization.clustertype",
            ),
            spec(
                "/api/virtualization/cluster-groups/",
                "cluster_groups",
                "cluster group",
                "virtualization.clustergroup",
            ),
            spec(
                "/api/virtualization/clusters/",
                "clusters",
                "cluster",
                "virtualization.cluster",
            ),
            spec("/api/dcim/devices/", "devices", "device", "dcim.device"),
            spec(
                "/api/dcim/interfaces/",
                "interfaces",
                "interface",
                "dcim.interface",
            ),
            spec(
                "/api/virtualization/virtual-machines/",
                "virtual_machines",
                "virtual machine",
                "virtualization.virtualmachine",
            ),
            spec(
                "/api/virtualization/interfaces/",
                "vm_interfaces",
                "VM interface",
                "virtualization.vminterface",
            ),
            spec(
                "/api/ipam/ip-addresses/",
                "ip_addresses",
                "IP address",
                "ipam.ipaddress",
            ),
        ];
        static CABLES: Spec = spec("/api/dcim/cables/", "cables", "cable", "dcim.cable");
        static LATER: &[Spec] = &[
            spec(
                "/api/circuits/providers/",
                "providers",
                "provider",
                "circuits.provider",
            ),
            spec(
                "/api/circuits/circuit-types/",
                "circuit_types",
                "circuit type",
                "circuits.circuittype",
            ),
            spec(
                "/api/circuits/circuits/",
                "circuits",
                "circuit",
                "circuits.circuit",
            ),
            spec(
                "/api/circuits/circuit-terminations/",
                "circuit_terminations",
                "circuit termination",
                "circuits.circuittermination",
            ),
        ];
        match self {
            DevicePrimaryIps => &PRIMARY_DEVICE,
            VmPrimaryIps => &PRIMARY_VM,
            Cables => &CABLES,
            Providers | CircuitTypes | Circuits | CircuitTerminations => {
                &LATER[self.index() - Providers.index()]
            }
            PowerOutletTemplates | PowerPanels | PowerFeeds => super::power::spec(self),
            ConsolePorts | ConsoleServerPorts | PowerPorts | PowerOutlets | RearPorts
            | FrontPorts => super::components::spec(self),
            ConfigContexts => super::extras::spec(self),
            _ => &SPECS[self.index()],
        }
    }

    /// The kind of a content type, for the generic relations NetBox returns.
    pub fn of_object_type(object_type: &str) -> Option<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| !k.spec().update_only && k.spec().object_type == object_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_in_order_and_has_its_own_spec() {
        for (index, kind) in Kind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), index, "{kind:?}");
        }
        let mut types: Vec<&str> = Kind::ALL
            .iter()
            .filter(|k| !k.spec().update_only)
            .map(|k| k.spec().object_type)
            .collect();
        let count = types.len();
        types.sort_unstable();
        types.dedup();
        assert_eq!(types.len(), count, "an object type is used twice");
        assert_eq!(Kind::Cables.spec().path, "/api/dcim/cables/");
        assert_eq!(Kind::IpAddresses.spec().path, "/api/ipam/ip-addresses/");
        assert_eq!(
            Kind::of_object_type("dcim.interface"),
            Some(Kind::Interfaces)
        );
    }
}
