//! Changes made in NetBox (its UI, a script) since the repository was last pushed, found by
//! comparing NetBox's value of each field a plan updates with the value the last pushed
//! revision wanted (`push netbox --base REV`). A push always writes the repository's value;
//! this only says, field by field, whose change it overwrites.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::kinds::Kind;
use super::plan::{same, wanted, Action, Plan};
use super::Desired;

/// A field of an update whose NetBox value is not what the base revision pushed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drift {
    pub field: String,
    /// The value the base revision wanted (what the last push wrote).
    pub base: Value,
    /// Whether the repository changed the field since the base revision too.
    pub changed_in: ChangedIn,
}

/// Who changed a field since the base revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangedIn {
    /// Only NetBox: the repository still wants the base value, and the push reverts
    /// NetBox's change.
    Netbox,
    /// Both: NetBox and the repository changed the field, to different values; the push
    /// writes the repository's.
    Both,
}

/// Marks, on every update of `plan`, the fields NetBox changed since the revision whose
/// objects are `base`. A field NetBox holds as the base revision wanted was changed only
/// in the repository and is no conflict; an object the base revision did not hold has no
/// history to compare with.
pub fn mark(plan: &mut Plan, base: &[Desired]) {
    let by_key: HashMap<(Kind, &str), &Desired> =
        base.iter().map(|d| ((d.kind, d.key.as_str()), d)).collect();
    for step in &mut plan.steps {
        if !matches!(step.action, Action::Update(_)) {
            continue;
        }
        let Some(then) = by_key.get(&(step.kind, step.key.as_str())) else {
            continue;
        };
        step.drift = step
            .fields
            .iter()
            .filter_map(|change| {
                let base = then
                    .fields
                    .iter()
                    .find(|f| f.name == change.field)
                    .map_or(Value::Null, |f| wanted(&f.want));
                if same(&change.before, &base) {
                    return None;
                }
                let changed_in = if same(&change.after, &base) {
                    ChangedIn::Netbox
                } else {
                    ChangedIn::Both
                };
                Some(Drift {
                    field: change.field.clone(),
                    base,
                    changed_in,
                })
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::FieldChange;
    use crate::netbox::plan::Step;
    use crate::netbox::{Field, Want};
    use serde_json::json;

    fn desired(description: &str, status: &str) -> Desired {
        Desired {
            kind: Kind::Sites,
            key: "ams1".into(),
            site: Some("ams1".into()),
            location: crate::diag::Location::default(),
            fields: vec![
                Field {
                    name: "description",
                    want: Want::Value(json!(description)),
                    at: None,
                },
                Field {
                    name: "status",
                    want: Want::Value(json!(status)),
                    at: None,
                },
            ],
            made_by_netbox: false,
            made_as: None,
        }
    }

    fn change(field: &str, before: &str, after: &str) -> FieldChange {
        FieldChange {
            field: field.into(),
            before: json!(before),
            after: json!(after),
        }
    }

    #[test]
    fn a_field_netbox_changed_since_the_base_is_marked_with_who_changed_it() {
        // The base pushed `hall A` and `active`. NetBox's UI then set the description to
        // `hall B` and the status to `planned`; the repository changed the status to
        // `staging` and kept the description.
        let mut plan = Plan {
            steps: vec![Step {
                kind: Kind::Sites,
                key: "ams1".into(),
                site: Some("ams1".into()),
                action: Action::Update(7),
                fields: vec![
                    change("description", "hall B", "hall A"),
                    change("status", "planned", "staging"),
                ],
                desired: None,
                drift: Vec::new(),
            }],
            not_held: Vec::new(),
        };
        mark(&mut plan, &[desired("hall A", "active")]);
        assert_eq!(
            plan.steps[0].drift,
            [
                Drift {
                    field: "description".into(),
                    base: json!("hall A"),
                    changed_in: ChangedIn::Netbox,
                },
                Drift {
                    field: "status".into(),
                    base: json!("active"),
                    changed_in: ChangedIn::Both,
                },
            ]
        );
        // A change made only in the repository is no conflict.
        plan.steps[0].drift.clear();
        plan.steps[0].fields = vec![change("status", "active", "staging")];
        mark(&mut plan, &[desired("hall A", "active")]);
        assert!(plan.steps[0].drift.is_empty());
    }
}
