//! Services: each service's device or VM and the addresses it listens on, which must be
//! the owner's.
//!
//! Reports: NS0106 (missing-field), NS0107 (invalid-ip) and NS0301 (unresolved-reference).

use super::{which, Builder};
use crate::diag::{codes, Diagnostic};
use crate::graph::*;
use ipnet::IpNet;

impl Builder<'_> {
    pub(super) fn resolve_services(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut services = Vec::with_capacity(model.services.len());
        for o in &model.services {
            let data = &o.data;
            let owner = match (&data.device, &data.virtual_machine) {
                (Some(device), _) => self
                    .resolve_in_site(which::DEVICES, None, device, o.file)
                    .map(Owner::Device),
                (None, Some(vm)) => self
                    .resolve(which::VIRTUAL_MACHINES, vm, o.file)
                    .map(Owner::VirtualMachine),
                (None, None) => {
                    self.push(
                        Diagnostic::new(
                            &codes::MISSING_FIELD,
                            format!(
                                "service `{}` needs a `device` or a `virtual_machine`",
                                data.name.value
                            ),
                        )
                        .at(o.at(&data.name)),
                    );
                    None
                }
            };
            let mut addresses = Vec::new();
            for text in &data.ipaddresses {
                let Some(wanted) = text
                    .value
                    .parse::<IpNet>()
                    .map(|n| n.addr())
                    .ok()
                    .or_else(|| text.value.parse().ok())
                else {
                    self.push(
                        Diagnostic::new(
                            &codes::INVALID_IP,
                            format!("`{}` is not an IP address", text.value),
                        )
                        .at(o.at(text)),
                    );
                    continue;
                };
                let found = owner.and_then(|owner| {
                    self.graph
                        .owner_interfaces(owner)
                        .flat_map(|i| self.graph.links(i).ip_addresses.iter().copied())
                        .find(|&ip| self.graph.ip_addresses[ip.index()].address.addr() == wanted)
                });
                match found {
                    Some(ip) => addresses.push(ip),
                    None if owner.is_some() => self.push(
                        Diagnostic::new(
                            &codes::UNRESOLVED_REFERENCE,
                            format!(
                                "address {wanted} is not assigned to `{}`",
                                self.graph.owner_name(owner.expect("checked"))
                            ),
                        )
                        .at(o.at(text)),
                    ),
                    None => {}
                }
            }
            self.resolve_tags(&data.tags, o.file);
            services.push(ServiceNode {
                owner,
                ip_addresses: addresses,
            });
        }
        self.graph.services = services;
        drop(model);
    }
}
