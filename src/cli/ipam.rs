//! `netsot ipam tree|free|next`: the prefix hierarchy with utilisation, free space in a
//! prefix, the next free address or prefix.

use std::fmt::Write as _;
use std::io::Write as _;

use clap::ValueEnum;
use ipnet::IpNet;

use super::{Failure, Outcome, RepoArgs};
use crate::graph::VrfId;
use crate::ipam;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: IpamCommand,
}

#[derive(clap::Subcommand)]
pub enum IpamCommand {
    /// The prefix hierarchy of a VRF (or every VRF) with utilisation.
    Tree {
        /// Only this VRF; `global` for the global table.
        #[arg(long)]
        vrf: Option<String>,
        #[command(flatten)]
        repo: RepoArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The free CIDR blocks of a prefix: not taken by child prefixes or addresses.
    Free {
        prefix: IpNet,
        /// The prefix's VRF; the global table when not given.
        #[arg(long)]
        vrf: Option<String>,
        #[command(flatten)]
        repo: RepoArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The next free address of a prefix, or with `--length` its next free child prefix.
    Next {
        prefix: IpNet,
        /// The length of the child prefix to find, e.g. 31.
        #[arg(long)]
        length: Option<u8>,
        #[arg(long)]
        vrf: Option<String>,
        /// Count as used what every revision whose reference matches this glob holds
        /// (`origin/*`: every pushed branch), so allocations on two open branches differ;
        /// repeatable.
        #[arg(long, value_name = "GLOB")]
        avoid: Vec<String>,
        #[command(flatten)]
        repo: RepoArgs,
    },
    /// The lowest free VLAN ID of a VLAN group (within its `vid_ranges`).
    NextVlan {
        /// The VLAN group's name.
        group: String,
        /// Count as used the IDs the group holds on every revision whose reference
        /// matches this glob (`origin/*`); repeatable.
        #[arg(long, value_name = "GLOB")]
        avoid: Vec<String>,
        #[command(flatten)]
        repo: RepoArgs,
    },
}

/// The VLAN IDs the group `group` uses on the revisions matching `globs`.
fn avoided_vlan_ids(repo: &RepoArgs, globs: &[String], group: &str) -> Result<Vec<u32>, Failure> {
    let mut taken = Vec::new();
    each_avoided(repo, globs, |compilation| {
        taken.extend(ipam::used_vlan_ids(&compilation.graph, group));
    })?;
    Ok(taken)
}

/// Compiles every revision matching `globs` (each tree once) and hands it to `take`,
/// naming them on stderr.
pub(super) fn each_avoided(
    repo: &RepoArgs,
    globs: &[String],
    mut take: impl FnMut(&crate::compile::Compilation),
) -> Result<(), Failure> {
    if globs.is_empty() {
        return Ok(());
    }
    let start = match &repo.path {
        Some(path) => path.clone(),
        None => std::env::current_dir()
            .map_err(|e| Failure::new(format!("cannot read the current folder: {e}")))?,
    };
    let memory = crate::review::merge::MemoryRepo::open(&start)?;
    let matched = crate::review::avoid::matching(&memory, globs)?;
    crate::review::avoid::each_compiled(&memory, &matched, |_, compilation| take(compilation))?;
    let names: Vec<&str> = matched.iter().map(|m| m.name.as_str()).collect();
    eprintln!(
        "note: avoiding what {} revision{} hold{}: {}",
        names.len(),
        if names.len() == 1 { "" } else { "s" },
        if names.len() == 1 { "s" } else { "" },
        names.join(", ")
    );
    Ok(())
}

/// What the revisions matching `globs` use inside `net` (VRF by name).
fn avoided(
    repo: &RepoArgs,
    globs: &[String],
    vrf: Option<&str>,
    net: IpNet,
) -> Result<Vec<IpNet>, Failure> {
    let vrf = vrf.filter(|name| *name != "global");
    let mut taken = Vec::new();
    each_avoided(repo, globs, |compilation| {
        taken.extend(ipam::taken(&compilation.graph, vrf, net));
    })?;
    Ok(taken)
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn vrf_index(graph: &crate::graph::Graph, vrf: Option<&str>) -> Result<Option<VrfId>, Failure> {
    match vrf {
        None | Some("global") => Ok(None),
        Some(name) => graph
            .indexes
            .vrfs
            .get(name)
            .map(Some)
            .ok_or_else(|| Failure {
                message: format!("no VRF named `{name}`"),
                help: crate::diag::suggestion_help(&crate::diag::did_you_mean(
                    name,
                    graph.indexes.vrfs.keys(),
                )),
            }),
    }
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let repo = match &args.command {
        IpamCommand::Tree { repo, .. }
        | IpamCommand::Free { repo, .. }
        | IpamCommand::Next { repo, .. }
        | IpamCommand::NextVlan { repo, .. } => repo.clone(),
    };
    let source = repo.open()?;
    let compilation = super::compile(&source)?;
    if compilation.has_errors() {
        eprintln!(
            "warning: {}: {}; answers may be incomplete (run `netsot check`)",
            source.describe(),
            crate::diag::emit::summary(&compilation.diagnostics, compilation.files.len())
        );
    }
    let graph = &compilation.graph;
    let mut out = String::new();
    match args.command {
        IpamCommand::Tree { vrf, format, .. } => {
            let vrfs: Vec<Option<VrfId>> = match vrf.as_deref() {
                Some(name) => vec![vrf_index(graph, Some(name))?],
                None => std::iter::once(None)
                    .chain(VrfId::all(graph.model.vrfs.len()).map(Some))
                    .collect(),
            };
            let mut all = Vec::new();
            for v in vrfs {
                let nodes = ipam::tree(graph, v);
                if format == Format::Text && !nodes.is_empty() {
                    let _ = writeln!(out, "{}", graph.vrf_name(v));
                    for node in &nodes {
                        let label = format!("{}{}", "  ".repeat(node.depth + 1), node.prefix);
                        let _ = writeln!(
                            out,
                            "{label:<44} {:<10} {:>5.1}%  {}",
                            node.status,
                            node.utilisation,
                            node.description.as_deref().unwrap_or("")
                        );
                    }
                }
                all.extend(nodes);
            }
            if format == Format::Json {
                out = serde_json::to_string_pretty(&all).unwrap_or_default() + "\n";
            }
        }
        IpamCommand::Free {
            prefix,
            vrf,
            format,
            ..
        } => {
            let v = vrf_index(graph, vrf.as_deref())?;
            let blocks = ipam::free(graph, v, prefix, true);
            match format {
                Format::Json => {
                    out = serde_json::to_string_pretty(&blocks).unwrap_or_default() + "\n";
                }
                Format::Text => {
                    for block in &blocks {
                        let _ = writeln!(out, "{block}");
                    }
                }
            }
        }
        IpamCommand::Next {
            prefix,
            length,
            vrf,
            avoid,
            repo,
        } => {
            let v = vrf_index(graph, vrf.as_deref())?;
            let taken = avoided(&repo, &avoid, vrf.as_deref(), prefix)?;
            let found = match length {
                Some(length)
                    if length < prefix.prefix_len() || length > prefix.max_prefix_len() =>
                {
                    return Err(Failure::new(format!(
                        "a child of {prefix} has a length from {} to {}",
                        prefix.prefix_len(),
                        prefix.max_prefix_len()
                    )))
                }
                Some(length) => ipam::next_prefix_avoiding(graph, v, prefix, length, &taken)
                    .map(|n| n.to_string()),
                None => ipam::next_address_avoiding(graph, v, prefix, &taken)
                    .map(|a| format!("{a}/{}", prefix.prefix_len())),
            };
            match found {
                Some(found) => {
                    let _ = writeln!(out, "{found}");
                }
                None => {
                    return Err(Failure::new(format!(
                        "{prefix} ({}) is full",
                        graph.vrf_name(v)
                    )))
                }
            }
        }
        IpamCommand::NextVlan {
            group, avoid, repo, ..
        } => {
            let Some((ranges, mut used)) = ipam::vlan_ids(graph, &group) else {
                return Err(Failure {
                    message: format!("no VLAN group named `{group}`"),
                    help: crate::diag::suggestion_help(&crate::diag::did_you_mean(
                        &group,
                        graph.indexes.vlan_groups.keys(),
                    )),
                });
            };
            used.extend(avoided_vlan_ids(&repo, &avoid, &group)?);
            match ipam::next_vlan_id(&ranges, &used) {
                Some(vid) => {
                    let _ = writeln!(out, "{vid}");
                }
                None => return Err(Failure::new(format!("VLAN group `{group}` is full"))),
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(Outcome::Clean)
}
