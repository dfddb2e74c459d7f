//! `netsot init` and `netsot ipam tree|free|next`.

use crate::support::{netsot, root};

fn init() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = netsot(&["init", "."], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

fn stdout(args: &[&str], dir: &std::path::Path) -> String {
    let output = netsot(args, dir);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn init_writes_a_repository_that_checks_and_builds_clean() {
    let dir = init();
    let check = stdout(&["check"], dir.path());
    assert!(check.contains("0 errors, 0 warnings"), "{check}");
    stdout(&["build", "--out", "out"], dir.path());
    let config = std::fs::read_to_string(dir.path().join("out/configs/sw1.cfg")).unwrap();
    assert!(
        config.contains("ip address 192.0.2.11 255.255.255.0"),
        "{config}"
    );
    assert!(dir.path().join("out/dns/example.net.zone").is_file());
    // A second init changes nothing.
    let again = netsot(&["init", "."], dir.path());
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn free_space_and_next_allocations_avoid_used_addresses() {
    let dir = init();
    // sw1 and sw2 hold 192.0.2.11 and .12.
    let free = stdout(&["ipam", "free", "192.0.2.0/24"], dir.path());
    assert_eq!(
        free,
        "192.0.2.0/29\n192.0.2.8/31\n192.0.2.10/32\n192.0.2.13/32\n192.0.2.14/31\n\
         192.0.2.16/28\n192.0.2.32/27\n192.0.2.64/26\n192.0.2.128/25\n"
    );
    assert_eq!(
        stdout(&["ipam", "next", "192.0.2.0/24"], dir.path()),
        "192.0.2.1/24\n"
    );
    assert_eq!(
        stdout(
            &["ipam", "next", "192.0.2.0/24", "--length", "28"],
            dir.path()
        ),
        "192.0.2.16/28\n"
    );
    assert_eq!(
        stdout(&["ipam", "next", "192.0.2.8/30"], dir.path()),
        "192.0.2.9/30\n",
        "the network address of a /30 is skipped"
    );
    let full = netsot(&["ipam", "next", "192.0.2.11/32"], dir.path());
    assert_eq!(full.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&full.stderr).contains("is full"));
    let bad = netsot(
        &["ipam", "free", "192.0.2.0/24", "--vrf", "prdo"],
        dir.path(),
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_tree_nests_prefixes_with_utilisation() {
    let examples = root().join("examples");
    let text = stdout(&["ipam", "tree", "--vrf", "global"], &examples);
    let container = text
        .lines()
        .find(|l| l.trim_start().starts_with("10.254.1.0/24 "))
        .expect("the ams1 fabric container");
    let link = text
        .lines()
        .find(|l| l.trim_start().starts_with("10.254.1.0/31 "))
        .expect("a /31 link");
    let indent = |l: &str| l.len() - l.trim_start().len();
    assert!(indent(link) > indent(container), "{text}");
    assert!(link.contains("100.0%"), "{link}");
    // 12 /31 links of a /24: 24 of 256 addresses.
    assert!(container.contains("9.4%"), "{container}");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["ipam", "tree", "--format", "json"], &examples)).unwrap();
    let nodes = json.as_array().unwrap();
    assert!(nodes.iter().any(|n| n["vrf"] == "prod"));
    assert!(nodes
        .iter()
        .all(|n| n["utilisation"].as_f64().unwrap() <= 100.0));
}
