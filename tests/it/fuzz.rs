//! A mutation fuzzer with a fixed seed and budget, run by every `cargo test`: it needs no
//! nightly toolchain, and what it explores is the same on every machine, so a failure is
//! reproducible by running the test again. `NETSOT_FUZZ_ITERATIONS=N` raises the budget of
//! each target for long runs (and `NETSOT_FUZZ_SEED=N` explores elsewhere); the cargo-fuzz
//! targets in `fuzz/` do the same with coverage guidance where a nightly toolchain exists.
//!
//! The seeds are the example's YAML files and every rule fixture's; a mutation flips bits,
//! drops YAML's indicators in, truncates, duplicates or deletes lines, and splices seeds
//! together. Two targets: the loader on one file's text (the YAML wrapper, the tree builder
//! and the deserializer), and the whole `check` of the example with one file mutated. Both
//! must never panic and must give diagnostics whose spans lie inside their files.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use netsot::diag::{Diagnostic, FileId, SourceMap};
use netsot::load::{de, parse_tree};
use netsot::model::device_type::DeviceType;

use crate::support::{compile_path, root};

/// The default budget of the loader target: a second or two in a debug build.
const LOADER_ITERATIONS: usize = 3000;
/// The default budget of the `check` target: each run compiles the whole example.
const CHECK_ITERATIONS: usize = 40;

#[test]
fn the_loader_never_panics_and_its_spans_stay_in_the_file() {
    let seeds = seeds();
    let mut random = Random::new(seed());
    for iteration in 0..iterations(LOADER_ITERATIONS) {
        let bytes = mutate(&seeds, &mut random);
        let text = String::from_utf8_lossy(&bytes);
        let result = catch_unwind(AssertUnwindSafe(|| load_one(&text)));
        match result {
            Ok(spans) => {
                for (start, end) in spans {
                    assert!(
                        start <= end && text.is_char_boundary(start) && text.is_char_boundary(end),
                        "iteration {iteration}: span {start}..{end} outside the text or \
                         inside a character, of {}",
                        reproducer(&bytes)
                    );
                }
            }
            Err(_) => panic!(
                "iteration {iteration}: the loader panicked on {}",
                reproducer(&bytes)
            ),
        }
    }
}

#[test]
fn check_never_panics_and_its_spans_stay_in_their_files() {
    let seeds = seeds();
    let mut random = Random::new(seed() ^ 0x5eed);
    let repository = tempfile::tempdir().expect("tempdir");
    copy_yaml_tree(&root().join("examples"), repository.path());
    let targets: Vec<PathBuf> = yaml_files(repository.path());
    for iteration in 0..iterations(CHECK_ITERATIONS) {
        let target = &targets[random.below(targets.len())];
        let original = std::fs::read(target).expect("read");
        // Mostly the file's own text mutated; sometimes a mutated seed in its place.
        let bytes = if random.below(4) == 0 {
            mutate(&seeds, &mut random)
        } else {
            mutate_one(&original, &seeds, &mut random)
        };
        std::fs::write(target, &bytes).expect("write");
        let result = catch_unwind(AssertUnwindSafe(|| {
            let compilation = compile_path(repository.path());
            // The emitters turn spans into lines and columns and cut source lines out.
            let _ = netsot::diag::emit::human(&compilation.diagnostics, &compilation.files, false);
            let _ = netsot::diag::emit::json(&compilation.diagnostics, &compilation.files);
            misplaced_spans(&compilation.diagnostics, &compilation.files)
        }));
        let relative = target.strip_prefix(repository.path()).unwrap_or(target);
        match result {
            Ok(misplaced) => assert!(
                misplaced.is_empty(),
                "iteration {iteration}: spans outside their files ({misplaced:?}) with {} as {}",
                reproducer(&bytes),
                relative.display()
            ),
            Err(_) => panic!(
                "iteration {iteration}: check panicked with {} as {}",
                reproducer(&bytes),
                relative.display()
            ),
        }
        std::fs::write(target, original).expect("restore");
    }
}

/// Parses and deserializes one file's text as the loader does, and returns the spans of
/// the diagnostics it gave.
fn load_one(text: &str) -> Vec<(usize, usize)> {
    let file = FileId(0);
    let arena = bumpalo::Bump::new();
    let mut diagnostics = Vec::new();
    if let Some(root) = parse_tree(file, text, &arena, &mut diagnostics) {
        let context = de::Context::new(file, netsot::diag::Severity::Warning);
        let _ = de::from_node::<DeviceType>(&root, &context);
        let _ = de::from_node::<serde_json::Value>(&root, &context);
        diagnostics.extend(context.diagnostics.into_inner());
    }
    diagnostics
        .iter()
        .flat_map(|d| d.primary.iter().chain(&d.secondary))
        .map(|label| {
            let span = label.location.span;
            (span.start as usize, span.end as usize)
        })
        .collect()
}

