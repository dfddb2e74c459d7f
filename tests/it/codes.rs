//! The code table: unique, documented, and covered by fixtures.

use std::collections::HashSet;

use netsot::diag::codes::ALL;

use crate::support::root;

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in ALL {
        assert!(codes.insert(rule.code), "code {} is used twice", rule.code);
        assert!(names.insert(rule.name), "name {} is used twice", rule.name);
        assert!(
            rule.code.len() == 6
                && rule.code.starts_with("NS")
                && rule.code[2..].chars().all(|c| c.is_ascii_digit()),
            "bad code {}",
            rule.code
        );
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            rule.name
        );
    }
}

#[test]
fn every_code_is_documented() {
    for rule in ALL {
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(
                rule.doc.contains(heading),
                "{} ({}) lacks `{heading}`",
                rule.code,
                rule.name
            );
        }
        assert!(!rule.summary.is_empty(), "{} has no summary", rule.code);
    }
}

#[test]
fn every_code_has_a_failing_and_a_passing_fixture() {
    let missing: Vec<String> = ALL
        .iter()
        // NetBox's refusals need a running NetBox: `netbox_push.rs` proves them.
        .filter(|rule| !crate::support::LIVE_NETBOX_CODES.contains(&rule.code))
        .filter(|rule| !crate::support::GIT_STATE_CODES.contains(&rule.code))
        .filter(|rule| !crate::support::MERGE_CODES.contains(&rule.code))
        .filter(|rule| {
            let dir = root().join("tests/fixtures/rules").join(rule.code);
            !(dir.join("fail/netsot.yaml").is_file() && dir.join("pass/netsot.yaml").is_file())
        })
        .map(|rule| format!("{} ({})", rule.code, rule.name))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without fixtures: {}",
        missing.join(", ")
    );
}

#[test]
fn explain_prints_every_code() {
    for rule in ALL {
        let output = crate::support::netsot(&["explain", rule.code], &root());
        assert!(output.status.success());
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.contains(rule.name) && text.contains("What it does"),
            "explain {} printed:\n{text}",
            rule.code
        );
    }
    let output = crate::support::netsot(&["explain", "NS9999"], &root());
    assert_eq!(output.status.code(), Some(2));
}
