//! `netsot import netbox` against the running NetBox: objects built through the REST API
//! (names unique to the run, so the shared NetBox's other objects never collide), imported
//! with `--site`, checked clean, imported again to the same bytes, and compared with what
//! was created through `netsot export`; then a change in NetBox shows as a change of the
//! one file holding it.

use std::collections::BTreeMap;
use std::path::Path;

use netsot::netbox::client::Client;
use serde_json::{json, Value};

use crate::support::{netbox_env, netsot};

/// A name unique to this run.
fn suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{:x}",
        (nanos ^ (u128::from(std::process::id()) << 40)) & 0xff_ffff_ffff
    )
}

/// What a test created, deleted newest first when the test ends, passed or failed; what
/// NetBox deleted with its owner (templates, interfaces) is already gone.
struct Created<'c> {
    client: &'c Client,
    objects: Vec<(String, u64)>,
}

impl Drop for Created<'_> {
    fn drop(&mut self) {
        for (path, id) in self.objects.drain(..).rev() {
            let _ = self.client.delete(&format!("{path}{id}/"), &Value::Null);
        }
    }
}

/// Creates an object and returns its id.
fn create(client: &Client, created: &mut Created, path: &str, body: Value) -> u64 {
    let answer = client
        .post(path, &body)
        .unwrap_or_else(|e| panic!("POST {path} {body}: {e}"));
    let id = answer["id"].as_u64().expect("an id");
    created.objects.push((path.to_string(), id));
    id
}

/// Every file below `dir` with its text, by relative path.
fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("below").display().to_string();
                out.insert(relative, std::fs::read_to_string(&path).expect("utf-8"));
            }
        }
    }
    out
}

fn import(url: &str, token: &str, out: &Path, site: &str) -> String {
    let output = netsot(
        &[
            "import",
            "netbox",
            "--url",
            url,
            "--token",
            token,
            "--out",
            &out.display().to_string(),
            "--site",
            site,
        ],
        out.parent().expect("parent"),
    );
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "import failed: {stderr}");
    assert!(!stderr.contains(token), "the token must never be printed");
    stderr
}

