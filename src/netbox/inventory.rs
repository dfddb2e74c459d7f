//! Inventory items: their roles (keyed by name), the device types' item templates (keyed
//! `TYPE:NAME`, as other templates) and the items of devices, keyed `DEVICE:PATH` where
//! the path is the item's name below its parents' (`PSU 0`, `Chassis/Fan tray 1`): NetBox
//! keeps names unique per (device, parent) (`dcim_inventoryitem_unique_device_parent_name`).
//!
//! NetBox gives a new device the items of its type's templates
//! (`InventoryItemTemplate.instantiate`), as it does its other components, so the push
//! reads the items again once devices were created (`apply.rs`) and updates the ones the
//! device refines: the desired items are those of `view/inventory.rs`, a top-level entry
//! named as a template refining it, field by field.
//!
//! An item's component is a generic relation (`component_type`, `component_id`) to one of
//! the device's interfaces or ports; bays are not pushed, so an item on a module bay or
//! device bay is pushed without its component (docs/netbox.md).

use serde_json::Value;

use super::kinds::Kind;
use super::state::{Remote, State};
use super::{named, slug, string, Desired};
use crate::graph::{DeviceId, DeviceTypeId, Graph};
use crate::model::device_type::InventoryItemTemplate;
use crate::model::inventory::InventoryItem;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    for object in &model.inventory_item_roles {
        let r = &object.data;
        let mut d = Desired::new(
            Kind::InventoryItemRoles,
            r.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", r.name.value.as_str())
            .value("slug", slug(r.slug.as_ref(), &r.name))
            .value(
                "color",
                r.color.as_ref().map_or("9e9e9e".to_string(), |c| {
                    c.value.trim_start_matches('#').to_ascii_lowercase()
                }),
            )
            .text("description", r.description.as_deref())
            .tags(&r.tags);
        out.push(d);
    }
    for (index, object) in model.device_types.iter().enumerate() {
        let key = super::dcim::device_type_key(graph, DeviceTypeId::from_index(index));
        for template in &object.data.inventory_items {
            let t = &template.value;
            let mut d = Desired::new(
                Kind::InventoryItemTemplates,
                format!("{key}:{}", t.name.value),
                None,
                object.at(&t.name),
            );
            d.reference("device_type", Kind::DeviceTypes, Some(key.clone()), None)
                .value("name", t.name.value.as_str())
                .text("label", t.label.as_deref())
                .reference(
                    "manufacturer",
                    Kind::Manufacturers,
                    manufacturer(graph, t.manufacturer.as_deref()),
                    None,
                )
                .text("part_id", t.part_id.as_deref())
                .text("description", t.description.as_deref());
            out.push(d);
        }
    }
    for (index, object) in model.devices.iter().enumerate() {
        let device = DeviceId::from_index(index);
        let templates: &[_] = graph.devices[index]
            .device_type
            .map_or(&[], |t| &model.device_types[t.index()].data.inventory_items);
        let entries = &object.data.inventory_items;
        if templates.is_empty() && entries.is_empty() {
            continue;
        }
        let device_key = super::dcim::device_key(graph, device);
        let site = super::dcim::site_name(graph, graph.devices[index].site);
        let item = |entry: Option<&crate::model::Spanned<InventoryItem>>,
                    template: Option<&InventoryItemTemplate>| {
            let location = entry.map_or_else(|| object.location(), |e| object.at(&e.value.name));
            let entry = entry.map(|e| &e.value);
            let key = entry.map_or_else(
                || template.map_or_else(String::new, |t| t.name.value.clone()),
                |e| path(entries, e),
            );
            let key = format!("{device_key}:{key}");
            let mut d = Desired::new(Kind::InventoryItems, key, site.clone(), location);
            let name = entry.map_or_else(
                || template.map_or("", |t| t.name.value.as_str()),
                |e| e.name.value.as_str(),
            );
            d.reference("device", Kind::Devices, Some(device_key.clone()), None)
                .value("name", name)
                .reference(
                    "parent",
                    Kind::InventoryItems,
                    entry.and_then(|e| {
                        let parent = e.parent.as_ref()?;
                        let parent = entries
                            .iter()
                            .find(|i| i.value.name.value == parent.value)?;
                        Some(format!("{device_key}:{}", path(entries, &parent.value)))
                    }),
                    entry.and_then(|e| e.parent.as_ref()).map(|p| object.at(p)),
                )
                .text(
                    "label",
                    text(
                        entry.and_then(|e| e.label.as_ref()),
                        template.and_then(|t| t.label.as_ref()),
                    ),
                )
                .value(
                    "status",
                    entry
                        .and_then(|e| e.status.as_ref())
                        .map_or("active", |s| s.value.as_str()),
                )
                .reference(
                    "role",
                    Kind::InventoryItemRoles,
                    named(
                        &graph.indexes.inventory_item_roles,
                        &model.inventory_item_roles,
                        |r| &r.name,
                        entry.and_then(|e| e.role.as_ref()),
                    ),
                    entry.and_then(|e| e.role.as_ref()).map(|r| object.at(r)),
                )
                .reference(
                    "manufacturer",
                    Kind::Manufacturers,
                    match entry.and_then(|e| e.manufacturer.as_ref()) {
                        Some(m) => manufacturer(graph, Some(&m.value)),
                        None => {
                            manufacturer(graph, template.and_then(|t| t.manufacturer.as_deref()))
                        }
                    },
                    entry
                        .and_then(|e| e.manufacturer.as_ref())
                        .map(|m| object.at(m)),
                )
                .text(
                    "part_id",
                    text(
                        entry.and_then(|e| e.part_id.as_ref()),
                        template.and_then(|t| t.part_id.as_ref()),
                    ),
                )
                .text("serial", entry.and_then(|e| e.serial.as_deref()))
                .value(
                    "asset_tag",
                    entry
                        .and_then(|e| e.asset_tag.as_ref())
                        .map(|t| t.value.as_str()),
                )
                .value("discovered", entry.is_some_and(|e| e.discovered))
                .generic(
                    "component",
                    ("component_type", "component_id"),
                    entry.and_then(|e| component(&device_key, e)),
                    entry
                        .and_then(|e| e.component.as_ref())
                        .map(|c| object.at(c)),
                )
                .text(
                    "description",
                    text(
                        entry.and_then(|e| e.description.as_ref()),
                        template.and_then(|t| t.description.as_ref()),
                    ),
                )
                .tags(entry.map_or(&[], |e| e.tags.as_slice()));
            if let Some(e) = entry {
                d.custom_fields(&defs, "dcim.inventoryitem", &e.custom_fields);
            }
            d
        };
        let refining = |template: &InventoryItemTemplate| {
            entries
                .iter()
                .find(|i| i.value.parent.is_none() && i.value.name.value == template.name.value)
        };
        for template in templates {
            out.push(item(refining(&template.value), Some(&template.value)));
        }
        for entry in entries {
            let refines = entry.value.parent.is_none()
                && templates
                    .iter()
                    .any(|t| t.value.name.value == entry.value.name.value);
            if !refines {
                out.push(item(Some(entry), None));
            }
        }
    }
}

