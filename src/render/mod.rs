//! Built-in renderers and the template engine; they run only on a graph without errors.
//!
//! [`render`] turns a checked [`Compilation`] into [`RenderedFile`]s: paths relative to the
//! output folder and their bytes. Rendering is pure: no IO, no clock, no hash-map order,
//! so the same input gives the same bytes. Every rendered path is checked here (NS0801)
//! before anything is written; writing is the command line's job (`cli::write`).

mod ansible;
mod ansible_hosts;
mod dns;
mod icinga2;
mod icinga2_dependencies;
mod icinga2_templates;
mod kea;
pub mod kea_option_defs;
pub mod kea_options;
mod prometheus;
pub mod site;
mod template;
mod template_budget;
mod template_filter;
mod template_view;

pub use dns::serial as dns_serial;

use crate::compile::Compilation;
use crate::diag::{codes, Diagnostic, Location};
use crate::graph::{
    DeviceId, DeviceRoleId, IpId, PlatformId, ServiceId, SiteId, TagId, TenantId, VirtualMachineId,
};
use crate::model::Spanned;
use crate::timing::Timings;
use crate::view::Views;

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    /// Relative to the output folder, with `/` separators; never absolute, never `..`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What rendering produced: files sorted by path, and diagnostics.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: Vec<RenderedFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The paths of the zone files among `files`, whose SOA serial `build` settles against
    /// the previous build (`dns_serial::settle`).
    pub zone_files: Vec<String>,
}

impl Rendered {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The file at `path`, if rendered.
    pub fn file(&self, path: &str) -> Option<&RenderedFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// What a renderer reads.
pub struct Context<'a> {
    pub compilation: &'a Compilation,
    pub views: &'a Views<'a>,
    /// Where renderers with steps of their own (DNS) report them.
    pub timings: &'a Timings,
    hosts: std::sync::OnceLock<Vec<Host<'a>>>,
    services: std::sync::OnceLock<Vec<ServiceId>>,
    /// The work and output bytes every template render of the build draws from.
    template_budget: template_budget::Budget,
}

impl<'a> Context<'a> {
    /// Every device and VM, sorted by name; worked out once for all renderers.
    pub fn hosts(&self) -> &[Host<'a>] {
        self.hosts.get_or_init(|| hosts(&self.compilation.graph))
    }

    /// The services in a stable order, worked out once for all renderers.
    pub fn services(&self) -> &[ServiceId] {
        self.services
            .get_or_init(|| services_sorted(&self.compilation.graph))
    }

    /// The location of a value of `netsot.yaml`.
    pub fn at<T>(&self, value: &Spanned<T>) -> Location {
        Location::new(self.compilation.config_file, value.span)
    }
}

/// Renders every output of `netsot.yaml`. Call it only on a compilation without errors.
pub fn render(compilation: &Compilation) -> Rendered {
    render_timed(compilation, &Timings::off())
}

