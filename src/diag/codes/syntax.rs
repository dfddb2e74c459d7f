//! `NS01xx`: syntax and shape.

use crate::diag::rule::rules;

rules! {
    /// The text is not valid YAML.
    ///
    /// ## What it does
    /// Reports the position at which the YAML parser stopped, with its reason.
    ///
    /// ## Why is this bad?
    /// Nothing of the file can be trusted after a syntax error; the whole file is skipped.
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - name: ams1
    ///    status: active   # indentation does not match
    /// ```
    INVALID_YAML = ("NS0101", "invalid-yaml", Error);

    /// A mapping holds the same key twice.
    ///
    /// ## What it does
    /// Reports the second occurrence of a key, with the first as a second label.
    ///
    /// ## Why is this bad?
    /// YAML forbids duplicate keys, and tools disagree on which value wins. netsot keeps the
    /// first and reports the second.
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - name: ams1
    ///     status: active
    ///     status: planned
    /// ```
    DUPLICATE_KEY = ("NS0102", "duplicate-key", Error);

    /// A mapping holds a key the object does not have.
    ///
    /// ## What it does
    /// Reports keys that are not fields of the object, with the closest field names. In
    /// device-type library files this is a warning, since the upstream library ships a few
    /// misspelled keys.
    ///
    /// ## Why is this bad?
    /// A misspelled key is data that is silently lost: `primary_ipv4` instead of
    /// `primary_ip4` leaves the device without a primary address.
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - name: ams1
    ///     regoin: eu   # did you mean `region`?
    /// ```
    UNKNOWN_FIELD = ("NS0103", "unknown-field", Error);

    /// A value has the wrong type.
    ///
    /// ## What it does
    /// Reports a value whose YAML type does not fit the field: a list where a name is
    /// expected, text where a number is expected.
    ///
    /// ## Why is this bad?
    /// The object cannot be built; it is skipped, and references to it are not reported.
    ///
    /// ## Example
    /// ```yaml
    /// racks:
    ///   - {name: r1, site: ams1, u_height: forty-two}
    /// ```
    WRONG_TYPE = ("NS0104", "wrong-type", Error);

    /// A value is not one of the allowed choices.
    ///
    /// ## What it does
    /// Reports a value outside a field's choices (a status, an interface type, a rack face)
    /// and lists the allowed values, or the closest ones when the list is long.
    ///
    /// ## Why is this bad?
    /// Choices drive behaviour: an unknown interface type cannot be told virtual or physical.
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - {name: ams1, status: activ}   # allowed: planned, staging, active, ...
    /// ```
    INVALID_CHOICE = ("NS0105", "invalid-choice", Error);

    /// A required field is missing.
    ///
    /// ## What it does
    /// Reports an object that lacks a field it cannot do without, such as a device's `site`.
    ///
    /// ## Why is this bad?
    /// NetBox refuses such objects; netsot skips them and says which field to add.
    ///
    /// ## Example
    /// ```yaml
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1}   # missing `site`
    /// ```
    MISSING_FIELD = ("NS0106", "missing-field", Error);

    /// Text that should be an IP address, prefix or range is not.
    ///
    /// ## What it does
    /// Parses every address (`10.0.0.1/24`, `2001:db8::1/64`) and prefix and reports the text
    /// that is not one, including host bits set in a prefix.
    ///
    /// ## Why is this bad?
    /// An address that does not parse cannot be checked for duplicates or rendered to DNS.
    ///
    /// ## Example
    /// ```yaml
    /// prefixes:
    ///   - prefix: 10.0.0.1/24   # host bits set: did you mean 10.0.0.0/24?
    /// ```
    INVALID_IP = ("NS0107", "invalid-ip", Error);

    /// A name that becomes a DNS label breaks DNS rules.
    ///
    /// ## What it does
    /// Checks every `dns_name` as NetBox's `DNSValidator` does (labels of letters, digits,
    /// `-` and `_`, an optional leading `*`, 255 characters in all). Where a `dns` output
    /// writes the name into a zone, and for the names of zones and name servers, it applies
    /// the DNS's own rules: labels of 1 to 63 letters, digits and hyphens, not starting or
    /// ending with a hyphen, 253 characters in all (so `_` is refused there only).
    ///
    /// ## Why is this bad?
    /// BIND rejects the whole zone for one bad owner name.
    ///
    /// ## Example
    /// ```yaml
    /// ip_addresses:
    ///   # NetBox accepts `_`, but the `dns` output would write it into the zone.
    ///   - {address: 10.0.0.1/32, dns_name: leaf_1.example.net}
    /// ```
    INVALID_DNS_NAME = ("NS0108", "invalid-dns-name", Error);

    /// A data file has a top-level key that is not a collection.
    ///
    /// ## What it does
    /// Reports top-level keys that name no collection, with the closest collection names.
    ///
    /// ## Why is this bad?
    /// Every object under a misspelled collection is silently lost.
    ///
    /// ## Example
    /// ```yaml
    /// site:   # did you mean `sites`?
    ///   - name: ams1
    /// ```
    UNKNOWN_COLLECTION = ("NS0109", "unknown-collection", Error);

    /// The YAML is nested too deeply or expands aliases too far.
    ///
    /// ## What it does
    /// Stops reading a file whose nesting exceeds 64 levels or whose aliases expand to more
    /// than a bounded number of nodes (a "billion laughs" alias bomb).
    ///
    /// ## Why is this bad?
    /// Such input exhausts memory or the stack of every consumer; real intent is never that deep.
    ///
    /// ## Example
    /// ```yaml
    /// x:
    ///   a0: &a0 [x, x, x, x, x, x, x, x, x, x]
    ///   a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
    ///   a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
    ///   a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
    ///   a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
    ///   a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]   # ten times more each line
    /// ```
    YAML_TOO_COMPLEX = ("NS0110", "yaml-too-complex", Error);

    /// A value is out of its allowed range or form.
    ///
    /// ## What it does
    /// Reports values of the right type but an impossible value: a rack of 0 units, a VID of
    /// 5000, a slug with spaces, an empty name.
    ///
    /// ## Why is this bad?
    /// NetBox's model validation refuses them; they would break every output built from them.
    ///
    /// ## Example
    /// ```yaml
    /// version: 2   # netsot reads version 1
    /// ```
    INVALID_VALUE = ("NS0111", "invalid-value", Error);
}
