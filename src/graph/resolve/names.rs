//! Names: every globally named collection indexed by name (and slug), device and module
//! types by `Manufacturer/Model` and slug. The first step, so that every later family can
//! look references up.
//!
//! Reports: NS0201 (duplicate-object) for a name, slug or model written twice.

use rustc_hash::FxHashMap as HashMap;

use super::Builder;
use crate::diag::{Diagnostic, Location};
use crate::graph::id::{DeviceTypeId, Id, ModuleTypeId};
use crate::graph::index::{duplicate, NameIndex};
use crate::model::{Obj, Text};

/// Indexes a collection by name (and slug), reporting duplicates.
///
/// Slugs come second, so a name always wins over another object's equal slug (NetBox keeps
/// them in two columns, each unique on its own); a slug written twice is reported.
fn index_named<T>(
    objects: &[Obj<T>],
    kind: &str,
    key: impl Fn(&T) -> (&Text, Option<&Text>),
    diagnostics: &mut Vec<Diagnostic>,
) -> NameIndex<Id<T>> {
    let mut index = NameIndex::default();
    for (i, object) in objects.iter().enumerate() {
        let (name, _) = key(&object.data);
        if let Some(first) = index.insert(&name.value, Id::from_index(i)) {
            let (first_name, _) = key(&objects[first.index()].data);
            diagnostics.push(duplicate(
                kind,
                &name.value,
                object.at(name),
                objects[first.index()].at(first_name),
            ));
        }
    }
    let mut slugs: HashMap<&str, usize> = HashMap::default();
    for (i, object) in objects.iter().enumerate() {
        let (name, Some(slug)) = key(&object.data) else {
            continue;
        };
        if let Some(&first) = slugs.get(slug.value.as_str()) {
            let first = &objects[first];
            let first_slug = key(&first.data).1.unwrap_or(name);
            diagnostics.push(
                duplicate(
                    &format!("{kind} slug"),
                    &slug.value,
                    object.at(slug),
                    first.at(first_slug),
                )
                .with_help("NetBox requires slugs unique; change one"),
            );
            continue;
        }
        slugs.insert(&slug.value, i);
        if slug.value != name.value && index.get(&slug.value).is_none() {
            let _ = index.insert(&slug.value, Id::from_index(i));
        }
    }
    index
}

/// Indexes a collection NetBox names per scope: every holder of a name is kept, and
/// duplicates within one scope are reported by its family once the scopes are resolved
/// (`Builder::report_scoped_duplicates`). Slugs come second and never hide a name.
fn index_scoped<T>(
    objects: &[Obj<T>],
    key: impl Fn(&T) -> (&Text, Option<&Text>),
) -> NameIndex<Id<T>> {
    let mut index = NameIndex::default();
    for (i, object) in objects.iter().enumerate() {
        index.add(&key(&object.data).0.value, Id::from_index(i));
    }
    for (i, object) in objects.iter().enumerate() {
        let (name, Some(slug)) = key(&object.data) else {
            continue;
        };
        // Names were added first, so a key some object holds by name has it as its first
        // holder.
        let named = index
            .holders(&slug.value)
            .first()
            .is_some_and(|&h: &Id<T>| key(&objects[h.index()].data).0.value == slug.value);
        if slug.value != name.value && !named {
            index.add(&slug.value, Id::from_index(i));
        }
    }
    index
}

