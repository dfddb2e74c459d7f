//! The `site` renderer: the example's static site, parsed strictly, its links followed, and
//! loaded in headless Chromium.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use netsot::graph::{CableTarget, DeviceId, Owner, RackId};

use crate::support::{compile_path, consumer_tool, root};

/// The example's site files by path below `site/`.
fn example_site() -> BTreeMap<String, String> {
    let rendered = crate::support::build_path(&root().join("examples"));
    let files: BTreeMap<String, String> = rendered
        .files
        .into_iter()
        .filter_map(|f| {
            let path = f.path.strip_prefix("site/")?.to_string();
            Some((path, String::from_utf8(f.bytes).expect("pages are UTF-8")))
        })
        .collect();
    assert!(
        files.contains_key("index.html"),
        "the example renders a site"
    );
    files
}

fn parse<'t>(path: &str, text: &'t str) -> roxmltree::Document<'t> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{path} is not well-formed: {e}"))
}

/// `href` resolved against the folder of `page`, without its query; `None` for a link
/// out of the site (the `source_url` links).
fn resolve(page: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((page.to_string(), fragment));
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{page}: `{href}` leaves the output folder"
                );
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    Some((parts.join("/"), fragment))
}

#[test]
fn every_page_is_well_formed_and_every_link_resolves() {
    // Every file of the build by its path in the output folder: device pages link the
    // configurations the example's template renders, beside the site.
    let files: BTreeMap<String, String> = crate::support::build_path(&root().join("examples"))
        .files
        .into_iter()
        .map(|f| (f.path, String::from_utf8_lossy(&f.bytes).into_owned()))
        .collect();
    let configs = files
        .iter()
        .filter(|(p, t)| p.starts_with("site/devices/") && t.contains("href=\"../../../configs/"))
        .count();
    assert!(
        configs >= 10,
        "device pages link their rendered configurations ({configs})"
    );
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut links = Vec::new();
    for (path, text) in &files {
        if !path.starts_with("site/") || !(path.ends_with(".html") || path.ends_with(".svg")) {
            continue;
        }
        let doc = parse(path, text);
        let page_ids = ids.entry(path.as_str()).or_default();
        for node in doc.descendants().filter(|n| n.is_element()) {
            if let Some(id) = node.attribute("id") {
                assert!(
                    page_ids.insert(id.to_string()),
                    "{path}: the id `{id}` is given twice"
                );
            }
            for attribute in ["href", "src"] {
                if let Some(target) = node.attribute(attribute) {
                    links.push((path.clone(), target.to_string()));
                }
            }
        }
    }
    assert!(
        links.len() > 200,
        "the example's site links its pages ({} links)",
        links.len()
    );
    for (page, href) in &links {
        let Some((target, fragment)) = resolve(page, href) else {
            continue;
        };
        assert!(
            files.contains_key(&target),
            "{page}: the link `{href}` names no file ({target})"
        );
        if let Some(fragment) = fragment {
            let known = ids
                .get(target.as_str())
                .is_some_and(|set| set.contains(&fragment));
            assert!(
                known,
                "{page}: the link `{href}` names no element of {target}"
            );
        }
    }
}

