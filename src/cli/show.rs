//! `netsot show KIND NAME`: one object with its resolved relations and merged config
//! context, as JSON.

use std::io::Write;

use clap::ValueEnum;

use super::{Failure, Outcome, RepoArgs};
use crate::diag::{did_you_mean, emit};
use crate::graph::index::SiteLookup;
use crate::graph::DeviceId;

use crate::view::Views;

#[derive(clap::Args)]
pub struct Args {
    /// What to show.
    #[arg(value_enum)]
    pub kind: Kind,
    /// The object's name; a device may be qualified with its site, `SITE/NAME`, a virtual
    /// machine with its cluster, `CLUSTER/NAME`.
    pub name: String,
    #[command(flatten)]
    pub repo: RepoArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Device,
    #[value(name = "virtual-machine", alias = "vm")]
    VirtualMachine,
}

pub fn run(args: Args, _color: bool) -> Result<Outcome, Failure> {
    let source = args.repo.open()?;
    let compilation = super::compile(&source)?;
    let graph = &compilation.graph;
    let views = Views::new(graph);
    let value = match args.kind {
        Kind::Device => {
            match graph
                .indexes
                .devices
                .lookup(None, &args.name, &graph.indexes.sites)
            {
                SiteLookup::Found(d) => views.device(d),
                SiteLookup::Ambiguous(candidates) => {
                    let qualified = |d: DeviceId| {
                        format!("{}/{}", graph.device(d).site.value, graph.device_name(d))
                    };
                    let names: Vec<String> = candidates.iter().map(|&d| qualified(d)).collect();
                    // Devices of one name in one site (NetBox allows one per tenant) cannot
                    // be told apart by a qualified name.
                    let one_site = names.iter().all(|n| *n == names[0]);
                    return Err(if one_site {
                        let tenants: Vec<&str> = candidates
                            .iter()
                            .map(|&d| {
                                graph
                                    .device(d)
                                    .tenant
                                    .as_ref()
                                    .map_or("no tenant", |t| t.value.as_str())
                            })
                            .collect();
                        Failure {
                            message: format!(
                                "`{}` names {} devices, for the tenants {}",
                                names[0],
                                names.len(),
                                tenants.join(", ")
                            ),
                            help: Some(
                                "`show device` cannot choose between them; `netsot export` lists both"
                                    .into(),
                            ),
                        }
                    } else {
                        Failure {
                            message: format!(
                                "device `{}` exists in several sites: {}",
                                args.name,
                                names.join(", ")
                            ),
                            help: Some(format!("qualify it with its site, e.g. `{}`", names[0])),
                        }
                    });
                }
                SiteLookup::Missing => {
                    return Err(missing("device", &args.name, graph.indexes.devices.names()))
                }
            }
        }
        Kind::VirtualMachine => {
            let index = &graph.indexes.virtual_machines;
            let cluster = |v: crate::graph::VirtualMachineId| {
                graph.model.virtual_machines[v.index()]
                    .data
                    .cluster
                    .as_ref()
            };
            let found = match index.holders(&args.name) {
                [one] => Some(*one),
                // `CLUSTER/NAME`, as references qualify a name several clusters hold.
                [] => args.name.rsplit_once('/').and_then(|(wanted, name)| {
                    let mut matching = index
                        .holders(name)
                        .iter()
                        .filter(|&&v| cluster(v).is_some_and(|c| c.value == wanted));
                    match (matching.next(), matching.next()) {
                        (Some(&v), None) => Some(v),
                        _ => None,
                    }
                }),
                many => {
                    let names: Vec<String> = many
                        .iter()
                        .map(|&v| match cluster(v) {
                            Some(c) => format!("{}/{}", c.value, args.name),
                            None => format!("{} (no cluster)", args.name),
                        })
                        .collect();
                    return Err(Failure {
                        message: format!(
                            "virtual machine `{}` exists in several clusters: {}",
                            args.name,
                            names.join(", ")
                        ),
                        help: Some(format!("qualify it with its cluster, e.g. `{}`", names[0])),
                    });
                }
            };
            match found {
                Some(v) => views.virtual_machine(v),
                None => return Err(missing("virtual machine", &args.name, index.keys())),
            }
        }
    };
    if compilation.has_errors() {
        eprintln!(
            "warning: {}: {}; the view may be incomplete (run `netsot check`)",
            source.describe(),
            emit::summary(&compilation.diagnostics, compilation.files.len())
        );
    }
    let mut bytes = serde_json::to_vec_pretty(&value)
        .map_err(|e| Failure::new(format!("cannot serialise: {e}")))?;
    bytes.push(b'\n');
    let _ = std::io::stdout().lock().write_all(&bytes);
    Ok(Outcome::Clean)
}

fn missing<'a>(kind: &str, name: &str, names: impl Iterator<Item = &'a str>) -> Failure {
    let suggestions = did_you_mean(name, names);
    Failure {
        message: format!("no {kind} named `{name}`"),
        help: crate::diag::suggestion_help(&suggestions),
    }
}
