//! Rosters: who is in the class and how to reach each student's account,
//! from TOML (`[[student]]` tables) or CSV (a header row). A roster that is
//! not right is refused whole, before any call, with the line at fault.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

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
    Snapshot(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub id: String,
    pub name: String,
    pub access: Access,
    /// Where the student stands in the roster, for messages.
    pub line: usize,
}

/// Every problem found in a roster, so an instructor fixes them all in one go.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("{}", problems_text(.file, .problems))]
    Invalid {
        file: String,
        problems: Vec<(Location, String)>,
    },
    #[error("could not read roster {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

fn problems_text(file: &str, problems: &[(Location, String)]) -> String {
    if let [(at, message)] = problems {
        format!("{at}: {message}")
    } else {
        let mut text = format!("{file} has {} problems:", problems.len());
        for (at, message) in problems {
            text.push_str(&format!("\n  {at}: {message}"));
        }
        text
    }
}

/// The most students one roster may have: far above any class, low enough
/// that a wrong file (a log, a whole directory listing) is refused, not run.
pub const MAX_STUDENTS: usize = 20_000;

/// One student as written, before the checks that need the whole roster.
#[derive(Default)]
struct RawStudent {
    /// Where the student's table or row starts.
    at: Location,
    id: String,
    name: String,
    role_arn: Option<String>,
    external_id: Option<String>,
    profile: Option<String>,
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
    let bytes = std::fs::read(path).map_err(|source| RosterError::Read {
        path: name.clone(),
        source,
    })?;
    let text = utf8(&name, &bytes)?;
    // Excel's "CSV UTF-8" starts the file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = path.parent().unwrap_or(Path::new("."));
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        parse_csv(&name, text, base)
    } else {
        parse_toml(&name, text, base)
    }
}

/// The roster as text, or where it stops being UTF-8 and how to fix that.
fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, RosterError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        #[allow(clippy::naive_bytecount)] // once, on an error path
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(good)
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        RosterError::Invalid {
            file: file.to_string(),
            problems: vec![(
                Location {
                    file: file.to_string(),
                    line,
                    column,
                },
                "the roster is not UTF-8 text (a CSV saved by Excel on Korean Windows is usually CP949); save it again as UTF-8: in Excel, File > Save As > \"CSV UTF-8 (Comma delimited)\" (\"CSV UTF-8(쉼표로 분리)\"), or convert it with `iconv -f CP949 -t UTF-8 OLD.csv > NEW.csv`".into(),
            )],
        }
    })
}

pub fn parse_toml(file: &str, text: &str, base: &Path) -> Result<Vec<Student>, RosterError> {
    // Each student is read as a plain table, so that every problem in the
    // file is found, not only the first one serde meets.
    #[derive(Deserialize)]
    struct TomlRoster {
        #[serde(rename = "student", default)]
        students: Vec<Spanned<toml::Table>>,
    }
    let invalid = |at: Location, message: String| RosterError::Invalid {
        file: file.to_string(),
        problems: vec![(at, message)],
    };
    let roster: TomlRoster = toml::from_str(text).map_err(|e| {
        let (at, message) = diag::toml_error(file, text, &e);
        invalid(at, message)
    })?;
    if let Ok(table) = text.parse::<toml::Table>()
        && let Some(key) = table.keys().find(|k| *k != "student")
    {
        let offset = text.find(key.as_str()).unwrap_or(0);
        return Err(invalid(
            Location::at(file, text, offset),
            format!("unknown top-level key `{key}`; a roster is a list of [[student]] tables"),
        ));
    }
    let mut problems = Vec::new();
    let mut raw = Vec::new();
    for student in roster.students {
        let span = student.span();
        let at = Location::at(file, text, span.start);
        // The student's lines run from its header to the next table header.
        let rest = text.get(span.start..).unwrap_or("");
        let end = rest
            .get(1..)
            .and_then(|r| r.find("\n["))
            .map_or(rest.len(), |i| i + 1);
        let key_at = |key: &str| {
            rest[..end]
                .find(&format!("\n{key}"))
                .map_or(at.clone(), |i| Location::at(file, text, span.start + i + 1))
        };
        let mut s = RawStudent {
            at: at.clone(),
            ..RawStudent::default()
        };
        for (key, value) in student.into_inner() {
            let Some(value) = value.as_str().map(str::to_string) else {
                problems.push((
                    key_at(&key),
                    format!("`{key}`: expected a string in quotes, found {value}"),
                ));
                continue;
            };
            if !set_field(&mut s, &key, value) {
                problems.push((key_at(&key), unknown_field(&key, "field")));
            }
        }
        raw.push(s);
    }
    validate(file, raw, base, problems)
}

