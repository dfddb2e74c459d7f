//! Contacts: groups, roles and contacts resolved by name, each object's assignments
//! checked once per (contact, role), and a device's contacts in its view.

use serde_json::Value;

use crate::support::{compile_path, listed, netsot, repo};

const DATA: &str = "contact_groups:
  - {name: noc, slug: noc}
  - {name: noc-emea, parent: noc}
  - {name: noc-apac, parent: noc-asia}
contact_roles:
  - {name: on-call, slug: on-call}
  - {name: manager, slug: on-call}
contacts:
  - {name: Alice, groups: [noc-emea], email: alice@example.net}
  - {name: Bob, groups: [noc]}
tenants:
  - name: infra
    contacts:
      - {contact: Alice, role: on-call, priority: primary}
sites:
  - name: ams1
    status: active
    contacts:
      - {contact: Alice, role: on-call, priority: primary}
      - {contact: Bob, role: on-call, priority: secondary}
      - {contact: Alice, role: on-call, priority: tertiary}
      - {contact: Carol, role: on-call}
device_roles:
  - {name: router}
device_types:
  - {manufacturer: Acme, model: R1, u_height: 1}
devices:
  - name: r1
    role: router
    device_type: Acme/R1
    site: ams1
    contacts:
      - {contact: Bob, role: on-call, priority: primary}
      - {contact: Bob, role: oncall}
";

#[test]
fn contacts_resolve_and_assignments_are_unique_per_contact_and_role() {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", DATA)]);
    let compilation = compile_path(dir.path());
    let text = listed(&compilation.diagnostics, &compilation);
    assert_eq!(
        text,
        "NS0301 data/a.yaml:4:30: no contact group named `noc-asia`\n\
         NS0201 data/a.yaml:7:27: duplicate contact role slug `on-call`\n\
         NS0201 data/a.yaml:21:19: duplicate contact assignment `Alice (on-call)`\n\
         NS0301 data/a.yaml:22:19: no contact named `Carol`\n\
         NS0301 data/a.yaml:34:30: no contact role named `oncall`\n"
    );
}

#[test]
fn a_device_view_lists_its_contacts() {
    let data = "contact_roles:
  - {name: on-call}
contacts:
  - {name: Bob}
sites:
  - {name: ams1, status: active}
device_roles:
  - {name: router}
device_types:
  - {manufacturer: Acme, model: R1, u_height: 1}
devices:
  - name: r1
    role: router
    device_type: Acme/R1
    site: ams1
    contacts:
      - {contact: Bob, role: on-call, priority: primary}
";
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let show = netsot(&["show", "device", "r1"], dir.path());
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
    let device: Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(
        device["contacts"],
        serde_json::json!([{"contact": "Bob", "role": "on-call", "priority": "primary"}])
    );
}
