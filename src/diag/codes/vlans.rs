//! `NS05xx`: VLANs.

use crate::diag::rule::rules;

rules! {
    /// A VLAN ID is outside 1 to 4094 or outside its group's range.
    ///
    /// ## What it does
    /// Checks every VID against 1-4094 and against the `vid_ranges` of its VLAN group.
    ///
    /// ## Why is this bad?
    /// Switches refuse such VLANs; a VID outside the group's range breaks the allocation plan.
    ///
    /// ## Example
    /// ```yaml
    /// vlans:
    ///   - {vid: 4095, name: bad, site: ams1}
    /// ```
    VID_OUT_OF_RANGE = ("NS0501", "vid-out-of-range", Error);

    /// Two VLANs share a VID or a name in one group or site.
    ///
    /// ## What it does
    /// Reports VLANs with the same VID, or the same name, in the same VLAN group, or in the
    /// same site when they have no group, or both global.
    ///
    /// ## Why is this bad?
    /// Which VLAN an interface means becomes ambiguous. NetBox refuses a repeated VID or
    /// name within a VLAN group; NetBox 4.4 allows them in one site without a group and
    /// among global VLANs, where netsot refuses them too.
    ///
    /// ## Example
    /// ```yaml
    /// vlans:
    ///   - {vid: 10, name: servers, site: ams1}
    ///   - {vid: 10, name: storage, site: ams1}
    /// ```
    DUPLICATE_VLAN = ("NS0502", "duplicate-vlan", Error);

    /// An interface's VLANs do not fit its mode.
    ///
    /// ## What it does
    /// Reports tagged VLANs on an interface whose mode is not `tagged`, and VLANs on an
    /// interface without a mode, as NetBox clears or refuses them; and, when
    /// `policy.netbox_departures.untagged_also_tagged` is on (NetBox accepts it, so it is
    /// off by default), one VLAN both untagged and tagged on a port.
    ///
    /// ## Why is this bad?
    /// An access port carries one VLAN; a tagged list on it is intent that no switch applies.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, mode: access, tagged_vlans: [servers]}, {name: eth1, untagged_vlan: servers}]}
    /// ```
    INTERFACE_MODE_MISMATCH = ("NS0503", "interface-mode-mismatch", Error);

    /// A VLAN group's VID range is outside 1 to 4094 or ends before it starts.
    ///
    /// ## What it does
    /// Checks each `[start, end]` of a VLAN group's `vid_ranges` (and its `min_vid` and
    /// `max_vid`): both within 1-4094, the start at most the end, as NetBox's
    /// `VLANGroup.clean` requires.
    ///
    /// ## Why is this bad?
    /// VIDs 0 and 4095 are reserved by IEEE 802.1Q; a reversed range holds no VID, so every
    /// VLAN of the group would be refused.
    ///
    /// ## Example
    /// ```yaml
    /// vlan_groups:
    ///   - {name: fabric, vid_ranges: [[100, 10], [4000, 4095]]}
    /// ```
    INVALID_VID_RANGE = ("NS0504", "invalid-vid-range", Error);

    /// Two VID ranges of one VLAN group overlap.
    ///
    /// ## What it does
    /// Reports a range of a VLAN group's `vid_ranges` that shares VIDs with an earlier one,
    /// as NetBox's `VLANGroup.clean` refuses ("Ranges cannot overlap").
    ///
    /// ## Why is this bad?
    /// Overlapping ranges usually mean one was meant to be another block of the plan, and
    /// NetBox counts the group's VIDs by adding the ranges up, so the group's size is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// vlan_groups:
    ///   - {name: fabric, vid_ranges: [[100, 199], [150, 250]]}
    /// ```
    OVERLAPPING_VID_RANGES = ("NS0505", "overlapping-vid-ranges", Error);

    /// A VLAN names a service VLAN but is not a customer VLAN.
    ///
    /// ## What it does
    /// Reports a VLAN with `qinq_svlan` whose `qinq_role` is not `cvlan`, as NetBox's
    /// `VLAN.clean` does.
    ///
    /// ## Why is this bad?
    /// Only a customer VLAN travels inside a service VLAN (IEEE 802.1ad); a service VLAN
    /// or a plain VLAN with one is a half-written Q-in-Q design. NetBox refuses it ("Only
    /// Q-in-Q customer VLANs maybe assigned to a service VLAN").
    ///
    /// ## Example
    /// ```yaml
    /// - {vid: 100, name: cust-a, site: ams1, qinq_svlan: svc-1000}
    /// ```
    SERVICE_VLAN_ON_NON_CUSTOMER_VLAN = ("NS0506", "service-vlan-on-non-customer-vlan", Error);

    /// A customer VLAN names no service VLAN.
    ///
    /// ## What it does
    /// Reports a VLAN with `qinq_role: cvlan` and no `qinq_svlan`, as NetBox's `VLAN.clean`
    /// does.
    ///
    /// ## Why is this bad?
    /// A customer VLAN exists only inside a service VLAN; without one, the switch that
    /// pushes the outer tag is not told which. NetBox refuses it ("A Q-in-Q customer VLAN
    /// must be assigned to a service VLAN").
    ///
    /// ## Example
    /// ```yaml
    /// - {vid: 200, name: cust-b, site: ams1, qinq_role: cvlan}
    /// ```
    CUSTOMER_VLAN_WITHOUT_SERVICE_VLAN = ("NS0507", "customer-vlan-without-service-vlan", Error);

    /// An interface that is not in Q-in-Q mode names a service VLAN.
    ///
    /// ## What it does
    /// Reports an interface with `qinq_svlan` whose `mode` is not `q-in-q`, as NetBox's
    /// `BaseInterface.clean` does.
    ///
    /// ## Why is this bad?
    /// Only a Q-in-Q port pushes a service tag; on an access or tagged port the service
    /// VLAN is intent no switch applies. NetBox refuses it ("Only Q-in-Q interfaces may
    /// specify a service VLAN").
    ///
    /// ## Example
    /// ```yaml
    /// - {name: eth1, mode: tagged, qinq_svlan: svc-1000}
    /// ```
    SERVICE_VLAN_ON_NON_QINQ_INTERFACE = ("NS0508", "service-vlan-on-non-qinq-interface", Error);

    /// A VLAN's site is not a member of the site group its VLAN group is scoped to.
    ///
    /// ## What it does
    /// Reports a VLAN with a `site` whose `group` is scoped to a site group (`site_group:`)
    /// that the site is not a direct member of, as NetBox's `VLAN.clean` does.
    ///
    /// ## Why is this bad?
    /// A group scoped to a site group holds the VLANs of that group's sites; a VLAN of
    /// another site in it is offered to devices that cannot use it and hidden from those
    /// that can. NetBox refuses it ("The assigned site ... is not a member of the assigned
    /// group").
    ///
    /// ## Example
    /// ```yaml
    /// vlan_groups:
    ///   - {name: benelux-vlans, site_group: benelux}
    /// vlans:
    ///   - {vid: 10, name: servers, site: fra1, group: benelux-vlans}
    /// ```
    VLAN_SITE_OUTSIDE_GROUP_SCOPE = ("NS0509", "vlan-site-outside-group-scope", Error);
}
