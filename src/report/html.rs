//! The gradebook as one self-contained HTML page (`labcheck grade --html`):
//! a heatmap of the class by check, each student's points, the pass rate of
//! every check worst first, and each student's failures with their hints.
//!
//! The page is opened from an instructor's disk and often mailed around, so
//! it carries everything inline and fetches nothing: no scripts, no fonts, no
//! images, and a Content-Security-Policy that forbids loading anything but
//! its own inline style. Every string from the gradebook is escaped, because
//! messages quote names a student chose (a table called `<script>` is a
//! valid thing to find in an account).

use std::fmt::Write as _;

use crate::checks::Status;
use crate::grade::{Gradebook, StudentResult};

/// The page for a whole class; `whole` gives a student's whole result
/// (from the journal: the gradebook keeps statuses and points only).
pub fn gradebook_html(book: &Gradebook, whole: &dyn Fn(&str) -> Option<StudentResult>) -> String {
    let columns = columns(book);
    let mut out = String::with_capacity(16 * 1024);
    head(&mut out, book);
    out.push_str("<body>\n");
    title(&mut out, book);
    heatmap(&mut out, book, &columns);
    pass_rates(&mut out, book);
    failures(&mut out, book, whole);
    out.push_str("</body>\n</html>\n");
    out
}

/// One group of heatmap columns: a step and the checks under it.
struct Group {
    title: String,
    checks: Vec<(String, String)>,
}

/// The heatmap's columns, grouped by step in lab order. The gradebook names
/// its steps but not their checks, so the checks come from what the graded
/// students report (the first student to report a check places it); any
/// check the summary knows that no student reported (a class where nobody
/// could be graded) still gets a column, in a last group, so the table
/// always shows the whole lab.
fn columns(book: &Gradebook) -> Vec<Group> {
    let mut groups: Vec<(String, Group)> = book
        .steps
        .iter()
        .map(|(id, title, _)| {
            (
                id.clone(),
                Group {
                    title: title.clone(),
                    checks: Vec::new(),
                },
            )
        })
        .collect();
    let placed = |groups: &[(String, Group)], check: &str| {
        groups
            .iter()
            .any(|(_, g)| g.checks.iter().any(|(id, _)| id == check))
    };
    for student in book.students.iter().filter(|s| s.graded()) {
        for step in &student.steps {
            let at = match groups.iter().position(|(id, _)| *id == step.id) {
                Some(at) => at,
                None => {
                    // A journal from another version of the lab may name a
                    // step this one does not have; show it rather than drop it.
                    groups.push((
                        step.id.clone(),
                        Group {
                            title: step.title.clone(),
                            checks: Vec::new(),
                        },
                    ));
                    groups.len() - 1
                }
            };
            for check in &step.checks {
                if !placed(&groups, &check.id) {
                    // Results in memory are slim; the summary has the titles.
                    let title = book
                        .summary
                        .checks
                        .iter()
                        .find(|c| c.id == check.id)
                        .map_or_else(|| check.title.clone(), |c| c.title.clone());
                    groups[at].1.checks.push((check.id.clone(), title));
                }
            }
        }
    }
    let unplaced: Vec<(String, String)> = book
        .summary
        .checks
        .iter()
        .filter(|c| !placed(&groups, &c.id))
        .map(|c| (c.id.clone(), c.title.clone()))
        .collect();
    if !unplaced.is_empty() {
        groups.push((
            String::new(),
            Group {
                title: "Checks".into(),
                checks: unplaced,
            },
        ));
    }
    groups
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| !g.checks.is_empty())
        .collect()
}

