//! A lab made ready to run: every check's `with` arguments with the lab's
//! parameters (`{table}`, after `--set`) filled in once, and what the run
//! must read from the account.
//!
//! This is the only place placeholders are filled for a run. The built-in
//! variables (`{region}`, `{account}`) are known only once the account has
//! been read, so evaluation asks the plan for a check's arguments with them
//! filled; the check layer never sees a template or the lab's values.

use std::collections::BTreeMap;

use crate::account::{Account, Needs};
use crate::checks::Read;
use crate::lab::{Check, Lab, Step, Values};

/// A lab with its parameters resolved.
#[derive(Debug)]
pub struct Plan<'l> {
    pub lab: &'l Lab,
    pub steps: Vec<PlannedStep<'l>>,
}

#[derive(Debug)]
pub struct PlannedStep<'l> {
    pub step: &'l Step,
    pub checks: Vec<Planned<'l>>,
}

/// One check and its arguments, lab parameters filled; `{region}` and
/// `{account}` may remain.
#[derive(Debug)]
pub struct Planned<'l> {
    pub check: &'l Check,
    args: BTreeMap<String, String>,
}

impl<'l> Plan<'l> {
    pub fn new(lab: &'l Lab, values: &Values) -> Plan<'l> {
        let steps = lab
            .steps
            .iter()
            .map(|step| PlannedStep {
                step,
                checks: step
                    .checks
                    .iter()
                    .map(|check| Planned {
                        check,
                        args: check
                            .with
                            .iter()
                            .map(|(k, v)| (k.clone(), values.fill(v, &[])))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Plan { lab, steps }
    }

    pub fn checks(&self) -> impl Iterator<Item = &Planned<'l>> {
        self.steps.iter().flat_map(|s| s.checks.iter())
    }

    /// Everything the lab's checks read. Names that need the account
    /// (`{account}`) are not names of things to read and stay as they are.
    pub fn needs(&self) -> Needs {
        let mut needs = Needs::default();
        for planned in self.checks() {
            let arg = |name: &str| planned.arg(name).to_string();
            for read in planned.check.kind.reads {
                match *read {
                    Read::Caller => needs.caller = true,
                    Read::Users => needs.users = true,
                    Read::Role(a) => _ = needs.roles.insert(arg(a)),
                    Read::Table(a) => _ = needs.tables.insert(arg(a)),
                    Read::TableItems(a) => {
                        needs.tables.insert(arg(a));
                        needs.table_items.insert(arg(a));
                    }
                    Read::Function(a) => _ = needs.functions.insert(arg(a)),
                    Read::Api(a) => _ = needs.apis.insert(arg(a)),
                    Read::Bucket(a) => _ = needs.buckets.insert(arg(a)),
                    Read::Object { bucket, key } => {
                        needs.buckets.insert(arg(bucket));
                        needs.objects.insert((arg(bucket), arg(key)));
                    }
                    Read::ApiProbe => {
                        _ = needs
                            .api_probes
                            .insert((arg("api"), arg("stage"), arg("path")));
                    }
                    Read::WebsiteProbe => _ = needs.website_probes.insert(arg("bucket")),
                    Read::AlbProbe => _ = needs.alb_probes.insert(arg("alb")),
                    Read::AlbHttpsProbe => {
                        _ = needs.alb_https_probes.insert((arg("alb"), arg("domain")));
                    }
                    Read::LogGroup(a) => _ = needs.log_groups.insert(arg(a)),
                    Read::ApiGatewayAccount => needs.apigateway_account = true,
                    Read::Instance(a) => _ = needs.instances.insert(arg(a)),
                    Read::LoadBalancer(a) => _ = needs.load_balancers.insert(arg(a)),
                    Read::AutoScalingGroup(a) => _ = needs.auto_scaling_groups.insert(arg(a)),
                    Read::Certificates => needs.certificates = true,
                    Read::Topic(a) => _ = needs.topics.insert(arg(a)),
                    Read::FunctionRole(a) => _ = needs.function_roles.insert(arg(a)),
                    Read::BucketNotifications(a) => {
                        needs.buckets.insert(arg(a));
                        needs.bucket_notifications.insert(arg(a));
                    }
                    Read::ObjectAcl { bucket, key } => {
                        needs.buckets.insert(arg(bucket));
                        needs.object_acls.insert((arg(bucket), arg(key)));
                    }
                }
            }
        }
        needs
    }
}

impl Planned<'_> {
    /// An argument as planned, or the kind's default for an optional one.
    pub fn arg(&self, name: &str) -> &str {
        self.args
            .get(name)
            .map_or_else(|| self.check.kind.args.default_of(name), String::as_str)
    }

    /// The arguments for a run over `account`: the built-in variables
    /// filled, the only placeholders left after planning.
    pub fn args_for(&self, account: &Account) -> BTreeMap<String, String> {
        let builtins = [
            ("{region}", account.region.as_str()),
            ("{account}", account.account_id.as_str()),
        ];
        self.args
            .iter()
            .map(|(k, v)| {
                let mut v = v.clone();
                for (name, value) in builtins {
                    if v.contains(name) {
                        v = v.replace(name, value);
                    }
                }
                (k.clone(), v)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_filled_once_and_builtins_at_evaluation() {
        let lab = crate::lab::load("serverless").unwrap();
        let values = lab.values(&["table=planned".to_string()]).unwrap();
        let plan = Plan::new(&lab, &values);
        assert!(plan.needs().tables.contains("planned"));
        let account = Account {
            region: "eu-west-1".into(),
            account_id: "111122223333".into(),
            ..Account::default()
        };
        let mut templates = 0;
        for planned in plan.checks() {
            let filled = planned.args_for(&account);
            assert!(
                filled.values().all(|v| !v.contains('{')),
                "{}: {filled:?}",
                planned.check.id
            );
            for (name, template) in &planned.check.with {
                if template.contains("{region}") || template.contains("{account}") {
                    templates += 1;
                    assert!(planned.args[name].contains('{'));
                    assert!(
                        filled[name].contains("eu-west-1") || filled[name].contains("111122223333")
                    );
                }
            }
        }
        assert!(templates > 0, "the lab uses no built-in variable");
    }
}
