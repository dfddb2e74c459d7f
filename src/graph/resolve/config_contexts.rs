//! Config contexts: their profile and the scopes of every context (regions, sites, locations, device types,
//! roles, platforms, clusters, tenants, tags...) resolved to indexes; locations are named
//! `SITE/NAME` or by a bare name that must be unique.
//!
//! Reports: NS0301 (unresolved-reference) and NS0302 (ambiguous-reference).

use super::{which, Builder};
use crate::graph::*;

impl Builder<'_> {
    /// Resolves the scopes of every config context. Locations are named `SITE/NAME` or by
    /// a bare name that must be unique.
    pub(super) fn resolve_config_contexts(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.config_context_profiles {
            let on = tagged!("extras.configcontextprofile");
            self.resolve_tags(&o.data.tags, o.file, on);
        }
        let mut nodes = Vec::with_capacity(model.config_contexts.len());
        for o in &model.config_contexts {
            let d = &o.data;
            let f = o.file;
            let profile = self.resolve_opt(which::CONFIG_CONTEXT_PROFILES, d.profile.as_ref(), f);
            let regions = self.resolve_all(which::REGIONS, &d.regions, f);
            let site_groups = self.resolve_all(which::SITE_GROUPS, &d.site_groups, f);
            let sites = self.resolve_all(which::SITES, &d.sites, f);
            let roles = self.resolve_all(which::DEVICE_ROLES, &d.roles, f);
            let platforms = self.resolve_all(which::PLATFORMS, &d.platforms, f);
            let cluster_types = self.resolve_all(which::CLUSTER_TYPES, &d.cluster_types, f);
            let clusters = self.resolve_all(which::CLUSTERS, &d.clusters, f);
            let tenant_groups = self.resolve_all(which::TENANT_GROUPS, &d.tenant_groups, f);
            let tenants = self.resolve_all(which::TENANTS, &d.tenants, f);
            let tags = self.resolve_all(which::TAGS, &d.tags, f);
            let locations = d
                .locations
                .iter()
                .filter_map(|r| self.resolve_in_site(which::LOCATIONS, None, r, f))
                .collect();
            let device_types = d
                .device_types
                .iter()
                .filter_map(|r| self.resolve_device_type(r, f, &model))
                .collect();
            nodes.push(ConfigContextNode {
                profile,
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
