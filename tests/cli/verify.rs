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
    assert!(
        full["message"]
            .as_str()
            .unwrap()
            .contains("expected `name`")
    );
    assert!(full["hint"].is_string());
    let hints = args("hints");
    assert!(hints["message"].is_null());
    assert!(hints["hint"].is_string());
    let bare = args("pass-fail");
    assert!(bare["message"].is_null() && bare["hint"].is_null());
    assert_eq!(bare["status"], "fail");
}

#[test]
fn junit_output_has_a_case_per_check() {
    let scratch = Scratch::new("junit");
    let out = scratch.run(&["verify", "serverless", "--sim", "no-cors", "-o", "junit"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with("<?xml"));
    assert_eq!(out.stdout.matches("<testcase ").count(), 27);
    assert!(
        out.stdout
            .contains("name=\"options-method\">\n      <failure"),
        "{}",
        out.stdout
    );
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
