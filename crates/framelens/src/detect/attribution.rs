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

use std::ops::Range;
use std::sync::LazyLock;

use ustr::Ustr;

use crate::analysis::{Attribution, AttributionKind, CueKind, Span, SpeakerType, VerbStance};
use crate::lexicon::{Category, Matcher, TermMatch};
use crate::text::lang::Lang;
use crate::text::tokens::{push_paced, TokenKind};
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
    /// Index (in the found list) of the attribution whose content holds this cue.
    pub parent: Option<usize>,
    /// A participle cue after a comma whose speaker is the sentence's subject ("..., adding
    /// that ..."): a second cue of the same speaker, not a cue inside the first one's content.
    pub participle: bool,
}

impl RawAttribution {
    /// The normalized range of the whole content, first part to last.
    pub fn content_range(&self) -> Option<(usize, usize)> {
        Some((self.content.first()?.0, self.content.last()?.1))
    }
}

/// Limits that keep speaker phrases short and the search local.
const MAX_SPEAKER_TOKENS: usize = 14;
/// Punctuation that sets reported speech off from a speaker and cue after it.
const SET_OFF: &str = ",;:-\u{2013}\u{2014}\"'\u{201d}\u{2019}";
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
            || (self.cap(next) && !self.possessive_at(next, sent_end))
            || a.complementizers.contains(w)
            || a.clause_openers.contains(w)
            || a.pronouns.contains(w)
            || (w == "to" && a.to_cues.contains(id))
    }

    /// Is the word at `i` a possessive ("Estavia's", "Estavia ' s")? After a cue it opens a
    /// noun phrase, the cue's object ("threatens Estavia's farms"), not a clause's subject.
    fn possessive_at(&self, i: usize, sent_end: usize) -> bool {
        self.text(i).ends_with("'s")
            || (i + 2 < sent_end && self.punct_in(i + 1, "'") && self.text(i + 2) == "s")
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
        if self.not_a_noun_phrase(start, end, first, last, one_word) {
            return false;
        }
        let sp = &self.lang.speakers;
        let opener = self.text(first);
        if !one_word && !sp.person_heads.is_empty() && sp.indefinite.contains(opener) {
            // "a dry weather | forecast", "a bombshell | report": an indefinite phrase with no
            // noun of a speaker, no capitalized word and no anonymity phrase in it is a noun
            // phrase before a noun taken for a cue.
            let speaker_word = (first + 1..end).any(|i| {
                !self.is_punct(i)
                    && (self.cap(i) || super::speaker::speaker_noun(self.lang, self.text(i)))
            });
            if !speaker_word && !super::speaker::anonymity_phrase(self.p, self.lang, start, end) {
                return false;
            }
        }
        // The head before a post-modifier: "people | familiar with the matter".
        let head = super::speaker::head(self.p, self.lang, start, end).map_or(last, |(h, _)| h);
        let head = self.text(head);
        if one_word && a.pronouns.contains(head) {
            return true;
        }
        if one_word && self.p.tokens[first].kind == TokenKind::Number {
            return false;
        }
        (start..end).any(|i| self.cap(i))
            || a.anonymous_heads.contains(head)
            || a.collective_heads.contains(head)
            // A bare role noun, languages without articles: «заявил министр обороны».
            || (start..end).any(|i| self.lang.speakers.role_heads.contains(self.text(i)))
            || self.lang.attribution.determiners.contains(self.text(first))
    }

    /// Does `start..end` (its first and last words `first`, `last`) run over a clause
    /// boundary, and so name no speaker? It does when an auxiliary or modal no relative word
    /// precedes stands in it ("people in the industry are | growing worried"), when it ends
    /// with a word no noun phrase ends with ("pledged to | seek", "the people who | seem"),
    /// opens with a preposition ("to employees about ...") or holds a question word ("what
    /// people think"), when a subject pronoun opens a longer phrase or stands inside one ("I
    /// think people who | want", "the plan she | drafted"), when it is the generic "one"
    /// ("one might think") or ends with a number.
    fn not_a_noun_phrase(
        &self,
        start: usize,
        end: usize,
        first: usize,
        last: usize,
        one_word: bool,
    ) -> bool {
        let a = &self.lang.attribution;
        if a.speaker_never_last.contains(self.text(last))
            || a.speaker_never_first.contains(self.text(first))
            || (one_word && self.text(first) == "one")
            || self.p.tokens[last].kind == TokenKind::Number
        {
            return true;
        }
        let mut relative = false;
        for i in (start..end).filter(|&i| !self.is_punct(i)) {
            let w = self.text(i);
            if a.relatives.contains(w) && i != first {
                relative = true;
            }
            // A capitalized pronoun inside a phrase is a name, and "IT" an acronym ("IT staff").
            let pronoun = !one_word
                && a.pronouns.contains(w)
                && (i == first || !self.cap(i))
                && !super::speaker::acronym(self.p, i);
            if a.speaker_never_inside.contains(w)
                || (!relative && a.clause_verbs.contains(w))
                || pronoun
            {
                return true;
            }
        }
        false
    }

    /// Does token `i` end like a participle (`Attribution::participle_endings`)?
    fn participle(&self, i: usize) -> bool {
        let w = self.text(i);
        let endings = &self.lang.attribution.participle_endings;
        endings.iter().any(|x| w.ends_with(x.as_str()))
    }

    /// Is token `i` a lowercase manner adverb (see `Attribution::adverb_endings`)?
    fn manner_adverb(&self, i: usize) -> bool {
        let a = &self.lang.attribution;
        let w = self.text(i);
        !self.p.tokens[i].cap
            && w.chars().count() >= 5
            && a.adverb_endings.iter().any(|x| w.ends_with(x.as_str()))
            && !a.not_adverbs.contains(w)
    }

    /// The speaker phrase ending right before token `cue` (skipping auxiliaries and adverbs).
    fn speaker_before(&self, cue: usize, sent_first: usize) -> Option<(usize, usize)> {
        self.speaker_before_from(cue, sent_first, sent_first)
    }

    /// [`Ctx::speaker_before`], the phrase starting at token `floor` at the earliest: after
    /// an earlier cue of the sentence ("sources say | Estavia's negotiators never intended
    /// ..."), whose content this cue's attribution is part of.
    fn speaker_before_from(
        &self,
        cue: usize,
        sent_first: usize,
        floor: usize,
    ) -> Option<(usize, usize)> {
        let a = &self.lang.attribution;
        let mut end = cue;
        while end > sent_first
            && !self.is_punct(end - 1)
            && (a.between.contains(self.text(end - 1)) || self.manner_adverb(end - 1))
        {
            end -= 1;
        }
        // "in which he said": a pronoun right before the verb is the speaker.
        if end > sent_first && a.pronouns.contains(self.text(end - 1)) && !self.is_punct(end - 1) {
            return Some((end - 1, end));
        }
        let mut start = end;
        while start > floor.max(sent_first) {
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
            // 'Estavian "experts" have claimed': step over a scare-quoted word or three (in
            // double quotation marks: a single one may be an apostrophe, and headlines quote
            // with single marks, "Estavia's 'water crisis' claims questioned").
            if let Some((open, _)) = super::speaker::scare_quote_marks(self.p, t)
                .filter(|&(open, close)| close == t && open >= sent_first)
            {
                start = open;
                continue;
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

    /// A reporting cue starts within [`MAX_GAP_TO_QUOTE`] tokens after `end` (a normalized
    /// offset just past a closing quote mark), with only punctuation or a speaker's words between
    /// and no sentence end: `"Yes We Can," he said`. `cues` are sorted by start.
    fn cue_follows(&self, cues: &[&TermMatch], end: usize) -> bool {
        let next = cues.partition_point(|m| m.start < end);
        let Some(cue) = cues.get(next) else {
            return false;
        };
        let (from, to) = (self.p.token_at(end), self.p.token_at(cue.start));
        to >= from && to - from <= MAX_GAP_TO_QUOTE && (from..to).all(|i| !self.punct_in(i, ".!?"))
    }

    /// The tokens of the quoted stretch `cs..ce` (normalized offsets) when it holds one to
    /// `most` words and no sentence punctuation, as a name or a title does.
    fn short_quotation(&self, cs: usize, ce: usize, most: usize) -> Option<Range<usize>> {
        let (a, b) = (
            self.p.token_at(cs),
            self.p.token_at(ce).min(self.p.tokens.len()),
        );
        let mut words = 0;
        for i in a..b {
            if !self.is_punct(i) {
                words += 1;
                if words > most {
                    return None;
                }
            } else if self.punct_in(i, ".!?;:؟") {
                return None;
            }
        }
        (words > 0).then_some(a..b)
    }

    /// Is the quoted stretch `cs..ce` (normalized offsets) a title ("The Long Road Home",
    /// "Apollo 13")? Two to ten words, each capitalized or a number, except small words inside
    /// (`title_small_words`), and no sentence punctuation. In a pack with
    /// `sentence_case_titles`, one to [`SENTENCE_CASE_TITLE_WORDS`] words of which the first is
    /// capitalized («Газпром», «Слуга народа»), after a word (no complementizer), a number or a
    /// comma, or opening its sentence before a lowercase word.
    fn title_like(&self, cs: usize, ce: usize) -> bool {
        let sentence_case = self.lang.attribution.sentence_case_titles;
        let most = if sentence_case {
            SENTENCE_CASE_TITLE_WORDS
        } else {
            10
        };
        let Some(Range { start: a, end: b }) = self.short_quotation(cs, ce, most) else {
            return false;
        };
        let mut words = (a..b).filter(|&i| !self.is_punct(i));
        if sentence_case {
            // A sentence-case name sits inside a sentence, after a word, a number or a comma
            // («в «Газпроме»», «2С1 «Гвоздика»»): after a colon, a dash or a sentence end, a
            // quotation that opens with a capital is speech.
            // After a complementizer («заявил, что «НАТО сохранило единство»») it is a clause.
            // At a sentence start it is a name when a lowercase word follows it («Газпром»
            // сократил поставки) or a comma and another quotation («Град», «Ураган» и ...);
            // speech there goes on with `, —`, `—` or `, пишет`.
            let inside = || {
                a.checked_sub(2).is_some_and(|i| {
                    (!self.is_punct(i) || self.punct_in(i, ","))
                        && !self.lang.attribution.complementizers.contains(self.text(i))
                })
            };
            let subject = || {
                let open = a.wrapping_sub(1);
                let si = self.p.sentences.partition_point(|s| s.end_token <= open);
                let next = self.p.tokens.get(b + 1);
                let list = next.is_some()
                    && self.punct_in(b + 1, ",")
                    && b + 2 < self.p.tokens.len()
                    && self.punct_in(b + 2, "\"'");
                self.p
                    .sentences
                    .get(si)
                    .is_some_and(|s| s.first_token == open)
                    && (next.is_some_and(|t| t.kind == TokenKind::Word && !t.cap) || list)
            };
            return (inside() || subject()) && words.next().is_some_and(|i| self.cap(i));
        }
        let small = |i: usize| {
            i != a
                && self
                    .lang
                    .attribution
                    .title_small_words
                    .contains(self.text(i))
        };
        words.clone().count() >= 2
            && words.all(|i| {
                let t = &self.p.tokens[i];
                t.cap || t.kind == TokenKind::Number || small(i)
            })
    }

    /// Is the quoted stretch `cs..ce` (normalized offsets) a name that a noun of `name_nouns`
    /// introduces (`the tanker "Orion"`, «صحيفة "الفجر"»)? The noun stands right before the
    /// opening quote mark (in a caseless script, possibly after a clitic prefix); the quotation
    /// has no sentence punctuation and, in a caseless script, one to
    /// [`SENTENCE_CASE_TITLE_WORDS`] words, in a cased one a single capitalized word.
    fn named_by_noun(&self, cs: usize, ce: usize) -> bool {
        let script = &self.lang.script;
        // In a cased script a name of two or more capitalized words is a title already
        // (`title_like`), and a capitalized quotation of several words after a noun is as
        // likely speech ("told the newspaper "We will not back down"").
        let most = if script.caseless {
            SENTENCE_CASE_TITLE_WORDS
        } else {
            1
        };
        let Some(range) = self.short_quotation(cs, ce, most) else {
            return false;
        };
        let Some(mut before) = range.start.checked_sub(2) else {
            return false;
        };
        if self.is_punct(before) || !self.punct_in(before + 1, "\"'") {
            return false;
        }
        // Up to two adjectives of the noun before the quotation («الصحيفة الأمريكية "...").
        for _ in 0..NAME_ADJECTIVES {
            if before == 0 || self.is_punct(before - 1) || !self.name_adjective(before) {
                break;
            }
            before -= 1;
        }
        let nouns = &self.lang.attribution.name_nouns;
        let noun = self.text(before);
        let named = nouns.contains(noun)
            || (script.caseless
                && script.clitics.iter().any(|c| {
                    noun.strip_prefix(c.as_str())
                        .is_some_and(|rest| nouns.contains(rest))
                }));
        named
            && (script.caseless
                || range
                    .clone()
                    .find(|&i| !self.is_punct(i))
                    .is_some_and(|i| self.cap(i)))
    }

    /// Has token `i` the shape of an adjective between a name noun and its name
    /// (`name_adjective_prefixes`, `name_adjective_endings`)?
    fn name_adjective(&self, i: usize) -> bool {
        let a = &self.lang.attribution;
        let word = self.text(i);
        a.name_adjective_prefixes.iter().any(|p| {
            word.strip_prefix(p.as_str()).is_some_and(|rest| {
                a.name_adjective_endings.iter().any(|e| {
                    rest.chars().count() > e.chars().count() + 1 && rest.ends_with(e.as_str())
                })
            })
        })
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
        super::speaker::speaker_type(self.p, self.lang, s, e, sent_first)
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
    /// Short quotations (1 to 4 words) with no speaker and no reporting cue in their sentence
    /// outside them: (start, end) of the region, quote marks included.
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
    let ctx = Ctx { p, lang: p.lang() };
    let mut quotes = Quotes::new(p);
    let mut out: Vec<RawAttribution> = Vec::new();
    let cues: Vec<&TermMatch> = matches
        .iter()
        .filter(|m| matcher.entry(m.entry).category == Category::Report)
        .collect();
    // A quoted title ("The Long Road Home") is nobody's words: no cue takes it, and it is no
    // scare quote. A cue right after the quotation wins: `"Yes We Can," he said` is speech.
    // Quotation numbers run from 0; parts[n] is the number of parts of quotation n (counted once:
    // counting per region was quadratic in the number of quotes).
    let mut parts = vec![0u32; p.quotes.iter().map(|x| x.quotation + 1).max().unwrap_or(0)];
    for x in &p.quotes {
        parts[x.quotation] += 1;
    }
    for (q, r) in quotes.regions.iter().enumerate() {
        let single = parts.get(r.4) == Some(&1);
        if single
            && (ctx.title_like(r.2, r.3) || ctx.named_by_noun(r.2, r.3))
            && !ctx.cue_follows(&cues, r.1)
        {
            quotes.claimed[q] = true;
        }
    }
    // The sentence and start of each reporting cue, in text order: a quotation in a sentence
    // with a cue outside it has a speaker nearby (a cue word inside it, as in `the "plan"
    // failed`, introduces nobody's words).
    let mut walk = Walk::default();
    let cue_sentence_ids: Vec<(usize, usize)> = cues
        .iter()
        .map(|m| {
            let t = walk.token_at(p, m.start);
            (walk.sentence_of(p, t), m.start)
        })
        .collect();
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
        // «— Мы не отступим, — заявил министр»: a cue right after a dialogue dash reports the
        // speech before it, its speaker after it, and needs no clause.
        let after_dash = ctx.lang.dash_speech && first > sf && ctx.punct_in(first - 1, "-");
        if !according
            && !after_dash
            && cue_kind != CueKind::Nominal
            && !ctx.takes_clause(&entry.id, end, se)
        {
            continue;
        }
        let speaker;
        let mut participle_cue = false;
        let mut kind = AttributionKind::Indirect;
        let mut content: Vec<(usize, usize)> = Vec::new();
        if cue_kind == CueKind::Nominal {
            // A nominal cue needs a that-clause or a quotation right after it; a possessive names
            // its speaker.
            // "a claim that is false": `that` with an auxiliary right after it opens a relative
            // clause about the noun, not the content of a claim (a that-clause has a subject).
            let that = end < se
                && ctx.lang.attribution.complementizers.contains(ctx.text(end))
                && !(end + 1 < se
                    && ctx
                        .lang
                        .attribution
                        .clause_verbs
                        .contains(ctx.text(end + 1)));
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
            let participle = ctx.participle(first) || ctx.participle(end - 1);
            let after_comma = first > sf && ctx.punct_in(first - 1, ",");
            // "Huckabee's campaign said ... and suggested ...": a reporting verb joined to an
            // earlier one of the sentence shares its speaker.
            let coordinated = !participle
                && first > sf + 1
                && ctx
                    .lang
                    .attribution
                    .coordinators
                    .contains(ctx.text(first - 1));
            let sentence_start = p.tokens[sf].start();
            // The speaker of the sentence's latest earlier cue that has one (token indices).
            let earlier_speaker = || {
                out.iter()
                    .rev()
                    .take_while(|a| a.cue.0 >= sentence_start)
                    .find_map(|a| a.speaker)
                    .map(|(s, e)| (p.token_at(s), p.token_at(e)))
            };
            let shared = coordinated.then(earlier_speaker).flatten();
            let pre = if participle && after_comma {
                // "Trump attacked her on Tuesday, saying ...": the subject opens the sentence;
                // "The company denied wrongdoing, saying ...": the earlier cue's speaker.
                participle_cue = true;
                ctx.sentence_subject(sf, first).or_else(earlier_speaker)
            } else if coordinated && shared.is_some() {
                participle_cue = true;
                shared
            } else {
                // The speaker of an earlier cue of the sentence is not this one's.
                let floor = out
                    .last()
                    .filter(|a| a.cue.0 >= sentence_start && a.cue.1 <= m.start)
                    .map_or(sf, |a| p.token_at(a.cue.1));
                ctx.speaker_before_from(first, sf, floor)
            };
            // Inverted order only right after a quotation, a comma or at the sentence start:
            // `"...," said Mr. Smith.`
            let inverted = first == sf || ctx.punct_in(first - 1, ",\"':") || after_dash;
            // "The talks failed, said the minister.": a clause opening the sentence, set off
            // by a comma, is the content when a speaker after the cue ends the sentence (a
            // name there, "Mr. Regalado, 69, said", stays the speaker).
            // The speaker phrase after the cue, read once for both uses below.
            let after_speaker = std::cell::OnceCell::new();
            let speaker_after = || *after_speaker.get_or_init(|| ctx.speaker_after(end, se, false));
            let pre = pre.filter(|&(s, e)| {
                let clause = s == sf
                    && e + 1 == first
                    && ctx.punct_in(e, ",")
                    && (s + 1..e).any(|i| !ctx.cap(i) && !ctx.is_punct(i));
                !clause
                    || participle
                    || speaker_after().is_none_or(|(_, pe)| {
                        // It ends the sentence, or a participle cue follows it ("said
                        // Varga, adding that ...").
                        let participle_next =
                            pe + 1 < se && ctx.punct_in(pe, ",") && ctx.participle(pe + 1);
                        pe < se && !ctx.punct_in(pe, ".!?") && !participle_next
                    })
            });
            let post = if pre.is_none() && inverted && !participle {
                speaker_after()
            } else {
                None
            };
            let found = pre
                .or(post)
                .filter(|&(s, e)| !ctx.noun_phrase_not_speaker(s, e));
            // "It is believed that ...", "it was reported": a passive cue whose subject is an
            // expletive reports a view and names no one who holds it ("it is saying" is active).
            let a = &ctx.lang.attribution;
            let expletive = found.is_some_and(|(s, e)| {
                e == s + 1
                    && !participle
                    && a.expletives.contains(ctx.text(s))
                    && (e..first).any(|i| a.passive_auxiliaries.contains(ctx.text(i)))
            });
            // "The request appears to be a tactic", "it seems that ...": the subject is what is
            // perceived; "voters seem to think ...": they hold the view.
            let raised = a.raising_cues.contains(&entry.id)
                && !(end + 1 < se
                    && ctx.text(end) == "to"
                    && !a.raising_copulas.contains(ctx.text(end + 1)));
            if found.is_none() {
                continue;
            }
            speaker = found.filter(|_| !expletive && !raised);
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
                // In the same paragraph: a quotation that ends the paragraph before is not
                // this sentence's.
                !p.line_break_between(r.1, p.tokens[lead].start())
                    && (qend_tok..lead).all(|i| ctx.is_punct(i))
                    && (qstart_tok <= sf || (sf..qstart_tok).all(|i| ctx.is_punct(i)))
            });
            // `"No," she sighed`, not `the crowd roared`.
            if ctx.lang.attribution.quote_cues.contains(&entry.id)
                && after_quote.is_none()
                && before_quote.is_none()
            {
                continue;
            }
            if let Some(q) = after_quote.filter(|_| pre.is_some() || before_quote.is_none()) {
                kind = AttributionKind::Direct;
                // `"...," she said, in a scornful tone, "..."`: a quotation interrupted by its
                // cue has two parts, one before the speaker and one after the cue.
                if let Some(b) = before_quote.filter(|_| pre.is_some()) {
                    content = quotes.claim(b);
                }
                content.extend(quotes.claim(q));
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
                // "The plan drew protests, and farmers blocked the road": after a comma, a
                // coordinated clause is the sentence's next clause, not what the cue reports.
                let coordinated_next = cs + 1 < se
                    && ctx.punct_in(cs, ",")
                    && ctx.lang.attribution.coordinators.contains(ctx.text(cs + 1));
                let after = ctx.trim_near(cs, se, true).filter(|_| !coordinated_next);
                // Reported speech before its speaker is set off ("The talks failed, the minister
                // said"); "Critics fear Moscow will respond" reports nothing before "Moscow".
                let lead = speaker.map_or(first, |(s, _)| s.min(first));
                let set_off = lead > sf && ctx.punct_in(lead - 1, SET_OFF);
                let before = ctx.trim_near(sf, lead, false).filter(|_| set_off);
                let trailing = after.is_none() || (post.is_some() && before.is_some());
                if let Some(r) = if trailing { before } else { after } {
                    content.push(r);
                }
            }
        }
        // A cue that reports nothing ("a law it opposes", "the minister responded") is no
        // attribution.
        if content.is_empty() && kind == AttributionKind::Indirect {
            continue;
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
            parent: None,
            participle: participle_cue,
        });
    }
    colon_quotes(&ctx, &mut quotes, &mut out);
    dash_quotes(&ctx, &mut quotes, &mut out);
    continue_quotations(p, &mut quotes, &mut out);
    resolve_pronouns(p, &mut out);
    nest(&ctx, &mut out);
    let mut scare_quotes = Vec::new();
    for (q, &(start, end, cs, ce, _)) in quotes.regions.iter().enumerate() {
        // Dialogue-dash speech is a line of dialogue, never a scare quote.
        if quotes.claimed[q] || p.norm.as_bytes().get(start) == Some(&b'-') {
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
        // The sentence's cues, sorted by start: one is outside the quotation when the first
        // starts before it or the last at or after its end.
        let from = cue_sentence_ids.partition_point(|&(s, _)| s < si);
        let to = cue_sentence_ids.partition_point(|&(s, _)| s <= si);
        let cue_outside =
            to > from && (cue_sentence_ids[from].1 < start || cue_sentence_ids[to - 1].1 >= end);
        if !cue_outside {
            push_paced(&mut scare_quotes, (start, end), start, p.norm.len());
        }
    }
    Found {
        attributions: out,
        cue_sentences,
        scare_quotes,
    }
}

