//! Module type profiles (NetBox 4.3's `dcim.ModuleTypeProfile`): each module type's
//! `profile`, by name, and the profiles' tags. Their schemas and the types' `attribute_data`
//! are checked in `check/module_type_profiles.rs`.
//!
//! Reports: NS0301 (unresolved-reference).

use super::{which, Builder};

impl Builder<'_> {
    pub(super) fn resolve_module_type_profiles(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.module_type_profiles {
            self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.moduletypeprofile"));
        }
        if model.module_types.iter().all(|t| t.data.profile.is_none()) {
            return;
        }
        self.graph.module_type_profiles = model
            .module_types
            .iter()
            .map(|o| self.resolve_opt(which::MODULE_TYPE_PROFILES, o.data.profile.as_ref(), o.file))
            .collect();
    }
}
