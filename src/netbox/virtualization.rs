//! Virtualization: cluster types and groups, clusters, virtual machines with their
//! interfaces and primary addresses. Keys: names; a VM interface's `VM:NAME`.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, named, slug, string, Desired};
use crate::graph::{Graph, Owner, VirtualMachineId};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    let ix = &graph.indexes;
    for (kind, list) in [
        (
            Kind::ClusterTypes,
            model
                .cluster_types
                .iter()
                .map(|o| {
                    (
                        o.location(),
                        &o.data.name,
                        o.data.slug.as_ref(),
                        o.data.description.as_deref(),
                    )
                })
                .collect::<Vec<_>>(),
        ),
        (
            Kind::ClusterGroups,
            model
                .cluster_groups
                .iter()
                .map(|o| {
                    (
                        o.location(),
                        &o.data.name,
                        o.data.slug.as_ref(),
                        o.data.description.as_deref(),
                    )
                })
                .collect(),
        ),
    ] {
        for (location, name, given_slug, description) in list {
            let mut d = Desired::new(kind, name.value.clone(), None, location);
            d.value("name", name.value.as_str())
                .value("slug", slug(given_slug, name))
                .text("description", description);
            out.push(d);
        }
    }
    for (index, object) in model.clusters.iter().enumerate() {
        let c = &object.data;
        let node = &graph.clusters[index];
        let site = super::dcim::site_name(graph, node.site);
        let mut d = Desired::new(
            Kind::Clusters,
            c.name.value.clone(),
            site.clone(),
            object.location(),
        );
        d.value("name", c.name.value.as_str())
            .reference(
                "type",
                Kind::ClusterTypes,
                node.kind
                    .map(|k| model.cluster_types[k.index()].data.name.value.clone()),
                Some(object.at(&c.kind)),
            )
            .reference(
                "group",
                Kind::ClusterGroups,
                node.group
                    .map(|g| model.cluster_groups[g.index()].data.name.value.clone()),
                at(object, c.group.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                node.tenant
                    .map(|t| model.tenants[t.index()].data.name.value.clone()),
                at(object, c.tenant.as_ref()),
            )
            .value(
                "status",
                c.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .text("description", c.description.as_deref())
            .tags(&c.tags);
        let written = crate::model::scope::first(&c.scope_refs()).map(|(_, t)| t);
        d.fields.push(super::scope::scope_field(
            graph,
            node.scope,
            at(object, written),
        ));
        out.push(d);
    }
    for (index, object) in model.virtual_machines.iter().enumerate() {
        let v = &object.data;
        let node = &graph.virtual_machines[index];
        let site = super::dcim::site_name(graph, node.site);
        let key = v.name.value.clone();
        let mut d = Desired::new(
            Kind::VirtualMachines,
            key.clone(),
            site.clone(),
            object.location(),
        );
        d.value("name", v.name.value.as_str())
            .value(
                "status",
                v.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "site",
                Kind::Sites,
                site.clone(),
                at(object, v.site.as_ref()),
            )
            .reference(
                "cluster",
                Kind::Clusters,
                node.cluster
                    .map(|c| model.clusters[c.index()].data.name.value.clone()),
                at(object, v.cluster.as_ref()),
            )
            .reference(
                "device",
                Kind::Devices,
                node.device.map(|d| super::dcim::device_key(graph, d)),
                at(object, v.device.as_ref()),
            )
            .reference(
                "role",
                Kind::DeviceRoles,
                node.role
                    .map(|r| model.device_roles[r.index()].data.name.value.clone()),
                at(object, v.role.as_ref()),
            )
            .reference(
                "platform",
                Kind::Platforms,
                node.platform
                    .map(|p| model.platforms[p.index()].data.name.value.clone()),
                at(object, v.platform.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                named(&ix.tenants, &model.tenants, |t| &t.name, v.tenant.as_ref()),
                at(object, v.tenant.as_ref()),
            )
            .value("vcpus", v.vcpus.as_ref().map(|c| c.value))
            .value("memory", v.memory)
            .value("disk", v.disk_size())
            .text("description", v.description.as_deref())
            .text("comments", v.comments.as_deref())
            .value(
                "local_context_data",
                v.config_context.as_ref().map(|c| c.value.clone()),
            )
            .tags(&v.tags)
            .custom_fields(&defs, "virtualization.virtualmachine", &v.custom_fields);
        out.push(d);
        let owner = Owner::VirtualMachine(VirtualMachineId::from_index(index));
        for interface in graph.owner_interfaces(owner) {
            out.push(super::dcim::interface_desired(
                graph,
                &defs,
                interface,
                Kind::VmInterfaces,
                &key,
                site.clone(),
            ));
        }
        for disk in &v.virtual_disks {
            let disk = &disk.value;
            let mut d = Desired::new(
                Kind::VirtualDisks,
                format!("{key}:{}", disk.name.value),
                site.clone(),
                object.at(&disk.name),
            );
            d.reference(
                "virtual_machine",
                Kind::VirtualMachines,
                Some(key.clone()),
                None,
            )
            .value("name", disk.name.value.as_str())
            .value_at("size", disk.size.value, object.at(&disk.size))
            .text("description", disk.description.as_deref())
            .tags(&disk.tags);
            out.push(d);
        }
        let mut primary = Desired::new(Kind::VmPrimaryIps, key, site, object.location());
        primary
            .address(
                graph,
                "primary_ip4",
                node.primary_ip4,
                at(object, v.primary_ip4.as_ref()),
            )
            .address(
                graph,
                "primary_ip6",
                node.primary_ip6,
                at(object, v.primary_ip6.as_ref()),
            );
        out.push(primary);
    }
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    let name = string(json, "name");
    Some(match kind {
        Kind::ClusterTypes | Kind::ClusterGroups => (name.map(str::to_string), None),
        Kind::Clusters => {
            let site = super::scope::remote_scope_site(json, state);
            (name.map(str::to_string), site)
        }
        Kind::VirtualMachines | Kind::VmPrimaryIps => (
            name.map(str::to_string),
            state.ref_key(Kind::Sites, json.get("site")),
        ),
        Kind::VmInterfaces | Kind::VirtualDisks => {
            let vm = state.ref_object(Kind::VirtualMachines, json.get("virtual_machine"));
            (
                vm.and_then(|v| v.key.clone())
                    .zip(name)
                    .map(|(v, n)| format!("{v}:{n}")),
                vm.and_then(|v| v.site.clone()),
            )
        }
        _ => return None,
    })
}
