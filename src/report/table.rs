//! The human forms: the verify report as a table, the list of labs, and a
//! lab's steps for `labcheck show`.

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use super::Report;
use crate::checks::Status;
use crate::i18n::tr;
use crate::lab::{Lab, Values};
use crate::lang::Lang;
use fluent_bundle::FluentValue;
use unicode_width::UnicodeWidthStr;

/// Terminal tables wrap to this width when the real width is unknown (pipes,
/// files), so output is the same everywhere.
pub const DEFAULT_WIDTH: u16 = 100;

pub(super) fn new_table(color: bool, width: Option<u16>) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic);
    // The terminal's width when there is one, asked before styling is
    // decided, since a table forced to plain text stops asking.
    let width = width.or(table.width()).unwrap_or(DEFAULT_WIDTH);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_width(width);
    table
}

fn status_cell(status: Status, color: bool, lang: Lang) -> Cell {
    let hue = match status {
        Status::Pass => Color::Green,
        Status::Fail => Color::Red,
        Status::Pending => Color::Yellow,
        Status::Error => Color::Magenta,
        Status::Skipped => Color::DarkGrey,
    };
    let cell = Cell::new(tr(lang, &format!("report-status-{}", status.as_str()), &[]));
    if color { cell.fg(hue) } else { cell }
}

/// The verify report: a row per check under its step, the hint under each
/// failure, then the score.
pub fn report_table(report: &Report, color: bool, width: Option<u16>, lang: Lang) -> String {
    let mut table = new_table(color, width);
    table.set_header(vec![
        String::new(),
        tr(lang, "report-col-check", &[]),
        tr(lang, "report-col-result", &[]),
    ]);
    for step in &report.steps {
        let title = Cell::new(&step.title);
        table.add_row(vec![
            status_cell(step.status, color, lang),
            if color {
                title.add_attribute(Attribute::Bold)
            } else {
                title
            },
            Cell::new(""),
        ]);
        for check in &step.checks {
            let mut details = check.message.clone().unwrap_or_default();
            if let Some(hint) = &check.hint {
                if !details.is_empty() {
                    details.push('\n');
                }
                let hint = hint.split_whitespace().collect::<Vec<_>>().join(" ");
                details.push_str(&tr(lang, "report-hint", &[("hint", hint.into())]));
            }
            table.add_row(vec![
                status_cell(check.status, color, lang),
                Cell::new(format!("› {} [{}]", check.title, check.id)),
                Cell::new(details),
            ]);
        }
    }
    let s = &report.score;
    let text = |v: &dyn ToString| FluentValue::from(v.to_string());
    let source = tr(
        lang,
        "report-source",
        &[
            ("source", text(&report.source)),
            ("account", text(&report.account)),
            ("region", text(&report.region)),
        ],
    );
    let score = tr(
        lang,
        "report-score",
        &[
            ("earned", text(&s.earned)),
            ("possible", text(&s.possible)),
            ("passed", text(&s.passed)),
            ("total", text(&s.total)),
        ],
    );
    let lab = tr(
        lang,
        "report-lab",
        &[
            ("lab", text(&report.lab)),
            ("version", text(&report.lab_version)),
            ("digest", text(&report.lab_digest)),
        ],
    );
    // The engine's notes go under the score: they qualify it.
    let notes: String = report
        .notes
        .iter()
        .map(|n| format!("※ {}\n", n.message))
        .collect();
    format!(
        "{} — {}\n{source}\n{table}\n{score}\n{notes}{lab}\n",
        report.lab, report.lab_title,
    )
}

/// `labcheck labs`.
pub fn labs_table(labs: &[Lab], color: bool, width: Option<u16>, lang: Lang) -> String {
    let mut table = new_table(color, width);
    table.set_header(
        [
            "labs-col-lab",
            "labs-col-title",
            "labs-col-region",
            "labs-col-checks",
        ]
        .map(|id| tr(lang, id, &[])),
    );
    for lab in labs {
        table.add_row(vec![
            lab.id.clone(),
            lab.title.get(lang).to_string(),
            lab.region.clone(),
            lab.checks().count().to_string(),
        ]);
    }
    format!("{table}\n{}\n", tr(lang, "labs-run-one", &[]))
}

