//! `NS0826`-`NS0835` and `NS0839`-`NS0842`: the `kea` DHCP output, part of the rendering
//! family (`NS08xx`).

use crate::diag::rule::rules;

rules! {
    /// An address meant to be handed out by DHCP that lies in no DHCP subnet.
    ///
    /// ## What it does
    /// For each `kea` output, reports an address with `status: dhcp` on an interface with a
    /// `mac_address` when no prefix of its VRF whose role is in `dhcp.prefix_roles` holds
    /// it: its reservation would be written nowhere.
    ///
    /// ## Why is this bad?
    /// The host would boot, ask for its address and get none (or a pool's), while the data
    /// says it has one. Usually the prefix lacks its DHCP role, or the address is a typo.
    ///
    /// ## Example
    /// ```yaml
    ///         mac_address: "52:54:00:00:00:01"
    ///         ip_addresses:
    ///           - {address: 10.1.20.5/24, status: dhcp}   # 10.1.20.0/24 is not a DHCP prefix
    /// ```
    /// Give the prefix a role of `dhcp.prefix_roles`, or move the address into a DHCP prefix.
    DHCP_RESERVATION_OUTSIDE_SUBNET = ("NS0826", "dhcp-reservation-outside-subnet", Error);

    /// Two reservations of one DHCP subnet for the same MAC address.
    ///
    /// ## What it does
    /// Reports the second interface whose `mac_address` already has a reservation in the
    /// same subnet of a `kea` output, pointing at the first.
    ///
    /// ## Why is this bad?
    /// Kea refuses to load a subnet with two reservations for one hardware address (it
    /// could not tell which address to give), so the whole DHCP server would not start.
    ///
    /// ## Example
    /// ```yaml
    ///       - name: eth1
    ///         mac_address: "52:54:00:00:00:01"   # vm1's eth0 has this MAC too
    /// ```
    /// Correct the MAC address of one of the interfaces.
    DUPLICATE_DHCP_RESERVATION = ("NS0827", "duplicate-dhcp-reservation", Error);

    /// A reserved address inside a dynamic pool.
    ///
    /// ## What it does
    /// Warns when an address reserved for an interface's MAC address lies inside a pool (an
    /// IP range of a role in `dhcp.range_roles`) of its subnet.
    ///
    /// ## Why is this bad?
    /// Kea accepts in-pool reservations, but before the reserved host asks, the pool may
    /// lease the address to another client; Kea then gives the reserved host a pool address
    /// until the other lease ends. Out-of-pool reservations avoid the conflict.
    ///
    /// ## Example
    /// ```yaml
    ///           - {address: 10.1.10.150/24}   # inside the pool 10.1.10.100-10.1.10.199
    /// ```
    /// Reserve an address outside the pools, or shrink the pool.
    DHCP_RESERVATION_IN_POOL = ("NS0828", "dhcp-reservation-in-pool", Warning);

    /// A DHCP pool that no DHCP subnet holds.
    ///
    /// ## What it does
    /// Reports an IP range whose role is in `dhcp.range_roles` when no prefix of its VRF
    /// with a role of `dhcp.prefix_roles` holds both its ends.
    ///
    /// ## Why is this bad?
    /// A Kea pool belongs to a subnet; a pool outside every subnet could not be served, and
    /// one straddling a subnet's edge would hand out addresses of another network.
    ///
    /// ## Example
    /// ```yaml
    /// ip_ranges:
    ///   - {start_address: 10.1.20.100/24, end_address: 10.1.20.199/24, role: servers}
    /// ```
    /// Give the range's prefix a role of `dhcp.prefix_roles`, or move the range into one.
    DHCP_POOL_OUTSIDE_SUBNET = ("NS0829", "dhcp-pool-outside-subnet", Error);

    /// One subnet served twice by a DHCP output.
    ///
    /// ## What it does
    /// Reports a prefix with a role of `dhcp.prefix_roles` when another such prefix, in
    /// another VRF, is the same network.
    ///
    /// ## Why is this bad?
    /// One Kea server serves a network once: it refuses a configuration with two subnets of
    /// one prefix, and could not tell on which a client asks.
    ///
    /// ## Example
    /// ```yaml
    ///   - {prefix: 10.1.10.0/24, vrf: red, role: servers}   # and in the VRF blue
    /// ```
    /// Serve one of the two from another `kea` output, or remove its DHCP role.
    DUPLICATE_DHCP_SUBNET = ("NS0831", "duplicate-dhcp-subnet", Error);
    /// A DHCP option Kea does not know.
    ///
    /// ## What it does
    /// Reports an option of a `kea` output (its `dhcp.options`, a prefix's `options_field`
    /// custom field, or a config context's `context_key`) whose name is not one of Kea's
    /// standard options of its family, suggesting the closest.
    ///
    /// ## Why is this bad?
    /// Kea refuses a configuration naming an option it has no definition for, so the DHCP
    /// server would not start. DHCPv4 and DHCPv6 name their options differently
    /// (`domain-name-servers` against `dns-servers`).
    ///
    /// ## Example
    /// ```yaml
    ///     options:
    ///       dhcp4: {ntp-server: 10.1.10.123}   # ntp-servers
    /// ```
    /// Use Kea's name for the option (its "Standard DHCPv4 Options" table).
    UNKNOWN_DHCP_OPTION = ("NS0839", "unknown-dhcp-option", Error);

    /// A DHCP option whose value Kea would refuse.
    ///
    /// ## What it does
    /// Reports an option of a `kea` output whose value is not of the option's type: an
    /// address that is not one, a number out of its range, a boolean that is not `true` or
    /// `false`, several values for an option that takes one, or a value that is neither
    /// data nor `{data, always-send, never-send, csv-format}`. Options are grouped by family
    /// (`dhcp4`, `dhcp6`) where the family is not the subnet's.
    ///
    /// ## Why is this bad?
    /// Kea refuses a configuration with an option whose data does not parse, so the DHCP
    /// server would not start; `check` says which option of which file first.
    ///
    /// ## Example
    /// ```yaml
    ///     options:
    ///       dhcp4: {ntp-servers: 10.1.10.1234}
    /// ```
    /// Correct the value.
    INVALID_DHCP_OPTION = ("NS0840", "invalid-dhcp-option", Error);
}
