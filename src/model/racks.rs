//! Rack roles, rack types and rack reservations (NetBox 4.4's `dcim/models/racks.py`:
//! `RackRole`, `RackType`, `RackReservation`), and the physical values racks share with
//! their types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::WeightUnit;
use super::organisation::{keyed, CustomFieldValues};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// NetBox's `RackFormFactorChoices`.
    pub RackFormFactor = [
        "2-post-frame", "4-post-frame", "4-post-cabinet", "wall-frame", "wall-frame-vertical",
        "wall-cabinet", "wall-cabinet-vertical",
    ];
}

string_enum! {
    /// NetBox's `RackDimensionUnitChoices`: the unit of a rack's outer dimensions.
    pub RackDimensionUnit = ["mm", "in"];
}

string_enum! {
    /// NetBox's `RackReservationStatusChoices`.
    pub RackReservationStatus = ["pending", "active", "stale"];
}

/// A functional role of racks, with the colour the site's elevations use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RackRole {
    pub name: Text,
    pub slug: Option<Text>,
    /// Six hexadecimal digits; NetBox's grey (`9e9e9e`) when not given.
    pub color: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// A model of rack from a manufacturer: the racks of this type take its form factor,
/// width, numbering, dimensions and weights (NetBox's `Rack.copy_racktype_attrs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RackType {
    pub manufacturer: Text,
    /// Unique per manufacturer.
    pub model: Text,
    /// Unique; racks name their type by this slug.
    pub slug: Text,
    pub form_factor: Spanned<RackFormFactor>,
    /// Rail-to-rail width in inches (10, 19, 21 or 23); 19 when not given.
    pub width: Option<Spanned<u16>>,
    /// Height in rack units; 42 when not given.
    pub u_height: Option<Spanned<u16>>,
    /// The number of the lowest unit; 1 when not given.
    pub starting_unit: Option<Spanned<u16>>,
    #[serde(default)]
    pub desc_units: bool,
    pub outer_width: Option<Spanned<u16>>,
    pub outer_height: Option<Spanned<u16>>,
    pub outer_depth: Option<Spanned<u16>>,
    /// Needed when an outer dimension is given.
    pub outer_unit: Option<Spanned<RackDimensionUnit>>,
    /// The deepest device the rails hold, in millimetres.
    pub mounting_depth: Option<Spanned<u16>>,
    pub weight: Option<Spanned<f64>>,
    pub max_weight: Option<Spanned<u32>>,
    /// Needed with `weight` or `max_weight`.
    pub weight_unit: Option<Spanned<WeightUnit>>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// Units of a rack set aside, for a person or a project, before devices are installed.
///
/// NetBox requires a user, an account of its own; git has no such accounts, so `user` is
/// free text (a username, or an e-mail address) that the push matches to a NetBox username.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RackReservation {
    pub site: Text,
    pub rack: Text,
    /// Whole unit numbers of the rack, none reserved by another reservation.
    pub units: Spanned<Vec<Spanned<u16>>>,
    pub status: Option<Spanned<RackReservationStatus>>,
    /// Who holds the reservation: the NetBox username the push assigns it to.
    pub user: Text,
    pub tenant: Option<Text>,
    /// Why the units are reserved; required, as in NetBox, and drawn on the elevations.
    pub description: Text,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

keyed! {
    RackRole => Some("name"), RackType => Some("slug"), RackReservation => None,
}
