//! `labcheck calc capacity`: DynamoDB RCU/WCU with the working shown, as text
//! or JSON. The arithmetic is `quiz::capacity`; this file only reads the
//! arguments and lays the steps out.

use std::io::Write;

use serde_json::json;

use super::{CommandError, Io};
use crate::cli::{CalcArgs, CalcCommand, CalcOutput, CapacityArgs, Consistency, ReadOperation};
use crate::quiz::capacity::{self, Capacity, ReadMode};

pub fn run(args: &CalcArgs, io: &mut Io<'_>) -> Result<u8, CommandError> {
    match &args.command {
        CalcCommand::Capacity(c) => capacity_cmd(c, io),
    }
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
    let bytes = capacity::parse_size(&args.item_size)?;
    if let Some(op) = args.operation {
        return operation_cmd(args, op, bytes, io);
    }
    let (cap, mode_line, json_mode) = if let Some(w) = &args.writes {
        let rate = capacity::parse_count(w, "writes per second")?;
        let cap = capacity::checked_wcu(bytes, rate, args.transactional)?;
        let line = if args.transactional {
            format!("Transactional: doubled: {} × 2 = {}", cap.base, cap.value)
        } else {
            "Standard writes: no adjustment".to_string()
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
        let line = match mode {
            ReadMode::Strong => "Strongly consistent: no adjustment".to_string(),
            ReadMode::Eventual => format!(
                "Eventually consistent: halved, rounded up: ceil({} / 2) = {}",
                cap.base, cap.value
            ),
            ReadMode::Transactional => {
                format!("Transactional: doubled: {} × 2 = {}", cap.base, cap.value)
            }
        };
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
        CalcOutput::Text => write_steps(io, &cap, &mode_line)?,
    }
    Ok(crate::exit::OK)
}

fn write_steps(io: &mut Io<'_>, cap: &Capacity, mode_line: &str) -> Result<(), CommandError> {
    let per = if cap.unit == "RCU" { "read" } else { "write" };
    let out = &mut io.stdout;
    writeln!(
        out,
        "Item size:         {} ({} bytes)",
        kb(cap.item_bytes),
        cap.item_bytes
    )?;
    writeln!(
        out,
        "Rounded up:        ceil({} / {}) = {} unit(s) of {} per {per}",
        cap.item_bytes,
        cap.unit_bytes,
        cap.units_per_item,
        kb(cap.unit_bytes)
    )?;
    writeln!(
        out,
        "Times the rate:    {} × {} {per}s/s = {}",
        cap.units_per_item, cap.rate, cap.base
    )?;
    writeln!(out, "{mode_line}")?;
    writeln!(out, "= {} {}", cap.value, cap.unit)?;
    Ok(())
}

/// What the response-size limits do to this call, when the input passes
/// them (each note names the page that states the limit).
fn limit_notes(op: ReadOperation, total: u64, items: u64) -> Vec<String> {
    let mut notes = Vec::new();
    if op == ReadOperation::Query && total > capacity::QUERY_PAGE_BYTES {
        notes.push(format!(
            "{} of items is more than one Query returns: a Query reads at most 1 MB per call (page), counted before any filter, so this takes {} calls with LastEvaluatedKey. See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html",
            kb(total),
            total.div_ceil(capacity::QUERY_PAGE_BYTES)
        ));
    }
    if op == ReadOperation::BatchGet && total > capacity::BATCH_GET_BYTES {
        notes.push(format!(
            "{} of items is more than one BatchGetItem returns: at most 16 MB (and {} items) per call; the rest come back in UnprocessedKeys, so this takes at least {} calls. See https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html",
            kb(total),
            capacity::BATCH_GET_ITEMS,
            total.div_ceil(capacity::BATCH_GET_BYTES).max(items.div_ceil(capacity::BATCH_GET_ITEMS))
        ));
    }
    notes
}

fn operation_cmd(
    args: &CapacityArgs,
    op: ReadOperation,
    bytes: u64,
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
    let limits = limit_notes(op, total, items);
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
            writeln!(
                out,
                "{items} item(s) of {} ({bytes} bytes) per call, {rate} call(s)/s, {}",
                kb(bytes),
                mode.name()
            )?;
            writeln!(out, "Query: sizes summed, then rounded up to 4 KB:")?;
            writeln!(
                out,
                "  {items} × {bytes} = {total} bytes; ceil({total} / 4096) = {q_call} unit(s) per call"
            )?;
            writeln!(
                out,
                "BatchGetItem: each item rounded up to 4 KB, then summed:"
            )?;
            writeln!(
                out,
                "  ceil({bytes} / 4096) = {per_item} unit(s) per item; × {items} = {b_call} unit(s) per call"
            )?;
            let half = if mode == ReadMode::Eventual {
                ", halved and rounded up (eventually consistent)"
            } else {
                ""
            };
            let mark = |this: ReadOperation| if this == op { "  <- asked" } else { "" };
            writeln!(
                out,
                "Query:        {q_call} × {rate}{half} = {q} RCU{}",
                mark(ReadOperation::Query)
            )?;
            writeln!(
                out,
                "BatchGetItem: {b_call} × {rate}{half} = {b} RCU{}",
                mark(ReadOperation::BatchGet)
            )?;
            for note in &limits {
                writeln!(out, "Note: {note}")?;
            }
        }
    }
    Ok(crate::exit::OK)
}
