//! The DHCP options of the `kea` output, from three places, each more specific than the last:
//! the output's `dhcp.options` (every subnet of a family), a prefix's `options_field` custom
//! field (its subnet) and a device's or VM's config context under `context_key` (its
//! reservations). NetBox applies config contexts to devices and virtual machines only, so a
//! context reaches the reservations of the host it applies to, never a subnet.
//!
//! Each option is checked against Kea's standard definitions of its family
//! ([`super::kea_option_defs`]): an unknown name is NS0839 with the closest names suggested,
//! data that is not of the option's type NS0840. Where the family is not the subnet's (the
//! settings, a context), options are grouped `dhcp4:` and `dhcp6:`.

use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{json, Map, Value};

use super::kea_option_defs::{self, DataKind, OptionDef};
use super::{Context, Rendered};
use crate::diag::{codes, did_you_mean, suggestion_help, Diagnostic, Location};
use crate::graph::Owner;
use crate::model::config::{Dhcp, DhcpOptions};
use crate::model::custom_fields::CustomFieldType;
use crate::model::Spanned;

/// Option-data entries of one scope in the order first set: setting a name again replaces
/// its entry in place (Kea refuses one option twice in a scope).
#[derive(Default, Clone)]
pub struct OptionData(Vec<(String, Value)>);

impl OptionData {
    pub fn set(&mut self, name: &str, entry: Value) {
        match self.0.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = entry,
            None => self.0.push((name.to_string(), entry)),
        }
    }

    /// `other`'s options over these.
    pub fn extend(&mut self, other: &OptionData) {
        for (name, entry) in &other.0 {
            self.set(name, entry.clone());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn to_json(&self) -> Value {
        Value::Array(self.0.iter().map(|(_, entry)| entry.clone()).collect())
    }
}

/// What is wrong with an option.
pub enum Problem {
    Unknown(Vec<&'static str>),
    /// Why the data is refused, and the option's code where the name is known.
    Invalid(String, Option<u16>),
}

impl Problem {
    /// The diagnostic for the option `name` of `family`, found in `place`.
    fn diagnostic(self, name: &str, v4: bool, place: &str, at: Location) -> Diagnostic {
        let family = family_name(v4);
        match self {
            Problem::Unknown(suggestions) => {
                let other = family_name(!v4);
                let help = if kea_option_defs::find(!v4, name).is_some() {
                    format!("`{name}` is a {other} option: move it under `{other}`, or use {family}'s name for it")
                } else {
                    suggestion_help(&suggestions).unwrap_or_else(|| {
                        format!("use Kea's name of a standard {family} option (Kea refuses others)")
                    })
                };
                Diagnostic::new(
                    &codes::UNKNOWN_DHCP_OPTION,
                    format!("Kea has no {family} option `{name}` ({place})"),
                )
                .at(at)
                .with_help(help)
            }
            Problem::Invalid(why, code) => Diagnostic::new(
                &codes::INVALID_DHCP_OPTION,
                match code {
                    Some(code) => {
                        format!("the {family} option `{name}` (code {code}, {place}) {why}")
                    }
                    None => format!("the {family} option `{name}` ({place}) {why}"),
                },
            )
            .at(at)
            .with_help("Kea refuses the configuration with this value: correct it"),
        }
    }
}

fn invalid(why: impl Into<String>) -> Problem {
    Problem::Invalid(why.into(), None)
}

fn family_name(v4: bool) -> &'static str {
    if v4 {
        "dhcp4"
    } else {
        "dhcp6"
    }
}

/// The option-data entry of `name` with `value`, or why Kea would refuse it.
pub fn entry(v4: bool, name: &str, value: &Value) -> Result<Value, Problem> {
    let Some(def) = kea_option_defs::find(v4, name) else {
        let known = kea_option_defs::names(v4);
        return Err(Problem::Unknown(did_you_mean(name, known)));
    };
    def_entry(def, value).map_err(|problem| match problem {
        Problem::Invalid(why, _) => Problem::Invalid(why, Some(def.code)),
        other => other,
    })
}

fn def_entry(def: &OptionDef, value: &Value) -> Result<Value, Problem> {
    let name = def.name;
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    let data = match value {
        Value::Object(fields) => {
            let mut csv = true;
            for (key, field) in fields {
                match (key.as_str(), field) {
                    ("data", _) => {}
                    ("always-send" | "never-send", Value::Bool(_)) => {
                        out.insert(key.clone(), field.clone());
                    }
                    ("csv-format", Value::Bool(b)) => {
                        csv = *b;
                        out.insert(key.clone(), field.clone());
                    }
                    ("always-send" | "never-send" | "csv-format", _) => {
                        return Err(invalid(format!("has `{key}` that is not true or false")));
                    }
                    _ => {
                        return Err(invalid(format!(
                            "has `{key}`: an option is its data, or `{{data, always-send, never-send, csv-format}}`"
                        )))
                    }
                }
            }
            let data = match fields.get("data") {
                None => String::new(),
                Some(data) => data_text(data)?,
            };
            if !csv {
                check_hex(&data)?;
                out.insert("data".into(), json!(data));
                return Ok(Value::Object(out));
            }
            data
        }
        other => data_text(other)?,
    };
    check_data(def, &data)?;
    if !(data.is_empty() && def.kind == DataKind::Empty) {
        out.insert("data".into(), json!(data));
    }
    Ok(Value::Object(out))
}

/// The data of an option as Kea's comma-separated text.
fn data_text(value: &Value) -> Result<String, Problem> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Array(items) => {
            let parts: Result<Vec<String>, Problem> = items
                .iter()
                .map(|item| match item {
                    Value::Array(_) | Value::Object(_) | Value::Null => Err(invalid(
                        "holds a list or object in its list: a list holds values",
                    )),
                    item => data_text(item),
                })
                .collect();
            Ok(parts?.join(", "))
        }
        Value::Null => Err(invalid("is empty (null)")),
        Value::Object(_) => Err(invalid("is an object where data is expected")),
    }
}

