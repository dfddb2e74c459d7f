//! The `template` renderer: the user's MiniJinja templates.
//!
//! A template renders once (variables `graph`, `devices`, `virtual_machines`) or once per
//! object with `for_each: devices` or `for_each: virtual_machines` (variables `device` or
//! `virtual_machine`, `config_context`, `graph`), to a path that is itself a template.
//!
//! The sandbox: templates see only the templates folder (for `include`, `import` and
//! `extends`) and the variables above; there is no file, network, environment or clock
//! access. Renders draw their fuel and output bytes from budgets the whole build shares
//! (`template_budget.rs`), each is capped on its own too, with a recursion limit, and the
//! first error stops the renders not yet started: a runaway loop or a huge output ends in
//! a diagnostic, not a hang. Errors are diagnostics at the template's file and line.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

use ipnet::IpNet;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use rayon::prelude::*;

use super::template_budget::{Budget, CappedOutput, Overflow, FILE_BYTES, PATH_BYTES, RENDER_FUEL};
use super::template_filter::Selection;
use super::template_view::{ObjectVars, Shared};
use super::{Context, Rendered, RenderedFile};
use crate::diag::{codes, did_you_mean, suggestion_help, Diagnostic, FileId, Location, Span};
use crate::graph::{DeviceId, Owner, VirtualMachineId};
use crate::model::config::Output;
use crate::model::Spanned;

/// How deeply templates may nest loops, includes and macro calls.
pub const RECURSION_LIMIT: usize = 64;

