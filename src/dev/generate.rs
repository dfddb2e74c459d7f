//! A generator of large, realistic, valid network repositories, for benchmarks.
//!
//! A repository is a number of data-centre sites, each a copy of one design with its own
//! address plan: 2 spines and 8 leaves (Arista, from the device-type library), 16 servers
//! (Dell) bonded to a leaf pair, 4 racks, 48 cables, loopbacks, /31 fabric links, a
//! management and a server network in their VRFs, IPv4 and IPv6, DNS names, VLANs, LAGs and
//! services; power, PSU modules and an out-of-band virtual chassis (`generate_dcim.rs`).
//! About 850 objects per site, counting interfaces and addresses; `small` is
//! 12 sites (about 10,000 objects), `medium` 1,200 (about 1,000,000), `large` 12,000
//! (about 10,000,000). The same seed gives the same bytes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::generate_dcim::{self, Role};

/// How big a repository to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Size {
    Small,
    Medium,
    Large,
}

impl Size {
    pub fn sites(self) -> usize {
        match self {
            Size::Small => 12,
            Size::Medium => 1_200,
            Size::Large => 12_000,
        }
    }
}

/// The device types used, as paths inside the device-type library.
pub const DEVICE_TYPES: &[&str] = &[
    "device-types/Arista/DCS-7050CX3-32S-F.yaml",
    "device-types/Arista/DCS-7050SX3-48YC8-F.yaml",
    "device-types/Dell/PowerEdge-R650.yaml",
];

const SPINE: &str = "Arista/DCS-7050CX3-32S-F";
const LEAF: &str = "Arista/DCS-7050SX3-48YC8-F";
const SERVER: &str = "Dell/PowerEdge R650";
const LEAVES: usize = 8;
const SPINES: usize = 2;
const SERVERS: usize = 16;
const TENANTS: usize = 10;
const SITES_PER_REGION: usize = 20;
/// The most sites the address plan holds: a /22 of 10.0.0.0/8 each.
pub const MAX_SITES: usize = 16_384;

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub sites: usize,
    pub devices: usize,
    pub dns_records: usize,
}

/// A small deterministic random source (SplitMix64), so no dependency decides our bytes;
/// the stable fuzzer of the tests draws from it too.
pub struct Rng(u64);

