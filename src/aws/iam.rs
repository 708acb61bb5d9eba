//! IAM: users with their groups and policies (for the administrator check)
//! and the roles a lab names, each with the documents of every policy that
//! applies. Documents arrive URL-encoded and are decoded here.

use std::collections::{BTreeMap, BTreeSet};

use crate::account::{Group, Iam, ManagedPolicy, Needs, Role, User};

use super::{AwsError, Live, all, url_decode};

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<Iam, AwsError> {
    let (users, roles) = tokio::join!(
        async {
            if needs.users {
                users(live).await
            } else {
                Ok(BTreeMap::new())
            }
        },
        roles(live, &needs.roles),
    );
    let mut iam = Iam {
        users: users?,
        roles: roles?,
        ..Iam::default()
    };
    let group_names: BTreeSet<String> = iam
        .users
        .values()
        .flat_map(|u| u.groups.iter().cloned())
        .collect();
    iam.groups = groups(live, group_names).await?;

    let arns: BTreeSet<String> = iam
        .users
        .values()
        .flat_map(|u| &u.attached_policies)
        .chain(iam.groups.values().flat_map(|g| &g.attached_policies))
        .chain(iam.roles.values().flat_map(|r| &r.attached_policies))
        .cloned()
        .collect();
    let fetched = all(arns
        .into_iter()
        .map(|arn| {
            let live = live.clone();
            async move {
                let policy = managed_policy(&live, &arn).await;
                (arn, policy)
            }
        })
        .collect())
    .await;
    for (arn, policy) in fetched {
        if let Some(policy) = policy? {
            iam.policies.insert(arn, policy);
        }
    }
    Ok(iam)
}

async fn users(live: &Live) -> Result<BTreeMap<String, User>, AwsError> {
    let listed = live
        .iam
        .list_users()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await;
    let Some(listed) = live.fetch("iam:ListUsers", listed)? else {
        return Ok(BTreeMap::new());
    };
    let read = all(listed
        .into_iter()
        .map(|user| {
            let live = live.clone();
            async move {
                let name = user.user_name().to_string();
                let detail = user_detail(&live, &name, user.arn()).await;
                (name, detail)
            }
        })
        .collect())
    .await;
    let mut users = BTreeMap::new();
    for (name, user) in read {
        users.insert(name, user?);
    }
    Ok(users)
}

async fn user_detail(live: &Live, name: &str, arn: &str) -> Result<User, AwsError> {
    let iam = &live.iam;
    let (groups, attached, inline) = tokio::join!(
        iam.list_groups_for_user()
            .user_name(name)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        iam.list_attached_user_policies()
            .user_name(name)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        inline_policies(live, Owner::User(name)),
    );
    Ok(User {
        arn: arn.to_string(),
        groups: live
            .fetch("iam:ListGroupsForUser", groups)?
            .unwrap_or_default()
            .iter()
            .map(|g| g.group_name().to_string())
            .collect(),
        attached_policies: live
            .fetch("iam:ListAttachedUserPolicies", attached)?
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.policy_arn().map(str::to_string))
            .collect(),
        inline_policies: inline?,
    })
}

