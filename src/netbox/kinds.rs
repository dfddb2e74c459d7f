//! The kinds of NetBox objects netsot pushes, in the order they are applied: every kind
//! comes after the kinds its references point to, so one pass in this order creates each
//! object after what it needs.

/// A kind of NetBox object. The order of the variants is the order of application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Tags,
    /// Custom field choice sets, then the fields (`custom_fields.rs`), before every object
    /// that may carry a value.
    CustomFieldChoiceSets,
    CustomFields,
    TenantGroups,
    Tenants,
    Regions,
    SiteGroups,
    Sites,
    Locations,
    ContactGroups,
    ContactRoles,
    Contacts,
    RouteTargets,
    Vrfs,
    Rirs,
    Asns,
    AsnRanges,
    /// IPAM roles (of prefixes, VLANs and IP ranges), named by the objects that use them.
    IpamRoles,
    Aggregates,
    /// FHRP groups, before the virtual addresses assigned to them.
    FhrpGroups,
    Manufacturers,
    /// Inventory item roles (`inventory.rs`), named by items.
    InventoryItemRoles,
    DeviceRoles,
    Platforms,
    DeviceTypes,
    /// Module type profiles (`modules.rs`), keyed by name: before the module types that
    /// name them. NetBox's migrations make a few (CPU, fan, power supply...).
    ModuleTypeProfiles,
    /// Module types (`modules.rs`), keyed `MANUFACTURER/MODEL` as device types; the
    /// template kinds after them hold the templates of both (`templates.rs`).
    ModuleTypes,
    InterfaceTemplates,
    ConsolePortTemplates,
    ConsoleServerPortTemplates,
    PowerPortTemplates,
    RearPortTemplates,
    FrontPortTemplates,
    ModuleBayTemplates,
    DeviceBayTemplates,
    /// Device types' inventory item templates, keyed `TYPE:NAME`.
    InventoryItemTemplates,
    RackRoles,
    RackTypes,
    Racks,
    /// Rack reservations, keyed `SITE/RACK UNITS`; after racks, which they name.
    RackReservations,
    ClusterTypes,
    ClusterGroups,
    Clusters,
    /// Virtual chassis, before their members; their master is set by `VcMasters`.
    VirtualChassis,
    // After racks and clusters, which VLAN groups may be scoped to.
    VlanGroups,
    Vlans,
    /// VLAN translation policies and their rules (`vlan_translation.rs`), before the
    /// interfaces that apply them.
    VlanTranslationPolicies,
    VlanTranslationRules,
    Prefixes,
    IpRanges,
    /// Wireless LAN groups and LANs (`wireless.rs`): after VLANs and scopes, before the
    /// interfaces that join them.
    WirelessLanGroups,
    WirelessLans,
    Devices,
    /// The module bays of devices (`modules.rs`), keyed `DEVICE:BAY`, a nested bay by the
    /// path of bays down to it; NetBox makes those of the device's type with the device,
    /// and those of a module's type with the module.
    ModuleBays,
    /// Installed modules, keyed as their bay; created in waves, outer modules first, the
    /// bays NetBox made for them read again before the modules nested in them. Before the
    /// interfaces and other components, which NetBox instantiates from the module's type.
    Modules,
    /// Device bays (`modules.rs`), keyed `DEVICE:NAME`: NetBox makes them from the type's
    /// templates with the device; the push sets the child device each holds, once every
    /// device exists.
    DeviceBays,
    /// Virtual device contexts (`vdcs.rs`), keyed `DEVICE:NAME`: before the interfaces
    /// that join them.
    VirtualDeviceContexts,
    Interfaces,
    /// Wireless links between two device interfaces, keyed `A = B`.
    WirelessLinks,
    VirtualMachines,
    VmInterfaces,
    /// Virtual machines' disks (`virtualization.rs`), keyed `VM:NAME`.
    VirtualDisks,
    /// MAC addresses assigned to interfaces of either kind (`mac_addresses.rs`), then the
    /// interfaces again, updated only: their primary MAC address, one of those.
    MacAddresses,
    InterfacePrimaryMacs,
    VmInterfacePrimaryMacs,
    IpAddresses,
    /// Power outlet templates, power panels and feeds (`power.rs`), then the components of
    /// devices other than interfaces (`components.rs`), which NetBox creates from the
    /// templates once a device exists: after the devices.
    PowerOutletTemplates,
    PowerPanels,
    PowerFeeds,
    ConsolePorts,
    ConsoleServerPorts,
    PowerPorts,
    PowerOutlets,
    RearPorts,
    FrontPorts,
    /// Devices' inventory items (`inventory.rs`), keyed `DEVICE:PATH`: after every kind of
    /// component they may be attached to. NetBox creates a new device's items from its
    /// type's templates, as its components.
    InventoryItems,
    /// Config context profiles (`extras.rs`), before the contexts that name them.
    ConfigContextProfiles,
    /// Config contexts (`extras.rs`), after every kind their criteria name.
    ConfigContexts,
    /// The primary addresses of devices: the device objects again, updated only, once the
    /// addresses exist (NetBox refuses a primary address that is not assigned to one of
    /// the device's interfaces).
    DevicePrimaryIps,
    /// The primary addresses of virtual device contexts, updated only, as devices'.
    VdcPrimaryIps,
    VmPrimaryIps,
    /// The masters of virtual chassis: the chassis again, updated only, once their members
    /// exist (NetBox refuses a master that is not a member).
    VcMasters,
    /// Interfaces' memberships of FHRP groups, once both exist.
    FhrpGroupAssignments,
    /// The ASNs of sites: the sites again, updated only, once the ASNs exist.
    SiteAsns,
    /// Services on devices and VMs, once the addresses they listen on exist.
    Services,
    Providers,
    ProviderAccounts,
    ProviderNetworks,
    CircuitTypes,
    /// Circuit groups (`circuit_groups.rs`), keyed by name, before the circuits' memberships.
    CircuitGroups,
    Circuits,
    CircuitTerminations,
    /// Virtual circuits (`virtual_circuits.rs`): types, circuits keyed `NETWORK:CID`, and
    /// terminations keyed by their interface; after provider networks and interfaces.
    VirtualCircuitTypes,
    VirtualCircuits,
    VirtualCircuitTerminations,
    /// Circuits' and virtual circuits' memberships of circuit groups, once both exist.
    CircuitGroupAssignments,
    /// After every kind a cable may end on: interfaces, ports, power feeds, circuit
    /// terminations.
    Cables,
    /// Contacts assigned to sites, tenants, racks, devices and circuits: after them all.
    ContactAssignments,
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

