//! Language packs: everything framelens knows about a language, as data.
//!
//! A pack is a folder `data/<code>/` (ISO 639-1 code) compiled into the crate:
//!
//! - `text.toml`: the word lists of the text engine and the detectors (abbreviations, sentence
//!   openers, months, negators, intensifiers, attribution and provenance lists), with the keys of
//!   `data/en/text.toml`;
//! - `lexicon/*.toml`: the lexicon (loaded language, hedges, boosters, reporting cues, naming
//!   groups, ...), in the format of `data/en/lexicon/README.md`;
//! - `script.toml` (optional): the text-engine rules of the language's script: sentence ends
//!   that need no capital after them, character folding, clitic prefixes, a stemmer. Without
//!   it the English rules apply.
//!
//! Adding a language is adding a folder: the build script lists the folders that hold a
//! `text.toml`.
//!
//! ```
//! use framelens::pack;
//!
//! assert!(pack::languages().contains(&"en"));
//! let english = framelens::Lexicon::for_language("en")?;
//! assert_eq!(english, framelens::Lexicon::default_english()?);
//! # Ok::<(), framelens::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The sources of one compiled-in pack.
#[derive(Debug)]
pub(crate) struct PackSource {
    pub code: &'static str,
    pub text: &'static str,
    pub script: Option<&'static str>,
    pub lexicon: &'static [(&'static str, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// The codes of the compiled-in language packs, in order.
pub fn languages() -> Vec<&'static str> {
    SOURCES.iter().map(|s| s.code).collect()
}

/// The compiled-in pack of `code`, or an error naming the packs there are.
pub(crate) fn source(code: &str) -> Result<&'static PackSource> {
    SOURCES.iter().find(|s| s.code == code).ok_or_else(|| {
        Error::lexicon(format!(
            "no language pack `{code}` (there are: {})",
            languages().join(", ")
        ))
    })
}

/// The text-engine rules of a script (`data/<code>/script.toml`). Every field is optional; the
/// defaults are the English rules.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// The script has no capital letters: after a sentence end any word may open the next
    /// sentence (Arabic, Persian, Chinese).
    #[serde(default)]
    pub caseless: bool,
    /// Punctuation that ends a sentence besides `.`, `!` and `?` (`؟`, `。`), one char each.
    #[serde(default)]
    pub sentence_ends: Vec<String>,
    /// Characters replaced, in the text and in the pack's own data, before matching (alef
    /// variants to bare alef, tatweel to nothing, Arabic-Indic digits to ASCII). Each key is one
    /// char; the value may be empty.
    #[serde(default)]
    pub fold: BTreeMap<String, String>,
    /// Prefixes (clitics) after which a lexicon term may start inside a word (`و`, `ال`).
    #[serde(default)]
    pub clitics: Vec<String>,
    /// A word must keep at least this many chars after a clitic for a term to start there.
    #[serde(default = "default_min_rest")]
    pub clitic_min_rest: usize,
    /// The Snowball stemmer applied to the lexicon's one-word terms (`russian`): a term whose
    /// stem keeps at least `min_stem_chars` chars also matches every word with that stem.
    #[serde(default)]
    pub stemmer: Option<String>,
    /// The shortest stem the stemmer may make into a prefix term.
    #[serde(default = "default_min_stem")]
    pub min_stem_chars: usize,
    /// Word beginnings that are not forms of the stem terms they begin with (`подлодк`,
    /// `подлинн` under `подл`, the stem of «подлый»): each becomes a prefix guard (`exclude`)
    /// of every entry with such a stem and no written term that begins with it. One lowercase
    /// word each, folded as the script folds (sorted on loading).
    #[serde(default)]
    pub not_stem_forms: Vec<String>,
    /// Whole words that are not forms of the stem terms they begin with, where a longer word
    /// beginning with them is (`прибыл`, 'arrived', under `прибыл`, the stem of «прибыль»,
    /// whose «прибыль» must still match): each becomes a guard of the whole word. Same form as
    /// `not_stem_forms`.
    #[serde(default)]
    pub not_stem_words: Vec<String>,
    /// Whole words that hold a term of an entry (after a clitic, before a suffix) and are no
    /// form of it, by entry id: «كافة» ('all') holds «افة» of «آفة» ('scourge') after the
    /// clitic «ك». Each becomes a guard of that entry (in a lexicon of your own, of the entry
    /// with that id, if any).
    #[serde(default)]
    pub not_term_words: BTreeMap<String, Vec<String>>,
    /// Dictionary-form endings of adjectives (`ый`, `ий`, `ая`, ...): in a multiword term, a
    /// word before the last that ends with one of them is declined with `adjective_endings`,
    /// every such word of the term with the same ending (adjectives agree), and the last word
    /// is matched by its stem, so «двойные стандарты» also matches «двойных стандартов». Empty:
    /// multiword terms match as written.
    #[serde(default)]
    pub adjective_lemma_endings: Vec<String>,
    /// The endings an adjective takes (every case, gender and number), replacing its dictionary
    /// ending.
    #[serde(default)]
    pub adjective_endings: Vec<String>,
    /// Suffixes written onto a word (Arabic: the feminine, plural and dual endings, the attached
    /// pronouns, the accusative alef): each one-word term of at least `suffix_min_chars` chars
    /// also matches itself with each of them (`صفعة` also `صفعات`, `صفعته`), as generated terms,
    /// so the lexicon is written without them.
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// What a term's last char becomes before a suffix, where it changes, and which suffixes
    /// each replacement takes (Arabic taa marbuta: `ة` becomes `ت` before the dual and the
    /// pronouns, and drops before the plural `ات`): a term ending with a key takes these
    /// instead of `suffixes`. Each key is one char.
    #[serde(default)]
    pub suffix_stems: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Prefixes a word after the first of a multiword term may carry in text (Arabic: the
    /// article `ال`, which an adjective takes to agree with a definite noun, and which a noun
    /// takes in a construct): a multiword term also matches with any of its later words
    /// prefixed (`عاصفة من انتقادات` also `عاصفة من الانتقادات`), as generated terms. The
    /// first word's prefixes are the `clitics`.
    #[serde(default)]
    pub inner_prefixes: Vec<String>,
    /// The shortest one-word term that takes `suffixes`.
    #[serde(default = "default_suffix_min")]
    pub suffix_min_chars: usize,
}

