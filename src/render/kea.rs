//! The `kea` renderer: `kea-dhcp4.conf` and `kea-dhcp6.conf` for ISC Kea from IPAM.
//!
//! NetBox has no DHCP field, so roles mark what is served (`dhcp:` of the output): a
//! prefix whose role is in `prefix_roles` is a subnet, an IP range whose role is in
//! `range_roles` a pool of the subnet holding it. An address on an interface with a
//! `mac_address` inside a subnet is a reservation for that hardware address (DHCPv6 too,
//! with `host-reservation-identifiers: [hw-address]`, since the data holds no DUIDs). A
//! subnet's routers are its addresses tagged `gateway_tag` or holding an FHRP or anycast
//! role; name servers and the domain come from the settings. Subnet ids are a hash of the
//! prefix, so adding a subnet does not renumber the others (Kea keys leases by subnet id).
//!
//! Reported: an address with `status: dhcp` in no subnet (NS0826), two reservations of one
//! MAC in a subnet (NS0827), a reservation inside a pool (NS0828, a warning: Kea allows
//! it), a pool in no subnet (NS0829) and one prefix served twice (NS0831). A MAC address
//! is written as six colon-separated octets from any form NetBox stores; `check` refuses
//! the others (NS0111).

use std::collections::{BTreeSet, HashMap};
use std::net::IpAddr;

use ipnet::IpNet;
use serde_json::{json, Value};

use super::kea_options::{self, ContextOptions, OptionData, PrefixOptions};
use super::{join, Context, Rendered, RenderedFile};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::{InterfaceId, IpId, VrfId};
use crate::model::config::{Dhcp, Output};
use crate::model::ipam::IpRole;

pub fn render(cx: &Context, output: &Output, base: &str, out: &mut Rendered) {
    let Some(settings) = &output.dhcp else {
        out.diagnostics.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                "a `kea` output needs `dhcp` settings".to_string(),
            )
            .at(cx.at(&output.renderer))
            .with_help("add `dhcp: {prefix_roles: [...], range_roles: [...]}`: NetBox has no DHCP field, so roles mark what is served"),
        );
        return;
    };
    let settings = &settings.value;
    let mut subnets = Subnets::new(cx, settings, out);
    subnets.add_pools(cx, settings, out);
    subnets.add_addresses(cx, settings, out);
    let servers = name_servers(cx, settings, out);
    let options = settings
        .options
        .as_ref()
        .map(|o| kea_options::settings_options(cx, o, out))
        .unwrap_or_default();
    for (v4, file) in [(true, "kea-dhcp4.conf"), (false, "kea-dhcp6.conf")] {
        let config = subnets.config(settings, &servers, &options[usize::from(!v4)], v4);
        let mut bytes = serde_json::to_vec_pretty(&config).unwrap_or_default();
        bytes.push(b'\n');
        out.files.push(RenderedFile {
            path: join(base, file),
            bytes,
        });
    }
}

/// A DHCP subnet: a prefix of a role of `prefix_roles`.
struct Subnet {
    prefix: IpNet,
    id: u32,
    pools: Vec<(IpAddr, IpAddr)>,
    routers: BTreeSet<IpAddr>,
    /// From the prefix's `options_field`.
    options: OptionData,
    reservations: Vec<Reservation>,
}

/// An interface's hardware address and the addresses reserved for it in one subnet.
struct Reservation {
    mac: String,
    interface: InterfaceId,
    addresses: Vec<IpAddr>,
    hostname: Option<String>,
    /// From the host's config context under `context_key`.
    options: OptionData,
}

/// The subnets of an output, and a hash of them by VRF and network, probed once per prefix
/// length present: an address finds its subnet without comparing it with every subnet.
struct Subnets {
    list: Vec<Subnet>,
    by_network: HashMap<(Option<VrfId>, IpNet), usize>,
    lengths: BTreeSet<(bool, u8)>,
}

