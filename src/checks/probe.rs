//! Probe check kinds: what an HTTP GET on the API, the website and the load
//! balancer answers, and an HTTPS GET at the load balancer for the lab's
//! host name. The source did the GET (or, on the simulator, worked out its
//! answer); the check only reads what came back.

use crate::account::{Account, HttpResponse, ProbeSkip};
use crate::finding;

use super::Finding;
use super::support;
use super::{Ctx, Kind, Outcome, Read};

/// What was seen at `url`, or why nothing was.
fn response<'a>(account: &'a Account, url: &str) -> Result<&'a HttpResponse, Outcome> {
    if let Some(skip) = &account.probes.skipped {
        let finding = match skip {
            ProbeSkip::NoProbe => finding!("probe.not-run.no-probe"),
            ProbeSkip::Endpoint(endpoint) => {
                finding!("probe.not-run.endpoint", endpoint = endpoint)
            }
            ProbeSkip::Other(reason) => finding!("probe.not-run", reason = reason),
        };
        return Err(Outcome::skipped(finding));
    }
    account
        .probes
        .responses
        .get(url)
        .ok_or_else(|| Outcome::skipped(finding!("probe.no-response", url = url)))
}

crate::args! {
    /// `probe.api-invoke`: the URL to GET (`path` under the stage's invoke
    /// URL), and a header the answer must carry (none when not given).
    pub struct ApiInvokeArgs {
        required { api, stage }
        optional { path = "/", header = "" }
    }
}

crate::args! {
    /// `probe.website`.
    pub struct WebsiteArgs {
        required { bucket }
        optional {}
    }
}

pub const API_INVOKE: Kind = Kind {
    name: "probe.api-invoke",
    args: ApiInvokeArgs::SPEC,
    probe: true,
    reads: &[Read::Api("api"), Read::ApiProbe],
    run: api_invoke,
};

fn api_invoke(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ApiInvokeArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, &a.api) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let url = ctx.account.invoke_url(&api.id, &a.stage) + a.path();
    let seen = match response(ctx.account, &url) {
        Ok(seen) => seen,
        Err(outcome) => return outcome,
    };
    let header = a.header();
    let header_value = seen.header(header);
    if seen.status != 200 {
        return Outcome::fail(unexpected_status(&url, seen));
    }
    match (header.is_empty(), header_value) {
        (true, _) => Outcome::pass(finding!("probe.api.ok", url = url)),
        (false, Some(v)) => Outcome::pass(finding!(
            "probe.api.ok-header",
            url = url,
            header = header,
            value = v
        )),
        (false, None) => Outcome::fail(finding!(
            "probe.api.header-missing",
            url = url,
            header = header
        )),
    }
}

/// A GET that did not answer 200, quoting a short error body ("Internal
/// server error") when there is one; no answer at all (status 0) quotes why.
fn unexpected_status(url: &str, seen: &HttpResponse) -> Finding {
    let body = seen.body.trim();
    if seen.status == 0 {
        finding!("probe.no-answer", url = url, reason = body)
    } else if body.is_empty() || body.len() > 120 {
        finding!("probe.http.status", url = url, status = seen.status)
    } else {
        finding!(
            "probe.http.status-body",
            url = url,
            status = seen.status,
            body = body
        )
    }
}

pub const WEBSITE: Kind = Kind {
    name: "probe.website",
    args: WebsiteArgs::SPEC,
    probe: true,
    reads: &[Read::Bucket("bucket"), Read::WebsiteProbe],
    run: website,
};

fn website(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<WebsiteArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, bucket) = match support::bucket(ctx.account, &a.bucket) {
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
        Outcome::pass(finding!("probe.website.ok", url = url))
    } else {
        Outcome::fail(unexpected_status(&url, seen))
    }
}

crate::args! {
    /// `probe.alb`: the load balancer whose DNS name to GET.
    pub struct AlbArgs {
        required { alb }
        optional {}
    }
}

crate::args! {
    /// `probe.alb-https`: the host name to ask for, the HTTPS listener's
    /// certificate's when not given.
    pub struct AlbHttpsArgs {
        required { alb }
        optional { domain = "" }
    }
}

pub const ALB: Kind = Kind {
    name: "probe.alb",
    args: AlbArgs::SPEC,
    probe: true,
    reads: &[Read::LoadBalancer("alb"), Read::AlbProbe],
    run: alb,
};

fn alb(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<AlbArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, lb) = match super::elb::alb(ctx.account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let url = lb.http_probe_url();
    let seen = match response(ctx.account, &url) {
        Ok(seen) => seen,
        Err(outcome) => return outcome,
    };
    if seen.status == 200 {
        Outcome::pass(finding!("probe.alb.ok", alb = name, url = url))
    } else {
        Outcome::fail(unexpected_status(&url, seen))
    }
}

pub const ALB_HTTPS: Kind = Kind {
    name: "probe.alb-https",
    args: AlbHttpsArgs::SPEC,
    probe: true,
    reads: &[
        Read::LoadBalancer("alb"),
        Read::Certificates,
        Read::AlbHttpsProbe,
    ],
    run: alb_https,
};

fn alb_https(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<AlbHttpsArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, lb) = match super::elb::alb(ctx.account, &a.alb) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    // Without an HTTPS listener and an issued certificate there is nothing
    // to ask for; `elb.https-listener` says what is missing.
    let Some(host) = lb.https_probe_host(&ctx.account.elb.certificates, a.domain()) else {
        return Outcome::skipped(finding!("probe.alb-https.no-host", alb = name));
    };
    let seen = match response(ctx.account, &lb.https_probe_key(&host)) {
        Ok(seen) => seen,
        Err(outcome) => return outcome,
    };
    let url = format!("https://{host}/");
    match seen.status {
        200 => Outcome::pass(finding!("probe.alb-https.ok", url = url, dns = lb.dns_name)),
        // No answer over TLS is most often the certificate: not valid for
        // the host, or not trusted; the reason says which.
        0 => Outcome::fail(finding!(
            "probe.alb-https.no-answer",
            url = url,
            dns = lb.dns_name,
            reason = seen.body.trim()
        )),
        _ => Outcome::fail(unexpected_status(&url, seen)),
    }
}
