//! Where each imported object goes, and the bytes of each file.
//!
//! A person keeps shared definitions in a few files and each site in its own: the
//! organisation, DCIM definitions, IPAM, virtualization, circuits, services and extras in
//! `data/<area>.yaml`; a site with its locations, racks, devices (interfaces and addresses
//! nested), cables, and the prefixes, VLAN groups and VLANs scoped to it in
//! `data/sites/<slug>.yaml`; device and module types in the device-type library's layout
//! under `device-types/`. Objects are sorted by natural key within their collection, and
//! collections follow the model's order, so the bytes depend on NetBox's content only.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use crate::model::COLLECTIONS;

/// The data files the import writes and owns (rewritten, or removed when NetBox has nothing
/// for them, on a complete import).
pub const OWNED_FILES: &[&str] = &[
    "data/organisation.yaml",
    "data/dcim.yaml",
    "data/ipam.yaml",
    "data/virtualization.yaml",
    "data/circuits.yaml",
    "data/services.yaml",
    "data/extras.yaml",
    "data/cables.yaml",
];

/// The folders whose `.yaml` files the import owns.
pub const OWNED_FOLDERS: &[&str] = &["data/sites", "device-types"];

/// The file header, saying where the file comes from.
const HEADER: &str = "Imported from NetBox by `netsot import netbox`.";

/// The `netsot.yaml` of a new repository.
pub const CONFIG: &str = "# A repository imported from NetBox by `netsot import netbox`.\n\
version: 1\n\
data: [data/]\n\
device_types: [device-types/]\n";

/// A data file's collections: name → (sort key, object).
type Collections = BTreeMap<&'static str, Vec<(String, Value)>>;

/// The objects of every file, before they are written.
#[derive(Default)]
pub struct Repo {
    /// Data file → collection → (sort key, object).
    data: BTreeMap<String, Collections>,
    /// Device- and module-type files, one object each.
    documents: BTreeMap<String, serde_json::Map<String, Value>>,
}

impl Repo {
    /// Adds an object of `collection` to `file`, sorted by `key`.
    pub fn add(&mut self, file: &str, collection: &'static str, key: String, object: Value) {
        self.data
            .entry(file.to_string())
            .or_default()
            .entry(collection)
            .or_default()
            .push((key, object));
    }

    /// Leaves out of every object's `custom_fields` the values equal to their field's
    /// default: NetBox stores the default on an object created without a value, and a
    /// person writes only what differs from it.
    pub fn leave_out_defaults(&mut self, defaults: &HashMap<String, Value>) {
        fn walk(value: &mut Value, defaults: &HashMap<String, Value>) {
            match value {
                Value::Object(map) => {
                    for (key, inner) in map.iter_mut() {
                        match key.as_str() {
                            "custom_fields" => {
                                if let Value::Object(values) = inner {
                                    values.retain(|name, v| defaults.get(name) != Some(v));
                                }
                            }
                            // Free-form values: not the format's objects.
                            "data" | "config_context" | "schema" | "default" => {}
                            _ => walk(inner, defaults),
                        }
                    }
                    if map
                        .get("custom_fields")
                        .is_some_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
                    {
                        map.remove("custom_fields");
                    }
                }
                Value::Array(items) => items.iter_mut().for_each(|i| walk(i, defaults)),
                _ => {}
            }
        }
        if defaults.is_empty() {
            return;
        }
        for collections in self.data.values_mut() {
            for objects in collections.values_mut() {
                for (_, object) in objects.iter_mut() {
                    walk(object, defaults);
                }
            }
        }
    }

    /// Adds a whole-document file (a device type).
    pub fn document(&mut self, path: String, object: serde_json::Map<String, Value>) {
        self.documents.insert(path, object);
    }

