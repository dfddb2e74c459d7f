//! Where the bytes come from: the working tree of a repository, or any git revision read
//! straight from the object database (no checkout, bare repositories too).
//!
//! Nothing here parses: a [`Source`] lists and reads files below the repository root, and
//! reports the problems of reading (a symlink out of the repository, an oversized file) as
//! data for the loader to turn into diagnostics.

mod git;
mod worktree;

use std::path::{Path, PathBuf};

pub use git::GitSource;
pub use worktree::WorkTreeSource;

/// The file that marks the root of a network repository.
pub const CONFIG_FILE: &str = "netsot.yaml";

/// A file found below a configured path, with its bytes or the reason they were not read.
pub struct RawFile {
    /// Relative to the repository root, `/`-separated.
    pub path: String,
    pub content: Result<Vec<u8>, FileProblem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FileProblem {
    Io(String),
    TooLarge { size: u64, limit: u64 },
    SymlinkOutside { target: String },
}

/// Why a repository could not be opened at all (exit code 2).
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

/// A repository at one state.
pub enum Source {
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
        match rev {
            None => Ok(Source::WorkTree(WorkTreeSource::discover(&start)?)),
            Some(rev) => Ok(Source::Git(GitSource::open(&start, rev)?)),
        }
    }

    /// A short description for messages: the folder, or the revision and its commit.
    pub fn describe(&self) -> String {
        match self {
            Source::WorkTree(tree) => tree.root().display().to_string(),
            Source::Git(git) => git.describe(),
        }
    }

    /// Reads one file relative to the root; `Ok(None)` if it does not exist.
    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        match self {
            Source::WorkTree(tree) => tree.read(path),
            Source::Git(git) => git.read(path),
        }
    }

    /// Whether `path` (a file or folder relative to the root) exists.
    pub fn exists(&self, path: &str) -> bool {
        match self {
            Source::WorkTree(tree) => tree.exists(path),
            Source::Git(git) => git.exists(path),
        }
    }

    /// Every file below `path` (a file or a folder) whose name ends in one of `extensions`,
    /// sorted by path. Files above `limit` bytes are reported, not read.
    pub fn collect(&self, path: &str, extensions: &[&str], limit: u64) -> Vec<RawFile> {
        let mut files = match self {
            Source::WorkTree(tree) => tree.collect(path, extensions, limit),
            Source::Git(git) => git.collect(path, extensions, limit),
        };
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    /// The time of the commit compiled, in seconds since the epoch; for a working tree, the
    /// commit time of HEAD if the tree is in a git repository.
    pub fn commit_time(&self) -> Option<i64> {
        match self {
            Source::WorkTree(tree) => tree.head_commit_time(),
            Source::Git(git) => Some(git.commit_time()),
        }
    }

    /// Where the repository's root sits inside its git repository (`net/` when netsot.yaml
    /// is in `net/`), so paths can be given as CI services expect them: relative to the
    /// checkout. Empty outside git or at the top.
    pub fn repo_prefix(&self) -> String {
        let prefix = match self {
            Source::Git(git) => git.prefix().to_string(),
            Source::WorkTree(tree) => git2::Repository::discover(tree.root())
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
        match self {
            Source::Git(git) => {
                let path = git.repository().path().to_path_buf();
                Some((git2::Repository::open(path).ok()?, Some(git.commit_id())))
            }
            Source::WorkTree(tree) => Some((git2::Repository::discover(tree.root()).ok()?, None)),
        }
    }

    /// The root folder on disk, for a working tree.
    pub fn root_dir(&self) -> Option<PathBuf> {
        match self {
            Source::WorkTree(tree) => Some(tree.root().to_path_buf()),
            Source::Git(git) => git.workdir_root(),
        }
    }
}

/// Normalises a configured relative path: `./data/` -> `data`, `a//b` -> `a/b`. Returns
/// `None` for paths that climb above the root in a way that cannot be normalised.
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

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    extensions
        .iter()
        .any(|ext| name.len() > ext.len() && name.ends_with(ext))
}
