//! `netsot conflicts`: the open branches merged with the default branch and with each
//! other, in memory; a collision is a diagnostic of a merge that neither side has alone
//! (the same address, prefix, rack unit, VLAN ID or name taken twice), or lines both
//! sides changed (NS0008).
//!
//! Diagnostics are compared by code and message, which name the objects and values and
//! never a file or a line, so a collision is the same wherever the objects sit. Every
//! tree is compiled once, keyed by its id: a branch that is also a merge result, two
//! branches at one commit, a merge that equals one side, all share one compilation; only
//! what the comparison needs (the keys of the errors) is kept of each.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use git2::Oid;

use super::merge::{MemoryRepo, Side};
use crate::compile::compile;
use crate::diag::{self, Diagnostic};
use crate::source::SourceError;

/// A branch taking part: its name and its commit.
#[derive(Clone)]
pub struct Branch {
    pub name: String,
    pub side: Side,
}

/// Two branches whose merge has errors neither has alone.
pub struct Collision {
    pub ours: String,
    pub theirs: String,
    pub diagnostics: Vec<Found>,
}

/// One diagnostic of a merge, with its positions as `file:line:column`.
pub struct Found {
    pub code: &'static str,
    pub message: String,
    pub positions: Vec<String>,
}

/// The result of a run: the collisions, and how much was compiled.
pub struct Report {
    pub collisions: Vec<Collision>,
    pub pairs: usize,
    pub compilations: usize,
}

type Keys = Rc<HashSet<(&'static str, String)>>;

/// Checks every branch merged with `base` and every pair of branches.
pub fn find(repo: &MemoryRepo, base: &Branch, branches: &[Branch]) -> Result<Report, SourceError> {
    let mut cache: HashMap<Oid, Keys> = HashMap::new();
    let mut compilations = 0;
    let mut pairs: Vec<(&Branch, &Branch)> = branches.iter().map(|b| (base, b)).collect();
    for (i, a) in branches.iter().enumerate() {
        for b in &branches[i + 1..] {
            pairs.push((a, b));
        }
    }
    let mut collisions = Vec::new();
    for &(ours, theirs) in &pairs {
        let merged = repo.merge(ours.side, theirs.side)?;
        let mut found = Vec::new();
        let tree_is_a_side = merged.tree == ours.side.tree || merged.tree == theirs.side.tree;
        if !tree_is_a_side || !merged.conflicts.is_empty() {
            let ours_keys = keys(repo, ours, &mut cache, &mut compilations)?;
            let theirs_keys = keys(repo, theirs, &mut cache, &mut compilations)?;
            let side = Side {
                commit: ours.side.commit,
                tree: merged.tree,
            };
            // The merge's own diagnostics are needed in full only where its keys differ.
            let merged_keys = match cache.get(&merged.tree) {
                Some(keys) => Some(Rc::clone(keys)),
                None => None,
            };
            let fresh = merged_keys.as_ref().is_none_or(|keys| {
                keys.iter()
                    .any(|key| !ours_keys.contains(key) && !theirs_keys.contains(key))
            });
            if fresh || !merged.conflicts.is_empty() {
                let label = format!("{} merged with {}", ours.name, theirs.name);
                let source = repo.source(&label, side)?;
                let mut compilation = compile(&source)?;
                compilations += 1;
                let prefix = source.repo_prefix();
                let conflicts = super::conflict::diagnostics(
                    &merged.conflicts,
                    &prefix,
                    &theirs.name,
                    &mut compilation.files,
                );
                cache
                    .entry(merged.tree)
                    .or_insert_with(|| key_set(&compilation.diagnostics));
                let mut diagnostics: Vec<Diagnostic> = compilation
                    .diagnostics
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .filter(|d| {
                        let key = (d.rule.code, d.message.clone());
                        !ours_keys.contains(&key) && !theirs_keys.contains(&key)
                    })
                    .chain(conflicts)
                    .collect();
                diag::sort_and_dedup(&mut diagnostics, &compilation.files);
                found = diagnostics
                    .iter()
                    .map(|d| Found {
                        code: d.rule.code,
                        message: d.message.clone(),
                        positions: d
                            .primary
                            .iter()
                            .chain(&d.secondary)
                            .map(|label| diag::emit::position(label, &compilation.files))
                            .collect(),
                    })
                    .collect();
            }
        }
        if !found.is_empty() {
            collisions.push(Collision {
                ours: ours.name.clone(),
                theirs: theirs.name.clone(),
                diagnostics: found,
            });
        }
    }
    Ok(Report {
        collisions,
        pairs: pairs.len(),
        compilations,
    })
}

/// The keys of a branch's errors, compiled once per tree.
fn keys(
    repo: &MemoryRepo,
    branch: &Branch,
    cache: &mut HashMap<Oid, Keys>,
    compilations: &mut usize,
) -> Result<Keys, SourceError> {
    if let Some(keys) = cache.get(&branch.side.tree) {
        return Ok(Rc::clone(keys));
    }
    let compilation = compile(&repo.source(&branch.name, branch.side)?)?;
    *compilations += 1;
    let keys = key_set(&compilation.diagnostics);
    cache.insert(branch.side.tree, Rc::clone(&keys));
    Ok(keys)
}

fn key_set(diagnostics: &[Diagnostic]) -> Keys {
    Rc::new(
        diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.rule.code, d.message.clone()))
            .collect(),
    )
}

/// The open branches of `origin`: every `refs/remotes/origin/*` but `HEAD` and the
/// default branch, left out when the default branch already holds it (merged).
pub fn open_branches(repo: &MemoryRepo, base: &Branch) -> Result<Vec<Branch>, SourceError> {
    let git = repo.repository();
    let references = git
        .references_glob("refs/remotes/origin/*")
        .map_err(|e| SourceError::new(format!("cannot list origin's branches: {}", e.message())))?;
    let mut found = Vec::new();
    for reference in references.flatten() {
        let name = reference.shorthand().unwrap_or_default().to_string();
        if name == "origin/HEAD" || name == base.name {
            continue;
        }
        let Ok(commit) = reference.peel_to_commit() else {
            continue;
        };
        let merged = commit.id() == base.side.commit
            || git
                .graph_descendant_of(base.side.commit, commit.id())
                .unwrap_or(false);
        if !merged {
            found.push(Branch {
                name,
                side: Side {
                    commit: commit.id(),
                    tree: commit.tree_id(),
                },
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// The default branch: what `origin/HEAD` points to, else the first of `origin/main`,
/// `origin/master`, `main` and `master` that exists.
pub fn default_branch(repo: &MemoryRepo) -> Result<String, SourceError> {
    let git = repo.repository();
    if let Ok(head) = git.find_reference("refs/remotes/origin/HEAD") {
        if let Ok(Some(target)) = head.symbolic_target() {
            return Ok(target.trim_start_matches("refs/remotes/").to_string());
        }
    }
    ["origin/main", "origin/master", "main", "master"]
        .into_iter()
        .find(|name| git.revparse_single(name).is_ok())
        .map(String::from)
        .ok_or_else(|| {
            SourceError::new("no default branch: neither origin/HEAD, main nor master exists")
                .with_help("name it with `--base BRANCH`")
        })
}
