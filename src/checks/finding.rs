//! What a check found, as data: a stable code and its named arguments.
//!
//! Checks never build a sentence. They return a `Finding`, and `src/report`
//! renders it from the message catalog (`locales/<lang>/findings.ftl`), so a
//! new language is a new catalog, not a change to any check. A code never
//! changes meaning once released: scripts and gradebooks key on it.

use std::collections::BTreeMap;

/// A finding code and its arguments (found, expected, names), all strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable, lowercase, dotted: `service.thing.what`.
    pub code: &'static str,
    pub args: BTreeMap<&'static str, String>,
}

impl Finding {
    pub fn new(code: &'static str) -> Finding {
        Finding {
            code,
            args: BTreeMap::new(),
        }
    }

    /// Adds a named argument; numbers go in as their decimal text.
    #[must_use]
    // Numbers come by value and names by reference, through one signature.
    #[allow(clippy::needless_pass_by_value)]
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Finding {
        self.args.insert(name, value.to_string());
        self
    }

    /// Whether this is a probe that did not run here (as opposed to one that
    /// ran and failed, or was skipped because a dependency failed).
    pub fn is_probe_not_run(&self) -> bool {
        PROBE_NOT_RUN.contains(&self.code)
    }
}

/// The codes of a probe that could not run in this environment.
pub const PROBE_NOT_RUN: &[&str] = &[
    "probe.not-run",
    "probe.not-run.no-probe",
    "probe.not-run.endpoint",
    "probe.no-response",
];

/// Builds a [`Finding`]: `finding!("dynamodb.table.exists", table = name)`.
#[macro_export]
macro_rules! finding {
    ($code:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::checks::Finding::new($code)$(.arg(stringify!($name), &$value))*
    };
}

/// A list of names as one argument: each in backticks, comma-separated
/// (`` `a`, `b` ``). Only names go in, never words.
pub fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
