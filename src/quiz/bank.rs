//! Question banks (`quizzes/*.toml`, format in `quizzes/README.md`): parsing
//! with positions, validation into `Bank`/`Question`, and the linter that
//! `labcheck lint` and `cargo test` run on every bank.
//!
//! Every learner-facing text is a `Text`: English, and Korean beside it when a
//! translator has written it. Every finding names `file:line:col`, the field,
//! what was expected and what to do, because the people who read them are bank
//! writers, not Rust developers. The checker collects every finding in a file
//! at once (only a file that is not valid TOML stops at the first).
//!
//! Findings have two severities. `Structure` findings make a bank unusable
//! (the quiz refuses it). `Content` findings are the editorial bar of issue 13
//! (Korean beside English, a DVA-C02 task per question, a `checked` date per
//! question, no answer-length tell): `labcheck lint` fails on them, and
//! `cargo test` holds every built-in bank to them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::QuizError;
use super::generate;
use super::rng::Rng;

/// How many draws the linter makes of each generated question.
pub const LINT_DRAWS: u64 = 500;

/// A bank fails when its correct choice is strictly the longest in more than
/// this share of its single-answer questions (percent): a test-taking tell.
pub const MAX_LONGEST_CORRECT_PERCENT: usize = 35;

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

    /// The first digit of the domain's task statements ("1.x" is development).
    pub fn number(self) -> u8 {
        match self {
            Domain::Development => 1,
            Domain::Security => 2,
            Domain::Deployment => 3,
            Domain::Troubleshooting => 4,
        }
    }
}

/// The 13 task statements of the DVA-C02 exam guide (v2.1), by number.
pub const TASKS: [(&str, &str); 13] = [
    ("1.1", "Develop code for applications hosted on AWS"),
    ("1.2", "Develop code for AWS Lambda"),
    ("1.3", "Use data stores in application development"),
    (
        "2.1",
        "Implement authentication and/or authorization for applications and AWS services",
    ),
    ("2.2", "Implement encryption by using AWS services"),
    ("2.3", "Manage sensitive data in application code"),
    ("3.1", "Prepare application artifacts to be deployed to AWS"),
    ("3.2", "Test applications in development environments"),
    ("3.3", "Automate deployment testing"),
    ("3.4", "Deploy code by using AWS CI/CD services"),
    ("4.1", "Assist in a root cause analysis"),
    ("4.2", "Instrument code for observability"),
    (
        "4.3",
        "Optimize applications by using AWS services and features",
    ),
];

/// The domain a task statement belongs to ("2.3" → security).
pub fn task_domain(task: &str) -> Option<Domain> {
    if !TASKS.iter().any(|(t, _)| *t == task) {
        return None;
    }
    let n = task.split('.').next()?.parse::<u8>().ok()?;
    Domain::ALL.into_iter().find(|d| d.number() == n)
}

pub use crate::lang::Text;

/// One choice of a single, multiple or generated question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub text: Text,
    pub correct: bool,
    pub tempting: Option<Text>,
    pub wrong: Option<Text>,
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
    Order(Vec<Text>),
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
    pub solution: Text,
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
    /// The DVA-C02 task statement ("1.1" to "4.3"); optional this round.
    pub task: Option<String>,
    pub topics: Vec<String>,
    pub checked: String,
    pub prompt: Text,
    pub explanation: Text,
    pub docs: Vec<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub id: String,
    pub title: Text,
    pub path: String,
    pub questions: Vec<Question>,
}

// ---- findings ----

/// Whether a finding makes the bank unusable or only misses the editorial bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The quiz cannot use the bank (or the question) as written.
    Structure,
    /// Issue 13's content rules: `labcheck lint` fails on them.
    Content,
}

/// One problem in a bank file.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// `file:line:col`.
    pub at: String,
    pub severity: Severity,
    /// A stable name for the rule: `structure`, `missing-ko`, `missing-task`,
    /// `missing-checked`, `length-bias`, `all-or-none-choice`.
    pub code: &'static str,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Several findings, with a closing summary line (the answer-length measure).
#[derive(Debug, Clone, PartialEq)]
pub struct Findings {
    pub path: String,
    pub findings: Vec<Finding>,
    pub summary: Option<String>,
}

impl fmt::Display for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ([one], None) = (self.findings.as_slice(), &self.summary) {
            return write!(f, "{one}");
        }
        write!(f, "{} problem(s) in {}:", self.findings.len(), self.path)?;
        for finding in &self.findings {
            write!(f, "\n  {finding}")?;
        }
        if let Some(s) = &self.summary {
            write!(f, "\n  {s}")?;
        }
        Ok(())
    }
}

/// How often the correct choice is strictly the longest (characters of `en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LengthBias {
    pub longest: usize,
    pub single: usize,
}

