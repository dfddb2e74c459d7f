//! Rack types and reservations beyond their rule fixtures: a rack's numbering comes from its
//! type, `rack free` skips reserved units unless asked, and the diagnostics point at the
//! reserved unit.

use crate::support::{compile_path, listed, netsot, repo};

/// A 10U rack type numbered from U5, a rack of that type with a device at U5, and a
/// reservation of U6 and U7.
const NETWORK: &str = "\
sites:
  - {name: ams1, status: active}
device_roles:
  - {name: leaf}
manufacturers:
  - {name: Acme}
device_types:
  - {manufacturer: Acme, model: S1, u_height: 1}
rack_roles:
  - {name: network, color: 2196f3}
rack_types:
  - {manufacturer: Acme, model: R10, slug: acme-r10, form_factor: 4-post-frame, u_height: 10, starting_unit: 5}
racks:
  - {name: r1, site: ams1, role: network, rack_type: acme-r10}
rack_reservations:
  - {site: ams1, rack: r1, units: [6, 7], user: alice, description: firewall pair}
devices:
  - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, rack: r1, position: 5, face: front}
";

fn free(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["rack", "free", "r1"];
    all.extend_from_slice(args);
    let output = netsot(&all, dir);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).trim().to_string(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn rack_free_skips_reserved_units_unless_asked_and_counts_from_the_type() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", NETWORK)]);
    let compilation = compile_path(dir.path());
    assert_eq!(
        listed(&compilation.diagnostics, &compilation),
        "",
        "the network is clean"
    );
    // U5 holds leaf1 and U6-U7 are reserved: the first free unit is U8.
    assert_eq!(free(dir.path(), &[]).1, "U8");
    assert_eq!(free(dir.path(), &["--include-reserved"]).1, "U6");
    // The type's ten units from U5 end at U14: seven free units from U8, not eight.
    assert_eq!(free(dir.path(), &["--height", "7"]).1, "U8");
    let (code, _, err) = free(dir.path(), &["--height", "8"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("(U5 to U14)"), "{err}");
}

#[test]
fn a_reservation_is_checked_against_the_types_numbering() {
    // U15 exists in a 42U rack of the defaults, not in the type's U5 to U14.
    let text = NETWORK.replace("units: [6, 7]", "units: [6, 15]");
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &text)]);
    let compilation = compile_path(dir.path());
    let found = listed(&compilation.diagnostics, &compilation);
    assert!(
        found.contains("NS0628") && found.contains("unit `15` reserved in rack `r1`"),
        "{found}"
    );
    assert_eq!(found.lines().count(), 1, "{found}");
}

#[test]
fn rack_roles_and_types_are_references() {
    let text = NETWORK
        .replace("role: network, rack_type", "role: netwrk, rack_type")
        .replace("rack_type: acme-r10}", "rack_type: acme-r11}");
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &text)]);
    let compilation = compile_path(dir.path());
    let found = listed(&compilation.diagnostics, &compilation);
    assert!(
        found.contains("NS0301") && found.contains("netwrk") && found.contains("acme-r11"),
        "{found}"
    );
}
