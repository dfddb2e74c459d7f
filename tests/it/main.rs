//! The integration tests: one binary (see STYLE.md), one module per feature.
//!
//! Fixtures live in `tests/fixtures/`; the real-world data they test against is used in
//! place from `../shared/data/` and never copied.

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
mod diff;
mod example;
mod explain;
mod fuzz;
mod generate;
mod git;
mod golden;
mod ipam;
mod layout;
mod library;
mod netbox_import;
mod panic;
mod rules;
mod sarif;
mod schema;
mod source_safety;
mod support;
mod template;
