//! The `dns` renderer: BIND zone files from the `dns_name`s of IP addresses.
//!
//! Forward zones get A and AAAA records, reverse zones (`in-addr.arpa` on octet
//! boundaries, `ip6.arpa` on nibble boundaries) PTR records. A name belongs to the longest
//! configured zone it ends in. The SOA serial is the commit time in Unix seconds, so it is
//! the same for the same commit and grows along history. Records are sorted, so the same
//! graph gives the same bytes.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;
use std::net::IpAddr;

use ipnet::IpNet;
use rayon::prelude::*;

use super::{join, Context, Rendered, RenderedFile};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::{validate_dns_name, IpId};
use crate::model::config::{Output, Zone};
use crate::model::Spanned;

/// A configured zone, checked.
struct ZoneInfo<'a> {
    zone: &'a Spanned<Zone>,
    /// Lower case, no trailing dot.
    name: String,
    /// The network a reverse zone covers.
    reverse: Option<IpNet>,
    /// Unsorted while collected; sorted and deduplicated before writing.
    records: Vec<Record>,
}

/// One resource record, ordered for output: by owner (canonical order), type, then data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Record {
    sort: OwnerKey,
    owner: String,
    kind: RecordKind,
    data: String,
}

/// Reverse zones sort by address, forward zones by labels from the right (the labels,
/// reversed, joined by NUL, which sorts below every character a label may hold, so the
/// string compares like the list of labels).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum OwnerKey {
    Address(IpAddr),
    Labels(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RecordKind {
    A,
    Aaaa,
    Ptr,
}

impl RecordKind {
    fn as_str(self) -> &'static str {
        match self {
            RecordKind::A => "A",
            RecordKind::Aaaa => "AAAA",
            RecordKind::Ptr => "PTR",
        }
    }
}

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
        forward: Option<(usize, Record)>,
        reverse: Option<(usize, Record)>,
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
            // NetBox lets a name start with `*`, but here it would become a wildcard
            // A record answering for every unlisted name and a PTR naming `*.`: refused.
            if name == "*" || name.starts_with("*.") {
                return Some(Found {
                    location: Location::new(node.file, dns_name.span),
                    name,
                    address,
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
            // The longest reverse zone holding the address: the one its pointer name lies in.
            let reverse = reverse_zones
                .iter()
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
                    (z, record)
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
                forward,
                reverse,
                invalid,
            })
        })
        .collect();

    step.done("records");
    // The first address (and its name) to claim each PTR owner, to report a second claim;
    // decided on borrowed names, before the records move into their zones.
    let mut ptr_claims: HashMap<(usize, &str), usize> = HashMap::default();
    ptr_claims.reserve(found.len());
    let mut claimed = vec![true; found.len()];
    for (i, f) in found.iter().enumerate() {
        let Some((z, record)) = &f.reverse else {
            continue;
        };
        match ptr_claims.get(&(*z, record.owner.as_str())) {
            Some(&first) if found[first].name == f.name => claimed[i] = false,
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
                ptr_claims.insert((*z, record.owner.as_str()), i);
            }
        }
    }
    drop(ptr_claims);
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
        if let (Some((z, record)), true) = (f.reverse, claimed) {
            zones[z].records.push(record);
        }
    }
    step.done("claims");
    // Glue: the addresses of name servers inside a forward zone.
    for zone in &mut zones {
        if zone.reverse.is_some() {
            continue;
        }
        let zone_name = zone.name.clone();
        for server in &zone.zone.value.nameservers {
            let name = normalize(&server.value.name.value);
            if !in_zone(&name, &zone_name) {
                continue;
            }
            let mut glue = Vec::new();
            for address in &server.value.addresses {
                if let Ok(address) = address.value.parse::<IpAddr>() {
                    glue.push(Record {
                        sort: labels_key(&name),
                        owner: relative(&name, &zone_name),
                        kind: if address.is_ipv4() {
                            RecordKind::A
                        } else {
                            RecordKind::Aaaa
                        },
                        data: address.to_string(),
                    });
                }
            }
            let owner = relative(&name, &zone_name);
            let has_address = !glue.is_empty()
                || zone
                    .records
                    .iter()
                    .any(|r| r.owner == owner && r.kind != RecordKind::Ptr);
            if !has_address {
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::INVALID_ZONE,
                        format!("the name server `{name}` lies inside the zone `{zone_name}` but has no address"),
                    )
                    .at(cx.at(&server.value.name))
                    .with_help("list its `addresses`, or give an address the `dns_name` of the name server"),
                );
            }
            zone.records.extend(glue);
        }
    }

    step.done("glue");
    zones.par_iter_mut().for_each(|zone| {
        zone.records.par_sort_unstable();
        zone.records.dedup();
    });
    step.done("sort");
    let serial = serial(cx.compilation.commit_time);
    let mut index =
        String::from("// The zones rendered by netsot; include this file from named.conf.\n");
    let texts: Vec<String> = zones
        .par_iter()
        .map(|zone| zone_file(zone, serial))
        .collect();
    step.done("text");
    for (zone, text) in zones.iter().zip(texts) {
        let file = format!("{}.zone", zone.name);
        let _ = writeln!(
            index,
            "zone \"{}\" {{ type primary; file \"{}\"; }};",
            zone.name, file
        );
        out.files.push(RenderedFile {
            path: join(base, &file),
            bytes: text.into_bytes(),
        });
    }
    out.files.push(RenderedFile {
        path: join(base, "named.conf.zones"),
        bytes: index.into_bytes(),
    });
}

