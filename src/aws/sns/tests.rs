//! Mocked reads of the `sns-notify` lab: what moto cannot show (a pending
//! subscription, refusals, ACLs disabled) is pinned here, and every operation
//! the lab calls must be in the shipped policy.

use aws_sdk_dynamodb::error::ErrorMetadata;
use aws_smithy_mocks::{Rule, mock};

use super::{Rules, live, read};
use crate::checks::Status;

const TOPIC_ARN: &str = "arn:aws:sns:ap-northeast-2:123456789012:lab-edu-sns-topic";
const FUNCTION_ARN: &str = "arn:aws:lambda:ap-northeast-2:123456789012:function:lab-edu-sns-lambda";
const ROLE: &str = "lab-edu-sns-lambda-role-k3j2h1";
const BUCKET: &str = "lab-edu-s3-endpoint-123456789012";

/// How the mocked account differs from the finished lab.
#[derive(Default, Clone, Copy)]
struct Twist {
    pending: bool,
    subscriptions_denied: bool,
    configuration_denied: bool,
    owner_enforced: bool,
    suffix_png: bool,
}

fn sns_rules(t: Twist) -> Vec<Rule> {
    use aws_sdk_sns::operation as sns;
    let subscriptions = if t.subscriptions_denied {
        mock!(aws_sdk_sns::Client::list_subscriptions_by_topic).then_error(|| {
            sns::list_subscriptions_by_topic::ListSubscriptionsByTopicError::generic(
                ErrorMetadata::builder()
                    .code("AuthorizationError")
                    .message("not authorized to perform: SNS:ListSubscriptionsByTopic")
                    .build(),
            )
        })
    } else {
        let arn = if t.pending {
            "PendingConfirmation".to_string()
        } else {
            format!("{TOPIC_ARN}:5f2b9c1e")
        };
        mock!(aws_sdk_sns::Client::list_subscriptions_by_topic).then_output(move || {
            sns::list_subscriptions_by_topic::ListSubscriptionsByTopicOutput::builder()
                .subscriptions(
                    aws_sdk_sns::types::Subscription::builder()
                        .protocol("email")
                        .endpoint("student@example.com")
                        .subscription_arn(arn.clone())
                        .topic_arn(TOPIC_ARN)
                        .build(),
                )
                .build()
        })
    };
    vec![
        mock!(aws_sdk_sns::Client::list_topics).then_output(|| {
            sns::list_topics::ListTopicsOutput::builder()
                .topics(
                    aws_sdk_sns::types::Topic::builder()
                        .topic_arn(TOPIC_ARN)
                        .build(),
                )
                .topics(
                    aws_sdk_sns::types::Topic::builder()
                        .topic_arn("arn:aws:sns:ap-northeast-2:123456789012:other")
                        .build(),
                )
                .build()
        }),
        subscriptions,
    ]
}

fn lambda_rules(t: Twist) -> Vec<Rule> {
    use aws_sdk_lambda::operation as lambda;
    let config = || {
        aws_sdk_lambda::types::FunctionConfiguration::builder()
            .function_name("lab-edu-sns-lambda")
            .function_arn(FUNCTION_ARN)
            .runtime(aws_sdk_lambda::types::Runtime::Python312)
            .role(format!(
                "arn:aws:iam::123456789012:role/service-role/{ROLE}"
            ))
            .state(aws_sdk_lambda::types::State::Active)
            .environment(
                aws_sdk_lambda::types::EnvironmentResponse::builder()
                    .variables("TOPIC_ARN", TOPIC_ARN)
                    .variables("DB_PASSWORD", "hunter2")
                    .build(),
            )
            .build()
    };
    let configuration = if t.configuration_denied {
        mock!(aws_sdk_lambda::Client::get_function_configuration).then_error(|| {
            lambda::get_function_configuration::GetFunctionConfigurationError::generic(
                ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .build(),
            )
        })
    } else {
        mock!(aws_sdk_lambda::Client::get_function_configuration).then_output(move || {
            let c = config();
            lambda::get_function_configuration::GetFunctionConfigurationOutput::builder()
                .function_name("lab-edu-sns-lambda")
                .function_arn(FUNCTION_ARN)
                .set_role(c.role)
                .set_environment(c.environment)
                .build()
        })
    };
    vec![
        mock!(aws_sdk_lambda::Client::get_function).then_output(move || {
            lambda::get_function::GetFunctionOutput::builder()
                .configuration(config())
                .build()
        }),
        mock!(aws_sdk_lambda::Client::get_policy).then_output(|| {
            lambda::get_policy::GetPolicyOutput::builder()
                .policy(format!(
                    r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"s3.amazonaws.com"}},"Action":"lambda:InvokeFunction","Resource":"{FUNCTION_ARN}","Condition":{{"ArnLike":{{"AWS:SourceArn":"arn:aws:s3:::{BUCKET}"}}}}}}]}}"#
                ))
                .build()
        }),
        configuration,
    ]
}

