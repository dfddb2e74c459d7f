//! Which hosts the `ansible` output holds, at which address, with which of NetBox's
//! variables and groups: the settings `nb_inventory` users know (`ansible_host` from the
//! primary or OOB address, a status filter, `group_by`, `ansible_network_os` and
//! `ansible_connection` from the platform, `primary_ip4`, `oob_ip`, `serial`,
//! `custom_fields`, `config_context`).

use std::borrow::Cow;
use std::net::IpAddr;

use serde_json::{json, Map, Value};

use super::Host;
use crate::graph::{Graph, IpId, Owner};
use crate::model::config::{AnsibleGroupBy, HostAddress, Output};

/// A host of the inventory and the address `ansible_host` is.
pub struct Selected<'a, 'g> {
    pub host: &'a Host<'g>,
    pub address: Option<IpAddr>,
}

/// The hosts of the inventory: those of the statuses asked for (`active` by default) and,
/// unless `hosts_without_address`, with the address asked for. Sorted by name, as `hosts`.
pub fn select<'a, 'g>(
    graph: &Graph,
    output: &Output,
    hosts: &'a [Host<'g>],
) -> Vec<Selected<'a, 'g>> {
    let statuses: Vec<&str> = match &output.statuses {
        Some(statuses) => statuses.iter().map(|s| s.value.as_str()).collect(),
        None => vec!["active"],
    };
    hosts
        .iter()
        .filter(|host| statuses.contains(&host.status))
        .filter_map(|host| {
            let address = address(graph, output, host);
            (address.is_some() || output.hosts_without_address)
                .then_some(Selected { host, address })
        })
        .collect()
}

fn address(graph: &Graph, output: &Output, host: &Host) -> Option<IpAddr> {
    super::address_of(
        graph,
        output.ansible_host.as_ref().map(|a| a.value),
        host.owner,
    )
    .map(|id| ip(graph, id))
}

fn ip(graph: &Graph, id: IpId) -> IpAddr {
    graph.ip_addresses[id.index()].address.addr()
}

fn oob_ip(graph: &Graph, host: &Host) -> Option<IpAddr> {
    super::address_of(graph, Some(HostAddress::named("oob")), host.owner).map(|id| ip(graph, id))
}

/// `ansible_network_os` and `ansible_connection` of well-known platforms, matched on the
/// platform's name or slug without regard to case. Network operating systems are reached
/// with `network_cli`; the output's `platforms` setting overrides or extends the table.
const WELL_KNOWN_PLATFORMS: &[(&[&str], &str)] = &[
    (&["eos", "arista-eos"], "arista.eos.eos"),
    (
        &["ios", "cisco-ios", "iosxe", "ios-xe", "cisco-ios-xe"],
        "cisco.ios.ios",
    ),
    (&["iosxr", "ios-xr", "cisco-ios-xr"], "cisco.iosxr.iosxr"),
    (
        &["nxos", "nx-os", "cisco-nxos", "cisco-nx-os"],
        "cisco.nxos.nxos",
    ),
    (&["junos", "juniper-junos"], "junipernetworks.junos.junos"),
    (&["vyos"], "vyos.vyos.vyos"),
    (
        &["routeros", "mikrotik-routeros"],
        "community.routeros.routeros",
    ),
    (
        &["os10", "dellos10", "dell-os10"],
        "dellemc.enterprise_sonic.sonic",
    ),
    (&["frr", "frrouting"], "frr.frr.frr"),
];

const NETWORK_CLI: &str = "ansible.netcommon.network_cli";

/// The connection variables of a platform: the output's own entry, else the table's.
fn connection(output: &Output, graph: &Graph, host: &Host) -> (Option<String>, Option<String>) {
    let Some(platform) = host.platform else {
        return (None, None);
    };
    if let Some(entry) = output.platforms.get(platform) {
        return (entry.network_os.clone(), entry.connection.clone());
    }
    let slug = graph
        .model
        .platforms
        .iter()
        .find(|p| p.data.name.value == platform)
        .and_then(|p| p.data.slug.as_ref())
        .map(|s| s.value.as_str());
    let known = WELL_KNOWN_PLATFORMS.iter().find(|(names, _)| {
        names.iter().any(|n| {
            n.eq_ignore_ascii_case(platform) || slug.is_some_and(|s| n.eq_ignore_ascii_case(s))
        })
    });
    match known {
        Some((_, os)) => (Some((*os).to_string()), Some(NETWORK_CLI.to_string())),
        None => (None, None),
    }
}

