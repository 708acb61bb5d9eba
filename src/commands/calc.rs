//! `labcheck calc capacity`: DynamoDB RCU/WCU with the working shown, as text
//! or JSON. The arithmetic is `quiz::capacity`; this file only reads the
//! arguments and lays the steps out.

use std::io::Write;

use serde_json::json;

use fluent_bundle::FluentValue;

use super::{CommandError, Io};
use crate::cli::{CalcArgs, CalcCommand, CalcOutput, CapacityArgs, Consistency, ReadOperation};
use crate::i18n;
use crate::lang::Lang;
use crate::quiz::capacity::{self, Capacity, ReadMode};

pub fn run(args: &CalcArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    match &args.command {
        CalcCommand::Capacity(c) => capacity_cmd(c, io),
    }
}

/// A line of the working from `locales/<lang>/calc.ftl`; every argument is
/// text (numbers already formatted), so Fluent adds no number formatting.
fn line(lang: Lang, id: &str, args: &[(&str, &dyn ToString)]) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .map(|(k, v)| (*k, FluentValue::from(v.to_string())))
        .collect();
    i18n::tr(lang, id, &args)
}

fn read_mode(c: Consistency) -> ReadMode {
    match c {
        Consistency::Strong => ReadMode::Strong,
        Consistency::Eventual => ReadMode::Eventual,
        Consistency::Transactional => ReadMode::Transactional,
    }
}

/// `1536` → `1.5 KB`: how people write item sizes.
pub(crate) fn kb(bytes: u64) -> String {
    let v = bytes as f64 / capacity::KB as f64;
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} KB")
}

fn capacity_cmd(args: &CapacityArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    let lang = Lang::from_env(args.lang.map(crate::cli::LangArg::lang));
    let bytes = capacity::parse_size(&args.item_size)?;
    if let Some(op) = args.operation {
        return operation_cmd(args, op, bytes, lang, io);
    }
    let (cap, mode_line, json_mode) = if let Some(w) = &args.writes {
        let rate = capacity::parse_count(w, "writes per second")?;
        let cap = capacity::checked_wcu(bytes, rate, args.transactional)?;
        let line = if args.transactional {
            line(
                lang,
                "calc-mode-transactional",
                &[("base", &cap.base), ("value", &cap.value)],
            )
        } else {
            line(lang, "calc-mode-standard-write", &[])
        };
        let mode = if args.transactional {
            "transactional"
        } else {
            "standard"
        };
        (cap, line, mode)
    } else {
        let text = args.reads.as_deref().unwrap_or("0");
        let rate = capacity::parse_count(text, "reads per second")?;
        let mode = read_mode(args.consistency);
        let cap = capacity::checked_rcu(bytes, rate, mode)?;
        let id = match mode {
            ReadMode::Strong => "calc-mode-strong",
            ReadMode::Eventual => "calc-mode-eventual",
            ReadMode::Transactional => "calc-mode-transactional",
        };
        let line = line(lang, id, &[("base", &cap.base), ("value", &cap.value)]);
        (cap, line, mode.name())
    };
    match args.output {
        CalcOutput::Json => {
            let v = json!({
                "unit": cap.unit,
                "value": cap.value,
                "inputs": {
                    "item_bytes": cap.item_bytes,
                    "rate_per_second": cap.rate,
                    "mode": json_mode,
                },
                "steps": {
                    "unit_bytes": cap.unit_bytes,
                    "units_per_item": cap.units_per_item,
                    "base": cap.base,
                },
            });
            writeln!(io.stdout, "{v}")?;
        }
        CalcOutput::Text => write_steps(io, &cap, &mode_line, lang)?,
    }
    Ok(crate::exit::OK)
}

fn write_steps(
    io: &mut Io<'_>,
    cap: &Capacity,
    mode_line: &str,
    lang: Lang,
) -> Result<(), CommandError> {
    let read = cap.unit == "RCU";
    let out = &mut io.stdout;
    let item_kb = kb(cap.item_bytes);
    writeln!(
        out,
        "{}",
        line(
            lang,
            "calc-item-size",
            &[("kb", &item_kb), ("bytes", &cap.item_bytes)]
        )
    )?;
    let unit_kb = kb(cap.unit_bytes);
    let rounded = if read {
        "calc-rounded-read"
    } else {
        "calc-rounded-write"
    };
    writeln!(
        out,
        "{}",
        line(
            lang,
            rounded,
            &[
                ("bytes", &cap.item_bytes),
                ("unit_bytes", &cap.unit_bytes),
                ("units", &cap.units_per_item),
                ("unit_kb", &unit_kb),
            ]
        )
    )?;
    let times = if read {
        "calc-times-rate-read"
    } else {
        "calc-times-rate-write"
    };
    writeln!(
        out,
        "{}",
        line(
            lang,
            times,
            &[
                ("units", &cap.units_per_item),
                ("rate", &cap.rate),
                ("base", &cap.base)
            ]
        )
    )?;
    writeln!(out, "{mode_line}")?;
    writeln!(out, "= {} {}", cap.value, cap.unit)?;
    Ok(())
}

