//! MAC addresses (NetBox 4.2's `dcim.MACAddress`): one object per address an interface
//! lists (its `mac_address`, the primary one, and its `mac_addresses`), assigned to the
//! interface; then each interface's `primary_mac_address`, set once the objects exist, as
//! NetBox refuses a primary MAC address not assigned to the interface.
//!
//! Key: `INTERFACE MAC`, the interface's key and the address in NetBox's form
//! (`AA:BB:CC:DD:EE:FF`): NetBox does not keep addresses unique, an interface holds each
//! once.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{string, Desired};
use crate::diag::Location;
use crate::graph::id::InterfaceId;
use crate::graph::{Graph, Owner};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    for (index, node) in graph.interfaces.iter().enumerate() {
        let interface = InterfaceId::from_index(index);
        let (kind, primary_kind, site) = match node.owner {
            Owner::Device(d) => (
                Kind::Interfaces,
                Kind::InterfacePrimaryMacs,
                graph.devices[d.index()].site,
            ),
            Owner::VirtualMachine(v) => (
                Kind::VmInterfaces,
                Kind::VmInterfacePrimaryMacs,
                graph.virtual_machines[v.index()].site,
            ),
        };
        let site = super::dcim::site_name(graph, site);
        let key = super::dcim::interface_key(graph, interface);
        let location = graph.interface_location(interface);
        let mut primary = None;
        if let Some(entry) = graph.interface_entry(interface) {
            for (mac, description, is_primary) in entry.all_mac_addresses() {
                let at = Location::new(location.file, mac.span);
                let address = canonical(&mac.value);
                let mac_key = format!("{key} {address}");
                let mut d = Desired::new(Kind::MacAddresses, mac_key.clone(), site.clone(), at);
                d.value_at("mac_address", address, at)
                    .text("description", description)
                    .generic(
                        "assigned_object",
                        ("assigned_object_type", "assigned_object_id"),
                        Some((kind, key.clone())),
                        Some(at),
                    );
                out.push(d);
                if is_primary {
                    primary = Some((mac_key, at));
                }
            }
        }
        let at = primary.as_ref().map(|(_, at)| *at);
        let mut d = Desired::new(primary_kind, key, site, location);
        d.reference(
            "primary_mac_address",
            Kind::MacAddresses,
            primary.map(|(key, _)| key),
            at,
        );
        out.push(d);
    }
}

/// A MAC address as NetBox writes it: six pairs of upper-case digits joined by `:`; text
/// that is not one (reported by `check`) as written.
pub fn canonical(text: &str) -> String {
    match crate::check::eui48::to_bytes(text) {
        Some(bytes) => bytes
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":"),
        None => text.to_string(),
    }
}

/// The key and site of a NetBox MAC address, and of the interfaces again for their primary
/// MAC address.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    match kind {
        Kind::MacAddresses => {
            let owner = state.generic_target(json, "assigned_object_type", "assigned_object_id");
            let address = string(json, "mac_address").map(canonical);
            Some((
                owner
                    .and_then(|o| o.key.as_deref())
                    .zip(address)
                    .map(|(o, a)| format!("{o} {a}")),
                owner.and_then(|o| o.site.clone()),
            ))
        }
        Kind::InterfacePrimaryMacs => super::dcim::remote_key(Kind::Interfaces, json, state),
        Kind::VmInterfacePrimaryMacs => {
            super::virtualization::remote_key(Kind::VmInterfaces, json, state)
        }
        _ => None,
    }
}
