//! The `template` renderer: the user's MiniJinja templates.
//!
//! A template renders once (variables `graph`, `devices`, `virtual_machines`) or once per
//! object with `for_each: devices` or `for_each: virtual_machines` (variables `device` or
//! `virtual_machine`, `config_context`, `graph`), to a path that is itself a template.
//!
//! The sandbox: templates see only the templates folder (for `include`, `import` and
//! `extends`) and the variables above; there is no file, network, environment or clock
//! access. Each render gets a fixed amount of fuel and a recursion limit, so a runaway
//! loop ends in a diagnostic, not a hang. Errors are diagnostics at the template's file
//! and line.

use std::collections::HashMap;
use std::net::IpAddr;

use ipnet::IpNet;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use rayon::prelude::*;

use super::{Context, Rendered, RenderedFile};
use crate::diag::{codes, did_you_mean, suggestion_help, Diagnostic, FileId, Location, Span};
use crate::graph::{DeviceId, VirtualMachineId};
use crate::model::config::Output;
use crate::model::Spanned;

/// The work one render may do, in MiniJinja's fuel units (about one per instruction).
pub const FUEL: u64 = 50_000_000;
/// How deeply templates may nest loops, includes and macro calls.
pub const RECURSION_LIMIT: usize = 64;

/// The collections a template can be rendered for.
pub const FOR_EACH: &[&str] = &["devices", "virtual_machines"];

pub fn render(cx: &Context, output: &Spanned<Output>, out: &mut Rendered) {
    let o = &output.value;
    let compilation = cx.compilation;
    let Some(name) = &o.template else {
        out.diagnostics.push(
            Diagnostic::new(
                &codes::TEMPLATE_ERROR,
                "a `template` output needs a `template`",
            )
            .at(cx.at(&o.renderer))
            .with_help("name a file of the templates folder, e.g. `template: device.cfg.j2`"),
        );
        return;
    };
    if !compilation.templates.iter().any(|(n, _)| *n == name.value) {
        let names = compilation.templates.iter().map(|(n, _)| n.as_str());
        let suggestions = did_you_mean(&name.value, names);
        let mut diagnostic = Diagnostic::new(
            &codes::TEMPLATE_ERROR,
            format!("there is no template `{}`", name.value),
        )
        .at(cx.at(name));
        diagnostic.help = suggestion_help(&suggestions).or_else(|| {
            Some(format!(
                "templates are read from the templates folder ({}), with the extensions {}",
                compilation
                    .config
                    .templates
                    .as_ref()
                    .map_or("templates/", |t| t.value.as_str()),
                crate::load::TEMPLATE_EXTENSIONS.join(", ")
            ))
        });
        out.diagnostics.push(diagnostic);
        return;
    }
    let for_each = match &o.for_each {
        None => None,
        Some(f) if FOR_EACH.contains(&f.value.as_str()) => Some(f.value.as_str()),
        Some(f) => {
            out.diagnostics.push(
                Diagnostic::new(
                    &codes::TEMPLATE_ERROR,
                    format!("a template cannot be rendered for each of `{}`", f.value),
                )
                .at(cx.at(f))
                .with_help(format!("`for_each` is one of: {}", FOR_EACH.join(", "))),
            );
            return;
        }
    };

    let (env, broken) = environment(cx);
    if let Some(error) = broken.get(&name.value) {
        out.diagnostics.push(diagnostic(
            cx,
            error,
            Location::new(compilation.config_file, name.span),
        ));
        return;
    }
    let template = match env.get_template(&name.value) {
        Ok(template) => template,
        Err(error) => {
            out.diagnostics.push(diagnostic(
                cx,
                &error,
                Location::new(compilation.config_file, name.span),
            ));
            return;
        }
    };
    let views = cx.views;
    let graph_value = Value::from(Serde(views.export()));
    let fallback = cx.at(&o.path);

    match for_each {
        None => {
            let devices = graph_value.get_attr("devices").unwrap_or_default();
            let vms = graph_value.get_attr("virtual_machines").unwrap_or_default();
            let context = minijinja::context! {
                graph => graph_value.clone(),
                devices => devices,
                virtual_machines => vms,
            };
            match template.render(context) {
                Ok(text) => out.files.push(RenderedFile {
                    path: o.path.value.clone(),
                    bytes: text.into_bytes(),
                }),
                Err(error) => out.diagnostics.push(diagnostic(cx, &error, fallback)),
            }
        }
        Some(collection) => {
            let graph = &compilation.graph;
            let count = if collection == "devices" {
                graph.devices.len()
            } else {
                graph.virtual_machines.len()
            };
            let results: Vec<Result<RenderedFile, Box<Diagnostic>>> = (0..count as u32)
                .into_par_iter()
                .map(|i| {
                    let (key, view) = if collection == "devices" {
                        ("device", views.device(DeviceId::new(i)))
                    } else {
                        (
                            "virtual_machine",
                            views.virtual_machine(VirtualMachineId::new(i)),
                        )
                    };
                    let config_context = view.get("config_context").cloned().unwrap_or_default();
                    let object = Value::from(Serde(view));
                    let mut vars = std::collections::BTreeMap::new();
                    vars.insert(key, object);
                    vars.insert("config_context", Value::from(Serde(config_context)));
                    vars.insert("graph", graph_value.clone());
                    let context = Value::from(vars);
                    let path = env
                        .render_str(&o.path.value, context.clone())
                        .map_err(|e| Box::new(path_diagnostic(cx, &e, &o.path)))?;
                    let text = template
                        .render(context)
                        .map_err(|e| Box::new(diagnostic(cx, &e, fallback)))?;
                    Ok(RenderedFile {
                        path,
                        bytes: text.into_bytes(),
                    })
                })
                .collect();
            for result in results {
                match result {
                    Ok(file) => out.files.push(file),
                    Err(d) => out.diagnostics.push(*d),
                }
            }
        }
    }
}

