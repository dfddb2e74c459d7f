//! Files from a folder on disk.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{has_extension, normalize, FileProblem, RawFile, SourceError, CONFIG_FILE};

pub struct WorkTreeSource {
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
            if folder.join(CONFIG_FILE).is_file() {
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
        let normal = normalize(path);
        if normal.is_empty() {
            self.root.clone()
        } else {
            self.root.join(normal)
        }
    }

    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        match fs::read(self.resolve(path)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(SourceError::new(format!("cannot read `{path}`: {e}"))),
        }
    }

    pub fn exists(&self, path: &str) -> bool {
        self.resolve(path).exists()
    }

    pub fn collect(&self, path: &str, extensions: &[&str], limit: u64) -> Vec<RawFile> {
        let mut found = Vec::new();
        let start = self.resolve(path);
        self.walk(&start, extensions, &mut found, 0);
        found
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

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_else(|_| path.display().to_string())
    }

    fn walk(&self, path: &Path, extensions: &[&str], found: &mut Vec<Entry>, depth: usize) {
        // Symlinks are followed only while they stay inside the repository.
        let Ok(metadata) = fs::symlink_metadata(path) else {
            return;
        };
        let relative = self.relative(path);
        if metadata.file_type().is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&self.root) => {}
                Ok(target) => {
                    found.push(Entry::Problem(
                        relative,
                        FileProblem::SymlinkOutside {
                            target: target.display().to_string(),
                        },
                    ));
                    return;
                }
                Err(e) => {
                    found.push(Entry::Problem(
                        relative,
                        FileProblem::Io(format!("broken symlink: {e}")),
                    ));
                    return;
                }
            }
        }
        if path.is_dir() {
            if depth > 32 {
                return;
            }
            let Ok(entries) = fs::read_dir(path) else {
                found.push(Entry::Problem(
                    relative,
                    FileProblem::Io("cannot list the folder".into()),
                ));
                return;
            };
            let mut children: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            for child in children {
                let name = child
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name.starts_with('.') {
                    continue;
                }
                if child.is_dir() || has_extension(&name, extensions) {
                    self.walk(&child, extensions, found, depth + 1);
                }
            }
        } else if path.is_file() {
            found.push(Entry::File(path.to_path_buf(), relative));
        }
    }

    pub fn head_commit_time(&self) -> Option<i64> {
        let repo = git2::Repository::discover(&self.root).ok()?;
        let commit = repo.head().ok()?.peel_to_commit().ok()?;
        Some(commit.time().seconds())
    }
}

enum Entry {
    File(PathBuf, String),
    Problem(String, FileProblem),
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, FileProblem> {
    let size = fs::metadata(path)
        .map_err(|e| FileProblem::Io(e.to_string()))?
        .len();
    if size > limit {
        return Err(FileProblem::TooLarge { size, limit });
    }
    fs::read(path).map_err(|e| FileProblem::Io(e.to_string()))
}
