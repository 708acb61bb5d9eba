//! S3 check kinds: the bucket, Block Public Access, website hosting, objects
//! and the bucket policy, judged the way S3 judges them.

use crate::account::{Bucket, Evidence, PublicAccessBlock};
use crate::diag;
use crate::finding;
use crate::policy;

use super::support;
use super::{Ctx, Kind, Outcome, Read};

crate::args! {
    /// The kinds that look at one bucket: its name or a pattern
    /// (`my-bucket-*`).
    pub struct BucketArgs {
        required { bucket }
        optional {}
    }
}

crate::args! {
    /// `s3.website-index`: the index document website hosting must serve.
    pub struct WebsiteIndexArgs {
        required { bucket, index }
        optional {}
    }
}

crate::args! {
    /// The kinds that look at one object of a bucket.
    pub struct ObjectArgs {
        required { bucket, key }
        optional {}
    }
}

crate::args! {
    /// `s3.object-calls-api`: the object, and the API stage whose invoke
    /// URL it must call.
    pub struct ObjectCallsApiArgs {
        required { bucket, key, api, stage }
        optional {}
    }
}

/// The bucket the lab names (or whose pattern matches), and its name.
fn bucket<'a>(ctx: &Ctx<'a>, pattern: &str) -> Result<(&'a str, &'a Bucket), Outcome> {
    support::bucket(ctx.account, pattern)
}

/// The bucket of a kind that takes only `bucket`.
fn bucket_only<'a>(ctx: &Ctx<'a>) -> Result<(&'a str, &'a Bucket), Outcome> {
    bucket(ctx, &ctx.args::<BucketArgs>()?.bucket)
}

pub const BUCKET_EXISTS: Kind = Kind {
    name: "s3.bucket-exists",
    args: BucketArgs::SPEC,
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: |ctx| match bucket_only(ctx) {
        Ok((name, _)) => Outcome::pass(finding!("s3.bucket.exists", bucket = name)),
        Err(outcome) => outcome,
    },
};

pub const PUBLIC_POLICY_ALLOWED: Kind = Kind {
    name: "s3.public-policy-allowed",
    args: BucketArgs::SPEC,
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: public_policy_allowed,
};

fn public_policy_allowed(ctx: &Ctx<'_>) -> Outcome {
    let (name, bucket) = match bucket_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let account_level = match support::read(&ctx.account.s3.account_public_access_block) {
        Ok(block) => block.copied(),
        Err(outcome) => return outcome,
    };
    let bucket_level = match support::read(&bucket.public_access_block) {
        Ok(block) => block.copied(),
        Err(outcome) => return outcome,
    };
    let block = PublicAccessBlock::effective(account_level, bucket_level);
    let at_account =
        |pick: fn(&PublicAccessBlock) -> bool| account_level.as_ref().is_some_and(pick);
    if block.restrict_public_buckets {
        return Outcome::fail(if at_account(|b| b.restrict_public_buckets) {
            finding!("s3.block-public-access.restrict-account")
        } else {
            finding!("s3.block-public-access.restrict-bucket")
        });
    }
    if block.block_public_policy {
        return Outcome::fail(if at_account(|b| b.block_public_policy) {
            finding!("s3.block-public-access.block-policy-account")
        } else {
            finding!("s3.block-public-access.block-policy-bucket")
        });
    }
    Outcome::pass(finding!("s3.block-public-access.allows", bucket = name))
}

pub const WEBSITE_INDEX: Kind = Kind {
    name: "s3.website-index",
    args: WebsiteIndexArgs::SPEC,
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: website_index,
};

fn website_index(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<WebsiteIndexArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, bucket) = match bucket(ctx, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let want = a.index.as_str();
    match support::read(&bucket.website) {
        Err(outcome) => outcome,
        Ok(None) => Outcome::fail(finding!("s3.website.off", bucket = name, index = want)),
        Ok(Some(w)) if w.index_document == want => {
            Outcome::pass(finding!("s3.website.on", index = want))
        }
        Ok(Some(w)) => Outcome::fail(finding!(
            "s3.website.index-mismatch",
            found = w.index_document,
            expected = want
        )),
    }
}

