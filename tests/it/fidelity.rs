//! NetBox fidelity (issue 14) beyond the rule fixtures: values NetBox's validators refuse
//! that reuse `NS0111 invalid-value`, and names NetBox scopes (unique per parent, group,
//! cluster or site), which must be accepted in different scopes, reported in one, and
//! ambiguous when referenced bare.

use crate::support::{compile_path, repo};

/// The diagnostics of a one-file repository, as `CODE line:column: message` lines.
fn check(data: &str) -> String {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let compilation = compile_path(dir.path());
    crate::support::listed(&compilation.diagnostics, &compilation)
        .lines()
        .map(|line| line.replacen("data/a.yaml:", "", 1) + "\n")
        .collect()
}

#[test]
fn asn_zero_is_refused_wherever_an_asn_is_written() {
    let out = check(
        "rirs: [{name: arin}]\n\
         asns:\n  - {asn: 0, rir: arin}\n  - {asn: 65000, rir: arin}\n\
         sites:\n  - {name: ams1, asns: [65000, 0]}\n\
         providers:\n  - {name: telco, asns: [0]}\n",
    );
    assert_eq!(
        out,
        "NS0111 3:11: an ASN object has the ASN `0`, outside 1 to 4294967295\n\
         NS0111 6:32: site `ams1` lists ASN `0`, outside 1 to 4294967295\n\
         NS0111 8:26: provider `telco` lists ASN `0`, outside 1 to 4294967295\n"
    );
}

#[test]
fn service_port_zero_is_refused_before_it_reaches_the_monitoring_outputs() {
    let out = check(
        "sites: [{name: ams1}]\n\
         virtual_machines:\n  - {name: vm1, site: ams1}\n\
         services:\n  - {name: web, virtual_machine: vm1, protocol: tcp, ports: [443, 0]}\n",
    );
    assert_eq!(
        out,
        "NS0111 5:67: service `web` has port `0`, outside 1 to 65535\n"
    );
}

#[test]
fn route_distinguishers_and_asns_are_unique() {
    let out = check(
        "vrfs:\n  - {name: a, rd: \"65000:1\"}\n  - {name: b, rd: \"65000:1\"}\n  - {name: c, rd: \"65000:2\"}\n  - {name: d}\n  - {name: e}\n\
         rirs: [{name: arin}]\n\
         asns:\n  - {asn: 65000, rir: arin}\n  - {asn: 65000, rir: arin}\n",
    );
    assert_eq!(
        out,
        "NS0201 3:19: duplicate VRF route distinguisher `65000:1`\n\
         NS0201 10:11: duplicate ASN `65000`\n"
    );
}

#[test]
fn asset_tags_are_unique_per_model_and_facility_ids_per_location() {
    let out = check(
        "sites: [{name: ams1}]\n\
         locations:\n  - {name: hall1, site: ams1}\n  - {name: hall2, site: ams1}\n\
         racks:\n  - {name: r1, site: ams1, location: hall1, facility_id: F1, asset_tag: T1}\n\
         \x20 - {name: r2, site: ams1, location: hall1, facility_id: F1, asset_tag: T1}\n\
         \x20 - {name: r3, site: ams1, location: hall2, facility_id: F1}\n\
         \x20 - {name: r4, site: ams1, facility_id: F2}\n\
         \x20 - {name: r5, site: ams1, facility_id: F2}\n\
         manufacturers: [{name: Acme}]\n\
         device_roles: [{name: leaf}]\n\
         device_types: [{manufacturer: Acme, model: S1}]\n\
         devices:\n  - {name: d1, site: ams1, role: leaf, device_type: Acme/S1, asset_tag: T1}\n\
         \x20 - {name: d2, site: ams1, role: leaf, device_type: Acme/S1, asset_tag: T1}\n\
         \x20 - {name: d3, site: ams1, role: leaf, device_type: Acme/S1, asset_tag: \"\"}\n\
         \x20 - {name: d4, site: ams1, role: leaf, device_type: Acme/S1, asset_tag: \"\"}\n",
    );
    assert_eq!(
        out,
        "NS0201 7:58: duplicate rack facility ID in location `hall1`: `F1`\n\
         NS0201 7:73: duplicate rack asset tag `T1`\n\
         NS0201 16:73: duplicate device asset tag `T1`\n"
    );
}

/// The diagnostics of a fixture of `tests/fixtures/scoped_names/`.
fn check_fixture(name: &str) -> String {
    let path = crate::support::root()
        .join("tests/fixtures/scoped_names")
        .join(name);
    let compilation = compile_path(&path);
    crate::support::listed(&compilation.diagnostics, &compilation)
}

#[test]
fn one_name_in_different_scopes_is_clean_and_qualified_references_pick_one() {
    // Regions and site groups per parent, tenants per group, platforms per manufacturer,
    // VLAN groups per site, clusters per site, VMs per cluster (`DB1` and `db1` for two
    // tenants), each referenced as `SCOPE/NAME`.
    assert_eq!(check_fixture("other_scopes"), "");
}

