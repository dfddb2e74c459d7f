//! The NetBox bridge both ways (issue 16, part 3): `examples/` pushed into a real NetBox
//! 4.4 and imported back gives the same graph (`netsot export` of both equal, once what
//! the bridge does not carry is set aside), the imported repository checks clean, and
//! pushing it back plans nothing.
//!
//! NetBox is shared and keeps what earlier runs pushed: the push is idempotent (objects are
//! matched by natural keys), it prunes what NetBox holds in the examples' two sites and the
//! examples do not (the interfaces NetBox instantiates from device type templates that an
//! entry removes), and the import is limited to those sites (`--site`), so objects other
//! tests create elsewhere change nothing.

use std::path::Path;

use serde_json::{Map, Value};

use netsot::netbox::{self, Client, Options, Pushed};

use crate::support::{compile_path, netbox_env, netsot, render};

/// Collections of objects outside every site, which `import --site` does not carry unless
/// an imported object names them (the examples' RIRs, aggregates, IP ranges and ASN ranges
/// are named by none).
const OUTSIDE_SITES: &[&str] = &["rirs", "aggregates", "ip_ranges", "asn_ranges"];

/// Fields (by collection) the push does not carry: the device type images and
/// `is_powered` are library data NetBox receives only through its own device type import.
const FIELDS_NOT_PUSHED: &[(&str, &[&str])] =
    &[("device_types", &["front_image", "rear_image", "is_powered"])];

#[test]
fn the_example_pushed_into_netbox_imports_back_to_the_same_graph_and_pushes_back_as_nothing() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");

    let _example = crate::support::example_in_netbox();
    // What the push applied may be less than it planned: the components NetBox makes for
    // a new device or module are planned as creations and found made. Converged is what
    // counts: a second push plans nothing.
    push(&examples, &client, true);
    let after = push(&examples, &client, false);
    assert!(
        after.plan.is_empty(),
        "a push just applied plans again: {:#?}",
        after.plan.steps
    );

    let dir = tempfile::tempdir().expect("temporary folder");
    let imported = dir.path().join("imported");
    let stderr = import(&url, &token, &imported, &["ams1", "fra1"]);
    let compilation = compile_path(&imported);
    assert_eq!(
        render(&compilation),
        "",
        "the imported repository checks clean ({stderr})"
    );

    let original = comparable(export(&examples));
    let back = comparable(export(&imported));
    assert_same(&original, &back);

    // Pushed back, the import plans nothing: virtual chassis members keep their
    // numbered interfaces (the import finds the chassis' numbering back from their names)
    // and a type's interface deleted on a device is imported as an entry removing it.
    let again = push(&imported, &client, false);
    assert!(
        again.plan.is_empty(),
        "the imported repository pushed back plans: {:#?}",
        again.plan.steps
    );
    assert!(
        !stderr.contains("dcim.interface: component of the device type deleted"),
        "{stderr}"
    );
}

/// Pushes the repository, pruning what it does not hold when it applies.
fn push(path: &Path, client: &Client, apply: bool) -> Pushed {
    let options = Options {
        apply,
        prune: apply,
        allow_input_errors: false,
    };
    crate::netbox_support::push_with(path, client, options)
}

fn import(url: &str, token: &str, out: &Path, sites: &[&str]) -> String {
    let out_text = out.display().to_string();
    let mut args = vec![
        "import", "netbox", "--url", url, "--token", token, "--out", &out_text,
    ];
    for site in sites {
        args.extend(["--site", site]);
    }
    let output = netsot(&args, out.parent().expect("parent"));
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "import failed: {stderr}");
    stderr
}

fn export(path: &Path) -> Value {
    let compilation = compile_path(path);
    netsot::view::Views::new(&compilation.graph).export()
}