/// Stores a roster value under its column; false for an unknown column.
fn set_field(s: &mut RawStudent, column: &str, value: String) -> bool {
    let value = Some(value).filter(|v| !v.trim().is_empty());
    match column.to_ascii_lowercase().as_str() {
        "id" => s.id = value.unwrap_or_default(),
        "name" => s.name = value.unwrap_or_default(),
        "role_arn" => s.role_arn = value,
        "external_id" => s.external_id = value,
        "profile" => s.profile = value,
        "snapshot" => s.snapshot = value,
        _ => return false,
    }
    true
}

fn unknown_field(name: &str, what: &str) -> String {
    let hint = diag::did_you_mean(name, COLUMNS.iter().copied())
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    format!(
        "unknown {what} `{name}`; {hint}the {what}s are: {}",
        COLUMNS.join(", ")
    )
}

pub fn parse_csv(file: &str, text: &str, base: &Path) -> Result<Vec<Student>, RosterError> {
    let at = |line: usize, column: usize| Location {
        file: file.to_string(),
        line,
        column,
    };
    let invalid = |line: usize, message: String| RosterError::Invalid {
        file: file.to_string(),
        problems: vec![(at(line, 1), message)],
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| invalid(1, format!("the header row could not be read: {e}")))?
        .clone();
    let header_columns = field_columns(text.lines().next().unwrap_or(""));
    let mut problems = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let known = COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(header));
        if !known {
            let column = header_columns.get(i).copied().unwrap_or(1);
            problems.push((at(1, column), unknown_field(header, "column")));
        }
    }
    if !headers.iter().any(|h| h.eq_ignore_ascii_case("id")) {
        problems.push((at(1, 1), "the header row has no `id` column".into()));
    }
    if !problems.is_empty() {
        return Err(RosterError::Invalid {
            file: file.to_string(),
            problems,
        });
    }
    let mut raw = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push((at(line, 1), format!("this row could not be read: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.len() > headers.len() {
            problems.push((
                at(line, 1),
                format!(
                    "this row has {} fields but the header names {} columns",
                    record.len(),
                    headers.len()
                ),
            ));
        }
        let mut s = RawStudent {
            at: at(line, 1),
            ..RawStudent::default()
        };
        for (header, value) in headers.iter().zip(record.iter()) {
            set_field(&mut s, header, value.to_string());
        }
        raw.push(s);
    }
    validate(file, raw, base, problems)
}

