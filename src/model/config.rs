//! `netsot.yaml`: the settings of a network repository.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Spanned, Text};
use crate::diag::Severity;
use crate::string_enum;

/// The whole of `netsot.yaml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "netsot.yaml", deny_unknown_fields)]
pub struct Config {
    /// The format version; 1.
    pub version: Spanned<u32>,
    /// Folders or files holding data, relative to the repository root; `[data/]` when not given.
    #[serde(default = "default_data")]
    pub data: Vec<Text>,
    /// Folders in the devicetype-library format; `[device-types/]` when not given (a missing
    /// default folder is not reported).
    pub device_types: Option<Vec<Text>>,
    /// Folders of module types in the devicetype-library format; `[module-types/]` when
    /// not given (a missing default folder is not reported). Files under a folder named
    /// `module-types` inside a `device_types` folder (the library's own layout) are module
    /// types too.
    pub module_types: Option<Vec<Text>>,
    /// The folder of the user's templates; `templates/` when not given.
    pub templates: Option<Text>,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub limits: Limits,
    /// What `netsot build` renders.
    #[serde(default)]
    pub outputs: Vec<Spanned<Output>>,
}

fn default_data() -> Vec<Text> {
    vec![Spanned::new("data/".to_string(), Default::default())]
}

/// Switches for NetBox's model rules, and the team's own rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Policy {
    /// Whether addresses and prefixes outside any VRF must be unique, as NetBox's
    /// `ENFORCE_GLOBAL_UNIQUE`; true when not given.
    #[serde(default = "default_true")]
    pub enforce_global_unique: bool,
    /// Whether every address and prefix must lie inside a prefix (or, for prefixes, an
    /// aggregate) of its VRF; false when not given.
    #[serde(default)]
    pub require_parent_prefix: bool,
    /// Rules netsot can add to NetBox's; all off when not given, so that everything NetBox
    /// accepts passes.
    #[serde(default)]
    pub netbox_departures: NetboxDepartures,
    /// Declarative rules over the objects of a collection.
    #[serde(default)]
    pub rules: Vec<Spanned<PolicyRule>>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            enforce_global_unique: true,
            require_parent_prefix: false,
            netbox_departures: NetboxDepartures::default(),
            rules: Vec::new(),
        }
    }
}

/// Stricter rules than NetBox 4.4's, each off by default (`docs/policy.md`): a repository
/// exported from NetBox passes unless the team turns them on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NetboxDepartures {
    /// NS0405: an address's mask must equal the mask of the most specific prefix of its
    /// VRF holding it (pools, containers, host routes and some roles exempt).
    #[serde(default)]
    pub mask_mismatch: bool,
    /// NS0409: an address that no prefix of its VRF holds, while a prefix of another VRF
    /// does, is reported.
    #[serde(default)]
    pub vrf_mismatch: bool,
    /// NS0303: an interface's `lag` must name an interface of `type: lag`.
    #[serde(default)]
    pub lag_type: bool,
    /// NS0303: an interface's `bridge` must name an interface of `type: bridge`.
    #[serde(default)]
    pub bridge_type: bool,
    /// NS0607: a LAG may not be a member of another LAG.
    #[serde(default)]
    pub nested_lags: bool,
    /// NS0503: one VLAN may not be both an interface's untagged VLAN and one of its tagged
    /// VLANs.
    #[serde(default)]
    pub untagged_also_tagged: bool,
}

/// "Every object of `collection` that matches `when` has the fields of `require`."
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PolicyRule {
    /// A kebab-case name, shown with every violation.
    pub name: Text,
    /// The collection the rule applies to, e.g. `devices`.
    pub collection: Text,
    /// Field values an object must have for the rule to apply (all of them).
    #[serde(default)]
    pub when: BTreeMap<String, serde_json::Value>,
    /// Fields that must be present and not empty.
    #[serde(default)]
    pub require: Vec<Text>,
    /// Fields that must be absent or empty.
    #[serde(default)]
    pub forbid: Vec<Text>,
    /// Fields whose text must match a regular expression... kept simple: a set of allowed values.
    #[serde(default)]
    pub allowed_values: BTreeMap<String, Vec<serde_json::Value>>,
    /// The message of a violation; the rule's name when not given.
    pub message: Option<String>,
    #[serde(default = "default_error")]
    pub severity: RuleSeverity,
}

string_enum! {
    /// The severity of a policy rule.
    pub RuleSeverity = ["error", "warning"];
}

