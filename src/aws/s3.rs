//! S3: the buckets a lab's name or pattern matches, with their region, Block
//! Public Access, policy, website configuration and the objects it reads;
//! and the account-level Block Public Access (S3 Control).

use std::collections::{BTreeMap, BTreeSet};

use aws_config::{Region, SdkConfig};
use aws_sdk_s3control::config::endpoint::{Endpoint, EndpointFuture, Params, ResolveEndpoint};

use crate::account::{Bucket, Evidence, Needs, Object, PublicAccessBlock, S3, Website, glob};

use super::{AwsError, Live, SharedLog, all};

/// S3 Control puts the account id in front of the host; an emulator on one
/// address cannot answer that, so with an endpoint given, calls go to it as is.
#[derive(Debug)]
struct FixedEndpoint(String);

impl ResolveEndpoint for FixedEndpoint {
    fn resolve_endpoint<'a>(&'a self, _params: &'a Params) -> EndpointFuture<'a> {
        EndpointFuture::ready(Ok(Endpoint::builder().url(self.0.clone()).build()))
    }
}

pub(super) fn control_client(
    sdk: &SdkConfig,
    endpoint: Option<&str>,
    log: SharedLog,
) -> aws_sdk_s3control::Client {
    let mut config = aws_sdk_s3control::config::Builder::from(sdk).interceptor(log);
    if let Some(url) = endpoint {
        config = config.endpoint_resolver(FixedEndpoint(url.to_string()));
    }
    aws_sdk_s3control::Client::from_conf(config.build())
}

fn block(
    c: Option<&aws_sdk_s3::types::PublicAccessBlockConfiguration>,
) -> Option<PublicAccessBlock> {
    c.map(|c| PublicAccessBlock {
        block_public_acls: c.block_public_acls().unwrap_or(false),
        ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
        block_public_policy: c.block_public_policy().unwrap_or(false),
        restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
    })
}

pub(super) async fn read(
    live: &Live,
    needs: &Needs,
    account_id: impl std::future::Future<Output = Result<String, AwsError>>,
) -> Result<S3, AwsError> {
    if needs.buckets.is_empty() {
        return Ok(S3::default());
    }
    let account_block = async {
        let id = account_id.await?;
        Ok::<_, AwsError>(
            live.s3control
                .get_public_access_block()
                .account_id(id)
                .send()
                .await,
        )
    };
    let (listed, account_block) = tokio::join!(live.s3.list_buckets().send(), account_block);
    let account_public_access_block = live
        .evidence("s3:GetAccountPublicAccessBlock", "", account_block?)?
        .map(|o| o.public_access_block_configuration);
    let account_public_access_block =
        flatten(account_public_access_block).map(|c| PublicAccessBlock {
            block_public_acls: c.block_public_acls().unwrap_or(false),
            ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
            block_public_policy: c.block_public_policy().unwrap_or(false),
            restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
        });
    let names: Vec<String> = live
        .fetch("s3:ListAllMyBuckets", "", listed)?
        .map(|o| o.buckets.unwrap_or_default())
        .unwrap_or_default()
        .iter()
        .filter_map(|b| b.name().map(str::to_string))
        .collect();

    let mut buckets = BTreeMap::new();
    let mut wanted = Vec::new();
    for name in names {
        let matching = needs.buckets.iter().any(|p| glob(p, &name));
        if matching {
            let keys: BTreeSet<String> = needs
                .objects
                .iter()
                .filter(|(p, _)| glob(p, &name))
                .map(|(_, k)| k.clone())
                .collect();
            let extras = Extras {
                notifications: needs.bucket_notifications.iter().any(|p| glob(p, &name)),
                acl_keys: needs
                    .object_acls
                    .iter()
                    .filter(|(p, _)| glob(p, &name))
                    .map(|(_, k)| k.clone())
                    .collect(),
            };
            wanted.push((name.clone(), keys, extras));
        }
        // Others by name only, for "did you mean".
        buckets.insert(name, Bucket::default());
    }
    let read = all(wanted
        .into_iter()
        .map(|(name, keys, extras)| {
            let live = live.clone();
            async move {
                // Boxed: a bucket's reads hold several responses at once.
                let bucket = Box::pin(bucket(&live, &name, &keys, &extras)).await;
                (name, bucket)
            }
        })
        .collect())
    .await;
    for (name, bucket) in read {
        buckets.insert(name, bucket?);
    }
    Ok(S3 {
        account_public_access_block,
        buckets,
    })
}

