//! Power: panels (their site and location, unique names within a site), feeds (their panel,
//! rack in the panel's site, unique names within a panel) and the power port each device
//! outlet names. Runs after DCIM (racks, locations, device types) and before cables, which
//! end on feeds as `PANEL:FEED`.
//!
//! Reports: NS0201 (duplicate-object), NS0301 (unresolved-reference) and NS0304
//! (cross-site-reference).

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::index::{duplicate, SiteIndex};
use crate::graph::*;
use crate::model::dcim::{EndpointRef, TerminationType};
use crate::model::Spanned;

impl Builder<'_> {
    pub(super) fn resolve_power(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        let mut panels = SiteIndex::with_capacity(model.power_panels.len());
        let mut panel_nodes = Vec::with_capacity(model.power_panels.len());
        for (i, o) in model.power_panels.iter().enumerate() {
            let data = &o.data;
            let site = self.resolve(which::SITES, &data.site, o.file);
            if let Some(first) = panels.insert(site, &data.name.value, PowerPanelId::from_index(i))
            {
                let first = &model.power_panels[first.index()];
                self.push(duplicate(
                    "power panel",
                    &data.name.value,
                    o.at(&data.name),
                    first.at(&first.data.name),
                ));
            }
            // NetBox's `PowerPanel.clean`: the location is in the panel's site.
            let location = data.location.as_ref().and_then(|l| {
                let found = self.resolve_in_site(which::LOCATIONS, site, l, o.file)?;
                let location_site = self.graph.locations[found.index()].site;
                if site.is_some() && location_site != site {
                    self.push(
                        Diagnostic::new(
                            &codes::CROSS_SITE_REFERENCE,
                            format!(
                                "location `{}` is not in the power panel's site `{}`",
                                l.value, data.site.value
                            ),
                        )
                        .at(o.at(l))
                        .with_help("choose a location of the panel's site"),
                    );
                }
                Some(found)
            });
            self.resolve_tags(&data.tags, o.file, tagged!("dcim.powerpanel"));
            panel_nodes.push(PowerPanelNode { site, location });
        }
        self.graph.power_panels = panel_nodes;
        self.graph.indexes.power_panels = panels;

        let mut feeds = std::collections::HashMap::with_capacity(model.power_feeds.len());
        let mut feed_nodes = Vec::with_capacity(model.power_feeds.len());
        for (i, o) in model.power_feeds.iter().enumerate() {
            let data = &o.data;
            let panel = self.resolve_in_site(which::POWER_PANELS, None, &data.power_panel, o.file);
            if let Some(panel) = panel {
                let key = (panel, data.name.value.clone());
                if let Some(&first) = feeds.get(&key) {
                    let first: PowerFeedId = first;
                    let first = &model.power_feeds[first.index()];
                    self.push(duplicate(
                        "power feed",
                        &data.name.value,
                        o.at(&data.name),
                        first.at(&first.data.name),
                    ));
                } else {
                    feeds.insert(key, PowerFeedId::from_index(i));
                }
            }
            let site = panel.and_then(|p| self.graph.power_panels[p.index()].site);
            // NetBox's `PowerFeed.clean`: the rack is in the panel's site.
            let rack = data.rack.as_ref().and_then(|r| {
                let found = self.resolve_in_site(which::RACKS, site, r, o.file)?;
                let rack_site = self.graph.racks[found.index()].site;
                if site.is_some() && rack_site != site {
                    self.push(
                        Diagnostic::new(
                            &codes::CROSS_SITE_REFERENCE,
                            format!(
                                "rack `{}` is not in the site of power panel `{}`",
                                r.value, data.power_panel.value
                            ),
                        )
                        .at(o.at(r))
                        .with_help("a feed supplies racks of its panel's site"),
                    );
                }
                Some(found)
            });
            self.resolve_tags(&data.tags, o.file, tagged!("dcim.powerfeed"));
            feed_nodes.push(PowerFeedNode { panel, rack });
        }
        self.graph.power_feeds = feed_nodes;
        self.graph.indexes.power_feeds = feeds;

        // An outlet's power port is one of its own device's (NetBox's `PowerOutlet.clean`).
        let power_port = TerminationType::named("power_port");
        for (d, o) in model.devices.iter().enumerate() {
            for outlet in &o.data.power_outlets {
                let Some(port) = &outlet.value.power_port else {
                    continue;
                };
                let device = DeviceId::from_index(d);
                if !self.graph.device_has_port(device, power_port, &port.value) {
                    self.push(
                        Diagnostic::new(
                            &codes::UNRESOLVED_REFERENCE,
                            format!(
                                "device `{}` has no power port `{}` to feed outlet `{}`",
                                o.data.label(),
                                port.value,
                                outlet.value.name.value
                            ),
                        )
                        .at(o.at(port))
                        .with_help("name a power port of the same device"),
                    );
                }
            }
        }
    }

    /// A power feed, written `PANEL:FEED` (`SITE/PANEL:FEED` when the panel's name is
    /// ambiguous).
    pub(super) fn resolve_power_feed(
        &self,
        reference: &Spanned<EndpointRef>,
        file: crate::diag::FileId,
    ) -> Option<CableTarget> {
        let Some((panel, feed)) = reference.value.parts() else {
            self.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!("`{}` is not a power feed reference", reference.value),
                )
                .at(Location::new(file, reference.span))
                .with_help("write `PANEL:FEED`, e.g. `ams1-pp-a:feed-r01-a`"),
            );
            return None;
        };
        let panel_text = Spanned::new(panel, reference.span);
        let found = self.resolve_in_site(which::POWER_PANELS, None, &panel_text, file)?;
        match self
            .graph
            .indexes
            .power_feeds
            .get(&(found, feed.to_string()))
        {
            Some(&feed) => Some(CableTarget::PowerFeed(feed)),
            None => {
                self.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!("power panel `{}` has no feed `{feed}`", panel_text.value),
                    )
                    .at(Location::new(file, reference.span))
                    .with_help("add the feed under `power_feeds` with this `power_panel`"),
                );
                None
            }
        }
    }
}