/// An IP filter's work on a parsed address or prefix.
type IpFilter = fn(IpNet) -> Value;

/// The sandboxed environment: the loaded templates, netsot's filters, bounded work; and
/// the templates that do not compile, with their errors.
fn environment<'s>(cx: &'s Context) -> (Environment<'s>, HashMap<String, Error>) {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    let mut broken = HashMap::new();
    for (name, file) in &cx.compilation.templates {
        let source = cx.compilation.files.get(*file).text.to_string();
        // A template that fails to compile is reported when it is used.
        if let Err(error) = env.add_template_owned(name.clone(), source) {
            broken.insert(name.clone(), error);
        }
    }
    // The IP filters pass none and undefined through, so `ip | address | default('-')`
    // works on an optional address.
    let filters: [(&str, IpFilter); 10] = [
        ("address", |n| Value::from(n.addr().to_string())),
        ("prefix_length", |n| Value::from(n.prefix_len())),
        ("network", |n| Value::from(n.network().to_string())),
        ("prefix", |n| Value::from(n.trunc().to_string())),
        ("netmask", |n| Value::from(n.netmask().to_string())),
        ("hostmask", |n| Value::from(n.hostmask().to_string())),
        ("broadcast", |n| Value::from(n.broadcast().to_string())),
        ("ip_version", |n| {
            Value::from(if n.addr().is_ipv4() { 4 } else { 6 })
        }),
        ("reverse_pointer", |n| {
            Value::from(super::dns::reverse_pointer(n.addr()))
        }),
        ("with_prefix_length", |n| Value::from(n.to_string())),
    ];
    for (name, f) in filters {
        env.add_filter(name, move |v: Value| -> Result<Value, Error> {
            if v.is_none() || v.is_undefined() {
                return Ok(v);
            }
            match v.as_str() {
                Some(text) => Ok(f(parse(text)?)),
                None => Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("`{v}` is not an IP address or prefix"),
                )),
            }
        });
    }
    (env, broken)
}

/// An address with or without a prefix length.
fn parse(text: &str) -> Result<IpNet, Error> {
    if let Ok(net) = text.parse::<IpNet>() {
        return Ok(net);
    }
    text.parse::<IpAddr>().map(IpNet::from).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("`{text}` is not an IP address or prefix"),
        )
    })
}

/// A diagnostic at the template position of a MiniJinja error, else at `fallback`.
fn diagnostic(cx: &Context, error: &Error, fallback: Location) -> Diagnostic {
    let file: Option<FileId> = error.name().and_then(|name| {
        cx.compilation
            .templates
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| *f)
    });
    let location = file
        .and_then(|file| {
            let source = &cx.compilation.files.get(file);
            let span = match error.range() {
                Some(range) => Span::new(range.start as u32, range.end as u32),
                None => {
                    let line = error.line()?;
                    let (start, end) = source.line_range(line as u32)?;
                    Span::new(start as u32, end as u32)
                }
            };
            Some(Location::new(file, span))
        })
        .unwrap_or(fallback);
    let message = match error.kind() {
        ErrorKind::OutOfFuel => format!(
            "the template does too much work (more than {FUEL} steps); look for a runaway loop"
        ),
        _ => match error.detail() {
            Some(detail) => format!("{}: {detail}", error.kind()),
            None => error.kind().to_string(),
        },
    };
    let mut diagnostic = Diagnostic::new(&codes::TEMPLATE_ERROR, message).at(location);
    if let Some(name) = error.name() {
        if file.is_none() {
            diagnostic.help = Some(format!("in `{name}`"));
        }
    }
    diagnostic
}

fn path_diagnostic(cx: &Context, error: &Error, path: &Spanned<String>) -> Diagnostic {
    let message = match error.detail() {
        Some(detail) => format!("the path template fails: {}: {detail}", error.kind()),
        None => format!("the path template fails: {}", error.kind()),
    };
    Diagnostic::new(&codes::TEMPLATE_ERROR, message).at(cx.at(path))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn filters_parse_addresses_and_prefixes() {
        assert_eq!(
            parse("10.0.0.1/24").unwrap().network().to_string(),
            "10.0.0.0"
        );
        assert_eq!(parse("10.0.0.1").unwrap().prefix_len(), 32);
        assert_eq!(parse("2001:db8::1").unwrap().prefix_len(), 128);
        assert!(parse("nope").is_err());
    }
}
