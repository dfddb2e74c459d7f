//! Power and the components of devices other than interfaces through the NetBox bridge
//! (issue 16): what a push wants NetBox to hold for the example's panels, feeds, PDUs and
//! their cables, and what the import writes for them from NetBox's lists. The live round
//! trip (`netbox_roundtrip.rs`) proves both against a real NetBox.

use std::path::Path;

use serde_json::{json, Value};

use netsot::netbox::{self, Desired, Kind, Want};

use crate::support::{compile_path, render};

fn find<'a>(desired: &'a [Desired], kind: Kind, key: &str) -> &'a Desired {
    desired
        .iter()
        .find(|d| d.kind == kind && d.key == key)
        .unwrap_or_else(|| {
            let keys: Vec<&str> = desired
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| d.key.as_str())
                .take(20)
                .collect();
            panic!("no {kind:?} `{key}` among {keys:?}")
        })
}

fn field<'a>(desired: &'a Desired, name: &str) -> &'a Want {
    &desired
        .fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("`{}` has no field `{name}`", desired.key))
        .want
}

fn value(desired: &Desired, name: &str) -> Value {
    match field(desired, name) {
        Want::Value(value) => value.clone(),
        other => panic!("`{name}` of `{}` is {other:?}", desired.key),
    }
}

fn reference(desired: &Desired, name: &str) -> Option<String> {
    match field(desired, name) {
        Want::Ref(_, key) => key.clone(),
        other => panic!("`{name}` of `{}` is {other:?}", desired.key),
    }
}

