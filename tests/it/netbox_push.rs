//! `netsot push netbox` against a real NetBox 4.4 (`../shared/netbox/start`; `.ci/run`
//! starts it and requires it). NetBox is shared and persists: every test names its objects
//! with `h5-` and a suffix unique to the run, and deletes only what it created.

use std::path::Path;

use netsot::netbox::{self, Action, Client, Kind, Options, PushError, Pushed};

use crate::support::{compile_path, netbox_env, netsot, repo};

/// A suffix unique to this run and test.
fn unique(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "h5-{test}-{:x}",
        (nanos as u64) ^ u64::from(std::process::id())
    )
}

/// A route distinguisher unique to the run (NetBox allows 21 characters).
fn rd(run: &str) -> String {
    let hash = run.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("65000:{hash}")
}

/// A small network in its own site: a device type with two interfaces, two devices in a
/// rack, an address with its prefix in a VRF, a cable, a VLAN, a tag. `extra` is appended to
/// the data file.
fn network(run: &str, second_device: bool, extra: &str) -> tempfile::TempDir {
    let rd = rd(run);
    let mut data = format!(
        "tags:
  - {{name: {run}-tag, color: ff9800}}
sites:
  - {{name: {run}-site, status: active}}
manufacturers:
  - {{name: {run}-acme}}
device_roles:
  - {{name: {run}-leaf, color: 2196f3, vm_role: false}}
device_types:
  - manufacturer: {run}-acme
    model: {run}-s1
    u_height: 1
    # a block ends in a newline, which NetBox strips: still a converged push
    comments: |
      Two lines of comments:
      the block's last newline is not NetBox's.
    interfaces:
      - {{name: eth0, type: 1000base-t}}
      - {{name: eth1, type: 1000base-t}}
racks:
  - {{name: r1, site: {run}-site, u_height: 42}}
vrfs:
  - {{name: {run}-vrf, rd: \"{rd}\"}}
prefixes:
  - {{prefix: 10.99.0.0/24, vrf: {run}-vrf, site: {run}-site, status: active}}
vlans:
  - {{vid: 100, name: {run}-users, site: {run}-site}}
devices:
  - name: {run}-leaf1
    role: {run}-leaf
    device_type: {run}-acme/{run}-s1
    site: {run}-site
    rack: r1
    position: 10
    face: front
    tags: [{run}-tag]
    primary_ip4: 10.99.0.1/24
    interfaces:
      - name: eth0
        description: uplink
        mode: access
        untagged_vlan: {run}-users
        ip_addresses:
          - {{address: 10.99.0.1/24, vrf: {run}-vrf, dns_name: leaf1.example.net}}
"
    );
    if second_device {
        data.push_str(&format!(
            "  - {{name: {run}-leaf2, role: {run}-leaf, device_type: {run}-acme/{run}-s1, site: {run}-site, rack: r1, position: 11, face: front}}
cables:
  - {{a: \"{run}-leaf1:eth1\", b: \"{run}-leaf2:eth1\"}}
"
        ));
    }
    data.push_str(extra);
    repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/network.yaml", &data),
    ])
}

fn client() -> Option<Client> {
    let (url, token) = netbox_env()?;
    Some(Client::new(&url, Some(&token)).expect("a valid NetBox URL"))
}

fn push(path: &Path, client: &Client, apply: bool, prune: bool) -> Pushed {
    let compilation = compile_path(path);
    assert!(
        !compilation.has_errors(),
        "{}",
        crate::support::render(&compilation)
    );
    match netbox::push(
        &compilation,
        client,
        Options {
            apply,
            prune,
            allow_input_errors: false,
        },
    ) {
        Ok(pushed) => {
            assert!(
                pushed.refused.is_empty(),
                "NetBox refused: {}",
                crate::support::listed(&pushed.refused, &compilation)
            );
            pushed
        }
        Err(PushError::InputErrors) => panic!("the repository has errors"),
        Err(PushError::Netbox(error)) => panic!("{error}"),
    }
}

/// The steps of a plan as `ACTION collection key` lines.
fn steps(pushed: &Pushed) -> Vec<String> {
    pushed
        .plan
        .steps
        .iter()
        .map(|s| {
            let action = match s.action {
                Action::Create => "create",
                Action::Update(_) => "update",
                Action::Delete(_) => "delete",
            };
            format!("{action} {} {}", s.kind.spec().collection, s.key)
        })
        .collect()
}

/// Deletes what a test created: the objects of the plan's creations, found again by key,
/// in reverse dependency order.
fn clean_up(path: &Path, client: &Client) {
    let compilation = compile_path(path);
    let desired = netbox::desired(&compilation);
    let state = netbox::State::read_all(client).expect("NetBox answers");
    for &kind in Kind::ALL.iter().rev() {
        // Interfaces, templates and primary addresses go with their device or type.
        if kind.spec().update_only || matches!(kind, Kind::Interfaces | Kind::InterfaceTemplates) {
            continue;
        }
        let ids: Vec<serde_json::Value> = desired
            .iter()
            .filter(|d| d.kind == kind)
            .filter_map(|d| state.id(kind, &d.key))
            .map(|id| serde_json::json!({ "id": id }))
            .collect();
        if !ids.is_empty() {
            client
                .delete(kind.spec().path, &serde_json::Value::Array(ids))
                .unwrap_or_else(|e| panic!("cleaning up {}: {e}", kind.spec().collection));
        }
    }
}

#[test]
fn push_plans_applies_and_a_second_push_is_empty() {
    let Some(client) = client() else { return };
    let run = unique("push");
    let dir = network(&run, true, "");
    let plan = push(dir.path(), &client, false, false);
    let listed = steps(&plan);
    for expected in [
        format!("create sites {run}-site"),
        format!("create devices {run}-site/{run}-leaf1"),
        format!("create ip_addresses 10.99.0.1/24 ({run}-vrf)"),
        format!("create cables {run}-site/{run}-leaf1:eth1 = {run}-site/{run}-leaf2:eth1"),
        format!("create interface_templates {run}-acme/{run}-s1:eth0"),
    ] {
        assert!(listed.contains(&expected), "{expected} not in {listed:#?}");
    }
    let pushed = push(dir.path(), &client, true, false);
    assert!(!pushed.applied.is_empty());
    let again = push(dir.path(), &client, false, false);
    assert!(
        again.plan.is_empty(),
        "a second push is not empty: {:#?}",
        steps(&again)
    );
    assert_eq!(again.plan.prunable().count(), 0);
    // The CLI's plan of a converged repository: exit 0, and the token is never printed.
    let (url, token) = netbox_env().expect("NetBox");
    let output = netsot(
        &["push", "netbox", "--plan", "--url", &url, "--token", &token],
        dir.path(),
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0), "{printed}");
    assert!(printed.contains("no change to apply"), "{printed}");
    assert!(!printed.contains(&token));
    clean_up(dir.path(), &client);
}

#[test]
fn a_plan_with_changes_exits_3_and_changes_nothing() {
    let Some(client) = client() else { return };
    let run = unique("plan");
    let dir = network(&run, false, "");
    let (url, token) = netbox_env().expect("NetBox");
    let output = netsot(
        &[
            "push", "netbox", "--plan", "--format", "json", "--url", &url, "--token", &token,
        ],
        dir.path(),
    );
    assert_eq!(
        output.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let steps = json["plan"]["steps"].as_array().expect("steps");
    assert!(steps.iter().any(|s| s["kind"] == "sites"
        && s["key"] == format!("{run}-site")
        && s["action"] == "create"));
    // Nothing was written: the site is still to be created.
    let again = push(dir.path(), &client, false, false);
    assert!(steps_contain(&again, &format!("create sites {run}-site")));
}

fn steps_contain(pushed: &Pushed, line: &str) -> bool {
    steps(pushed).iter().any(|s| s == line)
}

#[test]
fn objects_the_repository_does_not_hold_are_kept_unless_pruned() {
    let Some(client) = client() else { return };
    let run = unique("prune");
    let full = network(&run, true, "");
    push(full.path(), &client, true, false);
    // The same network without its second device (and the cable to it).
    let smaller = network(&run, false, "");
    let plan = push(smaller.path(), &client, false, false);
    let leaf2 = format!("{run}-site/{run}-leaf2");
    let prunable: Vec<String> = plan
        .plan
        .prunable()
        .map(|n| format!("{} {}", n.kind.spec().collection, n.key))
        .collect();
    assert!(
        prunable.contains(&format!("devices {leaf2}")),
        "{prunable:#?}"
    );
    assert!(
        plan.plan
            .prunable()
            .all(|n| n.site.as_deref() == Some(&format!("{run}-site"))),
        "--prune would reach outside the repository's site: {prunable:#?}"
    );
    // Objects of other sites (other tests, other users) are reported, never in scope.
    assert!(plan.plan.not_held.iter().all(|n| n.in_scope
        == (n.site.as_deref() == Some(&format!("{run}-site")) && n.kind != Kind::Sites)));
    // Without --prune nothing is deleted.
    let kept = push(smaller.path(), &client, true, false);
    assert!(kept
        .applied
        .iter()
        .all(|s| !matches!(s.action, Action::Delete(_))));
    let still = push(smaller.path(), &client, false, false);
    assert!(still.plan.prunable().any(|n| n.key == leaf2));
    // With --prune the device, its interfaces and its cable go.
    let pruned = push(smaller.path(), &client, true, true);
    assert!(pruned
        .applied
        .iter()
        .any(|s| s.key == leaf2 && matches!(s.action, Action::Delete(_))));
    let after = push(smaller.path(), &client, false, false);
    assert!(after.plan.is_empty(), "{:#?}", steps(&after));
    assert_eq!(after.plan.prunable().count(), 0);
    clean_up(smaller.path(), &client);
}

#[test]
fn a_refused_request_is_mapped_to_its_line_and_a_rerun_converges() {
    let Some(client) = client() else { return };
    let run = unique("refused");
    // NetBox holds a VRF the repository does not, with the route distinguisher the
    // repository gives its own VRF: NetBox's `rd` is unique, netsot cannot know.
    let other = client
        .post(
            "/api/ipam/vrfs/",
            &serde_json::json!({ "name": format!("{run}-other"), "rd": rd(&run) }),
        )
        .expect("a VRF is created");
    let dir = network(&run, false, "");
    let compilation = compile_path(dir.path());
    let pushed = netbox::push(
        &compilation,
        &client,
        Options {
            apply: true,
            prune: false,
            allow_input_errors: false,
        },
    )
    .unwrap_or_else(|e| panic!("the push runs: {e:?}"));
    let listed = crate::support::listed(&pushed.refused, &compilation);
    assert_eq!(pushed.refused.len(), 1, "{listed}");
    // The diagnostic sits on the VRF's `rd` value.
    let text = std::fs::read_to_string(dir.path().join("data/network.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains(&format!("{run}-vrf, rd:")))
        .expect("the VRF's line")
        + 1;
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find(&format!("\"{}\"", rd(&run)))
        .unwrap()
        + 1;
    assert!(
        listed.starts_with(&format!(
            "NS0901 data/network.yaml:{line}:{column}: NetBox refused VRF `{run}-vrf`: `rd`:"
        )),
        "{listed}"
    );
    // What came before the VRF was pushed; the push stopped at it.
    assert!(pushed
        .applied
        .iter()
        .any(|s| s.key == format!("{run}-site")));
    assert!(pushed.applied.iter().all(|s| s.kind < Kind::Vrfs));
    // The CLI exits 1 with the diagnostic at the line.
    let (url, token) = netbox_env().expect("NetBox");
    let output = netsot(
        &["push", "netbox", "--url", &url, "--token", &token],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("NS0901") && stderr.contains(&format!("{line}:{column}")),
        "{stderr}"
    );
    // Once the object in NetBox is out of the way, a rerun converges.
    let id = other["id"].as_u64().expect("an id");
    client
        .delete("/api/ipam/vrfs/", &serde_json::json!([{ "id": id }]))
        .expect("the other VRF is deleted");
    push(dir.path(), &client, true, false);
    let again = push(dir.path(), &client, false, false);
    assert!(again.plan.is_empty(), "{:#?}", steps(&again));
    clean_up(dir.path(), &client);
}

#[test]
fn a_repository_with_errors_is_refused_before_any_request() {
    // No NetBox is needed: the client points at a port that refuses connections, and the
    // push must not even try it.
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/a.yaml",
            "sites:\n  - {name: ams1}\nracks:\n  - {name: r1, site: nowhere}\n",
        ),
    ]);
    let compilation = compile_path(dir.path());
    assert!(compilation.has_errors());
    let client = Client::new("http://127.0.0.1:1", Some("unused")).unwrap();
    assert!(matches!(
        netbox::push(
            &compilation,
            &client,
            Options {
                apply: true,
                prune: false,
                allow_input_errors: false,
            }
        ),
        Err(PushError::InputErrors)
    ));
    // A differential test may push it anyway: then the request is made (and fails here).
    assert!(matches!(
        netbox::push(
            &compilation,
            &client,
            Options {
                apply: false,
                prune: false,
                allow_input_errors: true,
            }
        ),
        Err(PushError::Netbox(netbox::NetboxError::Transport(_)))
    ));
    let output = netsot(
        &[
            "push",
            "netbox",
            "--url",
            "http://127.0.0.1:1",
            "--token",
            "unused",
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("NS0301") && stderr.contains("nothing was sent to NetBox"),
        "{stderr}"
    );
}

#[test]
fn an_unreachable_netbox_is_exit_2_without_the_token() {
    let dir = network("h5-unreachable", false, "");
    let output = netsot(
        &[
            "push",
            "netbox",
            "--plan",
            "--url",
            "http://127.0.0.1:1",
            "--token",
            "s3cr3t-t0ken",
        ],
        dir.path(),
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(2), "{printed}");
    assert!(printed.contains("cannot reach NetBox"), "{printed}");
    assert!(!printed.contains("s3cr3t-t0ken"), "{printed}");
}

#[test]
fn the_example_pushes_and_a_second_push_is_empty() {
    let Some(client) = client() else { return };
    // The example's names are shared by every run that pushes it; the push is idempotent,
    // so this test is about convergence: after one push, the plan is empty.
    let example = crate::support::root().join("examples");
    let _example = crate::support::example_in_netbox();
    push(&example, &client, true, false);
    let again = push(&example, &client, false, false);
    assert!(
        again.plan.is_empty(),
        "a second push of the example is not empty: {:#?}",
        steps(&again)
    );
}

/// NetBox holds a location's name once per site and parent: two rooms of one name in two
/// halls are two objects, keyed `SITE/HALL/ROOM`, and a second push plans nothing.
#[test]
fn locations_of_one_name_under_two_parents_are_two_objects() {
    let Some(client) = client() else { return };
    let run = unique("loc").replacen("h5-", "h7-", 1);
    let extra = format!(
        "locations:
  - {{name: hall-a, site: {run}-site}}
  - {{name: hall-b, site: {run}-site}}
  - {{name: room, site: {run}-site, parent: hall-a}}
  - {{name: room, site: {run}-site, parent: hall-b}}
"
    );
    let dir = network(&run, false, &extra);
    let plan = push(dir.path(), &client, false, false);
    let listed = steps(&plan);
    for expected in [
        format!("create locations {run}-site/hall-a/room"),
        format!("create locations {run}-site/hall-b/room"),
    ] {
        assert!(listed.contains(&expected), "{expected} not in {listed:#?}");
    }
    push(dir.path(), &client, true, false);
    let again = push(dir.path(), &client, false, false);
    assert!(
        again.plan.is_empty(),
        "a second push is not empty: {:#?}",
        steps(&again)
    );
    clean_up(dir.path(), &client);
}
