//! The HTTP probes: a GET on the API's invoke URL and on the bucket's
//! website endpoint, as a browser would make them, with a short timeout.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::account::{Account, HttpResponse, Needs, ProbeSkip, Probes, glob};

use super::all;

pub(super) fn skipped(reason: ProbeSkip) -> Probes {
    Probes {
        skipped: Some(reason),
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
            if glob(pattern, name) && bucket.website.got().is_some() {
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
        Err(e) => return skipped(ProbeSkip::Other(format!("no HTTP client: {e}"))),
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

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A GET against a one-shot server on 127.0.0.1 reads status, headers
    /// and body the way the probe checks need them.
    #[test]
    fn a_get_reads_status_headers_and_body() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let address = listener.local_addr().unwrap();
            let server = tokio::spawn(async move {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut request = [0u8; 1024];
                let _ = socket.read(&mut request).await.unwrap();
                let body = "{\"name\": \"Ama\"}";
                let response = format!(
                    "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                socket.write_all(response.as_bytes()).await.unwrap();
            });
            let client = reqwest::Client::new();
            let seen = super::get(&client, &format!("http://{address}/dev/")).await;
            server.await.unwrap();
            assert_eq!(seen.status, 200);
            assert_eq!(seen.header("access-control-allow-origin"), Some("*"));
            assert!(seen.body.contains("Ama"));

            // Nothing listening: status 0, with why.
            let closed = super::get(&client, &format!("http://{address}/")).await;
            assert_eq!(closed.status, 0);
            assert!(closed.body.starts_with("no answer"));
        });
    }
}
