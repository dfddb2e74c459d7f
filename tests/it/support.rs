//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use netsot::compile::{compile, Compilation};
use netsot::source::Source;

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared real-world data, beside the checkout.
pub fn shared_data() -> PathBuf {
    root().join("../shared/data")
}

/// Compiles the working tree at `path`.
pub fn compile_path(path: &Path) -> Compilation {
    let source = Source::open(Some(path), None)
        .unwrap_or_else(|e| panic!("cannot open {}: {}", path.display(), e.message));
    compile(&source).unwrap_or_else(|e| panic!("cannot compile {}: {}", path.display(), e.message))
}

/// Runs the `netsot` binary.
pub fn netsot(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_netsot"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("netsot runs")
}

/// Diagnostics as `CODE file:line:column: message` lines, for assertions on what a case
/// reports.
pub fn listed(diagnostics: &[netsot::diag::Diagnostic], compilation: &Compilation) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let position = d
                .primary
                .as_ref()
                .map(|label| netsot::diag::emit::position(label, &compilation.files))
                .unwrap_or_default();
            format!("{} {position}: {}\n", d.rule.code, d.message)
        })
        .collect()
}

/// The codes of a compilation's diagnostics, with their positions, one per line, for
/// readable assertion failures.
pub fn render(compilation: &Compilation) -> String {
    let mut out = String::new();
    for d in &compilation.diagnostics {
        let position = d
            .primary
            .as_ref()
            .map(|label| netsot::diag::emit::position(label, &compilation.files))
            .unwrap_or_default();
        out.push_str(&format!(
            "{} {} {}: {}\n",
            d.rule.code,
            d.severity.as_str(),
            position,
            d.message
        ));
    }
    out
}

/// Writes a small repository into a fresh temporary folder.
pub fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// The path of a consumer tool (named-checkzone, promtool, ...), or `None` with a loud
/// notice when it is not installed. Under `NETSOT_REQUIRE_CONSUMERS=1` (set by `.ci/run`)
/// a missing tool fails the test instead.
pub fn consumer_tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .chain(["/usr/sbin".into(), "/sbin".into()])
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        if std::env::var("NETSOT_REQUIRE_CONSUMERS").as_deref() == Ok("1") {
            panic!("`{name}` is not installed, and NETSOT_REQUIRE_CONSUMERS=1 requires it");
        }
        eprintln!(
            "\n*** SKIPPED: `{name}` is not installed; the output it validates was NOT checked \
             by its real consumer. Install it (see .ci/run) to run this test. ***\n"
        );
    }
    found
}

/// Compiles and renders the working tree at `path`, failing on any error.
pub fn build_path(path: &Path) -> netsot::render::Rendered {
    let compilation = compile_path(path);
    assert!(
        !compilation.has_errors(),
        "{} has errors:\n{}",
        path.display(),
        render(&compilation)
    );
    netsot::render::render(&compilation)
}

/// Copies a folder recursively (for broken copies of the example).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs git in `dir` with a fixed identity and no system configuration.
pub fn git(dir: &Path, args: &[&str]) {
    git_as(dir, "t", "2026-01-01T00:00:00Z", args);
}

/// Runs git in `dir` as `author`, with author and committer dates set to `date`.
pub fn git_as(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            &format!("user.name={author}"),
            "-c",
            "user.email=t@example.net",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Held by every test that pushes the example into the shared NetBox: the example's
/// objects have fixed names, so two pushes at once would both create them and NetBox would
/// refuse the second (`... already exists`). A test that failed while holding it leaves it
/// poisoned; the others go on.
pub fn example_in_netbox() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The running NetBox the bridge's tests use: `(NETBOX_URL, NETBOX_TOKEN)`, or `None` with
/// a loud notice when the variables are not set. Under `NETSOT_REQUIRE_NETBOX=1` (set by
/// `.ci/run`, which starts NetBox) a missing NetBox fails the test instead.
pub fn netbox_env() -> Option<(String, String)> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (var("NETBOX_URL"), var("NETBOX_TOKEN")) {
        (Some(url), Some(token)) => Some((url, token)),
        _ => {
            if std::env::var("NETSOT_REQUIRE_NETBOX").as_deref() == Ok("1") {
                panic!(
                    "NETBOX_URL and NETBOX_TOKEN are not set, and NETSOT_REQUIRE_NETBOX=1 \
                     requires a running NetBox (../shared/netbox/start)"
                );
            }
            eprintln!(
                "\n*** SKIPPED: NetBox not running (NETBOX_URL and NETBOX_TOKEN are not set); \
                 the NetBox bridge was NOT tested. Start one with ../shared/netbox/start (see \
                 .ci/run). ***\n"
            );
            None
        }
    }
}

/// Codes only a running NetBox can report (its refusals of a push): no rule fixture can
/// trigger them offline, so they are proven by `netbox_push.rs` instead of fixtures.
pub const LIVE_NETBOX_CODES: &[&str] = &["NS0901"];

/// Codes only `netsot build` of a git work tree with uncommitted changes reports: a fixture
/// folder is no git repository, so `tests/it/dns_serial.rs` proves them instead.
pub const GIT_STATE_CODES: &[&str] = &["NS0813"];
/// Codes only a merge of two git branches can report (textual conflicts): a rule fixture
/// is one folder, so `merge.rs` proves them with real repositories instead.
pub const MERGE_CODES: &[&str] = &["NS0008"];
