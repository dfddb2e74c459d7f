//! One verdict: `check`, `diff` and `build` agree on whether a repository is good, so a
//! repository whose outputs cannot render fails the pre-commit hook and CI, not the deploy.

use std::path::Path;

use crate::support::{copy_dir, git, netsot, root};

/// The rendering rules' failing fixtures: each compiles cleanly and fails only in an output.
const RENDER_ONLY: &[&str] = &["NS0803", "NS0810"];

fn fixture(code: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/rules").join(code).join("fail")
}

#[test]
fn check_reports_what_only_rendering_finds_and_no_render_opts_out() {
    for code in RENDER_ONLY {
        let dir = fixture(code);
        let output = netsot(&["check", "--format", "json"], &dir);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{code}: {stdout}");
        assert!(
            stdout.contains(code),
            "check of {code}/fail printed {stdout}"
        );

        let build = netsot(&["build", "--check", "--format", "json"], &dir);
        assert_eq!(build.status.code(), Some(1), "build agrees on {code}");

        let output = netsot(&["check", "--no-render"], &dir);
        assert_eq!(
            output.status.code(),
            Some(0),
            "--no-render skips {code}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn check_writes_nothing_when_it_renders() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("examples"), dir.path());
    let before = files_below(dir.path());
    let output = netsot(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(files_below(dir.path()), before);
}

#[test]
fn diff_fails_when_the_head_cannot_render() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(
        &fixture("NS0803").parent().expect("code").join("pass"),
        dir.path(),
    );
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "base"]);
    // The head is the failing fixture: it compiles, and its DNS output refuses it.
    std::fs::remove_dir_all(dir.path().join("data")).expect("rm data");
    copy_dir(&fixture("NS0803"), dir.path());

    let output = netsot(&["diff", "main", "--format", "json"], dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert!(json["head_errors"].as_u64().unwrap_or(0) >= 1, "{json}");

    let output = netsot(&["diff", "main", "--format", "github"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("NS0803"));
}

fn files_below(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path.display().to_string());
            }
        }
    }
    files.sort();
    files
}
