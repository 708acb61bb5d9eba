//! Reading a live account for `verify` and `snapshot`: the async runtime,
//! the progress spinners and the `--verbose` call report.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use super::{CommandError, Io};
use crate::account::{Account, Needs};
use crate::aws::{Live, Options, Progress};
use crate::cli::LiveArgs;

pub fn runtime() -> Result<tokio::runtime::Runtime, CommandError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

pub fn options(args: &LiveArgs, lab_region: &str) -> Options {
    Options {
        profile: args.profile.clone(),
        region: args.region.clone(),
        lab_region: lab_region.to_string(),
        endpoint_url: args.endpoint_url.clone().filter(|u| !u.is_empty()),
        probe: !args.no_probe,
        retry_base: None,
    }
}

/// Reads the account, with a spinner per service on a terminal's stderr.
pub async fn read(
    live: &Live,
    needs: &Needs,
    show_progress: bool,
) -> Result<Account, CommandError> {
    let bars = MultiProgress::new();
    let spinners: Mutex<Vec<(&'static str, ProgressBar)>> = Mutex::new(Vec::new());
    let style = ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let progress = |event: Progress| {
        if !show_progress {
            return;
        }
        let Ok(mut spinners) = spinners.lock() else {
            return;
        };
        match event {
            Progress::Reading(what) => {
                let bar = bars.add(ProgressBar::new_spinner());
                bar.set_style(style.clone());
                bar.set_message(format!("reading {what}…"));
                bar.enable_steady_tick(Duration::from_millis(100));
                spinners.push((what, bar));
            }
            Progress::Done(what) => {
                if let Some((_, bar)) = spinners.iter().find(|(w, _)| *w == what) {
                    bar.finish_and_clear();
                }
            }
        }
    };
    let account = live.read(needs, &progress).await;
    let _ = bars.clear();
    Ok(account?)
}

/// `--verbose`: how many calls, and which.
pub fn report_calls(live: &Live, io: &mut Io<'_>) -> Result<(), CommandError> {
    let calls = live.calls();
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for call in &calls {
        *counts.entry(call.as_str()).or_default() += 1;
    }
    writeln!(
        io.stderr,
        "{} AWS API calls in {}:",
        calls.len(),
        live.region()
    )?;
    for (action, n) in counts {
        writeln!(io.stderr, "  {n:>3} {action}")?;
    }
    Ok(())
}

/// `30s`, `2m`, `1m30s`, `90` (seconds), given to `flag`.
pub fn parse_duration(flag: &str, text: &str) -> Result<Duration, CommandError> {
    let bad = || {
        CommandError::Usage(format!(
            "{flag} `{text}`: expected a duration such as 30s, 2m or 1m30s"
        ))
    };
    let text = text.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: u64 = number.parse().map_err(|_| bad())?;
        number.clear();
        total += match c {
            's' => n,
            'm' => n * 60,
            'h' => n * 3600,
            _ => return Err(bad()),
        };
    }
    if !number.is_empty() {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(
            parse_duration("--wait", "30s").unwrap(),
            Duration::from_secs(30)
        );
        assert_eq!(
            parse_duration("--wait", "2m").unwrap(),
            Duration::from_secs(120)
        );
        assert_eq!(
            parse_duration("--wait", "1m30s").unwrap(),
            Duration::from_secs(90)
        );
        assert_eq!(
            parse_duration("--wait", "45").unwrap(),
            Duration::from_secs(45)
        );
        assert!(parse_duration("--wait", "soon").is_err());
        assert!(parse_duration("--wait", "5x").is_err());
        assert!(parse_duration("--wait", "3m2").is_err());
    }
}
