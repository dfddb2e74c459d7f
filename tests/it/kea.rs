//! The `kea` output, proved with Kea itself: `kea-dhcp4 -t` and `kea-dhcp6 -t` accept the
//! example's configurations, and a real `kea-dhcp4`, started in a network namespace on a
//! veth pair, leases a client the address reserved for its MAC address.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{build_path, consumer_tool, repo, root};

#[test]
fn kea_accepts_the_example_configurations() {
    let rendered = build_path(&root().join("examples"));
    let dir = tempfile::tempdir().unwrap();
    for (tool, file) in [
        ("kea-dhcp4", "kea/kea-dhcp4.conf"),
        ("kea-dhcp6", "kea/kea-dhcp6.conf"),
    ] {
        let Some(tool) = consumer_tool(tool) else {
            continue;
        };
        let bytes = &rendered.file(file).expect("the example renders kea").bytes;
        let path = dir.path().join(file.replace('/', "-"));
        std::fs::write(&path, bytes).unwrap();
        let text = kea_accepts(&tool, dir.path(), &path);
        // Both sites' server networks are subnets; the servers of ams1 are reserved.
        assert!(text.contains("a new subnet has been added"), "{text}");
    }
    let config: serde_json::Value =
        serde_json::from_slice(&rendered.file("kea/kea-dhcp4.conf").unwrap().bytes).unwrap();
    let subnet = &config["Dhcp4"]["subnet4"][0];
    assert_eq!(subnet["subnet"], "10.1.10.0/24");
    assert_eq!(subnet["pools"][0]["pool"], "10.1.10.100 - 10.1.10.199");
    assert_eq!(subnet["option-data"][0]["data"], "10.1.10.1");
    assert_eq!(subnet["reservations"][0]["hw-address"], "52:54:00:a1:10:11");
    assert_eq!(subnet["reservations"][0]["ip-address"], "10.1.10.11");
    // Options: every subnet's from the settings, fra1's own from its prefix's field, and the
    // servers' from the `pxe` config context.
    let global = &config["Dhcp4"]["option-data"];
    assert!(global
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == "ntp-servers" && o["data"] == "10.250.1.40, 10.250.2.40"));
    assert_eq!(
        subnet["reservations"][0]["option-data"][0],
        serde_json::json!({"name": "boot-file-name", "data": "ipxe.efi"})
    );
    let fra1 = &config["Dhcp4"]["subnet4"][1];
    assert_eq!(fra1["subnet"], "10.2.10.0/24");
    assert_eq!(
        fra1["option-data"][1],
        serde_json::json!({"name": "ntp-servers", "data": "10.250.2.40, 10.250.1.40"})
    );
}

/// Kea knows every option name netsot accepts, and takes the data netsot's checks let
/// through for each type it checks (the others' syntax is Kea's own and left to it).
#[test]
fn kea_knows_every_option_netsot_accepts() {
    use netsot::render::kea_option_defs::{table, DataKind};
    use netsot::render::kea_options::entry;
    let dir = tempfile::tempdir().unwrap();
    for (v4, tool, space) in [(true, "kea-dhcp4", "Dhcp4"), (false, "kea-dhcp6", "Dhcp6")] {
        let mut options = Vec::new();
        for def in table(v4) {
            let sample = match def.kind {
                DataKind::Empty => serde_json::json!({"always-send": false}),
                DataKind::Boolean => serde_json::json!(true),
                DataKind::Int { .. } => serde_json::json!(1),
                DataKind::Ipv4 => serde_json::json!("192.0.2.1"),
                DataKind::Ipv6 => serde_json::json!("2001:db8::1"),
                DataKind::String | DataKind::Fqdn => serde_json::json!("example.net"),
                DataKind::Other => continue,
            };
            match entry(v4, def.name, &sample) {
                Ok(option) => options.push(option),
                Err(_) => panic!("netsot refuses {} = {sample}", def.name),
            }
        }
        assert!(options.len() > 40, "{tool}: {}", options.len());
        let Some(tool) = consumer_tool(tool) else {
            continue;
        };
        let config = serde_json::json!({space: {
            "interfaces-config": {"interfaces": []},
            "lease-database": {"type": "memfile", "persist": false},
            "option-data": options,
        }});
        let path = dir.path().join(format!("{space}.json"));
        std::fs::write(&path, config.to_string()).unwrap();
        kea_accepts(&tool, dir.path(), &path);
    }
}

