//! `netsot build`: nothing written on errors, byte-identical output, `--check`, `--rev`.

use std::path::Path;

use crate::support::{build_path, copy_dir, git_as, netsot, repo, root};

/// Every file below `dir`, with its bytes, sorted by path.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((relative, std::fs::read(&path).expect("read")));
            }
        }
    }
    files.sort();
    files
}

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_example_builds_the_same_bytes_twice() {
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().to_str().unwrap();
    let first = netsot(&["build", "examples", "--out", out_path], &root());
    assert!(first.status.success(), "{}", text(&first));
    let before = tree(out.path());
    let names: Vec<&str> = before.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "dns/example.net.zone",
        "dns/10.in-addr.arpa.zone",
        "dns/8.b.d.0.1.0.0.2.ip6.arpa.zone",
        "dns/named.conf.zones",
        "prometheus/nodes.json",
        "prometheus/blackbox.json",
        "icinga2/hosts.conf",
        "icinga2/services.conf",
        "ansible/inventory.yaml",
        "configs/ams1-leaf1.cfg",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    // No temporary file is left behind by the atomic writes.
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");

    let second = netsot(&["build", "examples", "--out", out_path], &root());
    assert!(second.status.success());
    assert!(text(&second).contains("wrote 0 files"), "{}", text(&second));
    assert_eq!(before, tree(out.path()));

    let check = netsot(
        &["build", "examples", "--out", out_path, "--check"],
        &root(),
    );
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));

    std::fs::write(out.path().join("icinga2/hosts.conf"), "edited by hand\n").unwrap();
    std::fs::remove_file(out.path().join("dns/example.net.zone")).unwrap();
    let check = netsot(
        &["build", "examples", "--out", out_path, "--check"],
        &root(),
    );
    assert_eq!(check.status.code(), Some(1));
    let report = text(&check);
    assert!(report.contains("stale: icinga2/hosts.conf"), "{report}");
    assert!(report.contains("stale: dns/example.net.zone"), "{report}");
    assert!(report.contains("2 of"), "{report}");
    // --check writes nothing.
    assert_eq!(
        std::fs::read(out.path().join("icinga2/hosts.conf")).unwrap(),
        b"edited by hand\n"
    );
}

#[test]
fn nothing_is_written_when_the_input_has_errors() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    let sites = dir.path().join("data/sites/ams1.yaml");
    let text_before = std::fs::read_to_string(&sites).unwrap();
    std::fs::write(&sites, text_before.replacen("site: ams1", "site: amsl", 1)).unwrap();
    let out = dir.path().join("out");
    let output = netsot(&["build", ".", "--out", out.to_str().unwrap()], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("nothing written"));
    assert!(!out.exists(), "the output folder was created");
}

#[test]
fn a_revision_builds_like_its_checkout_and_the_serial_follows_history() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    git_as(
        dir.path(),
        "t",
        "2026-01-01T00:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    git_as(dir.path(), "t", "2026-01-01T00:00:00Z", &["add", "."]);
    git_as(
        dir.path(),
        "t",
        "2026-01-01T00:00:00Z",
        &["commit", "-qm", "one"],
    );
    let vms = dir.path().join("data/virtualization.yaml");
    let edited = std::fs::read_to_string(&vms).unwrap() + "\n# a comment\n";
    std::fs::write(&vms, edited).unwrap();
    git_as(
        dir.path(),
        "t",
        "2026-02-01T00:00:00Z",
        &["commit", "-qam", "two"],
    );

    let worktree = dir.path().join("out-worktree");
    let at_head = dir.path().join("out-head");
    let at_first = dir.path().join("out-first");
    for (out, rev) in [
        (&worktree, None),
        (&at_head, Some("HEAD")),
        (&at_first, Some("HEAD~1")),
    ] {
        let mut args = vec!["build", ".", "--out", out.to_str().unwrap()];
        if let Some(rev) = rev {
            args.extend(["--rev", rev]);
        }
        let output = netsot(&args, dir.path());
        assert!(output.status.success(), "{}", text(&output));
    }
    assert_eq!(tree(&worktree), tree(&at_head));
    let serial = |dir: &Path| -> u64 {
        let zone = std::fs::read_to_string(dir.join("dns/example.net.zone")).unwrap();
        zone.lines()
            .find(|l| l.contains("; serial"))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|s| s.parse().ok())
            .expect("a serial")
    };
    assert_eq!(serial(&at_first), 1_767_225_600);
    assert_eq!(serial(&at_head), 1_769_904_000);
}