impl Subnets {
    fn new(cx: &Context, settings: &Dhcp, out: &mut Rendered) -> Subnets {
        let graph = &cx.compilation.graph;
        let m = &graph.model;
        let mut marked: Vec<(IpNet, Option<VrfId>, usize)> = Vec::new();
        for (index, node) in graph.prefixes.iter().enumerate() {
            let data = &m.prefixes[node.object.index()].data;
            let served = data
                .role
                .as_ref()
                .is_some_and(|r| settings.prefix_roles.iter().any(|p| p.value == r.value));
            if served {
                marked.push((node.prefix.trunc(), node.vrf, index));
            }
        }
        // By family and network, so ids and files do not depend on load order.
        marked.sort_by_key(|&(prefix, vrf, _)| (prefix.addr().is_ipv6(), prefix, vrf));
        let mut subnets = Subnets {
            list: Vec::new(),
            by_network: HashMap::new(),
            lengths: BTreeSet::new(),
        };
        let mut first: HashMap<IpNet, usize> = HashMap::new();
        let mut ids = BTreeSet::new();
        let prefix_options = PrefixOptions::new(cx, settings, out);
        for (prefix, vrf, index) in marked {
            let node = &graph.prefixes[index];
            let object = &m.prefixes[node.object.index()];
            if let Some(&earlier) = first.get(&prefix) {
                let other = &m.prefixes[graph.prefixes[earlier].object.index()];
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_DHCP_SUBNET,
                        format!("the DHCP subnet `{prefix}` is served twice, in the VRFs `{}` and `{}`", graph.vrf_name(graph.prefixes[earlier].vrf), graph.vrf_name(vrf)),
                    )
                    .at(object.at(&object.data.prefix))
                    .with_secondary(other.at(&other.data.prefix), "served here first")
                    .with_help("one Kea server serves a network once: serve one of them from another `kea` output, or remove its DHCP role"),
                );
                continue;
            }
            first.insert(prefix, index);
            let id = subnet_id(&prefix, &ids);
            ids.insert(id);
            subnets.by_network.insert((vrf, prefix), subnets.list.len());
            subnets
                .lengths
                .insert((prefix.addr().is_ipv4(), prefix.prefix_len()));
            subnets.list.push(Subnet {
                prefix,
                id,
                pools: Vec::new(),
                routers: BTreeSet::new(),
                options: prefix_options.of(cx, node.object.index(), prefix.addr().is_ipv4(), out),
                reservations: Vec::new(),
            });
        }
        subnets
    }

    /// The most specific subnet of `vrf` holding `address`.
    fn find(&self, vrf: Option<VrfId>, address: IpAddr) -> Option<usize> {
        self.lengths
            .iter()
            .rev()
            .filter(|&&(v4, _)| v4 == address.is_ipv4())
            .find_map(|&(_, length)| {
                let network = IpNet::new(address, length).ok()?.trunc();
                self.by_network.get(&(vrf, network)).copied()
            })
    }

    fn add_pools(&mut self, cx: &Context, settings: &Dhcp, out: &mut Rendered) {
        let graph = &cx.compilation.graph;
        for node in &graph.ip_ranges {
            let object = &graph.model.ip_ranges[node.object.index()];
            let pool = object
                .data
                .role
                .as_ref()
                .is_some_and(|r| settings.range_roles.iter().any(|p| p.value == r.value));
            if !pool {
                continue;
            }
            let (start, end) = (node.start.addr(), node.end.addr());
            match self.find(node.vrf, start) {
                Some(subnet) if self.list[subnet].prefix.contains(&end) => {
                    self.list[subnet].pools.push((start, end));
                }
                _ => out.diagnostics.push(
                    Diagnostic::new(
                        &codes::DHCP_POOL_OUTSIDE_SUBNET,
                        format!("the DHCP pool `{start}-{end}` lies in no DHCP subnet of the VRF `{}`", graph.vrf_name(node.vrf)),
                    )
                    .at(object.at(&object.data.start_address))
                    .with_help("give the prefix holding the range a role of `dhcp.prefix_roles`, or move the range into a DHCP prefix"),
                ),
            }
        }
        for subnet in &mut self.list {
            subnet.pools.sort();
        }
    }

    fn add_addresses(&mut self, cx: &Context, settings: &Dhcp, out: &mut Rendered) {
        let graph = &cx.compilation.graph;
        let gateway_tag = settings
            .gateway_tag
            .as_ref()
            .map_or("gateway", |t| t.value.as_str());
        // The first interface reserving each MAC in each subnet, to report a second.
        let mut reserved: HashMap<(usize, String), usize> = HashMap::new();
        let mut context_options = ContextOptions::new(cx, settings, out);
        for (index, node) in graph.ip_addresses.iter().enumerate() {
            let ip = IpId::from_index(index);
            let data = graph.ip_data(ip);
            let status = data.status.as_ref().map_or("active", |s| s.value.as_str());
            if matches!(status, "deprecated" | "slaac") {
                continue;
            }
            let address = node.address.addr();
            let subnet = self.find(node.vrf, address);
            let router = data.tags.iter().any(|t| t.value == gateway_tag)
                || data.role.as_ref().is_some_and(|r| is_router(r.value));
            if router {
                if let Some(subnet) = subnet {
                    self.list[subnet].routers.insert(address);
                }
                continue;
            }
            let Some(interface) = node.interface else {
                continue;
            };
            let Some(mac) = graph
                .interface_entry(interface)
                .and_then(|e| e.mac_address.as_deref())
            else {
                continue;
            };
            let Some(subnet) = subnet else {
                if status == "dhcp" {
                    out.diagnostics.push(
                        Diagnostic::new(
                            &codes::DHCP_RESERVATION_OUTSIDE_SUBNET,
                            format!("the address `{}` of `{}` has status `dhcp` but lies in no DHCP subnet of the VRF `{}`", data.address.value, graph.interface_label(interface), graph.vrf_name(node.vrf)),
                        )
                        .at(graph.ip_location(ip))
                        .with_help("give the prefix holding it a role of `dhcp.prefix_roles`, or move the address into a DHCP prefix"),
                    );
                }
                continue;
            };
            // `check` refuses a MAC NetBox would not store (NS0111), so every MAC here reads
            // as six bytes; one that does not is left out rather than guessed.
            let Some(hw) = hw_address(&mac.value) else {
                continue;
            };
            let mac_at = Location::new(graph.interface_location(interface).file, mac.span);
            let entry = &mut self.list[subnet];
            let hostname = data.dns_name.as_ref().map(|n| n.value.to_lowercase());
            match reserved.get(&(subnet, hw.clone())) {
                // DHCPv6 reserves several addresses of one interface in one reservation.
                Some(&first)
                    if address.is_ipv6() && entry.reservations[first].interface == interface =>
                {
                    entry.reservations[first].addresses.push(address);
                    continue;
                }
                Some(&first) => {
                    let other = entry.reservations[first].interface;
                    let other_mac = graph
                        .interface_entry(other)
                        .and_then(|e| e.mac_address.as_deref())
                        .map(|m| Location::new(graph.interface_location(other).file, m.span));
                    let mut diagnostic = Diagnostic::new(
                        &codes::DUPLICATE_DHCP_RESERVATION,
                        format!("the MAC address `{}` of `{}` is already reserved in the DHCP subnet `{}` by `{}`", mac.value, graph.interface_label(interface), entry.prefix, graph.interface_label(other)),
                    )
                    .at(mac_at)
                    .with_help("Kea refuses two reservations of one hardware address in a subnet: correct one of the MAC addresses");
                    if let Some(at) = other_mac {
                        diagnostic = diagnostic.with_secondary(at, "reserved here first");
                    }
                    out.diagnostics.push(diagnostic);
                    continue;
                }
                None => {}
            }
            if let Some(&(start, end)) = entry
                .pools
                .iter()
                .find(|&&(start, end)| start <= address && address <= end)
            {
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::DHCP_RESERVATION_IN_POOL,
                        format!("the address `{}` reserved for `{}` lies inside the DHCP pool `{start}-{end}`", data.address.value, graph.interface_label(interface)),
                    )
                    .at(graph.ip_location(ip))
                    .with_help("the pool may lease it to another client first: reserve an address outside the pools, or shrink the pool"),
                );
            }
            reserved.insert((subnet, hw.clone()), entry.reservations.len());
            let owner = graph.interfaces[interface.index()].owner;
            let options = context_options.of(cx, owner, address.is_ipv4(), out);
            entry.reservations.push(Reservation {
                mac: hw,
                interface,
                addresses: vec![address],
                hostname,
                options,
            });
        }
        for subnet in &mut self.list {
            subnet
                .reservations
                .sort_by(|a, b| (&a.addresses, &a.mac).cmp(&(&b.addresses, &b.mac)));
        }
    }

    /// The configuration of `kea-dhcp4` (`v4`) or `kea-dhcp6`.
    fn config(&self, settings: &Dhcp, servers: &[IpAddr], extra: &OptionData, v4: bool) -> Value {
        let interfaces: Vec<&str> = settings
            .interfaces
            .iter()
            .map(|i| i.value.as_str())
            .collect();
        let family: Vec<String> = servers
            .iter()
            .filter(|s| s.is_ipv4() == v4)
            .map(IpAddr::to_string)
            .collect();
        let mut options = OptionData::default();
        let (servers_option, domain_option) = if v4 {
            ("domain-name-servers", "domain-name")
        } else {
            ("dns-servers", "domain-search")
        };
        if !family.is_empty() {
            let data = family.join(", ");
            options.set(
                servers_option,
                json!({"name": servers_option, "data": data}),
            );
        }
        if let Some(domain) = &settings.domain_name {
            options.set(
                domain_option,
                json!({"name": domain_option, "data": domain.value}),
            );
        }
        options.extend(extra);
        let subnets: Vec<Value> = self
            .list
            .iter()
            .filter(|s| s.prefix.addr().is_ipv4() == v4)
            .map(|s| subnet_json(s, v4))
            .collect();
        let mut server = serde_json::Map::new();
        server.insert(
            "interfaces-config".into(),
            json!({"interfaces": interfaces}),
        );
        server.insert(
            "lease-database".into(),
            json!({"type": "memfile", "lfc-interval": 3600}),
        );
        server.insert(
            "valid-lifetime".into(),
            json!(settings.valid_lifetime.unwrap_or(3600)),
        );
        if !v4 {
            // The data holds MAC addresses, not DUIDs: reservations match the client's
            // hardware address, which Kea learns from its link-local address or relay.
            server.insert("host-reservation-identifiers".into(), json!(["hw-address"]));
        }
        server.insert("option-data".into(), options.to_json());
        server.insert(
            if v4 { "subnet4" } else { "subnet6" }.into(),
            Value::Array(subnets),
        );
        json!({ if v4 { "Dhcp4" } else { "Dhcp6" }: server })
    }
}

