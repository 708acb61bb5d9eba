//! `labcheck lint` on what ships: every built-in lab is valid and has Korean
//! beside every English text a learner reads. (The missing-translation error
//! itself is pinned by tests/bad-input/lab-missing-translation.toml.)

use std::path::Path;

use crate::util::run_in;

#[test]
fn every_built_in_lab_lints_clean_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut labs: Vec<String> = std::fs::read_dir(root.join("labs"))
        .expect("labs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    labs.sort();
    assert!(!labs.is_empty(), "no labs/*.toml");
    let mut args = vec!["lint"];
    args.extend(labs.iter().map(String::as_str));
    let out = run_in(root, &args);
    assert_eq!(out.stderr, "", "lint found problems");
    assert_eq!(out.code, 0);
    for lab in &labs {
        assert!(
            out.stdout.contains(&format!("ok: {lab}: lab `")),
            "{lab} not linted:\n{}",
            out.stdout
        );
    }
}
