//! Head entries: a word of a multiword entry that frames on its own, at a lower weight, traced
//! to its parent entry.

use framelens::{Analyzer, Category, Lexicon};

const MINE: &str = r#"
category = "loaded"
subcategory = "evaluative"
entry = [
  { id = "junk_science", terms = ["junk science", "junk research"], weight = 1.2, note = "dismisses research" },
  { head_of = "junk_science", terms = ["junk"], weight = 0.6, note = "head word" },
]
"#;

#[test]
fn a_head_fires_alone_and_the_phrase_keeps_its_parent() {
    let lexicon = Lexicon::from_toml_str(MINE, "mine.toml").unwrap();
    lexicon.check_heads().unwrap();
    let head = &lexicon.entries()[1];
    assert_eq!(
        (head.id.as_str(), head.head_of.as_deref()),
        ("junk_science.head", Some("junk_science"))
    );
    let analyzer = Analyzer::with_lexicon(&lexicon).unwrap();
    let a = analyzer
        .analyze_text("The panel called it junk science. Later it called the report junk.")
        .unwrap();
    let found: Vec<(&str, &str, f32)> = a
        .markers
        .iter()
        .filter(|m| m.category == Category::Loaded)
        .map(|m| (m.text.as_str(), m.entry.as_str(), m.weight))
        .collect();
    assert_eq!(
        found,
        [
            ("junk science", "junk_science", 1.2),
            ("junk", "junk_science.head", 0.6)
        ]
    );
}

#[test]
fn bad_heads_are_errors_that_name_entry_and_parent() {
    const PARENT: &str = r#"{ id = "junk_science", terms = ["junk science", "junk research"], weight = 1.2, note = "n" }"#;
    const HEAD: &str =
        r#"{ head_of = "junk_science", terms = ["junk"], weight = 0.6, note = "n" }"#;
    let nested = format!(
        "{HEAD},\n  {}",
        r#"{ id = "h2", head_of = "junk_science.head", terms = ["science"], weight = 0.4, note = "n" }"#
    );
    let cases = [
        (
            r#"{ head_of = "nope", terms = ["junk"], weight = 0.5, note = "n" }"#,
            "head entry `nope.head` of `nope` names a parent no entry of the lexicon has",
        ),
        (
            r#"{ head_of = "junk_science", terms = ["junk"], weight = 1.2, note = "n" }"#,
            "weighs 1.2, not less than its parent's 1.2",
        ),
        (
            r#"{ head_of = "junk_science", terms = ["bogus"], weight = 0.5, note = "n" }"#,
            "has term `bogus`, which is not one word of a multiword term of its parent",
        ),
        (
            r#"{ head_of = "junk_science", terms = ["junk sciences"], weight = 0.5, note = "n" }"#,
            "has term `junk sciences`, which is not one word",
        ),
        (
            r#"{ head_of = "junk_science", terms = ["jun*"], weight = 0.5, note = "n" }"#,
            "has term `jun`, which is not one word",
        ),
        (
            r#"{ head_of = "junk_science", category = "hedge", terms = ["junk"], weight = 0.5, note = "n" }"#,
            "is hedge but its parent is loaded",
        ),
        (
            nested.as_str(),
            "head entry `h2` of `junk_science.head` names a parent that is itself a head entry",
        ),
    ];
    for (heads, want) in cases {
        let src = format!("category = \"loaded\"\nentry = [\n  {PARENT},\n  {heads},\n]\n");
        let lexicon = Lexicon::from_toml_str(&src, "mine.toml")
            .unwrap_or_else(|e| panic!("{heads}: load failed: {e}"));
        let err = lexicon.check_heads().unwrap_err();
        assert!(
            err.message().starts_with("mine.toml line ") && err.message().contains(want),
            "{heads}: got `{err}`, want `{want}`"
        );
    }
}

#[test]
fn the_default_heads_weigh_less_and_fire_alone() {
    let lexicon = Lexicon::default_english().unwrap();
    let heads: Vec<_> = lexicon
        .entries()
        .iter()
        .filter(|e| e.head_of.is_some())
        .collect();
    assert!(heads.len() >= 20, "{} head entries", heads.len());
    for h in &heads {
        let parent = lexicon
            .entries()
            .iter()
            .find(|e| Some(e.id) == h.head_of)
            .unwrap();
        assert_eq!(h.id.as_str(), format!("{}.head", parent.id));
        assert!(h.weight < parent.weight && !h.note.is_empty());
    }
    let analyzer = Analyzer::with_lexicon(&lexicon).unwrap();
    let a = analyzer
        .analyze_text("Critics saw an ulterior motive. The mayor denied any ulterior aim.")
        .unwrap();
    let found: Vec<(&str, &str)> = a
        .markers
        .iter()
        .filter(|m| m.category == Category::Loaded)
        .map(|m| (m.text.as_str(), m.entry.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("ulterior motive", "ulterior_motive"),
            ("ulterior", "ulterior_motive.head")
        ]
    );
}
