//! One compilation: load, resolve, check. The entry point for every command.

use crate::diag::{self, Diagnostic, SourceMap};
use crate::load::{self, Loaded};
use crate::model::config::Config;
use crate::model::Model;
use crate::source::{Source, SourceError};

/// The outcome of compiling a repository: the files read, the model, and every diagnostic,
/// sorted.
pub struct Compilation {
    pub files: SourceMap,
    pub config: Config,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    pub commit_time: Option<i64>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Compiles the repository `source`. Fails only if there is no repository to read.
pub fn compile(source: &Source) -> Result<Compilation, SourceError> {
    let Loaded { files, config, config_file: _, model, mut diagnostics, commit_time } = load::load(source)?;
    diag::sort_and_dedup(&mut diagnostics, &files);
    Ok(Compilation { files, config, model, diagnostics, commit_time })
}
