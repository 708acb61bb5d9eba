//! Generated questions: each generator draws numbers from the session's RNG,
//! computes the answer with the same code the calculator uses, and exposes every
//! value by name to the bank's templates (`{size}`, `{answer}`, `{halved}`...).
//! The wording stays in `quizzes/generated.toml`; Rust only fills in numbers.
//!
//! Draws are chosen so that the right answer is a whole number (or a clean
//! decimal): a learner should be tested on the rule, not on long division.

use std::collections::BTreeMap;

use super::capacity::{self, IndexChange, ReadMode};
use super::rng::Rng;

/// Every generator a bank may name, with the values it exposes, for
/// `labcheck lint` and error messages.
pub const GENERATORS: &[(&str, &str)] = &[
    (
        "dynamodb-rcu",
        "params consistency=strong|eventual|transactional; size size_bytes rate units base answer no_round strong halved doubled per_kb per_8kb",
    ),
    (
        "dynamodb-wcu",
        "params mode=standard|transactional; size size_bytes rate units base answer no_round per_4kb doubled not_doubled halved",
    ),
    (
        "dynamodb-request-units",
        "params kind=read-strong|read-eventual|read-transactional|write-standard|write-transactional; size requests units answer strong halved doubled other_unit",
    ),
    (
        "dynamodb-query-batch",
        "params operation=query|batch-get; items size size_bytes total query batch per_item per_kb answer other no_round doubled",
    ),
    (
        "dynamodb-gsi-write",
        "params change=new-item|key-changed|projected-only|key-removed|not-indexed; size item_size rate units writes answer one_write two_writes table_only table_item",
    ),
    (
        "dynamodb-burst",
        "no params; provisioned used unused demand extra saved answer minutes whole_demand all_provisioned",
    ),
    (
        "lambda-concurrency",
        "params solve=concurrency|rps; rps duration_ms duration_s concurrency answer ms_not_converted divided inverted",
    ),
    (
        "beanstalk-deployment",
        "params policy=all-at-once|rolling|rolling-additional-batch|immutable|traffic-splitting, ask=max-instances|min-in-service; instances batch answer n n_minus_b n_plus_b double zero",
    ),
    (
        "ecs-rolling",
        "params ask=min|max; desired min_pct max_pct answer other_rounding exact desired_plus_one min_tasks max_tasks stoppable extra old_plus_max",
    ),
];

/// One draw of a generator: named values, the answer among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub vars: BTreeMap<&'static str, f64>,
    pub answer: f64,
}

pub fn is_known(name: &str) -> bool {
    GENERATORS.iter().any(|(n, _)| *n == name)
}

/// The known generators, for messages.
pub fn known_list() -> String {
    GENERATORS
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

fn param<'a>(
    params: &'a BTreeMap<String, String>,
    name: &str,
    default: &'a str,
    allowed: &[&str],
) -> Result<&'a str, String> {
    let v = params.get(name).map_or(default, String::as_str);
    if allowed.contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "param `{name}` = {v:?}: expected one of {}",
            allowed.join(", ")
        ))
    }
}

fn check_only(params: &BTreeMap<String, String>, known: &[&str]) -> Result<(), String> {
    for k in params.keys() {
        if !known.contains(&k.as_str()) {
            let expected = if known.is_empty() {
                "this generator takes no params".to_string()
            } else {
                format!("expected {}", known.join(", "))
            };
            return Err(format!("unknown param `{k}`: {expected}"));
        }
    }
    Ok(())
}

/// Draws one set of numbers. Errors name a bad or missing param.
pub fn draw(
    generator: &str,
    params: &BTreeMap<String, String>,
    rng: &mut Rng,
) -> Result<Draw, String> {
    draw_with(generator, params, rng, &BTreeMap::new())
}

