//! Grading a class: each student's account read (through an assumed role, a
//! profile, or a snapshot), the lab evaluated, and the result journaled the
//! moment it is known, so a killed run loses no finished student. One
//! student's trouble never stops the class: it becomes that student's error.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::aws::{Instructor, Live, Options};
use crate::checks::{self, Score, Status};
use crate::lab::{Lab, Values};
use crate::report::{Feedback, Report, StepReport};
use crate::sim;

pub mod roster;

pub use roster::{Access, RosterError, Student};

#[derive(Debug, thiserror::Error)]
pub enum GradeError {
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error("the journal {path} could not be {action}: {source}")]
    Journal {
        path: String,
        action: &'static str,
        source: std::io::Error,
    },
}

/// How to run a class.
#[derive(Debug, Clone)]
pub struct Settings {
    pub concurrency: usize,
    pub timeout: Duration,
    /// Endpoint, region and probes, as for `verify`; applied to every call,
    /// STS AssumeRole included.
    pub options: Options,
    pub journal: PathBuf,
    pub resume: bool,
}

/// One student's line in the gradebook (and in the journal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentResult {
    pub id: String,
    pub name: String,
    /// `graded`, or `error` when the account could not be read.
    pub status: String,
    pub error: Option<String>,
    pub account: Option<String>,
    pub score: Option<Score>,
    pub steps: Vec<StepReport>,
}

impl StudentResult {
    pub fn graded(&self) -> bool {
        self.status == "graded"
    }

    /// Points earned in a step, if graded.
    pub fn step_points(&self, step: &str) -> Option<u32> {
        self.steps
            .iter()
            .find(|s| s.id == step)
            .map(|s| s.checks.iter().map(|c| c.points).sum())
    }

    pub fn check_status(&self, check: &str) -> Option<Status> {
        self.steps
            .iter()
            .flat_map(|s| &s.checks)
            .find(|c| c.id == check)
            .map(|c| c.status)
    }
}

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
}

impl Gradebook {
    /// 3 when a student could not be graded, else 1 when a student has a
    /// check not passed, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.students.iter().any(|s| !s.graded()) {
            crate::exit::COULD_NOT_VERIFY
        } else if self
            .students
            .iter()
            .any(|s| s.score.is_some_and(|sc| sc.passed < sc.total))
        {
            crate::exit::CHECKS_FAILED
        } else {
            crate::exit::OK
        }
    }
}

/// What `run` is doing, for a progress display.
#[derive(Debug, Clone)]
pub enum Event {
    /// How many students remain to grade (the journal has the others).
    Planned {
        total: usize,
        remaining: usize,
    },
    Started(String),
    Finished(StudentResult),
}

/// Students the journal already has, by id (a partly written last line, from
/// a run killed mid-write, is ignored and that student graded again).
pub fn read_journal(path: &Path) -> Result<BTreeMap<String, StudentResult>, GradeError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(source) => {
            return Err(GradeError::Journal {
                path: path.display().to_string(),
                action: "read",
                source,
            });
        }
    };
    Ok(text
        .lines()
        .filter_map(|line| serde_json::from_str::<StudentResult>(line).ok())
        .map(|r| (r.id.clone(), r))
        .collect())
}

/// Appends one result as one line, flushed at once.
fn journal(file: &mut std::fs::File, result: &StudentResult) -> std::io::Result<()> {
    let mut line = serde_json::to_string(result).map_err(std::io::Error::other)?;
    line.push('\n');
    file.write_all(line.as_bytes())?;
    file.flush()?;
    file.sync_data()
}

