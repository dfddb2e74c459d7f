//! Virtual circuits (NetBox 4.2's `VirtualCircuitType`, `VirtualCircuit` and
//! `VirtualCircuitTermination`): a circuit over a provider network with its terminations on
//! virtual device interfaces; the circuit ID unique per network and per account, the
//! account of the network's provider, a termination only on a virtual interface and an
//! interface terminating one circuit; carried to NetBox and back.

use crate::support::{compile_path, render, repo};

fn network(run: &str, circuits: &str) -> String {
    format!(
        "sites:
  - {{name: {run}-site}}
manufacturers:
  - {{name: {run}-juniper}}
device_roles:
  - {{name: {run}-pe}}
device_types:
  - manufacturer: {run}-juniper
    model: {run}-mx
    interfaces:
      - {{name: xe-0/0/0, type: 10gbase-x-sfpp}}
providers:
  - {{name: {run}-telco}}
  - {{name: {run}-carrier}}
provider_accounts:
  - {{provider: {run}-telco, account: {run}-100}}
  - {{provider: {run}-carrier, account: {run}-200}}
provider_networks:
  - {{provider: {run}-telco, name: {run}-mpls}}
virtual_circuit_types:
  - {{name: {run}-l3vpn, color: 2196f3}}
circuit_types:
  - {{name: {run}-transit}}
circuit_groups:
  - {{name: {run}-customer-a, description: redundant pair}}
circuits:
  - {{cid: {run}-C1, provider: {run}-telco, type: {run}-transit, groups: [{{group: {run}-customer-a, priority: secondary}}]}}
devices:
  - name: {run}-pe1
    role: {run}-pe
    device_type: {run}-juniper/{run}-mx
    site: {run}-site
    interfaces:
      - {{name: xe-0/0/0.100, type: virtual, parent: xe-0/0/0}}
      - {{name: xe-0/0/0.200, type: virtual, parent: xe-0/0/0}}
      - {{name: xe-0/0/0.300, type: virtual, parent: xe-0/0/0}}
virtual_circuits:
{circuits}"
    )
}

fn circuits(run: &str) -> String {
    format!(
        "  - cid: {run}-VC-1
    provider_network: {run}-mpls
    provider_account: {run}-100
    type: {run}-l3vpn
    status: planned
    description: hub and spokes
    groups:
      - {{group: {run}-customer-a, priority: primary}}
    terminations:
      - {{interface: '{run}-pe1:xe-0/0/0.100', role: hub}}
      - {{interface: '{run}-pe1:xe-0/0/0.200', role: spoke, description: branch}}
  - cid: {run}-VC-2
    provider_network: {run}-mpls
    type: {run}-l3vpn
    terminations:
      - {{interface: '{run}-pe1:xe-0/0/0.300'}}
"
    )
}

#[test]
fn a_clean_virtual_circuit_checks_and_is_exported() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &network("t", &circuits("t"))),
    ]);
    let compilation = compile_path(dir.path());
    assert_eq!(render(&compilation), "");
    let graph = netsot::view::Views::new(&compilation.graph).export();
    assert_eq!(
        graph["virtual_circuits"][0]["terminations"][0]["role"],
        "hub"
    );
    assert_eq!(graph["virtual_circuit_types"][0]["name"], "t-l3vpn");
}

