//! Lexicons: what framelens looks for, as data.
//!
//! A lexicon is a list of [`Entry`] values, each with an id, a [`Category`], an optional
//! subcategory, the surface terms it matches, a weight and a note on why it frames. Lexicons are
//! TOML files (see `data/en/lexicon/README.md` for the format); the default English lexicon is
//! compiled in from `data/en/lexicon/*.toml`. [`Lexicon::compile`] turns a lexicon into a
//! [`Matcher`], one aho-corasick automaton over every term, built once and shared by all threads.
//!
//! ```
//! use framelens::{Analyzer, Category, Lexicon};
//!
//! let mine = Lexicon::from_toml_str(
//!     r#"
//! category = "loaded"
//!
//! [[entry]]
//! id = "potemkin_village"
//! lemma = "potemkin village"
//! pos = "noun"
//! note = "casts a showcase as a sham"
//! "#,
//!     "mine.toml",
//! )?;
//! let mut lexicon = Lexicon::default_english()?;
//! lexicon.extend(mine)?;
//! let analyzer = Analyzer::with_lexicon(&lexicon)?;
//! let analysis = analyzer.analyze_text("Both parties denounced the Potemkin villages.")?;
//! let village = analysis.markers.iter().find(|m| m.entry == "potemkin_village").unwrap();
//! assert_eq!((village.text.as_str(), village.category), ("Potemkin villages", Category::Loaded));
//! # Ok::<(), framelens::Error>(())
//! ```

mod import;
pub mod inflect;
mod matcher;
pub(crate) use matcher::{key as word_key, key_hash as word_key_hash};
pub(crate) mod toml_format;

pub use matcher::{Matcher, TermMatch};

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ustr::Ustr;

use crate::error::{Error, Result};

/// The kind of framing a lexicon entry marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Evaluative, emotive or pejorative wording in place of neutral wording.
    Loaded,
    /// Lowered commitment ("reportedly", "appears to").
    Hedge,
    /// Raised commitment, presupposed certainty ("clearly", "undeniably").
    Booster,
    /// Verbs that presuppose their complement is true ("revealed", "exposed").
    Factive,
    /// One of several competing names for the same referent ("regime" / "government").
    Naming,
    /// A cue of a policy frame ("sanctions" -> economic).
    Frame,
    /// A cue of a generic news frame: conflict, human interest, economic consequences,
    /// morality or resolution ("clash" -> conflict).
    GenericFrame,
    /// Distancing quotation ("so-called", a short quoted phrase with no speaker).
    ScareQuote,
    /// A reporting cue ("said", "according to", "claimed"); the subcategory is its stance.
    /// Attribution reads these; they are not counted as markers.
    Report,
}

/// More than the number of [`Category`] variants: a category's index (`c as usize`) into
/// per-category arrays and bit sets.
pub(crate) const CATEGORY_SLOTS: usize = 16;

/// An `exclude` or `requires` word without its trailing `*`, and whether it had one (a prefix,
/// as in terms: `sanction*`).
fn prefix_word(word: &str) -> (&str, bool) {
    match word.strip_suffix('*') {
        Some(stem) if !stem.is_empty() => (stem, true),
        _ => (word, false),
    }
}

impl Category {
    /// Every marker category, in the order tables show them ([`Category::Report`] is not a
    /// marker category).
    pub const ALL: [Category; 8] = [
        Category::Loaded,
        Category::Hedge,
        Category::Booster,
        Category::Factive,
        Category::Naming,
        Category::Frame,
        Category::GenericFrame,
        Category::ScareQuote,
    ];

    /// The lowercase name ("loaded", "scare_quote").
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Loaded => "loaded",
            Category::Hedge => "hedge",
            Category::Booster => "booster",
            Category::Factive => "factive",
            Category::Naming => "naming",
            Category::Frame => "frame",
            Category::GenericFrame => "generic_frame",
            Category::ScareQuote => "scare_quote",
            Category::Report => "report",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Category::ALL
            .into_iter()
            .chain([Category::Report])
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Category::ALL
                    .iter()
                    .chain(&[Category::Report])
                    .map(|c| c.as_str())
                    .collect();
                Error::lexicon(format!(
                    "unknown category `{s}` (expected one of: {})",
                    names.join(", ")
                ))
            })
    }
}

