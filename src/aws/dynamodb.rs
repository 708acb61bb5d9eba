//! DynamoDB: the tables a lab names, their key schema and status, and
//! whether they hold an item (a Scan with Limit 1, since DescribeTable's
//! ItemCount is refreshed only every few hours).

use std::collections::BTreeMap;

use aws_sdk_dynamodb::types::{KeyType, Select};

use crate::account::{KeyAttribute, Needs, Table};

use super::{AwsError, Live, all};

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<BTreeMap<String, Table>, AwsError> {
    let read = all(needs
        .tables
        .iter()
        .cloned()
        .map(|name| {
            let live = live.clone();
            let sample = needs.table_items.contains(&name);
            async move {
                let table = table(&live, &name, sample).await;
                (name, table)
            }
        })
        .collect())
    .await;
    let mut tables = BTreeMap::new();
    let mut missing = false;
    for (name, table) in read {
        match table? {
            Some(table) => _ = tables.insert(name, table),
            None => missing = true,
        }
    }
    if missing {
        // The other tables by name only, so a near miss can be named.
        let listed = live
            .dynamodb
            .list_tables()
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await;
        for name in live
            .fetch("dynamodb:ListTables", "", listed)?
            .unwrap_or_default()
        {
            tables.entry(name).or_default();
        }
    }
    Ok(tables)
}

pub(super) async fn table(
    live: &Live,
    name: &str,
    sample: bool,
) -> Result<Option<Table>, AwsError> {
    let client = &live.dynamodb;
    let (described, scanned) =
        tokio::join!(client.describe_table().table_name(name).send(), async {
            if sample {
                Some(
                    client
                        .scan()
                        .table_name(name)
                        .limit(1)
                        .select(Select::Count)
                        .send()
                        .await,
                )
            } else {
                None
            }
        });
    let Some(description) = live
        .fetch("dynamodb:DescribeTable", name, described)?
        .and_then(|o| o.table)
    else {
        return Ok(None);
    };
    let item_count = match scanned {
        Some(result) => live
            .fetch("dynamodb:Scan", name, result)?
            .map_or(0, |o| u64::try_from(o.count).unwrap_or(0)),
        None => 0,
    };
    let attribute_type = |attribute: &str| {
        description
            .attribute_definitions()
            .iter()
            .find(|d| d.attribute_name() == attribute)
            .map(|d| d.attribute_type().as_str().to_string())
            .unwrap_or_default()
    };
    let key = |kind: KeyType| {
        description
            .key_schema()
            .iter()
            .find(|k| *k.key_type() == kind)
            .map(|k| KeyAttribute {
                name: k.attribute_name().to_string(),
                kind: attribute_type(k.attribute_name()),
            })
    };
    Ok(Some(Table {
        arn: description.table_arn().unwrap_or_default().to_string(),
        status: description
            .table_status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        partition_key: key(KeyType::Hash),
        sort_key: key(KeyType::Range),
        item_count,
    }))
}
