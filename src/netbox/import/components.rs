//! A device's components: what its own entries must say beside its type.
//!
//! netsot instantiates a device's interfaces and ports from its device type and refines
//! them by name with the device's entries (`interfaces:`, `console_ports:`, ...). So an
//! entry is written for a component the type does not have (with its `type`), for one that
//! differs from its template (only the fields that differ), and for an interface holding
//! addresses (nested under it); a component identical to its template is left out. A
//! template the device lacks (deleted in NetBox) cannot be said in the format and is
//! reported, as are bays and modules beyond the type's.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::record::{nested_id, number, Out, Record};
use super::refs::{custom_fields, name, named, names};
use super::scope::Scope;
use super::{Context, NotCarried};

/// A component list of a device and the template list of its type.
struct PortKind {
    endpoint: &'static str,
    templates: &'static str,
    /// The device's entry list in netsot; `None` when the format has none.
    collection: Option<&'static str>,
    kind: &'static str,
    /// The fields netsot carries besides `name`, `type`, `label` and `description`.
    fields: &'static [(&'static str, Field)],
}

#[derive(Clone, Copy)]
enum Field {
    Number,
    Text,
    /// A choice, by its value.
    Choice,
    /// A nested port of the same device, by name.
    Name,
}

const PORTS: &[PortKind] = &[
    PortKind {
        endpoint: "dcim/console-ports",
        templates: "dcim/console-port-templates",
        collection: Some("console_ports"),
        kind: "dcim.consoleport",
        fields: &[],
    },
    PortKind {
        endpoint: "dcim/console-server-ports",
        templates: "dcim/console-server-port-templates",
        collection: Some("console_server_ports"),
        kind: "dcim.consoleserverport",
        fields: &[],
    },
    PortKind {
        endpoint: "dcim/power-ports",
        templates: "dcim/power-port-templates",
        collection: Some("power_ports"),
        kind: "dcim.powerport",
        fields: &[
            ("maximum_draw", Field::Number),
            ("allocated_draw", Field::Number),
        ],
    },
    PortKind {
        endpoint: "dcim/rear-ports",
        templates: "dcim/rear-port-templates",
        collection: Some("rear_ports"),
        kind: "dcim.rearport",
        fields: &[("positions", Field::Number)],
    },
    PortKind {
        endpoint: "dcim/front-ports",
        templates: "dcim/front-port-templates",
        collection: Some("front_ports"),
        kind: "dcim.frontport",
        fields: &[
            ("rear_port", Field::Name),
            ("rear_port_position", Field::Number),
        ],
    },
    PortKind {
        endpoint: "dcim/power-outlets",
        templates: "dcim/power-outlet-templates",
        collection: Some("power_outlets"),
        kind: "dcim.poweroutlet",
        fields: &[("power_port", Field::Name), ("feed_leg", Field::Choice)],
    },
    PortKind {
        endpoint: "dcim/device-bays",
        templates: "dcim/device-bay-templates",
        collection: None,
        kind: "dcim.devicebay",
        fields: &[],
    },
    PortKind {
        endpoint: "dcim/module-bays",
        templates: "dcim/module-bay-templates",
        collection: None,
        kind: "dcim.modulebay",
        fields: &[("position", Field::Text)],
    },
];

/// Fields of a device component that are derived from cabling or counts, or carried by
/// the nesting itself.
const DERIVED: &[&str] = &[
    "device",
    "virtual_machine",
    "cable",
    "cable_end",
    "link_peers",
    "link_peers_type",
    "connected_endpoints",
    "connected_endpoints_type",
    "connected_endpoints_reachable",
    "count_ipaddresses",
    "count_fhrp_groups",
    "primary_mac_address",
    "l2vpn_termination",
    "wireless_link",
    "bridge_interfaces",
];

/// The components of the carried devices and the templates of their types, grouped.
pub struct Components<'s> {
    /// Endpoint → owner id → objects, in NetBox's order.
    by_owner: HashMap<&'static str, HashMap<u64, Vec<&'s Value>>>,
    /// Interface id → the addresses assigned to it.
    addresses: HashMap<u64, Vec<&'s Value>>,
    /// Interface id → its assignments to FHRP groups, as entries.
    fhrp: HashMap<u64, Vec<Value>>,
    /// Template endpoint → module type id → templates.
    module_templates: HashMap<&'static str, HashMap<u64, Vec<&'s Value>>>,
    modules: super::modules::Modules<'s>,
    vdcs: super::vdcs::Vdcs<'s>,
}

