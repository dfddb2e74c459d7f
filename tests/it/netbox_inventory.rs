//! Inventory items against the running NetBox: a device type with item templates, a
//! device that refines one of them and adds items of its own (nested under a parent, on an
//! interface and on a console port), and item roles. NetBox instantiates the templates'
//! items when it creates the device; the push updates the refined one, creates the rest,
//! and a second push plans nothing. The import writes the device's items back as they were
//! written: the template's items only where they differ. Names carry `h7-inv-` and a suffix
//! unique to the run; only what the test created is deleted.

use netsot::netbox::{self, Client, Kind};

use crate::netbox_support::{import_site, left, push, unique, CleanUp};
use crate::support::{netbox_env, repo};

#[test]
fn inventory_items_refine_their_templates_push_converge_and_import_back() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let run = unique("h7-inv");
    let data = format!(
        "sites:
  - {{name: {run}-site, status: active}}
manufacturers:
  - {{name: {run}-acme}}
device_roles:
  - {{name: {run}-router, color: 9e9e9e}}
inventory_item_roles:
  - {{name: {run}-psu, color: f44336, description: power supplies}}
  - {{name: {run}-optic}}
device_types:
  - manufacturer: {run}-acme
    model: {run}-box
    u_height: 1
    interfaces:
      - {{name: xe-0, type: 10gbase-x-sfpp}}
    console-ports:
      - {{name: con, type: rj-45}}
    inventory-items:
      - {{name: PSU 0, manufacturer: {run}-acme, part_id: PSU-100}}
      - {{name: PSU 1, manufacturer: {run}-acme, part_id: PSU-100, description: spare}}
devices:
  - name: {run}-r1
    role: {run}-router
    device_type: {run}-acme/{run}-box
    site: {run}-site
    status: active
    inventory_items:
      - {{name: PSU 0, serial: S0, role: {run}-psu}}
      - {{name: Chassis, part_id: CH-1, asset_tag: {run}-A1}}
      - {{name: Fan tray, parent: Chassis, status: planned, discovered: true}}
      - {{name: xe-0 optic, role: {run}-optic, manufacturer: {run}-acme, component: xe-0}}
      - {{name: Console adapter, component_type: console_port, component: con, label: RJ45}}
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
    let done = |kind: Kind, update: bool| {
        first
            .applied
            .iter()
            .filter(|s| s.kind == kind)
            .filter(|s| matches!(s.action, netbox::Action::Update(_)) == update)
            .count()
    };
    assert_eq!(done(Kind::InventoryItemRoles, false), 2);
    assert_eq!(done(Kind::InventoryItemTemplates, false), 2);
    // NetBox made PSU 0 and PSU 1 from the templates, the others are created. PSU 0 is
    // refined; PSU 1 gets its template's description, which NetBox does not copy
    // (`InventoryItemTemplate.instantiate`) and netsot's items inherit, as components do.
    assert_eq!(done(Kind::InventoryItems, false), 4);
    assert_eq!(done(Kind::InventoryItems, true), 2);
    let again = push(dir.path(), &client, false);
    assert!(
        again.plan.is_empty(),
        "a second push is not empty: {:#?}",
        left(&again)
    );

    // NetBox holds the items where the repository put them.
    let state = netbox::State::read_all(&client).expect("NetBox answers");
    let item = |path: &str| {
        let key = format!("{run}-site/{run}-r1:{path}");
        state
            .kind(Kind::InventoryItems)
            .get(&key)
            .unwrap_or_else(|| panic!("NetBox has no item {key}"))
            .json
            .clone()
    };
    let fan = item("Chassis/Fan tray");
    assert_eq!(fan["status"]["value"], "planned");
    assert_eq!(fan["parent"], item("Chassis")["id"]);
    let optic = item("xe-0 optic");
    assert_eq!(optic["component_type"], "dcim.interface");
    assert_eq!(optic["component"]["name"], "xe-0");
    assert_eq!(
        item("Console adapter")["component_type"],
        "dcim.consoleport"
    );
    let psu1 = item("PSU 1");
    assert_eq!(psu1["part_id"], "PSU-100", "instantiated from its template");
    assert_eq!(item("PSU 0")["serial"], "S0");

    let (text, report) = import_site(&client, &format!("{run}-site"));
    for expected in [
        format!("- {{name: {run}-psu, color: f44336, description: power supplies}}"),
        format!("- {{name: PSU 0, role: {run}-psu, serial: S0}}"),
        format!("- {{name: Chassis, part_id: CH-1, asset_tag: {run}-A1}}"),
        "- {name: Fan tray, parent: Chassis, status: planned, discovered: true}".to_string(),
        format!("- name: xe-0 optic\n        role: {run}-optic\n        manufacturer: {run}-acme\n        component: xe-0\n"),
        "- {name: Console adapter, label: RJ45, component_type: console_port, component: con}"
            .to_string(),
        "- {name: PSU 1, manufacturer:".to_string(),
    ] {
        assert!(
            text.contains(&expected),
            "`{expected}` not imported:\n{text}"
        );
    }
    assert!(
        !text.contains("inventory_items:\n      - {name: PSU 1"),
        "PSU 1 is exactly its template's and is not written on the device:\n{text}"
    );
    assert!(!report.contains("inventoryitem"), "{report}");
}
