//! Family 6: DCIM. Rack elevations here; the other parts of the family, one file each:
//! cables (`cables.rs`), interfaces (`interfaces.rs`), a device's own ports (`ports.rs`),
//! device, VM and cluster placement (`relations.rs`), virtual chassis
//! (`virtual_chassis.rs`), device types (`device_types.rs`) and power (`power.rs`).
//! `check` runs them all on all threads.
//!
//! Rack units are counted in half units so that 0.5U positions and heights are exact
//! integers. Each rack's devices are sorted and swept once per face.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::{DeviceId, Graph, RackId};
use crate::model::config::Config;

/// One concern of the DCIM family, run on all threads beside the others.
type Part<'a> = dyn Fn(&Graph, &mut Vec<Diagnostic>) + Sync + 'a;

pub(super) fn check(graph: &Graph, config: &Config, out: &mut Vec<Diagnostic>) {
    // The parts are independent: on all threads, their findings appended in this order.
    let interfaces =
        |graph: &Graph, out: &mut Vec<Diagnostic>| super::interfaces::check(graph, config, out);
    let parts: [&Part; 11] = [
        &rack_elevations,
        &super::cables::check,
        &interfaces,
        &super::ports::check,
        &super::relations::check,
        &super::virtual_chassis::check,
        &super::device_types::check,
        &super::power::check,
        &super::racks::check,
        &super::wireless::check,
        &super::module_components::check,
    ];
    let found: Vec<Vec<Diagnostic>> = parts
        .par_iter()
        .map(|part| {
            let mut found = Vec::new();
            part(graph, &mut found);
            found
        })
        .collect();
    for mut part in found {
        out.append(&mut part);
    }
}

/// A device mounted in a rack, in half units: it occupies `[start, end)`.
#[derive(Clone, Copy)]
struct Mounted {
    device: DeviceId,
    start: u32,
    end: u32,
    rear: bool,
    full_depth: bool,
}

