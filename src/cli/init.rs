//! `netsot init [PATH]`: a new repository with a small working example.

use std::path::PathBuf;

use super::{Failure, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// The folder to create the repository in; the current folder by default.
    pub path: Option<PathBuf>,
}

/// The files of a new repository (`templates/init/` in netsot's source): settings, a site
/// with a rack, two devices on an inline device type, a cable, a prefix with addresses and
/// DNS names, and a device template.
const FILES: &[(&str, &str)] = &[
    (
        "netsot.yaml",
        include_str!("../../templates/init/netsot.yaml"),
    ),
    (
        "data/site.yaml",
        include_str!("../../templates/init/data/site.yaml"),
    ),
    (
        "templates/device.cfg.j2",
        include_str!("../../templates/init/templates/device.cfg.j2"),
    ),
];

pub fn run(args: Args) -> Result<Outcome, Failure> {
    let root = args.path.unwrap_or_else(|| PathBuf::from("."));
    if root.join(crate::source::CONFIG_FILE).exists() {
        return Err(Failure {
            message: format!("{} already holds a netsot.yaml", root.display()),
            help: Some("init writes a new repository; choose an empty folder".into()),
        });
    }
    for (path, _) in FILES {
        let path = root.join(path);
        if path.exists() {
            return Err(Failure::new(format!(
                "{} exists; nothing written",
                path.display()
            )));
        }
    }
    for (path, text) in FILES {
        super::write::write_atomic(&root.join(path), text.as_bytes())
            .map_err(|e| Failure::new(format!("cannot write {path}: {e}")))?;
    }
    println!(
        "created a netsot repository in {}: try `netsot check` and `netsot build`",
        root.display()
    );
    Ok(Outcome::Clean)
}
