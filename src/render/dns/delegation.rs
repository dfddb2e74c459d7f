//! Name servers: their addresses (configured, else from IPAM), the glue inside their own
//! zone, and the delegation of each configured zone from the configured zone above it
//! (NS records at the cut, with glue for name servers below it).

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use super::names::{fqdn, in_zone, labels_key, normalize, relative, ZoneNames};
use super::records::{Record, RecordKind};
use super::zones::ZoneInfo;
use crate::diag::{codes, Diagnostic, Location};
use crate::render::{Context, Rendered};

/// The name servers of every zone, by normalised name, with the addresses IPAM gives them
/// (the addresses whose `dns_name` is the server's name). Only these few names are looked
/// up while addresses are collected, one hash probe per address with a name.
#[derive(Default)]
pub(super) struct Servers {
    by_name: HashMap<String, usize>,
    ipam: Vec<Vec<(IpAddr, Location)>>,
}

impl Servers {
    pub(super) fn new(zones: &[ZoneInfo]) -> Servers {
        let mut servers = Servers::default();
        for zone in zones {
            for server in &zone.zone.value.nameservers {
                let name = normalize(&server.value.name.value);
                let next = servers.ipam.len();
                if let std::collections::hash_map::Entry::Vacant(slot) = servers.by_name.entry(name)
                {
                    slot.insert(next);
                    servers.ipam.push(Vec::new());
                }
            }
        }
        servers
    }

    /// Notes an address of IPAM whose `dns_name` is `name`, when that is a name server's.
    pub(super) fn note(&mut self, name: &str, address: IpAddr, location: Location) {
        if let Some(&i) = self.by_name.get(name) {
            self.ipam[i].push((address, location));
        }
    }

    fn in_ipam(&self, name: &str) -> &[(IpAddr, Location)] {
        self.by_name
            .get(name)
            .map_or(&[][..], |&i| self.ipam[i].as_slice())
    }
}

/// A name server's addresses: those configured under `addresses`, else IPAM's for its name.
fn addresses(server: &crate::model::config::NameServer, servers: &Servers) -> Vec<IpAddr> {
    let configured: Vec<IpAddr> = server
        .addresses
        .iter()
        .filter_map(|a| a.value.parse().ok())
        .collect();
    if !configured.is_empty() {
        return configured;
    }
    let mut found: Vec<IpAddr> = servers
        .in_ipam(&normalize(&server.name.value))
        .iter()
        .map(|&(address, _)| address)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

fn address_record(name: &str, zone: &str, address: IpAddr) -> Record {
    Record {
        sort: labels_key(name),
        owner: relative(name, zone),
        kind: if address.is_ipv4() {
            RecordKind::A
        } else {
            RecordKind::Aaaa
        },
        data: address.to_string(),
    }
}

/// Reports a configured name-server address that IPAM disagrees with (NS0812): IPAM has
/// addresses named like the server, and this one is not among them.
pub(super) fn check_addresses(
    cx: &Context,
    zones: &[ZoneInfo],
    servers: &Servers,
    out: &mut Rendered,
) {
    for zone in zones {
        for server in &zone.zone.value.nameservers {
            let name = normalize(&server.value.name.value);
            let known = servers.in_ipam(&name);
            let Some(&(first, first_at)) = known.first() else {
                continue;
            };
            for address in &server.value.addresses {
                let Ok(parsed) = address.value.parse::<IpAddr>() else {
                    continue;
                };
                if known.iter().any(|&(a, _)| a == parsed) {
                    continue;
                }
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::NAMESERVER_ADDRESS_MISMATCH,
                        format!(
                            "the name server `{name}` of the zone `{}` is given `{parsed}`, an address IPAM does not give that name (IPAM has `{first}`)",
                            zone.name
                        ),
                    )
                    .at(cx.at(address))
                    .with_secondary(first_at, "IPAM's address of the name server")
                    .with_help(format!(
                        "write the address IPAM has (`{first}`), or leave `addresses` out to take IPAM's"
                    )),
                );
            }
        }
    }
}

/// Adds to each forward zone the addresses of its name servers inside it, and to each
/// zone with a configured zone above it that zone's delegation: NS records at the cut
/// and glue for the name servers below the cut.
pub(super) fn add(
    cx: &Context,
    zones: &mut [ZoneInfo],
    by_name: &ZoneNames,
    servers: &Servers,
    out: &mut Rendered,
) {
    let mut added: Vec<(usize, Record)> = Vec::new();
    for (z, zone) in zones.iter().enumerate() {
        let parent = zone
            .name
            .split_once('.')
            .and_then(|(_, above)| by_name.find(above));
        for server in &zone.zone.value.nameservers {
            let name = normalize(&server.value.name.value);
            let below = in_zone(&name, &zone.name);
            let addresses = if below || parent.is_some() {
                addresses(&server.value, servers)
            } else {
                Vec::new()
            };
            if below && zone.reverse.is_none() {
                let owner = relative(&name, &zone.name);
                let has_address = !addresses.is_empty()
                    || zone
                        .records
                        .iter()
                        .any(|r| r.owner == owner && r.kind != RecordKind::Ptr);
                if !has_address {
                    out.diagnostics.push(
                        Diagnostic::new(
                            &codes::INVALID_ZONE,
                            format!("the name server `{name}` lies inside the zone `{}` but has no address", zone.name),
                        )
                        .at(cx.at(&server.value.name))
                        .with_help("list its `addresses`, or give an address the `dns_name` of the name server"),
                    );
                }
                added.extend(
                    addresses
                        .iter()
                        .map(|&a| (z, address_record(&name, &zone.name, a))),
                );
            }
            let Some(p) = parent else {
                continue;
            };
            let parent_name = &zones[p].name;
            added.push((
                p,
                Record {
                    sort: labels_key(&zone.name),
                    owner: relative(&zone.name, parent_name),
                    kind: RecordKind::Ns,
                    data: fqdn(&name),
                },
            ));
            // Glue: a resolver following the referral cannot look up a name server below
            // the cut without its address, so the parent carries it.
            if below {
                added.extend(
                    addresses
                        .iter()
                        .map(|&a| (p, address_record(&name, parent_name, a))),
                );
            }
        }
    }
    for (z, record) in added {
        zones[z].records.push(record);
    }
}