#[test]
fn a_site_built_through_the_api_imports_checks_clean_and_round_trips() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("client");
    let s = format!("h6-{}", suffix());
    let mut created = Created {
        client: &client,
        objects: Vec::new(),
    };
    let c = &mut created;
    let octet = u8::from_str_radix(&s[s.len() - 2..], 16).unwrap_or(7);

    let tag = create(
        &client,
        c,
        "/api/extras/tags/",
        json!({"name": format!("{s}-tag"), "slug": format!("{s}-tag"), "color": "ff0000",
               "object_types": ["dcim.site", "dcim.device"]}),
    );
    let tenant = create(
        &client,
        c,
        "/api/tenancy/tenants/",
        json!({"name": format!("{s}-tenant"), "slug": format!("{s}-tenant")}),
    );
    let region = create(
        &client,
        c,
        "/api/dcim/regions/",
        json!({"name": format!("{s}-region"), "slug": format!("{s}-region")}),
    );
    let site_slug = format!("{s}-site");
    let site = create(
        &client,
        c,
        "/api/dcim/sites/",
        json!({
        "name": format!("{s}-site"), "slug": site_slug, "status": "active", "region": region,
        "tenant": tenant, "facility": "Hall 1", "tags": [tag], "description": "built by the import test"}),
    );
    let location = create(
        &client,
        c,
        "/api/dcim/locations/",
        json!({"name": format!("{s}-room"), "slug": format!("{s}-room"), "site": site, "status": "active"}),
    );
    let rack = create(
        &client,
        c,
        "/api/dcim/racks/",
        json!({"name": format!("{s}-r1"), "site": site, "location": location, "status": "active", "u_height": 42}),
    );
    let manufacturer = create(
        &client,
        c,
        "/api/dcim/manufacturers/",
        json!({"name": format!("{s}-vendor"), "slug": format!("{s}-vendor")}),
    );
    let model = format!("{s}-switch");
    let device_type = create(
        &client,
        c,
        "/api/dcim/device-types/",
        json!({
        "manufacturer": manufacturer, "model": model, "slug": format!("{s}-switch"), "u_height": 1}),
    );
    for (name, kind, mgmt) in [
        ("eth0", "1000base-t", false),
        ("eth1", "1000base-t", false),
        ("mgmt0", "1000base-t", true),
    ] {
        create(
            &client,
            c,
            "/api/dcim/interface-templates/",
            json!({"device_type": device_type, "name": name, "type": kind, "mgmt_only": mgmt}),
        );
    }
    let role = create(
        &client,
        c,
        "/api/dcim/device-roles/",
        json!({"name": format!("{s}-leaf"), "slug": format!("{s}-leaf"), "color": "2196f3", "vm_role": false}),
    );
    let platform = create(
        &client,
        c,
        "/api/dcim/platforms/",
        json!({"name": format!("{s}-os"), "slug": format!("{s}-os"), "manufacturer": manufacturer}),
    );
    let sw1 = create(
        &client,
        c,
        "/api/dcim/devices/",
        json!({
        "name": format!("{s}-sw1"), "device_type": device_type, "role": role, "site": site, "location": location,
        "rack": rack, "position": 10, "face": "front", "status": "active", "platform": platform, "tenant": tenant,
        "serial": "SN1", "tags": [tag], "local_context_data": {"ntp": ["10.0.0.1"]}}),
    );
    let sw2 = create(
        &client,
        c,
        "/api/dcim/devices/",
        json!({
        "name": format!("{s}-sw2"), "device_type": device_type, "role": role, "site": site, "rack": rack,
        "position": 11, "face": "front", "status": "planned"}),
    );
    let interfaces = client
        .list(&format!("/api/dcim/interfaces/?device_id={sw1}"))
        .expect("interfaces");
    let interface = |device: u64, name: &str| -> u64 {
        let list = if device == sw1 {
            interfaces.clone()
        } else {
            client
                .list(&format!("/api/dcim/interfaces/?device_id={device}"))
                .expect("interfaces")
        };
        list.iter()
            .find(|i| i["name"] == name)
            .and_then(|i| i["id"].as_u64())
            .expect("interface")
    };
    let sw1_eth0 = interface(sw1, "eth0");
    let sw1_eth1 = interface(sw1, "eth1");
    let sw2_eth0 = interface(sw2, "eth0");
    client
        .patch(
            &format!("/api/dcim/interfaces/{sw1_eth1}/"),
            &json!({"description": "to the uplink", "mtu": 9000, "poe_mode": "pse",
                    "poe_type": "type2-ieee802.3at"}),
        )
        .expect("patch");
    // Two MAC addresses on eth1, the first its primary one.
    let primary_mac = create(
        &client,
        c,
        "/api/dcim/mac-addresses/",
        json!({"mac_address": "52:54:00:ab:cd:ef", "assigned_object_type": "dcim.interface",
               "assigned_object_id": sw1_eth1}),
    );
    create(
        &client,
        c,
        "/api/dcim/mac-addresses/",
        json!({"mac_address": "52:54:00:ab:cd:f0", "assigned_object_type": "dcim.interface",
               "assigned_object_id": sw1_eth1, "description": "failover"}),
    );
    client
        .patch(
            &format!("/api/dcim/interfaces/{sw1_eth1}/"),
            &json!({"primary_mac_address": primary_mac}),
        )
        .expect("primary MAC");
    let loopback = create(
        &client,
        c,
        "/api/dcim/interfaces/",
        json!({"device": sw1, "name": "Loopback0", "type": "virtual"}),
    );
    let vrf = create(
        &client,
        c,
        "/api/ipam/vrfs/",
        json!({"name": format!("{s}-vrf"), "rd": format!("65000:{}", rd_number(&s))}),
    );
    create(
        &client,
        c,
        "/api/ipam/prefixes/",
        json!({
        "prefix": format!("10.{octet}.7.0/24"), "vrf": vrf, "scope_type": "dcim.site", "scope_id": site, "tenant": tenant}),
    );
    let address = create(
        &client,
        c,
        "/api/ipam/ip-addresses/",
        json!({
        "address": format!("10.{octet}.7.1/24"), "vrf": vrf, "assigned_object_type": "dcim.interface",
        "assigned_object_id": sw1_eth0, "dns_name": format!("{s}-sw1.example.net")}),
    );
    create(
        &client,
        c,
        "/api/ipam/ip-addresses/",
        json!({
        "address": format!("10.{octet}.255.1/32"), "role": "loopback", "assigned_object_type": "dcim.interface",
        "assigned_object_id": loopback}),
    );
    client
        .patch(
            &format!("/api/dcim/devices/{sw1}/"),
            &json!({"primary_ip4": address}),
        )
        .expect("primary");
    let group = create(
        &client,
        c,
        "/api/ipam/vlan-groups/",
        json!({"name": format!("{s}-vlans"), "slug": format!("{s}-vlans"), "scope_type": "dcim.site", "scope_id": site}),
    );
    let vlan = create(
        &client,
        c,
        "/api/ipam/vlans/",
        json!({"vid": 10, "name": format!("{s}-servers"), "site": site, "group": group}),
    );
    client
        .patch(
            &format!("/api/dcim/interfaces/{sw1_eth1}/"),
            &json!({"mode": "access", "untagged_vlan": vlan}),
        )
        .expect("vlan");
    create(
        &client,
        c,
        "/api/dcim/cables/",
        json!({
        "a_terminations": [{"object_type": "dcim.interface", "object_id": sw1_eth0}],
        "b_terminations": [{"object_type": "dcim.interface", "object_id": sw2_eth0}],
        "status": "connected", "type": "cat6", "label": format!("{s}-c1")}),
    );
    let cluster_type = create(
        &client,
        c,
        "/api/virtualization/cluster-types/",
        json!({"name": format!("{s}-kvm"), "slug": format!("{s}-kvm")}),
    );
    let cluster = create(
        &client,
        c,
        "/api/virtualization/clusters/",
        json!({"name": format!("{s}-cluster"), "type": cluster_type, "scope_type": "dcim.site", "scope_id": site, "status": "active"}),
    );
    let vm = create(
        &client,
        c,
        "/api/virtualization/virtual-machines/",
        json!({"name": format!("{s}-vm1"), "cluster": cluster, "site": site, "status": "active", "vcpus": 2, "memory": 2048}),
    );
    let vm_interface = create(
        &client,
        c,
        "/api/virtualization/interfaces/",
        json!({"virtual_machine": vm, "name": "eth0"}),
    );
    create(
        &client,
        c,
        "/api/ipam/ip-addresses/",
        json!({
        "address": format!("10.{octet}.7.50/24"), "vrf": vrf, "assigned_object_type": "virtualization.vminterface",
        "assigned_object_id": vm_interface}),
    );
    let profile = create(
        &client,
        c,
        "/api/extras/config-context-profiles/",
        json!({"name": format!("{s}-profile"), "schema": {"properties": {"syslog": {"type": "string"}}}}),
    );
    create(
        &client,
        c,
        "/api/extras/config-contexts/",
        json!({"name": format!("{s}-ctx"), "weight": 500, "sites": [site], "profile": profile,
               "data": {"syslog": "10.0.0.9"}}),
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path().join("repo");
    let stderr = import(&url, &token, &repo, &site_slug);
    assert!(stderr.contains("everything was carried"), "{stderr}");
    let first = files(&repo);
    let site_file = format!("data/sites/{site_slug}.yaml");
    assert!(first.contains_key(&site_file), "{:?}", first.keys());
    assert!(
        first.contains_key(&format!("device-types/{s}-vendor/{s}-switch.yaml")),
        "{:?}",
        first.keys()
    );

    let check = netsot(&["check", &repo.display().to_string()], dir.path());
    assert!(
        check.status.success(),
        "the imported repository must check clean:\n{}\n{}\n{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr),
        first.get(&site_file).map_or("", String::as_str)
    );

    // Importing twice gives the same bytes.
    import(&url, &token, &repo, &site_slug);
    assert_eq!(files(&repo), first, "a second import must change nothing");

    // What netsot resolved is what was created.
    let export = netsot(
        &["export", &repo.display().to_string(), "--format", "json"],
        dir.path(),
    );
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let graph: Value = serde_json::from_slice(&export.stdout).expect("export is JSON");
    let devices = graph["devices"].as_array().expect("devices");
    let sw1_view = devices
        .iter()
        .find(|d| d["name"] == format!("{s}-sw1"))
        .expect("sw1 exported");
    assert_eq!(sw1_view["site"], format!("{s}-site"));
    assert_eq!(sw1_view["rack"], format!("{s}-r1"));
    assert_eq!(sw1_view["role"], format!("{s}-leaf"));
    assert_eq!(sw1_view["primary_ip4"], format!("10.{octet}.7.1/24"));
    let exported = serde_json::to_string(&graph).expect("json");
    for expected in [
        format!("{s}-sw2"),
        format!("{s}-vm1"),
        format!("10.{octet}.7.0/24"),
        format!("10.{octet}.255.1/32"),
        format!("10.{octet}.7.50/24"),
        format!("{s}-servers"),
        format!("{s}-sw1.example.net"),
        "to the uplink".to_string(),
        "syslog".to_string(),
        "52:54:00:AB:CD:EF".to_string(),
        "52:54:00:AB:CD:F0".to_string(),
        "failover".to_string(),
    ] {
        assert!(
            exported.contains(&expected),
            "`{expected}` missing from the export"
        );
    }
    let organisation = &first["data/organisation.yaml"];
    assert!(
        organisation.contains("object_types: [dcim.device, dcim.site]"),
        "{organisation}"
    );
    let extras = &first["data/extras.yaml"];
    assert!(
        extras.contains(&format!("profile: {s}-profile"))
            && extras.contains("syslog: {type: string}"),
        "{extras}"
    );
    let site_text = &first[&site_file];
    assert!(
        site_text.contains(&format!("{s}-sw1:eth0")),
        "the cable: {site_text}"
    );
    assert!(
        site_text.contains("poe_mode: pse") && site_text.contains("poe_type: type2-ieee802.3at"),
        "PoE of eth1:\n{site_text}"
    );
    assert!(
        !site_text.contains("name: mgmt0"),
        "an interface identical to its template is left out:\n{site_text}"
    );

    // A change in NetBox is a change of the one file holding it, in place.
    client
        .patch(
            &format!("/api/dcim/devices/{sw2}/"),
            &json!({"serial": "SN2-CHANGED"}),
        )
        .expect("patch");
    import(&url, &token, &repo, &site_slug);
    let second = files(&repo);
    let changed: Vec<&String> = second
        .keys()
        .filter(|k| first.get(*k) != second.get(*k))
        .collect();
    assert_eq!(changed, vec![&site_file]);
    assert!(second[&site_file].contains("SN2-CHANGED"));
}

