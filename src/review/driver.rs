//! The merge driver (`netsot merge-driver %O %A %B %P`): a data file merged by object
//! identity instead of by line.
//!
//! Each side's file is parsed with the loader's YAML tree; every item of a top-level
//! collection is keyed by its natural key (`name`, `address`, `prefix`, ... with the
//! `site`, `device`, `vrf` or `group` it is scoped to). The result is "ours" (`%A`) with
//! edits spliced in: an item only theirs added is appended to its collection, an item
//! only theirs changed or removed is replaced or removed, and an item both changed is
//! merged field by field (each field being its own lines). The same field changed two
//! ways, or an item changed on one side and removed on the other, is a conflict marked
//! around the item. Untouched items, comments and formatting keep their bytes. A file
//! that is not a list of collections of mappings (or not YAML) is merged by lines, as
//! `git merge-file` does.

use std::collections::HashMap;
use std::ops::Range;

use bumpalo::Bump;

use crate::load::yaml::{self, Node, NodeKind};

/// The merged text, and whether it holds conflicts (git then stops the merge).
pub struct DriverResult {
    pub text: Vec<u8>,
    pub conflicts: usize,
}

/// Merges three versions of the file at `path`.
pub fn merge(base: &[u8], ours: &[u8], theirs: &[u8], path: &str) -> DriverResult {
    let is_yaml = path.ends_with(".yaml") || path.ends_with(".yml");
    let texts = (
        std::str::from_utf8(base),
        std::str::from_utf8(ours),
        std::str::from_utf8(theirs),
    );
    if let (true, Ok(base), Ok(ours), Ok(theirs)) = (is_yaml, texts.0, texts.1, texts.2) {
        if let Some(result) = merge_objects(base, ours, theirs) {
            return result;
        }
    }
    merge_lines(base, ours, theirs)
}

/// git's own merge of lines, with its conflict markers.
fn merge_lines(base: &[u8], ours: &[u8], theirs: &[u8]) -> DriverResult {
    let input = |bytes| {
        let mut input = git2::MergeFileInput::new();
        input.content(bytes);
        input
    };
    let mut options = git2::MergeFileOptions::new();
    options.our_label("ours").their_label("theirs");
    match git2::merge_file(
        &input(base),
        &input(ours),
        &input(theirs),
        Some(&mut options),
    ) {
        Ok(result) => DriverResult {
            conflicts: usize::from(!result.is_automergeable()),
            text: result.content().to_vec(),
        },
        Err(_) => DriverResult {
            text: ours.to_vec(),
            conflicts: 1,
        },
    }
}

/// One item of a collection: its full lines in the file, and its fields' lines.
struct Item {
    lines: Range<usize>,
    fields: Vec<(String, Range<usize>)>,
}

/// A file's collections: name → the byte offset where a new item goes, and items by key.
struct Parsed {
    collections: Vec<(String, usize)>,
    items: HashMap<(String, String), Item>,
    order: Vec<(String, String)>,
}

