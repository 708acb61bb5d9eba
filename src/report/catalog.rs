//! Finding codes rendered as sentences, from `locales/<lang>/findings.ftl`,
//! which `crate::i18n` embeds and loads with the other catalogs.
//!
//! Checks return a code and named arguments (`crate::checks::Finding`); this
//! is the one place that turns them into words. A Fluent id cannot contain a
//! dot, so a code's id is the code with `.` written as `-`. A language without
//! a message for a code falls back to English, which has them all (a test
//! holds `locales/en/findings.ftl` to `CODES`, exactly).

use fluent_bundle::FluentValue;

use crate::lang::Lang;

/// Every finding code a check can produce. Codes are stable: one is added
/// for a new verdict, never renamed or given another meaning.
pub const CODES: &[&str] = &[
    "engine.candidates.api-called",
    "engine.candidates.api-best",
    "engine.candidates.bucket-best",
    "engine.candidates.bounded",
    "engine.dependency-unmet",
    "engine.arguments-invalid",
    "probe.not-run.no-probe",
    "probe.not-run.endpoint",
    "iam.read.denied",
    "iam.read.denied-on",
    // Probes
    "probe.not-run",
    "probe.no-response",
    "probe.http.status",
    "probe.http.status-body",
    "probe.api.ok",
    "probe.api.ok-header",
    "probe.api.header-missing",
    "probe.website.ok",
    "probe.no-answer",
    "probe.alb.ok",
    "probe.alb-https.no-host",
    "probe.alb-https.ok",
    "probe.alb-https.no-answer",
    // IAM
    "iam.caller.unknown",
    "iam.caller.root",
    "iam.caller.not-root",
    "iam.admin-user.found",
    "iam.admin-user.no-users",
    "iam.admin-user.none",
    "iam.admin-user.undecided",
    "iam.policy.invalid",
    "iam.role.not-found",
    "iam.role.not-found-near",
    "iam.role.not-found-among",
    "iam.role.in-other-region",
    "iam.trust-policy.invalid",
    "iam.trust.allowed",
    "iam.trust.denied",
    "iam.trust.missing",
    "iam.role.allowed",
    "iam.role.allowed-by",
    "iam.role.denied-explicitly",
    "iam.role.denied-explicitly-by",
    "iam.role.no-policies",
    "iam.role.not-allowed",
    "iam.role.undecided",
    // DynamoDB
    "dynamodb.table.not-found",
    "dynamodb.table.not-found-near",
    "dynamodb.table.not-found-among",
    "dynamodb.table.in-other-region",
    "dynamodb.table.exists",
    "dynamodb.table.active",
    "dynamodb.table.settling",
    "dynamodb.table.not-active",
    "dynamodb.partition-key.matches",
    "dynamodb.partition-key.mismatch",
    "dynamodb.key-schema.unreadable",
    "dynamodb.items.present",
    "dynamodb.items.empty",
    // Lambda
    "lambda.function.not-found",
    "lambda.function.not-found-near",
    "lambda.function.not-found-among",
    "lambda.function.in-other-region",
    "lambda.function.pending",
    "lambda.function.failed",
    "lambda.function.exists",
    "lambda.runtime.matches",
    "lambda.runtime.none",
    "lambda.runtime.mismatch",
    "lambda.execution-role.matches",
    "lambda.execution-role.mismatch",
    "lambda.resource-policy.missing",
    "lambda.resource-policy.invalid",
    "lambda.invoke-permission.allowed",
    "lambda.invoke-permission.missing",
    // API Gateway
    "apigateway.api.not-found",
    "apigateway.api.not-found-near",
    "apigateway.api.not-found-among",
    "apigateway.api.in-other-region",
    "apigateway.api.exists",
    "apigateway.resource.not-found",
    "apigateway.resource.not-found-near",
    "apigateway.method.none",
    "apigateway.method.mismatch",
    "apigateway.method.exists",
    "apigateway.integration.missing",
    "apigateway.integration.proxy",
    "apigateway.integration.wrong-function",
    "apigateway.integration.not-proxy",
    "apigateway.integration.wrong-type",
    "apigateway.header.missing",
    "apigateway.header.present",
    "apigateway.header.includes",
    "apigateway.header.lacks",
    "apigateway.stage.deployed",
    "apigateway.stage.not-deployed",
    "apigateway.stage.not-found-near",
    "apigateway.stage.none",
    "apigateway.stage.not-found-among",
    // S3
    "s3.bucket.not-found",
    "s3.bucket.not-found-near",
    "s3.bucket.not-found-among",
    "s3.bucket.in-other-region",
    "s3.bucket.no-match",
    "s3.bucket.no-match-near",
    "s3.bucket.no-match-among",
    "s3.bucket.exists",
    "s3.block-public-access.restrict-account",
    "s3.block-public-access.restrict-bucket",
    "s3.block-public-access.block-policy-account",
    "s3.block-public-access.block-policy-bucket",
    "s3.block-public-access.allows",
    "s3.website.off",
    "s3.website.on",
    "s3.website.index-mismatch",
    "s3.object.exists",
    "s3.object.not-found",
    "s3.object.not-found-near",
    "s3.object.unreadable",
    "s3.object.calls-api",
    "s3.object.calls-other",
    "s3.object.no-api-call",
    "s3.bucket-policy.missing",
    "s3.bucket-policy.invalid",
    "s3.public-read.allowed",
    "s3.public-read.bucket-arn-only",
    "s3.public-read.not-allowed",
    // serverless-backend: Lambda's console role, scoped policies, logs,
    // the endpoint type and API Gateway's execution logging.
    "lambda.execution-role.console-default",
    "iam.customer-policy.allows",
    "iam.customer-policy.not-allowing",
    "iam.customer-policy.none",
    "iam.least-privilege.scoped",
    "iam.least-privilege.not-allowed",
    "iam.least-privilege.too-broad",
    "logs.log-group.not-found",
    "logs.log-group.not-found-near",
    "logs.log-group.not-found-among",
    "logs.log-group.in-other-region",
    "logs.log-group.exists",
    "logs.log-stream.exists",
    "logs.log-stream.none",
    "apigateway.endpoint.unread",
    "apigateway.endpoint.matches",
    "apigateway.endpoint.mismatch",
    "apigateway.stage-logging.on",
    "apigateway.stage-logging.off",
    "apigateway.account.logs-role-unset",
    "apigateway.account.logs-role-missing",
    "apigateway.account.logs-role-set",
    // vpc-s3-endpoint: EC2 network, endpoint, instance profile
    "ec2.instance.not-found",
    "ec2.instance.not-found-among",
    "ec2.instance.running",
    "ec2.instance.pending",
    "ec2.instance.not-running",
    "ec2.route-table.not-found",
    "ec2.route-table.internet-route",
    "ec2.route-table.blackhole",
    "ec2.route-table.private",
    "ec2.endpoint.other-vpc",
    "ec2.endpoint.none",
    "ec2.endpoint.not-gateway",
    "ec2.endpoint.gateway",
    "ec2.endpoint.pending",
    "ec2.endpoint.unavailable",
    "ec2.endpoint-route.no-tables",
    "ec2.endpoint-route.other-table",
    "ec2.endpoint-route.blackhole",
    "ec2.endpoint-route.present",
    "ec2.endpoint-route.missing",
    "ec2.endpoint.bucket-other-region",
    "ec2.endpoint-policy.full-access",
    "ec2.endpoint-policy.invalid",
    "ec2.endpoint-policy.allows",
    "ec2.endpoint-policy.denies",
    "ec2.instance-profile.none",
    "ec2.instance-profile.no-role",
    "ec2.instance-profile.missing",
    "ec2.instance-profile.role",
    "s3.object.uploaded",
    "s3.object.none-uploaded",
    // alb-autoscaling: load balancer, Auto Scaling, ACM
    "elb.alb.not-found",
    "elb.alb.not-found-among",
    "elb.alb.not-application",
    "elb.alb.internal",
    "elb.alb.one-zone",
    "elb.alb.provisioning",
    "elb.alb.ok",
    "elb.alb-sg.open",
    "elb.alb-sg.closed",
    "elb.instances-sg.from-alb",
    "elb.instances-sg.world",
    "elb.instances-sg.closed",
    "elb.listener.missing",
    "elb.listener.forwards",
    "elb.listener.no-forward",
    "elb.target-group.not-found",
    "elb.target-group.not-found-among",
    "elb.target-group.wrong-port",
    "elb.target-group.ok",
    "ec2.launch-template.not-found",
    "ec2.launch-template.not-found-among",
    "ec2.launch-template.exists",
    "autoscaling.group.not-found",
    "autoscaling.group.not-found-among",
    "autoscaling.group.no-template",
    "autoscaling.group.max",
    "autoscaling.group.ok",
    "autoscaling.attached.yes",
    "autoscaling.attached.none",
    "autoscaling.attached.other",
    "autoscaling.policy.cpu",
    "autoscaling.policy.none",
    "elb.targets.healthy",
    "elb.targets.initial",
    "elb.targets.unhealthy",
    "elb.targets.none",
    "elb.targets.not-healthy",
    "acm.certificate.in-other-region",
    "acm.certificate.none",
    "acm.certificate.none-any",
    "acm.certificate.issued",
    "acm.certificate.pending",
    "acm.certificate.not-issued",
    "elb.https.missing",
    "elb.https.ok",
    "elb.https.wrong-certificate",
    // sns-notify
    "sns.topic.exists",
    "sns.topic.not-found",
    "sns.topic.not-found-near",
    "sns.topic.not-found-among",
    "sns.topic.in-other-region",
    "sns.subscription.confirmed",
    "sns.subscription.pending",
    "sns.subscription.none",
    "sns.subscription.no-email",
    "lambda.role.unknown",
    "lambda.environment.has-topic",
    "lambda.environment.other-topic",
    "lambda.environment.no-topic",
    "s3.trigger.fires",
    "s3.trigger.none",
    "s3.trigger.other-function",
    "s3.trigger.filter-excludes",
    "s3.trigger.wrong-events",
    "lambda.s3-permission.allowed",
    "lambda.s3-permission.missing",
    "s3.object-acl.public",
    "s3.object-acl.acls-disabled",
    "s3.object-acl.ignored-account",
    "s3.object-acl.ignored-bucket",
    "s3.object-acl.blocked-account",
    "s3.object-acl.blocked-bucket",
    "s3.object-acl.private",
];

