//! `labcheck verify`, `labs` and `show` as a user runs them.

use crate::util::{Scratch, run_in};

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

#[test]
fn the_complete_workshop_passes_from_any_directory() {
    let scratch = Scratch::new("anywhere");
    let out = scratch.run(&["verify", "serverless", "--sim"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("Score: 36/36 points, 27 of 27 checks passed"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("simulator:complete"));
}

#[test]
fn a_broken_account_fails_with_found_expected_and_hint() {
    let scratch = Scratch::new("broken");
    let out = scratch.run(&["verify", "serverless", "--sim", "wrong-partition-key"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("partition key is `id` (S); expected `name` (S)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("hint: Workshop step 2"),
        "{}",
        out.stdout
    );
}

#[test]
fn json_output_follows_the_documented_shape() {
    let scratch = Scratch::new("json");
    let out = scratch.run(&[
        "verify",
        "serverless",
        "--sim",
        "stage-prod",
        "--output",
        "json",
    ]);
    assert_eq!(out.code, 1);
    let report = json(&out.stdout);
    assert_eq!(report["lab"], "serverless");
    assert_eq!(report["source"], "simulator:stage-prod");
    assert_eq!(report["account"], "123456789012");
    assert_eq!(report["region"], "ap-northeast-2");
    assert!(
        report["lab_digest"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
    assert_eq!(report["lab_version"], "1.0.0");
    let steps = report["steps"].as_array().unwrap();
    let ids: Vec<&str> = steps.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "admin-user",
            "dynamodb-table",
            "lambda-function",
            "api-gateway",
            "api-cors",
            "s3-website"
        ]
    );
    let checks: Vec<&serde_json::Value> = steps
        .iter()
        .flat_map(|s| s["checks"].as_array().unwrap())
        .collect();
    assert_eq!(checks.len(), 27);
    let stage = checks.iter().find(|c| c["id"] == "stage-dev").unwrap();
    assert_eq!(stage["status"], "fail");
    assert_eq!(stage["points"], 0);
    assert_eq!(stage["max_points"], 2);
    assert!(stage["hint"].as_str().unwrap().contains("stage name `dev`"));
    let passed = checks.iter().filter(|c| c["status"] == "pass").count() as u64;
    assert_eq!(report["score"]["passed"], passed);
    assert_eq!(report["score"]["total"], 27);
}

#[test]
fn json_output_gives_every_check_a_code_and_its_args_beside_the_message() {
    let scratch = Scratch::new("json-codes");
    let out = scratch.run(&["verify", "serverless", "--sim", "stage-prod", "-o", "json"]);
    assert_eq!(out.code, 1);
    let report = json(&out.stdout);
    let checks: Vec<&serde_json::Value> = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["checks"].as_array().unwrap())
        .collect();
    assert_eq!(checks.len(), 27);
    for check in &checks {
        let code = check["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no code: {check}"));
        assert!(labcheck::report::CODES.contains(&code), "{code}");
        assert!(check["args"].is_object(), "no args: {check}");
        assert!(check["message"].is_string(), "no message: {check}");
    }
    let by_id = |id: &str| *checks.iter().find(|c| c["id"] == id).unwrap();
    let stage = by_id("stage-dev");
    assert_eq!(stage["code"], "apigateway.stage.not-found-among");
    assert_eq!(
        stage["args"],
        serde_json::json!({ "stage": "dev", "found": "`prod`" })
    );
    assert_eq!(stage["message"], "stage `dev` not found; stages: `prod`");
    let skipped = by_id("invoke-url");
    assert_eq!(skipped["status"], "skipped");
    assert_eq!(skipped["code"], "engine.dependency-unmet");
    assert_eq!(skipped["args"]["unmet"], "`stage-dev`");
    assert_eq!(by_id("table-exists")["code"], "dynamodb.table.exists");
}

#[test]
fn feedback_levels_hide_what_the_instructor_chooses() {
    let scratch = Scratch::new("feedback");
    let args = |level: &str| {
        let out = scratch.run(&[
            "verify",
            "serverless",
            "--sim",
            "wrong-partition-key",
            "-o",
            "json",
            "--feedback",
            level,
        ]);
        let report = json(&out.stdout);
        let check = report["steps"][1]["checks"][2].clone();
        assert_eq!(check["id"], "partition-key");
        check
    };
    let full = args("full");
    assert_eq!(
        full["message"],
        "partition key is `id` (S); expected `name` (S)"
    );
    assert_eq!(full["code"], "dynamodb.partition-key.mismatch");
    assert_eq!(
        full["args"],
        serde_json::json!({
            "found": "id", "found_type": "S", "expected": "name", "expected_type": "S"
        })
    );
    assert!(full["hint"].is_string());
    // The code and arguments say what the message says: hidden with it.
    let hints = args("hints");
    assert!(hints["message"].is_null() && hints["code"].is_null() && hints["args"].is_null());
    assert!(hints["hint"].is_string());
    let bare = args("pass-fail");
    assert!(bare["message"].is_null() && bare["hint"].is_null());
    assert!(bare["code"].is_null() && bare["args"].is_null());
    assert_eq!(bare["status"], "fail");
}

#[test]
fn junit_output_has_a_case_per_check() {
    let scratch = Scratch::new("junit");
    let out = scratch.run(&["verify", "serverless", "--sim", "no-cors", "-o", "junit"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with("<?xml"));
    assert_eq!(out.stdout.matches("<testcase ").count(), 27);
    let case = out
        .stdout
        .split("<testcase ")
        .find(|c| c.starts_with("name=\"options-method\""))
        .expect("a case for options-method");
    let case = &case[..case.find("</testcase>").expect("a failing case has a body")];
    assert!(case.contains("<failure message=\""), "{case}");
    assert!(case.contains("type=\"fail\""), "{case}");
    assert_eq!(out.stdout.matches("<skipped ").count(), 2);
}

#[test]
fn set_overrides_a_parameter_and_the_check_follows_it() {
    let scratch = Scratch::new("set");
    let out = scratch.run(&["verify", "serverless", "--sim", "--set", "stage=prod"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("stage `prod` not found; stages: `dev`"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_fixture_file_by_path_and_extending_a_builtin() {
    let scratch = Scratch::new("path");
    scratch.write(
        "mine.toml",
        "[fixture]\nextends = \"complete\"\n\n[dynamodb.hello-member]\nstatus = \"UPDATING\"\n",
    );
    let out = scratch.run(&["verify", "serverless", "--sim", "mine.toml"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("is UPDATING"), "{}", out.stdout);
    assert!(out.stdout.contains("… pending"));
}

#[test]
fn labs_and_show_describe_the_lab() {
    let dir = std::env::temp_dir();
    let labs = run_in(&dir, &["labs"]);
    assert_eq!(labs.code, 0);
    assert!(labs.stdout.contains("serverless"));
    let show = run_in(&dir, &["show", "serverless", "--set", "table=orders"]);
    assert_eq!(show.code, 0);
    assert!(show.stdout.contains("dynamodb.partition-key"));
    assert!(show.stdout.contains("table=orders"), "{}", show.stdout);
    assert_eq!(show.stdout.matches("(caller-not-root)").count(), 1);
}

#[test]
fn color_is_never_forced_on_a_pipe_but_always_is_obeyed() {
    let scratch = Scratch::new("color");
    let plain = scratch.run(&["verify", "serverless", "--sim"]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let forced = scratch.run(&["verify", "serverless", "--sim", "--color", "always"]);
    assert!(forced.stdout.contains('\u{1b}'));
}

/// A one-line HTTP server on loopback that answers every request with
/// `status`, as a wrong --endpoint-url (a web server, not AWS) would.
fn http_server(status: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buf = vec![0u8; 65536];
            let _ = stream.read(&mut buf);
            let body = "<html>not here</html>";
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// An endpoint that answers HTTP but is not AWS is named with its status,
/// not taken for a refusal or an empty account.
#[test]
fn an_endpoint_that_is_not_aws_is_named_with_its_status() {
    let scratch = Scratch::new("not-aws");
    let url = http_server("404 Not Found");
    let out = crate::util::run_with(
        &scratch.dir,
        &["verify", "serverless", "--endpoint-url", &url, "--verbose"],
        &crate::util::OFFLINE_CREDENTIALS,
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("{url} answered HTTP 404")),
        "{}",
        out.stderr
    );
    // --verbose still lists what was called before the run failed.
    assert!(
        out.stderr.contains("AWS API calls in ap-northeast-2:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("sts:GetCallerIdentity"),
        "{}",
        out.stderr
    );
}

/// Scripts asked for JSON always get JSON, even when there is no report.
#[test]
fn a_run_that_cannot_read_the_account_still_prints_json() {
    let scratch = Scratch::new("json-error");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = crate::util::run_with(
        &scratch.dir,
        &["verify", "serverless", "--endpoint-url", &url, "-o", "json"],
        &crate::util::OFFLINE_CREDENTIALS,
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    let value = json(&out.stdout);
    assert_eq!(value["exit_code"], 3);
    assert_eq!(value["error"]["code"], "network");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with(&format!("could not reach {url}")),
        "{value}"
    );
    // In Korean, the reason is Korean, and the stable code the same.
    let mut env = crate::util::OFFLINE_CREDENTIALS.to_vec();
    env.push(("LABCHECK_LANG", "ko"));
    let out = crate::util::run_with(
        &scratch.dir,
        &["verify", "serverless", "--endpoint-url", &url],
        &env,
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("error: {url}에 연결할 수 없습니다")),
        "{}",
        out.stderr
    );
    let out = crate::util::run_with(
        &scratch.dir,
        &[
            "verify",
            "serverless",
            "--endpoint-url",
            &url,
            "-o",
            "json",
            "--lang",
            "ko",
        ],
        &crate::util::OFFLINE_CREDENTIALS,
    );
    let value = json(&out.stdout);
    assert_eq!(value["error"]["code"], "network");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .contains("연결할 수 없습니다")
    );
    // A usage error is JSON too, with its own code.
    let out = scratch.run(&["verify", "no-such-lab", "-o", "json"]);
    assert_eq!(out.code, 2);
    assert_eq!(json(&out.stdout)["error"]["code"], "bad-lab");
}

/// An endpoint that accepts the connection and never answers is given up
/// on at --timeout, with the reason, instead of hanging.
#[test]
fn a_silent_endpoint_is_given_up_on_at_the_timeout() {
    let scratch = Scratch::new("silent");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    // Accept and hold every connection, answering nothing.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let started = std::time::Instant::now();
    let out = crate::util::run_with(
        &scratch.dir,
        &[
            "verify",
            "serverless",
            "--endpoint-url",
            &url,
            "--timeout",
            "2s",
        ],
        &crate::util::OFFLINE_CREDENTIALS,
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("took longer than 2s and was stopped"),
        "{}",
        out.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// A name that is not UTF-8 (a file saved under a legacy Korean encoding)
/// gets the same clear refusal from every command.
#[test]
fn arguments_that_are_not_utf8_are_refused_alike_by_every_command() {
    use std::os::unix::ffi::OsStrExt;
    let scratch = Scratch::new("non-utf8");
    let name = std::ffi::OsStr::from_bytes(b"\xb1\xe8.toml");
    let runs: [&[&std::ffi::OsStr]; 3] = [
        &[
            "verify".as_ref(),
            "serverless".as_ref(),
            "--sim".as_ref(),
            name,
        ],
        &[
            "grade".as_ref(),
            "serverless".as_ref(),
            "--roster".as_ref(),
            name,
        ],
        &["quiz".as_ref(), "--progress".as_ref(), name],
    ];
    for args in runs {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_labcheck"))
            .args(args)
            .current_dir(&scratch.dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "error: argument {} (`\u{fffd}\u{fffd}.toml`) is not valid UTF-8;",
                args.len()
            )),
            "{args:?}: {stderr}"
        );
    }
}

/// `labcheck … | head` closes the pipe early; that is the reader's choice,
/// not an error: no message, exit 0 (as ripgrep does).
#[test]
fn a_closed_pipe_is_a_quiet_exit() {
    use std::io::Read;
    let scratch = Scratch::new("pipe");
    for args in [
        &["quiz", "--list"][..],
        &["verify", "serverless", "--sim", "wrong-partition-key"][..],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_labcheck"))
            .args(args)
            .current_dir(&scratch.dir)
            .env("COLUMNS", "80")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        let mut stdout = child.stdout.take().unwrap();
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?}",
            out.status
        );
    }
}

/// `--lang` (or the locale) picks the findings' language; codes and args stay.
#[test]
fn findings_follow_the_language() {
    let scratch = Scratch::new("lang");
    let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
    let ko = crate::util::run_with(
        &scratch.dir,
        &[
            "verify",
            "serverless",
            "--sim",
            "wrong-partition-key",
            "-o",
            "json",
        ],
        &[
            ("LANG", "ko_KR.UTF-8"),
            ("LC_ALL", ""),
            ("LC_MESSAGES", ""),
            ("LABCHECK_LANG", ""),
        ],
    );
    let en = scratch.run(&[
        "verify",
        "serverless",
        "--sim",
        "wrong-partition-key",
        "-o",
        "json",
        "--lang",
        "en",
    ]);
    let (ko, en) = (json(&ko.stdout), json(&en.stdout));
    for (k, e) in ko["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["checks"].as_array().unwrap())
        .zip(
            en["steps"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| s["checks"].as_array().unwrap()),
        )
    {
        let (km, em) = (
            k["message"].as_str().unwrap(),
            e["message"].as_str().unwrap(),
        );
        assert!(hangul(km), "{}: {km}", k["id"]);
        assert!(!hangul(em), "{}: {em}", e["id"]);
        assert_eq!(k["code"], e["code"]);
        assert_eq!(k["args"], e["args"]);
    }
}

/// The table a Korean student reads: headings, statuses, the score line and
/// the lab's own titles and hints in Korean; ids and names as they are.
#[test]
fn the_report_table_in_korean() {
    let scratch = Scratch::new("lang-table");
    let out = scratch.run(&[
        "verify",
        "serverless",
        "--sim",
        "wrong-partition-key",
        "--lang",
        "ko",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for text in [
        "검사",
        "결과",
        "✗ 실패",
        "✓ 통과",
        "점수: 34/36점, 검사 27개 중 26개 통과",
        "[partition-key]",
        "힌트: 워크숍 2단계",
        "파티션 키는 `id`(S)입니다",
    ] {
        assert!(out.stdout.contains(text), "{text}:\n{}", out.stdout);
    }
    assert!(!out.stdout.contains("Score:"), "{}", out.stdout);
}

/// `show` and `grade` take the same `--lang` as `verify`.
#[test]
fn show_and_grade_follow_the_language() {
    let scratch = Scratch::new("lang-show-grade");
    let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
    let show = scratch.run(&["show", "serverless", "--lang", "ko"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(
        show.stdout.contains("DynamoDB 테이블 hello-member"),
        "{}",
        show.stdout
    );
    let english = scratch.run(&["show", "serverless"]);
    assert!(!hangul(&english.stdout), "{}", english.stdout);

    scratch.write(
        "class.toml",
        &format!(
            "[[student]]\nid = \"s01\"\nsnapshot = \"{}/fixtures/serverless/wrong-partition-key.toml\"\n",
            env!("CARGO_MANIFEST_DIR")
        ),
    );
    let out = scratch.run(&[
        "grade",
        "serverless",
        "--roster",
        "class.toml",
        "--lang",
        "ko",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let book = json(&out.stdout);
    let check = book["students"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["checks"].as_array().unwrap())
        .find(|c| c["id"] == "partition-key")
        .unwrap()
        .clone();
    assert!(hangul(check["message"].as_str().unwrap()), "{check}");
    assert_eq!(check["code"], "dynamodb.partition-key.mismatch");
}

/// The measure, over every built-in fixture: under a Korean locale
/// every title, hint, message and note contains Hangul; with `--lang en`
/// none does.
#[test]
fn every_learner_text_is_korean_under_a_korean_locale() {
    let scratch = Scratch::new("lang-all");
    let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
    for fixture in labcheck::sim::builtin_names("serverless") {
        let args = ["verify", "serverless", "--sim", fixture, "-o", "json"];
        let ko = crate::util::run_with(
            &scratch.dir,
            &args,
            &[
                ("LANG", "ko_KR.UTF-8"),
                ("LC_ALL", ""),
                ("LC_MESSAGES", ""),
                ("LABCHECK_LANG", ""),
            ],
        );
        let mut en_args = args.to_vec();
        en_args.extend(["--lang", "en"]);
        let en = scratch.run(&en_args);
        for (report, korean) in [(json(&ko.stdout), true), (json(&en.stdout), false)] {
            let mut texts = vec![report["lab_title"].as_str().unwrap().to_string()];
            for step in report["steps"].as_array().unwrap() {
                texts.push(step["title"].as_str().unwrap().to_string());
                for check in step["checks"].as_array().unwrap() {
                    for key in ["title", "hint", "message"] {
                        if let Some(text) = check[key].as_str() {
                            texts.push(text.to_string());
                        }
                    }
                }
            }
            for note in report["notes"].as_array().unwrap() {
                texts.push(note["message"].as_str().unwrap().to_string());
            }
            for text in texts {
                assert_eq!(hangul(&text), korean, "{fixture} ({korean}): {text}");
            }
        }
    }
}
