//! MAC addresses as objects (NetBox 4.2+ `dcim.MACAddress`): an interface's `mac_address`
//! is its primary one, `mac_addresses` lists the others; each is an EUI-48 (NS0111), one
//! listed twice is NS0201, and the view lists them all with the primary first.

use crate::support::{compile_path, netsot, render, repo};

const DATA: &str = "sites: [{name: ams1}]
device_roles: [{name: server}]
manufacturers: [{name: Acme}]
device_types:
  - {manufacturer: Acme, model: S1, interfaces: [{name: eth0, type: 1000base-t}, {name: eth1, type: 1000base-t}]}
devices:
  - name: srv1
    role: server
    device_type: Acme/S1
    site: ams1
    interfaces:
      - name: eth0
        mac_address: \"52:54:00:00:00:01\"
        mac_addresses:
          - {mac_address: \"52-54-00-00-00-01\", description: burned in}
          - {mac_address: \"52:54:00:00:00:02\", description: VRRP}
      - name: eth1
        mac_addresses:
          - {mac_address: \"52:54:00:00:00:03\"}
";

#[test]
fn the_view_lists_every_mac_address_primary_first() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", DATA)]);
    assert_eq!(render(&compile_path(dir.path())), "");
    let output = netsot(
        &["show", "device", "srv1", &dir.path().display().to_string()],
        dir.path(),
    );
    let view: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let interfaces = view["interfaces"].as_array().unwrap();
    let eth0 = interfaces.iter().find(|i| i["name"] == "eth0").unwrap();
    assert_eq!(eth0["mac_address"], "52:54:00:00:00:01");
    // The entry equal to the primary (in another notation) describes it.
    assert_eq!(
        eth0["mac_addresses"],
        serde_json::json!([
            {"mac_address": "52:54:00:00:00:01", "description": "burned in", "primary": true},
            {"mac_address": "52:54:00:00:00:02", "description": "VRRP", "primary": false},
        ])
    );
    // An interface may hold MAC addresses without naming a primary one, as in NetBox.
    let eth1 = interfaces.iter().find(|i| i["name"] == "eth1").unwrap();
    assert_eq!(eth1["mac_address"], serde_json::Value::Null);
    assert_eq!(eth1["mac_addresses"][0]["primary"], false);
}

#[test]
fn a_listed_mac_address_is_checked_and_unique_on_its_interface() {
    let data = DATA.replace("52:54:00:00:00:03\"}", "52:54:00:00:00:03\"}\n          - {mac_address: \"52:54:00:00:00:zz\"}\n          - {mac_address: \"52:54:00:00:00:03\"}");
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    let out = render(&compile_path(dir.path()));
    assert!(
        out.contains("NS0111 error data/a.yaml:20:")
            && out
                .contains("`52:54:00:00:00:zz` of interface `srv1:eth1` is not an EUI-48 address"),
        "{out}"
    );
    assert!(
        out.contains("NS0201 error data/a.yaml:21:")
            && out.contains("duplicate MAC address `52:54:00:00:00:03` on interface `srv1:eth1`"),
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("NS")).count(),
        2,
        "{out}"
    );
}
