//! What CI sees: exit codes for every command and format, GitHub annotations, SARIF, the
//! pre-commit hook and the documented workflows.

use netsot::load::yaml::{self, Node, NodeKind};

use crate::support::{copy_dir, git, netsot, root};

/// The example in a git repository, committed, and a broken copy in the working tree
/// when `broken`.
fn example(broken: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "base"]);
    if broken {
        let site = dir.path().join("data/sites/ams1.yaml");
        let text = std::fs::read_to_string(&site).unwrap();
        std::fs::write(&site, text.replacen("rack: ams1-r01", "rack: ams1-r99", 1)).unwrap();
    }
    dir
}

#[test]
fn exit_codes_are_the_same_for_every_command_and_format() {
    let clean = example(false);
    let broken = example(true);
    let formats = ["human", "json", "sarif", "github"];
    for format in formats {
        for (dir, expected) in [(clean.path(), 0), (broken.path(), 1)] {
            let out = dir.join("out");
            let runs: Vec<Vec<&str>> = vec![
                vec!["check", "--format", format],
                vec!["build", "--out", out.to_str().unwrap(), "--format", format],
            ];
            for args in runs {
                let output = netsot(&args, dir);
                assert_eq!(
                    output.status.code(),
                    Some(expected),
                    "{args:?} in {}",
                    dir.display()
                );
            }
        }
        for args in [
            vec!["check", "--rev", "no-such-branch", "--format", format],
            vec!["build", "--rev", "no-such-branch", "--format", format],
        ] {
            assert_eq!(
                netsot(&args, clean.path()).status.code(),
                Some(2),
                "{args:?}"
            );
        }
    }
    for format in ["text", "markdown", "json", "github", "sarif"] {
        assert_eq!(
            netsot(&["diff", "main", "--format", format], clean.path())
                .status
                .code(),
            Some(0)
        );
        assert_eq!(
            netsot(&["diff", "main", "--format", format], broken.path())
                .status
                .code(),
            Some(1)
        );
        assert_eq!(
            netsot(&["diff", "nope", "--format", format], clean.path())
                .status
                .code(),
            Some(2)
        );
    }
    assert_eq!(
        netsot(&["check", "--format", "nope"], clean.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn github_annotations_point_at_file_line_and_column() {
    let broken = example(true);
    let output = netsot(&["check", "--format", "github"], broken.path());
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("NS0301"))
        .unwrap_or_else(|| panic!("no NS0301 annotation:\n{text}"));
    assert!(
        line.starts_with("::error file=data/sites/ams1.yaml,line="),
        "{line}"
    );
    assert!(line.contains(",col=") && line.contains(",endLine=") && line.contains(",endColumn="));
    assert!(
        line.contains("title=NS0301 unresolved-reference::no rack named `ams1-r99`"),
        "{line}"
    );
    assert!(line.contains("%0Ahelp: "), "{line}");

    // In a repository whose netsot.yaml is in a subfolder, paths are relative to the checkout.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(broken.path(), &dir.path().join("network"));
    std::fs::remove_dir_all(dir.path().join("network/.git")).unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    let output = netsot(&["check", "network", "--format", "github"], dir.path());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("::error file=network/data/sites/ams1.yaml,"),
        "{text}"
    );
}

#[test]
fn sarif_has_a_rule_per_code_and_results_with_regions() {
    let broken = example(true);
    let output = netsot(&["check", "--format", "sarif"], broken.path());
    assert_eq!(output.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "netsot");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), netsot::diag::codes::ALL.len());
    for rule in rules {
        assert!(rule["id"].as_str().unwrap().starts_with("NS"));
        assert!(rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## What it does"));
        assert!(rule["shortDescription"]["text"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "NS0301")
        .expect("an NS0301 result");
    assert_eq!(result["level"], "error");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "NS0301");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "data/sites/ams1.yaml");
    let region = &location["region"];
    for key in ["startLine", "startColumn", "endLine", "endColumn"] {
        assert!(region[key].as_u64().unwrap() >= 1, "{key}: {region}");
    }
    assert!(region["endColumn"].as_u64() > region["startColumn"].as_u64());
}

fn hooks() -> Node<'static> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let text: &'static str = Box::leak(text.into_boxed_str());
    yaml::parse(text, Box::leak(Box::new(bumpalo::Bump::new())))
        .expect("valid YAML")
        .root
        .expect("a document")
}