impl Rng {
    /// The sequence of `seed`, split by `stream` (stream 0 is the seed's own sequence).
    pub fn new(seed: u64, stream: u64) -> Rng {
        Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// Writes a repository of `sites` sites into `out` (which must be empty or missing).
/// `library` is the devicetype-library checkout the device types are copied from.
pub fn generate(
    out: &Path,
    sites: usize,
    seed: u64,
    library: &Path,
    octodns: Option<&Path>,
) -> Result<Summary, String> {
    if sites == 0 || sites > MAX_SITES {
        return Err(format!("the number of sites must be 1 to {MAX_SITES}"));
    }
    if out.exists()
        && std::fs::read_dir(out)
            .map_err(|e| format!("cannot read {}: {e}", out.display()))?
            .next()
            .is_some()
    {
        return Err(format!("{} is not empty", out.display()));
    }
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let library_files = DEVICE_TYPES
        .iter()
        .chain(generate_dcim::DEVICE_TYPES)
        .chain(generate_dcim::MODULE_TYPES);
    for path in library_files {
        let from = library.join(path);
        let text = std::fs::read_to_string(&from).map_err(|e| {
            format!(
                "cannot read {}: {e} (give the devicetype-library with --library)",
                from.display()
            )
        })?;
        files.push((out.join(path), text));
    }
    files.push((out.join("netsot.yaml"), config()));
    files.push((out.join("data/organisation.yaml"), organisation(sites)));
    let site_files: Vec<(PathBuf, String, usize)> = (0..sites)
        .into_par_iter()
        .map(|s| {
            let (text, records) = site(s, seed);
            (
                out.join(format!("data/sites/{}.yaml", site_name(s))),
                text,
                records,
            )
        })
        .collect();
    let mut summary = Summary {
        sites,
        devices: sites * (SPINES + LEAVES + SERVERS + generate_dcim::DEVICES),
        ..Summary::default()
    };
    for (path, text, records) in site_files {
        summary.dns_records += records;
        files.push((path, text));
    }
    if let Some(dir) = octodns {
        files.extend(octodns_files(dir, sites));
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        summary.files += 1;
        summary.bytes += text.len() as u64;
    }
    Ok(summary)
}

fn site_name(s: usize) -> String {
    format!("dc{s:05}")
}

/// The site's /22 in 10.0.0.0/8, as its first three octets' base and an offset helper.
fn v4(s: usize, offset: usize) -> String {
    let base = (s * 1024) + offset;
    format!("10.{}.{}.{}", base >> 16, (base >> 8) & 0xff, base & 0xff)
}

fn v6(s: usize, subnet: u16, host: usize) -> String {
    format!("2001:db8:{s:x}:{subnet:x}::{host:x}")
}

fn config() -> String {
    let zone = |name: &str, ttl: u32| {
        format!(
            "      - name: {name}\n        primary_ns: ns1.example.net\n        admin: hostmaster.example.net\n        ttl: {ttl}\n        nameservers:\n          - {{name: ns1.example.net, addresses: [192.0.2.53]}}\n          - {{name: ns2.example.net, addresses: [198.51.100.53]}}\n"
        )
    };
    let mut text = String::from(
        "# A generated network (netsot dev generate).\nversion: 1\ndata: [data/]\ndevice_types: [device-types/]\nmodule_types: [module-types/]\nlimits:\n  max_file_bytes: 67108864\npolicy:\n  enforce_global_unique: true\n  require_parent_prefix: true\n  rules:\n    - name: active-switches-have-loopbacks\n      collection: devices\n      when: {role: leaf, status: active}\n      require: [primary_ip4, primary_ip6]\noutputs:\n  - renderer: dns\n    path: dns/\n    zones:\n",
    );
    text.push_str(&zone("example.net", 3600));
    text.push_str(&zone("10.in-addr.arpa", 3600));
    text.push_str(&zone("8.b.d.0.1.0.0.2.ip6.arpa", 3600));
    text.push_str("  - {renderer: prometheus, path: prometheus/}\n  - {renderer: icinga2, path: icinga2/}\n  - {renderer: ansible, path: ansible/inventory.yaml}\n");
    text
}

fn organisation(sites: usize) -> String {
    let mut t = String::from("# Shared objects of the generated network.\n");
    t.push_str("tags:\n  - {name: fabric}\n  - {name: monitored}\n  - {name: pci}\n");
    t.push_str("tenant_groups:\n  - {name: customers}\n");
    t.push_str("tenants:\n  - {name: infra}\n");
    for i in 0..TENANTS {
        let _ = writeln!(t, "  - {{name: customer{i:02}, group: customers}}");
    }
    t.push_str("regions:\n  - {name: europe}\n  - {name: americas}\n  - {name: asia}\n");
    let continents = ["europe", "americas", "asia"];
    for r in 0..sites.div_ceil(SITES_PER_REGION) {
        let _ = writeln!(
            t,
            "  - {{name: region{r:03}, parent: {}}}",
            continents[r % 3]
        );
    }
    t.push_str("site_groups:\n  - {name: datacenters}\n");
    t.push_str("manufacturers:\n  - {name: Arista}\n  - {name: Dell}\n");
    t.push_str(generate_dcim::MANUFACTURERS);
    t.push_str("device_roles:\n  - {name: spine}\n  - {name: leaf}\n  - {name: server}\n");
    t.push_str(generate_dcim::ROLES);
    t.push_str("platforms:\n  - {name: eos, manufacturer: Arista}\n  - {name: linux}\n");
    t.push_str("vrfs:\n  - {name: mgmt, rd: \"65000:1\"}\n  - {name: prod, rd: \"65000:2\"}\n");
    t.push_str(
        "rirs:\n  - {name: rfc1918, is_private: true}\n  - {name: rfc3849, is_private: true}\n  - {name: rfc6996, is_private: true}\n",
    );
    t.push_str("roles:\n  - {name: loopback}\n  - {name: p2p}\n  - {name: management}\n  - {name: servers}\n");
    t.push_str("aggregates:\n  - {prefix: 10.0.0.0/8, rir: rfc1918}\n  - {prefix: \"2001:db8::/32\", rir: rfc3849}\n");
    t.push_str("prefixes:\n");
    t.push_str(
        "  - {prefix: 10.0.0.0/8, status: container, tenant: infra, description: Underlay}\n",
    );
    t.push_str("  - {prefix: \"2001:db8::/32\", status: container, tenant: infra}\n");
    t.push_str("  - {prefix: 10.0.0.0/8, vrf: mgmt, status: container, tenant: infra}\n");
    t.push_str("  - {prefix: 10.0.0.0/8, vrf: prod, status: container, tenant: infra}\n");
    t.push_str("  - {prefix: \"2001:db8::/32\", vrf: prod, status: container, tenant: infra}\n");
    t.push_str("config_contexts:\n");
    t.push_str("  - name: global\n    weight: 100\n    data: {domain_name: example.net, ntp_servers: [192.0.2.123, 198.51.100.123], timezone: UTC}\n");
    t.push_str("  - name: eos\n    weight: 200\n    platforms: [eos]\n    data: {eos: {management_vrf: mgmt}, snmp: {contact: noc@example.net}}\n");
    for (i, continent) in continents.iter().enumerate() {
        let _ = writeln!(
            t,
            "  - name: {continent}\n    weight: 300\n    regions: [{continent}]\n    data: {{ntp_servers: [10.{i}.0.123], syslog: [10.{i}.0.514]}}"
        );
    }
    t.push_str("  - name: leaves\n    weight: 400\n    roles: [leaf]\n    data: {evpn: {vni_base: 10000}, bgp: {evpn: true}}\n");
    t
}

/// One site's file, and the number of DNS records its names make (forward and reverse).
fn site(s: usize, seed: u64) -> (String, usize) {
    let mut rng = Rng::new(seed, s as u64);
    let name = site_name(s);
    let region = s / SITES_PER_REGION;
    let asn = 4_200_000_000u64 + s as u64;
    let tenant = format!("customer{:02}", s % TENANTS);
    let mut t = String::with_capacity(64 * 1024);
    let mut dns = 0;
    let _ = writeln!(t, "# Site {name}: generated.\nsites:\n  - name: {name}\n    status: active\n    region: region{region:03}\n    group: datacenters\n    tenant: infra\n    facility: FAC-{s:05}\n    asns: [{asn}]\n    tags: [monitored]\nasns:\n  - {{asn: {asn}, rir: rfc6996, tenant: infra}}");
    t.push_str("racks:\n");
    for r in 1..=generate_dcim::RACKS {
        let _ = writeln!(
            t,
            "  - {{name: r{r:02}, site: {name}, u_height: 42, status: active, tenant: infra}}"
        );
    }
    let _ = writeln!(t, "vlans:\n  - {{vid: 10, name: servers, site: {name}, tenant: {tenant}}}\n  - {{vid: 20, name: storage, site: {name}, tenant: {tenant}}}\n  - {{vid: 99, name: mgmt, site: {name}, tenant: infra}}");
    let _ = writeln!(
        t,
        "prefixes:\n  - {{prefix: {}/22, site: {name}, status: container, tenant: infra}}",
        v4(s, 0)
    );
    let _ = writeln!(
        t,
        "  - {{prefix: {}/27, site: {name}, role: loopback, tenant: infra}}",
        v4(s, 0)
    );
    let _ = writeln!(
        t,
        "  - {{prefix: {}/26, site: {name}, status: container, role: p2p, tenant: infra}}",
        v4(s, 64)
    );
    for link in 0..LEAVES * SPINES {
        let _ = writeln!(
            t,
            "  - {{prefix: {}/31, site: {name}, role: p2p, tenant: infra}}",
            v4(s, 64 + 2 * link)
        );
    }
    let _ = writeln!(t, "  - {{prefix: {}/25, vrf: mgmt, site: {name}, vlan: mgmt, role: management, tenant: infra}}", v4(s, 128));
    let _ = writeln!(t, "  - {{prefix: {}/24, vrf: prod, site: {name}, vlan: servers, role: servers, tenant: {tenant}}}", v4(s, 512));
    let _ = writeln!(
        t,
        "  - {{prefix: \"{}/64\", site: {name}, role: loopback, tenant: infra}}",
        v6(s, 0, 0)
    );
    let _ = writeln!(t, "  - {{prefix: \"{}/64\", vrf: prod, site: {name}, vlan: servers, role: servers, tenant: {tenant}}}", v6(s, 0x10, 0));

    generate_dcim::collections(&mut t, &name);
    t.push_str("devices:\n");
    let named = |role: Role, i: usize| match role {
        Role::Spine => format!("{name}-spine{}", i + 1),
        Role::Leaf => format!("{name}-leaf{}", i + 1),
        Role::Server => format!("{name}-srv{:02}", i + 1),
    };
    let spine = |i: usize| named(Role::Spine, i);
    let leaf = |i: usize| named(Role::Leaf, i);
    let server = |i: usize| named(Role::Server, i);
    // Management addresses: one per device in the /25.
    let mut mgmt = 0usize;
    let mut next_mgmt = || {
        mgmt += 1;
        v4(s, 128 + mgmt)
    };
    for i in 0..SPINES {
        let dev = spine(i);
        let lo = v4(s, 1 + i);
        let lo6 = v6(s, 0, 1 + i);
        let _ = writeln!(t, "  - name: {dev}\n    site: {name}\n    role: spine\n    device_type: {SPINE}\n    platform: eos\n    tenant: infra\n    rack: r{:02}\n    position: 41\n    face: front\n    serial: SP{s:05}{i}\n    primary_ip4: {lo}/32\n    primary_ip6: \"{lo6}/128\"\n    tags: [fabric, monitored]", i + 1);
        generate_dcim::switch_modules(&mut t, &format!("SP{s:05}{i}"));
        t.push_str("    interfaces:\n");
        let _ = writeln!(t, "      - name: Loopback0\n        type: virtual\n        ip_addresses:\n          - {{address: {lo}/32, role: loopback, dns_name: {dev}.example.net}}\n          - {{address: \"{lo6}/128\", role: loopback, dns_name: {dev}.example.net}}");
        let _ = writeln!(t, "      - name: Management1\n        vrf: mgmt\n        ip_addresses: [{{address: {}/25, vrf: mgmt, dns_name: {dev}-mgmt.example.net}}]", next_mgmt());
        dns += 6;
        for l in 0..LEAVES {
            let link = l * SPINES + i;
            let _ = writeln!(t, "      - name: Ethernet{}/1\n        description: {} Ethernet{}/1\n        mtu: 9214\n        ip_addresses: [{{address: {}/31}}]", l + 1, leaf(l), 49 + i, v4(s, 64 + 2 * link));
        }
    }
    for l in 0..LEAVES {
        let dev = leaf(l);
        let lo = v4(s, 11 + l);
        let lo6 = v6(s, 0, 11 + l);
        let status = if rng.chance(2) { "planned" } else { "active" };
        let _ = writeln!(t, "  - name: {dev}\n    site: {name}\n    role: leaf\n    status: {status}\n    device_type: {LEAF}\n    platform: eos\n    tenant: infra\n    rack: r{:02}\n    position: {}\n    face: front\n    serial: LF{s:05}{l}\n    primary_ip4: {lo}/32\n    primary_ip6: \"{lo6}/128\"\n    tags: [fabric, monitored]", l / 2 + 1, 40 - (l % 2));
        generate_dcim::switch_modules(&mut t, &format!("LF{s:05}{l}"));
        t.push_str("    interfaces:\n");
        let _ = writeln!(t, "      - name: Loopback0\n        type: virtual\n        ip_addresses:\n          - {{address: {lo}/32, role: loopback, dns_name: {dev}.example.net}}\n          - {{address: \"{lo6}/128\", role: loopback, dns_name: {dev}.example.net}}");
        let _ = writeln!(t, "      - name: Management1\n        vrf: mgmt\n        ip_addresses: [{{address: {}/25, vrf: mgmt, dns_name: {dev}-mgmt.example.net}}]", next_mgmt());
        dns += 6;
        for i in 0..SPINES {
            let link = l * SPINES + i;
            let _ = writeln!(t, "      - name: Ethernet{}/1\n        description: {} Ethernet{}/1\n        mtu: 9214\n        ip_addresses: [{{address: {}/31}}]", 49 + i, spine(i), l + 1, v4(s, 64 + 2 * link + 1));
        }
        // Each leaf of a pair serves the 4 servers of its rack on Ethernet1-4, one LAG each.
        for p in 0..4 {
            let srv = server((l / 2) * 4 + p);
            let _ = writeln!(t, "      - {{name: Port-Channel{}, type: lag, mode: access, untagged_vlan: servers, description: {srv}}}", 10 + p);
            let _ = writeln!(
                t,
                "      - {{name: Ethernet{}, lag: Port-Channel{}, description: {srv}}}",
                p + 1,
                10 + p
            );
        }
    }
    for n in 0..SERVERS {
        let dev = server(n);
        let address = v4(s, 512 + 10 + n);
        let address6 = v6(s, 0x10, 10 + n);
        let status = if rng.chance(3) { "staged" } else { "active" };
        let tags = if rng.chance(20) {
            "[monitored, pci]"
        } else {
            "[monitored]"
        };
        let _ = writeln!(t, "  - name: {dev}\n    site: {name}\n    role: server\n    status: {status}\n    device_type: {SERVER}\n    platform: linux\n    tenant: {tenant}\n    rack: r{:02}\n    position: {}\n    face: front\n    serial: SV{s:05}{n:02}{:04}\n    primary_ip4: {address}/24\n    primary_ip6: \"{address6}/64\"\n    tags: {tags}\n    interfaces:", n / 4 + 1, 10 + n % 4, rng.below(10_000));
        let _ = writeln!(t, "      - name: bond0\n        type: lag\n        mode: access\n        untagged_vlan: servers\n        ip_addresses:\n          - {{address: {address}/24, vrf: prod, dns_name: {dev}.example.net}}\n          - {{address: \"{address6}/64\", vrf: prod, dns_name: {dev}.example.net}}");
        let _ = writeln!(
            t,
            "      - {{name: Gig-E 1, lag: bond0}}\n      - {{name: Gig-E 2, lag: bond0}}"
        );
        let _ = writeln!(t, "      - name: iDRAC9\n        vrf: mgmt\n        ip_addresses: [{{address: {}/25, vrf: mgmt, dns_name: {dev}-idrac.example.net}}]", next_mgmt());
        dns += 6;
    }

    generate_dcim::devices(&mut t, s, &name);

    t.push_str("cables:\n");
    generate_dcim::cables(&mut t, &name, &named, (SPINES, LEAVES, SERVERS));
    for l in 0..LEAVES {
        for i in 0..SPINES {
            let _ = writeln!(
                t,
                "  - {{a: {}:Ethernet{}/1, b: {}:Ethernet{}/1, type: smf-os2, status: connected}}",
                leaf(l),
                49 + i,
                spine(i),
                l + 1
            );
        }
    }
    for n in 0..SERVERS {
        let pair = n / 4;
        let port = n % 4 + 1;
        let _ = writeln!(
            t,
            "  - {{a: \"{}:Gig-E 1\", b: {}:Ethernet{port}, type: cat6}}",
            server(n),
            leaf(pair * 2)
        );
        let _ = writeln!(
            t,
            "  - {{a: \"{}:Gig-E 2\", b: {}:Ethernet{port}, type: cat6}}",
            server(n),
            leaf(pair * 2 + 1)
        );
    }
    t.push_str("services:\n");
    for n in 0..SERVERS {
        let _ = writeln!(t, "  - {{name: ssh, device: {}, protocol: tcp, ports: [22]}}\n  - {{name: node-exporter, device: {}, protocol: tcp, ports: [9100]}}", server(n), server(n));
    }
    (t, dns)
}

/// octoDNS inputs holding the same DNS records as the generated repository: a YAML zone
/// per zone (the YamlProvider's format) and a configuration that syncs them into BIND
/// zone files with octodns-bind's ZoneFileProvider.
fn octodns_files(dir: &Path, sites: usize) -> Vec<(PathBuf, String)> {
    use std::collections::BTreeMap;
    // name -> (type -> values)
    let mut forward: BTreeMap<String, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    let mut reverse4: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut reverse6: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut add = |name: String, v4a: Option<String>, v6a: Option<String>| {
        if let Some(a) = v4a {
            let octets: Vec<&str> = a.split('.').collect();
            reverse4
                .entry(format!("{}.{}.{}", octets[3], octets[2], octets[1]))
                .or_default()
                .push(format!("{name}.example.net."));
            forward
                .entry(name.clone())
                .or_default()
                .entry("A")
                .or_default()
                .push(a);
        }
        if let Some(a) = v6a {
            let ip: std::net::Ipv6Addr = a.parse().expect("generated address");
            let mut nibbles = String::new();
            for byte in ip.octets()[4..].iter().rev() {
                let _ = write!(nibbles, "{:x}.{:x}.", byte & 0xf, byte >> 4);
            }
            reverse6
                .entry(nibbles.trim_end_matches('.').to_string())
                .or_default()
                .push(format!("{name}.example.net."));
            forward
                .entry(name)
                .or_default()
                .entry("AAAA")
                .or_default()
                .push(a);
        }
    };
    for s in 0..sites {
        let site = site_name(s);
        let mut mgmt = 0;
        for i in 0..SPINES {
            let dev = format!("{site}-spine{}", i + 1);
            add(dev.clone(), Some(v4(s, 1 + i)), Some(v6(s, 0, 1 + i)));
            mgmt += 1;
            add(format!("{dev}-mgmt"), Some(v4(s, 128 + mgmt)), None);
        }
        for l in 0..LEAVES {
            let dev = format!("{site}-leaf{}", l + 1);
            add(dev.clone(), Some(v4(s, 11 + l)), Some(v6(s, 0, 11 + l)));
            mgmt += 1;
            add(format!("{dev}-mgmt"), Some(v4(s, 128 + mgmt)), None);
        }
        for n in 0..SERVERS {
            let dev = format!("{site}-srv{:02}", n + 1);
            add(
                dev.clone(),
                Some(v4(s, 512 + 10 + n)),
                Some(v6(s, 0x10, 10 + n)),
            );
            mgmt += 1;
            add(format!("{dev}-idrac"), Some(v4(s, 128 + mgmt)), None);
        }
    }
    let mut zone = String::from("---\n'':\n  type: NS\n  values: [ns1.example.net., ns2.example.net.]\nns1:\n  type: A\n  value: 192.0.2.53\nns2:\n  type: A\n  value: 198.51.100.53\n");
    for (name, types) in &forward {
        let _ = writeln!(zone, "{name}:");
        for (kind, values) in types {
            let _ = writeln!(zone, "- type: {kind}\n  values: [{}]", values.join(", "));
        }
    }
    let ptr_zone = |records: &BTreeMap<String, Vec<String>>| {
        let mut z =
            String::from("---\n'':\n  type: NS\n  values: [ns1.example.net., ns2.example.net.]\n");
        for (name, values) in records {
            let _ = writeln!(
                z,
                "'{name}':\n  type: PTR\n  values: [{}]",
                values.join(", ")
            );
        }
        z
    };
    let config = "# octoDNS: the same records as the netsot repository, written as BIND zones.\nproviders:\n  yaml:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n    enforce_order: false\n  bind:\n    class: octodns_bind.ZoneFileProvider\n    directory: ./bind\n    file_extension: .zone\n    hostmaster_email: hostmaster\nzones:\n  example.net.:\n    sources: [yaml]\n    targets: [bind]\n  10.in-addr.arpa.:\n    sources: [yaml]\n    targets: [bind]\n  8.b.d.0.1.0.0.2.ip6.arpa.:\n    sources: [yaml]\n    targets: [bind]\n";
    vec![
        (dir.join("config.yaml"), config.to_string()),
        (dir.join("zones/example.net.yaml"), zone),
        (dir.join("zones/10.in-addr.arpa.yaml"), ptr_zone(&reverse4)),
        (
            dir.join("zones/8.b.d.0.1.0.0.2.ip6.arpa.yaml"),
            ptr_zone(&reverse6),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_plan_gives_each_site_its_own_block() {
        assert_eq!(v4(0, 0), "10.0.0.0");
        assert_eq!(v4(1, 0), "10.0.4.0");
        assert_eq!(v4(64, 513), "10.1.2.1");
        assert_eq!(v4(MAX_SITES - 1, 1023), "10.255.255.255");
        assert_eq!(v6(255, 0x10, 10), "2001:db8:ff:10::a");
    }

    #[test]
    fn the_same_seed_gives_the_same_site() {
        assert_eq!(site(3, 7), site(3, 7));
        assert_ne!(site(3, 7).0, site(3, 8).0);
    }
}
