//! How a failed AWS call is read: not found (the check fails), access denied
//! (the checks that needed it are `error`), or a reason the account cannot
//! be verified at all (credentials, network: exit 3).

use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use fluent_bundle::FluentValue;

use crate::lang::Lang;

/// Why a live account could not be read at all. Each variant holds values
/// only; the sentence is the `aws-<code>` message of `locales/*/errors.ftl`,
/// in English for `Display` and in the reader's language through
/// `AwsError::message`.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    NoCredentials {
        detail: String,
    },
    UnknownProfile {
        name: String,
        files: String,
    },
    /// `command` is the login to run (`aws sso login --profile dev`).
    SsoExpired {
        command: String,
    },
    BadCredentials {
        code: String,
        message: String,
    },
    /// Said the same for every call and student behind one cause, so that
    /// a class behind one dead endpoint gets one line, not one per read.
    Network {
        target: String,
        reason: String,
        /// Whether `target` is an `--endpoint-url` (then its advice is to
        /// check it), not AWS itself.
        endpoint: bool,
    },
    Service {
        action: String,
        code: String,
        message: String,
    },
    HttpStatus {
        action: String,
        status: u16,
        endpoint: String,
    },
    /// `endpoint`: the --endpoint-url that accepted the connection but did
    /// not answer, if one is in use.
    TimedOut {
        limit: String,
        endpoint: Option<String>,
    },
    /// The lab reads a service this build was compiled without (cargo
    /// feature `feature`, on by default). Exit 3: the lab and the command
    /// are right, this binary cannot read the account.
    FeatureMissing {
        feature: String,
    },
}

impl AwsError {
    /// A stable name for scripts (`--output json`), one per kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            AwsError::NoCredentials { .. } => "no-credentials",
            AwsError::UnknownProfile { .. } => "unknown-profile",
            AwsError::SsoExpired { .. } => "sso-expired",
            AwsError::BadCredentials { .. } => "bad-credentials",
            AwsError::Network { .. } => "network",
            AwsError::Service { .. } => "service-error",
            AwsError::HttpStatus { .. } => "not-aws",
            AwsError::TimedOut { .. } => "timed-out",
            AwsError::FeatureMissing { .. } => "feature-missing",
        }
    }

    /// The catalog message that says it, and its arguments.
    pub fn message_args(&self) -> (String, Vec<(&'static str, String)>) {
        let code = self.code();
        let (id, args) = match self {
            AwsError::NoCredentials { detail } => (code, vec![("detail", detail.clone())]),
            AwsError::UnknownProfile { name, files } => {
                (code, vec![("name", name.clone()), ("files", files.clone())])
            }
            AwsError::SsoExpired { command } => (code, vec![("command", command.clone())]),
            AwsError::BadCredentials { code: c, message }
            | AwsError::Service {
                code: c, message, ..
            } => {
                let mut args = vec![("code", c.clone()), ("message", message.clone())];
                if let AwsError::Service { action, .. } = self {
                    args.push(("action", action.clone()));
                }
                (code, args)
            }
            AwsError::Network {
                target,
                reason,
                endpoint,
            } => (
                if *endpoint { "network-endpoint" } else { code },
                vec![("target", target.clone()), ("reason", reason.clone())],
            ),
            AwsError::HttpStatus {
                action,
                status,
                endpoint,
            } => (
                code,
                vec![
                    ("action", action.clone()),
                    ("status", status.to_string()),
                    ("endpoint", endpoint.clone()),
                ],
            ),
            AwsError::TimedOut { limit, endpoint } => match endpoint {
                Some(e) => (
                    "timed-out-endpoint",
                    vec![("limit", limit.clone()), ("endpoint", e.clone())],
                ),
                None => (code, vec![("limit", limit.clone())]),
            },
            AwsError::FeatureMissing { feature } => (code, vec![("feature", feature.clone())]),
        };
        (format!("aws-{id}"), args)
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (id, args) = self.message_args();
        let args: Vec<(&str, FluentValue<'_>)> = args
            .into_iter()
            .map(|(k, v)| (k, FluentValue::from(v)))
            .collect();
        crate::i18n::tr(lang, &id, &args)
    }
}

impl std::fmt::Display for AwsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The result of one read: the answer, or that the thing is not there, or
/// that we may not look.
#[derive(Debug)]
pub enum Fetch<T> {
    Got(T),
    NotFound,
    /// Refused, with the reason as the service gave it (`AccessDenied`, or
    /// `HTTP 403` when the body named none).
    Denied(String),
}

const NOT_FOUND: &[&str] = &[
    "ResourceNotFoundException",
    "NoSuchEntity",
    "NoSuchEntityException",
    "NotFoundException",
    "NoSuchBucket",
    "NoSuchKey",
    "NoSuchBucketPolicy",
    "NoSuchWebsiteConfiguration",
    "NoSuchPublicAccessBlockConfiguration",
    // No Object Ownership set: ACLs enabled, as before April 2023.
    "OwnershipControlsNotFoundError",
    "NotFound",
];

const DENIED: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "AuthorizationError",
    "Forbidden",
];

