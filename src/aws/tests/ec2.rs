//! The EC2 part on mocked clients: an account with the `vpc-s3-endpoint`
//! lab done, read and passing; the states moto cannot make (an endpoint
//! still pending, a blackholed route) mapped the way AWS sends them; and a
//! refused DescribeVpcEndpoints an `error` naming the action, not absence.

use aws_sdk_ec2::operation as ec2op;
use aws_sdk_ec2::types as t;

use super::*;

const BUCKET: &str = "lab-edu-s3-endpoint-123456789012";

fn instance() -> Rule {
    mock!(aws_sdk_ec2::Client::describe_instances).then_output(|| {
        let web = t::Instance::builder()
            .instance_id("i-0web")
            .state(
                t::InstanceState::builder()
                    .name(t::InstanceStateName::Running)
                    .build(),
            )
            .vpc_id("vpc-0lab")
            .subnet_id("subnet-0private")
            .tags(t::Tag::builder().key("Name").value("web").build())
            .iam_instance_profile(
                t::IamInstanceProfile::builder()
                    .id("iip-assoc-is-not-the-profile")
                    .arn("arn:aws:iam::123456789012:instance-profile/ec2-s3-role")
                    .build(),
            )
            .build();
        ec2op::describe_instances::DescribeInstancesOutput::builder()
            .reservations(t::Reservation::builder().instances(web).build())
            .build()
    })
}

fn route_tables(nat_state: t::RouteState) -> Rule {
    mock!(aws_sdk_ec2::Client::describe_route_tables).then_output(move || {
        let private = t::RouteTable::builder()
            .route_table_id("rtb-0private")
            .vpc_id("vpc-0lab")
            .associations(
                t::RouteTableAssociation::builder()
                    .main(false)
                    .subnet_id("subnet-0private")
                    .build(),
            )
            .routes(
                t::Route::builder()
                    .destination_cidr_block("10.0.0.0/16")
                    .gateway_id("local")
                    .state(t::RouteState::Active)
                    .build(),
            )
            .routes(
                t::Route::builder()
                    .destination_prefix_list_id("pl-78a54011")
                    .gateway_id("vpce-0s3")
                    .state(t::RouteState::Active)
                    .build(),
            )
            .routes(
                t::Route::builder()
                    .destination_cidr_block("0.0.0.0/0")
                    .nat_gateway_id("nat-0lab")
                    .state(nat_state.clone())
                    .build(),
            )
            .build();
        let main = t::RouteTable::builder()
            .route_table_id("rtb-0main")
            .vpc_id("vpc-0lab")
            .associations(t::RouteTableAssociation::builder().main(true).build())
            .routes(
                t::Route::builder()
                    .destination_cidr_block("0.0.0.0/0")
                    .gateway_id("igw-0lab")
                    .state(t::RouteState::Active)
                    .build(),
            )
            .build();
        ec2op::describe_route_tables::DescribeRouteTablesOutput::builder()
            .route_tables(private)
            .route_tables(main)
            .build()
    })
}

fn endpoints(state: t::State) -> Rule {
    mock!(aws_sdk_ec2::Client::describe_vpc_endpoints).then_output(move || {
        // What AWS returns for an endpoint made with the default policy.
        let full_access = r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;
        ec2op::describe_vpc_endpoints::DescribeVpcEndpointsOutput::builder()
            .vpc_endpoints(
                t::VpcEndpoint::builder()
                    .vpc_endpoint_id("vpce-0s3")
                    .vpc_id("vpc-0lab")
                    .service_name("com.amazonaws.ap-northeast-2.s3")
                    .vpc_endpoint_type(t::VpcEndpointType::Gateway)
                    .state(state.clone())
                    .route_table_ids("rtb-0private")
                    .policy_document(full_access)
                    .build(),
            )
            .build()
    })
}

