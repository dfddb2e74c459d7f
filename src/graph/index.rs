//! Name indexes: how references find their objects without scanning.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::id::SiteId;
use crate::diag::{codes, Diagnostic, Location};

/// A collection's objects by natural key (their name, and their slug when it differs).
///
/// `K` is the collection's id type ([`super::Id`]). Collections NetBox names per scope (a
/// region per parent, a virtual machine per cluster) may hold one name several times: such
/// a name is kept with all its holders in `shared`, where [`NameIndex::get`] does not find
/// it, so that a bare reference to it is ambiguous rather than the first one.
#[derive(Debug)]
pub struct NameIndex<K> {
    map: HashMap<String, K>,
    shared: HashMap<String, Vec<K>>,
}

// Written by hand: a derive would ask `K: Default`, which ids are not.
impl<K> Default for NameIndex<K> {
    fn default() -> NameIndex<K> {
        NameIndex {
            map: HashMap::default(),
            shared: HashMap::default(),
        }
    }
}

impl<K: Copy + Eq> NameIndex<K> {
    /// Adds an object; returns the index of an earlier object with the same key.
    pub fn insert(&mut self, key: &str, index: K) -> Option<K> {
        match self.map.get(key) {
            Some(&existing) if existing != index => Some(existing),
            Some(_) => None,
            None => {
                self.map.insert(key.to_string(), index);
                None
            }
        }
    }

    /// Adds a holder of a name that may repeat (a scoped collection): a second holder
    /// makes the name shared, so that [`NameIndex::get`] no longer finds it.
    pub fn add(&mut self, key: &str, index: K) {
        if let Some(holders) = self.shared.get_mut(key) {
            holders.push(index);
            return;
        }
        match self.map.get(key) {
            Some(&existing) if existing == index => {}
            Some(&existing) => {
                self.map.remove(key);
                self.shared.insert(key.to_string(), vec![existing, index]);
            }
            None => {
                self.map.insert(key.to_string(), index);
            }
        }
    }

    /// The one object with this key; `None` when there is none or several.
    pub fn get(&self, key: &str) -> Option<K> {
        self.map.get(key).copied()
    }

    /// Every object with this key: one, several (a shared name) or none.
    pub fn holders(&self, key: &str) -> &[K] {
        match self.map.get(key) {
            Some(one) => std::slice::from_ref(one),
            None => self.shared.get(key).map_or(&[], Vec::as_slice),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map
            .keys()
            .chain(self.shared.keys())
            .map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.map.len() + self.shared.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.shared.is_empty()
    }
}

/// Objects unique within a site (devices, racks, locations, VLANs): by (site, name), and by
/// bare name across sites for references from outside the site. A name is stored once,
/// shared by both maps.
#[derive(Debug)]
pub struct SiteIndex<K> {
    /// Site (its raw id, [`NO_SITE`] for objects without one), then name: two levels, so a
    /// lookup by `&str` allocates nothing. A bare `u32` key hashes in one step, as an
    /// `Option` would not. A site holds a name more than once only when the collection
    /// allows it ([`SiteIndex::insert_shared`]: devices of one name for different tenants).
    by_site: HashMap<u32, HashMap<Arc<str>, Holders<K>>>,
    by_name: HashMap<Arc<str>, Holders<K>>,
}

// Written by hand: a derive would ask `K: Default`, which ids are not.
impl<K> Default for SiteIndex<K> {
    fn default() -> SiteIndex<K> {
        SiteIndex {
            by_site: HashMap::default(),
            by_name: HashMap::default(),
        }
    }
}

/// The key of objects without a site in [`SiteIndex`]: no site has this id, as tables are
/// far below `u32::MAX` objects.
const NO_SITE: u32 = u32::MAX;

/// The objects holding a name in any site: nearly always one.
#[derive(Debug)]
enum Holders<K> {
    One(K),
    Many(Vec<K>),
}

impl<K> Holders<K> {
    fn as_slice(&self) -> &[K] {
        match self {
            Holders::One(one) => std::slice::from_ref(one),
            Holders::Many(many) => many,
        }
    }
}

/// The outcome of looking up a site-scoped name.
pub enum SiteLookup<'a, K> {
    Found(K),
    Ambiguous(&'a [K]),
    Missing,
}

impl<K: Copy> SiteIndex<K> {
    /// An index for about `names` objects: its maps are sized once, not grown by doubling.
    pub fn with_capacity(names: usize) -> SiteIndex<K> {
        SiteIndex {
            by_site: HashMap::default(),
            by_name: HashMap::with_capacity_and_hasher(names, Default::default()),
        }
    }

