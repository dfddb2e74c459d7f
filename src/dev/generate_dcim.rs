//! The physical side of a generated site: power (a panel, two feeds per rack, an A and a
//! B zero-U PDU per rack fed by them), power supply modules from the module-type library in
//! the switches' PSU bays, every server's and switch's supplies cabled to its rack's PDUs,
//! and a two-member virtual chassis of out-of-band switches numbering its interfaces by
//! member (`vc_position_minus_one`, as Junos does). `generate.rs` places these parts in the
//! site file; everything here writes YAML text only.

use std::fmt::Write as _;

/// The device types this part adds, as paths inside the device-type library.
pub(super) const DEVICE_TYPES: &[&str] = &[
    "device-types/APC/AP8958.yaml",
    "device-types/Juniper/EX3400-24T.yaml",
];

/// The module types installed, as paths inside the device-type library.
pub(super) const MODULE_TYPES: &[&str] = &[
    "module-types/Arista/PWR-1100AC-F.yaml",
    "module-types/Juniper/JPSU-150-AC-AFO.yaml",
];

const PDU: &str = "APC/AP8958";
const OOB_SWITCH: &str = "Juniper/EX3400-24T";
/// The Arista switches' power supply, in bays `PSU 0` and `PSU 1`; its one power port is
/// named `{module}`, so a supply's port is the bay's position (`0`, `1`).
const ARISTA_PSU: &str = "Arista/PWR-1100AC-F";
/// The EX3400's power supply, in bay `PSU0`; its port is `Power Supply {module}`.
const JUNIPER_PSU: &str = "Juniper/JPSU-150-AC-AFO";
pub(super) const RACKS: usize = 4;
/// PDUs and out-of-band switches a site gains.
pub(super) const DEVICES: usize = 2 * RACKS + 2;

/// The shared objects this part needs, appended to the organisation's lists: text for
/// `manufacturers:` and `device_roles:`.
pub(super) const MANUFACTURERS: &str = "  - {name: APC}\n  - {name: Juniper}\n";
pub(super) const ROLES: &str = "  - {name: pdu}\n  - {name: oob-switch}\n";

/// The fabric's devices, which `generate.rs` names.
#[derive(Clone, Copy)]
pub(super) enum Role {
    Spine,
    Leaf,
    Server,
}

fn panel(site: &str) -> String {
    format!("{site}-panel1")
}

fn pdu(site: &str, rack: usize, side: char) -> String {
    format!("{site}-r{rack:02}-pdu-{side}")
}

fn oob(site: &str, member: usize) -> String {
    format!("{site}-oob{member}")
}

/// Top-level collections: the power panel, two feeds per rack and the virtual chassis.
pub(super) fn collections(t: &mut String, site: &str) {
    let panel = panel(site);
    let _ = writeln!(
        t,
        "power_panels:\n  - {{name: {panel}, site: {site}, description: hall distribution}}\npower_feeds:"
    );
    for r in 1..=RACKS {
        for (side, kind) in [('a', "primary"), ('b', "redundant")] {
            let _ = writeln!(t, "  - {{name: r{r:02}-{side}, power_panel: {panel}, rack: r{r:02}, type: {kind}, supply: ac, phase: single-phase, voltage: 230, amperage: 16, max_utilization: 80}}");
        }
    }
    let _ = writeln!(
        t,
        "virtual_chassis:\n  - {{name: {site}-oob, domain: {site}-oob, master: {}, interface_numbering: vc_position_minus_one}}",
        oob(site, 1)
    );
}

/// The `modules:` key of a spine or leaf: a power supply in each PSU bay.
pub(super) fn switch_modules(t: &mut String, serial: &str) {
    let _ = writeln!(t, "    modules:\n      - {{bay: PSU 0, type: {ARISTA_PSU}, serial: {serial}P0}}\n      - {{bay: PSU 1, type: {ARISTA_PSU}, serial: {serial}P1}}");
}

/// The PDUs and the out-of-band virtual chassis, as entries of `devices:`.
pub(super) fn devices(t: &mut String, s: usize, site: &str) {
    for r in 1..=RACKS {
        for side in ['a', 'b'] {
            let _ = writeln!(
                t,
                "  - {{name: {}, site: {site}, rack: r{r:02}, role: pdu, device_type: {PDU}, status: active, tenant: infra, serial: PD{s:05}{r}{side}}}",
                pdu(site, r, side)
            );
        }
    }
    // Member 2's `ge-0/0/0` (as the type names it) is `ge-1/0/0`: the chassis renumbers it.
    for member in 1..=2 {
        let _ = writeln!(t, "  - name: {}\n    site: {site}\n    role: oob-switch\n    device_type: {OOB_SWITCH}\n    tenant: infra\n    rack: r{:02}\n    position: 41\n    face: front\n    serial: OB{s:05}{member}\n    virtual_chassis: {site}-oob\n    vc_position: {member}\n    vc_priority: {}\n    modules:\n      - {{bay: PSU0, type: {JUNIPER_PSU}}}\n    interfaces:\n      - {{name: ge-{}/0/0, description: console server}}", oob(site, member), member + 2, 255 - (member - 1) * 127, member - 1);
    }
}

/// The power cables: each feed to its PDU, and each supply to an outlet of its rack's A
/// and B PDUs (servers on outlets 1-4, the leaf pair on 5-6, the spine or the out-of-band
/// switch on 7). `name` names the site's `count` spines, leaves and servers by index.
pub(super) fn cables(
    t: &mut String,
    site: &str,
    name: &dyn Fn(Role, usize) -> String,
    (spines, leaves, servers): (usize, usize, usize),
) {
    let panel = panel(site);
    for r in 1..=RACKS {
        for side in ['a', 'b'] {
            let _ = writeln!(t, "  - {{a: \"{panel}:r{r:02}-{side}\", a_type: power_feed, b: \"{}:Power Port 1\", b_type: power_port, type: power, status: connected}}", pdu(site, r, side));
        }
    }
    let mut supply = |device: &str, ports: [&str; 2], rack: usize, outlet: usize| {
        for (port, side) in ports.iter().zip(['a', 'b']) {
            let _ = writeln!(t, "  - {{a: \"{device}:{port}\", a_type: power_port, b: \"{}:Power Outlet {outlet}\", b_type: power_outlet, type: power}}", pdu(site, rack, side));
        }
    };
    for n in 0..servers {
        supply(
            &name(Role::Server, n),
            ["Power 1", "Power 2"],
            n / 4 % RACKS + 1,
            n % 4 + 1,
        );
    }
    for l in 0..leaves {
        supply(
            &name(Role::Leaf, l),
            ["0", "1"],
            l / 2 % RACKS + 1,
            5 + l % 2,
        );
    }
    for i in 0..spines {
        supply(&name(Role::Spine, i), ["0", "1"], i % RACKS + 1, 7);
    }
    // The out-of-band members stand in the racks without a spine, one supply each.
    for member in 1..=2 {
        let rack = member + 2;
        let _ = writeln!(t, "  - {{a: \"{}:Power Supply 0\", a_type: power_port, b: \"{}:Power Outlet 7\", b_type: power_outlet, type: power}}", oob(site, member), pdu(site, rack, 'a'));
    }
}
