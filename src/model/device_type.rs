//! Device and module types in the format of the netbox-community devicetype-library, read
//! as the library ships them (component lists under hyphenated keys).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::{
    Airflow, ConsolePortType, InterfaceType, PortType, PowerOutletType, PowerPortType,
    SubdeviceRole, WeightUnit,
};
use super::organisation::keyed;
use super::{Keyed, Spanned, Text};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeviceType {
    pub manufacturer: Text,
    pub model: Text,
    pub slug: Option<Text>,
    pub part_number: Option<String>,
    /// Height in rack units; half units allowed. 1 when not given.
    pub u_height: Option<Spanned<f64>>,
    /// Whether the device occupies both faces of its units; true when not given.
    pub is_full_depth: Option<bool>,
    pub airflow: Option<Spanned<Airflow>>,
    /// Needs `weight_unit`.
    pub weight: Option<Spanned<f64>>,
    pub weight_unit: Option<Spanned<WeightUnit>>,
    pub front_image: Option<bool>,
    pub rear_image: Option<bool>,
    pub subdevice_role: Option<Spanned<SubdeviceRole>>,
    pub is_powered: Option<bool>,
    pub exclude_from_utilization: Option<bool>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(rename = "console-ports", default)]
    pub console_ports: Vec<Spanned<ConsolePortTemplate>>,
    #[serde(rename = "console-server-ports", default)]
    pub console_server_ports: Vec<Spanned<ConsolePortTemplate>>,
    #[serde(rename = "power-ports", default)]
    pub power_ports: Vec<Spanned<PowerPortTemplate>>,
    #[serde(rename = "power-outlets", default)]
    pub power_outlets: Vec<Spanned<PowerOutletTemplate>>,
    #[serde(default)]
    pub interfaces: Vec<Spanned<InterfaceTemplate>>,
    #[serde(rename = "front-ports", default)]
    pub front_ports: Vec<Spanned<FrontPortTemplate>>,
    #[serde(rename = "rear-ports", default)]
    pub rear_ports: Vec<Spanned<RearPortTemplate>>,
    #[serde(rename = "module-bays", default)]
    pub module_bays: Vec<Spanned<BayTemplate>>,
    #[serde(rename = "device-bays", default)]
    pub device_bays: Vec<Spanned<BayTemplate>>,
    #[serde(rename = "inventory-items", default)]
    pub inventory_items: Vec<Spanned<InventoryItemTemplate>>,
}

impl DeviceType {
    /// The slug the library derives when none is given: manufacturer and model, lowercase,
    /// non-alphanumerics folded to `-`.
    pub fn effective_slug(&self) -> String {
        match &self.slug {
            Some(slug) => slug.value.clone(),
            None => slugify(&format!("{}-{}", self.manufacturer.value, self.model.value)),
        }
    }

    pub fn height(&self) -> f64 {
        self.u_height.as_ref().map_or(1.0, |h| h.value)
    }

    pub fn full_depth(&self) -> bool {
        self.is_full_depth.unwrap_or(true)
    }
}

/// A profile of module types (NetBox 4.3's `ModuleTypeProfile`: CPU, fan, power
/// supply...): a JSON Schema the `attribute_data` of its module types conform to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModuleTypeProfile {
    /// Unique; module types name their profile by it.
    pub name: Text,
    pub description: Option<String>,
    /// A JSON Schema that defines `properties`; `$ref`s resolve within the schema only.
    pub schema: Option<Spanned<serde_json::Value>>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModuleType {
    pub manufacturer: Text,
    pub model: Text,
    /// The module type profile, by name (NetBox 4.3).
    pub profile: Option<Text>,
    /// The type's attributes (`{cores: 16}`), conforming to its profile's `schema`.
    pub attribute_data: Option<Spanned<serde_json::Value>>,
    pub part_number: Option<String>,
    pub airflow: Option<Spanned<Airflow>>,
    pub weight: Option<f64>,
    pub weight_unit: Option<Spanned<WeightUnit>>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(rename = "console-ports", default)]
    pub console_ports: Vec<Spanned<ConsolePortTemplate>>,
    #[serde(rename = "console-server-ports", default)]
    pub console_server_ports: Vec<Spanned<ConsolePortTemplate>>,
    #[serde(rename = "power-ports", default)]
    pub power_ports: Vec<Spanned<PowerPortTemplate>>,
    #[serde(rename = "power-outlets", default)]
    pub power_outlets: Vec<Spanned<PowerOutletTemplate>>,
    #[serde(default)]
    pub interfaces: Vec<Spanned<InterfaceTemplate>>,
    #[serde(rename = "front-ports", default)]
    pub front_ports: Vec<Spanned<FrontPortTemplate>>,
    #[serde(rename = "rear-ports", default)]
    pub rear_ports: Vec<Spanned<RearPortTemplate>>,
    #[serde(rename = "module-bays", default)]
    pub module_bays: Vec<Spanned<BayTemplate>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InterfaceTemplate {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Spanned<InterfaceType>,
    pub label: Option<String>,
    pub enabled: Option<bool>,
    pub mgmt_only: Option<bool>,
    /// Another interface template of the same type.
    pub bridge: Option<Text>,
    /// Wireless types only: `ap` or `station`.
    pub rf_role: Option<Spanned<super::wireless::WirelessRole>>,
    /// Physical types only: `pd` or `pse`.
    pub poe_mode: Option<Spanned<super::choices::PoeMode>>,
    /// Needs `poe_mode`.
    pub poe_type: Option<Spanned<super::choices::PoeType>>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsolePortTemplate {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<ConsolePortType>>,
    pub label: Option<String>,
    pub poe: Option<bool>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PowerPortTemplate {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PowerPortType>>,
    pub label: Option<String>,
    pub maximum_draw: Option<Spanned<u32>>,
    pub allocated_draw: Option<Spanned<u32>>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PowerOutletTemplate {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PowerOutletType>>,
    pub label: Option<String>,
    /// A power port template of the same type, by name.
    pub power_port: Option<Text>,
    pub feed_leg: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FrontPortTemplate {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PortType>>,
    pub label: Option<String>,
    pub color: Option<String>,
    /// A rear port template of the same type, and the position (1 by default) on it.
    pub rear_port: Option<Text>,
    pub rear_port_position: Option<Spanned<u16>>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RearPortTemplate {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PortType>>,
    pub label: Option<String>,
    pub color: Option<String>,
    /// 1 to 1024; 1 when not given.
    pub positions: Option<Spanned<u16>>,
    pub poe: Option<bool>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BayTemplate {
    pub name: Text,
    pub label: Option<String>,
    pub position: Option<serde_json::Value>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InventoryItemTemplate {
    pub name: Text,
    pub label: Option<String>,
    pub manufacturer: Option<String>,
    pub part_id: Option<String>,
    pub description: Option<String>,
}

/// NetBox's slug rule: lowercase letters, digits, `-` and `_`; anything else becomes `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

keyed! { DeviceType => Some("model"), ModuleType => Some("model"), ModuleTypeProfile => Some("name") }
