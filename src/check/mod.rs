//! The rule families of SPEC section 3 that run on the resolved graph. Syntax and shape
//! (family 1) are checked while loading, identity and references (families 2 and 3) while
//! resolving; the families here see a graph whose references are resolved as far as they
//! could be. No IO happens here.

use crate::diag::Diagnostic;
use crate::graph::Graph;
use crate::model::config::Config;

/// Runs every graph-level rule family.
pub fn run(graph: &Graph, config: &Config) -> Vec<Diagnostic> {
    let diagnostics = Vec::new();
    let _ = (graph, config);
    diagnostics
}
