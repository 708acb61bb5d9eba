//! Question banks (`quizzes/*.toml`, format in `quizzes/README.md`): parsing
//! with positions, validation into `Bank`/`Question`, and the linter that
//! `labcheck lint` and `cargo test` run on every bank.
//!
//! Every error names `file:line:col`, the field, what was expected and what to
//! do, because the people who read them are bank writers, not Rust developers.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::QuizError;
use super::generate;
use super::rng::Rng;

/// How many draws the linter makes of each generated question.
pub const LINT_DRAWS: u64 = 500;

/// The exam domains of the AWS Certified Developer – Associate (DVA-C02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Domain {
    Development,
    Security,
    Deployment,
    Troubleshooting,
}

impl Domain {
    pub const ALL: [Domain; 4] = [
        Domain::Development,
        Domain::Security,
        Domain::Deployment,
        Domain::Troubleshooting,
    ];

    pub fn parse(s: &str) -> Option<Domain> {
        Domain::ALL.into_iter().find(|d| d.id() == s)
    }

    pub fn id(self) -> &'static str {
        match self {
            Domain::Development => "development",
            Domain::Security => "security",
            Domain::Deployment => "deployment",
            Domain::Troubleshooting => "troubleshooting",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Domain::Development => "Development with AWS Services",
            Domain::Security => "Security",
            Domain::Deployment => "Deployment",
            Domain::Troubleshooting => "Troubleshooting and Optimization",
        }
    }

    /// The domain's share of the exam, in percent (DVA-C02 exam guide).
    pub fn weight(self) -> u32 {
        match self {
            Domain::Development => 32,
            Domain::Security => 26,
            Domain::Deployment => 24,
            Domain::Troubleshooting => 18,
        }
    }
}

/// One choice of a single, multiple or generated question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub tempting: Option<String>,
    pub wrong: Option<String>,
    pub misconception: Option<String>,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Single(Vec<Choice>),
    Multiple {
        choices: Vec<Choice>,
        select: usize,
    },
    Order(Vec<String>),
    Numeric {
        answer: f64,
        unit: String,
        tolerance: f64,
    },
    Generated(Generated),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub generator: String,
    pub params: BTreeMap<String, String>,
    pub solution: String,
    /// Numeric answer in this unit, or (when empty) pick among `choices`.
    pub unit: Option<String>,
    pub tolerance: f64,
    pub choices: Vec<Choice>,
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Single(_) => "single",
            Kind::Multiple { .. } => "multiple",
            Kind::Order(_) => "order",
            Kind::Numeric { .. } => "numeric",
            Kind::Generated(_) => "generated",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub bank: String,
    pub domain: Domain,
    pub topics: Vec<String>,
    pub checked: String,
    pub prompt: String,
    pub explanation: String,
    pub docs: Vec<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub id: String,
    pub title: String,
    pub path: String,
    pub questions: Vec<Question>,
}

// ---- raw TOML shapes ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    bank: RawBank,
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBank {
    id: Spanned<String>,
    title: Spanned<String>,
    checked: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    domain: Spanned<String>,
    topics: Spanned<Vec<String>>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    checked: Option<Spanned<String>>,
    prompt: Spanned<String>,
    explanation: Spanned<String>,
    docs: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    choice: Vec<Spanned<RawChoice>>,
    select: Option<Spanned<i64>>,
    items: Option<Spanned<Vec<String>>>,
    answer: Option<Spanned<f64>>,
    unit: Option<Spanned<String>>,
    tolerance: Option<Spanned<f64>>,
    generator: Option<Spanned<String>>,
    params: Option<Spanned<toml::Table>>,
    solution: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: String,
    #[serde(default)]
    correct: bool,
    tempting: Option<String>,
    wrong: Option<String>,
    misconception: Option<String>,
}

