//! Token features for a learned scoring layer: what a per-token classifier fitted to a user's
//! own annotations reads about each word.
//!
//! [`Analyzer::token_features`] analyses a text and describes every word and number token by
//! named features:
//!
//! | feature | meaning |
//! |---|---|
//! | `w=<word>` | the lowercased (normalized) word; numbers are `w=<num>` |
//! | `lem=<lemma>` | its lemma in the English inflection table (`accused` -> `accuse`), else the word |
//! | `suf=<xyz>` | its last three characters, for words of five or more |
//! | `w-2=`, `w-1=`, `w+1=`, `w+2=` | the words two and one before and after, within the sentence |
//! | `cap`, `upper`, `init`, `inq` | capitalised (not sentence-initial), all capitals, sentence-initial, inside a quotation |
//! | `m.cat=`, `m.sub=`, `m.entry=`, `m.neg` | the category, subcategory and entry of each marker covering the token, and whether it is negated |
//! | `m-1.cat=`, `m+1.cat=` | the category of each marker covering the word before and after, within the sentence (a loaded word's noun: "brutal *crackdown*") |
//! | `list=<name>` | the word is in the user's word list `name` |
//! | `bg=<n>` | background-frequency bin: digits of the word's count in the built-in background table (0 when absent) |
//!
//! ```
//! use framelens::features::WordLists;
//! use framelens::Analyzer;
//!
//! let analyzer = Analyzer::new()?;
//! let lists = WordLists::new(vec![("mine".into(), vec!["mayor".into()])]);
//! let (_, tokens) = analyzer.token_features("The council baselessly accused the mayor.", &lists)?;
//! let baselessly = &tokens[2];
//! assert_eq!((baselessly.start, baselessly.end), (12, 22));
//! assert!(baselessly.features.contains(&"m.cat=loaded".to_string()));
//! assert!(baselessly.features.contains(&"w-1=council".to_string()));
//! assert!(tokens[5].features.contains(&"list=mine".to_string()));
//! # Ok::<(), framelens::Error>(())
//! ```

use rustc_hash::FxHashMap;

use crate::compare::terms::background;
use crate::lexicon::inflect::lemma;
use crate::text::tokens::TokenKind;
use crate::text::Prepared;
use crate::{Analysis, Analyzer, Category, Marker, Result};

/// Word lists a user supplies: each a name and its words (matched lowercased).
#[derive(Clone, Debug, Default)]
pub struct WordLists {
    names: Vec<String>,
    /// The lists holding each word, by index into `names`, in list order: a word's lists are
    /// one lookup, however many lists there are (scanning every list for every token made a
    /// model with 16,000 one-word lists score 1,200 words in 2.3 s).
    by_word: FxHashMap<String, Vec<u32>>,
}

impl WordLists {
    /// Lists from `(name, words)` pairs; words are lowercased.
    pub fn new(lists: Vec<(String, Vec<String>)>) -> Self {
        let mut out = WordLists::default();
        for (k, (name, words)) in lists.into_iter().enumerate() {
            let k = u32::try_from(k).unwrap_or(u32::MAX);
            for word in words {
                let held = out.by_word.entry(word.to_lowercase()).or_default();
                if held.last() != Some(&k) {
                    held.push(k);
                }
            }
            out.names.push(name);
        }
        out
    }

    /// The names of the lists holding `word` (lowercased already).
    pub fn names_of<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.by_word
            .get(word)
            .into_iter()
            .flatten()
            .map(|&k| self.names[k as usize].as_str())
    }
}

/// A walk over the word tokens of a text in order, keeping up with its quotations and with
/// the markers (in text order, original offsets) that cover each word: linear in the tokens,
/// the quotations and the markers. `token_features` and a model's scoring walk alike.
#[derive(Debug, Default)]
pub(crate) struct WordWalk {
    quotes: usize,
    quote_end: usize,
    next: usize,
    /// After [`WordWalk::step`]: the indices of the markers covering the word, in order.
    pub(crate) active: Vec<usize>,
}

