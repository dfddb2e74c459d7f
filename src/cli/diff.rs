//! `netsot diff BASE [HEAD]`: what a change does to the network, in its own words.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;

use super::check::Format as DiagnosticFormat;
use super::verdict::Verdict;
use super::{Failure, Outcome};
use crate::diff::{self, ChangeKind, Diff};

#[derive(clap::Args)]
pub struct Args {
    /// The base revision (a branch, tag, commit or `HEAD~1`), read from git.
    pub base: String,
    /// The head revision; the working tree when not given.
    pub head: Option<String>,
    /// The repository (a folder holding netsot.yaml, or below one); the current folder by default.
    #[arg(long, short = 'C', value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// The output format: text, markdown (a pull-request comment), json; github and sarif
    /// print the head's diagnostics for CI and a summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub outside: super::AllowOutside,
    /// Compare BASE with the head merged with this revision in memory (what merging it
    /// would do); lines both sides changed are reported as NS0008.
    #[arg(long, value_name = "REF")]
    pub merge_with: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Github,
    Sarif,
    /// A page with the changed racks' elevations and the changed topologies drawn before
    /// and after, and the changes listed.
    Html,
}

pub fn run(args: Args, color: bool) -> Result<Outcome, Failure> {
    let path = args.repo.as_deref();
    let base_source = args.outside.open(path, Some(&args.base))?;
    // Each compilation is parallel inside; a git repository handle is not shared between
    // threads, so the two run one after the other.
    let base = super::compile(&base_source)?;
    let (head_source, head) = match &args.merge_with {
        None => {
            let head_source = args.outside.open(path, args.head.as_deref())?;
            let head = super::compile(&head_source)?;
            (head_source, head)
        }
        Some(with) => {
            super::merge::compile_merged(path, args.head.as_deref(), with, &args.outside)?
        }
    };
    let (base, head) = rayon::join(
        || super::verdict::judge(base, true),
        || super::verdict::judge(head, true),
    );
    let (base_entities, head_entities) = rayon::join(
        || diff::entities(&base.compilation),
        || diff::entities(&head.compilation),
    );
    let files = match (base.files(), head.files()) {
        (Some(b), Some(h)) => Some((b, h)),
        _ => None,
    };
    let result = diff::diff(&base_entities, &head_entities, files);
    let labels = (
        args.base.clone(),
        match (&args.head, &args.merge_with) {
            (Some(head), None) => head.clone(),
            (None, None) => "the working tree".into(),
            (head, Some(with)) => format!(
                "{} merged with {with}",
                head.as_deref().unwrap_or("the working tree")
            ),
        },
    );
    let text = match args.format {
        Format::Text => text(&result, &labels, files.is_some()),
        Format::Markdown => markdown(&result, &labels, files.is_some(), &head),
        Format::Json => {
            let value = serde_json::json!({
                "version": 1,
                "base": labels.0,
                "head": labels.1,
                "summary": result.summary(),
                "changes": result.changes,
                "files": if files.is_some() { serde_json::to_value(&result.files).unwrap_or_default() } else { serde_json::Value::Null },
                "head_errors": head.diagnostics.iter().filter(|d| d.is_error()).count(),
                "head_warnings": head.diagnostics.iter().filter(|d| !d.is_error()).count(),
            });
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Github => {
            let mut text = DiagnosticFormat::Github.emit(
                &head.diagnostics,
                &head.compilation.files,
                color,
                &head_source,
            );
            let _ = writeln!(
                text,
                "::notice title=netsot diff::{}",
                headline(&result, &labels).replace('\n', "%0A")
            );
            text
        }
        Format::Html => crate::render::site::diff_page(
            &base.compilation,
            &head.compilation,
            &result,
            (&labels.0, &labels.1),
        ),
        Format::Sarif => DiagnosticFormat::Sarif.emit(
            &head.diagnostics,
            &head.compilation.files,
            color,
            &head_source,
        ),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let outcome = if head.has_errors() {
        if args.format == Format::Text || args.format == Format::Markdown {
            eprintln!(
                "{}: {}; run `netsot check` for the details",
                labels.1,
                crate::diag::emit::summary(&head.diagnostics, head.compilation.files.len())
            );
        }
        Outcome::InputErrors
    } else {
        Outcome::Clean
    };
    super::leak((base, head));
    Ok(outcome)
}

fn headline(diff: &Diff, (base, head): &(String, String)) -> String {
    let count = |kind: ChangeKind| diff.changes.iter().filter(|c| c.change == kind).count();
    if diff.is_empty() {
        return format!("{base} → {head}: no change to the network");
    }
    format!(
        "{base} → {head}: {} added, {} removed, {} changed; {} rendered file{} change{}",
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        count(ChangeKind::Changed),
        diff.files.len(),
        if diff.files.len() == 1 { "" } else { "s" },
        if diff.files.len() == 1 { "s" } else { "" },
    )
}

fn sign(change: ChangeKind) -> &'static str {
    match change {
        ChangeKind::Added => "+",
        ChangeKind::Removed => "-",
        ChangeKind::Changed => "~",
    }
}

/// Up to `n` fields of an added or removed object, `field: value`.
fn brief(change: &diff::Change, n: usize) -> String {
    let mut parts: Vec<String> = change
        .fields
        .iter()
        .filter(|f| f.field != "name")
        .take(n)
        .map(|f| {
            let value = if change.change == ChangeKind::Removed {
                &f.before
            } else {
                &f.after
            };
            format!("{}: {}", f.field, diff::show(value))
        })
        .collect();
    if change.fields.len() > n + 1 {
        parts.push("…".into());
    }
    parts.join(", ")
}

fn text(diff: &Diff, labels: &(String, String), rendered: bool) -> String {
    let mut out = headline(diff, labels);
    out.push('\n');
    let mut kind = "";
    let mut site: Option<&str> = Some("\u{0}");
    for change in &diff.changes {
        if change.kind != kind {
            kind = &change.kind;
            site = Some("\u{0}");
            let _ = writeln!(out, "\n{kind}");
        }
        if change.site.as_deref() != site {
            site = change.site.as_deref();
            let _ = writeln!(out, "  {}", site.unwrap_or("(no site)"));
        }
        match change.change {
            ChangeKind::Changed => {
                let _ = writeln!(out, "    ~ {}", change.key);
                for field in &change.fields {
                    let _ = writeln!(
                        out,
                        "        {}: {} → {}",
                        field.field,
                        diff::show(&field.before),
                        diff::show(&field.after)
                    );
                }
            }
            other => {
                let _ = writeln!(
                    out,
                    "    {} {}  ({})",
                    sign(other),
                    change.key,
                    brief(change, 6)
                );
            }
        }
    }
    if !diff.files.is_empty() {
        let _ = writeln!(out, "\nrendered files");
        for file in &diff.files {
            let _ = writeln!(
                out,
                "  {} {} (+{} -{})",
                sign(file.change),
                file.path,
                file.lines_added,
                file.lines_removed
            );
            for line in file.diff.lines() {
                let _ = writeln!(out, "      {line}");
            }
        }
    } else if !rendered {
        let _ = writeln!(
            out,
            "\n(rendered files not compared: a revision has errors)"
        );
    }
    out
}

fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

fn markdown(diff: &Diff, labels: &(String, String), rendered: bool, head: &Verdict) -> String {
    let mut out = format!("### netsot: {}\n\n", headline(diff, labels));
    if head.has_errors() {
        let _ = writeln!(
            out,
            "> [!CAUTION]\n> {}: {}. Run `netsot check` for the details.\n",
            labels.1,
            crate::diag::emit::summary(&head.diagnostics, head.compilation.files.len())
        );
    }
    if diff.changes.is_empty() && diff.files.is_empty() {
        return out;
    }
    if !diff.changes.is_empty() {
        out.push_str("| kind | added | removed | changed |\n|---|---:|---:|---:|\n");
        for (kind, (a, r, c)) in diff.summary() {
            let _ = writeln!(out, "| {kind} | {a} | {r} | {c} |");
        }
        out.push('\n');
    }
    let mut by_kind: Vec<(&str, Vec<&diff::Change>)> = Vec::new();
    for change in &diff.changes {
        match by_kind.last_mut() {
            Some((kind, list)) if *kind == change.kind => list.push(change),
            _ => by_kind.push((&change.kind, vec![change])),
        }
    }
    for (kind, changes) in by_kind {
        let _ = writeln!(
            out,
            "<details><summary>{kind} ({})</summary>\n",
            changes.len()
        );
        let mut site: Option<&str> = Some("\u{0}");
        for change in changes {
            if change.site.as_deref() != site {
                site = change.site.as_deref();
                let _ = writeln!(out, "\n**{}**\n", site.unwrap_or("no site"));
            }
            match change.change {
                ChangeKind::Changed => {
                    let fields: Vec<String> = change
                        .fields
                        .iter()
                        .map(|f| {
                            format!(
                                "{}: {} → {}",
                                f.field,
                                code(&diff::show(&f.before)),
                                code(&diff::show(&f.after))
                            )
                        })
                        .collect();
                    let _ = writeln!(out, "- ✏️ {} — {}", code(&change.key), fields.join("; "));
                }
                ChangeKind::Added => {
                    let _ = writeln!(out, "- ➕ {} — {}", code(&change.key), brief(change, 6));
                }
                ChangeKind::Removed => {
                    let _ = writeln!(out, "- ➖ {}", code(&change.key));
                }
            }
        }
        out.push_str("\n</details>\n");
    }
    if !diff.files.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>Rendered files ({})</summary>\n",
            diff.files.len()
        );
        for file in &diff.files {
            let _ = writeln!(
                out,
                "{} {} (+{} −{})\n\n```diff\n{}\n```\n",
                sign(file.change),
                code(&file.path),
                file.lines_added,
                file.lines_removed,
                file.diff
            );
        }
        out.push_str("</details>\n");
    } else if !rendered {
        out.push_str("\n_Rendered files not compared: a revision has errors._\n");
    }
    out
}
