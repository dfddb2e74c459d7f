//! Config contexts with NetBox's semantics.
//!
//! A context applies to a device or virtual machine when it is active and every one of its
//! non-empty scope lists holds the object's value (regions, site groups, tenant groups and
//! locations match through their ancestors, as in NetBox). The contexts that apply are
//! merged in order of weight, then name; objects merge key by key, any other value is
//! replaced. The object's own `config_context` merges last.

use serde_json::{Map, Value};

use crate::diag::{codes, Diagnostic, Location};
use crate::graph::{
    ClusterId, ClusterTypeId, ConfigContextId, DeviceRoleId, DeviceTypeId, Graph, LocationId,
    Owner, PlatformId, RegionId, SiteGroupId, SiteId, TagId, TenantGroupId, TenantId,
};
use crate::model::Model;

/// The values (scalars, lists and mappings) a config context's data may hold once its
/// aliases are expanded, at least; a context written out in full never comes near it,
/// since each value takes at least a byte of its file.
pub const CONTEXT_VALUES_FLOOR: usize = 65_536;
/// The values the merged contexts of all devices and virtual machines of a build may
/// hold together, at least: each object gets its own copy of what applies to it.
pub const MERGED_VALUES_FLOOR: u64 = 16 << 20;
/// Merged values allowed per byte of input, so large networks get room in proportion.
pub const MERGED_VALUES_PER_INPUT_BYTE: u64 = 8;

/// What a config context is matched against: the object's relations.
#[derive(Debug, Default)]
struct Facts {
    regions: Vec<RegionId>,
    site_groups: Vec<SiteGroupId>,
    site: Option<SiteId>,
    locations: Vec<LocationId>,
    device_type: Option<DeviceTypeId>,
    /// The object's role and its ancestors (`ConfigContextQuerySet.get_for_object`).
    roles: Vec<DeviceRoleId>,
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
    /// The values of each context's data, by position in `order`, for the build's budget.
    sizes: Vec<u64>,
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
        let sizes = order
            .iter()
            .map(|&i| value_count(&model.config_contexts[i.index()].data.data.value) as u64)
            .collect();
        Contexts {
            graph,
            order,
            sizes,
            location_parents: graph.locations.iter().map(|l| l.parent).collect(),
        }
    }

    /// The merged context of a device or virtual machine.
    pub fn merged(&self, owner: Owner) -> Merged {
        let mut data = Value::Object(Map::new());
        let mut sources = Vec::new();
        for (_, i) in self.applying(owner) {
            let context = &self.graph.model.config_contexts[i.index()].data;
            deep_merge(&mut data, &context.data.value);
            sources.push(context.name.value.clone());
        }
        if let Some(local) = self.local(owner) {
            deep_merge(&mut data, &local.value);
            sources.push("local".to_string());
        }
        Merged { data, sources }
    }

    /// The contexts that apply to an object, in merge order: (position in `order`, index).
    fn applying(&self, owner: Owner) -> impl Iterator<Item = (usize, ConfigContextId)> + '_ {
        let facts = self.facts(owner);
        self.order.iter().enumerate().filter_map(move |(at, &i)| {
            let scope = &self.graph.config_contexts[i.index()];
            let matches = within(&scope.regions, &facts.regions)
                && within(&scope.site_groups, &facts.site_groups)
                && within(&scope.sites, facts.site.as_slice())
                && within(&scope.locations, &facts.locations)
                && within(&scope.device_types, facts.device_type.as_slice())
                && within(&scope.roles, &facts.roles)
                && within(&scope.platforms, facts.platform.as_slice())
                && within(&scope.cluster_types, facts.cluster_type.as_slice())
                && within(&scope.clusters, facts.cluster.as_slice())
                && within(&scope.tenant_groups, &facts.tenant_groups)
                && within(&scope.tenants, facts.tenant.as_slice())
                && within(&scope.tags, &facts.tags);
            matches.then_some((at, i))
        })
    }

    /// The values every object's merged context may hold together, counted without
    /// merging (a merge holds at most the values of what it merges). Past `budget`, the
    /// context that contributes most is reported, whatever order the objects come in.
    pub fn over_budget(&self, budget: u64) -> Option<Diagnostic> {
        let graph = self.graph;
        let owners = || {
            crate::graph::Id::all(graph.devices.len())
                .map(Owner::Device)
                .chain(
                    crate::graph::Id::all(graph.virtual_machines.len()).map(Owner::VirtualMachine),
                )
        };
        // Every object merging every context is the most there can be: when even that
        // fits, matching each object against each context, one pass over them all on one
        // thread before any template renders, is not needed.
        let owner_count = (graph.devices.len() + graph.virtual_machines.len()) as u64;
        let most = self
            .sizes
            .iter()
            .sum::<u64>()
            .saturating_mul(owner_count)
            .saturating_add(
                owners()
                    .filter_map(|owner| self.local(owner))
                    .map(|local| value_count(&local.value) as u64)
                    .sum(),
            );
        if most <= budget {
            return None;
        }
        let mut total: u64 = 0;
        let mut shares = vec![0u64; self.order.len()];
        let mut locals: Vec<(u64, Owner)> = Vec::new();
        for owner in owners() {
            for (at, _) in self.applying(owner) {
                shares[at] += self.sizes[at];
                total += self.sizes[at];
            }
            if let Some(local) = self.local(owner) {
                let size = value_count(&local.value) as u64;
                total += size;
                locals.push((size, owner));
            }
        }
        if total <= budget {
            return None;
        }
        let model = &graph.model;
        let largest_shared = shares
            .iter()
            .enumerate()
            .max_by_key(|&(at, share)| (*share, std::cmp::Reverse(at)));
        let largest_local = locals
            .iter()
            .max_by_key(|(size, owner)| (*size, std::cmp::Reverse(*owner)));
        let shared_wins = match (largest_shared, largest_local) {
            (Some((_, share)), Some((size, _))) => share >= size,
            (shared, _) => shared.is_some(),
        };
        let (location, name) = match (largest_shared, largest_local) {
            (Some((at, _)), _) if shared_wins => {
                let context = &model.config_contexts[self.order[at].index()];
                (
                    Location::new(context.file, context.data.data.span),
                    format!("`{}`", context.data.name.value),
                )
            }
            (_, Some((_, owner))) => {
                let (file, span) = match *owner {
                    Owner::Device(d) => {
                        let device = &model.devices[d.index()];
                        (
                            device.file,
                            device.data.config_context.as_ref().map(|c| c.span),
                        )
                    }
                    Owner::VirtualMachine(v) => {
                        let vm = &model.virtual_machines[v.index()];
                        (vm.file, vm.data.config_context.as_ref().map(|c| c.span))
                    }
                };
                (
                    Location::new(file, span.unwrap_or_default()),
                    format!("the local context of `{}`", graph.owner_name(*owner)),
                )
            }
            _ => return None,
        };
        Some(
            Diagnostic::new(
                &codes::MERGED_CONTEXTS_TOO_LARGE,
                format!(
                    "the merged config contexts of all devices and virtual machines hold {total} values, more than the {budget} a build allows; {name} adds the most"
                ),
            )
            .at(location)
            .with_help("each object gets its own copy of every context that applies to it: scope large contexts to fewer objects, or move shared data out of them"),
        )
    }

    fn local(&self, owner: Owner) -> Option<&'g crate::model::Spanned<Value>> {
        match owner {
            Owner::Device(d) => self.graph.model.devices[d.index()]
                .data
                .config_context
                .as_ref(),
            Owner::VirtualMachine(v) => self.graph.model.virtual_machines[v.index()]
                .data
                .config_context
                .as_ref(),
        }
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
                    roles: Graph::ancestors(&g.device_role_parents, node.role),
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
                    roles: Graph::ancestors(&g.device_role_parents, node.role),
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

