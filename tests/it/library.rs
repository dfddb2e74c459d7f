//! The whole netbox-community device-type library, read in place.

use netsot::compile::compile;
use netsot::source::Source;

use crate::support::{repo, shared_data};

#[test]
fn the_whole_device_type_library_loads() {
    let library = shared_data().join("devicetype-library");
    assert!(
        library.is_dir(),
        "the shared data is missing at {}",
        library.display()
    );
    let library = library.canonicalize().expect("library path");
    let config = format!(
        "version: 1\ndata: []\ndevice_types: [\"{}\"]\n",
        relative_to_tmp(&library)
    );
    let dir = repo(&[("netsot.yaml", &config)]);
    // The library lies outside the repository: the user (this test) allows its folder.
    let source = Source::open(Some(dir.path()), None)
        .and_then(|source| source.allow_outside(std::slice::from_ref(&library)))
        .unwrap_or_else(|e| panic!("{}", e.message));
    let compilation = compile(&source).unwrap_or_else(|e| panic!("{}", e.message));
    let model = &compilation.graph.model;
    assert_eq!(
        model.device_types.len(),
        4449,
        "every device type is accepted"
    );
    assert_eq!(
        model.module_types.len(),
        1466,
        "every module type is accepted"
    );

    let errors: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "only the duplicate is an error: {errors:#?}"
    );
    assert_eq!(errors[0].rule.code, "NS0201");
    assert_eq!(errors[0].message, "duplicate device type `Juniper/MX304`");
    let first = &errors[0].secondary[0].location;
    let second = &errors[0].primary.as_ref().expect("primary").location;
    let mut paths = [
        compilation.files.get(first.file).path.as_str(),
        compilation.files.get(second.file).path.as_str(),
    ];
    paths.sort();
    assert!(
        paths[0].ends_with("device-types/Juniper/MX304-BASE.yaml")
            && paths[1].ends_with("device-types/Juniper/MX304.yaml"),
        "{paths:?}"
    );

    // Misspelled keys are warnings at their line, with a suggestion where one is close.
    let warnings: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .collect();
    assert!(!warnings.is_empty());
    assert!(warnings.iter().all(|d| d.rule.code == "NS0103"));
    let poe = warnings
        .iter()
        .find(|d| d.message == "unknown field `poe-mode`")
        .expect("poe-mode is reported");
    assert_eq!(poe.help.as_deref(), Some("did you mean `poe_mode`?"));
    let label = poe.primary.as_ref().expect("located");
    let file = compilation.files.get(label.location.file);
    let (line, _) = file.line_column(label.location.span.start);
    let (start, end) = file.line_range(line).expect("line");
    assert!(file.text[start..end].contains("poe-mode"));
}

/// netsot.yaml paths are relative to the repository; from a temporary folder, climb to `/`.
fn relative_to_tmp(target: &std::path::Path) -> String {
    let tmp = std::env::temp_dir().canonicalize().expect("tmp");
    let depth = tmp.components().count() + 1;
    format!(
        "{}{}",
        "../".repeat(depth),
        target.strip_prefix("/").expect("absolute").display()
    )
}

#[test]
fn the_whole_module_type_library_loads_from_a_module_types_folder() {
    let library = shared_data()
        .join("devicetype-library")
        .canonicalize()
        .expect("library path");
    let modules = library.join("module-types");
    let config = format!(
        "version: 1\ndata: []\ndevice_types: []\nmodule_types: [\"{}\"]\n",
        relative_to_tmp(&modules)
    );
    let dir = repo(&[("netsot.yaml", &config)]);
    let source = Source::open(Some(dir.path()), None)
        .and_then(|source| source.allow_outside(std::slice::from_ref(&library)))
        .unwrap_or_else(|e| panic!("{}", e.message));
    let compilation = compile(&source).unwrap_or_else(|e| panic!("{}", e.message));
    let model = &compilation.graph.model;
    assert_eq!(
        model.module_types.len(),
        1466,
        "every module type, .yaml and .yml"
    );
    assert!(model.device_types.is_empty());
    let errors: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Two thirds of the library name components after their bay: `{module}` survives
    // loading, to be replaced when a module is installed (tests/it/modules.rs).
    let placeholders = model
        .module_types
        .iter()
        .filter(|t| {
            t.data
                .interfaces
                .iter()
                .any(|i| i.value.name.value.contains("{module}"))
        })
        .count();
    assert!(placeholders > 500, "{placeholders}");
}
