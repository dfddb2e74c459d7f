//! Contacts: a group's parent, a contact's groups, and the `contacts` of sites, tenants,
//! racks, devices and circuits (contact and role), each (contact, role) once per object as
//! NetBox's `tenancy_contactassignment_unique_object_contact_role`.
//!
//! Reports: NS0201 (duplicate-object, an assignment repeated) and NS0301
//! (unresolved-reference).

use rustc_hash::FxHashMap as HashMap;

use super::{which, Builder};
use crate::diag::{FileId, Location};
use crate::graph::index::duplicate;
use crate::model::contacts::ContactAssignment;
use crate::model::Spanned;

impl Builder<'_> {
    pub(super) fn resolve_contacts(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for object in &model.contact_groups {
            self.resolve_opt(
                which::CONTACT_GROUPS,
                object.data.parent.as_ref(),
                object.file,
            );
            self.resolve_tags(
                &object.data.tags,
                object.file,
                tagged!("tenancy.contactgroup"),
            );
        }
        for object in &model.contact_roles {
            self.resolve_tags(
                &object.data.tags,
                object.file,
                tagged!("tenancy.contactrole"),
            );
        }
        for object in &model.contacts {
            for group in &object.data.groups {
                self.resolve(which::CONTACT_GROUPS, group, object.file);
            }
            self.resolve_tags(&object.data.tags, object.file, tagged!("tenancy.contact"));
        }
        let mut seen = HashMap::default();
        for o in &model.sites {
            self.contact_assignments(&o.data.contacts, o.file, &mut seen);
        }
        for o in &model.tenants {
            self.contact_assignments(&o.data.contacts, o.file, &mut seen);
        }
        for o in &model.racks {
            self.contact_assignments(&o.data.contacts, o.file, &mut seen);
        }
        for o in model.devices.iter().filter(|o| !o.data.contacts.is_empty()) {
            self.contact_assignments(&o.data.contacts, o.file, &mut seen);
        }
        for o in &model.circuits {
            self.contact_assignments(&o.data.contacts, o.file, &mut seen);
        }
    }

    /// Resolves one object's contact assignments; `seen` is emptied and reused, so the
    /// (contact, role) pairs of one object are compared through one hash map.
    fn contact_assignments<'m>(
        &self,
        assignments: &'m [Spanned<ContactAssignment>],
        file: FileId,
        seen: &mut HashMap<(&'m str, &'m str), usize>,
    ) {
        seen.clear();
        for (index, assignment) in assignments.iter().enumerate() {
            let data = &assignment.value;
            let contact = self.resolve(which::CONTACTS, &data.contact, file);
            let role = self.resolve(which::CONTACT_ROLES, &data.role, file);
            if contact.is_none() || role.is_none() {
                continue;
            }
            let key = (data.contact.value.as_str(), data.role.value.as_str());
            if let Some(&first) = seen.get(&key) {
                let first = &assignments[first].value;
                self.push(
                    duplicate(
                        "contact assignment",
                        &format!("{} ({})", data.contact.value, data.role.value),
                        Location::new(file, data.contact.span),
                        Location::new(file, first.contact.span),
                    )
                    .with_help("NetBox assigns a contact once per role to an object; remove one"),
                );
                continue;
            }
            seen.insert(key, index);
        }
    }
}
