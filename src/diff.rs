//! The semantic difference between two compiled revisions.
//!
//! Both sides are flattened into *entities*: one per object of every collection, keyed by
//! its natural key, plus one per interface a user wrote (`DEVICE:INTERFACE`) and one per IP
//! address (`ADDRESS` or `ADDRESS (VRF)`) with what it is assigned to. Entities are compared
//! field by field, so a reformatted or moved file gives no difference, and an address moved
//! from one interface to another is one change of its `assigned_to` field. Entities are
//! grouped by kind and site. Installed modules are entities of their own
//! (`SITE/DEVICE:BAY`, with the number of interfaces they give); a written interface says
//! which `template` name the type or module gives it (so a rename reads as one) and which
//! `module` it comes from, and an interface an entry removes is one with `removed: true`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::compile::Compilation;
use crate::graph::{DeviceId, Graph, InterfaceId, IpId, IpSource, Owner};
use crate::render::RenderedFile;

/// One object as the diff sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub site: Option<String>,
    pub fields: Map<String, Value>,
}

/// Every entity of a compilation, by (kind, key).
pub type Entities = BTreeMap<(String, String), Entity>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub kind: String,
    pub key: String,
    pub site: Option<String>,
    /// For a changed object, each field that differs; for an added or removed one, its
    /// fields (as `after` or `before`).
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileChange {
    pub path: String,
    pub change: ChangeKind,
    /// A unified diff, cut to a few lines per file.
    pub diff: String,
    pub lines_added: usize,
    pub lines_removed: usize,
}

/// The whole difference.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub files: Vec<FileChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.files.is_empty()
    }

    /// Per kind: (added, removed, changed).
    pub fn summary(&self) -> BTreeMap<&str, (usize, usize, usize)> {
        let mut summary: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
        for change in &self.changes {
            let entry = summary.entry(change.kind.as_str()).or_default();
            match change.change {
                ChangeKind::Added => entry.0 += 1,
                ChangeKind::Removed => entry.1 += 1,
                ChangeKind::Changed => entry.2 += 1,
            }
        }
        summary
    }
}

/// The entities of a compilation.
pub fn entities(compilation: &Compilation) -> Entities {
    let graph = &compilation.graph;
    let model = serde_json::to_value(&*graph.model).unwrap_or_default();
    let mut out = Entities::new();
    let Value::Object(collections) = model else {
        return out;
    };
    for (collection, objects) in collections {
        if collection == "ip_addresses" {
            continue; // every address, nested or not, is added below
        }
        let Value::Array(objects) = objects else {
            continue;
        };
        for (index, object) in objects.into_iter().enumerate() {
            let Value::Object(mut fields) = object else {
                continue;
            };
            if collection == "devices" || collection == "virtual_machines" {
                fields.remove("interfaces");
                fields.remove("modules");
            }
            if collection == "fhrp_groups" {
                // Its virtual addresses are address entities, assigned to the group.
                fields.remove("ip_addresses");
            }
            let site = fields
                .get("site")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| {
                    (collection == "cables")
                        .then(|| cable_site(graph, index))
                        .flatten()
                });
            let mut key = natural_key(&collection, &fields);
            if collection == "devices" {
                key = device_key(graph, DeviceId::from_index(index), key);
            }
            insert(&mut out, &collection, key, Entity { site, fields });
        }
    }
    interfaces(graph, &mut out);
    removed_interfaces(graph, &mut out);
    modules(graph, &mut out);
    addresses(graph, &mut out);
    out
}

/// A device's key: `SITE/NAME`, with ` (tenant T)` when its site holds the name for several
/// tenants (NetBox allows it), and `SITE/<unnamed device ...>` (its label) without a name.
fn device_key(graph: &Graph, device: DeviceId, key: String) -> String {
    let data = graph.device(device);
    let Some(name) = &data.name else {
        return format!("{}/{}", data.site.value, graph.device_name(device));
    };
    let site = graph.devices[device.index()].site;
    let shared =
        site.is_some_and(|site| graph.indexes.devices.all_in_site(site, &name.value).len() > 1);
    match (&data.tenant, shared) {
        (Some(tenant), true) => format!("{key} (tenant {})", tenant.value),
        (None, true) => format!("{key} (no tenant)"),
        (_, false) => key,
    }
}

