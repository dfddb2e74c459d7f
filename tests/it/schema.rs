//! The committed JSON Schemas match what the code generates, and validate real files.

use crate::support::{netsot, root};

#[test]
fn committed_schemas_do_not_drift() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = netsot(
        &["schema", "--out", out.path().to_str().expect("utf8")],
        &root(),
    );
    assert!(output.status.success());
    for entry in std::fs::read_dir(out.path()).expect("schemas") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        let generated = std::fs::read_to_string(&path).expect("read");
        let committed =
            std::fs::read_to_string(root().join("schemas").join(name)).unwrap_or_default();
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(root().join("schemas").join(name), &generated).expect("update");
            continue;
        }
        assert!(committed == generated, "schemas/{} is stale: run `UPDATE_SCHEMAS=1 cargo test schema` or `netsot schema --out schemas`", name.to_string_lossy());
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas").join(name)).expect("schema"),
    )
    .expect("json");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn yaml_to_json(path: &std::path::Path) -> serde_json::Value {
    // The test converts YAML with netsot's own tree, typed by the core schema.
    let text = std::fs::read_to_string(path).expect("read");
    let arena = bumpalo::Bump::new();
    let root = netsot::load::yaml::parse(&text, &arena)
        .expect("yaml")
        .root
        .expect("document");
    let context =
        netsot::load::de::Context::new(netsot::diag::FileId(0), netsot::diag::Severity::Error);
    netsot::load::de::from_node::<serde_json::Value>(&root, &context).expect("json")
}

#[test]
fn the_example_validates_against_the_schemas() {
    let data = validator("netsot-data.schema.json");
    let config = validator("netsot-config.schema.json");
    let example = root().join("examples");
    let value = yaml_to_json(&example.join("netsot.yaml"));
    let errors: Vec<String> = config
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "netsot.yaml: {errors:?}");
    let mut stack = vec![example.join("data")];
    let mut count = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let value = yaml_to_json(&path);
                let errors: Vec<String> = data
                    .iter_errors(&value)
                    .map(|e| format!("{e} at {}", e.instance_path()))
                    .collect();
                assert!(errors.is_empty(), "{}: {errors:?}", path.display());
                count += 1;
            }
        }
    }
    assert!(count > 0);
}

#[test]
fn a_misspelt_nested_field_is_flagged_by_the_schema_as_by_check() {
    // What a YAML language server does with the published schema: `plattform` on a device
    // and `dnsname` on an address nested two levels down are flagged, as check flags them.
    let data = "sites:\n  - {name: ams1}\ndevices:\n  - name: leaf1\n    site: ams1\n    plattform: eos\n    interfaces:\n      - name: eth0\n        ip_addresses:\n          - {address: 192.0.2.1/24, dnsname: leaf1.example.net}\n";
    let dir = crate::support::repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let value = yaml_to_json(&dir.path().join("data/a.yaml"));
    let errors: Vec<String> = validator("netsot-data.schema.json")
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("plattform") && e.contains("/devices/0")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("dnsname") && e.contains("/devices/0/interfaces/0/ip_addresses/0")),
        "{errors:?}"
    );
    let output = crate::support::netsot(&["check", "--format", "json"], dir.path());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("unknown field `plattform`"), "{text}");
    assert!(text.contains("unknown field `dnsname`"), "{text}");
}

#[test]
fn free_form_values_stay_open_in_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/netsot-data.schema.json")).expect("schema"),
    )
    .expect("json");
    let value = serde_json::json!({
        "devices": [{"name": "a", "site": "s", "device_type": "t", "role": "r",
                     "custom_fields": {"anything": 1}}],
        "config_contexts": [{"name": "c", "data": {"any": {"nested": true}}}]
    });
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
