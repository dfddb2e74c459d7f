//! Values NetBox requires unique that are not names: VRF route distinguishers, ASNs, the
//! asset tags of devices, modules, inventory items and racks, and rack facility IDs within a location. Each is
//! one hash map over its table; all are reported as NS0201 (duplicate-object), at the
//! second value with the first as a second label.
//!
//! An empty string is no value: NetBox's forms store a blank field as null, and nulls never
//! collide in its unique constraints.

use rustc_hash::FxHashMap as HashMap;

use crate::diag::{Diagnostic, Location};
use crate::graph::index::duplicate;
use crate::graph::{Graph, LocationId};
use crate::model::modules::Module;
use crate::model::{Spanned, Text};

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let m = &graph.model;
    let help = "NetBox requires it unique; give each object its own, or leave it out";
    let mut report = |kind: &str, key: &str, second: Location, first: Location| {
        out.push(duplicate(kind, key, second, first).with_help(help));
    };

    // `rd unique=True` (ipam/models/vrfs.py).
    let mut rds: HashMap<&str, Location> = HashMap::default();
    for o in &m.vrfs {
        if let Some(rd) = present(o.data.rd.as_ref()) {
            first_or(&mut rds, rd.value.as_str(), o.at(rd), |first| {
                report("VRF route distinguisher", &rd.value, o.at(rd), first)
            });
        }
    }

    // `asn unique=True` (ipam/models/asns.py `ASN`).
    let mut asns: HashMap<u32, Location> = HashMap::default();
    for o in &m.asns {
        let asn = &o.data.asn;
        first_or(&mut asns, asn.value, o.at(asn), |first| {
            report("ASN", &asn.value.to_string(), o.at(asn), first)
        });
    }

    // `asset_tag unique=True` of `Device` and of `Rack` (dcim/models/devices.py,
    // racks.py): one namespace per model.
    let mut device_tags: HashMap<&str, Location> = HashMap::default();
    for o in &m.devices {
        if let Some(tag) = present(o.data.asset_tag.as_ref()) {
            first_or(&mut device_tags, tag.value.as_str(), o.at(tag), |first| {
                report("device asset tag", &tag.value, o.at(tag), first)
            });
        }
    }
    // `asset_tag unique=True` of `Module` (dcim/models/modules.py): its own namespace,
    // over the modules of every device, nested ones included.
    let mut module_tags: HashMap<&str, Location> = HashMap::default();
    let mut pending: Vec<&Spanned<Module>> = Vec::new();
    for o in &m.devices {
        pending.extend(&o.data.modules);
        while let Some(module) = pending.pop() {
            if let Some(tag) = present(module.value.asset_tag.as_ref()) {
                first_or(&mut module_tags, tag.value.as_str(), o.at(tag), |first| {
                    report("module asset tag", &tag.value, o.at(tag), first)
                });
            }
            pending.extend(&module.value.modules);
        }
    }
    // `asset_tag unique=True` of `InventoryItem` (dcim/models/device_components.py): its
    // own namespace, over the items of every device.
    let mut item_tags: HashMap<&str, Location> = HashMap::default();
    for o in m
        .devices
        .iter()
        .filter(|o| !o.data.inventory_items.is_empty())
    {
        for item in &o.data.inventory_items {
            if let Some(tag) = present(item.value.asset_tag.as_ref()) {
                first_or(&mut item_tags, tag.value.as_str(), o.at(tag), |first| {
                    report("inventory item asset tag", &tag.value, o.at(tag), first)
                });
            }
        }
    }
    let mut rack_tags: HashMap<&str, Location> = HashMap::default();
    // `Meta.constraints: dcim_rack_unique_location_facility_id`: a rack without a location
    // has a null location, which collides with nothing.
    let mut facility_ids: HashMap<(LocationId, &str), Location> = HashMap::default();
    for (o, node) in m.racks.iter().zip(&graph.racks) {
        if let Some(tag) = present(o.data.asset_tag.as_ref()) {
            first_or(&mut rack_tags, tag.value.as_str(), o.at(tag), |first| {
                report("rack asset tag", &tag.value, o.at(tag), first)
            });
        }
        if let (Some(id), Some(location)) = (present(o.data.facility_id.as_ref()), node.location) {
            first_or(
                &mut facility_ids,
                (location, id.value.as_str()),
                o.at(id),
                |first| {
                    let location = &m.locations[location.index()].data.name.value;
                    let kind = format!("rack facility ID in location `{location}`:");
                    report(&kind, &id.value, o.at(id), first);
                },
            );
        }
    }
}

/// The value when it is given and not empty.
fn present(text: Option<&Text>) -> Option<&Text> {
    text.filter(|t| !t.value.is_empty())
}

/// Records `key` at `here`, or calls `duplicate` with where it was first.
fn first_or<K: Copy + Eq + std::hash::Hash>(
    seen: &mut HashMap<K, Location>,
    key: K,
    here: Location,
    duplicate: impl FnOnce(Location),
) {
    match seen.entry(key) {
        std::collections::hash_map::Entry::Occupied(first) => duplicate(*first.get()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(here);
        }
    }
}
