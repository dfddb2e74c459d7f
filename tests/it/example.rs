//! The bundled example checks clean, and broken copies of it fail where they are broken.

use crate::support::{compile_path, copy_dir, netsot, render, root};

#[test]
fn the_example_checks_clean() {
    let compilation = compile_path(&root().join("examples"));
    assert_eq!(render(&compilation), "");
    let model = &compilation.graph.model;
    assert!(model.sites.len() >= 2);
    assert!(model.devices.len() >= 20);
    let output = netsot(&["check", "examples"], &root());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// Copies the example, applies `edit` to one file, and returns the diagnostics.
fn broken(file: &str, edit: impl Fn(String) -> String) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("examples"), dir.path());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = edit(text.clone());
    assert_ne!(text, edited, "the edit must change {file}");
    std::fs::write(&path, edited).expect("write");
    render(&compile_path(dir.path()))
}

fn first_device_file() -> String {
    let sites = root().join("examples/data/sites");
    let mut files: Vec<_> = std::fs::read_dir(&sites)
        .expect("examples/data/sites")
        .map(|e| e.expect("e").path())
        .collect();
    files.sort();
    files[0]
        .strip_prefix(root().join("examples"))
        .expect("inside")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_misspelled_site_is_reported_with_a_suggestion() {
    let file = first_device_file();
    // A `site:` key of its own line, not the end of another key (`backup_site:`).
    let out = broken(&file, |text| {
        text.replacen("\n    site: ", "\n    site: x", 1)
    });
    assert!(out.contains("NS0301"), "{out}");
}

#[test]
fn a_duplicated_device_is_reported() {
    let file = first_device_file();
    let out = broken(&file, |text| {
        let devices = text.find("\ndevices:\n").expect("devices");
        let start = text[devices..].find("\n  - name:").expect("first device") + devices + 1;
        let end = text[start + 4..]
            .find("\n  - ")
            .map(|e| e + start + 5)
            .expect("second device");
        let first = text[start..end].to_string();
        format!("{}{}{}", &text[..start], first, &text[start..])
    });
    assert!(out.contains("NS0201"), "{out}");
}

#[test]
fn an_unknown_field_is_reported() {
    let file = first_device_file();
    let out = broken(&file, |text| text.replacen("    role:", "    rol:", 1));
    assert!(out.contains("NS0103"), "{out}");
}

#[test]
fn a_reused_address_and_a_stacked_device_are_reported() {
    let file = first_device_file();
    // The second spine's loopback takes the first spine's address.
    let out = broken(&file, |text| {
        text.replacen("address: 10.255.1.2/32", "address: 10.255.1.1/32", 1)
    });
    assert!(out.contains("NS0401"), "{out}");
    // Every device moved to U41 of its rack: devices stack.
    let out = broken(&file, |text| {
        let mut edited = String::new();
        for line in text.lines() {
            if line.trim_start().starts_with("position: ") {
                let indent = &line[..line.len() - line.trim_start().len()];
                edited.push_str(&format!("{indent}position: 41\n"));
            } else {
                edited.push_str(line);
                edited.push('\n');
            }
        }
        edited
    });
    assert!(out.contains("NS0601"), "{out}");
}
