//! JSON views of resolved objects: what templates, `netsot show`, `netsot export` and the
//! inventory renderers see. A view names related objects by their names (never by
//! indexes), lists a device's interfaces with those instantiated from its type, and
//! carries the merged config context.
//!
//! Keys appear in a fixed order and absent values are `null`, so the JSON is stable for
//! scripts; docs/export.md documents the shape.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

mod components;
mod inventory;
mod vdcs;

use crate::context::Contexts;
use crate::graph::trace::{CableEnds, CablePath, PathEnd};
use crate::graph::{
    CableId, CableTarget, DeviceId, Graph, Id, InterfaceId, IpId, Owner, RegionId, ServiceId,
    SiteId, TagId, VirtualMachineId, VlanId,
};

/// Everything the views of one graph share: merged contexts and services by owner.
pub struct Views<'g> {
    pub graph: &'g Graph,
    pub contexts: Contexts<'g>,
    services: HashMap<Owner, Vec<ServiceId>>,
    /// The devices installed in each parent's device bays.
    children: HashMap<DeviceId, Vec<DeviceId>>,
    /// Every cable end, made on the first view that traces a path.
    cable_ends: std::sync::OnceLock<CableEnds>,
}

impl<'g> Views<'g> {
    pub fn new(graph: &'g Graph) -> Views<'g> {
        let mut services: HashMap<Owner, Vec<ServiceId>> = HashMap::new();
        for (i, service) in graph.services.iter().enumerate() {
            if let Some(owner) = service.owner {
                services
                    .entry(owner)
                    .or_default()
                    .push(ServiceId::from_index(i));
            }
        }
        let mut children: HashMap<DeviceId, Vec<DeviceId>> = HashMap::new();
        for (i, device) in graph.devices.iter().enumerate() {
            if let Some(parent) = device.parent {
                children
                    .entry(parent)
                    .or_default()
                    .push(DeviceId::from_index(i));
            }
        }
        Views {
            graph,
            contexts: Contexts::new(graph),
            services,
            children,
            cable_ends: std::sync::OnceLock::new(),
        }
    }

    /// Every cable end of the graph, to trace paths.
    pub fn cable_ends(&self) -> &CableEnds {
        self.cable_ends.get_or_init(|| CableEnds::new(self.graph))
    }

    /// A cable end, as NetBox's trace names it: its type, device (or circuit) and name.
    pub fn cable_end(&self, end: &CableTarget) -> Value {
        let g = self.graph;
        match end {
            CableTarget::Interface(i) => json!({
                "type": "interface",
                "device": g.owner_name(g.interfaces[i.index()].owner),
                "name": g.interface_name(*i),
            }),
            CableTarget::Port { device, kind, name } => json!({
                "type": kind.as_str(),
                "device": g.device(*device).name.as_ref().map(|n| &n.value),
                "name": name,
            }),
            CableTarget::CircuitTermination { circuit, side } => json!({
                "type": "circuit_termination",
                "circuit": g.model.circuits[circuit.index()].data.cid.value,
                "term_side": side.as_str(),
                "site": end.site(g).map(|s| g.model.sites[s.index()].data.name.value.clone()),
            }),
            CableTarget::PowerFeed(feed) => {
                let data = &g.model.power_feeds[feed.index()].data;
                json!({
                    "type": "power_feed",
                    "power_panel": data.power_panel.value,
                    "name": data.name.value,
                })
            }
        }
    }

    /// A cable, as NetBox's traced cable: label, type, status, color and length, with the
    /// ends as written.
    pub fn cable(&self, cable: CableId) -> Value {
        let data = &self.graph.model.cables[cable.index()].data;
        json!({
            "label": data.label,
            "type": data.kind.as_ref().map(|k| k.value.as_str()),
            "status": data.status.as_ref().map_or("connected", |s| s.value.as_str()),
            "color": data.color,
            "length": data.length,
            "length_unit": data.length_unit.as_ref().map(|u| u.value.as_str()),
            "a": data.a.value.to_string(),
            "b": data.b.value.to_string(),
        })
    }

    /// A traced path: NetBox's `/trace/` list of `[near ends, cable, far ends]` segments,
    /// with the path's flags.
    pub fn path(&self, path: &CablePath) -> Value {
        let g = self.graph;
        let segments: Vec<Value> = path
            .segments
            .iter()
            .map(|segment| {
                let far = match &segment.far {
                    Some(PathEnd::Termination(end)) => vec![self.cable_end(end)],
                    Some(PathEnd::Site(site)) => vec![json!({
                        "type": "site",
                        "name": g.model.sites[site.index()].data.name.value,
                    })],
                    None => Vec::new(),
                };
                // A wireless link takes the cable's place in its segment.
                let link = segment.wireless_link.map(|l| {
                    let data = &g.model.wireless_links[l.index()].data;
                    json!({
                        "type": "wireless_link",
                        "ssid": data.ssid.as_ref().map(|s| s.value.as_str()),
                        "status": data.status.as_ref().map_or("connected", |s| s.value.as_str()),
                        "a": data.interface_a.value.to_string(),
                        "b": data.interface_b.value.to_string(),
                    })
                });
                json!([
                    [self.cable_end(&segment.near)],
                    segment.cable.map(|c| self.cable(c)).or(link),
                    far,
                ])
            })
            .collect();
        json!({
            "path": segments,
            "is_complete": path.is_complete,
            "is_active": path.is_active,
            "is_split": path.is_split,
        })
    }

    /// The far end of the path leaving `end` (NetBox's `connected_endpoints`, here at most
    /// one) and whether every cable on the way is connected.
    fn connected_endpoints(&self, end: CableTarget) -> (Vec<String>, Option<bool>) {
        let g = self.graph;
        match crate::graph::trace::trace(g, self.cable_ends(), end) {
            Some(path) => match path.destination() {
                Some(destination) => (vec![destination.label(g)], Some(path.is_active)),
                None => (Vec::new(), None),
            },
            None => (Vec::new(), None),
        }
    }

    fn name_of<T>(&self, kind: Kind, index: Option<Id<T>>) -> Value {
        let m = &self.graph.model;
        let Some(i) = index.map(Id::index) else {
            return Value::Null;
        };
        let name = match kind {
            Kind::Site => &m.sites[i].data.name.value,
            Kind::Location => &m.locations[i].data.name.value,
            Kind::Rack => &m.racks[i].data.name.value,
            Kind::Role => &m.device_roles[i].data.name.value,
            Kind::Platform => &m.platforms[i].data.name.value,
            Kind::Tenant => &m.tenants[i].data.name.value,
            Kind::Cluster => &m.clusters[i].data.name.value,
            Kind::Region => &m.regions[i].data.name.value,
            Kind::VirtualChassis => &m.virtual_chassis[i].data.name.value,
        };
        Value::String(name.clone())
    }

    /// The site's name, for grouping.
    pub fn site_name(&self, owner: Owner) -> Option<&'g str> {
        let site = self.graph.owner_site(owner)?;
        Some(
            self.graph.model.sites[site.index()]
                .data
                .name
                .value
                .as_str(),
        )
    }

