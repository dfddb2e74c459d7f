//! Files from a git revision, read from the object database without a checkout.

use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

use super::{has_extension, normalize, FileProblem, RawFile, SourceError, CONFIG_FILE};

pub struct GitSource {
    repo: Repository,
    rev: String,
    commit: Oid,
    tree: Oid,
    time: i64,
    /// The repository root's folder inside the git tree ("" at the top).
    prefix: String,
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
        let (commit_id, tree_id, time) = {
            let object = repo
                .revparse_single(rev)
                .map_err(|e| missing_revision(rev, &repo, e))?;
            let commit = object.peel_to_commit().map_err(|e| {
                SourceError::new(format!("revision `{rev}` is not a commit: {}", e.message()))
            })?;
            (commit.id(), commit.tree_id(), commit.time().seconds())
        };
        let tree = repo.find_tree(tree_id).map_err(|e| {
            SourceError::new(format!("cannot read the tree of `{rev}`: {}", e.message()))
        })?;
        // The netsot root is the folder of `start` inside the work tree, or the top of a bare repository.
        let mut prefix = match repo.workdir() {
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
        // Walk upwards inside the tree to the folder holding netsot.yaml.
        loop {
            let candidate = if prefix.is_empty() {
                CONFIG_FILE.to_string()
            } else {
                format!("{prefix}/{CONFIG_FILE}")
            };
            if tree.get_path(Path::new(&candidate)).is_ok() {
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
        drop(tree);
        Ok(GitSource {
            repo,
            rev: rev.to_string(),
            commit: commit_id,
            tree: tree_id,
            time,
            prefix,
        })
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

    fn full(&self, path: &str) -> String {
        let path = normalize(path);
        match (self.prefix.is_empty(), path.is_empty()) {
            (true, _) => path,
            (false, true) => self.prefix.clone(),
            (false, false) => normalize(&format!("{}/{path}", self.prefix)),
        }
    }

    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        let tree = self
            .repo
            .find_tree(self.tree)
            .map_err(|e| SourceError::new(e.message().to_string()))?;
        let Ok(entry) = tree.get_path(Path::new(&self.full(path))) else {
            return Ok(None);
        };
        let blob = self.repo.find_blob(entry.id()).map_err(|e| {
            SourceError::new(format!(
                "cannot read `{path}` at `{}`: {}",
                self.rev,
                e.message()
            ))
        })?;
        Ok(Some(blob.content().to_vec()))
    }

    pub fn exists(&self, path: &str) -> bool {
        let full = self.full(path);
        if full.is_empty() {
            return true;
        }
        self.repo
            .find_tree(self.tree)
            .is_ok_and(|tree| tree.get_path(Path::new(&full)).is_ok())
    }

    pub fn collect(&self, path: &str, extensions: &[&str], limit: u64) -> Vec<RawFile> {
        let Ok(root_tree) = self.repo.find_tree(self.tree) else {
            return Vec::new();
        };
        let full = self.full(path);
        let strip = if self.prefix.is_empty() {
            0
        } else {
            self.prefix.len() + 1
        };
        let mut found = Vec::new();
        let entry = if full.is_empty() {
            None
        } else {
            root_tree.get_path(Path::new(&full)).ok()
        };
        let subtree = match &entry {
            None if full.is_empty() => Some(root_tree.clone()),
            None => return found,
            Some(entry) if entry.kind() == Some(ObjectType::Tree) => {
                self.repo.find_tree(entry.id()).ok()
            }
            Some(entry) => {
                if entry.filemode() == 0o120000 {
                    found.push(RawFile {
                        path: full[strip..].to_string(),
                        content: Err(self.link_problem(entry.id(), &full)),
                    });
                } else {
                    found.push(RawFile {
                        path: full[strip..].to_string(),
                        content: self.read_blob(entry.id(), limit),
                    });
                }
                return found;
            }
        };
        let Some(subtree) = subtree else { return found };
        let base = full.clone();
        let _ = subtree.walk(TreeWalkMode::PreOrder, |parent, entry| {
            let name = entry.name().unwrap_or_default();
            if name.starts_with('.') {
                return TreeWalkResult::Skip;
            }
            if entry.kind() != Some(ObjectType::Blob) || !has_extension(name, extensions) {
                return TreeWalkResult::Ok;
            }
            let joined = if base.is_empty() {
                format!("{parent}{name}")
            } else {
                format!("{base}/{parent}{name}")
            };
            let relative = joined[strip.min(joined.len())..].to_string();
            let content = if entry.filemode() == 0o120000 {
                Err(self.link_problem(entry.id(), &joined))
            } else {
                self.read_blob(entry.id(), limit)
            };
            found.push(RawFile {
                path: relative,
                content,
            });
            TreeWalkResult::Ok
        });
        found
    }

    fn read_blob(&self, id: Oid, limit: u64) -> Result<Vec<u8>, FileProblem> {
        let blob = self
            .repo
            .find_blob(id)
            .map_err(|e| FileProblem::Io(e.message().to_string()))?;
        let size = blob.size() as u64;
        if size > limit {
            return Err(FileProblem::TooLarge { size, limit });
        }
        Ok(blob.content().to_vec())
    }

    /// A symlink in git is a blob holding its target. Links inside the repository would need
    /// resolving against the tree; netsot treats every link in a revision as a problem unless
    /// it stays inside, and reads none (the working tree follows inside links).
    fn link_problem(&self, id: Oid, path: &str) -> FileProblem {
        let target = self
            .repo
            .find_blob(id)
            .map(|b| String::from_utf8_lossy(b.content()).into_owned())
            .unwrap_or_default();
        let parent = path.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
        let resolved = normalize(&format!("{parent}/{target}"));
        if target.starts_with('/')
            || resolved.starts_with("..")
            || !resolved.starts_with(&self.prefix)
        {
            FileProblem::SymlinkOutside { target }
        } else {
            FileProblem::Io(format!("symlink to `{target}`: links are not followed in git revisions; commit the file itself"))
        }
    }
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