const BAD_CREDENTIALS: &[&str] = &[
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId",
    "InvalidToken",
];

/// Reads the outcome of one SDK call made for IAM `action`.
pub fn fetch<T, E>(
    action: &str,
    endpoint: Option<&str>,
    result: Result<T, SdkError<E, HttpResponse>>,
) -> Result<Fetch<T>, AwsError>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let error = match result {
        Ok(value) => return Ok(Fetch::Got(value)),
        Err(error) => error,
    };
    let status = error.raw_response().map(|r| r.status().as_u16());
    let (code, message) = match &error {
        SdkError::ServiceError(e) => (
            e.err().code().unwrap_or_default().to_string(),
            e.err().message().unwrap_or_default().to_string(),
        ),
        _ => (String::new(), String::new()),
    };
    if NOT_FOUND.contains(&code.as_str()) {
        return Ok(Fetch::NotFound);
    }
    if BAD_CREDENTIALS.contains(&code.as_str()) {
        return Err(AwsError::BadCredentials { code, message });
    }
    // A refusal is a refusal whatever its body says: an error code, a body
    // in another protocol's format (moto answers XML for JSON services), or
    // none at all.
    if DENIED.contains(&code.as_str()) || matches!(status, Some(401 | 403)) {
        let reason = match (code.is_empty(), status) {
            (false, _) => code,
            (true, Some(status)) => format!("HTTP {status}"),
            (true, None) => "refused".to_string(),
        };
        return Ok(Fetch::Denied(reason));
    }
    if !code.is_empty() {
        return Err(AwsError::Service {
            action: action.to_string(),
            code,
            message,
        });
    }
    if let Some(status) = status {
        return Err(AwsError::HttpStatus {
            action: action.to_string(),
            status,
            endpoint: endpoint.unwrap_or("AWS").to_string(),
        });
    }
    Err(classify_transport(endpoint, &error))
}

/// A failure before any answer: credentials that could not be loaded, or a
/// network that did not carry the request.
fn classify_transport<E, R>(endpoint: Option<&str>, error: &SdkError<E, R>) -> AwsError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let detail = chain(error);
    let lower = detail.to_ascii_lowercase();
    // Credentials that are there but could not be used because the network
    // failed (an AssumeRole to an endpoint that is down) are a network
    // problem: telling the user to run `aws configure` would mislead.
    let unreachable = [
        "connection refused",
        "dns error",
        "failed to lookup",
        "timed out",
        "timeout",
        "connection reset",
        "tcp connect",
        "error trying to connect",
        "io error",
    ];
    if unreachable.iter().any(|m| lower.contains(m)) {
        return network(endpoint, error);
    }
    if lower.contains("sso") && (lower.contains("expired") || lower.contains("token")) {
        let command = std::env::var("AWS_PROFILE").map_or_else(
            |_| "aws sso login".to_string(),
            |p| format!("aws sso login --profile {p}"),
        );
        return AwsError::SsoExpired { command };
    }
    if lower.contains("credential") {
        return AwsError::NoCredentials { detail };
    }
    network(endpoint, error)
}

/// A network failure, told by its innermost cause ("Connection refused").
fn network(endpoint: Option<&str>, error: &dyn std::error::Error) -> AwsError {
    let mut innermost = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        innermost = e.to_string();
        source = e.source();
    }
    AwsError::Network {
        target: endpoint.unwrap_or("AWS").to_string(),
        reason: innermost,
        endpoint: endpoint.is_some(),
    }
}

/// The error and its sources, one sentence.
fn chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(e) = source {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    parts.join(": ")
}
