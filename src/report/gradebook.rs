//! The gradebook's forms for people and LMSs: the terminal table (a row per
//! student, a column per step, then each check's pass rate worst first),
//! CSV, and the Markdown report each student gets back.

use comfy_table::{Cell, Color};
use fluent_bundle::FluentValue;

use super::Feedback;
use super::Gradebook;
use super::table::new_table;
use crate::checks::Status;
use crate::checks::record::StudentResult;
use crate::i18n::tr;
use crate::lang::Lang;

fn percent(earned: u32, possible: u32, decimals: u32) -> String {
    super::percent(u64::from(earned), u64::from(possible), decimals).unwrap_or_else(|| "0".into())
}

/// A Fluent argument from anything printable (ids, names, counts as text).
fn text(v: &dyn ToString) -> FluentValue<'static> {
    FluentValue::from(v.to_string())
}

/// A count as a Fluent number, so English can choose "student"/"students".
fn count(n: usize) -> FluentValue<'static> {
    FluentValue::from(n as f64)
}

/// The lab, version and digest line that closes every form.
fn lab_line(book: &Gradebook, lang: Lang) -> String {
    tr(
        lang,
        "report-lab",
        &[
            ("lab", text(&book.lab)),
            ("version", text(&book.lab_version)),
            ("digest", text(&book.lab_digest)),
        ],
    )
}

/// The class in the terminal.
pub fn gradebook_table(book: &Gradebook, lang: Lang, color: bool, width: Option<u16>) -> String {
    let mut table = new_table(color, width);
    // Steps by number, so the names have the room; the legend says which.
    let mut header = vec![tr(lang, "gradebook-col-student", &[])];
    header.extend(
        book.steps
            .iter()
            .enumerate()
            .map(|(i, (_, _, max))| format!("{}\n/{max}", i + 1)),
    );
    header.extend([
        tr(lang, "gradebook-col-total", &[]),
        tr(lang, "gradebook-col-percent", &[]),
    ]);
    table.set_header(header);
    for student in &book.students {
        let mut row = vec![Cell::new(format!("{}  {}", student.id, student.name))];
        if let (Some(score), true) = (&student.score, student.graded()) {
            for (id, _, max) in &book.steps {
                let points = student.step_points(id).unwrap_or(0);
                let cell = Cell::new(points.to_string());
                row.push(if color && points < *max {
                    cell.fg(Color::Red)
                } else {
                    cell
                });
            }
            row.push(Cell::new(format!("{}/{}", score.earned, score.possible)));
            row.push(Cell::new(percent(score.earned, score.possible, 0)));
        } else {
            // The reason goes under the table, where it has the width.
            for _ in 0..book.steps.len() {
                row.push(Cell::new("-"));
            }
            let cell = Cell::new(tr(lang, "gradebook-error", &[]));
            row.push(if color { cell.fg(Color::Magenta) } else { cell });
            row.push(Cell::new(""));
        }
        table.add_row(row);
    }
    let graded = book.students.iter().filter(|s| s.graded()).count();
    let no_reason = tr(lang, "gradebook-no-reason", &[]);
    let errors: String = book
        .students
        .iter()
        .filter(|s| !s.graded())
        .map(|s| {
            let why = super::class::reason(s, lang).unwrap_or_else(|| no_reason.clone());
            format!("  {}: {why}\n", s.id)
        })
        .collect();
    let errors = if errors.is_empty() {
        String::new()
    } else {
        format!("{}\n{errors}", tr(lang, "gradebook-not-graded", &[]))
    };
    let mut rates = new_table(color, width);
    rates.set_header(vec![
        tr(lang, "gradebook-col-worst-check", &[]),
        tr(lang, "gradebook-col-passed", &[]),
        tr(lang, "gradebook-col-rate", &[]),
    ]);
    for check in &book.summary.checks {
        let rate = super::percent(check.passed as u64, check.total as u64, 0)
            .map_or_else(|| "-".to_string(), |p| format!("{p}%"));
        rates.add_row(vec![
            format!("{} [{}]", check.title, check.id),
            format!("{}/{}", check.passed, check.total),
            rate,
        ]);
    }
    let legend: Vec<String> = book
        .steps
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| format!("{} {id}", i + 1))
        .collect();
    let title = tr(
        lang,
        "gradebook-title",
        &[
            ("lab", text(&book.lab)),
            ("title", text(&book.lab_title)),
            ("students", count(book.students.len())),
            ("graded", count(graded)),
        ],
    );
    let steps = tr(
        lang,
        "gradebook-steps",
        &[("legend", legend.join(", ").into())],
    );
    format!(
        "{title}\n{table}\n{steps}\n{errors}\n{}\n{rates}\n{}\n",
        tr(lang, "gradebook-worst", &[]),
        lab_line(book, lang),
    )
}

