//! The components of installed modules besides interfaces: power supplies drawing from a
//! PDU's outlets and counted in the feed's load, cable paths through a patch module's front
//! and rear ports, nested modules naming ports after the chain of bay positions, and the
//! views listing them with their module.

use netsot::compile::Compilation;
use netsot::graph::trace::{power_feeds, trace, CableEnds};
use netsot::graph::{CableTarget, DeviceId, Owner};
use netsot::model::dcim::TerminationType;

use crate::support::{listed, repo};

fn inline(data: &str) -> Compilation {
    let dir = repo(&[("netsot.yaml", "version: 1\n"), ("data/a.yaml", data)]);
    crate::support::compile_path(dir.path())
}

fn device(compilation: &Compilation, name: &str) -> DeviceId {
    let graph = &compilation.graph;
    (0..graph.devices.len())
        .map(DeviceId::from_index)
        .find(|&d| graph.device_name(d) == name)
        .expect("device")
}

fn codes(compilation: &Compilation) -> Vec<&'static str> {
    compilation
        .diagnostics
        .iter()
        .map(|d| d.rule.code)
        .collect()
}

/// A chassis with two PSU bays, each holding a supply whose port is `PSU{module}`, on the
/// A and B PDUs of its rack, each PDU on its own feed.
const POWERED: &str = "sites:
  - {name: ams1, status: active}
racks:
  - {name: r1, site: ams1}
device_roles:
  - {name: core}
  - {name: pdu}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: C1
    u_height: 2
    module-bays:
      - {name: PSU bay 1, position: '1'}
      - {name: PSU bay 2, position: '2'}
  - manufacturer: Acme
    model: PDU8
    u_height: 0
    power-ports:
      - {name: Input, type: iec-60320-c20}
    power-outlets:
      - {name: Outlet 1, type: iec-60320-c13, power_port: Input}
      - {name: Outlet 2, type: iec-60320-c13, power_port: Input}
module_types:
  - manufacturer: Acme
    model: PSU-1100
    power-ports:
      - {name: 'PSU{module}', type: iec-60320-c14, maximum_draw: 1100, allocated_draw: 450}
power_panels:
  - {name: panel1, site: ams1}
power_feeds:
  - {name: feed-a, power_panel: panel1, rack: r1, voltage: 230, amperage: AMPS}
  - {name: feed-b, power_panel: panel1, rack: r1, voltage: 230, amperage: 16}
devices:
  - name: core1
    role: core
    device_type: Acme/C1
    site: ams1
    rack: r1
    position: 10
    face: front
    modules:
      - {bay: PSU bay 1, type: Acme/PSU-1100}
      - {bay: PSU bay 2, type: Acme/PSU-1100}
  - {name: pdu-a, role: pdu, device_type: Acme/PDU8, site: ams1, rack: r1}
  - {name: pdu-b, role: pdu, device_type: Acme/PDU8, site: ams1, rack: r1}
cables:
  - {a: 'panel1:feed-a', a_type: power_feed, b: 'pdu-a:Input', b_type: power_port}
  - {a: 'panel1:feed-b', a_type: power_feed, b: 'pdu-b:Input', b_type: power_port}
  - {a: 'core1:PSU1', a_type: power_port, b: 'pdu-a:Outlet 1', b_type: power_outlet}
  - {a: 'core1:PSU2', a_type: power_port, b: 'pdu-b:Outlet 1', b_type: power_outlet}
";

