//! Issue 12: a hostile repository. Reads stay inside the repository unless the user
//! allows a folder; a git revision's objects are untrusted; the working tree and a
//! revision of the same commit see the same files; no message quotes a whole document.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use netsot::compile::compile;
use netsot::source::Source;

use crate::support::{git, render, repo};

const SITE: &str = "sites:\n  - name: ams1\n";

/// Runs netsot, failing the test if it has not finished after two minutes (a hang). The
/// output is read by a thread while waiting, so a large report cannot fill the pipe.
fn run(args: &[&str], dir: &Path) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_netsot"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("NETSOT_TEST_SECRET", "hunter2-environment-secret")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("netsot runs");
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(Duration::from_secs(120)) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("netsot {args:?} did not finish");
        }
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Compiles the working tree, or a revision, of `path` and lists the diagnostics.
fn codes_at(path: &Path, rev: Option<&str>) -> String {
    let source = Source::open(Some(path), rev).unwrap_or_else(|e| panic!("{}", e.message));
    render(&compile(&source).unwrap_or_else(|e| panic!("{}", e.message)))
}

fn commit_all(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "state"]);
}

fn git_output(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn loose_path(dir: &Path, id: &str) -> std::path::PathBuf {
    dir.join(".git/objects").join(&id[..2]).join(&id[2..])
}

#[test]
fn a_netsot_yaml_linking_to_a_key_is_refused_and_never_printed() {
    let outside = tempfile::tempdir().expect("tempdir");
    let key = outside.path().join("id_rsa");
    std::fs::write(
        &key,
        "-----BEGIN OPENSSH PRIVATE KEY-----\nSECRET-KEY-MATERIAL\n",
    )
    .unwrap();
    let dir = repo(&[("data/sites.yaml", SITE)]);
    symlink(&key, dir.path().join("netsot.yaml")).unwrap();
    for format in ["github", "human", "json"] {
        let output = run(&["check", "--format", format], dir.path());
        let all = text(&output);
        assert_eq!(output.status.code(), Some(2), "{all}");
        assert!(all.contains("outside the repository"), "{all}");
        assert!(!all.contains("SECRET-KEY-MATERIAL"), "{all}");
    }
    // The same link committed: a revision refuses it the same way.
    commit_all(dir.path());
    let output = run(
        &["check", "--rev", "HEAD", "--format", "github"],
        dir.path(),
    );
    let all = text(&output);
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(all.contains("outside the repository"), "{all}");
}

#[test]
fn a_netsot_yaml_linking_to_the_environment_is_refused() {
    let dir = repo(&[("data/sites.yaml", SITE)]);
    symlink("/proc/self/environ", dir.path().join("netsot.yaml")).unwrap();
    let output = run(&["check"], dir.path());
    let all = text(&output);
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(!all.contains("hunter2-environment-secret"), "{all}");
}

#[test]
fn a_netsot_yaml_linking_inside_the_repository_is_followed_in_both() {
    let dir = repo(&[
        ("config/netsot.yaml", "version: 1\n"),
        ("data/sites.yaml", SITE),
    ]);
    symlink("config/netsot.yaml", dir.path().join("netsot.yaml")).unwrap();
    commit_all(dir.path());
    assert_eq!(codes_at(dir.path(), None), "");
    assert_eq!(codes_at(dir.path(), Some("HEAD")), "");
}

#[test]
fn configured_paths_outside_are_refused_unless_the_user_allows_them() {
    let parent = tempfile::tempdir().expect("tempdir");
    let net = parent.path().join("net");
    let shared = parent.path().join("shared");
    std::fs::create_dir_all(net.join("data")).unwrap();
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(net.join("data/sites.yaml"), SITE).unwrap();
    std::fs::write(shared.join("more.yaml"), "sites:\n  - name: fra1\n").unwrap();
    std::fs::write(
        net.join("netsot.yaml"),
        "version: 1\n\
         data: [data/, ../shared/, ../../../../../../../../../proc/self/environ]\n\
         device_types: [../../../../../../../../../etc/]\n\
         templates: /etc\n",
    )
    .unwrap();
    let output = run(&["check", "--format", "github"], &net);
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert_eq!(all.matches("NS0006").count(), 4, "{all}");
    assert!(!all.contains("hunter2-environment-secret"), "{all}");
    assert!(!all.contains("root:"), "{all}");

    // Nothing outside was read: one file (netsot.yaml) plus the site file.
    let source = Source::open(Some(&net), None).unwrap();
    let compilation = compile(&source).unwrap();
    assert_eq!(compilation.graph.model.sites.len(), 1);

    // The user allows `shared/`: that path is read, the others stay refused.
    let source = Source::open(Some(&net), None)
        .and_then(|source| source.allow_outside(std::slice::from_ref(&shared)))
        .unwrap();
    let compilation = compile(&source).unwrap();
    assert_eq!(compilation.graph.model.sites.len(), 2);
    assert_eq!(render(&compilation).matches("NS0006").count(), 3);
    let output = run(
        &["check", "--allow-outside", shared.to_str().unwrap()],
        &net,
    );
    assert_eq!(text(&output).matches("NS0006").count(), 3);
}

#[test]
fn a_wrong_type_on_a_huge_one_line_document_prints_a_short_prefix() {
    let huge = format!("SECRET{}", "A".repeat(100_000));
    // One plain scalar over 5,000 lines: its label covers them all.
    let lines = format!("SECRET\n{}", "  B\n".repeat(5_000));
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/blob.yaml", &huge),
        ("data/lines.yaml", &lines),
        ("data/sites.yaml", SITE),
    ]);
    for format in ["human", "github", "json", "sarif"] {
        let output = run(&["check", "--format", format], dir.path());
        let all = text(&output);
        assert_eq!(output.status.code(), Some(1), "{format}: {all}");
        assert!(
            all.contains("NS0104") || all.contains("wrong-type"),
            "{all}"
        );
        // SARIF carries every rule's documentation, as text and as Markdown with JSON
        // escapes (bounded by four times its size, which grows with the code table); the
        // others are a few lines. The
        // documentation holds many a capital `A` and `B`, but not `AA` or an indented `B`.
        let documentation: usize = netsot::diag::codes::ALL.iter().map(|r| r.doc.len()).sum();
        let bound = if format == "sarif" {
            4 * documentation + 20_000
        } else {
            4_000
        };
        assert!(
            all.len() < bound
                && all.matches("AA").count() < 500
                && all.matches("  B").count() < 100,
            "{format}: {} bytes",
            all.len()
        );
    }
    // netsot.yaml as one long string: its wrong type quotes at most a short prefix.
    std::fs::write(dir.path().join("netsot.yaml"), &huge).unwrap();
    let output = run(&["check", "--format", "github"], dir.path());
    let all = text(&output);
    assert!(all.len() < 4_000, "{} bytes: {}", all.len(), &all[..500]);
    assert!(all.contains("SECRETAAAA"), "the prefix is quoted: {all}");
}

