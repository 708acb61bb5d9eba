//! `labcheck calc`.

use super::{CommandError, Io};
use crate::cli::CalcArgs;

pub fn run(_args: &CalcArgs, _io: &mut Io<'_>) -> Result<u8, CommandError> {
    Err(CommandError::Usage("calc: not implemented yet".into()))
}
