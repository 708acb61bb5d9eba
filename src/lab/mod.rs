//! Lab definitions: a lab TOML file (`labs/`) read, validated against the
//! check catalog, and resolved with the user's `--set` overrides.
//!
//! Everything a learner reads about a lab (titles, instructions, hints) comes
//! from the file; this module only checks that it hangs together and says
//! exactly where it does not.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::builtin;
use crate::checks::{self, ArgsError, Kind};
use crate::diag::{self, Location};
use crate::lang::Text;

/// Names every check's `with` values may use besides the lab's parameters.
pub const BUILTIN_VARIABLES: &[&str] = &["region", "account"];

/// The most checks one lab may have: several times any workshop, low
/// enough that a generated or mistaken file is refused before a class is
/// graded against it.
pub const MAX_CHECKS: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum LabError {
    #[error("{at}: {message}")]
    Invalid { at: Location, message: String },
    #[error(
        "unknown lab `{name}`{suggestion}; known labs: {known}. Give a built-in lab id or the path of a lab file"
    )]
    Unknown {
        name: String,
        suggestion: String,
        known: String,
    },
    #[error("could not read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Set(String),
}

/// A validated lab.
#[derive(Debug, Clone)]
pub struct Lab {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub workshop: String,
    pub workshop_url: String,
    pub region: String,
    pub description: Text,
    pub params: Vec<Param>,
    pub steps: Vec<Step>,
    /// `sha256:<hex>` of the file's bytes, so a report can be traced to the
    /// exact definition that produced it.
    pub digest: String,
    /// Where it came from: `builtin:<id>` or a path.
    pub origin: String,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub default: String,
    pub description: Text,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    pub title: Text,
    pub instructions: Text,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub id: String,
    pub title: Text,
    pub kind: &'static Kind,
    pub points: u32,
    pub hint: Text,
    pub depends_on: Vec<String>,
    /// The kind's arguments, still with `{param}` placeholders.
    pub with: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabFile {
    id: Spanned<String>,
    version: String,
    title: Text,
    workshop: String,
    #[serde(default)]
    workshop_url: String,
    region: String,
    #[serde(default)]
    description: Text,
    #[serde(default)]
    params: BTreeMap<String, ParamFile>,
    #[serde(rename = "step")]
    steps: Vec<StepFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParamFile {
    default: String,
    #[serde(default)]
    description: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFile {
    id: Spanned<String>,
    title: Text,
    #[serde(default)]
    instructions: Text,
    #[serde(rename = "check")]
    checks: Vec<CheckFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckFile {
    id: Spanned<String>,
    title: Text,
    kind: Spanned<String>,
    #[serde(default = "one")]
    points: u32,
    #[serde(default)]
    hint: Text,
    #[serde(default)]
    depends_on: Vec<Spanned<String>>,
    with: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
}

fn one() -> u32 {
    1
}

/// The ids of the built-in labs.
pub fn builtin_ids() -> Vec<&'static str> {
    builtin::LABS.iter().map(|(id, _)| *id).collect()
}

/// Loads a lab by built-in id, or from a path when `name` looks like one.
pub fn load(name: &str) -> Result<Lab, LabError> {
    if let Some(text) = builtin::find(builtin::LABS, name) {
        return parse(
            &format!("labs/{name}.toml"),
            text,
            &format!("builtin:{name}"),
        );
    }
    let path = Path::new(name);
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || path.is_file()
    {
        let text = std::fs::read_to_string(path).map_err(|source| LabError::Read {
            path: name.to_string(),
            source,
        })?;
        return parse(name, &text, name);
    }
    let ids = builtin_ids();
    let suggestion = diag::did_you_mean(name, ids.iter().map(AsRef::as_ref))
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    Err(LabError::Unknown {
        name: name.to_string(),
        suggestion,
        known: ids.join(", "),
    })
}

/// Parses and validates a lab file's text.
pub fn parse(file: &str, text: &str, origin: &str) -> Result<Lab, LabError> {
    let raw: LabFile = toml::from_str(text).map_err(|e| {
        let (at, message) = diag::toml_error(file, text, &e);
        LabError::Invalid { at, message }
    })?;
    let invalid = |offset: usize, message: String| LabError::Invalid {
        at: Location::at(file, text, offset),
        message,
    };

    let params: Vec<Param> = raw
        .params
        .into_iter()
        .map(|(name, p)| Param {
            name,
            default: p.default,
            description: p.description,
        })
        .collect();
    let variables: Vec<&str> = params
        .iter()
        .map(|p| p.name.as_str())
        .chain(BUILTIN_VARIABLES.iter().copied())
        .collect();

    if raw.steps.is_empty() {
        return Err(invalid(0, "a lab needs at least one [[step]]".into()));
    }
    let count: usize = raw.steps.iter().map(|s| s.checks.len()).sum();
    if count > MAX_CHECKS {
        return Err(invalid(
            0,
            format!(
                "the lab has {count} checks; a lab may have at most {MAX_CHECKS} (split it into several labs)"
            ),
        ));
    }
    let mut step_ids = HashSet::new();
    let mut check_ids: HashSet<String> = HashSet::new();
    let mut steps = Vec::new();
    for step in raw.steps {
        if !step_ids.insert(step.id.get_ref().clone()) {
            return Err(invalid(
                step.id.span().start,
                format!(
                    "step id `{}` is used twice; step ids must be unique",
                    step.id.get_ref()
                ),
            ));
        }
        if step.checks.is_empty() {
            return Err(invalid(
                step.id.span().start,
                format!("step `{}` has no [[step.check]]", step.id.get_ref()),
            ));
        }
        let mut checks = Vec::new();
        for check in step.checks {
            let check = validate_check(check, &check_ids, &variables, &invalid)?;
            check_ids.insert(check.id.clone());
            checks.push(check);
        }
        steps.push(Step {
            id: step.id.into_inner(),
            title: step.title,
            instructions: step.instructions,
            checks,
        });
    }

    Ok(Lab {
        id: raw.id.into_inner(),
        version: raw.version,
        title: raw.title,
        workshop: raw.workshop,
        workshop_url: raw.workshop_url,
        region: raw.region,
        description: raw.description,
        params,
        steps,
        digest: format!("sha256:{:x}", Sha256::digest(text.as_bytes())),
        origin: origin.to_string(),
    })
}

fn validate_check(
    check: CheckFile,
    earlier: &HashSet<String>,
    variables: &[&str],
    invalid: &dyn Fn(usize, String) -> LabError,
) -> Result<Check, LabError> {
    let id = check.id.get_ref();
    if earlier.contains(id) {
        return Err(invalid(
            check.id.span().start,
            format!("check id `{id}` is used twice; check ids must be unique in a lab"),
        ));
    }
    let kind_name = check.kind.get_ref();
    let Some(kind) = checks::kind(kind_name) else {
        let names = checks::CATALOG.iter().map(|k| k.name);
        let hint = match diag::did_you_mean(kind_name, names) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("known kinds: {}", checks::kind_names().join(", ")),
        };
        return Err(invalid(
            check.kind.span().start,
            format!("unknown check kind `{kind_name}`; {hint}"),
        ));
    };

    let empty = BTreeMap::new();
    let given = check.with.as_ref().map_or(&empty, |w| w.get_ref());
    let with: BTreeMap<String, String> = given
        .iter()
        .map(|(name, value)| (name.clone(), value.get_ref().clone()))
        .collect();
    // The kind's own argument struct decides; the names it reports let the
    // message point at the value and suggest the name meant.
    let with_at = check
        .with
        .as_ref()
        .map_or(check.kind.span().start, |w| w.span().start);
    match (kind.args.validate)(&with) {
        Ok(()) => {}
        Err(ArgsError::Unknown(name)) => {
            let all = kind.args.params.iter().chain(kind.args.optional).copied();
            let hint = match diag::did_you_mean(&name, all) {
                Some(p) => format!("did you mean `{p}`?"),
                None => format!("it takes: {}", kind.describe_params()),
            };
            let at = given.get(&name).map_or(with_at, |v| v.span().start);
            return Err(invalid(
                at,
                format!("check `{id}`: kind `{kind_name}` has no parameter `{name}`; {hint}"),
            ));
        }
        Err(ArgsError::Missing(missing)) => {
            return Err(invalid(
                with_at,
                format!(
                    "check `{id}`: kind `{kind_name}` needs parameter `{missing}` under `with`; it takes: {}",
                    kind.describe_params()
                ),
            ));
        }
        Err(ArgsError::Invalid(error)) => {
            return Err(invalid(
                with_at,
                format!(
                    "check `{id}`: kind `{kind_name}` cannot take these arguments: {error}; it takes: {}",
                    kind.describe_params()
                ),
            ));
        }
    }
    for value in given.values() {
        if let Err(unknown) = placeholders_known(value.get_ref(), variables) {
            let hint = match diag::did_you_mean(&unknown, variables.iter().copied()) {
                Some(p) => format!("did you mean `{{{p}}}`?"),
                None => format!(
                    "declare it under [params] or use one of: {}",
                    variables.join(", ")
                ),
            };
            return Err(invalid(
                value.span().start,
                format!("check `{id}`: `{{{unknown}}}` is not a lab parameter; {hint}"),
            ));
        }
    }

    let mut depends_on = Vec::new();
    for dep in &check.depends_on {
        let name = dep.get_ref();
        if !earlier.contains(name) {
            let hint = match diag::did_you_mean(name, earlier.iter().map(String::as_str)) {
                Some(d) => format!("did you mean `{d}`?"),
                None => "a check can depend only on checks listed before it".to_string(),
            };
            return Err(invalid(
                dep.span().start,
                format!("check `{id}` depends on `{name}`, which is not an earlier check; {hint}"),
            ));
        }
        depends_on.push(name.clone());
    }

    Ok(Check {
        id: id.clone(),
        title: check.title,
        kind,
        points: check.points,
        hint: check.hint,
        depends_on,
        with,
    })
}

/// Checks that every `{name}` in a template is a known variable; returns the
/// first unknown one.
fn placeholders_known(template: &str, variables: &[&str]) -> Result<(), String> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Ok(());
        };
        let name = &after[..close];
        if !variables.contains(&name) {
            return Err(name.to_string());
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// A lab's parameter values after `--set` overrides.
#[derive(Debug, Clone, Default)]
pub struct Values(BTreeMap<String, String>);

impl Values {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// Fills `{name}` placeholders; `extra` supplies the built-in variables.
    pub fn fill(&self, template: &str, extra: &[(&str, &str)]) -> String {
        let mut out = template.to_string();
        for (name, value) in self
            .0
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(extra.iter().copied())
        {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl Lab {
    /// The parameter values with `name=value` overrides applied.
    pub fn values(&self, overrides: &[String]) -> Result<Values, LabError> {
        let mut values: BTreeMap<String, String> = self
            .params
            .iter()
            .map(|p| (p.name.clone(), p.default.clone()))
            .collect();
        for item in overrides {
            let Some((name, value)) = item.split_once('=') else {
                return Err(LabError::Set(format!(
                    "--set `{item}`: expected NAME=VALUE, for example --set table=hello-member"
                )));
            };
            let name = name.trim();
            if !values.contains_key(name) {
                let known: Vec<&str> = self.params.iter().map(|p| p.name.as_str()).collect();
                let hint = match diag::did_you_mean(name, known.iter().copied()) {
                    Some(p) => format!("did you mean `{p}`? "),
                    None => String::new(),
                };
                return Err(LabError::Set(format!(
                    "--set `{item}`: lab `{}` has no parameter `{name}`; {hint}its parameters are: {}",
                    self.id,
                    known.join(", ")
                )));
            }
            values.insert(name.to_string(), value.trim().to_string());
        }
        Ok(Values(values))
    }

    pub fn checks(&self) -> impl Iterator<Item = &Check> {
        self.steps.iter().flat_map(|s| s.checks.iter())
    }
}
