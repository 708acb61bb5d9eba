//! `labcheck labs` and `labcheck show`.

use super::{CommandError, Io};
use crate::cli::{ColorChoice, LabsArgs, ShowArgs};
use crate::exit;
use crate::lab;
use crate::lang::Lang;
use crate::report;

pub fn list(args: &LabsArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let labs = lab::builtin_ids()
        .into_iter()
        .map(lab::load)
        .collect::<Result<Vec<_>, _>>()?;
    let color = io.color(ColorChoice::Auto);
    write!(
        io.stdout,
        "{}",
        report::labs_table(
            &labs,
            color,
            super::width(),
            Lang::from_env(args.lang.map(crate::cli::LangArg::lang))
        )
    )?;
    Ok(exit::OK)
}

pub fn show(args: &ShowArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lab = lab::load(&args.lab)?;
    let values = lab.values(&args.set)?;
    let color = io.color(ColorChoice::Auto);
    write!(
        io.stdout,
        "{}",
        report::lab_details(
            &lab,
            &values,
            color,
            super::width(),
            Lang::from_env(args.lang.map(crate::cli::LangArg::lang))
        )
    )?;
    Ok(exit::OK)
}
