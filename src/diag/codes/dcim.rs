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
    /// Reports an interface of type `lag` that itself names a `lag`.
    ///
    /// ## Why is this bad?
    /// Link aggregation does not nest.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: Port-Channel1, type: lag}, {name: Port-Channel2, type: lag, lag: Port-Channel1}]}
    /// ```
    NESTED_LAG = ("NS0607", "nested-lag", Error);

    /// A power feed's voltage is zero, or negative on an AC supply.
    ///
    /// ## What it does
    /// Reports a feed whose `voltage` is 0, outside -32768 to 32767, or negative while its
    /// `supply` is `ac` (the default), as NetBox's `PowerFeed.clean` and its validators do.
    ///
    /// ## Why is this bad?
    /// Only DC supplies (telecom -48 V) are written with a negative voltage; a zero or
    /// negative AC voltage is a typo, and the feed's available power is computed from it.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: feed-a, power_panel: pp-1, supply: ac, voltage: -230}
    /// ```
    INVALID_POWER_FEED_VOLTAGE = ("NS0690", "invalid-power-feed-voltage", Error);

    /// A power feed's amperage is zero or too large.
    ///
    /// ## What it does
    /// Reports a feed whose `amperage` is below 1 or above 32767 (NetBox's
    /// `MinValueValidator(1)` on a positive small integer).
    ///
    /// ## Why is this bad?
    /// A feed without current supplies nothing; NetBox refuses it.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: feed-a, power_panel: pp-1, amperage: 0}
    /// ```
    INVALID_POWER_FEED_AMPERAGE = ("NS0691", "invalid-power-feed-amperage", Error);

    /// A power feed's maximum utilisation is not a percentage from 1 to 100.
    ///
    /// ## What it does
    /// Reports a feed whose `max_utilization` is below 1 or above 100 (NetBox's
    /// validators).
    ///
    /// ## Why is this bad?
    /// It is the share of the feed's power that may be drawn; the feed's available power
    /// would be zero or more than the feed can give.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: feed-a, power_panel: pp-1, max_utilization: 120}
    /// ```
    INVALID_MAX_UTILIZATION = ("NS0692", "invalid-max-utilization", Error);

    /// A power port's allocated draw exceeds its maximum draw.
    ///
    /// ## What it does
    /// Reports a power port of a device, or a power-port template of a device type, whose
    /// `allocated_draw` is greater than its `maximum_draw` (NetBox's `PowerPort.clean`).
    ///
    /// ## Why is this bad?
    /// The allocated draw is what the port is budgeted to take, never more than it can.
    ///
    /// ## Example
    /// ```yaml
    /// power_ports:
    ///   - {name: PSU1, type: iec-60320-c14, maximum_draw: 500, allocated_draw: 750}
    /// ```
    ALLOCATED_DRAW_EXCEEDS_MAXIMUM = ("NS0693", "allocated-draw-exceeds-maximum", Error);

    /// An outlet is on feed leg B or C, but its power port is fed by a single-phase feed.
    ///
    /// ## What it does
    /// Follows the cable of the outlet's `power_port` to a power feed and reports a
    /// `feed_leg` of `B` or `C` when that feed is `single-phase` (netsot-only: NetBox
    /// documents the leg as the phase of a three-phase feed but does not check it; leg `A`
    /// is the one phase a single-phase feed has, as the library's PDUs write it).
    ///
    /// ## Why is this bad?
    /// A single-phase feed has no legs B and C; the outlet's load is booked on a phase
    /// that does not exist, and per-phase balancing reads wrong.
    ///
    /// ## Example
    /// ```yaml
    /// power_outlets:
    ///   - {name: "1", power_port: Input, feed_leg: B}
    /// ```
    FEED_LEG_ON_SINGLE_PHASE = ("NS0694", "feed-leg-on-single-phase", Warning);

    /// A power feed is allocated more power than it makes available.
    ///
    /// ## What it does
    /// Adds up the draw allocated on the power port a feed is cabled to (its own
    /// `allocated_draw`, or else the allocated draws of the power ports cabled to its
    /// outlets, as NetBox's `PowerPort.get_power_draw` does) and reports a feed where it
    /// exceeds the feed's available power: |voltage| x amperage x max_utilization, times
    /// 1.732 for three phases (netsot-only: NetBox shows the figure but refuses nothing).
    ///
    /// ## Why is this bad?
    /// The breaker trips when every supply draws its allocation; with A and B feeds, the
    /// surviving feed must carry both sides' load.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: feed-a, power_panel: pp-1, voltage: 230, amperage: 8, max_utilization: 80}
    /// ```
    POWER_FEED_OVERLOADED = ("NS0695", "power-feed-overloaded", Warning);
}
