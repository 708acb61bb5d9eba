//! The language labcheck speaks: English or Korean, chosen once per run.
//!
//! Resolution, first match wins: `--lang`, then `LABCHECK_LANG`, then the POSIX
//! locale variables in their standard precedence (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`; the first one that is set and non-empty decides, as in setlocale).
//! `ko`, `ko_KR`, `ko_KR.UTF-8`, `ko-KR` mean Korean; anything else English,
//! because English is the complete fallback for every text.
//!
//! The environment is read through a closure so that the rule is a pure
//! function: unit tests and every command can share it.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

/// A language labcheck has texts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag (`en`, `ko`), also the folder name under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// `ko`, `ko_KR.UTF-8`, `ko-KR`, `KO` → Korean; `en*` → English; else None.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim();
        // `ko_KR.UTF-8@variant`: only the language part decides.
        let lang = s
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match lang.as_str() {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Resolves the language from an explicit choice (`--lang`) and the
    /// environment, read through `env` (e.g. `|k| std::env::var(k).ok()`).
    pub fn resolve(explicit: Option<Lang>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
        if let Some(l) = explicit {
            return l;
        }
        let set = |k: &str| env(k).filter(|v| !v.trim().is_empty());
        if let Some(v) = set("LABCHECK_LANG") {
            // An unknown LABCHECK_LANG is a deliberate setting, so it means
            // English rather than falling through to the locale.
            return Lang::parse(&v).unwrap_or(Lang::En);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| set(k))
            .and_then(|v| Lang::parse(&v))
            .unwrap_or(Lang::En)
    }

    /// `resolve` over the process environment.
    pub fn from_env(explicit: Option<Lang>) -> Lang {
        Lang::resolve(explicit, &|k| std::env::var(k).ok())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A learner-facing text: English always, Korean when translated. In a bank or a
/// lab file it is written as a plain string (English only) or `{ en = "...", ko = "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub ko: Option<String>,
}

impl Text {
    /// English only.
    pub fn plain(en: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ko: None,
        }
    }

    /// The text in `lang`, or the English when that translation is missing.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.ko) {
            (Lang::Ko, Some(ko)) if !ko.trim().is_empty() => ko,
            _ => &self.en,
        }
    }

    /// Is there a (non-blank) Korean translation?
    pub fn has_ko(&self) -> bool {
        self.ko.as_ref().is_some_and(|k| !k.trim().is_empty())
    }

    /// Both languages passed through `f` (filling templates, trimming).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Text {
        Text {
            en: f(&self.en),
            ko: self.ko.as_deref().map(f),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.en.trim().is_empty()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or a table { en = \"...\", ko = \"...\" }")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::plain(s))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text::plain(s))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let (mut en, mut ko): (Option<String>, Option<String>) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "en" if en.is_none() => en = Some(map.next_value()?),
                        "ko" if ko.is_none() => ko = Some(map.next_value()?),
                        "en" | "ko" => return Err(de::Error::duplicate_field("en/ko")),
                        other => return Err(de::Error::unknown_field(other, &["en", "ko"])),
                    }
                }
                let en = en.ok_or_else(|| de::Error::missing_field("en"))?;
                Ok(Text { en, ko })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn parses_locale_names() {
        for s in ["ko", "KO", "ko_KR", "ko_KR.UTF-8", "ko-KR", "ko_KR.eucKR@x"] {
            assert_eq!(Lang::parse(s), Some(Lang::Ko), "{s}");
        }
        for s in ["en", "en_US.UTF-8", "EN-gb"] {
            assert_eq!(Lang::parse(s), Some(Lang::En), "{s}");
        }
        for s in ["C", "POSIX", "", "kor", "ja_JP.UTF-8"] {
            assert_eq!(Lang::parse(s), None, "{s}");
        }
    }

    #[test]
    fn precedence_flag_then_labcheck_lang_then_locale() {
        let all = [
            ("LABCHECK_LANG", "en"),
            ("LC_ALL", "ko_KR.UTF-8"),
            ("LANG", "ko_KR.UTF-8"),
        ];
        assert_eq!(Lang::resolve(Some(Lang::Ko), &env(&all)), Lang::Ko);
        assert_eq!(Lang::resolve(None, &env(&all)), Lang::En);
        assert_eq!(Lang::resolve(None, &env(&all[1..])), Lang::Ko);
        assert_eq!(
            Lang::resolve(None, &env(&[("LABCHECK_LANG", "xx"), ("LANG", "ko")])),
            Lang::En
        );
    }

    #[test]
    fn first_set_and_non_empty_locale_variable_wins() {
        // LC_ALL beats LC_MESSAGES beats LANG.
        let e = [
            ("LC_ALL", "C"),
            ("LC_MESSAGES", "ko_KR.UTF-8"),
            ("LANG", "ko"),
        ];
        assert_eq!(Lang::resolve(None, &env(&e)), Lang::En);
        let e = [
            ("LC_ALL", ""),
            ("LC_MESSAGES", "ko_KR.UTF-8"),
            ("LANG", "en"),
        ];
        assert_eq!(Lang::resolve(None, &env(&e)), Lang::Ko);
        let e = [("LABCHECK_LANG", " "), ("LANG", "ko_KR.UTF-8")];
        assert_eq!(Lang::resolve(None, &env(&e)), Lang::Ko);
        assert_eq!(Lang::resolve(None, &env(&[])), Lang::En);
    }
}
