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
