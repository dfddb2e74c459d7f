//! `--merge-with REF` of `check` and `diff`: the head (the working tree or `--rev`) merged
//! with `REF` in memory, compiled, with git's textual conflicts as diagnostics (NS0008).

use std::path::Path;

use super::{AllowOutside, Failure};
use crate::compile::Compilation;
use crate::review::merge::{MemoryRepo, Side};
use crate::source::Source;

/// The head merged with `with`: the source of the merged tree, and its compilation with
/// the conflicts of the merge among its diagnostics.
pub fn compile_merged(
    path: Option<&Path>,
    rev: Option<&str>,
    with: &str,
    outside: &AllowOutside,
) -> Result<(Source, Compilation), Failure> {
    let start = match path {
        Some(path) => path.to_path_buf(),
        None => std::env::current_dir()
            .map_err(|e| Failure::new(format!("cannot read the current folder: {e}")))?,
    };
    let repo = MemoryRepo::open(&start)?;
    let ours = match rev {
        Some(rev) => repo.revision(rev)?,
        None => repo.working_tree()?,
    };
    let theirs = repo.revision(with)?;
    let merged = repo.merge(ours, theirs)?;
    let label = format!("{} merged with {with}", rev.unwrap_or("the working tree"));
    let side = Side {
        commit: ours.commit,
        tree: merged.tree,
    };
    let source = repo.source(&label, side)?.allow_outside(&outside.folders)?;
    let mut compilation = super::compile(&source)?;
    let prefix = source.repo_prefix();
    let conflicts = crate::review::conflict::diagnostics(
        &merged.conflicts,
        &prefix,
        with,
        &mut compilation.files,
    );
    compilation.diagnostics.extend(conflicts);
    crate::diag::sort_and_dedup(&mut compilation.diagnostics, &compilation.files);
    Ok((source, compilation))
}
