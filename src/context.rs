//! Config contexts with NetBox's semantics.
//!
//! A context applies to a device or virtual machine when it is active and every one of its
//! non-empty scope lists holds the object's value (regions, site groups, tenant groups and
//! locations match through their ancestors, as in NetBox). The contexts that apply are
//! merged in order of weight, then name; objects merge key by key, any other value is
//! replaced. The object's own `config_context` merges last.

use serde_json::{Map, Value};

use crate::graph::{
    ClusterId, ClusterTypeId, ConfigContextId, DeviceRoleId, DeviceTypeId, Graph, LocationId,
    Owner, PlatformId, RegionId, SiteGroupId, SiteId, TagId, TenantGroupId, TenantId,
};

/// What a config context is matched against: the object's relations.
#[derive(Debug, Default)]
struct Facts {
    regions: Vec<RegionId>,
    site_groups: Vec<SiteGroupId>,
    site: Option<SiteId>,
    locations: Vec<LocationId>,
    device_type: Option<DeviceTypeId>,
    role: Option<DeviceRoleId>,
    platform: Option<PlatformId>,
    cluster_type: Option<ClusterTypeId>,
    cluster: Option<ClusterId>,
    tenant_groups: Vec<TenantGroupId>,
    tenant: Option<TenantId>,
    tags: Vec<TagId>,
}

/// The merged context of one object.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub data: Value,
    /// The names of the contexts merged, in merge order; `local` for the object's own.
    pub sources: Vec<String>,
}

/// The active contexts of a graph in merge order, computed once per compilation.
pub struct Contexts<'g> {
    graph: &'g Graph,
    order: Vec<ConfigContextId>,
    /// The parent of each location, once, for the ancestors of every device's location.
    location_parents: Vec<Option<LocationId>>,
}

impl<'g> Contexts<'g> {
    pub fn new(graph: &'g Graph) -> Contexts<'g> {
        let model = &graph.model;
        let mut order: Vec<ConfigContextId> = ConfigContextId::all(model.config_contexts.len())
            .filter(|&i| model.config_contexts[i.index()].data.is_active)
            .collect();
        order.sort_by(|&a, &b| {
            let a = &model.config_contexts[a.index()].data;
            let b = &model.config_contexts[b.index()].data;
            (a.weight.unwrap_or(1000), &a.name.value)
                .cmp(&(b.weight.unwrap_or(1000), &b.name.value))
        });
        Contexts {
            graph,
            order,
            location_parents: graph.locations.iter().map(|l| l.parent).collect(),
        }
    }

    /// The merged context of a device or virtual machine.
    pub fn merged(&self, owner: Owner) -> Merged {
        let facts = self.facts(owner);
        let mut data = Value::Object(Map::new());
        let mut sources = Vec::new();
        for &i in &self.order {
            let scope = &self.graph.config_contexts[i.index()];
            let matches = within(&scope.regions, &facts.regions)
                && within(&scope.site_groups, &facts.site_groups)
                && within(&scope.sites, facts.site.as_slice())
                && within(&scope.locations, &facts.locations)
                && within(&scope.device_types, facts.device_type.as_slice())
                && within(&scope.roles, facts.role.as_slice())
                && within(&scope.platforms, facts.platform.as_slice())
                && within(&scope.cluster_types, facts.cluster_type.as_slice())
                && within(&scope.clusters, facts.cluster.as_slice())
                && within(&scope.tenant_groups, &facts.tenant_groups)
                && within(&scope.tenants, facts.tenant.as_slice())
                && within(&scope.tags, &facts.tags);
            if matches {
                let context = &self.graph.model.config_contexts[i.index()].data;
                deep_merge(&mut data, &context.data.value);
                sources.push(context.name.value.clone());
            }
        }
        let local = match owner {
            Owner::Device(d) => self.graph.model.devices[d.index()]
                .data
                .config_context
                .as_ref(),
            Owner::VirtualMachine(v) => self.graph.model.virtual_machines[v.index()]
                .data
                .config_context
                .as_ref(),
        };
        if let Some(local) = local {
            deep_merge(&mut data, &local.value);
            sources.push("local".to_string());
        }
        Merged { data, sources }
    }

    fn facts(&self, owner: Owner) -> Facts {
        let g = self.graph;
        let mut facts = match owner {
            Owner::Device(d) => {
                let node = &g.devices[d.index()];
                Facts {
                    site: node.site,
                    locations: Graph::ancestors(&self.location_parents, node.location),
                    device_type: node.device_type,
                    role: node.role,
                    platform: node.platform,
                    cluster: node.cluster,
                    tenant: node.tenant,
                    tags: node.tags.clone(),
                    ..Facts::default()
                }
            }
            Owner::VirtualMachine(v) => {
                let node = &g.virtual_machines[v.index()];
                Facts {
                    site: node.site,
                    role: node.role,
                    platform: node.platform,
                    cluster: node.cluster,
                    tenant: node.tenant,
                    tags: node.tags.clone(),
                    ..Facts::default()
                }
            }
        };
        if let Some(site) = facts.site.and_then(|s| g.sites.get(s.index())) {
            facts.regions = Graph::ancestors(&g.region_parents, site.region);
            facts.site_groups = Graph::ancestors(&g.site_group_parents, site.group);
        }
        if let Some(cluster) = facts.cluster.and_then(|c| g.clusters.get(c.index())) {
            facts.cluster_type = cluster.kind;
        }
        if let Some(tenant) = facts.tenant {
            let group = g.tenant_groups.get(tenant.index()).copied().flatten();
            facts.tenant_groups = Graph::ancestors(&g.tenant_group_parents, group);
        }
        facts
    }
}

/// An empty scope matches everything; otherwise one of the object's values must be in it.
fn within<K: PartialEq>(scope: &[K], values: &[K]) -> bool {
    scope.is_empty() || values.iter().any(|v| scope.contains(v))
}

/// Merges `overlay` into `base`: objects key by key, recursively; anything else replaced.
pub fn deep_merge(base: &mut Value, overlay: &Value) {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                match base.get_mut(key) {
                    Some(existing) => deep_merge(existing, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, overlay) => *base = overlay.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deep_merge_merges_objects_and_replaces_the_rest() {
        let mut base = json!({"a": {"x": 1, "y": [1, 2]}, "b": 1});
        deep_merge(&mut base, &json!({"a": {"y": [3], "z": true}, "c": "new"}));
        assert_eq!(
            base,
            json!({"a": {"x": 1, "y": [3], "z": true}, "b": 1, "c": "new"})
        );
    }

    #[test]
    fn ancestors_stop_at_cycles() {
        let region = RegionId::new;
        let parents = vec![Some(region(1)), Some(region(0)), None];
        assert_eq!(
            Graph::ancestors(&parents, Some(region(0))),
            vec![region(0), region(1)]
        );
        assert_eq!(Graph::ancestors(&parents, Some(region(2))), vec![region(2)]);
        assert_eq!(Graph::ancestors(&parents, None), Vec::<RegionId>::new());
    }
}
