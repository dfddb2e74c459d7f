//! A site's topology from its cables: who is cabled to whom, following each path through
//! patch panels and circuits to the device at its far end.
//!
//! The layout is layered by role, as network diagrams are drawn: roles whose name says
//! core, spine, border, edge, router, firewall or WAN on top; leaf, aggregation,
//! distribution, access, ToR, switch or management in the middle; everything else
//! (servers, storage, PDUs) below; devices of other sites reached through a circuit or a
//! cable in a row above all. Within a row devices are ordered by the mean position of
//! their neighbours in the rows above (the barycenter heuristic), which keeps most lines
//! from crossing. The same graph is written as Graphviz `.dot` and D2 for restyling.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::elevation::role_colour;
use super::html::{esc, Page};
use super::{root_of, Site};
use crate::graph::trace::trace;
use crate::graph::{CableTarget, DeviceId, Graph, Owner, SiteId};

const NODE_W: f64 = 130.0;
const NODE_H: f64 = 28.0;
const GAP_X: f64 = 18.0;
const GAP_Y: f64 = 80.0;
const MARGIN: f64 = 20.0;

/// One link between two devices: each end's device and interface, `a` before `b`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Link {
    a: DeviceId,
    a_port: String,
    b: DeviceId,
    b_port: String,
}

/// The devices and links of a site's drawing, rows top to bottom.
struct Topology {
    rows: Vec<Vec<DeviceId>>,
    links: Vec<Link>,
    external: BTreeSet<DeviceId>,
    /// Devices of the site with no cabled neighbour, not drawn.
    alone: usize,
}

/// The row of a role, by the words of its name and slug.
fn rank(graph: &Graph, device: DeviceId) -> usize {
    const TOP: &[&str] = &[
        "core", "spine", "border", "edge", "router", "firewall", "wan",
    ];
    const MIDDLE: &[&str] = &[
        "leaf",
        "aggregation",
        "distribution",
        "access",
        "tor",
        "switch",
        "management",
        "oob",
    ];
    let Some(role) = graph.devices[device.index()].role else {
        return 3;
    };
    let data = &graph.model.device_roles[role.index()].data;
    let words = format!(
        "{} {}",
        data.name.value.to_ascii_lowercase(),
        data.slug
            .as_ref()
            .map_or(String::new(), |s| s.value.to_ascii_lowercase())
    );
    if TOP.iter().any(|w| words.contains(w)) {
        1
    } else if MIDDLE.iter().any(|w| words.contains(w)) {
        2
    } else {
        3
    }
}

fn build(site: &Site, id: SiteId) -> Topology {
    let graph = site.graph;
    let ends = site.cx.views.cable_ends();
    let devices = &site.paths.site_devices[id.index()];
    let mut links = BTreeSet::new();
    for &device in devices {
        for interface in graph.owner_interfaces(Owner::Device(device)) {
            if graph.interfaces[interface.index()].cable().is_none() {
                continue;
            }
            let Some(path) = trace(graph, ends, CableTarget::Interface(interface)) else {
                continue;
            };
            let Some(CableTarget::Interface(far)) = path.destination() else {
                continue;
            };
            let Owner::Device(other) = graph.interfaces[far.index()].owner else {
                continue;
            };
            if other == device {
                continue;
            }
            let near = (device, graph.interface_name(interface).to_string());
            let far = (other, graph.interface_name(*far).to_string());
            let (a, b) = if near <= far {
                (near, far)
            } else {
                (far, near)
            };
            links.insert(Link {
                a: a.0,
                a_port: a.1,
                b: b.0,
                b_port: b.1,
            });
        }
    }
    let links: Vec<Link> = links.into_iter().collect();
    let mut neighbours: BTreeMap<DeviceId, BTreeSet<DeviceId>> = BTreeMap::new();
    for link in &links {
        neighbours.entry(link.a).or_default().insert(link.b);
        neighbours.entry(link.b).or_default().insert(link.a);
    }
    let external: BTreeSet<DeviceId> = neighbours
        .keys()
        .copied()
        .filter(|d| graph.devices[d.index()].site != Some(id))
        .collect();
    let mut rows: Vec<Vec<DeviceId>> = vec![Vec::new(); 4];
    for &device in neighbours.keys() {
        let row = if external.contains(&device) {
            0
        } else {
            rank(graph, device)
        };
        rows[row].push(device);
    }
    let name = |d: &DeviceId| graph.device_name(*d);
    // Order each row by the mean position of its neighbours in the rows above.
    let mut position: BTreeMap<DeviceId, f64> = BTreeMap::new();
    for row in rows.iter_mut() {
        row.sort_by(|a, b| name(a).cmp(name(b)).then(a.cmp(b)));
        let keys: Vec<(f64, usize)> = row
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let placed: Vec<f64> = neighbours[d]
                    .iter()
                    .filter_map(|n| position.get(n).copied())
                    .collect();
                let key = if placed.is_empty() {
                    f64::MAX
                } else {
                    placed.iter().sum::<f64>() / placed.len() as f64
                };
                (key, i)
            })
            .collect();
        let mut order: Vec<usize> = (0..row.len()).collect();
        order.sort_by(|&x, &y| {
            keys[x]
                .0
                .total_cmp(&keys[y].0)
                .then(keys[x].1.cmp(&keys[y].1))
        });
        *row = order.into_iter().map(|i| row[i]).collect();
        for (i, d) in row.iter().enumerate() {
            position.insert(*d, i as f64);
        }
    }
    rows.retain(|r| !r.is_empty());
    let alone = devices
        .iter()
        .filter(|d| !neighbours.contains_key(d))
        .count();
    Topology {
        rows,
        links,
        external,
        alone,
    }
}

