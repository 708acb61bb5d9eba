//! Every rendering of results lives here: the report model built from a lab
//! run, and its table, JSON and JUnit forms, plus the colour decision. Nothing
//! here decides a verdict; it only shows one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::checks::{LabResult, Score, Status};
use crate::lab::Lab;
use crate::lang::Lang;

mod catalog;
mod class;
mod color;
mod gradebook;
mod html;
mod junit;
mod live;
mod progress;
mod table;

pub use catalog::{CODES, render};
pub use class::{CheckSummary, Gradebook, StudentView, Summary, Texts, gradebook};
pub use color::use_color;
pub use gradebook::{
    error_groups, gradebook_csv, gradebook_json, gradebook_table, student_markdown, thousands,
};
pub use html::gradebook_html;
pub use junit::junit;
pub use live::{Round, live_labels, live_listening, live_round, live_stopped, live_token_warning};
pub use progress::Progress;
pub use table::{lab_details, labs_table, report_table};

/// How much a report reveals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feedback {
    /// Found against expected, and the hint under every check not passed.
    Full,
    /// Hints only: the learner is told what to look at, not what was found.
    Hints,
    /// Status only.
    PassFail,
}

/// A lab run as reports show it: the JSON form is documented in
/// `docs/json-output.md` and kept stable.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub lab: String,
    pub lab_title: String,
    pub lab_version: String,
    pub lab_digest: String,
    pub source: String,
    pub account: String,
    pub region: String,
    pub feedback: Feedback,
    pub score: Score,
    pub steps: Vec<StepReport>,
    /// What the engine did that bears on the verdict (which of two REST
    /// APIs named `my-api` it checked); empty for most runs.
    pub notes: Vec<NoteReport>,
}

/// A note from the engine: a code, its arguments, and the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteReport {
    pub code: String,
    pub args: BTreeMap<String, String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub checks: Vec<CheckReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub points: u32,
    pub max_points: u32,
    /// What was found against what was expected, rendered from the catalog;
    /// null when feedback hides it.
    pub message: Option<String>,
    /// The finding's stable code (`dynamodb.partition-key.mismatch`); null
    /// when feedback hides the message.
    #[serde(default)]
    pub code: Option<String>,
    /// The finding's arguments, by name; null when feedback hides the
    /// message.
    #[serde(default)]
    pub args: Option<BTreeMap<String, String>>,
    /// Where to look in the workshop; only on checks that did not pass, and
    /// null when feedback hides it.
    pub hint: Option<String>,
}

impl Report {
    pub fn new(
        lab: &Lab,
        result: &LabResult,
        source: &str,
        account: &str,
        region: &str,
        feedback: Feedback,
        lang: Lang,
    ) -> Report {
        let steps = result
            .steps
            .iter()
            .map(|step| StepReport {
                id: step.id.clone(),
                title: step.title.get(lang).to_string(),
                status: step.status,
                checks: step
                    .checks
                    .iter()
                    .map(|c| {
                        let (show_message, show_hint) = reveals(feedback, c.status);
                        let finding = &c.finding;
                        let args = finding.args.iter().map(|(k, v)| (*k, v.as_str()));
                        CheckReport {
                            id: c.id.clone(),
                            title: c.title.get(lang).to_string(),
                            status: c.status,
                            points: c.points,
                            max_points: c.max_points,
                            message: show_message.then(|| render(lang, finding.code, args)),
                            code: show_message.then(|| finding.code.to_string()),
                            args: show_message.then(|| {
                                finding
                                    .args
                                    .iter()
                                    .map(|(k, v)| (k.to_string(), v.clone()))
                                    .collect()
                            }),
                            hint: show_hint
                                .then(|| c.hint.get(lang).trim().to_string())
                                .filter(|h| !h.is_empty()),
                        }
                    })
                    .collect(),
            })
            .collect();
        Report {
            lab: lab.id.clone(),
            lab_title: lab.title.get(lang).to_string(),
            lab_version: lab.version.clone(),
            lab_digest: lab.digest.clone(),
            source: source.to_string(),
            account: account.to_string(),
            region: region.to_string(),
            feedback,
            score: result.score,
            steps,
            notes: result
                .notes
                .iter()
                .map(|n| NoteReport {
                    code: n.code.to_string(),
                    args: n
                        .args
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect(),
                    message: render(lang, n.code, n.args.iter().map(|(k, v)| (*k, v.as_str()))),
                })
                .collect(),
        }
    }

    pub fn checks(&self) -> impl Iterator<Item = (&StepReport, &CheckReport)> {
        self.steps
            .iter()
            .flat_map(|s| s.checks.iter().map(move |c| (s, c)))
    }
}

/// Whether a check's message and hint are shown at a feedback level. A
/// skip explains itself, so its message shows even with `hints`; a hint
/// belongs to a check that did not pass and was not skipped (a dependency's
/// skip points at the check that actually failed).
pub fn reveals(level: Feedback, status: Status) -> (bool, bool) {
    let message =
        level == Feedback::Full || (level == Feedback::Hints && status == Status::Skipped);
    let hint = level != Feedback::PassFail && status != Status::Pass && status != Status::Skipped;
    (message, hint)
}

/// `n` of `of` as a percent with `decimals` places, rounded half up, the one
/// rounding every gradebook form uses (so the table, CSV and HTML agree:
/// 5 of 8 is 63% everywhere); `None` when there is nothing to divide by.
pub fn percent(n: u64, of: u64, decimals: u32) -> Option<String> {
    if of == 0 {
        return None;
    }
    let scale = 10u64.pow(decimals);
    let scaled = (n.saturating_mul(200 * scale) + of) / (2 * of);
    Some(if decimals == 0 {
        scaled.to_string()
    } else {
        format!(
            "{}.{:0width$}",
            scaled / scale,
            scaled % scale,
            width = decimals as usize
        )
    })
}

/// The JSON form, pretty-printed.
pub fn json<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// What `--output json` prints when there is no report to give: the
/// failure's stable code, its message and the exit code the run ends with.
pub fn error_json(code: &str, message: &str, exit_code: u8) -> String {
    json(&serde_json::json!({
        "error": { "code": code, "message": message },
        "exit_code": exit_code,
    }))
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn one_rounding_half_up_for_every_form() {
        assert_eq!(percent(5, 8, 0).as_deref(), Some("63"));
        assert_eq!(percent(1, 8, 0).as_deref(), Some("13"));
        assert_eq!(percent(1, 3, 0).as_deref(), Some("33"));
        assert_eq!(percent(2, 3, 1).as_deref(), Some("66.7"));
        assert_eq!(percent(1, 8, 1).as_deref(), Some("12.5"));
        assert_eq!(percent(36, 36, 1).as_deref(), Some("100.0"));
        assert_eq!(percent(0, 0, 0), None);
    }
}
