//! The compiled lexicon: one aho-corasick automaton over every normalized term.
//!
//! The automaton reports every occurrence (overlapping search), so a term that fails the word
//! check ("ap" inside "april") never hides a shorter or later one that passes. Of the whole-word
//! matches, each category keeps the leftmost-longest ones; different categories may overlap
//! ("unfounded claims" is loaded while a frame cue may sit inside it).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{Entry, Lexicon};
use crate::error::{Error, Result};
use crate::text::normalize::normalize_term;
use crate::text::tokens::is_word_char;

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
    automaton: AhoCorasick,
    /// For each automaton pattern: the entries it belongs to and whether it is a wildcard.
    patterns: Vec<Vec<(u32, bool)>>,
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
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&pattern_text)
            .map_err(|e| Error::lexicon(format!("cannot build the term automaton: {e}")))?;
        Ok(Matcher {
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
        out.clear();
        for m in self.automaton.find_overlapping_iter(norm) {
            let (start, end) = (m.start(), m.end());
            if !starts_word(norm, start) {
                continue;
            }
            let exact_ok = ends_word(norm, end);
            for &(entry, wildcard) in &self.patterns[m.pattern().as_usize()] {
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
        let entries = self.lexicon.entries();
        let category = |m: &TermMatch| entries[m.entry as usize].category;
        out.sort_unstable_by_key(|m| (category(m), m.start, std::cmp::Reverse(m.end), m.entry));
        let mut keep = 0;
        let mut last: Option<(super::Category, usize)> = None;
        for i in 0..out.len() {
            let m = out[i];
            let cat = category(&m);
            if let Some((c, end)) = last {
                if c == cat && m.start < end {
                    continue;
                }
            }
            last = Some((cat, m.end));
            out[keep] = m;
            keep += 1;
        }
        out.truncate(keep);
        out.sort_unstable_by_key(|m| (m.start, m.end, category(m), m.entry));
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
