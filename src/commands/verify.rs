//! `labcheck verify`: a lab over an account (live, or the simulator),
//! reported; `--wait` and `--watch` re-read a live account.

use std::time::{Duration, Instant};

use super::{CommandError, Io, live};
use crate::account::Account;
use crate::aws::Live;
use crate::checks::{self, LabResult, Status};
use crate::cli::{Feedback, OutputFormat, VerifyArgs};
use crate::lab::{self, Lab, Values};
use crate::report::{self, Report};
use crate::sim;

/// How often `--wait` and `--watch` look again.
const POLL: Duration = Duration::from_secs(5);

pub fn run(args: &VerifyArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lab = lab::load(&args.lab)?;
    let values = lab.values(&args.set)?;
    if let Some(choice) = &args.sim {
        if args.watch || args.wait.is_some() {
            return Err(CommandError::Usage(
                "--wait and --watch re-read a live account; the simulator's account does not change".into(),
            ));
        }
        let loaded = sim::load(&lab.id, &lab.region, choice)?;
        let result = checks::evaluate(&lab, &values, &loaded.account);
        render(args, io, &lab, &result, &loaded.name, &loaded.account)?;
        return Ok(result.exit_code());
    }

    let wait = args
        .wait
        .as_deref()
        .map(|w| live::parse_duration("--wait", w))
        .transpose()?;
    let runtime = live::runtime()?;
    runtime.block_on(async {
        let live = Live::connect(&live::options(&args.live, &lab.region)).await?;
        let needs = checks::needs(&lab, &values);
        let show_progress = io.stderr_is_terminal && args.render.output == OutputFormat::Table;
        let source = match &args.live.endpoint_url {
            Some(url) if !url.is_empty() => format!("endpoint {url}"),
            _ => "aws".to_string(),
        };
        let started = Instant::now();
        loop {
            let account = live::read(&live, &needs, show_progress).await?;
            let result = checks::evaluate(&lab, &values, &account);
            let settling = result.checks().any(|c| c.status == Status::Pending);
            if let Some(limit) = wait
                && settling
                && started.elapsed() + POLL < limit
            {
                if show_progress {
                    writeln!(
                        io.stderr,
                        "still settling; looking again in {}s…",
                        POLL.as_secs()
                    )?;
                }
                tokio::time::sleep(POLL).await;
                continue;
            }
            if args.watch && io.stdout_is_terminal {
                // Clear the screen and go home, so the report redraws in place.
                write!(io.stdout, "\x1b[2J\x1b[H")?;
            }
            render(args, io, &lab, &result, &source, &account)?;
            if args.live.verbose {
                live::report_calls(&live, io)?;
            }
            if !args.watch {
                return Ok(result.exit_code());
            }
            writeln!(io.stdout, "watching; Ctrl-C to stop")?;
            io.stdout.flush()?;
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = tokio::signal::ctrl_c() => return Ok(result.exit_code()),
            }
        }
    })
}

fn render(
    args: &VerifyArgs,
    io: &mut Io<'_>,
    lab: &Lab,
    result: &LabResult,
    source: &str,
    account: &Account,
) -> Result<(), CommandError> {
    let feedback = match args.feedback {
        Feedback::Full => report::Feedback::Full,
        Feedback::Hints => report::Feedback::Hints,
        Feedback::PassFail => report::Feedback::PassFail,
    };
    let report = Report::new(
        lab,
        result,
        source,
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
    Ok(())
}

/// The values and lab, for `snapshot`.
pub fn lab_and_values(name: &str, set: &[String]) -> Result<(Lab, Values), CommandError> {
    let lab = lab::load(name)?;
    let values = lab.values(set)?;
    Ok((lab, values))
}
