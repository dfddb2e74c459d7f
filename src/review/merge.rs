//! Git's three-way merge of two revisions, made in memory: no checkout, no commit, and
//! nothing written to the work tree, the index or `.git`.
//!
//! The repository's object database gets an in-memory backend (libgit2's mempack) of the
//! highest priority before anything is written, so the blobs of the working tree and the
//! trees of merges land there and vanish with the process. A merge whose files conflict
//! keeps the head's version of each conflicting file, so the rest of the merge can still
//! be compiled; the conflicts are returned for `conflict.rs` to report.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use git2::{IndexAddOption, Oid, Repository};

use crate::source::{Source, SourceError};

/// A git repository whose new objects live in memory only.
pub struct MemoryRepo {
    repo: Rc<Repository>,
    /// Where netsot was started: the netsot root is found from here, as for `--rev`.
    start: PathBuf,
}

/// One side of a merge: a commit, and the tree compiled for it (the commit's own, or the
/// working tree's files hashed in memory).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Side {
    pub commit: Oid,
    pub tree: Oid,
}

/// A merge made in memory.
pub struct Merged {
    /// The merged tree; a conflicting file holds the head's version.
    pub tree: Oid,
    pub conflicts: Vec<FileConflict>,
}

/// A file git could not merge by its lines: the three versions (none where the file does
/// not exist on that side), paths relative to the top of the git repository.
pub struct FileConflict {
    pub path: String,
    pub ancestor: Option<Vec<u8>>,
    pub ours: Option<Vec<u8>>,
    pub theirs: Option<Vec<u8>>,
}

impl MemoryRepo {
    /// Opens the git repository holding `start` and gives it an in-memory object store
    /// that receives every object written from now on.
    pub fn open(start: &Path) -> Result<MemoryRepo, SourceError> {
        let repo = Repository::discover(start).map_err(|e| {
            SourceError::new(format!(
                "`{}` is not in a git repository: {}",
                start.display(),
                e.message()
            ))
        })?;
        {
            let odb = repo
                .odb()
                .map_err(|e| git_error("open the object database", &e))?;
            // Priority above the loose (1) and pack (2) backends: libgit2 writes to the
            // first backend that can write, so nothing reaches `.git/objects`.
            odb.add_new_mempack_backend(1000)
                .map_err(|e| git_error("add an in-memory object store", &e))?;
        }
        Ok(MemoryRepo {
            repo: Rc::new(repo),
            start: start.to_path_buf(),
        })
    }

    pub fn repository(&self) -> &Repository {
        &self.repo
    }

    /// The commit a revision names, and its tree.
    pub fn revision(&self, rev: &str) -> Result<Side, SourceError> {
        let commit = self
            .repo
            .revparse_single(rev)
            .and_then(|object| object.peel_to_commit())
            .map_err(|e| {
                SourceError::new(format!("revision `{rev}` not found: {}", e.message()))
                    .with_help(format!("fetch it first, e.g. `git fetch origin {rev}`"))
            })?;
        Ok(Side {
            commit: commit.id(),
            tree: commit.tree_id(),
        })
    }

    /// The working tree as a side: HEAD's commit, and a tree of the files on disk as
    /// `git add --all` would stage them (ignored files left out). The index is read but
    /// never written; the blobs and trees go to the in-memory store.
    pub fn working_tree(&self) -> Result<Side, SourceError> {
        let head = self.revision("HEAD")?;
        let mut index = self
            .repo
            .index()
            .map_err(|e| git_error("read the index", &e))?;
        index
            .add_all(["*"], IndexAddOption::DEFAULT, None)
            .and_then(|()| index.update_all(["*"], None))
            .map_err(|e| git_error("hash the working tree", &e))?;
        let tree = index
            .write_tree_to(&self.repo)
            .map_err(|e| git_error("hash the working tree", &e))?;
        Ok(Side {
            commit: head.commit,
            tree,
        })
    }

    /// Merges `theirs` into `ours` as `git merge` would, from their merge base.
    pub fn merge(&self, ours: Side, theirs: Side) -> Result<Merged, SourceError> {
        let repo = &*self.repo;
        let base = repo.merge_base(ours.commit, theirs.commit).map_err(|e| {
            SourceError::new(format!(
                "{} and {} have no common ancestor: {}",
                short(ours.commit),
                short(theirs.commit),
                e.message()
            ))
            .with_help("fetch the full history (`fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab)")
        })?;
        let tree = |id: Oid| {
            repo.find_tree(id)
                .map_err(|e| git_error(&format!("read the tree {id}"), &e))
        };
        let base_tree = repo
            .find_commit(base)
            .and_then(|c| c.tree())
            .map_err(|e| git_error("read the merge base", &e))?;
        let mut index = repo
            .merge_trees(&base_tree, &tree(ours.tree)?, &tree(theirs.tree)?, None)
            .map_err(|e| git_error("merge", &e))?;
        let mut conflicts = Vec::new();
        if index.has_conflicts() {
            let entries: Vec<git2::IndexConflict> = index
                .conflicts()
                .map_err(|e| git_error("list the conflicts", &e))?
                .filter_map(Result::ok)
                .collect();
            for entry in entries {
                let Some(any) = entry
                    .our
                    .as_ref()
                    .or(entry.their.as_ref())
                    .or(entry.ancestor.as_ref())
                else {
                    continue;
                };
                let path = String::from_utf8_lossy(&any.path).into_owned();
                let blob = |side: &Option<git2::IndexEntry>| -> Option<Vec<u8>> {
                    let id = side.as_ref()?.id;
                    Some(repo.find_blob(id).ok()?.content().to_vec())
                };
                conflicts.push(FileConflict {
                    ancestor: blob(&entry.ancestor),
                    ours: blob(&entry.our),
                    theirs: blob(&entry.their),
                    path: path.clone(),
                });
                // The head's version stands in for the file, so the merge still compiles.
                index
                    .conflict_remove(Path::new(&path))
                    .map_err(|e| git_error("resolve a conflict", &e))?;
                if let Some(mut ours) = entry.our {
                    ours.flags &= !0x3000;
                    index
                        .add(&ours)
                        .map_err(|e| git_error("resolve a conflict", &e))?;
                }
            }
        }
        let tree = index
            .write_tree_to(repo)
            .map_err(|e| git_error("write the merged tree", &e))?;
        conflicts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Merged { tree, conflicts })
    }

    /// A tree of this repository as a source to compile, labelled `label` in messages.
    pub fn source(&self, label: &str, side: Side) -> Result<Source, SourceError> {
        Source::at_tree(
            Rc::clone(&self.repo),
            &self.start,
            label,
            side.commit,
            side.tree,
        )
    }

    /// The netsot root's folder inside the git tree (`net/`), empty at the top.
    pub fn prefix(&self, side: Side) -> Result<String, SourceError> {
        Ok(self.source("HEAD", side)?.repo_prefix())
    }
}

fn short(id: Oid) -> String {
    id.to_string()[..12].to_string()
}

fn git_error(what: &str, error: &git2::Error) -> SourceError {
    SourceError::new(format!("cannot {what}: {}", error.message()))
}
