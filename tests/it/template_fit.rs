//! Templates that fit the objects they render for (issue 17, part 10), and the lazy view
//! of the graph they read (part 9).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{build_path, netsot, repo, root};

const DATA: &str = r#"
sites:
  - {name: ams1}
device_roles:
  - {name: leaf, slug: leaf}
  - {name: Patch panel, slug: patch-panel}
platforms:
  - {name: Arista EOS, slug: eos}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: S1
    interfaces:
      - {name: eth0, type: 1000base-t}
vrfs:
  - {name: mgmt}
devices:
  - name: leaf1
    site: ams1
    role: leaf
    platform: eos
    device_type: Acme/S1
    config_context: {asn: 65001}
    interfaces:
      - name: eth0
        ip_addresses: [{address: 10.0.0.1/24, vrf: mgmt}]
  - {name: leaf2, site: ams1, role: leaf, status: planned, device_type: Acme/S1}
  - {name: pp1, site: ams1, role: Patch panel, device_type: Acme/S1}
"#;

/// The files a repository with `outputs` renders, by path.
fn rendered(outputs: &str, templates: &[(&str, &str)]) -> BTreeMap<String, String> {
    let config = format!("version: 1\noutputs:\n{outputs}");
    let mut files = vec![("netsot.yaml", config.as_str()), ("data/a.yaml", DATA)];
    let paths: Vec<String> = templates
        .iter()
        .map(|(name, _)| format!("templates/{name}"))
        .collect();
    for ((_, text), path) in templates.iter().zip(&paths) {
        files.push((path, text));
    }
    let dir = repo(&files);
    let out = build_path(dir.path());
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    out.files
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.bytes).expect("UTF-8")))
        .collect()
}

#[test]
fn where_renders_only_for_the_roles_statuses_and_platforms_it_names() {
    let template = [("d.j2", "{{ device.name }}\n")];
    let output = |filter: &str| {
        let outputs = format!(
            "  - {{renderer: template, template: d.j2, for_each: devices, where: {filter}, path: \"{{{{ device.name }}}}\"}}\n"
        );
        rendered(&outputs, &template)
            .into_keys()
            .collect::<Vec<_>>()
    };
    // Roles by slug or name; an absent status is `active`, as in NetBox.
    assert_eq!(output("{role: [leaf]}"), ["leaf1", "leaf2"]);
    assert_eq!(output("{role: [Patch panel]}"), ["pp1"]);
    assert_eq!(output("{role: [leaf], status: [active]}"), ["leaf1"]);
    assert_eq!(output("{status: [planned]}"), ["leaf2"]);
    assert_eq!(output("{platform: [eos]}"), ["leaf1"]);
    assert_eq!(
        output("{role: [leaf, patch-panel]}"),
        ["leaf1", "leaf2", "pp1"]
    );
}

