//! Check kinds for `alb-autoscaling`: the target group, the Application Load
//! Balancer with its security group and listeners, the launch template and
//! Auto Scaling group behind it, the health of its targets, and the ACM
//! certificate of its HTTPS listener.
//!
//! The target group is found from the ALB (what its HTTP listener forwards
//! to) when the lab's pattern matches several, so a learner's own names work.

use crate::account::ec2::world;
use crate::account::elb::{AutoScalingGroup, LoadBalancer, TargetGroup};
use crate::account::{Account, glob};
use crate::finding;

use super::finding::names;
use super::{Ctx, Kind, Outcome, Read, support};

crate::args! {
    /// The kinds that look at one load balancer, by name or pattern.
    pub struct AlbArgs {
        required { alb }
        optional {}
    }
}

crate::args! {
    /// `elb.target-group`: the target group (pattern), its port.
    pub struct TargetGroupArgs {
        required { target_group }
        optional { port = "80" }
    }
}

crate::args! {
    /// `elb.alb-port-open`: a port the ALB's security groups must open to
    /// the internet.
    pub struct PortArgs {
        required { alb, port }
        optional {}
    }
}

crate::args! {
    /// `elb.instances-from-alb`: the group whose instances must let the
    /// ALB in on the target group's port.
    pub struct FromAlbArgs {
        required { alb, asg }
        optional {}
    }
}

crate::args! {
    /// `elb.listener-forwards`: the listener's port and protocol.
    pub struct ListenerArgs {
        required { alb }
        optional { port = "80", protocol = "HTTP" }
    }
}

crate::args! {
    /// `ec2.launch-template`: by name or pattern.
    pub struct TemplateArgs {
        required { launch_template }
        optional {}
    }
}

crate::args! {
    /// `autoscaling.uses-template`: the group, its template, its maximum.
    pub struct AsgTemplateArgs {
        required { asg, launch_template }
        optional { max = "4" }
    }
}

crate::args! {
    /// `autoscaling.attached`: the group and the ALB whose target group it
    /// must register in.
    pub struct AttachedArgs {
        required { asg, alb }
        optional {}
    }
}

crate::args! {
    /// The kinds that look at one Auto Scaling group.
    pub struct AsgArgs {
        required { asg }
        optional {}
    }
}

crate::args! {
    /// `acm.certificate-issued`: the host name it must cover (empty: any).
    pub struct CertArgs {
        required {}
        optional { domain = "" }
    }
}

crate::args! {
    /// `elb.https-listener`: the ALB, and the host name its certificate
    /// must cover (empty: any).
    pub struct HttpsArgs {
        required { alb }
        optional { domain = "" }
    }
}

/// The one item a pattern names in `items`: a single match, else the first
/// by name; or the failure naming the pattern and what there is.
fn by_pattern<'a, T>(
    account: &Account,
    items: &'a std::collections::BTreeMap<String, T>,
    pattern: &str,
    action: &str,
    missing: fn(&str, String) -> Outcome,
) -> Result<(&'a str, &'a T), Outcome> {
    if let Some((name, item)) = items.iter().find(|(name, _)| glob(pattern, name)) {
        return Ok((name.as_str(), item));
    }
    if let Some(why) = account.refused(action, "") {
        return Err(support::unreadable(why));
    }
    Err(missing(
        pattern,
        names(items.keys().take(5).map(String::as_str)),
    ))
}

pub(super) fn alb<'a>(
    account: &'a Account,
    pattern: &str,
) -> Result<(&'a str, &'a LoadBalancer), Outcome> {
    let albs = &account.elb.load_balancers;
    // An application load balancer first: a lab's pattern `*` may also
    // match a network one.
    let application = albs
        .iter()
        .find(|(name, lb)| glob(pattern, name) && lb.kind == "application");
    if let Some((name, lb)) = application {
        return Ok((name.as_str(), lb));
    }
    by_pattern(
        account,
        albs,
        pattern,
        "elasticloadbalancing:DescribeLoadBalancers",
        |pattern, found| {
            Outcome::fail(if found.is_empty() {
                finding!("elb.alb.not-found", alb = pattern)
            } else {
                finding!("elb.alb.not-found-among", alb = pattern, found = found)
            })
        },
    )
}

