//! Load balancing for `alb-autoscaling`: Application Load Balancers with
//! their listeners, target groups with the health of their targets, Auto
//! Scaling groups with their scaling policies, and ACM certificates. The
//! instances, security groups and launch templates they use are in
//! `account::ec2`. Field names follow the APIs in snake_case.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Elb {
    /// Load balancers by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub load_balancers: BTreeMap<String, LoadBalancer>,
    /// Target groups by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub target_groups: BTreeMap<String, TargetGroup>,
    /// Auto Scaling groups by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub auto_scaling_groups: BTreeMap<String, AutoScalingGroup>,
    /// ACM certificates of this region by ARN.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub certificates: BTreeMap<String, Certificate>,
}

impl Elb {
    pub fn is_empty(&self) -> bool {
        self == &Elb::default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoadBalancer {
    pub arn: String,
    pub dns_name: String,
    /// application, network, gateway.
    #[serde(rename = "type")]
    pub kind: String,
    /// internet-facing or internal.
    pub scheme: String,
    /// provisioning, active, active_impaired, failed.
    pub state: String,
    pub availability_zones: Vec<String>,
    pub security_groups: Vec<String>,
    pub listeners: Vec<Listener>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Listener {
    pub port: i32,
    /// HTTP, HTTPS, ...
    pub protocol: String,
    /// The target group its default action forwards to, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forwards_to: Option<String>,
    /// Certificate ARNs (HTTPS).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TargetGroup {
    pub arn: String,
    pub protocol: String,
    pub port: i32,
    pub health_check_path: String,
    /// Target id → its health.
    pub targets: BTreeMap<String, TargetHealth>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TargetHealth {
    /// initial, healthy, unhealthy, unused, draining, unavailable.
    pub state: String,
    /// Target.ResponseCodeMismatch, Target.Timeout, ... when not healthy.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AutoScalingGroup {
    /// The launch template it launches from, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launch_template: Option<String>,
    pub min_size: i32,
    pub max_size: i32,
    pub desired_capacity: i32,
    /// Target groups it registers its instances in, by name.
    pub target_groups: Vec<String>,
    /// EC2 or ELB.
    pub health_check_type: String,
    pub policies: Vec<ScalingPolicy>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScalingPolicy {
    pub name: String,
    /// TargetTrackingScaling, StepScaling, SimpleScaling, PredictiveScaling.
    #[serde(rename = "type")]
    pub kind: String,
    /// The predefined metric of a target tracking policy
    /// (ASGAverageCPUUtilization).
    pub metric: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Certificate {
    pub domain: String,
    pub alternative_names: Vec<String>,
    /// PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT,
    /// REVOKED, FAILED.
    pub status: String,
}

impl LoadBalancer {
    /// The listener on a port, when there is one.
    pub fn listener(&self, port: i32, protocol: &str) -> Option<&Listener> {
        self.listeners
            .iter()
            .find(|l| l.port == port && l.protocol == protocol)
    }

    /// The host name an HTTPS probe of this load balancer asks for (its
    /// SNI): `wanted` when the lab names one, else the domain of the first
    /// issued certificate on the HTTPS:443 listener, a wildcard read as its
    /// `www` name (the notes' www.stNN…). None without an HTTPS listener.
    pub fn https_probe_host(
        &self,
        certificates: &BTreeMap<String, Certificate>,
        wanted: &str,
    ) -> Option<String> {
        let listener = self.listener(443, "HTTPS")?;
        if !wanted.is_empty() {
            return Some(wanted.to_string());
        }
        let certificate = listener
            .certificates
            .iter()
            .filter_map(|arn| certificates.get(arn))
            .find(|c| c.status == "ISSUED")?;
        certificate.probe_hosts().next()
    }

    /// The key of an HTTP GET on this load balancer's DNS name in `Probes`.
    pub fn http_probe_url(&self) -> String {
        format!("http://{}/", self.dns_name)
    }

    /// The key of an HTTPS GET for `host` sent to this load balancer's own
    /// addresses, whatever the host's DNS says, in `Probes`.
    pub fn https_probe_key(&self, host: &str) -> String {
        format!("https://{host}/ via {}", self.dns_name)
    }
}

impl Certificate {
    /// The host names an HTTPS probe may ask for with this certificate: its
    /// domain first, then its alternative names, a wildcard as its `www`
    /// name (the notes' www.stNN…).
    pub fn probe_hosts(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(&self.domain)
            .chain(&self.alternative_names)
            .map(|name| match name.strip_prefix("*.") {
                Some(parent) => format!("www.{parent}"),
                None => name.clone(),
            })
    }

    /// Whether it covers a host name: its domain or an alternative name, a
    /// wildcard covering exactly one label.
    pub fn covers(&self, host: &str) -> bool {
        std::iter::once(&self.domain)
            .chain(&self.alternative_names)
            .any(|name| match name.strip_prefix("*.") {
                Some(parent) => host
                    .split_once('.')
                    .is_some_and(|(label, rest)| !label.is_empty() && rest == parent),
                None => name.eq_ignore_ascii_case(host),
            })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{Certificate, Listener, LoadBalancer};

    fn https(certificates: &[&str]) -> LoadBalancer {
        LoadBalancer {
            dns_name: "web-alb-1.ap-northeast-2.elb.amazonaws.com".into(),
            listeners: vec![Listener {
                port: 443,
                protocol: "HTTPS".into(),
                forwards_to: Some("web-tg".into()),
                certificates: certificates.iter().map(ToString::to_string).collect(),
            }],
            ..LoadBalancer::default()
        }
    }

    fn certificate(domain: &str, status: &str) -> Certificate {
        Certificate {
            domain: domain.into(),
            alternative_names: vec![domain.into()],
            status: status.into(),
        }
    }

    /// The HTTPS probe asks for the lab's name when it has one, else the
    /// first issued certificate's, a wildcard as its www name; without an
    /// HTTPS listener or an issued certificate there is nothing to ask.
    #[test]
    fn the_https_probe_asks_for_the_lab_name_or_the_certificate_name() {
        let certificates = BTreeMap::from([
            (
                "arn:pending".to_string(),
                certificate("www.st25.example.com", "PENDING_VALIDATION"),
            ),
            (
                "arn:wild".to_string(),
                certificate("*.st25.example.com", "ISSUED"),
            ),
        ]);
        let lb = https(&["arn:pending", "arn:wild"]);
        assert_eq!(
            lb.https_probe_host(&certificates, "").as_deref(),
            Some("www.st25.example.com")
        );
        assert_eq!(
            lb.https_probe_host(&certificates, "shop.st25.example.com")
                .as_deref(),
            Some("shop.st25.example.com")
        );
        assert_eq!(
            https(&["arn:pending"]).https_probe_host(&certificates, ""),
            None
        );
        assert_eq!(
            LoadBalancer::default().https_probe_host(&certificates, "www.st25.example.com"),
            None
        );
        assert_eq!(
            lb.https_probe_key("www.st25.example.com"),
            "https://www.st25.example.com/ via web-alb-1.ap-northeast-2.elb.amazonaws.com"
        );
    }
}
