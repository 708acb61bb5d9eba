//! What several check kinds share: finding a named resource (with near-miss,
//! access-denied and wrong-region answers), gathering the policies that apply
//! to an IAM identity, and choosing the lab's bucket.

use std::collections::BTreeMap;

use crate::account::{Account, Bucket, RestApi};
use crate::diag;
use crate::finding;
use crate::policy::Policy;

use super::finding::names;
use super::{Finding, Outcome};

/// How a kind of resource is read, for the findings when it is not there.
pub struct Lookup {
    /// The finding codes when it is not there, one per variant.
    pub missing: Missing,
    /// The IAM action a source needs to read it ("dynamodb:DescribeTable").
    pub action: &'static str,
    /// The key under which a source records that it found the resource in
    /// another region (`Account::elsewhere`).
    pub service: &'static str,
}

/// The finding codes for a resource that is not there: `name` and `region`
/// always, plus what the variant names.
pub struct Missing {
    /// Not found, and nothing else of its kind here (`region`).
    pub none: &'static str,
    /// Not found, with a close name (`near`).
    pub near: &'static str,
    /// Not found, with up to five others (`found`, a list of names).
    pub among: &'static str,
    /// Found in another region (`found_region`).
    pub elsewhere: &'static str,
}

/// The outcome for an action the source was refused.
pub fn denied(action: &str) -> Outcome {
    Outcome::error(finding!("iam.read.denied", action = action))
}

/// The first of `actions` the source was refused, as the outcome to report:
/// a verdict built on a partial read would be a guess.
pub fn any_denied(account: &Account, actions: &[&str]) -> Option<Outcome> {
    actions
        .iter()
        .find(|a| account.was_denied(a))
        .map(|a| denied(a))
}

/// Reads that decide which policies apply to a user.
pub const USER_POLICY_READS: &[&str] = &[
    "iam:ListGroupsForUser",
    "iam:ListAttachedUserPolicies",
    "iam:ListUserPolicies",
    "iam:GetUserPolicy",
    "iam:ListAttachedGroupPolicies",
    "iam:ListGroupPolicies",
    "iam:GetGroupPolicy",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
];

/// Reads that decide which policies apply to a role.
pub const ROLE_POLICY_READS: &[&str] = &[
    "iam:ListAttachedRolePolicies",
    "iam:ListRolePolicies",
    "iam:GetRolePolicy",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
];

/// Finds `name` in `items`, or says why not: denied, not found with a near
/// miss, or found in another region.
pub fn find<'a, T>(
    account: &Account,
    items: &'a BTreeMap<String, T>,
    name: &str,
    lookup: &Lookup,
) -> Result<&'a T, Outcome> {
    if let Some(item) = items.get(name) {
        return Ok(item);
    }
    if account.was_denied(lookup.action) {
        return Err(denied(lookup.action));
    }
    Err(Outcome::fail(not_found(
        account,
        items.keys(),
        name,
        lookup,
    )))
}

fn not_found<'a>(
    account: &Account,
    existing: impl Iterator<Item = &'a String> + Clone,
    name: &str,
    lookup: &Lookup,
) -> Finding {
    let codes = &lookup.missing;
    let key = format!("{}:{name}", lookup.service);
    let finding = if let Some(region) = account.elsewhere.get(&key) {
        Finding::new(codes.elsewhere).arg("found_region", region)
    } else if let Some(near) = diag::did_you_mean(name, existing.clone().map(String::as_str)) {
        Finding::new(codes.near).arg("near", near)
    } else {
        let all: Vec<&str> = existing.map(String::as_str).take(5).collect();
        if all.is_empty() {
            Finding::new(codes.none)
        } else {
            Finding::new(codes.among).arg("found", names(all))
        }
    };
    finding.arg("name", name).arg("region", &account.region)
}

pub const ROLE: Lookup = Lookup {
    missing: Missing {
        none: "iam.role.not-found",
        near: "iam.role.not-found-near",
        among: "iam.role.not-found-among",
        elsewhere: "iam.role.in-other-region",
    },
    action: "iam:GetRole",
    service: "iam",
};

pub const API: Lookup = Lookup {
    missing: Missing {
        none: "apigateway.api.not-found",
        near: "apigateway.api.not-found-near",
        among: "apigateway.api.not-found-among",
        elsewhere: "apigateway.api.in-other-region",
    },
    action: "apigateway:GET",
    service: "apigateway",
};

