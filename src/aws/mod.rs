//! The live source: reads a real AWS account (or an emulator standing in for
//! one) through the AWS SDK for Rust into the account model. This is the only
//! code that calls AWS, and it only reads: every operation it may call is in
//! `docs/iam/labcheck-readonly.json`.
//!
//! It reads what the lab needs (`account::Needs`) and no more. Independent
//! reads run at once; dependent ones (a role, then its policies, then their
//! documents) chain.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sts::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::{HttpResponse, Metadata};

use crate::account::{Account, Caller, Evidence, Needs, ProbeSkip, Unreadable};

#[cfg(test)]
mod tests;

/// Every item of a paginated list operation, or none when it is refused or
/// missing (recorded as `fetch` records it).
macro_rules! paged {
    ($live:expr, $request:expr, $action:expr, $resource:expr) => {{
        let result = $request
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await;
        $live.fetch($action, $resource, result)?.unwrap_or_default()
    }};
}

mod apigateway;
mod dynamodb;
#[cfg(feature = "ec2")]
mod ec2;
#[cfg(feature = "ec2")]
mod elb;
mod error;
mod iam;
mod lambda;
mod logs;
mod probe;
mod regions;
mod s3;
mod sns;

pub use error::AwsError;
use error::{Fetch, fetch};

/// How to reach the account.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub profile: Option<String>,
    /// `--region`; else AWS_REGION or the profile's; else `lab_region`.
    pub region: Option<String>,
    pub lab_region: String,
    /// `--endpoint-url` (AWS_ENDPOINT_URL is read by the SDK itself).
    pub endpoint_url: Option<String>,
    /// False with `--no-probe`.
    pub probe: bool,
    /// Retry backoff base; tests shorten it.
    pub retry_base: Option<Duration>,
}

/// Every SDK client, configured once, cheap to clone into concurrent tasks.
#[derive(Clone)]
pub struct Live {
    sdk: SdkConfig,
    sts: aws_sdk_sts::Client,
    iam: aws_sdk_iam::Client,
    dynamodb: aws_sdk_dynamodb::Client,
    lambda: aws_sdk_lambda::Client,
    apigateway: aws_sdk_apigateway::Client,
    s3: aws_sdk_s3::Client,
    s3control: aws_sdk_s3control::Client,
    logs: aws_sdk_cloudwatchlogs::Client,
    #[cfg(feature = "ec2")]
    ec2: aws_sdk_ec2::Client,
    #[cfg(feature = "ec2")]
    elbv2: aws_sdk_elasticloadbalancingv2::Client,
    #[cfg(feature = "ec2")]
    autoscaling: aws_sdk_autoscaling::Client,
    #[cfg(feature = "ec2")]
    acm: aws_sdk_acm::Client,
    sns: aws_sdk_sns::Client,
    endpoint: Option<String>,
    probe: bool,
    /// Whether a missing table or function is looked for in other regions.
    other_regions: bool,
    log: Arc<CallLog>,
    /// Lookups refused so far, for `Account::unreadable`.
    refused: Arc<Mutex<BTreeSet<Unreadable>>>,
}

/// Records every operation called, for `--verbose` and for the least
/// privilege policy test.
#[derive(Debug, Default)]
pub struct CallLog {
    calls: Mutex<Vec<Call>>,
}

/// One operation called: the IAM action that authorizes it and, where the
/// action alone does not say what was read (API Gateway's `GET`), the path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Call {
    pub action: String,
    pub resource: Option<String>,
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.resource {
            Some(resource) => write!(f, "{} on {resource}", self.action),
            None => write!(f, "{}", self.action),
        }
    }
}

impl Intercept for CallLog {
    fn name(&self) -> &'static str {
        "labcheck-call-log"
    }

    // Once per operation, after serialization (so the request's path is
    // known) and before the retry loop, so retries are not counted again.
    fn read_after_serialization(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(meta) = cfg.load::<Metadata>()
            && let Ok(mut calls) = self.calls.lock()
        {
            let action = iam_action(meta.service(), meta.name());
            let resource = action
                .starts_with("apigateway:")
                .then(|| request_path(context.request().uri()));
            calls.push(Call { action, resource });
        }
        Ok(())
    }
}

