//! Wireless LAN groups, wireless LANs and wireless links into `data/wireless.yaml`, and
//! the radio side of a device interface (`rf_role`, `rf_channel`, `tx_power`,
//! `wireless_lans`) into its entry. A LAN's scope is written as `scope_type` and `scope`,
//! as the format names it; an interface names a LAN by SSID, or `GROUP/SSID` when the
//! SSID repeats.

use std::collections::HashMap;

use serde_json::Value;

use super::layout::Repo;
use super::organisation::{named_object, sort_key, tie};
use super::record::{nested_id, number, Out, Record};
use super::refs::{custom_fields, name, named, names};
use super::{Context, NotCarried};
use crate::model::wireless::WirelessChannel;

const FILE: &str = "data/wireless.yaml";

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for object in scope.objects("wireless/wireless-lan-groups") {
        let mut r = Record::new("wireless.wirelesslangroup", object);
        let mut out = named_object(&mut r);
        out.opt("parent", named(&mut r, "parent"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["_depth", "wirelesslan_count"]);
        repo.add(
            FILE,
            "wireless_lan_groups",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("wireless/wireless-lans") {
        let mut r = Record::new("wireless.wirelesslan", object);
        let mut out = Out::new();
        out.set("ssid", r.text("ssid").unwrap_or_default());
        out.opt("group", named(&mut r, "group"));
        out.opt("status", r.choice("status"));
        // The scope in the format's words: `scope_type` and the scope's key.
        let mut scoped = Out::new();
        let site = super::object_scope::import_scope(&mut r, &mut scoped, scope);
        if let Some((key, value)) = scoped.0.into_iter().next() {
            let content_type = match key.as_str() {
                "region" => "dcim.region",
                "site_group" => "dcim.sitegroup",
                "location" => "dcim.location",
                _ => "dcim.site",
            };
            out.set("scope_type", content_type);
            out.set("scope", value);
        }
        out.opt(
            "vlan",
            r.id("vlan")
                .and_then(|id| context.names.scoped(scope, "ipam/vlans", id, site)),
        );
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("auth_type", r.choice("auth_type"));
        out.opt("auth_cipher", r.choice("auth_cipher"));
        out.opt("auth_psk", r.text("auth_psk"));
        out.opt("description", r.text("description"));
        out.opt("comments", r.text("comments"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        let key = tie(
            format!(
                "{}/{}",
                object
                    .get("group")
                    .and_then(|g| g.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
                object
                    .get("ssid")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            ),
            object,
        );
        repo.add(FILE, "wireless_lans", key, out.into_value());
        r.finish(report);
    }
    for object in scope.objects("wireless/wireless-links") {
        let mut r = Record::new("wireless.wirelesslink", object);
        let mut out = Out::new();
        let end = |field: &'static str, r: &mut Record| {
            let interface = r.get(field)?;
            let device = interface.get("device").and_then(nested_id)?;
            let device = context.names.scoped(scope, "dcim/devices", device, None)?;
            Some(format!("{device}:{}", name(interface)?))
        };
        let (a, b) = (end("interface_a", &mut r), end("interface_b", &mut r));
        let (Some(a), Some(b)) = (a, b) else {
            report.add("wireless.wirelesslink", "link to an interface not carried");
            continue;
        };
        out.set("interface_a", a.clone());
        out.set("interface_b", b);
        out.opt("ssid", r.text("ssid"));
        out.opt("status", r.choice("status").filter(|s| *s != "connected"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("auth_type", r.choice("auth_type"));
        out.opt("auth_cipher", r.choice("auth_cipher"));
        out.opt("auth_psk", r.text("auth_psk"));
        out.opt(
            "distance",
            number(r.get("distance")).map(super::dcim::integral),
        );
        out.opt("distance_unit", r.choice("distance_unit"));
        out.opt("description", r.text("description"));
        out.opt("comments", r.text("comments"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(&["_occupied"]);
        repo.add(FILE, "wireless_links", tie(a, object), out.into_value());
        r.finish(report);
    }
}

/// The radio side of a device interface: what differs from its template (the role) or
/// from what its channel implies (frequency and width).
pub(super) fn interface_fields(
    context: &Context,
    r: &mut Record,
    template: Option<&Value>,
    out: &mut Out,
) {
    let role = r.choice("rf_role");
    let template_role = template
        .and_then(|t| t.get("rf_role"))
        .and_then(|t| t.get("value"))
        .and_then(Value::as_str);
    if role != template_role {
        out.opt("rf_role", role);
    }
    let channel = r.choice("rf_channel");
    out.opt("rf_channel", channel);
    let (frequency, width) = channel
        .and_then(WirelessChannel::parse)
        .map(WirelessChannel::frequency_and_width)
        .unzip();
    for (field, implied) in [
        ("rf_channel_frequency", frequency),
        ("rf_channel_width", width),
    ] {
        let value = number(r.get(field));
        if value.as_ref().and_then(Value::as_f64) != implied {
            out.opt(field, value.map(super::dcim::integral));
        }
    }
    out.opt("tx_power", number(r.get("tx_power")));
    let ids = r.ids("wireless_lans");
    if !ids.is_empty() {
        let lans: Vec<&Value> = context.scope.objects("wireless/wireless-lans").collect();
        let mut ssids: HashMap<&str, usize> = HashMap::new();
        for lan in &lans {
            if let Some(ssid) = lan.get("ssid").and_then(Value::as_str) {
                *ssids.entry(ssid).or_default() += 1;
            }
        }
        let written: Vec<Value> = ids
            .iter()
            .filter_map(|id| {
                let lan = lans
                    .iter()
                    .find(|l| l.get("id").and_then(Value::as_u64) == Some(*id))?;
                let ssid = lan.get("ssid")?.as_str()?;
                let group = lan.get("group").and_then(|g| g.get("name"));
                Some(Value::from(match group.and_then(Value::as_str) {
                    Some(group) if ssids.get(ssid) > Some(&1) => format!("{group}/{ssid}"),
                    _ => ssid.to_string(),
                }))
            })
            .collect();
        out.list("wireless_lans", written);
    }
}
