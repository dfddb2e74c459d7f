//! `netsot explain` tells the truth: the example of every code is an excerpt of its failing
//! fixture, and the fixture reports the code inside that excerpt.
//!
//! Each fenced block of a rule's "## Example" must appear in a file of
//! `tests/fixtures/rules/<CODE>/fail/`, line by line, at any indentation. Comments (`# ...`)
//! are compared as absent, so the example may explain itself. Then one diagnostic of the
//! code must point at a line inside one of those excerpts: an example that would not
//! produce its code fails here.

use std::path::Path;

use netsot::diag::codes::ALL;

use crate::support::{compile_path, root};

/// Codes whose example is prose, because what triggers them cannot be written as text in a
/// file: an unreadable file, a file's size, bytes that are not UTF-8, a symbolic link, a
/// folder reached twice through a link; NetBox's refusal of a push (it needs a NetBox); a
/// build of a work tree with uncommitted changes (it needs git); a merge conflict (it
/// needs two branches).
const PROSE_EXAMPLES: &[&str] = &[
    "NS0001", "NS0002", "NS0003", "NS0004", "NS0007", "NS0008", "NS0813", "NS0901",
];

/// The fenced code blocks of a rule's "## Example" section.
fn example_blocks(doc: &str) -> Vec<Vec<String>> {
    let doc = netsot::diag::emit::dedent(doc);
    let example = doc.split("## Example").nth(1).unwrap_or_default();
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in example.lines() {
        if line.starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None => current = Some(Vec::new()),
            }
        } else if let Some(block) = &mut current {
            block.push(line.to_owned());
        }
    }
    blocks
}

/// A line without its comment and trailing spaces; a comment line becomes empty.
fn without_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    line.find(" #").map_or(line, |at| &line[..at]).trim_end()
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Where `block` appears in `text`: the 1-based first and last line.
fn find_block(block: &[String], text: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    if block.is_empty() || block.len() > lines.len() {
        return None;
    }
    (0..=lines.len() - block.len()).find_map(|start| {
        let shift = indentation(lines[start]).checked_sub(indentation(&block[0]))?;
        let indent = " ".repeat(shift);
        let matches = block.iter().enumerate().all(|(k, line)| {
            let expected = without_comment(line);
            let expected = if expected.is_empty() {
                String::new()
            } else {
                format!("{indent}{expected}")
            };
            without_comment(lines[start + k]) == expected
        });
        matches.then_some((start + 1, start + block.len()))
    })
}

/// Every readable text file below `dir`, as (path relative to `dir` with `/`, text).
fn text_files(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_symlink() {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                let relative = path.strip_prefix(dir).expect("inside");
                let parts: Vec<_> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push((parts.join("/"), text));
            }
        }
    }
    files.sort();
    files
}

/// The (file, line) of every diagnostic of `code` the fixture reports, rendering included.
fn reported_lines(fixture: &Path, code: &str) -> Vec<(String, usize)> {
    let compilation = compile_path(fixture);
    let mut diagnostics = compilation.diagnostics.clone();
    if !compilation.has_errors() {
        diagnostics.extend(netsot::render::render(&compilation).diagnostics);
    }
    diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .filter_map(|d| d.primary.as_ref())
        .map(|label| {
            let file = compilation.files.get(label.location.file);
            let (line, _) = file.line_column(label.location.span.start);
            (file.path.clone(), line as usize)
        })
        .collect()
}

#[test]
fn every_example_is_an_excerpt_of_its_failing_fixture_that_reports_the_code() {
    let mut failures = Vec::new();
    for rule in ALL {
        let blocks = example_blocks(rule.doc);
        if blocks.is_empty() {
            if !PROSE_EXAMPLES.contains(&rule.code) {
                failures.push(format!(
                    "{}: the example has no code block to compare with its fixture",
                    rule.code
                ));
            }
            continue;
        }
        let fixture = root()
            .join("tests/fixtures/rules")
            .join(rule.code)
            .join("fail");
        let files = text_files(&fixture);
        let mut excerpts = Vec::new();
        for block in &blocks {
            let found = files.iter().find_map(|(path, text)| {
                find_block(block, text).map(|(first, last)| (path.clone(), first, last))
            });
            match found {
                Some(excerpt) => excerpts.push(excerpt),
                None => failures.push(format!(
                    "{}: this example is not in {}:\n{}",
                    rule.code,
                    fixture.display(),
                    block.join("\n")
                )),
            }
        }
        let reported = reported_lines(&fixture, rule.code);
        let inside = reported.iter().any(|(path, line)| {
            excerpts
                .iter()
                .any(|(file, first, last)| file == path && (first..=last).contains(&line))
        });
        if !excerpts.is_empty() && !inside {
            failures.push(format!(
                "{}: the fixture reports the code at {reported:?}, outside the example's lines \
                 {excerpts:?}",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn excerpts_are_found_at_any_indentation_and_without_comments() {
    let text = "devices:\n  - {name: a}   # first\n  - {name: b}\n";
    let block = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert_eq!(
        find_block(&block(&["- {name: a}", "- {name: b}"]), text),
        Some((2, 3))
    );
    assert_eq!(
        find_block(&block(&["devices:", "  - {name: a}"]), text),
        Some((1, 2))
    );
    assert_eq!(
        find_block(&block(&["- {name: b}   # said here only"]), text),
        Some((3, 3))
    );
    // A different value, or lines out of order, are not the fixture.
    assert_eq!(find_block(&block(&["- {name: c}"]), text), None);
    assert_eq!(
        find_block(&block(&["- {name: b}", "- {name: a}"]), text),
        None
    );
}
