//! Textual merge conflicts as diagnostics (NS0008): each conflicting hunk at its lines on
//! both sides, named in the network's words where the hunk lies inside one object.
//!
//! git decides which files conflict (`merge.rs`); the hunks are found again here by a
//! three-way comparison of the lines (the changes of each side against the merge base,
//! with `similar`): a group of changes of both sides that overlap or touch, and whose
//! results differ, is one conflict, as git's own merge counts them.

use std::ops::Range;

use bumpalo::Bump;
use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::merge::FileConflict;
use crate::diag::codes::MERGE_CONFLICT;
use crate::diag::{Diagnostic, FileId, Location, SourceMap, Span};
use crate::load::yaml::{self, Node, NodeKind};

/// The diagnostics of a merge's conflicting files. The head's version of each file is
/// found in `files` by its path (relative to the netsot root, after `prefix`) or added;
/// the other side's is added as `REF:path`, as git names a file of a revision.
pub fn diagnostics(
    conflicts: &[FileConflict],
    prefix: &str,
    theirs_label: &str,
    files: &mut SourceMap,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for conflict in conflicts {
        let path = conflict
            .path
            .strip_prefix(prefix)
            .unwrap_or(&conflict.path)
            .to_string();
        let text = |bytes: &Option<Vec<u8>>| {
            bytes
                .as_ref()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        let (ancestor, ours, theirs) = (
            text(&conflict.ancestor).unwrap_or_default(),
            text(&conflict.ours),
            text(&conflict.theirs),
        );
        let ours_file = files
            .iter()
            .find(|(_, file)| file.path == path)
            .map(|(id, _)| id);
        let ours_file = match ours_file {
            Some(id) => id,
            None => files.add(path.clone(), ours.clone().unwrap_or_default()),
        };
        let theirs_file = files.add(
            format!("{theirs_label}:{path}"),
            theirs.clone().unwrap_or_default(),
        );
        let (Some(ours), Some(theirs)) = (ours, theirs) else {
            let deleted_here = conflict.ours.is_none();
            let message = if deleted_here {
                format!("`{path}` is deleted here and changed on `{theirs_label}`")
            } else {
                format!("`{path}` is changed here and deleted on `{theirs_label}`")
            };
            out.push(
                Diagnostic::new(&MERGE_CONFLICT, message)
                    .at_labelled(
                        Location::new(ours_file, Span::new(0, 0)),
                        "this side of the merge",
                    )
                    .with_secondary(
                        Location::new(theirs_file, Span::new(0, 0)),
                        format!("the file on `{theirs_label}`"),
                    )
                    .with_help("keep the file or delete it on both branches before merging"),
            );
            continue;
        };
        for hunk in hunks(&ancestor, &ours, &theirs) {
            let ours_span = line_span(files, ours_file, &hunk.ours);
            let theirs_span = line_span(files, theirs_file, &hunk.theirs);
            let what = describe(&ours, ours_span)
                .or_else(|| describe(&theirs, theirs_span))
                .unwrap_or_else(|| {
                    let (line, _) = files.get(ours_file).line_column(ours_span.start);
                    format!("line {line} of `{path}`")
                });
            out.push(
                Diagnostic::new(
                    &MERGE_CONFLICT,
                    format!("both this side and `{theirs_label}` changed {what}"),
                )
                .at_labelled(Location::new(ours_file, ours_span), "this side's change")
                .with_secondary(
                    Location::new(theirs_file, theirs_span),
                    format!("`{theirs_label}`'s change"),
                )
                .with_help(format!(
                    "agree on one value: merge `{theirs_label}` into this branch and edit these lines, or change only one side"
                )),
            );
        }
    }
    out
}

/// A conflicting hunk: 0-based line ranges on each side.
#[derive(Debug, PartialEq)]
struct Hunk {
    ours: Range<usize>,
    theirs: Range<usize>,
}

/// A change of one side against the base: base lines replaced by side lines.
#[derive(Clone, Debug)]
struct Change {
    base: Range<usize>,
    side: Range<usize>,
    ours: bool,
}

/// The conflicting hunks of a three-way merge of lines.
fn hunks(base: &str, ours: &str, theirs: &str) -> Vec<Hunk> {
    let base: Vec<&str> = base.split_inclusive('\n').collect();
    let ours_lines: Vec<&str> = ours.split_inclusive('\n').collect();
    let theirs_lines: Vec<&str> = theirs.split_inclusive('\n').collect();
    let changes = |side: &[&str], is_ours: bool| -> Vec<Change> {
        capture_diff_slices(Algorithm::Myers, &base, side)
            .iter()
            .map(|op| op.as_tag_tuple())
            .filter(|(tag, ..)| *tag != DiffTag::Equal)
            .map(|(_, base, side)| Change {
                base,
                side,
                ours: is_ours,
            })
            .collect()
    };
    let ours_changes = changes(&ours_lines, true);
    let theirs_changes = changes(&theirs_lines, false);
    let mut all: Vec<&Change> = ours_changes.iter().chain(&theirs_changes).collect();
    all.sort_by_key(|c| (c.base.start, c.base.end));
    let mut found = Vec::new();
    let mut at = 0;
    while at < all.len() {
        let mut group = vec![all[at]];
        let mut end = all[at].base.end;
        at += 1;
        // Changes that overlap or touch the group's base lines join it, as git counts them.
        while at < all.len() && all[at].base.start <= end {
            end = end.max(all[at].base.end);
            group.push(all[at]);
            at += 1;
        }
        let start = group[0].base.start;
        if !(group.iter().any(|c| c.ours) && group.iter().any(|c| !c.ours)) {
            continue;
        }
        let ours = map_range(&ours_changes, start..end);
        let theirs = map_range(&theirs_changes, start..end);
        if ours_lines[ours.clone()] != theirs_lines[theirs.clone()] {
            found.push(Hunk { ours, theirs });
        }
    }
    found
}

/// The side's lines that stand for the base lines `range`, given the side's changes.
fn map_range(changes: &[Change], range: Range<usize>) -> Range<usize> {
    let delta = |change: &Change| change.side.len() as isize - change.base.len() as isize;
    let before: isize = changes
        .iter()
        .filter(|c| c.base.end <= range.start && c.base.start < range.start)
        .map(delta)
        .sum();
    let through: isize = changes
        .iter()
        .filter(|c| c.base.start < range.end || (c.base.start == range.end && c.base.is_empty()))
        .filter(|c| c.base.start <= range.end)
        .map(delta)
        .sum();
    let start = (range.start as isize + before).max(0) as usize;
    let end = (range.end as isize + through).max(start as isize) as usize;
    start..end
}

/// The bytes of 0-based lines `lines` of a file; an empty range points at the start of
/// the line where the other side's lines would go.
fn line_span(files: &SourceMap, file: FileId, lines: &Range<usize>) -> Span {
    let source = files.get(file);
    let at = |line: usize| {
        source
            .line_range(line as u32 + 1)
            .unwrap_or((source.text.len(), source.text.len()))
    };
    let (start, _) = at(lines.start);
    let end = if lines.is_empty() {
        start
    } else {
        at(lines.end - 1).1
    };
    Span::new(start as u32, end.max(start) as u32)
}

/// The object and field holding a span, in the network's words: `` `leaf1`'s
/// `Ethernet3` `description` ``; `None` where the span is not inside one object.
fn describe(text: &str, span: Span) -> Option<String> {
    // The hunk's indentation and list dashes belong to no node: start at its first value.
    let bytes = text.as_bytes();
    let mut start = span.start as usize;
    let mut end = (span.end as usize).min(bytes.len());
    while start < end && matches!(bytes[start], b' ' | b'\t' | b'\n' | b'\r' | b'-') {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let span = Span::new(start as u32, end as u32);
    let arena = Bump::new();
    let parsed = yaml::parse(text, &arena).ok()?;
    let root = parsed.root?;
    let (_, collection) = root
        .entries()
        .iter()
        .find(|(_, value)| contains(value, span))?;
    let item = collection
        .items()
        .iter()
        .find(|item| contains(item, span))?;
    let mut words = vec![identity(item)];
    let mut node = item;
    while let Some((key, value)) = node.entries().iter().find(|(key, value)| {
        key.span.start <= span.start && span.end <= value.span.end.max(key.span.end)
    }) {
        let field = key.as_str().unwrap_or_default();
        match value.kind {
            NodeKind::Seq(items) => match items.iter().find(|item| contains(item, span)) {
                Some(inner) if matches!(inner.kind, NodeKind::Map(_)) => {
                    words.push(identity(inner).or(Some(format!("`{field}`"))));
                    node = inner;
                    continue;
                }
                _ => words.push(Some(format!("`{field}`"))),
            },
            NodeKind::Map(_) => {
                words.push(Some(format!("`{field}`")));
                node = value;
                continue;
            }
            NodeKind::Scalar { .. } => words.push(Some(format!("`{field}`"))),
        }
        break;
    }
    let words: Vec<String> = words.into_iter().flatten().collect();
    match words.as_slice() {
        [] => None,
        [object] => Some(object.clone()),
        [object, rest @ ..] => Some(format!("{object}'s {}", rest.join(" "))),
    }
}

/// Whether a node's bytes hold the whole span (a span at a line's start counts).
fn contains(node: &Node<'_>, span: Span) -> bool {
    node.span.start <= span.start && span.end <= node.span.end
}

/// How an object names itself: its `name`, else the first of the natural keys NetBox's
/// unnamed objects have.
fn identity(item: &Node<'_>) -> Option<String> {
    ["name", "address", "prefix", "vid", "slug", "label"]
        .iter()
        .find_map(|key| item.get(key)?.as_str())
        .map(|name| format!("`{name}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_changed_two_ways_is_one_hunk_at_both_sides() {
        let base = "a\nb\nc\n";
        let ours = "a\nB1\nc\n";
        let theirs = "x\na\nB2\nc\n";
        assert_eq!(
            hunks(base, ours, theirs),
            vec![Hunk {
                ours: 1..2,
                theirs: 2..3
            }]
        );
    }

    #[test]
    fn changes_apart_do_not_conflict() {
        assert_eq!(
            hunks("a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n"),
            vec![]
        );
        assert_eq!(hunks("a\nb\n", "a\nB\n", "a\nB\n"), vec![]);
    }

    #[test]
    fn the_object_and_field_of_a_line_are_named() {
        let text = "devices:\n  - name: leaf1\n    interfaces:\n      - name: Ethernet3\n        description: up\n";
        let start = text.find("description").unwrap() as u32;
        assert_eq!(
            describe(text, Span::new(start, start + 15)).as_deref(),
            Some("`leaf1`'s `Ethernet3` `description`")
        );
    }
}
