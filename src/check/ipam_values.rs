//! IPAM values NetBox's validators refuse on one object alone: `/0` masks on prefixes,
//! aggregates and addresses (NS0415), IP ranges of more addresses than NetBox stores, 2^31-1 (NS0416),
//! SLAAC on IPv4 (NS0417), ASN ranges not running upwards (NS0428), and ASN 0 and service
//! port 0 (NS0111). Each is one pass over a
//! table; nothing is compared with anything else.

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::{Graph, IpId};
use crate::model::{Obj, Spanned};

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    zero_length_masks(graph, out);
    range_sizes(graph, out);
    slaac(graph, out);
    asns(graph, out);
    asn_ranges(graph, out);
    service_ports(graph, out);
}

fn zero_length_mask(what: &str, value: &str, location: Location) -> Diagnostic {
    Diagnostic::new(
        &codes::ZERO_LENGTH_MASK,
        format!("{what} `{value}` has a mask of length 0"),
    )
    .at(location)
    .with_help("a /0 is the whole address family; write the real length, e.g. `/24`")
}

fn zero_length_masks(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let m = &graph.model;
    for node in graph.prefixes.iter().filter(|n| n.prefix.prefix_len() == 0) {
        let object = &m.prefixes[node.object.index()];
        let text = &object.data.prefix;
        out.push(zero_length_mask("prefix", &text.value, object.at(text)));
    }
    for node in graph
        .aggregates
        .iter()
        .filter(|n| n.prefix.prefix_len() == 0)
    {
        let object = &m.aggregates[node.object.index()];
        let text = &object.data.prefix;
        out.push(zero_length_mask("aggregate", &text.value, object.at(text)));
    }
    for (i, node) in graph.ip_addresses.iter().enumerate() {
        if node.address.prefix_len() == 0 {
            let ip = IpId::from_index(i);
            out.push(zero_length_mask(
                "IP address",
                &graph.ip_data(ip).address.value,
                graph.ip_location(ip),
            ));
        }
    }
}

/// The most addresses NetBox stores in one range. `IPRange.clean` allows `MAX_SIZE`,
/// 2^32-1, but `IPRange.size` is a `PositiveIntegerField`, a PostgreSQL `integer`: a range
/// of more than 2^31-1 addresses passes the check and fails the save ("integer out of
/// range", HTTP 500; NetBox 4.4.10, seen by the differential test).
const MAX_RANGE_SIZE: u128 = (1 << 31) - 1;

fn range_sizes(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for node in &graph.ip_ranges {
        let (start, end) = (bits(node.start.addr()), bits(node.end.addr()));
        // Ranges of mixed families or reversed bounds are NS0407's; their size means nothing.
        let Some(span) = end.checked_sub(start) else {
            continue;
        };
        if node.start.addr().is_ipv6() != node.end.addr().is_ipv6() || span < MAX_RANGE_SIZE {
            continue;
        }
        let object = &graph.model.ip_ranges[node.object.index()];
        let size = span.saturating_add(1);
        out.push(
            Diagnostic::new(
                &codes::IP_RANGE_TOO_LARGE,
                format!(
                    "IP range {}-{} holds {size} addresses, more than NetBox stores ({MAX_RANGE_SIZE})",
                    node.start.addr(),
                    node.end.addr()
                ),
            )
            .at(object.at(&object.data.end_address))
            .with_help("split the range, or describe the whole subnet as a prefix"),
        );
    }
}

fn bits(address: std::net::IpAddr) -> u128 {
    match address {
        std::net::IpAddr::V4(a) => u128::from(u32::from(a)),
        std::net::IpAddr::V6(a) => u128::from(a),
    }
}

fn slaac(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for (i, node) in graph.ip_addresses.iter().enumerate() {
        if node.address.addr().is_ipv6() {
            continue;
        }
        let ip = IpId::from_index(i);
        let data = graph.ip_data(ip);
        let Some(status) = data.status.as_ref().filter(|s| s.value.is("slaac")) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &codes::SLAAC_ON_IPV4,
                format!(
                    "IPv4 address `{}` has the status `slaac`",
                    data.address.value
                ),
            )
            .at(Location::new(node.file, status.span))
            .with_help("SLAAC is IPv6 only; use `dhcp` or `active`"),
        );
    }
}

/// Reports ASN 0 in `list`: NetBox's `ASNField` runs from 1 to 2^32-1 (the upper bound is
/// the type's, refused while loading). `holder` names who lists it, made only when needed.
fn zero_asns<T>(
    object: &Obj<T>,
    holder: impl Fn() -> String,
    list: &[Spanned<u32>],
    out: &mut Vec<Diagnostic>,
) {
    for asn in list.iter().filter(|a| a.value == 0) {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!("{} ASN `0`, outside 1 to 4294967295", holder()),
            )
            .at(object.at(asn))
            .with_help("AS 0 is reserved (RFC 7607); write the real AS number"),
        );
    }
}

fn asns(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let m = &graph.model;
    for o in &m.asns {
        let asn = std::slice::from_ref(&o.data.asn);
        zero_asns(o, || "an ASN object has the".to_string(), asn, out);
    }
    for o in &m.sites {
        let holder = || format!("site `{}` lists", o.data.name.value);
        zero_asns(o, holder, &o.data.asns, out);
    }
    for o in &m.providers {
        let holder = || format!("provider `{}` lists", o.data.name.value);
        zero_asns(o, holder, &o.data.asns, out);
    }
}

/// `ASNRange.clean`: the start must be below the end; both bounds are ASNs, so 0 is
/// refused as in `asns`.
fn asn_ranges(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for o in &graph.model.asn_ranges {
        let data = &o.data;
        let holder = || format!("ASN range `{}` has the", data.name.value);
        zero_asns(o, holder, std::slice::from_ref(&data.start), out);
        zero_asns(o, holder, std::slice::from_ref(&data.end), out);
        if data.end.value <= data.start.value {
            out.push(
                Diagnostic::new(
                    &codes::ASN_RANGE_START_NOT_BELOW_END,
                    format!(
                        "ASN range `{}` ends at `{}`, not above its start `{}`",
                        data.name.value, data.end.value, data.start.value
                    ),
                )
                .at(o.at(&data.end))
                .with_secondary(o.at(&data.start), "the start")
                .with_help("write the range's first AS number in `start` and its last in `end`"),
            );
        }
    }
}

/// Reports port 0: NetBox's `ports` validators run from 1 (`SERVICE_PORT_MIN`) to 65535
/// (the type's bound, refused while loading). Port 0 would reach the Prometheus targets and
/// Icinga checks as an address no service listens on.
fn service_ports(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for o in &graph.model.services {
        for port in o.data.ports.iter().filter(|p| p.value == 0) {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "service `{}` has port `0`, outside 1 to 65535",
                        o.data.name.value
                    ),
                )
                .at(o.at(port))
                .with_help("write the port the service listens on"),
            );
        }
    }
}
