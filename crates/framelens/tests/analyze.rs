//! End to end through the Rust API: markers, voice, batch order, offsets for any input.

use framelens::text::Prepared;
use framelens::{Analyzer, Category, Document, Voice};
use proptest::prelude::*;

/// Our own sentences with the features of the seed article (dateline, curly quotes and
/// apostrophes, author-voice loaded wording, a quoted phrase inside reported speech).
const ARTICLE: &str = "Tehran, April 17, IRNA - Ties between the two capitals \u{2019}s grow.\n\n\
In late February, the draft resolution, backed by two states, baselessly accusing the island \
of aggravating the crisis was vetoed. Refuting unfounded claims, the council voted.\n\n\
Moscow sees the accord as binding, whereas the senator describes it as the \u{201C}worst deal ever\u{201D}.\n\n\
Source: Harbor Daily (a port-city English-language newspaper)";

#[test]
fn loaded_author_markers_and_quoted_phrase() {
    let a = Analyzer::new().unwrap().analyze_text(ARTICLE).unwrap();
    let find = |t: &str| {
        a.markers
            .iter()
            .find(|m| m.text == t)
            .unwrap_or_else(|| panic!("no marker {t:?}"))
    };
    let b = find("baselessly");
    assert_eq!(
        (b.category, b.voice, &*b.entry),
        (Category::Loaded, Voice::Author, "baseless")
    );
    let u = find("unfounded claims");
    assert_eq!(u.voice, Voice::Author);
    let w = find("worst deal ever");
    assert_eq!((w.category, w.voice), (Category::Loaded, Voice::Quoted));
    // Every marker inside the quoted phrase is quoted.
    let q = a
        .quotes
        .iter()
        .find(|q| q.text == "worst deal ever")
        .unwrap();
    for m in a
        .markers
        .iter()
        .filter(|m| m.start >= q.start && m.end <= q.end)
    {
        assert_eq!(m.voice, Voice::Quoted, "{m:?}");
    }
    // No agency "AP" inside "April"; spans slice the text.
    for m in &a.markers {
        assert_eq!(&ARTICLE[m.start..m.end], m.text);
    }
    assert_eq!(a.profile.sentences, 6, "{:?}", a.profile);
    let loaded = a.profile.counts[&Category::Loaded];
    assert_eq!(loaded.author + loaded.quoted, loaded.all);
    assert!(loaded.quoted >= 1 && loaded.author >= 2);
}

#[test]
fn batch_matches_single_calls_in_order() {
    let analyzer = Analyzer::new().unwrap();
    let texts = [
        ARTICLE,
        "",
        "   ",
        "\"Reckless,\" she said of the so-called plan.",
        "They slammed the draconian crackdown.",
    ];
    let docs: Vec<Document> = (0..1000)
        .map(|i| Document::new(texts[i % texts.len()]).with_id(format!("d{i}")))
        .collect();
    let batch = analyzer.analyze_batch(&docs);
    assert_eq!(batch.len(), docs.len());
    for (doc, got) in docs.iter().zip(&batch) {
        assert_eq!(got.as_ref().unwrap(), &analyzer.analyze(doc).unwrap());
    }
}

#[test]
fn a_cancellable_batch_is_the_plain_one_until_cancelled() {
    let analyzer = Analyzer::new().unwrap().with_max_bytes(100);
    let texts = [
        "They slammed the draconian crackdown.",
        "",
        "\"Reckless,\" she said of the so-called plan.",
        &"x".repeat(101),
    ];
    let docs: Vec<Document> = (0..500)
        .map(|i| Document::new(texts[i % texts.len()]).with_id(format!("d{i}")))
        .collect();
    for threads in [1, 2] {
        let pool = framelens::parallel::pool(Some(threads)).unwrap();
        let cancel = framelens::parallel::CancelToken::new();
        let plain = analyzer.analyze_batch_on(&pool, &docs);
        let got = analyzer
            .analyze_batch_cancellable(&pool, &docs, &cancel)
            .unwrap();
        assert_eq!(got.len(), plain.len());
        for (got, plain) in got.iter().zip(&plain) {
            match (got, plain) {
                (Ok(got), Ok(plain)) => assert_eq!(got, plain),
                (Err(got), Err(plain)) => assert_eq!(got.to_string(), plain.to_string()),
                _ => panic!("{got:?} against {plain:?}"),
            }
        }
        cancel.cancel();
        assert!(analyzer
            .analyze_batch_cancellable(&pool, &docs, &cancel)
            .is_none());
    }
}

