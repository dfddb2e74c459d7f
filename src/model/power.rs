//! Power: panels at a site, the feeds they supply (cabled to a PDU's power port), and the
//! outlets of a device (NetBox 4.4's `dcim/models/power.py` and `PowerOutlet`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::PowerOutletType;
use super::organisation::{keyed, CustomFieldValues};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of a power feed.
    pub PowerFeedStatus = ["offline", "active", "planned", "failed"];
}

string_enum! {
    /// Whether a feed is a rack's primary or redundant supply.
    pub PowerFeedType = ["primary", "redundant"];
}

string_enum! {
    /// A feed's current.
    pub PowerFeedSupply = ["ac", "dc"];
}

string_enum! {
    /// A feed's phases.
    pub PowerFeedPhase = ["single-phase", "three-phase"];
}

string_enum! {
    /// The phase of a three-phase feed an outlet is on.
    pub FeedLeg = ["A", "B", "C"];
}

/// A power panel: a distribution board at a site, optionally in a location.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PowerPanel {
    /// Unique within the site.
    pub name: Text,
    pub site: Text,
    pub location: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// A power feed from a panel, optionally to a rack; cabled to a power port as `PANEL:FEED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PowerFeed {
    /// Unique within the panel.
    pub name: Text,
    /// The panel, `PANEL` or `SITE/PANEL` when the name is ambiguous.
    pub power_panel: Text,
    /// A rack in the panel's site.
    pub rack: Option<Text>,
    pub status: Option<Spanned<PowerFeedStatus>>,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PowerFeedType>>,
    /// `ac` when not given.
    pub supply: Option<Spanned<PowerFeedSupply>>,
    /// `single-phase` when not given.
    pub phase: Option<Spanned<PowerFeedPhase>>,
    /// Volts, never 0, negative only for DC; 120 when not given.
    pub voltage: Option<Spanned<i32>>,
    /// Amperes, at least 1; 15 when not given.
    pub amperage: Option<Spanned<u32>>,
    /// The highest share of the feed's power that may be drawn, in percent (1 to 100); 80
    /// when not given.
    pub max_utilization: Option<Spanned<u32>>,
    #[serde(default)]
    pub mark_connected: bool,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

impl PowerFeed {
    pub fn voltage(&self) -> i32 {
        self.voltage.as_ref().map_or(120, |v| v.value)
    }

    pub fn amperage(&self) -> u32 {
        self.amperage.as_ref().map_or(15, |a| a.value)
    }

    pub fn max_utilization(&self) -> u32 {
        self.max_utilization.as_ref().map_or(80, |m| m.value)
    }

    pub fn three_phase(&self) -> bool {
        self.phase
            .as_ref()
            .is_some_and(|p| p.value.is("three-phase"))
    }

    /// The power that may be drawn, in watts, as NetBox's `PowerFeed.save` caches it:
    /// |voltage| x amperage x max utilisation, times 1.732 for three phases, rounded.
    pub fn available_power(&self) -> u64 {
        let watts = f64::from(self.voltage().unsigned_abs())
            * f64::from(self.amperage())
            * (f64::from(self.max_utilization()) / 100.0);
        let watts = if self.three_phase() {
            watts * 1.732
        } else {
            watts
        };
        watts.round() as u64
    }
}

/// A power outlet of a device (a PDU's socket), fed by one of its power ports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PowerOutlet {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<PowerOutletType>>,
    pub label: Option<String>,
    /// The power port of the same device feeding this outlet.
    pub power_port: Option<Text>,
    /// The phase of a three-phase feed the outlet is on.
    pub feed_leg: Option<Spanned<FeedLeg>>,
    /// `enabled` when not given (NetBox 4.4's `PowerOutlet.status`).
    pub status: Option<Spanned<PowerOutletStatus>>,
    pub description: Option<String>,
}

string_enum! {
    /// Whether an outlet gives power (NetBox's `PowerOutletStatusChoices`).
    pub PowerOutletStatus = ["enabled", "disabled", "faulty"];
}

keyed! { PowerPanel => Some("name"), PowerFeed => Some("name") }

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(phase: &str, voltage: i32, amperage: u32, max_utilization: u32) -> PowerFeed {
        let span = crate::diag::Span::default();
        PowerFeed {
            name: Spanned::new("f".to_string(), span),
            power_panel: Spanned::new("p".to_string(), span),
            rack: None,
            status: None,
            kind: None,
            supply: None,
            phase: Some(Spanned::new(PowerFeedPhase::named(phase), span)),
            voltage: Some(Spanned::new(voltage, span)),
            amperage: Some(Spanned::new(amperage, span)),
            max_utilization: Some(Spanned::new(max_utilization, span)),
            mark_connected: false,
            description: None,
            tags: Vec::new(),
            custom_fields: CustomFieldValues::default(),
        }
    }

    /// The figures NetBox 4.4.10 stored for the same feeds (`PowerFeed.available_power`).
    #[test]
    fn available_power_as_netbox_computes_it() {
        assert_eq!(feed("single-phase", 230, 8, 80).available_power(), 1472);
        assert_eq!(feed("three-phase", 400, 32, 80).available_power(), 17736);
        assert_eq!(feed("single-phase", -48, 60, 100).available_power(), 2880);
    }
}
