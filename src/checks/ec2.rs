//! EC2 check kinds for `vpc-s3-endpoint`: an instance found by its Name tag,
//! the route table that applies to its subnet, the S3 gateway endpoint of its
//! VPC, and the role its instance profile gives it.
//!
//! Everything is derived from the instance, as a learner builds it: the
//! subnet it was launched in, the table that subnet uses (an explicit
//! association, else the VPC's main table), the endpoint in that VPC.

use crate::account::ec2::{Instance, RouteTable, VpcEndpoint};
use crate::account::{Account, Evidence, glob};
use crate::finding;
use crate::policy::{self, Context, Decision, Principal, Request};

use super::finding::names;
use super::{Ctx, Kind, Outcome, Read, support};

crate::args! {
    /// The kinds that look at one instance, by its Name tag (a pattern:
    /// `*web*`).
    pub struct InstanceArgs {
        required { instance }
        optional {}
    }
}

crate::args! {
    /// `ec2.endpoint-allows`: may the instance's traffic through the
    /// endpoint reach the bucket.
    pub struct EndpointAllowsArgs {
        required { instance, bucket }
        optional { action = "s3:PutObject" }
    }
}

crate::args! {
    /// `ec2.instance-role-trusts`: the service the role must trust.
    pub struct RoleTrustsArgs {
        required { instance }
        optional { service = "ec2.amazonaws.com" }
    }
}

crate::args! {
    /// `ec2.instance-role-allows`: what the instance's role must be allowed
    /// on the bucket's objects (`key` `*`: on any key).
    pub struct RoleAllowsArgs {
        required { instance, bucket }
        optional { action = "s3:PutObject", key = "*" }
    }
}

crate::args! {
    /// `s3.object-uploaded`: an object whose key matches `key` (`*`: any).
    pub struct UploadedArgs {
        required { bucket }
        optional { key = "*" }
    }
}

/// The action whose refusal leaves the instances unknown.
const DESCRIBE_INSTANCES: &str = "ec2:DescribeInstances";
const DESCRIBE_ROUTE_TABLES: &str = "ec2:DescribeRouteTables";
const DESCRIBE_ENDPOINTS: &str = "ec2:DescribeVpcEndpoints";

/// The instance whose Name tag matches: a running one first, as a learner
/// who replaced an instance keeps the old one stopped.
pub(crate) fn instance<'a>(
    account: &'a Account,
    pattern: &str,
) -> Result<(&'a str, &'a Instance), Outcome> {
    let rank = |i: &Instance| match i.state.as_str() {
        "running" => 0,
        "pending" => 1,
        _ => 2,
    };
    let best = account
        .ec2
        .instances
        .iter()
        .filter(|(_, i)| glob(pattern, &i.name))
        .min_by_key(|(id, i)| (rank(i), id.as_str()));
    if let Some((id, i)) = best {
        return Ok((id.as_str(), i));
    }
    if let Some(why) = account.refused(DESCRIBE_INSTANCES, pattern) {
        return Err(support::unreadable(why));
    }
    let others: Vec<&str> = account
        .ec2
        .instances
        .values()
        .map(|i| i.name.as_str())
        .filter(|n| !n.is_empty())
        .take(5)
        .collect();
    Err(Outcome::fail(if others.is_empty() {
        finding!(
            "ec2.instance.not-found",
            instance = pattern,
            region = account.region
        )
    } else {
        finding!(
            "ec2.instance.not-found-among",
            instance = pattern,
            region = account.region,
            found = names(others)
        )
    }))
}

/// The instance a kind taking only `instance` names.
fn instance_only<'a>(ctx: &Ctx<'a>) -> Result<(&'a str, &'a Instance), Outcome> {
    let a = ctx.args::<InstanceArgs>()?;
    instance(ctx.account, &a.instance)
}

