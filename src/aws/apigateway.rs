//! API Gateway: the REST APIs a lab names, with every resource's methods,
//! integrations and integration responses, and the stages.

use std::collections::BTreeMap;

use crate::account::{Integration, Method, MethodSetting, Needs, RestApi, Stage};

use super::{AwsError, Live, all};

/// The REST APIs by name, and the others that share a wanted name.
pub(super) type Apis = (BTreeMap<String, RestApi>, BTreeMap<String, Vec<RestApi>>);

/// How many REST APIs with one wanted name are read in full; the engine
/// binds one of them.
pub const MAX_SAME_NAME: usize = 5;

pub(super) async fn read(live: &Live, needs: &Needs) -> Result<Apis, AwsError> {
    if needs.apis.is_empty() {
        return Ok(Apis::default());
    }
    let listed = live
        .apigateway
        .get_rest_apis()
        .limit(500)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await;
    let listed = live
        .fetch("apigateway:GET", "", listed)?
        .unwrap_or_default();
    // Every API with a wanted name, and the others only by name, so a near
    // miss ("my_api") can be named.
    let mut wanted: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut apis = BTreeMap::new();
    for api in listed {
        let (Some(name), Some(id)) = (api.name(), api.id()) else {
            continue;
        };
        // Every API with a wanted name is read (up to a bound): a student
        // who clicked "Create API" twice has an empty one and a built one.
        if needs.apis.contains(name)
            && wanted.iter().filter(|(n, ..)| n == name).count() < MAX_SAME_NAME
        {
            wanted.push((name.to_string(), id.to_string(), endpoint_types(&api)));
        }
        if apis.contains_key(name) {
            continue;
        }
        apis.insert(
            name.to_string(),
            RestApi {
                id: id.to_string(),
                ..RestApi::default()
            },
        );
    }
    let read = all(wanted
        .into_iter()
        .map(|(name, id, types)| {
            let live = live.clone();
            async move {
                // The listing already says the endpoint type: no call for it.
                let api = api(&live, &id).await.map(|mut api| {
                    api.endpoint_types = types;
                    api
                });
                (name, api)
            }
        })
        .collect())
    .await;
    let mut duplicates: BTreeMap<String, Vec<RestApi>> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for (name, api) in read {
        let api = api?;
        if seen.insert(name.clone()) {
            apis.insert(name, api);
        } else {
            duplicates.entry(name).or_default().push(api);
        }
    }
    Ok((apis, duplicates))
}

pub(super) async fn api(live: &Live, id: &str) -> Result<RestApi, AwsError> {
    let client = &live.apigateway;
    let (resources, stages) = tokio::join!(
        client
            .get_resources()
            .rest_api_id(id)
            .limit(500)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>(),
        client.get_stages().rest_api_id(id).send(),
    );
    // A refusal inside one API is recorded against its id: its checks say
    // `error`, the other APIs' do not.
    let resources = live
        .fetch("apigateway:GET", id, resources)?
        .unwrap_or_default();
    let stages = live
        .fetch("apigateway:GET", id, stages)?
        .and_then(|o| o.item)
        .unwrap_or_default();

    let mut calls = Vec::new();
    for resource in &resources {
        let (Some(resource_id), Some(path)) = (resource.id(), resource.path()) else {
            continue;
        };
        for verb in resource
            .resource_methods()
            .map(|m| m.keys())
            .into_iter()
            .flatten()
        {
            let live = live.clone();
            let (api_id, resource_id, path, verb) = (
                id.to_string(),
                resource_id.to_string(),
                path.to_string(),
                verb.clone(),
            );
            calls.push(async move {
                let method = method(&live, &api_id, &resource_id, &verb).await;
                (path, verb, method)
            });
        }
    }
    let mut api = RestApi {
        id: id.to_string(),
        ..RestApi::default()
    };
    for resource in &resources {
        if let Some(path) = resource.path() {
            api.resources.entry(path.to_string()).or_default();
        }
    }
    for (path, verb, method) in all(calls).await {
        if let Some(method) = method? {
            api.resources
                .entry(path)
                .or_default()
                .methods
                .insert(verb, method);
        }
    }
    for stage in stages {
        if let Some(name) = stage.stage_name() {
            api.stages.insert(
                name.to_string(),
                Stage {
                    deployment_id: stage.deployment_id().unwrap_or_default().to_string(),
                    method_settings: method_settings(&stage),
                },
            );
        }
    }
    Ok(api)
}

async fn method(
    live: &Live,
    api_id: &str,
    resource_id: &str,
    verb: &str,
) -> Result<Option<Method>, AwsError> {
    let got = live
        .apigateway
        .get_method()
        .rest_api_id(api_id)
        .resource_id(resource_id)
        .http_method(verb)
        .send()
        .await;
    let Some(got) = live.fetch("apigateway:GET", api_id, got)? else {
        return Ok(None);
    };
    let integration = got.method_integration();
    // The headers the 200 integration response maps onto the method response.
    let response_headers = integration
        .and_then(|i| i.integration_responses())
        .and_then(|r| r.get("200"))
        .and_then(|r| r.response_parameters())
        .map(|parameters| {
            parameters
                .iter()
                .filter_map(|(k, v)| {
                    k.strip_prefix("method.response.header.")
                        .map(|h| (h.to_string(), v.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Some(Method {
        authorization: got.authorization_type().unwrap_or("NONE").to_string(),
        integration: integration.map(|i| Integration {
            kind: i
                .r#type()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            uri: i.uri().unwrap_or_default().to_string(),
        }),
        response_headers,
    }))
}

/// An API's endpoint types (EDGE, REGIONAL, PRIVATE), as listed.
fn endpoint_types(api: &aws_sdk_apigateway::types::RestApi) -> Vec<String> {
    api.endpoint_configuration()
        .map(|c| c.types().iter().map(|t| t.as_str().to_string()).collect())
        .unwrap_or_default()
}

/// A stage's method settings (`*/*` for the whole stage): its logging level.
fn method_settings(stage: &aws_sdk_apigateway::types::Stage) -> BTreeMap<String, MethodSetting> {
    stage
        .method_settings()
        .map(|settings| {
            settings
                .iter()
                .map(|(key, setting)| {
                    let level = setting.logging_level().unwrap_or("OFF").to_string();
                    (
                        key.clone(),
                        MethodSetting {
                            logging_level: level,
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
