//! IP address management queries over a compiled graph: the prefix tree with utilisation,
//! free space in a prefix, the next free address or prefix (`netsot ipam`).
//!
//! Prefixes and addresses are taken per VRF (`None` is the global table). Free space is
//! found by splitting the prefix into CIDR blocks around what is used, with binary search
//! over the sorted used blocks: the work grows with the number of used blocks, not with the
//! size of the prefix.
//!
//! IP ranges count as NetBox 4.4 counts them (`ipam/models/ip.py`): a range marked
//! `mark_utilized` is wholly used in its prefix's utilisation (`Prefix.get_utilization`), and
//! no address of a range marked `mark_populated` is free (`Prefix.get_available_ips`); in both,
//! only ranges inside the prefix and its VRF count (`get_child_ranges`).

use std::net::IpAddr;

use ipnet::IpNet;
use serde::Serialize;

use crate::graph::{Graph, VrfId};

/// A prefix in the tree.
#[derive(Debug, Clone, Serialize)]
pub struct TreeNode {
    pub prefix: IpNet,
    pub vrf: Option<String>,
    pub status: String,
    pub description: Option<String>,
    pub depth: usize,
    /// Used share in percent: child prefixes for a container, addresses otherwise (NetBox's
    /// rule; IPv4 prefixes longer than /31 do not count their network and broadcast).
    pub utilisation: f64,
}

/// An inclusive range of addresses, as numbers (an IPv4 address is its `u32`).
type Span = (u128, u128);

fn number(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// The IP ranges of one VRF that `pick` selects (by `mark_utilized` or `mark_populated`),
/// sorted and merged into disjoint spans, each with its family (`true` for IPv4).
fn ranges_of(
    graph: &Graph,
    vrf: Option<VrfId>,
    pick: fn(&crate::model::ipam::IpRange) -> bool,
) -> Vec<(bool, Span)> {
    let mut list: Vec<(bool, Span)> = graph
        .ip_ranges
        .iter()
        .filter(|r| r.vrf == vrf && pick(&graph.model.ip_ranges[r.object.index()].data))
        .filter(|r| r.start.addr().is_ipv4() == r.end.addr().is_ipv4())
        .map(|r| {
            let (start, end) = (number(r.start.addr()), number(r.end.addr()));
            (r.start.addr().is_ipv4(), (start.min(end), start.max(end)))
        })
        .collect();
    list.sort_unstable();
    let mut merged: Vec<(bool, Span)> = Vec::with_capacity(list.len());
    for (v4, (start, end)) in list {
        match merged.last_mut() {
            Some((last_v4, last)) if *last_v4 == v4 && start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((v4, (start, end))),
        }
    }
    merged
}

/// The ranges lying wholly inside `net` (NetBox's `get_child_ranges`).
fn ranges_inside<'a>(ranges: &'a [(bool, Span)], net: &IpNet) -> impl Iterator<Item = Span> + 'a {
    let key = (net.addr().is_ipv4(), number(net.network()));
    let last = number(net.broadcast());
    let from = ranges.partition_point(|(v4, span)| (*v4, span.0) < key);
    ranges[from..]
        .iter()
        .take_while(move |(v4, span)| *v4 == key.0 && span.0 <= last)
        .filter(move |(_, span)| span.1 <= last)
        .map(|(_, span)| *span)
}

fn status(graph: &Graph, prefix: usize) -> &str {
    let data = &graph.model.prefixes[graph.prefixes[prefix].object.index()].data;
    data.status.as_ref().map_or("active", |s| s.value.as_str())
}

/// The prefixes of one VRF (`None`: global), sorted by network then length.
fn prefixes_of(graph: &Graph, vrf: Option<VrfId>) -> Vec<usize> {
    let mut list: Vec<usize> = (0..graph.prefixes.len())
        .filter(|&p| graph.prefixes[p].vrf == vrf)
        .collect();
    list.sort_by_key(|&p| {
        let net = graph.prefixes[p].prefix.trunc();
        (net.addr(), net.prefix_len())
    });
    list.dedup_by_key(|p| graph.prefixes[*p].prefix.trunc());
    list
}

/// The addresses of one VRF, as host addresses, sorted.
fn addresses_of(graph: &Graph, vrf: Option<VrfId>) -> Vec<IpAddr> {
    let mut list: Vec<IpAddr> = graph
        .ip_addresses
        .iter()
        .filter(|ip| ip.vrf == vrf)
        .map(|ip| ip.address.addr())
        .collect();
    list.sort_unstable();
    list.dedup();
    list
}