impl WordWalk {
    /// Moves to the next word, token `t` (normalized offsets) with the original span
    /// `start..end`; whether it is inside a quotation.
    #[inline]
    pub(crate) fn step(
        &mut self,
        quotes: &[crate::text::quotes::QuoteRegion],
        markers: &[Marker],
        t: &crate::text::tokens::Token,
        (start, end): (usize, usize),
    ) -> bool {
        while quotes
            .get(self.quotes)
            .is_some_and(|q| q.content_start <= t.start())
        {
            self.quote_end = self.quote_end.max(quotes[self.quotes].content_end);
            self.quotes += 1;
        }
        while markers.get(self.next).is_some_and(|m| m.start < end) {
            self.active.push(self.next);
            self.next += 1;
        }
        self.active.retain(|&k| markers[k].end > start);
        t.end() <= self.quote_end
    }

    /// After [`WordWalk::step`]: the markers covering the word are those of `markers[range]`
    /// that end after the word's start (the range is derived, so a caller can keep it per word
    /// instead of a copy of `active`).
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.active.first().copied().unwrap_or(self.next)..self.next
    }
}

/// One word or number token and its features.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenFeatures {
    /// Start (bytes into the original text).
    pub start: usize,
    /// End (bytes, exclusive).
    pub end: usize,
    /// The token's feature names (see the module docs).
    pub features: Vec<String>,
}

/// The background-frequency bin of a lowercased word: the number of digits of its count in
/// the built-in background table, 0 when the table does not have it.
pub fn background_bin(word: &str) -> u32 {
    match background().0.get(word) {
        Some(&n) if n >= 1.0 => n.log10().floor() as u32 + 1,
        _ => 0,
    }
}

/// The word a token stands for in features: its normalized text, or `<num>` for a number.
pub(crate) fn word_of<'p>(prepared: &'p Prepared<'_>, i: usize) -> &'p str {
    let t = &prepared.tokens[i];
    if t.kind == TokenKind::Number {
        "<num>"
    } else {
        &prepared.norm[t.range()]
    }
}

/// Whether the original text of a token (`orig`) is in capitals: two or more characters, all
/// uppercase.
pub(crate) fn all_upper(orig: &str) -> bool {
    orig.chars().count() >= 2 && orig.chars().all(|c| c.is_uppercase())
}

/// The feature names of word `j` of a sentence (`words` are the sentence's word and number
/// tokens), whose original span is `start..end`; `inq` says whether it is inside a quotation
/// and `covering` are the markers covering it; `around` the categories of the markers covering
/// the words before and after it (as [`category_mask`] gives them).
#[allow(clippy::too_many_arguments)]
pub(crate) fn feature_names<'m>(
    prepared: &Prepared<'_>,
    words: &[usize],
    j: usize,
    (start, end): (usize, usize),
    inq: bool,
    covering: impl Iterator<Item = &'m Marker>,
    around: [u16; 2],
    lists: &WordLists,
) -> Vec<String> {
    let t = &prepared.tokens[words[j]];
    let word = word_of(prepared, words[j]);
    let mut f = Vec::with_capacity(16);
    f.push(format!("w={word}"));
    if t.kind == TokenKind::Word {
        f.push(format!("lem={}", lemma(word).unwrap_or(word)));
        if let Some(tail) = suffix(word) {
            f.push(format!("suf={tail}"));
        }
        f.push(format!("bg={}", background_bin(word)));
    }
    for (k, name) in [(2, "w-2"), (1, "w-1")] {
        if j >= k {
            f.push(format!("{name}={}", word_of(prepared, words[j - k])));
        }
    }
    for (k, name) in [(1, "w+1"), (2, "w+2")] {
        if j + k < words.len() {
            f.push(format!("{name}={}", word_of(prepared, words[j + k])));
        }
    }
    if j == 0 {
        f.push("init".into());
    } else if t.cap {
        f.push("cap".into());
    }
    if all_upper(&prepared.text[start..end]) {
        f.push("upper".into());
    }
    if inq {
        f.push("inq".into());
    }
    for m in covering {
        f.push(format!("m.cat={}", m.category.as_str()));
        if let Some(sub) = m.subcategory {
            f.push(format!("m.sub={sub}"));
        }
        f.push(format!("m.entry={}", m.entry));
        if m.negated {
            f.push("m.neg".into());
        }
    }
    for (prefix, mask) in [("m-1.cat", around[0]), ("m+1.cat", around[1])] {
        for c in categories_in(mask) {
            f.push(format!("{prefix}={}", c.as_str()));
        }
    }
    for name in lists.names_of(word) {
        f.push(format!("list={name}"));
    }
    f
}

