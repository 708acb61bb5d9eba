//! Lambda check kinds: the function, its runtime, its role, and who may
//! invoke it.

use crate::account::Function;
use crate::finding;
use crate::policy::{self, Decision};

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

crate::args! {
    /// `lambda.function-exists`.
    pub struct FunctionArgs {
        required { function }
        optional {}
    }
}

crate::args! {
    /// `lambda.runtime`: the runtime's family, matched as a prefix
    /// (`python3` takes `python3.12`).
    pub struct RuntimeArgs {
        required { function }
        optional { family = "python3" }
    }
}

crate::args! {
    /// `lambda.execution-role`.
    pub struct ExecutionRoleArgs {
        required { function, role }
        optional {}
    }
}

crate::args! {
    /// `lambda.invoke-permission`: which API method's ARN the permission
    /// must admit; the console's permission is for any stage.
    pub struct InvokePermissionArgs {
        required { function, api }
        optional { stage = "*", method = "GET", path = "/" }
    }
}

/// The lab's function, and its name as the lab gave it.
fn function<'a>(ctx: &Ctx<'a>, name: &str) -> Result<(&'a Function, String), Outcome> {
    let function = support::find(ctx.account, &ctx.account.lambda, name, &FUNCTION)?;
    Ok((function, name.to_string()))
}

pub const FUNCTION_EXISTS: Kind = Kind {
    name: "lambda.function-exists",
    args: FunctionArgs::SPEC,
    probe: false,
    reads: &[Read::Function("function")],
    run: function_exists,
};

fn function_exists(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<FunctionArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (function, name) = match function(ctx, &a.function) {
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
    args: RuntimeArgs::SPEC,
    probe: false,
    reads: &[Read::Function("function")],
    run: runtime,
};

fn runtime(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<RuntimeArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (function, _) = match function(ctx, &a.function) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let family = a.family();
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
    args: ExecutionRoleArgs::SPEC,
    probe: false,
    reads: &[Read::Function("function")],
    run: execution_role,
};

fn execution_role(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ExecutionRoleArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (function, _) = match function(ctx, &a.function) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let want = a.role.as_str();
    let have = support::role_name(&function.role);
    if have == want {
        Outcome::pass(finding!("lambda.execution-role.matches", role = have))
    } else if have.starts_with(&format!("{}-role-", a.function)) {
        // The role the console makes with "Create a new role with basic
        // Lambda permissions": logs only, so the function cannot reach data.
        Outcome::fail(finding!(
            "lambda.execution-role.console-default",
            found = have,
            expected = want
        ))
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
    args: InvokePermissionArgs::SPEC,
    probe: false,
    reads: &[Read::Function("function"), Read::Api("api")],
    run: invoke_permission,
};

fn invoke_permission(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<InvokePermissionArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (function, name) = match function(ctx, &a.function) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, &a.api) {
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
    let (stage, method, path) = (a.stage(), a.method(), a.path());
    let source_arn = ctx
        .account
        .arn("execute-api", &format!("{}/{stage}/{method}{path}", api.id));
    let decision = match policy::api_may_invoke(
        &ctx.account.account_id,
        document,
        &function.arn,
        &source_arn,
    ) {
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