/// `labcheck show`: the lab's steps, what each check looks for, and the
/// parameter values in force.
pub fn lab_details(
    lab: &Lab,
    values: &Values,
    color: bool,
    width: Option<u16>,
    lang: Lang,
) -> String {
    let text = |v: &str| FluentValue::from(v.to_string());
    let mut out = tr(
        lang,
        "show-heading",
        &[
            ("lab", text(&lab.id)),
            ("title", text(lab.title.get(lang))),
            ("version", text(&lab.version)),
        ],
    );
    out.push('\n');
    let workshop = tr(lang, "show-workshop", &[("workshop", text(&lab.workshop))]);
    out.push_str(&workshop);
    out.push('\n');
    if !lab.workshop_url.is_empty() {
        // Under the workshop's name, however wide the label is in `lang`.
        let indent = workshop.width().saturating_sub(lab.workshop.width());
        out.push_str(&format!("{:indent$}{}\n", "", lab.workshop_url));
    }
    out.push_str(&tr(lang, "show-region", &[("region", text(&lab.region))]));
    out.push('\n');
    let description = lab.description.get(lang).trim();
    if !description.is_empty() {
        out.push_str(&format!("\n{description}\n"));
    }
    let mut params = new_table(color, width);
    params.set_header(
        ["show-col-parameter", "show-col-value", "show-col-meaning"].map(|id| tr(lang, id, &[])),
    );
    for p in &lab.params {
        params.add_row(vec![
            p.name.clone(),
            values.get(&p.name).unwrap_or(&p.default).to_string(),
            p.description.get(lang).to_string(),
        ]);
    }
    out.push_str(&format!("\n{params}\n{}\n", tr(lang, "show-set-hint", &[])));
    for step in &lab.steps {
        out.push_str(&format!("\n{}\n", step.title.get(lang)));
        for line in step.instructions.get(lang).trim().lines() {
            out.push_str(&format!("  {line}\n"));
        }
        let mut checks = new_table(color, width);
        checks.set_header(
            ["show-col-check", "show-col-looks-for", "show-col-points"].map(|id| tr(lang, id, &[])),
        );
        for check in &step.checks {
            let args: Vec<String> = check
                .with
                .iter()
                .map(|(k, v)| format!("{k}={}", values.fill(v, &[])))
                .collect();
            checks.add_row(vec![
                format!("{}\n({})", check.title.get(lang), check.id),
                format!(
                    "{}\n[{} {}]",
                    kind_summary(lang, check.kind.name),
                    check.kind.name,
                    args.join(" ")
                ),
                check.points.to_string(),
            ]);
        }
        out.push_str(&format!("{checks}\n"));
    }
    out
}

/// What a check kind looks at, from `locales/<lang>/kinds.ftl`.
pub fn kind_summary(lang: Lang, kind: &str) -> String {
    tr(lang, &format!("kind-{}", kind.replace('.', "-")), &[])
}

#[cfg(test)]
mod tests {
    use crate::i18n::lookup;
    use crate::lang::Lang;

    /// `show` explains every kind in both languages: a kind added without
    /// its line in `kinds.ftl` fails here, not in front of a learner.
    #[test]
    fn every_kind_has_a_summary_in_both_languages() {
        for kind in crate::checks::CATALOG {
            let id = format!("kind-{}", kind.name.replace('.', "-"));
            for lang in [Lang::En, Lang::Ko] {
                let text = lookup(lang, &id, &[]);
                assert!(text.is_some(), "{id} is missing");
            }
            let ko = lookup(Lang::Ko, &id, &[]).unwrap_or_default();
            assert!(
                ko.chars().any(|c| ('가'..='힣').contains(&c)),
                "{id} has no Korean line: {ko}"
            );
        }
    }
}
