//! Tags, tenancy (tenant groups, tenants) and the places of DCIM: regions, site groups,
//! sites and locations. Keys: the name; a location's is `SITE/NAME`.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, in_site, named, slug, string, Desired};
use crate::graph::Graph;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
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
            .tags(&t.tags);
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
            .tags(&s.tags);
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
            .map(|p| in_site(site.as_deref(), &model.locations[p.index()].data.name));
        let mut d = Desired::new(
            Kind::Locations,
            in_site(site.as_deref(), &l.name),
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
            .tags(&l.tags);
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
