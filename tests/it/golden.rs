//! Golden files: the exact bytes of every output of `examples/`, and the diagnostics of
//! every failing rule fixture, pinned in files under review.
//!
//! A change to a renderer or a rule shows up as a diff of these files. After an intended
//! change, rewrite them all with `NETSOT_BLESS=1 cargo test --locked --test it golden` and
//! commit the result; without the variable a mismatch fails with a unified diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use netsot::diag::{Diagnostic, Label, SourceMap};

use crate::support::{compile_path, root};

/// The commit time the example is rendered with: the working tree's `HEAD` moves with
/// every commit, and the SOA serials of the zones would move with it.
const EXAMPLE_COMMIT_TIME: i64 = 1_764_000_000;

/// Whether this run rewrites the golden files instead of comparing them.
fn blessing() -> bool {
    std::env::var("NETSOT_BLESS").as_deref() == Ok("1")
}

/// Compares `actual` with the golden file at `path`, or rewrites it when blessing.
/// A mismatch is pushed to `failures` as a unified diff.
fn compare(path: &Path, actual: &[u8], failures: &mut Vec<String>) {
    compare_or_bless(path, actual, blessing(), failures);
}

fn compare_or_bless(path: &Path, actual: &[u8], bless: bool, failures: &mut Vec<String>) {
    let expected = std::fs::read(path).ok();
    if expected.as_deref() == Some(actual) {
        return;
    }
    if bless {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, actual).expect("write golden file");
        return;
    }
    let relative = path.strip_prefix(root()).unwrap_or(path).display();
    let Some(expected) = expected else {
        failures.push(format!("{relative} is missing (a new output?)"));
        return;
    };
    let expected = String::from_utf8_lossy(&expected);
    let actual = String::from_utf8_lossy(actual);
    let diff = similar::TextDiff::from_lines(expected.as_ref(), actual.as_ref())
        .unified_diff()
        .context_radius(2)
        .header(&format!("{relative} (golden)"), "actual")
        .to_string();
    failures.push(diff);
}

/// Fails with every mismatch, and how to accept them if they are intended.
fn report(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{}\n\nIf these changes are intended, run `NETSOT_BLESS=1 cargo test --locked --test it \
         golden` and commit the golden files.",
        failures.join("\n")
    );
}

