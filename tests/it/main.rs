//! The integration tests: one binary (see STYLE.md), one module per feature.
//!
//! Fixtures live in `tests/fixtures/`; the real-world data they test against is used in
//! place from `../shared/data/` and never copied.

mod ansible;
mod bad_input;
mod blame;
mod bounds;
mod build;
mod build_safety;
mod catalogue;
mod checks;
mod ci;
mod codes;
mod consumer_safety;
mod consumers;
mod custom_fields;
mod dcim_relations;
mod diff;
mod example;
mod explain;
mod fidelity;
mod fuzz;
mod generate;
mod git;
mod golden;
mod ipam;
mod layout;
mod library;
mod modules;
mod netbox_conflicts;
mod netbox_fidelity;
mod netbox_import;
mod netbox_push;
mod netbox_roundtrip;
mod panic;
mod power;
mod rules;
mod sarif;
mod schema;
mod source_safety;
mod support;
mod template;
mod trace;
mod values;
mod verdict;
