//! Organisation: tenants, regions, site groups, sites and locations.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Keyed, Text};
use crate::string_enum;

pub use super::custom_fields::CustomFieldValues;

macro_rules! keyed {
    ($($ty:ty => $key:expr),* $(,)?) => { $( impl Keyed for $ty { const KEY_FIELD: Option<&'static str> = $key; } )* };
}
pub(crate) use keyed;

string_enum! {
    /// The status of a site or location.
    pub SiteStatus = ["planned", "staging", "active", "decommissioning", "retired"];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TenantGroup {
    pub name: Text,
    pub slug: Option<Text>,
    pub parent: Option<Text>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Tenant {
    pub name: Text,
    pub slug: Option<Text>,
    pub group: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
    /// The object's contacts, each in a role.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::contacts::ContactAssignment>>")]
    pub contacts: super::contacts::Contacts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Region {
    pub name: Text,
    pub slug: Option<Text>,
    pub parent: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SiteGroup {
    pub name: Text,
    pub slug: Option<Text>,
    pub parent: Option<Text>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Site {
    pub name: Text,
    pub slug: Option<Text>,
    pub status: Option<Spanned<SiteStatus>>,
    pub region: Option<Text>,
    pub group: Option<Text>,
    pub tenant: Option<Text>,
    pub facility: Option<String>,
    pub time_zone: Option<Text>,
    pub physical_address: Option<String>,
    pub shipping_address: Option<String>,
    pub latitude: Option<Spanned<f64>>,
    pub longitude: Option<Spanned<f64>>,
    #[serde(default)]
    pub asns: Vec<Spanned<u32>>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
    /// The object's contacts, each in a role.
    #[serde(default)]
    #[schemars(with = "Vec<Spanned<super::contacts::ContactAssignment>>")]
    pub contacts: super::contacts::Contacts,
}

/// A location (room, floor, cage) within a site, nested by `parent`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Location")]
pub struct LocationObj {
    pub name: Text,
    pub slug: Option<Text>,
    pub site: Text,
    pub parent: Option<Text>,
    pub status: Option<Spanned<SiteStatus>>,
    pub tenant: Option<Text>,
    pub facility: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

use super::Spanned;

keyed! {
    TenantGroup => Some("name"), Tenant => Some("name"), Region => Some("name"),
    SiteGroup => Some("name"), Site => Some("name"), LocationObj => Some("name"),
}
