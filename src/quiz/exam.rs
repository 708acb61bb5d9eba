//! The practice exam: 65 questions weighted like DVA-C02 (32/26/24/18 by
//! domain), 15 of them unscored and not marked as such, a 130-minute clock,
//! flag-for-review, a review screen before submitting, no feedback until the
//! end, then a scaled score against the 720 pass mark.
//!
//! Scaling: AWS does not publish its scaling, so the score here is a linear
//! mapping of the scored questions: 100 + 900 × right / scored, rounded. With
//! 50 scored questions, 35 right (730) passes and 34 (712) does not. A domain
//! "meets competencies" when its scored questions are right at least at the
//! same rate as the pass mark ((720 - 100) / 900, about 69%).
//!
//! The clock is checked whenever the learner answers: reading a line cannot be
//! interrupted, so an answer given after time ran out is not counted.
//!
//! The exam's state (`Saved`: the seed, the question ids, every answer and
//! flag, the time used) is handed to a `save` hook after every answer, so
//! that Ctrl-C, a closed terminal or a crash loses nothing: the same seed
//! replays the same questions, choices and numbers, and `--resume` continues
//! with the time that was left. The end of input saves and stops without
//! submitting; only S (confirmed when questions are unanswered) or the clock
//! submits.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::QuizError;
use super::bank::{Domain, Kind, Question};
use super::progress::Grade;
use super::rng::Rng;
use super::session::{self, Asked, Response, Term};
use super::text::wrap;

pub const EXAM_QUESTIONS: usize = 65;
pub const UNSCORED: usize = 15;
pub const TIME_LIMIT: Duration = Duration::from_secs(130 * 60);
pub const PASS_MARK: u32 = 720;

/// Questions per domain for `total` questions: the weights, by largest remainder.
pub fn quotas(total: usize) -> [usize; 4] {
    let mut q = [0usize; 4];
    let mut rem: Vec<(usize, usize)> = Vec::new();
    for (i, d) in Domain::ALL.iter().enumerate() {
        let exact = total * d.weight() as usize;
        q[i] = exact / 100;
        rem.push((exact % 100, i));
    }
    let short = total - q.iter().sum::<usize>();
    rem.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rem.into_iter().take(short) {
        q[i] += 1;
    }
    q
}

/// The scaled score for `right` of `scored` questions.
pub fn scaled(right: usize, scored: usize) -> u32 {
    if scored == 0 {
        return 100;
    }
    100 + ((900 * right) as f64 / scored as f64).round() as u32
}

/// Does a domain's result meet the same bar as the pass mark?
pub fn meets(right: usize, scored: usize) -> bool {
    scored > 0 && (right as f64 / scored as f64) >= f64::from(PASS_MARK - 100) / 900.0
}

/// Draws the exam's questions: only single and multiple (the exam's two
/// kinds); numeric, order and generated questions stay drills. Where a domain
/// has too few, other domains fill in; the notes say so.
pub fn pick<'q>(questions: &'q [Question], rng: &mut Rng) -> (Vec<&'q Question>, Vec<String>) {
    let quotas = quotas(EXAM_QUESTIONS);
    let mut picked: Vec<&Question> = Vec::new();
    let mut leftovers: Vec<&Question> = Vec::new();
    let mut notes = Vec::new();
    let mut missing = 0;
    for (d, want) in Domain::ALL.iter().zip(quotas) {
        let mut pool: Vec<&Question> = questions
            .iter()
            .filter(|q| q.domain == *d && on_the_exam(q))
            .collect();
        rng.shuffle(&mut pool);
        let take = want.min(pool.len());
        picked.extend(&pool[..take]);
        leftovers.extend(&pool[take..]);
        let got = take;
        if got < want {
            notes.push(format!(
                "only {got} {} question(s) for the {want} the exam weights ask for",
                d.id()
            ));
            missing += want - got;
        }
    }
    rng.shuffle(&mut leftovers);
    let fill = missing.min(leftovers.len());
    picked.extend(&leftovers[..fill]);
    if missing > fill {
        notes.push(format!(
            "the banks hold too few questions: this exam has {} questions instead of {EXAM_QUESTIONS}",
            picked.len()
        ));
    } else if missing > 0 {
        notes.push(format!(
            "{missing} question(s) from other domains fill the gap"
        ));
    }
    rng.shuffle(&mut picked);
    (picked, notes)
}

