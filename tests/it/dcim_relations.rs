//! DCIM relations and device-type rules (issue 14) beyond their fixtures: cable ends at
//! circuit terminations, cables on cellular interfaces, the template references of a device
//! type, devices' own power ports, and the rules that must stay quiet.

use crate::support::{compile_path, render, repo};

const BASE: &str = "sites: [{name: ams1}]
device_roles: [{name: leaf}]
manufacturers: [{name: Acme}]
device_types:
  - manufacturer: Acme
    model: S1
    interfaces:
      - {name: eth0, type: 1000base-t}
      - {name: eth1, type: 1000base-t}
      - {name: wwan0, type: lte}
      - {name: zb0, type: ieee802.15.4}
";

/// The diagnostics of a repository made of `BASE` and `data`, one per line.
fn check(data: &str) -> String {
    let data = format!("{BASE}{data}");
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    render(&compile_path(dir.path()))
}

const CIRCUITS: &str = "providers: [{name: Telco}]
circuit_types: [{name: transit}]
circuits:
  - {cid: C-1, provider: Telco, type: transit, termination_a: {site: ams1}}
devices:
  - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1}
cables:
";

#[test]
fn a_cable_to_a_circuit_that_does_not_exist_is_unresolved() {
    let out = check(&format!(
        "{CIRCUITS}  - {{a: 'leaf1:eth0', b: 'NOPE-1:A', b_type: circuit_termination}}\n"
    ));
    assert!(out.contains("NS0301 error data/a.yaml:"), "{out}");
    assert!(out.contains("no circuit named `NOPE-1`"), "{out}");
}

#[test]
fn a_cable_to_a_circuit_side_must_name_a_defined_termination() {
    let out = check(&format!(
        "{CIRCUITS}  - {{a: 'leaf1:eth0', b: 'C-1:Z', b_type: circuit_termination}}\n  - {{a: 'leaf1:eth1', b: 'C-1:B', b_type: circuit_termination}}\n"
    ));
    assert!(
        out.contains("NS0301") && out.contains("circuit `C-1` has no termination Z"),
        "{out}"
    );
    assert!(
        out.contains("NS0111") && out.contains("`C-1:B` is not a circuit termination reference"),
        "{out}"
    );
}

#[test]
fn a_circuit_termination_takes_one_cable() {
    let ok = check(&format!(
        "{CIRCUITS}  - {{a: 'leaf1:eth0', b: 'C-1:A', b_type: circuit_termination}}\n"
    ));
    assert_eq!(ok, "");
    let twice = check(&format!(
        "{CIRCUITS}  - {{a: 'leaf1:eth0', b: 'C-1:A', b_type: circuit_termination}}\n  - {{a: 'leaf1:eth1', b: {{device: C-1, port: A}}, b_type: circuit_termination}}\n"
    ));
    assert!(
        twice.contains("NS0604") && twice.contains("is the end of two cables"),
        "{twice}"
    );
}

#[test]
fn cellular_and_802_15_4_interfaces_take_no_cable() {
    let out = check(
        "devices:
  - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1}
  - {name: leaf2, role: leaf, device_type: Acme/S1, site: ams1}
cables:
  - {a: 'leaf1:wwan0', b: 'leaf2:eth0'}
  - {a: 'leaf1:zb0', b: 'leaf2:eth1'}
",
    );
    assert!(
        out.contains("NS0606 error data/a.yaml:16:9: leaf1:wwan0 is a lte interface"),
        "{out}"
    );
    assert!(
        out.contains("NS0606 error data/a.yaml:17:9: leaf1:zb0 is a ieee802.15.4 interface"),
        "{out}"
    );
}

#[test]
fn template_names_are_unique_per_type_and_kind() {
    let out = check(
        "  - manufacturer: Acme
    model: S2
    interfaces:
      - {name: eth0, type: 1000base-t}
      - {name: eth0, type: 10gbase-x-sfpp}
    console-ports:
      - {name: eth0, type: rj-45}
",
    );
    assert_eq!(
        out, "NS0201 error data/a.yaml:16:16: duplicate interface template `eth0`\n",
        "a console port may share an interface's name; two interfaces may not"
    );
}

#[test]
fn template_references_stay_inside_their_type() {
    let out = check(
        "  - manufacturer: Acme
    model: S2
    interfaces:
      - {name: br0, type: bridge, bridge: br0}
      - {name: eth9, type: 1000base-t, bridge: br1}
    rear-ports:
      - {name: rear1, type: lc}
    front-ports:
      - {name: front1, type: lc, rear_port: rear2}
      - {name: front2, type: lc}
      - {name: front3, type: lc, rear_port: rear1}
",
    );
    assert_eq!(
        out,
        "NS0303 error data/a.yaml:15:43: interface template `br0` cannot be its own bridge
NS0301 error data/a.yaml:16:48: device type `Acme/S2` has no interface template `br1`
NS0301 error data/a.yaml:20:45: device type `Acme/S2` has no rear port template `rear2`
NS0106 error data/a.yaml:21:16: front port template `front2` has no `rear_port`
"
    );
}

#[test]
fn a_devices_own_power_ports_follow_the_draw_rules() {
    let out = check(
        "devices:
  - name: leaf1
    role: leaf
    device_type: Acme/S1
    site: ams1
    power_ports:
      - {name: psu1, maximum_draw: 100, allocated_draw: 120}
      - {name: psu2, allocated_draw: 0}
",
    );
    assert!(
        out.contains("NS0625 error data/a.yaml:18:57: power port `psu1` allocates 120 W"),
        "{out}"
    );
    assert!(
        out.contains("NS0626 error data/a.yaml:19:38: power port `psu2` has `allocated_draw: 0`"),
        "{out}"
    );
}