fn rack_elevations(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut by_rack: HashMap<RackId, Vec<Mounted>> = HashMap::default();
    for (d, (node, object)) in graph.devices.iter().zip(&graph.model.devices).enumerate() {
        let data = &object.data;
        let Some(position) = &data.position else {
            continue;
        };
        let at = object.at(position);
        let Some(rack) = node.rack else {
            if data.rack.is_none() {
                out.push(
                    Diagnostic::new(
                        &codes::POSITION_OUT_OF_RACK,
                        format!(
                            "`{}` has a position but no rack",
                            graph.device_name(DeviceId::from_index(d))
                        ),
                    )
                    .at(at)
                    .with_help("add the `rack`, or remove `position`"),
                );
            }
            continue;
        };
        // A child device in a rack takes its parent's units: its face and position are
        // reported by `relations` (NS0612), not measured here.
        if graph.is_child_device(DeviceId::from_index(d)) {
            continue;
        }
        let Some(face) = &data.face else {
            out.push(
                Diagnostic::new(
                    &codes::POSITION_OUT_OF_RACK,
                    format!(
                        "`{}` has a rack position but no face",
                        graph.device_name(DeviceId::from_index(d))
                    ),
                )
                .at(at)
                .with_help("add `face: front` or `face: rear`"),
            );
            continue;
        };
        let height = graph.device_height(DeviceId::from_index(d));
        let rack_data = &graph.model.racks[rack.index()].data;
        let geometry = graph.rack_geometry(rack);
        let (first, last) = (geometry.first, geometry.last());
        let problem = if height == 0.0 {
            Some("a 0U device cannot take a rack position".to_string())
        } else if position.value.fract() != 0.0 && position.value.fract() != 0.5 {
            Some(format!(
                "position {} is not a whole or half unit",
                position.value
            ))
        } else if position.value < f64::from(first) {
            Some(format!(
                "position {} is below the rack's first unit U{first}",
                position.value
            ))
        } else if position.value + height - 1.0 > f64::from(last) {
            Some(format!(
                "a {height}U device at U{} reaches above the rack's top unit U{last}",
                position.value
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            out.push(
                Diagnostic::new(
                    &codes::POSITION_OUT_OF_RACK,
                    format!(
                        "`{}`: {problem}",
                        graph.device_name(DeviceId::from_index(d))
                    ),
                )
                .at(at)
                .with_help(format!(
                    "rack `{}` has units U{first} to U{last}",
                    rack_data.name.value
                )),
            );
            continue;
        }
        let start = (position.value * 2.0) as u32;
        let end = start + (height * 2.0).ceil() as u32;
        let full_depth = node
            .device_type
            .is_none_or(|t| graph.model.device_types[t.index()].data.full_depth());
        by_rack.entry(rack).or_default().push(Mounted {
            device: DeviceId::from_index(d),
            start,
            end,
            rear: face.value.is("rear"),
            full_depth,
        });
    }
    let mut racks: Vec<_> = by_rack.into_iter().collect();
    racks.sort_unstable_by_key(|(rack, _)| *rack);
    for (_, devices) in racks {
        for rear in [false, true] {
            sweep_face(graph, &devices, rear, out);
        }
    }
}

/// Reports overlaps on one face: among the devices mounted on it, and with full-depth
/// devices mounted on the other face.
fn sweep_face(graph: &Graph, devices: &[Mounted], rear: bool, out: &mut Vec<Diagnostic>) {
    let mut on_face: Vec<Mounted> = devices
        .iter()
        .filter(|m| m.rear == rear || m.full_depth)
        .copied()
        .collect();
    on_face.sort_unstable_by_key(|m| (m.start, m.device));
    let face = if rear { "rear" } else { "front" };
    // The device reaching highest so far, one of this face and one of the other face.
    let mut own: Option<Mounted> = None;
    let mut other: Option<Mounted> = None;
    for m in on_face {
        let position = |m: &Mounted| {
            let object = &graph.model.devices[m.device.index()];
            object
                .data
                .position
                .as_ref()
                .map_or(object.location(), |p| object.at(p))
        };
        let name = |m: &Mounted| graph.device_name(m.device);
        let units = |m: &Mounted| format!("U{}", f64::from(m.start) / 2.0);
        let is_own = m.rear == rear;
        if is_own {
            if let Some(o) = own.filter(|o| o.end > m.start) {
                out.push(
                    Diagnostic::new(
                        &codes::RACK_UNIT_OVERLAP,
                        format!(
                            "`{}` at {} overlaps `{}` on the {face} of the rack",
                            name(&m),
                            units(&m),
                            name(&o)
                        ),
                    )
                    .at(position(&m))
                    .with_secondary(position(&o), "the device already in those units")
                    .with_help("move one of them to free units"),
                );
            }
            if let Some(o) = other.filter(|o| o.end > m.start) {
                out.push(full_depth_conflict(
                    graph,
                    &m,
                    &o,
                    face,
                    position(&m),
                    position(&o),
                ));
            }
            if own.is_none_or(|o| m.end > o.end) {
                own = Some(m);
            }
        } else {
            // A full-depth device of the other face: conflicts with devices mounted here.
            // Pairs of other-face devices are reported on their own face.
            if let Some(o) = own.filter(|o| o.end > m.start) {
                out.push(full_depth_conflict(
                    graph,
                    &o,
                    &m,
                    face,
                    position(&o),
                    position(&m),
                ));
            }
            if other.is_none_or(|o| m.end > o.end) {
                other = Some(m);
            }
        }
    }
}

fn full_depth_conflict(
    graph: &Graph,
    here: &Mounted,
    behind: &Mounted,
    face: &str,
    here_at: Location,
    behind_at: Location,
) -> Diagnostic {
    let name = |m: &Mounted| graph.device_name(m.device);
    Diagnostic::new(
        &codes::FULL_DEPTH_CONFLICT,
        format!(
            "`{}` on the {face} collides with full-depth `{}` mounted on the other face",
            name(here),
            name(behind)
        ),
    )
    .at(here_at)
    .with_secondary(behind_at, "full depth: occupies both faces")
    .with_help("move one of them, or set `is_full_depth: false` on a half-depth device type")
}
