//! `labcheck grade` offline: a class of snapshot files (the simulator's
//! fixtures), so the runner, journal and gradebook forms are tested without
//! AWS. The e2e tier grades live accounts on moto.

use crate::util::{Scratch, run_with};

fn fixture(name: &str) -> String {
    format!(
        "{}/fixtures/serverless/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn class(scratch: &Scratch) {
    let mut roster = String::new();
    for (id, name) in [
        ("s01", "complete"),
        ("s02", "wrong-partition-key"),
        ("s03", "no-cors"),
    ] {
        roster.push_str(&format!(
            "[[student]]\nid = \"{id}\"\nname = \"{name}\"\nsnapshot = \"{}\"\n\n",
            fixture(name)
        ));
    }
    roster.push_str("[[student]]\nid = \"s04\"\nname = \"Gone\"\nsnapshot = \"missing.toml\"\n");
    scratch.write("class.toml", &roster);
}

#[test]
fn a_class_of_snapshots_is_graded_into_every_form() {
    let scratch = Scratch::new("grade");
    class(&scratch);
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--output",
        "json",
        "--csv",
        "grades.csv",
        "--feedback-dir",
        "feedback",
    ]);
    // One student cannot be graded: exit 3, the others are.
    assert_eq!(out.code, 3, "{}", out.stderr);
    let book: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let students = book["students"].as_array().unwrap();
    let statuses: Vec<&str> = students
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["graded", "graded", "graded", "error"]);
    assert!(
        students[3]["error"]
            .as_str()
            .unwrap()
            .contains("missing.toml")
    );
    assert_eq!(students[0]["score"]["passed"], 27);
    assert_eq!(students[1]["score"]["passed"], 26);
    let worst = &book["summary"]["checks"][0];
    assert!(
        [
            "partition-key",
            "options-method",
            "allow-origin",
            "allow-get"
        ]
        .contains(&worst["id"].as_str().unwrap())
    );
    assert_eq!(worst["total"], 3);

    let csv = std::fs::read_to_string(scratch.dir.join("grades.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,name,admin-user,dynamodb-table,lambda-function,api-gateway,api-cors,s3-website,total,possible,percent,status"
    );
    assert_eq!(
        lines[2],
        "s02,wrong-partition-key,3,3,8,6,6,8,34,36,94.4,graded"
    );
    assert_eq!(lines[4], "s04,Gone,,,,,,,,,,error");

    let feedback = std::fs::read_to_string(scratch.dir.join("feedback/s02.md")).unwrap();
    assert!(
        feedback.contains("partition key is `id` (S); expected `name` (S)"),
        "{feedback}"
    );
    assert!(feedback.contains("Hint: Workshop step 2"));

    let journal =
        std::fs::read_to_string(scratch.dir.join("class.serverless.journal.jsonl")).unwrap();
    assert_eq!(journal.lines().count(), 4);
}

/// The journal keeps each finding's code and arguments, not its sentence:
/// a class graded in English reads in Korean when resumed with `--lang ko`,
/// without being graded again.
#[test]
fn a_journal_graded_in_english_reads_in_korean() {
    let scratch = Scratch::new("grade-relang");
    class(&scratch);
    let first = scratch.run(&["grade", "serverless", "--roster", "class.toml"]);
    assert_eq!(first.code, 3, "{}", first.stderr);
    let journal =
        std::fs::read_to_string(scratch.dir.join("class.serverless.journal.jsonl")).unwrap();
    assert!(journal.contains("dynamodb.partition-key.mismatch"));
    assert!(!journal.contains("partition key is"), "{journal}");

    let again = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--resume",
        "--keep-errors",
        "--lang",
        "ko",
        "--output",
        "json",
    ]);
    let book: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    let s02 = &book["students"][1];
    let key = s02["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["checks"].as_array().unwrap())
        .find(|c| c["id"] == "partition-key")
        .unwrap();
    let message = key["message"].as_str().unwrap();
    assert_eq!(key["code"], "dynamodb.partition-key.mismatch");
    assert!(message.contains("파티션 키"), "{message}");
    assert!(key["hint"].as_str().unwrap().contains("워크숍"), "{key}");
    // Nothing was graded again: the journal holds the same results (a
    // resume rewrites it in roster order).
    let after =
        std::fs::read_to_string(scratch.dir.join("class.serverless.journal.jsonl")).unwrap();
    let sorted = |t: &str| {
        let mut lines: Vec<String> = t.lines().map(String::from).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&after), sorted(&journal));
}

