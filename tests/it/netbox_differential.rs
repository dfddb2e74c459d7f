//! The differential test of issue 14: netsot's verdict on a rule's fixtures against a real
//! NetBox 4.4's. For every code of `COMPARED`, the `pass` fixture pushed into NetBox must be
//! accepted whole, and the `fail` fixture (pushed with `allow_input_errors`, what resolved of
//! it) must be refused, on the object netsot reports (the refusal's line near a line of one
//! of the code's diagnostics). `SKIPPED` says, code by code, why the others cannot be
//! compared; `every_netbox_code_is_compared_or_skipped_with_a_reason` keeps both lists in
//! step with the catalogue (`docs/netbox-rules.md`).
//!
//! NetBox is shared and persists, and the fixtures share generic names (`ams1`, `leaf1`):
//! each fixture is pushed with every globally named object renamed with a prefix unique to
//! the run and fixture (in the compiled model, so references follow), a plan is made first
//! and a fixture whose plan would update an object it did not create (an address or prefix
//! someone else holds) is reported rather than pushed, and what a push created is deleted
//! right after it, in reverse dependency order, by the keys of its applied creations.
//! Skips loudly without NetBox (`NETBOX_URL`, `NETBOX_TOKEN`); `NETSOT_REQUIRE_NETBOX=1`
//! makes that a failure. Every compared code runs by default;
//! `NETSOT_DIFFERENTIAL=NS0604,NS0616` limits a run to some codes. A fixture costs one
//! read of NetBox, filtered to the kinds it holds and the objects carrying its prefix (a
//! read of NetBox's whole state took a minute on the shared NetBox), which the plan, the
//! push and the clean-up share; fixtures are pushed a few at a time.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use netsot::compile::Compilation;
use netsot::model::{Model, Text};
use netsot::netbox::{self, Action, Client, Kind, Options, Pushed, State};

use crate::support::{compile_path, listed, netbox_env, root};

/// Codes whose fixtures NetBox judges as netsot does: the subject is pushed (`Kind::ALL`)
/// and the failing value reaches NetBox as written.
const COMPARED: &[&str] = &[
    "NS0304", "NS0305", "NS0309", "NS0313", "NS0314", "NS0317", "NS0318", "NS0406", "NS0407",
    "NS0415", "NS0416", "NS0417", "NS0440", "NS0501", "NS0503", "NS0504", "NS0505", "NS0601",
    "NS0602", "NS0603", "NS0604", "NS0605", "NS0606", "NS0611", "NS0613", "NS0614", "NS0615",
    "NS0616", "NS0617", "NS0618", "NS0619", "NS0620", "NS0622", "NS0623", "NS0624", "NS0625",
    "NS0626", "NS0628", "NS0631", "NS0509", "NS0636", "NS0690", "NS0691", "NS0692", "NS0150",
    "NS0151", "NS0632", "NS0633", "NS0640", "NS0641", "NS0642", "NS0644", "NS0608", "NS0609",
    "NS0610", "NS0421", "NS0423", "NS0506", "NS0507", "NS0508", "NS0634", "NS0637", "NS0638",
];

