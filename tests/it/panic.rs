//! A panic is a bug report and exit code 2, never Rust's 101 and a backtrace hint alone.

use crate::support::{netsot, root};

#[test]
fn a_panic_on_a_worker_thread_exits_2_with_a_bug_report() {
    let output = netsot(&["dev", "panic"], &root());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("netsot panicked at src/cli/dev.rs")
            && stderr.contains("`netsot dev panic` panics on purpose"),
        "{stderr}"
    );
    assert!(
        stderr.contains("This is a bug in netsot, not in your repository"),
        "{stderr}"
    );
    assert!(
        stderr.contains("report it on netsot's issue tracker"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("netsot {}", env!("CARGO_PKG_VERSION"))),
        "{stderr}"
    );
    assert!(
        stderr.contains("the command: ") && stderr.contains(" dev panic"),
        "{stderr}"
    );
    // One report, whichever thread panicked: rayon hands the panic on without a second one.
    assert_eq!(stderr.matches("netsot panicked").count(), 1, "{stderr}");
}

#[test]
fn the_hidden_panic_command_is_not_in_the_help() {
    let output = netsot(&["dev", "--help"], &root());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout.contains("parse") && !stdout.contains("panic"),
        "{stdout}"
    );
}
