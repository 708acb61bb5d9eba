//! Every built-in fixture declares the verdict it must produce; this runs
//! each through the lab and holds it to that.

use labcheck::{builtin, engine, lab, report, sim};

#[test]
fn every_fixture_produces_its_declared_verdict() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for lab_id in lab::builtin_ids() {
        let lab = lab::load(lab_id).expect("built-in lab loads");
        let values = lab.values(&[]).expect("defaults resolve");
        for name in sim::builtin_names(lab_id) {
            let loaded = sim::load(lab_id, &lab.region, name)
                .unwrap_or_else(|e| panic!("fixture {lab_id}/{name}: {e}"));
            let info = loaded.account.fixture.clone().unwrap_or_default();
            let Some(expect) = info.expect else {
                problems.push(format!("{lab_id}/{name}: declares no [fixture.expect]"));
                continue;
            };
            let result = engine::evaluate(&lab, &values, &loaded.account);
            // A broken fixture pins what its mistake is reported as, by code.
            if labcheck::exit::of_lab(&result) != 0 && expect.code.is_empty() {
                problems.push(format!(
                    "{lab_id}/{name}: declares no [fixture.expect.code]"
                ));
            }
            for code in expect.code.values() {
                if !report::CODES.contains(&code.as_str()) {
                    problems.push(format!("{lab_id}/{name}: `{code}` is not a finding code"));
                }
            }
            for difference in sim::compare(&expect, &result) {
                problems.push(format!("{lab_id}/{name}: {difference}"));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    assert!(checked >= 13, "only {checked} fixtures checked");
}

#[test]
fn the_serverless_lab_has_a_dozen_broken_accounts_beside_the_complete_one() {
    let names = sim::builtin_names("serverless");
    assert!(names.contains(&"complete"));
    let broken = names.iter().filter(|n| **n != "complete").count();
    assert!(broken >= 12, "only {broken} broken fixtures");
    // Each broken fixture must fail something: a fixture that passes
    // everything teaches nothing. The exception is one about how the engine
    // reads an account (same-named resources): it passes, with a note.
    let lab = lab::load("serverless").unwrap();
    let values = lab.values(&[]).unwrap();
    for name in names.iter().filter(|n| **n != "complete") {
        let loaded = sim::load("serverless", &lab.region, name).unwrap();
        let result = engine::evaluate(&lab, &values, &loaded.account);
        assert!(
            labcheck::exit::of_lab(&result) != 0 || !result.notes.is_empty(),
            "fixture {name} passes every check and says nothing"
        );
    }
}

#[test]
fn fixtures_are_embedded_with_their_labs() {
    assert!(
        builtin::FIXTURES
            .iter()
            .any(|(k, _)| *k == "serverless/complete")
    );
}

#[test]
fn the_sns_notify_lab_has_ten_broken_accounts_each_failing_something() {
    let names = sim::builtin_names("sns-notify");
    assert!(names.contains(&"complete"));
    let lab = lab::load("sns-notify").unwrap();
    let values = lab.values(&[]).unwrap();
    let mut broken = 0;
    for name in names.iter().filter(|n| **n != "complete") {
        let loaded = sim::load("sns-notify", &lab.region, name).unwrap();
        let result = engine::evaluate(&lab, &values, &loaded.account);
        assert_ne!(
            labcheck::exit::of_lab(&result),
            0,
            "fixture {name} passes every check"
        );
        broken += 1;
    }
    assert!(broken >= 10, "only {broken} broken fixtures");
}
