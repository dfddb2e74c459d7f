//! The search page and its index: devices, interfaces, prefixes, addresses, VLANs and
//! sites, each with the page it is on. The index is a script (`search-index.js`) the
//! search page loads, so searching works from `file://` too; only that page loads it.

use std::fmt::Write;

use super::html::{esc, file_part, Page};
use super::Site;
use crate::graph::{Owner, SiteId};

pub fn render(site: &Site) -> (Vec<u8>, Vec<u8>) {
    let graph = site.graph;
    let model = &graph.model;
    let mut index = String::from("window.NETSOT_INDEX = [\n");
    let mut entry = |kind: char, name: &str, url: &str| {
        let _ = writeln!(
            index,
            "[\"{kind}\",{},{}],",
            serde_json::Value::from(name),
            serde_json::Value::from(url)
        );
    };
    for (i, s) in model.sites.iter().enumerate() {
        entry(
            's',
            &s.data.name.value,
            &site.paths.site(SiteId::from_index(i)),
        );
    }
    for (i, path) in site.paths.devices.iter().enumerate() {
        let device = crate::graph::DeviceId::from_index(i);
        let name = graph.device_name(device);
        entry('d', name, path);
        for interface in graph.owner_interfaces(Owner::Device(device)) {
            let iname = graph.interface_name(interface);
            entry(
                'i',
                &format!("{name} {iname}"),
                &format!("{path}#if-{}", file_part(iname)),
            );
            for &ip in &graph.links(interface).ip_addresses {
                entry(
                    'a',
                    &graph.ip_addresses[ip.index()].address.to_string(),
                    &format!("{path}#if-{}", file_part(iname)),
                );
            }
        }
    }
    for prefix in &graph.prefixes {
        entry(
            'p',
            &prefix.prefix.to_string(),
            &format!("prefixes/{}.html", file_part(graph.vrf_name(prefix.vrf))),
        );
    }
    for (i, vlan) in model.vlans.iter().enumerate() {
        let url = match graph.vlans[i].site {
            Some(s) => format!("{}#vlan-{}", site.paths.site(s), vlan.data.vid.value),
            None => "prefixes/index.html".to_string(),
        };
        entry(
            'v',
            &format!("{} {}", vlan.data.vid.value, vlan.data.name.value),
            &url,
        );
    }
    index.push_str("];\n");
    let body = format!(
        "<form method=\"get\" action=\"search.html\"><input id=\"q\" type=\"search\" name=\"q\" aria-label=\"search\"/> <button type=\"submit\">Search</button></form>\n<p id=\"count\"></p>\n<ul id=\"results\"></ul>\n<script src=\"search-index.js\"></script>\n<script src=\"assets/search.js\"></script>\n<noscript><p>{}</p></noscript>\n",
        esc("Searching needs JavaScript; every page is reachable from the index without it.")
    );
    let page = Page {
        site_title: &site.title,
        title: "Search",
        root: "",
        crumbs: &[],
        body: &body,
    };
    (page.render(), index.into_bytes())
}
