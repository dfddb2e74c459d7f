//! What NetBox 4.4 accepts, netsot accepts (issue 14, part 3): each case is a reproducer
//! of a false positive, checked clean, and the nearest input NetBox refuses, checked
//! reported.

use crate::support::{build_path, compile_path, netsot, render, repo};

#[test]
fn dns_names_follow_netbox_validator_when_loading() {
    let data = "ip_addresses:\n  - {address: 10.0.0.1/32, dns_name: _sip._udp.example.net}\n  - {address: 10.0.0.2/32, dns_name: -edge.example.net}\n  - {address: 10.0.0.3/32, dns_name: 'bad name.example.net'}\n";
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let out = render(&compile_path(dir.path()));
    assert_eq!(
        out,
        "NS0108 error data/a.yaml:4:38: `bad name.example.net` is not a valid DNS name: the label `bad name` holds ` `\n"
    );
}

#[test]
fn a_dns_name_outside_every_zone_is_not_held_to_dns_rules() {
    let config = "version: 1\noutputs:\n  - renderer: dns\n    path: dns/\n    zones:\n      - {name: example.net, primary_ns: ns1.example.net, admin: hostmaster.example.net, nameservers: [{name: ns1.example.net, addresses: [192.0.2.53]}]}\n";
    let data = "ip_addresses:\n  - {address: 10.0.0.1/32, dns_name: host_1.example.org}\n  - {address: 10.0.0.2/32, dns_name: host2.example.net}\n";
    let dir = repo(&[("netsot.yaml", config), ("data/a.yaml", data)]);
    let rendered = build_path(dir.path());
    let codes: Vec<&str> = rendered.diagnostics.iter().map(|d| d.rule.code).collect();
    assert_eq!(codes, ["NS0802"], "{:?}", rendered.diagnostics);
}

const DEVICES: &str = "sites: [{name: ams1}]\ndevice_roles: [{name: leaf}]\ntenants: [{name: red}, {name: blue}]\nracks: [{name: r1, site: ams1}]\ndevice_types:\n  - {manufacturer: Acme, model: S1, u_height: 1, interfaces: [{name: eth0, type: 1000base-t}]}\n";

#[test]
fn an_unnamed_device_is_named_by_its_place_or_asset_tag_in_messages() {
    // Each label is what places the device in NetBox: its type and rank in the site, its
    // asset tag, its rack unit and face, the bay holding it.
    let data = format!(
        "{DEVICES}  - {{manufacturer: Acme, model: P, u_height: 1, subdevice_role: parent, device-bays: [{{name: B1}}]}}\ndevices:\n  - {{name: c1, role: leaf, device_type: Acme/P, site: ams1}}\n  - {{role: leaf, device_type: Acme/S1, site: ams1, position: 3}}\n  - {{role: leaf, device_type: Acme/S1, site: ams1, asset_tag: A-7, position: 3}}\n  - {{role: leaf, device_type: Acme/S1, site: ams1, rack: r1, position: 50, face: rear}}\n  - {{role: leaf, device_type: Acme/S1, site: ams1, parent_device: {{device: ams1/c1, bay: B1}}, primary_ip4: 10.0.0.9/32}}\n  - {{role: leaf, device_type: Acme/S1, site: ams1, primary_ip4: 10.0.0.8/32}}\n"
    );
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    let out = render(&compile_path(dir.path()));
    assert_eq!(
        out,
        "NS0602 error data/a.yaml:10:62: `<unnamed S1 #1>` has a position but no rack
NS0602 error data/a.yaml:11:78: `<unnamed device with asset tag A-7>` has a position but no rack
NS0602 error data/a.yaml:12:72: `<unnamed device in r1 at U50 rear>`: a 1U device at U50 reaches above the rack's top unit U42
NS0307 error data/a.yaml:13:108: `primary_ip4` 10.0.0.9 is not assigned to any interface of `<unnamed device in bay B1 of c1>`
NS0307 error data/a.yaml:14:65: `primary_ip4` 10.0.0.8 is not assigned to any interface of `<unnamed S1 #2>`
"
    );
}

