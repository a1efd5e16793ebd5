//! The compiled lexicon: one aho-corasick automaton over every normalized term.
//!
//! A term can only match where a word starts, so the automaton runs anchored from each word start
//! (a walk down the trie that stops as soon as no term continues) instead of over every byte.
//! The first word of each walk is looked up in a table of the terms' first words rather than
//! walked byte by byte, and the walk goes on from its end only where some term continues.
//! Every term that starts there is reported, so a term that fails the word check at its end
//! never hides a shorter one that passes. Of the whole-word matches, each category keeps the
//! leftmost-longest ones; different categories may overlap ("unfounded claims" is loaded while a
//! frame cue may sit inside it).

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::{prefix_word, Category, Entry, Lexicon, CATEGORY_SLOTS};
use crate::error::{Error, Result};
use crate::text::normalize::normalize_term;
use crate::text::sentences::Sentence;
use crate::text::tokens::{ascii_alnum_end, is_word_char, not_ascii_alnum, TokenKind};
use crate::text::Prepared;

/// A whole-word occurrence of a lexicon term in the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Start in the normalized text.
    pub start: usize,
    /// End in the normalized text.
    pub end: usize,
    /// Index of the entry in the matcher's [`Lexicon::entries`]; [`Matcher::entry`] looks it up.
    pub entry: u32,
}

/// A lexicon compiled for matching. Build it once and share it (it is `Send + Sync`).
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: NFA,
    /// For each automaton pattern: the entries it belongs to and whether it is a wildcard.
    patterns: Vec<Vec<(u32, bool)>>,
    /// Which short prefixes start some pattern (see [`PrefixFilter`]).
    prefixes: PrefixFilter,
    /// The first words of the patterns, with the automaton state after each (see [`FirstWords`]).
    first_words: FirstWords,
    /// The category of each entry, by entry index (compact, for sorting matches).
    categories: Vec<Category>,
    /// Per entry: bit 0 set when it has `exclude` phrases, bit 1 when it `requires` context.
    conditions: Vec<u8>,
    /// The normalized pattern strings, for [`Matcher::terms`].
    pattern_text: Vec<String>,
    lexicon: Lexicon,
}

