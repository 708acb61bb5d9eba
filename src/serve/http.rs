//! The web server of `grade --serve`: read-only, GET only. `/` is the page
//! (one self-contained file, no CDN: a classroom may have no internet),
//! `/api/class` the class, `/api/student/ID` one student's whole report,
//! `/api/events` a server-sent event each time the class changes.
//!
//! Every request passes one gate first: its method, the length of its URL,
//! the Host it names (on loopback without a token, so a web page elsewhere
//! cannot reach it through DNS rebinding), and the token when one is needed.
//! Connections are bounded: over the bound a new one is closed at once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::Digest;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::{Bound, Hub};

const PAGE: &str = include_str!("page.html");
/// Connections open at once: a class's browsers and then some.
const MAX_CONNECTIONS: usize = 512;
/// Longest path and query accepted; ours are short.
const MAX_URL: usize = 2048;
const COOKIE: &str = "labcheck_token";
/// A connection with nothing read or written this long is closed.
const IDLE: Duration = Duration::from_secs(45);

/// Serves `hub` on `bound` until the runtime stops.
pub async fn serve(bound: Bound, hub: Arc<Hub>) {
    let csp = content_security_policy();
    let app = Router::new()
        .route("/", get(page))
        .route("/api/class", get(class))
        .route("/api/student/{id}", get(student))
        .route("/api/events", get(events))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(middleware::from_fn_with_state(hub.clone(), gate))
        .layer(middleware::map_response(move |mut response: Response| {
            let csp = csp.clone();
            async move {
                let h = response.headers_mut();
                h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                h.insert(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                );
                h.insert(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("no-referrer"),
                );
                h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
                if let Ok(v) = HeaderValue::from_str(&csp) {
                    h.insert(header::CONTENT_SECURITY_POLICY, v);
                }
                response
            }
        }))
        .with_state(hub);
    let listener = Bounded {
        inner: bound.listener,
        permits: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
    };
    let _ = axum::serve(listener, app).await;
}

/// Only the page's own script runs (by its hash), it may only talk to this
/// server, and nothing else is loaded.
fn content_security_policy() -> String {
    let script = PAGE
        .split_once("<script>")
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(s, _)| s)
        .unwrap_or_default();
    let hash = base64(&sha2::Sha256::digest(script.as_bytes()));
    format!(
        "default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Equal in time whatever the bytes, so the token cannot be guessed a
/// character at a time.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn query_token(request: &Request) -> Option<String> {
    request
        .uri()
        .query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("token=").map(str::to_string))
}

fn cookie_token(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_string)
        })
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

async fn gate(State(hub): State<Arc<Hub>>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "read-only: GET only\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    if request.uri().to_string().len() > MAX_URL {
        return plain(StatusCode::URI_TOO_LONG, "URL too long\n");
    }
    let Some(token) = &hub.token else {
        // No token: loopback only, and only under a loopback name, so that a
        // page elsewhere cannot rebind its own name to 127.0.0.1 and read.
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let port = hub.port;
        let allowed = [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(host)) {
            return plain(StatusCode::MISDIRECTED_REQUEST, "open it at 127.0.0.1\n");
        }
        return next.run(request).await;
    };
    if let Some(given) = query_token(&request) {
        if !same(&given, token) {
            return plain(StatusCode::UNAUTHORIZED, "bad token\n");
        }
        // The link is opened once: the token moves into a cookie and out of
        // the address bar (and the history).
        let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
        let mut response = if request.uri().path() == "/" {
            (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response()
        } else {
            next.run(request).await
        };
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
        return response;
    }
    match cookie_token(&request) {
        Some(given) if same(&given, token) => next.run(request).await,
        _ => plain(
            StatusCode::UNAUTHORIZED,
            "open the link with ?token= that labcheck printed\n",
        ),
    }
}

async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response()
}

fn json(bytes: axum::body::Bytes) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(bytes),
    )
        .into_response()
}

async fn class(State(hub): State<Arc<Hub>>) -> Response {
    json(hub.class())
}

async fn student(State(hub): State<Arc<Hub>>, Path(id): Path<String>) -> Response {
    // Reading the journal is file I/O: off the async workers.
    match tokio::task::spawn_blocking(move || hub.student(&id)).await {
        Ok(Some(bytes)) => json(bytes),
        _ => plain(
            StatusCode::NOT_FOUND,
            "no such student, or not graded yet\n",
        ),
    }
}

/// An `update` event now (the current state) and on every change; a
/// comment every 15 s keeps proxies from closing it and finds dead clients.
async fn events(State(hub): State<Arc<Hub>>) -> impl IntoResponse {
    let mut updates = hub.updates.subscribe();
    updates.mark_changed();
    let stream = futures_util::stream::unfold(updates, |mut updates| async move {
        updates.changed().await.ok()?;
        let update = *updates.borrow_and_update();
        let event = Event::default()
            .event("update")
            .data(serde_json::to_string(&update).unwrap_or_default());
        Some((Ok::<_, std::convert::Infallible>(event), updates))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// A listener that holds a permit per open connection; over the bound, a
/// new connection is closed at once rather than queued.
struct Bounded {
    inner: TcpListener,
    permits: Arc<Semaphore>,
}

impl axum::serve::Listener for Bounded {
    type Io = Permitted;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    if let Ok(permit) = self.permits.clone().try_acquire_owned() {
                        let _ = stream.set_nodelay(true);
                        return (Permitted::new(stream, permit), addr);
                    }
                    drop(stream);
                }
                // Out of file descriptors and the like: wait, do not spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A connection holding its permit, closed after `IDLE` with nothing read
/// or written (a request sent a byte a minute, a client gone without a
/// word); an event stream writes at least every 15 s, so it stays.
struct Permitted {
    stream: TcpStream,
    _permit: OwnedSemaphorePermit,
    idle: Pin<Box<tokio::time::Sleep>>,
}

impl Permitted {
    fn new(stream: TcpStream, permit: OwnedSemaphorePermit) -> Permitted {
        Permitted {
            stream,
            _permit: permit,
            idle: Box::pin(tokio::time::sleep(IDLE)),
        }
    }

    fn active(&mut self) {
        self.idle.as_mut().reset(tokio::time::Instant::now() + IDLE);
    }

    /// When the stream is not ready: an error once idle too long.
    fn idle_out<T>(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<T>> {
        match self.idle.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Permitted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.stream).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    self.active();
                }
                Poll::Ready(r)
            }
            Poll::Pending => self.idle_out(cx),
        }
    }
}

impl AsyncWrite for Permitted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match Pin::new(&mut self.stream).poll_write(cx, buf) {
            Poll::Ready(r) => {
                self.active();
                Poll::Ready(r)
            }
            Poll::Pending => self.idle_out(cx),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_page_has_one_inline_script_and_loads_nothing() {
        assert_eq!(PAGE.matches("<script").count(), 1);
        assert!(!PAGE.contains("src="), "the page must load nothing");
        assert!(!PAGE.contains("http://") && !PAGE.contains("https://"));
    }
}
