//! Custom fields through the bridge, offline: definitions, choice sets and values as the
//! import writes them from NetBox's answers. The push side is proven against a real NetBox
//! by the round trip (`netbox_roundtrip.rs`), whose example carries a select field with a
//! default, a date, a `json` field and an `object` field naming another site.

use serde_json::{json, Value};

use netsot::netbox::import::fetch::Snapshot;
use netsot::netbox::import::{convert, Options};

fn nested(endpoint: &str, id: u64, fields: Value) -> Value {
    let mut object =
        json!({"id": id, "url": format!("http://netbox/api/{endpoint}/{id}/"), "display": "x"});
    if let (Some(object), Value::Object(fields)) = (object.as_object_mut(), fields) {
        object.extend(fields);
    }
    object
}

#[test]
fn custom_fields_import_as_definitions_sets_and_values_a_person_would_write() {
    let choice = |v: &str| json!({"value": v, "label": v});
    let ams1_ref = nested("dcim/sites", 1, json!({"name": "ams1", "slug": "ams1"}));
    let fra1_ref = nested("dcim/sites", 2, json!({"name": "fra1", "slug": "fra1"}));
    let site = |id: u64, name: &str, values: Value| {
        json!({"id": id, "name": name, "slug": name, "status": choice("active"), "tags": [],
               "custom_fields": values})
    };
    let snapshot = Snapshot::from_lists([
        (
            "dcim/sites",
            vec![
                // A default is left out; an object is named; a `json` value stays as it is,
                // though it is an object.
                site(
                    1,
                    "ams1",
                    json!({"level": "nbd", "backup": fra1_ref, "extra": {"id": 7, "note": "kept"}, "peers": [fra1_ref], "unset": null}),
                ),
                site(
                    2,
                    "fra1",
                    json!({"level": "4h", "backup": ams1_ref, "extra": null, "peers": [], "unset": null}),
                ),
            ],
        ),
        (
            "extras/custom-field-choice-sets",
            vec![
                json!({"id": 1, "name": "levels", "description": "", "base_choices": null,
                "extra_choices": [["4h", "Four hours"], ["nbd", "Next business day"]],
                "order_alphabetically": false, "choices_count": 2}),
            ],
        ),
        (
            "extras/custom-fields",
            vec![
                json!({"id": 1, "name": "level", "type": choice("select"), "object_types": ["dcim.site"],
                    "choice_set": nested("extras/custom-field-choice-sets", 1, json!({"name": "levels"})),
                    "default": "nbd", "required": false, "unique": false, "search_weight": 1000,
                    "filter_logic": choice("loose"), "ui_visible": choice("always"), "ui_editable": choice("yes"),
                    "weight": 100, "label": "", "group_name": "", "description": "", "validation_regex": "",
                    "data_type": "string", "is_cloneable": false, "comments": ""}),
                json!({"id": 2, "name": "backup", "type": choice("object"), "object_types": ["dcim.site", "dcim.module"],
                    "related_object_type": "dcim.site", "search_weight": 500, "weight": 100, "data_type": "object"}),
                json!({"id": 3, "name": "peers", "type": choice("multiobject"), "object_types": ["dcim.site"],
                    "related_object_type": "dcim.site", "data_type": "object"}),
                json!({"id": 4, "name": "extra", "type": choice("json"), "object_types": ["dcim.site"], "data_type": "object"}),
                json!({"id": 5, "name": "unset", "object_types": ["dcim.site"], "data_type": "string"}),
            ],
        ),
    ]);
    let imported = convert(&snapshot, &Options::default()).expect("converts");
    let file = |path: &str| {
        imported
            .files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| String::from_utf8_lossy(b).to_string())
            .unwrap_or_else(|| panic!("{path} written"))
    };
    assert_eq!(
        file("data/extras.yaml"),
        "# Imported from NetBox by `netsot import netbox`.

custom_fields:
  - name: backup
    type: object
    object_types: [dcim.site]
    related_object_type: dcim.site
    search_weight: 500
  - {name: extra, type: json, object_types: [dcim.site]}
  - {name: level, type: select, object_types: [dcim.site], default: nbd, choice_set: levels}
  - {name: peers, type: multiobject, object_types: [dcim.site], related_object_type: dcim.site}
  - {name: unset, object_types: [dcim.site]}

custom_field_choice_sets:
  - {name: levels, extra_choices: [[4h, Four hours], [nbd, Next business day]]}
"
    );
    let ams1 = file("data/sites/ams1.yaml");
    assert!(
        ams1.contains("custom_fields:\n      backup: fra1\n      extra: {id: 7, note: kept}\n      peers: [fra1]\n"),
        "{ams1}"
    );
    assert!(!ams1.contains("level"), "the default is left out: {ams1}");
    assert!(file("data/sites/fra1.yaml").contains("level: 4h"));
    // Only the module type has no home.
    assert_eq!(
        imported.not_carried.lines(),
        ["extras.customfield: applies to `dcim.module` (no custom fields there in netsot) ×1"]
    );
}
