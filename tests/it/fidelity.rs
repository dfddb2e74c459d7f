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