/// The route table that applies to a subnet: the one explicitly associated
/// with it, else its VPC's main table.
pub(crate) fn route_table_of<'a>(
    account: &'a Account,
    vpc: &str,
    subnet: &str,
) -> Result<(&'a str, &'a RouteTable), Outcome> {
    let tables = &account.ec2.route_tables;
    let explicit = tables
        .iter()
        .find(|(_, t)| t.subnets.iter().any(|s| s == subnet));
    let main = || tables.iter().find(|(_, t)| t.main && t.vpc_id == vpc);
    if let Some((id, t)) = explicit.or_else(main) {
        return Ok((id.as_str(), t));
    }
    if let Some(why) = account.refused(DESCRIBE_ROUTE_TABLES, vpc) {
        return Err(support::unreadable(why));
    }
    Err(Outcome::fail(finding!(
        "ec2.route-table.not-found",
        subnet = subnet,
        vpc = vpc
    )))
}

pub const INSTANCE_RUNNING: Kind = Kind {
    name: "ec2.instance-running",
    args: InstanceArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance")],
    run: instance_running,
};

fn instance_running(ctx: &Ctx<'_>) -> Outcome {
    let (id, i) = match instance_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (name, state, subnet) = (&i.name, &i.state, &i.subnet_id);
    match i.state.as_str() {
        "running" => Outcome::pass(finding!(
            "ec2.instance.running",
            instance = name,
            id = id,
            subnet = subnet
        )),
        "pending" => Outcome::pending(finding!(
            "ec2.instance.pending",
            instance = name,
            id = id,
            state = state
        )),
        _ => Outcome::fail(finding!(
            "ec2.instance.not-running",
            instance = name,
            id = id,
            state = state
        )),
    }
}

pub const NO_INTERNET_ROUTE: Kind = Kind {
    name: "ec2.no-internet-route",
    args: InstanceArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance")],
    run: no_internet_route,
};

/// Whether a route sends traffic for the whole internet.
fn default_route(destination: &str) -> bool {
    destination == "0.0.0.0/0" || destination == "::/0"
}

fn no_internet_route(ctx: &Ctx<'_>) -> Outcome {
    let (_, i) = match instance_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (table_id, table) = match route_table_of(ctx.account, &i.vpc_id, &i.subnet_id) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let to_internet = |prefix: &str| {
        table.routes.iter().find(|r| {
            default_route(&r.destination) && r.target.starts_with(prefix) && r.state != "blackhole"
        })
    };
    if let Some(route) = to_internet("igw-").or_else(|| to_internet("nat-")) {
        return Outcome::fail(finding!(
            "ec2.route-table.internet-route",
            table = table_id,
            destination = route.destination,
            target = route.target
        ));
    }
    if let Some(route) = table
        .routes
        .iter()
        .find(|r| default_route(&r.destination) && r.state == "blackhole")
    {
        return Outcome::pass(finding!(
            "ec2.route-table.blackhole",
            table = table_id,
            destination = route.destination,
            target = route.target
        ));
    }
    Outcome::pass(finding!(
        "ec2.route-table.private",
        table = table_id,
        subnet = i.subnet_id
    ))
}

/// The S3 service name of gateway endpoints in a region.
fn s3_service(region: &str) -> String {
    format!("com.amazonaws.{region}.s3")
}

/// The S3 endpoint of the instance's VPC, preferring a Gateway one, or the
/// outcome that explains its absence.
fn s3_endpoint<'a>(
    account: &'a Account,
    i: &Instance,
) -> Result<(&'a str, &'a VpcEndpoint), Outcome> {
    let service = s3_service(&account.region);
    let s3: Vec<(&String, &VpcEndpoint)> = account
        .ec2
        .vpc_endpoints
        .iter()
        .filter(|(_, e)| e.service_name == service && e.state != "deleted")
        .collect();
    let mine = s3
        .iter()
        .filter(|(_, e)| e.vpc_id == i.vpc_id)
        .min_by_key(|(id, e)| (e.kind != "Gateway", e.state != "available", id.as_str()));
    if let Some((id, e)) = mine {
        return Ok((id.as_str(), e));
    }
    if let Some(why) = account.refused(DESCRIBE_ENDPOINTS, "") {
        return Err(support::unreadable(why));
    }
    if let Some((id, e)) = s3.first() {
        return Err(Outcome::fail(finding!(
            "ec2.endpoint.other-vpc",
            endpoint = id,
            found_vpc = e.vpc_id,
            vpc = i.vpc_id
        )));
    }
    Err(Outcome::fail(finding!(
        "ec2.endpoint.none",
        service = service,
        vpc = i.vpc_id
    )))
}

