//! `netsot trace DEVICE:PORT`: the cable path from a port to its far end, through patch
//! panels, circuits and power, as NetBox's cable trace shows it (`graph::trace`).

use std::fmt::Write as _;
use std::io::Write as _;

use clap::ValueEnum;

use super::{Failure, Outcome, RepoArgs};
use crate::graph::index::SiteLookup;
use crate::graph::trace::{trace, PathEnd};
use crate::graph::{CableTarget, CircuitSide, Graph, Owner};
use crate::model::dcim::TerminationType;
use crate::view::Views;

#[derive(clap::Args)]
pub struct Args {
    /// Where the trace starts: `DEVICE:PORT` (`SITE/DEVICE:PORT` when the device name is
    /// ambiguous), or `CID:A` / `CID:Z` with `--type circuit_termination`.
    pub origin: String,
    /// The kind of port; without it, the device's interface of that name, else its port of
    /// another kind.
    #[arg(long = "type", value_enum)]
    pub kind: Option<PortKind>,
    #[command(flatten)]
    pub repo: RepoArgs,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The kinds of cable ends a trace can start from, as `a_type`/`b_type` name them.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum PortKind {
    Interface,
    ConsolePort,
    ConsoleServerPort,
    PowerPort,
    PowerOutlet,
    FrontPort,
    RearPort,
    CircuitTermination,
}

impl PortKind {
    fn name(self) -> &'static str {
        match self {
            PortKind::Interface => "interface",
            PortKind::ConsolePort => "console_port",
            PortKind::ConsoleServerPort => "console_server_port",
            PortKind::PowerPort => "power_port",
            PortKind::PowerOutlet => "power_outlet",
            PortKind::FrontPort => "front_port",
            PortKind::RearPort => "rear_port",
            PortKind::CircuitTermination => "circuit_termination",
        }
    }
}