#[test]
fn every_rack_has_its_devices_at_their_units_on_both_faces() {
    let compilation = compile_path(&root().join("examples"));
    let graph = &compilation.graph;
    let files = example_site();
    let mut racks_seen = 0;
    let mut reserved_seen = 0;
    for (r, rack) in graph.model.racks.iter().enumerate() {
        let site = graph.racks[r].site.expect("example racks have sites");
        let site_slug = graph.model.sites[site.index()]
            .data
            .slug
            .as_ref()
            .map_or(&graph.model.sites[site.index()].data.name.value, |s| {
                &s.value
            });
        let page = &files[&format!("sites/{site_slug}.html")];
        let doc = parse("site page", page);
        let section = doc
            .descendants()
            .find(|n| n.attribute("data-rack") == Some(rack.data.name.value.as_str()))
            .unwrap_or_else(|| panic!("no elevation of rack `{}`", rack.data.name.value));
        racks_seen += 1;
        let rack_id = RackId::from_index(r);
        let units = graph.rack_geometry(rack_id).height;
        for face in ["front", "rear"] {
            let figure = section
                .descendants()
                .find(|n| n.attribute("data-face") == Some(face))
                .unwrap_or_else(|| panic!("rack `{}` has no {face} face", rack.data.name.value));
            let drawn_units = figure
                .descendants()
                .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("unit"))
                .count();
            assert_eq!(
                drawn_units, units as usize,
                "every unit of `{}` is drawn",
                rack.data.name.value
            );
            // Reserved units are drawn on both faces, each unit inside a drawn run that
            // carries the reservation's description.
            for reservation in graph.reservations_of(rack_id) {
                let data = &graph.model.rack_reservations[reservation.index()].data;
                for unit in &data.units.value {
                    let covered = figure.descendants().any(|n| {
                        n.attribute("class") == Some("reservation")
                            && n.attribute("data-description") == Some(data.description.as_str())
                            && n.attribute("data-units")
                                .and_then(|u| u.split_once('-'))
                                .and_then(|(a, b)| {
                                    Some((a.parse::<u16>().ok()?, b.parse::<u16>().ok()?))
                                })
                                .is_some_and(|(a, b)| (a..=b).contains(&unit.value))
                    });
                    assert!(
                        covered,
                        "U{} of `{}` is drawn reserved for `{}` on the {face}",
                        unit.value, rack.data.name.value, data.description.value
                    );
                    reserved_seen += 1;
                }
            }
        }
        for (d, device) in graph.devices.iter().enumerate() {
            let id = DeviceId::from_index(d);
            let data = graph.device(id);
            if device.rack.map(|x| x.index()) != Some(r) || graph.device_height(id) == 0.0 {
                continue;
            }
            let Some(position) = &data.position else {
                continue;
            };
            let face = data.face.as_ref().map_or("front", |f| f.value.as_str());
            let figure = section
                .descendants()
                .find(|n| n.attribute("data-face") == Some(face))
                .unwrap();
            let drawn = figure
                .descendants()
                .find(|n| n.attribute("data-device") == Some(graph.device_name(id)))
                .unwrap_or_else(|| {
                    panic!(
                        "`{}` is not drawn on the {face} of `{}`",
                        graph.device_name(id),
                        rack.data.name.value
                    )
                });
            assert_eq!(
                drawn.attribute("data-position"),
                Some(position.value.to_string().as_str())
            );
            assert_eq!(
                drawn.attribute("data-height"),
                Some(graph.device_height(id).to_string().as_str())
            );
        }
    }
    assert_eq!(racks_seen, graph.model.racks.len());
    assert!(racks_seen >= 2);
    assert!(
        reserved_seen >= 4,
        "the example's reservation is drawn on both faces"
    );
}

#[test]
fn device_pages_list_interfaces_with_their_far_ends() {
    let compilation = compile_path(&root().join("examples"));
    let graph = &compilation.graph;
    let files = example_site();
    let ends = netsot::graph::trace::CableEnds::new(graph);
    let mut far_ends = 0;
    for (path, text) in files.iter().filter(|(p, _)| p.starts_with("devices/")) {
        let doc = parse(path, text);
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("h1"))
            .and_then(|n| n.text())
            .unwrap()
            .to_string();
        let device = (0..graph.devices.len())
            .map(DeviceId::from_index)
            .find(|&d| graph.device_name(d) == title)
            .expect("a page per device");
        for interface in graph.owner_interfaces(Owner::Device(device)) {
            let name = graph.interface_name(interface);
            let row = doc
                .descendants()
                .find(|n| n.attribute("data-interface") == Some(name))
                .unwrap_or_else(|| panic!("{path} does not list `{name}`"));
            let destination =
                netsot::graph::trace::trace(graph, &ends, CableTarget::Interface(interface))
                    .and_then(|p| p.destination().cloned());
            let cell = row
                .descendants()
                .find(|n| n.attribute("class") == Some("far-end"))
                .unwrap();
            let shown: String = cell.descendants().filter_map(|n| n.text()).collect();
            if let Some(destination) = destination {
                far_ends += 1;
                assert!(
                    shown.contains(&destination.label(graph)),
                    "{path}: `{name}` shows `{shown}` as its far end, not {}",
                    destination.label(graph)
                );
            }
        }
    }
    assert!(
        far_ends > 50,
        "the example's cabled interfaces show their far ends ({far_ends})"
    );
    // A path through the example's patch panel shows the device behind it, not the panel.
    let through_panel = files
        .values()
        .any(|t| t.contains("fra1-pp1") && t.contains("far-end"));
    assert!(through_panel);
}

