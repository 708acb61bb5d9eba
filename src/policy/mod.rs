//! TEMPORARY stand-in while the evaluator is written on its own branch.
#![allow(dead_code, unused_variables)]
use std::collections::BTreeMap;
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PolicyError(String);
pub struct Policy(serde_json::Value);
impl Policy {
    pub fn parse(json: &str) -> Result<Policy, PolicyError> {
        serde_json::from_str(json)
            .map(Policy)
            .map_err(|e| PolicyError(e.to_string()))
    }
}
pub enum Principal {
    Anonymous,
    Aws(String),
    Service(String),
}
pub struct Request<'a> {
    pub principal: Option<&'a Principal>,
    pub action: &'a str,
    pub resource: &'a str,
    pub context: &'a Context,
}
#[derive(Default, Clone, Debug)]
pub struct Context(BTreeMap<String, Vec<String>>);
impl Context {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn with(self, k: &str, v: &str) -> Self {
        self
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}
pub struct Evaluation {
    pub decision: Decision,
    pub statement: Option<String>,
}
pub fn evaluate(policies: &[&Policy], request: &Request) -> Evaluation {
    Evaluation {
        decision: Decision::ImplicitDeny,
        statement: None,
    }
}
pub fn allows_everything(policies: &[&Policy]) -> bool {
    false
}
pub fn allows_anonymous_unconditionally(policy: &Policy, action: &str, resource: &str) -> bool {
    false
}
pub fn is_public(policy: &Policy) -> bool {
    false
}
