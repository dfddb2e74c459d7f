//! The view of a device's inventory items and of the radio side of its interfaces.

use serde_json::{json, Value};

use super::Views;
use crate::graph::{DeviceId, InterfaceId};
use crate::model::device_type::InventoryItemTemplate;
use crate::model::inventory::InventoryItem;

impl Views<'_> {
    /// A device's inventory items as NetBox instantiates them: its type's
    /// `inventory-items` (at the top level), each refined by the device's top-level item of
    /// the same name, then the device's other items, in the order written.
    pub(super) fn inventory_items(&self, device: DeviceId) -> Value {
        let g = self.graph;
        let data = g.device(device);
        let templates: &[_] = g.devices[device.index()].device_type.map_or(&[], |t| {
            &g.model.device_types[t.index()].data.inventory_items
        });
        let refines = |template: &InventoryItemTemplate| {
            data.inventory_items
                .iter()
                .find(|i| i.value.parent.is_none() && i.value.name.value == template.name.value)
        };
        let mut items = Vec::with_capacity(templates.len() + data.inventory_items.len());
        for template in templates {
            let template = &template.value;
            items.push(item(refines(template).map(|i| &i.value), Some(template)));
        }
        for entry in data.inventory_items.iter() {
            let refined = entry.value.parent.is_none()
                && templates
                    .iter()
                    .any(|t| t.value.name.value == entry.value.name.value);
            if !refined {
                items.push(item(Some(&entry.value), None));
            }
        }
        Value::Array(items)
    }

    /// The wireless keys of an interface's view: its radio settings, wireless LANs (by
    /// SSID) and wireless link, with the peer at its other end.
    pub(super) fn wireless(&self, interface: InterfaceId) -> [(&'static str, Value); 7] {
        let g = self.graph;
        let entry = g.interface_entry(interface);
        let channel = entry.and_then(|e| e.rf_channel.as_ref()).map(|c| c.value);
        // The channel sets frequency and width when they are not written, as NetBox's
        // `Interface.save` does.
        let (frequency, width) = match channel.map(|c| c.frequency_and_width()) {
            Some((f, w)) => (Some(f), Some(w)),
            None => (None, None),
        };
        let link = g.wireless_peer(interface).map(|(link, peer)| {
            let data = &g.model.wireless_links[link.index()].data;
            json!({
                "ssid": data.ssid.as_ref().map(|s| s.value.as_str()),
                "status": data.status.as_ref().map_or("connected", |s| s.value.as_str()),
                "peer": g.interface_label(peer),
            })
        });
        [
            (
                "rf_role",
                json!(entry
                    .and_then(|e| e.rf_role.as_ref())
                    .map(|r| r.value.as_str())),
            ),
            ("rf_channel", json!(channel.map(|c| c.as_str()))),
            (
                "rf_channel_frequency",
                json!(entry
                    .and_then(|e| e.rf_channel_frequency.as_ref())
                    .map(|f| f.value)
                    .or(frequency)),
            ),
            (
                "rf_channel_width",
                json!(entry
                    .and_then(|e| e.rf_channel_width.as_ref())
                    .map(|w| w.value)
                    .or(width)),
            ),
            (
                "tx_power",
                json!(entry.and_then(|e| e.tx_power.as_ref()).map(|p| p.value)),
            ),
            (
                "wireless_lans",
                json!(entry.map_or_else(Vec::new, |e| e
                    .wireless_lans
                    .iter()
                    .map(|l| l.value.clone())
                    .collect::<Vec<_>>())),
            ),
            ("wireless_link", json!(link)),
        ]
    }
}

/// One item: the device's entry over its template's values.
fn item(entry: Option<&InventoryItem>, template: Option<&InventoryItemTemplate>) -> Value {
    let text = |v: Option<&crate::model::Text>| v.map(|t| t.value.clone());
    json!({
        "name": entry.map(|e| e.name.value.as_str()).or(template.map(|t| t.name.value.as_str())),
        "label": entry.and_then(|e| e.label.clone()).or_else(|| template.and_then(|t| t.label.clone())),
        "parent": entry.and_then(|e| text(e.parent.as_ref())),
        "status": entry.and_then(|e| e.status.as_ref()).map_or("active", |s| s.value.as_str()),
        "role": entry.and_then(|e| text(e.role.as_ref())),
        "manufacturer": entry.and_then(|e| text(e.manufacturer.as_ref())).or_else(|| template.and_then(|t| t.manufacturer.clone())),
        "part_id": entry.and_then(|e| e.part_id.clone()).or_else(|| template.and_then(|t| t.part_id.clone())),
        "serial": entry.and_then(|e| e.serial.clone()),
        "asset_tag": entry.and_then(|e| text(e.asset_tag.as_ref())),
        "discovered": entry.is_some_and(|e| e.discovered),
        "component_type": entry.and_then(|e| e.component.as_ref().map(|_| e.component_type.as_ref().map_or("interface", |k| k.value.as_str()))),
        "component": entry.and_then(|e| text(e.component.as_ref())),
        "description": entry.and_then(|e| e.description.clone()).or_else(|| template.and_then(|t| t.description.clone())),
        "tags": entry.map_or_else(Vec::new, |e| e.tags.iter().map(|t| t.value.clone()).collect()),
    })
}
