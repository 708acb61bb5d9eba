//! The command line: clap derive types only. Parsing ends here; `commands` turns
//! these into work.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "labcheck",
    version,
    about = "Check AWS workshop labs step by step, grade a class, drill for the exam",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The language asked for with the command's `--lang`, if any.
    pub fn lang(&self) -> Option<crate::lang::Lang> {
        let arg = match &self.command {
            Command::Labs(a) => a.lang,
            Command::Show(a) => a.lang,
            Command::Verify(a) => a.lang,
            Command::Snapshot(a) => a.lang,
            Command::Grade(a) => a.lang,
            Command::Quiz(a) => a.lang,
            Command::Calc(a) => match &a.command {
                CalcCommand::Capacity(c) => c.lang,
            },
            Command::Lint(_) => None,
        };
        arg.map(LangArg::lang)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the labs labcheck knows
    Labs(LabsArgs),
    /// Print a lab's steps and what each check looks for
    Show(ShowArgs),
    /// Check a lab against an account: your AWS account, or the simulator with --sim
    Verify(VerifyArgs),
    /// Save what a lab reads from a live account as a simulator fixture
    Snapshot(SnapshotArgs),
    /// Grade a class: every student's account, through a read-only role
    Grade(GradeArgs),
    /// Validate lab, fixture and quiz bank files
    Lint(LintArgs),
    /// Drill exam questions in the terminal
    Quiz(QuizArgs),
    /// Calculators for exam arithmetic
    Calc(CalcArgs),
}

#[derive(Debug, Args)]
pub struct LabsArgs {
    /// Language of the lab titles (default: LABCHECK_LANG, else the locale)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A built-in lab id (see `labcheck labs`) or the path of a lab file
    pub lab: String,
    /// Override a lab parameter, as name=value (repeatable)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    /// Language of the lab's text (default: LABCHECK_LANG, else the locale)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A built-in lab id (see `labcheck labs`) or the path of a lab file
    pub lab: String,
    /// Run on the embedded simulator: alone, the lab's complete account; with a
    /// value, a built-in fixture name or a fixture file path
    #[arg(long, value_name = "NAME|PATH", num_args = 0..=1, default_missing_value = "")]
    pub sim: Option<String>,
    /// Override a lab parameter, as name=value (repeatable)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub live: LiveArgs,
    #[command(flatten)]
    pub render: RenderArgs,
    /// How much the report reveals: full (found vs expected, and hints), hints
    /// (hints only), pass-fail (status only)
    #[arg(long, value_enum, default_value_t = Feedback::Full)]
    pub feedback: Feedback,
    /// Re-check what is still settling (a table CREATING, a function Pending)
    /// until it settles or this much time passes: 30s, 2m
    #[arg(long, value_name = "DURATION", conflicts_with = "watch", value_parser = duration)]
    pub wait: Option<Duration>,
    /// Re-run the lab every few seconds and redraw the report (Ctrl-C to stop)
    #[arg(long)]
    pub watch: bool,
    /// Give up reading the account after this long: 30s, 2m
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = duration)]
    pub timeout: Duration,
    /// Language of the report (default: LABCHECK_LANG, else the locale)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

