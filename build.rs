//! Embeds the lab definitions, simulator fixtures and question banks in the
//! binary, so `labcheck` works after `cargo install` from any directory.
//! Adding a file to `labs/`, `fixtures/<lab>/` or `quizzes/` is enough: no Rust
//! changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    // By name, not path: `serverless` before `serverless-backend` (by path,
    // `-` sorts before the `.` of `.toml`).
    files.sort_by_key(|p| stem(p));
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn entries(out: &mut String, name: &str, items: &[(String, PathBuf)]) {
    writeln!(out, "pub static {name}: &[(&str, &str)] = &[").unwrap();
    for (key, path) in items {
        writeln!(out, "    ({key:?}, include_str!({:?})),", path.display()).unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    for dir in ["labs", "fixtures", "quizzes"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    let mut out = String::new();

    let labs: Vec<_> = toml_files(&root.join("labs"))
        .into_iter()
        .map(|p| (stem(&p), p))
        .collect();
    entries(&mut out, "LABS", &labs);

    // Fixture keys are "<lab>/<name>", one folder per lab.
    let mut fixtures = Vec::new();
    for (lab, _) in &labs {
        let dir = root.join("fixtures").join(lab);
        println!("cargo:rerun-if-changed={}", dir.display());
        for p in toml_files(&dir) {
            fixtures.push((format!("{lab}/{}", stem(&p)), p));
        }
    }
    entries(&mut out, "FIXTURES", &fixtures);

    let banks: Vec<_> = toml_files(&root.join("quizzes"))
        .into_iter()
        .map(|p| (stem(&p), p))
        .collect();
    entries(&mut out, "QUIZ_BANKS", &banks);

    let managed = root.join("fixtures/aws-managed-policies.toml");
    println!("cargo:rerun-if-changed={}", managed.display());
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("builtin.rs");
    fs::write(dest, out).unwrap();
}