/// A nested reference as NetBox writes it.
fn nested(endpoint: &str, id: u64, fields: Value) -> Value {
    let mut object = json!({"id": id, "url": format!("http://netbox/api/{endpoint}/{id}/")});
    if let (Some(object), Value::Object(fields)) = (object.as_object_mut(), fields) {
        object.extend(fields);
    }
    object
}

fn choice(value: &str) -> Value {
    json!({"value": value, "label": value})
}

/// A small NetBox as its API lists it: site `ams1` with a switch (a type with two
/// interface templates, a loopback added, an uplink described, an address), a device
/// without a name, a module NetBox gives no bay nor type for, a VLAN group scoped to it holding a VLAN that names
/// no site, and site `fra1` with a device cabled to the switch.
fn small_netbox() -> netsot::netbox::import::fetch::Snapshot {
    let ams1 = nested("dcim/sites", 1, json!({"name": "ams1", "slug": "ams1"}));
    let fra1 = nested("dcim/sites", 2, json!({"name": "fra1", "slug": "fra1"}));
    let acme = nested(
        "dcim/manufacturers",
        1,
        json!({"name": "Acme", "slug": "acme"}),
    );
    let s1 = nested(
        "dcim/device-types",
        1,
        json!({"manufacturer": acme, "model": "S1", "slug": "acme-s1"}),
    );
    let leaf = nested(
        "dcim/device-roles",
        1,
        json!({"name": "leaf", "slug": "leaf"}),
    );
    let device = |id: u64, name: Value, site: &Value| {
        nested(
            "dcim/devices",
            id,
            json!({
            "name": name, "device_type": s1, "role": leaf, "site": site, "status": choice("active"),
            "tags": [], "custom_fields": {"owner": null}, "vc_priority": null}),
        )
    };
    let mut sw1 = device(1, json!("sw1"), &ams1);
    sw1["primary_ip4"] = nested("ipam/ip-addresses", 1, json!({"address": "10.0.0.1/24"}));
    sw1["latitude"] = json!(52.1);
    let interface = |id: u64, device_id: u64, name: &str, kind: &str, description: &str| {
        nested(
            "dcim/interfaces",
            id,
            json!({
            "device": nested("dcim/devices", device_id, json!({})), "name": name, "type": choice(kind),
            "enabled": true, "mgmt_only": false, "description": description, "mode": null,
            "tagged_vlans": [], "tags": [], "custom_fields": {}, "cable": null, "link_peers": []}),
        )
    };
    let template = |id: u64, name: &str| {
        nested(
            "dcim/interface-templates",
            id,
            json!({
            "device_type": nested("dcim/device-types", 1, json!({})), "name": name,
            "type": choice("1000base-t"), "enabled": true, "mgmt_only": false, "description": ""}),
        )
    };
    netsot::netbox::import::fetch::Snapshot::from_lists([
        (
            "dcim/sites",
            vec![
                json!({"id": 1, "name": "ams1", "slug": "ams1", "status": choice("active"), "tags": [], "custom_fields": {}, "device_count": 2}),
                json!({"id": 2, "name": "fra1", "slug": "fra1", "status": choice("planned"), "tags": [], "custom_fields": {}}),
            ],
        ),
        (
            "dcim/manufacturers",
            vec![json!({"id": 1, "name": "Acme", "slug": "acme"})],
        ),
        (
            "dcim/device-types",
            vec![
                json!({"id": 1, "manufacturer": acme, "model": "S1", "slug": "acme-s1", "u_height": 1.0, "is_full_depth": true, "weight_unit": null}),
            ],
        ),
        (
            "dcim/interface-templates",
            vec![template(1, "eth0"), template(2, "eth1")],
        ),
        (
            "dcim/device-roles",
            vec![
                json!({"id": 1, "name": "leaf", "slug": "leaf", "color": "2196f3", "vm_role": false}),
            ],
        ),
        (
            "dcim/devices",
            vec![
                sw1,
                device(2, Value::Null, &ams1),
                device(3, json!("far"), &fra1),
            ],
        ),
        (
            "dcim/interfaces",
            vec![
                interface(1, 1, "eth0", "1000base-t", ""),
                interface(2, 1, "eth1", "1000base-t", "uplink"),
                interface(3, 1, "lo0", "virtual", ""),
                interface(4, 2, "eth0", "1000base-t", ""),
                interface(5, 3, "eth0", "1000base-t", ""),
                interface(6, 3, "eth1", "1000base-t", ""),
            ],
        ),
        (
            "ipam/ip-addresses",
            vec![json!({
            "id": 1, "address": "10.0.0.1/24", "status": choice("active"), "dns_name": "sw1.example.net",
            "assigned_object_type": "dcim.interface", "assigned_object_id": 1, "tags": [], "custom_fields": {}})],
        ),
        (
            "dcim/cables",
            vec![json!({
            "id": 1, "status": choice("connected"), "label": "c1",
            "a_terminations": [{"object_type": "dcim.interface", "object_id": 2, "object": {"id": 2, "name": "eth1", "device": {"id": 1, "name": "sw1"}}}],
            "b_terminations": [{"object_type": "dcim.interface", "object_id": 5, "object": {"id": 5, "name": "eth0", "device": {"id": 3, "name": "far"}}}]})],
        ),
        (
            "dcim/modules",
            vec![json!({"id": 1, "device": nested("dcim/devices", 1, json!({}))})],
        ),
        (
            "ipam/vlan-groups",
            vec![json!({
            "id": 1, "name": "ams1-vlans", "slug": "ams1-vlans", "scope_type": "dcim.site", "scope_id": 1,
            "scope": ams1, "vid_ranges": [[1, 4094]], "tags": [], "custom_fields": {}})],
        ),
        (
            "ipam/vlans",
            vec![json!({
            "id": 1, "vid": 10, "name": "servers", "site": null, "status": choice("active"),
            "group": nested("ipam/vlan-groups", 1, json!({"name": "ams1-vlans"})), "tags": [], "custom_fields": {}})],
        ),
        (
            "ipam/rirs",
            vec![
                json!({"id": 1, "name": "RFC 6996", "slug": "rfc-6996", "is_private": true, "tags": []}),
            ],
        ),
        (
            "ipam/asn-ranges",
            vec![json!({
            "id": 1, "name": "Private 16-bit", "slug": "private-16", "start": 64512, "end": 65534,
            "rir": nested("ipam/rirs", 1, json!({"name": "RFC 6996"})), "tenant": null,
            "description": "", "tags": [], "custom_fields": {}})],
        ),
    ])
}

