//! The embedded simulator: a fixture file (`fixtures/`) turned into an
//! account model with AWS's semantics: AWS managed policies resolve to their
//! documents, ARNs follow from names, and the HTTP probes are answered from
//! the configuration the way API Gateway and the S3 website endpoint would.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::account::{Account, Evidence};
use crate::builtin;
use crate::diag::{self, Location};
use crate::policy::Policy;

mod probes;

/// The account id fixtures get when they do not name one.
pub const DEFAULT_ACCOUNT_ID: &str = "123456789012";

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("{at}: {message}")]
    Invalid { at: Location, message: String },
    #[error(
        "unknown fixture `{name}` for lab `{lab}`{suggestion}; built-in fixtures: {known}. Give a fixture name or the path of a fixture file"
    )]
    Unknown {
        name: String,
        lab: String,
        suggestion: String,
        known: String,
    },
    #[error(
        "lab `{lab}` has no built-in fixtures; give a fixture file with `--sim account.toml`, for example one saved from a real account with `labcheck snapshot LAB account.toml`"
    )]
    NoFixtures { lab: String },
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

/// A loaded fixture: the account, and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub name: String,
    pub account: Account,
}

/// The names of a lab's built-in fixtures.
pub fn builtin_names(lab: &str) -> Vec<&'static str> {
    builtin::FIXTURES
        .iter()
        .filter_map(|(key, _)| key.strip_prefix(lab)?.strip_prefix('/'))
        .collect()
}

/// Resolves `--sim [NAME|PATH]` for a lab: empty means the lab's complete
/// account; a built-in name; otherwise a file path.
pub fn load(lab: &str, region: &str, choice: &str) -> Result<Loaded, SimError> {
    let name = if choice.is_empty() {
        "complete"
    } else {
        choice
    };
    if let Some(text) = builtin::find(builtin::FIXTURES, &format!("{lab}/{name}")) {
        let file = format!("fixtures/{lab}/{name}.toml");
        return Ok(Loaded {
            name: format!("simulator:{name}"),
            account: parse(&file, text, lab, region)?,
        });
    }
    let path = Path::new(name);
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || path.is_file()
    {
        return load_file(lab, region, path);
    }
    let known = builtin_names(lab);
    if known.is_empty() {
        return Err(SimError::NoFixtures {
            lab: lab.to_string(),
        });
    }
    let suggestion = diag::did_you_mean(name, known.iter().copied())
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    Err(SimError::Unknown {
        name: name.to_string(),
        lab: lab.to_string(),
        suggestion,
        known: known.join(", "),
    })
}

/// Loads a fixture file (a snapshot, or one written by hand).
pub fn load_file(lab: &str, region: &str, path: &Path) -> Result<Loaded, SimError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| SimError::Read {
        path: name.clone(),
        source,
    })?;
    Ok(Loaded {
        account: parse(&name, &text, lab, region)?,
        name: format!("simulator:{name}"),
    })
}

/// Parses a fixture's text into an account, filling what AWS would. `lab`
/// names the lab whose built-in fixtures `extends` may name.
pub fn parse(file: &str, text: &str, lab: &str, default_region: &str) -> Result<Account, SimError> {
    let toml_error = |e: toml::de::Error| {
        let (at, message) = diag::toml_error(file, text, &e);
        SimError::Invalid { at, message }
    };
    let invalid = |needle: &str, message: String| SimError::Invalid {
        at: text
            .find(needle)
            .map_or_else(|| Location::file(file), |o| Location::at(file, text, o)),
        message,
    };
    // The file is read on its own first, so that its errors point into it.
    let own: Account = toml::from_str(text).map_err(toml_error)?;
    let info = own.fixture.clone().unwrap_or_default();
    let mut account = match &info.extends {
        None => own,
        Some(base) => {
            let mut merged = base_table(file, lab, base, 0)?;
            // Removed from what the base brought before this file's own
            // values go on, so a fixture can replace a value with another
            // shape (a website with `{ unreadable = ... }`).
            for path in &info.remove {
                if !remove(&mut merged, path) {
                    return Err(invalid(
                        &format!("\"{path}\""),
                        format!("cannot remove `{path}`: the fixture `{base}` has no such entry"),
                    ));
                }
            }
            let overlay: toml::Table = toml::from_str(text).map_err(toml_error)?;
            merge(&mut merged, overlay);
            toml::Value::Table(merged)
                .try_into()
                .map_err(|e: toml::de::Error| {
                    let message = e.message().trim().replace('\n', " ");
                    invalid(base, format!("after merging `{base}`: {message}"))
                })?
        }
    };

    if account.account_id.is_empty() {
        account.account_id = DEFAULT_ACCOUNT_ID.to_string();
    }
    if account.region.is_empty() {
        account.region = default_region.to_string();
    }
    if account.caller.arn.is_empty() {
        account.caller.arn = format!("arn:aws:iam::{}:user/admin", account.account_id);
    }
    fill_arns(&mut account);
    resolve_managed_policies(&mut account, &invalid)?;
    check_documents(&account, &invalid)?;
    if account.probes.responses.is_empty() && account.probes.skipped.is_none() {
        account.probes.responses = probes::answer(&account);
    }
    Ok(account)
}

