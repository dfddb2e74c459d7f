//! Applying the plan: kind by kind in dependency order, creations and updates through
//! NetBox's bulk endpoints, deletions (with `--prune`) last in reverse order. What NetBox
//! makes of its own (a new device gets the interfaces of its type) is read again before it
//! is refined, so the push converges: a second push finds nothing to do.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::client::{Client, NetboxError};
use super::kinds::Kind;
use super::plan::{plan_kind, Action, NotHeld, Step};
use super::state::{Remote, State};
use super::{Desired, Options, Want};
use crate::diag::codes::NETBOX_REFUSED;
use crate::diag::Diagnostic;

/// Applies every kind's steps; stops at NetBox's first refusal, returned as diagnostics at
/// the objects' places in the repository.
pub fn apply(
    client: &Client,
    desired: &[Desired],
    state: &mut State,
    scope: &BTreeSet<String>,
    options: Options,
) -> Result<(Vec<Step>, Vec<Diagnostic>), NetboxError> {
    let mut applied = Vec::new();
    let mut prunable: Vec<NotHeld> = Vec::new();
    // Objects sent without the custom field values naming objects not yet in NetBox.
    let mut deferred = Vec::new();
    for &kind in Kind::ALL {
        // NetBox gives a new device (or module) the components of its type, so a device's
        // bays, interfaces and other components are read again once devices (or modules)
        // were created; and the primary
        // addresses of devices and VMs, and the primary MAC addresses of interfaces, are
        // set on the objects this push may just have created. Every other kind is as read
        // before the push, plus what the push created.
        let made_by: &[Kind] = match kind {
            Kind::ModuleBays | Kind::DeviceBays | Kind::DevicePrimaryIps => &[Kind::Devices],
            Kind::Interfaces
            | Kind::ConsolePorts
            | Kind::ConsoleServerPorts
            | Kind::PowerPorts
            | Kind::PowerOutlets
            | Kind::RearPorts
            | Kind::FrontPorts
            | Kind::InventoryItems => &[Kind::Devices, Kind::Modules],
            Kind::VmPrimaryIps => &[Kind::VirtualMachines],
            Kind::VdcPrimaryIps => &[Kind::VirtualDeviceContexts],
            Kind::InterfacePrimaryMacs => &[Kind::Devices, Kind::Interfaces],
            Kind::VmInterfacePrimaryMacs => &[Kind::VmInterfaces],
            Kind::VcMasters => &[Kind::VirtualChassis],
            Kind::SiteAsns => &[Kind::Sites],
            _ => &[],
        };
        let created = |base: Kind| {
            applied
                .iter()
                .any(|s: &Step| s.kind == base && s.action == Action::Create)
        };
        if made_by.iter().any(|&base| created(base)) {
            state.read(client, kind)?;
        }
        let (steps, not_held) = plan_kind(kind, desired, state, scope);
        let (creates, updates): (Vec<Step>, Vec<Step>) =
            steps.into_iter().partition(|s| s.action == Action::Create);
        let mut sent = Sent {
            applied: &mut applied,
            deferred: &mut deferred,
        };
        let refused = create(client, kind, creates, desired, state, &mut sent)?;
        if !refused.is_empty() {
            return Ok((applied, refused));
        }
        let refused = update(client, kind, updates, desired, state, &mut sent)?;
        if !refused.is_empty() {
            return Ok((applied, refused));
        }
        if options.prune {
            prunable.extend(not_held.into_iter().filter(|n| n.in_scope));
        }
    }
    let refused = complete_deferred(client, &deferred, desired, state, &mut applied)?;
    if !refused.is_empty() {
        return Ok((applied, refused));
    }
    for &kind in Kind::ALL.iter().rev() {
        let doomed: Vec<&NotHeld> = prunable.iter().filter(|n| n.kind == kind).collect();
        if doomed.is_empty() {
            continue;
        }
        let body = Value::Array(
            doomed
                .iter()
                .map(|n| serde_json::json!({ "id": n.id }))
                .collect(),
        );
        match client.delete(kind.spec().path, &body) {
            Ok(()) => {}
            Err(NetboxError::Http { status, body, .. }) if (400..500).contains(&status) => {
                return Ok((
                    applied,
                    vec![Diagnostic::new(
                        &NETBOX_REFUSED,
                        format!(
                            "NetBox refused to delete {} {}: {}",
                            doomed.len(),
                            kind.spec().collection,
                            brief(&body)
                        ),
                    )
                    .with_help("delete or unlink what protects them in NetBox, then push again")],
                ));
            }
            Err(error) => return Err(error),
        }
        applied.extend(doomed.into_iter().map(|n| Step {
            kind,
            key: n.key.clone(),
            site: n.site.clone(),
            action: Action::Delete(n.id),
            fields: Vec::new(),
            desired: None,
            drift: Vec::new(),
        }));
    }
    Ok((applied, Vec::new()))
}

