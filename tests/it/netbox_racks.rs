//! Rack roles, rack types and rack reservations pushed into a real NetBox 4.4 and imported
//! back. NetBox is shared and persists: every object is named with `h1-` and a suffix unique
//! to the run, and only what the test created is deleted. Skips loudly without NetBox
//! (`NETBOX_URL`, `NETBOX_TOKEN`); `NETSOT_REQUIRE_NETBOX=1` makes that a failure.

use netsot::netbox::{self, Client, Kind};

use crate::netbox_support::{import_site, left, push, unique, CleanUp};
use crate::support::{netbox_env, repo};

/// A site with a rack of a role and a type, and a reservation held by NetBox's `admin`.
fn network(run: &str) -> tempfile::TempDir {
    let data = format!(
        "\
sites:
  - {{name: {run}-site, status: active}}
manufacturers:
  - {{name: {run}-acme}}
rack_roles:
  - {{name: {run}-network, color: 2196f3, description: fabric racks}}
rack_types:
  - {{manufacturer: {run}-acme, model: {run}-R24, slug: {run}-r24, form_factor: 4-post-cabinet, u_height: 24, outer_width: 600, outer_unit: mm}}
racks:
  - {{name: {run}-r1, site: {run}-site, role: {run}-network, rack_type: {run}-r24}}
rack_reservations:
  - {{site: {run}-site, rack: {run}-r1, units: [20, 21], user: admin, description: firewall pair}}
"
    );
    repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data),
    ])
}

#[test]
fn rack_roles_types_and_reservations_push_converge_and_import_back() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let run = unique("h1-racks");
    let dir = network(&run);
    let clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    let pushed = push(dir.path(), &client, true);
    assert!(!pushed.applied.is_empty());
    let again = push(dir.path(), &client, false);
    let left = left(&again);
    assert!(left.is_empty(), "a second push is not empty: {left:#?}");
    // NetBox copied the type's height onto the rack and holds the reservation for `admin`.
    let state = netbox::State::read_all(&client).expect("NetBox answers");
    let rack_key = format!("{run}-site/{run}-r1");
    assert!(state.id(Kind::Racks, &rack_key).is_some());
    assert!(
        state
            .id(Kind::RackReservations, &format!("{rack_key} 20,21"))
            .is_some(),
        "the reservation is found by its rack and units"
    );
    let (text, report) = import_site(&client, &format!("{run}-site"));
    drop(clean_up);
    for expected in [
        format!("rack_type: {run}-r24"),
        format!("role: {run}-network"),
        format!("slug: {run}-r24"),
        "rack_reservations:".to_string(),
        "user: admin".to_string(),
        "description: firewall pair".to_string(),
        "form_factor: 4-post-cabinet".to_string(),
    ] {
        assert!(
            text.contains(&expected),
            "`{expected}` not imported:\n{text}"
        );
    }
    assert!(
        !text.contains("u_height: 24\n    tenant"),
        "a rack of a type gets no height of its own"
    );
    assert!(
        !report.contains("rack reservation") && !report.contains("dcim.racktype"),
        "{report}"
    );
}
