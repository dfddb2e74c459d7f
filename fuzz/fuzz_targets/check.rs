//! The whole `check` of a repository whose one data file is the input, beside the example's
//! `netsot.yaml` and device types: loading, resolution, every rule, and the emitters.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use netsot::compile::compile;
use netsot::source::Source;

/// A repository in the temporary folder, made once per process: the example's
/// configuration and device types, and the data file each input replaces.
fn repository() -> &'static PathBuf {
    static REPOSITORY: OnceLock<PathBuf> = OnceLock::new();
    REPOSITORY.get_or_init(|| {
        let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples");
        let dir = std::env::temp_dir().join(format!("netsot-fuzz-check-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).expect("mkdir");
        std::fs::copy(example.join("netsot.yaml"), dir.join("netsot.yaml")).expect("copy");
        copy_tree(&example.join("device-types"), &dir.join("device-types"));
        dir
    })
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let destination = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &destination);
        } else {
            std::fs::copy(&path, &destination).expect("copy");
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let dir = repository();
    std::fs::write(dir.join("data/fuzz.yaml"), bytes).expect("write");
    let source = Source::open(Some(dir), None).expect("the repository opens");
    let compilation = compile(&source).expect("the repository compiles");
    let _ = netsot::diag::emit::human(&compilation.diagnostics, &compilation.files, false);
    for label in compilation.diagnostics.iter().flat_map(|d| d.primary.iter().chain(&d.secondary)) {
        let text = compilation.files.get(label.location.file).text.as_str();
        let span = label.location.span;
        assert!(span.start <= span.end, "a span that ends before it starts");
        assert!(text.is_char_boundary(span.start as usize), "a span outside its file");
        assert!(text.is_char_boundary(span.end as usize), "a span outside its file");
    }
});
