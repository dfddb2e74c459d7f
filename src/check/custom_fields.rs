//! Custom fields: the definitions (`CustomField.clean` and `CustomFieldChoiceSet.clean`
//! of NetBox's `extras/models/customfields.py`) and every object's values against the
//! definitions that apply to its type (`CustomFieldsMixin.clean` of
//! `netbox/models/features.py`, `CustomField.validate`).
//!
//! Definitions are prepared once (regexes compiled with a size limit, choice sets found by
//! name, a table of field names per object type); then each collection that carries
//! `custom_fields` is walked once, on all threads, with hash lookups per value. Values of
//! `unique` fields are gathered and sorted once.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::Value;

use super::custom_field_values::{describe, validate, Field};
use crate::diag::{self, codes, Diagnostic, FileId, Location, Span};
use crate::graph::Graph;
use crate::model::custom_fields::{
    CustomField, CustomFieldChoiceSet, CustomFieldObjectType, CustomFieldValues,
};
use crate::model::{Obj, Text};

/// A compiled regex may take this much memory; NetBox caps the pattern at 500 characters,
/// and a pattern within that can still ask for a huge automaton (`a{1000}{1000}`).
const REGEX_SIZE_LIMIT: usize = 1 << 20;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let model = &graph.model;
    let sets = choice_sets(&model.custom_field_choice_sets, out);
    let defs = Definitions::new(graph, &sets, out);
    let ty = |name: &str| CustomFieldObjectType::named(name);
    let mut findings: Vec<Finding> = Vec::new();
    let mut walk = |found: Vec<Finding>| findings.extend(found);
    walk(defs.objects(&model.tenants, ty("tenancy.tenant"), |o| {
        (Some(&o.name), &o.custom_fields, "tenant")
    }));
    walk(defs.objects(&model.sites, ty("dcim.site"), |o| {
        (Some(&o.name), &o.custom_fields, "site")
    }));
    walk(defs.objects(&model.locations, ty("dcim.location"), |o| {
        (Some(&o.name), &o.custom_fields, "location")
    }));
    walk(defs.objects(&model.racks, ty("dcim.rack"), |o| {
        (Some(&o.name), &o.custom_fields, "rack")
    }));
    walk(defs.objects(&model.devices, ty("dcim.device"), |o| {
        (o.name.as_ref(), &o.custom_fields, "device")
    }));
    walk(defs.objects(
        &model.virtual_machines,
        ty("virtualization.virtualmachine"),
        |o| (Some(&o.name), &o.custom_fields, "virtual machine"),
    ));
    walk(defs.objects(&model.vrfs, ty("ipam.vrf"), |o| {
        (Some(&o.name), &o.custom_fields, "VRF")
    }));
    walk(defs.objects(&model.prefixes, ty("ipam.prefix"), |o| {
        (Some(&o.prefix), &o.custom_fields, "prefix")
    }));
    walk(
        defs.objects(&model.ip_addresses, ty("ipam.ipaddress"), |o| {
            (Some(&o.address), &o.custom_fields, "address")
        }),
    );
    walk(defs.objects(&model.vlans, ty("ipam.vlan"), |o| {
        (Some(&o.name), &o.custom_fields, "VLAN")
    }));
    walk(defs.objects(&model.services, ty("ipam.service"), |o| {
        (Some(&o.name), &o.custom_fields, "service")
    }));
    walk(defs.objects(&model.circuits, ty("circuits.circuit"), |o| {
        (Some(&o.cid), &o.custom_fields, "circuit")
    }));
    walk(defs.interfaces(&model.devices, ty("dcim.interface"), |d| {
        (d.name.as_ref(), &d.interfaces[..])
    }));
    walk(defs.interfaces(
        &model.virtual_machines,
        ty("virtualization.vminterface"),
        |v| (Some(&v.name), &v.interfaces[..]),
    ));
    defs.report(findings, out);
}

/// What the walk of one object found: a diagnostic, or a value of a `unique` field.
enum Finding {
    Diagnostic(Diagnostic),
    Unique {
        field: usize,
        value: String,
        at: Location,
        object: String,
    },
}

