//! A rack's effective physical values: its rack type's when it has one (NetBox's
//! `Rack.copy_racktype_attrs` overwrites the rack's own on save), else its own, else
//! NetBox's defaults; and the reservations of a rack.

use super::{Graph, RackId, RackReservationId};
use crate::model::racks::RackFormFactor;

/// The numbering and size of a rack, as NetBox stores it after `Rack.save()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RackGeometry {
    /// The number of the lowest unit (`starting_unit`).
    pub first: u32,
    /// The number of units (`u_height`).
    pub height: u32,
    pub desc_units: bool,
    /// Rail-to-rail width in inches.
    pub width: u16,
    pub form_factor: Option<RackFormFactor>,
}

impl RackGeometry {
    /// The number of the highest unit.
    pub fn last(&self) -> u32 {
        self.first + self.height.saturating_sub(1)
    }

    /// Whether whole unit `unit` is one of the rack's (NetBox's `unit in rack.units`).
    pub fn has_unit(&self, unit: u32) -> bool {
        (self.first..=self.last()).contains(&unit)
    }
}

impl Graph {
    /// The rack's numbering and size, from its type when it has one.
    pub fn rack_geometry(&self, rack: RackId) -> RackGeometry {
        let data = &self.model.racks[rack.index()].data;
        if let Some(kind) = self.racks.get(rack.index()).and_then(|node| node.rack_type) {
            let kind = &self.model.rack_types[kind.index()].data;
            return RackGeometry {
                first: kind
                    .starting_unit
                    .as_ref()
                    .map_or(1, |u| u32::from(u.value)),
                height: kind.u_height.as_ref().map_or(42, |h| u32::from(h.value)),
                desc_units: kind.desc_units,
                width: kind.width.as_ref().map_or(19, |w| w.value),
                form_factor: Some(kind.form_factor.value),
            };
        }
        RackGeometry {
            first: data
                .starting_unit
                .as_ref()
                .map_or(1, |u| u32::from(u.value)),
            height: data.u_height.as_ref().map_or(42, |h| u32::from(h.value)),
            desc_units: data.desc_units.as_ref().is_some_and(|d| d.value),
            width: data.width.as_ref().map_or(19, |w| w.value),
            form_factor: data.form_factor.as_ref().map(|f| f.value),
        }
    }

    /// The rack's reservations, in the order they are written.
    pub fn reservations_of(&self, rack: RackId) -> impl Iterator<Item = RackReservationId> + '_ {
        let start = self
            .reservations_by_rack
            .partition_point(|&(r, _)| r < rack);
        self.reservations_by_rack[start..]
            .iter()
            .take_while(move |&&(r, _)| r == rack)
            .map(|&(_, reservation)| reservation)
    }
}
