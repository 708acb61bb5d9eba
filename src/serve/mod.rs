//! `grade --serve`: the live class view. A `Board` follows the class from
//! round to round (who is complete, who has not moved, each result's
//! fingerprint so an unchanged one is not journaled again); a `Hub` holds
//! what the web server hands out (the class JSON, the journal to read one
//! student's whole report from) and wakes the browsers' event streams; `http`
//! is the server itself. Nothing here grades or prints.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use serde::Serialize;
use tokio::sync::watch;

use crate::grade::{Access, JournalIndex, Student, StudentResult};
use crate::lab::Lab;
use crate::lang::Lang;
use crate::report::{Gradebook, Texts};

mod http;

pub use http::serve;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "--serve {addr}: not an address to listen on; expected HOST:PORT such as 127.0.0.1:8080 or 0.0.0.0:8080"
    )]
    BadAddress { addr: String },
    #[error(
        "--serve {addr}: could not listen there ({source}); is another program using the port? Choose another with --serve HOST:PORT"
    )]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("could not make an access token: {0}")]
    Token(String),
}

/// Where the server listens and the token it asks for (None on loopback
/// unless `--require-token`).
pub struct Bound {
    pub listener: tokio::net::TcpListener,
    pub addr: SocketAddr,
    pub token: Option<String>,
}

impl Bound {
    /// The link to open: with the token when one is needed.
    pub fn url(&self) -> String {
        match &self.token {
            Some(token) => format!("http://{}/?token={token}", self.addr),
            None => format!("http://{}/", self.addr),
        }
    }
}

