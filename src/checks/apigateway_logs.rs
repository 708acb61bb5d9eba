//! API Gateway check kinds beyond the API's shape: its endpoint type, the
//! stage's execution logging, and the account-level CloudWatch Logs role
//! that logging needs. The role is found through the account setting, not
//! by a name the lab gives, so its trust and permissions are judged by the
//! IAM kinds themselves, given the role the setting names.

use crate::account::Role;
use crate::finding;

use super::support;
use super::{Ctx, Kind, Outcome, Read, iam};

crate::args! {
    /// `apigateway.endpoint-type`: EDGE, REGIONAL or PRIVATE.
    pub struct EndpointArgs {
        required { api }
        optional { endpoint_type as "type" = "REGIONAL" }
    }
}

pub const ENDPOINT_TYPE: Kind = Kind {
    name: "apigateway.endpoint-type",
    args: EndpointArgs::SPEC,
    probe: false,
    reads: &[Read::Api("api")],
    run: endpoint_type,
};

fn endpoint_type(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<EndpointArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, &a.api) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let want = a.endpoint_type();
    let found = api.endpoint_types.join(", ");
    if api.endpoint_types.is_empty() {
        Outcome::error(finding!("apigateway.endpoint.unread", api = a.api))
    } else if api
        .endpoint_types
        .iter()
        .any(|t| t.eq_ignore_ascii_case(want))
    {
        Outcome::pass(finding!("apigateway.endpoint.matches", found = found))
    } else {
        Outcome::fail(finding!(
            "apigateway.endpoint.mismatch",
            found = found,
            expected = want
        ))
    }
}

crate::args! {
    /// `apigateway.stage-logging`: execution logging (`*/*` loggingLevel)
    /// is on, at any level but OFF.
    pub struct StageLoggingArgs {
        required { api, stage }
        optional {}
    }
}

pub const STAGE_LOGGING: Kind = Kind {
    name: "apigateway.stage-logging",
    args: StageLoggingArgs::SPEC,
    probe: false,
    reads: &[Read::Api("api")],
    run: stage_logging,
};

fn stage_logging(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<StageLoggingArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, &a.api) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let Some(stage) = api.stages.get(&a.stage) else {
        return Outcome::fail(if api.stages.is_empty() {
            finding!("apigateway.stage.none", stage = a.stage)
        } else {
            let found = super::finding::names(api.stages.keys().map(String::as_str));
            finding!(
                "apigateway.stage.not-found-among",
                stage = a.stage,
                found = found
            )
        });
    };
    let level = stage
        .method_settings
        .get("*/*")
        .map_or("OFF", |s| s.logging_level.as_str());
    if level.is_empty() || level.eq_ignore_ascii_case("OFF") {
        Outcome::fail(finding!("apigateway.stage-logging.off", stage = a.stage))
    } else {
        Outcome::pass(finding!(
            "apigateway.stage-logging.on",
            stage = a.stage,
            level = level
        ))
    }
}

/// The role API Gateway's account setting names, by name, or why not.
fn logs_role<'a>(ctx: &Ctx<'a>) -> Result<(&'a str, &'a Role), Outcome> {
    let account = ctx.account;
    let arn = match support::read(&account.apigateway_account) {
        Ok(Some(settings)) => settings.cloudwatch_role_arn.as_str(),
        // Not set and not read look alike in a fixture; a live read always
        // has the setting, so absence is the setting left empty.
        Ok(None) => "",
        Err(outcome) => return Err(outcome),
    };
    if arn.is_empty() {
        return Err(Outcome::fail(finding!(
            "apigateway.account.logs-role-unset"
        )));
    }
    let name = support::role_name(arn);
    match support::find(account, &account.iam.roles, name, &support::ROLE) {
        Ok(role) => Ok((name, role)),
        // Named in the setting, gone from IAM: a deleted or mistyped role.
        Err(outcome) if outcome.status == super::Status::Fail => Err(Outcome::fail(finding!(
            "apigateway.account.logs-role-missing",
            arn = arn
        ))),
        Err(outcome) => Err(outcome),
    }
}

