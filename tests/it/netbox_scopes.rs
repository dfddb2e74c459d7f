//! Scopes beyond site and MAC addresses against the running NetBox: a repository with a
//! region-scoped prefix, a location-scoped cluster and a rack-scoped VLAN group is pushed,
//! a second push plans nothing, and `import --site` writes the scopes back as their keys.
//! Names carry `h2-` and a suffix unique to the run; only what the test created is
//! deleted.

use netsot::netbox::Client;

use crate::netbox_support::{push, unique, CleanUp};
use crate::support::{netbox_env, netsot, repo};

#[test]
fn scopes_push_converge_and_import_back_as_their_keys() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let run = unique("h2-scope");
    let data = format!(
        "regions:
  - {{name: {run}-eu}}
site_groups:
  - {{name: {run}-benelux}}
sites:
  - {{name: {run}-site, status: active, region: {run}-eu, group: {run}-benelux}}
locations:
  - {{name: hall1, site: {run}-site, status: active}}
racks:
  - {{name: r1, site: {run}-site, location: hall1, status: active}}
cluster_types:
  - {{name: {run}-kvm}}
clusters:
  - {{name: {run}-c1, type: {run}-kvm, location: {run}-site/hall1}}
vlan_groups:
  - {{name: {run}-rack-vlans, rack: {run}-site/r1}}
  - {{name: {run}-hall-vlans, location: {run}-site/hall1}}
prefixes:
  - {{prefix: 10.98.0.0/16, region: {run}-eu, status: container}}
  - {{prefix: 10.98.1.0/24, location: {run}-site/hall1}}
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
    let pushed = push(dir.path(), &client, true);
    assert!(!pushed.applied.is_empty());
    let again = push(dir.path(), &client, false);
    assert!(again.plan.is_empty(), "a second push is not empty");

    let out = tempfile::tempdir().expect("tempdir");
    let target = out.path().join("imported");
    let output = netsot(
        &[
            "import",
            "netbox",
            "--url",
            &url,
            "--token",
            &token,
            "--out",
            &target.display().to_string(),
            "--site",
            &format!("{run}-site"),
        ],
        out.path(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let site_file = std::fs::read_to_string(target.join(format!("data/sites/{run}-site.yaml")))
        .expect("the site's file");
    for expected in [
        format!("location: {run}-site/hall1"),
        format!("rack: {run}-site/r1"),
    ] {
        assert!(
            site_file.contains(&expected),
            "{expected} not in {site_file}"
        );
    }
    let check = netsot(
        &["check", "--no-render", &target.display().to_string()],
        out.path(),
    );
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}
