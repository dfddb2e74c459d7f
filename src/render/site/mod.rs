//! The `site` renderer: a static web site of the source of truth, read offline.
//!
//! Every page is plain XHTML with inline SVG drawings; the only script is the search page's
//! (`html.rs`). Pages: `index.html` (regions and sites with counts), `sites/SITE.html`
//! (rack elevations, devices, VLANs, prefixes, circuits), `sites/SITE/topology.html` (with
//! `.svg`, `.dot` and `.d2` beside it), `devices/SITE/DEVICE.html` (fields, interfaces with
//! their far ends traced through patch panels and circuits, config context),
//! `prefixes/VRF.html` (the prefix tree with utilisation, IP ranges and free blocks), and
//! `search.html` with its index. Links are relative, so the folder can be published
//! anywhere or opened from disk. Each site's pages are rendered on their own thread.

mod diff;
mod elevation;
mod html;
mod pages;
mod prefixes;
mod search;
mod topology;

pub use diff::diff_page;

use rayon::prelude::*;

use super::{Context, Rendered, RenderedFile};
use crate::diag::FileId;
use crate::graph::{DeviceId, Graph, SiteId};
use crate::model::config::Output;

/// Where each site and device has its page, worked out once so every link agrees.
pub struct Paths {
    /// `sites/NAME` (without `.html`) by site.
    pub sites: Vec<String>,
    /// `devices/SITE/NAME.html` by device.
    pub devices: Vec<String>,
    /// The devices of each site, sorted by name.
    pub site_devices: Vec<Vec<DeviceId>>,
}

impl Paths {
    fn new(graph: &Graph) -> Paths {
        let model = &graph.model;
        let mut taken = std::collections::HashSet::new();
        let sites: Vec<String> = model
            .sites
            .iter()
            .map(|site| {
                let key = site.data.slug.as_ref().unwrap_or(&site.data.name);
                unique(&mut taken, format!("sites/{}", html::file_part(&key.value)))
            })
            .collect();
        let mut site_devices: Vec<Vec<DeviceId>> = vec![Vec::new(); sites.len()];
        for (i, node) in graph.devices.iter().enumerate() {
            if let Some(site) = node.site {
                site_devices[site.index()].push(DeviceId::from_index(i));
            }
        }
        for devices in &mut site_devices {
            devices.sort_by(|&a, &b| {
                graph
                    .device_name(a)
                    .cmp(graph.device_name(b))
                    .then(a.index().cmp(&b.index()))
            });
        }
        let mut devices = vec![String::new(); graph.devices.len()];
        let mut taken = std::collections::HashSet::new();
        for (site, list) in site_devices.iter().enumerate() {
            let folder = html::file_part(&sites[site]["sites/".len()..]);
            for &device in list {
                let name = match &graph.device(device).name {
                    Some(name) => html::file_part(&name.value),
                    None => format!("unnamed-{}", device.index()),
                };
                devices[device.index()] =
                    unique(&mut taken, format!("devices/{folder}/{name}")) + ".html";
            }
        }
        for (i, path) in devices.iter_mut().enumerate() {
            if path.is_empty() {
                *path = format!("devices/~/device-{i}.html");
            }
        }
        Paths {
            sites,
            devices,
            site_devices,
        }
    }

    pub fn site(&self, site: SiteId) -> String {
        format!("{}.html", self.sites[site.index()])
    }
}

/// `path`, or `path~2`, `path~3`... when it is taken (two devices of one name in a site,
/// of different tenants, as NetBox allows).
fn unique(taken: &mut std::collections::HashSet<String>, path: String) -> String {
    let lower = path.to_ascii_lowercase();
    if taken.insert(lower) {
        return path;
    }
    (2..)
        .map(|n| format!("{path}~{n}"))
        .find(|candidate| taken.insert(candidate.to_ascii_lowercase()))
        .unwrap_or(path)
}

