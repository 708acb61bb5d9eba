//! JUnit XML, one test suite per step and one test case per check, for CI
//! systems that show test results.

use std::fmt::Write as _;

use super::Report;
use crate::checks::Status;

pub fn junit(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let count = |s: Status| report.checks().filter(|(_, c)| c.status == s).count();
    let _ = writeln!(
        out,
        "<testsuites name=\"labcheck {}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
        esc(&report.lab),
        report.checks().count(),
        count(Status::Fail) + count(Status::Pending),
        count(Status::Error),
        count(Status::Skipped),
    );
    for step in &report.steps {
        let in_step = |s: Status| step.checks.iter().filter(|c| c.status == s).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}/{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            esc(&report.lab),
            esc(&step.id),
            step.checks.len(),
            in_step(Status::Fail) + in_step(Status::Pending),
            in_step(Status::Error),
            in_step(Status::Skipped),
        );
        let _ = writeln!(out, "    <properties>");
        for (name, value) in [
            ("lab_version", &report.lab_version),
            ("lab_digest", &report.lab_digest),
            ("source", &report.source),
            ("account", &report.account),
            ("region", &report.region),
        ] {
            let _ = writeln!(
                out,
                "      <property name=\"{name}\" value=\"{}\"/>",
                esc(value)
            );
        }
        let _ = writeln!(out, "    </properties>");
        for check in &step.checks {
            let _ = write!(
                out,
                "    <testcase classname=\"{}.{}\" name=\"{}\"",
                esc(&report.lab),
                esc(&step.id),
                esc(&check.id)
            );
            let message = check.message.as_deref().unwrap_or(check.status.as_str());
            let body = check.hint.as_deref().unwrap_or_default();
            let element = match check.status {
                Status::Pass => None,
                Status::Fail | Status::Pending => Some("failure"),
                Status::Error => Some("error"),
                Status::Skipped => Some("skipped"),
            };
            match element {
                None => out.push_str("/>\n"),
                Some(tag) => {
                    let _ = writeln!(
                        out,
                        ">\n      <{tag} message=\"{}\" type=\"{}\">{}</{tag}>\n    </testcase>",
                        esc(message),
                        check.status.as_str(),
                        esc(body)
                    );
                }
            }
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    out.push_str("</testsuites>\n");
    out
}

fn esc(text: &str) -> String {
    super::escape_markup(text)
}
