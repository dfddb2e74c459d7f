//! The query of `netsot rack free`: the lowest rack position where a device of a given
//! height fits, from the devices mounted in the rack (and, with `--avoid`, in the same
//! rack on other branches).

use crate::graph::{DeviceId, Graph, RackId};

/// The units a rack's devices take, as half units `[start, end)` (a position of U1.5 is
/// 3): every mounted device, either face, since the query is for a new device whose
/// depth is unknown. `None` when no rack `name` exists (in `site`, when given).
pub fn taken_units(graph: &Graph, site: Option<&str>, name: &str) -> Option<Vec<(u32, u32)>> {
    let rack = find(graph, site, name)?.index();
    let units = graph
        .devices
        .iter()
        .zip(&graph.model.devices)
        .enumerate()
        .filter(|(_, (node, _))| node.rack.is_some_and(|r| r.index() == rack))
        .filter_map(|(d, (_, device))| {
            let position = device.data.position.as_ref()?.value;
            let height = graph.device_height(DeviceId::from_index(d));
            let start = (position * 2.0) as u32;
            Some((start, start + (height * 2.0).ceil() as u32))
        })
        .collect();
    Some(units)
}

/// The rack's first and last unit (`starting_unit`, `u_height`, from its rack type when
/// it has one; NetBox's 1 and 42).
pub fn unit_range(graph: &Graph, site: Option<&str>, name: &str) -> Option<(u32, u32)> {
    let rack = find(graph, site, name)?;
    let geometry = graph.rack_geometry(rack);
    Some((geometry.first, geometry.last()))
}

/// The units the rack's reservations hold, as half units `[start, end)` like
/// [`taken_units`]: `rack free` does not offer them unless asked to.
pub fn reserved_units(graph: &Graph, site: Option<&str>, name: &str) -> Vec<(u32, u32)> {
    let Some(rack) = find(graph, site, name) else {
        return Vec::new();
    };
    graph
        .reservations_of(rack)
        .flat_map(|r| {
            graph.model.rack_reservations[r.index()]
                .data
                .units
                .value
                .iter()
        })
        .map(|unit| (u32::from(unit.value) * 2, u32::from(unit.value) * 2 + 2))
        .collect()
}

fn find(graph: &Graph, site: Option<&str>, name: &str) -> Option<RackId> {
    graph
        .model
        .racks
        .iter()
        .position(|rack| {
            rack.data.name.value == name && site.is_none_or(|site| rack.data.site.value == site)
        })
        .map(RackId::from_index)
}

/// The lowest whole unit from which `height` units are free, between `first` and `last`.
pub fn lowest_free(first: u32, last: u32, height: u32, taken: &[(u32, u32)]) -> Option<u32> {
    (first..=last.checked_sub(height.checked_sub(1)?)?).find(|&unit| {
        let (start, end) = (unit * 2, (unit + height) * 2);
        taken.iter().all(|&(s, e)| e <= start || s >= end)
    })
}

#[cfg(test)]
mod tests {
    use super::lowest_free;

    #[test]
    fn the_lowest_gap_that_fits_is_found() {
        // U1-U2 and U4 taken: a 1U fits at U3, a 2U at U5.
        let taken = [(2, 6), (8, 10)];
        assert_eq!(lowest_free(1, 42, 1, &taken), Some(3));
        assert_eq!(lowest_free(1, 42, 2, &taken), Some(5));
        assert_eq!(lowest_free(1, 5, 2, &taken), None);
        assert_eq!(lowest_free(1, 42, 0, &taken), None);
    }
}
