//! The engine: runs a planned lab over an account, check by check in lab
//! order, skipping those whose dependencies did not pass, and scores it.
//! Where several resources match what the lab names, each is bound in turn
//! (`bind`) and the best-scoring binding is the result.
//!
//! It sits after `plan` and before `report`: it imports the plan and the
//! check catalog, and nothing below it imports it back.

use std::collections::BTreeMap;

use crate::account::{Account, Needs};
use crate::checks::{CheckResult, Ctx, LabResult, Outcome, Score, Status, StepResult};
use crate::lab::{Lab, Values};
use crate::plan::{Plan, Planned};

mod bind;

/// Runs a lab over an account, for callers that do not keep a plan.
pub fn evaluate(lab: &Lab, values: &Values, account: &Account) -> LabResult {
    evaluate_plan(&Plan::new(lab, values), account)
}

/// Everything a lab's checks read, for callers that do not keep a plan.
pub fn needs(lab: &Lab, values: &Values) -> Needs {
    Plan::new(lab, values).needs()
}

/// Runs a planned lab over an account. Where several resources match what
/// the lab names, each is bound in turn and the best-scoring binding is the
/// result (see `bind`).
pub fn evaluate_plan(plan: &Plan<'_>, account: &Account) -> LabResult {
    let Some((bindings, total)) = bind::bindings(account, &plan.needs()) else {
        return evaluate_bound(plan, account);
    };
    let tried = bindings.len();
    let mut best: Option<((u32, usize, usize), LabResult, bind::Binding)> = None;
    for binding in bindings {
        let result = evaluate_bound(plan, &binding.account);
        let key = (
            result.score.earned,
            result.score.passed,
            binding.page_calls_api(),
        );
        // Strictly better only: on a full tie the first listed stays.
        if best.as_ref().is_none_or(|(k, ..)| key > *k) {
            best = Some((key, result, binding));
        }
    }
    let Some((_, mut result, binding)) = best else {
        return evaluate_bound(plan, account);
    };
    result.notes = binding.notes(tried, total);
    result
}

/// Runs every check of a lab over an account, in order, skipping those whose
/// dependencies did not pass.
fn evaluate_bound(plan: &Plan<'_>, account: &Account) -> LabResult {
    let mut done: BTreeMap<&str, Status> = BTreeMap::new();
    let mut steps = Vec::new();
    for planned_step in &plan.steps {
        let step = planned_step.step;
        let mut checks = Vec::new();
        for planned in &planned_step.checks {
            let check = planned.check;
            let (outcome, ran) = run_check(planned, account, &done);
            done.insert(&check.id, outcome.status);
            // A probe that could not run here says nothing about the work; one
            // skipped because what it needs failed still counts against it.
            let counted = !(ran && check.kind.probe && outcome.status == Status::Skipped);
            checks.push(CheckResult {
                id: check.id.clone(),
                title: check.title.clone(),
                status: outcome.status,
                finding: outcome.finding,
                hint: check.hint.clone(),
                points: if outcome.status == Status::Pass {
                    check.points
                } else {
                    0
                },
                max_points: check.points,
                counted,
            });
        }
        let status = step_status(&checks);
        steps.push(StepResult {
            id: step.id.clone(),
            title: step.title.clone(),
            status,
            checks,
        });
    }
    let mut score = Score::default();
    for c in steps.iter().flat_map(|s| &s.checks).filter(|c| c.counted) {
        score.total += 1;
        score.possible += c.max_points;
        score.earned += c.points;
        score.passed += usize::from(c.status == Status::Pass);
    }
    LabResult {
        steps,
        score,
        notes: Vec::new(),
    }
}

fn run_check(
    planned: &Planned<'_>,
    account: &Account,
    done: &BTreeMap<&str, Status>,
) -> (Outcome, bool) {
    let check = planned.check;
    let unmet: Vec<String> = check
        .depends_on
        .iter()
        .filter_map(|d| {
            let status = done.get(d.as_str()).copied().unwrap_or(Status::Skipped);
            // Check ids only: the report shows each one's status, in words
            // of the reader's language.
            (status != Status::Pass).then(|| format!("`{d}`"))
        })
        .collect();
    if !unmet.is_empty() {
        let unmet = unmet.join(", ");
        let outcome = Outcome::skipped(crate::finding!("engine.dependency-unmet", unmet = unmet));
        return (outcome, false);
    }
    let args = planned.args_for(account);
    ((check.kind.run)(&Ctx::new(account, args)), true)
}

/// A step is as bad as its worst counted check.
fn step_status(checks: &[CheckResult]) -> Status {
    let rank = |s: Status| match s {
        Status::Pass => 0,
        Status::Skipped => 1,
        Status::Error => 2,
        Status::Pending => 3,
        Status::Fail => 4,
    };
    checks
        .iter()
        .filter(|c| c.counted)
        .map(|c| c.status)
        .max_by_key(|s| rank(*s))
        .unwrap_or(Status::Skipped)
}
