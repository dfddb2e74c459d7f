//! A device's components other than interfaces: console ports, console server ports,
//! power ports, power outlets, rear ports and front ports. Key: `SITE/DEVICE:NAME`, as an
//! interface's.
//!
//! netsot gives a device its type's templates and refines them by name with the device's
//! entries (a field an entry leaves out is the template's; a power outlet's entry replaces
//! its template whole); entries the type lacks add components. Each component is pushed whole, as the device holds it: NetBox instantiates
//! a new device's components from its type's templates, the push reads them again
//! (`apply.rs`) and updates what the repository refines, and creates the rest.
//!
//! One table row per kind says which fields NetBox has, what NetBox holds when neither
//! the template nor the entry says one, and how a template and an entry say them.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::templates::Lists;
use super::{string, Desired};
use crate::diag::Location;
use crate::graph::module_ports::resolve_module_name;
use crate::graph::{DeviceId, Graph};
use crate::model::dcim::Device;
use crate::model::{Obj, Text};

/// What NetBox holds in a field neither the template nor the entry sets.
#[derive(Clone, Copy)]
enum Unset {
    /// Blank text.
    Blank,
    /// No value.
    Null,
    /// One (positions).
    One,
    False,
    /// An outlet's status: `enabled`.
    Enabled,
}

impl Unset {
    fn value(self) -> Value {
        match self {
            Unset::Blank => Value::from(""),
            Unset::Null => Value::Null,
            Unset::Enabled => Value::from("enabled"),
            Unset::One => Value::from(1),
            Unset::False => Value::from(false),
        }
    }
}

/// A component as a template gives it or an entry writes it.
struct Part<'a> {
    name: &'a Text,
    /// The values of the row's `fields`, in order; `None` where it says none.
    values: Vec<Option<Value>>,
    /// The port of the same device it names (a front port's rear port, an outlet's power
    /// port).
    sibling: Option<&'a Text>,
}

/// One kind of component.
struct Row {
    kind: Kind,
    /// How a cable end names the kind (`a_type`, `b_type`).
    termination: &'static str,
    /// NetBox's fields besides `device` and `name`.
    fields: &'static [(&'static str, Unset)],
    /// The field naming another port of the device, and that port's kind.
    sibling: Option<(&'static str, Kind)>,
    /// An entry replaces its template whole rather than refining it (power outlets: the
    /// entry says which port feeds it, check/power.rs).
    replaces: bool,
    templates: for<'a> fn(&Lists<'a>) -> Vec<Part<'a>>,
    entries: fn(&Device) -> Vec<Part<'_>>,
}

const CONSOLE: &[(&str, Unset)] = &[
    ("type", Unset::Blank),
    ("label", Unset::Blank),
    ("description", Unset::Blank),
    ("mark_connected", Unset::False),
];

