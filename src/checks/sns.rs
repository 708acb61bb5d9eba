//! The check kinds of the `sns-notify` lab: an SNS topic and its confirmed
//! e-mail subscription, a function that may publish to it and knows its
//! ARN, the S3 trigger that runs the function, and an image made public by
//! its object ACL. Permissions are evaluated (`crate::policy`), and an ACL is
//! judged the way S3 applies it: Object Ownership and Block Public Access
//! first, then the grant.

use crate::account::{
    BUCKET_OWNER_ENFORCED, Evidence, Function, PublicAccessBlock, Topic, mask_email,
};
use crate::finding;
use crate::policy::{self, Context, Decision, Principal, Request};

use super::finding::names;
use super::support::{self, Lookup, Missing};
use super::{Ctx, Kind, Outcome, Read};

const TOPIC: Lookup = Lookup {
    missing: Missing {
        none: "sns.topic.not-found",
        near: "sns.topic.not-found-near",
        among: "sns.topic.not-found-among",
        elsewhere: "sns.topic.in-other-region",
    },
    action: "sns:ListTopics",
    service: "sns",
};

const FUNCTION: Lookup = Lookup {
    missing: Missing {
        none: "lambda.function.not-found",
        near: "lambda.function.not-found-near",
        among: "lambda.function.not-found-among",
        elsewhere: "lambda.function.in-other-region",
    },
    action: "lambda:GetFunction",
    service: "lambda",
};

crate::args! {
    /// `sns.topic-exists`, `sns.email-confirmed`.
    pub struct TopicArgs {
        required { topic }
        optional {}
    }
}

crate::args! {
    /// `lambda.role-may-publish`, `lambda.environment-has-topic`.
    pub struct FunctionTopicArgs {
        required { function, topic }
        optional {}
    }
}

crate::args! {
    /// `s3.lambda-trigger`: the bucket whose uploads of `key` must run the
    /// function.
    pub struct TriggerArgs {
        required { bucket, function, key }
        optional {}
    }
}

crate::args! {
    /// `lambda.s3-invoke-permission`.
    pub struct S3PermissionArgs {
        required { function, bucket }
        optional {}
    }
}

crate::args! {
    /// `s3.object-acl-public-read`.
    pub struct ObjectAclArgs {
        required { bucket, key }
        optional {}
    }
}

fn topic<'a>(ctx: &Ctx<'a>, name: &str) -> Result<&'a Topic, Outcome> {
    support::find(ctx.account, &ctx.account.sns.topics, name, &TOPIC)
}

fn function<'a>(ctx: &Ctx<'a>, name: &str) -> Result<&'a Function, Outcome> {
    support::find(ctx.account, &ctx.account.lambda, name, &FUNCTION)
}

/// The function, when its configuration (role, environment) was read too:
/// a refused `GetFunctionConfiguration` leaves both unknown, not empty.
fn configured<'a>(ctx: &Ctx<'a>, name: &str) -> Result<&'a Function, Outcome> {
    let f = function(ctx, name)?;
    match ctx.account.refused("lambda:GetFunctionConfiguration", name) {
        Some(why) => Err(support::unreadable(why)),
        None => Ok(f),
    }
}

/// The topic's ARN as AWS forms it, when the topic itself was not read.
fn topic_arn(ctx: &Ctx<'_>, name: &str) -> String {
    match ctx.account.sns.topics.get(name) {
        Some(t) if !t.arn.is_empty() => t.arn.clone(),
        _ => ctx.account.arn("sns", name),
    }
}

pub const TOPIC_EXISTS: Kind = Kind {
    name: "sns.topic-exists",
    args: TopicArgs::SPEC,
    probe: false,
    reads: &[Read::Topic("topic")],
    run: topic_exists,
};

fn topic_exists(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<TopicArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    match topic(ctx, &a.topic) {
        Ok(t) => Outcome::pass(finding!("sns.topic.exists", topic = a.topic, arn = t.arn)),
        Err(outcome) => outcome,
    }
}

pub const EMAIL_CONFIRMED: Kind = Kind {
    name: "sns.email-confirmed",
    args: TopicArgs::SPEC,
    probe: false,
    reads: &[Read::Topic("topic")],
    run: email_confirmed,
};