/// The path of a request URI, without scheme, host or query.
fn request_path(uri: &str) -> String {
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = if uri.contains("://") {
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    } else {
        after_scheme
    };
    path.split('?').next().unwrap_or(path).to_string()
}

/// The IAM action that authorizes an SDK operation.
pub fn iam_action(service: &str, operation: &str) -> String {
    let service = service.to_ascii_lowercase().replace([' ', '-'], "");
    // IAM names the v2 API by the service's prefix.
    let service = match service.as_str() {
        "elasticloadbalancingv2" => "elasticloadbalancing".to_string(),
        _ => service,
    };
    let action = match (service.as_str(), operation) {
        ("apigateway", _) => "apigateway:GET",
        ("s3", "ListBuckets") => "s3:ListAllMyBuckets",
        ("s3", "ListObjectsV2") => "s3:ListBucket",
        ("s3", "GetObject" | "HeadObject") => "s3:GetObject",
        ("s3", "GetPublicAccessBlock") => "s3:GetBucketPublicAccessBlock",
        ("s3control", "GetPublicAccessBlock") => "s3:GetAccountPublicAccessBlock",
        // The SDK's "CloudWatch Logs" is IAM's `logs:`.
        ("cloudwatchlogs", _) => return format!("logs:{operation}"),
        ("s3", "GetBucketNotificationConfiguration") => "s3:GetBucketNotification",
        _ => "",
    };
    if action.is_empty() {
        format!("{service}:{operation}")
    } else {
        action.to_string()
    }
}

impl Live {
    /// Loads credentials and region the standard way (environment, shared
    /// files, SSO, container and instance roles) and builds the clients.
    pub async fn connect(options: &Options) -> Result<Live, AwsError> {
        if let Some(profile) = &options.profile {
            profile_exists(profile)?;
        }
        let region = RegionProviderChain::first_try(options.region.clone().map(Region::new))
            .or_default_provider()
            .or_else(Region::new(options.lab_region.clone()));
        // Standard mode, five attempts; a shorter first backoff than the
        // SDK's 1 s keeps a student at a dead network from waiting long.
        let base = options.retry_base.unwrap_or(Duration::from_millis(500));
        let retry = RetryConfig::standard()
            .with_max_attempts(5)
            .with_initial_backoff(base);
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(region)
            .retry_config(retry)
            .timeout_config(attempt_timeouts());
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let sdk = loader.load().await;
        Ok(Live::from_config(sdk, options.probe))
    }

    /// Builds the clients from a loaded configuration (tests give their own).
    pub fn from_config(sdk: SdkConfig, probe: bool) -> Live {
        let log = Arc::new(CallLog::default());
        let endpoint = sdk.endpoint_url().map(str::to_string);
        macro_rules! client {
            ($krate:ident) => {{
                let config = $krate::config::Builder::from(&sdk)
                    .interceptor(SharedLog(log.clone()))
                    .build();
                $krate::Client::from_conf(config)
            }};
        }
        let s3 = {
            // An emulator answers at one host: address buckets by path.
            let config = aws_sdk_s3::config::Builder::from(&sdk)
                .interceptor(SharedLog(log.clone()))
                .force_path_style(endpoint.is_some())
                .build();
            aws_sdk_s3::Client::from_conf(config)
        };
        let s3control = s3::control_client(&sdk, endpoint.as_deref(), SharedLog(log.clone()));
        Live {
            sts: client!(aws_sdk_sts),
            iam: client!(aws_sdk_iam),
            dynamodb: client!(aws_sdk_dynamodb),
            lambda: client!(aws_sdk_lambda),
            apigateway: client!(aws_sdk_apigateway),
            s3,
            s3control,
            logs: client!(aws_sdk_cloudwatchlogs),
            #[cfg(feature = "ec2")]
            ec2: client!(aws_sdk_ec2),
            #[cfg(feature = "ec2")]
            elbv2: client!(aws_sdk_elasticloadbalancingv2),
            #[cfg(feature = "ec2")]
            autoscaling: client!(aws_sdk_autoscaling),
            #[cfg(feature = "ec2")]
            acm: client!(aws_sdk_acm),
            sns: client!(aws_sdk_sns),
            endpoint,
            probe,
            other_regions: true,
            log,
            refused: Arc::default(),
            sdk,
        }
    }

