//! `labcheck verify`: a lab over an account, reported.

use super::{CommandError, Io};
use crate::checks;
use crate::cli::{Feedback, OutputFormat, VerifyArgs};
use crate::lab;
use crate::report::{self, Report};
use crate::sim;

pub fn run(args: &VerifyArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lab = lab::load(&args.lab)?;
    let values = lab.values(&args.set)?;
    let Some(choice) = &args.sim else {
        return Err(CommandError::Usage(
            "reading a live AWS account is not available in this build yet; add --sim to run on the embedded simulator (labcheck verify serverless --sim)".into(),
        ));
    };
    let loaded = sim::load(&lab.id, &lab.region, choice)?;
    let account = &loaded.account;
    let result = checks::evaluate(&lab, &values, account);
    let feedback = match args.feedback {
        Feedback::Full => report::Feedback::Full,
        Feedback::Hints => report::Feedback::Hints,
        Feedback::PassFail => report::Feedback::PassFail,
    };
    let report = Report::new(
        &lab,
        &result,
        &loaded.name,
        &account.account_id,
        &account.region,
        feedback,
    );
    let text = match args.render.output {
        OutputFormat::Table => {
            report::report_table(&report, io.color(args.render.color), super::width())
        }
        OutputFormat::Json => report::json(&report),
        OutputFormat::Junit => report::junit(&report),
    };
    io.stdout.write_all(text.as_bytes())?;
    Ok(result.exit_code())
}
