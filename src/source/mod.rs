//! Where the bytes come from: the working tree of a repository, or any git revision read
//! straight from the object database (no checkout, bare repositories too).
//!
//! Nothing here parses: a [`Source`] lists and reads files below the repository root, and
//! reports the problems of reading (a symlink out of the repository, an oversized file, a
//! folder skipped) as data for the loader to turn into diagnostics.
//!
//! Both sources follow one rule, documented in docs/security.md: nothing is read outside
//! the repository root unless the user running netsot allowed that folder
//! ([`Source::allow_outside`]); a symlink is followed only while its target stays inside;
//! a folder is entered once, at most [`MAX_FOLDER_DEPTH`] levels below a configured path;
//! submodules are skipped. A revision's read errors are failures, never silently empty.

mod git;
mod loose;
mod worktree;

use std::path::{Path, PathBuf};

pub use git::GitSource;
pub use worktree::WorkTreeSource;

/// The file that marks the root of a network repository.
pub const CONFIG_FILE: &str = "netsot.yaml";

/// How many folders below a configured path are entered; deeper folders are skipped and
/// reported, in the working tree and in a revision alike.
pub const MAX_FOLDER_DEPTH: usize = 32;

/// How many symlinks one path may pass through before it counts as a loop (Linux's own
/// limit), in a revision where netsot resolves links itself.
const MAX_LINK_HOPS: u32 = 40;

/// The largest `netsot.yaml` read, before its own limits are known.
const CONFIG_LIMIT: u64 = 16 * 1024 * 1024;

/// A file found below a configured path, with its bytes or the reason they were not read.
pub struct RawFile {
    /// Relative to the repository root, `/`-separated.
    pub path: String,
    pub content: Result<Vec<u8>, FileProblem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FileProblem {
    Io(String),
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// A symlink whose target (as written in the link) leaves the repository.
    SymlinkOutside {
        target: String,
    },
    /// A folder that was not entered, and why.
    Skipped(Skip),
}

/// Why a folder was not entered.
#[derive(Debug, Clone, PartialEq)]
pub enum Skip {
    /// It lies more than [`MAX_FOLDER_DEPTH`] folders below the configured path.
    TooDeep,
    /// It is a git submodule: a gitlink in a revision, a folder holding `.git` on disk.
    Submodule,
    /// It is a folder already read under another path (through a symlink).
    AlreadyRead { first: String },
}

/// Whether a path of `netsot.yaml` may be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Inside the repository root.
    Inside,
    /// Outside the root, in a folder the user allowed.
    OutsideAllowed,
    /// Outside the root, and not allowed: it is not read.
    OutsideRefused,
}

/// Why a repository could not be opened or read (exit code 2).
#[derive(Debug)]
pub struct SourceError {
    pub message: String,
    pub help: Option<String>,
}

