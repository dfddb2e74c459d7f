//! Mistakes in the settings of the `icinga2` templates and zones and of the `kea` output are
//! diagnostics at the value in `netsot.yaml` (NS0111), never a broken file.

use crate::support::{compile_path, listed, repo};

const DATA: &str = "sites:\n  - {name: ams1}\ndevice_roles:\n  - {name: leaf, color: 2196f3}\nplatforms:\n  - {name: Arista EOS, slug: eos}\nvirtual_machines:\n  - name: vm1\n    site: ams1\n    role: leaf\n    platform: Arista EOS\n    primary_ip4: 192.0.2.10/24\n    interfaces:\n      - {name: eth0, ip_addresses: [{address: 192.0.2.10/24}]}\n";

/// The rendered diagnostics of a repository with these outputs, and its files.
fn render(outputs: &str) -> (String, netsot::render::Rendered) {
    let config = format!("version: 1\noutputs:\n{outputs}");
    let dir = repo(&[("netsot.yaml", &config), ("data/a.yaml", DATA)]);
    let compilation = compile_path(dir.path());
    assert!(!compilation.has_errors(), "{:?}", compilation.diagnostics);
    let rendered = netsot::render::render(&compilation);
    (listed(&rendered.diagnostics, &compilation), rendered)
}

#[test]
fn icinga2_templates_take_the_slug_and_refuse_unknown_templates_and_attributes() {
    let (diagnostics, rendered) = render(
        "  - renderer: icinga2\n    path: icinga2/\n    host_templates:\n      platform-eos: {vars: {a: 1}}\n      role-spine: {check_interval: 30}\n      role-leaf: {\"not an attribute\": 1}\n",
    );
    assert_eq!(
        diagnostics,
        "NS0111 netsot.yaml:7:19: no host imports the template `role-spine`\n\
         NS0111 netsot.yaml:8:18: `not an attribute` of the template `role-leaf` is not an Icinga 2 attribute name\n",
    );
    let hosts =
        String::from_utf8_lossy(&rendered.file("icinga2/hosts.conf").unwrap().bytes).into_owned();
    assert!(
        hosts.contains(
            "  import \"netsot-host\"\n  import \"role-leaf\"\n  import \"platform-eos\"\n"
        ),
        "{hosts}"
    );
    let templates =
        String::from_utf8_lossy(&rendered.file("icinga2/templates.conf").unwrap().bytes)
            .into_owned();
    assert!(
        templates.contains("template Host \"platform-eos\" {\n  vars[\"a\"] = 1\n}"),
        "{templates}"
    );
}

#[test]
fn icinga2_satellites_name_existing_sites_once() {
    let (diagnostics, rendered) = render(
        "  - renderer: icinga2\n    path: icinga2/\n    satellites:\n      sites:\n        - {site: ams1, endpoint: sat1}\n        - {site: ams1, endpoint: sat2}\n        - {site: amss1, endpoint: sat3}\n",
    );
    assert_eq!(
        diagnostics,
        "NS0111 netsot.yaml:8:18: the site `ams1` has two satellite zones\n\
         NS0111 netsot.yaml:9:18: `amss1` is not a site\n",
    );
    let zones =
        String::from_utf8_lossy(&rendered.file("icinga2/zones.conf").unwrap().bytes).into_owned();
    // Without `host`, the parent does not connect: the satellite connects up.
    assert!(
        zones.contains("object Endpoint \"sat1\" {\n}\n\nobject Zone \"ams1\" {\n  endpoints = [ \"sat1\" ]\n  parent = \"master\"\n}"),
        "{zones}"
    );
    let hosts =
        String::from_utf8_lossy(&rendered.file("icinga2/hosts.conf").unwrap().bytes).into_owned();
    assert!(hosts.contains("  zone = \"ams1\"\n"), "{hosts}");
}

#[test]
fn kea_needs_its_settings_and_name_servers_by_address() {
    let (diagnostics, _) = render("  - renderer: kea\n    path: kea/\n");
    assert_eq!(
        diagnostics,
        "NS0111 netsot.yaml:3:15: a `kea` output needs `dhcp` settings\n"
    );
    let (diagnostics, rendered) = render(
        "  - renderer: kea\n    path: kea/\n    dhcp: {prefix_roles: [servers], dns_servers: [ns1.example.net, 192.0.2.53]}\n",
    );
    assert_eq!(
        diagnostics,
        "NS0111 netsot.yaml:5:51: the name server `ns1.example.net` is not an IP address\n"
    );
    // No prefix has the role: both files are written, with no subnet.
    let v4: serde_json::Value =
        serde_json::from_slice(&rendered.file("kea/kea-dhcp4.conf").unwrap().bytes).unwrap();
    assert_eq!(v4["Dhcp4"]["subnet4"], serde_json::json!([]));
    assert_eq!(v4["Dhcp4"]["option-data"][0]["data"], "192.0.2.53");
    // The options field must be a `json` custom field of prefixes (DATA defines none).
    let (diagnostics, _) = render(
        "  - renderer: kea\n    path: kea/\n    dhcp: {prefix_roles: [servers], options_field: dhcp_options}\n",
    );
    assert_eq!(
        diagnostics,
        "NS0111 netsot.yaml:5:52: `options_field` `dhcp_options` is not a `json` custom field of `ipam.prefix`\n"
    );
}
