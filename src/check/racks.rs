//! Racks with their types, and rack reservations: reserved units exist in the rack and are
//! held by one reservation only (NetBox's `RackReservation.clean`), a rack with a type
//! writes none of the values the type decides differently (`Rack.copy_racktype_attrs`),
//! and dimensions and maximum weights come with their units (`RackType.clean`,
//! `Rack.clean`).
//!
//! Reports: NS0628, NS0629, NS0630, NS0631. One pass over reservations with one hash map
//! reused from rack to rack, one pass over racks and rack types.

use rustc_hash::FxHashMap as HashMap;

use crate::diag::codes;
use crate::diag::{Diagnostic, FileId, Location};
use crate::graph::{Graph, RackId, RackReservationId};
use crate::model::Spanned;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    reservations(graph, out);
    overridden_by_type(graph, out);
    measures_without_units(graph, out);
}

fn reservations(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let model = &graph.model;
    // Reservations that name no rack are reported by resolution; here only each resolved
    // rack's, in the order they are written.
    let mut held: HashMap<u16, RackReservationId> = HashMap::default();
    let mut current: Option<RackId> = None;
    for &(rack, id) in &graph.reservations_by_rack {
        if current != Some(rack) {
            held.clear();
            current = Some(rack);
        }
        let object = &model.rack_reservations[id.index()];
        let data = &object.data;
        let rack_name = &model.racks[rack.index()].data.name.value;
        let geometry = graph.rack_geometry(rack);
        if data.units.value.is_empty() {
            out.push(
                Diagnostic::new(
                    &codes::RESERVED_UNIT_OUTSIDE_RACK,
                    format!("a reservation of rack `{rack_name}` reserves no unit"),
                )
                .at(object.at(&data.units))
                .with_help("list the units to reserve, or remove the reservation"),
            );
            continue;
        }
        for unit in &data.units.value {
            if !geometry.has_unit(u32::from(unit.value)) {
                out.push(
                    Diagnostic::new(
                        &codes::RESERVED_UNIT_OUTSIDE_RACK,
                        format!(
                            "unit `{}` reserved in rack `{rack_name}` is not one of its units",
                            unit.value
                        ),
                    )
                    .at(object.at(unit))
                    .with_help(format!(
                        "rack `{rack_name}` has units U{} to U{}",
                        geometry.first,
                        geometry.last()
                    )),
                );
                continue;
            }
            match held.get(&unit.value) {
                Some(&first) if first != id => {
                    let first = &model.rack_reservations[first.index()];
                    let first_unit = first
                        .data
                        .units
                        .value
                        .iter()
                        .find(|u| u.value == unit.value)
                        .map_or(first.location(), |u| first.at(u));
                    out.push(
                        Diagnostic::new(
                            &codes::UNIT_RESERVED_TWICE,
                            format!(
                                "unit `{}` of rack `{rack_name}` is already reserved for `{}`",
                                unit.value, first.data.description.value
                            ),
                        )
                        .at(object.at(unit))
                        .with_secondary(first_unit, "reserved here first")
                        .with_help("reserve other units, or merge the two reservations"),
                    );
                }
                Some(_) => {}
                None => {
                    held.insert(unit.value, id);
                }
            }
        }
    }
}

/// The value inside an optional spanned value.
fn value<T>(v: Option<&Spanned<T>>) -> Option<&T> {
    v.map(|v| &v.value)
}

/// A value written on a rack that its type replaces, with the type's value, as text.
fn differs<T: PartialEq + std::fmt::Display>(
    own: Option<&Spanned<T>>,
    from_type: Option<&T>,
    default: Option<T>,
) -> Option<(crate::diag::Span, String, String)> {
    let own = own?;
    let theirs = from_type.or(default.as_ref());
    if theirs == Some(&own.value) {
        return None;
    }
    let theirs = theirs.map_or_else(|| "nothing".to_string(), |t| format!("`{t}`"));
    Some((own.span, own.value.to_string(), theirs))
}

