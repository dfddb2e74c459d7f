//! Virtual circuits (NetBox 4.2's `circuits/models/virtual_circuits.py`): their type,
//! provider network, account and tenant, and each termination's device interface. Runs
//! once interfaces exist, as terminations name them.
//!
//! NetBox's rules: a circuit ID is unique per provider network and per provider account
//! (`Meta.constraints: circuits_virtualcircuit_unique_provider_network_cid`,
//! `..._unique_provideraccount_cid`); the account belongs to the network's provider
//! (`VirtualCircuit.clean`); a termination's interface is virtual
//! (`VirtualCircuitTermination.clean`, `Interface.is_virtual`) and terminates one circuit
//! at most (`interface OneToOneField`).
//!
//! Reports: NS0201 (duplicate-object), NS0301 (unresolved-reference), NS0656
//! (circuit-account-of-another-provider), NS0634 (virtual-circuit-on-physical-interface)
//! and NS0635 (virtual-circuit-interface-taken).

use rustc_hash::FxHashMap as HashMap;

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::index::duplicate;
use crate::graph::{InterfaceId, ProviderId, VirtualCircuitNode};

impl Builder<'_> {
    pub(super) fn resolve_virtual_circuits(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        if model.virtual_circuits.is_empty() {
            return;
        }
        for o in &model.virtual_circuit_types {
            self.resolve_tags(&o.data.tags, o.file, tagged!("circuits.virtualcircuittype"));
        }
        let provider_of = |text: &crate::model::Text| -> Option<ProviderId> {
            self.graph.indexes.providers.get(&text.value)
        };
        let mut by_network: HashMap<(usize, &str), Location> = HashMap::default();
        let mut by_account: HashMap<(usize, &str), Location> = HashMap::default();
        let mut taken: HashMap<InterfaceId, Location> = HashMap::default();
        let mut nodes = Vec::with_capacity(model.virtual_circuits.len());
        for o in &model.virtual_circuits {
            let data = &o.data;
            self.resolve_circuit_groups(&data.groups, &data.cid, o.file);
            let kind = self.resolve(which::VIRTUAL_CIRCUIT_TYPES, &data.kind, o.file);
            let tenant = self.resolve_opt(which::TENANTS, data.tenant.as_ref(), o.file);
            self.resolve_tags(&data.tags, o.file, tagged!("circuits.virtualcircuit"));
            let network = self.resolve(which::PROVIDER_NETWORKS, &data.provider_network, o.file);
            let network_data = network.map(|n| &model.provider_networks[n.index()].data);
            let provider = network_data.and_then(|n| provider_of(&n.provider));
            let cid = o.at(&data.cid);
            if let Some(network) = network {
                let key = (network.index(), data.cid.value.as_str());
                match by_network.get(&key) {
                    Some(&first) => self.push(
                        duplicate("virtual circuit", &data.cid.value, cid, first).with_help(
                            "NetBox keeps a virtual circuit's ID unique per provider network",
                        ),
                    ),
                    None => {
                        by_network.insert(key, cid);
                    }
                }
            }
            let account = data.provider_account.as_ref().and_then(|account| {
                let near = provider.map(|p| &model.providers[p.index()].data.name);
                let found = self.resolve_near(which::PROVIDER_ACCOUNTS, account, near, o.file)?;
                let owner = provider_of(&model.provider_accounts[found.index()].data.provider);
                if let (Some(owner), Some(provider), Some(network)) = (owner, provider, network_data)
                {
                    if owner != provider {
                        self.push(
                            Diagnostic::new(
                                &codes::CIRCUIT_ACCOUNT_OF_ANOTHER_PROVIDER,
                                format!(
                                    "virtual circuit `{}` is billed to account `{}` of provider `{}`, not of `{}`, whose network `{}` delivers it",
                                    data.cid.value,
                                    account.value,
                                    model.providers[owner.index()].data.name.value,
                                    model.providers[provider.index()].data.name.value,
                                    network.name.value
                                ),
                            )
                            .at(o.at(account))
                            .with_help("name an account of the network's provider, or another network"),
                        );
                    }
                }
                let key = (found.index(), data.cid.value.as_str());
                match by_account.get(&key) {
                    Some(&first) => self.push(
                        duplicate("virtual circuit", &data.cid.value, cid, first).with_help(
                            "NetBox keeps a virtual circuit's ID unique per provider account",
                        ),
                    ),
                    None => {
                        by_account.insert(key, cid);
                    }
                }
                Some(found)
            });
            let mut terminations = Vec::with_capacity(data.terminations.len());
            for termination in &data.terminations {
                let t = &termination.value;
                self.resolve_tags(
                    &t.tags,
                    o.file,
                    tagged!("circuits.virtualcircuittermination"),
                );
                let interface = self.resolve_endpoint(&t.interface, o.file, None);
                let here = o.at(&t.interface);
                if let Some(interface) = interface {
                    let kind = self.graph.interface_kind(interface);
                    if kind.is_some_and(|k| !k.is_virtual()) {
                        self.push(
                            Diagnostic::new(
                                &codes::VIRTUAL_CIRCUIT_ON_PHYSICAL_INTERFACE,
                                format!(
                                    "virtual circuit `{}` terminates on `{}`, a {} interface: NetBox takes only virtual ones",
                                    data.cid.value,
                                    self.graph.interface_label(interface),
                                    kind.map_or("", |k| k.as_str())
                                ),
                            )
                            .at(here)
                            .with_help("terminate it on a virtual interface (`virtual`, `lag` or `bridge`), e.g. a sub-interface of the port"),
                        );
                    }
                    if let Some(&first) = taken.get(&interface) {
                        self.push(
                            Diagnostic::new(
                                &codes::VIRTUAL_CIRCUIT_INTERFACE_TAKEN,
                                format!(
                                    "interface `{}` already terminates a virtual circuit",
                                    self.graph.interface_label(interface)
                                ),
                            )
                            .at_labelled(here, "terminated again here")
                            .with_secondary(first, "first terminated here")
                            .with_help("an interface is the end of one virtual circuit"),
                        );
                    } else {
                        taken.insert(interface, here);
                    }
                }
                terminations.push(interface);
            }
            nodes.push(VirtualCircuitNode {
                network,
                account,
                kind,
                tenant,
                terminations,
            });
        }
        self.graph.virtual_circuits = nodes;
    }
}
