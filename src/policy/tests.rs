//! Table-driven tests of the policy module. Every expected value comes from
//! the AWS documentation (IAM policy evaluation logic and element reference,
//! S3 "The meaning of 'public'"), not from running the code; each table
//! reports all failing rows at once so one run shows the whole picture.

use super::*;

const ACCOUNT_ROOT: &str = "arn:aws:iam::123456789012:root";

#[derive(Clone, Copy)]
enum Who {
    /// Identity-policy evaluation: no principal, the Principal element is ignored.
    Identity,
    Anonymous,
    Aws(&'static str),
    Service(&'static str),
}

impl Who {
    fn principal(self) -> Option<Principal> {
        match self {
            Who::Identity => None,
            Who::Anonymous => Some(Principal::Anonymous),
            Who::Aws(id) => Some(Principal::Aws(id.to_string())),
            Who::Service(s) => Some(Principal::Service(s.to_string())),
        }
    }
}

struct EvalCase {
    name: &'static str,
    policies: &'static [&'static str],
    who: Who,
    action: &'static str,
    resource: &'static str,
    context: &'static [(&'static str, &'static str)],
    decision: Decision,
    /// `None` means "do not check the label" except for implicit deny,
    /// where the label must always be absent.
    statement: Option<&'static str>,
}

const ALLOW_S3_ALL: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
const DENY_DELETE: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}"#;
const DENY_ALL_BUT_IAM: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Sid":"AllowAll","Effect":"Allow","Action":"*","Resource":"*"},
    {"Sid":"OnlyIam","Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}"#;
const NOT_RESOURCE: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}]}"#;
const MIXED_CASE_ACTION: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"S3:getOBJECT","Resource":"*"}]}"#;
const CASED_BUCKET: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::MyBucket/*"}]}"#;
const QUESTION_MARK: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/2024-0?-01.gz"}]}"#;
const BUCKET_ONLY: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket-1"}]}"#;
const BUCKET_OBJECTS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket-1/*"}]}"#;
const PRINCIPAL_STAR: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
const PRINCIPAL_AWS_STAR: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
const PRINCIPAL_ACCOUNT_ROOT: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
const PRINCIPAL_ACCOUNT_ID: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"AWS":["123456789012"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
const TRUST_LAMBDA: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const TRUST_EC2: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#;
// What the Lambda console writes when API Gateway is added as a trigger.
const APIGW_INVOKE: &str = r#"{"Version":"2012-10-17","Id":"default","Statement":[
    {"Sid":"apigw-invoke","Effect":"Allow",
     "Principal":{"Service":"apigateway.amazonaws.com"},
     "Action":"lambda:InvokeFunction",
     "Resource":"arn:aws:lambda:ap-northeast-2:123456789012:function:hello",
     "Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:ap-northeast-2:123456789012:abc123/*/GET/"}}}]}"#;
const FUNCTION_ARN: &str = "arn:aws:lambda:ap-northeast-2:123456789012:function:hello";
const USERNAME_EQUALS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":["alice","bob"]}}}]}"#;
const USERNAME_IGNORE_CASE: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualsIgnoreCase":{"aws:username":"alice"}}}]}"#;
const USERNAME_NOT_EQUALS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:username":"mallory"}}}]}"#;
const TWO_KEYS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"alice","aws:PrincipalTag/team":"red"}}}]}"#;
const TLS_ONLY: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
    {"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#;
const OFFICE_IPS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}}}]}"#;
const DENY_OUTSIDE_VPC_RANGE: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*"},
    {"Sid":"InternalOnly","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"#;
const MAX_KEYS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"NumericLessThanEquals":{"s3:max-keys":10}}}]}"#;
const INSTANCE_TYPE_IF_EXISTS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}}]}"#;
const DENY_LONG_TERM_KEYS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*"},
    {"Sid":"TempCredsOnly","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}}]}"#;
const ANY_TAG: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}}]}"#;
const ALL_TAGS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}}]}"#;
const UNKNOWN_OP_ALLOW: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringSortOf":{"aws:username":"alice"}}}]}"#;
const UNKNOWN_OP_DENY: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:*","Resource":"*"},
    {"Sid":"Odd","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringSortOf":{"aws:username":"alice"}}}]}"#;