fn iam_rules() -> Vec<Rule> {
    use aws_sdk_iam::operation as iam;
    let date = aws_sdk_iam::primitives::DateTime::from_secs(0);
    let role = aws_sdk_iam::types::Role::builder()
        .role_name("ec2-s3-role")
        .role_id("AROA")
        .arn("arn:aws:iam::123456789012:role/ec2-s3-role")
        .path("/")
        .create_date(date)
        .assume_role_policy_document(
            "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D",
        )
        .build()
        .unwrap();
    let profile_role = role.clone();
    vec![
        mock!(aws_sdk_iam::Client::get_instance_profile)
            .match_requests(|r| r.instance_profile_name() == Some("ec2-s3-role"))
            .then_output(move || {
                iam::get_instance_profile::GetInstanceProfileOutput::builder()
                    .instance_profile(
                        aws_sdk_iam::types::InstanceProfile::builder()
                            .instance_profile_name("ec2-s3-role")
                            .instance_profile_id("AIPA")
                            .arn("arn:aws:iam::123456789012:instance-profile/ec2-s3-role")
                            .path("/")
                            .create_date(date)
                            .roles(profile_role.clone())
                            .build()
                            .unwrap(),
                    )
                    .build()
            }),
        mock!(aws_sdk_iam::Client::get_role).then_output(move || {
            iam::get_role::GetRoleOutput::builder().role(role.clone()).build()
        }),
        mock!(aws_sdk_iam::Client::list_attached_role_policies).then_output(|| {
            iam::list_attached_role_policies::ListAttachedRolePoliciesOutput::builder().build()
        }),
        mock!(aws_sdk_iam::Client::list_role_policies).then_output(|| {
            iam::list_role_policies::ListRolePoliciesOutput::builder()
                .policy_names("s3-upload")
                .build()
                .unwrap()
        }),
        mock!(aws_sdk_iam::Client::get_role_policy).then_output(|| {
            iam::get_role_policy::GetRolePolicyOutput::builder()
                .role_name("ec2-s3-role")
                .policy_name("s3-upload")
                .policy_document(format!(
                    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3APutObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3A{BUCKET}%2F%2A%22%7D%5D%7D"
                ))
                .build()
                .unwrap()
        }),
    ]
}

