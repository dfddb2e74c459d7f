//! Device identity, as NetBox 4.4 scopes it: a name is unique per site and tenant,
//! compared case-insensitively (`Meta.constraints: dcim_device_unique_name_site_tenant` and
//! `dcim_device_unique_name_site`, both on `Lower('name')`), and optional. Devices of one
//! name in one site for different tenants are all indexed, so a reference to that name
//! from the site is ambiguous (NS0302); unnamed devices are not indexed (nothing can name
//! them) and get a stable label for messages.
//!
//! Reports: NS0201 (duplicate-object).

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap as HashMap;

use super::Builder;
use crate::graph::index::{duplicate, SiteIndex};
use crate::graph::{DeviceId, SiteId, TenantId};
use crate::model::Model;

impl Builder<'_> {
    /// Indexes the devices by site and name, reports names taken twice in one site and
    /// tenant, and labels the unnamed ones. Runs after the devices' sites and tenants are
    /// resolved.
    pub(super) fn index_devices(&mut self, model: &Model) {
        let mut devices = SiteIndex::with_capacity(model.devices.len());
        let mut scoped: HashMap<(Option<SiteId>, Option<TenantId>, Folded<'_>), DeviceId> =
            HashMap::with_capacity_and_hasher(model.devices.len(), Default::default());
        let mut unnamed = HashMap::default();
        for (i, (o, node)) in model.devices.iter().zip(&self.graph.devices).enumerate() {
            let id = DeviceId::from_index(i);
            let Some(name) = &o.data.name else {
                unnamed.insert(id, self.unnamed_label(model, i));
                continue;
            };
            let key = (node.site, node.tenant, Folded(&name.value));
            if let Some(&first) = scoped.get(&key) {
                let first = &model.devices[first.index()];
                let first_name = first.data.name.as_ref().unwrap_or(name);
                self.push(
                    duplicate("device", &name.value, o.at(name), first.at(first_name)).with_help(
                        "NetBox compares device names case-insensitively, per site and tenant; rename one",
                    ),
                );
                continue;
            }
            scoped.insert(key, id);
            devices.insert_shared(node.site, &name.value, id);
        }
        self.graph.indexes.devices = devices;
        self.graph.unnamed_devices = unnamed;
    }

    /// `<unnamed device with asset tag T>` (asset tags are unique in NetBox), else
    /// `<unnamed device at FILE:LINE>`.
    fn unnamed_label(&self, model: &Model, device: usize) -> Box<str> {
        let object = &model.devices[device];
        if let Some(tag) = &object.data.asset_tag {
            return format!("<unnamed device with asset tag {}>", tag.value).into();
        }
        let location = object.location();
        let file = self.files.get(location.file);
        let (line, _) = file.line_column(location.span.start);
        format!("<unnamed device at {}:{line}>", file.path).into()
    }
}

/// A name compared as NetBox's `Lower('name')` compares it: case-insensitively, without
/// allocating a lower-case copy per device.
#[derive(Clone, Copy, Debug)]
struct Folded<'a>(&'a str);

impl Folded<'_> {
    fn lower(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chars().flat_map(char::to_lowercase)
    }
}

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            return self.0.eq_ignore_ascii_case(other.0);
        }
        self.lower().eq(other.lower())
    }
}

impl Eq for Folded<'_> {}

impl Hash for Folded<'_> {
    // The ASCII path feeds the hasher what the general one would, so that an ASCII name
    // and a non-ASCII name that fold alike (`K` and the Kelvin sign) hash alike.
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.0.is_ascii() {
            for byte in self.0.bytes() {
                state.write_u32(u32::from(byte.to_ascii_lowercase()));
            }
            return;
        }
        for c in self.lower() {
            state.write_u32(u32::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Folded;
    use std::hash::BuildHasher;

    #[test]
    fn folded_names_equal_and_hash_alike_across_case() {
        let hasher = rustc_hash::FxBuildHasher;
        for (a, b) in [
            ("Leaf1", "leaf1"),
            ("SPINE-É", "spine-é"),
            ("\u{212A}9", "k9"),
        ] {
            assert_eq!(Folded(a), Folded(b));
            assert_eq!(hasher.hash_one(Folded(a)), hasher.hash_one(Folded(b)));
        }
        assert_ne!(Folded("leaf1"), Folded("leaf2"));
    }
}
