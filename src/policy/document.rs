//! The policy grammar: turns JSON into statements and rejects anything that
//! is not a policy, naming the statement and element at fault.
//!
//! Parsing is strict about structure (Effect, the paired elements, value
//! types) but lenient about content: an unknown condition operator is kept
//! and decided at evaluation time, because AWS documents how it must behave.

use serde_json::{Map, Value};

use super::PolicyError;
use super::condition::{Condition, Operator};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    Allow,
    Deny,
}

/// `Action`/`Resource` lists, or their `Not...` complements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Names {
    Listed(Vec<String>),
    Except(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PrincipalEntry {
    Aws(String),
    Service(String),
    Federated(String),
    CanonicalUser(String),
}

/// The value of a `Principal` or `NotPrincipal` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PrincipalSet {
    /// The bare string `"*"`.
    pub(crate) everyone: bool,
    pub(crate) entries: Vec<PrincipalEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Principals {
    Listed(PrincipalSet),
    Except(PrincipalSet),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Statement {
    pub(crate) sid: Option<String>,
    pub(crate) effect: Effect,
    pub(crate) actions: Names,
    /// Absent in trust policies, where the resource is the role itself.
    pub(crate) resources: Option<Names>,
    /// Absent in identity policies, which apply to whoever they are attached to.
    pub(crate) principals: Option<Principals>,
    pub(crate) conditions: Vec<Condition>,
    /// Policy variables exist only in version 2012-10-17; older or
    /// version-less policies read `${aws:username}` as plain text.
    pub(crate) variables: bool,
}

pub(crate) fn parse_document(value: &Value) -> Result<Vec<Statement>, PolicyError> {
    let Value::Object(doc) = value else {
        return Err(PolicyError::Document(format!(
            "expected a json object, found {}",
            kind(value)
        )));
    };
    let variables = match doc.get("Version") {
        None => false,
        Some(Value::String(v)) if v == "2012-10-17" => true,
        Some(Value::String(v)) if v == "2008-10-17" => false,
        Some(other) => {
            return Err(PolicyError::Document(format!(
                "\"Version\" must be \"2012-10-17\" or \"2008-10-17\", found {other}"
            )));
        }
    };
    let statements = match doc.get("Statement") {
        None => {
            return Err(PolicyError::Document(
                "no \"Statement\" element; a policy needs at least one statement".into(),
            ));
        }
        Some(Value::Array(list)) => list.iter().collect::<Vec<_>>(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(other) => {
            return Err(PolicyError::Document(format!(
                "\"Statement\" must be an object or a list of objects, found {}",
                kind(other)
            )));
        }
    };
    statements
        .into_iter()
        .enumerate()
        .map(|(i, st)| parse_statement(i + 1, st, variables))
        .collect()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn parse_statement(n: usize, value: &Value, variables: bool) -> Result<Statement, PolicyError> {
    let Value::Object(st) = value else {
        return Err(PolicyError::statement(
            n,
            "statement",
            format!("expected an object, found {}", kind(value)),
        ));
    };
    let sid = match st.get("Sid") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(PolicyError::statement(
                n,
                "sid",
                format!("expected a string, found {}", kind(other)),
            ));
        }
    };
    let effect = match st.get("Effect") {
        None => return Err(PolicyError::statement(n, "effect", "missing")),
        Some(Value::String(s)) if s == "Allow" => Effect::Allow,
        Some(Value::String(s)) if s == "Deny" => Effect::Deny,
        Some(Value::String(s)) => {
            return Err(PolicyError::statement(
                n,
                "effect",
                format!("must be \"Allow\" or \"Deny\", found \"{s}\""),
            ));
        }
        Some(other) => {
            return Err(PolicyError::statement(
                n,
                "effect",
                format!("must be \"Allow\" or \"Deny\", found {}", kind(other)),
            ));
        }
    };
    let actions = pair(n, st, "Action", "NotAction")?
        .ok_or_else(|| PolicyError::statement(n, "action", "missing (need Action or NotAction)"))?;
    let resources = pair(n, st, "Resource", "NotResource")?;
    let principals = principal_pair(n, st)?;
    let conditions = match st.get("Condition") {
        None => Vec::new(),
        Some(value) => parse_conditions(n, value)?,
    };
    Ok(Statement {
        sid,
        effect,
        actions,
        resources,
        principals,
        conditions,
        variables,
    })
}

fn pair(
    n: usize,
    st: &Map<String, Value>,
    yes: &str,
    no: &str,
) -> Result<Option<Names>, PolicyError> {
    match (st.get(yes), st.get(no)) {
        (Some(_), Some(_)) => Err(PolicyError::statement(
            n,
            yes,
            format!("{yes} and {no} cannot both be present"),
        )),
        (Some(v), None) => Ok(Some(Names::Listed(strings(n, yes, v)?))),
        (None, Some(v)) => Ok(Some(Names::Except(strings(n, no, v)?))),
        (None, None) => Ok(None),
    }
}

fn strings(n: usize, field: &str, value: &Value) -> Result<Vec<String>, PolicyError> {
    let bad = |found: &Value| {
        PolicyError::statement(
            n,
            field,
            format!(
                "expected a string or a list of strings, found {}",
                kind(found)
            ),
        )
    };
    match value {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(bad(other)),
            })
            .collect(),
        other => Err(bad(other)),
    }
}

