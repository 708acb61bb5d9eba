//! Adapter tests on mocked SDK clients (aws-smithy-mocks): outputs mapped to
//! the model, not found, access denied, throttling then success, pagination,
//! and every operation the code calls being in the shipped policy. No test
//! here reaches a network.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::error::ErrorMetadata;
use aws_smithy_mocks::{Rule, RuleMode, mock, mock_client};

use super::{CallLog, Live, Progress, SharedLog};
use crate::account::Needs;

const REGION: &str = "ap-northeast-2";

/// Rules for each service; a service given none answers nothing.
#[derive(Default)]
struct Rules {
    sts: Vec<Rule>,
    iam: Vec<Rule>,
    dynamodb: Vec<Rule>,
    lambda: Vec<Rule>,
    apigateway: Vec<Rule>,
    s3: Vec<Rule>,
    s3control: Vec<Rule>,
    logs: Vec<Rule>,
    #[cfg_attr(not(feature = "ec2"), allow(dead_code))]
    ec2: Vec<Rule>,
    #[cfg_attr(not(feature = "ec2"), allow(dead_code))]
    elbv2: Vec<Rule>,
    #[cfg_attr(not(feature = "ec2"), allow(dead_code))]
    autoscaling: Vec<Rule>,
    #[cfg_attr(not(feature = "ec2"), allow(dead_code))]
    acm: Vec<Rule>,
    sns: Vec<Rule>,
}

fn caller() -> Rule {
    mock!(aws_sdk_sts::Client::get_caller_identity).then_output(|| {
        aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput::builder()
            .account("123456789012")
            .arn("arn:aws:iam::123456789012:user/admin")
            .build()
    })
}

fn live(mut rules: Rules) -> Live {
    if rules.sts.is_empty() {
        rules.sts.push(caller());
    }
    let log = Arc::new(CallLog::default());
    macro_rules! client {
        ($krate:ident, $rules:expr) => {{
            let rules: Vec<&Rule> = $rules.iter().collect();
            let log = log.clone();
            mock_client!($krate, RuleMode::MatchAny, &rules, |c| c
                .region(Region::new(REGION))
                .interceptor(SharedLog(log.clone()))
                // Retries as in production, but quick.
                .retry_config(
                    RetryConfig::standard()
                        .with_max_attempts(5)
                        .with_initial_backoff(Duration::from_millis(1))
                ))
        }};
    }
    let sdk = SdkConfig::builder()
        .region(Region::new(REGION))
        .behavior_version(BehaviorVersion::latest())
        .http_client(aws_smithy_mocks::create_mock_http_client())
        .build();
    Live {
        sts: client!(aws_sdk_sts, rules.sts),
        iam: client!(aws_sdk_iam, rules.iam),
        dynamodb: client!(aws_sdk_dynamodb, rules.dynamodb),
        lambda: client!(aws_sdk_lambda, rules.lambda),
        apigateway: client!(aws_sdk_apigateway, rules.apigateway),
        s3: client!(aws_sdk_s3, rules.s3),
        s3control: client!(aws_sdk_s3control, rules.s3control),
        logs: client!(aws_sdk_cloudwatchlogs, rules.logs),
        #[cfg(feature = "ec2")]
        ec2: client!(aws_sdk_ec2, rules.ec2),
        #[cfg(feature = "ec2")]
        elbv2: client!(aws_sdk_elasticloadbalancingv2, rules.elbv2),
        #[cfg(feature = "ec2")]
        autoscaling: client!(aws_sdk_autoscaling, rules.autoscaling),
        #[cfg(feature = "ec2")]
        acm: client!(aws_sdk_acm, rules.acm),
        sns: client!(aws_sdk_sns, rules.sns),
        endpoint: None,
        probe: false,
        other_regions: false,
        log,
        refused: Arc::default(),
        sdk,
    }
}

fn read(live: &Live, needs: &Needs) -> crate::account::Account {
    try_read(live, needs).expect("read succeeds")
}

/// The read's outcome, for tests of what ends a read.
fn try_read(live: &Live, needs: &Needs) -> Result<crate::account::Account, super::AwsError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(live.read(needs, &|_: Progress| {}))
}

fn needs_table() -> Needs {
    Needs {
        tables: BTreeSet::from(["hello-member".to_string()]),
        table_items: BTreeSet::from(["hello-member".to_string()]),
        ..Needs::default()
    }
}

fn described_table() -> aws_sdk_dynamodb::operation::describe_table::DescribeTableOutput {
    use aws_sdk_dynamodb::types::*;
    let table = TableDescription::builder()
        .table_name("hello-member")
        .table_arn("arn:aws:dynamodb:ap-northeast-2:123456789012:table/hello-member")
        .table_status(TableStatus::Creating)
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("name")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("name")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .build();
    aws_sdk_dynamodb::operation::describe_table::DescribeTableOutput::builder()
        .table(table)
        .build()
}

fn scanned(count: i32) -> Rule {
    mock!(aws_sdk_dynamodb::Client::scan).then_output(move || {
        aws_sdk_dynamodb::operation::scan::ScanOutput::builder()
            .count(count)
            .build()
    })
}

