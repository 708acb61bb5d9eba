//! IAM check kinds about *how* a role is allowed something, not only
//! whether: through a customer managed policy the student wrote, and scoped
//! to one resource rather than `*` or a whole family (`table/*`).
//!
//! Scope is judged by evaluation (`crate::policy`), never by reading the
//! policy's text: the role must be allowed each action on the resource and
//! refused it on stand-ins beside it (another table; a name the resource's
//! is a prefix of). That way `*`, `table/*`, `table/name*`, `NotResource`
//! and AWS managed policies such as AmazonDynamoDBFullAccess all count as
//! broad, whatever their wording.

use std::collections::BTreeMap;

use crate::finding;
use crate::policy::{self, Context, Decision, Request};

use super::finding::names;
use super::support::{self, Gathered, NamedPolicy, Owner};
use super::{Ctx, Kind, Outcome, Read, Status, iam};

crate::args! {
    /// `iam.customer-policy-allows`, `iam.least-privilege`: the role, the
    /// actions it needs (comma-separated) and the resource's ARN.
    pub struct ScopedArgs {
        required { role, actions, resource }
        optional {}
    }
}

impl ScopedArgs {
    fn action_list(&self) -> Vec<&str> {
        self.actions
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect()
    }
}

fn decide(policies: &[&NamedPolicy], action: &str, resource: &str) -> policy::Evaluation {
    let docs: Vec<_> = policies.iter().map(|p| &p.policy).collect();
    let context = Context::new();
    policy::evaluate(
        &docs,
        &Request {
            principal: None,
            action,
            resource,
            context: &context,
        },
    )
}

pub const CUSTOMER_POLICY_ALLOWS: Kind = Kind {
    name: "iam.customer-policy-allows",
    args: ScopedArgs::SPEC,
    probe: false,
    reads: &[Read::Role("role")],
    run: customer_policy_allows,
};

fn customer_policy_allows(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ScopedArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let account = ctx.account;
    let actions = a.action_list();
    // First, the role as a whole may do each action: its not-found, unread
    // and denied answers are the role-allows kind's own.
    for action in &actions {
        let outcome = iam::role_may(account, &a.role, action, &a.resource);
        if outcome.status != Status::Pass {
            return outcome;
        }
    }
    let role = match support::find(account, &account.iam.roles, &a.role, &support::ROLE) {
        Ok(role) => role,
        Err(outcome) => return outcome,
    };
    // Customer managed: the account's own policies, not `arn:aws:iam::aws:`.
    let own = format!("arn:aws:iam::{}:policy/", account.account_id);
    let mut customer = Vec::new();
    let mut best: Option<(usize, String, Vec<&str>)> = None;
    for arn in role
        .attached_policies
        .iter()
        .filter(|p| p.starts_with(&own))
    {
        let mut found = Gathered::default();
        if let Err(outcome) = support::policies(
            account,
            Owner::Role(&a.role),
            std::slice::from_ref(arn),
            &BTreeMap::new(),
            &mut found,
        ) {
            return outcome;
        }
        if let Some(why) = found.unknown.first() {
            return support::unreadable(why);
        }
        let Some(named) = found.known.first() else {
            continue;
        };
        customer.push(named.name.clone());
        let missing: Vec<&str> = actions
            .iter()
            .copied()
            .filter(|action| decide(&[named], action, &a.resource).decision != Decision::Allow)
            .collect();
        if missing.is_empty() {
            return Outcome::pass(finding!(
                "iam.customer-policy.allows",
                role = a.role,
                policy = named.name,
                resource = a.resource
            ));
        }
        if best.as_ref().is_none_or(|(n, ..)| missing.len() < *n) {
            best = Some((missing.len(), named.name.clone(), missing));
        }
    }
    if let Some((_, policy, missing)) = best {
        return Outcome::fail(finding!(
            "iam.customer-policy.not-allowing",
            role = a.role,
            policy = policy,
            actions = names(missing),
            resource = a.resource
        ));
    }
    let mut attached: Vec<&str> = role
        .attached_policies
        .iter()
        .map(|arn| arn.rsplit('/').next().unwrap_or(arn))
        .collect();
    attached.extend(role.inline_policies.keys().map(String::as_str));
    Outcome::fail(finding!(
        "iam.customer-policy.none",
        role = a.role,
        policies = names(attached)
    ))
}

