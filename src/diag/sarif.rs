//! SARIF 2.1.0, as code-scanning services read it, built from typed structs.
//!
//! Only the objects netsot fills are modelled (a log, one run, its driver's rules, results
//! with locations); the field order of each struct is the order of the output. The
//! integration tests validate the output against the OASIS schema
//! (`tests/schemas/sarif-schema-2.1.0.json`).

use serde::Serialize;

use super::codes::ALL;
use super::emit::{dedent, json_location};
use super::rule::Rule;
use super::{Diagnostic, Label, SourceMap};

/// The schema a SARIF log names, as GitHub's code scanning expects it.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The top-level object of a SARIF file.
#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

/// One invocation of netsot.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

/// A rule of the code table, with its documentation as help.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    full_description: Message,
    help: MultiformatMessage,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: [&'static str; 1],
}

/// One diagnostic.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
}

/// The place of a primary label.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

/// A secondary label: its place, a number unique within the result, and its text.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    physical_location: PhysicalLocation,
    id: usize,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

/// Lines and columns are 1-based, columns counted in Unicode code points.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

/// SARIF 2.1.0 of `diagnostics`: the tool's driver lists every rule of the code table with
/// its help, results point at regions with start and end lines and columns (Unicode code
/// points), relative to the checkout's root (`%SRCROOT%`). `prefix` is the repository's
/// folder inside the checkout (`Source::repo_prefix`).
pub fn sarif(diagnostics: &[Diagnostic], files: &SourceMap, prefix: &str) -> String {
    let location = |label: &Label| {
        let at = json_location(label, files);
        // SARIF regions may not be empty on one line; an empty span covers one column.
        let least_end = if at.end_line == at.line {
            at.column + 1
        } else {
            1
        };
        PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: format!("{prefix}{}", at.file),
                uri_base_id: "%SRCROOT%",
            },
            region: Region {
                start_line: at.line,
                start_column: at.column,
                end_line: at.end_line,
                end_column: at.end_column.max(least_end),
            },
        }
    };
    let results = diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            SarifResult {
                rule_id: d.rule.code,
                rule_index: ALL.iter().position(|r| r.code == d.rule.code).unwrap_or(0),
                level: d.severity.as_str(),
                message: Message { text },
                locations: d
                    .primary
                    .iter()
                    .map(|label| Location {
                        physical_location: location(label),
                    })
                    .collect(),
                related_locations: d
                    .secondary
                    .iter()
                    .enumerate()
                    .map(|(i, label)| RelatedLocation {
                        physical_location: location(label),
                        id: i + 1,
                        message: Message {
                            text: label.message.as_deref().unwrap_or("see also").to_owned(),
                        },
                    })
                    .collect(),
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "netsot",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: ALL.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let doc = dedent(rule.doc);
    ReportingDescriptor {
        id: rule.code,
        name: rule.name,
        short_description: Message {
            text: rule.summary.to_owned(),
        },
        full_description: Message {
            text: rule.summary.to_owned(),
        },
        help: MultiformatMessage {
            text: doc.clone(),
            markdown: doc,
        },
        default_configuration: Configuration {
            level: rule.severity.as_str(),
        },
        properties: Properties { tags: ["netsot"] },
    }
}
