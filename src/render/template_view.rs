//! The graph as templates see it, converted lazily: a value is built only when a template
//! touches it.
//!
//! Converting the whole graph into template values for every output cost more than the
//! rest of a build on a network of thirty thousand devices (issue 17), and most templates
//! read a few fields of one device. So `graph`, `graph.devices`, each device and each
//! collection are MiniJinja objects over the resolved graph: `graph.sites` serializes that
//! one collection on first use, `graph.devices[3]` is a handle, and `device.interfaces`
//! builds that device's interfaces when read. Each value is cached where it is built, so
//! a template reading it twice pays once. The names and shapes are those of `Views`
//! (`docs/templates.md`): a template sees the same values as before, in the same order.

use std::fmt;
use std::sync::{Arc, OnceLock};

use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, Value};

use crate::graph::{DeviceId, Graph, IpId, Owner, VirtualMachineId};
use crate::model::COLLECTIONS;
use crate::view::{Views, DEVICE_KEYS, VIRTUAL_MACHINE_KEYS};

self_cell::self_cell!(
    /// The graph with its views, owned together so that template values, which must own
    /// what they hold, can share them.
    struct OwnedViews {
        owner: Arc<Graph>,
        #[covariant]
        dependent: Views,
    }
);

/// What every lazy value of one output holds: the graph and its views.
#[derive(Clone)]
pub struct Shared(Arc<OwnedViews>);

impl Shared {
    pub fn new(graph: Arc<Graph>) -> Shared {
        Shared(Arc::new(OwnedViews::new(graph, |graph| Views::new(graph))))
    }

    fn views(&self) -> &Views<'_> {
        self.0.borrow_dependent()
    }

    /// The `graph` variable: the export of `netsot export`, built as it is read.
    pub fn graph(&self) -> Value {
        Value::from_object(GraphObject {
            shared: self.clone(),
            keys: graph_keys(),
            values: (0..graph_keys().len()).map(|_| OnceLock::new()).collect(),
        })
    }

    /// One device or virtual machine, as its view, built key by key as it is read.
    pub fn object(&self, owner: Owner) -> Value {
        let keys = match owner {
            Owner::Device(_) => DEVICE_KEYS,
            Owner::VirtualMachine(_) => VIRTUAL_MACHINE_KEYS,
        };
        Value::from_object(ObjectView {
            shared: self.clone(),
            owner,
            keys,
            values: (0..keys.len()).map(|_| OnceLock::new()).collect(),
        })
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("graph")
    }
}

/// The keys of the export, in its order: its header, then the collections.
fn graph_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYS.get_or_init(|| {
        ["format", "version"]
            .into_iter()
            .chain(COLLECTIONS.iter().copied())
            .collect()
    })
}

/// A map's keys as a MiniJinja map built from JSON gives them: sorted.
fn sorted(keys: &[&'static str]) -> Vec<Value> {
    let mut keys: Vec<&str> = keys.to_vec();
    keys.sort_unstable();
    keys.into_iter().map(Value::from).collect()
}

/// The `graph` variable.
#[derive(Debug)]
struct GraphObject {
    shared: Shared,
    keys: &'static [&'static str],
    values: Box<[OnceLock<Value>]>,
}

impl GraphObject {
    fn build(&self, key: &str) -> Value {
        let shared = &self.shared;
        let graph = shared.views().graph;
        match key {
            "format" => Value::from("netsot-export"),
            "version" => Value::from(1),
            "devices" => Value::from_object(ObjectList::new(
                shared,
                (0..graph.devices.len() as u32)
                    .map(|i| Owner::Device(DeviceId::new(i)))
                    .collect(),
            )),
            "virtual_machines" => Value::from_object(ObjectList::new(
                shared,
                (0..graph.virtual_machines.len() as u32)
                    .map(|i| Owner::VirtualMachine(VirtualMachineId::new(i)))
                    .collect(),
            )),
            "ip_addresses" => {
                let mut ips: Vec<IpId> = IpId::all(graph.ip_addresses.len()).collect();
                ips.sort_by_key(|&ip| {
                    let node = &graph.ip_addresses[ip.index()];
                    (graph.vrf_name(node.vrf), node.address)
                });
                Value::from_object(AddressList {
                    shared: shared.clone(),
                    values: ips.iter().map(|_| OnceLock::new()).collect(),
                    ips,
                })
            }
            collection => Value::from(Serde(Collection {
                graph,
                name: collection,
            })),
        }
    }
}

impl Object for GraphObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let at = self.keys.iter().position(|k| Some(*k) == key.as_str())?;
        Some(
            self.values[at]
                .get_or_init(|| self.build(self.keys[at]))
                .clone(),
        )
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(sorted(self.keys))
    }
}

/// One collection of the model, serialized as the export writes it.
struct Collection<'a> {
    graph: &'a Graph,
    name: &'a str,
}

impl serde::Serialize for Collection<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.graph.model.serialize_collection(self.name, serializer) {
            Some(result) => result,
            None => Err(serde::ser::Error::custom("no such collection")),
        }
    }
}

/// `graph.devices` or `graph.virtual_machines`: each item a handle made on first use.
#[derive(Debug)]
struct ObjectList {
    shared: Shared,
    owners: Vec<Owner>,
    values: Box<[OnceLock<Value>]>,
}

impl ObjectList {
    fn new(shared: &Shared, owners: Vec<Owner>) -> ObjectList {
        ObjectList {
            shared: shared.clone(),
            values: owners.iter().map(|_| OnceLock::new()).collect(),
            owners,
        }
    }
}

impl Object for ObjectList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let at = key.as_usize()?;
        let owner = *self.owners.get(at)?;
        Some(
            self.values[at]
                .get_or_init(|| self.shared.object(owner))
                .clone(),
        )
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.owners.len())
    }
}

/// `graph.ip_addresses`: every address with its assignment, sorted by VRF and address.
#[derive(Debug)]
struct AddressList {
    shared: Shared,
    ips: Vec<IpId>,
    values: Box<[OnceLock<Value>]>,
}

impl Object for AddressList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let at = key.as_usize()?;
        let ip = *self.ips.get(at)?;
        Some(
            self.values[at]
                .get_or_init(|| Value::from(Serde(self.shared.views().ip_with_assignment(ip))))
                .clone(),
        )
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.ips.len())
    }
}

/// A device's or virtual machine's view; each key converted when first read.
#[derive(Debug)]
struct ObjectView {
    shared: Shared,
    owner: Owner,
    keys: &'static [&'static str],
    values: Box<[OnceLock<Value>]>,
}

impl Object for ObjectView {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let at = self.keys.iter().position(|k| Some(*k) == key.as_str())?;
        Some(
            self.values[at]
                .get_or_init(|| {
                    Value::from(Serde(self.shared.views().field(self.owner, self.keys[at])))
                })
                .clone(),
        )
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(sorted(self.keys))
    }
}

/// The variables of a per-object render: the object under its name, its merged config
/// context (read from the object, so it is merged once and only if used) and `graph`.
#[derive(Debug)]
pub struct ObjectVars {
    pub name: &'static str,
    pub object: Value,
    pub graph: Value,
}

impl Object for ObjectVars {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match key.as_str()? {
            "config_context" => self.object.get_attr("config_context").ok(),
            "graph" => Some(self.graph.clone()),
            name if name == self.name => Some(self.object.clone()),
            _ => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut keys = vec![self.name, "config_context", "graph"];
        keys.sort_unstable();
        Enumerator::Values(keys.into_iter().map(Value::from).collect())
    }
}
