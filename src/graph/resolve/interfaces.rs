//! Interfaces: instantiated from device types (a contiguous range per owner, with a
//! name-sorted side table), refined by the owners' own entries, then their relations (LAG,
//! parent, bridge, VLANs, VRF) and the addresses nested under them. Relations resolve on all
//! threads and are applied in order after.
//!
//! Devices with modules, chassis numbering or entries that rename or remove an interface
//! are instantiated by `refine.rs`.
//!
//! Reports: NS0106 (missing-field), NS0108 (invalid-dns-name), NS0111 (invalid-value),
//! NS0201 (duplicate-object), NS0301 (unresolved-reference), NS0303
//! (wrong-kind-reference), NS0305 (vlan-out-of-scope), NS0306 (foreign-interface) and NS0673
//! (unknown-template-interface, on virtual machines).

use super::{which, Builder};
use crate::diag::{codes, suggestion_help, Diagnostic, Location};
use crate::graph::index::{duplicate, SiteLookup};
use crate::graph::*;
use crate::model::Text;
use rayon::prelude::*;

impl Builder<'_> {
    /// Instantiates interfaces from device types, applies the device's own entries, and
    /// resolves their relations and addresses.
    pub(super) fn resolve_interfaces(&mut self) {
        let timings = self.timings;
        let mut step = timings.steps("resolve/interfaces");
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut interfaces: Vec<InterfaceNode> = Vec::new();
        let mut by_name: Vec<InterfaceId> = Vec::new();
        let owners = model
            .devices
            .iter()
            .enumerate()
            .map(|(i, o)| {
                (
                    Owner::Device(DeviceId::from_index(i)),
                    o.file,
                    &o.data.interfaces,
                    self.graph.devices[i].device_type,
                )
            })
            .chain(model.virtual_machines.iter().enumerate().map(|(i, o)| {
                (
                    Owner::VirtualMachine(VirtualMachineId::from_index(i)),
                    o.file,
                    &o.data.interfaces,
                    None,
                )
            }));
        // Per device type, once: the templates kept (the first of a repeated name) in
        // order, and their names sorted with their slot in that order.
        let type_tables: Vec<TypeTable> = model
            .device_types
            .iter()
            .map(|t| {
                let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
                let kept: Vec<u32> = t
                    .data
                    .interfaces
                    .iter()
                    .enumerate()
                    .filter(|(_, template)| seen.insert(template.value.name.value.as_str()))
                    .map(|(ti, _)| ti as u32)
                    .collect();
                let mut sorted: Vec<(&str, u32)> = kept
                    .iter()
                    .enumerate()
                    .map(|(slot, &ti)| {
                        (
                            t.data.interfaces[ti as usize].value.name.value.as_str(),
                            slot as u32,
                        )
                    })
                    .collect();
                sorted.sort_unstable();
                (kept, sorted)
            })
            .collect();
        let empty: TypeTable = (Vec::new(), Vec::new());
        // Reserve once: growing a table of a million interfaces by doubling costs more in
        // copies and page faults than filling it.
        let capacity: usize = owners
            .clone()
            .map(|(_, _, entries, t)| {
                entries.len() + t.map_or(0, |t| type_tables[t.index()].0.len())
            })
            .sum();
        interfaces.reserve_exact(capacity);
        by_name.reserve_exact(capacity);
        let mut ranges: Vec<(Owner, std::ops::Range<u32>)> =
            Vec::with_capacity(model.devices.len() + model.virtual_machines.len());
        let mut extras: Vec<(&str, u32)> = Vec::new();
        let mut extra_index: rustc_hash::FxHashMap<&str, u32> = Default::default();
        let mut generated = Vec::new();
        for (owner, file, entries, device_type) in owners {
            let start = interfaces.len() as u32;
            let (kept, sorted) = device_type.map_or(&empty, |t| &type_tables[t.index()]);
            if let Owner::Device(device) = owner {
                if self.needs_refinement(device, entries) {
                    self.refined_interfaces(
                        device,
                        file,
                        entries,
                        kept,
                        &mut interfaces,
                        &mut by_name,
                        &mut generated,
                    );
                    ranges.push((owner, start..interfaces.len() as u32));
                    continue;
                }
            }
            if device_type.is_some() {
                interfaces.extend(
                    kept.iter()
                        .map(|&ti| InterfaceNode::new(owner, Some(ti), None)),
                );
            }
            extras.clear();
            extra_index.clear();
            for (ei, entry) in entries.iter().enumerate() {
                let name = entry.value.name.value.as_str();
                let existing = sorted
                    .binary_search_by(|(n, _)| (*n).cmp(name))
                    .ok()
                    .map(|pos| start + sorted[pos].1)
                    .or_else(|| extra_index.get(name).copied());
                match existing {
                    Some(existing) => {
                        let node = &mut interfaces[existing as usize];
                        if let Some(previous) = node.entry() {
                            let first = &entries[previous as usize].value.name;
                            self.push(duplicate(
                                "interface",
                                name,
                                Location::new(file, entry.value.name.span),
                                Location::new(file, first.span),
                            ));
                        } else {
                            node.entry = ei as u32;
                        }
                    }
                    None if entry.value.remove || entry.value.rename_from.is_some() => {
                        // Only a virtual machine gets here: devices that refine take the
                        // slow path. A VM's interfaces come from no template.
                        let key = entry
                            .value
                            .rename_from
                            .as_deref()
                            .unwrap_or(&entry.value.name);
                        self.push(
                            Diagnostic::new(&codes::UNKNOWN_TEMPLATE_INTERFACE, format!("virtual machine interface `{}` comes from no template, so there is nothing to rename or remove", crate::diag::quote(&key.value)))
                                .at(Location::new(file, key.span))
                                .with_help("write the interface as the virtual machine has it, or leave it out"),
                        );
                    }
                    None => {
                        if entry.value.kind.is_none() && device_type.is_some() {
                            self.push(
                                Diagnostic::new(&codes::MISSING_FIELD, format!("interface `{name}` is not in the device type, so it needs a `type`"))
                                    .at(Location::new(file, entry.value.name.span))
                                    .with_help("add `type` (e.g. `virtual`, `lag`), or check the name against the device type's interfaces"),
                            );
                        }
                        let id = interfaces.len() as u32;
                        extra_index.insert(name, id);
                        extras.push((name, id));
                        interfaces.push(InterfaceNode::new(owner, None, Some(ei as u32)));
                    }
                }
            }
            let end = interfaces.len() as u32;
            // Merge the type's sorted names with the sorted extra names.
            extras.sort_unstable();
            let (mut i, mut j) = (0, 0);
            while i < sorted.len() || j < extras.len() {
                let take_template =
                    j == extras.len() || (i < sorted.len() && sorted[i].0 <= extras[j].0);
                if take_template {
                    by_name.push(InterfaceId::new(start + sorted[i].1));
                    i += 1;
                } else {
                    by_name.push(InterfaceId::new(extras[j].1));
                    j += 1;
                }
            }
            ranges.push((owner, start..end));
        }
        for (owner, range) in ranges {
            match owner {
                Owner::Device(d) => self.graph.devices[d.index()].interfaces = range,
                Owner::VirtualMachine(v) => {
                    self.graph.virtual_machines[v.index()].interfaces = range
                }
            }
        }
        self.graph.interfaces = interfaces;
        self.graph.interfaces_by_name = by_name;
        self.graph.generated_interfaces = generated;
        drop(model);

        step.done("fill");
        // Relations and addresses of interfaces with entries: independent lookups, worked
        // out on all threads, then numbered and stored in interface order.
        // Each thread's share comes back as one list of relations and one of addresses
        // (numbered within the share), not as a vector per interface.
        let parts: Vec<(Vec<InterfaceLinks>, Vec<IpNode>)> = (0..self.graph.interfaces.len()
            as u32)
            .into_par_iter()
            .map(InterfaceId::new)
            .fold(
                || (Vec::new(), Vec::new()),
                |(mut links, mut addresses), id| {
                    if let Some(entry) = self.graph.interface_entry(id) {
                        links.push(self.interface_links(id, entry, &mut addresses));
                    }
                    (links, addresses)
                },
            )
            .collect();
        let mut links = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut ip_nodes = Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum());
        for (part_links, addresses) in parts {
            let first = ip_nodes.len() as u32;
            for mut link in part_links {
                for ip in link.ip_addresses.iter_mut() {
                    *ip = IpId::new(ip.raw() + first);
                }
                self.graph.interfaces[link.interface.index()].links = links.len() as u32;
                links.push(link);
            }
            ip_nodes.extend(addresses);
        }
        self.graph.interface_links = links;
        step.done("relations");
        let model = std::sync::Arc::clone(&self.graph.model);
        // Standalone addresses, assigned by `interface` or not at all.
        for (i, o) in model.ip_addresses.iter().enumerate() {
            let ip = &o.data;
            let vrf = self.resolve_opt(which::VRFS, ip.vrf.as_ref(), o.file);
            let tenant = self.resolve_opt(which::TENANTS, ip.tenant.as_ref(), o.file);
            self.resolve_tags(&ip.tags, o.file, tagged!("ipam.ipaddress"));
            let interface = ip
                .interface
                .as_ref()
                .and_then(|r| self.resolve_endpoint(r, o.file, None));
            if let Some(name) = &ip.dns_name {
                self.check_dns_name(name, o.file);
            }
            if ip.nat_inside.is_some() {
                self.has_nat
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
            if let Some(address) = self.parse_address(&ip.address, o.file) {
                let id = IpId::from_index(ip_nodes.len());
                ip_nodes.push(IpNode {
                    address,
                    vrf,
                    interface,
                    tenant,
                    source: IpSource::Standalone(StandaloneIpId::from_index(i)),
                    file: o.file,
                });
                if let Some(interface) = interface {
                    self.links_mut(interface).ip_addresses.push(id);
                }
            }
        }
        drop(model);
        self.resolve_fhrp_groups(&mut ip_nodes);
        self.graph.ip_addresses = ip_nodes;
        step.done("addresses");
    }

    /// The relations of an interface with its `entry`; the addresses nested under it are
    /// appended to `addresses`, and the relations number them by their place there.
    pub(super) fn interface_links(
        &self,
        id: InterfaceId,
        entry: &Interface,
        addresses: &mut Vec<IpNode>,
    ) -> InterfaceLinks {
        let node = &self.graph.interfaces[id.index()];
        let (owner, entry_index) = (node.owner, node.entry);
        let file = self.graph.owner_location(owner).file;
        let mut links = InterfaceLinks::new(id);
        // NetBox puts no type limit on a LAG or a bridge (only its forms filter the
        // choices), so the types are checked only when the team asks for it.
        let departures = &self.config.policy.netbox_departures;
        let lag_kind = if departures.lag_type { "lag" } else { "" };
        let bridge_kind = if departures.bridge_type { "bridge" } else { "" };
        links.lag = entry
            .lag
            .as_ref()
            .and_then(|r| self.resolve_sibling(owner, id, r, file, "LAG", lag_kind));
        links.parent = entry
            .parent
            .as_ref()
            .and_then(|r| self.resolve_sibling(owner, id, r, file, "parent", ""));
        links.bridge = entry
            .bridge
            .as_ref()
            .and_then(|r| self.resolve_sibling(owner, id, r, file, "bridge", bridge_kind));
        links.untagged_vlan = entry
            .untagged_vlan
            .as_ref()
            .and_then(|v| self.resolve_vlan(owner, v, file));
        links.tagged_vlans = entry
            .tagged_vlans
            .iter()
            .filter_map(|v| self.resolve_vlan(owner, v, file))
            .collect();
        // Checked, not kept: the view finds it again by name (few interfaces have one).
        if let Some(svlan) = &entry.qinq_svlan {
            self.resolve_vlan(owner, svlan, file);
        }
        if let Some(policy) = &entry.vlan_translation_policy {
            self.resolve(which::VLAN_TRANSLATION_POLICIES, policy, file);
        }
        links.vrf = self.resolve_opt(which::VRFS, entry.vrf.as_ref(), file);
        let on = match owner {
            Owner::Device(_) => tagged!("dcim.interface"),
            Owner::VirtualMachine(_) => tagged!("virtualization.vminterface"),
        };
        self.resolve_tags(&entry.tags, file, on);
        if !entry.fhrp_groups.is_empty() {
            links.fhrp_groups = self.fhrp_assignments(id, &entry.fhrp_groups, file);
        }
        for (index, ip) in entry.ip_addresses.iter().enumerate() {
            let ip = &ip.value;
            let ip_vrf = self
                .resolve_opt(which::VRFS, ip.vrf.as_ref(), file)
                .or(links.vrf);
            let tenant = self.resolve_opt(which::TENANTS, ip.tenant.as_ref(), file);
            self.resolve_tags(&ip.tags, file, tagged!("ipam.ipaddress"));
            if let Some(other) = &ip.interface {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_VALUE,
                        "an address nested under an interface cannot name another `interface`",
                    )
                    .at(Location::new(file, other.span)),
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
                links.ip_addresses.push(IpId::from_index(addresses.len()));
                addresses.push(IpNode {
                    address,
                    vrf: ip_vrf,
                    interface: Some(id),
                    tenant,
                    source: IpSource::Nested {
                        owner,
                        entry: entry_index,
                        index: index as u32,
                    },
                    file,
                });
            }
        }
        links
    }

    /// The relations of an interface, made on first use (for an address assigned to an
    /// interface without an entry).
    pub(super) fn links_mut(&mut self, interface: InterfaceId) -> &mut InterfaceLinks {
        let graph = &mut self.graph;
        let node = &mut graph.interfaces[interface.index()];
        if node.links == NONE {
            node.links = graph.interface_links.len() as u32;
            graph.interface_links.push(InterfaceLinks::new(interface));
        }
        &mut graph.interface_links[node.links as usize]
    }

    /// Reports a `dns_name` that NetBox's `DNSValidator` would refuse. The DNS's stricter
    /// rules (no `_`, labels of at most 63 characters) apply where a `dns` output writes the
    /// name (`render/dns.rs`), as NetBox itself stores such names.
    pub(super) fn check_dns_name(&self, name: &Text, file: crate::diag::FileId) {
        if let Err(reason) = netbox_dns_name(&name.value) {
            self.push(
                Diagnostic::new(&codes::INVALID_DNS_NAME, format!("`{}` is not a valid DNS name: {reason}", name.value))
                    .at(Location::new(file, name.span))
                    .with_help("use labels of letters, digits, `-` and `_`, separated by dots, 255 characters in all"),
            );
        }
    }

    /// Resolves a VLAN for an interface of `owner`, reporting one NetBox would not offer
    /// it (`Graph::vlan_offered`: its own site's, its groups' by scope, global ones).
    pub(super) fn resolve_vlan(
        &self,
        owner: Owner,
        reference: &Text,
        file: crate::diag::FileId,
    ) -> Option<VlanId> {
        let site = self.graph.owner_site(owner);
        let found = self.resolve_in_site(which::VLANS, site, reference, file)?;
        let vlan = &self.graph.vlans[found.index()];
        let written_site = self.graph.model.vlans[found.index()].data.site.is_some();
        let own_site = if written_site { vlan.site } else { None };
        if written_site && own_site.is_none() {
            // Its site did not resolve, which was reported.
            return Some(found);
        }
        if self.graph.vlan_offered(found, own_site, owner) {
            return Some(found);
        }
        let model = &self.graph.model;
        let site_name = |s: SiteId| model.sites[s.index()].data.name.value.as_str();
        let owner_site = site.map_or("no site".to_string(), |s| format!("`{}`", site_name(s)));
        let group_scope = vlan.group.and_then(|g| {
            self.graph.vlan_groups[g.index()]
                .scope
                .map(|scope| (g, scope))
        });
        let message = match (group_scope, own_site) {
            (Some((group, scope)), None) => format!(
                "VLAN `{}` is in group `{}`, scoped to {}, which `{}` is not in",
                reference.value,
                model.vlan_groups[group.index()].data.name.value,
                self.graph.scope_label(scope),
                self.graph.owner_name(owner),
            ),
            (_, Some(vlan_site)) => format!(
                "VLAN `{}` belongs to site `{}`, not to {owner_site}",
                reference.value,
                site_name(vlan_site)
            ),
            (None, None) => return Some(found),
        };
        self.push(
            Diagnostic::new(&codes::VLAN_OUT_OF_SCOPE, message)
                .at(Location::new(file, reference.span))
                .with_help("use a VLAN of the device's own site, of a group scoped to where it stands, or a global one"),
        );
        Some(found)
    }

    /// Resolves `lag`, `parent` or `bridge`: an interface of the same owner. A
    /// `DEVICE:INTERFACE` naming another device is a foreign interface.
    pub(super) fn resolve_sibling(
        &self,
        owner: Owner,
        this: InterfaceId,
        reference: &Text,
        file: crate::diag::FileId,
        role: &str,
        required_kind: &str,
    ) -> Option<InterfaceId> {
        let location = Location::new(file, reference.span);
        let found = match self.graph.find_interface(owner, &reference.value) {
            Some(found) => found,
            None => {
                if let Some((device, name)) = reference.value.split_once(':') {
                    if device != self.graph.owner_name(owner) {
                        // NetBox's `Interface.clean` accepts a LAG, parent or bridge on
                        // another member of the device's virtual chassis.
                        if let Some(member) = self.chassis_member(owner, device) {
                            let member = Owner::Device(member);
                            if let Some(found) = self.graph.find_interface(member, name) {
                                return self.check_sibling_kind(
                                    this,
                                    found,
                                    role,
                                    required_kind,
                                    location,
                                );
                            }
                            self.unresolved_interface(member, name, location);
                            return None;
                        }
                        self.push(
                            Diagnostic::new(
                                &codes::FOREIGN_INTERFACE,
                                format!("the {role} `{}` is on another device", reference.value),
                            )
                            .at(location)
                            .with_help(format!(
                                "a {role} must be an interface of `{}` itself or of another member of its virtual chassis",
                                self.graph.owner_name(owner)
                            )),
                        );
                        return None;
                    }
                    let name = &reference.value[device.len() + 1..];
                    if let Some(found) = self.graph.find_interface(owner, name) {
                        return self.check_sibling_kind(this, found, role, required_kind, location);
                    }
                }
                self.unresolved_interface(owner, &reference.value, location);
                return None;
            }
        };
        self.check_sibling_kind(this, found, role, required_kind, location)
    }

    /// Reports that `owner` has no interface `name`, with the closest names it has.
    fn unresolved_interface(&self, owner: Owner, name: &str, location: Location) {
        let range = self.graph.owner_interfaces(owner);
        let names: Vec<&str> = range.map(|i| self.graph.interface_name(i)).collect();
        let suggestions = self.suggestions.did_you_mean(name, names.iter().copied());
        let mut diagnostic = Diagnostic::new(
            &codes::UNRESOLVED_REFERENCE,
            format!(
                "`{}` has no interface `{name}`",
                self.graph.owner_name(owner)
            ),
        )
        .at(location);
        diagnostic.help = suggestion_help(&suggestions);
        self.push(diagnostic);
    }

    /// The device named `device`, when it is another member of the virtual chassis of
    /// `owner`.
    fn chassis_member(&self, owner: Owner, device: &str) -> Option<DeviceId> {
        let Owner::Device(own) = owner else {
            return None;
        };
        let own_node = &self.graph.devices[own.index()];
        let chassis = own_node.virtual_chassis?;
        let ix = &self.graph.indexes;
        let other = match ix.devices.lookup(own_node.site, device, &ix.sites) {
            SiteLookup::Found(other) => other,
            SiteLookup::Ambiguous(members) => {
                // Among devices of one name in several sites, the chassis member is meant.
                let mut members = members
                    .iter()
                    .filter(|&&d| self.graph.devices[d.index()].virtual_chassis == Some(chassis));
                match (members.next(), members.next()) {
                    (Some(&one), None) => one,
                    _ => return None,
                }
            }
            SiteLookup::Missing => return None,
        };
        (other != own && self.graph.devices[other.index()].virtual_chassis == Some(chassis))
            .then_some(other)
    }

    pub(super) fn check_sibling_kind(
        &self,
        this: InterfaceId,
        found: InterfaceId,
        role: &str,
        required_kind: &str,
        location: Location,
    ) -> Option<InterfaceId> {
        if found == this {
            self.push(
                Diagnostic::new(
                    &codes::WRONG_KIND_REFERENCE,
                    format!("an interface cannot be its own {role}"),
                )
                .at(location),
            );
            return None;
        }
        if !required_kind.is_empty() {
            let kind = self.graph.interface_kind(found);
            if kind.is_some_and(|k| !k.is(required_kind)) {
                self.push(
                    Diagnostic::new(
                        &codes::WRONG_KIND_REFERENCE,
                        format!(
                            "`{}` is of type `{}`, not `{required_kind}`",
                            self.graph.interface_name(found),
                            kind.map_or("?", |k| k.as_str())
                        ),
                    )
                    .at(location)
                    .with_help(format!(
                        "name an interface of `type: {required_kind}`, or turn off `policy.netbox_departures.{required_kind}_type`"
                    )),
                );
                return None;
            }
        }
        Some(found)
    }
}

