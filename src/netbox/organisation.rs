//! Tags, tenancy (tenant groups, tenants) and the places of DCIM: regions, site groups,
//! sites and locations. Keys: the name; a location's is its site and the names of its
//! ancestors and its own, `SITE/BUILDING/ROOM`, as NetBox holds a location's name once
//! per (site, parent): two rooms of one name in two buildings are two objects.

use serde_json::Value;

use super::kinds::Kind;
use super::state::{Remote, State};
use super::{at, in_site, named, slug, string, Desired};
use crate::graph::{Graph, LocationId};

/// The key of a repository's location in `site`: `SITE/ANCESTOR/.../NAME`. A cycle of
/// parents (reported by NS0308) is cut after as many steps as there are locations.
pub fn location_key(graph: &Graph, site: Option<&str>, location: LocationId) -> String {
    let model = &graph.model;
    let mut names = Vec::new();
    let mut current = Some(location);
    while let Some(here) = current.filter(|_| names.len() <= graph.locations.len()) {
        names.push(model.locations[here.index()].data.name.value.as_str());
        current = graph.locations[here.index()].parent;
    }
    names.reverse();
    in_site(site, &names.join("/"))
}

/// Gives NetBox's locations the keys of [`location_key`]: `SITE/PATH`.
pub fn location_paths(remotes: &mut [Remote]) {
    tree_paths(remotes, |remote, path| {
        remote
            .key
            .as_ref()
            .map(|_| in_site(remote.site.as_deref(), path))
    });
}

/// Keys objects of a tree (locations, inventory items) by their path: the names of their
/// ancestors (by the `parent` ids among `remotes`) and their own, joined by `/`, made a
/// key by `key` with the object. An object whose parent is not among them, or that lies
/// on a cycle, keeps no key: it cannot be named.
pub fn tree_paths(remotes: &mut [Remote], key: impl Fn(&Remote, &str) -> Option<String>) {
    tree_paths_by(
        remotes,
        |json| json.get("parent").and_then(super::state::ref_id),
        key,
    );
}

