//! The two ends of a cable as the graph resolves them: an interface, another port, a
//! circuit termination or a power feed, with where each end is and how it is written.

use super::{CircuitId, DeviceId, Graph, InterfaceId, PowerFeedId, SiteId};
use crate::model::dcim::TerminationType;

/// What a cable end attaches to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CableTarget {
    Interface(InterfaceId),
    /// A port other than an interface: its device, kind and name.
    Port {
        device: DeviceId,
        kind: TerminationType,
        name: String,
    },
    /// A circuit's termination, written `CID:A` or `CID:Z`.
    CircuitTermination {
        circuit: CircuitId,
        side: CircuitSide,
    },
    /// A power feed, written `PANEL:FEED`.
    PowerFeed(PowerFeedId),
}

/// The side of a circuit a termination is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CircuitSide {
    A,
    Z,
}

impl CircuitSide {
    pub fn as_str(self) -> &'static str {
        match self {
            CircuitSide::A => "A",
            CircuitSide::Z => "Z",
        }
    }

    /// The termination across the circuit.
    pub fn other(self) -> CircuitSide {
        match self {
            CircuitSide::A => CircuitSide::Z,
            CircuitSide::Z => CircuitSide::A,
        }
    }
}

impl CableTarget {
    /// The site the end is at: its device's, or its circuit termination's.
    pub fn site(&self, graph: &Graph) -> Option<SiteId> {
        match self {
            CableTarget::Interface(i) => graph.owner_site(graph.interfaces[i.index()].owner),
            CableTarget::Port { device, .. } => graph.devices[device.index()].site,
            CableTarget::CircuitTermination { circuit, side } => {
                let site = graph.circuit_termination(*circuit, *side)?.site.as_ref()?;
                graph.indexes.sites.get(&site.value)
            }
            CableTarget::PowerFeed(feed) => {
                graph.power_panels[graph.power_feeds[feed.index()].panel?.index()].site
            }
        }
    }

    /// How the end is written in a cable: `DEVICE:PORT` or `CID:SIDE`.
    pub fn label(&self, graph: &Graph) -> String {
        match self {
            CableTarget::Interface(i) => graph.interface_label(*i),
            CableTarget::Port { device, name, .. } => {
                format!("{}:{name}", graph.device_name(*device))
            }
            CableTarget::CircuitTermination { circuit, side } => format!(
                "{}:{}",
                graph.model.circuits[circuit.index()].data.cid.value,
                side.as_str()
            ),
            CableTarget::PowerFeed(feed) => {
                let data = &graph.model.power_feeds[feed.index()].data;
                format!("{}:{}", data.power_panel.value, data.name.value)
            }
        }
    }

    /// The kind of end, as `a_type`/`b_type` name it.
    pub fn kind(&self) -> &'static str {
        match self {
            CableTarget::Interface(_) => "interface",
            CableTarget::Port { kind, .. } => kind.as_str(),
            CableTarget::CircuitTermination { .. } => "circuit_termination",
            CableTarget::PowerFeed(_) => "power_feed",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct CableNode {
    pub a: Option<CableTarget>,
    pub b: Option<CableTarget>,
}
