//! Custom fields beyond their fixtures: the object types netsot carries them on, object
//! references, definitions that fail, regexes netsot cannot run, and defaults.

use crate::support::{compile_path, render, repo};

fn check(data: &str) -> String {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    render(&compile_path(dir.path()))
}

const DEVICE_BASE: &str = "sites: [{name: ams1}, {name: fra1}]\ndevice_roles: [{name: leaf}]\nmanufacturers: [{name: Acme}]\ndevice_types:\n  - {manufacturer: Acme, model: S1, interfaces: [{name: eth0, type: 1000base-t}]}\n";

#[test]
fn interfaces_and_their_addresses_are_checked_by_their_own_types() {
    let data = format!(
        "{DEVICE_BASE}custom_fields:\n  - {{name: circuit_ref, type: text, object_types: [dcim.interface]}}\n  - {{name: owner, type: text, required: true, object_types: [ipam.ipaddress]}}\ndevices:\n  - name: leaf1\n    role: leaf\n    device_type: Acme/S1\n    site: ams1\n    interfaces:\n      - name: eth0\n        custom_fields: {{circuit_ref: 12, owner: x}}\n        ip_addresses:\n          - {{address: 10.0.0.1/24}}\n"
    );
    assert_eq!(
        check(&data),
        "NS0141 error data/a.yaml:16:38: custom field `circuit_ref` of interface `leaf1:eth0` must be text, found the number `12`\n\
         NS0140 error data/a.yaml:16:42: interface `leaf1:eth0` sets custom field `owner`, which is not defined for `dcim.interface`\n\
         NS0145 error data/a.yaml:18:23: address `10.0.0.1/24` lacks the required custom field `owner`\n"
    );
}

#[test]
fn object_values_resolve_by_natural_key_and_name_the_ambiguous() {
    let data = |value: &str| {
        format!(
            "{DEVICE_BASE}custom_fields:\n  - {{name: peer, type: multiobject, related_object_type: dcim.device, object_types: [dcim.device]}}\ndevices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1}}\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: fra1, custom_fields: {{peer: {value}}}}}\n"
        )
    };
    assert_eq!(check(&data("[ams1/leaf1]")), "");
    let out = check(&data("[leaf1]"));
    assert!(
        out.contains("NS0146") && out.contains("exists in several sites"),
        "{out}"
    );
    let out = check(&data("[leaf9]"));
    assert!(
        out.contains("NS0146") && out.contains("names no device `leaf9`"),
        "{out}"
    );
    let out = check(&data("leaf1"));
    assert!(
        out.contains("NS0141") && out.contains("a list of object names"),
        "{out}"
    );
}

#[test]
fn a_definition_that_fails_to_load_is_reported_once() {
    let data = "custom_fields:\n  - {name: rack_count, type: number, object_types: [dcim.site]}\nsites:\n  - {name: ams1, custom_fields: {rack_count: 3}}\n";
    let out = check(data);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("NS0105 error data/a.yaml:2:30:"), "{out}");
    let data =
        "custom_fields:\n  - {name: rack_count, type: integer, object_types: [dcim.devices]}\n";
    assert!(check(data).contains("NS0105"));
}

#[test]
fn regexes_netsot_cannot_run_and_bad_names_are_invalid_values() {
    let data = "custom_fields:\n  - {name: code, type: text, validation_regex: '^(?=A)', object_types: [dcim.site]}\n  - {name: bad__name, type: text, object_types: [dcim.site]}\nsites:\n  - {name: ams1, custom_fields: {code: B}}\n";
    let out = check(data);
    assert!(
        out.contains("NS0111 error data/a.yaml:2:48: `validation_regex` of custom field `code` is not a regular expression netsot can run: error: look-around"),
        "{out}"
    );
    assert!(
        out.contains("NS0111 error data/a.yaml:3:12: custom field name `bad__name`"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    // A pattern that compiles beyond the size limit is refused, not run.
    let huge = "custom_fields:\n  - {name: code, type: text, validation_regex: '(\\w{100}){100}', object_types: [dcim.site]}\n";
    assert!(check(huge).contains("size limit"), "{}", check(huge));
}

#[test]
fn regexes_match_from_the_start_like_python_re_match() {
    let data = |value: &str| {
        format!("custom_fields:\n  - {{name: code, type: text, validation_regex: '[A-Z]+', object_types: [dcim.site]}}\nsites:\n  - {{name: ams1, custom_fields: {{code: {value}}}}}\n")
    };
    assert_eq!(check(&data("AB-12")), "");
    assert!(check(&data("x-AB")).contains("NS0143"));
}

#[test]
fn defaults_satisfy_required_fields_and_must_be_valid() {
    let data = |default: &str| {
        format!("custom_fields:\n  - {{name: racks, type: integer, required: true, default: {default}, validation_maximum: 10, object_types: [dcim.site]}}\nsites:\n  - {{name: ams1}}\n")
    };
    assert_eq!(check(&data("4")), "");
    assert_eq!(
        check(&data("40")),
        "NS0147 error data/a.yaml:2:59: the default of custom field `racks` is 40, above the maximum 10\n"
    );
    assert!(check(&data("four")).contains("NS0147"));
    let empty = "custom_fields:\n  - {name: racks, type: integer, required: true, default: 4, object_types: [dcim.site]}\nsites:\n  - {name: ams1, custom_fields: {racks: null}}\n";
    assert!(check(empty).contains("NS0145"), "{}", check(empty));
}

#[test]
fn definitions_contradicting_themselves_are_reported() {
    let data = "custom_field_choice_sets:\n  - {name: tiers, extra_choices: [[gold, Gold], [gold, Again]]}\n  - {name: empty}\ncustom_fields:\n  - {name: a, type: text, validation_minimum: 1, choice_set: tiers, object_types: [dcim.site]}\n  - {name: b, type: integer, validation_regex: x, related_object_type: dcim.site, object_types: [dcim.site]}\n  - {name: c, type: object, object_types: [dcim.site]}\n  - {name: d, type: boolean, unique: true, object_types: [dcim.site]}\n  - {name: e, type: select, choice_set: tier, object_types: [dcim.site]}\n";
    let out = check(data);
    for expected in [
        "NS0147 error data/a.yaml:2:49: choice `gold` appears twice in set `tiers`",
        "NS0147 error data/a.yaml:3:12: choice set `empty` has no choices",
        "NS0147 error data/a.yaml:5:47: custom field `a` is text, and only numeric fields take a minimum or maximum",
        "NS0147 error data/a.yaml:5:62: custom field `a` is text, and only selection fields take a `choice_set`",
        "NS0147 error data/a.yaml:6:48: custom field `b` is integer, and only text and URL fields take a `validation_regex`",
        "NS0147 error data/a.yaml:6:72: custom field `b` is integer, and only object fields take a `related_object_type`",
        "NS0147 error data/a.yaml:7:12: custom field `c` is object and names no `related_object_type`",
        "NS0147 error data/a.yaml:8:12: custom field `d` is boolean and cannot be `unique`",
        "NS0301 error data/a.yaml:9:41: no custom field choice set named `tier`",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    assert_eq!(out.lines().count(), 9, "{out}");
}
