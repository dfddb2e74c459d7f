//! Templates, config contexts, `show` and `export`.

use serde_json::Value;

use crate::support::{build_path, netsot, repo, root};

const BASE: &str = r#"
regions:
  - {name: europe}
  - {name: netherlands, parent: europe}
sites:
  - {name: ams1, region: netherlands}
  - {name: fra1}
tenant_groups:
  - {name: customers}
tenants:
  - {name: acme, group: customers}
tags:
  - {name: edge}
device_roles:
  - {name: leaf}
  - {name: spine}
platforms:
  - {name: eos}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: S1
    interfaces:
      - {name: eth0, type: 1000base-t}
      - {name: eth1, type: 1000base-t}
devices:
  - name: leaf1
    site: ams1
    role: leaf
    platform: eos
    tenant: acme
    tags: [edge]
    device_type: Acme/S1
    primary_ip4: 10.0.0.1/32
    config_context: {ntp: {servers: [local]}, local_only: true}
    interfaces:
      - name: eth0
        description: uplink
        ip_addresses: [{address: 10.0.0.1/32, dns_name: leaf1.example.net}]
  - {name: spine1, site: fra1, role: spine, device_type: Acme/S1}
config_contexts:
  - name: z-global
    data: {ntp: {servers: [a, b], prefer: a}, syslog: s1}
  - name: europe
    weight: 900
    regions: [europe]
    data: {ntp: {servers: [eu]}, region: eu}
  - name: customers
    weight: 2000
    tenant_groups: [customers]
    data: {customer: true}
  - name: leaves
    weight: 1000
    roles: [leaf]
    platforms: [eos]
    tags: [edge]
    data: {role: leaf}
  - name: inactive
    is_active: false
    data: {inactive: true}
  - name: a-global
    data: {order: a}
"#;

fn netsot_yaml(outputs: &str) -> String {
    format!("version: 1\noutputs:\n{outputs}")
}