pub const LEAST_PRIVILEGE: Kind = Kind {
    name: "iam.least-privilege",
    args: ScopedArgs::SPEC,
    probe: false,
    reads: &[Read::Role("role")],
    run: least_privilege,
};

/// Resources beside `resource` that a policy scoped to it does not reach:
/// a sibling (`table/labcheck-other`) and a longer name (`table/NAME-labcheck`,
/// which a trailing `*` would take).
pub fn stand_ins(resource: &str) -> Vec<String> {
    let sibling = match resource.rsplit_once('/') {
        Some((head, _)) => format!("{head}/labcheck-other"),
        None => match resource.rsplit_once(':') {
            Some((head, _)) => format!("{head}:labcheck-other"),
            None => "labcheck-other".to_string(),
        },
    };
    vec![sibling, format!("{resource}-labcheck")]
}

fn least_privilege(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ScopedArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let account = ctx.account;
    let role = match support::find(account, &account.iam.roles, &a.role, &support::ROLE) {
        Ok(role) => role,
        Err(outcome) => return outcome,
    };
    let mut found = Gathered::default();
    if let Err(outcome) = support::policies(
        account,
        Owner::Role(&a.role),
        &role.attached_policies,
        &role.inline_policies,
        &mut found,
    ) {
        return outcome;
    }
    // An unread policy could hold the broad Allow: no verdict without it.
    if let Some(why) = found.unknown.first() {
        return support::unreadable(why);
    }
    let all: Vec<&NamedPolicy> = found.known.iter().collect();
    let actions = a.action_list();
    for action in &actions {
        if decide(&all, action, &a.resource).decision != Decision::Allow {
            return Outcome::fail(finding!(
                "iam.least-privilege.not-allowed",
                role = a.role,
                action = action,
                resource = a.resource
            ));
        }
    }
    for other in stand_ins(&a.resource) {
        for action in &actions {
            let evaluation = decide(&all, action, &other);
            if evaluation.decision == Decision::Allow {
                let statement = evaluation
                    .statement
                    .zip(evaluation.policy.and_then(|p| all.get(p)))
                    .map(|(s, p)| format!("`{}` {s}", p.name))
                    .unwrap_or_default();
                return Outcome::fail(finding!(
                    "iam.least-privilege.too-broad",
                    role = a.role,
                    action = action,
                    resource = other,
                    statement = statement
                ));
            }
        }
    }
    Outcome::pass(finding!(
        "iam.least-privilege.scoped",
        role = a.role,
        resource = a.resource
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{Account, Evidence, ManagedPolicy, Role, Unreadable};

    const TABLE: &str = "arn:aws:dynamodb:ap-northeast-2:123456789012:table/items";
    const OWN: &str = "arn:aws:iam::123456789012:policy/items-access";
    const FULL: &str = "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Items","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Scan"],"Resource":{resource}}}]}}"#
        )
    }

    /// A role with the customer policy `own` (if any) and other attached ARNs.
    fn account(own: Option<&str>, others: &[&str]) -> Account {
        let mut account = Account {
            account_id: "123456789012".into(),
            region: "ap-northeast-2".into(),
            ..Account::default()
        };
        let mut attached: Vec<String> = others.iter().map(|s| (*s).to_string()).collect();
        if let Some(resource) = own {
            attached.push(OWN.into());
            account.iam.policies.insert(
                OWN.into(),
                Evidence::Got(ManagedPolicy {
                    name: "items-access".into(),
                    document: policy(resource),
                }),
            );
        }
        account.iam.policies.insert(
            FULL.into(),
            Evidence::Got(ManagedPolicy {
                name: "AmazonDynamoDBFullAccess".into(),
                document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}"#.into(),
            }),
        );
        account.iam.roles.insert(
            "r".into(),
            Role {
                arn: "arn:aws:iam::123456789012:role/r".into(),
                attached_policies: attached,
                ..Role::default()
            },
        );
        account
    }

    fn run(kind: &Kind, account: &Account) -> Outcome {
        let args = BTreeMap::from([
            ("role".to_string(), "r".to_string()),
            (
                "actions".to_string(),
                "dynamodb:GetItem, dynamodb:Scan".to_string(),
            ),
            ("resource".to_string(), TABLE.to_string()),
        ]);
        (kind.run)(&Ctx::new(account, args))
    }

    #[test]
    fn a_policy_on_the_table_arn_earns_both() {
        let account = account(Some(&format!("\"{TABLE}\"")), &[]);
        assert_eq!(run(&CUSTOMER_POLICY_ALLOWS, &account).status, Status::Pass);
        let outcome = run(&LEAST_PRIVILEGE, &account);
        assert_eq!(outcome.status, Status::Pass, "{outcome:?}");
        // Its indexes too: still one table.
        let both = format!("[\"{TABLE}\", \"{TABLE}/index/*\"]");
        assert_eq!(
            run(&LEAST_PRIVILEGE, &account_with(&both)).status,
            Status::Pass
        );
    }

    fn account_with(resource: &str) -> Account {
        account(Some(resource), &[])
    }

    #[test]
    fn star_family_and_prefix_wildcards_work_but_are_too_broad() {
        for resource in [
            "\"*\"".to_string(),
            "\"arn:aws:dynamodb:ap-northeast-2:123456789012:table/*\"".to_string(),
            format!("\"{TABLE}*\""),
        ] {
            let account = account_with(&resource);
            assert_eq!(
                run(&CUSTOMER_POLICY_ALLOWS, &account).status,
                Status::Pass,
                "{resource}"
            );
            let outcome = run(&LEAST_PRIVILEGE, &account);
            assert_eq!(outcome.status, Status::Fail, "{resource}");
            assert_eq!(outcome.finding.code, "iam.least-privilege.too-broad");
            assert!(outcome.finding.args["statement"].contains("Items"));
        }
    }

    #[test]
    fn an_aws_managed_policy_is_not_a_customer_policy_and_is_too_broad() {
        let managed = account(None, &[FULL]);
        let outcome = run(&CUSTOMER_POLICY_ALLOWS, &managed);
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.finding.code, "iam.customer-policy.none");
        assert!(outcome.finding.args["policies"].contains("AmazonDynamoDBFullAccess"));
        // Beside a scoped customer policy it still widens the role.
        let both = account(Some(&format!("\"{TABLE}\"")), &[FULL]);
        assert_eq!(run(&CUSTOMER_POLICY_ALLOWS, &both).status, Status::Pass);
        assert_eq!(run(&LEAST_PRIVILEGE, &both).status, Status::Fail);
    }

    #[test]
    fn a_policy_on_another_arn_allows_nothing_here() {
        let stream = format!("\"{TABLE}/stream/*\"");
        let outcome = run(&CUSTOMER_POLICY_ALLOWS, &account_with(&stream));
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.finding.code, "iam.role.not-allowed");
        let outcome = run(&LEAST_PRIVILEGE, &account_with(&stream));
        assert_eq!(outcome.finding.code, "iam.least-privilege.not-allowed");
    }

    #[test]
    fn an_unread_policy_is_an_error_naming_the_action() {
        let mut unread = account_with(&format!("\"{TABLE}\""));
        unread.iam.policies.insert(
            OWN.into(),
            Evidence::Unreadable(Unreadable::new("iam:GetPolicyVersion", OWN, "AccessDenied")),
        );
        let outcome = run(&LEAST_PRIVILEGE, &unread);
        assert_eq!(outcome.status, Status::Error);
        assert_eq!(outcome.finding.args["action"], "iam:GetPolicyVersion");
        assert_eq!(run(&CUSTOMER_POLICY_ALLOWS, &unread).status, Status::Error);
    }

    #[test]
    fn stand_ins_sit_beside_the_resource() {
        assert_eq!(
            stand_ins(TABLE),
            [
                "arn:aws:dynamodb:ap-northeast-2:123456789012:table/labcheck-other".to_string(),
                format!("{TABLE}-labcheck"),
            ]
        );
    }
}
