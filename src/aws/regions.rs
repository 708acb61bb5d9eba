//! Wrong region: when a resource the lab names is missing in the lab's
//! region, look for it in the other regions enabled by default, so the
//! student hears "it is in us-east-1" instead of "not found". Only on
//! failure, so a passing run pays nothing.

use std::collections::BTreeMap;

use aws_config::Region;

use crate::account::{Account, Needs};

use super::{Live, SharedLog, all};

/// Regions every account has enabled (opt-in regions are left out: a
/// student who enabled one knows where they are).
const DEFAULT_REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "sa-east-1",
];

enum Missing {
    Table(String),
    Function(String),
}

pub(super) async fn elsewhere(
    live: &Live,
    needs: &Needs,
    account: &Account,
) -> BTreeMap<String, String> {
    let mut missing = Vec::new();
    for name in &needs.tables {
        if !account.dynamodb.contains_key(name)
            && account.refused("dynamodb:DescribeTable", name).is_none()
        {
            missing.push(Missing::Table(name.clone()));
        }
    }
    for name in &needs.functions {
        if !account.lambda.contains_key(name)
            && account.refused("lambda:GetFunction", name).is_none()
        {
            missing.push(Missing::Function(name.clone()));
        }
    }
    if missing.is_empty() {
        return BTreeMap::new();
    }
    let home = live.region();
    let mut searches = Vec::new();
    for thing in missing {
        for region in DEFAULT_REGIONS.iter().filter(|r| **r != home) {
            let live = live.clone();
            let region = region.to_string();
            let (key, name, table) = match &thing {
                Missing::Table(n) => (format!("dynamodb:{n}"), n.clone(), true),
                Missing::Function(n) => (format!("lambda:{n}"), n.clone(), false),
            };
            searches.push(async move {
                let found = if table {
                    let config = aws_sdk_dynamodb::config::Builder::from(&live.sdk)
                        .region(Region::new(region.clone()))
                        .interceptor(SharedLog(live.log.clone()))
                        .build();
                    let client = aws_sdk_dynamodb::Client::from_conf(config);
                    client
                        .describe_table()
                        .table_name(&name)
                        .send()
                        .await
                        .is_ok()
                } else {
                    let config = aws_sdk_lambda::config::Builder::from(&live.sdk)
                        .region(Region::new(region.clone()))
                        .interceptor(SharedLog(live.log.clone()))
                        .build();
                    let client = aws_sdk_lambda::Client::from_conf(config);
                    client
                        .get_function()
                        .function_name(&name)
                        .send()
                        .await
                        .is_ok()
                };
                found.then_some((key, region))
            });
        }
    }
    let mut found = BTreeMap::new();
    for (key, region) in all(searches).await.into_iter().flatten() {
        found.entry(key).or_insert(region);
    }
    found
}
