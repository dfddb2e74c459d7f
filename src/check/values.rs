//! Values NetBox's field validators refuse, on DCIM, organisation and the other collections
//! netsot reads: name and slug lengths (`max_length`), slug form (`SlugField`), colours
//! (`ColorField`), rack heights, starting units and widths, MTUs, virtual chassis positions
//! and priorities, and config context data; coordinates and time zones in `geography.rs`.
//!
//! Each is a comparison on one value: no allocation unless a value is refused. Lengths are
//! counted in characters, as Django does, and only for texts longer in bytes than the limit.
//! They run here rather than while loading so that the object is kept (its references
//! resolve, nothing else is reported for its absence) and the message can name it.

use rayon::prelude::*;
use serde_json::Value;

use crate::diag::{self, codes, Diagnostic, FileId, Location};
use crate::graph::Graph;
use crate::model::dcim::Interface;
use crate::model::{Obj, Spanned, Text};

/// NetBox's `max_length` of a slug (`SlugField`), the same in every model.
const SLUG_MAX: usize = 100;

/// `RACK_U_HEIGHT_MAX` of `dcim/constants.py`.
const RACK_U_HEIGHT_MAX: u16 = 100;

/// `RackWidthChoices` of `dcim/choices.py`, in inches.
const RACK_WIDTHS: [u16; 4] = [10, 19, 21, 23];

/// `INTERFACE_MTU_MIN` and `INTERFACE_MTU_MAX` of `dcim/constants.py`.
const MTU: (u32, u32) = (1, 65536);

/// `ComponentModel` and `ComponentTemplateModel` `name max_length` of
/// `dcim/models/device_components.py` and `device_component_templates.py`.
pub(super) const COMPONENT_NAME_MAX: usize = 64;

/// `InterfaceDuplexChoices` of `dcim/choices.py`.
const DUPLEX: [&str; 3] = ["half", "full", "auto"];

