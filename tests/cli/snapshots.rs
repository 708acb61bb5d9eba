//! What a person sees, pinned with insta (`tests/cli/snapshots/`): verify's
//! table in English and Korean at 80 and 120 columns, grade's terminal
//! gradebook in both, the Korean HTML gradebook, and `--help`. Review a
//! change with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and
//! read the diff).
//!
//! Korean is measured as it is drawn: Hangul takes two columns
//! (unicode-width), so besides the snapshot each table is checked to line up
//! (every line of a table has the same display width, within the width asked
//! for).

use std::path::Path;
use std::process::{Command, Stdio};

use unicode_width::UnicodeWidthStr;

use crate::util::Scratch;

/// Runs labcheck in `dir` in `lang` with a terminal `columns` wide; stdout.
fn run(dir: &Path, args: &[&str], lang: &str, columns: u16) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_labcheck"))
        .args(args)
        .current_dir(dir)
        .env("LABCHECK_LANG", lang)
        .env("COLUMNS", columns.to_string())
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .output()
        .expect("run labcheck");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The lab's digest changes with any edit to the lab file; the snapshots are
/// about layout and words, so it is masked.
fn mask_digest(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        let hex = rest[at + 7..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .count();
        out.push_str(&rest[..at]);
        out.push_str("sha256:[digest]");
        rest = &rest[at + 7 + hex..];
    }
    out.push_str(rest);
    out
}

/// Every table in `text` (the lines between a ┌ and its └) lines up: each
/// line is as wide as the table's top border, which fits in `columns`.
fn assert_tables_line_up(text: &str, columns: usize) {
    let mut width = None;
    let mut tables = 0;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('┌') {
            width = Some(line.width());
            tables += 1;
        }
        if let Some(w) = width {
            assert_eq!(
                line.width(),
                w,
                "line {} is {} columns, its table {w}:\n{line}",
                n + 1,
                line.width()
            );
            assert!(w <= columns, "a table {w} wide in {columns} columns");
        }
        if line.starts_with('└') {
            width = None;
        }
    }
    assert!(tables > 0, "no table in:\n{text}");
}

fn verify(lang: &str, columns: u16) -> String {
    let (code, out) = run(
        root(),
        &["verify", "serverless", "--sim", "no-cors"],
        lang,
        columns,
    );
    assert_eq!(code, 1, "{out}");
    assert_tables_line_up(&out, columns.into());
    mask_digest(&out)
}

#[test]
fn verify_table_en_80() {
    insta::assert_snapshot!(verify("en", 80));
}

#[test]
fn verify_table_en_120() {
    insta::assert_snapshot!(verify("en", 120));
}

#[test]
fn verify_table_ko_80() {
    let out = verify("ko", 80);
    assert!(out.contains("점수:"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn verify_table_ko_120() {
    insta::assert_snapshot!(verify("ko", 120));
}

/// A class of the simulator's snapshots (names in Hangul, to measure them)
/// and one student whose snapshot is missing.
fn class(scratch: &Scratch) {
    let mut roster = String::new();
    for (id, name, fixture) in [
        ("s01", "김민지", "complete"),
        ("s02", "이준", "wrong-partition-key"),
        ("s03", "Alex Park", "no-cors"),
    ] {
        let snapshot = root().join(format!("fixtures/serverless/{fixture}.toml"));
        roster.push_str(&format!(
            "[[student]]\nid = \"{id}\"\nname = \"{name}\"\nsnapshot = \"{}\"\n\n",
            snapshot.display()
        ));
    }
    roster.push_str("[[student]]\nid = \"s04\"\nname = \"최하늘\"\nsnapshot = \"missing.toml\"\n");
    scratch.write("class.toml", &roster);
}

fn gradebook(lang: &str) -> String {
    let scratch = Scratch::new(&format!("snap-grade-{lang}"));
    class(&scratch);
    let (code, out) = run(
        &scratch.dir,
        &["grade", "serverless", "--roster", "class.toml"],
        lang,
        100,
    );
    assert_eq!(code, 3, "{out}");
    assert_tables_line_up(&out, 100);
    mask_digest(&out)
}

#[test]
fn gradebook_table_en() {
    insta::assert_snapshot!(gradebook("en"));
}

#[test]
fn gradebook_table_ko() {
    let out = gradebook("ko");
    assert!(out.contains("학생 4명, 채점 3명"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn gradebook_html_ko() {
    let scratch = Scratch::new("snap-html-ko");
    class(&scratch);
    let (code, _) = run(
        &scratch.dir,
        &[
            "grade",
            "serverless",
            "--roster",
            "class.toml",
            "--html",
            "grades.html",
            "--lang",
            "ko",
        ],
        "en",
        100,
    );
    assert_eq!(code, 3);
    let page = std::fs::read_to_string(scratch.dir.join("grades.html")).expect("the page");
    assert!(page.contains("<html lang=\"ko\">"));
    insta::assert_snapshot!(mask_digest(&page));
}

#[test]
fn help() {
    let (code, out) = run(root(), &["--help"], "en", 80);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn verify_help() {
    let (code, out) = run(root(), &["verify", "--help"], "en", 80);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn show_ko_80() {
    let (code, out) = run(root(), &["show", "serverless"], "ko", 80);
    assert_eq!(code, 0);
    assert!(out.contains("파라미터"), "{out}");
    assert_tables_line_up(&out, 80);
    insta::assert_snapshot!(out);
}
