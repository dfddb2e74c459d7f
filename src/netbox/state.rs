//! What NetBox holds: every object of each kind netsot pushes, keyed by the same natural
//! key the repository's objects get, so the two can be matched without ids. A state is read
//! whole ([`State::read_all`]), or through a filter that says kind by kind which objects to
//! fetch ([`State::read_filtered`]), for a caller that knows which few objects matter (the
//! differential test reads only what carries its fixture's prefix).

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use super::client::{Client, NetboxError};
use super::kinds::Kind;

/// One NetBox object.
#[derive(Debug, Clone)]
pub struct Remote {
    pub id: u64,
    /// The natural key; `None` for an object netsot cannot name (an unnamed device).
    pub key: Option<String>,
    /// The site the object belongs to, for grouping and the scope of `--prune`.
    pub site: Option<String>,
    pub json: Value,
}

/// The objects of one kind.
#[derive(Debug, Default)]
pub struct KindState {
    pub objects: Vec<Remote>,
    by_key: HashMap<String, usize>,
    by_id: HashMap<u64, usize>,
}

impl KindState {
    pub fn get(&self, key: &str) -> Option<&Remote> {
        self.by_key.get(key).map(|&i| &self.objects[i])
    }

    pub fn by_id(&self, id: u64) -> Option<&Remote> {
        self.by_id.get(&id).map(|&i| &self.objects[i])
    }

    /// Names an object by a new key (an update renamed it); a no-op when it has that key.
    pub fn rekey(&mut self, id: u64, key: &str) {
        let Some(&index) = self.by_id.get(&id) else {
            return;
        };
        let object = &mut self.objects[index];
        if object.key.as_deref() == Some(key) {
            return;
        }
        if let Some(old) = object.key.replace(key.to_string()) {
            if self.by_key.get(&old) == Some(&index) {
                self.by_key.remove(&old);
            }
        }
        self.by_key.entry(key.to_string()).or_insert(index);
    }

    pub fn insert(&mut self, remote: Remote) {
        let index = self.objects.len();
        if let Some(key) = &remote.key {
            // The first object of a key wins, as NetBox lists them by id.
            self.by_key.entry(key.clone()).or_insert(index);
        }
        self.by_id.insert(remote.id, index);
        self.objects.push(remote);
    }
}

/// How many lists are fetched at once: the test NetBox runs 2 workers of 4 threads.
const FETCHERS: usize = 4;

/// Which objects of a kind a filtered read fetches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// Every object of the kind.
    All,
    /// The objects a query selects, NetBox's filters without the `?`
    /// (`name__isw=x-`, `device_id=4&device_id=9`).
    Query(String),
    /// None: the kind is left empty.
    Nothing,
}

/// Says for each kind which objects to read, given what was read before it (the kinds
/// before it in [`Kind::ALL`]), so a kind can be filtered by its parents' ids.
pub type Filter = Arc<dyn Fn(Kind, &State) -> Read + Send + Sync>;

/// Every kind's objects.
pub struct State {
    kinds: Vec<KindState>,
    /// The filter of a partial state: later reads of a kind (the push reads a device's
    /// interfaces again once NetBox made them) go through it too.
    filter: Option<Filter>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("kinds", &self.kinds)
            .field("filtered", &self.filter.is_some())
            .finish()
    }
}

impl Default for State {
    fn default() -> State {
        State {
            kinds: Kind::ALL.iter().map(|_| KindState::default()).collect(),
            filter: None,
        }
    }
}

impl State {
    pub fn kind(&self, kind: Kind) -> &KindState {
        &self.kinds[kind.index()]
    }

    pub fn kind_mut(&mut self, kind: Kind) -> &mut KindState {
        &mut self.kinds[kind.index()]
    }

