//! How a failed AWS call is read: not found (the check fails), access denied
//! (the checks that needed it are `error`), or a reason the account cannot
//! be verified at all (credentials, network: exit 3).

use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};

/// Why a live account could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    #[error(
        "no AWS credentials found ({detail}); run `aws configure`, set AWS_PROFILE, or pass --profile NAME (for IAM Identity Center: `aws sso login --profile NAME`)"
    )]
    NoCredentials { detail: String },
    #[error(
        "profile `{name}` is not in {files}; create it with `aws configure --profile {name}` (or `aws configure sso`), or leave out --profile"
    )]
    UnknownProfile { name: String, files: String },
    #[error(
        "the IAM Identity Center (SSO) session has expired or is missing; run `aws sso login{profile}` and try again"
    )]
    SsoExpired { profile: String },
    #[error(
        "AWS did not accept the credentials ({code}: {message}); check them with `aws sts get-caller-identity`, or refresh them (`aws configure`, `aws sso login`)"
    )]
    BadCredentials { code: String, message: String },
    #[error("could not reach AWS for {action} ({detail}); check the network connection{endpoint}")]
    Network {
        action: String,
        detail: String,
        endpoint: String,
    },
    #[error("{action} failed: {code}: {message}")]
    Service {
        action: String,
        code: String,
        message: String,
    },
}

/// The result of one read: the answer, or that the thing is not there, or
/// that we may not look.
#[derive(Debug)]
pub enum Fetch<T> {
    Got(T),
    NotFound,
    Denied,
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
pub fn fetch<T, E, R>(
    action: &str,
    endpoint: Option<&str>,
    result: Result<T, SdkError<E, R>>,
) -> Result<Fetch<T>, AwsError>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let error = match result {
        Ok(value) => return Ok(Fetch::Got(value)),
        Err(error) => error,
    };
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
    if DENIED.contains(&code.as_str()) {
        return Ok(Fetch::Denied);
    }
    if BAD_CREDENTIALS.contains(&code.as_str()) {
        return Err(AwsError::BadCredentials { code, message });
    }
    if !code.is_empty() {
        return Err(AwsError::Service {
            action: action.to_string(),
            code,
            message,
        });
    }
    Err(classify_transport(action, endpoint, &error))
}

/// A failure before any answer: credentials that could not be loaded, or a
/// network that did not carry the request.
fn classify_transport<E, R>(
    action: &str,
    endpoint: Option<&str>,
    error: &SdkError<E, R>,
) -> AwsError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let detail = chain(error);
    let lower = detail.to_ascii_lowercase();
    if lower.contains("sso") && (lower.contains("expired") || lower.contains("token")) {
        let profile = std::env::var("AWS_PROFILE")
            .map(|p| format!(" --profile {p}"))
            .unwrap_or_default();
        return AwsError::SsoExpired { profile };
    }
    if lower.contains("credential") {
        return AwsError::NoCredentials { detail };
    }
    AwsError::Network {
        action: action.to_string(),
        detail,
        endpoint: endpoint
            .map(|e| format!(" and that {e} answers"))
            .unwrap_or_default(),
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
