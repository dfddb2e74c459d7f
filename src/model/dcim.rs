//! DCIM: manufacturers, roles, platforms, racks, devices with their components, cables and
//! virtual chassis.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

use super::choices::{ConsolePortType, InterfaceType, PortType, PowerPortType};
use super::organisation::{keyed, CustomFieldValues, SiteStatus};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of a device or virtual machine.
    pub DeviceStatus = ["offline", "active", "planned", "staged", "failed", "inventory", "decommissioning"];
}

string_enum! {
    /// The status of a rack.
    pub RackStatus = ["reserved", "available", "planned", "active", "deprecated"];
}

string_enum! {
    /// The face of a rack a device is mounted on.
    pub Face = ["front", "rear"];
}

string_enum! {
    /// An interface's 802.1Q mode.
    pub InterfaceMode = ["access", "tagged", "tagged-all", "q-in-q"];
}

string_enum! {
    /// The status of a cable.
    pub CableStatus = ["connected", "planned", "decommissioning"];
}

string_enum! {
    /// The type of a cable.
    pub CableType = [
        "cat3", "cat5", "cat5e", "cat6", "cat6a", "cat7", "cat7a", "cat8", "cat8.1", "cat8.2",
        "dac-active", "dac-passive", "mrj21-trunk", "coaxial", "rg-6", "rg-8", "rg-11", "rg-59",
        "rg-62", "rg-213", "lmr-100", "lmr-200", "lmr-400", "mmf", "mmf-om1", "mmf-om2", "mmf-om3",
        "mmf-om4", "mmf-om5", "smf", "smf-os1", "smf-os2", "aoc", "power", "usb",
    ];
}

string_enum! {
    /// The unit of a cable's length.
    pub LengthUnit = ["km", "m", "cm", "mi", "ft", "in"];
}

