//! `netsot export`: the whole resolved graph as JSON, for scripts (docs/export.md).

use std::io::Write;

use clap::ValueEnum;

use super::{Failure, Outcome, RepoArgs};
use crate::diag::emit;
use crate::view::Views;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
}

pub fn run(args: Args, color: bool) -> Result<Outcome, Failure> {
    let source = args.repo.open()?;
    let compilation = super::compile(&source)?;
    if compilation.has_errors() {
        let text = emit::human(&compilation.diagnostics, &compilation.files, color);
        eprint!("{text}");
        eprintln!(
            "{}: {}; nothing exported",
            source.describe(),
            emit::summary(&compilation.diagnostics, compilation.files.len())
        );
        return Ok(Outcome::InputErrors);
    }
    let views = Views::new(&compilation.graph);
    let mut bytes = serde_json::to_vec_pretty(&views.export())
        .map_err(|e| Failure::new(format!("cannot serialise the graph: {e}")))?;
    bytes.push(b'\n');
    std::io::stdout()
        .lock()
        .write_all(&bytes)
        .map_err(|e| Failure::new(format!("cannot write: {e}")))?;
    Ok(Outcome::Clean)
}
