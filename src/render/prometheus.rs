//! The `prometheus` renderer: file_sd target groups.
//!
//! `nodes.json` holds one target group per host of the statuses asked for (active by
//! default) with the address asked for (the primary one by default): its targets are the
//! ports of its `scrape_services` (its exporters declared as services), else its role's
//! `role_ports`, else, when no `scrape_services` are given, the output's `port` (9100). `blackbox.json` holds one group per TCP
//! service port, to probe through the blackbox exporter, and `snmp.json` (with `snmp:`)
//! one per network device for the SNMP exporter. Labels are those a monitoring team
//! filters on: the host's name, kind, site, region, location, rack, tenant, role,
//! platform, device type, manufacturer, status, the VRF of the address, and tags (as
//! `,a,b,`, Prometheus's convention for lists in one label, matched exactly by
//! `tags=~".*,critical,.*"`). A tag holding `,` would forge such a match: refused (NS0806).

use std::collections::{BTreeSet, HashMap};

use serde_json::{json, Map, Value};

use super::{join, socket, Context, Host, Rendered, RenderedFile};
use crate::diag::{codes, Diagnostic};
use crate::graph::{Graph, IpId, Owner};
use crate::model::config::Output;

/// The default port scraped: the node exporter's.
pub const DEFAULT_PORT: u16 = 9100;

pub fn render(cx: &Context, output: &Output, base: &str, out: &mut Rendered) {
    let graph = &cx.compilation.graph;
    let statuses: Vec<&str> = match &output.statuses {
        Some(statuses) => statuses.iter().map(|s| s.value.as_str()).collect(),
        None => vec!["active"],
    };
    let choice = output.address.as_ref().map(|a| a.value);
    // The hosts rendered, in every file, with the address each is reached at.
    let hosts: Vec<(&Host, Option<IpId>)> = cx
        .hosts()
        .iter()
        .filter(|h| statuses.contains(&h.status))
        .map(|h| (h, super::address_of(graph, choice, h.owner)))
        .collect();
    check_tags(graph, hosts.iter().map(|(h, _)| *h), out);
    check_roles(cx, output, out);
    let ip = |id: IpId| graph.ip_addresses[id.index()].address.addr();

    // Each host's services, by owner, for `scrape_services` and the blackbox probes.
    let mut services_of: HashMap<Owner, Vec<crate::graph::ServiceId>> = HashMap::new();
    for &s in cx.services() {
        if let Some(owner) = graph.services[s.index()].owner {
            services_of.entry(owner).or_default().push(s);
        }
    }
    let scraped: BTreeSet<&str> = output
        .scrape_services
        .iter()
        .map(|s| s.value.as_str())
        .collect();

    let mut nodes = Vec::new();
    let mut probes = Vec::new();
    let mut snmp = Vec::new();
    for &(host, address) in &hosts {
        let services = services_of.get(&host.owner).map_or(&[][..], Vec::as_slice);
        let labels = labels(graph, host, address);
        // Scrape targets: the host's exporters declared as services, else its role's
        // ports, else the output's port.
        let exporters: Vec<String> = services
            .iter()
            .filter(|&&s| {
                scraped.contains(graph.model.services[s.index()].data.name.value.as_str())
            })
            .flat_map(|&s| {
                let data = &graph.model.services[s.index()].data;
                service_addresses(graph, s, address)
                    .into_iter()
                    .flat_map(move |a| data.ports.iter().map(move |p| socket(ip(a), p.value)))
            })
            .collect();
        let targets = if !exporters.is_empty() {
            exporters
        } else if let Some(a) = address {
            // With `scrape_services`, a host without such a service runs no exporter.
            let default = if scraped.is_empty() {
                vec![output.port.unwrap_or(DEFAULT_PORT)]
            } else {
                Vec::new()
            };
            let ports: Vec<u16> = output
                .role_ports
                .iter()
                .find(|r| Some(r.value.role.value.as_str()) == host.role)
                .map_or(default, |r| r.value.ports.clone());
            ports.into_iter().map(|p| socket(ip(a), p)).collect()
        } else {
            Vec::new()
        };
        if !targets.is_empty() {
            nodes.push(json!({"targets": targets, "labels": labels}));
        }

        for &s in services {
            let data = &graph.model.services[s.index()].data;
            // The blackbox exporter has no generic UDP or SCTP prober.
            if !data.protocol.value.is("tcp") {
                continue;
            }
            let addresses = service_addresses(graph, s, address);
            for port in &data.ports {
                let targets: Vec<String> = addresses
                    .iter()
                    .map(|&a| socket(ip(a), port.value))
                    .collect();
                if targets.is_empty() {
                    continue;
                }
                let mut labels = labels.clone();
                labels.insert("service".into(), json!(data.name.value));
                labels.insert("module".into(), json!("tcp_connect"));
                probes.push(json!({"targets": targets, "labels": labels}));
            }
        }

        if let (Some(settings), Some(a), Owner::Device(_)) = (&output.snmp, address, host.owner) {
            let settings = &settings.value;
            let polled = settings.roles.is_empty()
                || settings
                    .roles
                    .iter()
                    .any(|r| Some(r.value.as_str()) == host.role);
            if polled {
                let mut labels = labels.clone();
                labels.insert("__param_module".into(), json!(settings.module.value));
                if let Some(auth) = &settings.auth {
                    labels.insert("__param_auth".into(), json!(auth.value));
                }
                snmp.push(json!({"targets": [ip(a).to_string()], "labels": labels}));
            }
        }
    }

    let mut files = vec![("nodes.json", nodes), ("blackbox.json", probes)];
    if output.snmp.is_some() {
        files.push(("snmp.json", snmp));
    }
    for (name, groups) in files {
        let mut bytes = serde_json::to_vec_pretty(&Value::Array(groups)).unwrap_or_default();
        bytes.push(b'\n');
        out.files.push(RenderedFile {
            path: join(base, name),
            bytes,
        });
    }
}