/// A text field of an entry, else of its template.
fn text<'a>(own: Option<&'a String>, inherited: Option<&'a String>) -> Option<&'a str> {
    own.or(inherited).map(String::as_str)
}

/// A manufacturer's key (its name) from a name or slug.
fn manufacturer(graph: &Graph, text: Option<&str>) -> Option<String> {
    let text = text?;
    Some(match graph.indexes.manufacturers.get(text) {
        Some(id) => graph.model.manufacturers[id.index()]
            .data
            .name
            .value
            .clone(),
        None => text.to_string(),
    })
}

/// An item's path among its device's items: its parents' names and its own, joined by
/// `/`. A parent named by several items or none, or a cycle, is an error the resolver
/// reports (and a repository with errors is not pushed): the walk just stops there.
fn path(items: &[crate::model::Spanned<InventoryItem>], item: &InventoryItem) -> String {
    let mut names = vec![item.name.value.as_str()];
    let mut parent = item.parent.as_ref();
    while let Some(name) = parent {
        if names.len() > items.len() {
            break;
        }
        let Some(up) = items.iter().find(|i| i.value.name.value == name.value) else {
            break;
        };
        names.push(&up.value.name.value);
        parent = up.value.parent.as_ref();
    }
    names.reverse();
    names.join("/")
}

/// The item's component, as its kind and key; none for a bay, which is not pushed.
fn component(device_key: &str, item: &InventoryItem) -> Option<(Kind, String)> {
    let name = item.component.as_ref()?;
    let kind = match item
        .component_type
        .as_ref()
        .map_or("interface", |k| k.value.as_str())
    {
        "interface" => Kind::Interfaces,
        "console_port" => Kind::ConsolePorts,
        "console_server_port" => Kind::ConsoleServerPorts,
        "power_port" => Kind::PowerPorts,
        "power_outlet" => Kind::PowerOutlets,
        "front_port" => Kind::FrontPorts,
        "rear_port" => Kind::RearPorts,
        _ => return None,
    };
    Some((kind, format!("{device_key}:{}", name.value)))
}

/// The key and site of a NetBox object of one of this module's kinds. An item's key is
/// its device's here; [`item_paths`] completes it with the item's path once every item of
/// the kind is read.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    let name = string(json, "name");
    Some(match kind {
        Kind::InventoryItemRoles => (name.map(str::to_string), None),
        Kind::InventoryItemTemplates => {
            // Templates of module types have no device type: netsot pushes none of them.
            let device_type = state.ref_key(Kind::DeviceTypes, json.get("device_type"));
            (device_type.zip(name).map(|(t, n)| format!("{t}:{n}")), None)
        }
        Kind::InventoryItems => {
            let device = state.ref_object(Kind::Devices, json.get("device"));
            (
                device.and_then(|d| d.key.clone()),
                device.and_then(|d| d.site.clone()),
            )
        }
        _ => return None,
    })
}

/// Completes the keys of NetBox's items: `DEVICE:PATH`.
pub fn item_paths(remotes: &mut [Remote]) {
    super::organisation::tree_paths(remotes, |remote, path| {
        remote.key.as_ref().map(|device| format!("{device}:{path}"))
    });
}