fn size(net: &IpNet) -> f64 {
    2f64.powi(i32::from(net.max_prefix_len() - net.prefix_len()))
}

/// Addresses a prefix can hand out: IPv4 longer than /31 loses network and broadcast.
fn usable(net: &IpNet) -> f64 {
    match net {
        IpNet::V4(v4) if v4.prefix_len() < 31 => size(net) - 2.0,
        _ => size(net),
    }
}

/// Items of a sorted list inside `net`.
fn within<T: Ord + Copy>(sorted: &[T], start: T, end: T) -> &[T] {
    let from = sorted.partition_point(|x| *x < start);
    let to = sorted.partition_point(|x| *x <= end);
    &sorted[from..to.max(from)]
}

/// The prefix tree of a VRF with utilisation.
pub fn tree(graph: &Graph, vrf: Option<VrfId>) -> Vec<TreeNode> {
    let prefixes = prefixes_of(graph, vrf);
    let addresses = addresses_of(graph, vrf);
    let utilised = ranges_of(graph, vrf, |r| r.mark_utilized);
    let nets: Vec<IpNet> = prefixes
        .iter()
        .map(|&p| graph.prefixes[p].prefix.trunc())
        .collect();
    let mut out = Vec::with_capacity(prefixes.len());
    let mut stack: Vec<IpNet> = Vec::new();
    for (i, &p) in prefixes.iter().enumerate() {
        let net = nets[i];
        while stack.last().is_some_and(|top| !top.contains(&net)) {
            stack.pop();
        }
        let depth = stack.len();
        let container = status(graph, p) == "container";
        let data = &graph.model.prefixes[graph.prefixes[p].object.index()].data;
        let utilisation = if data.mark_utilized {
            1.0
        } else if container {
            // The direct children's share of the container.
            let mut covered = 0.0;
            let mut last: Option<IpNet> = None;
            for child in nets[i + 1..].iter().take_while(|c| net.contains(*c)) {
                if last.is_some_and(|l| l.contains(child)) {
                    continue;
                }
                covered += size(child);
                last = Some(*child);
            }
            covered / size(&net)
        } else {
            let inside = within(&addresses, net.network(), net.broadcast());
            let used = used_addresses(inside, ranges_inside(&utilised, &net));
            let size = if data.is_pool {
                size(&net)
            } else {
                usable(&net)
            };
            (used / size.max(1.0)).min(1.0)
        };
        out.push(TreeNode {
            prefix: net,
            vrf: vrf.map(|v| graph.model.vrfs[v.index()].data.name.value.clone()),
            status: status(graph, p).to_string(),
            description: data.description.clone(),
            depth,
            utilisation: (utilisation * 1000.0).round() / 10.0,
        });
        stack.push(net);
    }
    out
}

/// The number of addresses used in a prefix: its marked-utilised ranges (disjoint) and its
/// addresses outside them, as NetBox's set of both counts.
fn used_addresses(addresses: &[IpAddr], ranges: impl Iterator<Item = Span>) -> f64 {
    let ranges: Vec<Span> = ranges.collect();
    if ranges.is_empty() {
        return addresses.len() as f64;
    }
    let in_ranges: f64 = ranges.iter().map(|(s, e)| (e - s + 1) as f64).sum();
    let outside = addresses
        .iter()
        .filter(|a| {
            let n = number(**a);
            let after = ranges.partition_point(|(start, _)| *start <= n);
            after == 0 || ranges[after - 1].1 < n
        })
        .count();
    in_ranges + outside as f64
}

/// The CIDR blocks covering an inclusive span of one family.
fn blocks_of(v4: bool, (start, end): Span) -> Vec<IpNet> {
    if v4 {
        let (start, end) = (
            std::net::Ipv4Addr::from(start as u32),
            std::net::Ipv4Addr::from(end as u32),
        );
        ipnet::Ipv4Subnets::new(start, end, 0)
            .map(IpNet::V4)
            .collect()
    } else {
        let (start, end) = (
            std::net::Ipv6Addr::from(start),
            std::net::Ipv6Addr::from(end),
        );
        ipnet::Ipv6Subnets::new(start, end, 0)
            .map(IpNet::V6)
            .collect()
    }
}

/// The free CIDR blocks of `net`: not covered by a prefix inside it, and, when
/// `count_addresses`, holding no address and no address of a range marked populated (a
/// leaf prefix's free addresses).
pub fn free(graph: &Graph, vrf: Option<VrfId>, net: IpNet, count_addresses: bool) -> Vec<IpNet> {
    free_avoiding(graph, vrf, net, count_addresses, &[])
}

