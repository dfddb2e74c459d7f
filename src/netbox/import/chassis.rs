//! How a virtual chassis numbers its members' interfaces. NetBox has no field for it: a
//! push gives each member its type's interfaces under the names netsot's
//! `interface_numbering` makes (`ge-1/0/0` on the member at position 2 for
//! `vc_position_minus_one`), and the import finds the scheme back from those names. A
//! scheme is written only when it explains more of the members' interfaces than the
//! type's own names do, so a chassis whose members kept their type's names has none.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::components::Components;
use super::record::nested_id;
use super::scope::Scope;
use crate::graph::renumber;

/// The slot number a scheme gives a member's position, if any.
type Slot = fn(u32) -> Option<u32>;

/// netsot's schemes (`InterfaceNumbering`), with the slot number each gives a position.
const SCHEMES: &[(&str, Slot)] = &[
    ("vc_position", Some),
    ("vc_position_minus_one", |p| p.checked_sub(1)),
];

/// The scheme of each chassis that has one, and the slot number of each of its members.
#[derive(Default)]
pub struct Numbering {
    schemes: HashMap<u64, &'static str>,
    members: HashMap<u64, u32>,
}

/// A member of a chassis: its id, position and type.
struct Member {
    device: u64,
    position: u32,
    device_type: Option<u64>,
}

impl Numbering {
    pub fn new(scope: &Scope, components: &Components) -> Numbering {
        let mut chassis: HashMap<u64, Vec<Member>> = HashMap::new();
        for device in scope.objects("dcim/devices") {
            let (Some(vc), Some(id), Some(position)) = (
                device.get("virtual_chassis").and_then(nested_id),
                device.get("id").and_then(Value::as_u64),
                device.get("vc_position").and_then(Value::as_u64),
            ) else {
                continue;
            };
            chassis.entry(vc).or_default().push(Member {
                device: id,
                position: u32::try_from(position).unwrap_or(u32::MAX),
                device_type: device.get("device_type").and_then(nested_id),
            });
        }
        let mut numbering = Numbering::default();
        for (vc, members) in chassis {
            let score = |slot: &dyn Fn(u32) -> Option<u32>| -> usize {
                members
                    .iter()
                    .map(|m| explained(components, m, slot(m.position)))
                    .sum()
            };
            let mut best = (score(&|_| None), None);
            for (scheme, slot) in SCHEMES {
                let found = score(slot);
                if found > best.0 {
                    best = (found, Some((*scheme, slot)));
                }
            }
            let Some((scheme, slot)) = best.1 else {
                continue;
            };
            numbering.schemes.insert(vc, scheme);
            for member in &members {
                if let Some(number) = slot(member.position) {
                    numbering.members.insert(member.device, number);
                }
            }
        }
        numbering
    }

    /// The scheme of a chassis, when its members' names follow one.
    pub fn scheme(&self, chassis: u64) -> Option<&'static str> {
        self.schemes.get(&chassis).copied()
    }

    /// The slot number a member puts in its type's interface names.
    pub fn of_device(&self, device: u64) -> Option<u32> {
        self.members.get(&device).copied()
    }
}

/// A template's interface name on a member whose slot number is `number`.
pub fn numbered(name: &str, number: Option<u32>) -> std::borrow::Cow<'_, str> {
    match number.and_then(|n| renumber(name, n)) {
        Some(renamed) => renamed.into(),
        None => name.into(),
    }
}

/// How many of a member's type's interfaces it holds under the names `number` gives them.
fn explained(components: &Components, member: &Member, number: Option<u32>) -> usize {
    let names: HashSet<&str> = components
        .of("dcim/interfaces", Some(member.device))
        .iter()
        .filter_map(|i| i.get("name").and_then(Value::as_str))
        .collect();
    components
        .of("dcim/interface-templates", member.device_type)
        .iter()
        .filter_map(|t| t.get("name").and_then(Value::as_str))
        .filter(|name| names.contains(numbered(name, number).as_ref()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::netbox::import::fetch::Snapshot;
    use crate::netbox::import::NotCarried;
    use serde_json::json;

    /// The round trip's reproducer: the examples' EX3400 chassis, pushed, holds its second
    /// member's interfaces as `ge-1/0/N` (its type says `ge-0/0/N`), the first member's as
    /// the type has them.
    #[test]
    fn a_chassis_numbering_is_found_back_from_its_members_names() {
        let member = |id: u64, position: u64| {
            json!({"id": id, "name": format!("access{position}"), "device_type": {"id": 7},
                   "virtual_chassis": {"id": 3}, "vc_position": position})
        };
        let interface = |id: u64, device: u64, name: &str| json!({"id": id, "device": {"id": device}, "name": name});
        let template =
            |id: u64, name: &str| json!({"id": id, "device_type": {"id": 7}, "name": name});
        let snapshot = Snapshot::from_lists([
            (
                "dcim/devices",
                vec![
                    member(1, 1),
                    member(2, 2),
                    json!({"id": 9, "name": "alone", "device_type": {"id": 7}}),
                ],
            ),
            (
                "dcim/interface-templates",
                vec![
                    template(1, "ge-0/0/0"),
                    template(2, "ge-0/0/1"),
                    template(3, "em0"),
                ],
            ),
            (
                "dcim/interfaces",
                vec![
                    interface(1, 1, "ge-0/0/0"),
                    interface(2, 1, "ge-0/0/1"),
                    interface(3, 1, "em0"),
                    interface(4, 2, "ge-1/0/0"),
                    interface(5, 2, "ge-1/0/1"),
                    interface(6, 2, "em0"),
                ],
            ),
        ]);
        let scope = Scope::new(&snapshot, &[]).expect("every object");
        let mut report = NotCarried::default();
        let components = Components::new(&scope, &mut report);
        let numbering = Numbering::new(&scope, &components);
        assert_eq!(numbering.scheme(3), Some("vc_position_minus_one"));
        assert_eq!(numbering.of_device(1), Some(0));
        assert_eq!(numbering.of_device(2), Some(1));
        assert_eq!(numbering.of_device(9), None);
    }

    #[test]
    fn members_that_kept_their_types_names_have_no_scheme() {
        let snapshot = Snapshot::from_lists([
            (
                "dcim/devices",
                vec![
                    json!({"id": 1, "device_type": {"id": 7}, "virtual_chassis": {"id": 3}, "vc_position": 1}),
                    json!({"id": 2, "device_type": {"id": 7}, "virtual_chassis": {"id": 3}, "vc_position": 2}),
                ],
            ),
            (
                "dcim/interface-templates",
                vec![json!({"id": 1, "device_type": {"id": 7}, "name": "ge-0/0/0"})],
            ),
            (
                "dcim/interfaces",
                vec![
                    json!({"id": 1, "device": {"id": 1}, "name": "ge-0/0/0"}),
                    json!({"id": 2, "device": {"id": 2}, "name": "ge-0/0/0"}),
                ],
            ),
        ]);
        let scope = Scope::new(&snapshot, &[]).expect("every object");
        let mut report = NotCarried::default();
        let components = Components::new(&scope, &mut report);
        let numbering = Numbering::new(&scope, &components);
        assert_eq!(numbering.scheme(3), None);
        assert_eq!(numbering.of_device(2), None);
    }

    #[test]
    fn a_name_without_a_slot_or_without_a_number_is_kept() {
        assert_eq!(numbered("ge-0/0/3", Some(1)), "ge-1/0/3");
        assert_eq!(numbered("ge-0/0/3", None), "ge-0/0/3");
        assert_eq!(numbered("em0", Some(2)), "em0");
    }
}
