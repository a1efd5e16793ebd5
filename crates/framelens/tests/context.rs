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

const GUARDED: &str = r#"
category = "loaded"
[[entry]]
id = "regime"
lemma = "regime"
pos = "noun"
exclude = ["regime change", "dietary regime"]
[[entry]]
id = "justice"
category = "frame"
subcategory = "fairness_and_equality"
terms = ["justice"]
exclude = ["justice department", "department of justice", "obstruction of justice"]
[[entry]]
id = "fishing_expedition"
terms = ["fishing expedition"]
requires = ["investigation", "subpoena", "inquiry"]
[[entry]]
id = "say"
category = "report"
subcategory = "neutral"
kind = "speech"
terms = ["said"]
"#;

/// (name, text, entry ids found in order)
#[rustfmt::skip]
const CONDITIONS: &[(&str, &str, &[&str])] = &[
    ("plain_term_fires", "The regime fell.", &["regime"]),
    ("inflection_fires", "Both regimes fell.", &["regime"]),
    ("excluded_phrase_blocks", "They called for regime change.", &[]),
    ("other_exclusion_blocks", "A strict dietary regime helped.", &[]),
    ("exclusion_elsewhere_does_not_block", "The regime wants no regime change.", &["regime"]),
    ("justice_fires", "They want justice for the victims.", &["justice"]),
    ("justice_department_blocks", "The Justice Department sued.", &[]),
    ("department_of_justice_blocks", "The Department of Justice sued.", &[]),
    ("obstruction_blocks", "He faces obstruction of justice charges.", &[]),
    ("context_present", "The subpoena is a fishing expedition, they said.", &["fishing_expedition", "say"]),
    ("context_absent", "We went on a fishing expedition.", &[]),
    ("context_in_another_sentence", "The subpoena came. We went on a fishing expedition.", &[]),
];

#[test]
fn exclude_and_requires() {
    let lexicon = Lexicon::from_toml_str(GUARDED, "guarded.toml").unwrap();
    assert_eq!(lexicon.entries()[3].kind.as_deref(), Some("speech"));
    let matcher = lexicon.compile().unwrap();
    let mut failures = common::Failures::default();
    for &(name, text, want) in CONDITIONS {
        let p = framelens::text::Prepared::new(text);
        let mut found = Vec::new();
        matcher.find_prepared(&p, &mut found);
        let ids: Vec<&str> = found.iter().map(|m| &*matcher.entry(m.entry).id).collect();
        failures.eq(name, "entries", ids, want.to_vec());
    }
    failures.check(CONDITIONS.len());
}

#[test]
fn conditions_are_checked_when_the_lexicon_loads() {
    let cases = [
        (
            "category = \"loaded\"\n[[entry]]\nid = \"x\"\nterms = [\"regime\"]\nexclude = [\"coup\"]\n",
            "entry `x` has exclude `coup`, which holds none of its terms",
        ),
        (
            "category = \"loaded\"\n[[entry]]\nid = \"x\"\nterms = [\"regime\"]\nexclude = [\"regal*\"]\n",
            "entry `x` has exclude `regal*`, which holds none of its terms",
        ),
        (
            "category = \"loaded\"\n[[entry]]\nid = \"x\"\nterms = [\"regime\"]\nkind = \"speech\"\n",
            "only reporting cues",
        ),
        (
            "category = \"report\"\n[[entry]]\nid = \"x\"\nterms = [\"said\"]\nkind = \"talk\"\n",
            "has kind `talk`",
        ),
    ];
    for (src, want) in cases {
        let err = Lexicon::from_toml_str(src, "bad.toml").unwrap_err();
        assert!(err.message().contains(want), "{err}");
    }
}
