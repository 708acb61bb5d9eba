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
        let cap = capacity::wcu(bytes, rate, args.transactional);
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
        let cap = capacity::rcu(bytes, rate, mode);
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
    let sizes = vec![bytes; usize::try_from(items).unwrap_or(usize::MAX).min(100_000)];
    let q_call = capacity::query_units(&sizes);
    let b_call = capacity::batch_get_units(&sizes);
    let q = capacity::apply_read_mode(q_call.saturating_mul(rate), mode);
    let b = capacity::apply_read_mode(b_call.saturating_mul(rate), mode);
    let total = bytes.saturating_mul(items);
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
        }
    }
    Ok(crate::exit::OK)
}
