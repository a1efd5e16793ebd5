//! The speaker-type table (`tests/data/speaker_types.tsv`): invented sentences, each with a
//! speaker phrase and the type it should get. Prints accuracy per type and fails below 0.90
//! overall. Run with `cargo test -p framelens --test speaker_types -- --nocapture` to see the
//! figures.

use std::collections::BTreeMap;

use framelens::Analyzer;

const TABLE: &str = include_str!("../../../tests/data/speaker_types.tsv");

/// The share of rows the table must get right.
const MIN_ACCURACY: f64 = 0.90;

#[test]
fn speaker_type_table() {
    let analyzer = Analyzer::new().unwrap();
    // type -> (right, rows)
    let mut by_type: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    let rows = TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1);
    for (n, line) in rows.enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "row {}: three tab-separated columns", n + 1);
        let (expected, phrase, sentence) = (cols[0], cols[1], cols[2]);
        let analysis = analyzer.analyze_text(sentence).unwrap();
        let spoken = |exact: bool| {
            analysis.attributions.iter().find(|a| {
                a.speaker.as_ref().is_some_and(|s| {
                    if exact {
                        s.text.as_str() == phrase
                    } else {
                        s.text.contains(phrase) || phrase.contains(s.text.as_str())
                    }
                })
            })
        };
        let got = spoken(true)
            .or_else(|| spoken(false))
            .and_then(|a| a.speaker_type)
            .map_or("none", |t| t.as_str());
        let entry = by_type.entry(expected).or_default();
        entry.1 += 1;
        if got == expected {
            entry.0 += 1;
        } else {
            wrong.push(format!("{expected} -> {got}: {phrase:?} in {sentence:?}"));
        }
    }
    let (right, total) = by_type
        .values()
        .fold((0, 0), |(r, t), &(r1, t1)| (r + r1, t + t1));
    assert!(total >= 200, "the table has {total} rows, fewer than 200");
    println!("speaker-type table: {right}/{total} right");
    for (t, (r, n)) in &by_type {
        println!("  {t:<12} {r:>3}/{n:<3} {:.2}", *r as f64 / *n as f64);
    }
    for w in &wrong {
        println!("  wrong: {w}");
    }
    let accuracy = right as f64 / total as f64;
    println!("  overall {accuracy:.3}");
    assert!(
        accuracy >= MIN_ACCURACY,
        "speaker-type accuracy {accuracy:.3} is below {MIN_ACCURACY}"
    );
}
