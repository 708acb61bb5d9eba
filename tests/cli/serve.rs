//! `labcheck grade --serve` offline: a class of snapshot files graded in
//! rounds, the live view read over plain HTTP on 127.0.0.1 (a tiny client on
//! std's TcpStream), stopped with SIGINT as Ctrl-C would, and the outputs
//! checked as without --serve. The browser and moto are the e2e tier's.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::util::{OFFLINE_CREDENTIALS, Scratch};

fn fixture(name: &str) -> String {
    format!(
        "{}/fixtures/serverless/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// s01 complete, s02 with the bucket policy on the bucket's ARN (a copy in
/// the scratch dir, so a test can fix it between rounds), s03 missing.
fn class(scratch: &Scratch) {
    let broken = std::fs::read_to_string(fixture("policy-bucket-arn-only")).unwrap();
    scratch.write("s02.toml", &broken);
    let roster = format!(
        "[[student]]\nid = \"s01\"\nname = \"Kim Minji\"\nsnapshot = \"{}\"\n\n\
         [[student]]\nid = \"s02\"\nname = \"Lee Jun\"\nsnapshot = \"s02.toml\"\n\n\
         [[student]]\nid = \"s03\"\nname = \"Park Ara\"\nsnapshot = \"missing-snapshot.toml\"\n",
        fixture("complete")
    );
    scratch.write("class.toml", &roster);
}

/// A running `grade --serve`, its stderr read line by line on a thread.
struct Served {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
    addr: String,
    token: Option<String>,
}

impl Served {
    fn start(dir: &Path, extra: &[&str]) -> Served {
        Served::start_with(dir, extra, &[])
    }

    fn start_with(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_labcheck"))
            .args(["grade", "serverless", "--roster", "class.toml"])
            .args(["--serve", "127.0.0.1:0"])
            .args(if extra.contains(&"--every") {
                &[][..]
            } else {
                &["--every", "1s"][..]
            })
            .args(extra)
            .current_dir(dir)
            .env("LABCHECK_LANG", "en")
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start labcheck");
        let stderr: ChildStderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            lines,
            seen: Vec::new(),
            addr: String::new(),
            token: None,
        };
        let line = served.wait_for(": http://");
        let url = line
            .split("http://")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        let (addr, rest) = url.split_once('/').unwrap();
        served.addr = addr.to_string();
        served.token = rest.strip_prefix("?token=").map(str::to_string);
        served
    }

    /// The next stderr line containing `text`, within 20 s.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if let Ok(line) = self.lines.recv_timeout(left) {
                self.seen.push(line.clone());
                if line.contains(text) {
                    return line;
                }
            } else {
                let _ = self.child.kill();
                panic!("no line with {text:?} on stderr; saw {:#?}", self.seen);
            }
        }
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        request(&self.addr, &format!("GET {path} HTTP/1.1"), headers)
    }

    /// SIGINT, as Ctrl-C in a terminal sends; the exit code and stdout.
    fn interrupt(mut self) -> (i32, String, Vec<String>) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        let code = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("labcheck did not stop on SIGINT; saw {:#?}", self.seen);
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stdout = String::new();
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(500)) {
            self.seen.push(line);
        }
        (code, stdout, self.seen.clone())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// One HTTP/1.1 request on a fresh connection, read to its close.
