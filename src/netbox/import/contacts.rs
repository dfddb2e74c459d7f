//! Contacts: groups (nested by parent), roles and contacts into `data/organisation.yaml`;
//! their assignments are written on the objects that hold them (`contacts: [{contact,
//! role, priority}]` on sites, tenants, racks, devices and circuits) through
//! [`Assignments::of`], which each of those mappers calls.

use std::collections::HashMap;

use serde_json::Value;

use super::layout::Repo;
use super::organisation::sort_key;
use super::record::{Out, Record};
use super::refs::{custom_fields, named, names};
use super::scope::Scope;
use super::{Context, NotCarried};

const FILE: &str = "data/organisation.yaml";

/// The content types netsot's format has `contacts` on.
const HOLDERS: &[&str] = &[
    "dcim.site",
    "tenancy.tenant",
    "dcim.rack",
    "dcim.device",
    "circuits.circuit",
];

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for object in scope.objects("tenancy/contact-groups") {
        let mut r = Record::new("tenancy.contactgroup", object);
        let mut out = name_and_slug(&mut r);
        out.opt("parent", named(&mut r, "parent"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        repo.add(
            FILE,
            "contact_groups",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("tenancy/contact-roles") {
        let mut r = Record::new("tenancy.contactrole", object);
        let mut out = name_and_slug(&mut r);
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        repo.add(
            FILE,
            "contact_roles",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("tenancy/contacts") {
        let mut r = Record::new("tenancy.contact", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        let mut groups: Vec<Value> = match r.get("groups") {
            Some(Value::Array(groups)) => groups
                .iter()
                .filter_map(|g| g.get("name").cloned())
                .collect(),
            _ => Vec::new(),
        };
        groups.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        out.list("groups", groups);
        for field in ["title", "phone", "email", "address", "link", "description"] {
            out.opt(field, r.text(field));
        }
        out.opt("comments", r.text("comments"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        repo.add(FILE, "contacts", sort_key(object, "name"), out.into_value());
        r.finish(report);
    }
}

/// The carried contact assignments, by the object that holds them.
#[derive(Default)]
pub struct Assignments {
    by_object: HashMap<(String, u64), Vec<Value>>,
}

impl Assignments {
    pub fn new(scope: &Scope, report: &mut NotCarried) -> Assignments {
        let mut by_object: HashMap<(String, u64), Vec<(String, Value)>> = HashMap::new();
        for object in scope.objects("tenancy/contact-assignments") {
            let mut r = Record::new("tenancy.contactassignment", object);
            let holder = r
                .text("object_type")
                .filter(|t| HOLDERS.contains(t))
                .zip(r.get("object_id").and_then(Value::as_u64));
            let Some((object_type, object_id)) = holder else {
                report.add(
                    "tenancy.contactassignment",
                    "contact assigned to an object netsot has no contacts on",
                );
                continue;
            };
            let contact = named(&mut r, "contact");
            let role = named(&mut r, "role");
            let mut out = Out::new();
            out.opt("contact", contact.clone());
            out.opt("role", role.clone());
            out.opt("priority", r.choice("priority"));
            // The object is the one the assignment is written on.
            r.skip(&["object"]);
            r.finish(report);
            let order = format!(
                "{}\u{0}{}",
                contact.unwrap_or_default(),
                role.unwrap_or_default()
            );
            by_object
                .entry((object_type.to_string(), object_id))
                .or_default()
                .push((order, out.into_value()));
        }
        Assignments {
            by_object: by_object
                .into_iter()
                .map(|(holder, mut list)| {
                    list.sort_by(|a, b| a.0.cmp(&b.0));
                    (holder, list.into_iter().map(|(_, v)| v).collect())
                })
                .collect(),
        }
    }

    /// The `contacts` entries of an object (`dcim.site` and its id).
    pub fn of(&self, object_type: &str, object: &Value) -> Vec<Value> {
        let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
        self.by_object
            .get(&(object_type.to_string(), id))
            .cloned()
            .unwrap_or_default()
    }
}

/// The name and the slug as NetBox holds them: contact groups' and roles' slugs are
/// written even when derivable, as the format keeps them as given.
fn name_and_slug(r: &mut Record) -> Out {
    let mut out = Out::new();
    out.set("name", r.text("name").unwrap_or_default());
    out.opt("slug", r.text("slug"));
    out
}
