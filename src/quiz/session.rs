//! Practice sessions: choosing questions, drawing and shuffling them from the
//! seed, reading answers line by line (a terminal or a pipe), marking them and
//! summing up. The exam (`exam.rs`) reuses the asking and marking parts.
//!
//! All question text comes from the banks; this file only adds the chrome
//! ("Question 3 of 10", "Score") and the numbers.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};

use super::QuizError;
use super::bank::{self, Choice, Domain, Kind, Question, Text};
use super::generate::fmt_num;
use super::progress::{Grade, Progress};
use super::rng::Rng;
use super::text::{self, Style, letter, wrap};
use crate::lang::Lang;

/// Most choices shown for a generated question (A–E).
pub const MAX_GENERATED_SHOWN: usize = 5;

/// The streams a session talks through.
pub struct Term<'a> {
    pub input: &'a mut dyn BufRead,
    pub out: &'a mut dyn Write,
    pub style: Style,
    /// Print each answer read: when input is piped, the transcript then reads
    /// like the session a person would have seen.
    pub echo: bool,
    /// The language of the questions and the chrome.
    pub lang: Lang,
}

impl Term<'_> {
    /// One line of input, trimmed; None at end of input.
    pub fn read_line(&mut self) -> Result<Option<String>, QuizError> {
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim().to_string();
        if self.echo {
            writeln!(self.out, "{line}")?;
        }
        Ok(Some(line))
    }
}

/// How a question is shown this time: choices shuffled, numbers drawn.
#[derive(Debug, Clone)]
pub enum Shown {
    /// Choose `select` letters (1 for single).
    Choices { choices: Vec<Choice>, select: usize },
    /// Put the shown items in order; `answer` is the right letters.
    Order { items: Vec<Text>, answer: String },
    Numeric {
        answer: f64,
        unit: String,
        tolerance: f64,
    },
}

/// A question as asked.
#[derive(Debug, Clone)]
pub struct Asked<'q> {
    pub question: &'q Question,
    /// The language the question is shown in (English where a text has no
    /// translation yet).
    pub lang: Lang,
    pub prompt: String,
    pub solution: Option<String>,
    pub shown: Shown,
}

impl Asked<'_> {
    /// A bank text in the session's language.
    pub fn tr<'t>(&self, t: &'t Text) -> &'t str {
        t.get(self.lang)
    }
}

/// Draws and shuffles a question.
pub fn prepare<'q>(q: &'q Question, rng: &mut Rng, lang: Lang) -> Result<Asked<'q>, QuizError> {
    let prompt = q.prompt.get(lang).to_string();
    let (prompt, solution, shown) = match &q.kind {
        Kind::Single(choices) => {
            let mut c = choices.clone();
            rng.shuffle(&mut c);
            (
                prompt.clone(),
                None,
                Shown::Choices {
                    choices: c,
                    select: 1,
                },
            )
        }
        Kind::Multiple { choices, select } => {
            let mut c = choices.clone();
            rng.shuffle(&mut c);
            (
                prompt.clone(),
                None,
                Shown::Choices {
                    choices: c,
                    select: *select,
                },
            )
        }
        Kind::Order(items) => {
            let mut idx: Vec<usize> = (0..items.len()).collect();
            rng.shuffle(&mut idx);
            let shown: Vec<Text> = idx.iter().map(|i| items[*i].clone()).collect();
            // The right answer lists, for each step in order, the letter it got.
            let answer: String = (0..items.len())
                .map(|step| letter(idx.iter().position(|i| *i == step).unwrap_or(0)))
                .collect();
            (
                prompt.clone(),
                None,
                Shown::Order {
                    items: shown,
                    answer,
                },
            )
        }
        Kind::Numeric {
            answer,
            unit,
            tolerance,
        } => (
            prompt.clone(),
            None,
            Shown::Numeric {
                answer: *answer,
                unit: unit.clone(),
                tolerance: *tolerance,
            },
        ),
        Kind::Generated(g) => {
            let d = bank::draw_generated(g, &q.prompt, rng).map_err(|m| QuizError::Bank {
                at: q.bank.clone(),
                message: format!("question {:?}: {m}", q.id),
            })?;
            let shown = if let Some(unit) = &g.unit {
                Shown::Numeric {
                    answer: d.answer,
                    unit: unit.clone(),
                    tolerance: g.tolerance,
                }
            } else {
                let mut c: Vec<Choice> = d.choices.into_iter().take(MAX_GENERATED_SHOWN).collect();
                rng.shuffle(&mut c);
                Shown::Choices {
                    choices: c,
                    select: 1,
                }
            };
            (
                d.prompt.get(lang).to_string(),
                Some(d.solution.get(lang).to_string()),
                shown,
            )
        }
    };
    Ok(Asked {
        question: q,
        lang,
        prompt,
        solution,
        shown,
    })
}

