//! How long the stages and their steps took: recorded here, printed by `cli/` only.
//!
//! This module sits below every stage and depends on nothing of netsot, so that `load/`,
//! `graph/`, `check/` and `render/` can time their steps without importing `compile`
//! (which imports them). A stage receives a [`Timings`] sink and reports into it; the CLI
//! decides from `NETSOT_TIMINGS` whether steps are recorded at all and writes them out.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One stage's wall time, and the process's peak memory when it ended.
#[derive(Clone, Debug)]
pub struct Timing {
    pub stage: &'static str,
    pub time: Duration,
    pub peak_kib: Option<u64>,
}

impl Timing {
    /// The stage that started at `start` and ends now.
    pub fn since(stage: &'static str, start: Instant) -> Timing {
        Timing {
            stage,
            time: start.elapsed(),
            peak_kib: peak_memory_kib(),
        }
    }
}

/// The peak resident memory of this process so far (Linux's `VmHWM`), in KiB.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One step of a stage: its name (`resolve/dcim/racks`) and how long it took.
#[derive(Clone, Debug, PartialEq)]
pub struct StepTime {
    pub name: String,
    pub time: Duration,
}

/// Where stages report their steps. Off (the default), it records nothing and reads no
/// clock, so timing costs nothing in a normal run.
///
/// Steps that run in parallel (the rule families, the renderers) report through the lock;
/// steps are few (tens per run), so it is never contended in a way that shows.
#[derive(Debug, Default)]
pub struct Timings {
    enabled: bool,
    steps: Mutex<Vec<StepTime>>,
}

impl Timings {
    /// A sink that records steps when `enabled`.
    pub fn new(enabled: bool) -> Timings {
        Timings {
            enabled,
            steps: Mutex::new(Vec::new()),
        }
    }

    /// A sink that records nothing.
    pub fn off() -> Timings {
        Timings::default()
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Records a step that took `time`.
    pub fn record(&self, name: String, time: Duration) {
        if self.enabled {
            self.steps
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(StepTime { name, time });
        }
    }

    /// Runs `work` as the step `name` and records how long it took.
    pub fn time<R>(&self, name: impl FnOnce() -> String, work: impl FnOnce() -> R) -> R {
        if !self.enabled {
            return work();
        }
        let start = Instant::now();
        let result = work();
        self.record(name(), start.elapsed());
        result
    }

    /// A recorder of consecutive steps of `stage`.
    pub fn steps(&self, stage: &'static str) -> Steps<'_> {
        Steps {
            timings: self,
            stage,
            start: self.enabled.then(Instant::now),
        }
    }

    /// The steps recorded so far, in the order they ended; the sink is left empty.
    pub fn take(&self) -> Vec<StepTime> {
        std::mem::take(
            &mut *self
                .steps
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

/// Consecutive steps of a stage: each step begins when the previous one ended.
pub struct Steps<'t> {
    timings: &'t Timings,
    stage: &'static str,
    start: Option<Instant>,
}

impl Steps<'_> {
    /// Ends the step `name`, which began when the previous one ended.
    pub fn done(&mut self, name: &str) {
        if let Some(start) = self.start {
            self.timings
                .record(format!("{}/{name}", self.stage), start.elapsed());
            self.start = Some(Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enabled_sink_keeps_steps_in_order_and_an_off_one_keeps_none() {
        let timings = Timings::new(true);
        let mut steps = timings.steps("load");
        steps.done("read");
        steps.done("parse");
        let value = timings.time(|| "check/ipam".to_owned(), || 42);
        assert_eq!(value, 42);
        let names: Vec<String> = timings.take().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["load/read", "load/parse", "check/ipam"]);
        assert!(timings.take().is_empty());

        let off = Timings::off();
        off.steps("load").done("read");
        assert_eq!(off.time(|| unreachable!(), || 7), 7);
        assert!(off.take().is_empty());
    }
}
