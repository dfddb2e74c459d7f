//! `netsot trace`: cable paths through patch panels and circuits, pinned against NetBox.

use crate::support::netsot;

/// Two sites joined by a circuit, each end landing on a patch panel's rear port, with a
/// switch cabled to each panel's front port. The same objects, with the same names, were
/// created in a NetBox 4.4.10 through its REST API to read its trace.
fn two_panels_and_a_circuit() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("netsot.yaml"),
        "version: 1\ndata: [data/]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/dcim.yaml"),
        r#"sites:
  - {name: h8-ams, status: active}
  - {name: h8-fra, status: active}
manufacturers:
  - {name: h8-generic}
device_roles:
  - {name: h8-role}
device_types:
  - manufacturer: h8-generic
    model: h8-pp
    rear-ports: [{name: R1, type: lc, positions: 1}]
    front-ports: [{name: F1, type: lc, rear_port: R1, rear_port_position: 1}]
  - manufacturer: h8-generic
    model: h8-sw
    interfaces: [{name: eth1, type: 10gbase-x-sfpp}]
devices:
  - {name: h8-sw1, device_type: h8-generic/h8-sw, role: h8-role, site: h8-ams}
  - {name: h8-pp1, device_type: h8-generic/h8-pp, role: h8-role, site: h8-ams}
  - {name: h8-pp2, device_type: h8-generic/h8-pp, role: h8-role, site: h8-fra}
  - {name: h8-sw2, device_type: h8-generic/h8-sw, role: h8-role, site: h8-fra}
providers:
  - {name: h8-carrier}
circuit_types:
  - {name: h8-wave}
circuits:
  - cid: H8-WAVE-1
    provider: h8-carrier
    type: h8-wave
    termination_a: {site: h8-ams}
    termination_z: {site: h8-fra}
cables:
  - {label: h8-c1, a: "h8-sw1:eth1", b: "h8-pp1:F1", b_type: front_port}
  - {label: h8-c2, a: "h8-pp1:R1", a_type: rear_port, b: "H8-WAVE-1:A", b_type: circuit_termination}
  - {label: h8-c3, a: "H8-WAVE-1:Z", a_type: circuit_termination, b: "h8-pp2:R1", b_type: rear_port}
  - {label: h8-c4, a: "h8-pp2:F1", a_type: front_port, b: "h8-sw2:eth1"}
"#,
    )
    .unwrap();
    dir
}

fn stdout(args: &[&str], dir: &std::path::Path) -> String {
    let output = netsot(args, dir);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An end of the JSON trace as NetBox's trace script printed it: `DEVICE:PORT` or
/// `CID:SIDE`.
fn end_name(end: &serde_json::Value) -> String {
    match end["type"].as_str() {
        Some("circuit_termination") => {
            format!(
                "{}:{}",
                end["circuit"].as_str().unwrap(),
                end["term_side"].as_str().unwrap()
            )
        }
        _ => format!(
            "{}:{}",
            end["device"].as_str().unwrap(),
            end["name"].as_str().unwrap()
        ),
    }
}

#[test]
fn trace_crosses_two_patch_panels_and_a_circuit_as_netbox_does() {
    let dir = two_panels_and_a_circuit();
    let check = stdout(&["check"], dir.path());
    assert!(check.contains("0 errors, 0 warnings"), "{check}");
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &["trace", "h8-sw1:eth1", "--format", "json"],
        dir.path(),
    ))
    .unwrap();
    let segments: Vec<String> = json["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|segment| {
            let names = |ends: &serde_json::Value| {
                ends.as_array()
                    .unwrap()
                    .iter()
                    .map(end_name)
                    .collect::<Vec<_>>()
            };
            format!(
                "{:?} {} {:?}",
                names(&segment[0]),
                segment[1]["label"].as_str().unwrap(),
                names(&segment[2])
            )
        })
        .collect();
    // NetBox 4.4.10's `/api/dcim/interfaces/ID/trace/` for the same objects.
    assert_eq!(
        segments,
        [
            r#"["h8-sw1:eth1"] h8-c1 ["h8-pp1:F1"]"#,
            r#"["h8-pp1:R1"] h8-c2 ["H8-WAVE-1:A"]"#,
            r#"["H8-WAVE-1:Z"] h8-c3 ["h8-pp2:R1"]"#,
            r#"["h8-pp2:F1"] h8-c4 ["h8-sw2:eth1"]"#,
        ]
    );
    assert_eq!(json["is_complete"], true);
    assert_eq!(json["is_active"], true);
    assert_eq!(json["is_split"], false);

    let text = stdout(&["trace", "h8-sw1:eth1"], dir.path());
    assert_eq!(
        text,
        "h8-sw1:eth1 (interface)\n  │ cable h8-c1\nh8-pp1:F1 (front port)\n\
         h8-pp1:R1 (rear port)\n  │ cable h8-c2\nH8-WAVE-1:A (circuit termination, h8-ams)\n\
         H8-WAVE-1:Z (circuit termination, h8-fra)\n  │ cable h8-c3\nh8-pp2:R1 (rear port)\n\
         h8-pp2:F1 (front port)\n  │ cable h8-c4\nh8-sw2:eth1 (interface)\ncomplete, active\n"
    );

    // NetBox's interface: `link_peers` the front port, `connected_endpoints` the far switch.
    let device: serde_json::Value =
        serde_json::from_str(&stdout(&["show", "device", "h8-sw1"], dir.path())).unwrap();
    let eth1 = &device["interfaces"][0];
    assert_eq!(eth1["connected_to"], "h8-pp1:F1");
    assert_eq!(
        eth1["connected_endpoints"],
        serde_json::json!(["h8-sw2:eth1"])
    );
    assert_eq!(eth1["connected_endpoints_reachable"], true);
}

