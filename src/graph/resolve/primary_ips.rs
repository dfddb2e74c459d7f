//! Primary IPs: a device's or VM's `primary_ip4`, `primary_ip6` and `oob_ip` found among
//! the addresses of its own interfaces (resolved on all threads).
//!
//! Reports: NS0107 (invalid-ip) and NS0307 (primary-ip-not-on-device).

use super::Builder;
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::*;
use crate::model::Text;
use ipnet::IpNet;
use rayon::prelude::*;

impl Builder<'_> {
    pub(super) fn resolve_primary_ips(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        // Independent lookups, on all threads; stored in device order.
        let found: Vec<_> =
            model
                .devices
                .par_iter()
                .enumerate()
                .map(|(d, o)| {
                    let owner = Owner::Device(DeviceId::from_index(d));
                    let data = &o.data;
                    let v4 = data.primary_ip4.as_ref().and_then(|t| {
                        self.resolve_primary(owner, t, o.file, Some(4), "primary_ip4")
                    });
                    let v6 = data.primary_ip6.as_ref().and_then(|t| {
                        self.resolve_primary(owner, t, o.file, Some(6), "primary_ip6")
                    });
                    let oob = data
                        .oob_ip
                        .as_ref()
                        .and_then(|t| self.resolve_primary(owner, t, o.file, None, "oob_ip"));
                    (v4, v6, oob)
                })
                .collect();
        for (node, ips) in self.graph.devices.iter_mut().zip(found) {
            (node.primary_ip4, node.primary_ip6, node.oob_ip) = ips;
        }
        for (v, o) in model.virtual_machines.iter().enumerate() {
            let owner = Owner::VirtualMachine(VirtualMachineId::from_index(v));
            let v4 = o
                .data
                .primary_ip4
                .as_ref()
                .and_then(|t| self.resolve_primary(owner, t, o.file, Some(4), "primary_ip4"));
            let v6 = o
                .data
                .primary_ip6
                .as_ref()
                .and_then(|t| self.resolve_primary(owner, t, o.file, Some(6), "primary_ip6"));
            let node = &mut self.graph.virtual_machines[v];
            (node.primary_ip4, node.primary_ip6) = (v4, v6);
        }
        drop(model);
    }

    /// Finds the address `text` among the owner's interfaces.
    pub(super) fn resolve_primary(
        &self,
        owner: Owner,
        text: &Text,
        file: crate::diag::FileId,
        family: Option<u8>,
        field: &str,
    ) -> Option<IpId> {
        let location = Location::new(file, text.span);
        let wanted: std::net::IpAddr = match text.value.trim().parse::<IpNet>() {
            Ok(net) => net.addr(),
            Err(_) => match text.value.trim().parse() {
                Ok(addr) => addr,
                Err(_) => {
                    self.push(
                        Diagnostic::new(
                            &codes::INVALID_IP,
                            format!("`{}` is not an IP address", text.value),
                        )
                        .at(location),
                    );
                    return None;
                }
            },
        };
        let wrong_family = match family {
            Some(4) => !wanted.is_ipv4(),
            Some(6) => !wanted.is_ipv6(),
            _ => false,
        };
        if wrong_family {
            self.push(
                Diagnostic::new(
                    &codes::PRIMARY_IP_NOT_ON_DEVICE,
                    format!("`{field}` must be an IPv{} address", family.unwrap_or(4)),
                )
                .at(location),
            );
            return None;
        }
        for interface in self.graph.owner_interfaces(owner) {
            for &ip in &self.graph.links(interface).ip_addresses {
                if self.graph.ip_addresses[ip.index()].address.addr() == wanted {
                    return Some(ip);
                }
            }
        }
        let elsewhere = self
            .graph
            .ip_addresses
            .iter()
            .position(|ip| ip.address.addr() == wanted && ip.interface.is_some())
            .map(|ip| {
                self.graph
                    .interface_label(self.graph.ip_addresses[ip].interface.expect("filtered"))
            });
        let owner_name = self.graph.owner_name(owner).to_string();
        let message = match &elsewhere {
            Some(on) => format!(
                "`{field}` {wanted} is assigned to `{on}`, not to an interface of `{owner_name}`"
            ),
            None => {
                format!("`{field}` {wanted} is not assigned to any interface of `{owner_name}`")
            }
        };
        self.push(
            Diagnostic::new(&codes::PRIMARY_IP_NOT_ON_DEVICE, message)
                .at(location)
                .with_help("assign the address to one of the device's interfaces (under `interfaces:` → `ip_addresses:`)"),
        );
        None
    }
}
