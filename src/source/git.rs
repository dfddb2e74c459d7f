//! Files from a git revision, read from the object database without a checkout.
//!
//! The revision is untrusted input: every object is read through the loose-object guard
//! (`loose.rs`) and every read error is a [`SourceError`] naming the object and its path,
//! never an empty result. Trees are walked with an explicit stack, at most
//! [`MAX_FOLDER_DEPTH`] folders deep, and symlinks are resolved inside the tree by netsot,
//! by the same rule as on disk.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use git2::{ObjectType, Oid, Repository, Tree};

use super::loose::{Checked, LooseObjects};
use super::worktree::broken_link;
use super::{
    has_extension, join, leaves_root, normalize, FileProblem, RawFile, Skip, SourceError,
    CONFIG_FILE, MAX_FOLDER_DEPTH, MAX_LINK_HOPS,
};

const MODE_LINK: i32 = 0o120000;
const MODE_GITLINK: i32 = 0o160000;
/// The longest symlink target read; longer ones count as broken.
const LINK_LIMIT: u64 = 4096;

pub struct GitSource {
    /// Shared with the merge that wrote the tree, whose objects may live only in this
    /// repository's in-memory object database (`review/merge.rs`).
    repo: Rc<Repository>,
    loose: LooseObjects,
    /// Trees whose loose file the guard already checked.
    checked_trees: RefCell<HashSet<Oid>>,
    rev: String,
    commit: Oid,
    tree: Oid,
    time: i64,
    /// The repository root's folder inside the git tree ("" at the top).
    prefix: String,
}

/// What a path of the tree leads to once its symlinks are resolved.
enum Resolved {
    /// `path` is the entry's path with every link resolved.
    Found {
        path: String,
        found: Found,
    },
    Missing,
    /// A link on the way leaves the allowed part of the tree; its target as written.
    Outside {
        target: String,
    },
    /// A link on the way leads nowhere, or links loop.
    Broken {
        target: String,
    },
}

enum Found {
    Blob(Oid),
    Tree(Oid),
    Submodule,
}

impl GitSource {
    pub fn open(start: &Path, rev: &str) -> Result<GitSource, SourceError> {
        let repo = Repository::discover(start).map_err(|e| {
            SourceError::new(format!(
                "`{}` is not in a git repository: {}",
                start.display(),
                e.message()
            ))
        })?;
        guard_revision(&repo, &LooseObjects::new(repo.commondir()), rev)?;
        let (commit_id, tree_id, time) = {
            let object = repo
                .revparse_single(rev)
                .map_err(|e| missing_revision(rev, &repo, e))?;
            let commit = object.peel_to_commit().map_err(|e| {
                SourceError::new(format!("revision `{rev}` is not a commit: {}", e.message()))
            })?;
            (commit.id(), commit.tree_id(), commit.time().seconds())
        };
        GitSource::at_tree(Rc::new(repo), start, rev, commit_id, tree_id, time)
    }

    /// The tree `tree` of `repo`, compiled as the revision `label` (a commit, or a merge
    /// made in memory whose tree is not committed; `commit` is then the head's commit).
    /// The netsot root is found as for a revision: the folder of `start`, or the nearest
    /// one above it holding `netsot.yaml`.
    pub fn at_tree(
        repo: Rc<Repository>,
        start: &Path,
        label: &str,
        commit_id: Oid,
        tree_id: Oid,
        time: i64,
    ) -> Result<GitSource, SourceError> {
        let rev = label;
        let loose = LooseObjects::new(repo.commondir());
        // The netsot root is the folder of `start` inside the work tree, or the top of a bare repository.
        let prefix = match repo.workdir() {
            Some(workdir) => {
                let workdir = workdir.canonicalize().unwrap_or(workdir.to_path_buf());
                let start = start.canonicalize().unwrap_or(start.to_path_buf());
                start
                    .strip_prefix(&workdir)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default()
            }
            None => String::new(),
        };
        let mut source = GitSource {
            repo,
            loose,
            checked_trees: RefCell::new(HashSet::new()),
            rev: rev.to_string(),
            commit: commit_id,
            tree: tree_id,
            time,
            prefix: String::new(),
        };
        // Walk upwards inside the tree to the folder holding netsot.yaml.
        let mut prefix = prefix;
        loop {
            let candidate = join(&prefix, CONFIG_FILE);
            if !matches!(source.resolve(&candidate, "")?, Resolved::Missing) {
                break;
            }
            if prefix.is_empty() {
                return Err(
                    SourceError::new(format!("revision `{rev}` has no `{CONFIG_FILE}`")).with_help(
                        "pass the path of the network repository inside the git repository",
                    ),
                );
            }
            prefix = match prefix.rfind('/') {
                Some(i) => prefix[..i].to_string(),
                None => String::new(),
            };
        }
        source.prefix = prefix;
        Ok(source)
    }