    /// Adds an object of `site` (`None` for objects without a site); returns the index of
    /// an earlier object with the same name in the same site.
    pub fn insert(&mut self, site: Option<SiteId>, name: &str, index: K) -> Option<K> {
        let names = self
            .by_site
            .entry(site.map_or(NO_SITE, SiteId::raw))
            .or_default();
        if let Some(existing) = names.get(name) {
            return Some(existing.as_slice()[0]);
        }
        self.insert_shared(site, name, index);
        None
    }

    /// Adds an object of `site` even when the site holds its name already; a lookup of the
    /// name from that site is then ambiguous.
    pub fn insert_shared(&mut self, site: Option<SiteId>, name: &str, index: K) {
        let names = self
            .by_site
            .entry(site.map_or(NO_SITE, SiteId::raw))
            .or_default();
        let name: Arc<str> = match names.get_key_value(name) {
            Some((shared, _)) => Arc::clone(shared),
            None => Arc::from(name),
        };
        add_holder(names.entry(Arc::clone(&name)), index);
        add_holder(self.by_name.entry(name), index);
    }

    /// Looks `name` up from `site`: the site's own object first, then a unique one elsewhere.
    /// A name `SITE/NAME` is qualified with its site when no object is named so literally.
    pub fn lookup<'a>(
        &'a self,
        site: Option<SiteId>,
        name: &str,
        site_names: &NameIndex<SiteId>,
    ) -> SiteLookup<'a, K> {
        if let Some(site) = site {
            match self.all_in_site(site, name) {
                [one] => return SiteLookup::Found(*one),
                [] => {}
                many => return SiteLookup::Ambiguous(many),
            }
        }
        match self.by_name.get(name).map(Holders::as_slice) {
            Some([one]) => return SiteLookup::Found(*one),
            Some(many) if many.len() > 1 => return SiteLookup::Ambiguous(many),
            _ => {}
        }
        if let Some((site_name, rest)) = name.split_once('/') {
            if let Some(site) = site_names.get(site_name) {
                match self.all_in_site(site, rest) {
                    [one] => return SiteLookup::Found(*one),
                    [] => {}
                    many => return SiteLookup::Ambiguous(many),
                }
            }
        }
        SiteLookup::Missing
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(|name| &**name)
    }

    /// The first object named `name` in `site`.
    pub fn in_site(&self, site: SiteId, name: &str) -> Option<K> {
        self.all_in_site(site, name).first().copied()
    }

    /// Every object named `name` in `site` (more than one only through `insert_shared`).
    pub fn all_in_site(&self, site: SiteId, name: &str) -> &[K] {
        self.by_site
            .get(&site.raw())
            .and_then(|names| names.get(name))
            .map_or(&[], Holders::as_slice)
    }
}

/// Adds `index` to the holders of a name.
fn add_holder<N, K: Copy>(entry: Entry<'_, N, Holders<K>>, index: K) {
    match entry {
        Entry::Occupied(mut holders) => match holders.get_mut() {
            Holders::One(one) => {
                let first = *one;
                holders.insert(Holders::Many(vec![first, index]));
            }
            Holders::Many(many) => many.push(index),
        },
        Entry::Vacant(slot) => {
            slot.insert(Holders::One(index));
        }
    }
}

/// The diagnostic for a second object with a key already taken.
pub fn duplicate(kind: &str, key: &str, second: Location, first: Location) -> Diagnostic {
    Diagnostic::new(
        &codes::DUPLICATE_OBJECT,
        format!("duplicate {kind} `{key}`"),
    )
    .at_labelled(second, "defined again here")
    .with_secondary(first, "first defined here")
}
