//! Spaced repetition: what the learner got right and wrong, per question id,
//! scheduled with Leitner boxes and kept in a JSON file.
//!
//! Box 1 is due daily, 2 every 2 days, 3 every 4, 4 every 8, 5 every 16; a wrong
//! answer sends a question to box 1, a right one to the next box. The file is
//! written atomically (temp file in the same directory, fsync, rename) so that
//! killing labcheck never leaves half a file; a file that does not parse is
//! renamed aside, never silently overwritten. Entries for ids no bank has are
//! kept: ids are stable, and a bank edit must not lose progress.
//!
//! Two sessions may run at once (two terminals). Each answer is therefore
//! recorded by `update`: take an advisory lock on `<file>.lock`, read the
//! file as it is now, apply the answer, write it back, release the lock. The
//! other session's answers, written in between, are kept.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::QuizError;

/// Days until a question in each box is due again (index = box - 1).
pub const INTERVALS: [i64; 5] = [1, 2, 4, 8, 16];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    #[serde(rename = "box")]
    pub leitner_box: u8,
    /// YYYY-MM-DD: the first day the question is due again.
    pub due: String,
    #[serde(default)]
    pub right: u32,
    #[serde(default)]
    pub wrong: u32,
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
            version: 1,
            questions: BTreeMap::new(),
            extra: BTreeMap::new(),
        }
    }
}

impl Progress {
    /// Moves a question between boxes after an answer on day `today`.
    pub fn record(&mut self, id: &str, right: bool, today: i64) {
        let card = self.questions.entry(id.to_string()).or_insert(Card {
            leitner_box: 1,
            due: date_string(today),
            right: 0,
            wrong: 0,
            extra: BTreeMap::new(),
        });
        card.leitner_box = if right {
            (card.leitner_box.clamp(1, 5) + 1).min(5)
        } else {
            1
        };
        if right {
            card.right = card.right.saturating_add(1);
        } else {
            card.wrong = card.wrong.saturating_add(1);
        }
        let interval = INTERVALS[usize::from(card.leitner_box.clamp(1, 5)) - 1];
        card.due = date_string(today + interval);
    }

    /// Is a seen question due on `today`? Unseen questions are new, not due.
    pub fn is_due(&self, id: &str, today: i64) -> bool {
        self.questions
            .get(id)
            .and_then(|c| parse_date(&c.due))
            .is_some_and(|d| d <= today)
    }

    /// Sort key for due questions: most overdue, then lowest box, first.
    pub fn due_key(&self, id: &str) -> (i64, u8) {
        self.questions.get(id).map_or((i64::MAX, 9), |c| {
            (parse_date(&c.due).unwrap_or(i64::MAX), c.leitner_box)
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
    Ok((p.unwrap_or_default(), notice))
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

    #[test]
    fn leitner_boxes() {
        let mut p = Progress::default();
        let day = 20_000;
        p.record("q", true, day);
        assert_eq!(p.questions["q"].leitner_box, 2);
        assert_eq!(p.questions["q"].due, date_string(day + 2));
        assert!(!p.is_due("q", day + 1));
        assert!(p.is_due("q", day + 2));
        for _ in 0..10 {
            p.record("q", true, day);
        }
        assert_eq!(p.questions["q"].leitner_box, 5);
        assert_eq!(p.questions["q"].due, date_string(day + 16));
        p.record("q", false, day);
        assert_eq!(p.questions["q"].leitner_box, 1);
        assert_eq!(p.questions["q"].due, date_string(day + 1));
        assert_eq!((p.questions["q"].right, p.questions["q"].wrong), (11, 1));
        assert!(!p.is_due("unseen", day));
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
        p.record("new", true, 20_000);
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
        update(&path, |p| p.record("q1", true, 20_000)).unwrap();
        a.record("q1", true, 20_000);
        // B answers without having seen A's answer: both are kept.
        let (merged, _) = update(&path, |p| p.record("q2", false, 20_000)).unwrap();
        assert!(merged.questions.contains_key("q1") && merged.questions.contains_key("q2"));
        let (on_disk, _) = load(&path).unwrap();
        assert_eq!(on_disk, merged);
        fs::remove_dir_all(&dir).unwrap();
    }
}