#[test]
fn netbox_rules_for_virtual_circuits_are_reported_at_their_value() {
    let circuits = "  - cid: VC-1
    provider_network: t-mpls
    type: t-l3vpn
    groups: [{group: t-customer-a}, {group: t-customer-a, priority: inactive}, {group: t-customer-b}]
    terminations:
      - {interface: 't-pe1:xe-0/0/0.100', role: hub}
      - {interface: 't-pe1:xe-0/0/0', role: spoke}
  - cid: VC-1
    provider_network: t-mpls
    provider_account: t-200
    type: t-l2vpn
    terminations:
      - {interface: 't-pe1:xe-0/0/0.100'}
      - {interface: 't-pe1:xe-0/0/9'}
";
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &network("t", circuits)),
    ]);
    assert_eq!(
        render(&compile_path(dir.path())),
        "NS0201 error data/network.yaml:41:45: `VC-1` is in circuit group `t-customer-a` twice
NS0301 error data/network.yaml:41:88: no circuit group named `t-customer-b`
NS0634 error data/network.yaml:44:21: virtual circuit `VC-1` terminates on `t-pe1:xe-0/0/0`, a 10gbase-x-sfpp interface: NetBox takes only virtual ones
NS0201 error data/network.yaml:45:10: duplicate virtual circuit `VC-1`
NS0656 error data/network.yaml:47:23: virtual circuit `VC-1` is billed to account `t-200` of provider `t-carrier`, not of `t-telco`, whose network `t-mpls` delivers it
NS0301 error data/network.yaml:48:11: no virtual circuit type named `t-l2vpn`
NS0635 error data/network.yaml:50:21: interface `t-pe1:xe-0/0/0.100` already terminates a virtual circuit
NS0301 error data/network.yaml:51:21: device `t-pe1` has no interface `xe-0/0/9`
"
    );
}

/// Both ways through the running NetBox: the type, the circuits and their terminations
/// are pushed, a second push plans nothing, and the import writes them back.
#[test]
fn virtual_circuits_are_pushed_and_imported_back() {
    use crate::netbox_support::{client, import_site, left, push, unique, CleanUp};
    use netsot::netbox::Kind;
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-vc");
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &network(&run, &circuits(&run))),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    push(dir.path(), &client, true);
    let again = push(dir.path(), &client, false);
    assert!(again.plan.is_empty(), "{:#?}", left(&again));
    let state = netsot::netbox::State::read_all(&client).expect("NetBox answers");
    let circuit = state
        .kind(Kind::VirtualCircuits)
        .get(&format!("{run}-telco/{run}-mpls:{run}-VC-1"))
        .expect("the circuit")
        .json
        .clone();
    assert_eq!(circuit["status"]["value"], "planned");
    assert_eq!(circuit["provider_account"]["account"], format!("{run}-100"));
    let spoke = state
        .kind(Kind::VirtualCircuitTerminations)
        .get(&format!("{run}-site/{run}-pe1:xe-0/0/0.200"))
        .expect("the spoke")
        .json
        .clone();
    assert_eq!(spoke["role"]["value"], "spoke");
    assert_eq!(spoke["virtual_circuit"]["id"], circuit["id"]);
    // The physical circuit's membership, a generic `member` in NetBox.
    let membership = state
        .kind(Kind::CircuitGroupAssignments)
        .get(&format!("{run}-customer-a = circuit {run}-telco/{run}-C1"))
        .expect("the circuit's membership")
        .json
        .clone();
    assert_eq!(membership["priority"]["value"], "secondary");
    let (text, report) = import_site(&client, &format!("{run}-site"));
    for expected in [
        format!("virtual_circuit_types:\n  - {{name: {run}-l3vpn, color: \"2196f3\"}}\n"),
        format!("circuit_groups:\n  - {{name: {run}-customer-a, description: redundant pair}}\n"),
        format!("    groups:\n      - {{group: {run}-customer-a, priority: primary}}\n"),
        format!("  - cid: {run}-VC-1\n    provider_network: {run}-mpls\n    provider_account: {run}-100\n    type: {run}-l3vpn\n    status: planned\n    description: hub and spokes\n    terminations:\n      - {{interface: \"{run}-pe1:xe-0/0/0.100\", role: hub}}\n      - {{interface: \"{run}-pe1:xe-0/0/0.200\", role: spoke, description: branch}}\n"),
        format!("  - cid: {run}-VC-2\n    provider_network: {run}-mpls\n    type: {run}-l3vpn\n    terminations:\n      - {{interface: \"{run}-pe1:xe-0/0/0.300\"}}\n"),
    ] {
        assert!(text.contains(&expected), "`{expected}` not imported:\n{text}");
    }
    assert!(!report.contains("virtualcircuit"), "{report}");
}