pub const BUCKET: Lookup = Lookup {
    missing: Missing {
        none: "s3.bucket.not-found",
        near: "s3.bucket.not-found-near",
        among: "s3.bucket.not-found-among",
        elsewhere: "s3.bucket.in-other-region",
    },
    action: "s3:ListAllMyBuckets",
    service: "s3",
};

/// The last part of a role ARN (`arn:aws:iam::1:role/path/name` → `name`).
pub fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// A named, parsed policy that applies to an identity.
pub struct NamedPolicy {
    pub name: String,
    pub policy: Policy,
}

/// Parses the managed (by ARN) and inline policies given; `via` names where
/// they come from ("group `admins`") for messages.
pub fn policies(
    account: &Account,
    attached: &[String],
    inline: &BTreeMap<String, String>,
    via: &str,
    out: &mut Vec<NamedPolicy>,
) -> Result<(), Outcome> {
    for arn in attached {
        let Some(managed) = account.iam.policies.get(arn) else {
            if account.was_denied("iam:GetPolicyVersion") {
                return Err(denied("iam:GetPolicyVersion"));
            }
            return Err(Outcome::error(finding!("iam.policy.unreadable", arn = arn)));
        };
        let name = if managed.name.is_empty() {
            arn.rsplit('/').next().unwrap_or(arn).to_string()
        } else {
            managed.name.clone()
        };
        out.push(parse(&managed.document, format!("{name}{via}"))?);
    }
    for (name, document) in inline {
        out.push(parse(document, format!("inline policy `{name}`{via}"))?);
    }
    Ok(())
}

fn parse(document: &str, name: String) -> Result<NamedPolicy, Outcome> {
    match Policy::parse(document) {
        Ok(policy) => Ok(NamedPolicy { name, policy }),
        Err(e) => Err(Outcome::error(finding!(
            "iam.policy.invalid",
            policy = name,
            error = e
        ))),
    }
}

/// Shell-style match: `*` any run, `?` one character. Case-sensitive, as
/// bucket names are lowercase anyway.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// The lab's bucket: the one named, or among those matching a pattern the one
/// that got furthest (website on, then a policy, then by name).
pub fn bucket<'a>(account: &'a Account, pattern: &str) -> Result<(&'a str, &'a Bucket), Outcome> {
    let buckets = &account.s3.buckets;
    let best = buckets
        .iter()
        .filter(|(name, _)| glob(pattern, name))
        .max_by_key(|(name, b)| {
            (
                b.website.is_some(),
                b.policy.is_some(),
                std::cmp::Reverse(name.as_str()),
            )
        });
    if let Some((name, b)) = best {
        return Ok((name.as_str(), b));
    }
    if account.was_denied(BUCKET.action) {
        return Err(super::support::denied(BUCKET.action));
    }
    if !pattern.contains('*') {
        return Err(Outcome::fail(not_found(
            account,
            buckets.keys(),
            pattern,
            &BUCKET,
        )));
    }
    let near = buckets.keys().find(|n| {
        glob(
            &pattern.to_ascii_lowercase(),
            &n.to_ascii_lowercase().replace('_', "-"),
        )
    });
    let found = if let Some(n) = near {
        finding!("s3.bucket.no-match-near", pattern = pattern, near = n)
    } else if buckets.is_empty() {
        finding!("s3.bucket.no-match", pattern = pattern)
    } else {
        let all = names(buckets.keys().take(5).map(String::as_str));
        finding!("s3.bucket.no-match-among", pattern = pattern, found = all)
    };
    Err(Outcome::fail(found))
}

/// The REST API named `name`, for checks that go on into its resources.
pub fn api<'a>(account: &'a Account, name: &str) -> Result<&'a RestApi, Outcome> {
    find(account, &account.apigateway, name, &API)
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn glob_matches_like_a_shell() {
        assert!(glob("my-bucket-*", "my-bucket-1234"));
        assert!(glob("my-bucket-*", "my-bucket-"));
        assert!(!glob("my-bucket-*", "my_bucket-1"));
        assert!(glob("a?c", "abc"));
        assert!(!glob("a?c", "ac"));
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "aXbYbZc"));
        assert!(!glob("a*b*c", "aXbYbZ"));
    }
}
