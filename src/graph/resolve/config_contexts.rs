//! Config contexts: the scopes of every context (regions, sites, locations, device types,
//! roles, platforms, clusters, tenants, tags...) resolved to indexes; locations are named
//! `SITE/NAME` or by a bare name that must be unique.
//!
//! Reports: NS0301 (unresolved-reference) and NS0302 (ambiguous-reference).

use super::{Builder, SiteWhich, Which};
use crate::graph::*;
use crate::model::Text;

impl Builder<'_> {
    /// Resolves the scopes of every config context. Locations are named `SITE/NAME` or by
    /// a bare name that must be unique.
    pub(super) fn resolve_config_contexts(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut nodes = Vec::with_capacity(model.config_contexts.len());
        for o in &model.config_contexts {
            let d = &o.data;
            let f = o.file;
            let list = |this: &mut Self, refs: &[Text], which: Which| {
                refs.iter()
                    .filter_map(|r| this.resolve(which, r, f))
                    .collect::<Vec<u32>>()
            };
            let regions = list(self, &d.regions, Which::Regions);
            let site_groups = list(self, &d.site_groups, Which::SiteGroups);
            let sites = list(self, &d.sites, Which::Sites);
            let roles = list(self, &d.roles, Which::DeviceRoles);
            let platforms = list(self, &d.platforms, Which::Platforms);
            let cluster_types = list(self, &d.cluster_types, Which::ClusterTypes);
            let clusters = list(self, &d.clusters, Which::Clusters);
            let tenant_groups = list(self, &d.tenant_groups, Which::TenantGroups);
            let tenants = list(self, &d.tenants, Which::Tenants);
            let tags = self.resolve_tags(&d.tags, f);
            let locations = d
                .locations
                .iter()
                .filter_map(|r| self.resolve_in_site(SiteWhich::Locations, None, r, f))
                .collect();
            let device_types = d
                .device_types
                .iter()
                .filter_map(|r| self.resolve_device_type(r, f, &model))
                .collect();
            nodes.push(ConfigContextNode {
                regions,
                site_groups,
                sites,
                locations,
                device_types,
                roles,
                platforms,
                cluster_types,
                clusters,
                tenant_groups,
                tenants,
                tags,
            });
        }
        self.graph.config_contexts = nodes;
    }
}
