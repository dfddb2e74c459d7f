//! What NetBox holds: every object of each kind netsot pushes, keyed by the same natural
//! key the repository's objects get, so the two can be matched without ids.

use std::collections::HashMap;

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

/// Every kind's objects.
#[derive(Debug)]
pub struct State {
    kinds: Vec<KindState>,
}

impl Default for State {
    fn default() -> State {
        State {
            kinds: Kind::ALL.iter().map(|_| KindState::default()).collect(),
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

    /// Reads (again) every object of `kind` from NetBox; the kinds it refers to must have
    /// been read before, since keys are made of their keys.
    pub fn read(&mut self, client: &Client, kind: Kind) -> Result<(), NetboxError> {
        let objects = client.list(kind.spec().path)?;
        self.fill(kind, objects)
    }

    fn fill(&mut self, kind: Kind, objects: Vec<Value>) -> Result<(), NetboxError> {
        let mut fresh = KindState::default();
        for json in objects {
            let Some(id) = json.get("id").and_then(Value::as_u64) else {
                return Err(NetboxError::Decode(format!(
                    "GET {}: an object without an `id`",
                    kind.spec().path
                )));
            };
            let (key, site) = super::remote_key(kind, &json, self);
            fresh.insert(Remote {
                id,
                key,
                site,
                json,
            });
        }
        self.kinds[kind.index()] = fresh;
        Ok(())
    }

    /// The key of the object a reference field (`{"id": N, ...}`) points to.
    pub fn ref_key(&self, kind: Kind, value: Option<&Value>) -> Option<String> {
        let id = value?.get("id")?.as_u64()?;
        self.kind(kind).by_id(id)?.key.clone()
    }

    /// The key and site of the object a reference field points to.
    pub fn ref_object(&self, kind: Kind, value: Option<&Value>) -> Option<&Remote> {
        let id = value?.get("id")?.as_u64()?;
        self.kind(kind).by_id(id)
    }

    /// The id of the object of `kind` with `key`.
    pub fn id(&self, kind: Kind, key: &str) -> Option<u64> {
        self.kind(kind).get(key).map(|r| r.id)
    }
}