fn show(dir: &std::path::Path, name: &str) -> Value {
    let output = netsot(&["show", "device", name], dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn config_contexts_merge_by_weight_then_name_with_the_local_context_last() {
    let dir = repo(&[
        ("netsot.yaml", &netsot_yaml("  []\n")),
        ("data/a.yaml", BASE),
    ]);
    let leaf = show(dir.path(), "leaf1");
    assert_eq!(
        leaf["config_context_sources"],
        serde_json::json!([
            "europe",
            "a-global",
            "leaves",
            "z-global",
            "customers",
            "local"
        ])
    );
    let context = &leaf["config_context"];
    // z-global (weight 1000, after `leaves` by name) replaces europe's list; local wins last.
    assert_eq!(context["ntp"]["servers"], serde_json::json!(["local"]));
    assert_eq!(context["ntp"]["prefer"], "a");
    assert_eq!(context["region"], "eu");
    assert_eq!(context["customer"], true);
    assert_eq!(context["role"], "leaf");
    assert!(context.get("inactive").is_none());
    // The view holds the device's interfaces, instantiated from its type.
    let interfaces = leaf["interfaces"].as_array().unwrap();
    assert_eq!(interfaces.len(), 2);
    assert_eq!(interfaces[0]["ip_addresses"][0]["address"], "10.0.0.1/32");
    assert_eq!(leaf["primary_ip4"], "10.0.0.1/32");

    // The spine is in no region, tenant or role scope: only the global contexts apply.
    let spine = show(dir.path(), "spine1");
    assert_eq!(
        spine["config_context_sources"],
        serde_json::json!(["a-global", "z-global"])
    );
}

#[test]
fn show_suggests_close_names_and_fails_with_exit_code_2() {
    let dir = repo(&[
        ("netsot.yaml", &netsot_yaml("  []\n")),
        ("data/a.yaml", BASE),
    ]);
    let output = netsot(&["show", "device", "leaf2"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no device named `leaf2`"), "{stderr}");
    assert!(stderr.contains("leaf1"), "{stderr}");
}

#[test]
fn config_context_scopes_are_resolved() {
    let bad = BASE.replace("regions: [europe]", "regions: [eurpoe]");
    let dir = repo(&[
        ("netsot.yaml", &netsot_yaml("  []\n")),
        ("data/a.yaml", &bad),
    ]);
    let output = netsot(&["check"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("no region named `eurpoe`"), "{stdout}");
    assert!(stdout.contains("europe"), "{stdout}");
}

#[test]
fn templates_render_once_and_per_device_with_filters() {
    let outputs = r#"  - {renderer: template, template: hosts.j2, path: hosts.txt}
  - renderer: template
    template: device.j2
    for_each: devices
    path: "configs/{{ device.site }}/{{ device.name }}.cfg"
"#;
    let hosts = "{% for d in devices %}{{ d.name }} {{ d.primary_ip4 | address | default('-', true) }}\n{% endfor %}";
    let device = "hostname {{ device.name }}\n\
{% for i in device.interfaces if i.ip_addresses %}{% for ip in i.ip_addresses %}\
{{ i.name }} {{ ip.address | address }} {{ ip.address | netmask }} {{ ip.address | prefix_length }} \
{{ ip.address | network }} {{ ip.address | reverse_pointer }} v{{ ip.address | ip_version }}\n\
{% endfor %}{% endfor %}ntp {{ config_context.ntp.servers | join(',') }}\n\
missing {{ config_context.no.such.key | default('none') }}\n";
    let dir = repo(&[
        ("netsot.yaml", &netsot_yaml(outputs)),
        ("data/a.yaml", BASE),
        ("templates/hosts.j2", hosts),
        ("templates/device.j2", device),
    ]);
    let rendered = build_path(dir.path());
    assert!(!rendered.has_errors(), "{:?}", rendered.diagnostics);
    let text = |path: &str| {
        String::from_utf8(
            rendered
                .file(path)
                .unwrap_or_else(|| panic!("no {path}"))
                .bytes
                .clone(),
        )
        .unwrap()
    };
    assert_eq!(text("hosts.txt"), "leaf1 10.0.0.1\nspine1 -\n");
    assert_eq!(
        text("configs/ams1/leaf1.cfg"),
        "hostname leaf1\neth0 10.0.0.1 255.255.255.255 32 10.0.0.1 1.0.0.10.in-addr.arpa v4\nntp local\nmissing none\n"
    );
    assert_eq!(
        text("configs/fra1/spine1.cfg"),
        "hostname spine1\nntp a,b\nmissing none\n"
    );
}

#[test]
fn a_runaway_template_is_stopped() {
    let outputs = "  - {renderer: template, template: loop.j2, path: out.txt}\n";
    let looping =
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}";
    let dir = repo(&[
        ("netsot.yaml", &netsot_yaml(outputs)),
        ("data/a.yaml", BASE),
        ("templates/loop.j2", looping),
    ]);
    let output = netsot(&["build", "--out", "out"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("NS0810"), "{stdout}");
    assert!(stdout.contains("runaway loop"), "{stdout}");
    assert!(stdout.contains("templates/loop.j2"), "{stdout}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn templates_cannot_read_files() {
    let outputs = "  - {renderer: template, template: t.j2, path: out.txt}\n";
    let dir = repo(&[
        ("netsot.yaml", &netsot_yaml(outputs)),
        ("data/a.yaml", BASE),
        ("templates/t.j2", "{% include '/etc/passwd' %}"),
    ]);
    let output = netsot(&["build", "--out", "out"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("template not found"), "{stdout}");
}

#[test]
fn the_example_renders_a_config_per_device_and_exports_its_graph() {
    let rendered = build_path(&root().join("examples"));
    let config = rendered.file("configs/ams1-leaf1.cfg").expect("a config");
    let text = String::from_utf8_lossy(&config.bytes);
    assert!(text.contains("hostname ams1-leaf1"), "{text}");
    assert!(text.contains("router bgp 65101"), "{text}");

    let output = netsot(&["export", "--format", "json", "examples"], &root());
    assert!(output.status.success());
    let graph: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(graph["format"], "netsot-export");
    assert_eq!(graph["version"], 1);
    let devices = graph["devices"].as_array().unwrap();
    assert!(devices.len() >= 20);
    let leaf = devices.iter().find(|d| d["name"] == "ams1-leaf1").unwrap();
    assert_eq!(leaf["site"], "ams1");
    assert!(leaf["config_context"]["bgp"]["asn"].is_number());
    assert!(graph["ip_addresses"]
        .as_array()
        .unwrap()
        .iter()
        .any(|ip| ip["assigned_object"] == "ams1-leaf1"));
    assert!(graph["sites"].as_array().unwrap().len() >= 2);
    assert!(graph["prefixes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["prefix"].is_string()));
}
