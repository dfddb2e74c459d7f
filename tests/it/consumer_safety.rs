//! Outputs a consumer cannot be tricked by (issue 12, part 6). Each test starts from a
//! finding's reproducer: names and values written in a hostile repository that the
//! consumer would read as something else. netsot refuses them with a diagnostic or
//! encodes them, and the real consumer (ansible-inventory, promtool, `icinga2 daemon -C`,
//! named-checkzone) shows what it makes of the result. A missing tool is a loud skip, a
//! failure under `NETSOT_REQUIRE_CONSUMERS=1` (see `consumers.rs`).

use std::path::Path;
use std::process::Command;

use netsot::render::Rendered;

use crate::support::{compile_path, consumer_tool, repo};

/// The objects every case builds on: a site, a role, a device type and a cluster.
const BASE: &str = "
sites:
  - {name: ams1, status: active}
device_roles:
  - {name: server}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: S1
    interfaces:
      - {name: eth0, type: 1000base-t}
cluster_types:
  - {name: kvm}
clusters:
  - {name: ams1-kvm, type: kvm, site: ams1, status: active}
";

const OUTPUTS: &str = "version: 1
outputs:
  - {renderer: ansible, path: ansible/inventory.yaml}
  - {renderer: prometheus, path: prometheus/}
  - {renderer: icinga2, path: icinga2/}
";

/// A virtual machine with a primary IPv4 address and optional extra YAML lines.
fn vm(name: &str, address: &str, extra: &str) -> String {
    format!(
        "  - name: {name}\n    cluster: ams1-kvm\n    site: ams1\n    role: server\n    primary_ip4: {address}/24\n{extra}    interfaces:\n      - name: eth0\n        ip_addresses:\n          - {{address: {address}/24}}\n"
    )
}

/// What rendering a small repository gives: the output, one line per diagnostic
/// (`CODE line:column: message`), and the folder the repository lives in.
struct Built {
    _dir: tempfile::TempDir,
    rendered: Rendered,
    diagnostics: String,
}

impl Built {
    /// Writes the rendered files (even when refused, to show the consumer what it would
    /// have read) into a fresh folder.
    fn write(&self) -> tempfile::TempDir {
        let out = tempfile::tempdir().expect("tempdir");
        for file in &self.rendered.files {
            netsot::cli::write::write_atomic(&out.path().join(&file.path), &file.bytes)
                .expect("write");
        }
        out
    }

    fn text(&self, path: &str) -> String {
        let file = self
            .rendered
            .file(path)
            .unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8(file.bytes.clone()).expect("UTF-8")
    }

    /// The number of diagnostics of `code`.
    fn count(&self, code: &str) -> usize {
        self.diagnostics
            .lines()
            .filter(|l| l.starts_with(code))
            .count()
    }
}

fn build(netsot_yaml: &str, data: &str) -> Built {
    let dir = repo(&[("netsot.yaml", netsot_yaml), ("data/a.yaml", data)]);
    let compilation = compile_path(dir.path());
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    let rendered = netsot::render::render(&compilation);
    let diagnostics = crate::support::listed(&rendered.diagnostics, &compilation);
    Built {
        _dir: dir,
        rendered,
        diagnostics,
    }
}

/// `ansible-inventory --list` on an inventory file, as JSON; `None` when it fails.
fn ansible_list(tool: &Path, inventory: &Path, home: &Path) -> Result<serde_json::Value, String> {
    let output = Command::new(tool)
        .arg("-i")
        .arg(inventory)
        .arg("--list")
        .env("ANSIBLE_INVENTORY_UNPARSED_FAILED", "true")
        .env("ANSIBLE_INVENTORY_ENABLED", "yaml")
        .env("ANSIBLE_LOCAL_TEMP", home)
        .env("ANSIBLE_HOME", home)
        .output()
        .expect("ansible-inventory runs");
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())
}

/// The host names of an `ansible-inventory --list`, sorted.
fn ansible_hosts(list: &serde_json::Value) -> Vec<String> {
    let mut hosts: Vec<String> = list["_meta"]["hostvars"]
        .as_object()
        .map(|h| h.keys().cloned().collect())
        .unwrap_or_default();
    hosts.sort();
    hosts
}