#[test]
fn a_corrupt_tree_in_a_revision_is_a_failure_naming_the_object() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/sites.yaml", SITE)]);
    commit_all(dir.path());
    let tree = git_output(dir.path(), &["rev-parse", "HEAD:data"]);
    let path = loose_path(dir.path(), &tree);
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    #[allow(
        clippy::permissions_set_readonly_false,
        reason = "the test overwrites git's read-only object"
    )]
    permissions.set_readonly(false);
    std::fs::set_permissions(&path, permissions).unwrap();
    std::fs::write(&path, b"garbage, not a zlib stream").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "build",
            "--rev",
            "HEAD",
            "--out",
            out.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    let all = text(&output);
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(all.contains(&tree), "{all}");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());

    // A missing tree object is the same failure.
    std::fs::remove_file(&path).unwrap();
    let output = run(&["check", "--rev", "HEAD"], dir.path());
    let all = text(&output);
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(all.contains(&tree), "{all}");
}

/// Truncates a loose object to half its size.
fn truncate(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    #[allow(
        clippy::permissions_set_readonly_false,
        reason = "the test overwrites git's read-only object"
    )]
    permissions.set_readonly(false);
    std::fs::set_permissions(path, permissions).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
}

#[test]
fn a_truncated_loose_object_is_a_failure_not_a_hang() {
    let long_site = format!(
        "sites:\n  - name: ams1\n    description: {}\n",
        "x".repeat(5000)
    );
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/sites.yaml", &long_site),
    ]);
    commit_all(dir.path());
    let blob = git_output(dir.path(), &["rev-parse", "HEAD:data/sites.yaml"]);
    truncate(&loose_path(dir.path(), &blob));
    let output = run(&["check", "--rev", "HEAD"], dir.path());
    let all = text(&output);
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(
        all.contains(&blob) && all.contains("data/sites.yaml"),
        "{all}"
    );

    // The commit itself truncated: the revision cannot be opened.
    let commit = git_output(dir.path(), &["rev-parse", "HEAD"]);
    truncate(&loose_path(dir.path(), &commit));
    let output = run(&["check", "--rev", "HEAD"], dir.path());
    let all = text(&output);
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(all.contains(&commit), "{all}");
}

