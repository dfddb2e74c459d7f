//! Kea's standard DHCP options: the names `option-data` takes without an `option-def`, with
//! their codes, types and whether they take a list, as Kea 2.2 (Debian 12's `kea-dhcp4-server`
//! and `kea-dhcp6-server`) defines them in `src/lib/dhcp/std_option_defs.h`. Every name was
//! checked against `kea-dhcp4 -t` and `kea-dhcp6 -t`: names later Kea releases added
//! (`v4-dnr`, `v6-dnr`...) are refused by Kea 2.2 and are not here.

/// How Kea parses an option's data; Kea's own syntaxes (records, binary, tuples, prefixes) are
/// [`DataKind::Other`], left to Kea.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataKind {
    Empty,
    Boolean,
    Int { bits: u8, signed: bool },
    Ipv4,
    Ipv6,
    String,
    Fqdn,
    Other,
}

pub struct OptionDef {
    pub code: u16,
    pub name: &'static str,
    pub kind: DataKind,
    /// Whether the option takes a comma-separated list.
    pub array: bool,
}

const fn def(code: u16, name: &'static str, kind: DataKind, array: bool) -> OptionDef {
    OptionDef {
        code,
        name,
        kind,
        array,
    }
}

use DataKind::*;

const I32: DataKind = Int {
    bits: 32,
    signed: true,
};
const U8: DataKind = Int {
    bits: 8,
    signed: false,
};
const U16: DataKind = Int {
    bits: 16,
    signed: false,
};
const U32: DataKind = Int {
    bits: 32,
    signed: false,
};

/// The definition of a standard option of a family, by name.
pub fn find(v4: bool, name: &str) -> Option<&'static OptionDef> {
    table(v4).iter().find(|d| d.name == name)
}

/// The names of a family's standard options.
pub fn names(v4: bool) -> impl Iterator<Item = &'static str> {
    table(v4).iter().map(|d| d.name)
}

/// Every standard option of a family.
pub fn table(v4: bool) -> &'static [OptionDef] {
    if v4 {
        DHCP4
    } else {
        DHCP6
    }
}