fn overridden_by_type(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let model = &graph.model;
    for (node, object) in graph.racks.iter().zip(&model.racks) {
        let Some(kind) = node.rack_type else {
            continue;
        };
        let rack = &object.data;
        let t = &model.rack_types[kind.index()].data;
        let found = [
            (
                "form_factor",
                differs(rack.form_factor.as_ref(), Some(&t.form_factor.value), None),
            ),
            (
                "width",
                differs(rack.width.as_ref(), value(t.width.as_ref()), Some(19)),
            ),
            (
                "u_height",
                differs(rack.u_height.as_ref(), value(t.u_height.as_ref()), Some(42)),
            ),
            (
                "starting_unit",
                differs(
                    rack.starting_unit.as_ref(),
                    value(t.starting_unit.as_ref()),
                    Some(1),
                ),
            ),
            (
                "desc_units",
                differs(rack.desc_units.as_ref(), Some(&t.desc_units), None),
            ),
            (
                "outer_width",
                differs(
                    rack.outer_width.as_ref(),
                    value(t.outer_width.as_ref()),
                    None,
                ),
            ),
            (
                "outer_height",
                differs(
                    rack.outer_height.as_ref(),
                    value(t.outer_height.as_ref()),
                    None,
                ),
            ),
            (
                "outer_depth",
                differs(
                    rack.outer_depth.as_ref(),
                    value(t.outer_depth.as_ref()),
                    None,
                ),
            ),
            (
                "outer_unit",
                differs(
                    rack.outer_unit.as_ref(),
                    t.outer_unit.as_ref().map(|u| &u.value),
                    None,
                ),
            ),
            (
                "mounting_depth",
                differs(
                    rack.mounting_depth.as_ref(),
                    value(t.mounting_depth.as_ref()),
                    None,
                ),
            ),
            (
                "weight",
                differs(
                    rack.weight.as_ref(),
                    t.weight.as_ref().map(|w| &w.value),
                    None,
                ),
            ),
            (
                "max_weight",
                differs(
                    rack.max_weight.as_ref(),
                    t.max_weight.as_ref().map(|w| &w.value),
                    None,
                ),
            ),
            (
                "weight_unit",
                differs(
                    rack.weight_unit.as_ref(),
                    t.weight_unit.as_ref().map(|u| &u.value),
                    None,
                ),
            ),
        ];
        for (field, found) in found {
            let Some((span, own, theirs)) = found else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &codes::RACK_VALUE_OVERRIDDEN_BY_TYPE,
                    format!(
                        "rack `{}` sets `{field}` to `{own}`, but its rack type `{}` gives {theirs}",
                        rack.name.value, t.slug.value
                    ),
                )
                .at(Location::new(object.file, span))
                .with_help(format!(
                    "NetBox keeps the type's value: remove `{field}` from the rack, or its `rack_type`"
                )),
            );
        }
    }
}

/// The dimensions and weights of one rack or rack type, for the unit rule.
struct Measures<'a> {
    kind: &'static str,
    name: &'a str,
    file: FileId,
    dimensions: [Option<&'a Spanned<u16>>; 3],
    outer_unit: bool,
    max_weight: Option<&'a Spanned<u32>>,
    weight_unit: bool,
}

fn measures_without_units(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let model = &graph.model;
    let racks = model.racks.iter().map(|o| {
        let r = &o.data;
        Measures {
            kind: "rack",
            name: &r.name.value,
            file: o.file,
            dimensions: [
                r.outer_width.as_ref(),
                r.outer_height.as_ref(),
                r.outer_depth.as_ref(),
            ],
            outer_unit: r.outer_unit.is_some(),
            max_weight: r.max_weight.as_ref(),
            weight_unit: r.weight_unit.is_some(),
        }
    });
    let types = model.rack_types.iter().map(|o| {
        let t = &o.data;
        Measures {
            kind: "rack type",
            name: &t.slug.value,
            file: o.file,
            dimensions: [
                t.outer_width.as_ref(),
                t.outer_height.as_ref(),
                t.outer_depth.as_ref(),
            ],
            outer_unit: t.outer_unit.is_some(),
            max_weight: t.max_weight.as_ref(),
            weight_unit: t.weight_unit.is_some(),
        }
    });
    for m in racks.chain(types) {
        // NetBox tests truthiness: a dimension of 0 needs no unit.
        let dimension = m.dimensions.iter().flatten().find(|d| d.value != 0);
        if let (Some(dimension), false) = (dimension, m.outer_unit) {
            out.push(
                Diagnostic::new(
                    &codes::RACK_MEASURE_WITHOUT_UNIT,
                    format!(
                        "{} `{}` gives an outer dimension `{}` without `outer_unit`",
                        m.kind, m.name, dimension.value
                    ),
                )
                .at(Location::new(m.file, dimension.span))
                .with_help("add `outer_unit: mm` or `outer_unit: in`"),
            );
        }
        if let (Some(weight), false) = (m.max_weight.filter(|w| w.value != 0), m.weight_unit) {
            out.push(
                Diagnostic::new(
                    &codes::RACK_MEASURE_WITHOUT_UNIT,
                    format!(
                        "{} `{}` gives `max_weight` `{}` without `weight_unit`",
                        m.kind, m.name, weight.value
                    ),
                )
                .at(Location::new(m.file, weight.span))
                .with_help("add `weight_unit: kg`, `g`, `lb` or `oz`"),
            );
        }
    }
}