impl RuleSeverity {
    pub fn severity(self) -> Severity {
        if self.is("warning") {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

fn default_error() -> RuleSeverity {
    RuleSeverity::named("error")
}

/// Limits that keep hostile or accidental input harmless.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Limits {
    /// The largest data file read, in bytes; 16 MiB when not given, at most
    /// 256 MiB, a ceiling the repository cannot raise.
    #[serde(default = "default_max_file_bytes")]
    pub max_file_bytes: Spanned<u64>,
}

/// The most a repository may raise `limits.max_file_bytes` to. A hostile repository writes
/// its own `netsot.yaml`, so its limit cannot be trusted alone: without a ceiling, a git
/// blob of a few megabytes that inflates to gigabytes would be read in full. Offsets in a
/// file are `u32` too, which a file past 4 GiB would overflow.
pub const MAX_FILE_BYTES_CEILING: u64 = 256 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: default_max_file_bytes(),
        }
    }
}

fn default_max_file_bytes() -> Spanned<u64> {
    Spanned::new(16 * 1024 * 1024, Default::default())
}

string_enum! {
    /// A renderer of `netsot build`.
    pub RendererKind = ["dns", "prometheus", "icinga2", "ansible", "template", "kea", "site"];
}

/// Which objects a per-object template is rendered for: each list given must hold the
/// object's value (roles and platforms by name or slug); an empty or absent list allows all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ForEachFilter {
    #[serde(default)]
    pub role: Vec<Text>,
    #[serde(default)]
    pub status: Vec<Spanned<crate::model::dcim::DeviceStatus>>,
    #[serde(default)]
    pub platform: Vec<Text>,
}

/// One output of `netsot build`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Output {
    pub renderer: Spanned<RendererKind>,
    /// Where the renderer writes, relative to the output folder: a folder for `dns`,
    /// `prometheus` and `icinga2`, a file for `ansible` and for a `template` rendered once, a
    /// path template for a `template` rendered per object.
    pub path: Text,
    /// `dns`: the zones to render.
    #[serde(default)]
    pub zones: Vec<Spanned<Zone>>,
    /// `dns`: BIND views, each answering its clients with its own copy of the reverse
    /// zones, holding the PTR records of its VRFs only, for VRFs that reuse address space
    /// (docs/outputs.md); none when not given, and then every VRF shares one set.
    #[serde(default)]
    pub views: Vec<Spanned<DnsView>>,
    /// `template`: the template file, relative to the templates folder.
    pub template: Option<Text>,
    /// `site`: where each page links for the file and line an object came from, with
    /// `{commit}`, `{path}` (from the top of the checkout) and `{line}` replaced, e.g.
    /// `https://github.com/acme/network/blob/{commit}/{path}#L{line}`; without it, pages
    /// name the file and line without a link.
    pub source_url: Option<Text>,
    /// `site`: the title of the site's pages; `netsot` when not given.
    pub title: Option<String>,
    /// `template`: render once per object of this collection (`devices`, `virtual_machines`).
    pub for_each: Option<Text>,
    /// `template` with `for_each`: render only for the objects whose role, status and
    /// platform are each in the lists given (docs/templates.md).
    #[serde(rename = "where")]
    pub filter: Option<Spanned<ForEachFilter>>,
    /// `prometheus`: the port scraped on each host's address; 9100 when not given.
    pub port: Option<u16>,
    /// `prometheus`: the address scraped and probed; `primary` when not given.
    pub address: Option<Spanned<HostAddress>>,
    /// `prometheus`: the ports scraped on hosts of a role, instead of `port`.
    #[serde(default)]
    pub role_ports: Vec<Spanned<RolePorts>>,
    /// `prometheus`: services whose ports are scraped (a host's exporters declared as
    /// services, e.g. `node-exporter`); when given, `port` is not scraped on hosts without
    /// one (only their role's `role_ports`).
    #[serde(default)]
    pub scrape_services: Vec<Text>,
    /// `prometheus`: `snmp.json`, targets for the SNMP exporter.
    pub snmp: Option<Spanned<Snmp>>,
    /// `icinga2`: the check command of the services on a port, instead of the ITL's `tcp`
    /// (the default for TCP ports) or `udp`; a UDP service on a port without one is not
    /// rendered (NS0811), since `check_udp` needs strings to send and expect.
    #[serde(default)]
    pub service_checks: Vec<Spanned<ServiceCheck>>,
    /// `icinga2`: Dependency objects from the cabling, so a failed switch does not page for
    /// every host behind it.
    pub dependencies: Option<Spanned<Dependencies>>,
    /// `icinga2`: attributes of the host templates every Host imports, by template name
    /// (`netsot-host`, `role-SLUG`, `platform-SLUG`): `vars` and plain attributes such as
    /// `check_interval` (docs/outputs.md).
    #[serde(default)]
    pub host_templates: BTreeMap<String, Spanned<BTreeMap<String, serde_json::Value>>>,
    /// `icinga2`: a satellite Zone and its Endpoint per site, `zones.conf`; hosts of those
    /// sites are placed in their site's zone. Off when not given.
    pub satellites: Option<Spanned<Satellites>>,
    /// `kea`: which prefixes and ranges are served by DHCP, and the options handed out.
    pub dhcp: Option<Spanned<Dhcp>>,
    /// `ansible`: the address `ansible_host` is; `primary` (the primary IPv4, else IPv6)
    /// when not given.
    pub ansible_host: Option<Spanned<HostAddress>>,
    /// `ansible`: whether hosts without that address are in the inventory (without
    /// `ansible_host`); false when not given.
    #[serde(default)]
    pub hosts_without_address: bool,
    /// `ansible`, `prometheus`: the statuses of the hosts rendered; `[active]` when not
    /// given.
    pub statuses: Option<Vec<Text>>,
    /// `ansible`: the groups hosts join; `[site, role, platform, tag]` when not given.
    pub group_by: Option<Vec<Spanned<AnsibleGroupBy>>>,
    /// `ansible`: the merged config context's keys as host variables of their own (which
    /// override every `group_vars`), instead of one `config_context` variable; false
    /// when not given.
    #[serde(default)]
    pub flatten_config_context: bool,
    /// `ansible`: `ansible_network_os` and `ansible_connection` per platform name, over the
    /// built-in table of well-known platforms (docs/outputs.md).
    #[serde(default)]
    pub platforms: BTreeMap<String, AnsiblePlatform>,
}

