//! DynamoDB capacity arithmetic, pure: item sizes, read and write capacity
//! units, request units, Query versus BatchGetItem. The calculator
//! (`labcheck calc capacity`) and the generated quiz questions both use it, so
//! the answer a learner is marked against is the answer the calculator shows.
//!
//! Rules (DynamoDB developer guide, "DynamoDB read and write operations"):
//! reads are counted in 4 KB units (one unit per strongly consistent read,
//! half for eventually consistent, two for transactional); writes in 1 KB units
//! (one per standard write, two transactional); 1 KB is 1024 bytes. Query sums
//! the sizes of all items returned and rounds once; BatchGetItem rounds every
//! item. An item is at most 400 KB.

use super::QuizError;

/// Bytes in DynamoDB's KB.
pub const KB: u64 = 1024;
/// Bytes counted per read unit.
pub const READ_UNIT_BYTES: u64 = 4 * KB;
/// Bytes counted per write unit.
pub const WRITE_UNIT_BYTES: u64 = KB;
/// The largest item DynamoDB stores.
pub const MAX_ITEM_BYTES: u64 = 400 * KB;

/// How a read is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadMode {
    Strong,
    Eventual,
    Transactional,
}

impl ReadMode {
    pub fn name(self) -> &'static str {
        match self {
            ReadMode::Strong => "strong",
            ReadMode::Eventual => "eventual",
            ReadMode::Transactional => "transactional",
        }
    }

    pub fn parse(s: &str) -> Option<ReadMode> {
        match s {
            "strong" => Some(ReadMode::Strong),
            "eventual" => Some(ReadMode::Eventual),
            "transactional" => Some(ReadMode::Transactional),
            _ => None,
        }
    }
}

/// Parses `512B`, `1.5KB`, `4KiB`, `12 KB`, `0.5 kb` into bytes. KB and KiB both
/// mean 1024 bytes, as DynamoDB counts; a bare number is bytes. A fraction of a
/// byte rounds up (DynamoDB would round the item up anyway). Rejects zero,
/// negatives, items over 400 KB and anything unparsable.
pub fn parse_size(text: &str) -> Result<u64, QuizError> {
    let bad = |why: &str| {
        QuizError::Usage(format!(
            "item size {text:?}: {why} (expected a size like 512B, 1.5KB, 4KiB or \"12 KB\", at most 400 KB)"
        ))
    };
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let factor = match unit.as_str() {
        "" | "b" | "byte" | "bytes" => 1.0,
        "kb" | "kib" | "k" => KB as f64,
        "mb" | "mib" => (KB * KB) as f64,
        _ => return Err(bad("unknown unit")),
    };
    let value: f64 = num.parse().map_err(|_| bad("not a number"))?;
    if !value.is_finite() {
        return Err(bad("not a number"));
    }
    if value < 0.0 {
        return Err(bad("a size cannot be negative"));
    }
    let bytes = (value * factor).ceil();
    if bytes < 1.0 {
        return Err(bad("an item has at least one byte"));
    }
    if bytes > MAX_ITEM_BYTES as f64 {
        return Err(bad("DynamoDB items are at most 400 KB (409,600 bytes)"));
    }
    Ok(bytes as u64)
}

/// Parses a whole, non-negative count (a rate per second, a number of items).
/// Zero is fine: no traffic needs no capacity.
pub fn parse_count(text: &str, what: &str) -> Result<u64, QuizError> {
    let t = text.trim().replace('_', "");
    t.parse::<u64>().map_err(|_| {
        QuizError::Usage(format!(
            "{what} {text:?}: expected a whole number, 0 or more (like 10 or 2500)"
        ))
    })
}

/// Read units for one item: its size rounded up to 4 KB units.
pub fn read_units_per_item(bytes: u64) -> u64 {
    bytes.div_ceil(READ_UNIT_BYTES)
}

/// Write units for one item: its size rounded up to 1 KB units.
pub fn write_units_per_item(bytes: u64) -> u64 {
    bytes.div_ceil(WRITE_UNIT_BYTES)
}

/// Applies the consistency rule to a count of strongly consistent 4 KB units
/// per second. Eventual is half, rounded up, because capacity is provisioned in
/// whole units.
pub fn apply_read_mode(strong_units: u64, mode: ReadMode) -> u64 {
    match mode {
        ReadMode::Strong => strong_units,
        ReadMode::Eventual => strong_units.div_ceil(2),
        ReadMode::Transactional => strong_units.saturating_mul(2),
    }
}

/// The working of a capacity calculation, numbers only (the wording lives
/// with whoever renders it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capacity {
    /// "RCU" or "WCU".
    pub unit: &'static str,
    pub item_bytes: u64,
    pub unit_bytes: u64,
    /// The item size rounded up to whole units.
    pub units_per_item: u64,
    pub rate: u64,
    /// `units_per_item × rate`, before the consistency or transaction rule.
    pub base: u64,
    pub value: u64,
}

