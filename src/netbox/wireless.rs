//! Wireless: LAN groups (keyed by name, nested by `parent`), wireless LANs (keyed
//! `GROUP/SSID`, or `SSID` without a group: NetBox does not keep SSIDs unique), wireless
//! links (keyed by their two interfaces, `A = B` sorted, as cables), and the radio side of
//! device interfaces: `rf_role`, `rf_channel` with its frequency and width, `tx_power` and
//! `wireless_lans`. NetBox's virtual machine interfaces have none of these.

use serde_json::Value;

use super::dcim::{interface_key, site_name};
use super::kinds::Kind;
use super::state::State;
use super::{at, named, slug, string, Desired};
use crate::graph::{Graph, InterfaceId, Owner, ScopeId, WirelessLanId};
use crate::model::dcim::Interface;
use crate::model::Text;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    let ix = &graph.indexes;
    let group_key = |text: Option<&Text>| {
        named(
            &ix.wireless_lan_groups,
            &model.wireless_lan_groups,
            |g| &g.name,
            text,
        )
    };
    let tenant = |text: Option<&Text>| named(&ix.tenants, &model.tenants, |t| &t.name, text);
    for object in &model.wireless_lan_groups {
        let g = &object.data;
        let mut d = Desired::new(
            Kind::WirelessLanGroups,
            g.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", g.name.value.as_str())
            .value("slug", slug(g.slug.as_ref(), &g.name))
            .reference(
                "parent",
                Kind::WirelessLanGroups,
                group_key(g.parent.as_ref()),
                at(object, g.parent.as_ref()),
            )
            .text("description", g.description.as_deref())
            .tags(&g.tags);
        out.push(d);
    }
    for (index, object) in model.wireless_lans.iter().enumerate() {
        let l = &object.data;
        let node = &graph.wireless_lans[index];
        let site = node.scope.and_then(|scope| match scope {
            ScopeId::Site(s) => Some(s),
            ScopeId::Location(l) => graph.locations[l.index()].site,
            _ => None,
        });
        let mut d = Desired::new(
            Kind::WirelessLans,
            lan_key(graph, WirelessLanId::from_index(index)),
            site_name(graph, site),
            object.location(),
        );
        d.value("ssid", l.ssid.value.as_str())
            .reference(
                "group",
                Kind::WirelessLanGroups,
                group_key(l.group.as_ref()),
                at(object, l.group.as_ref()),
            )
            .value(
                "status",
                l.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "vlan",
                Kind::Vlans,
                node.vlan.map(|v| super::ipam::vlan_key(graph, v)),
                at(object, l.vlan.as_ref()),
            );
        d.fields.push(super::scope::scope_field(
            graph,
            node.scope,
            at(object, l.scope.as_ref()),
        ));
        d.reference(
            "tenant",
            Kind::Tenants,
            tenant(l.tenant.as_ref()),
            at(object, l.tenant.as_ref()),
        )
        .value(
            "auth_type",
            l.auth_type.as_ref().map_or("", |a| a.value.as_str()),
        )
        .value(
            "auth_cipher",
            l.auth_cipher.as_ref().map_or("", |a| a.value.as_str()),
        )
        .text("auth_psk", l.auth_psk.as_ref().map(|p| p.value.as_str()))
        .text("description", l.description.as_deref())
        .text("comments", l.comments.as_deref())
        .tags(&l.tags)
        .custom_fields(&defs, "wireless.wirelesslan", &l.custom_fields);
        out.push(d);
    }
    for (index, object) in model.wireless_links.iter().enumerate() {
        let w = &object.data;
        let node = &graph.wireless_links[index];
        let (Some(a), Some(b)) = (node.a, node.b) else {
            continue;
        };
        let (a_key, b_key) = (interface_key(graph, a), interface_key(graph, b));
        let site = match graph.interfaces[a.index()].owner {
            Owner::Device(d) => site_name(graph, graph.devices[d.index()].site),
            Owner::VirtualMachine(_) => None,
        };
        let mut d = Desired::new(
            Kind::WirelessLinks,
            link_key(&a_key, &b_key),
            site,
            object.location(),
        );
        d.reference(
            "interface_a",
            Kind::Interfaces,
            Some(a_key),
            Some(object.at(&w.interface_a)),
        )
        .reference(
            "interface_b",
            Kind::Interfaces,
            Some(b_key),
            Some(object.at(&w.interface_b)),
        )
        .text("ssid", w.ssid.as_ref().map(|s| s.value.as_str()))
        .value(
            "status",
            w.status.as_ref().map_or("connected", |s| s.value.as_str()),
        )
        .reference(
            "tenant",
            Kind::Tenants,
            tenant(w.tenant.as_ref()),
            at(object, w.tenant.as_ref()),
        )
        .value(
            "auth_type",
            w.auth_type.as_ref().map_or("", |a| a.value.as_str()),
        )
        .value(
            "auth_cipher",
            w.auth_cipher.as_ref().map_or("", |a| a.value.as_str()),
        )
        .text("auth_psk", w.auth_psk.as_ref().map(|p| p.value.as_str()))
        .value("distance", w.distance.as_ref().map(|d| d.value))
        .value(
            "distance_unit",
            w.distance_unit.as_ref().map(|u| u.value.as_str()),
        )
        .text("description", w.description.as_deref())
        .text("comments", w.comments.as_deref())
        .tags(&w.tags)
        .custom_fields(&defs, "wireless.wirelesslink", &w.custom_fields);
        out.push(d);
    }
}

