//! The marker detector: lexicon matches with exact spans, voice, entry, negation and weight.
//!
//! Context rules (word lists in `data/en/text.toml`):
//! - negation: a cue among the few words before a marker, in the same clause, sets `negated`
//!   ("not unfounded", "no evidence of wrongdoing", "far from hostile");
//! - intensifiers: "very", "utterly", ... right before a marker raise its weight instead of
//!   counting as markers of their own;
//! - entries marked `lowercase` fire only where the original is not capitalized mid-sentence
//!   ("may" the hedge, not "May" the month);
//! - a capitalized policy-frame cue inside a proper name ("Vessmark Entertainment Inc.", "House
//!   Judiciary Committee", "Department of Health and Human Services") names its subject and
//!   does not frame it: it is no marker (the pack's `[names]` rule; not in title-case lines).
//!
//! ```
//! use framelens::detect::markers::find_markers;
//! use framelens::text::Prepared;
//! use framelens::{Analyzer, Category};
//!
//! let analyzer = Analyzer::new()?;
//! let prepared = Prepared::new("In May, officials said the claims were not unfounded.");
//! let markers = find_markers(&prepared, analyzer.matcher());
//! let unfounded = markers.iter().find(|m| m.text == "unfounded").unwrap();
//! assert!(unfounded.negated);
//! // "May" the month is not the hedge "may".
//! assert!(!markers.iter().any(|m| m.category == Category::Hedge));
//! # Ok::<(), framelens::Error>(())
//! ```

use crate::analysis::{Marker, Voice};
use crate::lexicon::{Category, Matcher, TermMatch};
use crate::text::lang::Lang;
use crate::text::tokens::TokenKind;
use crate::text::Prepared;

fn is_negator(p: &Prepared<'_>, lang: &Lang, k: usize) -> bool {
    let w = p.token_text(k);
    if lang.negators.contains(w) || w.ends_with("n't") {
        return true;
    }
    k > 0
        && p.tokens[k - 1].is_word()
        && lang.negator_seconds.contains(w)
        && lang
            .negator_pairs
            .get(w)
            .is_some_and(|firsts| firsts.iter().any(|f| f == p.token_text(k - 1)))
}

/// True when a negation cue precedes token `first` within the window, in the same clause and
/// sentence (`sentence_first` is the first token of the sentence holding `first`).
fn negated(p: &Prepared<'_>, lang: &Lang, first: usize, sentence_first: usize) -> bool {
    let mut words = 0;
    let mut k = first;
    while k > 0 && words < lang.negation_window {
        k -= 1;
        let t = &p.tokens[k];
        if t.kind == TokenKind::Punct {
            if is_scope_break(p.token_text(k)) {
                return false;
            }
            continue;
        }
        if is_negator(p, lang, k) {
            return true;
        }
        if k <= sentence_first {
            return false;
        }
        words += 1;
    }
    false
}

/// Punctuation that closes a negation's scope.
fn is_scope_break(punct: &str) -> bool {
    matches!(punct, "," | ";" | ":" | "." | "!" | "?" | "(" | ")")
}

/// The weight factor from intensifiers right before token `first` (at most two).
fn intensity(p: &Prepared<'_>, lang: &Lang, first: usize) -> f32 {
    let mut factor = 1.0;
    let mut k = first;
    for _ in 0..2 {
        if k == 0 || !p.tokens[k - 1].is_word() || !lang.intensifiers.contains(p.token_text(k - 1))
        {
            break;
        }
        factor *= lang.intensifier_factor;
        k -= 1;
    }
    factor
}

/// A marker with its normalized range, for later stages that work in normalized offsets.
pub(crate) struct Located {
    pub norm: (usize, usize),
    pub marker: Marker,
}

/// Finds the lexicon's markers in the prepared text, sorted by start.
pub fn find_markers(prepared: &Prepared<'_>, matcher: &Matcher) -> Vec<Marker> {
    let mut matches: Vec<TermMatch> = Vec::new();
    matcher.find_prepared(prepared, &mut matches);
    locate_markers(prepared, matcher, &matches)
        .into_iter()
        .map(|l| l.marker)
        .collect()
}