/// Checks a `dns_name` as NetBox 4.4 does: its `DNSValidator` (`ipam/validators.py`,
/// `^([0-9A-Za-z_-]+|\*)(\.[0-9A-Za-z_-]+)*\.?$`) and the field's `max_length` of 255.
fn netbox_dns_name(name: &str) -> Result<(), String> {
    let length = name.chars().count();
    if length > 255 {
        return Err(format!("it is {length} characters long; the limit is 255"));
    }
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return Err("it is empty".into());
    }
    for (i, label) in name.split('.').enumerate() {
        if label.is_empty() {
            return Err("it has an empty label (two dots in a row)".into());
        }
        if i == 0 && label == "*" {
            continue;
        }
        if let Some(bad) = label
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        {
            return Err(format!("the label `{label}` holds `{bad}`"));
        }
    }
    Ok(())
}

/// Checks a host name against RFC 1035/1123 as DNS servers apply it: labels of 1 to 63
/// letters, digits and hyphens, not starting or ending with a hyphen; 253 characters in all.
/// A trailing dot (fully qualified) is accepted; `*` is accepted as a whole first label.
pub fn validate_dns_name(name: &str) -> Result<(), String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return Err("it is empty".into());
    }
    if name.len() > 253 {
        return Err(format!(
            "it is {} characters long; the limit is 253",
            name.len()
        ));
    }
    for (i, label) in name.split('.').enumerate() {
        if label.is_empty() {
            return Err("it has an empty label (two dots in a row)".into());
        }
        if i == 0 && label == "*" {
            continue;
        }
        if label.len() > 63 {
            return Err(format!("the label `{label}` is longer than 63 characters"));
        }
        if let Some(at) = label
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'-'))
        {
            let bad = label[at..].chars().next().unwrap_or_default();
            return Err(format!("the label `{label}` holds `{bad}`"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!("the label `{label}` starts or ends with a hyphen"));
        }
    }
    Ok(())
}

/// A device type's kept interface templates in order, and their names sorted with their
/// slot in that order.
type TypeTable<'m> = (Vec<u32>, Vec<(&'m str, u32)>);
