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

/// A /22 with four ranges marked utilised (50, 50, 50 and 51 addresses) and 30 addresses,
/// one of them inside a range: NetBox 4.4 counts the ranges and the 29 addresses outside
/// them, 230 of 1,022 usable addresses (22.5 %), where counting addresses alone gives 2.9 %.
/// The first range is also marked populated, so no free address is offered inside it; the
/// others are not, so theirs stay free as in NetBox's `available-ips`. The same objects in
/// NetBox 4.4.10 give `get_utilization()` = 22.504892367906066 and a first available address
/// of `10.40.0.51/22` (`/api/ipam/prefixes/ID/available-ips/`).
fn ranges_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("netsot.yaml"),
        "version: 1\ndata: [data/]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let mut ipam = String::from(
        "prefixes:\n  - {prefix: 10.40.0.0/22, status: active}\nip_ranges:\n\
         \x20 - {start_address: 10.40.0.1/22, end_address: 10.40.0.50/22, mark_utilized: true, mark_populated: true}\n\
         \x20 - {start_address: 10.40.1.1/22, end_address: 10.40.1.50/22, mark_utilized: true}\n\
         \x20 - {start_address: 10.40.2.1/22, end_address: 10.40.2.50/22, mark_utilized: true}\n\
         \x20 - {start_address: 10.40.3.1/22, end_address: 10.40.3.51/22, mark_utilized: true}\n\
         ip_addresses:\n  - {address: 10.40.1.20/22}\n",
    );
    for host in 100..129 {
        ipam.push_str(&format!("  - {{address: 10.40.0.{host}/22}}\n"));
    }
    std::fs::write(dir.path().join("data/ipam.yaml"), ipam).unwrap();
    dir
}

#[test]
fn ranges_count_in_utilisation_and_populated_ranges_are_not_free() {
    let dir = ranges_repository();
    let check = stdout(&["check"], dir.path());
    assert!(check.contains("0 errors, 0 warnings"), "{check}");
    let tree = stdout(&["ipam", "tree"], dir.path());
    assert!(tree.contains("22.5%"), "{tree}");
    // The populated range 10.40.0.1-50 is taken; the next address follows it.
    assert_eq!(
        stdout(&["ipam", "next", "10.40.0.0/22"], dir.path()),
        "10.40.0.51/22\n"
    );
    let free = stdout(&["ipam", "free", "10.40.0.0/22"], dir.path());
    let blocks: Vec<ipnet::IpNet> = free.lines().map(|l| l.parse().unwrap()).collect();
    let populated = (
        u32::from(std::net::Ipv4Addr::new(10, 40, 0, 1)),
        u32::from(std::net::Ipv4Addr::new(10, 40, 0, 50)),
    );
    let inside_populated = |block: &ipnet::IpNet| match block {
        ipnet::IpNet::V4(v4) => {
            u32::from(v4.network()) <= populated.1 && u32::from(v4.broadcast()) >= populated.0
        }
        ipnet::IpNet::V6(_) => true,
    };
    assert!(!blocks.iter().any(inside_populated), "{free}");
    // The network address is free space (NetBox's `free` blocks are CIDR space), and the
    // unpopulated range's addresses stay free.
    assert_eq!(blocks[0].to_string(), "10.40.0.0/32", "{free}");
    assert!(free.contains("10.40.1.0/28\n"), "{free}");
}