impl<'s> Components<'s> {
    pub fn new(scope: &Scope<'s>, report: &mut NotCarried) -> Components<'s> {
        let mut by_owner: HashMap<&'static str, HashMap<u64, Vec<&'s Value>>> = HashMap::new();
        let mut group = |endpoint: &'static str, field: &str| {
            let mut owners: HashMap<u64, Vec<&'s Value>> = HashMap::new();
            for object in scope.objects(endpoint) {
                if let Some(owner) = object.get(field).and_then(nested_id) {
                    owners.entry(owner).or_default().push(object);
                }
            }
            by_owner.insert(endpoint, owners);
        };
        group("dcim/interfaces", "device");
        group("dcim/interface-templates", "device_type");
        group("dcim/inventory-items", "device");
        group("dcim/inventory-item-templates", "device_type");
        for kind in PORTS {
            group(kind.endpoint, "device");
            group(kind.templates, "device_type");
        }
        let mut module_templates: HashMap<&'static str, HashMap<u64, Vec<&'s Value>>> =
            HashMap::new();
        for endpoint in std::iter::once("dcim/interface-templates")
            .chain(PORTS.iter().map(|kind| kind.templates))
        {
            let mut owners: HashMap<u64, Vec<&'s Value>> = HashMap::new();
            for object in scope.objects(endpoint) {
                if let Some(owner) = object.get("module_type").and_then(nested_id) {
                    owners.entry(owner).or_default().push(object);
                }
            }
            module_templates.insert(endpoint, owners);
        }
        let mut addresses: HashMap<u64, Vec<&'s Value>> = HashMap::new();
        for address in scope.objects("ipam/ip-addresses") {
            if address.get("assigned_object_type").and_then(Value::as_str) == Some("dcim.interface")
            {
                if let Some(id) = address.get("assigned_object_id").and_then(Value::as_u64) {
                    addresses.entry(id).or_default().push(address);
                }
            }
        }
        Components {
            by_owner,
            addresses,
            fhrp: super::fhrp::assignments(scope, report),
            module_templates,
            modules: super::modules::Modules::new(scope),
            vdcs: super::vdcs::Vdcs::new(scope),
        }
    }

    pub(super) fn of(&self, endpoint: &str, owner: Option<u64>) -> &[&'s Value] {
        owner
            .and_then(|o| self.by_owner.get(endpoint).and_then(|m| m.get(&o)))
            .map_or(&[], Vec::as_slice)
    }

