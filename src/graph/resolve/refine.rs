//! The interfaces of a device whose names are not its type's as written: the interfaces of
//! its installed modules (`{module}` replaced by bay positions), its type's interfaces
//! renumbered by its virtual chassis (`interface_numbering`), and entries that rename
//! (`rename_from`) or remove (`remove: true`) an interface the type or a module gives.
//! Devices with none of these take the fast path of `interfaces.rs`. Cables find the other
//! components of modules (console, power, front and rear ports) in `graph/module_ports.rs`.
//!
//! Reports: NS0106 (missing-field), NS0201 (duplicate-object), NS0648
//! (module-component-name-taken) and NS0673 (unknown-template-interface).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::modules::substitute;
use super::Builder;
use crate::diag::{codes, suggestion_help, Diagnostic, FileId, Location};
use crate::graph::index::duplicate;
use crate::graph::*;
use crate::model::Spanned;

/// An interface the type or a module gives the device, before the entries apply.
struct Candidate<'a> {
    name: Cow<'a, str>,
    /// The module it comes from; `None` for the device type's.
    module: Option<u32>,
    /// The template's index in its type's interfaces.
    template: u32,
    /// Where a clash is reported when no entry names it: the module's bay, or the device.
    origin: Location,
}

/// What the entries did to a candidate.
#[derive(Clone, Copy, PartialEq)]
enum Claim {
    Free,
    Entry(u32),
    Removed(u32),
    /// A second candidate of one name, left out (reported).
    Dropped,
}