/// The `dhcp4` space (`STANDARD_V4_OPTION_DEFINITIONS`, and `vendor-encapsulated-options`,
/// which Kea 2.2 takes by name too).
static DHCP4: &[OptionDef] = &[
    def(1, "subnet-mask", Ipv4, false),
    def(2, "time-offset", I32, false),
    def(3, "routers", Ipv4, true),
    def(4, "time-servers", Ipv4, true),
    def(5, "name-servers", Ipv4, true),
    def(6, "domain-name-servers", Ipv4, true),
    def(7, "log-servers", Ipv4, true),
    def(8, "cookie-servers", Ipv4, true),
    def(9, "lpr-servers", Ipv4, true),
    def(10, "impress-servers", Ipv4, true),
    def(11, "resource-location-servers", Ipv4, true),
    def(12, "host-name", String, false),
    def(13, "boot-size", U16, false),
    def(14, "merit-dump", String, false),
    def(15, "domain-name", String, false),
    def(16, "swap-server", Ipv4, false),
    def(17, "root-path", String, false),
    def(18, "extensions-path", String, false),
    def(19, "ip-forwarding", Boolean, false),
    def(20, "non-local-source-routing", Boolean, false),
    def(21, "policy-filter", Ipv4, true),
    def(22, "max-dgram-reassembly", U16, false),
    def(23, "default-ip-ttl", U8, false),
    def(24, "path-mtu-aging-timeout", U32, false),
    def(25, "path-mtu-plateau-table", U16, true),
    def(26, "interface-mtu", U16, false),
    def(27, "all-subnets-local", Boolean, false),
    def(28, "broadcast-address", Ipv4, false),
    def(29, "perform-mask-discovery", Boolean, false),
    def(30, "mask-supplier", Boolean, false),
    def(31, "router-discovery", Boolean, false),
    def(32, "router-solicitation-address", Ipv4, false),
    def(33, "static-routes", Ipv4, true),
    def(34, "trailer-encapsulation", Boolean, false),
    def(35, "arp-cache-timeout", U32, false),
    def(36, "ieee802-3-encapsulation", Boolean, false),
    def(37, "default-tcp-ttl", U8, false),
    def(38, "tcp-keepalive-interval", U32, false),
    def(39, "tcp-keepalive-garbage", Boolean, false),
    def(40, "nis-domain", String, false),
    def(41, "nis-servers", Ipv4, true),
    def(42, "ntp-servers", Ipv4, true),
    def(43, "vendor-encapsulated-options", Empty, false),
    def(44, "netbios-name-servers", Ipv4, true),
    def(45, "netbios-dd-server", Ipv4, true),
    def(46, "netbios-node-type", U8, false),
    def(47, "netbios-scope", String, false),
    def(48, "font-servers", Ipv4, true),
    def(49, "x-display-manager", Ipv4, true),
    def(50, "dhcp-requested-address", Ipv4, false),
    def(51, "dhcp-lease-time", U32, false),
    def(52, "dhcp-option-overload", U8, false),
    def(53, "dhcp-message-type", U8, false),
    def(54, "dhcp-server-identifier", Ipv4, false),
    def(55, "dhcp-parameter-request-list", U8, true),
    def(56, "dhcp-message", String, false),
    def(57, "dhcp-max-message-size", U16, false),
    def(58, "dhcp-renewal-time", U32, false),
    def(59, "dhcp-rebinding-time", U32, false),
    def(60, "vendor-class-identifier", String, false),
    def(61, "dhcp-client-identifier", Other, false),
    def(62, "nwip-domain-name", String, false),
    def(63, "nwip-suboptions", Other, false),
    def(64, "nisplus-domain-name", String, false),
    def(65, "nisplus-servers", Ipv4, true),
    def(66, "tftp-server-name", String, false),
    def(67, "boot-file-name", String, false),
    def(68, "mobile-ip-home-agent", Ipv4, true),
    def(69, "smtp-server", Ipv4, true),
    def(70, "pop-server", Ipv4, true),
    def(71, "nntp-server", Ipv4, true),
    def(72, "www-server", Ipv4, true),
    def(73, "finger-server", Ipv4, true),
    def(74, "irc-server", Ipv4, true),
    def(75, "streettalk-server", Ipv4, true),
    def(76, "streettalk-directory-assistance-server", Ipv4, true),
    def(77, "user-class", Other, false),
    def(78, "slp-directory-agent", Other, true),
    def(79, "slp-service-scope", Other, false),
    def(81, "fqdn", Other, false),
    def(82, "dhcp-agent-options", Empty, false),
    def(85, "nds-servers", Ipv4, true),
    def(86, "nds-tree-name", String, false),
    def(87, "nds-context", String, false),
    def(88, "bcms-controller-names", Fqdn, true),
    def(89, "bcms-controller-address", Ipv4, true),
    def(90, "authenticate", Other, false),
    def(91, "client-last-transaction-time", U32, false),
    def(92, "associated-ip", Ipv4, true),
    def(93, "client-system", U16, true),
    def(94, "client-ndi", Other, false),
    def(97, "uuid-guid", Other, false),
    def(98, "uap-servers", String, false),
    def(99, "geoconf-civic", Other, false),
    def(100, "pcode", String, false),
    def(101, "tcode", String, false),
    def(108, "v6-only-preferred", U32, false),
    def(112, "netinfo-server-address", Ipv4, true),
    def(113, "netinfo-server-tag", String, false),
    def(114, "v4-captive-portal", String, false),
    def(116, "auto-config", U8, false),
    def(117, "name-service-search", U16, true),
    def(118, "subnet-selection", Ipv4, false),
    def(119, "domain-search", Fqdn, true),
    def(124, "vivco-suboptions", Other, false),
    def(125, "vivso-suboptions", U32, false),
    def(136, "pana-agent", Ipv4, true),
    def(137, "v4-lost", Fqdn, false),
    def(138, "capwap-ac-v4", Ipv4, true),
    def(141, "sip-ua-cs-domains", Fqdn, true),
    def(146, "rdnss-selection", Other, true),
    def(159, "v4-portparams", Other, false),
    def(212, "option-6rd", Other, true),
    def(213, "v4-access-domain", Fqdn, false),
];

