//! Scopes of prefixes, VLAN groups and clusters (`model/scope.rs`): the one key written
//! resolved to its object, a second key reported.
//!
//! Reports: NS0301 (unresolved-reference, at the scope's value), NS0302 (a name several
//! scopes hold, unqualified), NS0429 (several-scopes), and for a VLAN's site against its
//! group's scope NS0304 (cross-site-reference) and NS0509 (vlan-site-outside-group-scope).

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, FileId, Location};
use crate::graph::ScopeId;
use crate::graph::{SiteId, VlanGroupId};
use crate::model::ipam::Vlan;
use crate::model::scope::{self, ScopeKind, ScopeRefs};
use crate::model::Obj;

impl Builder<'_> {
    /// Resolves the scope an object wrote; `what` names the object for messages ("prefix
    /// `10.0.0.0/8`"). NetBox's `scope_type`/`scope_id` hold one object, so a second key
    /// is NS0429 and only the first counts.
    pub(super) fn resolve_scope(
        &self,
        refs: &ScopeRefs<'_>,
        what: impl Fn() -> String,
        file: FileId,
    ) -> Option<ScopeId> {
        let mut written = scope::written(refs);
        let (kind, text) = written.next()?;
        for (other_kind, other) in written {
            self.push(
                Diagnostic::new(
                    &codes::SEVERAL_SCOPES,
                    format!(
                        "{} is scoped to {} `{}` and to {} `{}`",
                        what(),
                        kind.label(),
                        text.value,
                        other_kind.label(),
                        other.value
                    ),
                )
                .at_labelled(Location::new(file, other.span), "second scope")
                .with_secondary(Location::new(file, text.span), "first scope")
                .with_help(format!(
                    "NetBox scopes an object to one {}; keep the narrowest that is true and remove `{}`",
                    "region, site group, site or location",
                    other_kind.key()
                )),
            );
        }
        match kind {
            ScopeKind::Region => self
                .resolve(which::REGIONS, text, file)
                .map(ScopeId::Region),
            ScopeKind::SiteGroup => self
                .resolve(which::SITE_GROUPS, text, file)
                .map(ScopeId::SiteGroup),
            ScopeKind::Site => self.resolve(which::SITES, text, file).map(ScopeId::Site),
            ScopeKind::Location => self
                .resolve_in_site(which::LOCATIONS, None, text, file)
                .map(ScopeId::Location),
            ScopeKind::Rack => self
                .resolve_in_site(which::RACKS, None, text, file)
                .map(ScopeId::Rack),
            ScopeKind::ClusterGroup => self
                .resolve(which::CLUSTER_GROUPS, text, file)
                .map(ScopeId::ClusterGroup),
            ScopeKind::Cluster => self
                .resolve(which::CLUSTERS, text, file)
                .map(ScopeId::Cluster),
        }
    }

    /// NetBox's `VLAN.clean`: a VLAN with both a site and a group must be of the group's
    /// site when the group is scoped to a site (NS0304), and a member of the group's site
    /// group when it is scoped to one (NS0509, direct members only: NetBox reads
    /// `scope.sites`). Other scopes NetBox does not compare, and neither does netsot.
    pub(super) fn check_vlan_site_in_group_scope(
        &self,
        vlan: &Obj<Vlan>,
        site: SiteId,
        group: VlanGroupId,
    ) {
        let Some(at_group) = vlan.data.group.as_ref().map(|g| vlan.at(g)) else {
            return;
        };
        let model = &self.graph.model;
        let site_name = &model.sites[site.index()].data.name.value;
        match self.graph.vlan_groups[group.index()].scope {
            Some(ScopeId::Site(group_site)) if group_site != site => self.push(
                Diagnostic::new(
                    &codes::CROSS_SITE_REFERENCE,
                    "the VLAN's group is scoped to another site".to_string(),
                )
                .at(at_group),
            ),
            Some(ScopeId::SiteGroup(site_group))
                if self.graph.sites[site.index()].group != Some(site_group) =>
            {
                self.push(
                    Diagnostic::new(
                        &codes::VLAN_SITE_OUTSIDE_GROUP_SCOPE,
                        format!(
                            "VLAN `{}` is in site `{site_name}`, which is not a member of site group `{}` that its group `{}` is scoped to",
                            vlan.data.name.value,
                            model.site_groups[site_group.index()].data.name.value,
                            model.vlan_groups[group.index()].data.name.value,
                        ),
                    )
                    .at_labelled(at_group, "group scoped to another site group")
                    .with_help("choose a group of the site's own site group, or add the site to that site group (NetBox compares direct members only)"),
                )
            }
            _ => {}
        }
    }
}
