//! `NS08xx`: rendering.

use crate::diag::rule::rules;

rules! {
    /// An output path that is absolute, leaves the output folder, names no file, has a part
    /// longer than 255 bytes, is written twice, or is both a file and a folder.
    ///
    /// ## What it does
    /// Checks the `path` of every output of `netsot.yaml`, and every path a per-object
    /// template renders, before anything is written.
    ///
    /// ## Why is this bad?
    /// `netsot build` writes only inside its output folder (`--out`). A path such as
    /// `../etc/hosts` or `/etc/hosts` would write elsewhere, and two outputs writing one file
    /// would make the result depend on their order. A path that renders empty (`path: "."`)
    /// names the output folder itself, a part over 255 bytes is more than file systems
    /// take, and devices `zz` and `zz.cfg/inner` with `configs/{{ device.name }}.cfg` need
    /// `configs/zz.cfg` as a file and as a folder: found while writing, these would leave
    /// a half-written build.
    ///
    /// ## Example
    /// ```yaml
    /// outputs:
    ///   - {renderer: ansible, path: ../inventory.yaml}   # leaves the output folder
    /// ```
    /// Use a path inside the output folder, e.g. `ansible/inventory.yaml`.
    INVALID_OUTPUT_PATH = ("NS0801", "invalid-output-path", Error);

    /// A `dns_name` that lies in no configured forward zone.
    ///
    /// ## What it does
    /// For each `dns` output, looks for the zone each address's `dns_name` belongs to (the
    /// longest configured zone that is a suffix of the name). A name in no zone gets no A or
    /// AAAA record; the address's PTR record is still written when its reverse zone is
    /// configured.
    ///
    /// ## Why is this bad?
    /// Usually a typo in the name (`leaf1.ams1.exmaple.net`) or a zone missing from
    /// `netsot.yaml`: the name would silently not resolve. It is a warning because names
    /// in zones served elsewhere are legitimate.
    ///
    /// ## Example
    /// ```yaml
    /// ip_addresses:
    ///   - {address: 192.0.2.10/24, dns_name: host.exmaple.net}   # only example.net is configured
    /// ```
    /// Fix the name, or add its zone to the `dns` output.
    DNS_NAME_OUTSIDE_ZONES = ("NS0802", "dns-name-outside-zones", Warning);

    /// Two addresses claim the same reverse (PTR) record.
    ///
    /// ## What it does
    /// Reports an address that appears twice with a `dns_name` in one VRF (an anycast or
    /// VIP address with two names) so that one PTR name would point at two names. The
    /// same address in two VRFs is `ptr-across-vrfs` (NS0837).
    ///
    /// ## Why is this bad?
    /// A reverse lookup should give one answer; most resolvers and tools (SSH, syslog,
    /// traceroute) take the first and the answer changes between queries.
    ///
    /// ## Example
    /// ```yaml
    ///   - {address: 192.0.2.10/24, role: anycast, dns_name: a.example.net}
    ///   - {address: 192.0.2.10/24, role: anycast, dns_name: b.example.net}
    /// ```
    /// Give the name to one of the addresses only.
    DUPLICATE_PTR = ("NS0803", "duplicate-ptr", Error);

    /// A DNS zone of `netsot.yaml` that cannot be rendered.
    ///
    /// ## What it does
    /// Checks the zones of every `dns` output: addresses of name servers are IP addresses, reverse zones lie on octet
    /// (`in-addr.arpa`) or nibble (`ip6.arpa`) boundaries, a zone is configured once, and a
    /// zone has at least one name server.
    ///
    /// ## Why is this bad?
    /// `named-checkzone` and the DNS server would refuse the zone file.
    ///
    /// ## Example
    /// ```yaml
    /// zones:
    ///   - {name: example.net, primary_ns: ns1.example.net, admin: hostmaster.example.net}   # no `nameservers`
    /// ```
    /// List the zone's name servers. Names that break DNS rules are reported as
    /// `invalid-dns-name` (NS0108).
    INVALID_ZONE = ("NS0804", "invalid-zone", Error);

    /// A `dns_name` that is a wildcard (`*.example.net`), in a zone of a `dns` output.
    ///
    /// ## What it does
    /// Reports an address whose `dns_name` starts with the label `*` and lies in a zone or
    /// reverse zone of a `dns` output; it gets no records.
    ///
    /// ## Why is this bad?
    /// NetBox accepts the name, but as an A or AAAA record it answers for every name of the
    /// zone that is not listed, typos included, and its PTR record would name `*.example.net`.
    ///
    /// ## Example
    /// ```yaml
    /// - {address: 192.0.2.10/24, dns_name: "*.example.net"}
    /// ```
    /// Give the address its own name.
    WILDCARD_DNS_NAME = ("NS0805", "wildcard-dns-name", Error);

    /// A name that an output's consumer would read as syntax instead of a name.
    ///
    /// ## What it does
    /// Checks the names that become syntax in an output: the name of every host of an
    /// `ansible` output must be a plain host name (letters, digits, `-`, `_` and `.`, not
    /// starting with `-` or `.`); a tag of a host of a `prometheus` output must not hold
    /// `,`, the separator of the `tags` label.
    ///
    /// ## Why is this bad?
    /// Ansible reads an inventory's host names as patterns: `ams1-mon1:22` is the host
    /// `ams1-mon1` on port 22 (it silently replaces the real `ams1-mon1`'s address),
    /// `web[01:05]` is five hosts, `sw[1]` breaks the inventory. In Prometheus, a tag
    /// `monitored,critical` forges a match for `tags=~".*,critical,.*"`.
    ///
    /// ## Example
    /// ```yaml
    /// virtual_machines:
    ///   - {name: "ams1-mon1:22", site: ams1, tags: ["monitored,critical"]}
    /// ```
    /// Rename the object.
    UNSAFE_OUTPUT_NAME = ("NS0806", "unsafe-output-name", Error);

    /// Two objects whose names become one name in an output.
    ///
    /// ## What it does
    /// Reports, at both objects, two hosts of an `ansible` or `icinga2` output with the
    /// same name (a device and a virtual machine, or devices of two sites), and two sites, roles,
    /// platforms or tags whose Ansible group names are the same once Ansible's invalid
    /// characters are replaced by `_` (`a-b` and `a b` are both `tag_a_b`); and, at the
    /// host, a host named like a group (`all` and `ungrouped` included).
    ///
    /// ## Why is this bad?
    /// Ansible merges them: one host's variables replace the other's (credentials go to
    /// the wrong address), and a group holds hosts that were never meant to be in it;
    /// Icinga 2 refuses the whole configuration for two Host objects of one name. A
    /// host named like a group is dropped, and a host named `all` breaks the inventory.
    ///
    /// ## Example
    /// ```yaml
    /// tags:
    ///   - {name: a-b}
    ///   - {name: a b}
    /// ```
    /// Rename one of them.
    OUTPUT_NAME_COLLISION = ("NS0807", "output-name-collision", Error);

    /// The merged config contexts of a build would hold too many values.
    ///
    /// ## What it does
    /// Before rendering, adds up the values (scalars, lists and mappings) of every
    /// context that applies to each device and virtual machine, their own included, and
    /// stops the build past a budget: 16 Mi values, or 8 per byte of input if that is more.
    /// The context that adds the most is reported. Check-time, a single context whose
    /// aliases expand it far beyond its text is `yaml-too-complex` (NS0110).
    ///
    /// ## Why is this bad?
    /// Every object gets its own copy of what applies to it, so a context of moderate size
    /// scoped to every object of a large network takes the build's memory past what any
    /// machine holds.
    ///
    /// ## Example
    /// A context of about 59,000 values with no scope, so it applies to each of 300 devices:
    /// ```yaml
    /// config_contexts:
    ///   - name: everything
    ///     data:
    ///       r: &r [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]
    ///       t: &t [*r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r, *r]
    /// ```
    /// and a list `u` of 140 `*t`.
    /// Scope large contexts to the objects that read them, or keep shared data in one place.
    MERGED_CONTEXTS_TOO_LARGE = ("NS0808", "merged-contexts-too-large", Error);

    /// A template that does not exist, does not compile, or fails while rendering.
    ///
    /// ## What it does
    /// Compiles every template an output names and renders it; a syntax error, an
    /// undefined filter, a runaway loop (templates get a bounded amount of work), or an
    /// error raised in the template is reported at the template's file and line.
    ///
    /// ## Why is this bad?
    /// The output would be missing or wrong.
    ///
    /// ## Example
    /// ```jinja
    /// hostname {{ device.name }
    /// ```
    /// The variable block lacks its second closing brace.
    TEMPLATE_ERROR = ("NS0810", "template-error", Error);

    /// A UDP service the Icinga 2 output cannot check.
    ///
    /// ## What it does
    /// Warns at a port of a `udp` service of a monitored host when the `icinga2` output has no
    /// `service_checks` entry for that port, and leaves the service out of `services.conf`.
    ///
    /// ## Why is this bad?
    /// The ITL's `udp` command runs `check_udp`, which needs a string to send and one to
    /// expect (`udp_send`, `udp_expect`); without them every check is UNKNOWN, a Service that
    /// pages nobody and is never green.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   - {name: radius, virtual_machine: ams1-auth1, protocol: udp, ports: [1812]}
    /// ```
    /// Add `service_checks: [{port: 1812, command: radius, vars: {...}}]` to the `icinga2`
    /// output (or `command: udp` with `udp_send` and `udp_expect`).
    UDP_SERVICE_WITHOUT_CHECK = ("NS0811", "udp-service-without-check", Warning);

    /// A name server's configured address that IPAM does not give its name.
    ///
    /// ## What it does
    /// For each name server of a zone of a `dns` output whose name is the `dns_name` of
    /// IP addresses, checks that every address listed under its `addresses` is one of
    /// them. A name server without `addresses` takes IPAM's (for glue in its own zone and
    /// in the parent zone that delegates to it).
    ///
    /// ## Why is this bad?
    /// The glue records would send resolvers to one address while the name server's own
    /// A record (from IPAM) names another: after a renumbering one of the two is stale,
    /// and the delegation breaks for some resolvers only.
    ///
    /// ## Example
    /// ```yaml
    ///       - name: ams1.example.net
    ///         primary_ns: ns1.ams1.example.net
    ///         admin: hostmaster.example.net
    ///         nameservers: [{name: ns1.ams1.example.net, addresses: [192.0.2.99]}]   # IPAM: 192.0.2.53
    /// ```
    /// Write IPAM's address, or leave `addresses` out to take it from IPAM.
    NAMESERVER_ADDRESS_MISMATCH = ("NS0812", "nameserver-address-mismatch", Error);

    /// `netsot build` of a work tree with uncommitted changes to its inputs.
    ///
    /// ## What it does
    /// Reported by `netsot build` (not `check`) when the repository's data, device types,
    /// templates or `netsot.yaml` differ from `HEAD` and a `dns` output is rendered. The
    /// SOA serial policy takes `HEAD`'s commit time, so the zones' serials are raised
    /// above the last ones written instead (one more than the serial in the output folder).
    ///
    /// ## Why is this bad?
    /// Zones built from uncommitted changes are served with a serial no commit stands for:
    /// the secondaries transfer them, and the next build of the committed state must raise
    /// the serial again. It is a warning: building before committing is how changes are tried.
    ///
    /// ## Example
    /// The work tree has an edited `data/ipam.yaml`, not yet committed, and `netsot.yaml`
    /// has a `dns` output; `netsot build` writes the zones with the serial of the previous
    /// build plus one and warns. Commit, then build.
    DIRTY_TREE_SERIAL = ("NS0813", "dirty-tree-serial", Warning);

    /// A CNAME record declared at a name that has other records.
    ///
    /// ## What it does
    /// Looks at the name of every CNAME of an address's `dns_records` in its rendered zone:
    /// an A or AAAA record (from a `dns_name`), another declared record, a second CNAME to
    /// another target, or the zone's apex (its SOA and NS records) there is reported.
    ///
    /// ## Why is this bad?
    /// A CNAME says the name is an alias and nothing else (RFC 1034 section 3.6.2); BIND
    /// refuses to load a zone holding "CNAME and other data", so the whole zone would stop
    /// being served.
    ///
    /// ## Example
    /// ```yaml
    ///   - {address: 192.0.2.10/24, dns_name: www.example.net}
    ///   - address: 192.0.2.11/24
    ///     dns_name: web1.example.net
    ///     dns_records: [{type: CNAME, name: www.example.net}]   # www has an A record
    /// ```
    /// Give the alias a name of its own, or remove the `dns_name` from the other address.
    CNAME_AND_OTHER_DATA = ("NS0814", "cname-and-other-data", Error);

    /// A CNAME, MX or SRV target inside a rendered zone that the zone does not hold.
    ///
    /// ## What it does
    /// For a record of an address's `dns_records` whose `value` names another target than
    /// the address's `dns_name`, finds the forward zone of the `dns` output the target lies
    /// in, and checks that the zone has records at that name.
    ///
    /// ## Why is this bad?
    /// The record would point at a name that does not exist (NXDOMAIN): mail is not
    /// delivered, the service is not found. Usually a typo, or an address whose name changed.
    ///
    /// ## Example
    /// ```yaml
    ///     dns_records: [{type: MX, name: example.net, preference: 10, value: mx.example.net}]   # no mx.example.net
    /// ```
    /// Fix the target, or give an address that `dns_name`.
    DNS_TARGET_MISSING = ("NS0815", "dns-target-missing", Error);

    /// A declared DNS record that cannot be written as given.
    ///
    /// ## What it does
    /// Checks every record of an address's `dns_records`: its name lies in a forward zone
    /// of the `dns` output and is a valid record name (letters, digits, `-`, `_`); an MX has
    /// a `preference`, an SRV its `priority`, `weight` and `port`, and no record carries the
    /// fields of another type; a CNAME, MX or SRV has a target (its `value`, or the
    /// address's `dns_name`) that is a host name; a TXT has a `value`. TXT values longer
    /// than 255 bytes are split into strings of 255, not refused.
    ///
    /// ## Why is this bad?
    /// The record would be dropped or written wrong: an SRV without a port, a record named
    /// in a zone this output does not render, a target BIND refuses.
    ///
    /// ## Example
    /// ```yaml
    ///     dns_records: [{type: SRV, name: _ldap._tcp.example.net, priority: 0, weight: 5}]   # no port
    /// ```
    /// Give the SRV record its `port`.
    INVALID_DNS_RECORD = ("NS0816", "invalid-dns-record", Error);
    /// A per-object template's `where` names a role or platform that does not exist.
    ///
    /// ## What it does
    /// Resolves the `role` and `platform` lists of a `template` output's `where` against the
    /// device roles and platforms, by name or slug, and reports each that matches none, with
    /// the closest names.
    ///
    /// ## Why is this bad?
    /// A misspelt name selects nothing, so the configurations it was meant to render would
    /// silently disappear from the build.
    ///
    /// ## Example
    /// ```yaml
    ///     for_each: devices
    ///     where: {role: [lef]}
    /// ```
    /// No role is called `lef`; `leaf` is.
    TEMPLATE_FILTER_UNKNOWN_NAME = ("NS0836", "template-filter-unknown-name", Error);

    /// Addresses of different VRFs that would write the same PTR record into one zone.
    ///
    /// ## What it does
    /// Reports an address whose PTR record, in a reverse zone of a `dns` output, is
    /// already claimed with another name by the same address in another VRF: the output
    /// has no `views`, or both VRFs are in one view.
    ///
    /// ## Why is this bad?
    /// VRFs reuse address space on purpose, and a reverse zone holds one answer per
    /// address: one VRF's name would win and the other's hosts would resolve to it. BIND
    /// serves one zone of a name per view, so each VRF's pointers need a view of their own.
    ///
    /// ## Example
    /// ```yaml
    ///   - {address: 10.0.0.1/24, vrf: red, dns_name: a.red.example.net}
    ///   - {address: 10.0.0.1/24, vrf: blue, dns_name: a.blue.example.net}
    /// ```
    /// Give the `dns` output `views`, one per VRF with the clients it answers (docs/outputs.md).
    PTR_ACROSS_VRFS = ("NS0837", "ptr-across-vrfs", Error);

    /// A view of a `dns` output that cannot be rendered.
    ///
    /// ## What it does
    /// Checks the `views` of every `dns` output: a view's name is a plain name given once,
    /// its VRFs exist, a VRF (or the global table, `global: true`) is in one view only, and
    /// each `match_clients` entry is an address, a prefix or a keyword BIND takes.
    ///
    /// ## Why is this bad?
    /// An address's PTR record lives in the view of its VRF: a VRF in two views, or a
    /// misspelt one, would put it in the wrong view or nowhere, and `named` refuses a
    /// `match-clients` it cannot parse.
    ///
    /// ## Example
    /// ```yaml
    ///       - {name: red, vrfs: [rde], match_clients: [127.0.0.2]}
    /// ```
    /// No VRF is called `rde`; `red` is.
    INVALID_DNS_VIEW = ("NS0838", "invalid-dns-view", Error);
}
