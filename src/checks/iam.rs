//! IAM check kinds: who is calling, who is an administrator, and what a role
//! may do. Permissions are evaluated (`crate::policy`), never matched by name.

use crate::finding;
use crate::policy::{self, Context, Decision, Principal, Request};

use super::args::NoArgs;
use super::support::{self, Gathered, NamedPolicy, Owner};
use super::{Ctx, Kind, Outcome, Read};
use crate::account::{Account, Unreadable};

pub const CALLER_NOT_ROOT: Kind = Kind {
    name: "iam.caller-not-root",
    args: NoArgs::SPEC,
    probe: false,
    reads: &[Read::Caller],
    run: caller_not_root,
};

fn caller_not_root(ctx: &Ctx<'_>) -> Outcome {
    if let Err(outcome) = ctx.args::<NoArgs>() {
        return outcome;
    }
    let caller = &ctx.account.caller;
    if caller.arn.is_empty() {
        if let Some(why) = ctx.account.refused("sts:GetCallerIdentity", "") {
            return support::unreadable(why);
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
    args: NoArgs::SPEC,
    probe: false,
    reads: &[Read::Users],
    run: admin_user_exists,
};

fn admin_user_exists(ctx: &Ctx<'_>) -> Outcome {
    if let Err(outcome) = ctx.args::<NoArgs>() {
        return outcome;
    }
    let account = ctx.account;
    let users = &account.iam.users;
    if let Some(why) = account.refused("iam:ListUsers", "") {
        return support::unreadable(why);
    }
    let mut seen = Vec::new();
    // The first user whose verdict an unread policy could change: unless
    // another user is an administrator for certain, that is the answer.
    let mut undecided: Option<(&str, Unreadable)> = None;
    for (name, user) in users {
        let mut found = Gathered::default();
        if let Err(outcome) = support::policies(
            account,
            Owner::User(name),
            &user.attached_policies,
            &user.inline_policies,
            &mut found,
        ) {
            return outcome;
        }
        if let Some(why) = account.refused("iam:ListGroupsForUser", name) {
            found.unknown.push(why.clone());
        }
        for group_name in &user.groups {
            let Some(group) = account.iam.groups.get(group_name) else {
                continue;
            };
            if let Err(outcome) = support::policies(
                account,
                Owner::Group(group_name),
                &group.attached_policies,
                &group.inline_policies,
                &mut found,
            ) {
                return outcome;
            }
        }
        let docs: Vec<_> = found.known.iter().map(|p| &p.policy).collect();
        let admin = policy::allows_everything(&docs);
        match found.unknown.first() {
            None if admin => {
                return Outcome::pass(finding!(
                    "iam.admin-user.found",
                    user = name,
                    policies = names(&found.known)
                ));
            }
            Some(why) if undecided.is_none() => undecided = Some((name, why.clone())),
            _ => {}
        }
        seen.push(if found.known.is_empty() {
            format!("`{name}` (-)")
        } else {
            format!("`{name}` ({})", names(&found.known))
        });
    }
    if let Some((user, why)) = undecided {
        return Outcome::error(finding!(
            "iam.admin-user.undecided",
            user = user,
            unread = unread(&why),
            permission = why.action
        ));
    }
    if seen.is_empty() {
        return Outcome::fail(finding!("iam.admin-user.no-users"));
    }
    Outcome::fail(finding!("iam.admin-user.none", users = seen.join(", ")))
}

/// What could not be read, for a finding: the resource, else the action.
fn unread(why: &Unreadable) -> &str {
    if why.resource.is_empty() {
        &why.action
    } else {
        &why.resource
    }
}

fn names(policies: &[NamedPolicy]) -> String {
    policies
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

crate::args! {
    /// `iam.role-trusts-service`: the role, and the service principal
    /// (`lambda.amazonaws.com`).
    pub struct TrustArgs {
        required { role, service }
        optional {}
    }
}

pub const ROLE_TRUSTS_SERVICE: Kind = Kind {
    name: "iam.role-trusts-service",
    args: TrustArgs::SPEC,
    probe: false,
    reads: &[Read::Role("role")],
    run: role_trusts_service,
};

fn role_trusts_service(ctx: &Ctx<'_>) -> Outcome {
    match ctx.args::<TrustArgs>() {
        Ok(a) => role_trusts(ctx.account, &a.role, &a.service),
        Err(outcome) => outcome,
    }
}

/// `iam.role-trusts-service`'s verdict on a role another check found (the
/// function's, the instance's, API Gateway's logs role).
pub(super) fn role_trusts(account: &Account, role_name: &str, service: &str) -> Outcome {
    let role = match support::find(account, &account.iam.roles, role_name, &support::ROLE) {
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

crate::args! {
    /// `iam.role-allows`: may the role do the action on the resource.
    pub struct RoleAllowsArgs {
        required { role, action, resource }
        optional {}
    }
}

pub const ROLE_ALLOWS: Kind = Kind {
    name: "iam.role-allows",
    args: RoleAllowsArgs::SPEC,
    probe: false,
    reads: &[Read::Role("role")],
    run: role_allows,
};

fn role_allows(ctx: &Ctx<'_>) -> Outcome {
    match ctx.args::<RoleAllowsArgs>() {
        Ok(a) => role_may(ctx.account, &a.role, &a.action, &a.resource),
        Err(outcome) => outcome,
    }
}

/// `iam.role-allows`'s verdict on a role another check found, so a check
/// built on it keeps its not-found, unread and denied answers.
pub(super) fn role_may(
    account: &Account,
    role_name: &str,
    action: &str,
    resource: &str,
) -> Outcome {
    let role = match support::find(account, &account.iam.roles, role_name, &support::ROLE) {
        Ok(role) => role,
        Err(outcome) => return outcome,
    };
    let mut found = Gathered::default();
    if let Err(outcome) = support::policies(
        account,
        Owner::Role(role_name),
        &role.attached_policies,
        &role.inline_policies,
        &mut found,
    ) {
        return outcome;
    }
    let docs: Vec<_> = found.known.iter().map(|p| &p.policy).collect();
    let context = Context::new();
    let request = Request {
        principal: None,
        action,
        resource,
        context: &context,
    };
    let evaluation = policy::evaluate(&docs, &request);
    let Some(decision) =
        policy::decide_with_unknowns(evaluation.decision, !found.unknown.is_empty())
    else {
        let why = &found.unknown[0];
        return Outcome::error(finding!(
            "iam.role.undecided",
            role = role_name,
            action = action,
            resource = resource,
            unread = unread(why),
            permission = why.action
        ));
    };
    // "`policy` Sid": the catalog has the words, the label only names.
    let statement = evaluation
        .statement
        .as_ref()
        .zip(evaluation.policy.and_then(|p| found.known.get(p)))
        .map(|(s, p)| format!("`{}` {s}", p.name));
    let finding = match (decision, &statement) {
        (Decision::Allow, None) => finding!("iam.role.allowed"),
        (Decision::Allow, Some(s)) => finding!("iam.role.allowed-by", statement = s),
        (Decision::ExplicitDeny, None) => finding!("iam.role.denied-explicitly"),
        (Decision::ExplicitDeny, Some(s)) => {
            finding!("iam.role.denied-explicitly-by", statement = s)
        }
        (Decision::ImplicitDeny, _) if found.known.is_empty() => finding!("iam.role.no-policies"),
        (Decision::ImplicitDeny, _) => {
            finding!("iam.role.not-allowed", policies = names(&found.known))
        }
    };
    let finding = finding
        .arg("role", role_name)
        .arg("action", action)
        .arg("resource", resource);
    if decision == Decision::Allow {
        Outcome::pass(finding)
    } else {
        Outcome::fail(finding)
    }
}
