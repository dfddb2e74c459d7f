//! `netsot rack free RACK --height N`: the lowest position where a device of N units fits,
//! optionally avoiding what other branches mounted in the same rack (`--avoid`). Units a
//! rack reservation holds count as taken unless `--include-reserved` is given.

use std::io::Write as _;

use super::{Failure, Outcome, RepoArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: RackCommand,
}

#[derive(clap::Subcommand)]
pub enum RackCommand {
    /// The lowest rack unit from which `--height` units are free.
    Free {
        /// The rack's name.
        rack: String,
        /// The rack's site, where several sites have a rack of that name.
        #[arg(long)]
        site: Option<String>,
        /// The height of the device to mount, in units.
        #[arg(long, default_value_t = 1)]
        height: u32,
        /// Count as taken the units the rack holds on every revision whose reference
        /// matches this glob (`origin/*`); repeatable.
        #[arg(long, value_name = "GLOB")]
        avoid: Vec<String>,
        /// Offer units held by a rack reservation too (by default they count as taken).
        #[arg(long)]
        include_reserved: bool,
        #[command(flatten)]
        repo: RepoArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let RackCommand::Free {
        rack,
        site,
        height,
        avoid,
        include_reserved,
        repo,
    } = args.command;
    let source = repo.open()?;
    let compilation = super::compile(&source)?;
    let graph = &compilation.graph;
    let site = site.as_deref();
    let (Some((first, last)), Some(mut taken)) = (
        crate::rack::unit_range(graph, site, &rack),
        crate::rack::taken_units(graph, site, &rack),
    ) else {
        return Err(Failure {
            message: format!("no rack named `{rack}`"),
            help: crate::diag::suggestion_help(&crate::diag::did_you_mean(
                &rack,
                graph.model.racks.iter().map(|r| r.data.name.value.as_str()),
            )),
        });
    };
    if !include_reserved {
        taken.extend(crate::rack::reserved_units(graph, site, &rack));
    }
    super::ipam::each_avoided(&repo, &avoid, |other| {
        taken.extend(crate::rack::taken_units(&other.graph, site, &rack).unwrap_or_default());
    })?;
    match crate::rack::lowest_free(first, last, height, &taken) {
        Some(unit) => {
            let _ = writeln!(std::io::stdout().lock(), "U{unit}");
            Ok(Outcome::Clean)
        }
        None => Err(Failure::new(format!(
            "rack `{rack}` has no {height} free units in a row (U{first} to U{last})"
        ))),
    }
}
