//! The load-balancing part on mocked clients: an `alb-autoscaling` account
//! read and judged, including what moto cannot make: a target unhealthy
//! with a reason code, a certificate pending DNS validation, and a refused
//! DescribeTargetHealth (an `error` naming the action, not "no targets").

use aws_sdk_autoscaling::operation as asgop;
use aws_sdk_ec2::operation as ec2op;
use aws_sdk_elasticloadbalancingv2::operation as elbop;
use aws_sdk_elasticloadbalancingv2::types as elbt;

use super::*;

const TG: &str = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg/1";
const LB: &str =
    "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/web-alb/1";
const CERT: &str = "arn:aws:acm:ap-northeast-2:123456789012:certificate/1";

fn elbv2(health: Rule) -> Vec<Rule> {
    vec![
        mock!(aws_sdk_elasticloadbalancingv2::Client::describe_load_balancers).then_output(|| {
            let zone = |z: &str| elbt::AvailabilityZone::builder().zone_name(z).build();
            elbop::describe_load_balancers::DescribeLoadBalancersOutput::builder()
                .load_balancers(
                    elbt::LoadBalancer::builder()
                        .load_balancer_arn(LB)
                        .load_balancer_name("web-alb")
                        .dns_name("web-alb-1.ap-northeast-2.elb.amazonaws.com")
                        .r#type(elbt::LoadBalancerTypeEnum::Application)
                        .scheme(elbt::LoadBalancerSchemeEnum::InternetFacing)
                        .state(
                            elbt::LoadBalancerState::builder()
                                .code(elbt::LoadBalancerStateEnum::Active)
                                .build(),
                        )
                        .availability_zones(zone("ap-northeast-2a"))
                        .availability_zones(zone("ap-northeast-2c"))
                        .security_groups("sg-alb")
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_elasticloadbalancingv2::Client::describe_listeners).then_output(|| {
            let forward = elbt::Action::builder()
                .r#type(elbt::ActionTypeEnum::Forward)
                .target_group_arn(TG)
                .build();
            elbop::describe_listeners::DescribeListenersOutput::builder()
                .listeners(
                    elbt::Listener::builder()
                        .port(80)
                        .protocol(elbt::ProtocolEnum::Http)
                        .default_actions(forward.clone())
                        .build(),
                )
                .listeners(
                    elbt::Listener::builder()
                        .port(443)
                        .protocol(elbt::ProtocolEnum::Https)
                        .certificates(elbt::Certificate::builder().certificate_arn(CERT).build())
                        .default_actions(forward)
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_elasticloadbalancingv2::Client::describe_target_groups).then_output(|| {
            elbop::describe_target_groups::DescribeTargetGroupsOutput::builder()
                .target_groups(
                    elbt::TargetGroup::builder()
                        .target_group_arn(TG)
                        .target_group_name("web-tg")
                        .protocol(elbt::ProtocolEnum::Http)
                        .port(80)
                        .health_check_path("/health")
                        .build(),
                )
                .build()
        }),
        health,
    ]
}

fn unhealthy() -> Rule {
    mock!(aws_sdk_elasticloadbalancingv2::Client::describe_target_health).then_output(|| {
        elbop::describe_target_health::DescribeTargetHealthOutput::builder()
            .target_health_descriptions(
                elbt::TargetHealthDescription::builder()
                    .target(
                        elbt::TargetDescription::builder()
                            .id("i-0a01")
                            .port(80)
                            .build(),
                    )
                    .target_health(
                        elbt::TargetHealth::builder()
                            .state(elbt::TargetHealthStateEnum::Unhealthy)
                            .reason(elbt::TargetHealthReasonEnum::ResponseCodeMismatch)
                            .build(),
                    )
                    .build(),
            )
            .build()
    })
}

fn autoscaling() -> Vec<Rule> {
    use aws_sdk_autoscaling::types as t;
    vec![
        mock!(aws_sdk_autoscaling::Client::describe_auto_scaling_groups).then_output(|| {
            asgop::describe_auto_scaling_groups::DescribeAutoScalingGroupsOutput::builder()
                .auto_scaling_groups(
                    t::AutoScalingGroup::builder()
                        .auto_scaling_group_name("web-asg")
                        .launch_template(
                            t::LaunchTemplateSpecification::builder()
                                .launch_template_name("web-lt")
                                .version("$Default")
                                .build(),
                        )
                        .min_size(2)
                        .max_size(4)
                        .desired_capacity(2)
                        .target_group_arns(TG)
                        .health_check_type("ELB")
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_autoscaling::Client::describe_policies).then_output(|| {
            asgop::describe_policies::DescribePoliciesOutput::builder()
                .scaling_policies(
                    t::ScalingPolicy::builder()
                        .auto_scaling_group_name("web-asg")
                        .policy_name("cpu-50")
                        .policy_type("TargetTrackingScaling")
                        .target_tracking_configuration(
                            t::TargetTrackingConfiguration::builder()
                                .predefined_metric_specification(
                                    t::PredefinedMetricSpecification::builder()
                                        .predefined_metric_type(
                                            t::MetricType::AsgAverageCpuUtilization,
                                        )
                                        .build(),
                                )
                                .target_value(50.0)
                                .build(),
                        )
                        .build(),
                )
                .build()
        }),
    ]
}

fn ec2() -> Vec<Rule> {
    use aws_sdk_ec2::types as t;
    let from = |p: t::IpPermission| p;
    vec![
        mock!(aws_sdk_ec2::Client::describe_launch_templates).then_output(|| {
            ec2op::describe_launch_templates::DescribeLaunchTemplatesOutput::builder()
                .launch_templates(
                    t::LaunchTemplate::builder()
                        .launch_template_id("lt-0web")
                        .launch_template_name("web-lt")
                        .default_version_number(1)
                        .latest_version_number(1)
                        .build(),
                )
                .build()
        }),
        mock!(aws_sdk_ec2::Client::describe_launch_template_versions).then_output(|| {
            ec2op::describe_launch_template_versions::DescribeLaunchTemplateVersionsOutput::builder(
            )
            .launch_template_versions(
                t::LaunchTemplateVersion::builder()
                    .launch_template_id("lt-0web")
                    .version_number(1)
                    .launch_template_data(
                        t::ResponseLaunchTemplateData::builder()
                            .image_id("ami-0web")
                            .security_group_ids("sg-web")
                            .build(),
                    )
                    .build(),
            )
            .build()
        }),
        mock!(aws_sdk_ec2::Client::describe_security_groups).then_output(move || {
            let open = |port: i32| {
                from(
                    t::IpPermission::builder()
                        .ip_protocol("tcp")
                        .from_port(port)
                        .to_port(port)
                        .ip_ranges(t::IpRange::builder().cidr_ip("0.0.0.0/0").build())
                        .build(),
                )
            };
            ec2op::describe_security_groups::DescribeSecurityGroupsOutput::builder()
                .security_groups(
                    t::SecurityGroup::builder()
                        .group_id("sg-alb")
                        .group_name("alb-sg")
                        .ip_permissions(open(80))
                        .ip_permissions(open(443))
                        .build(),
                )
                .security_groups(
                    t::SecurityGroup::builder()
                        .group_id("sg-web")
                        .group_name("web-sg")
                        .ip_permissions(
                            t::IpPermission::builder()
                                .ip_protocol("tcp")
                                .from_port(80)
                                .to_port(80)
                                .user_id_group_pairs(
                                    t::UserIdGroupPair::builder().group_id("sg-alb").build(),
                                )
                                .build(),
                        )
                        .build(),
                )
                .build()
        }),
    ]
}

fn acm(status: aws_sdk_acm::types::CertificateStatus) -> Vec<Rule> {
    vec![
        mock!(aws_sdk_acm::Client::list_certificates)
            // Every key type asked for, or ECDSA certificates go unlisted.
            .match_requests(|r| r.includes().is_some_and(|i| i.key_types().len() > 2))
            .then_output(move || {
                aws_sdk_acm::operation::list_certificates::ListCertificatesOutput::builder()
                    .certificate_summary_list(
                        aws_sdk_acm::types::CertificateSummary::builder()
                            .certificate_arn(CERT)
                            .domain_name("www.st25.example.com")
                            .subject_alternative_name_summaries("www.st25.example.com")
                            .status(status.clone())
                            .build(),
                    )
                    .build()
            }),
    ]
}

fn judge(live: &Live) -> crate::checks::LabResult {
    let lab = crate::lab::load("alb-autoscaling").unwrap();
    let values = lab
        .values(&["domain=www.st25.example.com".to_string()])
        .unwrap();
    let needs = crate::engine::needs(&lab, &values);
    let account = read(live, &needs);
    crate::engine::evaluate(&lab, &values, &account)
}

#[test]
fn an_unhealthy_target_and_a_pending_certificate_as_aws_reports_them() {
    use aws_sdk_acm::types::CertificateStatus;
    let live = live(Rules {
        elbv2: elbv2(unhealthy()),
        autoscaling: autoscaling(),
        ec2: ec2(),
        acm: acm(CertificateStatus::PendingValidation),
        ..Rules::default()
    });
    let result = judge(&live);
    let not_passing: BTreeSet<(String, String)> = result
        .checks()
        .filter(|c| c.status != crate::checks::Status::Pass)
        .map(|c| (c.id.clone(), c.finding.code.to_string()))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("targets-healthy", "elb.targets.unhealthy"),
        ("certificate-issued", "acm.certificate.pending"),
        ("https-listener", "engine.dependency-unmet"),
        // The probes: this read ran with --no-probe, and HTTPS waits on
        // its listener.
        ("alb-answers", "probe.not-run.no-probe"),
        ("https-answers", "engine.dependency-unmet"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(not_passing, expected);
    let health = result.check("targets-healthy").unwrap();
    assert_eq!(health.finding.args["reason"], "Target.ResponseCodeMismatch");
    assert_eq!(health.finding.args["path"], "/health");

    let policy: serde_json::Value =
        serde_json::from_str(include_str!("../../../docs/iam/labcheck-readonly.json")).unwrap();
    let allowed: BTreeSet<String> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let calls: BTreeSet<String> = live.calls().into_iter().collect();
    assert!(
        calls.contains("elasticloadbalancing:DescribeTargetHealth"),
        "{calls:?}"
    );
    assert!(calls.contains("acm:ListCertificates"), "{calls:?}");
    let outside: Vec<&String> = calls.difference(&allowed).collect();
    assert!(outside.is_empty(), "not in the policy: {outside:?}");
}

#[test]
fn an_issued_certificate_passes_and_a_refused_target_health_is_an_error() {
    use aws_sdk_acm::types::CertificateStatus;
    let refused =
        mock!(aws_sdk_elasticloadbalancingv2::Client::describe_target_health).then_error(|| {
            elbop::describe_target_health::DescribeTargetHealthError::generic(
                ErrorMetadata::builder()
                    .code("AccessDenied")
                    .message("no")
                    .build(),
            )
        });
    let live = live(Rules {
        elbv2: elbv2(refused),
        autoscaling: autoscaling(),
        ec2: ec2(),
        acm: acm(CertificateStatus::Issued),
        ..Rules::default()
    });
    let result = judge(&live);
    let health = result.check("targets-healthy").unwrap();
    assert_eq!(
        health.status,
        crate::checks::Status::Error,
        "{:?}",
        health.finding
    );
    assert_eq!(
        health.finding.args["action"],
        "elasticloadbalancing:DescribeTargetHealth"
    );
    for id in [
        "certificate-issued",
        "https-listener",
        "instances-from-alb",
        "cpu-policy",
    ] {
        assert_eq!(
            result.check(id).unwrap().status,
            crate::checks::Status::Pass,
            "{id}: {:?}",
            result.check(id).unwrap().finding
        );
    }
}
