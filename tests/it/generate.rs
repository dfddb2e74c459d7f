//! The benchmark generator writes valid repositories, the same bytes for the same seed.

use std::path::Path;

use crate::support::{compile_path, netsot, render, root, shared_data};

fn generate(out: &Path, seed: &str) {
    let library = shared_data().join("devicetype-library");
    let output = netsot(
        &[
            "dev",
            "generate",
            "--size",
            "small",
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
            "--library",
            library.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn small_is_about_ten_thousand_objects_and_checks_and_builds_clean() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "1");
    let compilation = compile_path(dir.path());
    assert_eq!(
        render(&compilation),
        "",
        "the generated repository has findings"
    );
    let objects = compilation.object_count();
    assert!((9_000..14_000).contains(&objects), "{objects} objects");
    let rendered = netsot::render::render(&compilation);
    assert!(
        rendered.diagnostics.is_empty(),
        "{:?}",
        rendered.diagnostics
    );
    let zone = rendered
        .file("dns/example.net.zone")
        .expect("a forward zone");
    assert!(String::from_utf8_lossy(&zone.bytes).contains("dc00011-srv16"));
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate(a.path(), "7");
    generate(b.path(), "7");
    generate(c.path(), "8");
    assert_eq!(files(a.path()), files(b.path()));
    assert_ne!(files(a.path()), files(c.path()));
}

#[test]
fn each_site_gains_power_supply_modules_and_a_virtual_chassis() {
    use netsot::graph::trace::{power_feeds, CableEnds};
    use netsot::graph::{DeviceId, Owner};
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "1");
    let compilation = compile_path(dir.path());
    let graph = &compilation.graph;
    // 12 sites: 10 Arista switches with two supplies and two EX3400s with one, each.
    assert_eq!(graph.modules.len(), 12 * (10 * 2 + 2));
    assert_eq!(graph.model.power_feeds.len(), 12 * 8);
    assert_eq!(graph.model.virtual_chassis.len(), 12);
    let device = |name: &str| {
        (0..graph.devices.len())
            .map(DeviceId::from_index)
            .find(|&d| graph.device_name(d) == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    // Member 2 numbers the type's `ge-0/0/0` after its position.
    let member = Owner::Device(device("dc00003-oob2"));
    assert!(graph.find_interface(member, "ge-1/0/0").is_some());
    assert!(graph.find_interface(member, "ge-0/0/0").is_none());
    // A server's supplies and a leaf's supply modules reach the rack's two feeds through
    // its PDUs.
    let ends = CableEnds::new(graph);
    for name in [
        "dc00003-srv05",
        "dc00003-leaf3",
        "dc00003-spine2",
        "dc00003-oob1",
    ] {
        let feeds: Vec<String> = power_feeds(graph, &ends, device(name))
            .into_iter()
            .map(|f| graph.model.power_feeds[f.index()].data.name.value.clone())
            .collect();
        let expected: &[&str] = match name {
            "dc00003-srv05" | "dc00003-leaf3" | "dc00003-spine2" => &["r02-a", "r02-b"],
            _ => &["r03-a"],
        };
        assert_eq!(feeds, expected, "{name}");
    }
}