/// The choice sets by name, the first of a name kept (a second is reported), each checked
/// as `CustomFieldChoiceSet.clean` does.
fn choice_sets<'g>(
    sets: &'g [Obj<CustomFieldChoiceSet>],
    out: &mut Vec<Diagnostic>,
) -> HashMap<&'g str, &'g Obj<CustomFieldChoiceSet>> {
    let mut by_name: HashMap<&str, &Obj<CustomFieldChoiceSet>> = HashMap::default();
    for set in sets {
        let data = &set.data;
        if let Some(first) = by_name.get(data.name.as_str()) {
            out.push(crate::graph::index::duplicate(
                "custom field choice set",
                &data.name,
                set.at(&data.name),
                first.at(&first.data.name),
            ));
            continue;
        }
        by_name.insert(&data.name, set);
        if data.base_choices.is_none() && data.extra_choices.is_empty() {
            out.push(
                Diagnostic::new(
                    &codes::CUSTOM_FIELD_DEFINITION,
                    format!("choice set `{}` has no choices", data.name.value),
                )
                .at(set.at(&data.name))
                .with_help("add `extra_choices` (`[value, label]` pairs) or `base_choices`"),
            );
        }
        let mut seen: HashMap<&str, Span> = HashMap::default();
        for (value, entry) in data.values() {
            let Some(value) = value else {
                out.push(
                    Diagnostic::new(
                        &codes::CUSTOM_FIELD_DEFINITION,
                        format!(
                            "a choice of set `{}` is {}",
                            data.name.value,
                            describe(&entry.value)
                        ),
                    )
                    .at(set.at(entry))
                    .with_help("write a choice as `[value, label]` or as its value alone"),
                );
                continue;
            };
            if let Some(first) = seen.insert(value, entry.span) {
                out.push(
                    Diagnostic::new(
                        &codes::CUSTOM_FIELD_DEFINITION,
                        format!(
                            "choice `{}` appears twice in set `{}`",
                            diag::quote(value),
                            data.name.value
                        ),
                    )
                    .at(set.at(entry))
                    .with_secondary(Location::new(set.file, first), "first here")
                    .with_help("remove one of them"),
                );
            }
        }
    }
    by_name
}

struct Definitions<'g> {
    graph: &'g Graph,
    /// Prepared definitions, in the order of `model.custom_fields`, duplicates left out.
    fields: Vec<(Field<'g>, &'g Obj<CustomField>)>,
    /// By object type (the index of a [`CustomFieldObjectType`]): field name to field.
    by_type: Vec<HashMap<&'g str, usize>>,
    /// By object type: the fields an object must carry (required, without a default).
    required: Vec<Vec<usize>>,
}