#[test]
fn a_described_table_maps_to_the_model() {
    let live = live(Rules {
        dynamodb: vec![
            mock!(aws_sdk_dynamodb::Client::describe_table).then_output(described_table),
            scanned(1),
        ],
        ..Rules::default()
    });
    let account = read(&live, &needs_table());
    let table = &account.dynamodb["hello-member"];
    assert_eq!(table.status, "CREATING");
    let key = table.partition_key.as_ref().unwrap();
    assert_eq!((key.name.as_str(), key.kind.as_str()), ("name", "S"));
    assert_eq!(table.item_count, 1);
    assert_eq!(account.account_id, "123456789012");
    assert_eq!(account.region, REGION);
    assert!(account.unreadable.is_empty());
}

#[test]
fn a_missing_table_is_absent_and_its_neighbours_are_named() {
    use aws_sdk_dynamodb::operation::describe_table::DescribeTableError;
    use aws_sdk_dynamodb::types::error::ResourceNotFoundException;
    let live = live(Rules {
        dynamodb: vec![
            mock!(aws_sdk_dynamodb::Client::describe_table).then_error(|| {
                DescribeTableError::ResourceNotFoundException(
                    ResourceNotFoundException::builder()
                        .message("Requested resource not found")
                        .meta(
                            ErrorMetadata::builder()
                                .code("ResourceNotFoundException")
                                .build(),
                        )
                        .build(),
                )
            }),
            mock!(aws_sdk_dynamodb::Client::scan).then_error(|| {
                aws_sdk_dynamodb::operation::scan::ScanError::generic(
                    ErrorMetadata::builder()
                        .code("ResourceNotFoundException")
                        .build(),
                )
            }),
            mock!(aws_sdk_dynamodb::Client::list_tables).then_output(|| {
                aws_sdk_dynamodb::operation::list_tables::ListTablesOutput::builder()
                    .table_names("hello_member")
                    .build()
            }),
        ],
        ..Rules::default()
    });
    let account = read(&live, &needs_table());
    assert!(!account.dynamodb.contains_key("hello-member"));
    assert!(account.dynamodb.contains_key("hello_member"));
    assert!(account.unreadable.is_empty());
}

#[test]
fn access_denied_is_recorded_for_the_checks_not_treated_as_missing() {
    let denied = || {
        aws_sdk_dynamodb::operation::describe_table::DescribeTableError::generic(
            ErrorMetadata::builder()
                .code("AccessDeniedException")
                .message("not authorized to perform: dynamodb:DescribeTable")
                .build(),
        )
    };
    let live = live(Rules {
        dynamodb: vec![
            mock!(aws_sdk_dynamodb::Client::describe_table).then_error(denied),
            scanned(0),
            mock!(aws_sdk_dynamodb::Client::list_tables).then_output(|| {
                aws_sdk_dynamodb::operation::list_tables::ListTablesOutput::builder().build()
            }),
        ],
        ..Rules::default()
    });
    let account = read(&live, &needs_table());
    let why = account
        .refused("dynamodb:DescribeTable", "hello-member")
        .expect("the refusal is recorded against the table");
    assert_eq!(why.reason, "AccessDeniedException");
    // The check that needed it says so, instead of "not found".
    let lab = crate::lab::load("serverless").unwrap();
    let values = lab.values(&[]).unwrap();
    let result = crate::engine::evaluate(&lab, &values, &account);
    let check = result.check("table-exists").unwrap();
    assert_eq!(check.status, crate::checks::Status::Error);
    assert_eq!(
        check.finding.code, "iam.read.denied-on",
        "{:?}",
        check.finding
    );
    assert_eq!(check.finding.args["action"], "dynamodb:DescribeTable");
}

#[test]
fn throttling_is_retried_until_it_succeeds() {
    let throttled = || {
        aws_sdk_dynamodb::operation::describe_table::DescribeTableError::generic(
            ErrorMetadata::builder()
                .code("ThrottlingException")
                .message("Rate exceeded")
                .build(),
        )
    };
    let describe = mock!(aws_sdk_dynamodb::Client::describe_table)
        .sequence()
        .error(throttled)
        .times(2)
        .output(described_table)
        .build();
    let live = live(Rules {
        dynamodb: vec![describe.clone(), scanned(1)],
        ..Rules::default()
    });
    let account = read(&live, &needs_table());
    assert!(account.dynamodb.contains_key("hello-member"));
    assert_eq!(describe.num_calls(), 3);
}

#[test]
fn expired_credentials_stop_the_read_with_what_to_do() {
    let live = live(Rules {
        sts: vec![
            mock!(aws_sdk_sts::Client::get_caller_identity).then_error(|| {
                aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError::generic(
                    ErrorMetadata::builder()
                        .code("ExpiredToken")
                        .message("The security token included in the request is expired")
                        .build(),
                )
            }),
        ],
        ..Rules::default()
    });
    let error = try_read(&live, &needs_table()).expect_err("no account without credentials");
    let text = error.to_string();
    assert!(text.contains("ExpiredToken"), "{text}");
    assert!(text.contains("aws sts get-caller-identity"), "{text}");
}

