//! The reads the `sns-notify` lab adds: SNS topics and their subscriptions
//! (e-mail addresses masked here, before anything keeps them), each named
//! function's configuration for its execution role and the ARNs in its
//! environment, that role with its policies, and, per bucket, the event
//! notifications, Object Ownership and object ACLs (see `s3.rs`).

use std::collections::{BTreeMap, BTreeSet};

use crate::account::{
    ALL_USERS_URI, AUTHENTICATED_USERS_URI, Account, Evidence, Grant, LambdaTrigger, Needs,
    Notifications, Sns, Subscription, Topic, arn_variables, mask_endpoint,
};

use super::{AwsError, Live, all, iam};

/// What this part found, put into the account after the parts it adds to
/// (`lambda`, `iam`).
pub(super) struct Found {
    sns: Sns,
    /// Function name → the ARNs in its environment.
    environments: BTreeMap<String, BTreeMap<String, String>>,
    roles: iam::Found,
}

impl Found {
    pub(super) fn put(self, account: &mut Account) {
        account.sns = self.sns;
        for (name, environment) in self.environments {
            if let Some(function) = account.lambda.get_mut(&name) {
                function.environment = environment;
            }
        }
        for (name, role) in self.roles.roles {
            account.iam.roles.entry(name).or_insert(role);
        }
        for (arn, policy) in self.roles.policies {
            account.iam.policies.entry(arn).or_insert(policy);
        }
    }
}

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<Found, AwsError> {
    let (sns, functions) = tokio::join!(topics(live, &needs.topics), functions(live, needs));
    let (environments, role_names) = functions?;
    // The role is known only once its function is read: this chain is
    // GetFunctionConfiguration → GetRole → ListAttachedRolePolicies → ...
    let roles = iam::roles(live, &role_names).await?;
    Ok(Found {
        sns: sns?,
        environments,
        roles,
    })
}

async fn topics(live: &Live, names: &BTreeSet<String>) -> Result<Sns, AwsError> {
    if names.is_empty() {
        return Ok(Sns::default());
    }
    let listed = paged!(live, live.sns.list_topics(), "sns:ListTopics", "");
    let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
    for t in listed {
        let Some(arn) = t.topic_arn() else { continue };
        let name = arn.rsplit(':').next().unwrap_or(arn).to_string();
        topics.insert(
            name,
            Topic {
                arn: arn.to_string(),
                subscriptions: Evidence::Absent,
            },
        );
    }
    let wanted: Vec<(String, String)> = topics
        .iter()
        .filter(|(name, _)| names.contains(*name))
        .map(|(name, t)| (name.clone(), t.arn.clone()))
        .collect();
    let read = all(wanted
        .into_iter()
        .map(|(name, arn)| {
            let live = live.clone();
            async move {
                let result = live
                    .sns
                    .list_subscriptions_by_topic()
                    .topic_arn(&arn)
                    .into_paginator()
                    .items()
                    .send()
                    .collect::<Result<Vec<_>, _>>()
                    .await;
                (name, result)
            }
        })
        .collect())
    .await;
    for (name, result) in read {
        let subscriptions = live
            .evidence("sns:ListSubscriptionsByTopic", &name, result)?
            .map(|list| {
                list.iter()
                    .map(|s| {
                        let protocol = s.protocol().unwrap_or_default().to_string();
                        let endpoint = s.endpoint().unwrap_or_default();
                        Subscription {
                            endpoint: mask_endpoint(&protocol, endpoint),
                            protocol,
                            arn: s.subscription_arn().unwrap_or_default().to_string(),
                        }
                    })
                    .collect()
            });
        if let Some(topic) = topics.get_mut(&name) {
            topic.subscriptions = subscriptions;
        }
    }
    Ok(Sns { topics })
}

type Environments = BTreeMap<String, BTreeMap<String, String>>;

