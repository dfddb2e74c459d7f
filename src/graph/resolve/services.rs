//! Services: each service's device or VM and the addresses it listens on: the owner's
//! first, else any address of the graph (a VIP on another device), as NetBox's
//! `Service.ipaddresses` names any address (only its form filters them by parent).
//!
//! Reports: NS0106 (missing-field), NS0107 (invalid-ip), NS0301 (unresolved-reference) and
//! NS0302 (ambiguous-reference, an address held in several places, none of them the
//! owner's).

use super::{which, Builder};
use crate::diag::{codes, Diagnostic};
use crate::graph::*;
use ipnet::IpNet;

impl Builder<'_> {
    pub(super) fn resolve_services(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut services = Vec::with_capacity(model.services.len());
        // Every address by value, made on the first address a service's owner lacks: the
        // first holder and how many hold it.
        let mut anywhere: Option<rustc_hash::FxHashMap<std::net::IpAddr, (IpId, u32)>> = None;
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
                let Some(owner) = owner else {
                    continue;
                };
                let own = self
                    .graph
                    .owner_interfaces(owner)
                    .flat_map(|i| self.graph.links(i).ip_addresses.iter().copied())
                    .find(|&ip| self.graph.ip_addresses[ip.index()].address.addr() == wanted);
                if let Some(ip) = own {
                    addresses.push(ip);
                    continue;
                }
                let anywhere = anywhere.get_or_insert_with(|| {
                    let mut all = rustc_hash::FxHashMap::default();
                    for (i, node) in self.graph.ip_addresses.iter().enumerate() {
                        all.entry(node.address.addr())
                            .and_modify(|(_, holders): &mut (IpId, u32)| *holders += 1)
                            .or_insert((IpId::from_index(i), 1));
                    }
                    all
                });
                match anywhere.get(&wanted) {
                    Some(&(ip, 1)) => addresses.push(ip),
                    Some(&(_, holders)) => self.push(
                        Diagnostic::new(
                            &codes::AMBIGUOUS_REFERENCE,
                            format!(
                                "address {wanted} is held {holders} times, none of them by `{}`",
                                self.graph.owner_name(owner)
                            ),
                        )
                        .at(o.at(text))
                        .with_help("assign the address to the service's own device or VM, so netsot knows which is meant"),
                    ),
                    None => self.push(
                        Diagnostic::new(
                            &codes::UNRESOLVED_REFERENCE,
                            format!("there is no address {wanted}"),
                        )
                        .at(o.at(text))
                        .with_help(format!(
                            "assign it to an interface of `{}`, or define it under `ip_addresses`",
                            self.graph.owner_name(owner)
                        )),
                    ),
                }
            }
            self.resolve_tags(&data.tags, o.file, tagged!("ipam.service"));
            services.push(ServiceNode {
                owner,
                ip_addresses: addresses,
            });
        }
        self.graph.services = services;
        drop(model);
    }
}