/// `VC_POSITION_MAX` and the `vc_priority` validator of `dcim/models/devices.py`.
const VC_MAX: u16 = 255;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let m = &graph.model;
    named(&m.tags, "tag", 100, |o| (&o.name, o.slug.as_ref()), out);
    named(
        &m.tenant_groups,
        "tenant group",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.tenants,
        "tenant",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.regions,
        "region",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.site_groups,
        "site group",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(&m.sites, "site", 100, |o| (&o.name, o.slug.as_ref()), out);
    named(
        &m.locations,
        "location",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.manufacturers,
        "manufacturer",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.device_roles,
        "device role",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.platforms,
        "platform",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(&m.racks, "rack", 100, |o| (&o.name, None), out);
    named(
        &m.rack_roles,
        "rack role",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.rack_types,
        "rack type",
        100,
        |o| (&o.model, Some(&o.slug)),
        out,
    );
    named(
        &m.virtual_chassis,
        "virtual chassis",
        64,
        |o| (&o.name, None),
        out,
    );
    named(&m.vrfs, "VRF", 100, |o| (&o.name, None), out);
    named(
        &m.route_targets,
        "route target",
        21,
        |o| (&o.name, None),
        out,
    );
    named(&m.rirs, "RIR", 100, |o| (&o.name, o.slug.as_ref()), out);
    named(
        &m.vlan_groups,
        "VLAN group",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(&m.vlans, "VLAN", 64, |o| (&o.name, None), out);
    named(&m.services, "service", 100, |o| (&o.name, None), out);
    named(
        &m.cluster_types,
        "cluster type",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.cluster_groups,
        "cluster group",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(&m.clusters, "cluster", 100, |o| (&o.name, None), out);
    named(
        &m.providers,
        "provider",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.circuit_types,
        "circuit type",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(&m.circuits, "circuit", 100, |o| (&o.cid, None), out);
    named(
        &m.virtual_circuit_types,
        "virtual circuit type",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.virtual_circuits,
        "virtual circuit",
        100,
        |o| (&o.cid, None),
        out,
    );
    // Virtual device contexts: `name max_length=64`, under their device.
    for device in &m.devices {
        for vdc in device.data.virtual_device_contexts.iter() {
            too_long(out, device.file, &vdc.value.name, 64, || {
                "virtual device context name".into()
            });
        }
    }
    named(&m.roles, "role", 100, |o| (&o.name, o.slug.as_ref()), out);
    named(
        &m.asn_ranges,
        "ASN range",
        100,
        |o| (&o.name, o.slug.as_ref()),
        out,
    );
    named(
        &m.provider_accounts,
        "provider account",
        100,
        |o| (&o.account, None),
        out,
    );
    named(
        &m.provider_networks,
        "provider network",
        100,
        |o| (&o.name, None),
        out,
    );
    named(
        &m.config_contexts,
        "config context",
        100,
        |o| (&o.name, None),
        out,
    );
    for tag in &m.tags {
        color(out, tag.file, tag.data.color.as_ref(), || {
            format!("tag `{}`", tag.data.name.value)
        });
    }
    for role in &m.device_roles {
        let name = &role.data.name.value;
        color(out, role.file, role.data.color.as_ref(), || {
            format!("device role `{name}`")
        });
    }
    // `RackReservation.description`: required, not blank, at most 200 characters.
    for reservation in &m.rack_reservations {
        let description = &reservation.data.description;
        if description.value.trim().is_empty() {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "the reservation of rack `{}` has a blank description",
                        reservation.data.rack.value
                    ),
                )
                .at(reservation.at(description))
                .with_help("say what the units are reserved for"),
            );
        }
        too_long(out, reservation.file, description, 200, || {
            format!(
                "description of a reservation of rack `{}`",
                reservation.data.rack.value
            )
        });
    }
    for role in &m.rack_roles {
        let name = &role.data.name.value;
        color(out, role.file, role.data.color.as_ref(), || {
            format!("rack role `{name}`")
        });
    }
    for cable in &m.cables {
        color(out, cable.file, cable.data.color.as_ref(), || {
            "a cable".to_string()
        });
    }
    for site in &m.sites {
        super::geography::site_values(site, out);
    }
    for vrf in &m.vrfs {
        if let Some(rd) = &vrf.data.rd {
            too_long(out, vrf.file, rd, 21, || {
                format!("route distinguisher of VRF `{}`", vrf.data.name.value)
            });
        }
    }
    for rack in &m.racks {
        let data = &rack.data;
        if let Some(tag) = &data.asset_tag {
            too_long(out, rack.file, tag, 50, || {
                format!("asset tag of rack `{}`", data.name.value)
            });
        }
        let sizes = RackSizes {
            kind: "rack",
            name: &data.name.value,
            u_height: data.u_height.as_ref(),
            starting_unit: data.starting_unit.as_ref(),
            width: data.width.as_ref(),
        };
        rack_values(rack.file, &sizes, out);
    }
    for rack_type in &m.rack_types {
        let data = &rack_type.data;
        let sizes = RackSizes {
            kind: "rack type",
            name: &data.slug.value,
            u_height: data.u_height.as_ref(),
            starting_unit: data.starting_unit.as_ref(),
            width: data.width.as_ref(),
        };
        rack_values(rack_type.file, &sizes, out);
    }
    for context in &m.config_contexts {
        let data = &context.data.data;
        if !data.value.is_object() {
            out.push(not_a_mapping(
                context.at(data),
                format!("`data` of config context `{}`", context.data.name.value),
                &data.value,
            ));
        }
    }
    let devices = m.devices.par_iter().flat_map_iter(|device| {
        let mut found = Vec::new();
        let data = &device.data;
        let at = |value| Location::new(device.file, value);
        if let Some(name) = &data.name {
            too_long(&mut found, device.file, name, 64, || {
                "device name".to_string()
            });
        }
        if let Some(tag) = &data.asset_tag {
            too_long(&mut found, device.file, tag, 50, || {
                format!("asset tag of device `{}`", data.label())
            });
        }
        if data.latitude.is_some() || data.longitude.is_some() {
            super::geography::coordinates(
                device.file,
                || format!("device `{}`", data.label()),
                data.latitude.as_ref(),
                data.longitude.as_ref(),
                &mut found,
            );
        }
        for (value, what) in [
            (&data.vc_position, "vc_position"),
            (&data.vc_priority, "vc_priority"),
        ] {
            if let Some(value) = value.as_ref().filter(|v| v.value > VC_MAX) {
                found.push(
                    Diagnostic::new(
                        &codes::INVALID_VALUE,
                        format!(
                            "`{what}` of device `{}` is {}, above {VC_MAX}",
                            data.label(),
                            value.value
                        ),
                    )
                    .at(at(value.span))
                    .with_help(format!("use 0 to {VC_MAX}")),
                );
            }
        }
        local_context(
            &mut found,
            device.file,
            data.config_context.as_ref(),
            || format!("device `{}`", data.label()),
        );
        interfaces(&mut found, device.file, data.label(), &data.interfaces);
        component_names(&mut found, device.file, data);
        found
    });
    let machines = m.virtual_machines.par_iter().flat_map_iter(|vm| {
        let mut found = Vec::new();
        let data = &vm.data;
        too_long(&mut found, vm.file, &data.name, 64, || {
            "virtual machine name".to_string()
        });
        local_context(&mut found, vm.file, data.config_context.as_ref(), || {
            format!("virtual machine `{}`", data.name.value)
        });
        if let Some(vcpus) = &data.vcpus {
            vcpus_value(&mut found, vm.file, &data.name.value, vcpus);
        }
        interfaces(&mut found, vm.file, &data.name.value, &data.interfaces);
        for disk in &data.virtual_disks {
            too_long(
                &mut found,
                vm.file,
                &disk.value.name,
                COMPONENT_NAME_MAX,
                || format!("virtual disk name of `{}`", data.name.value),
            );
        }
        found
    });
    out.par_extend(devices.chain(machines));
}

/// The name (and slug) of every object of a collection.
fn named<T>(
    objects: &[Obj<T>],
    kind: &str,
    max: usize,
    parts: impl Fn(&T) -> (&Text, Option<&Text>),
    out: &mut Vec<Diagnostic>,
) {
    for object in objects {
        let (name, slug) = parts(&object.data);
        too_long(out, object.file, name, max, || format!("{kind} name"));
        if let Some(slug) = slug {
            slug_form(out, object.file, slug, || {
                format!("{kind} `{}`", name.value)
            });
        }
    }
}

/// Reports a text of more than `max` characters; `what` names it ("site name `x`").
pub(super) fn too_long(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    text: &Text,
    max: usize,
    what: impl FnOnce() -> String,
) {
    // A text of at most `max` bytes has at most `max` characters: most stop here.
    if text.value.len() <= max {
        return;
    }
    let count = text.value.chars().count();
    if count > max {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!(
                    "{} `{}` is {count} characters long; NetBox allows {max}",
                    what(),
                    diag::quote(&text.value)
                ),
            )
            .at(Location::new(file, text.span))
            .with_help(format!("shorten it to at most {max} characters")),
        );
    }
}

