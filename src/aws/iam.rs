//! IAM: users with their groups and policies (for the administrator check)
//! and the roles a lab names, each with the documents of every policy that
//! applies. Documents arrive URL-encoded and are decoded here.

use std::collections::{BTreeMap, BTreeSet};

use crate::account::{Evidence, Group, Iam, ManagedPolicy, Needs, Role, User};

use super::{AwsError, Live, all, url_decode};

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<Iam, AwsError> {
    // Each branch fetches the documents of the policies it finds as soon as
    // it finds them, so the longest chain is ListUsers → ListGroupsForUser →
    // ListAttachedGroupPolicies → GetPolicy → GetPolicyVersion.
    let (users, roles) = tokio::join!(
        async {
            if needs.users {
                users(live).await
            } else {
                Ok(Found::default())
            }
        },
        roles(live, &needs.roles),
    );
    let (users, roles) = (users?, roles?);
    let mut iam = Iam {
        users: users.users,
        groups: users.groups,
        roles: roles.roles,
        policies: users.policies,
    };
    iam.policies.extend(roles.policies);
    Ok(iam)
}

/// What one branch of the IAM read found.
#[derive(Default)]
pub(super) struct Found {
    users: BTreeMap<String, User>,
    groups: BTreeMap<String, Group>,
    pub(super) roles: BTreeMap<String, Role>,
    pub(super) policies: BTreeMap<String, Evidence<ManagedPolicy>>,
}

async fn users(live: &Live) -> Result<Found, AwsError> {
    let listed = live
        .iam
        .list_users()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await;
    let Some(listed) = live.fetch("iam:ListUsers", "", listed)? else {
        return Ok(Found::default());
    };
    let read = all(listed
        .into_iter()
        .map(|user| {
            let live = live.clone();
            async move {
                let name = user.user_name().to_string();
                let (detail, groups) = tokio::join!(
                    user_detail(&live, &name, user.arn()),
                    user_groups(&live, &name),
                );
                (name, detail, groups)
            }
        })
        .collect())
    .await;
    let mut found = Found::default();
    for (name, detail, groups) in read {
        let (mut user, policies) = detail?;
        found.policies.extend(policies);
        for (group_name, (group, policies)) in groups? {
            user.groups.push(group_name.clone());
            found.policies.extend(policies);
            found.groups.insert(group_name, group);
        }
        found.users.insert(name, user);
    }
    Ok(found)
}

async fn user_detail(
    live: &Live,
    name: &str,
    arn: &str,
) -> Result<(User, BTreeMap<String, Evidence<ManagedPolicy>>), AwsError> {
    let attached = attached_policies(live, Owner::User(name.to_string()));
    let (attached, inline) = tokio::join!(
        attached,
        inline_policies(live, Owner::User(name.to_string()))
    );
    let (arns, documents) = attached?;
    let user = User {
        arn: arn.to_string(),
        groups: Vec::new(),
        attached_policies: arns,
        inline_policies: inline?,
    };
    Ok((user, documents))
}

type GroupWithPolicies = (Group, BTreeMap<String, Evidence<ManagedPolicy>>);

async fn user_groups(
    live: &Live,
    user: &str,
) -> Result<BTreeMap<String, GroupWithPolicies>, AwsError> {
    let listed = live
        .iam
        .list_groups_for_user()
        .user_name(user)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await;
    let names: Vec<String> = live
        .fetch("iam:ListGroupsForUser", user, listed)?
        .unwrap_or_default()
        .iter()
        .map(|g| g.group_name().to_string())
        .collect();
    let read = all(names
        .into_iter()
        .map(|name| {
            let live = live.clone();
            async move {
                let group = group(&live, &name).await;
                (name, group)
            }
        })
        .collect())
    .await;
    let mut groups = BTreeMap::new();
    for (name, group) in read {
        groups.insert(name, group?);
    }
    Ok(groups)
}

