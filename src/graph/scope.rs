//! Scopes resolved: what a prefix, VLAN group or cluster applies to (`model/scope.rs`),
//! and the questions asked of them: the site NetBox caches for a scope (`_site` of
//! `CachedScopeMixin`), how messages name one, and which VLANs NetBox offers an interface
//! (`VLANQuerySet.get_for_device` and `get_for_virtualmachine`, the "available on"
//! filters of its forms). Pure lookups over parent tables: no pass over all pairs.

use super::*;
use crate::model::scope::ScopeKind;

/// A resolved scope: the object a prefix, VLAN group or cluster is scoped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScopeId {
    Region(RegionId),
    SiteGroup(SiteGroupId),
    Site(SiteId),
    Location(LocationId),
    Rack(RackId),
    ClusterGroup(ClusterGroupId),
    Cluster(ClusterId),
}

impl ScopeId {
    pub fn kind(self) -> ScopeKind {
        match self {
            ScopeId::Region(_) => ScopeKind::Region,
            ScopeId::SiteGroup(_) => ScopeKind::SiteGroup,
            ScopeId::Site(_) => ScopeKind::Site,
            ScopeId::Location(_) => ScopeKind::Location,
            ScopeId::Rack(_) => ScopeKind::Rack,
            ScopeId::ClusterGroup(_) => ScopeKind::ClusterGroup,
            ScopeId::Cluster(_) => ScopeKind::Cluster,
        }
    }
}

impl Graph {
    /// The site a scope lies in: the site itself, a location's or a rack's site; none for
    /// regions, site groups and clusters' scopes (NetBox's cached `_site`, which it also
    /// fills for racks of VLAN groups through their site when it filters).
    pub fn scope_site(&self, scope: Option<ScopeId>) -> Option<SiteId> {
        match scope? {
            ScopeId::Site(site) => Some(site),
            ScopeId::Location(location) => self.locations[location.index()].site,
            ScopeId::Rack(rack) => self.racks[rack.index()].site,
            _ => None,
        }
    }

    /// The location a scope lies in (NetBox's cached `_location`).
    pub fn scope_location(&self, scope: Option<ScopeId>) -> Option<LocationId> {
        match scope? {
            ScopeId::Location(location) => Some(location),
            _ => None,
        }
    }

    /// The scope's object as data files name it (`ams1/row-a` for a location or rack).
    pub fn scope_name(&self, scope: ScopeId) -> String {
        let m = &self.model;
        let in_site = |site: Option<SiteId>, name: &str| match site {
            Some(s) => format!("{}/{name}", m.sites[s.index()].data.name.value),
            None => name.to_string(),
        };
        match scope {
            ScopeId::Region(r) => m.regions[r.index()].data.name.value.clone(),
            ScopeId::SiteGroup(g) => m.site_groups[g.index()].data.name.value.clone(),
            ScopeId::Site(s) => m.sites[s.index()].data.name.value.clone(),
            ScopeId::Location(l) => in_site(
                self.locations[l.index()].site,
                &m.locations[l.index()].data.name.value,
            ),
            ScopeId::Rack(r) => in_site(
                self.racks[r.index()].site,
                &m.racks[r.index()].data.name.value,
            ),
            ScopeId::ClusterGroup(g) => m.cluster_groups[g.index()].data.name.value.clone(),
            ScopeId::Cluster(c) => m.clusters[c.index()].data.name.value.clone(),
        }
    }

    /// "region `eu`", for messages.
    pub fn scope_label(&self, scope: ScopeId) -> String {
        format!("{} `{}`", scope.kind().label(), self.scope_name(scope))
    }

    /// Whether a site lies in a region or one of its descendants.
    fn site_in_region(&self, site: SiteId, region: RegionId) -> bool {
        let start = self.sites[site.index()].region;
        Graph::ancestors(&self.region_parents, start).contains(&region)
    }

    /// Whether a site lies in a site group or one of its descendants.
    fn site_in_group(&self, site: SiteId, group: SiteGroupId) -> bool {
        let start = self.sites[site.index()].group;
        Graph::ancestors(&self.site_group_parents, start).contains(&group)
    }

