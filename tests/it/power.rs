//! Power panels, feeds, outlets and their cables: references, traces and views.

use crate::support::{compile_path, listed, netsot};

fn repository(data: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("netsot.yaml"),
        "version: 1\ndata: [data/]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/power.yaml"), data).unwrap();
    dir
}

const BASE: &str = "sites:
  - {name: ams1, status: active}
  - {name: fra1, status: active}
locations:
  - {name: hall1, site: ams1}
  - {name: hall9, site: fra1}
racks:
  - {name: r01, site: ams1}
  - {name: r09, site: fra1}
manufacturers:
  - {name: Acme}
device_roles:
  - {name: pdu}
  - {name: server}
device_types:
  - manufacturer: Acme
    model: PDU1
    u_height: 0
    power-ports: [{name: Input, type: iec-60320-c20}]
    power-outlets:
      - {name: Out1, type: iec-60320-c13, power_port: Input, feed_leg: A}
      - {name: Out2, type: iec-60320-c13, power_port: Input, feed_leg: A}
  - {manufacturer: Acme, model: S1, u_height: 1}
";

#[test]
fn references_of_panels_feeds_and_outlets_are_resolved_in_their_site() {
    let data = format!(
        "{BASE}power_panels:
  - {{name: panel-a, site: ams1, location: hall1}}
  - {{name: panel-a, site: ams1}}
  - {{name: panel-b, site: ams1, location: hall9}}
power_feeds:
  - {{name: feed-1, power_panel: panel-a, rack: r09}}
  - {{name: feed-1, power_panel: panel-b}}
  - {{name: feed-1, power_panel: panel-b}}
devices:
  - name: srv1
    role: server
    device_type: Acme/S1
    site: ams1
    power_ports: [{{name: PSU1}}]
    power_outlets: [{{name: aux, power_port: PSU9}}]
cables:
  - {{a: \"panel-b:feed-9\", a_type: power_feed, b: \"srv1:PSU1\", b_type: power_port}}
"
    );
    let dir = repository(&data);
    let compilation = compile_path(dir.path());
    let text = listed(&compilation.diagnostics, &compilation);
    assert_eq!(
        text,
        "NS0201 data/power.yaml:26:12: duplicate power panel `panel-a`\n\
         NS0304 data/power.yaml:27:43: location `hall9` is not in the power panel's site `ams1`\n\
         NS0304 data/power.yaml:29:48: rack `r09` is not in the site of power panel `panel-a`\n\
         NS0201 data/power.yaml:31:12: duplicate power feed `feed-1`\n\
         NS0301 data/power.yaml:38:45: device `srv1` has no power port `PSU9` to feed outlet `aux`\n\
         NS0301 data/power.yaml:40:9: power panel `panel-b` has no feed `feed-9`\n"
    );
}

#[test]
fn a_server_supply_traces_to_its_pdu_and_the_pdu_to_its_feed() {
    let data = format!(
        "{BASE}power_panels:
  - {{name: panel-a, site: ams1}}
power_feeds:
  - {{name: feed-1, power_panel: panel-a, rack: r01, voltage: 230, amperage: 16}}
devices:
  - {{name: pdu1, role: pdu, device_type: Acme/PDU1, site: ams1, rack: r01}}
  - name: srv1
    role: server
    device_type: Acme/S1
    site: ams1
    power_ports: [{{name: PSU1, maximum_draw: 500, allocated_draw: 300}}]
cables:
  - {{a: \"panel-a:feed-1\", a_type: power_feed, b: \"pdu1:Input\", b_type: power_port, type: power}}
  - {{a: \"srv1:PSU1\", a_type: power_port, b: \"pdu1:Out2\", b_type: power_outlet, type: power}}
"
    );
    let dir = repository(&data);
    let check = netsot(&["check"], dir.path());
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let trace = netsot(&["trace", "srv1:PSU1"], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&trace.stdout),
        "srv1:PSU1 (power port)\n  │ cable #2 (power)\npdu1:Out2 (power outlet)\ncomplete, active\n"
    );
    let feed = netsot(&["trace", "pdu1:Input", "--format", "json"], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&feed.stdout).unwrap();
    assert_eq!(
        json["path"][0][2][0],
        serde_json::json!({"type": "power_feed", "power_panel": "panel-a", "name": "feed-1"})
    );
    assert_eq!(json["is_complete"], true);
    let show = netsot(&["show", "device", "pdu1"], dir.path());
    let device: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(
        device["power_ports"][0]["connected_endpoints"],
        serde_json::json!(["panel-a:feed-1"])
    );
    assert_eq!(device["power_outlets"][1]["connected_to"], "srv1:PSU1");
    assert_eq!(
        device["power_outlets"][0]["connected_to"],
        serde_json::Value::Null
    );
}
