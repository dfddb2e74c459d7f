//! Rack roles, rack types and rack reservations. Keys: a role's name, a type's slug (unique
//! in NetBox), a reservation's `SITE/RACK UNITS` (units sorted, comma separated): a rack's
//! units are held by one reservation only, so they name it. Racks' `role` and `rack_type`
//! are pushed with the racks (`dcim.rs`).
//!
//! A reservation's `user` is pushed as `{"username": USER}`: NetBox looks the account up
//! by its attributes, and the plan compares only those attributes of the nested user.

use serde_json::{json, Value};

use super::kinds::Kind;
use super::state::State;
use super::{at, in_site, named, slug, string, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for object in &model.rack_roles {
        let r = &object.data;
        let mut d = Desired::new(
            Kind::RackRoles,
            r.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", r.name.value.as_str())
            .value("slug", slug(r.slug.as_ref(), &r.name))
            .value(
                "color",
                r.color
                    .as_ref()
                    .map_or("9e9e9e".to_string(), |c| c.value.to_ascii_lowercase()),
            )
            .text("description", r.description.as_deref())
            .tags(&r.tags);
        out.push(d);
    }
    for object in &model.rack_types {
        let t = &object.data;
        let manufacturer = named(
            &graph.indexes.manufacturers,
            &model.manufacturers,
            |m| &m.name,
            Some(&t.manufacturer),
        );
        let mut d = Desired::new(
            Kind::RackTypes,
            t.slug.value.clone(),
            None,
            object.location(),
        );
        let number =
            |v: Option<&crate::model::Spanned<u16>>| v.map_or(Value::Null, |v| json!(v.value));
        d.reference(
            "manufacturer",
            Kind::Manufacturers,
            manufacturer,
            Some(object.at(&t.manufacturer)),
        )
        .value("model", t.model.value.as_str())
        .value("slug", t.slug.value.as_str())
        .value("form_factor", t.form_factor.value.as_str())
        .value("width", t.width.as_ref().map_or(19, |w| w.value))
        .value_maybe_at(
            "u_height",
            t.u_height.as_ref().map_or(42, |h| h.value),
            at(object, t.u_height.as_ref()),
        )
        .value(
            "starting_unit",
            t.starting_unit.as_ref().map_or(1, |u| u.value),
        )
        .value("desc_units", t.desc_units)
        .value("outer_width", number(t.outer_width.as_ref()))
        .value("outer_height", number(t.outer_height.as_ref()))
        .value("outer_depth", number(t.outer_depth.as_ref()))
        .value(
            "outer_unit",
            t.outer_unit
                .as_ref()
                .map_or(Value::Null, |u| json!(u.value.as_str())),
        )
        .value("mounting_depth", number(t.mounting_depth.as_ref()))
        .value(
            "weight",
            t.weight.as_ref().map_or(Value::Null, |w| json!(w.value)),
        )
        .value(
            "max_weight",
            t.max_weight
                .as_ref()
                .map_or(Value::Null, |w| json!(w.value)),
        )
        .value(
            "weight_unit",
            t.weight_unit
                .as_ref()
                .map_or(Value::Null, |u| json!(u.value.as_str())),
        )
        .text("description", t.description.as_deref())
        .tags(&t.tags);
        out.push(d);
    }
    for (index, object) in model.rack_reservations.iter().enumerate() {
        let r = &object.data;
        let node = &graph.rack_reservations[index];
        let Some(rack) = node.rack else {
            continue;
        };
        let site = graph.racks[rack.index()]
            .site
            .map(|s| model.sites[s.index()].data.name.value.clone());
        let rack_key = in_site(site.as_deref(), &model.racks[rack.index()].data.name);
        let mut units: Vec<u16> = r.units.value.iter().map(|u| u.value).collect();
        units.sort_unstable();
        let mut d = Desired::new(
            Kind::RackReservations,
            reservation_key(&rack_key, &units),
            site,
            object.location(),
        );
        d.reference(
            "rack",
            Kind::Racks,
            Some(rack_key),
            Some(object.at(&r.rack)),
        )
        .value_at("units", json!(units), object.at(&r.units))
        .value(
            "status",
            r.status.as_ref().map_or("active", |s| s.value.as_str()),
        )
        .value_at(
            "user",
            json!({ "username": r.user.value }),
            object.at(&r.user),
        )
        .reference(
            "tenant",
            Kind::Tenants,
            named(
                &graph.indexes.tenants,
                &model.tenants,
                |t| &t.name,
                r.tenant.as_ref(),
            ),
            at(object, r.tenant.as_ref()),
        )
        .value("description", r.description.value.as_str())
        .tags(&r.tags);
        out.push(d);
    }
}

/// A rack's own form factor, outer dimensions, mounting depth and weights, for a rack
/// without a type.
pub fn physical(d: &mut Desired, r: &crate::model::dcim::Rack) {
    let number = |v: Option<&crate::model::Spanned<u16>>| v.map_or(Value::Null, |v| json!(v.value));
    d.value(
        "form_factor",
        r.form_factor
            .as_ref()
            .map_or(Value::Null, |f| json!(f.value.as_str())),
    )
    .value("outer_width", number(r.outer_width.as_ref()))
    .value("outer_height", number(r.outer_height.as_ref()))
    .value("outer_depth", number(r.outer_depth.as_ref()))
    .value(
        "outer_unit",
        r.outer_unit
            .as_ref()
            .map_or(Value::Null, |u| json!(u.value.as_str())),
    )
    .value("mounting_depth", number(r.mounting_depth.as_ref()))
    .value(
        "weight",
        r.weight.as_ref().map_or(Value::Null, |w| json!(w.value)),
    )
    .value(
        "max_weight",
        r.max_weight
            .as_ref()
            .map_or(Value::Null, |w| json!(w.value)),
    )
    .value(
        "weight_unit",
        r.weight_unit
            .as_ref()
            .map_or(Value::Null, |u| json!(u.value.as_str())),
    );
}

/// `SITE/RACK U1,U2`, units in order.
fn reservation_key(rack: &str, units: &[u16]) -> String {
    let units: Vec<String> = units.iter().map(u16::to_string).collect();
    format!("{rack} {}", units.join(","))
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    Some(match kind {
        Kind::RackRoles => (string(json, "name").map(str::to_string), None),
        Kind::RackTypes => (string(json, "slug").map(str::to_string), None),
        Kind::RackReservations => {
            let rack = state.ref_object(Kind::Racks, json.get("rack"));
            let mut units: Vec<u16> = json
                .get("units")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|u| u.as_u64().and_then(|u| u16::try_from(u).ok()))
                .collect();
            units.sort_unstable();
            (
                rack.and_then(|r| r.key.as_deref())
                    .map(|key| reservation_key(key, &units)),
                rack.and_then(|r| r.site.clone()),
            )
        }
        _ => return None,
    })
}
