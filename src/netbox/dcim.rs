//! DCIM: manufacturers, device roles, platforms, device types with their component
//! templates, racks, devices with their interfaces and primary addresses, and cables
//! between any two ends (interfaces, other ports, power feeds, circuit terminations).
//! Keys: names; a device type's is `MANUFACTURER/MODEL`, a template's `TYPE:NAME`, a rack's
//! and a device's `SITE/NAME` (an unnamed device's `SITE/<unnamed ...>`, its label in the
//! graph: `unnamed.rs`), an interface's `SITE/DEVICE:NAME`, a cable's its two ends'
//! keys, sorted, joined by ` = `.

use serde_json::Value;

use super::kinds::Kind;
use super::state::State;
use super::{at, in_site, ipam, named, slug, string, Desired, Want};
use crate::graph::module_ports::PortKind;
use crate::graph::{CableTarget, DeviceId, DeviceTypeId, Graph, InterfaceId, Owner, SiteId};
use crate::model::device_type::DeviceType;

pub fn desired(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    let ix = &graph.indexes;
    let manufacturer = |text| named(&ix.manufacturers, &model.manufacturers, |m| &m.name, text);
    for object in &model.manufacturers {
        let m = &object.data;
        let mut d = Desired::new(
            Kind::Manufacturers,
            m.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", m.name.value.as_str())
            .value("slug", slug(m.slug.as_ref(), &m.name))
            .text("description", m.description.as_deref());
        out.push(d);
    }
    // A device type from the library names its manufacturer without the repository
    // declaring it; NetBox needs the manufacturer as an object of its own.
    let mut declared: std::collections::BTreeSet<&str> = model
        .manufacturers
        .iter()
        .map(|m| m.data.name.value.as_str())
        .collect();
    let used = (model.device_types.iter())
        .map(|o| o.at(&o.data.manufacturer))
        .zip(model.device_types.iter().map(|o| &o.data.manufacturer))
        .chain(
            (model.module_types.iter())
                .map(|o| o.at(&o.data.manufacturer))
                .zip(model.module_types.iter().map(|o| &o.data.manufacturer)),
        );
    for (location, name) in used {
        let name = name.value.as_str();
        if declared.insert(name) {
            let mut d = Desired::new(Kind::Manufacturers, name.to_string(), None, location);
            d.value("name", name).value("slug", slug(None, name));
            out.push(d);
        }
    }
    for object in &model.device_roles {
        let r = &object.data;
        let mut d = Desired::new(
            Kind::DeviceRoles,
            r.name.value.clone(),
            None,
            object.location(),
        );
        let parent = named(
            &graph.indexes.device_roles,
            &model.device_roles,
            |r| &r.name,
            r.parent.as_ref(),
        );
        d.value("name", r.name.value.as_str())
            .value("slug", slug(r.slug.as_ref(), &r.name))
            .reference(
                "parent",
                Kind::DeviceRoles,
                parent,
                r.parent.as_ref().map(|p| object.at(p)),
            )
            .value("vm_role", r.vm_role)
            .text("description", r.description.as_deref());
        if let Some(color) = &r.color {
            d.value("color", color.trim_start_matches('#').to_lowercase());
        }
        out.push(d);
    }
    for object in &model.platforms {
        let p = &object.data;
        let mut d = Desired::new(
            Kind::Platforms,
            p.name.value.clone(),
            None,
            object.location(),
        );
        d.value("name", p.name.value.as_str())
            .value("slug", slug(p.slug.as_ref(), &p.name))
            .reference(
                "manufacturer",
                Kind::Manufacturers,
                manufacturer(p.manufacturer.as_ref()),
                at(object, p.manufacturer.as_ref()),
            )
            .text("description", p.description.as_deref());
        out.push(d);
    }
    for (index, object) in model.device_types.iter().enumerate() {
        device_type(graph, DeviceTypeId::from_index(index), object, out);
    }
    racks(graph, out);
    devices(graph, out);
    cables(graph, out);
}

/// A device type and its component templates.
fn device_type(
    graph: &Graph,
    id: DeviceTypeId,
    object: &crate::model::Obj<DeviceType>,
    out: &mut Vec<Desired>,
) {
    let t = &object.data;
    let key = device_type_key(graph, id);
    let manufacturer = manufacturer_name(graph, &t.manufacturer);
    let mut d = Desired::new(Kind::DeviceTypes, key.clone(), None, object.location());
    d.reference(
        "manufacturer",
        Kind::Manufacturers,
        manufacturer,
        Some(object.at(&t.manufacturer)),
    )
    .value("model", t.model.value.as_str())
    .value("slug", t.effective_slug())
    .text("part_number", t.part_number.as_deref())
    .value("u_height", t.height())
    .value("is_full_depth", t.full_depth())
    .value(
        "exclude_from_utilization",
        t.exclude_from_utilization.unwrap_or(false),
    )
    .text("description", t.description.as_deref())
    .text("comments", t.comments.as_deref());
    if let Some(airflow) = &t.airflow {
        d.value("airflow", airflow.value.as_str());
    }
    if let Some(role) = &t.subdevice_role {
        d.value("subdevice_role", role.value.as_str());
    }
    if let Some(weight) = &t.weight {
        d.value("weight", weight.value);
        if let Some(unit) = &t.weight_unit {
            d.value("weight_unit", unit.value.as_str());
        }
    }
    out.push(d);
    let owner = super::templates::Owner::DeviceType(key);
    super::templates::desired(
        &owner,
        &super::templates::Lists::of_device_type(t),
        object,
        out,
    );
}

fn racks(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    for (index, object) in model.racks.iter().enumerate() {
        let r = &object.data;
        let node = &graph.racks[index];
        let geometry = graph.rack_geometry(crate::graph::RackId::from_index(index));
        let site = site_name(graph, node.site);
        let mut d = Desired::new(
            Kind::Racks,
            in_site(site.as_deref(), &r.name),
            site.clone(),
            object.location(),
        );
        d.value("name", r.name.value.as_str())
            .reference("site", Kind::Sites, site.clone(), Some(object.at(&r.site)))
            .reference(
                "location",
                Kind::Locations,
                node.location
                    .map(|l| super::organisation::location_key(graph, site.as_deref(), l)),
                at(object, r.location.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                named(
                    &graph.indexes.tenants,
                    &model.tenants,
                    |t| &t.name,
                    r.tenant.as_ref(),
                ),
                at(object, r.tenant.as_ref()),
            )
            .value(
                "status",
                r.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "role",
                Kind::RackRoles,
                node.role
                    .map(|role| model.rack_roles[role.index()].data.name.value.clone()),
                at(object, r.role.as_ref()),
            )
            .reference(
                "rack_type",
                Kind::RackTypes,
                node.rack_type
                    .map(|t| model.rack_types[t.index()].data.slug.value.clone()),
                at(object, r.rack_type.as_ref()),
            )
            .value_maybe_at("u_height", geometry.height, at(object, r.u_height.as_ref()))
            .value("starting_unit", geometry.first)
            .value("desc_units", geometry.desc_units)
            .value("width", geometry.width)
            .text(
                "facility_id",
                r.facility_id.as_ref().map(|f| f.value.as_str()),
            )
            .text("serial", r.serial.as_deref())
            .value("asset_tag", r.asset_tag.as_ref().map(|t| t.value.as_str()))
            .text("description", r.description.as_deref())
            .tags(&r.tags)
            .custom_fields(&defs, "dcim.rack", &r.custom_fields);
        // A rack of a type takes these from it in NetBox (`copy_racktype_attrs`): they are
        // the rack's own only without a type.
        if node.rack_type.is_none() {
            super::racks::physical(&mut d, r);
        }
        out.push(d);
    }
}

fn devices(graph: &Graph, out: &mut Vec<Desired>) {
    let defs = super::custom_fields::Definitions::new(graph);
    let model = &graph.model;
    for (index, object) in model.devices.iter().enumerate() {
        let id = DeviceId::from_index(index);
        let x = &object.data;
        // An unnamed device is matched by its label (`Graph::device_name`, made of what
        // places it in NetBox: `unnamed_keys` makes the same from NetBox's copy).
        let node = &graph.devices[index];
        let site = site_name(graph, node.site);
        let key = device_key(graph, id);
        let mut d = Desired::new(Kind::Devices, key.clone(), site.clone(), object.location());
        d.value("name", x.name.as_ref().map(|n| n.value.as_str()))
            .reference(
                "device_type",
                Kind::DeviceTypes,
                node.device_type.map(|t| device_type_key(graph, t)),
                Some(object.at(&x.device_type)),
            )
            .reference(
                "role",
                Kind::DeviceRoles,
                node.role
                    .map(|r| model.device_roles[r.index()].data.name.value.clone()),
                Some(object.at(&x.role)),
            )
            .reference("site", Kind::Sites, site.clone(), Some(object.at(&x.site)))
            .reference(
                "location",
                Kind::Locations,
                // NetBox gives a racked device its rack's location.
                node.location
                    .or_else(|| node.rack.and_then(|r| graph.racks[r.index()].location))
                    .map(|l| super::organisation::location_key(graph, site.as_deref(), l)),
                at(object, x.location.as_ref()),
            )
            .reference(
                "rack",
                Kind::Racks,
                node.rack
                    .map(|r| in_site(site.as_deref(), &model.racks[r.index()].data.name)),
                at(object, x.rack.as_ref()),
            )
            .value(
                "face",
                x.face.as_ref().map(|f| f.value.as_str()).unwrap_or(""),
            )
            .value(
                "status",
                x.status.as_ref().map_or("active", |s| s.value.as_str()),
            )
            .reference(
                "platform",
                Kind::Platforms,
                node.platform
                    .map(|p| model.platforms[p.index()].data.name.value.clone()),
                at(object, x.platform.as_ref()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                node.tenant
                    .map(|t| model.tenants[t.index()].data.name.value.clone()),
                at(object, x.tenant.as_ref()),
            )
            .reference(
                "cluster",
                Kind::Clusters,
                node.cluster
                    .map(|c| model.clusters[c.index()].data.name.value.clone()),
                at(object, x.cluster.as_ref()),
            )
            .text("serial", x.serial.as_deref())
            .value("asset_tag", x.asset_tag.as_ref().map(|a| a.value.as_str()))
            .value("latitude", x.latitude.as_ref().map(|l| l.value))
            .value("longitude", x.longitude.as_ref().map(|l| l.value))
            .text("description", x.description.as_deref())
            .text("comments", x.comments.as_deref())
            .value(
                "local_context_data",
                x.config_context.as_ref().map(|c| c.value.clone()),
            )
            .tags(&x.tags)
            .custom_fields(&defs, "dcim.device", &x.custom_fields);
        match &x.position {
            Some(position) => d.value_at("position", position.value, object.at(position)),
            None => d.value("position", Value::Null),
        };
        if let Some(airflow) = &x.airflow {
            d.value("airflow", airflow.value.as_str());
        }
        super::chassis::member_fields(graph, id, &mut d);
        out.push(d);
        for interface in graph.owner_interfaces(Owner::Device(id)) {
            out.push(interface_desired(
                graph,
                &defs,
                interface,
                Kind::Interfaces,
                &key,
                site.clone(),
            ));
        }
        super::components::desired(graph, id, object, &key, site.as_ref(), out);
        let mut primary = Desired::new(Kind::DevicePrimaryIps, key, site, object.location());
        primary
            .address(
                graph,
                "primary_ip4",
                node.primary_ip4,
                at(object, x.primary_ip4.as_ref()),
            )
            .address(
                graph,
                "primary_ip6",
                node.primary_ip6,
                at(object, x.primary_ip6.as_ref()),
            )
            .address(graph, "oob_ip", node.oob_ip, at(object, x.oob_ip.as_ref()));
        out.push(primary);
    }
}

/// An interface of a device or virtual machine, as its entry refines its template.
pub fn interface_desired(
    graph: &Graph,
    defs: &super::custom_fields::Definitions,
    interface: InterfaceId,
    kind: Kind,
    owner_key: &str,
    site: Option<String>,
) -> Desired {
    let model = &graph.model;
    let name = graph.interface_name(interface);
    let entry = graph.interface_entry(interface);
    let template = graph.interface_template(interface);
    let links = graph.links(interface);
    let location = graph.interface_location(interface);
    let mut d = Desired::new(kind, format!("{owner_key}:{name}"), site, location);
    let owner_field = if kind == Kind::Interfaces {
        "device"
    } else {
        "virtual_machine"
    };
    let owner_kind = if kind == Kind::Interfaces {
        Kind::Devices
    } else {
        Kind::VirtualMachines
    };
    let sibling = |i: Option<InterfaceId>| i.map(|i| interface_key(graph, i));
    d.reference(owner_field, owner_kind, Some(owner_key.to_string()), None)
        .value("name", name)
        .value("enabled", graph.interface_enabled(interface))
        .text("description", graph.interface_description(interface))
        .value("mtu", entry.and_then(|e| e.mtu.as_ref()).map(|m| m.value))
        .value(
            "mode",
            entry
                .and_then(|e| e.mode.as_ref())
                .map_or("", |m| m.value.as_str()),
        )
        .reference("parent", kind, sibling(links.parent), None)
        .reference("bridge", kind, sibling(links.bridge), None)
        .reference(
            "untagged_vlan",
            Kind::Vlans,
            links.untagged_vlan.map(|v| ipam::vlan_key(graph, v)),
            entry
                .and_then(|e| e.untagged_vlan.as_ref())
                .map(|v| crate::diag::Location::new(location.file, v.span)),
        )
        .references(
            "tagged_vlans",
            Kind::Vlans,
            links
                .tagged_vlans
                .iter()
                .map(|&v| ipam::vlan_key(graph, v))
                .collect(),
        )
        .reference(
            "vrf",
            Kind::Vrfs,
            links
                .vrf
                .map(|v| model.vrfs[v.index()].data.name.value.clone()),
            None,
        )
        .references(
            "tags",
            Kind::Tags,
            entry
                .map(|e| e.tags.iter().map(|t| t.value.clone()).collect())
                .unwrap_or_default(),
        );
    if kind == Kind::Interfaces {
        // NetBox names what it makes from a device type's template as the template does
        // (`ComponentTemplateModel.instantiate`; it does not renumber chassis members) and
        // what it makes from a module type's with `{module}` replaced: a renumbered or
        // renamed interface is that one, renamed.
        let module = graph.interface_module(interface);
        let made = match module {
            Some(_) => graph.interface_template_name(interface),
            None => template.map(|t| t.name.value.as_str()),
        };
        d.made_as = made
            .filter(|made| *made != name)
            .map(|made| format!("{owner_key}:{made}"));
        // A module's interface: its label resolved as its name (`resolve_label`).
        let positions = module
            .map(|m| graph.module_positions(m))
            .unwrap_or_default();
        let label = entry
            .and_then(|e| e.label.as_deref().map(String::as_str))
            .or_else(|| template.and_then(|t| t.label.as_deref()))
            .map(|l| crate::graph::module_ports::resolve_module_name(l, &positions));
        d.value(
            "type",
            graph
                .interface_kind(interface)
                .map_or("other", |k| k.as_str()),
        )
        .reference(
            "module",
            Kind::Modules,
            module.map(|m| super::modules::module_key(graph, m)),
            None,
        )
        .value("mgmt_only", graph.interface_mgmt_only(interface))
        .text("label", label.as_deref())
        .reference("lag", kind, sibling(links.lag), None)
        .value("speed", entry.and_then(|e| e.speed))
        .value(
            "duplex",
            entry.and_then(|e| e.duplex.as_deref().map(|d| d.value.as_str())),
        )
        .value("mark_connected", entry.is_some_and(|e| e.mark_connected))
        .value(
            "poe_mode",
            entry
                .and_then(|e| e.poe_mode.as_deref())
                .or(template.and_then(|t| t.poe_mode.as_ref()))
                .map(|m| m.value.as_str()),
        )
        .value(
            "poe_type",
            entry
                .and_then(|e| e.poe_type.as_deref())
                .or(template.and_then(|t| t.poe_type.as_ref()))
                .map(|t| t.value.as_str()),
        );
        super::wireless::interface_fields(graph, interface, &mut d);
    }
    let svlan = entry.and_then(|e| e.qinq_svlan.as_ref());
    d.reference(
        "qinq_svlan",
        Kind::Vlans,
        ipam::interface_svlan(graph, interface),
        svlan.map(|v| crate::diag::Location::new(location.file, v.span)),
    );
    if kind == Kind::Interfaces {
        d.references(
            "vdcs",
            Kind::VirtualDeviceContexts,
            super::vdcs::interface_vdcs(graph, interface),
        );
    }
    let policy = entry.and_then(|e| e.vlan_translation_policy.as_ref());
    d.reference(
        "vlan_translation_policy",
        Kind::VlanTranslationPolicies,
        policy.and_then(|p| {
            let id = graph.indexes.vlan_translation_policies.get(&p.value)?;
            Some(
                model.vlan_translation_policies[id.index()]
                    .data
                    .name
                    .value
                    .clone(),
            )
        }),
        policy.map(|p| crate::diag::Location::new(location.file, p.span)),
    );
    // A component NetBox made from the type holds the fields' defaults
    // (`_instantiate_components`), as one the repository adds without values does.
    let object_type = if kind == Kind::Interfaces {
        "dcim.interface"
    } else {
        "virtualization.vminterface"
    };
    let none = Default::default();
    d.custom_fields(defs, object_type, entry.map_or(&none, |e| &e.custom_fields));
    d
}

fn cables(graph: &Graph, out: &mut Vec<Desired>) {
    let model = &graph.model;
    for (index, object) in model.cables.iter().enumerate() {
        let node = &graph.cables[index];
        let (Some((a_kind, a)), Some((b_kind, b))) = (
            node.a.as_ref().and_then(|end| end_key(graph, end)),
            node.b.as_ref().and_then(|end| end_key(graph, end)),
        ) else {
            continue;
        };
        let c = &object.data;
        let site = site_name(
            graph,
            [&node.a, &node.b]
                .into_iter()
                .flatten()
                .find_map(|end| end.site(graph)),
        );
        let mut ends = [a.clone(), b.clone()];
        ends.sort();
        let mut d = Desired::new(
            Kind::Cables,
            format!("{} = {}", ends[0], ends[1]),
            site,
            object.location(),
        );
        d.fields.push(super::Field {
            name: "a_terminations",
            want: Want::Ends(vec![(a_kind, a)]),
            at: Some(object.at(&c.a)),
        });
        d.fields.push(super::Field {
            name: "b_terminations",
            want: Want::Ends(vec![(b_kind, b)]),
            at: Some(object.at(&c.b)),
        });
        d.value("type", c.kind.as_ref().map_or("", |k| k.value.as_str()))
            .value(
                "status",
                c.status.as_ref().map_or("connected", |s| s.value.as_str()),
            )
            .text("label", c.label.as_deref())
            .value(
                "color",
                c.color
                    .as_deref()
                    .map_or(String::new(), |c| c.trim_start_matches('#').to_lowercase()),
            )
            .value("length", c.length.as_ref().map(|l| l.value))
            .value(
                "length_unit",
                c.length_unit.as_ref().map(|u| u.value.as_str()),
            )
            .reference(
                "tenant",
                Kind::Tenants,
                named(
                    &graph.indexes.tenants,
                    &model.tenants,
                    |t| &t.name,
                    c.tenant.as_ref(),
                ),
                at(object, c.tenant.as_ref()),
            )
            .text("description", c.description.as_deref())
            .tags(&c.tags);
        out.push(d);
    }
}

/// The NetBox kind and key of a cable's end: an interface, another port of a device or of
/// one of its modules, a power feed or a circuit termination. `None` for a termination on a
/// provider network, which is not pushed (docs/netbox.md): the cable is left out.
fn end_key(graph: &Graph, end: &CableTarget) -> Option<(Kind, String)> {
    Some(match end {
        CableTarget::Interface(i) => (Kind::Interfaces, interface_key(graph, *i)),
        CableTarget::Port { device, kind, name } => {
            if !graph.device_has_own_port(*device, *kind, name)
                && PortKind::from_termination(kind.as_str())
                    .is_none_or(|k| graph.module_port(*device, k, name).is_none())
            {
                return None;
            }
            (
                super::components::kind_of_termination(kind.as_str())?,
                format!("{}:{name}", device_key(graph, *device)),
            )
        }
        CableTarget::PowerFeed(feed) => (Kind::PowerFeeds, super::power::feed_key(graph, *feed)),
        CableTarget::CircuitTermination { circuit, side } => {
            let termination = graph.circuit_termination(*circuit, *side)?;
            if termination.provider_network.is_some() {
                return None;
            }
            let c = &graph.model.circuits[circuit.index()].data;
            let provider = named(
                &graph.indexes.providers,
                &graph.model.providers,
                |p| &p.name,
                Some(&c.provider),
            )
            .unwrap_or_default();
            (
                Kind::CircuitTerminations,
                format!("{provider}/{}/{}", c.cid.value, side.as_str()),
            )
        }
    })
}

pub fn site_name(graph: &Graph, site: Option<SiteId>) -> Option<String> {
    site.map(|s| graph.model.sites[s.index()].data.name.value.clone())
}

pub fn device_key(graph: &Graph, device: DeviceId) -> String {
    in_site(
        site_name(graph, graph.devices[device.index()].site).as_deref(),
        graph.device_name(device),
    )
}

pub fn device_type_key(graph: &Graph, id: DeviceTypeId) -> String {
    let t = &graph.model.device_types[id.index()].data;
    type_key(graph, &t.manufacturer, &t.model)
}

/// The key of a device or module type: `MANUFACTURER/MODEL`, the manufacturer by the name
/// its reference resolves to.
pub fn type_key(
    graph: &Graph,
    manufacturer: &crate::model::Text,
    model: &crate::model::Text,
) -> String {
    let manufacturer = manufacturer_name(graph, manufacturer).unwrap_or_default();
    format!("{manufacturer}/{}", model.value)
}

/// The name of the manufacturer a device or module type names.
pub fn manufacturer_name(graph: &Graph, manufacturer: &crate::model::Text) -> Option<String> {
    named(
        &graph.indexes.manufacturers,
        &graph.model.manufacturers,
        |m| &m.name,
        Some(manufacturer),
    )
}

/// `SITE/DEVICE:NAME`, or `VM:NAME`.
pub fn interface_key(graph: &Graph, interface: InterfaceId) -> String {
    let name = graph.interface_name(interface);
    match graph.interfaces[interface.index()].owner {
        Owner::Device(d) => format!("{}:{name}", device_key(graph, d)),
        Owner::VirtualMachine(v) => {
            format!(
                "{}:{name}",
                graph.model.virtual_machines[v.index()].data.name.value
            )
        }
    }
}

/// The key and site of a NetBox object of one of this module's kinds.
pub fn remote_key(
    kind: Kind,
    json: &Value,
    state: &State,
) -> Option<(Option<String>, Option<String>)> {
    let name = string(json, "name");
    Some(match kind {
        Kind::Manufacturers | Kind::DeviceRoles | Kind::Platforms => {
            (name.map(str::to_string), None)
        }
        Kind::DeviceTypes | Kind::ModuleTypes => {
            let manufacturer = state.ref_key(Kind::Manufacturers, json.get("manufacturer"));
            let model = string(json, "model");
            (
                manufacturer
                    .zip(model)
                    .map(|(m, model)| format!("{m}/{model}")),
                None,
            )
        }
        Kind::Racks | Kind::Devices | Kind::DevicePrimaryIps => {
            let site = state.ref_key(Kind::Sites, json.get("site"));
            (name.map(|n| in_site(site.as_deref(), n)), site)
        }
        Kind::Interfaces => {
            let device = state.ref_object(Kind::Devices, json.get("device"));
            (
                device
                    .and_then(|d| d.key.clone())
                    .zip(name)
                    .map(|(d, n)| format!("{d}:{n}")),
                device.and_then(|d| d.site.clone()),
            )
        }
        Kind::Cables => {
            let ends = |field: &str| -> Vec<(Option<String>, Option<String>)> {
                json.get(field)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|end| {
                        let kind = string(end, "object_type").and_then(Kind::of_object_type);
                        let id = end.get("object_id").and_then(Value::as_u64);
                        let remote = kind.zip(id).and_then(|(k, id)| state.kind(k).by_id(id));
                        (
                            remote.and_then(|r| r.key.clone()),
                            remote.and_then(|r| r.site.clone()),
                        )
                    })
                    .collect()
            };
            let (a, b) = (ends("a_terminations"), ends("b_terminations"));
            let site = a.iter().chain(&b).find_map(|(_, s)| s.clone());
            let side = |list: &[(Option<String>, Option<String>)]| {
                list.iter()
                    .map(|(k, _)| k.clone())
                    .collect::<Option<Vec<String>>>()
                    .map(|k| k.join(","))
            };
            let key = side(&a)
                .zip(side(&b))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty())
                .map(|(a, b)| {
                    let mut ends = [a, b];
                    ends.sort();
                    format!("{} = {}", ends[0], ends[1])
                });
            (key, site)
        }
        _ => return None,
    })
}
