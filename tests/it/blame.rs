//! `netsot blame`: the commit that last changed each field, from a real history.

use std::path::Path;

use crate::support::{git_as, netsot, repo};

const DATA: &str =
    "sites:\n  - name: ams1\n    status: active\n    description: Amsterdam\n    facility: AMS-1\n";

fn blame(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["blame"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    let output = netsot(&all, dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn commit_of<'a>(report: &'a serde_json::Value, field: &str) -> &'a serde_json::Value {
    &report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("no field {field}: {report}"))["commit"]
}

#[test]
fn each_field_names_the_commit_that_last_changed_it() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/sites.yaml", DATA)]);
    git_as(
        dir.path(),
        "alice",
        "2026-01-01T00:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    git_as(dir.path(), "alice", "2026-01-01T00:00:00Z", &["add", "."]);
    git_as(
        dir.path(),
        "alice",
        "2026-01-01T00:00:00Z",
        &["commit", "-qm", "ams1"],
    );
    let sites = dir.path().join("data/sites.yaml");
    std::fs::write(&sites, DATA.replace("Amsterdam", "Amsterdam Science Park")).unwrap();
    git_as(
        dir.path(),
        "bob",
        "2026-02-01T00:00:00Z",
        &["commit", "-qam", "describe ams1"],
    );

    let report = blame(dir.path(), &["site", "ams1"]);
    assert_eq!(report["key"], "ams1");
    assert_eq!(commit_of(&report, "description")["author"], "bob");
    assert_eq!(
        commit_of(&report, "description")["summary"],
        "describe ams1"
    );
    assert_eq!(commit_of(&report, "facility")["author"], "alice");
    assert_eq!(commit_of(&report, "name")["summary"], "ams1");

    // As of the first commit, bob's change does not exist yet.
    let old = blame(dir.path(), &["sites", "ams1", "--rev", "HEAD~1"]);
    assert_eq!(commit_of(&old, "description")["author"], "alice");

    // An edit in the working tree is not committed yet.
    std::fs::write(&sites, DATA.replace("AMS-1", "AMS-2")).unwrap();
    let report = blame(dir.path(), &["site", "ams1"]);
    assert!(commit_of(&report, "facility").is_null(), "{report}");
    assert_eq!(commit_of(&report, "status")["author"], "alice");

    let text = netsot(&["blame", "site", "ams1"], dir.path());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("not committed yet"), "{text}");
    assert!(text.contains("2026-01-01  alice"), "{text}");

    let missing = netsot(&["blame", "site", "amsl"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("ams1"));
}
