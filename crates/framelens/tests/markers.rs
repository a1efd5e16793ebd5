//! Markers of the default lexicon, one named case per line: the marker with this text and
//! category must come from this entry, in this voice, negated or not.

mod common;

use framelens::{Analyzer, Category as C, Voice as V};

struct Case {
    name: &'static str,
    text: &'static str,
    marker: &'static str,
    category: C,
    entry: &'static str,
    voice: V,
    negated: bool,
}

/// `m!(name: "text", "marker" => Category, "entry", Voice, negated)`.
macro_rules! m {
    ($name:ident: $text:expr, $marker:expr => $cat:ident, $entry:expr, $voice:ident, $negated:expr) => {
        Case {
            name: stringify!($name),
            text: $text,
            marker: $marker,
            category: C::$cat,
            entry: $entry,
            voice: V::$voice,
            negated: $negated,
        }
    };
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    m!(adverb_of_adjective: "Officials baselessly accused the mayor.", "baselessly" => Loaded, "baseless", Author, false),
    m!(multiword_verb_phrase: "The regime hatched plots against its neighbours.", "hatched plots" => Loaded, "hatch_plots", Author, false),
    m!(label_and_naming_variant: "The regime hatched plots against its neighbours.", "regime" => Naming, "gov.regime", Author, false),
    m!(naming_variant_one: "Houthi rebels fired missiles; Ansarullah fighters denied it.", "Houthi rebels" => Naming, "houthi.rebels", Author, false),
    m!(naming_variant_two: "Houthi rebels fired missiles; Ansarullah fighters denied it.", "Ansarullah fighters" => Naming, "houthi.ansarullah", Author, false),
    m!(negated_by_not: "The claims are not unfounded.", "unfounded" => Loaded, "unfounded", Author, true),
    m!(longest_match_wins: "Refuting unfounded claims, the council voted.", "unfounded claims" => Loaded, "unfounded", Author, false),
    m!(hedge_adverb: "Reportedly, the plan may fail.", "Reportedly" => Hedge, "reportedly", Author, false),
    m!(hedge_modal: "Reportedly, the plan may fail.", "may" => Hedge, "may", Author, false),
    m!(booster: "The report clearly shows the deal is dead.", "clearly" => Booster, "clearly", Author, false),
    m!(factive: "The minister revealed the figures.", "revealed" => Factive, "reveal", Author, false),
    m!(naming_left: "Undocumented immigrants crossed the river.", "Undocumented immigrants" => Naming, "immigrants.undocumented", Author, false),
    m!(naming_right: "Illegal aliens crossed the river.", "Illegal aliens" => Naming, "immigrants.illegal", Author, false),
    m!(so_called: "The so-called reform stalled.", "so-called" => ScareQuote, "so_called", Author, false),
    m!(indirect_speech_keeps_author_voice: "Jane Roe said the reckless plan would fail.", "reckless" => Loaded, "reckless", Author, false),
    m!(direct_quote_is_quoted_voice: "\"It was a witch hunt,\" she said.", "witch hunt" => Loaded, "witch_hunt", Quoted, false),
    m!(intensified_word_is_the_marker: "The very brutal crackdown continued.", "brutal" => Loaded, "brutal", Author, false),
    m!(policy_frame_cue: "Sanctions hit trade.", "trade" => Frame, "economic_weak", Author, false),
    m!(capitalised_label: "The Marxist rhetoric of the mayor alarmed donors.", "Marxist" => Loaded, "marxist", Author, false),
    m!(descriptive_use_excluded_elsewhere: "The mayor, a socialist, spoke.", "socialist" => Loaded, "socialist", Author, false),
    m!(curly_quotes: "Moscow backs it, whereas the senator calls it the \u{201C}worst deal ever\u{201D}.", "worst deal ever" => Loaded, "worst_ever", Quoted, false),
];

#[test]
fn marker_table() {
    let analyzer = Analyzer::new().unwrap();
    let mut failures = common::Failures::default();
    for c in CASES {
        let a = analyzer.analyze_text(c.text).unwrap();
        let Some(m) = a
            .markers
            .iter()
            .find(|m| m.text == c.marker && m.category == c.category)
        else {
            let found: Vec<_> = a.markers.iter().map(|m| (&*m.text, m.category)).collect();
            failures.fail(
                c.name,
                format!("no {:?} marker {:?} in {found:?}", c.category, c.marker),
            );
            continue;
        };
        failures.eq(c.name, "entry", &*m.entry, c.entry);
        failures.eq(c.name, "voice", m.voice, c.voice);
        failures.eq(c.name, "negated", m.negated, c.negated);
        failures.eq(c.name, "span text", &c.text[m.start..m.end], c.marker);
    }
    failures.check(CASES.len());
}

/// (name, text, a word no marker of the category may cover)
#[rustfmt::skip]
const NOT_MARKED: &[(&str, &str, &str, C)] = &[
    ("party_name", "The Socialist Party won seats.", "Socialist", C::Loaded),
    ("regime_change", "They called for regime change.", "regime", C::Loaded),
    ("hostile_takeover", "The board fought a hostile takeover.", "hostile", C::Loaded),
    ("toxic_waste", "Toxic waste leaked into the river.", "Toxic", C::Loaded),
];

#[test]
fn descriptive_uses_are_not_markers() {
    let analyzer = Analyzer::new().unwrap();
    let mut failures = common::Failures::default();
    for &(name, text, word, category) in NOT_MARKED {
        let a = analyzer.analyze_text(text).unwrap();
        let at = text.find(word).unwrap();
        let covered = a
            .markers
            .iter()
            .any(|m| m.category == category && m.start <= at && at < m.end);
        failures.eq(name, "marked", covered, false);
    }
    failures.check(NOT_MARKED.len());
}

#[test]
fn indirect_speech_counts_for_the_speaker_in_the_profile() {
    let analyzer = Analyzer::new().unwrap();
    let reported = analyzer
        .analyze_text("Jane Roe said the reckless plan would fail.")
        .unwrap();
    let own = analyzer
        .analyze_text("The reckless plan would fail.")
        .unwrap();
    let loaded = |a: &framelens::Analysis| a.profile.counts[C::Loaded];
    assert_eq!((loaded(&reported).author, loaded(&reported).quoted), (0, 1));
    assert_eq!((loaded(&own).author, loaded(&own).quoted), (1, 0));
    // The reported clause's words are the speaker's too.
    assert_eq!(reported.profile.quoted_words, 5);
    let m = reported
        .markers
        .iter()
        .find(|m| m.text == "reckless")
        .unwrap();
    assert_eq!(
        (m.voice, m.speaker.as_deref()),
        (V::Author, Some("Jane Roe"))
    );
}
