//! Rosters: who is in the class and how to reach each student's account,
//! from TOML (`[[student]]` tables) or CSV (a header row). A roster that is
//! not right is refused whole, before any call, with the line at fault.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{self, Location};

/// How labcheck reaches one student's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Assume this role from the instructor's credentials.
    Role {
        arn: String,
        external_id: Option<String>,
    },
    /// A named profile in the instructor's AWS config.
    Profile(String),
    /// A file from `labcheck snapshot`, graded offline on the simulator.
    Snapshot(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub id: String,
    pub name: String,
    pub access: Access,
    /// Where the student stands in the roster, for messages.
    pub line: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("{at}: {message}")]
    Invalid { at: Location, message: String },
    #[error("could not read roster {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlRoster {
    #[serde(rename = "student", default)]
    students: Vec<Spanned<RawStudent>>,
}

/// One student as written, before the checks that need the whole roster.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawStudent {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role_arn: Option<String>,
    #[serde(default)]
    external_id: Option<String>,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    snapshot: Option<String>,
}

const COLUMNS: &[&str] = &[
    "id",
    "name",
    "role_arn",
    "external_id",
    "profile",
    "snapshot",
];

/// Reads a roster file: `.csv` as CSV, anything else as TOML.
pub fn load(path: &Path) -> Result<Vec<Student>, RosterError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| RosterError::Read {
        path: name.clone(),
        source,
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        parse_csv(&name, &text, base)
    } else {
        parse_toml(&name, &text, base)
    }
}

pub fn parse_toml(file: &str, text: &str, base: &Path) -> Result<Vec<Student>, RosterError> {
    let roster: TomlRoster = toml::from_str(text).map_err(|e| {
        let (at, message) = diag::toml_error(file, text, &e);
        RosterError::Invalid { at, message }
    })?;
    let raw = roster
        .students
        .into_iter()
        .map(|s| {
            let line = Location::at(file, text, s.span().start).line;
            (line, s.into_inner())
        })
        .collect();
    validate(file, raw, base)
}

pub fn parse_csv(file: &str, text: &str, base: &Path) -> Result<Vec<Student>, RosterError> {
    let invalid = |line: usize, message: String| invalid_at(file, line, message);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| invalid(1, format!("the header row could not be read: {e}")))?
        .clone();
    for header in &headers {
        if !COLUMNS.contains(&header) {
            let hint = diag::did_you_mean(header, COLUMNS.iter().copied())
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            return Err(invalid(
                1,
                format!(
                    "unknown column `{header}`; {hint}the columns are: {}",
                    COLUMNS.join(", ")
                ),
            ));
        }
    }
    if !headers.iter().any(|h| h == "id") {
        return Err(invalid(1, "the header row has no `id` column".into()));
    }
    let mut raw = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            invalid(line, format!("this row could not be read: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .map(str::to_string)
                .filter(|v| !v.is_empty())
        };
        raw.push((
            line,
            RawStudent {
                id: field("id").unwrap_or_default(),
                name: field("name").unwrap_or_default(),
                role_arn: field("role_arn"),
                external_id: field("external_id"),
                profile: field("profile"),
                snapshot: field("snapshot"),
            },
        ));
    }
    validate(file, raw, base)
}

/// A roster error on a whole line (rows have no useful column).
fn invalid_at(file: &str, line: usize, message: String) -> RosterError {
    RosterError::Invalid {
        at: Location {
            file: file.to_string(),
            line,
            column: 1,
        },
        message,
    }
}

/// `arn:aws:iam::123456789012:role/name` (with an optional path).
fn valid_role_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "iam"
        && parts[3].is_empty()
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5].starts_with("role/")
        && parts[5].len() > "role/".len()
}

