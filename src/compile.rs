//! One compilation: load, resolve, check. The entry point for every command.

use crate::diag::{self, Diagnostic, FileId, SourceMap};
use crate::graph::{self, Graph};
use crate::load::{self, Loaded};
use crate::model::config::Config;
use crate::source::{Source, SourceError};

/// The outcome of compiling a repository: the files read, the resolved graph, and every
/// diagnostic, sorted.
pub struct Compilation {
    pub files: SourceMap,
    pub config: Config,
    /// The file `config` was read from; outputs' diagnostics point into it.
    pub config_file: FileId,
    pub graph: Graph,
    pub diagnostics: Vec<Diagnostic>,
    pub commit_time: Option<i64>,
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

/// One stage's wall time, and the process's peak memory when it ended.
#[derive(Clone, Debug)]
pub struct Timing {
    pub stage: &'static str,
    pub time: std::time::Duration,
    pub peak_kib: Option<u64>,
}

impl Timing {
    /// The stage that started at `start` and ends now.
    pub fn since(stage: &'static str, start: std::time::Instant) -> Timing {
        Timing {
            stage,
            time: start.elapsed(),
            peak_kib: peak_memory_kib(),
        }
    }
}

/// The steps of a stage, printed to stderr as they end when `NETSOT_TIMINGS=2`.
pub struct Steps {
    stage: &'static str,
    start: Option<std::time::Instant>,
}

impl Steps {
    pub fn new(stage: &'static str) -> Steps {
        let verbose = std::env::var("NETSOT_TIMINGS").as_deref() == Ok("2");
        Steps {
            stage,
            start: verbose.then(std::time::Instant::now),
        }
    }

    /// Ends the step `name`, which began when the previous one ended.
    pub fn done(&mut self, name: &str) {
        if let Some(start) = self.start {
            let step = format!("{}/{name}", self.stage);
            eprintln!(
                "timing: {step:<37} {:>9.3} s",
                start.elapsed().as_secs_f64()
            );
            self.start = Some(std::time::Instant::now());
        }
    }
}

/// The peak resident memory of this process so far (Linux's `VmHWM`), in KiB.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Compiles the repository `source`. Fails only if there is no repository to read.
pub fn compile(source: &Source) -> Result<Compilation, SourceError> {
    let start = std::time::Instant::now();
    let Loaded {
        files,
        config,
        config_file,
        model,
        mut diagnostics,
        commit_time,
        templates,
    } = load::load(source)?;
    let mut timings = vec![Timing::since("load", start)];
    // Config contexts that aliases blow up are refused before anything copies them.
    diagnostics.extend(crate::context::oversized(&model));
    let start = std::time::Instant::now();
    let (graph, resolve_diagnostics) = graph::build(model, &config);
    diagnostics.extend(resolve_diagnostics);
    timings.push(Timing::since("resolve", start));
    let start = std::time::Instant::now();
    diagnostics.extend(crate::check::run(
        &graph,
        &config,
        config_file.unwrap_or_default(),
    ));
    diag::sort_and_dedup(&mut diagnostics, &files);
    timings.push(Timing::since("check", start));
    Ok(Compilation {
        files,
        config,
        config_file: config_file.unwrap_or_default(),
        graph,
        diagnostics,
        commit_time,
        templates,
        timings,
    })
}
