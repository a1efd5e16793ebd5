//! Voice: whose words each marker is in. A marker inside a direct quotation is in quoted voice
//! and carries the speaker's name; inside indirect speech it keeps the author's voice (the
//! wording is the writer's paraphrase) but names whose view it reports. Short quotations with no
//! speaker become scare-quote markers in the author's voice, and markers in boilerplate
//! paragraphs (promotional and credit lines) are left out. Also the word counts per sentence
//! that the profile's voice rates divide by.
//!
//! ```
//! use framelens::detect::voice::SCARE_QUOTE_ENTRY;
//! use framelens::{Analyzer, Category, Voice};
//!
//! let text = "The \"experts\" were wrong again. \"It is a disaster,\" Jane Roe said.";
//! let analysis = Analyzer::new()?.analyze_text(text)?;
//! let scare = analysis.markers.iter().find(|m| m.entry == SCARE_QUOTE_ENTRY).unwrap();
//! assert_eq!((scare.text.as_str(), scare.category), ("\"experts\"", Category::ScareQuote));
//! assert_eq!(scare.voice, Voice::Author);
//! let disaster = analysis.markers.iter().find(|m| m.text == "disaster").unwrap();
//! assert_eq!(disaster.voice, Voice::Quoted);
//! assert_eq!(disaster.speaker.as_deref(), Some("Jane Roe"));
//! # Ok::<(), framelens::Error>(())
//! ```

use std::sync::LazyLock;

use compact_str::CompactString;
use ustr::Ustr;

use super::attribution::{Found, RawAttribution};
use super::markers::Located;
use crate::analysis::{Attribution, AttributionKind, Marker, Span, Voice};
use crate::lexicon::Category;
use crate::text::Prepared;

/// The entry id of scare-quote markers found by the quotation rule rather than the lexicon.
pub const SCARE_QUOTE_ENTRY: &str = "unattributed_short_quote";

/// The markers of a document with their voice, and its word counts.
pub(crate) struct Voiced {
    /// Markers in text order, scare quotes included and boilerplate left out.
    pub markers: Vec<Marker>,
    /// (words, words inside outermost quote regions) per sentence, boilerplate left out.
    pub sentence_words: Vec<(usize, usize)>,
}

/// Gives each located marker its voice and speaker from the attributions (`raw` as found,
/// `attributions` as reported), adds the scare quotes of `found`, and leaves out markers and
/// words inside `boilerplate` (paragraph spans of the original text, in text order, with
/// `boilerplate_tokens` their token ranges).
pub(crate) fn assign(
    p: &Prepared<'_>,
    mut located: Vec<Located>,
    found: &Found,
    attributions: &[Attribution],
    boilerplate: &[Span],
    boilerplate_tokens: &[(usize, usize)],
) -> Voiced {
    credit_speakers(&mut located, &found.attributions, attributions);
    // Boilerplate spans are paragraphs in text order: the candidate is the last one starting
    // at or before the marker.
    let in_boilerplate = |start: usize, end: usize| {
        let i = boilerplate.partition_point(|s| s.start <= start);
        i > 0 && end <= boilerplate[i - 1].end
    };
    let markers = with_scare_quotes(p, located, &found.scare_quotes, in_boilerplate);
    Voiced {
        markers,
        sentence_words: sentence_words(p, &reported(p, &found.attributions), boilerplate_tokens),
    }
}

