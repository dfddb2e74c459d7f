//! Inventory items: roles' tags, and for each device that lists `inventory_items`, every
//! item's role, manufacturer, parent (another item of the device, by name) and component
//! (a component of the device, by `component_type` and name). Names are unique per
//! (device, parent) as NetBox's `dcim_inventoryitem_unique_device_parent_name`; an item
//! at the top level named as one of the device type's `inventory-items` refines that
//! template's item rather than repeating it. Only devices with items are visited.
//!
//! Reports: NS0201 (duplicate-object), NS0301 (unresolved-reference), NS0302
//! (ambiguous-reference, a parent name held by several items) and NS0308 (parent-cycle).

use rustc_hash::FxHashMap as HashMap;

use super::{which, Builder};
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::index::duplicate;
use crate::graph::*;
use crate::model::dcim::TerminationType;
use crate::model::inventory::InventoryItem;
use crate::model::{Obj, Spanned};

impl Builder<'_> {
    pub(super) fn resolve_inventory(&mut self) {
        let model = std::sync::Arc::clone(&self.graph.model);
        for o in &model.inventory_item_roles {
            self.resolve_tags(&o.data.tags, o.file, tagged!("dcim.inventoryitemrole"));
        }
        for (d, o) in model.devices.iter().enumerate() {
            if !o.data.inventory_items.is_empty() {
                self.device_inventory(DeviceId::from_index(d), o);
            }
        }
    }

    fn device_inventory(&self, device: DeviceId, o: &Obj<crate::model::dcim::Device>) {
        let items = &o.data.inventory_items;
        // Every item's index by name, for parents; several items may share a name under
        // different parents.
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, item) in items.iter().enumerate() {
            by_name.entry(&item.value.name.value).or_default().push(i);
        }
        let mut parents: Vec<Option<Id<InventoryItem>>> = Vec::with_capacity(items.len());
        for item in items.iter() {
            let data = &item.value;
            self.resolve_opt(which::INVENTORY_ITEM_ROLES, data.role.as_ref(), o.file);
            self.resolve_opt(which::MANUFACTURERS, data.manufacturer.as_ref(), o.file);
            self.resolve_tags(&data.tags, o.file, tagged!("dcim.inventoryitem"));
            parents.push(self.item_parent(device, o, data, &by_name));
            if let Some(component) = &data.component {
                self.item_component(device, o, data, component);
            }
        }
        // Names unique per (device, parent): a parent is compared by the index it
        // resolved to, so items under two same-named parents do not collide.
        let mut seen: HashMap<(Option<Id<InventoryItem>>, &str), usize> = HashMap::default();
        for (i, item) in items.iter().enumerate() {
            let name = &item.value.name;
            if item.value.parent.is_some() && parents[i].is_none() {
                continue;
            }
            if let Some(&first) = seen.get(&(parents[i], name.value.as_str())) {
                self.push(
                    duplicate(
                        "inventory item",
                        &name.value,
                        o.at(name),
                        o.at(&items[first].value.name),
                    )
                    .with_help(
                        "NetBox requires an item's name unique under its parent in a device",
                    ),
                );
            } else {
                seen.insert((parents[i], &name.value), i);
            }
        }
        self.report_cycles("inventory item", &parents, |i| o.at(&items[i].value.name));
    }

    /// The item's parent among the device's items, by name.
    fn item_parent(
        &self,
        device: DeviceId,
        o: &Obj<crate::model::dcim::Device>,
        data: &InventoryItem,
        by_name: &HashMap<&str, Vec<usize>>,
    ) -> Option<Id<InventoryItem>> {
        let parent = data.parent.as_ref()?;
        match by_name.get(parent.value.as_str()).map(Vec::as_slice) {
            Some([only]) => Some(Id::from_index(*only)),
            Some(_) => {
                self.push(
                    Diagnostic::new(
                        &codes::AMBIGUOUS_REFERENCE,
                        format!(
                            "device `{}` has several inventory items named `{}`",
                            self.graph.device_name(device),
                            parent.value
                        ),
                    )
                    .at(o.at(parent))
                    .with_help("give the parent item a name no other item of the device has"),
                );
                None
            }
            None => {
                self.push(
                    Diagnostic::new(
                        &codes::UNRESOLVED_REFERENCE,
                        format!(
                            "device `{}` has no inventory item `{}`",
                            self.graph.device_name(device),
                            parent.value
                        ),
                    )
                    .at(o.at(parent))
                    .with_help("name another item of the same device's `inventory_items`"),
                );
                None
            }
        }
    }

    /// Checks that the item's component is one of its own device's (NetBox's
    /// `InventoryItem.clean`: "Cannot assign inventory item to component on another
    /// device"); here the component is named on the item's device, so it must be there.
    fn item_component(
        &self,
        device: DeviceId,
        o: &Obj<crate::model::dcim::Device>,
        data: &InventoryItem,
        component: &Spanned<String>,
    ) {
        let kind = data
            .component_type
            .as_ref()
            .map_or("interface", |k| k.value.as_str());
        let found = match kind {
            "interface" => self
                .graph
                .find_interface(Owner::Device(device), &component.value)
                .is_some(),
            "module_bay" | "device_bay" => self.device_has_bay(device, kind, &component.value),
            _ => {
                let kind = TerminationType::named(kind);
                self.graph.device_has_port(device, kind, &component.value)
            }
        };
        if !found {
            self.push(
                Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!(
                        "device `{}` has no {} `{}` for inventory item `{}`",
                        self.graph.device_name(device),
                        kind.replace('_', " "),
                        component.value,
                        data.name.value
                    ),
                )
                .at(Location::new(o.file, component.span))
                .with_help("an inventory item's component is one of its own device's"),
            );
        }
    }

    /// Whether the device has a module bay or device bay of that name, from its type or
    /// (module bays) its own entries.
    fn device_has_bay(&self, device: DeviceId, kind: &str, name: &str) -> bool {
        let data = &self.graph.model.devices[device.index()].data;
        let device_type = self.graph.devices[device.index()]
            .device_type
            .map(|t| &self.graph.model.device_types[t.index()].data);
        if kind == "device_bay" {
            return device_type
                .is_some_and(|t| t.device_bays.iter().any(|b| b.value.name.value == name));
        }
        data.module_bays.iter().any(|b| b.value.name.value == name)
            || device_type.is_some_and(|t| t.module_bays.iter().any(|b| b.value.name.value == name))
    }
}