fn principal_pair(n: usize, st: &Map<String, Value>) -> Result<Option<Principals>, PolicyError> {
    match (st.get("Principal"), st.get("NotPrincipal")) {
        (Some(_), Some(_)) => Err(PolicyError::statement(
            n,
            "principal",
            "Principal and NotPrincipal cannot both be present",
        )),
        (Some(v), None) => Ok(Some(Principals::Listed(principal_set(n, "principal", v)?))),
        (None, Some(v)) => Ok(Some(Principals::Except(principal_set(
            n,
            "notprincipal",
            v,
        )?))),
        (None, None) => Ok(None),
    }
}

fn principal_set(n: usize, field: &str, value: &Value) -> Result<PrincipalSet, PolicyError> {
    match value {
        Value::String(s) if s == "*" => Ok(PrincipalSet {
            everyone: true,
            entries: Vec::new(),
        }),
        Value::String(s) => Err(PolicyError::statement(
            n,
            field,
            format!(
                "a plain string principal must be \"*\", found \"{s}\"; use {{\"AWS\": \"{s}\"}}"
            ),
        )),
        Value::Object(map) => {
            let mut entries = Vec::new();
            for (kind_name, ids) in map {
                let make: fn(String) -> PrincipalEntry = match kind_name.as_str() {
                    "AWS" => PrincipalEntry::Aws,
                    "Service" => PrincipalEntry::Service,
                    "Federated" => PrincipalEntry::Federated,
                    "CanonicalUser" => PrincipalEntry::CanonicalUser,
                    other => {
                        return Err(PolicyError::statement(
                            n,
                            field,
                            format!(
                                "unknown principal type \"{other}\" (expected AWS, Service, Federated or CanonicalUser)"
                            ),
                        ));
                    }
                };
                let field_name = format!("{field}.{kind_name}");
                entries.extend(strings(n, &field_name, ids)?.into_iter().map(make));
            }
            Ok(PrincipalSet {
                everyone: false,
                entries,
            })
        }
        other => Err(PolicyError::statement(
            n,
            field,
            format!("expected \"*\" or an object, found {}", kind(other)),
        )),
    }
}

fn parse_conditions(n: usize, value: &Value) -> Result<Vec<Condition>, PolicyError> {
    let Value::Object(block) = value else {
        return Err(PolicyError::statement(
            n,
            "condition",
            format!("expected an object, found {}", kind(value)),
        ));
    };
    let mut out = Vec::new();
    for (op_name, keys) in block {
        let Value::Object(keys) = keys else {
            return Err(PolicyError::statement(
                n,
                "condition",
                format!(
                    "operator {op_name} must map condition keys to values, found {}",
                    kind(keys)
                ),
            ));
        };
        let operator = Operator::parse(op_name);
        for (key, values) in keys {
            let field = format!("condition.{op_name}.{key}");
            out.push(Condition {
                operator: operator.clone(),
                key: key.clone(),
                values: condition_values(n, &field, values)?,
            });
        }
    }
    Ok(out)
}

// Condition values are often written unquoted ("aws:SecureTransport": false,
// "s3:max-keys": 10); AWS compares them as their text.
fn condition_values(n: usize, field: &str, value: &Value) -> Result<Vec<String>, PolicyError> {
    let one = |v: &Value| match v {
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(x) => Ok(x.to_string()),
        other => Err(PolicyError::statement(
            n,
            field,
            format!(
                "expected a string, number or boolean, found {}",
                kind(other)
            ),
        )),
    };
    match value {
        Value::Array(items) => items.iter().map(one).collect(),
        other => Ok(vec![one(other)?]),
    }
}