/// One surface term of an entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Term {
    /// The term as written in the lexicon.
    pub text: String,
    /// `brutal*`: the term matches any word that starts with it.
    pub wildcard: bool,
    /// Generated from a `lemma` (an inflection or derivation) rather than written: where it
    /// repeats a term of another entry of the category, it is dropped instead of an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

impl Term {
    /// Parses a term as written in a lexicon (a trailing `*` makes it a wildcard).
    pub fn parse(raw: &str) -> Term {
        let raw = raw.trim();
        match raw.strip_suffix('*') {
            Some(stem) => Term {
                text: stem.trim_end().to_string(),
                wildcard: true,
                generated: false,
            },
            None => Term {
                text: raw.to_string(),
                wildcard: false,
                generated: false,
            },
        }
    }
}

/// One lexicon entry: a framing device and the terms that express it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique id within the lexicon ("baseless"). Interned: markers copy it without counting
    /// references.
    pub id: Ustr,
    /// What kind of framing it marks.
    pub category: Category,
    /// A finer class within the category ("evaluative", "pejorative_label", "economic").
    pub subcategory: Option<Ustr>,
    /// The surface terms.
    pub terms: Vec<Term>,
    /// How strongly it frames (1.0 is typical).
    pub weight: f32,
    /// Why it frames, in one line.
    pub note: Arc<str>,
    /// Match only where the original is lowercase or opens a sentence ("may" but not "May 5").
    #[serde(default)]
    pub lowercase: bool,
    /// For a naming entry: the side that tends to use this name ("government", "opposition").
    pub side: Option<Arc<str>>,
    /// Phrases that contain a term of the entry and in which it does not fire ("regime change"
    /// for "regime"; "justice department" for a fairness cue "justice"). A word ending in `*`
    /// is a prefix guard: the entry does not fire on a word that begins with it (`подлинн*`,
    /// so the stem of «подлый» does not catch «подлинный»); it begins with the first four
    /// letters of one of the terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Words or phrases of which one must occur in the same sentence for the entry to fire (a
    /// bare word too generic on its own); empty: no condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// For a reporting cue: what it reports (`speech`, `belief`, `evidence`, `intention`,
    /// `perception`, `nominal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Ustr>,
    /// For a head entry: the id of the multiword entry whose head word it is. A head entry
    /// matches, on its own, a word of the parent's multiword terms that frames by itself
    /// ("unfounded" of "unfounded claims"), at a lower weight than the parent; where the whole
    /// phrase occurs the parent's longer match wins. See [`Lexicon::check_heads`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_of: Option<Ustr>,
    /// Where it was defined ("loaded.toml line 12"), for messages.
    pub source: Arc<str>,
}

/// Why a term that parses could never match, if it could not: text is matched by words, so a
/// term needs a letter or digit, and `*` is a wildcard only at a term's end.
pub(crate) fn dead_term(term: &Term) -> Option<&'static str> {
    if !term.text.chars().any(char::is_alphanumeric) {
        Some("has no letter or digit")
    } else if term.text.contains('*') {
        Some("has a `*` before its end; `*` may only end a term (a prefix: `witch hunt*`)")
    } else {
        None
    }
}

/// The kinds a reporting cue may have.
pub const CUE_KINDS: [&str; 6] = [
    "speech",
    "belief",
    "evidence",
    "intention",
    "perception",
    "nominal",
];

/// A lexicon: entries in a fixed order, with unique ids.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(from = "Entries", into = "Entries")]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// The position of each entry by id, so adding an entry checks its id in constant time.
    ids: HashMap<Ustr, usize>,
}

/// How a lexicon is serialized: its entries.
#[derive(Serialize, Deserialize)]
struct Entries {
    entries: Vec<Entry>,
}

impl From<Entries> for Lexicon {
    fn from(e: Entries) -> Lexicon {
        let ids = e
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        Lexicon {
            entries: e.entries,
            ids,
        }
    }
}

impl From<Lexicon> for Entries {
    fn from(l: Lexicon) -> Entries {
        Entries { entries: l.entries }
    }
}

