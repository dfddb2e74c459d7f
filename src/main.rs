//! The `netsot` binary: parse arguments, run the command, map the outcome to an exit code.
#![deny(unsafe_code)]

mod alloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    alloc::configure();
    netsot::cli::main()
}