/// Checks one zone's settings; `None` when it cannot be rendered.
fn check_zone<'a>(
    cx: &Context,
    zone: &'a Spanned<Zone>,
    by_name: &ZoneNames,
    zones: &[ZoneInfo],
    out: &mut Rendered,
) -> Option<ZoneInfo<'a>> {
    let z = &zone.value;
    let name = normalize(&z.name.value);
    let mut ok = true;
    for (what, value) in [
        ("zone", &z.name),
        ("primary name server", &z.primary_ns),
        ("admin mailbox", &z.admin),
    ] {
        let valid = if what == "admin mailbox" {
            mailbox_name(&value.value).map(drop)
        } else {
            host_name(&value.value)
        };
        if let Err(reason) = valid {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::INVALID_DNS_NAME,
                    format!(
                        "the {what} `{}` is not a valid DNS name: {reason}",
                        value.value
                    ),
                )
                .at(cx.at(value)),
            );
            ok = false;
        }
    }
    if let Some(first) = by_name.get(&name) {
        out.diagnostics.push(
            Diagnostic::new(
                &codes::INVALID_ZONE,
                format!("the zone `{name}` is configured twice"),
            )
            .at(cx.at(&z.name))
            .with_secondary(
                cx.at(&zones[first].zone.value.name),
                "first configured here",
            ),
        );
        ok = false;
    }
    if z.nameservers.is_empty() {
        out.diagnostics.push(
            Diagnostic::new(&codes::INVALID_ZONE, format!("the zone `{name}` has no name servers"))
                .at(cx.at(&z.name))
                .with_help("list the zone's name servers under `nameservers`; a zone without NS records does not load"),
        );
        ok = false;
    }
    for server in &z.nameservers {
        if let Err(reason) = host_name(&server.value.name.value) {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::INVALID_DNS_NAME,
                    format!(
                        "the name server `{}` is not a valid DNS name: {reason}",
                        server.value.name.value
                    ),
                )
                .at(cx.at(&server.value.name)),
            );
            ok = false;
        }
        for address in &server.value.addresses {
            if address.value.parse::<IpAddr>().is_err() {
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::INVALID_ZONE,
                        format!("`{}` is not an IP address", address.value),
                    )
                    .at(cx.at(address))
                    .with_help(
                        "write a name server's address without a prefix length, e.g. `192.0.2.53`",
                    ),
                );
                ok = false;
            }
        }
    }
    let reverse = match reverse_network(&name) {
        Ok(reverse) => reverse,
        Err(reason) => {
            out.diagnostics.push(
                Diagnostic::new(&codes::INVALID_ZONE, format!("the reverse zone `{name}` {reason}"))
                    .at(cx.at(&z.name))
                    .with_help("IPv4 reverse zones name 1 to 3 octets (`10.in-addr.arpa`, `2.0.192.in-addr.arpa`); IPv6 ones 1 to 31 nibbles (`8.b.d.0.1.0.0.2.ip6.arpa`)"),
            );
            ok = false;
            None
        }
    };
    ok.then(|| ZoneInfo {
        zone,
        name,
        reverse,
        records: Vec::new(),
    })
}

