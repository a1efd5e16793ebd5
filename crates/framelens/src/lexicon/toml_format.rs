//! The TOML lexicon format, with errors that name the file, line and entry.
//!
//! ```toml
//! category = "loaded"          # default for every entry in the file
//!
//! [[entry]]
//! id = "baseless"
//! subcategory = "evaluative"
//! terms = ["baseless", "baselessly", "groundless*"]
//! weight = 1.0
//! exclude = ["baseless rumour mill"]  # phrases holding a term, where the entry does not fire;
//!                                     # `word*`: every word beginning with it (a prefix guard)
//! requires = ["claim", "claims"]      # one of these must be in the same sentence
//! note = "asserts in the writer's voice that a claim has no basis"
//! ```

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use ustr::Ustr;

use super::inflect::{forms, Pos};
use super::{Category, Entry, Term};
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    category: Option<String>,
    subcategory: Option<String>,
    /// Put in front of every id in the file ("report." -> "report.say").
    #[serde(default)]
    id_prefix: String,
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Option<String>,
    category: Option<String>,
    subcategory: Option<String>,
    #[serde(default)]
    terms: Vec<String>,
    lemma: Option<OneOrMany>,
    pos: Option<String>,
    #[serde(default)]
    double: bool,
    #[serde(default)]
    lowercase: bool,
    weight: Option<f64>,
    side: Option<String>,
    note: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    requires: Vec<String>,
    kind: Option<String>,
    head_of: Option<String>,
}

/// Line numbers of byte offsets in one source text: the line starts, found once, then a binary
/// search per lookup (counting newlines from the start for every entry made loading a file of
/// n entries take time in n squared).
pub(crate) struct Lines(Vec<usize>);

impl Lines {
    /// The line starts of `src`.
    pub(crate) fn new(src: &str) -> Lines {
        Lines(memchr::memchr_iter(b'\n', src.as_bytes()).collect())
    }

