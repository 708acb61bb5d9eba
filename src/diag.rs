//! Source positions for error messages about user-written files (labs,
//! fixtures, rosters, banks): "file:line:column".

use std::fmt;

/// A place in a user-written file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based; 0 when the position is unknown.
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The whole file, when no position is known.
    pub fn file(file: &str) -> Location {
        Location {
            file: file.to_string(),
            line: 0,
            column: 0,
        }
    }

    /// The line and column of a byte offset in `text`.
    pub fn at(file: &str, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Location {
            file: file.to_string(),
            line,
            column,
        }
    }

    /// The position of a TOML deserialization error, when it has one.
    pub fn of_toml(file: &str, text: &str, error: &toml::de::Error) -> Location {
        match error.span() {
            Some(span) => Location::at(file, text, span.start),
            None => Location::file(file),
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// Where a TOML error is and what it says, naming the key whose value is
/// wrong when toml's own message does not ("`points`: invalid type: ...").
pub fn toml_error(file: &str, text: &str, error: &toml::de::Error) -> (Location, String) {
    let at = Location::of_toml(file, text, error);
    let mut message = error.message().trim().replace('\n', " ");
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let line = text
            .lines()
            .nth(at.line.saturating_sub(1))
            .unwrap_or_default();
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim().trim_matches('"');
            if !key.is_empty() && !key.contains(['{', '[']) {
                message = format!("`{key}`: {message}");
            }
        }
    }
    (at, message)
}

/// Up to one close match for `name` among `known`, to suggest.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let wanted = norm(name);
    known
        .into_iter()
        .filter(|k| *k != name)
        .map(|k| {
            let same_but_case = norm(k) == wanted;
            let distance = strsim::levenshtein(&norm(k), &wanted);
            (k, same_but_case, distance)
        })
        .filter(|(_, same, d)| *same || *d <= 2.max(wanted.len() / 4))
        .min_by_key(|(k, same, d)| (!*same, *d, k.len()))
        .map(|(k, _, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbb = 2\n";
        assert_eq!(Location::at("f", text, 0).to_string(), "f:1:1");
        assert_eq!(Location::at("f", text, 6).to_string(), "f:2:1");
        assert_eq!(Location::at("f", text, 9).to_string(), "f:2:4");
        assert_eq!(Location::file("f").to_string(), "f");
    }

    #[test]
    fn near_misses_are_suggested_and_strangers_are_not() {
        let known = ["hello-member", "orders", "dev"];
        assert_eq!(did_you_mean("hello_member", known), Some("hello-member"));
        assert_eq!(did_you_mean("Hello-Member", known), Some("hello-member"));
        assert_eq!(did_you_mean("Dev", known), Some("dev"));
        assert_eq!(did_you_mean("inventory", known), None);
    }
}