fn validate(
    file: &str,
    raw: Vec<(usize, RawStudent)>,
    base: &Path,
) -> Result<Vec<Student>, RosterError> {
    let invalid = |line: usize, message: String| invalid_at(file, line, message);
    if raw.is_empty() {
        return Err(invalid(0, "the roster has no students".into()));
    }
    let mut seen = HashSet::new();
    let mut students = Vec::new();
    for (line, s) in raw {
        let id = s.id.trim().to_string();
        if id.is_empty() {
            return Err(invalid(line, "a student without an `id`".into()));
        }
        if !seen.insert(id.clone()) {
            return Err(invalid(
                line,
                format!("student id `{id}` is used twice; ids must be unique"),
            ));
        }
        let has_external_id = s.external_id.is_some();
        let ways: Vec<&str> = [
            s.role_arn.as_ref().map(|_| "role_arn"),
            s.profile.as_ref().map(|_| "profile"),
            s.snapshot.as_ref().map(|_| "snapshot"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let access = match (ways.len(), s.role_arn, s.profile, s.snapshot) {
            (0, ..) => {
                return Err(invalid(
                    line,
                    format!(
                        "student `{id}` has no way in; give exactly one of role_arn, profile or snapshot"
                    ),
                ));
            }
            (1, Some(arn), _, _) => {
                if !valid_role_arn(&arn) {
                    return Err(invalid(
                        line,
                        format!(
                            "student `{id}`: role_arn `{arn}` is not a role ARN; expected arn:aws:iam::<12-digit account>:role/<name>"
                        ),
                    ));
                }
                Access::Role {
                    arn,
                    external_id: s.external_id,
                }
            }
            (1, None, Some(profile), _) => Access::Profile(profile),
            (1, None, None, Some(snapshot)) => {
                Access::Snapshot(base.join(snapshot).display().to_string())
            }
            _ => {
                return Err(invalid(
                    line,
                    format!(
                        "student `{id}` has {}; give exactly one way in",
                        ways.join(" and ")
                    ),
                ));
            }
        };
        if has_external_id && !matches!(access, Access::Role { .. }) {
            return Err(invalid(
                line,
                format!("student `{id}`: external_id goes with role_arn"),
            ));
        }
        students.push(Student {
            name: if s.name.trim().is_empty() {
                id.clone()
            } else {
                s.name.trim().to_string()
            },
            id,
            access,
            line,
        });
    }
    Ok(students)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Result<Vec<Student>, String> {
        parse_toml("class.toml", text, Path::new("/r")).map_err(|e| e.to_string())
    }

    fn csv(text: &str) -> Result<Vec<Student>, String> {
        parse_csv("class.csv", text, Path::new("/r")).map_err(|e| e.to_string())
    }

    #[test]
    fn a_toml_roster_with_every_way_in() {
        let students = toml(
            r#"
[[student]]
id = "s01"
name = "Kim Minji"
role_arn = "arn:aws:iam::111111111111:role/labcheck-audit"
external_id = "class-2026"

[[student]]
id = "s02"
profile = "lee"

[[student]]
id = "s03"
snapshot = "snaps/s03.toml"
"#,
        )
        .unwrap();
        assert_eq!(students.len(), 3);
        assert_eq!(
            students[0].access,
            Access::Role {
                arn: "arn:aws:iam::111111111111:role/labcheck-audit".into(),
                external_id: Some("class-2026".into())
            }
        );
        assert_eq!(students[1].name, "s02");
        assert_eq!(
            students[2].access,
            Access::Snapshot("/r/snaps/s03.toml".into())
        );
        assert_eq!(students[1].line, 8);
    }

    #[test]
    fn a_csv_roster_reads_like_the_toml_one() {
        let students = csv(
            "id,name,role_arn,external_id\ns01,Kim Minji,arn:aws:iam::111111111111:role/audit,x\ns02,\"Park, Jisoo\",arn:aws:iam::222222222222:role/audit,\n",
        )
        .unwrap();
        assert_eq!(students[1].name, "Park, Jisoo");
        assert_eq!(students[1].line, 3);
        assert!(matches!(
            &students[1].access,
            Access::Role {
                external_id: None,
                ..
            }
        ));
    }

    #[test]
    fn bad_rosters_are_refused_with_the_line() {
        let cases = [
            (
                toml(
                    "[[student]]\nid = \"a\"\nprofile = \"p\"\n[[student]]\nid = \"a\"\nprofile = \"q\"\n",
                ),
                "class.toml:4:1: student id `a` is used twice",
            ),
            (
                toml("[[student]]\nid = \"a\"\nrole_arn = \"arn:aws:iam::12345:role/x\"\n"),
                "class.toml:1:1: student `a`: role_arn `arn:aws:iam::12345:role/x` is not a role ARN",
            ),
            (
                toml("[[student]]\nid = \"a\"\n"),
                "class.toml:1:1: student `a` has no way in",
            ),
            (
                toml("[[student]]\nid = \"a\"\nprofile = \"p\"\nsnapshot = \"s.toml\"\n"),
                "class.toml:1:1: student `a` has profile and snapshot; give exactly one way in",
            ),
            (
                toml("[[student]]\nid = \"a\"\nprofil = \"p\"\n"),
                "unknown field `profil`",
            ),
            (
                csv("id,nmae\na,b\n"),
                "class.csv:1:1: unknown column `nmae`; did you mean `name`?",
            ),
            (
                csv("id,profile\na,p\na,q\n"),
                "class.csv:3:1: student id `a` is used twice",
            ),
            (toml(""), "the roster has no students"),
        ];
        for (got, want) in cases {
            let err = got.expect_err(want);
            assert!(err.contains(want), "{err}\n  does not contain\n{want}");
        }
    }
}
