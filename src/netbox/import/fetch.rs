//! Reading every list endpoint the import needs, a few at a time.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::Value;

use crate::netbox::client::{Client, NetboxError};

/// The endpoints read, in the order they are asked for (the big ones first, so the
/// parallel reads end together).
pub const ENDPOINTS: &[&str] = &[
    "dcim/interfaces",
    "ipam/ip-addresses",
    "dcim/devices",
    "dcim/cables",
    "dcim/interface-templates",
    "virtualization/interfaces",
    "virtualization/virtual-machines",
    "ipam/prefixes",
    "ipam/vlans",
    "dcim/console-ports",
    "dcim/console-server-ports",
    "dcim/power-ports",
    "dcim/power-outlets",
    "dcim/front-ports",
    "dcim/rear-ports",
    "dcim/device-bays",
    "dcim/virtual-device-contexts",
    "dcim/module-bays",
    "dcim/modules",
    "dcim/inventory-items",
    "dcim/console-port-templates",
    "dcim/console-server-port-templates",
    "dcim/power-port-templates",
    "dcim/power-outlet-templates",
    "dcim/front-port-templates",
    "dcim/rear-port-templates",
    "dcim/module-bay-templates",
    "dcim/device-bay-templates",
    "dcim/inventory-item-templates",
    "dcim/inventory-item-roles",
    "dcim/device-types",
    "dcim/module-types",
    "dcim/module-type-profiles",
    "dcim/manufacturers",
    "dcim/device-roles",
    "dcim/platforms",
    "dcim/racks",
    "dcim/rack-roles",
    "dcim/rack-types",
    "dcim/rack-reservations",
    "dcim/locations",
    "dcim/sites",
    "dcim/site-groups",
    "dcim/regions",
    "dcim/virtual-chassis",
    "dcim/power-panels",
    "dcim/power-feeds",
    "dcim/mac-addresses",
    "extras/tags",
    "extras/custom-fields",
    "extras/custom-field-choice-sets",
    "extras/config-context-profiles",
    "extras/config-contexts",
    "tenancy/tenants",
    "tenancy/tenant-groups",
    "tenancy/contacts",
    "tenancy/contact-groups",
    "tenancy/contact-roles",
    "tenancy/contact-assignments",
    "ipam/vrfs",
    "ipam/route-targets",
    "ipam/vlan-translation-policies",
    "ipam/vlan-translation-rules",
    "ipam/rirs",
    "ipam/aggregates",
    "ipam/asns",
    "ipam/asn-ranges",
    "ipam/ip-ranges",
    "ipam/vlan-groups",
    "ipam/roles",
    "ipam/services",
    "ipam/fhrp-groups",
    "ipam/fhrp-group-assignments",
    "ipam/l2vpns",
    "virtualization/cluster-types",
    "virtualization/cluster-groups",
    "virtualization/clusters",
    "virtualization/virtual-disks",
    "circuits/providers",
    "circuits/provider-accounts",
    "circuits/provider-networks",
    "circuits/circuit-types",
    "circuits/circuits",
    "circuits/circuit-terminations",
    "circuits/virtual-circuit-types",
    "circuits/virtual-circuits",
    "circuits/virtual-circuit-terminations",
    "circuits/circuit-groups",
    "circuits/circuit-group-assignments",
    "wireless/wireless-lan-groups",
    "wireless/wireless-lans",
    "wireless/wireless-links",
    "vpn/tunnels",
];

/// How many requests run at once: enough to hide NetBox's latency, few enough not to load
/// a shared NetBox (and its database) with a burst.
const PARALLEL: usize = 4;

/// The query an endpoint is read with: devices and virtual machines without their rendered
/// config context, which NetBox merges per object (slow) and the import does not need.
fn query(endpoint: &str) -> &'static str {
    match endpoint {
        "dcim/devices" | "virtualization/virtual-machines" => "?exclude=config_context",
        _ => "",
    }
}

/// Every object of every endpoint, by endpoint (`dcim/devices`).
pub struct Snapshot {
    lists: HashMap<&'static str, Vec<Value>>,
}

impl Snapshot {
    /// Reads every endpoint of [`ENDPOINTS`] from NetBox, `PARALLEL` at a time.
    pub fn read(client: &Client) -> Result<Snapshot, NetboxError> {
        let next = AtomicUsize::new(0);
        let results = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..PARALLEL {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&endpoint) = ENDPOINTS.get(i) else {
                        return;
                    };
                    let result = client.list(&format!("/api/{endpoint}/{}", query(endpoint)));
                    // A missing endpoint (404) is an app this NetBox lacks, not a failure.
                    let failed = matches!(&result, Err(e) if !matches!(e, NetboxError::Http { status: 404, .. }));
                    results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((endpoint, result));
                    if failed {
                        // The others stop at their next endpoint: one error ends the import.
                        next.store(ENDPOINTS.len(), Ordering::Relaxed);
                        return;
                    }
                });
            }
        });
        let mut lists = HashMap::new();
        let mut results = results
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The first endpoint's error in list order, so the message does not depend on timing.
        results.sort_by_key(|(endpoint, _)| ENDPOINTS.iter().position(|e| e == endpoint));
        for (endpoint, result) in results {
            match result {
                Ok(objects) => {
                    lists.insert(endpoint, objects);
                }
                // A NetBox without an optional app (or an older one) lacks some endpoints;
                // their objects cannot exist there, so there is nothing to carry.
                Err(NetboxError::Http { status: 404, .. }) => {
                    lists.insert(endpoint, Vec::new());
                }
                Err(error) => return Err(error),
            }
        }
        Ok(Snapshot { lists })
    }

    /// A snapshot from lists already read (tests, and files saved from the API).
    pub fn from_lists(lists: impl IntoIterator<Item = (&'static str, Vec<Value>)>) -> Snapshot {
        Snapshot {
            lists: lists.into_iter().collect(),
        }
    }

    /// The objects of an endpoint; none if it was not read.
    pub fn get(&self, endpoint: &str) -> &[Value] {
        self.lists.get(endpoint).map_or(&[], Vec::as_slice)
    }
}
