//! Q-in-Q beyond its fixtures: service VLANs that must resolve, and the interface view.

use crate::support::{compile_path, netsot, render, repo, root};

#[test]
fn a_service_vlan_must_resolve_on_a_vlan_and_on_an_interface() {
    let data = "sites: [{name: ams1}]
device_roles: [{name: leaf}]
manufacturers: [{name: Acme}]
device_types:
  - {manufacturer: Acme, model: S1, interfaces: [{name: eth0, type: 10gbase-x-sfpp}]}
vlans:
  - {vid: 100, name: cust-a, site: ams1, qinq_role: cvlan, qinq_svlan: svc-9}
devices:
  - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, mode: q-in-q, qinq_svlan: svc-8}]}
";
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let out = render(&compile_path(dir.path()));
    assert!(
        out.contains("NS0301 error data/a.yaml:7:") && out.contains("no VLAN named `svc-9`"),
        "{out}"
    );
    assert!(
        out.contains("NS0301 error data/a.yaml:9:") && out.contains("no VLAN named `svc-8`"),
        "{out}"
    );
    // An unresolved service VLAN leaves the customer VLAN out of the uniqueness check, and
    // the missing service VLAN is not reported a second time as NS0507.
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn the_interface_view_shows_its_service_vlan() {
    let fixture = root().join("tests/fixtures/rules/NS0508/pass");
    let output = netsot(
        &["show", "device", "leaf1", &fixture.display().to_string()],
        &root(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let view: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let interfaces = view["interfaces"].as_array().unwrap();
    let eth0 = interfaces.iter().find(|i| i["name"] == "eth0").unwrap();
    assert_eq!(
        eth0["qinq_svlan"],
        serde_json::json!({"vid": 1000, "name": "svc-1000"})
    );
    let eth1 = interfaces.iter().find(|i| i["name"] == "eth1").unwrap();
    assert_eq!(eth1["qinq_svlan"], serde_json::Value::Null);
}
