//! Virtual device contexts into their device's `virtual_device_contexts`, in the order of
//! their ids; an interface's `vdcs` is written with the interface (`components.rs`).

use std::collections::HashMap;

use serde_json::Value;

use super::record::{nested_id, number, Out, Record};
use super::refs::{address, custom_fields, named, names};
use super::scope::Scope;
use super::NotCarried;

/// Every device's contexts.
pub struct Vdcs<'s> {
    by_device: HashMap<u64, Vec<&'s Value>>,
}

impl<'s> Vdcs<'s> {
    pub fn new(scope: &Scope<'s>) -> Vdcs<'s> {
        let mut by_device: HashMap<u64, Vec<&'s Value>> = HashMap::new();
        for vdc in scope.objects("dcim/virtual-device-contexts") {
            if let Some(device) = vdc.get("device").and_then(nested_id) {
                by_device.entry(device).or_default().push(vdc);
            }
        }
        for list in by_device.values_mut() {
            list.sort_by_key(|v| v.get("id").and_then(Value::as_u64));
        }
        Vdcs { by_device }
    }

    /// The entries of a device's contexts.
    pub fn entries(&self, device: u64, report: &mut NotCarried) -> Vec<Value> {
        let Some(list) = self.by_device.get(&device) else {
            return Vec::new();
        };
        list.iter()
            .map(|object| {
                let mut r = Record::new("dcim.virtualdevicecontext", object);
                let mut out = Out::new();
                out.set("name", r.text("name").unwrap_or_default());
                out.opt("status", r.choice("status"));
                out.opt("identifier", number(r.get("identifier")));
                out.opt("tenant", named(&mut r, "tenant"));
                out.opt("primary_ip4", r.get("primary_ip4").and_then(address));
                out.opt("primary_ip6", r.get("primary_ip6").and_then(address));
                out.opt("description", r.text("description"));
                out.opt("comments", r.text("comments"));
                out.list("tags", names(&mut r, "tags"));
                out.opt("custom_fields", custom_fields(&mut r, report));
                // The device is the one it is written under; the rest is derived.
                r.skip(&["device", "primary_ip", "interface_count"]);
                r.finish(report);
                out.into_value()
            })
            .collect()
    }
}
