//! Wireless links in the graph: each link's two interfaces, and the peer NetBox's path
//! gives a linked interface (`Interface.link_peers`: the other end of its wireless link).

use super::{Graph, InterfaceId, WirelessLinkId};

/// A wireless LAN with its VLAN and scope resolved.
#[derive(Debug, Default, Clone)]
pub struct WirelessLanNode {
    pub vlan: Option<super::VlanId>,
    pub scope: Option<super::ScopeId>,
}

/// A wireless link with its interfaces resolved.
#[derive(Debug, Default, Clone)]
pub struct WirelessLinkNode {
    pub a: Option<InterfaceId>,
    pub b: Option<InterfaceId>,
}

impl Graph {
    /// The interface at the other end of `interface`'s wireless link, with the link.
    pub fn wireless_peer(&self, interface: InterfaceId) -> Option<(WirelessLinkId, InterfaceId)> {
        self.wireless_peers.get(&interface).copied()
    }
}