/// A named profile with credentials that look real, in files of the scratch
/// directory, and no other credential source.
struct Profile {
    config: String,
    credentials: String,
}

impl Profile {
    fn new(scratch: &Scratch, name: &str) -> Profile {
        let config = scratch.write(
            "config",
            &format!("[profile {name}]\nregion = ap-northeast-2\n"),
        );
        let credentials = scratch.write(
            "credentials",
            &format!("[{name}]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n"),
        );
        Profile {
            config: config.to_string_lossy().into_owned(),
            credentials: credentials.to_string_lossy().into_owned(),
        }
    }

    fn env(&self) -> [(&str, &str); 3] {
        [
            ("AWS_CONFIG_FILE", self.config.as_str()),
            ("AWS_SHARED_CREDENTIALS_FILE", self.credentials.as_str()),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ]
    }
}

/// The serverless lab's digest, as a run reports it.
fn digest() -> String {
    let out = crate::util::run_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["verify", "serverless", "--sim", "-o", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    report["lab_digest"].as_str().unwrap().to_string()
}

/// A journal line for the serverless lab: the definition, then `fields`.
fn journal_line(fields: &str, set: &str) -> String {
    format!(
        r#"{{"lab":"serverless","lab_version":"1.0.0","lab_digest":"{}","set":{set},{fields}}}"#,
        digest()
    )
}

#[test]
fn resume_keeps_what_the_journal_has_and_grades_the_rest() {
    let scratch = Scratch::new("resume");
    class(&scratch);
    // A journal from an interrupted run: s02 finished (with a result we can
    // recognise), then a line cut short by the kill.
    let earlier = journal_line(
        r#""id":"s02","name":"wrong-partition-key","status":"graded","error":null,"account":"123456789012","score":{"earned":1,"possible":36,"passed":1,"total":27},"steps":[]"#,
        "{}",
    );
    scratch.write(
        "class.serverless.journal.jsonl",
        &format!("{earlier}\n{{\"id\":\"s03\",\"name\":\"no-c"),
    );
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--resume",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let book: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        book["students"][1]["score"]["earned"], 1,
        "s02 was graded again"
    );
    assert_eq!(
        book["students"][2]["status"], "graded",
        "s03's cut line was not taken"
    );
    let journal =
        std::fs::read_to_string(scratch.dir.join("class.serverless.journal.jsonl")).unwrap();
    let ids: Vec<String> = journal
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.iter().filter(|i| *i == "s02").count(), 1);
    assert_eq!(ids.len(), 4);
}

