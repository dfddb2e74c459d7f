//! Device identity, as NetBox 4.4 scopes it: a name is unique per site and tenant,
//! compared case-insensitively (`Meta.constraints: dcim_device_unique_name_site_tenant` and
//! `dcim_device_unique_name_site`, both on `Lower('name')`), and optional. Devices of one
//! name in one site for different tenants are all indexed, so a reference to that name
//! from the site is ambiguous (NS0302); unnamed devices are not indexed (nothing can name
//! them) and get a label for messages, `diff` and the NetBox bridge, made of what places
//! them uniquely in NetBox so it is the same from one revision (or one NetBox) to the next
//! (`netbox::dcim::unnamed_label` makes the same label from NetBox's copy).
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
        let mut ordinals = HashMap::default();
        for (i, (o, node)) in model.devices.iter().zip(&self.graph.devices).enumerate() {
            let id = DeviceId::from_index(i);
            let Some(name) = &o.data.name else {
                unnamed.insert(id, self.unnamed_label(model, i, &mut ordinals));
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

    /// The label of an unnamed device: [`UnnamedPlace`]'s, from the device's entry and what
    /// it resolved to; `ordinals` counts the devices placed by their type in each site.
    fn unnamed_label<'m>(
        &self,
        model: &'m Model,
        device: usize,
        ordinals: &mut HashMap<(Option<SiteId>, &'m str), u32>,
    ) -> Box<str> {
        let data = &model.devices[device].data;
        let node = &self.graph.devices[device];
        let site = node
            .site
            .map(|s| model.sites[s.index()].data.name.value.as_str());
        let place = if let Some(tag) = &data.asset_tag {
            UnnamedPlace::AssetTag(&tag.value)
        } else if let Some(parent) = &data.parent_device {
            // The parent as its entry names it, less the device's own site.
            let device = &parent.value.device.value;
            let device = site
                .and_then(|s| device.strip_prefix(s)?.strip_prefix('/'))
                .unwrap_or(device);
            UnnamedPlace::Bay {
                device,
                bay: &parent.value.bay.value,
            }
        } else if let Some((rack, position)) = node.rack.zip(data.position.as_ref()) {
            UnnamedPlace::Rack {
                rack: &model.racks[rack.index()].data.name.value,
                position: position.value,
                face: data.face.as_ref().map(|f| f.value.as_str()),
            }
        } else {
            let model_name = node
                .device_type
                .map_or(data.device_type.value.as_str(), |t| {
                    model.device_types[t.index()].data.model.value.as_str()
                });
            let ordinal = ordinals.entry((node.site, model_name)).or_insert(0);
            *ordinal += 1;
            UnnamedPlace::Type {
                model: model_name,
                ordinal: *ordinal,
            }
        };
        place.to_string().into()
    }
}

/// What places an unnamed device uniquely in NetBox, in order of preference: its asset tag
/// (unique in NetBox), the device bay holding it (one child per bay), its rack unit and face
/// (one device per unit and face), else its type and rank among the site's unnamed devices
/// of that type placed by nothing else (in the order of the files; a NetBox lists them by
/// id, the order a push created them in).
#[derive(Clone, Copy, Debug)]
pub enum UnnamedPlace<'a> {
    AssetTag(&'a str),
    Bay {
        device: &'a str,
        bay: &'a str,
    },
    Rack {
        rack: &'a str,
        position: f64,
        face: Option<&'a str>,
    },
    Type {
        model: &'a str,
        ordinal: u32,
    },
}

impl std::fmt::Display for UnnamedPlace<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnnamedPlace::AssetTag(tag) => write!(f, "<unnamed device with asset tag {tag}>"),
            UnnamedPlace::Bay { device, bay } => {
                write!(f, "<unnamed device in bay {bay} of {device}>")
            }
            UnnamedPlace::Rack {
                rack,
                position,
                face,
            } => {
                write!(f, "<unnamed device in {rack} at U{position}")?;
                if let Some(face) = face {
                    write!(f, " {face}")?;
                }
                f.write_str(">")
            }
            UnnamedPlace::Type { model, ordinal } => write!(f, "<unnamed {model} #{ordinal}>"),
        }
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
