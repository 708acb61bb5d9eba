//! Spaced repetition: what the learner got right and wrong, per question id,
//! scheduled with FSRS (the scheduler Anki uses by default, through the
//! `rs-fsrs` crate) and kept in a JSON file.
//!
//! Grades: a wrong answer is Again; a right one is Good, or Easy when it came
//! within `QUICK` (20 s) of the question being shown: quick and right means
//! the learner knew it, not worked it out. Exam answers are only Again or Good
//! (time per question is not measured there). Desired retention is 0.9 unless
//! `--retention` says otherwise. We use FSRS's long-term scheduler (whole
//! days, no same-day learning steps: a learner drills once a day at most) and
//! no interval fuzz (a seed must replay a session exactly).
//!
//! Version 1 files (Leitner boxes) migrate on load without loss: a card in
//! box N gets the stability of its Leitner interval (1, 2, 4, 8, 16 days; at
//! retention 0.9 FSRS's next interval equals the stability, so the schedule
//! carries on where it was), a middling difficulty of 5, its due date, and
//! its right/wrong counts as reps and lapses. `box` is still written
//! (derived from the interval) so that an older labcheck can read the file.
//!
//! The file is written atomically (temp file in the same directory, fsync,
//! rename) so that killing labcheck never leaves half a file; a file that
//! does not parse is renamed aside, never silently overwritten. Entries for
//! ids no bank has are kept: ids are stable, and a bank edit must not lose
//! progress.
//!
//! Two sessions may run at once (two terminals). Each answer is therefore
//! recorded by `update`: take an advisory lock on `<file>.lock`, read the
//! file as it is now, apply the answer, write it back, release the lock. The
//! other session's answers, written in between, are kept.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::QuizError;

/// The Leitner intervals of version 1 (index = box - 1), used to migrate.
pub const INTERVALS: [i64; 5] = [1, 2, 4, 8, 16];
/// The progress file's format version written now.
pub const VERSION: u32 = 2;
/// FSRS's desired retention unless `--retention` says otherwise.
pub const DEFAULT_RETENTION: f64 = 0.9;
/// A right answer within this long of the question being shown is Easy.
pub const QUICK: Duration = Duration::from_secs(20);

/// How an answer is graded for FSRS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Again,
    Good,
    Easy,
}

impl Grade {
    /// Wrong → Again; right → Easy within `QUICK`, else Good. `took` is None
    /// where the time was not measured (the exam).
    pub fn of(right: bool, took: Option<Duration>) -> Grade {
        match (right, took) {
            (false, _) => Grade::Again,
            (true, Some(t)) if t <= QUICK => Grade::Easy,
            (true, _) => Grade::Good,
        }
    }

    fn rating(self) -> rs_fsrs::Rating {
        match self {
            Grade::Again => rs_fsrs::Rating::Again,
            Grade::Good => rs_fsrs::Rating::Good,
            Grade::Easy => rs_fsrs::Rating::Easy,
        }
    }
}

/// FSRS's memory of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    pub stability: f64,
    pub difficulty: f64,
    pub state: rs_fsrs::State,
    pub reps: i32,
    pub lapses: i32,
    /// YYYY-MM-DD of the last answer.
    pub last_review: String,
    pub scheduled_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The version-1 Leitner box, still written (derived from the interval)
    /// so that an older labcheck can read the file.
    #[serde(rename = "box")]
    pub leitner_box: u8,
    /// YYYY-MM-DD: the first day the question is due again.
    pub due: String,
    #[serde(default)]
    pub right: u32,
    #[serde(default)]
    pub wrong: u32,
    /// FSRS's state; absent in version-1 files until migrated on load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsrs: Option<Memory>,
    /// Fields a later labcheck may add: kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    #[serde(default)]
    pub questions: BTreeMap<String, Card>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: VERSION,
            questions: BTreeMap::new(),
            extra: BTreeMap::new(),
        }
    }
}

/// Midnight UTC of day `days` (since 1970-01-01).
fn instant(days: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(days.saturating_mul(86_400), 0).unwrap_or_default()
}

/// The day (since 1970-01-01) of an instant.
fn day_of(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(86_400)
}

/// The smallest Leitner box whose interval covers `days`.
fn box_for(days: i64) -> u8 {
    INTERVALS
        .iter()
        .position(|i| days <= *i)
        .map_or(5, |p| p as u8 + 1)
}

fn scheduler(retention: f64) -> rs_fsrs::FSRS {
    rs_fsrs::FSRS::new(rs_fsrs::Parameters {
        request_retention: retention,
        enable_short_term: false,
        enable_fuzz: false,
        ..rs_fsrs::Parameters::default()
    })
}

