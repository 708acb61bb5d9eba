//! How long the check engine takes once a lab and an account are loaded: the
//! part that runs once per student when grading a class. Goal: under 1 ms.
//! Run with `cargo bench --bench evaluate`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use labcheck::{engine, lab, sim};

fn evaluate(c: &mut Criterion) {
    let lab = lab::load("serverless").expect("built-in lab");
    let values = lab.values(&[]).expect("defaults");
    for fixture in ["complete", "table-underscore", "block-public-access-on"] {
        let account = sim::load("serverless", &lab.region, fixture)
            .expect("built-in fixture")
            .account;
        c.bench_function(&format!("evaluate serverless on {fixture}"), |b| {
            b.iter(|| engine::evaluate(black_box(&lab), black_box(&values), black_box(&account)));
        });
    }
    c.bench_function("load lab + fixture, then evaluate", |b| {
        b.iter(|| {
            let lab = lab::load("serverless").unwrap();
            let values = lab.values(&[]).unwrap();
            let account = sim::load("serverless", &lab.region, "").unwrap().account;
            engine::evaluate(&lab, &values, &account)
        });
    });
}

criterion_group!(benches, evaluate);
criterion_main!(benches);
