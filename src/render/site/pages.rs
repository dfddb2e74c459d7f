//! The index, site and device pages.

use std::fmt::Write;

use super::elevation::{self, Face};
use super::html::{esc, file_part, Page};
use super::{root_of, Site};
use crate::graph::trace::{trace, PathEnd};
use crate::graph::{CableTarget, DeviceId, Graph, InterfaceId, Owner, RackId, RegionId, SiteId};

/// Per site: racks, devices, VLANs and prefixes, counted once for the index.
fn counts(graph: &Graph) -> Vec<[usize; 4]> {
    let mut counts = vec![[0usize; 4]; graph.sites.len()];
    for rack in &graph.racks {
        if let Some(site) = rack.site {
            counts[site.index()][0] += 1;
        }
    }
    for device in &graph.devices {
        if let Some(site) = device.site {
            counts[site.index()][1] += 1;
        }
    }
    for vlan in &graph.vlans {
        if let Some(site) = vlan.site {
            counts[site.index()][2] += 1;
        }
    }
    for prefix in &graph.prefixes {
        if let Some(site) = prefix.site {
            counts[site.index()][3] += 1;
        }
    }
    counts
}

/// `index.html`: regions as a tree, each with its sites and their counts.
pub fn index(site: &Site) -> Vec<u8> {
    let graph = site.graph;
    let model = &graph.model;
    let counts = counts(graph);
    let mut by_region: Vec<Vec<SiteId>> = vec![Vec::new(); model.regions.len() + 1];
    for (i, node) in graph.sites.iter().enumerate() {
        let slot = node.region.map_or(model.regions.len(), |r| r.index());
        by_region[slot].push(SiteId::from_index(i));
    }
    for list in &mut by_region {
        list.sort_by(|a, b| {
            model.sites[a.index()]
                .data
                .name
                .value
                .cmp(&model.sites[b.index()].data.name.value)
        });
    }
    let mut children: Vec<Vec<RegionId>> = vec![Vec::new(); model.regions.len()];
    let mut roots = Vec::new();
    for (i, parent) in graph.region_parents.iter().enumerate() {
        match parent {
            Some(p) => children[p.index()].push(RegionId::from_index(i)),
            None => roots.push(RegionId::from_index(i)),
        }
    }
    let name = |r: &RegionId| model.regions[r.index()].data.name.value.as_str();
    roots.sort_by(|a, b| name(a).cmp(name(b)));
    for list in &mut children {
        list.sort_by(|a, b| name(a).cmp(name(b)));
    }
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<p>{} sites, {} racks, {} devices, {} prefixes, {} VLANs. <a href=\"prefixes/index.html\">Prefix trees</a>.</p>",
        graph.sites.len(),
        graph.racks.len(),
        graph.devices.len(),
        graph.prefixes.len(),
        graph.vlans.len()
    );
    body.push_str("<table class=\"sites\"><thead><tr><th>Region / site</th><th>Racks</th><th>Devices</th><th>VLANs</th><th>Prefixes</th></tr></thead><tbody>\n");
    // Regions depth first, with a visited list so a cycle (refused by check) cannot loop.
    let mut stack: Vec<(RegionId, usize)> = roots.iter().rev().map(|&r| (r, 0)).collect();
    let mut seen = vec![false; model.regions.len()];
    while let Some((region, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[region.index()], true) {
            continue;
        }
        let _ = writeln!(
            body,
            "<tr class=\"region\"><th colspan=\"5\" style=\"padding-left: {}em\">{}</th></tr>",
            0.7 + depth as f64 * 1.2,
            esc(name(&region))
        );
        for &s in &by_region[region.index()] {
            site_row(site, &mut body, s, depth + 1, &counts);
        }
        for &child in children[region.index()].iter().rev() {
            stack.push((child, depth + 1));
        }
    }
    if !by_region[model.regions.len()].is_empty() {
        body.push_str("<tr class=\"region\"><th colspan=\"5\">No region</th></tr>\n");
        for &s in &by_region[model.regions.len()] {
            site_row(site, &mut body, s, 1, &counts);
        }
    }
    body.push_str("</tbody></table>\n");
    Page {
        site_title: &site.title,
        title: "Sites",
        root: "",
        crumbs: &[],
        body: &body,
    }
    .render()
}

fn site_row(site: &Site, body: &mut String, s: SiteId, depth: usize, counts: &[[usize; 4]]) {
    let c = counts[s.index()];
    let _ = writeln!(
        body,
        "<tr><td style=\"padding-left: {}em\"><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        0.7 + depth as f64 * 1.2,
        esc(&site.paths.site(s)),
        esc(&site.graph.model.sites[s.index()].data.name.value),
        c[0],
        c[1],
        c[2],
        c[3]
    );
}

