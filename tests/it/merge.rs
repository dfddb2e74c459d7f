//! `check --merge-with`: two branches merged in memory, compiled, their textual conflicts
//! reported at their lines, and the work tree, the index and `.git/objects` untouched.

use std::path::Path;

use crate::support::{git, netsot, repo};

const CONFIG: &str = "version: 1\n";

/// The shared part of the test network: one site, one type, a /24 with its first address
/// taken by `leaf1`, whose `eth0` has a description in block style.
const BASE: &str = "\
sites:
  - {name: ams1, status: active}
device_roles:
  - {name: leaf}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: S1
    u_height: 1
    interfaces:
      - {name: eth0, type: 1000base-t}
      - {name: eth1, type: 1000base-t}
prefixes:
  - {prefix: 10.0.0.0/24, status: active}
devices:
  - name: leaf1
    role: leaf
    device_type: Acme/S1
    site: ams1
    interfaces:
      - name: eth0
        description: uplink
        ip_addresses:
          - {address: 10.0.0.1/24}
";

/// A new device holding `address` on its `eth0`, in a file of its own.
pub fn device_file(name: &str, address: &str) -> String {
    format!(
        "devices:\n  - name: {name}\n    role: leaf\n    device_type: Acme/S1\n    site: ams1\n    interfaces:\n      - name: eth0\n        ip_addresses:\n          - {{address: {address}}}\n"
    )
}

/// A repository whose `main` holds the base network.
pub fn network() -> tempfile::TempDir {
    let dir = repo(&[("netsot.yaml", CONFIG), ("data/base.yaml", BASE)]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "base"]);
    dir
}

/// Commits `files` on a new branch `name` started at `from`, then checks `main` out again.
pub fn branch(dir: &Path, name: &str, from: &str, files: &[(&str, &str)]) {
    git(dir, &["checkout", "-q", "-b", name, from]);
    for (path, text) in files {
        std::fs::write(dir.join(path), text).expect("write");
    }
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", name]);
    git(dir, &["checkout", "-q", "main"]);
}

/// What a command must leave as it was: `git status`, the index file's bytes and time,
/// and the loose objects and packs of `.git/objects`.
#[derive(Debug, PartialEq)]
pub struct Untouched {
    status: String,
    index: Vec<u8>,
    index_modified: std::time::SystemTime,
    objects: Vec<String>,
}

impl Untouched {
    pub fn of(dir: &Path) -> Untouched {
        // `--no-optional-locks`: git status would otherwise refresh the index file itself.
        let status = std::process::Command::new("git")
            .args([
                "--no-optional-locks",
                "status",
                "--porcelain",
                "--untracked-files=all",
            ])
            .current_dir(dir)
            .output()
            .expect("git status");
        let index = dir.join(".git/index");
        let mut objects: Vec<String> = walk(&dir.join(".git/objects"));
        objects.sort();
        Untouched {
            status: String::from_utf8_lossy(&status.stdout).into_owned(),
            index: std::fs::read(&index).expect("index"),
            index_modified: std::fs::metadata(&index)
                .and_then(|m| m.modified())
                .expect("mtime"),
            objects,
        }
    }
}

fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = netsot(args, dir);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

