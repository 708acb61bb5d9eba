//! The check catalog: every kind a lab can use, and the results they make.
//! `src/engine` runs a planned lab with them.
//!
//! A check kind is a pure function from the account model and its resolved
//! arguments to an outcome: it never knows which source filled the model, and
//! it never prints. Labs (data) pick kinds by name and supply the arguments.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::account::Account;
use crate::lang::Text;

mod apigateway;
pub mod args;
mod dynamodb;
mod ec2;
mod elb;
mod finding;
mod iam;
mod lambda;
mod probe;
pub mod record;
pub(crate) mod s3;
mod sns;
mod support;
// serverless-backend
mod apigateway_logs;
mod least_privilege;
mod logs;

pub use args::{ArgSpec, ArgsError};
pub use finding::{Finding, PROBE_NOT_RUN};

/// What a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    /// Verified wrong or missing.
    Fail,
    /// The resource exists but is still settling (a table CREATING).
    Pending,
    /// Could not verify, with why (access denied, unreadable).
    Error,
    /// Not run: a check it depends on did not pass, or a probe cannot run here.
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Pending => "pending",
            Status::Error => "error",
            Status::Skipped => "skipped",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        [
            Status::Pass,
            Status::Fail,
            Status::Pending,
            Status::Error,
            Status::Skipped,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// A check's verdict and what explains it: a finding (a code and its
/// arguments), which `src/report` renders as a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub finding: Finding,
}

impl Outcome {
    pub fn pass(finding: Finding) -> Outcome {
        Outcome {
            status: Status::Pass,
            finding,
        }
    }
    pub fn fail(finding: Finding) -> Outcome {
        Outcome {
            status: Status::Fail,
            finding,
        }
    }
    pub fn pending(finding: Finding) -> Outcome {
        Outcome {
            status: Status::Pending,
            finding,
        }
    }
    pub fn error(finding: Finding) -> Outcome {
        Outcome {
            status: Status::Error,
            finding,
        }
    }
    pub fn skipped(finding: Finding) -> Outcome {
        Outcome {
            status: Status::Skipped,
            finding,
        }
    }
}

/// What a check kind is given: the account and its arguments, placeholders
/// filled.
pub struct Ctx<'a> {
    pub account: &'a Account,
    args: BTreeMap<String, String>,
}

