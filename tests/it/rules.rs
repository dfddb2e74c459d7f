//! Rule fixtures: `tests/fixtures/rules/<CODE>/fail` must report the code, and
//! `tests/fixtures/rules/<CODE>/pass` must report nothing at all.

use netsot::diag::Diagnostic;

use crate::support::{compile_path, root};

/// Compiles a fixture and, when it has no errors, renders it, so rendering rules
/// (`NS08xx`) are covered like the others.
fn diagnostics(path: &std::path::Path) -> (Vec<Diagnostic>, String) {
    let compilation = compile_path(path);
    let mut all = compilation.diagnostics.clone();
    if !compilation.has_errors() {
        all.extend(netsot::render::render(&compilation).diagnostics);
    }
    let text = crate::support::listed(&all, &compilation);
    (all, text)
}

fn cases() -> Vec<(String, std::path::PathBuf)> {
    let mut cases: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/rules"))
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                p,
            )
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn failing_fixtures_report_their_code() {
    let mut failures = Vec::new();
    for (code, path) in cases() {
        let (found, text) = diagnostics(&path.join("fail"));
        if !found.iter().any(|d| d.rule.code == code) {
            failures.push(format!(
                "{code}/fail does not report {code}; it reports:\n{text}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn passing_fixtures_report_nothing() {
    let mut failures = Vec::new();
    for (code, path) in cases() {
        let (found, text) = diagnostics(&path.join("pass"));
        if !found.is_empty() {
            failures.push(format!("{code}/pass reports:\n{text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