/// The network a reverse zone covers; `Ok(None)` for a forward zone.
fn reverse_network(name: &str) -> Result<Option<IpNet>, String> {
    if let Some(rest) = strip_zone(name, "in-addr.arpa") {
        let labels: Vec<&str> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('.').collect()
        };
        if labels.is_empty() || labels.len() > 3 {
            return Err("must name 1 to 3 octets".into());
        }
        let mut octets = [0u8; 4];
        for (i, label) in labels.iter().rev().enumerate() {
            octets[i] = label
                .parse::<u8>()
                .ok()
                .filter(|_| !(label.len() > 1 && label.starts_with('0')))
                .ok_or_else(|| {
                    format!(
                        "holds `{label}`, which is not an octet (RFC 2317 zones are not supported)"
                    )
                })?;
        }
        let net = IpNet::new(IpAddr::from(octets), (labels.len() * 8) as u8)
            .map_err(|e| e.to_string())?;
        return Ok(Some(net));
    }
    if let Some(rest) = strip_zone(name, "ip6.arpa") {
        let labels: Vec<&str> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('.').collect()
        };
        if labels.is_empty() || labels.len() > 31 {
            return Err("must name 1 to 31 nibbles".into());
        }
        let mut bits: u128 = 0;
        for (i, label) in labels.iter().rev().enumerate() {
            let nibble = (label.len() == 1)
                .then(|| u8::from_str_radix(label, 16).ok())
                .flatten()
                .ok_or_else(|| format!("holds `{label}`, which is not one hex digit"))?;
            bits |= (nibble as u128) << (124 - 4 * i);
        }
        let net = IpNet::new(IpAddr::from(bits.to_be_bytes()), (labels.len() * 4) as u8)
            .map_err(|e| e.to_string())?;
        return Ok(Some(net));
    }
    Ok(None)
}

/// `name` without `.zone` at its end, or `""` when it is the zone itself.
fn strip_zone<'a>(name: &'a str, zone: &str) -> Option<&'a str> {
    if name == zone {
        return Some("");
    }
    name.strip_suffix(zone)?.strip_suffix('.')
}

fn in_zone(name: &str, zone: &str) -> bool {
    strip_zone(name, zone).is_some()
}

/// The configured zones by name, to find the zone a name lies in.
#[derive(Default)]
struct ZoneNames {
    by_name: HashMap<String, usize>,
    /// The most labels of a zone name: longer names need not be looked up whole.
    max_labels: usize,
}

impl ZoneNames {
    fn insert(&mut self, name: String, zone: usize) {
        self.max_labels = self.max_labels.max(labels(&name));
        self.by_name.insert(name, zone);
    }

    fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The longest configured zone `name` lies in. Only suffixes of as many labels as the
    /// longest zone are looked up: an IPv6 pointer has 34 labels, its zone about 10.
    fn find(&self, name: &str) -> Option<usize> {
        let mut rest = name;
        for _ in self.max_labels..labels(name) {
            rest = rest.split_once('.')?.1;
        }
        loop {
            if let Some(z) = self.get(rest) {
                return Some(z);
            }
            rest = rest.split_once('.')?.1;
        }
    }
}

fn labels(name: &str) -> usize {
    name.bytes().filter(|&b| b == b'.').count() + 1
}