#[test]
fn a_bare_repository_needs_an_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    copy_dir(&root().join("examples"), &work);
    git_as(
        &work,
        "t",
        "2026-01-01T00:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    git_as(&work, "t", "2026-01-01T00:00:00Z", &["add", "."]);
    git_as(
        &work,
        "t",
        "2026-01-01T00:00:00Z",
        &["commit", "-qm", "one"],
    );
    let bare = dir.path().join("bare.git");
    git_as(
        dir.path(),
        "t",
        "2026-01-01T00:00:00Z",
        &[
            "clone",
            "-q",
            "--bare",
            work.to_str().unwrap(),
            bare.to_str().unwrap(),
        ],
    );
    let output = netsot(
        &["build", bare.to_str().unwrap(), "--rev", "main"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("--out"));
    let out = dir.path().join("out");
    let output = netsot(
        &[
            "build",
            bare.to_str().unwrap(),
            "--rev",
            "main",
            "--out",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(tree(&out), {
        let again = dir.path().join("again");
        let output = netsot(&["build", ".", "--out", again.to_str().unwrap()], &work);
        assert!(output.status.success());
        tree(&again)
    });
}

#[test]
fn an_address_gets_its_pointer_in_the_longest_reverse_zone_holding_it() {
    let zone = |name: &str| {
        format!(
            "      - name: {name}\n        primary_ns: ns1.example.net\n        admin: hostmaster.example.net\n        nameservers: [{{name: ns1.example.net, addresses: [192.0.2.53]}}]\n"
        )
    };
    let config = format!(
        "version: 1\noutputs:\n  - renderer: dns\n    path: dns/\n    zones:\n{}{}{}{}",
        zone("example.net"),
        zone("10.in-addr.arpa"),
        zone("1.10.in-addr.arpa"),
        zone("8.b.d.0.1.0.0.2.ip6.arpa"),
    );
    let dir = repo(&[
        ("netsot.yaml", config.as_str()),
        (
            "data/a.yaml",
            "ip_addresses:\n  - {address: 10.1.2.3/24, dns_name: inner.example.net}\n  - {address: 10.2.0.1/24, dns_name: outer.example.net}\n  - {address: '2001:db8::1/64', dns_name: six.example.net}\n  - {address: 192.0.2.9/24, dns_name: nowhere.example.net}\n",
        ),
    ]);
    let rendered = build_path(dir.path());
    let file = |path: &str| {
        let file = rendered
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8(file.bytes.clone()).unwrap()
    };
    let inner = file("dns/1.10.in-addr.arpa.zone");
    let outer = file("dns/10.in-addr.arpa.zone");
    let six = file("dns/8.b.d.0.1.0.0.2.ip6.arpa.zone");
    assert!(inner.contains("inner.example.net."), "{inner}");
    assert!(!inner.contains("outer.example.net."), "{inner}");
    assert!(outer.contains("outer.example.net."), "{outer}");
    assert!(!outer.contains("inner.example.net."), "{outer}");
    assert!(six.contains("six.example.net."), "{six}");
    // An address outside every reverse zone gets its forward record only.
    let all: String = rendered
        .files
        .iter()
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect();
    assert_eq!(all.matches("nowhere.example.net.").count(), 0, "{all}");
    assert!(file("dns/example.net.zone").contains("nowhere"));
}

#[test]
fn an_unknown_role_in_icinga2_dependencies_is_reported_in_netsot_yaml() {
    let dir = repo(&[
        (
            "netsot.yaml",
            "version: 1\noutputs:\n  - renderer: icinga2\n    path: icinga2/\n    dependencies: {roles: [spine, leef]}\n",
        ),
        (
            "data/a.yaml",
            "sites:\n  - {name: ams1}\ndevice_roles:\n  - {name: spine}\n  - {name: leaf}\n",
        ),
    ]);
    let output = netsot(&["check", "--format", "json"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "NS0111", "{json}");
    assert_eq!(
        diagnostic["message"], "`leef` is not a device role",
        "{json}"
    );
    assert_eq!(diagnostic["file"], "netsot.yaml", "{json}");
    assert_eq!(diagnostic["line"], 5, "{json}");
}
