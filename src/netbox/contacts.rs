//! Contacts: groups (nested by parent), roles, contacts (keys: names, which netsot
//! requires unique) and their assignments to sites, tenants, racks, devices and circuits
//! (key: `CONTACT as ROLE on COLLECTION KEY`, the object's own key). An assignment belongs
//! to its object's site, so `--prune` deletes one only there.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, in_site, named, slug, string, Desired};
use crate::diag::Location;
use crate::graph::{DeviceId, Graph};
use crate::model::contacts::ContactAssignment;
use crate::model::Spanned;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    let ix = &graph.indexes;
    let group = |text| named(&ix.contact_groups, &model.contact_groups, |g| &g.name, text);
    for object in &model.contact_groups {
        let g = &object.data;
        let mut d = Desired::new(
            Kind::ContactGroups,
            g.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", g.name.value.as_str())
            .value("slug", slug(g.slug.as_ref(), &g.name))
            .reference(
                "parent",
                Kind::ContactGroups,
                group(g.parent.as_ref()),
                at(object, g.parent.as_ref()),
            )
            .text("description", g.description.as_deref())
            .tags(&g.tags);
        out.push(d);
    }
    for object in &model.contact_roles {
        let r = &object.data;
        let mut d = Desired::new(
            Kind::ContactRoles,
            r.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", r.name.value.as_str())
            .value("slug", slug(r.slug.as_ref(), &r.name))
            .text("description", r.description.as_deref())
            .tags(&r.tags);
        out.push(d);
    }
    for object in &model.contacts {
        let c = &object.data;
        let mut d = Desired::new(
            Kind::Contacts,
            c.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", c.name.value.as_str())
            .references(
                "groups",
                Kind::ContactGroups,
                c.groups
                    .iter()
                    .map(|g| group(Some(g)).unwrap_or_default())
                    .collect(),
            )
            .tags(&c.tags);
        for (field, value) in [
            ("title", &c.title),
            ("phone", &c.phone),
            ("email", &c.email),
            ("address", &c.address),
            ("link", &c.link),
            ("description", &c.description),
            ("comments", &c.comments),
        ] {
            d.text(field, value.as_deref());
        }
        out.push(d);
    }
    for holder in holders(graph) {
        for assignment in holder.contacts.iter() {
            out.push(assignment_desired(graph, &holder, assignment));
        }
    }
}

/// An object that holds contacts: its kind, key and site, and where it is written.
struct Holder<'g> {
    kind: Kind,
    key: String,
    site: Option<String>,
    contacts: &'g [Spanned<ContactAssignment>],
    location: Location,
}

/// Every object with contacts, collection by collection.
fn holders(graph: &Graph) -> Vec<Holder<'_>> {
    let model = &graph.model;
    let ix = &graph.indexes;
    let mut out = Vec::new();
    for object in model.sites.iter().filter(|o| !o.data.contacts.is_empty()) {
        let name = object.data.name.value.clone();
        out.push(Holder {
            kind: Kind::Sites,
            key: name.clone(),
            site: Some(name),
            contacts: &object.data.contacts,
            location: object.location(),
        });
    }
    for object in model.tenants.iter().filter(|o| !o.data.contacts.is_empty()) {
        out.push(Holder {
            kind: Kind::Tenants,
            key: object.data.name.value.clone(),
            site: None,
            contacts: &object.data.contacts,
            location: object.location(),
        });
    }
    for (index, object) in model.racks.iter().enumerate() {
        if object.data.contacts.is_empty() {
            continue;
        }
        let site = super::dcim::site_name(graph, graph.racks[index].site);
        out.push(Holder {
            kind: Kind::Racks,
            key: in_site(site.as_deref(), &object.data.name),
            site,
            contacts: &object.data.contacts,
            location: object.location(),
        });
    }
    for (index, object) in model.devices.iter().enumerate() {
        if object.data.contacts.is_empty() {
            continue;
        }
        out.push(Holder {
            kind: Kind::Devices,
            key: super::dcim::device_key(graph, DeviceId::from_index(index)),
            site: super::dcim::site_name(graph, graph.devices[index].site),
            contacts: &object.data.contacts,
            location: object.location(),
        });
    }
    for object in model
        .circuits
        .iter()
        .filter(|o| !o.data.contacts.is_empty())
    {
        let c = &object.data;
        let provider = named(
            &ix.providers,
            &model.providers,
            |p| &p.name,
            Some(&c.provider),
        );
        out.push(Holder {
            kind: Kind::Circuits,
            key: format!("{}/{}", provider.unwrap_or_default(), c.cid.value),
            site: None,
            contacts: &c.contacts,
            location: object.location(),
        });
    }
    out
}

fn assignment_desired(
    graph: &Graph,
    holder: &Holder,
    assignment: &Spanned<ContactAssignment>,
) -> Desired {
    let model = &graph.model;
    let ix = &graph.indexes;
    let a = &assignment.value;
    let file = holder.location.file;
    let contact = named(&ix.contacts, &model.contacts, |c| &c.name, Some(&a.contact));
    let role = named(
        &ix.contact_roles,
        &model.contact_roles,
        |r| &r.name,
        Some(&a.role),
    );
    let key = assignment_key(
        contact.as_deref().unwrap_or_default(),
        role.as_deref().unwrap_or_default(),
        holder.kind,
        &holder.key,
    );
    let at = Location::new(file, assignment.span);
    let mut d = Desired::new(Kind::ContactAssignments, key, holder.site.clone(), at);
    d.reference(
        "contact",
        Kind::Contacts,
        contact,
        Some(Location::new(file, a.contact.span)),
    )
    .reference(
        "role",
        Kind::ContactRoles,
        role,
        Some(Location::new(file, a.role.span)),
    )
    .value_maybe_at(
        "priority",
        a.priority.as_ref().map(|p| p.value.as_str()),
        a.priority.as_ref().map(|p| Location::new(file, p.span)),
    );
    d.generic(
        "object",
        ("object_type", "object_id"),
        Some((holder.kind, holder.key.clone())),
        Some(at),
    );
    d
}

/// `CONTACT as ROLE on COLLECTION KEY`.
fn assignment_key(contact: &str, role: &str, kind: Kind, object: &str) -> String {
    format!("{contact} as {role} on {} {object}", kind.spec().collection)
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    match kind {
        Kind::ContactGroups | Kind::ContactRoles | Kind::Contacts => {
            Some((string(json, "name").map(str::to_string), None))
        }
        Kind::ContactAssignments => {
            let contact = state.ref_key(Kind::Contacts, json.get("contact"));
            let role = state.ref_key(Kind::ContactRoles, json.get("role"));
            let object_kind = string(json, "object_type").and_then(Kind::of_object_type);
            let object = state.generic_target(json, "object_type", "object_id");
            let key = contact
                .zip(role)
                .zip(object_kind.zip(object.and_then(|o| o.key.as_deref())))
                .map(|((c, r), (k, o))| assignment_key(&c, &r, k, o));
            Some((key, object.and_then(|o| o.site.clone())))
        }
        _ => None,
    }
}