#[test]
fn a_compression_bomb_is_refused_by_its_header() {
    use std::io::Write as _;
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/sites.yaml", SITE)]);
    commit_all(dir.path());
    // A loose blob whose header announces 2 GiB, followed by 2 MiB of zeros: read by its
    // header alone it is too large; inflating it would find the stream short (an error).
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(b"blob 2147483648\0").unwrap();
    encoder.write_all(&vec![0; 2 << 20]).unwrap();
    let bytes = encoder.finish().unwrap();
    let fake = "5a".repeat(20);
    let path = loose_path(dir.path(), &fake);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    git(
        dir.path(),
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("100644,{fake},data/bomb.yaml"),
        ],
    );
    git(dir.path(), &["commit", "-qm", "bomb"]);
    let output = run(&["check", "--rev", "HEAD"], dir.path());
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(
        all.contains("NS0002") && all.contains("2147483648"),
        "{all}"
    );
}

/// Writes a commit holding `data/` nested `depth` folders deep, with a file at the bottom,
/// built bottom-up with git2 (no checkout could hold it).
fn deep_commit(dir: &Path, depth: usize) {
    let repository = git2::Repository::init(dir).unwrap();
    let blob = repository.blob(SITE.as_bytes()).unwrap();
    let mut builder = repository.treebuilder(None).unwrap();
    builder.insert("sites.yaml", blob, 0o100644).unwrap();
    let mut tree = builder.write().unwrap();
    for _ in 0..depth {
        let mut builder = repository.treebuilder(None).unwrap();
        builder.insert("d", tree, 0o040000).unwrap();
        tree = builder.write().unwrap();
    }
    let config = repository.blob(b"version: 1\n").unwrap();
    let mut top = repository.treebuilder(None).unwrap();
    top.insert("netsot.yaml", config, 0o100644).unwrap();
    top.insert("data", tree, 0o040000).unwrap();
    let top = repository.find_tree(top.write().unwrap()).unwrap();
    let signature = git2::Signature::new("t", "t@example.net", &git2::Time::new(0, 0)).unwrap();
    repository
        .commit(Some("HEAD"), &signature, &signature, "deep", &top, &[])
        .unwrap();
}

#[test]
fn folders_nested_70000_deep_in_a_revision_stop_at_the_depth_limit() {
    let dir = tempfile::tempdir().unwrap();
    deep_commit(dir.path(), 70_000);
    let output = run(
        &["check", "--rev", "HEAD", "--format", "github"],
        dir.path(),
    );
    let all = text(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        &all[..all.len().min(2000)]
    );
    assert!(
        all.contains("NS0007") && all.contains("32 folders deep"),
        "{all}"
    );
}

#[test]
fn depth_limit_is_the_same_in_the_working_tree_and_a_revision() {
    for depth in [31, 32, 33, 40] {
        let path = format!("data/{}sites.yaml", "d/".repeat(depth));
        let dir = repo(&[("netsot.yaml", "version: 1\n"), (&path, SITE)]);
        commit_all(dir.path());
        let tree = codes_at(dir.path(), None);
        assert_eq!(tree, codes_at(dir.path(), Some("HEAD")), "depth {depth}");
        assert_eq!(tree.contains("NS0007"), depth > 32, "depth {depth}: {tree}");
    }
}

