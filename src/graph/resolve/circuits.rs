//! The circuits family: provider accounts and networks (their provider; an account, an
//! account's name and a network's name unique per provider), and circuits (their provider,
//! type, tenant and account, and each termination's site or provider network).
//!
//! Reports: NS0301 (unresolved-reference), NS0302 (ambiguous-reference: a network name
//! several providers hold, written without `PROVIDER/`), NS0201 (duplicate-object, per
//! provider, and a circuit group named twice by one circuit) and NS0656
//! (circuit-account-of-another-provider). Circuit groups: their tenant and tags, and the
//! `groups` of circuits (here) and virtual circuits (`virtual_circuits.rs`).

use super::scoped::Keyed;
use super::{which, Builder};
use crate::diag::{codes, Diagnostic};
use crate::graph::*;
use crate::model::Text;

/// An object's name in its provider, for a uniqueness check; `None` when the provider did
/// not resolve (reported already) or there is no name.
fn by_provider<'a>(
    scope: Option<ProviderId>,
    name: Option<&'a Text>,
) -> Option<Keyed<'a, ProviderId>> {
    scope.zip(name).map(|(scope, name)| Keyed {
        scope,
        name: Some(name),
        slug: None,
    })
}

impl Builder<'_> {
    pub(super) fn resolve_circuits(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let account_providers: Vec<Option<ProviderId>> = model
            .provider_accounts
            .iter()
            .map(|o| {
                self.resolve_tags(&o.data.tags, o.file, tagged!("circuits.provideraccount"));
                self.resolve(which::PROVIDERS, &o.data.provider, o.file)
            })
            .collect();
        let network_providers: Vec<Option<ProviderId>> = model
            .provider_networks
            .iter()
            .map(|o| {
                self.resolve_tags(&o.data.tags, o.file, tagged!("circuits.providernetwork"));
                self.resolve(which::PROVIDERS, &o.data.provider, o.file)
            })
            .collect();
        let of_provider = |p: ProviderId| {
            format!(
                "of provider `{}`",
                model.providers[p.index()].data.name.value
            )
        };
        // `circuits_provideraccount_unique_provider_account` and `..._unique_provider_name`
        // (the latter only for a name that is not empty), then
        // `circuits_providernetwork_unique_provider_name`.
        self.report_scoped_duplicates(
            &model.provider_accounts,
            "provider account",
            false,
            |i, d| by_provider(account_providers[i], Some(&d.account)),
            of_provider,
        );
        self.report_scoped_duplicates(
            &model.provider_accounts,
            "provider account name",
            false,
            |i, d| {
                let name = d.name.as_ref().filter(|n| !n.value.is_empty());
                by_provider(account_providers[i], name)
            },
            of_provider,
        );
        self.report_scoped_duplicates(
            &model.provider_networks,
            "provider network",
            false,
            |i, d| by_provider(network_providers[i], Some(&d.name)),
            of_provider,
        );

        for o in &model.circuit_groups {
            self.resolve_opt(which::TENANTS, o.data.tenant.as_ref(), o.file);
            self.resolve_tags(&o.data.tags, o.file, tagged!("circuits.circuitgroup"));
        }
        for o in &model.circuits {
            let data = &o.data;
            self.resolve_circuit_groups(&data.groups, &data.cid, o.file);
            let provider = self.resolve(which::PROVIDERS, &data.provider, o.file);
            self.resolve(which::CIRCUIT_TYPES, &data.kind, o.file);
            self.resolve_opt(which::TENANTS, data.tenant.as_ref(), o.file);
            if let Some(account) = &data.provider_account {
                let found = self.resolve_near(
                    which::PROVIDER_ACCOUNTS,
                    account,
                    Some(&data.provider),
                    o.file,
                );
                let owner = found.and_then(|a| account_providers[a.index()]);
                if let (Some(owner), Some(provider)) = (owner, provider) {
                    if owner != provider {
                        self.push(
                            Diagnostic::new(
                                &codes::CIRCUIT_ACCOUNT_OF_ANOTHER_PROVIDER,
                                format!(
                                    "circuit `{}` is billed to account `{}` of provider `{}`, not of `{}`",
                                    data.cid.value,
                                    account.value,
                                    model.providers[owner.index()].data.name.value,
                                    data.provider.value
                                ),
                            )
                            .at(o.at(account))
                            .with_help(format!(
                                "name an account of provider `{}` in `provider_accounts`, or fix the circuit's `provider`",
                                data.provider.value
                            )),
                        );
                    }
                }
            }
            for termination in [&data.termination_a, &data.termination_z]
                .into_iter()
                .flatten()
            {
                let end = &termination.value;
                self.resolve_opt(which::SITES, end.site.as_ref(), o.file);
                self.resolve_opt(
                    which::PROVIDER_NETWORKS,
                    end.provider_network.as_ref(),
                    o.file,
                );
            }
            self.resolve_tags(&data.tags, o.file, tagged!("circuits.circuit"));
        }
        drop(model);
    }

    /// Resolves a circuit's or virtual circuit's `groups`: each group exists, and is named
    /// once (NetBox's `circuits_circuitgroupassignment_unique_member_group`).
    pub(super) fn resolve_circuit_groups(
        &self,
        groups: &[crate::model::Spanned<crate::model::circuits::CircuitGroupAssignment>],
        cid: &Text,
        file: crate::diag::FileId,
    ) {
        let mut seen: Vec<(CircuitGroupId, &Text)> = Vec::new();
        for assignment in groups {
            let group = &assignment.value.group;
            self.resolve_tags(
                &assignment.value.tags,
                file,
                tagged!("circuits.circuitgroupassignment"),
            );
            let Some(id) = self.resolve(which::CIRCUIT_GROUPS, group, file) else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(other, _)| *other == id) {
                self.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_OBJECT,
                        format!(
                            "`{}` is in circuit group `{}` twice",
                            cid.value, group.value
                        ),
                    )
                    .at_labelled(
                        crate::diag::Location::new(file, group.span),
                        "named again here",
                    )
                    .with_secondary(
                        crate::diag::Location::new(file, first.span),
                        "first named here",
                    )
                    .with_help("a circuit is in a group once; keep one entry with its priority"),
                );
                continue;
            }
            seen.push((id, group));
        }
    }
}
