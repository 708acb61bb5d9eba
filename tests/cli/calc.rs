//! `labcheck calc capacity` through the real binary: worked examples from the
//! DynamoDB developer guide, unit boundaries, every error, and the JSON shape.

use std::process::Command;

fn calc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_labcheck"))
        .arg("calc")
        .arg("capacity")
        .args(args)
        // English whatever the developer's locale.
        .env("LABCHECK_LANG", "en")
        .output()
        .expect("run labcheck");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_value(args: &[&str]) -> (String, u64) {
    let mut all = args.to_vec();
    all.extend(["--output", "json"]);
    let (code, out, err) = calc(&all);
    assert_eq!(code, 0, "{args:?}: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    (
        v["unit"].as_str().unwrap().to_string(),
        v["value"].as_u64().unwrap(),
    )
}

/// Worked examples, each computed by hand from the rules and examples in the
/// DynamoDB developer guide ("DynamoDB read and write operations",
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html)
/// and the pricing pages' key terms.
#[test]
fn documented_examples() {
    let table: &[(&[&str], &str, u64)] = &[
        // "an item of 8 KB needs 2 read units for a strongly consistent read,
        // 1 for eventually consistent, 4 for transactional"
        (&["--item-size", "8KB", "--reads", "1"], "RCU", 2),
        (
            &[
                "--item-size",
                "8KB",
                "--reads",
                "1",
                "--consistency",
                "eventual",
            ],
            "RCU",
            1,
        ),
        (
            &[
                "--item-size",
                "8KB",
                "--reads",
                "1",
                "--consistency",
                "transactional",
            ],
            "RCU",
            4,
        ),
        // "reading a 3,500-byte item consumes the same throughput as a 4 KB item"
        (&["--item-size", "3500B", "--reads", "1"], "RCU", 1),
        // "if you read a 10 KB item, DynamoDB rounds the item size to 12 KB"
        (&["--item-size", "10KB", "--reads", "1"], "RCU", 3),
        // "an eventually consistent read of up to 4 KB requires one-half unit":
        // two such reads per second need one RCU
        (
            &[
                "--item-size",
                "4KB",
                "--reads",
                "2",
                "--consistency",
                "eventual",
            ],
            "RCU",
            1,
        ),
        // a 1.5 KB write rounds up to 2 KB: two WCU; transactional doubles
        (&["--item-size", "1.5KB", "--writes", "1"], "WCU", 2),
        (
            &["--item-size", "1.5KB", "--writes", "1", "--transactional"],
            "WCU",
            4,
        ),
        // exam-guide style: 10 writes/s of 2 KB = 20 WCU; 6 writes/s of 4.5 KB = 30 WCU
        (&["--item-size", "2KB", "--writes", "10"], "WCU", 20),
        (&["--item-size", "4.5KB", "--writes", "6"], "WCU", 30),
        // 16 eventually consistent reads/s of 12 KB: 16 × 3 / 2 = 24 RCU
        (
            &[
                "--item-size",
                "12KB",
                "--reads",
                "16",
                "--consistency",
                "eventual",
            ],
            "RCU",
            24,
        ),
        // zero traffic needs zero capacity
        (&["--item-size", "1KB", "--reads", "0"], "RCU", 0),
    ];
    for (args, unit, value) in table {
        assert_eq!(json_value(args), (unit.to_string(), *value), "{args:?}");
    }
}

#[test]
fn boundaries() {
    assert_eq!(json_value(&["--item-size", "4096B", "--reads", "1"]).1, 1);
    assert_eq!(json_value(&["--item-size", "4097B", "--reads", "1"]).1, 2);
    assert_eq!(json_value(&["--item-size", "1024B", "--writes", "1"]).1, 1);
    assert_eq!(json_value(&["--item-size", "1025B", "--writes", "1"]).1, 2);
    assert_eq!(json_value(&["--item-size", "400KB", "--reads", "1"]).1, 100);
    assert_eq!(
        json_value(&["--item-size", "400 KiB", "--writes", "1"]).1,
        400
    );
    assert_eq!(
        json_value(&["--item-size", "409600B", "--writes", "1"]).1,
        400
    );
    // eventual halves the total and rounds up: 3 × 1 / 2 = 1.5 → 2
    assert_eq!(
        json_value(&[
            "--item-size",
            "1KB",
            "--reads",
            "3",
            "--consistency",
            "eventual"
        ])
        .1,
        2
    );
}

