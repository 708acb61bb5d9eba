//! `labcheck quiz` through the real binary: piped sessions, `--list`, usage
//! errors, the exam, progress files (corrupt, killed mid-write) and an
//! interactive session in a real terminal under tmux.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const BIN: &str = env!("CARGO_BIN_EXE_labcheck");

/// A fresh directory for one test, used as XDG_DATA_HOME so that no test ever
/// touches the real progress file.
fn temp_dir(name: &str) -> Tmp {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "labcheck-test-{name}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    Tmp(dir)
}

/// A test directory, removed when the test ends (pass or fail).
struct Tmp(PathBuf);

impl std::ops::Deref for Tmp {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// The small bank under tests/banks, so that tests of the quiz's behaviour
/// do not depend on the shipped banks' content, which grows and changes.
const TEST_BANK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/banks/complete.toml");

/// The letter a choice is shown under ("  B. Retry at once…" → 'B').
fn letter_of(screen: &str, choice: &str) -> char {
    screen
        .lines()
        .find_map(|l| {
            let l = l.trim_start();
            let (letter, rest) = l.split_once(". ")?;
            (letter.len() == 1 && rest.starts_with(choice)).then(|| letter.chars().next().unwrap())
        })
        .unwrap_or_else(|| panic!("no choice {choice:?} in:\n{screen}"))
}

fn quiz(data: &Path, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(BIN)
        .arg("quiz")
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("LABCHECK_LANG", "en")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn labcheck");
    // A closed pipe just means labcheck stopped reading early.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn progress_file(data: &Path) -> PathBuf {
    data.join("labcheck").join("progress.json")
}

#[test]
fn piped_answers_run_to_the_score() {
    let data = temp_dir("piped");
    let r = quiz(&data, &["--count", "2", "--seed", "1"], "A\nB\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Question 1 of 2"), "{}", r.out);
    assert!(r.out.contains("Question 2 of 2"), "{}", r.out);
    assert!(r.out.contains("Score: "), "{}", r.out);
    assert!(r.out.contains("By domain:"), "{}", r.out);
    assert!(!r.out.contains('\x1b'), "no colour into a pipe");
    // Every answer is kept, keyed by question id.
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(progress_file(&data)).unwrap()).unwrap();
    assert_eq!(p["questions"].as_object().unwrap().len(), 2);
    // The same seed replays the same session.
    let again = quiz(
        &temp_dir("piped2"),
        &["--count", "2", "--seed", "1"],
        "A\nB\n",
    );
    assert_eq!(again.out, r.out);
    let other = quiz(
        &temp_dir("piped3"),
        &["--count", "2", "--seed", "2"],
        "A\nB\n",
    );
    assert_ne!(other.out, r.out);
}