/// The variables `nb_inventory` gives a host, under NetBox's names, and the connection
/// variables of its platform.
pub fn netbox_vars(graph: &Graph, output: &Output, selected: &Selected) -> Map<String, Value> {
    let host = selected.host;
    let mut vars = Map::new();
    if let Some(address) = selected.address {
        vars.insert("ansible_host".into(), json!(address.to_string()));
    }
    let (network_os, connection) = connection(output, graph, host);
    if let Some(os) = network_os {
        vars.insert("ansible_network_os".into(), json!(os));
    }
    if let Some(connection) = connection {
        vars.insert("ansible_connection".into(), json!(connection));
    }
    if let Some(a) = host.primary_ip4 {
        vars.insert("primary_ip4".into(), json!(a.to_string()));
    }
    if let Some(a) = host.primary_ip6 {
        vars.insert("primary_ip6".into(), json!(a.to_string()));
    }
    if let Some(a) = oob_ip(graph, host) {
        vars.insert("oob_ip".into(), json!(a.to_string()));
    }
    vars.insert(
        "is_virtual".into(),
        json!(matches!(host.owner, Owner::VirtualMachine(_))),
    );
    if let Owner::Device(d) = host.owner {
        let data = &graph.model.devices[d.index()].data;
        if let Some(serial) = data.serial.as_deref().filter(|s| !s.is_empty()) {
            vars.insert("serial".into(), json!(serial));
        }
        if let Some(tag) = data.asset_tag.as_ref() {
            vars.insert("asset_tag".into(), json!(tag.value));
        }
    }
    if !host.custom_fields.is_empty() {
        vars.insert(
            "custom_fields".into(),
            serde_json::to_value(host.custom_fields).unwrap_or_default(),
        );
    }
    vars
}

/// The groups of a host for one grouping, as (prefix, name) pairs. Racks and locations
/// are named per site, so their names are qualified with the site's (`ams1 R1`).
pub fn groups<'g>(
    graph: &'g Graph,
    by: AnsibleGroupBy,
    host: &Host<'g>,
) -> Vec<(&'static str, Cow<'g, str>)> {
    let m = &graph.model;
    let device = match host.owner {
        Owner::Device(d) => Some(&graph.devices[d.index()]),
        Owner::VirtualMachine(_) => None,
    };
    let one = |prefix: &'static str, name: Option<&'g str>| {
        name.map(|n| vec![(prefix, Cow::Borrowed(n))])
            .unwrap_or_default()
    };
    let in_site = |prefix: &'static str, name: Option<&'g str>| match (host.site, name) {
        (Some(site), Some(name)) => vec![(prefix, Cow::Owned(format!("{site} {name}")))],
        (None, Some(name)) => vec![(prefix, Cow::Borrowed(name))],
        _ => Vec::new(),
    };
    match by.as_str() {
        "site" => one("site", host.site),
        "region" => one("region", host.region),
        "tenant" => one("tenant", host.tenant),
        "role" => one("role", host.role),
        "platform" => one("platform", host.platform),
        "status" => one("status", Some(host.status)),
        "tag" => host
            .tags
            .iter()
            .map(|t| ("tag", Cow::Borrowed(*t)))
            .collect(),
        "location" => in_site(
            "location",
            device
                .and_then(|d| d.location)
                .map(|l| m.locations[l.index()].data.name.value.as_str()),
        ),
        "rack" => in_site(
            "rack",
            device
                .and_then(|d| d.rack)
                .map(|r| m.racks[r.index()].data.name.value.as_str()),
        ),
        "device_type" => one(
            "device_type",
            device
                .and_then(|d| d.device_type)
                .map(|t| m.device_types[t.index()].data.model.value.as_str()),
        ),
        "manufacturer" => one(
            "manufacturer",
            device
                .and_then(|d| d.device_type)
                .map(|t| m.device_types[t.index()].data.manufacturer.value.as_str()),
        ),
        "cluster" => one(
            "cluster",
            match host.owner {
                Owner::Device(d) => graph.devices[d.index()].cluster,
                Owner::VirtualMachine(v) => graph.virtual_machines[v.index()].cluster,
            }
            .map(|c| m.clusters[c.index()].data.name.value.as_str()),
        ),
        _ => Vec::new(),
    }
}