fn insert(out: &mut Entities, kind: &str, key: String, entity: Entity) {
    let mut candidate = key.clone();
    let mut n = 2;
    while out.contains_key(&(kind.to_string(), candidate.clone())) {
        candidate = format!("{key} #{n}");
        n += 1;
    }
    out.insert((kind.to_string(), candidate), entity);
}

fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The natural key of an object of a collection, from its fields.
/// The value of an object's scope key (`model/scope.rs`), empty without one.
fn scope_of(get: &impl Fn(&str) -> String) -> String {
    crate::model::scope::ScopeKind::ALL
        .into_iter()
        .map(|kind| get(kind.key()))
        .find(|value| !value.is_empty())
        .unwrap_or_default()
}

pub fn natural_key(collection: &str, fields: &Map<String, Value>) -> String {
    let get = |name: &str| text(fields.get(name));
    let with_vrf = |base: String| match get("vrf").as_str() {
        "" => base,
        vrf => format!("{base} ({vrf})"),
    };
    match collection {
        "devices" | "racks" | "locations" | "power_panels" => {
            format!("{}/{}", get("site"), get("name"))
        }
        // Feed names are unique within their panel.
        "power_feeds" => format!("{}:{}", get("power_panel"), get("name")),
        "vlans" => {
            let scope = [get("group"), get("site")]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_else(|| "global".into());
            format!("{scope}/{} {}", get("vid"), get("name"))
        }
        "prefixes" => with_vrf(get("prefix")),
        "aggregates" => get("prefix"),
        "ip_ranges" => with_vrf(format!("{}-{}", get("start_address"), get("end_address"))),
        "asns" => get("asn"),
        "cables" => {
            let mut ends = [get("a"), get("b")];
            ends.sort();
            format!("{} = {}", ends[0], ends[1])
        }
        "services" => {
            let owner = [get("device"), get("virtual_machine")]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or_default();
            format!("{owner}/{} ({})", get("name"), get("protocol"))
        }
        // Names NetBox scopes: `SCOPE/NAME` as references qualify them, the bare name
        // without a scope, so that two objects of one name in two scopes stay apart.
        "regions" | "site_groups" | "tenants" | "platforms" | "vlan_groups" | "clusters"
        | "virtual_machines" => {
            let scope = match collection {
                "regions" | "site_groups" => get("parent"),
                "tenants" => get("group"),
                "platforms" => get("manufacturer"),
                "vlan_groups" => scope_of(&get),
                "clusters" => Some(get("group"))
                    .filter(|g| !g.is_empty())
                    .unwrap_or_else(|| scope_of(&get)),
                _ => get("cluster"),
            };
            if scope.is_empty() {
                get("name")
            } else {
                format!("{scope}/{}", get("name"))
            }
        }
        "circuits" => format!("{}/{}", get("provider"), get("cid")),
        "virtual_circuits" => format!("{}/{}", get("provider_network"), get("cid")),
        "device_types" | "module_types" => format!("{}/{}", get("manufacturer"), get("model")),
        // Reservations have no name: a rack's units are held by one reservation only.
        "rack_reservations" => format!("{}/{} {}", get("site"), get("rack"), get("units")),
        _ => {
            let name = get("name");
            if name.is_empty() {
                get("slug")
            } else {
                name
            }
        }
    }
}

/// The interfaces users wrote, keyed `SITE/DEVICE:INTERFACE` (`VM:INTERFACE`).
fn interfaces(graph: &Graph, out: &mut Entities) {
    for id in InterfaceId::all(graph.interfaces.len()) {
        let Some(entry) = graph.interface_entry(id) else {
            continue;
        };
        let owner = graph.interfaces[id.index()].owner;
        let Ok(Value::Object(mut fields)) = serde_json::to_value(entry) else {
            continue;
        };
        fields.remove("ip_addresses");
        // A rename reads as the interface the type or module gives, and where it comes from.
        fields.remove("rename_from");
        fields.remove("remove");
        if let Some(template) = graph.interface_template_name(id) {
            fields.insert("template".into(), Value::String(template.to_string()));
        }
        if let Some(module) = graph.interface_module(id) {
            fields.insert("module".into(), Value::String(module_key(graph, module)));
        }
        let site = site_name(graph, owner);
        insert(
            out,
            "interfaces",
            owner_key(graph, owner, id),
            Entity { site, fields },
        );
    }
}

