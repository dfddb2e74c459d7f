//! Hostile and broken input: a diagnostic and exit code 1 or 2, never a panic or a hang.

use crate::support::{netsot, repo};

fn check(files: &[(&str, &str)]) -> (Option<i32>, String) {
    let dir = repo(files);
    let output = netsot(&["check", "--format", "json"], dir.path());
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code(), text)
}

#[test]
fn invalid_yaml() {
    let (code, text) = check(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/a.yaml", "sites: [\n  - {name: ams1\n"),
    ]);
    assert_eq!(code, Some(1));
    assert!(text.contains("NS0101"), "{text}");
}

#[test]
fn an_alias_bomb_is_stopped() {
    let mut bomb = String::from(
        "sites: []\nx:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
    }
    let started = std::time::Instant::now();
    let (code, text) = check(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &bomb)]);
    assert_eq!(code, Some(1));
    assert!(text.contains("NS0110"), "{text}");
    assert!(
        started.elapsed().as_secs() < 20,
        "the bomb must be stopped early"
    );
}

#[test]
fn a_50_mb_file_is_refused_before_parsing() {
    let big = "# filler\n".repeat(50 * 1024 * 1024 / 9 + 1);
    let (code, text) = check(&[("netsot.yaml", "version: 1\n"), ("data/big.yaml", &big)]);
    assert_eq!(code, Some(1));
    assert!(text.contains("NS0002"), "{text}");
}

#[test]
fn deep_nesting() {
    let deep = format!("sites: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (code, text) = check(&[("netsot.yaml", "version: 1\n"), ("data/deep.yaml", &deep)]);
    assert_eq!(code, Some(1));
    assert!(text.contains("NS0110") || text.contains("NS0101"), "{text}");
}

#[test]
fn non_utf8_bytes() {
    let dir = repo(&[("netsot.yaml", "version: 1\n")]);
    std::fs::create_dir_all(dir.path().join("data")).expect("mkdir");
    std::fs::write(
        dir.path().join("data/a.yaml"),
        b"sites:\n  - name: Z\xfcrich\n",
    )
    .expect("write");
    let output = netsot(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("NS0003"));
}

#[test]
fn a_symlink_out_of_the_repository() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/a.yaml", "sites: []\n"),
    ]);
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("data/passwd.yaml"))
        .expect("symlink");
    let output = netsot(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("NS0004") && !stdout.contains("root:"),
        "{stdout}"
    );
}

#[test]
fn no_repository_and_bad_arguments_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(netsot(&["check"], dir.path()).status.code(), Some(2));
    assert_eq!(
        netsot(&["check", "--no-such-flag"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        netsot(&["check", "--rev", "HEAD"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let (code, text) = check(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/a.yaml", "sites:\n  - {name: ams1, status: activ}\n"),
    ]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["version"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "NS0105");
    assert_eq!(d["name"], "invalid-choice");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "data/a.yaml");
    assert_eq!(d["line"], 2);
    assert_eq!(d["column"], 26);
    assert_eq!(d["end_column"], 31);
    assert!(d["help"].as_str().expect("help").contains("active"));
    assert_eq!(json["summary"]["errors"], 1);
}
