//! One custom field value against its definition: NetBox's `CustomField.validate`
//! (`extras/models/customfields.py`), with object values looked up by name where NetBox
//! takes ids.

use serde_json::Value;

use crate::diag::{self, codes, Rule};
use crate::graph::index::SiteLookup;
use crate::graph::Graph;
use crate::model::custom_fields::{CustomFieldChoiceSet, CustomFieldType, RelatedObjectType};

/// A definition made ready for checking values: its type, compiled regex and choices.
pub(super) struct Field<'g> {
    pub name: &'g str,
    pub kind: CustomFieldType,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// The regex, anchored at the start as Python's `re.match` is, and its text.
    pub regex: Option<(regex::Regex, &'g str)>,
    pub choice_set: Option<&'g CustomFieldChoiceSet>,
    pub related: Option<RelatedObjectType>,
}

/// Why a value is refused: its rule, the reason (completing "custom field `F` of OBJECT ")
/// and a help line.
pub(super) struct Problem {
    pub rule: &'static Rule,
    pub reason: String,
    pub help: Option<String>,
}

impl Problem {
    fn new(rule: &'static Rule, reason: String) -> Problem {
        Problem {
            rule,
            reason,
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

/// A short description of a JSON value's type and, for scalars, its text.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string `{}`", diag::quote(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

fn wrong_type(expected: &str, value: &Value) -> Problem {
    Problem::new(
        &codes::CUSTOM_FIELD_WRONG_TYPE,
        format!("must be {expected}, found {}", describe(value)),
    )
}

/// Checks `value` against `field`; `Ok` for a null value, which NetBox treats as unset.
pub(super) fn validate(graph: &Graph, field: &Field<'_>, value: &Value) -> Result<(), Problem> {
    if value.is_null() || value.as_str() == Some("") {
        return Ok(());
    }
    let kind = field.kind.as_str();
    match kind {
        "text" | "longtext" | "url" => {
            let Some(text) = value.as_str() else {
                return Err(wrong_type("text", value).help("quote the value"));
            };
            if let Some((regex, source)) = &field.regex {
                if !regex.is_match(text) {
                    return Err(Problem::new(
                        &codes::CUSTOM_FIELD_REGEX_MISMATCH,
                        format!(
                            "is `{}`, which does not match `{}`",
                            diag::quote(text),
                            diag::quote(source)
                        ),
                    )
                    .help("change the value, or the field's `validation_regex`"));
                }
            }
        }
        "integer" => {
            let number = value.as_i64().map(|n| n as f64).or_else(|| {
                value.as_u64().map(|n| n as f64) // Above i64: still an integer.
            });
            let Some(number) = number else {
                return Err(wrong_type("an integer", value));
            };
            in_range(field, number, value)?;
        }
        "decimal" => {
            let Some(number) = value.as_f64() else {
                return Err(wrong_type("a decimal number", value));
            };
            in_range(field, number, value)?;
        }
        "boolean" => {
            let ok = value.is_boolean() || value.as_u64().is_some_and(|n| n <= 1);
            if !ok {
                return Err(wrong_type("true or false", value));
            }
        }
        "date" => {
            let ok = value
                .as_str()
                .is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok());
            if !ok {
                return Err(wrong_type("a date (YYYY-MM-DD)", value));
            }
        }
        "datetime" => {
            if !value.as_str().is_some_and(is_datetime) {
                return Err(wrong_type("a date and time (YYYY-MM-DD HH:MM:SS)", value));
            }
        }
        "json" => {}
        "select" => {
            let Some(text) = value.as_str() else {
                return Err(wrong_type("one choice (text)", value));
            };
            choice(field, text)?;
        }
        "multiselect" => {
            let Some(items) = value.as_array() else {
                return Err(wrong_type("a list of choices", value));
            };
            for item in items {
                let Some(text) = item.as_str() else {
                    return Err(wrong_type("a list of choices (text)", value));
                };
                choice(field, text)?;
            }
        }
        "object" => {
            let Some(text) = value.as_str() else {
                return Err(wrong_type("the name of an object", value));
            };
            object(graph, field, text)?;
        }
        "multiobject" => {
            let Some(items) = value.as_array() else {
                return Err(wrong_type("a list of object names", value));
            };
            for item in items {
                let Some(text) = item.as_str() else {
                    return Err(wrong_type("a list of object names", value));
                };
                object(graph, field, text)?;
            }
        }
        other => unreachable!("custom field type `{other}` is checked above"),
    }
    Ok(())
}

/// Python's `datetime.fromisoformat` forms NetBox accepts: a date, then `T` or a space and
/// a time with optional fraction, and an optional offset or `Z`.
fn is_datetime(text: &str) -> bool {
    if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
        || chrono::DateTime::parse_from_rfc3339(text).is_ok()
    {
        return true;
    }
    let formats = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    let with_offset = ["%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%.f%:z"];
    formats
        .iter()
        .any(|f| chrono::NaiveDateTime::parse_from_str(text, f).is_ok())
        || with_offset
            .iter()
            .any(|f| chrono::DateTime::parse_from_str(text, f).is_ok())
}

fn in_range(field: &Field<'_>, number: f64, value: &Value) -> Result<(), Problem> {
    if let Some(minimum) = field.minimum.filter(|m| number < *m) {
        return Err(Problem::new(
            &codes::CUSTOM_FIELD_OUT_OF_RANGE,
            format!("is {value}, below the minimum {minimum}"),
        )
        .help(format!("use a value of at least {minimum}")));
    }
    if let Some(maximum) = field.maximum.filter(|m| number > *m) {
        return Err(Problem::new(
            &codes::CUSTOM_FIELD_OUT_OF_RANGE,
            format!("is {value}, above the maximum {maximum}"),
        )
        .help(format!("use a value of at most {maximum}")));
    }
    Ok(())
}

fn choice(field: &Field<'_>, text: &str) -> Result<(), Problem> {
    let Some(set) = field.choice_set else {
        return Ok(()); // The definition's problem was reported with it.
    };
    let values = || set.values().filter_map(|(value, _)| value);
    if values().any(|v| v == text) {
        return Ok(());
    }
    if set.base_choices.is_some() {
        // The predefined lists are NetBox's data, not netsot's: values beyond the extra
        // choices are taken on trust.
        return Ok(());
    }
    let help = if values().count() <= 12 {
        format!(
            "allowed values: {}",
            values().collect::<Vec<_>>().join(", ")
        )
    } else {
        diag::suggestion_help(&diag::did_you_mean(text, values()))
            .unwrap_or_else(|| format!("see choice set `{}`", set.name.value))
    };
    Err(Problem::new(
        &codes::CUSTOM_FIELD_INVALID_CHOICE,
        format!(
            "is `{}`, not a choice of set `{}`",
            diag::quote(text),
            set.name.value
        ),
    )
    .help(help))
}

/// Looks up an object value by the natural key of its collection.
fn object(graph: &Graph, field: &Field<'_>, name: &str) -> Result<(), Problem> {
    let Some(related) = field.related else {
        return Ok(()); // The definition's problem was reported with it.
    };
    let ix = &graph.indexes;
    let (kind, collection, found) = match related.as_str() {
        "circuits.circuit" => ("circuit", "circuits", ix.circuits.get(name).is_some()),
        "circuits.circuittype" => (
            "circuit type",
            "circuit_types",
            ix.circuit_types.get(name).is_some(),
        ),
        "circuits.provider" => ("provider", "providers", ix.providers.get(name).is_some()),
        "dcim.devicerole" => (
            "device role",
            "device_roles",
            ix.device_roles.get(name).is_some(),
        ),
        "dcim.devicetype" => (
            "device type",
            "device_types",
            ix.device_types.get(name).is_some(),
        ),
        "dcim.manufacturer" => (
            "manufacturer",
            "manufacturers",
            ix.manufacturers.get(name).is_some(),
        ),
        "dcim.platform" => ("platform", "platforms", ix.platforms.get(name).is_some()),
        "dcim.region" => ("region", "regions", ix.regions.get(name).is_some()),
        "dcim.site" => ("site", "sites", ix.sites.get(name).is_some()),
        "dcim.sitegroup" => (
            "site group",
            "site_groups",
            ix.site_groups.get(name).is_some(),
        ),
        "dcim.virtualchassis" => (
            "virtual chassis",
            "virtual_chassis",
            ix.virtual_chassis.get(name).is_some(),
        ),
        "extras.tag" => ("tag", "tags", ix.tags.get(name).is_some()),
        "ipam.rir" => ("RIR", "rirs", ix.rirs.get(name).is_some()),
        "ipam.routetarget" => (
            "route target",
            "route_targets",
            ix.route_targets.get(name).is_some(),
        ),
        "ipam.vlangroup" => (
            "VLAN group",
            "vlan_groups",
            ix.vlan_groups.get(name).is_some(),
        ),
        "ipam.vrf" => ("VRF", "vrfs", ix.vrfs.get(name).is_some()),
        "tenancy.tenant" => ("tenant", "tenants", ix.tenants.get(name).is_some()),
        "tenancy.tenantgroup" => (
            "tenant group",
            "tenant_groups",
            ix.tenant_groups.get(name).is_some(),
        ),
        "virtualization.cluster" => ("cluster", "clusters", ix.clusters.get(name).is_some()),
        "virtualization.clustergroup" => (
            "cluster group",
            "cluster_groups",
            ix.cluster_groups.get(name).is_some(),
        ),
        "virtualization.clustertype" => (
            "cluster type",
            "cluster_types",
            ix.cluster_types.get(name).is_some(),
        ),
        "virtualization.virtualmachine" => (
            "virtual machine",
            "virtual_machines",
            ix.virtual_machines.get(name).is_some(),
        ),
        site_scoped => {
            let (kind, collection, lookup) = match site_scoped {
                "dcim.device" => ("device", "devices", site_lookup(&ix.devices, graph, name)),
                "dcim.location" => (
                    "location",
                    "locations",
                    site_lookup(&ix.locations, graph, name),
                ),
                "dcim.rack" => ("rack", "racks", site_lookup(&ix.racks, graph, name)),
                "ipam.vlan" => ("VLAN", "vlans", site_lookup(&ix.vlans, graph, name)),
                other => unreachable!("related object type `{other}` is listed above"),
            };
            if lookup == Some(false) {
                return Err(Problem::new(
                    &codes::CUSTOM_FIELD_UNKNOWN_OBJECT,
                    format!(
                        "names {kind} `{}`, which exists in several sites",
                        diag::quote(name)
                    ),
                )
                .help(format!("qualify it with its site: `SITE/{name}`")));
            }
            (kind, collection, lookup.is_some())
        }
    };
    if found || graph.model.failed.contains(&(collection, name.to_string())) {
        return Ok(());
    }
    Err(Problem::new(
        &codes::CUSTOM_FIELD_UNKNOWN_OBJECT,
        format!("names no {kind} `{}`", diag::quote(name)),
    )
    .help(format!("name an object of `{collection}`")))
}

/// `Some(true)` found, `Some(false)` ambiguous, `None` missing.
fn site_lookup<K: Copy>(
    index: &crate::graph::index::SiteIndex<K>,
    graph: &Graph,
    name: &str,
) -> Option<bool> {
    match index.lookup(None, name, &graph.indexes.sites) {
        SiteLookup::Found(_) => Some(true),
        SiteLookup::Ambiguous(_) => Some(false),
        SiteLookup::Missing => None,
    }
}

#[cfg(test)]
mod tests {
    use super::is_datetime;

    #[test]
    fn datetimes_take_the_forms_python_fromisoformat_reads() {
        for good in [
            "2026-11-30",
            "2026-11-30T09:30:00",
            "2026-11-30 09:30:00.123",
            "2026-11-30T09:30",
            "2026-11-30T09:30:00Z",
            "2026-11-30T09:30:00+01:00",
            "2026-11-30 09:30:00+01:00",
        ] {
            assert!(is_datetime(good), "{good}");
        }
        for bad in ["30/11/2026", "2026-13-01", "2026-11-30T25:00:00", "now", ""] {
            assert!(!is_datetime(bad), "{bad}");
        }
    }
}
