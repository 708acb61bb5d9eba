//! `labcheck quiz`: resolves the banks, the seed, colour and the progress
//! file, then hands over to `quiz::session` (practice, `--due`, `--list`) or
//! `quiz::exam` (`--exam`).

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::{CommandError, Io};
use crate::cli::{ColorChoice, LangArg, QuizArgs};
use crate::lang::Lang;
use crate::quiz::bank::{self, Bank, Question};
use crate::quiz::progress::{self, Progress};
use crate::quiz::rng::Rng;
use crate::quiz::session::{self, Selection, Term};
use crate::quiz::text::Style;
use crate::quiz::{QuizError, exam};

/// The bank format, for people who installed labcheck and have no checkout.
const BANK_FORMAT: &str = include_str!("../../quizzes/README.md");

pub fn run(args: &QuizArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    if args.bank_format {
        write!(io.stdout, "{BANK_FORMAT}")?;
        return Ok(crate::exit::OK);
    }
    let banks = load_banks(&args.banks)?;
    let questions: Vec<Question> = banks.into_iter().flat_map(|b| b.questions).collect();
    if questions.is_empty() {
        return Err(CommandError::Usage("no questions in the banks".into()));
    }
    if args.list {
        let all: Vec<&Question> = questions.iter().collect();
        session::write_list(io.stdout, &all)?;
        return Ok(crate::exit::OK);
    }
    let seed = args.seed.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let mut rng = Rng::new(seed);
    let path = match &args.progress {
        Some(p) => Some(p.clone()),
        None => progress::default_path(),
    };
    let mut prog = Progress::default();
    if let Some(p) = &path {
        let (loaded, notice) = progress::load(p)?;
        prog = loaded;
        if let Some(n) = notice {
            writeln!(io.stderr, "warning: {n}")?;
        }
    } else {
        writeln!(
            io.stderr,
            "warning: no data directory found; progress will not be saved (use --progress FILE)"
        )?;
    }
    let today = progress::today();
    let style = Style {
        color: use_color(args.color, io.stdout_is_terminal),
    };
    let echo = !io.stdin_is_terminal;
    let lang = Lang::from_env(args.lang.map(LangArg::lang));

    let selection = if args.exam {
        let (picked, notes) = exam::pick(&questions, &mut rng);
        for n in notes {
            writeln!(io.stderr, "note: {n}")?;
        }
        picked
    } else {
        let sel = Selection {
            topics: &args.topics,
            domains: &args.domains,
            count: args.count,
            due_first: args.due,
            today,
        };
        let (picked, due) = session::select(&questions, &sel, &prog, &mut rng)?;
        if args.due {
            let msg = if due == 0 {
                "Nothing is due today: practising new and later questions.".to_string()
            } else {
                format!("{due} question(s) due for review come first.")
            };
            writeln!(io.stdout, "{msg}")?;
        }
        picked
    };
    writeln!(
        io.stdout,
        "Seed {seed} (repeat this session with --seed {seed})"
    )?;

    let mut save_failed = false;
    let stderr = &mut *io.stderr;
    let mut record = |id: &str, right: bool| -> Result<(), QuizError> {
        prog.record(id, right, today);
        if let Some(p) = &path
            && let Err(e) = progress::save(&prog, p)
            && !save_failed
        {
            // Keep drilling; say once that progress is not being kept.
            save_failed = true;
            let _ = writeln!(stderr, "warning: could not save progress: {e}");
        }
        Ok(())
    };
    let mut term = Term {
        input: io.stdin,
        out: io.stdout,
        style,
        echo,
        lang,
    };
    if args.exam {
        let start = Instant::now();
        let clock = move || start.elapsed();
        exam::run(
            &mut term,
            &selection,
            &mut rng,
            &clock,
            exam::TIME_LIMIT,
            &mut record,
        )?;
    } else {
        session::run_practice(&mut term, &selection, &mut rng, &mut record)?;
    }
    Ok(crate::exit::OK)
}

/// `auto` colours only a terminal, and NO_COLOR or TERM=dumb turn it off.
fn use_color(choice: ColorChoice, stdout_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout_is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// The built-in banks, or the files (and `*.toml` in directories) given.
fn load_banks(paths: &[PathBuf]) -> Result<Vec<Bank>, CommandError> {
    if paths.is_empty() {
        return Ok(bank::builtin_banks()?);
    }
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| CommandError::Usage(format!("{}: {e}", p.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    let mut texts = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| CommandError::Usage(format!("{}: {e}", f.display())))?;
        texts.push((display(f), text));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Ok(bank::parse_banks(&refs)?)
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
