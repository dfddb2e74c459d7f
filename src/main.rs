//! The `netsot` binary: parse arguments, run the command, map the outcome to an exit code.

use std::process::ExitCode;

/// mimalloc: loading allocates millions of small strings and nodes on every thread, where
/// glibc's allocator took a quarter of the profile (see BENCHMARKS.md). Built without
/// transparent huge pages (`no_thp`): on a machine whose memory is fragmented the kernel
/// compacts memory to find each huge page, and `check` spent up to a second in it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the C enum's value; the crate leaves options
/// without constants, to be passed by value).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Never hand freed memory back to the OS: a run lives for seconds, and memory given
    // back is zeroed again by the kernel when it is reused, which cost a quarter of
    // `check`'s time on medium (BENCHMARKS.md). The OS takes everything back at exit.
    // SAFETY: called once, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    netsot::cli::main()
}
