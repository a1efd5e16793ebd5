//! Comparison: intervals, determinism, naming, speakers, distinctive terms.

use std::time::{Duration, Instant};

use framelens::compare::{Interval, Resampled};
use framelens::parallel::CancelToken;
use framelens::{Analysis, Analyzer, CompareInput, CompareOptions, Comparison, Lexicon, Prior};

const LEFT: [&str; 3] = [
    "Undocumented immigrants rallied on Tuesday. Jane Roe said the reckless plan was a disaster.",
    "Officials said undocumented immigrants and asylum seekers waited. Experts say it was cruel.",
    "The anti-abortion bill passed. Jane Roe said abortion rights were under attack.",
];
const RIGHT: [&str; 3] = [
    "Illegal aliens crossed the border. Omar Haddad said the open borders crisis grew.",
    "Illegal immigrants were released, sources said. The regime of the cartel thrived.",
    "The pro-life bill passed. Omar Haddad said the unborn child deserves protection.",
];

fn analyses() -> Vec<(Analysis, &'static str, &'static str)> {
    let an = Analyzer::new().unwrap();
    LEFT.iter()
        .map(|t| (an.analyze_text(t).unwrap(), *t, "left"))
        .chain(
            RIGHT
                .iter()
                .map(|t| (an.analyze_text(t).unwrap(), *t, "right")),
        )
        .collect()
}

/// The comparison inputs of `analyses()`'s items.
fn inputs_of<'a>(items: &'a [(Analysis, &'static str, &'static str)]) -> Vec<CompareInput<'a>> {
    items
        .iter()
        .map(|(a, t, g)| CompareInput {
            analysis: a,
            text: t,
            group: g,
        })
        .collect()
}

fn compare(items: &[(Analysis, &'static str, &'static str)], opts: CompareOptions) -> Comparison {
    let inputs = inputs_of(items);
    Comparison::new(&inputs, &Lexicon::default_english().unwrap(), opts).unwrap()
}

#[test]
fn table_has_values_inside_intervals_and_is_deterministic() {
    let items = analyses();
    let c = compare(&items, CompareOptions::default());
    assert_eq!(c.groups.len(), 2);
    assert_eq!(c.groups[0].resampled, Resampled::Documents);
    for m in &c.table {
        assert!(m.low <= m.value + 1e-9 && m.value <= m.high + 1e-9, "{m:?}");
    }
    let loaded = |g: &str| {
        c.table
            .iter()
            .find(|m| m.group == g && m.measure == "loaded_per_1k")
            .unwrap()
            .value
    };
    assert!(loaded("left") > 0.0 && loaded("right") > 0.0);
    // Same numbers on 1 and 4 threads.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    let a = one.install(|| compare(&items, CompareOptions::default()));
    let b = four.install(|| compare(&items, CompareOptions::default()));
    assert_eq!(a, b);
    // Another seed gives other intervals, the same values.
    let s = compare(
        &items,
        CompareOptions {
            seed: 9,
            ..Default::default()
        },
    );
    assert!(s
        .table
        .iter()
        .zip(&c.table)
        .all(|(x, y)| x.value == y.value));
}

#[test]
fn a_cancelled_comparison_stops_early_and_keeps_nothing() {
    // 600 documents: each of the 100,000 resamples and permutations sums hundreds of them, so
    // a comparison run to the end takes many seconds (a minute unoptimised).
    let items: Vec<_> = analyses().into_iter().cycle().take(600).collect();
    let inputs = inputs_of(&items);
    let lexicon = Lexicon::default_english().unwrap();
    let opts = CompareOptions {
        bootstrap: 100_000,
        permutations: 100_000,
        ..Default::default()
    };
    let cancel = CancelToken::new();
    let canceller = {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            cancel.cancel();
        })
    };
    let started = Instant::now();
    let stopped = Comparison::new_cancellable(&inputs, &lexicon, opts.clone(), &cancel).unwrap();
    let took = started.elapsed();
    canceller.join().unwrap();
    assert!(stopped.is_none());
    // Generous for an unoptimised build on a loaded machine: run to the end it takes a minute.
    assert!(took < Duration::from_secs(10), "stopped after {took:?}");
    // Cancelled before it starts: no work at all.
    assert!(
        Comparison::new_cancellable(&inputs[..6], &lexicon, opts, &cancel)
            .unwrap()
            .is_none()
    );
}

