//! NAT: an address's `nat_inside` names the inside address of the NAT it is the outside
//! of (NetBox's `IPAddress.nat_inside`): bare (the global table's address of that host,
//! else the one VRF's holding it) or with its VRF. Resolved, exported, and reported where
//! it names no address or several; carried to NetBox and back.

use serde_json::Value;

use crate::support::{compile_path, render, repo};

const NETWORK: &str = "vrfs:
  - {name: private}
  - {name: blue}
  - {name: red}
ip_addresses:
  - {address: 10.1.0.5/24, vrf: private}
  - {address: 10.1.0.6/24}
  - {address: 10.1.0.6/24, vrf: private}
  - {address: 10.2.0.1/24, vrf: blue}
  - {address: 10.2.0.1/24, vrf: red}
  - {address: 192.0.2.10/24, nat_inside: {address: 10.1.0.5/24, vrf: private}}
  - {address: 192.0.2.11/24, nat_inside: 10.1.0.6/24}
  - {address: 192.0.2.12/24, nat_inside: 10.1.0.5}
";

#[test]
fn nat_inside_resolves_bare_or_with_its_vrf_and_is_exported() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/ipam.yaml", NETWORK)]);
    let compilation = compile_path(dir.path());
    assert_eq!(render(&compilation), "");
    let graph = netsot::view::Views::new(&compilation.graph).export();
    let inside = |outside: &str| -> Value {
        graph["ip_addresses"]
            .as_array()
            .expect("addresses")
            .iter()
            .find(|ip| ip["address"] == outside)
            .unwrap_or_else(|| panic!("no {outside}"))["nat_inside"]
            .clone()
    };
    let expected =
        |address: &str, vrf: Option<&str>| serde_json::json!({"address": address, "vrf": vrf});
    assert_eq!(
        inside("192.0.2.10/24"),
        expected("10.1.0.5/24", Some("private"))
    );
    // Bare, the global table's address wins over the VRF's of the same host.
    assert_eq!(inside("192.0.2.11/24"), expected("10.1.0.6/24", None));
    // Bare, the one VRF holding the host; the prefix length is not compared.
    assert_eq!(
        inside("192.0.2.12/24"),
        expected("10.1.0.5/24", Some("private"))
    );
    assert!(inside("10.1.0.5/24").is_null(), "no key without NAT");
}

#[test]
fn nat_inside_naming_no_address_or_several_is_reported_at_its_value() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/ipam.yaml",
            &format!(
                "{NETWORK}  - {{address: 198.51.100.1/24, nat_inside: 10.9.9.9/24}}
  - {{address: 198.51.100.2/24, nat_inside: 10.2.0.1/24}}
  - {{address: 198.51.100.3/24, nat_inside: {{address: 10.1.0.5/24}}}}
  - {{address: 198.51.100.4/24, nat_inside: 198.51.100.4/24}}
  - {{address: 198.51.100.5/24, nat_inside: {{address: 10.1.0.5/24, vrf: green}}}}
"
            ),
        ),
    ]);
    let compilation = compile_path(dir.path());
    assert_eq!(
        render(&compilation),
        "NS0301 error data/ipam.yaml:14:44: `nat_inside` names no address `10.9.9.9/24`
NS0302 error data/ipam.yaml:15:44: `nat_inside` `10.2.0.1/24` names 2 addresses: in `blue`, `red`
NS0301 error data/ipam.yaml:16:44: `nat_inside` names no address `10.1.0.5/24` in the global table
NS0301 error data/ipam.yaml:17:44: `nat_inside` names no address `198.51.100.4/24`
NS0301 error data/ipam.yaml:18:44: no VRF named `green`
"
    );
}

/// Both ways through the running NetBox: pushed as NetBox's `nat_inside`, imported back as
/// written, and a second push plans nothing.
#[test]
fn nat_inside_is_pushed_and_imported_back() {
    use crate::netbox_support::{client, import_site, left, push, unique, CleanUp};
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-nat");
    // Addresses unique to the run: the last two octets from the suffix.
    let n = u32::from_str_radix(&run[run.len() - 4..], 16).unwrap_or(1);
    let (a, b) = ((n >> 8) & 0xff, n & 0xff);
    let data = format!(
        "sites:
  - {{name: {run}-site, status: active}}
vrfs:
  - {{name: {run}-private}}
manufacturers:
  - {{name: {run}-acme}}
device_roles:
  - {{name: {run}-fw, color: 9e9e9e}}
device_types:
  - {{manufacturer: {run}-acme, model: {run}-box}}
devices:
  - name: {run}-fw1
    role: {run}-fw
    device_type: {run}-acme/{run}-box
    site: {run}-site
    interfaces:
      - name: inside
        type: 10gbase-x-sfpp
        ip_addresses:
          - {{address: 10.{a}.{b}.5/24, vrf: {run}-private}}
      - name: outside
        type: 10gbase-x-sfpp
        ip_addresses:
          - {{address: 100.{a}.{b}.5/24, nat_inside: {{address: 10.{a}.{b}.5/24, vrf: {run}-private}}}}
"
    );
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    push(dir.path(), &client, true);
    let again = push(dir.path(), &client, false);
    assert!(again.plan.is_empty(), "{:#?}", left(&again));
    let state = netsot::netbox::State::read_all(&client).expect("NetBox answers");
    let outside = state
        .kind(netsot::netbox::Kind::IpAddresses)
        .get(&format!("100.{a}.{b}.5/24"))
        .expect("the outside address")
        .json
        .clone();
    assert_eq!(outside["nat_inside"]["address"], format!("10.{a}.{b}.5/24"));
    let (text, report) = import_site(&client, &format!("{run}-site"));
    let expected = format!("nat_inside: {{address: 10.{a}.{b}.5/24, vrf: {run}-private}}");
    assert!(
        text.contains(&expected),
        "`{expected}` not imported:\n{text}"
    );
    assert!(!report.contains("nat"), "{report}");
}

/// A device's primary address may be the outside address of a NAT whose inside address is
/// on one of its interfaces, as NetBox's `Device.clean` accepts; another outside address
/// still is not.
#[test]
fn a_primary_address_may_be_the_outside_of_a_nat_to_the_device() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/network.yaml",
            "sites:
  - {name: s1}
manufacturers:
  - {name: acme}
device_roles:
  - {name: fw}
device_types:
  - {manufacturer: acme, model: box}
devices:
  - name: fw1
    role: fw
    device_type: acme/box
    site: s1
    primary_ip4: 192.0.2.10/24
    interfaces:
      - name: inside
        type: virtual
        ip_addresses:
          - {address: 10.1.0.5/24}
  - name: fw2
    role: fw
    device_type: acme/box
    site: s1
    primary_ip4: 192.0.2.11/24
ip_addresses:
  - {address: 192.0.2.10/24, nat_inside: 10.1.0.5/24}
  - {address: 192.0.2.11/24, nat_inside: 10.1.0.5/24}
",
        ),
    ]);
    let compilation = compile_path(dir.path());
    assert_eq!(
        render(&compilation),
        "NS0307 error data/network.yaml:24:18: `primary_ip4` 192.0.2.11 is not assigned to any interface of `fw2`\n"
    );
}
