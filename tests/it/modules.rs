//! Modules from the device-type library installed in chassis, nested modules, virtual
//! chassis numbering and interface entries that rename or remove what the type gives.

use netsot::compile::{compile, Compilation};
use netsot::graph::Owner;
use netsot::source::Source;

use crate::support::{listed, repo, shared_data};

/// Compiles `data` in a repository whose types are a few files of the library (read in
/// place, allowed as an outside folder).
fn with_library(data: &str) -> Compilation {
    let library = shared_data()
        .join("devicetype-library")
        .canonicalize()
        .expect("the shared device-type library");
    let relative = relative_to_tmp(&library);
    // The few files used, not whole folders: this test is about modules, and
    // `library.rs` loads the whole library once.
    let config = format!(
        "version: 1\ndevice_types: [\"{relative}/device-types/Juniper/MX240.yaml\", \"{relative}/device-types/Cisco/ASR-9006.yaml\"]\nmodule_types: [\"{relative}/module-types/Juniper/MPC7E-MRATE.yaml\", \"{relative}/module-types/Cisco/A9K-MOD400-TR.yaml\", \"{relative}/module-types/Cisco/A9K-MPA-20X1GE.yaml\"]\n"
    );
    let dir = repo(&[("netsot.yaml", &config), ("data/a.yaml", data)]);
    let source = Source::open(Some(dir.path()), None)
        .and_then(|source| source.allow_outside(std::slice::from_ref(&library)))
        .unwrap_or_else(|e| panic!("{}", e.message));
    compile(&source).unwrap_or_else(|e| panic!("{}", e.message))
}

/// The names of a device's interfaces, sorted.
fn interface_names(compilation: &Compilation, device: &str) -> Vec<String> {
    let graph = &compilation.graph;
    let index = graph
        .model
        .devices
        .iter()
        .position(|d| d.data.label() == device)
        .expect("device");
    let owner = Owner::Device(netsot::graph::DeviceId::from_index(index));
    let mut names: Vec<String> = graph
        .owner_interfaces(owner)
        .map(|i| graph.interface_name(i).to_string())
        .collect();
    names.sort();
    names
}

const ORGANISATION: &str =
    "sites:\n  - {name: ams1, status: active}\ndevice_roles:\n  - {name: core}\n";

#[test]
fn line_cards_give_the_chassis_their_interfaces_named_by_slot() {
    let data = format!(
        "{ORGANISATION}devices:\n  - name: core1\n    role: core\n    device_type: Juniper/MX240\n    site: ams1\n    modules:\n      - {{bay: FPC 1, type: Juniper/MPC7E-MRATE, serial: CAxx1}}\n      - {{module_bay: FPC 2, module_type: MPC7E-MRATE, status: planned}}\n    interfaces:\n      - name: et-1/0/0\n        description: to core2\n        ip_addresses: [{{address: 192.0.2.1/31}}]\ncables:\n  - {{a: 'core1:et-2/1/5', b: 'core1:et-1/1/5'}}\n"
    );
    let compilation = with_library(&data);
    let errors: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    assert!(errors.is_empty(), "{}", listed(&errors, &compilation));
    let names = interface_names(&compilation, "core1");
    assert_eq!(names.len(), 24, "12 ports per card: {names:?}");
    for expected in ["et-1/0/0", "et-1/1/5", "et-2/0/0", "et-2/1/5"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(!names.iter().any(|n| n.contains("{module}")));
    let graph = &compilation.graph;
    let owner = Owner::Device(netsot::graph::DeviceId::from_index(0));
    let et = graph
        .find_interface(owner, "et-1/0/0")
        .expect("found by name");
    let module = graph.interface_module(et).expect("from a module");
    assert_eq!(graph.module_data(module).bay.value, "FPC 1");
    assert_eq!(
        graph.interface_kind(et).map(|k| k.as_str()),
        Some("40gbase-x-qsfpp"),
        "the module type's template"
    );
    assert_eq!(graph.links(et).ip_addresses.len(), 1);
}

#[test]
fn a_nested_module_joins_the_positions_of_its_bays_outermost_first() {
    let data = format!(
        "{ORGANISATION}devices:\n  - name: pe1\n    role: core\n    device_type: Cisco/ASR-9006\n    site: ams1\n    modules:\n      - bay: Slot 2\n        type: Cisco/A9K-MOD400-TR\n        modules:\n          - {{bay: Sub Slot 1, type: Cisco/A9K-MPA-20X1GE}}\n"
    );
    let compilation = with_library(&data);
    let errors: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    assert!(errors.is_empty(), "{}", listed(&errors, &compilation));
    let names = interface_names(&compilation, "pe1");
    // NetBox replaces `{module}` by each bay's position from the chassis down: the line
    // card's slot is position `LC0` in this type, the adapter's sub-slot `1`.
    assert!(
        names.iter().any(|n| n == "GigabitEthernet0/LC0/1/0"),
        "{names:?}"
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with("GigabitEthernet0/LC0/1/"))
            .count(),
        20
    );
}

