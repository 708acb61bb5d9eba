//! The account model: what labcheck knows about one AWS account in one region,
//! whichever source filled it (the simulator, a live account, a snapshot).
//!
//! Its serde form is the simulator's fixture format (`fixtures/README.md`), so
//! a snapshot of a live account is a fixture and a fixture is a snapshot. Field
//! names follow the AWS APIs where they can, in snake_case.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub mod ec2;
pub mod elb;
mod evidence;
mod logs;
mod sns;

pub use ec2::Ec2;
pub use elb::Elb;
pub use evidence::{Evidence, Unreadable};
pub use logs::{ApiGatewayAccount, LogGroup, LogStream, MethodSetting};
pub use sns::{
    ALL_USERS_URI, AUTHENTICATED_USERS_URI, BUCKET_OWNER_ENFORCED, Grant, LambdaTrigger,
    Notifications, Sns, Subscription, Topic, arn_variables, mask_email, mask_endpoint,
};

/// One account as seen from one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Account {
    /// What this file is and the verdict it must produce (fixtures only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixture: Option<FixtureInfo>,
    pub account_id: String,
    pub region: String,
    /// The identity whose credentials were used (`sts:GetCallerIdentity`).
    pub caller: Caller,
    pub iam: Iam,
    /// DynamoDB tables by name.
    pub dynamodb: BTreeMap<String, Table>,
    /// Lambda functions by name.
    pub lambda: BTreeMap<String, Function>,
    /// API Gateway REST APIs by name. AWS allows several APIs with one
    /// name: the first is here, the others in `duplicate_apis`, and the
    /// engine binds the one the lab's checks fit best.
    pub apigateway: BTreeMap<String, RestApi>,
    /// The other REST APIs with a name in `apigateway`, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub duplicate_apis: BTreeMap<String, Vec<RestApi>>,
    pub s3: S3,
    /// What the HTTP probes saw.
    pub probes: Probes,
    /// Lookups that could not be made (a refused `dynamodb:DescribeTable` of
    /// one table, a refused `iam:ListUsers`). A value read inside a resource
    /// carries its own `Evidence` instead; these are the reads whose answer
    /// would have said whether a resource is there at all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Unreadable>,
    /// Where resources the lab looks for were found in other regions, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub elsewhere: BTreeMap<String, String>,
    /// CloudWatch Logs log groups the lab names, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub logs: BTreeMap<String, LogGroup>,
    /// API Gateway's account settings in this region, when a lab reads them.
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub apigateway_account: Evidence<ApiGatewayAccount>,
    /// Instances and their network (the EC2 labs).
    #[serde(skip_serializing_if = "Ec2::is_empty")]
    pub ec2: Ec2,
    /// Load balancers, Auto Scaling groups and certificates (the ALB lab).
    #[serde(skip_serializing_if = "Elb::is_empty")]
    pub elb: Elb,
    /// SNS topics (the `sns-notify` lab).
    #[serde(skip_serializing_if = "Sns::is_empty")]
    pub sns: Sns,
}

/// Metadata a fixture carries about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FixtureInfo {
    /// One line: the mistake this account shows.
    pub description: String,
    /// A fixture of the same lab (or a path relative to this file) this one
    /// starts from: its tables are merged under this file's, key by key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Dotted paths to delete from what `extends` brought
    /// (`"s3.buckets.my-bucket-1.website"`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    /// The verdict this account must produce; `cargo test` asserts it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
}

/// The expected verdict of a fixture: every check not listed must pass.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Expect {
    pub exit_code: u8,
    /// Check id → expected status for the checks that do not pass.
    pub status: BTreeMap<String, String>,
    /// Check id → the finding code the check must report
    /// (`dynamodb.partition-key.mismatch`).
    pub code: BTreeMap<String, String>,
    /// Check id → arguments its finding must have, with these values
    /// (`{ status = "502" }`); others are not compared.
    pub args: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Caller {
    /// The caller's ARN: `arn:aws:iam::123456789012:root` for the root user.
    pub arn: String,
}

