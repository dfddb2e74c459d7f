//! `NS0645`-`NS0647`: virtual machines' own parts, part of the DCIM family (`NS06xx`).

use crate::diag::rule::rules;

rules! {
    /// A virtual machine's disk size that is not the total of its virtual disks.
    ///
    /// ## What it does
    /// Reports a virtual machine whose `disk` is written and differs from the sum of the
    /// `size` of its `virtual_disks`, as NetBox's `VirtualMachine.clean` refuses it
    /// (`virtualization/models/virtualmachines.py`). A machine without `disk` takes the
    /// total, as NetBox sets it.
    ///
    /// ## Why is this bad?
    /// Two figures for one quantity: capacity reports and the rendered outputs would read
    /// one, the hypervisor the other. NetBox refuses to save the machine.
    ///
    /// ## Example
    /// ```yaml
    ///     disk: 100000
    ///     virtual_disks:
    ///       - {name: root, size: 40000}
    ///       - {name: data, size: 80000}
    /// ```
    /// Correct `disk` to the total (120000), or leave it out.
    VIRTUAL_DISK_SIZE_MISMATCH = ("NS0645", "virtual-disk-size-mismatch", Error);
}