#[test]
fn the_terminal_gradebook_names_the_worst_checks() {
    let scratch = Scratch::new("grade-table");
    class(&scratch);
    let out = scratch.run(&["grade", "serverless", "--roster", "class.toml"]);
    assert_eq!(out.code, 3);
    assert!(
        out.stdout.contains("(4 students, 3 graded)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("s04: could not read"));
    assert!(out.stdout.contains("What the class got wrong most:"));
}

#[test]
fn a_student_who_takes_too_long_is_timed_out_and_the_class_goes_on() {
    let scratch = Scratch::new("grade-timeout");
    // s02's account answers nowhere (a closed port on loopback), so the SDK
    // keeps retrying past the one-second limit.
    scratch.write(
        "class.toml",
        &format!(
            "[[student]]\nid = \"s01\"\nsnapshot = \"{}\"\n\n[[student]]\nid = \"s02\"\nprofile = \"slow\"\n",
            fixture("complete")
        ),
    );
    let profile = Profile::new(&scratch, "slow");
    let out = run_with(
        &scratch.dir,
        &[
            "grade",
            "serverless",
            "--roster",
            "class.toml",
            "--timeout",
            "1s",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "-o",
            "json",
        ],
        &profile.env(),
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    let book: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(book["students"][0]["status"], "graded");
    assert_eq!(book["students"][1]["status"], "error");
    let error = book["students"][1]["error"].as_str().unwrap();
    assert!(
        error.starts_with("reading the account took longer than 1s"),
        "{error}"
    );
}

fn journal_of(scratch: &Scratch) -> String {
    std::fs::read_to_string(scratch.dir.join("class.serverless.journal.jsonl")).unwrap_or_default()
}

/// A plain rerun (after Ctrl-C, say) must not empty the journal: it is
/// refused with the two ways on, and the journal is left as it was.
#[test]
fn a_rerun_without_resume_keeps_the_journal_and_says_what_to_do() {
    let scratch = Scratch::new("grade-rerun");
    class(&scratch);
    let first = scratch.run(&["grade", "serverless", "--roster", "class.toml"]);
    assert_eq!(first.code, 3, "{}", first.stderr);
    let before = journal_of(&scratch);
    assert_eq!(before.lines().count(), 4);

    let again = scratch.run(&["grade", "serverless", "--roster", "class.toml"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("already holds 4 results"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--resume") && again.stderr.contains("--fresh"));
    assert_eq!(journal_of(&scratch), before);

    // --fresh starts over and keeps the earlier journal under a new name.
    let fresh = scratch.run(&["grade", "serverless", "--roster", "class.toml", "--fresh"]);
    assert_eq!(fresh.code, 3, "{}", fresh.stderr);
    let kept: Vec<_> = std::fs::read_dir(&scratch.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with("class.serverless.journal.2")
                && std::path::Path::new(n)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(scratch.dir.join(&kept[0])).unwrap(),
        before
    );
    assert!(fresh.stderr.contains(&kept[0]), "{}", fresh.stderr);
}

#[test]
fn resume_refuses_a_journal_written_under_another_definition() {
    let scratch = Scratch::new("grade-mismatch");
    class(&scratch);
    let line = journal_line(
        r#""id":"s02","name":"x","status":"graded","error":null,"account":"1","score":null,"steps":[]"#,
        r#"{"bucket_number":"7"}"#,
    );
    scratch.write("class.serverless.journal.jsonl", &format!("{line}\n"));
    let out = scratch.run(&["grade", "serverless", "--roster", "class.toml", "--resume"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("with --set bucket_number=7"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("with no --set"), "{}", out.stderr);
}

/// An error is usually passing trouble (a role not deployed yet): --resume
/// tries those students again, unless told to keep them.
#[test]
fn resume_grades_errors_again_unless_told_to_keep_them() {
    let scratch = Scratch::new("grade-errors");
    class(&scratch);
    let gone = journal_line(
        r#""id":"s01","name":"complete","status":"error","error":"role not there yet","account":null,"score":null,"steps":[]"#,
        "{}",
    );
    scratch.write("class.serverless.journal.jsonl", &format!("{gone}\n"));
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--resume",
        "--keep-errors",
        "-o",
        "json",
    ]);
    let book: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(book["students"][0]["error"], "role not there yet");

    scratch.write("class.serverless.journal.jsonl", &format!("{gone}\n"));
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--resume",
        "-o",
        "json",
    ]);
    let book: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(book["students"][0]["status"], "graded", "{}", out.stderr);
}

#[test]
fn an_output_that_cannot_be_written_is_refused_before_anyone_is_graded() {
    let scratch = Scratch::new("grade-unwritable");
    class(&scratch);
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--csv",
        "no/such/folder/grades.csv",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: --csv no/such/folder/grades.csv: the folder no/such/folder does not exist; choose another path, or fix the folder's permissions\n"
    );
    assert_eq!(journal_of(&scratch), "", "nobody was graded");
    scratch.write("taken", "a file, not a folder");
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--feedback-dir",
        "taken",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--feedback-dir taken: cannot create it"),
        "{}",
        out.stderr
    );
}

#[test]
fn feedback_files_reveal_only_what_the_level_allows() {
    let scratch = Scratch::new("grade-feedback-level");
    class(&scratch);
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--feedback-dir",
        "back",
        "--feedback-level",
        "hints",
    ]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let text = std::fs::read_to_string(scratch.dir.join("back/s02.md")).unwrap();
    assert!(text.contains("Hint: Workshop step 2"), "{text}");
    assert!(!text.contains("expected `name`"), "{text}");
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--fresh",
        "--feedback-dir",
        "bare",
        "--feedback-level",
        "pass-fail",
    ]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let text = std::fs::read_to_string(scratch.dir.join("bare/s02.md")).unwrap();
    assert!(
        !text.contains("Hint:") && !text.contains("expected `name`"),
        "{text}"
    );
    assert!(text.contains("❌"), "{text}");
}