/// `sites/SITE.html`: the racks' elevations, devices, VLANs, prefixes and circuits.
pub fn site(site: &Site, id: SiteId) -> Vec<(String, Vec<u8>)> {
    let graph = site.graph;
    let model = &graph.model;
    let data = &model.sites[id.index()].data;
    let path = site.paths.site(id);
    let root = root_of(&path);
    let devices = &site.paths.site_devices[id.index()];
    let link = |d: DeviceId| format!("{root}{}", site.paths.devices[d.index()]);
    let mut body = String::new();
    let topology = format!(
        "{}/topology.html",
        &site.paths.sites[id.index()]["sites/".len()..]
    );
    let _ = writeln!(
        body,
        "<p>Status {}. {} devices. <a href=\"{}\">Topology</a>.</p>",
        esc(data.status.as_ref().map_or("active", |s| s.value.as_str())),
        devices.len(),
        esc(&topology)
    );
    if let Some(description) = &data.description {
        let _ = writeln!(body, "<p>{}</p>", esc(description));
    }
    body.push_str(&site.source(model.sites[id.index()].file, model.sites[id.index()].span));
    let mut racks: Vec<RackId> = (0..graph.racks.len())
        .map(RackId::from_index)
        .filter(|r| graph.racks[r.index()].site == Some(id))
        .collect();
    racks.sort_by(|a, b| {
        model.racks[a.index()]
            .data
            .name
            .value
            .cmp(&model.racks[b.index()].data.name.value)
    });
    if !racks.is_empty() {
        body.push_str("<h2>Racks</h2>\n<div class=\"racks\">\n");
        for &rack in &racks {
            let rack_data = &model.racks[rack.index()].data;
            let placed = elevation::placed(graph, rack, devices);
            let _ = write!(
                body,
                "<section class=\"rack\" id=\"rack-{}\" data-rack=\"{}\"><h3>{}</h3><div class=\"faces\">",
                file_part(&rack_data.name.value),
                esc(&rack_data.name.value),
                esc(&rack_data.name.value)
            );
            for face in [Face::Front, Face::Rear] {
                let _ = write!(
                    body,
                    "<figure data-face=\"{}\"><figcaption>{}</figcaption>",
                    face.as_str(),
                    face.as_str()
                );
                body.push_str(&elevation::rack_elevation(
                    graph, rack, &placed, face, &link,
                ));
                body.push_str("</figure>");
            }
            body.push_str("</div>");
            rack_details(graph, rack, &mut body);
            let unplaced: Vec<DeviceId> = devices
                .iter()
                .copied()
                .filter(|&d| graph.devices[d.index()].rack == Some(rack))
                .filter(|d| !placed.iter().any(|p| p.device == *d))
                .collect();
            if !unplaced.is_empty() {
                body.push_str("<p>Not in a unit: ");
                for (i, &d) in unplaced.iter().enumerate() {
                    if i > 0 {
                        body.push_str(", ");
                    }
                    let _ = write!(
                        body,
                        "<a href=\"{}\">{}</a>",
                        esc(&link(d)),
                        esc(graph.device_name(d))
                    );
                }
                body.push_str("</p>");
            }
            body.push_str("</section>\n");
        }
        body.push_str("</div>\n");
    }
    body.push_str("<h2>Devices</h2>\n<table class=\"devices\"><thead><tr><th>Name</th><th>Role</th><th>Type</th><th>Rack</th><th>Position</th><th>Status</th><th>Primary IP</th></tr></thead><tbody>\n");
    for &d in devices {
        let node = &graph.devices[d.index()];
        let data = graph.device(d);
        let _ = writeln!(
            body,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&link(d)),
            esc(graph.device_name(d)),
            esc(node.role.map_or("", |r| model.device_roles[r.index()].data.name.value.as_str())),
            esc(&data.device_type.value),
            esc(node.rack.map_or("", |r| model.racks[r.index()].data.name.value.as_str())),
            data.position.as_ref().map(|p| p.value.to_string()).unwrap_or_default(),
            esc(data.status.as_ref().map_or("active", |s| s.value.as_str())),
            node.primary_ip4.or(node.primary_ip6).map(|ip| graph.ip_addresses[ip.index()].address.to_string()).unwrap_or_default()
        );
    }
    body.push_str("</tbody></table>\n");
    let vlans: Vec<usize> = (0..graph.vlans.len())
        .filter(|&v| graph.vlans[v].site == Some(id))
        .collect();
    if !vlans.is_empty() {
        body.push_str("<h2>VLANs</h2>\n<table class=\"vlans\"><thead><tr><th>VID</th><th>Name</th><th>Group</th><th>Status</th></tr></thead><tbody>\n");
        for v in vlans {
            let vlan = &model.vlans[v].data;
            let _ = writeln!(
                body,
                "<tr id=\"vlan-{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                vlan.vid.value,
                vlan.vid.value,
                esc(&vlan.name.value),
                esc(vlan.group.as_ref().map_or("", |g| g.value.as_str())),
                esc(vlan.status.as_ref().map_or("active", |s| s.value.as_str()))
            );
        }
        body.push_str("</tbody></table>\n");
    }
    let prefixes: Vec<usize> = (0..graph.prefixes.len())
        .filter(|&p| graph.prefixes[p].site == Some(id))
        .collect();
    if !prefixes.is_empty() {
        body.push_str("<h2>Prefixes</h2>\n<table class=\"prefixes\"><thead><tr><th>Prefix</th><th>VRF</th><th>Status</th><th>Description</th></tr></thead><tbody>\n");
        for p in prefixes {
            let node = &graph.prefixes[p];
            let data = &model.prefixes[node.object.index()].data;
            let _ = writeln!(
                body,
                "<tr><td><a href=\"{root}prefixes/{}.html\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                file_part(graph.vrf_name(node.vrf)),
                node.prefix,
                esc(graph.vrf_name(node.vrf)),
                esc(data.status.as_ref().map_or("active", |s| s.value.as_str())),
                esc(data.description.as_deref().unwrap_or(""))
            );
        }
        body.push_str("</tbody></table>\n");
    }
    let site_name = &data.name.value;
    let circuits: Vec<String> = model
        .circuits
        .iter()
        .filter_map(|c| {
            let ends: Vec<&str> = [("A", &c.data.termination_a), ("Z", &c.data.termination_z)]
                .into_iter()
                .filter(|(_, t)| {
                    t.as_ref()
                        .and_then(|t| t.value.site.as_ref())
                        .is_some_and(|s| &s.value == site_name)
                })
                .map(|(side, _)| side)
                .collect();
            (!ends.is_empty()).then(|| {
                format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    esc(&c.data.cid.value),
                    esc(&c.data.provider.value),
                    esc(&c.data.kind.value),
                    ends.join(", ")
                )
            })
        })
        .collect();
    if !circuits.is_empty() {
        body.push_str("<h2>Circuits</h2>\n<table class=\"circuits\"><thead><tr><th>Circuit</th><th>Provider</th><th>Type</th><th>Ends here</th></tr></thead><tbody>\n");
        body.extend(circuits);
        body.push_str("</tbody></table>\n");
    }
    let page = Page {
        site_title: &site.title,
        title: site_name,
        root: &root,
        crumbs: &[(format!("{root}index.html"), "Sites".to_string())],
        body: &body,
    };
    vec![(path, page.render())]
}

