//! JUnit XML, one test suite per step and one test case per check, for CI
//! systems that show test results. The XML itself is quick-junit's (the
//! crate nextest writes its JUnit with), so escaping and the schema's shape
//! are not ours to get wrong.

use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};

use super::Report;
use crate::checks::Status;

pub fn junit(report: &Report) -> String {
    let mut out = quick_junit::Report::new(format!("labcheck {}", report.lab));
    for step in &report.steps {
        let mut suite = TestSuite::new(format!("{}/{}", report.lab, step.id));
        for (name, value) in [
            ("lab_version", &report.lab_version),
            ("lab_digest", &report.lab_digest),
            ("source", &report.source),
            ("account", &report.account),
            ("region", &report.region),
        ] {
            suite.add_property(Property::new(name, value.as_str()));
        }
        for check in &step.checks {
            let mut status = match check.status {
                Status::Pass => TestCaseStatus::success(),
                Status::Fail | Status::Pending => {
                    TestCaseStatus::non_success(NonSuccessKind::Failure)
                }
                Status::Error => TestCaseStatus::non_success(NonSuccessKind::Error),
                Status::Skipped => TestCaseStatus::skipped(),
            };
            if check.status != Status::Pass {
                status
                    .set_message(check.message.as_deref().unwrap_or(check.status.as_str()))
                    .set_type(check.status.as_str());
                if let Some(hint) = &check.hint {
                    status.set_description(hint.as_str());
                }
            }
            let mut case = TestCase::new(check.id.as_str(), status);
            case.set_classname(format!("{}.{}", report.lab, step.id));
            suite.add_test_case(case);
        }
        out.add_test_suite(suite);
    }
    // Serializing strings and counts into memory cannot fail.
    out.to_string().unwrap_or_default()
}
