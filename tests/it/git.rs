//! Compiling git revisions straight from the object database.

use std::path::Path;

use netsot::compile::compile;
use netsot::source::Source;

use crate::support::{git, netsot, render, repo};

const GOOD: &str = "sites:\n  - name: ams1\n";
const BAD: &str = "sites:\n  - name: ams1\n  - name: ams1\n";

/// A repository with two commits: a clean one, tagged `good`, and one with a duplicate.
fn history() -> tempfile::TempDir {
    history_in("net/")
}

fn history_in(prefix: &str) -> tempfile::TempDir {
    let config = format!("{prefix}netsot.yaml");
    let sites = format!("{prefix}data/sites.yaml");
    let dir = repo(&[(&config, "version: 1\n"), (&sites, GOOD)]);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "good"]);
    git(dir.path(), &["tag", "good"]);
    std::fs::write(dir.path().join(&sites), BAD).expect("write");
    git(dir.path(), &["commit", "-qam", "bad"]);
    dir
}

fn codes_at(path: &Path, rev: Option<&str>) -> String {
    let source = Source::open(Some(path), rev).unwrap_or_else(|e| panic!("{}", e.message));
    render(&compile(&source).expect("compiles"))
}

#[test]
fn revisions_compile_without_a_checkout() {
    let dir = history();
    let net = dir.path().join("net");
    assert_eq!(codes_at(&net, Some("good")), "");
    assert_eq!(codes_at(&net, Some("HEAD~1")), "");
    assert!(codes_at(&net, Some("HEAD")).contains("NS0201"));
    assert!(codes_at(&net, Some("main")).contains("NS0201"));
}

#[test]
fn a_revision_and_its_checkout_give_identical_results() {
    let dir = history();
    let net = dir.path().join("net");
    let from_git = codes_at(&net, Some("HEAD"));
    let from_tree = codes_at(&net, None);
    assert_eq!(from_git, from_tree);
}

#[test]
fn bare_repositories_work() {
    let dir = history_in("");
    let bare = tempfile::tempdir().expect("tempdir");
    git(
        bare.path(),
        &[
            "clone",
            "-q",
            "--bare",
            dir.path().to_str().expect("utf8"),
            "repo.git",
        ],
    );
    let repo = bare.path().join("repo.git");
    assert_eq!(codes_at(&repo, Some("good")), "");
    assert!(codes_at(&repo, Some("main")).contains("NS0201"));
    let output = netsot(
        &["check", repo.to_str().expect("utf8"), "--rev", "good"],
        bare.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let output = netsot(
        &["check", repo.to_str().expect("utf8"), "--rev", "main"],
        bare.path(),
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}

#[test]
fn unknown_revisions_fail_with_a_hint() {
    let dir = history();
    let output = netsot(&["check", "net", "--rev", "no-such-branch"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("revision `no-such-branch` not found"),
        "{stderr}"
    );
    assert!(stderr.contains("git fetch"), "{stderr}");
}
