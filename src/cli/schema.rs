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
///
/// Data files and `netsot.yaml` get closed objects: netsot refuses an unknown field there
/// (NS0103), so an editor's YAML language server must flag `plattform` or `dnsname` as
/// `netsot check` does. Device-type files stay open: they follow the devicetype-library,
/// whose format grows, and netsot only warns about fields it does not know.
pub fn schemas() -> Vec<(&'static str, String)> {
    let render = |mut schema: schemars::Schema, closed: bool| {
        if let Some(map) = schema.as_object_mut().filter(|_| closed) {
            close_object(map);
        }
        // The schema itself serializes with its keywords in schemars's order.
        let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
        text.push('\n');
        text
    };
    vec![
        (
            "netsot-data.schema.json",
            render(schemars::schema_for!(DataFile), true),
        ),
        (
            "netsot-config.schema.json",
            render(schemars::schema_for!(Config), true),
        ),
        (
            "netsot-device-type.schema.json",
            render(schemars::schema_for!(DeviceType), false),
        ),
    ]
}

/// Forbids properties an object schema does not list. Free-form objects (custom field
/// values, config context data) list none and stay open.
fn close_object(map: &mut serde_json::Map<String, serde_json::Value>) {
    if map.contains_key("properties") && !map.contains_key("additionalProperties") {
        map.insert(
            "additionalProperties".into(),
            serde_json::Value::Bool(false),
        );
    }
    map.values_mut().for_each(close_objects);
}

fn close_objects(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => close_object(map),
        serde_json::Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
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