#[test]
fn a_netbox_converts_to_the_files_a_person_would_write_and_reports_what_has_no_home() {
    use netsot::netbox::import::{convert, Options};
    let snapshot = small_netbox();
    let options = Options {
        sites: vec!["ams1".into()],
    };
    let imported = convert(&snapshot, &options).expect("converts");
    let paths: Vec<&str> = imported.files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "data/dcim.yaml",
            "data/sites/ams1.yaml",
            "device-types/Acme/S1.yaml"
        ]
    );
    let site = String::from_utf8(imported.files[1].1.clone()).expect("utf-8");
    assert_eq!(
        site,
        "# Imported from NetBox by `netsot import netbox`.

sites:
  - {name: ams1, status: active}

devices:
  - name: sw1
    device_type: Acme/S1
    role: leaf
    site: ams1
    status: active
    latitude: 52.1
    primary_ip4: 10.0.0.1/24
    interfaces:
      - name: eth0
        ip_addresses:
          - {address: 10.0.0.1/24, dns_name: sw1.example.net}
      - {name: eth1, description: uplink}
      - {name: lo0, type: virtual}
  - device_type: Acme/S1
    role: leaf
    site: ams1
    status: active
    interfaces:
      - {name: eth1, remove: true}

vlan_groups:
  - {name: ams1-vlans, site: ams1}

vlans:
  - {vid: 10, name: servers, group: ams1-vlans}
"
    );
    // The cable to fra1 is outside the import; the unnamed device is written without a
    // name (its interface is its type's); a module whose bay and type NetBox did not give
    // has no home.
    assert_eq!(
        imported.not_carried.lines(),
        ["dcim.module: module whose bay or type is not carried ×1"]
    );
    assert!(!imported.complete);
    // The same NetBox gives the same bytes.
    assert_eq!(
        convert(&snapshot, &options).expect("converts").files,
        imported.files
    );

    // Everything, written out, checks clean, the cable between the sites included.
    let everything = convert(&snapshot, &Options::default()).expect("converts");
    assert!(everything.complete);
    let fra1 = everything
        .files
        .iter()
        .find(|(p, _)| p == "data/sites/fra1.yaml")
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("fra1");
    assert!(fra1.contains("status: planned"), "{fra1}");
    let ipam = everything
        .files
        .iter()
        .find(|(p, _)| p == "data/ipam.yaml")
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("ipam");
    assert!(
        ipam.contains(
            "asn_ranges:\n  - {name: Private 16-bit, slug: private-16, rir: RFC 6996, start: 64512, end: 65534}"
        ),
        "{ipam}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("netsot.yaml"),
        netsot::netbox::import::CONFIG,
    )
    .expect("write");
    for (path, bytes) in &everything.files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    let compilation = crate::support::compile_path(dir.path());
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    let ams1 = std::fs::read_to_string(dir.path().join("data/sites/ams1.yaml")).expect("ams1");
    assert!(
        ams1.contains("cables:\n  - {a: \"sw1:eth1\", b: \"far:eth0\", label: c1}"),
        "{ams1}"
    );
}

