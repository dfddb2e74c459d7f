//! `netsot dev`: tools for netsot's own development and benchmarks.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, Outcome, RepoArgs};
use crate::dev::generate::{self, Size};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: DevCommand,
}

#[derive(clap::Subcommand)]
pub enum DevCommand {
    /// Write a large, realistic, valid repository for benchmarks.
    Generate(GenerateArgs),
    /// Read and parse a repository's files into typed objects, and nothing else: the floor
    /// that parsing sets under `check`.
    Parse(ParseArgs),
    /// Panic on purpose, on a worker thread, to test the bug report and exit code 2.
    #[command(hide = true)]
    Panic,
}

#[derive(clap::Args)]
pub struct GenerateArgs {
    /// The size: small (about 10,000 objects), medium (1,000,000), large (10,000,000).
    #[arg(long, value_enum, default_value_t = Size::Small)]
    pub size: Size,
    /// The number of sites, instead of a size.
    #[arg(long)]
    pub sites: Option<usize>,
    /// The seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The folder to write (missing or empty).
    #[arg(long)]
    pub out: PathBuf,
    /// The devicetype-library checkout to copy the device types from.
    #[arg(long, default_value = "../shared/data/devicetype-library")]
    pub library: PathBuf,
    /// Also write octoDNS inputs with the same DNS records into this folder.
    #[arg(long)]
    pub octodns: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ParseArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    match args.command {
        DevCommand::Generate(args) => {
            let sites = args.sites.unwrap_or_else(|| args.size.sites());
            let summary = generate::generate(
                &args.out,
                sites,
                args.seed,
                &args.library,
                args.octodns.as_deref(),
            )
            .map_err(Failure::new)?;
            println!(
                "wrote {} files ({} bytes) to {}: {} sites, {} devices, {} DNS names",
                summary.files,
                summary.bytes,
                args.out.display(),
                summary.sites,
                summary.devices,
                summary.dns_records / 2
            );
            Ok(Outcome::Clean)
        }
        DevCommand::Panic => {
            // On a rayon worker, as the loader's and the checks' panics would be: rayon hands
            // the panic on to this thread, and `panic::guard` turns it into exit code 2.
            rayon::join(|| (), || panic!("`netsot dev panic` panics on purpose"));
            Ok(Outcome::Clean)
        }
        DevCommand::Parse(args) => {
            let source = args.repo.open()?;
            let timings = super::step_timings();
            let loaded = crate::load::load(&source, &timings);
            super::print_steps(&timings);
            let loaded = loaded?;
            let _ = writeln!(
                std::io::stdout(),
                "{}: parsed {} files, {} bytes, {} objects, {} diagnostics",
                source.describe(),
                loaded.files.len(),
                loaded.files.total_bytes(),
                loaded.model.object_count(),
                loaded.diagnostics.len()
            );
            super::leak(loaded);
            Ok(Outcome::Clean)
        }
    }
}
