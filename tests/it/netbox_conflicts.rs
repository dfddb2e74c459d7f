//! How a push shows changes made in NetBox's UI since the last push (issue 16, part 6):
//! with `--base REV` (the revision last pushed), every field the plan overwrites and NetBox
//! changed since is marked, with NetBox's value, the repository's and the one pushed then.
//! Runs against the shared NetBox with objects named `h4-conflict-…`, deleted at the end.

use serde_json::{json, Value};

use netsot::netbox::Client;

use crate::support::{git, netbox_env, netsot, repo};

fn site(name: &str, status: &str, description: &str) -> String {
    format!("sites:\n  - {{name: {name}, status: {status}, description: {description}}}\n")
}

/// Deletes the site when the test ends, passed or not.
struct Created<'a> {
    client: &'a Client,
    name: String,
}

impl Drop for Created<'_> {
    fn drop(&mut self) {
        let found = self
            .client
            .list(&format!("/api/dcim/sites/?name={}", self.name))
            .unwrap_or_default();
        let ids: Vec<Value> = found.iter().map(|s| json!({ "id": s["id"] })).collect();
        if !ids.is_empty() {
            let _ = self.client.delete("/api/dcim/sites/", &Value::Array(ids));
        }
    }
}

#[test]
fn a_plan_with_a_base_marks_the_fields_changed_in_netbox_since_and_says_the_repository_wins() {
    let Some((url, token)) = netbox_env() else {
        return;
    };
    let client = Client::new(&url, Some(&token)).expect("a valid NetBox URL");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let name = format!(
        "h4-conflict-{:x}",
        nanos as u64 ^ u64::from(std::process::id())
    );
    let dir = repo(&[
        ("netsot.yaml", "version: 1\n"),
        ("data/site.yaml", &site(&name, "active", "hall-a")),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    let _created = Created {
        client: &client,
        name: name.clone(),
    };
    let push = |args: &[&str]| {
        let mut all = vec!["push", "netbox", "--url", &url, "--token", &token];
        all.extend(args);
        netsot(&all, dir.path())
    };
    let output = push(&[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Someone edits the site in NetBox's UI; the repository changes its status too.
    let found = client
        .list(&format!("/api/dcim/sites/?name={name}"))
        .expect("the site is listed");
    let id = found[0]["id"].as_u64().expect("an id");
    client
        .patch(
            "/api/dcim/sites/",
            &json!([{ "id": id, "description": "hall-b", "status": "planned" }]),
        )
        .expect("the UI's edit");
    std::fs::write(
        dir.path().join("data/site.yaml"),
        site(&name, "staging", "hall-a"),
    )
    .expect("write");

    let output = push(&["--plan", "--base", "HEAD"]);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(3), "{printed}");
    assert!(
        printed.contains(
            "description: NetBox hall-b → repository hall-a  ⚠ changed in NetBox since HEAD (was hall-a); the push reverts it to the repository's"
        ),
        "{printed}"
    );
    assert!(
        printed.contains(
            "status: NetBox planned → repository staging  ⚠ changed in NetBox and in the repository since HEAD (was active); the repository's value wins"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("⚠ 2 fields were changed in NetBox since HEAD"),
        "{printed}"
    );

    // The JSON plan carries the same marks for a bot to read.
    let output = push(&["--plan", "--base", "HEAD", "--format", "json"]);
    let plan: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut drift = plan["plan"]["steps"][0]["drift"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    drift.sort_by_key(|d| d["field"].to_string());
    assert_eq!(
        Value::Array(drift),
        json!([
            {"field": "description", "base": "hall-a", "changed_in": "netbox"},
            {"field": "status", "base": "active", "changed_in": "both"},
        ]),
        "{plan}"
    );
}