fn s3_rules() -> Vec<Rule> {
    use aws_sdk_s3::operation as s3;
    let missing = |code: &'static str| ErrorMetadata::builder().code(code).build();
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
        mock!(aws_sdk_s3::Client::get_public_access_block).then_error(move || {
            s3::get_public_access_block::GetPublicAccessBlockError::generic(missing(
                "NoSuchPublicAccessBlockConfiguration",
            ))
        }),
        mock!(aws_sdk_s3::Client::get_bucket_policy).then_error(move || {
            s3::get_bucket_policy::GetBucketPolicyError::generic(missing("NoSuchBucketPolicy"))
        }),
        mock!(aws_sdk_s3::Client::get_bucket_website).then_error(move || {
            s3::get_bucket_website::GetBucketWebsiteError::generic(missing(
                "NoSuchWebsiteConfiguration",
            ))
        }),
        mock!(aws_sdk_s3::Client::list_objects_v2).then_output(|| {
            s3::list_objects_v2::ListObjectsV2Output::builder()
                .contents(aws_sdk_s3::types::Object::builder().key("test.txt").build())
                .build()
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

fn lab_account(ec2: Vec<Rule>) -> Live {
    live(Rules {
        ec2,
        iam: iam_rules(),
        s3: s3_rules(),
        s3control: s3control_rules(),
        ..Rules::default()
    })
}

/// The account read, and the lab's result on it.
struct Read {
    result: crate::checks::LabResult,
    account: crate::account::Account,
}

fn evaluate(live: &Live) -> Read {
    let lab = crate::lab::load("vpc-s3-endpoint").unwrap();
    let values = lab.values(&[]).unwrap();
    let needs = crate::engine::needs(&lab, &values);
    let account = read(live, &needs);
    Read {
        result: crate::engine::evaluate(&lab, &values, &account),
        account,
    }
}

#[test]
fn a_finished_lab_is_read_and_passes_with_calls_in_the_policy() {
    let live = lab_account(vec![
        instance(),
        route_tables(t::RouteState::Blackhole),
        endpoints(t::State::Available),
    ]);
    let outcome = evaluate(&live);
    let failing: Vec<_> = outcome
        .result
        .checks()
        .filter(|c| c.status != crate::checks::Status::Pass)
        .map(|c| format!("{} {:?} {:?}", c.id, c.status, c.finding))
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
    // The role came from the instance's profile (by ARN, not the
    // association id), and the blackholed NAT route is named.
    assert!(outcome.account.iam.roles.contains_key("ec2-s3-role"));
    let route = outcome.result.check("no-internet-route").unwrap();
    assert_eq!(route.finding.code, "ec2.route-table.blackhole");

    let policy: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/iam/labcheck-readonly.json")).unwrap();
    let allowed: BTreeSet<String> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let calls: BTreeSet<String> = live.calls().into_iter().collect();
    for action in [
        "ec2:DescribeInstances",
        "ec2:DescribeRouteTables",
        "ec2:DescribeVpcEndpoints",
        "iam:GetInstanceProfile",
    ] {
        assert!(calls.contains(action), "{action} not called: {calls:?}");
    }
    let outside: Vec<&String> = calls.difference(&allowed).collect();
    assert!(outside.is_empty(), "not in the policy: {outside:?}");
}

/// moto makes endpoints available at once and cannot leave an active NAT
/// route next to a deleted gateway; AWS can do both.
#[test]
fn a_pending_endpoint_is_pending_and_an_active_nat_route_fails() {
    let live = lab_account(vec![
        instance(),
        route_tables(t::RouteState::Active),
        endpoints(t::State::Pending),
    ]);
    let outcome = evaluate(&live);
    let check = |id: &str| outcome.result.check(id).unwrap().clone();
    assert_eq!(
        check("s3-gateway-endpoint").status,
        crate::checks::Status::Pending
    );
    assert_eq!(
        check("s3-gateway-endpoint").finding.code,
        "ec2.endpoint.pending"
    );
    assert_eq!(
        check("no-internet-route").status,
        crate::checks::Status::Fail
    );
    assert_eq!(
        check("no-internet-route").finding.args["target"],
        "nat-0lab"
    );
}

#[test]
fn a_refused_describe_vpc_endpoints_is_an_error_not_absence() {
    let denied = || {
        ec2op::describe_vpc_endpoints::DescribeVpcEndpointsError::generic(
            ErrorMetadata::builder()
                .code("UnauthorizedOperation")
                .message("You are not authorized to perform this operation.")
                .build(),
        )
    };
    let live = lab_account(vec![
        instance(),
        route_tables(t::RouteState::Blackhole),
        mock!(aws_sdk_ec2::Client::describe_vpc_endpoints).then_error(denied),
    ]);
    let outcome = evaluate(&live);
    let check = outcome.result.check("s3-gateway-endpoint").unwrap();
    assert_eq!(check.status, crate::checks::Status::Error);
    assert_eq!(check.finding.code, "iam.read.denied");
    assert_eq!(check.finding.args["action"], "ec2:DescribeVpcEndpoints");
    // The checks that do not need endpoints still decide.
    let profile = outcome.result.check("instance-profile").unwrap();
    assert_eq!(profile.status, crate::checks::Status::Pass);
}

/// A build without the feature refuses the live read with this message
/// (`Live::read`); it is held here, where the default build can see it.
#[test]
fn the_missing_feature_is_said_in_both_languages() {
    let error = super::super::AwsError::FeatureMissing {
        feature: "ec2".into(),
    };
    assert_eq!(error.code(), "feature-missing");
    let en = error.message(crate::lang::Lang::En);
    assert!(en.contains("`ec2` feature") && en.contains("--sim"), "{en}");
    let ko = error.message(crate::lang::Lang::Ko);
    assert!(ko.contains("`ec2`") && ko.contains("시뮬레이터"), "{ko}");
}
