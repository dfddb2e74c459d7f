//! The prefix tree of each VRF, as NetBox shows it: nesting, utilisation bars, the IP
//! ranges, and the free blocks left in each prefix that holds others.

use std::fmt::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use super::html::{esc, file_part, Page};
use super::Site;
use crate::graph::VrfId;
use crate::ipam::TreeNode;

/// Free blocks listed per prefix; the rest are counted.
const FREE_SHOWN: usize = 8;

/// `prefixes/index.html` and one page per VRF (`global` for the global table).
pub fn render(site: &Site) -> Vec<(String, Vec<u8>)> {
    let graph = site.graph;
    let mut vrfs: Vec<Option<VrfId>> = vec![None];
    vrfs.extend((0..graph.model.vrfs.len()).map(|i| Some(VrfId::from_index(i))));
    let mut files = Vec::new();
    let mut index = String::from("<table class=\"vrfs\"><thead><tr><th>VRF</th><th>Prefixes</th><th>IP ranges</th></tr></thead><tbody>\n");
    for vrf in vrfs {
        let name = graph.vrf_name(vrf);
        let tree = crate::ipam::tree(graph, vrf);
        let ranges: Vec<usize> = (0..graph.ip_ranges.len())
            .filter(|&r| graph.ip_ranges[r].vrf == vrf)
            .collect();
        let file = format!("{}.html", file_part(name));
        let _ = writeln!(
            index,
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&file),
            esc(name),
            tree.len(),
            ranges.len()
        );
        let body = vrf_page(site, &tree, &ranges);
        let title = format!("Prefixes of {name}");
        let page = Page {
            site_title: &site.title,
            title: &title,
            root: "../",
            crumbs: &[("index.html".to_string(), "Prefixes".to_string())],
            body: &body,
        };
        files.push((format!("prefixes/{file}"), page.render()));
    }
    index.push_str("</tbody></table>\n");
    let page = Page {
        site_title: &site.title,
        title: "Prefixes",
        root: "../",
        crumbs: &[],
        body: &index,
    };
    files.push(("prefixes/index.html".to_string(), page.render()));
    files
}

fn vrf_page(site: &Site, tree: &[TreeNode], ranges: &[usize]) -> String {
    let graph = site.graph;
    let mut body = String::new();
    body.push_str("<table class=\"prefix-tree\"><thead><tr><th>Prefix</th><th>Status</th><th>Utilisation</th><th>Description</th><th>Free blocks</th></tr></thead><tbody>\n");
    for (i, node) in tree.iter().enumerate() {
        let children: Vec<IpNet> = tree[i + 1..]
            .iter()
            .take_while(|n| n.depth > node.depth)
            .filter(|n| n.depth == node.depth + 1)
            .map(|n| n.prefix)
            .collect();
        let free = if children.is_empty() {
            Vec::new()
        } else {
            free_blocks(node.prefix, &children)
        };
        let mut free_text = free
            .iter()
            .take(FREE_SHOWN)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if free.len() > FREE_SHOWN {
            let _ = write!(free_text, " and {} more", free.len() - FREE_SHOWN);
        }
        let used = node.utilisation.clamp(0.0, 100.0);
        let _ = writeln!(
            body,
            "<tr data-prefix=\"{}\" data-utilisation=\"{:.1}\"><td style=\"padding-left: {}em\">{}</td><td>{}</td><td><div class=\"bar\" title=\"{:.1} %\"><span{} style=\"width: {:.1}%\"></span></div> {:.1} %</td><td>{}</td><td class=\"free\">{}</td></tr>",
            node.prefix,
            used,
            0.7 + node.depth as f64 * 1.2,
            node.prefix,
            esc(&node.status),
            used,
            if used >= 90.0 { " class=\"high\"" } else { "" },
            used,
            used,
            esc(node.description.as_deref().unwrap_or("")),
            esc(&free_text)
        );
    }
    body.push_str("</tbody></table>\n");
    if !ranges.is_empty() {
        body.push_str("<h2>IP ranges</h2>\n<table class=\"ip-ranges\"><thead><tr><th>Start</th><th>End</th><th>Size</th><th>Status</th><th>Role</th><th>Utilized</th></tr></thead><tbody>\n");
        for &r in ranges {
            let node = &graph.ip_ranges[r];
            let data = &graph.model.ip_ranges[node.object.index()].data;
            let size = number(node.end.addr()).saturating_sub(number(node.start.addr())) + 1;
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{size}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                node.start,
                node.end,
                esc(data.status.as_ref().map_or("active", |s| s.value.as_str())),
                esc(data.role.as_ref().map_or("", |r| r.value.as_str())),
                if data.mark_utilized { "yes" } else { "no" }
            );
        }
        body.push_str("</tbody></table>\n");
    }
    body
}

