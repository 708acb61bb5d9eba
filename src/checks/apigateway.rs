//! API Gateway (REST API) check kinds: the API, its methods and
//! integrations, CORS headers and stages.

use crate::account::{Method, RestApi};
use crate::diag;
use crate::finding;

use super::finding::names;
use super::support;
use super::{Ctx, Kind, Outcome, Read};

crate::args! {
    /// `apigateway.api-exists`.
    pub struct ApiArgs {
        required { api }
        optional {}
    }
}

crate::args! {
    /// `apigateway.method-exists`.
    pub struct MethodArgs {
        required { api, path, method }
        optional {}
    }
}

crate::args! {
    /// `apigateway.lambda-proxy`: the method and the function it calls.
    pub struct LambdaProxyArgs {
        required { api, path, method, function }
        optional {}
    }
}

crate::args! {
    /// `apigateway.response-header`: the header, and one value its list
    /// must hold (any value when not given).
    pub struct ResponseHeaderArgs {
        required { api, path, method, header }
        optional { contains = "" }
    }
}

crate::args! {
    /// `apigateway.stage-deployed`.
    pub struct StageArgs {
        required { api, stage }
        optional {}
    }
}

pub const API_EXISTS: Kind = Kind {
    name: "apigateway.api-exists",
    args: ApiArgs::SPEC,
    probe: false,
    reads: &[Read::Api("api")],
    run: |ctx| {
        let a = match ctx.args::<ApiArgs>() {
            Ok(a) => a,
            Err(outcome) => return outcome,
        };
        match support::api(ctx.account, &a.api) {
            Ok(api) => Outcome::pass(finding!("apigateway.api.exists", api = a.api, id = api.id)),
            Err(outcome) => outcome,
        }
    },
};

/// The method `verb` on resource `path` of the API named `api`.
fn method<'a>(
    ctx: &Ctx<'a>,
    api: &str,
    path: &str,
    verb: &str,
) -> Result<(&'a RestApi, &'a Method), Outcome> {
    let api = support::api(ctx.account, api)?;
    let Some(resource) = api.resources.get(path) else {
        let near = diag::did_you_mean(path, api.resources.keys().map(String::as_str));
        return Err(Outcome::fail(match near {
            Some(near) => finding!(
                "apigateway.resource.not-found-near",
                path = path,
                near = near
            ),
            None => finding!("apigateway.resource.not-found", path = path),
        }));
    };
    match resource.methods.get(verb) {
        Some(m) => Ok((api, m)),
        None if resource.methods.is_empty() => Err(Outcome::fail(finding!(
            "apigateway.method.none",
            path = path,
            expected = verb
        ))),
        None => Err(Outcome::fail(finding!(
            "apigateway.method.mismatch",
            path = path,
            // HTTP verbs, listed as AWS shows them.
            found = resource
                .methods
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            expected = verb
        ))),
    }
}

pub const METHOD_EXISTS: Kind = Kind {
    name: "apigateway.method-exists",
    args: MethodArgs::SPEC,
    probe: false,
    reads: &[Read::Api("api")],
    run: |ctx| {
        let a = match ctx.args::<MethodArgs>() {
            Ok(a) => a,
            Err(outcome) => return outcome,
        };
        match method(ctx, &a.api, &a.path, &a.method) {
            Ok(_) => Outcome::pass(finding!(
                "apigateway.method.exists",
                path = a.path,
                method = a.method
            )),
            Err(outcome) => outcome,
        }
    },
};

pub const LAMBDA_PROXY: Kind = Kind {
    name: "apigateway.lambda-proxy",
    args: LambdaProxyArgs::SPEC,
    probe: false,
    reads: &[Read::Api("api")],
    run: lambda_proxy,
};

