//! Elastic Load Balancing v2, Auto Scaling and ACM (behind the `ec2`
//! feature), with the security groups and launch templates they use: what
//! `alb-autoscaling` checks.
//!
//! A learner's account holds a handful of each, and the lab finds the
//! target group from what the load balancer forwards to, so each family is
//! read whole (one listing) rather than by the lab's patterns. Chains:
//! DescribeLoadBalancers → DescribeListeners; DescribeTargetGroups →
//! DescribeTargetHealth; DescribeLaunchTemplates →
//! DescribeLaunchTemplateVersions; beside them DescribeAutoScalingGroups,
//! DescribePolicies, DescribeSecurityGroups and ListCertificates.

use std::collections::BTreeMap;

use crate::account::Needs;
use crate::account::ec2::{LaunchTemplate, LaunchTemplateVersion, Rule, SecurityGroup};
use crate::account::elb::{
    AutoScalingGroup, Certificate, Elb, Listener, LoadBalancer, ScalingPolicy, TargetGroup,
    TargetHealth,
};

use super::{AwsError, Live, all};

/// What this part adds: the load-balancing model, and the EC2 resources it
/// uses (merged into `Account::ec2`).
#[derive(Default)]
pub(super) struct Read {
    pub elb: Elb,
    pub security_groups: BTreeMap<String, SecurityGroup>,
    pub launch_templates: BTreeMap<String, LaunchTemplate>,
    /// `acm:DOMAIN` → us-east-1 for certificates found only there.
    pub elsewhere: BTreeMap<String, String>,
}

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<Read, AwsError> {
    let balancing = !needs.load_balancers.is_empty() || !needs.auto_scaling_groups.is_empty();
    if !balancing && !needs.certificates {
        return Ok(Read::default());
    }
    let (load_balancers, target_groups, groups, templates, security_groups, certificates) = tokio::join!(
        async {
            if balancing {
                load_balancers(live).await
            } else {
                Ok(BTreeMap::default())
            }
        },
        async {
            if balancing {
                target_groups(live).await
            } else {
                Ok(Default::default())
            }
        },
        async {
            if balancing {
                auto_scaling_groups(live).await
            } else {
                Ok(BTreeMap::default())
            }
        },
        async {
            if balancing {
                launch_templates(live).await
            } else {
                Ok(BTreeMap::default())
            }
        },
        async {
            if balancing {
                security_groups(live).await
            } else {
                Ok(BTreeMap::default())
            }
        },
        async {
            if needs.certificates {
                certificates(live).await
            } else {
                Ok(BTreeMap::default())
            }
        },
    );
    let certificates = certificates?;
    let elsewhere = if needs.certificates && certificates.is_empty() {
        certificates_in_us_east_1(live).await
    } else {
        BTreeMap::new()
    };
    let (target_groups, names) = target_groups?;
    let name_of = |arn: &str| names.get(arn).cloned().unwrap_or_else(|| arn.to_string());
    let mut load_balancers: BTreeMap<String, LoadBalancer> = load_balancers?;
    for lb in load_balancers.values_mut() {
        for l in &mut lb.listeners {
            l.forwards_to = l.forwards_to.as_deref().map(name_of);
        }
    }
    let mut auto_scaling_groups: BTreeMap<String, AutoScalingGroup> = groups?;
    for g in auto_scaling_groups.values_mut() {
        g.target_groups = g.target_groups.iter().map(|a| name_of(a)).collect();
    }
    Ok(Read {
        elb: Elb {
            load_balancers,
            target_groups,
            auto_scaling_groups,
            certificates,
        },
        security_groups: security_groups?,
        launch_templates: templates?,
        elsewhere,
    })
}

