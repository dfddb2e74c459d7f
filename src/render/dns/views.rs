//! The views of a `dns` output: BIND `view` clauses for VRFs that reuse address space.
//!
//! Two VRFs holding `10.0.0.1` with different names cannot share one
//! `0.0.10.in-addr.arpa`: a name server serves one zone of a name per view. So each view
//! gets its own copy of every reverse zone, holding the PTR records of its VRFs only, in
//! its own folder (`VIEW/ZONE.zone`), and answers the clients of its `match-clients`. The
//! forward zones are shared: the first view loads them and the others point at its copy
//! with `in-view`, so a forward zone is loaded and written once.

use std::fmt::Write as _;
use std::net::IpAddr;

use ipnet::IpNet;

use super::super::{Context, Rendered};
use crate::diag::{codes, did_you_mean, suggestion_help, Diagnostic};
use crate::graph::VrfId;
use crate::model::config::DnsView;
use crate::model::Spanned;

/// The checked views of an output, and which view answers for each VRF.
pub(super) struct ViewSet<'a> {
    pub views: Vec<&'a DnsView>,
    /// The view of each VRF, by VRF index.
    by_vrf: Vec<Option<u32>>,
    /// The view of the addresses in no VRF.
    global: Option<u32>,
}

impl ViewSet<'_> {
    /// How many sets of reverse zones are written: one per view, one without views.
    pub fn len(&self) -> usize {
        self.views.len().max(1)
    }

    /// The view whose reverse zones hold a PTR record of an address in `vrf`: always the
    /// one set without views, `None` for a VRF that no view lists.
    pub fn of(&self, vrf: Option<VrfId>) -> Option<usize> {
        if self.views.is_empty() {
            return Some(0);
        }
        let view = match vrf {
            Some(vrf) => self.by_vrf[vrf.index()],
            None => self.global,
        };
        view.map(|v| v as usize)
    }
}

/// Checks the `views` of a `dns` output (NS0838); `None` when one cannot be rendered.
pub(super) fn check_views<'a>(
    cx: &Context,
    views: &'a [Spanned<DnsView>],
    out: &mut Rendered,
) -> Option<ViewSet<'a>> {
    let graph = &cx.compilation.graph;
    let mut set = ViewSet {
        views: Vec::with_capacity(views.len()),
        by_vrf: vec![None; graph.model.vrfs.len()],
        global: None,
    };
    let mut ok = true;
    let mut fail = |diagnostic: Diagnostic| {
        out.diagnostics.push(diagnostic);
        ok = false;
    };
    for (v, view) in views.iter().enumerate() {
        let view = &view.value;
        let name = &view.name;
        if !valid_view_name(&name.value) {
            fail(
                Diagnostic::new(
                    &codes::INVALID_DNS_VIEW,
                    format!("the view name `{}` is not a plain name", name.value),
                )
                .at(cx.at(name))
                .with_help("it names a folder of zone files too: use letters, digits, `-` and `_`"),
            );
        }
        if let Some(first) = views[..v].iter().find(|o| o.value.name.value == name.value) {
            fail(
                Diagnostic::new(
                    &codes::INVALID_DNS_VIEW,
                    format!("the view `{}` is configured twice", name.value),
                )
                .at(cx.at(name))
                .with_secondary(cx.at(&first.value.name), "first configured here"),
            );
        }
        if view.global {
            if let Some(first) = set.global {
                fail(
                    Diagnostic::new(
                        &codes::INVALID_DNS_VIEW,
                        format!(
                            "the views `{}` and `{}` both hold the addresses in no VRF",
                            views[first as usize].value.name.value, name.value
                        ),
                    )
                    .at(cx.at(name))
                    .with_help("keep `global: true` on one view: an address's PTR record lives in one view"),
                );
            }
            set.global = Some(v as u32);
        }
        for vrf in &view.vrfs {
            let Some(id) = graph.indexes.vrfs.get(&vrf.value) else {
                let suggestions = did_you_mean(&vrf.value, graph.indexes.vrfs.keys());
                let mut diagnostic = Diagnostic::new(
                    &codes::INVALID_DNS_VIEW,
                    format!(
                        "the view `{}` lists `{}`, which is no VRF",
                        name.value, vrf.value
                    ),
                )
                .at(cx.at(vrf));
                diagnostic.help = suggestion_help(&suggestions).or_else(|| {
                    Some("name a VRF of `vrfs`; the addresses in no VRF are `global: true`".into())
                });
                fail(diagnostic);
                continue;
            };
            let current = set.by_vrf[id.index()];
            match current {
                Some(first) if first as usize != v => fail(
                    Diagnostic::new(
                        &codes::INVALID_DNS_VIEW,
                        format!(
                            "the VRF `{}` is in the views `{}` and `{}`",
                            vrf.value, views[first as usize].value.name.value, name.value
                        ),
                    )
                    .at(cx.at(vrf))
                    .with_help("list a VRF in one view: an address's PTR record lives in one view"),
                ),
                _ => set.by_vrf[id.index()] = Some(v as u32),
            }
        }
        for client in &view.match_clients {
            if let Err(reason) = match_element(&client.value) {
                fail(
                    Diagnostic::new(
                        &codes::INVALID_DNS_VIEW,
                        format!("`{}` cannot be matched against clients: {reason}", client.value),
                    )
                    .at(cx.at(client))
                    .with_help("write an address, a prefix (`10.1.0.0/16`), `any`, `localhost` or `localnets`, each negated by a leading `!`"),
                );
            }
        }
        set.views.push(view);
    }
    ok.then_some(set)
}

