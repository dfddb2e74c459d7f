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
mod conflicts;
mod consumer_safety;
mod consumers;
mod contacts;
mod custom_fields;
mod dcim_relations;
mod diff;
mod dns_named;
mod dns_serial;
mod dns_wire;
mod example;
mod explain;
mod fhrp;
mod fidelity;
mod fuzz;
mod generate;
mod git;
mod golden;
mod ipam;
mod kea;
mod layout;
mod library;
mod merge;
mod modules;
mod netbox_differential;
mod netbox_fidelity;
mod netbox_import;
mod netbox_push;
mod output_settings;
mod panic;
mod power;
mod qinq;
mod roles_and_providers;
mod rules;
mod sarif;
mod schema;
mod site;
mod source_safety;
mod support;
mod template;
mod trace;
mod values;
mod verdict;