/// Byte offset → `path:line:col` (1-based, columns in characters).
fn at(path: &str, text: &str, span: Range<usize>) -> String {
    let start = span.start.min(text.len());
    let before = text.get(..start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{path}:{line}:{col}")
}

/// Is `s` a real calendar date written YYYY-MM-DD?
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    if !s[0..4].bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2100).contains(&y) && (1..=days).contains(&d)
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        })
}

const DOC_PREFIXES: [&str; 2] = ["https://docs.aws.amazon.com/", "https://aws.amazon.com/"];

/// Parses and validates one bank file. `path` is only used in messages.
pub fn parse_bank(path: &str, text: &str) -> Result<Bank, QuizError> {
    let err = |span: Range<usize>, message: String| QuizError::Bank {
        at: at(path, text, span),
        message,
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let msg = e.message().trim().replace('\n', " ");
        err(
            span,
            format!("{msg} (see quizzes/README.md for the fields a bank and a question take)"),
        )
    })?;
    let bank_id = raw.bank.id.get_ref().trim().to_string();
    if !valid_id(&bank_id) {
        return Err(err(
            raw.bank.id.span(),
            format!(
                "field `bank.id` = {bank_id:?}: expected a lowercase id like \"dva-dynamodb\" (letters, digits, -)"
            ),
        ));
    }
    if raw.bank.title.get_ref().trim().is_empty() {
        return Err(err(
            raw.bank.title.span(),
            "field `bank.title` is empty: give the bank a title".into(),
        ));
    }
    if let Some(c) = &raw.bank.checked
        && !valid_date(c.get_ref())
    {
        return Err(err(
            c.span(),
            format!(
                "field `bank.checked` = {:?}: expected a date YYYY-MM-DD, the day the facts were checked",
                c.get_ref()
            ),
        ));
    }
    let default_checked = raw.bank.checked.as_ref().map(|c| c.get_ref().clone());
    let mut questions = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for sq in raw.question {
        let qspan = sq.span();
        let q = sq.into_inner();
        let id = q.id.get_ref().trim().to_string();
        let qerr = |span: Range<usize>, m: String| err(span, format!("question {id:?}: {m}"));
        if !valid_id(&id) {
            return Err(qerr(q.id.span(), "field `id`: expected a lowercase id like \"ddb-rcu-strong-basic\" (letters, digits, -); ids are stable forever".into()));
        }
        if let Some(first) = seen.insert(id.clone(), qspan.start) {
            return Err(qerr(
                q.id.span(),
                format!(
                    "field `id` is used twice in this bank (first at {}): give each question its own id",
                    at(path, text, first..first)
                ),
            ));
        }
        let Some(domain) = Domain::parse(q.domain.get_ref()) else {
            return Err(qerr(
                q.domain.span(),
                format!(
                    "field `domain` = {:?}: expected development, security, deployment or troubleshooting",
                    q.domain.get_ref()
                ),
            ));
        };
        let topics = q.topics.get_ref().clone();
        if topics.is_empty() || topics.iter().any(|t| !valid_id(t)) {
            return Err(qerr(
                q.topics.span(),
                "field `topics`: expected one or more lowercase tags like [\"dynamodb\"]".into(),
            ));
        }
        let checked = match (&q.checked, &default_checked) {
            (Some(c), _) if !valid_date(c.get_ref()) => {
                return Err(qerr(
                    c.span(),
                    format!(
                        "field `checked` = {:?}: expected a date YYYY-MM-DD",
                        c.get_ref()
                    ),
                ));
            }
            (Some(c), _) => c.get_ref().clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => {
                return Err(qerr(qspan, "no `checked` date: add `checked = \"YYYY-MM-DD\"` to the question or to [bank]".into()));
            }
        };
        if q.prompt.get_ref().trim().is_empty() {
            return Err(qerr(
                q.prompt.span(),
                "field `prompt` is empty: write the question".into(),
            ));
        }
        if q.explanation.get_ref().trim().is_empty() {
            return Err(qerr(
                q.explanation.span(),
                "field `explanation` is empty: say why the right answer is right".into(),
            ));
        }
        if q.docs.get_ref().is_empty() {
            return Err(qerr(
                q.docs.span(),
                "field `docs` is empty: add at least one https://docs.aws.amazon.com/ link".into(),
            ));
        }
        for d in q.docs.get_ref() {
            if !DOC_PREFIXES.iter().any(|p| d.get_ref().starts_with(p)) {
                return Err(qerr(
                    d.span(),
                    format!(
                        "field `docs`: {:?} is not an AWS documentation link: expected https://docs.aws.amazon.com/... (or https://aws.amazon.com/ for pricing and FAQs)",
                        d.get_ref()
                    ),
                ));
            }
        }
        let choices: Vec<Choice> = q
            .choice
            .iter()
            .map(|c| {
                let c = c.get_ref();
                Choice {
                    text: c.text.trim().to_string(),
                    correct: c.correct,
                    tempting: c.tempting.clone(),
                    wrong: c.wrong.clone(),
                    misconception: c.misconception.clone(),
                }
            })
            .collect();
        let choice_span = q.choice.first().map_or(qspan.clone(), |c| c.span());
        if choices.iter().any(|c| c.text.is_empty()) {
            return Err(qerr(
                choice_span,
                "a [[question.choice]] has an empty `text`".into(),
            ));
        }
        let kind_name = q.kind.get_ref().as_str();
        // Fields that belong to other types are mistakes worth naming.
        let allowed: &[&str] = match kind_name {
            "single" => &["choice"],
            "multiple" => &["choice", "select"],
            "order" => &["items"],
            "numeric" => &["answer", "unit", "tolerance"],
            "generated" => &[
                "choice",
                "unit",
                "tolerance",
                "generator",
                "params",
                "solution",
            ],
            other => {
                return Err(qerr(
                    q.kind.span(),
                    format!(
                        "field `type` = {other:?}: expected single, multiple, order, numeric or generated"
                    ),
                ));
            }
        };
        let present: [(&str, Option<Range<usize>>); 9] = [
            ("choice", q.choice.first().map(|c| c.span())),
            ("select", q.select.as_ref().map(|s| s.span())),
            ("items", q.items.as_ref().map(|s| s.span())),
            ("answer", q.answer.as_ref().map(|s| s.span())),
            ("unit", q.unit.as_ref().map(|s| s.span())),
            ("tolerance", q.tolerance.as_ref().map(|s| s.span())),
            ("generator", q.generator.as_ref().map(|s| s.span())),
            ("params", q.params.as_ref().map(|s| s.span())),
            ("solution", q.solution.as_ref().map(|s| s.span())),
        ];
        for (field, span) in present {
            if let Some(span) = span
                && !allowed.contains(&field)
            {
                return Err(qerr(
                    span,
                    format!(
                        "field `{field}` does not belong in a `{kind_name}` question: remove it or change `type`"
                    ),
                ));
            }
        }
        let correct = choices.iter().filter(|c| c.correct).count();
        let kind = match kind_name {
            "single" => {
                if choices.len() != 4 || correct != 1 {
                    return Err(qerr(
                        choice_span,
                        format!(
                            "a single question needs exactly 4 [[question.choice]] with exactly one `correct = true`; found {} choices, {correct} correct",
                            choices.len()
                        ),
                    ));
                }
                Kind::Single(choices)
            }
            "multiple" => {
                let Some(select) = &q.select else {
                    return Err(qerr(
                        qspan,
                        "a multiple question needs `select = 2` (or 3): how many answers to choose"
                            .into(),
                    ));
                };
                let n = *select.get_ref();
                if !(2..=3).contains(&n) || choices.len() < 5 || correct as i64 != n {
                    return Err(qerr(
                        select.span(),
                        format!(
                            "a multiple question needs `select` of 2 or 3, at least 5 choices and exactly `select` of them correct; found select = {n}, {} choices, {correct} correct",
                            choices.len()
                        ),
                    ));
                }
                if choices.len() > 8 {
                    return Err(qerr(
                        choice_span,
                        "a multiple question has at most 8 choices (lettered A-H)".into(),
                    ));
                }
                Kind::Multiple {
                    choices,
                    select: n as usize,
                }
            }
            "order" => {
                let Some(items) = &q.items else {
                    return Err(qerr(qspan, "an order question needs `items = [\"first\", \"second\", ...]` in the right order".into()));
                };
                let items: Vec<String> = items
                    .get_ref()
                    .iter()
                    .map(|s| s.trim().to_string())
                    .collect();
                if !(3..=8).contains(&items.len()) || items.iter().any(String::is_empty) {
                    return Err(qerr(
                        q.items.as_ref().map_or(qspan.clone(), |s| s.span()),
                        format!(
                            "field `items`: expected 3 to 8 non-empty steps, found {}",
                            items.len()
                        ),
                    ));
                }
                Kind::Order(items)
            }
            "numeric" => {
                let (Some(answer), Some(unit)) = (&q.answer, &q.unit) else {
                    return Err(qerr(
                        qspan,
                        "a numeric question needs `answer = 12.0` and `unit = \"RCU\"`".into(),
                    ));
                };
                let tolerance = q.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
                if !answer.get_ref().is_finite() {
                    return Err(qerr(
                        answer.span(),
                        "field `answer`: expected a finite number".into(),
                    ));
                }
                if !tolerance.is_finite() || tolerance < 0.0 {
                    return Err(qerr(
                        qspan,
                        "field `tolerance`: expected a number of 0 or more".into(),
                    ));
                }
                if unit.get_ref().trim().is_empty() {
                    return Err(qerr(
                        unit.span(),
                        "field `unit` is empty: say what the number counts (\"RCU\", \"seconds\")"
                            .into(),
                    ));
                }
                Kind::Numeric {
                    answer: *answer.get_ref(),
                    unit: unit.get_ref().clone(),
                    tolerance,
                }
            }
            _ => {
                let Some(generator) = &q.generator else {
                    return Err(qerr(
                        qspan,
                        format!(
                            "a generated question needs `generator`: one of {}",
                            generate::known_list()
                        ),
                    ));
                };
                if !generate::is_known(generator.get_ref()) {
                    return Err(qerr(
                        generator.span(),
                        format!(
                            "field `generator` = {:?}: expected one of {}",
                            generator.get_ref(),
                            generate::known_list()
                        ),
                    ));
                }
                let mut params = BTreeMap::new();
                if let Some(p) = &q.params {
                    for (k, v) in p.get_ref() {
                        let v = match v {
                            toml::Value::String(s) => s.clone(),
                            toml::Value::Integer(i) => i.to_string(),
                            toml::Value::Boolean(b) => b.to_string(),
                            _ => {
                                return Err(qerr(
                                    p.span(),
                                    format!(
                                        "param `{k}`: expected a string, a whole number or true/false"
                                    ),
                                ));
                            }
                        };
                        params.insert(k.clone(), v);
                    }
                }
                let Some(solution) = &q.solution else {
                    return Err(qerr(qspan, "a generated question needs `solution`: the worked solution, with {placeholders}".into()));
                };
                if solution.get_ref().trim().is_empty() {
                    return Err(qerr(
                        solution.span(),
                        "field `solution` is empty: show the working".into(),
                    ));
                }
                let unit = q.unit.as_ref().map(|u| u.get_ref().clone());
                match (&unit, choices.is_empty()) {
                    (Some(_), false) => {
                        return Err(qerr(
                            choice_span,
                            "a generated question takes `unit` (typed answer) or choices, not both"
                                .into(),
                        ));
                    }
                    (None, true) => {
                        return Err(qerr(qspan, "a generated question needs `unit = \"RCU\"` (typed answer) or [[question.choice]] templates".into()));
                    }
                    (None, false) if correct != 1 => {
                        return Err(qerr(
                            choice_span,
                            format!(
                                "generated choices need exactly one `correct = true`; found {correct}"
                            ),
                        ));
                    }
                    _ => {}
                }
                let tolerance = q.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
                let g = Generated {
                    generator: generator.get_ref().clone(),
                    params,
                    solution: solution.get_ref().clone(),
                    unit,
                    tolerance,
                    choices,
                };
                check_draws(&g, q.prompt.get_ref()).map_err(|m| qerr(generator.span(), m))?;
                Kind::Generated(g)
            }
        };
        questions.push(Question {
            id,
            bank: bank_id.clone(),
            domain,
            topics,
            checked,
            prompt: q.prompt.get_ref().trim_end().to_string(),
            explanation: q.explanation.get_ref().trim_end().to_string(),
            docs: q
                .docs
                .get_ref()
                .iter()
                .map(|d| d.get_ref().clone())
                .collect(),
            kind,
        });
    }
    Ok(Bank {
        id: bank_id,
        title: raw.bank.title.into_inner(),
        path: path.to_string(),
        questions,
    })
}