/// The drawing as SVG; device links are relative to `root`.
fn svg(site: &Site, topology: &Topology, root: &str) -> String {
    let graph = site.graph;
    let widest = topology.rows.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let width = (2.0 * MARGIN + widest * (NODE_W + GAP_X) - GAP_X).max(200.0);
    let height = (2.0 * MARGIN + topology.rows.len() as f64 * (NODE_H + GAP_Y) - GAP_Y).max(60.0);
    let mut at: BTreeMap<DeviceId, (f64, f64)> = BTreeMap::new();
    for (r, row) in topology.rows.iter().enumerate() {
        let row_width = row.len() as f64 * (NODE_W + GAP_X) - GAP_X;
        let left = (width - row_width) / 2.0;
        for (i, &d) in row.iter().enumerate() {
            at.insert(
                d,
                (
                    left + i as f64 * (NODE_W + GAP_X),
                    MARGIN + r as f64 * (NODE_H + GAP_Y),
                ),
            );
        }
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"topology\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"topology\"><style>text {{ font: 11px system-ui, sans-serif; }} .edge {{ stroke: #64748b; stroke-width: 1.2; }} .edge.external {{ stroke-dasharray: 4 3; }} .node rect {{ stroke: #1d2430; }}</style>"
    );
    for link in &topology.links {
        let (Some(&(ax, ay)), Some(&(bx, by))) = (at.get(&link.a), at.get(&link.b)) else {
            continue;
        };
        let external = topology.external.contains(&link.a) || topology.external.contains(&link.b);
        // Links within a row curve below it, so they do not run through its devices.
        let (x1, x2) = (ax + NODE_W / 2.0, bx + NODE_W / 2.0);
        let shape = if ay == by {
            let y = ay + NODE_H;
            format!(
                "M {x1} {y} Q {} {} {x2} {y}",
                (x1 + x2) / 2.0,
                y + GAP_Y * 0.6
            )
        } else {
            format!("M {x1} {} L {x2} {}", ay + NODE_H / 2.0, by + NODE_H / 2.0)
        };
        let _ = write!(
            out,
            "<path class=\"edge{}\" fill=\"none\" d=\"{shape}\"><title>{}</title></path>",
            if external { " external" } else { "" },
            esc(&format!(
                "{}:{} — {}:{}",
                graph.device_name(link.a),
                link.a_port,
                graph.device_name(link.b),
                link.b_port
            ))
        );
    }
    for (&d, &(x, y)) in &at {
        let name = graph.device_name(d);
        let _ = write!(
            out,
            "<a class=\"node\" href=\"{}\" data-device=\"{}\"><rect x=\"{x}\" y=\"{y}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"4\" fill=\"#{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></a>",
            esc(&format!("{root}{}", site.paths.devices[d.index()])),
            esc(name),
            role_colour(graph, d),
            x + NODE_W / 2.0,
            y + NODE_H / 2.0 + 4.0,
            esc(name)
        );
    }
    out.push_str("</svg>");
    out
}

