//! `labcheck grade`: a class graded through each student's read-only role,
//! with a progress bar, and the gradebook in the terminal, JSON, CSV, HTML
//! and one Markdown report per student.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fluent_bundle::FluentValue;
use indicatif::ProgressBar;

use super::{CommandError, Io, live};
use crate::cli::{Feedback, GradeArgs, GradeOutput};
use crate::exit;
use crate::grade::{self, Definition, Earlier, Event, Settings};
use crate::i18n;
use crate::lab;
use crate::report::Gradebook;
use crate::report::{self, Progress};

pub fn run(args: &GradeArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lab = lab::load(&args.lab)?;
    let values = lab.values(&args.set)?;
    let students = grade::roster::load(&args.roster).map_err(grade::GradeError::from)?;
    if args.concurrency == 0 {
        return Err(CommandError::Usage(
            "--concurrency must be at least 1".into(),
        ));
    }
    let settings = Settings {
        concurrency: args.concurrency,
        timeout: args.timeout,
        options: live::options(&args.live, &lab.region),
        journal: args
            .journal
            .clone()
            .unwrap_or_else(|| default_journal(&args.roster, &lab.id)),
        earlier: match (args.resume, args.fresh) {
            (true, _) => Earlier::Resume {
                keep_errors: args.keep_errors,
            },
            (false, true) => Earlier::Fresh,
            (false, false) => Earlier::Refuse,
        },
        definition: Definition::of(&lab, &args.set),
        lang: crate::lang::Lang::from_env(args.lang.map(crate::cli::LangArg::lang)),
    };
    let runtime = live::runtime()?;

    if args.check_access {
        return check_access(&runtime, &students, &settings, io);
    }

    // Every output is known writable before the first student is graded:
    // a typo in a path must not cost a class's worth of reads.
    check_writable("--journal", &settings.journal, false)?;
    for (flag, path) in [("--csv", &args.csv), ("--html", &args.html)] {
        if let Some(path) = path {
            check_writable(flag, path, false)?;
        }
    }
    if let Some(dir) = &args.feedback_dir {
        check_writable("--feedback-dir", dir, true)?;
    }
    let (done, aside) = grade::open_journal(&settings)?;
    if let Some(aside) = aside {
        let path = aside.display().to_string();
        let note = i18n::tr(
            settings.lang,
            "grade-journal-kept",
            &[("path", FluentValue::from(path))],
        );
        writeln!(io.stderr, "{note}")?;
    }
    if let Some(addr) = &args.serve {
        let book = runtime.block_on(serve(
            args, io, addr, &lab, &values, &students, &settings, done,
        ))?;
        return finish(args, io, &settings, &book);
    }

    let shown = Progress::new(io.stderr_is_terminal, settings.lang);
    let class = shown.class();
    let in_flight: Mutex<Vec<(String, ProgressBar)>> = Mutex::new(Vec::new());
    let errors = Mutex::new(0usize);
    let progress = |event: Event| match event {
        Event::Planned { total, remaining } => {
            class.set_length(total as u64);
            class.set_position((total - remaining) as u64);
        }
        Event::Started(id) => {
            let spinner = shown.grading(&id);
            if let Ok(mut list) = in_flight.lock() {
                list.push((id, spinner));
            }
        }
        Event::Finished(result) => {
            class.inc(1);
            if !result.graded()
                && let Ok(mut errors) = errors.lock()
            {
                *errors += 1;
                class.set_message(shown.not_graded(*errors));
            }
            if let Ok(mut list) = in_flight.lock()
                && let Some(i) = list.iter().position(|(id, _)| *id == result.id)
            {
                let (_, spinner) = list.remove(i);
                shown.remove(&spinner);
            }
        }
    };
    let results = runtime.block_on(grade::run(
        &lab, &values, &students, &settings, done, &progress,
    ))?;
    let book = report::gradebook(&lab, results, settings.lang);
    shown.remove(&class);
    drop(shown);

    finish(args, io, &settings, &book)
}

/// Every output, the trouble grouped by cause, and the exit code.
fn finish(
    args: &GradeArgs,
    io: &mut Io<'_>,
    settings: &Settings,
    book: &Gradebook,
) -> Result<u8, CommandError> {
    let journal = grade::JournalIndex::open(&settings.journal)?;
    write_outputs(args, io, book, &journal, settings.lang)?;
    let trouble = report::error_groups(book, settings.lang);
    if !trouble.is_empty() {
        io.stderr.write_all(trouble.as_bytes())?;
    }
    Ok(exit::of_class(&book.students))
}

