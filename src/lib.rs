//! netsot compiles a network's intended state, kept as YAML in a git repository, into a
//! checked graph, and renders the files external tools consume.
//!
//! The pipeline, in the order data flows: [`source`] (bytes from the working tree or a git
//! revision) → [`load`] (YAML to the typed [`model`], with spans) → [`graph`] (references
//! resolved through indexes) → [`check`] (rule families) → [`render`] (outputs). Every stage
//! returns diagnostics ([`diag`]) instead of failing and reports how long its steps took
//! into a [`timing::Timings`] sink; only [`cli`] prints.
//!
//! `unsafe` is denied in the library; the binary's allocator (`src/alloc.rs`) is the one
//! place that has it; see ARCHITECTURE.md.
#![deny(unsafe_code)]

pub mod blame;
pub mod check;
pub mod cli;
pub mod compile;
pub mod context;
pub mod dev;
pub mod diag;
pub mod diff;
pub mod graph;
pub mod ipam;
pub mod load;
pub mod model;
pub mod netbox;
pub mod rack;
pub mod render;
pub mod review;
pub mod source;
pub mod timing;
pub mod view;