impl Card {
    /// FSRS's view of the card (a fresh one when it has no memory yet).
    fn fsrs_card(&self) -> rs_fsrs::Card {
        let Some(m) = &self.fsrs else {
            return rs_fsrs::Card::default();
        };
        let due = parse_date(&self.due).unwrap_or(0);
        rs_fsrs::Card {
            due: instant(due),
            stability: m.stability,
            difficulty: m.difficulty,
            elapsed_days: 0,
            scheduled_days: m.scheduled_days,
            reps: m.reps,
            lapses: m.lapses,
            state: m.state,
            last_review: instant(parse_date(&m.last_review).unwrap_or(due)),
        }
    }

    /// FSRS's predicted probability of recalling it on `today` (0 for new).
    pub fn retrievability(&self, today: i64) -> f64 {
        if self.fsrs.is_none() {
            return 0.0;
        }
        self.fsrs_card().get_retrievability(instant(today))
    }
}

impl Progress {
    /// Gives every version-1 card an FSRS memory (see the module comment).
    /// Cards that already have one are left alone.
    pub fn migrate(&mut self) {
        for card in self.questions.values_mut() {
            if card.fsrs.is_some() {
                continue;
            }
            let b = card.leitner_box.clamp(1, 5);
            let interval = INTERVALS[usize::from(b) - 1];
            let due = parse_date(&card.due).unwrap_or(0);
            card.fsrs = Some(Memory {
                stability: interval as f64,
                difficulty: 5.0,
                state: rs_fsrs::State::Review,
                reps: i32::try_from(card.right.saturating_add(card.wrong)).unwrap_or(i32::MAX),
                lapses: i32::try_from(card.wrong).unwrap_or(i32::MAX),
                last_review: date_string(due - interval),
                scheduled_days: interval,
            });
        }
        self.version = self.version.max(VERSION);
    }

    /// Schedules a question after an answer on day `today`.
    pub fn record(&mut self, id: &str, grade: Grade, today: i64, retention: f64) {
        let card = self.questions.entry(id.to_string()).or_insert(Card {
            leitner_box: 1,
            due: date_string(today),
            right: 0,
            wrong: 0,
            fsrs: None,
            extra: BTreeMap::new(),
        });
        if grade == Grade::Again {
            card.wrong = card.wrong.saturating_add(1);
        } else {
            card.right = card.right.saturating_add(1);
        }
        let now = instant(today);
        let mut before = card.fsrs_card();
        if card.fsrs.is_none() {
            before.due = now;
            before.last_review = now;
        }
        let next = scheduler(retention).next(before, now, grade.rating()).card;
        // Never due the same day: a session is at most daily.
        let due = day_of(next.due).max(today + 1);
        card.due = date_string(due);
        card.leitner_box = box_for(due - today);
        card.fsrs = Some(Memory {
            stability: next.stability,
            difficulty: next.difficulty,
            state: next.state,
            reps: next.reps,
            lapses: next.lapses,
            last_review: date_string(today),
            scheduled_days: due - today,
        });
        self.version = VERSION;
    }

    /// Is a seen question due on `today`? Unseen questions are new, not due.
    pub fn is_due(&self, id: &str, today: i64) -> bool {
        self.due_day(id).is_some_and(|d| d <= today)
    }

    /// The day a seen question is due.
    pub fn due_day(&self, id: &str) -> Option<i64> {
        self.questions.get(id).and_then(|c| parse_date(&c.due))
    }

    /// Sort key for due questions: most overdue first, then the least
    /// likely to be recalled.
    pub fn due_key(&self, id: &str) -> (i64, i64) {
        self.questions.get(id).map_or((i64::MAX, i64::MAX), |c| {
            let stability = c.fsrs.as_ref().map_or(0.0, |m| m.stability);
            (
                parse_date(&c.due).unwrap_or(i64::MAX),
                (stability * 1000.0) as i64,
            )
        })
    }
}

/// `$XDG_DATA_HOME/labcheck/progress.json` or the platform's equivalent.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("labcheck").join("progress.json"))
}

fn io_err(path: &Path, source: std::io::Error) -> QuizError {
    QuizError::Progress {
        path: path.display().to_string(),
        source,
    }
}

/// Loads the progress file. A missing file is empty progress. A file that does
/// not parse is renamed to `<name>.corrupt-<unix seconds>` and the returned
/// notice says so (the caller shows it on stderr).
pub fn load(path: &Path) -> Result<(Progress, Option<String>), QuizError> {
    let (p, notice) = load_json::<Progress>(path)?;
    let mut p = p.unwrap_or_default();
    p.migrate();
    Ok((p, notice))
}