/// Read capacity units to sustain `rate` reads per second of `bytes`-sized items.
pub fn rcu(bytes: u64, rate: u64, mode: ReadMode) -> Capacity {
    let units_per_item = read_units_per_item(bytes);
    let base = units_per_item.saturating_mul(rate);
    Capacity {
        unit: "RCU",
        item_bytes: bytes,
        unit_bytes: READ_UNIT_BYTES,
        units_per_item,
        rate,
        base,
        value: apply_read_mode(base, mode),
    }
}

/// Write capacity units to sustain `rate` writes per second of `bytes`-sized items.
pub fn wcu(bytes: u64, rate: u64, transactional: bool) -> Capacity {
    let units_per_item = write_units_per_item(bytes);
    let base = units_per_item.saturating_mul(rate);
    Capacity {
        unit: "WCU",
        item_bytes: bytes,
        unit_bytes: WRITE_UNIT_BYTES,
        units_per_item,
        rate,
        base,
        value: if transactional {
            base.saturating_mul(2)
        } else {
            base
        },
    }
}

/// Bytes in DynamoDB's MB, for the response limits below.
pub const MB: u64 = 1024 * KB;
/// A Query (or Scan) reads at most 1 MB per call (page), counted before any
/// filter expression. Source: "Filter expressions for the Query operation",
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html
pub const QUERY_PAGE_BYTES: u64 = MB;
/// A BatchGetItem returns at most 16 MB and 100 items per call; beyond that
/// the rest come back in `UnprocessedKeys`. Source: BatchGetItem, API reference,
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
pub const BATCH_GET_BYTES: u64 = 16 * MB;
/// Items per BatchGetItem call (same page).
pub const BATCH_GET_ITEMS: u64 = 100;

/// `a × b`, or a usage error naming what overflowed: the calculator must
/// refuse rather than print a wrong (saturated or wrapped) sum.
pub fn mul(a: u64, b: u64, what: &str) -> Result<u64, QuizError> {
    a.checked_mul(b).ok_or_else(|| {
        QuizError::Usage(format!(
            "{what}: {a} × {b} is too large to count (more than {}); use smaller numbers",
            u64::MAX
        ))
    })
}

/// Like `rcu`, with every multiplication checked.
pub fn checked_rcu(bytes: u64, rate: u64, mode: ReadMode) -> Result<Capacity, QuizError> {
    let units_per_item = read_units_per_item(bytes);
    let base = mul(units_per_item, rate, "read units × reads per second")?;
    let value = match mode {
        ReadMode::Transactional => mul(base, 2, "transactional reads")?,
        _ => apply_read_mode(base, mode),
    };
    Ok(Capacity {
        unit: "RCU",
        item_bytes: bytes,
        unit_bytes: READ_UNIT_BYTES,
        units_per_item,
        rate,
        base,
        value,
    })
}

/// Like `wcu`, with every multiplication checked.
pub fn checked_wcu(bytes: u64, rate: u64, transactional: bool) -> Result<Capacity, QuizError> {
    let units_per_item = write_units_per_item(bytes);
    let base = mul(units_per_item, rate, "write units × writes per second")?;
    let value = if transactional {
        mul(base, 2, "transactional writes")?
    } else {
        base
    };
    Ok(Capacity {
        unit: "WCU",
        item_bytes: bytes,
        unit_bytes: WRITE_UNIT_BYTES,
        units_per_item,
        rate,
        base,
        value,
    })
}

/// Read request units (on-demand) consumed by one read: like RCU, but per
/// request, so an eventually consistent read of up to 4 KB is half a unit.
pub fn read_request_units(bytes: u64, mode: ReadMode) -> f64 {
    let units = read_units_per_item(bytes) as f64;
    match mode {
        ReadMode::Strong => units,
        ReadMode::Eventual => units / 2.0,
        ReadMode::Transactional => units * 2.0,
    }
}

/// Write request units (on-demand) consumed by one write.
pub fn write_request_units(bytes: u64, transactional: bool) -> f64 {
    let units = write_units_per_item(bytes) as f64;
    if transactional { units * 2.0 } else { units }
}

/// Strongly consistent read units of one Query returning these items: the
/// sizes are summed, then rounded up to 4 KB once.
pub fn query_units(sizes: &[u64]) -> u64 {
    sizes
        .iter()
        .fold(0u64, |a, b| a.saturating_add(*b))
        .div_ceil(READ_UNIT_BYTES)
}

/// Strongly consistent read units of one BatchGetItem reading these items:
/// every item is rounded up to 4 KB, then the units are summed.
pub fn batch_get_units(sizes: &[u64]) -> u64 {
    sizes
        .iter()
        .fold(0u64, |a, b| a.saturating_add(read_units_per_item(*b)))
}