impl Builder<'_> {
    /// Whether a device's interfaces need the slow path: it has modules, its chassis
    /// renumbers it, or an entry renames or removes one.
    pub(super) fn needs_refinement(
        &self,
        device: DeviceId,
        entries: &[Spanned<Interface>],
    ) -> bool {
        !self.graph.devices[device.index()].modules.is_empty()
            || self.interface_numbering(device).is_some()
            || entries
                .iter()
                .any(|e| e.value.remove || e.value.rename_from.is_some())
    }

    /// The number a virtual chassis member puts first in its slotted interface names.
    fn interface_numbering(&self, device: DeviceId) -> Option<u32> {
        let model = &self.graph.model;
        let chassis = self.graph.devices[device.index()].virtual_chassis?;
        let scheme = model.virtual_chassis[chassis.index()]
            .data
            .interface_numbering
            .as_ref()?
            .value;
        let position = u32::from(
            model.devices[device.index()]
                .data
                .vc_position
                .as_ref()?
                .value,
        );
        if scheme.is("vc_position") {
            Some(position)
        } else {
            position.checked_sub(1)
        }
    }

    /// Instantiates the interfaces of one device on the slow path, appending them to
    /// `interfaces` (and their names' order to `by_name`).
    #[allow(
        clippy::too_many_arguments,
        reason = "the tables of resolve_interfaces, filled in place"
    )]
    pub(super) fn refined_interfaces(
        &self,
        device: DeviceId,
        file: FileId,
        entries: &[Spanned<Interface>],
        kept: &[u32],
        interfaces: &mut Vec<InterfaceNode>,
        by_name: &mut Vec<InterfaceId>,
        generated: &mut Vec<GeneratedInterface>,
    ) {
        let model = &*self.graph.model;
        let owner = Owner::Device(device);
        let node = &self.graph.devices[device.index()];
        let device_location = model.devices[device.index()].location();
        let mut candidates: Vec<Candidate> = Vec::new();
        if let Some(t) = node.device_type {
            let templates = &model.device_types[t.index()].data.interfaces;
            let numbering = self.interface_numbering(device);
            for &ti in kept {
                let name = templates[ti as usize].value.name.value.as_str();
                candidates.push(Candidate {
                    name: match numbering.and_then(|n| renumber(name, n)) {
                        Some(renumbered) => Cow::Owned(renumbered),
                        None => Cow::Borrowed(name),
                    },
                    module: None,
                    template: ti,
                    origin: device_location,
                });
            }
        }
        for m in node.modules.clone() {
            let module = &self.graph.modules[m as usize];
            let Some(module_type) = module.module_type.filter(|_| module.installed) else {
                continue;
            };
            let positions = self.graph.module_positions(m);
            let origin = Location::new(file, self.graph.module_data(m).bay.span);
            let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
            for (ti, template) in model.module_types[module_type.index()]
                .data
                .interfaces
                .iter()
                .enumerate()
            {
                let name = template.value.name.value.as_str();
                if seen.insert(name) {
                    candidates.push(Candidate {
                        name: Cow::Owned(substitute(name, &positions)),
                        module: Some(m),
                        template: ti as u32,
                        origin,
                    });
                }
            }
        }
        let mut claims = vec![Claim::Free; candidates.len()];
        let mut by_candidate: FxHashMap<&str, usize> = FxHashMap::default();
        for (c, candidate) in candidates.iter().enumerate() {
            if let Some(&first) = by_candidate.get(candidate.name.as_ref()) {
                self.push(match candidate.module {
                    Some(m) => self.module_interface_taken(
                        device,
                        m,
                        &candidate.name,
                        candidate.origin,
                        &candidates[first],
                    ),
                    None => duplicate(
                        "interface",
                        &candidate.name,
                        candidate.origin,
                        candidates[first].origin,
                    ),
                });
                claims[c] = Claim::Dropped;
            } else {
                by_candidate.insert(&candidate.name, c);
            }
        }
        let has_type = node.device_type.is_some();
        let mut extras: Vec<u32> = Vec::new();
        let mut extra_index: FxHashMap<&str, u32> = FxHashMap::default();
        for (ei, entry) in entries.iter().enumerate() {
            let e = &entry.value;
            let refines = e.remove || e.rename_from.is_some();
            let key = e.rename_from.as_deref().unwrap_or(&e.name);
            match by_candidate.get(key.value.as_str()) {
                Some(&c) => match claims[c] {
                    Claim::Free => {
                        claims[c] = if e.remove {
                            Claim::Removed(ei as u32)
                        } else {
                            Claim::Entry(ei as u32)
                        };
                    }
                    Claim::Entry(previous) | Claim::Removed(previous) => {
                        self.push(duplicate(
                            "interface",
                            &key.value,
                            Location::new(file, key.span),
                            Location::new(file, entries[previous as usize].value.name.span),
                        ));
                    }
                    Claim::Dropped => {}
                },
                None if refines => {
                    let names = candidates.iter().map(|c| c.name.as_ref());
                    let suggestions = self.suggestions.did_you_mean(&key.value, names);
                    let action = if e.remove { "remove" } else { "rename" };
                    let mut diagnostic = Diagnostic::new(
                        &codes::UNKNOWN_TEMPLATE_INTERFACE,
                        format!(
                            "device `{}` has no interface `{}` from its type or modules to {action}",
                            model.devices[device.index()].data.label(),
                            crate::diag::quote(&key.value)
                        ),
                    )
                    .at(Location::new(file, key.span));
                    diagnostic.help = suggestion_help(&suggestions).or_else(|| {
                        Some("name the interface as the device has it (after `{module}` positions and chassis numbering)".into())
                    });
                    self.push(diagnostic);
                }
                None => {
                    let name = e.name.value.as_str();
                    if let Some(&previous) = extra_index.get(name) {
                        self.push(duplicate(
                            "interface",
                            name,
                            Location::new(file, e.name.span),
                            Location::new(file, entries[previous as usize].value.name.span),
                        ));
                        continue;
                    }
                    if e.kind.is_none() && has_type {
                        self.push(
                            Diagnostic::new(&codes::MISSING_FIELD, format!("interface `{name}` is not in the device type or its modules, so it needs a `type`"))
                                .at(Location::new(file, e.name.span))
                                .with_help("add `type` (e.g. `virtual`, `lag`), or check the name against the device type's interfaces"),
                        );
                    }
                    extra_index.insert(name, ei as u32);
                    extras.push(ei as u32);
                }
            }
        }
        // The device's interfaces with their final names, then sorted by name; a name
        // given twice (a rename onto a taken name, a module's interface clashing with the
        // type's) is reported once per pair.
        let mut named: Vec<(&str, bool, u32, Location)> =
            Vec::with_capacity(candidates.len() + extras.len());
        for (c, candidate) in candidates.iter().enumerate() {
            let entry = match claims[c] {
                Claim::Free => None,
                Claim::Entry(ei) => Some(ei),
                Claim::Removed(_) | Claim::Dropped => continue,
            };
            let renamed = matches!(candidate.name, Cow::Owned(_));
            let template = if candidate.module.is_some() || renamed {
                generated.push(GeneratedInterface {
                    module: candidate.module,
                    template: candidate.template,
                    name: candidate.name.as_ref().into(),
                });
                GENERATED | (generated.len() as u32 - 1)
            } else {
                candidate.template
            };
            let id = interfaces.len() as u32;
            interfaces.push(InterfaceNode::new(owner, Some(template), entry));
            let (name, location) = match entry {
                Some(ei) => {
                    let name = &entries[ei as usize].value.name;
                    (name.value.as_str(), Location::new(file, name.span))
                }
                None => (candidate.name.as_ref(), candidate.origin),
            };
            named.push((name, entry.is_some(), id, location));
        }
        for ei in extras {
            let name = &entries[ei as usize].value.name;
            let id = interfaces.len() as u32;
            interfaces.push(InterfaceNode::new(owner, None, Some(ei)));
            named.push((
                name.value.as_str(),
                true,
                id,
                Location::new(file, name.span),
            ));
        }
        // Within one name, what the type or a module gives sorts first, so a clash is
        // reported at the entry that made it.
        named.sort_unstable_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        for pair in named.windows(2) {
            if pair[0].0 == pair[1].0 {
                self.push(duplicate("interface", pair[1].0, pair[1].3, pair[0].3));
            }
        }
        by_name.extend(named.iter().map(|&(_, _, id, _)| InterfaceId::new(id)));
    }
}