const ROWS: &[Row] = &[
    Row {
        kind: Kind::ConsolePorts,
        termination: "console_port",
        fields: CONSOLE,
        sibling: None,
        replaces: false,
        templates: |t| {
            t.console_ports
                .iter()
                .map(|p| console_template(&p.value))
                .collect()
        },
        entries: |d| {
            d.console_ports
                .iter()
                .map(|p| console_entry(&p.value))
                .collect()
        },
    },
    Row {
        kind: Kind::ConsoleServerPorts,
        termination: "console_server_port",
        fields: CONSOLE,
        sibling: None,
        replaces: false,
        templates: |t| {
            t.console_server_ports
                .iter()
                .map(|p| console_template(&p.value))
                .collect()
        },
        entries: |d| {
            d.console_server_ports
                .iter()
                .map(|p| console_entry(&p.value))
                .collect()
        },
    },
    Row {
        kind: Kind::PowerPorts,
        termination: "power_port",
        fields: &[
            ("type", Unset::Blank),
            ("label", Unset::Blank),
            ("maximum_draw", Unset::Null),
            ("allocated_draw", Unset::Null),
            ("description", Unset::Blank),
            ("mark_connected", Unset::False),
        ],
        sibling: None,
        replaces: false,
        templates: |t| {
            t.power_ports
                .iter()
                .map(|p| {
                    let p = &p.value;
                    part(
                        &p.name,
                        vec![
                            choice(p.kind.as_ref().map(|k| k.value.as_str())),
                            text(p.label.as_deref()),
                            number(p.maximum_draw.as_ref().map(|d| d.value)),
                            number(p.allocated_draw.as_ref().map(|d| d.value)),
                            text(p.description.as_deref()),
                            None,
                        ],
                        None,
                    )
                })
                .collect()
        },
        entries: |d| {
            d.power_ports
                .iter()
                .map(|p| {
                    let p = &p.value;
                    part(
                        &p.name,
                        vec![
                            choice(p.kind.as_ref().map(|k| k.value.as_str())),
                            text(p.label.as_deref()),
                            number(p.maximum_draw.as_ref().map(|d| d.value)),
                            number(p.allocated_draw.as_ref().map(|d| d.value)),
                            text(p.description.as_deref()),
                            flag(p.mark_connected),
                        ],
                        None,
                    )
                })
                .collect()
        },
    },
    Row {
        kind: Kind::PowerOutlets,
        termination: "power_outlet",
        fields: &[
            ("type", Unset::Blank),
            ("label", Unset::Blank),
            ("feed_leg", Unset::Null),
            ("description", Unset::Blank),
            ("status", Unset::Enabled),
        ],
        sibling: Some(("power_port", Kind::PowerPorts)),
        replaces: true,
        templates: |t| {
            t.power_outlets
                .iter()
                .map(|o| {
                    let o = &o.value;
                    part(
                        &o.name,
                        vec![
                            choice(o.kind.as_ref().map(|k| k.value.as_str())),
                            text(o.label.as_deref()),
                            text(o.feed_leg.as_deref()),
                            text(o.description.as_deref()),
                            // Templates have no status: NetBox makes outlets enabled.
                            None,
                        ],
                        o.power_port.as_ref(),
                    )
                })
                .collect()
        },
        entries: |d| {
            d.power_outlets
                .iter()
                .map(|o| {
                    let o = &o.value;
                    part(
                        &o.name,
                        vec![
                            choice(o.kind.as_ref().map(|k| k.value.as_str())),
                            text(o.label.as_deref()),
                            choice(o.feed_leg.as_ref().map(|l| l.value.as_str())),
                            text(o.description.as_deref()),
                            choice(o.status.as_ref().map(|s| s.value.as_str())),
                        ],
                        o.power_port.as_ref(),
                    )
                })
                .collect()
        },
    },
    Row {
        kind: Kind::RearPorts,
        termination: "rear_port",
        fields: &[
            ("type", Unset::Blank),
            ("label", Unset::Blank),
            ("color", Unset::Blank),
            ("positions", Unset::One),
            ("description", Unset::Blank),
            ("mark_connected", Unset::False),
        ],
        sibling: None,
        replaces: false,
        templates: |t| {
            t.rear_ports
                .iter()
                .map(|p| {
                    let p = &p.value;
                    part(
                        &p.name,
                        vec![
                            choice(p.kind.as_ref().map(|k| k.value.as_str())),
                            text(p.label.as_deref()),
                            color(p.color.as_deref()),
                            number(p.positions.as_ref().map(|n| n.value)),
                            text(p.description.as_deref()),
                            None,
                        ],
                        None,
                    )
                })
                .collect()
        },
        entries: |d| {
            d.rear_ports
                .iter()
                .map(|p| {
                    let p = &p.value;
                    part(
                        &p.name,
                        vec![
                            choice(p.kind.as_ref().map(|k| k.value.as_str())),
                            text(p.label.as_deref()),
                            None,
                            number(p.positions.as_ref().map(|n| n.value)),
                            text(p.description.as_deref()),
                            flag(p.mark_connected),
                        ],
                        None,
                    )
                })
                .collect()
        },
    },
    Row {
        kind: Kind::FrontPorts,
        termination: "front_port",
        fields: &[
            ("type", Unset::Blank),
            ("label", Unset::Blank),
            ("color", Unset::Blank),
            ("rear_port_position", Unset::One),
            ("description", Unset::Blank),
            ("mark_connected", Unset::False),
        ],
        sibling: Some(("rear_port", Kind::RearPorts)),
        replaces: false,
        templates: |t| {
            t.front_ports
                .iter()
                .map(|p| {
                    let p = &p.value;
                    part(
                        &p.name,
                        vec![
                            choice(p.kind.as_ref().map(|k| k.value.as_str())),
                            text(p.label.as_deref()),
                            color(p.color.as_deref()),
                            number(p.rear_port_position.as_ref().map(|n| n.value)),
                            text(p.description.as_deref()),
                            None,
                        ],
                        p.rear_port.as_ref(),
                    )
                })
                .collect()
        },
        entries: |d| {
            d.front_ports
                .iter()
                .map(|p| {
                    let p = &p.value;
                    part(
                        &p.name,
                        vec![
                            choice(p.kind.as_ref().map(|k| k.value.as_str())),
                            text(p.label.as_deref()),
                            None,
                            number(p.rear_port_position.as_ref().map(|n| n.value)),
                            text(p.description.as_deref()),
                            flag(p.mark_connected),
                        ],
                        p.rear_port.as_ref(),
                    )
                })
                .collect()
        },
    },
];