/// The most words of a sentence-case name or title («Клуба веселых и находчивых»): a longer
/// quotation that opens with a capital is a clause («НАТО сохранило свое единство как никогда
/// ранее»).
const SENTENCE_CASE_TITLE_WORDS: usize = 5;

/// The most adjectives between a name noun and its quoted name («الصحيفة اليومية الأمريكية
/// "..."»).
const NAME_ADJECTIVES: usize = 2;

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
            parent: None,
            participle: false,
        });
    }
    out.sort_by_key(|a| (a.cue.0, a.content_range().map_or(0, |c| c.0)));
}

/// The entry id of attributions cued by a dash between a quotation and a name (`"..." — Jane
/// Roe`, or `— Jane Roe` on the line after the quotation).
pub const DASH_ENTRY: &str = "report.dash";

/// [`DASH_ENTRY`], interned once.
static DASH: LazyLock<Ustr> = LazyLock::new(|| Ustr::from(DASH_ENTRY));

/// `"We are out of money." — Jane Roe`: a quotation that opens its sentence or line, then a dash
/// and a capitalized name that ends the line (optionally followed by `, title`), on the same line
/// or the next.
fn dash_quotes(ctx: &Ctx<'_, '_>, quotes: &mut Quotes, out: &mut Vec<RawAttribution>) {
    let p = ctx.p;
    let n_tok = p.tokens.len();
    let mut added = false;
    for q in 0..quotes.regions.len() {
        let r = quotes.regions[q];
        if quotes.claimed[q] || quotes.regions.get(q + 1).is_some_and(|x| x.4 == r.4) {
            continue;
        }
        // The quotation's first part opens a sentence or a line.
        let first_part = quotes.regions[..q]
            .iter()
            .rposition(|x| x.4 != r.4)
            .map_or(0, |k| k + 1);
        let qtok = p.token_at(quotes.regions[first_part].0);
        let after_break = |t: usize| p.breaks.binary_search_by_key(&t, |b| b.token).is_ok();
        if !(p.starts_sentence(qtok) || after_break(qtok) || qtok == 0) {
            continue;
        }
        let mut t = p.token_at(r.1);
        while t < n_tok && ctx.punct_in(t, ",.") {
            t += 1;
        }
        if t >= n_tok || !ctx.punct_in(t, "-") {
            continue;
        }
        let dash = t;
        let mut n = dash + 1;
        while n < n_tok && ctx.punct_in(n, "-") {
            n += 1;
        }
        // The line ends at the next break after the dash.
        let line_end = p
            .breaks
            .get(p.breaks.partition_point(|b| b.token <= dash))
            .map_or(n_tok, |b| b.token);
        let mut name_end = n;
        while name_end < line_end
            && name_end - n < 6
            && (ctx.cap(name_end) || (name_end > n && ctx.punct_in(name_end, ".")))
        {
            name_end += 1;
        }
        while name_end > n && ctx.punct_in(name_end - 1, ".") {
            name_end -= 1;
        }
        if name_end == n {
            continue;
        }
        let rest_ok = (name_end..line_end).all(|i| ctx.punct_in(i, ".")) || {
            ctx.punct_in(name_end, ",") && line_end - name_end <= MAX_SPEAKER_TOKENS
        };
        if !rest_ok {
            continue;
        }
        let content = quotes.claim(q);
        let sf = p
            .sentences
            .get(p.sentences.partition_point(|s| s.end_token <= n))
            .map_or(n, |s| s.first_token);
        out.push(RawAttribution {
            kind: AttributionKind::Direct,
            cue: (p.tokens[dash].start(), p.tokens[n - 1].end()),
            entry: *DASH,
            cue_kind: CueKind::Speech,
            stance: VerbStance::Neutral,
            speaker: Some((p.tokens[n].start(), p.tokens[name_end - 1].end())),
            speaker_type: Some(ctx.speaker_type(n, name_end, sf)),
            resolved: None,
            content,
            continued: false,
            parent: None,
            participle: false,
        });
        added = true;
    }
    if added {
        out.sort_by_key(|a| (a.cue.0, a.content_range().map_or(0, |c| c.0)));
    }
}

