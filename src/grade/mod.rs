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

use crate::aws::{AwsError, Instructor, Live, Options};
use crate::engine;
use crate::lab::{Lab, Values};
use crate::lang::Lang;
use crate::sim;

pub mod roster;

pub use crate::checks::record::StudentResult;
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
    #[error(
        "the journal {path} already holds {count} results from an earlier run; continue it with --resume, or start over with --fresh (the earlier journal is then kept under a new name)"
    )]
    JournalExists { path: String, count: usize },
    #[error(
        "the journal {path} was written for {then}, but this run is {now}; results from two definitions cannot be mixed. Run with the same lab and --set values, or start over with --fresh"
    )]
    JournalMismatch {
        path: String,
        then: String,
        now: String,
    },
    #[error(
        "{path}:{line}: not a line labcheck writes; is this a labcheck journal? Name another with --journal, or start over with --fresh"
    )]
    JournalCorrupt { path: String, line: usize },
}

/// What a result was graded against: a journal mixes no two of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    pub lab: String,
    pub lab_version: String,
    pub lab_digest: String,
    /// The `--set` values given, by name.
    pub set: BTreeMap<String, String>,
}

impl Definition {
    pub fn of(lab: &Lab, set: &[String]) -> Definition {
        Definition {
            lab: lab.id.clone(),
            lab_version: lab.version.clone(),
            lab_digest: lab.digest.clone(),
            set: set
                .iter()
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect(),
        }
    }
}

impl std::fmt::Display for Definition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digest: String = self.lab_digest.chars().take(15).collect();
        write!(f, "lab {} {} ({digest}…)", self.lab, self.lab_version)?;
        if self.set.is_empty() {
            write!(f, " with no --set")
        } else {
            let set: Vec<String> = self.set.iter().map(|(k, v)| format!("{k}={v}")).collect();
            write!(f, " with --set {}", set.join(" "))
        }
    }
}

/// One journal line: a student's result and the definition it was graded
/// against.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct JournalLine {
    #[serde(flatten)]
    definition: Definition,
    #[serde(flatten)]
    result: StudentResult,
}

/// What to do with a journal an earlier run left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earlier {
    /// Refuse to run while one is there.
    Refuse,
    /// Keep its results (`--resume`); with `keep_errors`, errors too.
    Resume { keep_errors: bool },
    /// Rename it aside with its time and start a new one (`--fresh`).
    Fresh,
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
    pub earlier: Earlier,
    pub definition: Definition,
    /// The language the outputs are rendered in (the journal keeps codes).
    pub lang: Lang,
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

/// Students the journal already has, by id, all graded against
/// `definition` (a partly written last line, from a run killed mid-write,
/// is ignored and that student graded again).
pub fn read_journal(
    path: &Path,
    definition: &Definition,
) -> Result<BTreeMap<String, StudentResult>, GradeError> {
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
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut done = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Ok(entry) = serde_json::from_str::<JournalLine>(line) else {
            if i + 1 == lines.len() && !text.ends_with('\n') {
                break;
            }
            return Err(GradeError::JournalCorrupt {
                path: path.display().to_string(),
                line: i + 1,
            });
        };
        if entry.definition != *definition {
            return Err(GradeError::JournalMismatch {
                path: path.display().to_string(),
                then: entry.definition.to_string(),
                now: definition.to_string(),
            });
        }
        done.insert(entry.result.id.clone(), entry.result);
    }
    Ok(done)
}

/// Where each student's latest result starts in a journal, so results can
/// be read back one at a time (JSON output, feedback files) instead of all
/// held at once.
pub struct JournalIndex {
    file: std::sync::Mutex<std::io::BufReader<std::fs::File>>,
    at: std::collections::HashMap<String, u64>,
}

impl JournalIndex {
    pub fn open(path: &Path) -> Result<JournalIndex, GradeError> {
        use std::io::BufRead;
        let error = |action: &'static str| {
            move |source| GradeError::Journal {
                path: path.display().to_string(),
                action,
                source,
            }
        };
        let mut reader = std::io::BufReader::new(std::fs::File::open(path).map_err(error("read"))?);
        let mut at = std::collections::HashMap::new();
        let (mut offset, mut line) = (0u64, String::new());
        loop {
            line.clear();
            let n = reader.read_line(&mut line).map_err(error("read"))?;
            if n == 0 {
                break;
            }
            #[derive(Deserialize)]
            struct Id {
                id: String,
            }
            if let Ok(Id { id }) = serde_json::from_str::<Id>(&line) {
                at.insert(id, offset);
            }
            offset += n as u64;
        }
        Ok(JournalIndex {
            file: std::sync::Mutex::new(reader),
            at,
        })
    }

    /// A student's whole result, as journaled.
    pub fn get(&self, id: &str) -> Option<StudentResult> {
        use std::io::{BufRead, Seek};
        let offset = *self.at.get(id)?;
        let mut file = self.file.lock().ok()?;
        file.seek(std::io::SeekFrom::Start(offset)).ok()?;
        let mut line = String::new();
        file.read_line(&mut line).ok()?;
        serde_json::from_str::<JournalLine>(&line)
            .ok()
            .map(|l| l.result)
    }
}