/// Listens on `addr`; any address but loopback gets a fresh token.
pub async fn bind(addr: &str, require_token: bool) -> Result<Bound, ServeError> {
    let parsed: SocketAddr = addr
        .trim()
        .parse()
        .or_else(|_| {
            // `localhost:8080` is what people type.
            addr.trim()
                .strip_prefix("localhost:")
                .and_then(|port| port.parse::<u16>().ok())
                .map(|port| SocketAddr::from(([127, 0, 0, 1], port)))
                .ok_or(())
        })
        .map_err(|()| ServeError::BadAddress { addr: addr.into() })?;
    let listener = tokio::net::TcpListener::bind(parsed)
        .await
        .map_err(|source| ServeError::Bind {
            addr: addr.into(),
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| ServeError::Bind {
        addr: addr.into(),
        source,
    })?;
    let token = if require_token || !addr.ip().is_loopback() {
        Some(new_token()?)
    } else {
        None
    };
    Ok(Bound {
        listener,
        addr,
        token,
    })
}

/// 32 random bytes from the OS, in hex.
fn new_token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| ServeError::Token(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What a browser is told when the class changed; it then fetches the class.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Update {
    pub version: u64,
    pub round: u32,
    pub grading: bool,
}

/// What the server hands out, shared with the round loop.
pub struct Hub {
    class: RwLock<Bytes>,
    updates: watch::Sender<Update>,
    journal: Mutex<Option<JournalIndex>>,
    /// Each student's role ARN, external id and snapshot path: never served.
    secrets: Vec<String>,
    roster: Vec<String>,
    /// The lab's words in the page's language, to render a student's
    /// journaled record.
    texts: Texts,
    token: Option<String>,
    /// The host names a browser may use without a token (DNS rebinding).
    port: u16,
}

impl Hub {
    pub fn new(students: &[Student], bound: &Bound, texts: Texts) -> Arc<Hub> {
        let mut secrets: Vec<String> = students
            .iter()
            .flat_map(|s| match &s.access {
                Access::Role { arn, external_id } => {
                    let mut v = vec![arn.clone()];
                    v.extend(external_id.clone());
                    v
                }
                Access::Snapshot(path) => vec![path.display().to_string()],
                Access::Profile(_) => Vec::new(),
            })
            .filter(|s| !s.is_empty())
            .collect();
        // Longest first, so an ARN is not half-replaced by a shorter secret.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        secrets.dedup();
        let (updates, _) = watch::channel(Update::default());
        Arc::new(Hub {
            class: RwLock::new(Bytes::from_static(b"{}")),
            updates,
            journal: Mutex::new(None),
            secrets,
            roster: students.iter().map(|s| s.id.clone()).collect(),
            texts,
            token: bound.token.clone(),
            port: bound.addr.port(),
        })
    }

    /// Hands out a new class view and wakes every event stream.
    pub fn publish(&self, class: Bytes, round: u32, grading: bool) {
        if let Ok(mut slot) = self.class.write() {
            *slot = class;
        }
        self.updates.send_modify(|u| {
            u.version += 1;
            u.round = round;
            u.grading = grading;
        });
    }

    /// The journal to read whole reports from, after it grew.
    pub fn set_journal(&self, journal: JournalIndex) {
        if let Ok(mut slot) = self.journal.lock() {
            *slot = Some(journal);
        }
    }

    fn class(&self) -> Bytes {
        self.class.read().map(|c| c.clone()).unwrap_or_default()
    }

    /// One student's whole result, as `grade --output json` gives it, with
    /// nothing secret in it; None for an id not on the roster.
    fn student(&self, id: &str) -> Option<Bytes> {
        if !self.roster.iter().any(|r| r == id) {
            return None;
        }
        let whole = self.journal.lock().ok()?.as_ref()?.get(id)?;
        let view = self.texts.view(&whole, crate::report::Feedback::Full);
        let mut value = serde_json::to_value(view).ok()?;
        scrub(&mut value, &self.secrets);
        serde_json::to_vec(&value).ok().map(Bytes::from)
    }
}

/// Replaces every secret inside the strings of `value` (never in keys) with
/// `…`, and any other ARN of an IAM role or STS session in an error too.
pub fn scrub(value: &mut serde_json::Value, secrets: &[String]) {
    match value {
        serde_json::Value::String(s) => {
            for secret in secrets {
                // A very short secret (an external id "x") only goes when it
                // is the whole string; inside text it would mangle words.
                if secret.len() >= 6 {
                    if s.contains(secret.as_str()) {
                        *s = s.replace(secret.as_str(), "…");
                    }
                } else if s == secret {
                    *s = "…".into();
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| scrub(v, secrets)),
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "error"
                    && let serde_json::Value::String(s) = v
                {
                    *s = scrub_arns(s);
                }
                scrub(v, secrets);
            }
        }
        _ => {}
    }
}

/// An error's role and session ARNs (`arn:aws:iam::1:role/x`,
/// `arn:aws:sts::1:assumed-role/x/y`) and absolute paths are not the class's
/// business.
fn scrub_arns(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let arn = word.contains("arn:aws:iam::") || word.contains("arn:aws:sts::");
            let path = word.starts_with('/') && word.len() > 1;
            if arn || path { "…" } else { word }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a student has been doing, across rounds.
#[derive(Debug, Clone)]
struct Seen {
    fingerprint: u64,
    passed: usize,
    last_progress: jiff::Timestamp,
}

/// The class across rounds: each student's latest result (slim), when they
/// last made progress, and the round.
pub struct Board {
    students: Vec<Student>,
    results: BTreeMap<String, StudentResult>,
    seen: HashMap<String, Seen>,
    pub round: u32,
    pub grading: bool,
    stale_after: Duration,
    every: Duration,
    lang: Lang,
    /// (check id, title, step id) in lab order: the grid's columns.
    columns: Vec<(String, String, String)>,
}

impl Board {
    pub fn new(
        lab: &Lab,
        students: &[Student],
        lang: Lang,
        every: Duration,
        stale_after: Duration,
    ) -> Board {
        let columns = lab
            .steps
            .iter()
            .flat_map(|s| {
                s.checks
                    .iter()
                    .map(move |c| (c.id.clone(), c.title.get(lang).to_string(), s.id.clone()))
            })
            .collect();
        Board {
            students: students.to_vec(),
            results: BTreeMap::new(),
            seen: HashMap::new(),
            round: 0,
            grading: false,
            stale_after,
            every,
            lang,
            columns,
        }
    }

    fn fingerprint(result: &StudentResult) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(result)
            .unwrap_or_default()
            .hash(&mut hasher);
        hasher.finish()
    }

    /// Whether `result` differs from the last one known for its student
    /// (and so is worth a journal line).
    pub fn changed(&self, result: &StudentResult) -> bool {
        self.seen
            .get(&result.id)
            .is_none_or(|s| s.fingerprint != Board::fingerprint(result))
    }

    /// A student's new result (whole, as graded or read from the journal).
    pub fn record(&mut self, result: StudentResult) {
        let now = jiff::Timestamp::now();
        let passed = result.score.map_or(0, |s| s.passed);
        let fingerprint = Board::fingerprint(&result);
        let entry = self.seen.entry(result.id.clone()).or_insert(Seen {
            fingerprint,
            passed,
            last_progress: now,
        });
        if passed > entry.passed {
            entry.last_progress = now;
        }
        entry.passed = passed;
        entry.fingerprint = fingerprint;
        self.results.insert(result.id.clone(), result.slim());
    }

    fn complete(result: &StudentResult) -> bool {
        result.graded() && result.score.is_some_and(|s| s.passed == s.total)
    }

    /// Who the next round reads: everyone not yet complete, in roster order.
    pub fn incomplete(&self) -> Vec<Student> {
        self.students
            .iter()
            .filter(|s| !self.results.get(&s.id).is_some_and(Board::complete))
            .cloned()
            .collect()
    }

    fn stale(&self, id: &str, now: jiff::Timestamp) -> bool {
        let complete = self.results.get(id).is_some_and(Board::complete);
        !complete
            && self.seen.get(id).is_some_and(|s| {
                now.duration_since(s.last_progress)
                    .unsigned_abs()
                    .ge(&self.stale_after)
            })
    }

    /// The gradebook of the latest results, in roster order.
    pub fn gradebook(&self, lab: &Lab) -> Gradebook {
        let ordered = self
            .students
            .iter()
            .filter_map(|s| self.results.get(&s.id).cloned())
            .collect();
        crate::report::gradebook(lab, ordered, self.lang)
    }

    /// (complete, total, stuck, not graded).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let now = jiff::Timestamp::now();
        let complete = self.results.values().filter(|r| Board::complete(r)).count();
        let stuck = self
            .students
            .iter()
            .filter(|s| self.stale(&s.id, now))
            .count();
        let errors = self.results.values().filter(|r| !r.graded()).count();
        (complete, self.students.len(), stuck, errors)
    }

    /// What `/api/class` serves: the gradebook exactly as `grade --output
    /// json` shapes it (slim: statuses and codes, no messages), plus `live`
    /// (the round, each student's progress) and `labels` (the page's words).
    pub fn json(&self, lab: &Lab, hub: &Hub) -> Bytes {
        let now = jiff::Timestamp::now();
        let book = self.gradebook(lab);
        let mut value = book.to_json();
        let students: Vec<serde_json::Value> = self
            .students
            .iter()
            .map(|s| {
                let result = self.results.get(&s.id);
                let current = result.filter(|r| r.graded()).and_then(|r| {
                    r.steps
                        .iter()
                        .find(|st| st.status != crate::checks::Status::Pass)
                        .map(|st| st.id.clone())
                });
                let seen = self.seen.get(&s.id);
                serde_json::json!({
                    "id": s.id,
                    "name": s.name,
                    "graded": result.is_some(),
                    "complete": result.is_some_and(Board::complete),
                    "current_step": current,
                    "last_progress": seen.map(|s| s.last_progress.to_string()),
                    "stale": self.stale(&s.id, now),
                })
            })
            .collect();
        let columns: Vec<serde_json::Value> = self
            .columns
            .iter()
            .map(|(id, title, step)| serde_json::json!({"id": id, "title": title, "step": step}))
            .collect();
        if let Some(map) = value.as_object_mut() {
            map.insert(
                "live".into(),
                serde_json::json!({
                    "round": self.round,
                    "grading": self.grading,
                    "updated": now.to_string(),
                    "every_seconds": self.every.as_secs(),
                    "stale_after_seconds": self.stale_after.as_secs(),
                    "checks": columns,
                    "students": students,
                }),
            );
            map.insert(
                "labels".into(),
                serde_json::to_value(crate::report::live_labels(self.lang)).unwrap_or_default(),
            );
        }
        scrub(&mut value, &hub.secrets);
        Bytes::from(serde_json::to_vec(&value).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_leave_strings_but_keys_and_short_words_stay() {
        let mut v = serde_json::json!({
            "error": "the role could not be assumed: User: arn:aws:sts::1:assumed-role/i/x is not authorized on arn:aws:iam::2:role/labcheck-audit",
            "message": "read /home/t/s01.toml with ext-id-123456",
            "id": "s01",
        });
        scrub(&mut v, &["ext-id-123456".into(), "s01".into()]);
        let text = v.to_string();
        assert!(!text.contains("arn:aws:iam::2"), "{text}");
        assert!(!text.contains("assumed-role"), "{text}");
        assert!(!text.contains("ext-id-123456"), "{text}");
        // A short secret goes only when it is the whole string.
        assert_eq!(v["id"], "…");
        assert!(text.contains("read /home/t/s01.toml"), "{text}");
    }
}