impl Matcher {
    /// Compiles `lexicon`. When one category lists a term twice, the earlier entry wins. The
    /// entries' `exclude` phrases and `requires` words are patterns too, found in the same walk
    /// and owned by their entry with the `GUARD` or `CONTEXT` bit set.
    pub fn new(lexicon: &Lexicon) -> Result<Matcher> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<Vec<(u32, bool)>> = Vec::new();
        let mut pattern_text: Vec<String> = Vec::new();
        let mut pattern = |norm: String| {
            *index.entry(norm.clone()).or_insert_with(|| {
                patterns.push(Vec::new());
                pattern_text.push(norm);
                patterns.len() - 1
            })
        };
        let entries = lexicon.entries();
        let mut owners: Vec<(usize, u32, bool)> = Vec::new();
        let mut conditions = vec![0u8; entries.len()];
        for (i, entry) in entries.iter().enumerate() {
            let entry_idx = u32::try_from(i)
                .ok()
                .filter(|&i| i & (GUARD | CONTEXT) == 0)
                .ok_or_else(|| Error::lexicon("a lexicon may hold at most 2^30 entries"))?;
            for term in &entry.terms {
                owners.push((
                    pattern(normalize_term(&term.text)),
                    entry_idx,
                    term.wildcard,
                ));
            }
            for phrase in &entry.exclude {
                // A prefix guard (`подлинн*`) covers every word that begins with it.
                let (text, prefix) = prefix_word(phrase);
                owners.push((pattern(normalize_term(text)), entry_idx | GUARD, prefix));
                conditions[i] |= HAS_GUARDS;
            }
            for word in &entry.requires {
                let (text, prefix) = prefix_word(word);
                owners.push((pattern(normalize_term(text)), entry_idx | CONTEXT, prefix));
                conditions[i] |= HAS_CONTEXT;
            }
        }
        for (p, owner, wildcard) in owners {
            let category = |o: u32| entries[(o & !(GUARD | CONTEXT)) as usize].category;
            let plain = owner & (GUARD | CONTEXT) == 0;
            let taken = plain
                && patterns[p].iter().any(|&(o, w)| {
                    o & (GUARD | CONTEXT) == 0 && w == wildcard && category(o) == category(owner)
                });
            if !taken && !patterns[p].contains(&(owner, wildcard)) {
                patterns[p].push((owner, wildcard));
            }
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&pattern_text)
            .map_err(|e| Error::lexicon(format!("cannot build the term automaton: {e}")))?;
        Ok(Matcher {
            prefixes: PrefixFilter::new(&pattern_text),
            first_words: FirstWords::new(&automaton, &pattern_text, &patterns),
            categories: entries.iter().map(|e| e.category).collect(),
            conditions,
            automaton,
            patterns,
            pattern_text,
            lexicon: lexicon.clone(),
        })
    }

    /// The lexicon this matcher was built from.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The entry at `index` (as in [`TermMatch::entry`]).
    pub fn entry(&self, index: u32) -> &Entry {
        &self.lexicon.entries()[index as usize]
    }

    /// The normalized surface terms the automaton searches for, in pattern order. Wildcard terms
    /// appear as their stem.
    pub fn terms(&self) -> &[String] {
        &self.pattern_text
    }

    /// Finds whole-word matches in `norm` (a normalized text), leftmost-longest within each
    /// category, sorted by start. `out` is cleared first.
    pub fn find(&self, norm: &str, out: &mut Vec<TermMatch>) {
        let bytes = norm.as_bytes();
        // Whether the char before `i` is a word char, and whether it is a hyphen right after one
        // ("anti-war": no word starts at "war").
        let (mut prev_word, mut prev_joined) = (false, false);
        let mut i = 0;
        let starts = std::iter::from_fn(|| {
            while i < bytes.len() {
                let at = i;
                let b = bytes[at];
                let (word, len) = if b < 0x80 {
                    (b.is_ascii_alphanumeric(), 1)
                } else {
                    let c = norm[at..].chars().next().unwrap_or(' ');
                    (is_word_char(c), c.len_utf8())
                };
                let starts = !prev_word && !prev_joined && b != b' ';
                prev_joined = b == b'-' && prev_word;
                prev_word = word;
                i += len;
                if starts {
                    return Some(at);
                }
            }
            None
        });
        self.find_from(norm, starts, out, false, &[]);
    }

    /// [`Matcher::find`] over a prepared text: the word starts come from its tokens instead of
    /// another scan of the text. Same result as `find(&prepared.norm, out)`.
    pub fn find_prepared(&self, prepared: &Prepared<'_>, out: &mut Vec<TermMatch>) {
        let norm = prepared.norm.as_str();
        let (tokens, inner) = (&prepared.tokens, &prepared.inner_starts);
        let (mut t, mut k) = (0, 0);
        // Token starts and inner starts, merged in order. A word token starts a word; a
        // punctuation token may follow "word-" and then starts none.
        let starts = std::iter::from_fn(|| loop {
            let token = tokens.get(t);
            match (token, inner.get(k)) {
                (_, Some(&p)) if token.is_none_or(|tok| p < tok.start()) => {
                    k += 1;
                    return Some(p);
                }
                (Some(tok), _) => {
                    t += 1;
                    if tok.kind != TokenKind::Punct || starts_word(norm, tok.start()) {
                        return Some(tok.start());
                    }
                }
                (None, _) => return None,
            }
        });
        self.find_from(norm, starts, out, true, &prepared.sentences);
    }

    /// Walks the automaton from each word start in `starts` (in order), then keeps the
    /// leftmost-longest matches of each category. With `by_words` each start's first word is
    /// looked up ([`Matcher::walk_word`]); without, it is walked byte by byte, the reference
    /// [`Matcher::find`] uses.
    fn find_from(
        &self,
        norm: &str,
        starts: impl Iterator<Item = usize>,
        out: &mut Vec<TermMatch>,
        by_words: bool,
        sentences: &[Sentence],
    ) {
        out.clear();
        let Ok(start_state) = self.automaton.start_state(Anchored::Yes) else {
            return;
        };
        let bytes = norm.as_bytes();
        for i in starts {
            if !self.prefixes.may_start(&bytes[i..]) {
                continue;
            }
            if by_words {
                self.walk_word(norm, i, start_state, out);
            } else {
                self.walk(norm, i, i, start_state, out);
            }
        }
        self.apply_conditions(out, sentences);
        self.keep_leftmost_longest(out);
    }

    /// Takes the guard and context matches out of `out` and drops the term matches they rule
    /// out: a match inside an `exclude` phrase of its entry, and a match of an entry that
    /// `requires` context with none of it in the same sentence (`sentences` in normalized
    /// offsets; none: the whole text is one sentence).
    fn apply_conditions(&self, out: &mut Vec<TermMatch>, sentences: &[Sentence]) {
        let conditional = |m: &TermMatch| {
            m.entry & (GUARD | CONTEXT) != 0 || self.conditions[m.entry as usize] != 0
        };
        if !out.iter().any(conditional) {
            return;
        }
        let mut guards: Vec<TermMatch> = Vec::new();
        let mut contexts: Vec<TermMatch> = Vec::new();
        out.retain(|m| {
            if m.entry & GUARD != 0 {
                guards.push(*m);
            } else if m.entry & CONTEXT != 0 {
                contexts.push(*m);
            } else {
                return true;
            }
            false
        });
        guards.sort_unstable_by_key(|g| g.start);
        contexts.sort_unstable_by_key(|c| c.start);
        let sentence_of = |pos: usize| -> (usize, usize) {
            let i = sentences.partition_point(|s| s.end <= pos);
            sentences
                .get(i)
                .map_or((0, usize::MAX), |s| (s.start, s.end))
        };
        out.retain(|m| {
            let flags = self.conditions[m.entry as usize];
            if flags & HAS_GUARDS != 0 {
                let upto = guards.partition_point(|g| g.start <= m.start);
                let guarded = guards[..upto]
                    .iter()
                    .rev()
                    .take(MAX_GUARDS_CHECKED)
                    .any(|g| g.entry == m.entry | GUARD && m.end <= g.end);
                if guarded {
                    return false;
                }
            }
            if flags & HAS_CONTEXT != 0 {
                let (s, e) = sentence_of(m.start);
                let from = contexts.partition_point(|c| c.start < s);
                let found = contexts[from..]
                    .iter()
                    .take_while(|c| c.start < e)
                    .any(|c| c.entry == m.entry | CONTEXT);
                if !found {
                    return false;
                }
            }
            true
        });
    }

    /// Of the matches in `out`, keeps the leftmost-longest ones of each category, sorted by
    /// start.
    fn keep_leftmost_longest(&self, out: &mut Vec<TermMatch>) {
        // Leftmost-longest within each category: in (start, longest first) order, a match is
        // kept unless it starts inside the last kept match of its category.
        let category = |m: &TermMatch| self.categories[m.entry as usize];
        out.sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end), category(m), m.entry));
        let mut last_end = [0usize; CATEGORY_SLOTS];
        let mut keep = 0;
        for i in 0..out.len() {
            let m = out[i];
            let slot = category(&m) as usize;
            if m.start < last_end[slot] {
                continue;
            }
            last_end[slot] = m.end;
            out[keep] = m;
            keep += 1;
        }
        out.truncate(keep);
        out.sort_unstable_by_key(|m| (m.start, m.end, category(m), m.entry));
    }
}

