//! The house's layout rules, checked on the source tree: only `cli/` (and `main.rs`) print,
//! and no source file grows past 800 lines, except the code table when it is pure data.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 800;

/// Every `.rs` file under `src/`, sorted.
fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    files
}

/// The path relative to `src/`, with forward slashes.
fn relative(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    path.strip_prefix(&src)
        .expect("under src/")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The lines of `text` that are code: comments and blank lines left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with("//"))
}

/// Whether a code line calls a macro that writes to stdout or stderr.
fn prints(line: &str) -> bool {
    ["println!", "eprintln!", "print!", "eprint!", "dbg!"]
        .iter()
        .any(|mac| {
            line.match_indices(mac).any(|(at, _)| {
                // `eprint!` contains `print!`: only a macro name that starts a word counts.
                !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        })
}

#[test]
fn only_cli_and_main_print() {
    let mut found = Vec::new();
    for path in sources() {
        let name = relative(&path);
        if name == "main.rs" || name.starts_with("cli/") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for (line_number, line) in code_lines(&text) {
            if prints(line) {
                found.push(format!("src/{name}:{line_number}: {line}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/cli/ and src/main.rs print; hand these up instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_print_finder_sees_every_print_macro_and_nothing_else() {
    assert!(prints(r#"eprintln!("timing: {x}");"#));
    assert!(prints(r#"println!();"#));
    assert!(prints(r#"let _ = dbg!(value);"#));
    assert!(prints(r#"eprint!("no newline");"#));
    assert!(!prints(r#"writeln!(out, "to a buffer")?;"#));
    assert!(!prints(r#"let reprint!"#));
}

/// Whether a file of the code table holds nothing but rules: its code lines are the import
/// of the macro, the macro's braces and one `NAME = ("NSxxxx", "name", Severity);` per rule.
fn is_pure_table(text: &str) -> bool {
    code_lines(text).all(|(_, line)| {
        line == "use crate::diag::rule::rules;"
            || line == "rules! {"
            || line == "}"
            || (line.contains(" = (\"NS") && line.ends_with(");"))
    })
}

#[test]
fn no_source_file_is_over_800_lines() {
    let mut long = Vec::new();
    for path in sources() {
        let name = relative(&path);
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        let lines = text.lines().count();
        if lines <= MAX_LINES {
            continue;
        }
        if is_table_file(&name) && is_pure_table(&text) {
            continue;
        }
        long.push(format!("src/{name}: {lines} lines"));
    }
    assert!(
        long.is_empty(),
        "split these files by concern (at most {MAX_LINES} lines each):\n{}",
        long.join("\n")
    );
}

/// The files of the code table, one per family; `mod.rs` joins them and is code.
fn is_table_file(name: &str) -> bool {
    name.starts_with("diag/codes/") && name != "diag/codes/mod.rs"
}

#[test]
fn the_code_table_is_pure_data() {
    let tables: Vec<_> = sources()
        .into_iter()
        .filter(|path| is_table_file(&relative(path)))
        .collect();
    assert!(tables.len() >= 9, "one table file per family");
    for path in tables {
        let text = std::fs::read_to_string(&path).expect("a file of the code table");
        assert!(
            is_pure_table(&text),
            "src/{} must hold only rules; code belongs in src/diag/rule.rs or codes/mod.rs",
            relative(&path)
        );
    }
    assert!(!is_pure_table("rules! {\nfn helper() {}\n}\n"));
}