/// A learner's answer, parsed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    Letters(Vec<usize>),
    Number(f64),
}

/// Parses a line as an answer to `asked`; Err says what is expected.
pub fn parse_answer(asked: &Asked<'_>, line: &str) -> Result<Response, String> {
    let letters = |n: usize| -> Result<Vec<usize>, String> {
        let mut out = Vec::new();
        for c in line.chars().filter(|c| !c.is_whitespace() && *c != ',') {
            let u = c.to_ascii_uppercase();
            let i = (u as usize).wrapping_sub('A' as usize);
            if !u.is_ascii_uppercase() || i >= n {
                return Err(tr!(
                    asked.lang,
                    "quiz-why-not-letter",
                    c = format!("{c:?}"),
                    last = letter(n - 1).to_string()
                ));
            }
            if out.contains(&i) {
                return Err(tr!(asked.lang, "quiz-why-twice", letter = u.to_string()));
            }
            out.push(i);
        }
        Ok(out)
    };
    match &asked.shown {
        Shown::Choices { choices, select } => {
            let l = letters(choices.len())?;
            if l.len() != *select {
                return Err(if *select == 1 {
                    tr!(
                        asked.lang,
                        "quiz-why-one",
                        last = letter(choices.len() - 1).to_string()
                    )
                } else {
                    tr!(asked.lang, "quiz-why-n", n = *select)
                });
            }
            Ok(Response::Letters(l))
        }
        Shown::Order { items, .. } => {
            let l = letters(items.len())?;
            if l.len() != items.len() {
                return Err(tr!(
                    asked.lang,
                    "quiz-why-all",
                    n = items.len(),
                    example = (0..items.len()).rev().map(letter).collect::<String>()
                ));
            }
            Ok(Response::Letters(l))
        }
        Shown::Numeric { unit, .. } => {
            let cleaned: String = line
                .trim()
                .trim_end_matches(unit.as_str())
                .chars()
                .filter(|c| *c != ',' && *c != '_')
                .collect();
            match cleaned.trim().parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Response::Number(v)),
                _ => Err(tr!(asked.lang, "quiz-why-number", unit = unit.as_str())),
            }
        }
    }
}

/// Was the answer right, and which wrong choices did the learner pick?
pub fn grade(asked: &Asked<'_>, r: &Response) -> (bool, Vec<usize>) {
    match (&asked.shown, r) {
        (Shown::Choices { choices, .. }, Response::Letters(l)) => {
            let picked: BTreeSet<usize> = l.iter().copied().collect();
            let right: BTreeSet<usize> =
                (0..choices.len()).filter(|i| choices[*i].correct).collect();
            let wrong = l.iter().copied().filter(|i| !choices[*i].correct).collect();
            (picked == right, wrong)
        }
        (Shown::Order { answer, .. }, Response::Letters(l)) => {
            let given: String = l.iter().map(|i| letter(*i)).collect();
            (given == *answer, Vec::new())
        }
        (
            Shown::Numeric {
                answer, tolerance, ..
            },
            Response::Number(v),
        ) => ((v - answer).abs() <= tolerance + 1e-9, Vec::new()),
        _ => (false, Vec::new()),
    }
}

