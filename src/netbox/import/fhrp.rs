//! FHRP groups into `data/ipam.yaml`, each with its virtual addresses (NetBox's IP
//! addresses assigned to the group) nested under `ip_addresses`; an address's role is left
//! out when it is the one the group's protocol gives (netsot's default). Interfaces'
//! assignments to groups are written on the interfaces (`fhrp_groups: [{group,
//! priority}]`) by `components.rs` through [`assignments`].

use std::collections::HashMap;

use serde_json::Value;

use super::layout::Repo;
use super::organisation::sort_key;
use super::record::{number, Out, Record};
use super::refs::{custom_fields, names};
use super::scope::Scope;
use super::{Context, NotCarried};
use crate::model::fhrp::FhrpProtocol;

const FILE: &str = "data/ipam.yaml";

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    let mut virtual_addresses: HashMap<u64, Vec<&Value>> = HashMap::new();
    for address in scope.objects("ipam/ip-addresses") {
        if is_virtual_address(address) {
            if let Some(group) = address.get("assigned_object_id").and_then(Value::as_u64) {
                virtual_addresses.entry(group).or_default().push(address);
            }
        }
    }
    for object in scope.objects("ipam/fhrp-groups") {
        let mut r = Record::new("ipam.fhrpgroup", object);
        let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
        let Some(name) = r.text("name") else {
            // netsot refers to groups by name, so it needs one.
            report.add(
                "ipam.fhrpgroup",
                "FHRP group without a name (netsot needs one)",
            );
            continue;
        };
        let protocol = r.choice("protocol");
        let mut out = Out::new();
        out.set("name", name);
        out.opt("protocol", protocol);
        out.opt("group_id", number(r.get("group_id")));
        out.opt("auth_type", r.choice("auth_type"));
        out.opt("auth_key", r.text("auth_key"));
        out.opt("description", r.text("description"));
        out.opt("comments", r.text("comments"));
        let default_role = protocol
            .and_then(FhrpProtocol::parse)
            .map(|p| p.address_role().as_str());
        let mut nested = Vec::new();
        for address in virtual_addresses.get(&id).into_iter().flatten() {
            let mut a = Record::new("ipam.ipaddress", address);
            let mut entry = super::ipam::address_entry(context.scope, &mut a, report);
            if entry.0.get("role").and_then(Value::as_str) == default_role {
                entry.0.remove("role");
            }
            a.skip(&[
                "assigned_object_type",
                "assigned_object_id",
                "assigned_object",
            ]);
            a.finish(report);
            nested.push((address_sort_key(address), entry.into_value()));
        }
        nested.sort_by(|a, b| a.0.cmp(&b.0));
        out.list("ip_addresses", nested.into_iter().map(|(_, v)| v).collect());
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        // The group's addresses are listed above, from the addresses themselves.
        r.skip(&["ip_addresses"]);
        repo.add(
            FILE,
            "fhrp_groups",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}

/// An address's sort key among a group's: numerically, NetBox's id breaking ties.
fn address_sort_key(address: &Value) -> String {
    super::organisation::tie(
        super::layout::ip_key(
            address
                .get("address")
                .and_then(Value::as_str)
                .unwrap_or_default(),
        ),
        address,
    )
}

/// The assignments to FHRP groups of the carried device interfaces, by interface id, as
/// entries of an interface's `fhrp_groups`, sorted by group name. Assignments of VM
/// interfaces are reported: netsot's VM interfaces have no `fhrp_groups` yet.
pub fn assignments(scope: &Scope, report: &mut NotCarried) -> HashMap<u64, Vec<Value>> {
    let mut by_interface: HashMap<u64, Vec<(String, Value)>> = HashMap::new();
    for object in scope.objects("ipam/fhrp-group-assignments") {
        let mut r = Record::new("ipam.fhrpgroupassignment", object);
        let interface = match r.text("interface_type") {
            Some("dcim.interface") => r.get("interface_id").and_then(Value::as_u64),
            _ => None,
        };
        let group = r
            .id("group")
            .and_then(|id| scope.find("ipam/fhrp-groups", id))
            .and_then(|g| g.get("name"))
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty());
        let (Some(interface), Some(group)) = (interface, group) else {
            report.add(
                "ipam.fhrpgroupassignment",
                "assignment of a VM interface or to a group without a name",
            );
            continue;
        };
        let mut out = Out::new();
        out.set("group", group);
        out.opt("priority", number(r.get("priority")));
        r.skip(&["interface"]);
        r.finish(report);
        by_interface
            .entry(interface)
            .or_default()
            .push((group.to_string(), out.into_value()));
    }
    by_interface
        .into_iter()
        .map(|(interface, mut list)| {
            list.sort_by(|a, b| a.0.cmp(&b.0));
            (interface, list.into_iter().map(|(_, v)| v).collect())
        })
        .collect()
}

/// Whether an address is a virtual address of an FHRP group (nested under the group).
pub fn is_virtual_address(address: &Value) -> bool {
    address.get("assigned_object_type").and_then(Value::as_str) == Some("ipam.fhrpgroup")
}
