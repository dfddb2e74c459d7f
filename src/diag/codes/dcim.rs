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

    /// A virtual chassis member has no `vc_position`.
    ///
    /// ## What it does
    /// Reports a device with a `virtual_chassis` and no `vc_position`.
    ///
    /// ## Why is this bad?
    /// NetBox's `Device.clean` requires it; the position is the member's number, which its
    /// interface names and the chassis configuration use.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: sw2, role: leaf, device_type: Acme/S1, site: ams1, virtual_chassis: stack1}
    /// ```
    MISSING_VC_POSITION = ("NS0676", "missing-vc-position", Error);

    /// Two members of a virtual chassis share a `vc_position`.
    ///
    /// ## What it does
    /// Reports the second member taking a position of its chassis already taken, with the
    /// first as a second label.
    ///
    /// ## Why is this bad?
    /// A position numbers one member (NetBox's constraint
    /// `dcim_device_unique_virtual_chassis_vc_position`).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: sw1, role: leaf, device_type: Acme/S1, site: ams1, virtual_chassis: stack1, vc_position: 1}
    /// - {name: sw2, role: leaf, device_type: Acme/S1, site: ams1, virtual_chassis: stack1, vc_position: 1}
    /// ```
    VC_POSITION_TAKEN = ("NS0677", "vc-position-taken", Error);

    /// A virtual chassis's master is not one of its members.
    ///
    /// ## What it does
    /// Reports a `master` that names no device whose `virtual_chassis` is this chassis.
    ///
    /// ## Why is this bad?
    /// NetBox's `VirtualChassis.clean` refuses it: the master is the member that manages the
    /// others.
    ///
    /// ## Example
    /// ```yaml
    /// virtual_chassis:
    ///   - {name: stack1, master: sw3}
    /// ```
    VC_MASTER_NOT_MEMBER = ("NS0678", "vc-master-not-member", Error);

    /// A child device is given a rack face or position.
    ///
    /// ## What it does
    /// Reports `face` or `position` on a racked device whose type has
    /// `subdevice_role: child`.
    ///
    /// ## Why is this bad?
    /// A child sits in its parent's device bay; the rack face and units are the parent's
    /// (NetBox's `Device.clean`: "This is an attribute of the parent device").
    ///
    /// ## Example
    /// ```yaml
    /// - {name: blade1, role: server, device_type: Acme/B1, site: ams1, rack: r1, face: front, parent_device: {device: chassis1, bay: Bay 1}}
    /// ```
    CHILD_DEVICE_RACKED = ("NS0679", "child-device-racked", Error);
}