/// The right answer, as a learner would type it or read it.
pub fn right_answer(asked: &Asked<'_>) -> String {
    match &asked.shown {
        Shown::Choices { choices, .. } => (0..choices.len())
            .filter(|i| choices[*i].correct)
            .map(letter)
            .collect(),
        Shown::Order { answer, .. } => answer.clone(),
        Shown::Numeric { answer, unit, .. } => format!("{} {unit}", fmt_num(*answer)),
    }
}

/// The hint after the prompt: what kind of answer is expected.
pub fn answer_hint(asked: &Asked<'_>) -> String {
    let l = asked.lang;
    match &asked.shown {
        Shown::Choices { select: 1, .. } => tr!(l, "quiz-hint-one"),
        Shown::Choices { select, .. } => tr!(l, "quiz-hint-letters", n = *select),
        Shown::Order { .. } => tr!(l, "quiz-hint-order"),
        Shown::Numeric { unit, .. } => tr!(l, "quiz-hint-number", unit = unit.as_str()),
    }
}

/// Writes the question: header, prompt and choices, wrapped at 80 columns.
pub fn write_question(
    out: &mut dyn Write,
    style: Style,
    header: &str,
    asked: &Asked<'_>,
) -> Result<(), QuizError> {
    writeln!(out)?;
    writeln!(out, "{}", style.bold(header))?;
    writeln!(out, "{}", wrap(asked.prompt.trim(), style.width, ""))?;
    match &asked.shown {
        Shown::Choices { choices, .. } => {
            writeln!(out)?;
            for (i, c) in choices.iter().enumerate() {
                writeln!(
                    out,
                    "{}",
                    wrap(
                        &format!("  {}. {}", letter(i), asked.tr(&c.text)),
                        style.width,
                        "     "
                    )
                )?;
            }
        }
        Shown::Order { items, .. } => {
            writeln!(out)?;
            for (i, item) in items.iter().enumerate() {
                writeln!(
                    out,
                    "{}",
                    wrap(
                        &format!("  {}. {}", letter(i), asked.tr(item)),
                        style.width,
                        "     "
                    )
                )?;
            }
        }
        Shown::Numeric { .. } => {}
    }
    Ok(())
}

/// Writes right/wrong, what was wrong about the choice, the explanation, the
/// worked solution and the docs.
pub fn write_feedback(
    out: &mut dyn Write,
    style: Style,
    asked: &Asked<'_>,
    right: bool,
    wrong_picked: &[usize],
) -> Result<(), QuizError> {
    let l = asked.lang;
    if right {
        writeln!(out, "{}", style.good(&tr!(l, "quiz-right")))?;
    } else {
        writeln!(
            out,
            "{} {}",
            style.bad(&tr!(l, "quiz-wrong")),
            tr!(l, "quiz-the-answer-is", answer = right_answer(asked))
        )?;
    }
    if let Shown::Choices { choices, .. } = &asked.shown {
        for i in wrong_picked {
            let c = &choices[*i];
            for (why, text) in [
                ("quiz-why-tempting", &c.tempting),
                ("quiz-why-wrong", &c.wrong),
            ] {
                if let Some(text) = text {
                    let msg = tr!(
                        l,
                        why,
                        letter = letter(*i).to_string(),
                        text = asked.tr(text)
                    );
                    let line = format!("  {msg}");
                    writeln!(out, "{}", wrap(&line, style.width, "    "))?;
                }
            }
        }
    }
    if let Some(s) = &asked.solution {
        writeln!(out, "{}", tr!(l, "quiz-working"))?;
        let indented: String = s
            .trim()
            .lines()
            .map(|l| format!("  {}\n", l.trim()))
            .collect();
        writeln!(out, "{}", wrap(indented.trim_end(), style.width, "  "))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        wrap(
            asked.tr(&asked.question.explanation).trim(),
            style.width,
            ""
        )
    )?;
    for d in &asked.question.docs {
        writeln!(out, "{}", tr!(l, "quiz-docs", url = d.as_str()))?;
    }
    Ok(())
}

/// One answered question, for the summary.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub domain: Domain,
    pub topics: Vec<String>,
    pub right: bool,
    pub misconceptions: Vec<String>,
}