/// `devices/SITE/DEVICE.html`: fields, interfaces with their far ends, config context.
pub fn device(site: &Site, id: DeviceId) -> Vec<u8> {
    let graph = site.graph;
    let model = &graph.model;
    let node = &graph.devices[id.index()];
    let data = graph.device(id);
    let path = &site.paths.devices[id.index()];
    let root = root_of(path);
    let name = graph.device_name(id);
    let mut body = String::new();
    let text = |t: Option<&str>| esc(t.unwrap_or("—"));
    fn name_of(v: Option<&crate::model::Text>) -> Option<&str> {
        v.map(|t| t.value.as_str())
    }
    let ip = |ip: Option<crate::graph::IpId>| {
        ip.map(|ip| graph.ip_addresses[ip.index()].address.to_string())
    };
    let site_link = node.site.map(|s| {
        format!(
            "<a href=\"{root}{}\">{}</a>",
            esc(&site.paths.site(s)),
            esc(&model.sites[s.index()].data.name.value)
        )
    });
    let rack_link = node.rack.zip(node.site).map(|(r, s)| {
        let rack = &model.racks[r.index()].data.name.value;
        format!(
            "<a href=\"{root}{}#rack-{}\">{}</a>",
            esc(&site.paths.site(s)),
            file_part(rack),
            esc(rack)
        )
    });
    body.push_str("<table class=\"fields\"><tbody>\n");
    let rows: [(&str, String); 14] = [
        ("Site", site_link.unwrap_or_else(|| "—".into())),
        ("Location", text(name_of(data.location.as_ref()))),
        ("Rack", rack_link.unwrap_or_else(|| "—".into())),
        (
            "Position",
            data.position
                .as_ref()
                .map_or("—".into(), |p| format!("U{}", p.value)),
        ),
        ("Face", text(data.face.as_ref().map(|f| f.value.as_str()))),
        (
            "Role",
            text(
                node.role
                    .map(|r| model.device_roles[r.index()].data.name.value.as_str()),
            ),
        ),
        ("Device type", esc(&data.device_type.value)),
        ("Platform", text(name_of(data.platform.as_ref()))),
        ("Tenant", text(name_of(data.tenant.as_ref()))),
        (
            "Status",
            esc(data.status.as_ref().map_or("active", |s| s.value.as_str())),
        ),
        ("Serial", text(data.serial.as_deref())),
        ("Asset tag", text(name_of(data.asset_tag.as_ref()))),
        (
            "Primary IPv4 / IPv6",
            format!(
                "{} / {}",
                text(ip(node.primary_ip4).as_deref()),
                text(ip(node.primary_ip6).as_deref())
            ),
        ),
        ("Out-of-band IP", text(ip(node.oob_ip).as_deref())),
    ];
    for (label, value) in rows {
        let _ = writeln!(body, "<tr><th>{label}</th><td>{value}</td></tr>");
    }
    body.push_str("</tbody></table>\n");
    body.push_str(&site.source(
        model.devices[id.index()].file,
        model.devices[id.index()].span,
    ));
    body.push_str(&site.config_links(id, &root));
    let mut dns_names: Vec<&str> = graph
        .owner_interfaces(Owner::Device(id))
        .flat_map(|i| graph.links(i).ip_addresses.iter())
        .filter_map(|&ip| {
            graph
                .ip_data(ip)
                .dns_name
                .as_ref()
                .map(|d| d.value.as_str())
        })
        .collect();
    dns_names.sort_unstable();
    dns_names.dedup();
    if !dns_names.is_empty() {
        let _ = writeln!(
            body,
            "<p class=\"dns-names\">DNS names: {}</p>",
            esc(&dns_names.join(", "))
        );
    }
    interfaces(site, id, &root, &mut body);
    let merged = site.cx.views.contexts.merged(Owner::Device(id));
    if merged.data.as_object().is_some_and(|m| !m.is_empty()) {
        let _ = write!(
            body,
            "<h2>Config context</h2>\n<p>Merged from {}.</p>\n<pre class=\"config-context\">{}</pre>\n",
            esc(&merged.sources.join(", ")),
            esc(&serde_json::to_string_pretty(&merged.data).unwrap_or_default())
        );
    }
    let mut crumbs = vec![(format!("{root}index.html"), "Sites".to_string())];
    if let Some(s) = node.site {
        crumbs.push((
            format!("{root}{}", site.paths.site(s)),
            model.sites[s.index()].data.name.value.clone(),
        ));
    }
    Page {
        site_title: &site.title,
        title: name,
        root: &root,
        crumbs: &crumbs,
        body: &body,
    }
    .render()
}

