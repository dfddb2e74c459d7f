//! Unnamed devices against the running NetBox (NetBox's `name` is nullable): each is
//! keyed by what places it there (`graph::UnnamedPlace`), by asset tag, by the bay holding
//! it, by rack unit and face, else by type and rank in its site, so a push creates them,
//! a second push plans nothing, and the import writes them back without a name, with their
//! interfaces and addresses, in an order that keeps the rank. A cable NetBox holds on an
//! unnamed device's port cannot be the repository's (an end names its device): the import
//! reports it, and the push lists it as not held, by its ends' keys. Names carry `h7-unn-` and a suffix unique to
//! the run; only what the test created is deleted.

use netsot::netbox::{self, Kind};
use serde_json::json;

use crate::netbox_support::{client, import_site, left, push, unique, CleanUp};
use crate::support::repo;

#[test]
fn unnamed_devices_push_by_their_place_converge_and_import_back_without_a_name() {
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-unn");
    let data = format!(
        "sites:
  - {{name: {run}-site, status: active}}
racks:
  - {{name: {run}-r1, site: {run}-site, u_height: 42}}
device_roles:
  - {{name: {run}-role, color: 9e9e9e}}
manufacturers:
  - {{name: {run}-acme}}
device_types:
  - manufacturer: {run}-acme
    model: {run}-box
    interfaces:
      - {{name: eth0, type: 1000base-t}}
  - manufacturer: {run}-acme
    model: {run}-chassis
    subdevice_role: parent
    device-bays:
      - {{name: Bay 1}}
  - manufacturer: {run}-acme
    model: {run}-blade
    u_height: 0
    subdevice_role: child
devices:
  - name: {run}-named
    role: {run}-role
    device_type: {run}-acme/{run}-box
    site: {run}-site
  - name: {run}-bc
    role: {run}-role
    device_type: {run}-acme/{run}-chassis
    site: {run}-site
  - role: {run}-role
    device_type: {run}-acme/{run}-box
    site: {run}-site
    asset_tag: {run}-T1
    primary_ip4: 192.0.2.1/24
    interfaces:
      - name: eth0
        description: tagged
        ip_addresses:
          - {{address: 192.0.2.1/24, vrf: {run}-vrf}}
  - role: {run}-role
    device_type: {run}-acme/{run}-box
    site: {run}-site
    rack: {run}-r1
    position: 10
    face: front
  - role: {run}-role
    device_type: {run}-acme/{run}-blade
    site: {run}-site
    parent_device: {{device: {run}-bc, bay: Bay 1}}
  - role: {run}-role
    device_type: {run}-acme/{run}-box
    site: {run}-site
    description: first loose box
  - role: {run}-role
    device_type: {run}-acme/{run}-box
    site: {run}-site
    description: second loose box
vrfs:
  - {{name: {run}-vrf}}
"
    );
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    let first = push(dir.path(), &client, true);
    let created: Vec<&str> = first
        .applied
        .iter()
        .filter(|s| s.kind == Kind::Devices && s.action == netbox::Action::Create)
        .map(|s| s.key.as_str())
        .collect();
    let site = format!("{run}-site");
    let box_model = format!("{run}-box");
    let labels = [
        format!("{site}/<unnamed device with asset tag {run}-T1>"),
        format!("{site}/<unnamed device in {run}-r1 at U10 front>"),
        format!("{site}/<unnamed device in bay Bay 1 of {run}-bc>"),
        format!("{site}/<unnamed {box_model} #1>"),
        format!("{site}/<unnamed {box_model} #2>"),
    ];
    for label in &labels {
        assert!(
            created.contains(&label.as_str()),
            "{label} not created: {created:?}"
        );
    }
    let again = push(dir.path(), &client, false);
    assert!(
        again.plan.is_empty(),
        "a second push is not empty: {:#?}",
        left(&again)
    );

    // NetBox holds them without a name, each as the repository placed it.
    let state = netbox::State::read_all(&client).expect("NetBox answers");
    let device = |label: &str| {
        state
            .kind(Kind::Devices)
            .get(label)
            .unwrap_or_else(|| panic!("NetBox has no {label}"))
            .json
            .clone()
    };
    for label in &labels {
        assert!(device(label)["name"].is_null(), "{label} has a name");
    }
    let tagged = device(&labels[0]);
    assert_eq!(tagged["primary_ip4"]["address"], "192.0.2.1/24");
    let eth0 = state
        .kind(Kind::Interfaces)
        .get(&format!("{}:eth0", labels[0]))
        .expect("the tagged device's eth0");
    assert_eq!(eth0.json["description"], "tagged");
    assert_eq!(device(&labels[3])["description"], "first loose box");
    assert_eq!(device(&labels[4])["description"], "second loose box");
    let bay = state
        .kind(Kind::DeviceBays)
        .get(&format!("{site}/{run}-bc:Bay 1"))
        .expect("the chassis' bay");
    assert_eq!(bay.json["installed_device"]["id"], device(&labels[2])["id"]);

    // A cable made in NetBox on an unnamed device's port is none of the repository's.
    let named_eth0 = state
        .kind(Kind::Interfaces)
        .get(&format!("{site}/{run}-named:eth0"))
        .expect("the named device's eth0")
        .id;
    let cable = client
        .post(
            "/api/dcim/cables/",
            &json!({
                "a_terminations": [{"object_type": "dcim.interface", "object_id": eth0.id}],
                "b_terminations": [{"object_type": "dcim.interface", "object_id": named_eth0}],
            }),
        )
        .expect("NetBox makes the cable");
    // The repository cannot hold it: it is reported as not held (by its ends), and only
    // `--prune` would delete it, as anything else the repository does not hold.
    let plan = push(dir.path(), &client, false).plan;
    assert!(plan.is_empty(), "{:#?}", plan.steps);
    let cable_key = format!("{}:eth0 = {site}/{run}-named:eth0", labels[0]);
    assert!(
        plan.prunable()
            .any(|n| n.kind == Kind::Cables && n.key == cable_key),
        "{cable_key} not offered to --prune: {:#?}",
        plan.not_held
    );

    let (text, report) = import_site(&client, &site);
    for expected in [
        format!("asset_tag: {run}-T1"),
        "- name: eth0\n        description: tagged".to_string(),
        format!("rack: {run}-r1\n    position: 10\n    face: front"),
        format!("parent_device: {{device: {run}-bc, bay: Bay 1}}"),
    ] {
        assert!(
            text.contains(&expected),
            "`{expected}` not imported:\n{text}"
        );
    }
    // The two loose boxes keep their rank: the first one NetBox made is written first.
    let first_box = text.find("first loose box").expect("first box imported");
    let second_box = text.find("second loose box").expect("second box imported");
    assert!(first_box < second_box, "{text}");
    assert!(
        !report.contains("dcim.device:") && !report.contains("dcim.interface:"),
        "{report}"
    );
    assert!(
        report.contains("dcim.cable: cable to a port of a device without a name"),
        "{report}"
    );
    let _ = client.delete(
        "/api/dcim/cables/",
        &json!([{ "id": cable["id"].as_u64().unwrap_or_default() }]),
    );
}
