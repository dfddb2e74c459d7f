//! Family 5: VLANs. VID ranges, duplicate VIDs and names per group, service VLAN or site,
//! Q-in-Q roles, VLAN translation rules, and the interface mode rules.

use rustc_hash::FxHashMap as HashMap;

use crate::diag::codes;
use crate::diag::{Diagnostic, Location};
use crate::graph::{Graph, SiteId, VlanGroupId, VlanId};
use crate::model::config::Config;

pub(super) fn check(graph: &Graph, config: &Config, out: &mut Vec<Diagnostic>) {
    group_ranges_valid(graph, out);
    vids_and_duplicates(graph, out);
    qinq_roles(graph, out);
    translation_rules(graph, out);
    let untagged_also_tagged = config.policy.netbox_departures.untagged_also_tagged;
    interface_modes(graph, untagged_also_tagged, out);
}

/// Where a VLAN's VID and name must be unique: its group, else (a customer VLAN) its
/// service VLAN, else its site, else the global scope.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Scope {
    Group(VlanGroupId),
    /// `ipam_vlan_unique_qinq_svlan_vid` and `..._name`: customer VLANs repeat VIDs across
    /// service VLANs of one site, which is what Q-in-Q is for.
    ServiceVlan(VlanId),
    Site(SiteId),
    Global,
}

fn vids_and_duplicates(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut vids: HashMap<(Scope, u32), usize> = HashMap::default();
    let mut names: HashMap<(Scope, &str), usize> = HashMap::default();
    for (i, (node, object)) in graph.vlans.iter().zip(&graph.model.vlans).enumerate() {
        let vid = object.data.vid.value;
        let vid_location = object.at(&object.data.vid);
        if !(1..=4094).contains(&vid) {
            out.push(
                Diagnostic::new(
                    &codes::VID_OUT_OF_RANGE,
                    format!("VLAN ID {vid} is outside 1-4094"),
                )
                .at(vid_location)
                .with_help("IEEE 802.1Q VLAN IDs run from 1 to 4094"),
            );
        } else if let Some(group) = node.group {
            let group_object = &graph.model.vlan_groups[group.index()];
            let ranges = group_ranges(graph, group);
            if !ranges
                .iter()
                .any(|&(low, high)| (low..=high).contains(&vid))
            {
                let list = ranges
                    .iter()
                    .map(|(low, high)| format!("{low}-{high}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    Diagnostic::new(
                        &codes::VID_OUT_OF_RANGE,
                        format!(
                            "VLAN ID {vid} is outside the ranges of group `{}` ({list})",
                            group_object.data.name.value
                        ),
                    )
                    .at(vid_location)
                    .with_secondary(group_object.at(&group_object.data.name), "the group")
                    .with_help("pick a VID inside the group's ranges, or widen `vid_ranges`"),
                );
            }
        }
        let scope = match (node.group, &object.data.group, node.site, &object.data.site) {
            (Some(group), _, _, _) => Scope::Group(group),
            (None, None, _, _) if object.data.qinq_svlan.is_some() => match node.qinq_svlan {
                Some(svlan) => Scope::ServiceVlan(svlan),
                // An unresolved service VLAN was reported already.
                None => continue,
            },
            // An unresolved group or site was reported already; do not guess the scope.
            (None, Some(_), _, _) | (None, None, None, Some(_)) => continue,
            (None, None, Some(site), _) => Scope::Site(site),
            (None, None, None, None) => Scope::Global,
        };
        let scope_name = |graph: &Graph| match scope {
            Scope::Group(g) => format!(
                "group `{}`",
                graph.model.vlan_groups[g.index()].data.name.value
            ),
            Scope::ServiceVlan(v) => format!(
                "service VLAN `{}`",
                graph.model.vlans[v.index()].data.name.value
            ),
            Scope::Site(s) => format!("site `{}`", graph.model.sites[s.index()].data.name.value),
            Scope::Global => "the global scope".to_string(),
        };
        let name_location = object.at(&object.data.name);
        if let Some(&first) = vids.get(&(scope, vid)) {
            let other = &graph.model.vlans[first];
            out.push(
                Diagnostic::new(
                    &codes::DUPLICATE_VLAN,
                    format!(
                        "VLAN ID {vid} is used twice in {}: by `{}` and `{}`",
                        scope_name(graph),
                        other.data.name.value,
                        object.data.name.value
                    ),
                )
                .at_labelled(vid_location, "used again here")
                .with_secondary(other.at(&other.data.vid), "first used here"),
            );
        } else {
            vids.insert((scope, vid), i);
        }
        if let Some(&first) = names.get(&(scope, object.data.name.value.as_str())) {
            let other = &graph.model.vlans[first];
            out.push(
                Diagnostic::new(
                    &codes::DUPLICATE_VLAN,
                    format!(
                        "VLAN name `{}` is used twice in {}",
                        object.data.name.value,
                        scope_name(graph)
                    ),
                )
                .at_labelled(name_location, "used again here")
                .with_secondary(other.at(&other.data.name), "first used here"),
            );
        } else {
            names.insert((scope, object.data.name.value.as_str()), i);
        }
    }
}

