//! `netsot explain CODE`: print a rule's documentation.

use super::{Failure, Outcome};
use crate::diag::codes;

#[derive(clap::Args)]
pub struct Args {
    /// A code (`NS0301`) or a rule name (`unresolved-reference`); `--all` lists every rule.
    pub code: Option<String>,
    /// List every code with its name, severity and summary.
    #[arg(long)]
    pub all: bool,
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    if args.all || args.code.is_none() {
        for rule in codes::ALL {
            println!(
                "{}  {:<32} {:<8} {}",
                rule.code,
                rule.name,
                rule.severity.as_str(),
                rule.summary
            );
        }
        return Ok(Outcome::Clean);
    }
    let code = args.code.unwrap_or_default();
    match crate::diag::rule::lookup(&code) {
        Some(rule) => {
            println!(
                "# {} ({}), {} by default\n",
                rule.code,
                rule.name,
                rule.severity.as_str()
            );
            print!(
                "{}",
                rule.doc
                    .lines()
                    .map(|l| l.strip_prefix(' ').unwrap_or(l))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            println!();
            Ok(Outcome::Clean)
        }
        None => {
            let names: Vec<&str> = codes::ALL.iter().flat_map(|r| [r.code, r.name]).collect();
            let suggestions = crate::diag::did_you_mean(&code, names);
            Err(Failure {
                message: format!("no rule `{code}`"),
                help: crate::diag::suggestion_help(&suggestions)
                    .or(Some("`netsot explain --all` lists every rule".into())),
            })
        }
    }
}
