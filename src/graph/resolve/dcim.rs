//! The DCIM family: racks, devices (their type, role, platform, rack and site), clusters,
//! virtual machines (with their host device), virtual chassis (with their master), and the
//! per-site indexes of racks and devices. Devices resolve on
//! all threads; their site index is filled after, in order.
//!
//! Reports: NS0301 (unresolved-reference, device types also by bare model),
//! NS0304 (cross-site-reference) and NS0201 (duplicate-object; platforms per manufacturer,
//! clusters per group and site, VMs per cluster and tenant); devices are indexed by
//! `device_names.rs`.

use super::organisation::parent_label;
use super::scoped::Keyed;
use super::{which, Builder};
use crate::diag::{codes, suggestion_help, Diagnostic, Location};
use crate::graph::index::{duplicate, SiteIndex};
use crate::graph::*;
use crate::model::Text;
use rayon::prelude::*;

impl Builder<'_> {
    pub(super) fn resolve_dcim(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let timings = self.timings;
        let mut step = timings.steps("resolve/dcim");
        for o in &model.platforms {
            if let Some(manufacturer) = &o.data.manufacturer {
                if self
                    .graph
                    .indexes
                    .manufacturers
                    .get(&manufacturer.value)
                    .is_none()
                    && !model
                        .device_types
                        .iter()
                        .any(|t| t.data.manufacturer.value == manufacturer.value)
                {
                    self.resolve(which::MANUFACTURERS, manufacturer, o.file);
                }
            }
        }
        // `dcim_platform_manufacturer_name`, `dcim_platform_name` (no manufacturer) and the
        // same for slugs: the manufacturer as written, as a platform may name one that only
        // device types define.
        self.report_scoped_duplicates(
            &model.platforms,
            "platform",
            false,
            |_, d| {
                Some(Keyed {
                    scope: d.manufacturer.as_ref().map(|m| m.value.as_str()),
                    name: Some(&d.name),
                    slug: d.slug.as_ref(),
                })
            },
            |m| match m {
                Some(m) => format!("of manufacturer `{m}`"),
                None => "without a manufacturer".to_string(),
            },
        );
        // Racks are unique within their site.
        let mut racks = SiteIndex::with_capacity(model.racks.len());
        let mut rack_nodes = Vec::with_capacity(model.racks.len());
        for (i, o) in model.racks.iter().enumerate() {
            let site = self.resolve(which::SITES, &o.data.site, o.file);
            if let Some(first) = racks.insert(site, &o.data.name.value, RackId::from_index(i)) {
                let first = &model.racks[first.index()];
                self.push(duplicate(
                    "rack",
                    &o.data.name.value,
                    o.at(&o.data.name),
                    first.at(&first.data.name),
                ));
            }
            let location = o.data.location.as_ref().and_then(|l| {
                let found = self.resolve_in_site(which::LOCATIONS, site, l, o.file)?;
                if site.is_some() && self.graph.locations[found.index()].site != site {
                    self.push(
                        Diagnostic::new(
                            &codes::CROSS_SITE_REFERENCE,
                            format!(
                                "location `{}` is not in the rack's site `{}`",
                                l.value, o.data.site.value
                            ),
                        )
                        .at(o.at(l)),
                    );
                }
                Some(found)
            });
            self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.rack"));
            rack_nodes.push(RackNode {
                site,
                location,
                ..RackNode::default()
            });
        }
        self.graph.racks = rack_nodes;
        self.graph.indexes.racks = racks;

        step.done("racks");
        // A device's references are independent lookups, on all threads.
        let device_nodes: Vec<DeviceNode> = model
            .devices
            .par_iter()
            .map(|o| {
                let data = &o.data;
                let site = self.resolve(which::SITES, &data.site, o.file);
                let rack = data.rack.as_ref().and_then(|r| {
                    let found = self.resolve_in_site(which::RACKS, site, r, o.file)?;
                    let rack_site = self.graph.racks[found.index()].site;
                    if site.is_some() && rack_site.is_some() && rack_site != site {
                        self.push(
                            Diagnostic::new(
                                &codes::CROSS_SITE_REFERENCE,
                                format!(
                                    "rack `{}` is in site `{}`, not in the device's site `{}`",
                                    r.value,
                                    model.racks[found.index()].data.site.value,
                                    data.site.value
                                ),
                            )
                            .at(o.at(r)),
                        );
                    }
                    Some(found)
                });
                let location = data.location.as_ref().and_then(|l| {
                    let found = self.resolve_in_site(which::LOCATIONS, site, l, o.file)?;
                    if site.is_some() && self.graph.locations[found.index()].site != site {
                        self.push(
                            Diagnostic::new(
                                &codes::CROSS_SITE_REFERENCE,
                                format!("location `{}` is not in the device's site", l.value),
                            )
                            .at(o.at(l)),
                        );
                    }
                    Some(found)
                });
                let device_type = self.resolve_device_type(&data.device_type, o.file, &model);
                let node = DeviceNode {
                    site,
                    location,
                    rack,
                    device_type,
                    role: self.resolve(which::DEVICE_ROLES, &data.role, o.file),
                    platform: self.resolve_opt(which::PLATFORMS, data.platform.as_ref(), o.file),
                    tenant: self.resolve_opt(which::TENANTS, data.tenant.as_ref(), o.file),
                    cluster: data.cluster.as_ref().and_then(|c| {
                        self.resolve_near(which::CLUSTERS, c, Some(&data.site), o.file)
                    }),
                    virtual_chassis: self.resolve_opt(
                        which::VIRTUAL_CHASSIS,
                        data.virtual_chassis.as_ref(),
                        o.file,
                    ),
                    tags: self.resolve_tags(&data.tags, o.file, tagged!("dcim.device")),
                    ..DeviceNode::default()
                };
                node
            })
            .collect();
        step.done("devices");
        self.graph.devices = device_nodes;
        self.index_devices(&model);

        step.done("device index");
        for o in &model.cluster_groups {
            let _ = o;
        }
        drop(model);
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.clusters {
            let kind = self.resolve(which::CLUSTER_TYPES, &o.data.kind, o.file);
            let group = self.resolve_opt(which::CLUSTER_GROUPS, o.data.group.as_ref(), o.file);
            let what = || format!("cluster `{}`", o.data.name.value);
            let scope = self.resolve_scope(&o.data.scope_refs(), what, o.file);
            let site = self.graph.scope_site(scope);
            let tenant = self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("virtualization.cluster"));
            self.graph.clusters.push(ClusterNode {
                kind,
                group,
                scope,
                site,
                tenant,
            });
        }
        self.report_cluster_duplicates(&model);
        step.done("clusters");
        let mut vm_nodes = Vec::with_capacity(model.virtual_machines.len());
        for o in &model.virtual_machines {
            let data = &o.data;
            let cluster = data
                .cluster
                .as_ref()
                .and_then(|c| self.resolve_near(which::CLUSTERS, c, data.site.as_ref(), o.file));
            let site = self
                .resolve_opt(which::SITES, data.site.as_ref(), o.file)
                .or_else(|| {
                    // NetBox's `VirtualMachine.save` takes the cluster's cached `_site`.
                    cluster.and_then(|c| self.graph.clusters[c.index()].site)
                });
            // The host is looked up from the VM's own site, the cluster's when it has none.
            let device = data
                .device
                .as_ref()
                .and_then(|d| self.resolve_in_site(which::DEVICES, site, d, o.file));
            vm_nodes.push(VirtualMachineNode {
                site,
                cluster,
                device,
                role: self.resolve_opt(which::DEVICE_ROLES, data.role.as_ref(), o.file),
                platform: self.resolve_opt(which::PLATFORMS, data.platform.as_ref(), o.file),
                tenant: self.resolve_opt(which::TENANTS, data.tenant.as_ref(), o.file),
                tags: self.resolve_tags(
                    &data.tags,
                    o.file,
                    tagged!("virtualization.virtualmachine"),
                ),
                ..VirtualMachineNode::default()
            });
            for disk in &data.virtual_disks {
                self.resolve_tags(
                    &disk.value.tags,
                    o.file,
                    tagged!("virtualization.virtualdisk"),
                );
            }
        }
        // `virtualization_virtualmachine_unique_name_cluster_tenant` and `..._unique_name_cluster`
        // (no tenant), both on `Lower('name')`.
        self.report_scoped_duplicates(
            &model.virtual_machines,
            "virtual machine",
            true,
            |i, d| {
                let node = &vm_nodes[i];
                let unresolved = (d.cluster.is_some() && node.cluster.is_none())
                    || (d.tenant.is_some() && node.tenant.is_none());
                (!unresolved).then_some(Keyed {
                    scope: (node.cluster, node.tenant),
                    name: Some(&d.name),
                    slug: None,
                })
            },
            |(cluster, tenant)| {
                let mut label = parent_label(
                    "cluster",
                    cluster.map(|c| &model.clusters[c.index()].data.name),
                );
                if let Some(t) = tenant {
                    label += &format!(" for tenant `{}`", model.tenants[t.index()].data.name.value);
                }
                label
            },
        );
        self.graph.virtual_machines = vm_nodes;
        step.done("virtual machines");
        let mut chassis = Vec::with_capacity(model.virtual_chassis.len());
        for o in &model.virtual_chassis {
            self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.virtualchassis"));
            let master = o
                .data
                .master
                .as_ref()
                .and_then(|m| self.resolve_in_site(which::DEVICES, None, m, o.file));
            chassis.push(VirtualChassisNode { master });
        }
        self.graph.virtual_chassis = chassis;
        drop(model);
    }

    /// Cluster names: unique per group (`virtualization_cluster_unique_group_name`) and per
    /// site (`virtualization_cluster_unique__site_name`); clusters with neither are unique
    /// among themselves (NetBox compares the nulls as distinct; see `scoped.rs`).
    fn report_cluster_duplicates(&self, model: &Model) {
        let clusters = &self.graph.clusters;
        fn keyed(
            scope: Option<u32>,
            d: &crate::model::virtualization::Cluster,
        ) -> Option<Keyed<'_, u32>> {
            scope.map(|scope| Keyed {
                scope,
                name: Some(&d.name),
                slug: None,
            })
        }
        self.report_scoped_duplicates(
            &model.clusters,
            "cluster",
            false,
            |i, d| keyed(clusters[i].group.map(ClusterGroupId::raw), d),
            |g| {
                format!(
                    "in group `{}`",
                    model.cluster_groups[g as usize].data.name.value
                )
            },
        );
        self.report_scoped_duplicates(
            &model.clusters,
            "cluster",
            false,
            |i, d| keyed(clusters[i].site.map(SiteId::raw), d),
            |s| format!("in site `{}`", model.sites[s as usize].data.name.value),
        );
        self.report_scoped_duplicates(
            &model.clusters,
            "cluster",
            false,
            |i, d| {
                keyed(
                    (d.group.is_none()
                        && clusters[i].scope.is_none()
                        && crate::model::scope::first(&d.scope_refs()).is_none())
                    .then_some(0),
                    d,
                )
            },
            |_| "without a group or scope".to_string(),
        );
    }

    pub(super) fn resolve_device_type(
        &self,
        reference: &Text,
        file: crate::diag::FileId,
        model: &Model,
    ) -> Option<DeviceTypeId> {
        if let Some(found) = self.graph.indexes.device_types.get(&reference.value) {
            return Some(found);
        }
        // A bare model name is accepted when exactly one type has it.
        if let Some(Some(index)) = self.types_by_model.get(&reference.value) {
            return Some(*index);
        }
        if self
            .graph
            .model
            .failed
            .contains(&("device_types", reference.value.clone()))
        {
            return None;
        }
        let keys: Vec<String> = model
            .device_types
            .iter()
            .map(|t| format!("{}/{}", t.data.manufacturer.value, t.data.model.value))
            .collect();
        let suggestions = self
            .suggestions
            .did_you_mean(&reference.value, keys.iter().map(String::as_str));
        let mut diagnostic = Diagnostic::new(
            &codes::UNRESOLVED_REFERENCE,
            format!("no device type `{}`", reference.value),
        )
        .at(Location::new(file, reference.span));
        diagnostic.help = suggestion_help(&suggestions).or_else(|| {
            Some("name a type as `Manufacturer/Model` or by its slug; types come from `device_types` in data files or the device-type folders of netsot.yaml".into())
        });
        self.push(diagnostic);
        None
    }
}