#[test]
fn power_supply_modules_draw_from_the_pdus_and_count_in_the_feeds_load() {
    let compilation = inline(&POWERED.replace("AMPS", "16"));
    assert!(
        compilation.diagnostics.is_empty(),
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    let graph = &compilation.graph;
    let ends = CableEnds::new(graph);
    let core = device(&compilation, "core1");
    let feeds: Vec<&str> = power_feeds(graph, &ends, core)
        .into_iter()
        .map(|f| graph.model.power_feeds[f.index()].data.name.value.as_str())
        .collect();
    assert_eq!(feeds, ["feed-a", "feed-b"], "both supplies reach a feed");

    // 230 V x 2 A x 80 % is 368 W, less than the 450 W the module's supply allocates:
    // NetBox shows the feed over its budget, and netsot warns.
    let compilation = inline(&POWERED.replace("AMPS", "2"));
    assert_eq!(
        codes(&compilation),
        ["NS0695"],
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    assert!(compilation.diagnostics[0].message.contains("`450` W"));
}

#[test]
fn the_view_lists_a_modules_power_ports_with_their_bay() {
    let compilation = inline(&POWERED.replace("AMPS", "16"));
    let views = netsot::view::Views::new(&compilation.graph);
    let view = views.device(device(&compilation, "core1"));
    let ports = view["power_ports"].as_array().expect("power ports");
    let names: Vec<(&str, &str)> = ports
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["module"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(names, [("PSU1", "PSU bay 1"), ("PSU2", "PSU bay 2")]);
    assert_eq!(ports[0]["allocated_draw"], 450);
    assert_eq!(ports[0]["connected_to"], "pdu-a:Outlet 1");
    let modules = view["modules"].as_array().expect("modules");
    assert_eq!(modules[1]["components"]["power_ports"][0], "PSU2");
}

/// Two patch panels, each a chassis with a cassette module whose rear port of two positions
/// maps onto two front ports; a trunk between the rear ports, and a switch port patched
/// into each side's front port 2.
const PATCHED: &str = "sites:
  - {name: ams1, status: active}
device_roles:
  - {name: patch}
  - {name: leaf}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: PP1
    module-bays:
      - {name: Cassette 1, position: '1'}
  - manufacturer: Acme
    model: SW1
    interfaces:
      - {name: eth1, type: 10gbase-x-sfpp}
module_types:
  - manufacturer: Acme
    model: CAS2
    rear-ports:
      - {name: 'R{module}', type: mpo, positions: 2}
    front-ports:
      - {name: 'F{module}/1', type: lc, rear_port: 'R{module}', rear_port_position: 1}
      - {name: 'F{module}/2', type: lc, rear_port: 'R{module}', rear_port_position: 2}
devices:
  - {name: pp-a, role: patch, device_type: Acme/PP1, site: ams1, modules: [{bay: Cassette 1, type: Acme/CAS2}]}
  - {name: pp-b, role: patch, device_type: Acme/PP1, site: ams1, modules: [{bay: Cassette 1, type: Acme/CAS2}]}
  - {name: sw-a, role: leaf, device_type: Acme/SW1, site: ams1}
  - {name: sw-b, role: leaf, device_type: Acme/SW1, site: ams1}
cables:
  - {a: 'sw-a:eth1', b: 'pp-a:F1/2', b_type: front_port}
  - {a: 'pp-a:R1', a_type: rear_port, b: 'pp-b:R1', b_type: rear_port}
  - {a: 'pp-b:F1/2', a_type: front_port, b: 'sw-b:eth1'}
";

#[test]
fn a_path_runs_through_the_front_and_rear_ports_of_patch_modules() {
    let compilation = inline(PATCHED);
    assert!(
        compilation.diagnostics.is_empty(),
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    let graph = &compilation.graph;
    let ends = CableEnds::new(graph);
    let from = graph
        .find_interface(Owner::Device(device(&compilation, "sw-a")), "eth1")
        .expect("eth1");
    let path = trace(graph, &ends, CableTarget::Interface(from)).expect("a path");
    assert!(path.is_complete && !path.is_split, "{path:?}");
    let to = graph
        .find_interface(Owner::Device(device(&compilation, "sw-b")), "eth1")
        .expect("eth1");
    assert_eq!(path.destination(), Some(&CableTarget::Interface(to)));
    // The hops NetBox's trace shows: the front port, then the rear port of each panel.
    let hops: Vec<String> = path.segments.iter().map(|s| s.near.label(graph)).collect();
    assert_eq!(hops, ["sw-a:eth1", "pp-a:R1", "pp-b:F1/2"]);

    // Position 1 on one side and 2 on the other: the path reaches no switch.
    let crossed = inline(&PATCHED.replace("pp-b:F1/2", "pp-b:F1/1"));
    let graph = &crossed.graph;
    let ends = CableEnds::new(graph);
    let from = graph
        .find_interface(Owner::Device(device(&crossed, "sw-a")), "eth1")
        .expect("eth1");
    let path = trace(graph, &ends, CableTarget::Interface(from)).expect("a path");
    assert_ne!(
        path.destination(),
        Some(&CableTarget::Interface(
            graph
                .find_interface(Owner::Device(device(&crossed, "sw-b")), "eth1")
                .unwrap()
        ))
    );
}

#[test]
fn a_nested_module_names_its_ports_after_every_bay_on_the_way() {
    let data = "sites:
  - {name: ams1, status: active}
device_roles:
  - {name: core}
  - {name: leaf}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: C1
    module-bays:
      - {name: Slot 2, position: '2'}
  - manufacturer: Acme
    model: TS1
    console-server-ports:
      - {name: port1, type: rj-45}
module_types:
  - manufacturer: Acme
    model: LC1
    module-bays:
      - {name: 'Sub {module}/1', position: '1'}
  - manufacturer: Acme
    model: MGMT
    console-ports:
      - {name: 'con{module}/{module}', type: rj-45}
devices:
  - name: core1
    role: core
    device_type: Acme/C1
    site: ams1
    modules:
      - bay: Slot 2
        type: Acme/LC1
        modules: [{bay: Sub 2/1, type: Acme/MGMT}]
  - {name: ts1, role: leaf, device_type: Acme/TS1, site: ams1}
cables:
  - {a: 'core1:con2/1', a_type: console_port, b: 'ts1:port1', b_type: console_server_port}
";
    let compilation = inline(data);
    assert!(
        compilation.diagnostics.is_empty(),
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    let graph = &compilation.graph;
    assert!(graph.device_has_port(
        device(&compilation, "core1"),
        TerminationType::named("console_port"),
        "con2/1"
    ));
}

#[test]
fn a_module_port_named_as_the_chassis_own_is_refused_for_every_kind() {
    // The chassis type already has `PSU1`; the supply in bay 1 would give a second one.
    let data = POWERED
        .replace("AMPS", "16")
        .replace(
            "    u_height: 2\n    module-bays:",
            "    u_height: 2\n    power-ports:\n      - {name: PSU1, type: iec-60320-c14}\n    module-bays:",
        );
    let compilation = inline(&data);
    assert_eq!(
        codes(&compilation),
        ["NS0648"],
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    // Two modules whose interfaces take one name clash the same way.
    let data = "sites:
  - {name: ams1, status: active}
device_roles:
  - {name: core}
manufacturers:
  - {name: Acme}
device_types:
  - manufacturer: Acme
    model: C1
    module-bays:
      - {name: Slot 1, position: '1'}
      - {name: Slot 2, position: '2'}
module_types:
  - manufacturer: Acme
    model: FIXED
    interfaces:
      - {name: mgmt0, type: 1000base-t}
devices:
  - name: core1
    role: core
    device_type: Acme/C1
    site: ams1
    modules:
      - {bay: Slot 1, type: Acme/FIXED}
      - {bay: Slot 2, type: Acme/FIXED}
";
    let compilation = inline(data);
    assert_eq!(
        codes(&compilation),
        ["NS0648"],
        "{}",
        listed(&compilation.diagnostics, &compilation)
    );
    assert!(
        compilation.diagnostics[0]
            .message
            .contains("the module in bay `Slot 1`"),
        "{}",
        compilation.diagnostics[0].message
    );
}
