//! Attribution: who says what, how the writer reports it, who goes unnamed.

use framelens::{
    Analysis, Analyzer, AttributionKind as K, Category, SpeakerType as T, VerbStance as S, Voice,
};

fn analyze(text: &str) -> Analysis {
    Analyzer::new().unwrap().analyze_text(text).unwrap()
}

/// (text, cue, speaker, kind, speaker type, stance, content)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    K,
    T,
    S,
    &'static str,
);

#[test]
fn cue_speaker_content_table() {
    let cases: &[Case] = &[
        (
            "Rouhani said Tehran and Moscow are developing their relations.",
            "said",
            "Rouhani",
            K::Indirect,
            T::Named,
            S::Neutral,
            "Tehran and Moscow are developing their relations",
        ),
        (
            "According to the ministry, the talks failed.",
            "According to",
            "the ministry",
            K::AccordingTo,
            T::Anonymous,
            S::Neutral,
            "the talks failed",
        ),
        (
            "The talks failed, according to two officials.",
            "according to",
            "two officials",
            K::AccordingTo,
            T::Anonymous,
            S::Neutral,
            "The talks failed",
        ),
        (
            "A senior official who asked not to be named said the deal was dead.",
            "said",
            "A senior official who asked not to be named",
            K::Indirect,
            T::Anonymous,
            S::Neutral,
            "the deal was dead",
        ),
        (
            "Experts say the plan is flawed.",
            "say",
            "Experts",
            K::Indirect,
            T::Collective,
            S::Neutral,
            "the plan is flawed",
        ),
        (
            "Ali Akbar Salehi, head of the Atomic Energy Organization, said the plant was safe.",
            "said",
            "Ali Akbar Salehi",
            K::Indirect,
            T::Named,
            S::Neutral,
            "the plant was safe",
        ),
        (
            "Critics claimed the vote was rigged.",
            "claimed",
            "Critics",
            K::Indirect,
            T::Collective,
            S::Distancing,
            "the vote was rigged",
        ),
        (
            "The minister admitted the figures were wrong.",
            "admitted",
            "The minister",
            K::Indirect,
            T::Anonymous,
            S::Admission,
            "the figures were wrong",
        ),
        (
            "The senator slammed the decision.",
            "slammed",
            "The senator",
            K::Indirect,
            T::Anonymous,
            S::Emotive,
            "the decision",
        ),
        (
            "The inspectors confirmed the leak had stopped.",
            "confirmed",
            "The inspectors",
            K::Indirect,
            T::Collective,
            S::Endorsing,
            "the leak had stopped",
        ),
        (
            "She told reporters that the vote would go ahead.",
            "told",
            "She",
            K::Indirect,
            T::Pronoun,
            S::Neutral,
            "the vote would go ahead",
        ),
        (
            "\"It is over,\" said Mr. Smith.",
            "said",
            "Mr. Smith",
            K::Direct,
            T::Named,
            S::Neutral,
            "It is over,",
        ),
        (
            "Sen. Jane Doe (D-Mo.) said the bill would pass.",
            "said",
            "Sen. Jane Doe (D-Mo.)",
            K::Indirect,
            T::Named,
            S::Neutral,
            "the bill would pass",
        ),
        (
            "Jane Roe was blunt: \"We are broke.\"",
            ":",
            "Jane Roe",
            K::Direct,
            T::Named,
            S::Neutral,
            "We are broke.",
        ),
    ];
    for &(text, cue, speaker, kind, stype, stance, content) in cases {
        let a = analyze(text);
        let att = a
            .attributions
            .iter()
            .find(|x| x.cue.text == cue)
            .unwrap_or_else(|| panic!("{text}: no cue {cue:?} in {:?}", a.attributions));
        assert_eq!(
            att.speaker.as_ref().map(|s| s.text.as_str()),
            Some(speaker),
            "{text}"
        );
        assert_eq!(att.kind, kind, "{text}");
        assert_eq!(att.speaker_type, Some(stype), "{text}");
        assert_eq!(att.verb_stance, stance, "{text}");
        assert_eq!(
            att.content.as_ref().map(|s| s.text.as_str()),
            Some(content),
            "{text}"
        );
        for span in [Some(&att.cue), att.speaker.as_ref(), att.content.as_ref()]
            .into_iter()
            .flatten()
        {
            assert_eq!(&text[span.start..span.end], span.text);
        }
    }
}

