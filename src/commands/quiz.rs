//! `labcheck quiz`: resolves the banks, the seed, the language, colour, the
//! width and the progress file, then hands over to `quiz::session` (practice,
//! `--due`, `--list`) or `quiz::exam` (`--exam`, `--resume`, `--abandon`).
//!
//! Nothing a learner did is lost. Every answer is merged into the progress
//! file under a lock as soon as it is given; the exam's state is saved after
//! every answer. Ctrl-C (SIGINT), a closed terminal (SIGHUP) and SIGTERM are
//! caught: the handler waits for a write in flight, saves the exam's clock,
//! says how to continue and exits with 128 + the signal number (130, 129,
//! 143), as shells do for a process killed by that signal.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::{CommandError, Io};
use crate::cli::{ColorChoice, LangArg, QuizArgs};
use crate::i18n::tr;
use crate::lang::Lang;
use crate::quiz::QuizError;
use crate::quiz::bank::{self, Bank, Question};
use crate::quiz::exam::{self, Ended, Hooks, Saved};
use crate::quiz::progress::{self, Grade, Progress};
use crate::quiz::rng::Rng;
use crate::quiz::session::{self, Selection, Term};
use crate::quiz::text::{self, Style};

/// The bank format, for people who installed labcheck and have no checkout.
const BANK_FORMAT: &str = include_str!("../../quizzes/README.md");

/// Held while a file is being written, so a signal never exits mid-write.
static WRITING: Mutex<()> = Mutex::new(());

pub fn run(args: &QuizArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    if args.bank_format {
        write!(io.stdout, "{BANK_FORMAT}")?;
        return Ok(crate::exit::OK);
    }
    let lang = Lang::from_env(args.lang.map(LangArg::lang));
    let width = text::width(
        std::env::var("COLUMNS").ok().as_deref(),
        io.stdout_is_terminal
            .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
            .flatten(),
    );
    let style = Style {
        color: use_color(args.color, io.stdout_is_terminal),
        width,
    };
    let path = match &args.progress {
        Some(p) => Some(p.clone()),
        None => progress::default_path(),
    };
    if args.exam && args.abandon {
        return abandon(path.as_deref(), lang, io);
    }
    let banks = load_banks(&args.banks)?;
    let questions: Vec<Question> = banks.into_iter().flat_map(|b| b.questions).collect();
    if questions.is_empty() {
        return Err(CommandError::Usage("no questions in the banks".into()));
    }
    if args.list && args.coverage {
        session::write_coverage(io.stdout, lang, &questions)?;
        return Ok(crate::exit::OK);
    }
    if args.list {
        let all: Vec<&Question> = questions.iter().collect();
        session::write_list(io.stdout, style, lang, &all)?;
        return Ok(crate::exit::OK);
    }
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
    let retention = retention(args)?;
    if args.stats {
        session::write_stats(io.stdout, style, lang, &prog, &questions, today)?;
        return Ok(crate::exit::OK);
    }
    let echo = !io.stdin_is_terminal;
    if args.exam {
        return run_exam(args, io, &questions, path.as_deref(), style, lang, echo);
    }

    let seed = args.seed.unwrap_or_else(clock_seed);
    let mut rng = Rng::new(seed);
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
            tr(lang, "quiz-due-none", &[])
        } else {
            tr(lang, "quiz-due-some", &[("n", due.into())])
        };
        writeln!(io.stdout, "{msg}")?;
    }
    writeln!(
        io.stdout,
        "{}",
        tr(lang, "quiz-seed", &[("seed", seed.into())])
    )?;
    let stop_note = tr(lang, "quiz-stopped", &[]);
    catch_signals(stop_note, None);
    let mut save_failed = false;
    let stderr = &mut *io.stderr;
    let mut record = |id: &str, grade: Grade| -> Result<(), QuizError> {
        let Some(p) = &path else { return Ok(()) };
        let _writing = WRITING.lock();
        if let Err(e) = progress::update(p, |pr| pr.record(id, grade, today, retention))
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
    let outcomes = session::run_practice(&mut term, &picked, &mut rng, &mut record)?;
    if args.due {
        let missed: Vec<&Question> = outcomes
            .iter()
            .filter(|o| !o.right)
            .filter_map(|o| picked.iter().copied().find(|q| q.id == o.id))
            .collect();
        if session::offer_retry(&mut term, missed.len())? {
            session::run_practice(&mut term, &missed, &mut rng, &mut record)?;
        }
    }
    Ok(crate::exit::OK)
}