string_enum! {
    /// Which address of a host an output reaches it at: `primary` is the primary IPv4,
    /// else the primary IPv6; `oob` the device's out-of-band address.
    pub HostAddress = ["primary", "primary_ip4", "primary_ip6", "oob"];
}

string_enum! {
    /// A grouping of the `ansible` output's hosts, as `nb_inventory`'s `group_by`.
    pub AnsibleGroupBy = ["site", "region", "location", "rack", "tenant", "role", "platform", "device_type", "manufacturer", "status", "cluster", "tag"];
}

/// How Ansible connects to the hosts of one platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AnsiblePlatform {
    /// `ansible_network_os`, e.g. `arista.eos.eos`.
    pub network_os: Option<String>,
    /// `ansible_connection`, e.g. `ansible.netcommon.network_cli`.
    pub connection: Option<String>,
}

/// The ports the `prometheus` output scrapes on the hosts of one role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RolePorts {
    pub role: Text,
    pub ports: Vec<u16>,
}

/// The SNMP exporter's targets of the `prometheus` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Snmp {
    /// The SNMP exporter's module (`__param_module`), e.g. `if_mib`.
    pub module: Text,
    /// The SNMP exporter's auth (`__param_auth`), e.g. `public_v2`; the exporter's
    /// default when not given.
    pub auth: Option<Text>,
    /// The device roles polled (network devices, not servers); every device when empty.
    #[serde(default)]
    pub roles: Vec<Text>,
}

/// Which cabled neighbours of a host are its parents in the `icinga2` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Dependencies {
    /// Device roles from the top of the network down, e.g. `[spine, leaf, server]`: a
    /// device's parents are the devices cabled to it whose role comes earlier in the list.
    #[serde(default)]
    pub roles: Vec<Text>,
    /// Whether the device cabled to a host's management-only interface (its OOB port) is a
    /// parent of the host; true when not given.
    #[serde(default = "default_true")]
    pub oob: bool,
}

/// What the `kea` output serves. NetBox has no DHCP field, so roles mark it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Dhcp {
    /// Prefix roles whose prefixes are DHCP subnets, e.g. `[servers]`.
    pub prefix_roles: Vec<Text>,
    /// IP range roles whose ranges are the subnets' dynamic pools.
    #[serde(default)]
    pub range_roles: Vec<Text>,
    /// The interfaces Kea listens on (`interfaces-config`), e.g. `[eth1]`; none when not
    /// given, so the operator's deployment names them.
    #[serde(default)]
    pub interfaces: Vec<Text>,
    /// Name servers handed out: IPv4 ones as `domain-name-servers`, IPv6 ones as
    /// `dns-servers`.
    #[serde(default)]
    pub dns_servers: Vec<Text>,
    /// The domain handed out (`domain-name`; `domain-search` for DHCPv6).
    pub domain_name: Option<Text>,
    /// The tag of the address in a subnet that is its router; `gateway` when not given.
    /// Addresses with an FHRP or anycast role are routers too.
    pub gateway_tag: Option<Text>,
    /// How long a lease lasts, in seconds; 3600 when not given.
    pub valid_lifetime: Option<u32>,
    /// Options of every subnet, by family, by Kea's option names, e.g.
    /// `{dhcp4: {ntp-servers: 10.1.10.123}}`; they win over `dns_servers` and `domain_name`.
    pub options: Option<DhcpOptions>,
    /// A `json` custom field of prefixes holding options of their subnet, by Kea's option
    /// names, e.g. `{routers: 10.1.20.254}`; they win over the output's.
    pub options_field: Option<Text>,
    /// The key of devices' and virtual machines' config contexts holding options of their
    /// reservations, by family, e.g. `{dhcp4: {boot-file-name: pxelinux.0}}`; they win
    /// over the subnet's.
    pub context_key: Option<Text>,
}