/// `SlugField`: letters, digits, `-` and `_` (`validate_slug`), at most 100 characters.
fn slug_form(out: &mut Vec<Diagnostic>, file: FileId, slug: &Text, object: impl Fn() -> String) {
    let value = &slug.value;
    let valid = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!(
                    "slug `{}` of {} is not a slug",
                    diag::quote(value),
                    object()
                ),
            )
            .at(Location::new(file, slug.span))
            .with_help("use only letters, digits, `-` and `_`, e.g. `ams-1`"),
        );
    }
    too_long(out, file, slug, SLUG_MAX, || format!("{} slug", object()));
}

/// `ColorField`: six lower-case hexadecimal digits (`ColorValidator`).
fn color(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    color: Option<&Text>,
    object: impl FnOnce() -> String,
) {
    let Some(color) = color else {
        return;
    };
    let value = &color.value;
    let valid = value.len() == 6
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if valid {
        return;
    }
    let bare = value.trim_start_matches('#').to_ascii_lowercase();
    let help = if bare.len() == 6 && bare.bytes().all(|b| b.is_ascii_hexdigit()) {
        format!("write it `{bare}`")
    } else {
        "write six hexadecimal digits in lower case, without `#`, e.g. `aa1409`".to_string()
    };
    out.push(
        Diagnostic::new(
            &codes::INVALID_VALUE,
            format!(
                "colour `{}` of {} is not six lower-case hexadecimal digits",
                diag::quote(value),
                object()
            ),
        )
        .at(Location::new(file, color.span))
        .with_help(help),
    );
}

