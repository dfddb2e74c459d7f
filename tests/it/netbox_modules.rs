//! Modules against the running NetBox: a chassis type with a module bay, a device with a
//! bay of its own beyond its type's, a line card installed in each, and a PIC nested in a
//! bay the line card's type brings. NetBox makes the device's bays with the device and a
//! module's interfaces, ports and bays with the module (`{module}` replaced by the bays'
//! positions, outermost first); the push creates the rest, refines a module's interface
//! the device's entry changes, cables a module's port, and a second push plans nothing.
//! The import writes the modules back as the device's `modules:` tree and the extra bay as
//! `module_bays:`. A blade chassis' device bays come with it, and the push installs a blade
//! in one, which the import writes as the blade's `parent_device`. Names carry `h7-mod-` and a suffix unique to the run; only what the test
//! created is deleted.

use netsot::netbox::{self, Kind};

use crate::netbox_support::{client, import_site, left, push, unique, CleanUp};
use crate::support::repo;

#[test]
fn modules_bays_and_child_devices_push_with_their_components_converge_and_import_back() {
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-mod");
    let chassis = format!(
        "manufacturer: {run}-acme
model: {run}-chassis
u_height: 2
interfaces:
  - {{name: fxp0, type: 1000base-t, mgmt_only: true}}
module-bays:
  - {{name: FPC 0, position: '0'}}
"
    );
    let card = format!(
        "manufacturer: {run}-acme
model: {run}-card
part_number: LC-1
interfaces:
  - {{name: 'et-{{module}}/0/0', type: 100gbase-x-qsfp28, label: 'card {{module}}'}}
console-ports:
  - {{name: 'con {{module}}', type: rj-45}}
module-bays:
  - {{name: 'PIC {{module}}/1', position: '1'}}
"
    );
    let pic = format!(
        "manufacturer: {run}-acme
model: {run}-pic
interfaces:
  - {{name: 'xe-{{module}}/{{module}}/0', type: 10gbase-x-sfpp}}
"
    );
    let data = format!(
        "sites:
  - {{name: {run}-site, status: active}}
device_roles:
  - {{name: {run}-router, color: 9e9e9e}}
  - {{name: {run}-console, color: 9e9e9e}}
device_types:
  - manufacturer: {run}-acme
    model: {run}-cs
    console-server-ports:
      - {{name: port1, type: rj-45}}
  - manufacturer: {run}-acme
    model: {run}-blade-chassis
    subdevice_role: parent
    device-bays:
      - {{name: Bay 1}}
      - {{name: Bay 2, label: right}}
  - manufacturer: {run}-acme
    model: {run}-blade
    u_height: 0
    subdevice_role: child
devices:
  - name: {run}-bc1
    role: {run}-router
    device_type: {run}-acme/{run}-blade-chassis
    site: {run}-site
  - name: {run}-blade1
    role: {run}-router
    device_type: {run}-acme/{run}-blade
    site: {run}-site
    parent_device: {{device: {run}-bc1, bay: Bay 2}}
  - name: {run}-r1
    role: {run}-router
    device_type: {run}-acme/{run}-chassis
    site: {run}-site
    module_bays:
      - {{name: FPC 9, position: '9', label: spare slot}}
    modules:
      - {{bay: FPC 0, type: {run}-acme/{run}-card, serial: C0}}
      - bay: FPC 9
        type: {run}-acme/{run}-card
        status: planned
        modules:
          - {{bay: PIC 9/1, type: {run}-acme/{run}-pic, asset_tag: {run}-P1}}
    interfaces:
      - {{name: et-9/0/0, description: uplink, enabled: false}}
  - name: {run}-cs1
    role: {run}-console
    device_type: {run}-acme/{run}-cs
    site: {run}-site
cables:
  - {{a: {run}-r1:con 9, a_type: console_port, b: {run}-cs1:port1, b_type: console_server_port}}
"
    );
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data),
        (
            &format!("device-types/{run}-acme/{run}-chassis.yaml"),
            &chassis,
        ),
        (&format!("module-types/{run}-acme/{run}-card.yaml"), &card),
        (&format!("module-types/{run}-acme/{run}-pic.yaml"), &pic),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    let first = push(dir.path(), &client, true);
    let created = |kind: Kind| {
        first
            .applied
            .iter()
            .filter(|s| s.kind == kind && s.action == netbox::Action::Create)
            .count()
    };
    assert_eq!(created(Kind::ModuleTypes), 2);
    // The chassis' FPC 0 is made with the device; FPC 9 is the device's own.
    assert_eq!(created(Kind::ModuleBayTemplates), 2);
    assert_eq!(created(Kind::ModuleBays), 1);
    assert_eq!(created(Kind::Modules), 3);
    assert_eq!(created(Kind::Cables), 1);
    assert_eq!(created(Kind::DeviceBayTemplates), 2);
    // NetBox made the chassis' bays with it; the push installs the blade in one.
    let installed = first
        .applied
        .iter()
        .filter(|s| s.kind == Kind::DeviceBays)
        .filter(|s| matches!(s.action, netbox::Action::Update(_)))
        .count();
    assert_eq!(installed, 1);
    let again = push(dir.path(), &client, false);
    assert!(
        again.plan.is_empty(),
        "a second push is not empty: {:#?}",
        left(&again)
    );

    let state = netbox::State::read_all(&client).expect("NetBox answers");
    let device = format!("{run}-site/{run}-r1");
    let get = |kind: Kind, key: &str| {
        state
            .kind(kind)
            .get(&format!("{device}:{key}"))
            .unwrap_or_else(|| panic!("NetBox has no {kind:?} {device}:{key}"))
            .json
            .clone()
    };
    let outer = get(Kind::Modules, "FPC 9");
    assert_eq!(outer["status"]["value"], "planned");
    let nested_bay = get(Kind::ModuleBays, "FPC 9/PIC 9/1");
    assert_eq!(nested_bay["module"]["id"], outer["id"]);
    assert_eq!(nested_bay["position"], "1");
    let nested = get(Kind::Modules, "FPC 9/PIC 9/1");
    assert_eq!(nested["asset_tag"], format!("{run}-P1"));
    // NetBox named the PIC's interface from both bays' positions, outermost first.
    let xe = get(Kind::Interfaces, "xe-9/1/0");
    assert_eq!(xe["module"]["id"], nested["id"]);
    let et = get(Kind::Interfaces, "et-9/0/0");
    assert_eq!(et["module"]["id"], outer["id"]);
    assert_eq!(et["label"], "card 9");
    assert_eq!(et["description"], "uplink");
    assert_eq!(et["enabled"], false);
    assert_eq!(get(Kind::ModuleBays, "FPC 9")["label"], "spare slot");
    let console = get(Kind::ConsolePorts, "con 9");
    assert_eq!(console["module"]["id"], outer["id"]);
    assert!(console["cable"].is_object(), "the module's port is cabled");

    let bay = state
        .kind(Kind::DeviceBays)
        .get(&format!("{run}-site/{run}-bc1:Bay 2"))
        .expect("the chassis' bay")
        .json
        .clone();
    assert_eq!(bay["installed_device"]["name"], format!("{run}-blade1"));
    assert_eq!(bay["label"], "right");

    let (text, report) = import_site(&client, &format!("{run}-site"));
    for expected in [
        "module_bays:\n      - {name: FPC 9, label: spare slot, position: \"9\"}".to_string(),
        format!("- {{bay: FPC 0, type: {run}-acme/{run}-card, serial: C0}}"),
        format!("- bay: FPC 9\n        type: {run}-acme/{run}-card\n        status: planned\n        modules:\n          - bay: PIC 9/1\n            type: {run}-acme/{run}-pic\n            asset_tag: {run}-P1\n"),
        "- {name: et-9/0/0, enabled: false, description: uplink}".to_string(),
        format!("parent_device: {{device: {run}-bc1, bay: Bay 2}}"),
    ] {
        assert!(
            text.contains(&expected),
            "`{expected}` not imported:\n{text}"
        );
    }
    for untouched in ["xe-9/1/0", "et-0/0/0"] {
        assert!(
            !text.contains(untouched),
            "{untouched} is its module template's and is not written:\n{text}"
        );
    }
    assert!(!report.contains("module"), "{report}");
}