/// The interfaces a device's entries remove from what its type or modules give, keyed like
/// the others, with `removed: true`.
fn removed_interfaces(graph: &Graph, out: &mut Entities) {
    for (i, device) in graph.model.devices.iter().enumerate() {
        let owner = Owner::Device(crate::graph::DeviceId::from_index(i));
        for entry in device.data.interfaces.iter().filter(|e| e.value.remove) {
            let mut fields = Map::new();
            fields.insert("removed".into(), Value::Bool(true));
            let key = format!(
                "{}/{}:{}",
                device.data.site.value,
                device.data.label(),
                entry.value.name.value
            );
            let site = site_name(graph, owner);
            insert(out, "interfaces", key, Entity { site, fields });
        }
    }
}

/// Installed modules, keyed `SITE/DEVICE:BAY` (`SITE/DEVICE:OUTER/BAY` when nested), with
/// their type, position and the number of interfaces they give.
fn modules(graph: &Graph, out: &mut Entities) {
    let mut interfaces: BTreeMap<u32, u64> = BTreeMap::new();
    for generated in &graph.generated_interfaces {
        if let Some(module) = generated.module {
            *interfaces.entry(module).or_default() += 1;
        }
    }
    for (m, node) in graph.modules.iter().enumerate() {
        let m = m as u32;
        let data = graph.module_data(m);
        let mut fields = Map::new();
        fields.insert(
            "module_type".into(),
            Value::String(data.module_type.value.clone()),
        );
        fields.insert(
            "position".into(),
            node.position.clone().map_or(Value::Null, Value::String),
        );
        let status = data.status.as_ref().map_or("active", |s| s.value.as_str());
        fields.insert("status".into(), Value::String(status.into()));
        fields.insert(
            "serial".into(),
            data.serial.clone().map_or(Value::Null, Value::String),
        );
        fields.insert(
            "asset_tag".into(),
            data.asset_tag
                .as_ref()
                .map_or(Value::Null, |a| Value::String(a.value.clone())),
        );
        fields.insert(
            "interfaces".into(),
            Value::from(interfaces.get(&m).copied().unwrap_or(0)),
        );
        let device = graph.device(node.device);
        let key = format!(
            "{}/{}:{}",
            device.site.value,
            device.label(),
            module_key(graph, m)
        );
        let site = site_name(graph, Owner::Device(node.device));
        insert(out, "modules", key, Entity { site, fields });
    }
}

/// A module's bay, after the bays of the modules it is nested in: `FPC 1/MIC0`.
fn module_key(graph: &Graph, module: u32) -> String {
    let mut bays = Vec::new();
    let mut current = Some(module);
    while let Some(m) = current {
        bays.push(graph.module_data(m).bay.value.as_str());
        current = graph.modules[m as usize].parent;
    }
    bays.reverse();
    bays.join("/")
}

/// The site of a cable: its A end's device's, else its B end's.
fn cable_site(graph: &Graph, cable: usize) -> Option<String> {
    let node = graph.cables.get(cable)?;
    [&node.a, &node.b].into_iter().flatten().find_map(|end| {
        let site = end.site(graph)?;
        Some(graph.model.sites[site.index()].data.name.value.clone())
    })
}

fn site_name(graph: &Graph, owner: Owner) -> Option<String> {
    graph
        .owner_site(owner)
        .map(|s| graph.model.sites[s.index()].data.name.value.clone())
}

fn owner_key(graph: &Graph, owner: Owner, interface: InterfaceId) -> String {
    let name = graph.interface_name(interface);
    match owner {
        Owner::Device(d) => {
            let device = graph.device(d);
            let key = format!("{}/{}", device.site.value, graph.device_name(d));
            format!("{}:{name}", device_key(graph, d, key))
        }
        Owner::VirtualMachine(_) => format!("{}:{name}", graph.owner_name(owner)),
    }
}