    fn tag_names(&self, tags: &[TagId]) -> Value {
        Value::Array(
            tags.iter()
                .map(|&t| Value::String(self.graph.model.tags[t.index()].data.name.value.clone()))
                .collect(),
        )
    }

    fn ip_text(&self, ip: Option<IpId>) -> Value {
        ip.map_or(Value::Null, |ip| {
            Value::String(self.graph.ip_addresses[ip.index()].address.to_string())
        })
    }

    /// One address, as seen from its interface.
    pub fn ip(&self, ip: IpId) -> Value {
        let g = self.graph;
        let node = &g.ip_addresses[ip.index()];
        let data = g.ip_data(ip);
        let vrf = |node: &crate::graph::IpNode| {
            node.vrf
                .map(|v| g.model.vrfs[v.index()].data.name.value.clone())
        };
        let mut value = json!({
            "address": node.address.to_string(),
            "vrf": vrf(node),
            "status": data.status.as_ref().map_or("active", |s| s.value.as_str()),
            "role": g.ip_role(ip).map(|r| r.as_str()),
            "dns_name": data.dns_name.as_ref().map(|n| n.value.clone()),
            "tenant": self.name_of(Kind::Tenant, node.tenant),
            "description": data.description,
            "tags": data.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>(),
        });
        // Only where there is one: most networks have no NAT.
        if let Some(inside) = g.ip_nat_inside(ip) {
            let inside = &g.ip_addresses[inside.index()];
            value["nat_inside"] = json!({
                "address": inside.address.to_string(),
                "vrf": vrf(inside),
            });
        }
        value
    }