impl SourceError {
    pub fn new(message: impl Into<String>) -> SourceError {
        SourceError {
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> SourceError {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A repository at one state, and the folders outside it the user allowed to read.
pub struct Source {
    state: State,
    /// Canonical folders outside the repository that configured paths may name; given by
    /// the user running netsot (`--allow-outside`), never by the repository.
    allowed_outside: Vec<PathBuf>,
}

enum State {
    WorkTree(WorkTreeSource),
    Git(GitSource),
}

impl Source {
    /// Opens the repository at `path` (or the current folder): its working tree, or the
    /// revision `rev` of the git repository holding it.
    pub fn open(path: Option<&Path>, rev: Option<&str>) -> Result<Source, SourceError> {
        let start = match path {
            Some(path) => path.to_path_buf(),
            None => std::env::current_dir()
                .map_err(|e| SourceError::new(format!("cannot read the current folder: {e}")))?,
        };
        let state = match rev {
            None => State::WorkTree(WorkTreeSource::discover(&start)?),
            Some(rev) => State::Git(GitSource::open(&start, rev)?),
        };
        Ok(Source {
            state,
            allowed_outside: Vec::new(),
        })
    }

    /// The tree `tree` of `repo` as a source: a merge made in memory (`review/merge.rs`),
    /// labelled `label` in messages; `commit` is the head the merge started from.
    pub fn at_tree(
        repo: std::rc::Rc<git2::Repository>,
        start: &Path,
        label: &str,
        commit: git2::Oid,
        tree: git2::Oid,
    ) -> Result<Source, SourceError> {
        let time = repo
            .find_commit(commit)
            .map(|c| c.time().seconds())
            .unwrap_or_default();
        Ok(Source {
            state: State::Git(GitSource::at_tree(repo, start, label, commit, tree, time)?),
            allowed_outside: Vec::new(),
        })
    }

    /// Allows the paths of `netsot.yaml` to name files below these folders outside the
    /// repository. The permission comes from the user running netsot: a repository cannot
    /// grant it to itself, since a hostile one would.
    pub fn allow_outside(mut self, folders: &[PathBuf]) -> Result<Source, SourceError> {
        for folder in folders {
            let canonical = folder.canonicalize().map_err(|e| {
                SourceError::new(format!(
                    "cannot open the allowed folder `{}`: {e}",
                    folder.display()
                ))
            })?;
            self.allowed_outside.push(canonical);
        }
        Ok(self)
    }

    /// A short description for messages: the folder, or the revision and its commit.
    pub fn describe(&self) -> String {
        match &self.state {
            State::WorkTree(tree) => tree.root().display().to_string(),
            State::Git(git) => git.describe(),
        }
    }

    /// Reads `netsot.yaml`; `Ok(None)` if it does not exist. It must be a file inside the
    /// repository (a symlink to one is followed), no larger than 16 MiB.
    pub fn read_config(&self) -> Result<Option<Vec<u8>>, SourceError> {
        match &self.state {
            State::WorkTree(tree) => tree.read_config(CONFIG_LIMIT),
            State::Git(git) => git.read_config(CONFIG_LIMIT),
        }
    }

    /// Whether a path of `netsot.yaml` may be read: paths that climb out of the root or
    /// are absolute are read only below a folder the user allowed.
    pub fn access(&self, configured: &str) -> Access {
        if !leaves_root(configured) {
            return Access::Inside;
        }
        let allowed = match &self.state {
            State::WorkTree(tree) => tree.outside_folder(configured, &self.allowed_outside),
            State::Git(git) => git.outside_folder(configured, &self.allowed_outside),
        };
        if allowed.is_some() {
            Access::OutsideAllowed
        } else {
            Access::OutsideRefused
        }
    }

    /// Whether `path` (a file or folder relative to the root) exists. Paths that
    /// [`Source::access`] refuses do not.
    pub fn exists(&self, path: &str) -> bool {
        if self.access(path) == Access::OutsideRefused {
            return false;
        }
        match &self.state {
            State::WorkTree(tree) => tree.exists(path),
            State::Git(git) => git.exists(path, &self.allowed_outside),
        }
    }

    /// Every file below `path` (a file or a folder) whose name ends in one of `extensions`,
    /// sorted by path. Files above `limit` bytes are reported, not read; so are links out
    /// of the repository and folders skipped. Nothing is read from a path that
    /// [`Source::access`] refuses. In a revision, an object that cannot be read is an error.
    pub fn collect(
        &self,
        path: &str,
        extensions: &[&str],
        limit: u64,
    ) -> Result<Vec<RawFile>, SourceError> {
        if self.access(path) == Access::OutsideRefused {
            return Ok(Vec::new());
        }
        let mut files = match &self.state {
            State::WorkTree(tree) => tree.collect(path, extensions, limit, &self.allowed_outside),
            State::Git(git) => git.collect(path, extensions, limit, &self.allowed_outside)?,
        };
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// The time of the commit compiled, in seconds since the epoch; for a working tree, the
    /// commit time of HEAD if the tree is in a git repository.
    pub fn commit_time(&self) -> Option<i64> {
        match &self.state {
            State::WorkTree(tree) => tree.head_commit_time(),
            State::Git(git) => Some(git.commit_time()),
        }
    }

    /// The id of the commit compiled, in hex; for a working tree, HEAD's if the tree is in
    /// a git repository (its uncommitted changes are not in it).
    pub fn commit_id(&self) -> Option<String> {
        match &self.state {
            State::WorkTree(tree) => tree.head_commit_id(),
            State::Git(git) => Some(git.commit_id().to_string()),
        }
    }

    /// For a working tree in a git repository, one of `inputs` (paths relative to the root)
    /// that differs from HEAD: modified, staged, deleted or new and not ignored. `None` for a
    /// revision, outside git, or when the inputs are all committed.
    pub fn uncommitted_input(&self, inputs: &[&str]) -> Option<String> {
        match &self.state {
            State::WorkTree(tree) => tree.uncommitted_input(inputs),
            State::Git(_) => None,
        }
    }

    /// Where the repository's root sits inside its git repository (`net/` when netsot.yaml
    /// is in `net/`), so paths can be given as CI services expect them: relative to the
    /// checkout. Empty outside git or at the top.
    pub fn repo_prefix(&self) -> String {
        let prefix = match &self.state {
            State::Git(git) => git.prefix().to_string(),
            State::WorkTree(tree) => git2::Repository::discover(tree.root())
                .ok()
                .and_then(|repo| {
                    let workdir = repo.workdir()?.canonicalize().ok()?;
                    let root = tree.root().canonicalize().ok()?;
                    let relative = root.strip_prefix(&workdir).ok()?;
                    Some(
                        relative
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy().into_owned())
                            .collect::<Vec<_>>()
                            .join("/"),
                    )
                })
                .unwrap_or_default(),
        };
        if prefix.is_empty() {
            prefix
        } else {
            format!("{}/", prefix.trim_end_matches('/'))
        }
    }

    /// The git repository holding the source, the commit compiled (none for a working
    /// tree), and the source's root relative to the repository's work tree (`repo_prefix`).
    pub fn git(&self) -> Option<(git2::Repository, Option<git2::Oid>)> {
        match &self.state {
            State::Git(git) => {
                let path = git.repository().path().to_path_buf();
                Some((git2::Repository::open(path).ok()?, Some(git.commit_id())))
            }
            State::WorkTree(tree) => Some((git2::Repository::discover(tree.root()).ok()?, None)),
        }
    }

    /// The root folder on disk, for a working tree.
    pub fn root_dir(&self) -> Option<PathBuf> {
        match &self.state {
            State::WorkTree(tree) => Some(tree.root().to_path_buf()),
            State::Git(git) => git.workdir_root(),
        }
    }
}

/// Normalises a configured relative path: `./data/` -> `data`, `a//b` -> `a/b`, `a/../b`
/// -> `b`; `..` that climb above the start are kept (`../x`).
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Whether a configured path names something outside the root: absolute, or climbing
/// above it once normalised.
fn leaves_root(configured: &str) -> bool {
    Path::new(configured).is_absolute()
        || configured.starts_with('/')
        || configured.starts_with('\\')
        || normalize(configured)
            .split('/')
            .next()
            .is_some_and(|first| first == "..")
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    extensions
        .iter()
        .any(|ext| name.len() > ext.len() && name.ends_with(ext))
}

/// Joins a `/`-separated relative path and a name.
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_or_are_absolute_leave_the_root() {
        for outside in ["../x", "a/../../x", "/etc", "./../x", "..", "a/../.."] {
            assert!(leaves_root(outside), "{outside}");
        }
        for inside in ["data/", "./data", "a/../b", "a/b/..", "", "..a/b", "a/..b"] {
            assert!(!leaves_root(inside), "{inside}");
        }
    }
}
