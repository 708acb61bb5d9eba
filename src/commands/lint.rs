//! `labcheck lint`: validates lab, fixture and quiz bank files and says
//! exactly what is wrong where. For a lab it also lists every text a learner
//! reads that has no Korean beside its English, since labcheck speaks both.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{CommandError, Io};
use crate::cli::LintArgs;
use crate::diag::Location;
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
            Err(messages) => {
                for message in messages {
                    writeln!(io.stderr, "error: {message}")?;
                }
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

/// What is wrong with a file: one message per problem.
fn lint_one(path: &Path, name: &str, text: &str) -> Result<String, Vec<String>> {
    match kind_of(path, text) {
        FileKind::Lab => {
            let lab = lab::parse(name, text, name).map_err(|e| vec![e.to_string()])?;
            let missing = missing_translations(name, text);
            if !missing.is_empty() {
                return Err(missing);
            }
            Ok(format!("lab `{}`, {} checks", lab.id, lab.checks().count()))
        }
        FileKind::Fixture { lab } => {
            let one = |e: String| vec![e];
            let default_region = match &lab {
                Some(id) => lab::load(id)
                    .map(|l| l.region)
                    .map_err(|e| one(e.to_string()))?,
                None => String::new(),
            };
            let lab_id = lab.as_deref().unwrap_or_default();
            let account =
                sim::parse(name, text, lab_id, &default_region).map_err(|e| one(e.to_string()))?;
            if let (Some(id), Some(expect)) = (
                &lab,
                account.fixture.as_ref().and_then(|f| f.expect.as_ref()),
            ) {
                let lab = lab::load(id).map_err(|e| one(e.to_string()))?;
                crate::sim::check_expectations(name, text, &lab, expect).map_err(one)?;
            }
            Ok(format!(
                "fixture{}",
                lab.map(|l| format!(" for lab `{l}`")).unwrap_or_default()
            ))
        }
        FileKind::Bank => crate::quiz::lint_bank(name, text)
            .map(|_| crate::quiz::bank::lint_summary(name, text))
            .map_err(|e| vec![e.to_string()]),
    }
}

/// The texts of a lab a learner reads, each of which must be bilingual:
/// the lab's title and description, each parameter's description, each
/// step's title and instructions, each check's title and hint.
const LAB_TEXTS: &[&str] = &["title", "description"];
const PARAM_TEXTS: &[&str] = &["description"];
const STEP_TEXTS: &[&str] = &["title", "instructions"];
const CHECK_TEXTS: &[&str] = &["title", "hint"];

/// Every learner-facing text in a lab (already known to parse) that lacks
/// its Korean, as `file:line:column: where: what is missing; what to do`, in
/// file order. A text that is absent is not reported: only one written in
/// English alone.
fn missing_translations(name: &str, text: &str) -> Vec<String> {
    let Ok(root) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut look = |table: &DeTable<'_>, keys: &[&str], place: &str| {
        for (key, value) in table {
            let key = key.get_ref().as_ref();
            if keys.contains(&key)
                && let Some(problem) = untranslated(place, key, value)
            {
                found.push(problem);
            }
        }
    };
    let root = root.get_ref();
    look(root, LAB_TEXTS, "the lab");
    if let Some(DeValue::Table(params)) = get(root, "params") {
        for (param, value) in params {
            if let DeValue::Table(param_table) = value.get_ref() {
                look(
                    param_table,
                    PARAM_TEXTS,
                    &format!("parameter `{}`", param.get_ref()),
                );
            }
        }
    }
    for step in tables(root, "step") {
        let step_id = id_of(step);
        look(step, STEP_TEXTS, &format!("step `{step_id}`"));
        for check in tables(step, "check") {
            look(
                check,
                CHECK_TEXTS,
                &format!("step `{step_id}`, check `{}`", id_of(check)),
            );
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
        .into_iter()
        .map(|(at, problem)| format!("{}: {problem}", Location::at(name, text, at)))
        .collect()
}

/// Where `key` (in `place`) has no Korean, its byte offset and what to do.
fn untranslated(place: &str, key: &str, value: &Spanned<DeValue<'_>>) -> Option<(usize, String)> {
    match value.get_ref() {
        DeValue::String(s) if !s.trim().is_empty() => Some((
            value.span().start,
            format!(
                "{place}: `{key}` is English only (a plain string); write it as \
                 {key} = {{ en = \"...\", ko = \"...\" }} with the Korean beside the English"
            ),
        )),
        DeValue::Table(t) => {
            let en = t.iter().find(|(k, _)| k.get_ref() == "en")?;
            let blank = |v: &Spanned<DeValue<'_>>| matches!(v.get_ref(), DeValue::String(s) if s.trim().is_empty());
            if blank(en.1) {
                return None;
            }
            match t.iter().find(|(k, _)| k.get_ref() == "ko") {
                Some((_, ko)) if !blank(ko) => None,
                Some((_, ko)) => Some((
                    ko.span().start,
                    format!("{place}: `{key}` has an empty Korean (`ko`); translate the `en` text"),
                )),
                None => Some((
                    en.0.span().start,
                    format!(
                        "{place}: `{key}` has English (`en`) but no Korean; add `ko` beside it"
                    ),
                )),
            }
        }
        _ => None,
    }
}

fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeValue<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(_, v)| v.get_ref())
}

/// The tables of an array of tables (`[[step]]`, `[[step.check]]`).
fn tables<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Vec<&'a DeTable<'i>> {
    match get(table, key) {
        Some(DeValue::Array(items)) => items
            .iter()
            .filter_map(|v| match v.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn id_of(table: &DeTable<'_>) -> String {
    match get(table, "id") {
        Some(DeValue::String(id)) => id.to_string(),
        _ => "?".into(),
    }
}
