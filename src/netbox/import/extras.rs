//! Extras: custom field definitions and their choice sets, config contexts and their
//! profiles into `data/extras.yaml`.
//!
//! With `--site`, nothing refers to these, so they are chosen here: a custom field when a
//! carried object of one of its types exists (and the choice set it names), a config context when it applies to a
//! carried object or to everything (its scopes outside the import are left out), and a
//! profile when a carried context names it.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::layout::Repo;
use super::organisation::sort_key;
use super::record::{nested_id, Out, Record};
use super::refs::{device_type, name, names};
use super::{Context, NotCarried};

const FILE: &str = "data/extras.yaml";

/// NetBox's object types whose netsot objects carry custom fields, and their endpoints.
const OBJECT_TYPES: &[(&str, &str)] = &[
    ("tenancy.tenant", "tenancy/tenants"),
    ("dcim.site", "dcim/sites"),
    ("dcim.location", "dcim/locations"),
    ("dcim.rack", "dcim/racks"),
    ("dcim.device", "dcim/devices"),
    ("dcim.interface", "dcim/interfaces"),
    ("ipam.vrf", "ipam/vrfs"),
    ("ipam.prefix", "ipam/prefixes"),
    ("ipam.ipaddress", "ipam/ip-addresses"),
    ("ipam.vlan", "ipam/vlans"),
    ("ipam.service", "ipam/services"),
    (
        "virtualization.virtualmachine",
        "virtualization/virtual-machines",
    ),
    ("virtualization.vminterface", "virtualization/interfaces"),
    ("circuits.circuit", "circuits/circuits"),
];

/// Config context scopes: NetBox's field, and the endpoint of the objects it lists.
const SCOPES: &[(&str, &str)] = &[
    ("regions", "dcim/regions"),
    ("site_groups", "dcim/site-groups"),
    ("sites", "dcim/sites"),
    ("locations", "dcim/locations"),
    ("device_types", "dcim/device-types"),
    ("roles", "dcim/device-roles"),
    ("platforms", "dcim/platforms"),
    ("cluster_types", "virtualization/cluster-types"),
    ("clusters", "virtualization/clusters"),
    ("tenant_groups", "tenancy/tenant-groups"),
    ("tenants", "tenancy/tenants"),
    ("tags", "extras/tags"),
];

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    custom_fields(context, repo, report);
    let profiles = config_contexts(context, repo, report);
    config_context_profiles(context, repo, report, &profiles);
}