/// As [`render`], reporting each output's time (and the DNS renderer's steps) into
/// `timings`.
pub fn render_timed(compilation: &Compilation, timings: &Timings) -> Rendered {
    let views = Views::new(&compilation.graph);
    let input_bytes: u64 = compilation
        .files
        .iter()
        .map(|(_, f)| f.text.len() as u64)
        .sum();
    let cx = Context {
        compilation,
        views: &views,
        timings,
        hosts: Default::default(),
        services: Default::default(),
        template_budget: template_budget::Budget::new(compilation.object_count(), input_bytes),
    };
    let mut rendered = Rendered::default();
    // Templates and the inventory copy every object's merged context: count it first.
    let copies_contexts = compilation.config.outputs.iter().any(|o| {
        !matches!(
            o.value.renderer.value.as_str(),
            "dns" | "prometheus" | "icinga2" | "kea"
        )
    });
    if copies_contexts {
        let budget = crate::context::merged_budget(input_bytes);
        if let Some(diagnostic) = views.contexts.over_budget(budget) {
            rendered.diagnostics.push(diagnostic);
            return rendered;
        }
    }
    let mut owners: std::collections::HashMap<String, Location> = std::collections::HashMap::new();
    // Outputs are independent: render them in parallel, then merge in their order.
    use rayon::prelude::*;
    let parts: Vec<(Rendered, Option<Diagnostic>)> = compilation
        .config
        .outputs
        .par_iter()
        .map(|output| {
            let mut part = Rendered::default();
            // A per-object path is a template, checked once rendered: its expressions may be
            // longer than the names they render, or hold a `/` of their own.
            let per_object = output.value.renderer.value.as_str() == "template"
                && output.value.for_each.is_some();
            let checked = if per_object {
                Ok(String::new())
            } else {
                safe_path(&output.value.path.value)
            };
            let base = match checked {
                Ok(base) => base,
                Err(reason) => {
                    let diagnostic = Diagnostic::new(
                        &codes::INVALID_OUTPUT_PATH,
                        format!("the output path `{}` {reason}", output.value.path.value),
                    )
                    .at(cx.at(&output.value.path))
                    .with_help("output paths are relative to the output folder (`--out`) and stay inside it");
                    return (part, Some(diagnostic));
                }
            };
            let renderer = output.value.renderer.value.as_str();
            timings.time(
                || format!("render/{renderer}"),
                || match renderer {
                    "dns" => dns::render(&cx, &output.value, &base, &mut part),
                    "prometheus" => prometheus::render(&cx, &output.value, &base, &mut part),
                    "icinga2" => icinga2::render(&cx, &output.value, &base, &mut part),
                    "ansible" => ansible::render(&cx, &output.value, &base, &mut part),
                    "site" => site::render(&cx, &output.value, &base, &mut part),
                    "kea" => kea::render(&cx, &output.value, &base, &mut part),
                    _ => template::render(&cx, output, &mut part),
                },
            );
            (part, None)
        })
        .collect();
    for (output, (mut part, refused)) in compilation.config.outputs.iter().zip(parts) {
        if let Some(diagnostic) = refused {
            rendered.diagnostics.push(diagnostic);
            continue;
        }
        rendered.diagnostics.append(&mut part.diagnostics);
        rendered.zone_files.append(&mut part.zone_files);
        for file in part.files {
            match safe_file_path(&file.path) {
                Err(reason) => rendered.diagnostics.push(
                    Diagnostic::new(
                        &codes::INVALID_OUTPUT_PATH,
                        format!("the rendered path `{}` {reason}", file.path),
                    )
                    .at(cx.at(&output.value.path))
                    .with_help("output paths are relative to the output folder (`--out`) and stay inside it"),
                ),
                Ok(path) => {
                    if let Some(first) = owners.get(&path) {
                        rendered.diagnostics.push(
                            Diagnostic::new(
                                &codes::INVALID_OUTPUT_PATH,
                                format!("two outputs write `{path}`"),
                            )
                            .at(cx.at(&output.value.path))
                            .with_secondary(*first, "first written here")
                            .with_help("give each output its own path"),
                        );
                        continue;
                    }
                    owners.insert(path.clone(), cx.at(&output.value.path));
                    rendered.files.push(RenderedFile {
                        path,
                        bytes: file.bytes,
                    });
                }
            }
        }
    }
    refuse_file_folders(&owners, &mut rendered);
    rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
    crate::diag::sort_and_dedup(&mut rendered.diagnostics, &compilation.files);
    rendered
}

/// The longest file or folder name most file systems take (`NAME_MAX` on Linux, in bytes).
pub const NAME_MAX: usize = 255;

