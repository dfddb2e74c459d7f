//! Modules installed in devices (their bays, types and the positions that name their
//! components) and child devices in the device bays of their parents (virtual chassis
//! positions and racked child devices are checked in `check/`). Runs after DCIM (device types and chassis are resolved) and
//! before interfaces, which instantiate the modules' components (`refine.rs`).
//!
//! Reports: NS0201 (duplicate-object), NS0301 (unresolved-reference, module types and
//! parent devices), NS0670 (unknown-module-bay), NS0671 (module-bay-occupied), NS0672
//! (module-position-mismatch), NS0674 (invalid-device-bay) and NS0675
//! (device-bay-occupied).

use rustc_hash::FxHashMap;

use super::{which, Builder};
use crate::diag::{codes, suggestion_help, Diagnostic, FileId, Location};
use crate::graph::*;
use crate::model::device_type::{BayTemplate, ModuleType};
use crate::model::modules::Module;
use crate::model::{Model, Spanned};

/// What NetBox replaces by a module bay's position in a module's component names.
pub(super) const MODULE_TOKEN: &str = "{module}";

/// A module bay a module can name: its name and position.
type Bay<'a> = (std::borrow::Cow<'a, str>, Option<String>);

impl Builder<'_> {
    /// Resolves modules and device bays.
    pub(super) fn resolve_modules(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut modules = Vec::new();
        let mut ranges = Vec::new();
        // A bare model names a module type when no other manufacturer has one of that name,
        // as for device types.
        let mut by_model: FxHashMap<&str, Option<ModuleTypeId>> = FxHashMap::default();
        for (i, t) in model.module_types.iter().enumerate() {
            by_model
                .entry(t.data.model.value.as_str())
                .and_modify(|e| *e = None)
                .or_insert(Some(ModuleTypeId::from_index(i)));
        }
        for (i, o) in model.devices.iter().enumerate() {
            let data = &o.data;
            if data.modules.is_empty() {
                continue;
            }
            let device = DeviceId::from_index(i);
            let device_type = self.graph.devices[i].device_type;
            let bays: Vec<Bay> = device_type
                .map(|t| model.device_types[t.index()].data.module_bays.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|b| template_bay(&b.value))
                .chain(data.module_bays.iter().map(|b| {
                    let bay = &b.value;
                    (
                        std::borrow::Cow::Borrowed(bay.name.value.as_str()),
                        bay.position
                            .as_ref()
                            .map(|p| p.value.clone())
                            .filter(|p| !p.is_empty()),
                    )
                }))
                .collect();
            let start = modules.len() as u32;
            let mut chain = Chain {
                by_model: &by_model,
                device,
                file: o.file,
                // An unresolved type is reported once; its bays are then unknown.
                check_bays: device_type.is_some() || !data.module_bays.is_empty(),
                path: Vec::new(),
                positions: Vec::new(),
            };
            self.install(&model, &mut chain, &data.modules, &bays, None, &mut modules);
            ranges.push((i, start..modules.len() as u32));
        }
        for (i, range) in ranges {
            self.graph.devices[i].modules = range;
        }
        self.graph.modules = modules;
        self.resolve_device_bays(&model);
    }

    /// Installs the modules of one list (a device's, or those nested in a module) in
    /// `bays`, then the modules nested in each.
    fn install(
        &self,
        model: &Model,
        chain: &mut Chain<'_>,
        list: &[Spanned<Module>],
        bays: &[Bay],
        parent: Option<u32>,
        out: &mut Vec<ModuleNode>,
    ) {
        let mut taken: FxHashMap<&str, &Spanned<Module>> = FxHashMap::default();
        for (k, entry) in list.iter().enumerate() {
            let module = &entry.value;
            let file = chain.file;
            let module_type = match chain.by_model.get(module.module_type.value.as_str()) {
                Some(&Some(found))
                    if self
                        .graph
                        .indexes
                        .module_types
                        .get(&module.module_type.value)
                        .is_none() =>
                {
                    Some(found)
                }
                _ => self.resolve(which::MODULE_TYPES, &module.module_type, file),
            };
            let bay = bays
                .iter()
                .find(|(name, _)| *name == module.bay.value.as_str());
            // A module in an unknown or occupied bay is kept for views but gives the device
            // no components: its interfaces would clash with the bay's module's.
            let mut installed = bay.is_some();
            match bay {
                None if chain.check_bays => {
                    let names: Vec<&str> = bays.iter().map(|(name, _)| name.as_ref()).collect();
                    let suggestions =
                        crate::diag::did_you_mean(&module.bay.value, names.iter().copied());
                    let mut diagnostic = Diagnostic::new(
                        &codes::UNKNOWN_MODULE_BAY,
                        format!(
                            "device `{}` has no module bay `{}` for module `{}`",
                            model.devices[chain.device.index()].data.label(),
                            crate::diag::quote(&module.bay.value),
                            module.module_type.value
                        ),
                    )
                    .at(Location::new(file, module.bay.span));
                    diagnostic.help = suggestion_help(&suggestions).or_else(|| {
                        Some(if names.is_empty() {
                            "no module bay is defined here: add one under the device's `module_bays`".to_string()
                        } else {
                            format!("the module bays here are {}", listed(&names))
                        })
                    });
                    self.push(diagnostic);
                }
                None => {}
                Some((name, _)) => {
                    let name = name.as_ref();
                    if let Some(first) = taken.insert(name, entry) {
                        taken.insert(name, first);
                        installed = false;
                        self.push(
                            Diagnostic::new(
                                &codes::MODULE_BAY_OCCUPIED,
                                format!("module bay `{name}` already holds a module"),
                            )
                            .at_labelled(Location::new(file, module.bay.span), "installed again here")
                            .with_secondary(Location::new(file, first.value.bay.span), "the module in the bay")
                            .with_help("a bay holds one module: name another bay, or remove one of the modules"),
                        );
                    }
                }
            }
            let position = bay.and_then(|(_, position)| position.clone());
            chain.path.push(k as u32);
            chain.positions.push(position.clone());
            let index = out.len() as u32;
            out.push(ModuleNode {
                device: chain.device,
                parent,
                path: chain.path.clone(),
                module_type,
                position,
                installed,
            });
            if let Some(t) = module_type {
                let module_type = &model.module_types[t.index()].data;
                if installed {
                    self.check_placeholders(file, module, module_type, &chain.positions);
                }
                if !module.modules.is_empty() {
                    // A module's own bays are named with `{module}` replaced, as NetBox
                    // instantiates them (`ModuleBayTemplate.instantiate`).
                    let positions: Vec<&str> = chain
                        .positions
                        .iter()
                        .map(|p| p.as_deref().unwrap_or(""))
                        .collect();
                    let inner: Vec<Bay> = module_type
                        .module_bays
                        .iter()
                        .map(|b| {
                            let (name, position) = template_bay(&b.value);
                            if name.contains(MODULE_TOKEN) {
                                (
                                    std::borrow::Cow::Owned(substitute(&name, &positions)),
                                    position,
                                )
                            } else {
                                (name, position)
                            }
                        })
                        .collect();
                    let check_bays = std::mem::replace(&mut chain.check_bays, true);
                    self.install(model, chain, &module.modules, &inner, Some(index), out);
                    chain.check_bays = check_bays;
                }
            }
            chain.path.pop();
            chain.positions.pop();
        }
    }

    /// Reports a module type whose component names hold a number of `{module}` other than
    /// the module's depth, or a bay without a position on the way (NetBox's module form).
    fn check_placeholders(
        &self,
        file: FileId,
        module: &Module,
        module_type: &ModuleType,
        positions: &[Option<String>],
    ) {
        let Some(name) = component_names(module_type).find(|n| n.contains(MODULE_TOKEN)) else {
            return;
        };
        let tokens = name.matches(MODULE_TOKEN).count();
        if positions.iter().any(Option::is_none) {
            self.push(
                Diagnostic::new(
                    &codes::MODULE_POSITION_MISMATCH,
                    format!(
                        "module `{}` names its components with `{{module}}` (`{}`), but bay `{}` or one it is nested in has no position",
                        module.module_type.value,
                        crate::diag::quote(name),
                        module.bay.value
                    ),
                )
                .at(Location::new(file, module.bay.span))
                .with_help("give the bay a `position` (e.g. `position: \"1\"` in the device's `module_bays`)"),
            );
        } else if tokens != positions.len() {
            self.push(
                Diagnostic::new(
                    &codes::MODULE_POSITION_MISMATCH,
                    format!(
                        "module `{}` has {tokens} `{{module}}` in `{}`, but sits {} bay(s) deep",
                        module.module_type.value,
                        crate::diag::quote(name),
                        positions.len()
                    ),
                )
                .at(Location::new(file, module.module_type.span))
                .with_help("install the module at the depth its type is made for, or use a module type whose names match"),
            );
        }
    }

    /// Resolves `parent_device` of child devices: a device bay of a parent-type device,
    /// one child per bay.
    fn resolve_device_bays(&mut self, model: &Model) {
        let mut taken: FxHashMap<(DeviceId, &str), DeviceId> = FxHashMap::default();
        let mut parents = Vec::new();
        for (i, o) in model.devices.iter().enumerate() {
            let Some(parent) = &o.data.parent_device else {
                continue;
            };
            let (reference, bay) = (&parent.value.device, &parent.value.bay);
            let site = self.graph.devices[i].site;
            let Some(found) = self.resolve_in_site(which::DEVICES, site, reference, o.file) else {
                continue;
            };
            let invalid = |message: String, at: &crate::model::Text, help: &str| {
                Diagnostic::new(&codes::INVALID_DEVICE_BAY, message)
                    .at(Location::new(o.file, at.span))
                    .with_help(help.to_string())
            };
            if found.index() == i {
                self.push(invalid(
                    format!("device `{}` cannot be installed in itself", reference.value),
                    reference,
                    "name the chassis that holds this device",
                ));
                continue;
            }
            let Some(parent_type) = self.graph.devices[found.index()].device_type else {
                continue;
            };
            let parent_type = &model.device_types[parent_type.index()].data;
            if !parent_type
                .subdevice_role
                .as_ref()
                .is_some_and(|r| r.value.is("parent"))
            {
                self.push(invalid(
                    format!(
                        "device `{}` is a `{}/{}`, which is not a parent device type, so it has no device bays",
                        reference.value, parent_type.manufacturer.value, parent_type.model.value
                    ),
                    reference,
                    "a chassis that holds devices has `subdevice_role: parent` and `device-bays` in its type",
                ));
                continue;
            }
            if !parent_type
                .device_bays
                .iter()
                .any(|b| b.value.name.value == bay.value)
            {
                let names: Vec<&str> = parent_type
                    .device_bays
                    .iter()
                    .map(|b| b.value.name.value.as_str())
                    .collect();
                let suggestions = crate::diag::did_you_mean(&bay.value, names.iter().copied());
                let mut diagnostic = invalid(
                    format!(
                        "device `{}` has no device bay `{}`",
                        reference.value,
                        crate::diag::quote(&bay.value)
                    ),
                    bay,
                    "",
                );
                diagnostic.help = suggestion_help(&suggestions)
                    .or_else(|| Some(format!("its device bays are {}", listed(&names))));
                self.push(diagnostic);
                continue;
            }
            let child = DeviceId::from_index(i);
            if let Some(first) = taken.insert((found, bay.value.as_str()), child) {
                let first = &model.devices[first.index()];
                let first_bay = first
                    .data
                    .parent_device
                    .as_ref()
                    .map_or(first.span, |p| p.value.bay.span);
                self.push(
                    Diagnostic::new(
                        &codes::DEVICE_BAY_OCCUPIED,
                        format!(
                            "device bay `{}` of `{}` already holds `{}`",
                            bay.value,
                            reference.value,
                            first.data.label()
                        ),
                    )
                    .at_labelled(Location::new(o.file, bay.span), "installed again here")
                    .with_secondary(
                        Location::new(first.file, first_bay),
                        "the device in the bay",
                    )
                    .with_help("a device bay holds one device: name a free bay"),
                );
                continue;
            }
            parents.push((i, found));
        }
        for (i, parent) in parents {
            self.graph.devices[i].parent = Some(parent);
        }
    }
}

