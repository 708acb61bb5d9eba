//! `labcheck grade`: a class graded through each student's read-only role,
//! with a progress bar, and the gradebook in the terminal, JSON, CSV, HTML
//! and one Markdown report per student.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use super::{CommandError, Io, live};
use crate::cli::{GradeArgs, GradeOutput};
use crate::exit;
use crate::grade::{self, Event, Gradebook, Settings};
use crate::lab;
use crate::report;

pub fn run(args: &GradeArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lab = lab::load(&args.lab)?;
    let values = lab.values(&args.set)?;
    let students = grade::roster::load(&args.roster).map_err(grade::GradeError::from)?;
    if args.concurrency == 0 {
        return Err(CommandError::Usage(
            "--concurrency must be at least 1".into(),
        ));
    }
    let timeout = live::parse_duration("--timeout", &args.timeout)?;
    let settings = Settings {
        concurrency: args.concurrency,
        timeout,
        options: live::options(&args.live, &lab.region),
        journal: args
            .journal
            .clone()
            .unwrap_or_else(|| default_journal(&args.roster, &lab.id)),
        resume: args.resume,
    };
    let runtime = live::runtime()?;

    if args.check_access {
        let reached = runtime.block_on(grade::check_access(&students, &settings));
        let mut unreachable = 0;
        for (student, result) in &reached {
            match result {
                Ok(who) => writeln!(io.stdout, "ok    {:<12} {who}", student.id)?,
                Err(why) => {
                    unreachable += 1;
                    writeln!(io.stdout, "FAIL  {:<12} {why}", student.id)?;
                }
            }
        }
        writeln!(
            io.stdout,
            "{} of {} students reachable",
            reached.len() - unreachable,
            reached.len()
        )?;
        return Ok(if unreachable == 0 {
            exit::OK
        } else {
            exit::COULD_NOT_VERIFY
        });
    }

    let show = io.stderr_is_terminal && std::env::var_os("CI").is_none();
    let bars = MultiProgress::new();
    let class = if show {
        let bar = bars.add(ProgressBar::new(0));
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} students")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let in_flight: Mutex<Vec<(String, ProgressBar)>> = Mutex::new(Vec::new());
    let progress = |event: Event| {
        if !show {
            return;
        }
        match event {
            Event::Planned { total, remaining } => {
                class.set_length(total as u64);
                class.set_position((total - remaining) as u64);
            }
            Event::Started(id) => {
                let spinner = bars.add(ProgressBar::new_spinner());
                spinner.set_message(format!("grading {id}…"));
                spinner.enable_steady_tick(Duration::from_millis(120));
                if let Ok(mut list) = in_flight.lock() {
                    list.push((id, spinner));
                }
            }
            Event::Finished(result) => {
                class.inc(1);
                if let Ok(mut list) = in_flight.lock()
                    && let Some(i) = list.iter().position(|(id, _)| *id == result.id)
                {
                    let (_, spinner) = list.remove(i);
                    spinner.finish_and_clear();
                    bars.remove(&spinner);
                }
            }
        }
    };
    let book = runtime.block_on(grade::run(&lab, &values, &students, &settings, &progress))?;
    class.finish_and_clear();
    let _ = bars.clear();

    write_outputs(args, io, &book)?;
    Ok(book.exit_code())
}

/// ROSTER.LAB.journal.jsonl beside the roster.
fn default_journal(roster: &Path, lab: &str) -> PathBuf {
    let stem = roster
        .file_stem()
        .map_or_else(|| "class".into(), |s| s.to_string_lossy().into_owned());
    roster.with_file_name(format!("{stem}.{lab}.journal.jsonl"))
}

fn write_file(path: &Path, text: &str) -> Result<(), CommandError> {
    std::fs::write(path, text)
        .map_err(|e| CommandError::Usage(format!("could not write {}: {e}", path.display())))
}

fn write_outputs(args: &GradeArgs, io: &mut Io<'_>, book: &Gradebook) -> Result<(), CommandError> {
    if let Some(path) = &args.csv {
        let text = report::gradebook_csv(book)
            .map_err(|e| CommandError::Usage(format!("could not write CSV: {e}")))?;
        write_file(path, &text)?;
    }
    if let Some(path) = &args.html {
        write_file(path, &report::gradebook_html(book))?;
    }
    if let Some(dir) = &args.feedback {
        std::fs::create_dir_all(dir)
            .map_err(|e| CommandError::Usage(format!("could not create {}: {e}", dir.display())))?;
        for student in &book.students {
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
                &report::student_markdown(book, student),
            )?;
        }
    }
    let text = match args.output {
        GradeOutput::Table => report::gradebook_table(book, io.color(args.color), super::width()),
        GradeOutput::Json => report::json(book),
    };
    io.stdout.write_all(text.as_bytes())?;
    Ok(())
}