impl LengthBias {
    pub fn percent(self) -> f64 {
        if self.single == 0 {
            0.0
        } else {
            100.0 * self.longest as f64 / self.single as f64
        }
    }

    /// More than `MAX_LONGEST_CORRECT_PERCENT`, compared exactly in integers.
    pub fn fails(self) -> bool {
        self.longest * 100 > MAX_LONGEST_CORRECT_PERCENT * self.single
    }

    pub fn line(self) -> String {
        format!(
            "the correct choice is strictly the longest in {} of {} single-answer questions ({:.0}%; the limit is {MAX_LONGEST_CORRECT_PERCENT}%)",
            self.longest,
            self.single,
            self.percent()
        )
    }
}

/// Everything the checker found in one file, and the bank when it is usable.
#[derive(Debug, Clone)]
pub struct Checked {
    pub path: String,
    /// None when a structural finding stops the file from being read at all.
    pub bank: Option<Bank>,
    pub findings: Vec<Finding>,
    pub bias: LengthBias,
}

impl Checked {
    pub fn structural(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Structure)
    }

    fn into_error(self, severities: &[Severity]) -> Option<QuizError> {
        let summary = Some(self.bias.line()).filter(|_| self.bias.single > 0);
        let path = self.path;
        let findings: Vec<Finding> = self
            .findings
            .into_iter()
            .filter(|f| severities.contains(&f.severity))
            .collect();
        if findings.is_empty() {
            return None;
        }
        if let [one] = findings.as_slice()
            && one.severity == Severity::Structure
        {
            return Some(QuizError::Bank {
                at: one.at.clone(),
                message: one.message.clone(),
            });
        }
        Some(QuizError::Findings(Findings {
            path,
            findings,
            summary,
        }))
    }
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
    title: Spanned<Text>,
    checked: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    domain: Spanned<String>,
    task: Option<Spanned<String>>,
    topics: Spanned<Vec<String>>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    checked: Option<Spanned<String>>,
    prompt: Spanned<Text>,
    explanation: Spanned<Text>,
    docs: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    choice: Vec<Spanned<RawChoice>>,
    select: Option<Spanned<i64>>,
    items: Option<Spanned<Vec<Spanned<Text>>>>,
    answer: Option<Spanned<f64>>,
    unit: Option<Spanned<String>>,
    tolerance: Option<Spanned<f64>>,
    generator: Option<Spanned<String>>,
    params: Option<Spanned<toml::Table>>,
    solution: Option<Spanned<Text>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: Spanned<Text>,
    #[serde(default)]
    correct: bool,
    tempting: Option<Spanned<Text>>,
    wrong: Option<Spanned<Text>>,
    misconception: Option<String>,
}

/// Byte offset → `path:line:col` (1-based, columns in characters).
fn at(path: &str, text: &str, span: Range<usize>) -> String {
    crate::diag::Location::at(path, text, span.start).to_string()
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

/// Where an installed user (who has no `quizzes/README.md`) reads the format.
pub const FORMAT_HELP: &str = "run `labcheck quiz --bank-format` for the bank format";

/// Phrases that make a choice a test-taking device rather than an answer
/// (lowercase English; Korean as written).
const ALL_OR_NONE: [&str; 14] = [
    "all of the above",
    "none of the above",
    "all of these",
    "none of these",
    "all the above",
    "모두 정답",
    "정답 없음",
    "정답이 없",
    "위의 모든",
    "위 모두",
    "위의 것 모두",
    "모두 해당",
    "해당 없음",
    "위에 없음",
];

/// The `{name}` placeholders of a template.
pub fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.insert(name.to_string());
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// Collects findings for one file.
struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
    findings: Vec<Finding>,
}

impl Ctx<'_> {
    fn at(&self, span: Range<usize>) -> String {
        at(self.path, self.text, span)
    }

    fn structure(&self, span: Range<usize>, message: String) -> Finding {
        Finding {
            at: self.at(span),
            severity: Severity::Structure,
            code: "structure",
            message,
        }
    }

    fn content(&mut self, span: Range<usize>, code: &'static str, message: String) {
        let at = self.at(span);
        self.findings.push(Finding {
            at,
            severity: Severity::Content,
            code,
            message,
        });
    }

    /// A text without Korean: one finding naming the field.
    fn need_ko(&mut self, who: &str, field: &str, t: &Spanned<Text>) {
        if !t.get_ref().has_ko() {
            self.content(
                t.span(),
                "missing-ko",
                format!(
                    "{who}field `{field}` has no Korean: write it as {{ en = \"...\", ko = \"...\" }}"
                ),
            );
        }
    }
}

