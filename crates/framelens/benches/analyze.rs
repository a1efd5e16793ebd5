//! Criterion benches for the core, stage by stage: normalization (the text engine: normalized
//! view, tokens, sentences, quotes), lexicon matching, attribution, provenance, the full analysis
//! (one thread and `analyze_batch`), comparison, and lexicon loading. Set FRAMELENS_BENCH_CORPUS
//! to a JSON Lines file with a `text` field per line (the `abp` corpus format) to bench on real
//! articles (FRAMELENS_BENCH_DOCS of them, default 2000); without it a built-in text is used so
//! the benches run anywhere.
//!
//!     FRAMELENS_BENCH_CORPUS=../shared/data/abp/dev.jsonl cargo bench --bench analyze

use std::io::BufRead;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use framelens::text::Prepared;
use framelens::{Analyzer, CompareInput, CompareOptions, Comparison, Document, Lexicon};

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

    let prepared: Vec<Prepared<'_>> = texts.iter().map(|t| Prepared::new(t)).collect();
    let matcher = analyzer.matcher();
    let matches: Vec<_> = prepared
        .iter()
        .map(|p| {
            let mut m = Vec::new();
            matcher.find_prepared(p, &mut m);
            m
        })
        .collect();

    let mut group = c.benchmark_group("core");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("normalization", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| Prepared::new(t).tokens.len())
                .sum::<usize>()
        })
    });
    group.bench_function("matching", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            prepared
                .iter()
                .map(|p| {
                    matcher.find_prepared(p, &mut out);
                    out.len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("attribution", |b| {
        b.iter(|| {
            prepared
                .iter()
                .zip(&matches)
                .map(|(p, m)| analyzer.bench_attribution(p, m))
                .sum::<usize>()
        })
    });
    group.bench_function("provenance", |b| {
        b.iter(|| {
            prepared
                .iter()
                .map(|p| analyzer.bench_provenance(p))
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

    let analyses: Vec<_> = docs
        .iter()
        .map(|d| analyzer.analyze(d).expect("bench texts analyse"))
        .collect();
    let inputs: Vec<CompareInput<'_>> = analyses
        .iter()
        .zip(&texts)
        .enumerate()
        .map(|(i, (analysis, text))| CompareInput {
            analysis,
            text,
            group: if i % 2 == 0 { "even" } else { "odd" },
        })
        .collect();
    let mut group = c.benchmark_group("compare");
    group.sample_size(10);
    group.bench_function("two_groups_1000_resamples", |b| {
        b.iter(|| {
            Comparison::new(&inputs, analyzer.lexicon(), CompareOptions::default())
                .map(|c| c.groups.len())
                .unwrap_or(0)
        })
    });
    group.finish();

    c.bench_function("lexicon_load_and_compile", |b| {
        b.iter(|| Lexicon::default_english().and_then(|l| l.compile()).is_ok())
    });
}

criterion_group!(core, benches);
criterion_main!(core);
