//! Power: the power outlet templates of device and module types, power panels and power feeds
//! (NetBox 4.4's `dcim/models/power.py`). Keys: a template's as `templates.rs` keys them, a
//! panel's `SITE/NAME`, a feed's `SITE/PANEL:NAME` (NetBox's unique `power_panel, name`).
//!
//! Outlet templates come after the devices in the order of application (`kinds.rs`), so
//! a device created by the same push gets its outlets from `components.rs`, which creates
//! what NetBox did not instantiate.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::templates::Owner;
use super::{at, in_site, string, Desired};
use crate::graph::{DeviceTypeId, Graph, ModuleTypeId, PowerFeedId, PowerPanelId};
use crate::model::device_type::PowerOutletTemplate;
use crate::model::{Obj, Spanned};

fn outlet_templates<T>(
    owner: &Owner,
    list: &[Spanned<PowerOutletTemplate>],
    object: &Obj<T>,
    out: &mut Vec<Desired>,
) {
    for item in list {
        let o = &item.value;
        let mut d = owner.template(Kind::PowerOutletTemplates, &o.name, object);
        d.value("type", o.kind.as_ref().map_or("", |k| k.value.as_str()))
            .reference(
                "power_port",
                Kind::PowerPortTemplates,
                o.power_port.as_ref().map(|p| owner.sibling(p)),
                o.power_port.as_ref().map(|p| object.at(p)),
            )
            .value("feed_leg", o.feed_leg.as_deref())
            .text("label", o.label.as_deref())
            .text("description", o.description.as_deref());
        out.push(d);
    }
}

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for (index, object) in model.device_types.iter().enumerate() {
        let key = super::dcim::device_type_key(graph, DeviceTypeId::from_index(index));
        outlet_templates(
            &Owner::DeviceType(key),
            &object.data.power_outlets,
            object,
            out,
        );
    }
    for (index, object) in model.module_types.iter().enumerate() {
        let key = super::modules::module_type_key(graph, ModuleTypeId::from_index(index));
        outlet_templates(
            &Owner::ModuleType(key),
            &object.data.power_outlets,
            object,
            out,
        );
    }
    for (index, object) in model.power_panels.iter().enumerate() {
        let p = &object.data;
        let node = &graph.power_panels[index];
        let site = super::dcim::site_name(graph, node.site);
        let mut d = Desired::new(
            Kind::PowerPanels,
            panel_key(graph, PowerPanelId::from_index(index)),
            site.clone(),
            object.location(),
        );
        d.value("name", p.name.value.as_str())
            .reference("site", Kind::Sites, site.clone(), Some(object.at(&p.site)))
            .reference(
                "location",
                Kind::Locations,
                node.location
                    .map(|l| in_site(site.as_deref(), &model.locations[l.index()].data.name)),
                at(object, p.location.as_ref()),
            )
            .text("description", p.description.as_deref())
            .tags(&p.tags);
        out.push(d);
    }
    for (index, object) in model.power_feeds.iter().enumerate() {
        let f = &object.data;
        let node = &graph.power_feeds[index];
        let site = node
            .panel
            .and_then(|p| super::dcim::site_name(graph, graph.power_panels[p.index()].site));
        let mut d = Desired::new(
            Kind::PowerFeeds,
            feed_key(graph, PowerFeedId::from_index(index)),
            site.clone(),
            object.location(),
        );
        d.value("name", f.name.value.as_str())
            .reference(
                "power_panel",
                Kind::PowerPanels,
                node.panel.map(|p| panel_key(graph, p)),
                Some(object.at(&f.power_panel)),
            )
            .reference(
                "rack",
                Kind::Racks,
                node.rack
                    .map(|r| in_site(site.as_deref(), &model.racks[r.index()].data.name)),
                at(object, f.rack.as_ref()),
            )
            .value(
                "status",
                f.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .value(
                "type",
                f.kind.as_ref().map_or("primary", |s| s.value.as_str()),
            )
            .value(
                "supply",
                f.supply.as_ref().map_or("ac", |s| s.value.as_str()),
            )
            .value(
                "phase",
                f.phase
                    .as_ref()
                    .map_or("single-phase", |s| s.value.as_str()),
            )
            .value_maybe_at("voltage", f.voltage(), at(object, f.voltage.as_ref()))
            .value_maybe_at("amperage", f.amperage(), at(object, f.amperage.as_ref()))
            .value_maybe_at(
                "max_utilization",
                f.max_utilization(),
                at(object, f.max_utilization.as_ref()),
            )
            .value("mark_connected", f.mark_connected)
            .text("description", f.description.as_deref())
            .tags(&f.tags);
        out.push(d);
    }
}

/// `SITE/PANEL`.
pub fn panel_key(graph: &Graph, panel: PowerPanelId) -> String {
    let site = super::dcim::site_name(graph, graph.power_panels[panel.index()].site);
    in_site(
        site.as_deref(),
        &graph.model.power_panels[panel.index()].data.name.value,
    )
}

/// `SITE/PANEL:FEED`.
pub fn feed_key(graph: &Graph, feed: PowerFeedId) -> String {
    let panel = graph.power_feeds[feed.index()]
        .panel
        .map(|p| panel_key(graph, p))
        .unwrap_or_default();
    format!(
        "{panel}:{}",
        graph.model.power_feeds[feed.index()].data.name.value
    )
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    let name = string(json, "name");
    Some(match kind {
        Kind::PowerPanels => {
            let site = state.ref_key(Kind::Sites, json.get("site"));
            (name.map(|n| in_site(site.as_deref(), n)), site)
        }
        Kind::PowerFeeds => {
            let panel = state.ref_object(Kind::PowerPanels, json.get("power_panel"));
            (
                panel
                    .and_then(|p| p.key.clone())
                    .zip(name)
                    .map(|(p, n)| format!("{p}:{n}")),
                panel.and_then(|p| p.site.clone()),
            )
        }
        _ => return None,
    })
}