/// The `dhcp6` space (`STANDARD_V6_OPTION_DEFINITIONS`).
static DHCP6: &[OptionDef] = &[
    def(1, "clientid", Other, false),
    def(2, "serverid", Other, false),
    def(3, "ia-na", Other, false),
    def(4, "ia-ta", U32, false),
    def(5, "iaaddr", Other, false),
    def(6, "oro", U16, true),
    def(7, "preference", U8, false),
    def(8, "elapsed-time", U16, false),
    def(9, "relay-msg", Other, false),
    def(11, "auth", Other, false),
    def(12, "unicast", Ipv6, false),
    def(13, "status-code", Other, false),
    def(14, "rapid-commit", Empty, false),
    def(15, "user-class", Other, false),
    def(16, "vendor-class", Other, false),
    def(17, "vendor-opts", U32, false),
    def(18, "interface-id", Other, false),
    def(19, "reconf-msg", U8, false),
    def(20, "reconf-accept", Empty, false),
    def(21, "sip-server-dns", Fqdn, true),
    def(22, "sip-server-addr", Ipv6, true),
    def(23, "dns-servers", Ipv6, true),
    def(24, "domain-search", Fqdn, true),
    def(25, "ia-pd", Other, false),
    def(26, "iaprefix", Other, false),
    def(27, "nis-servers", Ipv6, true),
    def(28, "nisp-servers", Ipv6, true),
    def(29, "nis-domain-name", Fqdn, true),
    def(30, "nisp-domain-name", Fqdn, true),
    def(31, "sntp-servers", Ipv6, true),
    def(32, "information-refresh-time", U32, false),
    def(33, "bcmcs-server-dns", Fqdn, true),
    def(34, "bcmcs-server-addr", Ipv6, true),
    def(36, "geoconf-civic", Other, false),
    def(37, "remote-id", Other, false),
    def(38, "subscriber-id", Other, false),
    def(39, "client-fqdn", Other, false),
    def(40, "pana-agent", Ipv6, true),
    def(41, "new-posix-timezone", String, false),
    def(42, "new-tzdb-timezone", String, false),
    def(43, "ero", U16, true),
    def(44, "lq-query", Other, false),
    def(45, "client-data", Empty, false),
    def(46, "clt-time", U32, false),
    def(47, "lq-relay-data", Other, false),
    def(48, "lq-client-link", Ipv6, true),
    def(51, "v6-lost", Fqdn, false),
    def(52, "capwap-ac-v6", Ipv6, true),
    def(53, "relay-id", Other, false),
    def(57, "v6-access-domain", Fqdn, false),
    def(58, "sip-ua-cs-list", Fqdn, true),
    def(59, "bootfile-url", String, false),
    def(60, "bootfile-param", Other, true),
    def(61, "client-arch-type", U16, true),
    def(62, "nii", Other, false),
    def(64, "aftr-name", Fqdn, false),
    def(65, "erp-local-domain-name", Fqdn, false),
    def(66, "rsoo", Empty, false),
    def(67, "pd-exclude", Other, false),
    def(74, "rdnss-selection", Other, true),
    def(79, "client-linklayer-addr", Other, false),
    def(80, "link-address", Ipv6, false),
    def(82, "solmax-rt", U32, false),
    def(83, "inf-max-rt", U32, false),
    def(87, "dhcpv4-message", Other, false),
    def(88, "dhcp4o6-server-addr", Ipv6, true),
    def(94, "s46-cont-mape", Empty, false),
    def(95, "s46-cont-mapt", Empty, false),
    def(96, "s46-cont-lw", Empty, false),
    def(103, "v6-captive-portal", String, false),
    def(135, "relay-source-port", U16, false),
    def(143, "ipv6-address-andsf", Ipv6, true),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_per_family() {
        for v4 in [true, false] {
            let mut names: Vec<&str> = names(v4).collect();
            let count = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), count);
        }
        assert_eq!(find(true, "routers").map(|d| d.code), Some(3));
        assert!(find(false, "routers").is_none());
        assert_eq!(find(false, "dns-servers").map(|d| d.code), Some(23));
    }
}