/// Like `draw`, with some inputs fixed by name (`size_bytes`, `rate`...): how
/// the tests check each generator against worked examples.
pub fn draw_with(
    generator: &str,
    params: &BTreeMap<String, String>,
    rng: &mut Rng,
    fixed: &BTreeMap<&str, u64>,
) -> Result<Draw, String> {
    let mut src = Source { rng, fixed };
    let mut v: BTreeMap<&'static str, f64> = BTreeMap::new();
    let answer = match generator {
        "dynamodb-rcu" => {
            check_only(params, &["consistency"])?;
            let mode = ReadMode::parse(param(
                params,
                "consistency",
                "strong",
                &["strong", "eventual", "transactional"],
            )?)
            .unwrap_or(ReadMode::Strong);
            // Half-KB sizes from 0.5 to 20 KB; rates in fives.
            let bytes = src.int("size_bytes", 1, 40, 512);
            let rate = src.int("rate", 1, 40, 5);
            let cap = capacity::rcu(bytes, rate, mode);
            let size = bytes as f64 / 1024.0;
            v.insert("size", size);
            v.insert("size_bytes", bytes as f64);
            v.insert("rate", rate as f64);
            v.insert("units", cap.units_per_item as f64);
            v.insert("base", cap.base as f64);
            v.insert("strong", cap.base as f64);
            v.insert("halved", cap.base.div_ceil(2) as f64);
            v.insert("doubled", (cap.base * 2) as f64);
            v.insert("no_round", round2(size / 4.0 * rate as f64));
            v.insert("per_kb", (bytes.div_ceil(1024) * rate) as f64);
            v.insert("per_8kb", (bytes.div_ceil(8192) * rate) as f64);
            cap.value as f64
        }
        "dynamodb-wcu" => {
            check_only(params, &["mode"])?;
            let tx = param(params, "mode", "standard", &["standard", "transactional"])?
                == "transactional";
            let bytes = src.int("size_bytes", 1, 24, 512);
            let rate = src.int("rate", 1, 40, 5);
            let cap = capacity::wcu(bytes, rate, tx);
            let size = bytes as f64 / 1024.0;
            v.insert("size", size);
            v.insert("size_bytes", bytes as f64);
            v.insert("rate", rate as f64);
            v.insert("units", cap.units_per_item as f64);
            v.insert("base", cap.base as f64);
            v.insert("no_round", round2(size * rate as f64));
            v.insert("per_4kb", (bytes.div_ceil(4096) * rate) as f64);
            v.insert("doubled", (cap.value * 2) as f64);
            v.insert("not_doubled", cap.base as f64);
            v.insert("halved", cap.base.div_ceil(2) as f64);
            cap.value as f64
        }
        "dynamodb-request-units" => {
            check_only(params, &["kind"])?;
            let kind = param(
                params,
                "kind",
                "read-strong",
                &[
                    "read-strong",
                    "read-eventual",
                    "read-transactional",
                    "write-standard",
                    "write-transactional",
                ],
            )?;
            // 4.5 to 12 KB: big enough that 1 KB and 4 KB rounding differ.
            let bytes = src.int("size_bytes", 9, 24, 512);
            // Whole thousands of requests keep halves out of the answer.
            let requests = src.int("requests", 1, 50, 1000);
            let (per, units, other) = match kind {
                "write-standard" | "write-transactional" => {
                    let tx = kind == "write-transactional";
                    (
                        capacity::write_request_units(bytes, tx),
                        capacity::write_units_per_item(bytes),
                        capacity::read_units_per_item(bytes),
                    )
                }
                _ => {
                    let mode = ReadMode::parse(kind.trim_start_matches("read-"))
                        .unwrap_or(ReadMode::Strong);
                    (
                        capacity::read_request_units(bytes, mode),
                        capacity::read_units_per_item(bytes),
                        capacity::write_units_per_item(bytes),
                    )
                }
            };
            let r = requests as f64;
            v.insert("size", bytes as f64 / 1024.0);
            v.insert("requests", r);
            v.insert("units", units as f64);
            v.insert("strong", units as f64 * r);
            v.insert("halved", units as f64 * r / 2.0);
            v.insert("doubled", units as f64 * r * 2.0);
            v.insert("other_unit", other as f64 * r);
            per * r
        }
        "dynamodb-query-batch" => {
            check_only(params, &["operation"])?;
            let op = param(params, "operation", "query", &["query", "batch-get"])?;
            let (mut items, mut bytes) = (0, 0);
            // More than 8 KB in all and Query cheaper than BatchGetItem, so the
            // question tests the difference and wrong computations land on
            // different numbers; a few redraws at most.
            for _ in 0..64 {
                items = src.int("items", 3, 10, 1);
                // No 4 KB items (Query and BatchGetItem cost the same) and no 2 KB
                // items (BatchGetItem would cost exactly twice the Query).
                bytes = src.pick(
                    "size_bytes",
                    &[
                        512, 1024, 1536, 2048, 2560, 3072, 3584, 4608, 5120, 5632, 6144,
                    ],
                );
                let sizes = vec![bytes; items as usize];
                if items * bytes > 8192
                    && capacity::query_units(&sizes) != capacity::batch_get_units(&sizes)
                {
                    break;
                }
            }
            let sizes = vec![bytes; items as usize];
            let q = capacity::query_units(&sizes);
            let b = capacity::batch_get_units(&sizes);
            v.insert("items", items as f64);
            v.insert("size", bytes as f64 / 1024.0);
            v.insert("size_bytes", bytes as f64);
            v.insert("total", (bytes * items) as f64 / 1024.0);
            v.insert("query", q as f64);
            v.insert("batch", b as f64);
            v.insert("per_item", capacity::read_units_per_item(bytes) as f64);
            v.insert("per_kb", (bytes * items).div_ceil(1024) as f64);
            v.insert("no_round", round2((bytes * items) as f64 / 4096.0));
            let (answer, other) = if op == "query" { (q, b) } else { (b, q) };
            v.insert("doubled", (answer * 2) as f64);
            v.insert("other", other as f64);
            answer as f64
        }
        "dynamodb-gsi-write" => {
            check_only(params, &["change"])?;
            let change = IndexChange::parse(param(
                params,
                "change",
                "new-item",
                &[
                    "new-item",
                    "key-changed",
                    "projected-only",
                    "key-removed",
                    "not-indexed",
                ],
            )?)
            .unwrap_or(IndexChange::NewItem);
            let bytes = src.int("size_bytes", 1, 8, 512);
            let rate = src.int("rate", 1, 20, 10);
            // The whole table item is bigger than the projected index entry.
            let item = bytes + src.int("item_extra", 2, 8, 1024);
            let units = capacity::write_units_per_item(bytes);
            v.insert("size", bytes as f64 / 1024.0);
            v.insert("rate", rate as f64);
            v.insert("item_size", item as f64 / 1024.0);
            v.insert(
                "table_item",
                (capacity::write_units_per_item(item) * rate * change.index_writes().max(1)) as f64,
            );
            v.insert("units", units as f64);
            v.insert("writes", change.index_writes() as f64);
            v.insert("one_write", (units * rate) as f64);
            v.insert("two_writes", (units * rate * 2) as f64);
            v.insert("table_only", 0.0);
            capacity::gsi_wcu(bytes, rate, change) as f64
        }
        "dynamodb-burst" => {
            check_only(params, &[])?;
            let provisioned = src.int("provisioned", 4, 20, 50);
            // Multiples of 30 make every listed duration a whole divisor.
            let unused = src.int("unused", 1, provisioned.saturating_sub(1) / 30, 30);
            let seconds = src.pick(
                "seconds",
                &[
                    60u64, 100, 120, 150, 180, 200, 300, 450, 600, 900, 1500, 1800,
                ],
            );
            let saved = unused * capacity::BURST_SECONDS;
            let extra = src.fixed("extra").unwrap_or(saved / seconds.max(1));
            let demand = provisioned + extra;
            let used = provisioned.saturating_sub(unused);
            let answer = capacity::burst_seconds(provisioned, used, demand).unwrap_or(0.0);
            v.insert("provisioned", provisioned as f64);
            v.insert("used", used as f64);
            v.insert("unused", unused as f64);
            v.insert("demand", demand as f64);
            v.insert("extra", extra as f64);
            v.insert("saved", saved as f64);
            v.insert("minutes", round2(answer / 60.0));
            v.insert("whole_demand", round2(saved as f64 / demand as f64));
            v.insert(
                "all_provisioned",
                round2((provisioned * capacity::BURST_SECONDS) as f64 / extra as f64),
            );
            answer
        }
        "lambda-concurrency" => {
            check_only(params, &["solve"])?;
            let solve = param(params, "solve", "concurrency", &["concurrency", "rps"])?;
            if solve == "concurrency" {
                // Rates in twenties and durations in fifties keep the answer whole; no
                // 1000 ms, where seconds and milliseconds would give the same number.
                let rps = src.int("rps", 1, 50, 20);
                let ms = src.pick(
                    "duration_ms",
                    &[
                        100, 200, 250, 300, 400, 500, 600, 750, 800, 1200, 1500, 2500,
                    ],
                );
                let answer = (rps * ms) as f64 / 1000.0;
                v.insert("rps", rps as f64);
                v.insert("duration_ms", ms as f64);
                v.insert("duration_s", ms as f64 / 1000.0);
                v.insert("concurrency", answer);
                v.insert("ms_not_converted", (rps * ms) as f64);
                v.insert("divided", round2(rps as f64 * 1000.0 / ms as f64));
                v.insert("inverted", rps as f64);
                answer
            } else {
                let concurrency = src.int("concurrency", 1, 100, 10);
                let ms = src.pick("duration_ms", &[100, 200, 250, 400, 500, 2000]);
                let answer = concurrency as f64 * 1000.0 / ms as f64;
                v.insert("concurrency", concurrency as f64);
                v.insert("duration_ms", ms as f64);
                v.insert("duration_s", ms as f64 / 1000.0);
                v.insert("rps", answer);
                v.insert("ms_not_converted", round2(concurrency as f64 / ms as f64));
                v.insert("divided", concurrency as f64 * ms as f64 / 1000.0);
                v.insert("inverted", concurrency as f64);
                answer
            }
        }
        "beanstalk-deployment" => {
            check_only(params, &["policy", "ask"])?;
            let policy = param(
                params,
                "policy",
                "rolling",
                &[
                    "all-at-once",
                    "rolling",
                    "rolling-additional-batch",
                    "immutable",
                    "traffic-splitting",
                ],
            )?;
            let ask = param(
                params,
                "ask",
                "max-instances",
                &["max-instances", "min-in-service"],
            )?;
            let n = src.int("instances", 4, 20, 1);
            let b = src.int("batch", 1, n / 2, 1);
            let (max, min) = beanstalk(policy, n, b);
            v.insert("instances", n as f64);
            v.insert("batch", b as f64);
            v.insert("n", n as f64);
            v.insert("n_minus_b", (n - b) as f64);
            v.insert("n_plus_b", (n + b) as f64);
            v.insert("double", (2 * n) as f64);
            v.insert("zero", 0.0);
            if ask == "max-instances" { max } else { min }
        }
        "ecs-rolling" => {
            check_only(params, &["ask"])?;
            let ask = param(params, "ask", "min", &["min", "max"])?;
            let desired = src.int("desired", 3, 15, 1);
            let min_pct = src.pick("min_pct", &[25u64, 50, 60, 75, 90]);
            let max_pct = src.pick("max_pct", &[150u64, 175, 200]);
            let (pct, answer, other) = if ask == "min" {
                let p = desired * min_pct;
                (min_pct, p.div_ceil(100), p / 100)
            } else {
                let p = desired * max_pct;
                (max_pct, p / 100, p.div_ceil(100))
            };
            v.insert("desired", desired as f64);
            v.insert("min_pct", min_pct as f64);
            v.insert("max_pct", max_pct as f64);
            v.insert("other_rounding", other as f64);
            v.insert("exact", round2((desired * pct) as f64 / 100.0));
            v.insert("desired_plus_one", (desired + 1) as f64);
            let min_tasks = (desired * min_pct).div_ceil(100);
            let max_tasks = desired * max_pct / 100;
            v.insert("min_tasks", min_tasks as f64);
            v.insert("old_plus_max", (desired + max_tasks) as f64);
            v.insert("max_tasks", max_tasks as f64);
            v.insert("stoppable", (desired - min_tasks.min(desired)) as f64);
            v.insert("extra", (max_tasks.saturating_sub(desired)) as f64);
            answer as f64
        }
        _ => {
            return Err(format!(
                "unknown generator {generator:?}: expected one of {}",
                known_list()
            ));
        }
    };
    v.insert("answer", answer);
    Ok(Draw { vars: v, answer })
}