#[test]
fn ansible_host_names_that_are_patterns_are_refused() {
    // The reproducer: a VM whose name is the device's name with a port replaces the
    // device's `ansible_host`; a range expands into five hosts; `sw[1]` breaks parsing.
    let data = format!(
        "{BASE}devices:\n  - {{name: ams1-mon1, device_type: S1, role: server, site: ams1, primary_ip4: 192.0.2.10/24, interfaces: [{{name: eth0, ip_addresses: [{{address: 192.0.2.10/24}}]}}]}}\nvirtual_machines:\n{}{}{}",
        vm("\"ams1-mon1:22\"", "198.51.100.66", ""),
        vm("\"web[01:05]\"", "198.51.100.67", ""),
        vm("\"sw[1]\"", "198.51.100.68", ""),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.count("NS0806"), 3, "{}", built.diagnostics);
    for name in ["ams1-mon1:22", "web[01:05]", "sw[1]"] {
        assert!(
            built
                .diagnostics
                .contains(&format!("the host name `{name}`")),
            "{}",
            built.diagnostics
        );
    }
    assert!(
        built
            .diagnostics
            .contains("NS0806 data/a.yaml:20:11: the host name `ams1-mon1:22` holds `:`"),
        "{}",
        built.diagnostics
    );
    assert!(built.rendered.has_errors(), "the build must be refused");

    // Why: Ansible reads those names as patterns, so the inventory netsot would have
    // written names other hosts than the data does.
    let Some(tool) = consumer_tool("ansible-inventory") else {
        return;
    };
    let out = built.write();
    let inventory = out.path().join("ansible/inventory.yaml");
    match ansible_list(&tool, &inventory, out.path()) {
        Err(_) => {} // `sw[1]` makes the whole inventory unparsable.
        Ok(list) => assert_ne!(
            ansible_hosts(&list),
            ["ams1-mon1", "ams1-mon1:22", "sw[1]", "web[01:05]"],
            "Ansible read the names as written: {list}"
        ),
    }
    // Without `sw[1]`, the hazard is silent: the device's address is replaced by the
    // VM's, and `web[01:05]` is five hosts.
    let text = std::fs::read_to_string(&inventory).unwrap();
    let without_sw: String = text
        .split_inclusive('\n')
        .scan(false, |skipping, line| {
            if line.starts_with("    ") && !line.starts_with("     ") {
                *skipping = line.contains("\"sw[1]\"");
            }
            Some(if *skipping || line.contains("\"sw[1]\"") {
                ""
            } else {
                line
            })
        })
        .collect();
    std::fs::write(&inventory, without_sw).unwrap();
    let list = ansible_list(&tool, &inventory, out.path()).expect("parses without sw[1]");
    assert_eq!(
        list["_meta"]["hostvars"]["ams1-mon1"]["ansible_host"], "198.51.100.66",
        "{list}"
    );
    assert!(
        ansible_hosts(&list).contains(&"web05".to_string()),
        "{list}"
    );
}

#[test]
fn ansible_plain_host_names_reach_ansible_unchanged() {
    let data = format!(
        "{BASE}virtual_machines:\n{}{}{}",
        vm("ams1-mon1", "198.51.100.1", ""),
        vm("web01.example.net", "198.51.100.2", ""),
        vm("db_1", "198.51.100.3", ""),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.diagnostics, "");
    let Some(tool) = consumer_tool("ansible-inventory") else {
        return;
    };
    let out = built.write();
    let list = ansible_list(
        &tool,
        &out.path().join("ansible/inventory.yaml"),
        out.path(),
    )
    .expect("ansible-inventory reads the inventory");
    assert_eq!(
        ansible_hosts(&list),
        ["ams1-mon1", "db_1", "web01.example.net"]
    );
    assert_eq!(
        list["_meta"]["hostvars"]["web01.example.net"]["ansible_host"],
        "198.51.100.2"
    );
}

