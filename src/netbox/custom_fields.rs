//! Custom fields: their choice sets and definitions (NetBox 4.4's
//! `extras/models/customfields.py`, keyed by name, which NetBox keeps unique), and the
//! values objects carry.
//!
//! An object's values are one field, `custom_fields`, holding every field the repository
//! defines for the object's type: the value written, else the field's default, else null.
//! Fields defined only in NetBox are neither compared nor sent, so a NetBox that holds more
//! fields than the repository keeps their values. NetBox merges the map sent into what the
//! object holds (`CustomFieldsDataField.to_internal_value`), so an update sends only the
//! repository's fields. Values naming objects (`object`, `multiobject`) are sent as ids and
//! compared by key.

use std::collections::BTreeMap;

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{in_site, Desired, Field, Want};
use crate::graph::index::SiteLookup;
use crate::graph::Graph;
use crate::model::custom_fields::{CustomFieldObjectType, CustomFieldValues};

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for object in &model.custom_field_choice_sets {
        let s = &object.data;
        let mut d = Desired::new(
            Kind::CustomFieldChoiceSets,
            s.name.value.clone(),
            None,
            object.location(),
        );
        // NetBox takes `[value, label]` pairs only: a bare value is its own label.
        let choices: Vec<Value> = s
            .extra_choices
            .iter()
            .map(|c| match &c.value {
                Value::Array(pair) => Value::Array(pair.clone()),
                other => Value::Array(vec![other.clone(), other.clone()]),
            })
            .collect();
        d.value("name", s.name.value.as_str())
            .text("description", s.description.as_deref())
            .value("extra_choices", choices)
            .value("order_alphabetically", s.order_alphabetically);
        // NetBox refuses `base_choices` null or blank: a set without one leaves it out.
        if let Some(base) = &s.base_choices {
            d.value_at("base_choices", base.value.as_str(), object.at(base));
        }
        out.push(d);
    }
    for object in &model.custom_fields {
        let f = &object.data;
        let mut d = Desired::new(
            Kind::CustomFields,
            f.name.value.clone(),
            None,
            object.location(),
        );
        let number = |v: &Option<crate::model::Spanned<f64>>| {
            v.as_ref().map_or(Value::Null, |v| v.value.into())
        };
        d.value("name", f.name.value.as_str())
            .value_maybe_at(
                "type",
                f.kind().as_str(),
                f.kind.as_ref().map(|k| object.at(k)),
            )
            .value(
                "related_object_type",
                f.related_object_type
                    .as_ref()
                    .map_or(Value::Null, |t| t.value.as_str().into()),
            )
            .text("label", f.label.as_deref())
            .text("group_name", f.group_name.as_deref())
            .text("description", f.description.as_deref())
            .value("required", f.required)
            .value("unique", f.unique)
            .value("search_weight", f.search_weight.unwrap_or(1000))
            .value(
                "filter_logic",
                f.filter_logic.map_or("loose", |l| l.as_str()),
            )
            .value("ui_visible", f.ui_visible.map_or("always", |v| v.as_str()))
            .value("ui_editable", f.ui_editable.map_or("yes", |v| v.as_str()))
            .value("is_cloneable", f.is_cloneable)
            .value(
                "default",
                f.default.as_ref().map_or(Value::Null, |v| v.value.clone()),
            )
            .value(
                "related_object_filter",
                f.related_object_filter
                    .as_ref()
                    .map_or(Value::Null, |v| v.value.clone()),
            )
            .value("weight", f.weight.unwrap_or(100))
            .value("validation_minimum", number(&f.validation_minimum))
            .value("validation_maximum", number(&f.validation_maximum))
            .text(
                "validation_regex",
                f.validation_regex.as_ref().map(|r| r.value.as_str()),
            )
            .reference(
                "choice_set",
                Kind::CustomFieldChoiceSets,
                f.choice_set.as_ref().map(|s| s.value.clone()),
                f.choice_set.as_ref().map(|s| object.at(s)),
            )
            .text("comments", f.comments.as_deref());
        d.fields.push(Field {
            name: "object_types",
            want: Want::Set(
                f.object_types
                    .iter()
                    .map(|t| t.value.as_str().to_string())
                    .collect(),
            ),
            at: None,
        });
        out.push(d);
    }
}

/// The object a site-scoped lookup found, if one.
fn site_scoped<K>(lookup: SiteLookup<'_, K>) -> Option<K> {
    match lookup {
        SiteLookup::Found(id) => Some(id),
        _ => None,
    }
}

/// A custom field value as the plan compares it and the push sends it.
#[derive(Debug, Clone, PartialEq)]
pub enum Wanted {
    /// Text, numbers, booleans, dates, choices, JSON: as written.
    Value(Value),
    /// An `object` field: the object's kind and key; `None` for none.
    Object(Kind, Option<String>),
    /// A `multiobject` field: the objects' kind and keys.
    Objects(Kind, Vec<String>),
}