/// `--serve`: rounds until Ctrl-C, the class live in a browser. The first
/// round is `grade`'s own (the journal resumed, refused or started fresh as
/// without --serve); each later one re-reads only the students not yet
/// complete, `--every` after the last one ended, so rounds never overlap.
/// Returns the gradebook of the latest results, for the outputs.
#[allow(clippy::too_many_arguments)]
async fn serve(
    args: &GradeArgs,
    io: &mut Io<'_>,
    addr: &str,
    lab: &lab::Lab,
    values: &lab::Values,
    students: &[grade::Student],
    settings: &Settings,
    done: std::collections::BTreeMap<String, grade::StudentResult>,
) -> Result<Gradebook, CommandError> {
    use crate::serve::{self, Board, Hub};
    let lang = settings.lang;
    let bound = serve::bind(addr, args.require_token)
        .await
        .map_err(|e| CommandError::Usage(e.to_string()))?;
    writeln!(io.stderr, "{}", report::live_listening(lang, &bound.url()))?;
    if bound.token.is_some() {
        writeln!(io.stderr, "{}", report::live_token_warning(lang))?;
    }
    let hub = Hub::new(students, &bound, report::Texts::of(lab, lang));
    let server = tokio::spawn(serve::serve(bound, hub.clone()));

    let board = Mutex::new(Board::new(lab, students, lang, args.every, args.stale));
    let publish = |board: &Board| hub.publish(board.json(lab, &hub), board.round, board.grading);
    if let Ok(mut b) = board.lock() {
        for result in done.values() {
            b.record(result.clone());
        }
    }
    let progress = |event: Event| {
        if let Event::Finished(result) = event
            && let Ok(mut b) = board.lock()
        {
            b.record(result);
            publish(&b);
        }
    };
    let changed = |result: &grade::StudentResult| board.lock().is_ok_and(|b| b.changed(result));
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    let mut round = 0u32;
    loop {
        round += 1;
        let todo = match board.lock() {
            Ok(mut b) => {
                b.round = round;
                b.grading = true;
                publish(&b);
                b.incomplete()
            }
            Err(_) => Vec::new(),
        };
        let started = std::time::Instant::now();
        let graded = async {
            if round == 1 {
                grade::run(lab, values, students, settings, done.clone(), &progress)
                    .await
                    .map(|_| ())
            } else {
                grade::regrade(lab, values, &todo, settings, &changed, &progress).await
            }
        };
        let stopped = tokio::select! {
            r = graded => { r?; false }
            _ = &mut stop => true,
        };
        if let Ok(index) = grade::JournalIndex::open(&settings.journal) {
            hub.set_journal(index);
        }
        let line = match board.lock() {
            Ok(mut b) => {
                b.grading = false;
                publish(&b);
                let (complete, total, stuck, errors) = b.counts();
                report::live_round(
                    lang,
                    &report::Round {
                        round,
                        ended: jiff::Zoned::now().strftime("%H:%M:%S").to_string(),
                        took: started.elapsed(),
                        complete,
                        total,
                        stuck,
                        errors,
                    },
                )
            }
            Err(_) => String::new(),
        };
        if !stopped {
            writeln!(io.stderr, "{line}")?;
        }
        let stopped = stopped
            || tokio::select! {
                () = tokio::time::sleep(args.every) => false,
                _ = &mut stop => true,
            };
        if stopped {
            writeln!(io.stderr, "{}", report::live_stopped(lang, round))?;
            break;
        }
    }
    server.abort();
    let book = board
        .lock()
        .map(|b| b.gradebook(lab))
        .map_err(|_| CommandError::Usage("the live view failed".into()))?;
    Ok(book)
}