#[test]
fn a_child_device_in_a_rack_is_reported_once() {
    let out = check(
        "  - manufacturer: Acme
    model: B1
    u_height: 0
    subdevice_role: child
racks: [{name: r1, site: ams1}]
devices:
  - {name: blade1, role: leaf, device_type: Acme/B1, site: ams1, rack: r1, position: 3, face: front}
",
    );
    assert_eq!(out.matches("NS0612").count(), 2, "{out}");
    assert!(!out.contains("NS0602"), "{out}");
}

#[test]
fn placement_rules_are_quiet_when_a_reference_did_not_resolve() {
    let out = check(
        "cluster_types: [{name: vmware}]
clusters: [{name: c1, type: vmware, site: ams1}]
devices:
  - {name: host1, role: leaf, device_type: Acme/S1, site: ams1, cluster: c9}
virtual_machines:
  - {name: vm1, cluster: c1, device: host1}
  - {name: vm2, cluster: c1, device: host9}
",
    );
    let codes: Vec<&str> = out.lines().map(|l| &l[..6]).collect();
    assert_eq!(codes, ["NS0301", "NS0301"], "{out}");
}

#[test]
fn a_virtual_machine_takes_its_site_from_its_cluster() {
    let out = check(
        "cluster_types: [{name: vmware}]
clusters: [{name: c1, type: vmware, site: ams1}]
devices:
  - {name: host1, role: leaf, device_type: Acme/S1, site: ams1, cluster: c1}
virtual_machines:
  - {name: vm1, cluster: c1, device: host1}
",
    );
    assert_eq!(out, "");
}

#[test]
fn a_devices_front_ports_map_onto_its_own_rear_ports() {
    let out = check(
        "  - manufacturer: Acme
    model: P1
    rear-ports:
      - {name: rear1, type: lc, positions: 2}
    front-ports:
      - {name: front1, type: lc, rear_port: rear1, rear_port_position: 1}
devices:
  - name: panel1
    role: leaf
    device_type: Acme/P1
    site: ams1
    rear_ports:
      - {name: rear2, type: lc}
      - {name: rear3, type: mpo, positions: 0}
    front_ports:
      - {name: front2, type: lc, rear_port: rear1, rear_port_position: 1}
      - {name: front3, type: lc, rear_port: rear1, rear_port_position: 3}
      - {name: front4, type: lc, rear_port: rear9}
      - {name: front5, type: lc, rear_port: rear2}
      - {name: front6, type: lc, rear_port: rear1, rear_port_position: 2}
",
    );
    assert_eq!(
        out,
        "NS0624 error data/a.yaml:25:45: rear port `rear3` of `panel1` has 0 positions; NetBox allows 1 to 1024
NS0623 error data/a.yaml:27:72: front port `front2` of `panel1` maps onto position 1 of rear port `rear1`, already taken
NS0622 error data/a.yaml:28:72: front port `front3` of `panel1` maps onto position 3 of rear port `rear1`, which has 2
NS0301 error data/a.yaml:29:45: device `panel1` has no rear port `rear9`
"
    );
}

#[test]
fn an_entry_that_maps_a_front_port_anew_frees_the_types_position() {
    let out = check(
        "  - manufacturer: Acme
    model: P1
    rear-ports:
      - {name: rear1, type: lc, positions: 2}
    front-ports:
      - {name: front1, type: lc, rear_port: rear1, rear_port_position: 1}
devices:
  - name: panel1
    role: leaf
    device_type: Acme/P1
    site: ams1
    front_ports:
      - {name: front1, rear_port: rear1, rear_port_position: 2}
      - {name: front2, type: lc, rear_port: rear1, rear_port_position: 1}
",
    );
    assert_eq!(out, "");
}

#[test]
fn a_power_outlet_template_names_a_power_port_template_of_its_type() {
    let types = |port: &str| {
        format!("device_types:\n  - manufacturer: Acme\n    model: P1\n    power-ports: [{{name: PSU1, type: iec-60320-c14}}]\n    power-outlets: [{{name: O1, type: iec-60320-c13, power_port: {port}}}]\n")
    };
    // In a second file: `BASE` holds the other device types.
    let check = |types: String| {
        let dir = repo(&[
            ("netsot.yaml", "version: 1\n"),
            ("data/a.yaml", BASE),
            ("data/b.yaml", &types),
        ]);
        render(&compile_path(dir.path()))
    };
    assert_eq!(
        check(types("PSU2")),
        "NS0301 error data/b.yaml:5:65: device type `Acme/P1` has no power port template `PSU2` for power outlet `O1`\n"
    );
    assert_eq!(check(types("PSU1")), "");
}

#[test]
fn module_asset_tags_are_unique_and_a_device_s_own_module_bays_too() {
    let data = |tag: &str, bay: &str| {
        format!("module_types:\n  - {{manufacturer: Acme, model: LC1}}\ndevices:\n  - name: leaf1\n    role: leaf\n    device_type: Acme/S1\n    site: ams1\n    module_bays: [{{name: Slot 1}}, {{name: Slot 2}}, {{name: {bay}}}]\n    modules:\n      - {{bay: Slot 1, type: LC1, asset_tag: A-1}}\n      - {{bay: Slot 2, type: LC1, asset_tag: {tag}}}\n")
    };
    assert_eq!(
        check(&data("A-1", "Slot 1")),
        "NS0201 error data/a.yaml:19:58: duplicate module bay `Slot 1`\n\
         NS0201 error data/a.yaml:21:45: duplicate module asset tag `A-1`\n"
    );
    assert_eq!(check(&data("A-2", "Slot 3")), "");
}
