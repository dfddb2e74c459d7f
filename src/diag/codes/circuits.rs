//! `NS0634`, `NS0635`: virtual circuits, part of the DCIM family (`NS06xx`), beside the
//! physical circuits' rules in `dcim.rs`.

use crate::diag::rule::rules;

rules! {
    /// A virtual circuit terminates on an interface that is not virtual.
    ///
    /// ## What it does
    /// Reports a termination of a virtual circuit whose interface is not of a virtual type
    /// (`virtual`, `lag` or `bridge`), as NetBox's `VirtualCircuitTermination.clean`
    /// (`circuits/models/virtual_circuits.py`, `Interface.is_virtual`).
    ///
    /// ## Why is this bad?
    /// A virtual circuit rides a physical one: it ends on the logical interface (a
    /// sub-interface, an overlay tunnel) the provider's service is delivered on, not on the
    /// port its cable plugs into. NetBox refuses the termination.
    ///
    /// ## Example
    /// ```yaml
    /// virtual_circuits:
    ///   - cid: VC-1
    ///     provider_network: mpls-core
    ///     type: l3vpn
    ///     terminations:
    ///       - {interface: 'pe1:xe-0/0/0', role: hub}   # a physical port
    /// ```
    /// Terminate it on a virtual interface, e.g. `pe1:xe-0/0/0.100`.
    VIRTUAL_CIRCUIT_ON_PHYSICAL_INTERFACE = ("NS0634", "virtual-circuit-on-physical-interface", Error);

    /// An interface terminates two virtual circuits, or one twice.
    ///
    /// ## What it does
    /// Reports an interface named by a second virtual circuit termination: NetBox's
    /// `VirtualCircuitTermination.interface` is a `OneToOneField`.
    ///
    /// ## Why is this bad?
    /// An interface is the end of one virtual circuit; two ends on one interface say two
    /// things about what it carries. NetBox refuses the second termination.
    ///
    /// ## Example
    /// ```yaml
    ///     terminations:
    ///       - {interface: 'pe1:xe-0/0/0.100', role: hub}
    ///       - {interface: 'pe1:xe-0/0/0.100', role: spoke}
    /// ```
    VIRTUAL_CIRCUIT_INTERFACE_TAKEN = ("NS0635", "virtual-circuit-interface-taken", Error);
}
