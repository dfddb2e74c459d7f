//! Which NetBox objects an import carries: all of them, or, with `--site`, the objects of
//! those sites and everything they use.
//!
//! With sites, the seeds are the objects scoped to one of them (locations, racks, devices,
//! VLANs and VLAN groups, prefixes, clusters, virtual machines, circuit terminations, and
//! cables whose every end is on a device of those sites). Then, until nothing changes, an
//! object is kept when a kept object refers to it (any nested object's `url`, but not the
//! derived links to what is cabled on the far side), and a component, address, template or
//! termination is kept when its owner is. Cables are seeds only, so a cable never pulls in
//! the devices behind it.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::fetch::{Snapshot, ENDPOINTS};
use super::record::nested_id;

/// An object's identity: the index of its endpoint in [`ENDPOINTS`] and its id.
pub type Key = (usize, u64);

/// The snapshot's objects by endpoint and id, and the set the import carries.
pub struct Scope<'s> {
    pub snapshot: &'s Snapshot,
    by_id: Vec<HashMap<u64, &'s Value>>,
    /// `None` when every object is carried.
    kept: Option<HashSet<Key>>,
    /// The ids of the sites asked for, when filtered.
    pub seed_sites: Option<HashSet<u64>>,
}

/// The index of an endpoint; panics on a name not in [`ENDPOINTS`], so use literals only.
pub fn endpoint(name: &str) -> usize {
    match ENDPOINTS.iter().position(|e| *e == name) {
        Some(index) => index,
        None => panic!("`{name}` is not an endpoint the import reads"),
    }
}

/// Fields whose nested objects are derived from cabling or translation, not used by the
/// object: following them would pull in the far side of every cable.
const NOT_REFERENCES: &[&str] = &[
    "link_peers",
    "connected_endpoints",
    "cable",
    "wireless_link",
    "l2vpn_termination",
    "nat_outside",
    "nat_inside",
    "bridge_interfaces",
    "member_interfaces",
    "child_interfaces",
    "children",
    "assigned_object",
    "a_terminations",
    "b_terminations",
    "termination_a",
    "termination_z",
    "mac_addresses",
    "primary_mac_address",
];