impl<'a> Ctx<'a> {
    pub fn new(account: &'a Account, args: BTreeMap<String, String>) -> Ctx<'a> {
        Ctx { account, args }
    }

    /// The arguments as the kind's struct (see `args!`). Lab validation
    /// makes a refusal impossible for a lab that linted; it is an `error`,
    /// not a panic, all the same.
    pub fn args<A: serde::de::DeserializeOwned>(&self) -> Result<A, Outcome> {
        args::parse(&self.args)
            .map_err(|e| Outcome::error(crate::finding!("engine.arguments-invalid", error = e)))
    }
}

/// One entry of the catalog.
pub struct Kind {
    pub name: &'static str,
    /// What it takes under `with`: its argument struct's `SPEC`.
    pub args: ArgSpec,
    /// Probes make network requests on a live account; they may be skipped
    /// without failing a lab.
    pub probe: bool,
    /// What it reads from the account, so a live source reads what a lab
    /// needs and no more.
    pub reads: &'static [Read],
    pub run: fn(&Ctx<'_>) -> Outcome,
}

/// One thing a check kind reads, naming the arguments that say which.
#[derive(Debug, Clone, Copy)]
pub enum Read {
    Caller,
    Users,
    Role(&'static str),
    Table(&'static str),
    TableItems(&'static str),
    Function(&'static str),
    Api(&'static str),
    Bucket(&'static str),
    Object {
        bucket: &'static str,
        key: &'static str,
    },
    /// GET on the invoke URL of the `api`, `stage` and `path` arguments.
    ApiProbe,
    /// GET on the website endpoint of the `bucket` argument.
    WebsiteProbe,
    /// GET on the DNS name of the load balancers the `alb` argument names.
    AlbProbe,
    /// GET over HTTPS for the `domain` argument (or the listener's
    /// certificate's) at the load balancers the `alb` argument names.
    AlbHttpsProbe,
    /// A CloudWatch Logs log group, and its latest stream.
    LogGroup(&'static str),
    /// API Gateway's account settings, and the role they name.
    ApiGatewayAccount,
    /// The instances whose Name tag matches the argument, with their
    /// network and instance profile.
    Instance(&'static str),
    /// The load balancers whose name matches the argument, with listeners,
    /// target groups, target health and security groups.
    LoadBalancer(&'static str),
    /// The Auto Scaling groups whose name matches the argument, with their
    /// policies and launch template.
    AutoScalingGroup(&'static str),
    /// The region's ACM certificates.
    Certificates,
    /// An SNS topic with its subscriptions.
    Topic(&'static str),
    /// A function's execution role with its policies, and the ARNs in its
    /// environment.
    FunctionRole(&'static str),
    /// A bucket's event notifications.
    BucketNotifications(&'static str),
    /// An object's ACL and its bucket's Object Ownership.
    ObjectAcl {
        bucket: &'static str,
        key: &'static str,
    },
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Kind {
    pub fn describe_params(&self) -> String {
        let mut all: Vec<String> = self
            .args
            .params
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        all.extend(self.args.optional.iter().map(|p| format!("{p} (optional)")));
        if all.is_empty() {
            "no parameters".to_string()
        } else {
            all.join(", ")
        }
    }
}

/// Every check kind labs can use.
pub static CATALOG: &[Kind] = &[
    iam::CALLER_NOT_ROOT,
    iam::ADMIN_USER_EXISTS,
    iam::ROLE_TRUSTS_SERVICE,
    iam::ROLE_ALLOWS,
    dynamodb::TABLE_EXISTS,
    dynamodb::TABLE_ACTIVE,
    dynamodb::PARTITION_KEY,
    dynamodb::HAS_ITEMS,
    lambda::FUNCTION_EXISTS,
    lambda::RUNTIME,
    lambda::EXECUTION_ROLE,
    lambda::INVOKE_PERMISSION,
    apigateway::API_EXISTS,
    apigateway::METHOD_EXISTS,
    apigateway::LAMBDA_PROXY,
    apigateway::RESPONSE_HEADER,
    apigateway::STAGE_DEPLOYED,
    s3::BUCKET_EXISTS,
    s3::PUBLIC_POLICY_ALLOWED,
    s3::WEBSITE_INDEX,
    s3::OBJECT_EXISTS,
    s3::PUBLIC_READ,
    s3::OBJECT_CALLS_API,
    probe::API_INVOKE,
    probe::WEBSITE,
    probe::ALB,
    probe::ALB_HTTPS,
    // serverless-backend
    least_privilege::CUSTOMER_POLICY_ALLOWS,
    least_privilege::LEAST_PRIVILEGE,
    logs::LOG_GROUP_EXISTS,
    logs::LOG_STREAM_EXISTS,
    apigateway_logs::ENDPOINT_TYPE,
    apigateway_logs::STAGE_LOGGING,
    apigateway_logs::ACCOUNT_LOGS_ROLE,
    apigateway_logs::ACCOUNT_LOGS_ROLE_TRUSTS,
    apigateway_logs::ACCOUNT_LOGS_ROLE_ALLOWS,
    ec2::INSTANCE_RUNNING,
    ec2::NO_INTERNET_ROUTE,
    ec2::S3_GATEWAY_ENDPOINT,
    ec2::ENDPOINT_ROUTE,
    ec2::ENDPOINT_ALLOWS,
    ec2::INSTANCE_PROFILE,
    ec2::INSTANCE_ROLE_TRUSTS,
    ec2::INSTANCE_ROLE_ALLOWS,
    ec2::OBJECT_UPLOADED,
    elb::TARGET_GROUP,
    elb::LOAD_BALANCER,
    elb::ALB_PORT_OPEN,
    elb::INSTANCES_FROM_ALB,
    elb::LISTENER_FORWARDS,
    elb::LAUNCH_TEMPLATE,
    elb::ASG_USES_TEMPLATE,
    elb::ASG_ATTACHED,
    elb::ASG_CPU_POLICY,
    elb::TARGETS_HEALTHY,
    elb::CERTIFICATE_ISSUED,
    elb::HTTPS_LISTENER,
    sns::TOPIC_EXISTS,
    sns::EMAIL_CONFIRMED,
    sns::ROLE_MAY_PUBLISH,
    sns::ENV_HAS_TOPIC,
    sns::S3_TRIGGER,
    sns::S3_INVOKE_PERMISSION,
    sns::OBJECT_ACL_PUBLIC_READ,
];

pub fn kind(name: &str) -> Option<&'static Kind> {
    CATALOG.iter().find(|k| k.name == name)
}

pub fn kind_names() -> Vec<&'static str> {
    CATALOG.iter().map(|k| k.name).collect()
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub id: String,
    pub title: Text,
    pub status: Status,
    /// What was found, as a code and arguments; `src/report` renders it.
    pub finding: Finding,
    pub hint: Text,
    /// Points earned.
    pub points: u32,
    pub max_points: u32,
    /// False for a probe that could not run here: it neither passes nor
    /// fails the lab and is left out of the score.
    pub counted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepResult {
    pub id: String,
    pub title: Text,
    pub status: Status,
    pub checks: Vec<CheckResult>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub earned: u32,
    pub possible: u32,
    pub passed: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabResult {
    pub steps: Vec<StepResult>,
    pub score: Score,
    /// What the engine did that the learner should know (which of two
    /// REST APIs named `my-api` it checked), as findings to render.
    pub notes: Vec<Finding>,
}

impl LabResult {
    pub fn checks(&self) -> impl Iterator<Item = &CheckResult> {
        self.steps.iter().flat_map(|s| s.checks.iter())
    }

    pub fn check(&self, id: &str) -> Option<&CheckResult> {
        self.checks().find(|c| c.id == id)
    }
}
