//! Cables into the file of the site of their A end's device (`data/cables.yaml` when no
//! end is on a device).
//!
//! An end is `DEVICE:PORT`, or the mapping form `{device, interface, site}` when a name holds
//! a `:` or the device's name needs its site to be found; a circuit termination is
//! `CID:A`, a power feed `PANEL:FEED`. A cable end with several terminations (NetBox
//! allows a cable to land on many ports) has no netsot form and is reported.

use serde_json::{json, Value};

use super::layout::{site_file, Repo};
use super::organisation::tie;
use super::record::{nested_id, Out, Record};
use super::refs::{custom_fields, name, named, names};
use super::{Context, NotCarried};

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    for cable in scope.objects("dcim/cables") {
        let mut r = Record::new("dcim.cable", cable);
        let a = end(context, r.get("a_terminations"));
        let b = end(context, r.get("b_terminations"));
        let (Some((a, a_type, a_site)), Some((b, b_type, b_site))) = (a, b) else {
            let why = if [r.peek("a_terminations"), r.peek("b_terminations")]
                .into_iter()
                .any(|ends| on_unnamed_device(context, ends))
            {
                "cable to a port of a device without a name (a cable end names its device)"
            } else {
                "cable with an end on several ports, or on none"
            };
            report.add("dcim.cable", why);
            continue;
        };
        let mut out = Out::new();
        out.set("a", a.clone());
        out.set("b", b);
        if a_type != "interface" {
            out.set("a_type", a_type);
        }
        if b_type != "interface" {
            out.set("b_type", b_type);
        }
        out.opt("type", r.choice("type"));
        if let Some(status) = r.choice("status").filter(|s| *s != "connected") {
            out.set("status", status);
        }
        out.opt("label", r.text("label"));
        out.opt("color", r.text("color"));
        out.opt("length", super::record::number(r.get("length")));
        out.opt("length_unit", r.choice("length_unit"));
        out.opt("tenant", named(&mut r, "tenant"));
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        if custom_fields(&mut r, report).is_some() {
            report.add(
                "dcim.cable",
                "custom field values (cables have none in netsot)",
            );
        }
        let file = match a_site.or(b_site).and_then(|s| scope.find("dcim/sites", s)) {
            Some(site) => site_file(site.get("slug").and_then(Value::as_str).unwrap_or_default()),
            None => "data/cables.yaml".to_string(),
        };
        let key = tie(a.to_string(), cable);
        repo.add(&file, "cables", key, out.into_value());
        r.finish(report);
    }
}

/// Whether one of a cable's ends is a port of a device without a name.
fn on_unnamed_device(context: &Context, terminations: Option<&Value>) -> bool {
    terminations
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("object")?.get("device").and_then(nested_id))
        .filter_map(|id| context.scope.find("dcim/devices", id))
        .any(|device| device.get("name").is_none_or(Value::is_null))
}

/// One end of a cable: its reference, its netsot termination type and its device's site.
fn end(
    context: &Context,
    terminations: Option<&Value>,
) -> Option<(Value, &'static str, Option<u64>)> {
    let [termination] = terminations?.as_array()?.as_slice() else {
        return None;
    };
    let object = termination.get("object")?;
    let kind = match termination.get("object_type")?.as_str()? {
        "dcim.interface" => "interface",
        "dcim.consoleport" => "console_port",
        "dcim.consoleserverport" => "console_server_port",
        "dcim.powerport" => "power_port",
        "dcim.poweroutlet" => "power_outlet",
        "dcim.frontport" => "front_port",
        "dcim.rearport" => "rear_port",
        "circuits.circuittermination" => {
            let cid = object.get("circuit")?.get("cid")?.as_str()?;
            let side = object.get("term_side")?.as_str()?;
            return Some((json!(format!("{cid}:{side}")), "circuit_termination", None));
        }
        "dcim.powerfeed" => {
            // A cable's nested feed does not name its panel (NetBox's brief form): the
            // feed does.
            let feed = context
                .scope
                .find("dcim/power-feeds", object.get("id")?.as_u64()?)?;
            let panel = feed.get("power_panel").and_then(name)?;
            let feed = object.get("name")?.as_str()?;
            return Some((json!(format!("{panel}:{feed}")), "power_feed", None));
        }
        _ => return None,
    };
    let device_id = object.get("device").and_then(nested_id)?;
    let device = context.scope.find("dcim/devices", device_id)?;
    let device_name = device.get("name")?.as_str()?;
    let site_id = device.get("site").and_then(nested_id);
    let port = object.get("name")?.as_str()?;
    let reference = context
        .names
        .scoped(context.scope, "dcim/devices", device_id, None)?;
    let qualified = reference != device_name;
    let value = if qualified || device_name.contains(':') || port.contains(':') {
        let mut map = serde_json::Map::new();
        map.insert("device".into(), json!(device_name));
        map.insert("interface".into(), json!(port));
        if qualified {
            let site = site_id
                .and_then(|s| context.scope.find("dcim/sites", s))
                .and_then(name)?;
            map.insert("site".into(), json!(site));
        }
        Value::Object(map)
    } else {
        json!(format!("{device_name}:{port}"))
    };
    Some((value, kind, site_id))
}
