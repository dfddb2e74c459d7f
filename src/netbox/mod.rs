//! The bridge to a NetBox, both ways. `import/` reads a NetBox into a repository a person
//! would write (`netsot import netbox`). `netsot push netbox` compiles a repository, reads
//! what NetBox holds, matches both by natural keys and computes a plan (create, update
//! field by field, delete), then applies it with NetBox's bulk endpoints in dependency
//! order.
//!
//! One module per NetBox app says how netsot's objects map to NetBox's and what an
//! object's natural key is on both sides: `organisation.rs` (tags, tenancy, regions, sites,
//! locations; `contacts.rs`: contacts and their assignments), `dcim.rs` (with `chassis.rs`: virtual chassis;
//! `power.rs`: outlet templates, panels, feeds; `components.rs`: device components other than
//! interfaces, table-driven; `vdcs.rs`: virtual device contexts; `unnamed.rs`: the keys of
//! unnamed devices; `inventory.rs`: inventory items, their roles and templates; `wireless.rs`: wireless LANs
//! and links, and the radio side of interfaces), `extras.rs` (config contexts; `custom_fields.rs`: custom fields, their choice sets and the values objects carry), `ipam.rs` (with `fhrp.rs`:
//! FHRP groups and their assignments; `asns.rs`: ASNs, and those of sites; `vlan_translation.rs`: VLAN translation policies and rules), `virtualization.rs`, `circuits.rs` (with `providers.rs`: providers'
//! accounts and networks; `virtual_circuits.rs`: virtual circuits, their types and terminations; `circuit_groups.rs`: circuit groups and memberships), `services.rs`. `kinds.rs`
//! lists the kinds in the order they are applied, `state.rs` reads NetBox, `plan.rs`
//! compares, `drift.rs` marks the fields NetBox changed since the last pushed revision,
//! `apply.rs` writes and maps NetBox's refusals back to the repository's lines. `client.rs`
//! is the HTTP client. Nothing here prints: the CLI does.

mod apply;
mod asns;
mod chassis;
mod circuit_groups;
mod circuits;
pub mod client;
mod components;
mod contacts;
mod custom_fields;
mod dcim;
pub mod drift;
mod extras;
mod fhrp;
pub mod import;
mod inventory;
mod ipam;
pub mod kinds;
mod mac_addresses;
mod module_names;
mod modules;
mod organisation;
pub mod plan;
mod power;
mod providers;
mod racks;
mod scope;
mod services;
mod state;
mod templates;
mod unnamed;
mod vdcs;
mod virtual_circuits;
mod virtualization;
mod vlan_translation;
mod wireless;

use std::collections::BTreeSet;

use serde_json::Value;

pub use client::{Client, NetboxError};
pub use kinds::Kind;
pub use plan::{Action, NotHeld, Plan, Step};
pub use state::{Filter, Read, State};

use crate::compile::Compilation;
use crate::diag::{Diagnostic, Location};

/// What a push does.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Apply the plan; without it the plan is only computed.
    pub apply: bool,
    /// Delete the objects NetBox holds and the repository does not, within the
    /// repository's sites.
    pub prune: bool,
    /// Push a repository with errors too (what resolved of it). Not offered by the CLI:
    /// it is for differential tests that push a rule's failing fixture and compare
    /// NetBox's verdict with netsot's.
    pub allow_input_errors: bool,
}

/// What a push found and did.
#[derive(Debug, Default)]
pub struct Pushed {
    /// The plan: computed from NetBox's state before anything was written.
    pub plan: Plan,
    /// The steps applied, in order (empty for a plan only).
    pub applied: Vec<Step>,
    /// NetBox's refusal, mapped to the object's place in the repository; the push
    /// stopped there.
    pub refused: Vec<Diagnostic>,
}

/// Why a push did not run to its end without a refusal.
#[derive(Debug)]
pub enum PushError {
    /// The repository has errors: nothing was asked of NetBox.
    InputErrors,
    /// NetBox could not be used (unreachable, not authorised, an unexpected answer).
    Netbox(NetboxError),
}

