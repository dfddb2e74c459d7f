//! EUI-48 (MAC) addresses as NetBox 4.4 accepts them: `MACAddressField.to_python`
//! (`dcim/fields.py`) drops spaces and parses with netaddr's `EUI(value, version=48)`,
//! whose `RE_MAC_FORMATS` (`netaddr/strategy/eui48.py`, case-insensitive) take six groups
//! of one or two hex digits separated by `:` or `-`, three groups of one to four separated
//! by `:`, `-` or `.`, two groups of five or six separated by `:` or `-`, or 11 or 12 bare
//! hex digits. One separator per address; nothing is allocated.

/// Whether NetBox stores `text` as a MAC address.
pub(super) fn is_valid(text: &str) -> bool {
    // NetBox removes spaces anywhere before parsing; iterating without them avoids a copy.
    let bytes = || text.bytes().filter(|&b| b != b' ');
    let separator = bytes().find(|b| matches!(b, b':' | b'-' | b'.'));
    let Some(separator) = separator else {
        let digits = bytes().count();
        return (digits == 11 || digits == 12) && bytes().all(|b| b.is_ascii_hexdigit());
    };
    if bytes().any(|b| b != separator && !b.is_ascii_hexdigit()) {
        return false;
    }
    // Group lengths, in hex digits; at most six groups are valid, a seventh refuses.
    let mut groups = [0usize; 7];
    let mut count = 1;
    for b in bytes() {
        if b == separator {
            if count == groups.len() {
                return false;
            }
            count += 1;
        } else {
            groups[count - 1] += 1;
        }
    }
    let groups = &groups[..count];
    let all_within = |low: usize, high: usize| groups.iter().all(|&g| (low..=high).contains(&g));
    match (count, separator) {
        (6, b':' | b'-') => all_within(1, 2),
        (3, _) => all_within(1, 4),
        (2, b':' | b'-') => all_within(5, 6),
        _ => false,
    }
}

/// The six bytes of a MAC address NetBox stores (`is_valid`), as netaddr reads them: each
/// group is a number of 48 / groups bits, bare digits one number; `None` for any other text.
/// Outputs write MACs in one form from these (the Kea renderer's `hw-address`).
pub(crate) fn to_bytes(text: &str) -> Option<[u8; 6]> {
    if !is_valid(text) {
        return None;
    }
    let compact: String = text.chars().filter(|&c| c != ' ').collect();
    let groups: Vec<&str> = compact.split([':', '-', '.']).collect();
    let bits = 48 / groups.len() as u32;
    let mut value: u64 = 0;
    for group in groups {
        value = (value << bits) | u64::from_str_radix(group, 16).ok()?;
    }
    let bytes = value.to_be_bytes();
    Some([bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]])
}

#[cfg(test)]
mod tests {
    use super::{is_valid, to_bytes};

    #[test]
    fn every_accepted_form_reads_as_its_six_bytes() {
        let expected = Some([0x00, 0x1b, 0x21, 0x3c, 0x4d, 0x5e]);
        for mac in [
            "00:1b:21:3c:4d:5e",
            "00-1B-21-3C-4D-5E",
            "0:1b:21:3c:4d:5e",
            "001b.213c.4d5e",
            "1b:213c:4d5e",
            "001b21-3c4d5e",
            "001b213c4d5e",
            "01b213c4d5e",
            "00 1b 21 3c 4d 5e",
        ] {
            assert_eq!(to_bytes(mac), expected, "{mac}");
        }
        assert_eq!(to_bytes("52:54:00:00:01"), None);
    }

    #[test]
    fn netaddr_formats_are_accepted() {
        for mac in [
            "00:1b:21:3c:4d:5e",
            "00-1B-21-3C-4D-5E",
            "0:1b:2:3c:4d:5e",
            "001b.213c.4d5e",
            "001b:213c:4d5e",
            "001b21-3c4d5e",
            "001b21:3c4d5e",
            "001b213c4d5e",
            "01b213c4d5e",
            "00 1b 21 3c 4d 5e",
        ] {
            assert!(is_valid(mac), "{mac}");
        }
    }

    #[test]
    fn other_texts_are_refused() {
        for mac in [
            "",
            "00:1b:21:3c:4d",
            "00:1b:21:3c:4d:5e:6f",
            "00:1b:21-3c:4d:5e",
            "001:b21:3c:4d:5e:6f",
            "00:1g:21:3c:4d:5e",
            "001b.213c.4d5e.0000",
            "001b21.3c4d5e",
            "001b213c4d5e0",
            "0123456789",
        ] {
            assert!(!is_valid(mac), "{mac}");
        }
    }
}
