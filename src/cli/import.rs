//! `netsot import netbox`: write a repository from a running NetBox.
//!
//! The library reads NetBox and returns the files' bytes and what it could not carry; this
//! file reads `NETBOX_URL`/`NETBOX_TOKEN`, writes the files that changed (atomically),
//! removes the files the import owns that NetBox no longer fills (complete imports only),
//! writes `netsot.yaml` only when there is none, and prints the report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Failure, Outcome};
use crate::netbox::client::Client;
use crate::netbox::import::{self, Options, OWNED_FILES, OWNED_FOLDERS};

#[derive(clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(clap::Subcommand)]
pub enum ImportSource {
    /// Read a NetBox (4.4) through its REST API into a repository.
    Netbox(NetboxImportArgs),
}

#[derive(clap::Args)]
pub struct NetboxImportArgs {
    /// NetBox's URL, e.g. `https://netbox.example.net`; `NETBOX_URL` by default.
    #[arg(long)]
    pub url: Option<String>,
    /// An API token (read access is enough); `NETBOX_TOKEN` by default.
    #[arg(long)]
    pub token: Option<String>,
    /// The repository to write (created if needed); the current folder by default.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Import only this site (by slug) and what its objects use; repeatable.
    #[arg(long = "site", value_name = "SLUG")]
    pub sites: Vec<String>,
}

pub fn run_import(args: ImportArgs) -> Result<Outcome, Failure> {
    let ImportSource::Netbox(args) = args.source;
    let url = args
        .url
        .or_else(|| std::env::var("NETBOX_URL").ok())
        .filter(|u| !u.is_empty())
        .ok_or_else(|| Failure {
            message: "no NetBox URL".into(),
            help: Some("pass --url or set NETBOX_URL".into()),
        })?;
    let token = args.token.or_else(|| std::env::var("NETBOX_TOKEN").ok());
    let client = Client::new(&url, token.as_deref()).map_err(|e| Failure::new(e.to_string()))?;
    let options = Options { sites: args.sites };
    let imported = import::import(&client, &options).map_err(|e| Failure::new(e.to_string()))?;
    let root = args.out.unwrap_or_else(|| PathBuf::from("."));
    let (written, removed) = write_repository(&root, &imported).map_err(|e| Failure {
        message: format!("cannot write into {}: {e}", root.display()),
        help: None,
    })?;
    eprintln!(
        "imported {} files into {} ({written} written, {removed} removed, the rest unchanged)",
        imported.files.len(),
        root.display()
    );
    if imported.not_carried.is_empty() {
        eprintln!("everything was carried");
    } else {
        eprintln!("could not carry (no home in netsot's format):");
        for line in imported.not_carried.lines() {
            eprintln!("  {line}");
        }
    }
    Ok(Outcome::Clean)
}

/// Writes the import's files below `root`; returns how many were written and removed.
fn write_repository(root: &Path, imported: &import::Imported) -> std::io::Result<(usize, usize)> {
    let mut written = 0;
    let config = root.join(crate::source::CONFIG_FILE);
    if !config.exists() {
        super::write::write_atomic(&config, import::CONFIG.as_bytes())?;
        written += 1;
    }
    let produced: BTreeSet<&str> = imported.files.iter().map(|(p, _)| p.as_str()).collect();
    for (path, bytes) in &imported.files {
        let target = root.join(path);
        if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
            super::write::write_atomic(&target, bytes)?;
            written += 1;
        }
    }
    let mut removed = 0;
    // Only a complete import knows that a file it owns has no objects any more; one of some
    // sites leaves the others' files alone.
    if imported.complete {
        let mut owned: Vec<PathBuf> = OWNED_FILES.iter().map(|f| root.join(f)).collect();
        for folder in OWNED_FOLDERS {
            yaml_files(&root.join(folder), &mut owned);
        }
        for path in owned {
            let relative = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if path.is_file() && !produced.contains(relative.as_str()) {
                std::fs::remove_file(&path)?;
                removed += 1;
            }
        }
    }
    Ok((written, removed))
}

/// The `.yaml` files below `folder`, not following symbolic links.
fn yaml_files(folder: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            yaml_files(&path, into);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "yaml") {
            into.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imported(files: &[(&str, &str)], complete: bool) -> import::Imported {
        import::Imported {
            files: files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .collect(),
            not_carried: Default::default(),
            complete,
        }
    }

    #[test]
    fn an_import_rewrites_only_the_files_it_owns_and_keeps_netsot_yaml() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("netsot.yaml", "version: 1\noutputs: []\n"),
            ("data/sites/gone.yaml", "sites: []\n"),
            ("data/mine.yaml", "tags: []\n"),
            ("device-types/Old/X.yaml", "model: X\n"),
        ] {
            std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            std::fs::write(root.join(path), text).unwrap();
        }
        let files = [("data/sites/ams1.yaml", "sites: [{name: ams1}]\n")];
        // An import of some sites removes nothing.
        assert_eq!(
            write_repository(root, &imported(&files, false)).unwrap(),
            (1, 0)
        );
        assert!(root.join("data/sites/gone.yaml").exists());
        // The same bytes again write nothing; a complete import removes what it owns and
        // NetBox no longer fills, and leaves the user's own files and settings alone.
        assert_eq!(
            write_repository(root, &imported(&files, true)).unwrap(),
            (0, 2)
        );
        assert!(!root.join("data/sites/gone.yaml").exists());
        assert!(!root.join("device-types/Old/X.yaml").exists());
        assert!(root.join("data/mine.yaml").exists());
        assert_eq!(
            std::fs::read_to_string(root.join("netsot.yaml")).unwrap(),
            "version: 1\noutputs: []\n"
        );
    }
}
