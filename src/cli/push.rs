//! `netsot push netbox`: the repository into a NetBox (plan, apply, prune).
//!
//! `NETBOX_URL` and `NETBOX_TOKEN` are read here, and only here, as defaults of `--url` and
//! `--token`; the token is never printed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use clap::ValueEnum;
use serde_json::json;

use super::{Failure, Outcome, RepoArgs};
use crate::diff;
use crate::netbox::drift::ChangedIn;
use crate::netbox::{self, Action, Client, Options, PushError, Pushed, Step};

#[derive(clap::Args)]
pub struct PushArgs {
    #[command(subcommand)]
    pub target: PushTarget,
}

#[derive(clap::Subcommand)]
pub enum PushTarget {
    /// Compile the repository, compare it with a NetBox and apply the difference
    /// (exit 0 done or nothing to do, 1 errors in the input or NetBox refused an object,
    /// 2 could not run, 3 with `--plan`: changes to apply).
    Netbox(PushNetbox),
}

#[derive(clap::Args)]
pub struct PushNetbox {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// NetBox's base URL (`https://netbox.example.net`); `NETBOX_URL` by default.
    #[arg(long)]
    pub url: Option<String>,
    /// An API token with write permission; `NETBOX_TOKEN` by default. Never printed.
    #[arg(long)]
    pub token: Option<String>,
    /// Print the plan and change nothing (exit 0 no change, 3 changes to apply).
    #[arg(long)]
    pub plan: bool,
    /// Also delete what NetBox holds in the repository's sites and the repository does
    /// not; without it such objects are only reported.
    #[arg(long)]
    pub prune: bool,
    /// The revision last pushed (a tag CI moves after each push, `origin/main~1`...): the
    /// fields NetBox changed since it, which the push overwrites, are marked in the plan.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

pub fn run_push(args: PushArgs, color: bool) -> Result<Outcome, Failure> {
    match args.target {
        PushTarget::Netbox(args) => push(args, color),
    }
}

fn push(args: PushNetbox, color: bool) -> Result<Outcome, Failure> {
    let url = args
        .url
        .clone()
        .or_else(|| std::env::var("NETBOX_URL").ok().filter(|u| !u.is_empty()))
        .ok_or_else(|| Failure {
            message: "no NetBox to push to".into(),
            help: Some("pass `--url https://netbox.example.net` or set NETBOX_URL".into()),
        })?;
    let token = args
        .token
        .clone()
        .or_else(|| std::env::var("NETBOX_TOKEN").ok().filter(|t| !t.is_empty()));
    let client = Client::new(&url, token.as_deref()).map_err(|e| Failure::new(e.to_string()))?;
    let source = args.repo.open()?;
    let compilation = super::compile(&source)?;
    let options = Options {
        apply: !args.plan,
        prune: args.prune,
        allow_input_errors: false,
    };
    let base = match &args.base {
        Some(rev) => {
            let source = args
                .repo
                .outside
                .open(args.repo.path.as_deref(), Some(rev))?;
            let base = super::compile(&source)?;
            let desired = netbox::desired(&base);
            super::leak(base);
            Some(desired)
        }
        None => None,
    };
    let mut pushed = match netbox::push(&compilation, &client, options) {
        Ok(pushed) => pushed,
        Err(PushError::InputErrors) => {
            let text =
                crate::diag::emit::human(&compilation.diagnostics, &compilation.files, color);
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            eprintln!(
                "{}: {}; nothing was sent to NetBox",
                source.describe(),
                crate::diag::emit::summary(&compilation.diagnostics, compilation.files.len())
            );
            return Ok(Outcome::InputErrors);
        }
        Err(PushError::Netbox(error)) => {
            return Err(Failure {
                message: error.to_string(),
                help: Some(
                    "check the URL, that NetBox is running, and that the token may write; \
                     a rerun continues where this push stopped"
                        .into(),
                ),
            })
        }
    };
    if let Some(base) = &base {
        netbox::drift::mark(&mut pushed.plan, base);
    }
    let text = match args.format {
        Format::Text => text(&pushed, client.url(), &args),
        Format::Markdown => markdown(&pushed, client.url(), &args),
        Format::Json => {
            let refused: serde_json::Value = serde_json::from_str(&crate::diag::emit::json(
                &pushed.refused,
                &compilation.files,
            ))
            .unwrap_or_default();
            let mut text = serde_json::to_string_pretty(&json!({
                "version": 1,
                "netbox": client.url(),
                "applied": !args.plan,
                "prune": args.prune,
                "plan": pushed.plan,
                "done": pushed.applied,
                "refused": refused,
            }))
            .unwrap_or_default();
            text.push('\n');
            text
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let outcome = if !pushed.refused.is_empty() {
        if args.format != Format::Json {
            let text = crate::diag::emit::human(&pushed.refused, &compilation.files, color);
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            eprintln!("NetBox refused the push; fix the value and push again");
        }
        Outcome::InputErrors
    } else if args.plan
        && (!pushed.plan.is_empty() || (args.prune && pushed.plan.prunable().next().is_some()))
    {
        Outcome::Changes
    } else {
        Outcome::Clean
    };
    super::leak(compilation);
    Ok(outcome)
}

/// Counts of a list of steps: (create, update, delete).
fn counts<'a>(steps: impl Iterator<Item = &'a Step>) -> (usize, usize, usize) {
    steps.fold((0, 0, 0), |(c, u, d), step| match step.action {
        Action::Create => (c + 1, u, d),
        Action::Update(_) => (c, u + 1, d),
        Action::Delete(_) => (c, u, d + 1),
    })
}

fn headline(pushed: &Pushed, url: &str, args: &PushNetbox) -> String {
    let prunable = pushed.plan.prunable().count();
    let (c, u, _) = counts(pushed.plan.steps.iter());
    let deletes = if args.prune { prunable } else { 0 };
    let mut line = if c + u + deletes == 0 {
        format!("{url}: no change to apply")
    } else {
        format!("{url}: {c} to create, {u} to update, {deletes} to delete")
    };
    if !args.plan {
        let (c, u, d) = counts(pushed.applied.iter());
        let _ = write!(line, "; done: {c} created, {u} updated, {d} deleted");
    }
    if u > 0 {
        line.push_str("\nthe repository wins: each update writes the repository's value over NetBox's (NetBox's → the repository's)");
        let drifted: usize = pushed.plan.steps.iter().map(|s| s.drift.len()).sum();
        match &args.base {
            Some(base) if drifted > 0 => {
                let _ = write!(
                    line,
                    "\n⚠ {drifted} fields were changed in NetBox since {base}: the push overwrites those changes (marked ⚠ below)"
                );
            }
            Some(base) => {
                let _ = write!(line, "\nno field was changed in NetBox since {base}");
            }
            None => line.push_str(
                "\n(pass --base REV, the revision last pushed, to mark the fields changed in NetBox since)",
            ),
        }
    }
    line
}

/// The note on a field NetBox changed since the base revision, or nothing.
fn drift_note(step: &Step, field: &str, base: Option<&str>) -> String {
    let Some(drift) = step.drift.iter().find(|d| d.field == field) else {
        return String::new();
    };
    let base = base.unwrap_or("the base");
    let pushed = diff::show(&drift.base);
    match drift.changed_in {
        ChangedIn::Netbox => format!(
            "  ⚠ changed in NetBox since {base} (was {pushed}); the push reverts it to the repository's"
        ),
        ChangedIn::Both => format!(
            "  ⚠ changed in NetBox and in the repository since {base} (was {pushed}); the repository's value wins"
        ),
    }
}

fn sign(action: Action) -> &'static str {
    match action {
        Action::Create => "+",
        Action::Update(_) => "~",
        Action::Delete(_) => "-",
    }
}

fn text(pushed: &Pushed, url: &str, args: &PushNetbox) -> String {
    let mut out = headline(pushed, url, args);
    out.push('\n');
    let mut kind = "";
    let mut site: Option<&str> = Some("\u{0}");
    for step in &pushed.plan.steps {
        let collection = step.kind.spec().collection;
        if collection != kind {
            kind = collection;
            site = Some("\u{0}");
            let _ = writeln!(out, "\n{kind}");
        }
        if step.site.as_deref() != site {
            site = step.site.as_deref();
            let _ = writeln!(out, "  {}", site.unwrap_or("(no site)"));
        }
        match step.action {
            Action::Update(_) => {
                let _ = writeln!(out, "    ~ {}", step.key);
                for field in &step.fields {
                    let _ = writeln!(
                        out,
                        "        {}: NetBox {} → repository {}{}",
                        field.field,
                        diff::show(&field.before),
                        diff::show(&field.after),
                        drift_note(step, &field.field, args.base.as_deref())
                    );
                }
            }
            action => {
                let _ = writeln!(
                    out,
                    "    {} {}  ({})",
                    sign(action),
                    step.key,
                    brief(step, 6)
                );
            }
        }
    }
    not_held(&mut out, pushed, args, false);
    out
}

/// Objects NetBox holds and the repository does not: counted by kind, and listed where
/// `--prune` deletes them.
fn not_held(out: &mut String, pushed: &Pushed, args: &PushNetbox, markdown: bool) {
    if pushed.plan.not_held.is_empty() {
        return;
    }
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for object in &pushed.plan.not_held {
        let entry = by_kind.entry(object.kind.spec().collection).or_default();
        entry.0 += 1;
        entry.1 += usize::from(object.in_scope);
    }
    let verb = if args.prune { "deleted" } else { "kept" };
    let _ = writeln!(
        out,
        "\n{}not held by the repository ({} objects; those in the repository's sites are {verb}{}):",
        if markdown { "**" } else { "" },
        pushed.plan.not_held.len(),
        if args.prune { "" } else { " unless --prune" },
    );
    if markdown {
        out.push_str("\n| kind | not held | in the repository's sites |\n|---|---:|---:|\n");
    }
    for (kind, (all, in_scope)) in by_kind {
        if markdown {
            let _ = writeln!(out, "| {kind} | {all} | {in_scope} |");
        } else {
            let _ = writeln!(
                out,
                "  {kind}: {all} ({in_scope} in the repository's sites)"
            );
        }
    }
    for object in pushed.plan.prunable() {
        let _ = writeln!(
            out,
            "{}{} {} {}",
            if markdown { "- " } else { "    " },
            if args.prune { "-" } else { "?" },
            object.kind.spec().singular,
            object.key
        );
    }
}

/// Up to `n` fields of a created object, `field: value`.
fn brief(step: &Step, n: usize) -> String {
    let mut parts: Vec<String> = step
        .fields
        .iter()
        .filter(|f| f.field != "name")
        .take(n)
        .map(|f| format!("{}: {}", f.field, diff::show(&f.after)))
        .collect();
    if step.fields.len() > n + 1 {
        parts.push("…".into());
    }
    parts.join(", ")
}

fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

fn markdown(pushed: &Pushed, url: &str, args: &PushNetbox) -> String {
    let headline = headline(pushed, url, args);
    let (title, notes) = headline.split_once('\n').unwrap_or((&headline, ""));
    let mut out = format!("### netsot push netbox: {title}\n\n");
    for note in notes.lines() {
        let _ = writeln!(out, "{note}\n");
    }
    if !pushed.plan.steps.is_empty() {
        let mut summary: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for step in &pushed.plan.steps {
            let entry = summary.entry(step.kind.spec().collection).or_default();
            match step.action {
                Action::Create => entry.0 += 1,
                _ => entry.1 += 1,
            }
        }
        out.push_str("| kind | create | update |\n|---|---:|---:|\n");
        for (kind, (c, u)) in summary {
            let _ = writeln!(out, "| {kind} | {c} | {u} |");
        }
        out.push_str("\n<details><summary>Steps</summary>\n\n");
        for step in &pushed.plan.steps {
            match step.action {
                Action::Update(_) => {
                    let fields: Vec<String> = step
                        .fields
                        .iter()
                        .map(|f| {
                            format!(
                                "{}: NetBox {} → repository {}{}",
                                f.field,
                                code(&diff::show(&f.before)),
                                code(&diff::show(&f.after)),
                                drift_note(step, &f.field, args.base.as_deref())
                            )
                        })
                        .collect();
                    let _ = writeln!(
                        out,
                        "- ✏️ {} {} — {}",
                        step.kind.spec().singular,
                        code(&step.key),
                        fields.join("; ")
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "- ➕ {} {} — {}",
                        step.kind.spec().singular,
                        code(&step.key),
                        brief(step, 6)
                    );
                }
            }
        }
        out.push_str("\n</details>\n");
    }
    not_held(&mut out, pushed, args, true);
    out
}
