//! Family 6, wireless: NetBox's rules for radios (`dcim/models/device_components.py`
//! `Interface.clean`, `dcim/models/mixins.py` `InterfaceValidationMixin.clean`) and for
//! wireless LANs and links (`wireless/models.py`): radio settings and wireless LANs only on
//! wireless interfaces (NS0641), a frequency or width that is the selected channel's
//! (NS0642), wireless links only between wireless interfaces (NS0640), a distance with its
//! unit (NS0644), and the validators' bounds (NS0111: transmit power -40 to 127 dBm, SSIDs
//! of 32 characters, pre-shared keys of 64). Interfaces with an entry are the only ones
//! with radio settings, so only `graph.interface_links` is walked.

use crate::diag::codes;
use crate::diag::{Diagnostic, FileId, Location};
use crate::graph::{Graph, InterfaceId};
use crate::model::dcim::Interface;
use crate::model::Text;

/// `SSID_MAX_LENGTH` and `PSK_MAX_LENGTH` of `wireless/constants.py`.
const SSID_MAX: usize = 32;
const PSK_MAX: usize = 64;

/// The `tx_power` validators of `Interface` (`MinValueValidator(-40)`,
/// `MaxValueValidator(127)`).
const TX_POWER: (i16, i16) = (-40, 127);

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for node in &graph.interface_links {
        let i = node.interface;
        if let Some(entry) = graph.interface_entry(i) {
            radio(graph, i, entry, out);
        }
    }
    let m = &graph.model;
    for (node, o) in graph.wireless_links.iter().zip(&m.wireless_links) {
        let data = &o.data;
        for (end, written) in [(node.a, &data.interface_a), (node.b, &data.interface_b)] {
            let Some(end) = end else { continue };
            let Some(kind) = graph.interface_kind(end) else {
                continue;
            };
            if !kind.is_wireless() {
                out.push(
                    Diagnostic::new(
                        &codes::WIRELESS_LINK_WIRED_INTERFACE,
                        format!(
                            "`{}` is a {} interface, not a wireless one",
                            graph.interface_label(end),
                            kind.as_str()
                        ),
                    )
                    .at(o.at(written))
                    .with_help("link two wireless interfaces (802.11, 802.15, cellular); connect wired ones with a cable"),
                );
            }
        }
        if let (Some(distance), None) = (&data.distance, &data.distance_unit) {
            out.push(
                Diagnostic::new(
                    &codes::DISTANCE_WITHOUT_UNIT,
                    format!(
                        "wireless link `{}` has a distance `{}` but no unit",
                        link_label(graph, node.a, node.b),
                        distance.value
                    ),
                )
                .at(o.at(distance))
                .with_help("add `distance_unit`: km, m, mi or ft"),
            );
        }
        lengths(
            o.file,
            "wireless link",
            data.ssid.as_ref(),
            data.auth_psk.as_ref(),
            out,
        );
    }
    for o in &m.wireless_lans {
        lengths(
            o.file,
            "wireless LAN",
            Some(&o.data.ssid),
            o.data.auth_psk.as_ref(),
            out,
        );
    }
}

/// A link as `A -- B`, for messages.
fn link_label(graph: &Graph, a: Option<InterfaceId>, b: Option<InterfaceId>) -> String {
    let end =
        |i: Option<InterfaceId>| i.map_or_else(|| "?".to_string(), |i| graph.interface_label(i));
    format!("{} -- {}", end(a), end(b))
}

/// NS0641, NS0642 and the transmit power's bounds on one interface entry.
fn radio(graph: &Graph, i: InterfaceId, entry: &Interface, out: &mut Vec<Diagnostic>) {
    let file = graph.interface_location(i).file;
    if let Some(power) = &entry.tx_power {
        if power.value < TX_POWER.0 || power.value > TX_POWER.1 {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "transmit power `{}` of `{}` is out of range",
                        power.value,
                        graph.interface_label(i)
                    ),
                )
                .at(Location::new(file, power.span))
                .with_help("NetBox accepts -40 to 127 dBm"),
            );
        }
    }
    // The first radio setting written, as NetBox reports the first field it refuses.
    let setting = entry
        .rf_role
        .as_ref()
        .map(|v| ("rf_role", v.span))
        .or_else(|| entry.rf_channel.as_ref().map(|v| ("rf_channel", v.span)))
        .or_else(|| {
            entry
                .rf_channel_frequency
                .as_ref()
                .map(|v| ("rf_channel_frequency", v.span))
        })
        .or_else(|| {
            entry
                .rf_channel_width
                .as_ref()
                .map(|v| ("rf_channel_width", v.span))
        })
        .or_else(|| {
            entry
                .wireless_lans
                .first()
                .map(|v| ("wireless_lans", v.span))
        });
    let Some((field, span)) = setting else {
        return;
    };
    let kind = graph.interface_kind(i);
    if !kind.is_some_and(|k| k.is_wireless()) {
        out.push(
            Diagnostic::new(
                &codes::RADIO_SETTINGS_ON_WIRED_INTERFACE,
                format!(
                    "`{}` is a {} interface and cannot have `{field}`",
                    graph.interface_label(i),
                    kind.map_or("typeless", |k| k.as_str())
                ),
            )
            .at(Location::new(file, span))
            .with_help("give the interface a wireless `type` (e.g. ieee802.11ax), or remove the radio settings"),
        );
        return;
    }
    let Some(channel) = &entry.rf_channel else {
        return;
    };
    let (frequency, width) = channel.value.frequency_and_width();
    for (field, value, expected) in [
        (
            "rf_channel_frequency",
            &entry.rf_channel_frequency,
            frequency,
        ),
        ("rf_channel_width", &entry.rf_channel_width, width),
    ] {
        let Some(value) = value else { continue };
        if value.value != expected {
            out.push(
                Diagnostic::new(
                    &codes::RF_CHANNEL_MISMATCH,
                    format!(
                        "`{field}` `{}` of `{}` is not channel `{}`'s {expected}",
                        value.value,
                        graph.interface_label(i),
                        channel.value
                    ),
                )
                .at(Location::new(file, value.span))
                .with_help(format!("remove `{field}`: the channel sets it")),
            );
        }
    }
}

/// NS0111 for an SSID over 32 characters or a pre-shared key over 64.
fn lengths(
    file: FileId,
    what: &str,
    ssid: Option<&Text>,
    psk: Option<&Text>,
    out: &mut Vec<Diagnostic>,
) {
    for (field, value, max) in [("ssid", ssid, SSID_MAX), ("auth_psk", psk, PSK_MAX)] {
        let Some(value) = value else { continue };
        if value.value.len() > max && value.value.chars().count() > max {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!("the {what}'s `{field}` is longer than {max} characters"),
                )
                .at(Location::new(file, value.span))
                .with_help(format!(
                    "NetBox stores at most {max} characters in `{field}`"
                )),
            );
        }
    }
}