/// The sizes racks and rack types share (NetBox's `RackBase`), named for messages.
struct RackSizes<'a> {
    kind: &'static str,
    name: &'a str,
    u_height: Option<&'a Spanned<u16>>,
    starting_unit: Option<&'a Spanned<u16>>,
    width: Option<&'a Spanned<u16>>,
}

/// Height 1 to 100 units, starting unit at least 1, width a known choice.
fn rack_values(file: FileId, data: &RackSizes, out: &mut Vec<Diagnostic>) {
    let (kind, name) = (data.kind, data.name);
    let at = |value: &Spanned<u16>| Location::new(file, value.span);
    if let Some(height) = data
        .u_height
        .filter(|h| !(1..=RACK_U_HEIGHT_MAX).contains(&h.value))
    {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!(
                    "{kind} `{name}` is {} units high, outside 1 to {RACK_U_HEIGHT_MAX}",
                    height.value
                ),
            )
            .at(at(height))
            .with_help(format!("give `u_height` from 1 to {RACK_U_HEIGHT_MAX}")),
        );
    }
    if let Some(start) = data.starting_unit.filter(|s| s.value < 1) {
        out.push(
            Diagnostic::new(
                &codes::INVALID_VALUE,
                format!("{kind} `{name}` starts at unit {}, below 1", start.value),
            )
            .at(at(start))
            .with_help("number the lowest unit 1 or more"),
        );
    }
    if let Some(width) = data.width.filter(|w| !RACK_WIDTHS.contains(&w.value)) {
        out.push(
            Diagnostic::new(
                &codes::INVALID_CHOICE,
                format!(
                    "{kind} `{name}` is {} inches wide, not a rack width",
                    width.value
                ),
            )
            .at(at(width))
            .with_help("allowed values: 10, 19, 21, 23"),
        );
    }
}

/// `ComponentModel` `name max_length=64` for a device's own console, power and front/rear
/// ports, outlets and module bays (interfaces are checked with their other values).
fn component_names(out: &mut Vec<Diagnostic>, file: FileId, device: &crate::model::dcim::Device) {
    let owner = device.label();
    let mut names = |kind: &str, list: &mut dyn Iterator<Item = &Text>| {
        for name in list {
            too_long(out, file, name, COMPONENT_NAME_MAX, || {
                format!("{kind} name on `{owner}`")
            });
        }
    };
    names(
        "console port",
        &mut device.console_ports.iter().map(|p| &p.value.name),
    );
    names(
        "console server port",
        &mut device.console_server_ports.iter().map(|p| &p.value.name),
    );
    names(
        "power port",
        &mut device.power_ports.iter().map(|p| &p.value.name),
    );
    names(
        "power outlet",
        &mut device.power_outlets.iter().map(|p| &p.value.name),
    );
    names(
        "front port",
        &mut device.front_ports.iter().map(|p| &p.value.name),
    );
    names(
        "rear port",
        &mut device.rear_ports.iter().map(|p| &p.value.name),
    );
    names(
        "module bay",
        &mut device.module_bays.iter().map(|p| &p.value.name),
    );
}

/// `vcpus` of `virtualization/models/virtualmachines.py`: a `DecimalField(max_digits=6,
/// decimal_places=2)` with `MinValueValidator(0.01)`, so 0.01 to 9999.99 in hundredths.
fn vcpus_value(out: &mut Vec<Diagnostic>, file: FileId, vm: &str, vcpus: &Spanned<f64>) {
    let value = vcpus.value;
    let hundredths = value * 100.0;
    // A value written with at most two decimals is within a rounding error of a whole
    // number of hundredths.
    let two_decimals = (hundredths - hundredths.round()).abs() < 1e-6;
    let problem = if !(0.01..10_000.0).contains(&value) {
        "outside 0.01 to 9999.99"
    } else if !two_decimals {
        "finer than hundredths"
    } else {
        return;
    };
    out.push(
        Diagnostic::new(
            &codes::INVALID_VALUE,
            format!("`vcpus` of virtual machine `{vm}` is {value}, {problem}"),
        )
        .at(Location::new(file, vcpus.span))
        .with_help("give the vCPUs from 0.01 to 9999.99, with at most two decimals"),
    );
}

