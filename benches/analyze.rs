//! Criterion benches for the core. Set FRAMELENS_BENCH_CORPUS to a JSON Lines file with a `text`
//! field per line (the `abp` corpus format) to bench on real articles; without it a built-in
//! text is used so the benches run anywhere.

use std::io::BufRead;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use framelens::text::Prepared;
use framelens::{Analyzer, Document, Lexicon};

const FALLBACK: &str = "GENEVA, March 3 (Northwire) - Officials from the two governments \
reportedly met on Tuesday. \"This is clearly the worst deal ever,\" said one official who asked \
not to be named. Critics baselessly accused the regime of hatching plots, while the so-called \
experts said sanctions could hurt trade. Mr. Smith, 52, said the U.S. had $2.5 billion at stake.\n\n";

fn corpus() -> Vec<String> {
    if let Ok(path) = std::env::var("FRAMELENS_BENCH_CORPUS") {
        let file = std::fs::File::open(&path).expect("FRAMELENS_BENCH_CORPUS is readable");
        let limit: usize = std::env::var("FRAMELENS_BENCH_DOCS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000);
        return std::io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|line| {
                let v: serde_json::Value = serde_json::from_str(&line).ok()?;
                Some(v.get("text")?.as_str()?.to_string())
            })
            .take(limit)
            .collect();
    }
    vec![FALLBACK.repeat(40); 50]
}

fn benches(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let analyzer = Analyzer::new().expect("default lexicon compiles");
    let docs: Vec<Document> = texts.iter().map(Document::new).collect();

    let mut group = c.benchmark_group("core");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("prepare", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| Prepared::new(t).tokens.len())
                .sum::<usize>()
        })
    });
    group.bench_function("analyze", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    analyzer
                        .analyze_text(t)
                        .map(|a| a.markers.len())
                        .unwrap_or(0)
                })
                .sum::<usize>()
        })
    });
    group.bench_function("analyze_batch", |b| {
        b.iter(|| analyzer.analyze_batch(&docs).len())
    });
    group.finish();

    c.bench_function("lexicon_load_and_compile", |b| {
        b.iter(|| Lexicon::default_english().and_then(|l| l.compile()).is_ok())
    });
}

criterion_group!(core, benches);
criterion_main!(core);
