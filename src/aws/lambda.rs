//! Lambda: the functions a lab names, their configuration and their
//! resource-based policy.

use std::collections::BTreeMap;

use crate::account::{Evidence, Function, Needs};

use super::{AwsError, Live, all};

pub(super) async fn read(
    live: &Live,
    needs: &Needs,
) -> Result<BTreeMap<String, Function>, AwsError> {
    let read = all(needs
        .functions
        .iter()
        .cloned()
        .map(|name| {
            let live = live.clone();
            async move {
                let function = function(&live, &name).await;
                (name, function)
            }
        })
        .collect())
    .await;
    let mut functions = BTreeMap::new();
    let mut missing = false;
    for (name, function) in read {
        match function? {
            Some(function) => _ = functions.insert(name, function),
            None => missing = true,
        }
    }
    if missing {
        // The other functions by name only, so a near miss can be named.
        let listed = live
            .lambda
            .list_functions()
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await;
        for f in live
            .fetch("lambda:ListFunctions", "", listed)?
            .unwrap_or_default()
        {
            if let Some(name) = f.function_name() {
                functions.entry(name.to_string()).or_default();
            }
        }
    }
    Ok(functions)
}

pub(super) async fn function(live: &Live, name: &str) -> Result<Option<Function>, AwsError> {
    let client = &live.lambda;
    let (got, policy) = tokio::join!(
        client.get_function().function_name(name).send(),
        client.get_policy().function_name(name).send(),
    );
    let Some(config) = live
        .fetch("lambda:GetFunction", name, got)?
        .and_then(|o| o.configuration)
    else {
        return Ok(None);
    };
    // No policy at all is a ResourceNotFoundException, which reads as None.
    let resource_policy = match live.evidence("lambda:GetPolicy", name, policy)? {
        Evidence::Got(output) => Evidence::from(output.policy),
        other => other.map(|_| String::new()),
    };
    Ok(Some(Function {
        arn: config.function_arn().unwrap_or_default().to_string(),
        runtime: config
            .runtime()
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        role: config.role().unwrap_or_default().to_string(),
        state: config
            .state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        resource_policy,
        responds: None,
        environment: BTreeMap::new(),
    }))
}