#[test]
fn names_netbox_scopes_more_narrowly_are_written_once_and_a_lag_on_another_member_names_its_device()
{
    use netsot::netbox::import::{convert, fetch::Snapshot, Options};
    let site = nested("dcim/sites", 1, json!({"name": "ams1", "slug": "ams1"}));
    let kvm = nested(
        "virtualization/cluster-types",
        1,
        json!({"name": "kvm", "slug": "kvm"}),
    );
    let cluster = |id: u64| json!({"id": id, "name": "c1", "type": kvm, "status": choice("active"), "tags": [], "custom_fields": {}});
    let device = |id: u64, name: &str| {
        json!({"id": id, "name": name, "site": site, "status": choice("active"), "tags": [], "custom_fields": {},
               "device_type": {"id": 1, "manufacturer": {"name": "Acme"}, "model": "S1"}, "role": {"id": 1, "name": "leaf"}})
    };
    let snapshot = Snapshot::from_lists([
        (
            "dcim/sites",
            vec![json!({"id": 1, "name": "ams1", "slug": "ams1", "status": choice("active")})],
        ),
        (
            "virtualization/cluster-types",
            vec![json!({"id": 1, "name": "kvm", "slug": "kvm"})],
        ),
        ("virtualization/clusters", vec![cluster(2), cluster(1)]),
        // Without its cluster-group scope it would apply to everything.
        (
            "extras/config-contexts",
            vec![json!({
            "id": 1, "name": "ctx", "weight": 1000, "is_active": true,
            "cluster_groups": [{"id": 1, "name": "g"}], "data": {"a": 1}})],
        ),
        ("dcim/devices", vec![device(1, "m1"), device(2, "m2")]),
        (
            "dcim/interfaces",
            vec![
                json!({"id": 1, "device": {"id": 1, "name": "m1"}, "name": "po1", "type": choice("lag")}),
                json!({"id": 2, "device": {"id": 2, "name": "m2"}, "name": "eth0", "type": choice("1000base-t"),
                   "lag": {"id": 1, "name": "po1", "device": {"id": 1, "name": "m1"}}}),
            ],
        ),
    ]);
    let imported = convert(&snapshot, &Options::default()).expect("converts");
    let text = |path: &str| {
        imported
            .files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| String::from_utf8_lossy(b).to_string())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    assert_eq!(
        text("data/virtualization.yaml").matches("name: c1").count(),
        1
    );
    assert!(!imported.files.iter().any(|(p, _)| p == "data/extras.yaml"));
    assert_eq!(
        imported.not_carried.lines(),
        [
            "clusters: object whose name another of its kind holds (netsot names it globally or within its site) ×1",
            "extras.configcontext: config context scoped to cluster groups ×1",
        ]
    );
    assert!(
        text("data/sites/ams1.yaml").contains("{name: eth0, type: 1000base-t, lag: \"m1:po1\"}")
    );
}

