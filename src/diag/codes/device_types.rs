//! `NS06xx`: DCIM, the rules on device types and their component templates.

use crate::diag::rule::rules;

rules! {
    /// A device type's height is not a multiple of half a unit.
    ///
    /// ## What it does
    /// Reports a device type whose `u_height` is not a whole or half number of rack units.
    ///
    /// ## Why is this bad?
    /// Rack units split in halves at most; NetBox refuses other heights
    /// (`DeviceType.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - manufacturer: Acme
    ///   model: S1
    ///   u_height: 1.25
    /// ```
    U_HEIGHT_NOT_HALF_UNIT = ("NS0618", "u-height-not-half-unit", Error);

    /// A child device type takes rack units.
    ///
    /// ## What it does
    /// Reports a device type with `subdevice_role: child` whose `u_height` is not 0 (1 when
    /// not given).
    ///
    /// ## Why is this bad?
    /// A child device sits in its parent's device bay, not in the rack; NetBox refuses a
    /// child type of any height (`DeviceType.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - manufacturer: Acme
    ///   model: S1
    ///   u_height: 1
    ///   subdevice_role: child
    /// ```
    CHILD_TYPE_NOT_0U = ("NS0619", "child-type-not-0u", Error);

    /// A device type has a weight but no unit.
    ///
    /// ## What it does
    /// Reports a device type with a non-zero `weight` and no `weight_unit`.
    ///
    /// ## Why is this bad?
    /// Rack load computed from kilograms and pounds mixed is wrong; NetBox refuses a
    /// weight without its unit (`WeightMixin.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - manufacturer: Acme
    ///   model: S1
    ///   weight: 4.2
    /// ```
    WEIGHT_WITHOUT_UNIT = ("NS0620", "weight-without-unit", Error);

    /// A device type has device bays but is not a parent type.
    ///
    /// ## What it does
    /// Reports a device type with `device-bays` whose `subdevice_role` is not `parent`.
    ///
    /// ## Why is this bad?
    /// Only a parent device holds child devices; NetBox refuses device bay templates on
    /// any other type (`DeviceBayTemplate.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - manufacturer: Acme
    ///   model: S1
    ///   device-bays:
    ///     - {name: bay1}
    /// ```
    DEVICE_BAYS_WITHOUT_PARENT_ROLE = ("NS0621", "device-bays-without-parent-role", Error);

    /// A front port maps onto a rear port position that does not exist.
    ///
    /// ## What it does
    /// Reports a front port template whose `rear_port_position` is 0 or above the
    /// `positions` of its rear port (1 when not given).
    ///
    /// ## Why is this bad?
    /// The front port would pass through a strand the rear port does not have; NetBox
    /// refuses it (`FrontPortTemplate.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// rear-ports:
    ///   - {name: rear1, type: lc, positions: 2}
    /// front-ports:
    ///   - {name: front1, type: lc, rear_port: rear1, rear_port_position: 3}
    /// ```
    REAR_PORT_POSITION_OUT_OF_RANGE = ("NS0622", "rear-port-position-out-of-range", Error);

    /// Two front ports map onto one rear port position.
    ///
    /// ## What it does
    /// Reports a front port template mapped onto the same rear port and position as an
    /// earlier one of the type.
    ///
    /// ## Why is this bad?
    /// One strand of a rear port leads to one front port; NetBox's constraint
    /// `dcim_frontporttemplate_unique_rear_port_position` refuses a second one.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: front1, type: lc, rear_port: rear1, rear_port_position: 1}
    /// - {name: front2, type: lc, rear_port: rear1, rear_port_position: 1}
    /// ```
    REAR_PORT_POSITION_TAKEN = ("NS0623", "rear-port-position-taken", Error);

    /// A rear port has a number of positions NetBox does not allow.
    ///
    /// ## What it does
    /// Reports a rear port template whose `positions` is outside 1 to 1024.
    ///
    /// ## Why is this bad?
    /// NetBox refuses it (`positions` validators, `REARPORT_POSITIONS_MAX`), so the type
    /// cannot be imported.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: rear1, type: mpo, positions: 2048}
    /// ```
    REAR_PORT_POSITIONS_OUT_OF_RANGE = ("NS0624", "rear-port-positions-out-of-range", Error);

    /// A power port allocates more than its maximum draw.
    ///
    /// ## What it does
    /// Reports a power port template of a device type, or a power port of a device, whose
    /// `allocated_draw` exceeds its `maximum_draw`.
    ///
    /// ## Why is this bad?
    /// Power budgets add allocated draws; one above the maximum is a typo. NetBox refuses it
    /// (`PowerPortTemplate.clean`, `PowerPort.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: psu1, type: iec-60320-c14, maximum_draw: 200, allocated_draw: 250}
    /// ```
    ALLOCATED_DRAW_ABOVE_MAXIMUM = ("NS0625", "allocated-draw-above-maximum", Error);

    /// A power draw of 0 watts.
    ///
    /// ## What it does
    /// Reports a power port template or power port with a `maximum_draw` or
    /// `allocated_draw` of 0.
    ///
    /// ## Why is this bad?
    /// NetBox's validators require at least 1 W; an unknown draw is left out, not 0.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: psu1, type: iec-60320-c14, maximum_draw: 0}
    /// ```
    POWER_DRAW_BELOW_ONE = ("NS0626", "power-draw-below-one", Error);
}
