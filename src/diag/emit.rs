//! Turning diagnostics into text: for people (miette's graphical report with a snippet) and
//! for machines (JSON). Emitters return strings; only `cli/` prints them.

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
use serde::Serialize;

use super::snippet::{shown_range, Snippet, CONTEXT_LINES};
use super::{Diagnostic, Label, Severity, SourceMap};

/// Renders diagnostics for a terminal: each with its code, message, a snippet with the
/// offending value labelled, further labels, and the help line.
pub fn human(diagnostics: &[Diagnostic], files: &SourceMap, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(CONTEXT_LINES as usize)
        .with_width(110)
        .with_links(false);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let mut report = MietteDiagnostic::new(diagnostic.message.clone())
            .with_code(format!(
                "{}({})",
                diagnostic.rule.code, diagnostic.rule.name
            ))
            .with_severity(match diagnostic.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            });
        let mut notes = Vec::new();
        let source = diagnostic.primary.as_ref().map(|label| label.location.file);
        // Only the lines the labels need are handed to miette, never the whole file.
        let snippet = source.map(|file| {
            let spans: Vec<(u32, u32)> = diagnostic
                .primary
                .iter()
                .chain(&diagnostic.secondary)
                .filter(|label| label.location.file == file)
                .map(|label| shown(label, files))
                .collect();
            Snippet::new(files.get(file), &spans)
        });
        if let (Some(primary), Some(snippet)) = (&diagnostic.primary, &snippet) {
            report = report.and_label(labeled(primary, files, snippet, true));
        }
        for label in &diagnostic.secondary {
            if let (true, Some(snippet)) = (Some(label.location.file) == source, &snippet) {
                report = report.and_label(labeled(label, files, snippet, false));
            } else {
                notes.push(format!(
                    "{}: {}",
                    label.message.as_deref().unwrap_or("see"),
                    position(label, files)
                ));
            }
        }
        let mut help = diagnostic.help.clone().unwrap_or_default();
        for note in notes {
            if !help.is_empty() {
                help.push('\n');
            }
            help.push_str(&note);
        }
        if !help.is_empty() {
            report = report.with_help(help);
        }
        let report = match snippet {
            Some(snippet) => miette::Report::new(report).with_source_code(snippet),
            None => miette::Report::new(report),
        };
        let _ = handler.render_report(&mut out, report.as_ref());
        out.push('\n');
    }
    out
}

/// A label's byte range in its file as the report shows it (clamped to the file, and cut
/// to its first line when it covers a whole document).
fn shown(label: &Label, files: &SourceMap) -> (u32, u32) {
    let file = files.get(label.location.file);
    let len = file.text.len() as u32;
    let start = label.location.span.start.min(len);
    let end = label.location.span.end.clamp(start, len);
    shown_range(file, start, end)
}

/// A label for miette, on the snippet's text.
fn labeled(label: &Label, files: &SourceMap, snippet: &Snippet, primary: bool) -> LabeledSpan {
    let (start, end) = shown(label, files);
    let (start, end) = (snippet.map(start), snippet.map(end));
    let text = label.message.clone();
    if primary {
        LabeledSpan::new_primary_with_span(text, (start as usize, (end - start) as usize))
    } else {
        LabeledSpan::new_with_span(text, (start as usize, (end - start) as usize))
    }
}

/// `path:line:column` of a label.
pub fn position(label: &Label, files: &SourceMap) -> String {
    let file = files.get(label.location.file);
    let (line, column) = file.line_column(label.location.span.start);
    format!("{}:{line}:{column}", file.path)
}

/// A one-line summary such as `2 errors, 1 warning in 14 files`.
pub fn summary(diagnostics: &[Diagnostic], file_count: usize) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut out = String::new();
    let _ = write!(
        out,
        "{}, {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(file_count, "file")
    );
    out
}

/// The JSON shape of `--format json`: documented in docs/diagnostics.md and kept stable.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// The shape's version; changes only when fields are removed or change meaning.
    pub version: u32,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    pub summary: JsonSummary,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    #[serde(flatten)]
    pub location: Option<JsonLocation<'a>>,
    pub help: Option<&'a str>,
    pub labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
pub struct JsonLocation<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// Byte offsets into the file, start inclusive, end exclusive.
    pub start_offset: u32,
    pub end_offset: u32,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    #[serde(flatten)]
    pub location: JsonLocation<'a>,
    pub message: Option<&'a str>,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

pub fn json_location<'a>(label: &Label, files: &'a SourceMap) -> JsonLocation<'a> {
    let file = files.get(label.location.file);
    let (line, column) = file.line_column(label.location.span.start);
    let (end_line, end_column) = file.line_column(label.location.span.end);
    JsonLocation {
        file: &file.path,
        line,
        column,
        end_line,
        end_column,
        start_offset: label.location.span.start,
        end_offset: label.location.span.end,
    }
}

pub fn json(diagnostics: &[Diagnostic], files: &SourceMap) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let report = JsonReport {
        version: 1,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.rule.code,
                name: d.rule.name,
                severity: d.severity,
                message: &d.message,
                location: d.primary.as_ref().map(|label| json_location(label, files)),
                help: d.help.as_deref(),
                labels: d
                    .secondary
                    .iter()
                    .map(|label| JsonLabel {
                        location: json_location(label, files),
                        message: label.message.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        summary: JsonSummary {
            errors,
            warnings: diagnostics.len() - errors,
            files: files.len(),
        },
    };
    let mut text = serde_json::to_string_pretty(&report).expect("diagnostics serialize");
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: one `::error` or `::warning` line per diagnostic, with
/// file, line, column, end and a title, so the runner annotates the pull request's diff.
/// `prefix` is the repository's folder inside the checkout (`Source::repo_prefix`).
pub fn github(diagnostics: &[Diagnostic], files: &SourceMap, prefix: &str) -> String {
    fn data(text: &str) -> String {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(text: &str) -> String {
        data(text).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = Vec::new();
        if let Some(label) = &d.primary {
            let at = json_location(label, files);
            properties.push(format!(
                "file={}",
                property(&format!("{prefix}{}", at.file))
            ));
            properties.push(format!("line={}", at.line));
            properties.push(format!("col={}", at.column));
            properties.push(format!("endLine={}", at.end_line));
            properties.push(format!("endColumn={}", at.end_column));
        }
        properties.push(format!(
            "title={}",
            property(&format!("{} {}", d.rule.code, d.rule.name))
        ));
        let mut message = d.message.clone();
        for label in &d.secondary {
            let _ = write!(
                message,
                "\n{prefix}{}: {}",
                position(label, files),
                label.message.as_deref().unwrap_or("see also")
            );
        }
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        let _ = writeln!(
            out,
            "::{level} {}::{}",
            properties.join(","),
            data(&message)
        );
    }
    out
}

/// A rule's documentation without the one-space indent doc comments give it.
pub fn dedent(doc: &str) -> String {
    doc.lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}