/// Every address, keyed by address and VRF, with `assigned_to`.
fn addresses(graph: &Graph, out: &mut Entities) {
    for ip in IpId::all(graph.ip_addresses.len()) {
        let node = &graph.ip_addresses[ip.index()];
        let Ok(Value::Object(mut fields)) = serde_json::to_value(graph.ip_data(ip)) else {
            continue;
        };
        let address = node.address.to_string();
        fields.remove("address");
        fields.remove("interface");
        let vrf = node
            .vrf
            .map(|v| graph.model.vrfs[v.index()].data.name.value.clone());
        fields.insert("vrf".into(), vrf.clone().map_or(Value::Null, Value::String));
        let assigned = node
            .interface
            .map(|i| owner_key(graph, graph.interfaces[i.index()].owner, i))
            .or_else(|| {
                graph.ip_fhrp_group(ip).map(|g| {
                    format!(
                        "FHRP group {}",
                        graph.model.fhrp_groups[g.index()].data.name.value
                    )
                })
            });
        fields.insert(
            "assigned_to".into(),
            assigned.map_or(Value::Null, Value::String),
        );
        let site = match node.source {
            IpSource::Nested { owner, .. } => site_name(graph, owner),
            IpSource::Standalone(_) => graph.ip_owner(ip).and_then(|o| site_name(graph, o)),
            // A group belongs to no site (its members may sit in several).
            IpSource::Fhrp { .. } => None,
        };
        let key = match vrf {
            Some(vrf) => format!("{address} ({vrf})"),
            None => address,
        };
        insert(out, "ip_addresses", key, Entity { site, fields });
    }
}

/// Compares two sets of entities and two sets of rendered files (`None` when a side could
/// not be rendered).
pub fn diff(
    base: &Entities,
    head: &Entities,
    files: Option<(&[RenderedFile], &[RenderedFile])>,
) -> Diff {
    let mut changes = Vec::new();
    for ((kind, key), before) in base {
        match head.get(&(kind.clone(), key.clone())) {
            None => changes.push(Change {
                change: ChangeKind::Removed,
                kind: kind.clone(),
                key: key.clone(),
                site: before.site.clone(),
                fields: listed(&before.fields, true),
            }),
            Some(after) if after.fields != before.fields => {
                let mut names: Vec<&String> =
                    before.fields.keys().chain(after.fields.keys()).collect();
                names.sort();
                names.dedup();
                let fields = names
                    .into_iter()
                    .filter_map(|name| {
                        let b = before.fields.get(name).cloned().unwrap_or(Value::Null);
                        let a = after.fields.get(name).cloned().unwrap_or(Value::Null);
                        (a != b && !(is_empty(&a) && is_empty(&b))).then(|| FieldChange {
                            field: name.clone(),
                            before: b,
                            after: a,
                        })
                    })
                    .collect::<Vec<_>>();
                if !fields.is_empty() {
                    changes.push(Change {
                        change: ChangeKind::Changed,
                        kind: kind.clone(),
                        key: key.clone(),
                        site: after.site.clone().or_else(|| before.site.clone()),
                        fields,
                    });
                }
            }
            Some(_) => {}
        }
    }
    for ((kind, key), after) in head {
        if !base.contains_key(&(kind.clone(), key.clone())) {
            changes.push(Change {
                change: ChangeKind::Added,
                kind: kind.clone(),
                key: key.clone(),
                site: after.site.clone(),
                fields: listed(&after.fields, false),
            });
        }
    }
    changes.sort_by(|a, b| {
        (&a.kind, &a.site, &a.key, a.change).cmp(&(&b.kind, &b.site, &b.key, b.change))
    });
    let files = files.map(|(b, a)| file_changes(b, a)).unwrap_or_default();
    Diff { changes, files }
}

