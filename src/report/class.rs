//! The class as the gradebook forms show it: the records `grade` journaled,
//! with the lab's titles and hints and each finding's sentence rendered in
//! the reader's language at the time they are shown (a class graded with
//! `--lang en` reads in Korean with `--lang ko`).

use std::collections::BTreeMap;

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::{CheckReport, Feedback, StepReport, render, reveals};
use crate::checks::record::StudentResult;
use crate::checks::{Score, Status};
use crate::lab::Lab;
use crate::lang::Lang;

/// A check's pass rate across the graded students.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckSummary {
    pub id: String,
    pub title: String,
    pub passed: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Worst pass rate first: what to teach again.
    pub checks: Vec<CheckSummary>,
}

/// The whole class, in roster order. Its JSON form is `--output json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gradebook {
    pub lab: String,
    pub lab_title: String,
    pub lab_version: String,
    pub lab_digest: String,
    /// (step id, step title, points possible) in lab order.
    pub steps: Vec<(String, String, u32)>,
    pub students: Vec<StudentResult>,
    pub summary: Summary,
    /// The lab's words in the reader's language, for the forms that show a
    /// student's checks.
    #[serde(skip)]
    pub texts: Texts,
}

/// A lab's titles and hints in one language, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    pub lang: Lang,
    steps: BTreeMap<String, String>,
    /// Check id → (title, hint).
    checks: BTreeMap<String, (String, String)>,
}

/// One student as the forms that show their checks give them (`grade
/// --output json`, `/api/student/ID`): the record with its sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudentView {
    pub id: String,
    pub name: String,
    pub status: String,
    pub error: Option<String>,
    pub account: Option<String>,
    pub score: Option<Score>,
    pub steps: Vec<StepReport>,
}

impl Texts {
    pub fn of(lab: &Lab, lang: Lang) -> Texts {
        Texts {
            lang,
            steps: lab
                .steps
                .iter()
                .map(|s| (s.id.clone(), s.title.get(lang).to_string()))
                .collect(),
            checks: lab
                .checks()
                .map(|c| {
                    let hint = c.hint.get(lang).trim().to_string();
                    (c.id.clone(), (c.title.get(lang).to_string(), hint))
                })
                .collect(),
        }
    }

    /// A check's title; its id for a check this lab does not have (a
    /// journal from another version of it).
    pub fn check_title(&self, id: &str) -> String {
        self.checks
            .get(id)
            .map_or_else(|| id.to_string(), |(t, _)| t.clone())
    }

    pub fn step_title(&self, id: &str) -> String {
        self.steps
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// A student's record rendered, revealing what `level` allows.
    pub fn view(&self, student: &StudentResult, level: Feedback) -> StudentView {
        let steps = student
            .steps
            .iter()
            .map(|step| StepReport {
                id: step.id.clone(),
                title: self.step_title(&step.id),
                status: step.status,
                checks: step
                    .checks
                    .iter()
                    .map(|c| {
                        let (show_message, show_hint) = reveals(level, c.status);
                        let args = c.args.iter().map(|(k, v)| (k.as_str(), v.as_str()));
                        CheckReport {
                            id: c.id.clone(),
                            title: self.check_title(&c.id),
                            status: c.status,
                            points: c.points,
                            max_points: c.max_points,
                            message: (show_message && !c.code.is_empty())
                                .then(|| render(self.lang, &c.code, args)),
                            code: show_message.then(|| c.code.clone()),
                            args: show_message.then(|| c.args.clone()),
                            hint: show_hint
                                .then(|| self.checks.get(&c.id).map(|(_, h)| h.clone()))
                                .flatten()
                                .filter(|h| !h.is_empty()),
                        }
                    })
                    .collect(),
            })
            .collect();
        StudentView {
            id: student.id.clone(),
            name: student.name.clone(),
            status: student.status.clone(),
            error: reason(student, self.lang),
            account: student.account.clone(),
            score: student.score,
            steps,
        }
    }
}

impl Gradebook {
    /// The slim JSON the live view serves (`/api/class`): as serialized,
    /// with each not-graded reason in the reader's language rather than the
    /// English the journal keeps beside its message id.
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(students) = value.get_mut("students").and_then(|s| s.as_array_mut()) {
            for (json, student) in students.iter_mut().zip(&self.students) {
                if let (Some(reason), Some(map)) =
                    (reason(student, self.texts.lang), json.as_object_mut())
                {
                    map.insert("error".into(), reason.into());
                }
            }
        }
        value
    }
}

