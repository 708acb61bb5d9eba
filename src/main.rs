//! The `labcheck` binary: parse, run, turn the outcome into an exit code.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;
use labcheck::cli::Cli;
use labcheck::commands::{self, Io};
use labcheck::exit;

fn main() -> ExitCode {
    if let Some(message) = commands::non_utf8_argument(std::env::args_os()) {
        eprintln!("error: {message}");
        return ExitCode::from(exit::USAGE);
    }
    let cli = Cli::parse();
    let lang = labcheck::lang::Lang::from_env(cli.lang());
    let stdin = io::stdin();
    let stdout = io::stdout();
    // stderr stays unlocked: progress bars draw to it from their own threads,
    // and a lock held across the run deadlocks them (issue 8).
    let mut stderr = io::stderr();
    let mut io = Io {
        stdin_is_terminal: stdin.is_terminal(),
        stdout_is_terminal: stdout.is_terminal(),
        stderr_is_terminal: stderr.is_terminal(),
        stdin: &mut stdin.lock(),
        stdout: &mut stdout.lock(),
        stderr: &mut stderr,
    };
    let code = match commands::run(cli, &mut io) {
        Ok(code) => code,
        // A closed pipe (`labcheck ... | head`) is the reader's choice, not an error.
        Err(e) if commands::is_broken_pipe(&e) => exit::OK,
        Err(e) => {
            let _ = writeln!(io.stderr, "error: {}", e.message(lang));
            e.exit_code()
        }
    };
    ExitCode::from(code)
}
