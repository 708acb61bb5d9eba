//! The gradebook as one self-contained HTML page (`labcheck grade --html`):
//! a heatmap of the class by check, each student's points, the pass rate of
//! every check worst first, and each student's failures with their hints.
//!
//! The page is opened from an instructor's disk and often mailed around, so
//! it carries everything inline and fetches nothing: no scripts, no fonts, no
//! images, and a Content-Security-Policy that forbids loading anything but
//! its own inline style. The page is an askama template
//! (templates/gradebook.html), which escapes every value it is given, because
//! messages quote names a student chose (a table called `<script>` is a
//! valid thing to find in an account).

use askama::Template;
use fluent_bundle::FluentValue;

use super::Gradebook;
use crate::checks::Status;
use crate::checks::record::StudentResult;
use crate::i18n::tr;
use crate::lang::Lang;

/// The page for a whole class in `lang`; `whole` gives a student's whole
/// result (from the journal: the gradebook keeps statuses and points only),
/// asked for one student at a time as the page is written.
pub fn gradebook_html(
    book: &Gradebook,
    whole: &dyn Fn(&str) -> Option<StudentResult>,
    lang: Lang,
) -> String {
    let groups = columns(book, lang);
    let graded = book.students.iter().filter(|s| s.graded()).count();
    let text = |v: &dyn ToString| FluentValue::from(v.to_string());
    let page = Page {
        lang,
        book,
        whole,
        width: groups.iter().map(|g| g.checks.len()).sum::<usize>().max(1),
        title: tr(
            lang,
            "html-title",
            &[
                ("lab", text(&book.lab)),
                ("version", text(&book.lab_version)),
            ],
        ),
        heading: tr(lang, "html-heading", &[("title", text(&book.lab_title))]),
        counts: tr(
            lang,
            "html-counts",
            &[
                ("students", FluentValue::from(book.students.len() as f64)),
                ("graded", text(&graded)),
                ("failed", text(&(book.students.len() - graded))),
            ],
        ),
        statuses: STATUSES,
        rates: rates(book, lang),
        groups,
    };
    // Rendering into a String fails only if a Display impl does; ours don't.
    page.render().unwrap_or_default()
}

/// What the template (templates/gradebook.html) is given; words come from
/// `locales/<lang>/report.ftl` through `t`, never from the template.
#[derive(Template)]
#[template(path = "gradebook.html")]
struct Page<'a> {
    lang: Lang,
    book: &'a Gradebook,
    whole: &'a dyn Fn(&str) -> Option<StudentResult>,
    groups: Vec<Group>,
    /// How many check columns an ungraded student's error spans.
    width: usize,
    title: String,
    heading: String,
    counts: String,
    statuses: [Status; 5],
    rates: Vec<Rate>,
}

/// A heatmap row: the error for a student who could not be graded, else a
/// cell per check, the points and the percent.
struct Row {
    error: Option<String>,
    cells: Vec<CellView>,
    points: String,
    percent: String,
}

struct CellView {
    /// The status (a CSS class), or `missing`.
    class: &'static str,
    id: String,
    title: String,
    text: String,
}

/// A check's pass-rate bar; no percent when nobody was graded on it.
struct Rate {
    id: String,
    title: String,
    percent: Option<String>,
    figure: String,
}

/// A student's section at the end: what is left to do, or why they could not
/// be graded.
struct Left {
    id: String,
    name: String,
    error: Option<String>,
    items: Vec<Item>,
}

struct Item {
    id: String,
    title: String,
    class: &'static str,
    status: String,
    message: Option<String>,
    hint: Option<String>,
}

