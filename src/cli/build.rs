//! `netsot build`: check, then render every output of `netsot.yaml` into a folder.

use std::io::Write;
use std::path::PathBuf;

use super::check::Format;
use super::{Failure, Outcome, RepoArgs};
use crate::diag::{self, emit};
use crate::render::write_atomic;
use crate::source::Source;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The output folder; `build/` in the repository's root by default (required for a bare
    /// repository).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 1 and list the files that differ from what would be written.
    #[arg(long)]
    pub check: bool,
    /// The format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: Args, color: bool) -> Result<Outcome, Failure> {
    let source = args.repo.open()?;
    let out_dir = output_dir(&args, &source)?;
    let compilation = super::compile(&source)?;
    let mut diagnostics = compilation.diagnostics.clone();
    let mut timings = compilation.timings.clone();
    let rendered = if compilation.has_errors() {
        None
    } else {
        let start = std::time::Instant::now();
        let rendered = super::render(&compilation);
        timings.push(crate::timing::Timing::since("render", start));
        diagnostics.extend(rendered.diagnostics.iter().cloned());
        Some(rendered)
    };
    diag::sort_and_dedup(&mut diagnostics, &compilation.files);
    let has_errors = diagnostics.iter().any(diag::Diagnostic::is_error);
    super::print_timings(&timings);
    let mut stdout = std::io::stdout().lock();
    let report = args
        .format
        .emit(&diagnostics, &compilation.files, color, &source);
    let _ = stdout.write_all(report.as_bytes());
    let human = args.format == Format::Human;
    let rendered = match rendered {
        Some(rendered) if !has_errors => rendered,
        _ => {
            if human {
                let _ = writeln!(
                    stdout,
                    "{}: {}; nothing written",
                    source.describe(),
                    emit::summary(&diagnostics, compilation.files.len())
                );
            }
            return Ok(Outcome::InputErrors);
        }
    };

    let mut stale = Vec::new();
    for file in &rendered.files {
        let path = out_dir.join(&file.path);
        let current = std::fs::read(&path).ok();
        if current.as_deref() != Some(file.bytes.as_slice()) {
            stale.push((file, path));
        }
    }
    if args.check {
        for (file, _) in &stale {
            let _ = writeln!(stdout, "stale: {}", file.path);
        }
        if human {
            let _ = writeln!(
                stdout,
                "{}: {} of {} files in {} are stale",
                source.describe(),
                stale.len(),
                rendered.files.len(),
                out_dir.display()
            );
        }
        return Ok(if stale.is_empty() {
            Outcome::Clean
        } else {
            Outcome::InputErrors
        });
    }
    for (file, path) in &stale {
        write_atomic(path, &file.bytes)
            .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
    }
    if human {
        let _ = writeln!(
            stdout,
            "{}: wrote {} files to {} ({} unchanged)",
            source.describe(),
            stale.len(),
            out_dir.display(),
            rendered.files.len() - stale.len()
        );
    }
    super::leak((compilation, rendered));
    Ok(Outcome::Clean)
}

fn output_dir(args: &Args, source: &Source) -> Result<PathBuf, Failure> {
    if let Some(out) = &args.out {
        return Ok(out.clone());
    }
    source
        .root_dir()
        .map(|root| root.join("build"))
        .ok_or_else(|| Failure {
            message: "a bare repository has no folder to build into".into(),
            help: Some("give the output folder with `--out DIR`".into()),
        })
}