#[test]
fn one_name_twice_in_one_scope_is_a_duplicate_and_bare_references_are_ambiguous() {
    assert_eq!(
        check_fixture("one_scope"),
        "NS0201 data/a.yaml:4:12: duplicate region `north` in parent region `europe`\n\
         NS0201 data/a.yaml:5:25: duplicate region slug `north` in parent region `europe`\n\
         NS0201 data/a.yaml:6:12: duplicate region `europe` without a parent region\n\
         NS0201 data/a.yaml:9:24: duplicate tenant slug `ops` without a group\n\
         NS0201 data/a.yaml:16:12: duplicate platform `os` of manufacturer `Cisco`\n\
         NS0201 data/a.yaml:19:24: duplicate site slug `ams`\n\
         NS0201 data/a.yaml:23:12: duplicate VLAN group `servers` in site `ams1`\n\
         NS0201 data/a.yaml:25:12: duplicate VLAN group `global` without a scope\n\
         NS0201 data/a.yaml:32:12: duplicate cluster `c1` in site `ams1`\n\
         NS0201 data/a.yaml:33:12: duplicate cluster `c1` in group `g`\n\
         NS0302 data/a.yaml:35:27: cluster `c1` exists in several scopes: ams1/c1, g/c1\n\
         NS0302 data/a.yaml:35:41: platform `os` exists in several scopes: Cisco/os, Juniper/os\n\
         NS0201 data/a.yaml:37:12: duplicate virtual machine `WEB1` without a cluster\n\
         NS0302 data/a.yaml:39:36: virtual machine `web1` exists in several scopes: c1/web1, web1 (no cluster)\n"
    );
}

#[test]
fn an_ambiguous_reference_says_how_to_qualify_it() {
    let path = crate::support::root().join("tests/fixtures/scoped_names/one_scope");
    let compilation = compile_path(&path);
    let helps: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "NS0302")
        .filter_map(|d| d.help.as_deref())
        .collect();
    assert_eq!(
        helps,
        [
            "qualify it with its group or scope, e.g. `ams1/c1`",
            "qualify it with its manufacturer, e.g. `Cisco/os`",
            "qualify it with its cluster, e.g. `c1/web1`"
        ]
    );
}

#[test]
fn location_slugs_are_unique_per_site_and_parent() {
    let out = check(
        "sites: [{name: ams1}, {name: fra1}]\n\
         locations:\n\
         \x20 - {name: a, slug: hall, site: ams1}\n\
         \x20 - {name: b, slug: hall, site: ams1}\n\
         \x20 - {name: c, slug: hall, site: fra1}\n\
         \x20 - {name: d, slug: room, site: ams1, parent: a}\n\
         \x20 - {name: e, slug: room, site: ams1, parent: b}\n\
         \x20 - {name: f, slug: room, site: ams1, parent: b}\n",
    );
    assert_eq!(
        out,
        "NS0201 4:21: duplicate location slug `hall` in site `ams1` without a parent\n\
         NS0201 8:21: duplicate location slug `room` in site `ams1` in parent `b`\n"
    );
}

#[test]
fn location_names_are_unique_per_site_and_parent() {
    // NetBox's `dcim_location_parent_name`: one name per site and parent. A bare reference
    // to a name held under two parents is ambiguous; `PARENT/NAME` names one.
    let out = check(
        "sites: [{name: ams1}]\n\
         locations:\n\
         \x20 - {name: hall-a, site: ams1}\n\
         \x20 - {name: hall-b, site: ams1}\n\
         \x20 - {name: room, site: ams1, parent: hall-a}\n\
         \x20 - {name: room, site: ams1, parent: hall-b}\n\
         \x20 - {name: room, site: ams1, parent: hall-b}\n\
         racks:\n\
         \x20 - {name: r1, site: ams1, location: hall-a/room, u_height: 42}\n\
         \x20 - {name: r2, site: ams1, location: room, u_height: 42}\n",
    );
    // The third `room` repeats the second under `hall-b` (NS0201); `hall-a/room` names
    // the first; the bare `room` of r2 could be any of them (NS0302).
    assert_eq!(
        out,
        "NS0201 7:12: duplicate location `room` in site `ams1` in parent `hall-b`\n\
         NS0302 10:38: location `room` names several objects: ams1/room (in `hall-a`), \
         ams1/room (in `hall-b`), ams1/room (in `hall-b`)\n"
    );
}

#[test]
fn show_names_a_virtual_machine_by_its_cluster_when_several_clusters_hold_its_name() {
    let dir = crate::support::root().join("tests/fixtures/scoped_names/other_scopes");
    let dir = dir.to_str().expect("utf-8 path");
    let ambiguous = crate::support::netsot(&["show", "vm", "web1", dir], &crate::support::root());
    let stderr = String::from_utf8_lossy(&ambiguous.stderr);
    assert_eq!(ambiguous.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "virtual machine `web1` exists in several clusters: ams1/c1/web1, fra1/c1/web1"
        ),
        "{stderr}"
    );
    let qualified = crate::support::netsot(
        &["show", "vm", "fra1/c1/web1", dir],
        &crate::support::root(),
    );
    let view: serde_json::Value = serde_json::from_slice(&qualified.stdout).expect("JSON view");
    assert_eq!(
        (view["name"].as_str(), view["site"].as_str()),
        (Some("web1"), Some("fra1"))
    );
}
