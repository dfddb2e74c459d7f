//! Names and slugs unique per scope, as NetBox's `Meta.constraints` scope them: a region
//! per parent, a tenant per group, a virtual machine per cluster and tenant. The name
//! indexes keep every holder (`names.rs`, `index_scoped`); each family calls
//! [`Builder::report_scoped_duplicates`] once the scopes are resolved. One hash map per
//! collection: no pairs are compared.
//!
//! A missing scope (no parent, no cluster) is a scope of its own, where names are unique
//! too. NetBox says so explicitly for regions, site groups, tenants and platforms (a second
//! constraint with `condition=Q(parent__isnull=True)`); for VLAN groups without a scope,
//! clusters with neither group nor site and virtual machines without a cluster its
//! constraints compare nulls as distinct and accept repeats, which netsot refuses (see
//! docs/decisions.md, "Scoped names").

use std::borrow::Cow;
use std::hash::Hash;

use rustc_hash::FxHashMap as HashMap;

use super::Builder;
use crate::diag::{codes, Diagnostic, Location};
use crate::model::{Obj, Text};

/// What one object contributes to a uniqueness check: its scope key, its name (`None` where
/// names are checked elsewhere) and slug.
pub(super) struct Keyed<'a, S> {
    pub scope: S,
    pub name: Option<&'a Text>,
    pub slug: Option<&'a Text>,
}

impl Builder<'_> {
    /// Reports a name, or a slug, written twice in one scope. `keyed` gives an object's
    /// scope, name and slug, or `None` to leave it out (its scope did not resolve, which
    /// was reported); `scope_label` says where, for the message ("in parent region
    /// `Europe`"), and runs only for a duplicate. `fold_case` compares names as NetBox's
    /// `Lower('name')` does.
    pub(super) fn report_scoped_duplicates<'m, T, S: Copy + Eq + Hash>(
        &self,
        objects: &'m [Obj<T>],
        kind: &str,
        fold_case: bool,
        keyed: impl Fn(usize, &'m T) -> Option<Keyed<'m, S>>,
        scope_label: impl Fn(S) -> String,
    ) {
        let mut names: HashMap<(S, Cow<'m, str>), usize> = HashMap::default();
        let mut slugs: HashMap<(S, &'m str), usize> = HashMap::default();
        for (i, object) in objects.iter().enumerate() {
            let Some(Keyed { scope, name, slug }) = keyed(i, &object.data) else {
                continue;
            };
            if let Some(name) = name {
                let folded = if fold_case && name.value.chars().any(char::is_uppercase) {
                    Cow::Owned(name.value.to_lowercase())
                } else {
                    Cow::Borrowed(name.value.as_str())
                };
                if let Some(&first) = names.get(&(scope, Cow::Borrowed(&*folded))) {
                    let first_name = keyed(first, &objects[first].data).and_then(|k| k.name);
                    self.push(duplicate_in(
                        &format!("{kind} `{}` {}", name.value, scope_label(scope)),
                        object.at(name),
                        objects[first].at(first_name.unwrap_or(name)),
                    ));
                } else {
                    names.insert((scope, folded), i);
                }
            }
            let Some(slug) = slug else {
                continue;
            };
            if let Some(&first) = slugs.get(&(scope, slug.value.as_str())) {
                let first_slug = keyed(first, &objects[first].data).and_then(|k| k.slug);
                self.push(duplicate_in(
                    &format!("{kind} slug `{}` {}", slug.value, scope_label(scope)),
                    object.at(slug),
                    objects[first].at(first_slug.unwrap_or(slug)),
                ));
            } else {
                slugs.insert((scope, slug.value.as_str()), i);
            }
        }
    }
}

/// NS0201 for a key taken twice in one scope; `what` names the object, key and scope.
fn duplicate_in(what: &str, second: Location, first: Location) -> Diagnostic {
    Diagnostic::new(&codes::DUPLICATE_OBJECT, format!("duplicate {what}"))
        .at_labelled(second, "defined again here")
        .with_secondary(first, "first defined here")
        .with_help(
            "NetBox requires it unique in its scope; rename one, or move it to another scope",
        )
}