/// Loads any JSON state file (progress, a saved exam): None when missing; a
/// file that does not parse is set aside as `<name>.corrupt-<unix seconds>`,
/// never overwritten, and the notice says where it went.
pub fn load_json<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<(Option<T>, Option<String>), QuizError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((None, None)),
        Err(e) => return Err(io_err(path, e)),
    };
    match serde_json::from_str::<T>(&text) {
        Ok(p) => Ok((Some(p), None)),
        Err(e) => {
            let secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let mut aside = path.as_os_str().to_owned();
            aside.push(format!(".corrupt-{secs}"));
            let aside = PathBuf::from(aside);
            fs::rename(path, &aside).map_err(|e| io_err(path, e))?;
            Ok((
                None,
                Some(format!(
                    "the file {} could not be read ({e}); it was moved to {} and starts afresh",
                    path.display(),
                    aside.display()
                )),
            ))
        }
    }
}

/// Serialises writers of one progress file across processes: an advisory
/// lock on `<file>.lock` (the data file itself is replaced by rename, so it
/// cannot carry the lock). Released when dropped.
pub struct Lock {
    _file: fs::File,
}

/// Takes the lock for `path`, waiting for another session to finish its write.
pub fn lock(path: &Path) -> Result<Lock, QuizError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    if let Some(dir) = lock_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io_err(&lock_path, e))?;
    fs4::FileExt::lock(&file).map_err(|e| io_err(&lock_path, e))?;
    Ok(Lock { _file: file })
}

/// Records a change under the lock, merged with what is on disk now: lock,
/// load (setting a corrupt file aside), apply `change`, save, unlock. Returns
/// the merged progress and the notice from `load`, if any.
pub fn update(
    path: &Path,
    change: impl FnOnce(&mut Progress),
) -> Result<(Progress, Option<String>), QuizError> {
    let _lock = lock(path)?;
    let (mut p, notice) = load(path)?;
    change(&mut p);
    save(&p, path)?;
    Ok((p, notice))
}

/// Writes the progress file atomically: a temp file beside it, fsync, rename.
pub fn save(progress: &Progress, path: &Path) -> Result<(), QuizError> {
    save_json(progress, path)
}

/// Writes any JSON state file atomically: a temp file beside it, fsync,
/// rename, fsync of the directory. A reader sees the old file or the new one.
pub fn save_json<T: Serialize>(value: &T, path: &Path) -> Result<(), QuizError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
    let name = path
        .file_name()
        .map_or("state.json".into(), |n| n.to_string_lossy().into_owned());
    // The thread id too: the signal handler may save while the main thread does.
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let json =
        serde_json::to_vec_pretty(value).map_err(|e| io_err(path, std::io::Error::other(e)))?;
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        // The rename itself must reach the disk too.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_err(path, e)
    })
}