fn asg<'a>(
    account: &'a Account,
    pattern: &str,
) -> Result<(&'a str, &'a AutoScalingGroup), Outcome> {
    by_pattern(
        account,
        &account.elb.auto_scaling_groups,
        pattern,
        "autoscaling:DescribeAutoScalingGroups",
        |pattern, found| {
            Outcome::fail(if found.is_empty() {
                finding!("autoscaling.group.not-found", asg = pattern)
            } else {
                finding!(
                    "autoscaling.group.not-found-among",
                    asg = pattern,
                    found = found
                )
            })
        },
    )
}

/// The target group the ALB's HTTP:80 listener forwards to.
fn forwarded<'a>(account: &'a Account, lb: &LoadBalancer) -> Option<(&'a str, &'a TargetGroup)> {
    let name = lb
        .listeners
        .iter()
        .filter(|l| l.protocol == "HTTP")
        .find_map(|l| l.forwards_to.as_deref())?;
    account
        .elb
        .target_groups
        .get_key_value(name)
        .map(|(n, tg)| (n.as_str(), tg))
}

/// Whether a security group lets TCP `port` in from `source`.
pub const TARGET_GROUP: Kind = Kind {
    name: "elb.target-group",
    args: TargetGroupArgs::SPEC,
    probe: false,
    reads: &[Read::LoadBalancer("target_group")],
    run: target_group,
};