/// ARNs follow from names, as AWS assigns them.
fn fill_arns(account: &mut Account) {
    let id = account.account_id.clone();
    let region = account.region.clone();
    for (name, user) in &mut account.iam.users {
        if user.arn.is_empty() {
            user.arn = format!("arn:aws:iam::{id}:user/{name}");
        }
    }
    for (name, role) in &mut account.iam.roles {
        if role.arn.is_empty() {
            role.arn = format!("arn:aws:iam::{id}:role/{name}");
        }
    }
    for (name, table) in &mut account.dynamodb {
        if table.arn.is_empty() {
            table.arn = format!("arn:aws:dynamodb:{region}:{id}:table/{name}");
        }
        if table.status.is_empty() {
            table.status = "ACTIVE".to_string();
        }
    }
    for (name, function) in &mut account.lambda {
        if function.arn.is_empty() {
            function.arn = format!("arn:aws:lambda:{region}:{id}:function:{name}");
        }
        if function.state.is_empty() {
            function.state = "Active".to_string();
        }
    }
    for bucket in account.s3.buckets.values_mut() {
        if bucket.region.is_empty() {
            bucket.region.clone_from(&region);
        }
    }
    for (name, topic) in &mut account.sns.topics {
        if topic.arn.is_empty() {
            topic.arn = format!("arn:aws:sns:{region}:{id}:{name}");
        }
    }
}

#[derive(Deserialize)]
struct ManagedPolicies {
    policies: BTreeMap<String, crate::account::ManagedPolicy>,
}

/// The AWS managed policies the simulator knows (`fixtures/aws-managed-policies.toml`).
pub fn aws_managed_policies() -> BTreeMap<String, crate::account::ManagedPolicy> {
    const TEXT: &str = include_str!("../../fixtures/aws-managed-policies.toml");
    // The file is part of the binary and a test parses it, so a failure here
    // is a build defect, not user input.
    toml::from_str::<ManagedPolicies>(TEXT)
        .map(|m| m.policies)
        .unwrap_or_default()
}

