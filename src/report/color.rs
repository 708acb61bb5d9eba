//! Whether to colour output: `auto` means a terminal that wants colour.

/// `always` and `never` are obeyed; `auto` is on only for a terminal, and off
/// when NO_COLOR is set (to anything) or TERM is `dumb` (no-color.org).
pub fn use_color(
    choice: Option<bool>,
    is_terminal: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        Some(forced) => forced,
        None => {
            is_terminal
                && env("NO_COLOR").is_none_or(|v| v.is_empty())
                && env("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::use_color;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn auto_follows_the_terminal_and_the_environment() {
        assert!(use_color(None, true, &env(&[])));
        assert!(!use_color(None, false, &env(&[])));
        assert!(!use_color(None, true, &env(&[("NO_COLOR", "1")])));
        assert!(use_color(None, true, &env(&[("NO_COLOR", "")])));
        assert!(!use_color(None, true, &env(&[("TERM", "dumb")])));
        assert!(use_color(Some(true), false, &env(&[("NO_COLOR", "1")])));
        assert!(!use_color(Some(false), true, &env(&[])));
    }
}