/// The merged-context budget of a build that read `input_bytes` bytes.
pub fn merged_budget(input_bytes: u64) -> u64 {
    MERGED_VALUES_FLOOR.max(MERGED_VALUES_PER_INPUT_BYTE.saturating_mul(input_bytes))
}

/// The values of a JSON value: itself and everything it holds.
pub fn value_count(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(value_count).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(value_count).sum::<usize>(),
        _ => 1,
    }
}

/// Config context data that its aliases blow up: more values than
/// [`CONTEXT_VALUES_FLOOR`] and than bytes of its text. Reported when the repository is
/// checked, before any build copies the data into every object's context.
pub fn oversized(model: &Model) -> Vec<Diagnostic> {
    let shared = model.config_contexts.iter().map(|c| (c.file, &c.data.data));
    let devices = model
        .devices
        .iter()
        .filter_map(|d| Some((d.file, d.data.config_context.as_ref()?)));
    let vms = model
        .virtual_machines
        .iter()
        .filter_map(|v| Some((v.file, v.data.config_context.as_ref()?)));
    let mut out = Vec::new();
    for (file, data) in shared.chain(devices).chain(vms) {
        let limit = CONTEXT_VALUES_FLOOR.max(data.span.len() as usize);
        let count = value_count(&data.value);
        if count > limit {
            out.push(
                Diagnostic::new(
                    &codes::YAML_TOO_COMPLEX,
                    format!("this config context expands to {count} values through its aliases, more than the {limit} allowed"),
                )
                .at(Location::new(file, data.span))
                .with_help("every device and virtual machine it applies to gets a full copy: write the data out, or use fewer aliases of aliases"),
            );
        }
    }
    out
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