    /// Writes the entries of a device's components into `out`. `numbering` is the slot
    /// number a virtual chassis member puts in its type's interface names
    /// ([`super::chassis::Numbering`]).
    #[allow(
        clippy::too_many_arguments,
        reason = "one device's identity and the outputs it is written to"
    )]
    pub fn write_device(
        &self,
        context: &Context,
        device: u64,
        device_type: Option<u64>,
        numbering: Option<u32>,
        site: Option<u64>,
        out: &mut Out,
        report: &mut NotCarried,
    ) {
        // A member's templates go by the names its chassis numbering gives them.
        let templates: HashMap<std::borrow::Cow<str>, &Value> = self
            .of("dcim/interface-templates", device_type)
            .iter()
            .filter_map(|t| {
                let name = t.get("name")?.as_str()?;
                Some((super::chassis::numbered(name, numbering), *t))
            })
            .collect();
        let interfaces = self.of("dcim/interfaces", Some(device));
        let mut entries = Vec::new();
        let mut present = std::collections::HashSet::new();
        for interface in interfaces {
            let mut r = Record::new("dcim.interface", interface);
            let module = r.get("module").and_then(nested_id);
            let template = match module {
                Some(module) => self.module_template("dcim/interface-templates", module, &r),
                None => r
                    .peek("name")
                    .and_then(Value::as_str)
                    .and_then(|n| templates.get(n).copied()),
            };
            if let Some(name) = r.peek("name").and_then(Value::as_str) {
                present.insert(name);
            }
            let id = interface.get("id").and_then(Value::as_u64).unwrap_or(0);
            let addresses = self.addresses.get(&id).map_or(&[][..], Vec::as_slice);
            // A module's template as NetBox instantiated it: name and label resolved.
            let resolved = module.zip(template).map(|(module, template)| {
                let positions = self.modules.positions(module);
                let mut template = template.clone();
                for field in ["name", "label"] {
                    if let Some(Value::String(text)) = template.get_mut(field) {
                        *text = resolve(text, &positions);
                    }
                }
                template
            });
            let template = resolved.as_ref().or(template);
            let mut entry = interface_entry(context, &mut r, template, addresses, site, report);
            if let Some(assignments) = self.fhrp.get(&id) {
                entry.list("fhrp_groups", assignments.clone());
            }
            if template.is_none() || entry.0.len() > 1 {
                entries.push(entry.into_value());
            }
            r.finish(report);
        }
        // A template's interface deleted on the device is an entry that removes it, in the
        // type's order.
        for template in self.of("dcim/interface-templates", device_type) {
            let Some(name) = template.get("name").and_then(Value::as_str) else {
                continue;
            };
            let name = super::chassis::numbered(name, numbering);
            if !present.contains(name.as_ref()) {
                let mut removed = Out::new();
                removed.set("name", name.as_ref());
                removed.set("remove", true);
                entries.push(removed.into_value());
            }
        }
        let interfaces = entries;
        let mut bays = Vec::new();
        let mut lists = Vec::new();
        for kind in PORTS {
            let templates = template_index(self.of(kind.templates, device_type));
            let ports = self.of(kind.endpoint, Some(device));
            let mut entries = Vec::new();
            for port in ports {
                let mut r = Record::new(kind.kind, port);
                if let Some(module) = r.get("module").and_then(nested_id) {
                    // Made by an installed module from its type: not written, and a change
                    // from the template cannot be said.
                    let template = self.module_template(kind.templates, module, &r);
                    let entry = port_entry(&mut r, kind);
                    let same = template.is_some_and(|t| {
                        let mut t = port_entry(&mut Record::new(kind.kind, t), kind);
                        let positions = self.modules.positions(module);
                        for field in ["name", "label", "rear_port", "power_port"] {
                            if let Some(Value::String(text)) = t.get_mut(field) {
                                *text = resolve(text, &positions);
                            }
                        }
                        t == entry
                    });
                    if !same {
                        report.add(kind.kind, "component of a module changed on the device");
                    }
                    r.skip(&["installed_module"]);
                    r.finish(report);
                    continue;
                }
                let template = r
                    .peek("name")
                    .and_then(Value::as_str)
                    .and_then(|n| templates.get(n).copied());
                let entry = port_entry(&mut r, kind);
                let written = match template {
                    // An outlet's entry replaces its template whole (check/power.rs): it
                    // is written whole when it differs.
                    Some(template) if kind.endpoint == "dcim/power-outlets" => {
                        let t = port_entry(&mut Record::new(kind.kind, template), kind);
                        (t != entry).then_some(entry)
                    }
                    Some(template) => {
                        let mut t = Record::new(kind.kind, template);
                        difference(entry, &port_entry(&mut t, kind), kind.kind, report)
                    }
                    None => Some(entry),
                };
                if let Some(entry) = written {
                    match kind.collection {
                        Some(_) => entries.push(Value::Object(entry)),
                        // A device's own module bay: a `module_bays` entry.
                        None if kind.endpoint == "dcim/module-bays" && template.is_none() => {
                            bays.push(Value::Object(entry));
                        }
                        None => report.add(kind.kind, "component the device type lacks or changes"),
                    }
                }
                if kind.endpoint == "dcim/device-bays" {
                    // The device installed in a bay: its own `parent_device` says it.
                    r.skip(&["installed_device"]);
                }
                if kind.endpoint == "dcim/module-bays" {
                    r.skip(&["installed_module"]);
                }
                r.finish(report);
            }
            missing_templates(&templates, ports, kind.kind, report);
            if let Some(collection) = kind.collection {
                lists.push((collection, entries));
            }
        }
        // A device's contexts before the interfaces that join them, its bays and modules
        // before the components they give it.
        out.list("virtual_device_contexts", self.vdcs.entries(device, report));
        out.list("module_bays", bays);
        out.list("modules", self.modules.entries(device, report));
        out.list("interfaces", interfaces);
        for (collection, entries) in lists {
            out.list(collection, entries);
        }
        out.list(
            "inventory_items",
            super::inventory::entries(
                self.of("dcim/inventory-items", Some(device)),
                self.of("dcim/inventory-item-templates", device_type),
                report,
            ),
        );
    }
}

