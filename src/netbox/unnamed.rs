//! Unnamed devices in NetBox (its `name` is nullable): keyed by the label the repository
//! gives them ([`crate::graph::UnnamedPlace`]), made here from NetBox's copy, so the push
//! matches them without a name and the import's order keeps their rank.

use std::collections::HashMap;

use serde_json::Value;

use super::state::Remote;
use super::{in_site, string};
use crate::graph::UnnamedPlace;

/// Keys NetBox's unnamed devices as the repository's are labelled
/// ([`crate::graph::UnnamedPlace`]): by asset tag, by the bay holding them, by rack unit and
/// face, else by type and rank among the site's unnamed devices of that type placed by
/// nothing else, in the order of their ids (the order a push created them in).
pub fn unnamed_keys(remotes: &mut [Remote]) {
    let mut ordinals: HashMap<(Option<String>, String), u32> = HashMap::new();
    let mut order: Vec<usize> = (0..remotes.len())
        .filter(|&i| string(&remotes[i].json, "name").is_none())
        .collect();
    order.sort_by_key(|&i| remotes[i].id);
    for index in order {
        let remote = &remotes[index];
        let json = &remote.json;
        let parent = json.get("parent_device").filter(|p| !p.is_null());
        let parent = parent.and_then(|p| string(p, "name")).zip(
            parent
                .and_then(|p| p.get("device_bay"))
                .and_then(|b| string(b, "name")),
        );
        let rack = json.get("rack").and_then(|r| string(r, "name"));
        let position = json.get("position").and_then(Value::as_f64);
        let face = json.get("face").and_then(|f| string(f, "value"));
        let place = if let Some(tag) = string(json, "asset_tag") {
            UnnamedPlace::AssetTag(tag)
        } else if let Some((device, bay)) = parent {
            UnnamedPlace::Bay { device, bay }
        } else if let Some((rack, position)) = rack.zip(position) {
            UnnamedPlace::Rack {
                rack,
                position,
                face,
            }
        } else {
            let model = json
                .get("device_type")
                .and_then(|t| string(t, "model"))
                .unwrap_or_default();
            let ordinal = ordinals
                .entry((remote.site.clone(), model.to_string()))
                .or_insert(0);
            *ordinal += 1;
            UnnamedPlace::Type {
                model,
                ordinal: *ordinal,
            }
        };
        let key = in_site(remote.site.as_deref(), &place.to_string());
        remotes[index].key = Some(key);
    }
}
