//! `labcheck lint`: validates lab, fixture and quiz bank files and says
//! exactly what is wrong where.

use std::path::Path;

use super::{CommandError, Io};
use crate::cli::LintArgs;
use crate::exit;
use crate::lab;
use crate::sim;

/// What kind of file a path holds, judged by its top-level tables.
enum FileKind {
    Lab,
    Fixture { lab: Option<String> },
    Bank,
}

fn kind_of(path: &Path, text: &str) -> FileKind {
    let top: Option<toml::Table> = toml::from_str(text).ok();
    let has = |key: &str| top.as_ref().is_some_and(|t| t.contains_key(key));
    if has("step") {
        FileKind::Lab
    } else if has("question") || has("bank") {
        FileKind::Bank
    } else {
        // A fixture lives in fixtures/<lab>/; the folder names its lab.
        let lab = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| lab::builtin_ids().contains(&n.as_str()));
        FileKind::Fixture { lab }
    }
}

pub fn run(args: &LintArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let mut failed = 0;
    for path in &args.files {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                writeln!(io.stderr, "error: could not read {name}: {e}")?;
                failed += 1;
                continue;
            }
        };
        match lint_one(path, &name, &text) {
            Ok(summary) => writeln!(io.stdout, "ok: {name}: {summary}")?,
            Err(message) => {
                writeln!(io.stderr, "error: {message}")?;
                failed += 1;
            }
        }
    }
    if failed > 0 {
        writeln!(
            io.stderr,
            "{failed} of {} files have problems",
            args.files.len()
        )?;
        Ok(exit::USAGE)
    } else {
        Ok(exit::OK)
    }
}

fn lint_one(path: &Path, name: &str, text: &str) -> Result<String, String> {
    match kind_of(path, text) {
        FileKind::Lab => {
            let lab = lab::parse(name, text, name).map_err(|e| e.to_string())?;
            Ok(format!("lab `{}`, {} checks", lab.id, lab.checks().count()))
        }
        FileKind::Fixture { lab } => {
            let default_region = match &lab {
                Some(id) => lab::load(id).map(|l| l.region).map_err(|e| e.to_string())?,
                None => String::new(),
            };
            let lab_id = lab.as_deref().unwrap_or_default();
            let account =
                sim::parse(name, text, lab_id, &default_region).map_err(|e| e.to_string())?;
            if let (Some(id), Some(expect)) = (
                &lab,
                account.fixture.as_ref().and_then(|f| f.expect.as_ref()),
            ) {
                let lab = lab::load(id).map_err(|e| e.to_string())?;
                crate::sim::check_expectations(name, text, &lab, expect)?;
            }
            Ok(format!(
                "fixture{}",
                lab.map(|l| format!(" for lab `{l}`")).unwrap_or_default()
            ))
        }
        FileKind::Bank => crate::quiz::lint_bank(name, text)
            .map(|_| crate::quiz::bank::lint_summary(name, text))
            .map_err(|e| e.to_string()),
    }
}
