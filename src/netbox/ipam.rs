//! IPAM: route targets, VRFs, RIRs, IPAM roles, aggregates, VLAN groups, VLANs, prefixes, IP ranges
//! and IP addresses (assigned to the interfaces that hold them). Keys: names; a prefix's,
//! aggregate's, range's and address's is its value, with ` (VRF)` in a VRF; a VLAN's
//! `SCOPE/VID` (its group's name, else its site's, else `global`).

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, named, slug, string, Desired};
use crate::graph::{Graph, IpId, Owner, VlanId, VrfId};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    let ix = &graph.indexes;
    let tenant = |text| named(&ix.tenants, &model.tenants, |t| &t.name, text);
    let vrf = |text| named(&ix.vrfs, &model.vrfs, |v| &v.name, text);
    for object in &model.route_targets {
        let r = &object.data;
        let mut d = Desired::new(
            Kind::RouteTargets,
            r.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", r.name.value.as_str())
            .reference(
                "tenant",
                Kind::Tenants,
                tenant(r.tenant.as_ref()),
                at(object, r.tenant.as_ref()),
            )
            .text("description", r.description.as_deref());
        out.push(d);
    }
    let targets = |list: &[crate::model::Text]| {
        list.iter()
            .map(|t| {
                named(
                    &ix.route_targets,
                    &model.route_targets,
                    |r| &r.name,
                    Some(t),
                )
                .unwrap_or_default()
            })
            .collect()
    };
    for object in &model.vrfs {
        let v = &object.data;
        let mut d = Desired::new(Kind::Vrfs, v.name.value.clone(), None, object.location());
        d.value("name", v.name.value.as_str())
            .value_maybe_at(
                "rd",
                v.rd.as_ref().map(|r| r.value.as_str()),
                at(object, v.rd.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                tenant(v.tenant.as_ref()),
                at(object, v.tenant.as_ref()),
            )
            .value("enforce_unique", v.enforce_unique.unwrap_or(true))
            .references(
                "import_targets",
                Kind::RouteTargets,
                targets(&v.import_targets),
            )
            .references(
                "export_targets",
                Kind::RouteTargets,
                targets(&v.export_targets),
            )
            .text("description", v.description.as_deref())
            .tags(&v.tags)
            .custom_fields(&defs, "ipam.vrf", &v.custom_fields);
        out.push(d);
    }
    roles(graph, out);
    for object in &model.rirs {
        let r = &object.data;
        let mut d = Desired::new(Kind::Rirs, r.name.value.clone(), None, object.location());
        d.value("name", r.name.value.as_str())
            .value("slug", slug(r.slug.as_ref(), &r.name))
            .value("is_private", r.is_private)
            .text("description", r.description.as_deref());
        out.push(d);
    }
    for node in &graph.aggregates {
        let object = &model.aggregates[node.object.index()];
        let a = &object.data;
        let mut d = Desired::new(
            Kind::Aggregates,
            node.prefix.trunc().to_string(),
            None,
            object.location(),
        );
        d.value_at(
            "prefix",
            node.prefix.trunc().to_string(),
            object.at(&a.prefix),
        )
        .reference(
            "rir",
            Kind::Rirs,
            node.rir
                .map(|r| model.rirs[r.index()].data.name.value.clone()),
            Some(object.at(&a.rir)),
        )
        .reference(
            "tenant",
            Kind::Tenants,
            tenant(a.tenant.as_ref()),
            at(object, a.tenant.as_ref()),
        )
        .value("date_added", a.date_added.as_deref())
        .text("description", a.description.as_deref())
        .tags(&a.tags);
        out.push(d);
    }
    for (index, object) in model.vlan_groups.iter().enumerate() {
        let g = &object.data;
        let group_site = super::dcim::site_name(graph, graph.vlan_groups[index].site);
        let ranges: Vec<Value> = if !g.vid_ranges.is_empty() {
            g.vid_ranges
                .iter()
                .map(|r| serde_json::json!([r.value.0, r.value.1]))
                .collect()
        } else {
            let low = g.min_vid.as_ref().map_or(1, |v| v.value);
            let high = g.max_vid.as_ref().map_or(4094, |v| v.value);
            vec![serde_json::json!([low, high])]
        };
        let mut d = Desired::new(
            Kind::VlanGroups,
            g.name.value.clone(),
            group_site,
            object.location(),
        );
        d.value("name", g.name.value.as_str())
            .value("slug", slug(g.slug.as_ref(), &g.name))
            .value("vid_ranges", Value::Array(ranges))
            .text("description", g.description.as_deref())
            .tags(&g.tags);
        let scope = graph.vlan_groups[index].scope;
        let written = crate::model::scope::first(&g.scope_refs()).map(|(_, t)| t);
        d.fields
            .push(super::scope::scope_field(graph, scope, at(object, written)));
        out.push(d);
    }
    for (index, object) in model.vlans.iter().enumerate() {
        let v = &object.data;
        let node = &graph.vlans[index];
        let vlan_site = super::dcim::site_name(graph, node.site);
        let mut d = Desired::new(
            Kind::Vlans,
            vlan_key(graph, VlanId::from_index(index)),
            vlan_site.clone(),
            object.location(),
        );
        d.value_at("vid", v.vid.value, object.at(&v.vid))
            .value("name", v.name.value.as_str())
            .reference("site", Kind::Sites, vlan_site, at(object, v.site.as_ref()))
            .reference(
                "group",
                Kind::VlanGroups,
                node.group
                    .map(|g| model.vlan_groups[g.index()].data.name.value.clone()),
                at(object, v.group.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                node.tenant
                    .map(|t| model.tenants[t.index()].data.name.value.clone()),
                at(object, v.tenant.as_ref()),
            )
            .value(
                "status",
                v.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "role",
                Kind::IpamRoles,
                v.role.as_ref().map(|r| r.value.clone()),
                at(object, v.role.as_ref()),
            )
            .value_maybe_at(
                "qinq_role",
                v.qinq_role.as_ref().map(|r| r.value.as_str()),
                at(object, v.qinq_role.as_ref()),
            )
            .reference(
                "qinq_svlan",
                Kind::Vlans,
                node.qinq_svlan.map(|s| vlan_key(graph, s)),
                at(object, v.qinq_svlan.as_ref()),
            )
            .text("description", v.description.as_deref())
            .tags(&v.tags)
            .custom_fields(&defs, "ipam.vlan", &v.custom_fields);
        out.push(d);
    }
    for node in &graph.prefixes {
        let object = &model.prefixes[node.object.index()];
        let p = &object.data;
        let prefix = node.prefix.trunc().to_string();
        let prefix_site = super::dcim::site_name(graph, node.site);
        let mut d = Desired::new(
            Kind::Prefixes,
            with_vrf(prefix.clone(), vrf_name(graph, node.vrf)),
            prefix_site.clone(),
            object.location(),
        );
        d.value_at("prefix", prefix, object.at(&p.prefix))
            .reference(
                "vrf",
                Kind::Vrfs,
                vrf_name(graph, node.vrf),
                at(object, p.vrf.as_ref()),
            )
            .reference(
                "vlan",
                Kind::Vlans,
                node.vlan.map(|v| vlan_key(graph, v)),
                at(object, p.vlan.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                node.tenant
                    .map(|t| model.tenants[t.index()].data.name.value.clone()),
                at(object, p.tenant.as_ref()),
            )
            .value(
                "status",
                p.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "role",
                Kind::IpamRoles,
                p.role.as_ref().map(|r| r.value.clone()),
                at(object, p.role.as_ref()),
            )
            .value("is_pool", p.is_pool)
            .value("mark_utilized", p.mark_utilized)
            .text("description", p.description.as_deref())
            .tags(&p.tags)
            .custom_fields(&defs, "ipam.prefix", &p.custom_fields);
        let written = crate::model::scope::first(&p.scope_refs()).map(|(_, t)| t);
        d.fields.push(super::scope::scope_field(
            graph,
            node.scope,
            at(object, written),
        ));
        out.push(d);
    }
    for node in &graph.ip_ranges {
        let object = &model.ip_ranges[node.object.index()];
        let r = &object.data;
        let mut d = Desired::new(
            Kind::IpRanges,
            with_vrf(
                format!("{}-{}", node.start.addr(), node.end.addr()),
                vrf_name(graph, node.vrf),
            ),
            None,
            object.location(),
        );
        d.value_at(
            "start_address",
            node.start.to_string(),
            object.at(&r.start_address),
        )
        .value_at(
            "end_address",
            node.end.to_string(),
            object.at(&r.end_address),
        )
        .reference(
            "vrf",
            Kind::Vrfs,
            vrf(r.vrf.as_ref()),
            at(object, r.vrf.as_ref()),
        )
        .reference(
            "tenant",
            Kind::Tenants,
            tenant(r.tenant.as_ref()),
            at(object, r.tenant.as_ref()),
        )
        .value(
            "status",
            r.status.as_ref().map_or("active", |s| s.value.as_str()),
        )
        .reference(
            "role",
            Kind::IpamRoles,
            r.role.as_ref().map(|r| r.value.clone()),
            at(object, r.role.as_ref()),
        )
        .value("mark_populated", r.mark_populated)
        .value("mark_utilized", r.mark_utilized)
        .text("description", r.description.as_deref())
        .tags(&r.tags);
        out.push(d);
    }
    for ip in IpId::all(graph.ip_addresses.len()) {
        out.push(address(graph, &defs, ip));
    }
}

/// The IPAM roles: those the repository declares (`roles`) with their own fields, then
/// any name prefixes, VLANs and IP ranges use that no declared role has (NetBox needs each
/// as an object, `ipam.Role`, before it is referred to; the first object naming it is its
/// location).
fn roles(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    let mut seen = std::collections::HashSet::new();
    for object in &model.roles {
        let r = &object.data;
        seen.insert(r.name.value.as_str());
        let mut d = Desired::new(
            Kind::IpamRoles,
            r.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", r.name.value.as_str())
            .value("slug", slug(r.slug.as_ref(), &r.name))
            // NetBox's default weight.
            .value("weight", r.weight.unwrap_or(1000))
            .text("description", r.description.as_deref())
            .tags(&r.tags);
        out.push(d);
    }
    let named = model
        .prefixes
        .iter()
        .filter_map(|o| o.data.role.as_ref().map(|r| (o.at(r), r)))
        .chain(
            model
                .vlans
                .iter()
                .filter_map(|o| o.data.role.as_ref().map(|r| (o.at(r), r))),
        )
        .chain(
            model
                .ip_ranges
                .iter()
                .filter_map(|o| o.data.role.as_ref().map(|r| (o.at(r), r))),
        );
    for (location, role) in named {
        if !seen.insert(role.value.as_str()) {
            continue;
        }
        let mut d = Desired::new(Kind::IpamRoles, role.value.clone(), None, location);
        d.value("name", role.value.as_str())
            .value("slug", crate::model::device_type::slugify(&role.value));
        out.push(d);
    }
}

fn address(graph: &Graph, defs: &super::custom_fields::Definitions, ip: IpId) -> Desired {
    let model = &graph.model;
    let node = &graph.ip_addresses[ip.index()];
    let data = graph.ip_data(ip);
    let location = graph.ip_location(ip);
    // An FHRP group's virtual address is assigned to the group.
    let group = graph.ip_fhrp_group(ip).map(|g| {
        (
            Kind::FhrpGroups,
            model.fhrp_groups[g.index()].data.name.value.clone(),
        )
    });
    let assigned = node
        .interface
        .map(|i| {
            let kind = match graph.interfaces[i.index()].owner {
                Owner::Device(_) => Kind::Interfaces,
                Owner::VirtualMachine(_) => Kind::VmInterfaces,
            };
            (kind, super::dcim::interface_key(graph, i))
        })
        .or(group);
    let owner_site = graph
        .ip_owner(ip)
        .and_then(|o| super::dcim::site_name(graph, graph.owner_site(o)));
    let mut d = Desired::new(Kind::IpAddresses, ip_key(graph, ip), owner_site, location);
    let at = |text: Option<&crate::model::Text>| {
        text.map(|t| crate::diag::Location::new(node.file, t.span))
    };
    d.value_at("address", node.address.to_string(), location)
        .reference(
            "vrf",
            Kind::Vrfs,
            vrf_name(graph, node.vrf),
            at(data.vrf.as_ref()),
        )
        .reference(
            "tenant",
            Kind::Tenants,
            node.tenant
                .map(|t| model.tenants[t.index()].data.name.value.clone()),
            at(data.tenant.as_ref()),
        )
        .value(
            "status",
            data.status.as_ref().map_or("active", |s| s.value.as_str()),
        )
        .value("role", graph.ip_role(ip).map_or("", |r| r.as_str()))
        .value_at(
            "dns_name",
            data.dns_name.as_ref().map_or("", |n| n.value.as_str()),
            at(data.dns_name.as_ref()).unwrap_or(location),
        )
        .reference(
            "nat_inside",
            Kind::IpAddresses,
            graph.ip_nat_inside(ip).map(|inside| ip_key(graph, inside)),
            data.nat_inside
                .as_ref()
                .map(|n| crate::diag::Location::new(node.file, n.span)),
        )
        .text("description", data.description.as_deref())
        .tags(&data.tags)
        .custom_fields(defs, "ipam.ipaddress", &data.custom_fields);
    d.generic(
        "assigned_object",
        ("assigned_object_type", "assigned_object_id"),
        assigned,
        Some(location),
    );
    d
}

fn vrf_name(graph: &Graph, vrf: Option<VrfId>) -> Option<String> {
    vrf.map(|v| graph.model.vrfs[v.index()].data.name.value.clone())
}

fn with_vrf(value: String, vrf: Option<String>) -> String {
    match vrf {
        Some(vrf) => format!("{value} ({vrf})"),
        None => value,
    }
}

/// The address roles NetBox lets several addresses of one VRF share
/// (`IPADDRESS_ROLES_NONUNIQUE`, ipam/constants.py).
const SHARED_ROLES: &[&str] = &["anycast", "vip", "vrrp", "hsrp", "glbp", "carp"];

/// An address's key: `ADDRESS/LENGTH`, with ` (VRF)` in a VRF. An address of a role NetBox
/// lets several interfaces hold (an anycast gateway on every leaf) is one object per
/// interface: its key names the interface too, ` on DEVICE:INTERFACE`.
pub fn ip_key(graph: &Graph, ip: IpId) -> String {
    let node = &graph.ip_addresses[ip.index()];
    let key = with_vrf(node.address.to_string(), vrf_name(graph, node.vrf));
    let shared = graph
        .ip_role(ip)
        .is_some_and(|r| SHARED_ROLES.contains(&r.as_str()));
    // An FHRP group's virtual address keeps the plain key: NetBox may hold it already,
    // unassigned (pushed before groups were), and the push then assigns it to its group.
    match node.interface {
        Some(interface) if shared => {
            format!("{key} on {}", super::dcim::interface_key(graph, interface))
        }
        _ => key,
    }
}

/// The key of an interface's Q-in-Q service VLAN, found again by name as resolution found
/// it (the graph does not keep it: few interfaces have one).
pub fn interface_svlan(graph: &Graph, interface: crate::graph::InterfaceId) -> Option<String> {
    let svlan = graph.interface_entry(interface)?.qinq_svlan.as_ref()?;
    let site = graph.owner_site(graph.interfaces[interface.index()].owner);
    match graph
        .indexes
        .vlans
        .lookup(site, &svlan.value, &graph.indexes.sites)
    {
        crate::graph::index::SiteLookup::Found(v) => Some(vlan_key(graph, v)),
        _ => None,
    }
}

/// A VLAN's key: `SCOPE/VID`.
pub fn vlan_key(graph: &Graph, vlan: VlanId) -> String {
    let node = &graph.vlans[vlan.index()];
    let scope = match (node.group, node.site) {
        (Some(group), _) => format!(
            "group {}",
            graph.model.vlan_groups[group.index()].data.name.value
        ),
        (None, Some(site)) => graph.model.sites[site.index()].data.name.value.clone(),
        (None, None) => "global".into(),
    };
    format!("{scope}/{}", graph.model.vlans[vlan.index()].data.vid.value)
}

/// The address part of `ADDRESS/LENGTH`.
fn without_length(text: &str) -> &str {
    text.split('/').next().unwrap_or(text)
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    let name = string(json, "name").map(str::to_string);
    let vrf = || state.ref_key(Kind::Vrfs, json.get("vrf"));
    let scope_site = || super::scope::remote_scope_site(json, state);
    Some(match kind {
        Kind::RouteTargets | Kind::Vrfs | Kind::Rirs | Kind::IpamRoles => (name, None),
        Kind::Aggregates => (string(json, "prefix").map(str::to_string), None),
        Kind::VlanGroups => (name, scope_site()),
        Kind::Vlans => {
            let site = state.ref_key(Kind::Sites, json.get("site"));
            let group = state.ref_object(Kind::VlanGroups, json.get("group"));
            let scope = match (&group, &site) {
                (Some(group), _) => group.key.as_ref().map(|g| format!("group {g}")),
                (None, Some(site)) => Some(site.clone()),
                (None, None) => Some("global".into()),
            };
            let vid = json.get("vid").and_then(Value::as_u64);
            let site = site.or_else(|| group.and_then(|g| g.site.clone()));
            (scope.zip(vid).map(|(s, v)| format!("{s}/{v}")), site)
        }
        Kind::Prefixes => (
            string(json, "prefix").map(|p| with_vrf(p.to_string(), vrf())),
            scope_site(),
        ),
        Kind::IpRanges => {
            let start = string(json, "start_address").map(without_length);
            let end = string(json, "end_address").map(without_length);
            (
                start
                    .zip(end)
                    .map(|(s, e)| with_vrf(format!("{s}-{e}"), vrf())),
                None,
            )
        }
        Kind::IpAddresses => {
            let owner = state.generic_target(json, "assigned_object_type", "assigned_object_id");
            let role = json
                .get("role")
                .and_then(|r| r.get("value"))
                .and_then(Value::as_str);
            let key = string(json, "address").map(|a| {
                let key = with_vrf(a.to_string(), vrf());
                let on_interface = matches!(
                    string(json, "assigned_object_type"),
                    Some("dcim.interface" | "virtualization.vminterface")
                );
                match owner.and_then(|o| o.key.as_deref()) {
                    Some(owner)
                        if on_interface && role.is_some_and(|r| SHARED_ROLES.contains(&r)) =>
                    {
                        format!("{key} on {owner}")
                    }
                    _ => key,
                }
            });
            (key, owner.and_then(|o| o.site.clone()))
        }
        _ => return None,
    })
}