impl Caller {
    pub fn is_root(&self) -> bool {
        self.arn.starts_with("arn:aws") && self.arn.ends_with(":root")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Iam {
    pub users: BTreeMap<String, User>,
    pub groups: BTreeMap<String, Group>,
    pub roles: BTreeMap<String, Role>,
    /// Managed policy documents by ARN. The simulator fills in the AWS
    /// managed policies a fixture attaches without defining them.
    pub policies: BTreeMap<String, Evidence<ManagedPolicy>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct User {
    pub arn: String,
    pub groups: Vec<String>,
    /// ARNs of attached managed policies.
    pub attached_policies: Vec<String>,
    /// Inline policies: name → JSON document.
    pub inline_policies: BTreeMap<String, Evidence<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Group {
    pub attached_policies: Vec<String>,
    pub inline_policies: BTreeMap<String, Evidence<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Role {
    pub arn: String,
    /// The trust policy (AssumeRolePolicyDocument), JSON.
    pub trust_policy: String,
    pub attached_policies: Vec<String>,
    pub inline_policies: BTreeMap<String, Evidence<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ManagedPolicy {
    pub name: String,
    /// The default version's document, JSON.
    pub document: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Table {
    pub arn: String,
    /// CREATING, ACTIVE, UPDATING, DELETING, ...
    pub status: String,
    pub partition_key: Option<KeyAttribute>,
    pub sort_key: Option<KeyAttribute>,
    /// Items seen: 0 or at least 1 (a live source scans with Limit 1, since
    /// DescribeTable's ItemCount lags by hours).
    pub item_count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeyAttribute {
    pub name: String,
    /// S, N or B.
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Function {
    pub arn: String,
    pub runtime: String,
    /// The execution role's ARN.
    pub role: String,
    /// Pending, Active, Inactive, Failed.
    pub state: String,
    /// The function's resource-based policy, JSON, if it has one.
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub resource_policy: Evidence<String>,
    /// What the function's code answers when invoked through a proxy
    /// integration (simulator only: a live account is probed instead).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responds: Option<HttpResponse>,
    /// The environment variables whose values are ARNs (others are not
    /// kept), read only for the functions a lab asks about.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RestApi {
    pub id: String,
    /// Resources by path ("/", "/members").
    pub resources: BTreeMap<String, ApiResource>,
    /// Stages by name.
    pub stages: BTreeMap<String, Stage>,
    /// EDGE, REGIONAL or PRIVATE (endpointConfiguration.types).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub endpoint_types: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiResource {
    /// Methods by HTTP verb (GET, OPTIONS, ...).
    pub methods: BTreeMap<String, Method>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Method {
    /// NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS.
    pub authorization: String,
    pub integration: Option<Integration>,
    /// Headers the 200 integration response sets, as API Gateway stores them
    /// (`Access-Control-Allow-Origin = "'*'"`, quotes included).
    pub response_headers: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Integration {
    /// AWS_PROXY, AWS, MOCK, HTTP, HTTP_PROXY.
    #[serde(rename = "type")]
    pub kind: String,
    /// For Lambda: `arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations`.
    pub uri: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stage {
    pub deployment_id: String,
    /// Method settings by `resource/VERB`, `*/*` for the whole stage.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub method_settings: BTreeMap<String, MethodSetting>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct S3 {
    /// The account-level Block Public Access settings (S3 Control), if set.
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub account_public_access_block: Evidence<PublicAccessBlock>,
    pub buckets: BTreeMap<String, Bucket>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub const ALL_ON: PublicAccessBlock = PublicAccessBlock {
        block_public_acls: true,
        ignore_public_acls: true,
        block_public_policy: true,
        restrict_public_buckets: true,
    };

    /// The settings in force on a bucket, as S3 applies them: account and
    /// bucket level combine, each setting on if either level has it on.
    /// The simulator and the checks both judge by this.
    pub fn effective(
        account: Option<PublicAccessBlock>,
        bucket: Option<PublicAccessBlock>,
    ) -> PublicAccessBlock {
        let (a, b) = (account.unwrap_or_default(), bucket.unwrap_or_default());
        PublicAccessBlock {
            block_public_acls: a.block_public_acls || b.block_public_acls,
            ignore_public_acls: a.ignore_public_acls || b.ignore_public_acls,
            block_public_policy: a.block_public_policy || b.block_public_policy,
            restrict_public_buckets: a.restrict_public_buckets || b.restrict_public_buckets,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Bucket {
    pub region: String,
    /// The bucket's Block Public Access settings; absent means none set.
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub public_access_block: Evidence<PublicAccessBlock>,
    /// The bucket policy, JSON.
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub policy: Evidence<String>,
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub website: Evidence<Website>,
    /// Objects by key. `body` is kept only for the objects a lab reads.
    pub objects: BTreeMap<String, Evidence<Object>>,
    /// The event notification configuration (read only when a lab asks).
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub notifications: Evidence<Notifications>,
    /// Object Ownership: BucketOwnerEnforced, BucketOwnerPreferred or
    /// ObjectWriter; absent when none is set (ACLs enabled).
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub ownership: Evidence<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Website {
    pub index_document: String,
    pub error_document: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Object {
    pub content_type: String,
    pub body: Option<String>,
    /// The object's ACL grants (read only for the objects a lab asks about).
    #[serde(skip_serializing_if = "Evidence::is_absent")]
    pub acl: Evidence<Vec<Grant>>,
}

/// HTTP probes: GET requests a live source made, or the simulator worked out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Probes {
    /// Why probes did not run, when they did not.
    pub skipped: Option<ProbeSkip>,
    /// URL → what came back.
    pub responses: BTreeMap<String, HttpResponse>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Probes {
    /// How `ProbeSkip::NoProbe` is written in a fixture or snapshot.
    pub const NO_PROBE: &'static str = "no-probe";
    /// How `ProbeSkip::Endpoint` is written: this, then the endpoint.
    pub const ENDPOINT: &'static str = "endpoint:";
}

/// Why the probes did not run. Written as one string in fixtures and
/// snapshots (`"no-probe"`, `"endpoint:http://127.0.0.1:5000"`, or a
/// fixture's own reason), read into a type so no check parses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ProbeSkip {
    /// `--no-probe` was given.
    NoProbe,
    /// An endpoint stands in for AWS, and AWS's public URLs are not it.
    Endpoint(String),
    /// Anything else, shown as written (no HTTP client, a fixture's reason).
    Other(String),
}

impl From<String> for ProbeSkip {
    fn from(text: String) -> ProbeSkip {
        if text == Probes::NO_PROBE {
            ProbeSkip::NoProbe
        } else if let Some(endpoint) = text.strip_prefix(Probes::ENDPOINT) {
            ProbeSkip::Endpoint(endpoint.to_string())
        } else {
            ProbeSkip::Other(text)
        }
    }
}

impl From<&str> for ProbeSkip {
    fn from(text: &str) -> ProbeSkip {
        ProbeSkip::from(text.to_string())
    }
}

impl From<ProbeSkip> for String {
    fn from(skip: ProbeSkip) -> String {
        match skip {
            ProbeSkip::NoProbe => Probes::NO_PROBE.to_string(),
            ProbeSkip::Endpoint(endpoint) => format!("{}{endpoint}", Probes::ENDPOINT),
            ProbeSkip::Other(text) => text,
        }
    }
}

impl HttpResponse {
    /// A header's value, by case-insensitive name, as HTTP has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Account {
    /// The refusal of a lookup with `action` of `resource`, if there was one:
    /// then what it would have found is unknown rather than missing.
    pub fn refused(&self, action: &str, resource: &str) -> Option<&Unreadable> {
        self.unreadable.iter().find(|u| u.covers(action, resource))
    }

    /// A resource looked up by name in `items`: there, not there, or unknown
    /// because the lookup with `action` was refused.
    pub fn lookup<'a, T>(
        &self,
        items: &'a BTreeMap<String, T>,
        name: &str,
        action: &str,
    ) -> Evidence<&'a T> {
        // A refusal wins over an entry: a name a listing found, whose own
        // read was refused, is a placeholder without evidence.
        match (self.refused(action, name), items.get(name)) {
            (Some(why), _) => Evidence::Unreadable(why.clone()),
            (None, Some(item)) => Evidence::Got(item),
            (None, None) => Evidence::Absent,
        }
    }

    /// The ARN prefix of this account's resources in a service and region.
    pub fn arn(&self, service: &str, rest: &str) -> String {
        format!(
            "arn:aws:{service}:{}:{}:{rest}",
            self.region, self.account_id
        )
    }

    /// The invoke URL of a REST API stage.
    pub fn invoke_url(&self, api_id: &str, stage: &str) -> String {
        format!(
            "https://{api_id}.execute-api.{}.amazonaws.com/{stage}",
            self.region
        )
    }

    /// The S3 static website endpoint of a bucket in a region. Older regions
    /// use a dash before the region, newer ones a dot (see the S3 website
    /// endpoints table).
    pub fn website_url(bucket: &str, region: &str) -> String {
        const DASH: &[&str] = &[
            "us-east-1",
            "us-west-1",
            "us-west-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-northeast-1",
            "eu-west-1",
            "sa-east-1",
            "us-gov-west-1",
        ];
        let sep = if DASH.contains(&region) { '-' } else { '.' };
        format!("http://{bucket}.s3-website{sep}{region}.amazonaws.com")
    }
}

/// What a lab's checks will ask of an account: the names a source must read.
/// Bucket names may be patterns (`my-bucket-*`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    pub caller: bool,
    pub users: bool,
    pub roles: BTreeSet<String>,
    pub tables: BTreeSet<String>,
    /// Tables whose items are sampled (a Scan with Limit 1).
    pub table_items: BTreeSet<String>,
    pub functions: BTreeSet<String>,
    pub apis: BTreeSet<String>,
    pub buckets: BTreeSet<String>,
    /// (bucket pattern, key) of objects whose content is read.
    pub objects: BTreeSet<(String, String)>,
    /// (api, stage, path) to GET.
    pub api_probes: BTreeSet<(String, String, String)>,
    /// Bucket patterns whose website endpoint to GET.
    pub website_probes: BTreeSet<String>,
    /// Load balancer patterns whose DNS name to GET over HTTP.
    pub alb_probes: BTreeSet<String>,
    /// (load balancer pattern, host or empty) to GET over HTTPS from the
    /// load balancer's addresses; an empty host is its certificate's.
    pub alb_https_probes: BTreeSet<(String, String)>,
    /// CloudWatch Logs log groups, by name.
    pub log_groups: BTreeSet<String>,
    /// API Gateway's account settings, and the role they name.
    pub apigateway_account: bool,
    /// Name-tag patterns of instances, read with their subnet, the route
    /// tables and endpoints of their VPC and their instance profile.
    pub instances: BTreeSet<String>,
    /// Name patterns of load balancers, read with their listeners, target
    /// groups, target health and security groups.
    pub load_balancers: BTreeSet<String>,
    /// Name patterns of Auto Scaling groups, read with their policies and
    /// launch template.
    pub auto_scaling_groups: BTreeSet<String>,
    /// Whether the region's ACM certificates are listed.
    pub certificates: bool,
    /// SNS topic names, read with their subscriptions.
    pub topics: BTreeSet<String>,
    /// Functions whose execution role (with its policies) and environment
    /// are read.
    pub function_roles: BTreeSet<String>,
    /// Bucket patterns whose event notifications are read.
    pub bucket_notifications: BTreeSet<String>,
    /// (bucket pattern, key) of objects whose ACL (and the bucket's Object
    /// Ownership) is read.
    pub object_acls: BTreeSet<(String, String)>,
}

impl Needs {
    /// Whether the lab reads anything through the `ec2` feature's clients.
    pub fn ec2(&self) -> bool {
        !self.instances.is_empty()
            || !self.load_balancers.is_empty()
            || !self.auto_scaling_groups.is_empty()
            || self.certificates
    }
}

/// How a lab names resources by pattern (`my-bucket-*`), as the live
/// source, the simulator and the checks all match them. Shell-style match: `*` any run, `?` one character. Case-sensitive, as
/// bucket names are lowercase anyway.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::{ProbeSkip, Probes, glob};

    #[test]
    fn glob_matches_like_a_shell() {
        assert!(glob("my-bucket-*", "my-bucket-1234"));
        assert!(glob("my-bucket-*", "my-bucket-"));
        assert!(!glob("my-bucket-*", "my_bucket-1"));
        assert!(glob("a?c", "abc"));
        assert!(!glob("a?c", "ac"));
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "aXbYbZc"));
        assert!(!glob("a*b*c", "aXbYbZ"));
    }

    /// The reason probes did not run is typed in the model and one string
    /// in a fixture or snapshot, both ways.
    #[test]
    fn a_probe_skip_reads_and_writes_as_the_string_fixtures_hold() {
        let cases = [
            ("no-probe", ProbeSkip::NoProbe),
            (
                "endpoint:http://127.0.0.1:5000",
                ProbeSkip::Endpoint("http://127.0.0.1:5000".into()),
            ),
            ("offline", ProbeSkip::Other("offline".into())),
        ];
        for (text, skip) in cases {
            let probes: Probes = toml::from_str(&format!("skipped = \"{text}\"")).unwrap();
            assert_eq!(probes.skipped.as_ref(), Some(&skip));
            assert_eq!(String::from(skip), text);
        }
    }
}
