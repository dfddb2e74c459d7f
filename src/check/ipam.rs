//! Family 4: IPAM. Duplicate addresses and prefixes, parents, masks, network and broadcast
//! addresses, IP ranges and aggregates.
//!
//! Containment never compares pairs: prefixes are hashed by `(VRF, network)`, and the
//! prefix lengths present in each VRF are kept, so the most specific prefix holding an
//! address is found by probing each length present (at most 33 or 129 probes, in practice a
//! handful). Ranges and aggregates are sorted and swept once.

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use ipnet::IpNet;

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::{Graph, IpId, VrfId};
use crate::model::config::Config;

pub(super) fn check(graph: &Graph, config: &Config, out: &mut Vec<Diagnostic>) {
    let (prefixes, aggregates) =
        rayon::join(|| PrefixTable::new(graph), || AggregateTable::new(graph));
    // The parts are independent: on all threads, their findings appended in this order.
    let (mut tables, (mut addressed, mut ranges)) = rayon::join(
        || {
            let mut out = Vec::new();
            duplicate_prefixes(graph, config, &mut out);
            prefix_parents(graph, config, &prefixes, &aggregates, &mut out);
            out
        },
        || {
            rayon::join(
                || {
                    let mut out = Vec::new();
                    addresses(graph, config, &prefixes, &mut out);
                    out
                },
                || {
                    let mut out = Vec::new();
                    ip_ranges(graph, &mut out);
                    addresses_in_populated_ranges(graph, &mut out);
                    overlapping_aggregates(graph, &mut out);
                    out
                },
            )
        },
    );
    out.append(&mut tables);
    out.append(&mut addressed);
    out.append(&mut ranges);
}

/// Whether duplicates are refused in a VRF (`None`: the global table).
fn enforces_unique(graph: &Graph, config: &Config, vrf: Option<VrfId>) -> bool {
    match vrf {
        None => config.policy.enforce_global_unique,
        Some(v) => graph.model.vrfs[v.index()]
            .data
            .enforce_unique
            .unwrap_or(true),
    }
}

fn prefix_location(graph: &Graph, prefix: usize) -> Location {
    let object = &graph.model.prefixes[graph.prefixes[prefix].object.index()];
    object.at(&object.data.prefix)
}

fn max_len(net: &IpNet) -> u8 {
    match net {
        IpNet::V4(_) => 32,
        IpNet::V6(_) => 128,
    }
}

/// The network of `address` with `len` bits, or `None` if `len` is too long.
fn network(address: IpAddr, len: u8) -> Option<IpNet> {
    IpNet::new(address, len).ok().map(|n| n.trunc())
}

/// Prefixes by `(VRF, network)`, and the lengths present per `(VRF, family)`, longest first.
struct PrefixTable {
    by_network: HashMap<(Option<VrfId>, IpNet), u32>,
    lengths: HashMap<(Option<VrfId>, bool), Vec<u8>>,
    /// The same over every VRF, to tell an address that another VRF would hold.
    any_vrf: HashMap<IpNet, u32>,
    any_lengths: HashMap<bool, Vec<u8>>,
}

impl PrefixTable {
    fn new(graph: &Graph) -> PrefixTable {
        let mut table = PrefixTable {
            by_network: HashMap::with_capacity_and_hasher(graph.prefixes.len(), Default::default()),
            lengths: HashMap::default(),
            any_vrf: HashMap::with_capacity_and_hasher(graph.prefixes.len(), Default::default()),
            any_lengths: HashMap::default(),
        };
        for (i, node) in graph.prefixes.iter().enumerate() {
            let v6 = node.prefix.addr().is_ipv6();
            table
                .by_network
                .entry((node.vrf, node.prefix))
                .or_insert(i as u32);
            table.any_vrf.entry(node.prefix).or_insert(i as u32);
            table
                .lengths
                .entry((node.vrf, v6))
                .or_default()
                .push(node.prefix.prefix_len());
            table
                .any_lengths
                .entry(v6)
                .or_default()
                .push(node.prefix.prefix_len());
        }
        for lengths in table
            .lengths
            .values_mut()
            .chain(table.any_lengths.values_mut())
        {
            lengths.sort_unstable_by(|a, b| b.cmp(a));
            lengths.dedup();
        }
        table
    }

    /// The most specific prefix of `vrf` that holds `address` with a length of at most
    /// `max`.
    fn containing(&self, vrf: Option<VrfId>, address: IpAddr, max: u8) -> Option<u32> {
        let lengths = self.lengths.get(&(vrf, address.is_ipv6()))?;
        lengths
            .iter()
            .filter(|&&len| len <= max)
            .find_map(|&len| self.by_network.get(&(vrf, network(address, len)?)).copied())
    }

