//! `labcheck snapshot`: what a lab reads from a live account, written in the
//! simulator's fixture format, so the same verdict can be reproduced offline
//! (`labcheck verify LAB --sim FILE`) and real mistakes become fixtures.

use super::{CommandError, Io, live, verify};
use crate::account::FixtureInfo;
use crate::aws::Live;
use crate::cli::SnapshotArgs;
use crate::engine;
use crate::exit;
use crate::report::Progress;

pub fn run(args: &SnapshotArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lang = crate::lang::Lang::from_env(args.lang.map(crate::cli::LangArg::lang));
    let (lab, values) = verify::lab_and_values(&args.lab, &args.set)?;
    let needs = engine::needs(&lab, &values);
    let runtime = live::runtime()?;
    let mut account = runtime.block_on(async {
        let live = Live::connect(&live::options(&args.live, &lab.region)).await?;
        let shown = Progress::new(io.stderr_is_terminal, lang);
        let read = live::read_within(&live, &needs, &shown, args.timeout).await;
        drop(shown);
        // Listed even when the read failed: they show how far it got.
        if args.live.verbose {
            live::report_calls(&live, io, lang)?;
        }
        read
    })?;
    account.fixture = Some(FixtureInfo {
        description: format!(
            "snapshot of account {} in {} for lab {} {}",
            account.account_id, account.region, lab.id, lab.version
        ),
        ..FixtureInfo::default()
    });
    // The account as read, credentials never among it.
    let text = toml::to_string(&account)
        .map_err(|e| CommandError::Usage(format!("could not write the snapshot: {e}")))?;
    let header = "# Written by `labcheck snapshot`: what the lab read from a live account.\n# Replay it with `labcheck verify LAB --sim THIS-FILE`.\n\n";
    std::fs::write(&args.file, format!("{header}{text}")).map_err(|e| {
        CommandError::Usage(format!("could not write {}: {e}", args.file.display()))
    })?;
    let text = |s: String| fluent_bundle::FluentValue::from(s);
    let wrote = crate::i18n::tr(
        lang,
        "snapshot-wrote",
        &[
            ("file", text(args.file.display().to_string())),
            ("account", text(account.account_id.clone())),
            ("region", text(account.region.clone())),
        ],
    );
    writeln!(io.stderr, "{wrote}")?;
    Ok(exit::OK)
}