    /// Every address of the graph, with what it is assigned to.
    pub fn ip_with_assignment(&self, ip: IpId) -> Value {
        let g = self.graph;
        let mut value = self.ip(ip);
        let node = &g.ip_addresses[ip.index()];
        if let Value::Object(map) = &mut value {
            let (kind, owner) = match g.ip_owner(ip) {
                Some(Owner::Device(d)) => ("device", Some(g.device_name(d).to_string())),
                Some(Owner::VirtualMachine(v)) => (
                    "virtual_machine",
                    Some(g.model.virtual_machines[v.index()].data.name.value.clone()),
                ),
                None => match g.ip_fhrp_group(ip) {
                    Some(group) => (
                        "fhrp_group",
                        Some(g.model.fhrp_groups[group.index()].data.name.value.clone()),
                    ),
                    None => ("", None),
                },
            };
            map.insert(
                "assigned_object_type".into(),
                if owner.is_some() {
                    Value::String(kind.into())
                } else {
                    Value::Null
                },
            );
            map.insert("assigned_object".into(), json!(owner));
            map.insert(
                "interface".into(),
                json!(node.interface.map(|i| g.interface_name(i).to_string())),
            );
        }
        value
    }

    fn interface(&self, interface: InterfaceId) -> Value {
        let g = self.graph;
        let node = &g.interfaces[interface.index()];
        let links = g.links(interface);
        let entry = g.interface_entry(interface);
        let template = g.interface_template(interface);
        let vlan = |v: VlanId| {
            let vlan = &g.model.vlans[v.index()].data;
            json!({"vid": vlan.vid.value, "name": vlan.name.value})
        };
        let wireless_peer = g
            .wireless_peer(interface)
            .map(|(_, peer)| g.interface_label(peer));
        let connected = wireless_peer.or_else(|| {
            node.cable().and_then(|c| {
                let cable = &g.cables[c.index()];
                let me = CableTarget::Interface(interface);
                let peer = if cable.a.as_ref() == Some(&me) {
                    cable.b.as_ref()
                } else {
                    cable.a.as_ref()
                }?;
                Some(peer.label(g))
            })
        });
        let (endpoints, reachable) = if connected.is_some() {
            self.connected_endpoints(CableTarget::Interface(interface))
        } else {
            (Vec::new(), None)
        };
        let mut view = json!({
            "name": g.interface_name(interface),
            "type": g.interface_kind(interface).map(|k| k.as_str()),
            "enabled": g.interface_enabled(interface),
            "mgmt_only": g.interface_mgmt_only(interface),
            "label": entry.and_then(|e| e.label.clone()),
            "description": g.interface_description(interface),
            "mtu": entry.and_then(|e| e.mtu.as_ref().map(|m| m.value)),
            "mac_address": entry.and_then(|e| e.mac_address.as_ref().map(|m| m.value.clone())),
            "mode": entry.and_then(|e| e.mode.as_ref().map(|m| m.value.as_str())),
            "poe_mode": entry
                .and_then(|e| e.poe_mode.as_deref())
                .or(template.and_then(|t| t.poe_mode.as_ref()))
                .map(|m| m.value.as_str()),
            "poe_type": entry
                .and_then(|e| e.poe_type.as_deref())
                .or(template.and_then(|t| t.poe_type.as_ref()))
                .map(|t| t.value.as_str()),
            "lag": links.lag.map(|i| g.interface_name(i)),
            "parent": links.parent.map(|i| g.interface_name(i)),
            "bridge": links.bridge.map(|i| g.interface_name(i)),
            "untagged_vlan": links.untagged_vlan.map(vlan),
            "tagged_vlans": links.tagged_vlans.iter().map(|&v| vlan(v)).collect::<Vec<_>>(),
            "qinq_svlan": entry.and_then(|e| e.qinq_svlan.as_ref()).and_then(|svlan| {
                // Found again by name as resolution found it: few interfaces have one, so
                // the graph does not keep it.
                let site = g.owner_site(node.owner);
                match g.indexes.vlans.lookup(site, &svlan.value, &g.indexes.sites) {
                    crate::graph::index::SiteLookup::Found(v) => Some(vlan(v)),
                    _ => None,
                }
            }),
            "vrf": links.vrf.map(|v| g.model.vrfs[v.index()].data.name.value.clone()),
            "connected_to": connected,
            "module": g.interface_module(interface).map(|m| g.module_data(m).bay.value.clone()),
            "connected_endpoints": endpoints,
            "connected_endpoints_reachable": reachable,
            "tags": entry.map(|e| e.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>()).unwrap_or_default(),
            "ip_addresses": links.ip_addresses.iter().map(|&ip| self.ip(ip)).collect::<Vec<_>>(),
            "fhrp_groups": self.fhrp_groups(interface),
        });
        if let Value::Object(map) = &mut view {
            for (key, value) in self.wireless(interface) {
                map.insert(key.into(), value);
            }
        }
        // Every MAC address assigned, the primary first (`docs/templates.md`).
        let macs: Vec<Value> = entry.map_or_else(Vec::new, |e| {
            e.all_mac_addresses()
                .into_iter()
                .map(|(mac, description, primary)| {
                    json!({"mac_address": mac.value, "description": description, "primary": primary})
                })
                .collect()
        });
        view["mac_addresses"] = Value::Array(macs);
        // Only where there are some: few interfaces join virtual device contexts.
        if !g.interface_vdcs.is_empty() {
            let vdcs = self.interface_vdcs(interface);
            if !vdcs.is_empty() {
                view["vdcs"] = Value::Array(vdcs);
            }
        }
        // Only where there is one: few interfaces translate VLANs.
        if let Some(policy) = entry.and_then(|e| e.vlan_translation_policy.as_ref()) {
            let policy = g
                .indexes
                .vlan_translation_policies
                .get(&policy.value)
                .map(|p| &g.model.vlan_translation_policies[p.index()].data);
            view["vlan_translation_policy"] = policy.map_or(Value::Null, |p| {
                json!({
                    "name": p.name.value,
                    "rules": p.rules.iter().map(|r| json!({
                        "local_vid": r.value.local_vid.value,
                        "remote_vid": r.value.remote_vid.value,
                    })).collect::<Vec<_>>(),
                })
            });
        }
        view
    }