/// [`tree_paths`] with the parent's id found by `parent` (a module bay's is the bay of the
/// module it belongs to).
pub fn tree_paths_by(
    remotes: &mut [Remote],
    parent_of: impl Fn(&Value) -> Option<u64>,
    key: impl Fn(&Remote, &str) -> Option<String>,
) {
    let by_id: std::collections::HashMap<u64, usize> =
        remotes.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let parent = |remote: &Remote| parent_of(&remote.json);
    let keys: Vec<Option<String>> = remotes
        .iter()
        .map(|remote| {
            let mut names = vec![string(&remote.json, "name")?];
            let mut current = parent(remote);
            while let Some(id) = current {
                let ancestor = &remotes[*by_id.get(&id)?];
                if names.len() > remotes.len() {
                    return None;
                }
                names.push(string(&ancestor.json, "name")?);
                current = parent(ancestor);
            }
            names.reverse();
            key(remote, &names.join("/"))
        })
        .collect();
    for (remote, key) in remotes.iter_mut().zip(keys) {
        remote.key = key;
    }
}

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    let ix = &graph.indexes;
    for tag in &model.tags {
        let t = &tag.data;
        let mut d = Desired::new(Kind::Tags, t.name.value.clone(), None, tag.location());
        d.value("name", t.name.value.as_str())
            .value("slug", slug(t.slug.as_ref(), &t.name))
            .text("description", t.description.as_deref());
        if let Some(color) = &t.color {
            d.value("color", color.trim_start_matches('#').to_lowercase());
        }
        let mut types: Vec<String> = t
            .object_types
            .iter()
            .map(|o| o.value.as_str().to_string())
            .collect();
        types.sort_unstable();
        types.dedup();
        d.fields.push(super::Field {
            name: "object_types",
            want: super::Want::Set(types),
            at: None,
        });
        out.push(d);
    }
    let tenant_group = |text| named(&ix.tenant_groups, &model.tenant_groups, |g| &g.name, text);
    for group in &model.tenant_groups {
        let g = &group.data;
        let mut d = Desired::new(
            Kind::TenantGroups,
            g.name.value.clone(),
            None,
            group.location(),
        );
        d.value("name", g.name.value.as_str())
            .value("slug", slug(g.slug.as_ref(), &g.name))
            .reference(
                "parent",
                Kind::TenantGroups,
                tenant_group(g.parent.as_ref()),
                at(group, g.parent.as_ref()),
            )
            .text("description", g.description.as_deref());
        out.push(d);
    }
    for tenant in &model.tenants {
        let t = &tenant.data;
        let mut d = Desired::new(Kind::Tenants, t.name.value.clone(), None, tenant.location());
        d.value("name", t.name.value.as_str())
            .value("slug", slug(t.slug.as_ref(), &t.name))
            .reference(
                "group",
                Kind::TenantGroups,
                tenant_group(t.group.as_ref()),
                at(tenant, t.group.as_ref()),
            )
            .text("description", t.description.as_deref())
            .tags(&t.tags)
            .custom_fields(&defs, "tenancy.tenant", &t.custom_fields);
        out.push(d);
    }
    let region = |text| named(&ix.regions, &model.regions, |r| &r.name, text);
    for object in &model.regions {
        let r = &object.data;
        let mut d = Desired::new(Kind::Regions, r.name.value.clone(), None, object.location());
        d.value("name", r.name.value.as_str())
            .value("slug", slug(r.slug.as_ref(), &r.name))
            .reference(
                "parent",
                Kind::Regions,
                region(r.parent.as_ref()),
                at(object, r.parent.as_ref()),
            )
            .text("description", r.description.as_deref())
            .tags(&r.tags);
        out.push(d);
    }
    let site_group = |text| named(&ix.site_groups, &model.site_groups, |g| &g.name, text);
    for object in &model.site_groups {
        let g = &object.data;
        let mut d = Desired::new(
            Kind::SiteGroups,
            g.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", g.name.value.as_str())
            .value("slug", slug(g.slug.as_ref(), &g.name))
            .reference(
                "parent",
                Kind::SiteGroups,
                site_group(g.parent.as_ref()),
                at(object, g.parent.as_ref()),
            )
            .text("description", g.description.as_deref());
        out.push(d);
    }
    let tenant = |text| named(&ix.tenants, &model.tenants, |t| &t.name, text);
    for object in &model.sites {
        let s = &object.data;
        let name = s.name.value.clone();
        let mut d = Desired::new(Kind::Sites, name.clone(), Some(name), object.location());
        d.value("name", s.name.value.as_str())
            .value("slug", slug(s.slug.as_ref(), &s.name))
            .value_maybe_at(
                "status",
                s.status.as_ref().map_or("active", |v| v.value.as_str()),
                at(object, s.status.as_ref()),
            )
            .reference(
                "region",
                Kind::Regions,
                region(s.region.as_ref()),
                at(object, s.region.as_ref()),
            )
            .reference(
                "group",
                Kind::SiteGroups,
                site_group(s.group.as_ref()),
                at(object, s.group.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                tenant(s.tenant.as_ref()),
                at(object, s.tenant.as_ref()),
            )
            .text("facility", s.facility.as_deref())
            .text("physical_address", s.physical_address.as_deref())
            .text("shipping_address", s.shipping_address.as_deref())
            .value("latitude", s.latitude.as_ref().map(|l| l.value))
            .value("longitude", s.longitude.as_ref().map(|l| l.value))
            .text("description", s.description.as_deref())
            .text("comments", s.comments.as_deref())
            .tags(&s.tags)
            .custom_fields(&defs, "dcim.site", &s.custom_fields);
        if let Some(zone) = &s.time_zone {
            d.value("time_zone", zone.as_str());
        }
        out.push(d);
    }
    let site_name = |text| named(&ix.sites, &model.sites, |s| &s.name, text);
    for (index, object) in model.locations.iter().enumerate() {
        let l = &object.data;
        let site = site_name(Some(&l.site));
        let parent = graph.locations[index]
            .parent
            .map(|p| location_key(graph, site.as_deref(), p));
        let mut d = Desired::new(
            Kind::Locations,
            location_key(graph, site.as_deref(), LocationId::from_index(index)),
            site.clone(),
            object.location(),
        );
        d.value("name", l.name.value.as_str())
            .value("slug", slug(l.slug.as_ref(), &l.name))
            .reference("site", Kind::Sites, site, Some(object.at(&l.site)))
            .reference(
                "parent",
                Kind::Locations,
                parent,
                at(object, l.parent.as_ref()),
            )
            .value(
                "status",
                l.status.as_ref().map_or("active", |v| v.value.as_str()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                tenant(l.tenant.as_ref()),
                at(object, l.tenant.as_ref()),
            )
            .text("facility", l.facility.as_deref())
            .text("description", l.description.as_deref())
            .tags(&l.tags)
            .custom_fields(&defs, "dcim.location", &l.custom_fields);
        out.push(d);
    }
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    let name = string(json, "name").map(str::to_string);
    Some(match kind {
        Kind::Tags | Kind::TenantGroups | Kind::Tenants | Kind::Regions | Kind::SiteGroups => {
            (name, None)
        }
        Kind::Sites => (name.clone(), name),
        Kind::Locations => {
            let site = state.ref_key(Kind::Sites, json.get("site"));
            (name.map(|n| in_site(site.as_deref(), &n)), site)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(id: u64, name: &str, parent: Option<u64>) -> Remote {
        Remote {
            id,
            key: Some(in_site(Some("ams1"), name)),
            site: Some("ams1".into()),
            json: serde_json::json!({
                "id": id,
                "name": name,
                "parent": parent.map(|p| serde_json::json!({ "id": p })),
            }),
        }
    }

    #[test]
    fn a_location_is_keyed_by_its_site_and_its_parents() {
        // Children may come before their parents; a parent not read leaves no key.
        let mut remotes = vec![
            location(3, "room", Some(1)),
            location(4, "room", Some(2)),
            location(1, "hall-a", None),
            location(2, "hall-b", None),
            location(5, "cage", Some(3)),
            location(6, "lost", Some(99)),
        ];
        location_paths(&mut remotes);
        let keys: Vec<Option<&str>> = remotes.iter().map(|r| r.key.as_deref()).collect();
        assert_eq!(
            keys,
            [
                Some("ams1/hall-a/room"),
                Some("ams1/hall-b/room"),
                Some("ams1/hall-a"),
                Some("ams1/hall-b"),
                Some("ams1/hall-a/room/cage"),
                None,
            ]
        );
    }
}