fn resolve_managed_policies(
    account: &mut Account,
    invalid: &dyn Fn(&str, String) -> SimError,
) -> Result<(), SimError> {
    let iam = &account.iam;
    let attached: Vec<String> = iam
        .users
        .values()
        .flat_map(|u| &u.attached_policies)
        .chain(iam.groups.values().flat_map(|g| &g.attached_policies))
        .chain(iam.roles.values().flat_map(|r| &r.attached_policies))
        .cloned()
        .collect();
    let known = aws_managed_policies();
    for arn in attached {
        if account.iam.policies.contains_key(&arn) {
            continue;
        }
        match known.get(&arn) {
            Some(policy) => {
                account
                    .iam
                    .policies
                    .insert(arn, Evidence::Got(policy.clone()));
            }
            None if arn.starts_with("arn:aws:iam::aws:policy/") => {
                let hint = diag::did_you_mean(&arn, known.keys().map(String::as_str))
                    .map(|n| format!("did you mean {n}? If not, "))
                    .unwrap_or_default();
                return Err(invalid(
                    &arn,
                    format!(
                        "the simulator does not know the AWS managed policy {arn}; {hint}define its document under [iam.policies.\"{arn}\"]"
                    ),
                ));
            }
            None => {
                return Err(invalid(
                    &arn,
                    format!(
                        "policy {arn} is attached but not defined; add [iam.policies.\"{arn}\"] with its document"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The tables of the fixture `name` (built-in, or a path next to `file`),
/// its own `extends` applied, without its `[fixture]` metadata.
fn base_table(file: &str, lab: &str, name: &str, depth: usize) -> Result<toml::Table, SimError> {
    let at = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| Some(Location::at(file, &text, text.find("extends")?)))
        .unwrap_or_else(|| Location::file(file));
    if depth > 8 {
        return Err(SimError::Invalid {
            at,
            message: format!(
                "`extends` goes more than 8 fixtures deep at `{name}`; is there a cycle?"
            ),
        });
    }
    let (base_file, text) = if let Some(text) =
        builtin::find(builtin::FIXTURES, &format!("{lab}/{name}"))
    {
        (format!("fixtures/{lab}/{name}.toml"), text.to_string())
    } else {
        let path = Path::new(file)
            .parent()
            .unwrap_or(Path::new("."))
            .join(name);
        let text = std::fs::read_to_string(&path).map_err(|_| {
            let known = builtin_names(lab);
            let hint = diag::did_you_mean(name, known.iter().copied())
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            SimError::Invalid {
                at: at.clone(),
                message: format!(
                    "`extends = \"{name}\"`: lab `{lab}` has no built-in fixture `{name}` and there is no file {}; {hint}built-in fixtures: {}",
                    path.display(),
                    known.join(", ")
                ),
            }
        })?;
        (path.display().to_string(), text)
    };
    let mut table: toml::Table = toml::from_str(&text).map_err(|e| {
        let (at, message) = diag::toml_error(&base_file, &text, &e);
        SimError::Invalid { at, message }
    })?;
    let fixture = table.remove("fixture");
    let parent = fixture
        .as_ref()
        .and_then(|f| f.get("extends"))
        .and_then(|e| e.as_str());
    match parent {
        Some(parent) => {
            let mut merged = base_table(&base_file, lab, parent, depth + 1)?;
            merge(&mut merged, table);
            Ok(merged)
        }
        None => Ok(table),
    }
}

/// Merges `overlay` into `base`: tables key by key, anything else replaced.
fn merge(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Deletes a dotted path (`s3.buckets.my-bucket-1.website`); keys may be
/// quoted (`objects."index.html"`). False when it is not there.
fn remove(table: &mut toml::Table, path: &str) -> bool {
    let keys = split_dotted(path);
    let Some((last, parents)) = keys.split_last() else {
        return false;
    };
    let mut at = table;
    for key in parents {
        match at.get_mut(key.as_str()) {
            Some(toml::Value::Table(t)) => at = t,
            _ => return false,
        }
    }
    at.remove(last.as_str()).is_some()
}

fn split_dotted(path: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in path.chars() {
        match c {
            '"' => quoted = !quoted,
            '.' if !quoted => keys.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    keys.push(current);
    keys
}

/// Every policy document must be valid, as AWS would not have stored it
/// otherwise.
fn check_documents(
    account: &Account,
    invalid: &dyn Fn(&str, String) -> SimError,
) -> Result<(), SimError> {
    let iam = &account.iam;
    let mut documents: Vec<(String, &str)> = Vec::new();
    // Only documents a fixture gives: one it marks unreadable has none.
    for (name, user) in &iam.users {
        for (p, doc) in &user.inline_policies {
            if let Some(doc) = doc.got() {
                documents.push((format!("inline policy `{p}` of user `{name}`"), doc));
            }
        }
    }
    for (name, group) in &iam.groups {
        for (p, doc) in &group.inline_policies {
            if let Some(doc) = doc.got() {
                documents.push((format!("inline policy `{p}` of group `{name}`"), doc));
            }
        }
    }
    for (name, role) in &iam.roles {
        documents.push((
            format!("the trust policy of role `{name}`"),
            &role.trust_policy,
        ));
        for (p, doc) in &role.inline_policies {
            if let Some(doc) = doc.got() {
                documents.push((format!("inline policy `{p}` of role `{name}`"), doc));
            }
        }
    }
    for (arn, policy) in &iam.policies {
        if let Some(policy) = policy.got() {
            documents.push((format!("policy {arn}"), &policy.document));
        }
    }
    for (name, function) in &account.lambda {
        if let Some(doc) = function.resource_policy.got() {
            documents.push((format!("the resource policy of function `{name}`"), doc));
        }
    }
    for (name, bucket) in &account.s3.buckets {
        if let Some(doc) = bucket.policy.got() {
            documents.push((format!("the policy of bucket `{name}`"), doc));
        }
    }
    for (what, document) in documents {
        if let Err(e) = Policy::parse(document) {
            let needle = document.trim().lines().next().unwrap_or_default();
            return Err(invalid(
                needle,
                format!("{what} is not a valid policy: {e}"),
            ));
        }
    }
    Ok(())
}

/// Lint for a fixture's `[fixture.expect]`: every check it names exists in
/// the lab, with a real status.
pub fn check_expectations(
    file: &str,
    text: &str,
    lab: &crate::lab::Lab,
    expect: &crate::account::Expect,
) -> Result<(), String> {
    let ids: Vec<&str> = lab.checks().map(|c| c.id.as_str()).collect();
    let at = |needle: &str| {
        text.find(needle)
            .map_or_else(|| Location::file(file), |o| Location::at(file, text, o))
    };
    for (id, status) in &expect.status {
        if !ids.contains(&id.as_str()) {
            let hint = diag::did_you_mean(id, ids.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            return Err(format!(
                "{}: [fixture.expect] names check `{id}`, which lab `{}` does not have{hint}",
                at(id),
                lab.id
            ));
        }
        if crate::checks::Status::parse(status).is_none() {
            return Err(format!(
                "{}: expected status of `{id}` is `{status}`; use one of pass, fail, pending, error, skipped",
                at(status)
            ));
        }
    }
    for (table, id) in expect
        .code
        .keys()
        .map(|id| ("code", id))
        .chain(expect.args.keys().map(|id| ("args", id)))
    {
        if !ids.contains(&id.as_str()) {
            return Err(format!(
                "{}: [fixture.expect.{table}] names check `{id}`, which lab `{}` does not have",
                at(id),
                lab.id
            ));
        }
    }
    Ok(())
}

/// How a lab result differs from a fixture's expected verdict: one line per
/// difference, none when it matches.
pub fn compare(expect: &crate::account::Expect, result: &crate::checks::LabResult) -> Vec<String> {
    let mut differences = Vec::new();
    for check in result.checks() {
        let want = expect.status.get(&check.id).map_or("pass", String::as_str);
        if check.status.as_str() != want {
            differences.push(format!(
                "`{}` is {} ({} {:?}); expected {want}",
                check.id,
                check.status.as_str(),
                check.finding.code,
                check.finding.args
            ));
        }
        if let Some(code) = expect.code.get(&check.id)
            && check.finding.code != code
        {
            differences.push(format!(
                "`{}` reports {} {:?}; expected {code}",
                check.id, check.finding.code, check.finding.args
            ));
        }
        for (name, value) in expect.args.get(&check.id).into_iter().flatten() {
            let have = check.finding.args.get(name.as_str());
            if have != Some(value) {
                differences.push(format!(
                    "`{}` reports {name} = {have:?}; expected {value:?}",
                    check.id
                ));
            }
        }
    }
    if crate::exit::of_lab(result) != expect.exit_code {
        differences.push(format!(
            "exit code is {}; expected {}",
            crate::exit::of_lab(result),
            expect.exit_code
        ));
    }
    differences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_split_outside_quotes() {
        assert_eq!(split_dotted("a.b.c"), ["a", "b", "c"]);
        assert_eq!(
            split_dotted(r#"s3.objects."index.html""#),
            ["s3", "objects", "index.html"]
        );
    }

    #[test]
    fn every_managed_policy_parses() {
        let all = aws_managed_policies();
        assert!(
            all.len() >= 10,
            "only {} managed policies loaded",
            all.len()
        );
        for (arn, p) in all {
            Policy::parse(&p.document).unwrap_or_else(|e| panic!("{arn}: {e}"));
        }
    }
}
