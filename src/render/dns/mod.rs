//! The `dns` renderer: BIND zone files from the `dns_name`s of IP addresses.
//!
//! Forward zones get A and AAAA records, reverse zones (`in-addr.arpa` on octet
//! boundaries, `ip6.arpa` on nibble boundaries) PTR records. A name belongs to the longest
//! configured zone it ends in. With `views` (`views.rs`), each view has its own copy of the
//! reverse zones, holding the PTR records of its VRFs. The SOA serial is the commit time in Unix seconds, so it is
//! the same for the same commit and grows along history. Records are sorted, so the same
//! graph gives the same bytes.

mod declared;
mod delegation;
mod names;
mod records;
pub mod serial;
mod views;
mod zones;

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use ipnet::IpNet;
use rayon::prelude::*;

use super::{join, Context, Rendered, RenderedFile};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::{validate_dns_name, IpId, VrfId};
use crate::model::config::Output;
pub use names::reverse_pointer;
use names::{labels_key, normalize, relative, ZoneNames};
use records::{zone_file, OwnerKey, Record, RecordKind};
use serial::serial;
use views::{check_views, IndexedZone};
use zones::{check_zone, zone_list, ZoneInfo};

pub fn render(cx: &Context, output: &Output, base: &str, out: &mut Rendered) {
    let graph = &cx.compilation.graph;
    let mut zones: Vec<ZoneInfo> = Vec::new();
    let mut by_name = ZoneNames::default();
    for zone in &output.zones {
        let Some(info) = check_zone(cx, zone, &by_name, &zones, out) else {
            continue;
        };
        by_name.insert(info.name.clone(), zones.len());
        zones.push(info);
    }
    if zones.is_empty() {
        return;
    }
    let Some(views) = check_views(cx, &output.views, out) else {
        return;
    };

    let mut step = cx.timings.steps("render/dns");
    let reverse_zones: Vec<(IpNet, usize)> = zones
        .iter()
        .enumerate()
        .filter_map(|(z, zone)| Some((zone.reverse?, z)))
        .collect();
    // Every address's records, worked out in parallel; then merged in address order, so
    // the first claim of a PTR is always the same one.
    struct Found {
        name: String,
        location: Location,
        address: IpAddr,
        vrf: Option<VrfId>,
        forward: Option<(usize, Record)>,
        /// The reverse zone, the view (0 without views) and the PTR record.
        reverse: Option<(usize, usize, Record)>,
        /// Why a name that would be rendered breaks the DNS's rules (NS0108).
        invalid: Option<String>,
    }
    let found: Vec<Found> = (0..graph.ip_addresses.len() as u32)
        .into_par_iter()
        .map(IpId::new)
        .filter_map(|ip| {
            let dns_name = graph.ip_data(ip).dns_name.as_ref()?;
            let node = &graph.ip_addresses[ip.index()];
            let name = normalize(&dns_name.value);
            let address = node.address.addr();
            let vrf = node.vrf;
            // NetBox lets a name start with `*`, but here it would become a wildcard
            // A record answering for every unlisted name and a PTR naming `*.`: refused.
            if name == "*" || name.starts_with("*.") {
                return Some(Found {
                    location: Location::new(node.file, dns_name.span),
                    name,
                    address,
                    vrf,
                    forward: None,
                    reverse: None,
                    invalid: None,
                });
            }
            let forward = by_name
                .find(&name)
                .filter(|&z| zones[z].reverse.is_none())
                .map(|z| {
                    let kind = match address {
                        IpAddr::V4(_) => RecordKind::A,
                        IpAddr::V6(_) => RecordKind::Aaaa,
                    };
                    let record = Record {
                        sort: labels_key(&name),
                        owner: relative(&name, &zones[z].name),
                        kind,
                        data: address.to_string(),
                    };
                    (z, record)
                });
            // The longest reverse zone holding the address: the one its pointer name lies
            // in, in the view of the address's VRF (none when no view lists the VRF).
            let view = views.of(vrf);
            let reverse = reverse_zones
                .iter()
                .filter(|_| view.is_some())
                .filter(|(net, _)| net.contains(&address))
                .max_by_key(|(net, _)| net.prefix_len())
                .map(|&(_, z)| {
                    let pointer = reverse_pointer(address);
                    let record = Record {
                        sort: OwnerKey::Address(address),
                        owner: relative(&pointer, &zones[z].name),
                        kind: RecordKind::Ptr,
                        data: format!("{name}."),
                    };
                    (z, view.unwrap_or_default(), record)
                });
            // NetBox's `DNSValidator` (checked when loading) lets `_`, long labels and edge
            // hyphens through; BIND refuses a zone holding them, so a name this output would
            // write is held to the DNS's rules here, and one in no zone is only outside.
            let (forward, reverse, invalid) = match validate_dns_name(&name) {
                Ok(()) => (forward, reverse, None),
                Err(reason) => {
                    let rendered = forward.is_some() || reverse.is_some();
                    (None, None, rendered.then_some(reason))
                }
            };
            Some(Found {
                location: Location::new(node.file, dns_name.span),
                name,
                address,
                vrf,
                forward,
                reverse,
                invalid,
            })
        })
        .collect();

    step.done("records");
    // The first address (and its name) to claim each PTR owner, to report a second claim;
    // decided on borrowed names, before the records move into their zones.
    let mut ptr_claims: HashMap<(usize, usize, &str), usize> = HashMap::default();
    ptr_claims.reserve(found.len());
    let mut claimed = vec![true; found.len()];
    for (i, f) in found.iter().enumerate() {
        let Some((z, view, record)) = &f.reverse else {
            continue;
        };
        match ptr_claims.get(&(*z, *view, record.owner.as_str())) {
            Some(&first) if found[first].name == f.name => claimed[i] = false,
            Some(&first) if found[first].vrf != f.vrf => {
                claimed[i] = false;
                let help = if views.views.is_empty() {
                    "give the `dns` output `views`, one per VRF with the clients it answers, so each VRF gets its own reverse zones".to_string()
                } else {
                    format!(
                        "the VRFs `{}` and `{}` share the view `{}`: list them in different views",
                        graph.vrf_name(found[first].vrf),
                        graph.vrf_name(f.vrf),
                        views.views[*view].name.value
                    )
                };
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::PTR_ACROSS_VRFS,
                        format!(
                            "`{}` of VRF `{}` and of VRF `{}` would write two PTR records into `{}`: `{}` and `{}`",
                            f.address,
                            graph.vrf_name(found[first].vrf),
                            graph.vrf_name(f.vrf),
                            zones[*z].name,
                            found[first].name,
                            f.name
                        ),
                    )
                    .at(f.location)
                    .with_secondary(found[first].location, "the first name of the address")
                    .with_help(help),
                );
            }
            Some(&first) => {
                claimed[i] = false;
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_PTR,
                        format!(
                            "`{}` would get two PTR records: `{}` and `{}`",
                            f.address, found[first].name, f.name
                        ),
                    )
                    .at(f.location)
                    .with_secondary(found[first].location, "the first name of the address")
                    .with_help("keep the `dns_name` on one of the addresses only"),
                );
            }
            None => {
                ptr_claims.insert((*z, *view, record.owner.as_str()), i);
            }
        }
    }
    drop(ptr_claims);
    // With views, each view's PTR records wait here, by view and zone, until the records
    // every copy shares (delegations, declared records) are in the zone itself.
    let mut view_records: Vec<Vec<Record>> = if views.views.is_empty() {
        Vec::new()
    } else {
        (0..views.len() * zones.len()).map(|_| Vec::new()).collect()
    };
    let mut servers = delegation::Servers::new(&zones);
    for (f, claimed) in found.into_iter().zip(claimed) {
        if let Some(reason) = &f.invalid {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::INVALID_DNS_NAME,
                    format!("`{}` is not a valid DNS name: {reason}", f.name),
                )
                .at(f.location)
                .with_help("the `dns` output writes it into a zone, which BIND would refuse: use labels of letters, digits and hyphens, 1 to 63 characters each, separated by dots"),
            );
            continue;
        }
        if f.name == "*" || f.name.starts_with("*.") {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::WILDCARD_DNS_NAME,
                    format!(
                        "`{}` is a wildcard: it would answer for every name not listed and give `{}` a PTR record naming `*`",
                        f.name, f.address
                    ),
                )
                .at(f.location)
                .with_help("give the address its own name; a wildcard record belongs in a zone managed by hand"),
            );
            continue;
        }
        servers.note(&f.name, f.address, f.location);
        match f.forward {
            Some((z, record)) => {
                zones[z].records.push(record);
            }
            None => out.diagnostics.push(
                Diagnostic::new(
                    &codes::DNS_NAME_OUTSIDE_ZONES,
                    format!(
                        "`{}` lies in no zone of the `dns` output; it gets no A or AAAA record",
                        f.name
                    ),
                )
                .at(f.location)
                .with_help(format!(
                    "the forward zones are {}; fix the name or add its zone to netsot.yaml",
                    zone_list(&zones)
                )),
            ),
        }
        if let (Some((z, view, record)), true) = (f.reverse, claimed) {
            if view_records.is_empty() {
                zones[z].records.push(record);
            } else {
                view_records[view * zones.len() + z].push(record);
            }
        }
    }
    step.done("claims");
    delegation::check_addresses(cx, &zones, &servers, out);
    delegation::add(cx, &mut zones, &by_name, &servers, out);
    let pending = declared::add(cx, &mut zones, &by_name, out);
    step.done("glue");
    zones.par_iter_mut().for_each(|zone| {
        zone.records.par_sort_unstable();
        zone.records.dedup();
    });
    declared::check(&pending, &zones, out);
    // Each view's copy of a reverse zone: the zone's shared records and the view's PTRs.
    let zone_count = zones.len();
    let mut copies: Vec<(Option<usize>, ZoneInfo)> = Vec::with_capacity(view_records.len());
    for (at, records) in view_records.into_iter().enumerate() {
        let zone = &zones[at % zone_count];
        if zone.reverse.is_some() {
            let mut shared = zone.records.clone();
            shared.extend(records);
            let copy = ZoneInfo {
                zone: zone.zone,
                name: zone.name.clone(),
                reverse: zone.reverse,
                records: shared,
            };
            copies.push((Some(at / zone_count), copy));
        }
    }
    copies.par_iter_mut().for_each(|(_, zone)| {
        zone.records.par_sort_unstable();
        zone.records.dedup();
    });
    if !copies.is_empty() {
        zones.retain(|zone| zone.reverse.is_none());
    }
    let mut written: Vec<(Option<usize>, ZoneInfo)> =
        zones.into_iter().map(|zone| (None, zone)).collect();
    written.append(&mut copies);
    step.done("sort");
    let serial = serial(cx.compilation.commit_time);
    let texts: Vec<String> = written
        .par_iter()
        .map(|(_, zone)| zone_file(zone, serial))
        .collect();
    step.done("text");
    let mut indexed = Vec::with_capacity(written.len());
    for ((view, zone), text) in written.iter().zip(texts) {
        let file = match view {
            Some(v) => format!("{}/{}.zone", views.views[*v].name.value, zone.name),
            None => format!("{}.zone", zone.name),
        };
        let path = join(base, &file);
        out.zone_files.push(path.clone());
        out.files.push(RenderedFile {
            path,
            bytes: text.into_bytes(),
        });
        indexed.push(IndexedZone {
            name: &zone.name,
            file,
            view: *view,
        });
    }
    out.files.push(RenderedFile {
        path: join(base, "named.conf.zones"),
        bytes: views::index(&views, &indexed).into_bytes(),
    });
}