/// `--retention`, checked: FSRS is tuned for targets between 0.7 and 0.99.
fn retention(args: &QuizArgs) -> Result<f64, CommandError> {
    let r = args.retention;
    if (0.7..=0.99).contains(&r) {
        Ok(r)
    } else {
        Err(CommandError::Usage(format!(
            "--retention {r}: expected a desired recall probability from 0.7 to 0.99 (default 0.9)"
        )))
    }
}

fn clock_seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
}

/// Where the exam in progress is kept: beside the progress file.
pub fn exam_path(progress: &Path) -> PathBuf {
    let stem = progress
        .file_stem()
        .map_or("progress".into(), |s| s.to_string_lossy().into_owned());
    progress.with_file_name(format!("{stem}.exam.json"))
}

fn abandon(path: Option<&Path>, lang: Lang, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let Some(p) = path else {
        return Err(CommandError::Usage(
            "no data directory found: there is no saved exam (use --progress FILE)".into(),
        ));
    };
    let file = exam_path(p);
    match std::fs::remove_file(&file) {
        Ok(()) => writeln!(io.stdout, "{}", tr(lang, "quiz-exam-dropped", &[]))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            writeln!(io.stdout, "{}", tr(lang, "quiz-exam-none-in-progress", &[]))?;
        }
        Err(e) => return Err(CommandError::Usage(format!("{}: {e}", file.display()))),
    }
    Ok(crate::exit::OK)
}