/// The name the path template of a per-object output is compiled under, once per output
/// rather than once per object: a NUL, which no file name of the templates folder holds,
/// keeps it apart from the user's templates.
const PATH_TEMPLATE: &str = "\0path";

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

    if let (Some(filter), None) = (&o.filter, for_each) {
        out.diagnostics.push(
            Diagnostic::new(
                &codes::TEMPLATE_ERROR,
                "`where` chooses objects of `for_each`, and this template is rendered once",
            )
            .at(cx.at(filter))
            .with_help(
                "add `for_each: devices` (or `virtual_machines`), or filter inside the template",
            ),
        );
        return;
    }
    let selection = match Selection::new(cx, o.filter.as_ref()) {
        Ok(selection) => selection,
        Err(diagnostics) => {
            out.diagnostics.extend(diagnostics);
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
    if let Err(error) = env.get_template(&name.value) {
        out.diagnostics.push(diagnostic(
            cx,
            &error,
            Location::new(compilation.config_file, name.span),
        ));
        return;
    }
    let budget = &cx.template_budget;
    // Values are converted only when a template reads them (`template_view.rs`).
    let shared = Shared::new(Arc::clone(&compilation.graph));
    let graph_value = shared.graph();
    let fallback = cx.at(&o.path);
    let failed = |failure: Failure| Box::new(failure.diagnostic(cx, budget, fallback));

    match for_each {
        None => {
            let devices = graph_value.get_attr("devices").unwrap_or_default();
            let vms = graph_value.get_attr("virtual_machines").unwrap_or_default();
            let context = minijinja::context! {
                graph => graph_value.clone(),
                devices => devices,
                virtual_machines => vms,
            };
            let mut env = env;
            // The one render of the output may use all the fuel the build has left.
            match render_capped(
                &mut env,
                Some(&name.value),
                context,
                FILE_BYTES,
                u64::MAX,
                budget,
            ) {
                Ok(bytes) => out.files.push(RenderedFile {
                    path: o.path.value.clone(),
                    bytes,
                }),
                Err(failure) => out.diagnostics.push(*failed(failure)),
            }
        }
        Some(collection) => {
            let mut env = env;
            if let Err(error) = env.add_template_owned(PATH_TEMPLATE, o.path.value.clone()) {
                let failure = Failure::Engine(error);
                out.diagnostics
                    .push(failure.path_diagnostic(cx, budget, &o.path));
                return;
            }
            let graph = &compilation.graph;
            let count = if collection == "devices" {
                graph.devices.len()
            } else {
                graph.virtual_machines.len()
            };
            // Each thread sets the fuel of its own copy of the environment per render.
            let results: Vec<Option<Result<RenderedFile, Box<Diagnostic>>>> = (0..count as u32)
                .into_par_iter()
                .map_init(
                    || env.clone(),
                    |env, i| {
                        if budget.is_stopped() {
                            return None;
                        }
                        // An unnamed device has no name to give its file: not rendered
                        // per object (it is still in `graph.devices`).
                        if collection == "devices"
                            && graph.model.devices[i as usize].data.name.is_none()
                        {
                            return None;
                        }
                        let (key, owner) = if collection == "devices" {
                            ("device", Owner::Device(DeviceId::new(i)))
                        } else {
                            (
                                "virtual_machine",
                                Owner::VirtualMachine(VirtualMachineId::new(i)),
                            )
                        };
                        if !selection.keeps(cx, owner) {
                            return None;
                        }
                        let context = Value::from_object(ObjectVars {
                            name: key,
                            object: shared.object(owner),
                            graph: graph_value.clone(),
                        });
                        let result = render_object(env, &name.value, context, budget).map_err(
                            |(failure, in_path)| {
                                if in_path {
                                    Box::new(failure.path_diagnostic(cx, budget, &o.path))
                                } else {
                                    failed(failure)
                                }
                            },
                        );
                        Some(result)
                    },
                )
                .collect();
            for result in results.into_iter().flatten() {
                match result {
                    Ok(file) => out.files.push(file),
                    Err(d) => out.diagnostics.push(*d),
                }
            }
        }
    }
}

/// The files the per-device template outputs give each device (by device index), their
/// paths rendered as `render` renders them, for pages that link a device to its rendered
/// configuration (the `site` renderer). Only the path templates run; an output or a device
/// whose path fails is left out here and reported by `render`.
pub fn device_files(cx: &Context) -> Vec<Vec<String>> {
    let compilation = cx.compilation;
    let graph = &compilation.graph;
    let mut files = vec![Vec::new(); graph.devices.len()];
    let outputs: Vec<&Output> = compilation
        .config
        .outputs
        .iter()
        .map(|o| &o.value)
        .filter(|o| o.renderer.value.is("template"))
        .filter(|o| o.for_each.as_ref().is_some_and(|f| f.value == "devices"))
        .filter(|o| {
            o.template
                .as_ref()
                .is_some_and(|t| compilation.templates.iter().any(|(n, _)| *n == t.value))
        })
        .collect();
    if outputs.is_empty() {
        return files;
    }
    let (mut env, _) = environment(cx);
    let shared = Shared::new(Arc::clone(&compilation.graph));
    let graph_value = shared.graph();
    let budget = &cx.template_budget;
    for output in outputs {
        let Ok(selection) = Selection::new(cx, output.filter.as_ref()) else {
            continue;
        };
        if env
            .add_template_owned(PATH_TEMPLATE, output.path.value.clone())
            .is_err()
        {
            continue;
        }
        let paths: Vec<Option<String>> = (0..graph.devices.len() as u32)
            .into_par_iter()
            .map_init(
                || env.clone(),
                |env, i| {
                    let owner = Owner::Device(DeviceId::new(i));
                    if graph.model.devices[i as usize].data.name.is_none()
                        || !selection.keeps(cx, owner)
                    {
                        return None;
                    }
                    let context = Value::from_object(ObjectVars {
                        name: "device",
                        object: shared.object(owner),
                        graph: graph_value.clone(),
                    });
                    let bytes = render_path(env, context, budget).ok()?;
                    super::safe_file_path(&String::from_utf8_lossy(&bytes)).ok()
                },
            )
            .collect();
        for (i, path) in paths.into_iter().enumerate() {
            files[i].extend(path);
        }
    }
    files
}

/// Renders the path (compiled as `PATH_TEMPLATE`), then the template, of one object; on
/// failure, whether the path failed.
fn render_object(
    env: &mut Environment,
    name: &str,
    context: Value,
    budget: &Budget,
) -> Result<RenderedFile, (Failure, bool)> {
    let path_bytes = render_path(env, context.clone(), budget).map_err(|f| (f, true))?;
    let bytes = render_capped(env, Some(name), context, FILE_BYTES, RENDER_FUEL, budget)
        .map_err(|f| (f, false))?;
    Ok(RenderedFile {
        path: String::from_utf8_lossy(&path_bytes).into_owned(),
        bytes,
    })
}

/// Renders the output's path template, added to `env` as `PATH_TEMPLATE`.
fn render_path(env: &mut Environment, context: Value, budget: &Budget) -> Result<Vec<u8>, Failure> {
    let fuel = budget.fuel_for_render(RENDER_FUEL);
    env.set_fuel(Some(fuel));
    let template = env.get_template(PATH_TEMPLATE).map_err(Failure::Engine)?;
    let mut output = CappedOutput::new(PATH_BYTES, budget);
    let result = template.render_captured_to(context, &mut output);
    finish(result, output, (fuel, RENDER_FUEL), budget)
}

/// Renders the template `name` into at most `file_cap` bytes with at most `fuel_cap` fuel,
/// both drawn from the build's budget.
fn render_capped(
    env: &mut Environment,
    name: Option<&str>,
    context: Value,
    file_cap: u64,
    fuel_cap: u64,
    budget: &Budget,
) -> Result<Vec<u8>, Failure> {
    let fuel = budget.fuel_for_render(fuel_cap);
    if fuel == 0 {
        budget.stop();
        return Err(Failure::Fuel(Limit::Build, None));
    }
    env.set_fuel(Some(fuel));
    let template = env
        .get_template(name.unwrap_or_default())
        .map_err(Failure::Engine)?;
    let mut output = CappedOutput::new(file_cap, budget);
    let result = template.render_captured_to(context, &mut output);
    finish(result, output, (fuel, fuel_cap), budget)
}

/// Charges a finished render to the build, or explains which budget stopped it. `fuel` is
/// what the render started with and the most one render may have.
fn finish(
    result: Result<minijinja::Captured<'_>, Error>,
    mut output: CappedOutput<'_>,
    (started_with, fuel_cap): (u64, u64),
    budget: &Budget,
) -> Result<Vec<u8>, Failure> {
    let failure = match result {
        Ok(captured) => {
            let used = captured.state().fuel_levels().map_or(0, |(used, _)| used);
            budget.spend_fuel(used);
            match output.settle() {
                Ok(()) => return Ok(output.bytes),
                Err(_) => Failure::Output(Limit::Build, None),
            }
        }
        Err(error) if error.kind() == ErrorKind::OutOfFuel => {
            let limit = if started_with >= fuel_cap {
                Limit::Render
            } else {
                Limit::Build
            };
            budget.spend_fuel(started_with);
            Failure::Fuel(limit, Some(error))
        }
        Err(error) => match output.overflow {
            Some(Overflow::File) => Failure::Output(Limit::Render, Some(error)),
            Some(Overflow::Build) => Failure::Output(Limit::Build, Some(error)),
            None => Failure::Engine(error),
        },
    };
    budget.stop();
    Err(failure)
}

/// Whether one render's share or the build's whole budget ran out.
#[derive(Clone, Copy, Debug)]
enum Limit {
    Render,
    Build,
}

/// Why a render failed: MiniJinja's error, or a budget, with the error if there is one
/// (it knows the template's line).
enum Failure {
    Engine(Error),
    Fuel(Limit, Option<Error>),
    Output(Limit, Option<Error>),
}

impl Failure {
    fn message(&self, budget: &Budget, file_cap: u64) -> Option<String> {
        Some(match self {
            Failure::Engine(_) => return None,
            Failure::Fuel(Limit::Render, _) => format!(
                "the template does too much work for one object (more than {RENDER_FUEL} steps); look for a runaway loop"
            ),
            Failure::Fuel(Limit::Build, _) => format!(
                "the templates of this build do too much work (more than {} steps in all); look for a runaway loop",
                budget.fuel_total
            ),
            Failure::Output(Limit::Render, _) => {
                format!("the template writes more than {file_cap} bytes to one file")
            }
            Failure::Output(Limit::Build, _) => format!(
                "the templates of this build write more than {} bytes in all",
                budget.bytes_total
            ),
        })
    }

    fn error(&self) -> Option<&Error> {
        match self {
            Failure::Engine(error) => Some(error),
            Failure::Fuel(_, error) | Failure::Output(_, error) => error.as_ref(),
        }
    }

    fn diagnostic(&self, cx: &Context, budget: &Budget, fallback: Location) -> Diagnostic {
        let mut diagnostic = match self.error() {
            Some(error) => diagnostic(cx, error, fallback),
            None => Diagnostic::new(&codes::TEMPLATE_ERROR, String::new()).at(fallback),
        };
        if let Some(message) = self.message(budget, FILE_BYTES) {
            diagnostic.message = message;
        }
        diagnostic
    }

    fn path_diagnostic(&self, cx: &Context, budget: &Budget, path: &Spanned<String>) -> Diagnostic {
        let message = match (self.message(budget, PATH_BYTES), self.error()) {
            (Some(message), _) => format!("the path template fails: {message}"),
            (None, Some(error)) => match error.detail() {
                Some(detail) => format!("the path template fails: {}: {detail}", error.kind()),
                None => format!("the path template fails: {}", error.kind()),
            },
            (None, None) => "the path template fails".to_string(),
        };
        Diagnostic::new(&codes::TEMPLATE_ERROR, message).at(cx.at(path))
    }
}

/// An IP filter's work on a parsed address or prefix.
type IpFilter = fn(IpNet) -> Value;

/// The sandboxed environment: the loaded templates, netsot's filters, bounded work; and
/// the templates that do not compile, with their errors.
fn environment<'s>(cx: &'s Context) -> (Environment<'s>, HashMap<String, Error>) {
    let mut env = Environment::new();
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
    let message = match error.detail() {
        Some(detail) => format!("{}: {detail}", error.kind()),
        None => error.kind().to_string(),
    };
    let mut diagnostic = Diagnostic::new(&codes::TEMPLATE_ERROR, message).at(location);
    if let Some(name) = error.name() {
        if file.is_none() {
            diagnostic.help = Some(format!("in `{name}`"));
        }
    }
    diagnostic
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
