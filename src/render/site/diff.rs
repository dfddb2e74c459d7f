//! `netsot diff --format html`: a change as a reviewer sees it in the site, the racks it
//! moves devices in drawn before and after, the topologies whose links it changes drawn
//! before and after, and every changed object listed in network words.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::elevation::{self, Face};
use super::html::{esc, Page, STYLE};
use super::{topology, Paths, Site};
use crate::compile::Compilation;
use crate::diff::{ChangeKind, Diff};
use crate::graph::{RackId, SiteId};
use crate::render::{template_budget, Context};
use crate::view::Views;

/// What a rack holds, as a reviewer compares it: each placed device's name, position,
/// height and face.
type Placement = Vec<(String, String, String, &'static str)>;

/// Each site's links by names, by site name.
type SiteLinks = BTreeMap<String, (SiteId, BTreeSet<(String, String, String, String)>)>;

fn placements(site: &Site) -> BTreeMap<(String, String), (RackId, Placement)> {
    let graph = site.graph;
    let mut out = BTreeMap::new();
    for (r, rack) in graph.racks.iter().enumerate() {
        let Some(s) = rack.site else { continue };
        let id = RackId::from_index(r);
        let placed = elevation::placed(graph, id, &site.paths.site_devices[s.index()]);
        let mut list: Placement = placed
            .iter()
            .map(|p| {
                (
                    graph.device_name(p.device).to_string(),
                    p.position.to_string(),
                    p.height.to_string(),
                    p.face.as_str(),
                )
            })
            .collect();
        list.sort();
        let key = (
            graph.model.sites[s.index()].data.name.value.clone(),
            graph.model.racks[r].data.name.value.clone(),
        );
        out.insert(key, (id, list));
    }
    out
}

fn rack_faces(site: &Site, rack: RackId) -> String {
    let graph = site.graph;
    let s = graph.racks[rack.index()]
        .site
        .expect("placed racks have a site");
    let placed = elevation::placed(graph, rack, &site.paths.site_devices[s.index()]);
    let mut out = String::from("<div class=\"faces\">");
    for face in [Face::Front, Face::Rear] {
        let _ = write!(
            out,
            "<figure data-face=\"{}\"><figcaption>{}</figcaption>",
            face.as_str(),
            face.as_str()
        );
        out.push_str(&elevation::rack_elevation(
            graph,
            rack,
            &placed,
            face,
            &|_| "#".to_string(),
        ));
        out.push_str("</figure>");
    }
    out.push_str("</div>");
    out
}

/// Renders the page; `labels` name the base and the head.
pub fn diff_page(
    base: &Compilation,
    head: &Compilation,
    diff: &Diff,
    labels: (&str, &str),
) -> String {
    let (base_views, head_views) = (Views::new(&base.graph), Views::new(&head.graph));
    let timings = crate::timing::Timings::off();
    fn context<'a>(
        compilation: &'a Compilation,
        views: &'a Views<'a>,
        timings: &'a crate::timing::Timings,
    ) -> Context<'a> {
        Context {
            compilation,
            views,
            timings,
            hosts: Default::default(),
            services: Default::default(),
            template_budget: template_budget::Budget::new(0, 0),
        }
    }
    fn site<'a, 'g>(cx: &'a Context<'g>) -> Site<'a, 'g> {
        Site {
            cx,
            graph: &cx.compilation.graph,
            paths: Paths::new(&cx.compilation.graph),
            title: String::new(),
            source_url: None,
            configs: Vec::new(),
            out_root: String::new(),
        }
    }
    let (base_cx, head_cx) = (
        context(base, &base_views, &timings),
        context(head, &head_views, &timings),
    );
    let (before, after) = (site(&base_cx), site(&head_cx));
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<p>From <code>{}</code> to <code>{}</code>.</p>",
        esc(labels.0),
        esc(labels.1)
    );

    let (old_racks, new_racks) = (placements(&before), placements(&after));
    let keys: BTreeSet<&(String, String)> = old_racks.keys().chain(new_racks.keys()).collect();
    let changed: Vec<&(String, String)> = keys
        .into_iter()
        .filter(|k| old_racks.get(*k).map(|v| &v.1) != new_racks.get(*k).map(|v| &v.1))
        .collect();
    if !changed.is_empty() {
        body.push_str("<h2>Racks</h2>\n");
        for key in changed {
            let _ = write!(body, "<section class=\"rack-change\" data-rack=\"{}\"><h3>{} in {}</h3><div class=\"racks\">", esc(&key.1), esc(&key.1), esc(&key.0));
            for (label, side, racks) in [
                ("Before", &before, &old_racks),
                ("After", &after, &new_racks),
            ] {
                let _ = write!(
                    body,
                    "<div class=\"rack\" data-side=\"{}\"><h4>{label}</h4>",
                    label.to_ascii_lowercase()
                );
                match racks.get(key) {
                    Some((rack, _)) => body.push_str(&rack_faces(side, *rack)),
                    None => body.push_str("<p>No such rack.</p>"),
                }
                body.push_str("</div>");
            }
            body.push_str("</div></section>\n");
        }
    }

    let links = |side: &Site| -> SiteLinks {
        (0..side.graph.sites.len())
            .map(|i| {
                let id = SiteId::from_index(i);
                let name = side.graph.model.sites[i].data.name.value.clone();
                (name, (id, topology::link_names(side, id)))
            })
            .collect()
    };
    let (old_links, new_links) = (links(&before), links(&after));
    let sites: BTreeSet<&String> = old_links.keys().chain(new_links.keys()).collect();
    let changed: Vec<&String> = sites
        .into_iter()
        .filter(|s| old_links.get(*s).map(|v| &v.1) != new_links.get(*s).map(|v| &v.1))
        .collect();
    if !changed.is_empty() {
        body.push_str("<h2>Topology</h2>\n");
        for name in changed {
            let _ = write!(
                body,
                "<section class=\"topology-change\" data-site=\"{}\"><h3>{}</h3>",
                esc(name),
                esc(name)
            );
            for (label, side, all) in [
                ("Before", &before, &old_links),
                ("After", &after, &new_links),
            ] {
                let _ = write!(body, "<h4>{label}</h4>");
                match all.get(name) {
                    Some((id, _)) => body.push_str(&topology::drawing(side, *id, "#")),
                    None => body.push_str("<p>No such site.</p>"),
                }
            }
            body.push_str("</section>\n");
        }
    }

    body.push_str("<h2>Changes</h2>\n");
    if diff.changes.is_empty() {
        body.push_str("<p>No change to the network.</p>\n");
    } else {
        body.push_str("<table class=\"changes\"><thead><tr><th>Change</th><th>Object</th><th>Site</th><th>Fields</th></tr></thead><tbody>\n");
        for change in &diff.changes {
            let kind = match change.change {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            let fields: Vec<String> = change
                .fields
                .iter()
                .map(|f| match change.change {
                    ChangeKind::Changed => format!(
                        "{}: {} → {}",
                        f.field,
                        crate::diff::show(&f.before),
                        crate::diff::show(&f.after)
                    ),
                    ChangeKind::Added => format!("{}: {}", f.field, crate::diff::show(&f.after)),
                    ChangeKind::Removed => format!("{}: {}", f.field, crate::diff::show(&f.before)),
                })
                .collect();
            let _ = writeln!(
                body,
                "<tr class=\"{kind}\"><td>{kind}</td><td>{} <b>{}</b></td><td>{}</td><td>{}</td></tr>",
                esc(&change.kind),
                esc(&change.key),
                esc(change.site.as_deref().unwrap_or("")),
                esc(&fields.join("; "))
            );
        }
        body.push_str("</tbody></table>\n");
    }
    let page = Page {
        site_title: "netsot diff",
        title: "What this change does",
        root: "",
        crumbs: &[],
        body: &body,
    };
    // The page stands alone (a CI artifact or a comment attachment): the style sheet
    // goes inline and the site's header links are dropped.
    let html = String::from_utf8(page.render()).unwrap_or_default();
    let html = html.replace(
        "<link rel=\"stylesheet\" href=\"assets/style.css\"/>",
        &format!("<style>{STYLE}</style>"),
    );
    match (html.find("<header>"), html.find("</header>")) {
        (Some(start), Some(end)) => {
            format!("{}{}", &html[..start], &html[end + "</header>".len()..])
        }
        _ => html,
    }
}
