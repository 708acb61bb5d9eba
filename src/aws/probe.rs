//! The HTTP probes: a GET on the API's invoke URL and on the bucket's
//! website endpoint, as a browser would make them, with a short timeout.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::account::{Account, HttpResponse, Needs, Probes};
use crate::checks::glob;

use super::all;

pub(super) fn skipped(reason: &str) -> Probes {
    Probes {
        skipped: Some(reason.to_string()),
        responses: BTreeMap::new(),
    }
}

pub(super) async fn run(needs: &Needs, account: &Account) -> Probes {
    let mut urls = Vec::new();
    for (api, stage, path) in &needs.api_probes {
        if let Some(api) = account.apigateway.get(api)
            && !api.id.is_empty()
        {
            urls.push(account.invoke_url(&api.id, stage) + path);
        }
    }
    for pattern in &needs.website_probes {
        for (name, bucket) in &account.s3.buckets {
            if glob(pattern, name) && bucket.website.is_some() {
                urls.push(Account::website_url(name, &bucket.region));
            }
        }
    }
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .user_agent(concat!("labcheck/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(client) => client,
        Err(e) => return skipped(&format!("no HTTP client: {e}")),
    };
    let answers = all(urls
        .into_iter()
        .map(|url| {
            let client = client.clone();
            async move {
                let answer = get(&client, &url).await;
                (url, answer)
            }
        })
        .collect())
    .await;
    Probes {
        skipped: None,
        responses: answers.into_iter().collect(),
    }
}

async fn get(client: &reqwest::Client, url: &str) -> HttpResponse {
    match client
        .get(url)
        .header("Origin", "http://labcheck.invalid")
        .send()
        .await
    {
        Ok(response) => {
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_string())))
                .collect();
            let body = response.text().await.unwrap_or_default();
            HttpResponse {
                status,
                headers,
                body: body.chars().take(2000).collect(),
            }
        }
        // No answer at all reads as status 0, with why.
        Err(e) => HttpResponse {
            status: 0,
            headers: BTreeMap::new(),
            body: format!("no answer: {e}"),
        },
    }
}