    /// The line (from 1) that byte `offset` is on.
    pub(crate) fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

pub(super) fn parse(src: &str, name: &str) -> Result<Vec<Entry>> {
    let lines = Lines::new(src);
    let raw: RawFile = toml::from_str(src).map_err(|e| {
        let line = e.span().map(|s| lines.of(s.start)).unwrap_or(1);
        Error::lexicon(format!("{name} line {line}: {}", e.message()))
    })?;
    let mut entries = Vec::with_capacity(raw.entry.len());
    for spanned in raw.entry {
        let line = lines.of(spanned.span().start);
        let e = spanned.into_inner();
        // The id defaults to the first lemma or term ("hatch plots" -> "hatch_plots").
        let default_id = || {
            let first = match &e.lemma {
                Some(OneOrMany::One(s)) => Some(s.as_str()),
                Some(OneOrMany::Many(v)) => v.first().map(String::as_str),
                None => e.terms.first().map(String::as_str),
            }?;
            let id = crate::text::normalize::normalize_term(first.trim_end_matches('*'))
                .replace([' ', '-'], "_");
            (!id.is_empty()).then_some(id)
        };
        if e.id.as_ref().is_some_and(|s| s.trim().is_empty()) {
            return Err(Error::lexicon(format!(
                "{name} line {line}: entry has an empty `id`"
            )));
        }
        // A head entry's id defaults to its parent's with `.head` ("unfounded_claims.head").
        let head_id = || e.head_of.as_ref().map(|p| format!("{p}.head"));
        let Some(id) = e.id.clone().or_else(head_id).or_else(default_id) else {
            return Err(Error::lexicon(format!(
                "{name} line {line}: entry has no `id` and no term to name it by"
            )));
        };
        let id = format!("{}{id}", raw.id_prefix);
        let at = |msg: String| Error::lexicon(format!("{name} line {line}: entry `{id}` {msg}"));
        let category = match e.category.or_else(|| raw.category.clone()) {
            Some(c) => c
                .parse::<Category>()
                .map_err(|err| at(err.message().to_string()))?,
            None => return Err(at("has no category".into())),
        };
        // (term as written, generated from a lemma)
        let mut raw_terms: Vec<(String, bool)> = e.terms.into_iter().map(|t| (t, false)).collect();
        if let Some(lemmas) = e.lemma {
            let pos = match e.pos.as_deref() {
                None => Pos::Other,
                Some(p) => Pos::parse(p).ok_or_else(|| {
                    at(format!("has pos `{p}`; expected verb, noun, adj or other"))
                })?,
            };
            for lemma in lemmas.into_vec() {
                let wildcard = lemma.trim_end().ends_with('*');
                if wildcard {
                    raw_terms.push((lemma, false));
                    continue;
                }
                // The lemma itself is written; its other forms are generated.
                let all = forms(&lemma, pos, e.double);
                raw_terms.extend(all.into_iter().enumerate().map(|(k, f)| (f, k > 0)));
            }
        } else if e.pos.is_some() {
            return Err(at("has `pos` but no `lemma`".into()));
        }
        if raw_terms.is_empty() {
            return Err(at("has no terms".into()));
        }
        let mut terms: Vec<Term> = Vec::with_capacity(raw_terms.len());
        for (t, generated) in &raw_terms {
            let term = Term {
                generated: *generated,
                ..Term::parse(t)
            };
            if crate::text::normalize::normalize_term(&term.text).is_empty() {
                return Err(at(format!("has an empty term `{t}`")));
            }
            if let Some(why) = super::dead_term(&term) {
                return Err(at(format!("has the term `{t}`, which {why}")));
            }
            if !terms
                .iter()
                .any(|x| x.text == term.text && x.wildcard == term.wildcard)
            {
                terms.push(term);
            }
        }
        let weight = e.weight.unwrap_or(1.0);
        // Checked as stored (32 bits): 1e39 would be infinite there and 1e-50 zero.
        if !weight.is_finite() || !(weight as f32).is_finite() || weight as f32 <= 0.0 {
            let shown = if weight != 0.0 && !(1e-4..1e6).contains(&weight.abs()) {
                format!("{weight:e}")
            } else {
                weight.to_string()
            };
            return Err(at(format!(
                "has weight {shown}; it must be a positive number below 3.4e38"
            )));
        }
        let note = e.note.unwrap_or_default();
        let normalized_terms: Vec<String> = terms
            .iter()
            .map(|t| crate::text::normalize::normalize_term(&t.text))
            .collect();
        let mut exclude = Vec::with_capacity(e.exclude.len());
        for phrase in &e.exclude {
            // A guard that holds none of the entry's terms could never cover a match of it. A
            // prefix guard (`бандерол*`) covers the words that begin with it; a term's stem
            // keeps at least the term's first four letters, so the guard must begin with them.
            let (norm, holds) = match super::prefix_word(phrase) {
                (stem, true) => {
                    let norm = crate::text::normalize::normalize_term(stem);
                    let holds = !norm.contains(' ')
                        && normalized_terms.iter().any(|n| {
                            let head: String = n.chars().take(STEM_HEAD_CHARS).collect();
                            norm.starts_with(&head)
                        });
                    (norm, holds)
                }
                (phrase, false) => {
                    let norm = crate::text::normalize::normalize_term(phrase);
                    let holds = terms.iter().zip(&normalized_terms).any(|(t, n)| {
                        if t.wildcard {
                            norm.split(' ').any(|w| w.starts_with(n.as_str()))
                        } else {
                            contains_words(&norm, n)
                        }
                    });
                    (norm, holds)
                }
            };
            if norm.is_empty() || !holds {
                return Err(at(format!(
                    "has exclude `{phrase}`, which holds none of its terms"
                )));
            }

            exclude.push(phrase.clone());
        }
        for phrase in &e.requires {
            if crate::text::normalize::normalize_term(phrase).is_empty() {
                return Err(at(format!("has an empty `requires` word `{phrase}`")));
            }
        }
        let subcategory = e.subcategory.or_else(|| raw.subcategory.clone());
        if category == Category::Report {
            if let Some(stance) = subcategory
                .as_deref()
                .filter(|s| crate::analysis::VerbStance::parse(s).is_none())
            {
                let known: Vec<&str> = crate::analysis::VerbStance::ALL
                    .iter()
                    .map(|v| v.as_str())
                    .collect();
                return Err(at(format!(
                    "has the stance (subcategory) `{stance}`; expected one of {}",
                    known.join(", ")
                )));
            }
        }
        let kind = match e.kind {
            None => None,
            Some(k) if category != Category::Report => {
                return Err(at(format!(
                    "has kind `{k}`, but only reporting cues (category `report`) have a kind"
                )))
            }
            Some(k) if !super::CUE_KINDS.contains(&k.as_str()) => {
                return Err(at(format!(
                    "has kind `{k}`; expected one of {}",
                    super::CUE_KINDS.join(", ")
                )))
            }
            Some(k) => Some(Ustr::from(&k)),
        };
        entries.push(Entry {
            id: Ustr::from(id.as_str()),
            category,
            subcategory: subcategory.map(|s| Ustr::from(&s)),
            terms,
            weight: weight as f32,
            lowercase: e.lowercase,
            side: e.side.map(Arc::from),
            exclude,
            requires: e.requires,
            kind,
            head_of: e.head_of.as_deref().map(Ustr::from),
            note: Arc::from(note),
            source: Arc::from(format!("{name} line {line}")),
        });
    }
    Ok(entries)
}

/// A prefix guard (an `exclude` word ending in `*`) begins with this many first chars of one
/// of its entry's terms (all of a shorter term): the shortest stem a pack may make.
const STEM_HEAD_CHARS: usize = 4;

/// Whether `phrase` holds `term` as whole words (both normalized: words separated by spaces).
fn contains_words(phrase: &str, term: &str) -> bool {
    phrase.match_indices(term).any(|(i, _)| {
        let before = phrase[..i].chars().next_back();
        let after = phrase[i + term.len()..].chars().next();
        !before.is_some_and(crate::text::tokens::is_word_char)
            && !after.is_some_and(crate::text::tokens::is_word_char)
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn lemmas_expand_and_inline_tables_work() {
        let src = "category = \"loaded\"\nentry = [\n  { id = \"accuse\", lemma = \"accuse\", pos = \"verb\", note = \"n\" },\n  { id = \"brutal\", lemma = \"brutal*\", note = \"n\" },\n]\n";
        let entries = parse(src, "t.toml").unwrap();
        let mut terms: Vec<_> = entries[0].terms.iter().map(|t| t.text.as_str()).collect();
        assert!(!entries[0].terms[0].generated && entries[0].terms[1].generated);
        terms.sort();
        assert_eq!(terms, ["accuse", "accused", "accuses", "accusing"]);
        assert!(entries[1].terms[0].wildcard);
        assert_eq!(&*entries[1].source, "t.toml line 4");
    }

    #[test]
    fn errors_name_file_line_and_entry() {
        let cases = [
            (
                "[[entry]]\nid = \"x\"\nterms = [\"a\"]\n",
                "t.toml line 1: entry `x` has no category",
            ),
            (
                "category = \"loaded\"\n\n[[entry]]\nid = \"x\"\n",
                "t.toml line 3: entry `x` has no terms",
            ),
            (
                "[[entry]]\nid = \"x\"\ncategory = \"nope\"\nterms = [\"a\"]\n",
                "t.toml line 1: entry `x` unknown category `nope`",
            ),
            (
                "category = \"loaded\"\n[[entry]]\nnote = \"a\"\n",
                "t.toml line 2: entry has no `id`",
            ),
            (
                "category = \"loaded\"\n[[entry]]\nid = \"x\"\nterms = [\"a\"]\nweight = -1\n",
                "weight -1",
            ),
            (
                "category = \"loaded\"\n[[entry]]\nid = \"x\"\nterms = [\" \"]\n",
                "empty term",
            ),
            (
                "category = \"loaded\"\n[[entry]]\nid = \"x\"\nterm = [\"a\"]\n",
                "t.toml line",
            ),
            ("category = \n", "t.toml line 1"),
            (
                "category = \"loaded\"\n[[entry]]\nid = \"x\"\nlemma = \"a\"\npos = \"verbish\"\n",
                "t.toml line 2: entry `x` has pos `verbish`",
            ),
            (
                "category = \"loaded\"\n[[entry]]\nid = \"\"\nterms = [\"a\"]\n",
                "t.toml line 2: entry has an empty `id`",
            ),
        ];
        for (src, want) in cases {
            let err = parse(src, "t.toml").unwrap_err();
            assert!(
                err.message().contains(want),
                "{src:?}: got `{err}`, want `{want}`"
            );
        }
    }
}
