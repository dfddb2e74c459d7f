//! NAT: an address's `nat_inside`, the inside address of the NAT it is the outside of
//! (NetBox 4.4's `IPAddress.nat_inside`, a `ForeignKey` to another address; NetBox has no
//! rule on it beyond naming an address that exists).
//!
//! Runs once every address exists (nested, standalone and FHRP virtual addresses), and only
//! when one of them names an inside address: repositories without NAT pay nothing.
//!
//! An inside address is named bare (the global table's address of that host, else the one
//! VRF's that holds it) or with its VRF (`model/ipam.rs`, `NatInside`).
//!
//! Reports: NS0301 (unresolved-reference: no address with that host, in that VRF when one
//! is named; or the address itself) and NS0302 (ambiguous-reference: a bare address whose
//! host no global address and several VRFs hold).

use std::net::IpAddr;

use rustc_hash::FxHashMap;

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::{IpId, VrfId};
use crate::model::ipam::NatInside;
use crate::model::Spanned;

impl Builder<'_> {
    pub(super) fn resolve_nat(&mut self) {
        if !self.has_nat.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let graph = &self.graph;
        let mut by_host: FxHashMap<IpAddr, Vec<(Option<VrfId>, IpId)>> = FxHashMap::default();
        for (i, node) in graph.ip_addresses.iter().enumerate() {
            by_host
                .entry(node.address.addr())
                .or_default()
                .push((node.vrf, IpId::from_index(i)));
        }
        let mut pairs = Vec::new();
        for (i, node) in graph.ip_addresses.iter().enumerate() {
            let outside = IpId::from_index(i);
            let Some(nat) = &graph.ip_data(outside).nat_inside else {
                continue;
            };
            let file = node.file;
            let at = Location::new(file, nat.span);
            let (text, vrf) = match &nat.value {
                NatInside::Address(address) => (address, None),
                NatInside::InVrf { address, vrf } => (address, Some(vrf.as_ref())),
            };
            let host = text
                .trim()
                .split('/')
                .next()
                .and_then(|h| h.parse::<IpAddr>().ok());
            let Some(host) = host else {
                self.push(
                    Diagnostic::new(
                        &codes::INVALID_IP,
                        format!("`nat_inside` `{text}` is not an IP address"),
                    )
                    .at(at)
                    .with_help("name the inside address, e.g. `10.1.0.5/24`"),
                );
                continue;
            };
            // With a mapping, the VRF it names (none: the global table).
            let wanted: Option<Option<VrfId>> = match vrf {
                None => None,
                Some(None) => Some(None),
                Some(Some(name)) => {
                    let reference = Spanned::new(name.clone(), nat.span);
                    match self.resolve(which::VRFS, &reference, file) {
                        Some(v) => Some(Some(v)),
                        None => continue,
                    }
                }
            };
            let others = || {
                by_host
                    .get(&host)
                    .into_iter()
                    .flatten()
                    .filter(move |(_, id)| *id != outside)
            };
            // Bare, the global table's address if it holds the host, else any VRF's.
            let wanted = wanted.or_else(|| others().any(|(v, _)| v.is_none()).then_some(None));
            let candidates: Vec<IpId> = others()
                .filter(|(v, _)| wanted.is_none_or(|w| w == *v))
                .map(|&(_, id)| id)
                .collect();
            match candidates.as_slice() {
                [inside] => pairs.push((outside, *inside)),
                [] => {
                    let place = match wanted {
                        Some(Some(v)) => {
                            format!(" in VRF `{}`", graph.model.vrfs[v.index()].data.name.value)
                        }
                        Some(None) => " in the global table".to_string(),
                        None => String::new(),
                    };
                    self.push(
                        Diagnostic::new(
                            &codes::UNRESOLVED_REFERENCE,
                            format!("`nat_inside` names no address `{text}`{place}"),
                        )
                        .at(at)
                        .with_help(
                            "name one of the repository's addresses (the inside one), other than this one",
                        ),
                    );
                }
                several => {
                    let vrfs: Vec<String> = several
                        .iter()
                        .map(|&id| match graph.ip_addresses[id.index()].vrf {
                            Some(v) => format!("`{}`", graph.model.vrfs[v.index()].data.name.value),
                            None => "the global table".to_string(),
                        })
                        .collect();
                    self.push(
                        Diagnostic::new(
                            &codes::AMBIGUOUS_REFERENCE,
                            format!(
                                "`nat_inside` `{text}` names {} addresses: in {}",
                                several.len(),
                                vrfs.join(", ")
                            ),
                        )
                        .at(at)
                        .with_help(format!(
                            "say which with its VRF: `nat_inside: {{address: {text}, vrf: VRF}}` (no `vrf`: the global table)"
                        )),
                    );
                }
            }
        }
        pairs.sort_unstable();
        self.graph.nat_inside = pairs;
    }
}
