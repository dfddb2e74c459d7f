//! Value rules of NetBox's field validators (`check/values.rs`): each test is the smallest
//! repository that breaks one rule, and the same repository with the value fixed.

use crate::support::{compile_path, render, repo};

/// The diagnostics of a repository holding `data` as its one data file.
fn check(data: &str) -> String {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    render(&compile_path(dir.path()))
}

/// `bad` reports exactly `expected`; `good` reports nothing.
fn refused(bad: &str, expected: &str, good: &str) {
    assert_eq!(check(bad), expected, "{bad}");
    assert_eq!(check(good), "", "{good}");
}

const DEVICE_BASE: &str = "sites: [{name: ams1}]\ndevice_roles: [{name: leaf}]\nmanufacturers: [{name: Acme}]\ndevice_types:\n  - {manufacturer: Acme, model: S1, interfaces: [{name: eth0, type: 1000base-t}]}\n";

#[test]
fn coordinates_are_within_the_globe() {
    refused(
        "sites:\n  - {name: ams1, latitude: 95, longitude: 4.9}\n",
        "NS0111 error data/a.yaml:2:28: latitude of site `ams1` is 95, outside -90 to 90\n",
        "sites:\n  - {name: ams1, latitude: 52.37, longitude: -180}\n",
    );
    assert_eq!(
        check("sites:\n  - {name: ams1, longitude: 180.5}\n"),
        "NS0111 error data/a.yaml:2:29: longitude of site `ams1` is 180.5, outside -180 to 180\n"
    );
    // `DecimalField(decimal_places=6)`.
    refused(
        "sites:\n  - {name: ams1, latitude: 52.3731234, longitude: 4.8922}\n",
        "NS0111 error data/a.yaml:2:28: latitude of site `ams1` is 52.3731234, with 7 decimal places; NetBox keeps 6\n",
        "sites:\n  - {name: ams1, latitude: 52.373123, longitude: -0.000001}\n",
    );
    // Devices too (a street cabinet, a mast).
    refused(
        &format!("{DEVICE_BASE}devices:\n  - {{name: cab1, role: leaf, device_type: Acme/S1, site: ams1, latitude: 52.1, longitude: 181}}\n"),
        "NS0111 error data/a.yaml:7:91: longitude of device `cab1` is 181, outside -180 to 180\n",
        &format!("{DEVICE_BASE}devices:\n  - {{name: cab1, role: leaf, device_type: Acme/S1, site: ams1, latitude: 52.1, longitude: 4.9}}\n"),
    );
}

#[test]
fn rack_asset_tags_and_route_distinguishers_respect_netbox_lengths() {
    let tag = "A".repeat(51);
    refused(
        &format!("sites: [{{name: ams1}}]\nracks:\n  - {{name: r1, site: ams1, asset_tag: {tag}}}\n"),
        &format!("NS0111 error data/a.yaml:3:39: asset tag of rack `r1` `{}…` is 51 characters long; NetBox allows 50\n", &tag[..40]),
        &format!("sites: [{{name: ams1}}]\nracks:\n  - {{name: r1, site: ams1, asset_tag: {}}}\n", &tag[..50]),
    );
    refused(
        "vrfs:\n  - {name: blue, rd: \"65000:12345678901234567\"}\n",
        "NS0111 error data/a.yaml:2:22: route distinguisher of VRF `blue` `65000:12345678901234567` is 23 characters long; NetBox allows 21\n",
        "vrfs:\n  - {name: blue, rd: \"65000:123456789012345\"}\n",
    );
}

#[test]
fn time_zones_are_zone_names() {
    refused(
        "sites:\n  - {name: ams1, time_zone: Europe/Amsterdm}\n",
        "NS0105 error data/a.yaml:2:29: time zone `Europe/Amsterdm` of site `ams1` is not a known zone\n",
        "sites:\n  - {name: ams1, time_zone: Europe/Amsterdam}\n  - {name: nyc1, time_zone: US/Eastern}\n",
    );
}

#[test]
fn slugs_hold_letters_digits_hyphens_and_underscores() {
    refused(
        "sites:\n  - {name: ams 1, slug: ams 1}\n",
        "NS0111 error data/a.yaml:2:25: slug `ams 1` of site `ams 1` is not a slug\n",
        "sites:\n  - {name: ams 1, slug: ams_1-a}\n",
    );
    let long = "a".repeat(101);
    assert_eq!(
        check(&format!("tags:\n  - {{name: t, slug: {long}}}\n")),
        format!("NS0111 error data/a.yaml:2:21: tag `t` slug `{}…` is 101 characters long; NetBox allows 100\n", &long[..40])
    );
}