/// VLAN translation rules (`ipam/models/vlans.py` `VLANTranslationRule`): both VIDs 1 to
/// 4094 (`local_vid`, `remote_vid` validators, NS0501), and each VID at most once per policy
/// on each side (`ipam_vlantranslationrule_unique_policy_local_vid`, `..._remote_vid`,
/// NS0502).
fn translation_rules(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for object in &graph.model.vlan_translation_policies {
        let policy = &object.data;
        let mut seen: HashMap<(bool, u16), &crate::model::Spanned<u16>> = HashMap::default();
        for rule in &policy.rules {
            for (remote, vid) in [
                (false, &rule.value.local_vid),
                (true, &rule.value.remote_vid),
            ] {
                let side = if remote { "remote_vid" } else { "local_vid" };
                if !(1..=4094).contains(&vid.value) {
                    out.push(
                        Diagnostic::new(
                            &codes::VID_OUT_OF_RANGE,
                            format!(
                                "`{side}` {} of VLAN translation policy `{}` is outside 1-4094",
                                vid.value, policy.name.value
                            ),
                        )
                        .at(object.at(vid))
                        .with_help("IEEE 802.1Q VLAN IDs run from 1 to 4094"),
                    );
                    continue;
                }
                match seen.get(&(remote, vid.value)) {
                    Some(first) => out.push(
                        Diagnostic::new(
                            &codes::DUPLICATE_VLAN,
                            format!(
                                "VLAN translation policy `{}` has two rules with `{side}` {}",
                                policy.name.value, vid.value
                            ),
                        )
                        .at_labelled(object.at(vid), "used again here")
                        .with_secondary(object.at(first), "first used here")
                        .with_help(
                            "a policy maps each VID once on each side: merge or remove one rule",
                        ),
                    ),
                    None => {
                        seen.insert((remote, vid.value), vid);
                    }
                }
            }
        }
    }
}

/// `VLAN.clean`: only a customer VLAN names a service VLAN (NS0506), and a customer VLAN
/// must name one (NS0507).
fn qinq_roles(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for object in &graph.model.vlans {
        let data = &object.data;
        let customer = data.qinq_role.as_ref().filter(|r| r.value.is("cvlan"));
        match (&data.qinq_svlan, customer) {
            (Some(svlan), None) => out.push(
                Diagnostic::new(
                    &codes::SERVICE_VLAN_ON_NON_CUSTOMER_VLAN,
                    format!(
                        "VLAN `{}` names service VLAN `{}` but is not a customer VLAN",
                        data.name.value, svlan.value
                    ),
                )
                .at(object.at(svlan))
                .with_help("add `qinq_role: cvlan`, or remove `qinq_svlan`"),
            ),
            (None, Some(role)) => out.push(
                Diagnostic::new(
                    &codes::CUSTOMER_VLAN_WITHOUT_SERVICE_VLAN,
                    format!("customer VLAN `{}` names no service VLAN", data.name.value),
                )
                .at(object.at(role))
                .with_help("add `qinq_svlan`, the service VLAN that carries it"),
            ),
            _ => {}
        }
    }
}

/// Checks every group's `vid_ranges` (and `min_vid`/`max_vid`) as NetBox's
/// `VLANGroup.clean` does: each within 1-4094 with its start at most its end (NS0504), and
/// no two overlapping (NS0505, found by sorting the group's few ranges once).
fn group_ranges_valid(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for o in &graph.model.vlan_groups {
        let data = &o.data;
        let bounds = data.min_vid.iter().chain(&data.max_vid);
        for vid in bounds.filter(|v| !(1..=4094).contains(&v.value)) {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VID_RANGE,
                    format!(
                        "VLAN group `{}` has a VID bound of {}, outside 1-4094",
                        data.name.value, vid.value
                    ),
                )
                .at(o.at(vid))
                .with_help("IEEE 802.1Q VLAN IDs run from 1 to 4094"),
            );
        }
        let mut valid: Vec<(u16, u16, usize)> = Vec::with_capacity(data.vid_ranges.len());
        for (i, range) in data.vid_ranges.iter().enumerate() {
            let (start, end) = range.value;
            let problem = if !(1..=4094).contains(&start) || !(1..=4094).contains(&end) {
                "is outside 1-4094"
            } else if start > end {
                "ends before it starts"
            } else {
                valid.push((start, end, i));
                continue;
            };
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VID_RANGE,
                    format!(
                        "VID range {start}-{end} of VLAN group `{}` {problem}",
                        data.name.value
                    ),
                )
                .at(o.at(range))
                .with_help("write `[START, END]` with 1 <= START <= END <= 4094"),
            );
        }
        valid.sort_unstable();
        // A range overlaps the earlier range that reaches furthest, if it starts before
        // that one ends.
        let mut furthest: Option<(u16, usize)> = None;
        for &(start, end, i) in &valid {
            if let Some((f_end, f_index)) = furthest {
                if start <= f_end {
                    let other = &data.vid_ranges[f_index];
                    out.push(
                        Diagnostic::new(
                            &codes::OVERLAPPING_VID_RANGES,
                            format!(
                                "VID range {start}-{end} of VLAN group `{}` overlaps {}-{}",
                                data.name.value, other.value.0, other.value.1
                            ),
                        )
                        .at(o.at(&data.vid_ranges[i]))
                        .with_secondary(o.at(other), "the range it overlaps")
                        .with_help("merge the two ranges, or move one past the other's end"),
                    );
                    if end <= f_end {
                        continue;
                    }
                }
            }
            furthest = Some((end, i));
        }
    }
}