/// As [`free`], with the blocks of `taken` used too (what other branches allocated,
/// `--avoid`).
pub fn free_avoiding(
    graph: &Graph,
    vrf: Option<VrfId>,
    net: IpNet,
    count_addresses: bool,
    taken: &[IpNet],
) -> Vec<IpNet> {
    let net = net.trunc();
    let mut used: Vec<IpNet> = prefixes_of(graph, vrf)
        .into_iter()
        .map(|p| graph.prefixes[p].prefix.trunc())
        .chain(taken.iter().map(IpNet::trunc))
        .filter(|p| net.contains(p) && *p != net)
        .collect();
    if count_addresses {
        used.extend(
            addresses_of(graph, vrf)
                .into_iter()
                .filter(|a| net.contains(a))
                .map(IpNet::from),
        );
        let populated = ranges_of(graph, vrf, |r| r.mark_populated);
        let v4 = net.addr().is_ipv4();
        for span in ranges_inside(&populated, &net) {
            used.extend(blocks_of(v4, span));
        }
    }
    used.sort_by_key(|n| (n.network(), n.prefix_len()));
    // Keep the outermost blocks only: disjoint and sorted, so overlaps are found by
    // binary search.
    let mut outer: Vec<IpNet> = Vec::with_capacity(used.len());
    for block in used {
        if !outer
            .last()
            .is_some_and(|last: &IpNet| last.contains(&block))
        {
            outer.push(block);
        }
    }
    let used = outer;
    let mut out = Vec::new();
    split(net, &used, &mut out);
    out
}

fn split(block: IpNet, used: &[IpNet], out: &mut Vec<IpNet>) {
    let inside = within_nets(used, &block);
    if inside.is_empty() {
        out.push(block);
        return;
    }
    if inside.iter().any(|u| u.contains(&block)) || block.prefix_len() == block.max_prefix_len() {
        return;
    }
    if let Ok(halves) = block.subnets(block.prefix_len() + 1) {
        for half in halves {
            split(half, inside, out);
        }
    }
}

/// The used blocks that overlap `block` (used is sorted by network).
fn within_nets<'a>(used: &'a [IpNet], block: &IpNet) -> &'a [IpNet] {
    // Used blocks are disjoint and sorted, so those overlapping `block` are a run.
    let from = used.partition_point(|u| u.broadcast() < block.network());
    let to = used.partition_point(|u| u.network() <= block.broadcast());
    &used[from..to.max(from)]
}

/// The next free address of a prefix, as NetBox's `get_first_available_ip`: unless the
/// prefix is a pool, an IPv4 prefix shorter than /31 skips its network and broadcast
/// addresses and an IPv6 prefix shorter than /127 its first (the subnet-router anycast).
pub fn next_address(graph: &Graph, vrf: Option<VrfId>, net: IpNet) -> Option<IpAddr> {
    next_address_avoiding(graph, vrf, net, &[])
}

/// As [`next_address`], skipping the blocks of `taken`.
pub fn next_address_avoiding(
    graph: &Graph,
    vrf: Option<VrfId>,
    net: IpNet,
    taken: &[IpNet],
) -> Option<IpAddr> {
    let net = net.trunc();
    let used = addresses_of(graph, vrf);
    let is_pool = graph.prefixes.iter().any(|p| {
        p.vrf == vrf
            && p.prefix.trunc() == net
            && graph.model.prefixes[p.object.index()].data.is_pool
    });
    let skip_first = !is_pool
        && match net {
            IpNet::V4(v4) => v4.prefix_len() < 31,
            IpNet::V6(v6) => v6.prefix_len() < 127,
        };
    let skip_last = skip_first && net.addr().is_ipv4();
    for block in free_avoiding(graph, vrf, net, true, taken) {
        let mut candidate = block.network();
        if skip_first && candidate == net.network() {
            if block.prefix_len() == block.max_prefix_len() {
                continue;
            }
            candidate = next_ip(candidate)?;
        }
        if skip_last && candidate == net.broadcast() {
            continue;
        }
        if used.binary_search(&candidate).is_err() {
            return Some(candidate);
        }
    }
    None
}