fn hms(secs: u64) -> String {
    format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

fn run_exam(
    args: &QuizArgs,
    io: &mut Io<'_>,
    questions: &[Question],
    path: Option<&Path>,
    style: Style,
    lang: Lang,
    echo: bool,
) -> Result<u8, CommandError> {
    let file = path.map(exam_path);
    let saved: Option<Saved> = match &file {
        Some(f) => {
            let (s, notice) = progress::load_json::<Saved>(f)?;
            if let Some(n) = notice {
                writeln!(io.stderr, "warning: {n}")?;
            }
            s
        }
        None => None,
    };
    let limit = exam::TIME_LIMIT;
    let mut state = match (saved, args.resume) {
        (Some(s), false) => {
            return Err(CommandError::Usage(format!(
                "an exam is in progress ({} of {} answered, {} left): continue it with `labcheck quiz --exam --resume`, or drop it with `labcheck quiz --exam --abandon`",
                s.answered(),
                s.questions.len(),
                hms(limit.as_secs().saturating_sub(s.elapsed_secs))
            )));
        }
        (None, true) => {
            return Err(CommandError::Usage(
                "no exam in progress to resume: start one with `labcheck quiz --exam`".into(),
            ));
        }
        (Some(s), true) => s,
        (None, false) => Saved::new(args.seed.unwrap_or_else(clock_seed), &[]),
    };
    let mut rng = Rng::new(state.seed);
    let (picked, notes) = exam::pick(questions, &mut rng);
    if args.resume {
        let ids: Vec<&str> = picked.iter().map(|q| q.id.as_str()).collect();
        if ids
            != state
                .questions
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        {
            return Err(CommandError::Usage(
                "the question banks changed since this exam started, so it cannot be replayed: drop it with `labcheck quiz --exam --abandon`".into(),
            ));
        }
    } else {
        state = Saved::new(state.seed, &picked);
        for n in notes {
            writeln!(io.stderr, "note: {n}")?;
        }
        let seed = tr(lang, "quiz-exam-seed", &[("seed", state.seed.into())]);
        writeln!(io.stdout, "{seed}")?;
    }
    if file.is_none() {
        writeln!(
            io.stderr,
            "warning: no data directory found; the exam cannot be resumed if stopped (use --progress FILE)"
        )?;
    }
    let start = Instant::now();
    let before = Duration::from_secs(state.elapsed_secs);
    let clock = move || before + start.elapsed();
    // The signal handler saves the clock too, from the last state written.
    let shared: Arc<Mutex<Option<Saved>>> = Arc::new(Mutex::new(None));
    catch_signals(
        tr(lang, "quiz-exam-stopped", &[]),
        file.clone()
            .map(|f| (f, Arc::clone(&shared), before, start)),
    );
    let mut save_failed = false;
    let stderr = &mut *io.stderr;
    let mut save = |s: &Saved| -> Result<(), QuizError> {
        let Some(f) = &file else { return Ok(()) };
        let _writing = WRITING.lock();
        if let Ok(mut last) = shared.lock() {
            *last = Some(s.clone());
        }
        if let Err(e) = progress::save_json(s, f)
            && !save_failed
        {
            save_failed = true;
            let _ = writeln!(stderr, "warning: could not save the exam: {e}");
        }
        Ok(())
    };
    let today = progress::today();
    let retention = retention(args)?;
    let mut record = |id: &str, grade: Grade| -> Result<(), QuizError> {
        let Some(p) = path else { return Ok(()) };
        let _writing = WRITING.lock();
        progress::update(p, |pr| pr.record(id, grade, today, retention))?;
        Ok(())
    };
    let mut term = Term {
        input: io.stdin,
        out: io.stdout,
        style,
        echo,
        lang,
    };
    let mut hooks = Hooks {
        clock: &clock,
        limit,
        record: &mut record,
        save: &mut save,
    };
    let ended = exam::run(&mut term, &picked, &mut rng, &mut state, &mut hooks)?;
    if ended == Ended::Submitted
        && let Some(f) = &file
    {
        let _writing = WRITING.lock();
        let _ = std::fs::remove_file(f);
    }
    Ok(crate::exit::OK)
}

/// What the signal handler saves for an exam: the file, the last state, and
/// the clock (time used before this run, and when this run started).
type ExamClock = (PathBuf, Arc<Mutex<Option<Saved>>>, Duration, Instant);

/// Catches SIGINT, SIGHUP and SIGTERM on a thread: waits for any write in
/// flight, saves the exam's clock, prints `note` and exits with 128 + signal.
/// Without this, Ctrl-C would still lose nothing already written, but the
/// exam's clock would not be saved and the learner would not be told how to
/// continue.
fn catch_signals(note: String, exam: Option<ExamClock>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use std::os::fd::AsFd;
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGHUP, SIGTERM]) else {
        return;
    };
    // The main thread holds the stdout and stderr locks for the whole run
    // (see main.rs), so this thread writes through its own handle to fd 2
    // and leaves with `_exit`, which, unlike `std::process::exit`, does not
    // wait for those locks to flush stdout.
    let mut stderr = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(std::fs::File::from);
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _writing = WRITING.lock();
            if let Some((file, last, before, start)) = &exam
                && let Ok(guard) = last.lock()
                && let Some(state) = guard.as_ref()
            {
                let mut s = state.clone();
                s.elapsed_secs = (*before + start.elapsed()).as_secs();
                let _ = progress::save_json(&s, file);
            }
            // The terminal may be gone (SIGHUP): a failed write is fine.
            if let Some(f) = stderr.as_mut() {
                let _ = std::io::Write::write_all(f, format!("\n{note}\n").as_bytes());
            }
            signal_hook::low_level::exit(128 + sig);
        }
    });
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
        texts.push((f.display().to_string(), text));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Ok(bank::parse_banks(&refs)?)
}
