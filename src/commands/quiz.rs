//! `labcheck quiz`.

use super::{CommandError, Io};
use crate::cli::QuizArgs;

pub fn run(_args: &QuizArgs, _io: &mut Io<'_>) -> Result<u8, CommandError> {
    Err(CommandError::Usage("quiz: not implemented yet".into()))
}
