//! Device roles nest (NetBox 4.3+): a parent that exists, no cycle, and config contexts for
//! a role reach the devices of its descendants (`ConfigContextQuerySet.get_for_object`
//! matches `role.get_ancestors(include_self=True)`).

use crate::support::{compile_path, listed, netsot, repo};

#[test]
fn a_context_for_a_role_reaches_the_devices_of_its_child_roles() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/a.yaml",
            "sites:\n  - {name: ams1}\nmanufacturers:\n  - {name: Acme}\ndevice_types:\n  - {manufacturer: Acme, model: S1}\ndevice_roles:\n  - {name: network}\n  - {name: fabric, parent: network}\n  - {name: leaf, parent: fabric}\n  - {name: server}\ndevices:\n  - {name: leaf1, site: ams1, role: leaf, device_type: Acme/S1}\n  - {name: srv1, site: ams1, role: server, device_type: Acme/S1}\nconfig_contexts:\n  - {name: net, roles: [network], data: {ntp: 10.0.0.1}}\n",
        ),
    ]);
    let show = |device: &str| {
        let output = netsot(&["show", "device", device], dir.path());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    assert_eq!(show("leaf1")["config_context"]["ntp"], "10.0.0.1");
    assert!(show("srv1")["config_context"].get("ntp").is_none());
}

#[test]
fn role_parents_exist_and_form_no_cycle() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/a.yaml",
            "device_roles:\n  - {name: a, parent: b}\n  - {name: b, parent: a}\n  - {name: c, parent: nowhere}\n",
        ),
    ]);
    let compilation = compile_path(dir.path());
    let found = listed(&compilation.diagnostics, &compilation);
    assert_eq!(
        found,
        "NS0308 data/a.yaml:2:12: the device role parents form a cycle\n\
         NS0301 data/a.yaml:4:23: no device role named `nowhere`\n"
    );
}