/// Codes the catalogue enforces against a NetBox rule whose fixtures are not compared,
/// each with the reason.
const SKIPPED: &[(&str, &str)] = &[
    (
        "NS0410",
        "NetBox accepts overlapping aggregates created in one bulk request (its check reads the database, which holds neither yet); checked on 4.4.10: the second aggregate alone is refused",
    ),
    (
        "NS0408",
        "NetBox accepts overlapping IP ranges created in one bulk request (its check reads the database, which holds neither yet); checked on 4.4.10: the second range alone is refused",
    ),
    ("NS0102", "a repeated key is refused while parsing: one of the values never reaches NetBox"),
    ("NS0104", "a value of the wrong type is dropped while loading: nothing is sent"),
    ("NS0105", "the fixture's unknown status fails to deserialize: the push has no value to send"),
    ("NS0106", "a missing required field leaves the object unpushable: it is not sent"),
    ("NS0107", "an address that does not parse is dropped while loading"),
    ("NS0108", "the failing name holds `_`, which NetBox's DNSValidator accepts: netsot is stricter for the dns output"),
    ("NS0111", "the renaming prefix changes the lengths the fixtures pin at NetBox's limits"),
    ("NS0141", "the fixture's custom field keeps its name (the renaming prefixes sites, devices and the like, not custom fields): the shared NetBox already holds one of that name"),
    ("NS0148", "NetBox 4.4.10 accepted the failing fixture, whose two sites with one unique value are created in one bulk request (its check reads the database, which holds neither yet)"),
    ("NS0422", "two assignments of one interface to one group are one object to the push's plan (keyed by group and interface): the second is never sent"),
    ("NS0428", "the fixture's ASN range keeps its name (the renaming does not prefix ASN ranges): the shared NetBox already holds one of that name"),
    ("NS0643", "NetBox 4.4.10 accepted the failing fixture's second link of one interface, created in the same bulk request; `Interface.wireless_link` holds one link, which netsot keeps to (docs/netbox-rules.md)"),
    ("NS0142", "custom field definitions are global in NetBox: a fixture's field (a required one, a choice set of a fixed name) is held against every other fixture pushed beside it (seen in CI: a site refused for another fixture's required `owner_team`)"),
    ("NS0143", "custom field definitions are global in NetBox: a fixture's field (a required one, a choice set of a fixed name) is held against every other fixture pushed beside it (seen in CI: a site refused for another fixture's required `owner_team`)"),
    ("NS0144", "custom field definitions are global in NetBox: a fixture's field (a required one, a choice set of a fixed name) is held against every other fixture pushed beside it (seen in CI: a site refused for another fixture's required `owner_team`)"),
    ("NS0145", "custom field definitions are global in NetBox: a fixture's field (a required one, a choice set of a fixed name) is held against every other fixture pushed beside it (seen in CI: a site refused for another fixture's required `owner_team`)"),
    ("NS0147", "custom field definitions are global in NetBox: a fixture's field (a required one, a choice set of a fixed name) is held against every other fixture pushed beside it (seen in CI: a site refused for another fixture's required `owner_team`)"),
    ("NS0201", "two objects of one key are one object to the push's plan: the second is never sent"),
    ("NS0301", "an unresolved reference is left out of the push: NetBox sees no reference"),
    ("NS0302", "an ambiguous reference is left out of the push: NetBox sees no reference"),
    ("NS0303", "a reference to the object itself does not resolve in the push (it is not created yet)"),
    ("NS0306", "a LAG, parent or bridge on another device is not resolved: the push sends none"),
    ("NS0307", "a primary address of the wrong family or off the object's interfaces is not resolved: the push sets none"),
    ("NS0308", "a cycle of parents is cut while resolving: the push sends no cycle"),
    ("NS0315", "a VM without site or cluster has no key the push can send"),
    ("NS0316", "the host of a VM without cluster is not resolved for the push"),
    ("NS0401", "two addresses of one key are one object to the push's plan: the second is never sent"),
    ("NS0402", "two prefixes of one key are one object to the push's plan"),
    ("NS0502", "two VLANs of one key are one object to the push's plan"),
    ("NS0612", "device bays and parent devices are not pushed"),
    ("NS0621", "device bay templates are not pushed"),
    ("NS0627", "circuit terminations to provider networks are not modelled"),
    ("NS0670", "modules are not pushed"),
    ("NS0671", "modules are not pushed"),
    ("NS0672", "modules are not pushed"),
    ("NS0648", "modules are not pushed"),
    ("NS0674", "device bays are not pushed"),
    ("NS0675", "device bays are not pushed"),
    ("NS0429", "only the first scope key reaches NetBox (one `scope_type`/`scope_id`): the second is never sent"),
    (
        "NS0629",
        "NetBox 4.4.10 accepts overlapping reservations created in one bulk request, as the push sends them (each is validated before any is saved); one by one it refuses the second",
    ),
    (
        "NS0630",
        "NetBox accepts both fixtures: it silently replaces the rack's values by its type's",
    ),
    (
        "NS0645",
        "NetBox checks a VM's disk when the VM is saved, and sets it to the total whenever a virtual disk is saved: a push creates the VM before its disks, so NetBox accepts both and holds the total; checked on 4.4.10: the next push's update of the VM's disk is refused",
    ),
    ("NS0656", "provider accounts are not pushed (docs/netbox.md)"),
    ("NS0639", "a warning: NetBox accepts the failing fixture and drops the attributes, as netsot says"),
    ("NS0635", "a virtual circuit termination is keyed by its interface, so the failing fixture's second termination of one interface is never sent"),
    ("NS0657", "provider networks and terminations on them are not pushed (docs/netbox.md)"),
    ("NS0658", "provider networks and terminations on them are not pushed (docs/netbox.md)"),
];