async fn group(live: &Live, name: &str) -> Result<GroupWithPolicies, AwsError> {
    let attached = attached_policies(live, Owner::Group(name.to_string()));
    let (attached, inline) = tokio::join!(
        attached,
        inline_policies(live, Owner::Group(name.to_string()))
    );
    let (arns, documents) = attached?;
    Ok((
        Group {
            attached_policies: arns,
            inline_policies: inline?,
        },
        documents,
    ))
}

/// The documents of managed policies, fetched at once.
async fn managed_policies(
    live: &Live,
    arns: &[String],
) -> Result<BTreeMap<String, Evidence<ManagedPolicy>>, AwsError> {
    let fetched = all(arns
        .iter()
        .cloned()
        .map(|arn| {
            let live = live.clone();
            async move {
                let policy = managed_policy(&live, &arn).await;
                (arn, policy)
            }
        })
        .collect())
    .await;
    let mut policies = BTreeMap::new();
    for (arn, policy) in fetched {
        let policy = policy?;
        // A policy deleted between the listing and the read is simply gone.
        if !policy.is_absent() {
            policies.insert(arn, policy);
        }
    }
    Ok(policies)
}

/// The roles named, each with its policies' documents (also for the roles
/// only a function names, see `sns.rs`).
pub(super) async fn roles(live: &Live, names: &BTreeSet<String>) -> Result<Found, AwsError> {
    let read = all(names
        .iter()
        .cloned()
        .map(|name| {
            let live = live.clone();
            async move {
                let role = role(&live, &name).await;
                (name, role)
            }
        })
        .collect())
    .await;
    let mut found = Found::default();
    for (name, role) in read {
        if let Some((role, policies)) = role? {
            found.policies.extend(policies);
            found.roles.insert(name, role);
        }
    }
    Ok(found)
}

pub(super) async fn role(
    live: &Live,
    name: &str,
) -> Result<Option<(Role, BTreeMap<String, Evidence<ManagedPolicy>>)>, AwsError> {
    let iam = &live.iam;
    let attached = attached_policies(live, Owner::Role(name.to_string()));
    let (got, attached, inline) = tokio::join!(
        iam.get_role().role_name(name).send(),
        attached,
        inline_policies(live, Owner::Role(name.to_string())),
    );
    let Some(got) = live.fetch("iam:GetRole", name, got)? else {
        return Ok(None);
    };
    let Some(role) = got.role() else {
        return Ok(None);
    };
    let (arns, documents) = attached?;
    Ok(Some((
        Role {
            arn: role.arn().to_string(),
            trust_policy: role
                .assume_role_policy_document()
                .map(url_decode)
                .unwrap_or_default(),
            attached_policies: arns,
            inline_policies: inline?,
        },
        documents,
    )))
}

/// Whose inline policies: owned, so it can move into a task.
#[derive(Clone)]
enum Owner {
    User(String),
    Group(String),
    Role(String),
}

/// The managed policies attached to a user, group or role, with each
/// document fetched as soon as its ARN is known.
async fn attached_policies(
    live: &Live,
    owner: Owner,
) -> Result<(Vec<String>, BTreeMap<String, Evidence<ManagedPolicy>>), AwsError> {
    let iam = &live.iam;
    let listed: Vec<aws_sdk_iam::types::AttachedPolicy> = match &owner {
        Owner::User(n) => paged!(
            live,
            iam.list_attached_user_policies().user_name(n),
            "iam:ListAttachedUserPolicies",
            n
        ),
        Owner::Group(n) => paged!(
            live,
            iam.list_attached_group_policies().group_name(n),
            "iam:ListAttachedGroupPolicies",
            n
        ),
        Owner::Role(n) => paged!(
            live,
            iam.list_attached_role_policies().role_name(n),
            "iam:ListAttachedRolePolicies",
            n
        ),
    };
    let arns: Vec<String> = listed
        .iter()
        .filter_map(|p| p.policy_arn().map(str::to_string))
        .collect();
    let documents = managed_policies(live, &arns).await?;
    Ok((arns, documents))
}