impl<'s> Components<'s> {
    /// The template of the module type of `module` whose name, `{module}` resolved with the
    /// module's positions, is the component's.
    fn module_template(&self, endpoint: &str, module: u64, r: &Record) -> Option<&'s Value> {
        let name = r.peek("name").and_then(Value::as_str)?;
        let module_type = self.modules.module_type(module)?;
        let positions = self.modules.positions(module);
        self.module_templates
            .get(endpoint)?
            .get(&module_type)?
            .iter()
            .copied()
            .find(|t| {
                t.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| resolve(n, &positions) == name)
            })
    }
}

/// `{module}` in a template's text replaced by the positions, as NetBox resolves it.
fn resolve(text: &str, positions: &[String]) -> String {
    let positions: Vec<&str> = positions.iter().map(String::as_str).collect();
    crate::graph::module_ports::resolve_module_name(text, &positions).into_owned()
}

/// Templates by name.
fn template_index<'s>(templates: &[&'s Value]) -> HashMap<&'s str, &'s Value> {
    templates
        .iter()
        .filter_map(|t| Some((t.get("name")?.as_str()?, *t)))
        .collect()
}

/// Reports the templates a device has no component for: netsot would instantiate them.
fn missing_templates(
    templates: &HashMap<&str, &Value>,
    components: &[&Value],
    kind: &str,
    report: &mut NotCarried,
) {
    let present = components
        .iter()
        .filter(|c| {
            c.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| templates.contains_key(n))
        })
        .count();
    report.add_many(
        kind,
        "component of the device type deleted on the device",
        templates.len().saturating_sub(present),
    );
}

/// The fields of a port or its template, as netsot's entry writes them.
fn port_entry(r: &mut Record, kind: &PortKind) -> Map<String, Value> {
    let mut out = Out::new();
    out.set("name", r.text("name").unwrap_or_default());
    out.opt("type", r.choice("type"));
    out.opt("label", r.text("label"));
    for (field, how) in kind.fields {
        let value = match how {
            // One position is NetBox's default for rear ports and front ports alike.
            Field::Number => number(r.get(field)).filter(|v| {
                !(matches!(*field, "positions" | "rear_port_position") && v == &Value::from(1))
            }),
            Field::Text => r.text(field).map(Value::from),
            Field::Choice => r.choice(field).map(Value::from),
            Field::Name => r.get(field).and_then(name).map(Value::String),
        };
        out.opt(field, value);
    }
    out.opt("description", r.text("description"));
    // An outlet's status (NetBox 4.4), `enabled` unless said otherwise; templates have none.
    if kind.endpoint == "dcim/power-outlets" {
        out.opt("status", r.choice("status").filter(|s| *s != "enabled"));
    }
    r.skip(DERIVED);
    r.skip(&["device_type", "module_type", "mark_connected"]);
    out.0
}

/// The entry's fields that differ from the template's, with its name; `None` when the
/// component is exactly its template. A value the template has and the component cleared
/// cannot be said (netsot would inherit it back) and is reported.
fn difference(
    entry: Map<String, Value>,
    template: &Map<String, Value>,
    kind: &str,
    report: &mut NotCarried,
) -> Option<Map<String, Value>> {
    for key in template.keys() {
        if !entry.contains_key(key) {
            report.add(
                kind,
                format!("`{key}` of the device type cleared on the device"),
            );
        }
    }
    let mut out = Map::new();
    for (key, value) in entry {
        if key == "name" || template.get(&key) != Some(&value) {
            out.insert(key, value);
        }
    }
    (out.len() > 1).then_some(out)
}

/// A parent, bridge or LAG: its name on the same device, `DEVICE:NAME` on another (a LAG
/// of a virtual chassis member may sit on another member).
fn sibling(context: &Context, interface: &Value, owner: Option<u64>) -> Option<String> {
    let interface_name = name(interface)?;
    let device = interface.get("device").and_then(nested_id);
    match device {
        Some(device) if Some(device) != owner => {
            let reference = context
                .names
                .scoped(context.scope, "dcim/devices", device, None)?;
            Some(format!("{reference}:{interface_name}"))
        }
        _ => Some(interface_name),
    }
}