pub const ACCOUNT_LOGS_ROLE: Kind = Kind {
    name: "apigateway.account-logs-role",
    args: super::args::NoArgs::SPEC,
    probe: false,
    reads: &[Read::ApiGatewayAccount],
    run: |ctx| {
        if let Err(outcome) = ctx.args::<super::args::NoArgs>() {
            return outcome;
        }
        match logs_role(ctx) {
            Ok((name, role)) => Outcome::pass(finding!(
                "apigateway.account.logs-role-set",
                role = name,
                arn = role.arn
            )),
            Err(outcome) => outcome,
        }
    },
};

crate::args! {
    /// `apigateway.account-logs-role-trusts`: the service that must be able
    /// to assume the role.
    pub struct LogsRoleTrustArgs {
        required {}
        optional { service = "apigateway.amazonaws.com" }
    }
}

pub const ACCOUNT_LOGS_ROLE_TRUSTS: Kind = Kind {
    name: "apigateway.account-logs-role-trusts",
    args: LogsRoleTrustArgs::SPEC,
    probe: false,
    reads: &[Read::ApiGatewayAccount],
    run: |ctx| {
        let a = match ctx.args::<LogsRoleTrustArgs>() {
            Ok(a) => a,
            Err(outcome) => return outcome,
        };
        let name = match logs_role(ctx) {
            Ok((name, _)) => name,
            Err(outcome) => return outcome,
        };
        iam::role_trusts(ctx.account, name, a.service())
    },
};

crate::args! {
    /// `apigateway.account-logs-role-allows`: an action the role needs, on
    /// a resource (a log stream of an execution log group).
    pub struct LogsRoleAllowsArgs {
        required { action, resource }
        optional {}
    }
}