/// The fewest choices a generated question may show: the answer and two
/// distractors. Some draws make several wrong computations coincide (that is
/// arithmetic, not a template bug); three distinct choices still test the rule.
pub const MIN_GENERATED_CHOICES: usize = 3;

/// A generated question drawn once: texts filled in, duplicate choices dropped.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub prompt: String,
    pub solution: String,
    pub answer: f64,
    /// Filled choices, the right one first, duplicates of earlier ones dropped.
    pub choices: Vec<Choice>,
}

/// Draws a generated question from `rng`.
pub fn draw_generated(g: &Generated, prompt: &str, rng: &mut Rng) -> Result<Drawn, String> {
    let d = generate::draw(&g.generator, &g.params, rng)?;
    let mut choices: Vec<Choice> = Vec::new();
    let mut ordered: Vec<&Choice> = g.choices.iter().filter(|c| c.correct).collect();
    ordered.extend(g.choices.iter().filter(|c| !c.correct));
    for c in ordered {
        let text = generate::fill(&c.text, &d.vars);
        // A wrong computation that lands on the right number (or on another
        // wrong one) for this draw would be two identical choices: drop it.
        if choices.iter().any(|k| k.text == text) {
            continue;
        }
        choices.push(Choice {
            text,
            correct: c.correct,
            tempting: c.tempting.as_ref().map(|t| generate::fill(t, &d.vars)),
            wrong: c.wrong.as_ref().map(|t| generate::fill(t, &d.vars)),
            misconception: c.misconception.clone(),
        });
    }
    Ok(Drawn {
        prompt: generate::fill(prompt, &d.vars),
        solution: generate::fill(&g.solution, &d.vars),
        answer: d.answer,
        choices,
    })
}