fn subnet_json(subnet: &Subnet, v4: bool) -> Value {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), json!(subnet.id));
    object.insert("subnet".into(), json!(subnet.prefix.to_string()));
    let pools: Vec<Value> = subnet
        .pools
        .iter()
        .map(|(start, end)| json!({"pool": format!("{start} - {end}")}))
        .collect();
    object.insert("pools".into(), Value::Array(pools));
    // DHCPv6 has no router option: hosts learn routers from router advertisements.
    let mut options = OptionData::default();
    if v4 && !subnet.routers.is_empty() {
        let routers: Vec<String> = subnet.routers.iter().map(IpAddr::to_string).collect();
        options.set(
            "routers",
            json!({"name": "routers", "data": routers.join(", ")}),
        );
    }
    options.extend(&subnet.options);
    if !options.is_empty() {
        object.insert("option-data".into(), options.to_json());
    }
    let reservations: Vec<Value> = subnet
        .reservations
        .iter()
        .map(|r| {
            let mut entry = serde_json::Map::new();
            entry.insert("hw-address".into(), json!(r.mac));
            if v4 {
                entry.insert("ip-address".into(), json!(r.addresses[0].to_string()));
            } else {
                let addresses: Vec<String> = r.addresses.iter().map(IpAddr::to_string).collect();
                entry.insert("ip-addresses".into(), json!(addresses));
            }
            if let Some(hostname) = &r.hostname {
                entry.insert("hostname".into(), json!(hostname));
            }
            if !r.options.is_empty() {
                entry.insert("option-data".into(), r.options.to_json());
            }
            Value::Object(entry)
        })
        .collect();
    object.insert("reservations".into(), Value::Array(reservations));
    Value::Object(object)
}