pub fn outcome(asked: &Asked<'_>, right: bool, wrong_picked: &[usize]) -> Outcome {
    let misconceptions = match &asked.shown {
        Shown::Choices { choices, .. } => wrong_picked
            .iter()
            .filter_map(|i| choices[*i].misconception.clone())
            .collect(),
        _ => Vec::new(),
    };
    Outcome {
        id: asked.question.id.clone(),
        domain: asked.question.domain,
        topics: asked.question.topics.clone(),
        right,
        misconceptions,
    }
}

/// What to ask: filters, then the order (due first when asked), then `count`.
pub struct Selection<'a> {
    pub topics: &'a [String],
    pub domains: &'a [String],
    pub count: usize,
    pub due_first: bool,
    pub today: i64,
}

/// Picks the questions for a practice session. Unknown topics or domains are a
/// usage error that lists the ones that exist.
pub fn select<'q>(
    questions: &'q [Question],
    sel: &Selection<'_>,
    progress: &Progress,
    rng: &mut Rng,
) -> Result<(Vec<&'q Question>, usize), QuizError> {
    let known_topics: BTreeSet<&str> = questions
        .iter()
        .flat_map(|q| q.topics.iter().map(String::as_str))
        .collect();
    for t in sel.topics {
        if !known_topics.contains(t.as_str()) {
            let hint = crate::diag::did_you_mean(t, known_topics.iter().copied())
                .map(|k| format!("did you mean {k:?}? "))
                .unwrap_or_default();
            return Err(QuizError::Usage(format!(
                "unknown topic {t:?}; {hint}the topics are: {}",
                known_topics.iter().copied().collect::<Vec<_>>().join(", ")
            )));
        }
    }
    let mut domains = Vec::new();
    for d in sel.domains {
        if let Some(d) = Domain::parse(d) {
            domains.push(d);
        } else {
            let hint = crate::diag::did_you_mean(d, Domain::ALL.iter().map(|d| d.id()))
                .map(|k| format!("did you mean {k:?}? "))
                .unwrap_or_default();
            return Err(QuizError::Usage(format!(
                "unknown domain {d:?}; {hint}the domains are: development, security, deployment, troubleshooting"
            )));
        }
    }
    if sel.count == 0 {
        return Err(QuizError::Usage("--count must be at least 1".into()));
    }
    let mut pool: Vec<&Question> = questions
        .iter()
        .filter(|q| sel.topics.is_empty() || q.topics.iter().any(|t| sel.topics.contains(t)))
        .filter(|q| domains.is_empty() || domains.contains(&q.domain))
        .collect();
    if pool.is_empty() {
        return Err(QuizError::Usage(
            "no question has all of those topics and domains; try fewer filters".into(),
        ));
    }
    rng.shuffle(&mut pool);
    let mut due_count = 0;
    if sel.due_first {
        let (mut due, rest): (Vec<&Question>, Vec<&Question>) = pool
            .into_iter()
            .partition(|q| progress.is_due(&q.id, sel.today));
        due.sort_by_key(|q| progress.due_key(&q.id));
        due_count = due.len().min(sel.count);
        due.extend(rest);
        pool = due;
    }
    pool.truncate(sel.count);
    Ok((pool, due_count))
}

/// Asks one question until a valid answer or end of input. None at EOF.
fn ask(term: &mut Term<'_>, asked: &Asked<'_>) -> Result<Option<Response>, QuizError> {
    loop {
        let hint = answer_hint(asked);
        write!(
            term.out,
            "{}: ",
            tr!(term.lang, "quiz-your-answer", hint = hint)
        )?;
        let Some(line) = term.read_line()? else {
            writeln!(term.out)?;
            return Ok(None);
        };
        if line.is_empty() {
            continue;
        }
        match parse_answer(asked, &line) {
            Ok(r) => return Ok(Some(r)),
            Err(why) => writeln!(
                term.out,
                "{}",
                tr!(term.lang, "quiz-not-an-answer", why = why)
            )?,
        }
    }
}