/// The blocks a compilation uses inside `net` in the VRF named `vrf` (the global table
/// for `None`): its addresses (as host blocks) and the prefixes inside `net`; what another
/// branch has allocated, for `--avoid`. A branch without that VRF uses nothing in it.
pub fn taken(graph: &Graph, vrf: Option<&str>, net: IpNet) -> Vec<IpNet> {
    let vrf = match vrf {
        None => None,
        Some(name) => match graph.indexes.vrfs.get(name) {
            Some(id) => Some(id),
            None => return Vec::new(),
        },
    };
    let net = net.trunc();
    let addresses = addresses_of(graph, vrf)
        .into_iter()
        .filter(|a| net.contains(a))
        .map(IpNet::from);
    let prefixes = prefixes_of(graph, vrf)
        .into_iter()
        .map(|p| graph.prefixes[p].prefix.trunc())
        .filter(|p| net.contains(p) && *p != net);
    addresses.chain(prefixes).collect()
}

/// A VLAN group's ranges of IDs (inclusive) and the IDs its VLANs use.
pub type VlanIds = (Vec<(u32, u32)>, Vec<u32>);

/// The VLAN IDs a group may hand out (its `vid_ranges`, else `min_vid`-`max_vid`, else
/// NetBox's 1-4094) and the IDs its VLANs use in this compilation; `None` when the group
/// does not exist here.
pub fn vlan_ids(graph: &Graph, group: &str) -> Option<VlanIds> {
    let id = graph.indexes.vlan_groups.get(group)?;
    let data = &graph.model.vlan_groups[id.index()].data;
    let ranges: Vec<(u32, u32)> = if data.vid_ranges.is_empty() {
        vec![(
            data.min_vid.as_ref().map_or(1, |v| u32::from(v.value)),
            data.max_vid.as_ref().map_or(4094, |v| u32::from(v.value)),
        )]
    } else {
        data.vid_ranges
            .iter()
            .map(|r| (u32::from(r.value.0), u32::from(r.value.1)))
            .collect()
    };
    Some((ranges, used_vlan_ids(graph, group)))
}

/// The IDs the VLANs of the group named `group` use (none when it does not exist).
pub fn used_vlan_ids(graph: &Graph, group: &str) -> Vec<u32> {
    let Some(id) = graph.indexes.vlan_groups.get(group) else {
        return Vec::new();
    };
    graph
        .vlans
        .iter()
        .zip(&graph.model.vlans)
        .filter(|(node, _)| node.group == Some(id))
        .map(|(_, vlan)| vlan.data.vid.value)
        .collect()
}

/// The lowest ID of `ranges` not in `used`.
pub fn next_vlan_id(ranges: &[(u32, u32)], used: &[u32]) -> Option<u32> {
    let used: std::collections::HashSet<u32> = used.iter().copied().collect();
    let mut ranges = ranges.to_vec();
    ranges.sort_unstable();
    ranges
        .iter()
        .find_map(|&(low, high)| (low..=high).find(|vid| !used.contains(vid)))
}

fn next_ip(ip: IpAddr) -> Option<IpAddr> {
    match ip {
        IpAddr::V4(v4) => u32::from(v4)
            .checked_add(1)
            .map(|n| IpAddr::from(n.to_be_bytes())),
        IpAddr::V6(v6) => u128::from(v6)
            .checked_add(1)
            .map(|n| IpAddr::from(n.to_be_bytes())),
    }
}

/// The first free child prefix of `length` inside `net`.
pub fn next_prefix(graph: &Graph, vrf: Option<VrfId>, net: IpNet, length: u8) -> Option<IpNet> {
    next_prefix_avoiding(graph, vrf, net, length, &[])
}

/// As [`next_prefix`], skipping the blocks of `taken`.
pub fn next_prefix_avoiding(
    graph: &Graph,
    vrf: Option<VrfId>,
    net: IpNet,
    length: u8,
    taken: &[IpNet],
) -> Option<IpNet> {
    free_avoiding(graph, vrf, net, true, taken)
        .into_iter()
        .filter(|block| block.prefix_len() <= length)
        .find_map(|block| block.subnets(length).ok()?.next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_finds_sorted_ranges() {
        let list = [1, 3, 5, 7];
        assert_eq!(within(&list, 2, 6), &[3, 5]);
        assert_eq!(within(&list, 8, 9), &[] as &[i32]);
    }

    #[test]
    fn usable_addresses() {
        assert_eq!(usable(&"10.0.0.0/24".parse().unwrap()), 254.0);
        assert_eq!(usable(&"10.0.0.0/31".parse().unwrap()), 2.0);
        assert_eq!(usable(&"2001:db8::/126".parse().unwrap()), 4.0);
    }
}
