//! What NetBox 4.4 accepts, netsot accepts (issue 14, part 3): each case is a reproducer
//! of a false positive, checked clean, and the nearest input NetBox refuses, checked
//! reported.

use crate::support::{build_path, compile_path, render, repo};

#[test]
fn dns_names_follow_netbox_validator_when_loading() {
    let data = "ip_addresses:\n  - {address: 10.0.0.1/32, dns_name: _sip._udp.example.net}\n  - {address: 10.0.0.2/32, dns_name: -edge.example.net}\n  - {address: 10.0.0.3/32, dns_name: 'bad name.example.net'}\n";
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let out = render(&compile_path(dir.path()));
    assert_eq!(
        out,
        "NS0108 error data/a.yaml:4:38: `bad name.example.net` is not a valid DNS name: the label `bad name` holds ` `\n"
    );
}

#[test]
fn a_dns_name_outside_every_zone_is_not_held_to_dns_rules() {
    let config = "version: 1\noutputs:\n  - renderer: dns\n    path: dns/\n    zones:\n      - {name: example.net, primary_ns: ns1.example.net, admin: hostmaster.example.net, nameservers: [{name: ns1.example.net, addresses: [192.0.2.53]}]}\n";
    let data = "ip_addresses:\n  - {address: 10.0.0.1/32, dns_name: host_1.example.org}\n  - {address: 10.0.0.2/32, dns_name: host2.example.net}\n";
    let dir = repo(&[("netsot.yaml", config), ("data/a.yaml", data)]);
    let rendered = build_path(dir.path());
    let codes: Vec<&str> = rendered.diagnostics.iter().map(|d| d.rule.code).collect();
    assert_eq!(codes, ["NS0802"], "{:?}", rendered.diagnostics);
}