#[test]
fn the_pre_commit_hook_runs_netsot_check() {
    let root_node = hooks();
    let NodeKind::Seq(hooks) = root_node.kind else {
        panic!("a list of hooks");
    };
    let check = hooks
        .iter()
        .find(|h| h.get("id").and_then(Node::as_str) == Some("netsot-check"))
        .expect("the netsot-check hook");
    assert_eq!(check.get("language").and_then(Node::as_str), Some("rust"));
    assert_eq!(
        check.get("pass_filenames").and_then(Node::as_str),
        Some("false")
    );
    let entry = check.get("entry").and_then(Node::as_str).unwrap();
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("netsot"));
    let args: Vec<&str> = words.collect();
    // pre-commit runs the entry at the repository's root.
    let clean = example(false);
    assert_eq!(netsot(&args, clean.path()).status.code(), Some(0));
    let broken = example(true);
    assert_eq!(netsot(&args, broken.path()).status.code(), Some(1));
    // A repository that compiles but whose outputs cannot render fails the hook too.
    let unrenderable = root().join("tests/fixtures/rules/NS0803/fail");
    assert_eq!(netsot(&args, &unrenderable).status.code(), Some(1));

    // The `-system` hooks run the same commands with the netsot on the PATH.
    for (id, system) in [
        ("netsot-check", "netsot-check-system"),
        ("netsot-build-check", "netsot-build-check-system"),
    ] {
        let find = |want: &str| {
            hooks
                .iter()
                .find(|h| h.get("id").and_then(Node::as_str) == Some(want))
                .unwrap_or_else(|| panic!("the {want} hook"))
        };
        let (rust, system) = (find(id), find(system));
        assert_eq!(
            system.get("language").and_then(Node::as_str),
            Some("system")
        );
        for key in ["entry", "pass_filenames", "files"] {
            assert_eq!(
                rust.get(key).and_then(Node::as_str),
                system.get(key).and_then(Node::as_str),
                "{id}: {key}"
            );
        }
    }

    let build_check = hooks
        .iter()
        .find(|h| h.get("id").and_then(Node::as_str) == Some("netsot-build-check"))
        .expect("the netsot-build-check hook");
    let entry = build_check.get("entry").and_then(Node::as_str).unwrap();
    let args: Vec<&str> = entry.split_whitespace().skip(1).collect();
    // Nothing built yet: every output is stale.
    assert_eq!(netsot(&args, clean.path()).status.code(), Some(1));
    assert_eq!(netsot(&["build"], clean.path()).status.code(), Some(0));
    assert_eq!(netsot(&args, clean.path()).status.code(), Some(0));
}

#[test]
fn the_documented_workflows_are_valid_yaml_and_run_real_commands() {
    for (file, commands) in [
        (
            "docs/ci/github-actions.yml",
            &[
                "netsot check --format github",
                "netsot check --format sarif",
                "netsot diff \"origin/${{ github.base_ref }}\" --format markdown",
                "netsot check --merge-with \"origin/${{ github.base_ref }}\" --format github",
            ][..],
        ),
        (
            "docs/ci/github-conflicts.yml",
            &["netsot conflicts --format json"][..],
        ),
        (
            "docs/ci/gitlab-ci.yml",
            &[
                "netsot check --format sarif",
                "netsot diff \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\" --format markdown",
                "netsot check",
                "netsot check --merge-with \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"",
                "netsot conflicts --format json",
            ][..],
        ),
    ] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let arena = bumpalo::Bump::new();
        let parsed = yaml::parse(&text, &arena).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        assert!(parsed.root.is_some(), "{file}");
        for command in commands {
            assert!(text.contains(command), "{file} lacks `{command}`");
        }
    }
    // The flags the workflows use exist.
    let clean = example(false);
    for args in [
        vec!["check", "--format", "github"],
        vec!["check", "--format", "sarif"],
        vec!["diff", "main", "--format", "markdown"],
    ] {
        assert_eq!(
            netsot(&args, clean.path()).status.code(),
            Some(0),
            "{args:?}"
        );
    }
}

/// Every `netsot` command a workflow runs: the words after `netsot` up to a redirection,
/// a pipe or `||`.
fn netsot_commands(text: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (index, word) in words.iter().enumerate() {
            let starts = index == 0 || matches!(words[index - 1], "-" | "run:" | "&&" | "|");
            if *word != "netsot" || !starts {
                continue;
            }
            let command: Vec<String> = words[index + 1..]
                .iter()
                .take_while(|w| !matches!(**w, ">" | "|" | "||" | "&&"))
                .map(|w| w.to_string())
                .collect();
            commands.push(command);
        }
    }
    commands
}

#[test]
fn the_netbox_gitops_jobs_are_valid_yaml_and_their_commands_and_flags_exist() {
    for file in [
        "docs/ci/netbox-github-actions.yml",
        "docs/ci/netbox-gitlab-ci.yml",
    ] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let arena = bumpalo::Bump::new();
        let parsed = yaml::parse(&text, &arena).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        assert!(parsed.root.is_some(), "{file}");
        let commands = netsot_commands(&text);
        let pushes: Vec<&Vec<String>> = commands
            .iter()
            .filter(|c| c.first().is_some_and(|w| w == "push"))
            .collect();
        assert_eq!(pushes.len(), 2, "{file}: a plan and a push in {commands:?}");
        assert!(pushes[0].contains(&"--plan".to_string()), "{file}");
        assert!(!pushes[1].contains(&"--plan".to_string()), "{file}");
        for command in &commands {
            let subcommands: Vec<&str> = command
                .iter()
                .map(String::as_str)
                .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase()))
                .collect();
            let mut args = subcommands.clone();
            args.push("--help");
            let output = netsot(&args, &root());
            assert!(
                output.status.success(),
                "{file}: `netsot {}`",
                args.join(" ")
            );
            let help = String::from_utf8_lossy(&output.stdout);
            for flag in command.iter().filter(|w| w.starts_with("--")) {
                assert!(
                    help.contains(flag.as_str()),
                    "{file}: `netsot {}` has no {flag}",
                    subcommands.join(" ")
                );
            }
        }
    }
}