/// Load balancers by name, each with its listeners (`forwards_to` still
/// the target group's ARN).
async fn load_balancers(live: &Live) -> Result<BTreeMap<String, LoadBalancer>, AwsError> {
    let listed = paged!(
        live,
        live.elbv2.describe_load_balancers(),
        "elasticloadbalancing:DescribeLoadBalancers",
        ""
    );
    let read = all(listed
        .into_iter()
        .map(|lb| {
            let live = live.clone();
            async move {
                let arn = lb.load_balancer_arn().unwrap_or_default().to_string();
                let listeners = paged!(
                    live,
                    live.elbv2.describe_listeners().load_balancer_arn(&arn),
                    "elasticloadbalancing:DescribeListeners",
                    &arn
                );
                Ok::<_, AwsError>((lb, listeners))
            }
        })
        .collect())
    .await;
    let mut out = BTreeMap::new();
    for result in read {
        let (lb, listeners) = result?;
        let Some(name) = lb.load_balancer_name() else {
            continue;
        };
        out.insert(
            name.to_string(),
            LoadBalancer {
                arn: lb.load_balancer_arn().unwrap_or_default().to_string(),
                dns_name: lb.dns_name().unwrap_or_default().to_string(),
                kind: lb
                    .r#type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                scheme: lb
                    .scheme()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                state: lb
                    .state()
                    .and_then(|s| s.code())
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_default(),
                availability_zones: lb
                    .availability_zones()
                    .iter()
                    .filter_map(|z| z.zone_name().map(str::to_string))
                    .collect(),
                security_groups: lb.security_groups().to_vec(),
                listeners: listeners.iter().map(listener).collect(),
            },
        );
    }
    Ok(out)
}

