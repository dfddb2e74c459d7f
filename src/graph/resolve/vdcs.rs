//! Virtual device contexts (NetBox 4.4's `dcim.VirtualDeviceContext`, `dcim/models/
//! devices.py`): each device's contexts with their tenant, tags and primary addresses, and
//! the contexts each device interface joins (`vdcs`). Runs after the primary IPs, as a
//! context's primary address is found the way its device's is.
//!
//! NetBox's rules: a name and an identifier are each unique per device
//! (`Meta.constraints: dcim_virtualdevicecontext_device_name`, `..._device_identifier`);
//! the identifier is a `PositiveSmallIntegerField` (0 to 32767); a primary address is of
//! its field's family and on an interface of the device (`VirtualDeviceContext.clean`,
//! `device.vc_interfaces(if_master=False)`), and is the primary of one context at most
//! (`OneToOneField`). An interface joins contexts of its own device: NetBox's form offers
//! only those, and netsot names them within the device, so no other can be named.
//!
//! Reports: NS0111 (invalid-value), NS0201 (duplicate-object), NS0301
//! (unresolved-reference), and through [`Builder::resolve_primary`] NS0107 and NS0307.

use rustc_hash::FxHashMap as HashMap;

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::index::duplicate;
use crate::graph::{DeviceId, IpId, Owner, VdcNode};

impl Builder<'_> {
    pub(super) fn resolve_vdcs(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        // The members of each virtual chassis, for a primary address on another member.
        let mut members: Vec<Vec<DeviceId>> = Vec::new();
        let mut nodes = Vec::new();
        let mut joined = Vec::new();
        let mut primaries: HashMap<IpId, Location> = HashMap::default();
        for (d, o) in model.devices.iter().enumerate() {
            let data = &o.data;
            let has_members = data.interfaces.iter().any(|i| !i.value.vdcs.is_empty());
            if data.virtual_device_contexts.is_empty() && !has_members {
                continue;
            }
            if members.is_empty() && !model.virtual_chassis.is_empty() {
                members = vec![Vec::new(); model.virtual_chassis.len()];
                for (m, node) in self.graph.devices.iter().enumerate() {
                    if let Some(chassis) = node.virtual_chassis {
                        members[chassis.index()].push(DeviceId::from_index(m));
                    }
                }
            }
            let device = DeviceId::from_index(d);
            let owner = Owner::Device(device);
            let first = nodes.len();
            let mut names: HashMap<&str, Location> = HashMap::default();
            let mut identifiers: HashMap<u32, Location> = HashMap::default();
            for (index, vdc) in data.virtual_device_contexts.iter().enumerate() {
                let v = &vdc.value;
                let at = o.at(&v.name);
                if let Some(&earlier) = names.get(v.name.value.as_str()) {
                    self.push(
                        duplicate("virtual device context", &v.name.value, at, earlier)
                            .with_help("NetBox keeps a context's name unique per device"),
                    );
                } else {
                    names.insert(&v.name.value, at);
                }
                if let Some(identifier) = &v.identifier {
                    let at = o.at(identifier);
                    if identifier.value > 32767 {
                        self.push(
                            Diagnostic::new(
                                &codes::INVALID_VALUE,
                                format!(
                                    "identifier {} of virtual device context `{}` is above 32767",
                                    identifier.value, v.name.value
                                ),
                            )
                            .at(at)
                            .with_help(
                                "NetBox keeps it in a PositiveSmallIntegerField: 0 to 32767",
                            ),
                        );
                    } else if let Some(&earlier) = identifiers.get(&identifier.value) {
                        self.push(
                            duplicate(
                                "virtual device context identifier",
                                &identifier.value.to_string(),
                                at,
                                earlier,
                            )
                            .with_help("NetBox keeps a context's identifier unique per device"),
                        );
                    } else {
                        identifiers.insert(identifier.value, at);
                    }
                }
                let tenant = self.resolve_opt(which::TENANTS, v.tenant.as_ref(), o.file);
                self.resolve_tags(&v.tags, o.file, tagged!("dcim.virtualdevicecontext"));
                let mut primary = |text: Option<&crate::model::Text>, family, field| {
                    let text = text?;
                    let ip =
                        self.resolve_primary(owner, text, o.file, Some(family), field, &members)?;
                    let at = o.at(text);
                    if let Some(&earlier) = primaries.get(&ip) {
                        self.push(
                            duplicate(
                                "primary address of a virtual device context",
                                &text.value,
                                at,
                                earlier,
                            )
                            .with_help(
                                "NetBox makes an address the primary of one context at most",
                            ),
                        );
                    } else {
                        primaries.insert(ip, at);
                    }
                    Some(ip)
                };
                let primary_ip4 = primary(v.primary_ip4.as_ref(), 4, "primary_ip4");
                let primary_ip6 = primary(v.primary_ip6.as_ref(), 6, "primary_ip6");
                nodes.push(VdcNode {
                    device,
                    index: index as u32,
                    tenant,
                    primary_ip4,
                    primary_ip6,
                });
            }
            if !has_members {
                continue;
            }
            for interface in self.graph.owner_interfaces(owner) {
                let Some(entry) = self.graph.interface_entry(interface) else {
                    continue;
                };
                for name in &entry.vdcs {
                    let found = data
                        .virtual_device_contexts
                        .iter()
                        .position(|v| v.value.name.value == name.value);
                    match found {
                        Some(index) => joined.push((interface, (first + index) as u32)),
                        None => self.push(
                            Diagnostic::new(
                                &codes::UNRESOLVED_REFERENCE,
                                format!(
                                    "`{}` has no virtual device context named `{}`",
                                    self.graph.device_name(device),
                                    name.value
                                ),
                            )
                            .at(o.at(name))
                            .with_help(
                                "an interface joins the contexts of its own device, listed under the device's `virtual_device_contexts`",
                            ),
                        ),
                    }
                }
            }
        }
        for o in &model.virtual_machines {
            for entry in &o.data.interfaces {
                if let Some(name) = entry.value.vdcs.first() {
                    self.push(
                        Diagnostic::new(
                            &codes::INVALID_VALUE,
                            format!(
                                "virtual machine interface `{}` cannot join a virtual device context",
                                entry.value.name.value
                            ),
                        )
                        .at(o.at(name))
                        .with_help("virtual device contexts partition a device; NetBox's VM interfaces have no `vdcs`"),
                    );
                }
            }
        }
        joined.sort_unstable();
        joined.dedup();
        self.graph.vdcs = nodes;
        self.graph.interface_vdcs = joined;
    }
}
