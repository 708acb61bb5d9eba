//! What several check kinds share: finding a named resource (with near-miss,
//! access-denied and wrong-region answers), gathering the policies that apply
//! to an IAM identity, and choosing the lab's bucket.

use std::collections::BTreeMap;

use crate::account::{Account, Bucket, Evidence, RestApi, Unreadable, glob};
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

/// The outcome for a read the source could not make: `error`, naming the
/// permission to add.
pub fn unreadable(why: &Unreadable) -> Outcome {
    let finding = if why.resource.is_empty() {
        finding!("iam.read.denied", action = why.action)
    } else {
        finding!(
            "iam.read.denied-on",
            action = why.action,
            resource = why.resource
        )
    };
    Outcome::error(finding.arg("reason", &why.reason))
}

/// A value inside a resource: there, not there (`None`), or the `error`
/// outcome for a read that was refused.
pub fn read<T>(evidence: &Evidence<T>) -> Result<Option<&T>, Outcome> {
    match evidence {
        Evidence::Got(value) => Ok(Some(value)),
        Evidence::Absent => Ok(None),
        Evidence::Unreadable(why) => Err(unreadable(why)),
    }
}

/// Finds `name` in `items`, or says why not: denied, not found with a near
/// miss, or found in another region.
pub fn find<'a, T>(
    account: &Account,
    items: &'a BTreeMap<String, T>,
    name: &str,
    lookup: &Lookup,
) -> Result<&'a T, Outcome> {
    match account.lookup(items, name, lookup.action) {
        Evidence::Got(item) => Ok(item),
        Evidence::Unreadable(why) => Err(unreadable(&why)),
        Evidence::Absent => Err(Outcome::fail(not_found(
            account,
            items.keys(),
            name,
            lookup,
        ))),
    }
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

/// The policies that apply to an identity: those read, and those that
/// apply but could not be read, which may change any verdict but an
/// explicit Deny.
#[derive(Default)]
pub struct Gathered {
    pub known: Vec<NamedPolicy>,
    pub unknown: Vec<Unreadable>,
}

/// Whose policies: an IAM user, group or role, by name, for the list reads
/// that say which policies it has.
#[derive(Clone, Copy)]
pub enum Owner<'a> {
    User(&'a str),
    Group(&'a str),
    Role(&'a str),
}

impl Owner<'_> {
    fn name(&self) -> &str {
        match self {
            Owner::User(n) | Owner::Group(n) | Owner::Role(n) => n,
        }
    }

    fn list_actions(&self) -> [&'static str; 2] {
        match self {
            Owner::User(_) => ["iam:ListAttachedUserPolicies", "iam:ListUserPolicies"],
            Owner::Group(_) => ["iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies"],
            Owner::Role(_) => ["iam:ListAttachedRolePolicies", "iam:ListRolePolicies"],
        }
    }
}

/// Gathers the managed (by ARN) and inline policies of `owner`. A policy's
/// name is its own; one that comes through a group is `group/policy`, so
/// no English is spliced into what the catalog renders.
pub fn policies(
    account: &Account,
    owner: Owner<'_>,
    attached: &[String],
    inline: &BTreeMap<String, Evidence<String>>,
    out: &mut Gathered,
) -> Result<(), Outcome> {
    let prefix = match owner {
        Owner::Group(group) => format!("{group}/"),
        _ => String::new(),
    };
    for action in owner.list_actions() {
        if let Some(why) = account.refused(action, owner.name()) {
            out.unknown.push(why.clone());
        }
    }
    for arn in attached {
        let short = arn.rsplit('/').next().unwrap_or(arn);
        match account.iam.policies.get(arn) {
            Some(Evidence::Got(managed)) => {
                let name = if managed.name.is_empty() {
                    short
                } else {
                    &managed.name
                };
                out.known
                    .push(parse(&managed.document, format!("{prefix}{name}"))?);
            }
            Some(Evidence::Unreadable(why)) => out.unknown.push(why.clone()),
            // Attached but its document never read: as unknown as refused.
            Some(Evidence::Absent) | None => {
                out.unknown
                    .push(Unreadable::new("iam:GetPolicyVersion", arn, ""));
            }
        }
    }
    for (name, document) in inline {
        match document {
            Evidence::Got(document) => out.known.push(parse(document, format!("{prefix}{name}"))?),
            Evidence::Unreadable(why) => out.unknown.push(why.clone()),
            Evidence::Absent => {}
        }
    }
    Ok(())
}

/// Unparseable is unreadable: a verdict on it would be a guess.
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

/// The lab's bucket: the one named, or among those matching a pattern the one
/// that got furthest (website on, then a policy, then by name).
pub fn bucket<'a>(account: &'a Account, pattern: &str) -> Result<(&'a str, &'a Bucket), Outcome> {
    let buckets = &account.s3.buckets;
    let best = buckets
        .iter()
        .filter(|(name, _)| glob(pattern, name))
        .max_by_key(|(name, b)| {
            (
                b.website.got().is_some(),
                b.policy.got().is_some(),
                std::cmp::Reverse(name.as_str()),
            )
        });
    if let Some((name, b)) = best {
        return Ok((name.as_str(), b));
    }
    if let Some(why) = account.refused(BUCKET.action, pattern) {
        return Err(unreadable(why));
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
