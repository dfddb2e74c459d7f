//! `NS0637`-`NS0639`: module type profiles (NetBox 4.3), part of the DCIM family
//! (`NS06xx`).

use crate::diag::rule::rules;

rules! {
    /// A module type profile's schema is not a JSON Schema NetBox accepts.
    ///
    /// ## What it does
    /// Compiles each profile's `schema` as NetBox's `validate_schema` does
    /// (`utilities/jsonschema.py`, the validator of `ModuleTypeProfile.schema`): a mapping
    /// that defines `properties`, valid as a JSON Schema, `$ref`s resolved within it only.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the profile, and no module type's attributes could be checked.
    ///
    /// ## Example
    /// ```yaml
    /// module_type_profiles:
    ///   - {name: CPU, schema: {type: object}}   # no properties
    /// ```
    INVALID_MODULE_TYPE_PROFILE_SCHEMA = ("NS0637", "invalid-module-type-profile-schema", Error);

    /// A module type's `attribute_data` does not conform to its profile's schema.
    ///
    /// ## What it does
    /// Validates the `attribute_data` of each module type that names a profile against
    /// the profile's `schema`, as NetBox's `ModuleType.clean` (`dcim/models/modules.py`),
    /// and reports the first error, as NetBox does.
    ///
    /// ## Why is this bad?
    /// The attributes say what the module is (cores, wattage, capacity) in the shape every
    /// module of the profile shares; NetBox refuses the module type.
    ///
    /// ## Example
    /// ```yaml
    /// profile: CPU
    /// attribute_data: {cores: sixteen}   # the profile says `cores: {type: integer}`
    /// ```
    MODULE_ATTRIBUTES_NOT_CONFORMING = ("NS0638", "module-attributes-not-conforming", Error);

    /// A module type has `attribute_data` but no profile.
    ///
    /// ## What it does
    /// Reports `attribute_data` on a module type without a `profile` (or whose profile has
    /// no schema): NetBox's `ModuleType.clean` then sets the attributes to nothing, so
    /// they are dropped silently when the type is saved.
    ///
    /// ## Why is this bad?
    /// What was written is lost on the way into NetBox, and a push would find them
    /// different every time.
    ///
    /// ## Example
    /// ```yaml
    /// model: PSU-650
    /// attribute_data: {wattage: 650}   # no `profile`
    /// ```
    MODULE_ATTRIBUTES_WITHOUT_PROFILE = ("NS0639", "module-attributes-without-profile", Warning);
}
