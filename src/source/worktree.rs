//! Files from a folder on disk.

use std::collections::HashMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{
    has_extension, join, leaves_root, normalize, FileProblem, RawFile, Skip, SourceError,
    CONFIG_FILE, MAX_FOLDER_DEPTH,
};

pub struct WorkTreeSource {
    /// Canonical, so that symlink targets (canonical too) can be compared with it.
    root: PathBuf,
}

impl WorkTreeSource {
    /// Finds the repository root: the first folder from `start` upwards holding `netsot.yaml`.
    pub fn discover(start: &Path) -> Result<WorkTreeSource, SourceError> {
        let start = start
            .canonicalize()
            .map_err(|e| SourceError::new(format!("cannot open `{}`: {e}", start.display())))?;
        let mut folder = if start.is_file() {
            start
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or(start.clone())
        } else {
            start.clone()
        };
        loop {
            if fs::symlink_metadata(folder.join(CONFIG_FILE)).is_ok() {
                return Ok(WorkTreeSource { root: folder });
            }
            if !folder.pop() {
                return Err(SourceError::new(format!(
                    "no `{CONFIG_FILE}` in `{}` or any folder above it",
                    start.display()
                ))
                .with_help("run `netsot init` to start a repository, or pass the path of one"));
            }
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn resolve(&self, path: &str) -> PathBuf {
        if leaves_root(path) {
            return self.root.join(path);
        }
        let normal = normalize(path);
        if normal.is_empty() {
            self.root.clone()
        } else {
            self.root.join(normal)
        }
    }

    /// Reads `netsot.yaml`: a regular file inside the root, or a symlink to one.
    pub fn read_config(&self, limit: u64) -> Result<Option<Vec<u8>>, SourceError> {
        let path = self.root.join(CONFIG_FILE);
        if fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        if let Some(problem) = link_problem(&path, &self.root) {
            return Err(config_error(problem));
        }
        read_limited(&path, limit).map(Some).map_err(config_error)
    }

    /// The allowed folder holding a configured path that leaves the root, if any.
    pub fn outside_folder(&self, configured: &str, allowed: &[PathBuf]) -> Option<PathBuf> {
        let target = self.resolve(configured);
        let target = target
            .canonicalize()
            .unwrap_or_else(|_| lexical(&target.to_string_lossy()));
        allowed
            .iter()
            .find(|folder| target.starts_with(folder))
            .cloned()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.resolve(path).exists()
    }

    pub fn collect(
        &self,
        path: &str,
        extensions: &[&str],
        limit: u64,
        allowed: &[PathBuf],
    ) -> Vec<RawFile> {
        let start = self.resolve(path);
        let inside = !leaves_root(path);
        let boundary = if inside {
            Some(self.root.clone())
        } else {
            self.outside_folder(path, allowed)
        };
        let Some(boundary) = boundary else {
            return Vec::new();
        };
        let relative = if inside {
            normalize(path)
        } else {
            path.trim_end_matches('/').to_string()
        };
        let mut walk = Walk {
            root: &self.root,
            boundary: &boundary,
            check_start_for_submodule: inside && start != self.root,
            extensions,
            visited: HashMap::new(),
            found: Vec::new(),
        };
        walk.visit(&start, relative, 0, true);
        walk.found
            .into_par_iter()
            .map(|entry| match entry {
                Entry::File(path, relative) => RawFile {
                    content: read_limited(&path, limit),
                    path: relative,
                },
                Entry::Problem(relative, problem) => RawFile {
                    path: relative,
                    content: Err(problem),
                },
            })
            .collect()
    }

    /// See `Source::uncommitted_input`. The status is asked for the inputs only (as git
    /// pathspecs below the root), so an output folder inside the tree does not count.
    pub fn uncommitted_input(&self, inputs: &[&str]) -> Option<String> {
        let repo = git2::Repository::discover(&self.root).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let root = self.root.canonicalize().ok()?;
        let prefix = root.strip_prefix(&workdir).ok()?;
        let mut options = git2::StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true);
        for input in inputs {
            let spec = prefix.join(input);
            options.pathspec(spec.to_string_lossy().replace('\\', "/"));
        }
        let statuses = repo.statuses(Some(&mut options)).ok()?;
        let first = statuses
            .iter()
            .find(|entry| entry.status() != git2::Status::CURRENT)?;
        let path = first.path().ok()?;
        let relative = Path::new(path)
            .strip_prefix(prefix)
            .unwrap_or(Path::new(path));
        Some(relative.to_string_lossy().into_owned())
    }

    pub fn head_commit_time(&self) -> Option<i64> {
        let repo = git2::Repository::discover(&self.root).ok()?;
        let commit = repo.head().ok()?.peel_to_commit().ok()?;
        Some(commit.time().seconds())
    }

    /// The id of HEAD's commit, if the tree is in a git repository.
    pub fn head_commit_id(&self) -> Option<String> {
        let repo = git2::Repository::discover(&self.root).ok()?;
        let commit = repo.head().ok()?.peel_to_commit().ok()?;
        Some(commit.id().to_string())
    }
}

/// A folder's identity: the same folder reached through two paths (a symlink) is the same
/// identity, so it is read once and loops end.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(metadata: &fs::Metadata, _path: &Path) -> FolderId {
    use std::os::unix::fs::MetadataExt as _;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn folder_id(_metadata: &fs::Metadata, path: &Path) -> FolderId {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// One walk below a configured path. Its recursion is bounded by [`MAX_FOLDER_DEPTH`].
struct Walk<'a> {
    root: &'a Path,
    /// Symlinks are followed only while their target stays below this folder: the root,
    /// or the allowed folder holding an outside path.
    boundary: &'a Path,
    /// Whether the configured path itself may be a submodule: not when it is the root or
    /// a folder outside the repository (which may well be a checkout of its own).
    check_start_for_submodule: bool,
    extensions: &'a [&'a str],
    /// Folders entered, with the path they were first read under.
    visited: HashMap<FolderId, String>,
    found: Vec<Entry>,
}