impl<'g> Definitions<'g> {
    fn new(
        graph: &'g Graph,
        sets: &HashMap<&'g str, &'g Obj<CustomFieldChoiceSet>>,
        out: &mut Vec<Diagnostic>,
    ) -> Definitions<'g> {
        let types = CustomFieldObjectType::VALUES.len();
        let mut defs = Definitions {
            graph,
            fields: Vec::new(),
            by_type: vec![HashMap::default(); types],
            required: vec![Vec::new(); types],
        };
        for (i, object) in graph.model.custom_fields.iter().enumerate() {
            let def = &object.data;
            // Duplicates were reported with the name index (NS0201); the first is used.
            if graph
                .indexes
                .custom_fields
                .get(&def.name)
                .map(|id| id.raw())
                != Some(i as u32)
            {
                continue;
            }
            let field = prepare(graph, object, sets, out);
            let index = defs.fields.len();
            for object_type in &def.object_types {
                let t = object_type.value.index();
                defs.by_type[t].insert(&def.name, index);
                if def.required && def.default.is_none() {
                    defs.required[t].push(index);
                }
            }
            defs.fields.push((field, object));
        }
        defs
    }

    /// Checks the values of every object of a collection.
    fn objects<T: Sync>(
        &self,
        objects: &'g [Obj<T>],
        object_type: CustomFieldObjectType,
        parts: impl Fn(&'g T) -> (Option<&'g Text>, &'g CustomFieldValues, &'static str) + Sync,
    ) -> Vec<Finding> {
        let t = object_type.index();
        objects
            .par_iter()
            .flat_map_iter(|object| {
                let (name, values, kind) = parts(&object.data);
                let mut found = Vec::new();
                // An unnamed device is placed by its whole entry.
                let at = name.map_or(object.span, |n| n.span);
                self.values(
                    t,
                    object.file,
                    at,
                    values,
                    &|| match name {
                        Some(name) => format!("{kind} `{}`", name.value),
                        None => format!("an unnamed {kind}"),
                    },
                    &mut found,
                );
                found
            })
            .collect()
    }

    /// Checks the values of the interface entries (and their addresses) of every device or
    /// virtual machine. Interfaces a device type gives and no entry refines carry no values.
    fn interfaces<T: Sync>(
        &self,
        owners: &'g [Obj<T>],
        object_type: CustomFieldObjectType,
        parts: impl Fn(
                &'g T,
            ) -> (
                Option<&'g Text>,
                &'g [crate::model::Spanned<crate::model::dcim::Interface>],
            ) + Sync,
    ) -> Vec<Finding> {
        let t = object_type.index();
        let address = CustomFieldObjectType::named("ipam.ipaddress").index();
        owners
            .par_iter()
            .flat_map_iter(|owner| {
                let (owner_name, interfaces) = parts(&owner.data);
                let owner_name = owner_name.map_or("<unnamed device>", |n| n.value.as_str());
                let mut found = Vec::new();
                for interface in interfaces {
                    let name = &interface.name;
                    self.values(
                        t,
                        owner.file,
                        name.span,
                        &interface.custom_fields,
                        &|| format!("interface `{}:{}`", owner_name, name.value),
                        &mut found,
                    );
                    for ip in &interface.ip_addresses {
                        let ip_name = &ip.address;
                        self.values(
                            address,
                            owner.file,
                            ip_name.span,
                            &ip.custom_fields,
                            &|| format!("address `{}`", ip_name.value),
                            &mut found,
                        );
                    }
                }
                found
            })
            .collect()
    }

    /// Checks one object's values: known names, each value, the required fields.
    fn values(
        &self,
        t: usize,
        file: FileId,
        // Where a required field that is missing is reported: the object's name.
        at: Span,
        values: &CustomFieldValues,
        object: &dyn Fn() -> String,
        found: &mut Vec<Finding>,
    ) {
        let fields = &self.by_type[t];
        for (key, value) in values {
            let Some(&index) = fields.get(key.as_str()) else {
                found.extend(self.unknown(t, file, key, object).map(Finding::Diagnostic));
                continue;
            };
            let (field, def) = &self.fields[index];
            if def.data.required && is_empty(&value.value) {
                found.push(Finding::Diagnostic(
                    Diagnostic::new(
                        &codes::CUSTOM_FIELD_REQUIRED,
                        format!(
                            "required custom field `{}` of {} is empty",
                            field.name,
                            object()
                        ),
                    )
                    .at(Location::new(file, value.span))
                    .with_help("give it a value"),
                ));
            } else if let Err(problem) = validate(self.graph, field, &value.value) {
                let mut diagnostic = Diagnostic::new(
                    problem.rule,
                    format!(
                        "custom field `{}` of {} {}",
                        field.name,
                        object(),
                        problem.reason
                    ),
                )
                .at(Location::new(file, value.span));
                diagnostic.help = problem.help;
                found.push(Finding::Diagnostic(diagnostic));
            } else if def.data.unique && !is_empty(&value.value) {
                found.push(Finding::Unique {
                    field: index,
                    value: match &value.value {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    },
                    at: Location::new(file, value.span),
                    object: object(),
                });
            }
        }
        for &index in &self.required[t] {
            let (field, _) = &self.fields[index];
            if !values.contains_key(field.name) {
                found.push(Finding::Diagnostic(
                    Diagnostic::new(
                        &codes::CUSTOM_FIELD_REQUIRED,
                        format!(
                            "{} lacks the required custom field `{}`",
                            object(),
                            field.name
                        ),
                    )
                    .at(Location::new(file, at))
                    .with_help(format!(
                        "add `custom_fields: {{{}: ...}}`, or give the field a `default`",
                        field.name
                    )),
                ));
            }
        }
    }

    /// A value whose name no definition for the object's type has; quiet when a
    /// definition of that name failed to load (it was reported).
    fn unknown(
        &self,
        t: usize,
        file: FileId,
        key: &Text,
        object: &dyn Fn() -> String,
    ) -> Option<Diagnostic> {
        let model = &self.graph.model;
        if model.failed.contains(&("custom_fields", key.value.clone())) {
            return None;
        }
        let object_type = CustomFieldObjectType::VALUES[t];
        let suggestions = diag::did_you_mean(&key.value, self.by_type[t].keys().copied());
        let elsewhere = self.graph.indexes.custom_fields.get(&key.value).is_some();
        let help = diag::suggestion_help(&suggestions).unwrap_or_else(|| {
            if elsewhere {
                format!("add `{object_type}` to the field's `object_types`")
            } else {
                format!("define it under `custom_fields` with `object_types: [{object_type}]`")
            }
        });
        Some(
            Diagnostic::new(
                &codes::CUSTOM_FIELD_UNKNOWN,
                format!(
                    "{} sets custom field `{}`, which is not defined for `{object_type}`",
                    object(),
                    diag::quote(&key.value)
                ),
            )
            .at(Location::new(file, key.span))
            .with_help(help),
        )
    }

    /// Adds the diagnostics and the repeated values of `unique` fields to `out`.
    fn report(&self, findings: Vec<Finding>, out: &mut Vec<Diagnostic>) {
        let mut unique = Vec::new();
        for finding in findings {
            match finding {
                Finding::Diagnostic(diagnostic) => out.push(diagnostic),
                Finding::Unique {
                    field,
                    value,
                    at,
                    object,
                } => unique.push((field, value, at, object)),
            }
        }
        unique.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
        for pair in unique.windows(2) {
            let ((field, value, first, _), (next_field, next_value, at, object)) =
                (&pair[0], &pair[1]);
            if field == next_field && value == next_value {
                out.push(
                    Diagnostic::new(
                        &codes::CUSTOM_FIELD_NOT_UNIQUE,
                        format!(
                            "custom field `{}` of {object} is `{}`, which another object has; the field is unique",
                            self.fields[*field].0.name,
                            diag::quote(value)
                        ),
                    )
                    .at_labelled(*at, "used again here")
                    .with_secondary(*first, "first used here")
                    .with_help("give each object its own value"),
                );
            }
        }
    }
}