/// The labels whose span is not inside its file, with the file's path.
fn misplaced_spans(diagnostics: &[Diagnostic], files: &SourceMap) -> Vec<(String, u32, u32)> {
    let mut misplaced = Vec::new();
    for label in diagnostics
        .iter()
        .flat_map(|d| d.primary.iter().chain(&d.secondary))
    {
        let file = files.get(label.location.file);
        let span = label.location.span;
        let text = file.text.as_str();
        let inside = span.start <= span.end
            && text.is_char_boundary(span.start as usize)
            && text.is_char_boundary(span.end as usize);
        if !inside {
            misplaced.push((file.path.clone(), span.start, span.end));
        }
    }
    misplaced
}

/// The example's YAML files and every rule fixture's that can be read, each as bytes.
fn seeds() -> Vec<Vec<u8>> {
    let mut paths = yaml_files(&root().join("examples"));
    paths.extend(yaml_files(&root().join("tests/fixtures/rules")));
    paths.sort();
    // Some fixtures are links that lead nowhere on purpose; they have no text to seed with.
    paths
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .collect()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Copies the YAML files of `from` (and the templates, which `check` reads) into `to`.
fn copy_yaml_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let destination = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            std::fs::create_dir_all(&destination).expect("mkdir");
            copy_yaml_tree(&path, &destination);
        } else {
            std::fs::copy(&path, &destination).expect("copy");
        }
    }
}

/// A seed mutated one to four times.
fn mutate(seeds: &[Vec<u8>], random: &mut Random) -> Vec<u8> {
    let seed = &seeds[random.below(seeds.len())];
    mutate_one(seed, seeds, random)
}

/// YAML's indicators and the characters that change its structure, dropped in whole.
const INDICATORS: &[&str] = &[
    "-",
    "- ",
    ":",
    ": ",
    "?",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&a",
    "!",
    "!!str ",
    "|",
    "|-",
    ">",
    ">+2",
    "'",
    "\"",
    "%YAML 1.2\n",
    "---\n",
    "...\n",
    "#",
    "@",
    "`",
    "\t",
    "\n",
    "\r\n",
    " ",
    "    ",
    "\u{feff}",
    "é",
    "\\",
    "\\u",
    "\\x",
    "<<: ",
    "~",
    "null",
    "0x",
    "1e9999",
    "-.inf",
    "2001:db8::/32",
    "10.0.0.0/8",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
];

fn mutate_one(seed: &[u8], seeds: &[Vec<u8>], random: &mut Random) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + random.below(4) {
        let at = random.below(bytes.len() + 1);
        match random.below(7) {
            0 if !bytes.is_empty() => {
                let at = at.min(bytes.len() - 1);
                bytes[at] ^= 1 << random.below(8);
            }
            1 | 2 => {
                let indicator = INDICATORS[random.below(INDICATORS.len())];
                bytes.splice(at..at, indicator.bytes());
            }
            3 => bytes.truncate(at),
            4 => {
                // A whole line duplicated below itself.
                let (start, end) = line_around(&bytes, at);
                let line = bytes[start..end].to_vec();
                bytes.splice(end..end, line);
            }
            5 => {
                // A piece of another seed in place of a piece of this one.
                let other = &seeds[random.below(seeds.len())];
                let from = random.below(other.len() + 1);
                let to = (from + random.below(200)).min(other.len());
                let replaced = (at + random.below(100)).min(bytes.len());
                bytes.splice(at..replaced, other[from..to].iter().copied());
            }
            _ => {
                let (start, end) = line_around(&bytes, at);
                bytes.drain(start..end);
            }
        }
    }
    bytes
}

/// The line holding byte `at`, with its newline.
fn line_around(bytes: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(bytes.len());
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1);
    (start, end)
}

/// An input as a Rust string literal, to paste into a regression test.
fn reproducer(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

fn iterations(default: usize) -> usize {
    std::env::var("NETSOT_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn seed() -> u64 {
    std::env::var("NETSOT_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// The benchmark generator's SplitMix64: a fixed, seedable sequence is all a fuzzer with a
/// fixed budget needs, with no dependency whose sequence could change.
struct Random(netsot::dev::generate::Rng);

impl Random {
    fn new(seed: u64) -> Random {
        Random(netsot::dev::generate::Rng::new(seed, 0))
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.0.next_u64() % n as u64) as usize
        }
    }
}