const STYLE: &str = "
:root { --pass: #2e7d32; --fail: #c62828; --pending: #f9a825; --error: #6a1b9a;
  --skipped: #9e9e9e; --ink: #1f2328; --muted: #59636e; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: var(--ink); margin: 1.5rem; max-width: 100%; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.legend { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .3rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border-radius: 3px; }
.scroll { overflow-x: auto; }
table.heatmap { border-collapse: collapse; }
.heatmap th, .heatmap td { border: 1px solid #fff; padding: 2px 4px; }
.heatmap thead th { background: #f6f8fa; font-weight: 600; vertical-align: bottom; }
.heatmap th.step { text-align: center; border-bottom: 2px solid var(--line); }
.heatmap th.check { writing-mode: vertical-rl; transform: rotate(180deg);
  white-space: nowrap; font-weight: 500; font-size: 12px; max-height: 14rem; }
.heatmap th.name { text-align: left; white-space: nowrap; font-weight: 500; background: #f6f8fa; }
.heatmap td.num { text-align: right; white-space: nowrap; background: #f6f8fa; }
.cell { min-width: 2.6rem; text-align: center; font-size: 11px; color: #fff; }
.pass { background: var(--pass); color: #fff; }
.fail { background: var(--fail); color: #fff; }
.pending { background: var(--pending); color: #1f2328; }
.error { background: var(--error); color: #fff; }
.skipped { background: var(--skipped); color: #1f2328; }
.cell.missing { background: #fff; color: var(--muted); border: 1px dashed var(--line); }
td.student-error { background: #f3e5f5; color: var(--error); font-weight: 500; }
.rates { max-width: 60rem; }
.rate { display: grid; grid-template-columns: minmax(12rem, 22rem) 1fr 9rem; gap: .75rem;
  align-items: center; margin: .2rem 0; }
.bar { background: #ffebee; border-radius: 3px; height: 1rem; overflow: hidden; }
.bar.none { background: #eee; }
.fill { background: var(--pass); height: 100%; }
.rate .figure { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: 12px; }
ul.failures { margin: .25rem 0; padding-left: 1.25rem; }
ul.failures li { margin: .35rem 0; }
.message { margin: .1rem 0 0; }
.hint { margin: .1rem 0 0; color: var(--muted); }
.ok { color: var(--pass); }
@media print { .scroll { overflow: visible; } body { margin: 0; } }
";

fn head(out: &mut String, book: &Gradebook) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Nothing but the inline style may load: the page stays whole offline and
    // a message that somehow slipped past escaping still cannot fetch.
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>Gradebook: {} {}</title>",
        esc(&book.lab),
        esc(&book.lab_version)
    );
    out.push_str("<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n");
}

fn title(out: &mut String, book: &Gradebook) {
    let graded = book.students.iter().filter(|s| s.graded()).count();
    let _ = writeln!(out, "<h1>Gradebook: {}</h1>", esc(&book.lab_title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">Lab <code>{}</code> version <code>{}</code>, digest <code>{}</code>. \
         {} students, {} graded, {} could not be graded.</p>",
        esc(&book.lab),
        esc(&book.lab_version),
        esc(&book.lab_digest),
        book.students.len(),
        graded,
        book.students.len() - graded,
    );
}

const STATUSES: [Status; 5] = [
    Status::Pass,
    Status::Fail,
    Status::Pending,
    Status::Error,
    Status::Skipped,
];

fn heatmap(out: &mut String, book: &Gradebook, columns: &[Group]) {
    let width: usize = columns.iter().map(|g| g.checks.len()).sum();
    out.push_str("<h2>Class by check</h2>\n<ul class=\"legend\" aria-label=\"Legend\">\n");
    for status in STATUSES {
        let _ = writeln!(
            out,
            "<li><span class=\"swatch {s}\" title=\"{s}\"></span>{s}</li>",
            s = status.as_str()
        );
    }
    out.push_str("</ul>\n<div class=\"scroll\">\n<table class=\"heatmap\">\n<thead>\n<tr>");
    out.push_str("<th rowspan=\"2\" scope=\"col\">Student</th>");
    for group in columns {
        let _ = write!(
            out,
            "<th class=\"step\" scope=\"colgroup\" colspan=\"{}\">{}</th>",
            group.checks.len(),
            esc(&group.title)
        );
    }
    out.push_str(
        "<th rowspan=\"2\" scope=\"col\">Points</th><th rowspan=\"2\" scope=\"col\">Percent</th></tr>\n<tr>",
    );
    for (id, check_title) in columns.iter().flat_map(|g| &g.checks) {
        let _ = write!(
            out,
            "<th class=\"check\" scope=\"col\" data-check=\"{id}\" title=\"{t}\">{id}</th>",
            id = esc(id),
            t = esc(check_title)
        );
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for (i, student) in book.students.iter().enumerate() {
        student_row(out, i, student, columns, width);
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn student_row(
    out: &mut String,
    i: usize,
    student: &StudentResult,
    columns: &[Group],
    width: usize,
) {
    let _ = write!(
        out,
        "<tr class=\"student\" data-id=\"{}\" data-status=\"{}\"><th class=\"name\" scope=\"row\">\
         <a href=\"#student-{i}\">{}</a> <code>{}</code></th>",
        esc(&student.id),
        if student.graded() { "graded" } else { "error" },
        esc(&student.name),
        esc(&student.id),
    );
    if !student.graded() {
        let _ = writeln!(
            out,
            "<td class=\"student-error\" colspan=\"{}\">could not be graded: {}</td>\
             <td class=\"num\">&ndash;</td><td class=\"num\">&ndash;</td></tr>",
            width.max(1),
            esc(student.error.as_deref().unwrap_or("no reason given")),
        );
        return;
    }
    for (id, check_title) in columns.iter().flat_map(|g| &g.checks) {
        let found = student
            .steps
            .iter()
            .flat_map(|s| &s.checks)
            .find(|c| c.id == *id);
        match found {
            Some(check) => {
                let status = check.status.as_str();
                let _ = write!(
                    out,
                    "<td class=\"cell {status}\" data-check=\"{id}\" title=\"{t}: {status} ({p}/{m})\">{status}</td>",
                    id = esc(id),
                    t = esc(check_title),
                    p = check.points,
                    m = check.max_points,
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<td class=\"cell missing\" data-check=\"{id}\" title=\"{t}: not reported\">&ndash;</td>",
                    id = esc(id),
                    t = esc(check_title),
                );
            }
        }
    }
    match student.score {
        Some(score) => {
            let _ = writeln!(
                out,
                "<td class=\"num\">{} / {}</td><td class=\"num\">{}</td></tr>",
                score.earned,
                score.possible,
                percent(u64::from(score.earned), u64::from(score.possible)),
            );
        }
        None => out.push_str("<td class=\"num\">&ndash;</td><td class=\"num\">&ndash;</td></tr>\n"),
    }
}

fn pass_rates(out: &mut String, book: &Gradebook) {
    out.push_str(
        "<h2>Pass rate by check, worst first</h2>\n<p class=\"meta\">The checks at the top are what to teach again.</p>\n<div class=\"rates\">\n",
    );
    for check in &book.summary.checks {
        let (bar, figure) = if check.total == 0 {
            (
                "<div class=\"bar none\"></div>".to_string(),
                "no graded students".to_string(),
            )
        } else {
            let pct = percent(check.passed as u64, check.total as u64);
            (
                format!(
                    "<div class=\"bar\"><div class=\"fill\" style=\"width: {pct}\"></div></div>"
                ),
                format!("{} / {} ({pct})", check.passed, check.total),
            )
        };
        let _ = writeln!(
            out,
            "<div class=\"rate\" data-check=\"{id}\"><div><code>{id}</code> {t}</div>{bar}<div class=\"figure\">{figure}</div></div>",
            id = esc(&check.id),
            t = esc(&check.title),
        );
    }
    out.push_str("</div>\n");
}

fn failures(out: &mut String, book: &Gradebook, whole: &dyn Fn(&str) -> Option<StudentResult>) {
    out.push_str("<h2>What each student has left to do</h2>\n");
    for (i, slim) in book.students.iter().enumerate() {
        let student = &whole(&slim.id).unwrap_or_else(|| slim.clone());
        let _ = writeln!(
            out,
            "<section class=\"feedback\" id=\"student-{i}\" data-id=\"{}\">\n<h3>{} <code>{}</code></h3>",
            esc(&student.id),
            esc(&student.name),
            esc(&student.id),
        );
        if !student.graded() {
            let _ = writeln!(
                out,
                "<p class=\"student-error\">Could not be graded: {}</p>",
                esc(student.error.as_deref().unwrap_or("no reason given"))
            );
        } else {
            let left: Vec<_> = student
                .steps
                .iter()
                .flat_map(|s| &s.checks)
                .filter(|c| c.status != Status::Pass)
                .collect();
            if left.is_empty() {
                out.push_str("<p class=\"ok\">Every check passed.</p>\n");
            } else {
                out.push_str("<ul class=\"failures\">\n");
                for check in left {
                    let status = check.status.as_str();
                    let _ = write!(
                        out,
                        "<li class=\"failure\" data-check=\"{}\"><span class=\"badge {status}\">{status}</span> \
                         <strong>{}</strong> <code>{}</code>",
                        esc(&check.id),
                        esc(&check.title),
                        esc(&check.id),
                    );
                    if let Some(message) = check.message.as_deref().filter(|m| !m.is_empty()) {
                        let _ = write!(out, "<p class=\"message\">{}</p>", esc(message));
                    }
                    if let Some(hint) = check.hint.as_deref().filter(|h| !h.is_empty()) {
                        let _ = write!(out, "<p class=\"hint\">Hint: {}</p>", esc(hint));
                    }
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
        }
        out.push_str("</section>\n");
    }
}

/// `n` of `of` as a whole percent, rounded half up; a dash when there is
/// nothing to divide by.
fn percent(n: u64, of: u64) -> String {
    super::percent(n, of, 0).map_or_else(|| "&ndash;".into(), |p| format!("{p}%"))
}

/// Escapes text for both element content and quoted attribute values.
fn esc(text: &str) -> String {
    super::escape_markup(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Score;
    use crate::grade::gradebook;
    use crate::lab::Lab;
    use crate::report::{CheckReport, StepReport};

    fn lab() -> Lab {
        crate::lab::load("serverless").expect("the built-in lab loads")
    }

    /// A graded student whose every check has `status`, except those named
    /// in `except`, which get their own status and message.
    fn graded(lab: &Lab, id: &str, name: &str, except: &[(&str, Status, &str)]) -> StudentResult {
        let mut earned = 0;
        let mut possible = 0;
        let mut passed = 0;
        let mut total = 0;
        let steps = lab
            .steps
            .iter()
            .map(|step| StepReport {
                id: step.id.clone(),
                title: step.title.en.clone(),
                status: Status::Pass,
                checks: step
                    .checks
                    .iter()
                    .map(|c| {
                        let (status, message) = except
                            .iter()
                            .find(|(id, _, _)| *id == c.id)
                            .map_or((Status::Pass, "as expected"), |(_, s, m)| (*s, *m));
                        let points = if status == Status::Pass { c.points } else { 0 };
                        earned += points;
                        possible += c.points;
                        total += 1;
                        passed += usize::from(status == Status::Pass);
                        CheckReport {
                            id: c.id.clone(),
                            title: c.title.en.clone(),
                            status,
                            points,
                            max_points: c.points,
                            message: Some(message.to_string()),
                            code: None,
                            args: None,
                            hint: (status != Status::Pass)
                                .then(|| format!("see the workshop for {}", c.id)),
                        }
                    })
                    .collect(),
            })
            .collect();
        StudentResult {
            id: id.into(),
            name: name.into(),
            status: "graded".into(),
            error: None,
            account: Some("111111111111".into()),
            score: Some(Score {
                earned,
                possible,
                passed,
                total,
            }),
            steps,
        }
    }

    fn ungraded(id: &str, name: &str, error: &str) -> StudentResult {
        StudentResult {
            id: id.into(),
            name: name.into(),
            status: "error".into(),
            error: Some(error.into()),
            account: None,
            score: None,
            steps: Vec::new(),
        }
    }

    fn class() -> (Lab, Gradebook) {
        let lab = lab();
        let students = vec![
            graded(&lab, "s01", "Kim Minji", &[]),
            graded(
                &lab,
                "s02",
                "O'Brien & Sons",
                &[
                    (
                        "partition-key",
                        Status::Fail,
                        "partition key is `<script>alert(1)</script>` (see https://evil.example/x), expected `name`",
                    ),
                    ("table-active", Status::Pending, "the table is CREATING"),
                ],
            ),
            ungraded(
                "s03",
                "Lee <b>Jun</b>",
                "the role does not exist (has the student deployed the template?)",
            ),
        ];
        let book = gradebook(&lab, students, crate::lang::Lang::En);
        (lab, book)
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn one_row_per_student() {
        let (_, book) = class();
        let page = gradebook_html(&book, &|_| None);
        assert_eq!(count(&page, "<tr class=\"student\""), 3);
        for id in ["s01", "s02", "s03"] {
            assert_eq!(
                count(&page, &format!("<tr class=\"student\" data-id=\"{id}\"")),
                1
            );
        }
    }

    #[test]
    fn one_cell_per_check_per_graded_student() {
        let (lab, book) = class();
        let page = gradebook_html(&book, &|_| None);
        let checks = lab.checks().count();
        assert!(checks > 0);
        assert_eq!(count(&page, "<td class=\"cell "), 2 * checks);
        for check in lab.checks() {
            // Each cell's own attributes only: up to the `>` that closes it.
            let cells = page
                .split("<td class=\"cell ")
                .skip(1)
                .filter(|rest| {
                    let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
                    tag.contains(&format!("data-check=\"{}\"", check.id))
                })
                .count();
            assert_eq!(cells, 2, "cells for {}", check.id);
        }
        assert_eq!(
            count(
                &page,
                "<td class=\"cell fail\" data-check=\"partition-key\""
            ),
            1
        );
        assert_eq!(
            count(
                &page,
                "<td class=\"cell pending\" data-check=\"table-active\""
            ),
            1
        );
        assert_eq!(count(&page, "<td class=\"cell missing\""), 0);
    }

    #[test]
    fn every_check_is_grouped_under_its_step() {
        let (lab, book) = class();
        let page = gradebook_html(&book, &|_| None);
        for step in &lab.steps {
            let header = format!(
                "<th class=\"step\" scope=\"colgroup\" colspan=\"{}\">{}</th>",
                step.checks.len(),
                esc(&step.title.en)
            );
            assert_eq!(count(&page, &header), 1, "{header}");
        }
    }

    #[test]
    fn text_from_the_data_is_escaped() {
        let (_, book) = class();
        let page = gradebook_html(&book, &|_| None);
        assert!(!page.contains("<script"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("O&#39;Brien &amp; Sons"));
        assert!(page.contains("Lee &lt;b&gt;Jun&lt;/b&gt;"));
        assert!(!page.contains("<b>Jun"));
        assert_eq!(esc("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
    }

    #[test]
    fn an_ungraded_student_is_one_row_with_the_error_spanning_the_checks() {
        let (lab, book) = class();
        let page = gradebook_html(&book, &|_| None);
        let start = page
            .find("<tr class=\"student\" data-id=\"s03\"")
            .expect("the row of s03");
        let row = &page[start..start + page[start..].find("</tr>").expect("the row ends")];
        assert!(row.contains("data-status=\"error\""));
        assert!(row.contains(&format!(
            "<td class=\"student-error\" colspan=\"{}\">could not be graded: the role does not exist",
            lab.checks().count()
        )));
        assert!(!row.contains("class=\"cell"));
        assert!(page.contains("<p class=\"student-error\">Could not be graded:"));
    }

    #[test]
    fn nothing_is_fetched_from_outside() {
        let (_, book) = class();
        let page = gradebook_html(&book, &|_| None);
        assert!(!page.contains("src="));
        assert!(!page.contains("url("));
        assert!(!page.contains("@import"));
        assert!(!page.contains("<script"));
        assert!(!page.contains("<link"));
        // Links only to anchors in the page itself.
        for (at, _) in page.match_indices("href=") {
            assert!(page[at..].starts_with("href=\"#"), "{}", &page[at..at + 40]);
        }
        // A URL may appear only as text: never directly inside a tag.
        for scheme in ["http://", "https://"] {
            for (at, _) in page.match_indices(scheme) {
                let before = &page[..at];
                let open = before.rfind('<').unwrap_or(0);
                let close = before.rfind('>').unwrap_or(0);
                assert!(close > open, "{scheme} inside a tag at {at}");
            }
        }
        assert!(page.contains("https://evil.example/x"));
    }

    #[test]
    fn points_percent_and_pass_rates() {
        let (_, book) = class();
        let page = gradebook_html(&book, &|_| None);
        let s01 = book.students[0].score.expect("s01 is graded");
        assert!(page.contains(&format!(
            "<td class=\"num\">{0} / {0}</td><td class=\"num\">100%</td>",
            s01.possible
        )));
        // The worst check comes first, drawn at its rate.
        let worst = &book.summary.checks[0];
        assert_eq!(worst.passed * 2, worst.total);
        let first = page.find("<div class=\"rate\"").expect("a pass-rate bar");
        assert!(
            page[first..].starts_with(&format!("<div class=\"rate\" data-check=\"{}\"", worst.id))
        );
        assert!(page.contains("style=\"width: 50%\""));
        assert_eq!(
            count(&page, "<div class=\"rate\""),
            book.summary.checks.len()
        );
    }

    #[test]
    fn failures_are_listed_with_message_and_hint() {
        let (_, book) = class();
        let page = gradebook_html(&book, &|_| None);
        assert_eq!(count(&page, "<li class=\"failure\""), 2);
        assert!(page.contains("<p class=\"hint\">Hint: see the workshop for partition-key</p>"));
        assert!(page.contains("<p class=\"message\">the table is CREATING</p>"));
        assert!(page.contains("<p class=\"ok\">Every check passed.</p>"));
    }

    #[test]
    fn a_class_nobody_could_grade_still_shows_every_check() {
        let lab = lab();
        let book = gradebook(
            &lab,
            vec![ungraded("s01", "A", "timed out after 120s")],
            crate::lang::Lang::En,
        );
        let page = gradebook_html(&book, &|_| None);
        assert_eq!(count(&page, "<th class=\"check\""), lab.checks().count());
        assert!(page.contains("no graded students"));
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(0, 0), "&ndash;");
    }
}