#[test]
fn a_push_carries_panels_feeds_device_ports_and_cables_between_any_ends() {
    let compilation = compile_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"));
    assert!(!compilation.has_errors(), "{}", render(&compilation));
    let desired = netbox::desired(&compilation);

    let panel = find(&desired, Kind::PowerPanels, "ams1/ams1-panel-a");
    assert_eq!(reference(panel, "site").as_deref(), Some("ams1"));
    assert_eq!(
        reference(panel, "location").as_deref(),
        Some("ams1/ams1-hall1")
    );
    let feed = find(&desired, Kind::PowerFeeds, "ams1/ams1-panel-b:ams1-r01-b");
    assert_eq!(
        reference(feed, "power_panel").as_deref(),
        Some("ams1/ams1-panel-b")
    );
    assert_eq!(reference(feed, "rack").as_deref(), Some("ams1/ams1-r01"));
    assert_eq!(value(feed, "type"), json!("redundant"));
    assert_eq!(value(feed, "voltage"), json!(230));
    assert_eq!(value(feed, "amperage"), json!(16));
    assert_eq!(value(feed, "status"), json!("active"));

    // The PDU's type gives its outlets; the push names each outlet's power port on the
    // same device, and the type's outlet templates are pushed too.
    let outlet = find(
        &desired,
        Kind::PowerOutlets,
        "ams1/ams1-r01-pdu-a:Power Outlet 1",
    );
    assert_eq!(
        reference(outlet, "power_port").as_deref(),
        Some("ams1/ams1-r01-pdu-a:Power Port 1")
    );
    assert_eq!(value(outlet, "feed_leg"), json!("A"));
    assert_eq!(value(outlet, "type"), json!("iec-60320-c13"));
    let template = find(
        &desired,
        Kind::PowerOutletTemplates,
        "APC/AP8958:Power Outlet 1",
    );
    assert_eq!(
        reference(template, "power_port").as_deref(),
        Some("APC/AP8958:Power Port 1")
    );
    find(&desired, Kind::ConsolePorts, "ams1/ams1-r01-pdu-a:Serial");

    // A server's entry refines its type's power port: the entry's draws, the type's rest.
    let psu = find(&desired, Kind::PowerPorts, "ams1/ams1-srv01:PSU1");
    assert_eq!(value(psu, "maximum_draw"), json!(1000));
    assert_eq!(value(psu, "allocated_draw"), json!(450));
    assert_eq!(value(psu, "type"), json!("iec-60320-c14"));
    assert_eq!(value(psu, "mark_connected"), json!(false));

    // Cables to a feed, to a power port, to a front port and to a circuit termination.
    let kinds_of = |key: &str| -> Vec<Kind> {
        let cable = find(&desired, Kind::Cables, key);
        ["a_terminations", "b_terminations"]
            .iter()
            .flat_map(|side| match field(cable, side) {
                Want::Ends(ends) => ends.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    assert_eq!(
        kinds_of("ams1/ams1-panel-a:ams1-r01-a = ams1/ams1-r01-pdu-a:Power Port 1"),
        [Kind::PowerFeeds, Kind::PowerPorts]
    );
    assert_eq!(
        kinds_of("ams1/ams1-r01-pdu-a:Power Outlet 1 = ams1/ams1-srv01:PSU1"),
        [Kind::PowerPorts, Kind::PowerOutlets]
    );
    let cables: Vec<&str> = desired
        .iter()
        .filter(|d| d.kind == Kind::Cables)
        .map(|d| d.key.as_str())
        .collect();
    assert!(
        cables
            .iter()
            .any(|key| key.contains("/A") || key.contains("/Z")),
        "a cable to a circuit termination: {cables:?}"
    );
    let rear_to_circuit = desired
        .iter()
        .filter(|d| d.kind == Kind::Cables)
        .flat_map(|d| match field(d, "a_terminations") {
            Want::Ends(ends) => ends.clone(),
            _ => Vec::new(),
        })
        .chain(
            desired
                .iter()
                .filter(|d| d.kind == Kind::Cables)
                .flat_map(|d| match field(d, "b_terminations") {
                    Want::Ends(ends) => ends.clone(),
                    _ => Vec::new(),
                }),
        )
        .map(|(kind, _)| kind)
        .collect::<std::collections::BTreeSet<Kind>>();
    for kind in [
        Kind::Interfaces,
        Kind::FrontPorts,
        Kind::RearPorts,
        Kind::PowerPorts,
        Kind::PowerOutlets,
        Kind::PowerFeeds,
        Kind::CircuitTerminations,
    ] {
        assert!(rear_to_circuit.contains(&kind), "no cable end on {kind:?}");
    }
    // Every end a cable names is an object the push holds.
    for cable in desired.iter().filter(|d| d.kind == Kind::Cables) {
        for side in ["a_terminations", "b_terminations"] {
            let Want::Ends(ends) = field(cable, side) else {
                unreachable!()
            };
            for (kind, key) in ends {
                assert!(
                    desired.iter().any(|d| d.kind == *kind && &d.key == key),
                    "cable `{}`: no {kind:?} `{key}`",
                    cable.key
                );
            }
        }
    }
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

/// A site with a rack, a panel and a feed to the rack's PDU, cabled to its power port; one
/// of the PDU's outlets is on another leg than its template says.
fn powered_netbox() -> netsot::netbox::import::fetch::Snapshot {
    let ams1 = nested("dcim/sites", 1, json!({"name": "ams1", "slug": "ams1"}));
    let acme = nested(
        "dcim/manufacturers",
        1,
        json!({"name": "Acme", "slug": "acme"}),
    );
    let pdu_type = nested(
        "dcim/device-types",
        1,
        json!({"manufacturer": acme, "model": "PDU"}),
    );
    let pdu = nested("dcim/devices", 1, json!({"name": "pdu1"}));
    let panel = nested("dcim/power-panels", 1, json!({"name": "panel-a"}));
    let rack = nested("dcim/racks", 1, json!({"name": "r1"}));
    let port_template = nested("dcim/power-port-templates", 1, json!({"name": "PP1"}));
    let port = nested("dcim/power-ports", 1, json!({"name": "PP1"}));
    let outlet_template = |id: u64, name: &str| {
        json!({"id": id, "device_type": pdu_type, "module_type": null, "name": name, "label": "",
               "type": choice("iec-60320-c13"), "power_port": port_template, "feed_leg": choice("A"),
               "description": ""})
    };
    let outlet = |id: u64, name: &str, leg: &str| {
        json!({"id": id, "device": pdu, "module": null, "name": name, "label": "",
               "type": choice("iec-60320-c13"), "power_port": port, "feed_leg": choice(leg),
               "description": "", "mark_connected": false, "cable": null, "link_peers": [],
               "tags": [], "custom_fields": {}})
    };
    netsot::netbox::import::fetch::Snapshot::from_lists([
        (
            "dcim/sites",
            vec![
                json!({"id": 1, "name": "ams1", "slug": "ams1", "status": choice("active"), "tags": [], "custom_fields": {}}),
            ],
        ),
        (
            "dcim/manufacturers",
            vec![json!({"id": 1, "name": "Acme", "slug": "acme"})],
        ),
        (
            "dcim/device-types",
            vec![
                json!({"id": 1, "manufacturer": acme, "model": "PDU", "slug": "acme-pdu", "u_height": 0.0, "is_full_depth": false, "weight_unit": null}),
            ],
        ),
        (
            "dcim/power-port-templates",
            vec![
                json!({"id": 1, "device_type": pdu_type, "module_type": null, "name": "PP1", "label": "", "type": choice("iec-60320-c20"), "maximum_draw": null, "allocated_draw": null, "description": ""}),
            ],
        ),
        (
            "dcim/power-outlet-templates",
            vec![outlet_template(1, "O1"), outlet_template(2, "O2")],
        ),
        (
            "dcim/device-roles",
            vec![
                json!({"id": 1, "name": "pdu", "slug": "pdu", "color": "9e9e9e", "vm_role": false}),
            ],
        ),
        (
            "dcim/racks",
            vec![
                json!({"id": 1, "name": "r1", "site": ams1, "status": choice("active"), "u_height": 42, "tags": [], "custom_fields": {}}),
            ],
        ),
        (
            "dcim/devices",
            vec![json!({
                "id": 1, "name": "pdu1", "device_type": pdu_type, "role": nested("dcim/device-roles", 1, json!({"name": "pdu"})),
                "site": ams1, "rack": rack, "status": choice("active"), "tags": [], "custom_fields": {}})],
        ),
        (
            "dcim/power-ports",
            vec![json!({
                "id": 1, "device": pdu, "module": null, "name": "PP1", "label": "", "type": choice("iec-60320-c20"),
                "maximum_draw": null, "allocated_draw": null, "description": "", "mark_connected": false,
                "cable": nested("dcim/cables", 1, json!({})), "cable_end": "B", "link_peers": [],
                "tags": [], "custom_fields": {}})],
        ),
        (
            "dcim/power-outlets",
            vec![outlet(1, "O1", "A"), outlet(2, "O2", "B")],
        ),
        (
            "dcim/power-panels",
            vec![json!({
                "id": 1, "site": ams1, "location": null, "name": "panel-a", "description": "A side",
                "comments": "", "tags": [], "custom_fields": {}, "powerfeed_count": 1})],
        ),
        (
            "dcim/power-feeds",
            vec![json!({
                "id": 1, "power_panel": panel, "rack": rack, "name": "feed1", "status": choice("active"),
                "type": choice("primary"), "supply": choice("ac"), "phase": choice("single-phase"),
                "voltage": 230, "amperage": 16, "max_utilization": 80, "mark_connected": false,
                "cable": nested("dcim/cables", 1, json!({})), "cable_end": "A", "link_peers": [],
                "available_power": 2944, "tenant": null, "description": "", "comments": "",
                "tags": [], "custom_fields": {}})],
        ),
        (
            "dcim/cables",
            // NetBox's nested feed names no panel: the import finds it through the feed.
            vec![json!({
                "id": 1, "status": choice("connected"), "type": choice("power"),
                "a_terminations": [{"object_type": "dcim.powerfeed", "object_id": 1,
                    "object": {"id": 1, "name": "feed1", "description": "", "cable": {"id": 1}, "_occupied": true}}],
                "b_terminations": [{"object_type": "dcim.powerport", "object_id": 1,
                    "object": {"id": 1, "name": "PP1", "device": {"id": 1, "name": "pdu1"}}}]})],
        ),
    ])
}

#[test]
fn an_import_writes_panels_and_feeds_in_their_site_an_outlet_that_differs_and_the_feed_cable() {
    use netsot::netbox::import::{convert, Options};
    let snapshot = powered_netbox();
    let options = Options {
        sites: vec!["ams1".into()],
    };
    let imported = convert(&snapshot, &options).expect("converts");
    let site = imported
        .files
        .iter()
        .find(|(p, _)| p == "data/sites/ams1.yaml")
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("ams1");
    for expected in [
        "power_panels:\n  - {name: panel-a, site: ams1, description: A side}\n",
        "power_feeds:\n  - name: feed1\n    power_panel: panel-a\n    rack: r1\n    type: primary\n    supply: ac\n    phase: single-phase\n    voltage: 230\n    amperage: 16\n    max_utilization: 80\n",
        "    power_outlets:\n      - {name: O2, type: iec-60320-c13, power_port: PP1, feed_leg: B}\n",
        "cables:\n  - {a: \"panel-a:feed1\", b: \"pdu1:PP1\", a_type: power_feed, b_type: power_port, type: power}\n",
    ] {
        assert!(site.contains(expected), "{expected}\nnot in:\n{site}");
    }
    assert!(!site.contains("name: O1"), "{site}");
    assert_eq!(
        imported.not_carried.lines(),
        Vec::<String>::new(),
        "everything is carried"
    );

    // Written out, it checks clean and reads back as NetBox holds it.
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
    let compilation = compile_path(dir.path());
    assert!(!compilation.has_errors(), "{}", render(&compilation));
    let desired = netbox::desired(&compilation);
    let feed = find(&desired, Kind::PowerFeeds, "ams1/panel-a:feed1");
    assert_eq!(value(feed, "voltage"), json!(230));
    let o2 = find(&desired, Kind::PowerOutlets, "ams1/pdu1:O2");
    assert_eq!(value(o2, "feed_leg"), json!("B"));
    assert_eq!(
        reference(o2, "power_port").as_deref(),
        Some("ams1/pdu1:PP1")
    );
    let o1 = find(&desired, Kind::PowerOutlets, "ams1/pdu1:O1");
    assert_eq!(value(o1, "feed_leg"), json!("A"));
    find(&desired, Kind::Cables, "ams1/panel-a:feed1 = ams1/pdu1:PP1");
}

/// A site of its own on the shared NetBox (names start with `h6-` and a suffix unique to
/// the run): a PDU fed from a panel, a server on two of its outlets (one outlet refined
/// by the device), a console cable. Pushed, it plans nothing again; imported back, it
/// gives the same objects.
#[test]
fn power_and_ports_pushed_into_netbox_plan_nothing_again_and_import_back() {
    let Some((url, token)) = crate::support::netbox_env() else {
        return;
    };
    let client = netbox::Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let run = format!("h6-pw-{:x}", (nanos as u64) ^ u64::from(std::process::id()));
    let data = format!(
        "sites:
  - {{name: {run}-site, status: active}}
manufacturers:
  - {{name: {run}-acme}}
device_roles:
  - {{name: {run}-pdu, color: 9e9e9e}}
device_types:
  - manufacturer: {run}-acme
    model: {run}-pdu
    u_height: 0
    console-ports:
      - {{name: Serial, type: rj-45}}
    power-ports:
      - {{name: Input, type: iec-60320-c20}}
    power-outlets:
      - {{name: Outlet 1, type: iec-60320-c13, power_port: Input, feed_leg: A}}
      - {{name: Outlet 2, type: iec-60320-c13, power_port: Input, feed_leg: A}}
  - manufacturer: {run}-acme
    model: {run}-server
    u_height: 1
    console-server-ports:
      - {{name: Console, type: rj-45}}
    power-ports:
      - {{name: PSU1, type: iec-60320-c14}}
racks:
  - {{name: r1, site: {run}-site, u_height: 42}}
power_panels:
  - {{name: {run}-panel, site: {run}-site, description: A side}}
power_feeds:
  - {{name: feed-a, power_panel: {run}-panel, rack: r1, type: primary, supply: ac, phase: single-phase, voltage: 230, amperage: 16, max_utilization: 80}}
devices:
  - name: {run}-pdu1
    role: {run}-pdu
    device_type: {run}-acme/{run}-pdu
    site: {run}-site
    rack: r1
    power_outlets:
      - {{name: Outlet 2, type: iec-60320-c13, power_port: Input, feed_leg: B, status: faulty}}
  - name: {run}-srv1
    role: {run}-pdu
    device_type: {run}-acme/{run}-server
    site: {run}-site
    rack: r1
    position: 10
    face: front
    power_ports:
      - {{name: PSU1, maximum_draw: 500, allocated_draw: 300}}
cables:
  - {{a: \"{run}-panel:feed-a\", a_type: power_feed, b: \"{run}-pdu1:Input\", b_type: power_port, type: power}}
  - {{a: \"{run}-srv1:PSU1\", a_type: power_port, b: \"{run}-pdu1:Outlet 2\", b_type: power_outlet, type: power}}
  - {{a: \"{run}-pdu1:Serial\", a_type: console_port, b: \"{run}-srv1:Console\", b_type: console_server_port}}
"
    );
    let dir = crate::support::repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data),
    ]);
    let push = |path: &Path, apply: bool| {
        let compilation = compile_path(path);
        assert!(!compilation.has_errors(), "{}", render(&compilation));
        let options = netbox::Options {
            apply,
            prune: false,
            allow_input_errors: false,
        };
        let pushed = netbox::push(&compilation, &client, options).expect("push runs");
        assert!(
            pushed.refused.is_empty(),
            "NetBox refused: {}",
            crate::support::listed(&pushed.refused, &compilation)
        );
        pushed
    };
    let first = push(dir.path(), true);
    let created = |kind: Kind| {
        first
            .applied
            .iter()
            .filter(|s| s.kind == kind && s.action == netbox::Action::Create)
            .count()
    };
    assert_eq!(created(Kind::PowerPanels), 1);
    assert_eq!(created(Kind::PowerFeeds), 1);
    assert_eq!(created(Kind::PowerOutletTemplates), 2);
    assert_eq!(created(Kind::Cables), 3);
    let again = push(dir.path(), false);
    assert!(again.plan.is_empty(), "{:#?}", again.plan.steps);

    let out = dir.path().join("imported");
    let output = crate::support::netsot(
        &[
            "import",
            "netbox",
            "--url",
            &url,
            "--token",
            &token,
            "--out",
            &out.display().to_string(),
            "--site",
            &format!("{run}-site"),
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    let site = std::fs::read_to_string(out.join(format!("data/sites/{run}-site.yaml")))
        .expect("the site's file");
    for expected in [
        format!("power_panels:\n  - {{name: {run}-panel, site: {run}-site, description: A side}}"),
        format!("  - name: feed-a\n    power_panel: {run}-panel\n    rack: r1\n    type: primary\n    supply: ac\n    phase: single-phase\n    voltage: 230\n    amperage: 16\n    max_utilization: 80\n"),
        "      - {name: Outlet 2, type: iec-60320-c13, power_port: Input, feed_leg: B, status: faulty}".to_string(),
        "      - {name: PSU1, maximum_draw: 500, allocated_draw: 300}".to_string(),
        format!("a: \"{run}-panel:feed-a\""),
        "a_type: console_port".to_string(),
    ] {
        assert!(site.contains(&expected), "{expected}\nnot in:\n{site}");
    }
    // Outlets' status is carried (NetBox 4.4's `PowerOutlet.status`, `enabled` by default).
    assert!(!stderr.contains("dcim.poweroutlet"), "{stderr}");
    // The import pushed back plans nothing.
    let back = push(&out, false);
    assert!(back.plan.is_empty(), "{:#?}", back.plan.steps);
}
