//! The default lexicon is data: these tests hold it to its documented shape.

use std::collections::{BTreeMap, BTreeSet};

use framelens::{Category, Lexicon};

const FRAMES: [&str; 15] = [
    "economic",
    "capacity_and_resources",
    "morality",
    "fairness_and_equality",
    "legality",
    "policy_prescription",
    "crime_and_punishment",
    "security_and_defense",
    "health_and_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_and_reputation",
    "other",
];

const GENERIC_FRAMES: [&str; 5] = [
    "conflict",
    "human_interest",
    "economic_consequences",
    "morality",
    "resolution",
];

#[test]
fn default_lexicon_has_the_documented_shape() {
    let lexicon = Lexicon::default_english().unwrap();
    let mut per_category: BTreeMap<Category, usize> = BTreeMap::new();
    let mut naming_groups: BTreeMap<String, usize> = BTreeMap::new();
    let mut frame_terms: BTreeMap<String, usize> = BTreeMap::new();
    let mut generic_terms: BTreeMap<String, usize> = BTreeMap::new();
    for e in lexicon.entries() {
        *per_category.entry(e.category).or_default() += 1;
        assert!(
            !e.note.trim().is_empty(),
            "entry `{}` ({}) has no note",
            e.id,
            e.source
        );
        assert!(!e.terms.is_empty());
        match e.category {
            Category::Naming => {
                let group = e
                    .subcategory
                    .as_deref()
                    .expect("naming entries name their group");
                *naming_groups.entry(group.to_string()).or_default() += 1;
                assert!(e.side.is_some(), "naming entry `{}` has no side", e.id);
            }
            Category::Frame => {
                let frame = e
                    .subcategory
                    .as_deref()
                    .expect("frame entries name their frame");
                assert!(FRAMES.contains(&frame), "unknown frame `{frame}`");
                *frame_terms.entry(frame.to_string()).or_default() += e.terms.len();
            }
            Category::GenericFrame => {
                let frame = e
                    .subcategory
                    .as_deref()
                    .expect("generic frame entries name their frame");
                assert!(
                    GENERIC_FRAMES.contains(&frame),
                    "unknown generic frame `{frame}`"
                );
                *generic_terms.entry(frame.to_string()).or_default() += e.terms.len();
            }
            Category::Loaded => assert!(e.subcategory.is_some(), "`{}` has no subcategory", e.id),
            _ => {}
        }
    }
    assert!(per_category[&Category::Loaded] >= 1000, "{per_category:?}");
    assert!(per_category[&Category::Hedge] >= 150, "{per_category:?}");
    assert!(per_category[&Category::Booster] >= 150, "{per_category:?}");
    assert!(per_category[&Category::Factive] >= 40, "{per_category:?}");
    assert!(
        naming_groups.len() >= 80,
        "{} naming groups",
        naming_groups.len()
    );
    for (group, n) in &naming_groups {
        assert!(*n >= 2, "naming group `{group}` has one variant");
    }
    assert_eq!(
        frame_terms
            .keys()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        FRAMES.into_iter().collect::<BTreeSet<_>>()
    );
    for (frame, n) in &frame_terms {
        assert!(*n >= 25, "frame `{frame}` has {n} cue terms");
    }
    assert_eq!(
        generic_terms
            .keys()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        GENERIC_FRAMES.into_iter().collect::<BTreeSet<_>>()
    );
    for (frame, n) in &generic_terms {
        assert!(*n >= 25, "generic frame `{frame}` has {n} cue terms");
    }
    let subs: BTreeSet<_> = lexicon
        .entries()
        .iter()
        .filter(|e| e.category == Category::Loaded)
        .filter_map(|e| e.subcategory.as_deref())
        .collect();
    for s in [
        "evaluative",
        "pejorative_label",
        "exaggeration",
        "emotive",
        "conspiratorial",
    ] {
        assert!(subs.contains(s), "no loaded/{s} entries");
    }
}

#[test]
fn seed_features_are_covered() {
    let lexicon = Lexicon::default_english().unwrap();
    let matcher = lexicon.compile().unwrap();
    for term in [
        "baselessly",
        "unfounded claims",
        "hatch plots",
        "hostile",
        "interventionist",
        "worst deal ever",
        "regime",
        "thugs",
        "can easily be witnessed",
        "bear clear testimony",
        "reportedly",
        "appears to",
        "it is believed",
        "ansarullah fighters",
        "houthi rebels",
        "death tax",
        "estate tax",
        "so-called",
    ] {
        assert!(
            matcher.terms().iter().any(|t| t == term),
            "no term `{term}`"
        );
    }
}
