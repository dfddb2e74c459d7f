//! Family 6, the components installed modules give a device (NetBox's
//! `ModuleCommonForm.clean` in `dcim/forms/common.py`): a module's console, console server,
//! power and front/rear ports, `{module}` resolved, must not take a name the device's type
//! or an earlier module already gives under the same kind (interfaces are reported the same
//! way where they are instantiated, `graph/resolve/refine.rs`). A device's own entries of
//! the name refine the component, as they refine its type's. Only devices with modules
//! cost more than a glance: one small hash per kind.

use rustc_hash::FxHashMap as HashMap;

use crate::diag::{codes, Diagnostic, Location};
use crate::graph::module_ports::PortKind;
use crate::graph::{DeviceId, Graph};
use crate::model::device_type::DeviceType;

pub(super) fn check(graph: &Graph, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, Option<u32>> = HashMap::default();
    for (d, node) in graph.devices.iter().enumerate() {
        if node.modules.is_empty() {
            continue;
        }
        let device = DeviceId::from_index(d);
        let object = &graph.model.devices[d];
        let device_type = node
            .device_type
            .map(|t| &graph.model.device_types[t.index()].data);
        for kind in PortKind::ALL {
            let ports = graph.module_ports(device, kind);
            if ports.is_empty() {
                continue;
            }
            seen.clear();
            for name in device_type.map(|t| type_names(t, kind)).unwrap_or_default() {
                seen.insert(name.to_string(), None);
            }
            for port in ports {
                let here = Location::new(object.file, graph.module_data(port.module).bay.span);
                let Some(first) = seen.get(port.name.as_ref()).copied() else {
                    seen.insert(port.name.into_owned(), Some(port.module));
                    continue;
                };
                // A module type naming two ports alike is its own fault, not a clash with
                // the device: the first of them stands.
                if first == Some(port.module) {
                    continue;
                }
                let module = graph.module_data(port.module);
                let (owner, also) = match first {
                    None => ("its device type".to_string(), object.location()),
                    Some(m) => (
                        format!("the module in bay `{}`", graph.module_data(m).bay.value),
                        Location::new(object.file, graph.module_data(m).bay.span),
                    ),
                };
                out.push(
                    Diagnostic::new(
                        &codes::MODULE_COMPONENT_NAME_TAKEN,
                        format!(
                            "module `{}` in bay `{}` gives device `{}` {} `{}`, which {owner} already gives it",
                            module.module_type.value,
                            module.bay.value,
                            object.data.label(),
                            kind.noun(),
                            port.name
                        ),
                    )
                    .at_labelled(here, "installed here")
                    .with_secondary(also, "the first holder of the name")
                    .with_help("NetBox refuses a module whose components' names the device has: remove the clashing module, or install a module type whose names differ"),
                );
            }
        }
    }
}

/// The names a device type gives of one kind.
fn type_names(t: &DeviceType, kind: PortKind) -> Vec<&str> {
    fn names<T>(list: &[crate::model::Spanned<T>], name: fn(&T) -> &str) -> Vec<&str> {
        list.iter().map(|p| name(&p.value)).collect()
    }
    match kind {
        PortKind::ConsolePort => names(&t.console_ports, |p| &p.name.value),
        PortKind::ConsoleServerPort => names(&t.console_server_ports, |p| &p.name.value),
        PortKind::PowerPort => names(&t.power_ports, |p| &p.name.value),
        PortKind::PowerOutlet => names(&t.power_outlets, |p| &p.name.value),
        PortKind::RearPort => names(&t.rear_ports, |p| &p.name.value),
        PortKind::FrontPort => names(&t.front_ports, |p| &p.name.value),
    }
}
