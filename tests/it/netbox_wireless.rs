//! Wireless against the running NetBox: a LAN group nested in another, a LAN scoped to a
//! site and bridged to a VLAN, two access points' radios on a channel joining the LAN, and
//! a point-to-point link between two radios. Pushed, a second push plans nothing; imported
//! back, the objects and the radio settings are written as the repository wrote them (the
//! frequency and width NetBox derives from a channel left out). Names carry `h8-wl-` and
//! a suffix unique to the run; only what the test created is deleted.

use netsot::netbox::{self, Client, Kind};

use crate::netbox_support::{import_site, left, push, unique, CleanUp};
use crate::support::{netbox_env, repo};

#[test]
fn wireless_lans_links_and_radios_push_converge_and_import_back() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let run = unique("h8-wl");
    let data = format!(
        "sites:
  - {{name: {run}-site, status: active}}
manufacturers:
  - {{name: {run}-acme}}
device_roles:
  - {{name: {run}-ap, color: 9e9e9e}}
vlans:
  - {{vid: 42, name: {run}-wifi, site: {run}-site}}
wireless_lan_groups:
  - {{name: {run}-campus}}
  - {{name: {run}-offices, parent: {run}-campus, description: office floors}}
wireless_lans:
  - {{ssid: {run}-staff, group: {run}-offices, scope_type: dcim.site, scope: {run}-site, vlan: {run}-wifi, auth_type: wpa-personal, auth_cipher: aes, auth_psk: correct-horse}}
device_types:
  - manufacturer: {run}-acme
    model: {run}-ap
    u_height: 0
    interfaces:
      - {{name: wlan0, type: ieee802.11ac, rf_role: ap}}
      - {{name: wlan1, type: ieee802.11ac}}
devices:
  - name: {run}-ap1
    role: {run}-ap
    device_type: {run}-acme/{run}-ap
    site: {run}-site
    interfaces:
      - {{name: wlan0, rf_channel: 5g-36-5180-20, tx_power: 17, wireless_lans: [{run}-staff]}}
      - {{name: wlan1, rf_role: station, rf_channel: 5g-149-5745-20}}
  - name: {run}-ap2
    role: {run}-ap
    device_type: {run}-acme/{run}-ap
    site: {run}-site
    interfaces:
      - {{name: wlan0, rf_channel_frequency: 5190, rf_channel_width: 40, wireless_lans: [{run}-offices/{run}-staff]}}
      - {{name: wlan1, rf_role: ap, rf_channel: 5g-149-5745-20}}
wireless_links:
  - {{interface_a: \"{run}-ap1:wlan1\", interface_b: \"{run}-ap2:wlan1\", ssid: {run}-bridge, distance: 120, distance_unit: m, auth_type: open}}
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
    let created = |kind: Kind| first.applied.iter().filter(|s| s.kind == kind).count();
    assert_eq!(created(Kind::WirelessLanGroups), 2);
    assert_eq!(created(Kind::WirelessLans), 1);
    assert_eq!(created(Kind::WirelessLinks), 1);
    let again = push(dir.path(), &client, false);
    assert!(
        again.plan.is_empty(),
        "a second push is not empty: {:#?}",
        left(&again)
    );

    let state = netbox::State::read_all(&client).expect("NetBox answers");
    let interface = |device: &str, name: &str| {
        let key = format!("{run}-site/{run}-{device}:{name}");
        state
            .kind(Kind::Interfaces)
            .get(&key)
            .unwrap_or_else(|| panic!("NetBox has no interface {key}"))
            .json
            .clone()
    };
    let radio = interface("ap1", "wlan0");
    assert_eq!(radio["rf_role"]["value"], "ap", "the template's role");
    assert_eq!(radio["rf_channel_frequency"].as_f64(), Some(5180.0));
    assert_eq!(radio["wireless_lans"][0]["ssid"], format!("{run}-staff"));
    assert_eq!(
        interface("ap2", "wlan0")["rf_channel_width"].as_f64(),
        Some(40.0)
    );
    assert!(interface("ap1", "wlan1")["wireless_link"].is_object());

    let (text, report) = import_site(&client, &format!("{run}-site"));
    for expected in [
        format!(
            "  - name: {run}-offices\n    parent: {run}-campus\n    description: office floors\n"
        ),
        format!("ssid: {run}-staff"),
        format!("group: {run}-offices"),
        "scope_type: dcim.site".to_string(),
        format!("vlan: {run}-wifi"),
        "auth_psk: correct-horse".to_string(),
        format!("interface_a: \"{run}-ap1:wlan1\""),
        "distance: 120".to_string(),
        "rf_channel: 5g-36-5180-20".to_string(),
        "tx_power: 17".to_string(),
        format!("wireless_lans: [{run}-staff]"),
        "rf_channel_frequency: 5190".to_string(),
        "rf_channel_width: 40".to_string(),
        "rf_role: station".to_string(),
    ] {
        assert!(
            text.contains(&expected),
            "`{expected}` not imported:\n{text}"
        );
    }
    assert!(
        !text.contains("rf_channel_frequency: 5180"),
        "the channel's frequency is left to it:\n{text}"
    );
    assert!(!report.contains("wireless"), "{report}");
    assert!(!report.contains("rf_"), "{report}");
}