/// Normalises a relative output path: `/` separators, no empty or `.` parts. Refuses an
/// absolute path, a `..` part, a control character and a part longer than [`NAME_MAX`].
/// An empty result is the output folder itself, which a renderer's base folder may be.
pub fn safe_path(path: &str) -> Result<String, &'static str> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') || (path.len() > 1 && path.as_bytes()[1] == b':') {
        return Err("is absolute");
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err("leaves the output folder"),
            part if part.chars().any(|c| c.is_control()) => {
                return Err("holds a control character")
            }
            part if part.len() > NAME_MAX => {
                return Err("has a part longer than 255 bytes, more than file systems take")
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

/// [`safe_path`] for a file: the path must also name something below the output folder,
/// so `path: "."` or a per-object path that renders empty is refused instead of writing
/// beside the output folder.
pub fn safe_file_path(path: &str) -> Result<String, &'static str> {
    match safe_path(path)? {
        path if path.is_empty() => Err("names no file inside the output folder"),
        path => Ok(path),
    }
}

/// Refuses a rendered file whose path is a folder of another rendered file (devices `zz`
/// and `zz.cfg/inner` with `configs/{{ device.name }}.cfg`): one of the two could not be
/// written, and finding out half way through writing would leave a partial build. Each
/// path's folders are looked up in the map of written paths, so this costs a few hash
/// lookups per file, not a comparison of all pairs.
fn refuse_file_folders(
    owners: &std::collections::HashMap<String, Location>,
    rendered: &mut Rendered,
) {
    for file in &rendered.files {
        let path = file.path.as_str();
        for (end, _) in path.match_indices('/') {
            let folder = &path[..end];
            if let Some(first) = owners.get(folder) {
                let location = owners.get(path).copied().unwrap_or(*first);
                rendered.diagnostics.push(
                    Diagnostic::new(
                        &codes::INVALID_OUTPUT_PATH,
                        format!("`{folder}` is written as a file and is also the folder of `{path}`"),
                    )
                    .at(location)
                    .with_secondary(*first, "the file is written here")
                    .with_help("a path cannot be both a file and a folder; make the rendered paths distinct, e.g. by a suffix no name ends in"),
                );
            }
        }
    }
}

/// Joins a base folder and a file name.
pub fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_string()
    } else {
        format!("{base}/{name}")
    }
}

/// A device or virtual machine as the monitoring and inventory renderers see it.
pub struct Host<'g> {
    pub owner: crate::graph::Owner,
    pub name: &'g str,
    pub status: &'g str,
    pub primary_ip4: Option<std::net::IpAddr>,
    pub primary_ip6: Option<std::net::IpAddr>,
    pub site: Option<&'g str>,
    pub region: Option<&'g str>,
    /// Devices only.
    pub rack: Option<&'g str>,
    pub role: Option<&'g str>,
    pub platform: Option<&'g str>,
    pub tenant: Option<&'g str>,
    pub tags: Vec<&'g str>,
    pub custom_fields: &'g crate::model::organisation::CustomFieldValues,
}

impl Host<'_> {
    /// The address tools reach the host at: the primary IPv4, else the primary IPv6.
    pub fn address(&self) -> Option<std::net::IpAddr> {
        self.primary_ip4.or(self.primary_ip6)
    }

    pub fn is_active(&self) -> bool {
        self.status == "active"
    }

    /// The labels every monitoring and inventory output carries, those that are set.
    pub fn labels(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("site", self.site),
            ("region", self.region),
            ("rack", self.rack),
            ("role", self.role),
            ("platform", self.platform),
            ("tenant", self.tenant),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value?)))
    }
}

/// The relations of a device or virtual machine that hosts carry.
struct HostRelations<'g> {
    primary_ip4: Option<IpId>,
    primary_ip6: Option<IpId>,
    site: Option<SiteId>,
    rack: Option<crate::graph::RackId>,
    role: Option<DeviceRoleId>,
    platform: Option<PlatformId>,
    tenant: Option<TenantId>,
    tags: &'g [TagId],
    custom_fields: &'g crate::model::organisation::CustomFieldValues,
}