impl From<NetboxError> for PushError {
    fn from(error: NetboxError) -> PushError {
        PushError::Netbox(error)
    }
}

/// Pushes a compiled repository into the NetBox behind `client`: computes the plan and,
/// with `options.apply`, applies it. A repository with errors is refused before any
/// request.
pub fn push(
    compilation: &Compilation,
    client: &Client,
    options: Options,
) -> Result<Pushed, PushError> {
    if compilation.has_errors() && !options.allow_input_errors {
        return Err(PushError::InputErrors);
    }
    let mut state = State::read_all(client)?;
    push_onto(compilation, client, &mut state, options)
}

/// [`push`] against a state the caller read (whole, or filtered to the objects that
/// matter): the plan is made from it, and applying updates it with what was created, so
/// the caller can find the new objects' ids without reading NetBox again.
pub fn push_onto(
    compilation: &Compilation,
    client: &Client,
    state: &mut State,
    options: Options,
) -> Result<Pushed, PushError> {
    if compilation.has_errors() && !options.allow_input_errors {
        return Err(PushError::InputErrors);
    }
    let desired = desired(compilation);
    let scope = scope(compilation);
    let plan = plan::plan(&desired, state, &scope);
    if !options.apply {
        return Ok(Pushed {
            plan,
            ..Pushed::default()
        });
    }
    let (applied, refused) = apply::apply(client, &desired, state, &scope, options)?;
    Ok(Pushed {
        plan,
        applied,
        refused,
    })
}

/// The sites the repository holds: the scope of `--prune`.
fn scope(compilation: &Compilation) -> BTreeSet<String> {
    compilation
        .graph
        .model
        .sites
        .iter()
        .map(|s| s.data.name.value.clone())
        .collect()
}

/// One object as the repository wants it in NetBox.
#[derive(Debug, Clone)]
pub struct Desired {
    pub kind: Kind,
    pub key: String,
    pub site: Option<String>,
    /// Where the object is written, for NetBox's refusals.
    pub location: Location,
    pub fields: Vec<Field>,
    /// NetBox makes the object itself when another is created (a module's bays, with the
    /// module): the push never creates it, only updates it once it exists.
    pub made_by_netbox: bool,
    /// The key NetBox gives the object when it makes it itself, where the repository's
    /// differs (a virtual chassis member's renumbered interface, an interface an entry
    /// renames): an object of that key the repository does not hold is renamed in place
    /// (its id, cables and addresses kept) instead of a second one created.
    pub made_as: Option<String>,
}

/// One field of a desired object.
#[derive(Debug, Clone)]
pub struct Field {
    /// NetBox's field name (for a generic relation, the name shown in the plan).
    pub name: &'static str,
    pub want: Want,
    /// Where the value is written, when it is.
    pub at: Option<Location>,
}

/// The value a field should have.
#[derive(Debug, Clone)]
pub enum Want {
    /// A plain value (choices by their value).
    Value(Value),
    /// A reference to an object of a kind by its key; `None` for no object.
    Ref(Kind, Option<String>),
    /// A list of references (tags, tagged VLANs).
    Refs(Kind, Vec<String>),
    /// A set of plain values, which NetBox answers in an order of its own (a tag's object
    /// types): compared sorted.
    Set(Vec<String>),
    /// A generic relation: NetBox's `type_field` and `id_field` (`assigned_object_type`,
    /// `assigned_object_id`), pointing to an object of a kind, or to none.
    Generic {
        type_field: &'static str,
        id_field: &'static str,
        target: Option<(Kind, String)>,
    },
    /// The terminations of one end of a cable.
    Ends(Vec<(Kind, String)>),
    /// The values of the custom fields the repository defines for the object's type, by
    /// field name (`custom_fields.rs`): compared field by field, sent as a partial map.
    CustomFields(std::collections::BTreeMap<String, custom_fields::Wanted>),
}