/// Many students with one cause are one line, with a few of their ids.
#[test]
fn errors_with_one_cause_are_reported_once() {
    let scratch = Scratch::new("grade-grouped");
    let mut roster = String::new();
    for i in 1..=40 {
        roster.push_str(&format!(
            "[[student]]\nid = \"s{i:02}\"\nprofile = \"p\"\n\n"
        ));
    }
    scratch.write("class.toml", &roster);
    let profile = Profile::new(&scratch, "p");
    let out = run_with(
        &scratch.dir,
        &[
            "grade",
            "serverless",
            "--roster",
            "class.toml",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--concurrency",
            "40",
            "--timeout",
            "60s",
            "-o",
            "json",
        ],
        &profile.env(),
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("could not grade 40 students (s01, s02, s03, s04, s05 and 35 more): could not reach http://127.0.0.1:9: Connection refused"),
        "{}",
        out.stderr
    );
    assert!(lines[0].contains("http://127.0.0.1:9"), "{}", out.stderr);
    assert!(!out.stderr.contains("aws configure"), "{}", out.stderr);
}

/// `grade --lang ko`: the CSV has the English file's columns in the same
/// order (step ids and the status key unchanged) under Korean header words;
/// feedback files and the end-of-run summary are Korean.
#[test]
fn grade_in_korean_keeps_the_csv_columns_and_speaks_korean() {
    let scratch = Scratch::new("grade-ko");
    class(&scratch);
    let grade = |lang: &str, csv: &str, feedback: &str| {
        run_with(
            &scratch.dir,
            &[
                "grade",
                "serverless",
                "--roster",
                "class.toml",
                "--fresh",
                "--lang",
                lang,
                "--csv",
                csv,
                "--feedback-dir",
                feedback,
                "-o",
                "json",
            ],
            &[],
        )
    };
    let en = grade("en", "en.csv", "fb-en");
    let ko = grade("ko", "ko.csv", "fb-ko");
    assert_eq!((en.code, ko.code), (3, 3), "{}", ko.stderr);
    let read = |name: &str| std::fs::read_to_string(scratch.dir.join(name)).unwrap();
    let (en_csv, ko_csv) = (read("en.csv"), read("ko.csv"));
    let header = |csv: &str| -> Vec<String> {
        csv.lines()
            .next()
            .unwrap()
            .split(',')
            .map(String::from)
            .collect()
    };
    let (en_head, ko_head) = (header(&en_csv), header(&ko_csv));
    assert_eq!(en_head.len(), ko_head.len());
    assert_eq!(&ko_head[..2], ["학생 ID", "이름"]);
    assert_eq!(&ko_head[8..], ["점수", "만점", "백분율", "상태"]);
    // Step columns keep their ids; every row after the header is the same.
    assert_eq!(en_head[2..8], ko_head[2..8]);
    assert_eq!(ko_head[2], "admin-user");
    assert_eq!(
        en_csv.lines().skip(1).collect::<Vec<_>>(),
        ko_csv.lines().skip(1).collect::<Vec<_>>()
    );
    let feedback = read("fb-ko/s02.md");
    assert!(
        feedback.contains("**점수: 34/36점, 검사 27개 중 26개 통과.**"),
        "{feedback}"
    );
    assert!(feedback.contains("  - 힌트: 워크숍 2단계"), "{feedback}");
    assert!(
        !feedback.contains("Hint:") && !feedback.contains("Score:"),
        "{feedback}"
    );
    assert!(
        ko.stderr.contains("학생 1명을 채점하지 못했습니다(s04): "),
        "{}",
        ko.stderr
    );
}
