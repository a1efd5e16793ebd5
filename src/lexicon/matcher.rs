//! The compiled lexicon: one aho-corasick automaton over every normalized term.
//!
//! A term can only match where a word starts, so the automaton runs anchored from each word start
//! (a walk down the trie that stops as soon as no term continues) instead of over every byte.
//! Every term that starts there is reported, so a term that fails the word check at its end
//! never hides a shorter one that passes. Of the whole-word matches, each category keeps the
//! leftmost-longest ones; different categories may overlap ("unfounded claims" is loaded while a
//! frame cue may sit inside it).

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::{Category, Entry, Lexicon};
use crate::error::{Error, Result};
use crate::text::normalize::normalize_term;
use crate::text::tokens::{is_word_char, TokenKind};
use crate::text::Prepared;

/// A whole-word occurrence of a lexicon term in the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Start in the normalized text.
    pub start: usize,
    /// End in the normalized text.
    pub end: usize,
    /// Index of the entry in [`Matcher::entries`].
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
    /// The category of each entry, by entry index (compact, for sorting matches).
    categories: Vec<Category>,
    /// The normalized pattern strings, for [`Matcher::terms`].
    pattern_text: Vec<String>,
    lexicon: Lexicon,
}

impl Matcher {
    /// Compiles `lexicon`. When one category lists a term twice, the earlier entry wins.
    pub fn new(lexicon: &Lexicon) -> Result<Matcher> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<Vec<(u32, bool)>> = Vec::new();
        let mut pattern_text: Vec<String> = Vec::new();
        let entries = lexicon.entries();
        for (i, entry) in entries.iter().enumerate() {
            let entry_idx = u32::try_from(i)
                .map_err(|_| Error::lexicon("a lexicon may hold at most 2^32 entries"))?;
            for term in &entry.terms {
                let norm = normalize_term(&term.text);
                let p = *index.entry(norm.clone()).or_insert_with(|| {
                    patterns.push(Vec::new());
                    pattern_text.push(norm);
                    patterns.len() - 1
                });
                let taken = patterns[p].iter().any(|(o, w)| {
                    *w == term.wildcard && entries[*o as usize].category == entry.category
                });
                if !taken {
                    patterns[p].push((entry_idx, term.wildcard));
                }
            }
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&pattern_text)
            .map_err(|e| Error::lexicon(format!("cannot build the term automaton: {e}")))?;
        Ok(Matcher {
            prefixes: PrefixFilter::new(&pattern_text),
            categories: entries.iter().map(|e| e.category).collect(),
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
        self.find_from(norm, starts, out);
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
                (_, Some(&p)) if token.is_none_or(|tok| p < tok.start) => {
                    k += 1;
                    return Some(p);
                }
                (Some(tok), _) => {
                    t += 1;
                    if tok.kind != TokenKind::Punct || starts_word(norm, tok.start) {
                        return Some(tok.start);
                    }
                }
                (None, _) => return None,
            }
        });
        self.find_from(norm, starts, out);
    }

    /// Walks the automaton from each word start in `starts` (in order), then keeps the
    /// leftmost-longest matches of each category.
    fn find_from(&self, norm: &str, starts: impl Iterator<Item = usize>, out: &mut Vec<TermMatch>) {
        out.clear();
        let Ok(start_state) = self.automaton.start_state(Anchored::Yes) else {
            return;
        };
        let bytes = norm.as_bytes();
        for i in starts {
            if self.prefixes.may_start(&bytes[i..]) {
                self.walk(norm, i, start_state, out);
            }
        }
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

/// More than the number of [`Category`] variants (a category's index into per-category arrays).
const CATEGORY_SLOTS: usize = 16;

impl Matcher {
    /// Walks the trie from the word start `start`, pushing every term that starts there and
    /// passes the word check at its end.
    fn walk(&self, norm: &str, start: usize, mut sid: StateID, out: &mut Vec<TermMatch>) {
        let nfa = &self.automaton;
        for (k, &byte) in norm.as_bytes()[start..].iter().enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, byte);
            if !nfa.is_special(sid) {
                continue;
            }
            if nfa.is_dead(sid) {
                return;
            }
            if !nfa.is_match(sid) {
                continue;
            }
            let end = start + k + 1;
            for i in 0..nfa.match_len(sid) {
                let pattern = nfa.match_pattern(sid, i);
                // A match state also holds the terms that are suffixes of the path walked;
                // those start later and are found from their own word start.
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

/// The end of the word that continues at `pos` (for wildcard terms).
fn word_end(norm: &str, pos: usize) -> usize {
    pos + norm[pos..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(norm.len() - pos, |(i, _)| i)
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
