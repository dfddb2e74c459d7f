//! A module NetBox cannot install: its device's copy in NetBox already has a component
//! (outside any module) of a name the module's type would make. NetBox's `Module.save`
//! instantiates the type's components and its REST API has no way to adopt an existing one
//! (the UI's `adopt_components`), so the request fails in the database
//! (`IntegrityError` on `dcim_interface_unique_device_name`...) with a message that names
//! no object. The push finds those components in what it read of NetBox before sending
//! the module, and refuses it at the module's line, naming them.

use std::collections::HashMap;

use super::apply::refusal;
use super::kinds::Kind;
use super::plan::Step;
use super::state::State;
use super::{Desired, Want};
use crate::diag::Diagnostic;

/// The refusals of the modules of `ready` whose components' names are taken in NetBox.
pub(super) fn taken(ready: &[Step], desired: &[Desired], state: &State) -> Vec<Diagnostic> {
    let modules: HashMap<&str, &Desired> = ready
        .iter()
        .filter_map(|s| s.desired)
        .map(|i| (desired[i].key.as_str(), &desired[i]))
        .collect();
    let mut clashes: HashMap<&str, Vec<String>> = HashMap::new();
    for component in desired {
        // A module's components are made by NetBox with the module; only those are
        // compared (a device's own component of that name is the entry that refines it).
        let module = component.fields.iter().find_map(|f| match &f.want {
            Want::Ref(Kind::Modules, Some(key)) if f.name == "module" => Some(key.as_str()),
            _ => None,
        });
        let Some(module) = module.filter(|m| modules.contains_key(m)) else {
            continue;
        };
        let Some(remote) = state.kind(component.kind).get(&component.key) else {
            continue;
        };
        if remote
            .json
            .get("module")
            .is_none_or(serde_json::Value::is_null)
        {
            let name = component.key.rsplit_once(':').map_or("", |(_, n)| n);
            clashes
                .entry(module)
                .or_default()
                .push(format!("{} `{name}`", component.kind.spec().singular));
        }
    }
    let mut out: Vec<Diagnostic> = clashes
        .into_iter()
        .map(|(module, mut names)| {
            names.sort();
            let message = format!(
                "the device in NetBox already has {} outside any module, which the module's type would make, and NetBox's API cannot adopt a component (delete or rename it in NetBox, or install the module from NetBox's UI with \"adopt components\"), then push again",
                names.join(", ")
            );
            refusal(modules[module], "", &message)
        })
        .collect();
    out.sort_by(|a, b| a.message.cmp(&b.message));
    out
}