/// The 1-based character column where each field of a CSV line starts.
fn field_columns(line: &str) -> Vec<usize> {
    let mut columns = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => columns.push(i + 2),
            _ => {}
        }
    }
    columns
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
    raw: Vec<RawStudent>,
    base: &Path,
    mut problems: Vec<(Location, String)>,
) -> Result<Vec<Student>, RosterError> {
    if raw.is_empty() && problems.is_empty() {
        problems.push((Location::file(file), "the roster has no students".into()));
    }
    if raw.len() > MAX_STUDENTS {
        problems.push((
            Location::file(file),
            format!(
                "the roster has {} students; labcheck grades at most {MAX_STUDENTS} at once: split the class into several rosters",
                raw.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    let mut students = Vec::new();
    for s in raw {
        let at = s.at.clone();
        let id = s.id.trim().to_string();
        match student(s, &id, base) {
            Ok(student) => {
                if !id.is_empty() && !seen.insert(id.clone()) {
                    problems.push((
                        at,
                        format!("student id `{id}` is used twice; ids must be unique"),
                    ));
                } else {
                    students.push(student);
                }
            }
            Err(message) => problems.push((at, message)),
        }
    }
    if problems.is_empty() {
        Ok(students)
    } else {
        problems.sort_by_key(|(at, _)| (at.line, at.column));
        Err(RosterError::Invalid {
            file: file.to_string(),
            problems,
        })
    }
}

/// One student, or what is wrong with them.
fn student(s: RawStudent, id: &str, base: &Path) -> Result<Student, String> {
    if id.is_empty() {
        return Err("a student without an `id`".into());
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
            return Err(format!(
                "student `{id}` has no way in; give exactly one of role_arn, profile or snapshot"
            ));
        }
        (1, Some(arn), _, _) => {
            if !valid_role_arn(&arn) {
                return Err(format!(
                    "student `{id}`: role_arn `{arn}` is not a role ARN; expected arn:aws:iam::<12-digit account>:role/<name>"
                ));
            }
            Access::Role {
                arn,
                external_id: s.external_id,
            }
        }
        (1, None, Some(profile), _) => Access::Profile(profile),
        // Joined as paths, never through a lossy string: the roster's folder
        // may have a name that is not UTF-8.
        (1, None, None, Some(snapshot)) => Access::Snapshot(base.join(snapshot)),
        _ => {
            return Err(format!(
                "student `{id}` has {}; give exactly one way in",
                ways.join(" and ")
            ));
        }
    };
    if has_external_id && !matches!(access, Access::Role { .. }) {
        return Err(format!("student `{id}`: external_id goes with role_arn"));
    }
    Ok(Student {
        name: if s.name.trim().is_empty() {
            id.to_string()
        } else {
            s.name.trim().to_string()
        },
        id: id.to_string(),
        access,
        line: s.at.line,
    })
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
            Access::Snapshot(PathBuf::from("/r/snaps/s03.toml"))
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
                "class.csv:1:4: unknown column `nmae`; did you mean `name`?",
            ),
            (
                csv("id,profile\na,p\na,q\n"),
                "class.csv:3:1: student id `a` is used twice",
            ),
            (toml(""), "the roster has no students"),
            (
                toml("[[student]]\nid = \"a\"\nprofile = 7\n"),
                "class.toml:3:1: `profile`: expected a string in quotes, found 7",
            ),
        ];
        for (got, want) in cases {
            let err = got.expect_err(want);
            assert!(err.contains(want), "{err}\n  does not contain\n{want}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_line() {
        let err = csv("id,profile,snapshot\na,p,\nb,,\na,q,\nc,p,s.toml\n").unwrap_err();
        assert_eq!(
            err,
            "class.csv has 3 problems:\n  class.csv:3:1: student `b` has no way in; give exactly one of role_arn, profile or snapshot\n  class.csv:4:1: student id `a` is used twice; ids must be unique\n  class.csv:5:1: student `c` has profile and snapshot; give exactly one way in"
        );
        let err = toml(
            "[[student]]\nid = \"a\"\nprofil = \"p\"\n\n[[student]]\nid = \"b\"\nrole_arn = \"x\"\n",
        )
        .unwrap_err();
        assert!(err.starts_with("class.toml has 3 problems:"), "{err}");
        assert!(
            err.contains("class.toml:3:1: unknown field `profil`; did you mean `profile`?"),
            "{err}"
        );
        assert!(
            err.contains("class.toml:5:1: student `b`: role_arn `x` is not a role ARN"),
            "{err}"
        );
    }

    #[test]
    fn csv_column_names_ignore_case_and_excel_byte_order_marks() {
        let students = csv("ID,Name,PROFILE\ns01,Kim Minji,lee\n").unwrap();
        assert_eq!(students[0].name, "Kim Minji");
        assert_eq!(students[0].access, Access::Profile("lee".into()));
        let dir = std::env::temp_dir().join(format!("labcheck-roster-bom-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("class.csv");
        std::fs::write(&path, "\u{feff}id,profile\ns01,lee\n").unwrap();
        let students = load(&path).unwrap();
        assert_eq!(students[0].id, "s01");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// "김민지" in CP949, as Korean Excel saves a CSV by default.
    #[test]
    fn a_roster_that_is_not_utf8_is_named_with_its_line_and_the_fix() {
        let dir =
            std::env::temp_dir().join(format!("labcheck-roster-cp949-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("class.csv");
        let mut bytes = b"id,name,profile\ns01,".to_vec();
        bytes.extend([0xB1, 0xE8, 0xB9, 0xCE, 0xC1, 0xF6]);
        bytes.extend(b",lee\n");
        std::fs::write(&path, bytes).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(
            err.contains("class.csv:2:5: the roster is not UTF-8 text"),
            "{err}"
        );
        assert!(err.contains("CP949") && err.contains("CSV UTF-8"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_roster_over_the_limit_is_refused_before_any_call() {
        let mut text = String::from("id,profile\n");
        for i in 0..=MAX_STUDENTS {
            text.push_str(&format!("s{i},p\n"));
        }
        let err = csv(&text).unwrap_err();
        assert!(
            err.contains("the roster has 20001 students; labcheck grades at most 20000 at once"),
            "{err}"
        );
    }
}
