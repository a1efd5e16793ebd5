//! Attribution: who says what, with which reporting verb.
//!
//! Reporting cues come from the lexicon's `report` entries, found in the same automaton pass as
//! the markers. For each cue, local rules over the sentence's tokens find:
//!
//! - the speaker: the phrase right before the cue (`Rouhani said`, `A senior official who asked
//!   not to be named said`), an appositive (`Ali Akbar Salehi, head of ..., said`), or the phrase
//!   after it (`"...," said Mr. Smith`, `according to X`);
//! - the content: a quotation right after the cue (`said, "..."`, `describes it as "..."`), a
//!   quotation right before the speaker that opens the sentence (`"...," he said`), or else the
//!   reported clause (`X said that ...`; `..., X said.`).
//!
//! A quotation is given to one cue only, the nearest that takes it, so in
//! `Trump describes it as the "worst deal ever", Rouhani said.` the phrase is Trump's and the
//! clause around it is Rouhani's. A quotation running over several paragraphs keeps its speaker,
//! and a quotation that opens the next sentence without a cue of its own continues the previous
//! direct quote. Pronoun speakers link to the most recent named speaker.

use std::sync::LazyLock;

use ustr::Ustr;

use crate::analysis::{Attribution, AttributionKind, CueKind, Span, SpeakerType, VerbStance};
use crate::lexicon::{Category, Matcher, TermMatch};
use crate::text::lang::{english, Lang};
use crate::text::tokens::TokenKind;
use crate::text::Prepared;

/// An attribution in normalized offsets, before conversion to spans.
#[derive(Clone, Debug)]
pub(crate) struct RawAttribution {
    pub kind: AttributionKind,
    pub cue: (usize, usize),
    pub entry: Ustr,
    pub cue_kind: CueKind,
    pub stance: VerbStance,
    pub speaker: Option<(usize, usize)>,
    pub speaker_type: Option<SpeakerType>,
    /// Index of the attribution whose named speaker a pronoun refers to.
    pub resolved: Option<usize>,
    /// Content parts (a quotation over several paragraphs has several).
    pub content: Vec<(usize, usize)>,
    pub continued: bool,
}

impl RawAttribution {
    /// The normalized range of the whole content, first part to last.
    pub fn content_range(&self) -> Option<(usize, usize)> {
        Some((self.content.first()?.0, self.content.last()?.1))
    }
}

/// Limits that keep speaker phrases short and the search local.
const MAX_SPEAKER_TOKENS: usize = 14;
const MAX_GAP_TO_QUOTE: usize = 6;
/// Reported clauses are cut to this many tokens, so a run-on "sentence" of a million words
/// cannot make every cue in it carry the whole text.
const MAX_CONTENT_TOKENS: usize = 150;
/// Attributions one sentence may hold. News sentences hold a few; a run-on "sentence" of
/// thousands of cues ("according to according to ...", a table with no full stops) would
/// otherwise give each cue a reported clause of up to `MAX_CONTENT_TOKENS` that overlaps the
/// others', and memory of about a kilobyte per cue.
const MAX_ATTRIBUTIONS_PER_SENTENCE: usize = 16;

struct Ctx<'p, 'a> {
    p: &'p Prepared<'a>,
    lang: &'static Lang,
}

impl Ctx<'_, '_> {
    fn text(&self, i: usize) -> &str {
        self.p.token_text(i)
    }
    fn is_punct(&self, i: usize) -> bool {
        self.p.tokens[i].kind == TokenKind::Punct
    }
    fn punct_in(&self, i: usize, set: &str) -> bool {
        self.is_punct(i) && set.contains(self.text(i))
    }
    fn is_boundary_word(&self, i: usize) -> bool {
        !self.is_punct(i) && self.lang.attribution.boundaries.contains(self.text(i))
    }
    fn cap(&self, i: usize) -> bool {
        self.p.tokens[i].cap && !self.is_punct(i)
    }

