//! `NS015x`: config context profiles and the data of the contexts that name them (checked
//! in `check/config_contexts.rs`).

use crate::diag::rule::rules;

rules! {
    /// A config context profile's schema is not a JSON Schema that defines `properties`.
    ///
    /// ## What it does
    /// Checks the `schema` of every `config_context_profiles` entry as NetBox's
    /// `validate_schema` (`utilities/jsonschema.py`) does: a mapping, with non-empty
    /// `properties`, valid against the meta-schema of its draft (2020-12 unless `$schema`
    /// names another). netsot also refuses a `$ref` that points outside the schema, since
    /// it reads nothing outside the repository.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the profile, and no context data could be checked against it.
    ///
    /// ## Example
    /// ```yaml
    /// config_context_profiles:
    ///   - name: ntp
    ///     schema: {type: object}   # no `properties`
    /// ```
    INVALID_CONTEXT_SCHEMA = ("NS0150", "invalid-context-schema", Error);

    /// A config context's data does not conform to its profile's schema.
    ///
    /// ## What it does
    /// Validates the `data` of each config context that names a `profile` against the
    /// profile's `schema` (`ConfigContext.clean`, `extras/models/configs.py`), and reports
    /// the first violation with its path in the data.
    ///
    /// ## Why is this bad?
    /// The profile is the contract templates rely on (`ntp` is a list of servers); data
    /// outside it renders broken configuration, and NetBox refuses the context.
    ///
    /// ## Example
    /// ```yaml
    /// config_context_profiles:
    ///   - {name: ntp, schema: {properties: {ntp: {type: array, items: {type: string}}}, required: [ntp]}}
    /// config_contexts:
    ///   - {name: ntp-eu, profile: ntp, data: {ntp: 192.0.2.1}}   # not a list
    /// ```
    CONTEXT_DATA_NOT_CONFORMING = ("NS0151", "context-data-not-conforming", Error);
}