    pub fn describe(&self) -> String {
        format!("{} ({})", self.rev, &self.commit.to_string()[..12])
    }

    pub fn commit_id(&self) -> Oid {
        self.commit
    }

    pub fn commit_time(&self) -> i64 {
        self.time
    }

    pub fn repository(&self) -> &Repository {
        &self.repo
    }

    /// The netsot root's folder inside the git tree.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn workdir_root(&self) -> Option<PathBuf> {
        self.repo.workdir().map(|w| w.join(&self.prefix))
    }

    /// Reads `netsot.yaml`: a file of the tree inside the root, or a symlink to one.
    pub fn read_config(&self, limit: u64) -> Result<Option<Vec<u8>>, SourceError> {
        let full = join(&self.prefix, CONFIG_FILE);
        let problem = match self.resolve(&full, &self.prefix)? {
            Resolved::Missing => return Ok(None),
            Resolved::Found {
                found: Found::Blob(id),
                ..
            } => match self.read_blob(id, &full, limit)? {
                Ok(bytes) => return Ok(Some(bytes)),
                Err(FileProblem::TooLarge { size, limit }) => {
                    format!("`{CONFIG_FILE}` is {size} bytes, above the limit of {limit}")
                }
                Err(_) => format!("cannot read `{CONFIG_FILE}`"),
            },
            Resolved::Outside { target } => {
                format!(
                    "`{CONFIG_FILE}` links to `{}`, outside the repository",
                    crate::diag::quote(&target)
                )
            }
            Resolved::Broken { target } => {
                format!("cannot read `{CONFIG_FILE}`: {}", broken_link(&target))
            }
            Resolved::Found { .. } => format!("`{CONFIG_FILE}` is not a file"),
        };
        Err(SourceError::new(format!("{problem} at `{}`", self.rev))
            .with_help(format!("`{CONFIG_FILE}` must be a file of the repository")))
    }

    /// The allowed folder holding a configured path that leaves the root, if the path
    /// still lies inside the git tree (a revision has nothing else to read).
    pub fn outside_folder(&self, configured: &str, allowed: &[PathBuf]) -> Option<PathBuf> {
        self.locate_outside(configured, allowed)
            .map(|(_, _, folder)| folder)
    }

    /// The tree path of a configured path and the part of the tree its links may reach:
    /// the root for an inside path, the allowed folder for an outside one.
    fn locate(&self, configured: &str, allowed: &[PathBuf]) -> Option<(String, String)> {
        if !leaves_root(configured) {
            let full = normalize(&join(&self.prefix, &normalize(configured)));
            return Some((full, self.prefix.clone()));
        }
        self.locate_outside(configured, allowed)
            .map(|(full, boundary, _)| (full, boundary))
    }

    fn locate_outside(
        &self,
        configured: &str,
        allowed: &[PathBuf],
    ) -> Option<(String, String, PathBuf)> {
        let workdir = self.repo.workdir()?.canonicalize().ok()?;
        let on_disk = if Path::new(configured).is_absolute() {
            PathBuf::from(configured)
        } else {
            workdir.join(&self.prefix).join(configured)
        };
        let relative = on_disk.strip_prefix(&workdir).ok()?;
        let full = normalize(&relative.to_string_lossy().replace('\\', "/"));
        if full.starts_with("..") {
            return None;
        }
        allowed.iter().find_map(|folder| {
            let boundary = folder.strip_prefix(&workdir).ok()?;
            let boundary = normalize(&boundary.to_string_lossy().replace('\\', "/"));
            within(&full, &boundary).then(|| (full.clone(), boundary, folder.clone()))
        })
    }

    /// Whether a configured path exists in the revision. A read error counts as existing,
    /// so that `collect` reports it.
    pub fn exists(&self, path: &str, allowed: &[PathBuf]) -> bool {
        let Some((full, boundary)) = self.locate(path, allowed) else {
            return false;
        };
        match self.resolve(&full, &boundary) {
            Ok(Resolved::Missing) => false,
            Ok(_) | Err(_) => true,
        }
    }

    pub fn collect(
        &self,
        path: &str,
        extensions: &[&str],
        limit: u64,
        allowed: &[PathBuf],
    ) -> Result<Vec<RawFile>, SourceError> {
        let mut found = Vec::new();
        let Some((full, boundary)) = self.locate(path, allowed) else {
            return Ok(found);
        };
        let display = if leaves_root(path) {
            path.trim_end_matches('/').to_string()
        } else {
            normalize(path)
        };
        let (tree, canonical) = match self.resolve(&full, &boundary)? {
            Resolved::Missing => return Ok(found),
            Resolved::Found {
                path,
                found: Found::Tree(id),
            } => (id, path),
            other => {
                if let Some(content) = self.entry_content(other, &full, limit, true)? {
                    found.push(RawFile {
                        path: display,
                        content,
                    });
                }
                return Ok(found);
            }
        };
        // An explicit stack, not recursion: a revision may nest folders 70,000 deep. Each
        // folder is entered once, by its path with links resolved, so links cannot loop.
        let mut stack = vec![(tree, canonical, display, 0usize)];
        let mut visited: HashMap<String, String> = HashMap::new();
        while let Some((id, canonical, display, depth)) = stack.pop() {
            if depth > MAX_FOLDER_DEPTH {
                found.push(skipped(display, Skip::TooDeep));
                continue;
            }
            if let Some(first) = visited.get(&canonical) {
                let first = first.clone();
                found.push(skipped(display, Skip::AlreadyRead { first }));
                continue;
            }
            visited.insert(canonical.clone(), display.clone());
            let tree = self.load_tree(id, &canonical)?;
            let mut entries: Vec<(String, Oid, i32, Option<ObjectType>)> = tree
                .iter()
                .map(|entry| {
                    let name = String::from_utf8_lossy(entry.name_bytes()).into_owned();
                    (name, entry.id(), entry.filemode(), entry.kind())
                })
                .filter(|(name, ..)| !name.starts_with('.'))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut folders = Vec::new();
            for (name, id, mode, kind) in entries {
                let child = join(&canonical, &name);
                let child_display = join(&display, &name);
                let wanted = has_extension(&name, extensions);
                let resolved = if mode == MODE_LINK {
                    self.resolve(&child, &boundary)?
                } else if mode == MODE_GITLINK || kind == Some(ObjectType::Commit) {
                    Resolved::Found {
                        path: child,
                        found: Found::Submodule,
                    }
                } else if kind == Some(ObjectType::Tree) {
                    Resolved::Found {
                        path: child,
                        found: Found::Tree(id),
                    }
                } else if wanted {
                    Resolved::Found {
                        path: child,
                        found: Found::Blob(id),
                    }
                } else {
                    continue;
                };
                match resolved {
                    Resolved::Found {
                        path,
                        found: Found::Tree(id),
                    } => folders.push((id, path, child_display, depth + 1)),
                    other => {
                        let at = join(&canonical, &name);
                        if let Some(content) = self.entry_content(other, &at, limit, wanted)? {
                            found.push(RawFile {
                                path: child_display,
                                content,
                            });
                        }
                    }
                }
            }
            stack.extend(folders.into_iter().rev());
        }
        Ok(found)
    }

    /// The content (or problem) of an entry that is not a folder; `None` for a file that
    /// is not wanted.
    fn entry_content(
        &self,
        resolved: Resolved,
        path: &str,
        limit: u64,
        wanted: bool,
    ) -> Result<Option<Result<Vec<u8>, FileProblem>>, SourceError> {
        Ok(Some(match resolved {
            Resolved::Missing => return Ok(None),
            Resolved::Found {
                found: Found::Blob(id),
                ..
            } => {
                if !wanted {
                    return Ok(None);
                }
                self.read_blob(id, path, limit)?
            }
            Resolved::Found {
                found: Found::Submodule,
                ..
            } => Err(FileProblem::Skipped(Skip::Submodule)),
            Resolved::Found {
                found: Found::Tree(_),
                ..
            } => return Ok(None),
            Resolved::Outside { target } => Err(FileProblem::SymlinkOutside { target }),
            Resolved::Broken { target } => Err(FileProblem::Io(broken_link(&target))),
        }))
    }

    /// Follows `full` (a path from the top of the git tree) entry by entry, resolving
    /// symlinks as the file system would; a link may not leave `boundary`.
    fn resolve(&self, full: &str, boundary: &str) -> Result<Resolved, SourceError> {
        let mut pending: Vec<String> = normalize(full).split('/').map(String::from).collect();
        pending.retain(|part| !part.is_empty());
        pending.reverse();
        let mut hops = 0;
        let mut link: Option<String> = None;
        let mut canonical: Vec<String> = Vec::new();
        let mut tree = self.load_tree(self.tree, "")?;
        let mut current = Found::Tree(self.tree);
        while let Some(name) = pending.pop() {
            let missing = || match &link {
                Some(target) => Resolved::Broken {
                    target: target.clone(),
                },
                None => Resolved::Missing,
            };
            if !matches!(current, Found::Tree(_)) {
                return Ok(missing());
            }
            let here = join(&canonical.join("/"), &name);
            let Some(entry) = tree.get_name_bytes(name.as_bytes()) else {
                return Ok(missing());
            };
            let (id, mode, kind) = (entry.id(), entry.filemode(), entry.kind());
            drop(entry);
            if mode == MODE_LINK {
                hops += 1;
                let target = match self.read_blob(id, &here, LINK_LIMIT)? {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(_) => return Ok(Resolved::Broken { target: here }),
                };
                if hops > MAX_LINK_HOPS {
                    return Ok(Resolved::Broken { target });
                }
                let mut rest: Vec<String> = pending.iter().rev().cloned().collect();
                rest.insert(0, target.clone());
                let next = normalize(&join(&canonical.join("/"), &rest.join("/")));
                if target.starts_with('/') || next.starts_with("..") || !within(&next, boundary) {
                    return Ok(Resolved::Outside { target });
                }
                link.get_or_insert(target);
                pending = next.split('/').map(String::from).collect();
                pending.retain(|part| !part.is_empty());
                pending.reverse();
                canonical.clear();
                tree = self.load_tree(self.tree, "")?;
                current = Found::Tree(self.tree);
                continue;
            }
            canonical.push(name);
            current = if mode == MODE_GITLINK || kind == Some(ObjectType::Commit) {
                Found::Submodule
            } else if kind == Some(ObjectType::Tree) {
                if !pending.is_empty() {
                    tree = self.load_tree(id, &here)?;
                }
                Found::Tree(id)
            } else {
                Found::Blob(id)
            };
        }
        Ok(Resolved::Found {
            path: canonical.join("/"),
            found: current,
        })
    }

    /// Reads a tree through the guard; any failure names the object and its path.
    fn load_tree(&self, id: Oid, path: &str) -> Result<Tree<'_>, SourceError> {
        if !self.checked_trees.borrow().contains(&id) {
            self.loose
                .check(id, None)
                .map_err(|reason| self.object_error("tree", id, path, &reason))?;
            self.checked_trees.borrow_mut().insert(id);
        }
        self.repo
            .find_tree(id)
            .map_err(|e| self.object_error("tree", id, path, e.message()))
    }

    /// Reads a blob of at most `limit` bytes: its size is read from the object's header
    /// first, so an oversized blob (or a compression bomb) is never inflated.
    fn read_blob(
        &self,
        id: Oid,
        path: &str,
        limit: u64,
    ) -> Result<Result<Vec<u8>, FileProblem>, SourceError> {
        let fail = |reason: &str| self.object_error("blob", id, path, reason);
        let size = match self.loose.check(id, Some(limit)).map_err(|r| fail(&r))? {
            Checked::Loose { size } => size,
            Checked::NotLoose => {
                let odb = self.repo.odb().map_err(|e| fail(e.message()))?;
                let (size, _) = odb.read_header(id).map_err(|e| fail(e.message()))?;
                size as u64
            }
        };
        if size > limit {
            return Ok(Err(FileProblem::TooLarge { size, limit }));
        }
        let blob = self.repo.find_blob(id).map_err(|e| fail(e.message()))?;
        Ok(Ok(blob.content().to_vec()))
    }

    fn object_error(&self, kind: &str, id: Oid, path: &str, reason: &str) -> SourceError {
        let path = if path.is_empty() { "/" } else { path };
        SourceError::new(format!(
            "cannot read the {kind} {id} (`{path}`) of `{}`: {reason}",
            self.rev
        ))
        .with_help("the repository is corrupt: `git fsck` names the damaged objects; fetch or clone it again")
    }
}

