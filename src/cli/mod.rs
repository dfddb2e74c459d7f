//! The command line: one file per command. The only module that prints.
//!
//! Exit codes are the same for every command and format: 0 clean, 1 the input has errors
//! (or, for `build --check`, stale outputs; for `push netbox`, NetBox refused an object),
//! 2 the tool could not run, and 3 for `push netbox --plan` with changes to apply.

mod blame;
mod build;
mod check;
mod conflicts;
mod dev;
mod diff;
mod explain;
mod export;
mod import;
mod init;
mod ipam;
mod merge;
mod merge_driver;
mod panic;
mod push;
mod rack;
mod schema;
mod show;
mod trace;
mod verdict;
pub mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::compile::Compilation;
use crate::timing::{Timing, Timings};

/// netsot: compile a network's source of truth kept in git.
#[derive(Parser)]
#[command(name = "netsot", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to color the output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
pub enum Command {
    /// Load, resolve and validate a repository.
    Check(check::Args),
    /// Check, then render every output of netsot.yaml into a folder.
    Build(build::Args),
    /// Which commit last changed each field of an object.
    Blame(blame::Args),
    /// Which open branches collide, merged with the default branch or with each other.
    Conflicts(conflicts::Args),
    /// The semantic difference between two revisions, and the rendered files that change.
    Diff(diff::Args),
    /// git's merge driver for data files: merges by object, not by line (docs/ci.md).
    MergeDriver(merge_driver::Args),
    /// Start a new repository with a working example.
    Init(init::Args),
    /// The prefix tree with utilisation, free space, the next free address or prefix.
    Ipam(ipam::Args),
    /// Write a repository from another source of truth (`import netbox`).
    Import(import::ImportArgs),
    /// Print the whole resolved graph as JSON.
    Export(export::Args),
    /// Push the repository into another system: `push netbox`.
    Push(push::PushArgs),
    /// Free rack units: `rack free RACK --height N`.
    Rack(rack::Args),
    /// Print one object with its resolved relations and merged config context.
    Show(show::Args),
    /// The cable path from a port to its far end, through patch panels and circuits.
    Trace(trace::Args),
    /// Print the documentation of a diagnostic code.
    Explain(explain::Args),
    /// Write the JSON Schemas of data files and netsot.yaml.
    Schema(schema::Args),
    /// Developer tools: the benchmark generator and the parse-only floor.
    Dev(dev::Args),
}

/// The outcome of a command.
pub enum Outcome {
    Clean,
    InputErrors,
    /// A plan with changes to apply (`push netbox --plan`): exit 3.
    Changes,
}

/// A failure to run (exit code 2).
pub struct Failure {
    pub message: String,
    pub help: Option<String>,
}

impl From<crate::source::SourceError> for Failure {
    fn from(error: crate::source::SourceError) -> Failure {
        Failure {
            message: error.message,
            help: error.help,
        }
    }
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            help: None,
        }
    }
}

pub fn main() -> ExitCode {
    panic::guard(run)
}

fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return match error.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::IsTerminal::is_terminal(&std::io::stderr())
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args, color),
        Command::Build(args) => build::run(args, color),
        Command::Blame(args) => blame::run(args),
        Command::Diff(args) => diff::run(args, color),
        Command::Conflicts(args) => conflicts::run(args),
        Command::MergeDriver(args) => merge_driver::run(args),
        Command::Export(args) => export::run(args, color),
        Command::Push(args) => push::run_push(args, color),
        Command::Init(args) => init::run(args),
        Command::Import(args) => import::run_import(args),
        Command::Ipam(args) => ipam::run(args),
        Command::Rack(args) => rack::run(args),
        Command::Show(args) => show::run(args, color),
        Command::Trace(args) => trace::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Dev(args) => dev::run(args),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::InputErrors) => ExitCode::from(1),
        Ok(Outcome::Changes) => ExitCode::from(3),
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            if let Some(help) = failure.help {
                eprintln!("help: {help}");
            }
            ExitCode::from(2)
        }
    }
}