    /// Does the cue of entry `id` ending before token `next` stand where its reporting sense
    /// does? Cues in `clause_cues` need a clause after them ("added that ...", not "added
    /// jobs"), `that_cues` need `that`, `to_only_cues` need `to`.
    fn takes_clause(&self, id: &str, next: usize, sent_end: usize) -> bool {
        let a = &self.lang.attribution;
        let word = (next < sent_end).then(|| self.text(next));
        if a.that_cues.contains(id) {
            return word.is_some_and(|w| a.complementizers.contains(w));
        }
        if a.to_only_cues.contains(id) {
            return word == Some("to");
        }
        if !a.clause_cues.contains(id) {
            return true;
        }
        let Some(w) = word else { return true };
        self.is_punct(next)
            || self.cap(next)
            || a.complementizers.contains(w)
            || a.clause_openers.contains(w)
            || a.pronouns.contains(w)
            || (w == "to" && a.to_cues.contains(id))
    }

    /// `his mayoral` before `hopes`: a lowercase phrase that opens with a possessive and whose
    /// last word looks like an adjective is part of a noun phrase, not a speaker.
    fn noun_phrase_not_speaker(&self, s: usize, e: usize) -> bool {
        let a = &self.lang.attribution;
        if e - s < 2 || !a.possessive_pronouns.contains_key(self.text(s)) || self.has_cap(s, e) {
            return false;
        }
        let head = self.text(e - 1);
        let adjective = a
            .adjective_suffixes
            .iter()
            .any(|x| head.ends_with(x.as_str()));
        adjective
            && !(a.anonymous_heads.contains(head)
                || a.collective_heads.contains(head)
                || a.group_heads.contains(head)
                || a.titles.contains(head))
    }

    /// Is `start..end` a plausible speaker phrase?
    fn plausible_speaker(&self, start: usize, end: usize) -> bool {
        if start >= end || end - start > MAX_SPEAKER_TOKENS {
            return false;
        }
        let mut words = (start..end).filter(|&i| !self.is_punct(i));
        let (Some(first), last) = (words.next(), words.next_back()) else {
            return false;
        };
        let one_word = last.is_none();
        let last = last.unwrap_or(first);
        let a = &self.lang.attribution;
        let head = self.text(last);
        if one_word && a.pronouns.contains(head) {
            return true;
        }
        if one_word && self.p.tokens[first].kind == TokenKind::Number {
            return false;
        }
        (start..end).any(|i| self.cap(i))
            || a.anonymous_heads.contains(head)
            || a.collective_heads.contains(head)
            || self.lang.attribution.determiners.contains(self.text(first))
    }

    /// The speaker phrase ending right before token `cue` (skipping auxiliaries and adverbs).
    fn speaker_before(&self, cue: usize, sent_first: usize) -> Option<(usize, usize)> {
        let a = &self.lang.attribution;
        let mut end = cue;
        while end > sent_first && !self.is_punct(end - 1) && a.between.contains(self.text(end - 1))
        {
            end -= 1;
        }
        // "in which he said": a pronoun right before the verb is the speaker.
        if end > sent_first && a.pronouns.contains(self.text(end - 1)) && !self.is_punct(end - 1) {
            return Some((end - 1, end));
        }
        let mut start = end;
        while start > sent_first {
            let t = start - 1;
            if end - t > MAX_SPEAKER_TOKENS {
                break;
            }
            // "Sen. Jane Doe (D-Mo.) said": step over a short parenthesis.
            if self.punct_in(t, ")") {
                let from = t.saturating_sub(8).max(sent_first);
                match (from..t).rev().find(|&k| self.punct_in(k, "(")) {
                    Some(open) => {
                        start = open;
                        continue;
                    }
                    None => break,
                }
            }
            if (self.is_punct(t) && !self.punct_in(t, ".")) || self.is_boundary_word(t) {
                break;
            }
            start -= 1;
        }
        while start < end && self.punct_in(start, ".") {
            start += 1;
        }
        if start == end {
            // ", Ali Akbar Salehi, said" or "Mr. Regalado, 69, said": the nearest segment
            // between commas that holds a name.
            let mut comma = end;
            for _ in 0..3 {
                if comma <= sent_first || !self.punct_in(comma - 1, ",") {
                    return None;
                }
                let (s, e) = self.segment_before(comma - 1, sent_first)?;
                if self.has_cap(s, e) {
                    // ", head of the agency, said": the title's name comes before it.
                    if !self.cap(s) && a.titles.contains(self.text(s)) && s > sent_first + 1 {
                        if let Some((ns, ne)) = self.segment_before(s - 1, sent_first) {
                            if (ns..ne).all(|i| self.cap(i) || self.punct_in(i, ".")) {
                                return Some((ns, ne));
                            }
                        }
                    }
                    return Some((s, e));
                }
                comma = s;
            }
            return None;
        }

        // Strip a leading relative word ("which critics said" -> "critics").
        while start < end && self.lang.attribution.relatives.contains(self.text(start)) {
            start += 1;
        }
        // "Ali Akbar Salehi, head of the agency, said": prefer the name to the title.
        if start < end
            && !self.cap(start)
            && a.titles.contains(self.text(start))
            && start > sent_first + 1
            && self.punct_in(start - 1, ",")
        {
            if let Some((s, e)) = self.segment_before(start - 1, sent_first) {
                if (s..e).all(|i| self.cap(i) || self.punct_in(i, ".")) {
                    return Some((s, e));
                }
            }
        }
        self.plausible_speaker(start, end).then_some((start, end))
    }