/// The categories of `markers` as a set of bits (bit `c as usize` for category `c`).
pub(crate) fn category_mask<'m>(markers: impl IntoIterator<Item = &'m Marker>) -> u16 {
    markers
        .into_iter()
        .fold(0, |mask, m| mask | 1 << (m.category as usize))
}

/// The marker categories in a [`category_mask`], in table order.
pub(crate) fn categories_in(mask: u16) -> impl Iterator<Item = Category> {
    Category::ALL
        .into_iter()
        .filter(move |&c| mask & (1 << (c as usize)) != 0)
}

/// The last three characters of a word of five or more.
pub(crate) fn suffix(word: &str) -> Option<&str> {
    let n = word.chars().count();
    (n >= 5).then(|| {
        let at = word.char_indices().nth(n - 3).map_or(0, |(i, _)| i);
        &word[at..]
    })
}

impl Analyzer {
    /// Analyses `text` and returns the analysis with the features of each word and number
    /// token, in text order (see the [module docs](crate::features)). A model the analyzer
    /// scores with is left out: the analysis and features are those of the lexicon alone.
    pub fn token_features(
        &self,
        text: &str,
        lists: &WordLists,
    ) -> Result<(Analysis, Vec<TokenFeatures>)> {
        let analysis = self.clone().without_model().analyze_text(text)?;
        // The text read by the rules of the language it was analysed in, as a model scores it.
        let prepared = match crate::text::lang::for_code(&analysis.language) {
            Some(lang) => Prepared::with_lang(text, lang),
            None => Prepared::new(text),
        };
        let markers = &analysis.markers;
        let mut out = Vec::new();
        let mut words: Vec<usize> = Vec::new();
        // One walk over the quotations and the markers, both in text order, as the model's
        // scoring walks them: a document with thousands of either stays linear.
        let mut walk = WordWalk::default();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut covers: Vec<std::ops::Range<usize>> = Vec::new();
        let mut inqs: Vec<bool> = Vec::new();
        for sentence in &prepared.sentences {
            words.clear();
            words.extend(
                (sentence.first_token..sentence.end_token)
                    .filter(|&i| prepared.tokens[i].is_word()),
            );
            spans.clear();
            covers.clear();
            inqs.clear();
            for &i in &words {
                let t = &prepared.tokens[i];
                let (start, end) = prepared.span(t.start(), t.end());
                inqs.push(walk.step(prepared.quotes.as_slice(), markers, t, (start, end)));
                spans.push((start, end));
                covers.push(walk.range());
            }
            let covering = |j: usize| {
                let start = spans[j].0;
                markers[covers[j].clone()]
                    .iter()
                    .filter(move |m| m.end > start)
            };
            let masks: Vec<u16> = (0..words.len())
                .map(|j| category_mask(covering(j)))
                .collect();
            for j in 0..words.len() {
                let around = [
                    j.checked_sub(1).map_or(0, |k| masks[k]),
                    masks.get(j + 1).copied().unwrap_or(0),
                ];
                let features = feature_names(
                    &prepared,
                    &words,
                    j,
                    spans[j],
                    inqs[j],
                    covering(j),
                    around,
                    lists,
                );
                out.push(TokenFeatures {
                    start: spans[j].0,
                    end: spans[j].1,
                    features,
                });
            }
        }
        Ok((analysis, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features_of(text: &str, word: &str) -> Vec<String> {
        let analyzer = Analyzer::new().unwrap();
        let (_, tokens) = analyzer
            .token_features(text, &WordLists::default())
            .unwrap();
        let t = tokens
            .iter()
            .find(|t| &text[t.start..t.end] == word)
            .unwrap();
        t.features.clone()
    }

    #[test]
    fn word_context_and_flags() {
        let text = "Critics said the Harbor Council \u{201c}shamelessly\u{201d} accused 42 NGOs.";
        let f = features_of(text, "shamelessly");
        for want in [
            "w=shamelessly",
            "suf=sly",
            "w-1=council",
            "w-2=harbor",
            "w+1=accused",
        ] {
            assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
        }
        assert!(f.contains(&"w+2=<num>".to_string()));
        assert!(f.contains(&"inq".to_string()) && !f.contains(&"cap".to_string()));
        let accused = features_of(text, "accused");
        assert!(accused.contains(&"lem=accuse".to_string()));
        assert!(!accused.contains(&"inq".to_string()));
        assert!(features_of(text, "Critics").contains(&"init".to_string()));
        assert!(features_of(text, "Harbor").contains(&"cap".to_string()));
        assert!(features_of(text, "NGOs").contains(&"cap".to_string()));
        assert!(features_of(text, "the").contains(&"bg=6".to_string()));
    }

    /// Whether each word token is inside a quotation and which markers cover it, found by
    /// testing every quotation and every marker: the definition the one walk of
    /// `token_features` must keep.
    fn flags_by_search(text: &str) -> Vec<(bool, Vec<String>)> {
        let analysis = Analyzer::new().unwrap().analyze_text(text).unwrap();
        let prepared = Prepared::new(text);
        let words = prepared.tokens.iter().filter(|t| t.is_word());
        words
            .map(|t| {
                let (start, end) = prepared.span(t.start(), t.end());
                let inq = prepared
                    .quotes
                    .iter()
                    .any(|q| q.content_start <= t.start() && t.end() <= q.content_end);
                let cats = analysis
                    .markers
                    .iter()
                    .filter(|m| m.start < end && m.end > start)
                    .map(|m| format!("m.entry={}", m.entry))
                    .collect();
                (inq, cats)
            })
            .collect()
    }

    #[test]
    fn one_walk_finds_what_searching_every_quotation_and_marker_finds() {
        // Nested and unbalanced quotations, markers inside and across them, a long marker
        // covering shorter ones, over several sentences.
        let text = "Critics said \u{201c}the \"baselessly\" reckless plan\u{201d} was a \
            scandal. \"Thugs,\" he said, \"hatch plots.\" The regime's so-called \
            \u{201c}reform\u{201d} \u{201c}unfounded claims \"shamelessly\" made. Fine.";
        let (_, tokens) = Analyzer::new()
            .unwrap()
            .token_features(text, &WordLists::default())
            .unwrap();
        let want = flags_by_search(text);
        assert_eq!(tokens.len(), want.len());
        assert!(want.iter().any(|(inq, _)| *inq) && want.iter().any(|(_, c)| c.len() > 1));
        for (t, (inq, entries)) in tokens.iter().zip(want) {
            let word = &text[t.start..t.end];
            assert_eq!(t.features.contains(&"inq".to_string()), inq, "{word}");
            let mut got: Vec<&String> = t
                .features
                .iter()
                .filter(|f| f.starts_with("m.entry="))
                .collect();
            let mut entries: Vec<&String> = entries.iter().collect();
            got.sort();
            got.dedup();
            entries.sort();
            entries.dedup();
            assert_eq!(got, entries, "{word}");
        }
    }

    #[test]
    fn context_stops_at_the_sentence() {
        let f = features_of("It rained. Officials blamed the storm.", "Officials");
        assert!(f.iter().all(|x| !x.starts_with("w-")), "{f:?}");
        assert!(f.contains(&"init".to_string()));
    }

    #[test]
    fn markers_covering_the_token() {
        let f = features_of("They did not baselessly accuse anyone.", "baselessly");
        assert!(f.contains(&"m.cat=loaded".to_string()), "{f:?}");
        assert!(f.iter().any(|x| x.starts_with("m.entry=")));
        assert!(f.contains(&"m.neg".to_string()));
        // Its neighbours see its category, within the sentence only.
        let f = features_of("They did not baselessly accuse anyone.", "accuse");
        assert!(f.contains(&"m-1.cat=loaded".to_string()), "{f:?}");
        assert!(!f.iter().any(|x| x.starts_with("m+1.cat=")), "{f:?}");
        let f = features_of("They did not baselessly accuse anyone.", "not");
        assert!(f.contains(&"m+1.cat=loaded".to_string()), "{f:?}");
        let f = features_of("It was baselessly. Accused.", "Accused");
        assert!(!f.iter().any(|x| x.starts_with("m-1.cat=")), "{f:?}");
    }

    #[test]
    fn offsets_are_original_bytes() {
        let text = "Caf\u{e9} owners \u{2014} furious \u{2014} protested.";
        let analyzer = Analyzer::new().unwrap();
        let (_, tokens) = analyzer
            .token_features(text, &WordLists::default())
            .unwrap();
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["Caf\u{e9}", "owners", "furious", "protested"]);
    }
}
