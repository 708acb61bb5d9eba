//! Exam drills: question banks (`quizzes/`), generated questions, sessions,
//! spaced repetition and the DynamoDB capacity calculator.

/// What can go wrong loading banks or running a session.
#[derive(Debug, thiserror::Error)]
pub enum QuizError {
    #[error("{0}")]
    Invalid(String),
}
