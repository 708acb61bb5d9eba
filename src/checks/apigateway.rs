//! API Gateway (REST API) check kinds: the API, its methods and
//! integrations, CORS headers and stages.

use crate::account::{Method, RestApi};
use crate::diag;

use super::support;
use super::{Ctx, Kind, Outcome, Read};

pub const API_EXISTS: Kind = Kind {
    name: "apigateway.api-exists",
    params: &["api"],
    optional: &[],
    summary: "a REST API with this name exists",
    probe: false,
    reads: &[Read::Api("api")],
    run: |ctx| {
        let name = ctx.arg("api", "");
        match support::api(ctx.account, name) {
            Ok(api) => Outcome::pass(format!("REST API `{name}` exists (id {})", api.id)),
            Err(outcome) => outcome,
        }
    },
};

/// The method `method` on resource `path` of the lab's API.
fn method<'a>(ctx: &Ctx<'a>) -> Result<(&'a RestApi, &'a Method), Outcome> {
    let api = support::api(ctx.account, ctx.arg("api", ""))?;
    let (path, verb) = (ctx.arg("path", "/"), ctx.arg("method", "GET"));
    let Some(resource) = api.resources.get(path) else {
        let near = diag::did_you_mean(path, api.resources.keys().map(String::as_str));
        let hint = near
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        return Err(Outcome::fail(format!("resource `{path}` not found{hint}")));
    };
    match resource.methods.get(verb) {
        Some(m) => Ok((api, m)),
        None if resource.methods.is_empty() => Err(Outcome::fail(format!(
            "`{path}` has no methods; expected {verb}"
        ))),
        None => Err(Outcome::fail(format!(
            "`{path}` has {}; expected {verb}",
            resource
                .methods
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

pub const METHOD_EXISTS: Kind = Kind {
    name: "apigateway.method-exists",
    params: &["api", "path", "method"],
    optional: &[],
    summary: "the resource has this HTTP method",
    probe: false,
    reads: &[Read::Api("api")],
    run: |ctx| match method(ctx) {
        Ok(_) => Outcome::pass(format!(
            "`{}` has {}",
            ctx.arg("path", "/"),
            ctx.arg("method", "GET")
        )),
        Err(outcome) => outcome,
    },
};

pub const LAMBDA_PROXY: Kind = Kind {
    name: "apigateway.lambda-proxy",
    params: &["api", "path", "method", "function"],
    optional: &[],
    summary: "the method's integration is Lambda proxy (AWS_PROXY) to the function",
    probe: false,
    reads: &[Read::Api("api")],
    run: lambda_proxy,
};

fn lambda_proxy(ctx: &Ctx<'_>) -> Outcome {
    let (_, method) = match method(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let function = ctx.arg("function", "");
    let Some(integration) = &method.integration else {
        return Outcome::fail("the method has no integration; expected Lambda proxy (AWS_PROXY)");
    };
    let target = integrated_function(&integration.uri);
    match (integration.kind.as_str(), target) {
        ("AWS_PROXY", Some(t)) if t == function => {
            Outcome::pass(format!("Lambda proxy integration to `{function}`"))
        }
        ("AWS_PROXY", Some(t)) => Outcome::fail(format!(
            "Lambda proxy integration to `{t}`; expected `{function}`"
        )),
        ("AWS", Some(_)) => Outcome::fail(
            "integration is Lambda without proxy (AWS); expected Lambda proxy integration (AWS_PROXY)",
        ),
        (kind, _) => Outcome::fail(format!(
            "integration type is {kind}; expected Lambda proxy (AWS_PROXY) to `{function}`"
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
    params: &["api", "path", "method", "header"],
    optional: &["contains"],
    summary: "the method answers with this header (its value listing `contains`, if given)",
    probe: false,
    reads: &[Read::Api("api")],
    run: response_header,
};

fn response_header(ctx: &Ctx<'_>) -> Outcome {
    let (_, method) = match method(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let header = ctx.arg("header", "");
    let verb = ctx.arg("method", "");
    let Some(value) = method
        .response_headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(header))
        .map(|(_, v)| v.trim_matches('\''))
    else {
        return Outcome::fail(format!("{verb} does not answer with {header}"));
    };
    let want = ctx.arg("contains", "");
    if want.is_empty() {
        return Outcome::pass(format!("{verb} answers with {header}: {value}"));
    }
    let listed = value
        .split(',')
        .any(|v| v.trim().eq_ignore_ascii_case(want));
    if listed {
        Outcome::pass(format!("{header} is {value}"))
    } else {
        Outcome::fail(format!(
            "{header} is {value}; expected it to include {want}"
        ))
    }
}

pub const STAGE_DEPLOYED: Kind = Kind {
    name: "apigateway.stage-deployed",
    params: &["api", "stage"],
    optional: &[],
    summary: "the stage exists with a deployment",
    probe: false,
    reads: &[Read::Api("api")],
    run: stage_deployed,
};

fn stage_deployed(ctx: &Ctx<'_>) -> Outcome {
    let api = match support::api(ctx.account, ctx.arg("api", "")) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let name = ctx.arg("stage", "");
    match api.stages.get(name) {
        Some(stage) if !stage.deployment_id.is_empty() => Outcome::pass(format!(
            "stage `{name}` is deployed ({})",
            stage.deployment_id
        )),
        Some(_) => Outcome::fail(format!(
            "stage `{name}` has no deployment; deploy the API to it"
        )),
        None => {
            let stages = api.stages.keys().map(String::as_str);
            match diag::did_you_mean(name, stages.clone()) {
                Some(near) => {
                    Outcome::fail(format!("stage `{name}` not found; did you mean `{near}`?"))
                }
                None if api.stages.is_empty() => {
                    Outcome::fail(format!("the API has no stages; expected `{name}`"))
                }
                None => Outcome::fail(format!(
                    "stage `{name}` not found; stages: {}",
                    stages
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
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