fn target_group(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<TargetGroupArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let found = by_pattern(
        ctx.account,
        &ctx.account.elb.target_groups,
        &a.target_group,
        "elasticloadbalancing:DescribeTargetGroups",
        |pattern, found| {
            Outcome::fail(if found.is_empty() {
                finding!("elb.target-group.not-found", target_group = pattern)
            } else {
                finding!(
                    "elb.target-group.not-found-among",
                    target_group = pattern,
                    found = found
                )
            })
        },
    );
    let (name, tg) = match found {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let want = a.port();
    if tg.protocol != "HTTP" || tg.port.to_string() != want {
        return Outcome::fail(finding!(
            "elb.target-group.wrong-port",
            target_group = name,
            protocol = tg.protocol,
            port = tg.port,
            expected = want
        ));
    }
    Outcome::pass(finding!(
        "elb.target-group.ok",
        target_group = name,
        port = tg.port,
        path = tg.health_check_path
    ))
}

pub const LOAD_BALANCER: Kind = Kind {
    name: "elb.alb",
    args: AlbArgs::SPEC,
    probe: false,
    reads: &[Read::LoadBalancer("alb")],
    run: load_balancer,
};

fn load_balancer(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<AlbArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, lb) = match alb(ctx.account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if lb.kind != "application" {
        return Outcome::fail(finding!(
            "elb.alb.not-application",
            alb = name,
            found = lb.kind
        ));
    }
    if lb.scheme != "internet-facing" {
        return Outcome::fail(finding!("elb.alb.internal", alb = name));
    }
    let zones = lb.availability_zones.len();
    if zones < 2 {
        return Outcome::fail(finding!("elb.alb.one-zone", alb = name, zones = zones));
    }
    if lb.state == "provisioning" {
        return Outcome::pending(finding!("elb.alb.provisioning", alb = name));
    }
    Outcome::pass(finding!(
        "elb.alb.ok",
        alb = name,
        zones = names(lb.availability_zones.iter().map(String::as_str))
    ))
}

pub const ALB_PORT_OPEN: Kind = Kind {
    name: "elb.alb-port-open",
    args: PortArgs::SPEC,
    probe: false,
    reads: &[Read::LoadBalancer("alb")],
    run: alb_port_open,
};

fn alb_port_open(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<PortArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, lb) = match alb(ctx.account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let port: i32 = a.port.parse().unwrap_or(0);
    let groups = names(lb.security_groups.iter().map(String::as_str));
    if lb
        .security_groups
        .iter()
        .any(|g| ctx.account.ec2.opens(g, port, world))
    {
        return Outcome::pass(finding!(
            "elb.alb-sg.open",
            alb = name,
            port = port,
            groups = groups
        ));
    }
    if let Some(why) = ctx.account.refused("ec2:DescribeSecurityGroups", "") {
        return support::unreadable(why);
    }
    Outcome::fail(finding!(
        "elb.alb-sg.closed",
        alb = name,
        port = port,
        groups = groups
    ))
}

pub const INSTANCES_FROM_ALB: Kind = Kind {
    name: "elb.instances-from-alb",
    args: FromAlbArgs::SPEC,
    probe: false,
    reads: &[Read::LoadBalancer("alb"), Read::AutoScalingGroup("asg")],
    run: instances_from_alb,
};

/// The security groups the ASG's instances get: its launch template's.
fn instance_groups<'a>(account: &'a Account, group: &AutoScalingGroup) -> Vec<&'a str> {
    group
        .launch_template
        .as_deref()
        .and_then(|t| account.ec2.launch_templates.get(t))
        .and_then(|t| t.versions.get(&t.default_version.to_string()))
        .map(|v| v.security_groups.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

fn instances_from_alb(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<FromAlbArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let account = ctx.account;
    let (alb_name, lb) = match alb(account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (asg_name, group) = match asg(account, &a.asg) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let port = forwarded(account, lb).map_or(80, |(_, tg)| tg.port);
    let groups = instance_groups(account, group);
    let from_alb = |source: &str| lb.security_groups.iter().any(|g| g == source);
    let listed = names(groups.iter().copied());
    if groups.iter().any(|g| account.ec2.opens(g, port, from_alb)) {
        return Outcome::pass(finding!(
            "elb.instances-sg.from-alb",
            asg = asg_name,
            port = port,
            alb = alb_name
        ));
    }
    if let Some(why) = account.refused("ec2:DescribeSecurityGroups", "") {
        return support::unreadable(why);
    }
    if groups.iter().any(|g| account.ec2.opens(g, port, world)) {
        return Outcome::fail(finding!(
            "elb.instances-sg.world",
            groups = listed,
            port = port,
            alb_groups = names(lb.security_groups.iter().map(String::as_str))
        ));
    }
    Outcome::fail(finding!(
        "elb.instances-sg.closed",
        groups = listed,
        port = port,
        alb_groups = names(lb.security_groups.iter().map(String::as_str))
    ))
}

pub const LISTENER_FORWARDS: Kind = Kind {
    name: "elb.listener-forwards",
    args: ListenerArgs::SPEC,
    probe: false,
    reads: &[Read::LoadBalancer("alb")],
    run: listener_forwards,
};

fn listener_forwards(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ListenerArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, lb) = match alb(ctx.account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (port, protocol) = (a.port(), a.protocol());
    let Some(listener) = lb
        .listeners
        .iter()
        .find(|l| l.port.to_string() == port && l.protocol == protocol)
    else {
        let found = names(
            lb.listeners
                .iter()
                .map(|l| format!("{}:{}", l.protocol, l.port))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        );
        return Outcome::fail(finding!(
            "elb.listener.missing",
            alb = name,
            protocol = protocol,
            port = port,
            found = found
        ));
    };
    match &listener.forwards_to {
        Some(tg) => Outcome::pass(finding!(
            "elb.listener.forwards",
            protocol = protocol,
            port = port,
            target_group = tg
        )),
        None => Outcome::fail(finding!(
            "elb.listener.no-forward",
            protocol = protocol,
            port = port
        )),
    }
}

pub const LAUNCH_TEMPLATE: Kind = Kind {
    name: "ec2.launch-template",
    args: TemplateArgs::SPEC,
    probe: false,
    reads: &[Read::AutoScalingGroup("launch_template")],
    run: launch_template,
};

fn launch_template(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<TemplateArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let found = by_pattern(
        ctx.account,
        &ctx.account.ec2.launch_templates,
        &a.launch_template,
        "ec2:DescribeLaunchTemplates",
        |pattern, found| {
            Outcome::fail(if found.is_empty() {
                finding!("ec2.launch-template.not-found", launch_template = pattern)
            } else {
                finding!(
                    "ec2.launch-template.not-found-among",
                    launch_template = pattern,
                    found = found
                )
            })
        },
    );
    match found {
        Ok((name, t)) => Outcome::pass(finding!(
            "ec2.launch-template.exists",
            launch_template = name,
            version = t.default_version
        )),
        Err(outcome) => outcome,
    }
}

pub const ASG_USES_TEMPLATE: Kind = Kind {
    name: "autoscaling.uses-template",
    args: AsgTemplateArgs::SPEC,
    probe: false,
    reads: &[Read::AutoScalingGroup("asg")],
    run: asg_uses_template,
};

fn asg_uses_template(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<AsgTemplateArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, group) = match asg(ctx.account, &a.asg) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let Some(template) = group
        .launch_template
        .as_deref()
        .filter(|t| glob(&a.launch_template, t))
    else {
        return Outcome::fail(finding!(
            "autoscaling.group.no-template",
            asg = name,
            launch_template = a.launch_template
        ));
    };
    if group.max_size.to_string() != a.max() {
        return Outcome::fail(finding!(
            "autoscaling.group.max",
            asg = name,
            max = group.max_size,
            expected = a.max()
        ));
    }
    Outcome::pass(finding!(
        "autoscaling.group.ok",
        asg = name,
        launch_template = template,
        max = group.max_size
    ))
}

pub const ASG_ATTACHED: Kind = Kind {
    name: "autoscaling.attached",
    args: AttachedArgs::SPEC,
    probe: false,
    reads: &[Read::AutoScalingGroup("asg"), Read::LoadBalancer("alb")],
    run: asg_attached,
};

fn asg_attached(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<AttachedArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, group) = match asg(ctx.account, &a.asg) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (_, lb) = match alb(ctx.account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let Some((tg, _)) = forwarded(ctx.account, lb) else {
        return Outcome::fail(finding!(
            "elb.listener.no-forward",
            protocol = "HTTP",
            port = "80"
        ));
    };
    if group.target_groups.iter().any(|t| t == tg) {
        Outcome::pass(finding!(
            "autoscaling.attached.yes",
            asg = name,
            target_group = tg
        ))
    } else if group.target_groups.is_empty() {
        Outcome::fail(finding!(
            "autoscaling.attached.none",
            asg = name,
            target_group = tg
        ))
    } else {
        Outcome::fail(finding!(
            "autoscaling.attached.other",
            asg = name,
            target_group = tg,
            found = names(group.target_groups.iter().map(String::as_str))
        ))
    }
}

pub const ASG_CPU_POLICY: Kind = Kind {
    name: "autoscaling.cpu-policy",
    args: AsgArgs::SPEC,
    probe: false,
    reads: &[Read::AutoScalingGroup("asg")],
    run: asg_cpu_policy,
};

fn asg_cpu_policy(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<AsgArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, group) = match asg(ctx.account, &a.asg) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if let Some(p) = group
        .policies
        .iter()
        .find(|p| p.kind == "TargetTrackingScaling" && p.metric == "ASGAverageCPUUtilization")
    {
        return Outcome::pass(finding!(
            "autoscaling.policy.cpu",
            asg = name,
            policy = p.name
        ));
    }
    if let Some(why) = ctx.account.refused("autoscaling:DescribePolicies", name) {
        return support::unreadable(why);
    }
    Outcome::fail(finding!(
        "autoscaling.policy.none",
        asg = name,
        found = names(group.policies.iter().map(|p| p.name.as_str()))
    ))
}

