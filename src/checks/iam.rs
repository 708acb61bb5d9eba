//! IAM check kinds: who is calling, who is an administrator, and what a role
//! may do. Permissions are evaluated (`crate::policy`), never matched by name.

use crate::finding;
use crate::policy::{self, Context, Decision, Principal, Request};

use super::support::{self, NamedPolicy};
use super::{Ctx, Kind, Outcome, Read};

pub const CALLER_NOT_ROOT: Kind = Kind {
    name: "iam.caller-not-root",
    params: &[],
    optional: &[],
    summary: "the credentials in use are not the account's root user",
    probe: false,
    reads: &[Read::Caller],
    run: caller_not_root,
};

fn caller_not_root(ctx: &Ctx<'_>) -> Outcome {
    let caller = &ctx.account.caller;
    if caller.arn.is_empty() {
        if ctx.account.was_denied("sts:GetCallerIdentity") {
            return support::denied("sts:GetCallerIdentity");
        }
        return Outcome::error(finding!("iam.caller.unknown"));
    }
    if caller.is_root() {
        Outcome::fail(finding!("iam.caller.root", arn = caller.arn))
    } else {
        Outcome::pass(finding!("iam.caller.not-root", arn = caller.arn))
    }
}

pub const ADMIN_USER_EXISTS: Kind = Kind {
    name: "iam.admin-user-exists",
    params: &[],
    optional: &[],
    summary: "some IAM user may do every action on every resource (attached, inline and group policies)",
    probe: false,
    reads: &[Read::Users],
    run: admin_user_exists,
};

fn admin_user_exists(ctx: &Ctx<'_>) -> Outcome {
    let account = ctx.account;
    let users = &account.iam.users;
    if users.is_empty() && account.was_denied("iam:ListUsers") {
        return support::denied("iam:ListUsers");
    }
    let mut seen = Vec::new();
    for (name, user) in users {
        let mut found = Vec::new();
        if let Err(outcome) = support::policies(
            account,
            &user.attached_policies,
            &user.inline_policies,
            "",
            &mut found,
        ) {
            return outcome;
        }
        for group_name in &user.groups {
            let Some(group) = account.iam.groups.get(group_name) else {
                continue;
            };
            let via = format!(" (via group `{group_name}`)");
            if let Err(outcome) = support::policies(
                account,
                &group.attached_policies,
                &group.inline_policies,
                &via,
                &mut found,
            ) {
                return outcome;
            }
        }
        let docs: Vec<_> = found.iter().map(|p| &p.policy).collect();
        if policy::allows_everything(&docs) {
            return Outcome::pass(finding!(
                "iam.admin-user.found",
                user = name,
                policies = names(&found)
            ));
        }
        seen.push(if found.is_empty() {
            format!("`{name}` (no policies)")
        } else {
            format!("`{name}` ({})", names(&found))
        });
    }
    if let Some(outcome) = support::any_denied(account, support::USER_POLICY_READS) {
        return outcome;
    }
    if seen.is_empty() {
        return Outcome::fail(finding!("iam.admin-user.no-users"));
    }
    Outcome::fail(finding!("iam.admin-user.none", users = seen.join(", ")))
}

fn names(policies: &[NamedPolicy]) -> String {
    policies
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub const ROLE_TRUSTS_SERVICE: Kind = Kind {
    name: "iam.role-trusts-service",
    params: &["role", "service"],
    optional: &[],
    summary: "the role's trust policy lets the service assume it (sts:AssumeRole)",
    probe: false,
    reads: &[Read::Role("role")],
    run: role_trusts_service,
};

fn role_trusts_service(ctx: &Ctx<'_>) -> Outcome {
    let (role_name, service) = (ctx.arg("role", ""), ctx.arg("service", ""));
    let role = match support::find(
        ctx.account,
        &ctx.account.iam.roles,
        role_name,
        &support::ROLE,
    ) {
        Ok(role) => role,
        Err(outcome) => return outcome,
    };
    let trust = match policy::Policy::parse(&role.trust_policy) {
        Ok(p) => p,
        Err(e) => return Outcome::error(finding!("iam.trust-policy.invalid", error = e)),
    };
    let principal = Principal::Service(service.to_string());
    let context = Context::new();
    let request = Request {
        principal: Some(&principal),
        action: "sts:AssumeRole",
        resource: &role.arn,
        context: &context,
    };
    match policy::evaluate(&[&trust], &request).decision {
        Decision::Allow => Outcome::pass(finding!(
            "iam.trust.allowed",
            role = role_name,
            service = service
        )),
        Decision::ExplicitDeny => Outcome::fail(finding!(
            "iam.trust.denied",
            role = role_name,
            service = service
        )),
        Decision::ImplicitDeny => Outcome::fail(finding!(
            "iam.trust.missing",
            role = role_name,
            service = service
        )),
    }
}

pub const ROLE_ALLOWS: Kind = Kind {
    name: "iam.role-allows",
    params: &["role", "action", "resource"],
    optional: &[],
    summary: "the role's policies allow the action on the resource (an explicit Deny wins)",
    probe: false,
    reads: &[Read::Role("role")],
    run: role_allows,
};

fn role_allows(ctx: &Ctx<'_>) -> Outcome {
    let account = ctx.account;
    let (role_name, action, resource) = (
        ctx.arg("role", ""),
        ctx.arg("action", ""),
        ctx.arg("resource", ""),
    );
    let role = match support::find(account, &account.iam.roles, role_name, &support::ROLE) {
        Ok(role) => role,
        Err(outcome) => return outcome,
    };
    let mut found = Vec::new();
    if let Err(outcome) = support::policies(
        account,
        &role.attached_policies,
        &role.inline_policies,
        "",
        &mut found,
    ) {
        return outcome;
    }
    let docs: Vec<_> = found.iter().map(|p| &p.policy).collect();
    let context = Context::new();
    let request = Request {
        principal: None,
        action,
        resource,
        context: &context,
    };
    let evaluation = policy::evaluate(&docs, &request);
    if evaluation.decision == Decision::ImplicitDeny
        && let Some(outcome) = support::any_denied(account, support::ROLE_POLICY_READS)
    {
        return outcome;
    }
    let finding = match (evaluation.decision, &evaluation.statement) {
        (Decision::Allow, None) => finding!("iam.role.allowed"),
        (Decision::Allow, Some(s)) => finding!("iam.role.allowed-by", statement = s),
        (Decision::ExplicitDeny, None) => finding!("iam.role.denied-explicitly"),
        (Decision::ExplicitDeny, Some(s)) => {
            finding!("iam.role.denied-explicitly-by", statement = s)
        }
        (Decision::ImplicitDeny, _) if found.is_empty() => finding!("iam.role.no-policies"),
        (Decision::ImplicitDeny, _) => finding!("iam.role.not-allowed", policies = names(&found)),
    };
    let finding = finding
        .arg("role", role_name)
        .arg("action", action)
        .arg("resource", resource);
    if evaluation.decision == Decision::Allow {
        Outcome::pass(finding)
    } else {
        Outcome::fail(finding)
    }
}