/// Interface names of at most 64 characters, MTUs of 1 to 65536, `duplex` one of
/// `InterfaceDuplexChoices` and `mac_address` an EUI-48 as NetBox's `MACAddressField`
/// parses it.
fn interfaces(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    owner: &str,
    interfaces: &[Spanned<Interface>],
) {
    for interface in interfaces {
        too_long(out, file, &interface.name, 64, || {
            format!("interface name on `{owner}`")
        });
        if let Some(mtu) = interface
            .mtu
            .as_ref()
            .filter(|m| !(MTU.0..=MTU.1).contains(&m.value))
        {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "MTU of interface `{}:{}` is {}, outside {} to {}",
                        owner, interface.name.value, mtu.value, MTU.0, MTU.1
                    ),
                )
                .at(Location::new(file, mtu.span))
                .with_help(format!("use {} to {}", MTU.0, MTU.1)),
            );
        }
        if let Some(duplex) = interface
            .duplex
            .as_deref()
            .filter(|d| !DUPLEX.contains(&d.value.as_str()))
        {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_CHOICE,
                    format!(
                        "duplex `{}` of interface `{}:{}` is not a known choice",
                        diag::quote(&duplex.value),
                        owner,
                        interface.name.value
                    ),
                )
                .at(Location::new(file, duplex.span))
                .with_help("allowed values: half, full, auto"),
            );
        }
        let listed = interface.mac_addresses.iter().map(|m| &m.value.mac_address);
        for mac in interface
            .mac_address
            .as_deref()
            .into_iter()
            .chain(listed)
            .filter(|m| !super::eui48::is_valid(&m.value))
        {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "MAC address `{}` of interface `{}:{}` is not an EUI-48 address",
                        diag::quote(&mac.value),
                        owner,
                        interface.name.value
                    ),
                )
                .at(Location::new(file, mac.span))
                .with_help("write six bytes in hexadecimal, e.g. `00:1b:21:3c:4d:5e`"),
            );
        }
        // A MAC address is known by its interface and value (what push matches it by), so
        // one listed twice under an interface is one object written twice. A handful at
        // most per interface: comparing them pairwise costs nothing.
        let listed = &interface.mac_addresses;
        for (i, mac) in listed.iter().enumerate().skip(1) {
            let value = &mac.value.mac_address;
            if let Some(first) = listed[..i]
                .iter()
                .find(|m| crate::model::dcim::same_mac(&m.value.mac_address.value, &value.value))
            {
                out.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_OBJECT,
                        format!(
                            "duplicate MAC address `{}` on interface `{}:{}`",
                            diag::quote(&value.value),
                            owner,
                            interface.name.value
                        ),
                    )
                    .at_labelled(Location::new(file, value.span), "defined again here")
                    .with_secondary(
                        Location::new(file, first.value.mac_address.span),
                        "first defined here",
                    )
                    .with_help("list each MAC address of an interface once"),
                );
            }
        }
    }
}

/// A device's or virtual machine's own config context must be a mapping.
fn local_context(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    context: Option<&Spanned<Value>>,
    object: impl FnOnce() -> String,
) {
    if let Some(context) = context.filter(|c| !c.value.is_object() && !c.value.is_null()) {
        out.push(not_a_mapping(
            Location::new(file, context.span),
            format!("`config_context` of {}", object()),
            &context.value,
        ));
    }
}

fn not_a_mapping(at: Location, what: String, value: &Value) -> Diagnostic {
    let found = match value {
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
        Value::Null => "nothing",
        _ => "a scalar",
    };
    Diagnostic::new(
        &codes::INVALID_VALUE,
        format!("{what} must be a mapping, found {found}"),
    )
    .at(at)
    .with_help("write the data as keys and values, e.g. `{ntp_servers: [10.0.0.1]}`")
}
