//! Inventory items (NetBox 4.4's `InventoryItem` and `InventoryItemRole`,
//! `dcim/models/device_components.py`): serialised hardware inside a device (power
//! supplies, fans, transceivers), nested under the device as `inventory_items`, each
//! optionally in a parent item and attached to one of the device's components. Device
//! types bring theirs with the library's `inventory-items` (`device_type.rs`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::organisation::{keyed, CustomFieldValues};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of an inventory item (NetBox's `InventoryItemStatusChoices`).
    pub InventoryItemStatus = ["offline", "active", "planned", "staged", "failed", "decommissioning"];
}

string_enum! {
    /// The kind of component an inventory item belongs to (NetBox's
    /// `MODULAR_COMPONENT_MODELS` an item's `component_type` may name).
    pub ComponentType = [
        "interface", "console_port", "console_server_port", "power_port", "power_outlet",
        "front_port", "rear_port", "module_bay", "device_bay",
    ];
}

/// The function of inventory items ("power supply", "transceiver").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InventoryItemRole {
    pub name: Text,
    pub slug: Option<Text>,
    pub color: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// A piece of hardware in a device. Names are unique per (device, parent), as NetBox's
/// `dcim_inventoryitem_unique_device_parent_name`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InventoryItem {
    pub name: Text,
    pub label: Option<String>,
    /// Another item of the same device, by name, that holds this one.
    pub parent: Option<Text>,
    pub status: Option<Spanned<InventoryItemStatus>>,
    pub role: Option<Text>,
    pub manufacturer: Option<Text>,
    pub part_id: Option<String>,
    pub serial: Option<String>,
    /// Unique among inventory items, as NetBox's `asset_tag unique=True`.
    pub asset_tag: Option<Text>,
    /// Whether the item was found by discovery rather than entered.
    #[serde(default)]
    pub discovered: bool,
    /// What `component` names; `interface` when not given.
    pub component_type: Option<Spanned<ComponentType>>,
    /// A component of the same device, by name: the interface a transceiver sits in, the
    /// power port a power supply feeds.
    pub component: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

keyed! { InventoryItemRole => Some("name") }