async fn groups(live: &Live, names: BTreeSet<String>) -> Result<BTreeMap<String, Group>, AwsError> {
    let read = all(names
        .into_iter()
        .map(|name| {
            let live = live.clone();
            async move {
                let attached = live
                    .iam
                    .list_attached_group_policies()
                    .group_name(&name)
                    .into_paginator()
                    .items()
                    .send()
                    .collect::<Result<Vec<_>, _>>();
                let (attached, inline) =
                    tokio::join!(attached, inline_policies(&live, Owner::Group(&name)));
                let group = live
                    .fetch("iam:ListAttachedGroupPolicies", attached)
                    .and_then(|attached| {
                        Ok(Group {
                            attached_policies: attached
                                .unwrap_or_default()
                                .iter()
                                .filter_map(|p| p.policy_arn().map(str::to_string))
                                .collect(),
                            inline_policies: inline?,
                        })
                    });
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

async fn roles(live: &Live, names: &BTreeSet<String>) -> Result<BTreeMap<String, Role>, AwsError> {
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
    let mut roles = BTreeMap::new();
    for (name, role) in read {
        if let Some(role) = role? {
            roles.insert(name, role);
        }
    }
    Ok(roles)
}

async fn role(live: &Live, name: &str) -> Result<Option<Role>, AwsError> {
    let iam = &live.iam;
    let (got, attached, inline) = tokio::join!(
        iam.get_role().role_name(name).send(),
        iam.list_attached_role_policies()
            .role_name(name)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        inline_policies(live, Owner::Role(name)),
    );
    let Some(got) = live.fetch("iam:GetRole", got)? else {
        return Ok(None);
    };
    let Some(role) = got.role() else {
        return Ok(None);
    };
    Ok(Some(Role {
        arn: role.arn().to_string(),
        trust_policy: role
            .assume_role_policy_document()
            .map(url_decode)
            .unwrap_or_default(),
        attached_policies: live
            .fetch("iam:ListAttachedRolePolicies", attached)?
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.policy_arn().map(str::to_string))
            .collect(),
        inline_policies: inline.unwrap_or_default(),
    }))
}

#[derive(Clone, Copy)]
enum Owner<'a> {
    User(&'a str),
    Group(&'a str),
    Role(&'a str),
}

/// The inline policies of a user, group or role: names, then each document.
async fn inline_policies(
    live: &Live,
    owner: Owner<'_>,
) -> Result<BTreeMap<String, String>, AwsError> {
    let iam = &live.iam;
    let names = match owner {
        Owner::User(n) => {
            let r = iam
                .list_user_policies()
                .user_name(n)
                .into_paginator()
                .items()
                .send()
                .collect::<Result<Vec<_>, _>>()
                .await;
            live.fetch("iam:ListUserPolicies", r)?
        }
        Owner::Group(n) => {
            let r = iam
                .list_group_policies()
                .group_name(n)
                .into_paginator()
                .items()
                .send()
                .collect::<Result<Vec<_>, _>>()
                .await;
            live.fetch("iam:ListGroupPolicies", r)?
        }
        Owner::Role(n) => {
            let r = iam
                .list_role_policies()
                .role_name(n)
                .into_paginator()
                .items()
                .send()
                .collect::<Result<Vec<_>, _>>()
                .await;
            live.fetch("iam:ListRolePolicies", r)?
        }
    }
    .unwrap_or_default();
    let mut documents = BTreeMap::new();
    for policy in names {
        let document = match owner {
            Owner::User(n) => {
                let r = iam
                    .get_user_policy()
                    .user_name(n)
                    .policy_name(&policy)
                    .send()
                    .await;
                live.fetch("iam:GetUserPolicy", r)?
                    .map(|o| o.policy_document().to_string())
            }
            Owner::Group(n) => {
                let r = iam
                    .get_group_policy()
                    .group_name(n)
                    .policy_name(&policy)
                    .send()
                    .await;
                live.fetch("iam:GetGroupPolicy", r)?
                    .map(|o| o.policy_document().to_string())
            }
            Owner::Role(n) => {
                let r = iam
                    .get_role_policy()
                    .role_name(n)
                    .policy_name(&policy)
                    .send()
                    .await;
                live.fetch("iam:GetRolePolicy", r)?
                    .map(|o| o.policy_document().to_string())
            }
        };
        if let Some(document) = document {
            documents.insert(policy, url_decode(&document));
        }
    }
    Ok(documents)
}

/// A managed policy's default version document.
async fn managed_policy(live: &Live, arn: &str) -> Result<Option<ManagedPolicy>, AwsError> {
    let got = live.iam.get_policy().policy_arn(arn).send().await;
    let Some(policy) = live.fetch("iam:GetPolicy", got)?.and_then(|o| o.policy) else {
        return Ok(None);
    };
    let Some(version) = policy.default_version_id() else {
        return Ok(None);
    };
    let got = live
        .iam
        .get_policy_version()
        .policy_arn(arn)
        .version_id(version)
        .send()
        .await;
    let document = live
        .fetch("iam:GetPolicyVersion", got)?
        .and_then(|o| o.policy_version)
        .and_then(|v| v.document)
        .map(|d| url_decode(&d));
    Ok(document.map(|document| ManagedPolicy {
        name: policy.policy_name().unwrap_or_default().to_string(),
        document,
    }))
}
