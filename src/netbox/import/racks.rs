//! Rack roles and rack types into `data/dcim.yaml`; rack reservations into their rack's
//! site file, after the racks. A reservation's user is written as its username, the text
//! the push matches back to a NetBox account.

use serde_json::Value;

use super::layout::Repo;
use super::organisation::{named_object, sort_key, tie};
use super::record::{number, Out, Record};
use super::refs::{custom_fields, named, names};
use super::{Context, NotCarried};

const FILE: &str = "data/dcim.yaml";

/// Rack roles and types, written before the sites' racks name them.
pub(super) fn import_types(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for object in scope.objects("dcim/rack-roles") {
        let mut r = Record::new("dcim.rackrole", object);
        let mut out = named_object(&mut r);
        out.opt("color", r.text("color"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        repo.add(
            FILE,
            "rack_roles",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("dcim/rack-types") {
        let mut r = Record::new("dcim.racktype", object);
        let mut out = Out::new();
        out.opt("manufacturer", named(&mut r, "manufacturer"));
        out.set("model", r.text("model").unwrap_or_default());
        out.set("slug", r.text("slug").unwrap_or_default());
        out.opt("form_factor", r.choice("form_factor"));
        physical(&mut r, &mut out);
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        repo.add(
            FILE,
            "rack_types",
            sort_key(object, "slug"),
            out.into_value(),
        );
        r.finish(report);
    }
}

/// The values racks and rack types share (NetBox's `RackBase`), defaults left out.
pub(super) fn physical<'a>(r: &mut Record<'a>, out: &mut Out) {
    if let Some(width) = r
        .get("width")
        .and_then(|w| w.get("value").or(Some(w)))
        .and_then(Value::as_u64)
        .filter(|&w| w != 19)
    {
        out.set("width", width);
    }
    out.opt("u_height", number(r.get("u_height")));
    if let Some(start) = r
        .get("starting_unit")
        .and_then(Value::as_u64)
        .filter(|&s| s != 1)
    {
        out.set("starting_unit", start);
    }
    out.flag(
        "desc_units",
        r.get("desc_units").and_then(Value::as_bool),
        false,
    );
    for field in [
        "outer_width",
        "outer_height",
        "outer_depth",
        "mounting_depth",
    ] {
        out.opt(field, number(r.get(field)));
    }
    out.opt("outer_unit", r.choice("outer_unit"));
    out.opt("weight", number(r.get("weight")));
    out.opt("max_weight", number(r.get("max_weight")));
    out.opt("weight_unit", r.choice("weight_unit"));
}

/// Every reservation, in its rack's site file (`file_of_site` of the rack's site).
pub(super) fn import_reservations(
    context: &Context,
    file_of_site: &dyn Fn(Option<u64>) -> String,
    repo: &mut Repo,
    report: &mut NotCarried,
) {
    let scope = context.scope;
    for object in scope.objects("dcim/rack-reservations") {
        let mut r = Record::new("dcim.rackreservation", object);
        let rack = r.id("rack").and_then(|id| scope.find("dcim/racks", id));
        let site = rack
            .and_then(|rack| rack.get("site"))
            .and_then(super::record::nested_id);
        let mut out = Out::new();
        out.opt(
            "site",
            site.and_then(|id| scope.find("dcim/sites", id))
                .and_then(super::refs::name),
        );
        out.opt("rack", rack.and_then(super::refs::name));
        let units: Vec<Value> = r
            .get("units")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        out.set("units", Value::Array(units));
        out.opt("status", r.choice("status").filter(|s| *s != "active"));
        out.opt(
            "user",
            r.get("user")
                .and_then(|u| u.get("username"))
                .and_then(Value::as_str),
        );
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        let key = format!(
            "{}{}",
            rack.and_then(super::refs::name).unwrap_or_default(),
            object
                .get("units")
                .map(Value::to_string)
                .unwrap_or_default()
        );
        repo.add(
            &file_of_site(site),
            "rack_reservations",
            tie(key, object),
            out.into_value(),
        );
        r.finish(report);
    }
}
