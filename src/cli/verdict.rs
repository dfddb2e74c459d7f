//! One verdict for `check`, `build` and `diff`: a repository is good when it compiles
//! without errors and every configured output renders without errors.
//!
//! Rendering is part of the verdict because a repository that compiles can still be one
//! the outputs refuse (two addresses claiming one PTR name, NS0803; a broken template,
//! NS0810). `check` renders in memory and writes nothing; `check --no-render` skips it.

use crate::compile::Compilation;
use crate::diag::{self, Diagnostic};
use crate::render::Rendered;
use crate::timing::Timing;

use super::Failure;

/// A compilation, its rendered outputs when it had no errors, and every diagnostic of
/// both, sorted.
pub struct Verdict {
    pub compilation: Compilation,
    /// `None` when the compilation had errors (renderers run only on a clean graph) or
    /// rendering was not asked for.
    pub rendered: Option<Rendered>,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Vec<Timing>,
}

impl Verdict {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The rendered files, when the outputs rendered without errors.
    pub fn files(&self) -> Option<&[crate::render::RenderedFile]> {
        match &self.rendered {
            Some(rendered) if !self.has_errors() => Some(&rendered.files),
            _ => None,
        }
    }
}

/// Compiles `source` and, when `render` is set and the compilation has no errors, renders
/// every output in memory.
pub fn verdict(source: &crate::source::Source, render: bool) -> Result<Verdict, Failure> {
    let compilation = super::compile(source)?;
    Ok(judge(compilation, render))
}

/// As [`verdict`], for a compilation already made.
pub fn judge(compilation: Compilation, render: bool) -> Verdict {
    let mut diagnostics = compilation.diagnostics.clone();
    let mut timings = compilation.timings.clone();
    let rendered = if render && !compilation.has_errors() {
        let start = std::time::Instant::now();
        let rendered = super::render(&compilation);
        timings.push(Timing::since("render", start));
        diagnostics.extend(rendered.diagnostics.iter().cloned());
        diag::sort_and_dedup(&mut diagnostics, &compilation.files);
        Some(rendered)
    } else {
        None
    };
    Verdict {
        compilation,
        rendered,
        diagnostics,
        timings,
    }
}