/// What the requests of a push did: the steps applied, and the objects (by index in the
/// desired objects) sent without some custom field values, set once their objects exist.
struct Sent<'a> {
    applied: &'a mut Vec<Step>,
    deferred: &'a mut Vec<usize>,
}

/// Creates a kind's new objects in waves: each wave holds the objects whose references
/// all exist, so a region is created before its children, and a module before the modules
/// installed in the bays it brings.
fn create(
    client: &Client,
    kind: Kind,
    mut pending: Vec<Step>,
    desired: &[Desired],
    state: &mut State,
    sent: &mut Sent,
) -> Result<Vec<Diagnostic>, NetboxError> {
    while !pending.is_empty() {
        let mut ready = Vec::new();
        let mut bodies = Vec::new();
        let mut waiting = Vec::new();
        let mut later = Vec::new();
        for step in pending {
            let index = step.desired.unwrap_or_default();
            match body(&desired[index], None, state) {
                Ok((body, deferred)) => {
                    if deferred {
                        later.push(index);
                    }
                    bodies.push(Value::Object(body));
                    ready.push(step);
                }
                Err(_) => waiting.push(step),
            }
        }
        if ready.is_empty() {
            // What is left refers to objects that neither exist nor are being made.
            return Ok(waiting
                .iter()
                .map(|step| {
                    let object = &desired[step.desired.unwrap_or_default()];
                    let (field, missing) = body(object, None, state).err().unwrap_or_default();
                    refusal(object, field, &format!("NetBox has no {missing}"))
                })
                .collect());
        }
        if kind == Kind::Modules {
            let taken = super::module_names::taken(&ready, desired, state);
            if !taken.is_empty() {
                return Ok(taken);
            }
        }
        let refused = send(
            client,
            kind,
            "POST",
            ready,
            bodies,
            desired,
            state,
            sent.applied,
        )?;
        if !refused.is_empty() {
            return Ok(refused);
        }
        sent.deferred.extend(later);
        if kind == Kind::Modules && !waiting.is_empty() {
            // The modules nested in those just installed wait for the bays NetBox made.
            state.read(client, Kind::ModuleBays)?;
        }
        pending = waiting;
    }
    Ok(Vec::new())
}

/// Updates the fields that differ, one bulk PATCH for the kind.
fn update(
    client: &Client,
    kind: Kind,
    steps: Vec<Step>,
    desired: &[Desired],
    state: &mut State,
    sent: &mut Sent,
) -> Result<Vec<Diagnostic>, NetboxError> {
    if steps.is_empty() {
        return Ok(Vec::new());
    }
    let mut bodies = Vec::new();
    let mut later = Vec::new();
    for step in &steps {
        let Action::Update(id) = step.action else {
            continue;
        };
        let index = step.desired.unwrap_or_default();
        let object = &desired[index];
        let changed: Vec<&str> = step.fields.iter().map(|f| f.field.as_str()).collect();
        match body(object, Some(&changed), state) {
            Ok((mut body, deferred)) => {
                if deferred {
                    later.push(index);
                }
                body.insert("id".into(), id.into());
                bodies.push(Value::Object(body));
            }
            Err((field, missing)) => {
                return Ok(vec![refusal(
                    object,
                    field,
                    &format!("NetBox has no {missing}"),
                )])
            }
        }
    }
    let refused = send(
        client,
        kind,
        "PATCH",
        steps,
        bodies,
        desired,
        state,
        sent.applied,
    )?;
    if refused.is_empty() {
        sent.deferred.extend(later);
    }
    Ok(refused)
}

