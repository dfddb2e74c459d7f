//! Virtual device contexts (NetBox 4.4's `dcim.VirtualDeviceContext`): pushed after their
//! device and before its interfaces, which join them (`vdcs`, in `dcim.rs`); their primary
//! addresses are set once the addresses exist (`VdcPrimaryIps`, updated only, as a
//! device's). Key: `DEVICE:NAME` (NetBox keeps a context's name unique per device).

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, string, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    if graph.vdcs.is_empty() {
        return;
    }
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    for node in &graph.vdcs {
        let object = &model.devices[node.device.index()];
        let v = &graph.vdc(node).value;
        let device = super::dcim::device_key(graph, node.device);
        let site = super::dcim::site_name(graph, graph.devices[node.device.index()].site);
        let key = vdc_key(&device, &v.name.value);
        let mut d = Desired::new(
            Kind::VirtualDeviceContexts,
            key.clone(),
            site.clone(),
            object.at(&v.name),
        );
        d.reference("device", Kind::Devices, Some(device), None)
            .value("name", v.name.value.as_str())
            .value_at("status", v.status.value.as_str(), object.at(&v.status))
            .value("identifier", v.identifier.as_ref().map(|i| i.value))
            .reference(
                "tenant",
                Kind::Tenants,
                node.tenant
                    .map(|t| model.tenants[t.index()].data.name.value.clone()),
                at(object, v.tenant.as_ref()),
            )
            .text("description", v.description.as_deref())
            .text("comments", v.comments.as_deref())
            .tags(&v.tags)
            .custom_fields(&defs, "dcim.virtualdevicecontext", &v.custom_fields);
        out.push(d);
        let mut primary = Desired::new(Kind::VdcPrimaryIps, key, site, object.at(&v.name));
        primary
            .address(
                graph,
                "primary_ip4",
                node.primary_ip4,
                at(object, v.primary_ip4.as_ref()),
            )
            .address(
                graph,
                "primary_ip6",
                node.primary_ip6,
                at(object, v.primary_ip6.as_ref()),
            );
        out.push(primary);
    }
}

/// The keys of the contexts an interface joins, for its `vdcs`.
pub fn interface_vdcs(graph: &Graph, interface: crate::graph::InterfaceId) -> Vec<String> {
    graph
        .interface_vdcs(interface)
        .map(|v| {
            let node = &graph.vdcs[v as usize];
            vdc_key(
                &super::dcim::device_key(graph, node.device),
                &graph.vdc(node).value.name.value,
            )
        })
        .collect()
}

fn vdc_key(device: &str, name: &str) -> String {
    format!("{device}:{name}")
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    match kind {
        Kind::VirtualDeviceContexts | Kind::VdcPrimaryIps => {
            let device = state.ref_object(Kind::Devices, json.get("device"));
            Some((
                device
                    .and_then(|d| d.key.as_deref())
                    .zip(string(json, "name"))
                    .map(|(d, n)| vdc_key(d, n)),
                device.and_then(|d| d.site.clone()),
            ))
        }
        _ => None,
    }
}
