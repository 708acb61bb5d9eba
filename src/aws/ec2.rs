//! EC2 (behind the `ec2` feature): the instances a lab names by Name tag,
//! the route tables of their VPCs, the account's VPC endpoints, and each
//! instance's profile with the role in it (read here, since no lab can name
//! the role a student chose: it is found from the instance).
//!
//! Chain: DescribeInstances → (DescribeRouteTables ‖ GetInstanceProfile →
//! the role's policies), with DescribeVpcEndpoints beside it all.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_ec2::types::Filter;

use crate::account::ec2::{Ec2, Instance, InstanceProfile, Route, RouteTable, VpcEndpoint};
use crate::account::{Evidence, ManagedPolicy, Needs, Role, glob};

use super::{AwsError, Live, all};

/// What the EC2 part adds: the EC2 model, and the roles its instance
/// profiles hold (merged into `Account::iam`).
#[derive(Default)]
pub(super) struct Read {
    pub ec2: Ec2,
    pub roles: BTreeMap<String, Role>,
    pub policies: BTreeMap<String, Evidence<ManagedPolicy>>,
}

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<Read, AwsError> {
    if needs.instances.is_empty() {
        return Ok(Read::default());
    }
    let (instances, endpoints) = tokio::join!(instances(live), endpoints(live));
    let (instances, vpc_endpoints) = (instances?, endpoints?);
    // Only the instances the lab names are followed further; the others stay
    // by name, so a near miss can be named.
    let wanted: Vec<&Instance> = instances
        .values()
        .filter(|i| needs.instances.iter().any(|p| glob(p, &i.name)))
        .collect();
    let vpcs: BTreeSet<String> = wanted.iter().map(|i| i.vpc_id.clone()).collect();
    let profiles: BTreeSet<String> = wanted
        .iter()
        .filter_map(|i| i.profile_name().map(str::to_string))
        .collect();
    let (route_tables, profiles) = tokio::join!(
        route_tables(live, &vpcs),
        instance_profiles(live, &profiles)
    );
    let (route_tables, instance_profiles) = (route_tables?, profiles?);
    let role_names: BTreeSet<String> = instance_profiles
        .values()
        .filter_map(|p| p.got())
        .flat_map(|p| p.roles.iter().cloned())
        .collect();
    let (roles, policies) = super::iam::roles_named(live, &role_names).await?;
    Ok(Read {
        ec2: Ec2 {
            instances,
            route_tables,
            vpc_endpoints,
            instance_profiles,
            ..Ec2::default()
        },
        roles,
        policies,
    })
}

/// Every instance not terminated, by id.
async fn instances(live: &Live) -> Result<BTreeMap<String, Instance>, AwsError> {
    let alive = Filter::builder()
        .name("instance-state-name")
        .set_values(Some(
            ["pending", "running", "stopping", "stopped", "shutting-down"]
                .map(String::from)
                .to_vec(),
        ))
        .build();
    let reservations = paged!(
        live,
        live.ec2.describe_instances().filters(alive),
        "ec2:DescribeInstances",
        ""
    );
    let mut out = BTreeMap::new();
    for instance in reservations
        .iter()
        .flat_map(aws_sdk_ec2::types::Reservation::instances)
    {
        let Some(id) = instance.instance_id() else {
            continue;
        };
        let name = instance
            .tags()
            .iter()
            .find(|t| t.key() == Some("Name"))
            .and_then(|t| t.value())
            .unwrap_or_default();
        out.insert(
            id.to_string(),
            Instance {
                name: name.to_string(),
                state: instance
                    .state()
                    .and_then(|s| s.name())
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                vpc_id: instance.vpc_id().unwrap_or_default().to_string(),
                subnet_id: instance.subnet_id().unwrap_or_default().to_string(),
                security_groups: instance
                    .security_groups()
                    .iter()
                    .filter_map(|g| g.group_id().map(str::to_string))
                    .collect(),
                // The ARN, not `Id`: that is the association's id.
                instance_profile: instance
                    .iam_instance_profile()
                    .and_then(|p| p.arn())
                    .map(str::to_string),
                launch_template: None,
            },
        );
    }
    Ok(out)
}

