//! Lambda check kinds: the function, its runtime, its role, and who may
//! invoke it.

use crate::account::Function;
use crate::finding;
use crate::policy::{self, Context, Decision, Principal, Request};

use super::support::{self, Lookup, Missing};
use super::{Ctx, Kind, Outcome, Read};

const FUNCTION: Lookup = Lookup {
    missing: Missing {
        none: "lambda.function.not-found",
        near: "lambda.function.not-found-near",
        among: "lambda.function.not-found-among",
        elsewhere: "lambda.function.in-other-region",
    },
    action: "lambda:GetFunction",
    service: "lambda",
};

fn function<'a>(ctx: &Ctx<'a>) -> Result<(&'a Function, String), Outcome> {
    let name = ctx.arg("function", "").to_string();
    let function = support::find(ctx.account, &ctx.account.lambda, &name, &FUNCTION)?;
    Ok((function, name))
}

pub const FUNCTION_EXISTS: Kind = Kind {
    name: "lambda.function-exists",
    params: &["function"],
    optional: &[],
    summary: "the function exists and is not still being created",
    probe: false,
    reads: &[Read::Function("function")],
    run: function_exists,
};

fn function_exists(ctx: &Ctx<'_>) -> Outcome {
    let (function, name) = match function(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    match function.state.as_str() {
        "Pending" => Outcome::pending(finding!("lambda.function.pending", function = name)),
        "Failed" => Outcome::fail(finding!("lambda.function.failed", function = name)),
        _ => Outcome::pass(finding!("lambda.function.exists", function = name)),
    }
}

pub const RUNTIME: Kind = Kind {
    name: "lambda.runtime",
    params: &["function"],
    optional: &["family"],
    summary: "the function's runtime starts with the family (python3 by default)",
    probe: false,
    reads: &[Read::Function("function")],
    run: runtime,
};

fn runtime(ctx: &Ctx<'_>) -> Outcome {
    let (function, _) = match function(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let family = ctx.arg("family", "python3");
    let runtime = function.runtime.as_str();
    if runtime.starts_with(family) {
        Outcome::pass(finding!("lambda.runtime.matches", runtime = runtime))
    } else if runtime.is_empty() {
        Outcome::fail(finding!("lambda.runtime.none", family = family))
    } else {
        Outcome::fail(finding!(
            "lambda.runtime.mismatch",
            runtime = runtime,
            family = family
        ))
    }
}

pub const EXECUTION_ROLE: Kind = Kind {
    name: "lambda.execution-role",
    params: &["function", "role"],
    optional: &[],
    summary: "the function runs with this execution role",
    probe: false,
    reads: &[Read::Function("function")],
    run: execution_role,
};

fn execution_role(ctx: &Ctx<'_>) -> Outcome {
    let (function, _) = match function(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let want = ctx.arg("role", "");
    let have = support::role_name(&function.role);
    if have == want {
        Outcome::pass(finding!("lambda.execution-role.matches", role = have))
    } else {
        Outcome::fail(finding!(
            "lambda.execution-role.mismatch",
            found = have,
            expected = want
        ))
    }
}

pub const INVOKE_PERMISSION: Kind = Kind {
    name: "lambda.invoke-permission",
    params: &["function", "api"],
    optional: &["stage", "method", "path"],
    summary: "the function's resource policy lets API Gateway (this API's method) invoke it",
    probe: false,
    reads: &[Read::Function("function"), Read::Api("api")],
    run: invoke_permission,
};

fn invoke_permission(ctx: &Ctx<'_>) -> Outcome {
    let (function, name) = match function(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, ctx.arg("api", "")) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let document = match support::read(&function.resource_policy) {
        Ok(Some(document)) => document,
        Ok(None) => {
            return Outcome::fail(finding!("lambda.resource-policy.missing", function = name));
        }
        Err(outcome) => return outcome,
    };
    let (stage, method, path) = (
        ctx.arg("stage", "*"),
        ctx.arg("method", "GET"),
        ctx.arg("path", "/"),
    );
    let source_arn = ctx
        .account
        .arn("execute-api", &format!("{}/{stage}/{method}{path}", api.id));
    let decision = match api_may_invoke(ctx.account, document, &function.arn, &source_arn) {
        Ok(decision) => decision,
        Err(e) => return Outcome::error(finding!("lambda.resource-policy.invalid", error = e)),
    };
    match decision {
        Decision::Allow => Outcome::pass(finding!(
            "lambda.invoke-permission.allowed",
            function = name,
            method = method,
            path = path
        )),
        _ => Outcome::fail(finding!(
            "lambda.invoke-permission.missing",
            function = name,
            source_arn = source_arn
        )),
    }
}

/// Whether a function's resource policy lets API Gateway invoke it for a
/// method, whose ARN it presents as aws:SourceArn (which the permission the
/// console adds is pinned to).
pub fn api_may_invoke(
    account: &crate::account::Account,
    resource_policy: &str,
    function_arn: &str,
    source_arn: &str,
) -> Result<Decision, crate::policy::PolicyError> {
    let policy = policy::Policy::parse(resource_policy)?;
    let context = Context::new()
        .with("aws:SourceArn", source_arn)
        .with("aws:SourceAccount", &account.account_id);
    let principal = Principal::Service("apigateway.amazonaws.com".to_string());
    let request = Request {
        principal: Some(&principal),
        action: "lambda:InvokeFunction",
        resource: function_arn,
        context: &context,
    };
    Ok(policy::evaluate(&[&policy], &request).decision)
}
