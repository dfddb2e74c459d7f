//! `NS02xx`: identity.

use crate::diag::rule::rules;

rules! {
    /// Two objects have the same natural key.
    ///
    /// ## What it does
    /// Reports the second object with a key already taken (a site name, a VLAN group, a
    /// device type's manufacturer and model; a device name within a site and tenant,
    /// compared case-insensitively as NetBox's `Lower('name')` constraints), with the first
    /// as a second label.
    ///
    /// ## Why is this bad?
    /// References to the name become ambiguous, and NetBox's unique constraints refuse it.
    /// Devices of one name in one site for different tenants are accepted, as in NetBox; a
    /// bare reference to that name is then ambiguous (NS0302). Unnamed devices are not
    /// compared.
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - name: ams1
    ///   - name: ams1
    /// ```
    DUPLICATE_OBJECT = ("NS0201", "duplicate-object", Error);
}