/// What every page generator reads.
pub struct Site<'a, 'g> {
    pub cx: &'a Context<'g>,
    pub graph: &'g Graph,
    pub paths: Paths,
    pub title: String,
    source_url: Option<String>,
    /// The files per-device templates render for each device, and the way from the site's
    /// root up to the output folder they are relative to.
    configs: Vec<Vec<String>>,
    out_root: String,
}

impl Site<'_, '_> {
    /// Links to the files the per-device templates render for `device`, from a page whose
    /// way back to the site's root is `root`; empty when there are none.
    pub fn config_links(&self, device: DeviceId, root: &str) -> String {
        let Some(files) = self.configs.get(device.index()).filter(|f| !f.is_empty()) else {
            return String::new();
        };
        let links: Vec<String> = files
            .iter()
            .map(|f| {
                format!(
                    "<a href=\"{root}{}{}\">{}</a>",
                    self.out_root,
                    html::esc(f),
                    html::esc(f)
                )
            })
            .collect();
        format!("<p class=\"rendered\">Rendered: {}</p>\n", links.join(", "))
    }

    /// The file and line an object came from, linked when `source_url` is set.
    pub fn source(&self, file: FileId, span: crate::diag::Span) -> String {
        let file = self.cx.compilation.files.get(file);
        let path = &file.path;
        let (line, _) = file.line_column(span.start);
        let label = html::esc(&format!("{path}:{line}"));
        match &self.source_url {
            Some(template) => {
                let full = format!("{}{}", self.cx.compilation.repo_prefix, path);
                let url = template
                    .replace(
                        "{commit}",
                        self.cx.compilation.commit.as_deref().unwrap_or("HEAD"),
                    )
                    .replace("{path}", &full)
                    .replace("{line}", &line.to_string());
                format!(
                    "<p class=\"source\">Defined in <a href=\"{}\">{label}</a></p>\n",
                    html::esc(&url)
                )
            }
            None => format!("<p class=\"source\">Defined in {label}</p>\n"),
        }
    }
}

pub fn render(cx: &Context, output: &Output, base: &str, out: &mut Rendered) {
    let graph = &cx.compilation.graph;
    let site = Site {
        cx,
        graph,
        paths: Paths::new(graph),
        title: output.title.clone().unwrap_or_else(|| "netsot".to_string()),
        source_url: output.source_url.as_ref().map(|u| u.value.clone()),
        configs: super::template::device_files(cx),
        out_root: "../".repeat(base.split('/').filter(|p| !p.is_empty()).count()),
    };
    let mut files: Vec<RenderedFile> = Vec::new();
    let mut add = |path: &str, bytes: Vec<u8>| {
        files.push(RenderedFile {
            path: join(base, path),
            bytes,
        })
    };
    add("assets/style.css", html::STYLE.as_bytes().to_vec());
    add("index.html", pages::index(&site));
    let (search_page, index) = search::render(&site);
    add("search.html", search_page);
    add("search-index.js", index);
    add("assets/search.js", html::SEARCH_JS.as_bytes().to_vec());
    for (path, bytes) in prefixes::render(&site) {
        add(&path, bytes);
    }
    let per_site: Vec<Vec<(String, Vec<u8>)>> = (0..graph.model.sites.len())
        .into_par_iter()
        .map(|i| {
            let id = SiteId::from_index(i);
            let mut files = pages::site(&site, id);
            files.extend(topology::render(&site, id));
            files.par_extend(site.paths.site_devices[i].par_iter().map(|&device| {
                (
                    site.paths.devices[device.index()].clone(),
                    pages::device(&site, device),
                )
            }));
            files
        })
        .collect();
    for (path, bytes) in per_site.into_iter().flatten() {
        add(&path, bytes);
    }
    out.files.append(&mut files);
}

fn join(base: &str, path: &str) -> String {
    if base.is_empty() {
        path.to_string()
    } else {
        format!("{base}/{path}")
    }
}

/// The way from a page at `path` back to the site's root: `../` per folder.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}