/// The owner name relative to the zone's origin.
fn relative(name: &str, zone: &str) -> String {
    match strip_zone(name, zone) {
        Some("") => "@".to_string(),
        Some(rest) => rest.to_string(),
        None => format!("{name}."),
    }
}

fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

fn labels_key(name: &str) -> OwnerKey {
    let mut key = String::with_capacity(name.len());
    for (i, label) in name.rsplit('.').enumerate() {
        if i > 0 {
            key.push('\0');
        }
        key.push_str(label);
    }
    OwnerKey::Labels(key)
}

/// The PTR owner name of an address: `4.3.2.1.in-addr.arpa`, or 32 nibbles in `ip6.arpa`.
pub fn reverse_pointer(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            format!("{d}.{c}.{b}.{a}.in-addr.arpa")
        }
        IpAddr::V6(v6) => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let mut name = String::with_capacity(72);
            for byte in v6.octets().iter().rev() {
                for nibble in [byte & 0xf, byte >> 4] {
                    name.push(char::from(HEX[usize::from(nibble)]));
                    name.push('.');
                }
            }
            name.push_str("ip6.arpa");
            name
        }
    }
}

/// The SOA serial: the commit time in Unix seconds (it fits 32 bits until 2106); 1 when
/// the repository has no commit.
fn serial(commit_time: Option<i64>) -> u32 {
    commit_time
        .and_then(|t| u32::try_from(t).ok())
        .filter(|&t| t > 0)
        .unwrap_or(1)
}

fn fqdn(name: &str) -> String {
    format!("{}.", normalize(name))
}

/// Checks a name that must name one host or zone: a valid DNS name without the wildcard
/// label `*` that `validate_dns_name` lets through for NetBox's `dns_name`.
fn host_name(name: &str) -> Result<(), String> {
    validate_dns_name(name)?;
    if name.split('.').next() == Some("*") {
        return Err("it is a wildcard (`*`), which names no single host".into());
    }
    Ok(())
}

/// The SOA RNAME of an admin mailbox, absolute, in master-file syntax. A name without `@`
/// is already a DNS name (`hostmaster.example.net`). In `first.last@example.net` the
/// local part becomes the first label with its dots escaped (RFC 1035 section 5.1), so
/// it reads `first\.last.example.net.`, not `first@last.example.net`.
fn mailbox_name(admin: &str) -> Result<String, String> {
    let Some((local, domain)) = admin.split_once('@') else {
        host_name(admin)?;
        return Ok(fqdn(admin));
    };
    host_name(domain).map_err(|reason| format!("its domain `{domain}`: {reason}"))?;
    if local.is_empty() || local.len() > 63 {
        return Err(format!(
            "its local part `{local}` must be 1 to 63 characters long"
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(format!(
            "its local part `{local}` starts or ends with a dot or has two in a row"
        ));
    }
    // RFC 5322's dot-atom characters; none but `.` means anything in a zone file's name.
    if let Some(bad) = local
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)))
    {
        return Err(format!(
            "its local part `{local}` holds `{bad}`, which a mailbox name cannot carry"
        ));
    }
    Ok(format!("{}.{}", local.replace('.', "\\."), fqdn(domain)))
}

fn zone_file(zone: &ZoneInfo, serial: u32) -> String {
    let z = &zone.zone.value;
    let mut ns: Vec<String> = z
        .nameservers
        .iter()
        .map(|s| fqdn(&s.value.name.value))
        .collect();
    ns.dedup();
    let width = zone
        .records
        .iter()
        .map(|r| r.owner.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "; {}: generated by netsot, do not edit by hand.",
        zone.name
    );
    let _ = writeln!(out, "$ORIGIN {}.", zone.name);
    let _ = writeln!(out, "$TTL {}", z.ttl);
    let pad = " ".repeat(width + 8);
    let _ = writeln!(
        out,
        "{:<width$} IN SOA   {} {} (",
        "@",
        fqdn(&z.primary_ns.value),
        mailbox_name(&z.admin.value).unwrap_or_default(),
    );
    for (value, what) in [
        (serial, "serial"),
        (z.refresh, "refresh"),
        (z.retry, "retry"),
        (z.expire, "expire"),
    ] {
        let _ = writeln!(out, "{pad}  {value:<10} ; {what}");
    }
    let _ = writeln!(out, "{pad}  {:<10} ; minimum", format!("{} )", z.minimum));
    for server in &ns {
        let _ = writeln!(out, "{:<width$} IN NS    {server}", "@");
    }
    for record in &zone.records {
        let _ = writeln!(
            out,
            "{:<width$} IN {:<5}  {}",
            record.owner,
            record.kind.as_str(),
            record.data
        );
    }
    out
}

