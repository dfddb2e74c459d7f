//! Module type profiles (NetBox 4.3): a profile's `schema` is a JSON Schema that defines
//! `properties` (`ModuleTypeProfile.schema`'s `validate_schema`), and the `attribute_data`
//! of every module type naming the profile conforms to it (`ModuleType.clean`,
//! `dcim/models/modules.py`); attributes without a profile with a schema are dropped by
//! NetBox, which is reported. Schemas compile as config context profiles' do
//! (`config_contexts.rs`).

use jsonschema::Validator;

use super::config_contexts::{compile_schema, shorten};
use crate::diag::{codes, Diagnostic};
use crate::graph::Graph;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let model = &graph.model;
    if model.module_type_profiles.is_empty()
        && model
            .module_types
            .iter()
            .all(|t| t.data.attribute_data.is_none())
    {
        return;
    }
    let validators: Vec<Option<Validator>> = model
        .module_type_profiles
        .iter()
        .map(|profile| {
            let schema = profile.data.schema.as_ref()?;
            let what = format!("module type profile `{}`", profile.data.name.value);
            compile_schema(
                &what,
                &schema.value,
                profile.at(schema),
                &codes::INVALID_MODULE_TYPE_PROFILE_SCHEMA,
                out,
            )
        })
        .collect();
    for (index, module_type) in model.module_types.iter().enumerate() {
        let Some(data) = &module_type.data.attribute_data else {
            continue;
        };
        let profile = graph.module_type_profiles.get(index).copied().flatten();
        let with_schema = profile.filter(|p| {
            model.module_type_profiles[p.index()]
                .data
                .schema
                .as_ref()
                .is_some_and(|s| !s.value.is_null())
        });
        let Some(profile) = with_schema else {
            // A profile that did not resolve is NS0301 already.
            if module_type.data.profile.is_none() || profile.is_some() {
                out.push(
                    Diagnostic::new(
                        &codes::MODULE_ATTRIBUTES_WITHOUT_PROFILE,
                        format!(
                            "module type `{}` has `attribute_data` but no profile with a schema: NetBox drops them",
                            module_type.data.model.value
                        ),
                    )
                    .at(module_type.at(data))
                    .with_help("name the `profile` whose schema the attributes follow, or remove them"),
                );
            }
            continue;
        };
        let Some(validator) = &validators[profile.index()] else {
            continue;
        };
        // NetBox reports the first error it meets.
        if let Err(error) = validator.validate(&data.value) {
            let path = error.instance_path().to_string();
            let place = if path.is_empty() {
                String::new()
            } else {
                format!(" at `{path}`")
            };
            out.push(
                Diagnostic::new(
                    &codes::MODULE_ATTRIBUTES_NOT_CONFORMING,
                    format!(
                        "`attribute_data` of module type `{}` does not conform to profile `{}`{place}: {}",
                        module_type.data.model.value,
                        model.module_type_profiles[profile.index()].data.name.value,
                        shorten(&error.to_string()),
                    ),
                )
                .at(module_type.at(data))
                .with_help("change the attributes, or the profile's `schema`"),
            );
        }
    }
}