/// A group's VID ranges: `vid_ranges`, else `min_vid`-`max_vid`, else 1-4094.
fn group_ranges(graph: &Graph, group: VlanGroupId) -> Vec<(u32, u32)> {
    let data = &graph.model.vlan_groups[group.index()].data;
    if !data.vid_ranges.is_empty() {
        return data
            .vid_ranges
            .iter()
            .map(|r| (u32::from(r.value.0), u32::from(r.value.1)))
            .collect();
    }
    let low = data.min_vid.as_ref().map_or(1, |v| u32::from(v.value));
    let high = data.max_vid.as_ref().map_or(4094, |v| u32::from(v.value));
    vec![(low, high)]
}

/// `untagged_also_tagged`: whether a VLAN both untagged and tagged on one port is reported
/// (`policy.netbox_departures`; NetBox accepts it).
fn interface_modes(graph: &Graph, untagged_also_tagged: bool, out: &mut Vec<Diagnostic>) {
    // Only interfaces with an entry can carry these mistakes.
    for node in &graph.interface_links {
        let i = node.interface;
        let Some(entry) = graph.interface_entry(i) else {
            continue;
        };
        let file = graph.interface_location(i).file;
        let mode = entry.mode.as_ref().map(|m| m.value);
        let label = graph.interface_label(i);
        if let Some(first) = entry.tagged_vlans.first() {
            if !mode.is_some_and(|m| m.is("tagged")) {
                let (message, help) = match mode {
                    Some(m) => (
                        format!("{label} is in {} mode but lists tagged VLANs", m.as_str()),
                        "use `mode: tagged`, or remove `tagged_vlans`",
                    ),
                    None => (
                        format!("{label} lists tagged VLANs but has no `mode`"),
                        "add `mode: tagged`",
                    ),
                };
                out.push(
                    Diagnostic::new(&codes::INTERFACE_MODE_MISMATCH, message)
                        .at(Location::new(file, first.span))
                        .with_help(help),
                );
            }
        }
        // `BaseInterface.clean`: only Q-in-Q interfaces may specify a service VLAN.
        if let Some(svlan) = &entry.qinq_svlan {
            if !mode.is_some_and(|m| m.is("q-in-q")) {
                out.push(
                    Diagnostic::new(
                        &codes::SERVICE_VLAN_ON_NON_QINQ_INTERFACE,
                        format!(
                            "{label} names service VLAN `{}` but is not in q-in-q mode",
                            svlan.value
                        ),
                    )
                    .at(Location::new(file, svlan.span))
                    .with_help("add `mode: q-in-q`, or remove `qinq_svlan`"),
                );
            }
        }
        if let (Some(untagged), None) = (&entry.untagged_vlan, mode) {
            out.push(
                Diagnostic::new(
                    &codes::INTERFACE_MODE_MISMATCH,
                    format!("{label} has an untagged VLAN but no `mode`"),
                )
                .at(Location::new(file, untagged.span))
                .with_help("add `mode: access` (or `tagged` for a trunk with a native VLAN)"),
            );
        }
        // A VLAN both untagged and tagged on one port is contradictory intent, but NetBox
        // accepts it: reported only when the team asks for it.
        if let Some(untagged) = node.untagged_vlan.filter(|_| untagged_also_tagged) {
            if node.tagged_vlans.contains(&untagged) {
                out.push(
                    Diagnostic::new(
                        &codes::INTERFACE_MODE_MISMATCH,
                        format!(
                            "{label} carries VLAN `{}` both untagged and tagged",
                            graph.model.vlans[untagged.index()].data.name.value
                        ),
                    )
                    .at(Location::new(
                        file,
                        entry
                            .untagged_vlan
                            .as_ref()
                            .map_or_else(|| graph.interface_location(i).span, |v| v.span),
                    ))
                    .with_help("remove it from `tagged_vlans`, or turn off `policy.netbox_departures.untagged_also_tagged`"),
                );
            }
        }
    }
}
