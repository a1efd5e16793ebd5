//! A fitted scoring layer: a per-token logistic regression over the [token
//! features](crate::features), read from a plain, versioned model file and scored inside the
//! analysis.
//!
//! A model file (written by the Python package's `Model.save`) is UTF-8 text, one item a line,
//! columns separated by tabs; `#` lines and blank lines are skipped:
//!
//! ```text
//! framelens-model<TAB>2
//! category<TAB>loaded
//! language<TAB>en
//! intercept<TAB>-3.2
//! threshold<TAB>0.41
//! guard<TAB>true
//! info<TAB>key<TAB>value
//! list<TAB>name<TAB>space-separated words
//! weight<TAB>feature<TAB>number
//! ```
//!
//! At load time the weights are folded per word: one hash lookup per token gives the token's
//! own weight (its word, lemma, suffix, background bin and word lists) and its weight as the
//! word one or two before or after another token, so the context features cost no lookups of
//! their own. A token whose probability reaches the threshold becomes a marker of the model's
//! category with entry `model`, its probability as `score` and its top contributing features
//! as `features`. The model's markers take the place of the lexicon's markers of its category
//! (which it reads as features: `m.cat=`, `m.entry=`, ...), so the profile counts each word
//! once, and counts what the model decides. A model scores documents of its `language` only
//! (the language pack its features were computed with; `en` when the file has no such line):
//! other documents keep their lexicon markers.
//!
//! Version 2 adds the neighbour features `m-1.cat=` and `m+1.cat=`; a version 1 file has none
//! and reads as before.
//!
//! ```
//! use std::sync::Arc;
//! use framelens::model::Model;
//! use framelens::Analyzer;
//!
//! let text = "framelens-model\t1\nintercept\t-2\nthreshold\t0.5\nweight\tw=fiasco\t3\n";
//! let model = Model::from_tsv_str(text, "demo.tsv")?;
//! let analyzer = Analyzer::new()?.with_model(Arc::new(model));
//! let analysis = analyzer.analyze_text("The launch was a fiasco, officials said.")?;
//! let m = analysis.markers.iter().find(|m| &*m.entry == "model").unwrap();
//! assert_eq!(m.text, "fiasco");
//! assert!((m.score().unwrap() - 1.0 / (1.0 + (-1.0f64).exp())).abs() < 1e-12);
//! assert_eq!(m.features(), [("w=fiasco".to_string(), 3.0)]);
//!
//! let bad = Model::from_tsv_str("framelens-model\t1\nweight\tw=x\tmany\n", "bad.tsv");
//! assert_eq!(bad.unwrap_err().to_string(), "bad.tsv:2: 'many' is not a number");
//! # Ok::<(), framelens::Error>(())
//! ```

use std::fmt;
use std::path::Path;

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use ustr::Ustr;

use crate::analysis::{Marker, ModelEvidence, Span, Voice};
use crate::compare::terms::background;
use crate::detect::markers::Located;
use crate::error::{Error, Result};
use crate::features::{
    all_upper, background_bin, categories_in, category_mask, suffix, word_of, WordLists, WordWalk,
};
use crate::lexicon::inflect::lemma;
use crate::lexicon::{word_key, word_key_hash, Category, CATEGORY_SLOTS};
use crate::text::tokens::TokenKind;
use crate::text::Prepared;

/// The first column of a model file's first line.
pub const MODEL_FORMAT: &str = "framelens-model";
/// The model file format version this framelens writes; it reads this one and the earlier ones.
pub const MODEL_VERSION: u32 = 2;
/// The entry id of markers a model finds.
pub const MODEL_ENTRY: &str = "model";
/// The largest magnitude of a weight or intercept a model file holds: a fitted logistic weight
/// is a few units, and sums of weights near the float limit overflow to a score that is not a
/// number (a model of four weights of ±1e308 made markers of score NaN).
pub const MAX_WEIGHT: f64 = 1e6;
/// How many contributing features a model marker lists.
pub const TOP_FEATURES: usize = 5;

/// A word's weights folded at load time: its own (word, lemma, suffix, background bin, word
/// lists) and as the context of another token (`w-1=`, `w-2=`, `w+1=`, `w+2=`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Folded {
    own: f64,
    prev1: f64,
    prev2: f64,
    next1: f64,
    next2: f64,
}

/// A fitted per-token logistic regression (see the [module docs](self)).
#[derive(Clone)]
pub struct Model {
    category: Category,
    language: String,
    intercept: f64,
    threshold: f64,
    /// The threshold as log-odds, ln(t / (1 − t)): a token whose score z is below it has a
    /// probability below the threshold.
    threshold_logit: f64,
    guard: bool,
    info: Vec<(String, String)>,
    list_words: Vec<(String, Vec<String>)>,
    lists: WordLists,
    weights: FxHashMap<String, f64>,
    /// Every word of the model's vocabulary (those the weights name, the word lists' and the
    /// background table's), folded.
    words: WordTable,
    /// The weight of background bin 0: the bin of every word outside the vocabulary.
    bin0: f64,
    cap: f64,
    upper: f64,
    init: f64,
    inq: f64,
    neg: f64,
    /// The marker features' weights keyed as markers hold them (a category, interned names),
    /// so a covered token's lookups hash a pointer and compare no strings.
    cats: FxHashMap<Category, f64>,
    /// The weights of `m-1.cat=` and `m+1.cat=` (a marker of a category covering the word
    /// before, after), by category (`c as usize`).
    around: [[f64; CATEGORY_SLOTS]; 2],
    subs: FxHashMap<Ustr, f64>,
    entries: FxHashMap<Ustr, f64>,
    lems: FxHashMap<String, f64>,
    sufs: FxHashMap<String, f64>,
    bins: FxHashMap<String, f64>,
    list_weights: FxHashMap<String, f64>,
    words_own: FxHashMap<String, f64>,
}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("category", &self.category)
            .field("language", &self.language)
            .field("weights", &self.weights.len())
            .field("threshold", &self.threshold)
            .finish_non_exhaustive()
    }
}

