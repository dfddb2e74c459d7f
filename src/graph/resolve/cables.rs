//! Cables and `DEVICE:PORT` endpoints: each cable end resolved to an interface, to a
//! port of another kind (front, rear, console, power) that the device's type or entries
//! define, or to a circuit's termination (`CID:A`, `CID:Z`). Cable ends resolve on all
//! threads.
//!
//! Reports: NS0111 (invalid-value, a malformed endpoint) and NS0301 (unresolved-reference,
//! with the device's ports suggested).

use super::{which, Builder};
use crate::diag::{codes, suggestion_help, Diagnostic, Location};
use crate::graph::*;
use crate::model::dcim::{EndpointRef, TerminationType};
use crate::model::Spanned;
use rayon::prelude::*;

impl Builder<'_> {
    pub(super) fn resolve_cables(&mut self) {
        // The ends are independent lookups, on all threads; attaching each interface to
        // its first cable happens after, in cable order.
        let cables: Vec<CableNode> = self
            .graph
            .model
            .cables
            .par_iter()
            .map(|o| {
                self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
                self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.cable"));
                let a = self.resolve_cable_end(
                    &o.data.a,
                    o.data.a_type.as_ref().map(|t| t.value),
                    o.file,
                );
                let b = self.resolve_cable_end(
                    &o.data.b,
                    o.data.b_type.as_ref().map(|t| t.value),
                    o.file,
                );
                CableNode { a, b }
            })
            .collect();
        for (c, cable) in cables.iter().enumerate() {
            for end in [&cable.a, &cable.b] {
                if let Some(CableTarget::Interface(interface)) = end {
                    let node = &mut self.graph.interfaces[interface.index()];
                    if node.cable == NONE {
                        node.cable = c as u32;
                    }
                }
            }
        }
        self.graph.cables = cables;
    }

    pub(super) fn resolve_cable_end(
        &self,
        reference: &Spanned<EndpointRef>,
        kind: Option<TerminationType>,
        file: crate::diag::FileId,
    ) -> Option<CableTarget> {
        let kind = kind.unwrap_or(TerminationType::named("interface"));
        if kind.is("circuit_termination") {
            return self.resolve_circuit_end(reference, file);
        }
        if kind.is("power_feed") {
            return self.resolve_power_feed(reference, file);
        }
        let (device, port) = self.endpoint_device(reference, file, None)?;
        if kind.is("interface") {
            return match self.graph.find_interface(Owner::Device(device), &port) {
                Some(found) => Some(CableTarget::Interface(found)),
                None => {
                    self.unknown_port(device, &port, "interface", reference.span, file);
                    None
                }
            };
        }
        if self.graph.device_has_port(device, kind, &port) {
            Some(CableTarget::Port {
                device,
                kind,
                name: port,
            })
        } else {
            let what = kind.as_str().replace('_', " ");
            let name = self.graph.device_name(device);
            self.push(
                Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!("device `{name}` has no {what} `{port}`"),
                )
                .at(Location::new(file, reference.span)),
            );
            None
        }
    }

    /// Resolves `CID:A` or `CID:Z` (split at the last `:`, as a circuit ID may hold one) to
    /// a termination the circuit defines.
    fn resolve_circuit_end(
        &self,
        reference: &Spanned<EndpointRef>,
        file: crate::diag::FileId,
    ) -> Option<CableTarget> {
        let location = Location::new(file, reference.span);
        let parts = match &reference.value {
            EndpointRef::Text(text) => text.rsplit_once(':'),
            EndpointRef::Map {
                device, interface, ..
            } => Some((device.as_str(), interface.as_str())),
        };
        let Some((cid, side)) = parts.filter(|(_, side)| matches!(*side, "A" | "Z")) else {
            self.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "`{}` is not a circuit termination reference",
                        reference.value
                    ),
                )
                .at(location)
                .with_help("write `CID:A` or `CID:Z`, the circuit's ID and the side"),
            );
            return None;
        };
        let cid_text = Spanned::new(cid.to_string(), reference.span);
        let circuit = self.resolve(which::CIRCUITS, &cid_text, file)?;
        let data = &self.graph.model.circuits[circuit.index()].data;
        let side = if side == "Z" {
            CircuitSide::Z
        } else {
            CircuitSide::A
        };
        let defined = match side {
            CircuitSide::Z => data.termination_z.is_some(),
            CircuitSide::A => data.termination_a.is_some(),
        };
        if !defined {
            self.push(
                Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!("circuit `{cid}` has no termination {}", side.as_str()),
                )
                .at(location)
                .with_help(format!(
                    "add `termination_{}` to circuit `{cid}`",
                    side.as_str().to_ascii_lowercase()
                )),
            );
            return None;
        }
        Some(CableTarget::CircuitTermination { circuit, side })
    }

    /// Resolves a `DEVICE:PORT` reference to an interface; `from_site` is the site of the
    /// referring object, for bare device names.
    pub(super) fn resolve_endpoint(
        &self,
        reference: &Spanned<EndpointRef>,
        file: crate::diag::FileId,
        from_site: Option<SiteId>,
    ) -> Option<InterfaceId> {
        let (device, port) = self.endpoint_device(reference, file, from_site)?;
        match self
            .graph
            .find_interface(Owner::Device(device), port.as_str())
        {
            Some(found) => Some(found),
            None => {
                self.unknown_port(device, &port, "interface", reference.span, file);
                None
            }
        }
    }

    pub(super) fn endpoint_device(
        &self,
        reference: &Spanned<EndpointRef>,
        file: crate::diag::FileId,
        from_site: Option<SiteId>,
    ) -> Option<(DeviceId, String)> {
        let Some((device, port)) = reference.value.parts() else {
            self.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!("`{}` is not an interface reference", reference.value),
                )
                .at(Location::new(file, reference.span))
                .with_help("write `DEVICE:INTERFACE`, e.g. `leaf1:Ethernet1`"),
            );
            return None;
        };
        let port = port.to_string();
        let device_text = Spanned::new(device, reference.span);
        let found = self.resolve_in_site(which::DEVICES, from_site, &device_text, file)?;
        Some((found, port))
    }

    pub(super) fn unknown_port(
        &self,
        device: DeviceId,
        port: &str,
        what: &str,
        span: crate::diag::Span,
        file: crate::diag::FileId,
    ) {
        let range = self.graph.owner_interfaces(Owner::Device(device));
        let names: Vec<&str> = range.map(|i| self.graph.interface_name(i)).collect();
        let suggestions = self.suggestions.did_you_mean(port, names.iter().copied());
        let mut diagnostic = Diagnostic::new(
            &codes::UNRESOLVED_REFERENCE,
            format!(
                "device `{}` has no {what} `{port}`",
                self.graph.device_name(device)
            ),
        )
        .at(Location::new(file, span));
        diagnostic.help = suggestion_help(&suggestions);
        self.push(diagnostic);
    }
}
