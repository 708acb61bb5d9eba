//! Logging, read live: the CloudWatch Logs log groups a lab names (with the
//! newest stream of each), and API Gateway's account settings with the role
//! they name. That role's name is only known once the settings are read, so
//! it is read here, after them, rather than by the IAM part.

use std::collections::BTreeMap;

use aws_sdk_cloudwatchlogs::types::OrderBy;

use crate::account::{
    ApiGatewayAccount, Evidence, LogGroup, LogStream, ManagedPolicy, Needs, Role,
};

use super::{AwsError, Live, all, iam};

/// How many groups beside a missing one are listed, to name a near miss.
const NEIGHBOURS: i32 = 50;

/// What this part puts into the account model.
#[derive(Default)]
pub(super) struct Logging {
    pub groups: BTreeMap<String, LogGroup>,
    pub apigateway_account: Evidence<ApiGatewayAccount>,
    /// The role API Gateway's settings name, and its policies' documents.
    pub roles: BTreeMap<String, Role>,
    pub policies: BTreeMap<String, Evidence<ManagedPolicy>>,
}

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<Logging, AwsError> {
    let (groups, settings) = tokio::join!(groups(live, needs), async {
        if needs.apigateway_account {
            account_settings(live, needs).await
        } else {
            Ok(Logging::default())
        }
    });
    let mut logging = settings?;
    logging.groups = groups?;
    Ok(logging)
}

async fn groups(live: &Live, needs: &Needs) -> Result<BTreeMap<String, LogGroup>, AwsError> {
    let read = all(needs
        .log_groups
        .iter()
        .cloned()
        .map(|name| {
            let live = live.clone();
            async move {
                let found = group(&live, &name).await;
                (name, found)
            }
        })
        .collect())
    .await;
    let mut groups = BTreeMap::new();
    for (_, found) in read {
        groups.extend(found?);
    }
    Ok(groups)
}

/// The group named, with its newest stream; when it is missing, the groups
/// beside it (same parent path) by name only, so a near miss can be named.
async fn group(live: &Live, name: &str) -> Result<BTreeMap<String, LogGroup>, AwsError> {
    let client = &live.logs;
    let listed = client
        .describe_log_groups()
        .log_group_name_prefix(name)
        .send()
        .await;
    let Some(listed) = live.fetch("logs:DescribeLogGroups", name, listed)? else {
        return Ok(BTreeMap::new());
    };
    let mut groups = BTreeMap::new();
    if let Some(found) = listed
        .log_groups()
        .iter()
        .find(|g| g.log_group_name() == Some(name))
    {
        let streams = client
            .describe_log_streams()
            .log_group_name(name)
            .order_by(OrderBy::LastEventTime)
            .descending(true)
            .limit(1)
            .send()
            .await;
        let latest_stream = match live.evidence("logs:DescribeLogStreams", name, streams)? {
            Evidence::Got(output) => {
                Evidence::from(output.log_streams().first().map(|s| LogStream {
                    name: s.log_stream_name().unwrap_or_default().to_string(),
                    last_event_timestamp: s.last_event_timestamp(),
                }))
            }
            Evidence::Absent => Evidence::Absent,
            Evidence::Unreadable(why) => Evidence::Unreadable(why),
        };
        groups.insert(
            name.to_string(),
            LogGroup {
                arn: found.arn().unwrap_or_default().to_string(),
                latest_stream,
            },
        );
        return Ok(groups);
    }
    let parent = name.rfind('/').map_or("", |i| &name[..=i]);
    if parent.is_empty() {
        return Ok(groups);
    }
    let beside = client
        .describe_log_groups()
        .log_group_name_prefix(parent)
        .limit(NEIGHBOURS)
        .send()
        .await;
    for g in live
        .fetch("logs:DescribeLogGroups", name, beside)?
        .map(|o| o.log_groups.unwrap_or_default())
        .unwrap_or_default()
    {
        if let Some(other) = g.log_group_name() {
            groups.entry(other.to_string()).or_default();
        }
    }
    Ok(groups)
}

/// API Gateway's settings (GET /account) and the role they name.
async fn account_settings(live: &Live, needs: &Needs) -> Result<Logging, AwsError> {
    let got = live.apigateway.get_account().send().await;
    let settings = live
        .evidence("apigateway:GET", "/account", got)?
        .map(|o| ApiGatewayAccount {
            cloudwatch_role_arn: o.cloudwatch_role_arn().unwrap_or_default().to_string(),
        });
    let mut logging = Logging::default();
    let arn = settings
        .got()
        .map(|s| s.cloudwatch_role_arn.clone())
        .unwrap_or_default();
    logging.apigateway_account = settings;
    let name = arn.rsplit('/').next().unwrap_or_default();
    // A role the lab names is read by the IAM part already.
    if !name.is_empty()
        && !needs.roles.contains(name)
        && let Some((role, policies)) = iam::role(live, name).await?
    {
        logging.roles.insert(name.to_string(), role);
        logging.policies = policies;
    }
    Ok(logging)
}