    /// The words between the punctuation before `comma` and `comma`.
    fn segment_before(&self, comma: usize, sent_first: usize) -> Option<(usize, usize)> {
        let mut s = comma;
        while s > sent_first && !self.punct_in(s - 1, ",;:()\"'") {
            s -= 1;
            if comma - s > MAX_SPEAKER_TOKENS {
                return None;
            }
        }
        (s < comma).then_some((s, comma))
    }

    /// The capitalized name or pronoun that opens the sentence, before `limit`.
    fn sentence_subject(&self, sf: usize, limit: usize) -> Option<(usize, usize)> {
        let mut s = sf;
        while s < limit && self.punct_in(s, "\"'(") {
            s += 1;
        }
        if s < limit && self.lang.attribution.pronouns.contains(self.text(s)) {
            return Some((s, s + 1));
        }
        // "The Sanders campaign", "The Russians", "Clinton": an optional determiner, capitalized
        // words and at most one lowercase head noun.
        let mut e = s;
        if e < limit && self.lang.attribution.determiners.contains(self.text(e)) {
            e += 1;
        }
        let caps_from = e;
        while e < limit && (self.cap(e) || (e > caps_from && self.punct_in(e, "."))) {
            e += 1;
        }
        if e == caps_from {
            return None;
        }
        if e < limit && !self.is_punct(e) && !self.cap(e) {
            let head = self.text(e);
            let a = &self.lang.attribution;
            if a.anonymous_heads.contains(head)
                || a.collective_heads.contains(head)
                || self.lang.attribution.group_heads.contains(head)
            {
                e += 1;
            }
        }
        (e - s <= 7).then_some((s, e))
    }

    fn has_cap(&self, s: usize, e: usize) -> bool {
        (s..e).any(|i| self.cap(i))
    }

    /// The speaker phrase right after the cue (`said Mr. Smith.`, `according to X,`).
    fn speaker_after(&self, after: usize, sent_end: usize, open: bool) -> Option<(usize, usize)> {
        let mut end = after;
        while end < sent_end {
            if self.is_punct(end) && !self.punct_in(end, ".-'") {
                break;
            }
            if self.punct_in(end, ".") && end + 1 < sent_end && !self.cap(end + 1) {
                break;
            }
            if self.is_boundary_word(end) && !open {
                break;
            }
            end += 1;
            if end - after > MAX_SPEAKER_TOKENS {
                return None;
            }
        }
        while end > after && self.punct_in(end - 1, ".") {
            end -= 1;
        }
        if !open && end < sent_end && !self.punct_in(end, ",.;!?(") {
            return None;
        }
        self.plausible_speaker(after, end).then_some((after, end))
    }