fn listener(l: &aws_sdk_elasticloadbalancingv2::types::Listener) -> Listener {
    use aws_sdk_elasticloadbalancingv2::types::ActionTypeEnum;
    let forwards_to = l
        .default_actions()
        .iter()
        .filter(|a| a.r#type() == Some(&ActionTypeEnum::Forward))
        .find_map(|a| {
            a.target_group_arn().map(str::to_string).or_else(|| {
                a.forward_config()
                    .and_then(|f| f.target_groups().first())
                    .and_then(|t| t.target_group_arn())
                    .map(str::to_string)
            })
        });
    Listener {
        port: l.port().unwrap_or_default(),
        protocol: l
            .protocol()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        forwards_to,
        certificates: l
            .certificates()
            .iter()
            .filter_map(|c| c.certificate_arn().map(str::to_string))
            .collect(),
    }
}

/// Target groups by name with their targets' health, and the name of each
/// ARN (listeners and groups name target groups by ARN).
async fn target_groups(
    live: &Live,
) -> Result<(BTreeMap<String, TargetGroup>, BTreeMap<String, String>), AwsError> {
    let listed = paged!(
        live,
        live.elbv2.describe_target_groups(),
        "elasticloadbalancing:DescribeTargetGroups",
        ""
    );
    let read = all(listed
        .into_iter()
        .map(|tg| {
            let live = live.clone();
            async move {
                let name = tg.target_group_name().unwrap_or_default().to_string();
                let health = live
                    .elbv2
                    .describe_target_health()
                    .target_group_arn(tg.target_group_arn().unwrap_or_default())
                    .send()
                    .await;
                let health = live.fetch("elasticloadbalancing:DescribeTargetHealth", &name, health);
                (tg, health)
            }
        })
        .collect())
    .await;
    let (mut groups, mut names) = (BTreeMap::new(), BTreeMap::new());
    for (tg, health) in read {
        let (Some(name), Some(arn)) = (tg.target_group_name(), tg.target_group_arn()) else {
            continue;
        };
        let targets = health?
            .map(|o| {
                o.target_health_descriptions()
                    .iter()
                    .filter_map(|d| {
                        let id = d.target()?.id()?.to_string();
                        let h = d.target_health();
                        Some((
                            id,
                            TargetHealth {
                                state: h
                                    .and_then(|h| h.state())
                                    .map(|s| s.as_str().to_string())
                                    .unwrap_or_default(),
                                reason: h
                                    .and_then(|h| h.reason())
                                    .map(|r| r.as_str().to_string())
                                    .unwrap_or_default(),
                            },
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        names.insert(arn.to_string(), name.to_string());
        groups.insert(
            name.to_string(),
            TargetGroup {
                arn: arn.to_string(),
                protocol: tg
                    .protocol()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default(),
                port: tg.port().unwrap_or_default(),
                health_check_path: tg.health_check_path().unwrap_or_default().to_string(),
                targets,
            },
        );
    }
    Ok((groups, names))
}

/// Auto Scaling groups by name with their scaling policies (one listing of
/// the region's policies; `target_groups` still ARNs).
async fn auto_scaling_groups(live: &Live) -> Result<BTreeMap<String, AutoScalingGroup>, AwsError> {
    let (groups, policies) = tokio::join!(
        async {
            Ok::<_, AwsError>(paged!(
                live,
                live.autoscaling.describe_auto_scaling_groups(),
                "autoscaling:DescribeAutoScalingGroups",
                ""
            ))
        },
        async {
            Ok::<_, AwsError>(paged!(
                live,
                live.autoscaling.describe_policies(),
                "autoscaling:DescribePolicies",
                ""
            ))
        },
    );
    let (groups, policies) = (groups?, policies?);
    let mut out = BTreeMap::new();
    for g in &groups {
        let Some(name) = g.auto_scaling_group_name() else {
            continue;
        };
        out.insert(
            name.to_string(),
            AutoScalingGroup {
                launch_template: g
                    .launch_template()
                    .or_else(|| {
                        g.mixed_instances_policy()
                            .and_then(|m| m.launch_template())
                            .and_then(|t| t.launch_template_specification())
                    })
                    .and_then(|t| t.launch_template_name())
                    .map(str::to_string),
                min_size: g.min_size().unwrap_or_default(),
                max_size: g.max_size().unwrap_or_default(),
                desired_capacity: g.desired_capacity().unwrap_or_default(),
                target_groups: g.target_group_arns().to_vec(),
                health_check_type: g.health_check_type().unwrap_or_default().to_string(),
                policies: policies
                    .iter()
                    .filter(|p| p.auto_scaling_group_name() == Some(name))
                    .map(|p| ScalingPolicy {
                        name: p.policy_name().unwrap_or_default().to_string(),
                        kind: p.policy_type().unwrap_or_default().to_string(),
                        metric: p
                            .target_tracking_configuration()
                            .and_then(|t| t.predefined_metric_specification())
                            .and_then(|m| m.predefined_metric_type())
                            .map(|m| m.as_str().to_string())
                            .unwrap_or_default(),
                    })
                    .collect(),
            },
        );
    }
    Ok(out)
}

/// Launch templates by name, with their default version's contents.
async fn launch_templates(live: &Live) -> Result<BTreeMap<String, LaunchTemplate>, AwsError> {
    let listed = paged!(
        live,
        live.ec2.describe_launch_templates(),
        "ec2:DescribeLaunchTemplates",
        ""
    );
    let read = all(listed
        .into_iter()
        .map(|t| {
            let live = live.clone();
            async move {
                let id = t.launch_template_id().unwrap_or_default().to_string();
                let versions = paged!(
                    live,
                    live.ec2
                        .describe_launch_template_versions()
                        .launch_template_id(&id)
                        .versions("$Default")
                        .versions("$Latest"),
                    "ec2:DescribeLaunchTemplateVersions",
                    &id
                );
                Ok::<_, AwsError>((t, versions))
            }
        })
        .collect())
    .await;
    let mut out = BTreeMap::new();
    for result in read {
        let (t, versions) = result?;
        let Some(name) = t.launch_template_name() else {
            continue;
        };
        let versions = versions
            .iter()
            .filter_map(|v| {
                let data = v.launch_template_data()?;
                let mut groups = data.security_group_ids().to_vec();
                for nic in data.network_interfaces() {
                    groups.extend(nic.groups().iter().cloned());
                }
                Some((
                    v.version_number()?.to_string(),
                    LaunchTemplateVersion {
                        image_id: data.image_id().unwrap_or_default().to_string(),
                        instance_type: data
                            .instance_type()
                            .map(|i| i.as_str().to_string())
                            .unwrap_or_default(),
                        security_groups: groups,
                    },
                ))
            })
            .collect();
        out.insert(
            name.to_string(),
            LaunchTemplate {
                id: t.launch_template_id().unwrap_or_default().to_string(),
                default_version: t.default_version_number().unwrap_or_default(),
                latest_version: t.latest_version_number().unwrap_or_default(),
                versions,
            },
        );
    }
    Ok(out)
}

/// Every security group of the region by id, with its inbound rules, one
/// per source.
async fn security_groups(live: &Live) -> Result<BTreeMap<String, SecurityGroup>, AwsError> {
    let listed = paged!(
        live,
        live.ec2.describe_security_groups(),
        "ec2:DescribeSecurityGroups",
        ""
    );
    Ok(listed
        .iter()
        .filter_map(|g| {
            let ingress = g
                .ip_permissions()
                .iter()
                .flat_map(|p| {
                    let rule = |source: &str| Rule {
                        protocol: p.ip_protocol().unwrap_or_default().to_string(),
                        from_port: p.from_port().unwrap_or(-1),
                        to_port: p.to_port().unwrap_or(-1),
                        source: source.to_string(),
                    };
                    p.ip_ranges()
                        .iter()
                        .filter_map(|r| r.cidr_ip())
                        .chain(p.ipv6_ranges().iter().filter_map(|r| r.cidr_ipv6()))
                        .chain(p.user_id_group_pairs().iter().filter_map(|u| u.group_id()))
                        .map(rule)
                        .collect::<Vec<_>>()
                })
                .collect();
            Some((
                g.group_id()?.to_string(),
                SecurityGroup {
                    name: g.group_name().unwrap_or_default().to_string(),
                    vpc_id: g.vpc_id().unwrap_or_default().to_string(),
                    ingress,
                },
            ))
        })
        .collect())
}

/// Every key type: without `Includes.keyTypes`, ListCertificates leaves
/// out all but RSA 1024 and 2048.
fn every_key_type() -> aws_sdk_acm::types::Filters {
    use aws_sdk_acm::types::{Filters, KeyAlgorithm};
    let every = KeyAlgorithm::values()
        .iter()
        .map(|k| KeyAlgorithm::from(*k))
        .collect::<Vec<_>>();
    Filters::builder().set_key_types(Some(every)).build()
}

/// With no certificate in the lab's region, the domains of those in
/// us-east-1 (where a CloudFront habit puts them), so the check can say
/// where it is. Only a hint: a refusal or error there is not recorded.
async fn certificates_in_us_east_1(live: &Live) -> BTreeMap<String, String> {
    const CLOUDFRONT: &str = "us-east-1";
    if !live.other_regions || live.region() == CLOUDFRONT {
        return BTreeMap::new();
    }
    let config = aws_sdk_acm::config::Builder::from(&live.sdk)
        .region(aws_config::Region::new(CLOUDFRONT))
        .interceptor(super::SharedLog(live.log.clone()))
        .build();
    let listed = aws_sdk_acm::Client::from_conf(config)
        .list_certificates()
        .includes(every_key_type())
        .send()
        .await;
    let Ok(listed) = listed else {
        return BTreeMap::new();
    };
    listed
        .certificate_summary_list()
        .iter()
        .flat_map(|c| {
            c.domain_name().into_iter().chain(
                c.subject_alternative_name_summaries()
                    .iter()
                    .map(String::as_str),
            )
        })
        .map(|d| (format!("acm:{d}"), CLOUDFRONT.to_string()))
        .collect()
}

/// The region's ACM certificates by ARN.
async fn certificates(live: &Live) -> Result<BTreeMap<String, Certificate>, AwsError> {
    let listed = paged!(
        live,
        live.acm.list_certificates().includes(every_key_type()),
        "acm:ListCertificates",
        ""
    );
    Ok(listed
        .iter()
        .filter_map(|c| {
            Some((
                c.certificate_arn()?.to_string(),
                Certificate {
                    domain: c.domain_name().unwrap_or_default().to_string(),
                    alternative_names: c.subject_alternative_name_summaries().to_vec(),
                    status: c
                        .status()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                },
            ))
        })
        .collect())
}