/// One row per student: id, name, each step's points, total, possible,
/// percent, status — the columns an LMS grade import maps.
///
/// The header's words follow `lang`; the columns do not: their order and
/// number are the same in every language, step columns are named by step
/// id, and cells hold only numbers and the status key (`graded`/`error`),
/// so a mapping made once (by position, or by step id) survives a colleague
/// who grades in the other language. docs/instructors.md says so.
pub fn gradebook_csv(book: &Gradebook, lang: Lang) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![tr(lang, "csv-id", &[]), tr(lang, "csv-name", &[])];
    header.extend(book.steps.iter().map(|(id, _, _)| id.clone()));
    header.extend(
        ["csv-total", "csv-possible", "csv-percent", "csv-status"].map(|id| tr(lang, id, &[])),
    );
    writer.write_record(&header)?;
    for student in &book.students {
        let mut row = vec![student.id.clone(), student.name.clone()];
        match &student.score {
            Some(score) if student.graded() => {
                row.extend(
                    book.steps
                        .iter()
                        .map(|(id, _, _)| student.step_points(id).unwrap_or(0).to_string()),
                );
                row.push(score.earned.to_string());
                row.push(score.possible.to_string());
                row.push(percent(score.earned, score.possible, 1));
            }
            _ => row.extend(std::iter::repeat_n(String::new(), book.steps.len() + 3)),
        }
        row.push(student.status.clone());
        writer.write_record(&row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The report a student gets back: each step, each check, and as much of
/// what was found and where to look as `level` reveals (the same rule as
/// `verify --feedback`).
pub fn student_markdown(
    book: &Gradebook,
    student: &StudentResult,
    level: Feedback,
    lang: Lang,
) -> String {
    let mut out = format!(
        "# {} — {}\n\n{} ({})\n\n",
        book.lab_title, student.name, book.lab, student.id
    );
    match &student.score {
        Some(score) if student.graded() => {
            let score = tr(
                lang,
                "feedback-score",
                &[
                    ("earned", text(&score.earned)),
                    ("possible", text(&score.possible)),
                    ("passed", text(&score.passed)),
                    ("total", text(&score.total)),
                ],
            );
            out.push_str(&format!("**{score}**\n\n"));
        }
        _ => {
            let reason = super::class::reason(student, lang)
                .unwrap_or_else(|| tr(lang, "gradebook-no-reason", &[]));
            let line = tr(lang, "feedback-not-graded", &[("reason", reason.into())]);
            out.push_str(&format!("{line}\n"));
            return out;
        }
    }
    for step in &book.texts.view(student, level).steps {
        out.push_str(&format!("## {}\n\n", step.title));
        for check in &step.checks {
            let mark = match check.status {
                Status::Pass => "✅",
                Status::Fail => "❌",
                Status::Pending => "⏳",
                Status::Error => "⚠️",
                Status::Skipped => "➖",
            };
            out.push_str(&format!("- {mark} {} (`{}`)", check.title, check.id));
            if let Some(message) = check.message.as_ref()
                && check.status != Status::Pass
            {
                out.push_str(&format!(": {message}"));
            }
            out.push('\n');
            if let Some(hint) = &check.hint {
                let hint = hint.split_whitespace().collect::<Vec<_>>().join(" ");
                let hint = tr(lang, "feedback-hint", &[("hint", hint.into())]);
                out.push_str(&format!("  - {hint}\n"));
            }
        }
        out.push('\n');
    }
    out.push_str(&format!("_{}_\n", lab_line(book, lang)));
    out
}

/// Students who could not be graded, one line per cause: a thousand
/// students behind one unreachable endpoint are one line, not a thousand.
pub fn error_groups(book: &Gradebook, lang: Lang) -> String {
    let no_reason = tr(lang, "gradebook-no-reason", &[]);
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for student in book.students.iter().filter(|s| !s.graded()) {
        let cause = super::class::reason(student, lang).unwrap_or_else(|| no_reason.clone());
        match groups.iter_mut().find(|(c, _)| *c == cause) {
            Some((_, ids)) => ids.push(&student.id),
            None => groups.push((cause, vec![&student.id])),
        }
    }
    groups.sort_by_key(|(_, ids)| std::cmp::Reverse(ids.len()));
    let mut out = String::new();
    for (cause, ids) in groups {
        let shown: Vec<&str> = ids.iter().take(5).copied().collect();
        let id = match (ids.len(), ids.len() > shown.len()) {
            (1, _) => "gradebook-could-not-grade-one",
            (_, false) => "gradebook-could-not-grade",
            (_, true) => "gradebook-could-not-grade-more",
        };
        let line = tr(
            lang,
            id,
            &[
                ("count", text(&thousands(ids.len()))),
                ("ids", text(&shown.join(", "))),
                ("more", text(&thousands(ids.len() - shown.len()))),
                ("cause", text(&cause)),
            ],
        );
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The gradebook as `grade --output json` prints it, written as it goes:
/// each student's whole result is fetched by `whole` (from the journal) one
/// at a time, so a large class is never held in memory twice.
pub fn gradebook_json(
    book: &Gradebook,
    whole: &dyn Fn(&str) -> Option<StudentResult>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use serde::ser::{SerializeSeq, SerializeStruct};

    struct Book<'a> {
        book: &'a Gradebook,
        whole: &'a dyn Fn(&str) -> Option<StudentResult>,
    }
    struct Students<'a>(&'a Book<'a>);

    impl serde::Serialize for Students<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let texts = &self.0.book.texts;
            let mut seq = s.serialize_seq(Some(self.0.book.students.len()))?;
            for student in &self.0.book.students {
                let whole = (self.0.whole)(&student.id);
                let view = texts.view(whole.as_ref().unwrap_or(student), Feedback::Full);
                seq.serialize_element(&view)?;
            }
            seq.end()
        }
    }

    impl serde::Serialize for Book<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let book = self.book;
            let mut m = s.serialize_struct("Gradebook", 7)?;
            m.serialize_field("lab", &book.lab)?;
            m.serialize_field("lab_title", &book.lab_title)?;
            m.serialize_field("lab_version", &book.lab_version)?;
            m.serialize_field("lab_digest", &book.lab_digest)?;
            m.serialize_field("steps", &book.steps)?;
            m.serialize_field("students", &Students(self))?;
            m.serialize_field("summary", &book.summary)?;
            m.end()
        }
    }

    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &Book { book, whole }).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)
}
