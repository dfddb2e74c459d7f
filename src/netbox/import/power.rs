//! Power panels and power feeds into the file of their site (`data/sites/<slug>.yaml`),
//! `data/dcim.yaml` for a panel without one.
//!
//! A feed names its panel (`SITE/PANEL` when another carried site has a panel of that
//! name) and its rack within the panel's site. A feed's electrical figures (type, supply,
//! phase, voltage, amperage, maximum utilisation) are written even when they are NetBox's
//! defaults: they are what a person reads a feed for. Its status is left out when active.

use serde_json::Value;

use super::layout::{site_file, Repo};
use super::organisation::sort_key;
use super::record::{nested_id, number, Out, Record};
use super::refs::{custom_fields, name, names};
use super::{Context, NotCarried};

/// The fields NetBox derives from a feed's cable and figures.
const DERIVED: &[&str] = &[
    "cable",
    "cable_end",
    "link_peers",
    "link_peers_type",
    "connected_endpoints",
    "connected_endpoints_type",
    "connected_endpoints_reachable",
    "available_power",
];

pub(super) fn import(context: &Context, repo: &mut Repo, report: &mut NotCarried) {
    let scope = context.scope;
    let file_of_site = |site: Option<u64>| {
        site.and_then(|id| scope.find("dcim/sites", id))
            .and_then(|s| s.get("slug"))
            .and_then(Value::as_str)
            .map_or_else(|| "data/dcim.yaml".to_string(), site_file)
    };
    for object in scope.objects("dcim/power-panels") {
        let mut r = Record::new("dcim.powerpanel", object);
        let site = r.id("site");
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt(
            "site",
            site.and_then(|id| scope.find("dcim/sites", id))
                .and_then(name),
        );
        out.opt(
            "location",
            r.id("location")
                .and_then(|id| context.names.scoped(scope, "dcim/locations", id, site)),
        );
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        repo.add(
            &file_of_site(site),
            "power_panels",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
    for object in scope.objects("dcim/power-feeds") {
        let mut r = Record::new("dcim.powerfeed", object);
        let panel = r.id("power_panel");
        let site = panel
            .and_then(|id| scope.find("dcim/power-panels", id))
            .and_then(|p| p.get("site"))
            .and_then(nested_id);
        let mut out = Out::new();
        out.set("name", r.text("name").unwrap_or_default());
        out.opt(
            "power_panel",
            panel.and_then(|id| context.names.scoped(scope, "dcim/power-panels", id, None)),
        );
        out.opt(
            "rack",
            r.id("rack")
                .and_then(|id| context.names.scoped(scope, "dcim/racks", id, site)),
        );
        out.opt("status", r.choice("status").filter(|s| *s != "active"));
        out.opt("type", r.choice("type"));
        out.opt("supply", r.choice("supply"));
        out.opt("phase", r.choice("phase"));
        out.opt("voltage", number(r.get("voltage")));
        out.opt("amperage", number(r.get("amperage")));
        out.opt("max_utilization", number(r.get("max_utilization")));
        if r.get("mark_connected").and_then(Value::as_bool) == Some(true) {
            out.set("mark_connected", true);
        }
        out.opt("description", r.text("description"));
        out.list("tags", names(&mut r, "tags"));
        out.opt("custom_fields", custom_fields(&mut r, report));
        r.skip(DERIVED);
        repo.add(
            &file_of_site(site),
            "power_feeds",
            sort_key(object, "name"),
            out.into_value(),
        );
        r.finish(report);
    }
}
