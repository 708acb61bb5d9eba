//! Logging in the account model: CloudWatch Logs log groups (is there a
//! `/aws/lambda/{function}` group with a stream, so the function ran and
//! could write), and API Gateway's account-level setting naming the role it
//! writes execution logs with.

use serde::{Deserialize, Serialize};

use super::Evidence;

/// A CloudWatch Logs log group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogGroup {
    pub arn: String,
    /// The stream with the latest event (DescribeLogStreams, newest first,
    /// one item): absent when the group has no stream.
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub latest_stream: Evidence<LogStream>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogStream {
    pub name: String,
    /// Milliseconds since the epoch, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_event_timestamp: Option<i64>,
}

/// API Gateway's settings for the account in this region (GET /account).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiGatewayAccount {
    /// The "CloudWatch log role ARN" setting; empty when not set.
    pub cloudwatch_role_arn: String,
}

/// Stage settings for a method, or for all (`*/*`), as API Gateway keys them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MethodSetting {
    /// OFF, ERROR or INFO (execution logging).
    pub logging_level: String,
}
