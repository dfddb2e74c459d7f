//! SARIF output is valid SARIF 2.1.0: checked against the OASIS schema, vendored in
//! `tests/schemas/sarif-schema-2.1.0.json` (see `tests/schemas/README.md`).

use crate::support::{compile_path, copy_dir, git, netsot, root};

fn validator() -> jsonschema::Validator {
    let path = root().join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

/// Every schema violation of `sarif`, one per line, or an empty string.
fn violations(validator: &jsonschema::Validator, sarif: &[u8]) -> String {
    let value: serde_json::Value = serde_json::from_slice(sarif).expect("SARIF is JSON");
    validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}\n", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_of_every_failing_fixture_is_valid() {
    let validator = validator();
    let mut failures = String::new();
    let mut fixtures: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/rules"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path().join("fail"))
        .collect();
    fixtures.sort();
    let mut related = 0;
    for fixture in fixtures {
        let compilation = compile_path(&fixture);
        let mut diagnostics = compilation.diagnostics.clone();
        if !compilation.has_errors() {
            diagnostics.extend(netsot::render::render(&compilation).diagnostics);
        }
        assert!(
            !diagnostics.is_empty(),
            "{} reports nothing",
            fixture.display()
        );
        related += diagnostics
            .iter()
            .filter(|d| !d.secondary.is_empty())
            .count();
        let sarif = netsot::diag::sarif::sarif(&diagnostics, &compilation.files, "net/");
        let found = violations(&validator, sarif.as_bytes());
        if !found.is_empty() {
            failures.push_str(&format!("{}:\n{found}", fixture.display()));
        }
    }
    // The fixtures exercise related locations too, not only primary ones.
    assert!(related > 0);
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn sarif_of_check_build_and_diff_is_valid() {
    let validator = validator();
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "base"]);
    let site = dir.path().join("data/sites/ams1.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replacen("rack: ams1-r01", "rack: ams1-r99", 1)).unwrap();
    for args in [
        &["check", "--format", "sarif"][..],
        &["build", "--format", "sarif", "--out", "out"][..],
        &["diff", "main", "--format", "sarif"][..],
    ] {
        let output = netsot(args, dir.path());
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(output.stdout.starts_with(b"{"), "{args:?}");
        let found = violations(&validator, &output.stdout);
        assert!(found.is_empty(), "{args:?}:\n{found}");
    }
}

#[test]
fn the_schema_refuses_what_sarif_forbids() {
    // A guard that the validator really applies the schema: a result without a message
    // and a level SARIF does not know must both be refused.
    let validator = validator();
    let bad = br#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "netsot"}},
        "results": [{"ruleId": "NS0301", "level": "fatal"}]}]}"#;
    let found = violations(&validator, bad);
    assert!(found.contains("message"), "{found}");
    assert!(found.contains("fatal"), "{found}");
}