/// The addresses a service answers on: its own `ipaddresses`, else the host's address.
fn service_addresses(
    graph: &Graph,
    service: crate::graph::ServiceId,
    host_address: Option<IpId>,
) -> Vec<IpId> {
    let own = &graph.services[service.index()].ip_addresses;
    if own.is_empty() {
        host_address.into_iter().collect()
    } else {
        own.clone()
    }
}

/// Refuses tags holding `,` on rendered hosts (NS0806).
fn check_tags<'h, 'g: 'h>(
    graph: &Graph,
    hosts: impl Iterator<Item = &'h Host<'g>>,
    out: &mut Rendered,
) {
    let mut separators: BTreeSet<&str> = BTreeSet::new();
    for host in hosts {
        separators.extend(host.tags.iter().filter(|t| t.contains(',')));
    }
    for tag in separators {
        let Some(t) = graph.indexes.tags.get(tag) else {
            continue;
        };
        let object = &graph.model.tags[t.index()];
        out.diagnostics.push(
            Diagnostic::new(
                &codes::UNSAFE_OUTPUT_NAME,
                format!("the tag `{tag}` holds `,`, the separator of the Prometheus label `tags`"),
            )
            .at(object.at(&object.data.name))
            .with_help("`tags=~\".*,critical,.*\"` would match it as if the host had the tags it names; rename the tag"),
        );
    }
}

/// Reports roles of `role_ports` and `snmp.roles` that do not exist (NS0111): a typo would
/// silently scrape the wrong ports or poll nothing.
fn check_roles(cx: &Context, output: &Output, out: &mut Rendered) {
    let graph = &cx.compilation.graph;
    let roles = output
        .role_ports
        .iter()
        .map(|r| &r.value.role)
        .chain(output.snmp.iter().flat_map(|s| s.value.roles.iter()));
    for role in roles {
        if graph
            .indexes
            .device_roles
            .get(role.value.as_str())
            .is_none()
        {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!("`{}` is not a device role", role.value),
                )
                .at(cx.at(role))
                .with_help("name a role of `device_roles`"),
            );
        }
    }
}

fn labels(graph: &Graph, host: &Host, address: Option<IpId>) -> Map<String, Value> {
    let m = &graph.model;
    let mut labels = Map::new();
    labels.insert("name".into(), json!(host.name));
    labels.insert(
        "kind".into(),
        json!(match host.owner {
            Owner::Device(_) => "device",
            Owner::VirtualMachine(_) => "virtual_machine",
        }),
    );
    labels.insert("status".into(), json!(host.status));
    for (key, value) in host.labels() {
        labels.insert(key.into(), json!(value));
    }
    if let Owner::Device(d) = host.owner {
        let device = &graph.devices[d.index()];
        if let Some(l) = device.location {
            labels.insert(
                "location".into(),
                json!(m.locations[l.index()].data.name.value),
            );
        }
        if let Some(r) = device.rack {
            labels.insert("rack".into(), json!(m.racks[r.index()].data.name.value));
        }
        if let Some(t) = device.device_type {
            let t = &m.device_types[t.index()].data;
            labels.insert("device_type".into(), json!(t.model.value));
            labels.insert("manufacturer".into(), json!(t.manufacturer.value));
        }
    }
    if let Some(vrf) = address.and_then(|a| graph.ip_addresses[a.index()].vrf) {
        labels.insert("vrf".into(), json!(m.vrfs[vrf.index()].data.name.value));
    }
    if !host.tags.is_empty() {
        labels.insert("tags".into(), json!(format!(",{},", host.tags.join(","))));
    }
    labels
}
