//! Family 6, placement: the relations of a device or virtual machine that must agree with
//! each other, from NetBox's `Device.clean` (`dcim/models/devices.py`) and
//! `VirtualMachine.clean` (`virtualization/models/virtualmachines.py`): the rack in the
//! device's location, a face only with a rack, child devices off the rack, the platform's
//! manufacturer, the cluster's site, and a VM's site, cluster and host; and a circuit
//! termination's site (`CircuitTermination.clean`). One pass over devices, one over VMs and
//! one over circuits, each a few index lookups.

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::{DeviceId, Graph};
use crate::model::Text;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    devices(graph, out);
    virtual_machines(graph, out);
    circuit_terminations(graph, out);
}

fn devices(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for (d, (node, object)) in graph.devices.iter().zip(&graph.model.devices).enumerate() {
        let data = &object.data;
        let name = &data.label();
        if let (Some(rack), Some(reference)) = (node.rack, &data.rack) {
            let rack_node = &graph.racks[rack.index()];
            let rack_data = &graph.model.racks[rack.index()].data;
            // A rack in another site is NS0304 already; a rack location that did not
            // resolve was reported too.
            let comparable = rack_node.site == node.site
                && (rack_data.location.is_none() || rack_node.location.is_some())
                && (data.location.is_none() || node.location.is_some());
            if comparable && data.location.is_some() && rack_node.location != node.location {
                let rack_location = rack_data
                    .location
                    .as_ref()
                    .map_or("no location".to_string(), |l| {
                        format!("location `{}`", l.value)
                    });
                let mut diagnostic = Diagnostic::new(
                    &codes::RACK_OUTSIDE_LOCATION,
                    format!(
                        "rack `{}` of `{name}` is in {rack_location}, not in the device's location `{}`",
                        reference.value,
                        data.location.as_ref().map_or("", |l| l.value.as_str())
                    ),
                )
                .at(object.at(reference))
                .with_help("set the device's `location` to the rack's, or choose a rack in that location");
                if let Some(location) = &data.location {
                    diagnostic =
                        diagnostic.with_secondary(object.at(location), "the device's location");
                }
                out.push(diagnostic);
            }
            if graph.is_child_device(DeviceId::from_index(d)) {
                for at in [
                    data.face.as_ref().map(|f| object.at(f)),
                    data.position.as_ref().map(|p| object.at(p)),
                ]
                .into_iter()
                .flatten()
                {
                    out.push(
                        Diagnostic::new(
                            &codes::CHILD_DEVICE_RACKED,
                            format!(
                                "`{name}` is of a child device type and takes no rack face or position"
                            ),
                        )
                        .at(at)
                        .with_help("remove `face` and `position`: a child device sits in its parent's device bay"),
                    );
                }
            }
        }
        if let (None, Some(face)) = (&data.rack, &data.face) {
            out.push(
                Diagnostic::new(
                    &codes::FACE_WITHOUT_RACK,
                    format!("`{name}` has a rack face but no rack"),
                )
                .at(object.at(face))
                .with_help("add the `rack`, or remove `face`"),
            );
        }
        if let (Some(platform), Some(device_type), Some(reference)) =
            (node.platform, node.device_type, &data.platform)
        {
            let type_data = &graph.model.device_types[device_type.index()].data;
            if let Some(limited) = &graph.model.platforms[platform.index()].data.manufacturer {
                if !same_manufacturer(graph, limited, &type_data.manufacturer) {
                    out.push(
                        Diagnostic::new(
                            &codes::PLATFORM_MANUFACTURER_MISMATCH,
                            format!(
                                "platform `{}` is limited to `{}` devices, but the type of `{name}` is made by `{}`",
                                reference.value, limited.value, type_data.manufacturer.value
                            ),
                        )
                        .at(object.at(reference))
                        .with_help("choose a platform of the device type's manufacturer, or one with no `manufacturer`"),
                    );
                }
            }
        }
        if let (Some(cluster), Some(site), Some(reference)) =
            (node.cluster, node.site, &data.cluster)
        {
            if let Some(cluster_site) = graph.clusters[cluster.index()].site {
                if cluster_site != site {
                    out.push(cluster_outside_site(
                        graph,
                        reference,
                        object.at(reference),
                        cluster_site,
                        &data.site.value,
                        "device",
                    ));
                }
            }
            // `Device.clean` compares the cluster's cached `_location` too: a cluster
            // scoped to a location takes only that location's devices (not its children).
            let cluster_location = graph.scope_location(graph.clusters[cluster.index()].scope);
            if let Some(cluster_location) = cluster_location {
                if node.location != Some(cluster_location) {
                    let location_name = |l: crate::graph::LocationId| {
                        graph.model.locations[l.index()].data.name.value.as_str()
                    };
                    let own = node.location.map_or("no location".to_string(), |l| {
                        format!("location `{}`", location_name(l))
                    });
                    out.push(
                        Diagnostic::new(
                            &codes::CLUSTER_OUTSIDE_LOCATION,
                            format!(
                                "cluster `{}` is scoped to location `{}`, but device `{}` is in {own}",
                                reference.value,
                                location_name(cluster_location),
                                data.name.as_ref().map_or("", |n| n.value.as_str()),
                            ),
                        )
                        .at(object.at(reference))
                        .with_help(format!(
                            "give the device `location: {}`, or choose a cluster of its own location",
                            location_name(cluster_location)
                        )),
                    );
                }
            }
        }
    }
}