#[test]
fn errors_are_one_line_and_exit_2() {
    for args in [
        &["--item-size", "409601B", "--reads", "1"][..],
        &["--item-size", "401KB", "--reads", "1"],
        &["--item-size", "-1KB", "--reads", "1"],
        &["--item-size", "0KB", "--reads", "1"],
        &["--item-size", "twelve", "--reads", "1"],
        &["--item-size", "12 parsecs", "--reads", "1"],
        &["--item-size", "1KB", "--reads", "-3"],
        &["--item-size", "1KB", "--reads", "1.5"],
        &["--item-size", "1KB", "--writes", "many"],
        &[
            "--item-size",
            "1KB",
            "--reads",
            "1",
            "--operation",
            "batch-get",
            "--items",
            "101",
        ],
        &[
            "--item-size",
            "1KB",
            "--reads",
            "1",
            "--operation",
            "query",
            "--items",
            "0",
        ],
    ] {
        let (code, out, err) = calc(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
    }
}

#[test]
fn query_versus_batch_get() {
    // Guide: BatchGetItem of a 1.5 KB and a 6.5 KB item counts 4 KB + 8 KB = 12 KB
    // (3 units), never 8 KB. With equal items: 3 items of 1.5 KB, Query sums to
    // 4.5 KB → 2 units, BatchGetItem rounds each → 3 units.
    let args = [
        "--item-size",
        "1.5KB",
        "--reads",
        "10",
        "--operation",
        "query",
        "--items",
        "3",
        "--output",
        "json",
    ];
    let (code, out, _) = calc(&args);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["query"]["units_per_call"], 2);
    assert_eq!(v["batch_get"]["units_per_call"], 3);
    assert_eq!(v["value"], 20);
    // Guide: a Query returning 1,500 items of 64 bytes reads 96 KB → 24 units.
    let (code, out, _) = calc(&[
        "--item-size",
        "64B",
        "--reads",
        "1",
        "--operation",
        "query",
        "--items",
        "1500",
        "--output",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["value"], 24);
    let (code, text, _) = calc(&[
        "--item-size",
        "1.5KB",
        "--reads",
        "10",
        "--operation",
        "batch-get",
        "--items",
        "3",
    ]);
    assert_eq!(code, 0);
    assert!(text.contains("30 RCU  <- asked"), "{text}");
    assert!(text.contains("20 RCU"), "{text}");
}

#[test]
fn text_shows_the_working() {
    let (code, out, _) = calc(&[
        "--item-size",
        "12 KB",
        "--reads",
        "16",
        "--consistency",
        "eventual",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("ceil(12288 / 4096) = 3"), "{out}");
    assert!(out.contains("3 × 16 reads/s = 48"), "{out}");
    assert!(out.contains("ceil(48 / 2) = 24"), "{out}");
    assert!(out.trim_end().ends_with("= 24 RCU"), "{out}");
}

/// Issue 8: an overflow is an error, never a saturated or wrapped sum.
#[test]
fn overflow_is_an_error_not_a_wrong_sum() {
    let max = u64::MAX.to_string();
    for args in [
        vec!["--item-size", "8KB", "--reads", max.as_str()],
        vec![
            "--item-size",
            "2KB",
            "--writes",
            max.as_str(),
            "--transactional",
        ],
        vec![
            "--item-size",
            "400KB",
            "--reads",
            max.as_str(),
            "--operation",
            "query",
            "--items",
            "10",
        ],
        vec![
            "--item-size",
            "400KB",
            "--reads",
            "1",
            "--operation",
            "query",
            "--items",
            max.as_str(),
        ],
    ] {
        let (code, out, err) = calc(&args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains("too large to count"), "{args:?}: {err}");
    }
}

/// Issue 8: the 1 MB Query page and the 16 MB BatchGetItem limit are stated
/// when the input passes them, and not otherwise.
#[test]
fn response_size_limits_are_stated_when_passed() {
    let (code, out, err) = calc(&[
        "--item-size",
        "100KB",
        "--reads",
        "1",
        "--operation",
        "query",
        "--items",
        "20",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("at most 1 MB per call"), "{out}");
    assert!(out.contains("this takes 2 calls"), "{out}");
    assert!(out.contains("Query.FilterExpression.html"), "{out}");
    let (_, out, _) = calc(&[
        "--item-size",
        "300KB",
        "--reads",
        "1",
        "--operation",
        "batch-get",
        "--items",
        "100",
    ]);
    assert!(
        out.contains("at most 16 MB (and 100 items) per call"),
        "{out}"
    );
    assert!(out.contains("UnprocessedKeys"), "{out}");
    assert!(out.contains("API_BatchGetItem.html"), "{out}");
    let (_, out, _) = calc(&[
        "--item-size",
        "4KB",
        "--reads",
        "1",
        "--operation",
        "query",
        "--items",
        "10",
    ]);
    assert!(!out.contains("Note:"), "{out}");
    let (_, out, _) = calc(&[
        "--item-size",
        "100KB",
        "--reads",
        "1",
        "--operation",
        "query",
        "--items",
        "20",
        "--output",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["limits"].as_array().unwrap().len(), 1);
}

#[test]
fn items_without_operation_is_rejected() {
    let (code, _, err) = calc(&["--item-size", "4KB", "--reads", "10", "--items", "5"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--operation"), "{err}");
}

/// The working follows --lang: Korean words around the same numbers.
#[test]
fn the_working_follows_the_language() {
    let run = |lang: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_labcheck"))
            .args(["calc", "capacity", "--item-size", "6KB", "--reads", "10"])
            .args(["--consistency", "eventual", "--lang", lang])
            .output()
            .expect("run labcheck");
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
    let (en, ko) = (run("en"), run("ko"));
    assert!(!hangul(&en), "{en}");
    assert!(
        ko.lines().take(4).all(hangul),
        "every line of working is Korean: {ko}"
    );
    // The same arithmetic: the result line is the same in both.
    assert_eq!(en.lines().last(), ko.lines().last());
    assert_eq!(en.lines().last(), Some("= 10 RCU"));
}