/// A module whose type would make a component the device's NetBox copy already has
/// outside any module (made there by hand): NetBox's API cannot adopt it and would fail in
/// its database; the push refuses the module at its line, naming the component, before
/// sending it.
#[test]
fn a_module_over_a_component_netbox_already_has_is_refused_at_its_line() {
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-mod-clash");
    let card = format!(
        "manufacturer: {run}-acme
model: {run}-card
interfaces:
  - {{name: 'et-{{module}}/0/0', type: 100gbase-x-qsfp28}}
"
    );
    let data = |modules: &str| {
        format!(
            "sites:
  - {{name: {run}-site, status: active}}
device_roles:
  - {{name: {run}-router, color: 9e9e9e}}
device_types:
  - manufacturer: {run}-acme
    model: {run}-chassis
    module-bays:
      - {{name: FPC 0, position: '0'}}
devices:
  - name: {run}-r1
    role: {run}-router
    device_type: {run}-acme/{run}-chassis
    site: {run}-site
{modules}"
        )
    };
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data("")),
        (&format!("module-types/{run}-acme/{run}-card.yaml"), &card),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    push(dir.path(), &client, true);
    // Someone made the interface by hand in NetBox.
    let state = netbox::State::read_all(&client).expect("NetBox answers");
    let device = state
        .kind(Kind::Devices)
        .get(&format!("{run}-site/{run}-r1"))
        .expect("the device")
        .id;
    client
        .post(
            "/api/dcim/interfaces/",
            &serde_json::json!({"device": device, "name": "et-0/0/0", "type": "virtual"}),
        )
        .expect("NetBox makes the interface");
    let modules = format!("    modules:\n      - {{bay: FPC 0, type: {run}-acme/{run}-card}}\n");
    std::fs::write(dir.path().join("data/network.yaml"), data(&modules)).expect("write");
    let compilation = crate::support::compile_path(dir.path());
    let pushed = netbox::push(
        &compilation,
        &client,
        netbox::Options {
            apply: true,
            prune: false,
            allow_input_errors: false,
        },
    )
    .expect("the push runs");
    let listed = crate::support::listed(&pushed.refused, &compilation);
    assert_eq!(pushed.refused.len(), 1, "{listed}");
    assert!(
        listed.starts_with("NS0901 data/network.yaml:16:15: NetBox refused module")
            && listed.contains("already has interface `et-0/0/0` outside any module"),
        "{listed}"
    );
    assert!(
        !pushed.applied.iter().any(|s| s.kind == Kind::Modules),
        "the module was sent"
    );
}