/// How to reach a live account (ignored with --sim).
#[derive(Debug, Args)]
pub struct LiveArgs {
    /// A named profile from your AWS config
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The region to check (default: AWS_REGION or the profile's, else the lab's)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Send every AWS call here instead (LocalStack, moto); implies --no-probe;
    /// default: AWS_ENDPOINT_URL
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Do not GET the API's invoke URL or the website endpoint
    #[arg(long)]
    pub no_probe: bool,
    /// Report the AWS calls made
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    /// A built-in lab id (see `labcheck labs`) or the path of a lab file
    pub lab: String,
    /// The class: TOML (`[[student]]` tables) or CSV (a header row), each
    /// student with id, name and one of role_arn (+ external_id), profile, snapshot
    #[arg(long, value_name = "FILE")]
    pub roster: PathBuf,
    /// Students graded at once
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub concurrency: usize,
    /// Give up on a student after this long: 90s, 2m
    #[arg(long, default_value = "2m", value_name = "DURATION", value_parser = duration)]
    pub timeout: Duration,
    /// Where each result is written as soon as it is known (JSON lines);
    /// default: beside the roster, ROSTER.LAB.journal.jsonl
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
    /// Continue the journal of an earlier run: grade only the students it does
    /// not have, and those whose result was an error
    #[arg(long, conflicts_with = "fresh")]
    pub resume: bool,
    /// With --resume, keep the students whose result was an error as they are
    #[arg(long, requires = "resume")]
    pub keep_errors: bool,
    /// Start a new journal; an earlier one is kept, renamed with its time
    #[arg(long)]
    pub fresh: bool,
    /// Only assume every student's role and say who cannot be reached, and why
    #[arg(long)]
    pub check_access: bool,
    /// Write one Markdown report per student into this directory, to hand back
    #[arg(long, value_name = "DIR")]
    pub feedback_dir: Option<PathBuf>,
    /// How much those reports reveal: full (found vs expected, and hints),
    /// hints (hints only), pass-fail (status only)
    #[arg(long, value_enum, default_value_t = Feedback::Full, requires = "feedback_dir")]
    pub feedback_level: Feedback,
    /// Write the gradebook as CSV for an LMS: id, name, each step's points, total, percent
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write the gradebook as one self-contained HTML page
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Override a lab parameter, as name=value (repeatable)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub live: LiveArgs,
    /// Terminal format
    #[arg(long, short = 'o', value_enum, default_value_t = GradeOutput::Table)]
    pub output: GradeOutput,
    /// When to use colour (NO_COLOR and TERM=dumb turn `auto` off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Language of the findings in the gradebook and feedback files (default:
    /// LABCHECK_LANG, else the locale)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// Keep grading in rounds and show the class live in a browser at this
    /// address (default 127.0.0.1:8080; any other address needs the printed
    /// token link); Ctrl-C stops and writes the outputs
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "127.0.0.1:8080",
          conflicts_with = "check_access")]
    pub serve: Option<String>,
    /// With --serve: how long to wait between the end of a round and the next
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = duration, requires = "serve")]
    pub every: Duration,
    /// With --serve: mark a student stuck after this long without progress
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = duration, requires = "serve")]
    pub stale: Duration,
    /// With --serve: require the token link even on 127.0.0.1 (for a machine
    /// other people can log in to)
    #[arg(long, requires = "serve")]
    pub require_token: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeOutput {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// A built-in lab id (see `labcheck labs`) or the path of a lab file
    pub lab: String,
    /// The fixture file to write
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Override a lab parameter, as name=value (repeatable)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub live: LiveArgs,
    /// Give up reading the account after this long: 30s, 2m
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = duration)]
    pub timeout: Duration,
    /// Language of the progress and the last line (default: LABCHECK_LANG,
    /// else the locale)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Output format
    #[arg(long, short = 'o', value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
    /// When to use colour (NO_COLOR and TERM=dumb turn `auto` off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Feedback {
    Full,
    Hints,
    PassFail,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Lab (`labs/`), fixture (`fixtures/`) or quiz bank (`quizzes/`) files
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Only questions with this topic tag (repeatable)
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<String>,
    /// Only questions of this exam domain (repeatable)
    #[arg(long = "domain", value_name = "DOMAIN")]
    pub domains: Vec<String>,
    /// How many questions
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// Seed for the choice and order of questions and generated numbers
    #[arg(long)]
    pub seed: Option<u64>,
    /// A full practice exam: 65 questions, 130 minutes, scored at the end
    #[arg(long, conflicts_with_all = ["topics", "domains", "count", "due", "list"])]
    pub exam: bool,
    /// With --exam: continue the exam in progress, with the time it had left
    #[arg(long, requires = "exam", conflicts_with = "abandon")]
    pub resume: bool,
    /// With --exam: drop the exam in progress
    #[arg(long, requires = "exam")]
    pub abandon: bool,
    /// Ask first what FSRS says is due
    #[arg(long)]
    pub due: bool,
    /// Print one line per question and exit
    #[arg(long)]
    pub list: bool,
    /// With --list: count the questions per DVA-C02 task statement and per
    /// domain, by type, instead
    #[arg(long, requires = "list")]
    pub coverage: bool,
    /// Show spaced-repetition statistics (FSRS: predicted recall, what is due
    /// today, this week and per domain) and exit
    #[arg(long, conflicts_with_all = ["exam", "list"])]
    pub stats: bool,
    /// FSRS desired retention: the probability of recall to schedule for
    #[arg(long, default_value_t = 0.9, value_name = "0.7-0.99")]
    pub retention: f64,
    /// The progress file (default: labcheck/progress.json in the user's data directory)
    #[arg(long, value_name = "FILE")]
    pub progress: Option<PathBuf>,
    /// Question bank files or directories to use instead of the built-in banks
    #[arg(long = "bank", value_name = "PATH")]
    pub banks: Vec<PathBuf>,
    /// When to use colour (NO_COLOR and TERM=dumb turn `auto` off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Language of questions and messages (default: LABCHECK_LANG, else the locale)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// Print the question-bank format (the embedded quizzes/README.md) and exit
    #[arg(long, exclusive = true)]
    pub bank_format: bool,
}