    fn speaker_type(&self, s: usize, e: usize, sent_first: usize) -> SpeakerType {
        let a = &self.lang.attribution;
        let mut words = (s..e).filter(|&i| !self.is_punct(i));
        let (Some(first), last) = (words.next(), words.next_back()) else {
            return SpeakerType::Anonymous;
        };
        let one_word = last.is_none();
        let last = last.unwrap_or(first);
        let head = self.text(last);
        if one_word && a.pronouns.contains(head) {
            return SpeakerType::Pronoun;
        }
        let (ns, ne) = (self.p.tokens[s].start(), self.p.tokens[e - 1].end());
        let phrase = &self.p.norm[ns..ne];
        if a.anonymous_markers
            .iter()
            .any(|m| phrase.contains(m.as_str()))
        {
            return SpeakerType::Anonymous;
        }
        // "Sources said": a capital that only opens the sentence is not a name.
        let name_cap = |i: usize| self.cap(i) && i != sent_first;
        if a.anonymous_heads.contains(head) && !name_cap(last) {
            return SpeakerType::Anonymous;
        }
        if a.collective_heads.contains(head) {
            return SpeakerType::Collective;
        }
        let named = (s..e).any(|i| {
            self.cap(i)
                && !(i == sent_first && self.lang.attribution.determiners.contains(self.text(i)))
        });
        if named {
            SpeakerType::Named
        } else if a.anonymous_heads.contains(head) {
            SpeakerType::Anonymous
        } else if head.ends_with('s') {
            SpeakerType::Collective
        } else {
            SpeakerType::Anonymous
        }
    }

    /// Trims punctuation (and closing quotes) from both ends of a token range, and keeps at most
    /// [`MAX_CONTENT_TOKENS`] of it (from the side next to the cue, `keep_start`).
    fn trim_near(&self, s: usize, e: usize, keep_start: bool) -> Option<(usize, usize)> {
        let (s, e) = if e - s.min(e) > MAX_CONTENT_TOKENS {
            if keep_start {
                (s, s + MAX_CONTENT_TOKENS)
            } else {
                (e - MAX_CONTENT_TOKENS, e)
            }
        } else {
            (s, e)
        };
        self.trim(s, e)
    }

    /// Trims punctuation (and closing quotes) from both ends of a token range.
    fn trim(&self, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
        while s < e && self.punct_in(s, ",:;-") {
            s += 1;
        }
        while e > s && self.punct_in(e - 1, ",.;:!?-") {
            e -= 1;
        }
        (s < e).then(|| (self.p.tokens[s].start(), self.p.tokens[e - 1].end()))
    }
}

/// Outermost quote regions, grouped so that the parts of one quotation are found together.
struct Quotes {
    /// (start, end, content_start, content_end, quotation) of each outermost region.
    regions: Vec<(usize, usize, usize, usize, usize)>,
    claimed: Vec<bool>,
}

impl Quotes {
    fn new(p: &Prepared<'_>) -> Self {
        let regions: Vec<_> = p
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| (q.start, q.end, q.content_start, q.content_end, q.quotation))
            .collect();
        let claimed = vec![false; regions.len()];
        Quotes { regions, claimed }
    }

    /// Claims region `i` and every other part of its quotation; returns their content ranges.
    fn claim(&mut self, i: usize) -> Vec<(usize, usize)> {
        let quotation = self.regions[i].4;
        let mut parts = Vec::new();
        // Parts of one quotation are adjacent in the sorted list.
        let mut k = i;
        while k > 0 && self.regions[k - 1].4 == quotation {
            k -= 1;
        }
        while k < self.regions.len() && self.regions[k].4 == quotation {
            self.claimed[k] = true;
            parts.push((self.regions[k].2, self.regions[k].3));
            k += 1;
        }
        parts
    }

    /// The first region starting at or after `pos` (normalized offset), if it is unclaimed.
    /// Only the nearest region counts: a quotation must be next to its cue.
    fn first_from(&self, pos: usize) -> Option<usize> {
        let i = self.regions.partition_point(|r| r.0 < pos);
        (i < self.regions.len() && !self.claimed[i]).then_some(i)
    }

    /// The last region ending at or before `pos`, if it is unclaimed.
    fn last_before(&self, pos: usize) -> Option<usize> {
        let i = self.regions.partition_point(|r| r.1 <= pos);
        i.checked_sub(1).filter(|&k| !self.claimed[k])
    }
}

/// Token and sentence lookups for offsets given in increasing order: forward steps instead of a
/// binary search per cue.
#[derive(Default)]
struct Walk {
    token: usize,
    sentence: usize,
}

