//! A virtual chassis pushed into a real NetBox 4.4: NetBox gives a new member the
//! interfaces of its type under the type's names (it does not renumber members), and the
//! push renames those in place to the names the chassis' `interface_numbering` (or an
//! entry's `rename_from`) gives them, so NetBox ends up holding each interface once, under
//! the repository's name, with nothing left over for `--prune`. Names carry `h7-vc-` and a
//! suffix unique to the run.

use std::collections::BTreeSet;

use serde_json::Value;

use netsot::netbox::{Action, Kind};

use crate::netbox_support::{client, left, push, unique, CleanUp};
use crate::support::repo;

/// The names of the interfaces NetBox holds for a device, and their ids.
fn interfaces(client: &netsot::netbox::Client, device: &str) -> Vec<(String, u64)> {
    let mut held: Vec<(String, u64)> = client
        .list(&format!("/api/dcim/interfaces/?device={device}"))
        .expect("NetBox lists the interfaces")
        .iter()
        .map(|i| {
            (
                i.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                i.get("id").and_then(Value::as_u64).unwrap_or_default(),
            )
        })
        .collect();
    held.sort();
    held
}

#[test]
fn a_members_renumbered_interfaces_are_its_types_renamed_in_place() {
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-vc");
    let data = format!(
        "sites:
  - {{name: {run}-site, status: active}}
device_roles:
  - {{name: {run}-access, color: 4caf50}}
manufacturers:
  - {{name: {run}-juniper}}
device_types:
  - manufacturer: {run}-juniper
    model: {run}-ex
    interfaces:
      - {{name: ge-0/0/0, type: 1000base-t}}
      - {{name: ge-0/0/1, type: 1000base-t}}
      - {{name: et-0/1/0, type: 40gbase-x-qsfpp}}
vrfs:
  - {{name: {run}-vrf}}
virtual_chassis:
  - name: {run}-vc
    master: {run}-sw1
    interface_numbering: vc_position_minus_one
devices:
  - name: {run}-sw1
    role: {run}-access
    device_type: {run}-juniper/{run}-ex
    site: {run}-site
    virtual_chassis: {run}-vc
    vc_position: 1
    interfaces:
      - {{name: vcp-255/1/0, rename_from: et-0/1/0}}
  - name: {run}-sw2
    role: {run}-access
    device_type: {run}-juniper/{run}-ex
    site: {run}-site
    virtual_chassis: {run}-vc
    vc_position: 2
    interfaces:
      - {{name: vcp-255/1/0, rename_from: et-1/1/0}}
      - name: ge-1/0/1
        description: printer
        ip_addresses:
          - {{address: 192.0.2.9/24, vrf: {run}-vrf}}
cables:
  - {{a: \"{run}-sw1:ge-0/0/1\", b: \"{run}-sw2:ge-1/0/0\"}}
  - {{a: \"{run}-sw1:vcp-255/1/0\", b: \"{run}-sw2:vcp-255/1/0\"}}
"
    );
    let repository = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: repository.path().to_path_buf(),
    };

    let pushed = push(repository.path(), &client, true);
    // NetBox made each member's three interfaces from the type; the push created none and
    // renamed the four NetBox named otherwise (three on the renumbered member, the VCP
    // port on the first).
    let applied = &pushed.applied;
    assert!(
        !applied
            .iter()
            .any(|s| s.kind == Kind::Interfaces && s.action == Action::Create),
        "an interface was created beside the one NetBox made: {:#?}",
        applied
            .iter()
            .filter(|s| s.kind == Kind::Interfaces)
            .collect::<Vec<_>>()
    );
    let renamed: BTreeSet<String> = applied
        .iter()
        .filter(|s| {
            s.kind == Kind::Interfaces
                && matches!(s.action, Action::Update(_))
                && s.fields.iter().any(|f| f.field == "name")
        })
        .map(|s| s.key.clone())
        .collect();
    let expected: BTreeSet<String> = [
        "sw1:vcp-255/1/0",
        "sw2:ge-1/0/0",
        "sw2:ge-1/0/1",
        "sw2:vcp-255/1/0",
    ]
    .into_iter()
    .map(|interface| format!("{run}-site/{run}-{interface}"))
    .collect();
    assert_eq!(renamed, expected);

    let names = |device: &str| -> Vec<String> {
        interfaces(&client, device)
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    };
    assert_eq!(
        names(&format!("{run}-sw1")),
        ["ge-0/0/0", "ge-0/0/1", "vcp-255/1/0"]
    );
    assert_eq!(
        names(&format!("{run}-sw2")),
        ["ge-1/0/0", "ge-1/0/1", "vcp-255/1/0"]
    );

    // The renamed interfaces carry what the repository gives them: the cables, the address.
    let second = push(repository.path(), &client, false);
    assert_eq!(
        left(&second),
        Vec::<String>::new(),
        "a second push plans nothing"
    );
    let left_over: Vec<String> = second
        .plan
        .not_held
        .iter()
        .filter(|n| n.key.starts_with(&run))
        .map(|n| format!("{} {}", n.kind.spec().collection, n.key))
        .collect();
    assert_eq!(left_over, Vec::<String>::new(), "nothing left for --prune");
    let address = client
        .list("/api/ipam/ip-addresses/?address=192.0.2.9/24")
        .expect("NetBox lists the addresses")
        .into_iter()
        .find(|a| {
            a.pointer("/vrf/name").and_then(Value::as_str) == Some(format!("{run}-vrf").as_str())
        })
        .expect("the address was pushed");
    let sw2 = interfaces(&client, &format!("{run}-sw2"));
    let printer = sw2.iter().find(|(name, _)| name == "ge-1/0/1").map(|i| i.1);
    assert_eq!(
        address.get("assigned_object_id").and_then(Value::as_u64),
        printer
    );
}
