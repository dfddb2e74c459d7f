//! The HTML every page shares: escaping, the page shell, the style sheet and the script
//! of the search page.
//!
//! Pages are written as polyglot XHTML (every element closed, attributes quoted), so an
//! XML parser reads them as strictly as a browser does, and a test can prove every page
//! well-formed without a validator that needs a network.

use std::fmt::Write;

/// `text` with the five characters HTML and XML give a meaning escaped.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_esc(&mut out, text);
    out
}

/// Appends `text` escaped to `out`.
pub fn push_esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // XML 1.0 refuses most control characters even escaped; names never need them.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// A name made safe as one part of a file path or a fragment: ASCII letters, digits, `-`
/// and `_` stay, every other byte becomes `~` and two hex digits, so two names never give
/// one file and the result needs no escaping in a URL.
pub fn file_part(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' => out.push(byte as char),
            other => {
                let _ = write!(out, "~{other:02x}");
            }
        }
    }
    if out.is_empty() {
        out.push('~');
    }
    out
}

/// One page: its title, the way back to the site's root (`""`, `"../"`, `"../../"`), the
/// breadcrumb links above the title, and its body.
pub struct Page<'a> {
    pub site_title: &'a str,
    pub title: &'a str,
    pub root: &'a str,
    pub crumbs: &'a [(String, String)],
    pub body: &'a str,
}

impl Page<'_> {
    pub fn render(&self) -> Vec<u8> {
        let mut out = String::with_capacity(self.body.len() + 1024);
        out.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        out.push_str(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>",
        );
        push_esc(&mut out, self.title);
        out.push_str(" · ");
        push_esc(&mut out, self.site_title);
        let _ = write!(
            out,
            "</title>\n<link rel=\"stylesheet\" href=\"{root}assets/style.css\"/>\n</head>\n<body>\n<header><a class=\"home\" href=\"{root}index.html\">",
            root = self.root
        );
        push_esc(&mut out, self.site_title);
        let _ = write!(
            out,
            "</a> <a href=\"{root}prefixes/index.html\">Prefixes</a> <form action=\"{root}search.html\" method=\"get\"><input type=\"search\" name=\"q\" placeholder=\"device, interface, prefix, address, VLAN\" aria-label=\"search\"/></form></header>\n<main>\n",
            root = self.root
        );
        if !self.crumbs.is_empty() {
            out.push_str("<nav class=\"crumbs\">");
            for (href, label) in self.crumbs {
                let _ = write!(out, "<a href=\"{}\">", esc(href));
                push_esc(&mut out, label);
                out.push_str("</a> / ");
            }
            out.push_str("</nav>\n");
        }
        out.push_str("<h1>");
        push_esc(&mut out, self.title);
        out.push_str("</h1>\n");
        out.push_str(self.body);
        out.push_str("</main>\n<footer>Rendered by netsot from the repository; edit the YAML, not this page.</footer>\n</body>\n</html>\n");
        out.into_bytes()
    }
}

/// The style sheet of every page.
pub const STYLE: &str = r#"body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2430; background: #fbfbfc; }
header { display: flex; gap: 1.5em; align-items: center; padding: .6em 1.2em; background: #1d2430; }
header a { color: #fff; text-decoration: none; }
header a.home { font-weight: 600; }
header form { margin-left: auto; }
header input { width: 22em; padding: .3em .5em; border-radius: 4px; border: 0; }
main { padding: 1em 1.5em 3em; }
footer { color: #6b7280; font-size: 12px; padding: 1em 1.5em; }
nav.crumbs { color: #6b7280; margin-bottom: .3em; }
h1 { margin: .2em 0 .6em; font-size: 1.6em; }
h2 { margin-top: 1.6em; font-size: 1.2em; border-bottom: 1px solid #e5e7eb; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { text-align: left; padding: .25em .7em; border-bottom: 1px solid #eceef2; vertical-align: top; }
th { background: #f1f3f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.racks { display: flex; flex-wrap: wrap; gap: 2em; }
.rack h3 { margin: .3em 0; }
.rack .faces { display: flex; gap: 1em; }
figure { margin: 0; }
figcaption { color: #6b7280; margin-left: 28px; }
.bar { width: 12em; height: .9em; background: #e5e7eb; border-radius: 3px; overflow: hidden; }
.bar span { display: block; height: 100%; background: #3b82f6; }
.bar span.high { background: #dc2626; }
.free { color: #059669; }
.source { color: #6b7280; font-size: 12px; }
pre { background: #f1f3f6; padding: .8em; overflow: auto; }
svg text { font: 11px system-ui, sans-serif; }
svg .unit { fill: #fff; stroke: #d1d5db; }
svg .unit-number { fill: #6b7280; }
svg .reservation rect { fill: #fde68a; stroke: #b45309; stroke-dasharray: 4 2; }
svg .reservation text { fill: #78350f; font-style: italic; }
svg .device rect { stroke: #1d2430; }
svg .device text { fill: #111; }
svg .device.behind rect { opacity: .45; }
svg .node rect { stroke: #1d2430; }
svg .edge { stroke: #64748b; stroke-width: 1.2; }
svg .edge.external { stroke-dasharray: 4 3; }
"#;

/// The search page's script: reads `q`, filters the index (loaded as a script, so the
/// site works from `file://` where fetching files is refused) and lists the matches.
pub const SEARCH_JS: &str = r#""use strict";
(function () {
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  input.value = query;
  var kinds = { d: "device", i: "interface", p: "prefix", a: "address", v: "VLAN", s: "site" };
  var needle = query.trim().toLowerCase();
  if (!needle) { count.textContent = "Type a name."; return; }
  var index = window.NETSOT_INDEX || [];
  var shown = 0, total = 0;
  for (var i = 0; i < index.length; i++) {
    var entry = index[i];
    if (entry[1].toLowerCase().indexOf(needle) === -1) { continue; }
    total++;
    if (shown >= 500) { continue; }
    shown++;
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = entry[2];
    link.textContent = entry[1];
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = " " + kinds[entry[0]];
    item.appendChild(link);
    item.appendChild(kind);
    list.appendChild(item);
  }
  count.textContent = total + (total === 1 ? " match" : " matches") + (total > shown ? ", the first " + shown + " shown" : "");
})();
"#;