string_enum! {
    /// The kind of object a cable end attaches to.
    pub TerminationType = ["interface", "console_port", "console_server_port", "power_port", "power_outlet", "front_port", "rear_port", "circuit_termination", "power_feed"];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Manufacturer {
    pub name: Text,
    pub slug: Option<Text>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeviceRole {
    pub name: Text,
    pub slug: Option<Text>,
    /// The role this one refines (NetBox 4.3+); config contexts for a role apply to the
    /// devices of its descendants too.
    pub parent: Option<Text>,
    pub color: Option<Text>,
    #[serde(default = "default_true")]
    pub vm_role: bool,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Platform {
    pub name: Text,
    pub slug: Option<Text>,
    pub manufacturer: Option<Text>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rack {
    pub name: Text,
    pub site: Text,
    pub location: Option<Text>,
    pub tenant: Option<Text>,
    pub status: Option<Spanned<RackStatus>>,
    /// A rack role, by name or slug.
    pub role: Option<Text>,
    /// A rack type, by slug: the rack takes its physical values from the type, as NetBox
    /// does, and a different value written here is reported (NS0630).
    pub rack_type: Option<Text>,
    pub form_factor: Option<Spanned<super::racks::RackFormFactor>>,
    /// Height in rack units; 42 when not given.
    pub u_height: Option<Spanned<u16>>,
    /// The number of the lowest unit; 1 when not given.
    pub starting_unit: Option<Spanned<u16>>,
    /// Whether units are numbered from the top; a `rack_type` gives it, or else false.
    pub desc_units: Option<Spanned<bool>>,
    pub width: Option<Spanned<u16>>,
    pub outer_width: Option<Spanned<u16>>,
    pub outer_height: Option<Spanned<u16>>,
    pub outer_depth: Option<Spanned<u16>>,
    pub outer_unit: Option<Spanned<super::racks::RackDimensionUnit>>,
    pub mounting_depth: Option<Spanned<u16>>,
    pub weight: Option<Spanned<f64>>,
    pub max_weight: Option<Spanned<u32>>,
    pub weight_unit: Option<Spanned<super::choices::WeightUnit>>,
    /// The data centre's identifier of the rack, unique within its location.
    pub facility_id: Option<Text>,
    pub serial: Option<String>,
    pub asset_tag: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
    /// The object's contacts, each in a role.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::contacts::ContactAssignment>>")]
    pub contacts: super::contacts::Contacts,
}

/// A device: an installed box, with the components its type gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Device {
    /// Optional, as in NetBox: an unnamed device cannot be referenced by name and is shown
    /// as `<unnamed device ...>` (`Graph::owner_name`).
    pub name: Option<Text>,
    /// `Manufacturer/Model`, or the device type's slug.
    pub device_type: Text,
    pub role: Text,
    pub site: Text,
    pub location: Option<Text>,
    pub rack: Option<Text>,
    /// The lowest unit the device occupies; half units (`40.5`) allowed.
    pub position: Option<Spanned<f64>>,
    pub face: Option<Spanned<Face>>,
    pub status: Option<Spanned<DeviceStatus>>,
    pub platform: Option<Text>,
    pub tenant: Option<Text>,
    pub serial: Option<String>,
    pub asset_tag: Option<Text>,
    pub airflow: Option<Spanned<super::choices::Airflow>>,
    /// GPS coordinates in decimal degrees, for a device outside a building (a street
    /// cabinet, a mast); at most six decimal places.
    pub latitude: Option<Spanned<f64>>,
    pub longitude: Option<Spanned<f64>>,
    pub primary_ip4: Option<Text>,
    pub primary_ip6: Option<Text>,
    pub oob_ip: Option<Text>,
    pub cluster: Option<Text>,
    pub virtual_chassis: Option<Text>,
    /// The member's position in its virtual chassis; required for members, unique per chassis.
    pub vc_position: Option<Spanned<u16>>,
    pub vc_priority: Option<Spanned<u16>>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
    /// Local config context data, merged last over the matching config contexts.
    pub config_context: Option<Spanned<serde_json::Value>>,
    #[serde(default)]
    pub interfaces: Vec<Spanned<Interface>>,
    #[serde(default)]
    pub console_ports: Vec<Spanned<ConsolePort>>,
    #[serde(default)]
    pub console_server_ports: Vec<Spanned<ConsolePort>>,
    #[serde(default)]
    pub power_ports: Vec<Spanned<PowerPort>>,
    #[serde(default)]
    pub power_outlets: Vec<Spanned<super::power::PowerOutlet>>,
    #[serde(default)]
    pub front_ports: Vec<Spanned<FrontPort>>,
    #[serde(default)]
    pub rear_ports: Vec<Spanned<RearPort>>,
    /// Module bays beyond the type's `module-bays`.
    #[serde(default)]
    pub module_bays: Vec<Spanned<super::modules::ModuleBay>>,
    /// Modules installed in the module bays.
    #[serde(default)]
    pub modules: Vec<Spanned<super::modules::Module>>,
    /// The device bay this device is installed in, for a child device.
    pub parent_device: Option<Spanned<super::modules::ParentBay>>,
    /// The hardware inside the device (power supplies, fans, transceivers); a thin vector,
    /// as devices are many and most list none.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::inventory::InventoryItem>>")]
    pub inventory_items: ThinVec<Spanned<super::inventory::InventoryItem>>,
    /// The object's contacts, each in a role.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::contacts::ContactAssignment>>")]
    pub contacts: super::contacts::Contacts,
    /// The device's virtual device contexts; a thin vector, as most devices have none.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::vdc::VirtualDeviceContext>>")]
    pub virtual_device_contexts: ThinVec<Spanned<super::vdc::VirtualDeviceContext>>,
}

impl Device {
    /// The device's name, or `<unnamed device>` (NetBox's name is optional) for messages
    /// that have no graph at hand; with one, `Graph::device_name` labels it better.
    pub fn label(&self) -> &str {
        self.name
            .as_ref()
            .map_or("<unnamed device>", |name| name.value.as_str())
    }
}

/// An interface entry of a device or virtual machine. An entry whose name matches an
/// interface of the device type refines it; others add interfaces.
// Large networks hold millions of entries, so the fields most entries leave out are boxed
// (8 bytes when absent instead of 24 or 32) and lists are thin vectors (one word).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Interface {
    pub name: Text,
    /// The name of the interface, given by the type or a module, that this entry renames
    /// to `name`.
    pub rename_from: Option<Box<Text>>,
    /// Whether the interface named `name`, given by the type or a module, is left out.
    #[serde(default)]
    pub remove: bool,
    pub label: Option<Box<String>>,
    /// Required for interfaces the device type does not define.
    #[serde(rename = "type")]
    pub kind: Option<Spanned<InterfaceType>>,
    pub enabled: Option<bool>,
    pub mgmt_only: Option<bool>,
    /// The parent interface (for sub-interfaces), on the same device.
    pub parent: Option<Box<Text>>,
    /// The bridge interface, on the same device.
    pub bridge: Option<Box<Text>>,
    /// The LAG this interface is a member of, on the same device.
    pub lag: Option<Text>,
    pub mtu: Option<Spanned<u32>>,
    /// The primary MAC address (NetBox's `primary_mac_address`), assigned to this
    /// interface; what Kea reservations and templates use.
    pub mac_address: Option<Box<Text>>,
    /// Further MAC addresses assigned to the interface (NetBox 4.2's `dcim.MACAddress`
    /// objects). An entry equal to `mac_address` describes the primary one.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<MacAddress>>")]
    pub mac_addresses: ThinVec<Spanned<MacAddress>>,
    pub speed: Option<u64>,
    pub duplex: Option<Box<Text>>,
    pub mode: Option<Spanned<InterfaceMode>>,
    pub untagged_vlan: Option<Text>,
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub tagged_vlans: ThinVec<Text>,
    /// The service VLAN of a Q-in-Q interface (`mode: q-in-q`).
    pub qinq_svlan: Option<Box<Text>>,
    /// The VLAN translation policy applied to the interface, by name.
    pub vlan_translation_policy: Option<Box<Text>>,
    /// Device interfaces only: the device's virtual device contexts the interface belongs
    /// to, by name.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub vdcs: ThinVec<Text>,
    pub vrf: Option<Text>,
    #[serde(default)]
    pub mark_connected: bool,
    pub description: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub tags: ThinVec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
    /// The addresses assigned to this interface.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::ipam::IpAddress>>")]
    pub ip_addresses: ThinVec<Spanned<super::ipam::IpAddress>>,
    /// The FHRP groups the interface takes part in, each with its priority.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::fhrp::FhrpGroupAssignment>>")]
    pub fhrp_groups: ThinVec<Spanned<super::fhrp::FhrpGroupAssignment>>,
    /// Wireless interfaces only: whether it is an access point or a station.
    pub rf_role: Option<Box<Spanned<super::wireless::WirelessRole>>>,
    /// Wireless interfaces only: one of NetBox's channels, which sets the frequency and
    /// width.
    pub rf_channel: Option<Box<Spanned<super::wireless::WirelessChannel>>>,
    /// Wireless interfaces only: MHz; the channel's when a channel is given.
    pub rf_channel_frequency: Option<Box<Spanned<f64>>>,
    /// Wireless interfaces only: MHz; the channel's when a channel is given.
    pub rf_channel_width: Option<Box<Spanned<f64>>>,
    /// Transmit power in dBm, -40 to 127.
    pub tx_power: Option<Box<Spanned<i16>>>,
    /// Power over Ethernet, physical interfaces only: `pd` (draws power) or `pse`
    /// (supplies it).
    pub poe_mode: Option<Box<Spanned<super::choices::PoeMode>>>,
    /// The PoE standard (`type2-ieee802.3at`...); needs `poe_mode`.
    pub poe_type: Option<Box<Spanned<super::choices::PoeType>>>,
    /// The wireless LANs the interface serves or joins, by SSID (`GROUP/SSID` when the
    /// SSID is not unique).
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub wireless_lans: ThinVec<Text>,
}

/// A MAC address assigned to an interface (NetBox's `dcim.MACAddress`, whose
/// `assigned_object` is the interface it is written under).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MacAddress {
    pub mac_address: Text,
    pub description: Option<String>,
}

/// Whether two MAC addresses written in any of the forms NetBox accepts are one address:
/// their hexadecimal digits compared without case, separators ignored.
pub fn same_mac(a: &str, b: &str) -> bool {
    let digits = |s: &str| {
        s.bytes()
            .filter(u8::is_ascii_hexdigit)
            .map(|b| b.to_ascii_lowercase())
            .collect::<Vec<u8>>()
    };
    digits(a) == digits(b)
}

impl Interface {
    /// Every MAC address assigned to the interface, the primary first: `(address, its
    /// description, whether it is the primary)`. A listed entry equal to the primary
    /// describes it rather than adding one.
    pub fn all_mac_addresses(&self) -> Vec<(&Text, Option<&str>, bool)> {
        let mut all = Vec::with_capacity(self.mac_addresses.len() + 1);
        let primary = self.mac_address.as_deref();
        if let Some(primary) = primary {
            let description = self
                .mac_addresses
                .iter()
                .find(|m| same_mac(&m.value.mac_address.value, &primary.value))
                .and_then(|m| m.value.description.as_deref());
            all.push((primary, description, true));
        }
        for m in &self.mac_addresses {
            if primary.is_some_and(|p| same_mac(&p.value, &m.value.mac_address.value)) {
                continue;
            }
            all.push((&m.value.mac_address, m.value.description.as_deref(), false));
        }
        all
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsolePort {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<ConsolePortType>>,
    pub label: Option<String>,
    /// Connected without a cable (NetBox's `mark_connected`): no cable may end here.
    #[serde(default)]
    pub mark_connected: bool,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PowerPort {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PowerPortType>>,
    pub label: Option<String>,
    /// Watts, at least 1.
    pub maximum_draw: Option<Spanned<u32>>,
    /// Watts, at least 1 and at most `maximum_draw`.
    pub allocated_draw: Option<Spanned<u32>>,
    #[serde(default)]
    pub mark_connected: bool,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FrontPort {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PortType>>,
    pub rear_port: Option<Text>,
    pub rear_port_position: Option<Spanned<u16>>,
    pub label: Option<String>,
    #[serde(default)]
    pub mark_connected: bool,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RearPort {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PortType>>,
    pub positions: Option<Spanned<u16>>,
    pub label: Option<String>,
    #[serde(default)]
    pub mark_connected: bool,
    pub description: Option<String>,
}

/// One end of a cable: `DEVICE:PORT` (split at the first `:`, `SITE/DEVICE:PORT` when the
/// device name is ambiguous) or a mapping. A `circuit_termination` end is `CID:A` or
/// `CID:Z` (split at the last `:`; as a mapping, the circuit ID as `device` and the side as
/// `port`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum EndpointRef {
    Text(String),
    Map {
        device: String,
        #[serde(alias = "port")]
        interface: String,
        site: Option<String>,
    },
}

impl EndpointRef {
    /// The device (possibly `SITE/DEVICE`) and the port name; `None` if the text has no `:`.
    pub fn parts(&self) -> Option<(String, &str)> {
        match self {
            EndpointRef::Text(text) => text
                .split_once(':')
                .map(|(device, port)| (device.to_string(), port)),
            EndpointRef::Map {
                device,
                interface,
                site,
            } => Some((
                match site {
                    Some(site) => format!("{site}/{device}"),
                    None => device.clone(),
                },
                interface.as_str(),
            )),
        }
    }
}

impl std::fmt::Display for EndpointRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.parts() {
            Some((device, port)) => write!(f, "{device}:{port}"),
            None => match self {
                EndpointRef::Text(text) => f.write_str(text),
                EndpointRef::Map { device, .. } => f.write_str(device),
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cable {
    pub a: Spanned<EndpointRef>,
    pub b: Spanned<EndpointRef>,
    /// What the A end attaches to; `interface` when not given.
    pub a_type: Option<Spanned<TerminationType>>,
    pub b_type: Option<Spanned<TerminationType>>,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<CableType>>,
    pub status: Option<Spanned<CableStatus>>,
    pub label: Option<String>,
    pub color: Option<Text>,
    /// Needs `length_unit`.
    pub length: Option<Spanned<f64>>,
    pub length_unit: Option<Spanned<LengthUnit>>,
    pub tenant: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VirtualChassis {
    pub name: Text,
    pub domain: Option<String>,
    pub master: Option<Text>,
    /// How members number the interfaces their type gives them; names stay as the type
    /// has them when not given (NetBox 4.4 does not renumber).
    pub interface_numbering: Option<Spanned<super::modules::InterfaceNumbering>>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

fn default_true() -> bool {
    true
}

/// Sites and locations share their statuses in NetBox.
pub type LocationStatus = SiteStatus;

keyed! {
    Manufacturer => Some("name"), DeviceRole => Some("name"), Platform => Some("name"),
    Rack => Some("name"), Device => Some("name"), Cable => None, VirtualChassis => Some("name"),
}