fn lambda_proxy(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<LambdaProxyArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (_, method) = match method(ctx, &a.api, &a.path, &a.method) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let function = a.function.as_str();
    let Some(integration) = &method.integration else {
        return Outcome::fail(finding!("apigateway.integration.missing"));
    };
    let target = integrated_function(&integration.uri);
    match (integration.kind.as_str(), target) {
        ("AWS_PROXY", Some(t)) if t == function => Outcome::pass(finding!(
            "apigateway.integration.proxy",
            function = function
        )),
        ("AWS_PROXY", Some(t)) => Outcome::fail(finding!(
            "apigateway.integration.wrong-function",
            found = t,
            expected = function
        )),
        ("AWS", Some(_)) => Outcome::fail(finding!("apigateway.integration.not-proxy")),
        (kind, _) => Outcome::fail(finding!(
            "apigateway.integration.wrong-type",
            kind = kind,
            function = function
        )),
    }
}

/// The function a Lambda integration URI calls:
/// `arn:aws:apigateway:R:lambda:path/2015-03-31/functions/arn:aws:lambda:R:A:function:NAME[:ALIAS]/invocations`.
fn integrated_function(uri: &str) -> Option<&str> {
    let after = uri.split(":function:").nth(1)?;
    let name = after.split('/').next()?;
    Some(name.split(':').next().unwrap_or(name))
}

pub const RESPONSE_HEADER: Kind = Kind {
    name: "apigateway.response-header",
    args: ResponseHeaderArgs::SPEC,
    probe: false,
    reads: &[Read::Api("api")],
    run: response_header,
};

fn response_header(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ResponseHeaderArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (_, method) = match method(ctx, &a.api, &a.path, &a.method) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (header, verb) = (a.header.as_str(), a.method.as_str());
    let Some(value) = method
        .response_headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(header))
        .map(|(_, v)| v.trim_matches('\''))
    else {
        return Outcome::fail(finding!(
            "apigateway.header.missing",
            method = verb,
            header = header
        ));
    };
    let want = a.contains();
    if want.is_empty() {
        return Outcome::pass(finding!(
            "apigateway.header.present",
            method = verb,
            header = header,
            value = value
        ));
    }
    let listed = value
        .split(',')
        .any(|v| v.trim().eq_ignore_ascii_case(want));
    if listed {
        Outcome::pass(finding!(
            "apigateway.header.includes",
            header = header,
            value = value
        ))
    } else {
        Outcome::fail(finding!(
            "apigateway.header.lacks",
            header = header,
            value = value,
            expected = want
        ))
    }
}

pub const STAGE_DEPLOYED: Kind = Kind {
    name: "apigateway.stage-deployed",
    args: StageArgs::SPEC,
    probe: false,
    reads: &[Read::Api("api")],
    run: stage_deployed,
};

fn stage_deployed(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<StageArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, &a.api) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let name = a.stage.as_str();
    match api.stages.get(name) {
        Some(stage) if !stage.deployment_id.is_empty() => Outcome::pass(finding!(
            "apigateway.stage.deployed",
            stage = name,
            deployment = stage.deployment_id
        )),
        Some(_) => Outcome::fail(finding!("apigateway.stage.not-deployed", stage = name)),
        None => {
            let stages = api.stages.keys().map(String::as_str);
            Outcome::fail(match diag::did_you_mean(name, stages.clone()) {
                Some(near) => {
                    finding!("apigateway.stage.not-found-near", stage = name, near = near)
                }
                None if api.stages.is_empty() => finding!("apigateway.stage.none", stage = name),
                None => finding!(
                    "apigateway.stage.not-found-among",
                    stage = name,
                    found = names(stages)
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::integrated_function;

    #[test]
    fn integration_uris_name_their_function() {
        let uri = "arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:123456789012:function:api-service-create/invocations";
        assert_eq!(integrated_function(uri), Some("api-service-create"));
        let alias = uri.replace("api-service-create/", "api-service-create:live/");
        assert_eq!(integrated_function(&alias), Some("api-service-create"));
        assert_eq!(integrated_function("https://example.com/"), None);
    }
}