/// The stretches of text whose words are someone else's for the profile (normalized ranges,
/// sorted, not overlapping): the outermost quotations, and the reported clause of indirect
/// speech and "according to" with a speaker ("Jane Roe said [the plan was reckless]"), whose
/// wording is the writer's paraphrase but whose view is the speaker's.
fn reported(p: &Prepared<'_>, raw: &[RawAttribution]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = p
        .quotes
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| (q.content_start, q.content_end))
        .collect();
    ranges.extend(
        raw.iter()
            .filter(|a| a.speaker.is_some())
            .flat_map(|a| a.content.iter().copied()),
    );
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// (words, words inside `reported` ranges) per sentence, leaving out the tokens of boilerplate
/// paragraphs (`skip`, sorted token ranges). One walk over tokens, ranges and skipped ranges
/// together; sentences cover every token.
fn sentence_words(
    prepared: &Prepared<'_>,
    reported: &[(usize, usize)],
    skip: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut regions = reported.iter().peekable();
    let mut skip = skip.iter().peekable();
    let mut out = Vec::with_capacity(prepared.sentences.len());
    for s in &prepared.sentences {
        let (mut words, mut quoted) = (0, 0);
        for i in s.first_token..s.end_token {
            let t = &prepared.tokens[i];
            if !t.is_word() {
                continue;
            }
            while skip.peek().is_some_and(|r| r.1 <= i) {
                skip.next();
            }
            if skip.peek().is_some_and(|r| r.0 <= i) {
                continue;
            }
            words += 1;
            while regions.peek().is_some_and(|r| r.1 <= t.start()) {
                regions.next();
            }
            if regions
                .peek()
                .is_some_and(|r| r.0 <= t.start() && t.end() <= r.1)
            {
                quoted += 1;
            }
        }
        out.push((words, quoted));
    }
    out
}

/// How many content parts before a marker are checked for containment; parts nest only a few
/// deep, so this keeps the pass linear without missing an enclosing part in practice.
const CONTAINMENT_LOOKBACK: usize = 16;

/// Markers inside attributed content are credited to the speaker (the innermost attribution
/// wins: a quote inside reported speech is the inner speaker's). Inside a direct quotation they
/// are in quoted voice; indirect speech and "according to" clauses are the writer's paraphrase,
/// so their markers keep the author's voice while naming whose view they report.
fn credit_speakers(located: &mut [Located], raw: &[RawAttribution], attrs: &[Attribution]) {
    let mut parts: Vec<(usize, usize, usize)> = raw
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.content.iter().map(move |&(s, e)| (s, e, i)))
        .collect();
    parts.sort_unstable();
    for l in located.iter_mut() {
        let (s, e) = l.norm;
        let upto = parts.partition_point(|p| p.0 <= s);
        let innermost = parts[..upto]
            .iter()
            .rev()
            .take(CONTAINMENT_LOOKBACK)
            .filter(|p| e <= p.1)
            .max_by_key(|p| p.0);
        if let Some(&(_, _, i)) = innermost {
            if attrs[i].kind == AttributionKind::Direct {
                l.marker.voice = Voice::Quoted;
            }
            l.marker.speaker = attrs[i].speaker_name.clone();
        }
    }
}

/// Gives markers found after [`assign`] (a model's) their speaker from the attributions, as
/// [`assign`] does, and returns them.
pub(crate) fn credit(
    mut located: Vec<Located>,
    found: &Found,
    attributions: &[Attribution],
) -> Vec<Marker> {
    credit_speakers(&mut located, &found.attributions, attributions);
    located.into_iter().map(|l| l.marker).collect()
}

/// The entry id and subcategory of scare-quote markers, interned once.
static SCARE_QUOTE: LazyLock<(Ustr, Ustr)> = LazyLock::new(|| {
    (
        Ustr::from(SCARE_QUOTE_ENTRY),
        Ustr::from("unattributed_quote"),
    )
});