pub const S3_GATEWAY_ENDPOINT: Kind = Kind {
    name: "ec2.s3-gateway-endpoint",
    args: InstanceArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance")],
    run: s3_gateway_endpoint,
};

fn s3_gateway_endpoint(ctx: &Ctx<'_>) -> Outcome {
    let (_, i) = match instance_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (id, e) = match s3_endpoint(ctx.account, i) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if e.kind != "Gateway" {
        return Outcome::fail(finding!(
            "ec2.endpoint.not-gateway",
            endpoint = id,
            found = e.kind
        ));
    }
    match e.state.as_str() {
        "available" => Outcome::pass(finding!(
            "ec2.endpoint.gateway",
            endpoint = id,
            vpc = e.vpc_id
        )),
        "pending" => Outcome::pending(finding!(
            "ec2.endpoint.pending",
            endpoint = id,
            state = e.state
        )),
        _ => Outcome::fail(finding!(
            "ec2.endpoint.unavailable",
            endpoint = id,
            state = e.state
        )),
    }
}

pub const ENDPOINT_ROUTE: Kind = Kind {
    name: "ec2.endpoint-route",
    args: InstanceArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance")],
    run: endpoint_route,
};

fn endpoint_route(ctx: &Ctx<'_>) -> Outcome {
    let (_, i) = match instance_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (id, e) = match s3_endpoint(ctx.account, i) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (table_id, table) = match route_table_of(ctx.account, &i.vpc_id, &i.subnet_id) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if !e.route_tables.iter().any(|t| t == table_id) {
        let subnet = &i.subnet_id;
        if e.route_tables.is_empty() {
            return Outcome::fail(finding!(
                "ec2.endpoint-route.no-tables",
                endpoint = id,
                table = table_id,
                subnet = subnet
            ));
        }
        let found = names(e.route_tables.iter().map(String::as_str));
        return Outcome::fail(finding!(
            "ec2.endpoint-route.other-table",
            endpoint = id,
            table = table_id,
            subnet = subnet,
            found = found
        ));
    }
    match table
        .routes
        .iter()
        .find(|r| r.destination.starts_with("pl-") && r.target == id)
    {
        Some(route) if route.state == "blackhole" => Outcome::fail(finding!(
            "ec2.endpoint-route.blackhole",
            table = table_id,
            prefix_list = route.destination
        )),
        Some(route) => Outcome::pass(finding!(
            "ec2.endpoint-route.present",
            table = table_id,
            prefix_list = route.destination,
            endpoint = id
        )),
        None => Outcome::fail(finding!(
            "ec2.endpoint-route.missing",
            table = table_id,
            endpoint = id
        )),
    }
}

pub const ENDPOINT_ALLOWS: Kind = Kind {
    name: "ec2.endpoint-allows",
    args: EndpointAllowsArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance"), Read::Bucket("bucket")],
    run: endpoint_allows,
};