/// `--lang`: the languages labcheck has texts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ko,
}

impl LangArg {
    pub fn lang(self) -> crate::lang::Lang {
        match self {
            LangArg::En => crate::lang::Lang::En,
            LangArg::Ko => crate::lang::Lang::Ko,
        }
    }
}

#[derive(Debug, Args)]
pub struct CalcArgs {
    #[command(subcommand)]
    pub command: CalcCommand,
}

#[derive(Debug, Subcommand)]
pub enum CalcCommand {
    /// DynamoDB read or write capacity units, with the working shown
    Capacity(CapacityArgs),
}

#[derive(Debug, Args)]
pub struct CapacityArgs {
    /// Item size: 512B, 1.5KB, 4KiB, 12 KB (1 KB = 1024 bytes, as DynamoDB counts)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub item_size: String,
    /// Reads per second
    #[arg(
        long,
        conflicts_with = "writes",
        required_unless_present = "writes",
        allow_hyphen_values = true
    )]
    pub reads: Option<String>,
    /// Writes per second
    #[arg(long, allow_hyphen_values = true)]
    pub writes: Option<String>,
    /// Read consistency
    #[arg(long, value_enum, default_value_t = Consistency::Strong, conflicts_with = "writes")]
    pub consistency: Consistency,
    /// Transactional writes
    #[arg(long, conflicts_with = "reads")]
    pub transactional: bool,
    /// Compare Query (sizes summed, then rounded) with BatchGetItem (each item rounded)
    #[arg(long, value_enum, requires = "items")]
    pub operation: Option<ReadOperation>,
    /// Items per Query or BatchGetItem call (with --operation)
    #[arg(long, allow_hyphen_values = true, requires = "operation")]
    pub items: Option<String>,
    /// Output format
    #[arg(long, short = 'o', value_enum, default_value_t = CalcOutput::Text)]
    pub output: CalcOutput,
    /// Language of the working (default: LABCHECK_LANG, else the locale)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Consistency {
    Strong,
    Eventual,
    Transactional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReadOperation {
    Query,
    BatchGet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalcOutput {
    Text,
    Json,
}

/// `30s`, `2m`, `1m30s`, `1h` (humantime), or a bare number of seconds.
fn duration(text: &str) -> Result<Duration, String> {
    if let Ok(seconds) = text.trim().parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    humantime::parse_duration(text.trim())
        .map_err(|e| format!("expected a duration such as 30s, 2m or 1m30s ({e})"))
}