/// An exam in progress, as written to disk after every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    /// Replays the same questions, choice order and generated numbers.
    pub seed: u64,
    /// The question ids in exam order: a resume checks the banks still give them.
    pub questions: Vec<String>,
    /// Per question, the answer given (letters as shown, or a number).
    pub answers: Vec<Option<Response>>,
    pub flagged: Vec<bool>,
    /// Time used so far, in seconds; the clock resumes from here.
    pub elapsed_secs: u64,
    /// The question to continue at (0-based); `questions.len()` = the review.
    pub position: usize,
}

impl Saved {
    /// A fresh exam over `questions`.
    pub fn new(seed: u64, questions: &[&Question]) -> Saved {
        let n = questions.len();
        Saved {
            version: 1,
            seed,
            questions: questions.iter().map(|q| q.id.clone()).collect(),
            answers: vec![None; n],
            flagged: vec![false; n],
            elapsed_secs: 0,
            position: 0,
        }
    }

    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }
}

/// How an exam run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Submitted (by the learner or the clock) and scored.
    Submitted,
    /// Input ended: saved, to be resumed.
    Saved,
}

/// What the exam calls out to: the clock (time used in all, including before
/// a resume), the limit, where answers are recorded at the end, and where the
/// state is saved after every answer.
pub struct Hooks<'a> {
    pub clock: &'a dyn Fn() -> Duration,
    pub limit: Duration,
    pub record: &'a mut dyn FnMut(&str, Grade) -> Result<(), QuizError>,
    pub save: &'a mut dyn FnMut(&Saved) -> Result<(), QuizError>,
}

/// Is this a kind of question the real exam asks?
pub fn on_the_exam(q: &Question) -> bool {
    matches!(q.kind, Kind::Single(_) | Kind::Multiple { .. })
}

struct Slot<'q> {
    asked: Asked<'q>,
    answer: Option<Response>,
    flagged: bool,
    scored: bool,
}

enum Step {
    Next,
    Review,
    /// The clock ran out.
    End,
    /// Input ended.
    Eof,
}

