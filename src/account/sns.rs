//! The parts of the account model the `sns-notify` lab adds: SNS topics with
//! their subscriptions, a bucket's Lambda event notifications, its Object
//! Ownership, an object's ACL grants and the ARNs in a function's
//! environment. All are optional in fixtures and snapshots, so accounts
//! written before them read the same.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Evidence;

/// SNS in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sns {
    /// Topics by name (the last part of the topic ARN).
    pub topics: BTreeMap<String, Topic>,
}

impl Sns {
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Topic {
    pub arn: String,
    /// What `ListSubscriptionsByTopic` gave; read only for the topics a lab
    /// names.
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub subscriptions: Evidence<Vec<Subscription>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Subscription {
    /// email, email-json, sqs, lambda, https, ...
    pub protocol: String,
    /// Where it delivers. E-mail addresses and phone numbers are masked (`s******@example.com`)
    /// by the source before they reach the model: a snapshot or a gradebook
    /// never holds a student's address.
    pub endpoint: String,
    /// The subscription ARN, or `PendingConfirmation` until the owner of the
    /// endpoint clicks the link in the confirmation mail.
    pub arn: String,
}

impl Subscription {
    /// SNS writes `PendingConfirmation` in place of the ARN until the
    /// subscription is confirmed (older answers spell it with a space).
    pub fn is_pending(&self) -> bool {
        let arn = self.arn.replace(' ', "");
        arn.is_empty() || arn.eq_ignore_ascii_case("PendingConfirmation")
    }

    pub fn is_email(&self) -> bool {
        self.protocol.eq_ignore_ascii_case("email")
            || self.protocol.eq_ignore_ascii_case("email-json")
    }
}

/// Masks an e-mail address to its first character and domain
/// (`student@example.com` → `s******@example.com`). Masking a masked address
/// gives it back unchanged, so a fixture may hold either form.
pub fn mask_email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let mut chars = local.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            format!("{first}{}@{domain}", "*".repeat(chars.count()))
        }
        None if address.is_empty() => String::new(),
        None => "*".repeat(address.chars().count()),
    }
}

/// Masks a phone number (an SMS subscription) to its last two digits
/// (`+821012345678` → `***********78`); idempotent like `mask_email`.
pub fn mask_phone(number: &str) -> String {
    let count = number.chars().count();
    number
        .chars()
        .enumerate()
        .map(|(i, c)| if i + 2 < count { '*' } else { c })
        .collect()
}

/// A subscription's endpoint as the model keeps it: addresses and phone
/// numbers masked, queues and functions (ARNs) and URLs as they are.
pub fn mask_endpoint(protocol: &str, endpoint: &str) -> String {
    match protocol {
        p if p.starts_with("email") => mask_email(endpoint),
        "sms" => mask_phone(endpoint),
        _ => endpoint.to_string(),
    }
}

/// A bucket's event notification configuration, the Lambda part of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Notifications {
    pub lambda: Vec<LambdaTrigger>,
}

/// One `LambdaFunctionConfiguration`: which events invoke which function,
/// for which keys.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LambdaTrigger {
    pub function_arn: String,
    /// `s3:ObjectCreated:*`, `s3:ObjectCreated:Put`, ...
    pub events: Vec<String>,
    /// The key-name filter rules; empty means every key.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

impl LambdaTrigger {
    /// Whether an upload (PUT) of `key` fires this configuration's events.
    pub fn fires_on_put(&self) -> bool {
        self.events.iter().any(|e| {
            matches!(
                e.as_str(),
                "s3:ObjectCreated:*"
                    | "s3:ObjectCreated:Put"
                    | "s3:ObjectCreated:CompleteMultipartUpload"
            )
        })
    }

    /// Whether the key filter lets `key` through: the key must start with
    /// the prefix and end with the suffix, as written (no wildcards).
    pub fn matches_key(&self, key: &str) -> bool {
        key.starts_with(&self.prefix) && key.ends_with(&self.suffix)
    }
}

/// Object Ownership (`GetBucketOwnershipControls`). Without any setting a
/// bucket behaves as `ObjectWriter` (ACLs enabled); buckets created since
/// April 2023 get `BucketOwnerEnforced`, which disables ACLs.
pub const BUCKET_OWNER_ENFORCED: &str = "BucketOwnerEnforced";

/// One grant of an object's ACL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Grant {
    /// `AllUsers` and `AuthenticatedUsers` for the two public groups (their
    /// group URIs shortened), else the grantee's canonical id or e-mail.
    pub grantee: String,
    /// READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL.
    pub permission: String,
}

/// The group URI S3 uses for "everyone".
pub const ALL_USERS_URI: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
/// The group URI for any authenticated AWS principal.
pub const AUTHENTICATED_USERS_URI: &str =
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

impl Grant {
    /// Whether this grant lets anyone read the object.
    pub fn is_public_read(&self) -> bool {
        self.grantee == "AllUsers" && matches!(self.permission.as_str(), "READ" | "FULL_CONTROL")
    }
}

/// The ARNs among a function's environment variables. Other values are not
/// kept: environment variables often hold secrets.
pub fn arn_variables(variables: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    variables
        .iter()
        .filter(|(_, v)| v.trim().starts_with("arn:"))
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_the_first_letter_and_the_domain_and_is_idempotent() {
        assert_eq!(mask_email("student@example.com"), "s******@example.com");
        assert_eq!(
            mask_email(&mask_email("student@example.com")),
            "s******@example.com"
        );
        assert_eq!(mask_email("a@b.c"), "a@b.c");
        assert_eq!(mask_email("no-at-sign"), "**********");
        assert_eq!(mask_phone("+821012345678"), "***********78");
        assert_eq!(mask_phone(&mask_phone("+821012345678")), "***********78");
        assert_eq!(mask_endpoint("sqs", "arn:aws:sqs:x"), "arn:aws:sqs:x");
    }

    #[test]
    fn pending_is_read_in_either_spelling() {
        let s = |arn: &str| Subscription {
            arn: arn.into(),
            ..Subscription::default()
        };
        assert!(s("PendingConfirmation").is_pending());
        assert!(s("pending confirmation").is_pending());
        assert!(!s("arn:aws:sns:ap-northeast-2:123456789012:t:1").is_pending());
    }

    #[test]
    fn a_filter_matches_literally() {
        let t = LambdaTrigger {
            suffix: ".png".into(),
            ..LambdaTrigger::default()
        };
        assert!(!t.matches_key("shiba-inu.jpg"));
        assert!(t.matches_key("a.png"));
        let t = LambdaTrigger {
            prefix: "images/".into(),
            ..LambdaTrigger::default()
        };
        assert!(!t.matches_key("shiba-inu.jpg"));
    }
}
