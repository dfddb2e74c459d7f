//! The plan: the repository's objects compared with NetBox's, field by field, in the
//! network's words of `netsot diff` (collections, natural keys, fields).

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::kinds::Kind;
use super::state::{Remote, State};
use super::{custom_fields, Desired, Field, Want};
use crate::diff::FieldChange;

/// What a step does to NetBox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "action", content = "id")]
pub enum Action {
    Create,
    Update(u64),
    Delete(u64),
}

/// One object to create, update or delete.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    #[serde(serialize_with = "collection")]
    pub kind: Kind,
    pub key: String,
    pub site: Option<String>,
    #[serde(flatten)]
    pub action: Action,
    /// For an update, the fields that differ; for a create, the fields set.
    pub fields: Vec<FieldChange>,
    /// The desired object, an index into the list the plan was made from.
    #[serde(skip)]
    pub desired: Option<usize>,
    /// For an update, the fields NetBox changed since the base revision (`--base`), which
    /// the update overwrites.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drift: Vec<super::drift::Drift>,
}

/// An object NetBox holds and the repository does not.
#[derive(Debug, Clone, Serialize)]
pub struct NotHeld {
    #[serde(serialize_with = "collection")]
    pub kind: Kind,
    pub key: String,
    pub id: u64,
    pub site: Option<String>,
    /// In one of the repository's sites: `--prune` deletes it.
    pub in_scope: bool,
}

/// The whole plan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub not_held: Vec<NotHeld>,
}

impl Plan {
    /// True when applying would change nothing (objects not held do not count: they are
    /// kept unless pruned).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The deletions `--prune` adds.
    pub fn prunable(&self) -> impl Iterator<Item = &NotHeld> {
        self.not_held.iter().filter(|n| n.in_scope)
    }
}

fn collection<S: serde::Serializer>(kind: &Kind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind.spec().collection)
}

/// The plan of every kind, against one reading of NetBox.
pub fn plan(desired: &[Desired], state: &State, scope: &BTreeSet<String>) -> Plan {
    let mut plan = Plan::default();
    for &kind in Kind::ALL {
        let (steps, not_held) = plan_kind(kind, desired, state, scope);
        plan.steps.extend(steps);
        plan.not_held.extend(not_held);
    }
    plan
}

/// The steps of one kind, and the objects of that kind the repository does not hold.
pub fn plan_kind(
    kind: Kind,
    desired: &[Desired],
    state: &State,
    scope: &BTreeSet<String>,
) -> (Vec<Step>, Vec<NotHeld>) {
    let remote = state.kind(kind);
    let mut steps = Vec::new();
    let mut held = HashSet::new();
    let first = desired.partition_point(|d| d.kind < kind);
    let count = desired[first..].partition_point(|d| d.kind == kind);
    let objects = &desired[first..first + count];
    // The keys of the kind, to rename only what the repository does not hold under the
    // name NetBox made it with.
    let keys: HashSet<&str> = if objects.iter().any(|d| d.made_as.is_some()) {
        objects.iter().map(|d| d.key.as_str()).collect()
    } else {
        HashSet::new()
    };
    for (index, object) in objects.iter().enumerate() {
        if !held.insert(object.key.as_str()) {
            continue; // a second object of one key: the first one is pushed
        }
        let existing = remote.get(&object.key).or_else(|| {
            let made = object.made_as.as_deref().filter(|m| !keys.contains(m))?;
            remote.get(made).filter(|_| held.insert(made))
        });
        match existing {
            None if kind.spec().update_only || object.made_by_netbox => {}
            None => steps.push(Step {
                kind,
                key: object.key.clone(),
                site: object.site.clone(),
                action: Action::Create,
                fields: object
                    .fields
                    .iter()
                    .map(|f| FieldChange {
                        field: f.name.to_string(),
                        before: Value::Null,
                        after: wanted(&f.want),
                    })
                    .filter(|f| !is_blank(&f.after))
                    .collect(),
                desired: Some(first + index),
                drift: Vec::new(),
            }),
            Some(existing) => {
                let fields = differences(object, existing, state);
                if !fields.is_empty() {
                    steps.push(Step {
                        kind,
                        key: object.key.clone(),
                        site: object.site.clone(),
                        action: Action::Update(existing.id),
                        fields,
                        desired: Some(first + index),
                        drift: Vec::new(),
                    });
                }
            }
        }
    }
    let mut not_held = Vec::new();
    if !kind.spec().update_only {
        for object in &remote.objects {
            let key = object.key.as_deref();
            // The first NetBox object of a held key is held; a second one of the same key
            // is not.
            let is_held = key.is_some_and(|k| {
                held.contains(k) && remote.get(k).is_some_and(|r| r.id == object.id)
            });
            if is_held {
                continue;
            }
            not_held.push(NotHeld {
                kind,
                key: key.map_or_else(|| format!("#{}", object.id), str::to_string),
                id: object.id,
                site: object.site.clone(),
                in_scope: object.site.as_ref().is_some_and(|s| scope.contains(s))
                    && kind != Kind::Sites,
            });
        }
    }
    (steps, not_held)
}