#[test]
fn one_bad_document_does_not_stop_the_batch() {
    let analyzer = Analyzer::new().unwrap().with_max_bytes(100);
    let docs = vec![
        Document::new("fine").with_id("a"),
        Document::new("x".repeat(101)).with_id("big"),
        Document::new("also fine").with_id("c"),
    ];
    let out = analyzer.analyze_batch(&docs);
    assert!(out[0].is_ok() && out[2].is_ok());
    let err = out[1].as_ref().unwrap_err();
    assert_eq!(err.kind(), framelens::ErrorKind::Document);
    assert!(
        err.message()
            .starts_with("document 1: document `big`: text is 101 bytes"),
        "{err}"
    );
}

fn unicode_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "baselessly",
        "unfounded claims",
        " ",
        "\n\n",
        "\r\n",
        "\"",
        "'",
        "\u{201C}",
        "\u{201D}",
        "\u{2018}",
        "\u{2019}",
        "\u{00AB}",
        "\u{00BB}",
        "-",
        "\u{2014}",
        ".",
        "U.S.",
        "Mr.",
        "\u{0130}",
        "\u{FB01}",
        "e\u{0301}",
        "\u{0301}",
        "\u{1F469}\u{200D}\u{1F4BB}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{05E9}\u{05DC}",
        "\0",
        "\t",
        "regime",
        "so-called",
        "A",
        "ß",
        "\u{2028}",
        "\u{00A0}",
        "\u{3000}",
        "ＡＢ",
        "worst deal ever",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), any::<String>()],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_round_trip_for_any_text(text in unicode_soup()) {
        let analyzer = Analyzer::new().unwrap();
        let a = analyzer.analyze_text(&text).unwrap();
        for m in &a.markers {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.start <= m.end);
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
        }
        for q in &a.quotes {
            prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
        }
        let c = &a.profile.counts;
        prop_assert_eq!(c.values().map(|v| v.all as usize).sum::<usize>(), a.markers.len());
        prop_assert!(a.profile.quoted_words <= a.profile.words);
        prop_assert_eq!(a.profile.author_words + a.profile.quoted_words, a.profile.words);
        prop_assert_eq!(a.sentences.iter().map(|s| s.words).sum::<usize>(), a.profile.words as usize);
        let mut json = Vec::new();
        a.write_json(&mut json);
        prop_assert_eq!(json, serde_json::to_vec(&a).unwrap());
    }
}