const HOME_FOLDER: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#;
const HOME_FOLDER_NO_VERSION: &str = r#"{"Statement":[
    {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#;
const SNS_ARN_LIKE: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*",
     "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:orders"}}}]}"#;
const DYNAMO_STAR: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:*"}]}"#;
const SECOND_STATEMENT: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"sqs:*","Resource":"*"},
    {"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}"#;
const NOT_PRINCIPAL_DENY: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"},
    {"Sid":"OnlyAdmin","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/admin"},"Action":"s3:DeleteBucket","Resource":"*"}]}"#;

const EVAL_CASES: &[EvalCase] = &[
    EvalCase {
        name: "explicit deny in a second policy beats an allow in the first",
        policies: &[ALLOW_S3_ALL, DENY_DELETE],
        who: Who::Identity,
        action: "s3:DeleteObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::ExplicitDeny,
        statement: Some("NoDelete"),
    },
    EvalCase {
        name: "the deny is for one action only: the allow stands for others",
        policies: &[ALLOW_S3_ALL, DENY_DELETE],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: Some("#1"),
    },
    EvalCase {
        name: "Deny with NotAction denies every action not listed",
        policies: &[DENY_ALL_BUT_IAM],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::ExplicitDeny,
        statement: Some("OnlyIam"),
    },
    EvalCase {
        name: "Deny with NotAction leaves the listed actions to the allow",
        policies: &[DENY_ALL_BUT_IAM],
        who: Who::Identity,
        action: "iam:ListUsers",
        resource: "*",
        context: &[],
        decision: Decision::Allow,
        statement: Some("AllowAll"),
    },
    EvalCase {
        name: "NotResource excludes the listed resources",
        policies: &[NOT_RESOURCE],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::secret/plans.txt",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "NotResource allows everything else",
        policies: &[NOT_RESOURCE],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::public/readme.txt",
        context: &[],
        decision: Decision::Allow,
        statement: Some("#1"),
    },
    EvalCase {
        name: "actions match case-insensitively",
        policies: &[MIXED_CASE_ACTION],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "ARNs match case-sensitively",
        policies: &[CASED_BUCKET],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::mybucket/k",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "? matches exactly one character",
        policies: &[QUESTION_MARK],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::logs/2024-07-01.gz",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "? does not match two characters",
        policies: &[QUESTION_MARK],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::logs/2024-010-01.gz",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "the bucket ARN alone does not cover its objects",
        policies: &[BUCKET_ONLY],
        who: Who::Anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::my-bucket-1/index.html",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "bucket/* covers bucket/index.html",
        policies: &[BUCKET_OBJECTS],
        who: Who::Anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::my-bucket-1/index.html",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "Principal * admits an anonymous caller",
        policies: &[PRINCIPAL_STAR],
        who: Who::Anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: Some("Public"),
    },
    EvalCase {
        name: "Principal * admits a service too",
        policies: &[PRINCIPAL_STAR],
        who: Who::Service("cloudfront.amazonaws.com"),
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "Principal {AWS: *} admits an anonymous caller",
        policies: &[PRINCIPAL_AWS_STAR],
        who: Who::Anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "an account root principal does not admit anonymous callers",
        policies: &[PRINCIPAL_ACCOUNT_ROOT],
        who: Who::Anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "an account root principal admits a user of that account",
        policies: &[PRINCIPAL_ACCOUNT_ROOT],
        who: Who::Aws("arn:aws:iam::123456789012:user/alice"),
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "a bare account id principal admits a role of that account",
        policies: &[PRINCIPAL_ACCOUNT_ID],
        who: Who::Aws("arn:aws:iam::123456789012:role/app"),
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "an account principal does not admit another account",
        policies: &[PRINCIPAL_ACCOUNT_ID],
        who: Who::Aws("arn:aws:iam::210987654321:role/app"),
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "trust policy lets lambda assume the role",
        policies: &[TRUST_LAMBDA],
        who: Who::Service("lambda.amazonaws.com"),
        action: "sts:AssumeRole",
        resource: "arn:aws:iam::123456789012:role/exec",
        context: &[],
        decision: Decision::Allow,
        statement: Some("#1"),
    },
    EvalCase {
        name: "a trust policy for ec2 does not let lambda assume the role",
        policies: &[TRUST_EC2],
        who: Who::Service("lambda.amazonaws.com"),
        action: "sts:AssumeRole",
        resource: "arn:aws:iam::123456789012:role/exec",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "a trust policy for lambda does not let an IAM user assume the role",
        policies: &[TRUST_LAMBDA],
        who: Who::Aws("arn:aws:iam::123456789012:user/alice"),
        action: "sts:AssumeRole",
        resource: "arn:aws:iam::123456789012:role/exec",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "API Gateway invokes the function from the matching API and method",
        policies: &[APIGW_INVOKE],
        who: Who::Service("apigateway.amazonaws.com"),
        action: "lambda:InvokeFunction",
        resource: FUNCTION_ARN,
        context: &[(
            "aws:SourceArn",
            "arn:aws:execute-api:ap-northeast-2:123456789012:abc123/prod/GET/",
        )],
        decision: Decision::Allow,
        statement: Some("apigw-invoke"),
    },
    EvalCase {
        name: "API Gateway invoke without a SourceArn in the context is not allowed",
        policies: &[APIGW_INVOKE],
        who: Who::Service("apigateway.amazonaws.com"),
        action: "lambda:InvokeFunction",
        resource: FUNCTION_ARN,
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "API Gateway invoke from another API id is not allowed",
        policies: &[APIGW_INVOKE],
        who: Who::Service("apigateway.amazonaws.com"),
        action: "lambda:InvokeFunction",
        resource: FUNCTION_ARN,
        context: &[(
            "aws:SourceArn",
            "arn:aws:execute-api:ap-northeast-2:123456789012:xyz789/prod/GET/",
        )],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "API Gateway invoke for GET /hello does not match the GET / permission",
        policies: &[APIGW_INVOKE],
        who: Who::Service("apigateway.amazonaws.com"),
        action: "lambda:InvokeFunction",
        resource: FUNCTION_ARN,
        context: &[(
            "aws:SourceArn",
            "arn:aws:execute-api:ap-northeast-2:123456789012:abc123/prod/GET/hello",
        )],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "condition values in a list are ORed",
        policies: &[USERNAME_EQUALS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:username", "bob")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "StringEquals compares values case-sensitively",
        policies: &[USERNAME_EQUALS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:username", "Alice")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "condition keys match case-insensitively",
        policies: &[USERNAME_EQUALS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("AWS:UserName", "alice")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "StringEqualsIgnoreCase ignores the value's case",
        policies: &[USERNAME_IGNORE_CASE],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:username", "ALICE")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "a positive operator on a missing key is false",
        policies: &[USERNAME_EQUALS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "a negated operator on a missing key is true (IAM condition operator docs)",
        policies: &[USERNAME_NOT_EQUALS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "StringNotEquals is false for the listed value",
        policies: &[USERNAME_NOT_EQUALS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:username", "mallory")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "several keys under one operator are ANDed",
        policies: &[TWO_KEYS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:username", "alice")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "several keys all satisfied",
        policies: &[TWO_KEYS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:username", "alice"), ("aws:PrincipalTag/team", "red")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "Bool SecureTransport false fires the TLS-only deny",
        policies: &[TLS_ONLY],
        who: Who::Anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[("aws:SecureTransport", "false")],
        decision: Decision::ExplicitDeny,
        statement: Some("TlsOnly"),
    },
    EvalCase {
        name: "Bool SecureTransport true leaves the allow",
        policies: &[TLS_ONLY],
        who: Who::Anonymous,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[("aws:SecureTransport", "true")],
        decision: Decision::Allow,
        statement: Some("#1"),
    },
    EvalCase {
        name: "IpAddress inside the IPv4 CIDR",
        policies: &[OFFICE_IPS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:SourceIp", "203.0.113.77")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "IpAddress outside the CIDR",
        policies: &[OFFICE_IPS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:SourceIp", "198.51.100.1")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "IpAddress inside the IPv6 CIDR",
        policies: &[OFFICE_IPS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:SourceIp", "2001:db8:1234::1")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "NotIpAddress deny fires outside the range",
        policies: &[DENY_OUTSIDE_VPC_RANGE],
        who: Who::Identity,
        action: "ec2:RunInstances",
        resource: "*",
        context: &[("aws:SourceIp", "192.168.1.10")],
        decision: Decision::ExplicitDeny,
        statement: Some("InternalOnly"),
    },
    EvalCase {
        name: "NotIpAddress deny does not fire inside the range",
        policies: &[DENY_OUTSIDE_VPC_RANGE],
        who: Who::Identity,
        action: "ec2:RunInstances",
        resource: "*",
        context: &[("aws:SourceIp", "10.1.2.3")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "NumericLessThanEquals within the limit",
        policies: &[MAX_KEYS],
        who: Who::Identity,
        action: "s3:ListBucket",
        resource: "arn:aws:s3:::b",
        context: &[("s3:max-keys", "10")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "NumericLessThanEquals over the limit",
        policies: &[MAX_KEYS],
        who: Who::Identity,
        action: "s3:ListBucket",
        resource: "arn:aws:s3:::b",
        context: &[("s3:max-keys", "11")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "IfExists holds when the key is missing",
        policies: &[INSTANCE_TYPE_IF_EXISTS],
        who: Who::Identity,
        action: "ec2:DescribeInstances",
        resource: "*",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "IfExists still checks a present key",
        policies: &[INSTANCE_TYPE_IF_EXISTS],
        who: Who::Identity,
        action: "ec2:RunInstances",
        resource: "*",
        context: &[("ec2:InstanceType", "m5.large")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "Null true fires when the key is absent (long-term keys)",
        policies: &[DENY_LONG_TERM_KEYS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[],
        decision: Decision::ExplicitDeny,
        statement: Some("TempCredsOnly"),
    },
    EvalCase {
        name: "Null true does not fire when the key is present",
        policies: &[DENY_LONG_TERM_KEYS],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:TokenIssueTime", "2024-01-01T00:00:00Z")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "ForAnyValue holds when one request value is listed",
        policies: &[ANY_TAG],
        who: Who::Identity,
        action: "ec2:CreateTags",
        resource: "*",
        context: &[("aws:TagKeys", "owner"), ("aws:TagKeys", "team")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "ForAnyValue is false for a missing key",
        policies: &[ANY_TAG],
        who: Who::Identity,
        action: "ec2:CreateTags",
        resource: "*",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "ForAllValues fails when one request value is not listed",
        policies: &[ALL_TAGS],
        who: Who::Identity,
        action: "ec2:CreateTags",
        resource: "*",
        context: &[("aws:TagKeys", "env"), ("aws:TagKeys", "owner")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "ForAllValues holds when every request value is listed",
        policies: &[ALL_TAGS],
        who: Who::Identity,
        action: "ec2:CreateTags",
        resource: "*",
        context: &[("aws:TagKeys", "env"), ("aws:TagKeys", "team")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "ForAllValues holds for a missing key",
        policies: &[ALL_TAGS],
        who: Who::Identity,
        action: "ec2:CreateTags",
        resource: "*",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "an unknown operator never grants",
        policies: &[UNKNOWN_OP_ALLOW],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[("aws:username", "alice")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "an unknown operator in a Deny denies",
        policies: &[UNKNOWN_OP_DENY],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "*",
        context: &[],
        decision: Decision::ExplicitDeny,
        statement: Some("Odd"),
    },
    EvalCase {
        name: "a policy variable is substituted from the context",
        policies: &[HOME_FOLDER],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::home/alice/notes.txt",
        context: &[("aws:username", "alice")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "a policy variable does not reach another user's folder",
        policies: &[HOME_FOLDER],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::home/bob/notes.txt",
        context: &[("aws:username", "alice")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "an unresolvable policy variable matches nothing",
        policies: &[HOME_FOLDER],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::home/${aws:username}/notes.txt",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "without Version 2012-10-17 a variable is literal text",
        policies: &[HOME_FOLDER_NO_VERSION],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::home/alice/notes.txt",
        context: &[("aws:username", "alice")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "ArnLike wildcard in the region segment",
        policies: &[SNS_ARN_LIKE],
        who: Who::Service("sns.amazonaws.com"),
        action: "sqs:SendMessage",
        resource: "arn:aws:sqs:us-east-1:123456789012:q",
        context: &[("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:orders")],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "ArnLike does not accept another account",
        policies: &[SNS_ARN_LIKE],
        who: Who::Service("sns.amazonaws.com"),
        action: "sqs:SendMessage",
        resource: "arn:aws:sqs:us-east-1:123456789012:q",
        context: &[("aws:SourceArn", "arn:aws:sns:us-east-1:999999999999:orders")],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
    EvalCase {
        name: "* in a Resource spans colons and slashes",
        policies: &[DYNAMO_STAR],
        who: Who::Identity,
        action: "dynamodb:PutItem",
        resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "the label of an unnamed statement is its 1-based index",
        policies: &[SECOND_STATEMENT],
        who: Who::Identity,
        action: "sns:Publish",
        resource: "arn:aws:sns:us-east-1:123456789012:t",
        context: &[],
        decision: Decision::Allow,
        statement: Some("#2"),
    },
    EvalCase {
        name: "NotPrincipal deny catches everyone but the listed user",
        policies: &[NOT_PRINCIPAL_DENY],
        who: Who::Aws("arn:aws:iam::123456789012:user/bob"),
        action: "s3:DeleteBucket",
        resource: "arn:aws:s3:::b",
        context: &[],
        decision: Decision::ExplicitDeny,
        statement: Some("OnlyAdmin"),
    },
    EvalCase {
        name: "NotPrincipal deny spares the listed user",
        policies: &[NOT_PRINCIPAL_DENY],
        who: Who::Aws("arn:aws:iam::123456789012:user/admin"),
        action: "s3:DeleteBucket",
        resource: "arn:aws:s3:::b",
        context: &[],
        decision: Decision::Allow,
        statement: Some("#1"),
    },
    EvalCase {
        name: "identity evaluation ignores the Principal element",
        policies: &[PRINCIPAL_ACCOUNT_ROOT],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::Allow,
        statement: None,
    },
    EvalCase {
        name: "no policies at all is an implicit deny",
        policies: &[],
        who: Who::Identity,
        action: "s3:GetObject",
        resource: "arn:aws:s3:::b/k",
        context: &[],
        decision: Decision::ImplicitDeny,
        statement: None,
    },
];

fn parse_all(name: &str, docs: &[&str]) -> Vec<Policy> {
    docs.iter()
        .map(|doc| match Policy::parse(doc) {
            Ok(p) => p,
            Err(e) => panic!("{name}: fixture does not parse: {e}"),
        })
        .collect()
}

#[test]
fn evaluate_table() {
    let mut failures = Vec::new();
    for case in EVAL_CASES {
        let policies = parse_all(case.name, case.policies);
        let refs: Vec<&Policy> = policies.iter().collect();
        let context = case
            .context
            .iter()
            .fold(Context::new(), |c, (k, v)| c.with(k, v));
        let principal = case.who.principal();
        let request = Request {
            principal: principal.as_ref(),
            action: case.action,
            resource: case.resource,
            context: &context,
        };
        let got = evaluate(&refs, &request);
        let label_ok = match (case.decision, case.statement) {
            (Decision::ImplicitDeny, _) => got.statement.is_none(),
            (_, Some(want)) => got.statement.as_deref() == Some(want),
            (_, None) => got.statement.is_some(),
        };
        if got.decision != case.decision || !label_ok {
            failures.push(format!(
                "{}: expected {:?} {:?}, got {:?} {:?}",
                case.name, case.decision, case.statement, got.decision, got.statement
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// (name, bucket policy, public per the S3 Block Public Access rules)
const PUBLIC_CASES: &[(&str, &str, bool)] = &[
    ("Principal * with no condition", PRINCIPAL_STAR, true),
    (
        "Principal {AWS: *} with no condition",
        PRINCIPAL_AWS_STAR,
        true,
    ),
    (
        "Principal * limited to 10.0.0.0/8",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"#,
        false,
    ),
    (
        "Principal * limited to 0.0.0.0/1 (the guide's too-broad example)",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}}]}"#,
        true,
    ),
    (
        "one narrow and one /7 range: the broad one makes it public",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","52.0.0.0/7"]}}}]}"#,
        true,
    ),
    (
        "IPv6 range broader than /32",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"IpAddress":{"aws:SourceIp":"2001:db8::/16"}}}]}"#,
        true,
    ),
    (
        "IPv6 range of /48",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"IpAddress":{"aws:SourceIp":"2001:db8:1::/48"}}}]}"#,
        false,
    ),
    (
        "NotIpAddress does not limit who can reach it",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"#,
        true,
    ),
    (
        "fixed aws:SourceAccount",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}"#,
        false,
    ),
    (
        "aws:SourceArn with a wildcard",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudfront::123456789012:distribution/*"}}}]}"#,
        true,
    ),
    (
        "fixed aws:SourceArn",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:cloudfront::123456789012:distribution/E1ABC"}}}]}"#,
        false,
    ),
    (
        "a condition on an unrelated key (aws:UserAgent) leaves it public",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"StringEquals":{"aws:UserAgent":"curl/8.0"}}}]}"#,
        true,
    ),
    (
        "the guide's StringLike aws:SourceVpc vpc-* example",
        r#"{"Statement":[{"Principal":"*","Resource":"*","Action":"s3:PutObject","Effect":"Allow",
            "Condition":{"StringLike":{"aws:SourceVpc":"vpc-*"}}}]}"#,
        true,
    ),
    (
        "the guide's fixed aws:SourceVpc fix",
        r#"{"Statement":[{"Principal":"*","Resource":"*","Action":"s3:PutObject","Effect":"Allow",
            "Condition":{"StringEquals":{"aws:SourceVpc":"vpc-91237329"}}}]}"#,
        false,
    ),
    (
        "the guide's Federated graph.facebook.com example",
        r#"{"Statement":[{"Principal":{"Federated":"graph.facebook.com"},"Resource":"*","Action":"s3:PutObject","Effect":"Allow"}]}"#,
        true,
    ),
    (
        "fixed aws:PrincipalOrgID",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}"#,
        false,
    ),
    (
        "StringNotEquals on SourceAccount does not narrow",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"StringNotEquals":{"aws:SourceAccount":"123456789012"}}}]}"#,
        true,
    ),
    (
        "IfExists on SourceAccount passes when the key is absent",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
            "Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}]}"#,
        true,
    ),
    (
        "s3:DataAccessPointArn with a wildcard access point name in a fixed account",
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],
            "Condition":{"StringLike":{"s3:DataAccessPointArn":"arn:aws:s3:us-west-2:123456789012:accesspoint/*"}}}]}"#,
        false,
    ),
    (
        "s3:DataAccessPointArn with a wildcard account",
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],
            "Condition":{"StringLike":{"s3:DataAccessPointArn":"arn:aws:s3:us-west-2:*:accesspoint/*"}}}]}"#,
        true,
    ),
    ("a fixed account principal", PRINCIPAL_ACCOUNT_ROOT, false),
    (
        "an AWS principal ARN with a wildcard",
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
        true,
    ),
    (
        "a fixed service principal",
        r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/AWSLogs/*"}]}"#,
        false,
    ),
    (
        "Allow with NotPrincipal grants to everyone else",
        r#"{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
        true,
    ),
    (
        "a Deny-only policy grants nothing",
        r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*",
            "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
        false,
    ),
    (
        "one public statement among fixed ones makes the policy public",
        r#"{"Statement":[
            {"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","Principal":{"AWS":"210987654321"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
        true,
    ),
];

#[test]
fn is_public_table() {
    let mut failures = Vec::new();
    for (name, doc, want) in PUBLIC_CASES {
        let policy = &parse_all(name, &[doc])[0];
        let got = is_public(policy);
        if got != *want {
            failures.push(format!("{name}: expected {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

const ADMINISTRATOR_ACCESS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
const POWER_USER_ACCESS: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},
    {"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles",
        "organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}"#;

/// (name, policies attached to one identity, is it an administrator)
const ADMIN_CASES: &[(&str, &[&str], bool)] = &[
    ("AdministratorAccess", &[ADMINISTRATOR_ACCESS], true),
    ("s3:* on * is not admin", &[ALLOW_S3_ALL], false),
    ("PowerUserAccess is not admin", &[POWER_USER_ACCESS], false),
    (
        "admin plus a Deny on one action",
        &[ADMINISTRATOR_ACCESS, DENY_DELETE],
        false,
    ),
    (
        "Allow * with a condition",
        &[
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
        ],
        false,
    ),
    (
        "admin among several narrower policies",
        &[ALLOW_S3_ALL, POWER_USER_ACCESS, ADMINISTRATOR_ACCESS],
        true,
    ),
    (
        "Action * limited to S3 resources",
        &[r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::*"}]}"#],
        false,
    ),
    (
        "Action and Resource * written as lists",
        &[r#"{"Statement":{"Effect":"Allow","Action":["*"],"Resource":["*"]}}"#],
        true,
    ),
    ("no policies", &[], false),
    (
        "a bucket policy granting * to everyone makes no one's identity admin",
        &[r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#],
        false,
    ),
];

#[test]
fn allows_everything_table() {
    let mut failures = Vec::new();
    for (name, docs, want) in ADMIN_CASES {
        let policies = parse_all(name, docs);
        let refs: Vec<&Policy> = policies.iter().collect();
        let got = allows_everything(&refs);
        if got != *want {
            failures.push(format!("{name}: expected {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// The workshop's static-website bucket policy.
const WORKSHOP_BUCKET: &str = r#"{"Version":"2012-10-17","Statement":[
    {"Sid":"PublicReadGetObject","Effect":"Allow","Principal":"*","Action":"s3:GetObject",
     "Resource":["arn:aws:s3:::my-bucket-1","arn:aws:s3:::my-bucket-1/*"]}]}"#;
const INDEX: &str = "arn:aws:s3:::my-bucket-1/index.html";

/// (name, policy, action, resource, anonymous access with no condition)
const ANONYMOUS_CASES: &[(&str, &str, &str, &str, bool)] = &[
    (
        "workshop bucket policy serves index.html",
        WORKSHOP_BUCKET,
        "s3:GetObject",
        INDEX,
        true,
    ),
    (
        "the same with only the bucket ARN",
        BUCKET_ONLY,
        "s3:GetObject",
        INDEX,
        false,
    ),
    (
        "s3:Get* covers GetObject",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:Get*","Resource":"arn:aws:s3:::my-bucket-1/*"}]}"#,
        "s3:GetObject",
        INDEX,
        true,
    ),
    (
        "an Allow with a condition is not unconditional",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket-1/*",
            "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#,
        "s3:GetObject",
        INDEX,
        false,
    ),
    (
        "a conditional Deny counts as applying",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket-1/*"},
            {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::my-bucket-1/*",
             "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
        "s3:GetObject",
        INDEX,
        false,
    ),
    (
        "a Deny for one account does not reach anonymous callers",
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-bucket-1/*"},
            {"Effect":"Deny","Principal":{"AWS":"210987654321"},"Action":"s3:*","Resource":"*"}]}"#,
        "s3:GetObject",
        INDEX,
        true,
    ),
    (
        "the workshop policy does not allow uploads",
        WORKSHOP_BUCKET,
        "s3:PutObject",
        INDEX,
        false,
    ),
    (
        "{AWS: *} is anonymous too",
        PRINCIPAL_AWS_STAR,
        "s3:GetObject",
        "arn:aws:s3:::b/k",
        true,
    ),
    (
        "an account principal is not anonymous",
        PRINCIPAL_ACCOUNT_ROOT,
        "s3:GetObject",
        "arn:aws:s3:::b/k",
        false,
    ),
    (
        "an identity policy never applies to anonymous callers",
        ALLOW_S3_ALL,
        "s3:GetObject",
        "arn:aws:s3:::b/k",
        false,
    ),
];

#[test]
fn allows_anonymous_unconditionally_table() {
    let mut failures = Vec::new();
    for (name, doc, action, resource, want) in ANONYMOUS_CASES {
        let policy = &parse_all(name, &[doc])[0];
        let got = allows_anonymous_unconditionally(policy, action, resource);
        if got != *want {
            failures.push(format!("{name}: expected {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// (name, document, text the error message must contain)
const ERROR_CASES: &[(&str, &str, &str)] = &[
    ("not json", "Allow everything please", "not valid json"),
    ("empty input", "", "not valid json"),
    (
        "truncated json",
        r#"{"Statement":[{"Effect":"Allow""#,
        "not valid json",
    ),
    ("top level is a list", "[]", "expected a json object"),
    (
        "unknown Version",
        r#"{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
        "\"Version\" must be",
    ),
    (
        "statement missing",
        r#"{"Version":"2012-10-17"}"#,
        "no \"Statement\" element",
    ),
    (
        "statement is a string",
        r#"{"Statement":"Allow"}"#,
        "\"Statement\" must be an object or a list",
    ),
    (
        "Effect Permit",
        r#"{"Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}"#,
        "statement 1, effect: must be \"Allow\" or \"Deny\", found \"Permit\"",
    ),
    (
        "Effect missing in the second statement",
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Action":"s3:*","Resource":"*"}]}"#,
        "statement 2, effect: missing",
    ),
    (
        "Action missing",
        r#"{"Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
        "statement 1, action: missing",
    ),
    (
        "Action and NotAction together",
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}"#,
        "cannot both be present",
    ),
    (
        "Action is a number",
        r#"{"Statement":[{"Effect":"Allow","Action":42,"Resource":"*"}]}"#,
        "statement 1, action: expected a string or a list of strings, found a number",
    ),
    (
        "Principal written as a bare ARN",
        r#"{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::123456789012:root","Action":"s3:*","Resource":"*"}]}"#,
        "statement 1, principal:",
    ),
    (
        "unknown principal type",
        r#"{"Statement":[{"Effect":"Allow","Principal":{"User":"alice"},"Action":"s3:*","Resource":"*"}]}"#,
        "unknown principal type \"User\"",
    ),
    (
        "condition value null",
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":null}}}]}"#,
        "statement 1, condition.stringequals.aws:username: expected a string, number or boolean, found null",
    ),
];

#[test]
fn malformed_documents_are_errors() {
    let mut failures = Vec::new();
    for (name, doc, want) in ERROR_CASES {
        match Policy::parse(doc) {
            Ok(_) => failures.push(format!("{name}: parsed, expected an error")),
            Err(e) if !e.to_string().contains(want) => {
                failures.push(format!("{name}: error {e:?} does not say {want:?}"));
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn from_value_accepts_a_single_statement_object() {
    let value = serde_json::json!({
        "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}
    });
    let policy = Policy::from_value(&value).expect("a single statement object is valid");
    assert_eq!(policy.len(), 1);
}

/// Every prefix of a real policy, and odd patterns, must give a result, not a panic.
#[test]
fn no_input_panics() {
    let doc = APIGW_INVOKE;
    for end in (0..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
        let _ = Policy::parse(&doc[..end]);
    }
    let odd = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*","arn:","1234"]},
        "Action":["*?*","","${"],"Resource":["${aws:username","${}","**?","${*}"],
        "Condition":{"ForAllValues:":{"":""},"IpAddress":{"aws:SourceIp":["10.0.0.0/99","::/0","x"]},
                     "NumericEquals":{"k":"NaN"},"ArnLike":{"a":"arn:::::"}}}]}"#;
    let policy = Policy::parse(odd).expect("odd but well-formed");
    let ctx = Context::new()
        .with("aws:SourceIp", "not-an-ip")
        .with("k", "1e999")
        .with("a", "arn:aws");
    for who in [
        None,
        Some(Principal::Anonymous),
        Some(Principal::Aws(ACCOUNT_ROOT.into())),
        Some(Principal::Aws(String::new())),
        Some(Principal::Service("é".into())),
    ] {
        for (action, resource) in [("", ""), ("é:ü", "${*}"), ("s3:GetObject", "**")] {
            let request = Request {
                principal: who.as_ref(),
                action,
                resource,
                context: &ctx,
            };
            let _ = evaluate(&[&policy], &request);
            let _ = allows_anonymous_unconditionally(&policy, action, resource);
        }
    }
    let _ = is_public(&policy);
    let _ = allows_everything(&[&policy]);
}

/// Evaluation with policies that apply but could not be read: only a
/// readable explicit Deny is certain; anything else could be changed by
/// what was not read.
#[test]
fn unknown_policies_leave_only_an_explicit_deny_certain() {
    use super::decide_with_unknowns as decide;
    assert_eq!(
        decide(Decision::ExplicitDeny, true),
        Some(Decision::ExplicitDeny)
    );
    assert_eq!(decide(Decision::Allow, true), None);
    assert_eq!(decide(Decision::ImplicitDeny, true), None);
    assert_eq!(decide(Decision::Allow, false), Some(Decision::Allow));
    assert_eq!(
        decide(Decision::ImplicitDeny, false),
        Some(Decision::ImplicitDeny)
    );
}
