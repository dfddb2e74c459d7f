//! Wireless: a wireless LAN group's parent (cycles reported), a wireless LAN's group,
//! tenant, scope (NetBox 4.2's `scope_type` and `scope`) and VLAN (looked up from the
//! scope's site), each wireless link's two interfaces (`DEVICE:INTERFACE`), and the
//! `wireless_lans` of interface entries by SSID. A linked interface's peer is its first
//! link's other end, as NetBox's `Interface.link_peers`.
//!
//! Reports: NS0301 (unresolved-reference), NS0302 (ambiguous-reference, an SSID of several
//! LANs), NS0308 (parent-cycle), NS0111 (invalid-value, a `scope_type` without `scope`) and
//! NS0643 (wireless-interface-linked-twice).

use rustc_hash::FxHashMap as HashMap;

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::*;
use crate::model::wireless::{ScopeType, WirelessLan};
use crate::model::Obj;

impl Builder<'_> {
    pub(super) fn resolve_wireless(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let parents: Vec<Option<WirelessLanGroupId>> = model
            .wireless_lan_groups
            .iter()
            .map(|o| {
                self.resolve_tags(&o.data.tags, o.file, tagged!("wireless.wirelesslangroup"));
                self.resolve_opt(which::WIRELESS_LAN_GROUPS, o.data.parent.as_ref(), o.file)
            })
            .collect();
        self.report_cycles("wireless LAN group", &parents, |i| {
            let o = &model.wireless_lan_groups[i];
            o.at(&o.data.name)
        });
        let mut lans = Vec::with_capacity(model.wireless_lans.len());
        for o in &model.wireless_lans {
            let data = &o.data;
            self.resolve_opt(which::WIRELESS_LAN_GROUPS, data.group.as_ref(), o.file);
            self.resolve_opt(which::TENANTS, data.tenant.as_ref(), o.file);
            self.resolve_tags(&data.tags, o.file, tagged!("wireless.wirelesslan"));
            let (site, scope) = self.wireless_lan_scope(o);
            let vlan = data
                .vlan
                .as_ref()
                .and_then(|vlan| self.resolve_in_site(which::VLANS, site, vlan, o.file));
            lans.push(WirelessLanNode { vlan, scope });
        }
        self.graph.wireless_lans = lans;
        self.resolve_wireless_links();
        for o in &model.devices {
            for entry in &o.data.interfaces {
                for lan in &entry.value.wireless_lans {
                    self.resolve(which::WIRELESS_LANS, lan, o.file);
                }
            }
        }
        for o in &model.virtual_machines {
            for entry in &o.data.interfaces {
                for lan in &entry.value.wireless_lans {
                    self.resolve(which::WIRELESS_LANS, lan, o.file);
                }
            }
        }
    }

    /// Resolves a wireless LAN's scope; the site it lies in (a site's, or a location's
    /// site), where its VLAN is looked up first.
    /// The LAN's scope, and the site it lies in (a site's, a location's).
    fn wireless_lan_scope(&self, o: &Obj<WirelessLan>) -> (Option<SiteId>, Option<ScopeId>) {
        let data = &o.data;
        let kind = data
            .scope_type
            .as_ref()
            .map_or(ScopeType::named("dcim.site"), |t| t.value);
        let Some(scope) = &data.scope else {
            // NetBox's `CachedScopeMixin.clean`: "Please select a {scope_type}".
            if let Some(scope_type) = &data.scope_type {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_VALUE,
                        format!(
                            "wireless LAN `{}` has a `scope_type` `{}` but no `scope`",
                            data.ssid.value, scope_type.value
                        ),
                    )
                    .at(o.at(scope_type))
                    .with_help("name the region, site group, site or location in `scope`"),
                );
            }
            return (None, None);
        };
        match kind.as_str() {
            "dcim.region" => (
                None,
                self.resolve(which::REGIONS, scope, o.file)
                    .map(ScopeId::Region),
            ),
            "dcim.sitegroup" => (
                None,
                self.resolve(which::SITE_GROUPS, scope, o.file)
                    .map(ScopeId::SiteGroup),
            ),
            "dcim.location" => {
                let location = self.resolve_in_site(which::LOCATIONS, None, scope, o.file);
                (
                    location.and_then(|l| self.graph.locations[l.index()].site),
                    location.map(ScopeId::Location),
                )
            }
            _ => {
                let site = self.resolve(which::SITES, scope, o.file);
                (site, site.map(ScopeId::Site))
            }
        }
    }

    /// Resolves both interfaces of every wireless link; an interface in a second link is
    /// NS0643 (NetBox's `Interface.wireless_link` holds one).
    fn resolve_wireless_links(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut nodes = Vec::with_capacity(model.wireless_links.len());
        let mut peers: HashMap<InterfaceId, (WirelessLinkId, InterfaceId)> = HashMap::default();
        let mut first_end: HashMap<InterfaceId, Location> = HashMap::default();
        for (i, o) in model.wireless_links.iter().enumerate() {
            let data = &o.data;
            self.resolve_opt(which::TENANTS, data.tenant.as_ref(), o.file);
            self.resolve_tags(&data.tags, o.file, tagged!("wireless.wirelesslink"));
            let a = self.resolve_endpoint(&data.interface_a, o.file, None);
            let b = self.resolve_endpoint(&data.interface_b, o.file, None);
            let link = WirelessLinkId::from_index(i);
            for (end, other, written) in [(a, b, &data.interface_a), (b, a, &data.interface_b)] {
                let Some(end) = end else { continue };
                let here = o.at(written);
                if let Some(&first) = first_end.get(&end) {
                    self.push(
                        Diagnostic::new(
                            &codes::WIRELESS_INTERFACE_LINKED_TWICE,
                            format!(
                                "interface `{}` is already an end of a wireless link",
                                self.graph.interface_label(end)
                            ),
                        )
                        .at_labelled(here, "linked again here")
                        .with_secondary(first, "first linked here")
                        .with_help("an interface is an end of one wireless link; remove one link"),
                    );
                    continue;
                }
                first_end.insert(end, here);
                if let Some(other) = other {
                    peers.insert(end, (link, other));
                }
            }
            nodes.push(WirelessLinkNode { a, b });
        }
        self.graph.wireless_links = nodes;
        self.graph.wireless_peers = peers;
    }
}
