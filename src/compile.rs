//! One compilation: load, resolve, check. The entry point for every command.

use crate::diag::{self, Diagnostic, FileId, SourceMap};
use crate::graph::{self, Graph};
use crate::load::{self, Loaded};
use crate::model::config::Config;
use crate::source::{Source, SourceError};
use crate::timing::{Timing, Timings};

/// The outcome of compiling a repository: the files read, the resolved graph, and every
/// diagnostic, sorted.
pub struct Compilation {
    pub files: SourceMap,
    pub config: Config,
    /// The file `config` was read from; outputs' diagnostics point into it.
    pub config_file: FileId,
    /// Shared, so template values can hold it past a borrow (`render/template_view.rs`).
    pub graph: std::sync::Arc<Graph>,
    pub diagnostics: Vec<Diagnostic>,
    pub commit_time: Option<i64>,
    /// The compiled commit's id in hex, if any (HEAD's for a working tree).
    pub commit: Option<String>,
    /// The repository's folder inside its checkout (`net/`), empty at the top.
    pub repo_prefix: String,
    /// The user's templates, by name relative to the templates folder.
    pub templates: Vec<(String, FileId)>,
    /// How long each stage took, for `NETSOT_TIMINGS=1` and the benchmark.
    pub timings: Vec<Timing>,
}

impl Compilation {
    /// Every object, as NetBox would count them: the top-level objects, plus the
    /// interfaces (those instantiated from device types too) and the IP addresses nested
    /// under them.
    pub fn object_count(&self) -> usize {
        let standalone_ips = self.graph.model.ip_addresses.len();
        self.graph.model.object_count()
            + self.graph.interfaces.len()
            + self.graph.ip_addresses.len()
            - standalone_ips
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Compiles the repository `source`. Fails only if there is no repository to read.
pub fn compile(source: &Source) -> Result<Compilation, SourceError> {
    compile_timed(source, &Timings::off())
}

/// As [`compile`], reporting the steps of every stage into `timings`.
pub fn compile_timed(source: &Source, timings: &Timings) -> Result<Compilation, SourceError> {
    let start = std::time::Instant::now();
    let Loaded {
        files,
        config,
        config_file,
        model,
        mut diagnostics,
        commit_time,
        commit,
        repo_prefix,
        templates,
    } = load::load(source, timings)?;
    let mut stages = vec![Timing::since("load", start)];
    // Config contexts that aliases blow up are refused before anything copies them.
    diagnostics.extend(crate::context::oversized(&model));
    let start = std::time::Instant::now();
    let (graph, resolve_diagnostics) = graph::build(model, &config, timings);
    diagnostics.extend(resolve_diagnostics);
    stages.push(Timing::since("resolve", start));
    let start = std::time::Instant::now();
    diagnostics.extend(crate::check::run(
        &graph,
        &config,
        config_file.unwrap_or_default(),
        timings,
    ));
    diag::sort_and_dedup(&mut diagnostics, &files);
    stages.push(Timing::since("check", start));
    Ok(Compilation {
        files,
        config,
        config_file: config_file.unwrap_or_default(),
        graph: std::sync::Arc::new(graph),
        diagnostics,
        commit_time,
        commit,
        repo_prefix,
        templates,
        timings: stages,
    })
}
