//! Importers for published word-list formats: plain word lists, MPQA subjectivity clues
//! (`.tff`) and LIWC-style dictionaries (`.dic`). Imported lexicons may list a term under several
//! entries of one category; the earlier entry then wins a match.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use ustr::Ustr;

use super::{Category, Entry, Lexicon, Term};
use crate::error::{Error, Result};

fn entry(
    id: String,
    category: Category,
    sub: Option<&str>,
    terms: Vec<Term>,
    weight: f32,
    note: &str,
    source: String,
) -> Entry {
    Entry {
        id: Ustr::from(&id),
        category,
        subcategory: sub.map(Ustr::from),
        terms,
        weight,
        note: Arc::from(note),
        lowercase: false,
        side: None,
        exclude: Vec::new(),
        requires: Vec::new(),
        kind: None,
        head_of: None,
        source: Arc::from(source),
    }
}

impl Lexicon {
    /// A lexicon from a plain word list: one term per line, `#` starts a comment, a trailing `*`
    /// makes a wildcard. Each distinct term becomes one entry of `category`.
    pub fn from_wordlist_str(src: &str, name: &str, category: Category) -> Result<Lexicon> {
        // A byte-order mark is no part of the first word (it was kept in its term and id).
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let mut lexicon = Lexicon::new();
        let mut seen = std::collections::HashSet::new();
        for (i, line) in src.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let term = Term::parse(line);
            let norm = crate::text::normalize::normalize_term(&term.text);
            if norm.is_empty() {
                continue;
            }
            if let Some(why) = super::dead_term(&term) {
                return Err(Error::lexicon(format!(
                    "{name} line {}: the term `{line}` {why}",
                    i + 1
                )));
            }
            if !seen.insert((norm.clone(), term.wildcard)) {
                continue;
            }
            lexicon.push(entry(
                format!("{name}:{line}"),
                category,
                None,
                vec![term],
                1.0,
                "",
                format!("{name} line {}", i + 1),
            ))?;
        }
        Ok(lexicon)
    }

    /// A lexicon from MPQA subjectivity clues (`type=strongsubj len=1 word1=abandon pos1=verb
    /// stemmed1=y priorpolarity=negative`). Each word becomes one entry of `category` with
    /// subcategory `strongsubj` or `weaksubj` (weight 1.0 or 0.5); `stemmed1=y` words match
    /// any word they start (`abandon*`).
    pub fn from_mpqa_str(src: &str, name: &str, category: Category) -> Result<Lexicon> {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        // word -> (strong?, wildcard?, first line)
        let mut words: BTreeMap<String, (bool, bool, usize)> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: HashMap<&str, &str> = line
                .split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .collect();
            let Some(word) = fields.get("word1").filter(|w| !w.is_empty()) else {
                return Err(Error::lexicon(format!(
                    "{name} line {}: no `word1=` field",
                    i + 1
                )));
            };
            let strong = match fields.get("type") {
                Some(&"strongsubj") => true,
                Some(&"weaksubj") => false,
                other => {
                    return Err(Error::lexicon(format!(
                        "{name} line {}: `type` must be strongsubj or weaksubj, not {:?}",
                        i + 1,
                        other.unwrap_or(&"")
                    )))
                }
            };
            let stemmed = fields.get("stemmed1") == Some(&"y");
            let slot = words.entry(word.to_string()).or_insert_with(|| {
                order.push(word.to_string());
                (strong, stemmed, i + 1)
            });
            slot.0 |= strong;
            slot.1 |= stemmed;
        }
        let mut lexicon = Lexicon::new();
        for word in order {
            let (strong, stemmed, line) = words[&word];
            let (sub, weight) = if strong {
                ("strongsubj", 1.0)
            } else {
                ("weaksubj", 0.5)
            };
            lexicon.push(entry(
                format!("mpqa:{word}"),
                category,
                Some(sub),
                vec![Term {
                    text: word.clone(),
                    wildcard: stemmed,
                    generated: false,
                }],
                weight,
                "",
                format!("{name} line {line}"),
            ))?;
        }
        Ok(lexicon)
    }

    /// A lexicon from a LIWC-style dictionary: a header between `%` lines mapping numbers to
    /// category names, then one term per line followed by its category numbers. Each LIWC
    /// category becomes one entry of `category`, with the LIWC name as subcategory.
    pub fn from_liwc_str(src: &str, name: &str, category: Category) -> Result<Lexicon> {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let mut lines = src.lines().enumerate().peekable();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        // Skip blank lines before the header.
        while lines.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
            lines.next();
        }
        match lines.next() {
            Some((_, l)) if l.trim() == "%" => {}
            Some((i, _)) => {
                return Err(Error::lexicon(format!(
                    "{name} line {}: a LIWC dictionary starts with a `%` line",
                    i + 1
                )))
            }
            None => return Ok(Lexicon::new()),
        }
        let mut closed = false;
        for (i, line) in lines.by_ref() {
            let line = line.trim();
            if line == "%" {
                closed = true;
                break;
            }
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(num), Some(cat)) = (parts.next(), parts.next()) else {
                return Err(Error::lexicon(format!(
                    "{name} line {}: expected `number name` in the header",
                    i + 1
                )));
            };
            if !num.chars().all(|c| c.is_ascii_digit()) {
                return Err(Error::lexicon(format!(
                    "{name} line {}: the category number `{num}` is not a number",
                    i + 1
                )));
            }
            if names.insert(num.to_string(), cat.to_string()).is_some() {
                return Err(Error::lexicon(format!(
                    "{name} line {}: category {num} is named twice in the header",
                    i + 1
                )));
            }
        }
        if !closed {
            return Err(Error::lexicon(format!(
                "{name}: the header has no closing `%` line"
            )));
        }
        // Per category: its terms in order, the set of them (a list search per term made a
        // category of n terms take time in n squared), and its first line.
        let mut terms: BTreeMap<String, (Vec<Term>, HashSet<Term>, usize)> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for (i, line) in lines {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            // The term is everything before the first field that is a category number; LIWC
            // multiword entries separate words with spaces.
            let fields: Vec<&str> = line.split(['\t', ' ']).filter(|f| !f.is_empty()).collect();
            let split = fields
                .iter()
                .position(|f| f.chars().all(|c| c.is_ascii_digit()))
                .unwrap_or(fields.len());
            if split == 0 {
                return Err(Error::lexicon(format!(
                    "{name} line {}: no term before the categories",
                    i + 1
                )));
            }
            if split == fields.len() {
                return Err(Error::lexicon(format!(
                    "{name} line {}: the term `{line}` has no category number",
                    i + 1
                )));
            }
            let term = Term::parse(&fields[..split].join(" "));
            if let Some(why) = super::dead_term(&term) {
                return Err(Error::lexicon(format!(
                    "{name} line {}: the term `{}` {why}",
                    i + 1,
                    term.text
                )));
            }
            for num in &fields[split..] {
                let Some(cat) = names.get(*num) else {
                    return Err(Error::lexicon(format!(
                        "{name} line {}: category {num} is not in the header",
                        i + 1
                    )));
                };
                let slot = terms.entry(cat.clone()).or_insert_with(|| {
                    order.push(cat.clone());
                    (Vec::new(), HashSet::new(), i + 1)
                });
                if slot.1.insert(term.clone()) {
                    slot.0.push(term.clone());
                }
            }
        }
        let mut lexicon = Lexicon::new();
        for cat in order {
            let (list, _, line) = terms.remove(&cat).unwrap_or_default();
            lexicon.push(entry(
                format!("liwc:{cat}"),
                category,
                Some(&cat),
                list,
                1.0,
                "",
                format!("{name} line {line}"),
            ))?;
        }
        Ok(lexicon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordlist_skips_comments_and_duplicates() {
        let l = Lexicon::from_wordlist_str(
            "# list\nabuse\nAbuse\n\nbrutal*\n",
            "w.txt",
            Category::Loaded,
        )
        .unwrap();
        assert_eq!(l.len(), 2);
        assert!(l.entries()[1].terms[0].wildcard);
    }

    #[test]
    fn mpqa_merges_parts_of_speech() {
        let src = "type=weaksubj len=1 word1=abandon pos1=verb stemmed1=y priorpolarity=negative\n\
                   type=strongsubj len=1 word1=abandon pos1=noun stemmed1=n priorpolarity=negative\n\
                   type=strongsubj len=1 word1=abase pos1=verb stemmed1=n priorpolarity=negative\n";
        let l = Lexicon::from_mpqa_str(src, "m.tff", Category::Loaded).unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l.entries()[0].subcategory.as_deref(), Some("strongsubj"));
        assert!(l.entries()[0].terms[0].wildcard);
        let err = Lexicon::from_mpqa_str("type=strongsubj len=1\n", "m.tff", Category::Loaded)
            .unwrap_err();
        assert!(err.message().contains("m.tff line 1: no `word1=` field"));
    }

    #[test]
    fn liwc_categories_wildcards_and_multiword() {
        let src = "%\n1\tnegemo\n2\tanger\n%\nabandon*\t1\nhate\t1\t2\nkind of\t2\n";
        let l = Lexicon::from_liwc_str(src, "d.dic", Category::Loaded).unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(&*l.entries()[0].id, "liwc:negemo");
        assert_eq!(
            l.entries()[1]
                .terms
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>(),
            ["hate", "kind of"]
        );
        let err =
            Lexicon::from_liwc_str("%\n1 a\n%\nx 9\n", "d.dic", Category::Loaded).unwrap_err();
        assert!(
            err.message()
                .contains("d.dic line 4: category 9 is not in the header"),
            "{err}"
        );
    }
}