/// The codes the catalogue lists as enforced (or partly) against a NetBox rule.
fn catalogue_codes() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("docs/netbox-rules.md"))
        .expect("docs/netbox-rules.md is readable");
    let netbox = &text[..text
        .find("## netsot rules NetBox does not have")
        .expect("the catalogue's netsot-only section")];
    let mut codes = BTreeSet::new();
    for line in netbox.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim().trim_matches('|').split(" | ").collect();
        let (Some(code_cell), Some(status)) = (cells.get(2), cells.get(3)) else {
            continue;
        };
        if !(status.trim().starts_with("enforced") || status.trim().starts_with("partly")) {
            continue;
        }
        for word in code_cell.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.len() == 6
                && word.starts_with("NS")
                && word[2..].bytes().all(|b| b.is_ascii_digit())
            {
                codes.insert(word.to_string());
            }
        }
    }
    codes
}

#[test]
fn every_netbox_code_is_compared_or_skipped_with_a_reason() {
    let skipped: BTreeSet<&str> = SKIPPED.iter().map(|(code, _)| *code).collect();
    let compared: BTreeSet<&str> = COMPARED.iter().copied().collect();
    assert_eq!(compared.len(), COMPARED.len(), "a code is compared twice");
    assert_eq!(skipped.len(), SKIPPED.len(), "a code is skipped twice");
    let both: Vec<_> = compared.intersection(&skipped).collect();
    assert!(both.is_empty(), "compared and skipped: {both:?}");
    let listed: BTreeSet<String> = compared
        .iter()
        .chain(&skipped)
        .map(|c| c.to_string())
        .collect();
    let catalogue = catalogue_codes();
    let unlisted: Vec<_> = catalogue.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "codes of the catalogue neither compared nor skipped: {unlisted:?}"
    );
    let stray: Vec<_> = listed.difference(&catalogue).collect();
    assert!(
        stray.is_empty(),
        "listed but not enforced in the catalogue: {stray:?}"
    );
    for (code, reason) in SKIPPED {
        assert!(!reason.is_empty(), "{code} is skipped without a reason");
    }
    for code in COMPARED {
        let dir = root().join("tests/fixtures/rules").join(code);
        assert!(
            dir.join("pass").is_dir() && dir.join("fail").is_dir(),
            "{code} fixtures"
        );
    }
}

/// A prefix unique to the run and the fixture: lower-case hex, so slugs stay slugs, and
/// short, so route targets stay within 21 characters.
fn prefix(run: u64, fixture: usize) -> String {
    format!(
        "{:06x}-",
        (run.wrapping_add(fixture as u64 * 0x9e37)) & 0xff_ffff
    )
}

fn rename(text: &mut Text, prefix: &str) {
    text.value.insert_str(0, prefix);
}

fn rename_opt(text: Option<&mut Text>, prefix: &str) {
    if let Some(text) = text {
        rename(text, prefix);
    }
}

