//! IAM policy evaluation, the way AWS does it: parsing identity, resource
//! and trust policies, deciding a request (explicit deny > allow > implicit
//! deny), and the questions checks ask of a policy as a whole (is it admin,
//! is it public, can anonymous callers read through it).
//!
//! The reference is the AWS IAM User Guide ("Policy evaluation logic",
//! "IAM JSON policy element reference") and, for [`is_public`], the S3 Block
//! Public Access page's "The meaning of 'public'". Submodules: `document`
//! (grammar), `pattern` (wildcards, variables, ARNs, CIDRs), `condition`
//! (operators), `analysis` (whole-policy questions).

mod analysis;
mod condition;
mod document;
mod error;
mod pattern;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use analysis::{allows_anonymous_unconditionally, allows_everything, is_public};
pub use error::PolicyError;

use document::{Effect, Names, PrincipalEntry, PrincipalSet, Principals, Statement};

/// A parsed IAM policy document (identity-based, resource-based or trust policy).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    statements: Vec<Statement>,
}

impl Policy {
    /// Parses a policy from its JSON text.
    pub fn parse(json: &str) -> Result<Policy, PolicyError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| PolicyError::Json(e.to_string()))?;
        Policy::from_value(&value)
    }

    /// Reads a policy that is already JSON (as the AWS APIs return it).
    pub fn from_value(value: &serde_json::Value) -> Result<Policy, PolicyError> {
        Ok(Policy {
            statements: document::parse_document(value)?,
        })
    }

    /// How many statements the policy has.
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    /// True for a policy whose statement list is empty (it grants nothing).
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }
}

/// Who is asking (only matters for resource-based / trust policies; identity
/// policies have no Principal element and apply to their owner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An unauthenticated caller: matched only by `"*"` or `{"AWS": "*"}`.
    Anonymous,
    /// An IAM ARN or account id, e.g. `arn:aws:iam::123456789012:root` or `123456789012`.
    Aws(String),
    /// A service principal, e.g. `lambda.amazonaws.com`.
    Service(String),
}

/// One API call to decide.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `None`: evaluating identity policies (the Principal element is ignored).
    pub principal: Option<&'a Principal>,
    /// e.g. `dynamodb:PutItem`.
    pub action: &'a str,
    /// An ARN.
    pub resource: &'a str,
    /// Condition keys → values.
    pub context: &'a Context,
}

/// Condition context: keys are matched case-insensitively (`aws:SourceArn`),
/// each with one or more values.
#[derive(Default, Clone, Debug)]
pub struct Context {
    values: BTreeMap<String, Vec<String>>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a value; calling it twice with one key makes a multi-valued key
    /// (as `aws:TagKeys` is), which is what `ForAnyValue`/`ForAllValues` test.
    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.values
            .entry(key.to_lowercase())
            .or_default()
            .push(value.to_string());
        self
    }

    /// The values of a key, if the request carries it.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.values.get(&key.to_lowercase()).map(Vec::as_slice)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub decision: Decision,
    /// The statement that decided it: its Sid, else `#N` (1-based) — None
    /// for implicit deny. A label, not a sentence: callers add the policy's
    /// name and the catalog the words around it.
    pub statement: Option<String>,
    /// Which of the policies given holds that statement.
    pub policy: Option<usize>,
}

/// The decision when some policies that apply could not be read, or None
/// when the unread ones could change it. A readable explicit Deny decides
/// whatever the others say; an Allow could be taken away by an unread Deny,
/// and an implicit deny turned into an Allow by an unread Allow.
pub fn decide_with_unknowns(known: Decision, unknown: bool) -> Option<Decision> {
    match known {
        Decision::ExplicitDeny => Some(known),
        _ if unknown => None,
        _ => Some(known),
    }
}

/// Explicit Deny in any policy wins over any Allow; no matching Allow is an
/// implicit deny.
///
/// All policies are pooled, as AWS does for identity and resource policies
/// of the same account; the first matching Deny (in policy, then statement
/// order) is reported, else the first matching Allow.
pub fn evaluate(policies: &[&Policy], request: &Request) -> Evaluation {
    let mut first_allow: Option<(String, usize)> = None;
    for (p, policy) in policies.iter().enumerate() {
        for (s, statement) in policy.statements.iter().enumerate() {
            if !applies(statement, request) {
                continue;
            }
            let label = || label(statement, s);
            match statement.effect {
                Effect::Deny => {
                    return Evaluation {
                        decision: Decision::ExplicitDeny,
                        statement: Some(label()),
                        policy: Some(p),
                    };
                }
                Effect::Allow => {
                    if first_allow.is_none() {
                        first_allow = Some((label(), p));
                    }
                }
            }
        }
    }
    match first_allow {
        Some((statement, p)) => Evaluation {
            decision: Decision::Allow,
            statement: Some(statement),
            policy: Some(p),
        },
        None => Evaluation {
            decision: Decision::ImplicitDeny,
            statement: None,
            policy: None,
        },
    }
}

