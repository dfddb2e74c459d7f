//! Inventory items and wireless (issue 15): items nested under devices with their type's
//! `inventory-items`, NetBox's rules for them, and wireless LANs and links, a link being
//! the interface's peer in `show device` and `netsot trace` as in NetBox's cable path.

use serde_json::{json, Value};

use crate::support::{compile_path, listed, netsot, repo};

const INVENTORY: &str = "sites:
  - {name: ams1, status: active}
device_roles:
  - {name: router}
manufacturers:
  - {name: Acme}
inventory_item_roles:
  - {name: psu}
device_types:
  - manufacturer: Acme
    model: R1
    interfaces:
      - {name: eth0, type: 10gbase-x-sfpp}
    inventory-items:
      - {name: Fan 1, manufacturer: Acme, part_id: FAN-1}
devices:
  - name: r1
    role: router
    device_type: Acme/R1
    site: ams1
    asset_tag: R1
    inventory_items:
      - {name: Fan 1, serial: F1, asset_tag: INV-1}
      - {name: PSU 1, role: psu, manufacturer: Acme}
      - {name: Optic, component: eth0, parent: PSU 1}
      - {name: Optic, component: eth9, parent: PSU 1}
      - {name: Card A, parent: Card B}
      - {name: Card B, parent: Card A}
      - {name: Lost, parent: Nowhere, asset_tag: INV-1}
      - {name: Plug, component_type: power_port, component: PSU9}
";

#[test]
fn inventory_items_follow_netbox_rules() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", INVENTORY)]);
    let compilation = compile_path(dir.path());
    let text = listed(&compilation.diagnostics, &compilation);
    let lines: Vec<&str> = text.lines().collect();
    let has = |code: &str, message: &str| {
        lines
            .iter()
            .any(|l| l.starts_with(code) && l.contains(message))
    };
    assert!(has("NS0201", "duplicate inventory item `Optic`"), "{text}");
    assert!(
        has(
            "NS0301",
            "device `r1` has no interface `eth9` for inventory item `Optic`"
        ),
        "{text}"
    );
    assert!(
        has("NS0308", "the inventory item parents form a cycle"),
        "{text}"
    );
    assert!(
        has("NS0301", "device `r1` has no inventory item `Nowhere`"),
        "{text}"
    );
    assert!(has("NS0201", "inventory item asset tag `INV-1`"), "{text}");
    assert!(
        has("NS0301", "device `r1` has no power port `PSU9`"),
        "{text}"
    );
    // The item named as the type's template refines it: no duplicate, no other finding.
    assert_eq!(lines.len(), 6, "{text}");
}

#[test]
fn a_device_view_lists_its_types_items_refined_then_its_own() {
    let data = INVENTORY
        .split("      - {name: Optic, component: eth9")
        .next()
        .unwrap();
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let show = netsot(&["show", "device", "r1"], dir.path());
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
    let device: Value = serde_json::from_slice(&show.stdout).unwrap();
    let items = device["inventory_items"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Fan 1", "PSU 1", "Optic"]);
    // The template gives the part, the device's entry the serial.
    assert_eq!(items[0]["part_id"], "FAN-1");
    assert_eq!(items[0]["serial"], "F1");
    assert_eq!(items[2]["component_type"], "interface");
    assert_eq!(items[2]["component"], "eth0");
    assert_eq!(items[2]["parent"], "PSU 1");
}

const WIRELESS: &str = "sites:
  - {name: ams1, status: active}
  - {name: fra1, status: active}
device_roles:
  - {name: ap}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: AP1
    interfaces:
      - {name: eth0, type: 1000base-t}
      - {name: wlan0, type: ieee802.11ax}
vlans:
  - {vid: 99, name: mgmt, site: ams1}
wireless_lan_groups:
  - {name: offices, slug: offices}
wireless_lans:
  - {ssid: staff, group: offices, scope: ams1, vlan: mgmt, auth_type: wpa-personal, auth_psk: s3cret}
devices:
  - name: ap1
    role: ap
    device_type: Acme/AP1
    site: ams1
    interfaces:
      - {name: wlan0, rf_role: ap, rf_channel: 5g-36-5180-20, tx_power: 20, wireless_lans: [staff]}
  - {name: ap2, role: ap, device_type: Acme/AP1, site: fra1}
wireless_links:
  - {interface_a: 'ap1:wlan0', interface_b: 'ap2:wlan0', ssid: backhaul, distance: 12, distance_unit: km}
";

#[test]
fn a_wireless_link_is_the_peer_in_show_and_trace() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", WIRELESS)]);
    let compilation = compile_path(dir.path());
    assert_eq!(listed(&compilation.diagnostics, &compilation), "");
    let show = netsot(&["show", "device", "ap1"], dir.path());
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
    let device: Value = serde_json::from_slice(&show.stdout).unwrap();
    let wlan = device["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "wlan0")
        .unwrap();
    assert_eq!(wlan["connected_to"], "ap2:wlan0");
    assert_eq!(wlan["connected_endpoints"], json!(["ap2:wlan0"]));
    assert_eq!(wlan["connected_endpoints_reachable"], true);
    assert_eq!(wlan["rf_role"], "ap");
    // The channel sets frequency and width, as NetBox's `Interface.save`.
    assert_eq!(wlan["rf_channel_frequency"], 5180.0);
    assert_eq!(wlan["rf_channel_width"], 20.0);
    assert_eq!(wlan["wireless_lans"], json!(["staff"]));
    assert_eq!(wlan["wireless_link"]["peer"], "ap2:wlan0");

    let trace = netsot(&["trace", "ap2:wlan0", "--format", "json"], dir.path());
    assert!(
        trace.status.success(),
        "{}",
        String::from_utf8_lossy(&trace.stderr)
    );
    let path: Value = serde_json::from_slice(&trace.stdout).unwrap();
    assert_eq!(path["is_complete"], true);
    assert_eq!(path["is_active"], true);
    let segments = path["path"].as_array().unwrap();
    assert_eq!(segments.len(), 1);
    assert_eq!(segments[0][1]["type"], "wireless_link");
    assert_eq!(segments[0][1]["ssid"], "backhaul");
    let text = netsot(&["trace", "ap1:wlan0"], dir.path());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("≈ wireless link backhaul"), "{text}");
    assert!(text.contains("ap2"), "{text}");
}

#[test]
fn wireless_lans_resolve_by_ssid_and_group() {
    let data = WIRELESS.replace("wireless_lans: [staff]", "wireless_lans: [guest]")
        + "  - {interface_a: 'ap1:eth0', interface_b: 'ap2:wlan0'}\n";
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    let compilation = compile_path(dir.path());
    let text = listed(&compilation.diagnostics, &compilation);
    assert!(
        text.contains("NS0301") && text.contains("no wireless LAN named `guest`"),
        "{text}"
    );
    assert!(
        text.contains("NS0640") && text.contains("`ap1:eth0` is a 1000base-t interface"),
        "{text}"
    );
    assert!(
        text.contains("NS0643") && text.contains("interface `ap2:wlan0` is already an end"),
        "{text}"
    );
}
