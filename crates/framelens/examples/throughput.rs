//! Single-thread and batch throughput of the Rust core on a JSON Lines corpus (a `text` field per
//! line, the `abp` format), stage by stage:
//!
//!     cargo run --release --example throughput -- CORPUS.jsonl [DOCS] [ROW]
//!
//! Prints MB/s for the text engine alone (normalization, tokens, sentences, quotes), the engine
//! plus the lexicon automaton, the full analysis on one thread (alone, and written as JSON with
//! `Analysis::write_json`), the JSON writing alone (serde_json and `write_json`, per MB of
//! analysed text), and `analyze_batch` on all threads. Each figure is the best of three
//! runs. ROW (a word of a row's name, such as `full`) runs that row alone, for a profiler. Like
//! the Python extension, this program uses the mimalloc allocator, so its figures compare with
//! Python's `analyze_batch`.

use std::io::BufRead;
use std::time::Instant;

use framelens::text::Prepared;
use framelens::{Analyzer, Document};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One measured stage: returns a count so the work cannot be optimized away.
type Row<'a> = Box<dyn Fn() -> usize + 'a>;

fn best_of_three(mb: f64, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut out = 0;
    for _ in 0..3 {
        let start = Instant::now();
        out = std::hint::black_box(f());
        best = best.min(start.elapsed().as_secs_f64());
    }
    (mb / best, out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: throughput CORPUS.jsonl [DOCS] [ROW]")?;
    let limit: usize = args.next().map(|d| d.parse()).transpose()?.unwrap_or(2000);
    let only = args.next();
    let file = std::io::BufReader::new(std::fs::File::open(&path)?);
    let mut texts = Vec::new();
    for line in file.lines().take(limit) {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
            texts.push(text.to_string());
        }
    }
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let analyzer = Analyzer::new()?;
    let matcher = analyzer.matcher();
    let docs: Vec<Document> = texts.iter().map(Document::new).collect();
    println!("{} documents, {mb:.1} MB", texts.len());
    let analyses: Vec<framelens::Analysis> = texts
        .iter()
        .map(|t| analyzer.analyze_text(t).expect("analysis"))
        .collect();
    let write_all = |direct: bool| {
        let mut out = Vec::new();
        analyses
            .iter()
            .map(|a| {
                out.clear();
                if direct {
                    a.write_json(&mut out);
                } else {
                    serde_json::to_writer(&mut out, a).expect("JSON");
                }
                out.len()
            })
            .sum()
    };
    let rows: [(&str, Row); 7] = [
        (
            "text engine (Prepared::new)",
            Box::new(|| texts.iter().map(|t| Prepared::new(t).tokens.len()).sum()),
        ),
        (
            "text engine + lexicon automaton",
            Box::new(|| {
                let mut matches = Vec::new();
                texts
                    .iter()
                    .map(|t| {
                        let p = Prepared::new(t);
                        matcher.find_prepared(&p, &mut matches);
                        matches.len()
                    })
                    .sum()
            }),
        ),
        (
            "full analysis, 1 thread",
            Box::new(|| {
                texts
                    .iter()
                    .map(|t| analyzer.analyze_text(t).map_or(0, |a| a.markers.len()))
                    .sum()
            }),
        ),
        (
            "full analysis + JSON, 1 thread",
            Box::new(|| {
                let mut out = Vec::new();
                texts
                    .iter()
                    .map(|t| {
                        out.clear();
                        let a = analyzer.analyze_text(t).expect("analysis");
                        a.write_json(&mut out);
                        out.len()
                    })
                    .sum()
            }),
        ),
        (
            "JSON of the analyses, serde_json",
            Box::new(|| write_all(false)),
        ),
        (
            "JSON of the analyses, write_json",
            Box::new(|| write_all(true)),
        ),
        (
            "analyze_batch, all threads",
            Box::new(|| analyzer.analyze_batch(&docs).len()),
        ),
    ];
    for (name, f) in rows {
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let (rate, _) = best_of_three(mb, f);
        println!("{name:36} {rate:8.2} MB/s");
    }
    Ok(())
}
