//! Rack elevations: one face of a rack drawn unit by unit as SVG, as NetBox draws them.
//!
//! Units are numbered from `starting_unit` up (or down with `desc_units`); each device is
//! drawn from its `position` (its lowest unit) over its type's height, in its role's
//! colour, linked to its page. A full-depth device shows on both faces, faded on the face
//! it is not mounted on. Units that hold nothing are drawn empty, so free space is
//! visible; reserved units are drawn under the devices, hatched, with the reservation's
//! description, on both faces; devices of no height (0U) and devices without a position
//! are listed beside the drawing by the site page, not drawn.

use std::fmt::Write;

use super::html::esc;
use crate::graph::{DeviceId, Graph, RackId, RackReservationId};

/// Pixels per rack unit.
const UNIT: f64 = 18.0;
/// The width of the drawn rack, without the unit numbers.
const WIDTH: f64 = 200.0;
/// The gutter for unit numbers on the left.
const GUTTER: f64 = 28.0;
/// The margin above and below the units.
const PAD: f64 = 4.0;

/// Which face of a rack to draw.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Face {
    Front,
    Rear,
}

impl Face {
    pub fn as_str(self) -> &'static str {
        match self {
            Face::Front => "front",
            Face::Rear => "rear",
        }
    }
}

/// The devices of a rack that have a position and a height, with where they are drawn.
pub struct Placed {
    pub device: DeviceId,
    pub position: f64,
    pub height: f64,
    /// The face the device is mounted on (front when not given).
    pub face: Face,
    pub full_depth: bool,
}

/// The placed devices of `rack` among `devices` (a site's), in the order given.
pub fn placed(graph: &Graph, rack: RackId, devices: &[DeviceId]) -> Vec<Placed> {
    devices
        .iter()
        .filter(|&&d| graph.devices[d.index()].rack == Some(rack))
        .filter_map(|&device| {
            let data = graph.device(device);
            let position = data.position.as_ref()?.value;
            let height = graph.device_height(device);
            if height <= 0.0 || graph.is_child_device(device) {
                return None;
            }
            let face = match data.face.as_ref() {
                Some(face) if face.value.is("rear") => Face::Rear,
                _ => Face::Front,
            };
            let full_depth = graph.devices[device.index()]
                .device_type
                .is_none_or(|t| graph.model.device_types[t.index()].data.full_depth());
            Some(Placed {
                device,
                position,
                height,
                face,
                full_depth,
            })
        })
        .collect()
}

/// One face of `rack` as an SVG document; `link` gives each device's page, relative to the
/// page the drawing is shown in.
pub fn rack_elevation(
    graph: &Graph,
    rack: RackId,
    devices: &[Placed],
    face: Face,
    link: &dyn Fn(DeviceId) -> String,
) -> String {
    let data = &graph.model.racks[rack.index()].data;
    let geometry = graph.rack_geometry(rack);
    let units = f64::from(geometry.height.max(1));
    let start = f64::from(geometry.first);
    let descending = geometry.desc_units;
    let height = units * UNIT + 2.0 * PAD;
    let width = GUTTER + WIDTH + PAD;
    // The top of unit `u`'s slot (from its lower edge for fractions of units).
    let top_of = |lowest: f64, size: f64| -> f64 {
        if descending {
            PAD + (lowest - start) * UNIT
        } else {
            PAD + (start + units - (lowest + size)) * UNIT
        }
    };
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"elevation\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{} {}\">",
        esc(&data.name.value),
        face.as_str()
    );
    for i in 0..units as u32 {
        let unit = start + f64::from(i);
        let y = top_of(unit, 1.0);
        let _ = write!(
            svg,
            "<rect class=\"unit\" data-unit=\"{unit}\" x=\"{GUTTER}\" y=\"{y}\" width=\"{WIDTH}\" height=\"{UNIT}\"/><text class=\"unit-number\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{unit}</text>",
            GUTTER - 4.0,
            y + UNIT - 5.0
        );
    }
    // Reserved units, on both faces as NetBox draws them, under the devices: a device
    // mounted in a reserved unit hides the reservation only where it sits.
    for (start, end, reservation) in reserved_runs(graph, rack) {
        let data = &graph.model.rack_reservations[reservation.index()].data;
        let size = f64::from(end - start + 1);
        let y = top_of(f64::from(start), size);
        let _ = write!(
            svg,
            "<g class=\"reservation\" data-units=\"{start}-{end}\" data-description=\"{}\"><title>reserved U{start}-U{end} for {}: {}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text></g>",
            esc(&data.description.value),
            esc(&data.user.value),
            esc(&data.description.value),
            GUTTER + 1.0,
            y + 0.5,
            WIDTH - 2.0,
            size * UNIT - 1.0,
            GUTTER + 6.0,
            y + UNIT / 2.0 + 4.0,
            esc(&data.description.value)
        );
    }
    for placed in devices {
        let behind = placed.face != face;
        if behind && !placed.full_depth {
            continue;
        }
        let y = top_of(placed.position, placed.height);
        let h = placed.height * UNIT;
        let name = graph.device_name(placed.device);
        let colour = role_colour(graph, placed.device);
        let _ = write!(
            svg,
            "<a class=\"device{}\" href=\"{}\" data-device=\"{}\" data-position=\"{}\" data-height=\"{}\"><title>{} (U{}, {}U, {})</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#{colour}\"/><text x=\"{}\" y=\"{}\">{}</text></a>",
            if behind { " behind" } else { "" },
            esc(&link(placed.device)),
            esc(name),
            placed.position,
            placed.height,
            esc(name),
            placed.position,
            placed.height,
            placed.face.as_str(),
            GUTTER + 1.0,
            y + 0.5,
            WIDTH - 2.0,
            h - 1.0,
            GUTTER + 6.0,
            y + h.min(UNIT) / 2.0 + 4.0,
            esc(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The rack's reserved units that exist in it, as runs of consecutive units of one
/// reservation `(lowest, highest, reservation)`, in unit order.
pub fn reserved_runs(graph: &Graph, rack: RackId) -> Vec<(u32, u32, RackReservationId)> {
    let geometry = graph.rack_geometry(rack);
    let mut units: Vec<(u32, RackReservationId)> = graph
        .reservations_of(rack)
        .flat_map(|r| {
            graph.model.rack_reservations[r.index()]
                .data
                .units
                .value
                .iter()
                .map(move |u| (u32::from(u.value), r))
        })
        .filter(|&(u, _)| geometry.has_unit(u))
        .collect();
    units.sort_unstable();
    units.dedup_by_key(|&mut (u, _)| u);
    let mut runs: Vec<(u32, u32, RackReservationId)> = Vec::new();
    for (unit, reservation) in units {
        match runs.last_mut() {
            Some(run) if run.2 == reservation && run.1 + 1 == unit => run.1 = unit,
            _ => runs.push((unit, unit, reservation)),
        }
    }
    runs
}

/// A device's role colour as six hex digits, grey without one.
pub fn role_colour(graph: &Graph, device: DeviceId) -> String {
    graph.devices[device.index()]
        .role
        .and_then(|r| graph.model.device_roles[r.index()].data.color.as_ref())
        .map(|c| c.value.trim_start_matches('#').to_ascii_lowercase())
        .filter(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| "c0c6cf".to_string())
}