fn number(text: &str, where_: &str) -> Result<f64> {
    let x: f64 = text
        .trim()
        .parse()
        .map_err(|_| Error::model(format!("{where_}: '{text}' is not a number")))?;
    if !x.is_finite() {
        return Err(Error::model(format!(
            "{where_}: '{text}' is not a finite number"
        )));
    }
    if x.abs() > MAX_WEIGHT {
        return Err(Error::model(format!(
            "{where_}: '{text}' is beyond ±{MAX_WEIGHT:e}"
        )));
    }
    Ok(x)
}

impl Model {
    /// Reads a model file; an error names the file and line.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(e, format!("cannot read {name}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::model(format!(
                "{name}: not UTF-8 text (at byte {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        Self::from_tsv_str(&text, &name)
    }

    /// Parses the text of a model file; `name` is used in error messages ("name:line: ...").
    pub fn from_tsv_str(text: &str, name: &str) -> Result<Self> {
        let mut header = false;
        let (mut intercept, mut threshold) = (None, None);
        let mut category = Category::Loaded;
        let mut language = String::from("en");
        let mut guard = true;
        let mut info = Vec::new();
        let mut list_words: Vec<(String, Vec<String>)> = Vec::new();
        let mut list_names: rustc_hash::FxHashSet<String> = Default::default();
        let mut weights: FxHashMap<String, f64> = FxHashMap::default();
        for (n, line) in text.lines().enumerate() {
            let where_ = format!("{name}:{}", n + 1);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if !header {
                if cols[0] != MODEL_FORMAT || cols.len() != 2 {
                    return Err(Error::model(format!(
                        "{where_}: not a framelens model (expected '{MODEL_FORMAT}')"
                    )));
                }
                if !cols[1]
                    .parse::<u32>()
                    .is_ok_and(|v| (1..=MODEL_VERSION).contains(&v))
                {
                    return Err(Error::model(format!(
                        "{where_}: model format version '{}'; this framelens reads versions 1 \
                         to {MODEL_VERSION}",
                        cols[1]
                    )));
                }
                header = true;
                continue;
            }
            match cols[0] {
                key @ ("intercept" | "threshold") => {
                    if cols.len() != 2 {
                        return Err(Error::model(format!("{where_}: '{key}' takes one number")));
                    }
                    let x = Some(number(cols[1], &where_)?);
                    if key == "intercept" {
                        intercept = x;
                    } else {
                        threshold = x;
                    }
                }
                "category" => {
                    if cols.len() != 2 || cols[1].is_empty() {
                        return Err(Error::model(format!("{where_}: 'category' takes one name")));
                    }
                    category = cols[1]
                        .parse()
                        .map_err(|e: Error| Error::model(format!("{where_}: {}", e.message())))?;
                    // Reporting cues are attribution's, not markers: a model of them would
                    // write markers the schema and the profile do not know.
                    if category == Category::Report {
                        return Err(Error::model(format!(
                            "{where_}: a model marks tokens of a marker category, not 'report'"
                        )));
                    }
                }
                "language" => {
                    let code = cols.get(1).copied().unwrap_or_default();
                    let ok = (2..=3).contains(&code.len())
                        && code.bytes().all(|b| b.is_ascii_lowercase());
                    if cols.len() != 2 || !ok {
                        return Err(Error::model(format!(
                            "{where_}: 'language' takes one ISO 639 code such as en"
                        )));
                    }
                    language = code.to_string();
                }
                "guard" => {
                    guard = match (cols.len(), cols.get(1)) {
                        (2, Some(&"true")) => true,
                        (2, Some(&"false")) => false,
                        _ => {
                            return Err(Error::model(format!("{where_}: 'guard' is true or false")))
                        }
                    }
                }
                "weight" => {
                    if cols.len() != 3 || cols[1].is_empty() {
                        return Err(Error::model(format!(
                            "{where_}: 'weight' takes a feature and a number"
                        )));
                    }
                    let w = number(cols[2], &where_)?;
                    if weights.insert(cols[1].to_string(), w).is_some() {
                        return Err(Error::model(format!(
                            "{where_}: feature '{}' has a second weight",
                            cols[1]
                        )));
                    }
                }
                "list" => {
                    if cols.len() != 3 || cols[1].is_empty() {
                        return Err(Error::model(format!(
                            "{where_}: 'list' takes a name and space-separated words"
                        )));
                    }
                    if !list_names.insert(cols[1].to_string()) {
                        return Err(Error::model(format!(
                            "{where_}: a second list named '{}'",
                            cols[1]
                        )));
                    }
                    let words = cols[2].split_whitespace().map(str::to_string).collect();
                    list_words.push((cols[1].to_string(), words));
                }
                "info" => {
                    if cols.len() != 3 {
                        return Err(Error::model(format!(
                            "{where_}: 'info' takes a key and a value"
                        )));
                    }
                    info.push((cols[1].to_string(), cols[2].to_string()));
                }
                other => {
                    return Err(Error::model(format!(
                        "{where_}: unknown line kind '{other}'"
                    )))
                }
            }
        }
        if !header {
            return Err(Error::model(format!(
                "{name}: empty; not a framelens model"
            )));
        }
        let intercept =
            intercept.ok_or_else(|| Error::model(format!("{name}: no 'intercept' line")))?;
        let threshold =
            threshold.ok_or_else(|| Error::model(format!("{name}: no 'threshold' line")))?;
        if !(0.0..=1.0).contains(&threshold) {
            return Err(Error::model(format!(
                "{name}: threshold {threshold} is not in [0, 1]"
            )));
        }
        let mut model = Self::fold(
            category, intercept, threshold, guard, info, list_words, weights,
        );
        model.language = language;
        Ok(model)
    }

    fn fold(
        category: Category,
        intercept: f64,
        threshold: f64,
        guard: bool,
        info: Vec<(String, String)>,
        list_words: Vec<(String, Vec<String>)>,
        weights: FxHashMap<String, f64>,
    ) -> Self {
        let lists = WordLists::new(list_words.clone());
        let w = |f: &str| weights.get(f).copied().unwrap_or(0.0);
        let prefixed = |prefix: &str| -> FxHashMap<String, f64> {
            weights
                .iter()
                .filter_map(|(k, &v)| k.strip_prefix(prefix).map(|rest| (rest.to_string(), v)))
                .collect()
        };
        let mut model = Model {
            category,
            language: String::from("en"),
            intercept,
            threshold,
            // At a threshold of 1 only a probability that rounds to 1 (z above about 36.7)
            // passes, so any z below 30 is below it.
            threshold_logit: if threshold < 1.0 {
                (threshold / (1.0 - threshold)).ln()
            } else {
                30.0
            },
            guard,
            info,
            cap: w("cap"),
            upper: w("upper"),
            init: w("init"),
            inq: w("inq"),
            neg: w("m.neg"),
            around: [prefixed("m-1.cat="), prefixed("m+1.cat=")].map(|by_name| {
                let mut slots = [0.0; CATEGORY_SLOTS];
                for (name, w) in by_name {
                    if let Ok(c) = name.parse::<Category>() {
                        slots[c as usize] = w;
                    }
                }
                slots
            }),
            cats: prefixed("m.cat=")
                .into_iter()
                .filter_map(|(k, v)| k.parse::<Category>().ok().map(|c| (c, v)))
                .collect(),
            subs: interned(prefixed("m.sub=")),
            entries: interned(prefixed("m.entry=")),
            lems: prefixed("lem="),
            sufs: prefixed("suf="),
            bins: prefixed("bg="),
            list_weights: prefixed("list="),
            words_own: prefixed("w="),
            list_words,
            lists,
            words: WordTable::default(),
            bin0: 0.0,
            weights: FxHashMap::default(),
        };
        model.bin0 = model.bins.get("0").copied().unwrap_or(0.0);
        // The words to fold: those the weights name, those of the word lists, and the
        // background table's (whose lemma, suffix and bin features may carry weight).
        let mut vocab: Vec<&str> = Vec::new();
        for k in weights.keys() {
            for prefix in ["w=", "w-1=", "w-2=", "w+1=", "w+2="] {
                if let Some(word) = k.strip_prefix(prefix) {
                    vocab.push(word);
                }
            }
        }
        // The lists hold their words lowercased, as tokens are looked up.
        let list_vocab: Vec<String> = model
            .list_words
            .iter()
            .flat_map(|(_, ws)| ws.iter().map(|w| w.to_lowercase()))
            .collect();
        vocab.extend(list_vocab.iter().map(String::as_str));
        vocab.extend(background().0.keys().map(String::as_str));
        let mut words: FxHashMap<&str, Folded> = FxHashMap::default();
        for word in vocab {
            if word.is_empty() || words.contains_key(word) {
                continue;
            }
            let kind = if word == "<num>" {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let folded = Folded {
                own: model.own_weight(word, kind),
                prev1: w(&format!("w-1={word}")),
                prev2: w(&format!("w-2={word}")),
                next1: w(&format!("w+1={word}")),
                next2: w(&format!("w+2={word}")),
            };
            // Kept when all zero too: a word the table lacks is outside the vocabulary, and
            // its weight needs no background or list lookups ([`Model::folded`]).
            words.insert(word, folded);
        }
        model.words = WordTable::new(words);
        model.weights = weights;
        model
    }

    /// The weight of a feature (0 when the model has none).
    pub fn weight(&self, feature: &str) -> f64 {
        self.weights.get(feature).copied().unwrap_or(0.0)
    }

    /// The number of features with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The intercept.
    pub fn intercept(&self) -> f64 {
        self.intercept
    }

    /// The decision threshold on the probability.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The category of the markers the model finds.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The language (ISO 639 code of a language pack) whose documents the model scores.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether the group-name guard was on when the model was fitted.
    pub fn guard(&self) -> bool {
        self.guard
    }

    /// How the model was fitted (`info` lines), in file order.
    pub fn info(&self) -> &[(String, String)] {
        &self.info
    }

    /// The probability that a token with these features (names as in
    /// [`crate::features`]; a repeated name counts once) is marked.
    pub fn probability<S: AsRef<str>>(&self, features: &[S]) -> f64 {
        let mut names: Vec<&str> = features.iter().map(AsRef::as_ref).collect();
        names.sort_unstable();
        names.dedup();
        sigmoid(self.intercept + names.iter().map(|f| self.weight(f)).sum::<f64>())
    }

    /// The features with the largest positive weights among `features`, at most `n`,
    /// largest first (ties by name).
    pub fn explain<S: AsRef<str>>(&self, features: &[S], n: usize) -> Vec<(String, f64)> {
        let mut found: Vec<(String, f64)> = features
            .iter()
            .map(|f| (f.as_ref(), self.weight(f.as_ref())))
            .filter(|&(_, w)| w > 0.0)
            .map(|(f, w)| (f.to_string(), w))
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.dedup_by(|a, b| a.0 == b.0);
        found.truncate(n);
        found
    }

    /// The weights of a word outside the vocabulary, which has no `w=` or context weights, no
    /// list and background bin 0: its lemma's, suffix's and bin 0's weights.
    fn outside(&self, word: &str, kind: TokenKind) -> Folded {
        if kind != TokenKind::Word {
            return Folded::default();
        }
        Folded {
            own: self.bin0 + self.shape_weight(word),
            ..Folded::default()
        }
    }

    /// The weight of the markers covering a token (each distinct name once).
    fn marker_weight(&self, covering: &[&Marker]) -> f64 {
        match covering {
            [] => 0.0,
            [m] => {
                self.cats.get(&m.category).copied().unwrap_or(0.0)
                    + m.subcategory
                        .and_then(|s| self.subs.get(&s).copied())
                        .unwrap_or(0.0)
                    + self.entries.get(&m.entry).copied().unwrap_or(0.0)
                    + if m.negated { self.neg } else { 0.0 }
            }
            many => {
                let mut cats: Vec<Category> = many.iter().map(|m| m.category).collect();
                cats.sort_unstable();
                cats.dedup();
                let mut subs: Vec<Ustr> = many.iter().filter_map(|m| m.subcategory).collect();
                let mut entries: Vec<Ustr> = many.iter().map(|m| m.entry).collect();
                for v in [&mut subs, &mut entries] {
                    v.sort_unstable();
                    v.dedup();
                }
                let get = |map: &FxHashMap<Ustr, f64>, k: &Ustr| map.get(k).copied().unwrap_or(0.0);
                cats.iter()
                    .map(|c| self.cats.get(c).copied().unwrap_or(0.0))
                    .sum::<f64>()
                    + subs.iter().map(|s| get(&self.subs, s)).sum::<f64>()
                    + entries.iter().map(|e| get(&self.entries, e)).sum::<f64>()
                    + if many.iter().any(|m| m.negated) {
                        self.neg
                    } else {
                        0.0
                    }
            }
        }
    }

    /// Scores every word and number token of a prepared text whose lexicon markers (after
    /// voice, in text order) are `markers`; returns the tokens the model marks, with the
    /// voice of their place in the text, leaving out tokens inside `boilerplate` paragraphs.
    pub(crate) fn score(
        &self,
        prepared: &Prepared<'_>,
        markers: &[Marker],
        boilerplate: &[Span],
    ) -> Vec<Located> {
        let mut out = Vec::new();
        let mut words: Vec<usize> = Vec::new();
        let mut folded: Vec<Folded> = Vec::new();
        let mut probes: Vec<Probe> = Vec::new();
        let mut seen: Vec<Seen> = Vec::new();
        let mut spans = prepared.map.starts();
        let mut walk = WordWalk::default();
        let mut cover: Vec<&Marker> = Vec::new();
        let entry = Ustr::from(MODEL_ENTRY);
        for sentence in &prepared.sentences {
            words.clear();
            folded.clear();
            seen.clear();
            // The words' weights first, in loops of lookups alone: most of a lookup is waiting
            // for the table slot, and with other work in the loop fewer slots are awaited at
            // once (with the loop below folded in, the lookups took a quarter longer: perf,
            // 2,000 ABP articles, the `benches/model_cost.py` stand-in). Each word's slot is
            // read once in a loop of loads alone, then looked up.
            probes.clear();
            for i in sentence.first_token..sentence.end_token {
                let t = &prepared.tokens[i];
                if t.is_word() {
                    words.push(i);
                    probes.push(self.words.probe(token_key(prepared, t)));
                }
            }
            let mut touched = 0;
            for p in &probes {
                touched ^= self.words.touch(p);
            }
            std::hint::black_box(touched);
            for (&i, p) in words.iter().zip(&probes) {
                let f = self.words.get(p, || word_of(prepared, i));
                folded.push(f.unwrap_or_else(|| {
                    self.outside(word_of(prepared, i), prepared.tokens[i].kind)
                }));
            }
            // What each word is besides: its span, quotation and the markers covering it
            // (their weight, and their categories for its neighbours).
            for &i in &words {
                let t = &prepared.tokens[i];
                let (start, end) = spans.span(t.start(), t.end());
                let inq = walk.step(prepared.quotes.as_slice(), markers, t, (start, end));
                let (marks, mask) = if walk.active.is_empty() {
                    (0.0, 0)
                } else {
                    cover.clear();
                    cover.extend(walk.active.iter().map(|&k| &markers[k]));
                    (
                        self.marker_weight(&cover),
                        category_mask(cover.iter().copied()),
                    )
                };
                seen.push(Seen {
                    start,
                    end,
                    inq,
                    marks,
                    mask,
                    cover: walk.range(),
                });
            }
            for j in 0..words.len() {
                let t = &prepared.tokens[words[j]];
                let Seen {
                    start,
                    end,
                    inq,
                    marks,
                    ..
                } = seen[j];
                let mut z = self.intercept + folded[j].own + marks;
                if j >= 1 {
                    z += folded[j - 1].prev1;
                }
                if j >= 2 {
                    z += folded[j - 2].prev2;
                }
                if j + 1 < words.len() {
                    z += folded[j + 1].next1;
                }
                if j + 2 < words.len() {
                    z += folded[j + 2].next2;
                }
                let around = [
                    j.checked_sub(1).map_or(0, |k| seen[k].mask),
                    seen.get(j + 1).map_or(0, |s| s.mask),
                ];
                for (weights, mut mask) in self.around.iter().zip(around) {
                    while mask != 0 {
                        z += weights[mask.trailing_zeros() as usize];
                        mask &= mask - 1;
                    }
                }
                if j == 0 {
                    z += self.init;
                } else if t.cap {
                    z += self.cap;
                }
                let orig = &prepared.text[start..end];
                let upper = orig.chars().next().is_some_and(char::is_uppercase) && all_upper(orig);
                if upper {
                    z += self.upper;
                }
                if inq {
                    z += self.inq;
                }
                // Below the threshold's log-odds (with a margin for rounding) the probability
                // is below the threshold too, and the exponential is not computed: nearly every
                // token ends here.
                if z < self.threshold_logit - 1e-9 {
                    continue;
                }
                let p = sigmoid(z);
                if p < self.threshold || in_boilerplate(boilerplate, start, end) {
                    continue;
                }
                let voice = if prepared.quote_at(t.start(), t.end()).is_some() {
                    Voice::Quoted
                } else {
                    Voice::Author
                };
                let covering: Vec<&Marker> = markers[seen[j].cover.clone()]
                    .iter()
                    .filter(|m| m.end > start)
                    .collect();
                out.push(Located {
                    norm: (t.start(), t.end()),
                    marker: Marker {
                        start,
                        end,
                        text: CompactString::new(orig),
                        category: self.category,
                        subcategory: None,
                        entry,
                        weight: 1.0,
                        voice,
                        speaker: None,
                        negated: false,
                        model: Some(Box::new(ModelEvidence {
                            score: p,
                            features: self.explain_token(
                                prepared,
                                (&words, &folded),
                                j,
                                (upper, inq),
                                &covering,
                                around,
                            ),
                        })),
                    },
                });
            }
        }
        out
    }
}

