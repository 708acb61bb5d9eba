//! Whole-policy questions the lab checks ask: does it make its owner an
//! administrator, can an anonymous caller use it, and is it "public" in the
//! sense S3 Block Public Access uses.
//!
//! These answer about every possible request, not one, so each leans the
//! way that cannot hide a risk: admin and anonymous access must be proven,
//! and publicness must be disproven by a documented limiting condition.

use super::condition::{Kind, Qualifier};
use super::document::{Effect, Names, PrincipalEntry, Principals, Statement};
use super::{
    Context, Policy, Principal, action_matches, pattern, principal_matches, resource_matches,
};

/// True when the policies let their owner do every action on every resource
/// with no condition (AdministratorAccess or equivalent: `"Action":"*"`,
/// `"Resource":"*"`), and no Deny statement takes anything away. `s3:*` on
/// `*` is not admin; NotAction `iam:*` (PowerUserAccess) is not admin.
pub fn allows_everything(policies: &[&Policy]) -> bool {
    let statements = || policies.iter().flat_map(|p| p.statements.iter());
    // A statement with a Principal grants to someone else, not to the owner.
    let grants_all = statements().any(|s| {
        s.effect == Effect::Allow
            && s.principals.is_none()
            && s.conditions.is_empty()
            && names_cover_everything(&s.actions)
            && s.resources.as_ref().is_some_and(names_cover_everything)
    });
    // Any Deny that could match something (whatever its condition) takes
    // that something away from an administrator.
    let takes_away = statements().any(|s| {
        s.effect == Effect::Deny
            && !names_cover_nothing(&s.actions)
            && !s.resources.as_ref().is_some_and(names_cover_nothing)
    });
    grants_all && !takes_away
}

fn is_universal(pattern: &str) -> bool {
    (!pattern.is_empty() && pattern.chars().all(|c| c == '*')) || pattern == "*:*"
}

fn names_cover_everything(names: &Names) -> bool {
    matches!(names, Names::Listed(list) if list.iter().any(|p| is_universal(p)))
}

fn names_cover_nothing(names: &Names) -> bool {
    match names {
        Names::Listed(list) => list.is_empty(),
        Names::Except(list) => list.iter().any(|p| is_universal(p)),
    }
}

/// True when the policy lets anyone (anonymous) do `action` on `resource`
/// through an Allow with no condition, and no Deny applies to an anonymous
/// caller for it (a Deny with a condition counts as applying — the
/// conservative reading).
///
/// An empty `"Condition": {}` restricts nothing, so it counts as no condition.
pub fn allows_anonymous_unconditionally(policy: &Policy, action: &str, resource: &str) -> bool {
    let anonymous = Principal::Anonymous;
    let empty = Context::new();
    let reaches = |s: &Statement| {
        principal_matches(s.principals.as_ref(), Some(&anonymous))
            && action_matches(&s.actions, action)
            && resource_matches(s, resource, &empty)
    };
    let allowed = policy
        .statements
        .iter()
        .any(|s| s.effect == Effect::Allow && s.conditions.is_empty() && reaches(s));
    let denied = policy
        .statements
        .iter()
        .any(|s| s.effect == Effect::Deny && reaches(s));
    allowed && !denied
}

/// AWS's own definition of a "public" bucket policy (S3 Block Public Access,
/// "The meaning of 'public'"): public if an Allow grants to a wildcard
/// principal, unless that statement is limited by a condition on one of the
/// documented keys with fixed (wildcard- and variable-free) values.
pub fn is_public(policy: &Policy) -> bool {
    policy
        .statements
        .iter()
        .any(|s| s.effect == Effect::Allow && grants_to_wildcard(s) && !limited_to_fixed(s))
}

fn grants_to_wildcard(s: &Statement) -> bool {
    match &s.principals {
        // An identity statement grants only to its owner.
        None => false,
        // "Everyone except X" is as open as a wildcard.
        Some(Principals::Except(_)) => true,
        Some(Principals::Listed(set)) => {
            set.everyone
                || set.entries.iter().any(|entry| match entry {
                    PrincipalEntry::Aws(id) | PrincipalEntry::Service(id) => {
                        pattern::is_wildcarded(id)
                    }
                    // The S3 guide lists a Federated (web identity) grant among
                    // its public examples: anyone with that provider can sign in.
                    PrincipalEntry::Federated(_) => true,
                    PrincipalEntry::CanonicalUser(id) => pattern::is_wildcarded(id),
                })
        }
    }
}

/// Keys whose fixed value the S3 guide accepts as making a grant non-public
/// (aws:SourceIp and the two special cases are handled separately).
const LIMITING_KEYS: &[&str] = &[
    "aws:sourcearn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceowner",
    "aws:sourceaccount",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:principalarn",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3:dataaccesspointaccount",
];

fn limited_to_fixed(s: &Statement) -> bool {
    s.conditions.iter().any(|c| {
        let op = &c.operator;
        // Only a condition that must hold, with the key present, narrows the
        // audience: IfExists, negations and ForAllValues all pass when the
        // key is missing, as it is for an anonymous caller.
        let narrows = !op.negated
            && !op.if_exists
            && op.qualifier != Qualifier::ForAllValues
            && !c.values.is_empty();
        if !narrows {
            return false;
        }
        let key = c.key.to_lowercase();
        let string_like = matches!(
            op.kind,
            Kind::StringEquals | Kind::StringEqualsIgnoreCase | Kind::StringLike | Kind::ArnLike
        );
        match key.as_str() {
            "aws:sourceip" => op.kind == Kind::IpAddress && c.values.iter().all(|v| narrow_cidr(v)),
            "aws:userid" => string_like && c.values.iter().all(|v| fixed_userid(v)),
            "s3:dataaccesspointarn" => {
                string_like && c.values.iter().all(|v| fixed_access_point(v))
            }
            k if LIMITING_KEYS.contains(&k) => {
                string_like && c.values.iter().all(|v| !pattern::is_wildcarded(v))
            }
            _ => false,
        }
    })
}

/// The guide calls ranges broader than /8 (IPv4) or /32 (IPv6) public,
/// RFC 1918 private ranges excepted; every RFC 1918 block is /8 or narrower,
/// so the exception needs no rule of its own.
fn narrow_cidr(value: &str) -> bool {
    match pattern::parse_cidr(value) {
        Some((std::net::IpAddr::V4(_), len)) => len >= 8,
        Some((std::net::IpAddr::V6(_), len)) => len >= 32,
        None => false,
    }
}

/// "aws:userid, outside the pattern AROLEID:*": a role's unique id followed
/// by `:*` (any session of that one role) still counts as fixed.
fn fixed_userid(value: &str) -> bool {
    if !pattern::is_wildcarded(value) {
        return true;
    }
    value
        .strip_suffix(":*")
        .is_some_and(|id| !id.is_empty() && !pattern::is_wildcarded(id))
}

/// The guide allows a wildcard in the access point name as long as the
/// account (and the rest of the ARN before the name) is fixed.
fn fixed_access_point(value: &str) -> bool {
    if !pattern::is_wildcarded(value) {
        return true;
    }
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    match parts.as_slice() {
        [head @ .., resource] if head.len() == 5 => {
            head.iter().all(|p| !pattern::is_wildcarded(p))
                && head.get(4).is_some_and(|a| !a.is_empty())
                && resource
                    .strip_prefix("accesspoint/")
                    .is_some_and(|name| !name.contains("${"))
        }
        _ => false,
    }
}
