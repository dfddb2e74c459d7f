//! The view of a device's virtual device contexts and of the contexts an interface joins.

use serde_json::{json, Value};

use super::{Kind, Views};
use crate::graph::{DeviceId, InterfaceId, Owner};

impl Views<'_> {
    /// A device's virtual device contexts, in the order written, with their primary
    /// addresses and the names of the interfaces that join each.
    pub(super) fn vdcs(&self, device: DeviceId) -> Value {
        let g = self.graph;
        let nodes = g.device_vdcs(device);
        if nodes.is_empty() {
            return Value::Array(Vec::new());
        }
        let first = g.vdcs.partition_point(|v| v.device < device);
        // The device's interfaces with the contexts each joins, read once.
        let joined: Vec<(InterfaceId, u32)> = g
            .owner_interfaces(Owner::Device(device))
            .flat_map(|i| g.interface_vdcs(i).map(move |v| (i, v)))
            .collect();
        Value::Array(
            nodes
                .iter()
                .enumerate()
                .map(|(offset, node)| {
                    let v = &g.vdc(node).value;
                    let index = (first + offset) as u32;
                    let interfaces: Vec<&str> = joined
                        .iter()
                        .filter(|(_, vdc)| *vdc == index)
                        .map(|(interface, _)| g.interface_name(*interface))
                        .collect();
                    json!({
                        "name": v.name.value,
                        "identifier": v.identifier.as_ref().map(|i| i.value),
                        "status": v.status.value.as_str(),
                        "tenant": self.name_of(Kind::Tenant, node.tenant),
                        "primary_ip4": self.ip_text(node.primary_ip4),
                        "primary_ip6": self.ip_text(node.primary_ip6),
                        "description": v.description,
                        "comments": v.comments,
                        "tags": v.tags.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
                        "interfaces": interfaces,
                    })
                })
                .collect(),
        )
    }

    /// The names of the contexts an interface joins.
    pub(super) fn interface_vdcs(&self, interface: InterfaceId) -> Vec<Value> {
        let g = self.graph;
        g.interface_vdcs(interface)
            .map(|v| json!(g.vdc(&g.vdcs[v as usize]).value.name.value))
            .collect()
    }
}
