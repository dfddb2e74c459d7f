//! DCIM: manufacturers, device roles, platforms and virtual chassis into `data/dcim.yaml`;
//! sites with their locations, racks and devices into `data/sites/<slug>.yaml`.
//!
//! A device's components are written by [`super::components`]' rules: only what differs
//! from its type. Devices without a name (NetBox allows them) are written without one,
//! after the named devices of their site, in the order of their ids.

use std::collections::HashMap;

use serde_json::Value;

use super::chassis::Numbering;
use super::components::Components;
use super::layout::{site_file, Repo};
use super::organisation::{named_object, sort_key, tie};
use super::record::{nested_id, number, Out, Record};
use super::refs::{address, custom_fields, device_type, named, names};
use super::{Context, NotCarried};

const FILE: &str = "data/dcim.yaml";

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for object in scope.objects("dcim/manufacturers") {
        let mut r = Record::new("dcim.manufacturer", object);
        let mut out = named_object(&mut r);
        out.opt("description", r.text("description"));
        repo.add(
            FILE,
            "manufacturers",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("dcim/device-roles") {
        let mut r = Record::new("dcim.devicerole", object);
        let mut out = named_object(&mut r);
        out.opt("parent", named(&mut r, "parent"));
        out.opt("color", r.text("color"));
        out.flag("vm_role", r.get("vm_role").and_then(Value::as_bool), true);
        out.opt("description", r.text("description"));
        // A role's default config template has no netsot field; `_depth` is derived.
        repo.add(
            FILE,
            "device_roles",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("dcim/platforms") {
        let mut r = Record::new("dcim.platform", object);
        let mut out = named_object(&mut r);
        out.opt("manufacturer", named(&mut r, "manufacturer"));
        out.opt("description", r.text("description"));
        repo.add(
            FILE,
            "platforms",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    let components = Components::new(scope, report);
    let chassis = Numbering::new(scope, &components);
    for object in scope.objects("dcim/virtual-chassis") {
        let mut r = Record::new("dcim.virtualchassis", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("domain", r.text("domain"));
        let master = r.id("master");
        out.opt(
            "master",
            master.and_then(|id| context.names.scoped(scope, "dcim/devices", id, None)),
        );
        let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
        out.opt("interface_numbering", chassis.scheme(id));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        r.skip(&["members"]);
        repo.add(
            FILE,
            "virtual_chassis",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    let mut site_slugs: HashMap<u64, String> = HashMap::new();
    for object in scope.objects("dcim/sites") {
        let mut r = Record::new("dcim.site", object);
        let slug = r.text("slug").unwrap_or_default().to_string();
        let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
        site_slugs.insert(id, slug.clone());
        let mut out = named_object(&mut r);
        out.opt("status", r.choice("status"));
        out.opt("region", named(&mut r, "region"));
        out.opt("group", named(&mut r, "group"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("facility", r.text("facility"));
        out.opt("time_zone", r.text("time_zone"));
        out.opt("physical_address", r.text("physical_address"));
        out.opt("shipping_address", r.text("shipping_address"));
        out.opt("latitude", number(r.get("latitude")));
        out.opt("longitude", number(r.get("longitude")));
        let asns: Vec<Value> = match r.get("asns") {
            Some(Value::Array(asns)) => asns.iter().filter_map(|a| a.get("asn").cloned()).collect(),
            _ => Vec::new(),
        };
        out.list("asns", asns);
        out.opt("description", r.text("description"));
        out.opt("comments", r.text("comments"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        out.list("contacts", context.contacts.of("dcim.site", object));
        repo.add(
            &site_file(&slug),
            "sites",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    let file_of_site = |site: Option<u64>| match site.and_then(|s| site_slugs.get(&s)) {
        Some(slug) => site_file(slug),
        None => FILE.to_string(),
    };
    for object in scope.objects("dcim/locations") {
        let mut r = Record::new("dcim.location", object);
        let site = r.id("site");
        let mut out = named_object(&mut r);
        out.opt(
            "site",
            site.and_then(|id| scope.find("dcim/sites", id))
                .and_then(super::refs::name),
        );
        out.opt(
            "parent",
            r.id("parent")
                .and_then(|id| context.names.scoped(scope, "dcim/locations", id, site)),
        );
        out.opt("status", r.choice("status"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("facility", r.text("facility"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        repo.add(
            &file_of_site(site),
            "locations",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("dcim/racks") {
        let mut r = Record::new("dcim.rack", object);
        let site = r.id("site");
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt(
            "site",
            site.and_then(|id| scope.find("dcim/sites", id))
                .and_then(super::refs::name),
        );
        out.opt(
            "location",
            r.id("location")
                .and_then(|id| context.names.scoped(scope, "dcim/locations", id, site)),
        );
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("status", r.choice("status"));
        out.opt("role", named(&mut r, "role"));
        // A rack of a type takes its physical values from it (`Rack.copy_racktype_attrs`):
        // the type is written, and the values only for racks without one.
        match r
            .get("rack_type")
            .and_then(|t| t.get("slug"))
            .and_then(Value::as_str)
        {
            Some(slug) => {
                out.set("rack_type", slug);
                r.skip(&[
                    "form_factor",
                    "width",
                    "u_height",
                    "starting_unit",
                    "desc_units",
                    "outer_width",
                    "outer_height",
                    "outer_depth",
                    "outer_unit",
                    "mounting_depth",
                    "weight",
                    "max_weight",
                    "weight_unit",
                ]);
            }
            None => {
                out.opt("form_factor", r.choice("form_factor"));
                super::racks::physical(&mut r, &mut out);
            }
        }
        out.opt("facility_id", r.text("facility_id"));
        out.opt("serial", r.text("serial"));
        out.opt("asset_tag", r.text("asset_tag"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        out.list("contacts", context.contacts.of("dcim.rack", object));
        // NetBox reports `weight_unit` and `outer_unit` with no weight or dimension.
        skip_unit_without_value(&mut r, "weight_unit", &["weight", "max_weight"]);
        skip_unit_without_value(
            &mut r,
            "outer_unit",
            &["outer_width", "outer_depth", "outer_height"],
        );
        repo.add(
            &file_of_site(site),
            "racks",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    super::racks::import_reservations(context, &file_of_site, repo, report);
    for object in scope.objects("dcim/devices") {
        let components = (&components, &chassis);
        device(context, components, object, &file_of_site, repo, report);
    }
}

/// Marks a unit field read when none of the values it measures is set.
pub(super) fn skip_unit_without_value<'a>(r: &mut Record<'a>, unit: &'a str, values: &[&'a str]) {
    if values.iter().all(|v| r.peek(v).is_none_or(Value::is_null)) {
        r.skip(&[unit]);
    }
}

/// One device; `components` are every device's components and the numbering of virtual
/// chassis members' interfaces.
fn device(
    context: &Context,
    (components, chassis): (&Components, &Numbering),
    object: &Value,
    file_of_site: &dyn Fn(Option<u64>) -> String,
    repo: &mut Repo,
    report: &mut NotCarried,
) {
    let scope = context.scope;
    let mut r = Record::new("dcim.device", object);
    // An unnamed device (NetBox's `name` is nullable) is written without one: the repository
    // labels it by what places it in NetBox (`graph::UnnamedPlace`), as the push keys it.
    let name = r.text("name");
    let site = r.id("site");
    let mut out = Out::new();
    out.opt("name", name);
    out.opt("device_type", r.get("device_type").and_then(device_type));
    out.opt("role", named(&mut r, "role"));
    out.opt(
        "site",
        site.and_then(|id| scope.find("dcim/sites", id))
            .and_then(super::refs::name),
    );
    let rack = r.id("rack");
    // NetBox gives a racked device its rack's location (`Device.save`): that location is
    // the rack's, written on the rack, and a push gives it back.
    let rack_location = rack
        .and_then(|id| scope.find("dcim/racks", id))
        .and_then(|rack| rack.get("location"))
        .and_then(|location| location.get("id"))
        .and_then(Value::as_u64);
    out.opt(
        "location",
        r.id("location")
            .filter(|id| Some(*id) != rack_location)
            .and_then(|id| context.names.scoped(scope, "dcim/locations", id, site)),
    );
    out.opt(
        "rack",
        rack.and_then(|id| context.names.scoped(scope, "dcim/racks", id, site)),
    );
    out.opt("position", number(r.get("position")).map(integral));
    out.opt("face", r.choice("face"));
    // A child device: the parent's bay holding it (NetBox's `parent_device`, derived from
    // the bay's `installed_device`).
    if let Some(parent) = r.get("parent_device").filter(|p| !p.is_null()) {
        let device = parent
            .get("id")
            .and_then(Value::as_u64)
            .and_then(|id| context.names.scoped(scope, "dcim/devices", id, site));
        let bay = parent
            .get("device_bay")
            .and_then(|b| b.get("name"))
            .and_then(Value::as_str);
        match device.zip(bay) {
            Some((device, bay)) => {
                out.set(
                    "parent_device",
                    serde_json::json!({"device": device, "bay": bay}),
                );
            }
            None => report.add("dcim.device", "child of a device the import does not carry"),
        }
    }
    out.opt("status", r.choice("status"));
    out.opt("platform", named(&mut r, "platform"));
    out.opt("tenant", named(&mut r, "tenant"));
    out.opt("serial", r.text("serial"));
    out.opt("asset_tag", r.text("asset_tag"));
    out.opt("airflow", r.choice("airflow"));
    out.opt("latitude", number(r.get("latitude")));
    out.opt("longitude", number(r.get("longitude")));
    out.opt("primary_ip4", r.get("primary_ip4").and_then(address));
    out.opt("primary_ip6", r.get("primary_ip6").and_then(address));
    out.opt("oob_ip", r.get("oob_ip").and_then(address));
    out.opt("cluster", named(&mut r, "cluster"));
    out.opt("virtual_chassis", named(&mut r, "virtual_chassis"));
    out.opt("vc_position", number(r.get("vc_position")));
    out.opt("vc_priority", number(r.get("vc_priority")));
    out.opt("description", r.text("description"));
    out.opt("comments", r.text("comments"));
    out.list("tags", names(&mut r, "tags"));
    out.opt("custom_fields", custom_fields(&mut r, report));
    out.list("contacts", context.contacts.of("dcim.device", object));
    if let Some(data) = r.get("local_context_data").filter(|d| !d.is_null()) {
        out.set("config_context", data.clone());
    }
    // The rendered context (merged from config contexts) and the counts are derived.
    r.skip(&["config_context", "primary_ip"]);
    let device_id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
    let type_id = object.get("device_type").and_then(nested_id);
    let numbering = chassis.of_device(device_id);
    components.write_device(
        context, device_id, type_id, numbering, site, &mut out, report,
    );
    // Unnamed devices after the named ones, in the order of their ids: the rank that labels
    // one placed by nothing but its type.
    let key = tie(name.unwrap_or("\u{10FFFF}").to_string(), object);
    repo.add(&file_of_site(site), "devices", key, out.into_value());
    r.finish(report);
}

/// `41.0` → `41`: NetBox's decimals for what is usually a whole number.
pub(super) fn integral(value: Value) -> Value {
    match value.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 && !value.is_i64() && !value.is_u64() => {
            Value::from(f as i64)
        }
        _ => value,
    }
}
