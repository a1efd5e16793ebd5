//! Attribution: who says what, how the writer reports it, who goes unnamed.

use framelens::{
    Analysis, Analyzer, AttributionKind as K, Category, SpeakerType as T, VerbStance as S, Voice,
};

mod common;

fn analyze(text: &str) -> Analysis {
    Analyzer::new().unwrap().analyze_text(text).unwrap()
}

/// One attribution case: the attribution with cue `cue` must have this speaker, kind, speaker
/// type, stance and content.
struct Case {
    name: &'static str,
    text: &'static str,
    cue: &'static str,
    speaker: &'static str,
    kind: K,
    speaker_type: T,
    stance: S,
    content: &'static str,
}

/// `t!(name: "text", "cue" => "speaker", Kind, SpeakerType, Stance, "content")`.
macro_rules! t {
    ($name:ident: $text:expr, $cue:expr => $speaker:expr, $kind:ident, $type:ident, $stance:ident, $content:expr) => {
        Case {
            name: stringify!($name),
            text: $text,
            cue: $cue,
            speaker: $speaker,
            kind: K::$kind,
            speaker_type: T::$type,
            stance: S::$stance,
            content: $content,
        }
    };
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    t!(indirect_named: "Rouhani said Tehran and Moscow are developing their relations.", "said" => "Rouhani", Indirect, Named, Neutral, "Tehran and Moscow are developing their relations"),
    t!(according_to_first: "According to the ministry, the talks failed.", "According to" => "the ministry", AccordingTo, Institution, Neutral, "the talks failed"),
    t!(according_to_last: "The talks failed, according to two officials.", "according to" => "two officials", AccordingTo, Anonymous, Neutral, "The talks failed"),
    t!(anonymous_official: "A senior official who asked not to be named said the deal was dead.", "said" => "A senior official who asked not to be named", Indirect, Anonymous, Neutral, "the deal was dead"),
    t!(collective_experts: "Experts say the plan is flawed.", "say" => "Experts", Indirect, Collective, Neutral, "the plan is flawed"),
    t!(appositive_title: "Ali Akbar Salehi, head of the Atomic Energy Organization, said the plant was safe.", "said" => "Ali Akbar Salehi", Indirect, Named, Neutral, "the plant was safe"),
    t!(distancing_claimed: "Critics claimed the vote was rigged.", "claimed" => "Critics", Indirect, Collective, Distancing, "the vote was rigged"),
    t!(admission_admitted: "The minister admitted the figures were wrong.", "admitted" => "The minister", Indirect, Role, Admission, "the figures were wrong"),
    t!(emotive_slammed: "The senator slammed the decision.", "slammed" => "The senator", Indirect, Role, Emotive, "the decision"),
    t!(endorsing_confirmed: "The inspectors confirmed the leak had stopped.", "confirmed" => "The inspectors", Indirect, Collective, Endorsing, "the leak had stopped"),
    t!(told_reporters: "She told reporters that the vote would go ahead.", "told" => "She", Indirect, Pronoun, Neutral, "the vote would go ahead"),
    t!(direct_inverted: "\"It is over,\" said Mr. Smith.", "said" => "Mr. Smith", Direct, Named, Neutral, "It is over,"),
    t!(title_and_party: "Sen. Jane Doe (D-Mo.) said the bill would pass.", "said" => "Sen. Jane Doe (D-Mo.)", Indirect, Named, Neutral, "the bill would pass"),
    t!(colon_quote: "Jane Roe was blunt: \"We are broke.\"", ":" => "Jane Roe", Direct, Named, Neutral, "We are broke."),
    t!(manner_adverb_skipped: "Its officials baselessly claim the reservoir poses no risk.", "claim" => "Its officials", Indirect, Anonymous, Distancing, "the reservoir poses no risk"),
    t!(modified_group: "Norvanian engineers dispute that the river is drying.", "dispute" => "Norvanian engineers", Indirect, Collective, Neutral, "the river is drying"),
    t!(editorial_document: "A Harbor City Ledger editorial said the plan was reckless.", "said" => "A Harbor City Ledger editorial", Indirect, Document, Neutral, "the plan was reckless"),
    t!(ly_noun_kept: "The family bitterly said the verdict was unjust.", "said" => "The family", Indirect, Collective, Neutral, "the verdict was unjust"),
];

