//! Every output of the example, proved with its real consumer: named-checkzone for the
//! zones, promtool for the file_sd targets, `icinga2 daemon -C` for the objects and
//! ansible-inventory for the inventory. A missing tool is a loud skip on a developer's
//! machine and a failure in CI (`NETSOT_REQUIRE_CONSUMERS=1`).

use std::process::Command;

use crate::support::{build_path, consumer_tool, root};

/// Builds the example into a fresh folder.
fn example_build() -> tempfile::TempDir {
    let rendered = build_path(&root().join("examples"));
    assert!(
        !rendered.has_errors(),
        "rendering the example fails: {:?}",
        rendered.diagnostics
    );
    let dir = tempfile::tempdir().expect("tempdir");
    for file in &rendered.files {
        netsot::cli::write::write_atomic(&dir.path().join(&file.path), &file.bytes).expect("write");
    }
    dir
}

fn run(command: &mut Command) -> String {
    let output = command.output().expect("the tool runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

#[test]
fn named_checkzone_accepts_every_zone() {
    let Some(tool) = consumer_tool("named-checkzone") else {
        return;
    };
    let out = example_build();
    let zones = ["example.net", "10.in-addr.arpa", "8.b.d.0.1.0.0.2.ip6.arpa"];
    for zone in zones {
        let file = out.path().join(format!("dns/{zone}.zone"));
        let text = run(Command::new(&tool)
            .args(["-k", "fail", "-n", "fail", "-i", "full", zone])
            .arg(&file));
        assert!(text.contains("OK"), "{zone}: {text}");
    }
    // The forward zone holds the leaves' loopbacks, the reverse zones their PTRs.
    let forward = std::fs::read_to_string(out.path().join("dns/example.net.zone")).unwrap();
    assert!(forward.contains("IN SOA   ns1.example.net. hostmaster.example.net. ("));
    assert!(forward
        .lines()
        .any(|l| l.starts_with("ns1 ") && l.contains(" A ")));
    let reverse = std::fs::read_to_string(out.path().join("dns/10.in-addr.arpa.zone")).unwrap();
    assert!(reverse.contains(" IN PTR "), "{reverse}");
    let reverse6 =
        std::fs::read_to_string(out.path().join("dns/8.b.d.0.1.0.0.2.ip6.arpa.zone")).unwrap();
    assert!(reverse6.contains(" IN PTR "), "{reverse6}");
}

#[test]
fn promtool_accepts_a_config_reading_the_targets() {
    let Some(tool) = consumer_tool("promtool") else {
        return;
    };
    let out = example_build();
    let dir = out.path().join("prometheus");
    // The configuration is the README's, with its paths pointing at this build.
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let start = readme
        .find("```yaml\nscrape_configs:")
        .expect("the README's recipe")
        + 8;
    let end = start + readme[start..].find("```").expect("the recipe's end");
    let config = readme[start..end].replace(
        "/srv/netsot/build/prometheus/",
        &format!("{}/", dir.display()),
    );
    let config_path = out.path().join("prometheus.yml");
    std::fs::write(&config_path, config).unwrap();
    let text = run(Command::new(&tool)
        .args(["check", "config"])
        .arg(&config_path));
    assert!(text.contains("SUCCESS"), "{text}");
    // Service discovery with the recipe's relabelling, as Prometheus would run it: every
    // probe goes to the exporter, and `instance` stays the probed host and port.
    let discovered = Command::new(&tool)
        .args(["check", "service-discovery", "--timeout=3s"])
        .arg(&config_path)
        .arg("blackbox")
        .output()
        .expect("promtool runs");
    assert!(discovered.status.success(), "{discovered:?}");
    let targets: serde_json::Value =
        serde_json::from_slice(&discovered.stdout).expect("a JSON list of targets");
    let targets = targets.as_array().expect("a list");
    assert!(!targets.is_empty());
    for target in targets {
        let labels = &target["labels"];
        assert_eq!(labels["__address__"], "127.0.0.1:9115", "{target}");
        assert_eq!(labels["instance"], labels["__param_target"], "{target}");
        assert_ne!(labels["instance"], "127.0.0.1:9115", "{target}");
    }
    // The SNMP exporter's job: the module and auth from the file reach the exporter.
    let discovered = Command::new(&tool)
        .args(["check", "service-discovery", "--timeout=3s"])
        .arg(&config_path)
        .arg("snmp")
        .output()
        .expect("promtool runs");
    assert!(discovered.status.success(), "{discovered:?}");
    let targets: serde_json::Value =
        serde_json::from_slice(&discovered.stdout).expect("a JSON list of targets");
    let targets = targets.as_array().expect("a list");
    assert!(targets.len() >= 10, "{targets:?}");
    for target in targets {
        let labels = &target["labels"];
        assert_eq!(labels["__address__"], "127.0.0.1:9116", "{target}");
        assert_eq!(labels["__param_module"], "if_mib", "{target}");
        assert_eq!(labels["__param_auth"], "public_v2", "{target}");
        assert_eq!(labels["instance"], labels["__param_target"], "{target}");
        assert!(["spine", "leaf", "mgmt-switch"].contains(&labels["role"].as_str().unwrap()));
    }
    // promtool checks the file_sd files' syntax only when it loads them; parse them here
    // as Prometheus does: a list of groups with `targets` and string `labels`.
    for name in ["nodes.json", "blackbox.json", "snmp.json"] {
        let groups: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap();
        let groups = groups.as_array().expect("a list");
        assert!(!groups.is_empty(), "{name} is empty");
        for group in groups {
            assert!(group["targets"].as_array().is_some_and(|t| !t.is_empty()));
            for (key, value) in group["labels"].as_object().expect("labels") {
                assert!(key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                assert!(value.is_string());
            }
        }
    }
    let nodes = std::fs::read_to_string(dir.join("nodes.json")).unwrap();
    assert!(nodes.contains("\"site\": \"ams1\"") && nodes.contains(":9100\""));
}

#[test]
fn icinga2_accepts_hosts_and_services() {
    let Some(tool) = consumer_tool("icinga2") else {
        return;
    };
    let out = example_build();
    let conf_dir = out.path().join("icinga2");
    let main = out.path().join("icinga2.conf");
    std::fs::write(
        &main,
        format!(
            // The master's own zone, which docs/outputs.md says the operator defines.
            "const PluginDir = \"/usr/lib/nagios/plugins\"\ninclude <itl>\ninclude <plugins>\nobject Endpoint \"master1.example.net\" {{ }}\nobject Zone \"master\" {{ endpoints = [ \"master1.example.net\" ] }}\ninclude \"{dir}/zones.conf\"\ninclude \"{dir}/templates.conf\"\ninclude \"{dir}/hosts.conf\"\ninclude \"{dir}/services.conf\"\ninclude \"{dir}/dependencies.conf\"\n",
            dir = conf_dir.display()
        ),
    )
    .unwrap();
    let state = out.path().join("state");
    std::fs::create_dir_all(&state).unwrap();
    let text = run(Command::new(&tool)
        .args(["daemon", "-C", "-c"])
        .arg(&main)
        .args(["--define", &format!("DataDir={}", state.display())])
        .args(["--define", &format!("CacheDir={}", state.display())])
        .args(["--define", &format!("LogDir={}", state.display())])
        .args(["--define", &format!("SpoolDir={}", state.display())])
        .args(["--define", &format!("InitRunDir={}", state.display())])
        // icinga2 drops privileges to its own user unless told to stay who we are.
        .args(["--define", &format!("RunAsUser={}", id("-un"))])
        .args(["--define", &format!("RunAsGroup={}", id("-gn"))]));
    assert!(
        text.contains("Finished validating the configuration"),
        "{text}"
    );
    let hosts = count(&text, "Host");
    assert!(hosts >= 20, "only {hosts} hosts:\n{text}");
    assert!(count(&text, "Service") >= 6, "{text}");
    // The example's satellite zone, and its endpoint beside the master's.
    assert_eq!(count(&text, "Zone"), 2, "{text}");
    assert_eq!(count(&text, "Endpoint"), 2, "{text}");
    // Icinga's own view of the objects (the debug dump `daemon -C` writes): the templates
    // imported in order, their attributes, a platform's winning over the base template's,
    // and fra1's hosts in fra1's zone.
    let objects = icinga2_objects(&state.join("icinga2.debug"));
    let leaf = &objects[&("Host".to_string(), "fra1-leaf1".to_string())];
    assert_eq!(
        leaf["templates"],
        serde_json::json!(["fra1-leaf1", "netsot-host", "role-leaf", "platform-eos"]),
        "{leaf}"
    );
    assert_eq!(leaf["zone"], "fra1", "{leaf}");
    assert_eq!(leaf["check_interval"], 30, "{leaf}");
    assert_eq!(leaf["check_command"], "hostalive", "{leaf}");
    assert_eq!(leaf["vars"]["paging"], "fabric", "{leaf}");
    assert_eq!(leaf["vars"]["snmp_community"], "public", "{leaf}");
    let ams1 = &objects[&("Host".to_string(), "ams1-leaf1".to_string())];
    assert_eq!(ams1["zone"], "", "{ams1}");
    let zone = &objects[&("Zone".to_string(), "fra1".to_string())];
    assert_eq!(zone["parent"], "master", "{zone}");
    assert_eq!(
        zone["endpoints"],
        serde_json::json!(["fra1-icinga.example.net"]),
        "{zone}"
    );
    // Every Dependency of the file is instantiated: its parent and child hosts exist.
    let written = std::fs::read_to_string(conf_dir.join("dependencies.conf")).unwrap();
    let dependencies = written.matches("object Dependency ").count();
    assert!(dependencies >= 20, "{written}");
    assert_eq!(count(&text, "Dependencies"), dependencies, "{text}");
    for (child, parent) in [
        ("ams1-leaf1", "ams1-spine1"),
        ("ams1-srv01", "ams1-leaf1"),
        ("ams1-leaf1", "ams1-mgmt1"),
    ] {
        assert!(
            written.contains(&format!(
                "  parent_host_name = \"{parent}\"\n  child_host_name = \"{child}\"\n"
            )),
            "{child} -> {parent}:\n{written}"
        );
    }
}

/// The objects of icinga2's debug dump (netstring-framed JSON records), their
/// properties by type and name.
fn icinga2_objects(
    path: &std::path::Path,
) -> std::collections::HashMap<(String, String), serde_json::Value> {
    let dump = std::fs::read_to_string(path).expect("icinga2 wrote its object dump");
    let mut objects = std::collections::HashMap::new();
    let mut rest = dump.as_str();
    while let Some((length, tail)) = rest.split_once(':') {
        let length: usize = length.parse().expect("a netstring length");
        let record: serde_json::Value = serde_json::from_str(&tail[..length]).expect("JSON");
        rest = &tail[length + 1..];
        let kind = record["type"].as_str().unwrap_or_default().to_string();
        let name = record["name"].as_str().unwrap_or_default().to_string();
        objects.insert((kind, name), record["properties"].clone());
    }
    objects
}

/// The current user's or group's name, from `id`.
fn id(flag: &str) -> String {
    let output = Command::new("id").arg(flag).output().expect("id runs");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// The number icinga2 prints in "Instantiated N Hosts."
fn count(text: &str, kind: &str) -> usize {
    text.lines()
        .find_map(|line| {
            let rest = line.split("Instantiated ").nth(1)?;
            let (n, what) = rest.split_once(' ')?;
            (what.trim_end_matches('.') == format!("{kind}s") || what.trim_end_matches('.') == kind)
                .then(|| n.parse().ok())?
        })
        .unwrap_or(0)
}

#[test]
fn ansible_inventory_accepts_the_inventory() {
    let Some(tool) = consumer_tool("ansible-inventory") else {
        return;
    };
    let out = example_build();
    let inventory = out.path().join("ansible/inventory.yaml");
    let output = Command::new(&tool)
        .arg("-i")
        .arg(&inventory)
        .arg("--list")
        .env("ANSIBLE_INVENTORY_UNPARSED_FAILED", "true")
        .env("ANSIBLE_INVENTORY_ENABLED", "yaml")
        .env("ANSIBLE_LOCAL_TEMP", out.path())
        .env("ANSIBLE_HOME", out.path())
        .output()
        .expect("ansible-inventory runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("[WARNING]"), "{stderr}");
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    for group in [
        "site_ams1",
        "site_fra1",
        "role_leaf",
        "role_spine",
        "platform_eos",
    ] {
        let hosts = list[group]["hosts"].as_array();
        assert!(
            hosts.is_some_and(|h| !h.is_empty()),
            "no group {group}: {list}"
        );
    }
    let vars = &list["_meta"]["hostvars"]["ams1-leaf1"];
    assert_eq!(vars["netsot_site"], "ams1");
    assert_eq!(vars["netsot_role"], "leaf");
    assert!(vars["ansible_host"].as_str().is_some());
    // As nb_inventory users compose them: the platform's network OS and connection, and
    // NetBox's names for the addresses and serial.
    assert_eq!(vars["ansible_network_os"], "arista.eos.eos");
    assert_eq!(vars["ansible_connection"], "ansible.netcommon.network_cli");
    assert_eq!(vars["primary_ip4"], vars["ansible_host"]);
    assert!(vars["oob_ip"].as_str().is_some());
    assert_eq!(vars["is_virtual"], false);
    // The merged config context, one variable (the site's ASN over the global defaults),
    // so it does not override the user's group_vars.
    assert_eq!(vars["config_context"]["bgp"]["asn"], 65101);
    assert_eq!(vars["config_context"]["domain_name"], "example.net");
    assert!(vars.get("bgp").is_none());
    // Patch panels have no address: not in the inventory unless asked for.
    assert!(list["_meta"]["hostvars"]
        .as_object()
        .unwrap()
        .keys()
        .all(|h| !h.contains("-pp")));
}
