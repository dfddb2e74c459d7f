//! Custom fields: their definitions (NetBox's `CustomField`), the choice sets selection
//! fields draw from (`CustomFieldChoiceSet`), and the values objects carry.
//!
//! Definitions name the object types they apply to and the type of object they refer to
//! with NetBox's `app_label.model` names (`dcim.device`), so a definition exported from
//! NetBox reads the same here. Object values name their objects by the natural key netsot
//! uses for the collection (a site's name, `SITE/NAME` for a rack), where NetBox stores ids.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::keyed;
use super::{Keyed, Spanned, Text};
use crate::string_enum;

/// Custom field values of an object by field name, with the position of each name and
/// value: `check/custom_fields.rs` checks them against the definitions that apply to the
/// object's type. Serialized as a plain mapping, so exports show the values as written.
pub type CustomFieldValues = BTreeMap<Text, Spanned<serde_json::Value>>;

string_enum! {
    /// The type of a custom field (`CustomFieldTypeChoices`).
    pub CustomFieldType = ["text", "longtext", "integer", "decimal", "boolean", "date", "datetime", "url", "json", "select", "multiselect", "object", "multiobject"];
}

string_enum! {
    /// The object types whose netsot objects carry `custom_fields`, in NetBox's names.
    pub CustomFieldObjectType = [
        "circuits.circuit", "dcim.device", "dcim.interface", "dcim.location", "dcim.rack",
        "dcim.site", "ipam.ipaddress", "ipam.prefix", "ipam.service", "ipam.vlan", "ipam.vrf",
        "tenancy.tenant", "virtualization.virtualmachine", "virtualization.vminterface",
    ];
}

impl CustomFieldObjectType {
    /// The position of the type in [`CustomFieldObjectType::VALUES`], for tables by type.
    pub fn index(self) -> usize {
        Self::VALUES
            .iter()
            .position(|v| *v == self.as_str())
            .unwrap_or_default()
    }
}

string_enum! {
    /// The object types an `object` or `multiobject` field may refer to: the collections
    /// netsot finds by name.
    pub RelatedObjectType = [
        "circuits.circuit", "circuits.circuittype", "circuits.provider", "dcim.device",
        "dcim.devicerole", "dcim.devicetype", "dcim.location", "dcim.manufacturer",
        "dcim.platform", "dcim.rack", "dcim.region", "dcim.site", "dcim.sitegroup",
        "dcim.virtualchassis", "extras.tag", "ipam.rir", "ipam.routetarget", "ipam.vlan",
        "ipam.vlangroup", "ipam.vrf", "tenancy.tenant", "tenancy.tenantgroup",
        "virtualization.cluster", "virtualization.clustergroup", "virtualization.clustertype",
        "virtualization.virtualmachine",
    ];
}

string_enum! {
    /// How the field is searched (`CustomFieldFilterLogicChoices`).
    pub CustomFieldFilterLogic = ["disabled", "loose", "exact"];
}

string_enum! {
    /// When the field is shown (`CustomFieldUIVisibleChoices`).
    pub CustomFieldUiVisible = ["always", "if-set", "hidden"];
}

string_enum! {
    /// Whether the field is editable (`CustomFieldUIEditableChoices`).
    pub CustomFieldUiEditable = ["yes", "no", "hidden"];
}

string_enum! {
    /// The predefined lists a choice set may start from (`CustomFieldChoiceSetBaseChoices`).
    pub ChoiceSetBase = ["IATA", "ISO_3166", "UN_LOCODE"];
}

/// The definition of a custom field: which object types carry it and what its values are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CustomField {
    /// Letters, digits and underscores, at most 50 characters, no `__`.
    pub name: Text,
    /// `text` when not given, as in NetBox.
    #[serde(rename = "type")]
    pub kind: Option<Spanned<CustomFieldType>>,
    /// The object types whose objects carry the field, e.g. `[dcim.device, dcim.site]`.
    pub object_types: Vec<Spanned<CustomFieldObjectType>>,
    /// For `object` and `multiobject` fields: the type of the objects named.
    pub related_object_type: Option<Spanned<RelatedObjectType>>,
    pub related_object_filter: Option<Spanned<serde_json::Value>>,
    pub label: Option<String>,
    pub group_name: Option<String>,
    pub description: Option<String>,
    /// Every object of the types must carry a value, unless `default` gives one.
    #[serde(default)]
    pub required: bool,
    /// No two objects of the types may carry the same value.
    #[serde(default)]
    pub unique: bool,
    /// The value of objects that carry none.
    pub default: Option<Spanned<serde_json::Value>>,
    pub search_weight: Option<u16>,
    pub filter_logic: Option<CustomFieldFilterLogic>,
    pub weight: Option<u16>,
    /// For `integer` and `decimal` fields.
    pub validation_minimum: Option<Spanned<f64>>,
    pub validation_maximum: Option<Spanned<f64>>,
    /// For `text`, `longtext` and `url` fields: values must match from their start
    /// (Python's `re.match`); add `$` to match the whole value.
    pub validation_regex: Option<Text>,
    /// For `select` and `multiselect` fields: the name of a `custom_field_choice_sets` entry.
    pub choice_set: Option<Text>,
    pub ui_visible: Option<CustomFieldUiVisible>,
    pub ui_editable: Option<CustomFieldUiEditable>,
    #[serde(default)]
    pub is_cloneable: bool,
    pub comments: Option<String>,
}

impl CustomField {
    /// The field's type, `text` when not given.
    pub fn kind(&self) -> CustomFieldType {
        self.kind
            .as_ref()
            .map_or(CustomFieldType::named("text"), |k| k.value)
    }
}

/// The values a `select` or `multiselect` field may take.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CustomFieldChoiceSet {
    pub name: Text,
    pub description: Option<String>,
    /// A predefined list the set starts from; netsot does not ship these lists, so values
    /// of a set with a base are not checked against it.
    pub base_choices: Option<Spanned<ChoiceSetBase>>,
    /// The choices, each `[value, label]` as NetBox's API writes them, or a bare value.
    #[serde(default)]
    pub extra_choices: Vec<Spanned<serde_json::Value>>,
    #[serde(default)]
    pub order_alphabetically: bool,
}

impl CustomFieldChoiceSet {
    /// The value of each extra choice, with its span; `None` for an entry of another shape.
    pub fn values(&self) -> impl Iterator<Item = (Option<&str>, &Spanned<serde_json::Value>)> {
        self.extra_choices.iter().map(|entry| {
            let value = match &entry.value {
                serde_json::Value::String(value) => Some(value.as_str()),
                serde_json::Value::Array(pair) if pair.len() == 2 => pair[0].as_str(),
                _ => None,
            };
            (value, entry)
        })
    }
}

keyed! { CustomField => Some("name"), CustomFieldChoiceSet => Some("name") }