#[test]
fn names_respect_netbox_lengths_in_characters() {
    // 64 characters of two bytes each: 128 bytes, yet within the device limit of 64.
    let fits = "é".repeat(64);
    let over = "é".repeat(65);
    let device = |name: &str| {
        format!("{DEVICE_BASE}devices:\n  - {{name: {name}, role: leaf, device_type: Acme/S1, site: ams1}}\n")
    };
    assert_eq!(check(&device(&fits)), "");
    let out = check(&device(&over));
    assert!(
        out.starts_with("NS0111 error data/a.yaml:7:12: device name `")
            && out.ends_with("` is 65 characters long; NetBox allows 64\n"),
        "{out}"
    );
    let out = check(&format!("sites:\n  - {{name: {}}}\n", "s".repeat(101)));
    assert!(
        out.contains("site name `") && out.contains("NetBox allows 100"),
        "{out}"
    );
    assert_eq!(
        check(&format!("sites:\n  - {{name: {}}}\n", "s".repeat(100))),
        ""
    );
}

#[test]
fn colours_are_six_lower_case_hex_digits() {
    refused(
        "tags:\n  - {name: core, color: '#FF0000'}\n",
        "NS0111 error data/a.yaml:2:25: colour `#FF0000` of tag `core` is not six lower-case hexadecimal digits\n",
        "tags:\n  - {name: core, color: ff0000}\ndevice_roles:\n  - {name: leaf, color: 00aa00}\n",
    );
    assert!(check("device_roles:\n  - {name: leaf, color: green}\n")
        .contains("colour `green` of device role `leaf`"));
}

#[test]
fn racks_are_1_to_100_units_start_at_1_and_have_a_standard_width() {
    refused(
        "sites: [{name: ams1}]\nracks:\n  - {name: r1, site: ams1, u_height: 101, starting_unit: 0, width: 20}\n",
        "NS0111 error data/a.yaml:3:38: rack `r1` is 101 units high, outside 1 to 100\n\
         NS0111 error data/a.yaml:3:58: rack `r1` starts at unit 0, below 1\n\
         NS0105 error data/a.yaml:3:68: rack `r1` is 20 inches wide, not a rack width\n",
        "sites: [{name: ams1}]\nracks:\n  - {name: r1, site: ams1, u_height: 100, starting_unit: 1, width: 19}\n",
    );
}

#[test]
fn mtu_is_1_to_65536_and_vc_values_at_most_255() {
    let with = |mtu: u32, priority: u32| {
        format!("{DEVICE_BASE}virtual_chassis: [{{name: vc1}}]\ndevices:\n  - name: leaf1\n    role: leaf\n    device_type: Acme/S1\n    site: ams1\n    virtual_chassis: vc1\n    vc_position: 1\n    vc_priority: {priority}\n    interfaces: [{{name: eth0, mtu: {mtu}}}]\n")
    };
    assert_eq!(
        check(&with(65537, 256)),
        "NS0111 error data/a.yaml:14:18: `vc_priority` of device `leaf1` is 256, above 255\n\
         NS0111 error data/a.yaml:15:36: MTU of interface `leaf1:eth0` is 65537, outside 1 to 65536\n"
    );
    assert_eq!(check(&with(0, 255)).lines().count(), 1);
    assert_eq!(check(&with(65536, 255)), "");
}

#[test]
fn cluster_status_is_a_known_choice() {
    let data = |status: &str| {
        format!("cluster_types: [{{name: vmware}}]\nclusters:\n  - {{name: c1, type: vmware, status: {status}}}\n")
    };
    assert_eq!(
        check(&data("running")),
        "NS0105 error data/a.yaml:3:38: `running` is not an allowed value\n"
    );
    assert_eq!(check(&data("offline")), "");
}

#[test]
fn config_context_data_is_a_mapping() {
    refused(
        "config_contexts:\n  - {name: ntp, data: [10.0.0.1]}\n",
        "NS0111 error data/a.yaml:2:23: `data` of config context `ntp` must be a mapping, found a list\n",
        "config_contexts:\n  - {name: ntp, data: {ntp: [10.0.0.1]}}\n",
    );
    let device = |context: &str| {
        format!("{DEVICE_BASE}devices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, config_context: {context}}}\n")
    };
    assert_eq!(
        check(&device("5")),
        "NS0111 error data/a.yaml:7:81: `config_context` of device `leaf1` must be a mapping, found a scalar\n"
    );
    assert_eq!(check(&device("{a: 1}")), "");
}

