//! Condition operators: how one `operator → key → values` entry is decided
//! against the request context, including `...IfExists`, `Null` and the
//! `ForAnyValue:`/`ForAllValues:` set qualifiers.
//!
//! The missing-key rules follow the IAM reference ("Condition operators"):
//! a positive operator on an absent key is false, a negated one is true,
//! `IfExists` is true, `ForAllValues` is true and `ForAnyValue` is false.

use std::net::IpAddr;

use super::Context;
use super::document::Effect;
use super::pattern;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Single,
    ForAnyValue,
    ForAllValues,
}

/// The positive comparison; negated operators are `Kind` plus a flag so the
/// negation is applied once, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    ArnLike,
    Bool,
    BinaryEquals,
    NumericEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    IpAddress,
    Null,
    /// Anything we do not implement (dates among them): decided restrictively.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Operator {
    pub(crate) qualifier: Qualifier,
    pub(crate) kind: Kind,
    pub(crate) negated: bool,
    pub(crate) if_exists: bool,
}

impl Operator {
    pub(crate) fn parse(name: &str) -> Operator {
        let (qualifier, rest) = if let Some(rest) = strip_prefix_ci(name, "ForAnyValue:") {
            (Qualifier::ForAnyValue, rest)
        } else if let Some(rest) = strip_prefix_ci(name, "ForAllValues:") {
            (Qualifier::ForAllValues, rest)
        } else {
            (Qualifier::Single, name)
        };
        let (base, if_exists) = match rest.strip_suffix("IfExists") {
            Some(base) => (base, true),
            None => (rest, false),
        };
        let (kind, negated) = match base {
            "StringEquals" => (Kind::StringEquals, false),
            "StringNotEquals" => (Kind::StringEquals, true),
            "StringEqualsIgnoreCase" => (Kind::StringEqualsIgnoreCase, false),
            "StringNotEqualsIgnoreCase" => (Kind::StringEqualsIgnoreCase, true),
            "StringLike" => (Kind::StringLike, false),
            "StringNotLike" => (Kind::StringLike, true),
            // AWS documents ArnEquals and ArnLike as the same comparison.
            "ArnEquals" | "ArnLike" => (Kind::ArnLike, false),
            "ArnNotEquals" | "ArnNotLike" => (Kind::ArnLike, true),
            "Bool" => (Kind::Bool, false),
            "BinaryEquals" => (Kind::BinaryEquals, false),
            "NumericEquals" => (Kind::NumericEquals, false),
            "NumericNotEquals" => (Kind::NumericEquals, true),
            "NumericLessThan" => (Kind::NumericLessThan, false),
            "NumericLessThanEquals" => (Kind::NumericLessThanEquals, false),
            "NumericGreaterThan" => (Kind::NumericGreaterThan, false),
            "NumericGreaterThanEquals" => (Kind::NumericGreaterThanEquals, false),
            "IpAddress" => (Kind::IpAddress, false),
            "NotIpAddress" => (Kind::IpAddress, true),
            // There is no NullIfExists; treat it like any other unknown name.
            "Null" if !if_exists => (Kind::Null, false),
            _ => (Kind::Unknown, false),
        };
        Operator {
            qualifier,
            kind,
            negated,
            if_exists,
        }
    }
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Condition {
    pub(crate) operator: Operator,
    pub(crate) key: String,
    pub(crate) values: Vec<String>,
}

impl Condition {
    /// Whether this entry holds. `effect` only matters for unknown operators:
    /// they must never widen access, so they fail an Allow and fire a Deny.
    /// `variables` says whether the policy's version allows `${...}`.
    pub(crate) fn holds(&self, ctx: &Context, effect: Effect, variables: bool) -> bool {
        let op = &self.operator;
        if op.kind == Kind::Unknown {
            return effect == Effect::Deny;
        }
        let actual = ctx.get(&self.key).filter(|v| !v.is_empty());
        if op.kind == Kind::Null {
            let absent = actual.is_none();
            return self
                .values
                .iter()
                .any(|v| match v.to_ascii_lowercase().as_str() {
                    "true" => absent,
                    "false" => !absent,
                    _ => false,
                });
        }
        let Some(actual) = actual else {
            if op.if_exists {
                return true;
            }
            return match op.qualifier {
                Qualifier::ForAllValues => true,
                Qualifier::ForAnyValue => false,
                Qualifier::Single => op.negated,
            };
        };
        let matches_any_policy_value = |a: &str| {
            self.values
                .iter()
                .any(|p| positive_match(op.kind, p, a, variables.then_some(ctx)))
        };
        let per_value = |a: &String| matches_any_policy_value(a) != op.negated;
        match op.qualifier {
            Qualifier::Single => actual.iter().any(|a| matches_any_policy_value(a)) != op.negated,
            Qualifier::ForAnyValue => actual.iter().any(per_value),
            Qualifier::ForAllValues => actual.iter().all(per_value),
        }
    }
}

fn positive_match(kind: Kind, policy: &str, actual: &str, vars: Option<&Context>) -> bool {
    match kind {
        Kind::StringEquals => pattern::equals(policy, actual, vars, false),
        Kind::StringEqualsIgnoreCase => pattern::equals(policy, actual, vars, true),
        Kind::StringLike => pattern::like(policy, actual, vars, false),
        Kind::ArnLike => pattern::arn_like(policy, actual, vars),
        Kind::Bool => policy.trim().eq_ignore_ascii_case(actual.trim()),
        Kind::BinaryEquals => policy == actual,
        Kind::NumericEquals
        | Kind::NumericLessThan
        | Kind::NumericLessThanEquals
        | Kind::NumericGreaterThan
        | Kind::NumericGreaterThanEquals => {
            let (Ok(p), Ok(a)) = (policy.trim().parse::<f64>(), actual.trim().parse::<f64>())
            else {
                return false;
            };
            match kind {
                // IAM compares the numbers as given: exact equality is the rule.
                #[allow(clippy::float_cmp)]
                Kind::NumericEquals => a == p,
                Kind::NumericLessThan => a < p,
                Kind::NumericLessThanEquals => a <= p,
                Kind::NumericGreaterThan => a > p,
                _ => a >= p,
            }
        }
        Kind::IpAddress => {
            let (Some(net), Ok(ip)) =
                (pattern::parse_cidr(policy), actual.trim().parse::<IpAddr>())
            else {
                return false;
            };
            pattern::in_cidr(ip, net)
        }
        Kind::Null | Kind::Unknown => false,
    }
}
