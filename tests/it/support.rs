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