#[test]
fn a_misspelt_role_in_where_is_reported_at_its_value_with_the_closest_name() {
    let dir = repo(&[
        (
            "netsot.yaml",
            "version: 1\noutputs:\n  - renderer: template\n    template: d.j2\n    for_each: devices\n    where: {role: [lef], platform: [eos]}\n    path: \"{{ device.name }}\"\n",
        ),
        ("data/a.yaml", DATA),
        ("templates/d.j2", "{{ device.name }}\n"),
    ]);
    let output = netsot(&["check", "--format", "json"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let text = report.to_string();
    assert!(text.contains("NS0836"), "{text}");
    assert!(text.contains("there is no device role `lef`"), "{text}");
    assert!(text.contains("did you mean `leaf`?"), "{text}");
    assert!(text.contains("\"line\":6"), "{text}");
}

#[test]
fn where_without_for_each_is_an_error() {
    let dir = repo(&[
        (
            "netsot.yaml",
            "version: 1\noutputs:\n  - {renderer: template, template: d.j2, where: {role: [leaf]}, path: all.txt}\n",
        ),
        ("data/a.yaml", DATA),
        ("templates/d.j2", "x\n"),
    ]);
    let output = netsot(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        stderr.contains("`where` chooses objects of `for_each`"),
        "{stderr}"
    );
}

#[test]
fn addresses_carry_their_vrf_in_the_view() {
    let template = [(
        "d.j2",
        "{% for i in device.interfaces %}{% for ip in i.ip_addresses %}{{ ip.address }} {{ ip.vrf }}\n{% endfor %}{% endfor %}",
    )];
    let files = rendered(
        "  - {renderer: template, template: d.j2, for_each: devices, where: {platform: [eos]}, path: \"{{ device.name }}\"}\n",
        &template,
    );
    assert_eq!(files["leaf1"], "10.0.0.1/24 mgmt\n");
}

/// The lazy values hold what `netsot export` and `netsot show` print: the same keys and
/// values, whatever a template reads first.
#[test]
fn the_lazy_graph_holds_what_export_and_show_print() {
    let dir = repo(&[
        (
            "netsot.yaml",
            "version: 1\noutputs:\n  - {renderer: template, template: all.j2, path: all.json}\n  - {renderer: template, template: one.j2, for_each: devices, path: \"{{ device.name }}.json\"}\n",
        ),
        ("data/a.yaml", DATA),
        ("templates/all.j2", "{{ graph | tojson }}"),
        (
            "templates/one.j2",
            "{{ {'device': device, 'context': config_context, 'first': devices | default('undefined')} | tojson }}",
        ),
    ]);
    let out = build_path(dir.path());
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let file = |path: &str| -> Value {
        let file = out.files.iter().find(|f| f.path == path).expect(path);
        serde_json::from_slice(&file.bytes).expect("JSON")
    };
    let export = netsot(&["export", "--format", "json"], dir.path());
    let export: Value = serde_json::from_slice(&export.stdout).expect("export JSON");
    assert_eq!(file("all.json"), export);
    let leaf: Value =
        serde_json::from_slice(&netsot(&["show", "device", "leaf1"], dir.path()).stdout)
            .expect("show JSON");
    let one = file("leaf1.json");
    assert_eq!(one["device"], leaf);
    assert_eq!(one["context"], leaf["config_context"]);
    // Per-object renders see `device`, `config_context` and `graph`, and nothing else.
    assert_eq!(one["first"], "undefined");
}

/// The example's configurations: none for the devices the template is not for, no `None`,
/// BGP only where the device runs it, and addresses in their VRF.
#[test]
fn the_example_renders_configs_that_fit_each_device() {
    let out = build_path(&root().join("examples"));
    let configs: BTreeMap<&str, &str> = out
        .files
        .iter()
        .filter_map(|f| {
            let name = f.path.strip_prefix("configs/")?.strip_suffix(".cfg")?;
            Some((name, std::str::from_utf8(&f.bytes).expect("UTF-8")))
        })
        .collect();
    assert!(configs.contains_key("ams1-leaf1"), "{:?}", configs.keys());
    for no_config in ["ams1-pp1", "fra1-pp1", "ams1-r01-pdu-a", "ams1-srv01"] {
        assert!(!configs.contains_key(no_config), "{no_config} got a config");
    }
    for (name, config) in &configs {
        assert!(!config.contains("None"), "{name}:\n{config}");
        let runs_bgp = ["spine", "leaf", "edge"].iter().any(|r| name.contains(r));
        assert_eq!(config.contains("router bgp"), runs_bgp, "{name}:\n{config}");
    }
    assert!(configs["ams1-mgmt1"].contains("   vrf mgmt\n"));
    let leaf = configs["ams1-leaf1"];
    assert!(leaf.contains("interface Management1\n   description ams1-mgmt1\n   vrf mgmt\n   ip address 10.250.1.21/24\n"), "{leaf}");
    assert!(leaf.contains("   router-id 10.255.1.11\n"), "{leaf}");
}

/// A build writes more files than the process may hold open: each temporary is closed once
/// synced (a per-device template on 31,200 devices failed with "Too many open files").
#[test]
fn a_build_writes_more_files_than_it_may_hold_open() {
    let devices: String = (0..150)
        .map(|i| format!("  - {{name: d{i}, site: ams1, role: leaf, device_type: Acme/S1}}\n"))
        .collect();
    let data = format!("{DATA}{devices}");
    let dir = repo(&[
        (
            "netsot.yaml",
            "version: 1\noutputs:\n  - {renderer: template, template: d.j2, for_each: devices, path: \"c/{{ device.name }}\"}\n",
        ),
        ("data/a.yaml", &data),
        ("templates/d.j2", "{{ device.name }}\n"),
    ]);
    let out = dir.path().join("out");
    let command = format!(
        "ulimit -n 64 && exec '{}' build . --out '{}'",
        env!("CARGO_BIN_EXE_netsot"),
        out.display()
    );
    let output = std::process::Command::new("sh")
        .args(["-c", &command])
        .current_dir(dir.path())
        .output()
        .expect("sh runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read_dir(out.join("c")).expect("c/").count(), 153);
}