/// Sets the custom field values left out of earlier requests, now that every object they
/// name exists: one bulk PATCH per kind.
fn complete_deferred(
    client: &Client,
    deferred: &[usize],
    desired: &[Desired],
    state: &mut State,
    applied: &mut Vec<Step>,
) -> Result<Vec<Diagnostic>, NetboxError> {
    for &kind in Kind::ALL {
        let mut steps = Vec::new();
        let mut bodies = Vec::new();
        for &index in deferred.iter().filter(|&&i| desired[i].kind == kind) {
            let object = &desired[index];
            let Some(id) = state.id(kind, &object.key) else {
                continue;
            };
            let (mut body, still) = match body(object, Some(&["custom_fields"]), state) {
                Ok(body) => body,
                Err((field, missing)) => {
                    return Ok(vec![refusal(
                        object,
                        field,
                        &format!("NetBox has no {missing}"),
                    )])
                }
            };
            if still {
                let missing = custom_fields_missing(object, state);
                return Ok(vec![refusal(
                    object,
                    "custom_fields",
                    &format!("NetBox has no {missing}"),
                )]);
            }
            body.insert("id".into(), id.into());
            bodies.push(Value::Object(body));
            let after = object
                .fields
                .iter()
                .find(|f| f.name == "custom_fields")
                .map_or(Value::Null, |f| super::plan::wanted(&f.want));
            steps.push(Step {
                kind,
                key: object.key.clone(),
                site: object.site.clone(),
                action: Action::Update(id),
                fields: vec![crate::diff::FieldChange {
                    field: "custom_fields".to_string(),
                    before: Value::Null,
                    after,
                }],
                desired: Some(index),
                drift: Vec::new(),
            });
        }
        if steps.is_empty() {
            continue;
        }
        let refused = send(
            client, kind, "PATCH", steps, bodies, desired, state, applied,
        )?;
        if !refused.is_empty() {
            return Ok(refused);
        }
    }
    Ok(Vec::new())
}

/// The first object a custom field value of `object` names that NetBox does not hold.
fn custom_fields_missing(object: &Desired, state: &State) -> String {
    object
        .fields
        .iter()
        .filter_map(|f| match &f.want {
            Want::CustomFields(values) => Some(values),
            _ => None,
        })
        .flat_map(|values| values.values())
        .find_map(|want| super::custom_fields::body_value(want, state).err())
        .unwrap_or_default()
}

/// Sends one bulk request (`POST` creates, `PATCH` updates) and records what NetBox did.
/// NetBox applies a bulk request whole or not at all; a refusal it answers with one error
/// object names no position in the batch (endpoints that create one by one, and bulk
/// updates, stop at the first refused object), so then the objects are sent again one by
/// one, and the refused one is known.
#[allow(clippy::too_many_arguments)] // One request's inputs and the state it updates.
fn send(
    client: &Client,
    kind: Kind,
    method: &'static str,
    steps: Vec<Step>,
    bodies: Vec<Value>,
    desired: &[Desired],
    state: &mut State,
    applied: &mut Vec<Step>,
) -> Result<Vec<Diagnostic>, NetboxError> {
    let path = kind.spec().path;
    let body = Value::Array(bodies);
    let answer = match method {
        "POST" => client.post(path, &body),
        _ => client.patch(path, &body),
    };
    match answer {
        Ok(Value::Array(answered)) => {
            for (step, json) in steps.into_iter().zip(answered) {
                match step.action {
                    Action::Create => {
                        let id = json.get("id").and_then(Value::as_u64).unwrap_or_default();
                        state.kind_mut(kind).insert(Remote {
                            id,
                            key: Some(step.key.clone()),
                            site: step.site.clone(),
                            json,
                        });
                    }
                    // Renamed in place (a chassis member's renumbered interface): named
                    // by its new key from now on.
                    Action::Update(id) => state.kind_mut(kind).rekey(id, &step.key),
                    Action::Delete(_) => {}
                }
                applied.push(step);
            }
            Ok(Vec::new())
        }
        Ok(other) => Err(NetboxError::Decode(format!(
            "{method} {path}: expected a list, got {}",
            brief(&other)
        ))),
        Err(NetboxError::Http {
            status,
            body: answer,
            ..
        }) if (400..500).contains(&status) => {
            let Value::Array(bodies) = body else {
                return Ok(Vec::new());
            };
            if steps.len() > 1 && !answer.is_array() {
                for (step, body) in steps.into_iter().zip(bodies) {
                    let refused = send(
                        client,
                        kind,
                        method,
                        vec![step],
                        vec![body],
                        desired,
                        state,
                        applied,
                    )?;
                    if !refused.is_empty() {
                        return Ok(refused);
                    }
                }
                return Ok(Vec::new());
            }
            Ok(refusals(&steps, desired, &answer))
        }
        Err(error) => Err(error),
    }
}

