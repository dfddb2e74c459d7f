//! Contacts: groups of contacts, roles, contacts, and their assignment to objects
//! (NetBox 4.4's `tenancy/models/contacts.py`). An object lists its contacts in its own
//! `contacts: [{contact, role, priority}]`, the way interfaces list their addresses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::{keyed, CustomFieldValues};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The priority of a contact for an object (NetBox's `ContactPriorityChoices`).
    pub ContactPriority = ["primary", "secondary", "tertiary", "inactive"];
}

/// A group of contacts, nested by `parent`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContactGroup {
    pub name: Text,
    pub slug: Option<Text>,
    pub parent: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// What a contact does for an object (e.g. "on-call", "site manager").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContactRole {
    pub name: Text,
    pub slug: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// A person or team to reach about objects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Contact {
    /// What assignments name the contact by; NetBox does not require it unique, netsot
    /// does.
    pub name: Text,
    #[serde(default)]
    pub groups: Vec<Text>,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub link: Option<String>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// A contact of an object, in a role (NetBox's `ContactAssignment`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContactAssignment {
    pub contact: Text,
    pub role: Text,
    pub priority: Option<Spanned<ContactPriority>>,
}

/// An object's contacts: a thin vector (one word, nothing allocated when empty), as
/// devices are many and most have none.
pub type Contacts = thin_vec::ThinVec<Spanned<ContactAssignment>>;

keyed! {
    ContactGroup => Some("name"), ContactRole => Some("name"), Contact => Some("name"),
}
