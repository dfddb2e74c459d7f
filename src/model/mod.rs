//! The typed objects of a network repository.
//!
//! This module knows nothing about YAML, files or git: it defines what the intent *is*.
//! Values whose position matters to a diagnostic are wrapped in [`Spanned`]; objects in a
//! collection are wrapped in [`Obj`], which records where they were defined. Field names
//! follow NetBox's, so a NetBox user recognises them.

pub mod choices;
pub mod circuits;
pub mod config;
pub mod contacts;
pub mod custom_fields;
pub mod dcim;
pub mod device_type;
pub mod extras;
pub mod fhrp;
pub mod inventory;
pub mod ipam;
pub mod modules;
pub mod organisation;
pub mod pick;
pub mod power;
pub mod racks;
pub mod scope;
pub mod spanned;
pub mod tags;
pub mod vdc;
pub mod virtualization;
pub mod wireless;

use std::collections::HashSet;

pub use spanned::Spanned;

use crate::diag::{FileId, Location, Span};

/// An object of a collection, with the place it was defined.
///
/// The data is boxed: objects are parsed file by file on all threads and then gathered
/// into one table per collection, and moving a 24-byte handle instead of an object of up
/// to a kilobyte keeps the gathering from touching the objects' memory a second time
/// (see BENCHMARKS.md: on this machine fresh memory is time).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Obj<T> {
    #[serde(skip)]
    pub file: FileId,
    #[serde(skip)]
    pub span: Span,
    #[serde(flatten)]
    pub data: Box<T>,
}

impl<T> Obj<T> {
    /// The whole object's location.
    pub fn location(&self) -> Location {
        Location::new(self.file, self.span)
    }

    /// The location of one of the object's values.
    pub fn at<V>(&self, value: &Spanned<V>) -> Location {
        Location::new(self.file, value.span)
    }
}

/// A name or other reference text, with its position.
pub type Text = Spanned<String>;