/// The repository arguments shared by the commands that compile one.
#[derive(clap::Args, Clone)]
pub struct RepoArgs {
    /// The repository (a folder holding netsot.yaml, or any folder below one); the current folder by default.
    pub path: Option<PathBuf>,
    /// Compile this git revision (commit, branch, tag, `HEAD~3`) from the object database, without a checkout.
    #[arg(long)]
    pub rev: Option<String>,
    #[command(flatten)]
    pub outside: AllowOutside,
}

impl RepoArgs {
    pub fn open(&self) -> Result<crate::source::Source, Failure> {
        self.outside.open(self.path.as_deref(), self.rev.as_deref())
    }
}

/// The folders outside the repository that the user, not the repository, allows
/// `netsot.yaml`'s paths to read (docs/security.md).
#[derive(clap::Args, Clone, Default)]
pub struct AllowOutside {
    /// Allow the data, device-type and templates paths of netsot.yaml to read below this
    /// folder outside the repository (repeatable); without it they are refused (NS0006).
    #[arg(long = "allow-outside", value_name = "DIR")]
    pub folders: Vec<PathBuf>,
}

impl AllowOutside {
    /// Opens the repository at `path` (revision `rev`) with these folders allowed.
    pub fn open(
        &self,
        path: Option<&std::path::Path>,
        rev: Option<&str>,
    ) -> Result<crate::source::Source, Failure> {
        Ok(crate::source::Source::open(path, rev)?.allow_outside(&self.folders)?)
    }
}

/// What `NETSOT_TIMINGS` asks for: `1` the time of each stage and the peak memory when it
/// ended, `2` the time of every step of every stage. The one place the variable is read.
fn timings_level() -> Option<u8> {
    match std::env::var("NETSOT_TIMINGS").as_deref() {
        Ok("1") => Some(1),
        Ok("2") => Some(2),
        _ => None,
    }
}

/// A sink for the steps of the stages, recording only under `NETSOT_TIMINGS=2`.
pub fn step_timings() -> Timings {
    Timings::new(timings_level() == Some(2))
}

/// Prints the steps recorded in `timings` to stderr, in the order they ended.
pub fn print_steps(timings: &Timings) {
    for step in timings.take() {
        eprintln!(
            "timing: {:<37} {:>9.3} s",
            step.name,
            step.time.as_secs_f64()
        );
    }
}

/// Compiles `source`, printing the steps of its stages under `NETSOT_TIMINGS=2`.
pub fn compile(source: &crate::source::Source) -> Result<Compilation, Failure> {
    let timings = step_timings();
    let compilation = crate::compile::compile_timed(source, &timings);
    print_steps(&timings);
    Ok(compilation?)
}

/// Renders a compilation, printing each output's time under `NETSOT_TIMINGS=2`.
pub fn render(compilation: &Compilation) -> crate::render::Rendered {
    let timings = step_timings();
    let rendered = crate::render::render_timed(compilation, &timings);
    print_steps(&timings);
    rendered
}

/// Prints the time of each stage, and the peak memory when it ended, to stderr when
/// `NETSOT_TIMINGS=1`.
pub fn print_timings(timings: &[Timing]) {
    if timings_level() == Some(1) {
        for timing in timings {
            let peak = timing
                .peak_kib
                .map_or_else(String::new, |kib| format!("  peak {:>6} MiB", kib / 1024));
            eprintln!(
                "timing: {:<8} {:>9.3} s{peak}",
                timing.stage,
                timing.time.as_secs_f64()
            );
        }
    }
}

/// Ends the life of a large value without freeing it: the process is about to exit, and
/// the OS takes the memory back at once, where freeing millions of small allocations one
/// by one costs a tenth of a large `check` (see BENCHMARKS.md).
pub fn leak<T>(value: T) {
    std::mem::forget(value);
}