/// Runs `kea-dhcp4 -t`/`kea-dhcp6 -t` on a configuration, failing with Kea's words when
/// it refuses it; Kea's output otherwise.
fn kea_accepts(tool: &Path, dir: &Path, config: &Path) -> String {
    let output = kea_command(tool, dir)
        .arg("-t")
        .arg(config)
        .output()
        .expect("kea runs");
    let text = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{}:\n{text}", config.display());
    text
}

/// Kea with its pid and lock files in `dir`, not in the system's folders.
fn kea_command(tool: &Path, dir: &Path) -> Command {
    let mut command = Command::new(tool);
    command
        .env("KEA_PIDFILE_DIR", dir)
        .env("KEA_LOCKFILE_DIR", dir);
    command
}

/// The namespaces, veth pair and processes of the lease test, removed however it ends.
struct Lab {
    server_ns: String,
    client_ns: String,
    kea: Option<Child>,
    dhclient_pid: std::path::PathBuf,
}

impl Drop for Lab {
    fn drop(&mut self) {
        if let Some(kea) = &mut self.kea {
            let _ = kea.kill();
            let _ = kea.wait();
        }
        // dhclient forks into the background once it holds a lease.
        if let Ok(pid) = std::fs::read_to_string(&self.dhclient_pid) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
        // Deleting a namespace deletes the veth end inside it, and so the pair.
        for ns in [&self.server_ns, &self.client_ns] {
            let _ = Command::new("ip").args(["netns", "delete", ns]).status();
        }
    }
}

