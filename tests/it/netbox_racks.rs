//! Rack roles, rack types and rack reservations pushed into a real NetBox 4.4 and imported
//! back. NetBox is shared and persists: every object is named with `h1-` and a suffix unique
//! to the run, and only what the test created is deleted. Skips loudly without NetBox
//! (`NETBOX_URL`, `NETBOX_TOKEN`); `NETSOT_REQUIRE_NETBOX=1` makes that a failure.

use std::path::Path;

use netsot::netbox::{self, Client, Kind, Options, Pushed};

use crate::support::{compile_path, netbox_env, repo};

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "h1-racks-{:x}",
        (nanos as u64) ^ u64::from(std::process::id())
    )
}

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

fn push(path: &Path, client: &Client, apply: bool) -> Pushed {
    let compilation = compile_path(path);
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    let options = Options {
        apply,
        prune: false,
        allow_input_errors: false,
    };
    match netbox::push(&compilation, client, options) {
        Ok(pushed) => {
            assert!(
                pushed.refused.is_empty(),
                "NetBox refused: {}",
                crate::support::listed(&pushed.refused, &compilation)
            );
            pushed
        }
        Err(error) => panic!("{error:?}"),
    }
}

/// Deletes the objects the repository describes, in reverse dependency order.
fn clean_up(path: &Path, client: &Client) {
    let compilation = compile_path(path);
    let desired = netbox::desired(&compilation);
    let state = netbox::State::read_all(client).expect("NetBox answers");
    for &kind in Kind::ALL.iter().rev() {
        if kind.spec().update_only {
            continue;
        }
        let ids: Vec<serde_json::Value> = desired
            .iter()
            .filter(|d| d.kind == kind)
            .filter_map(|d| state.id(kind, &d.key))
            .map(|id| serde_json::json!({ "id": id }))
            .collect();
        if !ids.is_empty() {
            client
                .delete(kind.spec().path, &serde_json::Value::Array(ids))
                .unwrap_or_else(|e| panic!("cleaning up {}: {e}", kind.spec().collection));
        }
    }
}

#[test]
fn rack_roles_types_and_reservations_push_converge_and_import_back() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let run = unique();
    let dir = network(&run);
    let pushed = push(dir.path(), &client, true);
    assert!(!pushed.applied.is_empty());
    let again = push(dir.path(), &client, false);
    let left: Vec<String> = again
        .plan
        .steps
        .iter()
        .map(|s| format!("{} {}", s.kind.spec().collection, s.key))
        .collect();
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
    let imported = netbox::import::import(
        &client,
        &netbox::import::Options {
            sites: vec![format!("{run}-site")],
        },
    )
    .expect("the import reads NetBox");
    let text: String = imported
        .files
        .iter()
        .map(|(path, bytes)| format!("# {path}\n{}", String::from_utf8_lossy(bytes)))
        .collect();
    clean_up(dir.path(), &client);
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
    let report = imported.not_carried.lines().join("\n");
    assert!(
        !report.contains("rack reservation") && !report.contains("dcim.racktype"),
        "{report}"
    );
}
