//! The labs, simulator fixtures and question banks built into the binary (see
//! `build.rs`): each a (name, TOML text) pair. Fixture names are `<lab>/<name>`.

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// Finds a built-in entry by name.
pub fn find(table: &'static [(&'static str, &'static str)], name: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}