#[test]
fn every_page_of_users_is_read_and_documents_are_decoded() {
    use aws_sdk_iam::operation::*;
    use aws_sdk_iam::types::*;
    let user = |name: &str| {
        User::builder()
            .user_name(name)
            .user_id(name)
            .arn(format!("arn:aws:iam::123456789012:user/{name}"))
            .path("/")
            .create_date(aws_sdk_iam::primitives::DateTime::from_secs(0))
            .build()
            .unwrap()
    };
    let (first, second) = (user("alice"), user("admin"));
    let pages = mock!(aws_sdk_iam::Client::list_users)
        .sequence()
        .output(move || {
            list_users::ListUsersOutput::builder()
                .users(first.clone())
                .is_truncated(true)
                .marker("page-2")
                .build()
                .unwrap()
        })
        .output(move || {
            list_users::ListUsersOutput::builder()
                .users(second.clone())
                .is_truncated(false)
                .build()
                .unwrap()
        })
        .build();
    let inline = mock!(aws_sdk_iam::Client::list_user_policies)
        .match_requests(|r| r.user_name() == Some("admin"))
        .then_output(|| {
            list_user_policies::ListUserPoliciesOutput::builder()
                .policy_names("everything")
                .build()
                .unwrap()
        });
    let no_inline = mock!(aws_sdk_iam::Client::list_user_policies).then_output(|| {
        list_user_policies::ListUserPoliciesOutput::builder()
            .set_policy_names(Some(vec![]))
            .build()
            .unwrap()
    });
    let document = mock!(aws_sdk_iam::Client::get_user_policy).then_output(|| {
        get_user_policy::GetUserPolicyOutput::builder()
            .user_name("admin")
            .policy_name("everything")
            .policy_document(
                "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D",
            )
            .build()
            .unwrap()
    });
    let no_groups = mock!(aws_sdk_iam::Client::list_groups_for_user).then_output(|| {
        list_groups_for_user::ListGroupsForUserOutput::builder()
            .set_groups(Some(vec![]))
            .build()
            .unwrap()
    });
    let no_attached = mock!(aws_sdk_iam::Client::list_attached_user_policies).then_output(|| {
        list_attached_user_policies::ListAttachedUserPoliciesOutput::builder().build()
    });
    let live = live(Rules {
        iam: vec![
            pages.clone(),
            inline,
            no_inline,
            document,
            no_groups,
            no_attached,
        ],
        ..Rules::default()
    });
    let needs = Needs {
        users: true,
        ..Needs::default()
    };
    let account = read(&live, &needs);
    assert_eq!(pages.num_calls(), 2);
    let names: Vec<&str> = account.iam.users.keys().map(String::as_str).collect();
    assert_eq!(names, ["admin", "alice"]);
    let doc = account.iam.users["admin"].inline_policies["everything"]
        .got()
        .expect("read");
    assert!(doc.starts_with("{\"Version\":\"2012-10-17\""), "{doc}");
    let policy = crate::policy::Policy::parse(doc).unwrap();
    assert!(crate::policy::allows_everything(&[&policy]));
}

#[test]
fn every_operation_called_is_in_the_least_privilege_policy() {
    let policy: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/iam/labcheck-readonly.json")).unwrap();
    let allowed: BTreeSet<String> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let live = full_account();
    let lab = crate::lab::load("serverless").unwrap();
    let values = lab.values(&[]).unwrap();
    let needs = crate::engine::needs(&lab, &values);
    let account = read(&live, &needs);
    let calls: BTreeSet<String> = live.calls().into_iter().collect();
    assert!(
        calls.len() >= 20,
        "only {} kinds of call: {calls:?}",
        calls.len()
    );
    let outside: Vec<&String> = calls.difference(&allowed).collect();
    assert!(
        outside.is_empty(),
        "called but not in docs/iam/labcheck-readonly.json: {outside:?}"
    );
    // And the account read that way passes the lab but for the probes.
    let result = crate::engine::evaluate(&lab, &values, &account);
    let failing: Vec<_> = result
        .checks()
        .filter(|c| c.status != crate::checks::Status::Pass && c.counted)
        .map(|c| format!("{} {:?} {:?}", c.id, c.status, c.finding))
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
}

