//! `NS014x`: custom fields, their definitions and values (checked in
//! `check/custom_fields.rs`).

use crate::diag::rule::rules;

rules! {
    /// An object sets a custom field that is not defined for its type.
    ///
    /// ## What it does
    /// Looks up each name under an object's `custom_fields` among the `custom_fields`
    /// definitions whose `object_types` include the object's type (`dcim.device`,
    /// `dcim.site`, ...), with the closest names as suggestions.
    ///
    /// ## Why is this bad?
    /// NetBox silently drops data for a field the type does not have (its API answers 200):
    /// a misspelled field is a value nobody will ever read.
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - name: ams1
    ///     custom_fields: {suport_contract: 2027-01-31}
    /// ```
    CUSTOM_FIELD_UNKNOWN = ("NS0140", "custom-field-unknown", Error);

    /// A custom field value is not of the field's type.
    ///
    /// ## What it does
    /// Checks each value as NetBox's `CustomField.validate` does: text for `text`, `longtext`
    /// and `url`, an integer, a number for `decimal`, true or false, a date `YYYY-MM-DD`, an
    /// ISO 8601 date and time, a choice or list of choices, an object name or list of names.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the object; tools that read the field get a value they cannot use.
    ///
    /// ## Example
    /// ```yaml
    ///     custom_fields: {support_contract: 31/01/2027}
    /// ```
    CUSTOM_FIELD_WRONG_TYPE = ("NS0141", "custom-field-wrong-type", Error);

    /// A numeric custom field value is outside the field's bounds.
    ///
    /// ## What it does
    /// Compares `integer` and `decimal` values with the field's `validation_minimum` and
    /// `validation_maximum`.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the object; the bounds say what the number can mean.
    ///
    /// ## Example
    /// ```yaml
    ///     custom_fields: {power_budget_w: 20000}
    /// ```
    CUSTOM_FIELD_OUT_OF_RANGE = ("NS0142", "custom-field-out-of-range", Error);

    /// A text custom field value does not match the field's regular expression.
    ///
    /// ## What it does
    /// Matches `text`, `longtext` and `url` values against `validation_regex` from their
    /// start, as Python's `re.match` does (end the pattern with `$` to match whole values).
    ///
    /// ## Why is this bad?
    /// NetBox refuses the object; the pattern is the team's format for the value.
    ///
    /// ## Example
    /// ```yaml
    ///     custom_fields: {asset_code: x-12}
    /// ```
    CUSTOM_FIELD_REGEX_MISMATCH = ("NS0143", "custom-field-regex-mismatch", Error);

    /// A selection custom field value is not a choice of its choice set.
    ///
    /// ## What it does
    /// Looks up `select` values, and each value of a `multiselect` list, among the values of
    /// the field's `choice_set` (its `extra_choices`), and lists the allowed ones.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the object; a value outside the set is a typo or an unagreed category.
    ///
    /// ## Example
    /// ```yaml
    ///     custom_fields: {support_tier: platinum}
    /// ```
    CUSTOM_FIELD_INVALID_CHOICE = ("NS0144", "custom-field-invalid-choice", Error);

    /// An object lacks a required custom field.
    ///
    /// ## What it does
    /// Reports objects of a field's `object_types` that do not set a `required` field that
    /// has no `default`, or set it to null or the empty string.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the object: "Missing required custom field".
    ///
    /// ## Example
    /// ```yaml
    /// sites:
    ///   - {name: ams1}
    /// ```
    CUSTOM_FIELD_REQUIRED = ("NS0145", "custom-field-required", Error);

    /// An object custom field names no object of its related type.
    ///
    /// ## What it does
    /// Looks up `object` values, and each name of a `multiobject` list, by the natural key
    /// of the collection of the field's `related_object_type` (a site's name, `SITE/NAME`
    /// for a rack or device whose name is used in several sites).
    ///
    /// ## Why is this bad?
    /// The reference dangles: NetBox refuses it, and whatever follows it finds nothing.
    ///
    /// ## Example
    /// ```yaml
    ///     custom_fields: {backup_site: ams9}
    /// ```
    CUSTOM_FIELD_UNKNOWN_OBJECT = ("NS0146", "custom-field-unknown-object", Error);

    /// A custom field definition or choice set contradicts itself.
    ///
    /// ## What it does
    /// Checks definitions as NetBox's `CustomField.clean` does: bounds only on numeric
    /// fields, a regex only on text and URL fields, a `choice_set` on selection fields and
    /// only there, a `related_object_type` on object fields and only there, a filter only on
    /// object fields and as a mapping, no `unique` boolean, and a `default` that is a valid
    /// value; and choice sets as `CustomFieldChoiceSet.clean` does: some choices, none twice.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the definition; its values could not be checked as meant.
    ///
    /// ## Example
    /// ```yaml
    ///   - {name: support_tier, type: select, object_types: [dcim.site]}
    /// ```
    CUSTOM_FIELD_DEFINITION = ("NS0147", "custom-field-definition", Error);

    /// Two objects share the value of a `unique` custom field.
    ///
    /// ## What it does
    /// Gathers the values of fields marked `unique` over the objects of their types and
    /// reports each repeated value, with the first object that used it.
    ///
    /// ## Why is this bad?
    /// NetBox refuses the second object: the field is meant to identify one object.
    ///
    /// ## Example
    /// ```yaml
    ///   - {name: ams1, custom_fields: {asset_code: AB-1}}
    ///   - {name: ams2, custom_fields: {asset_code: AB-1}}
    /// ```
    CUSTOM_FIELD_NOT_UNIQUE = ("NS0148", "custom-field-not-unique", Error);
}
