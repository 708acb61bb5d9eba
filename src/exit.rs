//! Exit codes: one meaning each, shared by every command, and the one place
//! they are decided from results (a lab run, a class). Errors map to codes
//! in `commands::CommandError::exit_code`.

use crate::checks::record::StudentResult;
use crate::checks::{LabResult, Status};

/// Every check passed (skipped probes do not count against it).
pub const OK: u8 = 0;
/// Some check failed or is still pending.
pub const CHECKS_FAILED: u8 = 1;
/// Bad usage, or a lab, fixture, roster or bank that is not valid.
pub const USAGE: u8 = 2;
/// Could not verify: credentials, network, access denied.
pub const COULD_NOT_VERIFY: u8 = 3;

/// One lab run: 1 if a counted check failed or is pending, else 3 if one
/// could not be verified, else 1 if one was skipped, else 0. A failure is
/// news the learner can act on, so it wins over an unverified check.
pub fn of_lab(result: &LabResult) -> u8 {
    let counted = || result.checks().filter(|c| c.counted);
    if counted().any(|c| matches!(c.status, Status::Fail | Status::Pending)) {
        CHECKS_FAILED
    } else if counted().any(|c| c.status == Status::Error) {
        COULD_NOT_VERIFY
    } else if counted().any(|c| c.status != Status::Pass) {
        CHECKS_FAILED
    } else {
        OK
    }
}

/// A class: 3 when a student could not be graded, else 1 when a student has
/// a check not passed, else 0.
pub fn of_class(students: &[StudentResult]) -> u8 {
    if students.iter().any(|s| !s.graded()) {
        COULD_NOT_VERIFY
    } else if students
        .iter()
        .any(|s| s.score.is_some_and(|sc| sc.passed < sc.total))
    {
        CHECKS_FAILED
    } else {
        OK
    }
}
