//! What a graded run keeps of the engine's results: per check a status,
//! points and the finding's code and arguments, and no sentence. A journal
//! holds these, so a class graded in one language is shown in whichever the
//! instructor reads it in later: `src/report` renders the titles, messages
//! and hints from the lab and the catalogs at the time it shows them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{LabResult, PROBE_NOT_RUN, Score, Status};

/// One student's line in the gradebook (and in the journal).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StudentResult {
    pub id: String,
    pub name: String,
    /// `graded`, or `error` when the account could not be read.
    pub status: String,
    /// Why not, in English as first written.
    pub error: Option<String>,
    /// The catalog message that says why (`aws-network-endpoint`), when
    /// there is one, so the reason reads in the reader's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_id: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub error_args: BTreeMap<String, String>,
    pub account: Option<String>,
    pub score: Option<Score>,
    pub steps: Vec<StepRecord>,
}

/// A step's status and its checks' records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    pub id: String,
    pub status: Status,
    pub checks: Vec<CheckRecord>,
}

/// A check's verdict, points and finding. Journals written before findings
/// were records also carried rendered `title`, `message` and `hint`; serde
/// ignores those, and the code and arguments they carried beside them are
/// read as usual, so an old journal still resumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRecord {
    pub id: String,
    pub status: Status,
    pub points: u32,
    pub max_points: u32,
    /// The finding's stable code (`dynamodb.partition-key.mismatch`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub code: String,
    /// The finding's arguments, by name; dropped from a slim result.
    #[serde(default, deserialize_with = "null_as_default")]
    pub args: BTreeMap<String, String>,
}

/// Old journals wrote `null` where feedback hid a finding.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl StudentResult {
    /// A graded student: the engine's result as records.
    pub fn from_result(id: &str, name: &str, account: &str, result: &LabResult) -> StudentResult {
        let steps = result
            .steps
            .iter()
            .map(|step| StepRecord {
                id: step.id.clone(),
                status: step.status,
                checks: step
                    .checks
                    .iter()
                    .map(|c| CheckRecord {
                        id: c.id.clone(),
                        status: c.status,
                        points: c.points,
                        max_points: c.max_points,
                        code: c.finding.code.to_string(),
                        args: c
                            .finding
                            .args
                            .iter()
                            .map(|(k, v)| ((*k).to_string(), v.clone()))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        StudentResult {
            id: id.to_string(),
            name: name.to_string(),
            status: "graded".into(),
            error: None,
            error_id: None,
            error_args: BTreeMap::new(),
            account: Some(account.to_string()),
            score: Some(result.score),
            steps,
        }
    }

    /// What the gradebook keeps in memory of a result: statuses, points and
    /// finding codes (the class summary tells a probe that could not run by
    /// its code). The arguments are dropped (the journal has them, and
    /// outputs that show messages read a student back one at a time), so a
    /// class of ten thousand fits in tens of megabytes.
    #[must_use]
    pub fn slim(mut self) -> StudentResult {
        for check in self.steps.iter_mut().flat_map(|s| &mut s.checks) {
            check.args = BTreeMap::new();
        }
        self
    }

    pub fn graded(&self) -> bool {
        self.status == "graded"
    }

    pub fn checks(&self) -> impl Iterator<Item = &CheckRecord> {
        self.steps.iter().flat_map(|s| &s.checks)
    }

    pub fn check(&self, id: &str) -> Option<&CheckRecord> {
        self.checks().find(|c| c.id == id)
    }

    /// Points earned in a step, if graded.
    pub fn step_points(&self, step: &str) -> Option<u32> {
        self.steps
            .iter()
            .find(|s| s.id == step)
            .map(|s| s.checks.iter().map(|c| c.points).sum())
    }

    pub fn check_status(&self, check: &str) -> Option<Status> {
        self.check(check).map(|c| c.status)
    }

    /// A probe that could not run where this student was read: it says
    /// nothing about their work, so class summaries leave it out.
    pub fn probe_not_run(&self, check: &str) -> bool {
        self.check(check).is_some_and(|c| {
            c.status == Status::Skipped && PROBE_NOT_RUN.contains(&c.code.as_str())
        })
    }
}
