//! FHRP groups: members shown with their priority and the group's virtual address, the
//! virtual address exported as assigned to its group, and references to groups resolved.

use serde_json::Value;

use crate::support::{compile_path, listed, netsot, repo, root};

/// Two routers sharing a VRRP gateway, each also holding the virtual address with the
/// shared role `vrrp`: the repository of NS0422's passing fixture.
fn pair() -> std::path::PathBuf {
    root().join("tests/fixtures/rules/NS0422/pass")
}

#[test]
fn show_device_lists_an_interface_s_groups_with_priority_and_virtual_address() {
    let show = netsot(&["show", "device", "r2"], &pair());
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
    let device: Value = serde_json::from_slice(&show.stdout).unwrap();
    let interface = device["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "vlan10")
        .unwrap();
    let groups = interface["fhrp_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    let group = &groups[0];
    assert_eq!(group["name"], "gw-vrrp");
    assert_eq!(group["protocol"], "vrrp3");
    assert_eq!(group["group_id"], 10);
    assert_eq!(group["priority"], 100);
    assert_eq!(group["auth_type"], "md5");
    assert_eq!(group["ip_addresses"][0]["address"], "10.0.10.1/24");
    // Written without a role, the virtual address takes the protocol's.
    assert_eq!(group["ip_addresses"][0]["role"], "vrrp");
}

#[test]
fn export_assigns_a_virtual_address_to_its_group() {
    let output = netsot(&["export", "--format", "json", "."], &pair());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let graph: Value = serde_json::from_slice(&output.stdout).unwrap();
    let addresses = graph["ip_addresses"].as_array().unwrap();
    let virtual_address = addresses
        .iter()
        .find(|ip| ip["assigned_object_type"] == "fhrp_group")
        .expect("the group's address");
    assert_eq!(virtual_address["address"], "10.0.10.1/24");
    assert_eq!(virtual_address["assigned_object"], "gw-vrrp");
    assert_eq!(virtual_address["dns_name"], "gw.example.net");
    assert_eq!(graph["fhrp_groups"][0]["group_id"], 10);
}

#[test]
fn unknown_duplicate_and_unnamed_groups_and_assigned_network_addresses_are_reported() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/a.yaml",
            "sites:
  - {name: ams1, status: active}
device_roles:
  - {name: router}
device_types:
  - {manufacturer: Acme, model: R1, u_height: 1, interfaces: [{name: vlan10, type: virtual}]}
fhrp_groups:
  - {name: gw-vrrp, protocol: vrrp3, group_id: 10}
  - {name: gw-vrrp, protocol: hsrp, group_id: 10}
  - {protocol: hsrp, group_id: 11}
  - name: gw-hsrp
    protocol: hsrp
    group_id: 12
    ip_addresses:
      - {address: 10.0.12.0/24, interface: \"r1:vlan10\"}
devices:
  - name: r1
    role: router
    device_type: Acme/R1
    site: ams1
    interfaces:
      - name: vlan10
        fhrp_groups:
          - {group: gw-vrrpp, priority: 100}
",
        ),
    ]);
    let compilation = compile_path(dir.path());
    let text = listed(&compilation.diagnostics, &compilation);
    assert_eq!(
        text,
        "NS0201 data/a.yaml:9:12: duplicate FHRP group `gw-vrrp`\n\
         NS0106 data/a.yaml:10:5: missing field `name`\n\
         NS0406 data/a.yaml:15:19: 10.0.12.0/24 is the network address of 10.0.12.0/24\n\
         NS0111 data/a.yaml:15:44: a virtual address of an FHRP group cannot name an `interface`\n\
         NS0301 data/a.yaml:24:21: no FHRP group named `gw-vrrpp`\n"
    );
}
