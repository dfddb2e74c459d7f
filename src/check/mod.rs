//! The rule families of SPEC section 3 that run on the resolved graph. Syntax and shape
//! (family 1) are checked while loading, identity and references (families 2 and 3) while
//! resolving; the families here (4 IPAM, 5 VLANs, 6 DCIM, 7 policy) see a graph whose
//! references are resolved as far as they could be, and skip what did not resolve (it was
//! reported already). No IO happens here, and no pass compares all pairs: every family
//! hashes or sorts once.

mod dcim;
mod ipam;
mod policy;
mod power;
mod vlan;

use crate::diag::{Diagnostic, FileId};
use crate::graph::Graph;
use crate::model::config::Config;
use crate::timing::Timings;

/// Runs every graph-level rule family. The families are independent and run in parallel.
pub fn run(
    graph: &Graph,
    config: &Config,
    config_file: FileId,
    timings: &Timings,
) -> Vec<Diagnostic> {
    let ((mut ipam, mut vlan), (mut dcim, mut policy)) = rayon::join(
        || {
            rayon::join(
                || collect(timings, "ipam", |out| ipam::check(graph, config, out)),
                || collect(timings, "vlan", |out| vlan::check(graph, out)),
            )
        },
        || {
            rayon::join(
                || collect(timings, "dcim", |out| dcim::check(graph, out)),
                || {
                    collect(timings, "policy", |out| {
                        policy::check(graph, config, config_file, out)
                    })
                },
            )
        },
    );
    ipam.append(&mut vlan);
    ipam.append(&mut dcim);
    ipam.append(&mut policy);
    ipam
}

fn collect(
    timings: &Timings,
    family: &str,
    check: impl FnOnce(&mut Vec<Diagnostic>),
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    timings.time(|| format!("check/{family}"), || check(&mut out));
    out
}