/// Why a student could not be graded, in `lang` when the reason has a
/// catalog message; as first written otherwise (a result journaled before
/// reasons had messages, a snapshot that would not load).
pub fn reason(student: &StudentResult, lang: Lang) -> Option<String> {
    let rendered = student.error_id.as_deref().and_then(|id| {
        let args: Vec<(&str, FluentValue<'_>)> = student
            .error_args
            .iter()
            .map(|(k, v)| (k.as_str(), FluentValue::from(v.as_str())))
            .collect();
        crate::i18n::lookup(lang, id, &args)
    });
    rendered.or_else(|| student.error.clone())
}

/// The gradebook of a set of results: the steps of the lab and each check's
/// pass rate among the graded students, worst first.
pub fn gradebook(lab: &Lab, students: Vec<StudentResult>, lang: Lang) -> Gradebook {
    let steps = lab
        .steps
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                s.title.get(lang).to_string(),
                s.checks.iter().map(|c| c.points).sum(),
            )
        })
        .collect();
    let mut checks: Vec<CheckSummary> = lab
        .checks()
        .map(|c| CheckSummary {
            id: c.id.clone(),
            title: c.title.get(lang).to_string(),
            passed: 0,
            total: 0,
        })
        .collect();
    for student in students.iter().filter(|s| s.graded()) {
        for summary in &mut checks {
            match student.check_status(&summary.id) {
                // A probe that could not run here says nothing either way.
                Some(_) if student.probe_not_run(&summary.id) => {}
                Some(status) => {
                    summary.total += 1;
                    summary.passed += usize::from(status == Status::Pass);
                }
                None => {}
            }
        }
    }
    // Worst pass rate first; ties in lab order.
    checks.sort_by(|a, b| {
        let rate = |c: &CheckSummary| {
            if c.total == 0 {
                1.0
            } else {
                c.passed as f64 / c.total as f64
            }
        };
        rate(a).total_cmp(&rate(b))
    });
    Gradebook {
        lab: lab.id.clone(),
        lab_title: lab.title.get(lang).to_string(),
        lab_version: lab.version.clone(),
        lab_digest: lab.digest.clone(),
        steps,
        students,
        summary: Summary { checks },
        texts: Texts::of(lab, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{engine, sim};

    /// A student graded on a built-in fixture, as the gradebook holds it
    /// (slim), with the probes not run when `no_probe`.
    fn graded(fixture: &str, no_probe: bool) -> (Lab, StudentResult) {
        let lab = crate::lab::load("serverless").unwrap();
        let values = lab.values(&[]).unwrap();
        let mut account = sim::load("serverless", &lab.region, fixture)
            .unwrap()
            .account;
        if no_probe {
            account.probes.skipped = Some(crate::account::Probes::NO_PROBE.into());
        }
        let result = engine::evaluate(&lab, &values, &account);
        let student = StudentResult::from_result("s01", "A", &account.account_id, &result);
        (lab, student)
    }

    fn summary<'a>(book: &'a Gradebook, check: &str) -> &'a CheckSummary {
        book.summary.checks.iter().find(|c| c.id == check).unwrap()
    }

    #[test]
    fn a_probe_not_run_is_known_by_its_code_and_left_out_of_the_summary() {
        let (lab, student) = graded("complete", true);
        let student = student.slim();
        // The slim result keeps the code (the arguments are dropped).
        let code = student.check("invoke-url").map(|c| c.code.clone());
        assert_eq!(code.as_deref(), Some("probe.not-run.no-probe"));
        let book = gradebook(&lab, vec![student], Lang::En);
        assert_eq!(summary(&book, "invoke-url").total, 0);
        assert_eq!(summary(&book, "website-reachable").total, 0);
        assert_eq!(summary(&book, "table-exists").total, 1);
    }

    #[test]
    fn a_probe_skipped_because_its_dependency_failed_counts_against_the_class() {
        let (lab, student) = graded("stage-prod", false);
        let book = gradebook(&lab, vec![student], Lang::En);
        let invoke = summary(&book, "invoke-url");
        assert_eq!((invoke.passed, invoke.total), (0, 1));
    }

    /// The journal keeps codes and arguments, not sentences: one record
    /// reads in either language, the way the reader asks at the time.
    #[test]
    fn one_record_renders_in_the_language_it_is_read_in() {
        let (lab, student) = graded("wrong-partition-key", false);
        let line = serde_json::to_string(&student).unwrap();
        assert!(!line.contains("\"message\""), "{line}");
        let back: StudentResult = serde_json::from_str(&line).unwrap();
        let view = |lang| {
            let texts = Texts::of(&lab, lang);
            let v = texts.view(&back, Feedback::Full);
            let c = v.steps.iter().flat_map(|s| &s.checks);
            c.clone()
                .find(|c| c.id == "partition-key")
                .map(|c| (c.title.clone(), c.message.clone().unwrap_or_default()))
                .unwrap()
        };
        let (en_title, en) = view(Lang::En);
        let (ko_title, ko) = view(Lang::Ko);
        assert_ne!(en_title, ko_title);
        assert_ne!(en, ko);
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{ko}");
        assert!(!en.chars().any(|c| ('가'..='힣').contains(&c)), "{en}");
    }

    /// The live view's class JSON gives a not-graded reason in the
    /// reader's language, not the journal's English.
    #[test]
    fn the_class_json_gives_reasons_in_the_readers_language() {
        let lab = crate::lab::load("serverless").unwrap();
        let student = StudentResult {
            id: "s01".into(),
            status: "error".into(),
            error: Some("could not reach AWS: refused; check the network connection".into()),
            error_id: Some("aws-network".into()),
            error_args: [("reason".to_string(), "refused".to_string())].into(),
            ..StudentResult::default()
        };
        let json = gradebook(&lab, vec![student.clone()], Lang::Ko).to_json();
        let error = json["students"][0]["error"].as_str().unwrap();
        assert!(error.contains("연결할 수 없습니다"), "{error}");
        let json = gradebook(&lab, vec![student], Lang::En).to_json();
        assert!(
            json["students"][0]["error"]
                .as_str()
                .unwrap()
                .starts_with("could not reach AWS")
        );
    }

    /// A line journaled before records (rendered title, message and hint
    /// beside the code) still reads.
    #[test]
    fn an_old_journal_line_still_reads() {
        let old = r#"{"id":"s01","name":"A","status":"graded","error":null,"account":"1","score":null,
            "steps":[{"id":"table","title":"Table","status":"fail","checks":[
              {"id":"partition-key","title":"Key","status":"fail","points":0,"max_points":1,
               "message":"m","code":"dynamodb.partition-key.mismatch","args":{"found":"id"},"hint":"h"},
              {"id":"table-exists","title":"T","status":"pass","points":1,"max_points":1,
               "message":null,"code":null,"args":null,"hint":null}]}]}"#;
        let r: StudentResult = serde_json::from_str(old).unwrap();
        let key = r.check("partition-key").unwrap();
        assert_eq!(key.code, "dynamodb.partition-key.mismatch");
        assert_eq!(key.args.get("found").map(String::as_str), Some("id"));
        assert_eq!(r.check("table-exists").unwrap().code, "");
    }
}