fn label(statement: &Statement, index: usize) -> String {
    match statement.sid.as_deref().filter(|sid| !sid.is_empty()) {
        Some(sid) => sid.to_string(),
        None => format!("#{}", index + 1),
    }
}

fn applies(statement: &Statement, request: &Request) -> bool {
    principal_matches(statement.principals.as_ref(), request.principal)
        && action_matches(&statement.actions, request.action)
        && resource_matches(statement, request.resource, request.context)
        && statement
            .conditions
            .iter()
            .all(|c| c.holds(request.context, statement.effect, statement.variables))
}

// Action takes no policy variables, hence `None`.
pub(crate) fn action_matches(actions: &Names, action: &str) -> bool {
    match actions {
        Names::Listed(list) => list.iter().any(|p| pattern::like(p, action, None, true)),
        Names::Except(list) => !list.iter().any(|p| pattern::like(p, action, None, true)),
    }
}

pub(crate) fn resource_matches(statement: &Statement, resource: &str, ctx: &Context) -> bool {
    let vars = statement.variables.then_some(ctx);
    match &statement.resources {
        // Trust policies have no Resource: the role they sit on is the resource.
        None => true,
        Some(Names::Listed(list)) => list.iter().any(|p| pattern::like(p, resource, vars, false)),
        Some(Names::Except(list)) => !list.iter().any(|p| pattern::like(p, resource, vars, false)),
    }
}

pub(crate) fn principal_matches(principals: Option<&Principals>, who: Option<&Principal>) -> bool {
    let Some(who) = who else {
        return true;
    };
    match principals {
        // An identity statement applies to the identity it is attached to,
        // which can never be an anonymous caller.
        None => *who != Principal::Anonymous,
        Some(Principals::Listed(set)) => set_matches(set, who),
        Some(Principals::Except(set)) => !set_matches(set, who),
    }
}

fn set_matches(set: &PrincipalSet, who: &Principal) -> bool {
    set.everyone || set.entries.iter().any(|entry| entry_matches(entry, who))
}

fn entry_matches(entry: &PrincipalEntry, who: &Principal) -> bool {
    match (entry, who) {
        // {"AWS": "*"} is every AWS caller, signed or not, but not a service.
        (PrincipalEntry::Aws(p), Principal::Anonymous) => p == "*",
        (PrincipalEntry::Aws(p), Principal::Aws(id)) => aws_matches(p, id),
        (PrincipalEntry::Service(p), Principal::Service(s)) => {
            p == "*" || p.eq_ignore_ascii_case(s)
        }
        _ => false,
    }
}

/// An account (bare id or its `:root` ARN) stands for every principal in
/// it; any other ARN must match exactly (IAM allows no wildcards there).
fn aws_matches(pattern: &str, who: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match account_root(pattern) {
        Some(account) => account_of(who) == Some(account),
        None => pattern == who,
    }
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn account_root(pattern: &str) -> Option<&str> {
    if is_account_id(pattern) {
        return Some(pattern);
    }
    let parts: Vec<&str> = pattern.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "iam", "", account, "root"] if is_account_id(account) => Some(account),
        _ => None,
    }
}

fn account_of(who: &str) -> Option<&str> {
    if is_account_id(who) {
        return Some(who);
    }
    let parts: Vec<&str> = who.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, _, _, account, _] if is_account_id(account) => Some(account),
        _ => None,
    }
}

/// Whether a function's resource policy lets API Gateway invoke it for a
/// method, whose ARN it presents as aws:SourceArn (which the permission the
/// console adds is pinned to). The simulator's probes and the
/// invoke-permission check both judge by this.
pub fn api_may_invoke(
    account_id: &str,
    resource_policy: &str,
    function_arn: &str,
    source_arn: &str,
) -> Result<Decision, PolicyError> {
    let policy = Policy::parse(resource_policy)?;
    let context = Context::new()
        .with("aws:SourceArn", source_arn)
        .with("aws:SourceAccount", account_id);
    let principal = Principal::Service("apigateway.amazonaws.com".to_string());
    let request = Request {
        principal: Some(&principal),
        action: "lambda:InvokeFunction",
        resource: function_arn,
        context: &context,
    };
    Ok(evaluate(&[&policy], &request).decision)
}
