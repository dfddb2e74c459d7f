//! Records declared as data: the `dns_records` of IP addresses (CNAME, MX, SRV pointing at
//! the address's `dns_name`, TXT at it), checked as a DNS server would hold them: a
//! CNAME alone at its name (NS0814), targets inside a rendered zone that exist there
//! (NS0815), fields that fit the type and names that fit the DNS (NS0816).

use rayon::prelude::*;

use super::names::{fqdn, host_name, labels_key, normalize, relative, ZoneNames};
use super::records::{Record, RecordKind};
use super::zones::ZoneInfo;
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::IpId;
use crate::model::ipam::DnsRecord;
use crate::model::Spanned;
use crate::render::{Context, Rendered};

/// What is checked once every record is in its zone and sorted.
pub(super) struct Pending {
    /// CNAMEs: their zone, owner name and declaration.
    cnames: Vec<(usize, String, Location)>,
    /// Targets given as `value` that lie in a rendered zone: the zone, the name and the
    /// declaration.
    targets: Vec<(usize, String, Location)>,
}

/// One declared record, worked out: the record for its zone, or why it cannot be written.
enum Outcome {
    Record {
        zone: usize,
        record: Record,
        owner: String,
        target: Option<(usize, String)>,
        at: Location,
    },
    Refused(Diagnostic),
}

/// Adds every declared record to its zone; returns what is checked after sorting.
pub(super) fn add(
    cx: &Context,
    zones: &mut [ZoneInfo],
    by_name: &ZoneNames,
    out: &mut Rendered,
) -> Pending {
    let graph = &cx.compilation.graph;
    let zones_ref: &[ZoneInfo] = zones;
    let outcomes: Vec<Outcome> = (0..graph.ip_addresses.len() as u32)
        .into_par_iter()
        .map(IpId::new)
        .filter_map(|ip| {
            let data = graph.ip_data(ip);
            Some((ip, data.dns_records.as_ref()?, data))
        })
        .flat_map_iter(|(ip, records, data)| {
            let file = graph.ip_addresses[ip.index()].file;
            let dns_name = data.dns_name.as_ref().map(|n| normalize(&n.value));
            records.iter().map(move |declared| {
                let at = Location::new(file, declared.span);
                one(declared, dns_name.as_deref(), file, at, zones_ref, by_name)
            })
        })
        .collect();
    let mut pending = Pending {
        cnames: Vec::new(),
        targets: Vec::new(),
    };
    for outcome in outcomes {
        match outcome {
            Outcome::Refused(diagnostic) => out.diagnostics.push(diagnostic),
            Outcome::Record {
                zone,
                record,
                owner,
                target,
                at,
            } => {
                if record.kind == RecordKind::Cname {
                    pending.cnames.push((zone, owner, at));
                }
                if let Some((z, name)) = target {
                    pending.targets.push((z, name, at));
                }
                zones[zone].records.push(record);
            }
        }
    }
    pending
}

fn refuse(at: Location, message: String, help: &str) -> Outcome {
    Outcome::Refused(
        Diagnostic::new(&codes::INVALID_DNS_RECORD, message)
            .at(at)
            .with_help(help.to_string()),
    )
}

/// Works out one declared record.
fn one(
    declared: &Spanned<DnsRecord>,
    dns_name: Option<&str>,
    file: crate::diag::FileId,
    at: Location,
    zones: &[ZoneInfo],
    by_name: &ZoneNames,
) -> Outcome {
    let r = &declared.value;
    let kind = r.kind.value.as_str();
    let field_at = |span| Location::new(file, span);
    // Fields of another type are refused rather than ignored: they say the author meant
    // something this record does not do.
    let allowed: &[&str] = match kind {
        "MX" => &["preference"],
        "SRV" => &["priority", "weight", "port"],
        _ => &[],
    };
    for (field, value) in [
        ("preference", &r.preference),
        ("priority", &r.priority),
        ("weight", &r.weight),
        ("port", &r.port),
    ] {
        match value {
            Some(v) if !allowed.contains(&field) => {
                return refuse(
                    field_at(v.span),
                    format!("a `{kind}` record has no `{field}`"),
                    "remove the field, or change the record's `type`",
                );
            }
            None if allowed.contains(&field) => {
                return refuse(
                    field_at(r.kind.span),
                    format!("the `{kind}` record has no `{field}`"),
                    "an MX record needs `preference`; an SRV record `priority`, `weight` and `port`",
                );
            }
            _ => {}
        }
    }
    let owner = match (&r.name, kind) {
        (Some(name), _) => normalize(&name.value),
        (None, "TXT") => match dns_name {
            Some(name) => name.to_string(),
            None => {
                return refuse(
                    at,
                    "the TXT record has no `name`, and its address no `dns_name`".into(),
                    "give the record a `name`",
                )
            }
        },
        (None, _) => {
            return refuse(
                field_at(r.kind.span),
                format!("the `{kind}` record has no `name`"),
                "give the name the record answers for, e.g. `www.example.net`",
            )
        }
    };
    let owner_at = r.name.as_ref().map_or(at, |n| field_at(n.span));
    if let Err(reason) = record_name(&owner) {
        return refuse(
            owner_at,
            format!("`{owner}` is not a valid record name: {reason}"),
            "use labels of letters, digits, `-` and `_`, 1 to 63 characters each",
        );
    }
    let Some(zone) = by_name.find(&owner).filter(|&z| zones[z].reverse.is_none()) else {
        return refuse(
            owner_at,
            format!("`{owner}` lies in no forward zone of the `dns` output"),
            "name the record inside a configured zone, or add its zone to netsot.yaml",
        );
    };
    let zone_name = &zones[zone].name;
    let (data, target) = if kind == "TXT" {
        let Some(text) = &r.value else {
            return refuse(
                field_at(r.kind.span),
                "the TXT record has no `value`".into(),
                "give the text as `value`",
            );
        };
        (txt_strings(&text.value), None)
    } else {
        let (target, target_at) = match (&r.value, dns_name) {
            (Some(value), _) => (normalize(&value.value), field_at(value.span)),
            (None, Some(name)) => (name.to_string(), at),
            (None, None) => {
                return refuse(
                    field_at(r.kind.span),
                    format!("the `{kind}` record has no target: no `value`, and its address has no `dns_name`"),
                    "give the address a `dns_name`, or the record a `value`",
                )
            }
        };
        if let Err(reason) = host_name(&target) {
            return refuse(
                target_at,
                format!("the target `{target}` is not a valid host name: {reason}"),
                "a CNAME, MX or SRV target is a host name: letters, digits and hyphens",
            );
        }
        let data = match kind {
            "MX" => format!("{} {}", value(&r.preference), fqdn(&target)),
            "SRV" => format!(
                "{} {} {} {}",
                value(&r.priority),
                value(&r.weight),
                value(&r.port),
                fqdn(&target)
            ),
            _ => fqdn(&target),
        };
        // Only an explicit target is checked: the address's own name gets its record.
        let rendered_zone = r
            .value
            .as_ref()
            .and_then(|_| by_name.find(&target))
            .filter(|&z| zones[z].reverse.is_none());
        (data, rendered_zone.map(|z| (z, target)))
    };
    let record_kind = match kind {
        "CNAME" => RecordKind::Cname,
        "MX" => RecordKind::Mx,
        "SRV" => RecordKind::Srv,
        _ => RecordKind::Txt,
    };
    Outcome::Record {
        zone,
        record: Record {
            sort: labels_key(&owner),
            owner: relative(&owner, zone_name),
            kind: record_kind,
            data,
        },
        owner,
        target,
        at,
    }
}