/// An interface entry of a device or virtual machine, with its addresses nested; fields a
/// template already gives are left out.
pub(super) fn interface_entry(
    context: &Context,
    r: &mut Record,
    template: Option<&Value>,
    addresses: &[&Value],
    site: Option<u64>,
    report: &mut NotCarried,
) -> Out {
    let scope = context.scope;
    let template_text = |field: &str| {
        template
            .and_then(|t| t.get(field))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let mut out = Out::new();
    out.set("name", r.text("name").unwrap_or_default());
    let label = r.text("label");
    if label != template_text("label") {
        out.opt("label", label);
    }
    let kind = r.choice("type");
    let template_kind = template
        .and_then(|t| t.get("type"))
        .and_then(|t| t.get("value"))
        .and_then(Value::as_str);
    if kind != template_kind {
        out.opt("type", kind);
    }
    if r.get("enabled").and_then(Value::as_bool) == Some(false) {
        out.set("enabled", false);
    }
    let mgmt_only = r.get("mgmt_only").and_then(Value::as_bool).unwrap_or(false);
    let template_mgmt = template
        .and_then(|t| t.get("mgmt_only"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if mgmt_only != template_mgmt {
        out.set("mgmt_only", mgmt_only);
    }
    let owner = r
        .peek("device")
        .or_else(|| r.peek("virtual_machine"))
        .and_then(nested_id);
    for field in ["parent", "bridge", "lag"] {
        out.opt(field, r.get(field).and_then(|i| sibling(context, i, owner)));
    }
    out.opt("mtu", number(r.get("mtu")));
    // PoE as the template gives it is left to the template.
    for field in ["poe_mode", "poe_type"] {
        let value = r.choice(field);
        let template_value = template
            .and_then(|t| t.get(field))
            .and_then(|t| t.get("value"))
            .and_then(Value::as_str);
        if value != template_value {
            out.opt(field, value);
        }
    }
    let primary = r.text("mac_address");
    let others = super::mac_addresses::other_mac_addresses(r, primary);
    out.opt("mac_address", primary);
    out.list("mac_addresses", others);
    out.opt("speed", number(r.get("speed")));
    out.opt("duplex", r.choice("duplex"));
    out.opt("mode", r.choice("mode"));
    out.opt(
        "untagged_vlan",
        r.id("untagged_vlan")
            .and_then(|id| context.names.scoped(scope, "ipam/vlans", id, site)),
    );
    let tagged: Vec<Value> = r
        .ids("tagged_vlans")
        .into_iter()
        .filter_map(|id| context.names.scoped(scope, "ipam/vlans", id, site))
        .map(Value::String)
        .collect();
    out.list("tagged_vlans", tagged);
    out.opt(
        "qinq_svlan",
        r.id("qinq_svlan")
            .and_then(|id| context.names.scoped(scope, "ipam/vlans", id, site)),
    );
    out.opt("vrf", named(r, "vrf"));
    out.opt(
        "vlan_translation_policy",
        named(r, "vlan_translation_policy"),
    );
    out.list("vdcs", super::refs::names(r, "vdcs"));
    super::wireless::interface_fields(context, r, template, &mut out);
    if r.get("mark_connected").and_then(Value::as_bool) == Some(true) {
        out.set("mark_connected", true);
    }
    let description = r.text("description");
    if description != template_text("description") {
        out.opt("description", description);
    }
    out.list("tags", names(r, "tags"));
    out.opt("custom_fields", custom_fields(r, report));
    r.skip(DERIVED);
    let mut nested = Vec::new();
    let mut sorted: Vec<&&Value> = addresses.iter().collect();
    sorted.sort_by_key(|a| {
        super::organisation::tie(
            super::layout::ip_key(a.get("address").and_then(Value::as_str).unwrap_or_default()),
            a,
        )
    });
    for address in sorted {
        let mut a = Record::new("ipam.ipaddress", address);
        nested.push(super::ipam::address_entry(context.scope, &mut a, report).into_value());
        a.skip(&[
            "assigned_object_type",
            "assigned_object_id",
            "assigned_object",
        ]);
        a.finish(report);
    }
    out.list("ip_addresses", nested);
    out
}