pub const OBJECT_EXISTS: Kind = Kind {
    name: "s3.object-exists",
    args: ObjectArgs::SPEC,
    probe: false,
    reads: &[Read::Object {
        bucket: "bucket",
        key: "key",
    }],
    run: object_exists,
};

fn object_exists(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ObjectArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, bucket) = match bucket(ctx, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let key = a.key.as_str();
    // Listed is enough to exist, even if its content could not be read.
    if bucket.objects.contains_key(key) {
        return Outcome::pass(finding!("s3.object.exists", key = key, bucket = name));
    }
    if let Some(why) = ctx.account.refused("s3:ListBucket", name) {
        return support::unreadable(why);
    }
    match diag::did_you_mean(key, bucket.objects.keys().map(String::as_str)) {
        Some(near) => Outcome::fail(finding!(
            "s3.object.not-found-near",
            key = key,
            bucket = name,
            near = near
        )),
        None => Outcome::fail(finding!("s3.object.not-found", key = key, bucket = name)),
    }
}

pub const PUBLIC_READ: Kind = Kind {
    name: "s3.public-read",
    args: ObjectArgs::SPEC,
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: public_read,
};

fn public_read(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ObjectArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, bucket) = match bucket(ctx, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let key = a.key.as_str();
    let object_arn = format!("arn:aws:s3:::{name}/{key}");
    let document = match support::read(&bucket.policy) {
        Ok(Some(document)) => document,
        Ok(None) => return Outcome::fail(finding!("s3.bucket-policy.missing", bucket = name)),
        Err(outcome) => return outcome,
    };
    let policy = match policy::Policy::parse(document) {
        Ok(p) => p,
        Err(e) => return Outcome::error(finding!("s3.bucket-policy.invalid", error = e)),
    };
    if policy::allows_anonymous_unconditionally(&policy, "s3:GetObject", &object_arn) {
        return Outcome::pass(finding!("s3.public-read.allowed", object_arn = object_arn));
    }
    let bucket_arn = format!("arn:aws:s3:::{name}");
    if policy::allows_anonymous_unconditionally(&policy, "s3:GetObject", &bucket_arn) {
        return Outcome::fail(finding!(
            "s3.public-read.bucket-arn-only",
            bucket_arn = bucket_arn
        ));
    }
    Outcome::fail(finding!(
        "s3.public-read.not-allowed",
        object_arn = object_arn,
        bucket_arn = bucket_arn
    ))
}

pub const OBJECT_CALLS_API: Kind = Kind {
    name: "s3.object-calls-api",
    args: ObjectCallsApiArgs::SPEC,
    probe: false,
    reads: &[
        Read::Object {
            bucket: "bucket",
            key: "key",
        },
        Read::Api("api"),
    ],
    run: object_calls_api,
};

fn object_calls_api(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<ObjectCallsApiArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (name, bucket) = match bucket(ctx, &a.bucket) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, &a.api) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let key = a.key.as_str();
    let url = ctx.account.invoke_url(&api.id, &a.stage);
    let object = match bucket.objects.get(key) {
        Some(Evidence::Got(object)) => object,
        Some(Evidence::Unreadable(why)) => return support::unreadable(why),
        Some(Evidence::Absent) | None => {
            if let Some(why) = ctx.account.refused("s3:ListBucket", name) {
                return support::unreadable(why);
            }
            return Outcome::fail(finding!("s3.object.not-found", key = key, bucket = name));
        }
    };
    let Some(body) = &object.body else {
        return Outcome::error(finding!("s3.object.unreadable", key = key));
    };
    if body.contains(&url) {
        return Outcome::pass(finding!("s3.object.calls-api", key = key, url = url));
    }
    let other = body
        .split(|c: char| c.is_whitespace() || "\"'`()".contains(c))
        .find(|w| w.contains(".execute-api."));
    match other {
        Some(other) => Outcome::fail(finding!(
            "s3.object.calls-other",
            key = key,
            found = other,
            expected = url
        )),
        None => Outcome::fail(finding!("s3.object.no-api-call", key = key, url = url)),
    }
}