pub const TARGETS_HEALTHY: Kind = Kind {
    name: "elb.targets-healthy",
    args: AlbArgs::SPEC,
    probe: false,
    reads: &[Read::LoadBalancer("alb")],
    run: targets_healthy,
};

fn targets_healthy(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<AlbArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (_, lb) = match alb(ctx.account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let Some((tg_name, tg)) = forwarded(ctx.account, lb) else {
        return Outcome::fail(finding!(
            "elb.listener.no-forward",
            protocol = "HTTP",
            port = "80"
        ));
    };
    let healthy = tg.targets.values().filter(|t| t.state == "healthy").count();
    if healthy > 0 {
        return Outcome::pass(finding!(
            "elb.targets.healthy",
            target_group = tg_name,
            healthy = healthy,
            total = tg.targets.len()
        ));
    }
    if let Some(why) = ctx
        .account
        .refused("elasticloadbalancing:DescribeTargetHealth", tg_name)
    {
        return support::unreadable(why);
    }
    if tg.targets.values().any(|t| t.state == "initial") {
        return Outcome::pending(finding!("elb.targets.initial", target_group = tg_name));
    }
    match tg.targets.iter().find(|(_, t)| t.state == "unhealthy") {
        Some((id, t)) => Outcome::fail(finding!(
            "elb.targets.unhealthy",
            target_group = tg_name,
            target = id,
            reason = t.reason,
            path = tg.health_check_path
        )),
        None if tg.targets.is_empty() => {
            Outcome::fail(finding!("elb.targets.none", target_group = tg_name))
        }
        None => Outcome::fail(finding!(
            "elb.targets.not-healthy",
            target_group = tg_name,
            states = names(tg.targets.values().map(|t| t.state.as_str()))
        )),
    }
}

/// The certificate covering `domain` (any, when empty), the best first:
/// ISSUED before pending before the rest.
fn certificate<'a>(
    account: &'a Account,
    domain: &str,
) -> Option<(&'a str, &'a crate::account::elb::Certificate)> {
    let rank = |status: &str| match status {
        "ISSUED" => 0,
        "PENDING_VALIDATION" => 1,
        _ => 2,
    };
    account
        .elb
        .certificates
        .iter()
        .filter(|(_, c)| domain.is_empty() || c.covers(domain))
        .min_by_key(|(arn, c)| (rank(&c.status), arn.as_str()))
        .map(|(arn, c)| (arn.as_str(), c))
}