fn check_hex(data: &str) -> Result<(), Problem> {
    let digits: String = data
        .trim_start_matches("0x")
        .chars()
        .filter(|c| !matches!(c, ' ' | ':'))
        .collect();
    if digits.len().is_multiple_of(2) && digits.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(invalid(format!(
            "has `csv-format: false`, but `{data}` is not hexadecimal bytes"
        )))
    }
}

/// Checks the text of each value against the option's type, as Kea parses it; types whose
/// syntax is Kea's own (records, binary, tuples) are left to Kea.
fn check_data(def: &OptionDef, data: &str) -> Result<(), Problem> {
    if def.kind == DataKind::Empty {
        return if data.trim().is_empty() {
            Ok(())
        } else {
            Err(invalid("takes no data"))
        };
    }
    let values: Vec<&str> = if def.array {
        data.split(',').map(str::trim).collect()
    } else {
        vec![data.trim()]
    };
    if !def.array
        && matches!(
            def.kind,
            DataKind::Ipv4 | DataKind::Ipv6 | DataKind::Int { .. } | DataKind::Boolean
        )
        && data.contains(',')
    {
        return Err(invalid(format!("takes one value, not `{data}`")));
    }
    for value in values {
        let ok = match def.kind {
            DataKind::Ipv4 => value.parse::<Ipv4Addr>().is_ok(),
            DataKind::Ipv6 => value.parse::<Ipv6Addr>().is_ok(),
            DataKind::Boolean => matches!(value, "true" | "false"),
            DataKind::Int { bits, signed } => int_fits(value, bits, signed),
            DataKind::String | DataKind::Fqdn => !value.is_empty(),
            DataKind::Empty | DataKind::Other => true,
        };
        if !ok {
            let kind = match def.kind {
                DataKind::Ipv4 => "an IPv4 address".to_string(),
                DataKind::Ipv6 => "an IPv6 address".to_string(),
                DataKind::Boolean => "`true` or `false`".to_string(),
                DataKind::Int { bits, signed } => {
                    let (min, max) = int_range(bits, signed);
                    format!(
                        "a{} {}int{bits} ({min} to {max})",
                        if signed { "n" } else { "" },
                        if signed { "" } else { "u" }
                    )
                }
                _ => "text".to_string(),
            };
            let list = if def.array {
                " (a comma-separated list)"
            } else {
                ""
            };
            return Err(invalid(format!(
                "takes {kind}{list}, and `{value}` is not one"
            )));
        }
    }
    Ok(())
}