#[test]
fn nested_quote_belongs_to_the_inner_speaker() {
    let text = "Moscow backs the accord, whereas Donald Trump describes it as the \
                \u{201C}worst deal ever\u{201D}, Rouhani said.";
    let a = analyze(text);
    let describes = a
        .attributions
        .iter()
        .find(|x| x.cue.text == "describes it as")
        .unwrap();
    assert_eq!(describes.speaker.as_ref().unwrap().text, "Donald Trump");
    assert_eq!(describes.kind, K::Direct);
    assert_eq!(describes.content.as_ref().unwrap().text, "worst deal ever");
    let said = a
        .attributions
        .iter()
        .find(|x| x.cue.text == "said")
        .unwrap();
    assert_eq!(said.speaker.as_ref().unwrap().text, "Rouhani");
    assert_eq!(
        (said.speaker_type, said.verb_stance),
        (Some(T::Named), S::Neutral)
    );
    assert_eq!(said.kind, K::Indirect);
    let worst = a
        .markers
        .iter()
        .find(|m| m.text == "worst deal ever" && m.category == Category::Loaded)
        .unwrap();
    assert_eq!(worst.voice, Voice::Quoted);
    assert_eq!(worst.speaker.as_deref(), Some("Donald Trump"));
}

#[test]
fn pronouns_link_to_the_last_named_speaker() {
    let text = "Jane Roe said the plan was ready. \"We will not back down,\" she added.";
    let a = analyze(text);
    let added = a
        .attributions
        .iter()
        .find(|x| x.cue.text == "added")
        .unwrap();
    assert_eq!(added.speaker_type, Some(T::Pronoun));
    assert_eq!(added.resolved_speaker.as_ref().unwrap().text, "Jane Roe");
    assert_eq!(added.speaker_name.as_deref(), Some("Jane Roe"));
    assert_eq!(a.profile.attribution.speakers.get("Jane Roe"), Some(&2));
}

#[test]
fn quotation_over_paragraphs_and_sentences_keeps_its_speaker() {
    let text = "\"The crackdown was brutal.\n\n\"It was a disaster,\" she said. \
                \"They were thugs.\"";
    let a = analyze(text);
    let quoted: Vec<_> = a
        .markers
        .iter()
        .filter(|m| m.category == Category::Loaded)
        .collect();
    assert!(quoted.len() >= 3, "{quoted:?}");
    for m in quoted {
        assert_eq!(m.voice, Voice::Quoted, "{m:?}");
        assert_eq!(m.speaker, None, "she has no named antecedent: {m:?}");
    }
    assert!(a.attributions.iter().any(|x| x.continued));
}

#[test]
fn indirect_speech_keeps_the_author_voice_but_names_the_speaker() {
    let a = analyze("Jane Roe said the reckless plan would fail.");
    let m = a.markers.iter().find(|m| m.text == "reckless").unwrap();
    assert_eq!(m.voice, Voice::Author);
    assert_eq!(m.speaker.as_deref(), Some("Jane Roe"));
}

#[test]
fn author_voice_stays_author_without_a_speaker() {
    let text = "In late February, the draft resolution, backed by two states, baselessly \
                accusing the island of aggravating the crisis was vetoed.";
    let a = analyze(text);
    let m = a.markers.iter().find(|m| m.text == "baselessly").unwrap();
    assert_eq!((m.voice, m.speaker.as_deref()), (Voice::Author, None));
}

#[test]
fn short_unattributed_quotes_are_scare_quotes() {
    let a = analyze("The \"experts\" were wrong again. The so-called reform stalled.");
    let scare: Vec<_> = a
        .markers
        .iter()
        .filter(|m| m.category == Category::ScareQuote)
        .map(|m| (m.text.as_str(), &*m.entry))
        .collect();
    assert_eq!(
        scare,
        [
            ("\"experts\"", framelens::SCARE_QUOTE_ENTRY),
            ("so-called", "so_called")
        ]
    );
    // A short quote with a speaker is not a scare quote.
    let b = analyze("He called the plan \"a disaster\".");
    assert!(b.markers.iter().all(|m| m.category != Category::ScareQuote));
}

#[test]
fn profile_counts_attributions() {
    let text = "Sources said the deal was off. Jane Roe said it was on. Experts say nothing.";
    let p = analyze(text).profile.attribution;
    assert_eq!(p.total, 3);
    assert_eq!(p.by_speaker_type["anonymous"], 1);
    assert_eq!(p.by_speaker_type["named"], 1);
    assert_eq!(p.by_speaker_type["collective"], 1);
    assert!((p.anonymous_share - 1.0 / 3.0).abs() < 1e-9);
    assert!((p.sentence_share - 1.0).abs() < 1e-9);
    assert_eq!(p.by_stance["neutral"], 3);
}
