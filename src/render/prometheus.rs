//! The `prometheus` renderer: file_sd target groups.
//!
//! `nodes.json` holds one target group per active device or virtual machine with a primary
//! address (`address:port`, the port from the output's `port`, 9100 when not given), and
//! `blackbox.json` one per service port, to probe through the blackbox exporter. Labels
//! come from the host's name, site, region, role, platform, tenant and tags (as
//! `,a,b,`, Prometheus's convention for lists in one label, matched exactly by
//! `tags=~".*,critical,.*"`). A tag holding `,` would forge such a match: refused (NS0806).

use serde_json::{json, Map, Value};

use super::{join, socket, Context, Host, Rendered, RenderedFile};
use crate::diag::{codes, Diagnostic};
use crate::graph::Owner;
use crate::model::config::Output;

/// The default port scraped: the node exporter's.
pub const DEFAULT_PORT: u16 = 9100;

pub fn render(cx: &Context, output: &Output, base: &str, out: &mut Rendered) {
    let graph = &cx.compilation.graph;
    let hosts = cx.hosts();
    let port = output.port.unwrap_or(DEFAULT_PORT);

    // Only active hosts are rendered, in both files.
    let mut separators: std::collections::BTreeSet<&str> = Default::default();
    for host in hosts.iter().filter(|h| h.is_active()) {
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

    let mut nodes = Vec::new();
    for host in hosts.iter().filter(|h| h.is_active()) {
        let Some(address) = host.address() else {
            continue;
        };
        nodes.push(json!({
            "targets": [socket(address, port)],
            "labels": labels(host),
        }));
    }

    let mut index = std::collections::HashMap::new();
    for (i, host) in hosts.iter().enumerate() {
        index.insert(host.owner, i);
    }
    let mut probes = Vec::new();
    for &s in cx.services() {
        let service = &graph.services[s.index()];
        let data = &graph.model.services[s.index()].data;
        let Some(host) = service
            .owner
            .and_then(|o| index.get(&o))
            .map(|&i| &hosts[i])
        else {
            continue;
        };
        if !host.is_active() {
            continue;
        }
        let addresses: Vec<std::net::IpAddr> = if service.ip_addresses.is_empty() {
            host.address().into_iter().collect()
        } else {
            service
                .ip_addresses
                .iter()
                .map(|&ip| graph.ip_addresses[ip.index()].address.addr())
                .collect()
        };
        let module = match data.protocol.value.as_str() {
            "tcp" => "tcp_connect",
            // The blackbox exporter has no generic UDP or SCTP prober.
            _ => continue,
        };
        for port in &data.ports {
            let targets: Vec<String> = addresses.iter().map(|&a| socket(a, port.value)).collect();
            if targets.is_empty() {
                continue;
            }
            let mut labels = labels(host);
            labels.insert("service".into(), json!(data.name.value));
            labels.insert("module".into(), json!(module));
            probes.push(json!({"targets": targets, "labels": labels}));
        }
    }

    for (name, groups) in [("nodes.json", nodes), ("blackbox.json", probes)] {
        let mut bytes = serde_json::to_vec_pretty(&Value::Array(groups)).unwrap_or_default();
        bytes.push(b'\n');
        out.files.push(RenderedFile {
            path: join(base, name),
            bytes,
        });
    }
}

fn labels(host: &Host) -> Map<String, Value> {
    let mut labels = Map::new();
    labels.insert("name".into(), json!(host.name));
    labels.insert(
        "kind".into(),
        json!(match host.owner {
            Owner::Device(_) => "device",
            Owner::VirtualMachine(_) => "virtual_machine",
        }),
    );
    for (key, value) in host.labels() {
        labels.insert(key.into(), json!(value));
    }
    if !host.tags.is_empty() {
        labels.insert("tags".into(), json!(format!(",{},", host.tags.join(","))));
    }
    labels
}