/// Draws a generated question many times: every placeholder filled, the
/// answer finite, enough distinct choices every time.
fn check_draws(g: &Generated, prompt: &str) -> Result<(), String> {
    for seed in 0..LINT_DRAWS {
        let mut rng = Rng::new(seed);
        let d = draw_generated(g, prompt, &mut rng)?;
        if !d.answer.is_finite() {
            return Err(format!(
                "draw with seed {seed} gives an answer that is not a number: check the params"
            ));
        }
        let mut texts = vec![
            ("prompt", d.prompt.as_str()),
            ("solution", d.solution.as_str()),
        ];
        for c in &d.choices {
            texts.push(("choice text", c.text.as_str()));
            for t in [&c.tempting, &c.wrong].into_iter().flatten() {
                texts.push(("choice tempting/wrong", t.as_str()));
            }
        }
        for (field, t) in texts {
            if let Some(name) = generate::unfilled(t) {
                let known = generate::GENERATORS
                    .iter()
                    .find(|(n, _)| *n == g.generator)
                    .map_or("", |(_, v)| *v);
                return Err(format!(
                    "{field}: placeholder {name} is not a value of generator {:?} ({known}); use one of those names",
                    g.generator
                ));
            }
            if t.contains("?") && t.contains("{") {
                return Err(format!(
                    "{field}: a value came out as not a number (seed {seed})"
                ));
            }
        }
        if g.unit.is_none() && d.choices.len() < MIN_GENERATED_CHOICES {
            return Err(format!(
                "with seed {seed} only {} distinct choices remain after dropping those equal to the right answer (need {MIN_GENERATED_CHOICES}): add more wrong-answer templates",
                d.choices.len()
            ));
        }
    }
    Ok(())
}