/// The name servers of the settings; one that is not an IP address is NS0111.
fn name_servers(cx: &Context, settings: &Dhcp, out: &mut Rendered) -> Vec<IpAddr> {
    let mut servers = Vec::new();
    for server in &settings.dns_servers {
        match server.value.parse::<IpAddr>() {
            Ok(address) => servers.push(address),
            Err(_) => out.diagnostics.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!("the name server `{}` is not an IP address", server.value),
                )
                .at(cx.at(server))
                .with_help("DHCP hands out name servers by address, e.g. `10.1.10.53`"),
            ),
        }
    }
    servers
}

/// Addresses that route for their subnet: first-hop redundancy and anycast gateways.
fn is_router(role: IpRole) -> bool {
    ["anycast", "vrrp", "hsrp", "glbp", "carp"]
        .iter()
        .any(|r| role.is(r))
}

/// A MAC address as Kea writes it (lower case, `:`), if it is six octets of two hex digits
/// separated by `:` or `-`.
fn hw_address(text: &str) -> Option<String> {
    let bytes = crate::check::eui48::to_bytes(text)?;
    Some(bytes.map(|b| format!("{b:02x}")).join(":"))
}

/// A subnet id stable across changes to other subnets: a hash (FNV-1a) of the prefix,
/// within Kea's range (1 to 2^32-2), moved on past ids already taken.
fn subnet_id(prefix: &IpNet, taken: &BTreeSet<u32>) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in prefix.to_string().bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let mut id = hash % (u32::MAX - 1) + 1;
    while taken.contains(&id) {
        id = id % (u32::MAX - 1) + 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_addresses_are_normalised_or_refused() {
        assert_eq!(
            hw_address("52-54-00-AA-bb-01").as_deref(),
            Some("52:54:00:aa:bb:01")
        );
        assert_eq!(
            hw_address("5254.00aa.bb01").as_deref(),
            Some("52:54:00:aa:bb:01")
        );
        assert_eq!(hw_address("52:54:00:00:01"), None);
        assert_eq!(hw_address("52:54:00:00:00:0g"), None);
    }

    #[test]
    fn subnet_ids_are_stable_and_distinct() {
        let prefix: IpNet = "10.1.10.0/24".parse().unwrap();
        let id = subnet_id(&prefix, &BTreeSet::new());
        assert_eq!(id, subnet_id(&prefix, &BTreeSet::new()));
        assert!((1..u32::MAX).contains(&id));
        let moved = subnet_id(&prefix, &BTreeSet::from([id]));
        assert_ne!(moved, id);
    }
}
