//! `netsot merge-driver %O %A %B %P`: git's merge driver for data files, merging by
//! object identity (`review/driver.rs`). Writes the result over `%A`; exit 0 when merged,
//! 1 when conflicts are marked in the file (git then reports the file as conflicting).

use std::path::PathBuf;

use super::{Failure, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// The merge base's version (git's `%O`).
    pub base: PathBuf,
    /// Our version, overwritten with the result (`%A`).
    pub ours: PathBuf,
    /// Their version (`%B`).
    pub theirs: PathBuf,
    /// The file's path in the repository (`%P`): data files (`.yaml`, `.yml`) merge by
    /// object, others by lines.
    pub path: String,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let read = |path: &PathBuf| {
        std::fs::read(path)
            .map_err(|e| Failure::new(format!("cannot read `{}`: {e}", path.display())))
    };
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let result = crate::review::driver::merge(&base, &ours, &theirs, &args.path);
    std::fs::write(&args.ours, &result.text)
        .map_err(|e| Failure::new(format!("cannot write `{}`: {e}", args.ours.display())))?;
    if result.conflicts == 0 {
        Ok(Outcome::Clean)
    } else {
        eprintln!(
            "netsot merge-driver: {} conflict{} marked in `{}`",
            result.conflicts,
            if result.conflicts == 1 { "" } else { "s" },
            args.path
        );
        Ok(Outcome::InputErrors)
    }
}