/// Every device and virtual machine, sorted by name.
fn hosts<'g>(graph: &'g crate::graph::Graph) -> Vec<Host<'g>> {
    use crate::graph::Owner;
    let m = &graph.model;
    let ip = |i: Option<IpId>| i.map(|i| graph.ip_addresses[i.index()].address.addr());
    let site = |s: Option<SiteId>| s.map(|s| m.sites[s.index()].data.name.value.as_str());
    let region = |s: Option<SiteId>| {
        s.and_then(|s| graph.sites[s.index()].region)
            .map(|r| m.regions[r.index()].data.name.value.as_str())
    };
    let role =
        |r: Option<DeviceRoleId>| r.map(|r| m.device_roles[r.index()].data.name.value.as_str());
    let platform =
        |p: Option<PlatformId>| p.map(|p| m.platforms[p.index()].data.name.value.as_str());
    let tenant = |t: Option<TenantId>| t.map(|t| m.tenants[t.index()].data.name.value.as_str());
    let tags = |tags: &[TagId]| {
        let mut names: Vec<&str> = tags
            .iter()
            .map(|&t| m.tags[t.index()].data.name.value.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let status = |s: Option<&Spanned<crate::model::dcim::DeviceStatus>>| {
        s.map_or("active", |s| s.value.as_str())
    };
    // The relations a device and a virtual machine have in common.
    let host = |owner, name: &'g str, status: &'g str, relations: HostRelations<'g>| Host {
        owner,
        name,
        status,
        primary_ip4: ip(relations.primary_ip4),
        primary_ip6: ip(relations.primary_ip6),
        site: site(relations.site),
        region: region(relations.site),
        rack: relations
            .rack
            .map(|r| m.racks[r.index()].data.name.value.as_str()),
        role: role(relations.role),
        platform: platform(relations.platform),
        tenant: tenant(relations.tenant),
        tags: tags(relations.tags),
        custom_fields: relations.custom_fields,
    };
    // An unnamed device has no host name to monitor or inventory it by: left out.
    let devices = graph.devices.iter().enumerate().filter_map(|(d, n)| {
        let data = &m.devices[d].data;
        let name = data.name.as_ref()?;
        Some(host(
            Owner::Device(DeviceId::from_index(d)),
            &name.value,
            status(data.status.as_ref()),
            HostRelations {
                primary_ip4: n.primary_ip4,
                primary_ip6: n.primary_ip6,
                site: n.site,
                rack: n.rack,
                role: n.role,
                platform: n.platform,
                tenant: n.tenant,
                tags: &n.tags,
                custom_fields: &data.custom_fields,
            },
        ))
    });
    let vms = graph.virtual_machines.iter().enumerate().map(|(v, n)| {
        let data = &m.virtual_machines[v].data;
        host(
            Owner::VirtualMachine(VirtualMachineId::from_index(v)),
            &data.name.value,
            status(data.status.as_ref()),
            HostRelations {
                primary_ip4: n.primary_ip4,
                primary_ip6: n.primary_ip6,
                site: n.site,
                rack: None,
                role: n.role,
                platform: n.platform,
                tenant: n.tenant,
                tags: &n.tags,
                custom_fields: &data.custom_fields,
            },
        )
    });
    let mut hosts: Vec<Host<'g>> = devices.chain(vms).collect();
    // By name, not by load order, so moving objects between files changes no output.
    hosts.sort_by(|a, b| (a.name, a.site, a.owner).cmp(&(b.name, b.site, b.owner)));
    hosts
}

/// The services of a graph in a stable order: by owner name, service name, protocol and
/// ports, whatever the files they were written in.
fn services_sorted(graph: &crate::graph::Graph) -> Vec<ServiceId> {
    let m = &graph.model;
    let mut order: Vec<ServiceId> = ServiceId::all(graph.services.len()).collect();
    let key = |s: ServiceId| {
        let data = &m.services[s.index()].data;
        let owner = graph.services[s.index()]
            .owner
            .map(|o| graph.owner_name(o))
            .unwrap_or("");
        (
            owner,
            data.name.value.as_str(),
            data.protocol.value.as_str(),
            data.ports.iter().map(|p| p.value).collect::<Vec<_>>(),
        )
    };
    order.sort_by_cached_key(|&s| key(s));
    order
}

/// `address:port`, with brackets around IPv6 addresses.
pub fn socket(address: std::net::IpAddr, port: u16) -> String {
    std::net::SocketAddr::new(address, port).to_string()
}

