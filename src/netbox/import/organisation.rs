//! Organisation: tags, tenant groups, tenants, regions and site groups into
//! `data/organisation.yaml`. Each is keyed by name in netsot, by slug in NetBox; the slug is
//! written only when it is not the one netsot derives from the name.

use serde_json::Value;

use super::layout::Repo;
use super::record::{Out, Record};
use super::refs::{custom_fields, named, names};
use super::{Context, NotCarried};
use crate::model::device_type::slugify;

const FILE: &str = "data/organisation.yaml";

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    for tag in context.scope.objects("extras/tags") {
        let mut r = Record::new("extras.tag", tag);
        let mut out = named_object(&mut r);
        out.opt("color", r.text("color"));
        out.opt("description", r.text("description"));
        // NetBox lists the types in an order of its own: written sorted.
        let mut types: Vec<&str> = match r.get("object_types") {
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        types.sort_unstable();
        out.list("object_types", types.into_iter().map(Value::from).collect());
        r.skip(&["tagged_items"]);
        // A tag's weight orders tags in NetBox's UI; 1000 is its default.
        if r.peek("weight").and_then(Value::as_u64) == Some(1000) {
            r.skip(&["weight"]);
        }
        repo.add(FILE, "tags", sort_key(tag, "name"), out.into_value());
        r.finish(report);
    }
    nested_groups(
        context,
        repo,
        report,
        "tenancy/tenant-groups",
        "tenant_groups",
    );
    for tenant in context.scope.objects("tenancy/tenants") {
        let mut r = Record::new("tenancy.tenant", tenant);
        let mut out = named_object(&mut r);
        out.opt("group", named(&mut r, "group"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        out.list("contacts", context.contacts.of("tenancy.tenant", tenant));
        repo.add(FILE, "tenants", sort_key(tenant, "name"), out.into_value());
        r.finish(report);
    }
    nested_groups(context, repo, report, "dcim/regions", "regions");
    nested_groups(context, repo, report, "dcim/site-groups", "site_groups");
}

/// Tenant groups, regions and site groups: trees by `parent`.
fn nested_groups(
    context: &Context,
    repo: &mut Repo,
    report: &mut NotCarried,
    endpoint: &'static str,
    collection: &'static str,
) {
    let kind = match endpoint {
        "tenancy/tenant-groups" => "tenancy.tenantgroup",
        "dcim/regions" => "dcim.region",
        _ => "dcim.sitegroup",
    };
    for object in context.scope.objects(endpoint) {
        let mut r = Record::new(kind, object);
        let mut out = named_object(&mut r);
        out.opt("parent", named(&mut r, "parent"));
        out.opt("description", r.text("description"));
        if collection == "regions" {
            out.list("tags", names(&mut r, "tags"));
        }
        repo.add(FILE, collection, sort_key(object, "name"), out.into_value());
        r.finish(report);
    }
}

/// `name`, and `slug` when it is not the one derived from the name.
pub(super) fn named_object(r: &mut Record) -> Out {
    let mut out = Out::new();
    let name = r.text("name").unwrap_or_default();
    out.set("name", name);
    if let Some(slug) = r.text("slug") {
        if slug != slugify(name) {
            out.set("slug", slug);
        }
    }
    out
}

/// The sort key of an object: a field's text, then NetBox's id for ties.
pub(super) fn sort_key(object: &Value, field: &str) -> String {
    let text = object
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or_default();
    tie(text.to_string(), object)
}

/// `key` with the object's id appended, so equal keys sort the same way every time.
pub(super) fn tie(key: String, object: &Value) -> String {
    let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
    format!("{key}\u{0}{id:012}")
}
