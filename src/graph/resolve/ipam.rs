//! The IPAM family: prefixes, aggregates, IP ranges and standalone IP addresses parsed and
//! their VRF, site, VLAN, tenant, role and RIR resolved; ASN ranges' RIR and tenant; VLANs
//! (with their role and Q-in-Q service VLAN) and their per-site index.
//!
//! Reports: NS0107 (invalid-ip, host bits set with the network suggested), NS0301
//! (unresolved-reference), NS0304 (cross-site-reference) and NS0201 (duplicate-object, a VLAN
//! group named or slugged twice in its site).

use super::organisation::{parent_label, scoped};
use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::index::SiteIndex;
use crate::graph::*;
use crate::model::Text;
use ipnet::IpNet;
use rayon::prelude::*;

impl Builder<'_> {
    pub(super) fn resolve_ipam(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.vrfs {
            self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
            for target in o.data.import_targets.iter().chain(&o.data.export_targets) {
                self.resolve(which::ROUTE_TARGETS, target, o.file);
            }
            self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.vrf"));
        }
        for o in &model.vlan_translation_policies {
            self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.vlantranslationpolicy"));
        }
        self.graph.aggregates = model
            .aggregates
            .par_iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let rir = self.resolve(which::RIRS, &o.data.rir, o.file);
                self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
                self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.aggregate"));
                let prefix = self.parse_prefix(&o.data.prefix, o.file)?;
                Some(AggregateNode {
                    prefix,
                    rir,
                    object: AggregateId::from_index(i),
                })
            })
            .collect();
        for o in &model.asns {
            self.resolve(which::RIRS, &o.data.rir, o.file);
            self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.asn"));
        }
        self.resolve_listed_asns();
        for o in &model.asn_ranges {
            self.resolve(which::RIRS, &o.data.rir, o.file);
            self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.asnrange"));
        }
        for o in &model.roles {
            self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.role"));
        }

        // VLAN groups, then VLANs, unique by name within their site or group.
        self.graph.vlan_groups = model
            .vlan_groups
            .iter()
            .map(|o| {
                self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.vlangroup"));
                let what = || format!("VLAN group `{}`", o.data.name.value);
                let scope = self.resolve_scope(&o.data.scope_refs(), what, o.file);
                VlanGroupNode {
                    scope,
                    site: self.graph.scope_site(scope),
                }
            })
            .collect();
        // `ipam_vlangroup_unique_scope_name` and `..._scope_slug`: the scope is NetBox's
        // `(scope_type, scope_id)`.
        self.report_scoped_duplicates(
            &model.vlan_groups,
            "VLAN group",
            false,
            |i, d| {
                let scope = self.graph.vlan_groups[i].scope;
                let written = crate::model::scope::first(&d.scope_refs()).map(|(_, t)| t);
                scoped(scope, written, &d.name, d.slug.as_ref())
            },
            |s| match s {
                Some(s) => format!("in {}", self.graph.scope_label(s)),
                None => parent_label("scope", None),
            },
        );
        let mut vlans = SiteIndex::with_capacity(model.vlans.len());
        let mut vlan_nodes = Vec::with_capacity(model.vlans.len());
        for (i, o) in model.vlans.iter().enumerate() {
            let site = self.resolve_opt(which::SITES, o.data.site.as_ref(), o.file);
            self.resolve_opt(which::ROLES, o.data.role.as_ref(), o.file);
            let group = o.data.group.as_ref().and_then(|g| {
                self.resolve_near(which::VLAN_GROUPS, g, o.data.site.as_ref(), o.file)
            });
            if let (Some(site), Some(group)) = (site, group) {
                self.check_vlan_site_in_group_scope(o, site, group);
            }
            // Name uniqueness within group or site is the VLAN family's check; the index keeps the first.
            let scope = site.or_else(|| group.and_then(|g| self.graph.vlan_groups[g.index()].site));
            let _ = vlans.insert(scope, &o.data.name.value, VlanId::from_index(i));
            vlan_nodes.push(VlanNode {
                site: site.or_else(|| group.and_then(|g| self.graph.vlan_groups[g.index()].site)),
                group,
                tenant: self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file),
                qinq_svlan: None,
            });
            self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.vlan"));
        }
        self.graph.vlans = vlan_nodes;
        self.graph.indexes.vlans = vlans;
        // A customer VLAN's service VLAN, once every VLAN is indexed (it may come later).
        for (i, o) in model.vlans.iter().enumerate() {
            if let Some(svlan) = &o.data.qinq_svlan {
                let site = self.graph.vlans[i].site;
                let found = self.resolve_in_site(which::VLANS, site, svlan, o.file);
                self.graph.vlans[i].qinq_svlan = found;
            }
        }
        drop(model);
        let model = std::sync::Arc::clone(&self.graph.model);

        self.graph.prefixes = model
            .prefixes
            .par_iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let vrf = self.resolve_opt(which::VRFS, o.data.vrf.as_ref(), o.file);
                let what = || format!("prefix `{}`", o.data.prefix.value);
                let scope = self.resolve_scope(&o.data.scope_refs(), what, o.file);
                let site = self.graph.scope_site(scope);
                let vlan = o
                    .data
                    .vlan
                    .as_ref()
                    .and_then(|v| self.resolve_in_site(which::VLANS, site, v, o.file));
                let tenant = self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
                self.resolve_opt(which::ROLES, o.data.role.as_ref(), o.file);
                self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.prefix"));
                let prefix = self.parse_prefix(&o.data.prefix, o.file)?;
                Some(PrefixNode {
                    prefix,
                    vrf,
                    scope,
                    site,
                    vlan,
                    tenant,
                    object: PrefixId::from_index(i),
                })
            })
            .collect();
        self.graph.ip_ranges = model
            .ip_ranges
            .par_iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let vrf = self.resolve_opt(which::VRFS, o.data.vrf.as_ref(), o.file);
                self.resolve_opt(which::ROLES, o.data.role.as_ref(), o.file);
                self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
                self.resolve_tags(&o.data.tags, o.file, tagged!("ipam.iprange"));
                let start = self.parse_address(&o.data.start_address, o.file)?;
                let end = self.parse_address(&o.data.end_address, o.file)?;
                Some(IpRangeNode {
                    start,
                    end,
                    vrf,
                    object: IpRangeId::from_index(i),
                })
            })
            .collect();
        drop(model);
    }

    /// Parses a prefix; host bits set are an error with the network suggested.
    pub(super) fn parse_prefix(&self, text: &Text, file: crate::diag::FileId) -> Option<IpNet> {
        match text.value.trim().parse::<IpNet>() {
            Ok(net) if net.trunc() == net => Some(net),
            Ok(net) => {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_IP,
                        format!("`{}` has host bits set", text.value),
                    )
                    .at(Location::new(file, text.span))
                    .with_help(format!("did you mean `{}`?", net.trunc())),
                );
                None
            }
            Err(_) => {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_IP,
                        format!("`{}` is not a prefix", text.value),
                    )
                    .at(Location::new(file, text.span))
                    .with_help(
                        "write a network with its length, e.g. `10.1.0.0/24` or `2001:db8::/48`",
                    ),
                );
                None
            }
        }
    }

    /// Parses an address with its mask (`10.0.0.1/24`).
    pub(super) fn parse_address(&self, text: &Text, file: crate::diag::FileId) -> Option<IpNet> {
        match text.value.trim().parse::<IpNet>() {
            Ok(net) => Some(net),
            Err(_) => {
                let help = if text.value.parse::<std::net::IpAddr>().is_ok() {
                    format!("add the prefix length, e.g. `{}/32`", text.value)
                } else {
                    "write an address with its prefix length, e.g. `10.0.0.1/24` or `2001:db8::1/64`".to_string()
                };
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_IP,
                        format!("`{}` is not an IP address with a prefix length", text.value),
                    )
                    .at(Location::new(file, text.span))
                    .with_help(help),
                );
                None
            }
        }
    }
}