#[test]
fn the_prefix_tree_shows_utilisation_and_free_blocks() {
    let files = example_site();
    let page = &files["prefixes/global.html"];
    let doc = parse("prefixes/global.html", page);
    let rows: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("data-prefix").is_some())
        .collect();
    assert!(rows.len() >= 5);
    let used: Vec<f64> = rows
        .iter()
        .map(|n| n.attribute("data-utilisation").unwrap().parse().unwrap())
        .collect();
    assert!(
        used.iter().any(|&u| u > 0.0),
        "some prefix of the example is used"
    );
    assert!(page.contains("class=\"bar\""));
    assert!(
        doc.descendants()
            .any(|n| n.attribute("class") == Some("free")
                && n.text().is_some_and(|t| t.contains('/'))),
        "free blocks are listed"
    );
}

#[test]
fn topology_is_written_as_svg_dot_and_d2() {
    let files = example_site();
    let svg = files
        .iter()
        .find(|(p, _)| p.ends_with("/topology.svg"))
        .map(|(_, t)| t)
        .unwrap();
    let doc = parse("topology.svg", svg);
    assert!(
        doc.descendants()
            .filter(|n| n.attribute("class") == Some("node"))
            .count()
            >= 4
    );
    let dot = files
        .iter()
        .find(|(p, _)| p.ends_with("/topology.dot"))
        .map(|(_, t)| t)
        .unwrap();
    assert!(dot.starts_with("graph ") && dot.contains(" -- "));
    let d2 = files
        .iter()
        .find(|(p, _)| p.ends_with("/topology.d2"))
        .map(|(_, t)| t)
        .unwrap();
    assert!(d2.starts_with("direction: down") && d2.contains(" -- "));
}

/// Headless Chromium: the pages load without a console message, the search page finds a
/// device, and screenshots of a rack elevation and a topology are written for a person to
/// look at (in the test's output folder, not committed).
#[test]
fn chromium_renders_the_pages_without_console_errors() {
    let Some(chromium) = consumer_tool("chromium") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let status = crate::support::netsot(
        &[
            "build",
            root().join("examples").to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let site = out.path().join("site");
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("site-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let site_page = first(&site.join("sites"), ".html");
    let device_page = first(&first_dir(&site.join("devices")), ".html");
    let topology = first_dir(&site.join("sites")).join("topology.html");
    let pages: Vec<(String, Option<&str>)> = vec![
        (url(&site.join("index.html"), ""), None),
        (url(&site_page, ""), Some("rack-elevation.png")),
        (url(&device_page, ""), None),
        (url(&topology, ""), Some("topology.png")),
        (url(&site.join("prefixes/global.html"), ""), None),
        (url(&site.join("search.html"), "?q=leaf1"), None),
    ];
    for (page, shot) in pages {
        let profile = tempfile::tempdir().unwrap();
        let mut command = Command::new(&chromium);
        command.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,1600",
        ]);
        command.arg(format!("--user-data-dir={}", profile.path().display()));
        match shot {
            Some(name) => command.arg(format!("--screenshot={}", shots.join(name).display())),
            None => command.arg("--dump-dom"),
        };
        let output = command.arg(&page).output().expect("chromium runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(
            console.is_empty(),
            "{page} logs to the console: {console:?}"
        );
        assert!(
            output.status.success(),
            "chromium failed on {page}: {stderr}"
        );
        if page.ends_with("?q=leaf1") {
            let dom = String::from_utf8_lossy(&output.stdout);
            assert!(
                dom.contains("leaf1</a>"),
                "the search page lists leaf1: {dom}"
            );
        }
        if let Some(name) = shot {
            let size = std::fs::metadata(shots.join(name))
                .map(|m| m.len())
                .unwrap_or(0);
            assert!(
                size > 10_000,
                "the screenshot {name} holds a picture ({size} bytes)"
            );
        }
    }
    eprintln!("screenshots in {}", shots.display());
}

fn url(path: &Path, query: &str) -> String {
    format!("file://{}{query}", path.display())
}

fn first(dir: &Path, extension: &str) -> PathBuf {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(extension))
        .collect();
    entries.sort();
    entries.into_iter().next().unwrap()
}

fn first_dir(dir: &Path) -> PathBuf {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    entries.into_iter().next().unwrap()
}