/// The direct JSON writer gives serde_json's bytes on the example articles, with every
/// document field set (ids and outlets with quotes, controls and non-ASCII characters).
#[test]
fn write_json_equals_serde_json() {
    let analyzer = Analyzer::new().unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let doc = Document {
            id: Some("id \"1\"\t\\ caf\u{e9}".into()),
            text: text.clone(),
            outlet: Some("Reuters".into()),
            url: Some("https://www.reuters.com/world/x?a=1&b=\u{1}".into()),
            published: Some("2026-11-28".into()),
        };
        for a in [
            analyzer.analyze(&doc).unwrap(),
            analyzer.analyze_text(&text).unwrap(),
        ] {
            assert!(!a.markers.is_empty() && !a.attributions.is_empty());
            let mut json = Vec::new();
            a.write_json(&mut json);
            assert_eq!(
                String::from_utf8(json).unwrap(),
                serde_json::to_string(&a).unwrap()
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 6);
}

/// Mostly-ASCII text with the characters the fast paths must hand over to the general path:
/// combining marks after ASCII letters, non-ASCII spaces and quotes, control characters.
fn ascii_heavy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "The ",
        "regime's ",
        "so-called ",
        "U.S. ",
        "1,000 ",
        "A.",
        "e\u{0301}",
        "\u{0301}",
        "x",
        "  ",
        "\n",
        "\t",
        "\"",
        "'",
        "`",
        "-",
        "\u{00A0}",
        "\u{2019}",
        "\u{201C}",
        "\u{200B}",
        "\u{7F}",
        "\0",
        "Iran's",
        "hatch plots",
        "anti-war",
        "AP",
        "(AFP)",
        "baselessly",
    ]);
    prop::collection::vec(
        prop_oneof![4 => pieces.prop_map(str::to_string), 1 => "[ -~]{0,12}"],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn same_preparation(text: &str) -> Result<(), TestCaseError> {
    let fast = Prepared::new(text);
    let slow = Prepared::new_reference(text);
    prop_assert_eq!(&fast.norm, &slow.norm);
    prop_assert_eq!(&fast.tokens, &slow.tokens);
    prop_assert_eq!(&fast.sentences, &slow.sentences);
    prop_assert_eq!(&fast.quotes, &slow.quotes);
    prop_assert_eq!(&fast.breaks, &slow.breaks);
    for b in &fast.breaks {
        prop_assert_eq!(b.token, fast.token_at(b.pos));
    }
    prop_assert_eq!(&fast.inner_starts, &slow.inner_starts);
    let mut cursor = fast.map.starts();
    let mut spans = fast.map.starts();
    for pos in 0..=fast.norm.len() {
        prop_assert_eq!(cursor.start(pos), slow.map.start(pos));
        for end in pos..=(pos + 8).min(fast.norm.len()) {
            // A fresh cursor for the lookahead, the running one for the first end.
            let mut fresh = fast.map.starts();
            prop_assert_eq!(fresh.span(pos, end), fast.span(pos, end));
        }
        prop_assert_eq!(spans.span(pos, pos + 1), fast.span(pos, pos + 1));
        prop_assert_eq!(fast.map.start(pos), slow.map.start(pos));
        prop_assert_eq!(fast.map.end(pos), slow.map.end(pos));
    }
    Ok(())
}

fn same_matches(text: &str) -> Result<(), TestCaseError> {
    let analyzer = Analyzer::new().unwrap();
    let prepared = Prepared::new(text);
    let (mut by_text, mut by_tokens) = (Vec::new(), Vec::new());
    analyzer.matcher().find(&prepared.norm, &mut by_text);
    analyzer.matcher().find_prepared(&prepared, &mut by_tokens);
    prop_assert_eq!(by_text, by_tokens);
    Ok(())
}

/// A lexicon with what the default one lacks: wildcards (one word and the last word of a
/// phrase), terms that begin with punctuation, first words longer than 16 bytes, non-ASCII
/// words, a term that is a prefix of another's first word.
const ODD_LEXICON: &str = r#"
category = "loaded"
[[entry]]
id = "brutal"
terms = ["brutal*", "hatch plot*", "anti-*"]
[[entry]]
id = "long"
terms = ["internationalization", "counterrevolutionaries of the", "abcdefghijklmnop", "the internationalization of", "the abcdefghijklmnop plan"]
[[entry]]
id = "punct"
terms = ["(afp)", "-led", "u.s.", "'s plan"]
[[entry]]
id = "accents"
terms = ["café", "naïve", "régime", "שלום", "e\u0301x", "café society", "the régime's plan",
  "u.s. officials", "anti-war protest*"]
[[entry]]
id = "prefix"
terms = ["the", "the regime", "there", "th"]
[[entry]]
id = "hedge"
category = "hedge"
terms = ["the regime's", "brutality", "plot"]
"#;

fn odd_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "brutal",
        "brutally ",
        "brutal-ish",
        "hatch plots ",
        "hatch plot",
        "anti-war ",
        "anti-",
        "internationalization ",
        "internationalizations",
        "counterrevolutionaries of the ",
        "abcdefghijklmnop",
        "abcdefghijklmnopq",
        "(afp) ",
        "(",
        "afp",
        "-led ",
        "u.s. ",
        "iran's plan ",
        "café ",
        "cafés",
        "naïve",
        "régime ",
        "שלום ",
        "e\u{301}x ",
        "the ",
        "The ",
        "the regime ",
        "the regime's ",
        "there ",
        "th",
        " ",
        "-",
        "'",
        ".",
        ",",
        "x",
        "\u{e9}",
        "\u{301}",
        "\n",
        "the internationalization of ",
        "the abcdefghijklmnop plan ",
        "café society ",
        "the régime's plan ",
        "u.s. officials ",
        "anti-war protesters ",
        "society ",
        "officials",
        "plan",
        "of ",
    ]);
    prop::collection::vec(
        prop_oneof![6 => pieces.prop_map(str::to_string), 1 => "[ -~]{0,6}", 1 => "\\PC{0,3}"],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Looking first words up finds what walking them does, with any kind of term.
    #[test]
    fn matching_from_tokens_equals_matching_the_text_odd_lexicon(text in odd_text()) {
        let matcher = framelens::Lexicon::from_toml_str(ODD_LEXICON, "odd.toml")
            .unwrap()
            .compile()
            .unwrap();
        let prepared = Prepared::new(&text);
        let (mut by_text, mut by_tokens) = (Vec::new(), Vec::new());
        matcher.find(&prepared.norm, &mut by_text);
        matcher.find_prepared(&prepared, &mut by_tokens);
        prop_assert_eq!(by_text, by_tokens);
    }

    /// The ASCII fast paths of the text engine give exactly what the segment-by-segment
    /// reference gives.
    #[test]
    fn fast_paths_match_the_reference(text in ascii_heavy()) {
        same_preparation(&text)?;
    }

    #[test]
    fn fast_paths_match_the_reference_on_any_text(text in unicode_soup()) {
        same_preparation(&text)?;
    }

    /// Word starts taken from the tokens find the same terms as a scan of the text.
    #[test]
    fn matching_from_tokens_equals_matching_the_text(text in ascii_heavy()) {
        same_matches(&text)?;
    }

    #[test]
    fn matching_from_tokens_equals_matching_any_text(text in unicode_soup()) {
        same_matches(&text)?;
    }
}

