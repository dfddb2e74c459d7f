//! Behaviour of the graph-level rule families beyond their fixtures: how findings read,
//! the switches of `netsot.yaml`, and the errors in policy rules themselves.

use crate::support::{compile_path, netsot, render, repo, root};

#[test]
fn a_duplicate_shows_both_positions_in_human_output() {
    let output = netsot(&["check", "tests/fixtures/rules/NS0401/fail"], &root());
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("on leaf1:eth0"), "{text}");
    assert!(text.contains("on leaf2:eth0"), "{text}");
    assert!(text.contains("data/a.yaml:30:116"), "{text}");
}

const SITE: &str = "sites: [{name: ams1}]\n";

#[test]
fn global_uniqueness_can_be_turned_off() {
    let data = format!(
        "{SITE}ip_addresses:\n  - {{address: 10.0.0.1/24}}\n  - {{address: 10.0.0.1/24}}\nprefixes:\n  - {{prefix: 10.0.0.0/24}}\n  - {{prefix: 10.0.0.0/24}}\n"
    );
    let on = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    let out = render(&compile_path(on.path()));
    assert!(out.contains("NS0401") && out.contains("NS0402"), "{out}");
    let off = repo(&[
        (
            "netsot.yaml",
            "version: 1\npolicy: {enforce_global_unique: false}\n",
        ),
        ("data/a.yaml", &data),
    ]);
    assert_eq!(render(&compile_path(off.path())), "");
}

#[test]
fn a_vrf_without_enforce_unique_allows_duplicates() {
    let data = format!(
        "{SITE}vrfs: [{{name: lab, enforce_unique: false}}]\nip_addresses:\n  - {{address: 10.0.0.1/24, vrf: lab}}\n  - {{address: 10.0.0.1/24, vrf: lab}}\n"
    );
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    assert_eq!(render(&compile_path(dir.path())), "");
}

#[test]
fn policy_rules_with_unknown_names_are_reported_at_the_rule() {
    let config = "version: 1\npolicy:\n  rules:\n    - name: r1\n      collection: device\n      require: [name]\n    - name: r2\n      collection: devices\n      require: [primary_ipv4]\n";
    let dir = repo(&[("netsot.yaml", config), ("data/a.yaml", SITE)]);
    let out = render(&compile_path(dir.path()));
    assert!(
        out.contains(
            "NS0111 error netsot.yaml:5:19: policy rule `r1`: there is no collection `device`"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "NS0111 error netsot.yaml:9:17: policy rule `r2`: devices have no field `primary_ipv4`"
        ),
        "{out}"
    );
    let compilation = compile_path(dir.path());
    let helps: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter_map(|d| d.help.clone())
        .collect();
    assert!(helps.iter().any(|h| h.contains("devices")), "{helps:?}");
    assert!(helps.iter().any(|h| h.contains("primary_ip4")), "{helps:?}");
}

#[test]
fn a_policy_rule_can_warn() {
    let config = "version: 1\npolicy:\n  rules:\n    - name: sites-have-a-facility\n      collection: sites\n      require: [facility]\n      severity: warning\n";
    let dir = repo(&[("netsot.yaml", config), ("data/a.yaml", SITE)]);
    let out = render(&compile_path(dir.path()));
    assert!(
        out.contains(
            "NS0701 warning data/a.yaml:1:9: [sites-have-a-facility] `ams1` has no `facility`"
        ),
        "{out}"
    );
    let output = netsot(&["check", "."], dir.path());
    assert_eq!(output.status.code(), Some(0), "warnings alone exit 0");
}

#[test]
fn a_prefix_in_a_vrf_may_sit_in_a_global_container() {
    let data = format!(
        "{SITE}vrfs: [{{name: prod}}]\nrirs: [{{name: rfc1918}}]\naggregates: [{{prefix: 10.0.0.0/8, rir: rfc1918}}]\nprefixes:\n  - {{prefix: 10.0.0.0/8, status: container}}\n  - {{prefix: 10.1.0.0/24, vrf: prod}}\nip_addresses:\n  - {{address: 10.1.0.1/24, vrf: prod}}\n"
    );
    let dir = repo(&[
        (
            "netsot.yaml",
            "version: 1\npolicy: {require_parent_prefix: true}\n",
        ),
        ("data/a.yaml", &data),
    ]);
    // The container holds the VRF's prefix; the address needs a prefix of its own VRF, which it has.
    assert_eq!(render(&compile_path(dir.path())), "");
}