    /// The most specific prefix of any VRF that holds `address`.
    fn containing_any(&self, address: IpAddr) -> Option<u32> {
        let lengths = self.any_lengths.get(&address.is_ipv6())?;
        lengths
            .iter()
            .find_map(|&len| self.any_vrf.get(&network(address, len)?).copied())
    }
}

struct AggregateTable {
    by_network: HashMap<IpNet, u32>,
    lengths: HashMap<bool, Vec<u8>>,
}

impl AggregateTable {
    fn new(graph: &Graph) -> AggregateTable {
        let mut table = AggregateTable {
            by_network: HashMap::default(),
            lengths: HashMap::default(),
        };
        for (i, node) in graph.aggregates.iter().enumerate() {
            table.by_network.entry(node.prefix).or_insert(i as u32);
            table
                .lengths
                .entry(node.prefix.addr().is_ipv6())
                .or_default()
                .push(node.prefix.prefix_len());
        }
        for lengths in table.lengths.values_mut() {
            lengths.sort_unstable_by(|a, b| b.cmp(a));
            lengths.dedup();
        }
        table
    }

    fn contains(&self, net: &IpNet) -> bool {
        self.lengths
            .get(&net.addr().is_ipv6())
            .is_some_and(|lengths| {
                lengths
                    .iter()
                    .filter(|&&len| len <= net.prefix_len())
                    .any(|&len| {
                        network(net.addr(), len).is_some_and(|n| self.by_network.contains_key(&n))
                    })
            })
    }
}

fn duplicate_prefixes(graph: &Graph, config: &Config, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(Option<VrfId>, IpNet), usize> = HashMap::default();
    for (i, node) in graph.prefixes.iter().enumerate() {
        if !enforces_unique(graph, config, node.vrf) {
            continue;
        }
        match seen.get(&(node.vrf, node.prefix)) {
            Some(&first) => out.push(
                Diagnostic::new(
                    &codes::DUPLICATE_PREFIX,
                    format!(
                        "prefix {} is defined twice in VRF `{}`",
                        node.prefix,
                        graph.vrf_name(node.vrf)
                    ),
                )
                .at_labelled(prefix_location(graph, i), "defined again here")
                .with_secondary(prefix_location(graph, first), "first defined here")
                .with_help(uniqueness_help(node.vrf)),
            ),
            None => {
                seen.insert((node.vrf, node.prefix), i);
            }
        }
    }
}

fn uniqueness_help(vrf: Option<VrfId>) -> &'static str {
    if vrf.is_some() {
        "remove one, or set `enforce_unique: false` on the VRF if the overlap is intended"
    } else {
        "remove one, put them in different VRFs, or set `policy.enforce_global_unique: false`"
    }
}

fn prefix_parents(
    graph: &Graph,
    config: &Config,
    prefixes: &PrefixTable,
    aggregates: &AggregateTable,
    out: &mut Vec<Diagnostic>,
) {
    if !config.policy.require_parent_prefix {
        return;
    }
    for (i, node) in graph.prefixes.iter().enumerate() {
        let len = node.prefix.prefix_len();
        let address = node.prefix.addr();
        let in_own_vrf = len > 0 && prefixes.containing(node.vrf, address, len - 1).is_some();
        // As in NetBox, a global container holds the prefixes of every VRF.
        let in_global_container = node.vrf.is_some()
            && len > 0
            && prefixes
                .containing(None, address, len - 1)
                .is_some_and(|p| is_container(graph, p as usize));
        if in_own_vrf || in_global_container || aggregates.contains(&node.prefix) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &codes::ORPHAN_PREFIX,
                format!(
                    "prefix {} lies in no prefix of VRF `{}` and in no aggregate",
                    node.prefix,
                    graph.vrf_name(node.vrf)
                ),
            )
            .at(prefix_location(graph, i))
            .with_help(
                "add the containing prefix or aggregate, or turn off `policy.require_parent_prefix`",
            ),
        );
    }
}

fn is_container(graph: &Graph, prefix: usize) -> bool {
    let data = &graph.model.prefixes[graph.prefixes[prefix].object.index()].data;
    data.status
        .as_ref()
        .is_some_and(|s| s.value.is("container"))
}

