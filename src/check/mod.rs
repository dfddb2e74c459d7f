//! The rule families of SPEC section 3 that run on the resolved graph. Syntax and shape
//! (family 1) are checked while loading, identity and references (families 2 and 3) while
//! resolving; the families here (4 IPAM, 5 VLANs, 6 DCIM, 7 policy, and custom fields) see a graph whose
//! references are resolved as far as they could be, and skip what did not resolve (it was
//! reported already). No IO happens here, and no pass compares all pairs: every family
//! hashes or sorts once.

mod cables;
mod config_contexts;
mod custom_field_values;
mod custom_fields;
mod dcim;
mod device_types;
pub(crate) mod eui48;
mod fhrp;
mod geography;
mod interfaces;
mod ipam;
mod ipam_values;
mod module_components;
mod module_type_profiles;
mod policy;
mod ports;
mod power;
mod racks;
mod relations;
mod type_templates;
mod unique_values;
mod values;
mod virtual_chassis;
mod virtual_disks;
mod vlan;
mod wireless;

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
                || {
                    collect(timings, "ipam", |out| {
                        ipam::check(graph, config, out);
                        ipam_values::check(graph, out);
                        fhrp::check(graph, out);
                        unique_values::check(graph, out);
                    })
                },
                || {
                    let mut vlan = collect(timings, "vlan", |out| vlan::check(graph, config, out));
                    vlan.extend(collect(timings, "custom_fields", |out| {
                        custom_fields::check(graph, out)
                    }));
                    vlan.extend(collect(timings, "values", |out| {
                        values::check(graph, out);
                        virtual_disks::check(graph, out);
                    }));
                    vlan.extend(collect(timings, "config_contexts", |out| {
                        config_contexts::check(graph, out);
                        module_type_profiles::check(graph, out);
                    }));
                    vlan
                },
            )
        },
        || {
            rayon::join(
                || collect(timings, "dcim", |out| dcim::check(graph, config, out)),
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
