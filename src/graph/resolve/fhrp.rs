//! FHRP groups: their virtual addresses join the graph's addresses (assigned to the group,
//! not to an interface), and interfaces' `fhrp_groups` entries resolve to groups.
//!
//! Reports: NS0111 (invalid-value, a virtual address naming an `interface`), NS0301
//! (unresolved-reference) and NS0422 (duplicate-fhrp-assignment).

use thin_vec::ThinVec;

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, FileId, Location};
use crate::graph::{FhrpGroupId, FhrpGroupNode, InterfaceId, IpId, IpNode, IpSource};
use crate::model::fhrp::FhrpGroupAssignment;
use crate::model::Spanned;

impl Builder<'_> {
    /// Resolves an interface entry's FHRP assignments: the groups found, each with the
    /// index of its assignment. A group named twice is NS0422, as NetBox's unique
    /// (interface, group) constraint; an entry lists a handful of groups at most, so the
    /// found ones are scanned rather than hashed.
    pub(super) fn fhrp_assignments(
        &self,
        interface: InterfaceId,
        assignments: &[Spanned<FhrpGroupAssignment>],
        file: FileId,
    ) -> ThinVec<(FhrpGroupId, u32)> {
        let mut found: ThinVec<(FhrpGroupId, u32)> = ThinVec::new();
        for (index, assignment) in assignments.iter().enumerate() {
            let group = &assignment.value.group;
            let Some(id) = self.resolve(which::FHRP_GROUPS, group, file) else {
                continue;
            };
            if let Some(&(_, first)) = found.iter().find(|(other, _)| *other == id) {
                let first = &assignments[first as usize].value.group;
                self.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_FHRP_ASSIGNMENT,
                        format!(
                            "`{}` is assigned to FHRP group `{}` twice",
                            self.graph.interface_label(interface),
                            group.value
                        ),
                    )
                    .at_labelled(Location::new(file, group.span), "assigned again here")
                    .with_secondary(Location::new(file, first.span), "first assigned here")
                    .with_help(
                        "keep one assignment with the priority the interface has in the group",
                    ),
                );
                continue;
            }
            found.push((id, index as u32));
        }
        found
    }

    /// Resolves every FHRP group: its tags, and its virtual addresses, appended to
    /// `ip_nodes`; then records which interfaces joined each group.
    pub(super) fn resolve_fhrp_groups(&mut self, ip_nodes: &mut Vec<IpNode>) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut nodes = vec![FhrpGroupNode::default(); model.fhrp_groups.len()];
        for (g, object) in model.fhrp_groups.iter().enumerate() {
            let group = FhrpGroupId::from_index(g);
            let file = object.file;
            self.resolve_tags(&object.data.tags, file, tagged!("ipam.fhrpgroup"));
            for (index, ip) in object.data.ip_addresses.iter().enumerate() {
                let ip = &ip.value;
                let vrf = self.resolve_opt(which::VRFS, ip.vrf.as_ref(), file);
                let tenant = self.resolve_opt(which::TENANTS, ip.tenant.as_ref(), file);
                self.resolve_tags(&ip.tags, file, tagged!("ipam.ipaddress"));
                if let Some(other) = &ip.interface {
                    self.push(
                        Diagnostic::new(
                            &codes::INVALID_VALUE,
                            "a virtual address of an FHRP group cannot name an `interface`",
                        )
                        .at(Location::new(file, other.span))
                        .with_help("interfaces join the group with their own `fhrp_groups`"),
                    );
                }
                if let Some(name) = &ip.dns_name {
                    self.check_dns_name(name, file);
                }
                if ip.nat_inside.is_some() {
                    self.has_nat
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                }
                if let Some(address) = self.parse_address(&ip.address, file) {
                    nodes[g].ip_addresses.push(IpId::from_index(ip_nodes.len()));
                    ip_nodes.push(IpNode {
                        address,
                        vrf,
                        interface: None,
                        tenant,
                        source: IpSource::Fhrp {
                            group,
                            index: index as u32,
                        },
                        file,
                    });
                }
            }
        }
        for links in &self.graph.interface_links {
            for &(group, _) in &links.fhrp_groups {
                nodes[group.index()].interfaces.push(links.interface);
            }
        }
        self.graph.fhrp_groups = nodes;
    }
}