/// Nesting: an attribution whose cue lies inside another's content (`Roe said that Pike told her
/// ...`) gets the innermost such attribution as its parent. A participle cue after a comma whose
/// speaker is the sentence's subject (`Roe said ..., adding that ...`) is a second cue of the same
/// speaker instead: the first one's content ends before the comma.
fn nest(ctx: &Ctx<'_, '_>, out: &mut [RawAttribution]) {
    /// How many content ranges starting before a cue are looked at for one that holds it.
    const LOOK_BACK: usize = 32;
    let p = ctx.p;
    let ranges = |out: &[RawAttribution]| {
        let mut r: Vec<(usize, usize, usize)> = out
            .iter()
            .enumerate()
            .filter_map(|(j, a)| a.content_range().map(|(s, e)| (s, e, j)))
            .collect();
        r.sort_unstable();
        r
    };
    let holder = |out: &[RawAttribution], ranges: &[(usize, usize, usize)], i: usize| {
        let (cs, ce) = out[i].cue;
        let mine = out[i].content_range();
        let k = ranges.partition_point(|r| r.0 <= cs);
        let mut best: Option<(usize, usize)> = None;
        for &(s, e, j) in ranges[..k].iter().rev().take(LOOK_BACK) {
            let other = &out[j];
            // Itself, its own continuations, and attributions whose cue lies in its content
            // (each inside the other) are not parents.
            if e < ce
                || other.cue == out[i].cue
                || mine.is_some_and(|(ms, me)| ms <= other.cue.0 && other.cue.1 <= me)
            {
                continue;
            }
            if best.is_none_or(|(_, len)| e - s < len) {
                best = Some((j, e - s));
            }
        }
        best.map(|(j, _)| j)
    };
    // `Pike told her the dam would fail, Roe said.`: a reported clause that runs into a later
    // cue's speaker ends where that cue's own (leading) content ends.
    let r = ranges(out);
    for i in 0..out.len() {
        let Some((is, ie)) = out[i].content_range() else {
            continue;
        };
        if out[i].kind != AttributionKind::Indirect || ie > out[i].cue.0 {
            continue;
        }
        let (cs, ce) = out[i].cue;
        let k = r.partition_point(|x| x.0 <= cs);
        for &(s, e, j) in r[..k].iter().rev().take(LOOK_BACK) {
            let inside = is <= out[j].cue.0 && out[j].cue.1 <= ie;
            if j == i || e < ce || !inside || out[j].content.len() != 1 {
                continue;
            }
            if out[j].kind == AttributionKind::Indirect && s < ie {
                if let Some(cut) = ctx.trim(p.token_at(s), p.token_at(ie)) {
                    out[j].content = vec![cut];
                }
            }
        }
    }
    if out.iter().any(|a| a.participle) {
        let r = ranges(out);
        for i in 0..out.len() {
            if !out[i].participle {
                continue;
            }
            let Some(j) = holder(out, &r, i) else {
                continue;
            };
            let comma = p.token_at(out[i].cue.0).saturating_sub(1);
            let Some(&(s, _)) = out[j].content.last() else {
                continue;
            };
            if out[j].kind != AttributionKind::Indirect || out[j].content.len() != 1 {
                continue;
            }
            let from = p.token_at(s);
            if from < comma {
                if let Some(cut) = ctx.trim(from, comma) {
                    out[j].content = vec![cut];
                }
            }
        }
    }
    let r = ranges(out);
    for i in 0..out.len() {
        out[i].parent = holder(out, &r, i);
    }
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
        let continues = if p.starts_sentence(p.token_at(qs)) {
            // Only the next sentence or paragraph: no cue between the two quotations.
            let prev_end = out[prev].content_range().map_or(0, |c| c.1);
            p.sentences.partition_point(|s| s.start < qs)
                == p.sentences.partition_point(|s| s.start <= prev_end)
        } else {
            // `"We are ready," said Ana Ruiz, the mayor, "and we will stay."`: the second part
            // of a quotation the cue and speaker interrupt, in the same sentence.
            resumes_after_speaker(p, &out[prev], qs)
        };
        if !continues {
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

/// Whether a quotation opening at `qs` resumes the direct quotation `a` after its cue and
/// speaker: `a`'s content ends before its cue, and between the cue and speaker (with an
/// appositive: "said Ana Ruiz, the mayor,") and `qs` there is a comma, no other punctuation
/// that ends or splits a clause, no line break, and at most 80 bytes (an apostrophe may be
/// there: "Clinton's aide").
fn resumes_after_speaker(p: &Prepared<'_>, a: &RawAttribution, qs: usize) -> bool {
    let Some((_, content_end)) = a.content_range() else {
        return false;
    };
    let after = a.speaker.map_or(a.cue.1, |s| s.1.max(a.cue.1));
    if a.cue.0 < content_end || after > qs || qs - after > 80 {
        return false;
    }
    let gap = p.norm[after..qs].trim_end();
    gap.ends_with(',')
        && !gap.contains(['.', '!', '?', ';', ':', '"', '(', ')'])
        && !p.line_break_between(after, qs)
}

/// Links pronoun speakers to the most recent speaker before them that they can stand for: "he"
/// and "she" to a named person, "it" to a named speaker, institution or document, "they" to a
/// named speaker, institution or group.
fn resolve_pronouns(p: &Prepared<'_>, out: &mut [RawAttribution]) {
    let mut last_named: Option<usize> = None;
    let mut last_thing: Option<usize> = None;
    let mut last_group: Option<usize> = None;
    for (i, a) in out.iter_mut().enumerate() {
        match a.speaker_type {
            Some(SpeakerType::Named) => {
                last_named = Some(i);
                last_thing = Some(i);
                last_group = Some(i);
            }
            Some(SpeakerType::Institution) => {
                last_thing = Some(i);
                last_group = Some(i);
            }
            Some(SpeakerType::Document) => last_thing = Some(i),
            Some(SpeakerType::Collective) => last_group = Some(i),
            Some(SpeakerType::Pronoun) => {
                let word = a.speaker.map_or("", |(s, e)| &p.norm[s..e]);
                a.resolved = match word {
                    "he" | "she" => last_named,
                    "it" => last_thing,
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
                parent: r.parent,
            }
        })
        .collect()
}
