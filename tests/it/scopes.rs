//! Scopes beyond site (NetBox 4.2+): prefixes, VLAN groups and clusters scoped to a
//! region, site group, location (and for VLAN groups a rack or cluster); the VLANs NetBox
//! offers an interface (`VLANQuerySet.get_for_device`/`get_for_virtualmachine`) and the
//! cluster placement rules that depend on a cluster's scope.

use crate::support::{compile_path, netsot, render, repo};

/// Two regions with one site each, a hall with a rack in ams1, and a VLAN group scoped to
/// each kind of scope, with one VLAN each.
const BASE: &str = "regions: [{name: eu}, {name: nl, parent: eu}, {name: us}]
site_groups: [{name: benelux}]
sites:
  - {name: ams1, region: nl, group: benelux}
  - {name: nyc1, region: us}
locations:
  - {name: hall1, site: ams1}
  - {name: cage1, site: ams1, parent: hall1}
  - {name: hall2, site: ams1}
racks:
  - {name: r1, site: ams1, location: cage1}
device_roles: [{name: leaf}]
manufacturers: [{name: Acme}]
device_types:
  - {manufacturer: Acme, model: S1, interfaces: [{name: eth0, type: 1000base-t}]}
cluster_types: [{name: kvm}]
cluster_groups: [{name: prod}]
clusters:
  - {name: c-ams, type: kvm, group: prod, region: nl}
vlan_groups:
  - {name: eu-vlans, region: eu}
  - {name: benelux-vlans, site_group: benelux}
  - {name: hall1-vlans, location: ams1/hall1}
  - {name: r1-vlans, rack: ams1/r1}
  - {name: prod-vlans, cluster_group: prod}
  - {name: c-ams-vlans, cluster: c-ams}
vlans:
  - {vid: 10, name: eu-10, group: eu-vlans}
  - {vid: 11, name: benelux-11, group: benelux-vlans}
  - {vid: 12, name: hall1-12, group: hall1-vlans}
  - {vid: 13, name: r1-13, group: r1-vlans}
  - {vid: 14, name: prod-14, group: prod-vlans}
  - {vid: 15, name: c-ams-15, group: c-ams-vlans}
";

fn check(devices: &str) -> String {
    let data = format!("{BASE}{devices}");
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", &data)]);
    render(&compile_path(dir.path()))
}

fn tagged(vlans: &str) -> String {
    format!("{{name: eth0, mode: tagged, tagged_vlans: [{vlans}]}}")
}

#[test]
fn a_device_is_offered_the_vlans_of_groups_scoped_where_it_stands() {
    // In rack r1 of cage1 (inside hall1) of ams1 (region nl inside eu, group benelux):
    // every site-like scope covers it, the cluster scopes do not.
    let out = check(&format!(
        "devices:\n  - {{name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, location: cage1, rack: r1, interfaces: [{}]}}\n",
        tagged("eu-10, benelux-11, hall1-12, r1-13, prod-14, c-ams-15")
    ));
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("NS")).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(out.contains("VLAN `prod-14` is in group `prod-vlans`, scoped to cluster group `prod`, which `leaf1` is not in"), "{out}");
    assert!(
        out.contains("VLAN `c-ams-15` is in group `c-ams-vlans`, scoped to cluster `c-ams`"),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("NS0305 error data/a.yaml:")),
        "{out}"
    );
}

#[test]
fn a_device_elsewhere_is_not_offered_them() {
    // nyc1 is in region us: neither eu, benelux, hall1 nor r1 covers it; hall2 of ams1 is
    // outside hall1 (a location offers its VLANs to itself and what it contains).
    let out = check(&format!(
        "devices:\n  - {{name: leaf2, role: leaf, device_type: Acme/S1, site: nyc1, interfaces: [{}]}}\n  - {{name: leaf3, role: leaf, device_type: Acme/S1, site: ams1, location: hall2, interfaces: [{}]}}\n",
        tagged("eu-10, benelux-11, hall1-12, r1-13"),
        tagged("eu-10, benelux-11, hall1-12, r1-13")
    ));
    let count = |name: &str| out.matches(&format!("VLAN `{name}` is in group")).count();
    assert_eq!(count("eu-10"), 1, "{out}");
    assert_eq!(count("benelux-11"), 1, "{out}");
    assert_eq!(count("hall1-12"), 2, "{out}");
    assert_eq!(count("r1-13"), 2, "{out}");
    assert!(
        out.contains("scoped to region `eu`, which `leaf2` is not in"),
        "{out}"
    );
}

#[test]
fn a_virtual_machine_is_offered_its_clusters_scopes() {
    // vm1 runs in c-ams (group prod, scoped to region nl): its cluster, cluster group and
    // the cluster's region with its ancestors offer their VLANs; a location does not.
    let out = check(&format!(
        "virtual_machines:\n  - {{name: vm1, cluster: c-ams, interfaces: [{}]}}\n",
        tagged("eu-10, prod-14, c-ams-15, hall1-12")
    ));
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("NS")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(out.contains("VLAN `hall1-12` is in group `hall1-vlans`, scoped to location `ams1/hall1`, which `vm1` is not in"), "{out}");
}

#[test]
fn an_unknown_scope_is_reported_at_its_value() {
    let data = "sites: [{name: ams1}]
prefixes:
  - {prefix: 10.0.0.0/8, region: europe}
vlan_groups:
  - {name: g1, location: ams1/hall9}
cluster_types: [{name: kvm}]
clusters:
  - {name: c1, type: kvm, site_group: benelux}
";
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let out = render(&compile_path(dir.path()));
    assert!(
        out.contains("NS0301 error data/a.yaml:3:34: no region named `europe`"),
        "{out}"
    );
    assert!(
        out.contains("NS0301 error data/a.yaml:5:26: no location named `ams1/hall9`"),
        "{out}"
    );
    assert!(
        out.contains("NS0301 error data/a.yaml:8:39: no site group named `benelux`"),
        "{out}"
    );
}

#[test]
fn a_virtual_machine_takes_the_site_of_its_clusters_location() {
    // NetBox's `VirtualMachine.save` copies the cluster's cached `_site`, which a location
    // scope fills with the location's site; NS0314 then compares it with the VM's own.
    let data = "sites: [{name: ams1}, {name: fra1}]
locations: [{name: hall1, site: ams1}]
cluster_types: [{name: kvm}]
clusters:
  - {name: c1, type: kvm, location: ams1/hall1}
virtual_machines:
  - {name: vm1, cluster: c1}
  - {name: vm2, site: fra1, cluster: c1}
";
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    let out = render(&compile_path(dir.path()));
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("NS")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("NS0314 error data/a.yaml:8:"), "{out}");
    let output = netsot(
        &["show", "vm", "vm1", &dir.path().display().to_string()],
        dir.path(),
    );
    let view: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(view["site"], "ams1", "{view}");
}