/// Write units a table write costs on one global secondary index, per write.
/// From "Provisioned throughput considerations for global secondary indexes":
/// a new item (or a newly defined key attribute) is one put; changing an indexed
/// key attribute is a delete and a put; updating only projected non-key
/// attributes is one write; removing the key attribute is one delete; an item
/// in the index neither before nor after costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexChange {
    NewItem,
    KeyChanged,
    ProjectedOnly,
    KeyRemoved,
    NotIndexed,
}

impl IndexChange {
    pub fn parse(s: &str) -> Option<IndexChange> {
        match s {
            "new-item" => Some(IndexChange::NewItem),
            "key-changed" => Some(IndexChange::KeyChanged),
            "projected-only" => Some(IndexChange::ProjectedOnly),
            "key-removed" => Some(IndexChange::KeyRemoved),
            "not-indexed" => Some(IndexChange::NotIndexed),
            _ => None,
        }
    }

    /// Index writes caused by one table write.
    pub fn index_writes(self) -> u64 {
        match self {
            IndexChange::KeyChanged => 2,
            IndexChange::NotIndexed => 0,
            _ => 1,
        }
    }
}

/// Write capacity units consumed on one GSI by `rate` table writes per second
/// whose index entries are `entry_bytes` long.
pub fn gsi_wcu(entry_bytes: u64, rate: u64, change: IndexChange) -> u64 {
    write_units_per_item(entry_bytes)
        .saturating_mul(change.index_writes())
        .saturating_mul(rate)
}

/// DynamoDB keeps up to 300 seconds of unused provisioned capacity as burst
/// capacity ("Using burst capacity effectively").
pub const BURST_SECONDS: u64 = 300;

/// Seconds a table can serve `demand` units per second when `provisioned`, after
/// at least 300 seconds at `used` units per second. None when the demand fits.
pub fn burst_seconds(provisioned: u64, used: u64, demand: u64) -> Option<f64> {
    if demand <= provisioned {
        return None;
    }
    let saved = provisioned
        .saturating_sub(used)
        .saturating_mul(BURST_SECONDS);
    Some(saved as f64 / (demand - provisioned) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_is_an_error_not_a_wrong_sum() {
        assert!(checked_rcu(8192, u64::MAX, ReadMode::Strong).is_err());
        assert!(checked_rcu(4096, u64::MAX / 2 + 1, ReadMode::Transactional).is_err());
        assert!(checked_wcu(2048, u64::MAX / 2 + 1, false).is_err());
        assert_eq!(checked_rcu(8192, 10, ReadMode::Eventual).unwrap().value, 10);
        assert_eq!(checked_wcu(1500, 3, true).unwrap().value, 12);
    }

    #[test]
    fn sizes_in_every_form() {
        for (text, bytes) in [
            ("512B", 512),
            ("512", 512),
            ("512 bytes", 512),
            ("1.5KB", 1536),
            ("1.5 kb", 1536),
            ("4KiB", 4096),
            ("4 KiB", 4096),
            ("12 KB", 12288),
            ("400KB", 409_600),
            ("0.5KB", 512),
            ("1.0001KB", 1025),
            ("409600B", 409_600),
        ] {
            assert_eq!(parse_size(text).unwrap(), bytes, "{text}");
        }
    }

    #[test]
    fn sizes_rejected() {
        for text in [
            "",
            "KB",
            "-1KB",
            "0",
            "0KB",
            "400.001KB",
            "409601B",
            "1GB",
            "abc",
            "1..5KB",
            "NaN",
            "inf",
        ] {
            let err = parse_size(text).unwrap_err().to_string();
            assert!(err.contains("item size"), "{text}: {err}");
        }
        assert!(
            parse_size("401KB")
                .unwrap_err()
                .to_string()
                .contains("400 KB")
        );
        assert!(
            parse_size("-3KB")
                .unwrap_err()
                .to_string()
                .contains("negative")
        );
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("0", "reads").unwrap(), 0);
        assert_eq!(parse_count("1_000", "reads").unwrap(), 1000);
        for bad in ["-1", "1.5", "x", ""] {
            assert!(parse_count(bad, "reads").is_err(), "{bad}");
        }
    }

    #[test]
    fn unit_boundaries() {
        assert_eq!(read_units_per_item(1), 1);
        assert_eq!(read_units_per_item(4096), 1);
        assert_eq!(read_units_per_item(4097), 2);
        assert_eq!(read_units_per_item(MAX_ITEM_BYTES), 100);
        assert_eq!(write_units_per_item(1024), 1);
        assert_eq!(write_units_per_item(1025), 2);
        assert_eq!(write_units_per_item(MAX_ITEM_BYTES), 400);
    }

    #[test]
    fn eventual_rounds_up_the_total() {
        // 3 reads/s of a 4 KB item: 3 strong units, 1.5 eventual, provisioned as 2.
        assert_eq!(rcu(4096, 3, ReadMode::Eventual).value, 2);
        assert_eq!(rcu(4096, 0, ReadMode::Eventual).value, 0);
    }
}