/// Whether two manufacturer references name one manufacturer: by the manufacturers
/// collection when both are in it (a name or a slug), else by their text.
fn same_manufacturer(graph: &Graph, a: &Text, b: &Text) -> bool {
    let index = &graph.indexes.manufacturers;
    match (index.get(&a.value), index.get(&b.value)) {
        (Some(a), Some(b)) => a == b,
        _ => a.value == b.value,
    }
}

fn cluster_outside_site(
    graph: &Graph,
    reference: &Text,
    at: Location,
    cluster_site: crate::graph::SiteId,
    site: &str,
    what: &str,
) -> Diagnostic {
    Diagnostic::new(
        &codes::CLUSTER_OUTSIDE_SITE,
        format!(
            "cluster `{}` is in site `{}`, not in the {what}'s site `{site}`",
            reference.value,
            graph.model.sites[cluster_site.index()].data.name.value
        ),
    )
    .at(at)
    .with_help(format!(
        "choose a cluster of site `{site}` (or one with no site), or move the {what}"
    ))
}

fn virtual_machines(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for (node, object) in graph
        .virtual_machines
        .iter()
        .zip(&graph.model.virtual_machines)
    {
        let data = &object.data;
        let name = &data.name.value;
        match (&data.site, &data.cluster) {
            (None, None) => out.push(
                Diagnostic::new(
                    &codes::VM_WITHOUT_SITE_OR_CLUSTER,
                    format!("virtual machine `{name}` has neither a site nor a cluster"),
                )
                .at(object.at(&data.name))
                .with_help("add the `cluster` it runs in, or its `site`"),
            ),
            (Some(site), Some(reference)) => {
                let cluster_site = node.cluster.and_then(|c| graph.clusters[c.index()].site);
                if let (Some(cluster_site), Some(own)) = (cluster_site, node.site) {
                    if cluster_site != own {
                        out.push(cluster_outside_site(
                            graph,
                            reference,
                            object.at(reference),
                            cluster_site,
                            &site.value,
                            "virtual machine",
                        ));
                    }
                }
            }
            _ => {}
        }
        let Some(host) = &data.device else {
            continue;
        };
        let Some(reference) = &data.cluster else {
            out.push(
                Diagnostic::new(
                    &codes::HOST_WITHOUT_CLUSTER,
                    format!("virtual machine `{name}` names a host device but no cluster"),
                )
                .at(object.at(host))
                .with_help(format!(
                    "add the `cluster` that `{}` belongs to",
                    host.value
                )),
            );
            continue;
        };
        let (Some(device), Some(cluster)) = (node.device, node.cluster) else {
            continue;
        };
        let host_node = &graph.devices[device.index()];
        let host_object = &graph.model.devices[device.index()];
        // A host whose own cluster did not resolve was reported already.
        if host_object.data.cluster.is_some() && host_node.cluster.is_none() {
            continue;
        }
        if host_node.cluster != Some(cluster) {
            let mut diagnostic = Diagnostic::new(
                &codes::HOST_OUTSIDE_CLUSTER,
                format!(
                    "host `{}` of virtual machine `{name}` is not in its cluster `{}`",
                    host.value, reference.value
                ),
            )
            .at(object.at(host))
            .with_help(format!(
                "set `cluster: {}` on device `{}`, or choose a host of that cluster",
                reference.value, host.value
            ));
            diagnostic = match &host_object.data.cluster {
                Some(theirs) => diagnostic.with_secondary(
                    host_object.at(theirs),
                    format!("`{}` is in cluster `{}`", host.value, theirs.value),
                ),
                None => diagnostic.with_secondary(
                    host_object
                        .data
                        .name
                        .as_ref()
                        .map_or(host_object.location(), |n| host_object.at(n)),
                    format!("`{}` is in no cluster", host.value),
                ),
            };
            out.push(diagnostic);
        }
    }
}

/// `CircuitTermination.clean` (`circuits/models/circuits.py`): a termination attaches to
/// one terminating object; netsot models sites and provider networks.
fn circuit_terminations(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for object in &graph.model.circuits {
        let data = &object.data;
        for (side, termination) in [("A", &data.termination_a), ("Z", &data.termination_z)] {
            let Some(termination) = termination else {
                continue;
            };
            let end = &termination.value;
            if let (Some(_), Some(network)) = (&end.site, &end.provider_network) {
                out.push(
                    Diagnostic::new(
                        &codes::CIRCUIT_TERMINATION_AT_TWO_PLACES,
                        format!(
                            "termination {side} of circuit `{}` is at a site and at provider network `{}`",
                            data.cid.value, network.value
                        ),
                    )
                    .at(object.at(network))
                    .with_help("keep `site` where the circuit is handed over to you, or `provider_network` for the provider's side, not both"),
                );
            }
            if end.site.is_none() && end.provider_network.is_none() {
                out.push(
                    Diagnostic::new(
                        &codes::CIRCUIT_TERMINATION_WITHOUT_SITE,
                        format!(
                            "termination {side} of circuit `{}` is attached to nothing",
                            data.cid.value
                        ),
                    )
                    .at(object.at(termination))
                    .with_help("add the `site` where the circuit terminates, or the `provider_network` it ends in"),
                );
            }
        }
    }
}