/// Checks one bank file: every finding, and the bank when it is usable.
pub fn check_bank(path: &str, text: &str) -> Checked {
    let mut ctx = Ctx {
        path,
        text,
        findings: Vec::new(),
    };
    let raw: RawFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let (loc, msg) = crate::diag::toml_error(path, text, &e);
            let finding = Finding {
                at: loc.to_string(),
                severity: Severity::Structure,
                code: "structure",
                message: format!("{msg} ({FORMAT_HELP})"),
            };
            return Checked {
                path: path.to_string(),
                bank: None,
                findings: vec![finding],
                bias: LengthBias::default(),
            };
        }
    };
    let mut usable = true;
    let bank_id = raw.bank.id.get_ref().trim().to_string();
    if !valid_id(&bank_id) {
        let f = ctx.structure(
            raw.bank.id.span(),
            format!(
                "field `bank.id` = {bank_id:?}: expected a lowercase id like \"dva-dynamodb\" (letters, digits, -)"
            ),
        );
        ctx.findings.push(f);
        usable = false;
    }
    if raw.bank.title.get_ref().is_blank() {
        let f = ctx.structure(
            raw.bank.title.span(),
            "field `bank.title` is empty: give the bank a title".into(),
        );
        ctx.findings.push(f);
        usable = false;
    }
    ctx.need_ko("", "bank.title", &raw.bank.title);
    let mut default_checked = None;
    if let Some(c) = &raw.bank.checked {
        if valid_date(c.get_ref()) {
            default_checked = Some(c.get_ref().clone());
        } else {
            let f = ctx.structure(
                c.span(),
                format!(
                    "field `bank.checked` = {:?}: expected a date YYYY-MM-DD, the day the facts were checked",
                    c.get_ref()
                ),
            );
            ctx.findings.push(f);
            usable = false;
        }
    }
    let mut questions = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut bias = LengthBias::default();
    for sq in &raw.question {
        let qspan = sq.span();
        let q = sq.get_ref();
        let id = q.id.get_ref().trim().to_string();
        if let Some(first) = seen.insert(id.clone(), qspan.start) {
            let f = ctx.structure(
                q.id.span(),
                format!(
                    "question {id:?}: field `id` is used twice in this bank (first at {}): give each question its own id",
                    at(path, text, first..first)
                ),
            );
            ctx.findings.push(f);
            usable = false;
            continue;
        }
        match check_question(&mut ctx, &bank_id, default_checked.as_deref(), qspan, q) {
            Ok(question) => {
                if let Kind::Single(choices) = &question.kind {
                    bias.single += 1;
                    let key = choices.iter().find(|c| c.correct);
                    let len = |c: &Choice| c.text.en.trim().chars().count();
                    let longest_other = choices
                        .iter()
                        .filter(|c| !c.correct)
                        .map(len)
                        .max()
                        .unwrap_or(0);
                    if key.is_some_and(|k| len(k) > longest_other) {
                        bias.longest += 1;
                    }
                }
                questions.push(question);
            }
            Err(f) => {
                ctx.findings.push(f);
                usable = false;
            }
        }
    }
    if bias.fails() {
        ctx.content(
            0..0,
            "length-bias",
            format!(
                "{}: a test-taking tell. Make distractors as long and specific as the key, and sometimes make the key the shortest",
                bias.line()
            ),
        );
    }
    // Report in file order, whatever rule found it.
    let line_col = |a: &str| {
        let mut parts = a.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.parse::<usize>().ok());
        let line = parts.next().and_then(|l| l.parse::<usize>().ok());
        (line.unwrap_or(0), col.unwrap_or(0))
    };
    ctx.findings.sort_by_key(|f| line_col(&f.at));
    let bank = usable.then(|| Bank {
        id: bank_id,
        title: raw.bank.title.get_ref().map(|s| s.trim().to_string()),
        path: path.to_string(),
        questions,
    });
    Checked {
        path: path.to_string(),
        bank,
        findings: ctx.findings,
        bias,
    }
}

