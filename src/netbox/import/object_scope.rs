//! The scope of a prefix, VLAN group or cluster (NetBox's `scope_type`/`scope_id`)
//! written back as netsot's one scope key (`model/scope.rs`): `region`, `site_group`,
//! `site`, `location` or `rack` (as `SITE/NAME`), `cluster_group` or `cluster`.

use serde_json::Value;

use super::record::{nested_id, Out, Record};
use super::refs::name;
use super::scope::Scope;
use crate::model::scope::ScopeKind;

/// Writes the scope key of `r` into `out` and returns the site the object belongs to (a
/// site scope's, a location's or a rack's), which chooses its file. A scope whose object
/// the import does not hold is left unread, and so reported.
pub(super) fn import_scope(r: &mut Record, out: &mut Out, scope: &Scope) -> Option<u64> {
    let kind = r
        .peek("scope_type")
        .and_then(Value::as_str)
        .and_then(ScopeKind::from_content_type);
    let id = r.peek("scope_id").and_then(Value::as_u64);
    let (Some(kind), Some(id)) = (kind, id) else {
        r.skip(&["scope_type", "scope_id", "scope"]);
        return None;
    };
    let endpoint = match kind {
        ScopeKind::Region => "dcim/regions",
        ScopeKind::SiteGroup => "dcim/site-groups",
        ScopeKind::Site => "dcim/sites",
        ScopeKind::Location => "dcim/locations",
        ScopeKind::Rack => "dcim/racks",
        ScopeKind::ClusterGroup => "virtualization/cluster-groups",
        ScopeKind::Cluster => "virtualization/clusters",
    };
    let object = scope.find(endpoint, id)?;
    let object_name = name(object)?;
    let site = match kind {
        ScopeKind::Site => Some(id),
        ScopeKind::Location | ScopeKind::Rack => object.get("site").and_then(nested_id),
        _ => None,
    };
    // Locations and racks are named within their site, so they are always qualified.
    let written = match (kind, site.and_then(|s| scope.find("dcim/sites", s))) {
        (ScopeKind::Location | ScopeKind::Rack, Some(site)) => {
            format!("{}/{object_name}", name(site)?)
        }
        _ => object_name,
    };
    r.skip(&["scope_type", "scope_id", "scope"]);
    out.set(kind.key(), written);
    site
}
