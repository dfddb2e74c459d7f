//! What the tests that push a small repository of their own into the shared NetBox have in
//! common: a name unique to the run, a push that fails the test on any refusal, and the
//! clean-up that deletes what the repository holds.

use std::path::{Path, PathBuf};

use netsot::netbox::{self, Client, Kind, Options, Pushed};

use crate::support::{compile_path, listed, render};

/// A client of the running NetBox, or `None` (the test then returns: `netbox_env` has said
/// loudly that it was skipped, and `.ci/run` makes that a failure).
pub fn client() -> Option<Client> {
    let (url, token) = crate::support::netbox_env()?;
    Some(Client::new(&url, Some(&token)).expect("a valid NetBox URL"))
}

/// `PREFIX-` and a suffix unique to the run, for every name a test pushes: NetBox is shared
/// and keeps its data between runs.
pub fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "{prefix}-{:x}",
        (nanos as u64) ^ u64::from(std::process::id())
    )
}

/// Pushes the repository at `path` (plans only without `apply`); a repository with errors,
/// a refusal or a NetBox that cannot be used fails the test.
pub fn push(path: &Path, client: &Client, apply: bool) -> Pushed {
    let options = Options {
        apply,
        prune: false,
        allow_input_errors: false,
    };
    push_with(path, client, options)
}

/// [`push`] with the options given.
pub fn push_with(path: &Path, client: &Client, options: Options) -> Pushed {
    let compilation = compile_path(path);
    assert!(!compilation.has_errors(), "{}", render(&compilation));
    match netbox::push(&compilation, client, options) {
        Ok(pushed) => {
            assert!(
                pushed.refused.is_empty(),
                "NetBox refused: {}",
                listed(&pushed.refused, &compilation)
            );
            pushed
        }
        Err(error) => panic!("push failed: {error:?}"),
    }
}

/// The steps of a plan, `collection key` each: what a second push would still do.
pub fn left(pushed: &Pushed) -> Vec<String> {
    pushed
        .plan
        .steps
        .iter()
        .map(|s| format!("{} {}", s.kind.spec().collection, s.key))
        .collect()
}

/// Deletes, when dropped (so also when the test fails), the objects the repository at
/// `path` holds, found again by key, dependents first. What NetBox deletes with its owner
/// (a device's interfaces, bays and items, a type's templates) is left to it.
pub struct CleanUp<'c> {
    pub client: &'c Client,
    pub path: PathBuf,
}

impl Drop for CleanUp<'_> {
    fn drop(&mut self) {
        let compilation = compile_path(&self.path);
        let desired = netbox::desired(&compilation);
        let Ok(state) = netbox::State::read_all(self.client) else {
            return;
        };
        for &kind in Kind::ALL.iter().rev() {
            if kind.spec().update_only
                || matches!(
                    kind,
                    Kind::Interfaces
                        | Kind::ModuleBays
                        | Kind::DeviceBays
                        | Kind::InterfaceTemplates
                        | Kind::InventoryItems
                        | Kind::InventoryItemTemplates
                )
            {
                continue;
            }
            let ids: Vec<serde_json::Value> = desired
                .iter()
                .filter(|d| d.kind == kind)
                .filter_map(|d| state.id(kind, &d.key))
                .map(|id| serde_json::json!({ "id": id }))
                .collect();
            if !ids.is_empty() {
                let _ = self
                    .client
                    .delete(kind.spec().path, &serde_json::Value::Array(ids));
            }
        }
    }
}

/// What `netsot import netbox --site SITE` makes of the shared NetBox: every file as
/// `# PATH` and its text, in one string to search, and the report of what it could not
/// carry, one line each.
pub fn import_site(client: &Client, site: &str) -> (String, String) {
    let imported = netbox::import::import(
        client,
        &netbox::import::Options {
            sites: vec![site.to_string()],
        },
    )
    .expect("the import reads NetBox");
    assert_checks_clean(&imported.files);
    let text = imported
        .files
        .iter()
        .map(|(path, bytes)| format!("# {path}\n{}", String::from_utf8_lossy(bytes)))
        .collect();
    (text, imported.not_carried.lines().join("\n"))
}

/// Writes an import's files into a folder and compiles them: they must check clean.
fn assert_checks_clean(files: &[(String, Vec<u8>)]) {
    let out = tempfile::tempdir().expect("tempdir");
    for (path, bytes) in files {
        let path = out.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    if !out.path().join("netsot.yaml").exists() {
        std::fs::write(out.path().join("netsot.yaml"), "version: 1\n").expect("write");
    }
    let compilation = compile_path(out.path());
    assert!(!compilation.has_errors(), "{}", render(&compilation));
}