    /// The FHRP groups an interface takes part in, with its priority and the groups'
    /// virtual addresses, so a template can render a VRRP or HSRP gateway.
    fn fhrp_groups(&self, interface: InterfaceId) -> Value {
        let g = self.graph;
        let links = g.links(interface);
        let Some(entry) = g.interface_entry(interface) else {
            return Value::Array(Vec::new());
        };
        Value::Array(
            links
                .fhrp_groups
                .iter()
                .map(|&(group, index)| {
                    let data = &g.model.fhrp_groups[group.index()].data;
                    let addresses = g.fhrp_groups[group.index()]
                        .ip_addresses
                        .iter()
                        .map(|&ip| self.ip(ip))
                        .collect::<Vec<_>>();
                    json!({
                        "name": data.name.value,
                        "protocol": data.protocol.value.as_str(),
                        "group_id": data.group_id.value,
                        "priority": entry.fhrp_groups[index as usize].value.priority.value,
                        "auth_type": data.auth_type.as_ref().map(|a| a.value.as_str()),
                        "auth_key": data.auth_key.as_ref().map(|k| k.value.clone()),
                        "description": data.description,
                        "ip_addresses": addresses,
                    })
                })
                .collect(),
        )
    }

    fn services_of(&self, owner: Owner) -> Value {
        let m = &self.graph.model;
        Value::Array(
            self.services
                .get(&owner)
                .into_iter()
                .flatten()
                .map(|&s| {
                    let service = &m.services[s.index()].data;
                    json!({
                        "name": service.name.value,
                        "protocol": service.protocol.value.as_str(),
                        "ports": service.ports.iter().map(|p| p.value).collect::<Vec<_>>(),
                        "ip_addresses": self.graph.services[s.index()].ip_addresses.iter()
                            .map(|&ip| self.graph.ip_addresses[ip.index()].address.to_string())
                            .collect::<Vec<_>>(),
                        "description": service.description,
                    })
                })
                .collect(),
        )
    }