/// The inline policies of a user, group or role: names, then each document.
async fn inline_policies(
    live: &Live,
    owner: Owner,
) -> Result<BTreeMap<String, Evidence<String>>, AwsError> {
    let iam = &live.iam;
    let names: Vec<String> = match &owner {
        Owner::User(n) => paged!(
            live,
            iam.list_user_policies().user_name(n),
            "iam:ListUserPolicies",
            n
        ),
        Owner::Group(n) => paged!(
            live,
            iam.list_group_policies().group_name(n),
            "iam:ListGroupPolicies",
            n
        ),
        Owner::Role(n) => paged!(
            live,
            iam.list_role_policies().role_name(n),
            "iam:ListRolePolicies",
            n
        ),
    };
    let fetched = all(names
        .into_iter()
        .map(|policy| {
            let live = live.clone();
            let owner = owner.clone();
            async move {
                let document = inline_document(&live, &owner, &policy).await;
                (policy, document)
            }
        })
        .collect())
    .await;
    let mut documents = BTreeMap::new();
    for (policy, document) in fetched {
        let document = document?;
        if !document.is_absent() {
            documents.insert(policy, document.map(|d| url_decode(&d)));
        }
    }
    Ok(documents)
}

async fn inline_document(
    live: &Live,
    owner: &Owner,
    policy: &str,
) -> Result<Evidence<String>, AwsError> {
    let iam = &live.iam;
    // The three calls differ only in their builders' types.
    macro_rules! document {
        ($request:expr, $action:expr, $owner:expr) => {{
            let result = $request.policy_name(policy).send().await;
            live.evidence($action, &format!("{}/{policy}", $owner), result)?
                .map(|o| o.policy_document().to_string())
        }};
    }
    Ok(match owner {
        Owner::User(n) => document!(iam.get_user_policy().user_name(n), "iam:GetUserPolicy", n),
        Owner::Group(n) => document!(
            iam.get_group_policy().group_name(n),
            "iam:GetGroupPolicy",
            n
        ),
        Owner::Role(n) => document!(iam.get_role_policy().role_name(n), "iam:GetRolePolicy", n),
    })
}

/// A managed policy's default version document.
async fn managed_policy(live: &Live, arn: &str) -> Result<Evidence<ManagedPolicy>, AwsError> {
    let got = live.iam.get_policy().policy_arn(arn).send().await;
    let policy = match live.evidence("iam:GetPolicy", arn, got)? {
        Evidence::Got(output) => output.policy,
        Evidence::Absent => None,
        Evidence::Unreadable(why) => return Ok(Evidence::Unreadable(why)),
    };
    let Some(policy) = policy else {
        return Ok(Evidence::Absent);
    };
    let Some(version) = policy.default_version_id() else {
        return Ok(Evidence::Absent);
    };
    let got = live
        .iam
        .get_policy_version()
        .policy_arn(arn)
        .version_id(version)
        .send()
        .await;
    let document = match live.evidence("iam:GetPolicyVersion", arn, got)? {
        Evidence::Got(output) => output.policy_version.and_then(|v| v.document),
        Evidence::Absent => None,
        Evidence::Unreadable(why) => return Ok(Evidence::Unreadable(why)),
    };
    Ok(Evidence::from(document.map(|d| ManagedPolicy {
        name: policy.policy_name().unwrap_or_default().to_string(),
        document: url_decode(&d),
    })))
}

/// Roles found through another resource (an instance's profile) rather
/// than named by the lab, with the documents of their managed policies.
#[cfg_attr(not(feature = "ec2"), allow(dead_code))]
pub(super) async fn roles_named(
    live: &Live,
    names: &BTreeSet<String>,
) -> Result<
    (
        BTreeMap<String, Role>,
        BTreeMap<String, Evidence<ManagedPolicy>>,
    ),
    AwsError,
> {
    let found = roles(live, names).await?;
    Ok((found.roles, found.policies))
}
