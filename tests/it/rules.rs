//! Rule fixtures: `tests/fixtures/rules/<CODE>/fail` must report the code, and
//! `tests/fixtures/rules/<CODE>/pass` must report nothing at all.

use crate::support::{compile_path, render, root};

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
        let compilation = compile_path(&path.join("fail"));
        if !compilation.diagnostics.iter().any(|d| d.rule.code == code) {
            failures.push(format!(
                "{code}/fail does not report {code}; it reports:\n{}",
                render(&compilation)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn passing_fixtures_report_nothing() {
    let mut failures = Vec::new();
    for (code, path) in cases() {
        let compilation = compile_path(&path.join("pass"));
        if !compilation.diagnostics.is_empty() {
            failures.push(format!("{code}/pass reports:\n{}", render(&compilation)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