    /// A device with its relations, interfaces, services and merged config context.
    pub fn device(&self, device: DeviceId) -> Value {
        self.assemble(Owner::Device(device), DEVICE_KEYS)
    }

    /// A virtual machine with its relations, interfaces, services and merged config context.
    pub fn virtual_machine(&self, vm: VirtualMachineId) -> Value {
        self.assemble(Owner::VirtualMachine(vm), VIRTUAL_MACHINE_KEYS)
    }

    /// Every key of an object's view in order; the config context is merged once for its
    /// two keys and power is worked out once for ports and outlets.
    fn assemble(&self, owner: Owner, keys: &[&str]) -> Value {
        let mut merged = None;
        let mut outlets = None;
        let mut map = Map::with_capacity(keys.len());
        for &key in keys {
            let value = match (key, owner) {
                ("config_context", _) => {
                    let m = merged.insert(self.contexts.merged(owner));
                    std::mem::take(&mut m.data)
                }
                ("config_context_sources", _) => match merged.take() {
                    Some(m) => json!(m.sources),
                    None => self.field(owner, key),
                },
                ("power_ports", Owner::Device(device)) => {
                    let (ports, power_outlets) = self.power(device);
                    outlets = Some(power_outlets);
                    ports
                }
                ("power_outlets", _) => match outlets.take() {
                    Some(outlets) => outlets,
                    None => self.field(owner, key),
                },
                _ => self.field(owner, key),
            };
            map.insert(key.into(), value);
        }
        Value::Object(map)
    }

    /// One key of a device's or virtual machine's view (`DEVICE_KEYS`,
    /// `VIRTUAL_MACHINE_KEYS`), worked out alone: templates convert only what they touch.
    /// `Null` for a key the object's view does not have.
    pub fn field(&self, owner: Owner, key: &str) -> Value {
        match owner {
            Owner::Device(device) => self.device_field(device, key),
            Owner::VirtualMachine(vm) => self.virtual_machine_field(vm, key),
        }
    }