fn zone_list(zones: &[ZoneInfo]) -> String {
    let names: Vec<String> = zones
        .iter()
        .filter(|z| z.reverse.is_none())
        .map(|z| format!("`{}`", z.name))
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_pointers() {
        assert_eq!(
            reverse_pointer("192.0.2.1".parse().unwrap()),
            "1.2.0.192.in-addr.arpa"
        );
        assert_eq!(
            reverse_pointer("2001:db8::1".parse().unwrap()),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
        );
    }

    #[test]
    fn reverse_networks() {
        assert_eq!(reverse_network("example.net"), Ok(None));
        assert_eq!(
            reverse_network("2.0.192.in-addr.arpa"),
            Ok(Some("192.0.2.0/24".parse().unwrap()))
        );
        assert_eq!(
            reverse_network("8.b.d.0.1.0.0.2.ip6.arpa"),
            Ok(Some("2001:db8::/32".parse().unwrap()))
        );
        assert!(reverse_network("0/26.2.0.192.in-addr.arpa").is_err());
        assert!(reverse_network("256.in-addr.arpa").is_err());
        assert!(reverse_network("in-addr.arpa").is_err());
        assert!(reverse_network("ab.ip6.arpa").is_err());
    }

    #[test]
    fn zones_are_found_by_longest_suffix() {
        let mut zones = ZoneNames::default();
        zones.insert("example.net".to_string(), 0);
        zones.insert("ams1.example.net".to_string(), 1);
        zones.insert("8.b.d.0.1.0.0.2.ip6.arpa".to_string(), 2);
        assert_eq!(zones.find("a.ams1.example.net"), Some(1));
        assert_eq!(zones.find("a.fra1.example.net"), Some(0));
        assert_eq!(zones.find("example.net"), Some(0));
        assert_eq!(zones.find("example.org"), None);
        assert_eq!(zones.find("net"), None);
        let pointer = reverse_pointer("2001:db8::1".parse().unwrap());
        assert_eq!(zones.find(&pointer), Some(2));
        assert_eq!(relative("example.net", "example.net"), "@");
        assert_eq!(relative("a.b.example.net", "example.net"), "a.b");
    }

    #[test]
    fn admin_mailboxes_escape_the_dots_of_their_local_part() {
        assert_eq!(
            mailbox_name("hostmaster.example.net"),
            Ok("hostmaster.example.net.".into())
        );
        assert_eq!(
            mailbox_name("hostmaster@Example.net"),
            Ok("hostmaster.example.net.".into())
        );
        assert_eq!(
            mailbox_name("first.last@example.net"),
            Ok("first\\.last.example.net.".into())
        );
        assert!(mailbox_name("first..last@example.net").is_err());
        assert!(mailbox_name("a b@example.net").is_err());
        assert!(mailbox_name("a@b@example.net").is_err());
        assert!(mailbox_name("@example.net").is_err());
        assert!(mailbox_name("a@*.example.net").is_err());
        assert!(mailbox_name("*.example.net").is_err());
    }

    #[test]
    fn serials_come_from_the_commit_time() {
        assert_eq!(serial(Some(1_764_000_000)), 1_764_000_000);
        assert_eq!(serial(None), 1);
        assert_eq!(serial(Some(-5)), 1);
    }
}
