//! One function per subcommand: resolve the arguments, run the pipeline, hand
//! the result to `report`, and say which exit code it earns.

use std::io::{BufRead, Write};

use crate::cli::{Cli, ColorChoice, Command};
use crate::exit;

mod calc;
mod grade;
mod labs;
mod lint;
mod live;
mod quiz;
mod snapshot;
mod verify;

/// The streams a command reads and writes, passed in so that tests can run
/// commands in-process.
pub struct Io<'a> {
    pub stdin: &'a mut dyn BufRead,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
}

impl Io<'_> {
    /// Whether to colour what goes to stdout.
    pub fn color(&self, choice: ColorChoice) -> bool {
        let forced = match choice {
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
            ColorChoice::Auto => None,
        };
        crate::report::use_color(forced, self.stdout_is_terminal, &|k| std::env::var(k).ok())
    }
}

/// The width tables wrap to: `COLUMNS` when set, else the terminal's.
pub fn width() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok()
}

/// Everything a command can fail with, each mapped to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Lab(#[from] crate::lab::LabError),
    #[error(transparent)]
    Sim(#[from] crate::sim::SimError),
    #[error(transparent)]
    Quiz(#[from] crate::quiz::QuizError),
    #[error(transparent)]
    Aws(#[from] crate::aws::AwsError),
    #[error(transparent)]
    Grade(#[from] crate::grade::GradeError),
    #[error("could not write the output: {0}")]
    Output(#[from] std::io::Error),
}

impl CommandError {
    /// A stable name for the kind of failure, for `--output json`.
    pub fn code(&self) -> &'static str {
        match self {
            CommandError::Usage(_) => "usage",
            CommandError::Lab(_) => "bad-lab",
            CommandError::Sim(_) => "bad-fixture",
            CommandError::Quiz(_) => "bad-bank",
            CommandError::Aws(e) => e.code(),
            CommandError::Grade(crate::grade::GradeError::Roster(_)) => "bad-roster",
            CommandError::Grade(_) => "journal",
            CommandError::Output(_) => "output",
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Usage(_)
            | CommandError::Lab(_)
            | CommandError::Sim(_)
            | CommandError::Quiz(_)
            | CommandError::Grade(
                crate::grade::GradeError::Roster(_)
                | crate::grade::GradeError::JournalExists { .. }
                | crate::grade::GradeError::JournalMismatch { .. }
                | crate::grade::GradeError::JournalCorrupt { .. },
            ) => exit::USAGE,
            CommandError::Output(_) | CommandError::Aws(_) | CommandError::Grade(_) => {
                exit::COULD_NOT_VERIFY
            }
        }
    }
}

impl CommandError {
    /// The error in the reader's language where it has a catalog message
    /// (the reasons an account could not be read); as written otherwise.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            CommandError::Aws(e) => e.message(lang),
            other => other.to_string(),
        }
    }
}

/// Whether an error is only a closed stdout (`labcheck quiz --list | head`),
/// wherever in the chain the write failed.
pub fn is_broken_pipe(error: &CommandError) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return true;
        }
        next = e.source();
    }
    false
}

/// Every command takes its file names and values as UTF-8, so an argument
/// that is not is refused here, the same way for all of them, rather than
/// half-accepted by some and mangled by others.
pub fn non_utf8_argument(args: impl Iterator<Item = std::ffi::OsString>) -> Option<String> {
    args.enumerate().skip(1).find_map(|(i, arg)| {
        arg.to_str().is_none().then(|| {
            format!(
                "argument {i} (`{}`) is not valid UTF-8; labcheck takes file names and values in UTF-8: rename the file, or run from a folder whose path is UTF-8 and give the name relative to it",
                arg.to_string_lossy()
            )
        })
    })
}

/// Runs one parsed command line and returns its exit code.
pub fn run(cli: Cli, io: &mut Io<'_>) -> Result<u8, CommandError> {
    match cli.command {
        Command::Labs(args) => labs::list(&args, io),
        Command::Show(args) => labs::show(&args, io),
        Command::Verify(args) => verify::run(&args, io),
        Command::Snapshot(args) => snapshot::run(&args, io),
        Command::Grade(args) => grade::run(&args, io),
        Command::Lint(args) => lint::run(&args, io),
        Command::Quiz(args) => quiz::run(&args, io),
        Command::Calc(args) => calc::run(&args, io),
    }
}