#[test]
fn invalid_input_is_asked_again_and_eof_stops_with_the_score() {
    let data = temp_dir("invalid");
    let r = quiz(
        &data,
        // Seed 1 asks the single-answer question first, then the KMS one.
        &[
            "--bank", TEST_BANK, "--topic", "sdk", "--topic", "kms", "--count", "2", "--seed", "1",
        ],
        "Z\n42\nA\n",
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Not an answer"), "{}", r.out);
    assert!(r.out.contains("End of input"), "{}", r.out);
    assert!(
        r.out.contains("Score: ") && r.out.contains(" / 1 "),
        "{}",
        r.out
    );
}

#[test]
fn colour_follows_the_flag() {
    let data = temp_dir("colour");
    let r = quiz(
        &data,
        &["--count", "1", "--seed", "1", "--color", "always"],
        "A\n",
    );
    assert!(r.out.contains("\x1b["), "{}", r.out);
    let r = quiz(
        &data,
        &["--count", "1", "--seed", "1", "--color", "never"],
        "A\n",
    );
    assert!(!r.out.contains('\x1b'));
}

#[test]
fn list_shows_whole_prompts_wrapped_in_aligned_columns() {
    let data = temp_dir("list");
    let run = |columns: &str| {
        let out = Command::new(BIN)
            .args(["quiz", "--list", "--bank", TEST_BANK])
            .env("XDG_DATA_HOME", &*data)
            .env("LABCHECK_LANG", "en")
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let out = run("100");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 5, "{out}");
    assert!(lines.iter().any(|l| l.starts_with("tc-backoff ")), "{out}");
    assert!(lines.iter().all(|l| l.chars().count() <= 100), "{out}");
    // Every row starts with an id or continues under the prompt column.
    let col = lines[0].find(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
    assert!(col > 30, "the prompt column: {}", lines[0]);
    for l in &lines {
        let (lead, _) = l.split_at(col.min(l.len()));
        assert!(
            lead.trim().is_empty() || !lead.starts_with(' '),
            "misaligned: {l:?}"
        );
    }
    // Whole prompts: nothing is cut with an ellipsis.
    assert!(!out.contains('…'), "{out}");
    let narrow = run("60");
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
    // Too narrow for the columns: the prompt goes under its row, indented.
    assert!(
        narrow
            .lines()
            .any(|l| l.starts_with("    ") && !l.trim().is_empty()),
        "{narrow}"
    );
}

#[test]
fn unknown_topic_or_domain_is_usage() {
    let data = temp_dir("usage");
    let r = quiz(&data, &["--topic", "kubernetes"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("unknown topic \"kubernetes\""), "{}", r.err);
    assert!(r.err.contains("dynamodb"), "lists the topics: {}", r.err);
    let r = quiz(&data, &["--domain", "networking"], "");
    assert_eq!(r.code, 2);
    assert!(
        r.err
            .contains("development, security, deployment, troubleshooting"),
        "{}",
        r.err
    );
}

#[test]
fn a_bad_bank_is_usage_with_a_position() {
    let data = temp_dir("badbank");
    let bank = data.join("bad.toml");
    std::fs::write(
        &bank,
        "[bank]\nid = \"x\"\ntitle = \"X\"\nchecked = \"2026-13-01\"\n",
    )
    .unwrap();
    let r = quiz(&data, &["--bank", bank.to_str().unwrap(), "--list"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("bad.toml:4:11"), "{}", r.err);
    assert!(r.err.contains("YYYY-MM-DD"), "{}", r.err);
}

#[test]
fn topic_filter_and_due_first() {
    let data = temp_dir("due");
    let bank = ["--bank", TEST_BANK];
    let r = quiz(
        &data,
        &[
            &bank[..],
            &["--topic", "sdk", "--count", "2", "--seed", "4"],
        ]
        .concat(),
        "A\n",
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("ThrottlingException"), "{}", r.out);
    assert!(
        !r.out.contains("KMS"),
        "only the topic asked for: {}",
        r.out
    );
    // Make one question overdue by hand, then --due must ask it first.
    let path = progress_file(&data);
    let mut p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    p["questions"]["tc-kms-two"] =
        serde_json::json!({"box": 3, "due": "2020-01-01", "right": 2, "wrong": 0});
    std::fs::write(&path, p.to_string()).unwrap();
    let r = quiz(
        &data,
        &[&bank[..], &["--due", "--count", "1", "--seed", "9"]].concat(),
        "AB\n",
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("1 question(s) due"), "{}", r.out);
    assert!(
        r.out.contains("Which two are true of KMS keys?"),
        "the due KMS question came first: {}",
        r.out
    );
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // FSRS rescheduled it (migrating the hand-written version-1 card first).
    let card = &p["questions"]["tc-kms-two"];
    assert!(card["fsrs"]["stability"].is_f64(), "{card}");
    assert!(card["due"].as_str().unwrap() > "2020-01-01", "{card}");
    assert_eq!(p["version"], 2);
}

/// `--stats` on a progress file from the Leitner version: every card is
/// counted, and what is due today and this week is shown per domain.
#[test]
fn stats_show_recall_and_what_is_due() {
    let data = temp_dir("stats");
    let path = progress_file(&data);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::copy(
        format!(
            "{}/tests/fixtures/progress-leitner-v1.json",
            env!("CARGO_MANIFEST_DIR")
        ),
        &path,
    )
    .unwrap();
    let r = quiz(&data, &["--stats"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Spaced repetition (FSRS)"), "{}", r.out);
    assert!(r.out.contains("Seen 31 of "), "{}", r.out);
    assert!(r.out.contains("Predicted recall today"), "{}", r.out);
    assert!(r.out.contains("Due today: "), "{}", r.out);
    assert!(r.out.contains("Security"), "{}", r.out);
    // --stats only reads: the version-1 file is not rewritten.
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(p["version"], 1);
    let r = quiz(&data, &["--stats", "--retention", "0.5"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("from 0.7 to 0.99"), "{}", r.err);
}

#[test]
fn a_corrupt_progress_file_is_set_aside() {
    let data = temp_dir("corrupt");
    let path = progress_file(&data);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "{\"version\": 1, \"questions\": {").unwrap();
    let r = quiz(&data, &["--count", "1", "--seed", "1"], "A\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.err.contains("could not be read") && r.err.contains("corrupt-"),
        "{}",
        r.err
    );
    let aside: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(aside[0].path()).unwrap(),
        "{\"version\": 1, \"questions\": {",
        "the old file is kept as it was"
    );
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(p["questions"].as_object().unwrap().len(), 1);
}

/// Kills labcheck at varied moments while it rewrites a large progress file
/// after every answer; the file must parse every time and keep every entry.
#[test]
fn progress_survives_a_kill_mid_write() {
    let data = temp_dir("kill");
    let path = progress_file(&data);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Many entries for ids no bank has: a big file makes each write slow
    // enough to be interrupted, and they must all survive.
    let mut questions = serde_json::Map::new();
    for i in 0..20_000 {
        questions.insert(
            format!("old-question-{i}"),
            serde_json::json!({"box": 2, "due": "2030-01-01", "right": 1, "wrong": 0}),
        );
    }
    let start = serde_json::json!({"version": 1, "questions": questions});
    std::fs::write(&path, start.to_string()).unwrap();
    let mut seed = u64::from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos(),
    );
    for round in 0..12 {
        let mut child = Command::new(BIN)
            .args(["quiz", "--count", "20", "--seed", &round.to_string()])
            .env("XDG_DATA_HOME", &*data)
            .env("LABCHECK_LANG", "en")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all("A\n".repeat(20).as_bytes());
        drop(stdin);
        // A different moment each round: 0 to ~60 ms in.
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_micros((seed >> 33) % 60_000));
        let _ = child.kill();
        let _ = child.wait();
        let text = std::fs::read_to_string(&path).expect("the progress file is always there");
        let p: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("round {round}: progress file corrupt after kill: {e}"));
        let q = p["questions"].as_object().unwrap();
        assert!(q.len() >= 20_000, "round {round}: entries lost");
        assert!(q.contains_key("old-question-19999"));
    }
    // No temp files left behind by completed writes beyond the one in flight.
    let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert!(leftovers <= 13, "{leftovers} files");
}

#[test]
fn exam_runs_with_flag_review_and_scaled_score() {
    let data = temp_dir("exam");
    // Flag question 1 and answer it, open the review, go back to 2, answer,
    // then submit from the review screen.
    let r = quiz(&data, &["--exam", "--seed", "3"], "?\nA\nr\n2\nB\ns\ny\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Question 1 of "), "{}", r.out);
    assert!(r.out.contains(" left"), "the clock is shown: {}", r.out);
    assert!(r.out.contains("Flagged for review."), "{}", r.out);
    assert!(r.out.contains("Review before submitting"), "{}", r.out);
    assert!(r.out.contains("Flagged:    1\n"), "{}", r.out);
    assert!(
        !r.out.contains("✓ Right") && !r.out.contains("✗ Wrong"),
        "no feedback during the exam"
    );
    assert!(r.out.contains("Scaled score: "), "{}", r.out);
    assert!(r.out.contains("(pass mark 720)"), "{}", r.out);
    assert!(r.out.contains("needs improvement"), "{}", r.out);
    assert!(
        r.out.contains("Review of the questions you missed"),
        "{}",
        r.out
    );
    // Skipping every question, then submitting (confirmed), reaches the result.
    let r = quiz(
        &data,
        &["--exam", "--seed", "4"],
        &format!("{}s\ny\n", "\n".repeat(65)),
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Scaled score: "), "{}", r.out);
}

/// An interactive session in a real terminal: tmux gives labcheck a tty of
/// 80×40; we type an answer and read the screen.
#[test]
fn interactive_session_in_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the interactive terminal test");
        return;
    }
    let data = temp_dir("tmux");
    let session = format!("labcheck-test-{}", std::process::id());
    let cmd = format!(
        "env XDG_DATA_HOME={} LABCHECK_LANG=en {BIN} quiz --count 2 --seed 7; echo EXITED $?; sleep 30",
        data.display()
    );
    let ok = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "80",
            "-y",
            "40",
            &cmd,
        ])
        .status()
        .unwrap()
        .success();
    assert!(ok, "tmux new-session failed");
    // Ends the tmux session however the test ends.
    struct Kill(String);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = Command::new("tmux")
                .args(["kill-session", "-t", &self.0])
                .status();
        }
    }
    let _kill = Kill(session.clone());
    let capture = || {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &session, "-S", "-200"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let wait_for = |needle: &str| -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = capture();
            if screen.contains(needle) || Instant::now() > deadline {
                return screen;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let send = |keys: &str| {
        Command::new("tmux")
            .args(["send-keys", "-t", &session, keys, "Enter"])
            .status()
            .unwrap();
    };
    let screen = wait_for("Your answer");
    {
        assert!(screen.contains("Question 1 of 2"), "{screen}");
        send("nonsense");
        let screen = wait_for("Not an answer");
        assert!(screen.contains("Not an answer"), "{screen}");
        send("A");
        let screen = wait_for("Question 2 of 2");
        assert!(
            screen.contains("Right.") || screen.contains("Wrong."),
            "{screen}"
        );
        send("B");
        let screen = wait_for("EXITED");
        assert!(screen.contains("Score: "), "{screen}");
        assert!(screen.contains("EXITED 0"), "{screen}");
    }
}

/// Runs `labcheck` with any arguments (not only `quiz`).
fn labcheck(args: &[&str]) -> Run {
    let out = Command::new(BIN)
        .args(args)
        .env("LABCHECK_LANG", "en")
        .env_remove("NO_COLOR")
        .output()
        .expect("spawn labcheck");
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn lint_passes_a_complete_bilingual_bank_and_lists_every_content_problem() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let good = format!("{dir}/tests/banks/complete.toml");
    let r = labcheck(&["lint", &good]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    let bad = format!("{dir}/tests/banks/broken.toml");
    let r = labcheck(&["lint", &bad]);
    assert_eq!(r.code, 2, "{}{}", r.out, r.err);
    assert!(r.err.contains("9 problem(s)"), "{}", r.err);
    for want in [
        "broken.toml:6:9: field `bank.title` has no Korean",
        "broken.toml:9:1: question \"tb-no-task\": no `task`",
        "no `checked` date of its own",
        "field `choice[2].wrong` has no Korean",
        "\"all of the above\"",
        "field `items[3]` has no Korean",
        "in 1 of 1 single-answer questions (100%; the limit is 35%)",
    ] {
        assert!(r.err.contains(want), "missing {want:?} in {}", r.err);
    }
    // The quiz still runs on it: content rules do not make a bank unusable.
    let data = temp_dir("broken-bank");
    let r = quiz(&data, &["--bank", &bad, "--list"], "");
    assert_eq!(r.code, 0, "{}", r.err);
}

#[test]
fn bank_format_is_printed_for_installed_users() {
    let r = labcheck(&["quiz", "--bank-format"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with("# Question banks"), "{}", r.out);
    assert!(r.out.contains("task statements"), "{}", r.out);
}

#[test]
fn a_misspelt_topic_or_domain_gets_a_suggestion() {
    let data = temp_dir("didyoumean");
    let r = quiz(&data, &["--topic", "lamda"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("did you mean \"lambda\"?"), "{}", r.err);
    let r = quiz(&data, &["--domain", "securty"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("did you mean \"security\"?"), "{}", r.err);
}

/// Two sessions at once (two terminals), answering in turn: every answer of
/// both is in the file at the end, because each write merges under a lock.
#[test]
fn two_sessions_answering_in_turn_keep_every_answer() {
    let data = temp_dir("two-sessions");
    let path = progress_file(&data);
    let spawn = |seed: &str| {
        Command::new(BIN)
            .args(["quiz", "--count", "3", "--seed", seed, "--bank"])
            .arg(format!(
                "{}/tests/banks/singles.toml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .env("XDG_DATA_HOME", &*data)
            .env("LABCHECK_LANG", "en")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let answers = |path: &Path| -> u64 {
        let Ok(text) = std::fs::read_to_string(path) else {
            return 0;
        };
        let p: serde_json::Value = serde_json::from_str(&text).unwrap();
        p["questions"]
            .as_object()
            .unwrap()
            .values()
            .map(|c| c["right"].as_u64().unwrap_or(0) + c["wrong"].as_u64().unwrap_or(0))
            .sum()
    };
    // Both start (and read the empty file) before either answers.
    let mut a = spawn("21");
    let mut b = spawn("22");
    std::thread::sleep(Duration::from_millis(300));
    let mut a_in = a.stdin.take().unwrap();
    let mut b_in = b.stdin.take().unwrap();
    let mut expected = 0;
    for _ in 0..3 {
        for input in [&mut a_in, &mut b_in] {
            input.write_all(b"A\n").unwrap();
            input.flush().unwrap();
            expected += 1;
            let start = Instant::now();
            while answers(&path) < expected {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "answer {expected} not saved"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
    drop((a_in, b_in));
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    assert_eq!(answers(&path), 6, "every answer of both sessions is kept");
}

#[test]
fn an_exam_stopped_by_end_of_input_is_resumed_or_abandoned() {
    let data = temp_dir("exam-resume");
    // Seed 3 starts with two single-answer questions.
    let r = quiz(&data, &["--exam", "--seed", "3"], "A\nB\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .contains("Input ended: the exam is saved (2 of 65 answered"),
        "{}",
        r.out
    );
    assert!(!r.out.contains("Scaled score"), "not submitted: {}", r.out);
    let saved = data.join("labcheck").join("progress.exam.json");
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(s["seed"], 3);
    assert_eq!(
        s["answers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| !a.is_null())
            .count(),
        2
    );
    // A new exam is refused while one is in progress.
    let r = quiz(&data, &["--exam"], "");
    assert_eq!(r.code, 2);
    assert!(
        r.err.contains("an exam is in progress (2 of 65 answered"),
        "{}",
        r.err
    );
    assert!(
        r.err.contains("--exam --resume") && r.err.contains("--exam --abandon"),
        "{}",
        r.err
    );
    // Resume: the same questions, continuing at question 3.
    let r = quiz(&data, &["--exam", "--resume"], "\n");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains("Practice exam resumed: 2 of 65 answered"),
        "{}",
        r.out
    );
    assert!(r.out.contains("Question 3 of 65"), "{}", r.out);
    assert!(r.out.contains("(2 of 65 answered"), "{}", r.out);
    let r = quiz(&data, &["--exam", "--abandon"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("dropped"), "{}", r.out);
    assert!(!saved.exists());
    let r = quiz(&data, &["--exam", "--resume"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("no exam in progress"), "{}", r.err);
}

#[test]
fn due_offers_to_retry_the_missed_questions() {
    let data = temp_dir("due-retry");
    let args = [
        "--bank", TEST_BANK, "--topic", "sdk", "--due", "--count", "3", "--seed", "2",
    ];
    // The same seed shows the same order: read which letter is wrong first.
    let shown = quiz(&data, &args, "");
    let wrong = letter_of(&shown.out, "Retry at once, in a tight loop");
    let right = letter_of(&shown.out, "Retry with backoff and jitter.");
    let r = quiz(&data, &args, &format!("{wrong}\ny\n{right}\n"));
    assert_eq!(r.code, 0, "{}", r.err);
    let first = &r.out[..r.out.find("Score: ").unwrap()];
    assert_eq!(first.matches("✗ Wrong").count(), 1, "{}", r.out);
    assert!(
        r.out.contains("Retry the 1 question(s) you missed now?"),
        "{}",
        r.out
    );
    assert_eq!(
        r.out.matches("Score: ").count(),
        2,
        "a second round: {}",
        r.out
    );
    // Declined: one round only.
    let data = temp_dir("due-retry-no");
    let r = quiz(&data, &args, &format!("{wrong}\nn\n"));
    assert_eq!(r.out.matches("Score: ").count(), 1, "{}", r.out);
}

// ---- in a real terminal (pseudo-terminal) ----

mod pty {
    use super::*;
    use expectrl::process::unix::WaitStatus;
    use expectrl::session::OsSession;
    use expectrl::{ControlCode, Expect, Session};

    fn spawn(data: &Path, args: &[&str]) -> OsSession {
        let mut cmd = Command::new(BIN);
        cmd.arg("quiz")
            .args(args)
            .args(["--color", "never"])
            .env("XDG_DATA_HOME", data)
            .env("COLUMNS", "100")
            .env("LABCHECK_LANG", "en");
        let mut s = Session::spawn(cmd).expect("spawn in a pty");
        s.set_expect_timeout(Some(Duration::from_secs(20)));
        s
    }

    fn exit_code(s: &OsSession) -> i32 {
        match s.get_process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("not a normal exit: {other:?}"),
        }
    }

    /// Answer two questions, press Ctrl-C: the screen says what was kept, the
    /// exit code is 130 (128 + SIGINT) and both answers are in the file.
    #[test]
    fn ctrl_c_in_practice_keeps_every_answer() {
        let data = temp_dir("pty-practice");
        let mut s = spawn(&data, &["--count", "5", "--seed", "3"]);
        s.expect("Question 1 of 5").unwrap();
        s.expect("Your answer").unwrap();
        s.send_line("A").unwrap();
        s.expect("Question 2 of 5").unwrap();
        s.expect("Your answer").unwrap();
        s.send_line("B").unwrap();
        s.expect("Question 3 of 5").unwrap();
        s.expect("Your answer").unwrap();
        s.send(ControlCode::EndOfText).unwrap();
        s.expect("Stopped: every answer so far is saved.").unwrap();
        assert_eq!(exit_code(&s), 130);
        let p: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(progress_file(&data)).unwrap()).unwrap();
        assert_eq!(p["questions"].as_object().unwrap().len(), 2);
    }

    fn left(header: &str) -> u64 {
        // "Question 3 of 65  ·  2:09:57 left"
        let t = header
            .split("  ·  ")
            .nth(1)
            .unwrap()
            .trim_end_matches(" left");
        let p: Vec<u64> = t.split(':').map(|x| x.trim().parse().unwrap()).collect();
        p[0] * 3600 + p[1] * 60 + p[2]
    }

    /// `--exam`, two answers, Ctrl-C; then `--exam --resume` continues at
    /// question 3 with less time on the clock than the full 130 minutes.
    #[test]
    fn ctrl_c_in_the_exam_then_resume_with_less_time() {
        let data = temp_dir("pty-exam");
        // Seed 3 starts with two single-answer questions.
        let mut s = spawn(&data, &["--exam", "--seed", "3"]);
        s.expect("Question 1 of 65").unwrap();
        s.expect("Answer (").unwrap();
        s.send_line("A").unwrap();
        s.expect("Question 2 of 65").unwrap();
        s.expect("Answer (").unwrap();
        s.send_line("B").unwrap();
        s.expect("Question 3 of 65").unwrap();
        s.expect("Answer (").unwrap();
        std::thread::sleep(Duration::from_millis(2200));
        s.send(ControlCode::EndOfText).unwrap();
        s.expect("Stopped: the exam is saved.").unwrap();
        assert_eq!(exit_code(&s), 130);
        let saved: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(data.join("labcheck").join("progress.exam.json")).unwrap(),
        )
        .unwrap();
        assert!(saved["elapsed_secs"].as_u64().unwrap() >= 2, "{saved}");

        let mut r = spawn(&data, &["--exam", "--resume"]);
        r.expect("Practice exam resumed: 2 of 65 answered").unwrap();
        let m = r
            .expect(expectrl::Regex("Question 3 of 65  ·  [0-9:]+ left"))
            .unwrap();
        let header = String::from_utf8_lossy(m.get(0).unwrap()).into_owned();
        assert!(left(&header) <= 130 * 60 - 2, "{header}");
        r.expect("Answer (").unwrap();
        r.send(ControlCode::EndOfText).unwrap();
        r.expect("Stopped: the exam is saved.").unwrap();
        assert_eq!(exit_code(&r), 130);
    }
}

/// `--lang ko`, or a Korean locale, asks in Korean: the bank's Korean texts
/// and the chrome from locales/ko/quiz.ftl; a text with no Korean falls back
/// to English.
#[test]
fn korean_by_flag_or_locale() {
    let data = temp_dir("korean");
    let bank = format!("{}/tests/banks/complete.toml", env!("CARGO_MANIFEST_DIR"));
    let broken = format!("{}/tests/banks/broken.toml", env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = Command::new(BIN);
        cmd.arg("quiz")
            .args(args)
            .env("XDG_DATA_HOME", &*data)
            .env_remove("LABCHECK_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.stdin(Stdio::null()).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let args = ["--bank", bank.as_str(), "--topic", "sdk", "--count", "1"];
    let flag = run(&[&args[..], &["--lang", "ko"]].concat(), &[]);
    assert!(
        flag.contains("호출이 ThrottlingException으로 실패합니다"),
        "{flag}"
    );
    assert!(flag.contains("백오프와 지터로 재시도합니다."), "{flag}");
    assert!(flag.contains("점수: 0 / 0"), "{flag}");
    assert!(flag.contains("문제 1/1"), "{flag}");
    let locale = run(&args, &[("LANG", "ko_KR.UTF-8")]);
    assert!(locale.contains("점수:"), "{locale}");
    let english = run(&args, &[("LANG", "ko_KR.UTF-8"), ("LABCHECK_LANG", "en")]);
    assert!(
        english.contains("Score:") && english.contains("Calls fail"),
        "{english}"
    );
    // No Korean for this explanation yet: the English is shown instead.
    let fallback = run(
        &[
            "--bank",
            broken.as_str(),
            "--topic",
            "sdk",
            "--count",
            "1",
            "--lang",
            "ko",
        ],
        &[],
    );
    assert!(fallback.contains("어떤 재시도 전략입니까?"), "{fallback}");
    let stats = run(&["--stats", "--lang", "ko"], &[]);
    assert!(stats.contains("간격 반복 학습 (FSRS)"), "{stats}");
    assert!(stats.contains("AWS 서비스를 사용한 개발"), "{stats}");
}

#[test]
fn coverage_counts_questions_per_task_domain_and_type() {
    let data = temp_dir("coverage");
    let bank = format!("{}/tests/banks/complete.toml", env!("CARGO_MANIFEST_DIR"));
    let r = quiz(&data, &["--bank", &bank, "--list", "--coverage"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .contains("Questions per DVA-C02 task statement (5 questions)"),
        "{}",
        r.out
    );
    let row = |start: &str| -> Vec<usize> {
        let line = r
            .out
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {}", r.out));
        line[15..]
            .split_whitespace()
            .take(6)
            .map(|n| n.parse().unwrap())
            .collect()
    };
    // single multiple order numeric generated total
    assert_eq!(row("1.1 "), [1, 0, 0, 0, 0, 1]);
    assert_eq!(row("1.3 "), [0, 0, 0, 0, 1, 1]);
    assert_eq!(row("2.2 "), [0, 1, 0, 0, 0, 1]);
    assert_eq!(row("3.2 "), [0, 0, 0, 0, 0, 0]);
    assert_eq!(row("development "), [1, 0, 0, 0, 1, 2]);
    assert_eq!(row("total "), [1, 1, 1, 1, 1, 5]);
    assert!(r.out.contains("Develop code for AWS Lambda"), "{}", r.out);
    assert!(!r.out.contains("(no task yet)"), "{}", r.out);
    let r = quiz(&data, &["--coverage"], "");
    assert_eq!(r.code, 2, "--coverage needs --list");
}
