//! IPAM: VRFs, route targets, RIRs, aggregates, ASNs, ranges and the addresses on no
//! interface into `data/ipam.yaml`; prefixes, VLAN groups and VLANs into their site's file
//! when scoped to one, else `data/ipam.yaml`; services into `data/services.yaml`.
//!
//! Addresses on an interface are nested under it ([`super::components`]). Scopes are
//! written as their one key (`object_scope.rs`); objects scoped to a location or rack go to
//! that site's file.

use serde_json::Value;

use super::layout::{ip_key, site_file, Repo};
use super::object_scope::import_scope;
use super::organisation::{named_object, sort_key, tie};
use super::record::{nested_id, number, Out, Record};
use super::refs::{address, custom_fields, name, named, names};
use super::scope::Scope;
use super::{Context, NotCarried};

const FILE: &str = "data/ipam.yaml";

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for object in scope.objects("ipam/vrfs") {
        let mut r = Record::new("ipam.vrf", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("rd", r.text("rd"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.flag(
            "enforce_unique",
            r.get("enforce_unique").and_then(Value::as_bool),
            true,
        );
        out.list("import_targets", names(&mut r, "import_targets"));
        out.list("export_targets", names(&mut r, "export_targets"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        repo.add(FILE, "vrfs", sort_key(object, "name"), out.into_value());
        r.finish(report);
    }
    vlan_translation(context, repo, report);
    for object in scope.objects("ipam/route-targets") {
        let mut r = Record::new("ipam.routetarget", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("description", r.text("description"));
        repo.add(
            FILE,
            "route_targets",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("ipam/rirs") {
        let mut r = Record::new("ipam.rir", object);
        let mut out = named_object(&mut r);
        out.flag(
            "is_private",
            r.get("is_private").and_then(Value::as_bool),
            false,
        );
        out.opt("description", r.text("description"));
        repo.add(FILE, "rirs", sort_key(object, "name"), out.into_value());
        r.finish(report);
    }
    for object in scope.objects("ipam/roles") {
        let mut r = Record::new("ipam.role", object);
        let mut out = named_object(&mut r);
        // A role's weight orders roles in NetBox's lists; 1000 is its default.
        let weight = r.get("weight").and_then(Value::as_u64);
        out.opt("weight", weight.filter(|&w| w != 1000));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        repo.add(FILE, "roles", sort_key(object, "name"), out.into_value());
        r.finish(report);
    }
    for object in scope.objects("ipam/aggregates") {
        let mut r = Record::new("ipam.aggregate", object);
        let mut out = Out::new();
        let prefix = r.text("prefix").unwrap_or_default();
        out.set("prefix", prefix);
        out.opt("rir", named(&mut r, "rir"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("date_added", r.text("date_added"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        r.skip(&["family"]);
        repo.add(
            FILE,
            "aggregates",
            tie(ip_key(prefix), object),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("ipam/asns") {
        let mut r = Record::new("ipam.asn", object);
        let mut out = Out::new();
        let asn = r.get("asn").and_then(Value::as_u64).unwrap_or(0);
        out.set("asn", asn);
        out.opt("rir", named(&mut r, "rir"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        repo.add(
            FILE,
            "asns",
            tie(format!("{asn:010}"), object),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("ipam/asn-ranges") {
        let mut r = Record::new("ipam.asnrange", object);
        let mut out = named_object(&mut r);
        out.opt("rir", named(&mut r, "rir"));
        out.opt("start", r.get("start").cloned());
        out.opt("end", r.get("end").cloned());
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        repo.add(
            FILE,
            "asn_ranges",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("ipam/prefixes") {
        let mut r = Record::new("ipam.prefix", object);
        let mut out = Out::new();
        let prefix = r.text("prefix").unwrap_or_default();
        out.set("prefix", prefix);
        let vrf = named(&mut r, "vrf");
        out.opt("vrf", vrf.clone());
        let site = import_scope(&mut r, &mut out, scope);
        out.opt(
            "vlan",
            r.id("vlan")
                .and_then(|id| context.names.scoped(scope, "ipam/vlans", id, site)),
        );
        out.opt("tenant", named(&mut r, "tenant"));
        if let Some(status) = r.choice("status").filter(|s| *s != "active") {
            out.set("status", status);
        }
        out.opt("role", named(&mut r, "role"));
        out.flag("is_pool", r.get("is_pool").and_then(Value::as_bool), false);
        out.flag(
            "mark_utilized",
            r.get("mark_utilized").and_then(Value::as_bool),
            false,
        );
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["family", "children"]);
        let key = tie(
            format!("{}\u{0}{}", vrf.unwrap_or_default(), ip_key(prefix)),
            object,
        );
        repo.add(&file_of(context, site), "prefixes", key, out.into_value());
        r.finish(report);
    }
    for object in scope.objects("ipam/ip-ranges") {
        let mut r = Record::new("ipam.iprange", object);
        let mut out = Out::new();
        let start = r.text("start_address").unwrap_or_default();
        out.set("start_address", start);
        out.set("end_address", r.text("end_address").unwrap_or_default());
        let vrf = named(&mut r, "vrf");
        out.opt("vrf", vrf.clone());
        out.opt("tenant", named(&mut r, "tenant"));
        if let Some(status) = r.choice("status").filter(|s| *s != "active") {
            out.set("status", status);
        }
        out.opt("role", named(&mut r, "role"));
        for flag in ["mark_populated", "mark_utilized"] {
            out.flag(flag, r.get(flag).and_then(Value::as_bool), false);
        }
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        r.skip(&["family", "size"]);
        let key = tie(
            format!("{}\u{0}{}", vrf.unwrap_or_default(), ip_key(start)),
            object,
        );
        repo.add(FILE, "ip_ranges", key, out.into_value());
        r.finish(report);
    }
    for object in scope.objects("ipam/ip-addresses") {
        let assigned = object.get("assigned_object_type").and_then(Value::as_str);
        if matches!(
            assigned,
            Some("dcim.interface" | "virtualization.vminterface")
        ) {
            // Nested under its interface by the device or virtual machine.
            continue;
        }
        if super::fhrp::is_virtual_address(object) {
            // Nested under its FHRP group (`fhrp.rs`).
            continue;
        }
        let mut r = Record::new("ipam.ipaddress", object);
        let out = address_entry(context.scope, &mut r, report);
        if assigned.is_some() {
            report.add(
                "ipam.ipaddress",
                "address assigned to an object netsot has none of",
            );
        }
        r.skip(&[
            "assigned_object_type",
            "assigned_object_id",
            "assigned_object",
        ]);
        let text = object
            .get("address")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let vrf = object.get("vrf").and_then(name).unwrap_or_default();
        let key = tie(format!("{vrf}\u{0}{}", ip_key(text)), object);
        repo.add(FILE, "ip_addresses", key, out.into_value());
        r.finish(report);
    }
    for object in scope.objects("ipam/vlan-groups") {
        let mut r = Record::new("ipam.vlangroup", object);
        let mut out = named_object(&mut r);
        let site = import_scope(&mut r, &mut out, scope);
        if let Some(Value::Array(ranges)) = r.get("vid_ranges") {
            let whole = ranges.len() == 1 && ranges[0] == serde_json::json!([1, 4094]);
            if !whole {
                out.list("vid_ranges", ranges.clone());
            }
        }
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        r.skip(&["utilization"]);
        repo.add(
            &file_of(context, site),
            "vlan_groups",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("ipam/vlans") {
        let mut r = Record::new("ipam.vlan", object);
        let mut out = Out::new();
        let vid = r.get("vid").and_then(Value::as_u64).unwrap_or(0);
        out.set("vid", vid);
        let vlan_name = r.text("name").unwrap_or_default();
        out.set("name", vlan_name);
        let site = r.id("site");
        out.opt(
            "site",
            site.and_then(|s| scope.find("dcim/sites", s))
                .and_then(name),
        );
        out.opt("group", named(&mut r, "group"));
        out.opt("tenant", named(&mut r, "tenant"));
        if let Some(status) = r.choice("status").filter(|s| *s != "active") {
            out.set("status", status);
        }
        out.opt("role", named(&mut r, "role"));
        out.opt("qinq_role", r.choice("qinq_role"));
        out.opt(
            "qinq_svlan",
            r.id("qinq_svlan")
                .and_then(|id| context.names.scoped(scope, "ipam/vlans", id, site)),
        );
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["l2vpn_termination", "prefix_count"]);
        let group = object.get("group").and_then(name).unwrap_or_default();
        let key = tie(format!("{group}\u{0}{vid:04}\u{0}{vlan_name}"), object);
        let site_for_file = site.or_else(|| {
            object
                .get("group")
                .and_then(nested_id)
                .and_then(|g| scope.find("ipam/vlan-groups", g))
                .and_then(|g| match g.get("scope_type").and_then(Value::as_str) {
                    Some("dcim.site") => g.get("scope_id").and_then(Value::as_u64),
                    Some("dcim.location") => g
                        .get("scope_id")
                        .and_then(Value::as_u64)
                        .and_then(|l| scope.find("dcim/locations", l))
                        .and_then(|l| l.get("site"))
                        .and_then(nested_id),
                    _ => None,
                })
        });
        repo.add(
            &file_of(context, site_for_file),
            "vlans",
            key,
            out.into_value(),
        );
        r.finish(report);
    }
    services(context, repo, report);
}

/// VLAN translation policies, each with its rules nested in NetBox's order of local VIDs.
fn vlan_translation(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    let mut rules: std::collections::HashMap<u64, Vec<&Value>> = Default::default();
    for rule in scope.objects("ipam/vlan-translation-rules") {
        if let Some(policy) = rule.get("policy").and_then(nested_id) {
            rules.entry(policy).or_default().push(rule);
        }
    }
    for object in scope.objects("ipam/vlan-translation-policies") {
        let mut r = Record::new("ipam.vlantranslationpolicy", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("description", r.text("description"));
        let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
        let mut own = rules.remove(&id).unwrap_or_default();
        own.sort_by_key(|rule| rule.get("local_vid").and_then(Value::as_u64));
        let entries = own
            .into_iter()
            .map(|rule| {
                let mut r = Record::new("ipam.vlantranslationrule", rule);
                let mut entry = Out::new();
                entry.opt("local_vid", number(r.get("local_vid")));
                entry.opt("remote_vid", number(r.get("remote_vid")));
                entry.opt("description", r.text("description"));
                r.skip(&["policy"]);
                r.finish(report);
                entry.into_value()
            })
            .collect();
        out.list("rules", entries);
        out.list("tags", names(&mut r, "tags"));
        // The rules are nested above.
        r.skip(&["rules"]);
        repo.add(
            FILE,
            "vlan_translation_policies",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}

/// The file of an object scoped to `site`, else the IPAM file.
fn file_of(context: &Context, site: Option<u64>) -> String {
    match site
        .and_then(|s| context.scope.find("dcim/sites", s))
        .and_then(|s| s.get("slug").and_then(Value::as_str))
    {
        Some(slug) => site_file(slug),
        None => FILE.to_string(),
    }
}

/// An address as netsot writes it, nested or not.
pub(super) fn address_entry(scope: &Scope, r: &mut Record, report: &mut NotCarried) -> Out {
    let mut out = Out::new();
    out.set("address", r.text("address").unwrap_or_default());
    out.opt("vrf", named(r, "vrf"));
    out.opt("tenant", named(r, "tenant"));
    if let Some(status) = r.choice("status").filter(|s| *s != "active") {
        out.set("status", status);
    }
    out.opt("role", r.choice("role"));
    out.opt("dns_name", r.text("dns_name"));
    // The inside address of a NAT: bare in the global table, else with its VRF.
    if let Some(inside) = r.id("nat_inside") {
        match scope.find("ipam/ip-addresses", inside) {
            Some(inside) => {
                let address = inside
                    .get("address")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match inside
                    .get("vrf")
                    .and_then(|v| v.get("name"))
                    .and_then(Value::as_str)
                {
                    Some(vrf) => out.set(
                        "nat_inside",
                        serde_json::json!({"address": address, "vrf": vrf}),
                    ),
                    None => out.set("nat_inside", address),
                }
            }
            None => report.add(
                "ipam.ipaddress",
                "NAT inside address the import does not carry",
            ),
        }
    }
    out.opt("description", r.text("description"));
    out.list("tags", names(r, "tags"));
    out.opt("custom_fields", custom_fields(r, report));
    // The outside address of a NAT is derived from the inside one's `nat_inside`.
    r.skip(&["family", "nat_outside"]);
    out
}

fn services(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for object in scope.objects("ipam/services") {
        let mut r = Record::new("ipam.service", object);
        let mut out = Out::new();
        let service_name = r.text("name").unwrap_or_default();
        out.set("name", service_name);
        let parent_id = r.get("parent_object_id").and_then(Value::as_u64);
        let parent = match (r.text("parent_object_type"), parent_id) {
            (Some("dcim.device"), Some(id)) => context
                .names
                .scoped(scope, "dcim/devices", id, None)
                .map(|d| ("device", d)),
            (Some("virtualization.virtualmachine"), Some(id)) => scope
                .find("virtualization/virtual-machines", id)
                .and_then(name)
                .map(|vm| ("virtual_machine", vm)),
            _ => None,
        };
        let Some((field, owner)) = parent else {
            report.add(
                "ipam.service",
                "service of an FHRP group or of an unnamed device",
            );
            continue;
        };
        out.set(field, owner.clone());
        out.opt("protocol", r.choice("protocol"));
        let ports: Vec<Value> = match r.get("ports") {
            Some(Value::Array(ports)) => ports.clone(),
            _ => Vec::new(),
        };
        out.set("ports", Value::Array(ports));
        let addresses: Vec<Value> = match r.get("ipaddresses") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(address)
                .map(Value::String)
                .collect(),
            _ => Vec::new(),
        };
        out.list("ipaddresses", addresses);
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["parent"]);
        let key = tie(format!("{owner}\u{0}{service_name}"), object);
        repo.add("data/services.yaml", "services", key, out.into_value());
        r.finish(report);
    }
}