#[test]
fn ansible_does_not_template_names_from_the_data() {
    // A tag name holding Jinja would be evaluated on the controller when a play uses the
    // host's `netsot_tags`: `{{ lookup('pipe', ...) }}` runs a command.
    let data = format!(
        "{BASE}tags:\n  - {{name: \"{{{{ 6 * 7 }}}}\"}}\nvirtual_machines:\n{}",
        vm("one", "198.51.100.1", "    tags: [\"{{ 6 * 7 }}\"]\n"),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.diagnostics, "");
    let Some(tool) = consumer_tool("ansible") else {
        return;
    };
    let out = built.write();
    let output = Command::new(&tool)
        .arg("one")
        .arg("-i")
        .arg(out.path().join("ansible/inventory.yaml"))
        .args(["-m", "debug", "-a", "msg=[{{ netsot_tags[0] }}]"])
        .env("ANSIBLE_INVENTORY_ENABLED", "yaml")
        .env("ANSIBLE_LOCAL_TEMP", out.path())
        .env("ANSIBLE_HOME", out.path())
        .output()
        .expect("ansible runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("\"msg\": \"[{{ 6 * 7 }}]\""), "{stdout}");
}

#[test]
fn ansible_hosts_sharing_a_name_are_reported_at_both() {
    // A device and a VM of one name: one entry's variables would replace the other's.
    let data = format!(
        "{BASE}devices:\n  - {{name: ams1-mon1, device_type: S1, role: server, site: ams1}}\nvirtual_machines:\n{}",
        vm("ams1-mon1", "198.51.100.66", ""),
    );
    // The device has no address: in the inventory only when asked for.
    let outputs = OUTPUTS.replace(
        "path: ansible/inventory.yaml}",
        "path: ansible/inventory.yaml, hosts_without_address: true}",
    );
    let built = build(&outputs, &data);
    assert_eq!(built.count("NS0807"), 2, "{}", built.diagnostics);
    assert!(built
        .diagnostics
        .contains("NS0807 data/a.yaml:18:12: two hosts are named `ams1-mon1`"));
    assert!(built
        .diagnostics
        .contains("NS0807 data/a.yaml:20:11: two hosts are named `ams1-mon1`"));
}

#[test]
fn ansible_hosts_named_like_a_group_are_reported() {
    // `site_ams1` is also the group of the site's hosts; `all` makes Ansible fail with a
    // recursive group.
    let data = format!(
        "{BASE}virtual_machines:\n{}{}",
        vm("site_ams1", "198.51.100.1", ""),
        vm("all", "198.51.100.2", ""),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.count("NS0807"), 2, "{}", built.diagnostics);
    assert!(built.diagnostics.contains(
        "NS0807 data/a.yaml:18:11: the host `site_ams1` has the name of a group of the inventory"
    ));
    assert!(built.diagnostics.contains(
        "NS0807 data/a.yaml:27:11: the host `all` has the name of a group of the inventory"
    ));
    let Some(tool) = consumer_tool("ansible-inventory") else {
        return;
    };
    let out = built.write();
    // What the refusal prevents: Ansible fails, or loses a host (today it drops
    // `site_ams1` from the hosts and keeps only its group).
    match ansible_list(
        &tool,
        &out.path().join("ansible/inventory.yaml"),
        out.path(),
    ) {
        Err(_) => {}
        Ok(list) => assert_ne!(ansible_hosts(&list), ["all", "site_ams1"], "{list}"),
    }
}