impl<'s> Scope<'s> {
    /// Every object of the snapshot, or those of `sites` (slugs) and what they use; the
    /// slugs not found are returned as the error.
    pub fn new(snapshot: &'s Snapshot, sites: &[String]) -> Result<Scope<'s>, Vec<String>> {
        let by_id: Vec<HashMap<u64, &Value>> = ENDPOINTS
            .iter()
            .map(|e| {
                snapshot
                    .get(e)
                    .iter()
                    .filter_map(|o| Some((o.get("id")?.as_u64()?, o)))
                    .collect()
            })
            .collect();
        let mut scope = Scope {
            snapshot,
            by_id,
            kept: None,
            seed_sites: None,
        };
        if sites.is_empty() {
            return Ok(scope);
        }
        let mut seed_sites = HashSet::new();
        let mut missing = Vec::new();
        for slug in sites {
            match snapshot
                .get("dcim/sites")
                .iter()
                .find(|s| s.get("slug").and_then(Value::as_str) == Some(slug.as_str()))
                .and_then(|s| s.get("id").and_then(Value::as_u64))
            {
                Some(id) => {
                    seed_sites.insert(id);
                }
                None => missing.push(slug.clone()),
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        scope.kept = Some(scope.closure(&seed_sites));
        scope.seed_sites = Some(seed_sites);
        Ok(scope)
    }

    /// Whether the import carries this object.
    pub fn keeps(&self, endpoint_name: &str, object: &Value) -> bool {
        match &self.kept {
            None => true,
            Some(kept) => object
                .get("id")
                .and_then(Value::as_u64)
                .is_some_and(|id| kept.contains(&(endpoint(endpoint_name), id))),
        }
    }

    /// Whether the import carries the object `id` of an endpoint.
    pub fn keeps_id(&self, endpoint_name: &str, id: u64) -> bool {
        match &self.kept {
            None => self.by_id[endpoint(endpoint_name)].contains_key(&id),
            Some(kept) => kept.contains(&(endpoint(endpoint_name), id)),
        }
    }

    /// Whether the whole NetBox is carried (no filter).
    pub fn is_everything(&self) -> bool {
        self.kept.is_none()
    }

    /// The kept objects of an endpoint, in NetBox's order.
    pub fn objects(&self, endpoint_name: &'static str) -> impl Iterator<Item = &'s Value> + '_ {
        self.snapshot
            .get(endpoint_name)
            .iter()
            .filter(move |o| self.keeps(endpoint_name, o))
    }

    /// The object `id` of an endpoint, whether kept or not.
    pub fn find(&self, endpoint_name: &str, id: u64) -> Option<&'s Value> {
        self.by_id[endpoint(endpoint_name)].get(&id).copied()
    }

    fn closure(&self, sites: &HashSet<u64>) -> HashSet<Key> {
        let mut kept = HashSet::new();
        let in_sites = |o: &Value, field: &str| {
            o.get(field)
                .and_then(nested_id)
                .is_some_and(|id| sites.contains(&id))
        };
        // Scoped to one of the sites, or to a location or rack in one (NetBox 4.2 scopes).
        let scoped_to_sites = |o: &Value| {
            let id = o.get("scope_id").and_then(Value::as_u64);
            let site_of = |endpoint_name: &str| {
                id.and_then(|id| self.find(endpoint_name, id))
                    .is_some_and(|object| in_sites(object, "site"))
            };
            match o.get("scope_type").and_then(Value::as_str) {
                Some("dcim.site") => id.is_some_and(|id| sites.contains(&id)),
                Some("dcim.location") => site_of("dcim/locations"),
                Some("dcim.rack") => site_of("dcim/racks"),
                _ => false,
            }
        };
        for &site in sites {
            kept.insert((endpoint("dcim/sites"), site));
        }
        for name in [
            "dcim/locations",
            "dcim/racks",
            "dcim/devices",
            "ipam/vlans",
            "virtualization/virtual-machines",
            "dcim/power-panels",
        ] {
            for o in self.snapshot.get(name) {
                if in_sites(o, "site") {
                    kept.insert(key(name, o));
                }
            }
        }
        for name in [
            "ipam/prefixes",
            "ipam/vlan-groups",
            "virtualization/clusters",
            "wireless/wireless-lans",
        ] {
            for o in self.snapshot.get(name) {
                if scoped_to_sites(o) {
                    kept.insert(key(name, o));
                }
            }
        }
        // VLAN groups scoped to a region or site group the sites are in (or to one of its
        // ancestors): NetBox offers their VLANs to the sites' devices
        // (`VLANQuerySet.get_for_device`), so a site's import carries them.
        let ancestors = |endpoint_name: &str, field: &str| {
            let mut found: HashSet<u64> = HashSet::new();
            for &site in sites {
                let mut next = self
                    .find("dcim/sites", site)
                    .and_then(|s| s.get(field))
                    .and_then(nested_id);
                while let Some(id) = next {
                    if !found.insert(id) {
                        break;
                    }
                    next = self
                        .find(endpoint_name, id)
                        .and_then(|o| o.get("parent"))
                        .and_then(nested_id);
                }
            }
            found
        };
        let regions = ancestors("dcim/regions", "region");
        let site_groups = ancestors("dcim/site-groups", "group");
        for o in self.snapshot.get("ipam/vlan-groups") {
            let id = o.get("scope_id").and_then(Value::as_u64);
            let around = match o.get("scope_type").and_then(Value::as_str) {
                Some("dcim.region") => id.is_some_and(|id| regions.contains(&id)),
                Some("dcim.sitegroup") => id.is_some_and(|id| site_groups.contains(&id)),
                _ => false,
            };
            if around {
                kept.insert(key("ipam/vlan-groups", o));
            }
        }
        // Reservations name no site, only their rack (NetBox's brief rack has no site either).
        for o in self.snapshot.get("dcim/rack-reservations") {
            if o.get("rack")
                .and_then(nested_id)
                .is_some_and(|r| kept.contains(&(endpoint("dcim/racks"), r)))
            {
                kept.insert(key("dcim/rack-reservations", o));
            }
        }
        // VLANs of a group scoped to the sites, whether or not they name a site themselves.
        for o in self.snapshot.get("ipam/vlans") {
            if o.get("group")
                .and_then(nested_id)
                .is_some_and(|g| kept.contains(&(endpoint("ipam/vlan-groups"), g)))
            {
                kept.insert(key("ipam/vlans", o));
            }
        }
        for o in self.snapshot.get("circuits/circuit-terminations") {
            if o.get("termination_type").and_then(Value::as_str) == Some("dcim.site")
                && o.get("termination_id")
                    .and_then(Value::as_u64)
                    .is_some_and(|id| sites.contains(&id))
            {
                kept.insert(key("circuits/circuit-terminations", o));
            }
        }
        let device_in_sites = |id: u64| {
            self.find("dcim/devices", id)
                .is_some_and(|d| in_sites(d, "site"))
        };
        for cable in self.snapshot.get("dcim/cables") {
            let mut ends = ["a_terminations", "b_terminations"]
                .iter()
                .flat_map(|side| {
                    cable
                        .get(*side)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                })
                .peekable();
            let mut any = false;
            let all = ends.all(|end| {
                any = true;
                match end
                    .get("object")
                    .and_then(|o| o.get("device"))
                    .and_then(nested_id)
                {
                    Some(device) => device_in_sites(device),
                    None => {
                        let id = end
                            .get("object")
                            .and_then(|o| o.get("id"))
                            .and_then(Value::as_u64);
                        match end.get("object_type").and_then(Value::as_str) {
                            // A feed's nested form does not name its panel: the feed does.
                            Some("dcim.powerfeed") => id
                                .and_then(|id| self.find("dcim/power-feeds", id))
                                .and_then(|feed| feed.get("power_panel"))
                                .and_then(nested_id)
                                .and_then(|panel| self.find("dcim/power-panels", panel))
                                .is_some_and(|panel| in_sites(panel, "site")),
                            _ => id.is_some_and(|id| {
                                kept.contains(&(endpoint("circuits/circuit-terminations"), id))
                            }),
                        }
                    }
                }
            });
            if any && all {
                kept.insert(key("dcim/cables", cable));
            }
        }
        // References and owners, until nothing changes.
        loop {
            let before = kept.len();
            for (index, name) in ENDPOINTS.iter().enumerate() {
                for o in self.snapshot.get(name) {
                    let k = key_at(index, o);
                    if kept.contains(&k) {
                        collect_references(o, &mut kept, 0);
                    } else if let Some(owner) = owner(name, o) {
                        if kept.contains(&owner) {
                            kept.insert(k);
                            collect_references(o, &mut kept, 0);
                        }
                    }
                }
            }
            if kept.len() == before {
                return kept;
            }
        }
    }
}

fn key(name: &str, object: &Value) -> Key {
    key_at(endpoint(name), object)
}

fn key_at(index: usize, object: &Value) -> Key {
    (index, object.get("id").and_then(Value::as_u64).unwrap_or(0))
}

/// The object that owns a component, address, template or termination, if any.
fn owner(name: &str, object: &Value) -> Option<Key> {
    let nested = |field: &str, owner: &str| {
        object
            .get(field)
            .and_then(nested_id)
            .map(|id| (endpoint(owner), id))
    };
    match name {
        "dcim/interfaces"
        | "dcim/console-ports"
        | "dcim/console-server-ports"
        | "dcim/power-ports"
        | "dcim/power-outlets"
        | "dcim/front-ports"
        | "dcim/rear-ports"
        | "dcim/device-bays"
        | "dcim/virtual-device-contexts"
        | "dcim/module-bays"
        | "dcim/modules"
        | "dcim/inventory-items" => nested("device", "dcim/devices"),
        // A wireless link goes with its first interface, as a cable does not: a link has
        // one interface at each end and no path beyond them.
        "wireless/wireless-links" => nested("interface_a", "dcim/interfaces"),
        "ipam/vlan-translation-rules" => nested("policy", "ipam/vlan-translation-policies"),
        "virtualization/interfaces" | "virtualization/virtual-disks" => {
            nested("virtual_machine", "virtualization/virtual-machines")
        }
        "ipam/services" => match object.get("parent_object_type").and_then(Value::as_str)? {
            "dcim.device" => object
                .get("parent_object_id")
                .and_then(Value::as_u64)
                .map(|id| (endpoint("dcim/devices"), id)),
            "virtualization.virtualmachine" => object
                .get("parent_object_id")
                .and_then(Value::as_u64)
                .map(|id| (endpoint("virtualization/virtual-machines"), id)),
            _ => None,
        },
        "ipam/ip-addresses" | "dcim/mac-addresses" => {
            let id = object.get("assigned_object_id").and_then(Value::as_u64)?;
            match object.get("assigned_object_type").and_then(Value::as_str)? {
                "dcim.interface" => Some((endpoint("dcim/interfaces"), id)),
                "virtualization.vminterface" => Some((endpoint("virtualization/interfaces"), id)),
                "ipam.fhrpgroup" => Some((endpoint("ipam/fhrp-groups"), id)),
                _ => None,
            }
        }
        // A contact's assignment comes with the object it is assigned to (and brings the
        // contact and role along as references).
        "tenancy/contact-assignments" => {
            let id = object.get("object_id").and_then(Value::as_u64)?;
            let holder = match object.get("object_type").and_then(Value::as_str)? {
                "dcim.site" => "dcim/sites",
                "tenancy.tenant" => "tenancy/tenants",
                "dcim.rack" => "dcim/racks",
                "dcim.device" => "dcim/devices",
                "circuits.circuit" => "circuits/circuits",
                _ => return None,
            };
            Some((endpoint(holder), id))
        }
        // An interface's membership of an FHRP group comes with the interface (and brings
        // the group along as a reference).
        "ipam/fhrp-group-assignments" => {
            let id = object.get("interface_id").and_then(Value::as_u64)?;
            match object.get("interface_type").and_then(Value::as_str)? {
                "dcim.interface" => Some((endpoint("dcim/interfaces"), id)),
                "virtualization.vminterface" => Some((endpoint("virtualization/interfaces"), id)),
                _ => None,
            }
        }
        // A circuit's membership of a group comes with the circuit (and brings the group).
        "circuits/circuit-group-assignments" => {
            let id = object.get("member_id").and_then(Value::as_u64)?;
            let member = match object.get("member_type").and_then(Value::as_str)? {
                "circuits.circuit" => "circuits/circuits",
                "circuits.virtualcircuit" => "circuits/virtual-circuits",
                _ => return None,
            };
            Some((endpoint(member), id))
        }
        "circuits/circuit-terminations" => nested("circuit", "circuits/circuits"),
        "circuits/virtual-circuit-terminations" => nested("interface", "dcim/interfaces"),
        "dcim/power-feeds" => nested("power_panel", "dcim/power-panels"),
        _ if name.ends_with("-templates") => nested("device_type", "dcim/device-types")
            .or_else(|| nested("module_type", "dcim/module-types")),
        _ => None,
    }
}

/// Adds the key of every nested object `value` refers to (by its `url`).
fn collect_references(value: &Value, kept: &mut HashSet<Key>, depth: usize) {
    match value {
        Value::Object(object) => {
            if depth > 0 {
                if let Some(k) = object.get("url").and_then(Value::as_str).and_then(url_key) {
                    kept.insert(k);
                }
            }
            for (field, inner) in object {
                if !NOT_REFERENCES.contains(&field.as_str()) {
                    collect_references(inner, kept, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_references(item, kept, depth + 1);
            }
        }
        _ => {}
    }
}

/// `http://host/api/dcim/sites/3/` → the key of site 3.
fn url_key(url: &str) -> Option<Key> {
    let rest = &url[url.find("/api/")? + 5..];
    let rest = rest.trim_end_matches('/');
    let (name, id) = rest.rsplit_once('/')?;
    let index = ENDPOINTS.iter().position(|e| *e == name)?;
    Some((index, id.parse().ok()?))
}
