//! The integration tests: one binary (see STYLE.md), one module per feature.
//!
//! Fixtures live in `tests/fixtures/`; the real-world data they test against is used in
//! place from `../shared/data/` and never copied.

mod bad_input;
mod blame;
mod build;
mod checks;
mod ci;
mod codes;
mod consumers;
mod diff;
mod example;
mod fuzz;
mod generate;
mod git;
mod ipam;
mod library;
mod panic;
mod rules;
mod schema;
mod support;
mod template;
