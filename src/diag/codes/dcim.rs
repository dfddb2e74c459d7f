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

    /// A virtual chassis member has no position.
    ///
    /// ## What it does
    /// Reports a device that names a `virtual_chassis` but no `vc_position`.
    ///
    /// ## Why is this bad?
    /// The position numbers a member's interfaces in the stack; NetBox refuses a member
    /// without one (`Device.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, virtual_chassis: vc1}   # no vc_position
    /// ```
    VC_MEMBER_WITHOUT_POSITION = ("NS0608", "vc-member-without-position", Error);

    /// Two members of a virtual chassis share a position.
    ///
    /// ## What it does
    /// Reports a device whose `vc_position` another member of the same virtual chassis
    /// already has.
    ///
    /// ## Why is this bad?
    /// Two switches of a stack cannot both be member 1; NetBox's constraint
    /// `dcim_device_unique_virtual_chassis_vc_position` refuses it.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, virtual_chassis: vc1, vc_position: 1}
    /// - {name: leaf2, role: leaf, device_type: Acme/S1, site: ams1, virtual_chassis: vc1, vc_position: 1}
    /// ```
    VC_POSITION_TAKEN = ("NS0609", "vc-position-taken", Error);

    /// A virtual chassis's master is not one of its members.
    ///
    /// ## What it does
    /// Reports a virtual chassis whose `master` device does not name that chassis as its
    /// `virtual_chassis`.
    ///
    /// ## Why is this bad?
    /// The master manages the stack it belongs to; NetBox refuses another device
    /// (`VirtualChassis.clean`), and a device can master only the one chassis it is in.
    ///
    /// ## Example
    /// ```yaml
    /// virtual_chassis:
    ///   - {name: vc1, master: leaf2}
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, virtual_chassis: vc1, vc_position: 1}
    ///   - {name: leaf2, role: leaf, device_type: Acme/S1, site: ams1}
    /// ```
    VC_MASTER_NOT_MEMBER = ("NS0610", "vc-master-not-member", Error);

    /// A device has a rack face but no rack.
    ///
    /// ## What it does
    /// Reports a device with `face` and no `rack`.
    ///
    /// ## Why is this bad?
    /// A face is a side of a rack; NetBox refuses it without one (`Device.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, face: front}   # no rack
    /// ```
    FACE_WITHOUT_RACK = ("NS0611", "face-without-rack", Error);

    /// A child device has a rack face or position.
    ///
    /// ## What it does
    /// Reports a racked device of a child type (`subdevice_role: child`) that gives a
    /// `face` or a `position`.
    ///
    /// ## Why is this bad?
    /// A child device sits in a device bay of its parent, which holds the rack units;
    /// NetBox refuses both (`Device.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: blade1, role: leaf, device_type: Acme/B1, site: ams1, rack: r1, face: front}   # a child type
    /// ```
    CHILD_DEVICE_RACKED = ("NS0612", "child-device-racked", Error);

    /// A physical interface has a parent interface.
    ///
    /// ## What it does
    /// Reports a device interface with a `parent` whose type is not `virtual`.
    ///
    /// ## Why is this bad?
    /// Sub-interfaces are logical; NetBox refuses a parent on any other type
    /// (`Interface.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0.10, type: 1000base-t, parent: eth0}]}
    /// ```
    PARENT_ON_PHYSICAL_INTERFACE = ("NS0613", "parent-on-physical-interface", Error);

    /// A virtual interface is a LAG member.
    ///
    /// ## What it does
    /// Reports a device interface of type `virtual` that names a `lag`.
    ///
    /// ## Why is this bad?
    /// A LAG bundles physical links; NetBox refuses a virtual member (`Interface.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: po1, type: lag}, {name: lo0, type: virtual, lag: po1}]}
    /// ```
    VIRTUAL_INTERFACE_IN_LAG = ("NS0614", "virtual-interface-in-lag", Error);

    /// A port marked connected takes a cable, or cannot be connected at all.
    ///
    /// ## What it does
    /// Reports a cable ending on an interface or port with `mark_connected: true`, and a
    /// virtual, LAG or bridge interface marked connected.
    ///
    /// ## Why is this bad?
    /// `mark_connected` stands for a connection that is not modelled by a cable; both at
    /// once, or on an interface nothing plugs into, is a contradiction. NetBox refuses them
    /// (`CabledObjectModel.clean`, `CableTermination.clean`, `Interface.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, mark_connected: true}, {name: lo0, type: virtual, mark_connected: true}]}
    ///   - {name: leaf2, role: leaf, device_type: Acme/S1, site: ams1}
    /// cables:
    ///   - {a: 'leaf1:eth0', b: 'leaf2:eth0'}
    /// ```
    MARK_CONNECTED_CONFLICT = ("NS0615", "mark-connected-conflict", Error);

    /// A cable has a length but no unit.
    ///
    /// ## What it does
    /// Reports a cable with `length` and no `length_unit`.
    ///
    /// ## Why is this bad?
    /// Three metres and three feet are different cables to order; NetBox refuses a length
    /// without its unit (`Cable.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {a: 'leaf1:eth0', b: 'leaf2:eth0', type: cat6, length: 3}   # 3 what?
    /// ```
    CABLE_LENGTH_WITHOUT_UNIT = ("NS0616", "cable-length-without-unit", Error);

    /// A cable's two ends are the same port.
    ///
    /// ## What it does
    /// Reports a cable whose A and B ends name one interface, port or circuit termination.
    ///
    /// ## Why is this bad?
    /// A cable joins two things; NetBox refuses A and B on one object (`Cable.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {a: 'leaf1:eth0', b: 'leaf1:eth0'}
    /// ```
    CABLE_TO_ITSELF = ("NS0617", "cable-to-itself", Error);

    /// A circuit termination is attached to nothing.
    ///
    /// ## What it does
    /// Reports a circuit's `termination_a` or `termination_z` with neither a `site` nor a
    /// `provider_network`.
    ///
    /// ## Why is this bad?
    /// A termination is where the circuit is handed over; NetBox refuses one that attaches
    /// to no site, location, region or provider network (`CircuitTermination.clean`). netsot
    /// models sites and provider networks.
    ///
    /// ## Example
    /// ```yaml
    /// - {cid: C-1, provider: Telco, type: transit, termination_a: {port_speed: 1000000}}
    /// ```
    CIRCUIT_TERMINATION_WITHOUT_SITE = ("NS0627", "circuit-termination-without-site", Error);

    /// An installed module gives its device a component whose name the device already has.
    ///
    /// ## What it does
    /// Resolves the names of every component an installed module's type brings (console
    /// and console server ports, power ports and outlets, front and rear ports and
    /// interfaces, `{module}` replaced by the bays' positions) and reports one that the
    /// device's type, or another module, already gives the device under the same kind.
    ///
    /// ## Why is this bad?
    /// NetBox refuses to install such a module ("A PowerPort named PSU1 already exists",
    /// `ModuleCommonForm.clean`) unless it is told to adopt the device's component; the
    /// device would otherwise hold two ports of one name, and cables naming it would
    /// reach either.
    ///
    /// ## Example
    /// ```yaml
    ///     modules:
    ///       - {bay: PSU bay 1, type: Acme/PSU-1100}
    /// ```
    MODULE_COMPONENT_NAME_TAKEN = ("NS0648", "module-component-name-taken", Error);

    /// A module names a module bay its device does not have.
    ///
    /// ## What it does
    /// Looks up a module's `bay` among the module bays of its device's type and the
    /// device's own `module_bays` (for a module nested under another, among the bays of the
    /// outer module's type).
    ///
    /// ## Why is this bad?
    /// NetBox installs a module only in a module bay of its own device (`Module.clean`); a
    /// misspelt bay would leave the line card, and its interfaces, out.
    ///
    /// ## Example
    /// ```yaml
    /// modules:
    ///   - {bay: Slot 3, type: Acme/LC2}   # the chassis has Slot 1 and Slot 2
    /// ```
    UNKNOWN_MODULE_BAY = ("NS0670", "unknown-module-bay", Error);

    /// Two modules are installed in one module bay.
    ///
    /// ## What it does
    /// Reports the second module naming a bay that already holds one, with the first as a
    /// second label.
    ///
    /// ## Why is this bad?
    /// A bay holds one module: NetBox's `Module.module_bay` is one-to-one.
    ///
    /// ## Example
    /// ```yaml
    /// modules:
    ///   - {bay: Slot 1, type: Acme/LC2}
    ///   - {bay: Slot 1, type: Acme/LC2}
    /// ```
    MODULE_BAY_OCCUPIED = ("NS0671", "module-bay-occupied", Error);

    /// A module's component names hold more or fewer `{module}` placeholders than the bays
    /// it is nested in, or a bay on its way has no position.
    ///
    /// ## What it does
    /// Counts `{module}` in the names of the module type's components against the depth of
    /// the module (1 in a device's bay, 2 in a bay of a module...) and requires a `position`
    /// on every bay of the chain, as NetBox's module form does.
    ///
    /// ## Why is this bad?
    /// The placeholders are replaced by the bays' positions, outermost first; with one too
    /// few or too many, the interfaces get names the device does not have (or a literal
    /// `{module}`).
    ///
    /// ## Example
    /// ```yaml
    /// modules:
    ///   - {bay: Slot 1, type: Acme/LC2}   # Slot 1 has no position
    /// ```
    MODULE_POSITION_MISMATCH = ("NS0672", "module-position-mismatch", Error);

    /// An interface entry renames or removes an interface the device is not given.
    ///
    /// ## What it does
    /// An entry with `rename_from: OLD` or `remove: true` refines an interface that the
    /// device type or an installed module gives the device; reports it when no such
    /// interface exists (names after `{module}` substitution and virtual chassis numbering).
    ///
    /// ## Why is this bad?
    /// The refinement does nothing: the interface meant is still there under its old name.
    ///
    /// ## Example
    /// ```yaml
    /// interfaces:
    ///   - {name: uplink, rename_from: eth9}   # the type has eth0 and eth1
    /// ```
    UNKNOWN_TEMPLATE_INTERFACE = ("NS0673", "unknown-template-interface", Error);

    /// A device names a device bay it cannot sit in.
    ///
    /// ## What it does
    /// A child device's `parent_device: {device, bay}` must name a device bay of the
    /// parent's type, whose `subdevice_role` is `parent`, and not the device itself.
    ///
    /// ## Why is this bad?
    /// NetBox's `DeviceBay.clean` refuses bays on types that are not parents and a device
    /// installed in itself; an unknown bay leaves the blade nowhere.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: blade1, role: server, device_type: Acme/B1, site: ams1, parent_device: {device: chassis1, bay: Bay 9}}
    /// ```
    INVALID_DEVICE_BAY = ("NS0674", "invalid-device-bay", Error);

    /// Two devices are installed in one device bay.
    ///
    /// ## What it does
    /// Reports the second child device naming a parent's bay that already holds one.
    ///
    /// ## Why is this bad?
    /// A device bay holds one device: NetBox's `DeviceBay.installed_device` is one-to-one.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: blade1, role: server, device_type: Acme/B1, site: ams1, parent_device: {device: chassis1, bay: Bay 1}}
    /// - {name: blade2, role: server, device_type: Acme/B1, site: ams1, parent_device: {device: chassis1, bay: Bay 1}}
    /// ```
    DEVICE_BAY_OCCUPIED = ("NS0675", "device-bay-occupied", Error);

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

    /// A circuit names an account of another provider.
    ///
    /// ## What it does
    /// Reports a circuit whose `provider_account` belongs to a provider other than the
    /// circuit's `provider`, as NetBox's `Circuit.clean` does.
    ///
    /// ## Why is this bad?
    /// An account is a contract with one provider: a circuit billed to another provider's
    /// account is a typo in one of the two names, and NetBox refuses it ("The assigned
    /// account must belong to the assigned provider").
    ///
    /// ## Example
    /// ```yaml
    /// - {cid: C-1, provider: Telco, provider_account: "8841", type: transit, termination_a: {site: ams1}}
    /// ```
    CIRCUIT_ACCOUNT_OF_ANOTHER_PROVIDER = ("NS0656", "circuit-account-of-another-provider", Error);

    /// A cable ends at a circuit termination on a provider network.
    ///
    /// ## What it does
    /// Reports a cable whose end is `CID:A` or `CID:Z` of a circuit whose termination on
    /// that side is a `provider_network`, as NetBox's `CableTermination.clean` does.
    ///
    /// ## Why is this bad?
    /// A provider network is the provider's cloud, outside the user's racks: nothing of
    /// theirs plugs into it. NetBox refuses the cable ("Circuit terminations attached to a
    /// provider network may not be cabled"); the cable belongs on the termination at a site.
    ///
    /// ## Example
    /// ```yaml
    /// cables:
    ///   - {a: 'edge1:eth0', b: 'C-1:A', b_type: circuit_termination}
    ///   - {a: 'edge1:eth1', b: 'C-1:Z', b_type: circuit_termination}
    /// ```
    CABLE_TO_PROVIDER_NETWORK = ("NS0657", "cable-to-provider-network", Error);

    /// A circuit termination names both a site and a provider network.
    ///
    /// ## What it does
    /// Reports a `termination_a` or `termination_z` with both `site` and
    /// `provider_network`.
    ///
    /// ## Why is this bad?
    /// A termination attaches to one terminating object (NetBox's `termination` is a single
    /// generic foreign key): the circuit is handed over either at a site or into the
    /// provider's network, and NetBox can store only one of them.
    ///
    /// ## Example
    /// ```yaml
    /// termination_z: {site: ams1, provider_network: Telco backbone}
    /// ```
    CIRCUIT_TERMINATION_AT_TWO_PLACES = ("NS0658", "circuit-termination-at-two-places", Error);

    /// A rack reservation names a unit the rack does not have.
    ///
    /// ## What it does
    /// Reports each unit of a reservation's `units` outside the rack's numbering (from
    /// `starting_unit` over `u_height` units, its rack type's when it has one), and a
    /// reservation of no unit, as NetBox's `RackReservation.clean` does.
    ///
    /// ## Why is this bad?
    /// A reserved unit that does not exist holds nothing back: the space the reservation
    /// meant to keep free is still offered, and NetBox refuses the reservation
    /// ("Invalid unit(s) for 42U rack").
    ///
    /// ## Example
    /// ```yaml
    /// - {site: ams1, rack: r1, units: [41, 42, 43], user: admin, description: spine expansion}
    /// ```
    RESERVED_UNIT_OUTSIDE_RACK = ("NS0628", "reserved-unit-outside-rack", Error);

    /// Two reservations of one rack hold the same unit.
    ///
    /// ## What it does
    /// Reports each unit a reservation holds that an earlier reservation of the same rack
    /// already holds, as NetBox's `RackReservation.clean` does.
    ///
    /// ## Why is this bad?
    /// A unit is set aside for one purpose; two holders will both plan a device into it.
    /// NetBox refuses the second ("The following units have already been reserved").
    ///
    /// ## Example
    /// ```yaml
    /// - {site: ams1, rack: r1, units: [10, 11], user: admin, description: firewall pair}
    /// - {site: ams1, rack: r1, units: [11, 12], user: admin, description: load balancer}
    /// ```
    UNIT_RESERVED_TWICE = ("NS0629", "unit-reserved-twice", Error);

    /// A rack writes a physical value its rack type decides.
    ///
    /// ## What it does
    /// Reports a rack with a `rack_type` that also writes `form_factor`, `width`,
    /// `u_height`, `starting_unit`, `desc_units`, an outer dimension, `mounting_depth` or a
    /// weight with a value other than its type's.
    ///
    /// ## Why is this bad?
    /// NetBox copies these values from the type over the rack's own on every save
    /// (`Rack.copy_racktype_attrs`), without a word: the value written is silently lost,
    /// and elevations, free units and reservations follow the type's. Remove the value, or
    /// the type.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: r1, site: ams1, rack_type: apc-ar3300, u_height: 48}
    /// ```
    RACK_VALUE_OVERRIDDEN_BY_TYPE = ("NS0630", "rack-value-overridden-by-type", Warning);

    /// A rack or rack type gives a dimension or a maximum weight without its unit.
    ///
    /// ## What it does
    /// Reports `outer_width`, `outer_height` or `outer_depth` without `outer_unit`, and
    /// `max_weight` without `weight_unit`, on racks and rack types, as NetBox's
    /// `RackType.clean` and `Rack.clean` do.
    ///
    /// ## Why is this bad?
    /// A number without its unit is read differently by each reader (600 mm is not 600
    /// inches); NetBox refuses it ("Must specify a unit when setting an outer dimension").
    ///
    /// ## Example
    /// ```yaml
    /// - {manufacturer: APC, model: AR3300, slug: apc-ar3300, form_factor: 4-post-cabinet, outer_width: 600, max_weight: 1000, weight_unit: kg}
    /// ```
    RACK_MEASURE_WITHOUT_UNIT = ("NS0631", "rack-measure-without-unit", Error);

    /// A wireless link ends on an interface that is not wireless.
    ///
    /// ## What it does
    /// Reports a wireless link whose `interface_a` or `interface_b` is not of a wireless
    /// type (802.11, 802.15, cellular, `other-wireless`), as NetBox's `WirelessLink.clean`.
    ///
    /// ## Why is this bad?
    /// A copper or fibre port has no radio; the link cannot exist, and NetBox refuses it.
    ///
    /// ## Example
    /// ```yaml
    /// wireless_links:
    ///   - {interface_a: 'ap1:wlan0', interface_b: 'ap2:eth0', ssid: backhaul}
    /// ```
    WIRELESS_LINK_WIRED_INTERFACE = ("NS0640", "wireless-link-wired-interface", Error);

    /// A wired interface carries radio settings or wireless LANs.
    ///
    /// ## What it does
    /// Reports `rf_role`, `rf_channel`, `rf_channel_frequency`, `rf_channel_width` or
    /// `wireless_lans` on an interface whose type is not wireless, as NetBox's
    /// `Interface.clean` and `InterfaceValidationMixin.clean`.
    ///
    /// ## Why is this bad?
    /// Only a radio has a channel or joins an SSID; NetBox refuses the interface.
    ///
    /// ## Example
    /// ```yaml
    /// interfaces:
    ///   - {name: eth0, rf_role: ap, rf_channel: 5g-36-5180-20}
    /// ```
    RADIO_SETTINGS_ON_WIRED_INTERFACE = ("NS0641", "radio-settings-on-wired-interface", Error);

    /// A virtual, LAG or bridge interface has a PoE mode or type.
    ///
    /// ## What it does
    /// Reports `poe_mode` or `poe_type` on an interface, or an interface template, whose type
    /// is `virtual`, `lag` or `bridge` (NetBox's `VIRTUAL_IFACE_TYPES`, refused by
    /// `InterfaceValidationMixin.clean`).
    ///
    /// ## Why is this bad?
    /// Power flows over a physical port only; a PoE budget counted on a LAG counts its
    /// members twice. NetBox refuses the interface.
    ///
    /// ## Example
    /// ```yaml
    ///   - {name: ae0, type: lag, poe_mode: pse}   # a LAG carries no power
    /// ```
    POE_ON_VIRTUAL_INTERFACE = ("NS0632", "poe-on-virtual-interface", Error);

    /// An interface has a PoE type but no PoE mode.
    ///
    /// ## What it does
    /// Reports `poe_type` without `poe_mode` on an interface or an interface template
    /// (`InterfaceValidationMixin.clean`: "Must specify PoE mode when designating a PoE
    /// type").
    ///
    /// ## Why is this bad?
    /// The standard says how much power, the mode says which way it flows; a PoE budget
    /// needs both. NetBox refuses the interface.
    ///
    /// ## Example
    /// ```yaml
    ///   - {name: ge-0/0/1, type: 1000base-t, poe_type: type2-ieee802.3at}   # powering or powered?
    /// ```
    POE_TYPE_WITHOUT_MODE = ("NS0633", "poe-type-without-mode", Error);

    /// A channel frequency or width differs from the selected channel's.
    ///
    /// ## What it does
    /// With `rf_channel` set, `rf_channel_frequency` and `rf_channel_width` must be the
    /// channel's own (NetBox's `Interface.clean`: "Cannot specify custom frequency with
    /// channel selected").
    ///
    /// ## Why is this bad?
    /// Channel 36 is 5180 MHz wide 20; any other figure contradicts the channel.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: wlan0, rf_role: ap, rf_channel: 5g-36-5180-20, rf_channel_frequency: 5200}
    /// ```
    RF_CHANNEL_MISMATCH = ("NS0642", "rf-channel-mismatch", Error);

    /// An interface is an end of two wireless links.
    ///
    /// ## What it does
    /// Reports an interface named by a second wireless link (NetBox's interface holds one
    /// `wireless_link`, and its links are unique per pair of interfaces).
    ///
    /// ## Why is this bad?
    /// A point-to-point radio has one peer; the second link would replace the first.
    ///
    /// ## Example
    /// ```yaml
    /// wireless_links:
    ///   - {interface_a: 'ap1:wlan0', interface_b: 'ap2:wlan0'}
    ///   - {interface_a: 'ap1:wlan0', interface_b: 'ap3:wlan0'}
    /// ```
    WIRELESS_INTERFACE_LINKED_TWICE = ("NS0643", "wireless-interface-linked-twice", Error);

    /// A wireless link has a distance without a unit.
    ///
    /// ## What it does
    /// Reports `distance` without `distance_unit` (NetBox's `DistanceMixin.clean`: "Must
    /// specify a unit when setting a distance").
    ///
    /// ## Why is this bad?
    /// 12 of what: metres, kilometres, miles?
    ///
    /// ## Example
    /// ```yaml
    /// - {interface_a: 'ap1:wlan0', interface_b: 'ap2:wlan0', distance: 12}
    /// ```
    DISTANCE_WITHOUT_UNIT = ("NS0644", "distance-without-unit", Error);

    /// A device is in a cluster scoped to another location.
    ///
    /// ## What it does
    /// Reports a device whose `cluster` is scoped to a location (`location:`) other than
    /// the device's own `location`, as NetBox's `Device.clean` does with the cluster's
    /// cached location.
    ///
    /// ## Why is this bad?
    /// A cluster scoped to a hall runs on the hosts of that hall; a host elsewhere (or
    /// with no location) is either in the wrong cluster or placed wrongly, and NetBox
    /// refuses it ("The assigned cluster belongs to a different location").
    ///
    /// ## Example
    /// ```yaml
    /// clusters:
    ///   - {name: c1, type: vmware, location: ams1/hall1}
    /// devices:
    ///   - {name: host1, role: server, device_type: Acme/S1, site: ams1, location: hall2, cluster: c1}
    /// ```
    CLUSTER_OUTSIDE_LOCATION = ("NS0636", "cluster-outside-location", Error);
}