/// Validates one question. A structural problem is returned (the question is
/// unusable); content findings are added to `ctx` as they are found.
fn check_question(
    ctx: &mut Ctx<'_>,
    bank_id: &str,
    default_checked: Option<&str>,
    qspan: Range<usize>,
    q: &RawQuestion,
) -> Result<Question, Finding> {
    let id = q.id.get_ref().trim().to_string();
    let who = format!("question {id:?}: ");
    let qerr =
        |ctx: &Ctx<'_>, span: Range<usize>, m: String| ctx.structure(span, format!("{who}{m}"));
    if !valid_id(&id) {
        return Err(qerr(ctx, q.id.span(), "field `id`: expected a lowercase id like \"ddb-rcu-strong-basic\" (letters, digits, -); ids are stable forever".into()));
    }
    let Some(domain) = Domain::parse(q.domain.get_ref()) else {
        return Err(qerr(
            ctx,
            q.domain.span(),
            format!(
                "field `domain` = {:?}: expected development, security, deployment or troubleshooting",
                q.domain.get_ref()
            ),
        ));
    };
    let task = match &q.task {
        None => {
            ctx.content(
                qspan.clone(),
                "missing-task",
                format!(
                    "{who}no `task`: add the DVA-C02 task statement it tests, `task = \"{}.1\"` to \"{}.{}\"",
                    domain.number(),
                    domain.number(),
                    TASKS
                        .iter()
                        .filter(|(t, _)| task_domain(t) == Some(domain))
                        .count()
                ),
            );
            None
        }
        Some(t) => {
            let value = t.get_ref().trim();
            match task_domain(value) {
                None => {
                    return Err(qerr(
                        ctx,
                        t.span(),
                        format!(
                            "field `task` = {value:?}: expected a DVA-C02 task statement: {}",
                            TASKS.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
                Some(d) if d != domain => {
                    return Err(qerr(
                        ctx,
                        t.span(),
                        format!(
                            "field `task` = {value:?} is a {} task, but `domain` = {:?}: tasks {}.x belong to {}",
                            d.id(),
                            domain.id(),
                            domain.number(),
                            domain.id()
                        ),
                    ));
                }
                Some(_) => Some(value.to_string()),
            }
        }
    };
    let topics = q.topics.get_ref().clone();
    if topics.is_empty() || topics.iter().any(|t| !valid_id(t)) {
        return Err(qerr(
            ctx,
            q.topics.span(),
            "field `topics`: expected one or more lowercase tags like [\"dynamodb\"]".into(),
        ));
    }
    let checked = match (&q.checked, default_checked) {
        (Some(c), _) if !valid_date(c.get_ref()) => {
            return Err(qerr(
                ctx,
                c.span(),
                format!(
                    "field `checked` = {:?}: expected a date YYYY-MM-DD",
                    c.get_ref()
                ),
            ));
        }
        (Some(c), _) => c.get_ref().clone(),
        (None, Some(d)) => {
            ctx.content(
                qspan.clone(),
                "missing-checked",
                format!(
                    "{who}no `checked` date of its own: add `checked = \"YYYY-MM-DD\"`, the day this question's facts were checked against the docs"
                ),
            );
            d.to_string()
        }
        (None, None) => {
            return Err(qerr(
                ctx,
                qspan,
                "no `checked` date: add `checked = \"YYYY-MM-DD\"` to the question or to [bank]"
                    .into(),
            ));
        }
    };
    if q.prompt.get_ref().is_blank() {
        return Err(qerr(
            ctx,
            q.prompt.span(),
            "field `prompt` is empty: write the question".into(),
        ));
    }
    if q.explanation.get_ref().is_blank() {
        return Err(qerr(
            ctx,
            q.explanation.span(),
            "field `explanation` is empty: say why the right answer is right".into(),
        ));
    }
    if q.docs.get_ref().is_empty() {
        return Err(qerr(
            ctx,
            q.docs.span(),
            "field `docs` is empty: add at least one https://docs.aws.amazon.com/ link".into(),
        ));
    }
    for d in q.docs.get_ref() {
        if !DOC_PREFIXES.iter().any(|p| d.get_ref().starts_with(p)) {
            return Err(qerr(
                ctx,
                d.span(),
                format!(
                    "field `docs`: {:?} is not an AWS documentation link: expected https://docs.aws.amazon.com/... (or https://aws.amazon.com/ for pricing and FAQs)",
                    d.get_ref()
                ),
            ));
        }
    }
    ctx.need_ko(&who, "prompt", &q.prompt);
    ctx.need_ko(&who, "explanation", &q.explanation);
    let choices: Vec<Choice> = q
        .choice
        .iter()
        .map(|c| {
            let c = c.get_ref();
            Choice {
                text: c.text.get_ref().map(|s| s.trim().to_string()),
                correct: c.correct,
                tempting: c.tempting.as_ref().map(|t| t.get_ref().clone()),
                wrong: c.wrong.as_ref().map(|t| t.get_ref().clone()),
                misconception: c.misconception.clone(),
            }
        })
        .collect();
    let choice_span = q.choice.first().map_or(qspan.clone(), toml::Spanned::span);
    if let Some(c) = q
        .choice
        .iter()
        .find(|c| c.get_ref().text.get_ref().is_blank())
    {
        return Err(qerr(
            ctx,
            c.span(),
            "a [[question.choice]] has an empty `text`".into(),
        ));
    }
    for (i, c) in q.choice.iter().enumerate() {
        let c = c.get_ref();
        let n = i + 1;
        ctx.need_ko(&who, &format!("choice[{n}].text"), &c.text);
        if let Some(t) = &c.tempting {
            ctx.need_ko(&who, &format!("choice[{n}].tempting"), t);
        }
        if let Some(t) = &c.wrong {
            ctx.need_ko(&who, &format!("choice[{n}].wrong"), t);
        }
        let t = c.text.get_ref();
        let en = t.en.to_lowercase();
        let ko = t.ko.clone().unwrap_or_default();
        if let Some(p) = ALL_OR_NONE
            .iter()
            .find(|p| en.contains(*p) || ko.contains(*p))
        {
            ctx.content(
                c.text.span(),
                "all-or-none-choice",
                format!(
                    "{who}choice {n} says {p:?}: a device, not an answer; write a real alternative"
                ),
            );
        }
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
                ctx,
                q.kind.span(),
                format!(
                    "field `type` = {other:?}: expected single, multiple, order, numeric or generated"
                ),
            ));
        }
    };
    let present: [(&str, Option<Range<usize>>); 9] = [
        ("choice", q.choice.first().map(toml::Spanned::span)),
        ("select", q.select.as_ref().map(toml::Spanned::span)),
        ("items", q.items.as_ref().map(toml::Spanned::span)),
        ("answer", q.answer.as_ref().map(toml::Spanned::span)),
        ("unit", q.unit.as_ref().map(toml::Spanned::span)),
        ("tolerance", q.tolerance.as_ref().map(toml::Spanned::span)),
        ("generator", q.generator.as_ref().map(toml::Spanned::span)),
        ("params", q.params.as_ref().map(toml::Spanned::span)),
        ("solution", q.solution.as_ref().map(toml::Spanned::span)),
    ];
    for (field, span) in present {
        if let Some(span) = span
            && !allowed.contains(&field)
        {
            return Err(qerr(
                ctx,
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
                    ctx,
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
                    ctx,
                    qspan,
                    "a multiple question needs `select = 2` (or 3): how many answers to choose"
                        .into(),
                ));
            };
            let n = *select.get_ref();
            if !(2..=3).contains(&n) || choices.len() < 5 || correct as i64 != n {
                return Err(qerr(
                    ctx,
                    select.span(),
                    format!(
                        "a multiple question needs `select` of 2 or 3, at least 5 choices and exactly `select` of them correct; found select = {n}, {} choices, {correct} correct",
                        choices.len()
                    ),
                ));
            }
            if choices.len() > 8 {
                return Err(qerr(
                    ctx,
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
                return Err(qerr(ctx, qspan, "an order question needs `items = [\"first\", \"second\", ...]` in the right order".into()));
            };
            let list: Vec<Text> = items
                .get_ref()
                .iter()
                .map(|s| s.get_ref().map(|x| x.trim().to_string()))
                .collect();
            if !(3..=8).contains(&list.len()) || list.iter().any(Text::is_blank) {
                return Err(qerr(
                    ctx,
                    items.span(),
                    format!(
                        "field `items`: expected 3 to 8 non-empty steps, found {}",
                        list.len()
                    ),
                ));
            }
            for (i, item) in items.get_ref().iter().enumerate() {
                ctx.need_ko(&who, &format!("items[{}]", i + 1), item);
            }
            Kind::Order(list)
        }
        "numeric" => {
            let (Some(answer), Some(unit)) = (&q.answer, &q.unit) else {
                return Err(qerr(
                    ctx,
                    qspan,
                    "a numeric question needs `answer = 12.0` and `unit = \"RCU\"`".into(),
                ));
            };
            let tolerance = q.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
            if !answer.get_ref().is_finite() {
                return Err(qerr(
                    ctx,
                    answer.span(),
                    "field `answer`: expected a finite number".into(),
                ));
            }
            if !tolerance.is_finite() || tolerance < 0.0 {
                return Err(qerr(
                    ctx,
                    qspan,
                    "field `tolerance`: expected a number of 0 or more".into(),
                ));
            }
            if unit.get_ref().trim().is_empty() {
                return Err(qerr(
                    ctx,
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
                    ctx,
                    qspan,
                    format!(
                        "a generated question needs `generator`: one of {}",
                        generate::known_list()
                    ),
                ));
            };
            if !generate::is_known(generator.get_ref()) {
                return Err(qerr(
                    ctx,
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
                                ctx,
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
                return Err(qerr(ctx, qspan, "a generated question needs `solution`: the worked solution, with {placeholders}".into()));
            };
            if solution.get_ref().is_blank() {
                return Err(qerr(
                    ctx,
                    solution.span(),
                    "field `solution` is empty: show the working".into(),
                ));
            }
            ctx.need_ko(&who, "solution", solution);
            // A translation must use the same values as the English it sits beside.
            let mut templates: Vec<(String, &Spanned<Text>)> =
                vec![("prompt".into(), &q.prompt), ("solution".into(), solution)];
            for (i, c) in q.choice.iter().enumerate() {
                let c = c.get_ref();
                templates.push((format!("choice[{}].text", i + 1), &c.text));
                for (name, t) in [("tempting", &c.tempting), ("wrong", &c.wrong)] {
                    if let Some(t) = t {
                        templates.push((format!("choice[{}].{name}", i + 1), t));
                    }
                }
            }
            for (field, t) in templates {
                let Some(ko) = &t.get_ref().ko else { continue };
                let (en_set, ko_set) = (placeholders(&t.get_ref().en), placeholders(ko));
                if en_set != ko_set {
                    let show = |s: &BTreeSet<String>| {
                        s.iter()
                            .map(|p| format!("{{{p}}}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    return Err(qerr(
                        ctx,
                        t.span(),
                        format!(
                            "field `{field}`: the English uses {} but the Korean uses {}: both must use the same {{placeholders}}",
                            show(&en_set),
                            show(&ko_set)
                        ),
                    ));
                }
            }
            let unit = q.unit.as_ref().map(|u| u.get_ref().clone());
            match (&unit, choices.is_empty()) {
                (Some(_), false) => {
                    return Err(qerr(
                        ctx,
                        choice_span,
                        "a generated question takes `unit` (typed answer) or choices, not both"
                            .into(),
                    ));
                }
                (None, true) => {
                    return Err(qerr(ctx, qspan, "a generated question needs `unit = \"RCU\"` (typed answer) or [[question.choice]] templates".into()));
                }
                (None, false) if correct != 1 => {
                    return Err(qerr(
                        ctx,
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
            if let Err(m) = check_draws(&g, q.prompt.get_ref()) {
                return Err(qerr(ctx, generator.span(), m));
            }
            Kind::Generated(g)
        }
    };
    Ok(Question {
        id,
        bank: bank_id.to_string(),
        domain,
        task,
        topics,
        checked,
        prompt: q.prompt.get_ref().map(|s| s.trim_end().to_string()),
        explanation: q.explanation.get_ref().map(|s| s.trim_end().to_string()),
        docs: q
            .docs
            .get_ref()
            .iter()
            .map(|d| d.get_ref().clone())
            .collect(),
        kind,
    })
}

/// Parses and validates one bank file for use. `path` is only used in
/// messages. Only structural findings stop it.
pub fn parse_bank(path: &str, text: &str) -> Result<Bank, QuizError> {
    let checked = check_bank(path, text);
    let bank = checked.bank.clone();
    match checked.into_error(&[Severity::Structure]) {
        Some(e) => Err(e),
        None => bank.ok_or_else(|| QuizError::Bank {
            at: path.to_string(),
            message: "the bank could not be read".into(),
        }),
    }
}

/// The fewest choices a generated question may show: the answer and two
/// distractors. Some draws make several wrong computations coincide (that is
/// arithmetic, not a template bug); three distinct choices still test the rule.
pub const MIN_GENERATED_CHOICES: usize = 3;

/// A generated question drawn once: texts filled in (both languages),
/// duplicate choices dropped.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub prompt: Text,
    pub solution: Text,
    pub answer: f64,
    /// Filled choices, the right one first, duplicates of earlier ones dropped.
    pub choices: Vec<Choice>,
}

/// Draws a generated question from `rng`.
pub fn draw_generated(g: &Generated, prompt: &Text, rng: &mut Rng) -> Result<Drawn, String> {
    let d = generate::draw(&g.generator, &g.params, rng)?;
    let fill = |t: &Text| t.map(|s| generate::fill(s, &d.vars));
    let mut choices: Vec<Choice> = Vec::new();
    let mut ordered: Vec<&Choice> = g.choices.iter().filter(|c| c.correct).collect();
    ordered.extend(g.choices.iter().filter(|c| !c.correct));
    for c in ordered {
        let text = fill(&c.text);
        // A wrong computation that lands on the right number (or on another
        // wrong one) for this draw would be two identical choices: drop it.
        // English decides, so both languages show the same choices.
        if choices.iter().any(|k| k.text.en == text.en) {
            continue;
        }
        choices.push(Choice {
            text,
            correct: c.correct,
            tempting: c.tempting.as_ref().map(fill),
            wrong: c.wrong.as_ref().map(fill),
            misconception: c.misconception.clone(),
        });
    }
    Ok(Drawn {
        prompt: fill(prompt),
        solution: fill(&g.solution),
        answer: d.answer,
        choices,
    })
}

/// Draws a generated question many times: every placeholder filled (in both
/// languages), the answer finite, enough distinct choices every time.
fn check_draws(g: &Generated, prompt: &Text) -> Result<(), String> {
    for seed in 0..LINT_DRAWS {
        let mut rng = Rng::new(seed);
        let d = draw_generated(g, prompt, &mut rng)?;
        if !d.answer.is_finite() {
            return Err(format!(
                "draw with seed {seed} gives an answer that is not a number: check the params"
            ));
        }
        let mut texts = vec![("prompt", &d.prompt), ("solution", &d.solution)];
        for c in &d.choices {
            texts.push(("choice text", &c.text));
            for t in [&c.tempting, &c.wrong].into_iter().flatten() {
                texts.push(("choice tempting/wrong", t));
            }
        }
        for (field, t) in texts {
            for s in [Some(&t.en), t.ko.as_ref()].into_iter().flatten() {
                if let Some(name) = generate::unfilled(s) {
                    let known = generate::GENERATORS
                        .iter()
                        .find(|(n, _)| *n == g.generator)
                        .map_or("", |(_, v)| *v);
                    return Err(format!(
                        "{field}: placeholder {name} is not a value of generator {:?} ({known}); use one of those names",
                        g.generator
                    ));
                }
                if s.contains('?') && s.contains('{') {
                    return Err(format!(
                        "{field}: a value came out as not a number (seed {seed})"
                    ));
                }
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

/// Lints one bank file's text with every rule, structural and content (what
/// `labcheck lint` runs): Ok with the number of questions, or every finding at
/// once, each naming file:line:col, with the answer-length measure.
pub fn lint_bank(path: &str, text: &str) -> Result<usize, QuizError> {
    let checked = check_bank(path, text);
    let n = checked.bank.as_ref().map_or(0, |b| b.questions.len());
    match checked.into_error(&[Severity::Structure, Severity::Content]) {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// One line for a bank that passed: the question count and the length measure.
pub fn lint_summary(path: &str, text: &str) -> String {
    let c = check_bank(path, text);
    let n = c.bank.as_ref().map_or(0, |b| b.questions.len());
    format!("bank, {n} questions; {}", c.bias.line())
}

/// Lints a set of banks together (unique ids across banks), structural rules only.
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

/// The built-in banks as (display path, text) pairs.
pub fn builtin_sources() -> Vec<(String, &'static str)> {
    crate::builtin::QUIZ_BANKS
        .iter()
        .map(|(n, t)| (format!("quizzes/{n}.toml"), *t))
        .collect()
}

/// The banks built into the binary.
pub fn builtin_banks() -> Result<Vec<Bank>, QuizError> {
    let named = builtin_sources();
    let refs: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    parse_banks(&refs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

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

    /// The first structural problem, as the quiz reports it.
    fn lint_err(text: &str) -> String {
        parse_bank("b.toml", text).unwrap_err().to_string()
    }

    #[test]
    fn good_bank() {
        assert_eq!(parse_bank("b.toml", GOOD).unwrap().questions.len(), 1);
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
        assert_eq!(parse_bank("g.toml", GEN).unwrap().questions.len(), 1);
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

    const COMPLETE: &str = include_str!("../../tests/banks/complete.toml");
    const BROKEN: &str = include_str!("../../tests/banks/broken.toml");

    #[test]
    fn a_complete_bilingual_bank_meets_every_rule() {
        let c = check_bank("complete.toml", COMPLETE);
        assert!(c.findings.is_empty(), "{:#?}", c.findings);
        assert_eq!(lint_bank("complete.toml", COMPLETE).unwrap(), 5);
        let bank = c.bank.unwrap();
        assert_eq!(bank.title.get(Lang::Ko), "완전한 테스트 문제 은행");
        let q = &bank.questions[0];
        assert_eq!(q.task.as_deref(), Some("1.1"));
        assert!(q.prompt.get(Lang::Ko).contains("ThrottlingException으로"));
        assert!(q.prompt.get(Lang::En).starts_with("Calls fail"));
        let Kind::Order(items) = &bank.questions[2].kind else {
            panic!("order")
        };
        assert_eq!(items[1].get(Lang::Ko), "BeforeInstall");
        assert_eq!(
            c.bias,
            LengthBias {
                longest: 0,
                single: 1
            }
        );
    }

    #[test]
    fn every_content_finding_is_reported_at_once() {
        let c = check_bank("broken.toml", BROKEN);
        assert!(c.bank.is_some(), "content findings leave the bank usable");
        let got: Vec<(String, &str)> = c.findings.iter().map(|f| (f.at.clone(), f.code)).collect();
        let want: Vec<(&str, &str)> = vec![
            ("broken.toml:1:1", "length-bias"),
            ("broken.toml:6:9", "missing-ko"),
            ("broken.toml:9:1", "missing-task"),
            ("broken.toml:9:1", "missing-checked"),
            ("broken.toml:16:15", "missing-ko"),
            ("broken.toml:24:9", "missing-ko"),
            ("broken.toml:30:8", "all-or-none-choice"),
            ("broken.toml:40:62", "missing-ko"),
            ("broken.toml:40:79", "missing-ko"),
        ];
        let got_ref: Vec<(&str, &str)> = got.iter().map(|(a, c)| (a.as_str(), *c)).collect();
        assert_eq!(got_ref, want, "{:#?}", c.findings);
        assert!(c.findings.iter().all(|f| f.severity == Severity::Content));
        let e = lint_bank("broken.toml", BROKEN).unwrap_err().to_string();
        assert!(e.starts_with("9 problem(s) in broken.toml:"), "{e}");
        assert!(e.contains("field `bank.title` has no Korean"), "{e}");
        assert!(e.contains("field `explanation` has no Korean"), "{e}");
        assert!(e.contains("field `choice[2].wrong` has no Korean"), "{e}");
        assert!(e.contains("field `items[2]` has no Korean"), "{e}");
        assert!(e.contains("no `task`"), "{e}");
        assert!(e.contains("\"all of the above\""), "{e}");
        assert!(
            e.contains("in 1 of 1 single-answer questions (100%; the limit is 35%)"),
            "{e}"
        );
        // The quiz itself still takes the bank: these are editorial rules.
        assert!(parse_bank("broken.toml", BROKEN).is_ok());
    }

    #[test]
    fn tasks_are_checked_against_the_exam_guide_and_the_domain() {
        let with = |task: &str| {
            GOOD.replace(
                "type = \"single\"",
                &format!("type = \"single\"\ntask = \"{task}\""),
            )
        };
        assert!(parse_bank("b.toml", &with("1.3")).is_ok());
        let e = lint_err(&with("1.4"));
        assert!(
            e.contains("field `task` = \"1.4\": expected a DVA-C02 task statement"),
            "{e}"
        );
        let e = lint_err(&with("2.1"));
        assert!(
            e.contains("is a security task, but `domain` = \"development\""),
            "{e}"
        );
        assert_eq!(task_domain("3.4"), Some(Domain::Deployment));
        assert_eq!(task_domain("4.4"), None);
    }

    #[test]
    fn structural_problems_are_all_reported_too() {
        let two = format!(
            "{}{}",
            GOOD.replace("\"development\"", "\"dev\""),
            GOOD[GOOD.find("[[question]]").unwrap()..]
                .replace("id = \"q1\"", "id = \"q2\"")
                .replace("http", "ftp")
        );
        let c = check_bank("b.toml", &two);
        let structural: Vec<&Finding> = c.structural().collect();
        assert_eq!(structural.len(), 2, "{structural:#?}");
        assert!(c.bank.is_none());
        let e = lint_err(&two);
        assert!(e.contains("expected development, security"), "{e}");
        assert!(e.contains("not an AWS documentation link"), "{e}");
    }

    #[test]
    fn text_is_a_string_or_an_en_ko_table() {
        let t: Text =
            toml::from_str::<toml::Table>("x = { en = \"a\", ko = \"가\" }").unwrap()["x"]
                .clone()
                .try_into()
                .unwrap();
        assert_eq!((t.get(Lang::En), t.get(Lang::Ko)), ("a", "가"));
        let t = Text::plain("only");
        assert_eq!(t.get(Lang::Ko), "only", "falls back to English");
        let e = lint_err(&GOOD.replace("prompt = \"P?\"", "prompt = { en = \"P?\", kr = \"x\" }"));
        assert!(e.contains("unknown field `kr`"), "{e}");
        assert!(e.starts_with("b.toml:12:10: "), "{e}");
        let e = lint_err(&GOOD.replace("prompt = \"P?\"", "prompt = { ko = \"x\" }"));
        assert!(e.contains("missing field `en`"), "{e}");
    }

    #[test]
    fn generated_templates_use_the_same_placeholders_in_both_languages() {
        let ko = GEN.replace(
            "prompt = \"{rate} reads/s of {size} KB?\"",
            "prompt = { en = \"{rate} reads/s of {size} KB?\", ko = \"초당 {rate}회, {size}KB?\" }",
        );
        assert!(parse_bank("g.toml", &ko).is_ok());
        let bad = ko.replace("초당 {rate}회", "초당 {rat}회");
        let e = lint_err(&bad);
        assert!(
            e.contains("the English uses {rate} {size} but the Korean uses {rat} {size}"),
            "{e}"
        );
        let missing = ko.replace("초당 {rate}회, ", "");
        assert!(lint_err(&missing).contains("same {placeholders}"));
    }
}

#[cfg(test)]
mod builtin_tests {
    use super::*;

    /// Every bank built into the binary passes the structural rules together
    /// (ids unique across banks), and each passes the content rules: Korean
    /// beside English, a task and a checked date per question, no tells.
    #[test]
    fn every_builtin_bank_lints() {
        let named = builtin_sources();
        let refs: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let n = lint_banks(&refs).unwrap_or_else(|e| panic!("{e}"));
        assert!(n >= 400, "only {n} questions");
        assert!(
            crate::builtin::QUIZ_BANKS
                .iter()
                .any(|(n, _)| *n == "generated")
        );
        for (path, text) in &refs {
            if let Err(e) = lint_bank(path, text) {
                panic!("{e}");
            }
        }
    }
}