/// The reads only some labs ask for (see `sns.rs`).
struct Extras {
    notifications: bool,
    acl_keys: BTreeSet<String>,
}

async fn bucket(
    live: &Live,
    name: &str,
    keys: &BTreeSet<String>,
    extras: &Extras,
) -> Result<Bucket, AwsError> {
    let location = live.s3.get_bucket_location().bucket(name).send().await;
    // An empty location constraint is us-east-1, by S3's old convention.
    let region = live
        .fetch("s3:GetBucketLocation", name, location)?
        .and_then(|o| o.location_constraint)
        .map(|c| c.as_str().to_string())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "us-east-1".to_string());
    // Bucket calls go to the bucket's own region.
    let client = if region == live.region() || live.endpoint.is_some() {
        live.s3.clone()
    } else {
        let config = aws_sdk_s3::config::Builder::from(&live.sdk)
            .region(Region::new(region.clone()))
            .interceptor(SharedLog(live.log.clone()))
            .build();
        aws_sdk_s3::Client::from_conf(config)
    };
    let (block_result, policy, website, listing, more) = tokio::join!(
        client.get_public_access_block().bucket(name).send(),
        client.get_bucket_policy().bucket(name).send(),
        client.get_bucket_website().bucket(name).send(),
        client.list_objects_v2().bucket(name).max_keys(1000).send(),
        super::sns::bucket(live, &client, name, extras.notifications, &extras.acl_keys),
    );
    let more = more?;
    let public_access_block = flatten(
        live.evidence("s3:GetBucketPublicAccessBlock", name, block_result)?
            .map(|o| block(o.public_access_block_configuration())),
    );
    let policy = flatten(
        live.evidence("s3:GetBucketPolicy", name, policy)?
            .map(|o| o.policy),
    );
    let website = flatten(
        live.evidence("s3:GetBucketWebsite", name, website)?
            .map(|o| {
                o.index_document.map(|index| Website {
                    index_document: index.suffix().to_string(),
                    error_document: None,
                })
            }),
    );
    let mut objects: BTreeMap<String, Evidence<Object>> = live
        .fetch("s3:ListBucket", name, listing)?
        .map(|o| o.contents.unwrap_or_default())
        .unwrap_or_default()
        .iter()
        .filter_map(|o| {
            o.key()
                .map(|k| (k.to_string(), Evidence::Got(Object::default())))
        })
        .collect();
    let bodies = all(keys
        .iter()
        .filter(|k| objects.contains_key(*k))
        .cloned()
        .map(|key| {
            let (client, name) = (client.clone(), name.to_string());
            async move {
                let got = client.get_object().bucket(&name).key(&key).send().await;
                (key, got)
            }
        })
        .collect())
    .await;
    for (key, got) in bodies {
        let resource = format!("{name}/{key}");
        let output = match live.evidence("s3:GetObject", &resource, got)? {
            Evidence::Got(output) => Some(output),
            // Listed a moment ago: gone now, or never readable.
            Evidence::Absent => None,
            Evidence::Unreadable(why) => {
                objects.insert(key.clone(), Evidence::Unreadable(why));
                None
            }
        };
        if let Some(output) = output {
            let content_type = output.content_type().unwrap_or_default().to_string();
            // A body that cannot be read whole is left unknown.
            let body = output
                .body
                .collect()
                .await
                .ok()
                .map(|b| String::from_utf8_lossy(&b.into_bytes()).into_owned());
            objects.insert(
                key,
                Evidence::Got(Object {
                    content_type,
                    body,
                    ..Object::default()
                }),
            );
        }
    }
    // An ACL read for a key the listing did not have says nothing.
    for (key, acl) in more.acls {
        if let Some(Evidence::Got(object)) = objects.get_mut(&key) {
            object.acl = acl;
        }
    }
    Ok(Bucket {
        region,
        public_access_block,
        policy,
        website,
        objects,
        notifications: more.notifications,
        ownership: more.ownership,
    })
}

/// A value read whose answer may itself say "none" (an empty configuration).
fn flatten<T>(evidence: Evidence<Option<T>>) -> Evidence<T> {
    match evidence {
        Evidence::Got(Some(value)) => Evidence::Got(value),
        Evidence::Got(None) | Evidence::Absent => Evidence::Absent,
        Evidence::Unreadable(why) => Evidence::Unreadable(why),
    }
}