impl Page<'_> {
    /// A fixed word or sentence of the page.
    fn t(&self, id: &str) -> String {
        tr(self.lang, id, &[])
    }

    #[allow(clippy::trivially_copy_pass_by_ref)] // askama calls it with a reference
    fn status(&self, status: &Status) -> String {
        tr(self.lang, &format!("html-status-{}", status.as_str()), &[])
    }

    fn reason(&self, student: &StudentResult, id: &str) -> String {
        let reason = super::class::reason(student, self.lang)
            .unwrap_or_else(|| self.t("gradebook-no-reason"));
        tr(self.lang, id, &[("reason", reason.into())])
    }

    fn row(&self, student: &StudentResult) -> Row {
        if !student.graded() {
            return Row {
                error: Some(self.reason(student, "html-row-error")),
                cells: Vec::new(),
                points: String::new(),
                percent: String::new(),
            };
        }
        let cells = self
            .groups
            .iter()
            .flat_map(|g| &g.checks)
            .map(|(id, check_title)| {
                let found = student
                    .steps
                    .iter()
                    .flat_map(|s| &s.checks)
                    .find(|c| c.id == *id);
                match found {
                    Some(check) => {
                        let word = self.status(&check.status);
                        CellView {
                            class: check.status.as_str(),
                            id: id.clone(),
                            title: tr(
                                self.lang,
                                "html-cell",
                                &[
                                    ("title", check_title.clone().into()),
                                    ("status", word.clone().into()),
                                    ("points", check.points.to_string().into()),
                                    ("max", check.max_points.to_string().into()),
                                ],
                            ),
                            text: word,
                        }
                    }
                    None => CellView {
                        class: "missing",
                        id: id.clone(),
                        title: tr(
                            self.lang,
                            "html-cell-missing",
                            &[("title", check_title.clone().into())],
                        ),
                        text: "–".into(),
                    },
                }
            })
            .collect();
        let (points, percent) = match student.score {
            Some(score) => (
                format!("{} / {}", score.earned, score.possible),
                percent(u64::from(score.earned), u64::from(score.possible)),
            ),
            None => ("–".into(), "–".into()),
        };
        Row {
            error: None,
            cells,
            points,
            percent,
        }
    }

    /// A student's section, from their whole result when the journal has it.
    fn left(&self, slim: &StudentResult) -> Left {
        let student = (self.whole)(&slim.id).unwrap_or_else(|| slim.clone());
        let error = (!student.graded()).then(|| self.reason(&student, "html-student-error"));
        let view = self.book.texts.view(&student, super::Feedback::Full);
        let items = view
            .steps
            .into_iter()
            .flat_map(|s| s.checks)
            .filter(|c| c.status != Status::Pass)
            .map(|check| Item {
                class: check.status.as_str(),
                status: self.status(&check.status),
                message: check.message.filter(|m| !m.is_empty()),
                hint: check
                    .hint
                    .filter(|h| !h.is_empty())
                    .map(|h| tr(self.lang, "html-hint", &[("hint", h.into())])),
                id: check.id,
                title: check.title,
            })
            .collect();
        Left {
            id: student.id.clone(),
            name: student.name.clone(),
            error,
            items,
        }
    }
}