fn addresses(graph: &Graph, config: &Config, prefixes: &PrefixTable, out: &mut Vec<Diagnostic>) {
    // The holders of each host address so far, per VRF.
    let mut holders: HashMap<(Option<VrfId>, IpAddr), Holders> =
        HashMap::with_capacity_and_hasher(graph.ip_addresses.len(), Default::default());
    for (i, node) in graph.ip_addresses.iter().enumerate() {
        let address = node.address.addr();
        // A group's virtual address takes its protocol's role when it names none.
        let role = graph.ip_role(IpId::from_index(i));
        let assigned =
            node.interface.is_some() || graph.ip_fhrp_group(IpId::from_index(i)).is_some();

        // NetBox refuses the network and broadcast addresses of IPv4 subnets up to /30 on
        // an interface or FHRP group only (`IPAddress.clean` tests `assigned_object`
        // first): an address assigned to nothing may be one, e.g. to reserve it.
        if let (IpNet::V4(v4), true) = (node.address, assigned) {
            if v4.prefix_len() < 31 {
                let what = if v4.addr() == v4.network() {
                    Some("network")
                } else if v4.addr() == v4.broadcast() {
                    Some("broadcast")
                } else {
                    None
                };
                if let Some(what) = what {
                    out.push(
                        Diagnostic::new(
                            &codes::NETWORK_OR_BROADCAST_ADDRESS,
                            format!("{} is the {what} address of {}", node.address, v4.trunc()),
                        )
                        .at(graph.ip_location(IpId::from_index(i)))
                        .with_help("assign a host address; only /31 and /32 may use every address"),
                    );
                }
            }
        }

        // Duplicates: refused unless the VRF allows them, or every holder of the address
        // has a shared role (NetBox's `IPADDRESS_ROLES_NONUNIQUE`): one VRRP address and one
        // plain address are a duplicate, whichever comes first.
        let shared = role.is_some_and(|r| r.is_shared());
        if enforces_unique(graph, config, node.vrf) {
            let this = IpId::from_index(i);
            match holders.get_mut(&(node.vrf, address)) {
                Some(seen) => {
                    let clash = if shared {
                        seen.unshared
                    } else {
                        Some(seen.first)
                    };
                    if let Some(first) = clash {
                        out.push(
                            Diagnostic::new(
                                &codes::DUPLICATE_IP_ADDRESS,
                                format!(
                                    "{address} is assigned twice in VRF `{}`",
                                    graph.vrf_name(node.vrf)
                                ),
                            )
                            .at_labelled(graph.ip_location(this), describe_holder(graph, this))
                            .with_secondary(graph.ip_location(first), describe_holder(graph, first))
                            .with_help(
                                "remove one; a shared address (VRRP, HSRP, anycast, VIP) needs its `role` on each",
                            ),
                        );
                    }
                    if !shared && seen.unshared.is_none() {
                        seen.unshared = Some(this);
                    }
                }
                None => {
                    holders.insert(
                        (node.vrf, address),
                        Holders {
                            first: this,
                            unshared: (!shared).then_some(this),
                        },
                    );
                }
            }
        }

        // The prefix that holds the address: in its own VRF, or (a mistake, when the team
        // asks for the check) only in another.
        let departures = &config.policy.netbox_departures;
        let host_len = max_len(&node.address);
        match prefixes.containing(node.vrf, address, host_len) {
            Some(prefix) => {
                if departures.mask_mismatch {
                    mask_mismatch(graph, IpId::from_index(i), prefix as usize, out);
                }
            }
            None => {
                let other = departures
                    .vrf_mismatch
                    .then(|| prefixes.containing_any(address))
                    .flatten();
                if let Some(other) = other {
                    let other_vrf = graph.prefixes[other as usize].vrf;
                    out.push(
                        Diagnostic::new(
                            &codes::VRF_MISMATCH,
                            format!(
                                "{} is in VRF `{}`, but only prefix {} of VRF `{}` holds it",
                                node.address,
                                graph.vrf_name(node.vrf),
                                graph.prefixes[other as usize].prefix,
                                graph.vrf_name(other_vrf)
                            ),
                        )
                        .at(graph.ip_location(IpId::from_index(i)))
                        .with_secondary(prefix_location(graph, other as usize), "this prefix")
                        .with_help(match other_vrf {
                            Some(_) => format!(
                                "add `vrf: {}`, or turn off `policy.netbox_departures.vrf_mismatch`",
                                graph.vrf_name(other_vrf)
                            ),
                            None => "remove the address's `vrf`, add a prefix to its VRF, or turn off `policy.netbox_departures.vrf_mismatch`".to_string(),
                        }),
                    );
                } else if config.policy.require_parent_prefix {
                    out.push(
                        Diagnostic::new(
                            &codes::ORPHAN_IP_ADDRESS,
                            format!(
                                "{} lies in no prefix of VRF `{}`",
                                node.address,
                                graph.vrf_name(node.vrf)
                            ),
                        )
                        .at(graph.ip_location(IpId::from_index(i)))
                        .with_help(
                            "add the prefix it belongs to, or turn off `policy.require_parent_prefix`",
                        ),
                    );
                }
            }
        }
    }
}