impl Walk<'_> {
    /// Visits `path`; `wanted` says whether a file there is read (its name has one of the
    /// extensions, or it is the configured path itself).
    fn visit(&mut self, path: &Path, relative: String, depth: usize, wanted: bool) {
        if let Some(problem) = link_problem(path, self.boundary) {
            self.found.push(Entry::Problem(relative, problem));
            return;
        }
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) => {
                self.found
                    .push(Entry::Problem(relative, FileProblem::Io(e.to_string())));
                return;
            }
        };
        if metadata.is_dir() {
            self.folder(path, relative, depth, &metadata);
        } else if wanted && metadata.is_file() {
            self.found.push(Entry::File(path.to_path_buf(), relative));
        } else if wanted {
            // A FIFO or a device would block or never end; neither is data.
            self.found.push(Entry::Problem(
                relative,
                FileProblem::Io("not a regular file".into()),
            ));
        }
    }

    fn folder(&mut self, path: &Path, relative: String, depth: usize, metadata: &fs::Metadata) {
        if depth > MAX_FOLDER_DEPTH {
            self.found.push(Entry::Problem(
                relative,
                FileProblem::Skipped(Skip::TooDeep),
            ));
            return;
        }
        let may_be_submodule = if depth == 0 {
            self.check_start_for_submodule
        } else {
            path != self.root
        };
        if may_be_submodule && fs::symlink_metadata(path.join(".git")).is_ok() {
            self.found.push(Entry::Problem(
                relative,
                FileProblem::Skipped(Skip::Submodule),
            ));
            return;
        }
        let id = folder_id(metadata, path);
        if let Some(first) = self.visited.get(&id) {
            let first = first.clone();
            self.found.push(Entry::Problem(
                relative,
                FileProblem::Skipped(Skip::AlreadyRead { first }),
            ));
            return;
        }
        self.visited.insert(id, relative.clone());
        let Ok(entries) = fs::read_dir(path) else {
            self.found.push(Entry::Problem(
                relative,
                FileProblem::Io("cannot list the folder".into()),
            ));
            return;
        };
        let mut children: Vec<(String, fs::FileType)> = entries
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name().to_string_lossy().into_owned();
                Some((name, entry.file_type().ok()?))
            })
            .filter(|(name, _)| !name.starts_with('.'))
            .collect();
        children.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, file_type) in children {
            let wanted = has_extension(&name, self.extensions);
            // Every link is visited: one that leaves the repository is reported whatever
            // its name, as in a revision.
            if wanted || file_type.is_dir() || file_type.is_symlink() {
                let child = path.join(&name);
                self.visit(&child, join(&relative, &name), depth + 1, wanted);
            }
        }
    }
}