/// Whether two strings are equal, where `==` is not allowed (a `const fn`).
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Declares a closed list of string choices: a compact index type that deserializes from
/// one of the strings, reports the others as an unknown variant (so the loader lists the
/// allowed values), and publishes the list in the JSON Schema.
#[macro_export]
macro_rules! string_enum {
    ($(#[doc = $doc:literal])* pub $name:ident = [$($value:literal),* $(,)?];) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u16);

        impl $name {
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            pub fn as_str(self) -> &'static str {
                Self::VALUES[self.0 as usize]
            }

            pub fn parse(text: &str) -> Option<$name> {
                Self::VALUES.iter().position(|v| *v == text).map(|i| $name(i as u16))
            }

            /// The choice named `text`; panics on a name that is not in the list, so use it
            /// with literals only, best in a `const { }` block, where a wrong name fails
            /// the build and the lookup costs nothing at run time.
            pub const fn named(text: &str) -> $name {
                let mut i = 0;
                while i < Self::VALUES.len() {
                    if $crate::model::str_eq(Self::VALUES[i], text) {
                        return $name(i as u16);
                    }
                    i += 1;
                }
                panic!(concat!("not a choice of ", stringify!($name)))
            }

            pub fn is(self, text: &str) -> bool {
                self.as_str() == text
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("one of the choices")
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$name, E> {
                        $name::parse(text).ok_or_else(|| E::unknown_variant(text, $name::VALUES))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": $name::VALUES })
            }
        }
    };
}

/// Declares the collections of a data file: the [`Model`] that holds them, their names,
/// the schema type of a data file, and the dispatch the loader uses.
macro_rules! collections {
    ($( $(#[doc = $doc:literal])* $field:ident: $ty:ty, )*) => {
        /// Every object of a repository, collection by collection, in load order.
        #[derive(Debug, Default, serde::Serialize)]
        pub struct Model {
            $( $(#[doc = $doc])* pub $field: Vec<Obj<$ty>>, )*
            /// The natural keys of objects that failed to load, by collection, so references
            /// to them are not reported a second time as dangling.
            #[serde(skip)]
            pub failed: HashSet<(&'static str, String)>,
        }

        /// The names of the collections a data file may hold.
        pub const COLLECTIONS: &[&str] = &[$(stringify!($field)),*];

        /// The shape of one data file, for the JSON Schema.
        #[derive(schemars::JsonSchema)]
        #[schemars(deny_unknown_fields, title = "netsot data file")]
        #[allow(dead_code)]
        pub struct DataFile {
            $( $(#[doc = $doc])* pub $field: Option<Vec<$ty>>, )*
        }

        /// Something that turns the items of a collection node into objects.
        pub trait CollectionLoader {
            type Node;
            fn load<T: serde::de::DeserializeOwned + Keyed>(&mut self, collection: &'static str, items: &Self::Node, into: &mut Vec<Obj<T>>);
        }

        impl Model {
            /// Loads the items of `collection`; false if there is no such collection.
            pub fn load_collection<L: CollectionLoader>(&mut self, collection: &str, items: &L::Node, loader: &mut L) -> bool {
                match collection {
                    $( stringify!($field) => { loader.load(stringify!($field), items, &mut self.$field); true } )*
                    _ => false,
                }
            }

            /// One model of many, in order, each collection reserved once: growing tables of
            /// hundreds of thousands of objects by doubling cost more than the copies.
            pub fn concat(parts: Vec<Model>) -> Model {
                let mut model = Model::default();
                $( model.$field.reserve_exact(parts.iter().map(|p| p.$field.len()).sum()); )*
                for part in parts {
                    model.append(part);
                }
                model
            }

            /// Appends another model's objects after this one's.
            pub fn append(&mut self, other: Model) {
                $( self.$field.extend(other.$field); )*
                self.failed.extend(other.failed);
            }

            /// Serializes one collection as the `Model` serializes it as a field, so a caller
            /// can convert one collection without the others; `None` for an unknown one.
            pub fn serialize_collection<S: serde::Serializer>(&self, collection: &str, serializer: S) -> Option<Result<S::Ok, S::Error>> {
                match collection {
                    $( stringify!($field) => Some(serde::Serialize::serialize(&self.$field, serializer)), )*
                    _ => None,
                }
            }

            /// The number of top-level objects.
            pub fn object_count(&self) -> usize {
                0 $( + self.$field.len() )*
            }

            /// The named fields of the objects of `collection` as JSON objects, with their
            /// locations, for rules that look at fields by name; `None` for an unknown
            /// collection. Only the named fields are converted.
            pub fn collection_json(&self, collection: &str, fields: &[&str]) -> Option<Vec<(crate::diag::Location, serde_json::Value)>> {
                use rayon::prelude::*;
                match collection {
                    $( stringify!($field) => Some(
                        self.$field
                            .par_iter()
                            .map(|o| {
                                let value = pick::pick(&o.data, fields)
                                    .unwrap_or_else(|| serde_json::to_value(&o.data).unwrap_or_default());
                                (o.location(), value)
                            })
                            .collect(),
                    ), )*
                    _ => None,
                }
            }

            /// The field names of a collection's objects, from their JSON Schema.
            pub fn collection_fields(collection: &str) -> Option<Vec<String>> {
                match collection {
                    $( stringify!($field) => Some(schema_fields::<$ty>()), )*
                    _ => None,
                }
            }
        }
    };
}

/// The property names of a type's JSON Schema.
fn schema_fields<T: schemars::JsonSchema>() -> Vec<String> {
    let schema = schemars::schema_for!(T);
    schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// An object's natural key, read from its raw YAML before it is typed, so the key of an
/// object that fails to load can still be recorded.
pub trait Keyed {
    /// The field holding the key, if the collection is keyed by one field.
    const KEY_FIELD: Option<&'static str>;
}

use circuits::*;
use contacts::{Contact, ContactGroup, ContactRole};
use custom_fields::CustomFieldChoiceSet;
use dcim::*;
use extras::*;
use fhrp::FhrpGroup;
use inventory::InventoryItemRole;
use ipam::*;
use organisation::*;
use power::*;
use racks::{RackReservation, RackRole, RackType};
use tags::Tag;
use virtualization::*;
use wireless::{WirelessLan, WirelessLanGroup, WirelessLink};

collections! {
    /// Tags, applied to objects by name.
    tags: Tag,
    tenant_groups: TenantGroup,
    tenants: Tenant,
    /// Contacts, their groups (nested by `parent`) and roles; objects list theirs in
    /// `contacts: [{contact, role, priority}]`.
    contact_groups: ContactGroup,
    contact_roles: ContactRole,
    contacts: Contact,
    /// Regions, nested by `parent`.
    regions: Region,
    site_groups: SiteGroup,
    sites: Site,
    /// Locations within a site, nested by `parent`.
    locations: LocationObj,
    manufacturers: Manufacturer,
    /// Device types written inline, in the device-type library's format.
    device_types: device_type::DeviceType,
    module_types: device_type::ModuleType,
    /// Module type profiles (NetBox 4.3): the schema of their module types' `attribute_data`.
    module_type_profiles: device_type::ModuleTypeProfile,
    device_roles: DeviceRole,
    platforms: Platform,
    /// Functional roles of racks.
    rack_roles: RackRole,
    /// Rack models; racks name theirs by slug in `rack_type`.
    rack_types: RackType,
    /// The functions of inventory items; devices list their items in `inventory_items`.
    inventory_item_roles: InventoryItemRole,
    racks: Rack,
    /// Units of a rack set aside (`site`, `rack`, `units`), drawn on the elevations.
    rack_reservations: RackReservation,
    devices: Device,
    cables: Cable,
    virtual_chassis: VirtualChassis,
    /// Power panels at a site.
    power_panels: PowerPanel,
    /// Power feeds from a panel, cabled to a power port as `PANEL:FEED`.
    power_feeds: PowerFeed,
    vrfs: Vrf,
    route_targets: RouteTarget,
    rirs: Rir,
    aggregates: Aggregate,
    /// Roles of prefixes, IP ranges and VLANs.
    roles: Role,
    prefixes: Prefix,
    ip_ranges: IpRange,
    /// Addresses not nested under an interface: VIPs, reservations, or assigned by `interface`.
    ip_addresses: IpAddress,
    /// FHRP groups (VRRP, HSRP, ...) with their virtual addresses; interfaces join them
    /// with `fhrp_groups`.
    fhrp_groups: FhrpGroup,
    vlan_groups: VlanGroup,
    vlans: Vlan,
    /// VLAN translation policies with their rules; interfaces apply one with
    /// `vlan_translation_policy`.
    vlan_translation_policies: VlanTranslationPolicy,
    /// Groups of wireless LANs, nested by `parent`.
    wireless_lan_groups: WirelessLanGroup,
    /// Wireless LANs (SSIDs); interfaces join them with `wireless_lans`.
    wireless_lans: WirelessLan,
    /// Point-to-point wireless links between two wireless interfaces.
    wireless_links: WirelessLink,
    asns: Asn,
    asn_ranges: AsnRange,
    services: Service,
    cluster_types: ClusterType,
    cluster_groups: ClusterGroup,
    clusters: Cluster,
    virtual_machines: VirtualMachine,
    providers: Provider,
    provider_accounts: ProviderAccount,
    /// Provider networks, where a circuit may end instead of at a site.
    provider_networks: ProviderNetwork,
    circuit_types: CircuitType,
    /// Groups of circuits and virtual circuits, which list theirs in `groups`.
    circuit_groups: CircuitGroup,
    circuits: Circuit,
    /// Types of virtual circuits (NetBox 4.2).
    virtual_circuit_types: VirtualCircuitType,
    /// Virtual circuits over a provider network, with their terminations on device
    /// interfaces.
    virtual_circuits: VirtualCircuit,
    /// JSON Schemas that config contexts naming them in `profile` must conform to.
    config_context_profiles: ConfigContextProfile,
    config_contexts: ConfigContext,
    custom_fields: CustomField,
    /// The choices of `select` and `multiselect` custom fields.
    custom_field_choice_sets: CustomFieldChoiceSet,
}
