//! A device's installed modules and the module bays it has beyond its type's.
//!
//! netsot writes modules as a tree under their device (`modules:`, each with its `bay`,
//! `type` and the modules installed in the bays its type brings) and instantiates their
//! components and bays from their types, `{module}` replaced by the bays' positions
//! outermost first (NetBox's `resolve_name`). So a module's components are written only
//! where they differ from their template (interfaces, as entries that refine them; see
//! `components.rs`), and the bays a module's type gives are not written at all.

use std::collections::HashMap;

use serde_json::Value;

use super::record::{nested_id, Out, Record};
use super::refs::device_type;
use super::scope::Scope;
use super::NotCarried;

/// The modules of the carried devices, and where each sits.
pub struct Modules<'s> {
    /// Device id → its modules, in NetBox's order.
    by_device: HashMap<u64, Vec<&'s Value>>,
    modules: HashMap<u64, &'s Value>,
    bays: HashMap<u64, &'s Value>,
}

impl<'s> Modules<'s> {
    pub fn new(scope: &Scope<'s>) -> Modules<'s> {
        let mut by_device: HashMap<u64, Vec<&'s Value>> = HashMap::new();
        let by_id = |endpoint| {
            scope
                .objects(endpoint)
                .filter_map(|o| Some((o.get("id")?.as_u64()?, o)))
                .collect::<HashMap<u64, &'s Value>>()
        };
        for module in scope.objects("dcim/modules") {
            if let Some(device) = module.get("device").and_then(nested_id) {
                by_device.entry(device).or_default().push(module);
            }
        }
        Modules {
            by_device,
            modules: by_id("dcim/modules"),
            bays: by_id("dcim/module-bays"),
        }
    }

    /// The bay a module is installed in.
    fn bay(&self, module: &Value) -> Option<&'s Value> {
        let id = module.get("module_bay").and_then(nested_id)?;
        self.bays.get(&id).copied()
    }

    /// The module a bay belongs to (`None` for a device's own bay).
    fn owner(&self, bay: &Value) -> Option<&'s Value> {
        let id = bay.get("module").and_then(nested_id)?;
        self.modules.get(&id).copied()
    }

    /// The positions of the bays from the device down to the one `module` sits in,
    /// outermost first: what replaces each `{module}` in its components' names.
    pub fn positions(&self, module: u64) -> Vec<String> {
        let mut positions = Vec::new();
        let mut current = self.modules.get(&module).copied();
        while let Some(m) = current {
            if positions.len() > 64 {
                break; // a cycle NetBox would refuse
            }
            let bay = self.bay(m);
            positions.push(
                bay.and_then(|b| b.get("position"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            );
            current = bay.and_then(|b| self.owner(b));
        }
        positions.reverse();
        positions
    }

    /// The module type of a module, by id.
    pub fn module_type(&self, module: u64) -> Option<u64> {
        self.modules
            .get(&module)?
            .get("module_type")
            .and_then(nested_id)
    }

    /// The `modules:` entries of a device: those in its own bays, each with those nested
    /// in the bays its type brings.
    pub fn entries(&self, device: u64, report: &mut NotCarried) -> Vec<Value> {
        let modules = self.by_device.get(&device).map_or(&[][..], Vec::as_slice);
        self.level(modules, None, report)
    }

    fn level(
        &self,
        modules: &[&'s Value],
        parent: Option<u64>,
        report: &mut NotCarried,
    ) -> Vec<Value> {
        let mut entries = Vec::new();
        for &module in modules {
            let bay = self.bay(module);
            let owner = bay.and_then(|b| b.get("module")).and_then(nested_id);
            if owner != parent {
                continue;
            }
            let bay_name = bay.and_then(|b| b.get("name")).and_then(Value::as_str);
            let module_type = module.get("module_type").and_then(device_type);
            let (Some(bay_name), Some(module_type)) = (bay_name, module_type) else {
                report.add("dcim.module", "module whose bay or type is not carried");
                continue;
            };
            let mut r = Record::new("dcim.module", module);
            let mut out = Out::new();
            out.set("bay", bay_name);
            out.set("type", module_type);
            if let Some(status) = r.choice("status").filter(|s| *s != "active") {
                out.set("status", status);
            }
            out.opt("serial", r.text("serial"));
            out.opt("asset_tag", r.text("asset_tag"));
            out.opt("description", r.text("description"));
            let id = module.get("id").and_then(Value::as_u64);
            out.list("modules", self.level(modules, id, report));
            r.skip(&["device", "module_bay", "module_type"]);
            r.finish(report);
            entries.push(out.into_value());
        }
        entries
    }
}

/// Module type profiles into `data/dcim.yaml`, before the module types that name them
/// (NetBox's migrations make a few: CPU, fan, power supply...).
pub(super) fn import_profiles(
    context: &super::Context,
    repo: &mut super::layout::Repo,
    report: &mut NotCarried,
) {
    for object in context.scope.objects("dcim/module-type-profiles") {
        let mut r = Record::new("dcim.moduletypeprofile", object);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt("description", r.text("description"));
        if let Some(schema) = r.get("schema").filter(|s| !s.is_null()) {
            out.set("schema", schema.clone());
        }
        out.opt("comments", r.text("comments"));
        out.list("tags", super::refs::names(&mut r, "tags"));
        if super::refs::custom_fields(&mut r, report).is_some() {
            report.add(
                "dcim.moduletypeprofile",
                "custom field values (module type profiles have none in netsot)",
            );
        }
        repo.add(
            "data/dcim.yaml",
            "module_type_profiles",
            super::organisation::sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}