/// The profiles of everything, or those named by carried contexts (`used`, by id).
fn config_context_profiles(
    context: &Context,
    repo: &mut Repo,
    report: &mut NotCarried,
    used: &HashSet<u64>,
) {
    let scope = context.scope;
    for object in scope.snapshot.get("extras/config-context-profiles") {
        let id = object.get("id").and_then(Value::as_u64);
        if !scope.is_everything() && !id.is_some_and(|id| used.contains(&id)) {
            continue;
        }
        let mut r = Record::new("extras.configcontextprofile", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("description", r.text("description"));
        out.opt("schema", r.get("schema").filter(|s| !s.is_null()).cloned());
        out.list("tags", names(&mut r, "tags"));
        out.opt("comments", r.text("comments"));
        // A schema synced from a data source: the schema itself is carried, the sync is not.
        r.skip(&["data_source", "data_path", "data_file", "data_synced"]);
        repo.add(
            FILE,
            "config_context_profiles",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}

fn custom_fields(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    let mut sets = BTreeSet::new();
    for object in scope.snapshot.get("extras/custom-fields") {
        let mut r = Record::new("extras.customfield", object);
        let types: Vec<&str> = match r.get("object_types") {
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let carried: Vec<&(&str, &str)> = OBJECT_TYPES
            .iter()
            .filter(|(netbox, _)| types.contains(netbox))
            .collect();
        if !scope.is_everything()
            && !carried
                .iter()
                .any(|(_, endpoint)| scope.objects(endpoint).next().is_some())
        {
            continue;
        }
        for netbox in &types {
            if !OBJECT_TYPES.iter().any(|(n, _)| n == netbox) {
                report.add(
                    "extras.customfield",
                    format!("applies to `{netbox}` (no custom fields there in netsot)"),
                );
            }
        }
        if carried.is_empty() {
            r.finish(report);
            continue;
        }
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        if let Some(kind) = r.choice("type").filter(|k| *k != "text") {
            out.set("type", kind);
        }
        let object_types: Vec<Value> = carried.iter().map(|(t, _)| Value::from(*t)).collect();
        out.set("object_types", Value::Array(object_types));
        out.opt("related_object_type", r.text("related_object_type"));
        out.opt(
            "related_object_filter",
            r.get("related_object_filter")
                .filter(|v| !v.is_null())
                .cloned(),
        );
        out.opt("label", r.text("label"));
        out.opt("group_name", r.text("group_name"));
        out.opt("description", r.text("description"));
        out.flag(
            "required",
            r.get("required").and_then(Value::as_bool),
            false,
        );
        out.flag("unique", r.get("unique").and_then(Value::as_bool), false);
        out.opt(
            "default",
            r.get("default").filter(|v| !v.is_null()).cloned(),
        );
        if let Some(set) = r.get("choice_set").and_then(nested_id) {
            if let Some(name) = scope
                .find("extras/custom-field-choice-sets", set)
                .and_then(|s| s.get("name"))
                .and_then(Value::as_str)
            {
                out.set("choice_set", name);
                sets.insert(set);
            }
        }
        for field in ["validation_minimum", "validation_maximum"] {
            out.opt(field, r.get(field).filter(|v| !v.is_null()).cloned());
        }
        out.opt("validation_regex", r.text("validation_regex"));
        // What NetBox's UI does with a field, when it is NetBox's default, says nothing.
        for (field, default) in [
            ("search_weight", Value::from(1000)),
            ("weight", Value::from(100)),
            ("filter_logic", Value::from("loose")),
            ("ui_visible", Value::from("always")),
            ("ui_editable", Value::from("yes")),
        ] {
            let value = r.get(field);
            let value = value.map(|v| v.get("value").unwrap_or(v));
            if let Some(value) = value.filter(|v| **v != default && !v.is_null()) {
                out.set(field, value.clone());
            }
        }
        out.flag(
            "is_cloneable",
            r.get("is_cloneable").and_then(Value::as_bool),
            false,
        );
        out.opt("comments", r.text("comments"));
        r.skip(&["data_type"]);
        repo.add(
            FILE,
            "custom_fields",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    // The choice sets: every one with `--site` unset, else those a carried field names.
    for object in scope.snapshot.get("extras/custom-field-choice-sets") {
        let id = object.get("id").and_then(Value::as_u64).unwrap_or_default();
        if !scope.is_everything() && !sets.contains(&id) {
            continue;
        }
        let mut r = Record::new("extras.customfieldchoiceset", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("description", r.text("description"));
        out.opt("base_choices", r.choice("base_choices"));
        if let Some(Value::Array(choices)) = r.get("extra_choices") {
            out.list("extra_choices", choices.clone());
        }
        out.flag(
            "order_alphabetically",
            r.get("order_alphabetically").and_then(Value::as_bool),
            false,
        );
        r.skip(&["choices_count"]);
        repo.add(
            FILE,
            "custom_field_choice_sets",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}

/// Each custom field's default, by field name (NetBox keeps names unique).
pub(super) fn custom_field_defaults(scope: &super::scope::Scope) -> HashMap<String, Value> {
    scope
        .snapshot
        .get("extras/custom-fields")
        .iter()
        .filter_map(|f| {
            let name = f.get("name")?.as_str()?;
            let default = f.get("default").filter(|d| !d.is_null())?;
            Some((name.to_string(), default.clone()))
        })
        .collect()
}

/// Carries the config contexts; returns the ids of the profiles they name.
fn config_contexts(context: &Context, repo: &mut Repo, report: &mut NotCarried) -> HashSet<u64> {
    let scope = context.scope;
    let mut profiles = HashSet::new();
    for object in scope.snapshot.get("extras/config-contexts") {
        let mut r = Record::new("extras.configcontext", object);
        // Written without its cluster groups, a context would apply to more objects than
        // in NetBox; netsot has no such scope, so the context is not carried.
        if r.peek("cluster_groups")
            .and_then(Value::as_array)
            .is_some_and(|groups| !groups.is_empty())
        {
            report.add(
                "extras.configcontext",
                "config context scoped to cluster groups",
            );
            continue;
        }
        r.skip(&["cluster_groups"]);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        let profile = r.get("profile").filter(|p| !p.is_null());
        out.opt("profile", profile.and_then(name));
        out.opt("weight", r.get("weight").cloned());
        out.opt("description", r.text("description"));
        out.flag(
            "is_active",
            r.get("is_active").and_then(Value::as_bool),
            true,
        );
        let mut scoped = false;
        let mut kept_any = false;
        for (field, endpoint) in SCOPES {
            let mut values = Vec::new();
            let mut seen = HashSet::new();
            if let Some(Value::Array(items)) = r.get(field) {
                for item in items {
                    scoped = true;
                    // NetBox lists a config context's tags by slug, not as objects; netsot
                    // resolves a tag by its slug too.
                    if let Some(slug) = item.as_str() {
                        let kept = scope
                            .objects("extras/tags")
                            .any(|t| t.get("slug").and_then(Value::as_str) == Some(slug));
                        if kept {
                            kept_any = true;
                            values.push(Value::from(slug));
                        }
                        continue;
                    }
                    let Some(id) = nested_id(item) else { continue };
                    if !scope.keeps_id(endpoint, id) || !seen.insert(id) {
                        continue;
                    }
                    kept_any = true;
                    let reference = if *field == "device_types" {
                        device_type(item)
                    } else if *field == "locations" {
                        context.names.scoped(scope, "dcim/locations", id, None)
                    } else {
                        name(item)
                    };
                    values.extend(reference.map(Value::String));
                }
            }
            out.list(field, values);
        }
        // A context scoped only to objects outside the import would apply to everything
        // if written without its scopes.
        if scoped && !kept_any {
            continue;
        }
        out.set(
            "data",
            r.get("data")
                .cloned()
                .unwrap_or(Value::Object(Default::default())),
        );
        // Data synced from a data source: the data itself is carried, the sync is not.
        r.skip(&["data_synced", "data_path"]);
        profiles.extend(profile.and_then(nested_id));
        repo.add(
            FILE,
            "config_contexts",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    profiles
}