/// The address of a host an output reaches it at (`primary` when `choice` is `None`): its
/// primary IPv4, else IPv6; one of them; or a device's out-of-band address.
pub(crate) fn address_of(
    graph: &crate::graph::Graph,
    choice: Option<crate::model::config::HostAddress>,
    owner: crate::graph::Owner,
) -> Option<IpId> {
    use crate::graph::Owner;
    let (ip4, ip6, oob) = match owner {
        Owner::Device(d) => {
            let n = &graph.devices[d.index()];
            (n.primary_ip4, n.primary_ip6, n.oob_ip)
        }
        Owner::VirtualMachine(v) => {
            let n = &graph.virtual_machines[v.index()];
            (n.primary_ip4, n.primary_ip6, None)
        }
    };
    match choice.map_or("primary", |c| c.as_str()) {
        "primary_ip4" => ip4,
        "primary_ip6" => ip6,
        "oob" => oob,
        _ => ip4.or(ip6),
    }
}

/// Where a host's name is written.
pub(crate) fn host_name_location(
    graph: &crate::graph::Graph,
    owner: crate::graph::Owner,
) -> Location {
    match owner {
        crate::graph::Owner::Device(d) => {
            let device = &graph.model.devices[d.index()];
            device
                .data
                .name
                .as_ref()
                .map_or(device.location(), |name| device.at(name))
        }
        crate::graph::Owner::VirtualMachine(v) => {
            let vm = &graph.model.virtual_machines[v.index()];
            vm.at(&vm.data.name)
        }
    }
}

/// Reports, at both, two hosts that one output would key by the same name (NS0807): device
/// names are unique per site and tenant only, so `PP:MDF` may exist in every site, and
/// Ansible keeps one of them while Icinga 2 refuses the whole configuration. `hosts` come
/// sorted by name, so two of one name are neighbours.
pub(crate) fn report_host_collisions<'h, 'g: 'h>(
    graph: &crate::graph::Graph,
    hosts: impl Iterator<Item = &'h Host<'g>>,
    output: &str,
    out: &mut Rendered,
) {
    let mut previous: Option<&Host> = None;
    for host in hosts {
        if let Some(first) = previous.filter(|p| p.name == host.name) {
            let (first_at, second_at) = (
                host_name_location(graph, first.owner),
                host_name_location(graph, host.owner),
            );
            for (at, other) in [(second_at, first_at), (first_at, second_at)] {
                out.diagnostics.push(
                    Diagnostic::new(
                        &codes::OUTPUT_NAME_COLLISION,
                        format!("two hosts are named `{}` in {output}", host.name),
                    )
                    .at(at)
                    .with_secondary(other, "the other host of that name")
                    .with_help(
                        "one host would replace the other; rename one of them, or give them names unique across sites",
                    ),
                );
            }
        }
        previous = Some(host);
    }
}

#[cfg(test)]
mod tests {
    use super::{safe_file_path, safe_path};

    #[test]
    fn safe_paths_stay_inside_the_output_folder() {
        assert_eq!(
            safe_path("dns/./zones//a.zone"),
            Ok("dns/zones/a.zone".into())
        );
        assert_eq!(safe_path("a\\b"), Ok("a/b".into()));
        assert!(safe_path("/etc/passwd").is_err());
        assert!(safe_path("C:/x").is_err());
        assert!(safe_path("a/../../b").is_err());
        assert!(safe_path("a/\nb").is_err());
        assert_eq!(safe_path("."), Ok(String::new()));
        assert!(safe_path(&format!("a/{}", "x".repeat(255))).is_ok());
        assert!(safe_path(&format!("a/{}", "x".repeat(256))).is_err());
        // Bytes, not characters: 128 two-byte characters are 256 bytes.
        assert!(safe_path(&"é".repeat(128)).is_err());
    }

    #[test]
    fn a_file_path_names_a_file() {
        assert!(safe_file_path(".").is_err());
        assert!(safe_file_path("").is_err());
        assert!(safe_file_path("./").is_err());
        assert_eq!(safe_file_path("./a"), Ok("a".into()));
    }
}
