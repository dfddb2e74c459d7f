//! Virtual machines' disks: exported with the total NetBox computes, names unique per
//! machine, sizes within NetBox's integer.

use crate::support::{compile_path, listed, netsot, repo};

#[test]
fn the_disks_total_is_the_machines_disk_and_exported_with_them() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/a.yaml",
            "sites:\n  - {name: ams1}\nvirtual_machines:\n  - name: db1\n    site: ams1\n    virtual_disks:\n      - {name: root, size: 20480}\n      - {name: data, size: 40960, description: tables}\n  - {name: web1, site: ams1, disk: 10240}\n",
        ),
    ]);
    let output = netsot(&["export"], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let vms = json["virtual_machines"].as_array().unwrap();
    let db1 = vms.iter().find(|v| v["name"] == "db1").unwrap();
    assert_eq!(db1["disk"], 61440);
    assert_eq!(
        db1["virtual_disks"],
        serde_json::json!([
            {"name": "root", "size": 20480, "description": null, "tags": []},
            {"name": "data", "size": 40960, "description": "tables", "tags": []},
        ])
    );
    let web1 = vms.iter().find(|v| v["name"] == "web1").unwrap();
    assert_eq!(web1["disk"], 10240);
    assert_eq!(web1["virtual_disks"], serde_json::json!([]));
}

#[test]
fn disk_names_are_unique_per_machine_and_sizes_fit_netbox() {
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        (
            "data/a.yaml",
            "sites:\n  - {name: ams1}\nvirtual_machines:\n  - name: db1\n    site: ams1\n    virtual_disks:\n      - {name: root, size: 20480}\n      - {name: root, size: 18446744073709551615}\n  - name: db2\n    site: ams1\n    virtual_disks:\n      - {name: root, size: 20480}\n",
        ),
    ]);
    let compilation = compile_path(dir.path());
    assert_eq!(
        listed(&compilation.diagnostics, &compilation),
        "NS0201 data/a.yaml:8:16: virtual machine `db1` has two virtual disks named `root`\n\
         NS0111 data/a.yaml:8:28: virtual disk `root` of `db1` has size 18446744073709551615; NetBox allows at most 2147483647 (MB)\n"
    );
}