fn iam_rules() -> Vec<Rule> {
    use aws_sdk_iam::operation as iam;
    let publish = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sns:Publish","Resource":"{TOPIC_ARN}"}}]}}"#
    );
    vec![
        mock!(aws_sdk_iam::Client::get_role)
            .match_requests(|r| r.role_name() == Some(ROLE))
            .then_output(|| {
                iam::get_role::GetRoleOutput::builder()
                    .role(
                        aws_sdk_iam::types::Role::builder()
                            .role_name(ROLE)
                            .role_id("AROA")
                            .arn(format!(
                                "arn:aws:iam::123456789012:role/service-role/{ROLE}"
                            ))
                            .path("/service-role/")
                            .create_date(aws_sdk_iam::primitives::DateTime::from_secs(0))
                            .assume_role_policy_document(
                                "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D",
                            )
                            .build()
                            .unwrap(),
                    )
                    .build()
            }),
        mock!(aws_sdk_iam::Client::list_attached_role_policies).then_output(|| {
            iam::list_attached_role_policies::ListAttachedRolePoliciesOutput::builder().build()
        }),
        mock!(aws_sdk_iam::Client::list_role_policies).then_output(|| {
            iam::list_role_policies::ListRolePoliciesOutput::builder()
                .policy_names("sns-publish")
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::get_role_policy).then_output(move || {
            iam::get_role_policy::GetRolePolicyOutput::builder()
                .role_name(ROLE)
                .policy_name("sns-publish")
                .policy_document(publish.clone())
                .build()
                .unwrap()
        }),
    ]
}

