//! `netsot check`: load, resolve, validate; print the diagnostics.

use std::io::Write;

use clap::ValueEnum;

use super::{Failure, Outcome, RepoArgs};
use crate::compile;
use crate::diag::emit;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn run(args: Args, color: bool) -> Result<Outcome, Failure> {
    let source = args.repo.open()?;
    let compilation = compile::compile(&source)?;
    let diagnostics = &compilation.diagnostics;
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
        Format::Json => emit::json(diagnostics, &compilation.files),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    super::print_timings(&compilation.timings);
    let outcome = if compilation.has_errors() {
        Outcome::InputErrors
    } else {
        Outcome::Clean
    };
    super::leak(compilation);
    Ok(outcome)
}
