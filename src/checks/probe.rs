//! Probe check kinds: what an HTTP GET on the API and the website answers.
//! The source did the GET (or, on the simulator, worked out its answer); the
//! check only reads what came back.

use crate::account::{Account, HttpResponse};

use super::support;
use super::{Ctx, Kind, Outcome, Read};

/// What was seen at `url`, or why nothing was.
fn response<'a>(account: &'a Account, url: &str) -> Result<&'a HttpResponse, Outcome> {
    if let Some(reason) = &account.probes.skipped {
        return Err(Outcome::skipped(format!("probe not run: {reason}")));
    }
    account
        .probes
        .responses
        .get(url)
        .ok_or_else(|| Outcome::skipped(format!("probe not run: no response recorded for {url}")))
}

pub const API_INVOKE: Kind = Kind {
    name: "probe.api-invoke",
    params: &["api", "stage"],
    optional: &["path", "header"],
    summary: "GET on the stage's invoke URL answers 200 (with the header, if given)",
    probe: true,
    reads: &[Read::Api("api"), Read::ApiProbe],
    run: api_invoke,
};

fn api_invoke(ctx: &Ctx<'_>) -> Outcome {
    let api = match support::api(ctx.account, ctx.arg("api", "")) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let url = ctx.account.invoke_url(&api.id, ctx.arg("stage", "")) + ctx.arg("path", "/");
    let seen = match response(ctx.account, &url) {
        Ok(seen) => seen,
        Err(outcome) => return outcome,
    };
    let header = ctx.arg("header", "");
    let header_value = seen.header(header);
    if seen.status != 200 {
        return Outcome::fail(format!(
            "GET {url} answered {}{}; expected 200",
            seen.status,
            body_hint(&seen.body)
        ));
    }
    match (header.is_empty(), header_value) {
        (true, _) => Outcome::pass(format!("GET {url} answered 200")),
        (false, Some(v)) => Outcome::pass(format!("GET {url} answered 200 with {header}: {v}")),
        (false, None) => Outcome::fail(format!(
            "GET {url} answered 200 without {header}; a browser will refuse the response (CORS)"
        )),
    }
}

/// A short quote of an error body ("Internal server error").
fn body_hint(body: &str) -> String {
    let body = body.trim();
    if body.is_empty() || body.len() > 120 {
        String::new()
    } else {
        format!(" ({body})")
    }
}

pub const WEBSITE: Kind = Kind {
    name: "probe.website",
    params: &["bucket"],
    optional: &[],
    summary: "GET on the bucket's website endpoint answers 200",
    probe: true,
    reads: &[Read::Bucket("bucket"), Read::WebsiteProbe],
    run: website,
};

fn website(ctx: &Ctx<'_>) -> Outcome {
    let (name, bucket) = match support::bucket(ctx.account, ctx.arg("bucket", "")) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let region = if bucket.region.is_empty() {
        &ctx.account.region
    } else {
        &bucket.region
    };
    let url = Account::website_url(name, region);
    let seen = match response(ctx.account, &url) {
        Ok(seen) => seen,
        Err(outcome) => return outcome,
    };
    if seen.status == 200 {
        Outcome::pass(format!("{url} serves the page"))
    } else {
        Outcome::fail(format!(
            "GET {url} answered {}{}; expected 200",
            seen.status,
            body_hint(&seen.body)
        ))
    }
}