    /// The endpoint standing in for AWS, if any.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    pub fn region(&self) -> String {
        self.sdk
            .region()
            .map(std::string::ToString::to_string)
            .unwrap_or_default()
    }

    /// The IAM actions of every call made so far, in order.
    pub fn calls(&self) -> Vec<String> {
        self.call_log().into_iter().map(|c| c.action).collect()
    }

    /// Every call made so far, with its resource where that matters.
    pub fn call_log(&self) -> Vec<Call> {
        self.log.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// Records a refused lookup, so the checks that needed it say `error`.
    pub(crate) fn refuse(&self, action: &str, resource: &str, reason: &str) {
        if let Ok(mut refused) = self.refused.lock() {
            refused.insert(Unreadable::new(action, resource, reason));
        }
    }

    /// Reads one lookup's outcome. A refusal is recorded against `resource`
    /// (empty: everything `action` reads) and the value is left out: the
    /// account model reports it through `Account::lookup`.
    pub(crate) fn fetch<T, E>(
        &self,
        action: &str,
        resource: &str,
        result: Result<T, aws_sdk_sts::error::SdkError<E, HttpResponse>>,
    ) -> Result<Option<T>, AwsError>
    where
        E: aws_sdk_sts::error::ProvideErrorMetadata + std::error::Error + 'static,
    {
        match fetch(action, self.endpoint.as_deref(), result)? {
            Fetch::Got(value) => Ok(Some(value)),
            Fetch::NotFound => Ok(None),
            Fetch::Denied(reason) => {
                self.refuse(action, resource, &reason);
                Ok(None)
            }
        }
    }

    /// Reads one value inside a resource (a bucket's policy, an inline
    /// policy's document): a refusal stays with the value, as evidence.
    pub(crate) fn evidence<T, E>(
        &self,
        action: &str,
        resource: &str,
        result: Result<T, aws_sdk_sts::error::SdkError<E, HttpResponse>>,
    ) -> Result<Evidence<T>, AwsError>
    where
        E: aws_sdk_sts::error::ProvideErrorMetadata + std::error::Error + 'static,
    {
        Ok(match fetch(action, self.endpoint.as_deref(), result)? {
            Fetch::Got(value) => Evidence::Got(value),
            Fetch::NotFound => Evidence::Absent,
            Fetch::Denied(reason) => {
                Evidence::Unreadable(Unreadable::new(action, resource, &reason))
            }
        })
    }

    /// Who the credentials are, for `grade --check-access`.
    pub async fn whoami(&self) -> Result<String, AwsError> {
        let (account, arn) = self.identity().await?;
        Ok(format!("{arn} (account {account})"))
    }

    /// The account id and the caller's ARN.
    async fn identity(&self) -> Result<(String, String), AwsError> {
        let result = self.sts.get_caller_identity().send().await;
        match fetch("sts:GetCallerIdentity", self.endpoint.as_deref(), result)? {
            Fetch::Got(identity) => Ok((
                identity.account().unwrap_or_default().to_string(),
                identity.arn().unwrap_or_default().to_string(),
            )),
            _ => Err(AwsError::BadCredentials {
                code: "GetCallerIdentity".into(),
                message: "the caller's identity could not be read".into(),
            }),
        }
    }

    /// Reads everything `needs` asks for into an account model, telling
    /// `progress` as each service starts and finishes.
    pub async fn read(
        &self,
        needs: &Needs,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Account, AwsError> {
        // A build without the EC2 clients still runs these labs on the
        // simulator; a live read of one says what is missing, up front.
        #[cfg(not(feature = "ec2"))]
        if needs.ec2() {
            return Err(AwsError::FeatureMissing {
                feature: "ec2".into(),
            });
        }
        // Only S3 Control needs the account id before it can ask, so the
        // identity is read beside everything else rather than before it.
        let identity = tokio::sync::OnceCell::new();
        let caller = || identity.get_or_try_init(|| self.identity());
        // Every service's part, read at once. A new service is one entry
        // here (its module's read, and where its answer goes in the model).
        let account_id = async { caller().await.map(|(id, _)| id.clone()) };
        let parts: Vec<(&'static str, Part<'_>)> = vec![
            ("iam", part(iam::read(self, needs), |a, v| a.iam = v)),
            (
                "dynamodb",
                part(dynamodb::read(self, needs), |a, v| a.dynamodb = v),
            ),
            (
                "lambda",
                part(lambda::read(self, needs), |a, v| a.lambda = v),
            ),
            (
                "apigateway",
                part(apigateway::read(self, needs), |a, (apis, duplicates)| {
                    (a.apigateway, a.duplicate_apis) = (apis, duplicates);
                }),
            ),
            (
                "s3",
                part(s3::read(self, needs, account_id), |a, v| a.s3 = v),
            ),
            // After "iam": the role API Gateway's settings name joins its roles.
            (
                "logs",
                part(logs::read(self, needs), |a, v| {
                    a.logs = v.groups;
                    a.apigateway_account = v.apigateway_account;
                    a.iam.roles.extend(v.roles);
                    a.iam.policies.extend(v.policies);
                }),
            ),
            // After "iam": it adds the roles of instance profiles to a.iam.
            #[cfg(feature = "ec2")]
            ("ec2", part(ec2::read(self, needs), put_ec2)),
            // After "ec2": it adds security groups and launch templates.
            #[cfg(feature = "ec2")]
            ("elb", part(elb::read(self, needs), put_elb)),
            // After lambda and iam: it adds to what they put.
            ("sns", part(sns::read(self, needs), |a, v| v.put(a))),
        ];
        // The first read that cannot go on (no credentials, no network) ends
        // them all, rather than each retrying its way to the same answer.
        let (me, parts) = tokio::try_join!(
            caller(),
            futures_util::future::try_join_all(
                parts
                    .into_iter()
                    .map(|(key, read)| reported(key, progress, read))
            ),
        )?;
        let (account_id, arn) = me.clone();
        let mut account = Account {
            account_id,
            region: self.region(),
            caller: Caller { arn },
            ..Account::default()
        };
        for put in parts {
            put(&mut account);
        }

        if self.other_regions {
            let elsewhere = regions::elsewhere(self, needs, &account);
            // Beside what the parts found elsewhere themselves (certificates).
            let found = reported("regions", progress, elsewhere).await;
            account.elsewhere.extend(found);
        }
        account.probes = if !self.probe {
            probe::skipped(ProbeSkip::NoProbe)
        } else if let Some(endpoint) = &self.endpoint {
            probe::skipped(ProbeSkip::Endpoint(endpoint.clone()))
        } else {
            reported("probes", progress, probe::run(needs, &account)).await
        };
        account.unreadable = self
            .refused
            .lock()
            .map(|d| d.iter().cloned().collect())
            .unwrap_or_default();
        Ok(account)
    }
}

/// The EC2 part's answer: its model, and the roles found from instances
/// beside the ones the lab named.
#[cfg(feature = "ec2")]
fn put_ec2(account: &mut Account, read: ec2::Read) {
    account.ec2 = read.ec2;
    for (name, role) in read.roles {
        account.iam.roles.entry(name).or_insert(role);
    }
    for (arn, policy) in read.policies {
        account.iam.policies.entry(arn).or_insert(policy);
    }
}

/// The load-balancing part's answer, and the EC2 resources it uses.
#[cfg(feature = "ec2")]
fn put_elb(account: &mut Account, read: elb::Read) {
    account.elb = read.elb;
    account.ec2.security_groups.extend(read.security_groups);
    account.ec2.launch_templates.extend(read.launch_templates);
    account.elsewhere.extend(read.elsewhere);
}

/// One service's read, giving what to put into the account model.
type Part<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Put, AwsError>> + Send + 'a>>;
type Put = Box<dyn FnOnce(&mut Account) + Send>;

/// A service's read and where its answer goes, as one `Part`.
fn part<'a, T: Send + 'static>(
    read: impl std::future::Future<Output = Result<T, AwsError>> + Send + 'a,
    put: fn(&mut Account, T),
) -> Part<'a> {
    Box::pin(async move {
        let value = read.await?;
        Ok(Box::new(move |account: &mut Account| put(account, value)) as Put)
    })
}

