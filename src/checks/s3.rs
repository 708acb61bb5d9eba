//! S3 check kinds: the bucket, Block Public Access, website hosting, objects
//! and the bucket policy, judged the way S3 judges them.

use crate::account::{Bucket, PublicAccessBlock};
use crate::diag;
use crate::policy;

use super::support;
use super::{Ctx, Kind, Outcome, Read};

fn bucket<'a>(ctx: &Ctx<'a>) -> Result<(&'a str, &'a Bucket), Outcome> {
    support::bucket(ctx.account, ctx.arg("bucket", ""))
}

pub const BUCKET_EXISTS: Kind = Kind {
    name: "s3.bucket-exists",
    params: &["bucket"],
    optional: &[],
    summary: "a bucket with this name (or matching this pattern) exists",
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: |ctx| match bucket(ctx) {
        Ok((name, _)) => Outcome::pass(format!("bucket `{name}` exists")),
        Err(outcome) => outcome,
    },
};

/// The Block Public Access settings in force on a bucket: account and bucket
/// level combine, each setting on if either level has it on.
pub fn effective_block(
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

pub const PUBLIC_POLICY_ALLOWED: Kind = Kind {
    name: "s3.public-policy-allowed",
    params: &["bucket"],
    optional: &[],
    summary: "Block Public Access (bucket or account level) does not block a public bucket policy",
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: public_policy_allowed,
};

fn public_policy_allowed(ctx: &Ctx<'_>) -> Outcome {
    let (name, bucket) = match bucket(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if ctx.account.was_denied("s3:GetBucketPublicAccessBlock") {
        return support::denied("s3:GetBucketPublicAccessBlock");
    }
    let account_level = ctx.account.s3.account_public_access_block;
    let block = effective_block(account_level, bucket.public_access_block);
    let level = |pick: fn(&PublicAccessBlock) -> bool| {
        if account_level.as_ref().is_some_and(pick) {
            "account"
        } else {
            "bucket"
        }
    };
    if block.restrict_public_buckets {
        return Outcome::fail(format!(
            "Block Public Access RestrictPublicBuckets is on ({} level): anonymous access through a public policy is refused; expected it off",
            level(|b| b.restrict_public_buckets)
        ));
    }
    if block.block_public_policy {
        return Outcome::fail(format!(
            "Block Public Access BlockPublicPolicy is on ({} level): S3 refuses a public bucket policy; expected it off",
            level(|b| b.block_public_policy)
        ));
    }
    Outcome::pass(format!(
        "Block Public Access lets `{name}` have a public policy"
    ))
}

pub const WEBSITE_INDEX: Kind = Kind {
    name: "s3.website-index",
    params: &["bucket", "index"],
    optional: &[],
    summary: "static website hosting is on with this index document",
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: website_index,
};

fn website_index(ctx: &Ctx<'_>) -> Outcome {
    let (name, bucket) = match bucket(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let want = ctx.arg("index", "index.html");
    match &bucket.website {
        None if ctx.account.was_denied("s3:GetBucketWebsite") => {
            support::denied("s3:GetBucketWebsite")
        }
        None => Outcome::fail(format!(
            "static website hosting is off on `{name}`; expected it on with index document `{want}`"
        )),
        Some(w) if w.index_document == want => {
            Outcome::pass(format!("website hosting is on, index document `{want}`"))
        }
        Some(w) => Outcome::fail(format!(
            "index document is `{}`; expected `{want}`",
            w.index_document
        )),
    }
}

pub const OBJECT_EXISTS: Kind = Kind {
    name: "s3.object-exists",
    params: &["bucket", "key"],
    optional: &[],
    summary: "the object exists in the bucket",
    probe: false,
    reads: &[Read::Object {
        bucket: "bucket",
        key: "key",
    }],
    run: object_exists,
};

fn object_exists(ctx: &Ctx<'_>) -> Outcome {
    let (name, bucket) = match bucket(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let key = ctx.arg("key", "");
    if bucket.objects.contains_key(key) {
        return Outcome::pass(format!("`{key}` is in `{name}`"));
    }
    if ctx.account.was_denied("s3:ListBucket") {
        return support::denied("s3:ListBucket");
    }
    match diag::did_you_mean(key, bucket.objects.keys().map(String::as_str)) {
        Some(near) => Outcome::fail(format!(
            "`{key}` not found in `{name}`; did you mean `{near}`?"
        )),
        None => Outcome::fail(format!("`{key}` not found in `{name}`")),
    }
}

pub const PUBLIC_READ: Kind = Kind {
    name: "s3.public-read",
    params: &["bucket", "key"],
    optional: &[],
    summary: "the bucket policy lets anyone s3:GetObject the object, with no condition narrowing it",
    probe: false,
    reads: &[Read::Bucket("bucket")],
    run: public_read,
};

fn public_read(ctx: &Ctx<'_>) -> Outcome {
    let (name, bucket) = match bucket(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let key = ctx.arg("key", "index.html");
    let object_arn = format!("arn:aws:s3:::{name}/{key}");
    let Some(document) = &bucket.policy else {
        if ctx.account.was_denied("s3:GetBucketPolicy") {
            return support::denied("s3:GetBucketPolicy");
        }
        return Outcome::fail(format!(
            "`{name}` has no bucket policy; expected one letting anyone (Principal \"*\") s3:GetObject on arn:aws:s3:::{name}/*"
        ));
    };
    let policy = match policy::Policy::parse(document) {
        Ok(p) => p,
        Err(e) => return Outcome::error(format!("the bucket policy could not be read: {e}")),
    };
    if policy::allows_anonymous_unconditionally(&policy, "s3:GetObject", &object_arn) {
        return Outcome::pass(format!("anyone may s3:GetObject {object_arn}"));
    }
    let bucket_arn = format!("arn:aws:s3:::{name}");
    if policy::allows_anonymous_unconditionally(&policy, "s3:GetObject", &bucket_arn) {
        return Outcome::fail(format!(
            "the policy grants s3:GetObject on {bucket_arn} only, which names the bucket, not its objects; expected Resource {bucket_arn}/*"
        ));
    }
    Outcome::fail(format!(
        "the bucket policy does not let anyone s3:GetObject {object_arn} without conditions; expected Effect Allow, Principal \"*\", Action s3:GetObject, Resource {bucket_arn}/*"
    ))
}

pub const OBJECT_CALLS_API: Kind = Kind {
    name: "s3.object-calls-api",
    params: &["bucket", "key", "api", "stage"],
    optional: &[],
    summary: "the object's content calls the API stage's invoke URL",
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
    let (name, bucket) = match bucket(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let api = match support::api(ctx.account, ctx.arg("api", "")) {
        Ok(api) => api,
        Err(outcome) => return outcome,
    };
    let key = ctx.arg("key", "index.html");
    let url = ctx.account.invoke_url(&api.id, ctx.arg("stage", ""));
    let Some(object) = bucket.objects.get(key) else {
        return Outcome::fail(format!("`{key}` not found in `{name}`"));
    };
    let Some(body) = &object.body else {
        if ctx.account.was_denied("s3:GetObject") {
            return support::denied("s3:GetObject");
        }
        return Outcome::error(format!("the content of `{key}` could not be read"));
    };
    if body.contains(&url) {
        return Outcome::pass(format!("`{key}` calls {url}"));
    }
    let other = body
        .split(|c: char| c.is_whitespace() || "\"'`()".contains(c))
        .find(|w| w.contains(".execute-api."));
    match other {
        Some(other) => Outcome::fail(format!("`{key}` calls {other}; expected {url}")),
        None => Outcome::fail(format!(
            "`{key}` does not call the API; expected it to call {url}"
        )),
    }
}
