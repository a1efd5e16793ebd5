//! Context rules on markers: negation scope, intensifiers, lowercase-only entries.

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

#[test]
fn negation_scope() {
    let cases: &[(&str, bool)] = &[
        ("The claims are not unfounded.", true),
        ("There is no evidence of wrongdoing.", true),
        ("Their policy is far from hostile.", true),
        ("The claims aren't unfounded.", true),
        ("Not long ago, the claims proved unfounded.", false),
        ("No. The claims are unfounded.", false),
        ("It was never, in any way, hostile.", false),
        ("The claims are unfounded.", false),
        ("They did not say the plan was so hostile.", false),
    ];
    let a = analyzer();
    for (text, want) in cases {
        let got = a.analyze_text(text).unwrap();
        assert_eq!(got.markers.len(), 1, "{text}");
        assert_eq!(got.markers[0].negated, *want, "{text}");
    }
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