#[test]
fn links_to_their_own_folder_are_read_once_in_both() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/sites.yaml", SITE)]);
    symlink(".", dir.path().join("data/a")).unwrap();
    symlink(".", dir.path().join("data/b")).unwrap();
    commit_all(dir.path());
    let tree = codes_at(dir.path(), None);
    assert_eq!(tree.matches("NS0007").count(), 2, "{tree}");
    assert!(
        tree.contains("`data/a` is the folder `data`, already read"),
        "{tree}"
    );
    assert_eq!(tree, codes_at(dir.path(), Some("HEAD")));
}

#[test]
fn links_inside_are_followed_and_links_outside_refused_in_both() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("shared/sites.yaml", SITE),
        ("shared/more/racks.yaml", "sites:\n  - name: fra1\n"),
    ]);
    std::fs::create_dir(dir.path().join("data")).unwrap();
    symlink("../shared/sites.yaml", dir.path().join("data/sites.yaml")).unwrap();
    symlink("../shared/more", dir.path().join("data/more")).unwrap();
    symlink("/etc/passwd", dir.path().join("data/passwd.yaml")).unwrap();
    symlink("../../outside", dir.path().join("data/up")).unwrap();
    symlink("missing.yaml", dir.path().join("data/broken.yaml")).unwrap();
    commit_all(dir.path());
    let tree = codes_at(dir.path(), None);
    assert_eq!(tree.matches("NS0004").count(), 2, "{tree}");
    assert!(
        tree.contains("`data/passwd.yaml` links to `/etc/passwd`"),
        "{tree}"
    );
    assert!(
        tree.contains("NS0001") && tree.contains("leads nowhere"),
        "{tree}"
    );
    assert_eq!(tree, codes_at(dir.path(), Some("HEAD")));
    let source = Source::open(Some(dir.path()), Some("HEAD")).unwrap();
    assert_eq!(compile(&source).unwrap().graph.model.sites.len(), 2);
}

#[test]
fn submodules_are_skipped_in_both() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/sites.yaml", SITE)]);
    commit_all(dir.path());
    let commit = git_output(dir.path(), &["rev-parse", "HEAD"]);
    git(
        dir.path(),
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{commit},data/vendor"),
        ],
    );
    git(dir.path(), &["commit", "-qm", "submodule"]);
    // A checked-out submodule: a folder holding `.git`, with files netsot would read.
    std::fs::create_dir_all(dir.path().join("data/vendor")).unwrap();
    std::fs::write(
        dir.path().join("data/vendor/.git"),
        "gitdir: ../../.git/modules/vendor\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("data/vendor/sites.yaml"),
        "sites:\n  - name: x\n",
    )
    .unwrap();
    let tree = codes_at(dir.path(), None);
    assert!(tree.contains("`data/vendor` is a git submodule"), "{tree}");
    assert_eq!(tree, codes_at(dir.path(), Some("HEAD")));
}

#[test]
fn a_fifo_among_the_data_is_reported_not_opened() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/sites.yaml", SITE)]);
    let status = Command::new("mkfifo")
        .arg(dir.path().join("data/pipe.yaml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let output = run(&["check", "--format", "github"], dir.path());
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(
        all.contains("NS0001") && all.contains("not a regular file"),
        "{all}"
    );
}

/// A repository cannot raise its own file-size limit past the ceiling: a git blob of a few
/// megabytes that inflates to gigabytes would otherwise be read in full.
#[test]
fn the_file_size_limit_cannot_be_raised_past_the_ceiling() {
    let dir = repo(&[
        (
            "netsot.yaml",
            "version: 1\nlimits:\n  max_file_bytes: 4294967296\n",
        ),
        ("data/a.yaml", SITE),
    ]);
    let found = codes_at(dir.path(), None);
    assert!(
        found.contains("NS0111 error netsot.yaml:3:19")
            && found.contains("above the ceiling of 268435456 bytes"),
        "{found}"
    );
    let within = repo(&[
        (
            "netsot.yaml",
            "version: 1\nlimits:\n  max_file_bytes: 268435456\n",
        ),
        ("data/a.yaml", SITE),
    ]);
    assert_eq!(codes_at(within.path(), None), "");
}