fn s3_rules(t: Twist) -> Vec<Rule> {
    use aws_sdk_s3::operation as s3;
    use aws_sdk_s3::types::{
        FilterRule, FilterRuleName, Grant, Grantee, LambdaFunctionConfiguration,
        NotificationConfigurationFilter, ObjectOwnership, OwnershipControls, OwnershipControlsRule,
        Permission, S3KeyFilter, Type,
    };
    let owner_grant = || {
        Grant::builder()
            .grantee(
                Grantee::builder()
                    .r#type(Type::CanonicalUser)
                    .id("owner-id")
                    .build()
                    .unwrap(),
            )
            .permission(Permission::FullControl)
            .build()
    };
    let public_grant = || {
        Grant::builder()
            .grantee(
                Grantee::builder()
                    .r#type(Type::Group)
                    .uri("http://acs.amazonaws.com/groups/global/AllUsers")
                    .build()
                    .unwrap(),
            )
            .permission(Permission::Read)
            .build()
    };
    let ownership = if t.owner_enforced {
        ObjectOwnership::BucketOwnerEnforced
    } else {
        ObjectOwnership::ObjectWriter
    };
    vec![
        mock!(aws_sdk_s3::Client::list_buckets).then_output(|| {
            s3::list_buckets::ListBucketsOutput::builder()
                .buckets(aws_sdk_s3::types::Bucket::builder().name(BUCKET).build())
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_bucket_location).then_output(|| {
            s3::get_bucket_location::GetBucketLocationOutput::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::ApNortheast2)
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_public_access_block).then_error(|| {
            s3::get_public_access_block::GetPublicAccessBlockError::generic(
                ErrorMetadata::builder()
                    .code("NoSuchPublicAccessBlockConfiguration")
                    .build(),
            )
        }),
        mock!(aws_sdk_s3::Client::get_bucket_policy).then_error(|| {
            s3::get_bucket_policy::GetBucketPolicyError::generic(
                ErrorMetadata::builder().code("NoSuchBucketPolicy").build(),
            )
        }),
        mock!(aws_sdk_s3::Client::get_bucket_website).then_error(|| {
            s3::get_bucket_website::GetBucketWebsiteError::generic(
                ErrorMetadata::builder().code("NoSuchWebsiteConfiguration").build(),
            )
        }),
        mock!(aws_sdk_s3::Client::list_objects_v2).then_output(|| {
            s3::list_objects_v2::ListObjectsV2Output::builder()
                .contents(aws_sdk_s3::types::Object::builder().key("shiba-inu.jpg").build())
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_bucket_notification_configuration).then_output(move || {
            let mut config = LambdaFunctionConfiguration::builder()
                .lambda_function_arn(FUNCTION_ARN)
                .events(aws_sdk_s3::types::Event::from("s3:ObjectCreated:*"));
            if t.suffix_png {
                config = config.filter(
                    NotificationConfigurationFilter::builder()
                        .key(
                            S3KeyFilter::builder()
                                .filter_rules(
                                    FilterRule::builder()
                                        .name(FilterRuleName::Suffix)
                                        .value(".png")
                                        .build(),
                                )
                                .build(),
                        )
                        .build(),
                );
            }
            s3::get_bucket_notification_configuration::GetBucketNotificationConfigurationOutput::builder()
                .lambda_function_configurations(config.build().unwrap())
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_bucket_ownership_controls).then_output(move || {
            s3::get_bucket_ownership_controls::GetBucketOwnershipControlsOutput::builder()
                .ownership_controls(
                    OwnershipControls::builder()
                        .rules(
                            OwnershipControlsRule::builder()
                                .object_ownership(ownership.clone())
                                .build()
                                .unwrap(),
                        )
                        .build()
                        .unwrap(),
                )
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_object_acl).then_output(move || {
            // With ACLs disabled S3 answers with the owner's grant only.
            let mut out = s3::get_object_acl::GetObjectAclOutput::builder().grants(owner_grant());
            if !t.owner_enforced {
                out = out.grants(public_grant());
            }
            out.build()
        }),
    ]
}

fn s3control_rules() -> Vec<Rule> {
    vec![mock!(aws_sdk_s3control::Client::get_public_access_block).then_error(|| {
        aws_sdk_s3control::operation::get_public_access_block::GetPublicAccessBlockError::generic(
            ErrorMetadata::builder()
                .code("NoSuchPublicAccessBlockConfiguration")
                .build(),
        )
    })]
}

/// Reads the mocked account for the lab and evaluates it.
fn verify(
    t: Twist,
) -> (
    super::Live,
    crate::account::Account,
    crate::checks::LabResult,
) {
    let live = live(Rules {
        iam: iam_rules(),
        lambda: lambda_rules(t),
        s3: s3_rules(t),
        s3control: s3control_rules(),
        sns: sns_rules(t),
        ..Rules::default()
    });
    let lab = crate::lab::load("sns-notify").unwrap();
    let values = lab.values(&[]).unwrap();
    let needs = crate::engine::needs(&lab, &values);
    let account = read(&live, &needs);
    let result = crate::engine::evaluate(&lab, &values, &account);
    (live, account, result)
}

fn status(result: &crate::checks::LabResult, id: &str) -> (Status, &'static str) {
    let check = result.check(id).unwrap();
    (check.status, check.finding.code)
}

#[test]
fn the_finished_lab_reads_as_passing_with_calls_the_policy_allows() {
    let (live, account, result) = verify(Twist::default());
    let failing: Vec<_> = result
        .checks()
        .filter(|c| c.status != Status::Pass)
        .map(|c| format!("{} {:?} {:?}", c.id, c.status, c.finding))
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
    // The address is masked before it reaches the model; secrets in the
    // environment are not kept.
    let topic = &account.sns.topics["lab-edu-sns-topic"];
    let subscriptions = topic.subscriptions.got().unwrap();
    assert_eq!(subscriptions[0].endpoint, "s******@example.com");
    let env = &account.lambda["lab-edu-sns-lambda"].environment;
    assert_eq!(env.len(), 1, "{env:?}");
    assert_eq!(env["TOPIC_ARN"], TOPIC_ARN);
    // Only the topic the lab names is read for subscriptions.
    assert!(account.sns.topics["other"].subscriptions.is_absent());

    let policy: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/iam/labcheck-readonly.json")).unwrap();
    let allowed: Vec<&str> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let calls = live.calls();
    for new in [
        "sns:ListTopics",
        "sns:ListSubscriptionsByTopic",
        "lambda:GetFunctionConfiguration",
        "s3:GetBucketNotification",
        "s3:GetBucketOwnershipControls",
        "s3:GetObjectAcl",
    ] {
        assert!(
            calls.iter().any(|c| c == new),
            "{new} not called: {calls:?}"
        );
    }
    let outside: Vec<&String> = calls
        .iter()
        .filter(|c| !allowed.contains(&c.as_str()))
        .collect();
    assert!(outside.is_empty(), "not in the policy: {outside:?}");
}

#[test]
fn a_pending_subscription_is_pending_with_the_address_masked() {
    let (_, _, result) = verify(Twist {
        pending: true,
        ..Twist::default()
    });
    assert_eq!(
        status(&result, "email-confirmed"),
        (Status::Pending, "sns.subscription.pending")
    );
    let finding = &result.check("email-confirmed").unwrap().finding;
    assert!(!finding.args["endpoint"].contains("student"), "{finding:?}");
}

#[test]
fn a_refused_subscription_list_is_an_error_naming_the_action() {
    let (_, _, result) = verify(Twist {
        subscriptions_denied: true,
        ..Twist::default()
    });
    let check = result.check("email-confirmed").unwrap();
    assert_eq!(check.status, Status::Error, "{:?}", check.finding);
    assert_eq!(check.finding.args["action"], "sns:ListSubscriptionsByTopic");
}

#[test]
fn a_refused_function_configuration_leaves_role_and_environment_unknown() {
    let (_, account, result) = verify(Twist {
        configuration_denied: true,
        ..Twist::default()
    });
    assert!(
        account.iam.roles.is_empty(),
        "no role can be read without it"
    );
    for id in ["role-can-publish", "function-knows-topic"] {
        let check = result.check(id).unwrap();
        assert_eq!(check.status, Status::Error, "{id}: {:?}", check.finding);
        assert_eq!(
            check.finding.args["action"],
            "lambda:GetFunctionConfiguration"
        );
    }
}

#[test]
fn acls_disabled_by_object_ownership_is_the_reason_given() {
    let (_, _, result) = verify(Twist {
        owner_enforced: true,
        ..Twist::default()
    });
    assert_eq!(
        status(&result, "image-public-acl"),
        (Status::Fail, "s3.object-acl.acls-disabled")
    );
}

#[test]
fn a_suffix_filter_that_excludes_the_key_is_read_from_the_rules() {
    let (_, _, result) = verify(Twist {
        suffix_png: true,
        ..Twist::default()
    });
    assert_eq!(
        status(&result, "s3-trigger"),
        (Status::Fail, "s3.trigger.filter-excludes")
    );
    assert_eq!(
        result.check("s3-trigger").unwrap().finding.args["suffix"],
        ".png"
    );
}
