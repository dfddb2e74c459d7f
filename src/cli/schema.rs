//! `netsot schema`: the JSON Schemas of data files and `netsot.yaml`.

use std::path::PathBuf;

use super::{Failure, Outcome};
use crate::model::config::Config;
use crate::model::device_type::DeviceType;
use crate::model::DataFile;

#[derive(clap::Args)]
pub struct Args {
    /// Write the schemas into this folder instead of printing the data-file schema.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The schemas netsot publishes, by file name.
pub fn schemas() -> Vec<(&'static str, String)> {
    let render = |schema: schemars::Schema| {
        let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
        text.push('\n');
        text
    };
    vec![
        (
            "netsot-data.schema.json",
            render(schemars::schema_for!(DataFile)),
        ),
        (
            "netsot-config.schema.json",
            render(schemars::schema_for!(Config)),
        ),
        (
            "netsot-device-type.schema.json",
            render(schemars::schema_for!(DeviceType)),
        ),
    ]
}

pub fn run(args: Args) -> Result<Outcome, Failure> {
    match args.out {
        None => {
            print!("{}", schemas()[0].1);
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| Failure::new(format!("cannot create `{}`: {e}", dir.display())))?;
            for (name, text) in schemas() {
                let path = dir.join(name);
                super::write::write_atomic(&path, text.as_bytes())
                    .map_err(|e| Failure::new(format!("cannot write `{}`: {e}", path.display())))?;
                eprintln!("wrote {}", path.display());
            }
        }
    }
    Ok(Outcome::Clean)
}