fn rates(book: &Gradebook, lang: Lang) -> Vec<Rate> {
    book.summary
        .checks
        .iter()
        .map(|check| {
            let (percent, figure) = if check.total == 0 {
                (None, tr(lang, "html-no-graded", &[]))
            } else {
                let pct = percent(check.passed as u64, check.total as u64);
                let figure = format!("{} / {} ({pct})", check.passed, check.total);
                (Some(pct), figure)
            };
            Rate {
                id: check.id.clone(),
                title: check.title.clone(),
                percent,
                figure,
            }
        })
        .collect()
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
fn columns(book: &Gradebook, lang: Lang) -> Vec<Group> {
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
            let at = if let Some(at) = groups.iter().position(|(id, _)| *id == step.id) {
                at
            } else {
                // A journal from another version of the lab may name a
                // step this one does not have; show it rather than drop it.
                groups.push((
                    step.id.clone(),
                    Group {
                        title: book.texts.step_title(&step.id),
                        checks: Vec::new(),
                    },
                ));
                groups.len() - 1
            };
            for check in &step.checks {
                if !placed(&groups, &check.id) {
                    // Results in memory are slim; the summary has the titles.
                    let title = book
                        .summary
                        .checks
                        .iter()
                        .find(|c| c.id == check.id)
                        .map_or_else(|| book.texts.check_title(&check.id), |c| c.title.clone());
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
                title: tr(lang, "html-checks", &[]),
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

const STATUSES: [Status; 5] = [
    Status::Pass,
    Status::Fail,
    Status::Pending,
    Status::Error,
    Status::Skipped,
];

/// `n` of `of` as a whole percent, rounded half up; a dash when there is
/// nothing to divide by.
fn percent(n: u64, of: u64) -> String {
    super::percent(n, of, 0).map_or_else(|| "–".into(), |p| format!("{p}%"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Score;
    use std::collections::BTreeMap;

    use crate::checks::record::{CheckRecord, StepRecord};
    use crate::lab::Lab;
    use crate::report::gradebook;

    fn lab() -> Lab {
        crate::lab::load("serverless").expect("the built-in lab loads")
    }

    /// A graded student whose every check passes, except those named in
    /// `except`, which get their own status and, as the finding's `found`
    /// argument, a value a student chose.
    fn graded(lab: &Lab, id: &str, name: &str, except: &[(&str, Status, &str)]) -> StudentResult {
        let mut earned = 0;
        let mut possible = 0;
        let mut passed = 0;
        let mut total = 0;
        let steps = lab
            .steps
            .iter()
            .map(|step| StepRecord {
                id: step.id.clone(),
                status: Status::Pass,
                checks: step
                    .checks
                    .iter()
                    .map(|c| {
                        let (status, found) = except
                            .iter()
                            .find(|(id, _, _)| *id == c.id)
                            .map_or((Status::Pass, "name"), |(_, s, m)| (*s, *m));
                        let points = if status == Status::Pass { c.points } else { 0 };
                        earned += points;
                        possible += c.points;
                        total += 1;
                        passed += usize::from(status == Status::Pass);
                        let args = [("found", found), ("found_type", "S")];
                        CheckRecord {
                            id: c.id.clone(),
                            status,
                            points,
                            max_points: c.points,
                            code: "dynamodb.partition-key.matches".into(),
                            args: args
                                .iter()
                                .map(|(k, v)| ((*k).into(), (*v).into()))
                                .collect(),
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
            error_id: None,
            error_args: BTreeMap::new(),
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
            error_id: None,
            error_args: BTreeMap::new(),
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
                        "<script>alert(1)</script> (see https://evil.example/x)",
                    ),
                    ("table-active", Status::Pending, "CREATING"),
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

    /// Text as the template escapes it.
    fn esc(text: &str) -> String {
        askama::filters::escape(text, askama::filters::Html)
            .map(|safe| safe.to_string())
            .unwrap_or_default()
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn one_row_per_student() {
        let (_, book) = class();
        let page = gradebook_html(&book, &|_| None, Lang::En);
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
        let page = gradebook_html(&book, &|_| None, Lang::En);
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
        let page = gradebook_html(&book, &|_| None, Lang::En);
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
        let page = gradebook_html(&book, &|_| None, Lang::En);
        assert!(!page.contains("<script"));
        assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
        assert!(page.contains("O&#39;Brien &#38; Sons"));
        assert!(page.contains("Lee &#60;b&#62;Jun&#60;/b&#62;"));
        assert!(!page.contains("<b>Jun"));
    }

    #[test]
    fn an_ungraded_student_is_one_row_with_the_error_spanning_the_checks() {
        let (lab, book) = class();
        let page = gradebook_html(&book, &|_| None, Lang::En);
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
        let page = gradebook_html(&book, &|_| None, Lang::En);
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
        let page = gradebook_html(&book, &|_| None, Lang::En);
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
        let page = gradebook_html(&book, &|_| None, Lang::En);
        assert_eq!(count(&page, "<li class=\"failure\""), 2);
        // The hint is the lab's and the message the catalog's, both
        // rendered from the record when the page is drawn.
        assert!(page.contains(
            "<p class=\"hint\">Hint: Workshop step 2: the function writes items keyed by"
        ));
        assert!(page.contains("<p class=\"message\">partition key is `CREATING` (S)</p>"));
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
        let page = gradebook_html(&book, &|_| None, Lang::En);
        assert_eq!(count(&page, "<th class=\"check\""), lab.checks().count());
        assert!(page.contains("no graded students"));
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(0, 0), "–");
    }

    /// A name a student typed into the roster is shown, never run: a
    /// `<script>` in a name, in a check title and in an error reason comes
    /// out as text in every place it appears (heading, row, attribute).
    #[test]
    fn a_student_named_script_is_shown_as_text() {
        let lab = lab();
        let evil = "<script>alert('x')</script>";
        let book = gradebook(
            &lab,
            vec![
                graded(&lab, "s\"1", evil, &[("partition-key", Status::Fail, evil)]),
                ungraded("s2", evil, evil),
            ],
            Lang::En,
        );
        let page = gradebook_html(&book, &|_| None, Lang::En);
        assert!(!page.contains("<script"), "a raw <script> got through");
        assert!(!page.contains("alert('x')"));
        let shown = "&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;";
        // Row name and section heading for each student, the message, and
        // the ungraded student's reason in the row and in the section.
        assert!(count(&page, shown) >= 7, "{}", count(&page, shown));
        assert!(page.contains("data-id=\"s&#34;1\""));
    }

    #[test]
    fn korean_gradebook_is_korean_and_says_so() {
        let (lab, _) = class();
        let students = vec![
            graded(&lab, "s01", "김민지", &[]),
            graded(
                &lab,
                "s02",
                "이준",
                &[("partition-key", Status::Fail, "파티션 키가 다릅니다")],
            ),
            ungraded("s03", "박서연", "역할이 없습니다"),
        ];
        let book = gradebook(&lab, students, Lang::Ko);
        let page = gradebook_html(&book, &|_| None, Lang::Ko);
        assert!(page.contains("<html lang=\"ko\">"));
        for words in [
            "성적표: ",
            "검사별 반 현황",
            "<th rowspan=\"2\" scope=\"col\" class=\"name\">학생</th>",
            ">통과</td>",
            ">실패</td>",
            "채점하지 못함: 역할이 없습니다",
            "검사별 통과율(낮은 순)",
            "모든 검사를 통과했습니다.",
            "힌트: ",
            "학생 3명 중 2명 채점, 1명 채점 못 함.",
        ] {
            assert!(page.contains(words), "no {words}");
        }
        // Korean step titles from the lab file head the column groups.
        assert!(page.contains(&esc(lab.steps[0].title.get(Lang::Ko))));
        // No English chrome left.
        for english in [
            "Gradebook",
            "Class by check",
            "Every check passed",
            "Hint:",
            ">pass<",
            "could not be graded",
        ] {
            assert!(!page.contains(english), "{english} in the Korean page");
        }
        // Classes and data attributes stay the stable keys.
        assert!(page.contains("<td class=\"cell fail\" data-check=\"partition-key\""));
        let english = gradebook_html(&book, &|_| None, Lang::En);
        assert!(english.contains("<html lang=\"en\">"));
    }
}
