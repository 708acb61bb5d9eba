//! The EC2 side of an account, for the labs built on instances
//! (`vpc-s3-endpoint`, `alb-autoscaling`): instances, subnets, route tables,
//! VPC endpoints, security groups, launch templates and instance profiles.
//!
//! Resources are keyed by their AWS id (`i-…`, `subnet-…`, `rtb-…`), as
//! EC2 names nothing else uniquely; a lab finds an instance by its Name tag.
//! Field names follow the EC2 API in snake_case.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Evidence;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ec2 {
    /// Instances by id (terminated ones are left out).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub instances: BTreeMap<String, Instance>,
    /// Subnets by id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub subnets: BTreeMap<String, Subnet>,
    /// Route tables by id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub route_tables: BTreeMap<String, RouteTable>,
    /// VPC endpoints by id (`vpce-…`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub vpc_endpoints: BTreeMap<String, VpcEndpoint>,
    /// Security groups by id (`sg-…`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub security_groups: BTreeMap<String, SecurityGroup>,
    /// Launch templates by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub launch_templates: BTreeMap<String, LaunchTemplate>,
    /// Instance profiles by name (an IAM resource, read for the instances
    /// that carry one: `iam:GetInstanceProfile`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub instance_profiles: BTreeMap<String, Evidence<InstanceProfile>>,
}

impl Ec2 {
    pub fn is_empty(&self) -> bool {
        self == &Ec2::default()
    }

    /// Whether security group `group` lets TCP in on `port` from a source
    /// `source` accepts (a CIDR block or a group id).
    pub fn opens(&self, group: &str, port: i32, source: impl Fn(&str) -> bool) -> bool {
        self.security_groups.get(group).is_some_and(|sg| {
            sg.ingress
                .iter()
                .any(|r| r.opens(port) && source(&r.source))
        })
    }
}

/// Whether a rule's source is the whole internet.
pub fn world(source: &str) -> bool {
    source == "0.0.0.0/0" || source == "::/0"
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Instance {
    /// The Name tag.
    pub name: String,
    /// pending, running, stopping, stopped, shutting-down.
    pub state: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub security_groups: Vec<String>,
    /// The instance profile's ARN (`arn:aws:iam::…:instance-profile/NAME`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_profile: Option<String>,
    /// The launch template it was launched from, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<String>,
}

impl Instance {
    /// The instance profile's name, the last part of its ARN.
    pub fn profile_name(&self) -> Option<&str> {
        let arn = self.instance_profile.as_deref()?;
        arn.rsplit('/').next()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Subnet {
    pub vpc_id: String,
    pub availability_zone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RouteTable {
    pub vpc_id: String,
    /// The VPC's main table: it applies to every subnet without an
    /// explicit association.
    pub main: bool,
    /// Subnets explicitly associated with it.
    pub subnets: Vec<String>,
    pub routes: Vec<Route>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Route {
    /// A CIDR block (`0.0.0.0/0`) or a prefix list id (`pl-…`).
    pub destination: String,
    /// `local`, `igw-…`, `nat-…`, `vpce-…`, …
    pub target: String,
    /// active or blackhole (its target was deleted).
    pub state: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VpcEndpoint {
    pub vpc_id: String,
    /// `com.amazonaws.REGION.s3`.
    pub service_name: String,
    /// Gateway, Interface, GatewayLoadBalancer.
    #[serde(rename = "type")]
    pub kind: String,
    /// pending, available, deleting, failed, …
    pub state: String,
    /// The route tables it is associated with (Gateway endpoints).
    pub route_tables: Vec<String>,
    /// The endpoint policy, JSON (full access when none was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityGroup {
    pub name: String,
    pub vpc_id: String,
    /// Inbound rules, one per source.
    pub ingress: Vec<Rule>,
}

/// One inbound permission for one source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rule {
    /// tcp, udp, icmp, or -1 for all.
    pub protocol: String,
    pub from_port: i32,
    pub to_port: i32,
    /// A CIDR block, or a security group id (`sg-…`).
    pub source: String,
}

impl Rule {
    /// Whether it lets TCP in on `port`.
    pub fn opens(&self, port: i32) -> bool {
        (self.protocol == "-1")
            || (self.protocol == "tcp" && self.from_port <= port && port <= self.to_port)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LaunchTemplate {
    pub id: String,
    pub default_version: i64,
    pub latest_version: i64,
    /// Versions by number: what each launches.
    pub versions: BTreeMap<String, LaunchTemplateVersion>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LaunchTemplateVersion {
    pub image_id: String,
    pub instance_type: String,
    pub security_groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InstanceProfile {
    pub arn: String,
    /// Role names (a profile holds at most one).
    pub roles: Vec<String>,
}