fn hms(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Runs the exam (fresh, or from `state` when resuming) and, when it is
/// submitted, writes the result.
pub fn run(
    term: &mut Term<'_>,
    questions: &[&Question],
    rng: &mut Rng,
    state: &mut Saved,
    hooks: &mut Hooks<'_>,
) -> Result<Ended, QuizError> {
    let n = questions.len();
    let (clock, limit) = (hooks.clock, hooks.limit);
    let mut slots = Vec::with_capacity(n);
    for (i, q) in questions.iter().enumerate() {
        slots.push(Slot {
            asked: session::prepare(q, rng, term.lang)?,
            answer: state.answers.get(i).cloned().flatten(),
            flagged: state.flagged.get(i).copied().unwrap_or(false),
            scored: true,
        });
    }
    // Unscored questions, like the real exam's: chosen at random, never shown.
    let unscored = UNSCORED * n / EXAM_QUESTIONS;
    let mut idx: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut idx);
    for i in idx.into_iter().take(unscored) {
        slots[i].scored = false;
    }
    let resumed = state.answered() > 0 || state.elapsed_secs > 0;
    let mut i = state.position.min(n);
    let l = term.lang;
    let intro = if resumed {
        tr!(
            l,
            "quiz-exam-resumed",
            answered = state.answered(),
            n = n,
            left = hms(limit.saturating_sub(clock()))
        )
    } else {
        tr!(l, "quiz-exam-intro", n = n, minutes = limit.as_secs() / 60)
    };
    writeln!(term.out, "{}", wrap(&intro, term.style.width, ""))?;
    let mut save = |slots: &[Slot<'_>], position: usize| -> Result<(), QuizError> {
        state.answers = slots.iter().map(|s| s.answer.clone()).collect();
        state.flagged = slots.iter().map(|s| s.flagged).collect();
        state.elapsed_secs = clock().as_secs();
        state.position = position;
        (hooks.save)(state)
    };
    let time_up = |term: &mut Term<'_>| -> Result<bool, QuizError> {
        if clock() >= limit {
            writeln!(term.out, "\n{}", tr!(term.lang, "quiz-exam-time-up"))?;
            return Ok(true);
        }
        Ok(false)
    };
    let mut reviewing = false;
    let mut eof = false;
    'exam: loop {
        if time_up(term)? {
            break;
        }
        if !reviewing && i >= n {
            reviewing = true;
        }
        if !reviewing {
            let step = answer_one(term, &mut slots, i, clock, limit)?;
            match step {
                Step::Next => i += 1,
                Step::Review => reviewing = true,
                Step::End => break,
                Step::Eof => {
                    eof = true;
                    break;
                }
            }
            save(&slots, if reviewing { n } else { i })?;
            continue;
        }
        write_review(term, &slots)?;
        loop {
            write!(term.out, "{}: ", tr!(l, "quiz-exam-goto"))?;
            let Some(line) = term.read_line()? else {
                writeln!(term.out)?;
                eof = true;
                break 'exam;
            };
            if time_up(term)? {
                break 'exam;
            }
            let l = line.to_ascii_lowercase();
            if l == "s" || l == "submit" {
                let open = slots.iter().filter(|s| s.answer.is_none()).count();
                if open == 0 {
                    break 'exam;
                }
                write!(
                    term.out,
                    "{}: ",
                    tr!(term.lang, "quiz-exam-confirm", open = open)
                )?;
                let Some(yes) = term.read_line()? else {
                    writeln!(term.out)?;
                    eof = true;
                    break 'exam;
                };
                if matches!(yes.to_ascii_lowercase().as_str(), "y" | "yes") {
                    break 'exam;
                }
                continue 'exam;
            }
            match line.parse::<usize>() {
                Ok(k) if (1..=n).contains(&k) => {
                    let step = answer_one(term, &mut slots, k - 1, clock, limit)?;
                    save(&slots, n)?;
                    match step {
                        Step::End => break 'exam,
                        Step::Eof => {
                            eof = true;
                            break 'exam;
                        }
                        _ => continue 'exam,
                    }
                }
                _ => writeln!(
                    term.out,
                    "{}",
                    tr!(term.lang, "quiz-exam-type-number", n = n)
                )?,
            }
        }
    }
    if eof && clock() < limit {
        save(&slots, if reviewing { n } else { i })?;
        writeln!(
            term.out,
            "{}",
            wrap(
                &tr!(
                    l,
                    "quiz-exam-saved",
                    answered = slots.iter().filter(|s| s.answer.is_some()).count(),
                    n = n,
                    left = hms(limit.saturating_sub(clock()))
                ),
                term.style.width,
                ""
            )
        )?;
        return Ok(Ended::Saved);
    }
    finish(term, &slots, clock(), hooks.record)?;
    Ok(Ended::Submitted)
}