impl Builder<'_> {
    pub(super) fn index(&mut self) {
        let m = &self.graph.model;
        let d = self
            .diagnostics
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let ix = &mut self.graph.indexes;
        ix.tags = index_named(&m.tags, "tag", |o| (&o.name, o.slug.as_ref()), d);
        ix.tenant_groups = index_named(
            &m.tenant_groups,
            "tenant group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.tenants = index_scoped(&m.tenants, |o| (&o.name, o.slug.as_ref()));
        ix.regions = index_scoped(&m.regions, |o| (&o.name, o.slug.as_ref()));
        ix.site_groups = index_scoped(&m.site_groups, |o| (&o.name, o.slug.as_ref()));
        ix.sites = index_named(&m.sites, "site", |o| (&o.name, o.slug.as_ref()), d);
        ix.manufacturers = index_named(
            &m.manufacturers,
            "manufacturer",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.device_roles = index_named(
            &m.device_roles,
            "device role",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.rack_roles = index_named(
            &m.rack_roles,
            "rack role",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.rack_types = index_named(&m.rack_types, "rack type", |o| (&o.slug, None), d);
        ix.platforms = index_scoped(&m.platforms, |o| (&o.name, o.slug.as_ref()));
        ix.virtual_chassis = index_named(
            &m.virtual_chassis,
            "virtual chassis",
            |o| (&o.name, None),
            d,
        );
        ix.vrfs = index_named(&m.vrfs, "VRF", |o| (&o.name, None), d);
        ix.route_targets = index_named(&m.route_targets, "route target", |o| (&o.name, None), d);
        ix.vlan_translation_policies = index_named(
            &m.vlan_translation_policies,
            "VLAN translation policy",
            |o| (&o.name, None),
            d,
        );
        ix.rirs = index_named(&m.rirs, "RIR", |o| (&o.name, o.slug.as_ref()), d);
        ix.roles = index_named(&m.roles, "role", |o| (&o.name, o.slug.as_ref()), d);
        ix.asn_ranges = index_named(
            &m.asn_ranges,
            "ASN range",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.vlan_groups = index_scoped(&m.vlan_groups, |o| (&o.name, o.slug.as_ref()));
        ix.cluster_types = index_named(
            &m.cluster_types,
            "cluster type",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.cluster_groups = index_named(
            &m.cluster_groups,
            "cluster group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.clusters = index_scoped(&m.clusters, |o| (&o.name, None));
        ix.virtual_machines = index_scoped(&m.virtual_machines, |o| (&o.name, None));
        ix.providers = index_named(&m.providers, "provider", |o| (&o.name, o.slug.as_ref()), d);
        ix.provider_accounts = index_scoped(&m.provider_accounts, |o| (&o.account, None));
        ix.provider_networks = index_scoped(&m.provider_networks, |o| (&o.name, None));
        ix.circuit_types = index_named(
            &m.circuit_types,
            "circuit type",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.circuits = index_named(&m.circuits, "circuit", |o| (&o.cid, None), d);
        ix.module_type_profiles = index_named(
            &m.module_type_profiles,
            "module type profile",
            |o| (&o.name, None),
            d,
        );
        ix.circuit_groups = index_named(
            &m.circuit_groups,
            "circuit group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.virtual_circuit_types = index_named(
            &m.virtual_circuit_types,
            "virtual circuit type",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.custom_fields = index_named(&m.custom_fields, "custom field", |o| (&o.name, None), d);
        ix.config_contexts =
            index_named(&m.config_contexts, "config context", |o| (&o.name, None), d);
        ix.config_context_profiles = index_named(
            &m.config_context_profiles,
            "config context profile",
            |o| (&o.name, None),
            d,
        );
        ix.fhrp_groups = index_named(&m.fhrp_groups, "FHRP group", |o| (&o.name, None), d);
        ix.contact_groups = index_named(
            &m.contact_groups,
            "contact group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.contact_roles = index_named(
            &m.contact_roles,
            "contact role",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.contacts = index_named(&m.contacts, "contact", |o| (&o.name, None), d);
        ix.inventory_item_roles = index_named(
            &m.inventory_item_roles,
            "inventory item role",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        ix.wireless_lan_groups = index_named(
            &m.wireless_lan_groups,
            "wireless LAN group",
            |o| (&o.name, o.slug.as_ref()),
            d,
        );
        // SSIDs repeat freely in NetBox: every holder is kept and never reported.
        ix.wireless_lans = index_scoped(&m.wireless_lans, |o| (&o.ssid, None));

        // Device types: by `Manufacturer/Model` (unique, as NetBox's constraint) and by slug.
        let mut types = NameIndex::default();
        for (i, object) in m.device_types.iter().enumerate() {
            let t = &object.data;
            let key = format!("{}/{}", t.manufacturer.value, t.model.value);
            if let Some(first) = types.insert(&key, DeviceTypeId::from_index(i)) {
                let first = &m.device_types[first.index()];
                d.push(duplicate(
                    "device type",
                    &key,
                    object.at(&t.model),
                    first.at(&first.data.model),
                ));
                continue;
            }
            let slug = t.effective_slug();
            if let Some(first) = types.insert(&slug, DeviceTypeId::from_index(i)) {
                let first = &m.device_types[first.index()];
                let slug_span = t.slug.as_ref().map_or(t.model.span, |s| s.span);
                d.push(duplicate(
                    "device type slug",
                    &slug,
                    Location::new(object.file, slug_span),
                    first.at(&first.data.model),
                ));
            }
        }
        ix.device_types = types;
        let mut module_types = NameIndex::default();
        for (i, object) in m.module_types.iter().enumerate() {
            let key = format!(
                "{}/{}",
                object.data.manufacturer.value, object.data.model.value
            );
            if let Some(first) = module_types.insert(&key, ModuleTypeId::from_index(i)) {
                let first = &m.module_types[first.index()];
                d.push(duplicate(
                    "module type",
                    &key,
                    object.at(&object.data.model),
                    first.at(&first.data.model),
                ));
            }
        }
        ix.module_types = module_types;
    }
}