fn is_empty(value: &Value) -> bool {
    value.is_null() || value.as_str() == Some("")
}

/// Checks a definition as `CustomField.clean` does and prepares it for values.
fn prepare<'g>(
    graph: &'g Graph,
    object: &'g Obj<CustomField>,
    sets: &HashMap<&'g str, &'g Obj<CustomFieldChoiceSet>>,
    out: &mut Vec<Diagnostic>,
) -> Field<'g> {
    let def = &object.data;
    let kind = def.kind();
    let kind_name = kind.as_str();
    let name = def.name.as_str();
    let inconsistent = |at: Span, message: String, help: &str| {
        Diagnostic::new(&codes::CUSTOM_FIELD_DEFINITION, message)
            .at(Location::new(object.file, at))
            .with_help(help.to_string())
    };
    let form_ok = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.contains("__")
        && name.chars().count() <= 50;
    if !form_ok {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!(
                    "custom field name `{}` is not a valid name",
                    diag::quote(name)
                ),
            )
            .at(object.at(&def.name))
            .with_help("use at most 50 letters, digits and underscores, without `__`"),
        );
    }
    let numeric = matches!(kind_name, "integer" | "decimal");
    for bound in [&def.validation_minimum, &def.validation_maximum]
        .into_iter()
        .flatten()
    {
        // NetBox tests the bound's truth, so a bound of 0 passes on any type.
        if !numeric && bound.value != 0.0 {
            out.push(inconsistent(
                bound.span,
                format!("custom field `{name}` is {kind_name}, and only numeric fields take a minimum or maximum"),
                "remove the bound, or make the field `integer` or `decimal`",
            ));
        }
    }
    let mut regex = None;
    if let Some(pattern) = def.validation_regex.as_ref().filter(|p| !p.is_empty()) {
        if !matches!(kind_name, "text" | "longtext" | "url") {
            out.push(inconsistent(
                pattern.span,
                format!("custom field `{name}` is {kind_name}, and only text and URL fields take a `validation_regex`"),
                "remove `validation_regex`",
            ));
        }
        match regex::RegexBuilder::new(&format!(r"\A(?:{})", pattern.value))
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
        {
            Ok(compiled) => regex = Some((compiled, pattern.as_str())),
            Err(error) => out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "`validation_regex` of custom field `{name}` is not a regular expression netsot can run: {}",
                        last_line(&error.to_string())
                    ),
                )
                .at(object.at(pattern))
                .with_help("netsot reads Rust's regex syntax: no look-around or backreferences, at most 1 MiB compiled"),
            ),
        }
    }
    let selection = matches!(kind_name, "select" | "multiselect");
    let mut choice_set = None;
    match (&def.choice_set, selection) {
        (None, true) => out.push(inconsistent(
            object.at(&def.name).span,
            format!("custom field `{name}` is {kind_name} and names no `choice_set`"),
            "add `choice_set: NAME` of a `custom_field_choice_sets` entry",
        )),
        (Some(set), false) => out.push(inconsistent(
            set.span,
            format!("custom field `{name}` is {kind_name}, and only selection fields take a `choice_set`"),
            "remove `choice_set`, or make the field `select` or `multiselect`",
        )),
        (Some(set), true) => match sets.get(set.as_str()) {
            Some(found) => choice_set = Some(&*found.data),
            None if graph
                .model
                .failed
                .contains(&("custom_field_choice_sets", set.value.clone())) => {}
            None => {
                let mut diagnostic = Diagnostic::new(
                    &codes::UNRESOLVED_REFERENCE,
                    format!("no custom field choice set named `{}`", diag::quote(set)),
                )
                .at(object.at(set));
                diagnostic.help = diag::suggestion_help(&diag::did_you_mean(
                    set,
                    sets.keys().copied(),
                ))
                .or_else(|| Some("define it under `custom_field_choice_sets`".into()));
                out.push(diagnostic);
            }
        },
        (None, false) => {}
    }
    let objects = matches!(kind_name, "object" | "multiobject");
    match (&def.related_object_type, objects) {
        (None, true) => out.push(inconsistent(
            def.name.span,
            format!("custom field `{name}` is {kind_name} and names no `related_object_type`"),
            "add `related_object_type`, e.g. `dcim.site`",
        )),
        (Some(related), false) => out.push(inconsistent(
            related.span,
            format!("custom field `{name}` is {kind_name}, and only object fields take a `related_object_type`"),
            "remove `related_object_type`, or make the field `object` or `multiobject`",
        )),
        _ => {}
    }
    if let Some(filter) = &def.related_object_filter {
        if !objects || !filter.value.is_object() {
            out.push(inconsistent(
                filter.span,
                format!("`related_object_filter` of custom field `{name}` must be a mapping, on an object field"),
                "remove it, or write a mapping of attributes to values on an `object` field",
            ));
        }
    }
    if def.unique && kind_name == "boolean" {
        out.push(inconsistent(
            def.name.span,
            format!("custom field `{name}` is boolean and cannot be `unique`"),
            "remove `unique: true`",
        ));
    }
    let field = Field {
        name,
        kind,
        minimum: def.validation_minimum.as_ref().map(|b| b.value),
        maximum: def.validation_maximum.as_ref().map(|b| b.value),
        regex,
        choice_set,
        related: def.related_object_type.as_ref().map(|r| r.value),
    };
    if let Some(default) = &def.default {
        // NetBox checks a text field's default as the text of the value.
        let text;
        let value = if matches!(kind_name, "text" | "longtext") && !default.value.is_string() {
            text = Value::String(default.value.to_string());
            &text
        } else {
            &default.value
        };
        if let Err(problem) = validate(graph, &field, value) {
            let mut diagnostic = Diagnostic::new(
                &codes::CUSTOM_FIELD_DEFINITION,
                format!("the default of custom field `{name}` {}", problem.reason),
            )
            .at(object.at(default));
            diagnostic.help = problem.help;
            out.push(diagnostic);
        }
    }
    field
}

/// The last line of the regex crate's error, which says what is wrong (the first lines
/// repeat the pattern).
fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(text)
        .trim()
}