fn part<'a>(name: &'a Text, values: Vec<Option<Value>>, sibling: Option<&'a Text>) -> Part<'a> {
    Part {
        name,
        values,
        sibling,
    }
}

fn console_template(p: &crate::model::device_type::ConsolePortTemplate) -> Part<'_> {
    part(
        &p.name,
        vec![
            choice(p.kind.as_ref().map(|k| k.value.as_str())),
            text(p.label.as_deref()),
            text(p.description.as_deref()),
            None,
        ],
        None,
    )
}

fn console_entry(p: &crate::model::dcim::ConsolePort) -> Part<'_> {
    part(
        &p.name,
        vec![
            choice(p.kind.as_ref().map(|k| k.value.as_str())),
            text(p.label.as_deref()),
            text(p.description.as_deref()),
            flag(p.mark_connected),
        ],
        None,
    )
}

fn choice(value: Option<&str>) -> Option<Value> {
    value.map(Value::from)
}

fn text(value: Option<&str>) -> Option<Value> {
    value.filter(|v| !v.is_empty()).map(Value::from)
}

/// A colour as NetBox stores it: six lowercase hex digits without `#`.
fn color(value: Option<&str>) -> Option<Value> {
    value
        .map(|c| c.trim_start_matches('#').to_lowercase())
        .filter(|c| !c.is_empty())
        .map(Value::from)
}

fn number(value: Option<impl Into<Value>>) -> Option<Value> {
    value.map(Into::into)
}

/// A flag an entry sets: only `true` says something (`false` is NetBox's default).
fn flag(value: bool) -> Option<Value> {
    value.then_some(Value::Bool(true))
}

/// The kind of a cable end's port (`power_port`), for the ends that are components here.
pub fn kind_of_termination(termination: &str) -> Option<Kind> {
    ROWS.iter()
        .find(|row| row.termination == termination)
        .map(|row| row.kind)
}

