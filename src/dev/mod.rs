//! Developer tools: the large-repository generator and the parse-only floor of the
//! benchmark (`netsot dev ...`, see BENCHMARKS.md).

pub mod generate;
mod generate_dcim;