enum Entry {
    File(PathBuf, String),
    Problem(String, FileProblem),
}

/// The problem of following `path` if it is a symlink: its target (lexically, then with
/// every link resolved) leaves `boundary`, or leads nowhere. `None` for a plain file or
/// folder, and for a link that stays inside.
fn link_problem(path: &Path, boundary: &Path) -> Option<FileProblem> {
    let metadata = fs::symlink_metadata(path).ok()?;
    if !metadata.file_type().is_symlink() {
        return None;
    }
    let target = fs::read_link(path).ok()?;
    let text = target.to_string_lossy().into_owned();
    let outside = || FileProblem::SymlinkOutside {
        target: text.clone(),
    };
    let parent = path.parent().unwrap_or(path);
    if !lexical(&parent.join(&target).to_string_lossy()).starts_with(boundary) {
        return Some(outside());
    }
    match path.canonicalize() {
        Ok(resolved) if resolved.starts_with(boundary) => None,
        Ok(_) => Some(outside()),
        Err(_) => Some(FileProblem::Io(broken_link(&text))),
    }
}

/// The message of a link that leads nowhere, the same for both sources.
pub fn broken_link(target: &str) -> String {
    format!(
        "symlink to `{}` leads nowhere (a missing file, or a loop)",
        crate::diag::quote(target)
    )
}

/// An absolute path with `.` and `..` removed, without touching the disk.
fn lexical(path: &str) -> PathBuf {
    let normal = normalize(path);
    if path.starts_with('/') {
        PathBuf::from(format!("/{normal}"))
    } else {
        PathBuf::from(normal)
    }
}

fn config_error(problem: FileProblem) -> SourceError {
    let message = match problem {
        FileProblem::SymlinkOutside { target } => {
            format!(
                "`{CONFIG_FILE}` links to `{}`, outside the repository",
                crate::diag::quote(&target)
            )
        }
        FileProblem::TooLarge { size, limit } => {
            format!("`{CONFIG_FILE}` is {size} bytes, above the limit of {limit}")
        }
        FileProblem::Io(message) => format!("cannot read `{CONFIG_FILE}`: {message}"),
        FileProblem::Skipped(_) => format!("cannot read `{CONFIG_FILE}`"),
    };
    SourceError::new(message).with_help(format!("`{CONFIG_FILE}` must be a file of the repository"))
}

/// Reads a regular file of at most `limit` bytes. The size is checked before reading and
/// the read stops past the limit, so a file that grows meanwhile cannot exhaust memory.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, FileProblem> {
    let file = fs::File::open(path).map_err(|e| FileProblem::Io(e.to_string()))?;
    let metadata = file
        .metadata()
        .map_err(|e| FileProblem::Io(e.to_string()))?;
    if !metadata.is_file() {
        return Err(FileProblem::Io("not a regular file".into()));
    }
    let size = metadata.len();
    if size > limit {
        return Err(FileProblem::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileProblem::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(FileProblem::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}