fn answer_one(
    term: &mut Term<'_>,
    slots: &mut [Slot<'_>],
    i: usize,
    clock: &dyn Fn() -> Duration,
    limit: Duration,
) -> Result<Step, QuizError> {
    let n = slots.len();
    let slot = &mut slots[i];
    let left = limit.saturating_sub(clock());
    let l = term.lang;
    let id = if slot.flagged {
        "quiz-exam-header-flagged"
    } else {
        "quiz-exam-header"
    };
    let header = tr!(l, id, n = i + 1, total = n, left = hms(left));
    session::write_question(term.out, term.style, &header, &slot.asked)?;
    if let Some(a) = &slot.answer {
        let so_far = tr!(l, "quiz-exam-so-far", answer = show(&slot.asked, a));
        writeln!(term.out, "{so_far}")?;
    }
    loop {
        let hint = session::answer_hint(&slot.asked);
        write!(term.out, "{}: ", tr!(l, "quiz-exam-answer", hint = hint))?;
        let Some(line) = term.read_line()? else {
            writeln!(term.out)?;
            return Ok(Step::Eof);
        };
        if clock() >= limit {
            return Ok(Step::End);
        }
        match line.to_ascii_lowercase().as_str() {
            "" => return Ok(Step::Next),
            "?" => {
                slot.flagged = !slot.flagged;
                writeln!(
                    term.out,
                    "{}",
                    if slot.flagged {
                        tr!(l, "quiz-exam-flagged")
                    } else {
                        tr!(l, "quiz-exam-unflagged")
                    }
                )?;
            }
            "r" | "review" => return Ok(Step::Review),
            _ => match session::parse_answer(&slot.asked, &line) {
                Ok(r) => {
                    slot.answer = Some(r);
                    return Ok(Step::Next);
                }
                Err(why) => writeln!(term.out, "{}", tr!(l, "quiz-not-an-answer", why = why))?,
            },
        }
    }
}

fn show(asked: &Asked<'_>, r: &Response) -> String {
    match r {
        Response::Letters(l) => l.iter().map(|i| super::text::letter(*i)).collect(),
        Response::Number(v) => match &asked.shown {
            session::Shown::Numeric { unit, .. } => {
                format!("{} {unit}", super::generate::fmt_num(*v))
            }
            _ => super::generate::fmt_num(*v),
        },
    }
}

fn write_review(term: &mut Term<'_>, slots: &[Slot<'_>]) -> Result<(), QuizError> {
    let answered: Vec<usize> = (0..slots.len())
        .filter(|i| slots[*i].answer.is_some())
        .map(|i| i + 1)
        .collect();
    let unanswered: Vec<usize> = (0..slots.len())
        .filter(|i| slots[*i].answer.is_none())
        .map(|i| i + 1)
        .collect();
    let flagged: Vec<usize> = (0..slots.len())
        .filter(|i| slots[*i].flagged)
        .map(|i| i + 1)
        .collect();
    let l = term.lang;
    let list = |nums: &[usize]| {
        if nums.is_empty() {
            tr!(l, "quiz-exam-none")
        } else {
            nums.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    writeln!(term.out)?;
    let title = tr!(l, "quiz-exam-review-title");
    writeln!(term.out, "{}", term.style.bold(&title))?;
    let answered_line = tr!(
        l,
        "quiz-exam-answered",
        answered = answered.len(),
        n = slots.len()
    );
    writeln!(term.out, "{answered_line}")?;
    // Continuation lines line up under the list, whatever the label's width.
    for (id, nums) in [
        ("quiz-exam-unanswered", &unanswered),
        ("quiz-exam-flagged-list", &flagged),
    ] {
        let line = tr!(l, id, list = list(nums));
        let label = line.find(": ").map_or(0, |i| i + 2);
        let indent = " ".repeat(super::text::columns(&line[..label]));
        writeln!(term.out, "{}", wrap(&line, term.style.width, &indent))?;
    }
    Ok(())
}

fn finish(
    term: &mut Term<'_>,
    slots: &[Slot<'_>],
    took: Duration,
    record: &mut dyn FnMut(&str, Grade) -> Result<(), QuizError>,
) -> Result<(), QuizError> {
    let mut marks = Vec::with_capacity(slots.len());
    for s in slots {
        let right = match &s.answer {
            Some(r) => {
                let (right, _) = session::grade(&s.asked, r);
                record(&s.asked.question.id, Grade::of(right, None))?;
                right
            }
            None => false,
        };
        marks.push(right);
    }
    let scored: Vec<usize> = (0..slots.len()).filter(|i| slots[*i].scored).collect();
    let right = scored.iter().filter(|i| marks[**i]).count();
    let score = scaled(right, scored.len());
    let l = term.lang;
    let out = &mut *term.out;
    let answered = slots.iter().filter(|s| s.answer.is_some()).count();
    writeln!(out)?;
    let submitted = tr!(
        l,
        "quiz-exam-submitted",
        answered = answered,
        n = slots.len(),
        took = hms(took)
    );
    writeln!(out, "{submitted}")?;
    let verdict = if score >= PASS_MARK {
        term.style.good(&tr!(l, "quiz-exam-pass"))
    } else {
        term.style.bad(&tr!(l, "quiz-exam-fail"))
    };
    let scaled_line = tr!(l, "quiz-exam-scaled", score = score, pass = PASS_MARK);
    writeln!(out, "{} {verdict}", term.style.bold(&scaled_line))?;
    let explain = tr!(
        l,
        "quiz-exam-explain",
        right = right,
        scored = scored.len(),
        unscored = slots.len() - scored.len()
    );
    writeln!(out, "{}", wrap(&explain, term.style.width, ""))?;
    writeln!(out, "{}", tr!(l, "quiz-by-domain"))?;
    for d in Domain::ALL {
        let in_d: Vec<usize> = scored
            .iter()
            .copied()
            .filter(|i| slots[*i].asked.question.domain == d)
            .collect();
        let r = in_d.iter().filter(|i| marks[**i]).count();
        let verdict = if in_d.is_empty() {
            tr!(l, "quiz-exam-not-assessed")
        } else if meets(r, in_d.len()) {
            tr!(l, "quiz-exam-meets")
        } else {
            tr!(l, "quiz-exam-needs")
        };
        writeln!(
            out,
            "  {} {r:>2} / {:<2}  {verdict}",
            super::text::pad(&session::domain_title(d, l), 34),
            in_d.len()
        )?;
    }
    let missed: Vec<usize> = (0..slots.len()).filter(|i| !marks[*i]).collect();
    if !missed.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            term.style.bold(&tr!(l, "quiz-exam-missed-title"))
        )?;
    }
    for i in missed {
        let s = &slots[i];
        writeln!(out)?;
        let yours = s
            .answer
            .as_ref()
            .map_or(tr!(l, "quiz-exam-no-answer"), |a| show(&s.asked, a));
        let head = tr!(
            l,
            "quiz-exam-missed",
            n = i + 1,
            id = s.asked.question.id.as_str(),
            yours = yours,
            answer = session::right_answer(&s.asked)
        );
        writeln!(out, "{head}")?;
        writeln!(out, "{}", wrap(s.asked.prompt.trim(), term.style.width, ""))?;
        write_choices_marked(out, term.style, &s.asked, s.answer.as_ref())?;
        if let Some(sol) = &s.asked.solution {
            writeln!(out, "{}", wrap(sol.trim(), term.style.width, "  "))?;
        }
        writeln!(
            out,
            "{}",
            wrap(
                s.asked.tr(&s.asked.question.explanation).trim(),
                term.style.width,
                ""
            )
        )?;
        for d in &s.asked.question.docs {
            writeln!(out, "  {d}")?;
        }
    }
    Ok(())
}

/// The choices (or items) as they were shown, each right one marked ✓ and
/// each of the learner's picks marked with an arrow, so the review reads
/// without the letters having to be remembered.
fn write_choices_marked(
    out: &mut dyn std::io::Write,
    style: super::text::Style,
    asked: &Asked<'_>,
    answer: Option<&Response>,
) -> Result<(), QuizError> {
    let picked: Vec<usize> = match answer {
        Some(Response::Letters(l)) => l.clone(),
        _ => Vec::new(),
    };
    match &asked.shown {
        session::Shown::Choices { choices, .. } => {
            for (i, c) in choices.iter().enumerate() {
                let mark = match (c.correct, picked.contains(&i)) {
                    (true, true) => "✓ ←",
                    (true, false) => "✓",
                    (false, true) => "✗ ←",
                    (false, false) => "",
                };
                let line = format!(
                    "  {}. {}  {mark}",
                    super::text::letter(i),
                    asked.tr(&c.text)
                );
                writeln!(out, "{}", wrap(line.trim_end(), style.width, "     "))?;
            }
        }
        session::Shown::Order { items, .. } => {
            for (i, item) in items.iter().enumerate() {
                let line = format!("  {}. {}", super::text::letter(i), asked.tr(item));
                writeln!(out, "{}", wrap(&line, style.width, "     "))?;
            }
        }
        session::Shown::Numeric { .. } => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_follow_the_weights() {
        assert_eq!(quotas(65), [21, 17, 15, 12]);
        assert_eq!(quotas(65).iter().sum::<usize>(), 65);
        assert_eq!(quotas(100), [32, 26, 24, 18]);
    }

    #[test]
    fn the_exam_draws_only_single_and_multiple() {
        let banks = crate::quiz::bank::builtin_banks().unwrap();
        let all: Vec<Question> = banks.into_iter().flat_map(|b| b.questions).collect();
        let (picked, _) = pick(&all, &mut Rng::new(9));
        assert!(!picked.is_empty());
        assert!(picked.iter().all(|q| on_the_exam(q)), "drills stay drills");
        assert!(all.iter().any(|q| !on_the_exam(q)), "the banks have drills");
    }

    #[test]
    fn scaling_is_linear_around_the_pass_mark() {
        assert_eq!(scaled(0, 50), 100);
        assert_eq!(scaled(50, 50), 1000);
        assert_eq!(scaled(35, 50), 730);
        assert_eq!(scaled(34, 50), 712);
        assert!(meets(7, 10) && !meets(6, 10));
    }
}

#[cfg(test)]
mod clock_tests {
    use super::*;
    use crate::quiz::bank;
    use crate::quiz::text::Style;

    fn run_with_clock(elapsed: Duration, input: &str) -> String {
        let banks = bank::builtin_banks().unwrap();
        let questions: Vec<&Question> = banks.iter().flat_map(|b| &b.questions).take(3).collect();
        let mut input = input.as_bytes();
        let mut out = Vec::new();
        let mut term = Term {
            input: &mut input,
            out: &mut out,
            style: Style::default(),
            echo: true,
            lang: crate::lang::Lang::En,
        };
        let clock = move || elapsed;
        let mut rng = Rng::new(1);
        let mut recorded = 0;
        let mut record = |_: &str, _: Grade| {
            recorded += 1;
            Ok(())
        };
        let mut saves = 0;
        let mut save = |_: &Saved| {
            saves += 1;
            Ok(())
        };
        let mut state = Saved::new(1, &questions);
        let mut hooks = Hooks {
            clock: &clock,
            limit: TIME_LIMIT,
            record: &mut record,
            save: &mut save,
        };
        run(&mut term, &questions, &mut rng, &mut state, &mut hooks).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_exam_ends_when_time_runs_out() {
        let out = run_with_clock(TIME_LIMIT + Duration::from_secs(1), "A\nA\nA\ns\n");
        assert!(out.contains("Time is up"), "{out}");
        assert!(!out.contains("Question 1 of"), "{out}");
        assert!(out.contains("Scaled score: 100"), "{out}");
    }

    #[test]
    fn the_clock_is_shown_with_each_question() {
        let out = run_with_clock(Duration::from_secs(61), "\n\n\ns\ny\n");
        assert!(out.contains("Question 1 of 3  ·  2:08:59 left"), "{out}");
        assert!(out.contains("Unanswered: 1, 2, 3"), "{out}");
        assert!(out.contains("3 question(s) have no answer"), "{out}");
        assert!(out.contains("Scaled score: 100"), "{out}");
    }

    #[test]
    fn submitting_with_unanswered_questions_asks_first() {
        let out = run_with_clock(Duration::from_secs(5), "A\n\n\ns\nn\ns\n");
        assert_eq!(
            out.matches("2 question(s) have no answer").count(),
            2,
            "{out}"
        );
        assert!(
            out.contains("Input ended: the exam is saved (1 of 3 answered"),
            "{out}"
        );
        assert!(!out.contains("Scaled score"), "not submitted: {out}");
        let out = run_with_clock(Duration::from_secs(5), "A\nB\nC\ns\n");
        assert!(!out.contains("have no answer"), "{out}");
        assert!(out.contains("Scaled score"), "{out}");
        // The review of missed questions shows the choices, not just letters.
        assert!(
            out.contains("  ✓") || !out.contains("Review of the questions you missed"),
            "{out}"
        );
    }
}
