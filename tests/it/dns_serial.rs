//! The SOA serial policy of `netsot build` (docs/outputs.md): the commit time, never lower
//! than the last serial written to the output folder, unchanged for an unchanged zone; a
//! build of a work tree with uncommitted changes warns (NS0813).

use std::path::Path;

use crate::support::{copy_dir, git_as, netsot, root};

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn serial(out: &Path, zone: &str) -> u32 {
    let text = std::fs::read_to_string(out.join("dns").join(format!("{zone}.zone"))).unwrap();
    text.lines()
        .find(|l| l.contains("; serial"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .expect("a serial")
}

fn build(dir: &Path, out: &Path, rev: Option<&str>) -> String {
    let mut args = vec!["build", ".", "--out", out.to_str().unwrap()];
    if let Some(rev) = rev {
        args.extend(["--rev", rev]);
    }
    let output = netsot(&args, dir);
    assert!(output.status.success(), "{}", text(&output));
    text(&output)
}

const SECOND: u32 = 1_769_904_000; // 2026-02-01T00:00:00Z

#[test]
fn serials_never_go_backwards_and_stay_put_for_unchanged_zones() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("tests/fixtures/dns/named"), dir.path());
    let at = |date: &str, args: &[&str]| git_as(dir.path(), "t", date, args);
    at("2026-01-01T00:00:00Z", &["init", "-q", "-b", "main"]);
    at("2026-01-01T00:00:00Z", &["add", "."]);
    at("2026-01-01T00:00:00Z", &["commit", "-qm", "one"]);
    let ipam = dir.path().join("data/ipam.yaml");
    let before = std::fs::read_to_string(&ipam).unwrap();
    std::fs::write(
        &ipam,
        before.replace(
            "192.0.2.10/24, dns_name: host1",
            "192.0.2.11/24, dns_name: host1",
        ),
    )
    .unwrap();
    at("2026-02-01T00:00:00Z", &["commit", "-qam", "two"]);
    let out = dir.path().join("build");

    // HEAD: the commit time.
    let report = build(dir.path(), &out, None);
    assert!(!report.contains("NS0813"), "{report}");
    assert_eq!(serial(&out, "example.net"), SECOND);
    let zone = out.join("dns/example.net.zone");
    let head_bytes = std::fs::read(&zone).unwrap();

    // The same input again: the same bytes, nothing rewritten.
    let report = build(dir.path(), &out, None);
    assert!(report.contains("(5 unchanged)"), "{report}");
    assert_eq!(std::fs::read(&zone).unwrap(), head_bytes);

    // An older revision after a newer one: its records, but the serial goes on up; the
    // zones it does not change (the child zone) keep theirs.
    build(dir.path(), &out, Some("HEAD~1"));
    assert_eq!(serial(&out, "example.net"), SECOND + 1);
    assert_eq!(serial(&out, "ams1.example.net"), SECOND);
    let zone_text = std::fs::read_to_string(&zone).unwrap();
    assert!(zone_text.contains("192.0.2.10"), "{zone_text}");

    // HEAD again: changed records, and the commit time is below the last serial.
    build(dir.path(), &out, None);
    assert_eq!(serial(&out, "example.net"), SECOND + 2);

    // A work tree with uncommitted changes: a warning, and a serial above the last one.
    std::fs::write(&ipam, before.replace("192.0.2.20/24", "192.0.2.21/24")).unwrap();
    let report = build(dir.path(), &out, None);
    assert!(report.contains("NS0813"), "{report}");
    assert!(report.contains("data/ipam.yaml"), "{report}");
    assert_eq!(serial(&out, "ams1.example.net"), SECOND + 1);
    // `check` renders in memory: the policy value, the commit time of HEAD.
    let output = netsot(&["check", "."], dir.path());
    assert!(output.status.success(), "{}", text(&output));
    assert!(!text(&output).contains("NS0813"), "{}", text(&output));
}