impl Desired {
    fn new(kind: Kind, key: String, site: Option<String>, location: Location) -> Desired {
        Desired {
            kind,
            key,
            site,
            location,
            fields: Vec::new(),
            made_by_netbox: false,
            made_as: None,
        }
    }

    fn value(&mut self, name: &'static str, value: impl Into<Value>) -> &mut Desired {
        self.fields.push(Field {
            name,
            want: Want::Value(value.into()),
            at: None,
        });
        self
    }

    /// A text field, `""` when absent (NetBox stores blank text as `""`), without leading
    /// and trailing whitespace: NetBox's serializers strip it (Django REST framework's
    /// `CharField(trim_whitespace=True)`, the default), so a YAML block's final newline
    /// (`comments: |`) would otherwise be an update on every push.
    fn text(&mut self, name: &'static str, value: Option<&str>) -> &mut Desired {
        self.value(name, value.map_or("", str::trim))
    }

    fn value_at(
        &mut self,
        name: &'static str,
        value: impl Into<Value>,
        at: Location,
    ) -> &mut Desired {
        self.fields.push(Field {
            name,
            want: Want::Value(value.into()),
            at: Some(at),
        });
        self
    }

    fn value_maybe_at(
        &mut self,
        name: &'static str,
        value: impl Into<Value>,
        at: Option<Location>,
    ) -> &mut Desired {
        self.fields.push(Field {
            name,
            want: Want::Value(value.into()),
            at,
        });
        self
    }

    fn reference(
        &mut self,
        name: &'static str,
        kind: Kind,
        key: Option<String>,
        at: Option<Location>,
    ) -> &mut Desired {
        self.fields.push(Field {
            name,
            want: Want::Ref(kind, key),
            at,
        });
        self
    }

    /// A reference to an address of the graph (a device's, VM's or context's primary
    /// address), by its key.
    fn address(
        &mut self,
        graph: &crate::graph::Graph,
        name: &'static str,
        ip: Option<crate::graph::IpId>,
        at: Option<Location>,
    ) -> &mut Desired {
        let key = ip.map(|ip| ipam::ip_key(graph, ip));
        self.reference(name, Kind::IpAddresses, key, at)
    }

    fn references(&mut self, name: &'static str, kind: Kind, keys: Vec<String>) -> &mut Desired {
        self.fields.push(Field {
            name,
            want: Want::Refs(kind, keys),
            at: None,
        });
        self
    }

    /// A generic relation (`assigned_object`, NetBox's `type_field` and `id_field`) to an
    /// object of a kind by its key, or to none.
    fn generic(
        &mut self,
        name: &'static str,
        (type_field, id_field): (&'static str, &'static str),
        target: Option<(Kind, String)>,
        at: Option<Location>,
    ) -> &mut Desired {
        self.fields.push(Field {
            name,
            want: Want::Generic {
                type_field,
                id_field,
                target,
            },
            at,
        });
        self
    }

    /// The values of the custom fields the repository defines for `object_type`.
    fn custom_fields(
        &mut self,
        definitions: &custom_fields::Definitions,
        object_type: &str,
        values: &crate::model::custom_fields::CustomFieldValues,
    ) -> &mut Desired {
        if let Some(field) = definitions.field(object_type, values) {
            self.fields.push(field);
        }
        self
    }

    fn tags(&mut self, tags: &[crate::model::Text]) -> &mut Desired {
        self.references(
            "tags",
            Kind::Tags,
            tags.iter().map(|t| t.value.clone()).collect(),
        )
    }
}