fn request(addr: &str, line: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut text = format!("{line}\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    stream.write_all(text.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn json(reply: &Reply) -> serde_json::Value {
    assert_eq!(reply.status, 200, "{}\n{}", reply.head, reply.body);
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn cell(class: &serde_json::Value, student: &str, check: &str) -> String {
    class["students"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == student)
        .and_then(|s| {
            s["steps"]
                .as_array()?
                .iter()
                .flat_map(|st| st["checks"].as_array().unwrap())
                .find(|c| c["id"] == check)
                .map(|c| c["status"].as_str().unwrap().to_string())
        })
        .unwrap_or_default()
}

#[test]
fn rounds_serve_the_class_and_a_fix_turns_its_cell_to_pass() {
    let scratch = Scratch::new("serve");
    class(&scratch);
    let mut served = Served::start(&scratch.dir, &["--csv", "grades.csv"]);
    served.wait_for("round 1 ·");

    let class = json(&served.get("/api/class", &[]));
    // The shapes of `grade --output json`, plus `live` and `labels`.
    for key in [
        "lab",
        "lab_title",
        "lab_version",
        "lab_digest",
        "steps",
        "students",
        "summary",
    ] {
        assert!(class.get(key).is_some(), "no {key} in {class}");
    }
    assert_eq!(cell(&class, "s01", "public-read-policy"), "pass");
    assert_eq!(cell(&class, "s02", "public-read-policy"), "fail");
    let live = &class["live"]["students"];
    assert_eq!(live[0]["complete"], true);
    assert_eq!(live[1]["complete"], false);
    assert_eq!(live[1]["current_step"], "s3-website");
    assert_eq!(class["labels"]["title"], "Live class view");
    // Nothing about where the accounts were read from.
    assert!(
        !class.to_string().contains("missing-snapshot.toml"),
        "{class}"
    );
    assert!(
        !class.to_string().contains(env!("CARGO_MANIFEST_DIR")),
        "{class}"
    );

    // The report with findings and hints, as verify gives them.
    let s02 = json(&served.get("/api/student/s02", &[]));
    let text = s02.to_string();
    assert!(text.contains("names the bucket, not its objects"), "{text}");
    assert!(text.contains("Workshop step 7"), "{text}");
    assert_eq!(served.get("/api/student/nobody", &[]).status, 404);

    let page = served.get("/", &[]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("new EventSource(\"/api/events\")"));
    assert!(
        page.head
            .to_ascii_lowercase()
            .contains("content-security-policy: default-src 'none'")
    );

    // The student fixes the policy; a later round re-reads them and the
    // journal gets their new result.
    let journal = scratch.dir.join("class.serverless.journal.jsonl");
    let lines_before = std::fs::read_to_string(&journal).unwrap().lines().count();
    scratch.write(
        "s02.toml",
        &std::fs::read_to_string(fixture("complete")).unwrap(),
    );
    let fixed = Instant::now() + Duration::from_secs(20);
    loop {
        served.wait_for("round ");
        let class = json(&served.get("/api/class", &[]));
        if cell(&class, "s02", "public-read-policy") == "pass" {
            assert_eq!(class["live"]["students"][1]["complete"], true);
            break;
        }
        assert!(Instant::now() < fixed, "s02 never turned to pass: {class}");
    }
    let lines_after = std::fs::read_to_string(&journal).unwrap().lines().count();
    // s02's new result, and s03's error again only if it changed (it did not).
    assert_eq!(lines_after, lines_before + 1);

    let (code, stdout, stderr) = served.interrupt();
    // s03 could not be read: exit 3, as grade without --serve.
    assert_eq!(code, 3, "{stderr:#?}");
    assert!(
        stderr.iter().any(|l| l.contains("stopped after round")),
        "{stderr:#?}"
    );
    assert!(stdout.contains("Lee Jun"), "{stdout}");
    let csv = std::fs::read_to_string(scratch.dir.join("grades.csv")).unwrap();
    assert!(
        csv.contains("s02,Lee Jun,3,5,8,6,6,8,36,36,100.0,graded"),
        "{csv}"
    );
}

#[test]
fn a_token_guards_everything_and_moves_into_a_cookie() {
    let scratch = Scratch::new("serve-token");
    class(&scratch);
    let mut served = Served::start(&scratch.dir, &["--require-token"]);
    served.wait_for("anyone holding this link");
    served.wait_for("round 1 ·");
    let token = served.token.clone().expect("a token in the printed link");
    assert!(token.len() >= 32, "{token}");

    for path in ["/", "/api/class", "/api/student/s01", "/api/events"] {
        for query in [
            String::new(),
            "?token=wrong".into(),
            format!("?token={token}x"),
        ] {
            let reply = served.get(&format!("{path}{query}"), &[]);
            assert_eq!(reply.status, 401, "{path}{query}: {}", reply.head);
            assert!(
                !reply.body.contains("Kim Minji") && !reply.body.contains("s01"),
                "{}",
                reply.body
            );
        }
        let reply = served.get(path, &[("Cookie", "labcheck_token=wrong")]);
        assert_eq!(reply.status, 401, "{path} with a bad cookie");
    }

    // The link: a cookie, and the token out of the address bar.
    let opened = served.get(&format!("/?token={token}"), &[]);
    assert_eq!(opened.status, 303, "{}", opened.head);
    let head = opened.head.to_ascii_lowercase();
    assert!(head.contains("location: /\r\n"), "{head}");
    assert!(
        head.contains(&format!(
            "set-cookie: labcheck_token={token}; httponly; samesite=strict"
        )),
        "{head}"
    );
    let cookie = format!("labcheck_token={token}");
    let class = json(&served.get("/api/class", &[("Cookie", &cookie)]));
    assert_eq!(class["live"]["students"][0]["name"], "Kim Minji");
    assert_eq!(served.get("/", &[("Cookie", &cookie)]).status, 200);
}

#[test]
fn it_stays_up_through_bad_requests_and_answers_only_get() {
    let scratch = Scratch::new("serve-bad");
    class(&scratch);
    let mut served = Served::start(&scratch.dir, &[]);
    served.wait_for("round 1 ·");
    let addr = served.addr.clone();

    assert_eq!(
        request(
            &addr,
            "POST /api/class HTTP/1.1",
            &[("Content-Length", "0")]
        )
        .status,
        405
    );
    assert_eq!(request(&addr, "DELETE / HTTP/1.1", &[]).status, 405);
    let long = format!("GET /api/class?{} HTTP/1.1", "a".repeat(8000));
    assert_eq!(request(&addr, &long, &[]).status, 414);
    // Past hyper's header buffer: refused, not a crash.
    let huge = format!("GET /?{} HTTP/1.1", "a".repeat(600_000));
    let reply = request(&addr, &huge, &[]);
    assert!(reply.status >= 400 || reply.status == 0, "{}", reply.head);
    // Another site's name for 127.0.0.1 (DNS rebinding) gets nothing.
    let mut stream = TcpStream::connect(&addr).unwrap();
    stream
        .write_all(b"GET /api/class HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let reply = parse(&raw);
    assert_eq!(reply.status, 421);
    assert!(!reply.body.contains("Kim Minji"));
    // Garbage, a half request left open, and a burst of connections.
    for garbage in [
        &b"\x00\x01\x02 nonsense\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
    ] {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(garbage);
        let _ = s.read_to_end(&mut Vec::new());
    }
    let _half = {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: 127").unwrap();
        s
    };
    let burst: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    drop(burst);
    let class = json(&served.get("/api/class", &[]));
    assert_eq!(class["live"]["students"][0]["id"], "s01");
}

#[test]
fn the_page_speaks_korean_with_lang_ko() {
    let scratch = Scratch::new("serve-ko");
    class(&scratch);
    let mut served = Served::start(&scratch.dir, &["--lang", "ko"]);
    // The round line follows --lang as well.
    served.wait_for("1회차 ·");
    let class = json(&served.get("/api/class", &[]));
    assert_eq!(class["labels"]["title"], "실시간 수업 화면");
    assert_eq!(class["labels"]["lang"], "ko");
    assert_eq!(class["labels"]["status-fail"], "실패");
}

#[test]
fn a_restart_resumes_the_journal_instead_of_regrading_the_class() {
    let scratch = Scratch::new("serve-resume");
    class(&scratch);
    let mut first = Served::start(&scratch.dir, &[]);
    first.wait_for("round 1 ·");
    let _ = first.interrupt();
    // A plain rerun is refused, as grade refuses it.
    let refused = crate::util::run_in(
        &scratch.dir,
        &[
            "grade",
            "serverless",
            "--roster",
            "class.toml",
            "--serve",
            "127.0.0.1:0",
        ],
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("--resume"), "{}", refused.stderr);
    let mut again = Served::start(&scratch.dir, &["--resume"]);
    again.wait_for("round 1 ·");
    let class = json(&again.get("/api/class", &[]));
    assert_eq!(cell(&class, "s01", "public-read-policy"), "pass");
    assert_eq!(class["live"]["students"][0]["complete"], true);
    // Regression: --resume used to rewrite the kept journal lines slim, so a
    // resumed student's report lost its findings and hints.
    let s02 = again.get("/api/student/s02", &[]).body;
    assert!(s02.contains("names the bucket, not its objects"), "{s02}");
    assert!(s02.contains("Workshop step 7"), "{s02}");
}

#[test]
fn a_role_in_an_error_is_never_served() {
    let scratch = Scratch::new("serve-secret");
    scratch.write(
        "class.toml",
        "[[student]]\nid = \"s01\"\nname = \"Kim Minji\"\nrole_arn = \"arn:aws:iam::111111111111:role/labcheck-audit\"\nexternal_id = \"class-2026-secret\"\n",
    );
    let mut env: Vec<(&str, &str)> = OFFLINE_CREDENTIALS.to_vec();
    env.push(("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));
    let mut served = Served::start_with(&scratch.dir, &["--timeout", "5s", "--every", "1m"], &env);
    served.wait_for("round 1 ·");
    let class = served.get("/api/class", &[]).body;
    assert!(class.contains("\"status\":\"error\""), "{class}");
    let student = served.get("/api/student/s01", &[]).body;
    for text in [&class, &student] {
        assert!(!text.contains("111111111111:role"), "{text}");
        assert!(!text.contains("class-2026-secret"), "{text}");
    }
}

/// In a terminal, as an instructor runs it: the round lines draw, Ctrl-C
/// stops it, and the table and CSV are written as without --serve.
#[test]
fn in_a_terminal_rounds_draw_and_ctrl_c_stops_with_the_outputs() {
    use expectrl::process::unix::WaitStatus;
    use expectrl::{ControlCode, Eof, Expect, Session};

    let scratch = Scratch::new("serve-pty");
    class(&scratch);
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("stty cols 120 rows 40 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_labcheck"))
        .args([
            "grade",
            "serverless",
            "--roster",
            "class.toml",
            "--csv",
            "grades.csv",
        ])
        .args(["--serve", "127.0.0.1:0", "--every", "1s"])
        .current_dir(&scratch.dir)
        .env("TERM", "xterm-256color")
        .env_remove("CI")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .env("LABCHECK_LANG", "en");
    let mut session = Session::spawn(command).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    let mut output = Vec::new();
    for text in [
        "live class view: http://127.0.0.1:",
        "round 1 ·",
        "round 2 ·",
    ] {
        let found = session
            .expect(text)
            .unwrap_or_else(|e| panic!("{text:?} never drew: {e}"));
        output.extend_from_slice(found.before());
        output.extend_from_slice(found.as_bytes());
    }
    session.send(ControlCode::EndOfText).unwrap();
    let rest = session.expect(Eof).expect("it stops on Ctrl-C");
    output.extend_from_slice(rest.as_bytes());
    let code = match session.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("ended with {other:?}"),
    };
    let mut parser = vt100::Parser::new(400, 120, 0);
    parser.process(&output);
    let screen = parser.screen().contents();
    assert_eq!(code, 3, "{screen}");
    assert!(screen.contains("round 2 · "), "{screen}");
    assert!(
        screen.contains("1/3 complete · 0 stuck · 1 not reached"),
        "{screen}"
    );
    assert!(screen.contains("stopped after round"), "{screen}");
    assert!(screen.contains("Lee Jun"), "the gradebook table: {screen}");
    let csv = std::fs::read_to_string(scratch.dir.join("grades.csv")).unwrap();
    assert!(csv.contains("s02,Lee Jun"), "{csv}");
}
