//! `NS03xx`: references.

use crate::diag::rule::rules;

rules! {
    /// A reference names no existing object.
    ///
    /// ## What it does
    /// Resolves every reference (a device's site, a cable end, an interface's VLAN) and
    /// reports those that match nothing, suggesting the closest existing names.
    ///
    /// ## Why is this bad?
    /// A dangling reference is almost always a typo; the relation it meant is lost.
    ///
    /// ## Example
    /// ```yaml
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams2}   # no site `ams2`; did you mean `ams1`?
    /// ```
    UNRESOLVED_REFERENCE = ("NS0301", "unresolved-reference", Error);

    /// A bare name matches objects in several sites or scopes.
    ///
    /// ## What it does
    /// Devices, racks, locations and VLANs are unique within their site. A bare name that is
    /// not in the referring object's own site but in several others is ambiguous; the
    /// message lists the candidates and the qualified form `SITE/NAME`. Names NetBox scopes
    /// otherwise (a region per parent, a tenant per group, a platform per manufacturer, a
    /// VLAN group per site, a cluster per group or site, a virtual machine per cluster) are
    /// ambiguous the same way when held in several scopes, and qualified as `SCOPE/NAME`.
    /// Devices of one name in one site for different tenants (NetBox allows them) cannot be
    /// told apart by a reference at all: one must be renamed before it is referenced.
    ///
    /// ## Why is this bad?
    /// netsot would have to guess which object is meant.
    ///
    /// ## Example
    /// ```yaml
    /// cables:
    ///   - {a: "leaf1:eth0", b: "leaf2:eth0"}   # leaf1 exists in ams1 and fra1
    /// ```
    AMBIGUOUS_REFERENCE = ("NS0302", "ambiguous-reference", Error);

    /// A reference names an object of the wrong kind.
    ///
    /// ## What it does
    /// Reports references that resolve but to an object that cannot play the role: an
    /// interface that is its own parent, LAG or bridge (as NetBox), and, when the team turns
    /// on `policy.netbox_departures.lag_type` or `bridge_type`, a LAG that is not of type
    /// `lag` or a bridge that is not of type `bridge`.
    ///
    /// ## Why is this bad?
    /// The configuration rendered from such relations would be wrong. NetBox refuses an
    /// interface as its own parent or LAG, and its forms offer only LAG interfaces as a LAG;
    /// its model and API do not check the LAG's or the bridge's type, hence the switches
    /// (off by default).
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, lag: eth1}]}   # eth1 is not a LAG
    /// ```
    /// with `policy: {netbox_departures: {lag_type: true, bridge_type: true}}` in `netsot.yaml`.
    WRONG_KIND_REFERENCE = ("NS0303", "wrong-kind-reference", Error);

    /// An object refers to something in another site.
    ///
    /// ## What it does
    /// Reports a device in a rack or location of another site, a rack in a location of
    /// another site, and a prefix or VLAN group scoped to a site other than its own.
    ///
    /// ## Why is this bad?
    /// NetBox refuses it: a rack cannot hold a device that is somewhere else.
    ///
    /// ## Example
    /// ```yaml
    /// racks:
    ///   - {name: r9, site: fra1}
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, rack: r9}
    /// ```
    CROSS_SITE_REFERENCE = ("NS0304", "cross-site-reference", Error);

    /// An interface uses a VLAN that is out of its scope.
    ///
    /// ## What it does
    /// Reports an untagged or tagged VLAN that belongs to another site, or to a VLAN group
    /// scoped to another site, than the interface's device.
    ///
    /// ## Why is this bad?
    /// NetBox only offers an interface the VLANs of its own site, of groups scoped to it,
    /// and global ones; VLAN 100 in Frankfurt is not VLAN 100 in Amsterdam.
    ///
    /// ## Example
    /// ```yaml
    /// vlans:
    ///   - {vid: 10, name: servers, site: fra1}
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, mode: access, untagged_vlan: servers}]}
    /// ```
    VLAN_OUT_OF_SCOPE = ("NS0305", "vlan-out-of-scope", Error);

    /// An interface relation crosses to another device.
    ///
    /// ## What it does
    /// Reports a `lag`, `parent` or `bridge` that names an interface of another device,
    /// unless both devices are members of one virtual chassis (`DEVICE:INTERFACE` naming the
    /// other member), as NetBox's `Interface.clean` allows.
    ///
    /// ## Why is this bad?
    /// A port channel or sub-interface exists on one box, or on one stack of boxes managed as
    /// one; NetBox refuses the relation across devices that share no virtual chassis.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, lag: "leaf2:po1"}]}
    /// - {name: leaf2, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: po1, type: lag}]}
    /// ```
    FOREIGN_INTERFACE = ("NS0306", "foreign-interface", Error);

    /// A primary IP is not assigned to one of the device's own interfaces.
    ///
    /// ## What it does
    /// Checks that `primary_ip4`, `primary_ip6` and `oob_ip` name an address assigned to an
    /// interface of the same device (or virtual machine), of the right family. As in NetBox's
    /// `Device.clean`, an interface of another member of the device's virtual chassis counts
    /// too, unless it is `mgmt_only`.
    ///
    /// ## Why is this bad?
    /// Monitoring and inventories reach the device at its primary IP; an address on another
    /// device sends them to the wrong box.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, primary_ip4: 10.0.0.2/32, interfaces: [{name: lo0, type: virtual, ip_addresses: [{address: 10.0.0.1/32}]}]}
    /// ```
    PRIMARY_IP_NOT_ON_DEVICE = ("NS0307", "primary-ip-not-on-device", Error);

    /// Objects form a parent cycle.
    ///
    /// ## What it does
    /// Reports a region, site group, location, tenant group or interface whose chain of
    /// parents leads back to itself.
    ///
    /// ## Why is this bad?
    /// A hierarchy with a cycle has no root; NetBox's tree cannot hold it.
    ///
    /// ## Example
    /// ```yaml
    /// regions:
    ///   - {name: eu, parent: west}
    ///   - {name: west, parent: eu}
    /// ```
    PARENT_CYCLE = ("NS0308", "parent-cycle", Error);

    /// A tag is applied to an object type it is not limited to.
    ///
    /// ## What it does
    /// A tag with `object_types` may be applied only to objects of those types (NetBox's
    /// `validate_assigned_tags`, `extras/signals.py`); a tag without them applies to any.
    /// Reports each application of a limited tag to an object of another type, at the tag's
    /// name in the object's `tags`.
    ///
    /// ## Why is this bad?
    /// The tag was limited so that it keeps its meaning (`drained` for devices only); NetBox
    /// refuses the object ("Tag drained cannot be assigned to prefix objects"), so a push
    /// fails.
    ///
    /// ## Example
    /// ```yaml
    /// tags:
    ///   - {name: drained, object_types: [dcim.device]}
    /// prefixes:
    ///   - {prefix: 10.0.0.0/24, tags: [drained]}   # a prefix, not a device
    /// ```
    TAG_NOT_FOR_OBJECT_TYPE = ("NS0309", "tag-not-for-object-type", Error);

    /// A device's rack stands in another location than the device.
    ///
    /// ## What it does
    /// Reports a device that names both a `location` and a `rack` when the rack's own
    /// `location` is another one (or none).
    ///
    /// ## Why is this bad?
    /// The rack decides where the device is; NetBox refuses the pair (`Device.clean`),
    /// and floor plans and cabling plans would disagree about the room.
    ///
    /// ## Example
    /// ```yaml
    /// racks:
    ///   - {name: r1, site: ams1, location: hall2}
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, location: hall1, rack: r1}   # r1 stands in hall2
    /// ```
    RACK_OUTSIDE_LOCATION = ("NS0313", "rack-outside-location", Error);

    /// A device or virtual machine is in a cluster of another site.
    ///
    /// ## What it does
    /// Reports a device whose `cluster` has a site other than the device's, and a virtual
    /// machine whose `site` differs from its cluster's.
    ///
    /// ## Why is this bad?
    /// A cluster's hosts and guests run where the cluster is; NetBox refuses both
    /// (`Device.clean`, `VirtualMachine.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// clusters:
    ///   - {name: c1, type: vmware, site: fra1}
    /// devices:
    ///   - {name: host1, role: leaf, device_type: Acme/S1, site: ams1, cluster: c1}
    /// ```
    CLUSTER_OUTSIDE_SITE = ("NS0314", "cluster-outside-site", Error);

    /// A virtual machine has neither a site nor a cluster.
    ///
    /// ## What it does
    /// Reports a virtual machine with no `site` and no `cluster`.
    ///
    /// ## Why is this bad?
    /// Nothing says where it runs; NetBox refuses it (`VirtualMachine.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// virtual_machines:
    ///   - {name: vm1, vcpus: 2}   # no site, no cluster
    /// ```
    VM_WITHOUT_SITE_OR_CLUSTER = ("NS0315", "vm-without-site-or-cluster", Error);

    /// A virtual machine names a host device but no cluster.
    ///
    /// ## What it does
    /// Reports a virtual machine with a `device` and no `cluster`.
    ///
    /// ## Why is this bad?
    /// A host runs guests as a member of a cluster; NetBox refuses a host without one
    /// (`VirtualMachine.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// virtual_machines:
    ///   - {name: vm1, site: ams1, device: host1}
    /// ```
    HOST_WITHOUT_CLUSTER = ("NS0316", "host-without-cluster", Error);

    /// A virtual machine's host device is not in the virtual machine's cluster.
    ///
    /// ## What it does
    /// Reports a virtual machine whose `device` is in another cluster than its `cluster`,
    /// or in none.
    ///
    /// ## Why is this bad?
    /// The guest would run on a host that is not part of its cluster; NetBox refuses it
    /// (`VirtualMachine.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// devices:
    ///   - {name: host1, role: leaf, device_type: Acme/S1, site: ams1, cluster: c2}
    /// virtual_machines:
    ///   - {name: vm1, site: ams1, cluster: c1, device: host1}
    /// ```
    HOST_OUTSIDE_CLUSTER = ("NS0317", "host-outside-cluster", Error);

    /// A device's platform belongs to another manufacturer than its type.
    ///
    /// ## What it does
    /// Reports a device whose `platform` is limited to a `manufacturer` other than the
    /// manufacturer of the device's type.
    ///
    /// ## Why is this bad?
    /// The platform drives automation (drivers, templates); a Juniper platform on an
    /// Arista box renders the wrong configuration. NetBox refuses it (`Device.clean`).
    ///
    /// ## Example
    /// ```yaml
    /// platforms:
    ///   - {name: junos, manufacturer: Juniper}
    /// devices:
    ///   - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, platform: junos}   # an Acme box
    /// ```
    PLATFORM_MANUFACTURER_MISMATCH = ("NS0318", "platform-manufacturer-mismatch", Error);
}