    /// Reads every kind from NetBox. The lists are fetched a few at a time (NetBox answers
    /// each in seconds when busy, and serves several at once), then keyed in dependency
    /// order.
    pub fn read_all(client: &Client) -> Result<State, NetboxError> {
        let mut paths: Vec<&'static str> = Kind::ALL.iter().map(|k| k.spec().path).collect();
        paths.sort_unstable();
        paths.dedup();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let fetched: std::sync::Mutex<HashMap<&'static str, Result<Vec<Value>, NetboxError>>> =
            std::sync::Mutex::default();
        std::thread::scope(|scope| {
            for _ in 0..FETCHERS.min(paths.len()) {
                scope.spawn(|| loop {
                    let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&path) = paths.get(at) else {
                        break;
                    };
                    let result = client.list(path);
                    if let Ok(mut fetched) = fetched.lock() {
                        fetched.insert(path, result);
                    }
                });
            }
        });
        let mut fetched = fetched.into_inner().unwrap_or_default();
        let mut state = State::default();
        for &kind in Kind::ALL {
            let objects = match fetched.get(kind.spec().path) {
                Some(Ok(objects)) => objects.clone(),
                Some(Err(error)) => return Err(error.clone()),
                None => Vec::new(),
            };
            state.fill(kind, objects)?;
        }
        fetched.clear();
        Ok(state)
    }

    /// Reads the objects `filter` selects, kind by kind in dependency order (a filter may
    /// use the ids of the kinds read before). An object that refers to an object of an
    /// earlier kind the filter left out is not one of the caller's: it gets no key, so
    /// nothing matches it by a key made without its scope.
    pub fn read_filtered(client: &Client, filter: Filter) -> Result<State, NetboxError> {
        let mut state = State {
            filter: Some(filter),
            ..State::default()
        };
        for &kind in Kind::ALL {
            state.read(client, kind)?;
        }
        Ok(state)
    }

    /// Reads (again) the objects of `kind` from NetBox, all of them or those the state's
    /// filter selects; the kinds it refers to must have been read before, since keys are
    /// made of their keys.
    pub fn read(&mut self, client: &Client, kind: Kind) -> Result<(), NetboxError> {
        let path = kind.spec().path;
        let objects = match self.filter.clone().map(|filter| filter(kind, self)) {
            None | Some(Read::All) => client.list(path)?,
            Some(Read::Query(query)) => client.list(&format!("{path}?{query}"))?,
            Some(Read::Nothing) => Vec::new(),
        };
        self.fill(kind, objects)
    }

    fn fill(&mut self, kind: Kind, objects: Vec<Value>) -> Result<(), NetboxError> {
        let mut remotes = Vec::with_capacity(objects.len());
        let mut outside = Vec::new();
        for json in objects {
            let Some(id) = json.get("id").and_then(Value::as_u64) else {
                return Err(NetboxError::Decode(format!(
                    "GET {}: an object without an `id`",
                    kind.spec().path
                )));
            };
            let (key, site) = super::remote_key(kind, &json, self);
            if self.filter.is_some() && self.refers_outside(kind, &json) {
                outside.push(remotes.len());
            }
            remotes.push(Remote {
                id,
                key,
                site,
                json,
            });
        }
        match kind {
            Kind::Locations => super::organisation::location_paths(&mut remotes),
            Kind::InventoryItems => super::inventory::item_paths(&mut remotes),
            Kind::ModuleBays => super::modules::bay_paths(&mut remotes),
            Kind::Devices | Kind::DevicePrimaryIps => {
                super::unnamed::unnamed_keys(&mut remotes);
            }
            _ => {}
        }
        for index in outside {
            remotes[index].key = None;
        }
        let mut fresh = KindState::default();
        for remote in remotes {
            fresh.insert(remote);
        }
        self.kinds[kind.index()] = fresh;
        Ok(())
    }

    /// Whether an object of `kind` refers, by one of its own fields, to an object of an
    /// earlier kind that this (filtered) state does not hold: NetBox's nested objects
    /// carry their `url`, whose path names the kind.
    fn refers_outside(&self, kind: Kind, json: &Value) -> bool {
        let Some(fields) = json.as_object() else {
            return false;
        };
        fields.values().any(|value| {
            let Some(id) = value.get("id").and_then(Value::as_u64) else {
                return false;
            };
            let Some(url) = value.get("url").and_then(Value::as_str) else {
                return false;
            };
            let Some(at) = url.find("/api/") else {
                return false;
            };
            let path = url[at..].trim_end_matches('/');
            let list = path.rsplit_once('/').map_or(path, |(list, _)| list);
            Kind::ALL
                .iter()
                .take_while(|&&k| k != kind)
                .filter(|k| !k.spec().update_only)
                .find(|k| k.spec().path.trim_end_matches('/') == list)
                .is_some_and(|&k| self.kind(k).by_id(id).is_none())
        })
    }

    /// The key of the object a reference field (`{"id": N, ...}`) points to.
    pub fn ref_key(&self, kind: Kind, value: Option<&Value>) -> Option<String> {
        let id = ref_id(value?)?;
        self.kind(kind).by_id(id)?.key.clone()
    }

    /// The key and site of the object a reference field points to.
    pub fn ref_object(&self, kind: Kind, value: Option<&Value>) -> Option<&Remote> {
        let id = ref_id(value?)?;
        self.kind(kind).by_id(id)
    }

    /// The object a generic relation points to: NetBox's `type_field` (`dcim.interface`) and
    /// `id_field` of `json`.
    pub fn generic_target(
        &self,
        json: &Value,
        type_field: &str,
        id_field: &str,
    ) -> Option<&Remote> {
        let kind = json
            .get(type_field)
            .and_then(Value::as_str)
            .and_then(Kind::of_object_type)?;
        let id = json.get(id_field).and_then(Value::as_u64)?;
        self.kind(kind).by_id(id)
    }

    /// The id of the object of `kind` with `key`.
    pub fn id(&self, kind: Kind, key: &str) -> Option<u64> {
        self.kind(kind).get(key).map(|r| r.id)
    }
}

/// The id a reference field holds: a nested object's `id`, or the bare id of the fields
/// NetBox serialises as a primary key (an inventory item's `parent`).
pub fn ref_id(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.get("id").and_then(Value::as_u64))
}