impl Builder<'_> {
    /// The `asns` of sites and providers name ASN objects (NetBox's `Site.asns` and
    /// `Provider.asns` are `ManyToManyField(to='ipam.ASN')`): a number no `asns` entry
    /// declares is NS0301, as NetBox refuses the reference. AS 0 is NS0111
    /// (`check/ipam_values.rs`), not reported here too.
    fn resolve_listed_asns(&self) {
        let model = &self.graph.model;
        let declared: rustc_hash::FxHashSet<u32> =
            model.asns.iter().map(|o| o.data.asn.value).collect();
        let report = |holder: String,
                      asns: &[crate::model::Spanned<u32>],
                      at: &dyn Fn(&crate::model::Spanned<u32>) -> Location| {
            for asn in asns {
                if asn.value != 0 && !declared.contains(&asn.value) {
                    self.push(
                        Diagnostic::new(
                            &codes::UNRESOLVED_REFERENCE,
                            format!("{holder} lists AS {}, which no `asns` entry declares", asn.value),
                        )
                        .at(at(asn))
                        .with_help(format!(
                            "declare it under `asns:` with its RIR (`- {{asn: {}, rir: ...}}`): NetBox holds a site's and a provider's ASNs as ASN objects",
                            asn.value
                        )),
                    );
                }
            }
        };
        for o in &model.sites {
            report(
                format!("site `{}`", o.data.name.value),
                &o.data.asns,
                &|a| o.at(a),
            );
        }
        for o in &model.providers {
            report(
                format!("provider `{}`", o.data.name.value),
                &o.data.asns,
                &|a| o.at(a),
            );
        }
    }
}
