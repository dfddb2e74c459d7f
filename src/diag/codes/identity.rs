//! `NS02xx`: identity.

use crate::diag::rule::rules;

rules! {
    /// Two objects have the same natural key.
    ///
    /// ## What it does
    /// Reports the second object with a key already taken (a site name, a device name within
    /// a site, a VLAN group, a device type's manufacturer and model), with the first as a
    /// second label.
    ///
    /// ## Why is this bad?
    /// References to the name become ambiguous, and NetBox's unique constraints refuse it
    /// (NetBox 4.4 allows two devices of one name in one site when their tenants differ;
    /// netsot does not, since references name a device by its site only).
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - name: ams1
    ///   - name: ams1
    /// ```
    DUPLICATE_OBJECT = ("NS0201", "duplicate-object", Error);
}