fn email_confirmed(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<TopicArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let name = a.topic.as_str();
    let t = match topic(ctx, name) {
        Ok(t) => t,
        Err(outcome) => return outcome,
    };
    let subscriptions = match support::read(&t.subscriptions) {
        Ok(list) => list.map(Vec::as_slice).unwrap_or_default(),
        Err(outcome) => return outcome,
    };
    let (email, other): (Vec<_>, Vec<_>) = subscriptions.iter().partition(|s| s.is_email());
    if let Some(confirmed) = email.iter().find(|s| !s.is_pending()) {
        return Outcome::pass(finding!(
            "sns.subscription.confirmed",
            topic = name,
            endpoint = mask_email(&confirmed.endpoint)
        ));
    }
    if !email.is_empty() {
        let endpoints: Vec<String> = email.iter().map(|s| mask_email(&s.endpoint)).collect();
        return Outcome::pending(finding!(
            "sns.subscription.pending",
            topic = name,
            endpoint = names(endpoints.iter().map(String::as_str))
        ));
    }
    if other.is_empty() {
        return Outcome::fail(finding!("sns.subscription.none", topic = name));
    }
    let mut protocols: Vec<&str> = other.iter().map(|s| s.protocol.as_str()).collect();
    protocols.sort_unstable();
    protocols.dedup();
    Outcome::fail(finding!(
        "sns.subscription.no-email",
        topic = name,
        protocols = names(protocols)
    ))
}

pub const ROLE_MAY_PUBLISH: Kind = Kind {
    name: "lambda.role-may-publish",
    args: FunctionTopicArgs::SPEC,
    probe: false,
    reads: &[
        Read::Function("function"),
        Read::FunctionRole("function"),
        Read::Topic("topic"),
    ],
    run: role_may_publish,
};

/// The role is the function's own, whatever the console named it; the
/// verdict is `iam.role-allows`'s, evaluated on the topic's ARN.
fn role_may_publish(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<FunctionTopicArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let f = match configured(ctx, &a.function) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    if f.role.is_empty() {
        return Outcome::error(finding!("lambda.role.unknown", function = a.function));
    }
    super::iam::role_may(
        ctx.account,
        support::role_name(&f.role),
        "sns:Publish",
        &topic_arn(ctx, &a.topic),
    )
}

pub const ENV_HAS_TOPIC: Kind = Kind {
    name: "lambda.environment-has-topic",
    args: FunctionTopicArgs::SPEC,
    probe: false,
    reads: &[
        Read::Function("function"),
        Read::FunctionRole("function"),
        Read::Topic("topic"),
    ],
    run: env_has_topic,
};

fn env_has_topic(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<FunctionTopicArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let f = match configured(ctx, &a.function) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    let want = topic_arn(ctx, &a.topic);
    if let Some((variable, _)) = f.environment.iter().find(|(_, v)| **v == want) {
        return Outcome::pass(finding!(
            "lambda.environment.has-topic",
            function = a.function,
            variable = variable
        ));
    }
    let other = f
        .environment
        .iter()
        .find(|(_, v)| v.split(':').nth(2) == Some("sns"));
    if let Some((variable, found)) = other {
        return Outcome::fail(finding!(
            "lambda.environment.other-topic",
            function = a.function,
            variable = variable,
            found = found,
            expected = want
        ));
    }
    Outcome::fail(finding!(
        "lambda.environment.no-topic",
        function = a.function,
        expected = want
    ))
}

pub const S3_TRIGGER: Kind = Kind {
    name: "s3.lambda-trigger",
    args: TriggerArgs::SPEC,
    probe: false,
    reads: &[
        Read::BucketNotifications("bucket"),
        Read::Function("function"),
    ],
    run: s3_trigger,
};