/// Lexicons are equal when their entries are.
impl PartialEq for Lexicon {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

/// Reads a lexicon file as UTF-8; errors name the file (and the byte offset of bad UTF-8).
fn read_lexicon_file(path: &Path) -> Result<(String, String)> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| Error::io(e, format_args!("cannot read lexicon {name}")))?;
    let src = String::from_utf8(bytes).map_err(|e| {
        Error::lexicon(format!(
            "{name}: not valid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((src, name))
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Lexicon::default()
    }

    /// The default English lexicon shipped with framelens.
    pub fn default_english() -> Result<Self> {
        Lexicon::for_language("en")
    }

    /// The lexicon of a compiled-in language pack ([`crate::pack::languages`]): its files in
    /// name order, folded by the pack's script rules, and with the stemmer's prefix terms
    /// added when the pack names one.
    pub fn for_language(code: &str) -> Result<Self> {
        let source = crate::pack::source(code)?;
        let script = crate::pack::script_of(source)?;
        let mut lexicon = Lexicon::new();
        for (name, src) in source.lexicon {
            let name = format!("data/{code}/lexicon/{name}");
            lexicon.extend(Lexicon::from_toml_str(src, &name)?)?;
        }
        lexicon.check_heads()?;
        lexicon.fold_terms(&script);
        lexicon.apply_script(&script)
    }

    /// The same lexicon made ready for the text of language pack `code`: its terms folded as
    /// the pack's script folds the text, and the stemmer's prefix terms added when the pack
    /// names one. [`Lexicon::for_language`] does this to the pack's own lexicon; do it to a
    /// lexicon of your own before analysing that language with it.
    ///
    /// ```
    /// use framelens::Lexicon;
    ///
    /// let src = "category = \"loaded\"\n[[entry]]\nterms = [\"أزمة\"]\nnote = \"crisis\"\n";
    /// let lexicon = Lexicon::from_toml_str(src, "mine.toml")?.for_script_of("ar")?;
    /// assert_eq!(lexicon.entries()[0].terms[0].text, "ازمة");
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn for_script_of(self, code: &str) -> Result<Self> {
        let script = crate::pack::script_of(crate::pack::source(code)?)?;
        let mut lexicon = self;
        lexicon.fold_terms(&script);
        lexicon.apply_script(&script)
    }

    /// Folds the terms, exclusions and requirements as the script folds the text. A term that
    /// folding changes counts as generated: where it then repeats a term of another entry of
    /// its category (`ذكّر` and `ذكر` fold to one spelling), the earlier entry keeps it.
    fn fold_terms(&mut self, script: &crate::pack::Script) {
        if script.fold.is_empty() {
            return;
        }
        for e in &mut self.entries {
            for t in &mut e.terms {
                let folded = script.fold(&t.text);
                if folded != t.text {
                    t.text = folded;
                    t.generated = true;
                }
            }
            for x in e.exclude.iter_mut().chain(e.requires.iter_mut()) {
                *x = script.fold(x);
            }
        }
    }

    fn apply_script(mut self, script: &crate::pack::Script) -> Result<Self> {
        if let Some(stemmer) = script.stemmer.as_deref().and_then(crate::pack::stemmer) {
            self.add_stem_terms(
                &stemmer,
                script.min_stem_chars,
                &script.not_stem_forms,
                &script.not_stem_words,
            );
            if !script.adjective_endings.is_empty() {
                self.add_declined_phrases(&stemmer, script);
            }
        }
        if !script.suffixes.is_empty() {
            self.add_suffixed_terms(script);
        }
        if !script.inner_prefixes.is_empty() {
            self.add_inner_prefixed_terms(&script.inner_prefixes);
        }
        if !script.not_term_words.is_empty() {
            self.add_term_word_guards(script)?;
        }
        self.drop_repeated_generated_terms();
        self.check_unique_terms()?;
        Ok(self)
    }

    /// Adds the script's `not_term_words` of each entry as guards of that entry (folded as the
    /// text is). Each word must hold one of the entry's terms (written or generated).
    fn add_term_word_guards(&mut self, script: &crate::pack::Script) -> Result<()> {
        for e in &mut self.entries {
            let Some(words) = script.not_term_words.get(&*e.id) else {
                continue;
            };
            for word in words {
                let folded = script.fold(&word.to_lowercase());
                if !e.terms.iter().any(|t| folded.contains(t.text.as_str())) {
                    return Err(Error::lexicon(format!(
                        "script `not_term_words`: `{word}` holds no term of entry `{}`",
                        e.id
                    )));
                }
                e.exclude.push(folded);
            }
        }
        Ok(())
    }

    /// Adds to each written multiword term its forms with later words prefixed (generated):
    /// every combination of the words after the first (up to the first four of them), each
    /// bare or with one of `prefixes`, so `عاصفة من انتقادات` also matches `عاصفة من
    /// الانتقادات`.
    fn add_inner_prefixed_terms(&mut self, prefixes: &[String]) {
        const MAX_WORDS: usize = 4;
        let choices = prefixes.len() + 1;
        self.add_forms(|t| {
            let words: Vec<&str> = t.text.split_whitespace().collect();
            if words.len() < 2 {
                return Vec::new();
            }
            let later = (words.len() - 1).min(MAX_WORDS);
            // Combination 0 is the term as written.
            (1..choices.pow(later as u32))
                .map(|mut code| {
                    let mut text = String::from(words[0]);
                    for (i, w) in words.iter().enumerate().skip(1) {
                        text.push(' ');
                        if i <= MAX_WORDS {
                            let choice = code % choices;
                            code /= choices;
                            // A word that already starts with the prefix is left as it is (the
                            // form repeats another and is dropped).
                            match prefixes.get(choice.wrapping_sub(1)) {
                                Some(prefix) if !w.starts_with(prefix.as_str()) => {
                                    text.push_str(prefix);
                                }
                                _ => {}
                            }
                        }
                        text.push_str(w);
                    }
                    (text, t.wildcard)
                })
                .collect()
        });
    }

    /// Adds to each written one-word term of at least `suffix_min_chars` chars its forms with
    /// each of the script's `suffixes` (generated), or, where its last char is a key of
    /// `suffix_stems`, with each replacement of that char and the suffixes it takes: `صفعة`
    /// also matches `صفعات`, `صفعته`, `صفعتها`.
    fn add_suffixed_terms(&mut self, script: &crate::pack::Script) {
        self.add_forms(|t| {
            if t.wildcard
                || t.text.contains(char::is_whitespace)
                || t.text.chars().count() < script.suffix_min_chars
            {
                return Vec::new();
            }
            let last = t
                .text
                .chars()
                .next_back()
                .map(String::from)
                .unwrap_or_default();
            let bases: Vec<(String, &[String])> = match script.suffix_stems.get(&last) {
                Some(replacements) => {
                    let head = &t.text[..t.text.len() - last.len()];
                    replacements
                        .iter()
                        .map(|(r, suffixes)| (format!("{head}{r}"), suffixes.as_slice()))
                        .collect()
                }
                None => vec![(t.text.clone(), script.suffixes.as_slice())],
            };
            bases
                .iter()
                .flat_map(|(base, suffixes)| {
                    suffixes.iter().map(move |x| (format!("{base}{x}"), false))
                })
                .collect()
        });
    }

    /// Adds to each entry the generated terms `forms` makes of each of its terms (text and
    /// wildcard). `forms` sees every term that was there before, written, folded or generated
    /// by an earlier rule, and none of the forms it makes, so no form is made of a form of the
    /// same rule; a form that repeats a term is dropped by `drop_repeated_generated_terms`.
    fn add_forms(&mut self, mut forms: impl FnMut(&Term) -> Vec<(String, bool)>) {
        for e in &mut self.entries {
            let extra: Vec<Term> = e
                .terms
                .iter()
                .flat_map(&mut forms)
                .map(|(text, wildcard)| Term {
                    text,
                    wildcard,
                    generated: true,
                })
                .collect();
            e.terms.extend(extra);
        }
    }

    /// Adds to each one-word term its stem as a prefix term (generated), when the stem keeps
    /// at least `min_chars` chars: `жестокий` also matches `жестокого`, `жестокие`. A one-word
    /// `requires` word becomes a prefix the same way (`санкция` as `санкц*`, or the word itself
    /// as a prefix when its stem is shorter: `цена` as `цен*`), so context words match in any
    /// form. Each word beginning of `not_forms` (sorted) that begins with an entry's stem but
    /// with none of its written terms becomes a prefix guard of the entry: «подлодк» under
    /// «подл», the stem of «подлый». Each word of `not_words` (sorted) that begins with an
    /// entry's stem and is none of its written terms becomes a guard of that word: «прибыл»
    /// under «прибыл», the stem of «прибыль».
    fn add_stem_terms(
        &mut self,
        stemmer: &rust_stemmers::Stemmer,
        min_chars: usize,
        not_forms: &[String],
        not_words: &[String],
    ) {
        for e in &mut self.entries {
            for word in &mut e.requires {
                if word.ends_with('*') || word.contains(char::is_whitespace) {
                    continue;
                }
                let lower = word.to_lowercase();
                let stem = stemmer.stem(&lower);
                *word = if stem.chars().count() >= min_chars {
                    format!("{stem}*")
                } else {
                    format!("{lower}*")
                };
            }
        }
        self.add_forms(|t| {
            if t.wildcard || t.text.contains(char::is_whitespace) {
                return Vec::new();
            }
            let stem = stemmer.stem(&t.text.to_lowercase()).into_owned();
            if stem.chars().count() >= min_chars {
                vec![(stem, true)]
            } else {
                Vec::new()
            }
        });
        if not_forms.is_empty() && not_words.is_empty() {
            return;
        }
        // The sorted items of `list` that begin with `stem`.
        fn under<'a>(list: &'a [String], stem: &'a str) -> impl Iterator<Item = &'a String> {
            let from = list.partition_point(|f| f.as_str() < stem);
            list[from..].iter().take_while(move |f| f.starts_with(stem))
        }
        for e in &mut self.entries {
            let mut guards: Vec<String> = Vec::new();
            for stem in e.terms.iter().filter(|t| t.generated && t.wildcard) {
                for f in under(not_forms, &stem.text) {
                    let own = e
                        .terms
                        .iter()
                        .any(|t| !t.generated && t.text.to_lowercase().starts_with(f.as_str()));
                    if f.len() > stem.text.len() && !own {
                        guards.push(format!("{f}*"));
                    }
                }
                for w in under(not_words, &stem.text) {
                    let own = e
                        .terms
                        .iter()
                        .any(|t| !t.generated && t.text.to_lowercase() == *w);
                    if !own {
                        guards.push(w.clone());
                    }
                }
            }
            guards.sort_unstable();
            guards.dedup();
            e.exclude.extend(guards);
        }
    }

    /// Adds to each multiword term its declined forms (generated): every word before the last
    /// that ends with one of the script's adjective dictionary endings takes each of its
    /// `adjective_endings` in turn (all such words the same one: adjectives agree), and the last
    /// word becomes its stem as a prefix when the stem keeps `min_stem_chars` chars:
    /// «двойные стандарты» also matches «двойных стандартов», «киевский режим» «киевского
    /// режима». Where only the last word is an adjective, it alone declines, by its stem
    /// («так называемый» also matches «так называемая»). A term with no adjective is left as
    /// written.
    fn add_declined_phrases(
        &mut self,
        stemmer: &rust_stemmers::Stemmer,
        script: &crate::pack::Script,
    ) {
        self.add_forms(|t| {
            if t.wildcard || !t.text.contains(char::is_whitespace) {
                return Vec::new();
            }
            let lower = t.text.to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            let Some((last, before)) = words.split_last() else {
                return Vec::new();
            };
            // Each word before the last: (its base, true) for an adjective, else (as is, false).
            let parts: Vec<(&str, bool)> = before
                .iter()
                .map(|w| {
                    script
                        .adjective_lemma_endings
                        .iter()
                        .find(|end| w.ends_with(end.as_str()) && w.len() > end.len() + 2)
                        .map_or((*w, false), |end| (&w[..w.len() - end.len()], true))
                })
                .collect();
            let last_adjective = script
                .adjective_lemma_endings
                .iter()
                .any(|end| last.ends_with(end.as_str()) && last.len() > end.len() + 2);
            if !parts.iter().any(|p| p.1) && !last_adjective {
                return Vec::new();
            }
            // The last word's stem as a prefix; where the stemmer cuts too deep («режим» to
            // «реж», an adjective's ending taken for the noun's), the word itself as a prefix
            // («режим*»: «режима», «режиме»); a short word as written.
            let stem = stemmer.stem(last);
            let (tail, wildcard) = if stem.chars().count() >= script.min_stem_chars {
                (stem.into_owned(), true)
            } else {
                (
                    (*last).to_string(),
                    last.chars().count() >= script.min_stem_chars,
                )
            };
            // Only the last word declines («так называемый»: «так называемая», «так
            // называемых»): the others as written, the last by its stem.
            if !parts.iter().any(|p| p.1) {
                let mut text = before.join(" ");
                text.push(' ');
                text.push_str(&tail);
                return vec![(text, wildcard)];
            }
            script
                .adjective_endings
                .iter()
                .map(|ending| {
                    let mut text = String::new();
                    for (base, adjective) in &parts {
                        text.push_str(base);
                        if *adjective {
                            text.push_str(ending);
                        }
                        text.push(' ');
                    }
                    text.push_str(&tail);
                    (text, wildcard)
                })
                .collect()
        });
    }

    /// Parses a lexicon from TOML text; `name` (a file name) is used in error messages.
    pub fn from_toml_str(src: &str, name: &str) -> Result<Self> {
        let entries = toml_format::parse(src, name)?;
        let mut lexicon = Lexicon::new();
        for entry in entries {
            lexicon.push(entry)?;
        }
        lexicon.drop_repeated_generated_terms();
        lexicon.check_unique_terms()?;
        Ok(lexicon)
    }

    /// Reads a lexicon from a TOML file.
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<Self> {
        let (src, name) = read_lexicon_file(path.as_ref())?;
        Lexicon::from_toml_str(&src, &name)
    }

    /// Reads a plain word list (see [`Lexicon::from_wordlist_str`]).
    pub fn from_wordlist_file(path: impl AsRef<Path>, category: Category) -> Result<Self> {
        let (src, name) = read_lexicon_file(path.as_ref())?;
        Lexicon::from_wordlist_str(&src, &name, category)
    }

    /// Reads MPQA subjectivity clues (see [`Lexicon::from_mpqa_str`]).
    pub fn from_mpqa_file(path: impl AsRef<Path>, category: Category) -> Result<Self> {
        let (src, name) = read_lexicon_file(path.as_ref())?;
        Lexicon::from_mpqa_str(&src, &name, category)
    }

    /// Reads a LIWC-style dictionary (see [`Lexicon::from_liwc_str`]).
    pub fn from_liwc_file(path: impl AsRef<Path>, category: Category) -> Result<Self> {
        let (src, name) = read_lexicon_file(path.as_ref())?;
        Lexicon::from_liwc_str(&src, &name, category)
    }

    /// Adds one entry; its id must be new.
    pub fn push(&mut self, entry: Entry) -> Result<()> {
        if let Some(&old) = self.ids.get(&entry.id) {
            return Err(Error::lexicon(format!(
                "{}: entry `{}` is already defined at {}",
                entry.source, entry.id, self.entries[old].source
            )));
        }
        self.ids.insert(entry.id, self.entries.len());
        self.entries.push(entry);
        Ok(())
    }

    /// Adds every entry of `other`; ids must not clash.
    pub fn extend(&mut self, other: Lexicon) -> Result<()> {
        self.entries.reserve(other.entries.len());
        for entry in other.entries {
            self.push(entry)?;
        }
        Ok(())
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops each generated term (an inflection or derivation of a lemma) that another entry of
    /// its category already has, written or generated earlier: "absurdity", derived from
    /// "absurd", stays with an entry of its own for "absurdity".
    fn drop_repeated_generated_terms(&mut self) {
        let key = |c: Category, t: &Term| {
            (
                c,
                crate::text::normalize::normalize_term(&t.text),
                t.wildcard,
            )
        };
        let mut written: std::collections::HashSet<(Category, String, bool)> = self
            .entries
            .iter()
            .flat_map(|e| {
                e.terms
                    .iter()
                    .filter(|t| !t.generated)
                    .map(move |t| key(e.category, t))
            })
            .collect();
        for e in &mut self.entries {
            let category = e.category;
            e.terms
                .retain(|t| !t.generated || written.insert(key(category, t)));
        }
    }

    /// Fails if two entries of one category list the same term (after normalization), naming
    /// both. Hand-written lexicons are checked on load; imported ones may overlap, and then the
    /// earlier entry wins a match.
    pub fn check_unique_terms(&self) -> Result<()> {
        let mut seen: std::collections::HashMap<(Category, String, bool), usize> =
            std::collections::HashMap::new();
        let mut problems = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            for term in &entry.terms {
                let key = (
                    entry.category,
                    crate::text::normalize::normalize_term(&term.text),
                    term.wildcard,
                );
                match seen.get(&key) {
                    Some(&j) if j != i => {
                        let other = &self.entries[j];
                        problems.push(format!(
                            "{}: entry `{}` repeats the {} term `{}` of entry `{}` ({})",
                            entry.source,
                            entry.id,
                            entry.category,
                            term.text,
                            other.id,
                            other.source
                        ));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key, i);
                    }
                }
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        let more = problems.len().saturating_sub(20);
        problems.truncate(20);
        if more > 0 {
            problems.push(format!("... and {more} more"));
        }
        Err(Error::lexicon(problems.join("\n")))
    }

    /// Checks every head entry (one with [`Entry::head_of`]) against its parent: the parent is
    /// an entry of this lexicon, of the same category, not itself a head entry; the head weighs
    /// less than the parent; and each of its terms is one whole word (no wildcard) of one of the
    /// parent's multiword terms. [`Lexicon::for_language`] checks its pack this way; call it on
    /// a lexicon of your own once all its files are in (a head and its parent may sit in
    /// different files).
    ///
    /// ```
    /// use framelens::Lexicon;
    ///
    /// let src = r#"
    /// category = "loaded"
    /// entry = [
    ///   { id = "junk_science", terms = ["junk science"], note = "dismisses research" },
    ///   { head_of = "junk_science", terms = ["junk"], weight = 0.5, note = "head word" },
    /// ]
    /// "#;
    /// let lexicon = Lexicon::from_toml_str(src, "mine.toml")?;
    /// lexicon.check_heads()?;
    /// assert_eq!(lexicon.entries()[1].id, "junk_science.head");
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn check_heads(&self) -> Result<()> {
        for e in &self.entries {
            let Some(parent_id) = e.head_of else {
                continue;
            };
            let at = |msg: String| {
                Error::lexicon(format!(
                    "{}: head entry `{}` of `{parent_id}` {msg}",
                    e.source, e.id
                ))
            };
            let Some(parent) = self.ids.get(&parent_id).map(|&i| &self.entries[i]) else {
                return Err(at("names a parent no entry of the lexicon has".into()));
            };
            if parent.head_of.is_some() {
                return Err(at(format!(
                    "names a parent that is itself a head entry ({})",
                    parent.source
                )));
            }
            if parent.category != e.category {
                return Err(at(format!(
                    "is {} but its parent is {} ({})",
                    e.category, parent.category, parent.source
                )));
            }
            if e.weight >= parent.weight {
                return Err(at(format!(
                    "weighs {}, not less than its parent's {} ({})",
                    e.weight, parent.weight, parent.source
                )));
            }
            let phrases: Vec<String> = parent
                .terms
                .iter()
                .filter(|t| !t.wildcard)
                .map(|t| crate::text::normalize::normalize_term(&t.text))
                .filter(|t| t.contains(' '))
                .collect();
            for t in &e.terms {
                let word = crate::text::normalize::normalize_term(&t.text);
                let in_parent = !t.wildcard
                    && !word.contains(' ')
                    && phrases.iter().any(|p| p.split(' ').any(|w| w == word));
                if !in_parent {
                    return Err(at(format!(
                        "has term `{}`, which is not one word of a multiword term of its parent ({})",
                        t.text, parent.source
                    )));
                }
            }
        }
        Ok(())
    }

    /// Keeps only the entries for which `keep` returns true.
    pub fn retain(&mut self, keep: impl FnMut(&Entry) -> bool) {
        self.entries.retain(keep);
        self.ids = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
    }

    /// The lexicon without the entries of `categories`: leave a frame set out with
    /// `without_categories(&[Category::GenericFrame])`.
    ///
    /// ```
    /// use framelens::{Category, Lexicon};
    ///
    /// let lexicon = Lexicon::default_english()?.without_categories(&[Category::GenericFrame]);
    /// assert!(lexicon.entries().iter().all(|e| e.category != Category::GenericFrame));
    /// assert!(lexicon.entries().iter().any(|e| e.category == Category::Frame));
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn without_categories(&self, categories: &[Category]) -> Lexicon {
        let mut kept = self.clone();
        kept.retain(|e| !categories.contains(&e.category));
        kept
    }

    /// Builds the matcher for this lexicon.
    pub fn compile(&self) -> Result<Matcher> {
        Matcher::new(self)
    }
}