/// Lints one bank file's text; Ok with the number of questions, or an error
/// naming file:line:col, the field, what was expected and what to do.
pub fn lint_bank(path: &str, text: &str) -> Result<usize, QuizError> {
    parse_bank(path, text).map(|b| b.questions.len())
}

/// Lints a set of banks together (unique ids across banks).
pub fn lint_banks(banks: &[(&str, &str)]) -> Result<usize, QuizError> {
    parse_banks(banks).map(|bs| bs.iter().map(|b| b.questions.len()).sum())
}

/// Parses a set of banks, requiring bank and question ids unique across them.
pub fn parse_banks(banks: &[(&str, &str)]) -> Result<Vec<Bank>, QuizError> {
    let mut out: Vec<Bank> = Vec::new();
    let mut bank_ids: HashMap<String, String> = HashMap::new();
    let mut question_ids: HashMap<String, String> = HashMap::new();
    for (path, text) in banks {
        let bank = parse_bank(path, text)?;
        if let Some(other) = bank_ids.insert(bank.id.clone(), path.to_string()) {
            return Err(QuizError::Bank {
                at: format!("{path}:1:1"),
                message: format!(
                    "bank id {:?} is also the id of {other}: bank ids must be unique",
                    bank.id
                ),
            });
        }
        for q in &bank.questions {
            if let Some(other) = question_ids.insert(q.id.clone(), path.to_string()) {
                let line = text
                    .lines()
                    .position(|l| l.contains(&format!("\"{}\"", q.id)))
                    .map_or(1, |i| i + 1);
                return Err(QuizError::Bank {
                    at: format!("{path}:{line}:1"),
                    message: format!(
                        "question {:?}: the id is also used in {other}: question ids must be unique across banks (progress is keyed by them)",
                        q.id
                    ),
                });
            }
        }
        out.push(bank);
    }
    Ok(out)
}