/// Elastic Beanstalk instance counts during a deployment of `n` instances with
/// a fixed batch size `b` ("Deployment policies and settings"): (most instances
/// running at once, fewest in service).
pub fn beanstalk(policy: &str, n: u64, b: u64) -> (f64, f64) {
    let (max, min) = match policy {
        // Every instance is updated together: the environment is briefly down.
        "all-at-once" => (n, 0),
        // A batch is taken out of service at a time; no instance is added.
        "rolling" => (n, n.saturating_sub(b)),
        // A new batch is launched first, so capacity never drops.
        "rolling-additional-batch" => (n + b, n),
        // A full second set of instances in a temporary Auto Scaling group.
        "immutable" | "traffic-splitting" => (2 * n, n),
        _ => (n, n),
    };
    (max as f64, min as f64)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// How numbers appear in questions: `12`, `1.5`, `0.25`.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "?".to_string();
    }
    if (x - x.round()).abs() < 1e-9 {
        return format!("{}", x.round() as i64);
    }
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Replaces every `{name}` that names a value; others are left for the linter.
pub fn fill(template: &str, vars: &BTreeMap<&'static str, f64>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if vars.contains_key(&after[..close]) => {
                out.push_str(&fmt_num(vars[&after[..close]]));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first `{word}` left in a filled text, if any.
pub fn unfilled(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Some(format!("{{{name}}}"));
            }
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_and_unfilled() {
        let mut vars = BTreeMap::new();
        vars.insert("a", 1.5);
        vars.insert("b", 20.0);
        assert_eq!(fill("{a} KB × {b} = {c}", &vars), "1.5 KB × 20 = {c}");
        assert_eq!(unfilled("x {c} y"), Some("{c}".into()));
        assert_eq!(unfilled("json { \"a\": 1 }"), None);
        assert_eq!(fmt_num(0.25), "0.25");
        assert_eq!(fmt_num(3.0), "3");
    }

    #[test]
    fn unknown_generator_and_params() {
        let mut rng = Rng::new(1);
        let none = BTreeMap::new();
        assert!(
            draw("nope", &none, &mut rng)
                .unwrap_err()
                .contains("dynamodb-rcu")
        );
        let mut bad = BTreeMap::new();
        bad.insert("consistency".to_string(), "weak".to_string());
        assert!(
            draw("dynamodb-rcu", &bad, &mut rng)
                .unwrap_err()
                .contains("eventual")
        );
        let mut extra = BTreeMap::new();
        extra.insert("colour".to_string(), "red".to_string());
        assert!(draw("dynamodb-burst", &extra, &mut rng).is_err());
    }
}

