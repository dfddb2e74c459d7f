//! The `ansible` output's settings, as `nb_inventory` users know them: which hosts (status,
//! address), which address `ansible_host` is, the groups, the platform's connection
//! variables and where the config context goes.

use crate::support::{compile_path, repo};

const DATA: &str = "
sites:
  - {name: ams1}
  - {name: fra1}
locations:
  - {name: hall1, site: ams1}
  - {name: hall1, site: fra1}
racks:
  - {name: R1, site: ams1, location: hall1}
  - {name: R1, site: fra1, location: hall1}
device_roles:
  - {name: leaf}
platforms:
  - {name: eos}
  - {name: sonic-vs}
manufacturers:
  - {name: Acme}
device_types:
  - {manufacturer: Acme, model: S1}
config_contexts:
  - {name: ntp, data: {ntp_servers: [192.0.2.123]}}
devices:
  - name: ams1-leaf1
    site: ams1
    location: hall1
    rack: R1
    role: leaf
    platform: eos
    device_type: S1
    primary_ip4: 192.0.2.1/24
    oob_ip: 198.51.100.1/24
    interfaces:
      - {name: eth0, type: virtual, ip_addresses: [{address: 192.0.2.1/24}]}
      - {name: mgmt0, type: virtual, mgmt_only: true, ip_addresses: [{address: 198.51.100.1/24}]}
  - name: fra1-leaf1
    site: fra1
    location: hall1
    rack: R1
    role: leaf
    platform: sonic-vs
    device_type: S1
    primary_ip4: 192.0.2.2/24
    interfaces:
      - {name: eth0, type: virtual, ip_addresses: [{address: 192.0.2.2/24}]}
  - {name: fra1-leaf2, site: fra1, role: leaf, device_type: S1, status: planned}
  - {name: fra1-spare, site: fra1, role: leaf, device_type: S1}
";

/// The inventory rendered with these settings of the `ansible` output.
fn inventory(settings: &str) -> String {
    let netsot_yaml = format!(
        "version: 1\noutputs:\n  - renderer: ansible\n    path: inventory.yaml\n{settings}"
    );
    let dir = repo(&[("netsot.yaml", &netsot_yaml), ("data/a.yaml", DATA)]);
    let compilation = compile_path(dir.path());
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    let rendered = netsot::render::render(&compilation);
    assert!(
        rendered.diagnostics.is_empty(),
        "{:?}",
        rendered.diagnostics
    );
    String::from_utf8(rendered.files[0].bytes.clone()).expect("UTF-8")
}

/// The lines of one host's variables.
fn host<'a>(inventory: &'a str, name: &str) -> &'a str {
    let start = inventory
        .find(&format!("\n    {name}:"))
        .unwrap_or_else(|| panic!("no host {name}:\n{inventory}"));
    let rest = &inventory[start + 1..];
    let end = rest[1..]
        .find("\n    ")
        .and_then(|i| {
            let next = &rest[i + 2..];
            (!next.starts_with("  ")).then_some(i + 1)
        })
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn by_default_only_active_hosts_with_an_address_and_nb_inventory_variables() {
    let inventory = inventory("");
    assert!(inventory.contains("    ams1-leaf1:"), "{inventory}");
    // Planned, and active without an address: left out.
    assert!(!inventory.contains("fra1-leaf2"), "{inventory}");
    assert!(!inventory.contains("fra1-spare"), "{inventory}");
    let leaf = host(&inventory, "ams1-leaf1");
    for line in [
        "ansible_host: \"192.0.2.1\"",
        "ansible_network_os: \"arista.eos.eos\"",
        "ansible_connection: \"ansible.netcommon.network_cli\"",
        "primary_ip4: \"192.0.2.1\"",
        "oob_ip: \"198.51.100.1\"",
        "config_context:\n        ntp_servers:",
    ] {
        assert!(leaf.contains(line), "{line} missing:\n{leaf}");
    }
    // A platform the built-in table does not know gets no connection variables.
    assert!(!host(&inventory, "fra1-leaf1").contains("ansible_network_os"));
    // The default groups.
    assert!(inventory.contains("    site_ams1:\n") && inventory.contains("    platform_eos:\n"));
}

#[test]
fn settings_choose_statuses_address_groups_platforms_and_context_layout() {
    let inventory = inventory(
        "    ansible_host: oob\n    hosts_without_address: true\n    statuses: [active, planned]\n    group_by: [rack, location, status, device_type]\n    flatten_config_context: true\n    platforms:\n      sonic-vs: {network_os: dellemc.enterprise_sonic.sonic, connection: ansible.netcommon.network_cli}\n",
    );
    let leaf = host(&inventory, "ams1-leaf1");
    assert!(leaf.contains("ansible_host: \"198.51.100.1\""), "{leaf}");
    assert!(leaf.contains("      ntp_servers:"), "{leaf}");
    assert!(!leaf.contains("config_context"), "{leaf}");
    // No OOB address, yet in the inventory because asked for, without `ansible_host`.
    let other = host(&inventory, "fra1-leaf1");
    assert!(!other.contains("ansible_host"), "{other}");
    assert!(
        other.contains("ansible_network_os: \"dellemc.enterprise_sonic.sonic\""),
        "{other}"
    );
    assert!(inventory.contains("    fra1-leaf2:"), "{inventory}");
    // Racks and locations are named per site: two `R1` are two groups.
    for group in [
        "rack_ams1_R1",
        "rack_fra1_R1",
        "location_ams1_hall1",
        "status_planned",
        "device_type_S1",
    ] {
        assert!(
            inventory.contains(&format!("    {group}:\n")),
            "{group}:\n{inventory}"
        );
    }
    assert!(!inventory.contains("    site_ams1:\n"), "{inventory}");
}
