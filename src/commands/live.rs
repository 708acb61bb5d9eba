//! Reading a live account for `verify` and `snapshot`: the async runtime,
//! the progress spinners and the `--verbose` call report.

use fluent_bundle::FluentValue;

use crate::lang::Lang;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::ProgressBar;

use super::{CommandError, Io};
use crate::account::{Account, Needs};
use crate::aws::{Live, Options, Progress as AwsProgress};
use crate::cli::LiveArgs;
use crate::report::Progress;

pub fn runtime() -> Result<tokio::runtime::Runtime, CommandError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

pub fn options(args: &LiveArgs, lab_region: &str) -> Options {
    // AWS_ENDPOINT_URL is read here rather than by clap, so that `--sim`
    // can tell a flag given on purpose from the environment.
    let endpoint_url = args
        .endpoint_url
        .clone()
        .or_else(|| std::env::var("AWS_ENDPOINT_URL").ok())
        .filter(|u| !u.is_empty());
    Options {
        profile: args.profile.clone(),
        region: args.region.clone(),
        lab_region: lab_region.to_string(),
        endpoint_url,
        probe: !args.no_probe,
        retry_base: None,
    }
}

/// Reads the account, with a spinner per service while it reads.
pub async fn read(live: &Live, needs: &Needs, shown: &Progress) -> Result<Account, CommandError> {
    let spinners: Mutex<Vec<(&'static str, ProgressBar)>> = Mutex::new(Vec::new());
    let progress = |event: AwsProgress| {
        let Ok(mut spinners) = spinners.lock() else {
            return;
        };
        match event {
            AwsProgress::Reading(what) => {
                spinners.push((what, shown.reading(what)));
            }
            AwsProgress::Done(what) => {
                if let Some(i) = spinners.iter().position(|(w, _)| *w == what) {
                    let (_, bar) = spinners.remove(i);
                    shown.remove(&bar);
                }
            }
        }
    };
    let account = live.read(needs, &progress).await;
    for (_, bar) in spinners
        .lock()
        .map(|mut s| std::mem::take(&mut *s))
        .unwrap_or_default()
    {
        shown.remove(&bar);
    }
    Ok(account?)
}

/// `read`, given up after `limit`.
pub async fn read_within(
    live: &Live,
    needs: &Needs,
    shown: &Progress,
    limit: Duration,
) -> Result<Account, CommandError> {
    match tokio::time::timeout(limit, read(live, needs, shown)).await {
        Ok(read) => read,
        Err(_) => Err(super::verify::timed_out(limit, live.endpoint()).into()),
    }
}

/// `--verbose`: how many calls, and which (with the path, for API Gateway,
/// whose one action `apigateway:GET` covers every read).
pub fn report_calls(live: &Live, io: &mut Io<'_>, lang: Lang) -> Result<(), CommandError> {
    let calls = live.call_log();
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for call in &calls {
        *counts.entry(call.to_string()).or_default() += 1;
    }
    let header = crate::i18n::tr(
        lang,
        "verbose-calls",
        &[
            ("count", FluentValue::from(calls.len().to_string())),
            ("region", FluentValue::from(live.region())),
        ],
    );
    writeln!(io.stderr, "{header}")?;
    for (call, n) in counts {
        writeln!(io.stderr, "  {n:>3} {call}")?;
    }
    Ok(())
}