/// The non-empty fields of an added or removed object.
fn listed(fields: &Map<String, Value>, before: bool) -> Vec<FieldChange> {
    fields
        .iter()
        .filter(|(_, v)| !is_empty(v) && **v != Value::Bool(false))
        .map(|(k, v)| FieldChange {
            field: k.clone(),
            before: if before { v.clone() } else { Value::Null },
            after: if before { Value::Null } else { v.clone() },
        })
        .collect()
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// The most lines of unified diff shown per file.
pub const MAX_DIFF_LINES: usize = 40;

fn file_changes(base: &[RenderedFile], head: &[RenderedFile]) -> Vec<FileChange> {
    let before: BTreeMap<&str, &[u8]> = base
        .iter()
        .map(|f| (f.path.as_str(), &f.bytes[..]))
        .collect();
    let after: BTreeMap<&str, &[u8]> = head
        .iter()
        .map(|f| (f.path.as_str(), &f.bytes[..]))
        .collect();
    let mut paths: Vec<&str> = before.keys().chain(after.keys()).copied().collect();
    paths.sort_unstable();
    paths.dedup();
    let mut out = Vec::new();
    for path in paths {
        let (b, a) = (before.get(path), after.get(path));
        let change = match (b, a) {
            (Some(b), Some(a)) if b == a => continue,
            (Some(_), Some(_)) => ChangeKind::Changed,
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Removed,
        };
        let old = String::from_utf8_lossy(b.copied().unwrap_or_default());
        let new = String::from_utf8_lossy(a.copied().unwrap_or_default());
        let text_diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
        let (mut added, mut removed) = (0, 0);
        for change in text_diff.iter_all_changes() {
            match change.tag() {
                similar::ChangeTag::Insert => added += 1,
                similar::ChangeTag::Delete => removed += 1,
                similar::ChangeTag::Equal => {}
            }
        }
        let unified = text_diff
            .unified_diff()
            .context_radius(1)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string();
        let mut lines: Vec<&str> = unified.lines().collect();
        let cut = lines.len() > MAX_DIFF_LINES;
        lines.truncate(MAX_DIFF_LINES);
        let mut diff = lines.join("\n");
        if cut {
            diff.push_str("\n… (cut; run `netsot build` on both revisions for the whole file)");
        }
        out.push(FileChange {
            path: path.to_string(),
            change,
            diff,
            lines_added: added,
            lines_removed: removed,
        });
    }
    out
}

/// A value as short text for a report.
pub fn show(value: &Value) -> String {
    match value {
        Value::Null => "–".into(),
        Value::String(s) => s.clone(),
        // Rack positions and the like: `37`, not `37.0`.
        Value::Number(n)
            if n.as_f64()
                .is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e15) =>
        {
            format!("{}", n.as_f64().unwrap_or_default() as i64)
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entity(fields: Value) -> Entity {
        Entity {
            site: Some("ams1".into()),
            fields: fields.as_object().unwrap().clone(),
        }
    }

    #[test]
    fn a_moved_address_is_one_change_of_its_assignment() {
        let mut base = Entities::new();
        let mut head = Entities::new();
        let key = ("ip_addresses".to_string(), "10.0.0.1/32".to_string());
        base.insert(
            key.clone(),
            entity(json!({"assigned_to": "ams1/a:eth0", "dns_name": "x"})),
        );
        head.insert(
            key,
            entity(json!({"assigned_to": "ams1/b:eth0", "dns_name": "x"})),
        );
        let diff = diff(&base, &head, None);
        assert_eq!(diff.changes.len(), 1);
        assert_eq!(diff.changes[0].change, ChangeKind::Changed);
        assert_eq!(diff.changes[0].fields.len(), 1);
        assert_eq!(diff.changes[0].fields[0].field, "assigned_to");
    }

    #[test]
    fn natural_keys() {
        let fields = |v: Value| v.as_object().unwrap().clone();
        assert_eq!(
            natural_key("devices", &fields(json!({"site": "ams1", "name": "leaf1"}))),
            "ams1/leaf1"
        );
        assert_eq!(
            natural_key(
                "prefixes",
                &fields(json!({"prefix": "10.0.0.0/8", "vrf": "red"}))
            ),
            "10.0.0.0/8 (red)"
        );
        assert_eq!(
            natural_key("cables", &fields(json!({"a": "z:1", "b": "a:1"}))),
            "a:1 = z:1"
        );
        // Names NetBox scopes keep their scope, so one name in two scopes is two objects.
        let vm = |cluster| fields(json!({"name": "web1", "cluster": cluster}));
        assert_eq!(natural_key("virtual_machines", &vm("c1")), "c1/web1");
        assert_eq!(natural_key("virtual_machines", &vm("")), "web1");
        assert_eq!(
            natural_key(
                "regions",
                &fields(json!({"name": "north", "parent": "europe"}))
            ),
            "europe/north"
        );
        assert_eq!(
            natural_key("clusters", &fields(json!({"name": "c1", "site": "ams1"}))),
            "ams1/c1"
        );
        // Two panels may each hold a feed of the same name.
        assert_eq!(
            natural_key(
                "power_feeds",
                &fields(json!({"power_panel": "panel-a", "name": "r01-a"}))
            ),
            "panel-a:r01-a"
        );
    }
}
