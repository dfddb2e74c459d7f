//! What a panic does: a short bug report on stderr and exit code 2, never Rust's 101.
//!
//! A panic is netsot's bug, never the user's: every mistake in a repository is a diagnostic.
//! The hook prints what to report and where, once, whichever thread panicked first; the
//! command runs under `catch_unwind`, and rayon hands a worker's panic on to the thread that
//! waits for it, so every panic of a command ends there and maps to the exit code of a tool
//! that could not run.

use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Runs a command; a panic anywhere in it prints a bug report and gives exit code 2.
pub fn guard(command: impl FnOnce() -> ExitCode) -> ExitCode {
    panic::set_hook(Box::new(report));
    match panic::catch_unwind(AssertUnwindSafe(command)) {
        Ok(code) => code,
        Err(_) => ExitCode::from(2),
    }
}

/// Whether a bug report was printed: threads that panic after the first add only their
/// own message and place.
static REPORTED: AtomicBool = AtomicBool::new(false);

fn report(info: &PanicHookInfo<'_>) {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    let place = info
        .location()
        .map(|location| format!(" at {}:{}", location.file(), location.line()))
        .unwrap_or_default();
    if REPORTED.swap(true, Ordering::SeqCst) {
        eprintln!("error: netsot also panicked{place}: {message}");
        return;
    }
    let command: Vec<String> = std::env::args().collect();
    eprintln!(
        "error: netsot panicked{place}: {message}\n\
         This is a bug in netsot, not in your repository.\n\
         help: please report it on netsot's issue tracker with:\n  \
         - the version: netsot {}\n  \
         - the command: {}\n  \
         - if you can, the files it read (or the smallest part of them that still panics)",
        env!("CARGO_PKG_VERSION"),
        command.join(" "),
    );
}