fn number(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// The CIDR blocks of `net` not covered by `children` (prefixes inside it, sorted as the
/// tree lists them), in address order: each gap split into the largest aligned blocks.
pub fn free_blocks(net: IpNet, children: &[IpNet]) -> Vec<IpNet> {
    let v4 = net.addr().is_ipv4();
    let bits: u32 = if v4 { 32 } else { 128 };
    let start = number(net.network());
    let end = number(net.broadcast());
    let mut covered: Vec<(u128, u128)> = children
        .iter()
        .filter(|c| c.addr().is_ipv4() == v4)
        .map(|c| (number(c.network()), number(c.broadcast())))
        .collect();
    covered.sort_unstable();
    let mut free = Vec::new();
    let mut next = start;
    let mut done = false;
    for (from, to) in covered {
        if done || to < next {
            continue;
        }
        if from > next {
            split(next, from - 1, v4, bits, &mut free);
        }
        if to >= end {
            done = true;
        } else {
            next = next.max(to + 1);
        }
    }
    if !done && next <= end {
        split(next, end, v4, bits, &mut free);
    }
    free
}

/// Appends the aligned CIDR blocks that exactly cover `from..=to`.
fn split(mut from: u128, to: u128, v4: bool, bits: u32, out: &mut Vec<IpNet>) {
    loop {
        // The largest block starting at `from` that is aligned and stays within `to`.
        let align = if from == 0 {
            bits
        } else {
            from.trailing_zeros().min(bits)
        };
        let mut size = align;
        while size > 0 && (size >= 128 || from + ((1u128 << size) - 1) > to) {
            size -= 1;
        }
        let prefix = (bits - size) as u8;
        let net = if v4 {
            IpNet::new(IpAddr::V4(Ipv4Addr::from(from as u32)), prefix)
        } else {
            IpNet::new(IpAddr::V6(Ipv6Addr::from(from)), prefix)
        };
        if let Ok(net) = net {
            out.push(net);
        }
        let last = from + ((1u128 << size) - 1);
        if last >= to {
            break;
        }
        from = last + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn free_blocks_are_the_gaps_in_aligned_blocks() {
        let free = free_blocks(
            "10.0.0.0/24".parse().unwrap(),
            &nets(&["10.0.0.0/26", "10.0.0.192/27"]),
        );
        assert_eq!(
            free,
            nets(&["10.0.0.64/26", "10.0.0.128/26", "10.0.0.224/27"])
        );
    }

    #[test]
    fn a_full_prefix_has_no_free_block() {
        let free = free_blocks(
            "10.0.0.0/24".parse().unwrap(),
            &nets(&["10.0.0.0/25", "10.0.0.128/25"]),
        );
        assert!(free.is_empty());
    }

    #[test]
    fn ipv6_gaps_split_too() {
        let free = free_blocks("2001:db8::/48".parse().unwrap(), &nets(&["2001:db8::/49"]));
        assert_eq!(free, nets(&["2001:db8:0:8000::/49"]));
    }
}