#[test]
fn cue_speaker_content_table() {
    let analyzer = Analyzer::new().unwrap();
    let mut failures = common::Failures::default();
    for c in CASES {
        let a = analyzer.analyze_text(c.text).unwrap();
        let Some(att) = a.attributions.iter().find(|x| x.cue.text == c.cue) else {
            failures.fail(
                c.name,
                format!("no cue {:?} in {:?}", c.cue, a.attributions),
            );
            continue;
        };
        let span = |s: Option<&framelens::Span>| s.map(|s| s.text.to_string());
        failures.eq(
            c.name,
            "speaker",
            span(att.speaker.as_ref()),
            Some(c.speaker.into()),
        );
        failures.eq(c.name, "kind", att.kind, c.kind);
        failures.eq(
            c.name,
            "speaker type",
            att.speaker_type,
            Some(c.speaker_type),
        );
        failures.eq(c.name, "stance", att.verb_stance, c.stance);
        failures.eq(
            c.name,
            "content",
            span(att.content.as_ref()),
            Some(c.content.into()),
        );
        for s in [Some(&att.cue), att.speaker.as_ref(), att.content.as_ref()]
            .into_iter()
            .flatten()
        {
            failures.eq(
                c.name,
                "span text",
                &c.text[s.start..s.end],
                s.text.as_str(),
            );
        }
    }
    failures.check(CASES.len());
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
    assert_eq!(p.by_speaker_type.anonymous, 1);
    assert_eq!(p.by_speaker_type.named, 1);
    assert_eq!(p.by_speaker_type.collective, 1);
    assert!((p.anonymous_share.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert!((p.sentence_share.unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(p.by_stance.neutral, 3);
}

/// Each cue has a kind, and words whose other sense is common are cues only where the reporting
/// sense stands.
#[test]
fn cue_kinds_and_sense_guards() {
    use framelens::CueKind as C;
    let cases: &[(&str, &str, Option<C>)] = &[
        (
            "Ms. Varga said the bridge was safe.",
            "said",
            Some(C::Speech),
        ),
        (
            "Ms. Varga believes the bridge is safe.",
            "believes",
            Some(C::Belief),
        ),
        (
            "A Dunmore survey shows that turnout fell.",
            "shows",
            Some(C::Evidence),
        ),
        (
            "Mayor Okafor wants to close the depot.",
            "wants",
            Some(C::Intention),
        ),
        (
            "The council appeared to retreat on Monday.",
            "appeared",
            Some(C::Perception),
        ),
        (
            "Her claim that the depot was unsafe was false.",
            "claim",
            Some(C::Nominal),
        ),
        (
            "Mr. Lund is confident that the levy will pass.",
            "confident",
            Some(C::Belief),
        ),
        (
            "The Fernvale economy added 40,000 jobs in May.",
            "added",
            None,
        ),
        ("His mayoral hopes faded in the spring.", "hopes", None),
        ("Her claims were repeated on Monday.", "claims", None),
        ("Mr. Lund appeared in court on Monday.", "appeared", None),
        (
            "Ms. Varga added that the bridge was safe.",
            "added",
            Some(C::Speech),
        ),
        // Manner-of-speaking verbs report speech only next to a quotation.
        (
            "\"We lost the vote,\" Mr. Lund sighed.",
            "sighed",
            Some(C::Speech),
        ),
        ("The crowd at Fernvale Park roared.", "roared", None),
        (
            "The Fernvale court held that the levy was lawful.",
            "held that",
            Some(C::Belief),
        ),
        (
            "The rally held that night drew 300 people.",
            "held that",
            None,
        ),
        (
            "Ms. Varga is sure that the bridge will hold.",
            "sure",
            Some(C::Belief),
        ),
        (
            "Mr. Lund was pleased that the levy passed.",
            "pleased",
            Some(C::Belief),
        ),
        ("Mr. Lund was so angry that he left early.", "angry", None),
        ("Mr. Lund looked pleased with the result.", "pleased", None),
        (
            "Inspectors determined that the dam was sound.",
            "determined that",
            Some(C::Evidence),
        ),
        (
            "Her hope that the depot would reopen faded.",
            "hope",
            Some(C::Nominal),
        ),
    ];
    for (text, cue, want) in cases {
        let a = analyze(text);
        let got = a
            .attributions
            .iter()
            .find(|x| x.cue.text == *cue)
            .map(|x| x.cue_kind);
        assert_eq!(got, *want, "{text}: {:?}", a.attributions);
    }
}

/// The attributions of `text` as (cue, speaker, content, parent) strings, in order.
fn roles(text: &str) -> Vec<(String, String, String, Option<usize>)> {
    analyze(text)
        .attributions
        .iter()
        .map(|a| {
            let s = |x: &Option<framelens::Span>| {
                x.as_ref().map_or(String::new(), |s| s.text.to_string())
            };
            (
                a.cue.text.to_string(),
                s(&a.speaker),
                s(&a.content),
                a.parent,
            )
        })
        .collect()
}

/// A quotation that ends a paragraph belongs to its own paragraph's speaker: the next
/// paragraph's cue does not take it. A quotation interrupted by its cue and an appositive goes
/// on after them.
#[test]
fn quotations_keep_to_their_paragraph_and_resume_after_the_speaker() {
    let text = "\"It means no other candidate gets attention,\" said Ana Ruiz, a former campaign \
                aide. \"That is a problem for the challengers.\"\n\nBut the lull has downsides \
                as well, suggesting less enthusiasm among voters.";
    let a = analyze(text);
    let second = a
        .attributions
        .iter()
        .find(|x| {
            x.content
                .as_ref()
                .is_some_and(|c| c.text.starts_with("That is a problem"))
        })
        .expect("the second quotation is attributed");
    assert_eq!(second.cue.text, "said");
    assert!(second.continued);
    assert_eq!(second.speaker.as_ref().unwrap().text, "Ana Ruiz");
    let text = "\"We have had offices here since April,\" said Ana Ruiz, the mayor's press \
                secretary, \"and we are forming relationships that last.\"";
    let r = roles(text);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[1].1, "Ana Ruiz", "{r:?}");
    assert_eq!(
        r[1].2, "and we are forming relationships that last.",
        "{r:?}"
    );
    assert!(analyze(text).attributions[1].continued);
}

/// A reporting verb joined by "and" to an earlier one of the sentence shares its speaker; with
/// no earlier attribution to share, "and said" finds no speaker of its own.
#[test]
fn coordinated_cues_share_the_speaker() {
    let r = roles(
        "In an interview, the mayor criticized the budget and said the council had ignored the \
         schools.",
    );
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(
        (r[1].0.as_str(), r[1].1.as_str()),
        ("said", "the mayor"),
        "{r:?}"
    );
    assert_eq!(r[1].2, "the council had ignored the schools", "{r:?}");
    assert_eq!(r[0].2, "the budget", "{r:?}");
    let r = roles("Prices rose and said analysts were surprised.");
    assert!(r.is_empty(), "{r:?}");
    // Adverbs between the speaker and the verb are no part of the speaker.
    for (text, speaker) in [
        (
            "Clinton initially said that the servers were secure.",
            "Clinton",
        ),
        ("The agency separately said it would appeal.", "The agency"),
    ] {
        let r = roles(text);
        assert_eq!(r[0].1, speaker, "{r:?}");
    }
}

/// Quotation forms quote extractors are known to miss, in sentences of our own.
#[test]
fn quotation_forms() {
    // An attribution after a dash, on the quotation's line or on the next.
    for text in [
        "\"We are out of money and out of time.\" — Jane Roe",
        "\"We are out of money and out of time.\"\n— Jane Roe, mayor of Eastbrook",
        "\"We are out of money and out of time.\" -- Jane Roe",
    ] {
        let r = roles(text);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        assert_eq!(r[0].1, "Jane Roe", "{text}");
        assert_eq!(r[0].2, "We are out of money and out of time.", "{text}");
    }
    // A dash inside a sentence that goes on is no attribution.
    let r = roles("He called it \"a fine plan\" — Jane Roe, the mayor, disagreed with him.");
    assert!(r.iter().all(|x| x.1 != "Jane Roe" || x.0 != "—"), "{r:?}");
    // A colon introduction.
    let r = roles("Councillor Tam Brody was blunt: \"We are out of money.\"");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].2, "We are out of money.");
    // A quotation interrupted by its cue has both parts.
    let text = "\"We will win,\" she said, in a scornful tone, \"and they know it.\"";
    let a = analyze(text);
    assert_eq!(a.attributions.len(), 1, "{:?}", a.attributions);
    let c = a.attributions[0].content.as_ref().unwrap();
    assert!(
        c.text.starts_with("We will win") && c.text.ends_with("they know it."),
        "{c:?}"
    );
    // Two cues of one speaker in one sentence: the first content stops before the second cue.
    let r = roles("Jane Roe said the dam was unsafe, adding that the council had failed.");
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(
        (r[0].0.as_str(), r[0].2.as_str()),
        ("said", "the dam was unsafe")
    );
    assert_eq!((r[1].0.as_str(), r[1].1.as_str()), ("adding", "Jane Roe"));
    assert_eq!(r[1].2, "the council had failed");
    assert_eq!((r[0].3, r[1].3), (None, None));
    // The same with a lowercase subject: the participle takes the earlier cue's speaker.
    let r = roles("The water board denied wrongdoing, saying the audit was flawed.");
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(
        (r[0].0.as_str(), r[0].1.as_str(), r[0].2.as_str()),
        ("denied", "The water board", "wrongdoing")
    );
    assert_eq!(
        (r[1].0.as_str(), r[1].1.as_str(), r[1].2.as_str()),
        ("saying", "The water board", "the audit was flawed")
    );
    assert_eq!((r[0].3, r[1].3), (None, None));
    // A quoted title is nobody's words.
    for text in [
        "Jane Roe wrote \"The Long Road Home\" in a cabin.",
        "Her film \"Night Over Eastbrook\" opens on Friday.",
    ] {
        let a = analyze(text);
        assert!(
            a.attributions.iter().all(|x| x.kind != K::Direct),
            "{text}: {:?}",
            a.attributions
        );
        assert!(
            a.markers.iter().all(|m| m.category != Category::ScareQuote),
            "{text}"
        );
    }
    // A quotation of ordinary words still is one.
    let r = roles("\"The dam is unsafe,\" Jane Roe said.");
    assert_eq!(r[0].2, "The dam is unsafe,");
    // A capitalized slogan followed by its cue is speech, not a title.
    for text in [
        "\"Yes We Can,\" he said.",
        "\"Build The Dam Now,\" Jane Roe said.",
    ] {
        let a = analyze(text);
        assert!(
            a.attributions.iter().any(|x| x.kind == K::Direct),
            "{text}: {:?}",
            a.attributions
        );
    }
}

/// A cue inside another attribution's content is its nested child; the profile counts top-level
/// attributions only.
#[test]
fn nested_attributions() {
    let text = "Jane Roe said that Tom Pike told her the dam would fail.";
    let a = analyze(text);
    let r = roles(text);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!((r[0].0.as_str(), r[0].3), ("said", None));
    assert_eq!((r[1].0.as_str(), r[1].3), ("told", Some(0)));
    assert_eq!(a.profile.attribution.total, 1);
    // The reported clause before the speaker holds the nested cue too.
    let r = roles("Tom Pike told her the dam would fail, Jane Roe said.");
    let said = r.iter().position(|x| x.0 == "said").unwrap();
    let told = r.iter().find(|x| x.0 == "told").unwrap();
    assert_eq!(told.3, Some(said), "{r:?}");
    // Side by side, neither is nested.
    let r = roles("Jane Roe said the dam was safe. Tom Pike said it was not.");
    assert!(r.iter().all(|x| x.3.is_none()), "{r:?}");
}

#[test]
fn anonymous_share_counts_only_unidentifiable_sources() {
    let text = "The senator said the deal was off. The ministry said it was on. \
                The report said nothing. A senior diplomat said the talks were over.";
    let p = analyze(text).profile.attribution;
    assert_eq!(p.total, 4);
    assert_eq!(p.by_speaker_type.role, 1);
    assert_eq!(p.by_speaker_type.institution, 1);
    assert_eq!(p.by_speaker_type.document, 1);
    assert_eq!(p.by_speaker_type.anonymous, 1);
    assert!((p.anonymous_share.unwrap() - 0.25).abs() < 1e-9);
}

#[test]
fn pronoun_it_links_to_an_institution() {
    let a = analyze("The ministry said the border was closed. It added that trade would go on.");
    let it = a
        .attributions
        .iter()
        .find(|x| x.cue.text == "added")
        .unwrap();
    assert_eq!(it.speaker_type, Some(T::Pronoun));
    let resolved = it.resolved_speaker.as_ref().map(|s| s.text.to_string());
    assert_eq!(resolved.as_deref(), Some("The ministry"));
}

#[test]
fn a_speaker_is_a_noun_phrase_not_a_clause() {
    // Each of these has a cue with no speaker of its own before it: the words before the cue run
    // over a clause boundary, so no attribution is made from them.
    for (text, cue) in [
        (
            "People in the industry are growing worried that the rule will fail.",
            "worried",
        ),
        (
            "EU officials in Brussels pledged to seek answers from the ministry.",
            "seek",
        ),
        ("Only the people who seem to be sick stay home.", "seem"),
        ("I think people who want to work should be able to.", "want"),
        (
            "One of them would have to prove that the plan works.",
            "prove",
        ),
        (
            "Why are people talking about the strike again?",
            "talking about",
        ),
        (
            "In hearing them, one might think the talks went well.",
            "think",
        ),
        // An indefinite phrase whose head is no noun of a speaker: a noun taken for a cue.
        (
            "Officials hoped for rain and a dry weather forecast.",
            "forecast",
        ),
        (
            "Officials acted after a bombshell report from the grand jury.",
            "report",
        ),
    ] {
        let a = analyze(text);
        let hit = a.attributions.iter().find(|x| x.cue.text == cue);
        assert!(hit.is_none(), "{text:?}: {hit:?}");
    }
    // A relative clause inside the phrase keeps its verbs, and a noun phrase is still a speaker.
    for (text, cue, speaker, ty) in [
        (
            "An official who asked not to be named said the talks failed.",
            "said",
            "An official who asked not to be named",
            Some(T::Anonymous),
        ),
        (
            "Officials who have seen the report said it was late.",
            "said",
            "Officials who have seen the report",
            Some(T::Anonymous),
        ),
        (
            "Two Pentagon sources said the plan was dead.",
            "said",
            "Two Pentagon sources",
            Some(T::Anonymous),
        ),
        (
            "A man said the bridge was closed.",
            "said",
            "A man",
            Some(T::Anonymous),
        ),
        (
            "One juror said the trial was fair.",
            "said",
            "One juror",
            Some(T::Anonymous),
        ),
        // "IT" is an acronym, not the pronoun (its type is another matter).
        (
            "IT staff said the servers were down.",
            "said",
            "IT staff",
            None,
        ),
    ] {
        let a = analyze(text);
        let x = a
            .attributions
            .iter()
            .find(|x| x.cue.text == cue)
            .unwrap_or_else(|| panic!("{text:?}: no attribution"));
        let s = x.speaker.as_ref().expect("a speaker");
        assert_eq!(s.text.as_str(), speaker, "{text:?}");
        if ty.is_some() {
            assert_eq!(x.speaker_type, ty, "{text:?}");
        }
    }
}

#[test]
fn relative_that_after_a_noun_of_saying_is_no_content() {
    // "a claim that is contradicted": `that` opens a relative clause about the claim (it has no
    // subject of its own), so the clause is not what was claimed; "the claim that the dam is
    // safe" is.
    let a = analyze("The ministry repeated a claim that is contradicted by the record.");
    assert!(
        a.attributions.iter().all(|x| x.cue.text != "claim"),
        "{:?}",
        a.attributions
    );
    let b = analyze("The ministry repeated its claim that the dam is safe.");
    let claim = b.attributions.iter().find(|x| x.cue.text == "claim");
    assert_eq!(
        claim
            .and_then(|x| x.content.as_ref())
            .map(|c| c.text.as_str()),
        Some("the dam is safe")
    );
}

#[test]
fn a_later_cue_of_the_sentence_takes_no_words_of_an_earlier_one_for_its_speaker() {
    // The speaker of "intended" starts after "say": the words before belong to the outer
    // attribution, whose content holds this one (its parent).
    let a =
        analyze("Sources close to the delegation say the negotiators never intended to settle.");
    let outer = a.attributions.iter().position(|x| x.cue.text == "say");
    let inner = a.attributions.iter().find(|x| x.cue.text == "intended");
    let inner = inner.expect("an attribution for \"intended\"");
    assert_eq!(
        inner.speaker.as_ref().map(|s| s.text.as_str()),
        Some("the negotiators")
    );
    assert_eq!(inner.parent, outer);
    let b = analyze("Critics say the request appears to be a delaying tactic.");
    for x in &b.attributions {
        let speaker = x.speaker.as_ref().map_or("", |s| s.text.as_str());
        assert!(!speaker.contains("say"), "{x:?}");
    }
}

/// The attribution whose cue reads `cue` (a test failure naming the attributions if none).
fn by_cue<'a>(a: &'a Analysis, cue: &str) -> &'a framelens::Attribution {
    let found = a.attributions.iter().find(|x| x.cue.text == cue);
    found.unwrap_or_else(|| panic!("no {cue:?} in {:?}", a.attributions))
}

