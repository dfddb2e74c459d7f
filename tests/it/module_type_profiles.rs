//! Module type profiles (NetBox 4.3's `ModuleTypeProfile`): a profile's JSON Schema, the
//! `attribute_data` of the module types naming it checked against it, and both carried to
//! NetBox and back. The rules' fixtures are NS0637-NS0639.

use crate::support::{compile_path, render, repo};

fn network(run: &str, attributes: &str) -> String {
    format!(
        "manufacturers:
  - {{name: {run}-intel}}
module_type_profiles:
  - name: {run}-cpu
    description: processors
    schema:
      properties:
        cores: {{type: integer}}
        speed: {{type: number}}
      required: [cores]
module_types:
  - manufacturer: {run}-intel
    model: {run}-xeon
    profile: {run}-cpu
    attribute_data: {attributes}
"
    )
}

#[test]
fn attributes_follow_their_profile_and_an_unknown_profile_is_reported() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/a.yaml", &network("t", "{cores: 32, speed: 2.1}")),
    ]);
    assert_eq!(render(&compile_path(dir.path())), "");
    let text = network("t", "{speed: fast}").replace("profile: t-cpu", "profile: t-gpu");
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &text)]);
    assert_eq!(
        render(&compile_path(dir.path())),
        "NS0301 error data/a.yaml:14:14: no module type profile named `t-gpu`\n"
    );
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/a.yaml", &network("t", "{speed: fast}")),
    ]);
    assert_eq!(
        render(&compile_path(dir.path())),
        "NS0638 error data/a.yaml:15:21: `attribute_data` of module type `t-xeon` does not conform to profile `t-cpu`: \"cores\" is a required property\n"
    );
}

/// Both ways through the running NetBox: the profile and the module type's profile and
/// attributes are pushed, a second push plans nothing, and the import writes them back.
#[test]
fn profiles_and_attributes_are_pushed_and_imported_back() {
    use crate::netbox_support::{client, left, push, unique, CleanUp};
    use netsot::netbox::Kind;
    let Some(client) = client() else {
        return;
    };
    let run = unique("h7-mtp");
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/a.yaml", &network(&run, "{cores: 32, speed: 2.1}")),
    ]);
    let _clean_up = CleanUp {
        client: &client,
        path: dir.path().to_path_buf(),
    };
    push(dir.path(), &client, true);
    let again = push(dir.path(), &client, false);
    assert!(
        again.plan.is_empty(),
        "{:#?} {:#?}",
        left(&again),
        again.plan.steps
    );
    let state = netsot::netbox::State::read_all(&client).expect("NetBox answers");
    let module_type = state
        .kind(Kind::ModuleTypes)
        .get(&format!("{run}-intel/{run}-xeon"))
        .expect("the module type")
        .json
        .clone();
    assert_eq!(module_type["profile"]["name"], format!("{run}-cpu"));
    assert_eq!(
        module_type["attributes"],
        serde_json::json!({"cores": 32, "speed": 2.1})
    );
    let imported = netsot::netbox::import::import(&client, &Default::default())
        .expect("the import reads NetBox");
    let file = |path: &str| {
        imported
            .files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| String::from_utf8_lossy(b).to_string())
            .unwrap_or_else(|| panic!("{path} not imported"))
    };
    let dcim = file("data/dcim.yaml");
    let expected = format!("  - name: {run}-cpu\n    description: processors\n    schema:\n");
    assert!(dcim.contains(&expected), "{dcim}");
    let xeon = file(&format!(
        "device-types/module-types/{run}-intel/{run}-xeon.yaml"
    ));
    for expected in [
        format!("profile: {run}-cpu\n"),
        "attribute_data: {cores: 32, speed: 2.1}\n".to_string(),
    ] {
        assert!(xeon.contains(&expected), "`{expected}` not in:\n{xeon}");
    }
    assert!(
        !imported
            .not_carried
            .lines()
            .iter()
            .any(|l| l.contains("profile")),
        "{:?}",
        imported.not_carried.lines()
    );
}