/// The field of a body that names an object NetBox does not hold, and that object.
type Missing = (&'static str, String);

/// The request body of a desired object: every field, or only those named in `only`, and
/// whether custom field values naming objects not yet in NetBox were left out (to be set
/// once they exist). Fails with the field and the object it refers to when that object is
/// not in NetBox.
fn body(
    object: &Desired,
    only: Option<&[&str]>,
    state: &State,
) -> Result<(Map<String, Value>, bool), Missing> {
    let mut body = Map::new();
    let mut deferred = false;
    for field in &object.fields {
        if only.is_some_and(|only| !only.contains(&field.name)) {
            continue;
        }
        let id = |kind: Kind, key: &str| {
            state
                .id(kind, key)
                .ok_or_else(|| (field.name, format!("{} `{key}`", kind.spec().singular)))
        };
        match &field.want {
            Want::Value(value) => {
                body.insert(field.name.into(), value.clone());
            }
            Want::Set(values) => {
                body.insert(field.name.into(), values.clone().into());
            }
            Want::Ref(_, None) => {
                body.insert(field.name.into(), Value::Null);
            }
            Want::Ref(kind, Some(key)) => {
                body.insert(field.name.into(), id(*kind, key)?.into());
            }
            Want::Refs(kind, keys) => {
                let ids = keys
                    .iter()
                    .map(|key| id(*kind, key).map(Value::from))
                    .collect::<Result<Vec<_>, _>>()?;
                body.insert(field.name.into(), Value::Array(ids));
            }
            Want::Generic {
                type_field,
                id_field,
                target,
            } => match target {
                Some((kind, key)) => {
                    body.insert(
                        (*type_field).into(),
                        kind.spec().object_type.to_string().into(),
                    );
                    body.insert((*id_field).into(), id(*kind, key)?.into());
                }
                None => {
                    body.insert((*type_field).into(), Value::Null);
                    body.insert((*id_field).into(), Value::Null);
                }
            },
            Want::CustomFields(values) => {
                let mut map = Map::new();
                for (name, want) in values {
                    match super::custom_fields::body_value(want, state) {
                        Ok(value) => {
                            map.insert(name.clone(), value);
                        }
                        Err(_) => deferred = true,
                    }
                }
                body.insert(field.name.into(), Value::Object(map));
            }
            Want::Ends(ends) => {
                let list = ends
                    .iter()
                    .map(|(kind, key)| {
                        id(*kind, key).map(|id| {
                            serde_json::json!({ "object_type": kind.spec().object_type, "object_id": id })
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                body.insert(field.name.into(), Value::Array(list));
            }
        }
    }
    Ok((body, deferred))
}

/// NetBox's answer to a refused bulk request, one diagnostic per refused object: a list
/// answer holds one error object per object sent, in order (`{}` for those it had no
/// objection to); any other answer concerns the whole request.
fn refusals(batch: &[Step], desired: &[Desired], answer: &Value) -> Vec<Diagnostic> {
    let object = |step: &Step| &desired[step.desired.unwrap_or_default()];
    let mut out = Vec::new();
    match answer {
        Value::Array(items) => {
            for (step, item) in batch.iter().zip(items) {
                if let Value::Object(errors) = item {
                    out.extend(field_refusals(object(step), errors));
                }
            }
        }
        Value::Object(errors) => {
            if let Some(step) = batch.first() {
                out.extend(field_refusals(object(step), errors));
            }
        }
        other => {
            if let Some(step) = batch.first() {
                out.push(refusal(object(step), "", &brief(other)));
            }
        }
    }
    if out.is_empty() {
        if let Some(step) = batch.first() {
            out.push(refusal(object(step), "", &brief(answer)));
        }
    }
    out
}

/// One diagnostic per field NetBox names in an error object.
fn field_refusals(object: &Desired, errors: &Map<String, Value>) -> Vec<Diagnostic> {
    errors
        .iter()
        .map(|(field, messages)| {
            let text = match messages {
                Value::Array(list) => list.iter().map(brief).collect::<Vec<_>>().join("; "),
                other => brief(other),
            };
            refusal(object, field, &text)
        })
        .collect()
}

/// NetBox's refusal of `object`, at the value of the field it names (or the object).
pub(super) fn refusal(object: &Desired, field: &str, message: &str) -> Diagnostic {
    let at = object
        .fields
        .iter()
        .find(|f| {
            f.name == field
                || matches!(&f.want, Want::Generic { type_field, id_field, .. } if *type_field == field || *id_field == field)
        })
        .and_then(|f| f.at)
        .unwrap_or(object.location);
    let named = match field {
        "" | "non_field_errors" | "__all__" => String::new(),
        field => format!("`{field}`: "),
    };
    Diagnostic::new(
        &NETBOX_REFUSED,
        format!(
            "NetBox refused {} `{}`: {named}{}",
            object.kind.spec().singular,
            crate::diag::quote(&object.key),
            message.trim_end_matches('.')
        ),
    )
    .at(at)
    .with_help(
        "fix the value here (or the object in NetBox), then push again: what was pushed stays, and the next push continues from there",
    )
}

/// A NetBox answer as one short line.
fn brief(value: &Value) -> String {
    let text = match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 300 {
        format!("{}…", text.chars().take(300).collect::<String>())
    } else {
        text
    }
}
