//! Message catalogs: every sentence of labcheck's own chrome, in Fluent
//! syntax (`locales/<lang>/<area>.ftl`), embedded in the binary and rendered
//! through `fluent-bundle`. Question text is not here: it lives in the banks.
//!
//! One bundle per language holds every catalog; English is the fallback for
//! an id a translation lacks, and an id missing everywhere renders as the id
//! itself (a test keeps that from shipping). To add a catalog (findings,
//! say), add its files to `CATALOGS`.
//!
//! Unicode isolation marks around arguments are off: the output is a
//! terminal, where the invisible marks only confuse copy-and-paste and width.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::lang::Lang;

/// Every catalog, per language: (name, English, Korean).
pub const CATALOGS: &[(&str, &str, &str)] = &[
    (
        "quiz",
        include_str!("../locales/en/quiz.ftl"),
        include_str!("../locales/ko/quiz.ftl"),
    ),
    (
        "report",
        include_str!("../locales/en/report.ftl"),
        include_str!("../locales/ko/report.ftl"),
    ),
    (
        "findings",
        include_str!("../locales/en/findings.ftl"),
        include_str!("../locales/ko/findings.ftl"),
    ),
    (
        "calc",
        include_str!("../locales/en/calc.ftl"),
        include_str!("../locales/ko/calc.ftl"),
    ),
    (
        "kinds",
        include_str!("../locales/en/kinds.ftl"),
        include_str!("../locales/ko/kinds.ftl"),
    ),
    (
        "errors",
        include_str!("../locales/en/errors.ftl"),
        include_str!("../locales/ko/errors.ftl"),
    ),
];

/// A catalog's text in a language, by the catalog's name.
pub fn catalog(name: &str, lang: Lang) -> Option<&'static str> {
    CATALOGS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, en, ko)| if lang == Lang::Ko { *ko } else { *en })
}

type Bundle = FluentBundle<FluentResource>;

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (_, en, ko) in CATALOGS {
        let text = if lang == Lang::Ko { ko } else { en };
        // A syntax error in an embedded catalog is caught by the tests; at run
        // time the entries that did parse are still used.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn bundle(lang: Lang) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static KO: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| build(Lang::En)),
        Lang::Ko => KO.get_or_init(|| build(Lang::Ko)),
    }
}

/// Renders message `id` in `lang` with named arguments (English when the
/// translation lacks it).
pub fn tr(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    lookup(lang, id, args).unwrap_or_else(|| id.to_string())
}

/// As `tr`, but `None` when no catalog has the message, so a caller can
/// choose what to show instead.
pub fn lookup(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, v.clone());
    }
    for l in [lang, Lang::En] {
        let b = bundle(l);
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return Some(
                b.format_pattern(pattern, Some(&fa), &mut errors)
                    .into_owned(),
            );
        }
    }
    None
}

/// The message ids of a catalog text, in order.
pub fn ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variables (`{ $name }`) a message uses.
    fn variables(text: &str, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with(&format!("{id} =")) {
                inside = true;
            } else if inside && !line.starts_with(' ') {
                break;
            }
            if inside {
                let mut rest = line;
                while let Some(i) = rest.find('$') {
                    let name: String = rest[i + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    if !out.contains(&name) {
                        out.push(name);
                    }
                    rest = &rest[i + 1..];
                }
            }
        }
        out
    }

    /// Every id is in both languages, every catalog parses, and every message
    /// renders with its arguments filled in both languages.
    #[test]
    fn every_message_renders_in_both_languages() {
        for (name, en, ko) in CATALOGS {
            for (lang, text) in [("en", en), ("ko", ko)] {
                if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
                    panic!("locales/{lang}/{name}.ftl does not parse: {errors:?}");
                }
            }
            let (en_ids, ko_ids) = (ids(en), ids(ko));
            for id in &en_ids {
                assert!(ko_ids.contains(id), "{name}: `{id}` is missing in Korean");
            }
            for id in &ko_ids {
                assert!(en_ids.contains(id), "{name}: `{id}` is missing in English");
            }
            for id in &en_ids {
                let vars = variables(en, id);
                assert_eq!(
                    {
                        let mut v = vars.clone();
                        v.sort();
                        v
                    },
                    {
                        let mut v = variables(ko, id);
                        v.sort();
                        v
                    },
                    "{name}: `{id}` uses different arguments in en and ko"
                );
                let args: Vec<(&str, FluentValue<'_>)> = vars
                    .iter()
                    .map(|v| (v.as_str(), FluentValue::from("7")))
                    .collect();
                for lang in Lang::ALL {
                    let s = tr(lang, id, &args);
                    // An unfilled argument shows as `{$name}`; a literal brace (a
                    // JSON snippet in a finding) is fine.
                    assert!(
                        !s.contains("{$") && !s.contains("{ $"),
                        "{lang} `{id}`: {s}"
                    );
                    assert_ne!(&s, id, "{lang} `{id}` did not render");
                    assert!(!s.trim().is_empty(), "{lang} `{id}` is empty");
                }
            }
        }
    }

    #[test]
    fn korean_falls_back_to_english_and_unknown_ids_show_themselves() {
        assert_eq!(tr(Lang::Ko, "no-such-id", &[]), "no-such-id");
        assert_ne!(
            tr(Lang::En, "quiz-right", &[]),
            tr(Lang::Ko, "quiz-right", &[])
        );
    }
}