/// Whether the match from token `first` to the normalized offset `end`, in sentence
/// `sentence`, sits in a proper name other than its own: a run of capitalized words, each after
/// the one before with only spaces between, of at least `min_words` of them counting the
/// match's own and going on after it ("House Judiciary Committee", not "the Pennsylvania
/// Supreme Court", whose head the cue is), or of two or more joined by a connector
/// ("Department of Health", "Minister of National Defence"). Each side is read for at most
/// [`NAME_REACH`] words, so a run of capitalized cues costs linear time.
fn in_proper_name(
    p: &Prepared<'_>,
    lang: &Lang,
    first: usize,
    end: usize,
    sentence: usize,
) -> bool {
    let Some(s) = p.sentences.get(sentence) else {
        return false;
    };
    let names = &lang.names;
    let word_cap = |k: usize| p.tokens[k].is_word() && p.tokens[k].cap;
    let joined = |a: usize, b: usize| {
        p.norm[p.tokens[a].end()..p.tokens[b].start()]
            .bytes()
            .all(|c| c == b' ')
    };
    let connector = |k: usize| {
        p.tokens[k].is_word() && !p.tokens[k].cap && names.connectors.contains(p.token_text(k))
    };
    let mut last = first;
    while last + 1 < s.end_token && p.tokens[last + 1].end() <= end {
        last += 1;
    }
    let mut count = (first..=last).filter(|&k| word_cap(k)).count();
    let mut linked = false;
    // Leftwards, then rightwards: capitalized words, or a connector with one beyond it.
    let mut k = first;
    while k > s.first_token && first - k < NAME_REACH {
        if word_cap(k - 1) && joined(k - 1, k) {
            count += 1;
            k -= 1;
        } else if k >= s.first_token + 2
            && connector(k - 1)
            && word_cap(k - 2)
            && joined(k - 1, k)
            && joined(k - 2, k - 1)
        {
            count += 1;
            linked = true;
            k -= 2;
        } else {
            break;
        }
    }
    let mut k = last;
    let mut after = 0;
    while k + 1 < s.end_token && k - last < NAME_REACH {
        if word_cap(k + 1) && joined(k, k + 1) {
            count += 1;
            after += 1;
            k += 1;
        } else if k + 2 < s.end_token
            && connector(k + 1)
            && word_cap(k + 2)
            && joined(k, k + 1)
            && joined(k + 1, k + 2)
        {
            count += 1;
            after += 1;
            linked = true;
            k += 2;
        } else {
            break;
        }
    }
    (count >= names.min_words && after > 0) || (linked && count >= 2)
}

/// How many words either side of a frame cue [`in_proper_name`] reads.
const NAME_REACH: usize = 8;

/// Whether a sentence is in title case (a headline): four or more words, three in four of them
/// capitalized. The proper-name rule for frame cues does not apply there.
fn title_case(p: &Prepared<'_>, sentence: usize) -> bool {
    let Some(s) = p.sentences.get(sentence) else {
        return false;
    };
    let (words, caps) = p.tokens[s.first_token..s.end_token]
        .iter()
        .filter(|t| t.is_word())
        .fold((0, 0), |(w, c), t| (w + 1, c + usize::from(t.cap)));
    words >= 4 && 4 * caps >= 3 * words
}

/// Turns the matcher's matches into markers (reporting cues are left to attribution).
pub(crate) fn locate_markers(
    prepared: &Prepared<'_>,
    matcher: &Matcher,
    matches: &[TermMatch],
) -> Vec<Located> {
    let lang = prepared.lang();
    let mut out = Vec::with_capacity(matches.len());
    // Matches come sorted by start: the token and sentence of each are found by moving forward.
    let (mut first, mut sentence) = (0, 0);
    let mut spans = prepared.map.starts();
    // Whether the sentence last asked about is in title case, computed once per sentence.
    let mut title: Option<(usize, bool)> = None;
    for m in matches {
        let entry = matcher.entry(m.entry);
        if entry.category == Category::Report {
            continue;
        }
        while prepared
            .tokens
            .get(first)
            .is_some_and(|t| t.start() < m.start)
        {
            first += 1;
        }
        while prepared
            .sentences
            .get(sentence + 1)
            .is_some_and(|s| s.first_token <= first)
        {
            sentence += 1;
        }
        let sentence_first = prepared
            .sentences
            .get(sentence)
            .map_or(0, |s| s.first_token);
        if entry.lowercase
            && prepared.tokens.get(first).is_some_and(|t| t.cap)
            && first != sentence_first
        {
            continue;
        }
        if entry.category == Category::Frame
            && lang.names.min_words > 0
            && prepared.tokens.get(first).is_some_and(|t| t.cap)
        {
            let is_title = match title {
                Some((s, t)) if s == sentence => t,
                _ => {
                    let t = title_case(prepared, sentence);
                    title = Some((sentence, t));
                    t
                }
            };
            if !is_title && in_proper_name(prepared, lang, first, m.end, sentence) {
                continue;
            }
        }
        let (start, end) = spans.span(m.start, m.end);
        let voice = if prepared.quote_at(m.start, m.end).is_some() {
            Voice::Quoted
        } else {
            Voice::Author
        };
        out.push(Located {
            norm: (m.start, m.end),
            marker: Marker {
                start,
                end,
                text: compact_str::CompactString::new(&prepared.text[start..end]),
                category: entry.category,
                subcategory: entry.subcategory,
                entry: entry.id,
                weight: entry.weight * intensity(prepared, lang, first),
                voice,
                speaker: None,
                negated: negated(prepared, lang, first, sentence_first),
                model: None,
            },
        });
    }
    out
}
