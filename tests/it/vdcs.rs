//! Virtual device contexts (NetBox's `dcim.VirtualDeviceContext`): written under their
//! device, joined by its interfaces (`vdcs`); name and identifier unique per device, the
//! identifier at most 32767, primary addresses of their family on the device's interfaces
//! and the primary of one context at most, contexts joined only by the device's own
//! interfaces; shown on the device and the interface; carried to NetBox and back.

use crate::support::{compile_path, render, repo};

fn network(run: &str, contexts: &str, interfaces: &str) -> String {
    format!(
        "sites:
  - {{name: {run}-site}}
tenants:
  - {{name: {run}-red}}
manufacturers:
  - {{name: {run}-cisco}}
device_roles:
  - {{name: {run}-core}}
device_types:
  - manufacturer: {run}-cisco
    model: {run}-n7k
    interfaces:
      - {{name: e1/1, type: 10gbase-x-sfpp}}
      - {{name: e1/2, type: 10gbase-x-sfpp}}
vrfs:
  - {{name: {run}-vrf}}
devices:
  - name: {run}-n7k1
    role: {run}-core
    device_type: {run}-cisco/{run}-n7k
    site: {run}-site
    virtual_device_contexts:
{contexts}    interfaces:
{interfaces}"
    )
}

const CONTEXTS: &str = "      - {name: admin, status: active, identifier: 1, primary_ip4: 192.0.2.1/24}
      - {name: prod, status: planned, identifier: 2, tenant: RUN-red, description: production, primary_ip6: 2001:db8::1/64}
";

fn contexts(run: &str) -> String {
    CONTEXTS.replace("RUN", run)
}

fn interfaces(run: &str) -> String {
    format!(
        "      - {{name: e1/1, vdcs: [admin], ip_addresses: [{{address: 192.0.2.1/24, vrf: {run}-vrf}}]}}
      - {{name: e1/2, vdcs: [admin, prod], ip_addresses: [{{address: 2001:db8::1/64, vrf: {run}-vrf}}]}}
"
    )
}

#[test]
fn contexts_are_joined_by_interfaces_and_shown_on_both() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/network.yaml",
            &network("t", &contexts("t"), &interfaces("t")),
        ),
    ]);
    let compilation = compile_path(dir.path());
    assert_eq!(render(&compilation), "");
    let graph = netsot::view::Views::new(&compilation.graph).export();
    let device = &graph["devices"][0];
    assert_eq!(
        device["virtual_device_contexts"],
        serde_json::json!([
            {"name": "admin", "identifier": 1, "status": "active", "tenant": null,
             "primary_ip4": "192.0.2.1/24", "primary_ip6": null, "description": null,
             "comments": null, "tags": [], "interfaces": ["e1/1", "e1/2"]},
            {"name": "prod", "identifier": 2, "status": "planned", "tenant": "t-red",
             "primary_ip4": null, "primary_ip6": "2001:db8::1/64", "description": "production",
             "comments": null, "tags": [], "interfaces": ["e1/2"]},
        ])
    );
    assert_eq!(
        device["interfaces"][1]["vdcs"],
        serde_json::json!(["admin", "prod"])
    );
}

#[test]
fn netbox_rules_for_contexts_are_reported_at_their_value() {
    let contexts = "      - {name: admin, status: active, identifier: 1, primary_ip4: 192.0.2.1/24}
      - {name: admin, status: active, identifier: 1, primary_ip4: 192.0.2.1/24}
      - {name: lab, status: offline, identifier: 40000, primary_ip4: 198.51.100.1/24, primary_ip6: 192.0.2.1/24}
";
    let interfaces =
        "      - {name: e1/1, vdcs: [admin, dev], ip_addresses: [{address: 192.0.2.1/24}]}
virtual_machines:
  - {name: vm1, status: active, site: t-site, interfaces: [{name: eth0, vdcs: [admin]}]}
";
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &network("t", contexts, interfaces)),
    ]);
    assert_eq!(
        render(&compile_path(dir.path())),
        "NS0201 error data/network.yaml:24:16: duplicate virtual device context `admin`
NS0201 error data/network.yaml:24:51: duplicate virtual device context identifier `1`
NS0201 error data/network.yaml:24:67: duplicate primary address of a virtual device context `192.0.2.1/24`
NS0111 error data/network.yaml:25:50: identifier 40000 of virtual device context `lab` is above 32767
NS0307 error data/network.yaml:25:70: `primary_ip4` 198.51.100.1 is not assigned to any interface of `t-n7k1`
NS0307 error data/network.yaml:25:100: `primary_ip6` must be an IPv6 address
NS0301 error data/network.yaml:27:36: `t-n7k1` has no virtual device context named `dev`
NS0111 error data/network.yaml:29:80: virtual machine interface `eth0` cannot join a virtual device context
"
    );
}

/// Both ways through the running NetBox: the contexts, the interfaces joining them and
/// their primary addresses are pushed, a second push plans nothing, and the import writes
/// them back under the device.
#[test]
fn contexts_and_their_interfaces_are_pushed_and_imported_back() {
    use crate::netbox_support::{client, import_site, left, push, unique, CleanUp};
    use netsot::netbox::Kind;
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-vdc");
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/network.yaml",
            &network(&run, &contexts(&run), &interfaces(&run)),
        ),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    push(dir.path(), &client, true);
    let again = push(dir.path(), &client, false);
    assert!(again.plan.is_empty(), "{:#?}", left(&again));
    let state = netsot::netbox::State::read_all(&client).expect("NetBox answers");
    let device = format!("{run}-site/{run}-n7k1");
    let admin = state
        .kind(Kind::VirtualDeviceContexts)
        .get(&format!("{device}:admin"))
        .expect("the admin context")
        .json
        .clone();
    assert_eq!(admin["identifier"], 1);
    assert_eq!(admin["primary_ip4"]["address"], "192.0.2.1/24");
    let e12 = state
        .kind(Kind::Interfaces)
        .get(&format!("{device}:e1/2"))
        .expect("e1/2")
        .json
        .clone();
    let mut joined: Vec<&str> = e12["vdcs"]
        .as_array()
        .expect("vdcs")
        .iter()
        .filter_map(|v| v["name"].as_str())
        .collect();
    joined.sort_unstable();
    assert_eq!(joined, ["admin", "prod"]);
    let (text, report) = import_site(&client, &format!("{run}-site"));
    for expected in [
        "virtual_device_contexts:\n      - {name: admin, status: active, identifier: 1, primary_ip4: 192.0.2.1/24}\n".to_string(),
        format!("      - name: prod\n        status: planned\n        identifier: 2\n        tenant: {run}-red\n        primary_ip6: \"2001:db8::1/64\"\n        description: production\n"),
        "vdcs: [admin, prod]".to_string(),
    ] {
        assert!(text.contains(&expected), "`{expected}` not imported:\n{text}");
    }
    assert!(!report.contains("virtualdevicecontext"), "{report}");
    assert!(!report.contains("vdc"), "{report}");
}
