//! What other branches already took (`--avoid GLOB`): every revision whose reference
//! matches a glob is compiled, and what it holds counts as used, so two engineers who
//! allocate at the same time on two branches get different answers.

use std::collections::HashSet;

use git2::Oid;

use super::merge::{MemoryRepo, Side};
use crate::compile::{compile, Compilation};
use crate::source::SourceError;

/// A revision a glob matched: the reference's short name and its commit.
pub struct Matched {
    pub name: String,
    pub side: Side,
}

/// The references matching each glob, as git names them: `origin/*` is tried as given and
/// below `refs/`, `refs/heads/`, `refs/remotes/` and `refs/tags/`. Each commit once.
pub fn matching(repo: &MemoryRepo, globs: &[String]) -> Result<Vec<Matched>, SourceError> {
    let git = repo.repository();
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for glob in globs {
        for prefix in ["", "refs/", "refs/heads/", "refs/remotes/", "refs/tags/"] {
            let pattern = format!("{prefix}{glob}");
            let references = git.references_glob(&pattern).map_err(|e| {
                SourceError::new(format!(
                    "cannot list the references `{pattern}`: {}",
                    e.message()
                ))
            })?;
            for reference in references.flatten() {
                let Ok(commit) = reference.peel_to_commit() else {
                    continue;
                };
                if !seen.insert(commit.id()) {
                    continue;
                }
                found.push(Matched {
                    name: reference.shorthand().unwrap_or_default().to_string(),
                    side: Side {
                        commit: commit.id(),
                        tree: commit.tree_id(),
                    },
                });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Compiles each matched revision once per tree (two branches at the same tree share one
/// compilation) and hands each to `take`.
pub fn each_compiled(
    repo: &MemoryRepo,
    matched: &[Matched],
    mut take: impl FnMut(&Matched, &Compilation),
) -> Result<(), SourceError> {
    let mut trees: HashSet<Oid> = HashSet::new();
    for revision in matched {
        if !trees.insert(revision.side.tree) {
            continue;
        }
        let source = repo.source(&revision.name, revision.side)?;
        let compilation = compile(&source)?;
        take(revision, &compilation);
    }
    Ok(())
}