/// Bounds on each attempt of a call, so that an endpoint that accepts a
/// connection and never answers fails the attempt (and, after the retries,
/// the read) instead of holding it for ever. The whole read is bounded
/// again by `--timeout`.
fn attempt_timeouts() -> aws_config::timeout::TimeoutConfig {
    aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(10))
        .operation_attempt_timeout(Duration::from_secs(15))
        .build()
}

/// The instructor's own credentials and settings, from which every
/// student's role is assumed (the endpoint applies to STS AssumeRole too).
#[derive(Clone, Debug)]
pub struct Instructor {
    sdk: SdkConfig,
}

impl Instructor {
    pub async fn connect(options: &Options) -> Instructor {
        let region = options
            .region
            .clone()
            .unwrap_or_else(|| options.lab_region.clone());
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(region))
            .retry_config(RetryConfig::standard().with_max_attempts(5))
            .timeout_config(attempt_timeouts());
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        Instructor {
            sdk: loader.load().await,
        }
    }

    /// A live source whose credentials come from assuming a student's role
    /// (lazily: a role that cannot be assumed fails the first read).
    pub async fn assume(
        &self,
        role_arn: &str,
        external_id: Option<&str>,
        session_name: &str,
        probe: bool,
    ) -> Live {
        let mut provider = aws_config::sts::AssumeRoleProvider::builder(role_arn)
            .session_name(session_name)
            .configure(&self.sdk);
        if let Some(external_id) = external_id {
            provider = provider.external_id(external_id);
        }
        let provider = provider.build().await;
        let config = self
            .sdk
            .to_builder()
            .credentials_provider(aws_sdk_sts::config::SharedCredentialsProvider::new(
                provider,
            ))
            .build();
        Live::from_config(config, probe)
    }
}