/// DHCP options by family: Kea's option name to its data (a string, number, boolean or list,
/// or `{data, always-send, never-send, csv-format}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DhcpOptions {
    #[serde(default)]
    pub dhcp4: BTreeMap<Text, Spanned<serde_json::Value>>,
    #[serde(default)]
    pub dhcp6: BTreeMap<Text, Spanned<serde_json::Value>>,
}

/// The satellite zones of the `icinga2` output: one per site listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Satellites {
    /// The zone every satellite zone reports to, defined in the master's own `zones.conf`;
    /// `master` when not given.
    pub parent: Option<Text>,
    pub sites: Vec<Spanned<SatelliteSite>>,
}

/// A site's satellite zone: named after the site, served by one endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SatelliteSite {
    /// The site's name.
    pub site: Text,
    /// The satellite's endpoint name (its certificate's common name, usually its FQDN).
    pub endpoint: Text,
    /// The address the parent connects to; the satellite connects up itself when not given.
    pub host: Option<Text>,
    /// The API port; Icinga's 5665 when not given.
    pub port: Option<u16>,
}

/// How the `icinga2` output checks the services on one port.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ServiceCheck {
    /// `tcp` or `udp`; `udp` when not given.
    pub protocol: Option<Text>,
    pub port: Spanned<u16>,
    /// An Icinga 2 CheckCommand, e.g. the ITL's `udp` (with `udp_send` and `udp_expect`),
    /// `dig` (with `dig_lookup`), `ntp_time`, `snmp`, `http`.
    pub command: Text,
    /// Custom variables of the Service, e.g. `{dig_lookup: example.net}`.
    #[serde(default)]
    pub vars: BTreeMap<String, serde_json::Value>,
}

/// A DNS zone of the `dns` renderer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Zone {
    /// The zone's apex, e.g. `example.net` or `10.in-addr.arpa`.
    pub name: Text,
    /// The primary name server (SOA MNAME).
    pub primary_ns: Text,
    /// The responsible mailbox (SOA RNAME) as a name, e.g. `hostmaster.example.net`.
    pub admin: Text,
    #[serde(default)]
    pub nameservers: Vec<Spanned<NameServer>>,
    #[serde(default = "default_ttl")]
    pub ttl: u32,
    #[serde(default = "default_refresh")]
    pub refresh: u32,
    #[serde(default = "default_retry")]
    pub retry: u32,
    #[serde(default = "default_expire")]
    pub expire: u32,
    #[serde(default = "default_minimum")]
    pub minimum: u32,
}

/// A view of the `dns` output: the clients it answers and the VRFs whose addresses its
/// reverse zones point at. The forward zones are shared by every view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DnsView {
    /// The view's name in `named.conf`, and the folder of its reverse zone files.
    pub name: Text,
    /// The VRFs, by name, whose addresses get their PTR records in this view.
    #[serde(default)]
    pub vrfs: Vec<Text>,
    /// Whether the addresses in no VRF (the global table) get theirs in this view.
    #[serde(default)]
    pub global: bool,
    /// BIND's `match-clients` address match list (addresses, prefixes, `!` negations,
    /// `any`, `localhost`, `localnets`); `any` when not given.
    #[serde(default)]
    pub match_clients: Vec<Text>,
}

/// A name server of a zone, with its addresses for glue records inside the zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NameServer {
    pub name: Text,
    #[serde(default)]
    pub addresses: Vec<Text>,
}

fn default_true() -> bool {
    true
}
fn default_ttl() -> u32 {
    3600
}
fn default_refresh() -> u32 {
    7200
}
fn default_retry() -> u32 {
    3600
}
fn default_expire() -> u32 {
    1_209_600
}
fn default_minimum() -> u32 {
    300
}