/// The located markers and a `scare_quote` marker in the author's voice for each short
/// quotation with no speaker nearby (`quotes`, normalized spans), in one vector sorted by (start,
/// end, category), leaving out those `skip` says are in boilerplate.
///
/// A document of short quotations has a marker every few bytes. Appending the scare quotes to
/// `located` and sorting them all held three times the markers' size at the peak (the vector's
/// doubling and the sort's buffer); now the located markers become markers in their own
/// allocation, the scare quotes are made into a vector of their exact number, and the two are
/// merged only when both have markers.
fn with_scare_quotes(
    p: &Prepared<'_>,
    mut located: Vec<Located>,
    quotes: &[(usize, usize)],
    skip: impl Fn(usize, usize) -> bool,
) -> Vec<Marker> {
    let key = |m: &Marker| (m.start, m.end, m.category);
    located.retain(|l| !skip(l.marker.start, l.marker.end));
    if !located.is_sorted_by_key(|l| key(&l.marker)) {
        located.sort_by_key(|l| key(&l.marker));
    }
    // In place: a `Marker` is smaller than a `Located`.
    let markers: Vec<Marker> = located.into_iter().map(|l| l.marker).collect();
    let (entry, subcategory) = (SCARE_QUOTE.0, Some(SCARE_QUOTE.1));
    let mut scares: Vec<Marker> = quotes
        .iter()
        .map(|&(s, e)| p.span(s, e))
        .filter(|&(a, b)| !skip(a, b))
        .map(|(a, b)| Marker {
            start: a,
            end: b,
            text: CompactString::new(&p.text[a..b]),
            category: Category::ScareQuote,
            subcategory,
            entry,
            weight: 1.0,
            voice: Voice::Author,
            speaker: None,
            negated: false,
            model: None,
        })
        .collect();
    if !scares.is_sorted_by_key(key) {
        scares.sort_by_key(key);
    }
    if scares.is_empty() {
        return markers;
    }
    if markers.is_empty() {
        return scares;
    }
    // Both sorted: merge, a lexicon marker before a scare quote of the same key (the order
    // the stable sort of all markers gave).
    let mut out = Vec::with_capacity(markers.len() + scares.len());
    let mut scares = scares.into_iter().peekable();
    for m in markers {
        while let Some(s) = scares.next_if(|s| key(s) < key(&m)) {
            out.push(s);
        }
        out.push(m);
    }
    out.extend(scares);
    out
}

#[cfg(test)]
mod tests {
    use crate::{Analyzer, Category};

    #[test]
    fn scare_quotes_merge_in_text_order_with_the_lexicon_markers() {
        let text = "The \"experts\" baselessly backed the \"regime\" again. It was a \"reform\", \
                    a sham.";
        let analysis = Analyzer::new().unwrap().analyze_text(text).unwrap();
        let keys: Vec<_> = analysis
            .markers
            .iter()
            .map(|m| (m.start, m.end, m.category))
            .collect();
        assert!(keys.is_sorted(), "{keys:?}");
        let scare: Vec<&str> = analysis
            .markers
            .iter()
            .filter(|m| m.category == Category::ScareQuote)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(scare, ["\"experts\"", "\"regime\"", "\"reform\""]);
        // Lexicon markers come before, between and inside the scare quotes.
        let loaded: Vec<&str> = analysis
            .markers
            .iter()
            .filter(|m| m.category == Category::Loaded)
            .map(|m| m.text.as_str())
            .collect();
        assert!(
            loaded.contains(&"baselessly") && loaded.contains(&"regime"),
            "{loaded:?}"
        );
    }

    #[test]
    fn a_cue_word_inside_a_short_quotation_introduces_nobody() {
        // "plan" is a reporting cue ("plans to"); quoted, it is the writer's scare quote,
        // unless a cue outside the quotation gives the sentence a speaker.
        let analyzer = Analyzer::new().unwrap();
        let scare = |text: &str| -> Vec<String> {
            let analysis = analyzer.analyze_text(text).unwrap();
            analysis
                .markers
                .iter()
                .filter(|m| m.category == Category::ScareQuote)
                .map(|m| m.text.to_string())
                .collect()
        };
        assert_eq!(scare("The \"plan\" failed."), ["\"plan\""]);
        assert_eq!(scare("Their \"views\" won."), ["\"views\""]);
        assert!(scare("He said the \"plan\" failed.").is_empty());
        assert!(scare("The \"plan\" failed, he said.").is_empty());
    }

    #[test]
    fn scare_quotes_alone_and_lexicon_markers_alone() {
        let analyzer = Analyzer::new().unwrap();
        let quotes = analyzer.analyze_text("\"a\" \"b\" \"c\"").unwrap();
        assert_eq!(quotes.markers.len(), 3);
        assert!(quotes
            .markers
            .iter()
            .all(|m| m.category == Category::ScareQuote));
        let words = analyzer
            .analyze_text("They baselessly hatch plots.")
            .unwrap();
        assert!(words
            .markers
            .iter()
            .all(|m| m.category != Category::ScareQuote));
        assert!(!words.markers.is_empty());
    }
}