/// The export with what the round trip cannot keep set aside: the collections and fields
/// the push does not carry, objects outside the imported sites, the derived cable paths
/// (the cables themselves are compared), values NetBox stores only as its default
/// (an explicit `status: connected` on a cable, a slug made from the name,
/// the `virtual` type of VM interfaces, which NetBox does not have), and the order of
/// lists NetBox does not keep.
fn comparable(mut export: Value) -> Map<String, Value> {
    let object = export.as_object_mut().expect("an object");
    for name in OUTSIDE_SITES {
        object.remove(*name);
    }
    for (collection, fields) in FIELDS_NOT_PUSHED {
        for item in list(object, collection) {
            for field in *fields {
                item.as_object_mut().expect("an object").remove(*field);
            }
        }
    }
    if let Some(prefixes) = object.get_mut("prefixes").and_then(Value::as_array_mut) {
        prefixes.retain(|p| !p["site"].is_null());
    }
    if let Some(cables) = object.get_mut("cables").and_then(Value::as_array_mut) {
        for cable in cables.iter_mut() {
            if cable["status"] == "connected" {
                cable["status"] = Value::Null;
            }
        }
    }
    // The import writes the manufacturers that library device types name, which the
    // examples leave to the library: a bare manufacturer of a device type is no object.
    let of_types: Vec<Value> = list(object, "device_types")
        .map(|t| t["manufacturer"].clone())
        .collect();
    if let Some(list) = object
        .get_mut("manufacturers")
        .and_then(Value::as_array_mut)
    {
        list.retain(|m| !(of_types.contains(&m["name"]) && m["description"].is_null()));
    }
    for device_type in list(object, "device_types") {
        default_slug(device_type);
    }
    // A slug written as NetBox would make it from the name is no slug: the import leaves
    // it out.
    for items in object.values_mut().filter_map(Value::as_array_mut) {
        for item in items.iter_mut() {
            let (Some(name), Some(slug)) = (item["name"].as_str(), item["slug"].as_str()) else {
                continue;
            };
            if slug == netsot::model::device_type::slugify(name) {
                item["slug"] = Value::Null;
            }
        }
    }
    for device in list(object, "devices") {
        default_slug(&mut device["device_type"]);
        for interface in device["interfaces"].as_array_mut().into_iter().flatten() {
            let interface = interface.as_object_mut().expect("an object");
            for derived in [
                "connected_endpoints",
                "connected_endpoints_reachable",
                "connected_to",
            ] {
                interface.remove(derived);
            }
            upper_case_macs(interface);
        }
    }
    for machine in list(object, "virtual_machines") {
        for interface in machine["interfaces"].as_array_mut().into_iter().flatten() {
            let interface = interface.as_object_mut().expect("an object");
            interface.remove("type");
            upper_case_macs(interface);
        }
    }
    sort_lists(&mut export);
    export.as_object().cloned().expect("an object")
}

/// An interface's MAC addresses in upper case, as NetBox writes them (the repository may
/// write them in lower case).
fn upper_case_macs(interface: &mut serde_json::Map<String, Value>) {
    let upper = |mac: &mut Value| {
        if let Some(text) = mac.as_str() {
            *mac = Value::String(text.to_uppercase());
        }
    };
    if let Some(mac) = interface.get_mut("mac_address") {
        upper(mac);
    }
    for entry in interface
        .get_mut("mac_addresses")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(mac) = entry.get_mut("mac_address") {
            upper(mac);
        }
    }
}

/// The objects of a collection, to edit in place.
fn list<'a>(
    object: &'a mut Map<String, Value>,
    collection: &str,
) -> impl Iterator<Item = &'a mut Value> {
    object
        .get_mut(collection)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

/// A device type's slug equal to NetBox's default for it reads as no slug: the import
/// leaves defaults out.
fn default_slug(device_type: &mut Value) {
    let (Some(manufacturer), Some(model), Some(slug)) = (
        device_type["manufacturer"].as_str(),
        device_type["model"].as_str(),
        device_type["slug"].as_str(),
    ) else {
        return;
    };
    let made = netsot::model::device_type::slugify(&format!("{manufacturer} {model}"));
    if slug == made || slug == netsot::model::device_type::slugify(model) {
        device_type["slug"] = Value::Null;
    }
}