/// The holders of one address seen so far: the first, and the first without a shared role.
struct Holders {
    first: IpId,
    unshared: Option<IpId>,
}

/// `10.0.0.1/24 on leaf1:Vlan10`, or the bare address when unassigned.
fn describe_holder(graph: &Graph, ip: IpId) -> String {
    match graph.ip_addresses[ip.index()].interface {
        Some(interface) => format!("on {}", graph.interface_label(interface)),
        None => "unassigned".to_string(),
    }
}

fn mask_mismatch(graph: &Graph, ip: IpId, prefix: usize, out: &mut Vec<Diagnostic>) {
    let node = &graph.ip_addresses[ip.index()];
    let parent = &graph.prefixes[prefix];
    if node.address.prefix_len() == parent.prefix.prefix_len()
        || node.address.prefix_len() == max_len(&node.address)
    {
        return;
    }
    let data = graph.ip_data(ip);
    if data
        .role
        .as_ref()
        .is_some_and(|r| r.value.is("loopback") || r.value.is("anycast") || r.value.is("vip"))
    {
        return;
    }
    let prefix_data = &graph.model.prefixes[parent.object.index()].data;
    if prefix_data.is_pool || is_container(graph, prefix) {
        return;
    }
    let suggestion = IpNet::new(node.address.addr(), parent.prefix.prefix_len())
        .map(|n| n.to_string())
        .unwrap_or_default();
    out.push(
        Diagnostic::new(
            &codes::MASK_MISMATCH,
            format!(
                "{} has a /{} mask, but its prefix {} is a /{}",
                node.address,
                node.address.prefix_len(),
                parent.prefix,
                parent.prefix.prefix_len()
            ),
        )
        .at(graph.ip_location(ip))
        .with_secondary(
            prefix_location(graph, prefix),
            "the most specific prefix holding it",
        )
        .with_help(format!(
            "write `{suggestion}`, mark the prefix `is_pool: true` or `status: container`, or turn off `policy.netbox_departures.mask_mismatch`"
        )),
    );
}

/// An address as a family flag and a number, for sorting and sweeping.
fn bits(address: IpAddr) -> (bool, u128) {
    match address {
        IpAddr::V4(a) => (false, u128::from(u32::from(a))),
        IpAddr::V6(a) => (true, u128::from(a)),
    }
}

fn ip_ranges(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let location = |i: usize| {
        let object = &graph.model.ip_ranges[graph.ip_ranges[i].object.index()];
        object.at(&object.data.start_address)
    };
    // (VRF, v6, start, end, index) of every valid range.
    let mut valid = Vec::with_capacity(graph.ip_ranges.len());
    for (i, node) in graph.ip_ranges.iter().enumerate() {
        let (start_v6, start) = bits(node.start.addr());
        let (end_v6, end) = bits(node.end.addr());
        let problem = if start_v6 != end_v6 {
            Some(format!(
                "{} and {} are of different families",
                node.start, node.end
            ))
        } else if node.start.prefix_len() != node.end.prefix_len() {
            Some(format!(
                "the bounds have different masks (/{} and /{})",
                node.start.prefix_len(),
                node.end.prefix_len()
            ))
        } else if start > end {
            Some(format!(
                "the range starts at {} after it ends at {}",
                node.start.addr(),
                node.end.addr()
            ))
        } else if node.start.trunc() != node.end.trunc() {
            Some(format!(
                "{} and {} are in different subnets",
                node.start, node.end
            ))
        } else {
            None
        };
        match problem {
            Some(message) => out.push(
                Diagnostic::new(&codes::INVALID_IP_RANGE, message)
                    .at(location(i))
                    .with_help("give two addresses of one subnet, with its mask, the lower first"),
            ),
            None => valid.push((node.vrf, start_v6, start, end, i)),
        }
    }
    valid.sort_unstable();
    // Sweep per (VRF, family): a range overlaps the earlier range that reaches furthest.
    let mut furthest: Option<(Option<VrfId>, bool, u128, usize)> = None;
    for &(vrf, v6, start, end, i) in &valid {
        if let Some((f_vrf, f_v6, f_end, f_index)) = furthest {
            if f_vrf == vrf && f_v6 == v6 && start <= f_end {
                let other = &graph.ip_ranges[f_index];
                out.push(
                    Diagnostic::new(
                        &codes::OVERLAPPING_IP_RANGES,
                        format!(
                            "IP range {}-{} overlaps {}-{} in VRF `{}`",
                            graph.ip_ranges[i].start.addr(),
                            graph.ip_ranges[i].end.addr(),
                            other.start.addr(),
                            other.end.addr(),
                            graph.vrf_name(vrf)
                        ),
                    )
                    .at(location(i))
                    .with_secondary(location(f_index), "the range it overlaps"),
                );
                if end <= f_end {
                    continue;
                }
            }
        }
        furthest = Some((vrf, v6, end, i));
    }
}

