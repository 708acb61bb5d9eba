//! The one error type of the policy module: everything that can be wrong with
//! a policy document, said in a way a student can act on.

use thiserror::Error;

/// Why a policy document could not be read.
///
/// Evaluation itself never fails: only parsing does, so every variant names
/// the place in the document that has to change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PolicyError {
    /// The text is not JSON at all.
    #[error("policy is not valid json: {0}")]
    Json(String),
    /// The JSON is not shaped like a policy (top level, or no statement).
    #[error("policy document: {0}")]
    Document(String),
    /// One statement is malformed; `statement` is 1-based as in the console.
    #[error("statement {statement}, {field}: {problem}")]
    Statement {
        statement: usize,
        field: String,
        problem: String,
    },
}

impl PolicyError {
    pub(crate) fn statement(statement: usize, field: &str, problem: impl Into<String>) -> Self {
        PolicyError::Statement {
            statement,
            field: field.to_ascii_lowercase(),
            problem: problem.into(),
        }
    }
}