#[test]
fn an_expletive_subject_of_a_passive_cue_is_no_speaker() {
    for (text, cue, content) in [
        (
            "It is believed the mediator will propose a new timetable.",
            "believed",
            "the mediator will propose a new timetable",
        ),
        (
            "It was reported that the talks had stalled.",
            "reported",
            "the talks had stalled",
        ),
    ] {
        let a = analyze(text);
        let x = by_cue(&a, cue);
        assert_eq!((x.speaker.as_ref(), x.speaker_type), (None, None), "{text}");
        assert_eq!(x.content.as_ref().map(|c| c.text.as_str()), Some(content));
    }
    // Not passive: "it" is the company, a speaker.
    for (text, cue) in [
        (
            "Vessmark denied the report. It said the plant was safe.",
            "said",
        ),
        (
            "Vessmark denied the report. It is saying the plant was safe.",
            "saying",
        ),
    ] {
        let a = analyze(text);
        let x = by_cue(&a, cue);
        assert_eq!(x.speaker.as_ref().map(|s| s.text.as_str()), Some("It"));
    }
}

#[test]
fn figures_before_a_relative_clause_is_a_noun_not_a_cue() {
    let a = analyze("Farms could lose a third of their harvest, figures that engineers dispute.");
    assert!(
        a.attributions.iter().all(|x| x.cue.text != "figures that"),
        "{:?}",
        a.attributions
    );
}

