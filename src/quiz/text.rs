//! Terminal text for sessions: wrapping to the terminal's width (measured in
//! display columns, so Hangul counts two) and the little colour we use
//! (right/wrong marks), decided once by the command from `--color`, NO_COLOR,
//! TERM and whether stdout is a terminal.

use unicode_width::UnicodeWidthStr;

/// The width when there is no terminal to ask and COLUMNS is not set.
pub const WIDTH: usize = 80;
/// Narrower than this and wrapping does more harm than good.
pub const MIN_WIDTH: usize = 30;

/// The width to wrap to: `COLUMNS` when set to a number, else the terminal's
/// width (`terminal` is what `terminal_size` found for stdout), else 80.
pub fn width(columns: Option<&str>, terminal: Option<u16>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .or(terminal.map(usize::from))
        .unwrap_or(WIDTH)
        .max(MIN_WIDTH)
}

/// Display columns of `s` (East Asian wide characters count two).
pub fn columns(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Pads `s` with spaces to `cols` display columns.
pub fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(columns(s))))
}

/// Whether to colour, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Display columns to wrap to (see `width`).
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: WIDTH,
        }
    }
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

/// Wraps `text` to `width` display columns; continuation lines start with
/// `indent`. Bank text is hard-wrapped by its writers, so lines are first
/// joined into paragraphs (see `reflow`). Breaks follow Unicode line-breaking
/// rules, so Korean wraps between words and long URLs are not split.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in reflow(text) {
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let lead: String = line.chars().take_while(|c| *c == ' ').collect();
        let rest = format!("{indent}{lead}");
        let opts = textwrap::Options::new(width)
            .initial_indent(&lead)
            .subsequent_indent(&rest)
            .break_words(false);
        out.extend(
            textwrap::wrap(line.trim_start(), opts)
                .into_iter()
                .map(|l| l.trim_end().to_string()),
        );
    }
    out.join("\n")
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
    fn hangul_counts_two_columns() {
        let ko = "지수 백오프와 지터를 적용해 재시도합니다. ".repeat(6);
        let w = wrap(&ko, 40, "  ");
        assert!(w.lines().count() > 3, "{w}");
        assert!(w.lines().all(|l| columns(l) <= 40), "{w}");
        assert!(w.lines().nth(1).unwrap().starts_with("  "));
        assert_eq!(pad("가", 4), "가  ");
    }

    #[test]
    fn columns_env_beats_the_terminal() {
        assert_eq!(width(Some("100"), Some(120)), 100);
        assert_eq!(width(Some("x"), Some(120)), 120);
        assert_eq!(width(None, None), 80);
        assert_eq!(width(Some("5"), None), MIN_WIDTH);
    }

    #[test]
    fn colour_only_when_asked() {
        assert_eq!(Style::default().good("ok"), "ok");
        assert!(
            Style {
                color: true,
                ..Style::default()
            }
            .bad("no")
            .contains("\x1b[1;31m")
        );
        assert_eq!(first_words("a  b\nc", 10), "a b c");
        assert_eq!(first_words("abcdefghij", 5), "abcd…");
    }
}