/// How many results a journal file holds (0 when there is none).
fn journal_count(path: &Path) -> usize {
    std::fs::read_to_string(path).map_or(0, |t| t.lines().filter(|l| !l.trim().is_empty()).count())
}

/// `class.serverless.journal.jsonl` → `class.serverless.journal.20261123T190412.jsonl`.
fn aside_name(path: &Path) -> PathBuf {
    let stamp = jiff::Zoned::now().strftime("%Y%m%dT%H%M%S").to_string();
    let mut name = path.file_stem().unwrap_or_default().to_os_string();
    name.push(format!(".{stamp}"));
    if let Some(ext) = path.extension() {
        name.push(".");
        name.push(ext);
    }
    path.with_file_name(name)
}

/// The earlier results to keep, after dealing with an earlier journal as
/// `settings.earlier` says; with `--fresh`, where the earlier one now is.
pub fn open_journal(
    settings: &Settings,
) -> Result<(BTreeMap<String, StudentResult>, Option<PathBuf>), GradeError> {
    let path = &settings.journal;
    let count = journal_count(path);
    match settings.earlier {
        _ if count == 0 => Ok((BTreeMap::new(), None)),
        Earlier::Refuse => Err(GradeError::JournalExists {
            path: path.display().to_string(),
            count,
        }),
        Earlier::Fresh => {
            let aside = aside_name(path);
            std::fs::rename(path, &aside).map_err(|source| GradeError::Journal {
                path: path.display().to_string(),
                action: "renamed",
                source,
            })?;
            Ok((BTreeMap::new(), Some(aside)))
        }
        Earlier::Resume { keep_errors } => {
            let mut done = read_journal(path, &settings.definition)?;
            if !keep_errors {
                done.retain(|_, r| r.graded());
            }
            Ok((done, None))
        }
    }
}

/// Appends one result as one line, flushed at once.
fn journal(
    file: &mut std::fs::File,
    definition: &Definition,
    result: &StudentResult,
) -> std::io::Result<()> {
    let mut line = journal_line(definition, result)?;
    line.push('\n');
    file.write_all(line.as_bytes())?;
    file.flush()?;
    file.sync_data()
}

fn journal_line(definition: &Definition, result: &StudentResult) -> std::io::Result<String> {
    serde_json::to_string(&JournalLine {
        definition: definition.clone(),
        result: result.clone(),
    })
    .map_err(std::io::Error::other)
}

/// Grades every student but those in `done` (earlier results kept by
/// `open_journal`).
pub async fn run(
    lab: &Lab,
    values: &Values,
    students: &[Student],
    settings: &Settings,
    mut done: BTreeMap<String, StudentResult>,
    progress: &(dyn Fn(Event) + Sync),
) -> Result<Vec<StudentResult>, GradeError> {
    let journal_error = |action: &'static str| {
        let path = settings.journal.display().to_string();
        move |source| GradeError::Journal {
            path: path.clone(),
            action,
            source,
        }
    };
    let roster_ids: BTreeSet<&str> = students.iter().map(|s| s.id.as_str()).collect();
    done.retain(|id, _| roster_ids.contains(id.as_str()));
    // Start from the whole lines only: a line cut short by a kill must not
    // run into the next result appended after it. The kept results are
    // written whole (titles, messages, hints), then slimmed for memory.
    let kept: String = done
        .values()
        .filter_map(|r| journal_line(&settings.definition, r).ok())
        .map(|line| line + "\n")
        .collect();
    for result in done.values_mut() {
        *result = std::mem::take(result).slim();
    }
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

    grade_each(lab, values, todo, settings, progress, |result| {
        journal(&mut file, &settings.definition, &result).map_err(journal_error("written"))?;
        progress(Event::Finished(result.clone()));
        done.insert(result.id.clone(), result.slim());
        Ok(())
    })
    .await?;

    let ordered: Vec<StudentResult> = students.iter().filter_map(|s| done.remove(&s.id)).collect();
    Ok(ordered)
}

/// Why one student could not be graded: the sentence in English, and its
/// catalog message (errors.ftl) with the arguments to fill it.
struct Failure {
    text: String,
    id: String,
    args: BTreeMap<String, String>,
}