/// The interfaces table: each interface with its VLANs, addresses, the peer of its cable
/// and the far end of the whole path (through patch panels and circuits).
fn interfaces(site: &Site, device: DeviceId, root: &str, body: &mut String) {
    let graph = site.graph;
    let model = &graph.model;
    let range = graph.owner_interfaces(Owner::Device(device));
    if range.clone().next().is_none() {
        return;
    }
    let ends = site.cx.views.cable_ends();
    body.push_str("<h2>Interfaces</h2>\n<table class=\"interfaces\"><thead><tr><th>Name</th><th>Type</th><th>Mode</th><th>VLANs</th><th>Addresses</th><th>Cable</th><th>Far end</th></tr></thead><tbody>\n");
    for interface in range {
        let links = graph.links(interface);
        let entry = graph.interface_entry(interface);
        let iname = graph.interface_name(interface);
        let vlan = |v: crate::graph::VlanId| {
            let vlan = &model.vlans[v.index()].data;
            format!("{} ({})", vlan.vid.value, vlan.name.value)
        };
        let mut vlans = Vec::new();
        if let Some(v) = links.untagged_vlan {
            vlans.push(format!("untagged {}", vlan(v)));
        }
        if !links.tagged_vlans.is_empty() {
            vlans.push(format!(
                "tagged {}",
                links
                    .tagged_vlans
                    .iter()
                    .map(|&v| vlan(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let addresses: Vec<String> = links
            .ip_addresses
            .iter()
            .map(|&ip| {
                let node = &graph.ip_addresses[ip.index()];
                let dns = graph
                    .ip_data(ip)
                    .dns_name
                    .as_ref()
                    .map(|d| format!(" {}", d.value))
                    .unwrap_or_default();
                match node.vrf {
                    Some(_) => format!("{} vrf {}{dns}", node.address, graph.vrf_name(node.vrf)),
                    None => format!("{}{dns}", node.address),
                }
            })
            .collect();
        let (peer, far) = far_end(site, interface, ends, root);
        let _ = writeln!(
            body,
            "<tr id=\"if-{}\" data-interface=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"far-end\">{}</td></tr>",
            file_part(iname),
            esc(iname),
            esc(iname),
            esc(graph.interface_kind(interface).map_or("", |k| k.as_str())),
            esc(entry.and_then(|e| e.mode.as_ref()).map_or("", |m| m.value.as_str())),
            esc(&vlans.join("; ")),
            esc(&addresses.join(", ")),
            esc(&peer),
            far
        );
    }
    body.push_str("</tbody></table>\n");
}

/// The peer at the other end of an interface's cable, and the far end of its path as HTML
/// (a link to the far device's interface, with the circuits on the way).
fn far_end(
    site: &Site,
    interface: InterfaceId,
    ends: &crate::graph::trace::CableEnds,
    root: &str,
) -> (String, String) {
    let graph = site.graph;
    let Some(cable) = graph.interfaces[interface.index()].cable() else {
        return (String::new(), String::new());
    };
    let me = CableTarget::Interface(interface);
    let cable = &graph.cables[cable.index()];
    let peer = if cable.a.as_ref() == Some(&me) {
        cable.b.as_ref()
    } else {
        cable.a.as_ref()
    };
    let peer = peer.map(|p| p.label(graph)).unwrap_or_default();
    let Some(path) = trace(graph, ends, me) else {
        return (peer, String::new());
    };
    let circuits: Vec<String> = path
        .segments
        .iter()
        .filter_map(|s| match &s.far {
            Some(PathEnd::Termination(CableTarget::CircuitTermination { circuit, .. })) => {
                Some(graph.model.circuits[circuit.index()].data.cid.value.clone())
            }
            _ => None,
        })
        .collect();
    let via = if circuits.is_empty() {
        String::new()
    } else {
        format!(
            " <span class=\"via\">via circuit {}</span>",
            esc(&circuits.join(", "))
        )
    };
    let far = match path.destination() {
        Some(CableTarget::Interface(far)) => {
            let owner = graph.interfaces[far.index()].owner;
            match owner {
                Owner::Device(d) => format!(
                    "<a href=\"{root}{}#if-{}\">{}</a>{via}",
                    esc(&site.paths.devices[d.index()]),
                    file_part(graph.interface_name(*far)),
                    esc(&graph.interface_label(*far))
                ),
                Owner::VirtualMachine(_) => esc(&graph.interface_label(*far)) + &via,
            }
        }
        Some(other) => esc(&other.label(graph)) + &via,
        None => match path.segments.last().and_then(|s| s.far.as_ref()) {
            Some(PathEnd::Termination(end)) => {
                format!("{} (path incomplete){via}", esc(&end.label(graph)))
            }
            Some(PathEnd::Site(s)) => format!(
                "site {} (path incomplete){via}",
                esc(&graph.model.sites[s.index()].data.name.value)
            ),
            None => "(path incomplete)".to_string(),
        },
    };
    (peer, far)
}

/// A rack's role and type, and its reservations with who holds them, under its drawings.
fn rack_details(graph: &Graph, rack: RackId, body: &mut String) {
    let model = &graph.model;
    let node = &graph.racks[rack.index()];
    let mut facts = Vec::new();
    if let Some(role) = node.role {
        facts.push(format!(
            "role {}",
            esc(&model.rack_roles[role.index()].data.name.value)
        ));
    }
    if let Some(kind) = node.rack_type {
        let kind = &model.rack_types[kind.index()].data;
        facts.push(format!(
            "type {} {}",
            esc(&kind.manufacturer.value),
            esc(&kind.model.value)
        ));
    }
    if !facts.is_empty() {
        let _ = write!(body, "<p class=\"rack-facts\">{}</p>", facts.join(", "));
    }
    let mut reservations = graph.reservations_of(rack).peekable();
    if reservations.peek().is_none() {
        return;
    }
    body.push_str("<ul class=\"reservations\">");
    for reservation in reservations {
        let data = &model.rack_reservations[reservation.index()].data;
        let units: Vec<String> = data
            .units
            .value
            .iter()
            .map(|u| format!("U{}", u.value))
            .collect();
        let _ = write!(
            body,
            "<li>Reserved {} for {}: {}</li>",
            units.join(", "),
            esc(&data.user.value),
            esc(&data.description.value)
        );
    }
    body.push_str("</ul>");
}