fn int_fits(text: &str, bits: u8, signed: bool) -> bool {
    let (min, max) = int_range(bits, signed);
    text.parse::<i64>()
        .is_ok_and(|value| (min..=max).contains(&value))
}

fn int_range(bits: u8, signed: bool) -> (i64, i64) {
    if signed {
        (-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1)
    } else {
        (0, (1i64 << bits) - 1)
    }
}

/// The options of the output's settings, by family (`[dhcp4, dhcp6]`).
pub fn settings_options(
    cx: &Context,
    options: &DhcpOptions,
    out: &mut Rendered,
) -> [OptionData; 2] {
    let mut families = [OptionData::default(), OptionData::default()];
    for (slot, (v4, map)) in [(true, &options.dhcp4), (false, &options.dhcp6)]
        .into_iter()
        .enumerate()
    {
        for (name, value) in map {
            match entry(v4, &name.value, &value.value) {
                Ok(option) => families[slot].set(&name.value, option),
                Err(problem) => {
                    let at = match problem {
                        Problem::Unknown(_) => cx.at(name),
                        Problem::Invalid(..) => cx.at(value),
                    };
                    let place = "in `dhcp.options` of `netsot.yaml`";
                    out.diagnostics
                        .push(problem.diagnostic(&name.value, v4, place, at));
                }
            }
        }
    }
    families
}

/// The options of one family from a flat map of `place`, at `at`; invalid ones are reported.
fn flat_options(
    v4: bool,
    value: &Value,
    place: &str,
    at: Location,
    out: &mut Vec<Diagnostic>,
) -> OptionData {
    let mut options = OptionData::default();
    let Value::Object(map) = value else {
        out.push(
            Diagnostic::new(
                &codes::INVALID_DHCP_OPTION,
                format!("the DHCP options ({place}) are not a mapping of Kea option names to data"),
            )
            .at(at)
            .with_help("write them as `{routers: 10.1.20.254, ntp-servers: 10.1.10.123}`"),
        );
        return options;
    };
    for (name, value) in map {
        match entry(v4, name, value) {
            Ok(option) => options.set(name, option),
            Err(problem) => out.push(problem.diagnostic(name, v4, place, at)),
        }
    }
    options
}

/// The subnet options of prefixes, from their `options_field` custom field (or its
/// default), by index in the graph's prefixes; read only for subnets.
pub struct PrefixOptions<'a> {
    field: Option<&'a str>,
    default: Option<(&'a Spanned<Value>, Location)>,
}

impl<'a> PrefixOptions<'a> {
    /// The field of the settings; one that is no `json` custom field of prefixes is NS0111.
    pub fn new(cx: &'a Context, settings: &'a Dhcp, out: &mut Rendered) -> PrefixOptions<'a> {
        let none = PrefixOptions {
            field: None,
            default: None,
        };
        let Some(field) = &settings.options_field else {
            return none;
        };
        let model = &cx.compilation.graph.model;
        let definition = model
            .custom_fields
            .iter()
            .find(|f| f.data.name.value == field.value);
        let fits = definition.is_some_and(|f| {
            f.data
                .kind
                .as_ref()
                .is_some_and(|k| k.value == CustomFieldType::named("json"))
                && f.data
                    .object_types
                    .iter()
                    .any(|t| t.value.as_str() == "ipam.prefix")
        });
        if !fits {
            let names = model
                .custom_fields
                .iter()
                .map(|f| f.data.name.value.as_str());
            let mut diagnostic = Diagnostic::new(
                &codes::INVALID_VALUE,
                format!(
                    "`options_field` `{}` is not a `json` custom field of `ipam.prefix`",
                    field.value
                ),
            )
            .at(cx.at(field));
            diagnostic = match (definition, suggestion_help(&did_you_mean(&field.value, names))) {
                (None, Some(help)) => diagnostic.with_help(help),
                _ => diagnostic.with_help("define it in `custom_fields` with `type: json` and `object_types: [ipam.prefix]`"),
            };
            out.diagnostics.push(diagnostic);
            return none;
        }
        let default = definition.and_then(|f| f.data.default.as_ref().map(|d| (d, f.at(d))));
        PrefixOptions {
            field: Some(&field.value),
            default,
        }
    }

    /// The options of the subnet of the prefix at `index` of the model.
    pub fn of(&self, cx: &Context, index: usize, v4: bool, out: &mut Rendered) -> OptionData {
        let Some(field) = self.field else {
            return OptionData::default();
        };
        let object = &cx.compilation.graph.model.prefixes[index];
        let (value, at) = match object
            .data
            .custom_fields
            .iter()
            .find(|(k, _)| k.value == field)
        {
            Some((_, value)) => (&value.value, object.at(value)),
            None => match self.default {
                Some((value, at)) => (&value.value, at),
                None => return OptionData::default(),
            },
        };
        if value.is_null() {
            return OptionData::default();
        }
        let place = format!(
            "custom field `{field}` of prefix `{}`",
            object.data.prefix.value
        );
        flat_options(v4, value, &place, at, &mut out.diagnostics)
    }
}

