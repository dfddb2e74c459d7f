//! `netsot diff`: the semantic difference between revisions of real git repositories.

use std::process::Output;

use crate::support::{copy_dir, git, netsot, root};

/// A git repository holding the example, committed on `main`.
fn example_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "base"]);
    dir
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            stdout(output),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn a_new_leaf_reads_as_its_objects_and_the_files_it_changes() {
    let dir = example_repo();
    std::fs::copy(
        root().join("tests/fixtures/diff/ams1-leaf7.yaml"),
        dir.path().join("data/sites/ams1-leaf7.yaml"),
    )
    .unwrap();
    let output = netsot(&["diff", "main", "--format", "json"], dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let diff = json(&output);
    let summary = &diff["summary"];
    assert_eq!(summary["devices"], serde_json::json!([1, 0, 0]));
    assert_eq!(summary["cables"], serde_json::json!([3, 0, 0]));
    assert_eq!(summary["interfaces"], serde_json::json!([4, 0, 0]));
    assert_eq!(summary["ip_addresses"], serde_json::json!([7, 0, 0]));
    assert_eq!(summary["prefixes"], serde_json::json!([2, 0, 0]));
    let files: Vec<&str> = diff["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for path in [
        "dns/example.net.zone",
        "dns/10.in-addr.arpa.zone",
        "configs/ams1-leaf7.cfg",
        "icinga2/hosts.conf",
        "prometheus/snmp.json",
        "ansible/inventory.yaml",
    ] {
        assert!(files.contains(&path), "{path} not in {files:?}");
    }
    let zone = diff["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "dns/example.net.zone")
        .unwrap();
    assert!(zone["diff"]
        .as_str()
        .unwrap()
        .contains("+ams1-leaf7         IN A      10.255.1.17"));

    let markdown = stdout(&netsot(
        &["diff", "main", "--format", "markdown"],
        dir.path(),
    ));
    assert!(
        markdown.starts_with("### netsot: main → the working tree: 17 added, 0 removed, 0 changed"),
        "{markdown}"
    );
    let table = markdown
        .find("| kind | added | removed | changed |")
        .expect("a summary table");
    let details = markdown.find("<details>").expect("folded details");
    assert!(table < details);
    assert!(markdown.contains("➕ `ams1/ams1-leaf7`"));
    assert!(markdown.contains("```diff"));

    let text = stdout(&netsot(&["diff", "main"], dir.path()));
    assert!(text.contains("+ ams1/ams1-leaf7"), "{text}");

    // Against a committed head too.
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "leaf7"]);
    let committed = json(&netsot(
        &["diff", "HEAD~1", "HEAD", "--format", "json"],
        dir.path(),
    ));
    assert_eq!(committed["changes"], diff["changes"]);
}

#[test]
fn a_moved_file_is_no_change_and_an_edited_name_is_one_field() {
    let dir = example_repo();
    // Move and reformat a file: same objects, no difference at all.
    let from = dir.path().join("data/ipam/vlans.yaml");
    let text = std::fs::read_to_string(&from).unwrap();
    std::fs::remove_file(&from).unwrap();
    std::fs::write(
        dir.path().join("data/vlans-moved.yaml"),
        format!("# moved and reformatted\n\n{}", text.replace(": ", ":   ")),
    )
    .unwrap();
    let output = netsot(&["diff", "main", "--format", "json"], dir.path());
    let diff = json(&output);
    assert_eq!(
        diff["changes"],
        serde_json::json!([]),
        "{}",
        stdout(&output)
    );
    assert_eq!(diff["files"], serde_json::json!([]));
    let text = stdout(&netsot(&["diff", "main"], dir.path()));
    assert!(text.contains("no change to the network"), "{text}");

    // Move the syslog server's address to another interface of the same device.
    let dir = example_repo();
    let site = dir.path().join("data/sites/ams1.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let edited = text.replacen(
        "ams1-leaf1-et49-1.example.net",
        "ams1-leaf1-uplink.example.net",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&site, edited).unwrap();
    let diff = json(&netsot(&["diff", "main", "--format", "json"], dir.path()));
    let changes = diff["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["change"], "changed");
    assert_eq!(changes[0]["kind"], "ip_addresses");
    assert_eq!(changes[0]["fields"][0]["field"], "dns_name");
}

#[test]
fn an_address_moved_between_interfaces_is_one_change_of_assigned_to() {
    let dir = example_repo();
    let leaf7 =
        std::fs::read_to_string(root().join("tests/fixtures/diff/ams1-leaf7.yaml")).unwrap();
    std::fs::write(dir.path().join("data/sites/ams1-leaf7.yaml"), &leaf7).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "leaf7"]);
    // A standalone address reaches the interface it names, even one the device only has
    // from its type.
    let spine = json(&netsot(&["show", "device", "ams1-spine1"], dir.path()));
    let interface = spine["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Ethernet7/1")
        .unwrap();
    assert_eq!(interface["ip_addresses"][0]["address"], "10.254.1.24/31");
    // The spine's end of the link moves from Ethernet7/1 to Ethernet8/1 (and its cable).
    let moved = leaf7
        .replace(
            "interface: \"ams1-spine1:Ethernet7/1\"",
            "interface: \"ams1-spine1:Ethernet8/1\"",
        )
        .replace(
            "b: \"ams1-spine1:Ethernet7/1\"",
            "b: \"ams1-spine1:Ethernet8/1\"",
        );
    std::fs::write(dir.path().join("data/sites/ams1-leaf7.yaml"), moved).unwrap();
    let diff = json(&netsot(&["diff", "HEAD", "--format", "json"], dir.path()));
    let address = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "ip_addresses")
        .collect::<Vec<_>>();
    assert_eq!(address.len(), 1, "{:#?}", diff["changes"]);
    assert_eq!(address[0]["key"], "10.254.1.24/31");
    assert_eq!(address[0]["change"], "changed");
    assert_eq!(address[0]["fields"][0]["field"], "assigned_to");
    assert_eq!(
        address[0]["fields"][0]["before"],
        "ams1/ams1-spine1:Ethernet7/1"
    );
    assert_eq!(
        address[0]["fields"][0]["after"],
        "ams1/ams1-spine1:Ethernet8/1"
    );
}

