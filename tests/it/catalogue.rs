//! The NetBox rule catalogue, `docs/netbox-rules.md`, agrees with the code table.
//!
//! The catalogue is the contract of NetBox fidelity: every code it names must exist and be
//! proven by a failing and a passing fixture, every code of the table must be placed in it
//! (against a NetBox rule, or in the section of netsot-only rules), and every row must carry
//! one of the five statuses, so that a reader can count what is left to do.

use std::collections::BTreeSet;

use netsot::diag::codes::ALL;

use crate::support::root;

/// The heading of the section listing codes with no NetBox counterpart.
const NETSOT_ONLY: &str = "## netsot rules NetBox does not have";

/// The statuses a rule row may carry, as its last cell begins.
const STATUSES: [&str; 5] = ["enforced", "partly", "missing", "not modelled", "departure"];

fn catalogue() -> String {
    std::fs::read_to_string(root().join("docs/netbox-rules.md"))
        .expect("docs/netbox-rules.md is readable")
}

/// Every `NSdddd` token of a text, in order of appearance.
fn codes_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for start in 0..bytes.len().saturating_sub(5) {
        let candidate = &bytes[start..start + 6];
        let before_is_word = start > 0 && bytes[start - 1].is_ascii_alphanumeric();
        let after_is_digit = bytes.get(start + 6).is_some_and(u8::is_ascii_digit);
        if candidate.starts_with(b"NS")
            && candidate[2..].iter().all(u8::is_ascii_digit)
            && !before_is_word
            && !after_is_digit
        {
            found.push(String::from_utf8_lossy(candidate).into_owned());
        }
    }
    found
}

/// The catalogue split in the NetBox part and the netsot-only section.
fn parts(text: &str) -> (&str, &str) {
    let start = text
        .find(NETSOT_ONLY)
        .unwrap_or_else(|| panic!("the catalogue lacks the section `{NETSOT_ONLY}`"));
    let rest = &text[start + NETSOT_ONLY.len()..];
    let end = rest.find("\n## ").map_or(rest.len(), |end| end + 1);
    let netbox = &text[..start];
    (netbox, &rest[..end])
}

/// The cells of the rule rows of a text: table rows other than headers and separators.
fn rule_rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|line| line.starts_with('|'))
        .map(|line| {
            line.trim()
                .trim_matches('|')
                .split(" | ")
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .filter(|cells| {
            cells.first().is_some_and(|first| {
                *first != "NetBox rule" && *first != "Code" && !first.starts_with("---")
            })
        })
        .collect()
}

#[test]
fn every_code_in_the_catalogue_exists_and_has_fixtures() {
    let text = catalogue();
    let mut problems = BTreeSet::new();
    for code in codes_in(&text) {
        if !ALL.iter().any(|rule| rule.code == code) {
            problems.insert(format!("{code} is not in the code table"));
            continue;
        }
        // NetBox's refusals need a running NetBox: `netbox_push.rs` proves them.
        if crate::support::LIVE_NETBOX_CODES.contains(&code.as_str())
            || crate::support::GIT_STATE_CODES.contains(&code.as_str())
            || crate::support::MERGE_CODES.contains(&code.as_str())
        {
            continue;
        }
        let dir = root().join("tests/fixtures/rules").join(&code);
        if !(dir.join("fail/netsot.yaml").is_file() && dir.join("pass/netsot.yaml").is_file()) {
            problems.insert(format!("{code} has no fixture folder {}", dir.display()));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_code_of_the_table_is_in_the_catalogue() {
    let text = catalogue();
    let (netbox, netsot_only) = parts(&text);
    let in_netbox_rows: BTreeSet<String> = rule_rows(netbox)
        .iter()
        .flat_map(|cells| codes_in(cells.get(2).copied().unwrap_or_default()))
        .collect();
    let only: BTreeSet<String> = codes_in(netsot_only).into_iter().collect();
    let missing: Vec<&str> = ALL
        .iter()
        .map(|rule| rule.code)
        .filter(|code| !in_netbox_rows.contains(*code) && !only.contains(*code))
        .collect();
    assert!(
        missing.is_empty(),
        "codes neither against a NetBox rule nor listed as netsot-only: {}",
        missing.join(", ")
    );
}

#[test]
fn every_rule_row_has_four_cells_and_a_status() {
    let text = catalogue();
    let (netbox, _) = parts(&text);
    let mut bad = Vec::new();
    let mut rows = 0;
    for cells in rule_rows(netbox) {
        rows += 1;
        let status_ok = cells
            .get(3)
            .is_some_and(|status| STATUSES.iter().any(|known| status.starts_with(known)));
        let enforcing = cells
            .get(3)
            .is_some_and(|status| status.starts_with("enforced") || status.starts_with("partly"));
        let names_code = cells
            .get(2)
            .is_some_and(|netsot| !codes_in(netsot).is_empty());
        if cells.len() != 4 || !status_ok || (enforcing && !names_code) {
            bad.push(cells.join(" | "));
        }
    }
    assert!(rows > 100, "the catalogue holds only {rows} rule rows");
    assert!(
        bad.is_empty(),
        "rows need four cells, a known status, and a code when enforced or partly:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_code_scanner_finds_codes_only_as_whole_tokens() {
    assert_eq!(
        codes_in("`NS0201`, NS0306/NS0307 but not XNS0101 nor NS01012"),
        ["NS0201", "NS0306", "NS0307"]
    );
}