fn default_suffix_min() -> usize {
    3
}

fn default_min_rest() -> usize {
    2
}

fn default_min_stem() -> usize {
    4
}

impl Script {
    /// Parses `script.toml` text; `name` is used in error messages.
    pub fn from_toml_str(src: &str, name: &str) -> Result<Script> {
        let mut script: Script =
            toml::from_str(src).map_err(|e| Error::lexicon(format!("{name}: {e}")))?;
        for (key, list) in [
            ("not_stem_forms", &mut script.not_stem_forms),
            ("not_stem_words", &mut script.not_stem_words),
        ] {
            if let Some(bad) = list.iter().find(|f| {
                f.is_empty()
                    || f.contains(|c: char| c.is_whitespace() || c.is_uppercase() || c == '*')
            }) {
                return Err(Error::lexicon(format!(
                    "{name}: `{key}` item `{bad}` must be one lowercase word, without `*`"
                )));
            }
            list.sort_unstable();
            list.dedup();
        }
        for (what, list) in [("fold", script.fold.keys().collect::<Vec<_>>())]
            .into_iter()
            .chain([("sentence_ends", script.sentence_ends.iter().collect())])
            .chain([("suffix_stems", script.suffix_stems.keys().collect())])
        {
            if let Some(bad) = list.iter().find(|k| k.chars().count() != 1) {
                return Err(Error::lexicon(format!(
                    "{name}: `{what}` key `{bad}` must be exactly one char"
                )));
            }
        }
        if let Some(s) = &script.stemmer {
            if stemmer(s).is_none() {
                return Err(Error::lexicon(format!(
                    "{name}: unknown stemmer `{s}` (known: russian, arabic, english)"
                )));
            }
        }
        Ok(script)
    }

    /// `s` with this script's folding applied.
    pub fn fold(&self, s: &str) -> String {
        if self.fold.is_empty() {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut buf = [0u8; 4];
        for c in s.chars() {
            match self.fold.get(&*c.encode_utf8(&mut buf)) {
                Some(r) => out.push_str(r),
                None => out.push(c),
            }
        }
        out
    }
}

/// The Snowball stemmer of a name.
pub(crate) fn stemmer(name: &str) -> Option<rust_stemmers::Stemmer> {
    use rust_stemmers::{Algorithm, Stemmer};
    let algorithm = match name {
        "russian" => Algorithm::Russian,
        "arabic" => Algorithm::Arabic,
        "english" => Algorithm::English,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The script rules of the compiled-in pack `code` (the defaults when it has no `script.toml`).
pub(crate) fn script_of(src: &PackSource) -> Result<Script> {
    match src.script {
        Some(s) => Script::from_toml_str(s, &format!("data/{}/script.toml", src.code)),
        None => Ok(Script::default()),
    }
}