    fn device_field(&self, device: DeviceId, key: &str) -> Value {
        let g = self.graph;
        let node = &g.devices[device.index()];
        let data = g.device(device);
        match key {
            // `null` for an unnamed device, as NetBox's API gives it.
            "name" => json!(data.name.as_ref().map(|name| name.value.as_str())),
            "status" => json!(status(data.status.as_ref().map(|s| s.value.as_str()))),
            "site" => self.name_of(Kind::Site, node.site),
            "region" => self.name_of(Kind::Region, self.region(node.site)),
            "location" => self.name_of(Kind::Location, node.location),
            "rack" => self.name_of(Kind::Rack, node.rack),
            "position" => json!(data.position.as_ref().map(|p| p.value)),
            "face" => json!(data.face.as_ref().map(|f| f.value.as_str())),
            "role" => self.name_of(Kind::Role, node.role),
            "device_type" => json!(node.device_type.map(|t| {
                let t = &g.model.device_types[t.index()].data;
                json!({
                    "manufacturer": t.manufacturer.value,
                    "model": t.model.value,
                    "slug": t.slug.as_ref().map(|s| s.value.clone()),
                    "u_height": t.height(),
                })
            })),
            "platform" => self.name_of(Kind::Platform, node.platform),
            "tenant" => self.name_of(Kind::Tenant, node.tenant),
            "cluster" => self.name_of(Kind::Cluster, node.cluster),
            "virtual_chassis" => self.name_of(Kind::VirtualChassis, node.virtual_chassis),
            "vc_position" => json!(data.vc_position.as_ref().map(|p| p.value)),
            "parent_device" => json!(data
                .parent_device
                .as_ref()
                .filter(|_| node.parent.is_some())
                .map(|p| { json!({"device": p.value.device.value, "bay": p.value.bay.value}) })),
            "device_bays" => self.device_bays(device),
            "modules" => self.modules(device),
            "inventory_items" => self.inventory_items(device),
            "virtual_device_contexts" => self.vdcs(device),
            "serial" => json!(data.serial),
            "asset_tag" => json!(data.asset_tag.as_ref().map(|a| a.value.clone())),
            "description" => json!(data.description),
            "comments" => json!(data.comments),
            "contacts" => json!(data
                .contacts
                .iter()
                .map(|c| json!({
                    "contact": c.value.contact.value,
                    "role": c.value.role.value,
                    "priority": c.value.priority.as_ref().map(|p| p.value.as_str()),
                }))
                .collect::<Vec<_>>()),
            "oob_ip" => self.ip_text(node.oob_ip),
            "power_ports" => self.power(device).0,
            "power_outlets" => self.power(device).1,
            _ => self.shared_field(
                Owner::Device(device),
                Shared {
                    tags: &node.tags,
                    custom_fields: &data.custom_fields,
                    primary_ip4: node.primary_ip4,
                    primary_ip6: node.primary_ip6,
                    interfaces: node.interfaces.clone(),
                },
                key,
            ),
        }
    }

    fn virtual_machine_field(&self, vm: VirtualMachineId, key: &str) -> Value {
        let g = self.graph;
        let node = &g.virtual_machines[vm.index()];
        let data = &g.model.virtual_machines[vm.index()].data;
        match key {
            "name" => json!(data.name.value),
            "status" => json!(status(data.status.as_ref().map(|s| s.value.as_str()))),
            "site" => self.name_of(Kind::Site, node.site),
            "region" => self.name_of(Kind::Region, self.region(node.site)),
            "cluster" => self.name_of(Kind::Cluster, node.cluster),
            "role" => self.name_of(Kind::Role, node.role),
            "platform" => self.name_of(Kind::Platform, node.platform),
            "tenant" => self.name_of(Kind::Tenant, node.tenant),
            "vcpus" => json!(data.vcpus),
            "memory" => json!(data.memory),
            "disk" => json!(data.disk_size()),
            "virtual_disks" => Value::Array(
                data.virtual_disks
                    .iter()
                    .map(|d| {
                        let d = &d.value;
                        let tags: Vec<&str> = d.tags.iter().map(|t| t.value.as_str()).collect();
                        json!({"name": d.name.value, "size": d.size.value, "description": d.description, "tags": tags})
                    })
                    .collect(),
            ),
            "description" => json!(data.description),
            "comments" => json!(data.comments),
            _ => self.shared_field(
                Owner::VirtualMachine(vm),
                Shared {
                    tags: &node.tags,
                    custom_fields: &data.custom_fields,
                    primary_ip4: node.primary_ip4,
                    primary_ip6: node.primary_ip6,
                    interfaces: node.interfaces.clone(),
                },
                key,
            ),
        }
    }

