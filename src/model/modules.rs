//! What a device holds besides its own components: modules installed in its module bays
//! (line cards, transceivers), extra module bays, the device bay it sits in, and how a
//! virtual chassis numbers its members' interfaces.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of an installed module (NetBox's `ModuleStatusChoices`).
    pub ModuleStatus = ["offline", "active", "planned", "staged", "failed", "decommissioning"];
}

string_enum! {
    /// How the members of a virtual chassis number the interfaces their type gives them:
    /// `vc_position` sets the first number of a slotted name (`et-0/0/48`,
    /// `GigabitEthernet1/0/1`) to the member's `vc_position`; `vc_position_minus_one` to
    /// one less (Juniper's FPC numbers on a chassis whose positions count from 1).
    pub InterfaceNumbering = ["vc_position", "vc_position_minus_one"];
}

/// A module installed in a module bay of its device (NetBox's `Module`): its type's
/// interfaces, console and front/rear ports join the device's, with `{module}` in their
/// names replaced by the bay's `position`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Module {
    /// The module bay, by name: one of the device type's `module-bays`, of the device's
    /// own `module_bays`, or (for a module nested under another) of the outer module's type.
    #[serde(alias = "module_bay")]
    pub bay: Text,
    /// `Manufacturer/Model` of a module type, or its bare model when no other
    /// manufacturer has a module type of that name.
    #[serde(rename = "type", alias = "module_type")]
    pub module_type: Text,
    pub status: Option<Spanned<ModuleStatus>>,
    pub serial: Option<String>,
    pub asset_tag: Option<Text>,
    pub description: Option<String>,
    /// Modules installed in the module bays this module's type brings.
    #[serde(default)]
    pub modules: Vec<Spanned<Module>>,
}

/// A module bay a device has beyond its type's `module-bays`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModuleBay {
    pub name: Text,
    pub label: Option<String>,
    /// What replaces `{module}` in the names of an installed module's components.
    pub position: Option<Text>,
    pub description: Option<String>,
}

/// The device bay of a parent device a device is installed in (NetBox's
/// `DeviceBay.installed_device`, seen from the child).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ParentBay {
    /// The parent device, in the child's site.
    pub device: Text,
    /// One of the parent's type's `device-bays`, by name.
    pub bay: Text,
}
