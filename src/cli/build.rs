//! `netsot build`: check, then render every output of `netsot.yaml` into a folder.

use std::io::Write;
use std::path::PathBuf;

use super::check::Format;
use super::{write, Failure, Outcome, RepoArgs};
use crate::diag::emit;
use crate::render::dns_serial;
use crate::source::Source;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The output folder; `build/` in the repository's root by default (required for a bare
    /// repository).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 1 and list the files that differ from what would be written.
    #[arg(long)]
    pub check: bool,
    /// The format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub fn run(args: Args, color: bool) -> Result<Outcome, Failure> {
    let source = args.repo.open()?;
    let out_dir = output_dir(&args, &source)?;
    write::check_output_folder(&out_dir)?;
    if let Some(root) = source.root_dir() {
        write::check_folders_below_root(&out_dir, &root)?;
    }
    let mut verdict = super::verdict::verdict(&source, true)?;
    let has_zones = verdict
        .rendered
        .as_ref()
        .is_some_and(|r| !r.zone_files.is_empty());
    if has_zones {
        let mut inputs = input_paths(&verdict.compilation.config);
        inputs.push("netsot.yaml");
        if let Some(changed) = source.uncommitted_input(&inputs) {
            let compilation = &verdict.compilation;
            verdict.diagnostics.extend(dns_serial::dirty_tree(
                &compilation.config,
                compilation.config_file,
                &changed,
            ));
            crate::diag::sort_and_dedup(&mut verdict.diagnostics, &compilation.files);
        }
    }
    let has_errors = verdict.has_errors();
    let compilation = &verdict.compilation;
    let diagnostics = &verdict.diagnostics;
    super::print_timings(&verdict.timings);
    let mut stdout = std::io::stdout().lock();
    let report = args
        .format
        .emit(diagnostics, &compilation.files, color, &source);
    let _ = stdout.write_all(report.as_bytes());
    let human = args.format == Format::Human;
    let rendered = match &mut verdict.rendered {
        Some(rendered) if !has_errors => rendered,
        _ => {
            if human {
                let _ = writeln!(
                    stdout,
                    "{}: {}; nothing written",
                    source.describe(),
                    emit::summary(diagnostics, compilation.files.len())
                );
            }
            return Ok(Outcome::InputErrors);
        }
    };

    // Every check against the disk comes before the first write, and the whole write phase
    // holds the output folder's lock, so the folder ends up entirely one build's.
    if let Some(root) = source.root_dir() {
        write::check_outside_inputs(&out_dir, &root, &input_paths(&compilation.config))?;
    }
    let lock = if args.check {
        None
    } else {
        Some(write::lock(&out_dir)?)
    };
    // Each zone's serial is settled against the zone file already there, under the lock,
    // so it never goes backwards and an unchanged zone keeps its bytes.
    let zone_files: std::collections::HashSet<&str> =
        rendered.zone_files.iter().map(String::as_str).collect();
    for file in rendered.files.iter_mut() {
        if zone_files.contains(file.path.as_str()) {
            let previous = write::read_previous(&out_dir, &file.path);
            dns_serial::settle(file, previous.as_deref());
        }
    }
    let plan = write::plan(&out_dir, &rendered.files)?;
    let Some(lock) = lock else {
        for file in &plan.stale {
            let _ = writeln!(stdout, "stale: {}", file.path);
        }
        if human {
            let _ = writeln!(
                stdout,
                "{}: {} of {} files in {} are stale",
                source.describe(),
                plan.stale.len(),
                rendered.files.len(),
                out_dir.display()
            );
        }
        return Ok(if plan.stale.is_empty() {
            Outcome::Clean
        } else {
            Outcome::InputErrors
        });
    };
    let written = write::write(&out_dir, &plan, &lock)?;
    drop(lock);
    if human {
        let _ = writeln!(
            stdout,
            "{}: wrote {} files to {} ({} unchanged)",
            source.describe(),
            written,
            out_dir.display(),
            rendered.files.len() - written
        );
    }
    super::leak(verdict);
    Ok(Outcome::Clean)
}

/// The input paths of `netsot.yaml` an output folder must stay out of, with their defaults.
fn input_paths(config: &crate::model::config::Config) -> Vec<&str> {
    let mut paths: Vec<&str> = config.data.iter().map(|p| p.value.as_str()).collect();
    match &config.device_types {
        Some(types) => paths.extend(types.iter().map(|p| p.value.as_str())),
        None => paths.push("device-types"),
    }
    paths.push(
        config
            .templates
            .as_ref()
            .map_or("templates", |t| t.value.as_str()),
    );
    paths
}

fn output_dir(args: &Args, source: &Source) -> Result<PathBuf, Failure> {
    if let Some(out) = &args.out {
        // Rebuilt from its parts: `build/` with a trailing slash would make every later
        // look-up follow a link at `build`.
        return Ok(out.components().collect());
    }
    source
        .root_dir()
        .map(|root| root.join("build"))
        .ok_or_else(|| Failure {
            message: "a bare repository has no folder to build into".into(),
            help: Some("give the output folder with `--out DIR`".into()),
        })
}
