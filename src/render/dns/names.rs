//! Names in zone files: normalising, relating a name to its zone's origin, finding the
//! zone a name lies in, and the names of SOA fields (hosts, the admin mailbox).

use rustc_hash::FxHashMap as HashMap;
use std::net::IpAddr;

use super::records::OwnerKey;
use crate::graph::validate_dns_name;

/// `name` without `.zone` at its end, or `""` when it is the zone itself.
pub(super) fn strip_zone<'a>(name: &'a str, zone: &str) -> Option<&'a str> {
    if name == zone {
        return Some("");
    }
    name.strip_suffix(zone)?.strip_suffix('.')
}

pub(super) fn in_zone(name: &str, zone: &str) -> bool {
    strip_zone(name, zone).is_some()
}

/// The configured zones by name, to find the zone a name lies in.
#[derive(Default)]
pub(super) struct ZoneNames {
    by_name: HashMap<String, usize>,
    /// The most labels of a zone name: longer names need not be looked up whole.
    max_labels: usize,
}

impl ZoneNames {
    pub(super) fn insert(&mut self, name: String, zone: usize) {
        self.max_labels = self.max_labels.max(labels(&name));
        self.by_name.insert(name, zone);
    }

    pub(super) fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The longest configured zone `name` lies in. Only suffixes of as many labels as the
    /// longest zone are looked up: an IPv6 pointer has 34 labels, its zone about 10.
    pub(super) fn find(&self, name: &str) -> Option<usize> {
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
pub(super) fn relative(name: &str, zone: &str) -> String {
    match strip_zone(name, zone) {
        Some("") => "@".to_string(),
        Some(rest) => rest.to_string(),
        None => format!("{name}."),
    }
}

pub(super) fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

pub(super) fn labels_key(name: &str) -> OwnerKey {
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

pub(super) fn fqdn(name: &str) -> String {
    format!("{}.", normalize(name))
}

/// Checks a name that must name one host or zone: a valid DNS name without the wildcard
/// label `*` that `validate_dns_name` lets through for NetBox's `dns_name`.
pub(super) fn host_name(name: &str) -> Result<(), String> {
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
pub(super) fn mailbox_name(admin: &str) -> Result<String, String> {
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
}