#[test]
fn the_subject_of_seem_or_appear_is_what_is_perceived() {
    for (text, cue) in [
        ("It appears that the talks have stalled.", "appears"),
        ("The request appears to be a delaying tactic.", "appears"),
        ("The plan seems doomed.", "seems"),
    ] {
        let a = analyze(text);
        let x = by_cue(&a, cue);
        assert_eq!((x.speaker.as_ref(), x.speaker_type), (None, None), "{text}");
    }
    // Before `to` and a verb of thinking or saying, the subject holds the view.
    let a = analyze("Voters seem to think the plan is fair.");
    let x = by_cue(&a, "seem");
    assert_eq!(x.speaker.as_ref().map(|s| s.text.as_str()), Some("Voters"));
}

#[test]
fn a_possessive_after_a_clause_cue_opens_its_object() {
    // A headline: "threatens" takes a noun phrase, not a clause, so it reports no one.
    let a = analyze("Norvanian regime's dam gamble threatens Estavia's farms");
    assert!(a.attributions.is_empty(), "{:?}", a.attributions);
    // A capitalized subject that is no possessive still opens a clause.
    let a = analyze("The minister warned Norvania would pay a price.");
    assert_eq!(
        by_cue(&a, "warned")
            .content
            .as_ref()
            .map(|c| c.text.as_str()),
        Some("Norvania would pay a price")
    );
}

