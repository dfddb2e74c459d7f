//! `netsot conflicts [REFS...]`: which open branches collide when merged with the default
//! branch or with each other (`review/collisions.rs`); nothing is checked out or written.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Outcome};
use crate::review::collisions::{self, Branch, Report};
use crate::review::merge::MemoryRepo;

#[derive(clap::Args)]
pub struct Args {
    /// The branches to check; every branch of `origin` not merged into the default
    /// branch when none is given.
    pub refs: Vec<String>,
    /// The default branch every branch is merged with; `origin/HEAD`'s target, else
    /// `origin/main`, `origin/master`, `main` or `master`.
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// The repository (a folder holding netsot.yaml, or below one); the current folder by default.
    #[arg(long, short = 'C', value_name = "PATH")]
    pub repo: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let start = match &args.repo {
        Some(path) => path.clone(),
        None => std::env::current_dir()
            .map_err(|e| Failure::new(format!("cannot read the current folder: {e}")))?,
    };
    let repo = MemoryRepo::open(&start)?;
    let base_name = match &args.base {
        Some(base) => base.clone(),
        None => collisions::default_branch(&repo)?,
    };
    let base = Branch {
        side: repo.revision(&base_name)?,
        name: base_name,
    };
    let branches = if args.refs.is_empty() {
        collisions::open_branches(&repo, &base)?
    } else {
        args.refs
            .iter()
            .map(|name| {
                Ok(Branch {
                    side: repo.revision(name)?,
                    name: name.clone(),
                })
            })
            .collect::<Result<Vec<_>, crate::source::SourceError>>()?
    };
    let started = std::time::Instant::now();
    let report = collisions::find(&repo, &base, &branches)?;
    let text = match args.format {
        Format::Text => text(&report, branches.len(), &base.name, started.elapsed()),
        Format::Json => json(&report, &branches, &base.name),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(if report.collisions.is_empty() {
        Outcome::Clean
    } else {
        Outcome::InputErrors
    })
}

fn text(report: &Report, branches: usize, base: &str, took: std::time::Duration) -> String {
    let mut out = String::new();
    for collision in &report.collisions {
        let _ = writeln!(out, "{} and {} collide:", collision.ours, collision.theirs);
        for found in &collision.diagnostics {
            let _ = writeln!(out, "  {} {}", found.code, found.message);
            for position in &found.positions {
                let _ = writeln!(out, "    at {position}");
            }
        }
    }
    let _ = writeln!(
        out,
        "{} colliding pair{} among {branches} branch{} and {base} ({} merges, {} compilations, {:.1} s)",
        report.collisions.len(),
        if report.collisions.len() == 1 { "" } else { "s" },
        if branches == 1 { "" } else { "es" },
        report.pairs,
        report.compilations,
        took.as_secs_f64()
    );
    out
}

fn json(report: &Report, branches: &[Branch], base: &str) -> String {
    let collisions: Vec<serde_json::Value> = report
        .collisions
        .iter()
        .map(|c| {
            serde_json::json!({
                "branches": [c.ours, c.theirs],
                "diagnostics": c.diagnostics.iter().map(|d| serde_json::json!({
                    "code": d.code,
                    "message": d.message,
                    "positions": d.positions,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = serde_json::json!({
        "version": 1,
        "base": base,
        "branches": branches.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(),
        "merges": report.pairs,
        "compilations": report.compilations,
        "collisions": collisions,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}
