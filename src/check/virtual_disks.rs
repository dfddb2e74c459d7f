//! Virtual machines' disks (`virtualization/models/virtualmachines.py`): names unique per
//! machine (`ComponentModel`'s `%(app_label)s_%(class)s_unique_virtual_machine_name`,
//! NS0201), sizes within `PositiveIntegerField` (NS0111), and a written `disk` equal to
//! their total (`VirtualMachine.clean`, NS0645).

use std::collections::HashMap;

use crate::diag::{codes, Diagnostic};
use crate::graph::Graph;
use crate::model::virtualization::total_size;

/// `PositiveIntegerField`'s largest value in PostgreSQL.
const MAX_SIZE: u64 = 2_147_483_647;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    for object in &graph.model.virtual_machines {
        let data = &object.data;
        if data.virtual_disks.is_empty() {
            continue;
        }
        let mut seen = HashMap::new();
        for disk in &data.virtual_disks {
            let name = &disk.value.name;
            if let Some(first) = seen.insert(name.value.as_str(), name) {
                out.push(
                    Diagnostic::new(
                        &codes::DUPLICATE_OBJECT,
                        format!(
                            "virtual machine `{}` has two virtual disks named `{}`",
                            data.name.value, name.value
                        ),
                    )
                    .at(object.at(name))
                    .with_secondary(object.at(first), "first named here")
                    .with_help("rename one of the disks: names are unique per virtual machine"),
                );
            }
        }
        for disk in &data.virtual_disks {
            let size = &disk.value.size;
            if size.value > MAX_SIZE {
                out.push(
                    Diagnostic::new(
                        &codes::INVALID_VALUE,
                        format!(
                            "virtual disk `{}` of `{}` has size {}; NetBox allows at most {MAX_SIZE} (MB)",
                            disk.value.name.value, data.name.value, size.value
                        ),
                    )
                    .at(object.at(size))
                    .with_help("sizes are in MB: 1 TB is 1000000"),
                );
            }
        }
        let total = total_size(&data.virtual_disks);
        let Some(disk) = &data.disk else {
            continue;
        };
        if total != 0 && disk.value != total {
            let disk = disk.value;
            out.push(
                Diagnostic::new(
                    &codes::VIRTUAL_DISK_SIZE_MISMATCH,
                    format!(
                        "virtual machine `{}` has `disk: {disk}`, but its virtual disks total {total}",
                        data.name.value
                    ),
                )
                .at(object.at(data.disk.as_ref().unwrap_or(&data.virtual_disks[0].value.size)))
                .with_help(format!("set `disk: {total}`, or leave `disk` out: NetBox takes the total")),
            );
        }
    }
}
