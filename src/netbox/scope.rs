//! Scopes of prefixes, VLAN groups and clusters pushed as NetBox's generic
//! `scope_type`/`scope_id` (`model/scope.rs`), and the site NetBox's copy of one is
//! grouped under (its cached `_site`: a site's, a location's or a rack's).

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{in_site, string, Field, Want};
use crate::diag::Location;
use crate::graph::{Graph, ScopeId};

/// The `scope` field of a prefix, VLAN group or cluster: the object it is scoped to, by
/// the natural key its own kind is pushed under.
pub fn scope_field(graph: &Graph, scope: Option<ScopeId>, at: Option<Location>) -> Field {
    Field {
        name: "scope",
        want: Want::Generic {
            type_field: "scope_type",
            id_field: "scope_id",
            target: scope.map(|s| target(graph, s)),
        },
        at,
    }
}

/// The kind and natural key of a scope's object.
fn target(graph: &Graph, scope: ScopeId) -> (Kind, String) {
    let m = &graph.model;
    let site_of = |site: Option<crate::graph::SiteId>| {
        site.map(|s| m.sites[s.index()].data.name.value.as_str())
    };
    match scope {
        ScopeId::Region(r) => (Kind::Regions, m.regions[r.index()].data.name.value.clone()),
        ScopeId::SiteGroup(g) => (
            Kind::SiteGroups,
            m.site_groups[g.index()].data.name.value.clone(),
        ),
        ScopeId::Site(s) => (Kind::Sites, m.sites[s.index()].data.name.value.clone()),
        ScopeId::Location(l) => (
            Kind::Locations,
            in_site(
                site_of(graph.locations[l.index()].site),
                &m.locations[l.index()].data.name.value,
            ),
        ),
        ScopeId::Rack(r) => (
            Kind::Racks,
            in_site(
                site_of(graph.racks[r.index()].site),
                &m.racks[r.index()].data.name.value,
            ),
        ),
        ScopeId::ClusterGroup(g) => (
            Kind::ClusterGroups,
            m.cluster_groups[g.index()].data.name.value.clone(),
        ),
        ScopeId::Cluster(c) => (
            Kind::Clusters,
            m.clusters[c.index()].data.name.value.clone(),
        ),
    }
}

/// The site of a NetBox object's scope, as `Graph::scope_site` gives it for the
/// repository's: a site scope's key, a location's or a rack's site.
pub fn remote_scope_site(json: &Value, state: &State) -> Option<String> {
    let id = json.get("scope_id").and_then(Value::as_u64)?;
    match string(json, "scope_type")? {
        "dcim.site" => state.kind(Kind::Sites).by_id(id)?.key.clone(),
        "dcim.location" => state.kind(Kind::Locations).by_id(id)?.site.clone(),
        "dcim.rack" => state.kind(Kind::Racks).by_id(id)?.site.clone(),
        _ => None,
    }
}