/// Runs a practice session: ask, mark, explain, record, and sum up. `record` is
/// called after every answer (the command saves progress there), so stopping
/// at any point loses nothing.
pub fn run_practice(
    term: &mut Term<'_>,
    questions: &[&Question],
    rng: &mut Rng,
    record: &mut dyn FnMut(&str, Grade) -> Result<(), QuizError>,
) -> Result<Vec<Outcome>, QuizError> {
    let mut outcomes = Vec::new();
    let total = questions.len();
    for (n, q) in questions.iter().enumerate() {
        let asked = prepare(q, rng, term.lang)?;
        let header = tr!(
            term.lang,
            "quiz-question-header",
            n = n + 1,
            total = total,
            domain = q.domain.id(),
            topics = q.topics.join(", ")
        );
        write_question(term.out, term.style, &header, &asked)?;
        let shown_at = std::time::Instant::now();
        let Some(r) = ask(term, &asked)? else {
            writeln!(term.out, "{}", tr!(term.lang, "quiz-end-of-input"))?;
            break;
        };
        let (right, wrong) = grade(&asked, &r);
        write_feedback(term.out, term.style, &asked, right, &wrong)?;
        record(&q.id, Grade::of(right, Some(shown_at.elapsed())))?;
        outcomes.push(outcome(&asked, right, &wrong));
    }
    write_summary(term.out, term.style, term.lang, &outcomes)?;
    Ok(outcomes)
}