impl Walk {
    /// The first token starting at or after `pos` (as `Prepared::token_at`).
    fn token_at(&mut self, p: &Prepared<'_>, pos: usize) -> usize {
        while p.tokens.get(self.token).is_some_and(|t| t.start() < pos) {
            self.token += 1;
        }
        self.token
    }

    /// The sentence holding token `t` (the number of sentences when `t` is past the end).
    fn sentence_of(&mut self, p: &Prepared<'_>, t: usize) -> usize {
        while p
            .sentences
            .get(self.sentence)
            .is_some_and(|s| s.end_token <= t)
        {
            self.sentence += 1;
        }
        self.sentence
    }
}

/// What the attribution pass finds.
pub(crate) struct Found {
    pub attributions: Vec<RawAttribution>,
    /// Sentences with at least one attribution.
    pub cue_sentences: usize,
    /// Short quotations (1 to 4 words) with no speaker and no reporting cue in their sentence:
    /// (start, end) of the region, quote marks included.
    pub scare_quotes: Vec<(usize, usize)>,
}

/// The most words a quotation may have and still count as a scare quote.
const SCARE_QUOTE_MAX_WORDS: usize = 4;

/// Finds attributions in the prepared text, given the matcher's matches (all categories).
pub(crate) fn find_attributions(
    p: &Prepared<'_>,
    matcher: &Matcher,
    matches: &[TermMatch],
) -> Found {
    let ctx = Ctx { p, lang: english() };
    let mut quotes = Quotes::new(p);
    let mut out: Vec<RawAttribution> = Vec::new();
    let cues: Vec<&TermMatch> = matches
        .iter()
        .filter(|m| matcher.entry(m.entry).category == Category::Report)
        .collect();
    // Sentences holding any reporting cue (a quotation there has a speaker nearby).
    let mut walk = Walk::default();
    let mut cue_sentence_ids: Vec<usize> = cues
        .iter()
        .map(|m| {
            let t = walk.token_at(p, m.start);
            walk.sentence_of(p, t)
        })
        .collect();
    cue_sentence_ids.dedup();
    let mut cue_sentences = 0usize;
    let mut last_sentence = usize::MAX;
    // (sentence, attributions found in it so far)
    let mut in_sentence = (usize::MAX, 0);
    let mut walk = Walk::default();
    for m in cues {
        let entry = matcher.entry(m.entry);
        let first = walk.token_at(p, m.start);
        let si = walk.sentence_of(p, first);
        let mut end = first;
        while p.tokens.get(end).is_some_and(|t| t.start() < m.end) {
            end += 1;
        }
        if first >= end || end > p.tokens.len() {
            continue;
        }
        let Some(sent) = p.sentences.get(si) else {
            continue;
        };
        if entry.lowercase && p.tokens[first].cap && sent.first_token != first {
            continue;
        }
        if in_sentence.0 == si && in_sentence.1 >= MAX_ATTRIBUTIONS_PER_SENTENCE {
            continue;
        }
        // A reporting verb inside a quotation is part of the quoted speaker's words.
        if p.quote_at(m.start, m.end).is_some() {
            continue;
        }
        let (sf, se) = (sent.first_token, sent.end_token);
        let stance = entry
            .subcategory
            .as_deref()
            .and_then(VerbStance::parse)
            .unwrap_or(VerbStance::Neutral);
        let according = &*entry.id == "report.according_to";
        let mut cue_kind = entry
            .kind
            .as_deref()
            .and_then(CueKind::parse)
            .unwrap_or(CueKind::Speech);
        // "the proposed resolution", "Moscow's claims": a noun or adjective, not a verb of saying;
        // a noun of saying ("her claim that ...") is a nominal cue.
        let mut possessor = None;
        if !according && first > sf {
            let prev = ctx.text(first - 1);
            let possessive = prev == "s" && first >= 2 && ctx.punct_in(first - 2, "'");
            if ctx.lang.attribution.determiners.contains(prev) || prev.ends_with("'s") || possessive
            {
                if end - first != 1 || !ctx.lang.attribution.nominal_cues.contains(ctx.text(first))
                {
                    continue;
                }
                cue_kind = CueKind::Nominal;
                possessor = if possessive {
                    ctx.speaker_before(first - 2, sf)
                } else if ctx.lang.attribution.possessive_pronouns.contains_key(prev) {
                    Some((first - 1, first))
                } else {
                    None
                };
            }
        }
        if !according && cue_kind != CueKind::Nominal && !ctx.takes_clause(&entry.id, end, se) {
            continue;
        }
        let speaker;
        let mut kind = AttributionKind::Indirect;
        let mut content: Vec<(usize, usize)> = Vec::new();
        if cue_kind == CueKind::Nominal {
            // A nominal cue needs a that-clause or a quotation right after it; a possessive names
            // its speaker.
            let that = end < se && ctx.lang.attribution.complementizers.contains(ctx.text(end));
            let quote = quotes
                .first_from(p.tokens.get(end).map_or(usize::MAX, |t| t.start()))
                .filter(|&q| {
                    let qtok = p.token_at(quotes.regions[q].0);
                    qtok < se && qtok >= end && qtok - end <= 1
                });
            speaker = possessor;
            if let Some(q) = quote {
                kind = AttributionKind::Direct;
                content = quotes.claim(q);
            } else if that {
                if let Some(r) = ctx.trim_near(end + 1, se, true) {
                    content.push(r);
                }
            } else {
                continue;
            }
        } else if according {
            speaker = ctx.speaker_after(end, se, true);
            kind = AttributionKind::AccordingTo;
            let before = ctx.trim_near(sf, first, false);
            let after = speaker.and_then(|(_, e)| ctx.trim_near(e, se, true));
            if let Some(r) = before.or(after) {
                content.push(r);
            }
        } else {
            let participle = ctx.text(end - 1).ends_with("ing");
            let after_comma = first > sf && ctx.punct_in(first - 1, ",");
            let pre = if participle && after_comma {
                // "Trump attacked her on Tuesday, saying ...": the subject opens the sentence.
                ctx.sentence_subject(sf, first)
            } else {
                ctx.speaker_before(first, sf)
            };
            // Inverted order only right after a quotation, a comma or at the sentence start:
            // `"...," said Mr. Smith.`
            let inverted = first == sf || ctx.punct_in(first - 1, ",\"':");
            let post = if pre.is_none() && inverted && !participle {
                ctx.speaker_after(end, se, false)
            } else {
                None
            };
            speaker = pre
                .or(post)
                .filter(|&(s, e)| !ctx.noun_phrase_not_speaker(s, e));
            if speaker.is_none() {
                continue;
            }
            let after_cue = post.map_or(end, |(_, e)| e);
            // A quotation right after the cue (or after the inverted speaker).
            let after_quote = quotes
                .first_from(p.tokens.get(after_cue).map_or(usize::MAX, |t| t.start()))
                .filter(|&q| {
                    let qtok = p.token_at(quotes.regions[q].0);
                    qtok < se
                        && qtok >= after_cue
                        && qtok - after_cue <= MAX_GAP_TO_QUOTE
                        && (after_cue..qtok).all(|i| !ctx.punct_in(i, ".!?"))
                });
            // A quotation right before the speaker (or before the cue), opening the sentence.
            let lead = pre.map_or(first, |(s, _)| s);
            let before_quote = quotes.last_before(p.tokens[lead].start()).filter(|&q| {
                let r = quotes.regions[q];
                let qend_tok = p.token_at(r.1);
                let qstart_tok = p.token_at(r.0);
                (qend_tok..lead).all(|i| ctx.is_punct(i))
                    && (qstart_tok <= sf || (sf..qstart_tok).all(|i| ctx.is_punct(i)))
            });
            if let Some(q) = after_quote.filter(|_| pre.is_some() || before_quote.is_none()) {
                kind = AttributionKind::Direct;
                content = quotes.claim(q);
            } else if let Some(q) = before_quote {
                kind = AttributionKind::Direct;
                content = quotes.claim(q);
            } else {
                let mut cs = after_cue;
                if &*entry.id == "report.tell" {
                    cs = skip_addressee(&ctx, cs, se);
                }
                if cs < se && ctx.lang.attribution.complementizers.contains(ctx.text(cs)) {
                    cs += 1;
                }
                let after = ctx.trim_near(cs, se, true);
                let before = ctx.trim_near(sf, speaker.map_or(first, |(s, _)| s.min(first)), false);
                let trailing = after.is_none() || (post.is_some() && before.is_some());
                if let Some(r) = if trailing { before } else { after } {
                    content.push(r);
                }
            }
        }
        if si != last_sentence {
            cue_sentences += 1;
            last_sentence = si;
        }
        in_sentence = if in_sentence.0 == si {
            (si, in_sentence.1 + 1)
        } else {
            (si, 1)
        };
        let speaker_type = speaker.map(|(s, e)| ctx.speaker_type(s, e, sf));
        out.push(RawAttribution {
            kind,
            cue: (m.start, m.end),
            entry: entry.id,
            cue_kind,
            stance,
            speaker: speaker.map(|(s, e)| (p.tokens[s].start(), p.tokens[e - 1].end())),
            speaker_type,
            resolved: None,
            content,
            continued: false,
        });
    }
    colon_quotes(&ctx, &mut quotes, &mut out);
    continue_quotations(p, &mut quotes, &mut out);
    resolve_pronouns(p, &mut out);
    let mut scare_quotes = Vec::new();
    for (q, &(start, end, cs, ce, _)) in quotes.regions.iter().enumerate() {
        if quotes.claimed[q] {
            continue;
        }
        let (a, b) = (p.token_at(cs), p.token_at(ce));
        let words = (a..b.min(p.tokens.len()))
            .filter(|&i| p.tokens[i].is_word())
            .count();
        if words == 0 || words > SCARE_QUOTE_MAX_WORDS {
            continue;
        }
        let si = p.sentences.partition_point(|s| s.end_token <= a);
        if cue_sentence_ids.binary_search(&si).is_err() {
            scare_quotes.push((start, end));
        }
    }
    Found {
        attributions: out,
        cue_sentences,
        scare_quotes,
    }
}

