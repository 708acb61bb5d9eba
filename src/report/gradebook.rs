//! The gradebook's forms for people and LMSs: the terminal table (a row per
//! student, a column per step, then each check's pass rate worst first),
//! CSV, and the Markdown report each student gets back.

use comfy_table::{Cell, Color};

use super::Feedback;
use super::table::new_table;
use crate::checks::Status;
use crate::grade::{Gradebook, StudentResult};

fn percent(earned: u32, possible: u32, decimals: u32) -> String {
    super::percent(u64::from(earned), u64::from(possible), decimals).unwrap_or_else(|| "0".into())
}

/// The class in the terminal.
pub fn gradebook_table(book: &Gradebook, color: bool, width: Option<u16>) -> String {
    let mut table = new_table(color, width);
    // Steps by number, so the names have the room; the legend says which.
    let mut header = vec!["Student".to_string()];
    header.extend(
        book.steps
            .iter()
            .enumerate()
            .map(|(i, (_, _, max))| format!("{}\n/{max}", i + 1)),
    );
    header.extend(["Total".to_string(), "%".to_string()]);
    table.set_header(header);
    for student in &book.students {
        let mut row = vec![Cell::new(format!("{}  {}", student.id, student.name))];
        match (&student.score, student.graded()) {
            (Some(score), true) => {
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
            }
            _ => {
                // The reason goes under the table, where it has the width.
                for _ in 0..book.steps.len() {
                    row.push(Cell::new("-"));
                }
                let cell = Cell::new("ERROR");
                row.push(if color { cell.fg(Color::Magenta) } else { cell });
                row.push(Cell::new(""));
            }
        }
        table.add_row(row);
    }
    let graded = book.students.iter().filter(|s| s.graded()).count();
    let errors: String = book
        .students
        .iter()
        .filter(|s| !s.graded())
        .map(|s| {
            format!(
                "  {}: {}\n",
                s.id,
                s.error.as_deref().unwrap_or("not graded")
            )
        })
        .collect();
    let errors = if errors.is_empty() {
        String::new()
    } else {
        format!("not graded:\n{errors}")
    };
    let mut rates = new_table(color, width);
    rates.set_header(vec!["Check (worst first)", "Passed", "Rate"]);
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
    format!(
        "{} — {} ({} students, {} graded)\n{table}\nsteps: {}\n{errors}\nWhat the class got wrong most:\n{rates}\nlab {} {} ({})\n",
        book.lab,
        book.lab_title,
        book.students.len(),
        graded,
        legend.join(", "),
        book.lab,
        book.lab_version,
        book.lab_digest,
    )
}

/// One row per student: id, name, each step's points, total, percent,
/// status (graded or error) — the columns an LMS grade import maps.
pub fn gradebook_csv(book: &Gradebook) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id".to_string(), "name".to_string()];
    header.extend(book.steps.iter().map(|(id, _, _)| id.clone()));
    header.extend([
        "total".into(),
        "possible".into(),
        "percent".into(),
        "status".into(),
    ]);
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
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The report a student gets back: each step, each check, and as much of
/// what was found and where to look as `level` reveals (the same rule as
/// `verify --feedback`).
pub fn student_markdown(book: &Gradebook, student: &StudentResult, level: Feedback) -> String {
    let mut out = format!(
        "# {} — {}\n\n{} ({})\n\n",
        book.lab_title, student.name, book.lab, student.id
    );
    match &student.score {
        Some(score) if student.graded() => out.push_str(&format!(
            "**Score: {}/{} points, {} of {} checks passed.**\n\n",
            score.earned, score.possible, score.passed, score.total
        )),
        _ => {
            out.push_str(&format!(
                "Your account could not be graded: {}\n",
                student.error.as_deref().unwrap_or("unknown reason")
            ));
            return out;
        }
    }
    for step in &student.steps {
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
            let (show_message, show_hint) = super::reveals(level, check.status);
            if let Some(message) = check.message.as_ref().filter(|_| show_message)
                && check.status != Status::Pass
            {
                out.push_str(&format!(": {message}"));
            }
            out.push('\n');
            if let Some(hint) = check.hint.as_ref().filter(|_| show_hint) {
                let hint = hint.split_whitespace().collect::<Vec<_>>().join(" ");
                out.push_str(&format!("  - Hint: {hint}\n"));
            }
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "_lab {} {} ({})_\n",
        book.lab, book.lab_version, book.lab_digest
    ));
    out
}

/// Students who could not be graded, one line per cause: a thousand
/// students behind one unreachable endpoint are one line, not a thousand.
pub fn error_groups(book: &Gradebook) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for student in book.students.iter().filter(|s| !s.graded()) {
        let cause = student.error.as_deref().unwrap_or("no reason given");
        match groups.iter_mut().find(|(c, _)| *c == cause) {
            Some((_, ids)) => ids.push(&student.id),
            None => groups.push((cause, vec![&student.id])),
        }
    }
    groups.sort_by_key(|(_, ids)| std::cmp::Reverse(ids.len()));
    let mut out = String::new();
    for (cause, ids) in groups {
        let shown: Vec<&str> = ids.iter().take(5).copied().collect();
        let more = if ids.len() > shown.len() {
            format!(" and {} more", thousands(ids.len() - shown.len()))
        } else {
            String::new()
        };
        let who = if ids.len() == 1 {
            "student"
        } else {
            "students"
        };
        out.push_str(&format!(
            "could not grade {} {who} ({}{more}): {cause}\n",
            thousands(ids.len()),
            shown.join(", "),
        ));
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
            let mut seq = s.serialize_seq(Some(self.0.book.students.len()))?;
            for student in &self.0.book.students {
                match (self.0.whole)(&student.id) {
                    Some(whole) => seq.serialize_element(&whole)?,
                    None => seq.serialize_element(student)?,
                }
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