/// Today as days since 1970-01-01 (UTC).
pub fn today() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (Howard Hinnant's civil_from_days).
pub fn date_string(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD` → days since 1970-01-01 (days_from_civil).
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(date_string(0), "1970-01-01");
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        for d in [0, 19_782, 20_000, 30_000] {
            assert_eq!(parse_date(&date_string(d)), Some(d));
        }
        assert_eq!(parse_date("2024-13-01"), None);
    }

    const R: f64 = DEFAULT_RETENTION;

    #[test]
    fn fsrs_schedules_wrong_soon_and_right_later() {
        let mut p = Progress::default();
        let day = 20_000;
        p.record("q", Grade::Good, day, R);
        let first = parse_date(&p.questions["q"].due).unwrap();
        assert!(first > day, "due after today");
        assert!(!p.is_due("q", day) && p.is_due("q", first));
        p.record("q", Grade::Good, first, R);
        let second = parse_date(&p.questions["q"].due).unwrap();
        assert!(
            second - first > first - day,
            "intervals grow: {first} {second}"
        );
        p.record("q", Grade::Again, second, R);
        let lapse = parse_date(&p.questions["q"].due).unwrap() - second;
        assert!(
            (1..=2).contains(&lapse),
            "a wrong answer comes back soon: {lapse}"
        );
        assert_eq!((p.questions["q"].right, p.questions["q"].wrong), (2, 1));
        assert_eq!(p.questions["q"].fsrs.as_ref().unwrap().lapses, 1);
        assert!(!p.is_due("unseen", day));
        // Easy goes further than Good; a higher retention target, less far.
        let mut a = Progress::default();
        a.record("e", Grade::Easy, day, R);
        a.record("g", Grade::Good, day, R);
        a.record("h", Grade::Good, day, 0.97);
        let due = |id: &str| parse_date(&a.questions[id].due).unwrap();
        assert!(due("e") > due("g"), "{} {}", due("e"), due("g"));
        assert!(due("h") <= due("g"));
        assert_eq!(Grade::of(true, Some(Duration::from_secs(5))), Grade::Easy);
        assert_eq!(Grade::of(true, Some(Duration::from_secs(60))), Grade::Good);
        assert_eq!(Grade::of(true, None), Grade::Good);
        assert_eq!(Grade::of(false, Some(Duration::ZERO)), Grade::Again);
    }

    /// A progress file written by the Leitner version (committed before the
    /// switch) loads with every card, count and due date; each box becomes
    /// the stability of its interval.
    #[test]
    fn leitner_progress_migrates_without_loss() {
        let text = include_str!("../../tests/fixtures/progress-leitner-v1.json");
        let old: serde_json::Value = serde_json::from_str(text).unwrap();
        let dir = std::env::temp_dir().join(format!("labcheck-migrate-{}", std::process::id()));
        let path = dir.join("progress.json");
        fs::create_dir_all(&dir).unwrap();
        fs::write(&path, text).unwrap();
        let (mut p, notice) = load(&path).unwrap();
        assert!(notice.is_none());
        let old_q = old["questions"].as_object().unwrap();
        assert_eq!(p.questions.len(), old_q.len());
        for (id, c) in old_q {
            let card = &p.questions[id];
            let b = c["box"].as_u64().unwrap() as usize;
            assert_eq!(card.due, c["due"].as_str().unwrap(), "{id}");
            assert_eq!(u64::from(card.right), c["right"].as_u64().unwrap());
            assert_eq!(u64::from(card.wrong), c["wrong"].as_u64().unwrap());
            let m = card.fsrs.as_ref().unwrap();
            // The migration copies the interval exactly, so exact is right.
            #[allow(clippy::float_cmp)]
            let same = m.stability == INTERVALS[b - 1] as f64;
            assert!(same, "{id}: {} != {}", m.stability, INTERVALS[b - 1]);
            assert_eq!(m.state, rs_fsrs::State::Review);
            // Due on the same day as before the migration.
            let due = parse_date(&card.due).unwrap();
            assert!(p.is_due(id, due) && !p.is_due(id, due - 1));
        }
        // Answering one writes version 2 and keeps every other card as it was.
        let (id, _) = old_q.iter().find(|(_, c)| c["box"] == 5).unwrap();
        let due = parse_date(p.questions[id].due.as_str()).unwrap();
        p.record(id, Grade::Good, due, R);
        let next = parse_date(&p.questions[id].due).unwrap();
        assert!(
            next - due >= 16,
            "a box-5 card keeps a long interval: {}",
            next - due
        );
        save(&p, &path).unwrap();
        let (q, _) = load(&path).unwrap();
        assert_eq!(q.version, 2);
        assert_eq!(q.questions.len(), old_q.len());
        let saved: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert!(
            saved["questions"][id]["box"].is_u64(),
            "box still written for older readers"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unknown_ids_and_fields_survive_a_round_trip() {
        let dir = std::env::temp_dir().join(format!("labcheck-progress-{}", std::process::id()));
        let path = dir.join("progress.json");
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            &path,
            r#"{"version":1,"future":true,"questions":{"gone-id":{"box":3,"due":"2030-01-01","right":2,"wrong":0,"note":"x"}}}"#,
        )
        .unwrap();
        let (mut p, notice) = load(&path).unwrap();
        assert!(notice.is_none());
        p.record("new", Grade::Good, 20_000, R);
        save(&p, &path).unwrap();
        let (q, _) = load(&path).unwrap();
        assert_eq!(q.questions["gone-id"].leitner_box, 3);
        assert_eq!(q.questions["gone-id"].extra["note"], "x");
        assert_eq!(q.extra["future"], true);
        assert!(q.questions.contains_key("new"));

        fs::write(&path, "{ not json").unwrap();
        let (p, notice) = load(&path).unwrap();
        assert!(p.questions.is_empty());
        assert!(notice.unwrap().contains("corrupt-"));
        assert!(!path.exists());
        let aside = fs::read_dir(&dir).unwrap().filter_map(Result::ok).any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.json.corrupt-")
        });
        assert!(aside);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn updates_merge_with_what_another_session_wrote() {
        let dir = std::env::temp_dir().join(format!("labcheck-merge-{}", std::process::id()));
        let path = dir.join("progress.json");
        // Session A and B both start from an empty file.
        let (mut a, _) = load(&path).unwrap();
        update(&path, |p| p.record("q1", Grade::Good, 20_000, R)).unwrap();
        a.record("q1", Grade::Good, 20_000, R);
        // B answers without having seen A's answer: both are kept.
        let (merged, _) = update(&path, |p| p.record("q2", Grade::Again, 20_000, R)).unwrap();
        assert!(merged.questions.contains_key("q1") && merged.questions.contains_key("q2"));
        let (on_disk, _) = load(&path).unwrap();
        assert_eq!(on_disk, merged);
        fs::remove_dir_all(&dir).unwrap();
    }
}
