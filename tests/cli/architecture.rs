//! The pipeline runs one way: lab → plan → gather (sim, aws) → engine
//! (checks) → report. This reads every module's non-test code for the
//! `crate::` paths it uses and fails on a cycle between top-level modules,
//! or on an import the pipeline forbids, so a backwards import cannot creep
//! back in unnoticed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the modules its non-test code names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        // A module's tests (`tests.rs`, or the files of its `tests/` folder)
        // may use any stage to judge what it read.
        let test_code = path.file_name().unwrap() == "tests.rs"
            || path
                .strip_prefix(&src)
                .is_ok_and(|p| p.components().any(|c| c.as_os_str() == "tests"));
        if path.extension().is_none_or(|e| e != "rs") || test_code {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        if ["lib", "main"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Test modules may reach anywhere; they sit at the end of a file.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let entry = graph.entry(module.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            if code[..at].ends_with('$') {
                continue;
            }
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                entry.insert(name);
            }
        }
    }
    graph
}

fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut found = path[i..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_import_one_way() {
    let graph = imports();
    assert!(graph.contains_key("checks") && graph.contains_key("engine"));
    if let Some(found) = cycle(&graph) {
        panic!("modules import in a cycle: {}", found.join(" → "));
    }
    // What each stage must not know about: what comes after it, and (for
    // the checks) which source filled the account.
    let forbidden: &[(&str, &[&str])] = &[
        (
            "account",
            &["checks", "engine", "sim", "aws", "report", "lab"],
        ),
        (
            "checks",
            &["lab", "plan", "engine", "sim", "aws", "report", "grade"],
        ),
        ("lab", &["plan", "engine", "report", "grade"]),
        ("plan", &["engine", "report", "grade"]),
        ("aws", &["checks", "engine", "report", "grade"]),
        ("engine", &["report", "grade", "aws", "sim"]),
        ("report", &["grade", "aws", "sim", "serve", "commands"]),
        ("grade", &["report", "serve", "commands"]),
        ("exit", &["report", "grade", "commands"]),
        ("sim", &["engine", "report", "grade", "aws"]),
    ];
    for (module, never) in forbidden {
        let uses = &graph[*module];
        for other in *never {
            assert!(!uses.contains(*other), "`{module}` imports `{other}`");
        }
    }
}