/// Where a generator's inputs come from: the RNG, unless a test fixed them.
struct Source<'a> {
    rng: &'a mut Rng,
    fixed: &'a BTreeMap<&'a str, u64>,
}

impl Source<'_> {
    fn fixed(&self, name: &str) -> Option<u64> {
        self.fixed.get(name).copied()
    }

    /// `step × k` for `k` in `lo..=hi`.
    fn int(&mut self, name: &str, lo: u64, hi: u64, step: u64) -> u64 {
        match self.fixed(name) {
            Some(v) => v,
            None => self.rng.range(lo, hi.max(lo)) * step,
        }
    }

    fn pick(&mut self, name: &str, options: &[u64]) -> u64 {
        match self.fixed(name) {
            Some(v) => v,
            None => self.rng.pick(options).copied().unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod worked_examples {
    //! Each generator against answers computed by hand from the AWS
    //! documentation's rules and examples, inputs fixed.
    use super::*;

    /// Generator, params, fixed inputs, expected answer, what the case is.
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [(&'static str, u64)],
        f64,
        &'static str,
    );

    fn answer(generator: &str, params: &[(&str, &str)], fixed: &[(&str, u64)]) -> f64 {
        let params = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let fixed = fixed.iter().copied().collect();
        draw_with(generator, &params, &mut Rng::new(0), &fixed)
            .unwrap()
            .answer
    }

    #[test]
    fn table() {
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // DynamoDB guide: an 8 KB item is 2 units strong, 1 eventual, 4 transactional.
            ("dynamodb-rcu", &[("consistency", "strong")], &[("size_bytes", 8192), ("rate", 1)], 2.0, "8 KB strong"),
            ("dynamodb-rcu", &[("consistency", "eventual")], &[("size_bytes", 8192), ("rate", 1)], 1.0, "8 KB eventual"),
            ("dynamodb-rcu", &[("consistency", "transactional")], &[("size_bytes", 8192), ("rate", 1)], 4.0, "8 KB transactional"),
            // "a 3.5 KB item rounds to 4 KB; a 10 KB item to 12 KB"
            ("dynamodb-rcu", &[], &[("size_bytes", 3584), ("rate", 1)], 1.0, "3.5 KB"),
            ("dynamodb-rcu", &[], &[("size_bytes", 10240), ("rate", 1)], 3.0, "10 KB"),
            // 16 eventual reads/s of 12 KB: 3 units × 16 / 2 = 24
            ("dynamodb-rcu", &[("consistency", "eventual")], &[("size_bytes", 12288), ("rate", 16)], 24.0, "12 KB × 16 eventual"),
            // 3 eventual reads/s of 4 KB: 1.5, provisioned as 2
            ("dynamodb-rcu", &[("consistency", "eventual")], &[("size_bytes", 4096), ("rate", 3)], 2.0, "half rounds up"),
            // Writes: 1 KB units; transactional doubles.
            ("dynamodb-wcu", &[], &[("size_bytes", 1536), ("rate", 1)], 2.0, "1.5 KB write"),
            ("dynamodb-wcu", &[("mode", "transactional")], &[("size_bytes", 1536), ("rate", 1)], 4.0, "1.5 KB tx write"),
            ("dynamodb-wcu", &[], &[("size_bytes", 4608), ("rate", 6)], 30.0, "4.5 KB × 6"),
            ("dynamodb-wcu", &[], &[("size_bytes", 2048), ("rate", 10)], 20.0, "2 KB × 10"),
            // On-demand pricing page: 8 KB read = 2 RRU strong, 1 eventual, 4 transactional.
            ("dynamodb-request-units", &[("kind", "read-strong")], &[("size_bytes", 8192), ("requests", 1000)], 2000.0, "RRU strong"),
            ("dynamodb-request-units", &[("kind", "read-eventual")], &[("size_bytes", 8192), ("requests", 1000)], 1000.0, "RRU eventual"),
            ("dynamodb-request-units", &[("kind", "read-transactional")], &[("size_bytes", 8192), ("requests", 1000)], 4000.0, "RRU tx"),
            ("dynamodb-request-units", &[("kind", "read-eventual")], &[("size_bytes", 4096), ("requests", 1)], 0.5, "half a unit"),
            ("dynamodb-request-units", &[("kind", "write-standard")], &[("size_bytes", 4608), ("requests", 1000)], 5000.0, "WRU"),
            ("dynamodb-request-units", &[("kind", "write-transactional")], &[("size_bytes", 4608), ("requests", 1000)], 10000.0, "WRU tx"),
            // Guide: a Query of 1,500 items of 64 bytes reads 96 KB: 24 units.
            ("dynamodb-query-batch", &[("operation", "query")], &[("items", 1500), ("size_bytes", 64)], 24.0, "query 1500 × 64 B"),
            ("dynamodb-query-batch", &[("operation", "query")], &[("items", 3), ("size_bytes", 1536)], 2.0, "query 3 × 1.5 KB"),
            ("dynamodb-query-batch", &[("operation", "batch-get")], &[("items", 3), ("size_bytes", 1536)], 3.0, "batch 3 × 1.5 KB"),
            ("dynamodb-query-batch", &[("operation", "batch-get")], &[("items", 2), ("size_bytes", 6656)], 4.0, "batch 2 × 6.5 KB"),
            // GSI guide: key change = delete + put; new item = put; untouched = 0.
            ("dynamodb-gsi-write", &[("change", "key-changed")], &[("size_bytes", 1024), ("rate", 10), ("item_extra", 2048)], 20.0, "gsi key change"),
            ("dynamodb-gsi-write", &[("change", "new-item")], &[("size_bytes", 1536), ("rate", 10), ("item_extra", 2048)], 20.0, "gsi new item"),
            ("dynamodb-gsi-write", &[("change", "projected-only")], &[("size_bytes", 512), ("rate", 10), ("item_extra", 2048)], 10.0, "gsi projected"),
            ("dynamodb-gsi-write", &[("change", "not-indexed")], &[("size_bytes", 512), ("rate", 10), ("item_extra", 2048)], 0.0, "gsi sparse"),
            // Knowledge Center: 150 RCU unused for 5 minutes, spike to 200: 45,000 / 50 = 900 s.
            ("dynamodb-burst", &[], &[("provisioned", 150), ("unused", 150), ("extra", 50)], 900.0, "burst"),
            ("dynamodb-burst", &[], &[("provisioned", 100), ("unused", 60), ("extra", 30)], 600.0, "burst partly used"),
            // Lambda guide: 100 rps × 0.5 s = 50; 10 events/s × 3 s = 30.
            ("lambda-concurrency", &[], &[("rps", 100), ("duration_ms", 500)], 50.0, "lambda 100 × 500 ms"),
            ("lambda-concurrency", &[], &[("rps", 10), ("duration_ms", 3000)], 30.0, "lambda 10 × 3 s"),
            ("lambda-concurrency", &[("solve", "rps")], &[("concurrency", 50), ("duration_ms", 500)], 100.0, "lambda rps"),
            // Elastic Beanstalk, 10 instances, batch 2.
            ("beanstalk-deployment", &[("policy", "rolling"), ("ask", "min-in-service")], &[("instances", 10), ("batch", 2)], 8.0, "eb rolling min"),
            ("beanstalk-deployment", &[("policy", "rolling"), ("ask", "max-instances")], &[("instances", 10), ("batch", 2)], 10.0, "eb rolling max"),
            ("beanstalk-deployment", &[("policy", "rolling-additional-batch"), ("ask", "max-instances")], &[("instances", 10), ("batch", 2)], 12.0, "eb extra batch max"),
            ("beanstalk-deployment", &[("policy", "rolling-additional-batch"), ("ask", "min-in-service")], &[("instances", 10), ("batch", 2)], 10.0, "eb extra batch min"),
            ("beanstalk-deployment", &[("policy", "immutable"), ("ask", "max-instances")], &[("instances", 10), ("batch", 2)], 20.0, "eb immutable"),
            ("beanstalk-deployment", &[("policy", "traffic-splitting"), ("ask", "max-instances")], &[("instances", 10), ("batch", 2)], 20.0, "eb traffic splitting"),
            ("beanstalk-deployment", &[("policy", "all-at-once"), ("ask", "min-in-service")], &[("instances", 10), ("batch", 2)], 0.0, "eb all at once"),
            // ECS API reference: desiredCount 4, minimumHealthyPercent 50 → may stop 2;
            // maximumPercent 200 → 4 new beside 4 old. Min rounds up, max rounds down.
            ("ecs-rolling", &[("ask", "min")], &[("desired", 4), ("min_pct", 50), ("max_pct", 200)], 2.0, "ecs min 4 × 50%"),
            ("ecs-rolling", &[("ask", "max")], &[("desired", 4), ("min_pct", 50), ("max_pct", 200)], 8.0, "ecs max 4 × 200%"),
            ("ecs-rolling", &[("ask", "min")], &[("desired", 3), ("min_pct", 50), ("max_pct", 150)], 2.0, "ecs min rounds up"),
            ("ecs-rolling", &[("ask", "max")], &[("desired", 3), ("min_pct", 50), ("max_pct", 150)], 4.0, "ecs max rounds down"),
        ];
        for (generator, params, fixed, expected, what) in cases {
            let got = answer(generator, params, fixed);
            assert!(
                (got - expected).abs() < 1e-9,
                "{what}: got {got}, expected {expected}"
            );
        }
    }

    #[test]
    fn every_generator_draws_finite_answers() {
        for (name, _) in GENERATORS {
            for seed in 0..200 {
                let d = draw(name, &BTreeMap::new(), &mut Rng::new(seed)).unwrap();
                assert!(
                    d.answer.is_finite() && d.answer >= 0.0,
                    "{name} seed {seed}"
                );
                assert!(d.vars.values().all(|v| v.is_finite()), "{name} seed {seed}");
            }
        }
    }
}
