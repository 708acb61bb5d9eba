//! Bad input gets a clear error, never a panic: every case in
//! `tests/bad-input/*.toml` runs the real binary on the files it carries and
//! must print exactly the error it records, with the exit code it records.
//!
//! A case: `args` (the command line), `exit`, `stderr` (exact), and
//! `[files]` (name → content) written to a scratch directory first.
//! `LABCHECK_BLESS=1 cargo test bad_input` rewrites `stderr` from what the
//! program printed, for reviewing in the diff.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::util::Scratch;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    exit: i32,
    stderr: String,
    #[serde(default)]
    files: BTreeMap<String, String>,
}

#[test]
fn every_bad_input_case_gets_its_error_and_exit_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/bad-input exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let bless = std::env::var_os("LABCHECK_BLESS").is_some();
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let scratch = Scratch::new(&name);
        for (file, content) in &case.files {
            scratch.write(file, content);
        }
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let out = scratch.run(&args);
        if out.stderr.contains("panicked") || out.stderr.contains("RUST_BACKTRACE") {
            failures.push(format!("{name}: panicked:\n{}", out.stderr));
            continue;
        }
        if bless && out.stderr != case.stderr {
            std::fs::write(path, with_stderr(&text, &out.stderr)).unwrap();
        } else if out.stderr != case.stderr {
            failures.push(format!(
                "{name}: stderr differs\n--- expected\n{}--- got\n{}",
                case.stderr, out.stderr
            ));
        }
        if out.code != case.exit {
            failures.push(format!(
                "{name}: exit {} (expected {})",
                out.code, case.exit
            ));
        }
    }
    assert!(paths.len() >= 20, "only {} bad-input cases", paths.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// The case text with its `stderr = '''...'''` block replaced.
fn with_stderr(text: &str, stderr: &str) -> String {
    let open = "stderr = '''\n";
    let start = text.find(open).expect("stderr is a ''' block") + open.len();
    let end = start + text[start..].find("'''").expect("closing '''");
    format!("{}{stderr}{}", &text[..start], &text[end..])
}