#[test]
fn ansible_groups_that_merge_are_reported_at_both_tags() {
    // `a-b` and `a b` both become the group `tag_a_b`.
    let data = format!(
        "{BASE}tags:\n  - {{name: a-b}}\n  - {{name: a b}}\n  - {{name: a_c}}\nvirtual_machines:\n{}{}",
        vm("one", "198.51.100.1", "    tags: [a-b]\n"),
        vm("two", "198.51.100.2", "    tags: [\"a b\", a_c]\n"),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.count("NS0807"), 2, "{}", built.diagnostics);
    for line in [18, 19] {
        assert!(
            built.diagnostics.contains(&format!(
                "NS0807 data/a.yaml:{line}:12: the tags `a-b` and `a b` are both the Ansible group `tag_a_b`"
            )),
            "{}",
            built.diagnostics
        );
    }

    // Distinct names stay distinct groups for Ansible.
    let data = format!(
        "{BASE}tags:\n  - {{name: a-b}}\n  - {{name: a_c}}\nvirtual_machines:\n{}{}",
        vm("one", "198.51.100.1", "    tags: [a-b]\n"),
        vm("two", "198.51.100.2", "    tags: [a_c]\n"),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.diagnostics, "");
    let Some(tool) = consumer_tool("ansible-inventory") else {
        return;
    };
    let out = built.write();
    let list = ansible_list(
        &tool,
        &out.path().join("ansible/inventory.yaml"),
        out.path(),
    )
    .expect("ansible-inventory reads the inventory");
    assert_eq!(
        list["tag_a_b"]["hosts"],
        serde_json::json!(["one"]),
        "{list}"
    );
    assert_eq!(
        list["tag_a_c"]["hosts"],
        serde_json::json!(["two"]),
        "{list}"
    );
}

#[test]
fn prometheus_tags_holding_the_separator_are_refused() {
    let data = format!(
        "{BASE}tags:\n  - {{name: \"monitored,critical\"}}\nvirtual_machines:\n{}",
        vm(
            "one",
            "198.51.100.1",
            "    tags: [\"monitored,critical\"]\n"
        ),
    );
    let built = build(OUTPUTS, &data);
    assert!(
        built.diagnostics.contains(
            "NS0806 data/a.yaml:18:12: the tag `monitored,critical` holds `,`, the separator of the Prometheus label `tags`"
        ),
        "{}",
        built.diagnostics
    );
}