#[test]
fn speech_before_its_speaker_is_set_off() {
    // Nothing set off and nothing after the cue: the cue reports nothing, no attribution.
    let a = analyze("Critics fear Moscow will respond.");
    assert!(a.attributions.iter().all(|x| x.cue.text != "respond"));
    let a = analyze("The talks failed and the minister responded.");
    assert!(a.attributions.is_empty(), "{:?}", a.attributions);
    let a = analyze("The council passed a law it opposes.");
    assert!(a.attributions.is_empty(), "{:?}", a.attributions);
    for text in [
        "The talks failed, the minister said.",
        "The talks failed \u{2014} the minister said.",
    ] {
        let a = analyze(text);
        let content = by_cue(&a, "said").content.as_ref().map(|c| c.text.as_str());
        assert_eq!(content, Some("The talks failed"), "{text}");
    }
}

#[test]
fn a_clause_set_off_before_said_and_its_speaker_is_the_content() {
    for (text, speaker) in [
        ("The talks failed, said the minister.", "the minister"),
        (
            "The deal is dead, said officials in Marren.",
            "officials in Marren",
        ),
    ] {
        let a = analyze(text);
        let x = by_cue(&a, "said");
        assert_eq!(x.speaker.as_ref().map(|s| s.text.as_str()), Some(speaker));
        let content = x.content.as_ref().map(|c| c.text.as_str());
        assert!(content.is_some_and(|c| c.starts_with("The ")), "{text}");
    }
    // The speaker after the cue may be followed by a participle cue, which it shares.
    let a = analyze("The plan is dead, said Varga, adding that talks would go on.");
    for cue in ["said", "adding"] {
        let x = by_cue(&a, cue);
        assert_eq!(x.speaker.as_ref().map(|s| s.text.as_str()), Some("Varga"));
    }
    // A name before the comma stays the speaker.
    let a = analyze("Mr. Regalado, 69, said he would stay.");
    let x = by_cue(&a, "said");
    assert_eq!(
        x.speaker.as_ref().map(|s| s.text.as_str()),
        Some("Mr. Regalado")
    );
}