/// On a pattern owner's entry index: the pattern is an `exclude` phrase of the entry.
const GUARD: u32 = 1 << 31;
/// On a pattern owner's entry index: the pattern is a `requires` word of the entry.
const CONTEXT: u32 = 1 << 30;
/// [`Matcher::conditions`] bits.
const HAS_GUARDS: u8 = 1;
const HAS_CONTEXT: u8 = 2;
/// Guards starting at or before a match that are checked for covering it (guards nest only a
/// few deep, so this keeps the check constant-time).
const MAX_GUARDS_CHECKED: usize = 16;

impl Matcher {
    /// Walks the trie from the word start `start`, pushing every term that starts there and
    /// passes the word check at its end. The walk goes on at `from` in state `sid` (the state
    /// after `norm[start..from]`; `from == start` for a walk from the start state).
    fn walk(
        &self,
        norm: &str,
        start: usize,
        from: usize,
        mut sid: StateID,
        out: &mut Vec<TermMatch>,
    ) {
        let nfa = &self.automaton;
        for (k, &byte) in norm.as_bytes()[from..].iter().enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, byte);
            if !nfa.is_special(sid) {
                continue;
            }
            if nfa.is_dead(sid) {
                return;
            }
            if nfa.is_match(sid) {
                self.report(norm, start, from + k + 1, sid, out);
            }
        }
    }

    /// Pushes the terms of the match state `sid`, reached at `end` from the word start `start`,
    /// that start at `start` and pass the word check at their end.
    fn report(&self, norm: &str, start: usize, end: usize, sid: StateID, out: &mut Vec<TermMatch>) {
        let nfa = &self.automaton;
        for i in 0..nfa.match_len(sid) {
            let pattern = nfa.match_pattern(sid, i);
            // A match state also holds the terms that are suffixes of the path walked; those
            // start later and are found from their own word start.
            if end - nfa.pattern_len(pattern) != start {
                continue;
            }
            let exact_ok = ends_word(norm, end);
            for &(entry, wildcard) in &self.patterns[pattern.as_usize()] {
                if wildcard {
                    out.push(TermMatch {
                        start,
                        end: word_end(norm, end),
                        entry,
                    });
                } else if exact_ok {
                    out.push(TermMatch { start, end, entry });
                }
            }
        }
    }

    /// What [`Matcher::walk`] from `start` finds, with the first word looked up instead of
    /// walked. The first word is the run of word chars at `start`: a term that is not a
    /// wildcard cannot end inside it (the word goes on), and a term that goes past it begins
    /// with exactly that word. So unless a wildcard stem may start here, the terms found are
    /// those of the state after the word, and the walk goes on from the word's end only when
    /// some term continues past a word like this one.
    fn walk_word(&self, norm: &str, start: usize, start_state: StateID, out: &mut Vec<TermMatch>) {
        let bytes = norm.as_bytes();
        let first = &self.first_words;
        if first
            .stems
            .as_ref()
            .is_some_and(|s| s.may_start(&bytes[start..]))
        {
            return self.walk(norm, start, start, start_state, out);
        }
        let (end, key) = first_word(norm, start);
        if end == start {
            return self.walk(norm, start, start, start_state, out);
        }
        let (sid, goes_on) = match first.get(key) {
            Lookup::Absent => return,
            Lookup::Found(sid, goes_on) => (sid, goes_on),
            Lookup::Walk => return self.walk(norm, start, start, start_state, out),
        };
        if self.automaton.is_match(sid) {
            self.report(norm, start, end, sid, out);
        }
        if goes_on {
            self.walk(norm, start, end, sid, out);
        }
    }
}

