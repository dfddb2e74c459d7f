//! Primary IPs: a device's or VM's `primary_ip4`, `primary_ip6` and `oob_ip` found among
//! the addresses of its own interfaces or, for a device, of the interfaces of the other
//! members of its virtual chassis that are not `mgmt_only`, as NetBox's `Device.clean`
//! accepts (`vc_interfaces(if_master=False)`), or the outside address of a NAT whose inside
//! address is on one of them (`nat_inside.assigned_object in vc_interfaces`); resolved on
//! all threads.
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
        // The members of each virtual chassis, for addresses on another member.
        let mut members: Vec<Vec<DeviceId>> = vec![Vec::new(); model.virtual_chassis.len()];
        for (d, node) in self.graph.devices.iter().enumerate() {
            if let Some(chassis) = node.virtual_chassis {
                members[chassis.index()].push(DeviceId::from_index(d));
            }
        }
        let members = &members;
        // Independent lookups, on all threads; stored in device order.
        let found: Vec<_> = model
            .devices
            .par_iter()
            .enumerate()
            .map(|(d, o)| {
                let owner = Owner::Device(DeviceId::from_index(d));
                let data = &o.data;
                let v4 = data.primary_ip4.as_ref().and_then(|t| {
                    self.resolve_primary(owner, t, o.file, Some(4), "primary_ip4", members)
                });
                let v6 = data.primary_ip6.as_ref().and_then(|t| {
                    self.resolve_primary(owner, t, o.file, Some(6), "primary_ip6", members)
                });
                let oob = data
                    .oob_ip
                    .as_ref()
                    .and_then(|t| self.resolve_primary(owner, t, o.file, None, "oob_ip", members));
                (v4, v6, oob)
            })
            .collect();
        for (node, ips) in self.graph.devices.iter_mut().zip(found) {
            (node.primary_ip4, node.primary_ip6, node.oob_ip) = ips;
        }
        for (v, o) in model.virtual_machines.iter().enumerate() {
            let owner = Owner::VirtualMachine(VirtualMachineId::from_index(v));
            let v4 =
                o.data.primary_ip4.as_ref().and_then(|t| {
                    self.resolve_primary(owner, t, o.file, Some(4), "primary_ip4", &[])
                });
            let v6 =
                o.data.primary_ip6.as_ref().and_then(|t| {
                    self.resolve_primary(owner, t, o.file, Some(6), "primary_ip6", &[])
                });
            let node = &mut self.graph.virtual_machines[v];
            (node.primary_ip4, node.primary_ip6) = (v4, v6);
        }
        drop(model);
    }

    /// Finds the address `text` among the owner's interfaces, then among those of the other
    /// members of its virtual chassis (`members`, by chassis) that are not `mgmt_only`.
    pub(super) fn resolve_primary(
        &self,
        owner: Owner,
        text: &Text,
        file: crate::diag::FileId,
        family: Option<u8>,
        field: &str,
        members: &[Vec<DeviceId>],
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
        let holding = |interface: InterfaceId| {
            self.graph
                .links(interface)
                .ip_addresses
                .iter()
                .copied()
                .find(|ip| self.graph.ip_addresses[ip.index()].address.addr() == wanted)
        };
        if let Some(ip) = self.graph.owner_interfaces(owner).find_map(holding) {
            return Some(ip);
        }
        let chassis = match owner {
            Owner::Device(d) => self.graph.devices[d.index()].virtual_chassis,
            Owner::VirtualMachine(_) => None,
        };
        let others = chassis
            .and_then(|c| members.get(c.index()))
            .into_iter()
            .flatten()
            .filter(|&&member| Owner::Device(member) != owner);
        for &member in others.clone() {
            let found = self
                .graph
                .owner_interfaces(Owner::Device(member))
                .filter(|&i| !self.graph.interface_mgmt_only(i))
                .find_map(holding);
            if found.is_some() {
                return found;
            }
        }
        // The outside address of a NAT whose inside address is on one of those interfaces
        // (`Device.clean`, `VirtualMachine.clean`: `nat_inside.assigned_object in ...`).
        let on_owner = |interface: InterfaceId| {
            let node = &self.graph.interfaces[interface.index()];
            node.owner == owner
                || others.clone().any(|&m| {
                    node.owner == Owner::Device(m) && !self.graph.interface_mgmt_only(interface)
                })
        };
        let outside = self.graph.nat_inside.iter().find(|&&(outside, inside)| {
            self.graph.ip_addresses[outside.index()].address.addr() == wanted
                && self.graph.ip_addresses[inside.index()]
                    .interface
                    .is_some_and(on_owner)
        });
        if let Some(&(outside, _)) = outside {
            return Some(outside);
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
                .with_help(if chassis.is_some() {
                    "assign the address to one of the device's interfaces (under `interfaces:` → `ip_addresses:`), or to an interface of another member of its virtual chassis that is not `mgmt_only`"
                } else {
                    "assign the address to one of the device's interfaces (under `interfaces:` → `ip_addresses:`)"
                }),
        );
        None
    }
}