/// After a `--due` session: offers to ask the missed questions again now.
/// Returns whether the learner said yes (no at the end of input).
pub fn offer_retry(term: &mut Term<'_>, missed: usize) -> Result<bool, QuizError> {
    if missed == 0 {
        return Ok(false);
    }
    writeln!(term.out)?;
    write!(
        term.out,
        "{}: ",
        tr!(term.lang, "quiz-retry-missed", n = missed)
    )?;
    let Some(line) = term.read_line()? else {
        writeln!(term.out)?;
        return Ok(false);
    };
    Ok(matches!(line.to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// Score, then right/asked by domain and by topic, then the misconceptions.
pub fn write_summary(
    out: &mut dyn Write,
    style: Style,
    lang: Lang,
    outcomes: &[Outcome],
) -> Result<(), QuizError> {
    let right = outcomes.iter().filter(|o| o.right).count();
    let n = outcomes.len();
    writeln!(out)?;
    let pct = (right * 100).checked_div(n).unwrap_or(0);
    writeln!(
        out,
        "{}",
        style.bold(&tr!(lang, "quiz-score", right = right, n = n, pct = pct))
    )?;
    if n == 0 {
        return Ok(());
    }
    let mut by_domain: BTreeMap<Domain, (usize, usize)> = BTreeMap::new();
    let mut by_topic: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut miscon: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for o in outcomes {
        let e = by_domain.entry(o.domain).or_default();
        e.0 += usize::from(o.right);
        e.1 += 1;
        for t in &o.topics {
            let e = by_topic.entry(t).or_default();
            e.0 += usize::from(o.right);
            e.1 += 1;
        }
        for m in &o.misconceptions {
            miscon.entry(m).or_default().push(&o.id);
        }
    }
    writeln!(out, "{}", tr!(lang, "quiz-by-domain"))?;
    for (d, (r, t)) in &by_domain {
        writeln!(
            out,
            "  {} {r} / {t}",
            text::pad(&domain_title(*d, lang), 34)
        )?;
    }
    writeln!(out, "{}", tr!(lang, "quiz-by-topic"))?;
    for (topic, (r, t)) in &by_topic {
        writeln!(out, "  {topic:<34} {r} / {t}")?;
    }
    if !miscon.is_empty() {
        writeln!(out, "{}", tr!(lang, "quiz-misconceptions"))?;
        for (m, ids) in &miscon {
            let line = format!("  {m} ({}×): {}", ids.len(), ids.join(", "));
            writeln!(out, "{}", wrap(&line, style.width, "      "))?;
        }
    }
    Ok(())
}

/// `--stats`: what FSRS predicts and what is due, overall and per domain.
pub fn write_stats(
    out: &mut dyn Write,
    style: Style,
    lang: Lang,
    progress: &Progress,
    questions: &[Question],
    today: i64,
) -> Result<(), QuizError> {
    #[derive(Default)]
    struct Row {
        total: usize,
        seen: usize,
        recall: f64,
        right: u64,
        answers: u64,
        today: usize,
        week: usize,
    }
    let mut all = Row::default();
    let mut by: BTreeMap<Domain, Row> = BTreeMap::new();
    for q in questions {
        let row = by.entry(q.domain).or_default();
        for r in [&mut all, row] {
            r.total += 1;
            let Some(card) = progress.questions.get(&q.id) else {
                continue;
            };
            r.seen += 1;
            r.recall += card.retrievability(today);
            r.right += u64::from(card.right);
            r.answers += u64::from(card.right) + u64::from(card.wrong);
            let due = progress.due_day(&q.id).unwrap_or(i64::MAX);
            r.today += usize::from(due <= today);
            r.week += usize::from(due <= today + 7);
        }
    }
    let pct = |a: f64, b: f64| {
        if b > 0.0 {
            format!("{:.0}%", 100.0 * a / b)
        } else {
            "-".into()
        }
    };
    writeln!(out, "{}", style.bold(&tr!(lang, "quiz-stats-title")))?;
    let seen_line = tr!(
        lang,
        "quiz-stats-seen",
        seen = all.seen,
        total = all.total,
        right = all.right,
        answers = all.answers,
        pct = pct(all.right as f64, all.answers as f64)
    );
    writeln!(out, "{}", wrap(&seen_line, style.width, ""))?;
    let recall = tr!(
        lang,
        "quiz-stats-recall",
        pct = pct(all.recall, all.seen as f64)
    );
    writeln!(out, "{}", wrap(&recall, style.width, ""))?;
    let due = tr!(
        lang,
        "quiz-stats-due",
        today = all.today,
        week = all.week,
        new = all.total - all.seen
    );
    writeln!(out, "{due}")?;
    writeln!(out, "{}", tr!(lang, "quiz-by-domain"))?;
    let w = Domain::ALL
        .iter()
        .map(|d| text::columns(&domain_title(*d, lang)))
        .max()
        .unwrap_or(0);
    // Right-aligned columns, padded by display width (Hangul is two wide).
    let right =
        |s: &str, n: usize| format!("{}{s}", " ".repeat(n.saturating_sub(text::columns(s))));
    let heads = [
        "quiz-col-seen",
        "quiz-col-recall",
        "quiz-col-today",
        "quiz-col-week",
    ]
    .map(|id| tr!(lang, id));
    let widths: Vec<usize> = heads.iter().map(|h| text::columns(h).max(7)).collect();
    let row = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| right(c, *w))
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "  {}  {}", text::pad("", w), row(&heads))?;
    for (d, r) in &by {
        let cells = [
            format!("{}/{}", r.seen, r.total),
            pct(r.recall, r.seen as f64),
            r.today.to_string(),
            r.week.to_string(),
        ];
        writeln!(
            out,
            "  {}  {}",
            text::pad(&domain_title(*d, lang), w),
            row(&cells)
        )?;
    }
    Ok(())
}

/// `--list --coverage`: questions per DVA-C02 task statement, then per
/// domain, each split by type, so gaps in the banks show at a glance.
pub fn write_coverage(
    out: &mut dyn Write,
    lang: Lang,
    questions: &[Question],
) -> Result<(), QuizError> {
    const KINDS: [&str; 5] = ["single", "multiple", "order", "numeric", "generated"];
    let count = |keep: &dyn Fn(&Question) -> bool| -> [usize; 6] {
        let mut c = [0usize; 6];
        for q in questions.iter().filter(|q| keep(q)) {
            let k = KINDS.iter().position(|k| *k == q.kind.name()).unwrap_or(0);
            c[k] += 1;
            c[5] += 1;
        }
        c
    };
    let cells = |c: [usize; 6]| -> String {
        KINDS
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{:>w$}", c[i], w = k.len()))
            .chain(std::iter::once(format!("{:>5}", c[5])))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let head = |first: &str, w: usize| -> String {
        let total = tr!(lang, "quiz-coverage-total");
        let pad = " ".repeat(5usize.saturating_sub(text::columns(&total)));
        format!(
            "{}  {}  {pad}{total}",
            text::pad(first, w),
            KINDS.join("  ")
        )
    };
    writeln!(
        out,
        "{}",
        tr!(lang, "quiz-coverage-title", n = questions.len())
    )?;
    let task_w = 15;
    writeln!(
        out,
        "{}  {}",
        head(&tr!(lang, "quiz-coverage-task"), task_w),
        tr!(lang, "quiz-coverage-statement")
    )?;
    for (task, statement) in bank::TASKS {
        let c = count(&|q| q.task.as_deref() == Some(task));
        writeln!(
            out,
            "{}  {}  {statement}",
            text::pad(task, task_w),
            cells(c)
        )?;
    }
    let c = count(&|q| q.task.is_none());
    if c[5] > 0 {
        let none = tr!(lang, "quiz-coverage-no-task");
        writeln!(out, "{}  {}", text::pad(&none, task_w), cells(c))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", head(&tr!(lang, "quiz-coverage-domain"), task_w))?;
    for d in Domain::ALL {
        let c = count(&|q| q.domain == d);
        writeln!(out, "{}  {}", text::pad(d.id(), task_w), cells(c))?;
    }
    writeln!(
        out,
        "{}  {}",
        text::pad(&tr!(lang, "quiz-coverage-total"), task_w),
        cells(count(&|_| true))
    )?;
    Ok(())
}

/// A domain's title in `lang` (from the catalog).
pub fn domain_title(d: Domain, lang: Lang) -> String {
    crate::i18n::tr(lang, &format!("quiz-domain-{}", d.id()), &[])
}

/// `--list`: one row per question: id, domain, task, type, then the whole
/// prompt wrapped in its own column (continuation lines aligned under it).
/// Columns are as wide as their longest entry; a terminal too narrow for the
/// prompt column gets the prompt on the lines below instead.
pub fn write_list(
    out: &mut dyn Write,
    style: Style,
    lang: Lang,
    questions: &[&Question],
) -> Result<(), QuizError> {
    let w_id = questions
        .iter()
        .map(|q| text::columns(&q.id))
        .max()
        .unwrap_or(0);
    let w_dom = questions
        .iter()
        .map(|q| q.domain.id().len())
        .max()
        .unwrap_or(0);
    let w_kind = questions
        .iter()
        .map(|q| q.kind.name().len())
        .max()
        .unwrap_or(0);
    let w_task = 3;
    let lead = w_id + w_dom + w_task + w_kind + 4;
    let (indent, room) = if style.width >= lead + 20 {
        (" ".repeat(lead), style.width - lead)
    } else {
        ("    ".to_string(), style.width.saturating_sub(4))
    };
    for q in questions {
        let head = format!(
            "{} {} {} {} ",
            text::pad(&q.id, w_id),
            text::pad(q.domain.id(), w_dom),
            text::pad(q.task.as_deref().unwrap_or("-"), w_task),
            text::pad(q.kind.name(), w_kind)
        );
        let prompt = q
            .prompt
            .get(lang)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let lines = textwrap::wrap(&prompt, textwrap::Options::new(room.max(10)));
        if indent.len() == lead {
            for (i, l) in lines.iter().enumerate() {
                let start = if i == 0 {
                    head.as_str()
                } else {
                    indent.as_str()
                };
                writeln!(out, "{start}{l}")?;
            }
        } else {
            // Too narrow for aligned columns: the fields, unpadded, then the prompt.
            let task = q.task.as_deref().unwrap_or("-");
            let short = format!("{} {} {task} {}", q.id, q.domain.id(), q.kind.name());
            writeln!(out, "{short}")?;
            for l in &lines {
                writeln!(out, "{indent}{l}")?;
            }
        }
    }
    Ok(())
}
