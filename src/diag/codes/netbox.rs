//! `NS09xx`: what a NetBox says when `netsot push netbox` writes to it.

use crate::diag::rule::rules;

rules! {
    /// NetBox refused an object `netsot push netbox` sent.
    ///
    /// ## What it does
    /// Reports NetBox's answer to a refused create, update or delete, with NetBox's own
    /// message, at the value of the field NetBox names (or the object) in the repository.
    /// The push stops there; what was pushed before stays, and the next push continues
    /// from it.
    ///
    /// ## Why is this bad?
    /// NetBox holds a rule netsot does not check (or an object the repository does not
    /// know about stands in the way), so NetBox and the repository disagree until the
    /// value, or the object in NetBox, is fixed.
    ///
    /// ## Example
    /// A device pushed to a rack unit that a device the repository does not hold already
    /// occupies in NetBox: NetBox answers `position: U10.0 is already occupied or does not
    /// have sufficient space to accommodate this device type`, reported at the device's
    /// `position`. NetBox's refusals need a running NetBox, so this code is proven by
    /// `tests/it/netbox_push.rs` instead of rule fixtures.
    NETBOX_REFUSED = ("NS0901", "netbox-refused", Error);
}