/// NetBox's `IPAddress.clean` refuses an address inside a range of its VRF marked
/// populated. The populated ranges are sorted once; each address finds the range starting
/// last before it by binary search, and nothing is done when no range is populated.
fn addresses_in_populated_ranges(graph: &Graph, out: &mut Vec<Diagnostic>) {
    // (VRF, v6, start, end, index) of every well-formed populated range.
    let mut ranges: Vec<(Option<VrfId>, bool, u128, u128, usize)> = graph
        .ip_ranges
        .iter()
        .enumerate()
        .filter(|(_, node)| {
            graph.model.ip_ranges[node.object.index()]
                .data
                .mark_populated
        })
        .filter_map(|(i, node)| {
            let (start_v6, start) = bits(node.start.addr());
            let (end_v6, end) = bits(node.end.addr());
            (start_v6 == end_v6 && start <= end).then_some((node.vrf, start_v6, start, end, i))
        })
        .collect();
    if ranges.is_empty() {
        return;
    }
    ranges.sort_unstable();
    for (ip, node) in graph.ip_addresses.iter().enumerate() {
        let (v6, number) = bits(node.address.addr());
        let after = ranges.partition_point(|r| (r.0, r.1, r.2) <= (node.vrf, v6, number));
        let Some(&(vrf, range_v6, start, end, range)) = after.checked_sub(1).map(|i| &ranges[i])
        else {
            continue;
        };
        if vrf != node.vrf || range_v6 != v6 || number < start || number > end {
            continue;
        }
        let ip = IpId::from_index(ip);
        let object = &graph.model.ip_ranges[graph.ip_ranges[range].object.index()];
        out.push(
            Diagnostic::new(
                &codes::ADDRESS_IN_POPULATED_RANGE,
                format!(
                    "{} lies inside the populated range {}-{} in VRF `{}`",
                    node.address,
                    graph.ip_ranges[range].start.addr(),
                    graph.ip_ranges[range].end.addr(),
                    graph.vrf_name(vrf)
                ),
            )
            .at(graph.ip_location(ip))
            .with_secondary(object.at(&object.data.start_address), "marked populated")
            .with_help("pick an address outside the range, or drop `mark_populated` if the range hands out single addresses"),
        );
    }
}

fn overlapping_aggregates(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let location = |i: usize| {
        let object = &graph.model.aggregates[graph.aggregates[i].object.index()];
        object.at(&object.data.prefix)
    };
    let mut sorted: Vec<(bool, u128, u128, usize)> = graph
        .aggregates
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let (v6, start) = bits(node.prefix.network());
            let (_, end) = bits(node.prefix.broadcast());
            (v6, start, end, i)
        })
        .collect();
    sorted.sort_unstable();
    let mut furthest: Option<(bool, u128, usize)> = None;
    for &(v6, start, end, i) in &sorted {
        if let Some((f_v6, f_end, f_index)) = furthest {
            if f_v6 == v6 && start <= f_end {
                out.push(
                    Diagnostic::new(
                        &codes::OVERLAPPING_AGGREGATES,
                        format!(
                            "aggregate {} overlaps aggregate {}",
                            graph.aggregates[i].prefix, graph.aggregates[f_index].prefix
                        ),
                    )
                    .at(location(i))
                    .with_secondary(location(f_index), "the aggregate it overlaps")
                    .with_help("aggregates may not overlap; make the smaller one a prefix"),
                );
                if end <= f_end {
                    continue;
                }
            }
        }
        furthest = Some((v6, end, i));
    }
}