/// The entry id of attributions cued by a colon before a quotation (`Trump: "..."`).
pub const COLON_ENTRY: &str = "report.colon";

/// [`COLON_ENTRY`], interned once.
static COLON: LazyLock<Ustr> = LazyLock::new(|| Ustr::from(COLON_ENTRY));

/// `The minister put it plainly: "..."` and `Trump: "..."`: a colon between a speaker and a
/// quotation is a cue of its own.
fn colon_quotes(ctx: &Ctx<'_, '_>, quotes: &mut Quotes, out: &mut Vec<RawAttribution>) {
    let p = ctx.p;
    for q in 0..quotes.regions.len() {
        if quotes.claimed[q] {
            continue;
        }
        let qtok = p.token_at(quotes.regions[q].0);
        if qtok == 0 || !ctx.punct_in(qtok - 1, ":") {
            continue;
        }
        let colon = qtok - 1;
        let si = p.sentences.partition_point(|s| s.end_token <= colon);
        let Some(sent) = p.sentences.get(si) else {
            continue;
        };
        let sf = sent.first_token;
        let Some((s, e)) = ctx
            .sentence_subject(sf, colon)
            .or_else(|| ctx.speaker_before(colon, sf))
        else {
            continue;
        };
        let content = quotes.claim(q);
        let t = &p.tokens[colon];
        out.push(RawAttribution {
            kind: AttributionKind::Direct,
            cue: (t.start(), t.end()),
            entry: *COLON,
            cue_kind: CueKind::Speech,
            stance: VerbStance::Neutral,
            speaker: Some((p.tokens[s].start(), p.tokens[e - 1].end())),
            speaker_type: Some(ctx.speaker_type(s, e, sent.first_token)),
            resolved: None,
            content,
            continued: false,
        });
    }
    out.sort_by_key(|a| (a.cue.0, a.content_range().map_or(0, |c| c.0)));
}