/// A rate or share with nothing to divide by is `None` (`null` in JSON), not 0: a text that
/// quotes nothing has no rate per 1,000 quoted words. Each case names the denominators its
/// (fictional) text leaves at zero; the others keep their figure, zeros included.
#[test]
fn a_rate_or_share_with_no_denominator_is_none_not_zero() {
    struct Case {
        name: &'static str,
        text: &'static str,
        /// Which of all, author and quoted words, sentences and attributions are none.
        none: [bool; 5],
    }
    let cases = [
        Case {
            name: "empty",
            text: "",
            none: [true, true, true, true, true],
        },
        Case {
            name: "no quotation, no attribution",
            text: "The regime lied about the reckless plan for the Tarnby dam.",
            none: [false, false, true, false, true],
        },
        Case {
            name: "all quotation",
            text: "\u{201C}The reckless plan for the Tarnby dam is a disgrace.\u{201D}",
            none: [false, true, false, false, true],
        },
        Case {
            name: "every denominator",
            text: "Mayor Ilsa Brandt said the plan was \"a reckless disgrace\".",
            none: [false; 5],
        },
    ];
    let analyzer = Analyzer::new().unwrap();
    for case in cases {
        let name = case.name;
        let a = analyzer.analyze_text(case.text).unwrap();
        let p = &a.profile;
        let [no_words, no_author, no_quoted, no_sentences, no_attributions] = case.none;
        let words = [p.words, p.author_words, p.quoted_words];
        assert_eq!(
            words.map(|w| w == 0),
            [no_words, no_author, no_quoted],
            "{name}"
        );
        assert_eq!(p.sentences == 0, no_sentences, "{name}");
        assert_eq!(p.attribution.total == 0, no_attributions, "{name}");
        let json = serde_json::to_value(&a).unwrap();
        for (c, rates) in p.rates().iter() {
            let counts = p.counts[c];
            let voices = [
                ("all", rates.all, counts.all),
                ("author", rates.author, counts.author),
                ("quoted", rates.quoted, counts.quoted),
            ];
            for ((voice, rate, n), w) in voices.into_iter().zip(words) {
                let expected = (w > 0).then(|| f64::from(n) * 1000.0 / f64::from(w));
                assert_eq!(rate, expected, "{name}: {c} {voice}");
                let written = &json["profile"]["rates"][c.as_str()][voice];
                assert_eq!(written.as_f64(), expected, "{name}: {c} {voice} {written}");
                assert_eq!(written.is_null(), w == 0, "{name}: {c} {voice}");
            }
        }
        let att = &p.attribution;
        assert_eq!(att.sentence_share.is_none(), no_sentences, "{name}");
        assert_eq!(att.anonymous_share.is_none(), no_attributions, "{name}");
        for key in ["sentence_share", "anonymous_share"] {
            let written = &json["profile"]["attribution"][key];
            let none = if key == "sentence_share" {
                no_sentences
            } else {
                no_attributions
            };
            assert_eq!(written.is_null(), none, "{name}: {key}");
        }

        // Output written before (schema version 1, or 2 before the change) has 0 there; it
        // reads as the analysis this framelens gives.
        let mut old = json.clone();
        old["schema_version"] = 1.into();
        for rates in old["profile"]["rates"]
            .as_object_mut()
            .unwrap()
            .values_mut()
        {
            for rate in rates.as_object_mut().unwrap().values_mut() {
                if rate.is_null() {
                    *rate = 0.0.into();
                }
            }
        }
        for key in ["sentence_share", "anonymous_share"] {
            let share = &mut old["profile"]["attribution"][key];
            if share.is_null() {
                *share = 0.0.into();
            }
        }
        let read: framelens::Analysis = serde_json::from_value(old).unwrap();
        assert_eq!(read, a, "{name}");
    }
}