/// The folded weights by word. Words of up to 16 bytes (nearly all) are keyed by their
/// zero-padded bytes ([`word_key`]) in a table of open addressing with linear probing, at most
/// three quarters full, so a lookup hashes and compares two integers and reads one slot;
/// longer words are in a map. Against a `FxHashMap<CompactString, Folded>` (key compared
/// with `memcmp`, the slot's line read only once the probe had matched) this, with the
/// sentence's slots read ahead ([`WordTable::touch`]), took `benches/model_cost.py --rounds
/// 10` with a fitted model (67,941 weights, 2,000 ABP articles) from 1.472 to 1.445 and from
/// 1.562 to 1.507 in two pairs of runs on a noisy 2-core machine: most of a lookup is still
/// the wait for a slot of a 4 MB table.
#[derive(Clone, Debug, Default)]
struct WordTable {
    slots: Vec<WordSlot>,
    long: FxHashMap<CompactString, Folded>,
}

/// One cache line: a slot that straddled two lines (56 bytes, unaligned) made a lookup two
/// misses.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct WordSlot {
    /// The word's key in two halves; `[0, 0]` is an empty slot (no word is empty).
    key: [u64; 2],
    folded: Folded,
}

/// A word's key in halves and the slot its lookup starts at, or `None` for a word longer
/// than 16 bytes.
type Probe = Option<([u64; 2], usize)>;