fn check_access(
    runtime: &tokio::runtime::Runtime,
    students: &[grade::Student],
    settings: &Settings,
    io: &mut Io<'_>,
) -> Result<u8, CommandError> {
    let reached = runtime.block_on(grade::check_access(students, settings));
    let lang = settings.lang;
    let (ok, fail) = (
        i18n::tr(lang, "grade-access-ok", &[]),
        i18n::tr(lang, "grade-access-fail", &[]),
    );
    let mut unreachable = 0;
    for (student, result) in &reached {
        match result {
            Ok(who) => writeln!(io.stdout, "{ok:<5} {:<12} {who}", student.id)?,
            Err(why) => {
                unreachable += 1;
                writeln!(io.stdout, "{fail:<5} {:<12} {why}", student.id)?;
            }
        }
    }
    let count = |n: usize| FluentValue::from(n.to_string());
    let summary = i18n::tr(
        lang,
        "grade-access-summary",
        &[
            ("reached", count(reached.len() - unreachable)),
            ("total", count(reached.len())),
        ],
    );
    writeln!(io.stdout, "{summary}")?;
    Ok(if unreachable == 0 {
        exit::OK
    } else {
        exit::COULD_NOT_VERIFY
    })
}

/// ROSTER.LAB.journal.jsonl beside the roster (built from the file name as
/// the OS gives it, so a name that is not UTF-8 is kept as it is).
fn default_journal(roster: &Path, lab: &str) -> PathBuf {
    let mut name = roster
        .file_stem()
        .map_or_else(|| "class".into(), std::ffi::OsStr::to_os_string);
    name.push(format!(".{lab}.journal.jsonl"));
    roster.with_file_name(name)
}

/// Whether `path` (a file, or with `dir` a folder, made if missing) can be
/// written, found by trying; nothing is left behind that was not there.
fn check_writable(flag: &str, path: &Path, dir: bool) -> Result<(), CommandError> {
    let refuse = |why: String| {
        CommandError::Usage(format!(
            "{flag} {}: {why}; choose another path, or fix the folder's permissions",
            path.display()
        ))
    };
    if dir {
        std::fs::create_dir_all(path).map_err(|e| refuse(format!("cannot create it ({e})")))?;
        let probe = path.join(".labcheck-write-test");
        std::fs::write(&probe, b"").map_err(|e| refuse(format!("cannot write in it ({e})")))?;
        let _ = std::fs::remove_file(probe);
        return Ok(());
    }
    if path.is_dir() {
        return Err(refuse("is a folder, not a file".into()));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent
        && !parent.is_dir()
    {
        return Err(refuse(format!(
            "the folder {} does not exist",
            parent.display()
        )));
    }
    let existed = path.exists();
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| refuse(format!("cannot write it ({e})")))?;
    if !existed {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> Result<(), CommandError> {
    std::fs::write(path, text)
        .map_err(|e| CommandError::Usage(format!("could not write {}: {e}", path.display())))
}

/// Every output but the journal. The gradebook in memory is slim (see
/// `StudentResult::slim`); what needs a student's whole result (JSON,
/// feedback files) reads it back from the journal one student at a time.
fn write_outputs(
    args: &GradeArgs,
    io: &mut Io<'_>,
    book: &Gradebook,
    journal: &grade::JournalIndex,
    lang: crate::lang::Lang,
) -> Result<(), CommandError> {
    let whole = |id: &str| journal.get(id);
    if let Some(path) = &args.csv {
        let text = report::gradebook_csv(book, lang)
            .map_err(|e| CommandError::Usage(format!("could not write CSV: {e}")))?;
        write_file(path, &text)?;
    }
    if let Some(path) = &args.html {
        write_file(path, &report::gradebook_html(book, &whole, lang))?;
    }
    if let Some(dir) = &args.feedback_dir {
        let level = match args.feedback_level {
            Feedback::Full => report::Feedback::Full,
            Feedback::Hints => report::Feedback::Hints,
            Feedback::PassFail => report::Feedback::PassFail,
        };
        for slim in &book.students {
            let student = &whole(&slim.id).unwrap_or_else(|| slim.clone());
            let name: String = student
                .id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            write_file(
                &dir.join(format!("{name}.md")),
                &report::student_markdown(book, student, level, lang),
            )?;
        }
    }
    match args.output {
        GradeOutput::Table => {
            let text = report::gradebook_table(book, lang, io.color(args.color), super::width());
            io.stdout.write_all(text.as_bytes())?;
        }
        GradeOutput::Json => report::gradebook_json(book, &whole, io.stdout)?,
    }
    Ok(())
}
