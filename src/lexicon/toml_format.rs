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
//! note = "asserts in the writer's voice that a claim has no basis"
//! ```

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{Category, Entry, Term};
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    category: Option<String>,
    subcategory: Option<String>,
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Option<String>,
    category: Option<String>,
    subcategory: Option<String>,
    #[serde(default)]
    terms: Vec<String>,
    weight: Option<f64>,
    note: Option<String>,
}

fn line_of(src: &str, offset: usize) -> usize {
    src.as_bytes()[..offset.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub(super) fn parse(src: &str, name: &str) -> Result<Vec<Entry>> {
    let raw: RawFile = toml::from_str(src).map_err(|e| {
        let line = e.span().map(|s| line_of(src, s.start)).unwrap_or(1);
        Error::lexicon(format!("{name} line {line}: {}", e.message()))
    })?;
    let mut entries = Vec::with_capacity(raw.entry.len());
    for spanned in raw.entry {
        let line = line_of(src, spanned.span().start);
        let e = spanned.into_inner();
        let Some(id) = e.id.filter(|s| !s.trim().is_empty()) else {
            return Err(Error::lexicon(format!(
                "{name} line {line}: entry has no `id`"
            )));
        };
        let at = |msg: String| Error::lexicon(format!("{name} line {line}: entry `{id}` {msg}"));
        let category = match e.category.or_else(|| raw.category.clone()) {
            Some(c) => c
                .parse::<Category>()
                .map_err(|err| at(err.message().to_string()))?,
            None => return Err(at("has no category".into())),
        };
        if e.terms.is_empty() {
            return Err(at("has no terms".into()));
        }
        let mut terms = Vec::with_capacity(e.terms.len());
        for t in &e.terms {
            let term = Term::parse(t);
            if crate::text::normalize::normalize_term(&term.text).is_empty() {
                return Err(at(format!("has an empty term `{t}`")));
            }
            terms.push(term);
        }
        let weight = e.weight.unwrap_or(1.0);
        if !weight.is_finite() || weight <= 0.0 {
            return Err(at(format!(
                "has weight {weight}; it must be a positive number"
            )));
        }
        let note = e.note.unwrap_or_default();
        entries.push(Entry {
            id: Arc::from(id.as_str()),
            category,
            subcategory: e
                .subcategory
                .or_else(|| raw.subcategory.clone())
                .map(Arc::from),
            terms,
            weight: weight as f32,
            note: Arc::from(note),
            source: Arc::from(format!("{name} line {line}")),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::parse;

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
                "category = \"loaded\"\n[[entry]]\nterms = [\"a\"]\n",
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
