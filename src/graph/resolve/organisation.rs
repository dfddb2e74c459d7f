//! The organisation family: tenants and tenant groups, regions, site groups, sites and
//! locations (with the per-site index of locations). The parent tables of regions, site
//! groups and tenant groups are cut at cycles.
//!
//! Reports: NS0301 (unresolved-reference), NS0304 (cross-site-reference), NS0308
//! (parent-cycle) and NS0201 (duplicate-object: a location named or slugged twice in its site
//! and parent; a region, site group or tenant named, or slugged, twice in its scope).

use super::scoped::Keyed;
use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::index::SiteIndex;
use crate::graph::*;
use crate::model::Text;

impl Builder<'_> {
    pub(super) fn resolve_organisation(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.tenants {
            self.resolve_opt(which::TENANT_GROUPS, o.data.group.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("tenancy.tenant"));
        }
        let tenant_groups: Vec<Option<TenantGroupId>> = model
            .tenants
            .iter()
            .map(|o| {
                o.data
                    .group
                    .as_ref()
                    .and_then(|g| self.graph.indexes.tenant_groups.get(&g.value))
            })
            .collect();
        self.graph.tenant_groups = tenant_groups;
        let tenant_group_parents: Vec<Option<TenantGroupId>> = model
            .tenant_groups
            .iter()
            .map(|o| self.resolve_opt(which::TENANT_GROUPS, o.data.parent.as_ref(), o.file))
            .collect();
        self.report_cycles("tenant group", &tenant_group_parents, |i| {
            model.tenant_groups[i].at(&model.tenant_groups[i].data.name)
        });
        let region_parents: Vec<Option<RegionId>> = model
            .regions
            .iter()
            .map(|o| {
                self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.region"));
                self.resolve_opt(which::REGIONS, o.data.parent.as_ref(), o.file)
            })
            .collect();
        self.report_cycles("region", &region_parents, |i| {
            model.regions[i].at(&model.regions[i].data.name)
        });
        let role_parents: Vec<Option<DeviceRoleId>> = model
            .device_roles
            .iter()
            .map(|o| self.resolve_opt(which::DEVICE_ROLES, o.data.parent.as_ref(), o.file))
            .collect();
        self.report_cycles("device role", &role_parents, |i| {
            model.device_roles[i].at(&model.device_roles[i].data.name)
        });
        self.graph.device_role_parents = role_parents;
        let group_parents: Vec<Option<SiteGroupId>> = model
            .site_groups
            .iter()
            .map(|o| self.resolve_opt(which::SITE_GROUPS, o.data.parent.as_ref(), o.file))
            .collect();
        self.report_cycles("site group", &group_parents, |i| {
            model.site_groups[i].at(&model.site_groups[i].data.name)
        });
        // Names and slugs unique per parent (`dcim/models/sites.py`: `dcim_region_parent_name`,
        // `dcim_region_name` and the same for slugs and site groups) and tenants per group
        // (`tenancy/models/tenants.py`: `tenancy_tenant_unique_group_name`, ...).
        self.report_scoped_duplicates(
            &model.regions,
            "region",
            false,
            |i, d| {
                scoped(
                    region_parents[i],
                    d.parent.as_ref(),
                    &d.name,
                    d.slug.as_ref(),
                )
            },
            |p| {
                parent_label(
                    "parent region",
                    p.map(|p| &model.regions[p.index()].data.name),
                )
            },
        );
        self.report_scoped_duplicates(
            &model.site_groups,
            "site group",
            false,
            |i, d| {
                scoped(
                    group_parents[i],
                    d.parent.as_ref(),
                    &d.name,
                    d.slug.as_ref(),
                )
            },
            |p| {
                parent_label(
                    "parent group",
                    p.map(|p| &model.site_groups[p.index()].data.name),
                )
            },
        );
        self.report_scoped_duplicates(
            &model.tenants,
            "tenant",
            false,
            |i, d| {
                scoped(
                    self.graph.tenant_groups[i],
                    d.group.as_ref(),
                    &d.name,
                    d.slug.as_ref(),
                )
            },
            |g| {
                parent_label(
                    "group",
                    g.map(|g| &model.tenant_groups[g.index()].data.name),
                )
            },
        );
        self.graph.tenant_group_parents = tenant_group_parents;
        self.graph.region_parents = region_parents;
        self.graph.site_group_parents = group_parents;

        self.graph.sites = model
            .sites
            .iter()
            .map(|o| {
                self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.site"));
                SiteNode {
                    region: self.resolve_opt(which::REGIONS, o.data.region.as_ref(), o.file),
                    group: self.resolve_opt(which::SITE_GROUPS, o.data.group.as_ref(), o.file),
                    tenant: self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file),
                }
            })
            .collect();

        // NetBox holds a location's name once per (site, parent): a site may hold a name
        // twice under two parents, so the index keeps every holder (a reference to such a
        // name is ambiguous) and duplicates are reported below, once parents are known.
        let mut locations = SiteIndex::default();
        let mut nodes = Vec::with_capacity(model.locations.len());
        for (i, o) in model.locations.iter().enumerate() {
            let site = self.resolve(which::SITES, &o.data.site, o.file);
            locations.insert_shared(site, &o.data.name.value, LocationId::from_index(i));
            self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.location"));
            nodes.push(LocationNode { site, parent: None });
        }
        self.graph.indexes.locations = locations;
        drop(model);
        let model = std::sync::Arc::clone(&self.graph.model);
        for (i, o) in model.locations.iter().enumerate() {
            let site = nodes[i].site;
            let parent = o.data.parent.as_ref().and_then(|p| {
                let found = self.resolve_in_site(which::LOCATIONS, site, p, o.file)?;
                if nodes[found.index()].site != site {
                    self.push(
                        Diagnostic::new(
                            &codes::CROSS_SITE_REFERENCE,
                            format!("parent location `{}` is in another site", p.value),
                        )
                        .at(o.at(p)),
                    );
                }
                Some(found)
            });
            nodes[i].parent = parent;
        }
        // `dcim_location_parent_name`, `dcim_location_name`, `dcim_location_parent_slug` and
        // `dcim_location_slug` (the last of each pair for top-level locations): names and
        // slugs per site and parent.
        self.report_scoped_duplicates(
            &model.locations,
            "location",
            false,
            |i, d| {
                let node = &nodes[i];
                let unresolved =
                    node.site.is_none() || (d.parent.is_some() && node.parent.is_none());
                (!unresolved).then_some(Keyed {
                    scope: (node.site, node.parent),
                    name: Some(&d.name),
                    slug: d.slug.as_ref(),
                })
            },
            |(site, parent)| {
                let site = site.map_or("", |s| model.sites[s.index()].data.name.value.as_str());
                let parent = parent_label(
                    "parent",
                    parent.map(|p| &model.locations[p.index()].data.name),
                );
                format!("in site `{site}` {parent}")
            },
        );
        let parents: Vec<Option<LocationId>> = nodes.iter().map(|n| n.parent).collect();
        self.report_cycles("location", &parents, |i| {
            model.locations[i].at(&model.locations[i].data.name)
        });
        self.graph.locations = nodes;
        drop(model);
    }

    /// Reports every object whose parent chain returns to itself, once per cycle.
    pub(super) fn report_cycles<T>(
        &self,
        kind: &str,
        parents: &[Option<Id<T>>],
        location: impl Fn(usize) -> Location,
    ) {
        // 0 unvisited, 1 on the current path, 2 done.
        let mut state = vec![0u8; parents.len()];
        for start in 0..parents.len() {
            let mut path = Vec::new();
            let mut current = Some(Id::<T>::from_index(start));
            while let Some(node) = current {
                match state[node.index()] {
                    2 => break,
                    1 => {
                        let cycle_start = path.iter().position(|&p| p == node).unwrap_or(0);
                        let members = &path[cycle_start..];
                        let first = members.iter().min().unwrap_or(&node).index();
                        let mut diagnostic = Diagnostic::new(
                            &codes::PARENT_CYCLE,
                            format!("the {kind} parents form a cycle"),
                        )
                        .at(location(first));
                        for &member in members.iter().filter(|&&m| m.index() != first) {
                            diagnostic = diagnostic
                                .with_secondary(location(member.index()), "part of the cycle");
                        }
                        self.push(diagnostic);
                        break;
                    }
                    _ => {
                        state[node.index()] = 1;
                        path.push(node);
                        current = parents[node.index()];
                    }
                }
            }
            for node in path {
                state[node.index()] = 2;
            }
        }
    }
}

/// The scope key of an object whose scope is `resolved` from the reference `written`:
/// `None` (left out) when the reference did not resolve, as it was reported.
pub(super) fn scoped<'a, S>(
    resolved: Option<S>,
    written: Option<&Text>,
    name: &'a Text,
    slug: Option<&'a Text>,
) -> Option<Keyed<'a, Option<S>>> {
    if written.is_some() && resolved.is_none() {
        return None;
    }
    Some(Keyed {
        scope: resolved,
        name: Some(name),
        slug,
    })
}

/// "in parent region `Europe`", or "at the top level" without one.
pub(super) fn parent_label(what: &str, parent: Option<&Text>) -> String {
    match parent {
        Some(parent) => format!("in {what} `{}`", parent.value),
        None => format!("without a {what}"),
    }
}