#[test]
fn trace_stops_at_a_port_without_a_cable_and_names_unknown_ports() {
    let dir = two_panels_and_a_circuit();
    // Without the far switch's cable the path ends at the panel's front port, incomplete.
    let data = dir.path().join("data/dcim.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(
        &data,
        text.replace(
            "  - {label: h8-c4, a: \"h8-pp2:F1\", a_type: front_port, b: \"h8-sw2:eth1\"}\n",
            "",
        ),
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &["trace", "h8-sw1:eth1", "--format", "json"],
        dir.path(),
    ))
    .unwrap();
    let last = json["path"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(end_name(&last[0][0]), "h8-pp2:F1");
    assert!(
        last[1].is_null() && last[2].as_array().unwrap().is_empty(),
        "{last}"
    );
    assert_eq!(json["is_complete"], false);
    let device: serde_json::Value =
        serde_json::from_str(&stdout(&["show", "device", "h8-sw1"], dir.path())).unwrap();
    assert_eq!(
        device["interfaces"][0]["connected_endpoints"],
        serde_json::json!([])
    );

    let unknown = netsot(&["trace", "h8-sw1:eth9"], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("has no port `eth9`"));
    let uncabled = stdout(&["trace", "h8-sw2:eth1"], dir.path());
    assert_eq!(uncabled, "h8-sw2:eth1 (interface)\nno cable\n");
}