impl Failure {
    /// A snapshot that would not load: the sentence in the reader's
    /// language, the parser's detail as it came.
    fn snapshot(path: &std::path::Path, e: &sim::SimError) -> Failure {
        let detail = match e {
            sim::SimError::Invalid { at, message } => format!("{at}: {message}"),
            sim::SimError::Read { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        Failure {
            text: e.to_string(),
            id: "grade-snapshot-unreadable".to_string(),
            args: BTreeMap::from([
                ("path".to_string(), path.display().to_string()),
                ("reason".to_string(), detail),
            ]),
        }
    }
}

impl From<AwsError> for Failure {
    fn from(e: AwsError) -> Failure {
        let (id, args) = e.message_args();
        Failure {
            text: e.to_string(),
            id,
            args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }
}

async fn grade_one(
    student: &Student,
    lab: &Lab,
    values: &Values,
    base: &Instructor,
    settings: &Settings,
) -> Result<StudentResult, Failure> {
    let account = match &student.access {
        Access::Snapshot(path) => {
            let loaded = sim::load_file(&lab.id, &lab.region, path)
                .map_err(|e| Failure::snapshot(path, &e))?;
            loaded.account
        }
        Access::Profile(profile) => {
            let options = Options {
                profile: Some(profile.clone()),
                ..settings.options.clone()
            };
            let live = Live::connect(&options).await?;
            let needs = engine::needs(lab, values);
            live.read(&needs, &|_| {}).await?
        }
        Access::Role { arn, external_id } => {
            let live = through_role(base, student, arn, external_id.as_deref(), settings).await;
            let needs = engine::needs(lab, values);
            live.read(&needs, &|_| {}).await?
        }
    };
    let result = engine::evaluate(lab, values, &account);
    Ok(StudentResult::from_result(
        &student.id,
        &student.name,
        &account.account_id,
        &result,
    ))
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
                    if path.is_file() {
                        Ok(format!("snapshot {}", path.display()))
                    } else {
                        Err(format!("snapshot {} does not exist", path.display()))
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

/// Grades `students` again (the later rounds of `grade --serve`): the
/// journal is only appended to, never rewritten, and a result goes into it
/// when `changed` says it differs from the one already there (an unchanged
/// result would grow the journal every round for nothing; `--resume` only
/// needs the latest). Every result is reported through `progress`, whole.
/// Dropping the future stops the reads in flight.
pub async fn regrade(
    lab: &Lab,
    values: &Values,
    students: &[Student],
    settings: &Settings,
    changed: &(dyn Fn(&StudentResult) -> bool + Sync),
    progress: &(dyn Fn(Event) + Sync),
) -> Result<(), GradeError> {
    let journal_error = |action: &'static str| {
        let path = settings.journal.display().to_string();
        move |source| GradeError::Journal {
            path: path.clone(),
            action,
            source,
        }
    };
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&settings.journal)
        .map_err(journal_error("opened"))?;
    progress(Event::Planned {
        total: students.len(),
        remaining: students.len(),
    });
    grade_each(
        lab,
        values,
        students.to_vec(),
        settings,
        progress,
        |result| {
            if changed(&result) {
                journal(&mut file, &settings.definition, &result)
                    .map_err(journal_error("written"))?;
            }
            progress(Event::Finished(result));
            Ok(())
        },
    )
    .await
}

/// Grades `todo`, at most `concurrency` students in flight, and hands each
/// result (an error result when the read failed or timed out) to `done` as
/// it arrives. One loop for `run` and `regrade`.
async fn grade_each(
    lab: &Lab,
    values: &Values,
    todo: Vec<Student>,
    settings: &Settings,
    progress: &(dyn Fn(Event) + Sync),
    mut done: impl FnMut(StudentResult) -> Result<(), GradeError>,
) -> Result<(), GradeError> {
    let base = Instructor::connect(&settings.options).await;
    let lab = Arc::new(lab.clone());
    let values = Arc::new(values.clone());
    // Only `concurrency` students are in flight at once, and the next one is
    // started only when one finishes: a spawned read is a large future, and
    // ten thousand of them waiting would hold gigabytes.
    let mut todo = todo.into_iter();
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        while tasks.len() < settings.concurrency.max(1) {
            let Some(student) = todo.next() else { break };
            progress(Event::Started(student.id.clone()));
            let (lab, values, base) = (lab.clone(), values.clone(), base.clone());
            let settings = settings.clone();
            tasks.spawn(async move {
                let graded = tokio::time::timeout(
                    settings.timeout,
                    grade_one(&student, &lab, &values, &base, &settings),
                )
                .await
                .unwrap_or_else(|_| {
                    Err(Failure::from(AwsError::TimedOut {
                        limit: humantime::format_duration(settings.timeout).to_string(),
                        endpoint: None,
                    }))
                });
                (student, graded)
            });
        }
        let Some(joined) = tasks.join_next().await else {
            break;
        };
        let Ok((student, graded)) = joined else {
            continue;
        };
        done(graded.unwrap_or_else(|failure| StudentResult {
            id: student.id.clone(),
            name: student.name.clone(),
            status: "error".into(),
            error: Some(failure.text),
            error_id: Some(failure.id),
            error_args: failure.args,
            ..StudentResult::default()
        }))?;
    }
    Ok(())
}