#[test]
fn two_branches_taking_the_same_address_pass_alone_and_collide_merged() {
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
    for rev in ["alice", "bob"] {
        let (code, text) = run(net, &["check", "--rev", rev, "--format", "json"]);
        assert_eq!(code, Some(0), "{rev} alone: {text}");
    }
    git(net, &["checkout", "-q", "alice"]);
    let before = Untouched::of(net);
    let (code, text) = run(net, &["check", "--merge-with", "bob", "--no-render"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("NS0401") && text.contains("10.0.0.2"),
        "the merge assigns 10.0.0.2 twice:\n{text}"
    );
    assert!(text.contains("merged with bob"), "{text}");
    let (code, text) = run(net, &["check", "--rev", "main", "--merge-with", "bob"]);
    assert_eq!(code, Some(0), "main and bob merge cleanly: {text}");
    // `diff` shows what the merge does: both branches' devices added to main.
    let (_, text) = run(
        net,
        &["diff", "main", "--merge-with", "bob", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["head"], "the working tree merged with bob", "{text}");
    assert!(text.contains("srv-a") && text.contains("srv-b"), "{text}");
    assert_eq!(
        before,
        Untouched::of(net),
        "check --merge-with changed the repository"
    );
}

#[test]
fn a_textual_conflict_is_reported_at_both_sides_lines_in_network_words() {
    let dir = network();
    let net = dir.path();
    let changed = |to: &str| BASE.replace("description: uplink", &format!("description: {to}"));
    branch(
        net,
        "spine1",
        "main",
        &[("data/base.yaml", &changed("uplink to spine1"))],
    );
    branch(
        net,
        "spine2",
        "main",
        &[("data/base.yaml", &changed("uplink to spine2"))],
    );
    git(net, &["checkout", "-q", "spine1"]);
    // An uncommitted file of the working tree is part of the head that is merged.
    std::fs::write(
        net.join("data/extra.yaml"),
        device_file("srv-x", "10.0.0.9/24"),
    )
    .expect("write");
    let before = Untouched::of(net);
    let (code, text) = run(
        net,
        &["check", "--merge-with", "spine2", "--format", "json"],
    );
    assert_eq!(code, Some(1), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    let conflicts: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "NS0008")
        .collect();
    assert_eq!(conflicts.len(), 1, "{text}");
    let conflict = conflicts[0].to_string();
    assert!(
        conflict.contains("both this side and `spine2` changed `leaf1`'s `eth0` `description`"),
        "{conflict}"
    );
    // Line 23 holds the description on both sides.
    assert!(conflict.contains("\"data/base.yaml\""), "{conflict}");
    assert!(conflict.contains("\"spine2:data/base.yaml\""), "{conflict}");
    assert_eq!(
        conflict.matches("\"line\":23").count(),
        2,
        "both sides at line 23: {conflict}"
    );
    assert_eq!(before, Untouched::of(net));
    // The same merge from the committed head, with the human format's snippet.
    let (code, text) = run(net, &["check", "--rev", "spine1", "--merge-with", "spine2"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("description: uplink to spine1")
            && text.contains("`spine2`'s change: spine2:data/base.yaml:23:1"),
        "both sides are shown:\n{text}"
    );
}

#[test]
fn a_revision_that_does_not_exist_is_a_failure_to_run() {
    let dir = network();
    let (code, text) = run(dir.path(), &["check", "--merge-with", "nosuch"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("`nosuch`"), "{text}");
}

/// Runs git in `dir`, returning whether it succeeded (a merge that stops on conflicts).
fn git_succeeds(dir: &Path, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.net"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs")
        .status
        .success()
}

#[test]
fn the_merge_driver_merges_devices_added_to_one_file_and_marks_a_real_conflict() {
    let dir = network();
    let net = dir.path();
    std::fs::write(net.join(".gitattributes"), "*.yaml merge=netsot\n").expect("write");
    git(net, &["add", "."]);
    git(net, &["commit", "-qm", "the merge driver"]);
    let driver = format!("{} merge-driver %O %A %B %P", env!("CARGO_BIN_EXE_netsot"));
    git(net, &["config", "merge.netsot.driver", &driver]);
    // Both branches add a device at the end of the same file: git's line merge conflicts.
    let item = |name: &str, address: &str| {
        let file = device_file(name, address);
        file.trim_start_matches("devices:\n").to_string()
    };
    let left = format!("{BASE}{}", item("srv-l", "10.0.0.3/24"));
    let right = format!("{BASE}{}", item("srv-r", "10.0.0.4/24"));
    branch(net, "left", "main", &[("data/base.yaml", &left)]);
    branch(net, "right", "main", &[("data/base.yaml", &right)]);
    git(net, &["checkout", "-q", "left"]);
    assert!(
        !git_succeeds(
            net,
            &[
                "-c",
                "merge.netsot.driver=false",
                "merge",
                "-q",
                "--no-edit",
                "right"
            ]
        ),
        "without the driver, the merge should conflict"
    );
    git(net, &["merge", "--abort"]);
    assert!(git_succeeds(net, &["merge", "-q", "--no-edit", "right"]));
    let merged = std::fs::read_to_string(net.join("data/base.yaml")).expect("read");
    assert_eq!(
        merged,
        format!(
            "{BASE}{}{}",
            item("srv-l", "10.0.0.3/24"),
            item("srv-r", "10.0.0.4/24")
        )
    );
    let (code, text) = run(net, &["check", "--no-render"]);
    assert_eq!(code, Some(0), "{text}");
    // The same field changed two ways is a conflict, marked around the device.
    let changed = |to: &str| BASE.replace("description: uplink", &format!("description: {to}"));
    branch(net, "up1", "main", &[("data/base.yaml", &changed("up1"))]);
    branch(net, "up2", "main", &[("data/base.yaml", &changed("up2"))]);
    git(net, &["checkout", "-q", "up1"]);
    assert!(!git_succeeds(net, &["merge", "-q", "--no-edit", "up2"]));
    let marked = std::fs::read_to_string(net.join("data/base.yaml")).expect("read");
    assert!(
        marked.contains("<<<<<<< ours\n  - name: leaf1\n")
            && marked.contains("description: up1\n")
            && marked.contains("=======\n  - name: leaf1\n")
            && marked.contains("description: up2\n")
            && marked.contains(">>>>>>> theirs\n"),
        "{marked}"
    );
    assert!(
        marked.starts_with("sites:\n  - {name: ams1, status: active}\n"),
        "{marked}"
    );
}