/// Skips the addressee after "told" ("told reporters", "told the BBC").
fn skip_addressee(ctx: &Ctx<'_, '_>, start: usize, end: usize) -> usize {
    let rest = ctx
        .p
        .tokens
        .get(start)
        .map_or("", |t| &ctx.p.norm[t.start()..]);
    for a in &ctx.lang.attribution.addressees {
        if rest.starts_with(a.as_str()) && rest[a.len()..].starts_with([' ', ',', '.']) {
            return (start..end)
                .find(|&i| ctx.p.tokens[i].start() >= ctx.p.tokens[start].start() + a.len())
                .unwrap_or(end);
        }
    }
    let mut i = start;
    if i < end && ctx.lang.attribution.determiners.contains(ctx.text(i)) {
        i += 1;
    }
    let caps = (i..end).take_while(|&k| ctx.cap(k)).count();
    if caps > 0 {
        i + caps
    } else {
        start
    }
}

/// A quotation that opens a sentence right after a direct quote, with no cue of its own,
/// continues that quote's attribution.
fn continue_quotations(p: &Prepared<'_>, quotes: &mut Quotes, out: &mut Vec<RawAttribution>) {
    let mut extra = Vec::new();
    let mut last_direct: Option<usize> = None;
    let mut next_attr = 0;
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].content_range().map_or(out[i].cue.0, |c| c.0));
    for q in 0..quotes.regions.len() {
        let (qs, ..) = quotes.regions[q];
        while next_attr < order.len()
            && out[order[next_attr]]
                .content_range()
                .map_or(out[order[next_attr]].cue.0, |c| c.0)
                < qs
        {
            let a = &out[order[next_attr]];
            last_direct = (a.kind == AttributionKind::Direct).then_some(order[next_attr]);
            next_attr += 1;
        }
        if quotes.claimed[q] {
            continue;
        }
        let Some(prev) = last_direct else { continue };
        let tok = p.token_at(qs);
        if !p.starts_sentence(tok) {
            last_direct = None;
            continue;
        }
        // Only the next sentence or paragraph: no cue between the two quotations.
        let prev_end = out[prev].content_range().map_or(0, |c| c.1);
        let gap_sentences = p.sentences.partition_point(|s| s.start < qs)
            - p.sentences.partition_point(|s| s.start <= prev_end);
        if gap_sentences > 0 {
            last_direct = None;
            continue;
        }
        let parts = quotes.claim(q);
        let mut a = out[prev].clone();
        a.content = parts;
        a.continued = true;
        extra.push(a);
    }
    out.extend(extra);
    out.sort_by_key(|a| (a.cue.0, a.content_range().map_or(0, |c| c.0)));
}