#[test]
fn an_uncancelled_comparison_is_the_plain_one() {
    let items = analyses();
    let inputs = inputs_of(&items);
    let lexicon = Lexicon::default_english().unwrap();
    for interval in [Interval::Studentized, Interval::Bca, Interval::Percentile] {
        let opts = CompareOptions {
            interval,
            ..Default::default()
        };
        let plain = Comparison::new(&inputs, &lexicon, opts.clone()).unwrap();
        let token = CancelToken::new();
        let cancellable = Comparison::new_cancellable(&inputs, &lexicon, opts, &token).unwrap();
        assert_eq!(cancellable.as_ref(), Some(&plain), "{interval:?}");
        assert!(!plain.tests.is_empty());
    }
}

#[test]
fn single_document_groups_resample_sentences() {
    let items: Vec<_> = analyses()
        .into_iter()
        .filter(|(_, t, _)| *t == LEFT[0] || *t == RIGHT[0])
        .collect();
    let c = compare(&items, CompareOptions::default());
    assert!(c.groups.iter().all(|g| g.resampled == Resampled::Sentences));
    let m = c
        .table
        .iter()
        .find(|m| m.group == "left" && m.measure == "loaded_per_1k")
        .unwrap();
    assert!(m.low < m.high, "{m:?}");
}

#[test]
fn naming_speakers_divergence_and_terms() {
    let c = compare(&analyses(), CompareOptions::default());
    let used = |g: &str, v: &str| {
        c.naming
            .iter()
            .filter(|n| n.group == g && n.variant == v)
            .map(|n| n.count)
            .sum::<usize>()
    };
    assert_eq!(used("left", "immigrants.undocumented"), 2);
    assert_eq!(used("right", "immigrants.illegal"), 2);
    let contrast = c.naming_contrast("left", "right", "left", "right").unwrap();
    let (_, _, z) = contrast
        .iter()
        .find(|(g, ..)| g == "undocumented_immigrants")
        .unwrap();
    assert!(*z > 0.0);
    assert_eq!(
        c.exclusive_speakers("left", "right").unwrap()[0].speaker,
        "Jane Roe"
    );
    // An unknown group is an error, not an empty answer.
    for err in [
        c.exclusive_speakers("left", "centre").unwrap_err(),
        c.naming_contrast("lft", "right", "left", "right")
            .unwrap_err(),
    ] {
        assert_eq!(err.kind(), framelens::ErrorKind::Config);
        assert!(err.message().contains("no group"), "{err}");
    }
    assert_eq!(
        c.speakers
            .iter()
            .find(|s| s.speaker == "Omar Haddad")
            .unwrap()
            .count,
        2
    );
    let divergence = c.divergence();
    assert_eq!(divergence.len(), 1);
    assert!(divergence[0].categories >= 0.0 && divergence[0].categories <= 1.0);
    let terms = c.distinctive_terms("left", Some("right"), 1).unwrap();
    assert!(terms.first().unwrap().z > 0.0 && terms.last().unwrap().z < 0.0);
    let top: Vec<_> = terms.iter().take(5).map(|t| t.term.as_str()).collect();
    assert!(top.contains(&"undocumented"), "{top:?}");
    let pooled = compare(
        &analyses(),
        CompareOptions {
            prior: Prior::Pooled,
            ..Default::default()
        },
    );
    assert!(!pooled
        .distinctive_terms("right", None, 1)
        .unwrap()
        .is_empty());
    assert!(c.distinctive_terms("nope", None, 1).is_err());
}