/// A named profile must be in the shared config or credentials file; the
/// SDK would otherwise fall through to other sources and blame those.
fn profile_exists(name: &str) -> Result<(), AwsError> {
    let home = std::env::var("HOME").unwrap_or_default();
    let files = [
        std::env::var("AWS_CONFIG_FILE").unwrap_or_else(|_| format!("{home}/.aws/config")),
        std::env::var("AWS_SHARED_CREDENTIALS_FILE")
            .unwrap_or_else(|_| format!("{home}/.aws/credentials")),
    ];
    let found = files
        .iter()
        .any(|f| std::fs::read_to_string(f).is_ok_and(|text| declares_profile(&text, name)));
    if found {
        Ok(())
    } else {
        Err(AwsError::UnknownProfile {
            name: name.to_string(),
            files: files.join(" or "),
        })
    }
}

/// Whether a config or credentials file has a section for the profile:
/// `[profile NAME]` in config, `[NAME]` in credentials (and `[default]`).
fn declares_profile(text: &str, name: &str) -> bool {
    let wanted = [format!("[profile {name}]"), format!("[{name}]")];
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .any(|l| wanted.contains(&l))
}

/// What `Live::read` is doing, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Reading(&'static str),
    Done(&'static str),
}

async fn reported<T>(
    what: &'static str,
    progress: &(dyn Fn(Progress) + Sync),
    work: impl std::future::Future<Output = T>,
) -> T {
    progress(Progress::Reading(what));
    let result = work.await;
    progress(Progress::Done(what));
    result
}

/// The call log as each client's interceptor.
#[derive(Debug, Clone)]
struct SharedLog(Arc<CallLog>);

impl Intercept for SharedLog {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn read_after_serialization(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.read_after_serialization(context, components, cfg)
    }
}

/// Runs tasks at once and returns their results in order.
pub(crate) async fn all<T, F>(futures: Vec<F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let mut set = tokio::task::JoinSet::new();
    for (i, f) in futures.into_iter().enumerate() {
        set.spawn(async move { (i, f.await) });
    }
    let mut out: Vec<(usize, T)> = Vec::new();
    while let Some(done) = set.join_next().await {
        // A task only panics on a bug; its result is then missing.
        if let Ok(pair) = done {
            out.push(pair);
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, t)| t).collect()
}

/// IAM returns policy documents URL-encoded (RFC 3986).
pub(crate) fn url_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod profile_tests {
    use super::declares_profile;

    #[test]
    fn a_profile_is_found_in_either_file_form_and_not_by_prefix() {
        let config = "[default]\nregion = ap-northeast-2\n\n[profile  student]\nsso_session = x\n";
        assert!(declares_profile(config, "student"));
        assert!(declares_profile(config, "default"));
        assert!(!declares_profile(config, "stud"));
        assert!(!declares_profile(
            "[instructor]\naws_access_key_id = A\n",
            "student"
        ));
        assert!(declares_profile(
            "[student]\naws_access_key_id = A\n",
            "student"
        ));
    }
}