/// The Fluent id of a finding code.
pub fn message_id(code: &str) -> String {
    code.replace('.', "-")
}

/// The sentence for a finding, in `lang` or else in English; the code itself
/// if no catalog has it (which the tests rule out for every code in `CODES`).
pub fn render<'a>(
    lang: Lang,
    code: &str,
    args: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = args
        .into_iter()
        .map(|(name, value)| (name, FluentValue::from(value)))
        .collect();
    crate::i18n::lookup(lang, &message_id(code), &args).unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast;

    use super::*;

    /// The findings catalog of a language, as `crate::i18n` embeds it.
    fn source(lang: Lang) -> Option<&'static str> {
        crate::i18n::catalog("findings", lang)
    }

    fn english() -> FluentResource {
        match FluentResource::try_new(source(Lang::En).unwrap().to_string()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("locales/en/findings.ftl does not parse: {errors:?}"),
        }
    }

    /// The variables a message uses.
    fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
            } = element
            {
                out.insert(id.name.to_string());
            }
        }
        out
    }

    #[test]
    fn the_english_catalog_has_exactly_the_codes() {
        let resource = english();
        let mut ids = Vec::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                ids.push(m.id.name.to_string());
            }
        }
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids in the catalog");
        let want: BTreeSet<String> = CODES.iter().map(|c| message_id(c)).collect();
        assert_eq!(CODES.len(), want.len(), "a code is listed twice in CODES");
        let have: BTreeSet<String> = ids.into_iter().collect();
        let missing: Vec<_> = want.difference(&have).collect();
        let extra: Vec<_> = have.difference(&want).collect();
        assert!(missing.is_empty(), "codes without a message: {missing:?}");
        assert!(extra.is_empty(), "messages without a code: {extra:?}");
    }

    #[test]
    fn codes_are_lowercase_and_dotted() {
        for code in CODES {
            let parts: Vec<&str> = code.split('.').collect();
            assert!((2..=3).contains(&parts.len()), "{code}");
            assert!(parts.iter().all(|p| !p.is_empty()), "{code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.".contains(c)),
                "{code}"
            );
        }
    }

    fn message<'r>(resource: &'r FluentResource, code: &str) -> &'r ast::Message<&'r str> {
        let id = message_id(code);
        resource
            .entries()
            .find_map(|e| match e {
                ast::Entry::Message(m) if m.id.name == id => Some(m),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no message for {code}"))
    }

    #[test]
    fn every_code_renders_with_sample_args_and_nothing_left_unfilled() {
        let resource = english();
        for code in CODES {
            let names = variables(message(&resource, code).value.as_ref().expect("a value"));
            let samples: Vec<(String, String)> = names
                .iter()
                .map(|n| (n.clone(), format!("<{n}>")))
                .collect();
            let text = render(
                Lang::En,
                code,
                samples.iter().map(|(n, v)| (n.as_str(), v.as_str())),
            );
            assert_ne!(text, *code, "{code}: no message");
            assert!(!text.contains("{$"), "{code}: {text}");
            assert!(
                !text.contains('\u{2068}'),
                "{code}: isolation marks in {text}"
            );
            for n in &names {
                assert!(
                    text.contains(&format!("<{n}>")),
                    "{code}: {n} missing from {text}"
                );
            }
        }
    }

    /// The `finding!` calls in a source file: each code and the argument
    /// names written in the call.
    fn finding_calls(text: &str) -> Vec<(String, BTreeSet<String>)> {
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = text.as_str();
        let mut out = Vec::new();
        for (at, _) in text.match_indices("finding!(") {
            let body = &text[at + "finding!(".len()..];
            let (mut depth, mut end) = (1, body.len());
            for (i, c) in body.char_indices() {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let call = &body[..end];
            let Some(code) = call.split('"').nth(1) else {
                continue;
            };
            let names = call
                .split(',')
                .skip(1)
                .filter_map(|part| part.split_once(" = ").map(|(n, _)| n.trim().to_string()))
                .collect();
            out.push((code.to_string(), names));
        }
        out
    }

    /// The arguments added with `.arg("name", …)` in a source file.
    fn added_args(text: &str) -> BTreeSet<String> {
        text.match_indices(".arg(\"")
            .filter_map(|(at, _)| text[at + 6..].split('"').next().map(str::to_string))
            .collect()
    }

    /// Every code the checks can produce is in `CODES` (so in the catalog),
    /// every code in `CODES` is produced somewhere, and every variable a
    /// message uses is an argument its check gives.
    #[test]
    fn the_checks_produce_exactly_the_codes_with_the_args_the_catalog_uses() {
        let resource = english();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut produced = BTreeSet::new();
        let mut problems = Vec::new();
        // The checks make findings; the engine makes its notes and skips.
        let mut files: Vec<_> = ["src/checks", "src/engine"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            // Codes named outside `finding!`: the not-found variants.
            for line in text.lines() {
                let line = line.trim();
                for field in ["none: \"", "near: \"", "among: \"", "elsewhere: \""] {
                    if let Some(rest) = line.strip_prefix(field) {
                        produced.insert(rest.split('"').next().unwrap().to_string());
                    }
                }
            }
            let added = added_args(&text);
            for (code, names) in finding_calls(&text) {
                if !code.contains('.') {
                    continue;
                }
                produced.insert(code.clone());
                if !CODES.contains(&code.as_str()) {
                    problems.push(format!("{file}: `{code}` is not in CODES"));
                    continue;
                }
                let used = variables(message(&resource, &code).value.as_ref().unwrap());
                for v in used {
                    if !names.contains(&v) && !added.contains(&v) {
                        problems.push(format!(
                            "{file}: `{code}` uses ${v}, which the check does not give"
                        ));
                    }
                }
            }
        }
        for code in CODES {
            if !produced.contains(*code) {
                problems.push(format!("`{code}` is in CODES but no check produces it"));
            }
        }
        assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    }

    /// Korean has every code English has, each with the same arguments,
    /// written as whole sentences (no particle spliced after an argument).
    #[test]
    fn the_korean_catalog_has_every_code_with_the_same_arguments() {
        let korean = match FluentResource::try_new(source(Lang::Ko).unwrap().to_string()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("locales/ko/findings.ftl does not parse: {errors:?}"),
        };
        let english = english();
        for code in CODES {
            let en = variables(message(&english, code).value.as_ref().expect("a value"));
            let ko = variables(message(&korean, code).value.as_ref().expect("a value"));
            assert_eq!(en, ko, "{code}: the Korean uses other arguments");
            let mut args = Vec::new();
            let names: Vec<String> = ko.iter().cloned().collect();
            for n in &names {
                args.push((n.as_str(), "x"));
            }
            let text = render(Lang::Ko, code, args);
            assert!(
                text.chars().any(|c| ('가'..='힣').contains(&c)),
                "{code}: {text}"
            );
            assert!(
                !text.contains("{$") && !text.contains("(가)") && !text.contains("(를)"),
                "{code}: {text}"
            );
        }
    }

    #[test]
    fn korean_renders_whole_sentences_with_the_arguments() {
        let text = render(
            Lang::Ko,
            "dynamodb.partition-key.mismatch",
            [
                ("found", "id"),
                ("found_type", "S"),
                ("expected", "name"),
                ("expected_type", "S"),
            ],
        );
        assert!(text.contains("`id`") && text.contains("`name`"), "{text}");
        assert!(text.contains("파티션 키"), "{text}");
    }

    #[test]
    fn an_unknown_code_renders_as_itself() {
        assert_eq!(render(Lang::En, "no.such.code", []), "no.such.code");
    }
}