/// Two panels joined by a trunk between two-position rear ports, each panel's front port 2
/// on position 2, the ports declared on the devices themselves: the path keeps the
/// position across the trunk. NetBox 4.4.10 traces the same objects (created with the same
/// names through its REST API) as pinned below.
#[test]
fn trace_keeps_the_position_across_a_trunk_of_multi_position_rear_ports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("netsot.yaml"),
        "version: 1\ndata: [data/]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let panel = |name: &str| {
        format!(
            "  - name: {name}
    device_type: h8-generic/h8-mp
    role: h8-role
    site: h8-ams
    rear_ports: [{{name: RT, type: mpo, positions: 2}}]
    front_ports:
      - {{name: P1, type: lc, rear_port: RT, rear_port_position: 1}}
      - {{name: P2, type: lc, rear_port: RT, rear_port_position: 2}}
"
        )
    };
    let switch = |name: &str| {
        format!(
            "  - {{name: {name}, device_type: h8-generic/h8-mp, role: h8-role, site: h8-ams, \
             interfaces: [{{name: eth1, type: 10gbase-x-sfpp}}, {{name: eth2, type: 10gbase-x-sfpp}}]}}\n"
        )
    };
    let data = format!(
        "sites:
  - {{name: h8-ams, status: active}}
manufacturers:
  - {{name: h8-generic}}
device_roles:
  - {{name: h8-role}}
device_types:
  - {{manufacturer: h8-generic, model: h8-mp}}
devices:
{}{}{}{}cables:
  - {{label: h8-m1, a: \"h8-sw3:eth2\", b: \"h8-mp1:P2\", b_type: front_port}}
  - {{label: h8-m2, a: \"h8-mp1:RT\", a_type: rear_port, b: \"h8-mp2:RT\", b_type: rear_port}}
  - {{label: h8-m3, a: \"h8-mp2:P2\", a_type: front_port, b: \"h8-sw4:eth2\"}}
",
        switch("h8-sw3"),
        panel("h8-mp1"),
        panel("h8-mp2"),
        switch("h8-sw4")
    );
    std::fs::write(dir.path().join("data/dcim.yaml"), data).unwrap();
    let check = stdout(&["check"], dir.path());
    assert!(check.contains("0 errors, 0 warnings"), "{check}");
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &["trace", "h8-sw3:eth2", "--format", "json"],
        dir.path(),
    ))
    .unwrap();
    let segments: Vec<String> = json["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {} {}",
                end_name(&s[0][0]),
                s[1]["label"].as_str().unwrap(),
                end_name(&s[2][0])
            )
        })
        .collect();
    assert_eq!(
        segments,
        [
            "h8-sw3:eth2 h8-m1 h8-mp1:P2",
            "h8-mp1:RT h8-m2 h8-mp2:RT",
            "h8-mp2:P2 h8-m3 h8-sw4:eth2",
        ]
    );
    assert_eq!(json["is_complete"], true);
    // Traced from the trunk's rear port, no position is known at the far rear port:
    // `CablePath.from_origin` stops there as split (NetBox itself starts traces only at
    // endpoints; netsot starts them at any port).
    let split: serde_json::Value = serde_json::from_str(&stdout(
        &["trace", "h8-mp1:RT", "--format", "json"],
        dir.path(),
    ))
    .unwrap();
    assert_eq!(split["is_split"], true);
    assert_eq!(split["is_complete"], false);
}

/// The example's DCI: spine to patch panel, panel to the carrier's circuit, and the same at
/// the far site; `show device` gives the far spine as the interface's connected endpoint,
/// and a PDU's input its feed.
#[test]
fn the_example_dci_and_power_reach_their_far_ends() {
    let examples = crate::support::root().join("examples");
    let device: serde_json::Value =
        serde_json::from_str(&stdout(&["show", "device", "ams1-spine1"], &examples)).unwrap();
    let dci = device["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Ethernet33")
        .unwrap();
    assert_eq!(dci["connected_to"], "ams1-pp1:Port 1");
    assert_eq!(
        dci["connected_endpoints"],
        serde_json::json!(["fra1-spine1:Ethernet33"])
    );
    let pdu: serde_json::Value =
        serde_json::from_str(&stdout(&["show", "device", "fra1-r02-pdu-b"], &examples)).unwrap();
    assert_eq!(
        pdu["power_ports"][0]["connected_endpoints"],
        serde_json::json!(["fra1-panel-b:fra1-r02-b"])
    );
    let circuit = stdout(
        &[
            "trace",
            "COLT-WAVE-40211:Z",
            "--type",
            "circuit_termination",
        ],
        &examples,
    );
    assert!(
        circuit.starts_with("COLT-WAVE-40211:Z (circuit termination, fra1)\n  │ cable DCI-01-Z (smf-os2)\nfra1-pp1:Port 1 (rear port)\n"),
        "{circuit}"
    );
    assert!(
        circuit.ends_with("fra1-spine1:Ethernet33 (interface)\ncomplete, active\n"),
        "{circuit}"
    );
}

/// The Icinga 2 dependencies follow the same path: the switch at the far end of two patch
/// panels and a circuit is the parent of the one at the near end.
#[test]
fn icinga2_dependencies_follow_paths_through_patch_panels_and_circuits() {
    let dir = two_panels_and_a_circuit();
    let data = dir.path().join("data/dcim.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    let text = text
        .replace(
            "  - {name: h8-role}\n",
            "  - {name: h8-role}\n  - {name: h8-core}\n",
        )
        .replace(
            "{name: h8-sw2, device_type: h8-generic/h8-sw, role: h8-role, site: h8-fra}",
            "{name: h8-sw2, device_type: h8-generic/h8-sw, role: h8-core, site: h8-fra, primary_ip4: 192.0.2.2/24, interfaces: [{name: lo0, type: virtual, ip_addresses: [{address: 192.0.2.2/24}]}]}",
        )
        .replace(
            "{name: h8-sw1, device_type: h8-generic/h8-sw, role: h8-role, site: h8-ams}",
            "{name: h8-sw1, device_type: h8-generic/h8-sw, role: h8-role, site: h8-ams, primary_ip4: 192.0.2.1/24, interfaces: [{name: lo0, type: virtual, ip_addresses: [{address: 192.0.2.1/24}]}]}",
        );
    std::fs::write(&data, text).unwrap();
    std::fs::write(
        dir.path().join("netsot.yaml"),
        "version: 1\ndata: [data/]\noutputs:\n  - renderer: icinga2\n    path: icinga2/\n    dependencies: {roles: [h8-core, h8-role]}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = netsot(
        &[
            "build",
            dir.path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = std::fs::read_to_string(out.join("icinga2/dependencies.conf")).unwrap();
    assert_eq!(
        written.matches("object Dependency ").count(),
        1,
        "{written}"
    );
    assert!(
        written.contains("  parent_host_name = \"h8-sw2\"\n  child_host_name = \"h8-sw1\"\n"),
        "{written}"
    );
}
