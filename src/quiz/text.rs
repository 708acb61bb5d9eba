//! Terminal text for sessions: wrapping at 80 columns and the little colour we
//! use (right/wrong marks), decided once by the command from `--color`,
//! NO_COLOR, TERM and whether stdout is a terminal.

/// Lines are wrapped to this many columns: readable on any terminal.
pub const WIDTH: usize = 80;

/// Whether to colour, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn good(self, s: &str) -> String {
        self.paint("1;32", s)
    }
    pub fn bad(self, s: &str) -> String {
        self.paint("1;31", s)
    }
    pub fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// Wraps `text` to `width` columns; continuation lines start with `indent`.
/// Bank text is hard-wrapped by its writers, so lines are first joined into
/// paragraphs (see `reflow`).
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for (i, line) in reflow(text).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let lead: String = line.chars().take_while(|c| *c == ' ').collect();
        let mut col = 0;
        let mut first = true;
        for word in line.split_whitespace() {
            let len = word.chars().count();
            if first {
                out.push_str(&lead);
                col = lead.len();
            } else if col + 1 + len > width {
                out.push('\n');
                out.push_str(indent);
                out.push_str(&lead);
                col = indent.chars().count() + lead.len();
            } else {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += len;
            first = false;
        }
    }
    out
}

/// `A`, `B`, ... for choice `i`.
pub fn letter(i: usize) -> char {
    (b'A' + (i as u8).min(25)) as char
}

/// The first `max` characters of the first line of `s`, with an ellipsis when cut.
pub fn first_words(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Joins hard-wrapped lines into paragraphs. Blank lines, indented lines and
/// list items (`- `, `* `, `1. `) keep their own line: they are structure.
pub fn reflow(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    for line in text.lines() {
        let t = line.trim_end();
        let trimmed = t.trim_start();
        let list = trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed.starts_with("+ ")
            || trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let structural = t.is_empty() || t.starts_with(' ') || t.starts_with('\t') || list;
        match out.last_mut() {
            Some(last) if joinable && !structural => {
                last.push(' ');
                last.push_str(trimmed);
            }
            _ => out.push(t.to_string()),
        }
        joinable = !t.is_empty();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_width_and_keeps_breaks() {
        let long = "word ".repeat(40);
        let w = wrap(&format!("{long}\n- next\nline\njoined"), 20, "   ");
        assert!(w.lines().all(|l| l.chars().count() <= 20), "{w}");
        assert!(w.lines().nth(1).unwrap().starts_with("   word"));
        assert_eq!(w.lines().last(), Some("- next line joined"));
    }

    #[test]
    fn colour_only_when_asked() {
        assert_eq!(Style { color: false }.good("ok"), "ok");
        assert!(Style { color: true }.bad("no").contains("\x1b[1;31m"));
        assert_eq!(first_words("a  b\nc", 10), "a b c");
        assert_eq!(first_words("abcdefghij", 5), "abcd…");
    }
}