    /// Whether a location is `ancestor` or lies inside it.
    fn location_within(&self, location: Option<LocationId>, ancestor: LocationId) -> bool {
        let mut current = location;
        let mut steps = 0;
        while let Some(l) = current {
            if l == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.locations.len() {
                return false;
            }
            current = self.locations[l.index()].parent;
        }
        false
    }

    /// Whether a site-like scope (region, site group, site, location) covers a site, and a
    /// location within it when one is known.
    fn covers_site(&self, scope: ScopeId, site: SiteId, location: Option<LocationId>) -> bool {
        match scope {
            ScopeId::Region(r) => self.site_in_region(site, r),
            ScopeId::SiteGroup(g) => self.site_in_group(site, g),
            ScopeId::Site(s) => s == site,
            ScopeId::Location(l) => self.location_within(location, l),
            _ => false,
        }
    }

    /// Whether NetBox offers the VLANs of a group scoped to `scope` to an interface of
    /// `owner`: `get_for_device` (the device's site, its region and site group with their
    /// ancestors, its location with its ancestors, its rack) or `get_for_virtualmachine`
    /// (the VM's cluster and cluster group, what the cluster is scoped to, and the VM's
    /// site, the cluster's when it has none, with its region and site group).
    pub fn vlan_group_scope_offered(&self, scope: ScopeId, owner: Owner) -> bool {
        match owner {
            Owner::Device(d) => {
                let device = &self.devices[d.index()];
                let Some(site) = device.site else {
                    return false;
                };
                match scope {
                    ScopeId::Rack(r) => device.rack == Some(r),
                    ScopeId::ClusterGroup(_) | ScopeId::Cluster(_) => false,
                    _ => self.covers_site(scope, site, device.location),
                }
            }
            Owner::VirtualMachine(v) => {
                let vm = &self.virtual_machines[v.index()];
                let cluster = vm.cluster.map(|c| &self.clusters[c.index()]);
                match scope {
                    ScopeId::Cluster(c) => vm.cluster == Some(c),
                    ScopeId::ClusterGroup(g) => cluster.is_some_and(|c| c.group == Some(g)),
                    ScopeId::Rack(_) => false,
                    _ => {
                        // What the cluster is scoped to offers that scope and its ancestors.
                        let through_cluster =
                            cluster
                                .and_then(|c| c.scope)
                                .is_some_and(|cs| match (cs, scope) {
                                    (ScopeId::Location(own), ScopeId::Location(l)) => {
                                        self.location_within(Some(own), l)
                                    }
                                    (ScopeId::Region(own), ScopeId::Region(r)) => {
                                        Graph::ancestors(&self.region_parents, Some(own))
                                            .contains(&r)
                                    }
                                    (ScopeId::SiteGroup(own), ScopeId::SiteGroup(g)) => {
                                        Graph::ancestors(&self.site_group_parents, Some(own))
                                            .contains(&g)
                                    }
                                    (own, other) => own == other,
                                });
                        let site = vm.site.or_else(|| cluster.and_then(|c| c.site));
                        through_cluster
                            || site.is_some_and(|s| {
                                !matches!(scope, ScopeId::Location(_))
                                    && self.covers_site(scope, s, None)
                            })
                    }
                }
            }
        }
    }

    /// Whether NetBox offers `vlan` to an interface of `owner`: a VLAN of a group offered
    /// to it, a VLAN of its own site, a VLAN of a group without scope and without a site,
    /// or a global VLAN. `own_site` is the site the VLAN itself names (not its group's).
    pub fn vlan_offered(&self, vlan: VlanId, own_site: Option<SiteId>, owner: Owner) -> bool {
        let site = self.owner_site(owner);
        let vlan_node = &self.vlans[vlan.index()];
        if own_site.is_some() && own_site == site {
            return true;
        }
        match vlan_node.group {
            Some(group) => match self.vlan_groups[group.index()].scope {
                Some(scope) => self.vlan_group_scope_offered(scope, owner),
                None => own_site.is_none(),
            },
            None => own_site.is_none(),
        }
    }
}