#[test]
fn device_and_module_types_are_written_in_the_library_format_and_load_as_such() {
    use netsot::netbox::import::{convert, fetch::Snapshot, Options};
    let acme = nested("dcim/manufacturers", 1, json!({"name": "Acme"}));
    let snapshot = Snapshot::from_lists([
        (
            "dcim/manufacturers",
            vec![json!({"id": 1, "name": "Acme", "slug": "acme"})],
        ),
        (
            "dcim/device-types",
            vec![json!({
            "id": 1, "manufacturer": acme, "model": "S1", "slug": "acme-s1", "u_height": 2.0,
            "is_full_depth": false, "airflow": choice("front-to-rear"), "weight": null, "weight_unit": null})],
        ),
        (
            "dcim/module-types",
            vec![json!({"id": 1, "manufacturer": acme, "model": "M1", "weight_unit": null})],
        ),
        (
            "dcim/interface-templates",
            vec![
                json!({"id": 1, "device_type": {"id": 1}, "name": "mgmt0", "type": choice("1000base-t"), "enabled": true, "mgmt_only": true}),
                json!({"id": 2, "module_type": {"id": 1}, "name": "sfp0", "type": choice("10gbase-x-sfpp"), "enabled": true, "mgmt_only": false}),
            ],
        ),
        (
            "dcim/rear-port-templates",
            vec![
                json!({"id": 1, "device_type": {"id": 1}, "name": "R1", "type": choice("lc"), "positions": 1}),
            ],
        ),
    ]);
    let imported = convert(&snapshot, &Options::default()).expect("converts");
    assert!(
        imported.not_carried.is_empty(),
        "{:?}",
        imported.not_carried.lines()
    );
    let text = |path: &str| {
        imported
            .files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| String::from_utf8_lossy(b).to_string())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    assert_eq!(
        text("device-types/Acme/S1.yaml"),
        "# Imported from NetBox by `netsot import netbox`.
manufacturer: Acme
model: S1
u_height: 2
is_full_depth: false
airflow: front-to-rear
interfaces:
  - {name: mgmt0, type: 1000base-t, mgmt_only: true}
rear-ports:
  - {name: R1, type: lc}
"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("netsot.yaml"),
        netsot::netbox::import::CONFIG,
    )
    .expect("write");
    for (path, bytes) in &imported.files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    let compilation = crate::support::compile_path(dir.path());
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    assert_eq!(compilation.graph.model.device_types.len(), 1);
    assert_eq!(compilation.graph.model.module_types.len(), 1);
}

/// A route distinguisher's number unique to the run (NetBox keeps RDs unique, and the shared
/// NetBox keeps the VRFs of earlier runs): the run suffix's last six hex digits.
fn rd_number(run: &str) -> u32 {
    u32::from_str_radix(&run[run.len().saturating_sub(6)..], 16).unwrap_or(7)
}