    /// The keys devices and virtual machines share.
    fn shared_field(&self, owner: Owner, shared: Shared, key: &str) -> Value {
        match key {
            "tags" => self.tag_names(shared.tags),
            "custom_fields" => json!(shared.custom_fields),
            "primary_ip4" => self.ip_text(shared.primary_ip4),
            "primary_ip6" => self.ip_text(shared.primary_ip6),
            "primary_ip" => self.ip_text(shared.primary_ip4.or(shared.primary_ip6)),
            "interfaces" => Value::Array(
                InterfaceId::range(shared.interfaces)
                    .map(|i| self.interface(i))
                    .collect(),
            ),
            "services" => self.services_of(owner),
            "config_context" => self.contexts.merged(owner).data,
            "config_context_sources" => json!(self.contexts.merged(owner).sources),
            _ => Value::Null,
        }
    }

    fn region(&self, site: Option<SiteId>) -> Option<RegionId> {
        site.and_then(|s| self.graph.sites[s.index()].region)
    }

    /// The whole graph: the collections as written (with defaults), devices and virtual
    /// machines as resolved views, and every address with its assignment.
    pub fn export(&self) -> Value {
        let g = self.graph;
        let mut map = match serde_json::to_value(&*g.model) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        map.insert(
            "devices".into(),
            Value::Array(
                DeviceId::all(g.devices.len())
                    .map(|d| self.device(d))
                    .collect(),
            ),
        );
        map.insert(
            "virtual_machines".into(),
            Value::Array(
                VirtualMachineId::all(g.virtual_machines.len())
                    .map(|v| self.virtual_machine(v))
                    .collect(),
            ),
        );
        let mut ips: Vec<IpId> = IpId::all(g.ip_addresses.len()).collect();
        ips.sort_by_key(|&ip| {
            let node = &g.ip_addresses[ip.index()];
            (g.vrf_name(node.vrf), node.address)
        });
        map.insert(
            "ip_addresses".into(),
            Value::Array(
                ips.into_iter()
                    .map(|ip| self.ip_with_assignment(ip))
                    .collect(),
            ),
        );
        let mut root = Map::new();
        root.insert("format".into(), json!("netsot-export"));
        root.insert("version".into(), json!(1));
        root.extend(map);
        Value::Object(root)
    }
}

/// The keys of a device's view, in the order `netsot show` and `netsot export` print them.
pub const DEVICE_KEYS: &[&str] = &[
    "name",
    "status",
    "site",
    "region",
    "location",
    "rack",
    "position",
    "face",
    "role",
    "device_type",
    "platform",
    "tenant",
    "cluster",
    "virtual_chassis",
    "vc_position",
    "parent_device",
    "device_bays",
    "modules",
    "inventory_items",
    "virtual_device_contexts",
    "serial",
    "asset_tag",
    "description",
    "comments",
    "contacts",
    "tags",
    "custom_fields",
    "primary_ip4",
    "primary_ip6",
    "primary_ip",
    "oob_ip",
    "interfaces",
    "services",
    "config_context",
    "config_context_sources",
    "power_ports",
    "power_outlets",
];

/// The keys of a virtual machine's view, in order.
pub const VIRTUAL_MACHINE_KEYS: &[&str] = &[
    "name",
    "status",
    "site",
    "region",
    "cluster",
    "role",
    "platform",
    "tenant",
    "vcpus",
    "memory",
    "disk",
    "virtual_disks",
    "description",
    "comments",
    "tags",
    "custom_fields",
    "primary_ip4",
    "primary_ip6",
    "primary_ip",
    "interfaces",
    "services",
    "config_context",
    "config_context_sources",
];

/// What the views of devices and virtual machines share.
struct Shared<'a> {
    tags: &'a [TagId],
    custom_fields: &'a crate::model::organisation::CustomFieldValues,
    primary_ip4: Option<IpId>,
    primary_ip6: Option<IpId>,
    interfaces: std::ops::Range<u32>,
}

#[derive(Clone, Copy)]
enum Kind {
    Site,
    Location,
    Rack,
    Role,
    Platform,
    Tenant,
    Cluster,
    Region,
    VirtualChassis,
}

/// NetBox's default status is `active`.
fn status(status: Option<&str>) -> &str {
    status.unwrap_or("active")
}