/// Whether the tree path `path` is `boundary` or below it ("" holds everything).
fn within(path: &str, boundary: &str) -> bool {
    boundary.is_empty()
        || path == boundary
        || path
            .strip_prefix(boundary)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Checks, before libgit2 reads them, the loose objects a revision expression names: the
/// object it starts from, the tags it peels and the ancestors `~N` and `^N` step through.
/// libgit2 would loop forever on a truncated one. Expressions beyond those (`@{u}`,
/// `:/text`) are left to libgit2.
fn guard_revision(repo: &Repository, loose: &LooseObjects, rev: &str) -> Result<(), SourceError> {
    let split = rev.find(['~', '^', ':', '@']).unwrap_or(rev.len());
    let (base, mut suffix) = rev.split_at(split);
    let base = if base.is_empty() { "HEAD" } else { base };
    let start = match Oid::from_str(base) {
        Ok(id) if base.len() == 40 => Some(id),
        _ => repo
            .resolve_reference_from_short_name(base)
            .ok()
            .and_then(|reference| reference.resolve().ok()?.target()),
    };
    let Some(mut id) = start else {
        return Ok(());
    };
    let check = |id: Oid| {
        loose.check(id, None).map(|_| ()).map_err(|reason| {
            SourceError::new(format!(
                "cannot read the object {id} of revision `{rev}`: {reason}"
            ))
            .with_help("the repository is corrupt: `git fsck` names the damaged objects; fetch or clone it again")
        })
    };
    check(id)?;
    // Peel tags to the commit.
    while let Ok(tag) = repo.find_tag(id) {
        id = tag.target_id();
        check(id)?;
    }
    while let Some(step) = suffix.chars().next() {
        if step != '~' && step != '^' {
            break;
        }
        let digits = suffix[1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(suffix.len(), |i| i + 1);
        let count: usize = suffix[1..digits].parse().unwrap_or(1);
        suffix = &suffix[digits..];
        let Ok(mut commit) = repo.find_commit(id) else {
            return Ok(());
        };
        let (steps, parent) = if step == '~' {
            (count, 0)
        } else {
            (1, count.max(1) - 1)
        };
        for i in 0..steps {
            let Ok(next) = commit.parent_id(if i == 0 { parent } else { 0 }) else {
                return Ok(());
            };
            check(next)?;
            id = next;
            let Ok(found) = repo.find_commit(id) else {
                return Ok(());
            };
            commit = found;
        }
        if step == '^' && count == 0 {
            break;
        }
    }
    Ok(())
}

fn missing_revision(rev: &str, repo: &Repository, error: git2::Error) -> SourceError {
    let shallow = repo.is_shallow();
    let mut help = format!(
        "fetch it first, e.g. `git fetch origin {rev}`{}",
        if shallow {
            "; this clone is shallow: in CI, fetch the full history (`fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab)"
        } else {
            ""
        }
    );
    if rev.starts_with("origin/") {
        help.push_str(&format!(
            "; or `git fetch origin {}:{rev}`",
            rev.trim_start_matches("origin/")
        ));
    }
    SourceError::new(format!(
        "revision `{rev}` not found in the repository: {}",
        error.message()
    ))
    .with_help(help)
}

fn skipped(path: String, skip: Skip) -> RawFile {
    RawFile {
        path,
        content: Err(FileProblem::Skipped(skip)),
    }
}
