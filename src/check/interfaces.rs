//! Family 6, device interfaces: the parts of NetBox's `Interface.clean`
//! (`dcim/models/device_components.py`) that resolution leaves over (a parent only on a
//! virtual interface, no LAG on one, no virtual interface marked connected), and netsot's
//! own rule against nested LAGs (`policy.netbox_departures.nested_lags`; NetBox accepts a
//! LAG in a LAG). Only interfaces with an entry can carry these mistakes, so
//! only `graph.interface_links` is walked.

use crate::diag::codes;
use crate::diag::{Diagnostic, FileId, Location, Span};
use crate::graph::{Graph, Owner};
use crate::model::choices::InterfaceType;
use crate::model::config::Config;

pub(super) fn check(graph: &Graph, config: &Config, out: &mut Vec<Diagnostic>) {
    let nested_lags = config.policy.netbox_departures.nested_lags;
    for node in &graph.interface_links {
        let i = node.interface;
        // A VM's interfaces have no type in NetBox, so only netsot's own rule (nested LAGs)
        // applies to them.
        let device = matches!(graph.interfaces[i.index()].owner, Owner::Device(_));
        let (Some(entry), Some(kind)) = (graph.interface_entry(i), graph.interface_kind(i)) else {
            continue;
        };
        let file = graph.interface_location(i).file;
        if device {
            let mode = entry.poe_mode.as_ref().map(|m| m.span);
            let poe_type = entry.poe_type.as_ref().map(|t| t.span);
            if let Some(found) = poe(
                kind,
                mode,
                poe_type,
                || format!("`{}`", graph.interface_label(i)),
                file,
            ) {
                out.push(found);
            }
        }
        if let (Some(lag), Some(reference)) = (node.lag, &entry.lag) {
            if kind.is("lag") {
                if !nested_lags {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &codes::NESTED_LAG,
                        format!(
                            "LAG {} cannot be a member of LAG {}",
                            graph.interface_label(i),
                            graph.interface_name(lag)
                        ),
                    )
                    .at(Location::new(file, reference.span))
                    .with_help("make the physical members of both LAGs members of one LAG, or turn off `policy.netbox_departures.nested_lags`"),
                );
            } else if device && kind.is("virtual") {
                out.push(
                    Diagnostic::new(
                        &codes::VIRTUAL_INTERFACE_IN_LAG,
                        format!(
                            "virtual interface `{}` cannot be a member of LAG `{}`",
                            graph.interface_label(i),
                            graph.interface_name(lag)
                        ),
                    )
                    .at(Location::new(file, reference.span))
                    .with_help("make the physical interface the LAG member, or remove `lag`"),
                );
            }
        }
        if let (Some(_), Some(reference)) = (node.parent, &entry.parent) {
            if device && !kind.is("virtual") {
                out.push(
                    Diagnostic::new(
                        &codes::PARENT_ON_PHYSICAL_INTERFACE,
                        format!(
                            "`{}` is a {} interface; only virtual interfaces have a parent",
                            graph.interface_label(i),
                            kind.as_str()
                        ),
                    )
                    .at(Location::new(file, reference.span))
                    .with_help("give the sub-interface `type: virtual`, or remove `parent`"),
                );
            }
        }
        if device && entry.mark_connected && super::cables::is_virtual(kind) {
            out.push(
                Diagnostic::new(
                    &codes::MARK_CONNECTED_CONFLICT,
                    format!(
                        "`{}` is a {} interface and cannot be marked connected",
                        graph.interface_label(i),
                        kind.as_str()
                    ),
                )
                .at(graph.interface_location(i))
                .with_help("remove `mark_connected: true`; only physical ports connect"),
            );
        }
    }
}

/// `InterfaceValidationMixin.clean` on PoE: no mode or type on a virtual, LAG or bridge
/// interface (NS0632), no type without a mode (NS0633). `label` names the interface or
/// template, quoted; shared with interface templates (`type_templates.rs`).
pub(super) fn poe(
    kind: InterfaceType,
    mode: Option<Span>,
    poe_type: Option<Span>,
    label: impl FnOnce() -> String,
    file: FileId,
) -> Option<Diagnostic> {
    let first = mode
        .map(|s| ("poe_mode", s))
        .or(poe_type.map(|s| ("poe_type", s)))?;
    if super::cables::is_virtual(kind) {
        let (field, span) = first;
        return Some(
            Diagnostic::new(
                &codes::POE_ON_VIRTUAL_INTERFACE,
                format!(
                    "{} is a {} interface and cannot have `{field}`",
                    label(),
                    kind.as_str()
                ),
            )
            .at(Location::new(file, span))
            .with_help("set PoE on the physical port, or remove it"),
        );
    }
    match (mode, poe_type) {
        (None, Some(span)) => Some(
            Diagnostic::new(
                &codes::POE_TYPE_WITHOUT_MODE,
                format!("{} has a `poe_type` but no `poe_mode`", label()),
            )
            .at(Location::new(file, span))
            .with_help(
                "add `poe_mode: pse` (it supplies power) or `poe_mode: pd` (it draws power)",
            ),
        ),
        _ => None,
    }
}
