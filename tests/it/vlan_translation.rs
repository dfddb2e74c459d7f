//! VLAN translation (NetBox 4.3's `VLANTranslationPolicy` and `VLANTranslationRule`):
//! policies with their rules, applied to interfaces of devices and virtual machines; the
//! rules' VIDs in range and each once per policy on each side; shown on the interface;
//! carried to NetBox and back.

use crate::support::{compile_path, render, repo};

fn network(run: &str, rules: &str) -> String {
    format!(
        "sites:
  - {{name: {run}-site}}
manufacturers:
  - {{name: {run}-acme}}
device_roles:
  - {{name: {run}-leaf}}
device_types:
  - {{manufacturer: {run}-acme, model: {run}-box}}
vlan_translation_policies:
  - name: {run}-customer-a
    description: provider edge
    rules:
{rules}devices:
  - name: {run}-pe1
    role: {run}-leaf
    device_type: {run}-acme/{run}-box
    site: {run}-site
    interfaces:
      - {{name: xe-0, type: 10gbase-x-sfpp, mode: tagged, vlan_translation_policy: {run}-customer-a}}
"
    )
}

const RULES: &str = "      - {local_vid: 100, remote_vid: 2100}
      - {local_vid: 101, remote_vid: 2101, description: voice}
";

#[test]
fn a_policy_applies_to_an_interface_and_shows_on_it() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &network("t", RULES)),
    ]);
    let compilation = compile_path(dir.path());
    assert_eq!(render(&compilation), "");
    let graph = netsot::view::Views::new(&compilation.graph).export();
    let interface = &graph["devices"][0]["interfaces"][0];
    assert_eq!(
        interface["vlan_translation_policy"],
        serde_json::json!({"name": "t-customer-a", "rules": [
            {"local_vid": 100, "remote_vid": 2100},
            {"local_vid": 101, "remote_vid": 2101},
        ]})
    );
    assert_eq!(
        graph["vlan_translation_policies"][0]["rules"][1]["description"],
        "voice"
    );
}

#[test]
fn rules_out_of_range_or_repeating_a_vid_and_unknown_policies_are_reported() {
    let rules = "      - {local_vid: 100, remote_vid: 2100}
      - {local_vid: 100, remote_vid: 2200}
      - {local_vid: 300, remote_vid: 2100}
      - {local_vid: 0, remote_vid: 4095}
";
    let text = network("t", rules).replace(
        "vlan_translation_policy: t-customer-a}",
        "vlan_translation_policy: t-customer-b}",
    );
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &text),
    ]);
    let compilation = compile_path(dir.path());
    assert_eq!(
        render(&compilation),
        "NS0502 error data/network.yaml:14:21: VLAN translation policy `t-customer-a` has two rules with `local_vid` 100
NS0502 error data/network.yaml:15:38: VLAN translation policy `t-customer-a` has two rules with `remote_vid` 2100
NS0501 error data/network.yaml:16:21: `local_vid` 0 of VLAN translation policy `t-customer-a` is outside 1-4094
NS0501 error data/network.yaml:16:36: `remote_vid` 4095 of VLAN translation policy `t-customer-a` is outside 1-4094
NS0301 error data/network.yaml:23:83: no VLAN translation policy named `t-customer-b`
"
    );
}

/// Both ways through the running NetBox: the policy, its rules and the interface's policy
/// are pushed, a second push plans nothing, and the import writes them back.
#[test]
fn policies_rules_and_interfaces_are_pushed_and_imported_back() {
    use crate::netbox_support::{client, import_site, left, push, unique, CleanUp};
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-vxl");
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &network(&run, RULES)),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    push(dir.path(), &client, true);
    let again = push(dir.path(), &client, false);
    assert!(again.plan.is_empty(), "{:#?}", left(&again));
    let state = netsot::netbox::State::read_all(&client).expect("NetBox answers");
    let rule = state
        .kind(netsot::netbox::Kind::VlanTranslationRules)
        .get(&format!("{run}-customer-a:101"))
        .expect("the rule")
        .json
        .clone();
    assert_eq!(rule["remote_vid"], 2101);
    let (text, report) = import_site(&client, &format!("{run}-site"));
    for expected in [
        format!("vlan_translation_policies:\n  - name: {run}-customer-a\n    description: provider edge\n    rules:\n      - {{local_vid: 100, remote_vid: 2100}}\n      - {{local_vid: 101, remote_vid: 2101, description: voice}}\n"),
        format!("vlan_translation_policy: {run}-customer-a"),
    ] {
        assert!(text.contains(&expected), "`{expected}` not imported:\n{text}");
    }
    assert!(!report.contains("translation"), "{report}");
}