/// The banks built into the binary.
pub fn builtin_banks() -> Result<Vec<Bank>, QuizError> {
    let named: Vec<(String, &str)> = crate::builtin::QUIZ_BANKS
        .iter()
        .map(|(n, t)| (format!("quizzes/{n}.toml"), *t))
        .collect();
    let refs: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    parse_banks(&refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[bank]
id = "t"
title = "T"
checked = "2026-01-02"

[[question]]
id = "q1"
domain = "development"
topics = ["dynamodb"]
type = "single"
prompt = "P?"
explanation = "E."
docs = ["https://docs.aws.amazon.com/x.html"]

[[question.choice]]
text = "a"
correct = true
[[question.choice]]
text = "b"
[[question.choice]]
text = "c"
[[question.choice]]
text = "d"
"#;

    fn lint_err(text: &str) -> String {
        lint_bank("b.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn good_bank() {
        assert_eq!(lint_bank("b.toml", GOOD).unwrap(), 1);
    }

    #[test]
    fn errors_carry_positions_and_advice() {
        let e = lint_err(&GOOD.replace("type = \"single\"", "type = \"single\"\ncolour = 1"));
        assert!(e.starts_with("b.toml:12:1: "), "{e}");
        assert!(e.contains("colour"), "{e}");
        let e = lint_err(&GOOD.replace("\"development\"", "\"dev\""));
        assert!(e.starts_with("b.toml:9:10: "), "{e}");
        assert!(e.contains("expected development, security"), "{e}");
        let e = lint_err(&GOOD.replace("text = \"d\"", "text = \"d\"\ncorrect = true"));
        assert!(e.contains("exactly one `correct = true`"), "{e}");
        let e = lint_err(&GOOD.replace("https://docs.aws.amazon.com/x.html", "http://example.com"));
        assert!(e.contains("not an AWS documentation link"), "{e}");
        let e = lint_err(&GOOD.replace("2026-01-02", "2026-02-30"));
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        let e = lint_err(&GOOD.replace("explanation = \"E.\"", "explanation = \" \""));
        assert!(e.contains("explanation"), "{e}");
        let e = lint_err(&GOOD.replace("type = \"single\"", "type = \"single\"\nselect = 2"));
        assert!(e.contains("`select` does not belong"), "{e}");
        let twice = format!("{GOOD}{}", &GOOD[GOOD.find("[[question]]").unwrap()..]);
        assert!(lint_err(&twice).contains("used twice"));
    }

    #[test]
    fn ids_unique_across_banks() {
        let other = GOOD.replace("id = \"t\"", "id = \"u\"");
        let e = lint_banks(&[("a.toml", GOOD), ("b.toml", &other)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("unique across banks"), "{e}");
        let e = lint_banks(&[("a.toml", GOOD), ("b.toml", GOOD)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("bank ids must be unique"), "{e}");
    }

    const GEN: &str = r#"
[bank]
id = "g"
title = "G"
checked = "2026-01-02"

[[question]]
id = "g1"
domain = "development"
topics = ["dynamodb"]
type = "generated"
generator = "dynamodb-rcu"
params = { consistency = "eventual" }
prompt = "{rate} reads/s of {size} KB?"
solution = "ceil({size}/4) = {units}; × {rate} = {base}; /2 = {answer}"
explanation = "E."
docs = ["https://docs.aws.amazon.com/x.html"]
[[question.choice]]
text = "{answer} RCU"
correct = true
[[question.choice]]
text = "{strong} RCU"
[[question.choice]]
text = "{no_round} RCU"
[[question.choice]]
text = "{doubled} RCU"
[[question.choice]]
text = "{per_kb} RCU"
[[question.choice]]
text = "{per_8kb} RCU"
[[question.choice]]
text = "{units} RCU"
"#;

    #[test]
    fn generated_questions_are_drawn_and_checked() {
        assert_eq!(lint_bank("g.toml", GEN).unwrap(), 1);
        let e = lint_err(&GEN.replace("{rate} reads", "{rat} reads"));
        assert!(e.contains("placeholder {rat}"), "{e}");
        let e = lint_err(&GEN.replace("\"dynamodb-rcu\"", "\"dynamodb-xyz\""));
        assert!(e.contains("expected one of dynamodb-rcu"), "{e}");
        // {halved} equals {answer} for eventual reads: only 3 distinct remain.
        let e = lint_err(
            &GEN.replace("{per_kb} RCU", "{halved} RCU")
                .replace("{doubled} RCU", "{answer} RCU")
                .replace("{per_8kb} RCU", "{answer} RCU")
                .replace("{units} RCU", "{answer} RCU"),
        );
        assert!(e.contains("distinct choices"), "{e}");
        let e = lint_err(&GEN.replace("\"eventual\"", "\"weak\""));
        assert!(e.contains("param `consistency`"), "{e}");
    }
}

#[cfg(test)]
mod builtin_tests {
    /// Every bank built into the binary passes the linter, together.
    #[test]
    fn every_builtin_bank_lints() {
        let named: Vec<(String, &str)> = crate::builtin::QUIZ_BANKS
            .iter()
            .map(|(n, t)| (format!("quizzes/{n}.toml"), *t))
            .collect();
        let refs: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let n = super::lint_banks(&refs).unwrap_or_else(|e| panic!("{e}"));
        assert!(n >= 14, "only {n} questions");
        assert!(
            crate::builtin::QUIZ_BANKS
                .iter()
                .any(|(n, _)| *n == "generated")
        );
    }
}