fn merge_objects(base: &str, ours: &str, theirs: &str) -> Option<DriverResult> {
    let (o, a, b) = (parse(base)?, parse(ours)?, parse(theirs)?);
    let text = |t: &str, r: &Range<usize>| t[r.clone()].trim_end().to_string();
    // Edits to `ours`: a byte range and its replacement, applied from the end.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut appended: HashMap<String, String> = HashMap::new();
    let mut conflicts = 0;
    let marked = |ours_item: &str, theirs_item: &str| {
        format!(
            "<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
            with_newline(ours_item),
            with_newline(theirs_item)
        )
    };
    for key in &b.order {
        let theirs_item = &b.items[key];
        let b_text = text(theirs, &theirs_item.lines);
        match (o.items.get(key), a.items.get(key)) {
            (Some(base_item), Some(ours_item)) => {
                let (o_text, a_text) = (text(base, &base_item.lines), text(ours, &ours_item.lines));
                if b_text == o_text || a_text == b_text {
                    continue;
                }
                if a_text == o_text {
                    edits.push((ours_item.lines.clone(), with_newline(&b_text)));
                    continue;
                }
                match merge_fields(base, base_item, ours, ours_item, theirs, theirs_item) {
                    Some(merged) => edits.push((ours_item.lines.clone(), merged)),
                    None => {
                        conflicts += 1;
                        edits.push((ours_item.lines.clone(), marked(&a_text, &b_text)));
                    }
                }
            }
            (None, Some(ours_item)) => {
                let a_text = text(ours, &ours_item.lines);
                if a_text != b_text {
                    conflicts += 1;
                    edits.push((ours_item.lines.clone(), marked(&a_text, &b_text)));
                }
            }
            (None, None) => {
                appended
                    .entry(key.0.clone())
                    .or_default()
                    .push_str(&with_newline(&b_text));
            }
            (Some(base_item), None) => {
                // Ours removed it; theirs kept it unchanged (nothing to do) or changed it.
                if b_text != text(base, &base_item.lines) {
                    conflicts += 1;
                    appended
                        .entry(key.0.clone())
                        .or_default()
                        .push_str(&marked("", &b_text));
                }
            }
        }
    }
    for key in &o.order {
        if b.items.contains_key(key) {
            continue;
        }
        // Theirs removed it: remove it here too, unless ours changed it.
        if let Some(ours_item) = a.items.get(key) {
            let a_text = text(ours, &ours_item.lines);
            if a_text == text(base, &o.items[key].lines) {
                edits.push((ours_item.lines.clone(), String::new()));
            } else {
                conflicts += 1;
                edits.push((ours_item.lines.clone(), marked(&a_text, "")));
            }
        }
    }
    let mut out = ours.to_string();
    for (collection, items) in &appended {
        match a.collections.iter().find(|(name, _)| name == collection) {
            Some((_, at)) => edits.push((*at..*at, items.clone())),
            None => {
                let end = out.len();
                let lead = if out.ends_with('\n') || out.is_empty() {
                    ""
                } else {
                    "\n"
                };
                edits.push((end..end, format!("{lead}{collection}:\n{items}")));
            }
        }
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    for (range, mut replacement) in edits.into_iter().rev() {
        // Lines inserted after a last line without its line break start on their own.
        if range.is_empty() && range.start > 0 && !out[..range.start].ends_with('\n') {
            replacement.insert(0, '\n');
        }
        out.replace_range(range, &replacement);
    }
    Some(DriverResult {
        text: out.into_bytes(),
        conflicts,
    })
}

/// Merges an item both sides changed, field by field; `None` when a field changed two ways
/// or the fields do not lie on lines of their own (a flow-style item).
fn merge_fields(
    base: &str,
    base_item: &Item,
    ours: &str,
    ours_item: &Item,
    theirs: &str,
    theirs_item: &Item,
) -> Option<String> {
    let field = |t: &str, item: &Item, name: &str| {
        item.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| (r.clone(), t[r.clone()].trim_end().to_string()))
    };
    let start = ours_item.lines.start;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut names: Vec<&String> = theirs_item.fields.iter().map(|(n, _)| n).collect();
    names.extend(base_item.fields.iter().map(|(n, _)| n));
    names.dedup();
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if !seen.insert(name) {
            continue;
        }
        let o = field(base, base_item, name);
        let a = field(ours, ours_item, name);
        let b = field(theirs, theirs_item, name);
        let text = |f: &Option<(Range<usize>, String)>| f.as_ref().map(|(_, t)| t.clone());
        let (ot, at, bt) = (text(&o), text(&a), text(&b));
        if bt == ot || at == bt {
            continue;
        }
        if at != ot {
            return None;
        }
        match (a, bt) {
            (Some((range, _)), Some(new)) => edits.push((range, with_newline(&new))),
            (Some((range, _)), None) => edits.push((range, String::new())),
            (None, Some(new)) => {
                let end = ours_item.lines.end;
                edits.push((end..end, with_newline(&new)));
            }
            (None, None) => {}
        }
    }
    let mut item = ours[ours_item.lines.clone()].to_string();
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    for (range, replacement) in edits.into_iter().rev() {
        item.replace_range(range.start - start..range.end - start, &replacement);
    }
    Some(item)
}

fn with_newline(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}