#[test]
fn interface_duplex_is_half_full_or_auto_and_mac_addresses_are_eui_48() {
    let with = |duplex: &str, mac: &str| {
        format!("{DEVICE_BASE}devices:\n  - name: leaf1\n    role: leaf\n    device_type: Acme/S1\n    site: ams1\n    interfaces: [{{name: eth0, duplex: {duplex}, mac_address: '{mac}'}}]\n")
    };
    assert_eq!(
        check(&with("Full", "00:1b:21:3c:4d")),
        "NS0105 error data/a.yaml:11:39: duplex `Full` of interface `leaf1:eth0` is not a known choice\n\
         NS0111 error data/a.yaml:11:58: MAC address `00:1b:21:3c:4d` of interface `leaf1:eth0` is not an EUI-48 address\n"
    );
    // The forms netaddr parses, as NetBox 4.4.10 stored them when this test was written.
    for mac in [
        "00:1B:21:3C:4D:5E",
        "001b.213c.4d5e",
        "001b21:3c4d5e",
        "01b213c4d5e",
    ] {
        assert_eq!(check(&with("full", mac)), "", "{mac}");
    }
    assert_eq!(check(&with("auto", "001b21.3c4d5e")).lines().count(), 1);
}

#[test]
fn vcpus_are_0_01_to_9999_99_in_hundredths() {
    let with = |vcpus: &str| {
        format!("sites: [{{name: ams1}}]\nvirtual_machines:\n  - {{name: vm1, site: ams1, vcpus: {vcpus}}}\n")
    };
    assert_eq!(
        check(&with("0")),
        "NS0111 error data/a.yaml:3:36: `vcpus` of virtual machine `vm1` is 0, outside 0.01 to 9999.99\n"
    );
    assert_eq!(
        check(&with("1.255")),
        "NS0111 error data/a.yaml:3:36: `vcpus` of virtual machine `vm1` is 1.255, finer than hundredths\n"
    );
    assert_eq!(check(&with("10000")).lines().count(), 1);
    for fits in ["0.01", "0.5", "2", "9999.99"] {
        assert_eq!(check(&with(fits)), "", "{fits}");
    }
}

#[test]
fn device_type_height_model_slug_and_template_names_respect_netbox_fields() {
    let with = |height: &str, model: &str, port: &str| {
        format!("manufacturers: [{{name: Acme}}]\ndevice_types:\n  - manufacturer: Acme\n    model: {model}\n    u_height: {height}\n    console-ports: [{{name: {port}}}]\n")
    };
    let model = "m".repeat(101);
    let port = "p".repeat(65);
    let out = check(&with("1000", &model, &port));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0]
            .starts_with("NS0111 error data/a.yaml:4:12: model of a device type of `Acme` `mmm"),
        "{out}"
    );
    assert!(
        lines[0].ends_with("is 101 characters long; NetBox allows 100"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("NS0111 error data/a.yaml:5:15: device type `Acme/mmm"),
        "{out}"
    );
    assert!(
        lines[1].ends_with("is 1000U high, outside 0 to 999.5"),
        "{out}"
    );
    assert!(
        lines[2]
            .starts_with("NS0111 error data/a.yaml:6:28: console port template name on `Acme/mmm"),
        "{out}"
    );
    assert!(
        lines[2].ends_with("is 65 characters long; NetBox allows 64"),
        "{out}"
    );
    assert_eq!(check(&with("-1", "S1", "con0")).lines().count(), 1);
    assert_eq!(check(&with("999.5", &"m".repeat(100), &"p".repeat(64))), "");
    assert_eq!(check(&with("0", "S1", "con0")), "");
}

#[test]
fn a_device_s_own_component_names_are_at_most_64_characters() {
    let with = |name: &str| {
        format!("{DEVICE_BASE}devices:\n  - name: leaf1\n    role: leaf\n    device_type: Acme/S1\n    site: ams1\n    rear_ports: [{{name: {name}, type: lc}}]\n")
    };
    let out = check(&with(&"r".repeat(65)));
    assert!(
        out.starts_with("NS0111 error data/a.yaml:11:25: rear port name on `leaf1` `")
            && out.ends_with("` is 65 characters long; NetBox allows 64\n"),
        "{out}"
    );
    assert_eq!(check(&with(&"r".repeat(64))), "");
}