/// Grades every student (those the journal has are skipped with `resume`).
pub async fn run(
    lab: &Lab,
    values: &Values,
    students: &[Student],
    settings: &Settings,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<Gradebook, GradeError> {
    let journal_error = |action: &'static str| {
        let path = settings.journal.display().to_string();
        move |source| GradeError::Journal {
            path: path.clone(),
            action,
            source,
        }
    };
    let mut done = if settings.resume {
        read_journal(&settings.journal)?
    } else {
        BTreeMap::new()
    };
    let roster_ids: BTreeSet<&str> = students.iter().map(|s| s.id.as_str()).collect();
    done.retain(|id, _| roster_ids.contains(id.as_str()));
    // Start from the whole lines only: a line cut short by a kill must not
    // run into the next result appended after it.
    let kept: String = done
        .values()
        .filter_map(|r| serde_json::to_string(r).ok())
        .map(|line| line + "\n")
        .collect();
    let temporary = settings.journal.with_extension("jsonl.tmp");
    std::fs::write(&temporary, kept).map_err(journal_error("written"))?;
    std::fs::rename(&temporary, &settings.journal).map_err(journal_error("replaced"))?;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&settings.journal)
        .map_err(journal_error("opened"))?;

    let todo: Vec<Student> = students
        .iter()
        .filter(|s| !done.contains_key(&s.id))
        .cloned()
        .collect();
    progress(Event::Planned {
        total: students.len(),
        remaining: todo.len(),
    });

    let base = Instructor::connect(&settings.options).await;
    let lab = Arc::new(lab.clone());
    let values = Arc::new(values.clone());
    let permits = Arc::new(tokio::sync::Semaphore::new(settings.concurrency.max(1)));
    let (started_tx, mut started_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut tasks = tokio::task::JoinSet::new();
    for student in todo {
        let (lab, values, base, permits) =
            (lab.clone(), values.clone(), base.clone(), permits.clone());
        let (settings, started_tx) = (settings.clone(), started_tx.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let started = student.id.clone();
            let _ = started_tx.send(started.clone());
            let graded = tokio::time::timeout(
                settings.timeout,
                grade_one(&student, &lab, &values, &base, &settings),
            )
            .await
            .unwrap_or_else(|_| Err(format!("timed out after {}s", settings.timeout.as_secs())));
            (started, student, graded)
        });
    }
    drop(started_tx);
    loop {
        let joined = tokio::select! {
            biased;
            Some(id) = started_rx.recv() => {
                progress(Event::Started(id));
                continue;
            }
            joined = tasks.join_next() => joined,
        };
        let Some(joined) = joined else {
            break;
        };
        let Ok((_, student, graded)) = joined else {
            continue;
        };
        let result = match graded {
            Ok(result) => result,
            Err(error) => StudentResult {
                id: student.id.clone(),
                name: student.name.clone(),
                status: "error".into(),
                error: Some(error),
                account: None,
                score: None,
                steps: Vec::new(),
            },
        };
        journal(&mut file, &result).map_err(journal_error("written"))?;
        progress(Event::Finished(result.clone()));
        done.insert(result.id.clone(), result);
    }

    let ordered: Vec<StudentResult> = students.iter().filter_map(|s| done.remove(&s.id)).collect();
    Ok(gradebook(&lab, ordered))
}

async fn grade_one(
    student: &Student,
    lab: &Lab,
    values: &Values,
    base: &Instructor,
    settings: &Settings,
) -> Result<StudentResult, String> {
    let (account, source) = match &student.access {
        Access::Snapshot(path) => {
            let loaded = sim::load(&lab.id, &lab.region, path).map_err(|e| e.to_string())?;
            (loaded.account, loaded.name)
        }
        Access::Profile(profile) => {
            let options = Options {
                profile: Some(profile.clone()),
                ..settings.options.clone()
            };
            let live = Live::connect(&options).await.map_err(|e| e.to_string())?;
            let needs = checks::needs(lab, values);
            let account = live
                .read(&needs, &|_| {})
                .await
                .map_err(|e| e.to_string())?;
            (account, format!("profile {profile}"))
        }
        Access::Role { arn, external_id } => {
            let live = through_role(base, student, arn, external_id.as_deref(), settings).await;
            let needs = checks::needs(lab, values);
            let account = live
                .read(&needs, &|_| {})
                .await
                .map_err(|e| format!("could not read the account through {arn}: {e}"))?;
            (account, format!("role {arn}"))
        }
    };
    let result = checks::evaluate(lab, values, &account);
    let report = Report::new(
        lab,
        &result,
        &source,
        &account.account_id,
        &account.region,
        Feedback::Full,
    );
    Ok(StudentResult {
        id: student.id.clone(),
        name: student.name.clone(),
        status: "graded".into(),
        error: None,
        account: Some(account.account_id.clone()),
        score: Some(result.score),
        steps: report.steps,
    })
}

