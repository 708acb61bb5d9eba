//! The human forms: the verify report as a table, the list of labs, and a
//! lab's steps for `labcheck show`.

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use super::Report;
use crate::checks::Status;
use crate::lab::{Lab, Values};
use crate::lang::Lang;

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

fn status_cell(status: Status, color: bool) -> Cell {
    let (text, hue) = match status {
        Status::Pass => ("✓ pass", Color::Green),
        Status::Fail => ("✗ FAIL", Color::Red),
        Status::Pending => ("… pending", Color::Yellow),
        Status::Error => ("! error", Color::Magenta),
        Status::Skipped => ("- skipped", Color::DarkGrey),
    };
    let cell = Cell::new(text);
    if color { cell.fg(hue) } else { cell }
}

/// The verify report: a row per check under its step, the hint under each
/// failure, then the score.
pub fn report_table(report: &Report, color: bool, width: Option<u16>) -> String {
    let mut table = new_table(color, width);
    table.set_header(vec!["", "Check", "Result"]);
    for step in &report.steps {
        let title = Cell::new(&step.title);
        table.add_row(vec![
            status_cell(step.status, color),
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
                details.push_str("hint: ");
                details.push_str(&hint.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            table.add_row(vec![
                status_cell(check.status, color),
                Cell::new(format!("› {} [{}]", check.title, check.id)),
                Cell::new(details),
            ]);
        }
    }
    let s = &report.score;
    format!(
        "{} — {}\nsource: {} · account {} · {}\n{table}\nScore: {}/{} points, {} of {} checks passed\nlab {} {} ({})\n",
        report.lab,
        report.lab_title,
        report.source,
        report.account,
        report.region,
        s.earned,
        s.possible,
        s.passed,
        s.total,
        report.lab,
        report.lab_version,
        report.lab_digest,
    )
}

/// `labcheck labs`.
pub fn labs_table(labs: &[Lab], color: bool, width: Option<u16>, lang: Lang) -> String {
    let mut table = new_table(color, width);
    table.set_header(vec!["Lab", "Title", "Region", "Checks"]);
    for lab in labs {
        table.add_row(vec![
            lab.id.clone(),
            lab.title.get(lang).to_string(),
            lab.region.clone(),
            lab.checks().count().to_string(),
        ]);
    }
    format!("{table}\nRun one with: labcheck verify LAB --sim\n")
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
    let mut out = format!(
        "{} — {} (version {})\nworkshop: {}\n",
        lab.id,
        lab.title.get(lang),
        lab.version,
        lab.workshop
    );
    if !lab.workshop_url.is_empty() {
        out.push_str(&format!("          {}\n", lab.workshop_url));
    }
    out.push_str(&format!("region: {}\n", lab.region));
    let description = lab.description.get(lang).trim();
    if !description.is_empty() {
        out.push_str(&format!("\n{description}\n"));
    }
    let mut params = new_table(color, width);
    params.set_header(vec!["Parameter", "Value", "Meaning"]);
    for p in &lab.params {
        params.add_row(vec![
            p.name.clone(),
            values.get(&p.name).unwrap_or(&p.default).to_string(),
            p.description.get(lang).to_string(),
        ]);
    }
    out.push_str(&format!("\n{params}\n(change one with --set NAME=VALUE)\n"));
    for step in &lab.steps {
        out.push_str(&format!("\n{}\n", step.title.get(lang)));
        for line in step.instructions.get(lang).trim().lines() {
            out.push_str(&format!("  {line}\n"));
        }
        let mut checks = new_table(color, width);
        checks.set_header(vec!["Check", "Looks for", "Points"]);
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
                    check.kind.summary,
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