pub const CERTIFICATE_ISSUED: Kind = Kind {
    name: "acm.certificate-issued",
    args: CertArgs::SPEC,
    probe: false,
    reads: &[Read::Certificates],
    run: certificate_issued,
};

fn certificate_issued(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<CertArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let account = ctx.account;
    let domain = a.domain();
    let Some((_, cert)) = certificate(account, domain) else {
        if let Some(why) = account.refused("acm:ListCertificates", "") {
            return support::unreadable(why);
        }
        // Found by a source in another region (the CloudFront habit of
        // requesting certificates in us-east-1).
        let elsewhere = account.elsewhere.iter().find(|(key, _)| {
            key.strip_prefix("acm:")
                .is_some_and(|d| domain.is_empty() || d == domain)
        });
        if let Some((key, region)) = elsewhere {
            return Outcome::fail(finding!(
                "acm.certificate.in-other-region",
                domain = key["acm:".len()..],
                found_region = region,
                region = account.region
            ));
        }
        if domain.is_empty() {
            return Outcome::fail(finding!(
                "acm.certificate.none-any",
                region = account.region
            ));
        }
        return Outcome::fail(finding!(
            "acm.certificate.none",
            domain = domain,
            region = account.region
        ));
    };
    match cert.status.as_str() {
        "ISSUED" => Outcome::pass(finding!("acm.certificate.issued", domain = cert.domain)),
        "PENDING_VALIDATION" => {
            Outcome::pending(finding!("acm.certificate.pending", domain = cert.domain))
        }
        _ => Outcome::fail(finding!(
            "acm.certificate.not-issued",
            domain = cert.domain,
            status = cert.status
        )),
    }
}

pub const HTTPS_LISTENER: Kind = Kind {
    name: "elb.https-listener",
    args: HttpsArgs::SPEC,
    probe: false,
    reads: &[Read::LoadBalancer("alb"), Read::Certificates],
    run: https_listener,
};

fn https_listener(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<HttpsArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let account = ctx.account;
    let (name, lb) = match alb(account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let Some(listener) = lb
        .listeners
        .iter()
        .find(|l| l.port == 443 && l.protocol == "HTTPS")
    else {
        return Outcome::fail(finding!("elb.https.missing", alb = name));
    };
    let domain = a.domain();
    let good = listener.certificates.iter().find(|arn| {
        account
            .elb
            .certificates
            .get(*arn)
            .is_some_and(|c| c.status == "ISSUED" && (domain.is_empty() || c.covers(domain)))
    });
    match good {
        Some(arn) => Outcome::pass(finding!("elb.https.ok", alb = name, certificate = arn)),
        None => Outcome::fail(finding!(
            "elb.https.wrong-certificate",
            alb = name,
            found = names(listener.certificates.iter().map(String::as_str))
        )),
    }
}