/// Where a module list sits while it is installed: the device, and for each module on the
/// way down its place in its list and its bay's position.
struct Chain<'a> {
    /// Module types by bare model; `None` when two manufacturers share one.
    by_model: &'a FxHashMap<&'a str, Option<ModuleTypeId>>,
    device: DeviceId,
    file: FileId,
    /// Whether an unknown bay is reported (not when the device's type is unresolved).
    check_bays: bool,
    path: Vec<u32>,
    positions: Vec<Option<String>>,
}

/// A bay template's name and position; the library writes positions as strings, some as
/// numbers.
fn template_bay(bay: &BayTemplate) -> Bay<'_> {
    let position = match &bay.position {
        Some(serde_json::Value::String(text)) if !text.is_empty() => Some(text.clone()),
        Some(serde_json::Value::Number(number)) => Some(number.to_string()),
        _ => None,
    };
    (
        std::borrow::Cow::Borrowed(bay.name.value.as_str()),
        position,
    )
}

/// The names of a module type's components that NetBox instantiates with the module.
fn component_names(t: &ModuleType) -> impl Iterator<Item = &str> {
    t.interfaces
        .iter()
        .map(|c| c.value.name.value.as_str())
        .chain(t.console_ports.iter().map(|c| c.value.name.value.as_str()))
        .chain(
            t.console_server_ports
                .iter()
                .map(|c| c.value.name.value.as_str()),
        )
        .chain(t.power_ports.iter().map(|c| c.value.name.value.as_str()))
        .chain(t.power_outlets.iter().map(|c| c.value.name.value.as_str()))
        .chain(t.front_ports.iter().map(|c| c.value.name.value.as_str()))
        .chain(t.rear_ports.iter().map(|c| c.value.name.value.as_str()))
}

/// `name` with each `{module}` replaced by the next position, outermost first, as NetBox's
/// `resolve_name`; placeholders beyond the positions stay.
pub(super) fn substitute(name: &str, positions: &[&str]) -> String {
    crate::graph::module_ports::resolve_module_name(name, positions).into_owned()
}

/// `a`, `b` and `c`, in backticks, at most eight.
fn listed(names: &[&str]) -> String {
    let mut text: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    if names.len() > 8 {
        text.push("...".into());
    }
    text.join(", ")
}
