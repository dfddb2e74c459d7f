//! `netsot blame KIND NAME`: which commit last changed each field of an object.

use std::io::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Outcome};
use crate::blame;

#[derive(clap::Args)]
pub struct Args {
    /// The collection, e.g. `device`, `prefix`, `vlan` (singular or plural).
    pub kind: String,
    /// The object's natural key as `netsot diff` shows it (`ams1/leaf1`, `10.0.0.0/8 (red)`)
    /// or its name when that is unique.
    pub name: String,
    /// The repository (a folder holding netsot.yaml, or below one); the current folder by default.
    #[arg(long, short = 'C', value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// Blame as of this revision instead of the working tree.
    #[arg(long)]
    pub rev: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub outside: super::AllowOutside,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let Some(collection) = blame::collection(&args.kind) else {
        return Err(Failure {
            message: format!("there is no collection `{}`", args.kind),
            help: Some(format!(
                "collections are: {}",
                crate::model::COLLECTIONS.join(", ")
            )),
        });
    };
    let source = args
        .outside
        .open(args.repo.as_deref(), args.rev.as_deref())?;
    let compilation = super::compile(&source)?;
    let (key, location) =
        blame::find(&compilation, collection, &args.name).map_err(Failure::new)?;
    let file = compilation.files.get(location.file);
    let fields = blame::field_lines(file, location);
    let Some((repo, commit)) = source.git() else {
        return Err(Failure {
            message: format!("{} is not in a git repository", source.describe()),
            help: Some("blame reads git's history; commit the repository first".into()),
        });
    };
    let path = format!("{}{}", source.repo_prefix(), file.path);
    let current = commit.is_none().then(|| file.text.as_bytes());
    let blamed = blame::blame(&repo, &path, current, commit, &fields).map_err(|e| Failure {
        message: format!("cannot blame {path}: {}", e.message()),
        help: Some("is the file committed? `git add` and `git commit` it first".into()),
    })?;
    let (line, _) = file.line_column(location.span.start);
    let text = match args.format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&serde_json::json!({
                "collection": collection,
                "key": key,
                "file": path,
                "line": line,
                "fields": blamed,
            }))
            .unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Text => {
            let width = blamed
                .iter()
                .map(|b| b.field.len())
                .max()
                .unwrap_or(5)
                .max(5);
            let mut out = format!("{collection} {key} ({path}:{line})\n");
            for b in &blamed {
                let lines = if b.first_line == b.last_line {
                    format!("{}", b.first_line)
                } else {
                    format!("{}-{}", b.first_line, b.last_line)
                };
                match &b.commit {
                    Some(c) => out.push_str(&format!(
                        "{:<width$}  {}  {}  {:<12}  {}  (lines {lines})\n",
                        b.field,
                        &c.id[..10],
                        blame::date(c.time),
                        c.author,
                        c.summary
                    )),
                    None => out.push_str(&format!(
                        "{:<width$}  not committed yet  (lines {lines})\n",
                        b.field
                    )),
                }
            }
            out
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(Outcome::Clean)
}