    /// Every file's bytes, sorted by path; `netsot.yaml` is the CLI's to write.
    ///
    /// NetBox scopes some names (a cluster's to its group and site, a VLAN group's to its
    /// scope, a virtual machine's to its cluster, a device's to its site and tenant) more
    /// narrowly than netsot's format does; of
    /// objects sharing such a name only the first (by file, then natural key and id) is
    /// written, the others are reported.
    pub fn files(self, report: &mut NotCarried) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut seen: HashSet<(&'static str, String)> = HashSet::new();
        for (path, collections) in self.data {
            let mut ordered: Vec<(&str, Vec<Value>)> = collections
                .into_iter()
                .map(|(name, mut items)| {
                    // Keys end with NetBox's id, so no two are equal and the order is total.
                    items.sort_by(|a, b| a.0.cmp(&b.0));
                    let kept = items
                        .into_iter()
                        .map(|(_, v)| v)
                        .filter(|object| {
                            let Some(fields) = unique_key(name) else {
                                return true;
                            };
                            // An unnamed device takes no name from another.
                            if name == "devices" && object.get("name").is_none() {
                                return true;
                            }
                            let key: Vec<&str> = fields
                                .iter()
                                .map(|f| object.get(*f).and_then(Value::as_str).unwrap_or_default())
                                .collect();
                            let first = seen.insert((name, key.join("\u{0}")));
                            if !first {
                                report.add(
                                    name,
                                    "object whose name another of its kind holds (netsot names it globally or within its site)",
                                );
                            }
                            first
                        })
                        .collect();
                    (name, kept)
                })
                .collect();
            ordered.sort_by_key(|(name, _)| COLLECTIONS.iter().position(|c| c == name));
            files.push((path, yaml::data_file(HEADER, &ordered).into_bytes()));
        }
        for (path, object) in self.documents {
            let mut text = format!("# {HEADER}\n");
            text.push_str(&yaml::document(&object));
            files.push((path, text.into_bytes()));
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

use super::yaml;
use super::NotCarried;

/// The fields naming an object of a collection uniquely in netsot: the name for collections
/// named globally (graph/resolve/names.rs), site and name for those named within a site.
fn unique_key(collection: &str) -> Option<&'static [&'static str]> {
    match collection {
        "tags"
        | "tenant_groups"
        | "tenants"
        | "regions"
        | "site_groups"
        | "sites"
        | "manufacturers"
        | "device_roles"
        | "rack_roles"
        | "platforms"
        | "virtual_chassis"
        | "vrfs"
        | "route_targets"
        | "vlan_translation_policies"
        | "rirs"
        | "roles"
        | "vlan_groups"
        | "cluster_types"
        | "cluster_groups"
        | "clusters"
        | "virtual_machines"
        | "providers"
        | "circuit_types"
        | "custom_fields"
        | "config_contexts"
        | "fhrp_groups"
        | "contact_groups"
        | "contact_roles"
        | "contacts"
        | "inventory_item_roles" => Some(&["name"]),
        "circuits" => Some(&["cid"]),
        "rack_types" => Some(&["slug"]),
        "provider_accounts" => Some(&["provider", "account"]),
        "provider_networks" => Some(&["provider", "name"]),
        "devices" | "racks" | "locations" => Some(&["site", "name"]),
        _ => None,
    }
}

/// The file of a site's objects.
pub fn site_file(slug: &str) -> String {
    format!("data/sites/{}.yaml", file_part(slug))
}

/// A name made safe as one part of a path: no `/`, no leading dot, no control characters.
pub fn file_part(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() || c == ':' {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').trim().to_string();
    if cleaned.is_empty() {
        "unnamed".to_string()
    } else {
        cleaned
    }
}

/// A key that sorts IP prefixes and addresses numerically (`10.2.0.0/16` before
/// `10.10.0.0/16`), IPv4 first; text that is no prefix sorts after, as text.
pub fn ip_key(text: &str) -> String {
    let address = text.split('/').next().unwrap_or(text);
    let length: u8 = text
        .split_once('/')
        .and_then(|(_, l)| l.parse().ok())
        .unwrap_or(0);
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => format!("4{:08x}{length:03}", u32::from(v4)),
        Ok(std::net::IpAddr::V6(v6)) => format!("6{:032x}{length:03}", u128::from(v6)),
        Err(_) => format!("9{text}"),
    }
}
