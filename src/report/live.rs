//! The words of `grade --serve`: the round line in the terminal, and the
//! labels the live page shows (sent to it in its JSON, so the page itself
//! holds no sentence and speaks the run's language).

use std::collections::BTreeMap;

use fluent_bundle::FluentValue;

use crate::i18n::{self, tr};
use crate::lang::Lang;

const PAGE_PREFIX: &str = "live-page-";

/// Every `live-page-*` message, by the rest of its id (`title`, `status-pass`).
pub fn live_labels(lang: Lang) -> BTreeMap<String, String> {
    let mut labels: BTreeMap<String, String> = i18n::catalog("report", Lang::En)
        .map(i18n::ids)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|id| {
            let key = id.strip_prefix(PAGE_PREFIX)?.to_string();
            Some((key, tr(lang, &id, &[])))
        })
        .collect();
    labels.insert("lang".into(), lang.tag().into());
    labels
}

/// What one round of `grade --serve` did, for its line.
pub struct Round {
    pub round: u32,
    pub ended: String,
    pub took: std::time::Duration,
    pub complete: usize,
    pub total: usize,
    pub stuck: usize,
    pub errors: usize,
}

pub fn live_round(lang: Lang, r: &Round) -> String {
    let took = format!("{:.1}s", r.took.as_secs_f64());
    tr(
        lang,
        "live-round",
        &[
            ("round", FluentValue::from(r.round)),
            ("time", FluentValue::from(r.ended.as_str())),
            ("took", FluentValue::from(took)),
            ("complete", FluentValue::from(r.complete)),
            ("total", FluentValue::from(r.total)),
            ("stuck", FluentValue::from(r.stuck)),
            ("errors", FluentValue::from(r.errors)),
        ],
    )
}

pub fn live_listening(lang: Lang, url: &str) -> String {
    tr(lang, "live-listening", &[("url", FluentValue::from(url))])
}

pub fn live_token_warning(lang: Lang) -> String {
    tr(lang, "live-token-warning", &[])
}

pub fn live_stopped(lang: Lang, round: u32) -> String {
    tr(lang, "live-stopped", &[("round", FluentValue::from(round))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_gets_every_label_in_korean_too() {
        let (en, ko) = (live_labels(Lang::En), live_labels(Lang::Ko));
        assert_eq!(en.keys().collect::<Vec<_>>(), ko.keys().collect::<Vec<_>>());
        assert!(en.len() > 20, "{en:?}");
        assert_eq!(en["title"], "Live class view");
        assert_eq!(ko["title"], "실시간 수업 화면");
        assert_eq!(ko["lang"], "ko");
    }
}