/// A name quoted for Graphviz and D2 (both take `"` escaped with a backslash).
fn quoted(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for c in name.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Each drawn device once, row by row, as (quoted name, role colour, quoted page link):
/// what the DOT and D2 writers both declare before their edges.
fn nodes(site: &Site, topology: &Topology) -> Vec<(String, String, String)> {
    let graph = site.graph;
    topology
        .rows
        .iter()
        .flatten()
        .map(|&d| {
            (
                quoted(graph.device_name(d)),
                role_colour(graph, d),
                quoted(&format!("../../{}", site.paths.devices[d.index()])),
            )
        })
        .collect()
}

/// Each link as (quoted a-side device, quoted b-side device, a-side port, b-side port).
fn edges<'a>(site: &Site, topology: &'a Topology) -> Vec<(String, String, &'a str, &'a str)> {
    let graph = site.graph;
    topology
        .links
        .iter()
        .map(|link| {
            (
                quoted(graph.device_name(link.a)),
                quoted(graph.device_name(link.b)),
                link.a_port.as_str(),
                link.b_port.as_str(),
            )
        })
        .collect()
}

fn dot(site: &Site, topology: &Topology, title: &str) -> String {
    let graph = site.graph;
    let mut out = format!("graph {} {{\n  rankdir=TB;\n  node [shape=box, style=\"filled,rounded\", fontname=\"sans-serif\"];\n", quoted(title));
    for row in &topology.rows {
        out.push_str("  { rank=same;");
        for &d in row {
            let _ = write!(out, " {};", quoted(graph.device_name(d)));
        }
        out.push_str(" }\n");
    }
    for (name, colour, url) in nodes(site, topology) {
        let _ = writeln!(out, "  {name} [fillcolor=\"#{colour}\", URL={url}];");
    }
    for (a, b, a_port, b_port) in edges(site, topology) {
        let _ = writeln!(
            out,
            "  {a} -- {b} [taillabel={}, headlabel={}];",
            quoted(a_port),
            quoted(b_port)
        );
    }
    out.push_str("}\n");
    out
}

fn d2(site: &Site, topology: &Topology) -> String {
    let mut out = String::from("direction: down\n");
    for (name, colour, url) in nodes(site, topology) {
        let _ = writeln!(out, "{name}: {{ style.fill: \"#{colour}\"; link: {url} }}");
    }
    for (a, b, a_port, b_port) in edges(site, topology) {
        let _ = writeln!(
            out,
            "{a} -- {b}: {}",
            quoted(&format!("{a_port} – {b_port}"))
        );
    }
    out
}

/// The links of a site's drawing by device and interface names, to compare two revisions.
pub fn link_names(site: &Site, id: SiteId) -> BTreeSet<(String, String, String, String)> {
    let graph = site.graph;
    build(site, id)
        .links
        .into_iter()
        .map(|l| {
            (
                graph.device_name(l.a).to_string(),
                l.a_port,
                graph.device_name(l.b).to_string(),
                l.b_port,
            )
        })
        .collect()
}

/// A site's drawing as inline SVG, its device links prefixed with `root`.
pub fn drawing(site: &Site, id: SiteId, root: &str) -> String {
    svg(site, &build(site, id), root)
}

/// `sites/SITE/topology.html` with `topology.svg`, `.dot` and `.d2` beside it.
pub fn render(site: &Site, id: SiteId) -> Vec<(String, Vec<u8>)> {
    let folder = &site.paths.sites[id.index()];
    let page_path = format!("{folder}/topology.html");
    let root = root_of(&page_path);
    let topology = build(site, id);
    let name = &site.graph.model.sites[id.index()].data.name.value;
    let drawing = svg(site, &topology, &root);
    let mut body = format!(
        "<p>{} devices drawn, {} links{}. Also as <a href=\"topology.svg\">SVG</a>, <a href=\"topology.dot\">Graphviz</a> and <a href=\"topology.d2\">D2</a>.</p>\n",
        topology.rows.iter().map(Vec::len).sum::<usize>(),
        topology.links.len(),
        if topology.alone > 0 { format!("; {} devices without a cabled neighbour are not drawn", topology.alone) } else { String::new() }
    );
    body.push_str(&drawing);
    body.push('\n');
    let title = format!("Topology of {name}");
    let crumbs = [
        (format!("{root}index.html"), "Sites".to_string()),
        (format!("{root}{folder}.html"), name.clone()),
    ];
    let page = Page {
        site_title: &site.title,
        title: &title,
        root: &root,
        crumbs: &crumbs,
        body: &body,
    };
    let standalone = drawing.replacen(
        "<svg ",
        "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" ",
        1,
    );
    vec![
        (page_path, page.render()),
        (
            format!("{folder}/topology.svg"),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{standalone}\n").into_bytes(),
        ),
        (
            format!("{folder}/topology.dot"),
            dot(site, &topology, name).into_bytes(),
        ),
        (
            format!("{folder}/topology.d2"),
            d2(site, &topology).into_bytes(),
        ),
    ]
}