/// The route tables of the given VPCs, by id.
async fn route_tables(
    live: &Live,
    vpcs: &BTreeSet<String>,
) -> Result<BTreeMap<String, RouteTable>, AwsError> {
    if vpcs.is_empty() {
        return Ok(BTreeMap::new());
    }
    let in_vpcs = Filter::builder()
        .name("vpc-id")
        .set_values(Some(vpcs.iter().cloned().collect()))
        .build();
    let tables = paged!(
        live,
        live.ec2.describe_route_tables().filters(in_vpcs),
        "ec2:DescribeRouteTables",
        ""
    );
    Ok(tables
        .iter()
        .filter_map(|t| {
            let id = t.route_table_id()?.to_string();
            let associations = t.associations();
            Some((
                id,
                RouteTable {
                    vpc_id: t.vpc_id().unwrap_or_default().to_string(),
                    main: associations.iter().any(|a| a.main() == Some(true)),
                    subnets: associations
                        .iter()
                        .filter_map(|a| a.subnet_id().map(str::to_string))
                        .collect(),
                    routes: t.routes().iter().map(route).collect(),
                },
            ))
        })
        .collect())
}

fn route(r: &aws_sdk_ec2::types::Route) -> Route {
    let destination = r
        .destination_cidr_block()
        .or(r.destination_ipv6_cidr_block())
        .or(r.destination_prefix_list_id())
        .unwrap_or_default();
    let target = r
        .gateway_id()
        .or(r.nat_gateway_id())
        .or(r.transit_gateway_id())
        .or(r.vpc_peering_connection_id())
        .or(r.network_interface_id())
        .or(r.instance_id())
        .or(r.egress_only_internet_gateway_id())
        .unwrap_or_default();
    Route {
        destination: destination.to_string(),
        target: target.to_string(),
        state: r
            .state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
    }
}

/// Every VPC endpoint of the account in this region, by id: one in the
/// wrong VPC is a finding, so none is filtered out.
async fn endpoints(live: &Live) -> Result<BTreeMap<String, VpcEndpoint>, AwsError> {
    let endpoints = paged!(
        live,
        live.ec2.describe_vpc_endpoints(),
        "ec2:DescribeVpcEndpoints",
        ""
    );
    Ok(endpoints
        .iter()
        .filter_map(|e| {
            Some((
                e.vpc_endpoint_id()?.to_string(),
                VpcEndpoint {
                    vpc_id: e.vpc_id().unwrap_or_default().to_string(),
                    service_name: e.service_name().unwrap_or_default().to_string(),
                    kind: e
                        .vpc_endpoint_type()
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                    // The API answers `available`; the SDK's enum documents
                    // `Available`: one spelling for the checks.
                    state: e
                        .state()
                        .map(|s| s.as_str().to_ascii_lowercase())
                        .unwrap_or_default(),
                    route_tables: e.route_table_ids().to_vec(),
                    policy: e.policy_document().map(str::to_string),
                },
            ))
        })
        .collect())
}

/// Instance profiles by name, each with the names of its roles. A profile
/// that is gone is left out (the check says the instance names a missing
/// one); a refused read stays as evidence.
async fn instance_profiles(
    live: &Live,
    names: &BTreeSet<String>,
) -> Result<BTreeMap<String, Evidence<InstanceProfile>>, AwsError> {
    let read = all(names
        .iter()
        .cloned()
        .map(|name| {
            let live = live.clone();
            async move {
                let got = live
                    .iam
                    .get_instance_profile()
                    .instance_profile_name(&name)
                    .send()
                    .await;
                (name, got)
            }
        })
        .collect())
    .await;
    let mut out = BTreeMap::new();
    for (name, got) in read {
        let evidence = live
            .evidence("iam:GetInstanceProfile", &name, got)?
            .map(|o| {
                let p = o.instance_profile();
                InstanceProfile {
                    arn: p.map(|p| p.arn().to_string()).unwrap_or_default(),
                    roles: p
                        .map(|p| {
                            p.roles()
                                .iter()
                                .map(|r| r.role_name().to_string())
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            });
        if !evidence.is_absent() {
            out.insert(name, evidence);
        }
    }
    Ok(out)
}