fn value(v: &Option<Spanned<u16>>) -> u16 {
    v.as_ref().map_or(0, |v| v.value)
}

/// Checks a record's owner name: labels of letters, digits, `-` and `_` (SRV owners are
/// `_service._proto`), 1 to 63 bytes each, 253 in all.
fn record_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > 253 {
        return Err("a name has 1 to 253 characters".into());
    }
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return Err(format!("the label `{label}` must have 1 to 63 characters"));
        }
        if let Some(bad) = label
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        {
            return Err(format!("the label `{label}` holds `{bad}`"));
        }
    }
    Ok(())
}

/// A TXT record's data in master-file syntax: strings of at most 255 bytes (RFC 1035's
/// limit for one character-string), quoted, with `"` and `\` escaped and bytes outside
/// printable ASCII written as `\DDD`.
pub(super) fn txt_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, chunk) in text.as_bytes().chunks(255).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push('"');
        for &b in chunk {
            match b {
                b'"' | b'\\' => {
                    out.push('\\');
                    out.push(char::from(b));
                }
                0x20..=0x7e => out.push(char::from(b)),
                _ => out.push_str(&format!("\\{b:03}")),
            }
        }
        out.push('"');
    }
    if text.is_empty() {
        out.push_str("\"\"");
    }
    out
}

/// The checks that need every zone's records in place and sorted.
pub(super) fn check(pending: &Pending, zones: &[ZoneInfo], out: &mut Rendered) {
    for (z, owner, at) in &pending.cnames {
        let zone = &zones[*z];
        let key = labels_key(owner);
        let start = zone.records.partition_point(|r| r.sort < key);
        let end = zone.records.partition_point(|r| r.sort <= key);
        let here = &zone.records[start..end];
        let cname = here.iter().find(|r| r.kind == RecordKind::Cname);
        let other = here.iter().find(|r| {
            r.kind != RecordKind::Cname || Some(r.data.as_str()) != cname.map(|c| c.data.as_str())
        });
        let what = if *owner == zone.name {
            Some("the zone's SOA and NS records".to_string())
        } else {
            other.map(|r| format!("other data: {} `{}`", r.kind.as_str(), r.data))
        };
        if let Some(what) = what {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::CNAME_AND_OTHER_DATA,
                    format!("`{owner}` has a CNAME record and {what}"),
                )
                .at(*at)
                .with_help("a CNAME must be alone at its name (RFC 1034 section 3.6.2): give the alias a name of its own, or drop the other records"),
            );
        }
    }
    for (z, target, at) in &pending.targets {
        let zone = &zones[*z];
        let key = labels_key(target);
        let start = zone.records.partition_point(|r| r.sort < key);
        let exists = *target == zone.name || zone.records.get(start).is_some_and(|r| r.sort == key);
        if !exists {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::DNS_TARGET_MISSING,
                    format!(
                        "the target `{target}` lies in the zone `{}`, which has no record named so",
                        zone.name
                    ),
                )
                .at(*at)
                .with_help("fix the name, or give an address that `dns_name`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_strings_are_split_at_255_bytes_and_escaped() {
        assert_eq!(txt_strings("v=spf1 -all"), "\"v=spf1 -all\"");
        assert_eq!(txt_strings("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
        assert_eq!(txt_strings("é"), "\"\\195\\169\"");
        let long = "x".repeat(300);
        assert_eq!(
            txt_strings(&long),
            format!("\"{}\" \"{}\"", "x".repeat(255), "x".repeat(45))
        );
        assert_eq!(txt_strings(""), "\"\"");
    }

    #[test]
    fn record_names_may_hold_underscores() {
        assert!(record_name("_ldap._tcp.example.net").is_ok());
        assert!(record_name("a..example.net").is_err());
        assert!(record_name("a b.example.net").is_err());
    }
}