/// Prefixes the name and slug of every object NetBox names globally (or that netsot's push
/// keys by name alone), and the other values NetBox wants unique across it (route
/// distinguishers, asset tags); objects named within those (devices in a site, interfaces
/// on a device, racks, locations) follow their renamed scope. References are resolved
/// already, and the push reads names through them, so they follow too; device types name
/// their manufacturer as text, which is prefixed as well. Tags keep their names: objects
/// name them as text, which the push sends as written (a tag NetBox holds already is
/// shared as it is, or the plan would update it and the fixture is reported).
fn isolate(model: &mut Model, prefix: &str) {
    macro_rules! named {
        ($($collection:ident),* $(,)?) => {$(
            for object in &mut model.$collection {
                rename(&mut object.data.name, prefix);
                rename_opt(object.data.slug.as_mut(), prefix);
            }
        )*};
    }
    named!(
        tenant_groups,
        tenants,
        regions,
        site_groups,
        sites,
        manufacturers,
        device_roles,
        platforms,
        rirs,
        vlan_groups,
        cluster_types,
        cluster_groups,
        providers,
        circuit_types,
        circuit_groups,
        virtual_circuit_types,
        rack_roles,
        contact_groups,
        contact_roles,
    );
    for object in &mut model.contacts {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.virtual_chassis {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.config_contexts {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.config_context_profiles {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.fhrp_groups {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.module_type_profiles {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.rack_types {
        rename(&mut object.data.manufacturer, prefix);
        rename(&mut object.data.slug, prefix);
    }
    for object in &mut model.vrfs {
        rename(&mut object.data.name, prefix);
        rename_opt(object.data.rd.as_mut(), prefix);
    }
    for object in &mut model.devices {
        rename_opt(object.data.asset_tag.as_mut(), prefix);
    }
    for object in &mut model.racks {
        rename_opt(object.data.asset_tag.as_mut(), prefix);
    }
    for object in &mut model.route_targets {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.clusters {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.virtual_machines {
        rename(&mut object.data.name, prefix);
    }
    for object in &mut model.device_types {
        rename(&mut object.data.manufacturer, prefix);
        rename_opt(object.data.slug.as_mut(), prefix);
    }
    for object in &mut model.module_types {
        rename(&mut object.data.manufacturer, prefix);
    }
}

/// Compiles a fixture and renames it for this run.
fn compiled(dir: &Path, prefix: &str) -> Compilation {
    let mut compilation = compile_path(dir);
    let graph =
        Arc::get_mut(&mut compilation.graph).expect("a compilation owns its graph once compiled");
    for aggregate in &mut graph.aggregates {
        aggregate.prefix = apart_from_the_example(aggregate.prefix);
    }
    let model = Arc::get_mut(&mut graph.model).expect("a graph owns its model once built");
    isolate(model, prefix);
    compilation
}

/// An aggregate moved out of the example's (`10.0.0.0/8`, `2001:db8::/32`), which other
/// tests push into the same NetBox: NetBox refuses an aggregate overlapping any other,
/// whoever holds it. Nothing refers to an aggregate, and a fixture's aggregates move
/// together (`10.` to `11.`, `2001:db8:` to `2001:db9:`), so their overlaps are kept.
fn apart_from_the_example(prefix: ipnet::IpNet) -> ipnet::IpNet {
    match prefix {
        ipnet::IpNet::V4(net) if net.prefix_len() >= 8 && net.addr().octets()[0] == 10 => {
            let mut octets = net.addr().octets();
            octets[0] = 11;
            ipnet::Ipv4Net::new(octets.into(), net.prefix_len()).map_or(prefix, ipnet::IpNet::V4)
        }
        ipnet::IpNet::V6(net)
            if net.prefix_len() >= 32 && net.addr().segments()[..2] == [0x2001, 0x0db8] =>
        {
            let mut segments = net.addr().segments();
            segments[1] = 0x0db9;
            ipnet::Ipv6Net::new(segments.into(), net.prefix_len()).map_or(prefix, ipnet::IpNet::V6)
        }
        _ => prefix,
    }
}

/// What NetBox made of one fixture.
enum Verdict {
    /// Every object was created.
    Accepted,
    /// NetBox refused an object: the push's diagnostics (NS0901).
    Refused(Vec<netsot::diag::Diagnostic>),
    /// The plan would change objects this run did not create: not pushed.
    NotIsolated(Vec<String>),
    /// NetBox failed on a request instead of refusing it field by field (a 500 when a
    /// value overflows its database column): refused, but not mapped to a line.
    Failed(String),
}

/// The kinds whose objects live in NetBox's global address space (its
/// `ENFORCE_GLOBAL_UNIQUE`, aggregates and ranges that may not overlap): fixtures holding
/// them are pushed one at a time, since they share their addresses (`10.0.0.1/24`).
const GLOBAL_IPAM: &[Kind] = &[
    Kind::Aggregates,
    Kind::Prefixes,
    Kind::IpRanges,
    Kind::IpAddresses,
];

/// The filter of a fixture's reads: only the kinds it holds, and of those only the objects
/// that carry its prefix, sit in its prefixed objects (by their ids) or share one of its
/// numbers (addresses, prefixes, VLAN ids: what could collide with someone else's). Tags
/// and IPAM roles keep their names (see [`isolate`]) and are few: they are read whole.
fn filter(prefix: &str, desired: &[netbox::Desired]) -> netbox::Filter {
    let held: BTreeSet<Kind> = desired.iter().map(|d| d.kind).collect();
    let values = |kind: Kind, field: &str| -> Vec<String> {
        let mut values: Vec<String> = desired
            .iter()
            .filter(|d| d.kind == kind)
            .flat_map(|d| &d.fields)
            .filter(|f| f.name == field)
            .filter_map(|f| match &f.want {
                netbox::Want::Value(serde_json::Value::String(s)) => Some(s.clone()),
                netbox::Want::Value(serde_json::Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
            .collect();
        values.sort_unstable();
        values.dedup();
        values
    };
    let numbers: Vec<(Kind, &str, Vec<String>)> = [
        (Kind::Aggregates, "prefix"),
        (Kind::Prefixes, "prefix"),
        (Kind::IpRanges, "start_address"),
        (Kind::IpAddresses, "address"),
        (Kind::Vlans, "vid"),
    ]
    .into_iter()
    .map(|(kind, field)| (kind, field, values(kind, field)))
    .collect();
    let prefix = prefix.to_string();
    std::sync::Arc::new(move |kind: Kind, state: &State| {
        use netbox::Read;
        let query = |filter: &str, values: &mut dyn Iterator<Item = String>| {
            let query: Vec<String> = values.map(|v| format!("{filter}={v}")).collect();
            if query.is_empty() {
                Read::Nothing
            } else {
                Read::Query(query.join("&"))
            }
        };
        let ids = |of: Kind, filter: &str| {
            query(
                filter,
                &mut state.kind(of).objects.iter().map(|r| r.id.to_string()),
            )
        };
        let base = match kind {
            Kind::DevicePrimaryIps => Kind::Devices,
            Kind::VmPrimaryIps => Kind::VirtualMachines,
            Kind::InterfacePrimaryMacs => Kind::Interfaces,
            Kind::VmInterfacePrimaryMacs => Kind::VmInterfaces,
            Kind::VcMasters => Kind::VirtualChassis,
            Kind::SiteAsns => Kind::Sites,
            Kind::VdcPrimaryIps => Kind::VirtualDeviceContexts,
            other => other,
        };
        if !held.contains(&base) {
            return Read::Nothing;
        }
        if let Some((_, field, values)) = numbers.iter().find(|(k, _, _)| *k == base) {
            return query(field, &mut values.iter().cloned());
        }
        match base {
            // Few, shared by name or number across fixtures (ASNs are global numbers),
            // or with no filter that selects one fixture's (services name a device or a
            // VM): read whole; what refers to objects outside the state gets no key.
            // MAC addresses have no filter by name, and one by interface per kind (which
            // NetBox would AND): few, read whole.
            Kind::Tags | Kind::IpamRoles | Kind::Asns | Kind::Services | Kind::MacAddresses => {
                Read::All
            }
            Kind::Locations | Kind::Racks | Kind::Devices | Kind::PowerPanels => {
                ids(Kind::Sites, "site_id")
            }
            Kind::DeviceTypes | Kind::RackTypes => ids(Kind::Manufacturers, "manufacturer_id"),
            Kind::RackReservations => ids(Kind::Racks, "rack_id"),
            Kind::PowerFeeds => ids(Kind::PowerPanels, "power_panel_id"),
            Kind::InterfaceTemplates
            | Kind::ConsolePortTemplates
            | Kind::ConsoleServerPortTemplates
            | Kind::PowerPortTemplates
            | Kind::PowerOutletTemplates
            | Kind::RearPortTemplates
            | Kind::FrontPortTemplates => ids(Kind::DeviceTypes, "device_type_id"),
            Kind::Interfaces
            | Kind::ConsolePorts
            | Kind::ConsoleServerPorts
            | Kind::PowerPorts
            | Kind::PowerOutlets
            | Kind::RearPorts
            | Kind::FrontPorts
            | Kind::Cables => ids(Kind::Devices, "device_id"),
            Kind::VmInterfaces => ids(Kind::VirtualMachines, "virtual_machine_id"),
            Kind::FhrpGroupAssignments => ids(Kind::FhrpGroups, "group_id"),
            Kind::Circuits | Kind::ProviderAccounts | Kind::ProviderNetworks => {
                ids(Kind::Providers, "provider_id")
            }
            Kind::CircuitTerminations => ids(Kind::Circuits, "circuit_id"),
            Kind::VirtualDeviceContexts => ids(Kind::Devices, "device_id"),
            Kind::CircuitGroupAssignments => ids(Kind::CircuitGroups, "group_id"),
            Kind::VirtualCircuits => ids(Kind::ProviderNetworks, "provider_network_id"),
            Kind::VirtualCircuitTerminations => ids(Kind::VirtualCircuits, "virtual_circuit_id"),
            Kind::ContactAssignments => ids(Kind::Contacts, "contact_id"),
            _ => Read::Query(format!("name__isw={prefix}")),
        }
    })
}

/// Pushes a compiled fixture, then deletes what the push created. NetBox is read once,
/// filtered to the fixture's objects ([`filter`]); the plan, the push and the clean-up
/// all use that one state, which the push keeps up to date.
fn judge(
    compilation: &Compilation,
    prefix: &str,
    client: &Client,
    ipam: &std::sync::Mutex<()>,
) -> Verdict {
    let options = |apply| Options {
        apply,
        prune: false,
        allow_input_errors: true,
    };
    let desired = netbox::desired(compilation);
    let _alone = desired
        .iter()
        .any(|d| GLOBAL_IPAM.contains(&d.kind))
        .then(|| ipam.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    let mut state = State::read_filtered(client, filter(prefix, &desired))
        .unwrap_or_else(|e| panic!("reading NetBox: {e}"));
    let plan = netbox::push_onto(compilation, client, &mut state, options(false))
        .unwrap_or_else(|e| panic!("planning the push: {e:?}"));
    let foreign: Vec<String> = plan
        .plan
        .steps
        .iter()
        .filter(|s| s.action != Action::Create)
        .map(|s| format!("{} {}", s.kind.spec().collection, s.key))
        .collect();
    if !foreign.is_empty() {
        return Verdict::NotIsolated(foreign);
    }
    let pushed = match netbox::push_onto(compilation, client, &mut state, options(true)) {
        Ok(pushed) => pushed,
        Err(error) => return Verdict::Failed(format!("{error:?}")),
    };
    clean_up(&pushed, &state, client);
    if pushed.refused.is_empty() {
        Verdict::Accepted
    } else {
        Verdict::Refused(pushed.refused)
    }
}

/// Deletes the objects a push created, children first (the reverse of `Kind::ALL`), by the
/// ids the push recorded in `state`; kinds that only update another object's fields have
/// nothing of their own to delete. Virtual chassis go first: a chassis' master is a device
/// NetBox will not delete while the chassis names it, and deleting the chassis frees its
/// members.
fn clean_up(pushed: &Pushed, state: &State, client: &Client) {
    let created: Vec<(Kind, &str)> = pushed
        .applied
        .iter()
        .filter(|s| s.action == Action::Create)
        .map(|s| (s.kind, s.key.as_str()))
        .collect();
    let order = std::iter::once(Kind::VirtualChassis).chain(
        Kind::ALL
            .iter()
            .rev()
            .copied()
            .filter(|&k| k != Kind::VirtualChassis),
    );
    for kind in order {
        if kind.spec().update_only {
            continue;
        }
        let ids: Vec<serde_json::Value> = created
            .iter()
            .filter(|(k, _)| *k == kind)
            .filter_map(|(_, key)| state.id(kind, key))
            .map(|id| serde_json::json!({ "id": id }))
            .collect();
        if !ids.is_empty() {
            client
                .delete(kind.spec().path, &serde_json::Value::Array(ids))
                .unwrap_or_else(|e| panic!("cleaning up {}: {e}", kind.spec().collection));
        }
    }
}

/// The lines (file, line) of every label of the diagnostics of `code`.
fn lines_of(compilation: &Compilation, code: &str) -> Vec<(netsot::diag::FileId, u32)> {
    compilation
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == code)
        .flat_map(|d| d.primary.iter().chain(&d.secondary))
        .map(|label| {
            let file = compilation.files.get(label.location.file);
            (
                label.location.file,
                file.line_column(label.location.span.start).0,
            )
        })
        .collect()
}

/// Whether a refusal is about the rule's subject: in the file of one of the code's
/// diagnostics, within a few lines of it (the same object: NetBox names a field the
/// repository may not write, then the push points at the object).
fn on_subject(compilation: &Compilation, refusal: &netsot::diag::Diagnostic, code: &str) -> bool {
    let Some(label) = &refusal.primary else {
        return false;
    };
    let file = compilation.files.get(label.location.file);
    let line = file.line_column(label.location.span.start).0;
    lines_of(compilation, code)
        .iter()
        .any(|&(f, l)| f == label.location.file && line.abs_diff(l) <= 6)
}

/// How many fixtures are pushed at once: NetBox serves 2 workers of 4 threads, and a
/// fixture's requests are small once its reads are filtered.
const WORKERS: usize = 4;

/// Judges one code's two fixtures: what disagrees, and what could not be isolated.
fn judge_code(
    code: &str,
    prefixes: (String, String),
    client: &Client,
    ipam: &std::sync::Mutex<()>,
) -> (Vec<String>, Vec<String>) {
    let mut disagreements = Vec::new();
    let mut not_isolated = Vec::new();
    let dir = root().join("tests/fixtures/rules").join(code);
    let pass = compiled(&dir.join("pass"), &prefixes.0);
    match judge(&pass, &prefixes.0, client, ipam) {
        Verdict::Accepted => {}
        Verdict::Refused(refused) => disagreements.push(format!(
            "{code}: NetBox refused the pass fixture:\n{}",
            listed(&refused, &pass)
        )),
        Verdict::NotIsolated(steps) => not_isolated.push(format!("{code} pass: {steps:?}")),
        Verdict::Failed(error) => disagreements.push(format!(
            "{code}: NetBox failed on the pass fixture: {error}"
        )),
    }
    let fail = compiled(&dir.join("fail"), &prefixes.1);
    assert!(
        fail.diagnostics.iter().any(|d| d.rule.code == code),
        "{code}: the fail fixture does not report its code"
    );
    match judge(&fail, &prefixes.1, client, ipam) {
        Verdict::Accepted => disagreements.push(format!(
            "{code}: NetBox accepted the fail fixture, which netsot refuses:\n{}",
            crate::support::render(&fail)
        )),
        Verdict::Refused(refused) => {
            if !refused.iter().any(|r| on_subject(&fail, r, code)) {
                disagreements.push(format!(
                    "{code}: NetBox refused the fail fixture for another reason:\n{}netsot:\n{}",
                    listed(&refused, &fail),
                    crate::support::render(&fail)
                ));
            }
        }
        Verdict::NotIsolated(steps) => not_isolated.push(format!("{code} fail: {steps:?}")),
        // NetBox refused the fixture with an error of its own rather than a field's:
        // refused all the same (what it created before failing keeps its run prefix).
        Verdict::Failed(error) => {
            eprintln!("{code}: NetBox failed on the fail fixture: {error}")
        }
    }
    (disagreements, not_isolated)
}

#[test]
fn netbox_judges_the_rule_fixtures_as_netsot_does() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    // Every compared code by default (CI); `NETSOT_DIFFERENTIAL=NS0604,...` limits a run
    // to some codes (`all`, or nothing, for every one).
    let only: Option<BTreeSet<String>> = match std::env::var("NETSOT_DIFFERENTIAL") {
        Ok(v) if !v.is_empty() && v != "all" => {
            Some(v.split(',').map(|c| c.trim().to_string()).collect())
        }
        _ => None,
    };
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default()
        ^ u64::from(std::process::id());
    let started = std::time::Instant::now();
    let codes: Vec<&str> = COMPARED
        .iter()
        .copied()
        .filter(|c| only.as_ref().is_none_or(|only| only.contains(*c)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let ipam = std::sync::Mutex::new(());
    let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(codes.len()) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&code) = codes.get(index) else {
                    break;
                };
                let prefixes = (prefix(run, 2 * index), prefix(run, 2 * index + 1));
                let (disagree, alone) = judge_code(code, prefixes, &client, &ipam);
                let mut found = found.lock().unwrap_or_else(|p| p.into_inner());
                found.0.extend(disagree);
                found.1.extend(alone);
            });
        }
    });
    let (mut disagreements, mut not_isolated) =
        found.into_inner().unwrap_or_else(|p| p.into_inner());
    disagreements.sort();
    not_isolated.sort();
    eprintln!(
        "netbox_differential: {} codes in {:.0?}",
        codes.len(),
        started.elapsed()
    );
    assert!(
        not_isolated.is_empty(),
        "fixtures whose push would change objects this run did not create (left alone):\n{}",
        not_isolated.join("\n")
    );
    assert!(
        disagreements.is_empty(),
        "NetBox and netsot disagree:\n{}",
        disagreements.join("\n\n")
    );
}