/// The kinds tried, in order, when `--type` is not given.
const SEARCHED: [PortKind; 7] = [
    PortKind::Interface,
    PortKind::ConsolePort,
    PortKind::ConsoleServerPort,
    PortKind::PowerPort,
    PortKind::PowerOutlet,
    PortKind::FrontPort,
    PortKind::RearPort,
];

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let source = args.repo.open()?;
    let compilation = super::compile(&source)?;
    if compilation.has_errors() {
        eprintln!(
            "warning: {}: {}; the path may be incomplete (run `netsot check`)",
            source.describe(),
            crate::diag::emit::summary(&compilation.diagnostics, compilation.files.len())
        );
    }
    let graph = &compilation.graph;
    let origin = origin(graph, &args.origin, args.kind)?;
    let views = Views::new(graph);
    let path = trace(graph, views.cable_ends(), origin.clone());
    let mut out = String::new();
    match (args.format, &path) {
        (Format::Json, Some(path)) => {
            out = serde_json::to_string_pretty(&views.path(path)).unwrap_or_default() + "\n";
        }
        (Format::Json, None) => {
            out = serde_json::to_string_pretty(&serde_json::json!({
                "path": [], "is_complete": false, "is_active": false, "is_split": false,
            }))
            .unwrap_or_default()
                + "\n";
        }
        (Format::Text, None) => {
            let _ = writeln!(out, "{}", end_text(graph, &origin));
            let _ = writeln!(out, "no cable");
        }
        (Format::Text, Some(path)) => {
            for (i, segment) in path.segments.iter().enumerate() {
                // A pass-through (front to rear port, circuit A to Z) starts a new segment
                // at a new object: show both.
                if i == 0
                    || path.segments[i - 1].far.as_ref()
                        != Some(&PathEnd::Termination(segment.near.clone()))
                {
                    let _ = writeln!(out, "{}", end_text(graph, &segment.near));
                }
                if let Some(cable) = segment.cable {
                    let _ = writeln!(out, "  │ {}", cable_text(graph, cable));
                }
                if let Some(link) = segment.wireless_link {
                    let data = &graph.model.wireless_links[link.index()].data;
                    let ssid = data.ssid.as_ref().map_or("", |s| s.value.as_str());
                    let _ = writeln!(out, "  ≈ wireless link {ssid}");
                }
                match &segment.far {
                    Some(PathEnd::Termination(end)) => {
                        let _ = writeln!(out, "{}", end_text(graph, end));
                    }
                    Some(PathEnd::Site(site)) => {
                        let _ = writeln!(
                            out,
                            "site {}",
                            graph.model.sites[site.index()].data.name.value
                        );
                    }
                    None => {}
                }
            }
            let flags = [
                if path.is_complete {
                    "complete"
                } else {
                    "incomplete"
                },
                if path.is_active { "active" } else { "inactive" },
            ];
            let _ = write!(out, "{}", flags.join(", "));
            if path.is_split {
                let _ = write!(out, ", split");
            }
            let _ = writeln!(out);
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(Outcome::Clean)
}

/// One end, as a line: `DEVICE:PORT (kind)` or `CID:SIDE (circuit termination, SITE)`.
fn end_text(graph: &Graph, end: &CableTarget) -> String {
    let kind = end.kind().replace('_', " ");
    match (end, end.site(graph)) {
        (CableTarget::CircuitTermination { .. }, Some(site)) => format!(
            "{} ({kind}, {})",
            end.label(graph),
            graph.model.sites[site.index()].data.name.value
        ),
        _ => format!("{} ({kind})", end.label(graph)),
    }
}

/// A cable, as a line: its label (or its place among the cables), type and status.
fn cable_text(graph: &Graph, cable: crate::graph::CableId) -> String {
    let data = &graph.model.cables[cable.index()].data;
    let mut text = match &data.label {
        Some(label) => format!("cable {label}"),
        None => format!("cable #{}", cable.index() + 1),
    };
    if let Some(kind) = &data.kind {
        let _ = write!(text, " ({})", kind.value.as_str());
    }
    let status = data
        .status
        .as_ref()
        .map_or("connected", |s| s.value.as_str());
    if status != "connected" {
        let _ = write!(text, " [{status}]");
    }
    text
}

/// The cable end `text` names.
fn origin(graph: &Graph, text: &str, kind: Option<PortKind>) -> Result<CableTarget, Failure> {
    if kind == Some(PortKind::CircuitTermination) {
        return circuit_termination(graph, text);
    }
    let Some((device_name, port)) = text.split_once(':') else {
        return Err(Failure {
            message: format!("`{text}` names no port"),
            help: Some("write `DEVICE:PORT`, e.g. `leaf1:Ethernet1`".into()),
        });
    };
    let device = match graph
        .indexes
        .devices
        .lookup(None, device_name, &graph.indexes.sites)
    {
        SiteLookup::Found(d) => d,
        SiteLookup::Ambiguous(_) => {
            return Err(Failure {
                message: format!("device `{device_name}` exists in several sites"),
                help: Some("qualify it with its site: `SITE/DEVICE:PORT`".into()),
            })
        }
        SiteLookup::Missing => {
            return Err(Failure {
                message: format!("no device named `{device_name}`"),
                help: crate::diag::suggestion_help(&crate::diag::did_you_mean(
                    device_name,
                    graph.indexes.devices.names(),
                )),
            })
        }
    };
    let kinds: &[PortKind] = match &kind {
        Some(kind) => std::slice::from_ref(kind),
        None => &SEARCHED,
    };
    for kind in kinds {
        if *kind == PortKind::Interface {
            if let Some(interface) = graph.find_interface(Owner::Device(device), port) {
                return Ok(CableTarget::Interface(interface));
            }
            continue;
        }
        let termination = TerminationType::named(kind.name());
        if graph.device_has_port(device, termination, port) {
            return Ok(CableTarget::Port {
                device,
                kind: termination,
                name: port.to_string(),
            });
        }
    }
    let what = kind.map_or("port".to_string(), |k| k.name().replace('_', " "));
    Err(Failure::new(format!(
        "device `{device_name}` has no {what} `{port}`"
    )))
}

fn circuit_termination(graph: &Graph, text: &str) -> Result<CableTarget, Failure> {
    let parsed = text.rsplit_once(':').and_then(|(cid, side)| match side {
        "A" | "a" => Some((cid, CircuitSide::A)),
        "Z" | "z" => Some((cid, CircuitSide::Z)),
        _ => None,
    });
    let Some((cid, side)) = parsed else {
        return Err(Failure {
            message: format!("`{text}` is not a circuit termination"),
            help: Some("write `CID:A` or `CID:Z`".into()),
        });
    };
    let Some(circuit) = graph.indexes.circuits.get(cid) else {
        return Err(Failure {
            message: format!("no circuit `{cid}`"),
            help: crate::diag::suggestion_help(&crate::diag::did_you_mean(
                cid,
                graph.indexes.circuits.keys(),
            )),
        });
    };
    if graph.circuit_termination(circuit, side).is_none() {
        return Err(Failure::new(format!(
            "circuit `{cid}` has no termination {}",
            side.as_str()
        )));
    }
    Ok(CableTarget::CircuitTermination { circuit, side })
}
