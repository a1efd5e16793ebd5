//! Context rules on markers: negation scope, intensifiers, lowercase-only entries.

mod common;

use framelens::{Analyzer, Lexicon};

const SRC: &str = r#"
category = "loaded"
[[entry]]
id = "unfounded"
terms = ["unfounded"]
[[entry]]
id = "hostile"
terms = ["hostile"]
[[entry]]
id = "wrongdoing"
terms = ["wrongdoing"]
[[entry]]
id = "may"
category = "hedge"
terms = ["may"]
lowercase = true
"#;

fn analyzer() -> Analyzer {
    Analyzer::with_lexicon(&Lexicon::from_toml_str(SRC, "ctx.toml").unwrap()).unwrap()
}

/// (name, text with one marker, whether it is negated)
#[rustfmt::skip]
const NEGATION: &[(&str, &str, bool)] = &[
    ("not", "The claims are not unfounded.", true),
    ("no_evidence_of", "There is no evidence of wrongdoing.", true),
    ("far_from", "Their policy is far from hostile.", true),
    ("contraction", "The claims aren't unfounded.", true),
    ("comma_closes_scope", "Not long ago, the claims proved unfounded.", false),
    ("sentence_end_closes_scope", "No. The claims are unfounded.", false),
    ("commas_close_scope", "It was never, in any way, hostile.", false),
    ("no_negation", "The claims are unfounded.", false),
    ("beyond_the_window", "They did not say the plan was so hostile.", false),
];

#[test]
fn negation_scope() {
    let a = analyzer();
    let mut failures = common::Failures::default();
    for &(name, text, want) in NEGATION {
        let got = a.analyze_text(text).unwrap();
        failures.eq(name, "markers", got.markers.len(), 1);
        if let Some(m) = got.markers.first() {
            failures.eq(name, "negated", m.negated, want);
        }
    }
    failures.check(NEGATION.len());
}

#[test]
fn intensifiers_raise_weight_instead_of_counting() {
    let a = analyzer();
    let plain = a.analyze_text("a hostile act").unwrap();
    let very = a.analyze_text("a very hostile act").unwrap();
    let very_very = a.analyze_text("a very, very hostile act").unwrap();
    let two = a.analyze_text("an utterly very hostile act").unwrap();
    assert_eq!(very.markers.len(), 1);
    assert_eq!(very.markers[0].text, "hostile");
    assert!((very.markers[0].weight - plain.markers[0].weight * 1.5).abs() < 1e-6);
    assert_eq!(very_very.markers[0].weight, very.markers[0].weight);
    assert!((two.markers[0].weight - plain.markers[0].weight * 2.25).abs() < 1e-6);
}

#[test]
fn lowercase_entries_skip_capitalized_words_mid_sentence() {
    let a = analyzer();
    assert_eq!(
        a.analyze_text("The vote may fail.").unwrap().markers.len(),
        1
    );
    assert_eq!(
        a.analyze_text("The vote is on May 5.")
            .unwrap()
            .markers
            .len(),
        0
    );
    assert_eq!(
        a.analyze_text("May the best win.").unwrap().markers.len(),
        1
    );
}