/// A data file's collections and items; `None` for anything else (then lines are merged).
fn parse(text: &str) -> Option<Parsed> {
    let arena = Bump::new();
    let parsed = yaml::parse(text, &arena).ok()?;
    let mut out = Parsed {
        collections: Vec::new(),
        items: HashMap::new(),
        order: Vec::new(),
    };
    let Some(root) = parsed.root else {
        return Some(out);
    };
    let NodeKind::Map(collections) = root.kind else {
        return None;
    };
    for (name, list) in collections {
        let name = name.as_str()?.to_string();
        let NodeKind::Seq(items) = list.kind else {
            return None;
        };
        if items.is_empty() {
            return None;
        }
        let mut end: Option<usize> = None;
        for item in items {
            if !matches!(item.kind, NodeKind::Map(_)) {
                return None;
            }
            let lines = line_start(text, item.span.start as usize)..content_end(text, item);
            // Two items on one line (a flow list) cannot be spliced one by one.
            if end.is_some_and(|end| lines.start < end) {
                return None;
            }
            end = Some(lines.end);
            let fields = item
                .entries()
                .iter()
                .map(|(key, value)| {
                    let field_end =
                        content_end(text, value).max(line_end(text, key.span.start as usize));
                    Some((
                        key.as_str()?.to_string(),
                        line_start(text, key.span.start as usize)..field_end,
                    ))
                })
                .collect::<Option<Vec<_>>>()?;
            // A field shares a line with another (flow style): the item merges as a whole.
            let own_lines = fields.windows(2).all(|w| w[0].1.end <= w[1].1.start)
                && fields.first().is_none_or(|f| f.1.start >= lines.start);
            let key = (name.clone(), identity(item));
            if out.items.contains_key(&key) {
                return None;
            }
            out.order.push(key.clone());
            out.items.insert(
                key,
                Item {
                    lines,
                    fields: if own_lines { fields } else { Vec::new() },
                },
            );
        }
        out.collections.push((name, end.unwrap_or_default()));
    }
    Some(out)
}

/// An item's natural key: its name (or address, prefix, VLAN ID, model...) and the
/// scope it is unique in.
fn identity(item: &Node<'_>) -> String {
    let get = |key: &str| item.get(key).and_then(Node::as_str).unwrap_or_default();
    [
        "name",
        "address",
        "prefix",
        "vid",
        "model",
        "slug",
        "site",
        "device",
        "vrf",
        "group",
        "manufacturer",
        "rack",
        "position",
    ]
    .iter()
    .map(|key| get(key))
    .collect::<Vec<_>>()
    .join("\u{1f}")
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// The end of the line holding a node's last text: its span runs to the next token, so
/// trailing blank and comment lines are left to what follows.
fn content_end(text: &str, node: &Node<'_>) -> usize {
    let bytes = text.as_bytes();
    let start = node.span.start as usize;
    let mut end = (node.span.end as usize).min(bytes.len());
    loop {
        while end > start && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let from = line_start(text, end.max(start));
        let from = from.max(start);
        if from > start && text[from..end].trim_start().starts_with('#') {
            end = from;
        } else {
            break;
        }
    }
    line_end(text, end.saturating_sub(1).max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(base: &str, ours: &str, theirs: &str) -> (String, usize) {
        let result = merge(
            base.as_bytes(),
            ours.as_bytes(),
            theirs.as_bytes(),
            "d.yaml",
        );
        (String::from_utf8(result.text).unwrap(), result.conflicts)
    }

    const BASE: &str =
        "# the leaves\ndevices:\n  - name: leaf1\n    status: active  # first\n    serial: A\n";

    #[test]
    fn devices_added_at_the_end_by_both_sides_are_both_kept() {
        let ours = format!("{BASE}  - name: leaf2\n    site: ams1\n");
        let theirs = format!("{BASE}  - name: leaf3\n    site: ams1\n");
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        assert_eq!(conflicts, 0);
        assert_eq!(
            text,
            format!("{BASE}  - name: leaf2\n    site: ams1\n  - name: leaf3\n    site: ams1\n")
        );
    }

    #[test]
    fn different_fields_of_one_device_merge_and_one_field_two_ways_conflicts() {
        let ours = BASE.replace("serial: A", "serial: B");
        let theirs = BASE.replace("status: active  # first", "status: planned  # first");
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        assert_eq!(conflicts, 0);
        assert_eq!(
            text,
            BASE.replace("serial: A", "serial: B")
                .replace("active", "planned")
        );
        let theirs = BASE.replace("serial: A", "serial: C");
        let (text, conflicts) = merged(BASE, &ours, &theirs);
        assert_eq!(conflicts, 1);
        assert!(
            text.contains(
                "<<<<<<< ours\n  - name: leaf1\n    status: active  # first\n    serial: B\n=======\n"
            ),
            "{text}"
        );
        assert!(text.contains("serial: C\n>>>>>>> theirs\n"), "{text}");
        assert!(text.starts_with("# the leaves\n"), "{text}");
    }
}
