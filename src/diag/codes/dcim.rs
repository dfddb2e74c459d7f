//! `NS06xx`: DCIM.

use crate::diag::rule::rules;

rules! {
    /// Two devices occupy the same rack unit.
    ///
    /// ## What it does
    /// Computes the units each racked device occupies (its type's height, half units
    /// allowed) on its face and reports the overlaps.
    ///
    /// ## Why is this bad?
    /// Two boxes cannot share a unit; the rack elevation is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, rack: r1, position: 40, face: front}   # 1U
    /// - {name: leaf2, role: leaf, device_type: Acme/S1, site: ams1, rack: r1, position: 40, face: front}
    /// ```
    RACK_UNIT_OVERLAP = ("NS0601", "rack-unit-overlap", Error);

    /// A device's position does not fit in its rack.
    ///
    /// ## What it does
    /// Reports positions below 1, above the rack's height once the device's own height is
    /// added, or not on a half-unit boundary; and a position with no rack, or no face.
    ///
    /// ## Why is this bad?
    /// The device would hang in the air above the rack, or nobody knows which side it faces.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: core1, role: leaf, device_type: Acme/S2, site: ams1, rack: r1, position: 42, face: front}   # a 2U device in a 42U rack
    /// ```
    POSITION_OUT_OF_RACK = ("NS0602", "position-out-of-rack", Error);

    /// A full-depth device conflicts with a device on the other face.
    ///
    /// ## What it does
    /// A full-depth device occupies its units on both faces; reports any device mounted on
    /// the opposite face in those units.
    ///
    /// ## Why is this bad?
    /// The two boxes would collide inside the rack.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: srv1, role: server, device_type: Acme/S2, site: ams1, rack: r1, position: 10, face: front}   # 2U, full depth
    /// - {name: pdu1, role: leaf, device_type: Acme/S1, site: ams1, rack: r1, position: 11, face: rear}
    /// ```
    FULL_DEPTH_CONFLICT = ("NS0603", "full-depth-conflict", Error);

    /// A cable end is used by two cables.
    ///
    /// ## What it does
    /// Reports a port or interface that appears as the end of more than one cable.
    ///
    /// ## Why is this bad?
    /// A port holds one connector.
    ///
    /// ## Example
    /// ```yaml
    /// cables:
    ///   - {a: 'leaf1:eth0', b: 'leaf2:eth0'}
    ///   - {a: 'leaf1:eth0', b: 'leaf2:eth1'}
    /// ```
    CABLE_END_REUSED = ("NS0604", "cable-end-reused", Error);

    /// A cable joins ends of incompatible kinds.
    ///
    /// ## What it does
    /// Reports a cable from a console port to an interface, a power port to a front port,
    /// or any pair NetBox's cable model refuses.
    ///
    /// ## Why is this bad?
    /// Such a cable cannot exist physically.
    ///
    /// ## Example
    /// ```yaml
    /// cables:
    ///   - {a: 'leaf1:con0', a_type: console_port, b: 'leaf2:eth0'}
    /// ```
    INCOMPATIBLE_CABLE_ENDS = ("NS0605", "incompatible-cable-ends", Error);

    /// A virtual interface is cabled.
    ///
    /// ## What it does
    /// Reports cables attached to virtual, LAG, bridge or wireless interfaces.
    ///
    /// ## Why is this bad?
    /// Only physical ports take a cable; NetBox refuses it.
    ///
    /// ## Example
    /// ```yaml
    /// cables:
    ///   - {a: 'leaf1:Port-Channel1', b: 'leaf2:Port-Channel1'}   # both are LAGs
    /// ```
    VIRTUAL_INTERFACE_CABLED = ("NS0606", "virtual-interface-cabled", Error);

    /// A LAG is a member of a LAG.
    ///
    /// ## What it does
    /// When `policy.netbox_departures.nested_lags` is on, reports an interface of type `lag`
    /// that itself names a `lag`. NetBox's `Interface.clean` accepts it (it refuses only a
    /// virtual member and a LAG of itself), so the check is off by default.
    ///
    /// ## Why is this bad?
    /// Link aggregation does not nest.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: Port-Channel1, type: lag}, {name: Port-Channel2, type: lag, lag: Port-Channel1}]}
    /// ```
    /// with `policy: {netbox_departures: {nested_lags: true}}` in `netsot.yaml`.
    NESTED_LAG = ("NS0607", "nested-lag", Error);
}