/// Links pronoun speakers to the most recent named speaker before them.
fn resolve_pronouns(p: &Prepared<'_>, out: &mut [RawAttribution]) {
    let mut last_named: Option<usize> = None;
    let mut last_group: Option<usize> = None;
    for (i, a) in out.iter_mut().enumerate() {
        match a.speaker_type {
            Some(SpeakerType::Named) => {
                last_named = Some(i);
                last_group = Some(i);
            }
            Some(SpeakerType::Collective) => last_group = Some(i),
            Some(SpeakerType::Pronoun) => {
                let word = a.speaker.map_or("", |(s, e)| &p.norm[s..e]);
                a.resolved = match word {
                    "he" | "she" | "it" => last_named,
                    "they" => last_group,
                    _ => None,
                };
            }
            _ => {}
        }
    }
}

/// Converts attributions from normalized ranges to spans of the original text.
pub(crate) fn to_attributions(p: &Prepared<'_>, raw: &[RawAttribution]) -> Vec<Attribution> {
    let span = |(s, e): (usize, usize)| {
        let (a, b) = p.span(s, e);
        Span::of(p.text, a, b)
    };
    raw.iter()
        .map(|r| {
            let speaker = r.speaker.map(span);
            let resolved_speaker = r
                .resolved
                .and_then(|i| raw.get(i))
                .and_then(|a| a.speaker)
                .map(span);
            let speaker_name = match r.speaker_type {
                Some(SpeakerType::Pronoun) => resolved_speaker.as_ref().map(|s| s.text.clone()),
                Some(_) => speaker.as_ref().map(|s| s.text.clone()),
                None => None,
            };
            Attribution {
                kind: r.kind,
                cue: span(r.cue),
                entry: r.entry,
                cue_kind: r.cue_kind,
                speaker,
                speaker_type: r.speaker_type,
                content: r.content_range().map(span),
                verb_stance: r.stance,
                resolved_speaker,
                speaker_name,
                continued: r.continued,
            }
        })
        .collect()
}