/// The key of a word or number token ([`word_key`] of the text [`word_of`] gives), read
/// from the normalized text in one 16-byte load where 16 bytes follow its start.
#[inline]
fn token_key(prepared: &Prepared<'_>, t: &crate::text::tokens::Token) -> Option<u128> {
    if t.kind == TokenKind::Number {
        return word_key(b"<num>");
    }
    let (start, len) = (t.start(), t.end() - t.start());
    if len > 16 {
        return None;
    }
    let bytes = prepared.norm.as_bytes();
    match bytes.get(start..start + 16) {
        Some(chunk) => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(chunk);
            let all = u128::from_le_bytes(buf);
            Some(if len == 16 {
                all
            } else {
                all & ((1u128 << (8 * len)) - 1)
            })
        }
        None => word_key(&bytes[start..start + len]),
    }
}

fn halves(key: u128) -> [u64; 2] {
    [key as u64, (key >> 64) as u64]
}

impl WordTable {
    fn new(words: FxHashMap<&str, Folded>) -> Self {
        let mut table = WordTable::default();
        let mut short = Vec::with_capacity(words.len());
        for (word, folded) in words {
            match word_key(word.as_bytes()) {
                Some(key) => short.push((key, folded)),
                None => {
                    table.long.insert(CompactString::new(word), folded);
                }
            }
        }
        let size = (short.len() * 4 / 3 + 1).next_power_of_two().max(16);
        table.slots = vec![WordSlot::default(); size];
        for (key, folded) in short {
            let mut i = word_key_hash(key) as usize & (size - 1);
            while table.slots[i].key != [0, 0] {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = WordSlot {
                key: halves(key),
                folded,
            };
        }
        table
    }

    /// Where the lookup of a word with key `key` ([`token_key`]) starts.
    #[inline]
    fn probe(&self, key: Option<u128>) -> Probe {
        key.map(|key| {
            let at = word_key_hash(key) as usize & self.slots.len().wrapping_sub(1);
            (halves(key), at)
        })
    }

    /// Reads the slot where a lookup starts and returns part of it: a load no branch waits
    /// on, so the slots of a sentence's words are fetched at once, before they are looked up
    /// (see [`Model::score`]).
    #[inline]
    fn touch(&self, probe: &Probe) -> u64 {
        probe.map_or(0, |(_, at)| {
            self.slots.get(at).map_or(0, |slot| slot.key[0])
        })
    }

    /// The folded weights of the word whose lookup is `probe` (`word` gives its text, read
    /// only when it is longer than 16 bytes).
    #[inline]
    fn get<'w>(&self, probe: &Probe, word: impl FnOnce() -> &'w str) -> Option<Folded> {
        let Some((want, mut i)) = *probe else {
            return self.long.get(word()).copied();
        };
        let mask = self.slots.len().wrapping_sub(1);
        loop {
            let slot = self.slots.get(i)?;
            if slot.key == want {
                return Some(slot.folded);
            }
            if slot.key == [0, 0] {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word of a sentence as [`Model::score`] first reads it.
#[derive(Clone)]
struct Seen {
    /// Its original span.
    start: usize,
    end: usize,
    /// It is inside a quotation.
    inq: bool,
    /// The weight of the markers covering it.
    marks: f64,
    /// Their categories ([`category_mask`]).
    mask: u16,
    /// The markers covering it are those of `markers[cover]` that end after `start`
    /// ([`WordWalk::range`]).
    cover: std::ops::Range<usize>,
}

/// A feature name in two parts (`w=` and the word), ordered as the whole name.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Name<'a>(&'static str, &'a str);

impl Name<'_> {
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        (self.0.bytes().chain(self.1.bytes())).cmp(other.0.bytes().chain(other.1.bytes()))
    }
}

impl Model {
    /// [`Model::explain`] of the [`feature_names`](crate::features::feature_names) of word `j`
    /// of a sentence, read from the tables the score came from: only the names listed are
    /// written out. Written out, each feature name of a marked token cost an allocation and a
    /// lookup by string, about a fifth of what a model added to the analysis time (perf, 2,000 ABP
    /// articles, the `benches/model_cost.py` stand-in).
    fn explain_token(
        &self,
        prepared: &Prepared<'_>,
        (words, folded): (&[usize], &[Folded]),
        j: usize,
        (upper, inq): (bool, bool),
        covering: &[&Marker],
        around: [u16; 2],
    ) -> Vec<(String, f64)> {
        let t = &prepared.tokens[words[j]];
        let word = word_of(prepared, words[j]);
        let get = |map: &FxHashMap<String, f64>, k: &str| map.get(k).copied().unwrap_or(0.0);
        let mut bin = itoa::Buffer::new();
        let mut found: Vec<(Name<'_>, f64)> = Vec::with_capacity(16);
        found.push((Name("w=", word), get(&self.words_own, word)));
        if t.kind == TokenKind::Word {
            let lem = lemma(word).unwrap_or(word);
            found.push((Name("lem=", lem), get(&self.lems, lem)));
            if let Some(tail) = suffix(word) {
                found.push((Name("suf=", tail), get(&self.sufs, tail)));
            }
            let bin = bin.format(background_bin(word));
            found.push((Name("bg=", bin), get(&self.bins, bin)));
        }
        if j >= 2 {
            found.push((
                Name("w-2=", word_of(prepared, words[j - 2])),
                folded[j - 2].prev2,
            ));
        }
        if j >= 1 {
            found.push((
                Name("w-1=", word_of(prepared, words[j - 1])),
                folded[j - 1].prev1,
            ));
        }
        if j + 1 < words.len() {
            found.push((
                Name("w+1=", word_of(prepared, words[j + 1])),
                folded[j + 1].next1,
            ));
        }
        if j + 2 < words.len() {
            found.push((
                Name("w+2=", word_of(prepared, words[j + 2])),
                folded[j + 2].next2,
            ));
        }
        if j == 0 {
            found.push((Name("init", ""), self.init));
        } else if t.cap {
            found.push((Name("cap", ""), self.cap));
        }
        if upper {
            found.push((Name("upper", ""), self.upper));
        }
        if inq {
            found.push((Name("inq", ""), self.inq));
        }
        for m in covering {
            let cat = self.cats.get(&m.category).copied().unwrap_or(0.0);
            found.push((Name("m.cat=", m.category.as_str()), cat));
            if let Some(sub) = m.subcategory {
                let w = self.subs.get(&sub).copied().unwrap_or(0.0);
                found.push((Name("m.sub=", sub.as_str()), w));
            }
            let w = self.entries.get(&m.entry).copied().unwrap_or(0.0);
            found.push((Name("m.entry=", m.entry.as_str()), w));
            if m.negated {
                found.push((Name("m.neg", ""), self.neg));
            }
        }
        for ((prefix, weights), mask) in ["m-1.cat=", "m+1.cat="]
            .into_iter()
            .zip(&self.around)
            .zip(around)
        {
            for c in categories_in(mask) {
                found.push((Name(prefix, c.as_str()), weights[c as usize]));
            }
        }
        for name in self.lists.names_of(word) {
            found.push((Name("list=", name), get(&self.list_weights, name)));
        }
        found.retain(|&(_, w)| w > 0.0);
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.order(&b.0)));
        found.dedup_by(|a, b| a.0 == b.0);
        found.truncate(TOP_FEATURES);
        found
            .into_iter()
            .map(|(Name(prefix, rest), w)| (format!("{prefix}{rest}"), w))
            .collect()
    }
}

fn in_boilerplate(boilerplate: &[Span], start: usize, end: usize) -> bool {
    let i = boilerplate.partition_point(|s| s.start <= start);
    i > 0 && end <= boilerplate[i - 1].end
}

/// The same weights keyed by interned names.
fn interned(weights: FxHashMap<String, f64>) -> FxHashMap<Ustr, f64> {
    weights
        .into_iter()
        .map(|(k, v)| (Ustr::from(&k), v))
        .collect()
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// A word's own weight: its `w=`, and for a word its `lem=`, `suf=` and `bg=`, and its
    /// lists (no allocation: the prefixed weights are kept by what follows the prefix).
    /// The weights of a word's lemma (`lem=`) and suffix (`suf=`).
    fn shape_weight(&self, word: &str) -> f64 {
        let get = |map: &FxHashMap<String, f64>, k: &str| map.get(k).copied().unwrap_or(0.0);
        let lem = get(&self.lems, lemma(word).unwrap_or(word));
        lem + suffix(word).map_or(0.0, |tail| get(&self.sufs, tail))
    }

    fn own_weight(&self, word: &str, kind: TokenKind) -> f64 {
        let get = |map: &FxHashMap<String, f64>, k: &str| map.get(k).copied().unwrap_or(0.0);
        let mut own = get(&self.words_own, word);
        if kind == TokenKind::Word {
            own += self.shape_weight(word);
            let bin = background_bin(word);
            own += self
                .bins
                .get(itoa::Buffer::new().format(bin))
                .copied()
                .unwrap_or(0.0);
        }
        for name in self.lists.names_of(word) {
            own += get(&self.list_weights, name);
        }
        own
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::features::WordLists;
    use crate::Analyzer;

    const TEXT: &str =
        "Critics said the Harbor Council \u{201c}shamelessly\u{201d} accused 42 NGOs. \
        The mayor did not baselessly slam the ruthless, reckless plan. \"It is a SCANDAL,\" \
        Jane Roe said of the fiasco.";

    /// A model with a weight on every kind of feature the test text has.
    fn model() -> Model {
        let analyzer = Analyzer::new().unwrap();
        let lists = WordLists::new(vec![("mine".into(), vec!["mayor".into(), "plan".into()])]);
        let (_, tokens) = analyzer.token_features(TEXT, &lists).unwrap();
        let mut names: Vec<&String> = tokens.iter().flat_map(|t| &t.features).collect();
        names.sort();
        names.dedup();
        let mut text = String::from("framelens-model\t1\nintercept\t-1.5\nthreshold\t0.3\n");
        text.push_str("list\tmine\tmayor plan\n");
        for (i, name) in names.iter().enumerate() {
            let w = ((i * 7919) % 23) as f64 / 10.0 - 1.1;
            text.push_str(&format!("weight\t{name}\t{w}\n"));
        }
        Model::from_tsv_str(&text, "test").unwrap()
    }

    #[test]
    fn folded_scores_equal_the_sum_over_feature_names() {
        let model = model();
        let analyzer = Analyzer::new().unwrap().with_model(Arc::new(model.clone()));
        let (_, tokens) = analyzer.token_features(TEXT, &model.lists.clone()).unwrap();
        let analysis = analyzer.analyze_text(TEXT).unwrap();
        let lexicon = Analyzer::new().unwrap().analyze_text(TEXT).unwrap();
        let mut expected = Vec::new();
        for t in &tokens {
            let p = model.probability(&t.features);
            if p >= model.threshold() {
                expected.push((t.start, t.end, p, model.explain(&t.features, TOP_FEATURES)));
            }
        }
        let found: Vec<_> = analysis
            .markers
            .iter()
            .filter(|m| m.entry == MODEL_ENTRY)
            .map(|m| (m.start, m.end, m.score().unwrap(), m.features().to_vec()))
            .collect();
        assert!(found.len() >= 3, "{found:?}");
        assert_eq!(found.len(), expected.len(), "{found:?}\n{expected:?}");
        for (f, e) in found.iter().zip(&expected) {
            assert_eq!((f.0, f.1), (e.0, e.1));
            assert!((f.2 - e.2).abs() < 1e-12, "{f:?} {e:?}");
            assert_eq!(f.3, e.3);
        }
        // Quoted voice as usual; the model's markers stand in for the lexicon's loaded ones,
        // and the profile counts them; the other categories stay.
        let scandal = analysis.markers.iter().find(|m| m.text == "SCANDAL");
        if let Some(m) = scandal {
            assert_eq!(m.voice, Voice::Quoted);
        }
        assert!(lexicon
            .markers
            .iter()
            .any(|m| m.category == Category::Loaded));
        assert!(analysis
            .markers
            .iter()
            .all(|m| (m.category == Category::Loaded) == (m.entry == MODEL_ENTRY)));
        let others = |a: &crate::Analysis| {
            a.markers
                .iter()
                .filter(|m| m.category != Category::Loaded)
                .count()
        };
        assert_eq!(others(&analysis), others(&lexicon));
        assert_eq!(
            analysis
                .profile
                .counts
                .get(&Category::Loaded)
                .map(|c| c.all as usize),
            Some(found.len())
        );
    }

    #[test]
    fn words_outside_the_vocabulary_score_as_their_feature_names_say() {
        // Words no weight names and the background table lacks ("zorbles", a word longer
        // than 16 bytes), a list word given in capitals, and a number; at a threshold near 0
        // every token is a marker, and each score must equal the sum over its feature names.
        let text = "framelens-model\t2\nintercept\t-1\nthreshold\t0.000001\n\
            list\tmine\tQwertyx\nweight\tlist=mine\t1.5\nweight\tlem=zorble\t2\n\
            weight\tsuf=ing\t0.7\nweight\tbg=0\t0.4\nweight\tbg=5\t-0.3\n\
            weight\tw=<num>\t0.2\nweight\tw-1=zorbles\t0.9\n";
        let model = Model::from_tsv_str(text, "test").unwrap();
        let doc = "The zorbles were snorkeling near Qwertyx with 42 incomprehensiblenesses.";
        let analyzer = Analyzer::new().unwrap().with_model(Arc::new(model.clone()));
        let (_, tokens) = analyzer.token_features(doc, &model.lists.clone()).unwrap();
        let analysis = analyzer.analyze_text(doc).unwrap();
        let found: Vec<(usize, f64)> = analysis
            .markers
            .iter()
            .filter(|m| m.entry == MODEL_ENTRY)
            .map(|m| (m.start, m.score().unwrap()))
            .collect();
        assert_eq!(found.len(), tokens.len());
        for ((start, score), t) in found.iter().zip(&tokens) {
            assert_eq!(*start, t.start);
            let p = model.probability(&t.features);
            assert!((score - p).abs() < 1e-12, "{:?} {score} {p}", t.features);
        }
    }

    #[test]
    fn a_model_scores_the_documents_of_its_language_only() {
        let text = "framelens-model\t1\nintercept\t-2\nthreshold\t0.5\nweight\tw=fiasco\t3\n";
        let english = Model::from_tsv_str(text, "m").unwrap();
        assert_eq!(english.language(), "en");
        let russian = text.replace("intercept", "language\tru\nintercept");
        let russian = Model::from_tsv_str(&russian, "m").unwrap();
        assert_eq!(russian.language(), "ru");
        let doc = "The fiasco went on.";
        for (model, scored) in [(english, true), (russian, false)] {
            let a = Analyzer::new()
                .unwrap()
                .with_model(Arc::new(model))
                .analyze_text(doc)
                .unwrap();
            assert_eq!(a.markers.iter().any(|m| &*m.entry == "model"), scored);
        }
    }

    #[test]
    fn bad_lines_are_named() {
        for (text, message) in [
            ("", "m: empty; not a framelens model"),
            (
                "framelens-model\t3\n",
                "m:1: model format version '3'; this framelens reads versions 1 to 2",
            ),
            (
                "hello\n",
                "m:1: not a framelens model (expected 'framelens-model')",
            ),
            (
                "framelens-model\t1\n#c\nthreshold\t0.5\n",
                "m: no 'intercept' line",
            ),
            (
                "framelens-model\t1\nintercept\t1\nthreshold\t2\n",
                "m: threshold 2 is not in [0, 1]",
            ),
            (
                "framelens-model\t1\nweight\tw=a\t1\nweight\tw=a\t2\n",
                "m:3: feature 'w=a' has a second weight",
            ),
            (
                "framelens-model\t1\nweight\tw=a\tinf\n",
                "m:2: 'inf' is not a finite number",
            ),
            (
                "framelens-model\t1\nbias\t1\n",
                "m:2: unknown line kind 'bias'",
            ),
            (
                "framelens-model\t2\ncategory\treport\n",
                "m:2: a model marks tokens of a marker category, not 'report'",
            ),
            (
                "framelens-model\t1\nlanguage\tEN\n",
                "m:2: 'language' takes one ISO 639 code such as en",
            ),
            (
                "framelens-model\t1\nguard\tyes\n",
                "m:2: 'guard' is true or false",
            ),
        ] {
            let err = Model::from_tsv_str(text, "m").unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Model);
            assert_eq!(err.to_string(), message);
        }
        let err = Model::from_tsv_str("framelens-model\t1\ncategory\tspin\n", "m").unwrap_err();
        assert!(err.to_string().starts_with("m:2: "), "{err}");
    }
}