#[test]
fn a_missing_base_says_how_to_fetch_it() {
    let dir = example_repo();
    let output = netsot(&["diff", "origin/main"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("origin/main"), "{stderr}");
    assert!(stderr.contains("git fetch"), "{stderr}");
}

#[test]
fn a_head_with_errors_exits_1_and_still_shows_the_difference() {
    let dir = example_repo();
    let site = dir.path().join("data/sites/ams1.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replacen("rack: ams1-r01", "rack: ams1-r99", 1)).unwrap();
    let output = netsot(&["diff", "main"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("rack: ams1-r01 → ams1-r99"),
        "{}",
        stdout(&output)
    );
    let github = netsot(&["diff", "main", "--format", "github"], dir.path());
    assert_eq!(github.status.code(), Some(1));
    let lines = stdout(&github);
    assert!(
        lines
            .lines()
            .any(|l| l.starts_with("::error file=data/sites/ams1.yaml,line=")),
        "{lines}"
    );
    assert!(lines.contains("::notice title=netsot diff::"), "{lines}");
}

#[test]
fn a_shallow_clone_says_how_to_fetch_the_history() {
    let origin = example_repo();
    let site = origin.path().join("data/sites/ams1.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replacen("JPE21130001", "JPE21130099", 1)).unwrap();
    git(origin.path(), &["commit", "-qam", "serial"]);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(
        dir.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let clone = dir.path().join("shallow");
    for args in [vec!["diff", "HEAD~1"], vec!["check", "--rev", "HEAD~1"]] {
        let output = netsot(&args, &clone);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("shallow"), "{stderr}");
        assert!(stderr.contains("fetch-depth: 0"), "{stderr}");
    }
    git(&clone, &["fetch", "-q", "--unshallow"]);
    let output = netsot(&["diff", "HEAD~1", "HEAD", "--format", "json"], &clone);
    assert_eq!(output.status.code(), Some(0));
    let diff = json(&output);
    assert_eq!(diff["changes"][0]["fields"][0]["field"], "serial");
}

#[test]
fn the_html_diff_draws_changed_racks_and_topology_before_and_after() {
    let dir = example_repo();
    std::fs::copy(
        root().join("tests/fixtures/diff/ams1-leaf7.yaml"),
        dir.path().join("data/sites/ams1-leaf7.yaml"),
    )
    .unwrap();
    let output = netsot(&["diff", "main", "--format", "html"], dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = stdout(&output);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(&page, options).expect("the page is well-formed");
    let racks: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("rack-change"))
        .collect();
    assert_eq!(
        racks
            .iter()
            .map(|n| n.attribute("data-rack").unwrap())
            .collect::<Vec<_>>(),
        ["ams1-r02"],
        "only the rack the new leaf goes into is drawn"
    );
    let side = |name: &str| {
        racks[0]
            .descendants()
            .find(|n| n.attribute("data-side") == Some(name))
            .unwrap()
    };
    let placed = |node: roxmltree::Node, device: &str| {
        node.descendants()
            .find(|n| n.attribute("data-device") == Some(device))
            .map(|n| n.attribute("data-position").unwrap().to_string())
    };
    assert_eq!(placed(side("before"), "ams1-leaf7"), None);
    assert_eq!(placed(side("after"), "ams1-leaf7").as_deref(), Some("37"));
    assert_eq!(placed(side("before"), "ams1-spine2").as_deref(), Some("41"));
    let topology = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("topology-change"))
        .expect("the changed topology is drawn");
    assert_eq!(topology.attribute("data-site"), Some("ams1"));
    let drawn: Vec<&str> = topology
        .descendants()
        .filter_map(|n| n.attribute("data-device"))
        .collect();
    assert_eq!(
        drawn.iter().filter(|d| **d == "ams1-leaf7").count(),
        1,
        "the leaf is drawn after only"
    );
    assert!(
        page.contains("devices <b>ams1/ams1-leaf7</b>"),
        "the change list names the new leaf"
    );
}