/// The first words of the patterns (each pattern's leading run of word chars), each with the
/// automaton state after it and whether some pattern goes on past it. Looking a text's word up
/// here costs a hash of its bytes and (for the words that pass a small bitset) one probe,
/// where walking it costs one automaton step per byte.
///
/// Keys are the word's bytes, zero-padded to 16 (a word char is never a zero byte, so the key
/// also fixes the length); a word longer than 16 bytes is never looked up but walked.
#[derive(Clone, Debug)]
struct FirstWords {
    /// Open addressing, linear probing; a zero key is an empty slot.
    slots: Vec<FirstWord>,
    /// Bit `hash >> (64 - FILTER_BITS)` is set for every key.
    filter: Vec<u64>,
    /// Some first word is longer than 16 bytes: such a word in the text is walked.
    long_words: bool,
    /// Wildcard stems made of word chars only (they may match inside a word), if any: where one
    /// may start, the walk starts at the word start.
    stems: Option<PrefixFilter>,
}

#[derive(Clone, Copy, Debug)]
struct FirstWord {
    key: u128,
    state: StateID,
    /// Some pattern goes on past this word.
    goes_on: bool,
}

/// How a word is found in [`FirstWords`].
enum Lookup {
    /// Not a first word: no term starts here.
    Absent,
    /// The state after the word, and whether some term goes on past it.
    Found(StateID, bool),
    /// Too long to look up: walk it.
    Walk,
}