/// The radio side of a device interface, its entry's or (the role) its template's.
pub fn interface_fields(graph: &Graph, interface: InterfaceId, d: &mut Desired) {
    let entry: Option<&Interface> = graph.interface_entry(interface);
    let template = graph.interface_template(interface);
    let channel = entry.and_then(|e| e.rf_channel.as_ref()).map(|c| c.value);
    // NetBox's `Interface.clean` sets frequency and width from the channel when they are
    // not given (`view/inventory.rs` shows them so).
    let (frequency, width) = channel.map(|c| c.frequency_and_width()).unzip();
    let lans: Vec<String> = entry
        .map(|e| {
            e.wireless_lans
                .iter()
                .filter_map(|text| lan_of(graph, text))
                .map(|lan| lan_key(graph, lan))
                .collect()
        })
        .unwrap_or_default();
    d.value(
        "rf_role",
        entry
            .and_then(|e| e.rf_role.as_deref())
            .or(template.and_then(|t| t.rf_role.as_ref()))
            .map_or("", |r| r.value.as_str()),
    )
    .value("rf_channel", channel.map_or("", |c| c.as_str()))
    .value(
        "rf_channel_frequency",
        entry
            .and_then(|e| e.rf_channel_frequency.as_ref())
            .map(|f| f.value)
            .or(frequency),
    )
    .value(
        "rf_channel_width",
        entry
            .and_then(|e| e.rf_channel_width.as_ref())
            .map(|w| w.value)
            .or(width),
    )
    .value(
        "tx_power",
        entry.and_then(|e| e.tx_power.as_ref()).map(|p| p.value),
    )
    .references("wireless_lans", Kind::WirelessLans, lans);
}

/// A wireless LAN's key: `GROUP/SSID`, or its SSID alone without a group.
fn lan_key(graph: &Graph, lan: WirelessLanId) -> String {
    let l = &graph.model.wireless_lans[lan.index()].data;
    let group = named(
        &graph.indexes.wireless_lan_groups,
        &graph.model.wireless_lan_groups,
        |g| &g.name,
        l.group.as_ref(),
    );
    match group {
        Some(group) => format!("{group}/{}", l.ssid.value),
        None => l.ssid.value.clone(),
    }
}

/// The LAN an interface names by SSID, or by `GROUP/SSID` when the SSID repeats. The
/// resolver reported a name that is neither (and a repository with errors is not pushed).
fn lan_of(graph: &Graph, text: &Text) -> Option<WirelessLanId> {
    let ix = &graph.indexes;
    if let [only] = ix.wireless_lans.holders(&text.value) {
        return Some(*only);
    }
    let (group, ssid) = text.value.rsplit_once('/')?;
    let group = ix.wireless_lan_groups.get(group)?;
    ix.wireless_lans.holders(ssid).iter().copied().find(|&lan| {
        let written = graph.model.wireless_lans[lan.index()].data.group.as_ref();
        written.and_then(|g| ix.wireless_lan_groups.get(&g.value)) == Some(group)
    })
}

fn link_key(a: &str, b: &str) -> String {
    let mut ends = [a, b];
    ends.sort_unstable();
    format!("{} = {}", ends[0], ends[1])
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    Some(match kind {
        Kind::WirelessLanGroups => (string(json, "name").map(str::to_string), None),
        Kind::WirelessLans => {
            let ssid = string(json, "ssid");
            let group = state.ref_key(Kind::WirelessLanGroups, json.get("group"));
            let key = match (group, ssid) {
                (Some(group), Some(ssid)) => Some(format!("{group}/{ssid}")),
                (None, Some(ssid)) if json.get("group").is_none_or(Value::is_null) => {
                    Some(ssid.to_string())
                }
                _ => None,
            };
            (key, super::scope::remote_scope_site(json, state))
        }
        Kind::WirelessLinks => {
            let a = state.ref_object(Kind::Interfaces, json.get("interface_a"));
            let b = state.ref_object(Kind::Interfaces, json.get("interface_b"));
            let key = a
                .and_then(|a| a.key.as_deref())
                .zip(b.and_then(|b| b.key.as_deref()))
                .map(|(a, b)| link_key(a, b));
            (key, a.and_then(|a| a.site.clone()))
        }
        _ => return None,
    })
}