fn endpoint_allows(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<EndpointAllowsArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let account = ctx.account;
    let (_, i) = match instance(account, &a.instance) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (id, e) = match s3_endpoint(account, i) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (bucket, b) = match support::bucket(account, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    // A gateway endpoint carries traffic to buckets of its own region only.
    if !b.region.is_empty() && b.region != account.region {
        return Outcome::fail(finding!(
            "ec2.endpoint.bucket-other-region",
            bucket = bucket,
            bucket_region = b.region,
            region = account.region
        ));
    }
    let Some(document) = &e.policy else {
        return Outcome::pass(finding!("ec2.endpoint-policy.full-access", endpoint = id));
    };
    let parsed = match policy::Policy::parse(document) {
        Ok(p) => p,
        Err(e) => return Outcome::error(finding!("ec2.endpoint-policy.invalid", error = e)),
    };
    let resource = format!("arn:aws:s3:::{bucket}/*");
    // The caller through the endpoint is the instance's role when it has
    // one (a policy may name it), else some principal of the account.
    let caller = instance_role(account, i)
        .ok()
        .and_then(|(_, role)| account.iam.roles.get(role))
        .map_or_else(
            || format!("arn:aws:iam::{}:root", account.account_id),
            |r| r.arn.clone(),
        );
    let principal = Principal::Aws(caller);
    let context = Context::new();
    let request = Request {
        principal: Some(&principal),
        action: a.action(),
        resource: &resource,
        context: &context,
    };
    if policy::evaluate(&[&parsed], &request).decision == Decision::Allow {
        Outcome::pass(finding!(
            "ec2.endpoint-policy.allows",
            endpoint = id,
            action = a.action(),
            resource = resource
        ))
    } else {
        Outcome::fail(finding!(
            "ec2.endpoint-policy.denies",
            endpoint = id,
            action = a.action(),
            resource = resource
        ))
    }
}

/// The role the instance's profile gives it, or the outcome saying why
/// there is none.
fn instance_role<'a>(account: &'a Account, i: &'a Instance) -> Result<(&'a str, &'a str), Outcome> {
    let Some(profile) = i.profile_name() else {
        return Err(Outcome::fail(finding!(
            "ec2.instance-profile.none",
            instance = i.name
        )));
    };
    match account.ec2.instance_profiles.get(profile) {
        Some(Evidence::Got(p)) => match p.roles.first() {
            Some(role) => Ok((profile, role.as_str())),
            None => Err(Outcome::fail(finding!(
                "ec2.instance-profile.no-role",
                profile = profile
            ))),
        },
        Some(Evidence::Unreadable(why)) => Err(support::unreadable(why)),
        Some(Evidence::Absent) | None => Err(Outcome::fail(finding!(
            "ec2.instance-profile.missing",
            profile = profile,
            instance = i.name
        ))),
    }
}

pub const INSTANCE_PROFILE: Kind = Kind {
    name: "ec2.instance-profile",
    args: InstanceArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance")],
    run: instance_profile,
};

fn instance_profile(ctx: &Ctx<'_>) -> Outcome {
    let (_, i) = match instance_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    match instance_role(ctx.account, i) {
        Ok((profile, role)) => Outcome::pass(finding!(
            "ec2.instance-profile.role",
            instance = i.name,
            profile = profile,
            role = role
        )),
        Err(outcome) => outcome,
    }
}

/// Runs an IAM verdict on the role the instance's profile gives it.
fn on_instance_role(
    ctx: &Ctx<'_>,
    pattern: &str,
    verdict: impl Fn(&Account, &str) -> Outcome,
) -> Outcome {
    let (_, i) = match instance(ctx.account, pattern) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    match instance_role(ctx.account, i) {
        Ok((_, role)) => verdict(ctx.account, role),
        Err(outcome) => outcome,
    }
}

pub const INSTANCE_ROLE_TRUSTS: Kind = Kind {
    name: "ec2.instance-role-trusts",
    args: RoleTrustsArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance")],
    run: |ctx| match ctx.args::<RoleTrustsArgs>() {
        Ok(a) => on_instance_role(ctx, &a.instance, |account, role| {
            super::iam::role_trusts(account, role, a.service())
        }),
        Err(outcome) => outcome,
    },
};

pub const INSTANCE_ROLE_ALLOWS: Kind = Kind {
    name: "ec2.instance-role-allows",
    args: RoleAllowsArgs::SPEC,
    probe: false,
    reads: &[Read::Instance("instance"), Read::Bucket("bucket")],
    run: instance_role_allows,
};

fn instance_role_allows(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<RoleAllowsArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (bucket, _) = match support::bucket(ctx.account, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let resource = format!("arn:aws:s3:::{bucket}/{}", a.key());
    on_instance_role(ctx, &a.instance, |account, role| {
        super::iam::role_may(account, role, a.action(), &resource)
    })
}

pub const OBJECT_UPLOADED: Kind = Kind {
    name: "s3.object-uploaded",
    args: UploadedArgs::SPEC,
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: object_uploaded,
};

fn object_uploaded(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<UploadedArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (bucket, b) = match support::bucket(ctx.account, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if let Some(key) = b.objects.keys().find(|k| glob(a.key(), k)) {
        return Outcome::pass(finding!("s3.object.uploaded", key = key, bucket = bucket));
    }
    if let Some(why) = ctx.account.refused("s3:ListBucket", bucket) {
        return support::unreadable(why);
    }
    Outcome::fail(finding!(
        "s3.object.none-uploaded",
        bucket = bucket,
        key = a.key()
    ))
}
