//! The real binary in a pseudo-terminal, the way a student or instructor
//! runs it. Piped runs cannot see what only a terminal shows: progress bars
//! drawn from other threads, and the hang they once caused (issue 8). Each
//! run must finish within a bound, with the screen and exit code expected.
//!
//! The screen is rebuilt with a terminal emulator (vt100), so what is
//! asserted is what a person would see, not the escape codes.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};

use crate::util::{OFFLINE_CREDENTIALS, Scratch};

/// Far above the second or so each run takes; a hang hits it.
const BOUND: Duration = Duration::from_secs(30);

pub struct Screen {
    pub text: String,
    /// Every byte drawn, as text: what passed over the screen on the way,
    /// spinners included, before the final screen.
    pub drawn: String,
    pub code: i32,
    pub took: Duration,
}

/// Runs labcheck in a 100×40 pseudo-terminal in `dir` until it exits.
pub fn run_in_terminal(dir: &Path, args: &[&str]) -> Screen {
    run_in_terminal_with(dir, args, &[])
}

/// As `run_in_terminal`, with extra environment variables.
pub fn run_in_terminal_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Screen {
    // stty sets the size before labcheck starts, so it never sees 0×0.
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("stty cols 100 rows 40 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_labcheck"))
        .args(args)
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        // Progress is drawn only outside CI; CI may run this very test.
        .env_remove("CI")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .env("LABCHECK_LANG", "en")
        .envs(env.iter().copied());
    let started = Instant::now();
    let mut session = Session::spawn(command).expect("spawn in a pty");
    session.set_expect_timeout(Some(BOUND));
    let output = match session.expect(Eof) {
        Ok(captures) => captures.as_bytes().to_vec(),
        Err(e) => {
            let _ = session.get_process_mut().exit(true);
            panic!("labcheck {args:?} did not finish in {BOUND:?} in a terminal: {e}");
        }
    };
    let took = started.elapsed();
    let code = match session.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("labcheck {args:?} ended with {other:?}"),
    };
    // Tall enough that nothing scrolls away; the program itself was told 40
    // rows and only moves the cursor relative to where it is.
    let mut parser = vt100::Parser::new(2000, 100, 0);
    parser.process(&output);
    eprintln!("pty: labcheck {} finished in {took:?}", args.join(" "));
    Screen {
        text: parser.screen().contents(),
        drawn: String::from_utf8_lossy(&output).into_owned(),
        code,
        took,
    }
}

fn fixture(name: &str) -> String {
    format!(
        "{}/fixtures/serverless/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn verify_on_the_simulator_in_a_terminal() {
    let scratch = Scratch::new("pty-verify");
    let screen = run_in_terminal(&scratch.dir, &["verify", "serverless", "--sim"]);
    assert_eq!(screen.code, 0, "{}", screen.text);
    assert!(
        screen.text.contains("Score: 36/36 points"),
        "{}",
        screen.text
    );
    assert!(screen.took < BOUND);
}

/// The command that hung: grade over snapshot students drew a spinner per
/// student while the main thread held the stderr lock.
#[test]
fn grade_over_snapshots_in_a_terminal() {
    let scratch = Scratch::new("pty-grade");
    let mut roster = String::new();
    for (id, name) in [
        ("s01", "complete"),
        ("s02", "no-cors"),
        ("s03", "table-underscore"),
    ] {
        roster.push_str(&format!(
            "[[student]]\nid = \"{id}\"\nname = \"{name}\"\nsnapshot = \"{}\"\n\n",
            fixture(name)
        ));
    }
    scratch.write("class.toml", &roster);
    let screen = run_in_terminal(
        &scratch.dir,
        &["grade", "serverless", "--roster", "class.toml"],
    );
    assert_eq!(screen.code, 1, "{}", screen.text);
    for name in ["complete", "no-cors", "table-underscore"] {
        assert!(screen.text.contains(name), "{name}:\n{}", screen.text);
    }
    // The bars are gone once the gradebook is drawn.
    assert!(!screen.text.contains("grading s0"), "{}", screen.text);
    assert!(!screen.text.contains("students "), "{}", screen.text);
}

/// The same in Korean: the spinners a Korean instructor watches say
/// `s01 채점 중…`, and the gradebook they are left with is Korean.
#[test]
fn grade_in_korean_in_a_terminal() {
    let scratch = Scratch::new("pty-grade-ko");
    scratch.write(
        "class.toml",
        &format!(
            "[[student]]\nid = \"s01\"\nname = \"김민지\"\nsnapshot = \"{}\"\n",
            fixture("complete")
        ),
    );
    let screen = run_in_terminal(
        &scratch.dir,
        &[
            "grade",
            "serverless",
            "--roster",
            "class.toml",
            "--lang",
            "ko",
        ],
    );
    assert_eq!(screen.code, 0, "{}", screen.text);
    assert!(screen.drawn.contains("s01 채점 중"), "{}", screen.drawn);
    assert!(screen.text.contains("학생"), "{}", screen.text);
    assert!(screen.text.contains("김민지"), "{}", screen.text);
    assert!(!screen.text.contains("채점 중"), "{}", screen.text);
}

/// A live read draws a spinner per service; against a loopback port where
/// nothing listens it must still end, with the reason, and exit 3.
#[test]
fn verify_against_a_closed_port_in_a_terminal() {
    let scratch = Scratch::new("pty-closed");
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let mut command_line = vec!["verify", "serverless", "--endpoint-url", url.as_str()];
    command_line.extend(["--timeout", "20s"]);
    // Credentials are there (as a student's would be), so what fails is the
    // network, and the message must say so rather than blame credentials.
    let screen = run_in_terminal_with(&scratch.dir, &command_line, &OFFLINE_CREDENTIALS);
    assert_eq!(screen.code, 3, "{}", screen.text);
    assert!(
        screen
            .text
            .contains(&format!("could not reach {url}: Connection refused")),
        "{}",
        screen.text
    );
    assert!(!screen.text.contains("aws configure"), "{}", screen.text);
    assert!(screen.text.contains(&url), "{}", screen.text);
    assert!(!screen.text.contains("reading "), "{}", screen.text);
    assert!(!screen.text.contains("panicked"), "{}", screen.text);
}
