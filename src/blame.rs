//! Which commit last changed each field of an object, from git's blame of the lines that
//! hold it.
//!
//! The object is found by its natural key (as `netsot diff` names it) or its name; its
//! file is parsed again to find the lines of each top-level field (and of each named item
//! of a list field, such as a device's interfaces); git blames the file, through the
//! working tree's current bytes so uncommitted lines show as such. A field's commit is the
//! newest among its lines.

use serde::Serialize;
use serde_json::Value;

use crate::compile::Compilation;
use crate::diag::{Location, SourceFile};
use crate::load::yaml::{self, Node, NodeKind};

/// One field and the commit that last changed it.
#[derive(Debug, Clone, Serialize)]
pub struct FieldBlame {
    pub field: String,
    pub first_line: usize,
    pub last_line: usize,
    /// `None` when a line of the field is not committed yet.
    pub commit: Option<CommitInfo>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CommitInfo {
    pub id: String,
    pub time: i64,
    pub author: String,
    pub summary: String,
}

/// The fields used to name objects, converted for every object of a collection.
const KEY_FIELDS: &[&str] = &[
    "name",
    "slug",
    "site",
    "prefix",
    "vrf",
    "vid",
    "group",
    "address",
    "start_address",
    "end_address",
    "asn",
    "a",
    "b",
    "device",
    "virtual_machine",
    "protocol",
    "provider",
    "cid",
    "manufacturer",
    "model",
    "parent",
    "cluster",
];

/// The collection a user means: `devices`, `device`, `prefix`...
pub fn collection(kind: &str) -> Option<&'static str> {
    let kind = kind.replace('-', "_");
    crate::model::COLLECTIONS.iter().copied().find(|c| {
        *c == kind
            || c.strip_suffix('s') == Some(kind.as_str())
            || c.strip_suffix("es") == Some(kind.as_str())
            || (*c == "virtual_machines" && kind == "vm")
    })
}