fn ip(args: &[&str]) -> bool {
    Command::new("ip")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn ip_ok(args: &[&str]) {
    assert!(ip(args), "ip {args:?} failed");
}

#[test]
fn kea_leases_the_reserved_address_to_its_mac() {
    let (Some(kea), Some(dhclient), Some(_)) = (
        consumer_tool("kea-dhcp4"),
        consumer_tool("dhclient"),
        consumer_tool("ip"),
    ) else {
        return;
    };
    let tag = std::process::id();
    let (server_veth, client_veth) = (format!("nsks{tag}"), format!("nskc{tag}"));
    let tmp = tempfile::tempdir().unwrap();
    let mut lab = Lab {
        server_ns: format!("netsot-kea-s-{tag}"),
        client_ns: format!("netsot-kea-c-{tag}"),
        kea: None,
        dhclient_pid: tmp.path().join("dhclient.pid"),
    };
    if !ip(&["netns", "add", &lab.server_ns]) || !ip(&["netns", "add", &lab.client_ns]) {
        eprintln!(
            "\n*** SKIPPED: network namespaces cannot be created here (not root, or no \
             CAP_SYS_ADMIN); the lease from a real kea-dhcp4 was NOT checked. ***\n"
        );
        return;
    }
    let mac = "52:54:00:12:34:56";
    ip_ok(&[
        "link",
        "add",
        &server_veth,
        "type",
        "veth",
        "peer",
        "name",
        &client_veth,
    ]);
    ip_ok(&["link", "set", &server_veth, "netns", &lab.server_ns]);
    ip_ok(&["link", "set", &client_veth, "netns", &lab.client_ns]);
    ip_ok(&[
        "-n",
        &lab.server_ns,
        "addr",
        "add",
        "192.0.2.1/24",
        "dev",
        &server_veth,
    ]);
    ip_ok(&["-n", &lab.server_ns, "link", "set", &server_veth, "up"]);
    ip_ok(&[
        "-n",
        &lab.client_ns,
        "link",
        "set",
        &client_veth,
        "address",
        mac,
    ]);
    ip_ok(&["-n", &lab.client_ns, "link", "set", &client_veth, "up"]);

    // The repository: a DHCP prefix with a pool, the server's own address as its router,
    // and a host whose interface's MAC has 192.0.2.42 reserved, outside the pool. Options
    // come from each place: every subnet's (the settings), the subnet's (a prefix's custom
    // field, over the settings') and the host's (its config context).
    let config = format!(
        "version: 1\noutputs:\n  - renderer: kea\n    path: kea/\n    dhcp: {{prefix_roles: [lab], range_roles: [lab], interfaces: [{server_veth}], valid_lifetime: 600, options_field: dhcp, context_key: dhcp, options: {{dhcp4: {{domain-name-servers: 192.0.2.99, domain-name: settings.example}}}}}}\n"
    );
    let data = format!(
        "roles:\n  - {{name: lab}}\nsites:\n  - {{name: lab1}}\ntags:\n  - {{name: gateway}}\ncustom_fields:\n  - {{name: dhcp, type: json, object_types: [ipam.prefix]}}\nprefixes:\n  - {{prefix: 192.0.2.0/24, role: lab, custom_fields: {{dhcp: {{domain-name-servers: [192.0.2.53, 192.0.2.54]}}}}}}\nip_ranges:\n  - {{start_address: 192.0.2.100/24, end_address: 192.0.2.150/24, role: lab}}\nip_addresses:\n  - {{address: 192.0.2.1/24, tags: [gateway]}}\nvirtual_machines:\n  - name: client1\n    site: lab1\n    config_context: {{dhcp: {{dhcp4: {{domain-name: lab.example}}}}}}\n    interfaces:\n      - name: eth0\n        mac_address: \"{mac}\"\n        ip_addresses:\n          - {{address: 192.0.2.42/24, status: dhcp}}\n"
    );
    let repository = repo(&[("netsot.yaml", &config), ("data/a.yaml", &data)]);
    let rendered = build_path(repository.path());
    assert!(!rendered.has_errors(), "{:?}", rendered.diagnostics);
    let mut kea_config: serde_json::Value =
        serde_json::from_slice(&rendered.file("kea/kea-dhcp4.conf").unwrap().bytes).unwrap();
    // Writable paths for the test: leases in memory only, logs to the test's output.
    kea_config["Dhcp4"]["lease-database"] = serde_json::json!({
        "type": "memfile",
        "persist": false,
        "name": tmp.path().join("leases4.csv"),
    });
    let config_path = tmp.path().join("kea-dhcp4.conf");
    std::fs::write(&config_path, kea_config.to_string()).unwrap();
    let log = tmp.path().join("kea.log");
    std::fs::write(&log, "").unwrap();
    let mut server = Command::new("ip");
    server
        .args(["netns", "exec", &lab.server_ns])
        .arg(&kea)
        .arg("-c")
        .arg(&config_path)
        .env("KEA_PIDFILE_DIR", tmp.path())
        .env("KEA_LOCKFILE_DIR", tmp.path())
        .stdout(std::fs::File::options().append(true).open(&log).unwrap())
        .stderr(std::fs::File::options().append(true).open(&log).unwrap());
    lab.kea = Some(server.spawn().expect("kea-dhcp4 starts"));
    wait_for(&log, "DHCP4_STARTED", Duration::from_secs(60));

    let leases = tmp.path().join("dhclient.leases");
    let client_conf = tmp.path().join("dhclient.conf");
    std::fs::write(&client_conf, "timeout 30;\nretry 1;\n").unwrap();
    let status = Command::new("ip")
        .args(["netns", "exec", &lab.client_ns])
        .arg(&dhclient)
        .args(["-1", "-sf", "/bin/true", "-cf"])
        .arg(&client_conf)
        .arg("-lf")
        .arg(&leases)
        .arg("-pf")
        .arg(&lab.dhclient_pid)
        .arg(&client_veth)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("dhclient runs");
    let kea_log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        status.success(),
        "dhclient got no lease; kea said:\n{kea_log}"
    );
    let lease = std::fs::read_to_string(&leases).expect("dhclient wrote its lease");
    assert!(
        lease.contains("fixed-address 192.0.2.42;"),
        "{lease}\nkea said:\n{kea_log}"
    );
    assert!(lease.contains("option routers 192.0.2.1;"), "{lease}");
    assert!(
        lease.contains("option domain-name-servers 192.0.2.53,192.0.2.54;"),
        "the subnet's option wins over the settings': {lease}"
    );
    assert!(
        lease.contains("option domain-name \"lab.example\";"),
        "the host's option wins over the settings': {lease}"
    );
}

/// Waits until `file` holds `text`, failing after `limit`.
fn wait_for(file: &Path, text: &str, limit: Duration) {
    let start = Instant::now();
    loop {
        let content = std::fs::read_to_string(file).unwrap_or_default();
        if content.contains(text) {
            return;
        }
        assert!(
            start.elapsed() < limit,
            "`{text}` did not appear in {}:\n{content}",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
