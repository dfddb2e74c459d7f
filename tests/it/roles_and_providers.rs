//! Issue 15's IPAM roles, ASN ranges, provider accounts and provider networks beyond their
//! fixtures: references that must resolve, names unique per provider, and the objects in
//! `netsot export`.

use crate::support::{compile_path, netsot, render, repo};

/// The diagnostics of a repository holding `data`, one per line.
fn check(data: &str) -> String {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    render(&compile_path(dir.path()))
}

const ROLES: &str = "sites: [{name: ams1}]
roles:
  - {name: Servers, slug: servers, weight: 100}
";

#[test]
fn a_prefix_range_or_vlan_role_must_name_a_role() {
    let out = check(&format!(
        "{ROLES}prefixes:\n  - {{prefix: 10.0.0.0/24, role: server}}\nip_ranges:\n  - {{start_address: 10.0.0.10/24, end_address: 10.0.0.20/24, role: storage}}\nvlans:\n  - {{vid: 10, name: v10, site: ams1, role: p2p}}\n"
    ));
    for (line, role) in [(5, "server"), (7, "storage"), (9, "p2p")] {
        assert!(
            out.contains(&format!("NS0301 error data/a.yaml:{line}:"))
                && out.contains(&format!("no role named `{role}`")),
            "{out}"
        );
    }
}

#[test]
fn a_role_resolves_by_name_or_slug_and_is_unique() {
    let clean = format!(
        "{ROLES}prefixes:\n  - {{prefix: 10.0.0.0/24, role: Servers}}\n  - {{prefix: 10.0.1.0/24, role: servers}}\n"
    );
    assert_eq!(check(&clean), "");
    let twice = format!("{ROLES}  - {{name: Servers}}\n  - {{name: Storage, slug: servers}}\n");
    let out = check(&twice);
    assert!(
        out.contains("NS0201") && out.contains("duplicate role `Servers`"),
        "{out}"
    );
    assert!(out.contains("duplicate role slug `servers`"), "{out}");
}

#[test]
fn asn_ranges_resolve_their_rir_and_are_unique_by_name() {
    let out = check(
        "rirs: [{name: rfc6996}]\nasn_ranges:\n  - {name: Private, rir: rfc6996, start: 64512, end: 65534}\n  - {name: Private, rir: arin, start: 0, end: 10}\n",
    );
    assert!(out.contains("NS0201") && out.contains("`Private`"), "{out}");
    assert!(
        out.contains("NS0301") && out.contains("no RIR named `arin`"),
        "{out}"
    );
    assert!(
        out.contains("NS0111") && out.contains("ASN range `Private` has the ASN `0`"),
        "{out}"
    );
}

const PROVIDERS: &str = "sites: [{name: ams1}]
providers: [{name: Telco}, {name: Carrier}]
circuit_types: [{name: transit}]
";

#[test]
fn provider_accounts_and_networks_are_unique_per_provider() {
    let out = check(&format!(
        "{PROVIDERS}provider_accounts:\n  - {{provider: Telco, account: '1', name: Main}}\n  - {{provider: Carrier, account: '1', name: Main}}\n  - {{provider: Telco, account: '1'}}\n  - {{provider: Telco, account: '2', name: Main}}\nprovider_networks:\n  - {{provider: Telco, name: Backbone}}\n  - {{provider: Carrier, name: Backbone}}\n  - {{provider: Carrier, name: Backbone}}\n"
    ));
    assert!(
        out.contains("NS0201 error data/a.yaml:7:")
            && out.contains("duplicate provider account `1` of provider `Telco`"),
        "{out}"
    );
    assert!(
        out.contains("NS0201 error data/a.yaml:8:")
            && out.contains("duplicate provider account name `Main` of provider `Telco`"),
        "{out}"
    );
    assert!(
        out.contains("NS0201 error data/a.yaml:12:")
            && out.contains("duplicate provider network `Backbone` of provider `Carrier`"),
        "{out}"
    );
    // The same account number and the same network name at two providers are allowed.
    assert_eq!(out.matches("NS0201").count(), 3, "{out}");
}

#[test]
fn a_network_name_several_providers_hold_is_qualified_by_the_provider() {
    let networks = "provider_networks:\n  - {provider: Telco, name: Backbone}\n  - {provider: Carrier, name: Backbone}\ncircuits:\n";
    let bare = check(&format!(
        "{PROVIDERS}{networks}  - {{cid: C-1, provider: Telco, type: transit, termination_a: {{site: ams1}}, termination_z: {{provider_network: Backbone}}}}\n"
    ));
    assert!(bare.contains("NS0302"), "{bare}");
    let qualified = check(&format!(
        "{PROVIDERS}{networks}  - {{cid: C-1, provider: Telco, type: transit, termination_a: {{site: ams1}}, termination_z: {{provider_network: Telco/Backbone}}}}\n"
    ));
    assert_eq!(qualified, "");
    let missing = check(&format!(
        "{PROVIDERS}{networks}  - {{cid: C-1, provider: Telco, type: transit, termination_z: {{provider_network: Cloud}}, provider_account: '9'}}\n"
    ));
    assert!(
        missing.contains("no provider network named `Cloud`"),
        "{missing}"
    );
    assert!(
        missing.contains("no provider account named `9`"),
        "{missing}"
    );
}

#[test]
fn the_export_carries_roles_asn_ranges_and_provider_objects() {
    let output = netsot(&["export", "examples"], &crate::support::root());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let export: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names = |key: &str, field: &str| -> Vec<String> {
        export[key]
            .as_array()
            .unwrap_or_else(|| panic!("no `{key}` in the export"))
            .iter()
            .map(|o| o[field].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(names("roles", "name").contains(&"p2p".to_string()));
    assert_eq!(names("asn_ranges", "name"), ["Private 16-bit"]);
    assert_eq!(export["asn_ranges"][0]["start"], 64512);
    assert_eq!(
        names("provider_accounts", "account"),
        ["DE-118204", "4711-AMS"]
    );
    assert_eq!(
        names("provider_networks", "name"),
        ["Cogent AS174 backbone"]
    );
    let transit = export["circuits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cid"] == "CGNT-1-2044871")
        .expect("the transit circuit");
    assert_eq!(transit["provider_account"], "4711-AMS");
    assert_eq!(
        transit["termination_z"]["provider_network"],
        "Cogent AS174 backbone"
    );
}
