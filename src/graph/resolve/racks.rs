//! Racks' roles and types, rack types' manufacturers, and rack reservations (their site,
//! rack in that site, tenant). Runs after DCIM, which indexes racks per site.
//!
//! Reports: NS0301 (unresolved-reference) and NS0201 (duplicate-object: a rack type's
//! model per manufacturer, NetBox's `dcim_racktype_unique_manufacturer_model`; slugs and
//! rack role names are unique globally and reported by `names.rs`).

use super::scoped::Keyed;
use super::{which, Builder};
use crate::graph::*;

impl Builder<'_> {
    pub(super) fn resolve_racks(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.rack_types {
            self.resolve(which::MANUFACTURERS, &o.data.manufacturer, o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.racktype"));
        }
        self.report_scoped_duplicates(
            &model.rack_types,
            "rack type",
            false,
            |_, d| {
                Some(Keyed {
                    scope: d.manufacturer.value.as_str(),
                    name: Some(&d.model),
                    slug: None,
                })
            },
            |m| format!("of manufacturer `{m}`"),
        );
        for o in &model.rack_roles {
            self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.rackrole"));
        }
        for (i, o) in model.racks.iter().enumerate() {
            let role = self.resolve_opt(which::RACK_ROLES, o.data.role.as_ref(), o.file);
            let rack_type = self.resolve_opt(which::RACK_TYPES, o.data.rack_type.as_ref(), o.file);
            let node = &mut self.graph.racks[i];
            node.role = role;
            node.rack_type = rack_type;
        }
        let mut reservations = Vec::with_capacity(model.rack_reservations.len());
        let mut by_rack = Vec::with_capacity(model.rack_reservations.len());
        for (i, o) in model.rack_reservations.iter().enumerate() {
            let data = &o.data;
            let site = self.resolve(which::SITES, &data.site, o.file);
            let rack =
                site.and_then(|_| self.resolve_in_site(which::RACKS, site, &data.rack, o.file));
            let tenant = self.resolve_opt(which::TENANTS, data.tenant.as_ref(), o.file);
            self.resolve_tags(&data.tags, o.file, tagged!("dcim.rackreservation"));
            if let Some(rack) = rack {
                by_rack.push((rack, RackReservationId::from_index(i)));
            }
            reservations.push(RackReservationNode { rack, tenant });
        }
        by_rack.sort_unstable();
        self.graph.rack_reservations = reservations;
        self.graph.reservations_by_rack = by_rack;
    }
}