/// Each named function's environment ARNs, and its execution role's name.
async fn functions(
    live: &Live,
    needs: &Needs,
) -> Result<(Environments, BTreeSet<String>), AwsError> {
    let read = all(needs
        .function_roles
        .iter()
        .cloned()
        .map(|name| {
            let live = live.clone();
            async move {
                let got = live
                    .lambda
                    .get_function_configuration()
                    .function_name(&name)
                    .send()
                    .await;
                (name, got)
            }
        })
        .collect())
    .await;
    let mut environments = BTreeMap::new();
    let mut roles = BTreeSet::new();
    for (name, got) in read {
        let Some(config) = live.fetch("lambda:GetFunctionConfiguration", &name, got)? else {
            continue;
        };
        if let Some(role) = config.role() {
            roles.insert(role.rsplit('/').next().unwrap_or(role).to_string());
        }
        let variables: BTreeMap<String, String> = config
            .environment()
            .and_then(|e| e.variables())
            .map(|v| v.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        environments.insert(name, arn_variables(&variables));
    }
    Ok((environments, roles))
}

/// What a bucket's extra reads gave.
pub(super) struct BucketExtras {
    pub notifications: Evidence<Notifications>,
    pub ownership: Evidence<String>,
    /// Key → its ACL grants.
    pub acls: BTreeMap<String, Evidence<Vec<Grant>>>,
}

/// The event notifications (when `notifications`), and the Object
/// Ownership and the ACLs of `acl_keys` (when there are any) of a bucket.
pub(super) async fn bucket(
    live: &Live,
    client: &aws_sdk_s3::Client,
    name: &str,
    notifications: bool,
    acl_keys: &BTreeSet<String>,
) -> Result<BucketExtras, AwsError> {
    let read_notifications = async {
        if notifications {
            Some(
                client
                    .get_bucket_notification_configuration()
                    .bucket(name)
                    .send()
                    .await,
            )
        } else {
            None
        }
    };
    let read_ownership = async {
        if acl_keys.is_empty() {
            None
        } else {
            Some(
                client
                    .get_bucket_ownership_controls()
                    .bucket(name)
                    .send()
                    .await,
            )
        }
    };
    let read_acls = all(acl_keys
        .iter()
        .cloned()
        .map(|key| {
            let (client, name) = (client.clone(), name.to_string());
            async move {
                let got = client.get_object_acl().bucket(&name).key(&key).send().await;
                (key, got)
            }
        })
        .collect());
    let (n, o, a) = tokio::join!(read_notifications, read_ownership, read_acls);
    let notifications = match n {
        None => Evidence::Absent,
        Some(Err(e)) if empty_emulator_answer(&e) => Evidence::Got(Notifications::default()),
        Some(result) => live
            .evidence("s3:GetBucketNotification", name, result)?
            .map(|out| Notifications {
                lambda: out
                    .lambda_function_configurations()
                    .iter()
                    .map(trigger)
                    .collect(),
            }),
    };
    let ownership = match o {
        None => Evidence::Absent,
        Some(result) => match live.evidence("s3:GetBucketOwnershipControls", name, result)? {
            Evidence::Got(out) => out
                .ownership_controls()
                .and_then(|c| c.rules().first())
                .map(|r| r.object_ownership().as_str().to_string())
                .into(),
            Evidence::Absent => Evidence::Absent,
            Evidence::Unreadable(why) => Evidence::Unreadable(why),
        },
    };
    let mut acls = BTreeMap::new();
    for (key, result) in a {
        let resource = format!("{name}/{key}");
        let grants = live
            .evidence("s3:GetObjectAcl", &resource, result)?
            .map(|out| out.grants().iter().map(grant).collect());
        acls.insert(key, grants);
    }
    Ok(BucketExtras {
        notifications,
        ownership,
        acls,
    })
}

/// moto answers a bucket without notifications with an empty
/// `<GetBucketNotificationResponse/>` instead of S3's empty
/// `<NotificationConfiguration/>`, which the SDK cannot parse. That one
/// answer means "none"; any other unparseable answer stays an error.
fn empty_emulator_answer<E>(
    error: &aws_sdk_s3::error::SdkError<
        E,
        aws_smithy_runtime_api::client::orchestrator::HttpResponse,
    >,
) -> bool {
    error.raw_response().is_some_and(|r| {
        r.status().as_u16() == 200
            && r.body().bytes().is_some_and(|b| {
                let body = String::from_utf8_lossy(b);
                body.contains("<GetBucketNotificationResponse") && body.trim_end().ends_with("/>")
            })
    })
}

fn trigger(c: &aws_sdk_s3::types::LambdaFunctionConfiguration) -> LambdaTrigger {
    let rules = c
        .filter()
        .and_then(|f| f.key())
        .map(aws_sdk_s3::types::S3KeyFilter::filter_rules)
        .unwrap_or_default();
    let rule = |which: &str| {
        rules
            .iter()
            .find(|r| {
                r.name()
                    .is_some_and(|n| n.as_str().eq_ignore_ascii_case(which))
            })
            .and_then(|r| r.value())
            .unwrap_or_default()
            .to_string()
    };
    LambdaTrigger {
        function_arn: c.lambda_function_arn().to_string(),
        events: c.events().iter().map(|e| e.as_str().to_string()).collect(),
        prefix: rule("prefix"),
        suffix: rule("suffix"),
    }
}

fn grant(g: &aws_sdk_s3::types::Grant) -> Grant {
    let grantee = g.grantee().map_or_else(String::new, |who| match who.uri() {
        Some(ALL_USERS_URI) => "AllUsers".to_string(),
        Some(AUTHENTICATED_USERS_URI) => "AuthenticatedUsers".to_string(),
        Some(uri) => uri.to_string(),
        None => who
            .id()
            .or(who.email_address())
            .unwrap_or_default()
            .to_string(),
    });
    Grant {
        grantee,
        permission: g
            .permission()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
    }
}
