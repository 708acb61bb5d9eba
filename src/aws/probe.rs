//! The HTTP probes: a GET on the API's invoke URL, the bucket's website
//! endpoint and the load balancer's DNS name, as a browser would make them,
//! and an HTTPS GET for the lab's host name sent to the load balancer's own
//! addresses; each with a short timeout.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use crate::account::{Account, HttpResponse, Needs, ProbeSkip, Probes, glob};

use super::all;

pub(super) fn skipped(reason: ProbeSkip) -> Probes {
    Probes {
        skipped: Some(reason),
        responses: BTreeMap::new(),
    }
}

const TIMEOUT: Duration = Duration::from_secs(5);

fn builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .user_agent(concat!("labcheck/", env!("CARGO_PKG_VERSION")))
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
    let elb = &account.elb;
    for pattern in &needs.alb_probes {
        for (name, lb) in &elb.load_balancers {
            if glob(pattern, name) && !lb.dns_name.is_empty() {
                urls.push(lb.http_probe_url());
            }
        }
    }
    // (key, host, load balancer DNS name)
    let mut pinned = Vec::new();
    for (pattern, wanted) in &needs.alb_https_probes {
        for (name, lb) in &elb.load_balancers {
            if glob(pattern, name)
                && !lb.dns_name.is_empty()
                && let Some(host) = lb.https_probe_host(&elb.certificates, wanted)
            {
                pinned.push((lb.https_probe_key(&host), host, lb.dns_name.clone()));
            }
        }
    }
    let client = match builder().build() {
        Ok(client) => client,
        Err(e) => return skipped(ProbeSkip::Other(format!("no HTTP client: {e}"))),
    };
    let plain = all(urls
        .into_iter()
        .map(|url| {
            let client = client.clone();
            async move {
                let answer = get(&client, &url).await;
                (url, answer)
            }
        })
        .collect());
    let pinned = all(pinned
        .into_iter()
        .map(|(key, host, dns)| async move {
            let answer = pinned_get(builder(), &host, &dns, 443).await;
            (key, answer)
        })
        .collect());
    let (plain, pinned) = tokio::join!(plain, pinned);
    Probes {
        skipped: None,
        responses: plain.into_iter().chain(pinned).collect(),
    }
}

/// GET `https://{host}:{port}/` sent to `target`'s addresses, as a browser
/// would once the host's DNS points at the load balancer: the certificate
/// the load balancer serves is checked for `host` before the student's DNS
/// record exists, and a wrong or untrusted one reads as no answer, with
/// the TLS error as the reason.
async fn pinned_get(
    builder: reqwest::ClientBuilder,
    host: &str,
    target: &str,
    port: u16,
) -> HttpResponse {
    let addresses: Vec<SocketAddr> =
        match tokio::time::timeout(TIMEOUT, tokio::net::lookup_host((target, port))).await {
            Ok(Ok(found)) => found.collect(),
            Ok(Err(e)) => return no_answer(format!("cannot resolve {target}: {e}")),
            Err(_) => return no_answer(format!("cannot resolve {target}: timed out")),
        };
    match builder.resolve_to_addrs(host, &addresses).build() {
        Ok(client) => get(&client, &format!("https://{host}:{port}/")).await,
        Err(e) => no_answer(why(&e)),
    }
}

fn no_answer(reason: String) -> HttpResponse {
    HttpResponse {
        status: 0,
        headers: BTreeMap::new(),
        body: reason,
    }
}

/// An error with its causes: reqwest's own message is only "error sending
/// request"; the cause (refused, timed out, the certificate's problem) is
/// what a student can act on.
fn why(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
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
        Err(e) => no_answer(why(&e)),
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
            assert!(closed.body.contains("onnect"), "{}", closed.body);
        });
    }

    /// A one-shot HTTPS server on 127.0.0.1 with a certificate for
    /// www.st25.example.com, signed by the test CA in `tests/tls`.
    async fn tls_server() -> (std::net::SocketAddr, tokio::task::JoinHandle<()>) {
        use std::sync::Arc;
        use tokio_rustls::rustls::ServerConfig;
        use tokio_rustls::rustls::crypto::aws_lc_rs;
        use tokio_rustls::rustls::pki_types::pem::PemObject;
        use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

        let chain =
            vec![CertificateDer::from_pem_slice(include_bytes!("tests/tls/www.pem")).unwrap()];
        let key = PrivateKeyDer::from_pem_slice(include_bytes!("tests/tls/www.key")).unwrap();
        let config = ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (socket, _) = listener.accept().await.unwrap();
            // A client that refuses the certificate ends the handshake.
            let Ok(mut tls) = acceptor.accept(socket).await else {
                return;
            };
            let mut request = [0u8; 1024];
            let _ = tls.read(&mut request).await.unwrap();
            let body = "served by i-0a01";
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            tls.write_all(response.as_bytes()).await.unwrap();
            tls.shutdown().await.unwrap();
        });
        (address, server)
    }

    fn trusting_the_test_ca() -> reqwest::ClientBuilder {
        let ca = reqwest::Certificate::from_pem(include_bytes!("tests/tls/ca.pem")).unwrap();
        super::builder().tls_certs_only([ca])
    }

    /// The HTTPS probe asks for the lab's host name at the load balancer's
    /// address (here `localhost`, resolving to 127.0.0.1), whatever the
    /// host's own DNS says: a certificate for that name is answered, one for
    /// another name is no answer with the certificate error as the reason.
    #[test]
    fn the_https_probe_checks_the_certificate_for_the_host_name() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (address, server) = tls_server().await;
            let seen = super::pinned_get(
                trusting_the_test_ca(),
                "www.st25.example.com",
                "127.0.0.1",
                address.port(),
            )
            .await;
            server.await.unwrap();
            assert_eq!(seen.status, 200, "{}", seen.body);
            assert_eq!(seen.body, "served by i-0a01");

            let (address, server) = tls_server().await;
            let seen = super::pinned_get(
                trusting_the_test_ca(),
                "shop.st25.example.com",
                "127.0.0.1",
                address.port(),
            )
            .await;
            server.await.unwrap();
            assert_eq!(seen.status, 0);
            assert!(seen.body.contains("certificate"), "{}", seen.body);

            // The probe as it runs, trusting the system's roots and not the
            // test CA, gets no answer either.
            let (address, server) = tls_server().await;
            let seen = super::pinned_get(
                super::builder(),
                "www.st25.example.com",
                "127.0.0.1",
                address.port(),
            )
            .await;
            server.await.unwrap();
            assert_eq!(seen.status, 0);
            assert!(seen.body.contains("certificate"), "{}", seen.body);
        });
    }
}
