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
