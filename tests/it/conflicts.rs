//! `netsot conflicts` and `ipam next --avoid`: open branches of a real remote, merged in
//! memory with the default branch and with each other.

use std::path::Path;

use crate::merge::{branch, device_file, network, Untouched};
use crate::support::{git, netsot};

/// A network whose branches are pushed to a bare `origin` and fetched back, as a CI
/// clone sees them: `alice` and `bob` each allocated 10.0.0.2, `carol` 10.0.0.17, and
/// `done` was merged into `main` already.
fn remote() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = network();
    let net = dir.path();
    branch(
        net,
        "alice",
        "main",
        &[("data/a.yaml", &device_file("srv-a", "10.0.0.2/24"))],
    );
    branch(
        net,
        "bob",
        "main",
        &[("data/b.yaml", &device_file("srv-b", "10.0.0.2/24"))],
    );
    branch(
        net,
        "carol",
        "main",
        &[("data/c.yaml", &device_file("srv-c", "10.0.0.17/24"))],
    );
    branch(
        net,
        "done",
        "main",
        &[("data/d.yaml", &device_file("srv-d", "10.0.0.9/24"))],
    );
    git(net, &["merge", "-q", "--ff-only", "done"]);
    let origin = tempfile::tempdir().expect("tempdir");
    let bare = origin.path().join("origin.git");
    git(
        origin.path(),
        &["init", "-q", "--bare", bare.to_str().expect("utf8")],
    );
    git(
        net,
        &["remote", "add", "origin", bare.to_str().expect("utf8")],
    );
    git(
        net,
        &[
            "push", "-q", "origin", "main", "alice", "bob", "carol", "done",
        ],
    );
    git(net, &["fetch", "-q", "origin"]);
    (dir, origin)
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = netsot(args, dir);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn conflicts_lists_the_pairs_that_collide_and_only_those() {
    let (dir, _origin) = remote();
    let net = dir.path();
    let before = Untouched::of(net);
    let (code, out, err) = run(net, &["conflicts", "--format", "json"]);
    assert_eq!(code, Some(1), "{out}{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["base"], "origin/main", "{out}");
    // `done` is merged into main: not an open branch.
    assert_eq!(
        json["branches"],
        serde_json::json!(["origin/alice", "origin/bob", "origin/carol"]),
        "{out}"
    );
    // Three branches with main, and three pairs among them.
    assert_eq!(json["merges"], 6, "{out}");
    let collisions = json["collisions"].as_array().expect("collisions");
    assert_eq!(collisions.len(), 1, "only alice and bob collide: {out}");
    assert_eq!(
        collisions[0]["branches"],
        serde_json::json!(["origin/alice", "origin/bob"])
    );
    let found = collisions[0]["diagnostics"].to_string();
    assert!(
        found.contains("NS0401") && found.contains("10.0.0.2"),
        "{found}"
    );
    assert!(
        found.contains("data/a.yaml:9:") && found.contains("data/b.yaml:9:"),
        "both branches' lines: {found}"
    );
    // Each branch, main and each distinct merge compiled at most once.
    assert!(json["compilations"].as_u64().expect("count") <= 10, "{out}");
    assert_eq!(
        before,
        Untouched::of(net),
        "conflicts changed the repository"
    );
    // Named branches, in text.
    let (code, out, _) = run(net, &["conflicts", "carol", "alice", "--base", "main"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 colliding pairs among 2 branches"), "{out}");
}

#[test]
fn a_textual_conflict_between_branches_is_a_collision() {
    let dir = network();
    let net = dir.path();
    let base = std::fs::read_to_string(net.join("data/base.yaml")).expect("read");
    for (name, to) in [("x", "to spine1"), ("y", "to spine2")] {
        let changed = base.replace("description: uplink", &format!("description: uplink {to}"));
        branch(net, name, "main", &[("data/base.yaml", &changed)]);
    }
    let (code, out, _) = run(net, &["conflicts", "x", "y", "--base", "main"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("x and y collide:"), "{out}");
    assert!(
        out.contains("NS0008 both this side and `y` changed `leaf1`'s `eth0` `description`"),
        "{out}"
    );
    assert!(
        out.contains("at data/base.yaml:23:1") && out.contains("at y:data/base.yaml:23:1"),
        "{out}"
    );
}

#[test]
fn ipam_next_avoids_what_other_branches_took() {
    let (dir, _origin) = remote();
    let net = dir.path();
    // Dave starts from main, where 10.0.0.1 and 10.0.0.9 are taken.
    git(net, &["checkout", "-q", "-b", "dave", "main"]);
    let (code, out, err) = run(net, &["ipam", "next", "10.0.0.0/24"]);
    assert_eq!((code, out.trim()), (Some(0), "10.0.0.2/24"), "{err}");
    let (code, out, err) = run(net, &["ipam", "next", "10.0.0.0/24", "--avoid", "origin/*"]);
    assert_eq!((code, out.trim()), (Some(0), "10.0.0.3/24"), "{err}");
    assert!(
        err.contains("origin/alice") && err.contains("origin/carol"),
        "{err}"
    );
    // Only the branches the glob names count: carol took 10.0.0.17, not 10.0.0.2.
    let (_, out, _) = run(
        net,
        &["ipam", "next", "10.0.0.0/24", "--avoid", "origin/carol"],
    );
    assert_eq!(out.trim(), "10.0.0.2/24");
    // Child prefixes too: main uses 10.0.0.0/29 and 10.0.0.8/29, carol 10.0.0.16/29.
    let (_, out, _) = run(net, &["ipam", "next", "10.0.0.0/24", "--length", "29"]);
    assert_eq!(out.trim(), "10.0.0.16/29");
    let (_, out, _) = run(
        net,
        &[
            "ipam",
            "next",
            "10.0.0.0/24",
            "--length",
            "29",
            "--avoid",
            "origin/*",
        ],
    );
    assert_eq!(out.trim(), "10.0.0.24/29");
}

#[test]
fn ipam_next_vlan_avoids_the_ids_other_branches_took() {
    let dir = network();
    let net = dir.path();
    std::fs::write(
        net.join("data/vlans.yaml"),
        "vlan_groups:\n  - {name: campus, slug: campus, vid_ranges: [[10, 20]]}\nvlans:\n  - {vid: 10, name: v10, group: campus}\n",
    )
    .expect("write");
    git(net, &["add", "."]);
    git(net, &["commit", "-qm", "campus VLANs"]);
    branch(
        net,
        "eve",
        "main",
        &[(
            "data/e.yaml",
            "vlans:\n  - {vid: 11, name: e11, group: campus}\n",
        )],
    );
    let (code, out, err) = run(net, &["ipam", "next-vlan", "campus"]);
    assert_eq!((code, out.trim()), (Some(0), "11"), "{err}");
    let (code, out, err) = run(net, &["ipam", "next-vlan", "campus", "--avoid", "eve"]);
    assert_eq!((code, out.trim()), (Some(0), "12"), "{err}");
    let (code, _, err) = run(net, &["ipam", "next-vlan", "campsu"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `campus`"), "{err}");
}

#[test]
fn rack_free_avoids_the_units_other_branches_took() {
    let dir = network();
    let net = dir.path();
    let mounted = |name: &str, unit: u32| {
        format!("  - {{name: {name}, role: leaf, device_type: Acme/S1, site: ams1, rack: r1, position: {unit}, face: front}}\n")
    };
    std::fs::write(
        net.join("data/rack.yaml"),
        format!(
            "racks:\n  - {{name: r1, site: ams1, u_height: 10}}\ndevices:\n{}",
            mounted("top1", 1)
        ),
    )
    .expect("write");
    git(net, &["add", "."]);
    git(net, &["commit", "-qm", "a rack"]);
    let frank = format!("devices:\n{}", mounted("frank1", 2));
    branch(net, "frank", "main", &[("data/f.yaml", &frank)]);
    let (code, out, err) = run(net, &["rack", "free", "r1"]);
    assert_eq!((code, out.trim()), (Some(0), "U2"), "{err}");
    let (code, out, err) = run(net, &["rack", "free", "r1", "--avoid", "frank"]);
    assert_eq!((code, out.trim()), (Some(0), "U3"), "{err}");
    let (_, out, _) = run(
        net,
        &["rack", "free", "r1", "--height", "8", "--avoid", "frank"],
    );
    assert_eq!(out.trim(), "U3");
    let (code, _, err) = run(
        net,
        &["rack", "free", "r1", "--height", "9", "--avoid", "frank"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no 9 free units in a row"), "{err}");
}