/// Sorts every list of objects by its JSON text: NetBox returns objects by its own order.
fn sort_lists(value: &mut Value) {
    match value {
        Value::Array(items) => {
            items.iter_mut().for_each(sort_lists);
            if items.iter().all(Value::is_object) {
                items.sort_by_cached_key(|item| item.to_string());
            }
        }
        Value::Object(map) => map.values_mut().for_each(sort_lists),
        _ => {}
    }
}

/// Equal collections, or a failure listing the first differences, path by path.
fn assert_same(original: &Map<String, Value>, back: &Map<String, Value>) {
    let mut differences = Vec::new();
    for (name, items) in original {
        let theirs = back.get(name).unwrap_or(&Value::Null);
        differ(name, items, theirs, &mut differences);
    }
    for name in back.keys().filter(|k| !original.contains_key(*k)) {
        differences.push(format!("{name}: only imported"));
    }
    let shown: Vec<&String> = differences.iter().take(30).collect();
    assert!(
        differences.is_empty(),
        "{} differences between the pushed and the imported graph:\n{shown:#?}",
        differences.len()
    );
}

/// The paths at which two values differ; objects in lists are matched by their name (or
/// their first field), so one changed field reads as one difference.
fn differ(path: &str, ours: &Value, theirs: &Value, out: &mut Vec<String>) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                let null = Value::Null;
                differ(
                    &format!("{path}.{key}"),
                    a.get(key).unwrap_or(&null),
                    b.get(key).unwrap_or(&null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(b).all(Value::is_object) && a != b => {
            let key = |item: &Value| -> String {
                let object = item.as_object().expect("an object");
                let first = ["name", "model", "prefix", "address", "a"]
                    .iter()
                    .find_map(|k| object.get(*k).filter(|v| !v.is_null()))
                    .or_else(|| object.values().next())
                    .map(Value::to_string)
                    .unwrap_or_default();
                // An address several interfaces share (anycast) is one item per holder.
                match (object.get("assigned_object"), object.get("interface")) {
                    (Some(owner), Some(interface)) if !owner.is_null() => {
                        format!("{first} on {owner}:{interface}")
                    }
                    _ => first,
                }
            };
            let before = out.len();
            let theirs: std::collections::BTreeMap<String, &Value> =
                b.iter().map(|item| (key(item), item)).collect();
            let mut seen = std::collections::BTreeSet::new();
            for item in a {
                let k = key(item);
                seen.insert(k.clone());
                match theirs.get(&k) {
                    Some(other) => differ(&format!("{path}[{k}]"), item, other, out),
                    None => out.push(format!("{path}[{k}]: only pushed")),
                }
            }
            for k in theirs.keys().filter(|k| !seen.contains(*k)) {
                out.push(format!("{path}[{k}]: only imported"));
            }
            // Two objects of one key hide each other: the lists still differ.
            if out.len() == before {
                out.push(format!("{path}: the lists differ"));
            }
        }
        _ if ours != theirs => out.push(format!("{path}: pushed {ours}, imported {theirs}")),
        _ => {}
    }
}

