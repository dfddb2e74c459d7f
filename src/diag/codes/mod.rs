//! The code table: every rule netsot reports, with its stable code, kebab-case name,
//! default severity and documentation, one file per family.
//!
//! Codes are never reused. The hundreds digit is the family of SPEC section 3: `NS00xx`
//! input and repository (`input.rs`), `NS01xx` syntax and shape (`syntax.rs`), `NS02xx`
//! identity (`identity.rs`), `NS03xx` references (`references.rs`), `NS04xx` IPAM
//! (`ipam.rs`), `NS05xx` VLANs (`vlans.rs`), `NS06xx` DCIM (`dcim.rs`, device types in
//! `device_types.rs`, virtual machines' parts in `virtualization.rs`, virtual circuits in `circuits.rs`, module type profiles in `module_type_profiles.rs`), `NS07xx` user policy (`policy.rs`), `NS08xx` rendering
//! (`render.rs`, the Kea output's in `dhcp.rs`) and `NS09xx` NetBox's refusals (`netbox.rs`). A family that outgrows one
//! file takes a second one named for what its rules are about; its `RULES` is added to
//! `FAMILIES` below. The doc comment of each rule is what `netsot explain CODE` prints,
//! with the fixed headings "What it does", "Why is this bad?" and "Example".

use super::rule::Rule;

mod circuits;
mod config_contexts;
mod custom_fields;
mod dcim;
mod device_types;
mod dhcp;
mod identity;
mod input;
mod ipam;
mod module_type_profiles;
mod netbox;
mod policy;
mod references;
mod render;
mod syntax;
mod virtualization;
mod vlans;

pub use circuits::*;
pub use config_contexts::*;
pub use custom_fields::*;
pub use dcim::*;
pub use device_types::*;
pub use dhcp::*;
pub use identity::*;
pub use input::*;
pub use ipam::*;
pub use module_type_profiles::*;
pub use netbox::*;
pub use policy::*;
pub use references::*;
pub use render::*;
pub use syntax::*;
pub use virtualization::*;
pub use vlans::*;

/// The rules of every file; `ALL` sorts them by code.
const FAMILIES: &[&[&Rule]] = &[
    input::RULES,
    syntax::RULES,
    custom_fields::RULES,
    config_contexts::RULES,
    identity::RULES,
    references::RULES,
    ipam::RULES,
    vlans::RULES,
    dcim::RULES,
    device_types::RULES,
    virtualization::RULES,
    circuits::RULES,
    module_type_profiles::RULES,
    policy::RULES,
    render::RULES,
    dhcp::RULES,
    netbox::RULES,
];

const COUNT: usize = {
    let mut count = 0;
    let mut family = 0;
    while family < FAMILIES.len() {
        count += FAMILIES[family].len();
        family += 1;
    }
    count
};

/// Every rule, in code order.
pub static ALL: &[&Rule] = &sorted();

/// Concatenates the families and sorts by code at compile time, so a family file may
/// hold its codes in any order and a new file needs only its line in `FAMILIES`.
const fn sorted() -> [&'static Rule; COUNT] {
    let mut all = [&input::IO_ERROR; COUNT];
    let mut at = 0;
    let mut family = 0;
    while family < FAMILIES.len() {
        let mut i = 0;
        while i < FAMILIES[family].len() {
            all[at] = FAMILIES[family][i];
            at += 1;
            i += 1;
        }
        family += 1;
    }
    // Insertion sort: a few hundred rules, once, in the compiler.
    let mut i = 1;
    while i < COUNT {
        let mut j = i;
        while j > 0 && code_less(all[j].code, all[j - 1].code) {
            let swap = all[j];
            all[j] = all[j - 1];
            all[j - 1] = swap;
            j -= 1;
        }
        i += 1;
    }
    all
}

const fn code_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}