/// An account with the whole workshop, every operation answered.
fn full_account() -> Live {
    use aws_sdk_iam::operation as iam;
    let encode = |doc: &str| {
        doc.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                b => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    let admin = encode(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    );
    let trust = encode(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
    );
    let put = encode(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"arn:aws:dynamodb:ap-northeast-2:123456789012:table/*"}]}"#,
    );
    let managed = "arn:aws:iam::aws:policy/AdministratorAccess";
    let user = aws_sdk_iam::types::User::builder()
        .user_name("admin")
        .user_id("AIDA")
        .arn("arn:aws:iam::123456789012:user/admin")
        .path("/")
        .create_date(aws_sdk_iam::primitives::DateTime::from_secs(0))
        .build()
        .unwrap();
    let group = aws_sdk_iam::types::Group::builder()
        .group_name("Admins")
        .group_id("AGPA")
        .arn("arn:aws:iam::123456789012:group/Admins")
        .path("/")
        .create_date(aws_sdk_iam::primitives::DateTime::from_secs(0))
        .build()
        .unwrap();
    let role = aws_sdk_iam::types::Role::builder()
        .role_name("my-lambda-role")
        .role_id("AROA")
        .arn("arn:aws:iam::123456789012:role/my-lambda-role")
        .path("/")
        .create_date(aws_sdk_iam::primitives::DateTime::from_secs(0))
        .assume_role_policy_document(trust)
        .build()
        .unwrap();
    let attached = aws_sdk_iam::types::AttachedPolicy::builder()
        .policy_arn(managed)
        .policy_name("AdministratorAccess")
        .build();
    let iam_rules = vec![
        mock!(aws_sdk_iam::Client::list_users).then_output(move || {
            iam::list_users::ListUsersOutput::builder()
                .users(user.clone())
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::list_groups_for_user).then_output(move || {
            iam::list_groups_for_user::ListGroupsForUserOutput::builder()
                .groups(group.clone())
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::list_attached_user_policies).then_output(|| {
            iam::list_attached_user_policies::ListAttachedUserPoliciesOutput::builder().build()
        }),
        mock!(aws_sdk_iam::Client::list_user_policies).then_output(|| {
            iam::list_user_policies::ListUserPoliciesOutput::builder()
                .set_policy_names(Some(vec![]))
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::list_attached_group_policies).then_output(move || {
            iam::list_attached_group_policies::ListAttachedGroupPoliciesOutput::builder()
                .attached_policies(attached.clone())
                .build()
        }),
        mock!(aws_sdk_iam::Client::list_group_policies).then_output(|| {
            iam::list_group_policies::ListGroupPoliciesOutput::builder()
                .policy_names("inline-admin")
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::get_group_policy).then_output({
            let admin = admin.clone();
            move || {
                iam::get_group_policy::GetGroupPolicyOutput::builder()
                    .group_name("Admins")
                    .policy_name("inline-admin")
                    .policy_document(admin.clone())
                    .build()
                    .unwrap()
            }
        }),
        mock!(aws_sdk_iam::Client::get_role).then_output(move || {
            iam::get_role::GetRoleOutput::builder()
                .role(role.clone())
                .build()
        }),
        mock!(aws_sdk_iam::Client::list_attached_role_policies).then_output(|| {
            iam::list_attached_role_policies::ListAttachedRolePoliciesOutput::builder().build()
        }),
        mock!(aws_sdk_iam::Client::list_role_policies).then_output(|| {
            iam::list_role_policies::ListRolePoliciesOutput::builder()
                .policy_names("put")
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::get_role_policy).then_output(move || {
            iam::get_role_policy::GetRolePolicyOutput::builder()
                .role_name("my-lambda-role")
                .policy_name("put")
                .policy_document(put.clone())
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::get_policy).then_output(move || {
            iam::get_policy::GetPolicyOutput::builder()
                .policy(
                    aws_sdk_iam::types::Policy::builder()
                        .arn(managed)
                        .policy_name("AdministratorAccess")
                        .default_version_id("v1")
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_iam::Client::get_policy_version).then_output(move || {
            iam::get_policy_version::GetPolicyVersionOutput::builder()
                .policy_version(
                    aws_sdk_iam::types::PolicyVersion::builder()
                        .document(admin.clone())
                        .version_id("v1")
                        .is_default_version(true)
                        .build(),
                )
                .build()
        }),
    ];

    let item_described = || {
        let mut output = described_table();
        if let Some(t) = output.table.as_mut() {
            t.table_status = Some(aws_sdk_dynamodb::types::TableStatus::Active);
        }
        output
    };
    let function_arn = "arn:aws:lambda:ap-northeast-2:123456789012:function:api-service-create";
    let lambda_rules = vec![
        mock!(aws_sdk_lambda::Client::get_function).then_output(move || {
            aws_sdk_lambda::operation::get_function::GetFunctionOutput::builder()
                .configuration(
                    aws_sdk_lambda::types::FunctionConfiguration::builder()
                        .function_name("api-service-create")
                        .function_arn(function_arn)
                        .runtime(aws_sdk_lambda::types::Runtime::Python313)
                        .role("arn:aws:iam::123456789012:role/my-lambda-role")
                        .state(aws_sdk_lambda::types::State::Active)
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_lambda::Client::get_policy).then_output(move || {
            aws_sdk_lambda::operation::get_policy::GetPolicyOutput::builder()
                .policy(format!(
                    r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"apigateway.amazonaws.com"}},"Action":"lambda:InvokeFunction","Resource":"{function_arn}","Condition":{{"ArnLike":{{"AWS:SourceArn":"arn:aws:execute-api:ap-northeast-2:123456789012:abc123/*/GET/"}}}}}}]}}"#
                ))
                .build()
        }),
    ];

    use aws_sdk_apigateway::operation as apigw;
    let apigateway_rules = vec![
        mock!(aws_sdk_apigateway::Client::get_rest_apis).then_output(|| {
            apigw::get_rest_apis::GetRestApisOutput::builder()
                .items(aws_sdk_apigateway::types::RestApi::builder().id("abc123").name("my-api").build())
                .build()
        }),
        mock!(aws_sdk_apigateway::Client::get_resources).then_output(|| {
            let methods = [
                ("GET".to_string(), aws_sdk_apigateway::types::Method::builder().build()),
                ("OPTIONS".to_string(), aws_sdk_apigateway::types::Method::builder().build()),
            ];
            apigw::get_resources::GetResourcesOutput::builder()
                .items(
                    aws_sdk_apigateway::types::Resource::builder()
                        .id("root")
                        .path("/")
                        .set_resource_methods(Some(methods.into_iter().collect()))
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_apigateway::Client::get_method)
            .match_requests(|r| r.http_method() == Some("GET"))
            .then_output(move || {
                apigw::get_method::GetMethodOutput::builder()
                    .http_method("GET")
                    .authorization_type("NONE")
                    .method_integration(
                        aws_sdk_apigateway::types::Integration::builder()
                            .r#type(aws_sdk_apigateway::types::IntegrationType::AwsProxy)
                            .uri(format!(
                                "arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/{function_arn}/invocations"
                            ))
                            .build(),
                    )
                    .build()
            }),
        mock!(aws_sdk_apigateway::Client::get_method).then_output(|| {
            let response = aws_sdk_apigateway::types::IntegrationResponse::builder()
                .status_code("200")
                .response_parameters("method.response.header.Access-Control-Allow-Origin", "'*'")
                .response_parameters("method.response.header.Access-Control-Allow-Methods", "'GET,OPTIONS'")
                .build();
            apigw::get_method::GetMethodOutput::builder()
                .http_method("OPTIONS")
                .authorization_type("NONE")
                .method_integration(
                    aws_sdk_apigateway::types::Integration::builder()
                        .r#type(aws_sdk_apigateway::types::IntegrationType::Mock)
                        .integration_responses("200", response)
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_apigateway::Client::get_stages).then_output(|| {
            apigw::get_stages::GetStagesOutput::builder()
                .item(
                    aws_sdk_apigateway::types::Stage::builder()
                        .stage_name("dev")
                        .deployment_id("d1")
                        .build(),
                )
                .build()
        }),
    ];

    use aws_sdk_s3::operation as s3;
    let bucket = "my-bucket-1";
    let s3_rules = vec![
        mock!(aws_sdk_s3::Client::list_buckets).then_output(move || {
            s3::list_buckets::ListBucketsOutput::builder()
                .buckets(aws_sdk_s3::types::Bucket::builder().name(bucket).build())
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_bucket_location).then_output(|| {
            s3::get_bucket_location::GetBucketLocationOutput::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::ApNortheast2)
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_public_access_block).then_output(|| {
            s3::get_public_access_block::GetPublicAccessBlockOutput::builder()
                .public_access_block_configuration(
                    aws_sdk_s3::types::PublicAccessBlockConfiguration::builder()
                        .block_public_acls(false)
                        .ignore_public_acls(false)
                        .block_public_policy(false)
                        .restrict_public_buckets(false)
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_bucket_policy).then_output(move || {
            s3::get_bucket_policy::GetBucketPolicyOutput::builder()
                .policy(format!(
                    r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{bucket}/*"}}]}}"#
                ))
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_bucket_website).then_output(|| {
            s3::get_bucket_website::GetBucketWebsiteOutput::builder()
                .index_document(
                    aws_sdk_s3::types::IndexDocument::builder()
                        .suffix("index.html")
                        .build()
                        .unwrap(),
                )
                .build()
        }),
        mock!(aws_sdk_s3::Client::list_objects_v2).then_output(|| {
            s3::list_objects_v2::ListObjectsV2Output::builder()
                .contents(aws_sdk_s3::types::Object::builder().key("index.html").build())
                .build()
        }),
        mock!(aws_sdk_s3::Client::get_object).then_output(|| {
            s3::get_object::GetObjectOutput::builder()
                .content_type("text/html")
                .body(aws_sdk_s3::primitives::ByteStream::from_static(
                    b"<button onclick=\"fetch('https://abc123.execute-api.ap-northeast-2.amazonaws.com/dev')\">Go</button>",
                ))
                .build()
        }),
    ];
    let s3control_rules =
        vec![mock!(aws_sdk_s3control::Client::get_public_access_block).then_error(|| {
        aws_sdk_s3control::operation::get_public_access_block::GetPublicAccessBlockError::generic(
            ErrorMetadata::builder()
                .code("NoSuchPublicAccessBlockConfiguration")
                .build(),
        )
    })];

    live(Rules {
        iam: iam_rules,
        dynamodb: vec![
            mock!(aws_sdk_dynamodb::Client::describe_table).then_output(item_described),
            scanned(1),
        ],
        lambda: lambda_rules,
        apigateway: apigateway_rules,
        s3: s3_rules,
        s3control: s3control_rules,
        ..Rules::default()
    })
}

/// An HTTP answer as an emulator or a proxy might give it.
fn raw_response(status: u16, body: &'static str) -> aws_smithy_runtime_api::http::Response {
    aws_smithy_runtime_api::http::Response::new(
        aws_smithy_runtime_api::http::StatusCode::try_from(status).unwrap(),
        aws_sdk_s3::primitives::SdkBody::from(body),
    )
}

/// moto answers a refusal with an XML body even for JSON services: the SDK
/// cannot parse a code out of it, but a 403 is a refusal all the same. It
/// must make only the checks that needed the call `error`, not end the run.
#[test]
fn a_403_with_an_xml_body_on_a_json_service_is_a_refusal() {
    let xml = "<ErrorResponse><Error><Code>AccessDenied</Code><Message>nope</Message></Error></ErrorResponse>";
    let live = live(Rules {
        dynamodb: vec![
            mock!(aws_sdk_dynamodb::Client::describe_table)
                .then_http_response(move || raw_response(403, xml)),
            scanned(1),
            mock!(aws_sdk_dynamodb::Client::list_tables).then_output(|| {
                aws_sdk_dynamodb::operation::list_tables::ListTablesOutput::builder().build()
            }),
        ],
        ..Rules::default()
    });
    let account = read(&live, &needs_table());
    assert!(
        account
            .refused("dynamodb:DescribeTable", "hello-member")
            .is_some_and(|why| why.reason == "HTTP 403"),
        "{:?}",
        account.unreadable
    );
    let lab = crate::lab::load("serverless").unwrap();
    let values = lab.values(&[]).unwrap();
    let result = crate::engine::evaluate(&lab, &values, &account);
    assert_eq!(
        result.check("table-exists").unwrap().status,
        crate::checks::Status::Error
    );
}

/// A 401 or 403 with no body at all (some S3 refusals) is a refusal too.
#[test]
fn a_403_with_no_body_is_a_refusal() {
    let live = live(Rules {
        lambda: vec![
            mock!(aws_sdk_lambda::Client::get_function)
                .then_http_response(|| raw_response(403, "")),
            mock!(aws_sdk_lambda::Client::get_policy).then_http_response(|| raw_response(401, "")),
            mock!(aws_sdk_lambda::Client::list_functions).then_output(|| {
                aws_sdk_lambda::operation::list_functions::ListFunctionsOutput::builder().build()
            }),
        ],
        ..Rules::default()
    });
    let needs = Needs {
        functions: BTreeSet::from(["api-service-create".to_string()]),
        ..Needs::default()
    };
    let account = read(&live, &needs);
    assert!(
        account
            .refused("lambda:GetFunction", "api-service-create")
            .is_some_and(|why| why.reason == "HTTP 403"),
        "{:?}",
        account.unreadable
    );
    assert!(account.lambda.is_empty());
}

/// A role with three inline policies, the second of which may not be read
/// (GetRolePolicy answers 403 for it alone). `allow` and `third` are the
/// documents of the readable two.
fn role_with_an_unreadable_policy(allow: &'static str, third: &'static str) -> Live {
    use aws_sdk_iam::operation::*;
    let role = mock!(aws_sdk_iam::Client::get_role).then_output(|| {
        get_role::GetRoleOutput::builder()
            .role(
                aws_sdk_iam::types::Role::builder()
                    .role_name("my-lambda-role")
                    .arn("arn:aws:iam::123456789012:role/my-lambda-role")
                    .path("/")
                    .role_id("AROAEXAMPLE")
                    .create_date(aws_sdk_iam::primitives::DateTime::from_secs(0))
                    .assume_role_policy_document("%7B%7D")
                    .build()
                    .unwrap(),
            )
            .build()
    });
    let attached = mock!(aws_sdk_iam::Client::list_attached_role_policies).then_output(|| {
        list_attached_role_policies::ListAttachedRolePoliciesOutput::builder().build()
    });
    let names = mock!(aws_sdk_iam::Client::list_role_policies).then_output(|| {
        list_role_policies::ListRolePoliciesOutput::builder()
            .policy_names("first")
            .policy_names("second")
            .policy_names("third")
            .build()
            .unwrap()
    });
    let document = |name: &'static str, body: &'static str| {
        mock!(aws_sdk_iam::Client::get_role_policy)
            .match_requests(move |r| r.policy_name() == Some(name))
            .then_output(move || {
                get_role_policy::GetRolePolicyOutput::builder()
                    .role_name("my-lambda-role")
                    .policy_name(name)
                    .policy_document(body)
                    .build()
                    .unwrap()
            })
    };
    let refused = mock!(aws_sdk_iam::Client::get_role_policy)
        .match_requests(|r| r.policy_name() == Some("second"))
        .then_http_response(|| {
            raw_response(
                403,
                "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>",
            )
        });
    live(Rules {
        iam: vec![
            role,
            attached,
            names,
            refused,
            document("first", allow),
            document("third", third),
        ],
        ..Rules::default()
    })
}

const PUT_ITEM_ALLOWED: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"*"}]}"#;
const PUT_ITEM_DENIED: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"dynamodb:*","Resource":"*"}]}"#;
const NOTHING: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#;

/// The `iam.role-allows` kind on what was read, alone (the lab's other
/// checks would skip it for want of a table).
fn role_verdict(live: &Live) -> crate::checks::Outcome {
    let needs = Needs {
        roles: BTreeSet::from(["my-lambda-role".to_string()]),
        ..Needs::default()
    };
    let account = read(live, &needs);
    let args = [
        ("role", "my-lambda-role"),
        ("action", "dynamodb:PutItem"),
        (
            "resource",
            "arn:aws:dynamodb:ap-northeast-2:123456789012:table/hello-member",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let kind = crate::checks::kind("iam.role-allows").unwrap();
    (kind.run)(&crate::checks::Ctx::new(&account, args))
}

/// The readable policies allow PutItem, but the unread one might deny it:
/// that is `error` naming iam:GetRolePolicy, never a pass.
#[test]
fn an_unreadable_inline_policy_beside_an_allow_is_an_error() {
    let live = role_with_an_unreadable_policy(PUT_ITEM_ALLOWED, NOTHING);
    let check = role_verdict(&live);
    assert_eq!(check.status, crate::checks::Status::Error, "{check:?}");
    assert_eq!(check.finding.code, "iam.role.undecided");
    assert_eq!(
        check.finding.args.get("permission").map(String::as_str),
        Some("iam:GetRolePolicy")
    );
    assert_eq!(
        check.finding.args.get("unread").map(String::as_str),
        Some("my-lambda-role/second")
    );
}

/// Nothing readable allows it and the unread one might: still `error`, not
/// the old "has no policies" fail.
#[test]
fn an_unreadable_inline_policy_beside_no_allow_is_an_error() {
    let live = role_with_an_unreadable_policy(NOTHING, NOTHING);
    let check = role_verdict(&live);
    assert_eq!(check.status, crate::checks::Status::Error, "{check:?}");
    assert_eq!(check.finding.code, "iam.role.undecided");
}

/// A readable explicit Deny decides whatever the unread policy says.
#[test]
fn a_readable_explicit_deny_decides_despite_an_unreadable_policy() {
    let live = role_with_an_unreadable_policy(PUT_ITEM_ALLOWED, PUT_ITEM_DENIED);
    let check = role_verdict(&live);
    assert_eq!(check.status, crate::checks::Status::Fail, "{check:?}");
    assert_eq!(check.finding.code, "iam.role.denied-explicitly-by");
}

/// A status that is not AWS's (a 404 from a web server at a wrong URL) is
/// named as such, not taken for "not found".
#[test]
fn a_404_without_an_aws_error_code_is_not_taken_for_absence() {
    let live = live(Rules {
        dynamodb: vec![
            mock!(aws_sdk_dynamodb::Client::describe_table)
                .then_http_response(|| raw_response(404, "<html>Not Found</html>")),
            scanned(1),
        ],
        ..Rules::default()
    });
    let error = try_read(&live, &needs_table()).expect_err("a 404 page is not an account");
    assert_eq!(error.code(), "not-aws", "{error}");
    assert!(error.to_string().contains("HTTP 404"), "{error}");
}

// ---------------------------------------------------------------------------
// serverless-backend: log groups, API Gateway's account settings and the role
// they name.

const GROUP: &str = "/aws/lambda/serverless-backend";

/// DescribeLogGroups for one name prefix, answering these groups.
fn log_groups(prefix: &'static str, names: &'static [&'static str]) -> Rule {
    use aws_sdk_cloudwatchlogs::operation::describe_log_groups::DescribeLogGroupsOutput;
    use aws_sdk_cloudwatchlogs::types::LogGroup;
    mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups)
        .match_requests(move |r| r.log_group_name_prefix() == Some(prefix))
        .then_output(move || {
            let mut out = DescribeLogGroupsOutput::builder();
            for name in names {
                out = out.log_groups(
                    LogGroup::builder()
                        .log_group_name(*name)
                        .arn(format!(
                            "arn:aws:logs:ap-northeast-2:123456789012:log-group:{name}:*"
                        ))
                        .build(),
                );
            }
            out.build()
        })
}

fn logs_denied<E>(generic: fn(ErrorMetadata) -> E) -> impl Fn() -> E {
    move || {
        generic(
            ErrorMetadata::builder()
                .code("AccessDeniedException")
                .message("not authorized")
                .build(),
        )
    }
}

/// One check kind of the lab run on its own over what was read.
fn run_kind(
    kind: &str,
    args: &[(&str, &str)],
    account: &crate::account::Account,
) -> crate::checks::Outcome {
    let kind = crate::checks::kind(kind).unwrap();
    let args = args
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    (kind.run)(&crate::checks::Ctx::new(account, args))
}

fn log_needs() -> Needs {
    Needs {
        log_groups: BTreeSet::from([GROUP.to_string()]),
        ..Needs::default()
    }
}

#[test]
fn the_function_log_group_and_its_newest_stream_are_read() {
    use aws_sdk_cloudwatchlogs::operation::describe_log_streams::DescribeLogStreamsOutput;
    use aws_sdk_cloudwatchlogs::types::LogStream;
    let streams = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_streams)
        .match_requests(|r| {
            r.log_group_name() == Some(GROUP)
                && r.limit() == Some(1)
                && r.descending() == Some(true)
        })
        .then_output(|| {
            DescribeLogStreamsOutput::builder()
                .log_streams(
                    LogStream::builder()
                        .log_stream_name("2026/11/24/[$LATEST]abc")
                        .last_event_timestamp(1_763_950_000_000)
                        .build(),
                )
                .build()
        });
    let live = live(Rules {
        logs: vec![log_groups(GROUP, &[GROUP]), streams],
        ..Rules::default()
    });
    let account = read(&live, &log_needs());
    let group = &account.logs[GROUP];
    assert!(
        group
            .arn
            .ends_with(":log-group:/aws/lambda/serverless-backend:*")
    );
    let stream = group.latest_stream.got().expect("a stream");
    assert_eq!(stream.name, "2026/11/24/[$LATEST]abc");
    let calls = live.calls();
    for action in ["logs:DescribeLogGroups", "logs:DescribeLogStreams"] {
        assert_eq!(
            calls.iter().filter(|c| *c == action).count(),
            1,
            "{calls:?}"
        );
    }
}

#[test]
fn a_missing_group_lists_its_neighbours_and_a_refused_listing_is_an_error() {
    // The exact prefix finds nothing; the parent path finds a near miss.
    let empty = log_groups(GROUP, &[]);
    let beside = log_groups("/aws/lambda/", &["/aws/lambda/serverless-backend-v2"]);
    let near = live(Rules {
        logs: vec![empty, beside],
        ..Rules::default()
    });
    let account = read(&near, &log_needs());
    assert!(!account.logs.contains_key(GROUP));
    assert!(
        account
            .logs
            .contains_key("/aws/lambda/serverless-backend-v2")
    );

    let refused =
        mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups).then_error(logs_denied(
            aws_sdk_cloudwatchlogs::operation::describe_log_groups::DescribeLogGroupsError::generic,
        ));
    let denied = live(Rules {
        logs: vec![refused],
        ..Rules::default()
    });
    let account = read(&denied, &log_needs());
    assert!(account.refused("logs:DescribeLogGroups", GROUP).is_some());
    let outcome = run_kind("logs.log-group-exists", &[("group", GROUP)], &account);
    assert_eq!(outcome.status, crate::checks::Status::Error, "{outcome:?}");
    assert_eq!(outcome.finding.args["action"], "logs:DescribeLogGroups");
}

#[test]
fn a_refused_stream_listing_stays_with_the_group_as_evidence() {
    let streams = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_streams)
        .then_error(logs_denied(
        aws_sdk_cloudwatchlogs::operation::describe_log_streams::DescribeLogStreamsError::generic,
    ));
    let live = live(Rules {
        logs: vec![log_groups(GROUP, &[GROUP]), streams],
        ..Rules::default()
    });
    let account = read(&live, &log_needs());
    let why = account.logs[GROUP]
        .latest_stream
        .unreadable()
        .expect("unreadable");
    assert_eq!(why.action, "logs:DescribeLogStreams");
    let args = [("group", GROUP)];
    let exists = run_kind("logs.log-group-exists", &args, &account);
    assert_eq!(exists.status, crate::checks::Status::Pass);
    let stream = run_kind("logs.log-stream-exists", &args, &account);
    assert_eq!(stream.status, crate::checks::Status::Error, "{stream:?}");
}

#[test]
fn the_account_log_role_is_read_through_api_gateway_settings() {
    use aws_sdk_apigateway::operation::get_account::GetAccountOutput;
    let trust = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22apigateway.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
    let role = aws_sdk_iam::types::Role::builder()
        .role_name("apigw-logs")
        .role_id("AROA")
        .arn("arn:aws:iam::123456789012:role/apigw-logs")
        .path("/")
        .create_date(aws_sdk_iam::primitives::DateTime::from_secs(0))
        .assume_role_policy_document(trust)
        .build()
        .unwrap();
    let live = live(Rules {
        apigateway: vec![
            mock!(aws_sdk_apigateway::Client::get_account).then_output(|| {
                GetAccountOutput::builder()
                    .cloudwatch_role_arn("arn:aws:iam::123456789012:role/apigw-logs")
                    .build()
            }),
            mock!(aws_sdk_apigateway::Client::get_rest_apis).then_output(|| {
                aws_sdk_apigateway::operation::get_rest_apis::GetRestApisOutput::builder().build()
            }),
        ],
        iam: vec![
            mock!(aws_sdk_iam::Client::get_role)
                .match_requests(|r| r.role_name() == Some("apigw-logs"))
                .then_output(move || {
                    aws_sdk_iam::operation::get_role::GetRoleOutput::builder()
                        .role(role.clone())
                        .build()
                }),
            mock!(aws_sdk_iam::Client::list_attached_role_policies).then_output(|| {
                aws_sdk_iam::operation::list_attached_role_policies::ListAttachedRolePoliciesOutput::builder().build()
            }),
            mock!(aws_sdk_iam::Client::list_role_policies).then_output(|| {
                aws_sdk_iam::operation::list_role_policies::ListRolePoliciesOutput::builder()
                    .set_policy_names(Some(vec![]))
                    .build()
                    .unwrap()
            }),
        ],
        ..Rules::default()
    });
    let needs = Needs {
        apigateway_account: true,
        ..Needs::default()
    };
    let account = read(&live, &needs);
    let settings = account.apigateway_account.got().expect("read");
    assert_eq!(
        settings.cloudwatch_role_arn,
        "arn:aws:iam::123456789012:role/apigw-logs"
    );
    assert!(
        account.iam.roles["apigw-logs"]
            .trust_policy
            .contains("apigateway.amazonaws.com")
    );
    assert!(
        live.call_log()
            .iter()
            .any(|c| c.action == "apigateway:GET" && c.resource.as_deref() == Some("/account")),
        "{:?}",
        live.call_log()
    );
}

#[test]
fn refused_settings_make_the_log_role_checks_error_not_fail() {
    let refused = mock!(aws_sdk_apigateway::Client::get_account).then_error(|| {
        aws_sdk_apigateway::operation::get_account::GetAccountError::generic(
            ErrorMetadata::builder()
                .code("AccessDeniedException")
                .message("not authorized to perform: apigateway:GET on /account")
                .build(),
        )
    });
    let live = live(Rules {
        apigateway: vec![refused],
        ..Rules::default()
    });
    let needs = Needs {
        apigateway_account: true,
        ..Needs::default()
    };
    let account = read(&live, &needs);
    assert!(account.apigateway_account.unreadable().is_some());
    let outcome = run_kind("apigateway.account-logs-role", &[], &account);
    assert_eq!(outcome.status, crate::checks::Status::Error, "{outcome:?}");
    assert_eq!(outcome.finding.args["action"], "apigateway:GET");
}

#[test]
fn the_logs_calls_are_in_the_least_privilege_policy() {
    let policy: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/iam/labcheck-readonly.json")).unwrap();
    let allowed: BTreeSet<String> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    for (service, operation) in [
        ("CloudWatch Logs", "DescribeLogGroups"),
        ("CloudWatch Logs", "DescribeLogStreams"),
        ("API Gateway", "GetAccount"),
    ] {
        let action = super::iam_action(service, operation);
        assert!(allowed.contains(&action), "{action} is not in the policy");
    }
}
#[cfg(feature = "ec2")]
mod ec2;
#[cfg(feature = "ec2")]
mod elb;
/// The `sns-notify` lab's reads: topics and subscriptions, the function's
/// configuration and role, the trigger, Object Ownership and the ACL. The
/// file sits beside `sns.rs`; it is a child of this module for the mocked
/// clients above.
#[path = "sns/tests.rs"]
mod sns_notify;