#[test]
fn a_card_made_for_a_sub_slot_in_a_chassis_slot_is_reported() {
    let data = format!(
        "{ORGANISATION}devices:\n  - name: pe1\n    role: core\n    device_type: Cisco/ASR-9006\n    site: ams1\n    modules:\n      - {{bay: Slot 2, type: Cisco/A9K-MPA-20X1GE}}\n"
    );
    let compilation = with_library(&data);
    let codes: Vec<&str> = compilation
        .diagnostics
        .iter()
        .map(|d| d.rule.code)
        .collect();
    assert_eq!(
        codes,
        ["NS0672"],
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
}

const ACME: &str = "sites:\n  - {name: ams1, status: active}\ndevice_roles:\n  - {name: leaf}\nmanufacturers:\n  - {name: Acme}\ndevice_types:\n  - manufacturer: Acme\n    model: EX1\n    interfaces:\n      - {name: et-0/0/0, type: 100gbase-x-qsfp28}\n      - {name: et-0/0/1, type: 100gbase-x-qsfp28}\n      - {name: em0, type: 1000base-t}\n";

fn inline(data: &str) -> Compilation {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    crate::support::compile_path(dir.path())
}

#[test]
fn virtual_chassis_members_number_their_slots_by_position_when_asked() {
    let data = format!(
        "{ACME}virtual_chassis:\n  - {{name: vc1, master: sw1, interface_numbering: vc_position_minus_one}}\n  - {{name: vc2, master: sw3}}\ndevices:\n  - {{name: sw1, role: leaf, device_type: Acme/EX1, site: ams1, virtual_chassis: vc1, vc_position: 1}}\n  - name: sw2\n    role: leaf\n    device_type: Acme/EX1\n    site: ams1\n    virtual_chassis: vc1\n    vc_position: 2\n    interfaces: [{{name: et-1/0/1, description: uplink}}]\n  - {{name: sw3, role: leaf, device_type: Acme/EX1, site: ams1, virtual_chassis: vc2, vc_position: 2}}\n"
    );
    let compilation = inline(&data);
    assert!(
        compilation.diagnostics.is_empty(),
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    assert_eq!(
        interface_names(&compilation, "sw1"),
        ["em0", "et-0/0/0", "et-0/0/1"]
    );
    assert_eq!(
        interface_names(&compilation, "sw2"),
        ["em0", "et-1/0/0", "et-1/0/1"],
        "member 2 is FPC 1; `em0` has no slot"
    );
    assert_eq!(
        interface_names(&compilation, "sw3"),
        ["em0", "et-0/0/0", "et-0/0/1"],
        "NetBox does not renumber unless the chassis asks"
    );
}

#[test]
fn entries_rename_remove_and_add_interfaces() {
    let data = format!(
        "{ACME}devices:\n  - name: sw1\n    role: leaf\n    device_type: Acme/EX1\n    site: ams1\n    interfaces:\n      - {{name: et-0/0/0, remove: true}}\n      - {{name: uplink0, rename_from: et-0/0/1, description: to spine}}\n      - {{name: lo0, type: virtual}}\n"
    );
    let compilation = inline(&data);
    assert!(
        compilation.diagnostics.is_empty(),
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    assert_eq!(
        interface_names(&compilation, "sw1"),
        ["em0", "lo0", "uplink0"]
    );
    let graph = &compilation.graph;
    let owner = Owner::Device(netsot::graph::DeviceId::from_index(0));
    let uplink = graph.find_interface(owner, "uplink0").expect("renamed");
    assert_eq!(
        graph.interface_template_name(uplink),
        Some("et-0/0/1"),
        "a renamed interface remembers its template"
    );
    assert_eq!(graph.interface_description(uplink), Some("to spine"));

    // A rename onto a name the type already gives is a duplicate.
    let clash = format!(
        "{ACME}devices:\n  - name: sw1\n    role: leaf\n    device_type: Acme/EX1\n    site: ams1\n    interfaces:\n      - {{name: em0, rename_from: et-0/0/1}}\n"
    );
    let compilation = inline(&clash);
    assert_eq!(
        listed(&compilation.diagnostics, &compilation).trim(),
        "NS0201 data/a.yaml:20:16: duplicate interface `em0`"
    );
}

/// netsot.yaml paths are relative to the repository; from a temporary folder, climb to `/`.
fn relative_to_tmp(target: &std::path::Path) -> String {
    let tmp = std::env::temp_dir().canonicalize().expect("tmp");
    let depth = tmp.components().count() + 1;
    format!(
        "{}{}",
        "../".repeat(depth),
        target.strip_prefix("/").expect("absolute").display()
    )
}

#[test]
fn a_cable_reaches_a_console_port_a_module_gives() {
    let data = "sites:\n  - {name: ams1, status: active}\ndevice_roles:\n  - {name: leaf}\nmanufacturers:\n  - {name: Acme}\ndevice_types:\n  - manufacturer: Acme\n    model: C1\n    module-bays:\n      - {name: Slot 3, position: '3'}\n  - manufacturer: Acme\n    model: TS1\n    console-server-ports:\n      - {name: port1, type: rj-45}\nmodule_types:\n  - manufacturer: Acme\n    model: RE1\n    console-ports:\n      - {name: 'con{module}', type: rj-45}\ndevices:\n  - name: core1\n    role: leaf\n    device_type: Acme/C1\n    site: ams1\n    modules: [{bay: Slot 3, type: Acme/RE1}]\n  - {name: ts1, role: leaf, device_type: Acme/TS1, site: ams1}\ncables:\n  - {a: 'core1:con3', a_type: console_port, b: 'ts1:port1', b_type: console_server_port}\n";
    let compilation = inline(data);
    assert!(
        compilation.diagnostics.is_empty(),
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    let wrong = data.replace("core1:con3", "core1:con1");
    let compilation = inline(&wrong);
    let codes: Vec<&str> = compilation
        .diagnostics
        .iter()
        .map(|d| d.rule.code)
        .collect();
    assert_eq!(
        codes,
        ["NS0301"],
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
}

#[test]
fn the_diff_names_modules_by_bay_and_renames_by_template() {
    let base = "sites:\n  - {name: ams1, status: active}\ndevice_roles:\n  - {name: leaf}\nmanufacturers:\n  - {name: Acme}\ndevice_types:\n  - manufacturer: Acme\n    model: C1\n    interfaces:\n      - {name: xe-0/0/0, type: 10gbase-x-sfpp}\n      - {name: xe-0/0/1, type: 10gbase-x-sfpp}\n    module-bays:\n      - {name: FPC 1, position: '1'}\nmodule_types:\n  - manufacturer: Acme\n    model: LC2\n    interfaces:\n      - {name: 'et-{module}/0/0', type: 100gbase-x-qsfp28}\n      - {name: 'et-{module}/0/1', type: 100gbase-x-qsfp28}\ndevices:\n  - name: core1\n    role: leaf\n    device_type: Acme/C1\n    site: ams1\n";
    let head = format!(
        "{base}    modules: [{{bay: FPC 1, type: Acme/LC2, serial: S1}}]\n    interfaces:\n      - {{name: uplink, rename_from: xe-0/0/1}}\n      - {{name: xe-0/0/0, remove: true}}\n      - {{name: et-1/0/0, description: transit}}\n"
    );
    let before = netsot::diff::entities(&inline(base));
    let after = netsot::diff::entities(&inline(&head));
    let key = |kind: &str, key: &str| (kind.to_string(), key.to_string());
    assert!(!before.contains_key(&key("modules", "ams1/core1:FPC 1")));
    let module = &after[&key("modules", "ams1/core1:FPC 1")];
    assert_eq!(module.fields["module_type"], "Acme/LC2");
    assert_eq!(module.fields["position"], "1");
    assert_eq!(module.fields["interfaces"], 2);
    let uplink = &after[&key("interfaces", "ams1/core1:uplink")];
    assert_eq!(uplink.fields["template"], "xe-0/0/1");
    assert!(!uplink.fields.contains_key("rename_from"));
    let transit = &after[&key("interfaces", "ams1/core1:et-1/0/0")];
    assert_eq!(transit.fields["module"], "FPC 1");
    let removed = &after[&key("interfaces", "ams1/core1:xe-0/0/0")];
    assert_eq!(removed.fields["removed"], true);
}

#[test]
fn a_module_names_its_own_bays_with_its_position() {
    let data = "sites:\n  - {name: ams1, status: active}\ndevice_roles:\n  - {name: leaf}\nmanufacturers:\n  - {name: Acme}\ndevice_types:\n  - manufacturer: Acme\n    model: C1\n    module-bays:\n      - {name: Slot 4, position: '4'}\nmodule_types:\n  - manufacturer: Acme\n    model: MPC\n    module-bays:\n      - {name: 'MIC {module}/0', position: '0'}\n  - manufacturer: Acme\n    model: MIC\n    interfaces:\n      - {name: 'ge-{module}/{module}/0', type: 1000base-x-sfp}\ndevices:\n  - name: core1\n    role: leaf\n    device_type: Acme/C1\n    site: ams1\n    modules:\n      - bay: Slot 4\n        type: MPC\n        modules: [{bay: MIC 4/0, type: MIC}]\n";
    let compilation = inline(data);
    assert!(
        compilation.diagnostics.is_empty(),
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    assert_eq!(interface_names(&compilation, "core1"), ["ge-4/0/0"]);
}

#[test]
fn module_type_templates_follow_the_rules_of_device_type_templates() {
    let compilation = inline(
        "manufacturers:\n  - {name: Acme}\nmodule_types:\n  - manufacturer: Acme\n    model: LC-8\n    interfaces:\n      - {name: 'xe-{module}/0', type: 10gbase-x-sfpp}\n      - {name: 'xe-{module}/0', type: 10gbase-x-sfpp, bridge: 'xe-{module}/9'}\n    power-ports:\n      - {name: PSU, maximum_draw: 100, allocated_draw: 150}\n    power-outlets:\n      - {name: out1, power_port: PSU2}\n    rear-ports:\n      - {name: rear1, type: lc, positions: 2000}\n      - {name: rear2, type: lc, positions: 2}\n    front-ports:\n      - {name: front1, type: lc, rear_port: rear2, rear_port_position: 3}\n      - {name: front2, type: lc, rear_port: rear3}\n",
    );
    let found = listed(&compilation.diagnostics, &compilation);
    assert_eq!(
        found,
        "NS0201 data/a.yaml:8:16: duplicate interface template `xe-{module}/0`\n\
         NS0301 data/a.yaml:8:63: module type `Acme/LC-8` has no interface template `xe-{module}/9`\n\
         NS0625 data/a.yaml:10:56: power port template `PSU` allocates 150 W, more than its maximum draw of 100 W\n\
         NS0301 data/a.yaml:12:34: module type `Acme/LC-8` has no power port template `PSU2` for power outlet `out1`\n\
         NS0624 data/a.yaml:14:44: rear port template `rear1` has 2000 positions; NetBox allows 1 to 1024\n\
         NS0622 data/a.yaml:17:72: front port template `front1` maps onto position 3 of rear port `rear2`, which has 2\n\
         NS0301 data/a.yaml:18:45: module type `Acme/LC-8` has no rear port template `rear3`\n",
        "{found}"
    );
}
