//! Exam drills: question banks (`quizzes/`), generated questions, sessions,
//! spaced repetition and the DynamoDB capacity calculator.
//!
//! Nothing here prints on its own: sessions write through the writers they are
//! handed, so the same code runs in a terminal, in a pipe and in tests.

/// `tr!(lang, "quiz-id", name = value, ...)`: a chrome message from
/// `locales/<lang>/quiz.ftl` (see `crate::i18n`).
macro_rules! tr {
    ($lang:expr, $id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        crate::i18n::tr(
            $lang,
            $id,
            &[$((stringify!($name), fluent_bundle::FluentValue::from($value))),*],
        )
    };
}

pub mod bank;
pub mod capacity;
pub mod exam;
pub mod generate;
pub mod progress;
pub mod rng;
pub mod session;
pub mod text;

pub use bank::{lint_bank, lint_banks};

/// What can go wrong with calculator input, banks, progress files or a session.
#[derive(Debug, thiserror::Error)]
pub enum QuizError {
    /// Bad input on the command line (a size, a rate, a topic...).
    #[error("{0}")]
    Usage(String),
    /// A bank that does not follow `quizzes/README.md`; `at` is `file:line:col`.
    #[error("{at}: {message}")]
    Bank { at: String, message: String },
    /// Several problems in one bank, each with its position.
    #[error("{0}")]
    Findings(bank::Findings),
    /// The progress file could not be read or written.
    #[error("{path}: {source}")]
    Progress {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Writing to the learner's terminal failed.
    #[error("could not write the output: {0}")]
    Output(#[from] std::io::Error),
}