/// Regressions the round trip found, checked offline on what a push would send.
#[test]
fn a_push_declares_ipam_roles_and_keys_a_shared_anycast_address_by_its_interface() {
    let compilation = compile_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"));
    let desired = netbox::desired(&compilation);
    // Prefixes kept their role through NetBox only once the role exists there.
    let roles: Vec<&str> = desired
        .iter()
        .filter(|d| d.kind == netbox::Kind::IpamRoles)
        .map(|d| d.key.as_str())
        .collect();
    assert!(roles.contains(&"servers"), "{roles:?}");
    let prefix = desired
        .iter()
        .find(|d| d.kind == netbox::Kind::Prefixes && d.key == "10.1.10.0/24 (prod)")
        .expect("the servers prefix");
    let role = prefix
        .fields
        .iter()
        .find(|f| f.name == "role")
        .expect("role");
    assert!(
        matches!(&role.want, netbox::Want::Ref(netbox::Kind::IpamRoles, Some(r)) if r == "servers"),
        "{:?}",
        role.want
    );
    // Every leaf holds the anycast gateway: one NetBox address per interface, not one
    // address moved from leaf to leaf.
    let anycast: Vec<&str> = desired
        .iter()
        .filter(|d| d.kind == netbox::Kind::IpAddresses && d.key.starts_with("10.1.10.1/24 (prod)"))
        .map(|d| d.key.as_str())
        .collect();
    assert!(anycast.len() > 1, "{anycast:?}");
    assert!(
        anycast.contains(&"10.1.10.1/24 (prod) on ams1/ams1-leaf1:Vlan10"),
        "{anycast:?}"
    );
}

/// What the round trip needed of the push for virtual chassis, FHRP groups and contacts,
/// checked offline on what a push would send.
#[test]
fn a_push_carries_virtual_chassis_fhrp_groups_and_contacts() {
    let compilation = compile_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"));
    let desired = netbox::desired(&compilation);
    let find = |kind: netbox::Kind, key: &str| {
        desired
            .iter()
            .find(|d| d.kind == kind && d.key == key)
            .unwrap_or_else(|| panic!("{kind:?} `{key}` is pushed"))
    };
    let want = |d: &netbox::Desired, field: &str| -> netbox::Want {
        d.fields
            .iter()
            .find(|f| f.name == field)
            .unwrap_or_else(|| panic!("{} has `{field}`", d.key))
            .want
            .clone()
    };
    // The chassis is created before its members, its master set once they exist.
    find(netbox::Kind::VirtualChassis, "ams1-access-vc");
    let master = want(find(netbox::Kind::VcMasters, "ams1-access-vc"), "master");
    assert!(
        matches!(&master, netbox::Want::Ref(netbox::Kind::Devices, Some(d)) if d == "ams1/ams1-access1"),
        "{master:?}"
    );
    let member = find(netbox::Kind::Devices, "ams1/ams1-access2");
    assert!(matches!(want(member, "vc_position"), netbox::Want::Value(v) if v == 2));
    // The group's virtual address is assigned to the group, with the protocol's role, and
    // each member's assignment carries its priority.
    let group = find(netbox::Kind::FhrpGroups, "ams1-storage-gw");
    assert!(matches!(want(group, "protocol"), netbox::Want::Value(v) if v == "vrrp3"));
    let address = find(netbox::Kind::IpAddresses, "10.1.20.1/24 (prod)");
    assert!(matches!(want(address, "role"), netbox::Want::Value(v) if v == "vrrp"));
    assert!(
        matches!(want(address, "assigned_object"), netbox::Want::Generic { target: Some((netbox::Kind::FhrpGroups, g)), .. } if g == "ams1-storage-gw")
    );
    let assignment = find(
        netbox::Kind::FhrpGroupAssignments,
        "ams1-storage-gw on ams1/ams1-leaf1:Vlan20",
    );
    assert!(matches!(want(assignment, "priority"), netbox::Want::Value(v) if v == 200));
    // Contacts, and their assignment to the site.
    find(netbox::Kind::ContactGroups, "noc");
    find(netbox::Kind::Contacts, "Eva de Vries");
    let on_site = find(
        netbox::Kind::ContactAssignments,
        "Eva de Vries as site-manager on sites ams1",
    );
    assert_eq!(on_site.site.as_deref(), Some("ams1"));
    // A declared IPAM role carries its own fields.
    let role = find(netbox::Kind::IpamRoles, "servers");
    assert!(matches!(want(role, "weight"), netbox::Want::Value(v) if v == 400));
}
