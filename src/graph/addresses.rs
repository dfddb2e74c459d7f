//! Addresses as the graph holds them: where each was written (under an interface, in the
//! top-level collection or in an FHRP group), its effective role and what it is assigned
//! to.

use super::{FhrpGroupId, Graph, InterfaceId, IpId, IpSource, Owner};
use crate::diag::Location;
use crate::model::ipam::{IpAddress, IpRole};

/// An FHRP group with its virtual addresses and members resolved.
#[derive(Debug, Default, Clone)]
pub struct FhrpGroupNode {
    pub ip_addresses: Vec<IpId>,
    pub interfaces: Vec<InterfaceId>,
}

impl Graph {
    /// The address data as the user wrote it.
    pub fn ip_data(&self, ip: IpId) -> &IpAddress {
        match self.ip_addresses[ip.index()].source {
            IpSource::Nested {
                owner,
                entry,
                index,
            } => {
                let interfaces = match owner {
                    Owner::Device(d) => &self.model.devices[d.index()].data.interfaces,
                    Owner::VirtualMachine(v) => {
                        &self.model.virtual_machines[v.index()].data.interfaces
                    }
                };
                &interfaces[entry as usize].value.ip_addresses[index as usize].value
            }
            IpSource::Standalone(i) => &self.model.ip_addresses[i.index()].data,
            IpSource::Fhrp { group, index } => {
                &self.model.fhrp_groups[group.index()].data.ip_addresses[index as usize].value
            }
        }
    }

    /// The address's role: its own, else for an FHRP group's virtual address the role of
    /// the group's protocol (as NetBox gives it when it creates the address with the group).
    pub fn ip_role(&self, ip: IpId) -> Option<IpRole> {
        let own = self.ip_data(ip).role.as_ref().map(|r| r.value);
        match self.ip_addresses[ip.index()].source {
            IpSource::Fhrp { group, .. } if own.is_none() => Some(
                self.model.fhrp_groups[group.index()]
                    .data
                    .protocol
                    .value
                    .address_role(),
            ),
            _ => own,
        }
    }

    /// The inside address of the NAT an address is the outside of.
    pub fn ip_nat_inside(&self, ip: IpId) -> Option<IpId> {
        let at = self
            .nat_inside
            .binary_search_by_key(&ip, |&(outside, _)| outside)
            .ok()?;
        Some(self.nat_inside[at].1)
    }

    /// The FHRP group an address is a virtual address of.
    pub fn ip_fhrp_group(&self, ip: IpId) -> Option<FhrpGroupId> {
        match self.ip_addresses[ip.index()].source {
            IpSource::Fhrp { group, .. } => Some(group),
            _ => None,
        }
    }

    /// Where the address text was written.
    pub fn ip_location(&self, ip: IpId) -> Location {
        let node = &self.ip_addresses[ip.index()];
        Location::new(node.file, self.ip_data(ip).address.span)
    }

    /// The owner (device or VM) an address is assigned to, through its interface.
    pub fn ip_owner(&self, ip: IpId) -> Option<Owner> {
        self.ip_addresses[ip.index()]
            .interface
            .map(|i| self.interfaces[i.index()].owner)
    }
}
