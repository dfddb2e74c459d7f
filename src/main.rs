//! The `netsot` binary: parse arguments, run the command, map the outcome to an exit code.

use std::process::ExitCode;

/// mimalloc: loading allocates millions of small strings and nodes on every thread, where
/// glibc's allocator took a quarter of the profile (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    netsot::cli::main()
}
