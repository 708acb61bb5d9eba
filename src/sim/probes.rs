//! The simulator's answers to the HTTP probes, worked out from the
//! configuration as API Gateway, the S3 website endpoint and an Application
//! Load Balancer would answer.

use std::collections::BTreeMap;

use crate::account::ec2::world;
use crate::account::elb::{Certificate, LoadBalancer};
use crate::account::{Account, Evidence, HttpResponse, Method, PublicAccessBlock, RestApi};
use crate::policy::{self, Decision, Policy};

/// Answers for every stage root of every API, every website bucket, and
/// every load balancer (over HTTPS, for each name its certificate covers).
pub fn answer(account: &Account) -> BTreeMap<String, HttpResponse> {
    let mut responses = BTreeMap::new();
    for api in account.apigateway.values() {
        for (stage, deployed) in &api.stages {
            if deployed.deployment_id.is_empty() {
                continue;
            }
            for path in api.resources.keys() {
                let url = account.invoke_url(&api.id, stage) + path;
                responses.insert(url, invoke(account, api, stage, path));
            }
        }
    }
    for (name, bucket) in &account.s3.buckets {
        if bucket.website.got().is_some() {
            let url = Account::website_url(name, &bucket.region);
            responses.insert(url, website(account, name));
        }
    }
    for lb in account.elb.load_balancers.values() {
        if lb.dns_name.is_empty() {
            continue;
        }
        responses.insert(lb.http_probe_url(), load_balancer(account, lb, 80, "HTTP"));
        for host in https_hosts(account, lb) {
            responses.insert(
                lb.https_probe_key(&host),
                load_balancer(account, lb, 443, "HTTPS"),
            );
        }
    }
    responses
}

/// The host names an HTTPS client could ask a load balancer for and get a
/// valid certificate: every name on its HTTPS listener's issued
/// certificates (`Certificate::probe_hosts`, as `https_probe_host` asks).
fn https_hosts(account: &Account, lb: &LoadBalancer) -> Vec<String> {
    let Some(listener) = lb.listener(443, "HTTPS") else {
        return Vec::new();
    };
    listener
        .certificates
        .iter()
        .filter_map(|arn| account.elb.certificates.get(arn))
        .filter(|c| c.status == "ISSUED")
        .flat_map(Certificate::probe_hosts)
        .collect()
}

/// What a GET on `port` of a load balancer gets, from the internet.
/// Error pages and fail-open as the Application Load Balancer guide says
/// (target-group-health-checks.html, load-balancer-troubleshooting.html):
/// 503 with no target to send to, 504 when the targets do not answer, and
/// with only unhealthy targets, the request goes to them anyway.
fn load_balancer(account: &Account, lb: &LoadBalancer, port: i32, protocol: &str) -> HttpResponse {
    if lb.scheme != "internet-facing" {
        return no_answer("connection timed out: an internal load balancer has no public address");
    }
    if !lb
        .security_groups
        .iter()
        .any(|g| account.ec2.opens(g, port, world))
    {
        return no_answer(&format!(
            "connection timed out: the load balancer's security groups do not open {port} to the internet"
        ));
    }
    let Some(listener) = lb.listener(port, protocol) else {
        return no_answer(&format!(
            "connection refused: no {protocol}:{port} listener"
        ));
    };
    let group = listener
        .forwards_to
        .as_ref()
        .and_then(|name| account.elb.target_groups.get(name));
    let Some(group) = group else {
        return page(503, "503 Service Temporarily Unavailable");
    };
    if let Some(id) = group
        .targets
        .iter()
        .find(|(_, t)| t.state == "healthy")
        .map(|(id, _)| id)
    {
        return page(200, &format!("<html><body>served by {id}</body></html>"));
    }
    let unhealthy: Vec<_> = group
        .targets
        .values()
        .filter(|t| t.state == "unhealthy")
        .collect();
    if unhealthy.is_empty() {
        return page(503, "503 Service Temporarily Unavailable");
    }
    if unhealthy.iter().any(|t| t.reason == "Target.Timeout") {
        return page(504, "504 Gateway Time-out");
    }
    // Failing open: a target that fails only its health check path still
    // serves `/`, unless `/` is the path that fails.
    if group.health_check_path == "/" {
        page(404, "404 Not Found")
    } else {
        page(
            200,
            "<html><body>served by an unhealthy target</body></html>",
        )
    }
}

fn page(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: BTreeMap::from([("Content-Type".to_string(), "text/html".to_string())]),
        body: body.to_string(),
    }
}

/// No HTTP answer at all, as the live probe records it: status 0 and why.
fn no_answer(why: &str) -> HttpResponse {
    HttpResponse {
        status: 0,
        headers: BTreeMap::new(),
        body: why.to_string(),
    }
}

