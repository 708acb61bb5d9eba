//! `labcheck verify`: a lab over an account (live, or the simulator),
//! reported; `--wait` and `--watch` re-read a live account.

use std::time::{Duration, Instant};

use super::{CommandError, Io, live};
use crate::account::Account;
use crate::aws::{AwsError, Live};
use crate::checks::{LabResult, Status};
use crate::cli::{Feedback, OutputFormat, VerifyArgs};
use crate::exit;
use crate::lab::{self, Lab, Values};
use crate::lang::Lang;
use crate::plan::Plan;
use crate::report::{self, Progress, Report};
use crate::sim;

/// How often `--wait` and `--watch` look again.
const POLL: Duration = Duration::from_secs(5);

pub fn run(args: &VerifyArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let outcome = verify(args, io);
    // Scripts asked for JSON get JSON, also when there is no report to give.
    if let Err(e) = &outcome
        && args.render.output == OutputFormat::Json
    {
        let lang = Lang::from_env(args.lang.map(crate::cli::LangArg::lang));
        let text = report::error_json(e.code(), &e.message(lang), e.exit_code());
        io.stdout.write_all(text.as_bytes())?;
    }
    outcome
}

fn verify(args: &VerifyArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lab = lab::load(&args.lab)?;
    let values = lab.values(&args.set)?;
    // Placeholders are filled once, however often --watch looks again.
    let plan = Plan::new(&lab, &values);
    if let Some(choice) = &args.sim {
        refuse_live_flags(args)?;
        let loaded = sim::load(&lab.id, &lab.region, choice)?;
        let result = crate::engine::evaluate_plan(&plan, &loaded.account);
        render(args, io, &lab, &result, &loaded.name, &loaded.account)?;
        return Ok(exit::of_lab(&result));
    }

    let runtime = live::runtime()?;
    runtime.block_on(async {
        let options = live::options(&args.live, &lab.region);
        let live = Live::connect(&options).await?;
        let needs = plan.needs();
        let shown = if args.render.output == OutputFormat::Table {
            Progress::new(
                io.stderr_is_terminal,
                Lang::from_env(args.lang.map(crate::cli::LangArg::lang)),
            )
        } else {
            Progress::hidden()
        };
        let source = match &options.endpoint_url {
            Some(url) => format!("endpoint {url}"),
            None => "aws".to_string(),
        };
        let started = Instant::now();
        loop {
            let read = live::read_within(&live, &needs, &shown, args.timeout).await;
            let account = match read {
                Ok(account) => account,
                // A network that comes back is worth waiting for while
                // watching: show why, and look again on the next tick.
                Err(CommandError::Aws(e)) if args.watch => {
                    if io.stdout_is_terminal {
                        write!(io.stdout, "\x1b[2J\x1b[H")?;
                    }
                    writeln!(io.stdout, "could not read the account: {e}")?;
                    writeln!(
                        io.stdout,
                        "trying again in {}s; Ctrl-C to stop",
                        POLL.as_secs()
                    )?;
                    io.stdout.flush()?;
                    tokio::select! {
                        () = tokio::time::sleep(POLL) => continue,
                        _ = tokio::signal::ctrl_c() => return Err(CommandError::Aws(e)),
                    }
                }
                Err(e) => {
                    // What was called before the failure helps to see why.
                    if args.live.verbose {
                        live::report_calls(
                            &live,
                            io,
                            Lang::from_env(args.lang.map(crate::cli::LangArg::lang)),
                        )?;
                    }
                    return Err(e);
                }
            };
            let result = crate::engine::evaluate_plan(&plan, &account);
            let settling = result.checks().any(|c| c.status == Status::Pending);
            if let Some(limit) = args.wait
                && settling
                && started.elapsed() + POLL < limit
            {
                shown.println(&format!(
                    "still settling; looking again in {}s…",
                    POLL.as_secs()
                ));
                tokio::time::sleep(POLL).await;
                continue;
            }
            if args.watch && io.stdout_is_terminal {
                // Clear the screen and go home, so the report redraws in place.
                write!(io.stdout, "\x1b[2J\x1b[H")?;
            }
            render(args, io, &lab, &result, &source, &account)?;
            if args.live.verbose {
                live::report_calls(
                    &live,
                    io,
                    Lang::from_env(args.lang.map(crate::cli::LangArg::lang)),
                )?;
            }
            if !args.watch {
                return Ok(exit::of_lab(&result));
            }
            writeln!(io.stdout, "watching; Ctrl-C to stop")?;
            io.stdout.flush()?;
            tokio::select! {
                () = tokio::time::sleep(POLL) => {}
                _ = tokio::signal::ctrl_c() => return Ok(exit::of_lab(&result)),
            }
        }
    })
}

/// Flags about reaching a live account mean nothing on the simulator; one
/// given there is a mistake worth naming, not something to ignore.
fn refuse_live_flags(args: &VerifyArgs) -> Result<(), CommandError> {
    let live = &args.live;
    let given: Vec<&str> = [
        live.region.as_ref().map(|_| "--region"),
        live.profile.as_ref().map(|_| "--profile"),
        live.endpoint_url.as_ref().map(|_| "--endpoint-url"),
        live.no_probe.then_some("--no-probe"),
        args.wait.map(|_| "--wait"),
        args.watch.then_some("--watch"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if given.is_empty() {
        return Ok(());
    }
    Err(CommandError::Usage(format!(
        "{} {} about reading a live AWS account; the simulator's account is built in and does not change. Leave {} out, or leave out --sim to check your AWS account",
        given.join(", "),
        if given.len() == 1 { "is" } else { "are" },
        if given.len() == 1 { "it" } else { "them" },
    )))
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
    let lang = Lang::from_env(args.lang.map(crate::cli::LangArg::lang));
    let report = Report::new(
        lab,
        result,
        source,
        &account.account_id,
        &account.region,
        feedback,
        lang,
    );
    let text = match args.render.output {
        OutputFormat::Table => {
            report::report_table(&report, io.color(args.render.color), super::width(), lang)
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

/// The error a read that ran out of time becomes.
pub fn timed_out(limit: Duration, endpoint: Option<&str>) -> AwsError {
    AwsError::TimedOut {
        limit: humantime::format_duration(limit).to_string(),
        endpoint: endpoint.map(str::to_string),
    }
}