/// What the response-size limits do to this call, when the input passes
/// them (each note names the page that states the limit).
fn limit_notes(op: ReadOperation, total: u64, items: u64, lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    let total_kb = kb(total);
    if op == ReadOperation::Query && total > capacity::QUERY_PAGE_BYTES {
        let calls = total.div_ceil(capacity::QUERY_PAGE_BYTES);
        notes.push(line(
            lang,
            "calc-limit-query",
            &[("kb", &total_kb), ("calls", &calls)],
        ));
    }
    if op == ReadOperation::BatchGet && total > capacity::BATCH_GET_BYTES {
        let calls = total
            .div_ceil(capacity::BATCH_GET_BYTES)
            .max(items.div_ceil(capacity::BATCH_GET_ITEMS));
        notes.push(line(
            lang,
            "calc-limit-batch",
            &[
                ("kb", &total_kb),
                ("max_items", &capacity::BATCH_GET_ITEMS),
                ("calls", &calls),
            ],
        ));
    }
    notes
}

fn operation_cmd(
    args: &CapacityArgs,
    op: ReadOperation,
    bytes: u64,
    lang: Lang,
    io: &mut Io<'_>,
) -> Result<u8, CommandError> {
    if args.writes.is_some() {
        return Err(CommandError::Usage(
            "--operation compares reads: use --reads (calls per second), not --writes".into(),
        ));
    }
    let mode = read_mode(args.consistency);
    if mode == ReadMode::Transactional {
        return Err(CommandError::Usage(
            "--operation query|batch-get reads are strong or eventual; transactional reads are TransactGetItems".into(),
        ));
    }
    let items = capacity::parse_count(args.items.as_deref().unwrap_or(""), "--items")?;
    if items == 0 || (op == ReadOperation::BatchGet && items > 100) {
        return Err(CommandError::Usage(format!(
            "--items {items}: expected 1 to 100 (BatchGetItem reads at most 100 items per call)"
        )));
    }
    let rate = capacity::parse_count(args.reads.as_deref().unwrap_or("1"), "reads per second")?;
    let total = capacity::mul(bytes, items, "item size × items")?;
    // Every item is the same size, so the sums are products: no list needed.
    let q_call = total.div_ceil(capacity::READ_UNIT_BYTES);
    let b_call = capacity::mul(
        capacity::read_units_per_item(bytes),
        items,
        "read units per item × items",
    )?;
    let per_second = |units: u64, what: &str| -> Result<u64, CommandError> {
        let base = capacity::mul(units, rate, what)?;
        Ok(capacity::apply_read_mode(base, mode))
    };
    let q = per_second(q_call, "Query units × calls per second")?;
    let b = per_second(b_call, "BatchGetItem units × calls per second")?;
    let limits = limit_notes(op, total, items, lang);
    let per_item = capacity::read_units_per_item(bytes);
    let chosen = if op == ReadOperation::Query { q } else { b };
    match args.output {
        CalcOutput::Json => {
            let v = json!({
                "unit": "RCU",
                "value": chosen,
                "operation": if op == ReadOperation::Query { "query" } else { "batch-get" },
                "inputs": {
                    "item_bytes": bytes,
                    "items_per_call": items,
                    "calls_per_second": rate,
                    "mode": mode.name(),
                },
                "query": { "total_bytes": total, "units_per_call": q_call, "value": q },
                "batch_get": { "units_per_item": per_item, "units_per_call": b_call, "value": b },
                "limits": limits,
            });
            writeln!(io.stdout, "{v}")?;
        }
        CalcOutput::Text => {
            let out = &mut io.stdout;
            let item_kb = kb(bytes);
            let header = line(
                lang,
                "calc-op-header",
                &[
                    ("items", &items),
                    ("kb", &item_kb),
                    ("bytes", &bytes),
                    ("rate", &rate),
                    (
                        "mode",
                        &line(lang, &format!("calc-read-{}", mode.name()), &[]),
                    ),
                ],
            );
            writeln!(out, "{header}")?;
            writeln!(out, "{}", line(lang, "calc-op-query-how", &[]))?;
            let sum = line(
                lang,
                "calc-op-query-sum",
                &[
                    ("items", &items),
                    ("bytes", &bytes),
                    ("total", &total),
                    ("units", &q_call),
                ],
            );
            writeln!(out, "  {sum}")?;
            writeln!(out, "{}", line(lang, "calc-op-batch-how", &[]))?;
            let sum = line(
                lang,
                "calc-op-batch-sum",
                &[
                    ("bytes", &bytes),
                    ("per_item", &per_item),
                    ("items", &items),
                    ("units", &b_call),
                ],
            );
            writeln!(out, "  {sum}")?;
            let eventual = mode == ReadMode::Eventual;
            let asked = line(lang, "calc-op-asked", &[]);
            let mark = |this: ReadOperation| {
                if this == op {
                    format!("  {asked}")
                } else {
                    String::new()
                }
            };
            for (this, id, units, value) in [
                (ReadOperation::Query, "calc-op-query", q_call, q),
                (ReadOperation::BatchGet, "calc-op-batch", b_call, b),
            ] {
                let id = if eventual {
                    format!("{id}-eventual")
                } else {
                    id.to_string()
                };
                let text = line(
                    lang,
                    &id,
                    &[("units", &units), ("rate", &rate), ("value", &value)],
                );
                writeln!(out, "{text}{}", mark(this))?;
            }
            for note in &limits {
                writeln!(out, "{}", line(lang, "calc-note", &[("note", note)]))?;
            }
        }
    }
    Ok(crate::exit::OK)
}