/// A view name that BIND takes unquoted and that is a safe folder name.
fn valid_view_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// One element of a BIND address match list, as far as this output writes them.
fn match_element(text: &str) -> Result<(), &'static str> {
    let text = text.strip_prefix('!').unwrap_or(text).trim();
    if matches!(text, "any" | "none" | "localhost" | "localnets") {
        return Ok(());
    }
    if text.parse::<IpAddr>().is_ok() {
        return Ok(());
    }
    match text.parse::<IpNet>() {
        Ok(net) if net.trunc() == net => Ok(()),
        Ok(_) => Err("the prefix has host bits set, which BIND refuses"),
        Err(_) => Err("it is not an address, a prefix or a keyword"),
    }
}

/// One zone of the index: its name and the file it is loaded from.
pub(super) struct IndexedZone<'a> {
    pub name: &'a str,
    pub file: String,
    /// `None` for a forward zone, which every view shares; else the view whose copy of a
    /// reverse zone this is.
    pub view: Option<usize>,
}

/// `named.conf.zones`: the zones, inside a `view` clause each when there are views.
pub(super) fn index(set: &ViewSet, zones: &[IndexedZone]) -> String {
    let mut index =
        String::from("// The zones rendered by netsot; include this file from named.conf.\n");
    if set.views.is_empty() {
        for zone in zones {
            let _ = writeln!(
                index,
                "zone \"{}\" {{ type primary; file \"{}\"; }};",
                zone.name, zone.file
            );
        }
        return index;
    }
    let first = &set.views[0].name.value;
    for (v, view) in set.views.iter().enumerate() {
        let clients: Vec<&str> = view.match_clients.iter().map(|c| c.value.trim()).collect();
        let clients = if clients.is_empty() {
            "any;".to_string()
        } else {
            clients.join("; ") + ";"
        };
        let _ = writeln!(
            index,
            "view \"{}\" {{\n  match-clients {{ {clients} }};",
            view.name.value
        );
        for zone in zones {
            match zone.view {
                None if v == 0 => {
                    let _ = writeln!(
                        index,
                        "  zone \"{}\" {{ type primary; file \"{}\"; }};",
                        zone.name, zone.file
                    );
                }
                None => {
                    let _ = writeln!(
                        index,
                        "  zone \"{}\" {{ in-view \"{first}\"; }};",
                        zone.name
                    );
                }
                Some(of) if of == v => {
                    let _ = writeln!(
                        index,
                        "  zone \"{}\" {{ type primary; file \"{}\"; }};",
                        zone.name, zone.file
                    );
                }
                Some(_) => {}
            }
        }
        index.push_str("};\n");
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_elements() {
        assert!(match_element("127.0.0.2").is_ok());
        assert!(match_element("!10.1.0.0/16").is_ok());
        assert!(match_element("localnets").is_ok());
        assert!(match_element("10.1.0.1/16").is_err());
        assert!(match_element("everyone").is_err());
    }

    #[test]
    fn view_names() {
        assert!(valid_view_name("red-vrf_1"));
        assert!(!valid_view_name("../red"));
        assert!(!valid_view_name(""));
    }
}
