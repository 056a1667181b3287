//! Criterion benchmarks of the hot path on news prose (the sample articles,
//! repeated): tokenizing, dictionary lookups, each rule family and the whole
//! pipeline. `cargo bench`; numbers go to BENCHMARKS.md, never into tests.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use copyedit::dict::{bigrams, misspellings, words};
use copyedit::text::case::with_folded_key;
use copyedit::text::{Document, Format};
use copyedit::{Engine, Settings};

/// About 1 MB of news prose built from the sample articles.
fn prose() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("samples/ exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    names.sort();
    let one: String = names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("sample is UTF-8"))
        .collect::<Vec<_>>()
        .join("\n\n");
    one.repeat((1 << 20) / one.len() + 1)
}

fn engine(select: &str) -> Engine {
    Engine::new(Settings {
        select: vec![select.to_string()],
        ..Settings::default()
    })
    .expect("valid selector")
}

fn benches(c: &mut Criterion) {
    let text = prose();
    let doc = Document::new(&text, Format::Plain);
    let word_texts: Vec<&str> = doc.words().map(|(_, t)| doc.slice(t.span)).collect();
    // Load the dictionaries before timing.
    let _ = (words().len(), misspellings().len(), bigrams().len());

    let mut g = c.benchmark_group("news-prose");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            black_box(
                Document::new(black_box(&text), Format::Plain)
                    .tokens()
                    .len(),
            )
        });
    });
    g.bench_function("lookup: words + misspellings", |b| {
        b.iter(|| {
            let mut known = 0usize;
            for w in &word_texts {
                with_folded_key(w, |k| {
                    known +=
                        usize::from(words().get(k).is_some() || misspellings().get(k).is_some());
                });
            }
            black_box(known)
        });
    });
    g.bench_function("lookup: bigram context", |b| {
        b.iter(|| {
            let mut total = 0u64;
            for pair in word_texts.windows(2) {
                let (a, z) = (
                    copyedit::text::case::fold_key(pair[0]),
                    copyedit::text::case::fold_key(pair[1]),
                );
                total += bigrams().count(&a, &z);
            }
            black_box(total)
        });
    });
    for family in ["T", "Q", "U", "S", "ALL"] {
        if !copyedit::rules::is_known_selector(family) {
            continue;
        }
        let e = engine(family);
        g.bench_function(format!("check --select {family}"), |b| {
            b.iter(|| black_box(e.check(&Document::new(&text, Format::Plain)).len()));
        });
    }
    let all = Engine::new(Settings::default()).expect("default settings are valid");
    g.bench_function("fix (default rules)", |b| {
        b.iter(|| black_box(all.fix(&text, Format::Plain).map(|o| o.applied)));
    });
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