fn s3_trigger(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<TriggerArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (bucket_name, bucket) = match support::bucket(ctx.account, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let f = match function(ctx, &a.function) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    let key = a.key.as_str();
    let triggers = match support::read(&bucket.notifications) {
        Ok(n) => n.map(|n| n.lambda.as_slice()).unwrap_or_default(),
        Err(outcome) => return outcome,
    };
    // A configuration may name the function by a qualified ARN (`:$LATEST`).
    let mine: Vec<_> = triggers
        .iter()
        .filter(|t| t.function_arn == f.arn || t.function_arn.starts_with(&format!("{}:", f.arn)))
        .collect();
    if mine.is_empty() {
        // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] → NAME
        let mut others: Vec<&str> = triggers
            .iter()
            .map(|t| t.function_arn.split(':').nth(6).unwrap_or(&t.function_arn))
            .collect();
        others.sort_unstable();
        others.dedup();
        return Outcome::fail(if others.is_empty() {
            finding!(
                "s3.trigger.none",
                bucket = bucket_name,
                function = a.function
            )
        } else {
            finding!(
                "s3.trigger.other-function",
                bucket = bucket_name,
                function = a.function,
                found = names(others)
            )
        });
    }
    if mine.iter().any(|t| t.fires_on_put() && t.matches_key(key)) {
        return Outcome::pass(finding!(
            "s3.trigger.fires",
            bucket = bucket_name,
            function = a.function,
            key = key
        ));
    }
    if let Some(t) = mine.iter().find(|t| t.fires_on_put()) {
        return Outcome::fail(finding!(
            "s3.trigger.filter-excludes",
            bucket = bucket_name,
            key = key,
            prefix = t.prefix,
            suffix = t.suffix
        ));
    }
    let events: Vec<&str> = mine
        .iter()
        .flat_map(|t| t.events.iter().map(String::as_str))
        .collect();
    Outcome::fail(finding!(
        "s3.trigger.wrong-events",
        bucket = bucket_name,
        events = names(events)
    ))
}

pub const S3_INVOKE_PERMISSION: Kind = Kind {
    name: "lambda.s3-invoke-permission",
    args: S3PermissionArgs::SPEC,
    probe: false,
    reads: &[Read::Function("function"), Read::Bucket("bucket")],
    run: s3_invoke_permission,
};

/// Whether a function's resource policy lets S3 invoke it for a bucket: S3
/// presents the bucket's ARN as aws:SourceArn and the bucket owner as
/// aws:SourceAccount, as the console's trigger does.
fn s3_may_invoke(
    account_id: &str,
    document: &str,
    function_arn: &str,
    bucket_arn: &str,
) -> Result<Decision, policy::PolicyError> {
    let policy = policy::Policy::parse(document)?;
    let context = Context::new()
        .with("aws:SourceArn", bucket_arn)
        .with("aws:SourceAccount", account_id);
    let principal = Principal::Service("s3.amazonaws.com".to_string());
    let request = Request {
        principal: Some(&principal),
        action: "lambda:InvokeFunction",
        resource: function_arn,
        context: &context,
    };
    Ok(policy::evaluate(&[&policy], &request).decision)
}

fn s3_invoke_permission(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<S3PermissionArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let f = match function(ctx, &a.function) {
        Ok(f) => f,
        Err(outcome) => return outcome,
    };
    let (bucket_name, _) = match support::bucket(ctx.account, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let bucket_arn = format!("arn:aws:s3:::{bucket_name}");
    let document = match support::read(&f.resource_policy) {
        Ok(Some(document)) => document,
        Ok(None) => {
            return Outcome::fail(finding!(
                "lambda.s3-permission.missing",
                function = a.function,
                bucket_arn = bucket_arn
            ));
        }
        Err(outcome) => return outcome,
    };
    match s3_may_invoke(&ctx.account.account_id, document, &f.arn, &bucket_arn) {
        Err(e) => Outcome::error(finding!("lambda.resource-policy.invalid", error = e)),
        Ok(Decision::Allow) => Outcome::pass(finding!(
            "lambda.s3-permission.allowed",
            function = a.function,
            bucket = bucket_name
        )),
        Ok(_) => Outcome::fail(finding!(
            "lambda.s3-permission.missing",
            function = a.function,
            bucket_arn = bucket_arn
        )),
    }
}

pub const OBJECT_ACL_PUBLIC_READ: Kind = Kind {
    name: "s3.object-acl-public-read",
    args: ObjectAclArgs::SPEC,
    probe: false,
    reads: &[Read::ObjectAcl {
        bucket: "bucket",
        key: "key",
    }],
    run: object_acl_public_read,
};

/// Public through its ACL = ACLs enabled (Object Ownership not
/// BucketOwnerEnforced) and public ACLs honoured (IgnorePublicAcls off at
/// bucket and account level) and an AllUsers READ grant. BlockPublicAcls
/// does not touch a grant already there; it refuses the `put-object-acl`
/// that would add one, which is why it explains a missing grant.
fn object_acl_public_read(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ObjectAclArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (bucket_name, bucket) = match support::bucket(ctx.account, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let key = a.key.as_str();
    let object = match bucket.objects.get(key) {
        Some(Evidence::Got(object)) => object,
        Some(Evidence::Unreadable(why)) => return support::unreadable(why),
        Some(Evidence::Absent) | None => {
            if let Some(why) = ctx.account.refused("s3:ListBucket", bucket_name) {
                return support::unreadable(why);
            }
            return Outcome::fail(finding!(
                "s3.object.not-found",
                key = key,
                bucket = bucket_name
            ));
        }
    };
    let ownership = match support::read(&bucket.ownership) {
        Ok(o) => o.map_or("ObjectWriter", String::as_str),
        Err(outcome) => return outcome,
    };
    if ownership == BUCKET_OWNER_ENFORCED {
        return Outcome::fail(finding!(
            "s3.object-acl.acls-disabled",
            bucket = bucket_name,
            key = key
        ));
    }
    let account_level = match support::read(&ctx.account.s3.account_public_access_block) {
        Ok(block) => block.copied(),
        Err(outcome) => return outcome,
    };
    let bucket_level = match support::read(&bucket.public_access_block) {
        Ok(block) => block.copied(),
        Err(outcome) => return outcome,
    };
    let grants = match support::read(&object.acl) {
        Ok(grants) => grants.map(Vec::as_slice).unwrap_or_default(),
        Err(outcome) => return outcome,
    };
    let block = PublicAccessBlock::effective(account_level, bucket_level);
    let at_account =
        |pick: fn(&PublicAccessBlock) -> bool| account_level.as_ref().is_some_and(pick);
    let public = grants.iter().any(crate::account::Grant::is_public_read);
    if block.ignore_public_acls {
        return Outcome::fail(match (public, at_account(|b| b.ignore_public_acls)) {
            (true, true) => finding!("s3.object-acl.ignored-account", key = key),
            (true, false) => finding!(
                "s3.object-acl.ignored-bucket",
                key = key,
                bucket = bucket_name
            ),
            (false, true) => finding!("s3.object-acl.blocked-account", key = key),
            (false, false) => finding!(
                "s3.object-acl.blocked-bucket",
                key = key,
                bucket = bucket_name
            ),
        });
    }
    if public {
        return Outcome::pass(finding!(
            "s3.object-acl.public",
            key = key,
            bucket = bucket_name
        ));
    }
    if block.block_public_acls {
        return Outcome::fail(if at_account(|b| b.block_public_acls) {
            finding!("s3.object-acl.blocked-account", key = key)
        } else {
            finding!(
                "s3.object-acl.blocked-bucket",
                key = key,
                bucket = bucket_name
            )
        });
    }
    Outcome::fail(finding!(
        "s3.object-acl.private",
        key = key,
        bucket = bucket_name
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::account::{Account, Evidence, Grant, PublicAccessBlock};

    use super::{Ctx, OBJECT_ACL_PUBLIC_READ};
    use crate::checks::Status;

    const BUCKET: &str = "lab-edu-s3-endpoint-123456789012";
    const KEY: &str = "shiba-inu.jpg";

    fn complete() -> Account {
        crate::sim::load("sns-notify", "ap-northeast-2", "complete")
            .unwrap()
            .account
    }

    fn block(acls: bool, ignore: bool) -> Evidence<PublicAccessBlock> {
        Evidence::Got(PublicAccessBlock {
            block_public_acls: acls,
            ignore_public_acls: ignore,
            ..PublicAccessBlock::default()
        })
    }

    fn verdict(account: &Account) -> (Status, &'static str) {
        let args = BTreeMap::from([
            ("bucket".to_string(), BUCKET.to_string()),
            ("key".to_string(), KEY.to_string()),
        ]);
        let outcome = (OBJECT_ACL_PUBLIC_READ.run)(&Ctx::new(account, args));
        (outcome.status, outcome.finding.code)
    }

    /// Public = ACLs enabled AND public ACLs honoured AND an AllUsers READ
    /// grant; when ownership or Block Public Access is why not, that is the
    /// finding, at the level that set it.
    #[test]
    fn the_acl_verdict_names_ownership_and_block_public_access_before_the_grant() {
        type Case = (
            &'static str,
            bool,
            (bool, bool),
            (bool, bool),
            bool,
            Status,
            &'static str,
        );
        // (name, enforced, account (block, ignore), bucket (block, ignore), grant, status, code)
        let cases: &[Case] = &[
            (
                "public",
                false,
                (false, false),
                (false, false),
                true,
                Status::Pass,
                "s3.object-acl.public",
            ),
            (
                "enforced",
                true,
                (false, false),
                (false, false),
                true,
                Status::Fail,
                "s3.object-acl.acls-disabled",
            ),
            (
                "ignored at account",
                false,
                (false, true),
                (false, false),
                true,
                Status::Fail,
                "s3.object-acl.ignored-account",
            ),
            (
                "ignored at bucket",
                false,
                (false, false),
                (false, true),
                true,
                Status::Fail,
                "s3.object-acl.ignored-bucket",
            ),
            // BlockPublicAcls leaves a grant already there in force.
            (
                "blocked, grant kept",
                false,
                (true, false),
                (true, false),
                true,
                Status::Pass,
                "s3.object-acl.public",
            ),
            (
                "blocked at account",
                false,
                (true, false),
                (false, false),
                false,
                Status::Fail,
                "s3.object-acl.blocked-account",
            ),
            (
                "blocked at bucket",
                false,
                (false, false),
                (true, false),
                false,
                Status::Fail,
                "s3.object-acl.blocked-bucket",
            ),
            (
                "private",
                false,
                (false, false),
                (false, false),
                false,
                Status::Fail,
                "s3.object-acl.private",
            ),
        ];
        for &(name, enforced, account_bpa, bucket_bpa, grant, status, code) in cases {
            let mut account = complete();
            account.s3.account_public_access_block = block(account_bpa.0, account_bpa.1);
            let bucket = account.s3.buckets.get_mut(BUCKET).unwrap();
            bucket.public_access_block = block(bucket_bpa.0, bucket_bpa.1);
            if enforced {
                bucket.ownership = Evidence::Got("BucketOwnerEnforced".into());
            }
            let object = bucket.objects.get_mut(KEY).unwrap().got_mut().unwrap();
            object.acl = Evidence::Got(if grant {
                vec![Grant {
                    grantee: "AllUsers".into(),
                    permission: "READ".into(),
                }]
            } else {
                vec![]
            });
            assert_eq!(verdict(&account), (status, code), "{name}");
        }
    }

    #[test]
    fn an_unreadable_ownership_or_acl_is_an_error_not_a_verdict() {
        let why = crate::account::Unreadable::new(
            "s3:GetBucketOwnershipControls",
            BUCKET,
            "AccessDenied",
        );
        let mut account = complete();
        account.s3.buckets.get_mut(BUCKET).unwrap().ownership = Evidence::Unreadable(why);
        assert_eq!(verdict(&account), (Status::Error, "iam.read.denied-on"));
        let why = crate::account::Unreadable::new("s3:GetObjectAcl", "", "AccessDenied");
        let mut account = complete();
        let bucket = account.s3.buckets.get_mut(BUCKET).unwrap();
        bucket.objects.get_mut(KEY).unwrap().got_mut().unwrap().acl = Evidence::Unreadable(why);
        assert_eq!(verdict(&account), (Status::Error, "iam.read.denied"));
    }
}