/// Every object of the repository as NetBox should hold it, kind by kind in the order of
/// [`Kind::ALL`].
pub fn desired(compilation: &Compilation) -> Vec<Desired> {
    let graph = &compilation.graph;
    let mut out = Vec::new();
    custom_fields::desired(graph, &mut out);
    organisation::desired(graph, &mut out);
    contacts::desired(graph, &mut out);
    ipam::desired(graph, &mut out);
    vlan_translation::desired(graph, &mut out);
    vdcs::desired(graph, &mut out);
    virtual_circuits::desired(graph, &mut out);
    circuit_groups::desired(graph, &mut out);
    fhrp::desired(graph, &mut out);
    asns::desired(graph, &mut out);
    dcim::desired(graph, &mut out);
    modules::desired(graph, &mut out);
    racks::desired(graph, &mut out);
    chassis::desired(graph, &mut out);
    power::desired(graph, &mut out);
    inventory::desired(graph, &mut out);
    wireless::desired(graph, &mut out);
    extras::desired(graph, &mut out);
    virtualization::desired(graph, &mut out);
    mac_addresses::desired(graph, &mut out);
    providers::desired(graph, &mut out);
    circuits::desired(graph, &mut out);
    services::desired(graph, &mut out);
    // Stable: objects of a kind keep the repository's order.
    out.sort_by_key(|d| d.kind);
    out
}

/// The natural key and site of a NetBox object, as [`desired`] names the repository's.
fn remote_key(kind: Kind, json: &Value, state: &State) -> (Option<String>, Option<String>) {
    organisation::remote_key(kind, json, state)
        .or_else(|| contacts::remote_key(kind, json, state))
        .or_else(|| ipam::remote_key(kind, json, state))
        .or_else(|| vlan_translation::remote_key(kind, json, state))
        .or_else(|| vdcs::remote_key(kind, json, state))
        .or_else(|| virtual_circuits::remote_key(kind, json, state))
        .or_else(|| circuit_groups::remote_key(kind, json, state))
        .or_else(|| fhrp::remote_key(kind, json, state))
        .or_else(|| asns::remote_key(kind, json, state))
        .or_else(|| dcim::remote_key(kind, json, state))
        .or_else(|| templates::remote_key(kind, json, state))
        .or_else(|| modules::remote_key(kind, json, state))
        .or_else(|| racks::remote_key(kind, json, state))
        .or_else(|| chassis::remote_key(kind, json, state))
        .or_else(|| virtualization::remote_key(kind, json, state))
        .or_else(|| circuits::remote_key(kind, json, state))
        .or_else(|| providers::remote_key(kind, json, state))
        .or_else(|| services::remote_key(kind, json, state))
        .or_else(|| power::remote_key(kind, json, state))
        .or_else(|| components::remote_key(kind, json, state))
        .or_else(|| inventory::remote_key(kind, json, state))
        .or_else(|| wireless::remote_key(kind, json, state))
        .or_else(|| extras::remote_key(kind, json, state))
        .or_else(|| mac_addresses::remote_key(kind, json, state))
        .unwrap_or((None, None))
}

/// A string field of a NetBox object.
fn string<'a>(json: &'a Value, field: &str) -> Option<&'a str> {
    json.get(field).and_then(Value::as_str)
}

/// A site-scoped key: `SITE/NAME`.
fn in_site(site: Option<&str>, name: &str) -> String {
    format!("{}/{name}", site.unwrap_or(""))
}

/// The location of an optional value of an object.
fn at<T, V>(
    object: &crate::model::Obj<T>,
    value: Option<&crate::model::Spanned<V>>,
) -> Option<Location> {
    value.map(|v| object.at(v))
}

/// The name of the object a reference names (by name or slug), through the collection's
/// index: keys are names, so a reference by slug gets the same key.
fn named<T>(
    index: &crate::graph::index::NameIndex<crate::graph::Id<T>>,
    objects: &[crate::model::Obj<T>],
    name: impl Fn(&T) -> &crate::model::Text,
    text: Option<&crate::model::Text>,
) -> Option<String> {
    let text = text?;
    Some(match index.get(&text.value) {
        Some(id) => name(&objects[id.index()].data).value.clone(),
        None => text.value.clone(),
    })
}

/// A slug: the one written, else NetBox's rule applied to the name.
fn slug(slug: Option<&crate::model::Text>, name: &str) -> String {
    slug.map_or_else(
        || crate::model::device_type::slugify(name),
        |s| s.value.clone(),
    )
}
