//! Extras: config context profiles, and config contexts with their profile and assignment
//! criteria (NetBox 4.4's `extras/models/configs.py`). Key: the name, which NetBox keeps
//! unique for both.
//!
//! Every criterion is a list of the objects it names, by key; tags by slug, as NetBox's
//! API takes them for config contexts (a `SlugRelatedField`, not ids).

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{in_site, string, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for object in &model.config_context_profiles {
        let p = &object.data;
        let mut d = Desired::new(
            Kind::ConfigContextProfiles,
            p.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", p.name.value.as_str())
            .text("description", p.description.as_deref())
            .value(
                "schema",
                p.schema.as_ref().map_or(Value::Null, |s| s.value.clone()),
            )
            .tags(&p.tags)
            .text("comments", p.comments.as_deref());
        out.push(d);
    }
    for (index, object) in model.config_contexts.iter().enumerate() {
        let c = &object.data;
        let node = &graph.config_contexts[index];
        let mut d = Desired::new(
            Kind::ConfigContexts,
            c.name.value.clone(),
            None,
            object.location(),
        );
        let profile = node.profile.map(|p| {
            model.config_context_profiles[p.index()]
                .data
                .name
                .value
                .clone()
        });
        d.value("name", c.name.value.as_str())
            .reference(
                "profile",
                Kind::ConfigContextProfiles,
                profile,
                c.profile.as_ref().map(|p| object.at(p)),
            )
            .value("weight", c.weight.unwrap_or(1000))
            .text("description", c.description.as_deref())
            .value("is_active", c.is_active)
            .references(
                "regions",
                Kind::Regions,
                node.regions
                    .iter()
                    .map(|r| model.regions[r.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "site_groups",
                Kind::SiteGroups,
                node.site_groups
                    .iter()
                    .map(|g| model.site_groups[g.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "sites",
                Kind::Sites,
                node.sites
                    .iter()
                    .map(|s| model.sites[s.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "locations",
                Kind::Locations,
                node.locations
                    .iter()
                    .map(|l| {
                        let site = super::dcim::site_name(graph, graph.locations[l.index()].site);
                        in_site(site.as_deref(), &model.locations[l.index()].data.name)
                    })
                    .collect(),
            )
            .references(
                "device_types",
                Kind::DeviceTypes,
                node.device_types
                    .iter()
                    .map(|t| super::dcim::device_type_key(graph, *t))
                    .collect(),
            )
            .references(
                "roles",
                Kind::DeviceRoles,
                node.roles
                    .iter()
                    .map(|r| model.device_roles[r.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "platforms",
                Kind::Platforms,
                node.platforms
                    .iter()
                    .map(|p| model.platforms[p.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "cluster_types",
                Kind::ClusterTypes,
                node.cluster_types
                    .iter()
                    .map(|t| model.cluster_types[t.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "clusters",
                Kind::Clusters,
                node.clusters
                    .iter()
                    .map(|k| model.clusters[k.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "tenant_groups",
                Kind::TenantGroups,
                node.tenant_groups
                    .iter()
                    .map(|g| model.tenant_groups[g.index()].data.name.value.clone())
                    .collect(),
            )
            .references(
                "tenants",
                Kind::Tenants,
                node.tenants
                    .iter()
                    .map(|t| model.tenants[t.index()].data.name.value.clone())
                    .collect(),
            );
        let mut slugs: Vec<String> = node
            .tags
            .iter()
            .map(|t| {
                let tag = &model.tags[t.index()].data;
                super::slug(tag.slug.as_ref(), &tag.name)
            })
            .collect();
        slugs.sort();
        d.value("tags", slugs).value("data", c.data.value.clone());
        out.push(d);
    }
}

/// The key of a NetBox config context, profile, custom field or choice set: its name.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    _state: &State,
) -> Option<(Option<String>, Option<String>)> {
    use Kind::*;
    matches!(
        kind,
        ConfigContexts | ConfigContextProfiles | CustomFields | CustomFieldChoiceSets
    )
    .then(|| (string(json, "name").map(str::to_string), None))
}
