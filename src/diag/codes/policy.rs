//! `NS07xx`: user policy.

use crate::diag::rule::rules;

rules! {
    /// A policy rule of `netsot.yaml` is violated.
    ///
    /// ## What it does
    /// Evaluates the declarative rules under `policy.rules` (for example "every active
    /// device has a primary IPv4") and reports each object that breaks one, with the rule's
    /// own message and severity.
    ///
    /// ## Why is this bad?
    /// The team wrote the rule down; the object breaks its convention.
    ///
    /// ## Example
    /// ```yaml
    /// policy:
    ///   rules:
    ///     - name: leaves-have-primary-ip
    ///       collection: devices
    ///       when: {role: leaf, status: active}
    ///       require: [primary_ip4]
    ///       message: every active leaf needs a primary IPv4 address
    /// ```
    /// and in a data file, an active leaf (the default status) without `primary_ip4`:
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, ip_addresses: [{address: 10.0.0.1/24}]}]}
    /// ```
    POLICY_VIOLATION = ("NS0701", "policy-violation", Error);
}