/// The custom field definitions of the repository by object type: each field's name,
/// default and the kind of object it names, once per push.
pub struct Definitions<'g> {
    graph: &'g Graph,
    by_type: Vec<Vec<Definition<'g>>>,
}

struct Definition<'g> {
    name: &'g str,
    default: Option<&'g Value>,
    /// The kind an `object`/`multiobject` field names, and whether it names several.
    related: Option<(&'g str, bool)>,
}

impl<'g> Definitions<'g> {
    pub fn new(graph: &'g Graph) -> Definitions<'g> {
        let mut by_type: Vec<Vec<Definition>> = (0..CustomFieldObjectType::VALUES.len())
            .map(|_| Vec::new())
            .collect();
        for object in &graph.model.custom_fields {
            let f = &object.data;
            let kind = f.kind();
            let related = f
                .related_object_type
                .as_ref()
                .filter(|_| kind.is("object") || kind.is("multiobject"))
                .map(|t| (t.value.as_str(), kind.is("multiobject")));
            for object_type in &f.object_types {
                by_type[object_type.value.index()].push(Definition {
                    name: &f.name.value,
                    default: f.default.as_ref().map(|d| &d.value),
                    related,
                });
            }
        }
        Definitions { graph, by_type }
    }

    /// The `custom_fields` field of an object of `object_type` with these values, or
    /// `None` when the repository defines no field for the type.
    pub fn field(&self, object_type: &str, values: &CustomFieldValues) -> Option<Field> {
        let object_type = CustomFieldObjectType::VALUES
            .iter()
            .position(|t| *t == object_type)?;
        let definitions = &self.by_type[object_type];
        if definitions.is_empty() {
            return None;
        }
        let mut wanted = BTreeMap::new();
        for definition in definitions {
            let written = values
                .iter()
                .find(|(name, _)| name.value == definition.name)
                .map(|(_, value)| &value.value);
            let value = written.or(definition.default).unwrap_or(&Value::Null);
            wanted.insert(definition.name.to_string(), self.wanted(definition, value));
        }
        Some(Field {
            name: "custom_fields",
            want: Want::CustomFields(wanted),
            at: None,
        })
    }

    fn wanted(&self, definition: &Definition, value: &Value) -> Wanted {
        let Some((related, many)) = definition.related else {
            return Wanted::Value(value.clone());
        };
        let Some(kind) = Kind::of_object_type(related) else {
            return Wanted::Value(value.clone());
        };
        let key = |name: &Value| name.as_str().map(|n| object_key(self.graph, related, n));
        if many {
            let keys = match value {
                Value::Array(names) => names.iter().filter_map(key).collect(),
                _ => Vec::new(),
            };
            Wanted::Objects(kind, keys)
        } else {
            Wanted::Object(kind, key(value))
        }
    }
}

/// The push key of the object a value names (by name, or `SITE/NAME` for objects NetBox
/// names per site), as the kind's own module keys it. A name that resolves to nothing
/// (`check` reported it) is kept as written.
fn object_key(graph: &Graph, related: &str, name: &str) -> String {
    let ix = &graph.indexes;
    let m = &graph.model;
    let key = match related {
        "dcim.device" => site_scoped(ix.devices.lookup(None, name, &ix.sites))
            .map(|d| super::dcim::device_key(graph, d)),
        "dcim.rack" => site_scoped(ix.racks.lookup(None, name, &ix.sites)).map(|r| {
            let site = super::dcim::site_name(graph, graph.racks[r.index()].site);
            in_site(site.as_deref(), &m.racks[r.index()].data.name.value)
        }),
        "dcim.location" => site_scoped(ix.locations.lookup(None, name, &ix.sites)).map(|l| {
            let site = super::dcim::site_name(graph, graph.locations[l.index()].site);
            super::organisation::location_key(graph, site.as_deref(), l)
        }),
        "ipam.vlan" => site_scoped(ix.vlans.lookup(None, name, &ix.sites))
            .map(|v| super::ipam::vlan_key(graph, v)),
        "dcim.devicetype" => ix
            .device_types
            .get(name)
            .map(|t| super::dcim::device_type_key(graph, t)),
        "circuits.circuit" => ix.circuits.get(name).map(|c| {
            let c = &m.circuits[c.index()].data;
            let provider =
                super::named(&ix.providers, &m.providers, |p| &p.name, Some(&c.provider));
            format!("{}/{}", provider.unwrap_or_default(), c.cid.value)
        }),
        // Every other kind is keyed by its name: the name of what the value names, which
        // may be written by slug.
        "circuits.circuittype" => ix
            .circuit_types
            .get(name)
            .map(|i| m.circuit_types[i.index()].data.name.value.clone()),
        "circuits.provider" => ix
            .providers
            .get(name)
            .map(|i| m.providers[i.index()].data.name.value.clone()),
        "dcim.devicerole" => ix
            .device_roles
            .get(name)
            .map(|i| m.device_roles[i.index()].data.name.value.clone()),
        "dcim.manufacturer" => ix
            .manufacturers
            .get(name)
            .map(|i| m.manufacturers[i.index()].data.name.value.clone()),
        "dcim.platform" => ix
            .platforms
            .get(name)
            .map(|i| m.platforms[i.index()].data.name.value.clone()),
        "dcim.region" => ix
            .regions
            .get(name)
            .map(|i| m.regions[i.index()].data.name.value.clone()),
        "dcim.site" => ix
            .sites
            .get(name)
            .map(|i| m.sites[i.index()].data.name.value.clone()),
        "dcim.sitegroup" => ix
            .site_groups
            .get(name)
            .map(|i| m.site_groups[i.index()].data.name.value.clone()),
        "dcim.virtualchassis" => ix
            .virtual_chassis
            .get(name)
            .map(|i| m.virtual_chassis[i.index()].data.name.value.clone()),
        "extras.tag" => ix
            .tags
            .get(name)
            .map(|i| m.tags[i.index()].data.name.value.clone()),
        "ipam.rir" => ix
            .rirs
            .get(name)
            .map(|i| m.rirs[i.index()].data.name.value.clone()),
        "ipam.routetarget" => ix
            .route_targets
            .get(name)
            .map(|i| m.route_targets[i.index()].data.name.value.clone()),
        "ipam.vlangroup" => ix
            .vlan_groups
            .get(name)
            .map(|i| m.vlan_groups[i.index()].data.name.value.clone()),
        "ipam.vrf" => ix
            .vrfs
            .get(name)
            .map(|i| m.vrfs[i.index()].data.name.value.clone()),
        "tenancy.tenant" => ix
            .tenants
            .get(name)
            .map(|i| m.tenants[i.index()].data.name.value.clone()),
        "tenancy.tenantgroup" => ix
            .tenant_groups
            .get(name)
            .map(|i| m.tenant_groups[i.index()].data.name.value.clone()),
        "virtualization.cluster" => ix
            .clusters
            .get(name)
            .map(|i| m.clusters[i.index()].data.name.value.clone()),
        "virtualization.clustergroup" => ix
            .cluster_groups
            .get(name)
            .map(|i| m.cluster_groups[i.index()].data.name.value.clone()),
        "virtualization.clustertype" => ix
            .cluster_types
            .get(name)
            .map(|i| m.cluster_types[i.index()].data.name.value.clone()),
        "virtualization.virtualmachine" => ix
            .virtual_machines
            .get(name)
            .map(|i| m.virtual_machines[i.index()].data.name.value.clone()),
        _ => None,
    };
    key.unwrap_or_else(|| name.to_string())
}

/// A custom field value in the plan's words: objects by key.
pub fn wanted_value(wanted: &Wanted) -> Value {
    match wanted {
        Wanted::Value(value) => value.clone(),
        Wanted::Object(_, key) => key.clone().map_or(Value::Null, Value::String),
        Wanted::Objects(_, keys) => {
            let mut keys = keys.clone();
            keys.sort();
            keys.into_iter().map(Value::String).collect()
        }
    }
}

/// NetBox's value of a custom field in the plan's words: objects (answered nested) by key.
pub fn current_value(wanted: &Wanted, value: Option<&Value>, state: &State) -> Value {
    let key = |kind: Kind, object: &Value| {
        state
            .ref_key(kind, Some(object))
            .unwrap_or_else(|| format!("#{}", object.get("id").unwrap_or(&Value::Null)))
    };
    match (wanted, value) {
        (_, None | Some(Value::Null)) => Value::Null,
        (Wanted::Value(_), Some(value)) => value.clone(),
        (Wanted::Object(kind, _), Some(object)) => Value::String(key(*kind, object)),
        (Wanted::Objects(kind, _), Some(objects)) => {
            let mut keys: Vec<String> = objects
                .as_array()
                .into_iter()
                .flatten()
                .map(|o| key(*kind, o))
                .collect();
            keys.sort();
            keys.into_iter().map(Value::String).collect()
        }
    }
}

/// The value NetBox takes for a custom field: objects by id. Fails with the object's
/// description when it is not in NetBox.
pub fn body_value(wanted: &Wanted, state: &State) -> Result<Value, String> {
    let id = |kind: Kind, key: &str| {
        state
            .id(kind, key)
            .map(Value::from)
            .ok_or_else(|| format!("{} `{key}`", kind.spec().singular))
    };
    match wanted {
        Wanted::Value(value) => Ok(value.clone()),
        Wanted::Object(_, None) => Ok(Value::Null),
        Wanted::Object(kind, Some(key)) => id(*kind, key),
        Wanted::Objects(_, keys) if keys.is_empty() => Ok(Value::Null),
        Wanted::Objects(kind, keys) => keys.iter().map(|k| id(*kind, k)).collect(),
    }
}