const fn spec(
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

/// A spec of a kind that only updates objects another kind creates and deletes.
const fn update_only(spec: Spec) -> Spec {
    Spec {
        update_only: true,
        ..spec
    }
}

impl Kind {
    pub const ALL: &'static [Kind] = &[
        Kind::Tags,
        Kind::CustomFieldChoiceSets,
        Kind::CustomFields,
        Kind::TenantGroups,
        Kind::Tenants,
        Kind::Regions,
        Kind::SiteGroups,
        Kind::Sites,
        Kind::Locations,
        Kind::ContactGroups,
        Kind::ContactRoles,
        Kind::Contacts,
        Kind::RouteTargets,
        Kind::Vrfs,
        Kind::Rirs,
        Kind::Asns,
        Kind::AsnRanges,
        Kind::IpamRoles,
        Kind::Aggregates,
        Kind::FhrpGroups,
        Kind::Manufacturers,
        Kind::InventoryItemRoles,
        Kind::DeviceRoles,
        Kind::Platforms,
        Kind::DeviceTypes,
        Kind::ModuleTypeProfiles,
        Kind::ModuleTypes,
        Kind::InterfaceTemplates,
        Kind::ConsolePortTemplates,
        Kind::ConsoleServerPortTemplates,
        Kind::PowerPortTemplates,
        Kind::RearPortTemplates,
        Kind::FrontPortTemplates,
        Kind::ModuleBayTemplates,
        Kind::DeviceBayTemplates,
        Kind::InventoryItemTemplates,
        Kind::RackRoles,
        Kind::RackTypes,
        Kind::Racks,
        Kind::RackReservations,
        Kind::ClusterTypes,
        Kind::ClusterGroups,
        Kind::Clusters,
        Kind::VirtualChassis,
        Kind::VlanGroups,
        Kind::Vlans,
        Kind::VlanTranslationPolicies,
        Kind::VlanTranslationRules,
        Kind::Prefixes,
        Kind::IpRanges,
        Kind::WirelessLanGroups,
        Kind::WirelessLans,
        Kind::Devices,
        Kind::ModuleBays,
        Kind::Modules,
        Kind::DeviceBays,
        Kind::VirtualDeviceContexts,
        Kind::Interfaces,
        Kind::WirelessLinks,
        Kind::VirtualMachines,
        Kind::VmInterfaces,
        Kind::VirtualDisks,
        Kind::MacAddresses,
        Kind::InterfacePrimaryMacs,
        Kind::VmInterfacePrimaryMacs,
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
        Kind::InventoryItems,
        Kind::ConfigContextProfiles,
        Kind::ConfigContexts,
        Kind::DevicePrimaryIps,
        Kind::VdcPrimaryIps,
        Kind::VmPrimaryIps,
        Kind::VcMasters,
        Kind::FhrpGroupAssignments,
        Kind::SiteAsns,
        Kind::Services,
        Kind::Providers,
        Kind::ProviderAccounts,
        Kind::ProviderNetworks,
        Kind::CircuitTypes,
        Kind::CircuitGroups,
        Kind::Circuits,
        Kind::CircuitTerminations,
        Kind::VirtualCircuitTypes,
        Kind::VirtualCircuits,
        Kind::VirtualCircuitTerminations,
        Kind::CircuitGroupAssignments,
        Kind::Cables,
        Kind::ContactAssignments,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// What the kind is in NetBox: one arm per kind, so a new kind cannot be left without
    /// its spec, nor take another's. One line per kind, a table rustfmt leaves unwrapped.
    #[rustfmt::skip]
    pub fn spec(self) -> &'static Spec {
        use Kind::*;
        match self {
            Tags => const { &spec("/api/extras/tags/", "tags", "tag", "extras.tag") },
            CustomFieldChoiceSets => const { &spec("/api/extras/custom-field-choice-sets/", "custom_field_choice_sets", "custom field choice set", "extras.customfieldchoiceset") },
            CustomFields => const { &spec("/api/extras/custom-fields/", "custom_fields", "custom field", "extras.customfield") },
            TenantGroups => const { &spec("/api/tenancy/tenant-groups/", "tenant_groups", "tenant group", "tenancy.tenantgroup") },
            Tenants => const { &spec("/api/tenancy/tenants/", "tenants", "tenant", "tenancy.tenant") },
            Regions => const { &spec("/api/dcim/regions/", "regions", "region", "dcim.region") },
            SiteGroups => const { &spec("/api/dcim/site-groups/", "site_groups", "site group", "dcim.sitegroup") },
            Sites => const { &spec("/api/dcim/sites/", "sites", "site", "dcim.site") },
            Locations => const { &spec("/api/dcim/locations/", "locations", "location", "dcim.location") },
            ContactGroups => const { &spec("/api/tenancy/contact-groups/", "contact_groups", "contact group", "tenancy.contactgroup") },
            ContactRoles => const { &spec("/api/tenancy/contact-roles/", "contact_roles", "contact role", "tenancy.contactrole") },
            Contacts => const { &spec("/api/tenancy/contacts/", "contacts", "contact", "tenancy.contact") },
            RouteTargets => const { &spec("/api/ipam/route-targets/", "route_targets", "route target", "ipam.routetarget") },
            Vrfs => const { &spec("/api/ipam/vrfs/", "vrfs", "VRF", "ipam.vrf") },
            Rirs => const { &spec("/api/ipam/rirs/", "rirs", "RIR", "ipam.rir") },
            Asns => const { &spec("/api/ipam/asns/", "asns", "ASN", "ipam.asn") },
            AsnRanges => const { &spec("/api/ipam/asn-ranges/", "asn_ranges", "ASN range", "ipam.asnrange") },
            IpamRoles => const { &spec("/api/ipam/roles/", "roles", "IPAM role", "ipam.role") },
            Aggregates => const { &spec("/api/ipam/aggregates/", "aggregates", "aggregate", "ipam.aggregate") },
            FhrpGroups => const { &spec("/api/ipam/fhrp-groups/", "fhrp_groups", "FHRP group", "ipam.fhrpgroup") },
            Manufacturers => const { &spec("/api/dcim/manufacturers/", "manufacturers", "manufacturer", "dcim.manufacturer") },
            DeviceRoles => const { &spec("/api/dcim/device-roles/", "device_roles", "device role", "dcim.devicerole") },
            Platforms => const { &spec("/api/dcim/platforms/", "platforms", "platform", "dcim.platform") },
            DeviceTypes => const { &spec("/api/dcim/device-types/", "device_types", "device type", "dcim.devicetype") },
            ModuleTypeProfiles => const { &spec("/api/dcim/module-type-profiles/", "module_type_profiles", "module type profile", "dcim.moduletypeprofile") },
            ModuleTypes => const { &spec("/api/dcim/module-types/", "module_types", "module type", "dcim.moduletype") },
            ModuleBayTemplates => const { &spec("/api/dcim/module-bay-templates/", "module_bay_templates", "module bay template", "dcim.modulebaytemplate") },
            DeviceBayTemplates => const { &spec("/api/dcim/device-bay-templates/", "device_bay_templates", "device bay template", "dcim.devicebaytemplate") },
            DeviceBays => const { &spec("/api/dcim/device-bays/", "device_bays", "device bay", "dcim.devicebay") },
            ModuleBays => const { &spec("/api/dcim/module-bays/", "module_bays", "module bay", "dcim.modulebay") },
            Modules => const { &spec("/api/dcim/modules/", "modules", "module", "dcim.module") },
            InterfaceTemplates => const { &spec("/api/dcim/interface-templates/", "interface_templates", "interface template", "dcim.interfacetemplate") },
            ConsolePortTemplates => const { &spec("/api/dcim/console-port-templates/", "console_port_templates", "console port template", "dcim.consoleporttemplate") },
            ConsoleServerPortTemplates => const { &spec("/api/dcim/console-server-port-templates/", "console_server_port_templates", "console server port template", "dcim.consoleserverporttemplate") },
            PowerPortTemplates => const { &spec("/api/dcim/power-port-templates/", "power_port_templates", "power port template", "dcim.powerporttemplate") },
            RearPortTemplates => const { &spec("/api/dcim/rear-port-templates/", "rear_port_templates", "rear port template", "dcim.rearporttemplate") },
            FrontPortTemplates => const { &spec("/api/dcim/front-port-templates/", "front_port_templates", "front port template", "dcim.frontporttemplate") },
            RackRoles => const { &spec("/api/dcim/rack-roles/", "rack_roles", "rack role", "dcim.rackrole") },
            RackTypes => const { &spec("/api/dcim/rack-types/", "rack_types", "rack type", "dcim.racktype") },
            Racks => const { &spec("/api/dcim/racks/", "racks", "rack", "dcim.rack") },
            RackReservations => const { &spec("/api/dcim/rack-reservations/", "rack_reservations", "rack reservation", "dcim.rackreservation") },
            ClusterTypes => const { &spec("/api/virtualization/cluster-types/", "cluster_types", "cluster type", "virtualization.clustertype") },
            ClusterGroups => const { &spec("/api/virtualization/cluster-groups/", "cluster_groups", "cluster group", "virtualization.clustergroup") },
            Clusters => const { &spec("/api/virtualization/clusters/", "clusters", "cluster", "virtualization.cluster") },
            VirtualChassis => const { &spec("/api/dcim/virtual-chassis/", "virtual_chassis", "virtual chassis", "dcim.virtualchassis") },
            VlanGroups => const { &spec("/api/ipam/vlan-groups/", "vlan_groups", "VLAN group", "ipam.vlangroup") },
            Vlans => const { &spec("/api/ipam/vlans/", "vlans", "VLAN", "ipam.vlan") },
            VlanTranslationPolicies => const { &spec("/api/ipam/vlan-translation-policies/", "vlan_translation_policies", "VLAN translation policy", "ipam.vlantranslationpolicy") },
            VlanTranslationRules => const { &spec("/api/ipam/vlan-translation-rules/", "vlan_translation_rules", "VLAN translation rule", "ipam.vlantranslationrule") },
            Prefixes => const { &spec("/api/ipam/prefixes/", "prefixes", "prefix", "ipam.prefix") },
            IpRanges => const { &spec("/api/ipam/ip-ranges/", "ip_ranges", "IP range", "ipam.iprange") },
            Devices => const { &spec("/api/dcim/devices/", "devices", "device", "dcim.device") },
            Interfaces => const { &spec("/api/dcim/interfaces/", "interfaces", "interface", "dcim.interface") },
            VirtualMachines => const { &spec("/api/virtualization/virtual-machines/", "virtual_machines", "virtual machine", "virtualization.virtualmachine") },
            VmInterfaces => const { &spec("/api/virtualization/interfaces/", "vm_interfaces", "VM interface", "virtualization.vminterface") },
            VirtualDisks => const { &spec("/api/virtualization/virtual-disks/", "virtual_disks", "virtual disk", "virtualization.virtualdisk") },
            MacAddresses => const { &spec("/api/dcim/mac-addresses/", "mac_addresses", "MAC address", "dcim.macaddress") },
            InterfacePrimaryMacs => const { &update_only(spec("/api/dcim/interfaces/", "interfaces", "interface", "dcim.interface")) },
            VmInterfacePrimaryMacs => const { &update_only(spec("/api/virtualization/interfaces/", "vm_interfaces", "VM interface", "virtualization.vminterface")) },
            IpAddresses => const { &spec("/api/ipam/ip-addresses/", "ip_addresses", "IP address", "ipam.ipaddress") },
            DevicePrimaryIps => const { &update_only(spec("/api/dcim/devices/", "devices", "device", "dcim.device")) },
            VirtualDeviceContexts => const { &spec("/api/dcim/virtual-device-contexts/", "virtual_device_contexts", "virtual device context", "dcim.virtualdevicecontext") },
            VdcPrimaryIps => const { &update_only(spec("/api/dcim/virtual-device-contexts/", "virtual_device_contexts", "virtual device context", "dcim.virtualdevicecontext")) },
            VmPrimaryIps => const { &update_only(spec("/api/virtualization/virtual-machines/", "virtual_machines", "virtual machine", "virtualization.virtualmachine")) },
            VcMasters => const { &update_only(spec("/api/dcim/virtual-chassis/", "virtual_chassis", "virtual chassis", "dcim.virtualchassis")) },
            FhrpGroupAssignments => const { &spec("/api/ipam/fhrp-group-assignments/", "fhrp_group_assignments", "FHRP group assignment", "ipam.fhrpgroupassignment") },
            SiteAsns => const { &update_only(spec("/api/dcim/sites/", "sites", "site", "dcim.site")) },
            Services => const { &spec("/api/ipam/services/", "services", "service", "ipam.service") },
            Cables => const { &spec("/api/dcim/cables/", "cables", "cable", "dcim.cable") },
            Providers => const { &spec("/api/circuits/providers/", "providers", "provider", "circuits.provider") },
            ProviderAccounts => const { &spec("/api/circuits/provider-accounts/", "provider_accounts", "provider account", "circuits.provideraccount") },
            ProviderNetworks => const { &spec("/api/circuits/provider-networks/", "provider_networks", "provider network", "circuits.providernetwork") },
            CircuitTypes => const { &spec("/api/circuits/circuit-types/", "circuit_types", "circuit type", "circuits.circuittype") },
            Circuits => const { &spec("/api/circuits/circuits/", "circuits", "circuit", "circuits.circuit") },
            CircuitTerminations => const { &spec("/api/circuits/circuit-terminations/", "circuit_terminations", "circuit termination", "circuits.circuittermination") },
            VirtualCircuitTypes => const { &spec("/api/circuits/virtual-circuit-types/", "virtual_circuit_types", "virtual circuit type", "circuits.virtualcircuittype") },
            VirtualCircuits => const { &spec("/api/circuits/virtual-circuits/", "virtual_circuits", "virtual circuit", "circuits.virtualcircuit") },
            VirtualCircuitTerminations => const { &spec("/api/circuits/virtual-circuit-terminations/", "virtual_circuit_terminations", "virtual circuit termination", "circuits.virtualcircuittermination") },
            CircuitGroups => const { &spec("/api/circuits/circuit-groups/", "circuit_groups", "circuit group", "circuits.circuitgroup") },
            CircuitGroupAssignments => const { &spec("/api/circuits/circuit-group-assignments/", "circuit_group_assignments", "circuit group assignment", "circuits.circuitgroupassignment") },
            ContactAssignments => const { &spec("/api/tenancy/contact-assignments/", "contact_assignments", "contact assignment", "tenancy.contactassignment") },
            PowerOutletTemplates => const { &spec("/api/dcim/power-outlet-templates/", "power_outlet_templates", "power outlet template", "dcim.poweroutlettemplate") },
            PowerPanels => const { &spec("/api/dcim/power-panels/", "power_panels", "power panel", "dcim.powerpanel") },
            PowerFeeds => const { &spec("/api/dcim/power-feeds/", "power_feeds", "power feed", "dcim.powerfeed") },
            ConsolePorts => const { &spec("/api/dcim/console-ports/", "console_ports", "console port", "dcim.consoleport") },
            ConsoleServerPorts => const { &spec("/api/dcim/console-server-ports/", "console_server_ports", "console server port", "dcim.consoleserverport") },
            PowerPorts => const { &spec("/api/dcim/power-ports/", "power_ports", "power port", "dcim.powerport") },
            PowerOutlets => const { &spec("/api/dcim/power-outlets/", "power_outlets", "power outlet", "dcim.poweroutlet") },
            RearPorts => const { &spec("/api/dcim/rear-ports/", "rear_ports", "rear port", "dcim.rearport") },
            FrontPorts => const { &spec("/api/dcim/front-ports/", "front_ports", "front port", "dcim.frontport") },
            InventoryItemRoles => const { &spec("/api/dcim/inventory-item-roles/", "inventory_item_roles", "inventory item role", "dcim.inventoryitemrole") },
            InventoryItemTemplates => const { &spec("/api/dcim/inventory-item-templates/", "inventory_item_templates", "inventory item template", "dcim.inventoryitemtemplate") },
            InventoryItems => const { &spec("/api/dcim/inventory-items/", "inventory_items", "inventory item", "dcim.inventoryitem") },
            WirelessLanGroups => const { &spec("/api/wireless/wireless-lan-groups/", "wireless_lan_groups", "wireless LAN group", "wireless.wirelesslangroup") },
            WirelessLans => const { &spec("/api/wireless/wireless-lans/", "wireless_lans", "wireless LAN", "wireless.wirelesslan") },
            WirelessLinks => const { &spec("/api/wireless/wireless-links/", "wireless_links", "wireless link", "wireless.wirelesslink") },
            ConfigContextProfiles => const { &spec("/api/extras/config-context-profiles/", "config_context_profiles", "config context profile", "extras.configcontextprofile") },
            ConfigContexts => const { &spec("/api/extras/config-contexts/", "config_contexts", "config context", "extras.configcontext") },
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