/// Finds an object by natural key or name; `Err` lists the candidates or suggestions.
pub fn find(
    compilation: &Compilation,
    collection: &str,
    name: &str,
) -> Result<(String, Location), String> {
    let objects = compilation
        .graph
        .model
        .collection_json(collection, KEY_FIELDS)
        .unwrap_or_default();
    let keyed: Vec<(String, Location, Value)> = objects
        .into_iter()
        .map(|(location, value)| {
            let key = value
                .as_object()
                .map(|fields| crate::diff::natural_key(collection, fields))
                .unwrap_or_default();
            (key, location, value)
        })
        .collect();
    if let Some((key, location, _)) = keyed.iter().find(|(key, _, _)| key == name) {
        return Ok((key.clone(), *location));
    }
    let by_name: Vec<&(String, Location, Value)> = keyed
        .iter()
        .filter(|(_, _, v)| v.get("name").and_then(Value::as_str) == Some(name))
        .collect();
    match by_name.as_slice() {
        [(key, location, _)] => Ok((key.clone(), *location)),
        [] => {
            let suggestions =
                crate::diag::did_you_mean(name, keyed.iter().map(|(k, _, _)| k.as_str()));
            Err(format!(
                "no {collection} `{name}`{}",
                crate::diag::suggestion_help(&suggestions)
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default()
            ))
        }
        many => Err(format!(
            "`{name}` names several {collection}: {}",
            many.iter()
                .map(|(k, _, _)| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The line ranges (1-based, inclusive) of an object's fields, found by parsing its file.
pub fn field_lines(file: &SourceFile, object: Location) -> Vec<(String, usize, usize)> {
    let arena = bumpalo::Bump::new();
    let Ok(parsed) = yaml::parse(&file.text, &arena) else {
        return Vec::new();
    };
    let Some(root) = parsed.root else {
        return Vec::new();
    };
    let Some(item) = find_node(&root, object.span.start) else {
        return Vec::new();
    };
    let line = |offset: u32| file.line_column(offset).0 as usize;
    // A block node's span runs to the next token; its last line is the last one with text.
    let bytes = file.text.as_bytes();
    let end_line = |node: &Node<'_>| {
        let start = node.span.start as usize;
        let mut end = (node.span.end as usize).min(bytes.len());
        loop {
            while end > start && bytes[end - 1].is_ascii_whitespace() {
                end -= 1;
            }
            // A comment line after the value belongs to what follows.
            let line_start = bytes[start..end]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(start, |i| start + i + 1);
            let content = file.text[line_start..end].trim_start();
            if line_start > start && content.starts_with('#') {
                end = line_start;
            } else {
                break;
            }
        }
        line(end.saturating_sub(1).max(node.span.start as usize) as u32)
    };
    let mut out = Vec::new();
    if let NodeKind::Map(entries) = item.kind {
        for (key, value) in entries {
            let Some(field) = key.as_str() else {
                continue;
            };
            out.push((
                field.to_string(),
                line(key.span.start),
                end_line(value).max(line(key.span.start)),
            ));
            if let NodeKind::Seq(items) = value.kind {
                for sub in items {
                    if let Some(name) = sub.get("name").and_then(Node::as_str) {
                        out.push((
                            format!("{field}[{name}]"),
                            line(sub.span.start),
                            end_line(sub),
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The mapping that starts at `offset`: an item of a top-level collection.
fn find_node<'a>(root: &Node<'a>, offset: u32) -> Option<&'a Node<'a>> {
    let NodeKind::Map(collections) = root.kind else {
        return None;
    };
    collections.iter().find_map(|(_, list)| match list.kind {
        NodeKind::Seq(items) => items.iter().find(|item| item.span.start == offset),
        _ => None,
    })
}

/// Blames the fields of an object in `path` (relative to the git work tree), reading the
/// file's current bytes so that uncommitted lines are reported as such.
pub fn blame(
    repo: &git2::Repository,
    path: &str,
    current: Option<&[u8]>,
    newest: Option<git2::Oid>,
    fields: &[(String, usize, usize)],
) -> Result<Vec<FieldBlame>, git2::Error> {
    let mut options = git2::BlameOptions::new();
    if let Some(id) = newest {
        options.newest_commit(id);
    }
    let committed = repo.blame_file(std::path::Path::new(path), Some(&mut options))?;
    let blame = match current {
        Some(bytes) => committed.blame_buffer(bytes)?,
        None => committed,
    };
    let mut out = Vec::new();
    for (field, first, last) in fields {
        let mut newest: Option<CommitInfo> = None;
        let mut uncommitted = false;
        for line in *first..=*last {
            let Some(hunk) = blame.get_line(line) else {
                continue;
            };
            let id = hunk.final_commit_id();
            if id.is_zero() {
                uncommitted = true;
                break;
            }
            let Ok(commit) = repo.find_commit(id) else {
                continue;
            };
            let info = CommitInfo {
                id: id.to_string(),
                time: commit.time().seconds(),
                author: commit.author().name().unwrap_or("").to_string(),
                summary: commit.summary().ok().flatten().unwrap_or("").to_string(),
            };
            if newest.as_ref().is_none_or(|n| info.time > n.time) {
                newest = Some(info);
            }
        }
        out.push(FieldBlame {
            field: field.clone(),
            first_line: *first,
            last_line: *last,
            commit: if uncommitted { None } else { newest },
        });
    }
    Ok(out)
}

/// `YYYY-MM-DD` of a Unix time (UTC).
pub fn date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{m:02}-{d:02}", if m <= 2 { y + 1 } else { y })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(1_767_225_600), "2026-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
    }

    #[test]
    fn collections_by_singular_name() {
        assert_eq!(collection("device"), Some("devices"));
        assert_eq!(collection("devices"), Some("devices"));
        assert_eq!(collection("prefix"), Some("prefixes"));
        assert_eq!(collection("ip-address"), Some("ip_addresses"));
        assert_eq!(collection("nope"), None);
    }
}