/// The reservation options of hosts, from their config contexts under `context_key`.
pub struct ContextOptions<'a> {
    key: Option<&'a str>,
    cache: HashMap<Owner, [OptionData; 2]>,
}

impl<'a> ContextOptions<'a> {
    /// Checks the key's value in every active config context and reports what Kea would
    /// refuse, at the context; the hosts' own (local) contexts are checked when read.
    pub fn new(cx: &Context, settings: &'a Dhcp, out: &mut Rendered) -> ContextOptions<'a> {
        let key = settings.context_key.as_ref().map(|k| k.value.as_str());
        if let Some(key) = key {
            for context in &cx.compilation.graph.model.config_contexts {
                if !context.data.is_active {
                    continue;
                }
                if let Some(value) = context.data.data.value.get(key) {
                    let place = format!("config context `{}`, `{key}`", context.data.name.value);
                    by_family(
                        value,
                        &place,
                        context.at(&context.data.data),
                        &mut out.diagnostics,
                    );
                }
            }
        }
        ContextOptions {
            key,
            cache: HashMap::new(),
        }
    }

    /// The options of the reservations of `owner` in subnets of a family.
    pub fn of(&mut self, cx: &Context, owner: Owner, v4: bool, out: &mut Rendered) -> OptionData {
        let Some(key) = self.key else {
            return OptionData::default();
        };
        let families = self.cache.entry(owner).or_insert_with(|| {
            let graph = &cx.compilation.graph;
            // The host's own context first, so its problems are reported where they are.
            let local = match owner {
                Owner::Device(d) => {
                    let o = &graph.model.devices[d.index()];
                    o.data.config_context.as_ref().map(|c| (c, o.at(c)))
                }
                Owner::VirtualMachine(v) => {
                    let o = &graph.model.virtual_machines[v.index()];
                    o.data.config_context.as_ref().map(|c| (c, o.at(c)))
                }
            };
            if let Some((value, at)) = local.and_then(|(c, at)| c.value.get(key).map(|v| (v, at))) {
                let place = format!("config context of `{}`, `{key}`", graph.owner_name(owner));
                by_family(value, &place, at, &mut out.diagnostics);
            }
            let merged = cx.views.contexts.merged(owner).data;
            let mut ignored = Vec::new();
            match merged.get(key) {
                Some(value) => by_family(value, "", graph.owner_location(owner), &mut ignored),
                None => [OptionData::default(), OptionData::default()],
            }
        });
        families[usize::from(!v4)].clone()
    }
}

/// The options of a `{dhcp4: {...}, dhcp6: {...}}` value, by family; problems go to `out`.
fn by_family(
    value: &Value,
    place: &str,
    at: Location,
    out: &mut Vec<Diagnostic>,
) -> [OptionData; 2] {
    let mut families = [OptionData::default(), OptionData::default()];
    let Value::Object(map) = value else {
        out.push(
            Diagnostic::new(
                &codes::INVALID_DHCP_OPTION,
                format!("the DHCP options ({place}) are not grouped by family"),
            )
            .at(at)
            .with_help("write them as `{dhcp4: {boot-file-name: pxelinux.0}, dhcp6: {...}}`"),
        );
        return families;
    };
    for (family, options) in map {
        let v4 = match family.as_str() {
            "dhcp4" => true,
            "dhcp6" => false,
            _ => {
                out.push(
                    Diagnostic::new(
                        &codes::INVALID_DHCP_OPTION,
                        format!("the DHCP options ({place}) have `{family}`, which is no family"),
                    )
                    .at(at)
                    .with_help("group options under `dhcp4` and `dhcp6`"),
                );
                continue;
            }
        };
        families[usize::from(!v4)] = flat_options(v4, options, place, at, out);
    }
    families
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(v4: bool, name: &str, value: Value) -> Value {
        match entry(v4, name, &value) {
            Ok(entry) => entry,
            Err(_) => panic!("{name} = {value} refused"),
        }
    }

    fn refused(v4: bool, name: &str, value: Value) -> String {
        match entry(v4, name, &value) {
            Ok(entry) => panic!("{name} = {value} accepted as {entry}"),
            Err(Problem::Unknown(suggestions)) => format!("unknown {suggestions:?}"),
            Err(Problem::Invalid(why, code)) => format!("{code:?} {why}"),
        }
    }

    #[test]
    fn values_become_kea_data() {
        let routers = ok(true, "routers", json!(["10.0.0.1", "10.0.0.2"]));
        assert_eq!(
            routers,
            json!({"name": "routers", "data": "10.0.0.1, 10.0.0.2"})
        );
        assert_eq!(ok(true, "interface-mtu", json!(9000))["data"], "9000");
        assert_eq!(ok(true, "ip-forwarding", json!(false))["data"], "false");
        let always = ok(
            true,
            "domain-name",
            json!({"data": "example.net", "always-send": true}),
        );
        assert_eq!(
            always,
            json!({"name": "domain-name", "always-send": true, "data": "example.net"})
        );
        let hex = ok(
            true,
            "vendor-encapsulated-options",
            json!({"data": "01:02:03", "csv-format": false}),
        );
        assert_eq!(hex["data"], "01:02:03");
        assert_eq!(ok(false, "rapid-commit", json!({}))["name"], "rapid-commit");
    }

    #[test]
    fn what_kea_would_refuse_is_refused() {
        assert_eq!(
            refused(true, "router", json!("10.0.0.1")),
            "unknown [\"routers\"]"
        );
        // DHCPv6 has no `routers`: hosts learn them from router advertisements.
        assert!(refused(false, "routers", json!("2001:db8::1")).starts_with("unknown"));
        assert!(refused(true, "routers", json!("10.0.0.256")).contains("`10.0.0.256` is not one"));
        assert!(
            refused(true, "subnet-mask", json!("255.255.255.0, 255.0.0.0"))
                .contains("takes one value")
        );
        assert!(refused(true, "interface-mtu", json!(65536)).contains("(0 to 65535)"));
        assert!(refused(true, "time-offset", json!(-2_147_483_649_i64)).contains("an int32"));
        assert!(refused(true, "ip-forwarding", json!("yes")).starts_with("Some(19)"));
        assert!(refused(false, "rapid-commit", json!("x")).contains("takes no data"));
        assert!(refused(true, "domain-name", json!(null)).contains("null"));
        assert!(refused(true, "domain-name", json!({"value": "x"})).contains("has `value`"));
        assert!(refused(
            true,
            "domain-name",
            json!({"data": "x", "always-send": "yes"})
        )
        .contains("not true or false"));
        assert!(refused(true, "domain-name", json!([["a"]])).contains("list or object"));
        assert!(refused(
            true,
            "vendor-encapsulated-options",
            json!({"data": "0g", "csv-format": false})
        )
        .contains("hexadecimal"));
    }

    #[test]
    fn a_later_option_of_a_name_replaces_the_earlier_in_place() {
        let mut options = OptionData::default();
        options.set("domain-name-servers", json!(1));
        options.set("domain-name", json!(2));
        let mut more = OptionData::default();
        more.set("domain-name-servers", json!(3));
        more.set("ntp-servers", json!(4));
        options.extend(&more);
        assert_eq!(options.to_json(), json!([3, 2, 4]));
    }
}
