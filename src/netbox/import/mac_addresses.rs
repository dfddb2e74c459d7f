//! An interface's MAC addresses (NetBox 4.2's `dcim.MACAddress` objects, nested in the
//! interface as `mac_addresses`) written back: the primary one is the interface's
//! `mac_address`, the others its `mac_addresses` entries (`model/dcim.rs`).

use serde_json::{Map, Value};

use super::record::Record;
use crate::model::dcim::same_mac;

/// The interface's MAC addresses other than `primary`, as `{mac_address, description}`
/// entries; the primary one too when it has a description, which only an entry carries.
pub(super) fn other_mac_addresses(r: &mut Record, primary: Option<&str>) -> Vec<Value> {
    let Some(Value::Array(list)) = r.get("mac_addresses") else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|mac| {
            let address = mac.get("mac_address").and_then(Value::as_str)?;
            let description = mac
                .get("description")
                .and_then(Value::as_str)
                .filter(|d| !d.is_empty());
            if description.is_none() && primary.is_some_and(|p| same_mac(p, address)) {
                return None;
            }
            let mut entry = Map::new();
            entry.insert("mac_address".into(), address.into());
            if let Some(description) = description {
                entry.insert("description".into(), description.into());
            }
            Some(Value::Object(entry))
        })
        .collect()
}