#[test]
fn a_participle_cue_of_several_words_shares_the_sentence_subject() {
    let a = analyze(
        "The Varga campaign pushed back against the attack, calling it the mark of a \
         desperate rival.",
    );
    let x = by_cue(&a, "calling it");
    assert_eq!(
        x.speaker.as_ref().map(|s| s.text.as_str()),
        Some("The Varga campaign")
    );
}

#[test]
fn a_clause_coordinated_after_a_comma_is_not_reported() {
    let a = analyze("The plan drew protests, and farmers blocked the road.");
    assert!(a.attributions.is_empty(), "{:?}", a.attributions);
    // A quotation before the cue is still its content.
    let a = analyze("\"We will fight,\" she said, and left the room.");
    assert_eq!(
        by_cue(&a, "said").content.as_ref().map(|c| c.text.as_str()),
        Some("We will fight,")
    );
}

#[test]
fn a_speaker_phrase_steps_over_scare_quotes() {
    for text in [
        "Estavian \"experts\" have claimed that farms could lose a third of their harvest.",
        "Estavian \u{201c}experts\u{201d} have claimed that farms could lose a third.",
    ] {
        let a = analyze(text);
        let speaker = by_cue(&a, "claimed")
            .speaker
            .as_ref()
            .map(|s| s.text.as_str());
        assert!(speaker.is_some_and(|s| s.starts_with("Estavian")), "{text}");
    }
    // A quotation's closing mark after a comma is no scare quote.
    let a = analyze("\u{201c}Judge,\u{201d} Brafman said, \u{201c}this never happened.\u{201d}");
    let speaker = by_cue(&a, "said").speaker.as_ref().map(|s| s.text.as_str());
    assert_eq!(speaker, Some("Brafman"));
}

#[test]
fn a_scare_quoted_head_gives_the_speaker_type() {
    let a = analyze("Estavian \"experts\" have claimed that farms could lose a third.");
    let x = by_cue(&a, "claimed");
    assert_eq!(x.speaker_type, Some(framelens::SpeakerType::Collective));
}