impl Builder<'_> {
    /// A module's interface whose name the device's type or an earlier module already
    /// gives (NetBox's `ModuleCommonForm.clean`); `check/module_components.rs` reports the
    /// other kinds of components the same way.
    fn module_interface_taken(
        &self,
        device: DeviceId,
        module: u32,
        name: &str,
        here: Location,
        first: &Candidate<'_>,
    ) -> Diagnostic {
        let data = self.graph.module_data(module);
        let owner = match first.module {
            None => "its device type".to_string(),
            Some(m) => format!(
                "the module in bay `{}`",
                self.graph.module_data(m).bay.value
            ),
        };
        Diagnostic::new(
            &codes::MODULE_COMPONENT_NAME_TAKEN,
            format!(
                "module `{}` in bay `{}` gives device `{}` interface `{name}`, which {owner} already gives it",
                data.module_type.value,
                data.bay.value,
                self.graph.model.devices[device.index()].data.label(),
            ),
        )
        .at_labelled(here, "installed here")
        .with_secondary(first.origin, "the first holder of the name")
        .with_help("NetBox refuses a module whose components' names the device has: remove the clashing module, or install a module type whose names differ")
    }
}

/// `name` with its first number set to `number`, when that number is a slot (followed by
/// `/`, as `et-0/0/48` or `GigabitEthernet1/0/1`); `None` when the name has no slot or
/// already carries the number.
pub fn renumber(name: &str, number: u32) -> Option<String> {
    let start = name.find(|c: char| c.is_ascii_digit())?;
    let end = start
        + name[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(name.len() - start);
    if !name[end..].starts_with('/') {
        return None;
    }
    let number = number.to_string();
    if name[start..end] == number {
        return None;
    }
    Some(format!("{}{number}{}", &name[..start], &name[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_renumbers_the_slot_only() {
        assert_eq!(renumber("et-0/0/48", 1).as_deref(), Some("et-1/0/48"));
        assert_eq!(
            renumber("GigabitEthernet1/0/1", 2).as_deref(),
            Some("GigabitEthernet2/0/1")
        );
        assert_eq!(renumber("et-1/0/48", 1), None);
        assert_eq!(renumber("Ethernet1", 2), None, "no slot");
        assert_eq!(renumber("vme", 2), None);
        assert_eq!(renumber("em0", 2), None);
    }

    #[test]
    fn module_placeholders_take_positions_outermost_first() {
        assert_eq!(substitute("et-{module}/0/1", &["3"]), "et-3/0/1");
        assert_eq!(
            substitute("GigabitEthernet0/{module}/{module}/0", &["1", "2"]),
            "GigabitEthernet0/1/2/0"
        );
        assert_eq!(substitute("xe-{module}/{module}", &["1"]), "xe-1/{module}");
        assert_eq!(substitute("mgmt0", &["1"]), "mgmt0");
    }
}
