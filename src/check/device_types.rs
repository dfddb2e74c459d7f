//! Family 6, device types: NetBox's `DeviceType.clean` (`dcim/models/devices.py`: height in
//! half units, child types 0U, device bays only on parent types), `WeightMixin.clean`
//! (`netbox/models/mixins.py`) and lengths; the component templates of device types and
//! module types are checked alike by `type_templates.rs`. The power draw rules are shared
//! with templates and devices' own power ports (`ports.rs`).

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::Graph;
use crate::model::device_type::DeviceType;
use crate::model::{Obj, Spanned, Text};

use super::type_templates::{Scratch, Templates};
use super::values::too_long;

/// `DeviceType.u_height` is a `DecimalField(max_digits=4, decimal_places=1)` with
/// `MinValueValidator(0)`: 0 to 999.9 (the half units of `DeviceType.clean` make the
/// highest 999.5).
const U_HEIGHT_BELOW: f64 = 1000.0;

/// `model max_length` and `slug max_length` of `DeviceType`.
const MODEL_MAX: usize = 100;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut scratch = Scratch::default();
    for object in &graph.model.device_types {
        let t = &object.data;
        shape(object, out);
        Templates {
            file: object.file,
            owner: "device type",
            name: type_name(&t.manufacturer, &t.model),
            console_ports: &t.console_ports,
            console_server_ports: &t.console_server_ports,
            power_ports: &t.power_ports,
            power_outlets: &t.power_outlets,
            interfaces: &t.interfaces,
            front_ports: &t.front_ports,
            rear_ports: &t.rear_ports,
            module_bays: &t.module_bays,
            device_bays: &t.device_bays,
            inventory_items: &t.inventory_items,
        }
        .check(&mut scratch, out);
    }
    for object in &graph.model.module_types {
        let t = &object.data;
        Templates {
            file: object.file,
            owner: "module type",
            name: type_name(&t.manufacturer, &t.model),
            console_ports: &t.console_ports,
            console_server_ports: &t.console_server_ports,
            power_ports: &t.power_ports,
            power_outlets: &t.power_outlets,
            interfaces: &t.interfaces,
            front_ports: &t.front_ports,
            rear_ports: &t.rear_ports,
            module_bays: &t.module_bays,
            device_bays: &[],
            inventory_items: &[],
        }
        .check(&mut scratch, out);
    }
}

fn type_name(manufacturer: &Text, model: &Text) -> String {
    format!("{}/{}", manufacturer.value, model.value)
}

/// The rules on the type itself: height, child types, weight, device bays, lengths.
fn shape(object: &Obj<DeviceType>, out: &mut Vec<Diagnostic>) {
    let t = &object.data;
    too_long(out, object.file, &t.model, MODEL_MAX, || {
        format!("model of a device type of `{}`", t.manufacturer.value)
    });
    if let Some(slug) = &t.slug {
        too_long(out, object.file, slug, MODEL_MAX, || {
            format!(
                "slug of device type `{}`",
                type_name(&t.manufacturer, &t.model)
            )
        });
    }
    if let Some(height) = t
        .u_height
        .as_ref()
        .filter(|h| !(0.0..U_HEIGHT_BELOW).contains(&h.value))
    {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!(
                    "device type `{}` is {}U high, outside 0 to 999.5",
                    type_name(&t.manufacturer, &t.model),
                    height.value
                ),
            )
            .at(object.at(height))
            .with_help("give `u_height` from 0 to 999.5, in steps of 0.5"),
        );
    } else if let Some(height) = &t.u_height {
        if (height.value * 2.0).fract() != 0.0 {
            out.push(
                Diagnostic::new(
                    &codes::U_HEIGHT_NOT_HALF_UNIT,
                    format!(
                        "device type `{}` is {}U high; heights go in steps of 0.5U",
                        type_name(&t.manufacturer, &t.model),
                        height.value
                    ),
                )
                .at(object.at(height))
                .with_help("round `u_height` to a whole or half unit"),
            );
        }
    }
    let child = t.subdevice_role.as_ref().filter(|r| r.value.is("child"));
    if let Some(role) = child {
        if t.height() != 0.0 {
            let at = t
                .u_height
                .as_ref()
                .map_or(object.at(role), |h| object.at(h));
            out.push(
                Diagnostic::new(
                    &codes::CHILD_TYPE_NOT_0U,
                    format!(
                        "child device type `{}` is {}U high; child types are 0U",
                        type_name(&t.manufacturer, &t.model),
                        t.height()
                    ),
                )
                .at(at)
                .with_help("set `u_height: 0`: a child device sits in its parent's device bay"),
            );
        }
    }
    if let (Some(weight), None) = (&t.weight, &t.weight_unit) {
        if weight.value != 0.0 {
            out.push(
                Diagnostic::new(
                    &codes::WEIGHT_WITHOUT_UNIT,
                    format!(
                        "device type `{}` has a weight of {} but no unit",
                        type_name(&t.manufacturer, &t.model),
                        weight.value
                    ),
                )
                .at(object.at(weight))
                .with_help("add `weight_unit` (kg, g, lb or oz)"),
            );
        }
    }
    let parent = t
        .subdevice_role
        .as_ref()
        .is_some_and(|r| r.value.is("parent"));
    if let (false, Some(bay)) = (parent, t.device_bays.first()) {
        out.push(
            Diagnostic::new(
                &codes::DEVICE_BAYS_WITHOUT_PARENT_ROLE,
                format!(
                    "device type `{}` has device bays but is not a parent type",
                    type_name(&t.manufacturer, &t.model)
                ),
            )
            .at(object.at(&bay.value.name))
            .with_help("set `subdevice_role: parent`, or remove `device-bays`"),
        );
    }
}

/// A power port's or power port template's draws, in watts.
pub(super) struct PowerDraws<'a> {
    pub(super) name: &'a Text,
    pub(super) maximum: Option<&'a Spanned<u32>>,
    pub(super) allocated: Option<&'a Spanned<u32>>,
}

impl PowerDraws<'_> {
    /// `PowerPort.clean` and `PowerPortTemplate.clean` (allocated at most maximum) and the
    /// fields' `MinValueValidator(1)`.
    pub(super) fn check(&self, what: &str, file: crate::diag::FileId, out: &mut Vec<Diagnostic>) {
        for (field, draw) in [
            ("maximum_draw", self.maximum),
            ("allocated_draw", self.allocated),
        ] {
            if let Some(draw) = draw.filter(|d| d.value == 0) {
                out.push(
                    Diagnostic::new(
                        &codes::POWER_DRAW_BELOW_ONE,
                        format!("{what} `{}` has `{field}: 0`", self.name.value),
                    )
                    .at(Location::new(file, draw.span))
                    .with_help(format!(
                        "a draw is at least 1 watt; remove `{field}` if it is unknown"
                    )),
                );
            }
        }
        if let (Some(maximum), Some(allocated)) = (self.maximum, self.allocated) {
            if allocated.value > maximum.value {
                out.push(
                    Diagnostic::new(
                        &codes::ALLOCATED_DRAW_ABOVE_MAXIMUM,
                        format!(
                            "{what} `{}` allocates {} W, more than its maximum draw of {} W",
                            self.name.value, allocated.value, maximum.value
                        ),
                    )
                    .at(Location::new(file, allocated.span))
                    .with_secondary(Location::new(file, maximum.span), "the maximum draw")
                    .with_help("lower `allocated_draw` to at most `maximum_draw`"),
                );
            }
        }
    }
}