/// Every file below `dir`, relative to it with `/` separators, sorted.
fn files_below(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside");
                let parts: Vec<_> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn golden_example_outputs() {
    let mut compilation = compile_path(&root().join("examples"));
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    compilation.commit_time = Some(EXAMPLE_COMMIT_TIME);
    // The site's source links name the commit and the repository's folder: fixed too.
    compilation.commit = Some("0123456789abcdef0123456789abcdef01234567".to_string());
    compilation.repo_prefix = "examples/".to_string();
    let rendered = netsot::render::render(&compilation);
    assert!(
        rendered.diagnostics.is_empty(),
        "{}",
        snapshot(&rendered.diagnostics, &compilation.files)
    );
    let golden = root().join("tests/golden/examples");
    let outputs: BTreeMap<&str, &[u8]> = rendered
        .files
        .iter()
        .map(|file| (file.path.as_str(), file.bytes.as_slice()))
        .collect();
    let mut failures = Vec::new();
    for (path, bytes) in &outputs {
        compare(&golden.join(path), bytes, &mut failures);
    }
    for stale in files_below(&golden) {
        if !outputs.contains_key(stale.as_str()) {
            if blessing() {
                std::fs::remove_file(golden.join(&stale)).expect("remove stale golden file");
            } else {
                failures.push(format!(
                    "tests/golden/examples/{stale} is no longer rendered"
                ));
            }
        }
    }
    report(failures);
}

/// The rule fixtures' folders, `tests/fixtures/rules/<CODE>`, sorted.
/// The `dns` output with views (`tests/fixtures/dns/views`): the `view` clauses of
/// `named.conf.zones` and each view's copy of the reverse zone, pinned.
#[test]
fn golden_dns_views() {
    let mut compilation = compile_path(&root().join("tests/fixtures/dns/views"));
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    compilation.commit_time = Some(EXAMPLE_COMMIT_TIME);
    let rendered = netsot::render::render(&compilation);
    assert!(
        rendered.diagnostics.is_empty(),
        "{}",
        snapshot(&rendered.diagnostics, &compilation.files)
    );
    let golden = root().join("tests/golden/dns-views");
    let mut failures = Vec::new();
    let mut paths: Vec<&str> = Vec::new();
    for file in &rendered.files {
        compare(&golden.join(&file.path), &file.bytes, &mut failures);
        paths.push(&file.path);
    }
    assert_eq!(
        files_below(&golden).len(),
        paths.len(),
        "golden files no longer rendered: {:?}",
        files_below(&golden)
    );
    report(failures);
}

fn rule_fixtures() -> Vec<PathBuf> {
    let mut cases: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/rules"))
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// `path:line:column` of a label.
fn at(label: &Label, files: &SourceMap) -> String {
    netsot::diag::emit::position(label, files)
}

/// The diagnostics as users read them, one line per diagnostic
/// (`CODE severity file:line:column: message`), then indented lines for the primary
/// label's text, the secondary labels and the help, which are part of what users see.
fn snapshot(diagnostics: &[Diagnostic], files: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let position = d
            .primary
            .as_ref()
            .map(|label| at(label, files))
            .unwrap_or_else(|| "-".to_owned());
        out.push_str(&format!(
            "{} {} {position}: {}\n",
            d.rule.code,
            d.severity.as_str(),
            d.message
        ));
        if let Some(text) = d.primary.as_ref().and_then(|l| l.message.as_deref()) {
            out.push_str(&format!("  label: {text}\n"));
        }
        for label in &d.secondary {
            out.push_str(&format!(
                "  also {}: {}\n",
                at(label, files),
                label.message.as_deref().unwrap_or("see also")
            ));
        }
        if let Some(help) = &d.help {
            for (i, line) in help.lines().enumerate() {
                let lead = if i == 0 { "help:" } else { "     " };
                out.push_str(&format!("  {lead} {line}\n"));
            }
        }
    }
    out
}

/// The snapshot of a fixture: its compilation's diagnostics and, when it has no errors,
/// its rendering's (so rendering rules, `NS08xx`, are pinned like the others).
fn fixture_snapshot(path: &Path) -> String {
    let compilation = compile_path(path);
    let mut all = compilation.diagnostics.clone();
    if !compilation.has_errors() {
        all.extend(netsot::render::render(&compilation).diagnostics);
    }
    snapshot(&all, &compilation.files)
}

#[test]
fn golden_rule_fixture_diagnostics() {
    let mut failures = Vec::new();
    for case in rule_fixtures() {
        let actual = fixture_snapshot(&case.join("fail"));
        compare(&case.join("fail.snap"), actual.as_bytes(), &mut failures);
    }
    report(failures);
}

#[test]
fn a_mismatch_fails_with_a_diff_and_blessing_rewrites_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out/a.txt");
    let mut failures = Vec::new();
    compare_or_bless(&path, b"one\n", false, &mut failures);
    assert!(failures[0].contains("is missing"), "{failures:?}");
    compare_or_bless(&path, b"one\ntwo\n", true, &mut Vec::new());
    assert_eq!(std::fs::read(&path).expect("written"), b"one\ntwo\n");
    let mut failures = Vec::new();
    compare_or_bless(&path, b"one\ntwo\n", false, &mut failures);
    assert!(failures.is_empty(), "{failures:?}");
    compare_or_bless(&path, b"one\nthree\n", false, &mut failures);
    assert!(
        failures[0].contains("-two") && failures[0].contains("+three"),
        "{failures:?}"
    );
}