/// Every component of a named device, kind by kind: its type's, refined by its entries,
/// then the entries its type lacks, then those its installed modules give it.
pub fn desired(
    graph: &Graph,
    device: DeviceId,
    object: &Obj<Device>,
    key: &str,
    site: Option<&String>,
    out: &mut Vec<Desired>,
) {
    let device_type = graph.devices[device.index()]
        .device_type
        .map(|t| Lists::of_device_type(&graph.model.device_types[t.index()].data));
    let modules: Vec<(Lists, String, Vec<&str>)> = graph.devices[device.index()]
        .modules
        .clone()
        .filter_map(|m| {
            let t = graph.installed_module_type(m)?;
            Some((
                Lists::of_module_type(t),
                super::modules::module_key(graph, m),
                graph.module_positions(m),
            ))
        })
        .collect();
    let place = Place {
        object,
        device_key: key,
        site,
    };
    for row in ROWS {
        let templates = device_type
            .as_ref()
            .map_or_else(Vec::new, |t| (row.templates)(t));
        let entries = (row.entries)(&object.data);
        let entry = |name: &str| entries.iter().find(|e| e.name.value == name);
        for template in &templates {
            let written = entry(&template.name.value);
            let template = (!(row.replaces && written.is_some())).then_some(template);
            out.push(component(row, &place, template, written, None));
        }
        for written in &entries {
            if !templates.iter().any(|t| t.name.value == written.name.value) {
                out.push(component(row, &place, None, Some(written), None));
            }
        }
        for (lists, module_key, positions) in &modules {
            for template in (row.templates)(lists) {
                let module = Some((module_key.as_str(), positions.as_slice()));
                out.push(component(row, &place, Some(&template), None, module));
            }
        }
    }
}

/// The device a component belongs to.
struct Place<'a> {
    object: &'a Obj<Device>,
    device_key: &'a str,
    site: Option<&'a String>,
}

/// One component: the entry's values over the template's, NetBox's where neither says. A
/// module's (`module`: its key and its bays' positions) has `{module}` in its name, label
/// and sibling resolved, as NetBox instantiates it.
fn component(
    row: &Row,
    place: &Place,
    template: Option<&Part>,
    entry: Option<&Part>,
    module: Option<(&str, &[&str])>,
) -> Desired {
    let (object, device_key) = (place.object, place.device_key);
    let positions = module.map_or(&[][..], |(_, p)| p);
    let resolve = |name: &str| resolve_module_name(name, positions).into_owned();
    let name = resolve(entry.or(template).map_or("", |p| p.name.value.as_str()));
    let location: Location = entry.map_or_else(|| object.location(), |e| object.at(e.name));
    let mut d = Desired::new(
        row.kind,
        format!("{device_key}:{name}"),
        place.site.cloned(),
        location,
    );
    d.reference("device", Kind::Devices, Some(device_key.to_string()), None)
        .reference(
            "module",
            Kind::Modules,
            module.map(|(key, _)| key.to_string()),
            None,
        )
        .value("name", name);
    for (index, (field, unset)) in row.fields.iter().enumerate() {
        let said = |part: Option<&Part>| part.and_then(|p| p.values[index].clone());
        let mut value = said(entry)
            .or_else(|| said(template))
            .unwrap_or_else(|| unset.value());
        if *field == "label" {
            if let Value::String(label) = &value {
                value = Value::from(resolve(label));
            }
        }
        d.value(field, value);
    }
    if let Some((field, kind)) = row.sibling {
        let from_entry = entry.and_then(|e| e.sibling);
        let sibling = from_entry.or_else(|| template.and_then(|t| t.sibling));
        d.reference(
            field,
            kind,
            sibling.map(|s| format!("{device_key}:{}", resolve(&s.value))),
            from_entry.map(|s| object.at(s)),
        );
    }
    d
}

/// The key and site of a NetBox component: its device's, with its name.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    if !ROWS.iter().any(|row| row.kind == kind) {
        return None;
    }
    let device = state.ref_object(Kind::Devices, json.get("device"));
    Some((
        device
            .and_then(|d| d.key.clone())
            .zip(string(json, "name"))
            .map(|(d, n)| format!("{d}:{n}")),
        device.and_then(|d| d.site.clone()),
    ))
}
