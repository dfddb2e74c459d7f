//! `NS04xx`: IPAM.

use crate::diag::rule::rules;

rules! {
    /// The same IP address is assigned twice in a VRF.
    ///
    /// ## What it does
    /// Reports an address (host part) that appears twice in the same VRF, or in the global
    /// table when `enforce_global_unique` is on, unless the VRF does not enforce uniqueness
    /// or every holder has a shared role (anycast, vip, vrrp, hsrp, glbp, carp), as NetBox's
    /// `IPAddress.clean`: one VRRP address and one plain address are a duplicate.
    ///
    /// ## Why is this bad?
    /// Two hosts answering to one address is an outage waiting to happen.
    ///
    /// ## Example
    /// ```yaml
    /// - {name: leaf1, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, ip_addresses: [{address: 10.0.0.1/24}]}]}
    /// - {name: leaf2, role: leaf, device_type: Acme/S1, site: ams1, interfaces: [{name: eth0, ip_addresses: [{address: 10.0.0.1/24}]}]}   # without role vrrp
    /// ```
    DUPLICATE_IP_ADDRESS = ("NS0401", "duplicate-ip-address", Error);

    /// The same prefix is defined twice in a VRF that enforces uniqueness.
    ///
    /// ## What it does
    /// Reports a prefix defined twice in one VRF whose `enforce_unique` is on, or in the
    /// global table when `enforce_global_unique` is on.
    ///
    /// ## Why is this bad?
    /// Two definitions disagree sooner or later on site, VLAN or role.
    ///
    /// ## Example
    /// ```yaml
    /// prefixes:
    ///   - {prefix: 10.1.0.0/24}
    ///   - {prefix: 10.1.0.0/24, site: ams1}
    /// ```
    DUPLICATE_PREFIX = ("NS0402", "duplicate-prefix", Error);

    /// An IP address lies in no prefix.
    ///
    /// ## What it does
    /// When `policy.require_parent_prefix` is on, reports addresses that no prefix of their
    /// VRF contains.
    ///
    /// ## Why is this bad?
    /// An address outside the plan has no owner, no VLAN and no gateway.
    ///
    /// ## Example
    /// ```yaml
    /// prefixes:
    ///   - {prefix: 10.0.0.0/24}
    /// ip_addresses:
    ///   - {address: 10.0.9.1/24}   # with `policy: {require_parent_prefix: true}`
    /// ```
    ORPHAN_IP_ADDRESS = ("NS0403", "orphan-ip-address", Error);

    /// A prefix lies in no containing prefix or aggregate.
    ///
    /// ## What it does
    /// When `policy.require_parent_prefix` is on, reports prefixes that are neither inside
    /// another prefix of their VRF nor inside an aggregate.
    ///
    /// ## Why is this bad?
    /// Address space allocated outside the plan is invisible to capacity planning.
    ///
    /// ## Example
    /// ```yaml
    /// aggregates:
    ///   - {prefix: 10.0.0.0/8, rir: rfc1918}
    /// prefixes:
    ///   - {prefix: 172.16.0.0/24}   # with `policy: {require_parent_prefix: true}`
    /// ```
    ORPHAN_PREFIX = ("NS0404", "orphan-prefix", Error);

    /// An IP address's mask disagrees with its prefix.
    ///
    /// ## What it does
    /// When `policy.netbox_departures.mask_mismatch` is on (NetBox has no such rule, so it
    /// is off by default), reports an address whose prefix length differs from that of the
    /// most specific prefix containing it, unless that prefix is a container or a pool, or
    /// the address is a host route (/32, /128) or an anycast, VIP or loopback role.
    ///
    /// ## Why is this bad?
    /// `10.1.0.5/16` inside `10.1.0.0/24` configures the wrong subnet on the host.
    ///
    /// ## Example
    /// ```yaml
    /// prefixes:
    ///   - {prefix: 10.1.0.0/24}
    /// ip_addresses:
    ///   - {address: 10.1.0.5/16}
    /// ```
    /// with `policy: {netbox_departures: {mask_mismatch: true}}` in `netsot.yaml`.
    MASK_MISMATCH = ("NS0405", "mask-mismatch", Error);

    /// An IPv4 network or broadcast address is used as a host address.
    ///
    /// ## What it does
    /// Reports IPv4 addresses assigned to an interface that are the network or broadcast
    /// address of their own mask, except in /31 and /32, as NetBox 4.4's `IPAddress.clean`;
    /// an address assigned to nothing may be one (NetBox refuses IPv6 network addresses on
    /// an interface too, except in /127 and /128; netsot accepts them).
    ///
    /// ## Why is this bad?
    /// Such an address cannot be used by a host.
    ///
    /// ## Example
    /// ```yaml
    ///     interfaces:
    ///       - name: eth0
    ///         ip_addresses:
    ///           - {address: 10.1.0.0/24}   # the network address
    ///       - name: eth1
    ///         ip_addresses:
    ///           - {address: 10.1.1.255/24}   # the broadcast address
    /// ```
    NETWORK_OR_BROADCAST_ADDRESS = ("NS0406", "network-or-broadcast-address", Error);

    /// An IP range has bounds that do not make a range.
    ///
    /// ## What it does
    /// Reports an IP range whose start is after its end, whose bounds are of different
    /// families or masks, or whose bounds lie in different subnets of their mask.
    ///
    /// ## Why is this bad?
    /// DHCP pools built from such ranges would be wrong. NetBox refuses bounds of different
    /// families or masks, or in the wrong order; it accepts bounds in different subnets,
    /// which netsot refuses since a pool lives in one subnet.
    ///
    /// ## Example
    /// ```yaml
    /// ip_ranges:
    ///   - {start_address: 10.0.0.200/24, end_address: 10.0.0.100/24}
    /// ```
    INVALID_IP_RANGE = ("NS0407", "invalid-ip-range", Error);

    /// Two IP ranges overlap in one VRF.
    ///
    /// ## What it does
    /// Reports IP ranges of the same VRF that share addresses, with the other range labelled.
    ///
    /// ## Why is this bad?
    /// Two DHCP pools handing out the same addresses cause conflicts.
    ///
    /// ## Example
    /// ```yaml
    /// ip_ranges:
    ///   - {start_address: 10.0.0.10/24, end_address: 10.0.0.50/24}
    ///   - {start_address: 10.0.0.40/24, end_address: 10.0.0.90/24}
    /// ```
    OVERLAPPING_IP_RANGES = ("NS0408", "overlapping-ip-ranges", Error);

    /// An IP address lies in a prefix of another VRF only.
    ///
    /// ## What it does
    /// When `policy.netbox_departures.vrf_mismatch` is on (NetBox has no such rule, so it is
    /// off by default), reports an address that no prefix of its own VRF contains, while a
    /// prefix of another VRF does: usually a forgotten or wrong `vrf`.
    ///
    /// ## Why is this bad?
    /// The address is checked for duplicates in the wrong table and rendered into the wrong view.
    ///
    /// ## Example
    /// ```yaml
    /// prefixes:
    ///   - {prefix: 10.9.0.0/24, vrf: prod}
    /// ip_addresses:
    ///   - {address: 10.9.0.5/24}   # without `vrf: prod`
    /// ```
    /// with `policy: {netbox_departures: {vrf_mismatch: true}}` in `netsot.yaml`.
    VRF_MISMATCH = ("NS0409", "vrf-mismatch", Error);

    /// Two aggregates overlap.
    ///
    /// ## What it does
    /// Reports aggregates that share addresses, as NetBox refuses them.
    ///
    /// ## Why is this bad?
    /// Aggregates are the top of the address plan; an overlap means two owners for the same space.
    ///
    /// ## Example
    /// ```yaml
    /// aggregates:
    ///   - {prefix: 10.0.0.0/8, rir: rfc1918}
    ///   - {prefix: 10.1.0.0/16, rir: rfc1918}
    /// ```
    OVERLAPPING_AGGREGATES = ("NS0410", "overlapping-aggregates", Error);

    /// A prefix, aggregate or IP address has a mask of length 0.
    ///
    /// ## What it does
    /// Reports prefixes, aggregates and IP addresses written with `/0`, as NetBox's
    /// `Prefix.clean`, `Aggregate.clean` and `IPAddress.clean` refuse them.
    ///
    /// ## Why is this bad?
    /// A `/0` is the whole address family: as a prefix it contains every other prefix, and
    /// as an address's mask it makes every address on the link its neighbour.
    ///
    /// ## Example
    /// ```yaml
    /// prefixes:
    ///   - {prefix: 0.0.0.0/0}
    /// ```
    ZERO_LENGTH_MASK = ("NS0415", "zero-length-mask", Error);

    /// An IP range holds more than 2^31-1 addresses.
    ///
    /// ## What it does
    /// Reports IP ranges whose size (end minus start, plus one) is above 2147483647, the
    /// most NetBox stores: `IPRange.clean` allows 2^32-1 (`MAX_SIZE`), but the range's
    /// `size` column is a PostgreSQL `integer`, and a larger range fails its save.
    ///
    /// ## Why is this bad?
    /// NetBox cannot hold such a range (it answers "integer out of range", HTTP 500), so the
    /// repository cannot be loaded into it; a range that large is a whole subnet and is
    /// better written as a prefix.
    ///
    /// ## Example
    /// ```yaml
    /// ip_ranges:
    ///   - {start_address: "2001:db8::1/64", end_address: "2001:db8::8000:0/64"}
    /// ```
    IP_RANGE_TOO_LARGE = ("NS0416", "ip-range-too-large", Error);

    /// An IPv4 address has the status `slaac`.
    ///
    /// ## What it does
    /// Reports IPv4 addresses with `status: slaac`, as NetBox's `IPAddress.clean` does.
    ///
    /// ## Why is this bad?
    /// Stateless address autoconfiguration (RFC 4862) exists only in IPv6; an IPv4 address
    /// with that status was given by DHCP or by hand, and tools that act on the status
    /// (DHCP reservations, monitoring) misread it.
    ///
    /// ## Example
    /// ```yaml
    /// ip_addresses:
    ///   - {address: 10.0.0.7/24, status: slaac}
    /// ```
    SLAAC_ON_IPV4 = ("NS0417", "slaac-on-ipv4", Error);

    /// An address lies inside an IP range marked populated.
    ///
    /// ## What it does
    /// Reports an address of a VRF that falls between the start and end of a range of the
    /// same VRF with `mark_populated: true` (NetBox's `IPAddress.clean`).
    ///
    /// ## Why is this bad?
    /// A populated range stands for addresses handed out elsewhere (a DHCP pool, a
    /// provider's block): it is used whole, and an address written inside it collides with
    /// one of them. NetBox refuses to create it.
    ///
    /// ## Example
    /// ```yaml
    /// ip_ranges:
    ///   - {start_address: 10.0.0.100/24, end_address: 10.0.0.199/24, mark_populated: true}
    /// ip_addresses:
    ///   - {address: 10.0.0.150/24}
    /// ```
    ADDRESS_IN_POPULATED_RANGE = ("NS0440", "address-in-populated-range", Error);

    /// An ASN range does not start below its end.
    ///
    /// ## What it does
    /// Reports an ASN range whose `end` is not above its `start`, as NetBox's
    /// `ASNRange.clean` does.
    ///
    /// ## Why is this bad?
    /// A range of one AS number, or one written backwards, is a typo in one of its bounds:
    /// the range the RIR assigned is not what the repository says, and NetBox refuses it
    /// ("Starting ASN must be lower than ending ASN").
    ///
    /// ## Example
    /// ```yaml
    /// - {name: Private 16-bit, rir: rfc6996, start: 65534, end: 64512}
    /// ```
    ASN_RANGE_START_NOT_BELOW_END = ("NS0428", "asn-range-start-not-below-end", Error);
    /// An interface's FHRP group priority is above 255.
    ///
    /// ## What it does
    /// Reports an entry of an interface's `fhrp_groups` whose `priority` is outside 0 to
    /// 255, the validators of NetBox's `FHRPGroupAssignment.priority`.
    ///
    /// ## Why is this bad?
    /// VRRP and HSRP carry the priority in one octet: no router can be configured with a
    /// larger one, and NetBox refuses the assignment.
    ///
    /// ## Example
    /// ```yaml
    ///         fhrp_groups:
    ///           - {group: gw-vrrp, priority: 300}
    /// ```
    FHRP_PRIORITY_OUT_OF_RANGE = ("NS0421", "fhrp-priority-out-of-range", Error);

    /// An interface is assigned to the same FHRP group twice.
    ///
    /// ## What it does
    /// Reports an interface whose `fhrp_groups` name one group more than once, NetBox's
    /// unique constraint on (interface, group) of `FHRPGroupAssignment`.
    ///
    /// ## Why is this bad?
    /// An interface has one priority in a group; two assignments give it two, and NetBox
    /// refuses the second.
    ///
    /// ## Example
    /// ```yaml
    ///         fhrp_groups:
    ///           - {group: gw-vrrp, priority: 200}
    ///           - {group: gw-vrrp, priority: 100}
    /// ```
    DUPLICATE_FHRP_ASSIGNMENT = ("NS0422", "duplicate-fhrp-assignment", Error);

    /// An FHRP group's `group_id` is above 32767.
    ///
    /// ## What it does
    /// Reports FHRP groups whose `group_id` does not fit NetBox's
    /// `PositiveSmallIntegerField` (0 to 32767).
    ///
    /// ## Why is this bad?
    /// NetBox refuses the group; no first-hop redundancy protocol numbers its groups that
    /// high.
    ///
    /// ## Example
    /// ```yaml
    /// fhrp_groups:
    ///   - {name: gw-vrrp, protocol: vrrp3, group_id: 40000}
    /// ```
    FHRP_GROUP_ID_OUT_OF_RANGE = ("NS0423", "fhrp-group-id-out-of-range", Error);

    /// An FHRP group's `group_id` is outside what its protocol carries.
    ///
    /// ## What it does
    /// Reports FHRP groups whose `group_id` their protocol cannot carry: VRRP's virtual
    /// router ID and CARP's VHID are 1 to 255 (RFC 5798, an octet where 0 is reserved),
    /// HSRP's group 0 to 4095 (version 2), GLBP's 0 to 1023. A netsot check: NetBox
    /// accepts any small integer.
    ///
    /// ## Why is this bad?
    /// The group cannot be configured on a router: the configuration rendered from it is
    /// refused, or truncated to another group that then collides with a neighbour's.
    ///
    /// ## Example
    /// ```yaml
    /// fhrp_groups:
    ///   - {name: gw-vrrp, protocol: vrrp3, group_id: 0}
    /// ```
    FHRP_GROUP_ID_FOR_PROTOCOL = ("NS0424", "fhrp-group-id-for-protocol", Warning);

    /// A prefix, VLAN group or cluster names more than one scope.
    ///
    /// ## What it does
    /// Reports an object that writes two of the scope keys (`region`, `site_group`,
    /// `site`, `location`, and for VLAN groups `rack`, `cluster_group`, `cluster`), at the
    /// second one.
    ///
    /// ## Why is this bad?
    /// NetBox 4.2+ scopes a prefix, VLAN group or cluster to one object (`scope_type` and
    /// `scope_id`): a prefix written with a region and a site says two things, and only one
    /// can reach NetBox. The narrower one is usually meant, and the region follows from
    /// the site anyway.
    ///
    /// ## Example
    /// ```yaml
    /// prefixes:
    ///   - {prefix: 10.1.0.0/16, region: eu, site: ams1}
    /// ```
    SEVERAL_SCOPES = ("NS0429", "several-scopes", Error);
}