/// The fields of a desired object that differ from NetBox's.
pub fn differences(object: &Desired, existing: &Remote, state: &State) -> Vec<FieldChange> {
    object
        .fields
        .iter()
        .filter_map(|field| {
            if let Want::CustomFields(values) = &field.want {
                return custom_field_changes(values, &existing.json, state);
            }
            let before = current(field, &existing.json, state);
            let after = wanted(&field.want);
            (!same(&before, &after)).then(|| FieldChange {
                field: field.name.to_string(),
                before,
                after,
            })
        })
        .collect()
}

/// The custom fields whose values differ from NetBox's, as one change of `custom_fields`
/// holding those fields only.
fn custom_field_changes(
    values: &std::collections::BTreeMap<String, custom_fields::Wanted>,
    json: &Value,
    state: &State,
) -> Option<FieldChange> {
    let held = json.get("custom_fields");
    let mut before = serde_json::Map::new();
    let mut after = serde_json::Map::new();
    for (name, want) in values {
        let now = custom_fields::current_value(want, held.and_then(|h| h.get(name)), state);
        let then = custom_fields::wanted_value(want);
        if !same(&now, &then) {
            before.insert(name.clone(), now);
            after.insert(name.clone(), then);
        }
    }
    (!after.is_empty()).then(|| FieldChange {
        field: "custom_fields".to_string(),
        before: Value::Object(before),
        after: Value::Object(after),
    })
}

/// The desired value of a field, in the plan's words (references by key).
pub fn wanted(want: &Want) -> Value {
    match want {
        // The fields set: a new object's unset fields are not news.
        Want::CustomFields(values) => Value::Object(
            values
                .iter()
                .map(|(name, want)| (name.clone(), custom_fields::wanted_value(want)))
                .filter(|(_, value)| !is_blank(value))
                .collect(),
        ),
        Want::Value(value) => value.clone(),
        Want::Ref(_, key) => key.clone().map_or(Value::Null, Value::String),
        Want::Refs(_, keys) => sorted(keys.iter().cloned()),
        Want::Set(values) => sorted(values.iter().cloned()),
        Want::Generic { target, .. } => target
            .as_ref()
            .map_or(Value::Null, |(_, key)| Value::String(key.clone())),
        Want::Ends(ends) => sorted(ends.iter().map(|(_, key)| key.clone())),
    }
}

/// NetBox's value of a field, in the plan's words.
fn current(field: &Field, json: &Value, state: &State) -> Value {
    let keyed = |key: Option<String>| key.map_or(Value::Null, Value::String);
    match &field.want {
        Want::Value(wanted) => match json.get(field.name) {
            // Choices come as `{"value": ..., "label": ...}`.
            Some(Value::Object(choice)) if choice.contains_key("value") => {
                choice.get("value").cloned().unwrap_or(Value::Null)
            }
            // A related object named by its attributes (a reservation's user as
            // `{"username": ...}`) comes back nested: compare those attributes only.
            Some(Value::Object(nested)) if wanted.is_object() => Value::Object(
                wanted
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| (k.clone(), nested.get(k).cloned().unwrap_or(Value::Null)))
                    .collect(),
            ),
            Some(value) => value.clone(),
            None => Value::Null,
        },
        Want::Ref(kind, _) => keyed(state.ref_key(*kind, json.get(field.name))),
        Want::Set(_) => sorted(
            json.get(field.name)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string),
        ),
        Want::Refs(kind, _) => sorted(
            json.get(field.name)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|r| {
                    state
                        .ref_key(*kind, Some(r))
                        .unwrap_or_else(|| format!("#{}", r.get("id").unwrap_or(&Value::Null)))
                }),
        ),
        Want::Generic {
            type_field,
            id_field,
            ..
        } => {
            let kind = json
                .get(*type_field)
                .and_then(Value::as_str)
                .and_then(Kind::of_object_type);
            let id = json.get(*id_field).and_then(Value::as_u64);
            match (kind, id) {
                (Some(kind), Some(id)) => keyed(
                    state
                        .kind(kind)
                        .by_id(id)
                        .and_then(|r| r.key.clone())
                        .or_else(|| Some(format!("#{id}"))),
                ),
                _ => Value::Null,
            }
        }
        Want::CustomFields(values) => Value::Object(
            values
                .iter()
                .map(|(name, want)| {
                    let held = json.get("custom_fields").and_then(|h| h.get(name));
                    (
                        name.clone(),
                        custom_fields::current_value(want, held, state),
                    )
                })
                .collect(),
        ),
        Want::Ends(_) => sorted(
            json.get(field.name)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|end| {
                    let kind = end
                        .get("object_type")
                        .and_then(Value::as_str)
                        .and_then(Kind::of_object_type);
                    let id = end.get("object_id").and_then(Value::as_u64);
                    kind.zip(id)
                        .and_then(|(k, id)| state.kind(k).by_id(id))
                        .and_then(|r| r.key.clone())
                        .unwrap_or_else(|| format!("#{}", id.unwrap_or_default()))
                }),
        ),
    }
}