#[test]
fn unnamed_devices_are_left_out_of_host_outputs_and_exported_without_a_name() {
    let config = "version: 1\noutputs:\n  - {renderer: prometheus, path: prometheus/, port: 9100}\n  - {renderer: ansible, path: ansible/inventory.yaml}\n  - {renderer: template, path: 'configs/{{ device.name }}.cfg', template: device.j2, for_each: devices}\n";
    let data = format!(
        "{DEVICES}devices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, primary_ip4: 10.0.0.1/32, interfaces: [{{name: eth0, ip_addresses: [{{address: 10.0.0.1/32}}]}}]}}\n  - {{role: leaf, device_type: Acme/S1, site: ams1, primary_ip4: 10.0.0.2/32, interfaces: [{{name: eth0, ip_addresses: [{{address: 10.0.0.2/32}}]}}]}}\n"
    );
    let dir = repo(&[
        ("netsot.yaml", config),
        ("data/a.yaml", &data),
        ("templates/device.j2", "hostname {{ device.name }}\n"),
    ]);
    let rendered = build_path(dir.path());
    assert!(
        rendered.diagnostics.is_empty(),
        "{:?}",
        rendered.diagnostics
    );
    let paths: Vec<&str> = rendered.files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"configs/leaf1.cfg"), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("none")), "{paths:?}");
    for file in &rendered.files {
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(!text.contains("10.0.0.2"), "{}: {text}", file.path);
    }
    let compilation = compile_path(dir.path());
    let export = netsot::view::Views::new(&compilation.graph).export();
    let names: Vec<&serde_json::Value> = export["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .map(|d| &d["name"])
        .collect();
    assert!(names.contains(&&serde_json::Value::Null), "{names:?}");
}

#[test]
fn one_device_name_per_tenant_in_a_site_resolves_from_inside_each_device() {
    // Interfaces, LAGs and primary addresses resolve within their own device; only a
    // reference by name from outside is ambiguous (NS0302, see its fixture).
    let data = format!(
        "{DEVICES}devices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, tenant: red, primary_ip4: 10.0.0.1/32, interfaces: [{{name: po1, type: lag}}, {{name: eth0, lag: po1, ip_addresses: [{{address: 10.0.0.1/32}}]}}]}}\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, tenant: blue, primary_ip4: 10.0.0.2/32, interfaces: [{{name: eth0, ip_addresses: [{{address: 10.0.0.2/32}}]}}]}}\n"
    );
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    assert_eq!(render(&compile_path(dir.path())), "");
}

#[test]
fn a_service_address_held_twice_elsewhere_is_ambiguous() {
    let data = format!(
        "{DEVICES}vrfs: [{{name: a}}, {{name: b}}]\ndevices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1}}\nip_addresses:\n  - {{address: 10.0.0.9/32, vrf: a}}\n  - {{address: 10.0.0.9/32, vrf: b}}\nservices:\n  - {{name: web, device: leaf1, protocol: tcp, ports: [443], ipaddresses: [10.0.0.9/32]}}\n"
    );
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    assert_eq!(
        render(&compile_path(dir.path())),
        "NS0302 error data/a.yaml:14:75: address 10.0.0.9 is held 2 times, none of them by `leaf1`\n"
    );
}

#[test]
fn show_device_says_when_one_site_holds_the_name_for_several_tenants() {
    let data = format!(
        "{DEVICES}devices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, tenant: red}}\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1}}\n"
    );
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    let output = netsot(&["show", "device", "ams1/leaf1"], dir.path());
    let text = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("`ams1/leaf1` names 2 devices, for the tenants red, no tenant"),
        "{text}"
    );
}

#[test]
fn diff_keys_tell_devices_of_one_name_apart_by_tenant() {
    let data = format!(
        "{DEVICES}devices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, tenant: red, interfaces: [{{name: eth0, description: a}}]}}\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, tenant: blue, interfaces: [{{name: eth0, description: b}}]}}\n  - {{role: leaf, device_type: Acme/S1, site: ams1, asset_tag: A-9}}\n"
    );
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    let entities = netsot::diff::entities(&compile_path(dir.path()));
    let keys: Vec<&str> = entities.keys().map(|(_, key)| key.as_str()).collect();
    for key in [
        "ams1/leaf1 (tenant red)",
        "ams1/leaf1 (tenant blue)",
        "ams1/leaf1 (tenant red):eth0",
        "ams1/leaf1 (tenant blue):eth0",
        "ams1/<unnamed device with asset tag A-9>",
    ] {
        assert!(keys.contains(&key), "{key} not in {keys:?}");
    }
}