#[test]
fn prometheus_tags_match_exactly_with_the_documented_recipe() {
    // `critical` and `critical-path` are different tags: `.*,critical,.*` matches only
    // the first, as Prometheus evaluates it on the labels netsot writes.
    let data = format!(
        "{BASE}tags:\n  - {{name: critical}}\n  - {{name: critical-path}}\n  - {{name: monitored}}\nvirtual_machines:\n{}{}",
        vm("one", "198.51.100.1", "    tags: [monitored, critical]\n"),
        vm("two", "198.51.100.2", "    tags: [critical-path, monitored]\n"),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.diagnostics, "");
    let Some(tool) = consumer_tool("promtool") else {
        return;
    };
    let nodes: serde_json::Value =
        serde_json::from_str(&built.text("prometheus/nodes.json")).expect("JSON");
    let mut series = String::new();
    for group in nodes.as_array().expect("groups") {
        let labels: Vec<String> = group["labels"]
            .as_object()
            .expect("labels")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        series.push_str(&format!(
            "      - series: 'up{{{}}}'\n        values: '1'\n",
            labels.join(",").replace('\'', "''")
        ));
    }
    let out = built.write();
    std::fs::write(out.path().join("rules.yml"), "groups: []\n").unwrap();
    let test = format!(
        "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n{series}    promql_expr_test:\n      - expr: 'count by (name) (up{{tags=~\".*,critical,.*\"}})'\n        eval_time: 0m\n        exp_samples:\n          - labels: '{{name=\"one\"}}'\n            value: 1\n"
    );
    let test_path = out.path().join("test.yml");
    std::fs::write(&test_path, test).unwrap();
    let output = Command::new(&tool)
        .args(["test", "rules"])
        .arg(&test_path)
        .current_dir(out.path())
        .output()
        .expect("promtool runs");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn icinga2_reads_every_number_and_no_macro() {
    // The reproducer: `1e-7` and exponents are syntax errors for Icinga 2, integers beyond
    // 2^53 are rounded by its doubles, `.inf`/`.nan` used to become null, and `$ENV$` is
    // a runtime macro (and a lone `$` in `vars` fails Icinga's validation).
    let data = format!(
        "{BASE}{}virtual_machines:\n{}",
        // Every value is `json`, so the numbers reach the renderer as YAML typed them.
        ["tiny", "huge", "big", "wide", "exact", "small", "inf", "nan", "price", "text"]
            .iter()
            .fold("custom_fields:\n".to_string(), |defs, name| {
                defs + &format!(
                    "  - {{name: {name}, type: json, object_types: [virtualization.virtualmachine]}}\n"
                )
            }),
        vm(
            "one",
            "198.51.100.1",
            "    custom_fields: {tiny: 1e-7, huge: 1.5e300, big: 123456789012345678901234567890, wide: 18446744073709551615, exact: 9007199254740993, small: -5, inf: .inf, nan: .nan, price: \"costs 5$\", text: \"$ENV$ \\\"q\\\" \\\\\"}\n    description: x\n"
        ),
    );
    let built = build(OUTPUTS, &data);
    assert_eq!(built.diagnostics, "");
    let hosts = built.text("icinga2/hosts.conf");
    let fields = hosts
        .lines()
        .find(|l| l.contains("vars.custom_fields"))
        .expect("custom fields");
    for expected in [
        r#""tiny" = 0.0000001"#,
        r#""big" = "123456789012345678901234567890""#,
        r#""wide" = "18446744073709551615""#,
        r#""exact" = "9007199254740993""#,
        r#""small" = -5"#,
        r#""inf" = ".inf""#,
        r#""nan" = ".nan""#,
        r#""text" = "$$ENV$$ \"q\" \\""#,
        // Icinga validates `vars` as macro strings: a lone `$` fails the whole config.
        r#""price" = "costs 5$$""#,
    ] {
        assert!(fields.contains(expected), "{expected} not in {fields}");
    }
    assert!(fields.contains(&format!(r#""huge" = 15{}"#, "0".repeat(299))));
    assert!(!fields.contains("e+") && !fields.contains("e-"), "{fields}");
    let Some(tool) = consumer_tool("icinga2") else {
        return;
    };
    let out = built.write();
    let conf = out.path().join("icinga2");
    let main = out.path().join("icinga2.conf");
    std::fs::write(
        &main,
        format!(
            "const PluginDir = \"/usr/lib/nagios/plugins\"\ninclude <itl>\ninclude <plugins>\ninclude \"{dir}/templates.conf\"\ninclude \"{dir}/hosts.conf\"\n",
            dir = conf.display()
        ),
    )
    .unwrap();
    let state = out.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    let mut command = Command::new(&tool);
    command.args(["daemon", "-C", "-c"]).arg(&main);
    for name in ["DataDir", "CacheDir", "LogDir", "SpoolDir", "InitRunDir"] {
        command.args(["--define", &format!("{name}={}", state.display())]);
    }
    let id = |flag: &str| {
        let output = Command::new("id").arg(flag).output().expect("id runs");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    command.args(["--define", &format!("RunAsUser={}", id("-un"))]);
    command.args(["--define", &format!("RunAsGroup={}", id("-gn"))]);
    let output = command.output().expect("icinga2 runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("Finished validating the configuration"),
        "{text}"
    );
}

const DNS: &str = "version: 1
outputs:
  - renderer: dns
    path: dns/
    zones:
      - name: example.net
        primary_ns: ns1.example.net
        admin: ADMIN
        nameservers: [{name: ns1.example.net, addresses: [192.0.2.53]}]
      - name: 2.0.192.in-addr.arpa
        primary_ns: ns1.example.net
        admin: ADMIN
        nameservers: [{name: ns1.example.net}]
";

#[test]
fn dns_wildcard_names_are_refused() {
    let data = "ip_addresses:
  - {address: 192.0.2.10/24, dns_name: \"*.example.net\"}
  - {address: 192.0.2.11/24, dns_name: www.example.net}
";
    let built = build(&DNS.replace("ADMIN", "hostmaster.example.net"), data);
    assert!(
        built
            .diagnostics
            .contains("NS0805 data/a.yaml:2:40: `*.example.net` is a wildcard"),
        "{}",
        built.diagnostics
    );
    assert_eq!(built.count("NS0805"), 1, "{}", built.diagnostics);
    let forward = built.text("dns/example.net.zone");
    let reverse = built.text("dns/2.0.192.in-addr.arpa.zone");
    assert!(
        !forward.contains('*') && !reverse.contains('*'),
        "{forward}{reverse}"
    );
    assert!(forward.contains("www "), "{forward}");
    assert!(reverse.contains("www.example.net."), "{reverse}");

    // Nor is a wildcard a zone's name server.
    let built = build(
        &DNS.replace("ADMIN", "hostmaster.example.net").replace(
            "primary_ns: ns1.example.net",
            "primary_ns: \"*.example.net\"",
        ),
        data,
    );
    assert!(
        built.diagnostics.contains(
            "NS0108 netsot.yaml:7:21: the primary name server `*.example.net` is not a valid DNS name: it is a wildcard"
        ),
        "{}",
        built.diagnostics
    );
}

#[test]
fn dns_admin_mailboxes_keep_the_dots_of_their_local_part() {
    let data = "ip_addresses:\n  - {address: 192.0.2.11/24, dns_name: www.example.net}\n";
    let built = build(&DNS.replace("ADMIN", "first.last@example.net"), data);
    assert_eq!(built.diagnostics, "");
    let forward = built.text("dns/example.net.zone");
    assert!(
        forward.contains("IN SOA   ns1.example.net. first\\.last.example.net. ("),
        "{forward}"
    );
    // A mailbox that cannot be a DNS name is refused, not mangled.
    let refused = build(&DNS.replace("ADMIN", "\"first last@example.net\""), data);
    assert!(
        refused.diagnostics.contains(
            "NS0108 netsot.yaml:8:16: the admin mailbox `first last@example.net` is not a valid DNS name"
        ),
        "{}",
        refused.diagnostics
    );

    // BIND reads the RNAME back as one label `first.last` under `example.net`.
    let Some(tool) = consumer_tool("named-checkzone") else {
        return;
    };
    let out = built.write();
    let output = Command::new(&tool)
        .args(["-k", "fail", "-n", "fail", "-i", "full", "-D", "-o", "-"])
        .arg("example.net")
        .arg(out.path().join("dns/example.net.zone"))
        .output()
        .expect("named-checkzone runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    let soa = text
        .lines()
        .find(|l| l.contains("SOA"))
        .expect("an SOA record");
    assert!(
        soa.contains("\tns1.example.net. first\\.last.example.net. "),
        "{soa}"
    );
}

#[test]
fn icinga2_hosts_of_one_name_in_two_sites_are_reported_at_both() {
    // Device names are unique per site only: `pp-mdf` in two sites would be two `object
    // Host "pp-mdf"`, and `icinga2 daemon -C` refuses the whole configuration for it.
    let device = |site: &str, address: &str| {
        format!(
            "  - name: pp-mdf\n    device_type: S1\n    role: server\n    site: {site}\n    primary_ip4: {address}/24\n    interfaces:\n      - {{name: eth0, type: virtual, ip_addresses: [{{address: {address}/24}}]}}\n"
        )
    };
    let data = format!(
        "sites:\n  - {{name: ams1}}\n  - {{name: fra1}}\ndevice_roles:\n  - {{name: server}}\nmanufacturers:\n  - {{name: Acme}}\ndevice_types:\n  - {{manufacturer: Acme, model: S1}}\ndevices:\n{}{}",
        device("ams1", "192.0.2.1"),
        device("fra1", "192.0.2.2"),
    );
    let built = build(
        "version: 1\noutputs:\n  - {renderer: icinga2, path: icinga2/}\n",
        &data,
    );
    assert_eq!(built.count("NS0807"), 2, "{}", built.diagnostics);
    for line in [11, 18] {
        assert!(
            built.diagnostics.contains(&format!(
                "NS0807 data/a.yaml:{line}:11: two hosts are named `pp-mdf` in the Icinga 2 configuration"
            )),
            "{}",
            built.diagnostics
        );
    }
}