fn sorted(keys: impl Iterator<Item = String>) -> Value {
    let mut keys: Vec<String> = keys.collect();
    keys.sort();
    Value::Array(keys.into_iter().map(Value::String).collect())
}

/// Null, `""` and `[]` are all "nothing" to NetBox.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Whether NetBox's value is the wanted one: blanks are equal, numbers by value (NetBox
/// writes decimals as strings: `"1.00"`).
pub fn same(before: &Value, after: &Value) -> bool {
    if is_blank(before) && is_blank(after) {
        return true;
    }
    match (number(before), number(after)) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => before == after,
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse::<f64>().ok().filter(|_| s.contains('.')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blanks_and_decimals_compare_as_netbox_stores_them() {
        assert!(same(&json!(""), &Value::Null));
        assert!(same(&json!([]), &Value::Null));
        assert!(same(&json!("1.50"), &json!(1.5)));
        assert!(same(&json!(42), &json!(42.0)));
        assert!(!same(&json!("active"), &json!("planned")));
        assert!(!same(&json!("10"), &json!(1.0)));
    }

    fn interface(key: &str, name: &str, made_as: Option<&str>) -> Desired {
        let mut d = Desired::new(
            Kind::Interfaces,
            key.into(),
            Some("s".into()),
            Default::default(),
        );
        d.value("name", name);
        d.made_as = made_as.map(str::to_string);
        d
    }

    fn netbox_holding(names: &[&str]) -> State {
        let mut state = State::default();
        for (id, name) in (1..).zip(names) {
            state.kind_mut(Kind::Interfaces).insert(Remote {
                id,
                key: Some(format!("s/sw2:{name}")),
                site: Some("s".into()),
                json: json!({ "id": id, "name": name }),
            });
        }
        state
    }

    #[test]
    fn what_netbox_made_under_another_name_is_renamed_not_doubled() {
        let scope = BTreeSet::from(["s".to_string()]);
        let state = netbox_holding(&["ge-0/0/0"]);
        let renumbered = [interface(
            "s/sw2:ge-1/0/0",
            "ge-1/0/0",
            Some("s/sw2:ge-0/0/0"),
        )];
        let (steps, not_held) = plan_kind(Kind::Interfaces, &renumbered, &state, &scope);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].action, Action::Update(1));
        assert_eq!(steps[0].key, "s/sw2:ge-1/0/0");
        assert_eq!(steps[0].fields[0].field, "name");
        assert!(not_held.is_empty(), "{not_held:?}");

        // The repository holds the made name too: that one is matched, the other created.
        let both = [
            interface("s/sw2:ge-0/0/0", "ge-0/0/0", None),
            interface("s/sw2:ge-1/0/0", "ge-1/0/0", Some("s/sw2:ge-0/0/0")),
        ];
        let (steps, not_held) = plan_kind(Kind::Interfaces, &both, &state, &scope);
        let actions: Vec<(&str, Action)> = steps.iter().map(|s| (&*s.key, s.action)).collect();
        assert_eq!(actions, [("s/sw2:ge-1/0/0", Action::Create)]);
        assert!(not_held.is_empty(), "{not_held:?}");
    }

    #[test]
    fn a_renamed_object_is_found_by_its_new_key() {
        let mut state = netbox_holding(&["ge-0/0/0"]);
        state.kind_mut(Kind::Interfaces).rekey(1, "s/sw2:ge-1/0/0");
        assert_eq!(state.id(Kind::Interfaces, "s/sw2:ge-1/0/0"), Some(1));
        assert_eq!(state.id(Kind::Interfaces, "s/sw2:ge-0/0/0"), None);
    }
}
