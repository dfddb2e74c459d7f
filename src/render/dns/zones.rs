//! The zones of a `dns` output: their settings checked (NS0804, NS0108) and the network a
//! reverse zone covers.

use std::net::IpAddr;

use ipnet::IpNet;

use super::super::{Context, Rendered};
use super::names::{host_name, mailbox_name, normalize, strip_zone, ZoneNames};
use super::records::Record;
use crate::diag::{codes, Diagnostic};
use crate::model::config::Zone;
use crate::model::Spanned;

/// A configured zone, checked.
pub(super) struct ZoneInfo<'a> {
    pub zone: &'a Spanned<Zone>,
    /// Lower case, no trailing dot.
    pub name: String,
    /// The network a reverse zone covers.
    pub reverse: Option<IpNet>,
    /// Unsorted while collected; sorted and deduplicated before writing.
    pub records: Vec<Record>,
}

/// Checks one zone's settings; `None` when it cannot be rendered.
pub(super) fn check_zone<'a>(
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
pub(super) fn reverse_network(name: &str) -> Result<Option<IpNet>, String> {
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

pub(super) fn zone_list(zones: &[ZoneInfo]) -> String {
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
}
