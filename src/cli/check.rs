//! `netsot check`: load, resolve, validate, render the outputs in memory; print the
//! diagnostics.

use std::io::Write;

use clap::ValueEnum;

use super::{Failure, Outcome, RepoArgs};
use crate::diag::emit;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Skip rendering the outputs of netsot.yaml: faster, but blind to what only an output
    /// refuses (a duplicate PTR, a broken template).
    #[arg(long)]
    pub no_render: bool,
    /// Check the head (the working tree, or `--rev`) merged with this revision, as git
    /// would merge them, in memory: nothing is checked out or written. Lines both sides
    /// changed are reported where they are (NS0008).
    #[arg(long, value_name = "REF")]
    pub merge_with: Option<String>,
}

/// The formats of diagnostics, the same for `check`, `build` and `diff`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: snippets, labels and help.
    Human,
    /// One JSON document (docs/diagnostics.md).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

impl Format {
    /// Renders diagnostics in this format.
    pub fn emit(
        self,
        diagnostics: &[crate::diag::Diagnostic],
        files: &crate::diag::SourceMap,
        color: bool,
        source: &crate::source::Source,
    ) -> String {
        match self {
            Format::Human => emit::human(diagnostics, files, color),
            Format::Json => emit::json(diagnostics, files),
            Format::Sarif => crate::diag::sarif::sarif(diagnostics, files, &source.repo_prefix()),
            Format::Github => emit::github(diagnostics, files, &source.repo_prefix()),
        }
    }
}

pub fn run(args: Args, color: bool) -> Result<Outcome, Failure> {
    let (source, verdict) = match &args.merge_with {
        None => {
            let source = args.repo.open()?;
            let verdict = super::verdict::verdict(&source, !args.no_render)?;
            (source, verdict)
        }
        Some(with) => {
            let (source, compilation) = super::merge::compile_merged(
                args.repo.path.as_deref(),
                args.repo.rev.as_deref(),
                with,
                &args.repo.outside,
            )?;
            (source, super::verdict::judge(compilation, !args.no_render))
        }
    };
    let compilation = &verdict.compilation;
    let diagnostics = &verdict.diagnostics;
    let text = match args.format {
        Format::Human => {
            let mut text = emit::human(diagnostics, &compilation.files, color);
            text.push_str(&format!(
                "{}: {} ({} objects, with {} interfaces and {} IP addresses)\n",
                source.describe(),
                emit::summary(diagnostics, compilation.files.len()),
                compilation.object_count(),
                compilation.graph.interfaces.len(),
                compilation.graph.ip_addresses.len()
            ));
            text
        }
        other => other.emit(diagnostics, &compilation.files, color, &source),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    super::print_timings(&verdict.timings);
    let outcome = if verdict.has_errors() {
        Outcome::InputErrors
    } else {
        Outcome::Clean
    };
    super::leak(verdict);
    Ok(outcome)
}