pub const ACCOUNT_LOGS_ROLE_ALLOWS: Kind = Kind {
    name: "apigateway.account-logs-role-allows",
    args: LogsRoleAllowsArgs::SPEC,
    probe: false,
    reads: &[Read::ApiGatewayAccount],
    run: |ctx| {
        let a = match ctx.args::<LogsRoleAllowsArgs>() {
            Ok(a) => a,
            Err(outcome) => return outcome,
        };
        let name = match logs_role(ctx) {
            Ok((name, _)) => name,
            Err(outcome) => return outcome,
        };
        iam::role_may(ctx.account, name, &a.action, &a.resource)
    },
};

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::account::{
        Account, ApiGatewayAccount, Evidence, MethodSetting, RestApi, Stage, Unreadable,
    };
    use crate::checks::Status;

    fn run(kind: &Kind, account: &Account, args: &[(&str, &str)]) -> Outcome {
        let args = args
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        (kind.run)(&Ctx::new(account, args))
    }

    fn api(types: &[&str], level: Option<&str>) -> Account {
        let mut stage = Stage {
            deployment_id: "d1".into(),
            ..Stage::default()
        };
        if let Some(level) = level {
            stage.method_settings.insert(
                "*/*".into(),
                MethodSetting {
                    logging_level: level.into(),
                },
            );
        }
        let mut account = Account::default();
        account.apigateway.insert(
            "a".into(),
            RestApi {
                id: "id1".into(),
                endpoint_types: types.iter().map(|t| (*t).to_string()).collect(),
                stages: BTreeMap::from([("dev".to_string(), stage)]),
                ..RestApi::default()
            },
        );
        account
    }

    #[test]
    fn an_edge_api_is_not_regional_and_an_unread_type_is_an_error() {
        let args = [("api", "a")];
        let outcome = run(&ENDPOINT_TYPE, &api(&["REGIONAL"], None), &args);
        assert_eq!(outcome.status, Status::Pass);
        let outcome = run(&ENDPOINT_TYPE, &api(&["EDGE"], None), &args);
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.finding.args["found"], "EDGE");
        let outcome = run(&ENDPOINT_TYPE, &api(&[], None), &args);
        assert_eq!(outcome.status, Status::Error);
        let edge = [("api", "a"), ("type", "EDGE")];
        assert_eq!(
            run(&ENDPOINT_TYPE, &api(&["EDGE"], None), &edge).status,
            Status::Pass
        );
    }

    #[test]
    fn logging_is_on_at_error_or_info_and_off_otherwise() {
        let args = [("api", "a"), ("stage", "dev")];
        for (level, want) in [
            (Some("INFO"), Status::Pass),
            (Some("ERROR"), Status::Pass),
            (Some("OFF"), Status::Fail),
            (None, Status::Fail),
        ] {
            let outcome = run(&STAGE_LOGGING, &api(&["REGIONAL"], level), &args);
            assert_eq!(outcome.status, want, "{level:?}");
        }
        let outcome = run(
            &STAGE_LOGGING,
            &api(&["REGIONAL"], Some("INFO")),
            &[("api", "a"), ("stage", "prod")],
        );
        assert_eq!(outcome.finding.code, "apigateway.stage.not-found-among");
    }

    fn with_setting(arn: &str, trust: &str) -> Account {
        let mut account = Account {
            apigateway_account: Evidence::Got(ApiGatewayAccount {
                cloudwatch_role_arn: arn.into(),
            }),
            ..Account::default()
        };
        account.iam.roles.insert(
            "apigw-logs".into(),
            Role {
                arn: "arn:aws:iam::1:role/apigw-logs".into(),
                trust_policy: trust.into(),
                ..Role::default()
            },
        );
        account
    }

    const TRUST_APIGW: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    const TRUST_LAMBDA: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

    #[test]
    fn the_account_role_is_found_through_the_setting() {
        let account = with_setting("arn:aws:iam::1:role/apigw-logs", TRUST_APIGW);
        assert_eq!(run(&ACCOUNT_LOGS_ROLE, &account, &[]).status, Status::Pass);
        assert_eq!(
            run(&ACCOUNT_LOGS_ROLE_TRUSTS, &account, &[]).status,
            Status::Pass
        );
        let account = with_setting("arn:aws:iam::1:role/apigw-logs", TRUST_LAMBDA);
        let outcome = run(&ACCOUNT_LOGS_ROLE_TRUSTS, &account, &[]);
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.finding.code, "iam.trust.missing");
        // The role has no policy: it may not write logs.
        let outcome = run(
            &ACCOUNT_LOGS_ROLE_ALLOWS,
            &account,
            &[
                ("action", "logs:PutLogEvents"),
                ("resource", "arn:aws:logs:r:1:log-group:g:log-stream:s"),
            ],
        );
        assert_eq!(outcome.status, Status::Fail);
    }

    #[test]
    fn an_unset_or_dangling_setting_fails_and_an_unread_one_is_an_error() {
        let account = with_setting("", TRUST_APIGW);
        let outcome = run(&ACCOUNT_LOGS_ROLE, &account, &[]);
        assert_eq!(outcome.finding.code, "apigateway.account.logs-role-unset");
        assert_eq!(
            run(&ACCOUNT_LOGS_ROLE, &Account::default(), &[])
                .finding
                .code,
            "apigateway.account.logs-role-unset"
        );
        let account = with_setting("arn:aws:iam::1:role/deleted", TRUST_APIGW);
        let outcome = run(&ACCOUNT_LOGS_ROLE, &account, &[]);
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.finding.code, "apigateway.account.logs-role-missing");
        let account = Account {
            apigateway_account: Evidence::Unreadable(Unreadable::new(
                "apigateway:GET",
                "/account",
                "AccessDenied",
            )),
            ..Account::default()
        };
        assert_eq!(run(&ACCOUNT_LOGS_ROLE, &account, &[]).status, Status::Error);
    }
}