const FILTER_BITS: u32 = 16;

impl FirstWords {
    fn new(nfa: &NFA, pattern_text: &[String], patterns: &[Vec<(u32, bool)>]) -> Self {
        let mut words: Vec<FirstWord> = Vec::new();
        let mut seen: HashMap<u128, usize> = HashMap::new();
        let mut stems = Vec::new();
        let mut long_words = false;
        let start_state = nfa.start_state(Anchored::Yes).ok();
        for (text, owners) in pattern_text.iter().zip(patterns) {
            let word = &text.as_bytes()[..word_end(text, 0)];
            if word.len() == text.len() && owners.iter().any(|&(_, wildcard)| wildcard) {
                stems.push(text.clone());
            }
            let Some(mut sid) = start_state.filter(|_| !word.is_empty()) else {
                continue;
            };
            let Some(key) = key(word) else {
                long_words = true;
                continue;
            };
            for &b in word {
                sid = nfa.next_state(Anchored::Yes, sid, b);
            }
            let goes_on = word.len() < text.len();
            let at = *seen.entry(key).or_insert_with(|| {
                words.push(FirstWord {
                    key,
                    state: sid,
                    goes_on: false,
                });
                words.len() - 1
            });
            words[at].goes_on |= goes_on;
        }
        let size = (words.len() * 2).next_power_of_two().max(16);
        let empty = FirstWord {
            key: 0,
            state: StateID::ZERO,
            goes_on: false,
        };
        let mut table = FirstWords {
            slots: vec![empty; size],
            filter: vec![0; 1 << (FILTER_BITS - 6)],
            long_words,
            stems: (!stems.is_empty()).then(|| PrefixFilter::new(&stems)),
        };
        for w in words {
            let h = Self::hash(w.key);
            let bit = (h >> (64 - FILTER_BITS)) as usize;
            table.filter[bit >> 6] |= 1 << (bit & 63);
            let mut i = h as usize & (size - 1);
            while table.slots[i].key != 0 {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = w;
        }
        table
    }

    #[inline]
    fn hash(key: u128) -> u64 {
        key_hash(key)
    }

    /// Looks up a word by its key (`None`: longer than 16 bytes).
    #[inline]
    fn get(&self, key: Option<u128>) -> Lookup {
        let Some(key) = key else {
            return if self.long_words {
                Lookup::Walk
            } else {
                Lookup::Absent
            };
        };
        let h = Self::hash(key);
        let bit = (h >> (64 - FILTER_BITS)) as usize;
        if self.filter[bit >> 6] & (1 << (bit & 63)) == 0 {
            return Lookup::Absent;
        }
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Lookup::Found(slot.state, slot.goes_on);
            }
            if slot.key == 0 {
                return Lookup::Absent;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A bitset over hashed prefixes (up to three bytes) of the patterns: most word starts begin no
/// term, and one lookup in this small table rules them out before the automaton is touched.
#[derive(Clone, Debug)]
struct PrefixFilter {
    bits: Vec<u64>,
    /// Bit `n` is set when some pattern is `n` bytes long (n = 1 or 2), shorter than a prefix.
    short: u8,
}

const PREFIX_BITS: u32 = 17;

impl PrefixFilter {
    fn new(patterns: &[String]) -> Self {
        let mut filter = PrefixFilter {
            bits: vec![0; 1 << (PREFIX_BITS - 6)],
            short: 0,
        };
        for p in patterns {
            let b = p.as_bytes();
            let n = b.len().min(3);
            if n < 3 {
                filter.short |= 1 << n;
            }
            let h = Self::hash(&b[..n]);
            filter.bits[h >> 6] |= 1 << (h & 63);
        }
        filter
    }

    #[inline]
    fn hash(prefix: &[u8]) -> usize {
        let mut key = prefix.len() as u32;
        for (i, &b) in prefix.iter().enumerate() {
            key |= u32::from(b) << (8 * i + 8);
        }
        (key.wrapping_mul(0x9E37_79B1) >> (32 - PREFIX_BITS)) as usize
    }

    #[inline]
    fn has(&self, prefix: &[u8]) -> bool {
        let h = Self::hash(prefix);
        self.bits[h >> 6] & (1 << (h & 63)) != 0
    }

    /// False when no pattern can start at the start of `rest`.
    #[inline(always)]
    fn may_start(&self, rest: &[u8]) -> bool {
        (rest.len() >= 3 && self.has(&rest[..3]))
            || (self.short & 0b100 != 0 && rest.len() >= 2 && self.has(&rest[..2]))
            || (self.short & 0b10 != 0 && self.has(&rest[..1]))
    }
}

/// The char before `pos` does not continue a word (a hyphen after a letter does: "anti-war").
fn starts_word(norm: &str, pos: usize) -> bool {
    let mut before = norm[..pos].chars().rev();
    match before.next() {
        None => true,
        Some('-') => !before.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// The char at `pos` does not continue a word (a hyphen before a letter does: "regime-backed").
fn ends_word(norm: &str, pos: usize) -> bool {
    let mut after = norm[pos..].chars();
    match after.next() {
        None => true,
        Some('-') => !after.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// A hash of a word key ([`key`]) for open-addressing tables keyed by it.
#[inline]
pub(crate) fn key_hash(key: u128) -> u64 {
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    (lo ^ hi.rotate_left(29))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(17)
        .wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// The key of a word of 1 to 16 bytes in [`FirstWords`]: its bytes, zero-padded (`None` when
/// longer).
pub(crate) fn key(word: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..word.len())?.copy_from_slice(word);
    Some(u128::from_le_bytes(buf))
}

/// The end of the word at `pos` and its key (`None` when longer than 16 bytes): what
/// `(word_end(norm, pos), key(&norm[pos..end]))` gives, eight ASCII bytes at a time.
#[inline]
fn first_word(norm: &str, pos: usize) -> (usize, Option<u128>) {
    let bytes = norm.as_bytes();
    let Some(chunk) = bytes.get(pos..pos + 16) else {
        let end = word_end(norm, pos);
        return (end, key(&bytes[pos..end]));
    };
    let mut words = [0u64; 2];
    for (k, w) in words.iter_mut().enumerate() {
        let x = u64::from_le_bytes(chunk[8 * k..8 * k + 8].try_into().unwrap_or_default());
        let stop = not_ascii_alnum(x);
        if stop == 0 {
            *w = x;
            continue;
        }
        let n = stop.trailing_zeros() as usize / 8;
        if chunk[8 * k + n] >= 0x80 {
            // A non-ASCII char: decide it (and what follows) char by char.
            let end = word_end(norm, pos + 8 * k + n);
            return (end, key(&bytes[pos..end]));
        }
        *w = x & ((1u64 << (8 * n)) - 1);
        let key = (u128::from(words[1]) << 64) | u128::from(words[0]);
        return (pos + 8 * k + n, Some(key));
    }
    let end = word_end(norm, pos + 16);
    let whole = u128::from_le_bytes(chunk.try_into().unwrap_or_default());
    (end, (end == pos + 16).then_some(whole))
}

/// The end of the word that continues at `pos` (for wildcard terms, and a text's first word).
fn word_end(norm: &str, pos: usize) -> usize {
    let bytes = norm.as_bytes();
    let mut i = pos;
    loop {
        i = ascii_alnum_end(bytes, i);
        match norm[i..].chars().next() {
            Some(c) if !c.is_ascii() && is_word_char(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(src: &str) -> Lexicon {
        Lexicon::from_toml_str(src, "test.toml").unwrap()
    }

    fn found(m: &Matcher, norm: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        m.find(norm, &mut out);
        out.iter()
            .map(|t| {
                (
                    norm[t.start..t.end].to_string(),
                    m.entry(t.entry).id.to_string(),
                )
            })
            .collect()
    }

    const SRC: &str = r#"
category = "loaded"
[[entry]]
id = "ap"
terms = ["ap"]
[[entry]]
id = "hatch"
terms = ["hatch plots", "hatch plot"]
[[entry]]
id = "brutal"
terms = ["brutal*"]
[[entry]]
id = "war"
terms = ["war"]
[[entry]]
id = "unfounded"
terms = ["unfounded", "unfounded claims"]
[[entry]]
id = "claims"
category = "hedge"
terms = ["claims"]
"#;

    #[test]
    fn whole_words_leftmost_longest_per_category() {
        let m = lexicon(SRC).compile().unwrap();
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("in april the ap said", &[("ap", "ap")]),
            ("to hatch plots against", &[("hatch plots", "hatch")]),
            (
                "brutally and brutality",
                &[("brutally", "brutal"), ("brutality", "brutal")],
            ),
            (
                "an anti-war rally; war-torn; the war's end",
                &[("war", "war")],
            ),
            (
                "refuting unfounded claims",
                &[("unfounded claims", "unfounded"), ("claims", "claims")],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<_> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(found(&m, text), want, "text {text:?}");
        }
    }

    #[test]
    fn first_word_equals_the_char_by_char_scan() {
        let words = [
            "",
            "a",
            "ab1",
            "sixteen-letters",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefgh",
            "abcdefghi",
            "Zz09",
            "caf\u{e9}",
            "e\u{301}x",
            "\u{5d0}\u{5d1}",
            "x\u{a0}y",
            "don't",
            "u.s.",
            "x_y",
            "@[`{",
            "\u{7f}",
            "na\u{ef}ve-ly",
        ];
        for w in words {
            for tail in [
                "",
                " and more text after it",
                "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}",
            ] {
                for lead in ["", " ", "xyz "] {
                    let text = format!("{lead}{w}{tail}");
                    let pos = lead.len();
                    let end = word_end(&text, pos);
                    // word_end against a char-by-char scan.
                    let want = text[pos..]
                        .char_indices()
                        .find(|&(_, c)| !is_word_char(c))
                        .map_or(text.len(), |(i, _)| pos + i);
                    assert_eq!(end, want, "{text:?} at {pos}");
                    assert_eq!(
                        first_word(&text, pos),
                        (end, key(&text.as_bytes()[pos..end])),
                        "{text:?} at {pos}"
                    );
                }
            }
        }
        // Every ASCII byte before a letter, and after one.
        for b in 1u8..0x80 {
            let c = char::from(b);
            for text in [
                format!("{c}abcdefghijklmnopqrs"),
                format!("abc{c}defghijklmnopqrs"),
            ] {
                let end = word_end(&text, 0);
                assert_eq!(
                    first_word(&text, 0),
                    (end, key(&text.as_bytes()[..end])),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn duplicate_terms_in_one_category_are_an_error() {
        let src = "category = \"loaded\"\n[[entry]]\nid = \"a\"\nterms = [\"x\"]\n[[entry]]\nid = \"b\"\nterms = [\"X\"]\n";
        let err = Lexicon::from_toml_str(src, "test.toml").unwrap_err();
        assert!(
            err.message()
                .contains("entry `b` repeats the loaded term `X` of entry `a`"),
            "{err}"
        );
    }
}