/// A student's account through their role, the session named after them
/// so it shows in their CloudTrail as `labcheck-<id>`.
async fn through_role(
    base: &Instructor,
    student: &Student,
    arn: &str,
    external_id: Option<&str>,
    settings: &Settings,
) -> Live {
    base.assume(
        arn,
        external_id,
        &session_name(&student.id),
        settings.options.probe,
    )
    .await
}

/// `labcheck-<id>`, within what STS accepts (2 to 64 of `[\w+=,.@-]`).
pub fn session_name(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_+=,.@-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("labcheck-{clean}").chars().take(64).collect()
}

/// Reaching every student without grading: for each, who answered, or why not.
pub async fn check_access(
    students: &[Student],
    settings: &Settings,
) -> Vec<(Student, Result<String, String>)> {
    let base = Instructor::connect(&settings.options).await;
    let mut out = Vec::new();
    let mut tasks = tokio::task::JoinSet::new();
    let permits = Arc::new(tokio::sync::Semaphore::new(settings.concurrency.max(1)));
    for (i, student) in students.iter().cloned().enumerate() {
        let (base, settings, permits) = (base.clone(), settings.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let reached = match &student.access {
                Access::Snapshot(path) => {
                    if Path::new(path).is_file() {
                        Ok(format!("snapshot {path}"))
                    } else {
                        Err(format!("snapshot {path} does not exist"))
                    }
                }
                Access::Profile(profile) => {
                    let options = Options {
                        profile: Some(profile.clone()),
                        ..settings.options.clone()
                    };
                    match Live::connect(&options).await {
                        Ok(live) => live.whoami().await.map_err(|e| e.to_string()),
                        Err(e) => Err(e.to_string()),
                    }
                }
                Access::Role { arn, external_id } => {
                    let live =
                        through_role(&base, &student, arn, external_id.as_deref(), &settings).await;
                    live.whoami()
                        .await
                        .map_err(|e| explain_assume(&e.to_string()))
                }
            };
            (i, student, reached)
        });
    }
    while let Some(Ok(done)) = tasks.join_next().await {
        out.push(done);
    }
    out.sort_by_key(|(i, _, _)| *i);
    out.into_iter().map(|(_, s, r)| (s, r)).collect()
}

/// Names the usual reasons an AssumeRole fails.
fn explain_assume(error: &str) -> String {
    let lower = error.to_ascii_lowercase();
    let why = if lower.contains("nosuchentity")
        || lower.contains("cannot be found")
        || lower.contains("does not exist")
    {
        "the role does not exist (has the student deployed the template?)"
    } else if lower.contains("external") {
        "the external id does not match the role's trust policy"
    } else if lower.contains("not authorized") || lower.contains("accessdenied") {
        "the role does not trust your account, or the external id is wrong"
    } else {
        "the role could not be assumed"
    };
    format!("{why}: {error}")
}

/// The gradebook of a set of results: the steps of the lab and each check's
/// pass rate among the graded students, worst first.
pub fn gradebook(lab: &Lab, students: Vec<StudentResult>) -> Gradebook {
    let steps = lab
        .steps
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                s.title.clone(),
                s.checks.iter().map(|c| c.points).sum(),
            )
        })
        .collect();
    let mut checks: Vec<CheckSummary> = lab
        .checks()
        .map(|c| CheckSummary {
            id: c.id.clone(),
            title: c.title.clone(),
            passed: 0,
            total: 0,
        })
        .collect();
    for student in students.iter().filter(|s| s.graded()) {
        for summary in &mut checks {
            match student.check_status(&summary.id) {
                // A probe that could not run here says nothing either way.
                Some(Status::Skipped) if skipped_probe(student, &summary.id) => {}
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
        lab_title: lab.title.clone(),
        lab_version: lab.version.clone(),
        lab_digest: lab.digest.clone(),
        steps,
        students,
        summary: Summary { checks },
    }
}

fn skipped_probe(student: &StudentResult, check: &str) -> bool {
    student
        .steps
        .iter()
        .flat_map(|s| &s.checks)
        .find(|c| c.id == check)
        .and_then(|c| c.message.as_deref())
        .is_some_and(|m| m.starts_with("probe not run"))
}
