//! Virtualization: cluster types, cluster groups, clusters and virtual machines (their
//! interfaces and addresses nested) into `data/virtualization.yaml`.

use std::collections::HashMap;

use serde_json::Value;

use super::components::interface_entry;
use super::layout::Repo;
use super::object_scope::import_scope;
use super::organisation::{named_object, sort_key};
use super::record::{nested_id, number, Out, Record};
use super::refs::{address, custom_fields, name, named, names};
use super::{Context, NotCarried};

const FILE: &str = "data/virtualization.yaml";

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for (endpoint, collection, kind) in [
        (
            "virtualization/cluster-types",
            "cluster_types",
            "virtualization.clustertype",
        ),
        (
            "virtualization/cluster-groups",
            "cluster_groups",
            "virtualization.clustergroup",
        ),
    ] {
        for object in scope.objects(endpoint) {
            let mut r = Record::new(kind, object);
            let mut out = named_object(&mut r);
            out.opt("description", r.text("description"));
            repo.add(FILE, collection, sort_key(object, "name"), out.into_value());
            r.finish(report);
        }
    }
    for object in scope.objects("virtualization/clusters") {
        let mut r = Record::new("virtualization.cluster", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("type", named(&mut r, "type"));
        out.opt("group", named(&mut r, "group"));
        import_scope(&mut r, &mut out, scope);
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("status", r.choice("status"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        r.skip(&["allocated_vcpus", "allocated_memory", "allocated_disk"]);
        repo.add(FILE, "clusters", sort_key(object, "name"), out.into_value());
        r.finish(report);
    }
    let mut interfaces: HashMap<u64, Vec<&Value>> = HashMap::new();
    for interface in scope.objects("virtualization/interfaces") {
        if let Some(vm) = interface.get("virtual_machine").and_then(nested_id) {
            interfaces.entry(vm).or_default().push(interface);
        }
    }
    let mut disks: HashMap<u64, Vec<&Value>> = HashMap::new();
    for disk in scope.objects("virtualization/virtual-disks") {
        if let Some(vm) = disk.get("virtual_machine").and_then(nested_id) {
            disks.entry(vm).or_default().push(disk);
        }
    }
    let mut addresses: HashMap<u64, Vec<&Value>> = HashMap::new();
    for address in scope.objects("ipam/ip-addresses") {
        if address.get("assigned_object_type").and_then(Value::as_str)
            == Some("virtualization.vminterface")
        {
            if let Some(id) = address.get("assigned_object_id").and_then(Value::as_u64) {
                addresses.entry(id).or_default().push(address);
            }
        }
    }
    for object in scope.objects("virtualization/virtual-machines") {
        let mut r = Record::new("virtualization.virtualmachine", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("cluster", named(&mut r, "cluster"));
        let site = r.id("site");
        out.opt(
            "site",
            site.and_then(|s| scope.find("dcim/sites", s))
                .and_then(name),
        );
        out.opt(
            "device",
            r.id("device")
                .and_then(|id| context.names.scoped(scope, "dcim/devices", id, site)),
        );
        out.opt("role", named(&mut r, "role"));
        out.opt("platform", named(&mut r, "platform"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("status", r.choice("status"));
        out.opt("vcpus", number(r.get("vcpus")).map(super::dcim::integral));
        out.opt("memory", number(r.get("memory")));
        let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
        let own_disks = disks.get(&id).map_or(&[][..], Vec::as_slice);
        let total: u64 = own_disks
            .iter()
            .filter_map(|d| d.get("size").and_then(Value::as_u64))
            .sum();
        // NetBox sets `disk` to the disks' total; written only when it says more.
        let disk = r.get("disk");
        if own_disks.is_empty() || disk.and_then(Value::as_u64) != Some(total) {
            out.opt("disk", number(disk));
        }
        out.opt("primary_ip4", r.get("primary_ip4").and_then(address));
        out.opt("primary_ip6", r.get("primary_ip6").and_then(address));
        out.opt("description", r.text("description"));
        out.opt("comments", r.text("comments"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        if let Some(data) = r.get("local_context_data").filter(|d| !d.is_null()) {
            out.set("config_context", data.clone());
        }
        r.skip(&[
            "config_context",
            "primary_ip",
            "interface_count",
            "virtual_disk_count",
        ]);
        let mut entries = Vec::new();
        for interface in interfaces.get(&id).map_or(&[][..], Vec::as_slice) {
            let mut i = Record::new("virtualization.vminterface", interface);
            let interface_id = interface.get("id").and_then(Value::as_u64).unwrap_or(0);
            let nested = addresses.get(&interface_id).map_or(&[][..], Vec::as_slice);
            let entry = interface_entry(context, &mut i, None, nested, site, report);
            entries.push(entry.into_value());
            i.finish(report);
        }
        out.list("interfaces", entries);
        let mut entries = Vec::new();
        for disk in own_disks {
            let mut d = Record::new("virtualization.virtualdisk", disk);
            let mut entry = Out::new();
            entry.set("name", d.text("name").unwrap_or_default());
            entry.opt("size", number(d.get("size")));
            entry.opt("description", d.text("description"));
            entry.list("tags", names(&mut d, "tags"));
            d.skip(&["virtual_machine"]);
            if custom_fields(&mut d, report).is_some() {
                report.add(
                    "virtualization.virtualdisk",
                    "custom field values (virtual disks have none in netsot)",
                );
            }
            entries.push(entry.into_value());
            d.finish(report);
        }
        out.list("virtual_disks", entries);
        repo.add(
            FILE,
            "virtual_machines",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}