fn json(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: BTreeMap::from([("Content-Type".to_string(), "application/json".to_string())]),
        body: body.to_string(),
    }
}

fn missing_token() -> HttpResponse {
    json(403, r#"{"message":"Missing Authentication Token"}"#)
}

fn internal_error() -> HttpResponse {
    json(500, r#"{"message": "Internal server error"}"#)
}

/// What the workshop's function answers when its code runs (the simulator
/// assumes that code unless a fixture says otherwise).
fn workshop_code() -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: BTreeMap::from([("Access-Control-Allow-Origin".to_string(), "*".to_string())]),
        body: r#"{"name": "Ama", "status": "Happy"}"#.to_string(),
    }
}

fn invoke(account: &Account, api: &RestApi, stage: &str, path: &str) -> HttpResponse {
    let Some(method) = api.resources.get(path).and_then(|r| r.methods.get("GET")) else {
        return missing_token();
    };
    if method.authorization != "NONE" && !method.authorization.is_empty() {
        // An unsigned GET to an IAM-authorized method is refused the same way.
        return missing_token();
    }
    let Some(integration) = &method.integration else {
        return internal_error();
    };
    match integration.kind.as_str() {
        "MOCK" => with_headers(
            HttpResponse {
                status: 200,
                ..Default::default()
            },
            method,
        ),
        "AWS_PROXY" | "AWS" => {
            let Some(function) = account.lambda.values().find(|f| {
                integration.uri.contains(&format!("{}/", f.arn))
                    || integration.uri.contains(&format!("{}:", f.arn))
            }) else {
                return internal_error();
            };
            if !may_invoke(account, &api.id, stage, path, function) {
                // API Gateway logs "Invalid permissions on Lambda function".
                return internal_error();
            }
            let answer = function.responds.clone().unwrap_or_else(workshop_code);
            if integration.kind == "AWS_PROXY" {
                answer
            } else {
                // Without proxy, the function's return value is the body and
                // the headers are the integration response's.
                with_headers(
                    HttpResponse {
                        status: 200,
                        headers: BTreeMap::new(),
                        body: answer.body,
                    },
                    method,
                )
            }
        }
        _ => internal_error(),
    }
}

fn with_headers(mut response: HttpResponse, method: &Method) -> HttpResponse {
    for (name, value) in &method.response_headers {
        response
            .headers
            .insert(name.clone(), value.trim_matches('\'').to_string());
    }
    response
}

fn may_invoke(
    account: &Account,
    api_id: &str,
    stage: &str,
    path: &str,
    function: &crate::account::Function,
) -> bool {
    let Some(document) = function.resource_policy.got() else {
        return false;
    };
    let source_arn = account.arn("execute-api", &format!("{api_id}/{stage}/GET{path}"));
    policy::api_may_invoke(&account.account_id, document, &function.arn, &source_arn)
        == Ok(Decision::Allow)
}

fn website(account: &Account, name: &str) -> HttpResponse {
    let Some(bucket) = account.s3.buckets.get(name) else {
        return xml(404, "NoSuchBucket");
    };
    let Some(site) = bucket.website.got() else {
        return xml(404, "NoSuchWebsiteConfiguration");
    };
    let block = PublicAccessBlock::effective(
        account.s3.account_public_access_block.got().copied(),
        bucket.public_access_block.got().copied(),
    );
    let key = &site.index_document;
    let readable = !block.restrict_public_buckets
        && bucket.policy.got().is_some_and(|doc| {
            Policy::parse(doc).is_ok_and(|p| {
                policy::allows_anonymous_unconditionally(
                    &p,
                    "s3:GetObject",
                    &format!("arn:aws:s3:::{name}/{key}"),
                )
            })
        });
    if !readable {
        return xml(403, "AccessDenied");
    }
    match bucket.objects.get(key) {
        // An object the owner's own reads are refused (an explicit Deny on
        // everyone) is refused to the website endpoint too.
        Some(Evidence::Unreadable(_)) => xml(403, "AccessDenied"),
        Some(Evidence::Got(object)) => HttpResponse {
            status: 200,
            headers: BTreeMap::from([("Content-Type".to_string(), object.content_type.clone())]),
            body: object.body.clone().unwrap_or_default(),
        },
        Some(Evidence::Absent) | None => xml(404, "NoSuchKey"),
    }
}

/// The website endpoint answers errors as a small HTML page naming the code.
fn xml(status: u16, code: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: BTreeMap::from([("Content-Type".to_string(), "text/html".to_string())]),
        body: format!("{status} {code}"),
    }
}
